// Recorder: channels, rows, staged rows and the events log kept exactly as given, and every misuse
// that would make the time series inconsistent (ragged columns, time going backwards) refused.
#include <catch2/catch.hpp>

#include <cmath>
#include <stdexcept>
#include <vector>

#include "sim/recorder.hpp"

using dcsim::sim::Recorder;

TEST_CASE("recorder stores rows column by column in channel order", "[recorder]") {
  Recorder rec;
  const auto t = rec.add_channel("supply_temp_c", "degC", "CDU supply temperature");
  const auto p = rec.add_channel("it_power_w", "W", "IT power");
  REQUIRE(t == 0);
  REQUIRE(p == 1);
  rec.reserve(3);
  REQUIRE(rec.row_count() == 0);
  // A first-order response T(t) = 30 + (20 - 30) exp(-t / 600 s) sampled every minute: the stored
  // column must equal the samples bit for bit.
  std::vector<double> expected;
  for (int i = 0; i < 3; ++i) {
    const double time_s = 60.0 * i;
    const double temp_c = 30.0 - 10.0 * std::exp(-time_s / 600.0);
    expected.push_back(temp_c);
    const double row[] = {temp_c, 1.0e6 + i};
    rec.record(time_s, row);
  }
  REQUIRE(rec.row_count() == 3);
  REQUIRE(rec.times_s() == std::vector<double>{0.0, 60.0, 120.0});
  const auto temps = rec.column(t);
  REQUIRE(std::vector<double>(temps.begin(), temps.end()) == expected);
  REQUIRE(rec.column(p)[2] == 1.0e6 + 2);
  REQUIRE(rec.find("it_power_w") == p);
  REQUIRE_FALSE(rec.find("missing"));
  REQUIRE(rec.channels()[0].units == "degC");
  REQUIRE(rec.channels()[1].description == "IT power");
}

TEST_CASE("recorder staged rows leave unset channels NaN", "[recorder]") {
  Recorder rec;
  const auto a = rec.add_channel("a", "1", "first");
  const auto b = rec.add_channel("b", "1", "second");
  rec.set(a, 1.5);
  rec.set(b, 2.5);
  rec.commit_row(0.0);
  rec.set(b, 3.5);  // a not set for this row
  rec.commit_row(10.0);
  REQUIRE(rec.column(a)[0] == 1.5);
  REQUIRE(std::isnan(rec.column(a)[1]));
  REQUIRE(rec.column(b)[1] == 3.5);
  REQUIRE_THROWS_AS(rec.set(7, 1.0), std::out_of_range);
}

TEST_CASE("recorder refuses rows that would break the time series", "[recorder]") {
  Recorder rec;
  rec.add_channel("x", "1", "x");
  const double one[] = {1.0};
  const double two[] = {1.0, 2.0};
  REQUIRE_THROWS_AS(rec.record(0.0, two), std::invalid_argument);  // wrong width
  rec.record(5.0, one);
  REQUIRE_THROWS_AS(rec.record(5.0, one), std::invalid_argument);  // time not increasing
  REQUIRE_THROWS_AS(rec.record(4.0, one), std::invalid_argument);
  REQUIRE_THROWS_AS(rec.record(NAN, one), std::invalid_argument);
  REQUIRE_THROWS_AS(rec.add_channel("late", "1", "after rows"), std::logic_error);
  REQUIRE(rec.row_count() == 1);
}

TEST_CASE("recorder validates channel names, units and descriptions", "[recorder]") {
  Recorder rec;
  rec.add_channel("room.temp_c", "degC", "room air");
  REQUIRE_THROWS_AS(rec.add_channel("room.temp_c", "degC", "again"), std::invalid_argument);
  REQUIRE_THROWS_AS(rec.add_channel("a/b", "1", "slash would make an HDF5 path"), std::invalid_argument);
  REQUIRE_THROWS_AS(rec.add_channel("time_s", "s", "reserved"), std::invalid_argument);
  REQUIRE_THROWS_AS(rec.add_channel("", "1", "empty"), std::invalid_argument);
  REQUIRE_THROWS_AS(rec.add_channel("x", "", "no units"), std::invalid_argument);
  REQUIRE_THROWS_AS(rec.add_channel("x", "1", ""), std::invalid_argument);
  REQUIRE(rec.channel_count() == 1);
}

TEST_CASE("recorder keeps the events log in logging order", "[recorder]") {
  Recorder rec;
  rec.log_event(3600.0, "failure", "chiller[1]", "compressor trip");
  rec.log_event(7200.0, "repair", "chiller[1]", "");
  REQUIRE(rec.events().size() == 2);
  REQUIRE(rec.events()[0].kind == "failure");
  REQUIRE(rec.events()[0].component == "chiller[1]");
  REQUIRE(rec.events()[0].detail == "compressor trip");
  REQUIRE(rec.events()[1].time_s == 7200.0);
  REQUIRE_THROWS_AS(rec.log_event(INFINITY, "x", "y", "z"), std::invalid_argument);
  REQUIRE_THROWS_AS(rec.log_event(1.0, "", "y", "z"), std::invalid_argument);
}

TEST_CASE("recorder discarding rows keeps none, still refuses bad rows and keeps events", "[recorder]") {
  Recorder rec;
  const auto t = rec.add_channel("supply_temp_c", "degC", "CDU supply temperature");
  rec.record(0.0, std::vector<double>{20.0});
  rec.discard_rows();
  rec.reserve(1'000'000);
  CHECK_FALSE(rec.keeps_rows());
  for (int i = 1; i <= 100; ++i) {
    rec.set(t, 20.0 + i);
    rec.commit_row(60.0 * i);
  }
  CHECK(rec.row_count() == 0);
  CHECK(rec.column(t).empty());
  CHECK(rec.times_s().capacity() == 0);  // nothing reserved: no memory for the rows
  // The checks stay: time must still rise past the last row seen, rows must fit the channels.
  CHECK_THROWS_AS(rec.record(60.0 * 100, std::vector<double>{1.0}), std::invalid_argument);
  CHECK_THROWS_AS(rec.record(1e9, std::vector<double>{1.0, 2.0}), std::invalid_argument);
  rec.log_event(30.0, "mode_change", "plant.cw", "free -> partial");
  CHECK(rec.events().size() == 1);
}
