#include <catch2/catch.hpp>
#include <sstream>

#include "models/grid_intensity.hpp"
#include "sim/check.hpp"

using namespace dcsim;
using models::GridIntensity;
using sim::days;
using sim::hours;
using sim::minutes;

namespace {
// Message of the TraceFileError the reader throws on `text`, or "" if none.
std::string trace_error(const std::string& text) {
  std::istringstream in(text);
  try {
    models::read_intensity_trace(in, "grid.csv", sim::Calendar({2025, 1, 1}));
  } catch (const models::TraceFileError& e) {
    return e.what();
  }
  return "";
}
}  // namespace

TEST_CASE("constant intensity never changes and rejects negative values", "[grid_intensity]") {
  const auto g = GridIntensity::constant(28.0);  // Iceland 2022, Ember
  CHECK(g.at(0) == 28.0);
  CHECK(g.at(days(400)) == 28.0);
  CHECK(g.next_change_after(0) == sim::kTimeMax);
  CHECK(g.basis() == models::IntensityBasis::average);
  CHECK_THROWS_WITH(GridIntensity::constant(-5.0), Catch::Matchers::Contains("got -5"));
}

TEST_CASE("monthly intensity steps at calendar month starts", "[grid_intensity]") {
  // Period starts 2025-03-15: March has 17 days left, April 30 days.
  const sim::Calendar cal({2025, 3, 15});
  std::array<double, 12> v{};
  for (int m = 0; m < 12; ++m) v[m] = 10.0 * (m + 1);
  const auto g = GridIntensity::monthly(v, cal);
  CHECK(g.at(0) == 30.0);
  CHECK(g.next_change_after(0) == days(17));
  CHECK(g.at(days(17) - 1) == 30.0);
  CHECK(g.at(days(17)) == 40.0);
  CHECK(g.next_change_after(days(17)) == days(17 + 30));
  // December 2025 -> January 2026 wraps to the first value.
  const sim::Time dec10 = cal.time_of({2025, 12, 10});
  CHECK(g.at(dec10) == 120.0);
  CHECK(g.next_change_after(dec10) == cal.time_of({2026, 1, 1}));
  CHECK(g.at(cal.time_of({2026, 1, 1})) == 10.0);

  // Equal neighbours do not make an event: April equal to March moves the change to May 1st.
  v[3] = v[2];
  CHECK(GridIntensity::monthly(v, cal).next_change_after(0) == days(17 + 30));
  std::array<double, 12> flat{};
  flat.fill(270.0);
  CHECK(GridIntensity::monthly(flat, cal).next_change_after(0) == sim::kTimeMax);
}

TEST_CASE("hourly intensity follows the hour of day, also before the start", "[grid_intensity]") {
  const sim::Calendar cal({2025, 6, 1});
  std::array<double, 24> v{};
  for (int h = 0; h < 24; ++h) v[h] = 100.0 + h;
  const auto g = GridIntensity::hourly(v, cal, models::IntensityBasis::marginal);
  CHECK(g.basis() == models::IntensityBasis::marginal);
  CHECK(g.at(hours(5) + minutes(30)) == 105.0);
  CHECK(g.next_change_after(hours(5) + 1) == hours(6));
  CHECK(g.next_change_after(hours(6)) == hours(7));  // strictly after
  CHECK(g.at(days(3) + hours(23)) == 123.0);
  CHECK(g.at(-1) == 123.0);  // 23:59:59.999 the day before
  CHECK(g.next_change_after(-1) == 0);
}

TEST_CASE("a day/night profile makes exactly two events a day over a year", "[grid_intensity]") {
  // Solar-heavy grid: 150 g/kWh from 08:00 to 18:00, 400 g/kWh otherwise.
  std::array<double, 24> v{};
  for (int h = 0; h < 24; ++h) v[h] = (h >= 8 && h < 18) ? 150.0 : 400.0;
  const auto g = GridIntensity::hourly(v, sim::Calendar({2025, 1, 1}));
  int events = 0;
  double energy_weighted = 0;  // integral of f dt over the year, in g/kWh * h
  sim::Time t = 0;
  const sim::Time end = days(365);
  while (t < end) {
    const sim::Time next = std::min(g.next_change_after(t), end);
    energy_weighted += g.at(t) * sim::to_hours(next - t);
    if (next < end) ++events;
    t = next;
  }
  // Changes at 08:00 and 18:00 of each of the 365 days; 08:00 on 2026-01-01 is past the end.
  CHECK(events == 2 * 365);
  // Time average: (10 * 150 + 14 * 400) / 24 = 295.8333 g/kWh.
  CHECK(energy_weighted / 8760.0 == Approx((10 * 150.0 + 14 * 400.0) / 24.0).epsilon(1e-12));
}

TEST_CASE("weekly profile is indexed Monday first", "[grid_intensity]") {
  // 2025-01-01 is a Wednesday (ISO weekday index 2).
  const sim::Calendar cal({2025, 1, 1});
  std::array<std::array<double, 24>, 7> v{};
  for (int d = 0; d < 7; ++d)
    for (int h = 0; h < 24; ++h) v[d][h] = 100.0 * d + h;
  const auto g = GridIntensity::weekly(v, cal);
  CHECK(g.at(hours(3)) == 203.0);
  CHECK(g.at(days(5) + hours(1)) == 1.0);  // Monday 2025-01-06 01:00
  CHECK(g.next_change_after(days(5) + hours(1)) == days(5) + hours(2));
}

TEST_CASE("trace holds each value until the next point", "[grid_intensity]") {
  const auto g =
      GridIntensity::trace({{hours(1), 300}, {hours(2), 250}, {hours(3), 250}, {hours(4), 200}});
  CHECK(g.at(0) == 300.0);  // before the first point: the first value
  CHECK(g.at(hours(1)) == 300.0);
  CHECK(g.at(hours(2) - 1) == 300.0);
  CHECK(g.at(hours(2)) == 250.0);
  CHECK(g.at(days(10)) == 200.0);  // after the last point: the last value
  CHECK(g.next_change_after(0) == hours(2));
  CHECK(g.next_change_after(hours(2)) == hours(4));  // the equal step at 3 h is no event
  CHECK(g.next_change_after(hours(4)) == sim::kTimeMax);
  CHECK_THROWS_AS(GridIntensity::trace({}), ParameterError);
  CHECK_THROWS_WITH(GridIntensity::trace({{hours(2), 1}, {hours(1), 2}}),
                    Catch::Matchers::Contains("strictly increasing"));
}

TEST_CASE("trace reader accepts dates and seconds, comments and CRLF", "[grid_intensity]") {
  std::istringstream in(
      "# Ember hourly, IS\r\n"
      "timestamp,intensity_g_per_kwh\r\n"
      "\r\n"
      "2025-01-01 00:00, 30\r\n"
      "2025-01-01 01:30,25.5\r\n"
      "7200,20\r\n"
      "2025-01-02T00:00,+1e1\r\n");
  const sim::Calendar cal({2025, 1, 1});
  const auto p = models::read_intensity_trace(in, "is.csv", cal);
  REQUIRE(p.size() == 4);
  CHECK(p[0].time == 0);
  CHECK(p[1].time == hours(1) + minutes(30));
  CHECK(p[1].intensity_g_per_kwh == 25.5);
  CHECK(p[2].time == hours(2));
  CHECK(p[3].time == days(1));
  CHECK(p[3].intensity_g_per_kwh == 10.0);
  const auto g = GridIntensity::trace(p);
  CHECK(g.at(hours(1) + minutes(45)) == 25.5);
}

TEST_CASE("trace reader errors name file, line and column", "[grid_intensity]") {
  using Catch::Matchers::Contains;
  CHECK_THAT(trace_error("time,intensity\n0,1\n"), Contains("grid.csv:1:1:") && Contains("header"));
  CHECK_THAT(trace_error("timestamp,intensity_g_per_kwh\n0,1\n2025-13-01 00:00,2\n"),
             Contains("grid.csv:3:1:") && Contains("'2025-13-01 00:00'"));
  CHECK_THAT(trace_error("timestamp,intensity_g_per_kwh\n3600,abc\n"),
             Contains("grid.csv:2:6:") && Contains("'abc'"));
  CHECK_THAT(trace_error("timestamp,intensity_g_per_kwh\n3600, -4\n"),
             Contains("grid.csv:2:7:") && Contains("-4"));
  CHECK_THAT(trace_error("timestamp,intensity_g_per_kwh\n3600,1\n3600,2\n"),
             Contains("grid.csv:3:1:") && Contains("increase"));
  CHECK_THAT(trace_error("timestamp,intensity_g_per_kwh\n0,1,2\n"), Contains("grid.csv:2:5:"));
  CHECK_THAT(trace_error(""), Contains("empty file"));
  CHECK_THAT(trace_error("timestamp,intensity_g_per_kwh\n"), Contains("no records"));
  CHECK(trace_error("timestamp,intensity_g_per_kwh\n0,1\n") == "");
  CHECK_THROWS_AS(models::read_intensity_trace_file("/nonexistent/grid.csv", sim::Calendar{}),
                  models::TraceFileError);
}
