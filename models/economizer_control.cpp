#include "models/economizer_control.hpp"

#include <algorithm>

#include "sim/check.hpp"

namespace dcsim::models {

const char* to_string(EconomizerMode mode) {
  switch (mode) {
    case EconomizerMode::free: return "free";
    case EconomizerMode::partial: return "partial";
    case EconomizerMode::mechanical: return "mechanical";
  }
  return "?";
}

double free_cooling_fraction(double free_water_c, double supply_set_c, double return_c) {
  if (free_water_c <= supply_set_c) return 1.0;
  if (free_water_c >= return_c) return 0.0;
  return (return_c - free_water_c) / (return_c - supply_set_c);
}

EconomizerController::EconomizerController(const EconomizerParams& p, EconomizerMode initial)
    : params_(p), mode_(initial) {
  require(p.rejection_approach_k >= 0.0, "rejection_approach_k", "must be >= 0 (got {})", p.rejection_approach_k);
  require(p.hx_approach_k >= 0.0, "hx_approach_k", "must be >= 0 (got {})", p.hx_approach_k);
  require(p.hysteresis_k >= 0.0, "hysteresis_k", "must be >= 0 (got {})", p.hysteresis_k);
  require(p.min_dwell_s >= 0.0, "min_dwell_s", "must be >= 0 (got {})", p.min_dwell_s);
  require(p.partial_allowed || initial != EconomizerMode::partial, "partial_allowed",
          "is false but the initial mode is partial (got {})", p.partial_allowed);
}

EconomizerMode EconomizerController::decide_free_water(double now_s, double t, double supply_set_c,
                                                      double return_c) {
  const double h = params_.hysteresis_k;
  const bool free_ok = t <= supply_set_c - (mode_ == EconomizerMode::free ? 0.0 : h);
  const bool partial_ok = params_.partial_allowed && t < return_c - (mode_ == EconomizerMode::mechanical ? h : 0.0);
  const EconomizerMode target = free_ok ? EconomizerMode::free : partial_ok ? EconomizerMode::partial
                                                                             : EconomizerMode::mechanical;
  if (target == mode_) return mode_;
  const bool less_free = static_cast<int>(target) > static_cast<int>(mode_);
  const double threshold = mode_ == EconomizerMode::free ? supply_set_c : return_c;
  const bool overheat = less_free && t > threshold + h;
  if (now_s >= next_allowed_change_s() || overheat) {
    mode_ = target;
    last_change_s_ = now_s;
    ++changes_;
  }
  return mode_;
}

}  // namespace dcsim::models
