// The `in_row` entry of cooling.equipment (models/in_row_cooler.hpp): its keys and how they become the model.
#include <memory>

#include <fmt/format.h>

#include "app/cooling_equipment.hpp"
#include "app/scenario_cooling.hpp"
#include "app/schema_binding.hpp"
#include "models/in_row_cooler.hpp"

namespace dcsim::app {

namespace {

Binder<models::InRowCoolerParams> make_in_row_keys() {
  using P = models::InRowCoolerParams;
  Binder<P> b("in-row cooling units: chilled-water coils with fans between the racks, hot aisle to cold aisle (docs/models.md)");
  add_common_keys(b.schema());
  b.schema().field("plant", Type::string()).doc("name of the plant whose water feeds the coils");
  b.field("units", &P::units, Type::integer()).at_least(1).doc("units installed beside the groups' racks");
  b.field("capacity", &P::unit_capacity_w, Dim::power, "kW").above(0).doc("sensible capacity of one unit");
  b.field("coil_approach", &P::coil_approach_k, Dim::temperature_difference, "K").at_least(0).doc("supply air above entering water");
  b.field("airflow_ratio", &P::airflow_ratio, Type::number()).above(0).at_most(3).doc("units' air flow per server air flow of the groups");
  b.field("fan_power", &P::fan_power_w, Dim::power, "kW").at_least(0).doc("fan power of one unit at design flow");
  return b;
}

const Binder<models::InRowCoolerParams>& in_row_keys() { return built_once<make_in_row_keys>(); }

EquipmentEntry make_in_row(const Reader& r, const models::FacilityConfig& f, const models::FacilityConnections& c) {
  models::InRowCoolerParams p;
  p.channel = dataset_name(r);
  p.name = "cooling.equipment[" + p.channel + "]";
  std::size_t hall = f.halls.size();
  models::EquipmentPorts ports{.side = models::EquipmentPorts::Side::room};
  ports.groups = group_indices(r, f, [&](std::size_t i) {
    const auto& g = f.groups[i];
    if (g.rack.liquid_capture_share >= 1.0) return fmt::format("rack group '{}' sends no heat to air (liquid_share 1)", g.name);
    if (hall != f.halls.size() && c.group_hall[i] != hall) return fmt::format("rack group '{}' stands in another hall: in-row units serve one hall", g.name);
    hall = c.group_hall[i];
    return std::string();
  });
  ports.plant = plant_index(r, f.plants);
  ports.hall = hall;
  in_row_keys().read(r, p);
  models::InRowCoolers check(p);
  return {{.type = "in_row", .name = p.channel, .make = [p] { return std::make_unique<models::InRowCoolers>(p); }}, ports};
}

}  // namespace

void register_in_row(CoolingEquipmentRegistry& r) { r.add("in_row", in_row_keys().schema(), make_in_row); }

}  // namespace dcsim::app
