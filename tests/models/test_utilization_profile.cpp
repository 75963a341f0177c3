// Utilization profiles: shapes placed on the calendar (local hour, ISO weekday), step and trace
// semantics (zero-order hold, next change), seeded lognormal noise statistics, and the CSV reader's
// results and error positions.
#include <catch2/catch.hpp>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "models/utilization_csv.hpp"
#include "models/utilization_profile.hpp"

using namespace dcsim;
using namespace dcsim::models;
using sim::days;
using sim::hours;
using sim::minutes;

namespace {
const sim::Calendar kCal(sim::CivilDate{2025, 1, 1});  // a Wednesday

UtilizationProfileParams hourly(ProfileShape shape, std::vector<double> v) {
  UtilizationProfileParams p;
  p.shape = shape;
  p.hourly = std::move(v);
  return p;
}

std::string trace_error(const std::string& text,
                        UtilizationUnit unit = UtilizationUnit::kFromHeader) {
  std::istringstream in(text);
  try {
    read_utilization_csv(in, "load.csv", kCal, unit);
  } catch (const TraceFileError& e) {
    return e.what();
  }
  return "";
}
}  // namespace

TEST_CASE("Constant profile never changes", "[profile]") {
  UtilizationProfileParams p;
  p.constant = 0.6;
  const UtilizationProfile prof(p, kCal);
  CHECK(prof.value_at(0) == 0.6);
  CHECK(prof.value_at(days(200)) == 0.6);
  CHECK(prof.next_change_after(0) == sim::kTimeMax);
  p.constant = 1.5;
  CHECK_THROWS_WITH(UtilizationProfile(p, kCal), Catch::Contains("got 1.5"));
}

TEST_CASE("Daily shape follows the local hour of the calendar", "[profile]") {
  std::vector<double> v(24);
  for (int h = 0; h < 24; ++h) v[h] = h / 100.0;
  const UtilizationProfile prof(hourly(ProfileShape::kDaily, v), kCal);
  CHECK(prof.value_at(hours(5) + minutes(30)) == 0.05);
  CHECK(prof.value_at(days(3) + hours(23)) == 0.23);
  CHECK(prof.value_at(-1) == 0.23);  // the last millisecond before the start is 23:59:59.999
  for (sim::Time t = -days(1); t < days(9); t += minutes(37)) {
    CHECK(prof.value_at(t) == v[kCal.at(t).hour]);
  }
  CHECK(prof.next_change_after(hours(5) + 1) == hours(6));
  CHECK(prof.next_change_after(hours(23)) == days(1));

  // Flat except 09:00-10:00: after 10:00 the next change is 09:00 the next day.
  std::vector<double> flat(24, 0.5);
  flat[9] = 0.8;
  const UtilizationProfile peak(hourly(ProfileShape::kDaily, flat), kCal);
  CHECK(peak.next_change_after(hours(10)) == days(1) + hours(9));
  CHECK(peak.next_change_after(hours(9)) == hours(10));
  CHECK(UtilizationProfile(hourly(ProfileShape::kDaily, std::vector<double>(24, 0.4)), kCal)
            .next_change_after(hours(3)) == sim::kTimeMax);
  CHECK_THROWS_WITH(
      UtilizationProfile(hourly(ProfileShape::kDaily, std::vector<double>(23, 0.4)), kCal),
      Catch::Contains("needs 24 values") && Catch::Contains("got 23"));
}

TEST_CASE("Weekly shape is indexed Monday first by ISO weekday", "[profile]") {
  std::vector<double> v(168);
  for (int i = 0; i < 168; ++i) v[i] = i / 200.0;
  const UtilizationProfile prof(hourly(ProfileShape::kWeekly, v), kCal);
  // 2025-01-01 is a Wednesday: time 0 is weekday 2, hour 0, index 48.
  CHECK(prof.value_at(0) == 48 / 200.0);
  for (sim::Time t = 0; t < days(15); t += minutes(53)) {
    const auto dt = kCal.at(t);
    CHECK(prof.value_at(t) == v[dt.weekday * 24 + dt.hour]);
  }

  // Office-like week: 0.8 on weekdays 08-18, 0.3 otherwise. From Friday 18:00 (Jan 3) the next
  // change is Monday 08:00 (Jan 6).
  std::vector<double> office(168, 0.3);
  for (int d = 0; d < 5; ++d)
    for (int h = 8; h < 18; ++h) office[d * 24 + h] = 0.8;
  const UtilizationProfile week(hourly(ProfileShape::kWeekly, office), kCal);
  CHECK(week.value_at(days(2) + hours(17)) == 0.8);
  CHECK(week.next_change_after(days(2) + hours(17)) == days(2) + hours(18));
  CHECK(week.next_change_after(days(2) + hours(18)) == days(5) + hours(8));
}

TEST_CASE("Step schedule holds each value until the next change", "[profile]") {
  UtilizationProfileParams p;
  p.shape = ProfileShape::kSteps;
  p.steps = {{0, 0.2}, {hours(1), 0.5}, {hours(2), 0.5}, {hours(3), 0.9}};
  const UtilizationProfile prof(p, kCal);
  CHECK(prof.value_at(0) == 0.2);
  CHECK(prof.value_at(hours(1) - 1) == 0.2);
  CHECK(prof.value_at(hours(1)) == 0.5);
  CHECK(prof.value_at(hours(2) + minutes(30)) == 0.5);
  CHECK(prof.value_at(days(30)) == 0.9);
  CHECK(prof.next_change_after(0) == hours(1));
  CHECK(prof.next_change_after(hours(1)) == hours(3));  // the repeated 0.5 is not a change
  CHECK(prof.next_change_after(hours(3)) == sim::kTimeMax);

  p.steps = {{minutes(5), 0.2}};
  CHECK_THROWS_WITH(UtilizationProfile(p, kCal),
                    Catch::Contains("must start at time 0 (got 300 s)"));
  p.steps = {{0, 0.2}, {hours(2), 0.3}, {hours(1), 0.4}};
  CHECK_THROWS_WITH(UtilizationProfile(p, kCal), Catch::Contains("3600 s after 7200 s"));
  p.steps = {{0, 0.2}, {hours(2), -0.1}};
  CHECK_THROWS_WITH(UtilizationProfile(p, kCal), Catch::Contains("got -0.1"));
}

TEST_CASE("A trace holds its first value before its first row", "[profile]") {
  UtilizationProfileParams p;
  p.shape = ProfileShape::kTrace;
  p.steps = {{hours(6), 0.4}, {hours(7), 0.7}};
  const UtilizationProfile prof(p, kCal);
  CHECK(prof.value_at(0) == 0.4);
  CHECK(prof.next_change_after(0) == hours(7));
}

TEST_CASE("Load noise is seeded, unit-mean lognormal and piecewise constant", "[profile]") {
  UtilizationProfileParams p;
  p.constant = 0.5;
  p.noise.sigma = 0.1;
  p.noise.interval = minutes(15);
  p.noise.seed = 42;
  p.noise.horizon = days(365);
  const UtilizationProfile a(p, kCal);
  const UtilizationProfile b(p, kCal);
  p.noise.seed = 43;
  const UtilizationProfile c(p, kCal);

  // n = 35 040 intervals. ln(m) ~ N(-sigma^2/2, sigma^2): check the mean of m (standard error
  // sigma / sqrt(n) = 5.3e-4) and the spread of ln(m) (standard error sigma / sqrt(2n) = 3.8e-4).
  const int n = 365 * 96;
  double sum = 0.0, sum_ln = 0.0, sum_ln2 = 0.0;
  int differ = 0;
  for (int k = 0; k < n; ++k) {
    const sim::Time t = k * minutes(15) + minutes(7);
    const double m = a.value_at(t) / 0.5;
    CHECK(a.value_at(t) == b.value_at(t));
    differ += a.value_at(t) != c.value_at(t);
    sum += m;
    sum_ln += std::log(m);
    sum_ln2 += std::log(m) * std::log(m);
  }
  const double mean_ln = sum_ln / n;
  CHECK(sum / n == Approx(1.0).margin(0.003));
  CHECK(mean_ln == Approx(-0.005).margin(0.002));
  CHECK(std::sqrt(sum_ln2 / n - mean_ln * mean_ln) == Approx(0.1).margin(0.002));
  CHECK(differ > n - 10);

  // Constant within an interval; changes at interval boundaries; base value beyond the horizon.
  CHECK(a.value_at(minutes(15)) == a.value_at(minutes(29)));
  CHECK(a.next_change_after(minutes(16)) == minutes(30));
  CHECK(a.value_at(days(365) + 1) == 0.5);
  CHECK(a.next_change_after(days(365)) == sim::kTimeMax);

  // Clamped at full load.
  p.constant = 1.0;
  const UtilizationProfile full(p, kCal);
  for (int k = 0; k < 1000; ++k) CHECK(full.value_at(k * minutes(15)) <= 1.0);

  p.noise.horizon = 0;
  CHECK_THROWS_WITH(UtilizationProfile(p, kCal), Catch::Contains("noise.horizon"));
}

TEST_CASE("CSV trace with dates, seconds and percent", "[profile][csv]") {
  std::istringstream dates(
      "timestamp,utilization\r\n"
      "# measured at the PDU\n"
      "2025-01-01 00:00,0.25\n"
      "\n"
      "\"2025-01-01 06:30\", 0.75\n"
      "2025-01-02 00:00,1\n");
  const auto s = read_utilization_csv(dates, "d.csv", kCal);
  REQUIRE(s.size() == 3);
  CHECK(s[1].time == hours(6) + minutes(30));
  CHECK(s[1].value == 0.75);
  CHECK(s[2].time == days(1));

  std::istringstream secs("Timestamp,Utilization_Percent\n0,40\n900,55.5\n");
  const auto p = read_utilization_csv(secs, "s.csv", kCal);
  CHECK(p[1].time == sim::seconds(900));
  CHECK(p[1].value == Approx(0.555).epsilon(1e-15));

  std::istringstream opt("timestamp,utilization\n0,40\n");
  CHECK(read_utilization_csv(opt, "o.csv", kCal, UtilizationUnit::kPercent)[0].value ==
        Approx(0.4));

  // From a file on disk, then used as a profile.
  const auto path = std::filesystem::temp_directory_path() / "dcsim_test_utilization_trace.csv";
  {
    std::ofstream f(path);
    f << "timestamp,utilization\n3600,0.3\n7200,0.6\n";
  }
  UtilizationProfileParams tp;
  tp.shape = ProfileShape::kTrace;
  tp.steps = read_utilization_csv(path.string(), kCal);
  std::filesystem::remove(path);
  const UtilizationProfile prof(tp, kCal);
  CHECK(prof.value_at(hours(1) + minutes(1)) == 0.3);
  CHECK(prof.next_change_after(hours(1)) == hours(2));
}

TEST_CASE("CSV trace errors name file, line and column", "[profile][csv]") {
  CHECK_THAT(trace_error("timestamp,utilization\n2025-01-01 01:00,abc\n"),
             Catch::Equals("load.csv:2:18: utilization 'abc' is not a number"));
  CHECK_THAT(
      trace_error("timestamp,utilization\n0,0.5\n600,0.6\n300,0.7\n"),
      Catch::StartsWith("load.csv:4:1: time '300' is not after the previous row's (line 3)"));
  CHECK_THAT(trace_error("timestamp,utilization\n0,0.5\n0,0.6\n"),
             Catch::StartsWith("load.csv:3:1:"));
  CHECK_THAT(trace_error("timestamp,utilization\n0,45\n"),
             Catch::StartsWith("load.csv:2:3: utilization 45 is outside [0, 1]"));
  CHECK_THAT(trace_error("timestamp,utilization_percent\n0,145\n"),
             Catch::StartsWith("load.csv:2:3: utilization 145 is outside [0, 100]"));
  CHECK_THAT(trace_error("timestamp,utilization\n2025-02-30 00:00,0.5\n"),
             Catch::StartsWith("load.csv:2:1: timestamp '2025-02-30 00:00' is not a valid date"));
  CHECK_THAT(trace_error("timestamp,utilization\n0,0.5\n2025-01-01 10:00,0.5\n"),
             Catch::StartsWith("load.csv:3:1: timestamp '2025-01-01 10:00' mixes formats"));
  CHECK_THAT(trace_error("timestamp,utilization\n0,0.5,7\n"),
             Catch::StartsWith("load.csv:2:7: expected 2 columns"));
  CHECK_THAT(trace_error("time,utilization\n0,0.5\n"),
             Catch::StartsWith("load.csv:1:1: header must start with 'timestamp'"));
  CHECK_THAT(trace_error("timestamp,utilization_percent\n0,50\n", UtilizationUnit::kFraction),
             Catch::StartsWith("load.csv:1:11: header 'utilization_percent' says percent"));
  CHECK_THAT(trace_error(""), Catch::Contains("no 'timestamp,utilization' header"));
  CHECK_THAT(trace_error("timestamp,utilization\n"), Catch::Contains("no data rows"));
  try {
    read_utilization_csv("/nonexistent/dcsim/load.csv", kCal);
    FAIL("a missing file must throw");
  } catch (const TraceFileError& e) {
    CHECK(e.file() == "/nonexistent/dcsim/load.csv");
    CHECK(e.line() == 0);
    CHECK_THAT(std::string(e.what()), Catch::Contains("cannot open"));
  }
}
