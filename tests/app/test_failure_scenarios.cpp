// Failure scenarios through the whole pipeline (scenario text -> facility -> summary), checked
// against hand calculations: the ride-through of a room whose cooling stops, redundancy N+1 against
// N, the emissions of a geothermal outage, the overheat policies, replicates and located errors.
#include <catch2/catch.hpp>


#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <string>

#include <fmt/format.h>

#include "app/input_error.hpp"
#include "app/run.hpp"
#include "app/scenario.hpp"
#include "models/ashrae_class.hpp"
#include "models/fluid_machine.hpp"
#include "output/h5_file.hpp"
#include "output/percentiles.hpp"
#include "tests/support/run_process.hpp"

using namespace dcsim;

namespace {

// A small air-cooled room: `racks` racks of `rack_kw`, CRAH units, an air-cooled chiller plant; no
// server fans, PDU, lighting or UPS heat in the room, so the IT power is the whole room heat.
struct Room {
  int racks = 10;
  double rack_kw = 20;
  std::string utilization = "{type: constant, value: 1}";
  double supply_c = 22;
  int units = 4;
  double unit_kw = 80;
  double volume_m3 = 500;
  double structure_mj_per_k = 20;
  double structure_ua_kw_per_k = 20;
  std::string length = "3 d";
  std::string extra;  // appended top-level YAML (events, policy, reliability, supply...)
  std::string text() const {
    return fmt::format(R"(name: room
seed: 3
site: {{builtin: reykjavik}}
period: {{start: 2025-01-01, length: {}, record_interval: 15 min}}
it:
  groups:
    - {{name: racks, count: {}, idle_power: 0 kW, peak_power: {} kW, utilization: {}, air_class: A1,
       server_fans: {{share: 0}}}}
cooling:
  plants:
    - name: cw
      economizer: {{enabled: false}}
      equipment: [{{type: air_cooled_chiller, capacity: 400 kW, count: 2}}]
  air:
    plant: cw
    supply_temp: {} degC
    units: {{count: {}, capacity: {} kW}}
    room: {{volume: {} m3, structure_capacity: {} MJ/K, structure_ua: {} kW/K}}
power: {{ups: {{outdoors: true}}, pdu_loss: 0, lighting: 0}}
{}
)",
                       length, racks, rack_kw, utilization, supply_c, units, unit_kw, volume_m3, structure_mj_per_k,
                       structure_ua_kw_per_k, extra);
  }
  app::Scenario load() const { return app::load_scenario_text(text(), "room.yaml", ""); }
};

std::vector<const sim::RecordedEvent*> events_of(const sim::Recorder& r, const std::string& kind) {
  std::vector<const sim::RecordedEvent*> out;
  for (const auto& e : r.events()) {
    if (e.kind == kind) out.push_back(&e);
  }
  return out;
}

double column_at(const sim::Recorder& r, const std::string& name, double t_s) {
  const auto col = r.column(*r.find(name));
  const auto& t = r.times_s();
  const auto it = std::lower_bound(t.begin(), t.end(), t_s - 1e-9);
  return col[static_cast<std::size_t>(it - t.begin())];
}

double column_max(const sim::Recorder& r, const std::string& name) {
  const auto col = r.column(*r.find(name));
  return *std::max_element(col.begin(), col.end());
}

}  // namespace

TEST_CASE("failure scenarios: CRAH failure ride-through matches C dT / Q", "[failure_scenarios]") {
  // The room idles for a day with no IT heat (one CRAH fan at minimum speed, 0.1 kW): the strongly
  // coupled room holds every node within 0.1 K of one temperature T0 (checked below). At 24 h all four CRAHs fail as the racks go to full load
  // (a load step). The estimate C dT / Q assumes the whole heated mass rises together from one
  // temperature; a structure strongly coupled to the air (10 MW/K) makes that so. It neglects two
  // quasi-steady offsets, both small here: the racks' air side runs 10 K above the hot aisle at full
  // heat (stored 10 racks x 350 kJ/K x 10 K = 35 MJ, 0.3 % of C dT), and the air runs Q / UA = 0.02 K
  // above the structure (0.2 % of dT). Expected agreement: better than 1 %; required: 2 %.
  Room room;
  room.supply_c = 15;
  room.structure_mj_per_k = 1000;
  room.structure_ua_kw_per_k = 10000;
  room.utilization = "{type: constant, value: 0}";
  room.extra = R"(events:
  - {at: 24 h, kind: failure, component: cooling.air.units, units: 4, note: chilled-water valve stuck}
  - {at: 24 h, kind: load_step, component: "it.groups[racks]", utilization: 1})";
  const auto sc = room.load();
  const auto out = app::run_scenario(sc);
  const auto& rec = out.result.recorder;
  const double t_fail_s = 24 * 3600.0;
  const double t0_c = column_at(rec, "it_inlet_c", t_fail_s);
  REQUIRE(column_at(rec, "hot_aisle_c", t_fail_s) == Approx(t0_c).margin(0.1));
  REQUIRE(column_at(rec, "racks.equipment_c", t_fail_s) == Approx(t0_c).margin(0.1));

  const double limit_c = models::ashrae_class("A1").allowable_max_c;
  const double c_air = 500.0 * models::kAirDensityKgPerM3 * models::kAirCpJPerKgK;  // room air
  const double c_structure = 1000e6;
  const double c_it = 10 * 350e3;  // rack heat capacity (default 350 kJ/K per rack), no liquid share
  const double c_total = c_air + c_structure + c_it;
  const double q_w = 10 * 20e3;
  const double estimate_s = c_total * (limit_c - t0_c) / q_w;

  REQUIRE(out.result.ride_throughs.size() == 1);
  const auto rt = out.result.ride_throughs[0].seconds();
  REQUIRE(rt.has_value());
  CHECK(*rt == Approx(estimate_s).epsilon(0.02));
  CHECK(out.summary.value("ride_through_min_h") == Approx(*rt / 3600.0).epsilon(1e-12));
  // The crossing is an engine event at the limit: the located envelope crossing agrees within 1 s.
  const sim::RecordedEvent* env = nullptr;
  for (const auto* e : events_of(rec, "envelope")) {
    if (!env && e->detail.find("leaves the allowable") != std::string::npos) env = e;
  }
  REQUIRE(env != nullptr);
  CHECK(std::fabs(env->time_s - (t_fail_s + *rt)) < 1.0);
  WARN(fmt::format("ride-through {:.1f} s, estimate C dT / Q = {:.4g} J/K x {:.3f} K / {:.0f} W = {:.1f} s ({:+.3f} %)", *rt,
                   c_total, limit_c - t0_c, q_w, estimate_s, 100.0 * (*rt / estimate_s - 1.0)));
  CHECK(out.summary.value("cooling_failures") == 1);
  CHECK(events_of(rec, "failure").size() == 1);
}

TEST_CASE("failure scenarios: N+1 CRAHs hold the envelope through one failure, N do not", "[failure_scenarios]") {
  // 10 racks x 10 kW = 100 kW; units of 45 kW. N = 3 units (135 kW), N+1 = 4. One unit fails for
  // 24 h: N+1 keeps 135 kW of coil, N drops to 90 kW < 100 kW and the room heats past 32 degC.
  auto run = [](int units) {
    Room room;
    room.rack_kw = 10;
    room.units = units;
    room.unit_kw = 45;
    room.extra = R"(events:
  - {at: 2025-01-01 12:00, kind: failure, component: cooling.air.units, units: 1, duration: 24 h})";
    return app::run_scenario(room.load());
  };
  const auto n1 = run(4), n = run(3);
  CHECK(n1.summary.value("hours_outside_envelope") == 0.0);
  CHECK(column_max(n1.result.recorder, "it_inlet_c") < models::ashrae_class("A1").allowable_max_c);
  CHECK(n.summary.value("hours_outside_envelope") > 1.0);
  CHECK(n.summary.value("cooling_failures_reaching_limit") == 1);
  CHECK(n1.summary.value("cooling_failures_reaching_limit") == 0);
  // Both logged the failure and the repair.
  for (const auto* r : {&n1, &n}) {
    CHECK(events_of(r->result.recorder, "failure").size() == 1);
    CHECK(events_of(r->result.recorder, "repair").size() == 1);
  }
}

TEST_CASE("failure scenarios: a geothermal outage adds its energy times (grid - geothermal) factor", "[failure_scenarios]") {
  const double grid = 400.0, geo = 19.5;
  auto run = [&](bool outage) {
    Room room;
    room.length = "2 d";
    room.extra = fmt::format(R"(supply:
  grid: {{intensity: {} g/kWh}}
  geothermal: {{capacity: 2 MW, emission_factor: {} g/kWh}}
events: {})",
                             grid, geo, outage ? "[{at: 2025-01-01 06:00, kind: maintenance, component: supply.geothermal, duration: 12 h}]" : "[]");
    return app::run_scenario(room.load());
  };
  const auto base = run(false), out = run(true);
  // The supply changes nothing physical.
  CHECK(out.summary.value("facility_energy_kwh") == base.summary.value("facility_energy_kwh"));
  // Energy of the outage window from the recorded facility power (15-min means, 06:00-18:00).
  const auto& rec = out.result.recorder;
  const auto p = rec.column(*rec.find("facility_power_kw"));
  double outage_kwh = 0;
  for (std::size_t i = 0; i < rec.times_s().size(); ++i) {
    const double t = rec.times_s()[i];
    if (t > 6 * 3600.0 && t <= 18 * 3600.0 + 1e-9) outage_kwh += p[i] * 0.25;
  }
  REQUIRE(outage_kwh > 1000.0);
  CHECK(out.summary.value("grid_energy_kwh") - base.summary.value("grid_energy_kwh") == Approx(outage_kwh).epsilon(1e-9));
  const double d_emissions_g = (out.summary.value("emissions_t") - base.summary.value("emissions_t")) * 1e6;
  CHECK(d_emissions_g == Approx(outage_kwh * (grid - geo)).epsilon(1e-9));
  CHECK(events_of(rec, "failure").size() == 1);  // the geothermal plant's own log kinds
  CHECK(events_of(rec, "repair").size() == 1);
}

TEST_CASE("failure scenarios: shutdown policy switches racks off at the limit and counts the energy not served", "[failure_scenarios]") {
  Room room;
  room.structure_mj_per_k = 20;
  room.extra = R"(policy: {on_overheat: shutdown, restart_delay: 1 h}
events:
  - {at: 12 h, kind: failure, component: cooling.air.units, units: 4, duration: 10 h})";
  const auto out = app::run_scenario(room.load());
  const auto& rec = out.result.recorder;
  const auto down = events_of(rec, "shutdown"), up = events_of(rec, "restart");
  REQUIRE(down.size() == 1);
  REQUIRE(up.size() == 1);
  // The shutdown happens at the ride-through limit (an engine event at the crossing, to the ms).
  REQUIRE(out.result.ride_throughs.size() == 1);
  const double limit_s = *out.result.ride_throughs[0].limit_s;
  CHECK(down[0]->time_s == Approx(limit_s).margin(1e-3));
  CHECK(limit_s > 12 * 3600.0);
  // With no heat left the inlet stays near the limit; it returns 3 K below it (restart_margin) only
  // after the repair at 22 h.
  CHECK(up[0]->time_s > 22 * 3600.0);
  // Energy not served: 200 kW over the time off.
  const double expected_kwh = 200.0 * (up[0]->time_s - down[0]->time_s) / 3600.0;
  CHECK(out.summary.value("it_energy_unserved_kwh") == Approx(expected_kwh).epsilon(1e-9));
  // Off means off: no IT power recorded in the intervals between the two events (the inlet still
  // rises a little after the shutdown, from the heat stored in the racks).
  const auto it = rec.column(*rec.find("it_power_kw"));
  for (std::size_t i = 0; i < rec.times_s().size(); ++i) {
    const double t = rec.times_s()[i];
    if (t > down[0]->time_s + 900.0 && t <= up[0]->time_s) CHECK(it[i] == 0.0);
  }
  CHECK(out.summary.value("it_energy_served_share") < 1.0);
}

TEST_CASE("failure scenarios: throttle policy scales IT to the cooling left", "[failure_scenarios]") {
  // Three of four 80 kW units fail: 80 kW of coil for 200 kW of racks. Throttling brings the rack
  // heat to about the coil capacity, so the inlet stops near the limit instead of running away.
  Room room;
  room.extra = R"(policy: {on_overheat: throttle, throttle_margin: 2 K}
events:
  - {at: 12 h, kind: failure, component: cooling.air.units, units: 3, duration: 12 h})";
  const auto out = app::run_scenario(room.load());
  const auto& rec = out.result.recorder;
  REQUIRE(events_of(rec, "throttle").size() >= 1);
  CHECK(events_of(rec, "shutdown").empty());
  const double limit_c = models::ashrae_class("A1").allowable_max_c;
  CHECK(column_max(rec, "it_inlet_c") < limit_c + 2.0);
  // Served power while throttled is at most the coil capacity of the unit left.
  double min_it_kw = 1e9;
  const auto it = rec.column(*rec.find("it_power_kw"));
  for (double v : it) min_it_kw = std::min(min_it_kw, v);
  CHECK(min_it_kw <= 80.0 + 1e-6);
  CHECK(out.summary.value("it_energy_unserved_kwh") > 0.0);
}

TEST_CASE("failure scenarios: random failures are deterministic and logged", "[failure_scenarios]") {
  Room room;
  room.length = "60 d";
  room.extra = R"(reliability:
  - {component: cooling.air.units, mtbf: 300 h, mttr: 12 h}
  - {component: "cooling.plants[cw].chillers", mtbf: 500 h, mttr: 24 h, failure_shape: 1.5})";
  const auto a = app::run_scenario(room.load()), b = app::run_scenario(room.load());
  REQUIRE(a.result.recorder.events().size() == b.result.recorder.events().size());
  for (std::size_t i = 0; i < a.result.recorder.events().size(); ++i) {
    CHECK(a.result.recorder.events()[i].time_s == b.result.recorder.events()[i].time_s);
    CHECK(a.result.recorder.events()[i].detail == b.result.recorder.events()[i].detail);
  }
  CHECK(a.summary.value("pue") == b.summary.value("pue"));
  CHECK(events_of(a.result.recorder, "failure").size() >= 5);
  CHECK(a.result.recorder.find("units_up.cooling.air.units").has_value());
}

TEST_CASE("failure scenarios: replicate percentiles are stable for a seed and ordered", "[failure_scenarios]") {
  Room room;
  room.length = "4 d";
  room.units = 3;
  room.unit_kw = 75;
  room.utilization = "{type: constant, value: 0.8, noise: {sigma: 0.1, interval: 1 h}}";
  room.extra = R"(reliability:
  - {component: cooling.air.units, mtbf: 100 h, mttr: 10 h})";
  const std::string text = room.text();
  const auto load = [&](std::uint64_t seed) {
    return app::load_scenario_text(text, "room.yaml", "", {fmt::format("seed={}", seed)});
  };
  const auto a = app::run_replicates(load(3), 7, load);
  const auto b = app::run_replicates(load(3), 7, load);
  for (const char* m : {"pue", "avoided_emissions_t", "hours_outside_envelope"}) {
    const double p5 = a.summary.value(std::string(m) + "_p5"), p50 = a.summary.value(std::string(m) + "_p50"),
                 p95 = a.summary.value(std::string(m) + "_p95");
    CHECK(p5 <= p50);
    CHECK(p50 <= p95);
    // Same seed, same bits.
    CHECK(p5 == b.summary.value(std::string(m) + "_p5"));
    CHECK(p50 == b.summary.value(std::string(m) + "_p50"));
    CHECK(p95 == b.summary.value(std::string(m) + "_p95"));
  }
  // The seeds matter: the weather, the load noise and the failures differ between replicates.
  CHECK(a.summary.value("pue_p5") < a.summary.value("pue_p95"));
  REQUIRE(a.file.replicates.seeds.size() == 7);
  CHECK(a.file.replicates.seeds.front() == 3);
  CHECK(a.file.replicates.seeds.back() == 9);
  // The first replicate is the plain run of seed 3.
  CHECK(a.file.replicates.columns[0][0] == app::run_scenario(load(3)).summary.value("pue"));
}

TEST_CASE("failure scenarios: dcsim run --replicates writes /replicates/table and the percentiles", "[failure_scenarios]") {
  namespace fs = std::filesystem;
  const test::TempDir temp("replicates");
  const fs::path& dir = temp.path;
  Room room;
  room.length = "2 d";
  room.utilization = "{type: constant, value: 0.7, noise: {sigma: 0.2, interval: 1 h}}";
  std::ofstream(dir / "room.yaml") << room.text();
  const test::Outcome run =
      test::run_dcsim({"run", (dir / "room.yaml").string(), "--replicates", "4", "--quiet", "-o", (dir / "out.h5").string()}, dir);
  INFO(run.err);
  REQUIRE(run.status == 0);
  {
    const H5::H5File f = output::h5::open_file(dir / "out.h5");
    const auto table = output::h5::read_table(f.openGroup("replicates"), "table");
    REQUIRE(table.row_count() == 4);
    CHECK(table.int64s("seed") == std::vector<std::int64_t>{3, 4, 5, 6});
    // The summary's percentiles are those of the table's column (type 7).
    const auto pue = table.doubles("pue");
    const H5::Group summary = f.openGroup("summary");
    CHECK(output::h5::double_attr(summary, "pue_p5") == output::percentile(pue, 0.05));
    CHECK(output::h5::double_attr(summary, "pue_p95") == output::percentile(pue, 0.95));
    CHECK(output::h5::string_attr(summary, "pue_p50_units") == "1");
  }
  // A bad count is a usage error (exit 2) and leaves no file.
  const test::Outcome bad =
      test::run_dcsim({"run", (dir / "room.yaml").string(), "--replicates", "0", "--quiet", "-o", (dir / "bad.h5").string()}, dir);
  CHECK(bad.status == 2);
  CHECK_FALSE(fs::exists(dir / "bad.h5"));
}

TEST_CASE("failure scenarios: bad events are located errors", "[failure_scenarios]") {
  auto error_of = [](const std::string& extra) {
    Room room;
    room.extra = extra;
    try {
      room.load();
    } catch (const app::InputException& e) {
      return e.errors().format();
    }
    return std::string("no error");
  };
  const auto typo = error_of("events: [{at: 2 h, kind: failure, component: cooling.air.unit}]");
  CHECK_THAT(typo, Catch::Contains("events[0].component") && Catch::Contains("did you mean 'cooling.air.units'"));
  const auto plant = error_of("events: [{at: 2 h, kind: failure, component: 'cooling.plants[cw].towers'}]");
  CHECK_THAT(plant, Catch::Contains("events[0].component") && Catch::Contains("names no component"));
  const auto units = error_of("events: [{at: 2 h, kind: failure, component: cooling.air.units, units: 9}]");
  CHECK_THAT(units, Catch::Contains("events[0].units") && Catch::Contains("has 4 units (got 9)"));
  const auto when = error_of("events: [{at: 2026-01-01 00:00, kind: maintenance, component: power.ups}]");
  CHECK_THAT(when, Catch::Contains("events[0].at") && Catch::Contains("outside the period"));
  const auto garbled = error_of("events: [{at: tomorrow, kind: maintenance, component: power.ups}]");
  CHECK_THAT(garbled, Catch::Contains("events[0].at") && Catch::Contains("expected a date and time"));
  const auto step = error_of("events: [{at: 2 h, kind: load_step, component: 'it.groups[racks]'}]");
  CHECK_THAT(step, Catch::Contains("needs `utilization`"));
  const auto rel = error_of("reliability: [{component: power.ups, mtbf: 0 h, mttr: 2 h}]");
  CHECK_THAT(rel, Catch::Contains("reliability[0].mtbf"));
}
