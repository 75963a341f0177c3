#include "models/it_power.hpp"

#include <algorithm>
#include <cmath>
#include <utility>

#include "sim/check.hpp"

namespace dcsim::models {

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
  require(std::isfinite(f.reference_inlet_temp_c), "fans.reference_inlet_temp_c",
          "must be finite (got {})", f.reference_inlet_temp_c);
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

double RackGroup::fan_speed_ratio(double inlet_temp_c) const {
  const ServerFanParams& f = p_.fans;
  const double rise = std::max(0.0, inlet_temp_c - f.reference_inlet_temp_c);
  return std::min(f.max_speed_ratio, 1.0 + f.speed_rise_per_k * rise);
}

RackGroupPower RackGroup::evaluate(double u, double inlet_temp_c) const {
  const double ref_w = p_.rack_count * rack_power_ref_w(u);
  const double r = fan_speed_ratio(inlet_temp_c);
  RackGroupPower out;
  out.fan_power_w = ref_w * p_.fans.power_share * r * r * r;
  out.power_w = ref_w * (1.0 - p_.fans.power_share) + out.fan_power_w;
  out.heat_to_liquid_w = p_.liquid_capture_share * out.power_w;
  out.heat_to_air_w = out.power_w - out.heat_to_liquid_w;
  out.work_rate_per_s =
      p_.work_rate_at_full_per_s ? p_.rack_count * *p_.work_rate_at_full_per_s * u : 0.0;
  return out;
}

std::optional<double> RackGroup::energy_per_work_j(const RackGroupPower& state) const {
  if (!has_work_rate() || state.work_rate_per_s <= 0.0) return std::nullopt;
  return state.power_w / state.work_rate_per_s;
}

}  // namespace dcsim::models
