// Sizing of a facility against its design load (docs/models.md, "Sizing and the design-day check").
// Design load: every rack group at its peak power (the same figure the autosized fans and pumps use),
// lighting and PDU loss on the air side. Design conditions: the 0.4 % annual cooling condition of the
// weather the run uses, the dry bulb (and the wet bulb) exceeded in 0.4 % of its records (ASHRAE
// Handbook Fundamentals 2021 ch. 14 defines the 0.4 % condition on hourly values the same way).
// Each line says what is installed and whether it holds the design load with all units (N) and with
// one unit of its largest redundancy group out (N - 1): air units by their rated capacity; plants by a
// plant solve at the design load, the design conditions and the supply set point, in the best mode.
#pragma once

#include <string>
#include <vector>

namespace dcsim::models {

struct SizingLine {
  std::string name;              // "cooling.air", "plant.NAME", "power.ups", "power.transformer"
  double design_w = 0;           // load at design
  double installed_w = 0;        // what all units carry at design conditions
  double installed_n_minus_1_w = 0;  // with one unit out (as installed_w when the group has one unit)
  int units = 0;
  bool met() const { return installed_w >= design_w * (1.0 - 1e-9); }
  bool redundant() const { return installed_n_minus_1_w >= design_w * (1.0 - 1e-9); }
};

struct SizingReport {
  double peak_it_w = 0;
  double design_dry_bulb_c = 0, design_wet_bulb_c = 0;
  double elc_design_100 = 0, elc_design_50 = 0;  // ASHRAE 90.4 electrical loss component at 100 % / 50 % design ITE load
  std::vector<SizingLine> lines;
  bool all_met() const {
    for (const auto& l : lines) {
      if (!l.met()) return false;
    }
    return true;
  }
};

// The value exceeded by a fraction `share` of `values` (0.004: the 0.4 % condition), by linear
// interpolation between order statistics; 0 for no values.
double exceeded_value(std::vector<double> values, double share);

}  // namespace dcsim::models
