// The `rear_door` entry of cooling.equipment (models/rear_door.hpp): its keys and how they become the model.
#include <algorithm>
#include <memory>

#include <fmt/format.h>

#include "app/cooling_equipment.hpp"
#include "app/scenario_cooling.hpp"
#include "app/schema_binding.hpp"
#include "models/rear_door.hpp"

namespace dcsim::app {

namespace {

const ChoiceTable<bool> kDoorFans{{"passive", false}, {"active", true}};  // true: door fans

Binder<models::RearDoorParams> make_rear_door_keys() {
  using P = models::RearDoorParams;
  Binder<P> b("rear-door heat exchangers: a water coil in the back door of every rack of the groups (docs/models.md)");
  add_common_keys(b.schema());
  b.schema().field("plant", Type::string()).doc("name of the plant whose water cools the doors (chilled or warm water)");
  b.field("effectiveness", &P::effectiveness, Type::number()).above(0).below(1).doc("air-side effectiveness at design server air flow");
  b.field("water_temp", &P::water_temp_c, Dim::temperature, "degC").range(2, 45)
      .doc("entering water the doors ask the plant for (keep it above the room dew point)");
  b.field("fans", &P::active, kDoorFans).doc("passive: the server fans push the air through the coil; active: door fans");
  b.field("fan_power", &P::fan_power_w, Dim::power, "kW").at_least(0).doc("active: fan power of one door at design flow");
  b.field("pressure_drop", &P::pressure_drop_pa, Dim::pressure, "Pa").at_least(0).doc("passive: air pressure drop of the coil");
  b.field("server_fan_efficiency", &P::server_fan_efficiency, Type::number()).above(0).at_most(1)
      .doc("passive: efficiency of the server fans moving the extra pressure");
  b.field("air_volume", &P::air_volume_m3, Dim::volume, "m3").above(0).doc("air between the servers and the coil, per door");
  return b;
}

const Binder<models::RearDoorParams>& rear_door_keys() { return built_once<make_rear_door_keys>(); }

EquipmentEntry make_rear_door(const Reader& r, const models::FacilityConfig& f, const models::FacilityConnections&) {
  models::RearDoorParams p;
  p.channel = dataset_name(r);
  p.name = "cooling.equipment[" + p.channel + "]";
  models::EquipmentPorts ports{.side = models::EquipmentPorts::Side::air};
  ports.groups = group_indices(r, f, [&](std::size_t i) {
    const auto& g = f.groups[i];
    return g.rack.liquid_capture_share < 1.0 ? std::string()
                                             : fmt::format("rack group '{}' sends no heat to air (liquid_share 1): a rear door has nothing to cool", g.name);
  });
  ports.plant = plant_index(r, f.plants);
  rear_door_keys().read(r, p);
  for (const std::size_t g : ports.groups) p.doors += f.groups[g].rack.rack_count;
  models::RearDoors check(p);
  return {{.type = "rear_door", .name = p.channel, .make = [p] { return std::make_unique<models::RearDoors>(p); }}, ports};
}

}  // namespace

void register_rear_door(CoolingEquipmentRegistry& r) {
  r.add("rear_door", rear_door_keys().schema(), make_rear_door);
}

}  // namespace dcsim::app
