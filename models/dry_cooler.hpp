// Dry cooler (closed-circuit air-cooled fluid cooler), several units sharing the fluid flow, fans at
// one common variable speed, with optional adiabatic pre-cooling of the entering air.
// Heat transfer: counterflow effectiveness-NTU between C_w = m_w c_p and C_a = m_a c_p,air
// (a multi-row cross-counterflow coil approaches counterflow), UA = UA_d * g^0.6 * (m_w / m_w,d)^0.4,
// g = fan speed * units up / units = air flow fraction (air-side film coefficient ~ velocity^0.6);
// UA_d is calibrated at the design point: heat, dry bulb, approach (leaving fluid - entering air;
// median 10 K, Energies 2023 16(9) 3661), range and air temperature rise. At fixed flows the approach is
// proportional to the load: T_out = T_air + Q (1/(eps C_min) - 1/C_w).
// Adiabatic assist, above a dry-bulb threshold: the air is pre-cooled by wetted pads,
//   T_air = DB - e (DB - WB)   (direct evaporative cooler effectiveness e, default 0.7),
//   evaporated water = m_a c_p,air (DB - T_air) / h_fg(T_air); water supplied = evaporated / eta_water
//   (eta_water < 1 covers pad bleed and overspray). The pads' extra pressure drop is neglected.
// Fans: the lowest speed in [s_min, 1] that reaches the set point; P = P_d * (units up / units) * s^n,
// P_d = specific power * design heat.
#pragma once

#include <string>

#include "models/rejection_equipment.hpp"

namespace dcsim::models {

struct DryCoolerParams {
  double design_heat_w = 0.0;          // all units together
  int unit_count = 1;
  double design_dry_bulb_c = 35.0;
  double design_approach_k = 10.0;     // leaving fluid - entering air, at design heat
  double design_range_k = 6.0;
  double design_air_rise_k = 10.0;     // air temperature rise at design (fixes the air flow)
  double fan_specific_power = 0.02;    // W of fan per W rejected at design
  double fan_min_speed_fraction = 0.2;
  double fan_affinity_exponent = 3.0;
  double air_flow_exponent = 0.6;
  bool adiabatic = false;
  double adiabatic_effectiveness = 0.7;
  double adiabatic_threshold_c = 25.0;  // pads wetted when the dry bulb is above this
  double adiabatic_water_efficiency = 0.8;  // evaporated / supplied water
};

struct DryCoolerOperation {
  double heat_w = 0.0;
  double entering_temp_c = 0.0;
  double leaving_temp_c = 0.0;
  double air_inlet_temp_c = 0.0;  // after the pads
  double fan_speed_fraction = 0.0;
  double fan_power_w = 0.0;
  bool adiabatic_on = false;
  double adiabatic_water_kg_s = 0.0;
  bool capacity_short = false;
};

class DryCooler {
 public:
  explicit DryCooler(const DryCoolerParams& params);

  const DryCoolerParams& params() const { return params_; }
  double design_water_flow_kg_s() const { return water_flow_d_kg_s_; }
  // Air temperature entering the coil: the dry bulb, or the pre-cooled air when the pads are on.
  double air_inlet_temp_c(double dry_bulb_c, double wet_bulb_c) const;
  double leaving_temp_c(double heat_w, double air_in_c, double water_flow_kg_s, double air_fraction) const;
  double achievable_leaving_temp_c(double heat_w, double dry_bulb_c, double wet_bulb_c, double water_flow_kg_s,
                                   int units_up = -1) const;
  // The heat the units up reject with the water entering at entering_c, fans at full speed:
  // Q = eps C_min (T_in - T_air,in) (0 with no unit up, or water no warmer than the air).
  double achievable_heat_w(double entering_c, double dry_bulb_c, double wet_bulb_c, double water_flow_kg_s,
                           int units_up = -1) const;
  DryCoolerOperation operate(double heat_w, double dry_bulb_c, double wet_bulb_c, double water_flow_kg_s,
                             double leaving_set_c, int units_up = -1) const;

 private:
  // eps C_min of the counterflow coil (W/K) at a water flow and an air flow fraction.
  double effective_capacity_rate_w_per_k(double water_flow_kg_s, double air_fraction) const;

  DryCoolerParams params_;
  double water_flow_d_kg_s_ = 0.0;
  double air_flow_d_kg_s_ = 0.0;
  double ua_d_w_per_k_ = 0.0;
};

// The dry coolers as a bank on a plant's condenser water (models/rejection_equipment.hpp).
RejectionBankParams dry_cooler_bank(std::string name, const DryCoolerParams& params);

}  // namespace dcsim::models
