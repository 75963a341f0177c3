#include "app/cooling_equipment.hpp"

#include <algorithm>
#include <memory>

#include <fmt/format.h>

#include "app/input_error.hpp"
#include "app/scenario_cooling.hpp"

namespace dcsim::app {

// The rack groups an entry names: each must exist, and be named once.
std::vector<std::string> group_names(const Reader& r, const models::FacilityConfig& f,
                                     const std::function<std::string(const models::RackGroupConfig&)>& unfit) {
  std::vector<std::string> out;
  std::vector<std::string> all;
  for (const auto& g : f.groups) all.push_back(g.name);
  for (const Reader& item : r["groups"].items()) {
    const std::string name = item.as_string();
    const models::RackGroupConfig* found = nullptr;
    for (const auto& g : f.groups) {
      if (g.name == name) found = &g;
    }
    if (!found) throw InputException(item.error_here(fmt::format("names no rack group: '{}'", name), suggestion(name, all, "groups")));
    if (std::find(out.begin(), out.end(), name) != out.end()) {
      throw InputException(item.error_here(fmt::format("rack group '{}' named twice", name)));
    }
    if (const std::string why = unfit(*found); !why.empty()) throw InputException(item.error_here(why));
    out.push_back(name);
  }
  return out;
}

void add_common_keys(Schema& s) {
  s.field("name", Type::string()).doc("unique name of the entry (names its channels: equipment.NAME.*)");
  s.field("groups", Type::list(Type::string())).min_items(1).doc("rack groups it serves (by name)");
}

const CoolingEquipmentRegistry& cooling_equipment_registry() {
  static const CoolingEquipmentRegistry r = [] {
    CoolingEquipmentRegistry reg;
    register_rear_door(reg);
    register_immersion_tank(reg);
    register_in_row(reg);
    register_liquid_to_air_cdu(reg);
    return reg;
  }();
  return r;
}

void read_equipment(const Reader& cooling, models::FacilityConfig& f) {
  for (const Reader& e : cooling.list("equipment")) {
    models::EquipmentSpec spec = cooling_equipment_registry().make(e, f);
    for (const auto& other : f.equipment) {
      if (other.name == spec.name) throw InputException(e.error("name", fmt::format("equipment name '{}' used twice", spec.name)));
      // A group's air side (or liquid side) goes to one piece of equipment.
      if (other.side != spec.side || spec.side == models::EquipmentSpec::Side::room || spec.groups.empty()) continue;
      for (const Reader& item : e["groups"].items()) {
        const std::string g = item.as_string();
        if (std::find(other.groups.begin(), other.groups.end(), g) == other.groups.end()) continue;
        throw InputException(item.error_here(fmt::format("rack group '{}': its {} side is already served by '{}'", g,
                                                         spec.side == models::EquipmentSpec::Side::air ? "air" : "liquid", other.name)));
      }
    }
    f.equipment.push_back(std::move(spec));
  }
  // A liquid loop without a plant needs equipment that cools it.
  const auto loops = cooling.has("liquid_loops") ? cooling.list("liquid_loops") : std::vector<Reader>{};
  for (std::size_t k = 0; k < f.liquid_loops.size(); ++k) {
    if (!f.liquid_loops[k].cooled_by_equipment) continue;
    const bool cooled = std::any_of(f.equipment.begin(), f.equipment.end(), [&](const auto& e) { return e.cools_loop == k; });
    if (cooled) continue;
    const Reader at = k < loops.size() ? loops[k] : cooling["liquid"];
    throw InputException(at.error_here("needs `plant` (the plant cooling its facility water), or equipment in cooling.equipment "
                                       "that cools it (a liquid_to_air_cdu)"));
  }
}

}  // namespace dcsim::app
