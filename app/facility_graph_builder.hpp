// The facility graph of a scenario: its components and how they connect. The loader builds it from
// the scenario (app/scenario.cpp) and the facility is assembled from it (models::Facility), so what
// `dcsim graph` draws is what runs. The connections (groups, halls, loops, plants, equipment) are
// written by models::add_connections (models/facility_topology.hpp); this adds the electrical chain,
// the plants' banks and stages, and what to draw on each component.
#pragma once

#include "models/facility.hpp"
#include "models/facility_topology.hpp"
#include "sim/facility_graph.hpp"

namespace dcsim::app {

sim::FacilityGraph build_facility_graph(const models::FacilityConfig& f, const models::FacilityConnections& c);

}  // namespace dcsim::app
