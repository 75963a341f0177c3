// Waterside economizer control (Lei & Masanet 2020, Energy 197, 117556). With the free-cooling water
// available at T_avail = T_ambient + approach_rejection + approach_HX (T_ambient = wet bulb for towers,
// dry bulb for dry coolers):
//   free        when T_avail <= T_supply,set
//   partial     when T_supply,set < T_avail < T_return, free share (T_return - T_avail) / (T_return - T_supply)
//   mechanical  otherwise.
// The free water temperature may instead come from the plant model at the current load.
// The controller adds hysteresis and a minimum dwell so a simulated year does not chatter: a move to
// a freer mode needs the threshold beaten by the band h; a move back happens at the threshold itself;
// any change waits min_dwell after the previous one, except a move away from free cooling that is
// missing its threshold by more than h (the loop would overheat), which happens at once.
#pragma once

#include <limits>

namespace dcsim::models {

enum class EconomizerMode { free, partial, mechanical };
const char* to_string(EconomizerMode mode);

struct EconomizerParams {
  double rejection_approach_k = 6.34;  // tower to wet bulb, or dry cooler to dry bulb (Lei & Masanet tower)
  double hx_approach_k = 2.29;         // economizer heat exchanger (Lei & Masanet)
  double hysteresis_k = 1.0;
  double min_dwell_s = 900.0;
  bool partial_allowed = true;         // false: a plant that cannot run chillers and free cooling in series
};

// Share of the load the economizer can take with no memory: 1 free, 0 mechanical, else partial.
double free_cooling_fraction(double free_water_c, double supply_set_c, double return_c);

class EconomizerController {
 public:
  explicit EconomizerController(const EconomizerParams& params, EconomizerMode initial = EconomizerMode::mechanical);

  const EconomizerParams& params() const { return params_; }
  // ambient_c: wet bulb (towers) or dry bulb (dry coolers). Returns the mode to run from now on.
  EconomizerMode decide(double now_s, double ambient_c, double supply_set_c, double return_c) {
    return decide_free_water(now_s, free_water_temp_c(ambient_c), supply_set_c, return_c);
  }
  // The same with the free-cooling water temperature given directly, e.g. from the plant's
  // achievable temperature at the current load (HeatRejectionPlant::free_water_temp_c) instead of
  // fixed approaches.
  EconomizerMode decide_free_water(double now_s, double free_water_c, double supply_set_c, double return_c);
  EconomizerMode mode() const { return mode_; }
  // Earliest time a change other than the overheat escape may happen.
  double next_allowed_change_s() const { return last_change_s_ + params_.min_dwell_s; }
  double free_water_temp_c(double ambient_c) const {
    return ambient_c + params_.rejection_approach_k + params_.hx_approach_k;
  }
  int change_count() const { return changes_; }

 private:
  EconomizerParams params_;
  EconomizerMode mode_;
  double last_change_s_ = -std::numeric_limits<double>::infinity();
  int changes_ = 0;
};

}  // namespace dcsim::models
