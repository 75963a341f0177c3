// EPW reader and WeatherSeries. Every file here is written by the test itself.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <fmt/format.h>

#include "models/epw_reader.hpp"
#include "models/psychrometrics.hpp"
#include "models/weather.hpp"
#include "sim/check.hpp"
#include "sim/time.hpp"

using namespace dcsim::models;
using Catch::Matchers::Contains;
using Catch::Matchers::WithinAbs;

namespace {

std::string header(int records_per_hour) {
  return fmt::format(
      "LOCATION,Testville,XX,TST,Test,000000,40.00,-75.50,-5.0,100.0\n"
      "DESIGN CONDITIONS,0\nTYPICAL/EXTREME PERIODS,0\nGROUND TEMPERATURES,0\n"
      "HOLIDAYS/DAYLIGHT SAVINGS,No,0,0,0\nCOMMENTS 1,written by test_epw_reader\nCOMMENTS 2,\n"
      "DATA PERIODS,1,{},Data,Sunday, 1/ 1,12/31\n",
      records_per_hour);
}

// One data row with the 35 fields of the EPW data dictionary (unread fields zero).
std::string row(int month, int day, int hour, int minute, double db, double dp, double rh, double p,
                double wind = 3.0) {
  std::string s = fmt::format("1999,{},{},{},{},?9?9?9?9E0?9?9?9?9*9?9?9?9?9?9?9?9?9?9?9*9*9?9?9?9,{},{},{},{}",
                              month, day, hour, minute, db, dp, rh, p);
  for (int i = 10; i < 35; ++i) s += i == 21 ? fmt::format(",{}", wind) : ",0";
  return s + "\n";
}

// Three days of hourly data: dry bulb 10 + hour_of_run/10, dew point 5, pressure 100000.
std::string three_days(int records_per_hour = 1) {
  std::string s = header(records_per_hour);
  for (int d = 1; d <= 3; ++d)
    for (int h = 1; h <= 24; ++h)
      for (int k = 0; k < records_per_hour; ++k) {
        const int i = ((d - 1) * 24 + h - 1) * records_per_hour + k;
        s += row(1, d, h, (k + 1) * 60 / records_per_hour, 10.0 + i / 10.0, 5.0, 70, 100000);
      }
  return s;
}

WeatherSeries parse(const std::string& text) {
  std::istringstream in(text);
  return read_epw(in, "test.epw");
}

std::string error_of(const std::string& text) {
  try {
    parse(text);
  } catch (const EpwError& e) {
    return e.what();
  }
  return "no error";
}

}  // namespace

TEST_CASE("EPW: header, times and values of an hourly file", "[epw]") {
  const WeatherSeries w = parse(three_days());
  CHECK(w.site().name == "Testville");
  CHECK(w.site().latitude_deg == 40.0);
  CHECK(w.site().longitude_deg == -75.5);
  CHECK(w.site().time_zone_h == -5.0);
  CHECK(w.site().elevation_m == 100.0);
  REQUIRE(w.size() == 72);
  CHECK(w.has_wind());
  // Hour 1 ends at 01:00: the first record stands at 3600 s; day 2 hour 5 at (24 + 5) h.
  CHECK(w.records()[0].time_s == 3600.0);
  CHECK(w.records()[28].time_s == 29 * 3600.0);
  CHECK(w.records()[28].dry_bulb_c == Approx(12.8));
  CHECK(w.period_s() == 72 * 3600.0);
  // RH and wet bulb follow from dry bulb, dew point and pressure.
  const WeatherRecord& r = w.records()[0];
  CHECK_THAT(r.rh_pct, WithinAbs(100.0 * saturation_pressure_pa(5.0) / saturation_pressure_pa(10.0), 1e-9));
  CHECK(r.wet_bulb_c < r.dry_bulb_c);
  CHECK(r.wet_bulb_c > r.dew_point_c);
  CHECK_THAT(humidity_ratio_from_wet_bulb(r.dry_bulb_c, r.wet_bulb_c, 100000.0),
             WithinAbs(humidity_ratio_from_dew_point(5.0, 100000.0), 1e-7));
  CHECK(r.wind_speed_m_s == 3.0);
}

TEST_CASE("EPW: sub-hourly records take their place inside the hour", "[epw]") {
  const WeatherSeries w = parse(three_days(4));
  REQUIRE(w.size() == 72 * 4);
  CHECK(w.records()[0].time_s == 900.0);
  CHECK(w.records()[3].time_s == 3600.0);
  CHECK(w.records()[5].time_s == 5400.0);
  CHECK(w.next_record_time_after(1000.0) == 1800.0);
}

TEST_CASE("EPW: missing values are filled from neighbours, RH or the standard atmosphere", "[epw]") {
  std::string s = header(1);
  s += row(1, 1, 1, 0, 10.0, 2.0, 999, 999999);
  s += row(1, 1, 2, 0, 99.9, 99.9, 50, 999999, 999);
  s += row(1, 1, 3, 0, 99.9, 4.0, 999, 999999, 999);
  s += row(1, 1, 4, 0, 16.0, 4.0, 999, 999999, 5.0);
  const WeatherSeries w = parse(s);
  // Dry bulb: linear between 10 and 16 over three steps.
  CHECK(w.records()[1].dry_bulb_c == Approx(12.0));
  CHECK(w.records()[2].dry_bulb_c == Approx(14.0));
  // Hour 2 has no dew point but an RH: the dew point comes from RH 50 % at the filled 12 degC
  // (1.9 degC), not from the neighbours' 2..4 degC.
  CHECK_THAT(w.records()[1].dew_point_c, WithinAbs(dew_point_from_relative_humidity_c(12.0, 50.0), 1e-9));
  CHECK_THAT(w.records()[1].dew_point_c, WithinAbs(1.9, 0.05));
  // Pressure missing throughout: the standard atmosphere at 100 m.
  CHECK_THAT(w.records()[0].pressure_pa, WithinAbs(standard_pressure_pa(100.0), 1e-6));
  // Wind speed missing at hours 2 and 3, between 3 and 5 m/s.
  CHECK(w.records()[1].wind_speed_m_s == Approx(3.0 + (5.0 - 3.0) / 3.0));
}

TEST_CASE("EPW: a missing dew point comes from the record's RH", "[epw]") {
  std::string s = header(1);
  s += row(1, 1, 1, 0, 20.0, 10.0, 52, 101325);
  s += row(1, 1, 2, 0, 20.0, 99.9, 50, 101325);
  s += row(1, 1, 3, 0, 20.0, 10.0, 52, 101325);
  const WeatherSeries w = parse(s);
  CHECK_THAT(w.records()[1].dew_point_c, WithinAbs(dew_point_from_relative_humidity_c(20.0, 50.0), 1e-9));
  CHECK_THAT(w.records()[1].rh_pct, WithinAbs(50.0, 1e-6));
}

TEST_CASE("EPW: malformed files give errors that point at the line and field", "[epw]") {
  std::string bad = three_days();
  // Line 12 is the fourth data row (8 header lines).
  const std::string fourth_db = ",10.3,5,70,";
  REQUIRE(bad.find(fourth_db) != std::string::npos);
  bad.replace(bad.find(fourth_db), fourth_db.size(), ",abc,5,70,");
  CHECK_THAT(error_of(bad), Contains("test.epw: line 12, field 'dry bulb': expected a number, found 'abc'"));

  CHECK_THAT(error_of(""), Contains("empty file"));
  CHECK_THAT(error_of("hello\n"), Contains("line 1") && Contains("LOCATION"));
  CHECK_THAT(error_of(header(1)), Contains("at least 2 data records"));
  CHECK_THAT(error_of(header(7) + row(1, 1, 1, 0, 1, 0, 50, 1e5)), Contains("records per hour"));
  CHECK_THAT(error_of(header(1) + "1999,1,1,1,0,x,10.0,5.0\n"), Contains("line 9") && Contains("found 8"));
  CHECK_THAT(error_of(header(1) + row(1, 1, 2, 0, 1, 0, 50, 1e5) + row(1, 1, 1, 0, 1, 0, 50, 1e5)),
             Contains("line 10") && Contains("time goes backwards"));
  CHECK_THAT(error_of(header(1) + row(2, 30, 1, 0, 1, 0, 50, 1e5) + row(2, 30, 2, 0, 1, 0, 50, 1e5)),
             Contains("field 'day'") && Contains("no day 30"));
  CHECK_THAT(error_of(header(1) + row(1, 1, 25, 0, 1, 0, 50, 1e5)), Contains("field 'hour'"));

  // A gap longer than a day is not invented.
  std::string gap = header(1);
  for (int i = 0; i < 30; ++i) gap += row(1, 1 + i / 24, 1 + i % 24, 0, i == 0 || i == 29 ? 5.0 : 99.9, 0, 50, 1e5);
  CHECK_THAT(error_of(gap), Contains("line 10, field 'dry bulb': 28 consecutive missing"));
  std::string all_missing = header(1) + row(1, 1, 1, 0, 1, 99.9, 999, 1e5) + row(1, 1, 2, 0, 1, 99.9, 999, 1e5);
  CHECK_THAT(error_of(all_missing), Contains("dew point") && Contains("every record"));
}

TEST_CASE("EPW: incomplete files are errors, not invented weather (issue 13 class 5)", "[epw]") {
  // Hourly rows under a header of 4 records per hour: each hour holds 1 record, not 4.
  std::string hourly = header(4);
  for (int h = 1; h <= 3; ++h) hourly += row(1, 1, h, 0, 10, 5, 70, 1e5);
  CHECK_THAT(error_of(hourly), Contains("test.epw: line 9, field 'hour'") && Contains("has 1 record") &&
                                   Contains("(line 8) says 4 records per hour"));
  // The last hour short of its records is caught too.
  std::string short_tail = three_days(4);
  short_tail.erase(short_tail.rfind("1999,"));
  CHECK_THAT(error_of(short_tail), Contains("day 3 hour 24 has 3 records"));

  // A file without July: June 30 24:00 is followed by August 1 01:00.
  std::string no_july = header(1);
  for (int d = 29; d <= 30; ++d)
    for (int h = 1; h <= 24; ++h) no_july += row(6, d, h, 0, 20, 10, 50, 1e5);
  for (int h = 1; h <= 24; ++h) no_july += row(8, 1, h, 0, 20, 10, 50, 1e5);
  CHECK_THAT(error_of(no_july), Contains("test.epw: line 57: no records for 744 hours before this one") &&
                                    Contains("month 6 day 30 hour 24, line 56") && Contains("at most 24 hours"));
  // A gap of a day is interpolated, as missing values are.
  std::string day_gap = header(1);
  for (int h = 1; h <= 24; ++h) day_gap += row(1, 1, h, 0, 10, 5, 70, 1e5);
  for (int h = 1; h <= 24; ++h) day_gap += row(1, 3, h, 0, 10, 5, 70, 1e5);
  CHECK(parse(day_gap).size() == 48);
}

TEST_CASE("EPW: a file shorter than a year must cover the simulated period", "[epw]") {
  auto read_for = [](const std::string& text, double start_h, double end_h) {
    std::istringstream in(text);
    return read_epw(in, "test.epw", EpwSpan{start_h * 3600.0, end_h * 3600.0});
  };
  auto cover_error = [&](const std::string& text, double start_h, double end_h) -> std::string {
    try {
      read_for(text, start_h, end_h);
    } catch (const EpwError& e) {
      return e.what();
    }
    return "no error";
  };
  const std::string days = three_days();  // Jan 1 00:00 to Jan 4 00:00 (lines 9..80)
  CHECK(read_for(days, 0, 72).size() == 72);
  CHECK(read_for(days, 10, 20).size() == 72);
  // A run in July (a January file would have wrapped round to January).
  CHECK_THAT(cover_error(days, 181 * 24, 188 * 24),
             Contains("test.epw: line 80: the file's last record (month 1 day 3 hour 24) ends at Jan 3 24:00, before the "
                      "end of the simulated period at Jul 7 24:00") && Contains("not repeated"));
  CHECK_THAT(cover_error(days, 0, 73), Contains("line 80") && Contains("Jan 4 01:00"));
  // A file of 2 records covers 2 hours, not a year.
  const std::string two = header(1) + row(1, 1, 1, 0, 1, 0, 50, 1e5) + row(1, 1, 2, 0, 1, 0, 50, 1e5);
  CHECK_THAT(cover_error(two, 0, 365 * 24), Contains("line 10") && Contains("before the end"));
  // Starting before the first record.
  std::string later = header(1);
  for (int h = 1; h <= 24; ++h) later += row(1, 2, h, 0, 10, 5, 70, 1e5);
  CHECK_THAT(cover_error(later, 12, 30), Contains("test.epw: line 9: the file's first record (month 1 day 2 hour 1) "
                                                   "starts at Jan 2 00:00, after the start of the simulated period at Jan 1 12:00"));

  // A whole year repeats: any period, several years long, is covered.
  std::string year = header(1);
  for (int m = 1; m <= 12; ++m)
    for (int d = 1; d <= dcsim::sim::days_in_month(2001, m); ++d)
      for (int h = 1; h <= 24; ++h) year += row(m, d, h, 0, 10, 5, 70, 1e5);
  const WeatherSeries w = read_for(year, 181 * 24, 3 * 8760);
  CHECK(w.period_s() == 8760 * 3600.0);
}

TEST_CASE("EPW: reading a file from disk, and a missing file", "[epw]") {
  const auto dir = std::filesystem::temp_directory_path() / "dcsim_test_epw_reader";
  std::filesystem::create_directories(dir);
  const auto path = (dir / "three_days.epw").string();
  std::ofstream(path) << three_days();
  const WeatherSeries w = read_epw(path);
  CHECK(w.size() == 72);
  std::filesystem::remove_all(dir);
  try {
    read_epw(path);
    FAIL("no error for a missing file");
  } catch (const EpwError& e) {
    CHECK(e.path() == path);
    CHECK_THAT(e.what(), Contains("cannot open"));
  }
}

TEST_CASE("EPW: a whole year cycles over New Year", "[epw][weather]") {
  std::string s = header(1);
  for (int d = 0; d < 365; ++d) {
    const auto date = dcsim::sim::civil_from_days(dcsim::sim::days_from_civil(2001, 1, 1) + d);
    for (int h = 1; h <= 24; ++h) s += row(date.month, date.day, h, 60, d == 364 && h == 24 ? 4.0 : 0.0, -5, 60, 1e5);
  }
  const WeatherSeries w = parse(s);
  REQUIRE(w.size() == 8760);
  CHECK(w.period_s() == 365 * 86400.0);
  // Dec 31 24:00 is Jan 1 00:00: the last record (4 degC) holds at t = 0, and half an hour later the
  // weather is half way to the first record (0 degC).
  CHECK(w.at(0.0).dry_bulb_c == Approx(4.0));
  CHECK(w.at(1800.0).dry_bulb_c == Approx(2.0));
  CHECK(w.at(365 * 86400.0 + 1800.0).dry_bulb_c == Approx(2.0));
  CHECK(w.next_record_time_after(365 * 86400.0 - 1.0) == 365 * 86400.0);
  CHECK(w.next_record_time_after(365 * 86400.0) == 365 * 86400.0 + 3600.0);
}

TEST_CASE("WeatherSeries interpolates linearly and wraps with its period", "[weather]") {
  SiteInfo site{"here", 50.0, 8.0, 100.0, 1.0};
  std::vector<WeatherRecord> recs = {make_weather_record(0.0, 10.0, 5.0, 100000.0, 2.0),
                                     make_weather_record(3600.0, 20.0, 7.0, 101000.0, 4.0),
                                     make_weather_record(7200.0, 14.0, 3.0, 100000.0, 0.0)};
  const WeatherSeries w(site, recs, 4 * 3600.0, true);
  // A quarter of the way from 10 to 20 degC.
  const WeatherRecord a = w.at(900.0);
  CHECK(a.time_s == 900.0);
  CHECK(a.dry_bulb_c == Approx(12.5));
  CHECK(a.dew_point_c == Approx(5.5));
  CHECK(a.pressure_pa == Approx(100250.0));
  CHECK(a.wind_speed_m_s == Approx(2.5));
  CHECK(a.wet_bulb_c == Approx(0.75 * recs[0].wet_bulb_c + 0.25 * recs[1].wet_bulb_c));
  // From the last record (7200 s) back to the first at the period's end (14400 s).
  CHECK(w.at(10800.0).dry_bulb_c == Approx(12.0));
  // Wrapping: a period later, and before the start.
  CHECK(w.at(4 * 3600.0 + 900.0).dry_bulb_c == Approx(12.5));
  CHECK(w.at(-3 * 3600.0 - 2700.0).dry_bulb_c == Approx(12.5));
  CHECK(w.at(3600.0).dry_bulb_c == 20.0);

  // Record changes as events: strictly increasing, one per record per period.
  CHECK(w.next_record_time_after(0.0) == 3600.0);
  CHECK(w.next_record_time_after(3600.0) == 7200.0);
  CHECK(w.next_record_time_after(7200.0) == 14400.0);
  double t = -1.0;
  int events = 0;
  while (t < 3 * 14400.0) {
    const double next = w.next_record_time_after(t);
    REQUIRE(next > t);
    t = next;
    ++events;
  }
  CHECK(events == 1 + 3 * 3);

  CHECK_THROWS_AS(WeatherSeries(site, {recs[1], recs[0]}), dcsim::ParameterError);
  CHECK_THROWS_AS(WeatherSeries(site, recs, 7000.0), dcsim::ParameterError);
  CHECK_THROWS_AS(WeatherSeries(site, {recs[0]}), dcsim::ParameterError);
  // A contiguous series's default period is its span plus one interval.
  CHECK(WeatherSeries(site, recs).period_s() == 3 * 3600.0);
}
