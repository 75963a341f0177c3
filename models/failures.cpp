#include "models/failures.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <random>

#include "sim/check.hpp"

namespace dcsim::models {

namespace {

std::uint64_t splitmix64(std::uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

// Uniform on [0, 1) from the top 53 bits; 1 - u lies in (0, 1], so its logarithm is finite.
double uniform01(std::mt19937_64& rng) { return static_cast<double>(rng() >> 11) * 0x1.0p-53; }

// Inverse CDF of the Weibull distribution with the given mean and shape (shape 1: exponential).
double weibull_with_mean(std::mt19937_64& rng, double mean, double shape) {
  const double scale = mean / std::tgamma(1.0 + 1.0 / shape);
  const double e = -std::log1p(-uniform01(rng));
  return scale * (shape == 1.0 ? e : std::pow(e, 1.0 / shape));
}

void check_random(const RandomFailureParams& p, sim::Time horizon) {
  require(std::isfinite(p.mtbf_s) && p.mtbf_s > 0, "mtbf", "must be > 0 s (got {})", p.mtbf_s);
  require(std::isfinite(p.mttr_s) && p.mttr_s > 0, "mttr", "must be > 0 s (got {})", p.mttr_s);
  require(std::isfinite(p.failure_shape) && p.failure_shape >= 0.1 && p.failure_shape <= 20, "failure_shape",
          "must be in [0.1, 20] (got {})", p.failure_shape);
  require(std::isfinite(p.repair_shape) && p.repair_shape >= 0.1 && p.repair_shape <= 20, "repair_shape",
          "must be in [0.1, 20] (got {})", p.repair_shape);
  const double cycles = sim::to_seconds(horizon) / (p.mtbf_s + p.mttr_s);
  require(cycles <= 1e7, "mtbf", "gives about {:.3g} failures per unit over the period (more than 1e7): mtbf {} s and mttr {} s are too short",
          cycles, p.mtbf_s, p.mttr_s);
}

}  // namespace

std::string_view to_string(OutageKind k) { return k == OutageKind::failure ? "failure" : "maintenance"; }

std::string_view to_string(OverheatAction a) {
  switch (a) {
    case OverheatAction::alarm: return "alarm";
    case OverheatAction::throttle: return "throttle";
    case OverheatAction::shutdown: return "shutdown";
  }
  return "alarm";
}

bool is_cooling(FailureTarget t) { return t != FailureTarget::ups_modules; }

std::uint64_t component_seed(std::uint64_t scenario_seed, std::string_view component, int unit) {
  std::uint64_t h = 0xcbf29ce484222325ULL;  // FNV-1a of the name
  for (unsigned char c : component) h = (h ^ c) * 0x100000001b3ULL;
  return splitmix64(splitmix64(scenario_seed) ^ splitmix64(h) ^ static_cast<std::uint64_t>(unit + 1));
}

std::vector<std::pair<sim::Time, sim::Time>> draw_unit_outages(const RandomFailureParams& p, std::uint64_t seed,
                                                               sim::Time horizon) {
  check_random(p, horizon);
  std::vector<std::pair<sim::Time, sim::Time>> out;
  std::mt19937_64 rng(seed);
  sim::Time t = 0;
  while (true) {
    const double up_s = weibull_with_mean(rng, p.mtbf_s, p.failure_shape);
    if (up_s >= sim::to_seconds(horizon - t)) break;
    const sim::Time fail_at = t + std::max<sim::Time>(1, sim::from_seconds(up_s));
    if (fail_at >= horizon) break;
    const double down_s = weibull_with_mean(rng, p.mttr_s, p.repair_shape);
    const sim::Time down = std::max<sim::Time>(1, sim::from_seconds(std::min(down_s, 1e15)));
    out.emplace_back(fail_at, fail_at + down);
    t = fail_at + down;
  }
  return out;
}

FailureTimeline::FailureTimeline(const ComponentFailures& spec, int unit_count, std::uint64_t scenario_seed,
                                 sim::Time horizon)
    : name_(spec.name), unit_count_(unit_count) {
  require(unit_count >= 1, "units", "of {} must be at least 1 (got {})", spec.name, unit_count);
  require(horizon > 0, "horizon", "must be > 0 (got {} s)", sim::to_seconds(horizon));
  for (std::size_t i = 0; i < spec.scheduled.size(); ++i) {
    const auto& s = spec.scheduled[i];
    require(s.units >= 1 && s.units <= unit_count, "units", "must be in [1, {}]: {} has {} units (got {})", unit_count,
            spec.name, unit_count, s.units);
    require(s.duration > 0, "duration", "must be > 0 (got {} s)", sim::to_seconds(s.duration));
    require(s.start >= 0, "at", "must not be before the period start (got {} s)", sim::to_seconds(s.start));
    const sim::Time end = s.duration >= horizon - s.start ? horizon : s.start + s.duration;
    if (s.start < horizon) outages_.push_back({s.start, end, s.units, -1, s.kind, s.note});
  }
  if (spec.random) {
    // A time scale far below the period (an MTBF of milliseconds) would draw outages until memory
    // runs out: the expected count is bounded before any is drawn.
    const auto& r = *spec.random;
    const double expected = unit_count * sim::to_seconds(horizon) / (r.mtbf_s + r.mttr_s);
    require(expected <= kMaxRandomOutages, "mtbf",
            "is too short for the period: with mtbf {:g} h and mttr {:g} h the {} unit{} of {} would fail about {:.3g} "
            "times, more than the {:g} outages simulated; give the mean times of real equipment",
            r.mtbf_s / 3600.0, r.mttr_s / 3600.0, unit_count, unit_count == 1 ? "" : "s", spec.name, expected,
            kMaxRandomOutages);
    for (int u = 0; u < unit_count; ++u) {
      for (const auto& [a, b] : draw_unit_outages(*spec.random, component_seed(scenario_seed, spec.name, u), horizon)) {
        outages_.push_back({a, b, 1, u, OutageKind::failure, {}});
      }
    }
  }
  std::stable_sort(outages_.begin(), outages_.end(), [](const UnitOutage& a, const UnitOutage& b) {
    return a.start != b.start ? a.start < b.start : a.unit < b.unit;
  });
  // Transitions and the step function of units down (a sweep over +units at start, -units at end).
  std::map<sim::Time, int> delta;
  for (std::size_t i = 0; i < outages_.size(); ++i) {
    const auto& o = outages_[i];
    transitions_.push_back({o.start, true, i});
    delta[o.start] += o.units;
    if (o.end < horizon) {
      transitions_.push_back({o.end, false, i});
      delta[o.end] -= o.units;
    }
  }
  std::stable_sort(transitions_.begin(), transitions_.end(), [](const Transition& a, const Transition& b) {
    if (a.at != b.at) return a.at < b.at;
    return !a.starts && b.starts;  // repairs before new failures at the same instant
  });
  int sum = 0, last = 0;
  for (const auto& [t, d] : delta) {
    sum += d;
    const int down = std::min(sum, unit_count_);
    if (steps_.empty() ? down != 0 : down != last) steps_.emplace_back(t, down);
    last = down;
  }
}

int FailureTimeline::units_down_at(sim::Time t) const {
  const auto it = std::upper_bound(steps_.begin(), steps_.end(), t,
                                   [](sim::Time v, const std::pair<sim::Time, int>& s) { return v < s.first; });
  return it == steps_.begin() ? 0 : std::prev(it)->second;
}

sim::Time FailureTimeline::next_change_after(sim::Time t) const {
  const auto it = std::upper_bound(transitions_.begin(), transitions_.end(), t,
                                   [](sim::Time v, const Transition& x) { return v < x.at; });
  return it == transitions_.end() ? sim::kTimeMax : it->at;
}

std::span<const FailureTimeline::Transition> FailureTimeline::transitions_at(sim::Time t) const {
  const auto lo = std::lower_bound(transitions_.begin(), transitions_.end(), t,
                                   [](const Transition& x, sim::Time v) { return x.at < v; });
  auto hi = lo;
  while (hi != transitions_.end() && hi->at == t) ++hi;
  return {lo, hi};
}

}  // namespace dcsim::models
