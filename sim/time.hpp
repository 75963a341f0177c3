// Simulation time: int64 ticks of one millisecond, and the civil calendar of a run's period.
// Integer time gives every event a total order that is the same on every run and machine; the
// millisecond resolution is far finer than anything in a cooling plant and spans 292 million years.
// Calendar arithmetic uses the proleptic Gregorian calendar (H. Hinnant's days_from_civil
// algorithms, public domain), in local standard time of the site: no daylight saving, as in EPW files.
#pragma once

#include <cmath>
#include <cstdint>
#include <string>

namespace dcsim::sim {

using Time = std::int64_t;
inline constexpr Time kTicksPerSecond = 1000;
inline constexpr Time kTimeMax = INT64_MAX;

constexpr Time seconds(std::int64_t s) { return s * kTicksPerSecond; }
constexpr Time minutes(std::int64_t m) { return m * 60 * kTicksPerSecond; }
constexpr Time hours(std::int64_t h) { return h * 3600 * kTicksPerSecond; }
constexpr Time days(std::int64_t d) { return d * 86400 * kTicksPerSecond; }
// Nearest tick to a duration in seconds (ties away from zero).
inline Time from_seconds(double s) { return static_cast<Time>(std::llround(s * kTicksPerSecond)); }
constexpr double to_seconds(Time t) { return static_cast<double>(t) / kTicksPerSecond; }
constexpr double to_hours(Time t) { return static_cast<double>(t) / (3600.0 * kTicksPerSecond); }

struct CivilDate {
  int year = 2025;
  int month = 1;  // 1..12
  int day = 1;    // 1..31
  friend bool operator==(const CivilDate&, const CivilDate&) = default;
};

struct CivilDateTime {
  CivilDate date;
  int hour = 0;          // 0..23
  int minute = 0;        // 0..59
  double second = 0.0;   // [0, 60)
  int weekday = 0;       // 0 = Monday .. 6 = Sunday (ISO 8601)
  int day_of_year = 0;   // 0 = January 1st
};

// Days since 1970-01-01 of a civil date, and back.
constexpr std::int64_t days_from_civil(int y, int m, int d) {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}
constexpr CivilDate civil_from_days(std::int64_t z) {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t y = static_cast<std::int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return CivilDate{static_cast<int>(y + (m <= 2)), static_cast<int>(m), static_cast<int>(d)};
}
constexpr bool is_leap_year(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }
constexpr int days_in_month(int y, int m) {
  constexpr int kDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && is_leap_year(y) ? 29 : kDays[m - 1];
}
constexpr bool is_valid_date(const CivilDate& d) {
  return d.month >= 1 && d.month <= 12 && d.day >= 1 && d.day <= days_in_month(d.year, d.month);
}

// The calendar of a run: time 0 is midnight at the start of `start`.
class Calendar {
 public:
  explicit Calendar(CivilDate start = {});
  const CivilDate& start() const { return start_; }
  CivilDateTime at(Time t) const;
  // Time of midnight starting the given date (may be negative before the start).
  Time time_of(const CivilDate& d) const;
  // Seconds since January 1st 00:00 of the calendar year that contains t (weather files count so).
  double seconds_of_year(Time t) const;
  // Months since the start month of the period (0 for the first month), for monthly tables.
  int month_index(Time t) const;

 private:
  CivilDate start_;
  std::int64_t start_days_;
};

// "2025-03-01" or "2025-03-01 10:30" (or with 'T'); false if malformed or not a real date.
bool parse_date_time(const std::string& text, CivilDate& date, int& hour, int& minute);
std::string format_date(const CivilDate& d);  // "2025-03-01"
std::string format_date_time(const CivilDateTime& dt);

}  // namespace dcsim::sim
