// The `liquid_to_air_cdu` entry of cooling.equipment (models/liquid_to_air_cdu.hpp): its keys and how
// they become the model.
#include <memory>

#include <fmt/format.h>

#include "app/cooling_equipment.hpp"
#include "app/input_error.hpp"
#include "app/scenario_cooling.hpp"
#include "app/schema_binding.hpp"
#include "models/liquid_to_air_cdu.hpp"

namespace dcsim::app {

namespace {

Binder<models::LiquidToAirCduParams> make_l2a_keys() {
  using P = models::LiquidToAirCduParams;
  Binder<P> b("liquid-to-air CDUs: fan-coil radiators in a hall cool a liquid loop that has no plant (docs/models.md)");
  Schema& s = b.schema();
  s.field("name", Type::string()).doc("unique name of the entry (names its channels: equipment.NAME.*)");
  s.field("loop", Type::string()).doc("name of the liquid loop it cools (a loop without `plant`)");
  s.field("hall", Type::string()).doc("name of the hall its radiators stand in (whose air takes the heat)");
  b.field("units", &P::units, Type::integer()).at_least(1).doc("units installed");
  b.field("capacity", &P::unit_capacity_w, Dim::power, "kW").above(0).doc("heat one unit rejects at design air flow");
  b.field("design_air_rise", &P::design_air_rise_k, Dim::temperature_difference, "K").above(0)
      .doc("air warming through the radiators at design");
  b.field("effectiveness", &P::effectiveness, Type::number()).above(0).below(1).doc("air-side effectiveness at design air flow");
  b.field("fan_power", &P::fan_power_w, Dim::power, "kW").at_least(0).doc("fan power of one unit at design flow");
  b.field("fans_per_unit", &P::fans_per_unit, Type::integer()).at_least(1)
      .doc("fans in one unit's array (the redundancy group `fans` counts units x fans_per_unit)");
  b.field("min_speed", &P::min_speed_fraction, Dim::fraction).range(0, 1).doc("lowest fan speed");
  return b;
}

const Binder<models::LiquidToAirCduParams>& l2a_keys() { return built_once<make_l2a_keys>(); }

EquipmentEntry make_l2a(const Reader& r, const models::FacilityConfig& f, const models::FacilityConnections& c) {
  models::LiquidToAirCduParams p;
  p.channel = dataset_name(r);
  p.name = "cooling.equipment[" + p.channel + "]";
  const std::size_t loop = index_by_name(r, "loop", r.string("loop"), f.liquid_loops, "liquid loop");
  if (c.loop_plant.at(loop)) {
    throw InputException(r.error("loop", fmt::format("loop '{}' has a plant: a liquid-to-air CDU cools a loop without `plant`",
                                                     f.liquid_loops[loop].name)));
  }
  const std::size_t hall = index_by_name(r, "hall", r.string("hall"), f.halls, "hall");
  l2a_keys().read(r, p);
  models::LiquidToAirCdus check(p);
  return {{.type = "liquid_to_air_cdu", .name = p.channel, .make = [p] { return std::make_unique<models::LiquidToAirCdus>(p); }},
          {.side = models::EquipmentPorts::Side::liquid, .hall = hall, .cools_loop = loop}};
}

}  // namespace

void register_liquid_to_air_cdu(CoolingEquipmentRegistry& r) { r.add("liquid_to_air_cdu", l2a_keys().schema(), make_l2a); }

}  // namespace dcsim::app
