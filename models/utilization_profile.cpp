#include "models/utilization_profile.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <random>

#include "sim/check.hpp"

namespace dcsim::models {
namespace {

std::int64_t floor_div(std::int64_t a, std::int64_t b) {
  const std::int64_t q = a / b;
  return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

void require_fraction(double v, const char* key, std::size_t index) {
  require(v >= 0.0 && v <= 1.0, key, "[{}] must be in [0, 1] (got {})", index, v);
}

// Standard normal variate from two 53-bit uniforms (Box-Muller, cosine branch).
double standard_normal(std::mt19937_64& rng) {
  const double u1 = (static_cast<double>(rng() >> 11) + 1.0) * 0x1.0p-53;  // (0, 1]
  const double u2 = static_cast<double>(rng() >> 11) * 0x1.0p-53;          // [0, 1)
  return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * std::numbers::pi * u2);
}

}  // namespace

UtilizationProfile::UtilizationProfile(UtilizationProfileParams p, const sim::Calendar& calendar)
    : shape_(p.shape), start_weekday_(calendar.at(0).weekday), noise_(p.noise) {
  switch (shape_) {
    case ProfileShape::kConstant:
      require(p.constant >= 0.0 && p.constant <= 1.0, "value", "must be in [0, 1] (got {})",
              p.constant);
      constant_ = p.constant;
      break;
    case ProfileShape::kDaily:
    case ProfileShape::kWeekly: {
      const std::size_t n = shape_ == ProfileShape::kDaily ? 24 : 168;
      require(p.hourly.size() == n, "hourly", "needs {} values for a {} shape (got {})", n,
              shape_ == ProfileShape::kDaily ? "daily" : "weekly", p.hourly.size());
      for (std::size_t i = 0; i < n; ++i) require_fraction(p.hourly[i], "hourly", i);
      hourly_ = std::move(p.hourly);
      break;
    }
    case ProfileShape::kSteps:
    case ProfileShape::kTrace: {
      const auto& s = p.steps;
      require(!s.empty(), "steps", "needs at least one (time, value) pair (got {})", s.size());
      if (shape_ == ProfileShape::kSteps) {
        require(s.front().time == 0, "steps", "must start at time 0 (got {} s)",
                sim::to_seconds(s.front().time));
      }
      for (std::size_t i = 0; i < s.size(); ++i) {
        require_fraction(s[i].value, "steps", i);
        if (i > 0) {
          require(s[i].time > s[i - 1].time, "steps",
                  "[{}] time must be after the previous ({} s after {} s)", i,
                  sim::to_seconds(s[i].time), sim::to_seconds(s[i - 1].time));
        }
        // Equal neighbours are one step: keep only real changes.
        if (step_values_.empty() || step_values_.back() != s[i].value) {
          step_times_.push_back(s[i].time);
          step_values_.push_back(s[i].value);
        }
      }
      break;
    }
  }
  if (noise_.sigma != 0.0) {
    require(noise_.sigma > 0.0 && std::isfinite(noise_.sigma), "noise.sigma",
            "must be >= 0 (got {})", noise_.sigma);
    require(noise_.interval >= sim::seconds(1), "noise.interval", "must be at least 1 s (got {} s)",
            sim::to_seconds(noise_.interval));
    require(noise_.horizon > 0, "noise.horizon", "must be > 0 when noise is on (got {} s)",
            sim::to_seconds(noise_.horizon));
    const std::int64_t n = (noise_.horizon + noise_.interval - 1) / noise_.interval;
    require(n <= 50'000'000, "noise.interval", "gives too many intervals ({}) over the horizon", n);
    std::mt19937_64 rng(noise_.seed);
    const double s = noise_.sigma;
    noise_factors_.resize(static_cast<std::size_t>(n));
    for (double& f : noise_factors_) f = std::exp(s * standard_normal(rng) - 0.5 * s * s);
  }
}

std::size_t UtilizationProfile::hour_index(sim::Time t) const {
  const std::int64_t h = floor_div(t, sim::hours(1));
  const std::int64_t period = static_cast<std::int64_t>(hourly_.size());
  const std::int64_t offset = shape_ == ProfileShape::kWeekly ? start_weekday_ * 24 : 0;
  return static_cast<std::size_t>(((h + offset) % period + period) % period);
}

double UtilizationProfile::base_value_at(sim::Time t) const {
  switch (shape_) {
    case ProfileShape::kConstant: return constant_;
    case ProfileShape::kDaily:
    case ProfileShape::kWeekly: return hourly_[hour_index(t)];
    case ProfileShape::kSteps:
    case ProfileShape::kTrace: {
      const auto it = std::upper_bound(step_times_.begin(), step_times_.end(), t);
      return it == step_times_.begin()
                 ? step_values_.front()
                 : step_values_[static_cast<std::size_t>(it - step_times_.begin()) - 1];
    }
  }
  return constant_;
}

double UtilizationProfile::value_at(sim::Time t) const {
  const double base = base_value_at(t);
  if (noise_factors_.empty() || t < 0 || t >= noise_.horizon) return base;
  return std::min(1.0, base * noise_factors_[static_cast<std::size_t>(t / noise_.interval)]);
}

sim::Time UtilizationProfile::base_next_candidate(sim::Time t) const {
  switch (shape_) {
    case ProfileShape::kConstant: return sim::kTimeMax;
    case ProfileShape::kDaily:
    case ProfileShape::kWeekly: return (floor_div(t, sim::hours(1)) + 1) * sim::hours(1);
    case ProfileShape::kSteps:
    case ProfileShape::kTrace: {
      auto it = std::upper_bound(step_times_.begin(), step_times_.end(), t);
      if (it == step_times_.begin()) ++it;  // the first value also holds before the first step
      return it == step_times_.end() ? sim::kTimeMax : *it;
    }
  }
  return sim::kTimeMax;
}

sim::Time UtilizationProfile::next_candidate(sim::Time t) const {
  sim::Time next = base_next_candidate(t);
  if (!noise_factors_.empty() && t < noise_.horizon) {
    const sim::Time boundary =
        t < 0 ? 0 : std::min(noise_.horizon, (t / noise_.interval + 1) * noise_.interval);
    next = std::min(next, boundary);
  }
  return next;
}

sim::Time UtilizationProfile::next_change_after(sim::Time t) const {
  const double now = value_at(t);
  // Candidates are hour, step and noise boundaries; skip those where the value happens to stay.
  // Daily and weekly shapes repeat, so one period without a change means none ever.
  const sim::Time give_up =
      (shape_ == ProfileShape::kDaily || shape_ == ProfileShape::kWeekly)
          ? std::max(t, noise_.horizon) + sim::hours(static_cast<std::int64_t>(hourly_.size()))
          : sim::kTimeMax;
  for (sim::Time c = next_candidate(t); c != sim::kTimeMax && c <= give_up; c = next_candidate(c)) {
    if (value_at(c) != now) return c;
  }
  return sim::kTimeMax;
}

}  // namespace dcsim::models
