#include "models/rejection_header.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "models/cooling_tower.hpp"
#include "models/fluid_machine.hpp"
#include "sim/check.hpp"

namespace dcsim::models {

RejectionHeader::RejectionHeader(const std::vector<RejectionBankParams>& banks) {
  for (const auto& p : banks) {
    require(static_cast<bool>(p.make), "rejection bank", "'{}' has no model", p.name);
    Bank b;
    b.model = p.make();
    const double flow = b.model->design_water_flow_kg_s();
    b.flow_share = flow;
    design_flow_kg_s_ += flow;
    design_heat_w_ += b.model->design_heat_w();
    banks_.push_back(std::move(b));
  }
  for (auto& b : banks_) b.flow_share /= design_flow_kg_s_;
}

bool RejectionHeader::any_up(std::span<const int> units_up) const {
  for (std::size_t b = 0; b < banks_.size(); ++b) {
    if (up_at(units_up, b) != 0) return true;
  }
  return false;
}

double RejectionHeader::entering_c(double heat_w, double flow_kg_s, double set_c, const RejectionConditions& c,
                                   std::span<const int> units_up, std::vector<double>& heats_w) const {
  heats_w.assign(banks_.size(), 0.0);
  auto total_w = [&](double t_in) {
    double q = 0.0;
    for (std::size_t b = 0; b < banks_.size(); ++b) {
      const double m = banks_[b].flow_share * flow_kg_s;
      const double hold_w = std::isfinite(set_c) ? m * kWaterCpJPerKgK * std::max(t_in - set_c, 0.0)
                                                 : std::numeric_limits<double>::infinity();
      heats_w[b] = std::min(banks_[b].model->achievable_heat_w(t_in, m, c, up_at(units_up, b)), hold_w);
      q += heats_w[b];
    }
    return q;
  };
  // Below every bank's air (wet bulb for towers, pad-cooled dry bulb for dry coolers) nothing is rejected.
  double lo = std::min(c.wet_bulb_c, c.dry_bulb_c);
  if (std::isfinite(set_c)) lo = std::min(lo, set_c);
  const double step = std::max(heat_w / (flow_kg_s * kWaterCpJPerKgK), 1.0);
  const double floor_c = lo;
  double width = 2.0 * step, hi = lo + width;
  double g_lo = total_w(lo) - heat_w, g_hi = total_w(hi) - heat_w;
  while (g_hi < 0.0 && hi < floor_c + 1e4) {
    lo = hi;
    g_lo = g_hi;
    width *= 2.0;
    hi = lo + width;
    g_hi = total_w(hi) - heat_w;
  }
  if (g_hi < 0.0) return std::numeric_limits<double>::infinity();
  const double t_in = g_lo >= 0.0 ? lo : find_root([&](double t) { return total_w(t) - heat_w; }, lo, hi, g_lo, g_hi,
                                                   1e-10, 1e-9 * std::max(heat_w, 1.0));
  total_w(t_in);  // leaves the heats at the root in heats_w
  return t_in;
}

double RejectionHeader::achievable_leaving_c(double heat_w, double flow_kg_s, const RejectionConditions& c,
                                             std::span<const int> units_up) const {
  if (banks_.size() == 1) return banks_[0].model->achievable_leaving_c(heat_w, flow_kg_s, c, up_at(units_up, 0));
  if (!any_up(units_up) || flow_kg_s <= 0.0) {
    return heat_w > 0.0 ? std::numeric_limits<double>::infinity() : std::min(c.wet_bulb_c, c.dry_bulb_c);
  }
  if (heat_w <= 0.0) return std::min(c.wet_bulb_c, c.dry_bulb_c);
  std::vector<double> heats;
  const double t_in = entering_c(heat_w, flow_kg_s, -std::numeric_limits<double>::infinity(), c, units_up, heats);
  return t_in - heat_w / (flow_kg_s * kWaterCpJPerKgK);
}

RejectionPoint RejectionHeader::operate(double heat_w, double flow_kg_s, double set_c, const RejectionConditions& c,
                                        std::span<const int> units_up) const {
  if (banks_.size() == 1) return banks_[0].model->operate(heat_w, flow_kg_s, set_c, c, up_at(units_up, 0));
  RejectionPoint r;
  if (heat_w <= 0.0) {  // nothing to reject: the banks' standby loads alone
    for (std::size_t b = 0; b < banks_.size(); ++b) {
      r.basin_w += banks_[b].model->operate(0.0, banks_[b].flow_share * flow_kg_s, set_c, c, up_at(units_up, b)).basin_w;
    }
    r.leaving_c = std::min(c.wet_bulb_c, c.dry_bulb_c);
    return r;
  }
  std::vector<double> heats;
  const double t_in = entering_c(heat_w, flow_kg_s, set_c, c, units_up, heats);
  if (!std::isfinite(t_in)) {
    r.leaving_c = std::numeric_limits<double>::infinity();
    r.short_ = true;
    return r;
  }
  for (std::size_t b = 0; b < banks_.size(); ++b) {
    const RejectionPoint p = banks_[b].model->operate(heats[b], banks_[b].flow_share * flow_kg_s, set_c, c, up_at(units_up, b));
    r.fan_w += p.fan_w;
    r.spray_w += p.spray_w;
    r.evaporation_kg_s += p.evaporation_kg_s;
    r.drift_kg_s += p.drift_kg_s;
    r.blowdown_kg_s += p.blowdown_kg_s;
    r.adiabatic_kg_s += p.adiabatic_kg_s;
    r.basin_w += p.basin_w;
    r.short_ = r.short_ || p.short_;
  }
  r.leaving_c = t_in - heat_w / (flow_kg_s * kWaterCpJPerKgK);
  // The header short of its set point: some bank at full fans above it.
  r.short_ = r.short_ || r.leaving_c > set_c + 1e-9;
  return r;
}

}  // namespace dcsim::models
