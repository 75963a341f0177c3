#include "app/facility_graph_builder.hpp"

#include <algorithm>
#include <optional>
#include <map>
#include <set>

#include <fmt/format.h>

#include "app/equipment_registry.hpp"
#include "models/ups.hpp"

namespace dcsim::app {

namespace {

std::string kw(double w) { return fmt::format("{:.0f} kW", w / 1e3); }

// Capacities, counts and redundancy on the components, each in its cluster: the electrical chain, a
// hall (its air, CRAH units, racks and the equipment among them), a liquid loop, a plant.
template <class HallName, class LoopName>
void describe(sim::FacilityGraph& g, const models::FacilityConfig& f, HallName hall_name, LoopName loop_name) {
  const char* kElectrical = "electrical chain";
  g.describe("grid", "", kElectrical);
  if (f.supply.geothermal) g.describe("geothermal", kw(f.supply.geothermal->capacity_w), kElectrical);
  g.describe("transformer", kw(f.power.transformer.rated_power_w) + " rated", kElectrical);
  const models::Ups ups(f.power.ups);
  g.describe("ups", fmt::format("{} x {} modules ({} needed)", ups.modules_installed(), kw(f.power.ups.module_rated_power_w),
                                f.power.ups.modules_required),
             kElectrical);
  g.describe("pdu", fmt::format("loss {:g} % of IT", 100 * f.power.pdu_loss_fraction), kElectrical);
  auto hall_cluster = [&](std::size_t h) { return f.halls.size() == 1 ? std::string("hall") : "hall " + f.halls[h].name; };
  auto loop_cluster = [&](std::size_t k) {
    return f.liquid_loops.size() == 1 ? std::string("liquid loop") : "liquid loop " + f.liquid_loops[k].name;
  };
  for (std::size_t h = 0; h < f.halls.size(); ++h) {
    const auto& hc = f.halls[h];
    g.describe(hall_name(h, "room_air"), fmt::format("supply {:g} degC", hc.supply_temp_c), hall_cluster(h));
    g.describe(hall_name(h, "crah"), fmt::format("{} x {} {} (N-1: {})", hc.unit_count, kw(hc.unit_capacity_w), hc.dx ? "CRAC" : "CRAH",
                                                 kw((hc.unit_count - 1) * hc.unit_capacity_w)),
               hall_cluster(h));
  }
  for (std::size_t k = 0; k < f.liquid_loops.size(); ++k) {
    const auto& lc = f.liquid_loops[k];
    g.describe(loop_name(k), fmt::format("supply {:g} degC, {} pumps", lc.supply_temp_c, lc.pump.unit_count), loop_cluster(k));
  }
  for (const auto& grp : f.groups) {
    g.describe("racks." + grp.name,
               fmt::format("{} racks x {} peak, {:g} % to liquid", grp.rack.rack_count, kw(grp.rack.peak_power_w),
                           100 * grp.rack.liquid_capture_share),
               hall_cluster(grp.hall));
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
      const auto& c = pp.chillers[b];
      g.describe(name + "." + chiller_bank_label(p, b), fmt::format("{} x {}, COP {:g}", c.count, kw(c.unit.capacity_w), c.unit.cop_ref),
                 cluster);
    }
    for (std::size_t k = 0; k < pp.heat_reuse.size(); ++k) g.describe(name + "." + reuse_stage_label(p, k), "", cluster);
  }
  for (const auto& e : f.equipment) {
    std::optional<std::size_t> hall = e.hall;
    for (const auto& gname : e.groups) {
      for (const auto& grp : f.groups) {
        if (!hall && grp.name == gname) hall = grp.hall;
      }
    }
    const std::string detail = e.cools_loop ? "cools loop " + f.liquid_loops[*e.cools_loop].name
                                            : fmt::format("on {} group(s)", e.groups.size());
    g.describe("equipment." + e.name, detail, hall ? hall_cluster(*hall) : std::string());
  }
}

}  // namespace

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
  // Each hall: its room air and CRAH units; each liquid loop: its CDU (prefixed by name when several).
  auto hall_name = [&](std::size_t h, const char* part) {
    return f.halls.size() == 1 ? std::string(part) : f.halls[h].name + "." + part;
  };
  auto loop_name = [&](std::size_t k) { return f.liquid_loops.size() == 1 ? std::string("cdu") : f.liquid_loops[k].name + ".cdu"; };
  for (std::size_t h = 0; h < f.halls.size(); ++h) {
    const std::string room = hall_name(h, "room_air"), crah = hall_name(h, "crah");
    g.add_component(room, "air_loop", Role::none);
    g.add_link("ups", room, LinkType::heat, "losses");
    g.add_link("pdu", room, LinkType::heat, "losses");
    g.add_component(crah, "crah", Role::electrical_load);
    g.add_link("transformer", crah, LinkType::electrical, "fans");
    g.add_link(room, crah, LinkType::heat);
    if (f.halls[h].economizer.type != models::AirEconomizerType::none) g.add_link(crah, "outdoors", LinkType::heat, "airside economizer");
  }
  for (std::size_t k = 0; k < f.liquid_loops.size(); ++k) {
    g.add_component(loop_name(k), "cdu", Role::electrical_load);
    g.add_link(f.liquid_loops[k].pumps_on_ups ? "ups" : "transformer", loop_name(k), LinkType::electrical, "pumps");
  }
  for (const auto& p : f.plants) {
    const std::string name = "plant." + p.name;
    g.add_component(name, "heat_rejection_plant", Role::electrical_load);
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
  for (std::size_t h = 0; h < f.halls.size(); ++h) {
    g.add_link(hall_name(h, "crah"), "plant." + f.plants[f.halls[h].plant].name, LinkType::heat, "chilled water");
  }
  for (std::size_t k = 0; k < f.liquid_loops.size(); ++k) {
    if (f.liquid_loops[k].cooled_by_equipment) continue;
    g.add_link(loop_name(k), "plant." + f.plants[f.liquid_loops[k].plant].name, LinkType::heat, "facility water");
  }
  for (const auto& grp : f.groups) {
    const std::string name = "racks." + grp.name;
    g.add_component(name, "rack_group", Role::heat_source | Role::electrical_load);
    g.add_link("pdu", name, LinkType::electrical);
    bool air_taken = false, liquid_taken = false;  // by equipment on the group's heat ports
    for (const auto& e : f.equipment) {
      if (std::find(e.groups.begin(), e.groups.end(), grp.name) == e.groups.end()) continue;
      (e.side == models::EquipmentSpec::Side::air ? air_taken : liquid_taken) = true;
    }
    if (grp.rack.liquid_capture_share > 0 && !liquid_taken) g.add_link(name, loop_name(grp.loop), LinkType::heat, "cold plates");
    if (grp.rack.liquid_capture_share < 1 && !air_taken) g.add_link(name, hall_name(grp.hall, "room_air"), LinkType::heat, "air");
  }
  // Equipment on the groups' heat ports: what it takes from the racks and where its heat goes.
  using Side = models::EquipmentSpec::Side;
  for (const auto& e : f.equipment) {
    const std::string name = "equipment." + e.name;
    g.add_component(name, e.type, Role::none);
    std::map<std::string, std::string> onward;  // one link to each hall or loop it passes heat to, and its label
    for (const auto& gname : e.groups) {
      const auto it = std::find_if(f.groups.begin(), f.groups.end(), [&](const auto& x) { return x.name == gname; });
      if (it == f.groups.end() || e.side == Side::room) continue;
      g.add_link("racks." + gname, name, LinkType::heat, e.side == Side::air ? "exhaust air" : "liquid heat");
      if (e.side == Side::air) onward.emplace(hall_name(it->hall, "room_air"), "air");
      if (e.side == Side::liquid && !e.plant) onward.emplace(loop_name(it->loop), "coolant");
    }
    if (e.side == Side::room && e.hall) g.add_link(hall_name(*e.hall, "room_air"), name, LinkType::heat, "hot-aisle air");
    if (e.cools_loop) g.add_link(loop_name(*e.cools_loop), name, LinkType::heat, "coolant");
    if (e.hall) onward.emplace(hall_name(*e.hall, "room_air"), e.side == Side::room ? "cooled air" : "air");
    for (const auto& [to, label] : onward) g.add_link(name, to, LinkType::heat, label);
    if (e.plant) g.add_link(name, "plant." + f.plants[*e.plant].name, LinkType::heat, "water");
  }
  describe(g, f, hall_name, loop_name);
  return g;
}

}  // namespace dcsim::app
