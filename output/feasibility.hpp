// Feasibility of a run: whether the design met its load (docs/output.md, "Feasibility").
//   it_shutdown      IT energy not served (thermal protection, or the overheat policy throttling or
//                    shutting racks down)
//   out_of_envelope  an IT inlet outside its ASHRAE allowable range, or facility water above its W class
//   capacity_short   a loop short of its supply set point (unmet cooling energy > 0), inside the envelope
//   ok               none of these
// The first that applies, in this order, is the status; the figures behind it are in the summary.
#pragma once

#include <string>
#include <vector>

#include "models/facility.hpp"
#include "output/metrics.hpp"
#include "output/run_file.hpp"

namespace dcsim::output {

enum class RunStatus { ok = 0, capacity_short = 1, out_of_envelope = 2, it_shutdown = 3 };

const char* to_string(RunStatus s);
RunStatus run_status(const models::FacilityResult& r);
// The status a `status_code` value stands for (ok for anything else); that of a summary, or of a
// sweep case record's metrics (ok when absent).
RunStatus status_from_code(double code);
RunStatus status_of(const Summary& s);
RunStatus status_of(const std::vector<SummaryMetric>& metrics);

// Adds status_code, unmet cooling (energy, hours, peak) for the loops and for each plant and loop,
// economizer mode hours of each plant and the protection trips.
void add_feasibility(const models::FacilityResult& r, Summary& s);

// The sizing section: peak IT power, the design conditions, and for each line design load,
// installed capacity, with one unit out, and the margin installed / design - 1.
void add_sizing(const models::SizingReport& r, Summary& s);
// One line per sizing line that does not hold its design load ("" for none), for `dcsim validate`.
std::vector<std::string> sizing_warnings(const models::SizingReport& r);

// One line for the head of the terminal summary ("" when ok).
std::string verdict(const Summary& s);

}  // namespace dcsim::output
