// Fans and pumps: one group of identical, variable-speed units in parallel.
//   Design point of one unit:  P_d = V_d * dp_d / eta            (shaft-to-wire efficiency eta)
//   Affinity laws at speed s:  V = s V_d,  dp = s^2 dp_d,  P = s^n P_d   (n = 3 for a pure friction
//                              system; 2-2.7 where static pressure remains; REFERENCE.md section 3)
//   Sharing: a flow V is split equally among k running units, s = V / (k V_d). Because P ~ s^n with
//   n > 1, k is the largest count up that keeps s >= s_min; below s_min the unit runs at s_min.
// Source: fan and pump affinity laws (ASHRAE Handbook HVAC Systems and Equipment, ch. 21 and 44);
// design figures of Lei & Masanet 2020 (Energy 197, 117556).
#pragma once

namespace dcsim::models {

// Properties of the fluids moved and heated by the plant, at 15-40 degC.
inline constexpr double kWaterCpJPerKgK = 4186.0;
inline constexpr double kWaterDensityKgPerM3 = 997.0;
inline constexpr double kAirCpJPerKgK = 1006.0;
inline constexpr double kAirDensityKgPerM3 = 1.2;
inline constexpr double kZeroCelsiusK = 273.15;

struct FluidMachineParams {
  double design_flow_m3_s = 0.0;      // one unit at full speed
  double design_pressure_pa = 0.0;    // pressure rise of one unit at full speed
  double efficiency = 0.7;            // wire-to-fluid, (0, 1]
  double affinity_exponent = 3.0;     // P ~ speed^n, [1, 3]
  double min_speed_fraction = 0.2;    // [0, 1]
  int unit_count = 1;
};

// Defaults of the facility's pumps and fans, declared once: the configuration structs start from them
// and the scenario schema shows and applies them (app/scenario_schema.cpp).
inline constexpr FluidMachineParams kCoolantPumpDefaults{0.0, 200e3, 0.75, 3.0, 0.3, 2};  // technology loop
inline constexpr FluidMachineParams kLoopPumpDefaults{0.0, 150e3, 0.75, 3.0, 0.3, 2};     // plant (primary) loop
inline constexpr FluidMachineParams kCrahFanDefaults{0.0, 685.0, 0.83, 3.0, 0.3, 10};     // Lei & Masanet 2020

struct FluidMachineOperation {
  double flow_m3_s = 0.0;       // delivered (>= requested at minimum speed, <= capacity)
  double power_w = 0.0;         // electric, all running units
  double speed_fraction = 0.0;  // of each running unit
  int units_running = 0;
  bool flow_short = false;      // requested flow above the capacity of the units up
};

class FluidMachine {
 public:
  explicit FluidMachine(const FluidMachineParams& params);

  const FluidMachineParams& params() const { return params_; }
  double design_power_w() const { return design_power_w_; }  // one unit
  double capacity_m3_s(int units_up) const;
  // Operating point for a required flow with `units_up` units available (-1: all).
  FluidMachineOperation operate(double flow_m3_s, int units_up = -1) const;
  double power_w(double flow_m3_s, int units_up = -1) const { return operate(flow_m3_s, units_up).power_w; }

 private:
  FluidMachineParams params_;
  double design_power_w_;
};

// Volume flow that carries heat_w with a temperature change delta_t_k.
double flow_for_heat_m3_s(double heat_w, double delta_t_k, double density_kg_per_m3, double cp_j_per_kg_k);

}  // namespace dcsim::models
