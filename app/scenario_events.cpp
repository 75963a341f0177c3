// The scenario's scheduled events (failures, maintenance, load steps), random-failure entries and
// the overheat policy, read into the facility configuration (app/scenario_events.hpp).
#include "app/scenario_events.hpp"

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "app/equipment_registry.hpp"
#include "app/registry.hpp"
#include "app/schema_binding.hpp"

namespace dcsim::app {

namespace {

Binder<models::OverheatPolicy> make_policy_keys() {
  using P = models::OverheatPolicy;
  using A = models::OverheatAction;
  static const auto actions = ChoiceTable<A>::of({A::alarm, A::throttle, A::shutdown}, [](A a) { return models::to_string(a); });
  Binder<P> b("what the facility does when an IT inlet or the coolant reaches its allowable limit");
  b.field("on_overheat", &P::action, actions)
      .doc("alarm: log only; throttle: scale IT utilization to the cooling left; shutdown: racks off at the limit");
  b.field("restart_delay", &P::restart_delay, Dim::duration, "h").at_least(0).doc("shortest time racks stay throttled or off");
  b.field("throttle_margin", &P::throttle_margin_k, Dim::temperature_difference, "K").above(0)
      .doc("throttled racks shut down when the temperature still climbs this far past the limit");
  b.field("restart_margin", &P::restart_margin_k, Dim::temperature_difference, "K").above(0)
      .doc("racks return when the temperature is this far below the limit (and restart_delay has passed)");
  b.field("protection_margin", &P::protection_margin_k, Dim::temperature_difference, "K").above(0)
      .doc("IT thermal protection, always on: racks shut down this far above the allowable limit whatever on_overheat says");
  return b;
}

const Binder<models::OverheatPolicy>& policy_keys() { return built_once<make_policy_keys>(); }

// A component an event or a reliability entry may name, with its number of units.
struct ComponentEntry {
  std::string name;
  models::FailureTarget target = models::FailureTarget::air_units;
  std::size_t index = 0;  // plant, hall, liquid loop or rack group
  int units = 0;
  enum class Kind { group, geothermal, rack_group } kind = Kind::group;
  std::size_t bank = 0;   // a plant's chiller or rejection bank
  std::size_t unit_group = 0;  // equipment_units: which of the equipment's unit_groups()
};

std::vector<ComponentEntry> failure_components(const models::FacilityConfig& f) {
  using T = models::FailureTarget;
  using K = ComponentEntry::Kind;
  std::vector<ComponentEntry> out;
  for (std::size_t h = 0; h < f.halls.size(); ++h) {
    out.push_back({f.halls[h].label + ".units", T::air_units, h, f.halls[h].unit_count, K::group});
  }
  for (std::size_t k = 0; k < f.liquid_loops.size(); ++k) {
    out.push_back({f.liquid_loops[k].label + ".pump", T::liquid_pumps, k, f.liquid_loops[k].pump.unit_count, K::group});
  }
  for (std::size_t i = 0; i < f.plants.size(); ++i) {
    const auto& p = f.plants[i];
    const std::string base = "cooling.plants[" + p.name + "].";
    out.push_back({base + "pump", T::plant_pumps, i, p.pump.unit_count, K::group});
    const auto& chillers = p.params.chillers;
    for (std::size_t b = 0; b < chillers.size(); ++b) {
      out.push_back({base + chiller_bank_label(p, b), T::plant_chillers, i, chillers[b].count, K::group, b});
    }
    const auto& rejection = p.params.rejection;
    for (std::size_t b = 0; b < rejection.size(); ++b) {
      out.push_back({base + rejection_bank_label(p, b), T::plant_rejection, i, rejection[b].unit_count(), K::group, b});
    }
    if (!rejection.empty()) {
      out.push_back({base + "condenser_pumps", T::plant_condenser_pumps, i, p.params.pump_count, K::group});
    }
  }
  // Equipment declares its own redundancy groups (models/equipment.hpp): "cooling.equipment[NAME].KEY".
  for (std::size_t i = 0; i < f.equipment.size(); ++i) {
    const auto model = f.equipment[i].make();
    const auto groups = model->unit_groups();
    for (std::size_t g = 0; g < groups.size(); ++g) {
      out.push_back({model->name() + "." + groups[g].key, T::equipment_units, i, groups[g].count, K::group, 0, g});
    }
  }
  out.push_back({"power.ups", T::ups_modules, 0, models::Ups(f.power.ups).modules_installed(), K::group});
  if (f.supply.geothermal) out.push_back({"supply.geothermal", T::air_units, 0, 1, K::geothermal});
  for (std::size_t i = 0; i < f.groups.size(); ++i) {
    out.push_back({"it.groups[" + f.groups[i].name + "]", T::air_units, i, f.groups[i].rack.rack_count, K::rack_group});
  }
  return out;
}

const ComponentEntry& find_component(const Reader& r, const std::vector<ComponentEntry>& all, const models::FacilityConfig& f) {
  const std::string name = r.string("component");
  std::vector<std::string> names;
  for (const auto& c : all) {
    if (c.name == name) return c;
    names.push_back(c.name);
  }
  // A kind of which the plant has several banks: each bank is a component of its own.
  std::vector<std::string> banks;
  for (const auto& n : names) {
    if (n.size() > name.size() && n.compare(0, name.size(), name) == 0 && n[name.size()] == '[') banks.push_back(n);
  }
  if (!banks.empty()) {
    throw InputException(r.error("component", fmt::format("'{}' has several banks: name one of {}", name, fmt::join(banks, ", "))));
  }
  // cooling.equipment[NAME].KEY: say whether the equipment or its group is what is missing.
  constexpr std::string_view kEquipment = "cooling.equipment[";
  if (const auto close = name.find("]."); name.starts_with(kEquipment) && close != std::string::npos) {
    const std::string prefix = name.substr(0, close + 2);
    std::vector<std::string> keys;
    for (const auto& c : all) {
      if (c.target == models::FailureTarget::equipment_units && c.name.starts_with(prefix)) keys.push_back(c.name.substr(prefix.size()));
    }
    const std::string entry = name.substr(kEquipment.size(), close - kEquipment.size());
    const bool known = std::any_of(f.equipment.begin(), f.equipment.end(), [&](const auto& e) { return e.name == entry; });
    if (!known) {
      std::vector<std::string> entries;
      for (const auto& e : f.equipment) entries.push_back(e.name);
      throw InputException(r.error("component", fmt::format("names no entry of cooling.equipment: '{}'", entry),
                                   suggestion(entry, entries, "equipment")));
    }
    throw InputException(r.error("component",
                                 keys.empty() ? fmt::format("cooling.equipment[{}] has no units that can fail", entry)
                                              : fmt::format("cooling.equipment[{}] has no unit group '{}' (it has: {})", entry,
                                                            name.substr(prefix.size()), fmt::join(keys, ", ")),
                                 keys.empty() ? std::string() : suggestion(name.substr(prefix.size()), keys, "unit groups")));
  }
  throw InputException(r.error("component", fmt::format("names no component of this facility: '{}'", name),
                               suggestion(name, names, "components")));
}

models::ComponentFailures& failures_of(models::FacilityConfig& f, const ComponentEntry& c) {
  for (auto& x : f.failures) {
    if (x.name == c.name) return x;
  }
  models::ComponentFailures x;
  x.name = c.name;
  x.target = c.target;
  const bool loop_target = c.target == models::FailureTarget::air_units || c.target == models::FailureTarget::liquid_pumps;
  if (c.target == models::FailureTarget::equipment_units) {
    x.equipment = c.index;
    x.unit_group = c.unit_group;
  } else {
    (loop_target ? x.loop : x.plant) = c.index;
  }
  x.bank = c.bank;
  f.failures.push_back(std::move(x));
  return f.failures.back();
}

// `at` is a date and time or a duration since the period start; it must fall inside the period.
sim::Time event_time(const Reader& e, const sim::Calendar& cal, sim::Time length) {
  const std::string text = e.string("at");
  sim::CivilDate date;
  int hour = 0, minute = 0;
  sim::Time t = 0;
  if (sim::parse_date_time(text, date, hour, minute)) {
    t = cal.time_of(date) + sim::hours(hour) + sim::minutes(minute);
  } else {
    try {
      t = parse_duration(text, "h");
    } catch (const QuantityError&) {
      throw InputException(e.error("at", fmt::format("expected a date and time (2025-03-01 10:00) or a time since the period start (36 h), found '{}'", text)));
    }
  }
  if (t < 0 || t >= length) {
    throw InputException(e.error("at", fmt::format("'{}' is outside the period ({} h from its start; the period lasts {} h)", text,
                                                   format_number(sim::to_hours(t)), format_number(sim::to_hours(length)))));
  }
  return t;
}

}  // namespace

Schema policy_schema() { return policy_keys().schema(); }

void build_events(const Reader& root, models::FacilityConfig& f, const sim::Calendar& cal) {
  using K = ComponentEntry::Kind;
  const auto all = failure_components(f);
  for (const Reader& e : root.list("events")) {
    const ComponentEntry& c = find_component(e, all, f);
    const std::string kind = e.string("kind");
    const sim::Time at = event_time(e, cal, f.length);
    const sim::Time duration = e.has("duration") ? e.duration("duration") : sim::kTimeMax;
    const sim::Time end = duration >= f.length - at ? f.length : at + duration;
    if (kind == "load_step") {
      if (c.kind != K::rack_group) throw InputException(e.error("component", "a load_step names a rack group: it.groups[NAME]"));
      if (!e.has("utilization")) throw InputException(e.error_here("a load_step needs `utilization`"));
      f.load_steps.push_back({c.index, at, duration == sim::kTimeMax ? sim::kTimeMax : end, e.quantity("utilization")});
      continue;
    }
    if (e.has("utilization")) throw InputException(e.error("utilization", "belongs to a load_step only"));
    if (c.kind == K::rack_group) {
      throw InputException(e.error("component", "racks do not fail here: name a cooling or power group, or use kind load_step"));
    }
    const int units = static_cast<int>(e.integer("units"));
    if (units > c.units) {
      throw InputException(e.error("units", fmt::format("{} has {} unit{} (got {})", c.name, c.units, c.units > 1 ? "s" : "", units)));
    }
    if (c.kind == K::geothermal) {
      f.supply.geothermal->scheduled_outages.push_back({at, end - at});
      continue;
    }
    models::ScheduledOutage o;
    o.start = at;
    o.duration = duration;
    o.units = units;
    o.kind = kind == "failure" ? models::OutageKind::failure : models::OutageKind::maintenance;
    o.note = e.has("note") ? e.string("note") : "";
    failures_of(f, c).scheduled.push_back(o);
  }
  for (const Reader& r : root.list("reliability")) {
    const ComponentEntry& c = find_component(r, all, f);
    if (c.kind != K::group) {
      throw InputException(r.error("component", fmt::format("'{}' takes no reliability entry", c.name),
                                   c.kind == K::geothermal ? "set mtbf and mttr under supply.geothermal" : ""));
    }
    auto& x = failures_of(f, c);
    if (x.random) throw InputException(r.error("component", fmt::format("'{}' has a reliability entry already", c.name)));
    models::RandomFailureParams p;
    p.mtbf_s = sim::to_seconds(r.duration("mtbf"));
    p.mttr_s = sim::to_seconds(r.duration("mttr"));
    p.failure_shape = r.number("failure_shape");
    p.repair_shape = r.number("repair_shape");
    x.random = p;
    with_location(r, [&] { models::FailureTimeline check(x, c.units, f.seed, f.length); });
  }
  policy_keys().read(root["policy"], f.policy);
}

}  // namespace dcsim::app
