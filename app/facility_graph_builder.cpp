#include "app/facility_graph_builder.hpp"

namespace dcsim::app {

sim::FacilityGraph build_facility_graph(const Scenario& sc) {
  using sim::LinkType;
  using sim::Role;
  const auto& f = sc.facility;
  sim::FacilityGraph g;
  g.add_component("grid", "grid", Role::electrical_supply);
  if (f.supply.geothermal) g.add_component("geothermal", "geothermal_plant", Role::electrical_supply);
  g.add_component("transformer", "transformer", Role::electrical_load | Role::electrical_supply | Role::heat_source);
  g.add_component("ups", "ups", Role::electrical_load | Role::electrical_supply | Role::heat_source);
  g.add_component("pdu", "pdu", Role::electrical_load | Role::electrical_supply | Role::heat_source);
  g.add_component("outdoors", "ambient", Role::heat_sink);
  g.add_link("grid", "transformer", LinkType::electrical);
  if (f.supply.geothermal) g.add_link("geothermal", "transformer", LinkType::electrical);
  g.add_link("transformer", "ups", LinkType::electrical);
  g.add_link("ups", "pdu", LinkType::electrical);
  g.add_link("transformer", "outdoors", LinkType::heat, "losses");
  g.add_component("room_air", "air_loop", Role::none);
  g.add_link("ups", "room_air", LinkType::heat, "losses");
  g.add_link("pdu", "room_air", LinkType::heat, "losses");
  g.add_component("crah", "crah", Role::electrical_load);
  g.add_link("transformer", "crah", LinkType::electrical, "fans");
  g.add_link("room_air", "crah", LinkType::heat);
  if (f.air.economizer.type != models::AirEconomizerType::none) g.add_link("crah", "outdoors", LinkType::heat, "airside economizer");
  if (f.liquid.enabled) {
    g.add_component("cdu", "cdu", Role::electrical_load);
    g.add_link(f.power.pumps_on_ups ? "ups" : "transformer", "cdu", LinkType::electrical, "pumps");
  }
  for (const auto& p : f.plants) {
    const std::string name = "plant." + p.name;
    g.add_component(name, "heat_rejection_plant", Role::electrical_load);
    g.add_link("transformer", name, LinkType::electrical);
    if (p.params.dry_cooler) {
      g.add_component(name + ".dry_coolers", "dry_cooler", Role::electrical_load);
      g.add_link(name, name + ".dry_coolers", LinkType::heat);
      g.add_link(name + ".dry_coolers", "outdoors", LinkType::heat);
      g.add_link("transformer", name + ".dry_coolers", LinkType::electrical, "fans");
    }
    if (p.params.tower) {
      g.add_component(name + ".towers", "cooling_tower", Role::electrical_load);
      g.add_link(name, name + ".towers", LinkType::heat);
      g.add_link(name + ".towers", "outdoors", LinkType::heat);
      g.add_link("transformer", name + ".towers", LinkType::electrical, "fans");
    }
    if (p.params.chiller_count > 0) {
      g.add_component(name + ".chillers", "chiller", Role::electrical_load);
      g.add_link(name, name + ".chillers", LinkType::heat);
      g.add_link("transformer", name + ".chillers", LinkType::electrical, "compressors");
      const bool water = p.params.chiller.condenser == models::CondenserKind::water && (p.params.tower || p.params.dry_cooler);
      g.add_link(name + ".chillers", water ? name + (p.params.tower ? ".towers" : ".dry_coolers") : "outdoors", LinkType::heat,
                 "condenser");
    }
    if (p.params.heat_reuse) {
      g.add_component(name + ".heat_reuse", "heat_reuse", Role::heat_sink);
      g.add_link(name, name + ".heat_reuse", LinkType::heat);
    }
  }
  g.add_link("crah", "plant." + f.plants[f.air.plant].name, LinkType::heat, "chilled water");
  if (f.liquid.enabled) g.add_link("cdu", "plant." + f.plants[f.liquid.plant].name, LinkType::heat, "facility water");
  for (const auto& grp : f.groups) {
    const std::string name = "racks." + grp.name;
    g.add_component(name, "rack_group", Role::heat_source | Role::electrical_load);
    g.add_link("pdu", name, LinkType::electrical);
    if (grp.rack.liquid_capture_share > 0) g.add_link(name, "cdu", LinkType::heat, "cold plates");
    if (grp.rack.liquid_capture_share < 1) g.add_link(name, "room_air", LinkType::heat, "air");
  }
  return g;
}

}  // namespace dcsim::app
