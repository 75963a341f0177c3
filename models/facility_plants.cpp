// The plants of the facility model (models/facility_impl.hpp): their loads' set points, the quasi-steady
// solve at each event (free cooling, chillers, a supply that floats when capacity is short), and their
// electricity, water and heat over each interval. Loads are the halls, liquid loops and equipment on
// their water (models/plant_load.hpp).
#include "models/facility_impl.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include <fmt/format.h>

namespace dcsim::models {

double Facility::Impl::plant_flow_kg_s(const PlantState& p, double load_w) const {
  const double want = std::max(load_w / (kWaterCpJPerKgK * p.cfg->delta_t_k), p.cfg->min_flow_fraction * p.design_flow_kg_s);
  if (p.loop_pumps_up < 0) return want;
  return std::min(want, p.pump->capacity_m3_s(p.loop_pumps_up) * kWaterDensityKgPerM3);
}

void Facility::Impl::update_reuse_demand(PlantState& p, sim::Time t) const {
  const auto& demand = p.cfg->reuse_demand;
  p.reuse_demand_w.resize(demand.size());
  for (std::size_t k = 0; k < demand.size(); ++k) {
    const auto& d = demand[k];
    p.reuse_demand_w[k] = d.monthly_w ? (*d.monthly_w)[static_cast<std::size_t>(calendar_.at(t).date.month - 1)] : d.constant_w;
  }
}

double Facility::Impl::plant_return_c(const PlantState& p, double load_w, double flow_kg_s) const {
  return p.supply_c + load_w / (flow_kg_s * kWaterCpJPerKgK);
}

// Loop set points (fixed, or reset with the outdoor dry bulb), then each plant's: the coldest water
// its loops ask for, T_fws = T_tcs - approach_CDU and T_chw = T_sa - approach_coil.
void Facility::Impl::update_set_points() {
  for (auto& h : halls_) h->update_set_point(weather_.dry_bulb_c);
  for (auto& l : loops_) l->update_set_point(weather_.dry_bulb_c);
  for (auto& p : plants_) {
    double set = std::numeric_limits<double>::infinity();
    for (const PlantLoad* load : p.loads) set = std::min(set, load->water_set_c());
    p.supply_set_c = std::isfinite(set) ? set : 20.0;
  }
}

void Facility::Impl::solve_plants(sim::Time now, bool& any_constrained, double& next_dwell_s) {
  const double now_s = sim::to_seconds(now);
  // Plants. What the loops bring to a plant at a supply temperature T_s follows from the network's
  // return state now (coolant nodes, hot aisles): the economizer mode comes from the free water the
  // plant can reach at that load (fans flat out), then the plant solves at its set point. When its
  // equipment cannot carry the load there, the supply floats to the lowest T_s at which the plant
  // removes all that the loops bring (docs/models.md, "Plants short of capacity"): the heat it cannot
  // remove stays in the network and raises the loop temperatures.
  for (std::size_t i = 0; i < plants_.size(); ++i) {
    auto& p = plants_[i];
    auto loop_load_w = [&](double t_s) {
      double q = 0;
      for (const PlantLoad* load : p.loads) q += load->load_at_w(t_s);
      return q;
    };
    update_reuse_demand(p, now);  // once per solve, not per root-finding step
    auto inputs_at = [&](double t_s, double set_c) {
      PlantInputs in;
      in.load_w = loop_load_w(t_s);
      in.flow_kg_s = plant_flow_kg_s(p, in.load_w);
      in.return_temp_c = t_s + (in.flow_kg_s > 0 ? in.load_w / (in.flow_kg_s * kWaterCpJPerKgK) : 0.0);
      in.supply_set_c = set_c;
      in.dry_bulb_c = weather_.dry_bulb_c;
      in.wet_bulb_c = weather_.wet_bulb_c;
      in.reuse_demand_w = p.reuse_demand_w;
      in.mode = p.mode;
      in.available = p.available();
      return in;
    };
    const double set_c = p.supply_set_c;
    PlantInputs in = inputs_at(set_c, set_c);
    p.shortfall_w = 0.0;
    if (in.flow_kg_s <= 0.0) {  // loop pumps all down: nothing reaches the plant
      p.supply_c = set_c;
      p.constrained = false;
      p.removable_w = 0.0;
      continue;
    }
    const EconomizerMode before = p.mode_run;
    if (p.cfg->waterside_economizer && p.plant->has_rejection()) {
      p.mode = p.controller->decide_free_water(now_s, p.plant->free_water_temp_c(in), set_c, in.return_temp_c);
      if (now_s < p.controller->next_allowed_change_s()) {
        next_dwell_s = std::min(next_dwell_s, p.controller->next_allowed_change_s());
      }
    } else {
      p.mode = EconomizerMode::mechanical;
    }
    in.mode = p.mode;
    PlantOutput out = p.plant->solve(in);
    // A plant without chillers cannot make water colder than its free cooling gives with no heat at
    // all (the air, or the wet bulb, plus the approaches): below that the set point is out of reach.
    double t_floor = set_c;
    if (!p.plant->has_chillers()) {
      PlantInputs idle = in;
      idle.load_w = 0.0;
      const double t_free = p.plant->free_water_temp_c(idle);
      t_floor = std::isfinite(t_free) ? std::max(set_c, t_free) : std::numeric_limits<double>::infinity();
    }
    const bool short_at_set = out.capacity_short || t_floor > set_c;
    p.removable_w = short_at_set ? out.heat_removed_w : std::numeric_limits<double>::infinity();
    double t_s = set_c;
    if (short_at_set) {
      // margin(T) = what the plant removes from the water the loops return at supply T, working
      // towards its set point, less what the loops bring at T: < 0 at the set point, >= 0 where the
      // loops bring nothing; the root is the supply the plant holds.
      double t_hi = set_c;
      for (const PlantLoad* load : p.loads) t_hi = std::max(t_hi, load->warmest_water_c());
      auto margin = [&](double t) {
        PlantInputs q = inputs_at(t, set_c);
        q.load_w = q.flow_kg_s * kWaterCpJPerKgK * std::max(q.return_temp_c - set_c, 0.0);
        return p.plant->solve(q).heat_removed_w - loop_load_w(t);
      };
      const double m_lo = out.heat_removed_w - in.load_w, m_hi = margin(t_hi);
      const double t_lo = std::min(t_floor, t_hi);
      const double m_start = t_lo > set_c ? margin(t_lo) : m_lo;
      if (m_start >= 0.0) {
        t_s = t_lo;
      } else if (t_hi > t_lo && m_hi > 0.0) {
        t_s = find_root(margin, t_lo, t_hi, m_start, m_hi, 1e-7, 1e-9 * p.design_heat_w);
        // Settle on the warm side of the root, where the plant carries the whole load.
        for (int k = 0; k < 60 && margin(t_s) < 0.0; ++k) t_s += 1e-7 * std::pow(2.0, k);
      } else {
        t_s = t_hi;
      }
      t_s = std::isfinite(t_floor) ? std::max(std::min(t_s, std::max(t_hi, t_floor)), t_floor) : std::max(t_hi, set_c);
      in = inputs_at(t_s, t_s);
      out = p.plant->solve(in);
      // Counted up to the heat its loops' equipment gives off now: after the racks went down the
      // counterfactual at the set point says nothing about the load.
      double sources_w = 0.0;
      for (const PlantLoad* load : p.loads) sources_w += load->sources_w();
      p.shortfall_w = std::clamp(loop_load_w(set_c) - loop_load_w(t_s), 0.0, sources_w);
    }
    p.supply_c = t_s;
    p.mode_run = out.mode;
    if (p.mode_run != before) {
      log(now_s, "mode_change", "plant." + p.cfg->name, fmt::format("{} -> {}", to_string(before), to_string(p.mode_run)));
    }
    if (short_at_set != p.constrained) {
      log(now_s, "capacity", "plant." + p.cfg->name,
          short_at_set ? fmt::format("short of capacity: supply {:.2f} degC above its set point {:.2f} degC, {:.1f} kW short",
                                     t_s, set_c, p.shortfall_w / 1e3)
                       : "load within capacity again");
    }
    p.constrained = short_at_set;
    any_constrained = any_constrained || p.constrained;
  }
}

void Facility::Impl::account_plants(sim::Time from, double dt, EnergyLedger& l, bool& any_compressor, bool& any_partial) {
  for (auto& p : plants_) {
    double load_j = 0;
    for (const PlantLoad* load : p.loads) load_j += load->plant_heat_j();
    // Water warmer than the loop it serves (a chiller-less plant in hot air with the racks off) heats
    // the loop: heat taken from the outdoors, booked as negative rejection so the balance holds.
    if (load_j < 0.0) l.heat_rejected_j += load_j;
    const double load_w = std::max(load_j / dt, 0.0);
    const double flow = plant_flow_kg_s(p, load_w);
    if (flow <= 0.0) continue;  // loop pumps all down
    PlantInputs in;
    in.load_w = load_w;
    in.supply_set_c = p.supply_c;
    in.flow_kg_s = flow;
    in.return_temp_c = plant_return_c(p, load_w, flow);
    in.dry_bulb_c = weather_.dry_bulb_c;
    in.wet_bulb_c = weather_.wet_bulb_c;
    update_reuse_demand(p, from);
    in.reuse_demand_w = p.reuse_demand_w;
    in.mode = p.mode;
    in.available = p.available();
    const PlantOutput out = p.plant->solve(in);
    // DX (CRAC) units have no chilled-water loop to pump.
    const double pump_w = p.pumps_water ? p.pump->power_w(flow / kWaterDensityKgPerM3, p.loop_pumps_up) : 0.0;
    l[Use::compressors] += out.power.compressor_w * dt;
    l[Use::heat_rejection_fans] += out.power.fans_w * dt;
    l[Use::pumps] += (out.power.pumps_w + pump_w) * dt;
    l[Use::heat_pump] += out.power.heat_pump_w * dt;
    // Rejected: the plant's own figure plus what its fans and pumps dissipate (their heat leaves
    // with the exhaust air and the rejected water).
    // Heat the plant could not reject at the supply it held is not booked: it shows in the heat
    // balance (the quasi-steady plant against the exact network between two solves).
    l.heat_rejected_j += (out.heat_rejected_w + out.power.fans_w + out.power.pumps_w + pump_w) * dt;
    l.heat_reused_j += out.heat_reused_w * dt;
    l.water_kg += out.water.total_kg_s() * dt;
    p.chillers_running = out.chillers_running;
    any_compressor = any_compressor || out.power.compressor_w > 0;
    any_partial = any_partial || p.mode_run == EconomizerMode::partial;
  }
}

}  // namespace dcsim::models
