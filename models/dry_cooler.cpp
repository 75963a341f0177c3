#include "models/dry_cooler.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <memory>
#include <string>
#include <utility>

#include "models/cooling_tower.hpp"
#include "models/fluid_machine.hpp"
#include "sim/check.hpp"

namespace dcsim::models {

DryCooler::DryCooler(const DryCoolerParams& p) : params_(p) {
  require(p.design_heat_w > 0.0, "design_heat_w", "must be > 0 (got {})", p.design_heat_w);
  require(p.unit_count >= 1, "unit_count", "must be >= 1 (got {})", p.unit_count);
  require(p.design_approach_k > 0.0, "design_approach_k", "must be > 0 (got {})", p.design_approach_k);
  require(p.design_range_k > 0.0, "design_range_k", "must be > 0 (got {})", p.design_range_k);
  require(p.design_air_rise_k > 0.0 && p.design_air_rise_k < p.design_approach_k + p.design_range_k,
          "design_air_rise_k", "must be in (0, approach + range) K (got {})", p.design_air_rise_k);
  require(p.fan_specific_power >= 0.0 && p.fan_specific_power < 0.2, "fan_specific_power",
          "must be in [0, 0.2) W/W (got {})", p.fan_specific_power);
  require(p.fan_min_speed_fraction >= 0.0 && p.fan_min_speed_fraction <= 1.0, "fan_min_speed_fraction",
          "must be in [0, 1] (got {})", p.fan_min_speed_fraction);
  require(p.fan_affinity_exponent >= 1.0 && p.fan_affinity_exponent <= 3.0, "fan_affinity_exponent",
          "must be in [1, 3] (got {})", p.fan_affinity_exponent);
  require(p.air_flow_exponent > 0.0 && p.air_flow_exponent <= 1.0, "air_flow_exponent",
          "must be in (0, 1] (got {})", p.air_flow_exponent);
  require(p.adiabatic_effectiveness >= 0.0 && p.adiabatic_effectiveness < 1.0, "adiabatic_effectiveness",
          "must be in [0, 1) (got {})", p.adiabatic_effectiveness);
  require(p.adiabatic_water_efficiency > 0.0 && p.adiabatic_water_efficiency <= 1.0, "adiabatic_water_efficiency",
          "must be in (0, 1] (got {})", p.adiabatic_water_efficiency);
  water_flow_d_kg_s_ = p.design_heat_w / (kWaterCpJPerKgK * p.design_range_k);
  air_flow_d_kg_s_ = p.design_heat_w / (kAirCpJPerKgK * p.design_air_rise_k);
  const double c_w = water_flow_d_kg_s_ * kWaterCpJPerKgK;
  const double c_a = air_flow_d_kg_s_ * kAirCpJPerKgK;
  const double c_min = std::min(c_w, c_a);
  const double eps = p.design_heat_w / (c_min * (p.design_approach_k + p.design_range_k));
  ua_d_w_per_k_ = counterflow_ntu(eps, c_min / std::max(c_w, c_a)) * c_min;
}

double DryCooler::air_inlet_temp_c(double dry_bulb_c, double wet_bulb_c) const {
  if (!params_.adiabatic || dry_bulb_c <= params_.adiabatic_threshold_c) return dry_bulb_c;
  return dry_bulb_c - params_.adiabatic_effectiveness * std::max(dry_bulb_c - wet_bulb_c, 0.0);
}

double DryCooler::leaving_temp_c(double heat_w, double air_in_c, double water_flow_kg_s, double air_fraction) const {
  if (heat_w <= 0.0) return air_in_c;
  if (air_fraction <= 0.0 || water_flow_kg_s <= 0.0) return std::numeric_limits<double>::infinity();
  return air_in_c + heat_w / effective_capacity_rate_w_per_k(water_flow_kg_s, air_fraction) -
         heat_w / (water_flow_kg_s * kWaterCpJPerKgK);
}

double DryCooler::effective_capacity_rate_w_per_k(double water_flow_kg_s, double air_fraction) const {
  const double x = params_.air_flow_exponent;
  const double c_w = water_flow_kg_s * kWaterCpJPerKgK;
  const double c_a = air_fraction * air_flow_d_kg_s_ * kAirCpJPerKgK;
  const double c_min = std::min(c_w, c_a);
  const double ua =
      ua_d_w_per_k_ * std::pow(air_fraction, x) * std::pow(water_flow_kg_s / water_flow_d_kg_s_, 1.0 - x);
  const double eps = counterflow_effectiveness(ua / c_min, c_min / std::max(c_w, c_a));
  return eps * c_min;
}

double DryCooler::achievable_leaving_temp_c(double heat_w, double dry_bulb_c, double wet_bulb_c,
                                            double water_flow_kg_s, int units_up) const {
  const int up = units_up < 0 ? params_.unit_count : std::min(units_up, params_.unit_count);
  const double air_in = air_inlet_temp_c(dry_bulb_c, wet_bulb_c);
  if (up == 0) return heat_w > 0.0 ? std::numeric_limits<double>::infinity() : air_in;
  return leaving_temp_c(heat_w, air_in, water_flow_kg_s, static_cast<double>(up) / params_.unit_count);
}

double DryCooler::achievable_heat_w(double entering_c, double dry_bulb_c, double wet_bulb_c, double water_flow_kg_s,
                                    int units_up) const {
  const int up = units_up < 0 ? params_.unit_count : std::min(units_up, params_.unit_count);
  const double air_in = air_inlet_temp_c(dry_bulb_c, wet_bulb_c);
  if (up == 0 || water_flow_kg_s <= 0.0 || entering_c <= air_in) return 0.0;
  const double air_fraction = static_cast<double>(up) / params_.unit_count;
  return effective_capacity_rate_w_per_k(water_flow_kg_s, air_fraction) * (entering_c - air_in);
}

DryCoolerOperation DryCooler::operate(double heat_w, double dry_bulb_c, double wet_bulb_c, double water_flow_kg_s,
                                      double leaving_set_c, int units_up) const {
  DryCoolerOperation op;
  const auto& p = params_;
  const int up = units_up < 0 ? p.unit_count : std::min(units_up, p.unit_count);
  const double share = static_cast<double>(up) / p.unit_count;
  op.air_inlet_temp_c = dry_bulb_c;
  op.leaving_temp_c = op.entering_temp_c = dry_bulb_c;
  if (heat_w <= 0.0) return op;
  op.heat_w = heat_w;
  if (up == 0 || water_flow_kg_s <= 0.0) {
    op.capacity_short = true;
    op.leaving_temp_c = op.entering_temp_c = std::numeric_limits<double>::infinity();
    return op;
  }
  const double air_in = air_inlet_temp_c(dry_bulb_c, wet_bulb_c);
  op.air_inlet_temp_c = air_in;
  op.adiabatic_on = air_in < dry_bulb_c;
  auto leaving = [&](double s) { return leaving_temp_c(heat_w, air_in, water_flow_kg_s, s * share); };
  const FanSpeedPoint fan = lowest_fan_speed(leaving, p.fan_min_speed_fraction, leaving_set_c);
  const double s = fan.speed;
  const double t_out = fan.leaving_c;
  if (fan.capacity_short) op.capacity_short = true;
  op.fan_speed_fraction = s;
  op.leaving_temp_c = t_out;
  op.entering_temp_c = t_out + heat_w / (water_flow_kg_s * kWaterCpJPerKgK);
  op.fan_power_w = p.fan_specific_power * p.design_heat_w * share * std::pow(s, p.fan_affinity_exponent);
  if (op.adiabatic_on) {
    const double air_kg_s = s * share * air_flow_d_kg_s_;
    op.adiabatic_water_kg_s = air_kg_s * kAirCpJPerKgK * (dry_bulb_c - air_in) / water_latent_heat_j_per_kg(air_in) /
                              p.adiabatic_water_efficiency;
  }
  return op;
}

namespace {
class DryCoolerBank final : public RejectionEquipment {
 public:
  explicit DryCoolerBank(const DryCoolerParams& p) : dry_(p) {}
  double design_water_flow_kg_s() const override { return dry_.design_water_flow_kg_s(); }
  double design_heat_w() const override { return dry_.params().design_heat_w; }
  double achievable_leaving_c(double heat_w, double flow_kg_s, const RejectionConditions& c, int up) const override {
    return dry_.achievable_leaving_temp_c(heat_w, c.dry_bulb_c, c.wet_bulb_c, flow_kg_s, up);
  }
  double achievable_heat_w(double entering_c, double flow_kg_s, const RejectionConditions& c, int up) const override {
    return dry_.achievable_heat_w(entering_c, c.dry_bulb_c, c.wet_bulb_c, flow_kg_s, up);
  }
  RejectionPoint operate(double heat_w, double flow_kg_s, double set_c, const RejectionConditions& c,
                         int up) const override {
    const auto op = dry_.operate(heat_w, c.dry_bulb_c, c.wet_bulb_c, flow_kg_s, set_c, up);
    return {op.leaving_temp_c, op.fan_power_w, 0.0, 0.0, 0.0, 0.0, op.adiabatic_water_kg_s, 0.0, op.capacity_short};
  }

 private:
  DryCooler dry_;
};
}  // namespace

RejectionBankParams dry_cooler_bank(std::string name, const DryCoolerParams& p) {
  DryCooler check(p);
  return {std::move(name), "dry_coolers", "dry_cooler", "units", p.unit_count, p.design_heat_w, p.design_approach_k,
          [p] { return std::make_unique<DryCoolerBank>(p); }};
}

}  // namespace dcsim::models
