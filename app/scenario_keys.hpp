// The sections of the scenario whose keys are bound to their configurations (app/schema_binding.hpp):
// the schema (app/scenario_schema.cpp) declares them, the loader (app/scenario.cpp) reads them with
// the same binder. Keys that are no plain member (a name, a preset, a list) are read by hand.
#pragma once

#include "app/schema_binding.hpp"
#include "models/emissions.hpp"
#include "models/facility.hpp"

namespace dcsim::app {

// One plant (cooling.plants[i]): delta_t, min_flow, pump, economizer, condenser_water_set and
// condenser_pump; `name` and `equipment` by hand.
const Binder<models::PlantConfig>& plant_keys();
// One rack group (it.groups[i]): count, idle_power, peak_power, liquid_share, heat_capacity,
// air_class, liquid_class and server_fans; name, copies, extends, power_curve, utilization, hall,
// loop, embodied and work by hand.
const Binder<models::RackGroupConfig>& group_keys();
// The period (length, record_interval; start by hand) and the baseline (pue; grid_intensity,
// description and reference by hand).
const Binder<models::FacilityConfig>& period_keys();
const Binder<models::BaselineParams>& baseline_keys();

}  // namespace dcsim::app
