#include "models/facility_topology.hpp"

#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "sim/check.hpp"

namespace dcsim::models {

namespace {

using Side = EquipmentPorts::Side;
using sim::LinkType;
using sim::Role;

constexpr const char* kAir = "air";
constexpr const char* kColdPlates = "cold plates";
constexpr const char* kExhaust = "exhaust air";
constexpr const char* kLiquidHeat = "liquid heat";
constexpr const char* kHotAisle = "hot-aisle air";
constexpr const char* kCoolant = "coolant";
constexpr const char* kCooledAir = "cooled air";
constexpr const char* kWater = "water";
constexpr const char* kChilledWater = "chilled water";
constexpr const char* kFacilityWater = "facility water";

const char* side_label(Side s) { return s == Side::air ? kExhaust : s == Side::liquid ? kLiquidHeat : kHotAisle; }

[[noreturn]] void fail(const std::string& what) { throw ParameterError("", "facility graph: " + what); }

// The components of one kind, name -> index: `count` of them, the i-th named name(i), each of which
// the graph must hold.
class Index {
 public:
  template <class Name>
  Index(const sim::FacilityGraph& g, std::size_t count, Name name) {
    for (std::size_t i = 0; i < count; ++i) {
      std::string n = name(i);
      if (!g.contains(n)) fail(fmt::format("the facility's component '{}' is missing", n));
      by_name_.emplace(std::move(n), i);
    }
  }
  std::optional<std::size_t> find(const std::string& name) const {
    const auto it = by_name_.find(name);
    return it == by_name_.end() ? std::nullopt : std::optional<std::size_t>(it->second);
  }

 private:
  std::map<std::string, std::size_t> by_name_;
};

struct Link {
  std::string other;  // the component at the other end
  std::string label;
};

std::vector<Link> heat_links(const sim::FacilityGraph& g, const std::string& name, bool out) {
  const auto& gr = g.graph();
  const auto v = g.vertex(name);
  std::vector<Link> links;
  if (out) {
    for (auto [e, end] = boost::out_edges(v, gr); e != end; ++e) {
      if (gr[*e].type == LinkType::heat) links.push_back({gr[boost::target(*e, gr)].name, gr[*e].label});
    }
  } else {
    for (auto [e, end] = boost::in_edges(v, gr); e != end; ++e) {
      if (gr[*e].type == LinkType::heat) links.push_back({gr[boost::source(*e, gr)].name, gr[*e].label});
    }
  }
  return links;
}

// The one index of `index` among the links (none, or an error naming both when there are two).
std::optional<std::size_t> one_of(const std::vector<Link>& links, const Index& index, const std::string& from, const char* what) {
  std::optional<std::size_t> found;
  std::string found_name;
  for (const auto& l : links) {
    const auto i = index.find(l.other);
    if (!i || (found && *found == *i)) continue;
    if (found) fail(fmt::format("'{}' links to two {}s ('{}' and '{}')", from, what, found_name, l.other));
    found = i;
    found_name = l.other;
  }
  return found;
}

}  // namespace

std::string group_component(const FacilityConfig& f, std::size_t g) { return "racks." + f.groups.at(g).name; }

std::string hall_component(const FacilityConfig& f, std::size_t h, const char* part) {
  return f.halls.size() == 1 ? std::string(part) : f.halls.at(h).name + "." + part;
}

std::string hall_cluster(const FacilityConfig& f, std::size_t h) {
  return f.halls.size() == 1 ? std::string("hall") : "hall " + f.halls.at(h).name;
}

std::string loop_component(const FacilityConfig& f, std::size_t k) {
  return f.liquid_loops.size() == 1 ? std::string("cdu") : f.liquid_loops.at(k).name + ".cdu";
}

std::string loop_cluster(const FacilityConfig& f, std::size_t k) {
  return f.liquid_loops.size() == 1 ? std::string("liquid loop") : "liquid loop " + f.liquid_loops.at(k).name;
}

std::string plant_component(const FacilityConfig& f, std::size_t p) { return "plant." + f.plants.at(p).name; }

std::string equipment_component(const FacilityConfig& f, std::size_t e) { return "equipment." + f.equipment.at(e).name; }

void add_connections(sim::FacilityGraph& g, const FacilityConfig& f, const FacilityConnections& c) {
  require(c.group_hall.size() == f.groups.size() && c.group_loop.size() == f.groups.size() && c.hall_plant.size() == f.halls.size() &&
              c.loop_plant.size() == f.liquid_loops.size() && c.equipment.size() == f.equipment.size(),
          "connections", "must give one entry per group, hall, loop and equipment ({} groups)", f.groups.size());
  const auto check = [](std::size_t i, std::size_t n, const char* what) {
    require(i < n, "connections", "name {} {} of {}", what, i, n);
  };
  for (std::size_t i = 0; i < f.groups.size(); ++i) {
    check(c.group_hall[i], f.halls.size(), "hall");
    if (c.group_loop[i]) check(*c.group_loop[i], f.liquid_loops.size(), "liquid loop");
  }
  for (const auto p : c.hall_plant) check(p, f.plants.size(), "plant");
  for (const auto& p : c.loop_plant) {
    if (p) check(*p, f.plants.size(), "plant");
  }
  for (const auto& e : c.equipment) {
    for (const auto gi : e.groups) check(gi, f.groups.size(), "rack group");
    if (e.plant) check(*e.plant, f.plants.size(), "plant");
    if (e.hall) check(*e.hall, f.halls.size(), "hall");
    if (e.cools_loop) check(*e.cools_loop, f.liquid_loops.size(), "liquid loop");
  }
  for (std::size_t h = 0; h < f.halls.size(); ++h) {
    g.add_component(hall_component(f, h, "room_air"), "air_loop", Role::none);
    g.add_component(hall_component(f, h, "crah"), "crah", Role::electrical_load);
    g.describe(hall_component(f, h, "room_air"), "", hall_cluster(f, h));
    g.describe(hall_component(f, h, "crah"), "", hall_cluster(f, h));
    g.add_link(hall_component(f, h, "room_air"), hall_component(f, h, "crah"), LinkType::heat);
  }
  for (std::size_t k = 0; k < f.liquid_loops.size(); ++k) {
    g.add_component(loop_component(f, k), "cdu", Role::electrical_load);
    g.describe(loop_component(f, k), "", loop_cluster(f, k));
  }
  for (std::size_t p = 0; p < f.plants.size(); ++p) g.add_component(plant_component(f, p), "heat_rejection_plant", Role::electrical_load);
  for (std::size_t h = 0; h < f.halls.size(); ++h) {
    g.add_link(hall_component(f, h, "crah"), plant_component(f, c.hall_plant[h]), LinkType::heat, kChilledWater);
  }
  for (std::size_t k = 0; k < f.liquid_loops.size(); ++k) {
    if (c.loop_plant[k]) g.add_link(loop_component(f, k), plant_component(f, *c.loop_plant[k]), LinkType::heat, kFacilityWater);
  }
  // Rack groups, in their hall's cluster; their air and liquid heat to the hall and loop unless
  // equipment takes it.
  for (std::size_t i = 0; i < f.groups.size(); ++i) {
    const std::string name = group_component(f, i);
    g.add_component(name, "rack_group", Role::heat_source | Role::electrical_load);
    g.describe(name, "", hall_cluster(f, c.group_hall[i]));
    bool air_taken = false, liquid_taken = false;
    for (const auto& e : c.equipment) {
      if (std::find(e.groups.begin(), e.groups.end(), i) == e.groups.end()) continue;
      if (e.side == Side::air) air_taken = true;
      if (e.side == Side::liquid) liquid_taken = true;
    }
    const double share = f.groups[i].rack.liquid_capture_share;
    if (share > 0 && !liquid_taken && c.group_loop[i]) g.add_link(name, loop_component(f, *c.group_loop[i]), LinkType::heat, kColdPlates);
    if (share < 1 && !air_taken) g.add_link(name, hall_component(f, c.group_hall[i], "room_air"), LinkType::heat, kAir);
  }
  // Equipment: what it takes from the racks, and where its heat goes.
  for (std::size_t e = 0; e < f.equipment.size(); ++e) {
    const std::string name = equipment_component(f, e);
    const EquipmentPorts& p = c.equipment[e];
    g.add_component(name, f.equipment[e].type, Role::none);
    std::optional<std::size_t> hall = p.hall;
    std::vector<std::pair<std::string, std::string>> onward;  // one link to each hall or loop it passes heat to
    const auto pass_to = [&](std::string to, const char* label) {
      if (std::none_of(onward.begin(), onward.end(), [&](const auto& o) { return o.first == to; })) onward.emplace_back(std::move(to), label);
    };
    for (std::size_t gi : p.groups) {
      g.add_link(group_component(f, gi), name, LinkType::heat, side_label(p.side));
      if (!hall) hall = c.group_hall[gi];
      if (p.side == Side::air) pass_to(hall_component(f, c.group_hall[gi], "room_air"), kAir);
      if (p.side == Side::liquid && !p.plant && c.group_loop[gi]) pass_to(loop_component(f, *c.group_loop[gi]), kCoolant);
    }
    if (p.cools_loop) g.add_link(loop_component(f, *p.cools_loop), name, LinkType::heat, kCoolant);
    if (p.hall) pass_to(hall_component(f, *p.hall, "room_air"), p.side == Side::room ? kCooledAir : kAir);
    for (const auto& [to, label] : onward) g.add_link(name, to, LinkType::heat, label);
    if (p.plant) g.add_link(name, plant_component(f, *p.plant), LinkType::heat, kWater);
    if (hall) g.describe(name, "", hall_cluster(f, *hall));
  }
}

sim::FacilityGraph connection_graph(const FacilityConfig& f, const FacilityConnections& c) {
  sim::FacilityGraph g;
  add_connections(g, f, c);
  return g;
}

FacilityConnections read_connections(const sim::FacilityGraph& g, const FacilityConfig& f) {
  const Index halls(g, f.halls.size(), [&](std::size_t h) { return hall_component(f, h, "room_air"); });
  const Index crahs(g, f.halls.size(), [&](std::size_t h) { return hall_component(f, h, "crah"); });  // present: their links are read below
  const Index loops(g, f.liquid_loops.size(), [&](std::size_t k) { return loop_component(f, k); });
  const Index plants(g, f.plants.size(), [&](std::size_t p) { return plant_component(f, p); });
  const Index groups(g, f.groups.size(), [&](std::size_t i) { return group_component(f, i); });
  const Index equipment(g, f.equipment.size(), [&](std::size_t e) { return equipment_component(f, e); });
  std::map<std::string, std::size_t> cluster_hall;  // the cluster a hall's racks stand in -> the hall
  for (std::size_t h = 0; h < f.halls.size(); ++h) {
    const std::string& cluster = g.component(hall_component(f, h, "room_air")).cluster;
    if (cluster.empty()) fail(fmt::format("hall '{}' ('{}') has no cluster for its racks to stand in", f.halls[h].name, hall_component(f, h, "room_air")));
    if (!cluster_hall.emplace(cluster, h).second) fail(fmt::format("two halls share the cluster '{}'", cluster));
  }

  FacilityConnections c;
  for (std::size_t h = 0; h < f.halls.size(); ++h) {
    const std::string crah = hall_component(f, h, "crah");
    const auto p = one_of(heat_links(g, crah, true), plants, crah, "plant");
    if (!p) fail(fmt::format("hall '{}' ('{}') has no plant: link it to one (\"{}\")", f.halls[h].name, crah, kChilledWater));
    c.hall_plant.push_back(*p);
  }
  for (std::size_t k = 0; k < f.liquid_loops.size(); ++k) {
    c.loop_plant.push_back(one_of(heat_links(g, loop_component(f, k), true), plants, loop_component(f, k), "plant"));
  }
  // Equipment: the groups whose heat it takes, the plant, hall and loop it connects to.
  for (std::size_t e = 0; e < f.equipment.size(); ++e) {
    const std::string name = equipment_component(f, e);
    EquipmentPorts p;
    const auto in = heat_links(g, name, false), out = heat_links(g, name, true);
    for (const auto& l : in) {
      const auto gi = groups.find(l.other);
      if (!gi || std::find(p.groups.begin(), p.groups.end(), *gi) != p.groups.end()) continue;
      p.groups.push_back(*gi);
      p.side = l.label == kLiquidHeat ? Side::liquid : l.label == kHotAisle ? Side::room : Side::air;
    }
    p.plant = one_of(out, plants, name, "plant");
    p.cools_loop = one_of(in, loops, name, "liquid loop");
    if (p.cools_loop) p.side = Side::liquid;
    // Its own hall: the one its heat goes to when it serves no group's air.
    if (p.groups.empty() || p.side == Side::room) p.hall = one_of(out, halls, name, "hall");
    c.equipment.push_back(std::move(p));
  }
  // Groups: the hall whose cluster they stand in; the loop their cold plates (or the equipment taking
  // their liquid heat) pass it to.
  for (std::size_t i = 0; i < f.groups.size(); ++i) {
    const std::string name = group_component(f, i);
    const auto at = cluster_hall.find(g.component(name).cluster);
    if (at == cluster_hall.end()) fail(fmt::format("rack group '{}' stands in no hall (its cluster is '{}')", name, g.component(name).cluster));
    c.group_hall.push_back(at->second);
    const auto out = heat_links(g, name, true);
    std::optional<std::size_t> loop = one_of(out, loops, name, "liquid loop");
    for (const auto& l : out) {
      const auto e = equipment.find(l.other);
      if (loop || !e || l.label != kLiquidHeat) continue;
      loop = one_of(heat_links(g, l.other, true), loops, l.other, "liquid loop");
    }
    c.group_loop.push_back(f.groups[i].rack.liquid_capture_share > 0 ? loop : std::nullopt);
  }
  return c;
}

}  // namespace dcsim::models
