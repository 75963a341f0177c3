// Geothermal power plant supplying the facility: capacity, lifecycle emission factor, availability.
//   Electric output available: P_geo(t) = capacity_w if the plant is up at t, else 0
//   Emissions of energy E from it: m = E[kWh] * f_geo; f_geo defaults to 38 gCO2e/kWh, the IPCC AR5
//   lifecycle median for geothermal (WGIII Annex III, Schloemer et al. 2014; range 6-79); preset
//   "hellisheidi" 19.5 g/kWh, midpoint of 15-24 g/kWh found for the Hellisheidi double-flash CHP
//   plant (Paulillo et al., Environment International 2019).
// Availability: scheduled outages (start, duration) plus random outages from an alternating renewal
// process started "up" at t = 0: times to failure are Weibull with shape k and mean MTBF
//   (scale lambda = MTBF / Gamma(1 + 1/k); k = 1 is the exponential), repair times exponential with
//   mean MTTR, both by inverse CDF, t = lambda (-ln(1 - u))^(1/k), from u = 53 random bits of a
//   std::mt19937_64 seeded with `seed`. The failure clock runs on calendar time, independent of the
//   scheduled outages; overlapping or touching outages merge. Long-run availability is
//   MTBF / (MTBF + MTTR).
// The whole outage timeline of [0, horizon) is drawn at construction: deterministic for a seed.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "sim/time.hpp"

namespace dcsim::models {

inline constexpr double kGeothermalIpccAr5MedianGPerKwh = 38.0;

struct EmissionFactorPreset {
  std::string_view name;
  double g_per_kwh;      // the value used
  double low_g_per_kwh;  // published range
  double high_g_per_kwh;
  std::string_view source;
};
// "ipcc_ar5_median" or "hellisheidi"; an unknown name throws ParameterError listing the valid ones.
const EmissionFactorPreset& geothermal_emission_preset(std::string_view name);

struct ScheduledGeothermalOutage {
  sim::Time start = 0;
  sim::Time duration = 0;
};

struct GeothermalPlantParams {
  double capacity_w = 0;                                               // required, > 0
  double emission_factor_g_per_kwh = kGeothermalIpccAr5MedianGPerKwh;  // lifecycle, >= 0
  double heat_output_w = 0;  // heat offered while up (district heating), >= 0
  std::vector<ScheduledGeothermalOutage> scheduled_outages;
  double mtbf_s = 0;                 // mean time between failures; 0 = no random outages
  double mttr_s = 0;                 // mean time to repair; > 0 when mtbf_s > 0
  double failure_weibull_shape = 1;  // k of the time to failure; 1 = exponential
  std::uint64_t seed = 1;
};

enum class GeothermalOutageCause { scheduled, random, combined };

struct GeothermalOutage {
  sim::Time start = 0;
  sim::Time end = 0;  // exclusive: the plant is back at `end`
  GeothermalOutageCause cause = GeothermalOutageCause::scheduled;
};

class GeothermalPlant {
 public:
  // Draws the random outages of [0, horizon).
  GeothermalPlant(GeothermalPlantParams params, sim::Time horizon);

  bool available_at(sim::Time t) const;
  // The next time after t at which availability flips; kTimeMax if never.
  sim::Time next_change_after(sim::Time t) const;
  double available_capacity_w(sim::Time t) const {
    return available_at(t) ? params_.capacity_w : 0.0;
  }
  double heat_output_w(sim::Time t) const { return available_at(t) ? params_.heat_output_w : 0.0; }
  // Fraction of [from, to) during which the plant is up.
  double availability(sim::Time from, sim::Time to) const;

  // Disjoint, sorted by start.
  const std::vector<GeothermalOutage>& outages() const { return outages_; }
  const GeothermalPlantParams& params() const { return params_; }
  double capacity_w() const { return params_.capacity_w; }
  double emission_factor_g_per_kwh() const { return params_.emission_factor_g_per_kwh; }

 private:
  // Index of the last outage starting at or before t, or -1.
  std::ptrdiff_t last_started(sim::Time t) const;

  GeothermalPlantParams params_;
  std::vector<GeothermalOutage> outages_;
};

}  // namespace dcsim::models
