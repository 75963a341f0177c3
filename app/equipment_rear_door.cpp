// The `rear_door` entry of cooling.equipment (models/rear_door.hpp): its keys and how they become the model.
#include <algorithm>
#include <memory>

#include <fmt/format.h>

#include "app/cooling_equipment.hpp"
#include "app/scenario_cooling.hpp"
#include "models/rear_door.hpp"

namespace dcsim::app {

namespace {

Schema rear_door_schema() {
  Schema s("rear-door heat exchangers: a water coil in the back door of every rack of the groups (docs/models.md)");
  add_common_keys(s);
  s.field("plant", Type::string()).doc("name of the plant whose water cools the doors (chilled or warm water)");
  s.field("effectiveness", Type::number()).def(0.8).above(0).below(1).doc("air-side effectiveness at design server air flow");
  s.field("water_temp", Dim::temperature, "degC").def("18 degC").range(2, 45)
      .doc("entering water the doors ask the plant for (keep it above the room dew point)");
  s.field("fans", Type::choice({"passive", "active"})).def("passive")
      .doc("passive: the server fans push the air through the coil; active: door fans");
  s.field("fan_power", Dim::power, "kW").def("0.5 kW").at_least(0).doc("active: fan power of one door at design flow");
  s.field("pressure_drop", Dim::pressure, "Pa").def("25 Pa").at_least(0).doc("passive: air pressure drop of the coil");
  s.field("server_fan_efficiency", Type::number()).def(0.35).above(0).at_most(1)
      .doc("passive: efficiency of the server fans moving the extra pressure");
  s.field("air_volume", Dim::volume, "m3").def("0.2 m3").above(0).doc("air between the servers and the coil, per door");
  return s;
}

models::EquipmentSpec make_rear_door(const Reader& r, const models::FacilityConfig& f) {
  models::RearDoorParams p;
  p.channel = dataset_name(r);
  p.name = "cooling.equipment[" + p.channel + "]";
  p.groups = group_names(r, f, [](const models::RackGroupConfig& g) {
    return g.rack.liquid_capture_share < 1.0 ? std::string()
                                             : fmt::format("rack group '{}' sends no heat to air (liquid_share 1): a rear door has nothing to cool", g.name);
  });
  p.plant = plant_index(r, f.plants);
  p.effectiveness = r.number("effectiveness");
  p.water_temp_c = r.quantity("water_temp");
  p.active = r.string("fans") == "active";
  p.fan_power_w = r.quantity("fan_power");
  p.pressure_drop_pa = r.quantity("pressure_drop");
  p.server_fan_efficiency = r.number("server_fan_efficiency");
  p.air_volume_m3 = r.quantity("air_volume");
  for (const auto& g : f.groups) {
    if (std::find(p.groups.begin(), p.groups.end(), g.name) != p.groups.end()) p.doors += g.rack.rack_count;
  }
  models::RearDoors check(p);
  return {.type = "rear_door", .name = p.channel, .make = [p] { return std::make_unique<models::RearDoors>(p); }, .groups = p.groups,
          .side = models::EquipmentSpec::Side::air, .plant = p.plant};
}

}  // namespace

void register_rear_door(CoolingEquipmentRegistry& r) {
  r.add("rear_door", rear_door_schema(), make_rear_door);
}

}  // namespace dcsim::app
