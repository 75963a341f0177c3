// Embodied (manufacturing) carbon of a server, given or estimated with the ACT model (Gupta et al.,
// "ACT: designing sustainable computer systems with an architectural carbon modeling tool",
// ISCA 2022):
//   logic die, per cm2:  CPA = (CI_fab * EPA + GPA + MPA) / Y
//     CI_fab fab grid intensity (g/kWh; Taiwan 583), EPA fab energy per area (kWh/cm2; 7 nm 2.15),
//     GPA fab gases per area (g/cm2; 7 nm 200-350, default the midpoint 275), MPA materials per
//     area (g/cm2; 500), Y yield (7 nm 0.875)
//   package:             C = dies * area * CPA + 150 g
//   memory and storage:  C = GB * 65 g (DRAM),  C = GB * 18.5 g (SSD, midpoint of ACT's 6-31 g/GB)
//   rest of the server (boards, power supplies, chassis, fans, assembly, transport): given, or by
//   default the Boavizta generic server total (3.7 tCO2e) less the ACT estimate of the reference
//   configuration's processors, memory and storage (boavizta_reference_server below)
// Annualized over the lifetime (Boavizta default for servers 4 years):
//   annual = total / lifetime_years;  over a period T:  total * T / (lifetime_years * 365 d)
#pragma once

#include <optional>
#include <vector>

#include "sim/time.hpp"

namespace dcsim::models {

// One kind of logic package (CPU, GPU, accelerator), the ACT 7 nm figures by default.
struct LogicPackage {
  double die_area_cm2 = 0;               // > 0
  int dies_per_package = 1;              // >= 1
  int count = 1;                         // packages of this kind in the server, >= 0
  double fab_intensity_g_per_kwh = 583;  // Taiwan grid (ACT)
  double fab_energy_kwh_per_cm2 = 2.15;  // 7 nm (ACT)
  double fab_gases_g_per_cm2 = 275;      // 7 nm, midpoint of ACT's 200-350
  double materials_g_per_cm2 = 500;      // ACT
  double yield = 0.875;                  // 7 nm (ACT), in (0, 1]
  double package_g = 150;                // ACT packaging per IC
};

struct ActServerSpec {
  std::vector<LogicPackage> packages;
  double dram_gb = 0;
  double dram_g_per_gb = 65;  // ACT
  double ssd_gb = 0;
  double ssd_g_per_gb = 18.5;  // midpoint of ACT's 6-31 g/GB
  // Default (empty): boavizta_rest_of_server_g().
  std::optional<double> rest_of_server_g;
};

// CPA of a die, g/cm2.
double act_die_g_per_cm2(const LogicPackage& p);
// All packages of one kind, g.
double act_packages_g(const LogicPackage& p);
// Processors, memory and storage of a spec (without the rest of the server), g.
double act_components_g(const ActServerSpec& s);
// The whole server, g.
double act_server_g(const ActServerSpec& s);

// The ACT estimate of a server by part: the logic chips (dies and packages: CPUs, GPUs,
// accelerators), memory and storage (DRAM, SSD), and the rest of the server; they sum to act_server_g.
struct EmbodiedSplit {
  double chips_g = 0;
  double memory_storage_g = 0;
  double rest_g = 0;
  double total_g() const { return chips_g + memory_storage_g + rest_g; }
};
EmbodiedSplit act_split_g(const ActServerSpec& s);

inline constexpr double kBoaviztaGenericServerG = 3.7e6;
inline constexpr double kBoaviztaServerLifetimeYears = 4;
// Reference configuration for the split of the Boavizta total: two packages of one 4 cm2 7 nm die
// each, 384 GB DRAM, 1920 GB SSD (rest_of_server_g left empty).
ActServerSpec boavizta_reference_server();
// kBoaviztaGenericServerG - act_components_g(boavizta_reference_server()).
double boavizta_rest_of_server_g();

struct EmbodiedCarbonParams {
  std::optional<double> per_server_kg;  // given; otherwise estimated from `act`
  ActServerSpec act;
  double lifetime_years = kBoaviztaServerLifetimeYears;  // > 0
};

class EmbodiedCarbon {
 public:
  explicit EmbodiedCarbon(EmbodiedCarbonParams params);
  double per_server_g() const { return per_server_g_; }
  double annual_per_server_g() const { return per_server_g_ / params_.lifetime_years; }
  // Share of the embodied carbon attributed to a period of operation (365-day years).
  double per_server_for_period_g(sim::Time period) const;
  // The ACT estimate by part, per server; none when the footprint is given as one figure.
  std::optional<EmbodiedSplit> split_per_server_g() const;
  const EmbodiedCarbonParams& params() const { return params_; }

 private:
  EmbodiedCarbonParams params_;
  double per_server_g_;
};

}  // namespace dcsim::models
