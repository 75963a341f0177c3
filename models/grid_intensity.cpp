#include "models/grid_intensity.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <optional>

#include "sim/check.hpp"

namespace dcsim::models {

const char* to_string(IntensityBasis b) {
  return b == IntensityBasis::average ? "average" : "marginal";
}

namespace {

void check_values(const double* v, std::size_t n) {
  for (std::size_t i = 0; i < n; ++i) {
    require(std::isfinite(v[i]) && v[i] >= 0, "intensity_g_per_kwh",
            "must be finite and >= 0 gCO2e/kWh (got {} at index {})", v[i], i);
  }
}

sim::Time floor_div(sim::Time a, sim::Time b) {
  return a / b - ((a % b != 0) && ((a < 0) != (b < 0)));
}

}  // namespace

GridIntensity::GridIntensity(Kind kind, std::vector<double> values, const sim::Calendar& calendar,
                             IntensityBasis basis)
    : kind_(kind), values_(std::move(values)), calendar_(calendar), basis_(basis) {
  check_values(values_.data(), values_.size());
}

GridIntensity GridIntensity::constant(double g_per_kwh, IntensityBasis basis) {
  return GridIntensity(Kind::constant, {g_per_kwh}, sim::Calendar{}, basis);
}

GridIntensity GridIntensity::monthly(const std::array<double, 12>& v, const sim::Calendar& calendar,
                                     IntensityBasis basis) {
  return GridIntensity(Kind::monthly, {v.begin(), v.end()}, calendar, basis);
}

GridIntensity GridIntensity::hourly(const std::array<double, 24>& v, const sim::Calendar& calendar,
                                    IntensityBasis basis) {
  return GridIntensity(Kind::hourly, {v.begin(), v.end()}, calendar, basis);
}

GridIntensity GridIntensity::weekly(const std::array<std::array<double, 24>, 7>& v,
                                    const sim::Calendar& calendar, IntensityBasis basis) {
  std::vector<double> flat;
  for (const auto& day : v) flat.insert(flat.end(), day.begin(), day.end());
  return GridIntensity(Kind::weekly, std::move(flat), calendar, basis);
}

GridIntensity GridIntensity::trace(std::vector<IntensityPoint> points, IntensityBasis basis) {
  require(!points.empty(), "trace", "must hold at least one point (got {})", points.size());
  std::vector<double> values;
  std::vector<sim::Time> times;
  for (std::size_t i = 0; i < points.size(); ++i) {
    if (i > 0) {
      require(points[i].time > points[i - 1].time, "trace",
              "times must be strictly increasing (point {} at {} s follows {} s)", i,
              sim::to_seconds(points[i].time), sim::to_seconds(points[i - 1].time));
    }
    values.push_back(points[i].intensity_g_per_kwh);
    times.push_back(points[i].time);
  }
  GridIntensity g(Kind::trace, std::move(values), sim::Calendar{}, basis);
  g.times_ = std::move(times);
  return g;
}

std::size_t GridIntensity::index_at(sim::Time t) const {
  switch (kind_) {
    case Kind::constant:
      return 0;
    case Kind::monthly:
      return static_cast<std::size_t>(calendar_.at(t).date.month - 1);
    case Kind::hourly:
      return static_cast<std::size_t>(calendar_.at(t).hour);
    case Kind::weekly: {
      const sim::CivilDateTime dt = calendar_.at(t);
      return static_cast<std::size_t>(dt.weekday * 24 + dt.hour);
    }
    case Kind::trace: {
      const auto it = std::upper_bound(times_.begin(), times_.end(), t);
      return it == times_.begin() ? 0 : static_cast<std::size_t>(it - times_.begin() - 1);
    }
  }
  return 0;
}

double GridIntensity::at(sim::Time t) const { return values_[index_at(t)]; }

sim::Time GridIntensity::next_step_after(sim::Time t) const {
  if (kind_ == Kind::monthly) {
    const sim::CivilDate d = calendar_.at(t).date;
    return calendar_.time_of(d.month == 12 ? sim::CivilDate{d.year + 1, 1, 1}
                                           : sim::CivilDate{d.year, d.month + 1, 1});
  }
  // Hour boundaries: calendar time 0 is a midnight, so they are the multiples of one hour.
  return (floor_div(t, sim::hours(1)) + 1) * sim::hours(1);
}

sim::Time GridIntensity::next_change_after(sim::Time t) const {
  const double now = at(t);
  if (kind_ == Kind::constant) return sim::kTimeMax;
  if (kind_ == Kind::trace) {
    auto it = std::upper_bound(times_.begin(), times_.end(), t);
    for (; it != times_.end(); ++it) {
      if (values_[static_cast<std::size_t>(it - times_.begin())] != now) return *it;
    }
    return sim::kTimeMax;
  }
  // A periodic profile: after one full cycle of steps without a change it never changes.
  sim::Time s = t;
  for (std::size_t i = 0; i < values_.size(); ++i) {
    s = next_step_after(s);
    if (at(s) != now) return s;
  }
  return sim::kTimeMax;
}

std::vector<IntensityPoint> read_intensity_trace(std::istream& in, const std::string& file_name,
                                                 const sim::Calendar& calendar) {
  const auto fail = [&](int line, int column, const std::string& what) {
    throw TraceFileError(file_name, line, column, what);
  };
  std::vector<IntensityPoint> points;
  std::string line;
  TraceLines lines(in);
  bool header_seen = false;
  while (lines.next(line)) {
    const int line_no = lines.line_no();
    const std::vector<CsvField> f = split_csv_fields(line, CsvDialect::kPlain);
    if (!header_seen) {
      if (f.size() != 2 || f[0].text != "timestamp" || f[1].text != "intensity_g_per_kwh") {
        fail(line_no, 1,
             fmt::format("expected the header 'timestamp,intensity_g_per_kwh' (found '{}')", line));
      }
      header_seen = true;
      continue;
    }
    if (f.size() != 2) {
      fail(line_no, f.size() > 2 ? f[2].column : static_cast<int>(line.size()) + 1,
           fmt::format("expected 2 fields 'timestamp,intensity_g_per_kwh' (found {})", f.size()));
    }
    IntensityPoint p;
    if (const auto at = parse_csv_date_time(f[0].text, calendar)) {
      p.time = *at;
    } else if (const auto seconds = parse_csv_number(f[0].text)) {
      p.time = sim::from_seconds(*seconds);
    } else {
      fail(line_no, f[0].column,
           fmt::format("timestamp must be 'YYYY-MM-DD HH:MM' or seconds since the period start "
                       "(found '{}')",
                       f[0].text));
    }
    const std::optional<double> intensity = parse_csv_number(f[1].text);
    if (!intensity) {
      fail(line_no, f[1].column,
           fmt::format("intensity_g_per_kwh must be a number (found '{}')", f[1].text));
    }
    p.intensity_g_per_kwh = *intensity;
    if (p.intensity_g_per_kwh < 0) {
      fail(line_no, f[1].column,
           fmt::format("intensity_g_per_kwh must be >= 0 (found {})", p.intensity_g_per_kwh));
    }
    if (!points.empty() && p.time <= points.back().time) {
      fail(line_no, f[0].column,
           fmt::format("timestamps must increase strictly ('{}' is not after the previous record)",
                       f[0].text));
    }
    points.push_back(p);
  }
  const int line_no = lines.line_no();
  if (!header_seen)
    fail(line_no + 1, 1, "empty file: expected the header 'timestamp,intensity_g_per_kwh'");
  if (points.empty()) fail(line_no + 1, 1, "no records after the header");
  return points;
}

std::vector<IntensityPoint> read_intensity_trace_file(const std::string& path,
                                                      const sim::Calendar& calendar) {
  std::ifstream in(path);
  if (!in) throw TraceFileError(path, 0, 0, "cannot open the file");
  return read_intensity_trace(in, path, calendar);
}

}  // namespace dcsim::models
