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

// `--strict`: exit status of a run, or a sweep, whose status (output/feasibility.hpp) is not ok, after
// the results are written. 1 is an environment error, 2 bad input, 3 sweep cases that failed to run.
inline constexpr int kExitNotFeasible = 4;

struct RunOutcome {
  models::FacilityResult result;
  output::Summary summary;      // every metric, with units
  output::RunReport report;     // for the terminal and JSON
  output::RunResults file;      // for the HDF5 writer
};

// Runs a loaded scenario. `progress` gets the fraction done (optional).
RunOutcome run_scenario(const Scenario& sc, const std::function<void(double)>& progress = {});

// Replicates: `first` (seed s) and the same scenario with seeds s + 1, ..., s + n - 1, each loaded by
// `load_with_seed` (the seed drives the weather generator, random failures and load noise). Returns
// the first replicate's outcome with, added to its summary, report and file, the P5/P50/P95 of the key
// figures over the set (type 7 percentiles, output/percentiles.hpp) and the per-seed table.
RunOutcome run_replicates(const Scenario& first, int n, const std::function<Scenario(std::uint64_t)>& load_with_seed,
                          const std::function<void(double)>& progress = {});

}  // namespace dcsim::app
