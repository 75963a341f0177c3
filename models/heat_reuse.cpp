#include "models/heat_reuse.hpp"

#include <algorithm>
#include <cmath>

#include "models/fluid_machine.hpp"
#include "sim/check.hpp"

namespace dcsim::models {

namespace {
constexpr double kMinLiftK = 1.0;  // a heat pump always works against some lift
}  // namespace

HeatReuse::HeatReuse(const HeatReuseParams& p) : params_(p) {
  require(p.capacity_w >= 0.0, "capacity_w", "must be >= 0 (got {})", p.capacity_w);
  require(p.district_supply_temp_c > p.district_return_temp_c, "district_supply_temp_c",
          "must be above district_return_temp_c {} (got {})", p.district_return_temp_c, p.district_supply_temp_c);
  require(p.hx_approach_k >= 0.0, "hx_approach_k", "must be >= 0 (got {})", p.hx_approach_k);
  require(p.heat_pump_carnot_efficiency > 0.0 && p.heat_pump_carnot_efficiency < 1.0, "heat_pump_carnot_efficiency",
          "must be in (0, 1) (got {})", p.heat_pump_carnot_efficiency);
  require(p.heat_pump_approach_k >= 0.0, "heat_pump_approach_k", "must be >= 0 (got {})", p.heat_pump_approach_k);
}

HeatReuseOperation HeatReuse::operate(double available_w, double return_c, double flow_kg_s, double demand_w) const {
  const auto& p = params_;
  HeatReuseOperation op;
  op.leaving_temp_c = return_c;
  const double want = std::min(std::max(demand_w, 0.0), p.capacity_w);
  const double avail = std::max(available_w, 0.0);
  if (want <= 0.0 || avail <= 0.0 || flow_kg_s <= 0.0) return op;
  const double mc = flow_kg_s * kWaterCpJPerKgK;
  if (return_c >= p.district_supply_temp_c + p.hx_approach_k) {
    const double q = std::min({want, avail, mc * (return_c - p.district_return_temp_c - p.hx_approach_k)});
    op.direct = true;
    op.heat_reused_w = op.heat_extracted_w = q;
    op.leaving_temp_c = return_c - q / mc;
    return op;
  }
  if (!p.heat_pump) return op;
  const double t_hot_k = p.district_supply_temp_c + p.heat_pump_approach_k + kZeroCelsiusK;
  double q_ext = 0.0, q_del = want, cop = 0.0;
  for (int i = 0; i < 50; ++i) {
    const double t_cold_k = return_c - q_ext / mc - p.heat_pump_approach_k + kZeroCelsiusK;
    cop = p.heat_pump_carnot_efficiency * t_hot_k / std::max(t_hot_k - t_cold_k, kMinLiftK);
    if (cop <= 1.0) return op;
    q_del = want;
    double next = q_del * (1.0 - 1.0 / cop);
    if (next > avail) {
      next = avail;
      q_del = next / (1.0 - 1.0 / cop);
    }
    const bool done = std::abs(next - q_ext) <= 1e-12 * want;
    q_ext = next;
    if (done) break;
  }
  op.heat_extracted_w = q_ext;
  op.heat_pump_power_w = q_del - q_ext;  // exact balance: delivered = extracted + power
  op.heat_reused_w = q_del;
  op.heat_pump_cop = q_del / op.heat_pump_power_w;
  op.leaving_temp_c = return_c - q_ext / mc;
  return op;
}

}  // namespace dcsim::models
