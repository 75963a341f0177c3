// Reader of EnergyPlus weather files (EPW), after the EnergyPlus "Auxiliary Programs" documentation,
// section "EnergyPlus Weather File (EPW) Data Dictionary":
//   header lines LOCATION (city, state, country, source, WMO, latitude, longitude, time zone,
//   elevation), DESIGN CONDITIONS, TYPICAL/EXTREME PERIODS, GROUND TEMPERATURES,
//   HOLIDAYS/DAYLIGHT SAVINGS, COMMENTS 1, COMMENTS 2, DATA PERIODS (count, records per hour, ...);
//   then one row per record with 35 fields: year, month, day, hour (1..24, hour ending), minute,
//   source flags, dry bulb, dew point, RH, pressure, ..., wind direction (20), wind speed (21), ...
// Record k (0-based) of hour h on day d of the year stands at ((d*24 + h - 1) + (k+1)/n) * 3600 s,
// n records per hour; the year column is ignored (typical years mix years), and a file containing
// February 29th uses a leap calendar. Missing values (99.9 degC, 999 % RH, 999999 Pa, 999 m/s) are
// filled: a dew point from the record's RH when that is there, otherwise by linear interpolation
// between the nearest valid records, for gaps of at most 24 hours; a missing pressure throughout the
// file becomes the standard pressure at the site's elevation. RH and wet bulb are recomputed from
// dry bulb, dew point and pressure, so every record is psychrometrically consistent.
// Completeness: every hour holds the header's records-per-hour; missing records (a jump in time)
// are interpolated over at most 24 hours, longer gaps are an error at the record after them; a
// file reaching both ends of its year (within 24 h) repeats yearly, a shorter one is used only for
// a simulated period it covers.
#pragma once

#include <istream>
#include <optional>
#include <stdexcept>
#include <string>

#include "models/weather.hpp"

namespace dcsim::models {

class EpwError : public std::runtime_error {
 public:
  // line 0 when the problem concerns the whole file; field empty when no single field is at fault.
  EpwError(std::string path, int line, std::string field, const std::string& what);
  const std::string& path() const { return path_; }
  int line() const { return line_; }
  const std::string& field() const { return field_; }

 private:
  std::string path_;
  int line_;
  std::string field_;
};

// A span of simulated time in seconds of the weather year (January 1st 00:00 = 0; the end may lie
// beyond the year for a run longer than one).
struct EpwSpan {
  double start_s = 0;
  double end_s = 0;
};

// With `must_cover`, a file that does not reach both ends of its year (and so is not repeated
// yearly) must cover the span, else EpwError at its first or last record.
WeatherSeries read_epw(const std::string& path, std::optional<EpwSpan> must_cover = std::nullopt);
// `source_name` stands for the path in error messages.
WeatherSeries read_epw(std::istream& in, const std::string& source_name, std::optional<EpwSpan> must_cover = std::nullopt);

}  // namespace dcsim::models
