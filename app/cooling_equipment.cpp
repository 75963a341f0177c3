#include "app/cooling_equipment.hpp"

#include <algorithm>
#include <memory>

#include <fmt/format.h>

#include "app/input_error.hpp"
#include "app/scenario_cooling.hpp"

namespace dcsim::app {

// The rack groups an entry names: each must exist, and be named once.
std::vector<std::size_t> group_indices(const Reader& r, const models::FacilityConfig& f, const std::function<std::string(std::size_t)>& unfit) {
  std::vector<std::size_t> out;
  std::vector<std::string> all;
  for (const auto& g : f.groups) all.push_back(g.name);
  for (const Reader& item : r["groups"].items()) {
    const std::string name = item.as_string();
    const auto found = std::find(all.begin(), all.end(), name);
    if (found == all.end()) throw InputException(item.error_here(fmt::format("names no rack group: '{}'", name), suggestion(name, all, "groups")));
    const auto i = static_cast<std::size_t>(found - all.begin());
    if (std::find(out.begin(), out.end(), i) != out.end()) {
      throw InputException(item.error_here(fmt::format("rack group '{}' named twice", name)));
    }
    if (const std::string why = unfit(i); !why.empty()) throw InputException(item.error_here(why));
    out.push_back(i);
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

void read_equipment(const Reader& cooling, models::FacilityConfig& f, models::FacilityConnections& c) {
  using Side = models::EquipmentPorts::Side;
  c.equipment.clear();
  for (const Reader& e : cooling.list("equipment")) {
    EquipmentEntry entry = cooling_equipment_registry().make(e, f, c);
    for (std::size_t o = 0; o < f.equipment.size(); ++o) {
      const auto& other = f.equipment[o];
      const auto& theirs = c.equipment[o];
      if (other.name == entry.spec.name) throw InputException(e.error("name", fmt::format("equipment name '{}' used twice", other.name)));
      // A group's air side (or liquid side) goes to one piece of equipment.
      if (theirs.side != entry.ports.side || entry.ports.side == Side::room || entry.ports.groups.empty()) continue;
      const auto items = e["groups"].items();  // one per entry of ports.groups, in order (group_indices)
      for (std::size_t k = 0; k < entry.ports.groups.size(); ++k) {
        const std::size_t g = entry.ports.groups[k];
        if (std::find(theirs.groups.begin(), theirs.groups.end(), g) == theirs.groups.end()) continue;
        throw InputException(items[k].error_here(fmt::format("rack group '{}': its {} side is already served by '{}'", f.groups[g].name,
                                                             entry.ports.side == Side::air ? "air" : "liquid", other.name)));
      }
    }
    f.equipment.push_back(std::move(entry.spec));
    c.equipment.push_back(std::move(entry.ports));
  }
  // A liquid loop without a plant needs equipment that cools it.
  const auto loops = cooling.has("liquid_loops") ? cooling.list("liquid_loops") : std::vector<Reader>{};
  for (std::size_t k = 0; k < f.liquid_loops.size(); ++k) {
    if (c.loop_plant[k]) continue;
    const bool cooled = std::any_of(c.equipment.begin(), c.equipment.end(), [&](const auto& e) { return e.cools_loop == k; });
    if (cooled) continue;
    const Reader at = k < loops.size() ? loops[k] : cooling["liquid"];
    throw InputException(at.error_here("needs `plant` (the plant cooling its facility water), or equipment in cooling.equipment "
                                       "that cools it (a liquid_to_air_cdu)"));
  }
}

}  // namespace dcsim::app
