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
// (2011 whitepaper on expanded classes) [K]. The servers' air flow follows the fan speed: the flow
// that carries the air heat at the hall's design rise at T_ref, times r(T).
// Model `ite`, the curve structure of ElectricEquipment:ITE:AirCooled itself: the fans' air flow as a
// fraction of design F(u, T) (biquadratic in u and the inlet T in degC, capped at r_max), fan power
// s_fan P_peak G(F) (quadratic), and the rest (1 - s_fan) P_ref(u), plus, where a CPU curve C(u, T)
// is given, (1 - s_fan) P_peak (C(u, T) - C(u, T_ref)) (power rising with inlet temperature, never
// below zero). Defaults: EnergyPlus's example curves (1ZoneDataCenterCRAC_wPumpedDXCoolingCoil:
// F = -1.4 + 0.9 u + 0.1 T at a 15 degC design inlet, G(F) = F), the air flow curve shifted to the
// reference inlet, F = 0.1 + 0.9 u + 0.1 (T - T_ref), and never below min_flow_ratio (0.2: server
// fans have a minimum speed; the curve alone reaches 0 in cool air at idle); no CPU curve unless
// given (EnergyPlus's example has C = -1 + u + 0.06667 T). The air flow at F carries
// (1 - c) P_peak F at the hall's design rise. All electric power ends as heat: a share c (liquid
// capture ratio) into the liquid loop, the rest into the air; c = 0.95 full-coverage cold plates,
// 0.70-0.85 CPU/GPU-only cold plates [K], 1.0 immersion (REFERENCE section 3).
// Heat capacity of a loaded rack: default 700 kg of mostly steel and aluminium at 500 J/(kg K),
// 3.5e5 J/K per rack [K]. Useful work, when given, is proportional to utilization.
#pragma once

#include <array>
#include <optional>
#include <vector>

namespace dcsim::models {

enum class PowerCurve { kLinear, kPowerLaw, kTable };

struct UtilizationPoint {
  double utilization;  // 0..1
  double fraction;     // of the dynamic range: 0 at idle power, 1 at peak power
};

enum class ServerFanModel { speed_ramp, ite };

// EnergyPlus Curve:Biquadratic c0 + c1 u + c2 u^2 + c3 T + c4 T^2 + c5 u T, with its example file's
// bounds: u in [0, 1.5], T in [-10, 99] degC, output in [0, 99].
struct IteCurve {
  std::array<double, 6> c{};
  double operator()(double u, double t_c) const;
};

struct ServerFanParams {
  ServerFanModel model = ServerFanModel::speed_ramp;
  double power_share = 0.05;             // fan share of rack power at T_ref (ite: of peak power)
  double reference_inlet_temp_c = 25.0;  // speed_ramp: fans at design speed up to here; ite: design inlet
  double speed_rise_per_k = 0.04;        // speed_ramp: fractional fan speed increase per kelvin above T_ref
  double max_speed_ratio = 2.0;          // fan speed (air flow) cap relative to design
  double min_flow_ratio = 0.2;           // ite: the fans' lowest air flow relative to design (their minimum speed)
  // ite: air flow fraction F(u, T), fan power G(F) = g0 + g1 F + g2 F^2, CPU power C(u, T) (none: no rise).
  std::optional<IteCurve> airflow;       // none: EnergyPlus's example shifted to T_ref
  std::array<double, 3> fan_power{0.0, 1.0, 0.0};
  std::optional<IteCurve> cpu;
  IteCurve airflow_curve() const;        // the given one or the default
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
  // The servers' air flow, as the air heat it carries at the hall's design server rise: equal to
  // heat_to_air_w with fans at design speed (speed_ramp at T <= T_ref), more when they speed up.
  double air_flow_heat_w = 0.0;
  double work_rate_per_s = 0.0;  // 0 when no work rate is given
};

// The ite curves describe the design at the design point (1 at full load and the reference inlet, G(1)
// = 1) and make flow, fan power and CPU power rise, never fall, with inlet temperature and flow;
// throws ParameterError naming the curve (airflow_curve, fan_power_curve, cpu_curve).
void check_ite_curves(const ServerFanParams& f);

class RackGroup {
 public:
  explicit RackGroup(RackGroupParams params);

  const RackGroupParams& params() const { return p_; }
  // f(u): 0 at idle, 1 at peak.
  double dynamic_fraction(double utilization) const;
  // Per rack at the reference inlet temperature.
  double rack_power_ref_w(double utilization) const;
  // P_ref(u) / P_peak: the first argument of the ite curves (u itself for zero idle power and a linear
  // curve, as in EnergyPlus, whose CPU curve makes power proportional to loading).
  double load_fraction(double utilization) const;
  // Fan speed (air flow) ratio relative to design: r(T) (speed_ramp) or min(F(u, T), r_max) (ite).
  double fan_speed_ratio(double inlet_temp_c, double utilization = 1.0) const;
  RackGroupPower evaluate(double utilization, double inlet_temp_c) const;
  double heat_capacity_j_per_k() const { return p_.rack_count * p_.heat_capacity_j_per_k; }
  bool has_work_rate() const { return p_.work_rate_at_full_per_s.has_value(); }
  // Electric energy per unit of work at this state; nullopt without a work rate or at zero work.
  std::optional<double> energy_per_work_j(const RackGroupPower& state) const;

 private:
  RackGroupParams p_;
  IteCurve airflow_;  // p_.fans.airflow_curve(), resolved once (evaluated at every solve)
};

}  // namespace dcsim::models
