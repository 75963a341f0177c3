// Private to the facility model: the state of its parts and the implementation class, shared by
// models/facility_build.cpp (checks, sizing, network wiring, recorder channels),
// models/facility.cpp (solving and accounting; the run loop), models/facility_plants.cpp (the plants'
// solve and accounting), models/facility_failures.cpp
// (failures, redundancy, load steps, the overheat policy and thermal protection) and
// models/facility_sizing.cpp (design load against installed capacity). Not for use elsewhere.
#pragma once

#include <algorithm>
#include <array>
#include <cmath>
#include <functional>
#include <limits>
#include <memory>
#include <string>
#include <vector>

#include <Eigen/Dense>

#include "models/facility.hpp"
#include "models/facility_topology.hpp"
#include "models/flow_step.hpp"
#include "sim/simulator.hpp"
#include "sim/thermal_network.hpp"

namespace dcsim::models {

namespace facility_detail {

constexpr double kAirCp = kAirCpJPerKgK;
constexpr double kAirRho = kAirDensityKgPerM3;
constexpr double kJPerKwh = 3.6e6;

struct GroupState {
  const RackGroupConfig* cfg = nullptr;
  std::size_t hall = 0;               // the hall whose air it takes in
  std::optional<std::size_t> loop;    // the loop its liquid heat reaches (liquid share > 0)
  std::unique_ptr<RackGroup> rack;
  std::unique_ptr<UtilizationProfile> profile;
  const AshraeClass* air_class = nullptr;
  const AshraeClass* liquid_class = nullptr;
  sim::NodeId chip = -1, air_part = -1;
  sim::SourceId chip_src = -1, air_src = -1;
  sim::LinkId cold_plate = -1;
  double cold_plate_ua_w_per_k = 0;
  double utilization = 0;
  RackGroupPower power;
  std::vector<const LoadStep*> steps;  // scheduled utilization overrides, by start
};

struct PlantState {
  const PlantConfig* cfg = nullptr;
  std::unique_ptr<HeatRejectionPlant> plant;
  std::unique_ptr<EconomizerController> controller;
  std::unique_ptr<FluidMachine> pump;
  double design_heat_w = 0;
  double design_flow_kg_s = 0;
  double supply_set_c = 0;       // what its loops ask for
  double supply_c = 0;           // achieved, held over the interval
  EconomizerMode mode = EconomizerMode::mechanical;      // the controller's decision
  EconomizerMode mode_run = EconomizerMode::mechanical;  // what the plant ran (free trimmed by chillers: partial)
  double shortfall_w = 0;        // heat its loops would shed at the set point less what they shed now
  int chillers_running = 0;      // over the last interval
  bool constrained = false;
  std::vector<PlantLoad*> loads;  // the loops it serves: liquid loops first, then halls
  bool pumps_water = false;       // some load needs its loop pumps (not DX units only)
  // Redundancy: units up in each group (-1: all), and the heat the plant can still remove when short.
  std::vector<int> chillers_up;   // per chiller bank
  std::vector<int> rejection_up;  // per tower / dry-cooler bank
  int condenser_pumps_up = -1;
  PlantAvailability available() const { return {chillers_up, rejection_up, condenser_pumps_up}; }
  std::vector<double> reuse_demand_w;  // per heat-reuse stage, at the current solve
  int loop_pumps_up = -1;
  bool loop_stopped = false;  // no loop pump up: the plant's loops get no cooling water
  double removable_w = std::numeric_limits<double>::infinity();
};

// An engine component that hands its events to a function (the overheat watch).
class Callback : public sim::Component {
 public:
  explicit Callback(std::function<void(const sim::Event&)> fn) : fn_(std::move(fn)) {}
  void on_event(sim::Simulator&, const sim::Event& e) override { fn_(e); }

 private:
  std::function<void(const sim::Event&)> fn_;
};

// A failure timeline and where its units sit.
struct FailureGroup {
  const ComponentFailures* spec = nullptr;
  std::unique_ptr<FailureTimeline> timeline;
  sim::ChannelId channel = 0;
  std::size_t equipment_slot = 0;  // equipment_units: index into Impl::equipment_units_
};

// An equipment whose redundancy groups a failure names: its units installed and up, per group.
struct EquipmentUnits {
  std::size_t equipment = 0;
  std::vector<int> count, up;
};

// The overheat watch of one medium: the IT inlet air (cold aisle) or the technology-loop coolant.
struct Overheat {
  enum class State { normal, throttled, off };
  bool present = false;
  bool air = true;
  std::size_t index = 0;  // the hall (air) or liquid loop (coolant) watched
  int equipment = -1;     // >= 0: a watch point of that equipment (Equipment::watch_points), liquid side
  std::size_t point = 0;
  std::vector<std::size_t> groups;  // equipment watch: the groups it holds
  std::string what;
  sim::NodeId node = -1;
  double limit_c = 0;    // allowable maximum
  double restart_c = 0;  // racks return below this
  double trip_c = 0;     // IT thermal protection: racks shut down here whatever the policy
  State state = State::normal;
  sim::Time since = 0;
  double throttle = 1.0;
};

// An engine component that applies an input change at its event and then arms itself for the next
// change (weather records, profile steps, month starts, recorder samples...).
class Driver : public sim::Component {
 public:
  using Action = std::function<void(sim::Time)>;
  using Next = std::function<sim::Time(sim::Time)>;  // first change strictly after t; kTimeMax if none
  Driver(Action action, Next next, sim::EventKind kind, sim::Time end)
      : action_(std::move(action)), next_(std::move(next)), kind_(kind), end_(end) {}
  void on_event(sim::Simulator& s, const sim::Event&) override {
    action_(s.now());
    arm(s);
  }
  void arm(sim::Simulator& s) {
    if (!next_) return;
    const sim::Time t = next_(s.now());
    if (t > s.now() && t <= end_) s.schedule(id, t, kind_);
  }
  sim::ComponentId id = 0;

 private:
  Action action_;
  Next next_;
  sim::EventKind kind_;
  sim::Time end_;
};

inline double mode_code(EconomizerMode m) {
  switch (m) {
    case EconomizerMode::free: return 0;
    case EconomizerMode::partial: return 1;
    case EconomizerMode::mechanical: return 2;
  }
  return 2;
}

}  // namespace facility_detail

using namespace facility_detail;

class Facility::Impl {
 public:
  Impl(const FacilityConfig& cfg, FacilityConnections connections);
  FacilityResult run(const std::function<void(double)>& progress);
  SizingReport sizing() const;
  const sim::ThermalNetwork& network() const { return net_; }

 private:
  void build_network();
  class EquipmentAssembly;
  void size_equipment();
  void size_plants();
  void setup_recorder();
  void resolve(sim::Time now);
  void update_set_points();
  void solve_plants(sim::Time now, bool& any_constrained, double& next_dwell_s);
  void account_plants(sim::Time from, double dt, EnergyLedger& l, bool& any_compressor, bool& any_partial);
  void advance(sim::Time from, sim::Time to);
  void sample(sim::Time now);
  void account_envelope(double dt_s, const Eigen::VectorXd& temps_before, EnergyLedger& l, sim::Time from);
  double plant_return_c(const PlantState& p, double load_w, double flow_kg_s) const;
  double plant_flow_kg_s(const PlantState& p, double load_w) const;
  // Each heat-reuse stage's demand at t, into p.reuse_demand_w.
  void update_reuse_demand(PlantState& p, sim::Time t) const;
  std::string hall_prefix(std::size_t h) const;
  std::string loop_prefix(std::size_t k) const;
  void log(double t_s, std::string kind, std::string component, std::string detail);
  // Failures, load steps and the overheat policy.
  void setup_failures();
  void update_availability(sim::Time now);
  double demand_utilization(const GroupState& g, sim::Time now) const;
  double ups_loss_w(double output_w, double now_s);
  void on_outage_change(std::size_t k, sim::Time t);
  void close_ride_throughs(double t_s, const Overheat& o, double temp_c);
  void on_threshold(sim::Time t);
  void arm_watch();
  double throttle_for(const Overheat& o) const;
  double throttle_scale(const Overheat& o, double budget_w) const;
  bool affects(const Overheat& o, const GroupState& g) const;
  bool watching_needed() const;

  const FacilityConfig& cfg_;
  FacilityConnections conn_;  // how the components connect, as the facility graph gives them
  sim::Calendar calendar_;
  sim::Simulator sim_;
  sim::ThermalNetwork net_;
  std::vector<GroupState> groups_;
  std::vector<PlantState> plants_;
  std::unique_ptr<Transformer> transformer_;
  std::unique_ptr<Ups> ups_;
  std::unique_ptr<GeothermalPlant> geo_;
  std::shared_ptr<const GridIntensity> grid_;
  WeatherRecord weather_;

  // Loops: the halls and the liquid loops, each a PlantLoad on its plant.
  std::vector<std::unique_ptr<AirHall>> halls_;
  std::vector<std::unique_ptr<LiquidLoop>> loops_;
  std::vector<std::unique_ptr<Equipment>> equipment_;
  std::vector<sim::NodeId> air_port_, liquid_port_;  // per group: claimed by equipment (-1: hall / loop)
  Operating operating_;  // the groups' heat now (and what equipment operates at), refreshed each solve
  double design_it_w_ = 0;  // the groups' peak power, set by size_equipment
  std::vector<double> hall_air_w_, hall_flow_heat_w_, hall_it_w_, loop_heat_w_;  // per hall / loop at the last solve
  std::vector<double> hall_share_;  // of the design IT load: the hall's part of the UPS and lighting heat
  std::vector<CoolingShortfall> shortfalls_;            // plants, then halls, then liquid loops
  std::vector<PlantModeTime> mode_time_;
  std::vector<ZoneEnergy> zones_;  // per hall
  double capacity_short_s_ = 0;  // time with a plant or a hall's coils unable to remove their load

  // Electrical, at the interval's start.
  double it_w_ = 0, server_fans_w_ = 0, ups_loss_w_ = 0, pdu_loss_w_ = 0;

  // Failures and overheating.
  std::vector<ComponentFailures> failure_specs_;  // the scenario's, plus the coolant pump outages
  std::vector<FailureGroup> failure_groups_;
  std::vector<int> hall_units_up_, loop_pumps_up_;  // -1: all
  std::vector<EquipmentUnits> equipment_units_;
  int ups_modules_down_ = 0;
  bool ups_bypass_ = false;
  double it_unserved_w_ = 0;
  std::vector<Overheat> overheat_;  // each hall's IT inlet, each liquid loop's coolant, then equipment's watch points
  std::vector<std::size_t> open_rides_;  // indices into result_.ride_throughs
  std::unique_ptr<Callback> watch_;
  sim::ComponentId watch_id_ = 0;
  sim::EventKind kind_rearm_ = 0, kind_threshold_ = 0;
  std::vector<sim::ComponentId> state_drivers_;  // components whose events change the inputs
  sim::ChannelId ch_unserved_ = 0;
  bool track_unserved_ = false;

  // Accounting.
  FacilityResult result_;
  EnergyLedger since_sample_;
  double stored_before_ = 0;
  double balance_in_j_ = 0, balance_out_j_ = 0;
  std::function<void(double)> progress_;
  double next_progress_ = 0;

  // Recorder channels.
  sim::ChannelId ch_dry_bulb_ = 0, ch_wet_bulb_ = 0, ch_it_kw_ = 0, ch_fac_kw_ = 0, ch_cool_kw_ = 0, ch_pue_ = 0,
                 ch_water_ = 0, ch_reuse_ = 0, ch_grid_ = 0, ch_geo_ = 0, ch_co2_ = 0;
  sim::ChannelId ch_unmet_ = 0;
  sim::ChannelId ch_grid_co2_ = 0, ch_geo_co2_ = 0, ch_grid_share_ = 0, ch_geo_share_ = 0;
  std::vector<sim::ChannelId> ch_group_util_, ch_group_kw_, ch_group_chip_, ch_plant_mode_, ch_plant_supply_,
      ch_plant_chillers_;

  // Drivers: one engine component each.
  std::vector<std::unique_ptr<Driver>> drivers_;
  sim::ComponentId control_id_ = 0;
  sim::EventKind kind_control_ = 0;
  Driver& add_driver(Driver::Action action, Driver::Next next, sim::EventKind kind);
};

}  // namespace dcsim::models
