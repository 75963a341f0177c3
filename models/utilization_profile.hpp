// Utilization profiles: the IT load u(t) in [0, 1] of a rack group, piecewise constant in time so
// that each change is one event for the engine.
// Shapes: constant; daily (24 hourly values by local hour); weekly (7 x 24 values, Monday 00-01
// first, by local weekday and hour); steps (time since period start, value), the first at time 0;
// trace (the same from a measured series, see utilization_csv.hpp; before its first row the first
// value holds). Every value holds until the next change (zero-order hold).
// Optional multiplicative load noise: the period [0, horizon) is cut into intervals of fixed
// length; interval k carries a factor m_k = exp(sigma z_k - sigma^2 / 2), z_k standard normal
// (Box-Muller on std::mt19937_64 output, seeded), so E[m_k] = 1 (lognormal with unit mean). The
// noisy value is min(1, u(t) m_k); the clamp at full load biases the mean slightly downwards near u
// = 1. Outside [0, horizon) the base value applies. The factors are drawn once at construction, so
// value_at is a pure function of t and the same seed gives the same series on every machine.
#pragma once

#include <cstdint>
#include <vector>

#include "sim/time.hpp"

namespace dcsim::models {

struct UtilizationStep {
  sim::Time time;  // since period start
  double value;    // 0..1
};

enum class ProfileShape { kConstant, kDaily, kWeekly, kSteps, kTrace };

struct LoadNoise {
  double sigma = 0.0;                     // standard deviation of ln(factor); 0 disables noise
  sim::Time interval = sim::minutes(15);  // one factor per interval
  std::uint64_t seed = 1;
  sim::Time horizon = 0;  // noise covers [0, horizon); required when sigma > 0
};

struct UtilizationProfileParams {
  ProfileShape shape = ProfileShape::kConstant;
  double constant = 1.0;               // kConstant
  std::vector<double> hourly;          // kDaily: 24 values, kWeekly: 168 values
  std::vector<UtilizationStep> steps;  // kSteps, kTrace: strictly increasing times
  LoadNoise noise;
};

class UtilizationProfile {
 public:
  // The calendar places local hour 0 and the weekday of time 0 (period start at midnight).
  UtilizationProfile(UtilizationProfileParams params, const sim::Calendar& calendar);

  double value_at(sim::Time t) const;
  double base_value_at(sim::Time t) const;  // without noise
  // Earliest time > t at which value_at differs from value_at(t); sim::kTimeMax if it never does.
  sim::Time next_change_after(sim::Time t) const;

 private:
  sim::Time next_candidate(sim::Time t) const;  // next possible change of base or noise
  sim::Time base_next_candidate(sim::Time t) const;
  std::size_t hour_index(sim::Time t) const;

  ProfileShape shape_;
  double constant_ = 0.0;
  std::vector<double> hourly_;
  std::vector<sim::Time> step_times_;
  std::vector<double> step_values_;
  int start_weekday_ = 0;
  LoadNoise noise_;
  std::vector<double> noise_factors_;
};

}  // namespace dcsim::models
