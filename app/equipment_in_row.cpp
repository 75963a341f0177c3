// The `in_row` entry of cooling.equipment (models/in_row_cooler.hpp): its keys and how they become the model.
#include <memory>

#include <fmt/format.h>

#include "app/cooling_equipment.hpp"
#include "app/scenario_cooling.hpp"
#include "models/in_row_cooler.hpp"

namespace dcsim::app {

namespace {

Schema in_row_schema() {
  Schema s("in-row cooling units: chilled-water coils with fans between the racks, hot aisle to cold aisle (docs/models.md)");
  add_common_keys(s);
  s.field("plant", Type::string()).doc("name of the plant whose water feeds the coils");
  s.field("units", Type::integer()).def(4).at_least(1).doc("units installed beside the groups' racks");
  s.field("capacity", Dim::power, "kW").def("30 kW").above(0).doc("sensible capacity of one unit");
  s.field("coil_approach", Dim::temperature_difference, "K").def("4 K").at_least(0).doc("supply air above entering water");
  s.field("airflow_ratio", Type::number()).def(1.0).above(0).at_most(3).doc("units' air flow per server air flow of the groups");
  s.field("fan_power", Dim::power, "kW").def("0.6 kW").at_least(0).doc("fan power of one unit at design flow");
  return s;
}

models::EquipmentSpec make_in_row(const Reader& r, const models::FacilityConfig& f) {
  models::InRowCoolerParams p;
  p.channel = dataset_name(r);
  p.name = "cooling.equipment[" + p.channel + "]";
  std::size_t hall = f.halls.size();
  p.groups = group_names(r, f, [&](const models::RackGroupConfig& g) {
    if (g.rack.liquid_capture_share >= 1.0) return fmt::format("rack group '{}' sends no heat to air (liquid_share 1)", g.name);
    if (hall != f.halls.size() && g.hall != hall) return fmt::format("rack group '{}' stands in another hall: in-row units serve one hall", g.name);
    hall = g.hall;
    return std::string();
  });
  p.plant = plant_index(r, f.plants);
  p.units = int_value(r, "units");
  p.unit_capacity_w = r.quantity("capacity");
  p.coil_approach_k = r.quantity("coil_approach");
  p.airflow_ratio = r.number("airflow_ratio");
  p.fan_power_w = r.quantity("fan_power");
  models::InRowCoolers check(p);
  return {.type = "in_row", .name = p.channel, .make = [p] { return std::make_unique<models::InRowCoolers>(p); },
          .groups = p.groups, .side = models::EquipmentSpec::Side::room, .plant = p.plant, .hall = hall};
}

}  // namespace

void register_in_row(CoolingEquipmentRegistry& r) { r.add("in_row", in_row_schema(), make_in_row); }

}  // namespace dcsim::app
