// A whole facility in time: rack groups, the liquid and air loops, the heat-rejection plants, the
// electrical chain and the power supply, coupled through one exact thermal network (sim/).
//
// Thermal network (docs/models.md, sec. 3 "The coupled facility"), assembled from its loops:
// Assembled from the facility graph (models/facility_topology.hpp):
//   each hall (models/air_hall.hpp) adds its CRAH supply boundary, aisles and structure; each liquid
//   loop (models/liquid_loop.hpp) its CDU supply boundary and coolant node; each rack group g with
//   liquid share f a chip node (capacity f C_g) receiving f P_g and coupled to its loop's coolant by
//   UA_cp, and an air-side node ((1 - f) C_g) receiving (1 - f) P_g and coupled to its hall's hot
//   aisle by UA_air. UPS, PDU and lighting heat go into the halls (PDU with the hall's IT power, UPS
//   and lighting by the halls' shares of the design IT load).
// Plants serve their loops through heat ports (models/plant_load.hpp): a plant's water supply set
//   point is the coldest its loops ask for; what they bring at a supply T follows from their return
//   state now.
// Between two events all inputs are constant; the network advances exactly, and the heat each
// boundary took out of the network over the interval (exact integral) is what that loop's plant
// removed. Plant powers are quasi-steady, evaluated at the interval's mean load.
//
// Components (one engine timer each): weather records, utilization profile changes, grid-intensity
// changes, geothermal availability changes, failures and repairs, month boundaries, recorder samples,
// and a controller that re-solves the plants while something is constrained or an economizer's dwell
// time runs out.
// Supply temperature reset (optional, per hall and loop, models/supply_reset.hpp) at each weather record.
// Failures (docs/failures.md): each redundancy group that may fail has a timeline (models/failures.hpp)
// driven by a component of its own; the survivors carry the load (fans and pumps through
// FluidMachine::operate(units_up), chillers and heat rejection through PlantAvailability, CRAH coil
// capacity in proportion to the units up, UPS modules sharing the load). Coolant pump outages
// (LiquidLoopConfig::pump_outages) are scheduled outages of the `cooling.liquid.pump` group. With no
// coolant pump up the coolant stands still: no flow to the CDU and no forced convection in the cold
// plates, so the chip nodes are cut from the coolant (UA_cp = 0) and rise at dT/dt = Q_liquid / C_chip.
// An overheat watch schedules an engine event at the exact time the IT inlet (or a chip/coolant node)
// reaches its allowable limit, from ThermalNetwork::first_crossing over the interval to the next state
// change, and applies the policy.
#pragma once

#include <algorithm>
#include <array>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "models/air_hall.hpp"
#include "models/ashrae_class.hpp"
#include "models/economizer_control.hpp"
#include "models/energy_ledger.hpp"
#include "models/equipment.hpp"
#include "models/failures.hpp"
#include "models/fluid_machine.hpp"
#include "models/geothermal_plant.hpp"
#include "models/grid_intensity.hpp"
#include "models/heat_rejection_plant.hpp"
#include "models/it_power.hpp"
#include "models/liquid_loop.hpp"
#include "models/sizing.hpp"
#include "models/transformer.hpp"
#include "models/ups.hpp"
#include "models/utilization_profile.hpp"
#include "models/weather.hpp"
#include "sim/recorder.hpp"
#include "sim/time.hpp"

namespace dcsim::sim {
class FacilityGraph;
class ThermalNetwork;
}

namespace dcsim::models {

struct RackGroupConfig {
  std::string name;
  RackGroupParams rack;
  UtilizationProfileParams utilization;
  std::string air_class = "A1";
  std::string liquid_class = "W32";
  double cold_plate_delta_t_k = 15.0;  // chip node above coolant at design liquid heat (sets UA_cp)
  double air_side_delta_t_k = 10.0;    // air-side parts above hot aisle at design air heat (sets UA_air)
};

// District heating demand on one heat-reuse stage.
struct ReuseDemand {
  std::string stage;  // the stage's name (its number, 1 first, unless the scenario names it)
  double constant_w = 0.0;
  std::optional<std::array<double, 12>> monthly_w;  // or by calendar month, January first
};

struct PlantConfig {
  std::string name;
  HeatRejectionPlantParams params;
  EconomizerParams economizer;
  bool waterside_economizer = true;  // free cooling through the plant's towers or dry coolers
  double delta_t_k = 6.0;            // loop water design range (sets the loop flow)
  double min_flow_fraction = 0.3;
  FluidMachineParams pump = kLoopPumpDefaults;  // loop (primary) pumps; design flow 0: sized from design heat
  double design_heat_w = 0.0;        // 0: the heat its loops can bring at design
  std::vector<ReuseDemand> reuse_demand;  // one per params.heat_reuse stage
};

struct PowerConfig {
  TransformerParams transformer;
  UpsParams ups;
  double pdu_loss_fraction = 0.01;   // of IT power
  double lighting_w = 0.0;
};

struct SupplyConfig {
  double grid_intensity_g_per_kwh = 0.0;  // used when `grid` is empty
  std::shared_ptr<const GridIntensity> grid;
  std::string grid_description;
  std::optional<GeothermalPlantParams> geothermal;
};

struct FacilityConfig {
  std::string name;
  sim::CivilDate start{2025, 1, 1};
  sim::Time length = sim::days(365);
  sim::Time record_interval = sim::minutes(15);
  bool keep_timeseries = true;  // false: the recorder checks but keeps no rows (sweep cases, summaries only)
  std::uint64_t seed = 1;
  std::shared_ptr<const WeatherSeries> weather;
  std::vector<RackGroupConfig> groups;
  // Air-cooled halls, each with its own units, set point and containment (at least one), and the
  // technology cooling loops (none, one, or several at different supply temperatures).
  std::vector<AirLoopConfig> halls{AirLoopConfig{}};
  std::vector<LiquidLoopConfig> liquid_loops;
  // Equipment on ports (rear doors, immersion tanks, ...: models/equipment.hpp), in scenario order.
  std::vector<EquipmentSpec> equipment;
  std::vector<PlantConfig> plants;
  PowerConfig power;
  SupplyConfig supply;
  sim::Time control_interval = sim::minutes(1);
  // Failures, maintenance and load steps (models/failures.hpp); the policy on overheating.
  std::vector<ComponentFailures> failures;
  std::vector<LoadStep> load_steps;
  OverheatPolicy policy;
};

// Cooling short of a set point, for one plant or one loop: the heat it would have removed holding its
// supply set point less what it removed (evaluated at each plant solve, held over the interval).
struct CoolingShortfall {
  std::string name;       // "plant.NAME", then each hall's and loop's key path ("cooling.air", "cooling.liquid")
  double energy_j = 0;
  double seconds = 0;     // time short
  double peak_w = 0;
};

// Time a plant ran in each economizer mode (what it ran: free cooling trimmed by chillers is partial).
struct PlantModeTime {
  std::string name;
  double free_s = 0, partial_s = 0, mechanical_s = 0;
};

// A Green Grid zone (The Green Grid WP #49, partial PUE): each hall's white space, with the IT of the
// groups that stand in it and the infrastructure inside its walls: its CRAH/CRAC fans, its airside
// economizer's secondary fans and steam humidifiers, the cooling equipment in it (in-row coolers, rear doors, CDU fans,
// tank pumps; equipment on racks of several halls split by the groups' IT now) and its electrical heat sources (PDU losses, its share of an indoor UPS and of the
// lighting). Plants, loop pumps, transformers and outdoor UPS are outside it.
//   pPUE_zone = (E_IT + E_cooling,zone + E_electrical,zone) / E_IT
struct ZoneEnergy {
  std::string name;          // the hall's name
  double it_j = 0;           // IT input of the groups in the hall
  double cooling_j = 0;      // fans and pumps of the cooling inside the hall
  double electrical_j = 0;   // PDU losses, indoor UPS and lighting shares
  double total_j() const { return it_j + cooling_j + electrical_j; }
};

struct RunStatistics {
  std::uint64_t events = 0;
  std::vector<std::pair<std::string, std::uint64_t>> events_by_kind;
  std::uint64_t intervals = 0;
};

struct FacilityResult {
  EnergyLedger total;
  std::vector<EnergyLedger> months;
  sim::Recorder recorder;
  RunStatistics stats;
  double heat_balance_residual_j = 0;  // (sources + electrical heat) - (removed + stored change)
  std::vector<std::string> warnings;
  std::vector<RideThrough> ride_throughs;  // one per cooling failure, in time order
  std::uint64_t failures = 0;              // failure and maintenance outages started
  std::vector<CoolingShortfall> shortfalls;  // each plant, then each hall (cooling.air), then each liquid loop (cooling.liquid)
  std::vector<PlantModeTime> plant_modes;    // each plant
  std::vector<ZoneEnergy> zones;             // each hall, as a Green Grid zone
  std::uint64_t protection_trips = 0;        // IT thermal protection shutdowns (policy.protection_margin)
};

class Facility {
 public:
  // The components are the config's; how they connect (which hall each group stands in, which plant
  // cools each loop, what each piece of equipment serves) is the graph's (models/facility_topology.hpp):
  // what `dcsim graph` draws is what runs. Throws ParameterError when the graph lacks a connection.
  Facility(FacilityConfig config, const sim::FacilityGraph& graph);
  ~Facility();
  Facility(const Facility&) = delete;
  Facility& operator=(const Facility&) = delete;

  // Runs the whole period. `progress` (optional) is called with the fraction done, at most ~100 times.
  FacilityResult run(const std::function<void(double)>& progress = {});

  const FacilityConfig& config() const { return config_; }
  // Installed capacity against the design load at the weather's 0.4 % condition (models/sizing.hpp).
  SizingReport sizing() const;
  // The thermal network as assembled (before the run: nodes at their initial temperatures).
  const sim::ThermalNetwork& network() const;

 private:
  class Impl;
  FacilityConfig config_;
  std::unique_ptr<Impl> impl_;
};

}  // namespace dcsim::models
