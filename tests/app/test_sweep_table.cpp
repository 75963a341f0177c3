// The sweep file writer (output/sweep_file.hpp): table rows in case order whatever the order the
// cases finished in, the union of the cases' metrics with NaN where a case lacks one, a resumed
// partial file keeps complete cases and drops a half-written one, refuses another sweep's file,
// and a case sent as an HDF5 image (MPI) reads back as written.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <atomic>
#include <cmath>
#include <filesystem>

#include "output/sweep_file.hpp"

namespace fs = std::filesystem;
namespace h5 = dcsim::output::h5;
using namespace dcsim::output;
using Catch::Matchers::Contains;

namespace {

fs::path temp_file(const std::string& name) {
  static std::atomic<int> n{0};
  const fs::path dir = fs::temp_directory_path() / ("dcsim-sweep-table-" + std::to_string(::getpid()) + "-" + std::to_string(n++));
  fs::remove_all(dir);  // left by an earlier run whose process had the same id
  fs::create_directories(dir);
  return dir / name;
}

SweepInfo info_of(int cases) {
  SweepInfo info;
  info.name = "t";
  info.fingerprint = "0123456789abcdef";
  info.case_count = cases;
  info.definition = "base: x.yaml\n";
  std::vector<std::int64_t> index;
  std::vector<std::string> id;
  std::vector<double> temp;
  for (int i = 0; i < cases; ++i) {
    index.push_back(i);
    id.push_back("c000" + std::to_string(i));
    temp.push_back(20.0 + i);
  }
  info.parameters.add("case_index", index).add("case_id", id).add("cooling.liquid.supply_temp", temp);
  return info;
}

CaseRecord ok_case(int i, std::vector<SummaryMetric> m) {
  CaseRecord r;
  r.index = i;
  r.id = "c000" + std::to_string(i);
  r.parameters = "cooling.liquid.supply_temp=" + std::to_string(20 + i);
  r.ok = true;
  r.summary = std::move(m);
  return r;
}

RunResults run_of(const CaseRecord& r) {
  RunResults run;
  run.scenario_name = "t";
  run.site = "reykjavik";
  run.scenario_yaml = "name: t\n";
  run.summary = r.summary;
  run.monthly.push_back({"pue", "1", "PUE of the month", {1.1}});
  return run;
}

}  // namespace

TEST_CASE("sweep table: case order, metric union, NaN for missing and failed", "[sweep]") {
  const SweepInfo info = info_of(4);
  CaseRecord failed;
  failed.index = 1;
  failed.id = "c0001";
  failed.error = "x.yaml:3:5: error: bad\n 3 | snippet";
  // Finished in the order 3, 1, 0; case 2 not done.
  const SweepTable t = sweep_table(info.parameters, {ok_case(3, {{"pue", 1.3, "1"}, {"work_units", 7, "inference"}}),
                                                     failed, ok_case(0, {{"pue", 1.1, "1"}})});
  CHECK(t.table.strings("case_id") == std::vector<std::string>{"c0000", "c0001", "c0003"});
  CHECK(t.table.int64s("case_index") == std::vector<std::int64_t>{0, 1, 3});
  CHECK(t.table.doubles("cooling.liquid.supply_temp") == std::vector<double>{20, 21, 23});
  CHECK(t.table.strings("status") == std::vector<std::string>{"ok", "failed", "ok"});
  CHECK(t.table.strings("error") == std::vector<std::string>{"", "x.yaml:3:5: error: bad", ""});
  const auto& pue = t.table.doubles("pue");
  CHECK(pue[0] == 1.1);
  CHECK(std::isnan(pue[1]));
  CHECK(pue[2] == 1.3);
  const auto& work = t.table.doubles("work_units");
  CHECK((std::isnan(work[0]) && std::isnan(work[1]) && work[2] == 7));
  // Columns: id, index, parameters, status, error, then metrics in order of first appearance in
  // case order (case 0 has pue only; work_units first appears in case 3).
  std::vector<std::string> names;
  for (const auto& c : t.table.columns()) names.push_back(c.name);
  CHECK(names == std::vector<std::string>{"case_id", "case_index", "cooling.liquid.supply_temp", "status", "error", "pue", "work_units"});
  CHECK(t.metric_units == std::vector<std::pair<std::string, std::string>>{{"pue", "1"}, {"work_units", "inference"}});
}

TEST_CASE("sweep writer: resume keeps complete cases, drops a half-written one, refuses another sweep", "[sweep]") {
  const fs::path p = temp_file("s.h5.partial");
  const SweepInfo info = info_of(4);
  const dcsim::sim::Recorder rec;
  {
    SweepWriter w(p, info, SweepWriter::Mode::create);
    const CaseRecord c2 = ok_case(2, {{"pue", 1.2, "1"}});
    const RunResults r2 = run_of(c2);
    w.add(c2, &r2, &rec);
    CaseRecord bad;
    bad.index = 0;
    bad.id = "c0000";
    bad.error = "boom";
    w.add(bad, nullptr, nullptr);
    w.finish(false);
  }
  {
    // A case group without its `status` (the process died while writing it).
    auto f = h5::open_file(p, true);
    h5::create_group(f, "cases/c0003");
  }
  {
    SweepWriter w(p, info, SweepWriter::Mode::resume);
    REQUIRE(w.records().size() == 2);
    CHECK(w.records()[0].id == "c0000");
    CHECK_FALSE(w.records()[0].ok);
    CHECK(w.records()[0].error == "boom");
    CHECK(w.records()[1].summary.front().value == 1.2);
    w.finish(false);
  }
  CHECK_FALSE(h5::exists(h5::open_file(p), "cases/c0003"));
  SweepInfo other = info;
  other.fingerprint = "ffffffffffffffff";
  CHECK_THROWS_WITH(SweepWriter(p, other, SweepWriter::Mode::resume), Contains("another sweep"));
  other = info;
  other.shard = "2/3";
  CHECK_THROWS_WITH(SweepWriter(p, other, SweepWriter::Mode::resume), Contains("holds shard ''"));
}

TEST_CASE("sweep writer: a case image (MPI) reads back as the case written directly", "[sweep]") {
  const fs::path a = temp_file("a.h5");
  const fs::path b = temp_file("b.h5");
  const SweepInfo info = info_of(2);
  dcsim::sim::Recorder rec;
  rec.log_event(3600, "failure", "plant", "geothermal outage");
  const CaseRecord c = ok_case(1, {{"pue", 1.25, "1"}, {"water_m3", 3.5, "m3"}});
  const RunResults run = run_of(c);
  {
    SweepWriter w(a, info, SweepWriter::Mode::create);
    w.add(c, &run, &rec);
    w.finish(true);
  }
  {
    SweepWriter w(b, info, SweepWriter::Mode::create);
    const std::vector<char> image = case_image(c, &run, &rec);
    const CaseRecord& back = w.add_image(image);
    CHECK(back.id == "c0001");
    CHECK(back.parameters == c.parameters);
    w.finish(true);
  }
  const auto fa = h5::open_file(a);
  const auto fb = h5::open_file(b);
  const auto ta = h5::read_table(h5::open_group(fa, "sweep"), "table");
  const auto tb = h5::read_table(h5::open_group(fb, "sweep"), "table");
  CHECK(ta.doubles("pue") == tb.doubles("pue"));
  CHECK(ta.doubles("water_m3") == std::vector<double>{3.5});
  CHECK(tb.doubles("water_m3") == std::vector<double>{3.5});
  const auto ev = h5::read_table(h5::open_group(fb, "cases/c0001"), "events");
  CHECK(ev.strings("detail") == std::vector<std::string>{"geothermal outage"});
  CHECK(h5::string_attr(h5::open_group(fb, "sweep").openDataSet("table"), "water_m3_units") == "m3");
}
