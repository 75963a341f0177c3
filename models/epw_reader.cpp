#include "models/epw_reader.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <optional>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include "models/psychrometrics.hpp"
#include "sim/time.hpp"

namespace dcsim::models {

EpwError::EpwError(std::string path, int line, std::string field, const std::string& what)
    : std::runtime_error(fmt::format("{}{}{}{}", path, line > 0 ? fmt::format(": line {}", line) : "",
                                     field.empty() ? "" : fmt::format(", field '{}'", field), ": " + what)),
      path_(std::move(path)),
      line_(line),
      field_(std::move(field)) {}

namespace {

constexpr int kFieldCount = 35;
constexpr int kMaxGapHours = 24;

// Column, name and "missing" code of the quantities read (EnergyPlus data dictionary).
struct Column {
  int index;
  const char* name;
  double missing;  // values at or beyond this magnitude are missing
};
constexpr Column kDryBulb{6, "dry bulb", 99.9};
constexpr Column kDewPoint{7, "dew point", 99.9};
constexpr Column kRh{8, "relative humidity", 999.0};
constexpr Column kPressure{9, "pressure", 999999.0};
constexpr Column kWind{21, "wind speed", 999.0};

std::vector<std::string_view> split(std::string_view line) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  while (true) {
    const std::size_t comma = line.find(',', start);
    out.push_back(line.substr(start, comma == std::string_view::npos ? std::string_view::npos : comma - start));
    if (comma == std::string_view::npos) return out;
    start = comma + 1;
  }
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

std::optional<double> to_number(std::string_view text) {
  const std::string s(trim(text));
  if (s.empty()) return std::nullopt;
  char* end = nullptr;
  const double v = std::strtod(s.c_str(), &end);
  if (end != s.c_str() + s.size() || !std::isfinite(v)) return std::nullopt;
  return v;
}

class Parser {
 public:
  Parser(std::istream& in, std::string path, std::optional<EpwSpan> must_cover)
      : in_(in), path_(std::move(path)), must_cover_(must_cover) {}

  WeatherSeries parse();

 private:
  struct Row {
    int line;
    int month, day, hour;
    double dry_bulb_c, dew_point_c, rh_pct, pressure_pa, wind_m_s;  // NaN when missing
  };

  [[noreturn]] void fail(int line, const std::string& field, const std::string& what) const {
    throw EpwError(path_, line, field, what);
  }
  double number(const std::vector<std::string_view>& f, std::size_t i, const char* name) const {
    if (i >= f.size()) fail(line_, name, "missing");
    const auto v = to_number(f[i]);
    if (!v) fail(line_, name, fmt::format("expected a number, found '{}'", trim(f[i])));
    return *v;
  }
  int integer(const std::vector<std::string_view>& f, std::size_t i, const char* name, int lo, int hi) const {
    const double v = number(f, i, name);
    if (v != std::floor(v) || v < lo || v > hi) {
      fail(line_, name, fmt::format("expected an integer in [{}, {}], found '{}'", lo, hi, trim(f[i])));
    }
    return static_cast<int>(v);
  }
  double value(const std::vector<std::string_view>& f, const Column& c) const {
    const double v = number(f, c.index, c.name);
    return std::abs(v) >= c.missing ? std::nan("") : v;
  }
  void fill_gaps(std::vector<Row>& rows, double Row::*member, const char* name, int records_per_hour) const;

  std::istream& in_;
  std::string path_;
  std::optional<EpwSpan> must_cover_;
  int line_ = 0;
};

// "Jul 1 01:00" for a time in seconds of the weather year; the end of a span at midnight is written
// as that day's 24:00 (the EPW's hour-ending notation).
std::string weather_time(double t_s, bool leap, bool end) {
  static const char* const kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const int year = leap ? 2000 : 2001;
  const double year_s = (leap ? 366.0 : 365.0) * 86400.0;
  const long cycles = static_cast<long>(std::floor(t_s / year_s));
  double u = t_s - static_cast<double>(cycles) * year_s;
  long minutes = std::lround(u / 60.0);
  long day = minutes / 1440;
  long minute_of_day = minutes % 1440;
  if (end && minute_of_day == 0 && day > 0) {
    --day;
    minute_of_day = 1440;
  }
  int month = 1;
  while (month < 12 && day >= sim::days_in_month(year, month)) day -= sim::days_in_month(year, month++);
  const std::string when = fmt::format("{} {} {:02}:{:02}", kMonths[month - 1], day + 1, minute_of_day / 60, minute_of_day % 60);
  return cycles == 0 ? when : fmt::format("{} (year {} of the run)", when, cycles + 1);
}

void Parser::fill_gaps(std::vector<Row>& rows, double Row::*member, const char* name,
                       int records_per_hour) const {
  const std::size_t n = rows.size();
  std::size_t i = 0;
  while (i < n) {
    if (!std::isnan(rows[i].*member)) {
      ++i;
      continue;
    }
    std::size_t j = i;
    while (j < n && std::isnan(rows[j].*member)) ++j;
    const std::size_t gap = j - i;
    if (gap > static_cast<std::size_t>(kMaxGapHours * records_per_hour)) {
      fail(rows[i].line, name,
           fmt::format("{} consecutive missing values from here (at most {} hours are filled by interpolation)",
                       gap, kMaxGapHours));
    }
    if (i == 0 && j == n) fail(0, name, "missing in every record");
    for (std::size_t k = i; k < j; ++k) {
      if (i == 0) {
        rows[k].*member = rows[j].*member;
      } else if (j == n) {
        rows[k].*member = rows[i - 1].*member;
      } else {
        const double f = static_cast<double>(k - i + 1) / static_cast<double>(gap + 1);
        rows[k].*member = rows[i - 1].*member + f * (rows[j].*member - rows[i - 1].*member);
      }
    }
    i = j;
  }
}

WeatherSeries Parser::parse() {
  SiteInfo site;
  int records_per_hour = 0;
  int data_periods_line = 0;
  bool seen_location = false;
  std::string text;
  while (records_per_hour == 0 && std::getline(in_, text)) {
    ++line_;
    const auto f = split(text);
    const std::string_view key = trim(f[0]);
    if (line_ == 1 && key != "LOCATION") {
      fail(line_, "", fmt::format("expected the EPW header line 'LOCATION,...', found '{}'", text.substr(0, 40)));
    }
    if (key == "LOCATION") {
      if (f.size() < 10) fail(line_, "LOCATION", fmt::format("expected 10 fields, found {}", f.size()));
      site.name = std::string(trim(f[1]));
      site.latitude_deg = number(f, 6, "latitude");
      site.longitude_deg = number(f, 7, "longitude");
      site.time_zone_h = number(f, 8, "time zone");
      site.elevation_m = number(f, 9, "elevation");
      seen_location = true;
    } else if (key == "DATA PERIODS") {
      if (!seen_location) fail(line_, "", "DATA PERIODS before LOCATION");
      records_per_hour = integer(f, 2, "records per hour", 1, 60);
      data_periods_line = line_;
      if (60 % records_per_hour != 0) {
        fail(line_, "records per hour", fmt::format("must divide 60 (found {})", records_per_hour));
      }
    }
  }
  if (line_ == 0) fail(0, "", "empty file");
  if (records_per_hour == 0) fail(line_, "", "end of file before the 'DATA PERIODS' header line");

  std::vector<Row> rows;
  bool leap = false;
  while (std::getline(in_, text)) {
    ++line_;
    if (trim(text).empty()) continue;
    const auto f = split(text);
    if (static_cast<int>(f.size()) < kFieldCount) {
      fail(line_, "", fmt::format("expected {} comma-separated fields, found {}", kFieldCount, f.size()));
    }
    Row r;
    r.line = line_;
    integer(f, 0, "year", -9999, 9999);
    r.month = integer(f, 1, "month", 1, 12);
    r.day = integer(f, 2, "day", 1, 31);
    if (r.day > sim::days_in_month(2000, r.month)) {
      fail(line_, "day", fmt::format("month {} has no day {}", r.month, r.day));
    }
    leap = leap || (r.month == 2 && r.day == 29);
    r.hour = integer(f, 3, "hour", 1, 24);
    integer(f, 4, "minute", 0, 60);
    r.dry_bulb_c = value(f, kDryBulb);
    r.dew_point_c = value(f, kDewPoint);
    r.rh_pct = value(f, kRh);
    r.pressure_pa = value(f, kPressure);
    r.wind_m_s = value(f, kWind);
    rows.push_back(r);
  }
  if (rows.size() < 2) fail(line_, "", fmt::format("expected at least 2 data records, found {}", rows.size()));

  // Times: position within the hour gives the sub-hourly offset.
  const int year = leap ? 2000 : 2001;
  const double step_s = 3600.0 / records_per_hour;
  std::vector<double> times(rows.size());
  int k = 0;
  // Every hour holds the header's number of records: an hourly file under a header of 4 per hour
  // would otherwise place each record a quarter hour in and leave the rest of the hour invented.
  auto check_hour = [&](std::size_t first, std::size_t count) {
    if (static_cast<int>(count) == records_per_hour) return;
    const Row& r = rows[first];
    fail(r.line, "hour",
         fmt::format("month {} day {} hour {} has {} record{}, but the DATA PERIODS line (line {}) says {} records per hour",
                     r.month, r.day, r.hour, count, count == 1 ? "" : "s", data_periods_line, records_per_hour));
  };
  std::size_t hour_first = 0;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const Row& r = rows[i];
    const bool same_hour = i > 0 && r.month == rows[i - 1].month && r.day == rows[i - 1].day &&
                           r.hour == rows[i - 1].hour;
    if (i > 0 && !same_hour) {
      check_hour(hour_first, i - hour_first);
      hour_first = i;
    }
    k = same_hour ? k + 1 : 0;
    if (k >= records_per_hour) {
      fail(r.line, "hour", fmt::format("more than {} records for month {} day {} hour {}", records_per_hour,
                                       r.month, r.day, r.hour));
    }
    const auto day_of_year = sim::days_from_civil(year, r.month, r.day) - sim::days_from_civil(year, 1, 1);
    times[i] = (static_cast<double>(day_of_year) * 24.0 + r.hour - 1) * 3600.0 + (k + 1) * step_s;
    if (i > 0 && times[i] <= times[i - 1]) {
      fail(r.line, "", fmt::format("time goes backwards: month {} day {} hour {} follows month {} day {} hour {}",
                                   r.month, r.day, r.hour, rows[i - 1].month, rows[i - 1].day, rows[i - 1].hour));
    }
    // Missing records (not missing values): a gap in time longer than the interpolation limit would
    // run the simulation on invented weather (a file without July).
    if (i > 0 && times[i] - times[i - 1] - step_s > kMaxGapHours * 3600.0 + 1e-6) {
      fail(r.line, "", fmt::format("no records for {:.4g} hours before this one (the previous record is month {} day {} hour {}, "
                                   "line {}): at most {} hours of missing records are interpolated",
                                   (times[i] - times[i - 1] - step_s) / 3600.0, rows[i - 1].month, rows[i - 1].day,
                                   rows[i - 1].hour, rows[i - 1].line, kMaxGapHours));
    }
  }
  check_hour(hour_first, rows.size() - hour_first);

  fill_gaps(rows, &Row::dry_bulb_c, kDryBulb.name, records_per_hour);
  for (Row& r : rows) {
    if (std::isnan(r.dew_point_c) && !std::isnan(r.rh_pct) && r.rh_pct > 0.0) {
      r.dew_point_c = dew_point_from_relative_humidity_c(r.dry_bulb_c, std::min(r.rh_pct, 100.0));
    }
  }
  fill_gaps(rows, &Row::dew_point_c, kDewPoint.name, records_per_hour);
  const bool no_pressure = std::all_of(rows.begin(), rows.end(), [](const Row& r) { return std::isnan(r.pressure_pa); });
  if (no_pressure) {
    for (Row& r : rows) r.pressure_pa = standard_pressure_pa(site.elevation_m);
  }
  fill_gaps(rows, &Row::pressure_pa, kPressure.name, records_per_hour);
  const bool has_wind = !std::all_of(rows.begin(), rows.end(), [](const Row& r) { return std::isnan(r.wind_m_s); });
  if (has_wind) {
    fill_gaps(rows, &Row::wind_m_s, kWind.name, records_per_hour);
  } else {
    for (Row& r : rows) r.wind_m_s = 0.0;
  }

  std::vector<WeatherRecord> records;
  records.reserve(rows.size());
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const Row& r = rows[i];
    if (r.dry_bulb_c <= -90.0 || r.dry_bulb_c >= 70.0) {
      fail(r.line, kDryBulb.name, fmt::format("{} degC is outside (-90, 70)", r.dry_bulb_c));
    }
    if (r.dew_point_c <= -100.0) fail(r.line, kDewPoint.name, fmt::format("{} degC is below -100", r.dew_point_c));
    if (r.pressure_pa <= 31000.0 || r.pressure_pa >= 120000.0) {
      fail(r.line, kPressure.name, fmt::format("{} Pa is outside (31000, 120000)", r.pressure_pa));
    }
    if (r.wind_m_s < 0.0) fail(r.line, kWind.name, fmt::format("{} m/s is negative", r.wind_m_s));
    records.push_back(make_weather_record(times[i], r.dry_bulb_c, r.dew_point_c, r.pressure_pa, r.wind_m_s));
  }
  // A file reaching both ends of the year (within the interpolation limit, gaps inside it checked
  // above) cycles with the year; a shorter file with its own span, and must then cover the period.
  const double year_s = (leap ? 366.0 : 365.0) * 86400.0;
  const double limit_s = kMaxGapHours * 3600.0 + 1e-6;
  const bool whole_year = times.front() - step_s <= limit_s && year_s - times.back() <= limit_s;
  if (must_cover_ && !whole_year) {
    // Record k of an hour stands for the step before it; the file covers [first - step, last].
    const double first_s = times.front() - step_s;
    const double last_s = times.back();
    const std::string hint = "a file shorter than a year must cover the whole simulated period; it is not repeated "
                             "or wrapped";
    if (must_cover_->start_s < first_s - 1e-6) {
      fail(rows.front().line, "",
           fmt::format("the file's first record (month {} day {} hour {}) starts at {}, after the start of the simulated "
                       "period at {}: {}", rows.front().month, rows.front().day, rows.front().hour, weather_time(first_s, leap, false),
                       weather_time(must_cover_->start_s, leap, false), hint));
    }
    if (must_cover_->end_s > last_s + 1e-6) {
      fail(rows.back().line, "",
           fmt::format("the file's last record (month {} day {} hour {}) ends at {}, before the end of the simulated "
                       "period at {}: {}", rows.back().month, rows.back().day, rows.back().hour, weather_time(last_s, leap, true),
                       weather_time(must_cover_->end_s, leap, true), hint));
    }
  }
  return WeatherSeries(site, std::move(records), whole_year ? year_s : 0.0, has_wind);
}

}  // namespace

WeatherSeries read_epw(std::istream& in, const std::string& source_name, std::optional<EpwSpan> must_cover) {
  return Parser(in, source_name, must_cover).parse();
}

WeatherSeries read_epw(const std::string& path, std::optional<EpwSpan> must_cover) {
  std::ifstream in(path);
  if (!in) throw EpwError(path, 0, "", "cannot open the file");
  return read_epw(in, path, must_cover);
}

}  // namespace dcsim::models
