#include "models/facility_impl.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <limits>

#include <fmt/format.h>

#include "sim/check.hpp"

namespace dcsim::models {

// ---- Failures, redundancy, load steps and the overheat policy (docs/failures.md) ----

void Facility::Impl::setup_failures() {
  for (const auto& spec : failure_specs_) {
    int units = 0;
    std::size_t equipment_slot = 0;
    const bool plant_target = spec.target != FailureTarget::air_units && spec.target != FailureTarget::liquid_pumps &&
                              spec.target != FailureTarget::ups_modules && spec.target != FailureTarget::equipment_units;
    require(!plant_target || spec.plant < plants_.size(), "failures", "{} names no plant (index {})", spec.name, spec.plant);
    const PlantState* p = plant_target ? &plants_[spec.plant] : nullptr;
    switch (spec.target) {
      case FailureTarget::air_units:
        require(spec.loop < halls_.size(), "failures", "{} names no hall (index {})", spec.name, spec.loop);
        units = halls_[spec.loop]->config().unit_count;
        break;
      case FailureTarget::liquid_pumps:
        require(spec.loop < loops_.size(), "failures", "{}: the scenario has no such liquid loop (index {})", spec.name, spec.loop);
        units = loops_[spec.loop]->pump().params().unit_count;
        break;
      case FailureTarget::plant_pumps: units = p->pump->params().unit_count; break;
      case FailureTarget::plant_chillers: {
        const auto& banks = p->cfg->params.chillers;
        units = spec.bank < banks.size() ? banks[spec.bank].count : 0;
        break;
      }
      case FailureTarget::plant_rejection: {
        const auto& banks = p->cfg->params.rejection;
        units = spec.bank < banks.size() ? banks[spec.bank].unit_count() : 0;
        break;
      }
      case FailureTarget::plant_condenser_pumps: units = p->plant->has_rejection() ? p->cfg->params.pump_count : 0; break;
      case FailureTarget::ups_modules: units = ups_->modules_installed(); break;
      case FailureTarget::equipment_units: {
        require(spec.equipment < equipment_.size(), "failures", "{} names no equipment (index {})", spec.name, spec.equipment);
        const auto groups = equipment_[spec.equipment]->unit_groups();
        require(spec.unit_group < groups.size(), "failures", "{}: the equipment has no such unit group (index {})", spec.name,
                spec.unit_group);
        units = groups[spec.unit_group].count;
        auto slot = std::find_if(equipment_units_.begin(), equipment_units_.end(),
                                 [&](const EquipmentUnits& e) { return e.equipment == spec.equipment; });
        if (slot == equipment_units_.end()) {
          EquipmentUnits e{spec.equipment, {}, {}};
          for (const auto& g : groups) e.count.push_back(g.count);
          e.up = e.count;
          slot = equipment_units_.insert(slot, std::move(e));
        }
        equipment_slot = static_cast<std::size_t>(slot - equipment_units_.begin());
        break;
      }
    }
    require(units > 0, "failures", "{}: the facility has no such units{}", spec.name, "");
    FailureGroup f;
    f.spec = &spec;
    f.equipment_slot = equipment_slot;
    f.timeline = std::make_unique<FailureTimeline>(spec, units, cfg_.seed, cfg_.length);
    std::string channel = "units_up." + spec.name;
    for (char& c : channel) {
      if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_' && c != '.' && c != '-') c = '_';
    }
    f.channel = result_.recorder.add_channel(channel, "1", "units up of " + spec.name + fmt::format(" (of {})", units));
    failure_groups_.push_back(std::move(f));
  }
  for (const auto& st : cfg_.load_steps) {
    require(st.group < groups_.size(), "load_steps", "name no rack group (index {})", st.group);
    require(st.utilization >= 0.0 && st.utilization <= 1.0, "utilization", "must be in [0, 1] (got {})", st.utilization);
    groups_[st.group].steps.push_back(&st);
  }
  for (auto& g : groups_) {
    std::stable_sort(g.steps.begin(), g.steps.end(), [](const LoadStep* a, const LoadStep* b) { return a->start < b->start; });
  }
  // Watches: each hall's cold aisle against the narrowest allowable class of its air-cooled groups;
  // each loop's coolant against the W class limit carried up by the CDU approach and the design rise.
  for (std::size_t h = 0; h < halls_.size(); ++h) {
    const AirHall& hall = *halls_[h];
    Overheat o;
    o.present = hall.has_envelope();
    o.air = true;
    o.index = h;
    o.what = hall_prefix(h) + "it_inlet";
    o.node = hall.cold();
    o.limit_c = hall.allowable_max_c();
    o.restart_c = o.limit_c - cfg_.policy.restart_margin_k;
    o.trip_c = o.limit_c + cfg_.policy.protection_margin_k;
    overheat_.push_back(o);
  }
  for (std::size_t k = 0; k < loops_.size(); ++k) {
    const LiquidLoop& loop = *loops_[k];
    Overheat o;
    o.present = loop.limit_c() < 1e8;
    o.air = false;
    o.index = k;
    o.what = loop_prefix(k) + "coolant";
    o.node = loop.coolant();
    o.limit_c = loop.coolant_limit_c();
    o.restart_c = o.limit_c - cfg_.policy.restart_margin_k;
    o.trip_c = o.limit_c + cfg_.policy.protection_margin_k;
    overheat_.push_back(o);
  }
  for (std::size_t e = 0; e < equipment_.size(); ++e) {
    for (const WatchPoint& w : equipment_[e]->watch_points()) {
      Overheat o;
      o.present = true;
      o.air = false;
      o.equipment = static_cast<int>(e);
      o.point = w.point;
      o.groups = w.groups;
      o.what = w.what;
      o.node = w.node;
      o.limit_c = w.limit_c;
      o.restart_c = o.limit_c - cfg_.policy.restart_margin_k;
      o.trip_c = o.limit_c + cfg_.policy.protection_margin_k;
      overheat_.push_back(std::move(o));
    }
  }
  track_unserved_ = cfg_.policy.action != OverheatAction::alarm || !failure_specs_.empty() || !cfg_.load_steps.empty();
  if (track_unserved_) {
    ch_unserved_ = result_.recorder.add_channel("it_unserved_kw", "kW",
                                                "IT power asked for but not served (throttled or shut down), mean over the interval");
  }
}

// The thermal protection is always on, so the watch runs whenever a medium is watched.
bool Facility::Impl::watching_needed() const {
  return std::any_of(overheat_.begin(), overheat_.end(), [](const Overheat& o) { return o.present; });
}

void Facility::Impl::update_availability(sim::Time now) {
  hall_units_up_.assign(halls_.size(), 0);
  for (std::size_t h = 0; h < halls_.size(); ++h) hall_units_up_[h] = halls_[h]->config().unit_count;
  loop_pumps_up_.assign(loops_.size(), -1);
  ups_modules_down_ = 0;
  for (auto& p : plants_) {
    std::fill(p.chillers_up.begin(), p.chillers_up.end(), -1);
    std::fill(p.rejection_up.begin(), p.rejection_up.end(), -1);
    p.condenser_pumps_up = -1;
    p.loop_pumps_up = -1;
  }
  for (auto& e : equipment_units_) e.up = e.count;
  for (const auto& f : failure_groups_) {
    const int up = f.timeline->units_up_at(now);
    PlantState* p = f.spec->plant < plants_.size() ? &plants_[f.spec->plant] : nullptr;
    switch (f.spec->target) {
      case FailureTarget::air_units: hall_units_up_[f.spec->loop] = up; break;
      case FailureTarget::liquid_pumps: loop_pumps_up_[f.spec->loop] = up; break;
      case FailureTarget::plant_pumps: p->loop_pumps_up = up; break;
      case FailureTarget::plant_chillers: p->chillers_up[f.spec->bank] = up; break;
      case FailureTarget::plant_rejection: p->rejection_up[f.spec->bank] = up; break;
      case FailureTarget::plant_condenser_pumps: p->condenser_pumps_up = up; break;
      case FailureTarget::ups_modules: ups_modules_down_ = f.timeline->units_down_at(now); break;
      case FailureTarget::equipment_units: equipment_units_[f.equipment_slot].up[f.spec->unit_group] = up; break;
    }
  }
  // Equipment's own redundancy groups (only those a failure names): the units up before it operates.
  for (const auto& e : equipment_units_) {
    for (std::size_t g = 0; g < e.up.size(); ++g) equipment_[e.equipment]->set_units_up(g, e.up[g]);
  }
  for (auto& p : plants_) p.loop_stopped = p.loop_pumps_up == 0;
}

double Facility::Impl::demand_utilization(const GroupState& g, sim::Time now) const {
  for (auto it = g.steps.rbegin(); it != g.steps.rend(); ++it) {
    if ((*it)->start <= now && now < (*it)->end) return (*it)->utilization;
  }
  return g.profile->value_at(now);
}

// UPS modules down: the survivors share the load (Ups with N = modules up). When they cannot carry
// it the UPS transfers to its static bypass (IEC 62040-3): the load runs on the mains through the
// bypass path, whose loss is the load-proportional term of the eco (bypass) curve, a1 P.
double Facility::Impl::ups_loss_w(double output_w, double now_s) {
  bool bypass = false;
  double loss_w = 0;
  if (ups_modules_down_ == 0) {
    loss_w = ups_->loss_w(output_w);
  } else {
    const int up = ups_->modules_installed() - ups_modules_down_;
    UpsParams q = cfg_.power.ups;
    q.redundancy = UpsRedundancy::kN;
    q.modules_required = std::max(up, 1);
    const Ups survivors(q);
    bypass = up <= 0 || survivors.overloaded(output_w);
    loss_w = bypass ? cfg_.power.ups.eco.a1 * output_w : survivors.loss_w(output_w);
  }
  if (bypass != ups_bypass_) {
    log(now_s, bypass ? "ups_bypass" : "ups_online", "power.ups",
        bypass ? fmt::format("modules up cannot carry {:.0f} kW: load on static bypass (IT exposed to the mains)", output_w / 1e3)
               : std::string("load back on the UPS modules"));
    if (bypass) result_.warnings.push_back(fmt::format("UPS on static bypass at t = {:.0f} s: too few modules up", now_s));
    ups_bypass_ = bypass;
  }
  return loss_w;
}

void Facility::Impl::on_outage_change(std::size_t k, sim::Time t) {
  const auto& f = failure_groups_[k];
  const double t_s = sim::to_seconds(t);
  const int up = f.timeline->units_up_at(t), n = f.timeline->unit_count();
  bool cooling_failure = false;
  for (const auto& tr : f.timeline->transitions_at(t)) {
    const UnitOutage& o = f.timeline->outages()[tr.outage];
    const std::string who = o.unit >= 0 ? fmt::format("unit {}", o.unit + 1) : fmt::format("{} unit{}", o.units, o.units > 1 ? "s" : "");
    const std::string note = o.note.empty() ? "" : " (" + o.note + ")";
    if (tr.starts) {
      ++result_.failures;
      cooling_failure = cooling_failure || (o.kind == OutageKind::failure && is_cooling(f.spec->target));
      log(t_s, std::string(to_string(o.kind)), f.spec->name,
          fmt::format("{} out for {:.2f} h{}; {} of {} up", who, sim::to_hours(o.end - o.start), note, up, n));
    } else {
      log(t_s, o.kind == OutageKind::failure ? "repair" : "maintenance_end", f.spec->name,
          fmt::format("{} back in service{}; {} of {} up", who, note, up, n));
    }
  }
  // Ride-through: from a cooling failure to the first allowable limit reached, unless repaired first.
  bool open = false;
  for (std::size_t i : open_rides_) open = open || result_.ride_throughs[i].component == f.spec->name;
  if (cooling_failure && !open) {
    result_.ride_throughs.push_back({f.spec->name, t_s, std::nullopt});
    open_rides_.push_back(result_.ride_throughs.size() - 1);
    for (const auto& o : overheat_) {
      if (o.present && o.state == Overheat::State::normal && net_.temp_c(o.node) >= o.limit_c) {
        close_ride_throughs(t_s, o, net_.temp_c(o.node));
        break;
      }
    }
  }
  if (f.timeline->units_down_at(t) == 0) {
    std::erase_if(open_rides_, [&](std::size_t i) {
      const auto& r = result_.ride_throughs[i];
      if (r.component != f.spec->name) return false;
      log(t_s, "ride_through", r.component,
          fmt::format("repaired after {:.3f} h with every limit held", (t_s - r.failure_s) / 3600.0));
      return true;
    });
  }
  resolve(t);
}

void Facility::Impl::close_ride_throughs(double t_s, const Overheat& o, double temp_c) {
  for (std::size_t i : open_rides_) {
    auto& r = result_.ride_throughs[i];
    r.limit_s = t_s;
    log(t_s, "ride_through", r.component,
        fmt::format("{} reached its allowable limit {:.2f} degC ({:.2f} degC) {:.3f} h after the failure", o.what,
                    o.limit_c, temp_c, (t_s - r.failure_s) / 3600.0));
  }
  open_rides_.clear();
}

bool Facility::Impl::affects(const Overheat& o, const GroupState& g) const {
  if (o.equipment >= 0) return std::find(o.groups.begin(), o.groups.end(), static_cast<std::size_t>(&g - groups_.data())) != o.groups.end();
  const double f = g.rack->params().liquid_capture_share;
  return o.air ? f < 1.0 && g.hall == o.index : f > 0.0 && g.loop == o.index;
}

// The utilization scale s in [0, 1] at which the groups on this medium give no more heat than the
// medium can still carry away at its limit: for a hall's air, the coil capacity of its units up (and
// what its plant can still remove after the plant's other loops) less fan and electrical heat; for a
// loop's coolant, m c_p (T_limit - T_cdu), or for a loop cooled by equipment instead of a plant what
// that equipment can take with the coolant at its limit (Equipment::loop_capacity_w); less pump heat;
// for an equipment's watch point (a tank's bath), what it says it sheds at its limit.
double Facility::Impl::throttle_for(const Overheat& o) const {
  if (o.equipment >= 0) {
    const auto q = equipment_[static_cast<std::size_t>(o.equipment)]->watch_capacity_w(o.point, o.limit_c);
    return q ? throttle_scale(o, *q) : 1.0;
  }
  double budget_w = 0;
  if (!o.air && !conn_.loop_plant[o.index]) {
    // No equipment saying what it can take: the racks keep their load, the thermal protection still trips.
    bool known = false;
    for (const auto& e : equipment_) {
      if (const auto q = e->loop_capacity_w(o.index, o.limit_c)) {
        budget_w += std::max(*q, 0.0);
        known = true;
      }
    }
    if (!known) return 1.0;
    budget_w -= loops_[o.index]->pump_w();
    return throttle_scale(o, budget_w);
  }
  const PlantLoad* self = o.air ? static_cast<const PlantLoad*>(halls_[o.index].get()) : loops_[o.index].get();
  const std::size_t plant = o.air ? conn_.hall_plant[o.index] : *conn_.loop_plant[o.index];
  const auto& p = plants_[plant];
  double plant_w = p.removable_w;
  for (const PlantLoad* load : p.loads) {
    if (load != self) plant_w -= load->current_load_w();
  }
  if (o.air) {
    const AirHall& hall = *halls_[o.index];
    budget_w = std::min(hall.coil_capacity_w(), plant_w) - hall.fans_w() - hall.electrical_w();
  } else {
    const LiquidLoop& loop = *loops_[o.index];
    budget_w = std::min(loop.mcp_w_per_k() * (o.limit_c - net_.temp_c(loop.cdu())), plant_w) - loop.pump_w();
  }
  return throttle_scale(o, budget_w);
}

// The largest s in [0, 1] at which the groups on the medium give at most budget_w (bisection).
double Facility::Impl::throttle_scale(const Overheat& o, double budget_w) const {
  auto heat_w = [&](double s) {
    double q = 0;
    for (const auto& g : groups_) {
      if (!affects(o, g)) continue;
      const double inlet_c = net_.temp_c(halls_[g.hall]->cold());
      const auto pw = g.rack->evaluate(demand_utilization(g, sim_.now()) * s, inlet_c);
      q += o.air ? pw.heat_to_air_w : pw.heat_to_liquid_w;
    }
    return q;
  };
  if (heat_w(1.0) <= budget_w) return 1.0;
  if (heat_w(0.0) >= budget_w) return 0.0;
  double lo = 0.0, hi = 1.0;
  for (int i = 0; i < 50; ++i) {
    const double mid = 0.5 * (lo + hi);
    (heat_w(mid) <= budget_w ? lo : hi) = mid;
  }
  return lo;
}

void Facility::Impl::on_threshold(sim::Time t) {
  const double t_s = sim::to_seconds(t);
  constexpr double kTolK = 1e-6;
  const auto& pol = cfg_.policy;
  for (auto& o : overheat_) {
    if (!o.present) continue;
    const double temp = net_.temp_c(o.node);
    const bool may_return = t >= o.since + pol.restart_delay && temp <= o.restart_c + kTolK;
    if (o.state != Overheat::State::off && temp >= o.trip_c - kTolK) {
      close_ride_throughs(t_s, o, temp);
      o.state = Overheat::State::off;
      o.since = t;
      ++result_.protection_trips;
      log(t_s, "protection_trip", o.what,
          fmt::format("{} at {:.2f} degC, {:.1f} K above its allowable limit: IT thermal protection shuts the racks down",
                      o.what, temp, pol.protection_margin_k));
    } else if (o.state == Overheat::State::normal && temp >= o.limit_c - kTolK) {
      close_ride_throughs(t_s, o, temp);
      if (pol.action == OverheatAction::alarm) continue;
      o.since = t;
      if (pol.action == OverheatAction::throttle) {
        o.throttle = throttle_for(o);
        o.state = Overheat::State::throttled;
        log(t_s, "throttle", o.what, fmt::format("{} at its allowable limit {:.2f} degC: IT utilization scaled to {:.1f} %",
                                                o.what, o.limit_c, 100.0 * o.throttle));
      } else {
        o.state = Overheat::State::off;
        log(t_s, "shutdown", o.what, fmt::format("{} at its allowable limit {:.2f} degC: racks on this medium shut down", o.what, o.limit_c));
      }
    } else if (o.state == Overheat::State::throttled && temp >= o.limit_c + pol.throttle_margin_k - kTolK) {
      o.state = Overheat::State::off;
      o.since = t;
      log(t_s, "shutdown", o.what, fmt::format("{} {:.2f} K above its limit despite throttling: racks shut down", o.what,
                                              pol.throttle_margin_k));
    } else if (o.state != Overheat::State::normal && may_return) {
      o.state = Overheat::State::normal;
      o.throttle = 1.0;
      log(t_s, "restart", o.what, fmt::format("{} back below {:.2f} degC: racks back at full service", o.what, o.restart_c));
    }
  }
  resolve(t);
}

// Schedules the watch's timer at the earliest predicted event: a limit reached (exact trajectory,
// ThermalNetwork::first_crossing, up to the next input change) or a restart becoming due.
void Facility::Impl::arm_watch() {
  const sim::Time now = sim_.now();
  sim::Time until = cfg_.length;
  for (sim::ComponentId id : state_drivers_) {
    if (const auto at = sim_.pending_time(id)) until = std::min(until, *at);
  }
  const double horizon_s = sim::to_seconds(until - now);
  sim::Time best = sim::kTimeMax;
  auto consider = [&](const Overheat& o, double target_c) {
    if (horizon_s <= 0) return;
    // Upward: skip the search when the steady-state bound shows the target cannot be reached.
    if (target_c > net_.temp_c(o.node) && net_.upper_bound_c(o.node) < target_c) return;
    if (const auto c = net_.first_crossing(o.node, target_c, horizon_s)) {
      best = std::min(best, now + std::max<sim::Time>(1, static_cast<sim::Time>(std::ceil(*c * sim::kTicksPerSecond))));
    }
  };
  const bool watch_limits = cfg_.policy.action != OverheatAction::alarm || !open_rides_.empty();
  for (const auto& o : overheat_) {
    if (!o.present) continue;
    const double temp = net_.temp_c(o.node);
    if (o.state != Overheat::State::off && temp < o.trip_c) consider(o, o.trip_c);
    if (o.state == Overheat::State::normal) {
      if (watch_limits && temp < o.limit_c) consider(o, o.limit_c);
      continue;
    }
    if (o.state == Overheat::State::throttled && temp < o.limit_c + cfg_.policy.throttle_margin_k) {
      consider(o, o.limit_c + cfg_.policy.throttle_margin_k);
    }
    const sim::Time due = o.since + cfg_.policy.restart_delay;
    if (now < due) {
      best = std::min(best, due);
    } else if (temp > o.restart_c) {
      consider(o, o.restart_c);
    } else {
      best = std::min(best, now);
    }
  }
  if (best <= cfg_.length) {
    sim_.schedule(watch_id_, best, kind_threshold_);
  } else {
    sim_.cancel(watch_id_);
  }
}


}  // namespace dcsim::models
