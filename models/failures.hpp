// Failures and maintenance of redundancy groups (N+1, 2N...): CRAH units, pumps, chillers, dry
// coolers or tower cells, UPS modules. A group of n identical units carries its load on the units up;
// what a shortfall does to temperatures is the facility's business (models/facility.hpp).
//
// Random failures: each unit is an alternating renewal process started "up" at t = 0 (Birolini,
// "Reliability Engineering", 7th ed., ch. 6): times to failure are Weibull with shape k_f and mean
// MTBF, repair times Weibull with shape k_r and mean MTTR (k = 1: exponential). Each variate comes by
// inverse CDF, t = lambda (-ln(1 - u))^(1/k) with lambda = mean / Gamma(1 + 1/k), from u = 53 random
// bits of a std::mt19937_64 seeded per unit by SplitMix64 over (scenario seed, component name, unit
// index): units and components draw independent streams, and adding a component does not move the
// failures of another. Long-run unavailability of a unit is MTTR / (MTBF + MTTR).
// Scheduled outages (the scenario's `events`): `units` units out of [start, start + duration), as a
// failure or as maintenance. Units down at t = min(n, random units down + scheduled units out): a
// scheduled outage takes units other than those already failed, up to the whole group.
// The whole timeline of [0, horizon) is drawn at construction: deterministic for a seed.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "sim/time.hpp"

namespace dcsim::models {

enum class OutageKind { failure, maintenance };
std::string_view to_string(OutageKind k);

struct RandomFailureParams {
  double mtbf_s = 0.0;          // mean time between failures of one unit, > 0
  double mttr_s = 0.0;          // mean time to repair, > 0
  double failure_shape = 1.0;   // Weibull k of the time to failure (1: exponential), [0.1, 20]
  double repair_shape = 1.0;    // Weibull k of the repair time (1: exponential), [0.1, 20]
};

struct ScheduledOutage {
  sim::Time start = 0;
  sim::Time duration = sim::kTimeMax;  // kTimeMax: to the end of the period
  int units = 1;
  OutageKind kind = OutageKind::maintenance;
  std::string note;  // from the scenario (e.g. "annual coil cleaning"), for the events log
};

struct UnitOutage {
  sim::Time start = 0;
  sim::Time end = 0;  // exclusive: back in service at `end`
  int units = 1;
  int unit = -1;      // the unit of a random failure; -1 for a scheduled outage
  OutageKind kind = OutageKind::failure;
  std::string note;
};

// Where a group of units sits in the facility.
enum class FailureTarget {
  air_units,        // cooling.air.units, cooling.halls[NAME].units: CRAH/CRAC units (coil capacity and fans)
  liquid_pumps,     // cooling.liquid.pump, cooling.liquid_loops[NAME].pump: coolant (technology loop) pumps
  plant_pumps,      // cooling.plants[name].pump: facility water loop pumps
  plant_chillers,   // cooling.plants[name].chillers (several banks: .chillers[BANK])
  plant_rejection,  // cooling.plants[name].dry_coolers or .towers (several banks: .towers[BANK])
  plant_condenser_pumps,  // cooling.plants[name].condenser_pumps: rejection water pumps
  ups_modules,      // power.ups: UPS modules
  equipment_units,  // cooling.equipment[NAME].KEY: a redundancy group an equipment declares (Equipment::unit_groups)
};
// True for the groups whose loss can heat the IT (everything but the UPS).
bool is_cooling(FailureTarget t);

// One redundancy group that may fail: its random failure process and its scheduled outages.
struct ComponentFailures {
  std::string name;  // key path as written in the scenario: "cooling.plants[chilled-water].chillers"
  FailureTarget target = FailureTarget::air_units;
  std::size_t plant = 0;  // index into FacilityConfig::plants for the plant_* targets
  std::optional<RandomFailureParams> random;
  std::vector<ScheduledOutage> scheduled;
  std::size_t loop = 0;   // index into FacilityConfig::halls (air_units) or ::liquid_loops (liquid_pumps)
  std::size_t bank = 0;   // plant_chillers, plant_rejection: index into the plant's chillers or rejection banks
  std::size_t equipment = 0;   // equipment_units: index into FacilityConfig::equipment
  std::size_t unit_group = 0;  // equipment_units: index into that equipment's unit_groups()
};

// A scheduled change of a rack group's utilization (event kind load_step).
struct LoadStep {
  std::size_t group = 0;
  sim::Time start = 0;
  sim::Time end = sim::kTimeMax;  // back to the group's profile at `end`
  double utilization = 0.0;       // [0, 1]
};

// What the facility does when an IT inlet (air) or the coolant (liquid) reaches its allowable limit.
//   alarm    : nothing but the events log (the excursion is counted in the envelope hours);
//   throttle : the utilization of the groups on that medium is scaled so that their heat matches the
//              cooling the failed system still has; if the temperature still rises to the limit plus
//              `throttle_margin_k`, the racks shut down;
//   shutdown : the racks of those groups switch off at the limit (IT energy not served is counted).
// Racks return when the temperature is back `restart_margin_k` below the limit and at least
// `restart_delay` after they went down.
enum class OverheatAction { alarm, throttle, shutdown };
std::string_view to_string(OverheatAction a);
struct OverheatPolicy {
  OverheatAction action = OverheatAction::alarm;
  sim::Time restart_delay = sim::hours(1);
  double throttle_margin_k = 2.0;
  double restart_margin_k = 3.0;
  // IT thermal protection, whatever the action: racks shut down when the IT inlet (or the coolant)
  // reaches its allowable limit plus this margin (docs/failures.md, "Thermal protection").
  double protection_margin_k = 5.0;
};

// Ride-through of one cooling failure: time from the failure to the first IT inlet (or coolant)
// reaching its allowable limit; limit_s is absent when the failure was repaired before.
struct RideThrough {
  std::string component;
  double failure_s = 0.0;
  std::optional<double> limit_s;
  std::optional<double> seconds() const {
    return limit_s ? std::optional<double>(*limit_s - failure_s) : std::nullopt;
  }
};

// SplitMix64 finalizer (Steele, Lea & Flood 2014): a seed per (scenario seed, component, unit).
std::uint64_t component_seed(std::uint64_t scenario_seed, std::string_view component, int unit);

// Outages [start, end) of one unit over [0, horizon): the alternating renewal process above.
std::vector<std::pair<sim::Time, sim::Time>> draw_unit_outages(const RandomFailureParams& p,
                                                               std::uint64_t seed, sim::Time horizon);

// The most random outages one component may have over a period (each is two engine events).
inline constexpr double kMaxRandomOutages = 1e5;

class FailureTimeline {
 public:
  // A change of availability: what started or ended at `at`.
  struct Transition {
    sim::Time at = 0;
    bool starts = true;       // an outage starts (failure, maintenance) or ends (repair, back)
    std::size_t outage = 0;   // index into outages()
  };

  // Throws ParameterError on bad parameters (unit count < 1, scheduled units out of [1, n], bad
  // random-failure parameters, more than 1e7 expected failures over the horizon).
  FailureTimeline(const ComponentFailures& spec, int unit_count, std::uint64_t scenario_seed,
                  sim::Time horizon);

  const std::string& name() const { return name_; }
  int unit_count() const { return unit_count_; }
  int units_down_at(sim::Time t) const;
  int units_up_at(sim::Time t) const { return unit_count_ - units_down_at(t); }
  // The next time after t at which the number of units down may change; kTimeMax if never.
  sim::Time next_change_after(sim::Time t) const;
  // Every outage, sorted by start (then unit).
  const std::vector<UnitOutage>& outages() const { return outages_; }
  // Outages that start or end exactly at t.
  std::span<const Transition> transitions_at(sim::Time t) const;

 private:
  std::string name_;
  int unit_count_;
  std::vector<UnitOutage> outages_;
  std::vector<Transition> transitions_;                   // sorted by time
  std::vector<std::pair<sim::Time, int>> steps_;          // (from, units down), sorted, distinct times
};

}  // namespace dcsim::models
