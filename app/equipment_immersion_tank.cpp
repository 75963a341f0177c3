// The `immersion_tank` entry of cooling.equipment (models/immersion_tank.hpp): its keys and how they become the model.
#include <memory>

#include <fmt/format.h>

#include "app/cooling_equipment.hpp"
#include "app/scenario_cooling.hpp"
#include "app/schema_binding.hpp"
#include "models/immersion_tank.hpp"

namespace dcsim::app {

namespace {

Binder<models::ImmersionTankParams> make_immersion_keys() {
  using P = models::ImmersionTankParams;
  Binder<P> b("single-phase immersion tanks: the racks of the groups stand in dielectric baths on their liquid loop (docs/models.md)");
  add_common_keys(b.schema());
  b.group("fluid", "the dielectric fluid", [](Binder<P>& fluid) {
     fluid.field("volume", &P::fluid_volume_m3, Dim::volume, "m3").above(0).doc("fluid per tank (one tank per rack)");
     fluid.field("density", &P::fluid_density_kg_per_m3, Type::number()).above(0)
         .doc("kg/m3 (synthetic hydrocarbon, PAO class: about 800)");
     fluid.field("cp", &P::fluid_cp_j_per_kg_k, Type::number()).above(0).doc("specific heat, J/(kg K) (PAO class: about 2200)");
   }).doc("dielectric fluid");
  b.field("hx_approach", &P::hx_approach_k, Dim::temperature_difference, "K").above(0).doc("bath above the loop coolant at design heat");
  b.field("fluid_delta_t", &P::fluid_delta_t_k, Dim::temperature_difference, "K").above(0)
      .doc("fluid rise through a tank at design heat (sets the pump flow)");
  b.group("pump", "tank pumps (fixed speed, one set per tank)", [](Binder<P>& pump) {
     pump.field("pressure", &P::pump_pressure_pa, Dim::pressure, "kPa").at_least(0).doc("pressure rise at design flow");
     pump.field("efficiency", &P::pump_efficiency, Type::number()).above(0).at_most(1).doc("wire-to-fluid efficiency");
     pump.field("units", &P::pumps, Type::integer()).at_least(1)
         .doc("pumps in parallel on the tanks' manifold, each moving 1/units of the design flow (can fail: NAME.pumps)");
   }).doc("tank pumps");
  return b;
}

const Binder<models::ImmersionTankParams>& immersion_keys() { return built_once<make_immersion_keys>(); }

EquipmentEntry make_immersion(const Reader& r, const models::FacilityConfig& f, const models::FacilityConnections&) {
  models::ImmersionTankParams p;
  p.channel = dataset_name(r);
  p.name = "cooling.equipment[" + p.channel + "]";
  models::EquipmentPorts ports{.side = models::EquipmentPorts::Side::liquid};
  ports.groups = group_indices(r, f, [&](std::size_t i) {
    const auto& g = f.groups[i];
    if (g.rack.liquid_capture_share <= 0) return fmt::format("rack group '{}' has liquid_share 0: an immersed group needs liquid_share > 0", g.name);
    if (g.rack.fans.power_share > 0) {
      return fmt::format("rack group '{}' has server fans (server_fans.share {:g}): immersed servers have none, set server_fans.share: 0",
                         g.name, g.rack.fans.power_share);
    }
    return std::string();
  });
  immersion_keys().read(r, p);
  models::ImmersionTanks check(p);
  return {{.type = "immersion_tank", .name = p.channel, .make = [p] { return std::make_unique<models::ImmersionTanks>(p); }}, ports};
}

}  // namespace

void register_immersion_tank(CoolingEquipmentRegistry& r) {
  r.add("immersion_tank", immersion_keys().schema(), make_immersion);
}

}  // namespace dcsim::app
