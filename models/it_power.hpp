// IT power of a group of identical racks as a function of utilization u in [0, 1] and inlet air
// temperature. Per rack at the reference inlet, P_ref(u) = P_idle + (P_peak - P_idle) f(u) with
//   linear     f(u) = u                                  (Fan, Weber & Barroso, ISCA 2007)
//   power law  f(u) = u^k                                (k < 1: concave, as many SPECpower curves)
//   table      f(u) piecewise linear through (u_i, f_i) points, f(0) = 0, f(1) = 1, non-decreasing
//              (convert a SPECpower table with f_i = (P_i - P_idle) / (P_peak - P_idle)).
// Server fans, in the style of EnergyPlus ElectricEquipment:ITE:AirCooled (Engineering Reference,
// "Heat Gain from IT Equipment": P_fan = P_fan,design * f(FlowFrac), FlowFrac a function of loading
// and inlet temperature): a share s_fan of P_ref(u) is fan power at the reference inlet T_ref.
// Above T_ref the fans speed up linearly, r(T) = min(r_max, 1 + g (T - T_ref)), and fan power
// follows the cube affinity law, so
//   P(u, T) = P_ref(u) (1 - s_fan + s_fan r(T)^3).
// Defaults s_fan = 0.05, T_ref = 25 degC, g = 0.04 /K, r_max = 2 give +8.7 % at 35 degC and +15.5 %
// at 40 degC, the order of the server power rise with inlet temperature reported by ASHRAE TC 9.9
// (2011 whitepaper on expanded classes) [K]. All electric power ends as heat: a share c (liquid
// capture ratio) into the liquid loop, the rest into the air; c = 0.95 full-coverage cold plates,
// 0.70-0.85 CPU/GPU-only cold plates [K], 1.0 immersion (REFERENCE section 3).
// Heat capacity of a loaded rack: default 700 kg of mostly steel and aluminium at 500 J/(kg K),
// 3.5e5 J/K per rack [K]. Useful work, when given, is proportional to utilization.
#pragma once

#include <optional>
#include <vector>

namespace dcsim::models {

enum class PowerCurve { kLinear, kPowerLaw, kTable };

struct UtilizationPoint {
  double utilization;  // 0..1
  double fraction;     // of the dynamic range: 0 at idle power, 1 at peak power
};

struct ServerFanParams {
  double power_share = 0.05;             // fan share of rack power at T_ref
  double reference_inlet_temp_c = 25.0;  // fans at design speed up to this inlet temperature
  double speed_rise_per_k = 0.04;        // fractional fan speed increase per kelvin above T_ref
  double max_speed_ratio = 2.0;          // fan speed cap relative to design
};

struct RackGroupParams {
  int rack_count = 1;
  double idle_power_w = 4000.0;   // per rack, at u = 0 and T <= T_ref [K]
  double peak_power_w = 10000.0;  // per rack, at u = 1 and T <= T_ref [K]
  PowerCurve curve = PowerCurve::kLinear;
  double exponent = 1.0;                // power law only
  std::vector<UtilizationPoint> table;  // table only
  ServerFanParams fans;
  double liquid_capture_share = 0.0;              // share of heat into liquid, 0..1
  double heat_capacity_j_per_k = 700.0 * 500.0;   // per rack
  std::optional<double> work_rate_at_full_per_s;  // per rack: units of work per second at u = 1
};

// State of the whole group at one utilization and inlet temperature.
struct RackGroupPower {
  double power_w = 0.0;      // electric input = heat output
  double fan_power_w = 0.0;  // part of power_w
  double heat_to_liquid_w = 0.0;
  double heat_to_air_w = 0.0;
  double work_rate_per_s = 0.0;  // 0 when no work rate is given
};

class RackGroup {
 public:
  explicit RackGroup(RackGroupParams params);

  const RackGroupParams& params() const { return p_; }
  // f(u): 0 at idle, 1 at peak.
  double dynamic_fraction(double utilization) const;
  // Per rack at the reference inlet temperature.
  double rack_power_ref_w(double utilization) const;
  // Fan speed ratio r(T) relative to design.
  double fan_speed_ratio(double inlet_temp_c) const;
  RackGroupPower evaluate(double utilization, double inlet_temp_c) const;
  double heat_capacity_j_per_k() const { return p_.rack_count * p_.heat_capacity_j_per_k; }
  bool has_work_rate() const { return p_.work_rate_at_full_per_s.has_value(); }
  // Electric energy per unit of work at this state; nullopt without a work rate or at zero work.
  std::optional<double> energy_per_work_j(const RackGroupPower& state) const;

 private:
  RackGroupParams p_;
};

}  // namespace dcsim::models
