#include "models/trace_csv.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <utility>

#include <fmt/format.h>

namespace dcsim::models {

TraceFileError::TraceFileError(std::string file, int line, int column, const std::string& what)
    : ParameterError("trace", fmt::format("{}:{}:{}: {}", file, line, column, what)),
      file_(std::move(file)),
      line_(line),
      column_(column) {}

bool TraceLines::next(std::string& line) {
  while (std::getline(in_, line)) {
    ++line_no_;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    const std::size_t first = line.find_first_not_of(" \t");
    if (first != std::string::npos && line[first] != '#') return true;
  }
  return false;
}

std::vector<CsvField> split_csv_fields(const std::string& line, CsvDialect dialect) {
  const auto blank = [dialect](char c) {
    return dialect == CsvDialect::kQuoted ? std::isspace(static_cast<unsigned char>(c)) != 0
                                          : c == ' ' || c == '\t';
  };
  std::vector<CsvField> out;
  std::size_t start = 0;
  while (true) {
    const std::size_t end = std::min(line.find(',', start), line.size());
    std::size_t a = start, b = end;
    while (a < b && blank(line[a])) ++a;
    while (b > a && blank(line[b - 1])) --b;
    if (dialect == CsvDialect::kQuoted && b - a >= 2 && line[a] == '"' && line[b - 1] == '"') {
      ++a;
      --b;
    }
    out.push_back(CsvField{line.substr(a, b - a), static_cast<int>(a) + 1});
    if (end == line.size()) break;
    start = end + 1;
  }
  return out;
}

std::optional<double> parse_csv_number(const std::string& s) {
  double v = 0.0;
  const char* first = s.data();
  const char* last = s.data() + s.size();
  if (first != last && *first == '+') ++first;
  const auto [ptr, ec] = std::from_chars(first, last, v);
  if (ec != std::errc() || ptr != last || !std::isfinite(v)) return std::nullopt;
  return v;
}

std::optional<sim::Time> parse_csv_date_time(const std::string& s, const sim::Calendar& calendar) {
  sim::CivilDate date;
  int hour = 0, minute = 0;
  if (!sim::parse_date_time(s, date, hour, minute)) return std::nullopt;
  return calendar.time_of(date) + sim::hours(hour) + sim::minutes(minute);
}

}  // namespace dcsim::models
