// Modular UPS. Each installed module loses, as a fraction of its rating,
//   P_loss,module / P_module = a0 + a1 x + a2 x^2,  x = P_out / (m P_module),
// where m modules share the load equally: m = N, N + 1 or 2 N for N, N+1 and 2N redundancy (a 2N
// system is two N systems carrying half the load each). a0 is the no-load loss (control, fans,
// magnetics), a1 x the losses proportional to current (semiconductor conduction), a2 x^2 the
// resistive losses. This three-term form is the usual one for UPS loss (REFERENCE section 3 [K]; N.
// Rasmussen, APC/Schneider White Paper 113 "Electrical Efficiency Modeling for Data Centers").
// Default double conversion {a0, a1, a2} = {0.012, 0.018, 0.012}: efficiency 87.8 % at 10 %
// load, 93.5 % at 25 %, 95.4 % at 50 %, 96.0 % at 100 %, matching the 94-97 % at mid/high load
// falling towards 85-90 % at low load quoted in REFERENCE section 3, with the no-load loss half of
// all loss at 50 % load and a square-law loss of 1.2 % at full load (Schneider Electric: no-load
// losses often over 40 % of all UPS losses, square-law losses 1-4 % at high load). Default eco mode
// (bypass path, inverter idle) {0.002, 0.009, 0}: 98.3 % at 25 %, 98.7 % at 50 %, 98.9 % at 100 %.
// Redundancy: one more module changes the loss by P_mod (a0 - a2 y^2 / (m (m + 1))), y = P_out /
// P_mod <= N; with a2 <= a0 (required) that is > 0 at every load within capacity, so N+1 and 2N
// never lose less than N at equal load. (A curve with a2 > a0 would have the spare module "save"
// square-law loss at high load; real systems pay its no-load loss first.)
#pragma once

namespace dcsim::models {

enum class UpsRedundancy { kN, kNPlus1, k2N };

struct UpsLossCurve {
  double a0;  // no-load loss, fraction of module rating
  double a1;  // loss proportional to load fraction
  double a2;  // loss proportional to load fraction squared
};

struct UpsParams {
  double module_rated_power_w = 500e3;
  int modules_required = 1;  // N: modules needed for the design load
  UpsRedundancy redundancy = UpsRedundancy::kNPlus1;
  UpsLossCurve double_conversion{0.012, 0.018, 0.012};
  UpsLossCurve eco{0.002, 0.009, 0.0};
  bool eco_mode = false;
  bool outdoors = false;
};

class Ups {
 public:
  explicit Ups(UpsParams params);
  const UpsParams& params() const { return p_; }
  int modules_installed() const { return installed_; }
  // Usable capacity: the N required modules (redundant modules are spare, not capacity).
  double capacity_w() const { return p_.modules_required * p_.module_rated_power_w; }
  bool overloaded(double output_w) const { return output_w > capacity_w(); }
  // Load fraction of each installed module.
  double load_fraction(double output_w) const;
  double loss_w(double output_w) const;
  double efficiency(double output_w) const;  // 0 at zero load

 private:
  UpsParams p_;
  int installed_;
};

}  // namespace dcsim::models
