#include "models/weather.hpp"

#include <algorithm>
#include <cmath>

#include "models/psychrometrics.hpp"
#include "sim/check.hpp"

namespace dcsim::models {

WeatherRecord make_weather_record(double time_s, double dry_bulb_c, double dew_point_c, double pressure_pa,
                                  double wind_speed_m_s) {
  WeatherRecord r;
  r.time_s = time_s;
  r.dry_bulb_c = dry_bulb_c;
  // A dew point above the dry bulb (rounding in a file) is saturation.
  r.dew_point_c = std::min(dew_point_c, dry_bulb_c);
  r.pressure_pa = pressure_pa;
  r.rh_pct = relative_humidity_from_dew_point_pct(dry_bulb_c, r.dew_point_c);
  r.wet_bulb_c = wet_bulb_from_dew_point_c(dry_bulb_c, r.dew_point_c, pressure_pa);
  r.wind_speed_m_s = wind_speed_m_s;
  return r;
}

WeatherSeries::WeatherSeries(SiteInfo site, std::vector<WeatherRecord> records, double period_s, bool has_wind)
    : site_(std::move(site)), records_(std::move(records)), period_s_(period_s), has_wind_(has_wind) {
  require(records_.size() >= 2, "records", "must hold at least 2 records (got {})", records_.size());
  for (std::size_t i = 0; i < records_.size(); ++i) {
    const WeatherRecord& r = records_[i];
    require(std::isfinite(r.time_s), "records.time_s", "must be finite (got {} at record {})", r.time_s, i);
    require(i == 0 || r.time_s > records_[i - 1].time_s, "records.time_s",
            "must increase strictly (got {} after {} at record {})", r.time_s,
            i == 0 ? 0.0 : records_[i - 1].time_s, i);
    require(r.dry_bulb_c > -100.0 && r.dry_bulb_c < 70.0, "records.dry_bulb_c",
            "must be in (-100, 70) degC (got {} at record {})", r.dry_bulb_c, i);
    require(r.dew_point_c <= r.dry_bulb_c && r.wet_bulb_c <= r.dry_bulb_c, "records.dew_point_c",
            "and wet bulb must not exceed the dry bulb (got dew point {}, wet bulb {}, dry bulb {} at record {})",
            r.dew_point_c, r.wet_bulb_c, r.dry_bulb_c, i);
    require(r.rh_pct >= 0.0 && r.rh_pct <= 100.0, "records.rh_pct", "must be in [0, 100] (got {} at record {})",
            r.rh_pct, i);
    require(r.pressure_pa > 30000.0 && r.pressure_pa < 120000.0, "records.pressure_pa",
            "must be in (30000, 120000) Pa (got {} at record {})", r.pressure_pa, i);
    require(r.wind_speed_m_s >= 0.0, "records.wind_speed_m_s", "must be non-negative (got {} at record {})",
            r.wind_speed_m_s, i);
  }
  const double span_s = records_.back().time_s - records_.front().time_s;
  if (period_s_ == 0.0) period_s_ = span_s * static_cast<double>(records_.size()) / (records_.size() - 1);
  require(period_s_ > span_s, "period_s", "must exceed the records' span of {} s (got {})", span_s, period_s_);
}

namespace {
double lerp(double a, double b, double f) { return a + (b - a) * f; }
}  // namespace

WeatherRecord WeatherSeries::at(double t_s) const {
  const double t0 = records_.front().time_s;
  const double u = t0 + (t_s - t0) - period_s_ * std::floor((t_s - t0) / period_s_);
  auto it = std::upper_bound(records_.begin(), records_.end(), u,
                             [](double v, const WeatherRecord& r) { return v < r.time_s; });
  if (it == records_.begin()) ++it;  // u rounded a hair below the first record
  const WeatherRecord& a = *(it - 1);
  const WeatherRecord& b = it == records_.end() ? records_.front() : *it;
  const double tb = it == records_.end() ? t0 + period_s_ : b.time_s;
  const double f = std::clamp((u - a.time_s) / (tb - a.time_s), 0.0, 1.0);
  WeatherRecord r;
  r.time_s = t_s;
  r.dry_bulb_c = lerp(a.dry_bulb_c, b.dry_bulb_c, f);
  r.dew_point_c = lerp(a.dew_point_c, b.dew_point_c, f);
  r.rh_pct = lerp(a.rh_pct, b.rh_pct, f);
  r.pressure_pa = lerp(a.pressure_pa, b.pressure_pa, f);
  r.wet_bulb_c = lerp(a.wet_bulb_c, b.wet_bulb_c, f);
  r.wind_speed_m_s = lerp(a.wind_speed_m_s, b.wind_speed_m_s, f);
  return r;
}

double WeatherSeries::next_record_time_after(double t_s) const {
  // Whole cycles are counted apart from the offset inside the cycle, so record times come back
  // exactly (integer seconds stay integers) and asking again at the returned time moves on.
  const double t0 = records_.front().time_s;
  const double cycles = std::floor((t_s - t0) / period_s_);
  const double u = t_s - cycles * period_s_;
  auto it = std::upper_bound(records_.begin(), records_.end(), u,
                             [](double v, const WeatherRecord& r) { return v < r.time_s; });
  if (it == records_.end()) return (cycles + 1.0) * period_s_ + t0;
  return cycles * period_s_ + it->time_s;
}

}  // namespace dcsim::models
