// One scenario run: simulate the facility, compute every reported figure from the exact ledgers,
// and write the results (HDF5 file, terminal table, JSON).
#pragma once

#include <functional>
#include <string>

#include "app/scenario.hpp"
#include "models/facility.hpp"
#include "output/report.hpp"
#include "output/run_file.hpp"

namespace dcsim::app {

struct RunOutcome {
  models::FacilityResult result;
  output::Summary summary;      // every metric, with units
  output::RunReport report;     // for the terminal and JSON
  output::RunResults file;      // for the HDF5 writer
};

// Runs a loaded scenario. `progress` gets the fraction done (optional).
RunOutcome run_scenario(const Scenario& sc, const std::function<void(double)>& progress = {});

}  // namespace dcsim::app
