#include "models/facility.hpp"
#include "models/facility_impl.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <limits>
#include <stdexcept>

#include <fmt/format.h>

#include "models/facility_topology.hpp"
#include "models/supply_dispatch.hpp"
#include "sim/check.hpp"
#include "sim/simulator.hpp"
#include "sim/thermal_network.hpp"

namespace dcsim::models {

void Facility::Impl::resolve(sim::Time now) {
  const double now_s = sim::to_seconds(now);
  update_set_points();
  // IT: each group at its hall's inlet temperature, its heat into its loop and its hall.
  // (Buffers kept between solves: no allocation per event.)
  auto& hall_air_w = hall_air_w_;
  auto& hall_flow_heat_w = hall_flow_heat_w_;
  auto& hall_it_w = hall_it_w_;
  auto& loop_heat_w = loop_heat_w_;
  auto& group_air_w = operating_.group_air_w;
  hall_air_w.assign(halls_.size(), 0.0);
  hall_flow_heat_w.assign(halls_.size(), 0.0);
  hall_it_w.assign(halls_.size(), 0.0);
  loop_heat_w.assign(loops_.size(), 0.0);
  group_air_w.assign(groups_.size(), 0.0);
  operating_.group_flow_heat_w.assign(groups_.size(), 0.0);
  operating_.group_liquid_w.assign(groups_.size(), 0.0);
  it_w_ = 0;
  server_fans_w_ = 0;
  update_availability(now);
  it_unserved_w_ = 0;
  for (std::size_t i = 0; i < groups_.size(); ++i) {
    auto& g = groups_[i];
    // What the load asks for, then what the overheat policy lets run (throttled or off).
    const double inlet_c = net_.temp_c(halls_[g.hall]->cold());
    const double demand_u = demand_utilization(g, now);
    double factor = 1.0;
    bool off = false;
    for (const auto& o : overheat_) {
      if (!o.present || !affects(o, g)) continue;
      off = off || o.state == Overheat::State::off;
      if (o.state == Overheat::State::throttled) factor = std::min(factor, o.throttle);
    }
    const RackGroupPower demand = g.rack->evaluate(demand_u, inlet_c);
    g.utilization = off ? 0.0 : demand_u * factor;
    g.power = off ? RackGroupPower{} : factor < 1.0 ? g.rack->evaluate(g.utilization, inlet_c) : demand;
    it_unserved_w_ += demand.power_w - g.power.power_w;
    if (g.chip_src >= 0) net_.set_source(g.chip_src, g.power.heat_to_liquid_w);
    if (g.air_src >= 0) net_.set_source(g.air_src, g.power.heat_to_air_w);
    if (g.chip_src >= 0) loop_heat_w[*g.loop] += g.power.heat_to_liquid_w;
    hall_air_w[g.hall] += g.power.heat_to_air_w;
    group_air_w[i] = g.power.heat_to_air_w;
    hall_flow_heat_w[g.hall] += g.power.air_flow_heat_w;
    operating_.group_flow_heat_w[i] = g.power.air_flow_heat_w;
    operating_.group_liquid_w[i] = g.power.heat_to_liquid_w;
    hall_it_w[g.hall] += g.power.power_w;
    it_w_ += g.power.power_w;
    server_fans_w_ += g.power.fan_power_w;
  }
  // Liquid loops: flow and pumps.
  double ups_pumps_w = 0.0;  // the loops' pumps fed through the UPS
  for (std::size_t k = 0; k < loops_.size(); ++k) {
    auto& l = *loops_[k];
    l.operate(loop_heat_w[k], loop_pumps_up_[k], !conn_.loop_plant[k] || plants_[*conn_.loop_plant[k]].loop_stopped);
    if (l.config().pumps_on_ups) ups_pumps_w += l.pump_w();
  }
  // Electrical heat inside the envelope: the PDUs with each hall's IT power, the UPS (indoors) and
  // the lighting by the halls' shares of the design IT load.
  const double ups_out_w = it_w_ + ups_pumps_w;
  ups_loss_w_ = ups_loss_w(ups_out_w, now_s);
  pdu_loss_w_ = cfg_.power.pdu_loss_fraction * it_w_;
  const double ups_in_room_w = cfg_.power.ups.outdoors ? 0.0 : ups_loss_w_;
  // Equipment on ports, at the heat the groups give now: the air it moves through the halls first,
  // then (once the halls have balanced their aisles) its flows, fans and pumps.
  if (!equipment_.empty()) {
    operating_.plant_stopped.assign(plants_.size(), 0);
    for (std::size_t i = 0; i < plants_.size(); ++i) operating_.plant_stopped[i] = plants_[i].loop_stopped ? 1 : 0;
    for (auto& e : equipment_) e->operate_air(operating_);
  }
  // Halls: airflows, fans, coil capacity and economizer share.
  for (std::size_t h = 0; h < halls_.size(); ++h) {
    auto& hall = *halls_[h];
    const double share = hall_share_[h];
    const double elec_w = ups_in_room_w * share + cfg_.power.pdu_loss_fraction * hall_it_w[h] + cfg_.power.lighting_w * share;
    hall.operate(weather_, hall_air_w[h], hall_flow_heat_w[h], elec_w, hall_units_up_[h], plants_[conn_.hall_plant[h]].loop_stopped,
                 operating_.group_flow_heat_w);
  }
  if (!equipment_.empty()) {
    operating_.group_flow_kg_s.assign(groups_.size(), 0.0);
    for (std::size_t i = 0; i < groups_.size(); ++i) {
      operating_.group_flow_kg_s[i] = halls_[groups_[i].hall]->server_flow_kg_s(operating_.group_flow_heat_w[i]);
    }
    for (auto& e : equipment_) e->operate(operating_);
  }
  // Plants (models/facility_plants.cpp): the supply each holds for the next interval.
  bool any_constrained = false;
  double next_dwell_s = std::numeric_limits<double>::infinity();
  solve_plants(now, any_constrained, next_dwell_s);
  // Boundary temperatures for the next interval, and each loop's shortfall against its set point.
  for (std::size_t k = 0; k < loops_.size(); ++k) {
    if (conn_.loop_plant[k]) loops_[k]->apply_water(plants_[*conn_.loop_plant[k]].supply_c);
  }
  for (std::size_t e = 0; e < equipment_.size(); ++e) {
    if (equipment_[e]->plant_load()) equipment_[e]->apply_water(plants_[*conn_.equipment[e].plant].supply_c);
  }
  bool any_hall_constrained = false;
  for (std::size_t h = 0; h < halls_.size(); ++h) {
    auto& hall = *halls_[h];
    if (const auto change = hall.apply_water(plants_[conn_.hall_plant[h]].supply_c)) log(now_s, "capacity", hall_prefix(h) + "crah", *change);
    any_hall_constrained = any_hall_constrained || hall.constrained();
  }
  // Re-solve soon while something is at a limit, or when an economizer may change mode.
  sim::Time at = sim::kTimeMax;
  const bool any_equipment_constrained =
      std::any_of(equipment_.begin(), equipment_.end(), [](const auto& e) { return e->constrained(); });
  if (any_constrained || any_hall_constrained || any_equipment_constrained) at = now + cfg_.control_interval;
  if (std::isfinite(next_dwell_s)) at = std::min(at, std::max(now + 1, sim::from_seconds(std::ceil(next_dwell_s))));
  if (at < cfg_.length) {
    sim_.schedule(control_id_, at, kind_control_);
  } else {
    sim_.cancel(control_id_);
  }
  // The state changed: the overheat watch looks again once every component has re-armed.
  if (watch_) sim_.schedule_now(watch_id_, kind_rearm_);
}

void Facility::Impl::log(double t_s, std::string kind, std::string component, std::string detail) {
  result_.recorder.log_event(t_s, std::move(kind), std::move(component), std::move(detail));
}

Driver& Facility::Impl::add_driver(Driver::Action action, Driver::Next next, sim::EventKind kind) {
  drivers_.push_back(std::make_unique<Driver>(std::move(action), std::move(next), kind, cfg_.length));
  drivers_.back()->id = sim_.add_component(*drivers_.back());
  return *drivers_.back();
}

void Facility::Impl::advance(sim::Time from, sim::Time to) {
  const double dt = sim::to_seconds(to - from);
  const Eigen::VectorXd before = [&] {
    Eigen::VectorXd t(net_.node_count());
    for (std::size_t i = 0; i < net_.node_count(); ++i) t[i] = net_.temp_c(static_cast<sim::NodeId>(i));
    return t;
  }();
  net_.advance(dt);
  EnergyLedger l;
  l.duration_s = dt;
  l[Use::it] = it_w_ * dt;
  l[Use::server_fans] = server_fans_w_ * dt;
  double pumps_w = 0.0;
  for (const auto& lp : loops_) pumps_w += lp->pump_w();
  l[Use::pumps] = pumps_w * dt;
  for (std::size_t e = 0; e < equipment_.size(); ++e) {
    EnergyLedger used;
    equipment_[e]->account(used, dt);
    l.add(used);
    // In its hall's zone; equipment on racks (rear doors, tanks, CDUs) in their halls, by their IT now.
    const EquipmentPorts& at = conn_.equipment[e];
    if (at.hall) {
      zones_[*at.hall].cooling_j += used.cooling_j();
    } else if (!at.groups.empty()) {
      double it_w = 0.0;
      for (std::size_t g : at.groups) it_w += groups_[g].power.power_w;
      for (std::size_t g : at.groups) {
        const double share = it_w > 0.0 ? groups_[g].power.power_w / it_w : 1.0 / static_cast<double>(at.groups.size());
        zones_[groups_[g].hall].cooling_j += share * used.cooling_j();
      }
    }
  }
  l[Use::ups_loss] = ups_loss_w_ * dt;
  l[Use::pdu_loss] = pdu_loss_w_ * dt;
  l[Use::lighting] = cfg_.power.lighting_w * dt;
  l.it_unserved_j = it_unserved_w_ * dt;
  for (const auto& g : groups_) l.work_units += g.power.work_rate_per_s * dt;
  l.stored_change_j = net_.stored_energy_change_j();
  // Each hall: its fans and humidifiers, its zone, and the heat its CRAH boundary took out of the
  // network over the interval (exact): the airside economizer's share goes straight to the outdoors,
  // the coils' to the plant; the secondary fans' heat leaves with the outdoor air, the steam's with
  // the exhaust.
  bool any_compressor = false, any_partial = false;
  for (std::size_t i = 0; i < halls_.size(); ++i) {
    const AirHall& h = *halls_[i];
    const double air_fans_w = h.fans_w() + h.economizer_fans_w();
    l[Use::air_fans] += air_fans_w * dt;
    l[Use::humidifiers] += h.humidifier_w() * dt;
    zones_[i].it_j += hall_it_w_[i] * dt;
    zones_[i].cooling_j += (air_fans_w + h.humidifier_w()) * dt;
    zones_[i].electrical_j += h.electrical_w() * dt;
    l.heat_rejected_j += (1.0 - h.coil_share()) * h.coil_heat_j() + (h.economizer_fans_w() + h.humidifier_w()) * dt;
    l.water_kg += h.economizer_water_kg_s() * dt;
    any_partial = any_partial || (h.coil_share() < 1.0 && h.coil_share() > 0.0);
  }
  if (cfg_.power.ups.outdoors) l.heat_rejected_j += ups_loss_w_ * dt;
  account_plants(from, dt, l, any_compressor, any_partial);
  // Shortfalls held over the interval; a shortfall below 1e-6 of the design heat is none.
  auto note = [dt](CoolingShortfall& s, double w, double design_w) {
    if (w <= std::max(1e-6 * design_w, 1e-3)) return false;
    s.energy_j += w * dt;
    s.seconds += dt;
    s.peak_w = std::max(s.peak_w, w);
    return true;
  };
  for (std::size_t i = 0; i < plants_.size(); ++i) {
    note(shortfalls_[i], plants_[i].shortfall_w, plants_[i].design_heat_w);
    auto& m = mode_time_[i];
    (plants_[i].mode_run == EconomizerMode::free ? m.free_s : plants_[i].mode_run == EconomizerMode::partial ? m.partial_s
                                                                                                            : m.mechanical_s) += dt;
  }
  double unmet_w = 0.0;
  bool any_short = false;
  for (std::size_t h = 0; h < halls_.size(); ++h) {
    const bool short_now = note(shortfalls_[plants_.size() + h], halls_[h]->shortfall_w(), halls_[h]->design_heat_w());
    unmet_w += short_now ? halls_[h]->shortfall_w() : 0.0;
    any_short = any_short || short_now;
  }
  for (std::size_t k = 0; k < loops_.size(); ++k) {
    const bool short_now =
        note(shortfalls_[plants_.size() + halls_.size() + k], loops_[k]->shortfall_w(), loops_[k]->design_heat_w());
    unmet_w += short_now ? loops_[k]->shortfall_w() : 0.0;
    any_short = any_short || short_now;
  }
  for (std::size_t k = 0, j = plants_.size() + halls_.size() + loops_.size(); k < equipment_.size(); ++k) {
    const Equipment& e = *equipment_[k];
    if (!e.reports_shortfall()) continue;
    const bool short_now = note(shortfalls_[j++], e.shortfall_w(), e.design_heat_w());
    unmet_w += short_now ? e.shortfall_w() : 0.0;
    any_short = any_short || short_now;
  }
  l.unmet_cooling_j = unmet_w * dt;
  if (any_short) l.cooling_short_s = dt;
  if (!any_compressor) {
    l.free_cooling_s = dt;
  } else if (any_partial) {
    l.partial_cooling_s = dt;
  } else {
    l.mechanical_cooling_s = dt;
  }
  // Transformer: carries every load; its losses are rejected outside the white space.
  const double inside_w = (l.facility_j() - l[Use::transformer_loss]) / dt;
  const double trafo_w = transformer_->loss_w(inside_w);
  l[Use::transformer_loss] = trafo_w * dt;
  l.heat_rejected_j += trafo_w * dt;
  // Supply: geothermal first, grid for the rest, at the interval's intensities.
  const double fac_w = l.facility_j() / dt;
  const double geo_w = geo_ ? geo_->available_capacity_w(from) : 0.0;
  const double geo_g = geo_ ? geo_->emission_factor_g_per_kwh() : 0.0;
  const SupplySplit split = split_supply(fac_w, geo_w, dt, geo_g, grid_->at(from));
  l.geo_energy_j = split.geo_energy_j;
  l.grid_energy_j = split.grid_energy_j;
  l.geo_emissions_g = split.geo_emissions_g;
  l.grid_emissions_g = split.grid_emissions_g;
  l.note_power(fac_w, it_w_);
  account_envelope(dt, before, l, from);
  if (std::any_of(halls_.begin(), halls_.end(), [](const auto& h) { return h->constrained(); }) ||
      std::any_of(plants_.begin(), plants_.end(), [](const PlantState& p) { return p.constrained; })) {
    capacity_short_s_ += dt;
  }
  // Heat balance: every joule of electricity ends as heat rejected, reused or stored.
  balance_in_j_ += l.facility_j();
  balance_out_j_ += l.heat_rejected_j + l.heat_reused_j + l.stored_change_j;
  result_.total.add(l);
  const int m = calendar_.month_index(from);
  if (m >= 0) {
    if (result_.months.size() <= static_cast<std::size_t>(m)) result_.months.resize(static_cast<std::size_t>(m) + 1);
    result_.months[static_cast<std::size_t>(m)].add(l);
  }
  since_sample_.add(l);
  ++result_.stats.intervals;
  if (progress_) {
    const double f = sim::to_seconds(to) / sim::to_seconds(cfg_.length);
    if (f >= next_progress_) {
      progress_(f);
      next_progress_ = f + 0.01;
    }
  }
}

// Time outside the ASHRAE ranges: a hall's IT inlet leaves or re-enters a range at most once per
// interval (the crossing located on the exact trajectory), so the time out is a prefix, a suffix or
// the whole interval; with several halls the ledger counts the time any hall is out (the union).
void Facility::Impl::account_envelope(double dt_s, const Eigen::VectorXd& before, EnergyLedger& l, sim::Time from) {
  // Facility water above the W class: the supply temperature is constant over the interval.
  for (std::size_t k = 0; k < loops_.size(); ++k) {
    if (conn_.loop_plant[k] && plants_[*conn_.loop_plant[k]].supply_c > loops_[k]->limit_c()) {
      l.liquid_above_class_s = dt_s;
      break;
    }
  }
  struct Band {
    double EnergyLedger::*field;
    const char* name;
    bool recommended;
  };
  const Band bands[] = {{&EnergyLedger::air_outside_recommended_s, "recommended", true},
                        {&EnergyLedger::air_outside_allowable_s, "allowable", false}};
  std::optional<Eigen::VectorXd> after;  // the state at the interval's end, while the start is restored
  for (const auto& b : bands) {
    double prefix_s = 0, suffix_s = 0;  // longest time out from the start, and up to the end
    for (std::size_t h = 0; h < halls_.size(); ++h) {
      const AirHall& hall = *halls_[h];
      if (!hall.has_envelope()) continue;
      const double lo = b.recommended ? hall.recommended_min_c() : hall.allowable_min_c();
      const double hi = b.recommended ? hall.recommended_max_c() : hall.allowable_max_c();
      const double t0 = before[hall.cold()], t1 = net_.temp_c(hall.cold());
      const bool out0 = t0 < lo || t0 > hi;
      const bool out1 = t1 < lo || t1 > hi;
      if (!out0 && !out1) continue;
      if (out0 && out1) {
        prefix_s = dt_s;
        continue;
      }
      // One crossing within the interval: locate it on the exact trajectory from the start state.
      const double limit = (out0 ? (t0 < lo ? lo : hi) : (t1 < lo ? lo : hi));
      if (!after) {
        after.emplace(net_.node_count());
        for (std::size_t i = 0; i < net_.node_count(); ++i) (*after)[i] = net_.temp_c(static_cast<sim::NodeId>(i));
      }
      for (std::size_t i = 0; i < net_.node_count(); ++i) {
        if (!net_.is_boundary(static_cast<sim::NodeId>(i))) net_.set_temp(static_cast<sim::NodeId>(i), before[i]);
      }
      const auto tc = net_.first_crossing(hall.cold(), limit, dt_s);
      for (std::size_t i = 0; i < net_.node_count(); ++i) {
        if (!net_.is_boundary(static_cast<sim::NodeId>(i))) net_.set_temp(static_cast<sim::NodeId>(i), (*after)[i]);
      }
      const double tcross = tc ? *tc : dt_s;
      if (out0) {
        prefix_s = std::max(prefix_s, tcross);
      } else {
        suffix_s = std::max(suffix_s, dt_s - tcross);
      }
      log(sim::to_seconds(from) + tcross, "envelope", hall_prefix(h) + "it_inlet",
          fmt::format("IT inlet {} the {} range at {:.2f} degC", out0 ? "returns inside" : "leaves", b.name, limit));
    }
    l.*b.field += std::min(prefix_s + suffix_s, dt_s);
  }
}

void Facility::Impl::sample(sim::Time now) {
  auto& r = result_.recorder;
  const EnergyLedger& l = since_sample_;
  const double dt = l.duration_s > 0 ? l.duration_s : 1.0;
  r.set(ch_dry_bulb_, weather_.dry_bulb_c);
  r.set(ch_wet_bulb_, weather_.wet_bulb_c);
  r.set(ch_it_kw_, l.it_j() / dt / 1e3);
  r.set(ch_fac_kw_, l.facility_j() / dt / 1e3);
  r.set(ch_cool_kw_, l.cooling_j() / dt / 1e3);
  r.set(ch_pue_, l.it_j() > 0 ? l.facility_j() / l.it_j() : 0.0);
  for (const auto& h : halls_) h->record(r);
  for (const auto& lp : loops_) lp->record(r);
  for (const auto& e : equipment_) e->record(r);
  r.set(ch_water_, l.water_kg / dt * 3600.0);
  r.set(ch_reuse_, l.heat_reused_j / dt / 1e3);
  r.set(ch_grid_, grid_->at(now));
  r.set(ch_geo_, geo_ ? (geo_->available_at(now) ? 1.0 : 0.0) : 0.0);
  r.set(ch_co2_, l.emissions_g() / dt * 3.6);  // g/s -> kg/h
  r.set(ch_grid_co2_, l.grid_emissions_g / dt * 3.6);
  r.set(ch_geo_co2_, l.geo_emissions_g / dt * 3.6);
  const double supplied_j = l.grid_energy_j + l.geo_energy_j;
  r.set(ch_grid_share_, supplied_j > 0 ? l.grid_energy_j / supplied_j : 0.0);
  r.set(ch_geo_share_, supplied_j > 0 ? l.geo_energy_j / supplied_j : 0.0);
  for (std::size_t i = 0; i < groups_.size(); ++i) {
    const auto& g = groups_[i];
    r.set(ch_group_util_[i], g.utilization);
    r.set(ch_group_kw_[i], g.power.power_w / 1e3);
    r.set(ch_group_chip_[i], net_.temp_c(g.chip >= 0 ? g.chip : g.air_part));
  }
  for (std::size_t i = 0; i < plants_.size(); ++i) {
    r.set(ch_plant_mode_[i], mode_code(plants_[i].mode_run));
    r.set(ch_plant_supply_[i], plants_[i].supply_c);
    r.set(ch_plant_chillers_[i], plants_[i].chillers_running);
  }
  for (const auto& f : failure_groups_) r.set(f.channel, f.timeline->units_up_at(now));
  if (track_unserved_) r.set(ch_unserved_, l.it_unserved_j / dt / 1e3);
  r.set(ch_unmet_, l.unmet_cooling_j / dt / 1e3);
  r.commit_row(sim::to_seconds(now));
  since_sample_ = EnergyLedger{};
}

FacilityResult Facility::Impl::run(const std::function<void(double)>& progress) {
  progress_ = progress;
  const sim::Time end = cfg_.length;
  const WeatherSeries& weather = *cfg_.weather;
  // Weather files count from January 1st of their year; the period may start on any date.
  const double year_offset_s = calendar_.seconds_of_year(0);
  auto weather_at = [&](sim::Time t) { return weather.at(year_offset_s + sim::to_seconds(t)); };
  auto after = [](sim::Time t, sim::Time next) { return next > t ? next : sim::kTimeMax; };

  kind_control_ = sim_.register_kind("control");
  control_id_ = add_driver([this](sim::Time t) { resolve(t); }, {}, kind_control_).id;
  std::vector<Driver*> armed;
  armed.push_back(&add_driver(
      [&](sim::Time t) {
        weather_ = weather_at(t);
        resolve(t);
      },
      [&](sim::Time t) {
        const double next_s = weather.next_record_time_after(year_offset_s + sim::to_seconds(t)) - year_offset_s;
        return after(t, sim::from_seconds(next_s));
      },
      sim_.register_kind("weather")));
  const auto k_load = sim_.register_kind("load");
  for (auto& g : groups_) {
    auto* profile = g.profile.get();
    armed.push_back(&add_driver([this](sim::Time t) { resolve(t); },
                                [profile, after](sim::Time t) { return after(t, profile->next_change_after(t)); }, k_load));
  }
  armed.push_back(&add_driver([this](sim::Time t) { resolve(t); },
                              [this, after](sim::Time t) { return after(t, grid_->next_change_after(t)); },
                              sim_.register_kind("grid_intensity")));
  if (geo_) {
    armed.push_back(&add_driver(
        [this](sim::Time t) {
          if (!geo_->available_at(t)) ++result_.failures;
          log(sim::to_seconds(t), geo_->available_at(t) ? "repair" : "failure", "supply.geothermal",
              geo_->available_at(t) ? "geothermal plant back in service" : "geothermal plant out; grid covers the load");
          resolve(t);
        },
        [this, after](sim::Time t) { return after(t, geo_->next_change_after(t)); }, sim_.register_kind("geothermal")));
  }
  // Failures and maintenance: one component per redundancy group; load steps: one for all.
  const auto k_failure = sim_.register_kind("failure");
  for (std::size_t k = 0; k < failure_groups_.size(); ++k) {
    const FailureTimeline* tl = failure_groups_[k].timeline.get();
    armed.push_back(&add_driver([this, k](sim::Time t) { on_outage_change(k, t); },
                                [tl, after](sim::Time t) { return after(t, tl->next_change_after(t)); }, k_failure));
  }
  if (!cfg_.load_steps.empty()) {
    armed.push_back(&add_driver([this](sim::Time t) { resolve(t); },
                                [this, after](sim::Time t) {
                                  sim::Time next = sim::kTimeMax;
                                  for (const auto& st : cfg_.load_steps) {
                                    if (st.start > t) next = std::min(next, st.start);
                                    if (st.end > t) next = std::min(next, st.end);
                                  }
                                  return after(t, next);
                                },
                                sim_.register_kind("load_step")));
  }
  for (const Driver* d : armed) state_drivers_.push_back(d->id);
  state_drivers_.push_back(control_id_);
  if (watching_needed()) {
    kind_rearm_ = sim_.register_kind("watch");
    kind_threshold_ = sim_.register_kind("threshold");
    watch_ = std::make_unique<Callback>([this](const sim::Event& e) {
      if (e.kind == kind_threshold_) {
        on_threshold(sim_.now());
      } else {
        arm_watch();
      }
    });
    watch_id_ = sim_.add_component(*watch_);
  }
  // Month starts split the accounting exactly at calendar boundaries.
  armed.push_back(&add_driver([](sim::Time) {},
                              [this](sim::Time t) {
                                const auto dt = calendar_.at(t);
                                const int y = dt.date.month == 12 ? dt.date.year + 1 : dt.date.year;
                                const int m = dt.date.month == 12 ? 1 : dt.date.month + 1;
                                return calendar_.time_of(sim::CivilDate{y, m, 1});
                              },
                              sim_.register_kind("month")));
  const sim::Time rec = cfg_.record_interval;
  armed.push_back(&add_driver([this](sim::Time t) { sample(t); },
                              [rec](sim::Time t) { return (t / rec + 1) * rec; }, sim_.register_kind("sample")));

  sim_.set_advance_hook([this](sim::Time from, sim::Time to) { advance(from, to); });
  weather_ = weather_at(0);
  resolve(0);
  stored_before_ = net_.stored_energy_j();
  for (Driver* d : armed) d->arm(sim_);
  sim_.run_until(end);
  // A last sample at the end if the period is not a whole number of recording intervals.
  if (since_sample_.duration_s > 0) sample(end);

  const auto& st = sim_.statistics();
  result_.stats.events = st.events;
  for (std::size_t k = 0; k < st.events_by_kind.size(); ++k) {
    result_.stats.events_by_kind.emplace_back(sim_.kind_name(static_cast<sim::EventKind>(k)), st.events_by_kind[k]);
  }
  result_.heat_balance_residual_j = balance_in_j_ - balance_out_j_;
  const double rel = balance_in_j_ > 0 ? std::fabs(result_.heat_balance_residual_j) / balance_in_j_ : 0.0;
  if (rel > 1e-6) {
    result_.warnings.push_back(fmt::format("heat balance closes only to {:.2e} relative: a plant could not remove its load", rel));
  }
  if (capacity_short_s_ > 0) {
    result_.warnings.push_back(fmt::format("{:.1f} h with cooling capacity short of the load (plants or CRAH coils; "
                                           "see the 'capacity' events): temperatures rose above their set points",
                                           capacity_short_s_ / 3600.0));
  }
  if (result_.total.air_outside_allowable_s > 0) {
    result_.warnings.push_back(fmt::format("{:.1f} h with an IT inlet outside its ASHRAE allowable range",
                                           result_.total.air_outside_allowable_s / 3600.0));
  }
  if (result_.protection_trips > 0) {
    result_.warnings.push_back(fmt::format("IT thermal protection shut racks down {} time(s) (see the 'protection_trip' events): "
                                           "{:.1f} MWh of IT energy not served",
                                           result_.protection_trips, result_.total.it_unserved_j / 3.6e9));
  }
  result_.shortfalls = shortfalls_;
  result_.plant_modes = mode_time_;
  result_.zones = zones_;
  if (progress_) progress_(1.0);
  return std::move(result_);
}

Facility::Facility(FacilityConfig config, const sim::FacilityGraph& graph)
    : config_(std::move(config)), impl_(std::make_unique<Impl>(config_, read_connections(graph, config_))) {}
Facility::~Facility() = default;
FacilityResult Facility::run(const std::function<void(double)>& progress) { return impl_->run(progress); }
SizingReport Facility::sizing() const { return impl_->sizing(); }
const sim::ThermalNetwork& Facility::network() const { return impl_->network(); }

}  // namespace dcsim::models
