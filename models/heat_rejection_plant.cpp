#include "models/heat_rejection_plant.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "sim/check.hpp"

namespace dcsim::models {

int HeatRejectionPlantParams::chiller_units() const {
  int n = 0;
  for (const auto& b : chillers) n += b.count;
  return n;
}

HeatRejectionPlant::HeatRejectionPlant(const HeatRejectionPlantParams& p) : params_(p), rejection_(p.rejection) {
  require(p.economizer_hx_approach_k >= 0.0, "economizer_hx_approach_k", "must be >= 0 (got {})",
          p.economizer_hx_approach_k);
  require(p.pump_count >= 1, "pump_count", "must be >= 1 (got {})", p.pump_count);
  require(p.pump_min_flow_fraction > 0.0 && p.pump_min_flow_fraction <= 1.0, "pump_min_flow_fraction",
          "must be in (0, 1] (got {})", p.pump_min_flow_fraction);
  for (const auto& bank : p.chillers) {
    if (condensing_heat_factor_ == 1.0 && bank.unit.condenser == CondenserKind::water) {
      condensing_heat_factor_ = 1.0 + 1.0 / bank.unit.cop_ref;  // the lead water-cooled bank's, at rated COP
    }
    require(bank.count >= 1, "chillers.count", "must be >= 1 (got {})", bank.count);
    chillers_.emplace_back(bank.unit);
    require(bank.unit.condenser == CondenserKind::air || has_rejection(), "chiller.condenser",
            "is water-cooled but the plant has no tower or dry cooler (got {} chillers)", bank.count);
  }
  if (has_rejection()) {
    const double flow_kg_s = rejection_.design_water_flow_kg_s();
    FluidMachineParams fp;
    fp.design_flow_m3_s = flow_kg_s / kWaterDensityKgPerM3 / p.pump_count;
    fp.design_pressure_pa = p.pump_pressure_pa;
    fp.efficiency = p.pump_efficiency;
    fp.unit_count = p.pump_count;
    // Variable speed: units stay on down to the flow the plant's minimum asks (no speed floor of
    // their own below it); constant: never below design speed.
    fp.min_speed_fraction = p.pump_variable ? std::min(fp.min_speed_fraction, p.pump_min_flow_fraction) : 1.0;
    pumps_.emplace(fp);
  }
  for (const auto& r : p.heat_reuse) reuse_.emplace_back(r);
}

HeatRejectionPlant::ChillerStage HeatRejectionPlant::run_chillers(double load_w, double leaving_c, double condenser_in_c,
                                                                  double dry_bulb_c, const PlantAvailability& av,
                                                                  bool water_ok) const {
  ChillerStage st;
  if (load_w <= 0.0 || chillers_.empty()) return st;
  // A bank after the lead runs only for load the banks before it left beyond rounding.
  for (std::size_t b = 0; b < chillers_.size() && (b == 0 || load_w - st.cooling_w > 1e-12 * load_w); ++b) {
    const bool water = params_.chillers[b].unit.condenser == CondenserKind::water;
    const int count = params_.chillers[b].count;
    const int up = av.chillers_up_at(b) < 0 ? count : std::min(av.chillers_up_at(b), count);
    if (up <= 0 || (water && !water_ok)) continue;
    const double rest_w = load_w - st.cooling_w;
    const double y = water ? condenser_in_c : dry_bulb_c;
    const double unit_capacity_w = chillers_[b].available_capacity_w(leaving_c, y);
    const double needed = std::ceil(rest_w / unit_capacity_w * (1.0 - 1e-12));
    const int running = static_cast<int>(std::clamp(needed, 1.0, static_cast<double>(up)));
    const ChillerOperation unit = chillers_[b].operate(rest_w / running, leaving_c, y);
    const double cooling_w = running * unit.cooling_w, power_w = running * unit.power_w;
    st.running += running;
    st.cooling_w += cooling_w;
    st.power_w += power_w;
    st.condenser_heat_w += cooling_w + power_w;
    if (water) st.water_condenser_heat_w += cooling_w + power_w;
    st.curve_extended = st.curve_extended || unit.curve_extended;
  }
  st.unmet_w = load_w - st.cooling_w;
  return st;
}

double HeatRejectionPlant::hx_approach_per_w() const {
  const double q_d = has_rejection() ? rejection_.design_heat_w() : 0.0;
  return q_d > 0.0 ? params_.economizer_hx_approach_k / q_d : 0.0;
}

FluidMachineOperation HeatRejectionPlant::condenser_pumps(double water_heat_w, int pumps_up) const {
  if (!pumps_) return {};
  const double design_m3_s = pumps_->capacity_m3_s(-1);
  double share = 1.0;
  if (params_.pump_variable) {
    share = std::clamp(water_heat_w / rejection_.design_heat_w(), params_.pump_min_flow_fraction, 1.0);
  }
  return pumps_->operate(share * design_m3_s, pumps_up);
}

double HeatRejectionPlant::free_water_temp_c(const PlantInputs& in) const {
  if (!has_rejection() || !rejection_.any_up(in.available.rejection_up) || in.available.pumps_up == 0) {
    return std::numeric_limits<double>::infinity();
  }
  const double m_rw = pumps_->operate(pumps_->capacity_m3_s(-1), in.available.pumps_up).flow_m3_s * kWaterDensityKgPerM3;
  return rejection_.achievable_leaving_c(std::max(in.load_w, 0.0), m_rw, {in.dry_bulb_c, in.wet_bulb_c},
                                         in.available.rejection_up) +
         hx_approach_per_w() * std::max(in.load_w, 0.0);
}

PlantOutput HeatRejectionPlant::solve(const PlantInputs& in) const {
  PlantOutput out;
  out.mode = in.mode;
  const double load_w = std::max(in.load_w, 0.0);
  const double mc = std::max(in.flow_kg_s, 0.0) * kWaterCpJPerKgK;
  const double duty_w = std::min(load_w, std::max(0.0, mc * (in.return_temp_c - in.supply_set_c)));

  // 1. Heat reuse, stage after stage.
  HeatReuseOperation reuse;
  for (std::size_t k = 0; k < reuse_.size(); ++k) {
    const double t_k = mc > 0.0 ? in.return_temp_c - reuse.heat_extracted_w / mc : in.return_temp_c;
    const double demand_w = k < in.reuse_demand_w.size() ? in.reuse_demand_w[k] : 0.0;
    const HeatReuseOperation op = reuse_[k].operate(duty_w - reuse.heat_extracted_w, t_k, in.flow_kg_s, demand_w);
    reuse.heat_extracted_w += op.heat_extracted_w;
    reuse.heat_reused_w += op.heat_reused_w;
    reuse.heat_pump_power_w += op.heat_pump_power_w;
  }
  const double need_w = duty_w - reuse.heat_extracted_w;
  const double t1_c = mc > 0.0 ? in.return_temp_c - reuse.heat_extracted_w / mc : in.return_temp_c;

  // 2-3. Free cooling and chillers around the rejection water temperature t_rw.
  const bool pumps_ok = pumps_ && pumps_->capacity_m3_s(in.available.pumps_up) > 0.0;
  const bool rejection_ok = has_rejection() && rejection_.any_up(in.available.rejection_up) && pumps_ok;
  const bool chillers = has_chillers();
  // Some bank that can run: any air-cooled one, water-cooled ones only with working rejection.
  bool chillers_usable = false, chillers_can_run = false;
  for (std::size_t b = 0; b < params_.chillers.size(); ++b) {
    const bool usable = params_.chillers[b].unit.condenser == CondenserKind::air || rejection_ok;
    chillers_usable = chillers_usable || usable;
    chillers_can_run = chillers_can_run || (usable && in.available.chillers_up_at(b) != 0);
  }
  // A plant without chillers has nothing but its free cooling: it runs it in every mode (fans flat
  // out when short) and lets the supply temperature float.
  const bool free_on = rejection_ok && (in.mode != EconomizerMode::mechanical || !chillers);
  // Without working free cooling the chillers run whatever the mode (air-cooled ones need no water).
  const bool chillers_on = chillers && (in.mode != EconomizerMode::free || !rejection_ok) && chillers_usable;
  if (!rejection_ok && chillers) out.mode = EconomizerMode::mechanical;
  // The condenser flow the pumps are asked for: the heat the plant will send to the water (the duty,
  // with the lead water-cooled bank's condensing heat when chillers run), down to the minimum flow.
  const double water_heat_estimate_w = chillers_on ? need_w * condensing_heat_factor_ : need_w;
  // When the towers or dry coolers cannot reach their set point at that flow, the pumps go to full
  // flow with the fans (below): the exchanger then has all the rejection water to warm.
  FluidMachineOperation pump = rejection_ok ? condenser_pumps(water_heat_estimate_w, in.available.pumps_up)
                                            : FluidMachineOperation{};
  double m_rw = pump.flow_m3_s * kWaterDensityKgPerM3;
  const double design_m3_s = pumps_ ? pumps_->capacity_m3_s(-1) : 0.0;
  // The economizer exchanger's approach: a fixed-UA counterflow exchanger has an approach Q / UA,
  // rated dT_hx at the design heat Q_d of the towers/dry coolers, so dT_hx(Q) = dT_hx Q / Q_d.
  const double hx_per_w = hx_approach_per_w();
  const double hx = hx_per_w * need_w;  // at the heat the economizer may carry
  const RejectionConditions air{in.dry_bulb_c, in.wet_bulb_c};

  struct State {
    double free_w = 0.0;
    ChillerStage bank;
    double water_heat_w = 0.0;  // to the towers / dry coolers
  };
  auto evaluate = [&](double t_rw) {
    State s;
    // Q = m c_p (T_1 - T_rw - k Q)  =>  Q = m c_p (T_1 - T_rw) / (1 + m c_p k).
    // The rejection water cannot leave the exchanger warmer than the loop water enters it.
    if (free_on) {
      s.free_w = std::clamp(mc * (t1_c - t_rw) / (1.0 + mc * hx_per_w), 0.0, need_w);
      if (m_rw > 0.0) s.free_w = std::min(s.free_w, std::max(m_rw * kWaterCpJPerKgK * (t1_c - t_rw), 0.0));
    }
    if (chillers_on) {
      const double y = m_rw > 0.0 ? t_rw + s.free_w / (m_rw * kWaterCpJPerKgK) : t_rw;
      s.bank = run_chillers(need_w - s.free_w, in.supply_set_c, y, in.dry_bulb_c, in.available, rejection_ok);
    }
    s.water_heat_w = s.free_w + s.bank.water_condenser_heat_w;
    return s;
  };
  const double condenser_set_c = params_.condenser_water_reset ? params_.condenser_water_reset->set_point_c(in.wet_bulb_c)
                                                                : params_.condenser_water_set_c;
  const double target_c = in.mode == EconomizerMode::mechanical && chillers ? condenser_set_c : in.supply_set_c - hx;
  State s = evaluate(target_c);
  RejectionPoint rej;
  double t_rw = target_c;
  const auto up = in.available.rejection_up;
  if (rejection_ok && s.water_heat_w > 0.0) {
    if (rejection_.achievable_leaving_c(s.water_heat_w, m_rw, air, up) > target_c && pump.flow_m3_s < design_m3_s) {
      pump = condenser_pumps(std::numeric_limits<double>::infinity(), in.available.pumps_up);
      m_rw = pump.flow_m3_s * kWaterDensityKgPerM3;
      s = evaluate(target_c);
    }
    if (rejection_.achievable_leaving_c(s.water_heat_w, m_rw, air, up) > target_c) {
      // Fans flat out: find t_rw = leaving(Q_rej(t_rw)); g(t) = leaving(Q(t)) - t falls with t.
      auto g = [&](double t) { return rejection_.achievable_leaving_c(evaluate(t).water_heat_w, m_rw, air, up) - t; };
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
    rej = rejection_.operate(s.water_heat_w, m_rw, target_c, air, up);
    out.rejection_short = rej.short_;
  } else {
    rej = rejection_.operate(0.0, m_rw, target_c, air, up);  // standby: basin heaters
  }
  out.rejection_leaving_temp_c = rejection_ok ? t_rw : std::numeric_limits<double>::infinity();

  if (in.mode == EconomizerMode::partial && s.free_w <= 0.0 && chillers_on) {
    PlantInputs mech = in;
    mech.mode = EconomizerMode::mechanical;
    return solve(mech);
  }
  // Free cooling that cannot hold the set point stages the chillers on: partial mode, the economizer
  // pre-cooling in series and the chillers trimming to the set point.
  if (in.mode == EconomizerMode::free && chillers && chillers_can_run &&
      need_w - s.free_w > 1e-9 * std::max(load_w, 1.0)) {
    PlantInputs trim = in;
    trim.mode = EconomizerMode::partial;
    return solve(trim);
  }

  // Results.
  const ChillerStage& bank = s.bank;
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
  out.power.fans_w = rej.fan_w + rej.basin_w;
  out.power.pumps_w = (s.water_heat_w > 0.0 ? pump.power_w : 0.0) + rej.spray_w;
  out.water = {rej.evaporation_kg_s, rej.drift_kg_s, rej.blowdown_kg_s, rej.adiabatic_kg_s};
  out.curve_extended = bank.running > 0 && bank.curve_extended;
  out.capacity_short = out.unmet_w > 1e-9 * std::max(load_w, 1.0);
  return out;
}

}  // namespace dcsim::models
