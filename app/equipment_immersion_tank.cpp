// The `immersion_tank` entry of cooling.equipment (models/immersion_tank.hpp): its keys and how they become the model.
#include <memory>

#include <fmt/format.h>

#include "app/cooling_equipment.hpp"
#include "app/scenario_cooling.hpp"
#include "models/immersion_tank.hpp"

namespace dcsim::app {

namespace {

Schema immersion_schema() {
  Schema fluid("the dielectric fluid");
  fluid.field("volume", Dim::volume, "m3").def("0.8 m3").above(0).doc("fluid per tank (one tank per rack)");
  fluid.field("density", Type::number()).def(800.0).above(0).doc("kg/m3 (synthetic hydrocarbon, PAO class: about 800)");
  fluid.field("cp", Type::number()).def(2200.0).above(0).doc("specific heat, J/(kg K) (PAO class: about 2200)");
  Schema pump("tank pumps (fixed speed, one set per tank)");
  pump.field("pressure", Dim::pressure, "kPa").def("100 kPa").at_least(0).doc("pressure rise at design flow");
  pump.field("efficiency", Type::number()).def(0.6).above(0).at_most(1).doc("wire-to-fluid efficiency");
  pump.field("units", Type::integer()).def(1).at_least(1)
      .doc("pumps in parallel on the tanks' manifold, each moving 1/units of the design flow (can fail: NAME.pumps)");
  Schema s("single-phase immersion tanks: the racks of the groups stand in dielectric baths on their liquid loop (docs/models.md)");
  add_common_keys(s);
  s.field("fluid", Type::mapping(fluid)).def("{}").doc("dielectric fluid");
  s.field("hx_approach", Dim::temperature_difference, "K").def("5 K").above(0).doc("bath above the loop coolant at design heat");
  s.field("fluid_delta_t", Dim::temperature_difference, "K").def("8 K").above(0)
      .doc("fluid rise through a tank at design heat (sets the pump flow)");
  s.field("pump", Type::mapping(pump)).def("{}").doc("tank pumps");
  return s;
}

models::EquipmentSpec make_immersion(const Reader& r, const models::FacilityConfig& f) {
  models::ImmersionTankParams p;
  p.channel = dataset_name(r);
  p.name = "cooling.equipment[" + p.channel + "]";
  p.groups = group_names(r, f, [](const models::RackGroupConfig& g) {
    if (g.rack.liquid_capture_share <= 0) return fmt::format("rack group '{}' has liquid_share 0: an immersed group needs liquid_share > 0", g.name);
    if (g.rack.fans.power_share > 0) {
      return fmt::format("rack group '{}' has server fans (server_fans.share {:g}): immersed servers have none, set server_fans.share: 0",
                         g.name, g.rack.fans.power_share);
    }
    return std::string();
  });
  p.fluid_volume_m3 = r["fluid"].quantity("volume");
  p.fluid_density_kg_per_m3 = r["fluid"].number("density");
  p.fluid_cp_j_per_kg_k = r["fluid"].number("cp");
  p.hx_approach_k = r.quantity("hx_approach");
  p.fluid_delta_t_k = r.quantity("fluid_delta_t");
  p.pump_pressure_pa = r["pump"].quantity("pressure");
  p.pump_efficiency = r["pump"].number("efficiency");
  p.pumps = int_value(r["pump"], "units");
  models::ImmersionTanks check(p);
  return {.type = "immersion_tank", .name = p.channel, .make = [p] { return std::make_unique<models::ImmersionTanks>(p); },
          .groups = p.groups, .side = models::EquipmentSpec::Side::liquid};
}

}  // namespace

void register_immersion_tank(CoolingEquipmentRegistry& r) {
  r.add("immersion_tank", immersion_schema(), make_immersion);
}

}  // namespace dcsim::app
