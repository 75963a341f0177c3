#include "models/fluid_machine.hpp"

#include <algorithm>
#include <cmath>

#include "sim/check.hpp"

namespace dcsim::models {

FluidMachine::FluidMachine(const FluidMachineParams& p) : params_(p) {
  require(p.design_flow_m3_s > 0.0, "design_flow_m3_s", "must be > 0 (got {})", p.design_flow_m3_s);
  require(p.design_pressure_pa > 0.0, "design_pressure_pa", "must be > 0 (got {})", p.design_pressure_pa);
  require(p.efficiency > 0.0 && p.efficiency <= 1.0, "efficiency", "must be in (0, 1] (got {})", p.efficiency);
  require(p.affinity_exponent >= 1.0 && p.affinity_exponent <= 3.0, "affinity_exponent",
          "must be in [1, 3] (got {})", p.affinity_exponent);
  require(p.min_speed_fraction >= 0.0 && p.min_speed_fraction <= 1.0, "min_speed_fraction",
          "must be in [0, 1] (got {})", p.min_speed_fraction);
  require(p.unit_count >= 1, "unit_count", "must be >= 1 (got {})", p.unit_count);
  design_power_w_ = p.design_flow_m3_s * p.design_pressure_pa / p.efficiency;
}

double FluidMachine::capacity_m3_s(int units_up) const {
  const int up = units_up < 0 ? params_.unit_count : std::min(units_up, params_.unit_count);
  return up * params_.design_flow_m3_s;
}

FluidMachineOperation FluidMachine::operate(double flow_m3_s, int units_up) const {
  FluidMachineOperation op;
  const int up = units_up < 0 ? params_.unit_count : std::min(units_up, params_.unit_count);
  if (flow_m3_s <= 0.0 || up == 0) {
    op.flow_short = flow_m3_s > 0.0;
    return op;
  }
  const double vd = params_.design_flow_m3_s;
  const double s_min = params_.min_speed_fraction;
  // Most units that keep every running unit at or above minimum speed, and never fewer than carry the
  // flow at full speed while units stand idle (a high minimum speed, constant-speed fans at 100 %:
  // they then run at minimum speed and deliver more than asked, never less).
  int k = up;
  if (s_min > 0.0) {
    const double k_max = std::floor(flow_m3_s / (s_min * vd));
    k = static_cast<int>(std::clamp(k_max, 1.0, static_cast<double>(up)));
    if (flow_m3_s > k * vd) k = static_cast<int>(std::min(std::ceil(flow_m3_s / vd), static_cast<double>(up)));
  }
  double s = flow_m3_s / (k * vd);
  if (s > 1.0) {
    s = 1.0;
    op.flow_short = true;
  }
  s = std::max(s, s_min);
  op.units_running = k;
  op.speed_fraction = s;
  op.flow_m3_s = k * s * vd;
  op.power_w = k * design_power_w_ * std::pow(s, params_.affinity_exponent);
  return op;
}

double flow_for_heat_m3_s(double heat_w, double delta_t_k, double density_kg_per_m3, double cp_j_per_kg_k) {
  return heat_w / (density_kg_per_m3 * cp_j_per_kg_k * delta_t_k);
}

}  // namespace dcsim::models
