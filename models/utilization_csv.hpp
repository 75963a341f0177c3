// Reader of measured utilization traces (CSV) into steps for a ProfileShape::kTrace profile.
// Format: a header `timestamp,utilization` then one row per change. A timestamp is either a local
// date and time "YYYY-MM-DD HH:MM" (placed with the run's calendar) or seconds since the period
// start; one file uses one kind. The utilization column is a fraction 0..1, or a percentage 0..100
// when its header says so (`utilization_percent`, `utilization_pct`, `utilization (%)`) or when the
// caller asks for percent. Times must increase strictly. Blank lines and lines starting with '#'
// are skipped; fields may be quoted and padded with spaces. Each error names the file, line and
// column.
#pragma once

#include <istream>
#include <string>
#include <vector>

#include "models/trace_csv.hpp"
#include "models/utilization_profile.hpp"
#include "sim/time.hpp"

namespace dcsim::models {

enum class UtilizationUnit { kFromHeader, kFraction, kPercent };

// Errors are TraceFileError (models/trace_csv.hpp).
std::vector<UtilizationStep> read_utilization_csv(
    const std::string& path, const sim::Calendar& calendar,
    UtilizationUnit unit = UtilizationUnit::kFromHeader);
// `source` names the stream in error messages.
std::vector<UtilizationStep> read_utilization_csv(
    std::istream& in, const std::string& source, const sim::Calendar& calendar,
    UtilizationUnit unit = UtilizationUnit::kFromHeader);

}  // namespace dcsim::models
