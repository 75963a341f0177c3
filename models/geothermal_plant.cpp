#include "models/geothermal_plant.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <random>

#include "models/failures.hpp"
#include "sim/check.hpp"

namespace dcsim::models {

namespace {

constexpr std::array<EmissionFactorPreset, 2> kPresets = {{
    {"ipcc_ar5_median", 38.0, 6.0, 79.0,
     "IPCC AR5 WGIII Annex III (Schloemer et al. 2014), lifecycle median for geothermal"},
    {"hellisheidi", 19.5, 15.0, 24.0,
     "Paulillo et al., Environment International 2019: Hellisheidi double-flash CHP, "
     "15-24 gCO2e/kWh; midpoint used"},
}};

// Uniform on [0, 1) from the top 53 bits; 1 - u lies in (0, 1], so its logarithm is finite.
double uniform01(std::mt19937_64& rng) { return static_cast<double>(rng() >> 11) * 0x1.0p-53; }

// Inverse CDF of the Weibull distribution with the given mean and shape (shape 1: exponential).
double weibull_with_mean(std::mt19937_64& rng, double mean, double shape) {
  const double scale = mean / std::tgamma(1.0 + 1.0 / shape);
  const double e = -std::log1p(-uniform01(rng));
  return scale * (shape == 1.0 ? e : std::pow(e, 1.0 / shape));
}

}  // namespace

const EmissionFactorPreset& geothermal_emission_preset(std::string_view name) {
  for (const auto& p : kPresets) {
    if (p.name == name) return p;
  }
  require(false, "emission_factor", "preset '{}' is unknown (valid: ipcc_ar5_median, hellisheidi)",
          name);
  return kPresets[0];
}

GeothermalPlant::GeothermalPlant(GeothermalPlantParams params, sim::Time horizon)
    : params_(std::move(params)) {
  const auto& p = params_;
  require(std::isfinite(p.capacity_w) && p.capacity_w > 0, "capacity_w", "must be > 0 W (got {})",
          p.capacity_w);
  require(std::isfinite(p.emission_factor_g_per_kwh) && p.emission_factor_g_per_kwh >= 0,
          "emission_factor_g_per_kwh", "must be >= 0 gCO2e/kWh (got {})",
          p.emission_factor_g_per_kwh);
  require(std::isfinite(p.heat_output_w) && p.heat_output_w >= 0, "heat_output_w",
          "must be >= 0 W (got {})", p.heat_output_w);
  require(std::isfinite(p.mtbf_s) && p.mtbf_s >= 0, "mtbf_s", "must be >= 0 s, 0 for none (got {})",
          p.mtbf_s);
  require(std::isfinite(p.failure_weibull_shape) && p.failure_weibull_shape >= 0.1 &&
              p.failure_weibull_shape <= 20,
          "failure_weibull_shape", "must be in [0.1, 20] (got {})", p.failure_weibull_shape);
  require(horizon >= 0, "horizon", "must be >= 0 (got {} s)", sim::to_seconds(horizon));
  for (std::size_t i = 0; i < p.scheduled_outages.size(); ++i) {
    require(p.scheduled_outages[i].duration > 0, "scheduled_outages",
            "[{}] duration must be > 0 (got {} s)", i,
            sim::to_seconds(p.scheduled_outages[i].duration));
  }

  std::vector<GeothermalOutage> raw;
  for (const auto& s : p.scheduled_outages)
    raw.push_back({s.start, s.start + s.duration, GeothermalOutageCause::scheduled});
  if (p.mtbf_s > 0) {
    require(std::isfinite(p.mttr_s) && p.mttr_s > 0, "mttr_s",
            "must be > 0 s when mtbf_s is set (got {})", p.mttr_s);
    const double cycles = sim::to_seconds(horizon) / (p.mtbf_s + p.mttr_s);
    require(cycles <= kMaxRandomOutages, "mtbf_s",
            "is too short for the period: with mtbf {:g} h and mttr {:g} h the supply would fail about {:.3g} times, more "
            "than the {:g} outages simulated; give the mean times of a real plant",
            p.mtbf_s / 3600.0, p.mttr_s / 3600.0, cycles, kMaxRandomOutages);
    std::mt19937_64 rng(p.seed);
    sim::Time t = 0;
    while (true) {
      const sim::Time fail_at =
          t + sim::from_seconds(weibull_with_mean(rng, p.mtbf_s, p.failure_weibull_shape));
      if (fail_at >= horizon) break;
      const sim::Time down =
          std::max<sim::Time>(1, sim::from_seconds(weibull_with_mean(rng, p.mttr_s, 1.0)));
      raw.push_back({fail_at, fail_at + down, GeothermalOutageCause::random});
      t = fail_at + down;
    }
  }
  std::stable_sort(
      raw.begin(), raw.end(),
      [](const GeothermalOutage& a, const GeothermalOutage& b) { return a.start < b.start; });
  for (const GeothermalOutage& o : raw) {
    if (!outages_.empty() && o.start <= outages_.back().end) {
      GeothermalOutage& last = outages_.back();
      last.end = std::max(last.end, o.end);
      if (last.cause != o.cause) last.cause = GeothermalOutageCause::combined;
    } else {
      outages_.push_back(o);
    }
  }
}

std::ptrdiff_t GeothermalPlant::last_started(sim::Time t) const {
  const auto it =
      std::upper_bound(outages_.begin(), outages_.end(), t,
                       [](sim::Time v, const GeothermalOutage& o) { return v < o.start; });
  return (it - outages_.begin()) - 1;
}

bool GeothermalPlant::available_at(sim::Time t) const {
  const std::ptrdiff_t i = last_started(t);
  return i < 0 || t >= outages_[static_cast<std::size_t>(i)].end;
}

sim::Time GeothermalPlant::next_change_after(sim::Time t) const {
  const std::ptrdiff_t i = last_started(t);
  if (i >= 0 && t < outages_[static_cast<std::size_t>(i)].end)
    return outages_[static_cast<std::size_t>(i)].end;
  const std::size_t next = static_cast<std::size_t>(i + 1);
  return next < outages_.size() ? outages_[next].start : sim::kTimeMax;
}

double GeothermalPlant::availability(sim::Time from, sim::Time to) const {
  require(to > from, "availability", "needs to > from (got [{} s, {} s))", sim::to_seconds(from),
          sim::to_seconds(to));
  sim::Time down = 0;
  for (const GeothermalOutage& o : outages_) {
    if (o.start >= to) break;
    down += std::max<sim::Time>(0, std::min(o.end, to) - std::max(o.start, from));
  }
  return 1.0 - static_cast<double>(down) / static_cast<double>(to - from);
}

}  // namespace dcsim::models
