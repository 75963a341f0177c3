// Small facilities built directly in C++ for the loop and equipment tests: constant weather, a
// dry-cooler plant that runs free, rack groups at full constant load, and channel access.
#pragma once

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <memory>
#include <span>
#include <string>

#include "models/facility.hpp"
#include "models/facility_topology.hpp"
#include "models/liquid_to_air_cdu.hpp"
#include "models/psychrometrics.hpp"

namespace dcsim::test {

using namespace dcsim::models;

// The single-loop form of f's connections: every group in the first hall and, when it has liquid
// heat, on the first loop; every hall and loop on the first plant; equipment with no ports.
inline FacilityConnections single_loop(const FacilityConfig& f) {
  FacilityConnections c;
  for (const auto& g : f.groups) {
    c.group_hall.push_back(0);
    c.group_loop.push_back(g.rack.liquid_capture_share > 0 ? std::optional<std::size_t>(0) : std::nullopt);
  }
  c.hall_plant.assign(f.halls.size(), 0);
  c.loop_plant.assign(f.liquid_loops.size(), std::optional<std::size_t>(0));
  c.equipment.assign(f.equipment.size(), EquipmentPorts{});
  return c;
}

// A facility built in C++: its components (the FacilityConfig it is) and how they connect, in the
// single-loop form but for what the test sets. The facility is assembled from the graph of those
// connections, as from a scenario's.
struct Rig : FacilityConfig {
  std::map<std::size_t, std::size_t> group_hall;                 // group index -> hall
  std::map<std::size_t, std::size_t> group_loop;                 // group index -> loop
  std::map<std::size_t, std::optional<std::size_t>> loop_plant;  // loop -> plant (nullopt: equipment cools it)
  std::vector<EquipmentPorts> ports;                             // per equipment entry

  void add_equipment(EquipmentSpec spec, EquipmentPorts p) {
    equipment.push_back(std::move(spec));
    ports.push_back(std::move(p));
  }
  FacilityConnections connections() const {
    FacilityConnections c = single_loop(*this);
    for (const auto& [g, h] : group_hall) c.group_hall.at(g) = h;
    for (const auto& [g, k] : group_loop) c.group_loop.at(g) = k;
    for (const auto& [k, p] : loop_plant) c.loop_plant.at(k) = p;
    for (std::size_t e = 0; e < ports.size() && e < c.equipment.size(); ++e) c.equipment[e] = ports[e];
    return c;
  }
  sim::FacilityGraph graph() const { return connection_graph(*this, connections()); }
};

inline FacilityResult run(const Rig& f) { return Facility(f, f.graph()).run(); }

// The graph of a facility config in the single-loop form.
inline sim::FacilityGraph single_loop_graph(const FacilityConfig& f) { return connection_graph(f, single_loop(f)); }


// Weather that never changes: two equal records half a day apart, repeating every day.
inline std::shared_ptr<const WeatherSeries> constant_weather(double dry_bulb_c, double dew_point_c) {
  std::vector<WeatherRecord> r = {make_weather_record(0.0, dry_bulb_c, dew_point_c, 101325.0),
                                  make_weather_record(43200.0, dry_bulb_c, dew_point_c, 101325.0)};
  return std::make_shared<WeatherSeries>(SiteInfo{"constant"}, std::move(r), 86400.0);
}

// A dry-cooler plant that runs free in 5 degC air.
inline PlantConfig dry_plant(const std::string& name) {
  PlantConfig p;
  p.name = name;
  DryCoolerParams d;
  d.design_heat_w = 600e3;
  d.unit_count = 2;
  d.design_dry_bulb_c = 35.0;
  d.design_approach_k = 10.0;
  p.params.rejection = {dry_cooler_bank("1", d)};
  p.economizer.rejection_approach_k = d.design_approach_k;
  return p;
}

// `racks` racks at full constant load (idle = peak, no server fans: heat independent of the inlet).
inline RackGroupConfig group(const std::string& name, int racks, double share) {
  RackGroupConfig g;
  g.name = name;
  g.rack.rack_count = racks;
  g.rack.idle_power_w = 10e3;
  g.rack.peak_power_w = 10e3;
  g.rack.fans.power_share = 0.0;
  g.rack.liquid_capture_share = share;
  g.utilization.constant = 1.0;
  return g;
}

inline Rig base(sim::Time length) {
  Rig f;
  f.name = "equipment";
  f.length = length;
  f.record_interval = sim::minutes(10);
  f.weather = constant_weather(5.0, 0.0);
  f.halls[0].unit_count = 4;
  f.halls[0].unit_capacity_w = 100e3;
  f.halls[0].room_volume_m3 = 1000.0;
  // The structure conductance these rigs' limits were set with (a 1000 m3 room's own is 4.9 kW/K).
  f.halls[0].structure_ua_w_per_k = 20e3;
  f.power.transformer.rated_power_w = 1e6;
  f.power.ups.module_rated_power_w = 500e3;
  f.power.ups.modules_required = 1;
  return f;
}

// 8 racks of 10 kW, 80 % to liquid (64 kW) on a loop with no plant, set at loop_set_c, cooled only by
// two 32 kW liquid-to-air radiator units (equipment "l2a", 500 W of fans each) in the hall.
inline Rig liquid_to_air_loop(double loop_set_c) {
  Rig f = base(sim::days(2));
  f.groups.push_back(group("gpu", 8, 0.8));
  f.groups[0].liquid_class = "W45";
  f.liquid_loops.emplace_back();
  f.loop_plant[0] = std::nullopt;
  f.liquid_loops[0].supply_temp_c = loop_set_c;
  f.liquid_loops[0].coolant_volume_m3 = 1.0;
  f.plants.push_back(dry_plant("water"));
  LiquidToAirCduParams p;
  p.units = 2;
  p.unit_capacity_w = 32e3;
  p.fan_power_w = 500.0;
  f.add_equipment({.type = "liquid_to_air_cdu", .name = "l2a", .make = [p] { return std::make_unique<LiquidToAirCdus>(p); }},
                  {.side = EquipmentPorts::Side::liquid, .hall = 0, .cools_loop = 0});
  return f;
}

// Two liquid loops, each on its own dry-cooler plant (the hall on a third): "one" at 32 degC with the
// group "cp" (8 racks, 80 % to liquid), "two" at two_supply_c with the group "imm" (8 racks, imm_share
// to liquid, class W45).
inline Rig two_loops(sim::Time length, double two_supply_c, double imm_share) {
  Rig f = base(length);
  f.groups.push_back(group("cp", 8, 0.8));
  f.groups.push_back(group("imm", 8, imm_share));
  f.group_loop[1] = 1;
  f.groups[1].liquid_class = "W45";
  f.liquid_loops.resize(2);
  f.liquid_loops[0].name = "one";
  f.liquid_loops[0].label = "cooling.liquid_loops[one]";
  f.liquid_loops[0].supply_temp_c = 32.0;
  f.liquid_loops[1].name = "two";
  f.liquid_loops[1].label = "cooling.liquid_loops[two]";
  f.liquid_loops[1].supply_temp_c = two_supply_c;
  for (auto& l : f.liquid_loops) l.coolant_volume_m3 = 2.0;
  f.loop_plant[0] = 2;
  f.loop_plant[1] = 1;
  f.plants.push_back(dry_plant("air"));
  f.plants.push_back(dry_plant("two"));
  f.plants.push_back(dry_plant("one"));
  return f;
}

inline std::span<const double> channel(const FacilityResult& r, const std::string& name) {
  for (std::size_t i = 0; i < r.recorder.channels().size(); ++i) {
    if (r.recorder.channels()[i].name == name) return r.recorder.column(static_cast<sim::ChannelId>(i));
  }
  FAIL("no channel " << name);
  return {};
}

inline double last(const FacilityResult& r, const std::string& name) { return channel(r, name).back(); }

inline double max_abs_diff(std::span<const double> a, std::span<const double> b) {
  REQUIRE(a.size() == b.size());
  double d = 0;
  for (std::size_t i = 0; i < a.size(); ++i) d = std::max(d, std::fabs(a[i] - b[i]));
  return d;
}

// Energy of the shortfall line `name` (a plant, hall, loop or equipment).
inline double shortfall_j(const FacilityResult& r, const std::string& name) {
  for (const auto& s : r.shortfalls) {
    if (s.name == name) return s.energy_j;
  }
  FAIL("no shortfall line " << name);
  return 0;
}

}  // namespace dcsim::test
