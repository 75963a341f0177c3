#include "models/it_power.hpp"

#include <algorithm>
#include <cmath>
#include <utility>

#include "sim/check.hpp"

namespace dcsim::models {

namespace {

constexpr double kCurveTolerance = 0.02;  // a curve's value at the design point: 1 within 2 %
constexpr double kCheckTempMinC = -10.0, kCheckTempMaxC = 60.0;  // inlets a server sees, failures included

double quadratic(const std::array<double, 3>& g, double x) { return g[0] + x * (g[1] + x * g[2]); }

}  // namespace

// A biquadratic's partial derivative is linear in each variable, so its sign at the corners of
// [0, 1] x [-10, 60] degC holds inside.
void check_ite_curves(const ServerFanParams& f) {
  const double t_ref = f.reference_inlet_temp_c;
  const auto rises_with_t = [](const IteCurve& k) {
    for (double x : {0.0, 1.0}) {
      for (double t : {kCheckTempMinC, kCheckTempMaxC}) {
        if (k.c[3] + 2.0 * k.c[4] * t + k.c[5] * x < 0.0) return false;
      }
    }
    return true;
  };
  const IteCurve air = f.airflow_curve();
  require(std::abs(air(1.0, t_ref) - 1.0) <= kCurveTolerance, "airflow_curve",
          "must give 1 (design flow) at full load and the reference inlet {} degC (got {})", t_ref, air(1.0, t_ref));
  require(rises_with_t(air), "airflow_curve", "must not fall with inlet temperature between {} and {} degC",
          kCheckTempMinC, kCheckTempMaxC);
  require(std::abs(quadratic(f.fan_power, 1.0) - 1.0) <= kCurveTolerance, "fan_power_curve",
          "must give 1 (design fan power) at design flow (got {})", quadratic(f.fan_power, 1.0));
  for (double x : {0.0, f.max_speed_ratio}) {
    require(f.fan_power[1] + 2.0 * f.fan_power[2] * x >= 0.0, "fan_power_curve",
            "must not fall with flow between 0 and max_speed_ratio {}", f.max_speed_ratio);
  }
  if (f.cpu) {
    require(std::abs((*f.cpu)(1.0, t_ref) - 1.0) <= kCurveTolerance, "cpu_curve",
            "must give 1 (design CPU power) at full load and the reference inlet {} degC (got {})", t_ref,
            (*f.cpu)(1.0, t_ref));
    require(rises_with_t(*f.cpu), "cpu_curve", "must not fall with inlet temperature between {} and {} degC",
            kCheckTempMinC, kCheckTempMaxC);
  }
}

double IteCurve::operator()(double u, double t_c) const {
  const double x = std::clamp(u, 0.0, 1.5);
  const double y = std::clamp(t_c, -10.0, 99.0);
  const double v = c[0] + x * (c[1] + x * c[2]) + y * (c[3] + y * c[4]) + c[5] * x * y;
  return std::clamp(v, 0.0, 99.0);
}

IteCurve ServerFanParams::airflow_curve() const {
  if (airflow) return *airflow;
  // EnergyPlus's example F = -1.4 + 0.9 u + 0.1 T (design inlet 15 degC), shifted to T_ref.
  return IteCurve{{0.1 - 0.1 * reference_inlet_temp_c, 0.9, 0.0, 0.1, 0.0, 0.0}};
}

RackGroup::RackGroup(RackGroupParams params) : p_(std::move(params)) {
  require(p_.rack_count >= 1, "rack_count", "must be at least 1 (got {})", p_.rack_count);
  require(p_.idle_power_w >= 0.0, "idle_power_w", "must be >= 0 (got {})", p_.idle_power_w);
  require(p_.peak_power_w >= p_.idle_power_w, "peak_power_w",
          "must be >= idle_power_w = {} (got {})", p_.idle_power_w, p_.peak_power_w);
  require(p_.liquid_capture_share >= 0.0 && p_.liquid_capture_share <= 1.0, "liquid_capture_share",
          "must be in [0, 1] (got {})", p_.liquid_capture_share);
  require(p_.heat_capacity_j_per_k > 0.0, "heat_capacity_j_per_k", "must be > 0 (got {})",
          p_.heat_capacity_j_per_k);
  const ServerFanParams& f = p_.fans;
  require(f.power_share >= 0.0 && f.power_share <= 1.0, "fans.power_share",
          "must be in [0, 1] (got {})", f.power_share);
  require(f.speed_rise_per_k >= 0.0, "fans.speed_rise_per_k", "must be >= 0 (got {})",
          f.speed_rise_per_k);
  require(f.max_speed_ratio >= 1.0, "fans.max_speed_ratio", "must be >= 1 (got {})",
          f.max_speed_ratio);
  require(f.min_flow_ratio >= 0.0 && f.min_flow_ratio <= 1.0, "fans.min_flow_ratio", "must be in [0, 1] (got {})",
          f.min_flow_ratio);
  require(std::isfinite(f.reference_inlet_temp_c), "fans.reference_inlet_temp_c",
          "must be finite (got {})", f.reference_inlet_temp_c);
  if (f.model == ServerFanModel::ite) check_ite_curves(f);
  airflow_ = f.airflow_curve();
  if (p_.work_rate_at_full_per_s) {
    require(*p_.work_rate_at_full_per_s > 0.0, "work_rate_at_full_per_s", "must be > 0 (got {})",
            *p_.work_rate_at_full_per_s);
  }
  if (p_.curve == PowerCurve::kPowerLaw) {
    require(p_.exponent > 0.0, "exponent", "must be > 0 (got {})", p_.exponent);
  }
  if (p_.curve == PowerCurve::kTable) {
    const auto& t = p_.table;
    require(t.size() >= 2, "table", "needs at least 2 points (got {})", t.size());
    require(t.front().utilization == 0.0, "table", "must start at utilization 0 (got {})",
            t.front().utilization);
    require(t.back().utilization == 1.0, "table", "must end at utilization 1 (got {})",
            t.back().utilization);
    require(t.front().fraction == 0.0, "table", "fraction at utilization 0 must be 0 (got {})",
            t.front().fraction);
    require(t.back().fraction == 1.0, "table", "fraction at utilization 1 must be 1 (got {})",
            t.back().fraction);
    for (std::size_t i = 1; i < t.size(); ++i) {
      require(t[i].utilization > t[i - 1].utilization, "table",
              "utilization must increase strictly (point {}: {} after {})", i, t[i].utilization,
              t[i - 1].utilization);
      require(t[i].fraction >= t[i - 1].fraction, "table",
              "fraction must not decrease (point {}: {} after {})", i, t[i].fraction,
              t[i - 1].fraction);
    }
  }
}

double RackGroup::dynamic_fraction(double u) const {
  require(u >= 0.0 && u <= 1.0, "utilization", "must be in [0, 1] (got {})", u);
  switch (p_.curve) {
    case PowerCurve::kLinear: return u;
    case PowerCurve::kPowerLaw: return std::pow(u, p_.exponent);
    case PowerCurve::kTable: {
      const auto& t = p_.table;
      const auto hi =
          std::upper_bound(t.begin() + 1, t.end() - 1, u,
                           [](double x, const UtilizationPoint& p) { return x < p.utilization; });
      const auto lo = hi - 1;
      const double w = (u - lo->utilization) / (hi->utilization - lo->utilization);
      return lo->fraction + w * (hi->fraction - lo->fraction);
    }
  }
  return u;
}

double RackGroup::rack_power_ref_w(double u) const {
  return p_.idle_power_w + (p_.peak_power_w - p_.idle_power_w) * dynamic_fraction(u);
}

double RackGroup::load_fraction(double u) const {
  return p_.peak_power_w > 0.0 ? rack_power_ref_w(u) / p_.peak_power_w : 0.0;
}

double RackGroup::fan_speed_ratio(double inlet_temp_c, double u) const {
  const ServerFanParams& f = p_.fans;
  if (f.model == ServerFanModel::ite) {
    return std::clamp(airflow_(load_fraction(u), inlet_temp_c), f.min_flow_ratio, f.max_speed_ratio);
  }
  const double rise = std::max(0.0, inlet_temp_c - f.reference_inlet_temp_c);
  return std::min(f.max_speed_ratio, 1.0 + f.speed_rise_per_k * rise);
}

RackGroupPower RackGroup::evaluate(double u, double inlet_temp_c) const {
  const ServerFanParams& f = p_.fans;
  const double ref_w = p_.rack_count * rack_power_ref_w(u);
  const double r = fan_speed_ratio(inlet_temp_c, u);
  const double s = f.power_share;
  RackGroupPower out;
  if (f.model == ServerFanModel::ite) {
    const double peak_w = p_.rack_count * p_.peak_power_w;
    const double x = load_fraction(u);
    double cpu_w = (1.0 - s) * ref_w;
    if (f.cpu) cpu_w = std::max(0.0, cpu_w + (1.0 - s) * peak_w * ((*f.cpu)(x, inlet_temp_c) - (*f.cpu)(x, f.reference_inlet_temp_c)));
    out.fan_power_w = s * peak_w * std::max(0.0, quadratic(f.fan_power, r));
    out.power_w = cpu_w + out.fan_power_w;
    out.heat_to_liquid_w = p_.liquid_capture_share * out.power_w;
    out.heat_to_air_w = out.power_w - out.heat_to_liquid_w;
    out.air_flow_heat_w = (1.0 - p_.liquid_capture_share) * peak_w * r;
  } else {
    out.fan_power_w = ref_w * s * r * r * r;
    out.power_w = ref_w * (1.0 - s) + out.fan_power_w;
    out.heat_to_liquid_w = p_.liquid_capture_share * out.power_w;
    out.heat_to_air_w = out.power_w - out.heat_to_liquid_w;
    // The flow moves the air heat at the design rise at design speed and grows with the speed.
    out.air_flow_heat_w = r == 1.0 ? out.heat_to_air_w : (1.0 - p_.liquid_capture_share) * ref_w * r;
  }
  out.work_rate_per_s =
      p_.work_rate_at_full_per_s ? p_.rack_count * *p_.work_rate_at_full_per_s * u : 0.0;
  return out;
}

std::optional<double> RackGroup::energy_per_work_j(const RackGroupPower& state) const {
  if (!has_work_rate() || state.work_rate_per_s <= 0.0) return std::nullopt;
  return state.power_w / state.work_rate_per_s;
}

}  // namespace dcsim::models
