// Mechanical-draft wet cooling tower (open, or closed-circuit with a spray pump), several cells
// sharing the water flow, fans at one common variable speed.
// Heat transfer: Braun, Klein & Mitchell (1989), "Effectiveness models for cooling towers and cooling
// coils", ASHRAE Trans. 95(2): the air is represented by its enthalpy, linearised over the water's
// temperature span as a fictitious specific heat c_s = (h_sat(T_in) - h_sat(T_wb)) / (T_in - T_wb), so the
// tower is a counterflow exchanger between C_w = m_w c_p and C_a = m_a c_s:
//   Q = eps(NTU, C_min / C_max) * C_min * (T_in - T_wb),   counterflow eps,   UA = hDA * c_s,
//   hDA = hDA_d * g^0.6 * (m_w / m_w,d)^0.4   (Braun's NTU = c (m_w/m_a)^(1+n), n = -0.6),
//   g = fan speed * cells up / cells = air flow fraction.
// hDA_d is calibrated at the design point (heat, wet bulb, approach, range, L/G). Hence the approach
// grows roughly in proportion to the load at fixed flows and widens when the wet bulb is cold (small c_s).
// T_in is the root of T_in = T_wb + Q / (eps C_min)(c_s(T_in)), found by secant steps with a bracketed
// fallback (plain fixed-point iteration oscillates at low air flow and cold wet bulb).
// Fans: the lowest speed in [s_min, 1] that brings the leaving water to its set point;
// P_fan = P_fan,d * (cells up / cells) * s^n, P_fan,d = specific power * design heat (open towers
// 0.012-0.021 W/W, Energies 2023 16(9) 3661).
// Water: evaporation from the moist-air balance, the air leaving saturated at the enthalpy the heat
// gives it (EnergyPlus Engineering Reference, cooling towers, \"saturated exit\" evaporation loss):
//   h_out = h_in + Q / m_a,  h_sat(T_out) = h_out,  m_evap = m_a (W_sat(T_out) - W_in),
// W_in from the dry and wet bulb (ASHRAE Fundamentals 2017 ch. 1 eq. 33), so dry entering air takes
// more water than Q / h_fg (the air is also cooled) and humid air less (the air is also warmed);
// drift = fraction of the circulating flow; blowdown = evaporation / (cycles - 1).
// Basin heater (EnergyPlus CoolingTower basin heater): P = capacity * (T_set - T_db) below T_set, in the
// cells that reject no heat (circulating warm water keeps a working cell's basin from freezing).
// Psychrometrics: saturation pressure by the Magnus form of Alduchov & Eskridge (1996); saturated
// air enthalpy h = 1006 T + W_s (2.501e6 + 1860 T), W_s = 0.621945 p_ws / (p - p_ws) (ASHRAE
// Fundamentals 2017 ch. 1); h_fg(T) = 2.501e6 - 2361 T J/kg (linear fit to steam tables, 0-60 degC).
#pragma once

#include <algorithm>
#include <cmath>
#include <string>

#include "models/rejection_equipment.hpp"
#include "models/root_finding.hpp"

namespace dcsim::models {

double saturated_air_enthalpy_j_per_kg(double temp_c, double pressure_pa = 101325.0);
double water_latent_heat_j_per_kg(double temp_c);

// Counterflow heat-exchanger effectiveness and its inverse (Incropera, Table 11.3/11.4).
double counterflow_effectiveness(double ntu, double capacity_ratio);
double counterflow_ntu(double effectiveness, double capacity_ratio);

// Fan control of a heat-rejection unit (towers, dry coolers): the lowest speed in [s_min, 1] that
// brings the leaving water down to set_c, where leaving(s) falls with the speed s. s_min when even
// that is cold enough (a bypass then holds the set point); full speed, flagged short, when full speed
// is not enough.
struct FanSpeedPoint {
  double speed = 1.0;
  double leaving_c = 0.0;
  bool capacity_short = false;
};
template <typename F>
FanSpeedPoint lowest_fan_speed(F&& leaving, double min_speed_fraction, double set_c) {
  const double s_min = std::max(min_speed_fraction, 1e-3);
  FanSpeedPoint p;
  p.leaving_c = leaving(1.0);
  if (p.leaving_c > set_c) {
    p.capacity_short = true;
  } else if (const double t_min = leaving(s_min); t_min <= set_c) {
    p.speed = s_min;
    p.leaving_c = t_min;
  } else {
    p.speed = find_root([&](double x) { return leaving(x) - set_c; }, s_min, 1.0, t_min - set_c, p.leaving_c - set_c,
                        1e-9, 1e-7);
    p.leaving_c = leaving(p.speed);
  }
  return p;
}

struct CoolingTowerParams {
  double design_heat_w = 0.0;          // all cells together
  int cell_count = 1;
  double design_wet_bulb_c = 25.6;     // CTI rating point
  double design_approach_k = 5.0;      // median of open towers (closed: 6.5 K)
  double design_range_k = 5.6;
  double liquid_to_gas_ratio = 1.2;    // water / air mass flow at design
  double fan_specific_power = 0.015;   // W of fan per W rejected at design
  double fan_min_speed_fraction = 0.2;
  double fan_affinity_exponent = 3.0;
  double air_flow_exponent = 0.6;      // hDA ~ m_a^0.6 m_w^(1 - 0.6)
  bool closed_circuit = false;
  double spray_pump_specific_power = 0.003;  // closed circuit: W per W of design heat, on while rejecting
  double drift_fraction = 5e-5;        // of the circulating flow (0.005 %)
  double cycles_of_concentration = 4.0;
  double basin_heater_w_per_k = 0.0;   // all cells together; 0: none (EnergyPlus's default)
  double basin_heater_set_c = 2.0;     // outdoor dry bulb below which it heats (EnergyPlus's default)
};

// Entering air of a tower: its humidity ratio from dry and wet bulb, by the wet-bulb energy balance with
// the Magnus saturation the tower uses (ASHRAE Fundamentals 2017 ch. 1 eq. 33; W = W_s(T_wb) at
// saturation, exactly); the dry bulb is clamped to at least the wet bulb.
double tower_inlet_humidity_ratio(double dry_bulb_c, double wet_bulb_c, double pressure_pa = 101325.0);
// Saturated humidity ratio by the same Magnus form.
double saturated_humidity_ratio(double temp_c, double pressure_pa = 101325.0);
// Water evaporated when air_kg_s of dry air at (dry_bulb_c, wet_bulb_c) takes heat_w and leaves
// saturated at h_in + heat_w / air_kg_s (0 for no heat or no air).
double saturated_exit_evaporation_kg_s(double heat_w, double dry_bulb_c, double wet_bulb_c, double air_kg_s);

CoolingTowerParams open_cooling_tower(double design_heat_w);
CoolingTowerParams closed_cooling_tower(double design_heat_w);  // approach 6.5 K, spray pump
// The towers as a bank on a plant's condenser water (models/rejection_equipment.hpp).
RejectionBankParams tower_bank(std::string name, const CoolingTowerParams& params);

struct CoolingTowerOperation {
  double heat_w = 0.0;
  double entering_temp_c = 0.0;
  double leaving_temp_c = 0.0;
  double fan_speed_fraction = 0.0;
  double fan_power_w = 0.0;
  double spray_pump_power_w = 0.0;
  double evaporation_kg_s = 0.0;
  double drift_kg_s = 0.0;
  double blowdown_kg_s = 0.0;
  double basin_heater_w = 0.0;
  bool capacity_short = false;  // set point not reached at full fan speed
  double water_kg_s() const { return evaporation_kg_s + drift_kg_s + blowdown_kg_s; }
};

class CoolingTower {
 public:
  explicit CoolingTower(const CoolingTowerParams& params);

  const CoolingTowerParams& params() const { return params_; }
  double design_water_flow_kg_s() const { return water_flow_d_kg_s_; }
  // Leaving water temperature rejecting heat_w at an air flow fraction (fan speed * cells up / cells).
  double leaving_temp_c(double heat_w, double wet_bulb_c, double water_flow_kg_s, double air_fraction) const;
  // The coldest leaving water the cells up can reach (fans at full speed); +inf with no cell up.
  double achievable_leaving_temp_c(double heat_w, double wet_bulb_c, double water_flow_kg_s,
                                   int cells_up = -1) const;
  // The heat the cells up reject with the water entering at entering_c, fans at full speed:
  // Q = eps C_min (T_in - T_wb), the same relation leaving_temp_c solves for T_in (0 with no cell up,
  // or water no warmer than the wet bulb).
  double achievable_heat_w(double entering_c, double wet_bulb_c, double water_flow_kg_s, int cells_up = -1) const;
  // Rejects heat_w, fans at the lowest speed that reaches leaving_set_c (full speed if it cannot), the
  // air entering at (dry_bulb_c, wet_bulb_c).
  CoolingTowerOperation operate(double heat_w, double dry_bulb_c, double wet_bulb_c, double water_flow_kg_s,
                                double leaving_set_c, int cells_up = -1) const;
  // The same with saturated entering air (dry bulb = wet bulb).
  CoolingTowerOperation operate(double heat_w, double wet_bulb_c, double water_flow_kg_s, double leaving_set_c,
                                int cells_up = -1) const {
    return operate(heat_w, wet_bulb_c, wet_bulb_c, water_flow_kg_s, leaving_set_c, cells_up);
  }
  // Design dry-air flow of all cells (kg/s).
  double design_air_flow_kg_s() const { return air_flow_d_kg_s_; }

 private:
  // eps C_min of the counterflow exchange (W/K) at the entering water temperature t_in.
  double effective_capacity_rate_w_per_k(double wet_bulb_c, double t_in, double c_w, double hda, double air_fraction) const;

  CoolingTowerParams params_;
  double water_flow_d_kg_s_ = 0.0;
  double air_flow_d_kg_s_ = 0.0;
  double hda_d_kg_s_ = 0.0;
};

}  // namespace dcsim::models
