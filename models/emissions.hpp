// Operational emissions, the baseline they are compared with, avoided emissions and equivalences.
//   Emissions of electric energy E at intensity f:  m[g] = E[J] / 3.6e6 * f[g/kWh]
//   Scenario:  S = sum over intervals of m;  E_fac, E_IT its facility and IT energy;
//              PUE_s = E_fac / E_IT;  f_s = S / E_fac (effective intensity of the energy it drew)
//   Baseline:  B = E_IT * PUE_b * f_b  (same IT energy, a reference facility and supply),
//              PUE_b default 1.57 (Uptime Institute global survey 2021); or B given directly (a
//              reference scenario), with f_b = B / (E_IT * PUE_b) implied
//   Avoided:   A = B - S = efficiency part + supply part, exactly:
//              efficiency = (PUE_b - PUE_s) * E_IT * f_b = (PUE_b * E_IT - E_fac) * f_b
//              supply     = E_fac * (f_b - f_s)          = E_fac * f_b - S
//              (sum: PUE_b E_IT f_b - E_fac f_b + E_fac f_b - S = B - S; proof in docs/carbon.md)
//   Equivalences (EPA Greenhouse Gas Equivalencies Calculator, see EquivalenceFactors):
//              homes = annual emissions / home energy use per year; vehicles likewise.
// Totals are summed with Neumaier's compensated summation (Neumaier 1974), so a year of millions of
// intervals keeps the rounding error of a single addition.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "sim/time.hpp"

namespace dcsim::models {

// m[g] = E[J] / 3.6e6 * f[g/kWh]
double operational_emissions_g(double energy_j, double intensity_g_per_kwh);

// Neumaier's variant of Kahan summation: the running sum plus a compensation of lost low bits.
class CompensatedSum {
 public:
  void add(double x);
  double value() const { return sum_ + compensation_; }

 private:
  double sum_ = 0;
  double compensation_ = 0;
};

struct EmissionsTotals {
  double it_energy_j = 0;
  double facility_energy_j = 0;
  double emissions_g = 0;
  double pue() const { return it_energy_j > 0 ? facility_energy_j / it_energy_j : 0.0; }
  // f_s = S / E_fac in g/kWh; 0 when no energy was drawn.
  double intensity_g_per_kwh() const;
};

// Scenario totals of a run, added interval by interval.
class EmissionsAccumulator {
 public:
  void add(double it_energy_j, double facility_energy_j, double emissions_g);
  EmissionsTotals totals() const;

 private:
  CompensatedSum it_j_, facility_j_, emissions_g_;
};

inline constexpr double kUptime2021AveragePue = 1.57;

struct BaselineParams {
  double pue = kUptime2021AveragePue;  // >= 1
  // Exactly one of the two: the grid the reference facility would draw from (g/kWh), or the
  // emissions of a reference scenario over the same period and IT energy (g).
  std::optional<double> intensity_g_per_kwh;
  std::optional<double> reference_emissions_g;
  std::string
      description;  // what the counterfactual is, e.g. "US average grid, eGRID2022, 373 g/kWh"
};

class Baseline {
 public:
  explicit Baseline(BaselineParams params);
  // B for a scenario that delivered it_energy_j to IT.
  double emissions_g(double it_energy_j) const;
  // f_b: the stated intensity, or the one the reference emissions imply (0 if it_energy_j is 0).
  double intensity_g_per_kwh(double it_energy_j) const;
  const BaselineParams& params() const { return params_; }

 private:
  BaselineParams params_;
};

struct AvoidedEmissions {
  double baseline_g = 0;
  double scenario_g = 0;
  double avoided_g = 0;     // baseline - scenario
  double efficiency_g = 0;  // due to the lower PUE, at baseline intensity
  double supply_g = 0;      // due to the cleaner supply, at scenario facility energy
  double baseline_pue = 0;
  double scenario_pue = 0;
  double baseline_intensity_g_per_kwh = 0;
  double scenario_intensity_g_per_kwh = 0;
};

AvoidedEmissions avoided_emissions(const Baseline& baseline, const EmissionsTotals& scenario);

// EPA Greenhouse Gas Equivalencies Calculator factors. Defaults: the calculator's Calculations and
// References page as of 2022 (home energy use 7.94 tCO2 per home per year; passenger vehicle 4.6
// tCO2e per vehicle per year). The home figure moves between editions (about 7.5-8.4 t): override
// it with the edition you cite.
struct EquivalenceFactors {
  double home_energy_g_per_year = 7.94e6;
  double passenger_vehicle_g_per_year = 4.6e6;
  std::string_view edition = "EPA Greenhouse Gas Equivalencies Calculator, 2022 edition";
};

// Emissions of a period scaled to a year of 365 days (8760 h, EPA's annual basis).
double per_year_g(double emissions_g, sim::Time period);
// Number of US homes whose energy use for a year emits as much.
double us_homes_equivalent(double emissions_g_per_year, const EquivalenceFactors& f = {});
// Number of passenger vehicles driven for a year that emit as much.
double passenger_vehicles_equivalent(double emissions_g_per_year, const EquivalenceFactors& f = {});

}  // namespace dcsim::models
