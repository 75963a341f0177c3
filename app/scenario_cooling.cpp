#include "app/scenario_cooling.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "app/input_error.hpp"
#include "app/registry.hpp"

namespace dcsim::app {

models::SupplyReset supply_reset(const Reader& r) {
  return models::SupplyReset{r.quantity("offset"), r.quantity("min"), r.quantity("max")};
}

std::string dataset_name(const Reader& r) { return dataset_name(r, r.string("name")); }

std::string dataset_name(const Reader& r, const std::string& n) {
  const bool ok = !n.empty() && std::all_of(n.begin(), n.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-';
  });
  if (!ok) throw InputException(r.error("name", fmt::format("'{}' must be letters, digits, '_', '.' or '-' (it names result datasets)", n)));
  return n;
}

models::FluidMachineParams pump_params(const Reader& r) {
  models::FluidMachineParams p;
  p.design_pressure_pa = r.quantity("pressure");
  p.efficiency = r.number("efficiency");
  p.min_speed_fraction = r.quantity("min_speed");
  p.unit_count = int_value(r, "count");
  p.affinity_exponent = r.number("affinity_exponent");
  return p;
}

std::size_t plant_index(const Reader& loop, const std::vector<models::PlantConfig>& plants) {
  return index_by_name(loop, "plant", loop.string("plant"), plants, "plant");
}

namespace {

models::LiquidLoopConfig liquid_loop(const Reader& l, const models::FacilityConfig& f) {
  models::LiquidLoopConfig lc;
  lc.cooled_by_equipment = !l.has("plant");  // a liquid-to-air CDU (cooling.equipment) must then cool it
  if (!lc.cooled_by_equipment) lc.plant = plant_index(l, f.plants);
  lc.supply_temp_c = l.quantity("supply_temp");
  lc.delta_t_k = l.quantity("delta_t");
  lc.cdu_approach_k = l.quantity("cdu_approach");
  lc.coolant_volume_m3 = l.quantity("coolant_volume");
  lc.min_flow_fraction = l.quantity("min_flow");
  lc.pump = pump_params(l["pump"]);
  lc.pumps_on_ups = l.boolean("pumps_on_ups");
  if (l.has("reset")) lc.reset = supply_reset(l["reset"]);
  return lc;
}

models::AirLoopConfig hall(const Reader& air, const models::FacilityConfig& f) {
  models::AirLoopConfig ac;
  ac.plant = plant_index(air, f.plants);
  ac.supply_temp_c = air.quantity("supply_temp");
  ac.server_delta_t_k = air.quantity("server_delta_t");
  ac.coil_approach_k = air.quantity("coil_approach");
  ac.unit_count = int_value(air["units"], "count");
  ac.unit_capacity_w = air["units"].quantity("capacity");
  ac.dx = air["units"].string("type") == "crac";
  const Reader fans = air["fans"];
  ac.fans.design_pressure_pa = fans.quantity("pressure");
  ac.fans.efficiency = fans.number("efficiency");
  ac.fans.min_speed_fraction = fans.quantity("min_speed");
  ac.fans.affinity_exponent = fans.number("affinity_exponent");
  ac.fans.unit_count = ac.unit_count;
  ac.recirculation = air["containment"].quantity("recirculation");
  ac.bypass = air["containment"].quantity("bypass");
  const Reader room = air["room"];
  ac.room_volume_m3 = room.quantity("volume");
  ac.structure_capacity_j_per_k = room.quantity("structure_capacity");
  ac.structure_ua_w_per_k = room.quantity("structure_ua");  // "kW" per K, stored in W per K
  const Reader econ = air["economizer"];
  const std::string et = econ.string("type");
  ac.economizer.type = et == "direct" ? models::AirEconomizerType::direct
                       : et == "indirect" ? models::AirEconomizerType::indirect
                                          : models::AirEconomizerType::none;
  ac.economizer.effectiveness = econ.number("effectiveness");
  ac.economizer.evaporative = econ.boolean("evaporative");
  ac.economizer.max_dew_point_c = econ.quantity("max_dew_point");
  ac.economizer.min_dew_point_c = econ.quantity("min_dew_point");
  with_location(econ, [&] { models::AirEconomizer check(ac.economizer); });
  if (air.has("reset")) ac.reset = supply_reset(air["reset"]);
  return ac;
}

// A named entry of `list` (a hall or a loop), checked unique.
template <class Config>
void add_named(const Reader& r, Config c, const std::string& list, std::vector<Config>& out) {
  c.name = dataset_name(r);
  for (const auto& other : out) {
    if (other.name == c.name) throw InputException(r.error("name", fmt::format("{} name '{}' used twice", list, c.name)));
  }
  c.label = "cooling." + list + "[" + c.name + "]";
  out.push_back(std::move(c));
}

// The index of the hall or loop a group names (`key`), or the only one when it names none.
template <class Config>
std::size_t place(const Reader& g, const std::string& key, const std::string& name, const std::vector<Config>& all,
                  const char* what) {
  if (name.empty()) {
    if (all.size() == 1) return 0;
    std::vector<std::string> names;
    for (const auto& c : all) names.push_back(c.name);
    throw InputException(g.error_here(fmt::format("needs `{}`: the facility has {} {}s ({})", key, all.size(), what,
                                                  fmt::join(names, ", "))));
  }
  return index_by_name(g, key, name, all, what);
}

}  // namespace

void read_loops(const Reader& cooling, const std::vector<GroupPlacement>& placements, models::FacilityConfig& f) {
  // Halls.
  if (cooling.has("air") == cooling.has("halls")) {
    throw InputException(cooling.error_here(cooling.has("air") ? "gives both `air` and `halls`: use one form"
                                                               : "needs `air` (one hall) or `halls` (a list of named halls)"));
  }
  std::vector<Reader> hall_entries;
  f.halls.clear();
  if (cooling.has("air")) {
    hall_entries.push_back(cooling["air"]);
    f.halls.push_back(hall(cooling["air"], f));
  } else {
    for (const Reader& h : cooling.list("halls")) {
      hall_entries.push_back(h);
      add_named(h, hall(h, f), "halls", f.halls);
    }
  }
  // Liquid loops.
  if (cooling.has("liquid") && cooling.has("liquid_loops")) {
    throw InputException(cooling.error_here("gives both `liquid` and `liquid_loops`: use one form"));
  }
  f.liquid_loops.clear();
  if (cooling.has("liquid")) {
    f.liquid_loops.push_back(liquid_loop(cooling["liquid"], f));
  } else if (cooling.has("liquid_loops")) {
    for (const Reader& l : cooling.list("liquid_loops")) add_named(l, liquid_loop(l, f), "liquid_loops", f.liquid_loops);
  }
  // Groups: each in a hall, and on a loop when part of its heat goes to liquid.
  for (std::size_t i = 0; i < f.groups.size(); ++i) {
    auto& g = f.groups[i];
    const GroupPlacement& at = placements[i];
    g.hall = place(at.entry, "hall", at.hall, f.halls, "hall");
    if (g.rack.liquid_capture_share > 0) {
      if (f.liquid_loops.empty()) {
        throw InputException(cooling.error_here(fmt::format("needs a `liquid` loop: rack group '{}' has liquid_share > 0", g.name)));
      }
      g.loop = place(at.entry, "loop", at.loop, f.liquid_loops, "liquid loop");
    } else if (!at.loop.empty()) {
      throw InputException(at.entry.error("loop", fmt::format("is given but group '{}' has liquid_share 0: no heat goes to a liquid loop", g.name)));
    }
  }
  // DX units need a plant of air-cooled compressors and nothing else on it.
  for (std::size_t h = 0; h < f.halls.size(); ++h) {
    const auto& ac = f.halls[h];
    if (!ac.dx) continue;
    const auto& plant = f.plants[ac.plant];
    bool shared = false;
    for (const auto& lc : f.liquid_loops) shared = shared || lc.plant == ac.plant;
    for (std::size_t o = 0; o < f.halls.size(); ++o) shared = shared || (o != h && f.halls[o].plant == ac.plant && !f.halls[o].dx);
    bool air_cooled = !plant.params.chillers.empty();
    for (const auto& b : plant.params.chillers) air_cooled = air_cooled && b.unit.condenser == models::CondenserKind::air;
    const bool plain_dx = air_cooled && plant.params.rejection.empty() && !shared;
    if (!plain_dx) {
      throw InputException(hall_entries[h]["units"].error(
          "type", fmt::format("crac (DX) units need an air plant ('{}') of air-cooled chillers only, "
                              "with no tower, dry cooler, liquid loop or chilled-water hall on it", plant.name)));
    }
  }
}

}  // namespace dcsim::app
