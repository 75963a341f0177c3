// Heat-rejection equipment on a plant's condenser water: one bank of identical units (tower cells,
// dry coolers, ...) rejecting the water's heat to the outdoor air. The plant's header
// (models/rejection_header.hpp) holds any number of banks of any kind and only calls this interface;
// a new kind is its own model implementing it and a factory giving its RejectionBankParams
// (cooling_tower.hpp: tower_bank; dry_cooler.hpp: dry_cooler_bank), plus one registration of its
// scenario entry in app/equipment_registry.cpp (docs/extending.md).
#pragma once

#include <functional>
#include <memory>
#include <string>

namespace dcsim::models {

struct RejectionConditions {
  double dry_bulb_c = 0.0;
  double wet_bulb_c = 0.0;
};

// An operating point of one bank, or of the header (all banks).
struct RejectionPoint {
  double leaving_c = 0.0;  // leaving water (the header: mixed)
  double fan_w = 0.0, spray_w = 0.0;
  double evaporation_kg_s = 0.0, drift_kg_s = 0.0, blowdown_kg_s = 0.0, adiabatic_kg_s = 0.0;
  double basin_w = 0.0;  // tower basin heaters (cells rejecting no heat, below their set point)
  bool short_ = false;  // could not reach the set point at full fan speed
};

class RejectionEquipment {
 public:
  virtual ~RejectionEquipment() = default;
  virtual double design_water_flow_kg_s() const = 0;
  virtual double design_heat_w() const = 0;
  // Units up: -1 all. With none up nothing is rejected (leaving +inf for any heat).
  // The coldest leaving water rejecting heat_w, fans flat out.
  virtual double achievable_leaving_c(double heat_w, double flow_kg_s, const RejectionConditions& c, int up) const = 0;
  // The heat rejected with the water entering at entering_c, fans flat out (0 at or below the air).
  virtual double achievable_heat_w(double entering_c, double flow_kg_s, const RejectionConditions& c, int up) const = 0;
  // Rejects heat_w, fans at the lowest speed that holds the leaving water at set_c. With heat_w <= 0
  // only standby loads (tower basin heaters) are reported.
  virtual RejectionPoint operate(double heat_w, double flow_kg_s, double set_c, const RejectionConditions& c,
                                 int up) const = 0;
};

// One bank as a plant's parameters hold it (copyable; the model is made when the plant is).
struct RejectionBankParams {
  std::string name;          // as the scenario names it (failures: cooling.plants[P].towers[NAME])
  std::string kind;          // its component name: "towers", "dry_coolers"
  std::string type;          // its scenario type: "cooling_tower", "dry_cooler"
  std::string unit_word;     // "cells", "units"
  int units = 0;
  double design_heat_w = 0.0;
  double design_approach_k = 0.0;  // leaving water above its air at design
  std::function<std::unique_ptr<RejectionEquipment>()> make;
  int unit_count() const { return units; }
};

}  // namespace dcsim::models
