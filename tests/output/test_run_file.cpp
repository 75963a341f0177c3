// Run file: the layout of DESIGN.md (names of groups, datasets and attributes, units and
// descriptions everywhere), values that a hand calculation predicts, exact round trips, sweep
// cases, and atomic replacement when a write fails. The hidden tests "[.write_sample_run]" and
// "[.write_sample_sweep]" write the same sample run, and a sweep of it over the IT load, to
// $DCSIM_SAMPLE_OUT for tests/python/test_results_reader.py.
//
// The sample run: year 2025 at hourly recording of a 1.0 MW IT load stepping to 1.5 MW on
// 2025-07-01 (day 181). Outdoor dry bulb T = 12 - 10 cos(2 pi (d - 20) / 365) + 4 sin(2 pi (h - 9) / 24)
// (d days since start, h hour of day). Cooling power = IT (0.05 + 0.004 max(0, T - 10)); losses =
// 0.03 IT + 20 kW; facility = IT + cooling + losses. Each sample holds for its hour.
// Hand calculation of IT energy: January 31 d x 24 h x 1000 kW = 744,000 kWh; July 31 x 24 x 1500
// = 1,116,000 kWh; the year (181 d x 24 x 1000) + (184 d x 24 x 1500) = 4,344,000 + 6,624,000
// = 10,968,000 kWh.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <numbers>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "output/atomic_file.hpp"
#include "output/h5_file.hpp"
#include "output/run_file.hpp"
#include "sim/recorder.hpp"
#include "sim/time.hpp"
#include "sim/version.hpp"
#include "tests/support/temp_dir.hpp"

namespace fs = std::filesystem;
namespace h5 = dcsim::output::h5;
using namespace dcsim;

namespace {

using dcsim::test::TempDir;

struct SampleRun {
  output::RunResults results;
  sim::Recorder recorder;
};

SampleRun make_sample_run(double it_scale = 1.0) {
  SampleRun s;
  auto& rec = s.recorder;
  const auto t_out = rec.add_channel("outdoor_drybulb_c", "degC", "outdoor dry-bulb temperature");
  const auto it = rec.add_channel("it_power_w", "W", "IT equipment power");
  const auto cool = rec.add_channel("cooling_power_w", "W", "cooling plant electric power");
  const auto loss = rec.add_channel("power_loss_w", "W", "electrical chain losses and lighting");
  const auto fac = rec.add_channel("facility_power_w", "W", "facility power at the utility meter");
  const auto mode = rec.add_channel("economizer_mode", "1", "0 free cooling, 1 partial, 2 mechanical");
  const sim::Calendar cal(sim::CivilDate{2025, 1, 1});
  constexpr int kHours = 8760;
  rec.reserve(kHours);
  std::vector<double> it_kwh(12, 0.0), cool_kwh(12, 0.0), loss_kwh(12, 0.0), fac_kwh(12, 0.0);
  for (int h = 0; h < kHours; ++h) {
    const double time_s = 3600.0 * h;
    const double day = time_s / 86400.0;
    const double hour_of_day = h % 24;
    const double temp_c = 12.0 - 10.0 * std::cos(2 * std::numbers::pi * (day - 20.0) / 365.0) +
                          4.0 * std::sin(2 * std::numbers::pi * (hour_of_day - 9.0) / 24.0);
    const double it_w = it_scale * (day < 181.0 ? 1.0e6 : 1.5e6);
    const double cool_w = it_w * (0.05 + 0.004 * std::max(0.0, temp_c - 10.0));
    const double loss_w = 0.03 * it_w + 20.0e3;
    const double fac_w = it_w + cool_w + loss_w;
    rec.set(t_out, temp_c);
    rec.set(it, it_w);
    rec.set(cool, cool_w);
    rec.set(loss, loss_w);
    rec.set(fac, fac_w);
    rec.set(mode, temp_c < 10.0 ? 0.0 : temp_c < 18.0 ? 1.0 : 2.0);
    rec.commit_row(time_s);
    const int m = cal.month_index(sim::hours(h));
    it_kwh[m] += it_w / 1000.0;  // one hour at this power
    cool_kwh[m] += cool_w / 1000.0;
    loss_kwh[m] += loss_w / 1000.0;
    fac_kwh[m] += fac_w / 1000.0;
  }
  rec.log_event((31 + 28 + 9) * 86400.0 + 14 * 3600.0, "failure", "chiller[1]", "compressor trip");
  rec.log_event((31 + 28 + 9) * 86400.0 + 20 * 3600.0, "repair", "chiller[1]", "back in service");
  rec.log_event(181 * 86400.0, "load_step", "rack_group.gpu", "1.0 MW -> 1.5 MW");

  auto& r = s.results;
  r.scenario_name = "sample_hourly_2025";
  r.site = "phoenix";
  r.seed = 12345678901234567890ull;
  r.period_start = {2025, 1, 1};
  r.scenario_yaml = "name: sample_hourly_2025\nsite: phoenix\nperiod: {start: 2025-01-01, length: 1 y}\n";
  r.monthly = {{"it_energy_kwh", "kWh", "IT energy", it_kwh},
               {"cooling_energy_kwh", "kWh", "cooling energy", cool_kwh},
               {"power_loss_energy_kwh", "kWh", "electrical losses and lighting", loss_kwh},
               {"facility_energy_kwh", "kWh", "facility energy", fac_kwh}};
  std::vector<double> pue(12);
  for (int m = 0; m < 12; ++m) pue[m] = fac_kwh[m] / it_kwh[m];
  r.monthly.push_back({"pue", "1", "power usage effectiveness of the month", pue});
  auto total = [](const std::vector<double>& v) {
    double s = 0.0;
    for (double x : v) s += x;
    return s;
  };
  r.summary = {{"pue", total(fac_kwh) / total(it_kwh), "1"},
               {"it_energy_kwh", total(it_kwh), "kWh"},
               {"cooling_energy_kwh", total(cool_kwh), "kWh"},
               {"power_loss_energy_kwh", total(loss_kwh), "kWh"},
               {"facility_energy_kwh", total(fac_kwh), "kWh"},
               {"hours_outside_envelope", 0.0, "h"}};
  r.summary_text = {{"baseline_description", "same facility with chillers only, grid at 400 g/kWh"}};
  return s;
}

std::set<std::string> names_of(const H5::Group& g) {
  const auto v = h5::member_names(g);
  return {v.begin(), v.end()};
}

void check_run_layout(const H5::Group& run) {
  for (const char* a : {"dcsim_version", "created_utc", "scenario_name", "site", "seed", "git_describe"}) {
    INFO("root attribute " << a);
    REQUIRE(h5::has_attr(run, a));
  }
  REQUIRE(h5::string_attr(run, "dcsim_version") == kVersion);
  REQUIRE(h5::string_attr(run, "git_describe") == kGitDescribe);
  REQUIRE(std::regex_match(h5::string_attr(run, "created_utc"),
                           std::regex(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ)")));
  REQUIRE(names_of(run) == std::set<std::string>{"events", "monthly", "scenario", "summary", "timeseries"});

  const H5::Group ts = h5::open_group(run, "timeseries");
  REQUIRE(h5::member_names(ts) ==
          std::vector<std::string>{"time_s", "outdoor_drybulb_c", "it_power_w", "cooling_power_w",
                                   "power_loss_w", "facility_power_w", "economizer_mode"});
  const std::size_t rows = h5::read_doubles(ts, "time_s").size();
  REQUIRE(rows == 8760);
  for (const auto& name : h5::member_names(ts)) {
    INFO("/timeseries/" << name);
    const H5::DataSet ds = ts.openDataSet(name);
    REQUIRE(h5::has_attr(ds, "units"));
    REQUIRE(h5::has_attr(ds, "description"));
    REQUIRE_FALSE(h5::string_attr(ds, "description").empty());
    REQUIRE(h5::read_doubles(ts, name).size() == rows);
  }
  REQUIRE(h5::string_attr(ts.openDataSet("time_s"), "units") == "s");

  const H5::Group monthly = h5::open_group(run, "monthly");
  REQUIRE(names_of(monthly) == std::set<std::string>{"month", "it_energy_kwh", "cooling_energy_kwh",
                                                     "power_loss_energy_kwh", "facility_energy_kwh", "pue"});
  for (const auto& name : h5::member_names(monthly)) {
    INFO("/monthly/" << name);
    const H5::DataSet ds = monthly.openDataSet(name);
    REQUIRE(h5::has_attr(ds, "units"));
    REQUIRE(h5::has_attr(ds, "description"));
    REQUIRE(ds.getSpace().getSimpleExtentNpoints() == 12);
  }
  const auto months = h5::read_strings(monthly, "month");
  REQUIRE(months.front() == "2025-01");
  REQUIRE(months.back() == "2025-12");

  const H5::Group summary = h5::open_group(run, "summary");
  REQUIRE(h5::string_attr(summary, "it_energy_kwh_units") == "kWh");
  REQUIRE(h5::string_attr(summary, "pue_units") == "1");

  const h5::Table events = h5::read_table(run, "events");
  REQUIRE(events.columns().size() == 4);
  REQUIRE(events.columns()[0].name == "time_s");
  REQUIRE(events.columns()[1].name == "kind");
  REQUIRE(events.columns()[2].name == "component");
  REQUIRE(events.columns()[3].name == "detail");
  REQUIRE(events.row_count() == 3);
}

}  // namespace

TEST_CASE("run file layout matches DESIGN.md", "[run_file]") {
  TempDir dir("run_layout");
  const SampleRun s = make_sample_run();
  const fs::path path = dir.path / "run.h5";
  output::write_run_file(path, s.results, s.recorder);
  REQUIRE(std::distance(fs::directory_iterator(dir.path), fs::directory_iterator()) == 1);
  H5::H5File f = h5::open_file(path);
  check_run_layout(f);
  REQUIRE(h5::uint64_attr(f, "seed") == 12345678901234567890ull);
  REQUIRE(h5::string_attr(f, "period_start") == "2025-01-01");
}

TEST_CASE("run file holds the hand-calculated energies", "[run_file]") {
  TempDir dir("run_values");
  const SampleRun s = make_sample_run();
  const fs::path path = dir.path / "run.h5";
  output::write_run_file(path, s.results, s.recorder);
  H5::H5File f = h5::open_file(path);
  const auto it_kwh = h5::read_doubles(h5::open_group(f, "monthly"), "it_energy_kwh");
  REQUIRE(it_kwh[0] == Approx(744000.0).epsilon(1e-12));    // 31 d x 24 h x 1000 kW
  REQUIRE(it_kwh[1] == Approx(672000.0).epsilon(1e-12));    // 28 d x 24 h x 1000 kW (2025)
  REQUIRE(it_kwh[6] == Approx(1116000.0).epsilon(1e-12));   // 31 d x 24 h x 1500 kW
  const H5::Group summary = h5::open_group(f, "summary");
  REQUIRE(h5::double_attr(summary, "it_energy_kwh") == Approx(10968000.0).epsilon(1e-12));
  // Energy balance: facility = IT + cooling + losses, monthly and for the year.
  const H5::Group monthly = h5::open_group(f, "monthly");
  const auto fac = h5::read_doubles(monthly, "facility_energy_kwh");
  const auto cool = h5::read_doubles(monthly, "cooling_energy_kwh");
  const auto loss = h5::read_doubles(monthly, "power_loss_energy_kwh");
  double year = 0.0;
  for (int m = 0; m < 12; ++m) {
    REQUIRE(fac[m] == Approx(it_kwh[m] + cool[m] + loss[m]).epsilon(1e-12));
    year += fac[m];
  }
  REQUIRE(h5::double_attr(summary, "facility_energy_kwh") == Approx(year).epsilon(1e-12));
  REQUIRE(h5::double_attr(summary, "pue") > 1.0);
  // Outdoor temperature at t = 0 from the formula: 12 - 10 cos(-40 pi / 365) + 4 sin(-9 pi / 12).
  const double t0 = 12.0 - 10.0 * std::cos(-40.0 * std::numbers::pi / 365.0) + 4.0 * std::sin(-0.75 * std::numbers::pi);
  REQUIRE(h5::read_doubles(h5::open_group(f, "timeseries"), "outdoor_drybulb_c")[0] == Approx(t0).epsilon(1e-14));
}

TEST_CASE("run file round-trips results and recording exactly", "[run_file]") {
  TempDir dir("run_roundtrip");
  const SampleRun s = make_sample_run();
  const fs::path path = dir.path / "run.h5";
  output::write_run_file(path, s.results, s.recorder);
  H5::H5File f = h5::open_file(path);
  const output::RunResults r = output::read_run(f);
  REQUIRE(r.scenario_name == s.results.scenario_name);
  REQUIRE(r.site == s.results.site);
  REQUIRE(r.seed == s.results.seed);
  REQUIRE(r.period_start == s.results.period_start);
  REQUIRE(r.scenario_yaml == s.results.scenario_yaml);
  REQUIRE(r.summary.size() == s.results.summary.size());
  for (const auto& m : s.results.summary) {
    const auto found = std::find_if(r.summary.begin(), r.summary.end(), [&](const auto& x) { return x.name == m.name; });
    REQUIRE(found != r.summary.end());
    REQUIRE(found->value == m.value);
    REQUIRE(found->units == m.units);
  }
  REQUIRE(r.summary_text == s.results.summary_text);
  REQUIRE(r.monthly.size() == s.results.monthly.size());
  for (std::size_t i = 0; i < r.monthly.size(); ++i) {  // /monthly tracks creation order
    REQUIRE(r.monthly[i].name == s.results.monthly[i].name);
    REQUIRE(r.monthly[i].units == s.results.monthly[i].units);
    REQUIRE(r.monthly[i].description == s.results.monthly[i].description);
    REQUIRE(r.monthly[i].values == s.results.monthly[i].values);
  }
  const sim::Recorder rec = output::read_recording(f);
  REQUIRE(rec.times_s() == s.recorder.times_s());
  REQUIRE(rec.channel_count() == s.recorder.channel_count());
  for (sim::ChannelId c = 0; c < rec.channel_count(); ++c) {
    REQUIRE(rec.channels()[c].name == s.recorder.channels()[c].name);
    REQUIRE(rec.channels()[c].units == s.recorder.channels()[c].units);
    const auto a = rec.column(c), b = s.recorder.column(c);
    REQUIRE(std::equal(a.begin(), a.end(), b.begin(), b.end()));
  }
  REQUIRE(rec.events().size() == 3);
  REQUIRE(rec.events()[2].detail == "1.0 MW -> 1.5 MW");
  REQUIRE(rec.events()[0].time_s == s.recorder.events()[0].time_s);
}

TEST_CASE("a failed run write leaves the previous file intact", "[run_file]") {
  TempDir dir("run_failed");
  SampleRun s = make_sample_run();
  const fs::path path = dir.path / "run.h5";
  output::write_run_file(path, s.results, s.recorder);
  s.results.scenario_name = "second attempt";
  SECTION("duplicate summary metric") {
    s.results.summary.push_back({"pue", 2.0, "1"});
    REQUIRE_THROWS_AS(output::write_run_file(path, s.results, s.recorder), std::invalid_argument);
  }
  SECTION("a units attribute would clash with a metric") {
    s.results.summary.push_back({"pue_units", 2.0, "1"});
    REQUIRE_THROWS_AS(output::write_run_file(path, s.results, s.recorder), std::invalid_argument);
  }
  SECTION("monthly series of unequal length") {
    s.results.monthly[1].values.pop_back();
    REQUIRE_THROWS_AS(output::write_run_file(path, s.results, s.recorder), std::invalid_argument);
  }
  REQUIRE(std::distance(fs::directory_iterator(dir.path), fs::directory_iterator()) == 1);
  REQUIRE(h5::string_attr(h5::open_file(path), "scenario_name") == "sample_hourly_2025");
}

TEST_CASE("sweep file holds each case like the root of a run", "[run_file]") {
  TempDir dir("run_sweep");
  const SampleRun s = make_sample_run();
  const fs::path path = dir.path / "sweep.h5";
  {
    H5::H5File f = h5::create_file(path);
    output::write_case(f, "c0000", s.results, s.recorder);
    output::write_case(f, "c0001", s.results, s.recorder);
    REQUIRE_THROWS_AS(output::write_case(f, "bad/id", s.results, s.recorder), std::invalid_argument);
    h5::Table table;
    table.add("case_id", std::vector<std::string>{"c0000", "c0001"})
        .add("pue", std::vector<double>{s.results.summary[0].value, s.results.summary[0].value});
    h5::write_table(h5::create_group(f, "sweep"), "table", table);
  }
  H5::H5File f = h5::open_file(path);
  REQUIRE(names_of(f) == std::set<std::string>{"cases", "sweep"});
  REQUIRE(names_of(h5::open_group(f, "cases")) == std::set<std::string>{"c0000", "c0001"});
  check_run_layout(h5::open_group(f, "cases/c0001"));
  REQUIRE(h5::read_table(h5::open_group(f, "sweep"), "table").strings("case_id")[1] == "c0001");
}

TEST_CASE("month labels run across year ends", "[run_file]") {
  const sim::CivilDate start{2024, 11, 15};
  REQUIRE(output::month_label(start, 0) == "2024-11");
  REQUIRE(output::month_label(start, 2) == "2025-01");
  REQUIRE(output::month_label(start, 13) == "2025-12");
}

// Hidden: run explicitly as `test_output "[.write_sample_run]"` with DCSIM_SAMPLE_OUT=<path>.
TEST_CASE("write the sample run for the Python reader test", "[.write_sample_run]") {
  const char* out = std::getenv("DCSIM_SAMPLE_OUT");
  if (out == nullptr || *out == '\0') FAIL("set DCSIM_SAMPLE_OUT to the path of the file to write");
  const SampleRun s = make_sample_run();
  output::write_run_file(out, s.results, s.recorder);
  H5::H5File f = h5::open_file(out);
  check_run_layout(f);
}

// Hidden: a sweep of three cases scaling the IT load by 1, 1.5 and 2 (DCSIM_SAMPLE_OUT=<path>).
TEST_CASE("write a sample sweep for the Python reader test", "[.write_sample_sweep]") {
  const char* out = std::getenv("DCSIM_SAMPLE_OUT");
  if (out == nullptr || *out == '\0') FAIL("set DCSIM_SAMPLE_OUT to the path of the file to write");
  const std::vector<double> scales = {1.0, 1.5, 2.0};
  output::write_atomically(out, [&](const fs::path& temp) {
    H5::H5File f = h5::create_file(temp);
    std::vector<std::string> ids;
    std::vector<double> pue, it_kwh;
    for (std::size_t k = 0; k < scales.size(); ++k) {
      const SampleRun s = make_sample_run(scales[k]);
      ids.push_back(fmt::format("c{:04d}", k));
      output::write_case(f, ids.back(), s.results, s.recorder);
      pue.push_back(s.results.summary[0].value);
      it_kwh.push_back(s.results.summary[1].value);
    }
    h5::Table table;
    table.add("case_id", ids).add("it_scale", scales).add("seed", std::vector<std::int64_t>{1, 2, 3});
    table.add("pue", pue).add("it_energy_kwh", it_kwh);
    h5::write_table(h5::create_group(f, "sweep"), "table", table);
    f.close();
  });
}
