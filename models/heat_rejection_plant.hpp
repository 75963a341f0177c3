// Heat-rejection plant of one facility water loop, solved quasi-statically at each event.
// Water path: loop return -> heat-reuse exchangers -> economizer heat exchanger (free cooling from
// towers or dry coolers) -> chiller evaporators (trim or full load) -> loop supply. Any number of
// stages of each kind (a plant needs one that rejects heat).
//   duty   = min(load, m c_p (T_return - T_supply,set))    (the plant never cools below the set point;
//            a load the loop flow cannot carry at that set point is unmet)
//   reuse  : the HeatReuse stages take their share first, in series: stage k sees the water the ones
//            before it left, T_k = T_return - sum_{j<k} Q_reuse,j / (m c_p), and its own demand.
//   free   : Q_free = clip(m c_p (T_1 - (T_rw + dT_hx(Q_free))), 0, remaining duty), T_rw = water leaving
//            the towers/dry coolers, dT_hx(Q) = dT_hx,d Q / Q_d the approach of a fixed-UA counterflow
//            economizer exchanger (Q / UA), rated dT_hx,d at the towers'/dry coolers' design heat Q_d;
//            modes free and partial only.
//   chiller: the rest (modes partial and mechanical), leaving at T_supply,set. Banks in list order (lead
//            first): each takes what the banks before it could not, the fewest of its units that carry
//            it, sharing it equally. Water-cooled condensers (in parallel with each other) are in series
//            after the economizer exchanger on the rejection water (entering T_rw + Q_free / (m_rw c_p));
//            air-cooled ones reject to the dry bulb.
//   rejection water: towers/dry coolers (banks in parallel on one header, rejection_header.hpp) reject
//            Q_free + Q_cond(water-cooled). Their fans hold the
//            leaving water at T_supply,set - dT_hx (free, partial) or at the condenser-water set point
//            (mechanical; or its reset with the wet bulb, clamp(T_wb + approach, min, max), so the
//            chillers get the colder water a cool day offers); below minimum fan speed a bypass holds
//            the set point. When they cannot, the fans run flat out and T_rw solves T_rw = T_leaving,full(Q_rej(T_rw)) by regula falsi.
//            In partial mode, when the economizer can take nothing (the chillers' condenser heat warms
//            the shared water too much), the plant runs as mechanical and reports that mode. In free
//            mode, when the economizer cannot hold the set point, the chillers stage on to trim it
//            (partial mode, reported). A plant without chillers runs its free cooling in every mode.
//   short  : the plant removes only what its equipment can at the entering water and weather; the
//            rest is `unmet_w` and the water leaves warmer (supply_temp_c above the set point). The
//            facility floats the loop supply to where the plant carries what the loop brings
//            (models/facility.cpp), so unmet heat stays in the thermal network.
//   pumps  : condenser/rejection water pumps, variable speed (default): the flow follows the heat
//            the plant will send to the water, m = m_d clamp(Q_w / Q_d, f_min, 1),
//            Q_w = the duty after heat reuse times (1 + 1 / COP_ref) of the lead water-cooled bank,
//            Q_d = the towers'/dry coolers' design heat, f_min = 0.5, full flow when the towers or
//            dry coolers cannot reach their set point (fans flat out); power by
//            the affinity laws (fluid_machine.hpp). Or constant design flow (pump_variable false). Either
//            way they run while heat goes to the water (defaults: Lei & Masanet 2020 tower pump,
//            212 kPa, eta 0.72; pump_pressure_pa, pump_efficiency).
// Energy balance: heat rejected + heat reused + unmet = load + compressor power + heat-pump power
// (unmet is heat left in the water, not rejected). Fan and pump power is not added to the water: fan heat leaves with the
// exhaust air, pump heat (< 1 % of the load) is neglected in the water temperatures.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "models/chiller.hpp"
#include "models/cooling_tower.hpp"
#include "models/dry_cooler.hpp"
#include "models/economizer_control.hpp"
#include "models/fluid_machine.hpp"
#include "models/heat_reuse.hpp"
#include "models/rejection_header.hpp"
#include "models/supply_reset.hpp"

namespace dcsim::models {

// One bank of identical chillers.
struct ChillerBankParams {
  std::string name;  // as the scenario names it (failures: cooling.plants[P].chillers[NAME])
  ChillerParams unit;
  int count = 1;
};

// A chain of stages on the loop water, any number of each kind: heat reuse (in series, in list order)
// -> economizer heat exchanger -> chiller banks (staged in list order) -> heat rejection (banks in
// parallel on one condenser-water header, models/rejection_header.hpp).
struct HeatRejectionPlantParams {
  std::vector<HeatReuseParams> heat_reuse;       // in series on the loop return, first first
  double economizer_hx_approach_k = 2.29;        // Lei & Masanet
  std::vector<ChillerBankParams> chillers;       // lead bank first
  std::vector<RejectionBankParams> rejection;    // towers and dry coolers on the condenser water
  double condenser_water_set_c = 24.0;           // rejection leaving-water set point in mechanical mode
  std::optional<SupplyReset> condenser_water_reset;  // set point = clamp(wet bulb + approach, min, max) instead
  int pump_count = 1;
  double pump_pressure_pa = 212e3;               // Lei & Masanet tower pump
  double pump_efficiency = 0.72;
  bool pump_variable = true;                     // condenser flow follows the heat to reject (else design flow)
  double pump_min_flow_fraction = 0.5;           // of design flow, variable speed
  int chiller_units() const;
};

// Units up per bank, in list order (-1, or a bank past the end of the span: all up).
struct PlantAvailability {
  std::span<const int> chillers_up;
  std::span<const int> rejection_up;
  int pumps_up = -1;
  int chillers_up_at(std::size_t b) const { return b < chillers_up.size() ? chillers_up[b] : -1; }
};

struct PlantInputs {
  double load_w = 0.0;            // heat to remove from the loop
  double return_temp_c = 0.0;
  double supply_set_c = 0.0;
  double flow_kg_s = 0.0;         // loop water flow
  double dry_bulb_c = 0.0;
  double wet_bulb_c = 0.0;
  std::span<const double> reuse_demand_w;  // per heat-reuse stage (absent: 0)
  EconomizerMode mode = EconomizerMode::mechanical;
  PlantAvailability available;
};

struct PlantPower {
  double compressor_w = 0.0;
  double fans_w = 0.0;            // tower / dry cooler fans, tower basin heaters
  double pumps_w = 0.0;           // condenser / rejection water pumps, closed-tower spray pumps
  double heat_pump_w = 0.0;
  double total_w() const { return compressor_w + fans_w + pumps_w + heat_pump_w; }
};

struct PlantWater {
  double evaporation_kg_s = 0.0;
  double drift_kg_s = 0.0;
  double blowdown_kg_s = 0.0;
  double adiabatic_kg_s = 0.0;
  double total_kg_s() const { return evaporation_kg_s + drift_kg_s + blowdown_kg_s + adiabatic_kg_s; }
};

struct PlantOutput {
  double supply_temp_c = 0.0;     // may exceed the set point when capacity is short
  double heat_removed_w = 0.0;    // from the loop water
  double heat_rejected_w = 0.0;   // to ambient
  double heat_reused_w = 0.0;     // to the district
  double unmet_w = 0.0;
  double free_cooling_w = 0.0;
  double chiller_cooling_w = 0.0;
  double rejection_leaving_temp_c = 0.0;
  int chillers_running = 0;
  PlantPower power;
  PlantWater water;
  EconomizerMode mode = EconomizerMode::mechanical;
  bool curve_extended = false;
  bool capacity_short = false;    // unmet load
  bool rejection_short = false;   // towers / dry coolers could not reach their set point (usual in partial mode)
};

class HeatRejectionPlant {
 public:
  explicit HeatRejectionPlant(const HeatRejectionPlantParams& params);

  const HeatRejectionPlantParams& params() const { return params_; }
  bool has_rejection() const { return !rejection_.empty(); }
  bool has_chillers() const { return !chillers_.empty(); }
  PlantOutput solve(const PlantInputs& in) const;
  // Coldest loop water the economizer could give now: the towers' / dry coolers' achievable leaving
  // temperature for the loop's heat alone, fans flat out, plus the exchanger approach (+inf without
  // working heat rejection). Feed it to EconomizerController::decide_free_water.
  double free_water_temp_c(const PlantInputs& in) const;

 private:
  struct ChillerStage {  // the banks together at one operating point
    int running = 0;
    double cooling_w = 0.0, power_w = 0.0, condenser_heat_w = 0.0, water_condenser_heat_w = 0.0, unmet_w = 0.0;
    bool curve_extended = false;
  };
  // Banks in list order, each taking what the ones before it left: the fewest units that carry it,
  // sharing it equally. Water-cooled condensers enter at condenser_in_c, air-cooled ones at the air.
  ChillerStage run_chillers(double load_w, double leaving_c, double condenser_in_c, double dry_bulb_c,
                            const PlantAvailability& av, bool water_ok) const;
  // The condenser pumps at the flow a heat to the water asks for (variable) or at design flow.
  FluidMachineOperation condenser_pumps(double water_heat_w, int pumps_up) const;
  // The economizer exchanger's approach per watt it carries (dT_hx at the rejection's design heat).
  double hx_approach_per_w() const;
  // Heat to the condenser water per unit of chiller duty: 1 + 1 / COP_ref of the lead water-cooled
  // bank (1 without one), for the condenser flow the pumps are asked for.
  double condensing_heat_factor_ = 1.0;

  HeatRejectionPlantParams params_;
  RejectionHeader rejection_;
  std::vector<Chiller> chillers_;
  std::optional<FluidMachine> pumps_;
  std::vector<HeatReuse> reuse_;
};

}  // namespace dcsim::models
