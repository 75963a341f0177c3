// Human and machine summaries of a run: an aligned terminal table with units and warnings, and a
// JSON object with the same figures for scripts (`dcsim run --json`).
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "output/metrics.hpp"

namespace dcsim::output {

struct RunReport {
  std::string scenario_name;
  std::string site;
  std::string period;                       // "2025-01-01 + 365 d"
  std::vector<std::pair<std::string, std::string>> context;  // e.g. baseline description, overrides
  Summary summary;
  std::vector<std::string> warnings;
};

// Sections of the summary, in the order the terminal table shows them.
inline constexpr const char* kSections[] = {"feasibility", "sizing", "efficiency", "energy", "water", "carbon", "envelope", "work", "run"};
// The section a metric belongs to, from its name ("pue" -> "efficiency", "water_m3" -> "water").
std::string section_of(const std::string& metric_name);

// r.warnings, then warnings read off the summary (facility water above its W class, IT energy not
// served, an undefined PUE), without repeats. Both formats print exactly these.
std::vector<std::string> report_warnings(const RunReport& r);

// Aligned table: a header (scenario, site, period, baseline, overrides), then one block per
// section with every metric's name, value and units, then the warnings.
std::string format_terminal(const RunReport& r);
// One JSON object with the same figures: {"scenario", "site", "period", "context": {...},
// "metrics": {name: {"value", "units", "defined", "section"}}, "warnings": [...]}.
std::string format_json(const RunReport& r);
// JSON string literal with escapes (RFC 8259).
std::string json_quote(const std::string& s);
// A JSON number; non-finite values become null.
std::string json_number(double v);

}  // namespace dcsim::output
