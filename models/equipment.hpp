// Equipment on ports: a piece of cooling equipment the facility assembles without knowing its kind
// (rear-door heat exchangers, immersion tanks, ...). Each type is one class deriving from Equipment
// and one registration in the scenario loader (app/cooling_equipment.cpp); the facility core
// (models/facility*.cpp) only calls this interface (docs/extending.md).
//
// Life of an equipment in a run:
//   build(Assembly&)        once: add its nodes, links, sources and boundaries to the network, and
//                           claim the heat ports of the rack groups it serves (Assembly::ports(), as
//                           the facility graph connects it: models/facility_topology.hpp; their air-side
//                           or liquid heat goes instead of the hall's hot aisle or the loop's coolant);
//   operate_air(Operating&) at each solve, before the halls: the air it moves through a hall;
//   operate(Operating&)     at each solve, after the halls, before the plants: flows, fans, pumps at
//                           the heat it gets;
//   plant_load()/apply_water  when it is cooled by a plant's water (its ports' plant): a PlantLoad, then
//                           the plant's supply for the next interval;
//   account(EnergyLedger&)  after each interval: the electricity it used (its heat is in the network);
//   add_channels/record     its recorder channels.
// Redundancy: unit_groups() declares the groups of identical units that may fail (in-row units, door
// fans, tank pumps...), known from its parameters at construction; the scenario names each one
// `NAME.KEY` (cooling.equipment[rows].units) in `events` and `reliability`, and at each solve, before
// operate_air, the facility says how many of its units are up (set_units_up). The facility core knows
// no more of them than this (docs/failures.md, "Equipment").
#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "models/energy_ledger.hpp"
#include "models/it_power.hpp"
#include "models/plant_load.hpp"
#include "sim/recorder.hpp"
#include "sim/thermal_network.hpp"

namespace dcsim::models {

class AirHall;
class LiquidLoop;

// Where an equipment sits: the rack groups it serves and on which of their sides (air: their exhaust,
// which then returns to the hall; liquid: their liquid heat, which it passes to their loop unless a
// plant's water cools it; room: it works on their hall's air), the plant whose water cools it, the
// hall whose air takes its heat, and the loop it cools instead of a plant. The facility reads them
// from the facility graph (models/facility_topology.hpp) and gives them to build().
struct EquipmentPorts {
  enum class Side { air, liquid, room } side = Side::air;
  std::vector<std::size_t> groups = {};  // indices of FacilityConfig::groups, in scenario order
  std::optional<std::size_t> plant = std::nullopt;
  std::optional<std::size_t> hall = std::nullopt;
  std::optional<std::size_t> cools_loop = std::nullopt;
  bool operator==(const EquipmentPorts&) const = default;
};

// What the facility offers an equipment at assembly.
class Assembly {
 public:
  virtual ~Assembly() = default;
  virtual sim::ThermalNetwork& network() = 0;
  // Rack groups (indices of FacilityConfig::groups) and their design.
  virtual std::size_t group_count() const = 0;
  virtual const std::string& group_name(std::size_t g) const = 0;
  virtual double group_design_air_w(std::size_t g) const = 0;     // peak heat to air, all racks
  virtual double group_design_liquid_w(std::size_t g) const = 0;  // peak heat to liquid, all racks
  virtual int group_racks(std::size_t g) const = 0;
  virtual const RackGroupParams& group_params(std::size_t g) const = 0;
  virtual std::size_t group_hall(std::size_t g) const = 0;
  virtual AirHall& hall(std::size_t h) = 0;
  virtual LiquidLoop& loop(std::size_t k) = 0;
  virtual std::optional<std::size_t> loop_of(std::size_t g) const = 0;  // none: no liquid heat
  virtual bool loop_has_plant(std::size_t k) const = 0;  // a plant's water cools loop k (else equipment does)
  // Where the equipment being built sits (read from the facility graph).
  virtual const EquipmentPorts& ports() const = 0;
  // Heat ports: a group's air-side node couples to `node` instead of its hall's hot aisle; its chip
  // node to `node` instead of its loop's coolant (by the group's own UA). One claim per port.
  virtual void claim_air_port(std::size_t g, sim::NodeId node) = 0;
  virtual void claim_liquid_port(std::size_t g, sim::NodeId node) = 0;
};

// A redundancy group of an equipment: `count` identical units, named "<equipment name>.<key>".
struct UnitGroup {
  std::string key;   // "units", "fans", "pumps"
  int count = 0;     // units installed, >= 1
  std::string what;  // what one unit is, for the docs and messages: "in-row cooling unit"
};

// A temperature of the equipment the facility's overheat watch holds against a limit (a tank's bath):
// the overheat policy and the thermal protection act on the liquid side of the groups it names, as
// for a loop's coolant.
struct WatchPoint {
  std::string what;                 // for the events log: "tanks.gpu.bath"
  sim::NodeId node = -1;
  double limit_c = 0;               // allowable maximum
  std::vector<std::size_t> groups;  // rack groups whose liquid heat goes there
  std::size_t point = 0;            // its index for watch_capacity_w
};

// The state at a solve, for operate().
struct Operating {
  std::vector<double> group_air_w;     // heat each group gives its air side now
  std::vector<double> group_liquid_w;  // heat each group gives its liquid side now
  std::vector<double> group_flow_heat_w;  // each group's server air flow, as the air heat it carries at its hall's design rise
  std::vector<double> group_flow_kg_s;  // server air flow of each group now
  std::vector<char> plant_stopped;      // per plant: no loop pump up, its loads get no water
};

class Equipment {
 public:
  virtual ~Equipment() = default;
  virtual const std::string& name() const = 0;   // as in the scenario: "cooling.equipment[NAME]"
  virtual const char* type() const = 0;          // "rear_door", "immersion_tank", ...

  virtual void build(Assembly& a) = 0;
  virtual void add_channels(sim::Recorder&) {}
  // Before the halls balance their aisles: the air it moves through a hall (AirHall::set_air_path_flow).
  virtual void operate_air(const Operating&) {}
  virtual void operate(const Operating&) {}
  // When a plant's water cools it: the load it puts on that plant (nullptr: none).
  virtual PlantLoad* plant_load() { return nullptr; }
  virtual void apply_water(double /*water_c*/) {}
  virtual void account(EnergyLedger& /*l*/, double /*dt_s*/) const {}
  virtual void record(sim::Recorder&) const {}
  // Equipment that can fall short of its own duty (a liquid-to-air CDU holding its loop's set point)
  // reports the heat it would shed at its set point less what it sheds now, against its design heat.
  virtual bool reports_shortfall() const { return false; }
  // At a capacity limit held from the last solve: the facility re-solves every control interval
  // while any equipment (or plant, or hall) is, so that the limit follows the temperatures.
  virtual bool constrained() const { return false; }
  virtual double shortfall_w() const { return 0.0; }
  virtual double design_heat_w() const { return 0.0; }
  // Redundancy groups that may fail (none by default), and the units of group `group` up from now on
  // (0..count; count is the state it starts in). Called before operate_air at each solve.
  virtual std::vector<UnitGroup> unit_groups() const { return {}; }
  virtual void set_units_up(std::size_t /*group*/, int /*up*/) {}
  // Equipment that cools a liquid loop instead of a plant (a liquid-to-air CDU): the heat it can take
  // from loop `loop` with the loop's coolant at coolant_c, at the current conditions and units up, in
  // steady state (the throttle policy sizes the IT load to it). nullopt: it does not cool that loop.
  virtual std::optional<double> loop_capacity_w(std::size_t /*loop*/, double /*coolant_c*/) const { return std::nullopt; }
  // Temperatures of its own the overheat watch holds (after build), and the heat the groups of point
  // `point` may give in steady state with it at temp_c (the throttle; nullopt: unknown, no throttle).
  virtual std::vector<WatchPoint> watch_points() const { return {}; }
  virtual std::optional<double> watch_capacity_w(std::size_t /*point*/, double /*temp_c*/) const { return std::nullopt; }
};

// A scenario's equipment entry: what it is and how to make it (FacilityConfig stays copyable). Its
// connections are in the facility graph.
struct EquipmentSpec {
  std::string type;
  std::string name;
  std::function<std::unique_ptr<Equipment>()> make;
};

}  // namespace dcsim::models
