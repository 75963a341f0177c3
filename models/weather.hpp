// Weather as a series of records in time, as a weather file or the site generator gives it.
// Records are instantaneous values at their time (the EPW convention: the hour-ending time stamp).
// Between records every quantity is interpolated linearly in time; a convex combination keeps
// wet bulb <= dry bulb and RH within [0, 100] without re-solving the psychrometrics at each call.
// The series repeats with its period (a year for typical-year data): a run that crosses New Year or
// lasts several years reads t modulo the period. Each record is a step in the inputs of the plant,
// so next_record_time_after() gives the simulator its next weather event.
#pragma once

#include <string>
#include <vector>

namespace dcsim::models {

struct SiteInfo {
  std::string name;
  double latitude_deg = 0.0;   // north positive
  double longitude_deg = 0.0;  // east positive
  double elevation_m = 0.0;
  double time_zone_h = 0.0;    // standard time offset from UTC (no daylight saving)
};

struct WeatherRecord {
  double time_s = 0.0;  // seconds since January 1st 00:00 of the weather year, local standard time
  double dry_bulb_c = 0.0;
  double dew_point_c = 0.0;
  double rh_pct = 0.0;
  double pressure_pa = 0.0;
  double wet_bulb_c = 0.0;  // thermodynamic, computed from dry bulb, dew point and pressure
  double wind_speed_m_s = 0.0;
};

// A record from what weather files measure; RH and wet bulb follow from the psychrometrics.
WeatherRecord make_weather_record(double time_s, double dry_bulb_c, double dew_point_c, double pressure_pa,
                                  double wind_speed_m_s = 0.0);

class WeatherSeries {
 public:
  // Records strictly increasing in time. period_s is the length of one cycle and must exceed the
  // records' span; 0 means the span plus one mean record interval (a contiguous file).
  WeatherSeries(SiteInfo site, std::vector<WeatherRecord> records, double period_s = 0.0,
                bool has_wind = false);

  const SiteInfo& site() const { return site_; }
  const std::vector<WeatherRecord>& records() const { return records_; }
  double period_s() const { return period_s_; }
  bool has_wind() const { return has_wind_; }
  std::size_t size() const { return records_.size(); }

  // The weather at t (seconds since January 1st 00:00 of the weather year; any real t, wrapped).
  WeatherRecord at(double t_s) const;
  // The first record time strictly after t, in the same unwrapped time frame as t.
  double next_record_time_after(double t_s) const;

 private:
  SiteInfo site_;
  std::vector<WeatherRecord> records_;
  double period_s_;
  bool has_wind_;
};

}  // namespace dcsim::models
