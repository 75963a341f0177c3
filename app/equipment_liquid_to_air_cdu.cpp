// The `liquid_to_air_cdu` entry of cooling.equipment (models/liquid_to_air_cdu.hpp): its keys and how
// they become the model.
#include <memory>

#include <fmt/format.h>

#include "app/cooling_equipment.hpp"
#include "app/input_error.hpp"
#include "app/scenario_cooling.hpp"
#include "models/liquid_to_air_cdu.hpp"

namespace dcsim::app {

namespace {

Schema l2a_schema() {
  Schema s("liquid-to-air CDUs: fan-coil radiators in a hall cool a liquid loop that has no plant (docs/models.md)");
  s.field("name", Type::string()).doc("unique name of the entry (names its channels: equipment.NAME.*)");
  s.field("loop", Type::string()).doc("name of the liquid loop it cools (a loop without `plant`)");
  s.field("hall", Type::string()).doc("name of the hall its radiators stand in (whose air takes the heat)");
  s.field("units", Type::integer()).def(2).at_least(1).doc("units installed");
  s.field("capacity", Dim::power, "kW").def("100 kW").above(0).doc("heat one unit rejects at design air flow");
  s.field("design_air_rise", Dim::temperature_difference, "K").def("15 K").above(0).doc("air warming through the radiators at design");
  s.field("effectiveness", Type::number()).def(0.7).above(0).below(1).doc("air-side effectiveness at design air flow");
  s.field("fan_power", Dim::power, "kW").def("1.5 kW").at_least(0).doc("fan power of one unit at design flow");
  s.field("min_speed", Dim::fraction).def("20 %").range(0, 1).doc("lowest fan speed");
  return s;
}

models::EquipmentSpec make_l2a(const Reader& r, const models::FacilityConfig& f) {
  models::LiquidToAirCduParams p;
  p.channel = dataset_name(r);
  p.name = "cooling.equipment[" + p.channel + "]";
  p.loop = index_by_name(r, "loop", r.string("loop"), f.liquid_loops, "liquid loop");
  if (!f.liquid_loops[p.loop].cooled_by_equipment) {
    throw InputException(r.error("loop", fmt::format("loop '{}' has a plant: a liquid-to-air CDU cools a loop without `plant`",
                                                     f.liquid_loops[p.loop].name)));
  }
  p.hall = index_by_name(r, "hall", r.string("hall"), f.halls, "hall");
  p.units = int_value(r, "units");
  p.unit_capacity_w = r.quantity("capacity");
  p.design_air_rise_k = r.quantity("design_air_rise");
  p.effectiveness = r.number("effectiveness");
  p.fan_power_w = r.quantity("fan_power");
  p.min_speed_fraction = r.quantity("min_speed");
  models::LiquidToAirCdus check(p);
  return {.type = "liquid_to_air_cdu", .name = p.channel, .make = [p] { return std::make_unique<models::LiquidToAirCdus>(p); },
          .side = models::EquipmentSpec::Side::liquid, .hall = p.hall, .cools_loop = p.loop};
}

}  // namespace

void register_liquid_to_air_cdu(CoolingEquipmentRegistry& r) { r.add("liquid_to_air_cdu", l2a_schema(), make_l2a); }

}  // namespace dcsim::app
