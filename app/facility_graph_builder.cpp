#include "app/facility_graph_builder.hpp"

#include <fmt/format.h>

#include "app/equipment_registry.hpp"
#include "models/ups.hpp"

namespace dcsim::app {

namespace {

std::string kw(double w) { return fmt::format("{:.0f} kW", w / 1e3); }

// Capacities, counts and redundancy on the components, each in its cluster: the electrical chain, a
// hall (its air, CRAH units, racks and the equipment among them), a liquid loop, a plant.
void describe(sim::FacilityGraph& g, const models::FacilityConfig& f, const models::FacilityConnections& c) {
  using models::hall_component;
  const char* kElectrical = "electrical chain";
  g.describe("grid", "", kElectrical);
  if (f.supply.geothermal) g.describe("geothermal", kw(f.supply.geothermal->capacity_w), kElectrical);
  g.describe("transformer", kw(f.power.transformer.rated_power_w) + " rated", kElectrical);
  const models::Ups ups(f.power.ups);
  g.describe("ups", fmt::format("{} x {} modules ({} needed)", ups.modules_installed(), kw(f.power.ups.module_rated_power_w),
                                f.power.ups.modules_required),
             kElectrical);
  g.describe("pdu", fmt::format("loss {:g} % of IT", 100 * f.power.pdu_loss_fraction), kElectrical);
  for (std::size_t h = 0; h < f.halls.size(); ++h) {
    const auto& hc = f.halls[h];
    g.describe(hall_component(f, h, "room_air"), fmt::format("supply {:g} degC", hc.supply_temp_c));
    g.describe(hall_component(f, h, "crah"), fmt::format("{} x {} {} (N-1: {})", hc.unit_count, kw(hc.unit_capacity_w), hc.dx ? "CRAC" : "CRAH",
                                                         kw((hc.unit_count - 1) * hc.unit_capacity_w)));
  }
  for (std::size_t k = 0; k < f.liquid_loops.size(); ++k) {
    const auto& lc = f.liquid_loops[k];
    g.describe(models::loop_component(f, k), fmt::format("supply {:g} degC, {} pumps", lc.supply_temp_c, lc.pump.unit_count));
  }
  for (std::size_t i = 0; i < f.groups.size(); ++i) {
    const auto& grp = f.groups[i];
    g.describe(models::group_component(f, i), fmt::format("{} racks x {} peak, {:g} % to liquid", grp.rack.rack_count,
                                                          kw(grp.rack.peak_power_w), 100 * grp.rack.liquid_capture_share));
  }
  for (const auto& p : f.plants) {
    const std::string name = "plant." + p.name, cluster = "plant " + p.name;
    g.describe(name, fmt::format("delta T {:g} K, {} loop pumps", p.delta_t_k, p.pump.unit_count), cluster);
    const auto& pp = p.params;
    for (std::size_t b = 0; b < pp.rejection.size(); ++b) {
      const auto& r = pp.rejection[b];
      g.describe(name + "." + rejection_bank_label(p, b),
                 fmt::format("{} {}, {}", r.unit_count(), r.unit_word, kw(r.design_heat_w)), cluster);
    }
    for (std::size_t b = 0; b < pp.chillers.size(); ++b) {
      const auto& ch = pp.chillers[b];
      g.describe(name + "." + chiller_bank_label(p, b), fmt::format("{} x {}, COP {:g}", ch.count, kw(ch.unit.capacity_w), ch.unit.cop_ref),
                 cluster);
    }
    for (std::size_t k = 0; k < pp.heat_reuse.size(); ++k) g.describe(name + "." + reuse_stage_label(p, k), "", cluster);
  }
  for (std::size_t e = 0; e < f.equipment.size(); ++e) {
    const auto& ports = c.equipment[e];
    const std::string detail = ports.cools_loop ? "cools loop " + f.liquid_loops[*ports.cools_loop].name
                                                : fmt::format("on {} group(s)", ports.groups.size());
    g.describe(models::equipment_component(f, e), detail);
  }
}

}  // namespace

sim::FacilityGraph build_facility_graph(const models::FacilityConfig& f, const models::FacilityConnections& c) {
  using sim::LinkType;
  using sim::Role;
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
  // Halls, loops, plants, rack groups and equipment, and how they connect.
  models::add_connections(g, f, c);
  for (std::size_t h = 0; h < f.halls.size(); ++h) {
    const std::string room = models::hall_component(f, h, "room_air"), crah = models::hall_component(f, h, "crah");
    g.add_link("ups", room, LinkType::heat, "losses");
    g.add_link("pdu", room, LinkType::heat, "losses");
    g.add_link("transformer", crah, LinkType::electrical, "fans");
    if (f.halls[h].economizer.type != models::AirEconomizerType::none) g.add_link(crah, "outdoors", LinkType::heat, "airside economizer");
  }
  for (std::size_t k = 0; k < f.liquid_loops.size(); ++k) {
    g.add_link(f.liquid_loops[k].pumps_on_ups ? "ups" : "transformer", models::loop_component(f, k), LinkType::electrical, "pumps");
  }
  for (std::size_t i = 0; i < f.groups.size(); ++i) g.add_link("pdu", models::group_component(f, i), LinkType::electrical);
  // Each plant's stages: heat rejection banks, chiller banks, heat reuse.
  for (std::size_t pi = 0; pi < f.plants.size(); ++pi) {
    const auto& p = f.plants[pi];
    const std::string name = models::plant_component(f, pi);
    g.add_link("transformer", name, LinkType::electrical);
    const auto& pp = p.params;
    for (std::size_t b = 0; b < pp.rejection.size(); ++b) {
      const std::string bank = name + "." + rejection_bank_label(p, b);
      g.add_component(bank, pp.rejection[b].type, Role::electrical_load);
      g.add_link(name, bank, LinkType::heat);
      g.add_link(bank, "outdoors", LinkType::heat);
      g.add_link("transformer", bank, LinkType::electrical, "fans");
    }
    for (std::size_t b = 0; b < pp.chillers.size(); ++b) {
      const std::string bank = name + "." + chiller_bank_label(p, b);
      g.add_component(bank, "chiller", Role::electrical_load);
      g.add_link(name, bank, LinkType::heat);
      g.add_link("transformer", bank, LinkType::electrical, "compressors");
      // Water-cooled condensers reject into the condenser water: to every tower / dry-cooler bank.
      if (pp.chillers[b].unit.condenser == models::CondenserKind::water && !pp.rejection.empty()) {
        for (std::size_t r = 0; r < pp.rejection.size(); ++r) {
          g.add_link(bank, name + "." + rejection_bank_label(p, r), LinkType::heat, "condenser");
        }
      } else {
        g.add_link(bank, "outdoors", LinkType::heat, "condenser");
      }
    }
    for (std::size_t k = 0; k < pp.heat_reuse.size(); ++k) {
      const std::string stage = name + "." + reuse_stage_label(p, k);
      g.add_component(stage, "heat_reuse", Role::heat_sink);
      g.add_link(name, stage, LinkType::heat);
    }
  }
  describe(g, f, c);
  return g;
}

}  // namespace dcsim::app
