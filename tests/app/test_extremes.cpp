// Extreme but valid inputs (docs/robustness.md): ambient -50 and +55 degC, zero load, tenfold overload,
// one rack, 100,000 racks. Each runs a few days through the whole pipeline (load, simulate, metrics)
// and every summary metric and every recorded value must be finite; physically impossible situations
// (a plant far too small for its load) must show up as warnings and envelope events, not as NaN.
#include <catch2/catch.hpp>

#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "app/run.hpp"
#include "app/scenario.hpp"
#include "tests/support/temp_dir.hpp"

using dcsim::app::RunOutcome;

namespace {

namespace fs = std::filesystem;

// A temporary directory of this test process, removed at exit.
const dcsim::test::TempDir& temp_dir() {
  static const dcsim::test::TempDir dir("extremes");
  return dir;
}

// An EPW file of ten January days at a constant dry bulb and dew point (EPW data dictionary: 35
// fields per record; fields not read by dcsim are zero).
std::string write_constant_epw(double dry_bulb_c, double dew_point_c) {
  const fs::path p = temp_dir().path / fmt::format("constant_{:g}.epw", dry_bulb_c);
  std::ofstream out(p);
  out << "LOCATION,Extreme,XX,TST,Test,000000,40.00,10.00,1.0,100.0\n"
         "DESIGN CONDITIONS,0\nTYPICAL/EXTREME PERIODS,0\nGROUND TEMPERATURES,0\n"
         "HOLIDAYS/DAYLIGHT SAVINGS,No,0,0,0\nCOMMENTS 1,constant temperature\nCOMMENTS 2,\n"
         "DATA PERIODS,1,1,Data,Wednesday, 1/ 1,1/10\n";
  for (int d = 1; d <= 10; ++d) {
    for (int h = 1; h <= 24; ++h) {
      out << fmt::format("2025,1,{},{},60,?9?9?9?9E0?9?9?9?9*9?9?9?9?9?9?9?9?9?9?9*9*9?9?9?9,{},{},50,100000", d, h,
                         dry_bulb_c, dew_point_c);
      for (int i = 10; i < 35; ++i) out << (i == 21 ? ",3" : ",0");
      out << "\n";
    }
  }
  return p.string();
}

struct Case {
  std::string site = "builtin: reykjavik";
  std::string groups = "[{name: racks, count: 20, idle_power: 4 kW, peak_power: 10 kW, liquid_share: 60 %,"
                       " utilization: {type: constant, value: 70 %}}]";
  // Sized for the case above: 200 kW at peak, 120 kW to liquid, 80 kW to air.
  std::string plants =
      "[{name: warm, equipment: [{type: cooling_tower, capacity: 300 kW}, {type: water_cooled_chiller, capacity: 150 kW, count: 2},"
      " {type: heat_reuse, capacity: 50 kW, demand: 40 kW, heat_pump: true}]},"
      " {name: cold, equipment: [{type: dry_cooler, capacity: 200 kW}, {type: air_cooled_chiller, capacity: 100 kW, count: 2}]}]";
  std::string air = "{plant: cold, units: {count: 2, capacity: 100 kW}, economizer: {type: indirect, evaporative: true}}";
  std::string extra;
};

std::string scenario_text(const Case& c) {
  return fmt::format(R"(name: extreme
site: {{{}}}
period: {{start: 2025-01-02, length: 3 d, record_interval: 15 min}}
it:
  groups: {}
cooling:
  plants: {}
  liquid: {{plant: warm, supply_temp: 32 degC}}
  air: {}
supply: {{grid: {{intensity: 300 g/kWh}}}}
{}
)",
                     c.site, c.groups, c.plants, c.air, c.extra);
}

RunOutcome run(const Case& c, const std::vector<std::string>& overrides = {}) {
  const auto sc = dcsim::app::load_scenario_text(scenario_text(c), "extreme.yaml", temp_dir().path.string(), overrides);
  return dcsim::app::run_scenario(sc);
}

// Every metric and every recorded value is a finite number.
void require_finite(const RunOutcome& r) {
  for (const auto& m : r.summary.metrics()) {
    INFO("summary metric " << m.name);
    REQUIRE(std::isfinite(m.value));
  }
  const auto& rec = r.result.recorder;
  REQUIRE(rec.row_count() > 0);
  for (std::size_t c = 0; c < rec.channel_count(); ++c) {
    for (const double v : rec.column(c)) {
      INFO("recorded channel " << rec.channels()[c].name);
      REQUIRE(std::isfinite(v));
    }
  }
}

double metric(const RunOutcome& r, const std::string& name) { return r.summary.value(name); }

std::size_t events_of_kind(const RunOutcome& r, const std::string& kind) {
  std::size_t n = 0;
  for (const auto& e : r.result.recorder.events()) n += e.kind == kind;
  return n;
}

double column_max(const RunOutcome& r, const std::string& channel) {
  const auto& rec = r.result.recorder;
  double m = -INFINITY;
  for (const double v : rec.column(*rec.find(channel))) m = std::max(m, v);
  return m;
}

}  // namespace

TEST_CASE("Extremes: ambient -50 and +55 degC give finite figures: cold is free cooling, heat needs compressors",
          "[extremes]") {
  Case cold, hot;
  cold.site = fmt::format("epw: {}", write_constant_epw(-50.0, -55.0));
  hot.site = fmt::format("epw: {}", write_constant_epw(55.0, 20.0));
  const RunOutcome rc = run(cold), rh = run(hot);
  require_finite(rc);
  require_finite(rh);
  // Same IT load either way: 20 racks at 4 + 0.7 x 6 = 8.2 kW for 72 h (server fans rise only with a
  // warm inlet, so the hot case's IT energy is at least this).
  const double it_kwh = 20 * 8.2 * 72;
  CHECK(metric(rc, "it_energy_kwh") == Approx(it_kwh).epsilon(0.02));
  CHECK(metric(rh, "it_energy_kwh") >= 0.98 * it_kwh);
  // At -50 degC every plant rejects its heat without compressors; at +55 degC no tower or dry cooler
  // can bring water down to 28 degC (liquid) or 18 degC (air), so the chillers run all the time.
  CHECK(metric(rc, "free_cooling_hours") == Approx(72).epsilon(0.01));
  CHECK(metric(rc, "compressors_energy_kwh") == Approx(0).margin(1e-6));
  CHECK(metric(rh, "free_cooling_hours") == Approx(0).margin(1e-6));
  CHECK(metric(rh, "compressors_energy_kwh") > 0.0);
  CHECK(metric(rh, "pue") > metric(rc, "pue"));
  CHECK(metric(rc, "pue") > 1.0);
  // Both plants are sized for the load: at -50 degC nothing runs short of capacity.
  CHECK(events_of_kind(rc, "capacity") == 0);
}

TEST_CASE("Extremes: zero load gives finite figures and an undefined PUE, not NaN", "[extremes]") {
  Case c;
  c.groups = "[{name: racks, count: 20, idle_power: 0 kW, peak_power: 10 kW, liquid_share: 60 %,"
             " utilization: {type: constant, value: 0}}]";
  c.extra = "power: {lighting: 5 kW}";
  const RunOutcome r = run(c);
  require_finite(r);
  CHECK(metric(r, "it_energy_kwh") == 0.0);
  // Lighting alone is 5 kW x 72 h; the facility still draws it (and fan, pump, transformer no-load).
  CHECK(metric(r, "facility_energy_kwh") >= 5.0 * 72);
  const auto* pue = r.summary.find("pue");
  REQUIRE(pue != nullptr);
  CHECK_FALSE(pue->defined);
}

TEST_CASE("Extremes: tenfold overload of the plant gives warnings and envelope events, finite values",
          "[extremes]") {
  // The plants and CRAH units are sized for 200 kW; the racks draw ten times that (2 MW).
  Case c;
  c.groups = "[{name: racks, count: 20, idle_power: 40 kW, peak_power: 100 kW, liquid_share: 60 %,"
             " utilization: {type: constant, value: 100 %}}]";
  const RunOutcome r = run(c);
  require_finite(r);
  // The plants and CRAH coils say so: a warning and 'capacity' events, and the inlet leaves its envelope.
  bool capacity_warning = false;
  for (const auto& w : r.result.warnings) capacity_warning = capacity_warning || w.find("cooling capacity short") != std::string::npos;
  CHECK(capacity_warning);
  CHECK(events_of_kind(r, "capacity") >= 1);
  CHECK(events_of_kind(r, "envelope") >= 1);
  CHECK(metric(r, "hours_outside_envelope") > 0.0);
  // The CRAHs take at most 200 kW from 800 kW of air-side heat: the inlet ends far above A1's 32 degC.
  CHECK(column_max(r, "it_inlet_c") > 32.0);
}

TEST_CASE("Extremes: one rack and 100,000 racks give finite figures that scale with the rack count", "[extremes]") {
  Case one, many;
  one.groups = "[{name: racks, count: 1, idle_power: 4 kW, peak_power: 10 kW, liquid_share: 60 %,"
               " utilization: {type: constant, value: 70 %}}]";
  one.plants = "[{name: warm, equipment: [{type: dry_cooler, capacity: 15 kW}]},"
               " {name: cold, equipment: [{type: dry_cooler, capacity: 10 kW}, {type: air_cooled_chiller, capacity: 10 kW}]}]";
  // A room, a UPS and CRAHs of a one-rack size (the defaults are those of a hall).
  one.air = "{plant: cold, units: {count: 1, capacity: 10 kW},"
            " room: {volume: 50 m3, structure_capacity: 2 MJ/K, structure_ua: 0.2 kW/K}}";
  one.extra = "power: {ups: {module_rating: 10 kW}}";
  many.groups = "[{name: racks, count: 100000, idle_power: 4 kW, peak_power: 10 kW, liquid_share: 60 %,"
                " utilization: {type: constant, value: 70 %}}]";
  many.plants = "[{name: warm, equipment: [{type: dry_cooler, capacity: 1500 MW, count: 500}]},"
                " {name: cold, equipment: [{type: dry_cooler, capacity: 1000 MW, count: 400},"
                " {type: air_cooled_chiller, capacity: 5 MW, count: 200}]}]";
  many.air = "{plant: cold, units: {count: 5000, capacity: 200 kW}, room: {volume: 5000000 m3, structure_capacity: 100000 MJ/K}}";
  const auto t0 = std::chrono::steady_clock::now();
  const RunOutcome r1 = run(one), rn = run(many);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  require_finite(r1);
  require_finite(rn);
  // A rack at 70 %: 4 + 0.7 x 6 = 8.2 kW, for 72 h; 100,000 of them 1e5 times that.
  CHECK(metric(r1, "it_energy_kwh") == Approx(8.2 * 72).epsilon(0.02));
  CHECK(metric(rn, "it_energy_kwh") == Approx(1e5 * 8.2 * 72).epsilon(0.02));
  // Racks are lumped per group: a hundred thousand cost no more than one.
  CHECK(seconds < 20.0);
}

// ---- Inputs that once escaped the loader as something other than a clear input error ----------

namespace {

// The message of the InputException that loading `c` throws, or "" if it loads.
std::string load_error(const Case& c) {
  try {
    dcsim::app::load_scenario_text(scenario_text(c), "extreme.yaml", temp_dir().path.string());
  } catch (const dcsim::app::InputException& e) {
    return e.errors().format();
  }
  return "";
}

}  // namespace

TEST_CASE("Extremes: a scenario without a description loads (the empty default is a string)", "[extremes][loader]") {
  CHECK(load_error(Case{}) == "");
}

TEST_CASE("Extremes: names that cannot name a result dataset are input errors at the name", "[extremes][loader]") {
  Case c;
  c.groups = "[{name: gpu racks, count: 2, idle_power: 4 kW, peak_power: 10 kW}]";
  CHECK_THAT(load_error(c), Catch::Contains("it.groups[0].name: 'gpu racks' must be letters, digits"));
  Case p;
  p.plants = "[{name: warm/water, equipment: [{type: dry_cooler, capacity: 300 kW}]}]";
  CHECK_THAT(load_error(p), Catch::Contains("cooling.plants[0].name: 'warm/water' must be letters, digits"));
}

TEST_CASE("Extremes: a count beyond the int range is an input error, not a wrap-around", "[extremes][loader]") {
  // 2^32 + 1 would wrap to 1 rack.
  Case c;
  c.groups = "[{name: racks, count: 4294967297, idle_power: 4 kW, peak_power: 10 kW}]";
  CHECK_THAT(load_error(c), Catch::Contains("it.groups[0].count: must be at most 2147483647 (got 4294967297)"));
  Case e;
  e.plants = "[{name: warm, equipment: [{type: dry_cooler, capacity: 300 kW, count: 9999999999}]},"
             " {name: cold, equipment: [{type: dry_cooler, capacity: 200 kW}]}]";
  CHECK_THAT(load_error(e), Catch::Contains("count: must be at most 2147483647"));
}

TEST_CASE("Extremes: a UPS module far too small for the load is an input error", "[extremes][loader]") {
  // 200 kW of racks on 1 mW modules: 2e8 modules, beyond any real UPS (above 1e6 the loader stops;
  // the int cast of more than 2^31 would be undefined behaviour).
  Case c;
  c.extra = "power: {ups: {module_rating: 0.001 W}}";
  CHECK_THAT(load_error(c), Catch::Contains("power.ups.module_rating: is too small for the design IT load of 200000 W"));
}

TEST_CASE("Extremes: a weather file that is a device or a directory is an input error, not a hang",
          "[extremes][loader]") {
  Case dev, dir;
  dev.site = "epw: /dev/zero";  // read line by line, it never ends
  dir.site = fmt::format("epw: {}", temp_dir().path.string());
  CHECK_THAT(load_error(dev), Catch::Contains("site.epw: not a regular file: '/dev/zero'"));
  CHECK_THAT(load_error(dir), Catch::Contains("site.epw:") && Catch::Contains("is a directory, not a file"));
}
