#include "models/utilization_csv.hpp"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <optional>

#include <fmt/format.h>

namespace dcsim::models {
namespace {

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

}  // namespace

std::vector<UtilizationStep> read_utilization_csv(const std::string& path,
                                                  const sim::Calendar& calendar,
                                                  UtilizationUnit unit) {
  std::ifstream in(path);
  if (!in)
    throw TraceFileError(path, 0, 0, "cannot open the utilization trace (missing or unreadable)");
  return read_utilization_csv(in, path, calendar, unit);
}

std::vector<UtilizationStep> read_utilization_csv(std::istream& in, const std::string& source,
                                                  const sim::Calendar& calendar,
                                                  UtilizationUnit unit) {
  enum class Stamp { kUnknown, kDate, kSeconds };
  std::vector<UtilizationStep> steps;
  std::string line;
  TraceLines lines(in);
  int previous_line = 0;
  bool have_header = false;
  bool percent = false;
  Stamp stamp = Stamp::kUnknown;
  const auto fail = [&](int column, const std::string& what) {
    throw TraceFileError(source, lines.line_no(), column, what);
  };

  while (lines.next(line)) {
    const std::vector<CsvField> f = split_csv_fields(line, CsvDialect::kQuoted);
    if (f.size() != 2) {
      fail(f.size() > 2 ? f[2].column : static_cast<int>(line.size()) + 1,
           fmt::format("expected 2 columns (timestamp,utilization), found {}", f.size()));
    }
    if (!have_header) {
      if (lower(f[0].text) != "timestamp") {
        fail(f[0].column,
             fmt::format("header must start with 'timestamp' (found '{}')", f[0].text));
      }
      const std::string name = lower(f[1].text);
      bool header_percent = false;
      if (name == "utilization_percent" || name == "utilization_pct" || name == "utilization (%)" ||
          name == "utilization_%") {
        header_percent = true;
      } else if (name != "utilization" && name != "utilization_fraction") {
        fail(f[1].column,
             fmt::format("second header must be 'utilization', 'utilization_fraction' or "
                         "'utilization_percent' (found '{}')",
                         f[1].text));
      }
      if (unit == UtilizationUnit::kFraction && header_percent) {
        fail(f[1].column,
             fmt::format("header '{}' says percent but fractions were requested", f[1].text));
      }
      if (unit == UtilizationUnit::kPercent && name == "utilization_fraction") {
        fail(f[1].column, "header 'utilization_fraction' says fraction but percent was requested");
      }
      percent = header_percent || unit == UtilizationUnit::kPercent;
      have_header = true;
      continue;
    }

    // Timestamp: a local date and time, or seconds since the period start.
    const CsvField& ts = f[0];
    if (ts.text.empty()) fail(ts.column, "empty timestamp");
    const bool looks_like_date = ts.text.size() >= 5 && ts.text[4] == '-';
    const Stamp kind = looks_like_date ? Stamp::kDate : Stamp::kSeconds;
    if (stamp != Stamp::kUnknown && kind != stamp) {
      fail(ts.column, fmt::format("timestamp '{}' mixes formats: earlier rows use {}", ts.text,
                                  stamp == Stamp::kDate ? "dates (YYYY-MM-DD HH:MM)" : "seconds"));
    }
    stamp = kind;
    sim::Time t = 0;
    if (kind == Stamp::kDate) {
      const std::optional<sim::Time> at = parse_csv_date_time(ts.text, calendar);
      if (!at) {
        fail(
            ts.column,
            fmt::format("timestamp '{}' is not a valid date and time (YYYY-MM-DD HH:MM)", ts.text));
      }
      t = *at;
    } else {
      const std::optional<double> s = parse_csv_number(ts.text);
      if (!s) {
        fail(ts.column,
             fmt::format("timestamp '{}' is neither YYYY-MM-DD HH:MM nor a number of seconds",
                         ts.text));
      }
      t = sim::from_seconds(*s);
    }
    if (!steps.empty() && t <= steps.back().time) {
      fail(ts.column,
           fmt::format("time '{}' is not after the previous row's (line {}); times must increase",
                       ts.text, previous_line));
    }

    const CsvField& uf = f[1];
    const std::optional<double> v = parse_csv_number(uf.text);
    if (!v) fail(uf.column, fmt::format("utilization '{}' is not a number", uf.text));
    const double max = percent ? 100.0 : 1.0;
    if (*v < 0.0 || *v > max) {
      fail(uf.column,
           fmt::format(
               "utilization {} is outside [0, {}] ({})", *v, max,
               percent ? "percent" : "fraction; use a utilization_percent header for percent"));
    }
    steps.push_back(UtilizationStep{t, percent ? *v / 100.0 : *v});
    previous_line = lines.line_no();
  }
  if (in.bad()) throw TraceFileError(source, lines.line_no(), 0, "read error");
  if (!have_header)
    throw TraceFileError(source, lines.line_no(), 0, "empty trace: no 'timestamp,utilization' header");
  if (steps.empty())
    throw TraceFileError(source, lines.line_no(), 0, "the trace has a header but no data rows");
  return steps;
}

}  // namespace dcsim::models
