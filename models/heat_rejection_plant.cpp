#include "models/heat_rejection_plant.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "sim/check.hpp"

namespace dcsim::models {

HeatRejectionPlant::HeatRejectionPlant(const HeatRejectionPlantParams& p) : params_(p) {
  require(!(p.tower && p.dry_cooler), "tower", "and dry_cooler are exclusive in one plant (got {})", "both");
  require(p.economizer_hx_approach_k >= 0.0, "economizer_hx_approach_k", "must be >= 0 (got {})",
          p.economizer_hx_approach_k);
  require(p.chiller_count >= 0, "chiller_count", "must be >= 0 (got {})", p.chiller_count);
  require(p.pump_count >= 1, "pump_count", "must be >= 1 (got {})", p.pump_count);
  if (p.tower) tower_.emplace(*p.tower);
  if (p.dry_cooler) dry_cooler_.emplace(*p.dry_cooler);
  if (p.chiller_count > 0) {
    chiller_.emplace(p.chiller);
    require(p.chiller.condenser == CondenserKind::air || has_rejection(), "chiller.condenser",
            "is water-cooled but the plant has no tower or dry cooler (got {} chillers)", p.chiller_count);
  }
  if (has_rejection()) {
    const double flow_kg_s = tower_ ? tower_->design_water_flow_kg_s() : dry_cooler_->design_water_flow_kg_s();
    FluidMachineParams fp;
    fp.design_flow_m3_s = flow_kg_s / kWaterDensityKgPerM3 / p.pump_count;
    fp.design_pressure_pa = p.pump_pressure_pa;
    fp.efficiency = p.pump_efficiency;
    fp.unit_count = p.pump_count;
    pumps_.emplace(fp);
  }
  if (p.heat_reuse) reuse_.emplace(*p.heat_reuse);
}

HeatRejectionPlant::ChillerBank HeatRejectionPlant::run_chillers(double load_w, double leaving_c,
                                                                 double condenser_in_c, int up) const {
  ChillerBank bank;
  if (load_w <= 0.0 || !chiller_) return bank;
  if (up <= 0) {
    bank.unmet_w = load_w;
    return bank;
  }
  const double unit_capacity_w = chiller_->available_capacity_w(leaving_c, condenser_in_c);
  const double needed = std::ceil(load_w / unit_capacity_w * (1.0 - 1e-12));
  bank.running = static_cast<int>(std::clamp(needed, 1.0, static_cast<double>(up)));
  bank.unit = chiller_->operate(load_w / bank.running, leaving_c, condenser_in_c);
  bank.cooling_w = bank.running * bank.unit.cooling_w;
  bank.power_w = bank.running * bank.unit.power_w;
  bank.condenser_heat_w = bank.cooling_w + bank.power_w;
  bank.unmet_w = load_w - bank.cooling_w;
  return bank;
}

double HeatRejectionPlant::rejection_achievable_c(double heat_w, double flow_kg_s, const PlantInputs& in) const {
  const int up = in.available.rejection_units_up;
  if (tower_) return tower_->achievable_leaving_temp_c(heat_w, in.wet_bulb_c, flow_kg_s, up);
  return dry_cooler_->achievable_leaving_temp_c(heat_w, in.dry_bulb_c, in.wet_bulb_c, flow_kg_s, up);
}

HeatRejectionPlant::Rejection HeatRejectionPlant::reject(double heat_w, double flow_kg_s, double set_c,
                                                         const PlantInputs& in) const {
  Rejection r;
  const int up = in.available.rejection_units_up;
  if (tower_) {
    const auto op = tower_->operate(heat_w, in.wet_bulb_c, flow_kg_s, set_c, up);
    r = {op.leaving_temp_c, op.fan_power_w, op.spray_pump_power_w, op.evaporation_kg_s, op.drift_kg_s,
         op.blowdown_kg_s, 0.0, op.capacity_short};
  } else {
    const auto op = dry_cooler_->operate(heat_w, in.dry_bulb_c, in.wet_bulb_c, flow_kg_s, set_c, up);
    r = {op.leaving_temp_c, op.fan_power_w, 0.0, 0.0, 0.0, 0.0, op.adiabatic_water_kg_s, op.capacity_short};
  }
  return r;
}

double HeatRejectionPlant::free_water_temp_c(const PlantInputs& in) const {
  if (!has_rejection() || in.available.rejection_units_up == 0 || in.available.pumps_up == 0) {
    return std::numeric_limits<double>::infinity();
  }
  const double m_rw = pumps_->operate(pumps_->capacity_m3_s(-1), in.available.pumps_up).flow_m3_s * kWaterDensityKgPerM3;
  return rejection_achievable_c(std::max(in.load_w, 0.0), m_rw, in) + params_.economizer_hx_approach_k;
}

PlantOutput HeatRejectionPlant::solve(const PlantInputs& in) const {
  PlantOutput out;
  out.mode = in.mode;
  const double load_w = std::max(in.load_w, 0.0);
  const double mc = std::max(in.flow_kg_s, 0.0) * kWaterCpJPerKgK;
  const double duty_w = std::min(load_w, std::max(0.0, mc * (in.return_temp_c - in.supply_set_c)));

  // 1. Heat reuse.
  HeatReuseOperation reuse;
  if (reuse_) reuse = reuse_->operate(duty_w, in.return_temp_c, in.flow_kg_s, in.reuse_demand_w);
  const double need_w = duty_w - reuse.heat_extracted_w;
  const double t1_c = mc > 0.0 ? in.return_temp_c - reuse.heat_extracted_w / mc : in.return_temp_c;

  // 2-3. Free cooling and chillers around the rejection water temperature t_rw.
  const FluidMachineOperation pump = pumps_ ? pumps_->operate(pumps_->capacity_m3_s(-1), in.available.pumps_up)
                                            : FluidMachineOperation{};
  const double m_rw = pump.flow_m3_s * kWaterDensityKgPerM3;
  const bool rejection_ok = has_rejection() && in.available.rejection_units_up != 0 && m_rw > 0.0;
  const bool water_cooled = chiller_ && params_.chiller.condenser == CondenserKind::water;
  // A plant without chillers has nothing but its free cooling: it runs it in every mode (fans flat
  // out when short) and lets the supply temperature float.
  const bool free_on = rejection_ok && (in.mode != EconomizerMode::mechanical || !chiller_);
  // Without working free cooling the chillers run whatever the mode (air-cooled ones need no water).
  const bool chillers_on = chiller_ && (in.mode != EconomizerMode::free || !rejection_ok) &&
                           (rejection_ok || !water_cooled);
  if (!rejection_ok && chiller_) out.mode = EconomizerMode::mechanical;
  const int chillers_up = in.available.chillers_up < 0 ? params_.chiller_count
                                                        : std::min(in.available.chillers_up, params_.chiller_count);
  const double hx = params_.economizer_hx_approach_k;

  struct State {
    double free_w = 0.0;
    ChillerBank bank;
    double water_heat_w = 0.0;  // to the towers / dry coolers
  };
  auto evaluate = [&](double t_rw) {
    State s;
    if (free_on) s.free_w = std::clamp(mc * (t1_c - t_rw - hx), 0.0, need_w);
    if (chillers_on) {
      const double y = water_cooled ? t_rw + s.free_w / (m_rw * kWaterCpJPerKgK) : in.dry_bulb_c;
      s.bank = run_chillers(need_w - s.free_w, in.supply_set_c, y, chillers_up);
    }
    s.water_heat_w = s.free_w + (water_cooled ? s.bank.condenser_heat_w : 0.0);
    return s;
  };
  const double target_c = in.mode == EconomizerMode::mechanical && chiller_ ? params_.condenser_water_set_c
                                                                            : in.supply_set_c - hx;
  State s = evaluate(target_c);
  Rejection rej;
  double t_rw = target_c;
  if (rejection_ok && s.water_heat_w > 0.0) {
    if (rejection_achievable_c(s.water_heat_w, m_rw, in) > target_c) {
      // Fans flat out: find t_rw = leaving(Q_rej(t_rw)); g(t) = leaving(Q(t)) - t falls with t.
      auto g = [&](double t) { return rejection_achievable_c(evaluate(t).water_heat_w, m_rw, in) - t; };
      double lo = target_c, hi = target_c + 8.0;
      double g_lo = g(lo), g_hi = g(hi);
      while (g_hi > 0.0 && hi < target_c + 1000.0) {
        lo = hi;
        g_lo = g_hi;
        hi = target_c + 2.0 * (hi - target_c);
        g_hi = g(hi);
      }
      t_rw = find_root(g, lo, hi, g_lo, g_hi, 1e-10, 1e-9);
      s = evaluate(t_rw);
    }
    rej = reject(s.water_heat_w, m_rw, target_c, in);
    out.rejection_short = rej.short_;
  }
  out.rejection_leaving_temp_c = rejection_ok ? t_rw : std::numeric_limits<double>::infinity();

  if (in.mode == EconomizerMode::partial && s.free_w <= 0.0 && chillers_on) {
    PlantInputs mech = in;
    mech.mode = EconomizerMode::mechanical;
    return solve(mech);
  }
  // Free cooling that cannot hold the set point stages the chillers on: partial mode, the economizer
  // pre-cooling in series and the chillers trimming to the set point.
  if (in.mode == EconomizerMode::free && chiller_ && chillers_up > 0 && (rejection_ok || !water_cooled) &&
      need_w - s.free_w > 1e-9 * std::max(load_w, 1.0)) {
    PlantInputs trim = in;
    trim.mode = EconomizerMode::partial;
    return solve(trim);
  }

  // Results.
  const ChillerBank& bank = s.bank;
  out.free_cooling_w = s.free_w;
  out.chiller_cooling_w = bank.cooling_w;
  out.chillers_running = bank.running;
  out.heat_removed_w = reuse.heat_extracted_w + s.free_w + bank.cooling_w;
  out.unmet_w = load_w - out.heat_removed_w;
  out.supply_temp_c = mc > 0.0 ? in.return_temp_c - out.heat_removed_w / mc : in.return_temp_c;
  out.heat_reused_w = reuse.heat_reused_w;
  out.heat_rejected_w = s.free_w + bank.condenser_heat_w;
  out.power.compressor_w = bank.power_w;
  out.power.heat_pump_w = reuse.heat_pump_power_w;
  out.power.fans_w = rej.fan_w;
  out.power.pumps_w = (s.water_heat_w > 0.0 ? pump.power_w : 0.0) + rej.spray_w;
  out.water = {rej.evaporation_kg_s, rej.drift_kg_s, rej.blowdown_kg_s, rej.adiabatic_kg_s};
  out.curve_clamped = bank.running > 0 && bank.unit.curve_clamped;
  out.capacity_short = out.unmet_w > 1e-9 * std::max(load_w, 1.0);
  return out;
}

}  // namespace dcsim::models
