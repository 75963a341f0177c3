#include "models/cooling_tower.hpp"


#include <algorithm>
#include <cmath>
#include <limits>
#include <memory>
#include <string>
#include <utility>

#include "models/fluid_machine.hpp"
#include "sim/check.hpp"

namespace dcsim::models {

namespace {
// Magnus form (Alduchov & Eskridge 1996): smooth and defined at every temperature, which the tower
// solver's bracketing needs (models/psychrometrics.hpp is more exact but bounded to [-100, 200] degC).
double magnus_saturation_pressure_pa(double temp_c) { return 610.94 * std::exp(17.625 * temp_c / (temp_c + 243.04)); }
}  // namespace

double saturated_air_enthalpy_j_per_kg(double temp_c, double pressure_pa) {
  const double p_ws = magnus_saturation_pressure_pa(temp_c);
  const double w_s = 0.621945 * p_ws / (pressure_pa - p_ws);
  return kAirCpJPerKgK * temp_c + w_s * (2.501e6 + 1860.0 * temp_c);
}

double water_latent_heat_j_per_kg(double temp_c) { return 2.501e6 - 2361.0 * temp_c; }

double saturated_humidity_ratio(double temp_c, double pressure_pa) {
  const double p_ws = magnus_saturation_pressure_pa(temp_c);
  return 0.621945 * p_ws / (pressure_pa - p_ws);
}

double tower_inlet_humidity_ratio(double dry_bulb_c, double wet_bulb_c, double pressure_pa) {
  const double t = std::max(dry_bulb_c, wet_bulb_c);
  const double w_s = saturated_humidity_ratio(wet_bulb_c, pressure_pa);
  // (2501 - 2.326 T_wb) W_s - 1.006 (T - T_wb), over 2501 + 1.86 T - 4.186 T_wb (kJ/kg); dry air gives 0 at most.
  const double w = ((2501.0 - 2.326 * wet_bulb_c) * w_s - 1.006 * (t - wet_bulb_c)) / (2501.0 + 1.86 * t - 4.186 * wet_bulb_c);
  return std::max(w, 0.0);
}

double saturated_exit_evaporation_kg_s(double heat_w, double dry_bulb_c, double wet_bulb_c, double air_kg_s) {
  if (heat_w <= 0.0 || air_kg_s <= 0.0) return 0.0;
  const double t_in = std::max(dry_bulb_c, wet_bulb_c);
  const double w_in = tower_inlet_humidity_ratio(dry_bulb_c, wet_bulb_c);
  const double h_out = kAirCpJPerKgK * t_in + w_in * (2.501e6 + 1860.0 * t_in) + heat_w / air_kg_s;
  // h_sat rises with T: bracket the exit temperature from the wet bulb (h_sat(T_wb) = h_in to within
  // the psychrometric approximation) and solve.
  auto g = [&](double t) { return saturated_air_enthalpy_j_per_kg(t) - h_out; };
  double lo = wet_bulb_c - 1.0, hi = wet_bulb_c + 10.0;
  double g_lo = g(lo), g_hi = g(hi);
  while (g_lo > 0.0 && lo > -100.0) g_lo = g(lo -= 10.0);
  while (g_hi < 0.0 && hi < 200.0) g_hi = g(hi += 10.0);
  if (g_lo > 0.0 || g_hi < 0.0) return 0.0;  // no saturated state in range: no finite answer to give
  const double t_out = find_root(g, lo, hi, g_lo, g_hi, 1e-9, 1e-6);
  return std::max(air_kg_s * (saturated_humidity_ratio(t_out) - w_in), 0.0);
}

double counterflow_effectiveness(double ntu, double cr) {
  if (ntu <= 0.0) return 0.0;
  if (std::abs(1.0 - cr) < 1e-9) return ntu / (1.0 + ntu);
  const double e = std::exp(-ntu * (1.0 - cr));
  return (1.0 - e) / (1.0 - cr * e);
}

double counterflow_ntu(double eps, double cr) {
  if (std::abs(1.0 - cr) < 1e-9) return eps / (1.0 - eps);
  return std::log((1.0 - eps * cr) / (1.0 - eps)) / (1.0 - cr);
}

CoolingTowerParams open_cooling_tower(double design_heat_w) {
  CoolingTowerParams p;
  p.design_heat_w = design_heat_w;
  return p;
}

CoolingTowerParams closed_cooling_tower(double design_heat_w) {
  CoolingTowerParams p;
  p.design_heat_w = design_heat_w;
  p.design_approach_k = 6.5;
  p.closed_circuit = true;
  return p;
}

namespace {
// Secant slope of the saturated-air enthalpy between the wet bulb and the entering water.
double fictitious_cp(double wet_bulb_c, double water_in_c) {
  const double dt = std::max(water_in_c - wet_bulb_c, 1e-3);
  return (saturated_air_enthalpy_j_per_kg(wet_bulb_c + dt) - saturated_air_enthalpy_j_per_kg(wet_bulb_c)) / dt;
}
}  // namespace

CoolingTower::CoolingTower(const CoolingTowerParams& p) : params_(p) {
  require(p.design_heat_w > 0.0, "design_heat_w", "must be > 0 (got {})", p.design_heat_w);
  require(p.cell_count >= 1, "cell_count", "must be >= 1 (got {})", p.cell_count);
  require(p.design_wet_bulb_c > -20.0 && p.design_wet_bulb_c < 40.0, "design_wet_bulb_c",
          "must be in (-20, 40) degC (got {})", p.design_wet_bulb_c);
  require(p.design_approach_k > 0.0, "design_approach_k", "must be > 0 (got {})", p.design_approach_k);
  require(p.design_range_k > 0.0, "design_range_k", "must be > 0 (got {})", p.design_range_k);
  require(p.liquid_to_gas_ratio > 0.0, "liquid_to_gas_ratio", "must be > 0 (got {})", p.liquid_to_gas_ratio);
  require(p.fan_specific_power >= 0.0 && p.fan_specific_power < 0.2, "fan_specific_power",
          "must be in [0, 0.2) W/W (got {})", p.fan_specific_power);
  require(p.fan_min_speed_fraction >= 0.0 && p.fan_min_speed_fraction <= 1.0, "fan_min_speed_fraction",
          "must be in [0, 1] (got {})", p.fan_min_speed_fraction);
  require(p.fan_affinity_exponent >= 1.0 && p.fan_affinity_exponent <= 3.0, "fan_affinity_exponent",
          "must be in [1, 3] (got {})", p.fan_affinity_exponent);
  require(p.air_flow_exponent > 0.0 && p.air_flow_exponent <= 1.0, "air_flow_exponent",
          "must be in (0, 1] (got {})", p.air_flow_exponent);
  require(p.spray_pump_specific_power >= 0.0, "spray_pump_specific_power", "must be >= 0 (got {})",
          p.spray_pump_specific_power);
  require(p.drift_fraction >= 0.0 && p.drift_fraction < 0.01, "drift_fraction", "must be in [0, 0.01) (got {})",
          p.drift_fraction);
  require(p.cycles_of_concentration > 1.0, "cycles_of_concentration", "must be > 1 (got {})",
          p.cycles_of_concentration);
  require(p.basin_heater_w_per_k >= 0.0, "basin_heater_w_per_k", "must be >= 0 (got {})", p.basin_heater_w_per_k);

  water_flow_d_kg_s_ = p.design_heat_w / (kWaterCpJPerKgK * p.design_range_k);
  air_flow_d_kg_s_ = water_flow_d_kg_s_ / p.liquid_to_gas_ratio;
  const double t_in = p.design_wet_bulb_c + p.design_approach_k + p.design_range_k;
  const double cs = fictitious_cp(p.design_wet_bulb_c, t_in);
  const double c_w = water_flow_d_kg_s_ * kWaterCpJPerKgK;
  const double c_a = air_flow_d_kg_s_ * cs;
  const double c_min = std::min(c_w, c_a);
  const double eps = p.design_heat_w / (c_min * (t_in - p.design_wet_bulb_c));
  require(eps < 1.0, "liquid_to_gas_ratio",
          "leaves too little air to reach the design approach (effectiveness {} >= 1; got L/G {})", eps,
          p.liquid_to_gas_ratio);
  hda_d_kg_s_ = counterflow_ntu(eps, c_min / std::max(c_w, c_a)) * c_min / cs;
}

double CoolingTower::effective_capacity_rate_w_per_k(double wet_bulb_c, double t_in, double c_w, double hda,
                                                     double air_fraction) const {
  const double cs = fictitious_cp(wet_bulb_c, t_in);
  const double c_a = air_fraction * air_flow_d_kg_s_ * cs;
  const double c_min = std::min(c_w, c_a);
  const double eps = counterflow_effectiveness(hda * cs / c_min, c_min / std::max(c_w, c_a));
  return eps * c_min;
}

double CoolingTower::achievable_heat_w(double entering_c, double wet_bulb_c, double water_flow_kg_s,
                                       int cells_up) const {
  const int up = cells_up < 0 ? params_.cell_count : std::min(cells_up, params_.cell_count);
  if (up == 0 || water_flow_kg_s <= 0.0 || entering_c <= wet_bulb_c) return 0.0;
  const double air_fraction = static_cast<double>(up) / params_.cell_count;
  const double x = params_.air_flow_exponent;
  const double hda = hda_d_kg_s_ * std::pow(air_fraction, x) * std::pow(water_flow_kg_s / water_flow_d_kg_s_, 1.0 - x);
  const double c_w = water_flow_kg_s * kWaterCpJPerKgK;
  return effective_capacity_rate_w_per_k(wet_bulb_c, entering_c, c_w, hda, air_fraction) * (entering_c - wet_bulb_c);
}

double CoolingTower::leaving_temp_c(double heat_w, double wet_bulb_c, double water_flow_kg_s,
                                    double air_fraction) const {
  if (heat_w <= 0.0) return wet_bulb_c;
  if (air_fraction <= 0.0 || water_flow_kg_s <= 0.0) return std::numeric_limits<double>::infinity();
  const double x = params_.air_flow_exponent;
  const double c_w = water_flow_kg_s * kWaterCpJPerKgK;
  const double hda = hda_d_kg_s_ * std::pow(air_fraction, x) * std::pow(water_flow_kg_s / water_flow_d_kg_s_, 1.0 - x);
  auto next = [&](double t_in) {
    return wet_bulb_c + heat_w / effective_capacity_rate_w_per_k(wet_bulb_c, t_in, c_w, hda, air_fraction);
  };
  // Secant iteration on r(T) = next(T) - T, which falls through zero once (next is a contraction).
  double t0 = wet_bulb_c + params_.design_approach_k * heat_w / params_.design_heat_w + heat_w / c_w;
  double r0 = next(t0) - t0;
  double t_in = t0 + r0;
  double r1 = next(t_in) - t_in;
  for (int i = 0; i < 50 && std::abs(r1) > 1e-10 && r1 != r0; ++i) {
    double t2 = t_in - r1 * (t_in - t0) / (r1 - r0);
    if (!(t2 > wet_bulb_c)) t2 = 0.5 * (t_in + wet_bulb_c);
    t0 = t_in;
    r0 = r1;
    t_in = t2;
    r1 = next(t_in) - t_in;
  }
  if (!(std::abs(r1) <= 1e-8)) {  // secant lost its way: fall back to a bracketed solve
    auto r = [&](double t) { return next(t) - t; };
    const double lo = wet_bulb_c + 1e-9;
    double hi = wet_bulb_c + 2.0 * (t0 - wet_bulb_c > 0.0 ? t0 - wet_bulb_c : 1.0);
    while (r(hi) > 0.0 && hi < wet_bulb_c + 1e4) hi = wet_bulb_c + 2.0 * (hi - wet_bulb_c);
    t_in = find_root(r, lo, hi, r(lo), r(hi), 1e-12, 1e-10);
    r1 = r(t_in);
  }
  t_in += r1;
  return t_in - heat_w / c_w;
}

double CoolingTower::achievable_leaving_temp_c(double heat_w, double wet_bulb_c, double water_flow_kg_s,
                                               int cells_up) const {
  const int up = cells_up < 0 ? params_.cell_count : std::min(cells_up, params_.cell_count);
  if (up == 0) return heat_w > 0.0 ? std::numeric_limits<double>::infinity() : wet_bulb_c;
  return leaving_temp_c(heat_w, wet_bulb_c, water_flow_kg_s, static_cast<double>(up) / params_.cell_count);
}

CoolingTowerOperation CoolingTower::operate(double heat_w, double dry_bulb_c, double wet_bulb_c, double water_flow_kg_s,
                                            double leaving_set_c, int cells_up) const {
  CoolingTowerOperation op;
  const auto& p = params_;
  const int up = cells_up < 0 ? p.cell_count : std::min(cells_up, p.cell_count);
  const double share = static_cast<double>(up) / p.cell_count;
  op.leaving_temp_c = op.entering_temp_c = wet_bulb_c;
  // The basins of the cells that reject nothing: all of them with no heat, or no water, else those down.
  const double idle = heat_w <= 0.0 || up == 0 || water_flow_kg_s <= 0.0 ? 1.0 : 1.0 - share;
  op.basin_heater_w = p.basin_heater_w_per_k * idle * std::max(p.basin_heater_set_c - dry_bulb_c, 0.0);
  if (heat_w <= 0.0) return op;
  op.heat_w = heat_w;
  if (up == 0 || water_flow_kg_s <= 0.0) {
    op.capacity_short = true;
    op.leaving_temp_c = op.entering_temp_c = std::numeric_limits<double>::infinity();
    return op;
  }
  auto leaving = [&](double s) { return leaving_temp_c(heat_w, wet_bulb_c, water_flow_kg_s, s * share); };
  const FanSpeedPoint fan = lowest_fan_speed(leaving, p.fan_min_speed_fraction, leaving_set_c);
  const double s = fan.speed;
  const double t_out = fan.leaving_c;
  if (fan.capacity_short) op.capacity_short = true;
  op.fan_speed_fraction = s;
  op.leaving_temp_c = t_out;
  op.entering_temp_c = t_out + heat_w / (water_flow_kg_s * kWaterCpJPerKgK);
  op.fan_power_w = p.fan_specific_power * p.design_heat_w * share * std::pow(s, p.fan_affinity_exponent);
  if (p.closed_circuit) op.spray_pump_power_w = p.spray_pump_specific_power * p.design_heat_w * share;
  op.evaporation_kg_s = saturated_exit_evaporation_kg_s(heat_w, dry_bulb_c, wet_bulb_c, air_flow_d_kg_s_ * share * s);
  op.drift_kg_s = p.drift_fraction * water_flow_kg_s;
  op.blowdown_kg_s = op.evaporation_kg_s / (p.cycles_of_concentration - 1.0);
  return op;
}

namespace {
class TowerBank final : public RejectionEquipment {
 public:
  explicit TowerBank(const CoolingTowerParams& p) : tower_(p) {}
  double design_water_flow_kg_s() const override { return tower_.design_water_flow_kg_s(); }
  double design_heat_w() const override { return tower_.params().design_heat_w; }
  double achievable_leaving_c(double heat_w, double flow_kg_s, const RejectionConditions& c, int up) const override {
    return tower_.achievable_leaving_temp_c(heat_w, c.wet_bulb_c, flow_kg_s, up);
  }
  double achievable_heat_w(double entering_c, double flow_kg_s, const RejectionConditions& c, int up) const override {
    return tower_.achievable_heat_w(entering_c, c.wet_bulb_c, flow_kg_s, up);
  }
  RejectionPoint operate(double heat_w, double flow_kg_s, double set_c, const RejectionConditions& c,
                         int up) const override {
    const auto op = tower_.operate(heat_w, c.dry_bulb_c, c.wet_bulb_c, flow_kg_s, set_c, up);
    return {op.leaving_temp_c, op.fan_power_w, op.spray_pump_power_w, op.evaporation_kg_s, op.drift_kg_s,
            op.blowdown_kg_s, 0.0, op.basin_heater_w, op.capacity_short};
  }

 private:
  CoolingTower tower_;
};
}  // namespace

RejectionBankParams tower_bank(std::string name, const CoolingTowerParams& p) {
  CoolingTower check(p);
  return {std::move(name), "towers", "cooling_tower", "cells", p.cell_count, p.design_heat_w, p.design_approach_k,
          [p] { return std::make_unique<TowerBank>(p); }};
}

}  // namespace dcsim::models
