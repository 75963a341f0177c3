// Part of the scenario loader (app/scenario.cpp): the `events`, `reliability` and `policy`
// sections, read after the facility's equipment is known (an event names a redundancy group).
#pragma once

#include "app/schema.hpp"
#include "models/facility.hpp"
#include "sim/time.hpp"

namespace dcsim::app {

// The schema of `policy` (part of the scenario schema), bound to models::OverheatPolicy.
Schema policy_schema();

// Fills f's scheduled outages and load steps, random failures and overheat policy from `root`
// (the scenario's top level); input errors at their keys.
void build_events(const Reader& root, models::FacilityConfig& f, const sim::Calendar& cal);

}  // namespace dcsim::app
