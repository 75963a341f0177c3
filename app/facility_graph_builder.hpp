// The facility graph of a scenario (for `dcsim graph` and for topology validation at load).
#pragma once

#include "app/scenario.hpp"
#include "sim/facility_graph.hpp"

namespace dcsim::app {

sim::FacilityGraph build_facility_graph(const Scenario& sc);

}  // namespace dcsim::app
