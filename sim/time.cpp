#include "sim/time.hpp"

#include <cstdio>

#include <fmt/format.h>

namespace dcsim::sim {

Calendar::Calendar(CivilDate start)
    : start_(start), start_days_(days_from_civil(start.year, start.month, start.day)) {}

CivilDateTime Calendar::at(Time t) const {
  // Floor division so that times before the start land on the right day.
  const Time per_day = days(1);
  std::int64_t day = t / per_day;
  Time rem = t % per_day;
  if (rem < 0) {
    rem += per_day;
    --day;
  }
  CivilDateTime out;
  const std::int64_t abs_day = start_days_ + day;
  out.date = civil_from_days(abs_day);
  const std::int64_t ms = rem;
  out.hour = static_cast<int>(ms / hours(1));
  out.minute = static_cast<int>((ms % hours(1)) / minutes(1));
  out.second = static_cast<double>(ms % minutes(1)) / kTicksPerSecond;
  // 1970-01-01 was a Thursday (ISO weekday index 3).
  out.weekday = static_cast<int>(((abs_day % 7) + 7 + 3) % 7);
  out.day_of_year = static_cast<int>(abs_day - days_from_civil(out.date.year, 1, 1));
  return out;
}

Time Calendar::time_of(const CivilDate& d) const {
  return days(days_from_civil(d.year, d.month, d.day) - start_days_);
}

double Calendar::seconds_of_year(Time t) const {
  const CivilDateTime dt = at(t);
  const Time jan1 = time_of(CivilDate{dt.date.year, 1, 1});
  return to_seconds(t - jan1);
}

int Calendar::month_index(Time t) const {
  const CivilDateTime dt = at(t);
  return (dt.date.year - start_.year) * 12 + (dt.date.month - start_.month);
}

bool parse_date_time(const std::string& text, CivilDate& date, int& hour, int& minute) {
  int y = 0, mo = 0, d = 0, h = 0, mi = 0;
  char sep = 0;
  int consumed = 0;
  hour = 0;
  minute = 0;
  if (std::sscanf(text.c_str(), "%4d-%2d-%2d%n", &y, &mo, &d, &consumed) != 3 || consumed != 10) {
    return false;
  }
  if (text.size() > 10) {
    int c2 = 0;
    if (std::sscanf(text.c_str() + 10, "%c%2d:%2d%n", &sep, &h, &mi, &c2) != 3 ||
        (sep != ' ' && sep != 'T') || 10 + static_cast<std::size_t>(c2) != text.size() || h < 0 ||
        h > 23 || mi < 0 || mi > 59) {
      return false;
    }
  }
  const CivilDate cd{y, mo, d};
  if (!is_valid_date(cd)) return false;
  date = cd;
  hour = h;
  minute = mi;
  return true;
}

std::string format_date(const CivilDate& d) { return fmt::format("{:04d}-{:02d}-{:02d}", d.year, d.month, d.day); }

std::string format_date_time(const CivilDateTime& dt) { return fmt::format("{} {:02d}:{:02d}", format_date(dt.date), dt.hour, dt.minute); }

}  // namespace dcsim::sim
