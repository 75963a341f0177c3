// A loop a plant serves through its heat port: an air hall's CRAH coils or a liquid loop's CDU on the
// plant's water. The plant solve (models/facility.cpp) knows its loads only through this interface:
// what water they ask for, what heat they bring at a water supply temperature, and what they gave
// the water over the interval the network advanced (docs/models.md sec. 3, "Loops and heat ports").
#pragma once

namespace dcsim::models {

class PlantLoad {
 public:
  virtual ~PlantLoad() = default;
  // The plant water supply this loop asks for now: its own set point less its exchanger approach.
  virtual double water_set_c() const = 0;
  // Heat the loop brings to the plant when the water arrives at `water_c` (from the return state now,
  // within what its exchangers and units can carry).
  virtual double load_at_w(double water_c) const = 0;
  // Warmest water at which the loop still brings heat: above it the load is 0.
  virtual double warmest_water_c() const = 0;
  // Heat its equipment gives off now (racks, fans, pumps, electrical): a shortfall never exceeds it.
  virtual double sources_w() const = 0;
  // Heat it gives the plant now at the water it gets (its boundary's instantaneous load).
  virtual double current_load_w() const = 0;
  // Heat it brings at design (sizes the plant's loop flow when the plant gives no design heat).
  virtual double design_load_w() const = 0;
  // Whether the plant's loop pumps move water for it (DX units have no chilled-water loop).
  virtual bool pumps_water() const = 0;
  // After the network advanced: heat the plant's water took from the loop over the interval (exact).
  virtual double plant_heat_j() const = 0;
};

}  // namespace dcsim::models
