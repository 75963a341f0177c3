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

// Aligned table grouped as: efficiency, energy, water, carbon, envelope.
std::string format_terminal(const RunReport& r);
// One JSON object: {"scenario": ..., "site": ..., "metrics": {name: {"value":..,"units":..}}, "warnings": [...]}.
std::string format_json(const RunReport& r);
// JSON string literal with escapes (RFC 8259).
std::string json_quote(const std::string& s);
// A JSON number; non-finite values become null.
std::string json_number(double v);

}  // namespace dcsim::output
