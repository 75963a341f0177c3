// Whole facilities from scenario text, run over a period: the energy balance of every shipped
// scenario, physical direction (set points, sites, load, containment, heat reuse) and the controls
// (supply reset, chiller staging, economizer mode changes with hysteresis and dwell).
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "app/scenario.hpp"
#include "models/ashrae_class.hpp"
#include "models/facility.hpp"
#include "tests/support/energy_balance.hpp"

using namespace dcsim;

namespace {

namespace fs = std::filesystem;

// A small facility: `racks` racks of 4-12 kW (server fans off, so IT power does not depend on the
// inlet temperature), one plant of dry coolers and air-cooled chillers serving every loop.
struct Small {
  std::string site = "ashburn";
  std::string length = "365 d";
  int racks = 20;
  std::string liquid_share = "0 %";
  std::string utilization = "{type: constant, value: 70 %}";
  std::string equipment = "{type: dry_cooler, capacity: 400 kW, count: 2, design_dry_bulb: 35 degC, approach: 8 K}, "
                          "{type: air_cooled_chiller, capacity: 120 kW, count: 3}";
  std::string liquid;  // the whole `liquid:` mapping, when wanted
  std::string warm_equipment;  // when set, a second plant `warm` with this equipment (for the liquid loop)
  std::string air = "supply_temp: 22 degC";
  std::string recirculation = "5 %";
  std::string economizer = "{}";

  std::string yaml() const {
    return fmt::format(R"(name: small
site: {{builtin: {}}}
period: {{length: {}, record_interval: 60 min}}
it:
  groups:
    - {{name: racks, count: {}, idle_power: 4 kW, peak_power: 12 kW, liquid_share: {}, liquid_class: W40,
       utilization: {}, server_fans: {{share: 0 %}}}}
cooling:
  plants:
    - name: plant
      economizer: {}
      equipment: [{}]
{}
{}
  air:
    plant: plant
    units: {{count: 4, capacity: 100 kW}}
    containment: {{recirculation: {}, bypass: 10 %}}
    {}
)",
                       site, length, racks, liquid_share, utilization, economizer, equipment,
                       warm_equipment.empty() ? "" : "    - {name: warm, equipment: [" + warm_equipment + "]}",
                       liquid.empty() ? "" : "  liquid: " + liquid, recirculation, air);
  }
};

models::FacilityResult run_text(const std::string& yaml, const std::vector<std::string>& overrides = {}) {
  const app::Scenario sc = app::load_scenario_text(yaml, "test.yaml", "", overrides);
  models::Facility f(sc.facility, sc.graph);
  return f.run();
}

models::FacilityResult run(const Small& s) { return run_text(s.yaml()); }

double pue(const models::EnergyLedger& l) { return l.facility_j() / l.it_j(); }

std::span<const double> channel(const models::FacilityResult& r, const std::string& name) {
  for (std::size_t i = 0; i < r.recorder.channels().size(); ++i) {
    if (r.recorder.channels()[i].name == name) return r.recorder.column(static_cast<sim::ChannelId>(i));
  }
  FAIL("no channel " << name);
  return {};
}

double mean(std::span<const double> v) {
  double s = 0;
  for (double x : v) s += x;
  return s / static_cast<double>(v.size());
}

int count_events(const models::FacilityResult& r, const std::string& kind) {
  return static_cast<int>(std::count_if(r.recorder.events().begin(), r.recorder.events().end(),
                                        [&](const sim::RecordedEvent& e) { return e.kind == kind; }));
}

using test::balance_error;
using test::electricity_j;

}  // namespace

TEST_CASE("every shipped scenario closes its energy balance over the year", "[facility][balance]") {
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(fs::path(DCSIM_SOURCE_DIR) / "scenarios")) {
    if (e.path().extension() == ".yaml" && e.path().string().find(".sweep.") == std::string::npos) files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  REQUIRE(!files.empty());
  for (const auto& path : files) {
    INFO(path.filename().string());
    const app::Scenario sc = app::load_scenario(path.string());
    models::Facility f(sc.facility, sc.graph);
    const models::FacilityResult r = f.run();
    const models::EnergyLedger& t = r.total;
    REQUIRE(t.it_j() > 0);
    CHECK(balance_error(t) < 1e-6);
    // The facility's own residual says the same.
    const double residual = electricity_j(t) - (t.heat_rejected_j + t.heat_reused_j + t.stored_change_j);
    CHECK(r.heat_balance_residual_j == Approx(residual).margin(1e-9 * electricity_j(t)));
    // Each month closes too, and the months add up to the period.
    double months_j = 0;
    for (const auto& m : r.months) {
      CHECK(balance_error(m) < 1e-6);
      months_j += electricity_j(m);
    }
    CHECK(months_j == Approx(electricity_j(t)).epsilon(1e-12));
  }
}

TEST_CASE("the energy balance closes with liquid cooling, heat reuse and an airside economizer", "[facility][balance]") {
  Small s;
  s.length = "60 d";
  s.liquid_share = "80 %";
  s.liquid = "{plant: plant, supply_temp: 30 degC}";
  s.equipment += ", {type: heat_reuse, capacity: 50 kW, demand: 40 kW, district_supply_temp: 55 degC, heat_pump: true}";
  s.air = "supply_temp: 22 degC\n    economizer: {type: indirect}";
  const auto r = run(s);
  CHECK(r.total.heat_reused_j > 0);
  CHECK(r.total[models::Use::heat_pump] > 0);
  CHECK(balance_error(r.total) < 1e-6);
}

// The liquid loop on a plant of its own (dry coolers and air-cooled chillers), the air loop on another.
Small liquid_on_own_plant() {
  Small s;
  s.liquid_share = "80 %";
  s.warm_equipment = "{type: dry_cooler, capacity: 300 kW, count: 2, design_dry_bulb: 35 degC, approach: 8 K}, "
                     "{type: air_cooled_chiller, capacity: 100 kW, count: 2}";
  return s;
}

TEST_CASE("a warmer liquid supply set point lowers chiller energy", "[facility][direction]") {
  Small s = liquid_on_own_plant();
  s.length = "120 d";
  s.liquid = "{plant: warm, supply_temp: 20 degC}";
  const auto cold = run(s);
  s.liquid = "{plant: warm, supply_temp: 30 degC}";
  const auto warm = run(s);
  CHECK(cold.total.it_j() == Approx(warm.total.it_j()).epsilon(1e-12));
  REQUIRE(cold.total[models::Use::compressors] > 0);
  CHECK(warm.total[models::Use::compressors] < 0.7 * cold.total[models::Use::compressors]);
  CHECK(pue(warm.total) < pue(cold.total));
}

TEST_CASE("a warmer supply-air set point lowers chiller energy on an air-cooled chiller plant", "[facility][direction]") {
  Small s;
  s.length = "120 d";
  s.air = "supply_temp: 18 degC";
  const auto cold = run(s);
  s.air = "supply_temp: 24 degC";
  const auto warm = run(s);
  REQUIRE(cold.total[models::Use::compressors] > 0);
  CHECK(warm.total[models::Use::compressors] < 0.8 * cold.total[models::Use::compressors]);
  // The IT inlet follows the set point: about 6 K warmer on average.
  CHECK(mean(channel(warm, "it_inlet_c")) - mean(channel(cold, "it_inlet_c")) == Approx(6.0).margin(0.5));
}

TEST_CASE("the same facility at a hotter site has a higher PUE and fewer free-cooling hours", "[facility][direction]") {
  Small s;
  s.site = "reykjavik";
  const auto cool = run(s);
  s.site = "ashburn";
  const auto mild = run(s);
  s.site = "phoenix";
  const auto hot = run(s);
  CHECK(cool.total.it_j() == Approx(hot.total.it_j()).epsilon(1e-12));
  CHECK(pue(cool.total) < pue(mild.total));
  CHECK(pue(mild.total) < pue(hot.total));
  CHECK(cool.total.free_cooling_s > mild.total.free_cooling_s);
  CHECK(mild.total.free_cooling_s > hot.total.free_cooling_s);
  CHECK(cool.total[models::Use::compressors] < hot.total[models::Use::compressors]);
}

TEST_CASE("IT inlet temperature rises with the recirculation share", "[facility][direction]") {
  // Cold-aisle mixing: T_in = T_sa + r (T_hot - T_sa) roughly, with T_hot - T_sa ~ the server rise.
  Small s;
  s.length = "7 d";
  s.recirculation = "2 %";
  const auto tight = run(s);
  s.recirculation = "20 %";
  const auto loose = run(s);
  const double rise_tight = mean(channel(tight, "it_inlet_c")) - mean(channel(tight, "supply_air_c"));
  const double rise_loose = mean(channel(loose, "it_inlet_c")) - mean(channel(loose, "supply_air_c"));
  CHECK(rise_tight >= 0);
  CHECK(rise_loose > rise_tight + 1.0);
}

TEST_CASE("more racks take proportionally more IT energy and more facility energy", "[facility][direction]") {
  Small s;
  s.length = "30 d";
  s.racks = 10;
  const auto few = run(s);
  s.racks = 20;
  const auto many = run(s);
  // Constant 70 % utilization, linear curve: 4 + 0.7 x 8 = 9.6 kW per rack, 30 days.
  CHECK(few.total.it_j() == Approx(10 * 9.6e3 * 30 * 86400).epsilon(1e-9));
  CHECK(many.total.it_j() == Approx(2 * few.total.it_j()).epsilon(1e-12));
  CHECK(many.total.facility_j() > few.total.facility_j() + 0.9 * few.total.it_j());
}

TEST_CASE("heat reuse takes heat off the rejection plant", "[facility][direction]") {
  Small s;
  s.length = "30 d";
  s.site = "reykjavik";
  s.liquid_share = "80 %";
  s.liquid = "{plant: plant, supply_temp: 35 degC}";
  const auto plain = run(s);
  s.equipment += ", {type: heat_reuse, capacity: 60 kW, demand: 50 kW, district_supply_temp: 55 degC, heat_pump: true}";
  const auto reuse = run(s);
  const double reused = reuse.total.heat_reused_j;
  const double hp = reuse.total[models::Use::heat_pump];
  // Reuse never exceeds the district's demand; a heat pump lifting 38 degC water to 55 degC runs.
  CHECK(reused > 0.5 * 50e3 * 30 * 86400);
  CHECK(reused <= 50e3 * 30 * 86400 * (1 + 1e-12));
  CHECK(hp > 0);
  // What the plant no longer rejects is the heat reused less the heat pump's own electricity, up to
  // the change of every other electric use and of stored heat between the two runs.
  const double other_j = (reuse.total.facility_j() - hp) - plain.total.facility_j();
  const double d_stored = reuse.total.stored_change_j - plain.total.stored_change_j;
  CHECK(plain.total.heat_rejected_j - reuse.total.heat_rejected_j ==
        Approx(reused - hp - other_j + d_stored).epsilon(1e-6));
  CHECK(std::fabs(other_j) < 0.05 * (reused - hp));
}

TEST_CASE("supply temperature reset lowers annual energy in a mild climate and holds the envelope", "[facility][controls]") {
  Small s;
  s.site = "dublin";
  s.liquid_share = "60 %";
  s.liquid = "{plant: plant, supply_temp: 25 degC}";
  s.air = "supply_temp: 18 degC";
  const auto fixed = run(s);
  // Reset: follow the outdoor dry bulb at an offset that lets the dry coolers carry the load, never
  // beyond the ASHRAE A1 recommended supply air (27 degC at the inlet, recirculation on top) or W40.
  // Free cooling needs water at T_db + 8 K (dry-cooler approach) + 2.29 K (exchanger): the offsets
  // cover it with the CDU (3 K) and coil (4 K) approaches, 15 - 3 = 12 K and 16 - 4 = 12 K.
  s.liquid = "{plant: plant, supply_temp: 25 degC, reset: {offset: 15 K, min: 25 degC, max: 40 degC}}";
  s.air = "supply_temp: 18 degC\n    reset: {offset: 16 K, min: 18 degC, max: 24 degC}";
  const auto reset = run(s);
  CHECK(reset.total.it_j() == Approx(fixed.total.it_j()).epsilon(1e-12));
  CHECK(reset.total.facility_j() < fixed.total.facility_j());
  CHECK(reset.total[models::Use::compressors] < 0.8 * fixed.total[models::Use::compressors]);
  CHECK(reset.total.free_cooling_s > fixed.total.free_cooling_s);
  // The envelope: facility water never above W40, the IT inlet inside A1 recommended.
  CHECK(reset.total.liquid_above_class_s == 0);
  CHECK(reset.total.air_outside_recommended_s == 0);
  const auto sa = channel(reset, "supply_air_c");
  CHECK(*std::max_element(sa.begin(), sa.end()) <= 24.0 + 1e-9);
  CHECK(*std::min_element(sa.begin(), sa.end()) >= 18.0 - 1e-9);
  const auto inlet = channel(reset, "it_inlet_c");
  CHECK(*std::max_element(inlet.begin(), inlet.end()) <= models::ashrae_class("A1").recommended_max_c);
  // The set point did move with the weather.
  CHECK(*std::max_element(sa.begin(), sa.end()) - *std::min_element(sa.begin(), sa.end()) > 4.0);
}

TEST_CASE("a liquid supply reset alone lowers chiller energy and keeps the facility water in its class", "[facility][controls]") {
  Small s = liquid_on_own_plant();
  s.liquid = "{plant: warm, supply_temp: 20 degC}";
  const auto fixed = run(s);
  s.liquid = "{plant: warm, supply_temp: 20 degC, reset: {offset: 14 K, min: 20 degC, max: 35 degC}}";
  const auto reset = run(s);
  CHECK(reset.total[models::Use::compressors] < 0.8 * fixed.total[models::Use::compressors]);
  CHECK(reset.total.facility_j() < fixed.total.facility_j());
  CHECK(reset.total.liquid_above_class_s == 0);  // W40: facility water <= 40 degC; the set point stays <= 32
  const auto fws = channel(reset, "plant.warm.supply_c");
  CHECK(*std::max_element(fws.begin(), fws.end()) <= 35.0 - 3.0 + 1e-9);
  CHECK(*std::max_element(fws.begin(), fws.end()) - *std::min_element(fws.begin(), fws.end()) > 5.0);
}

TEST_CASE("a reset with min above max is refused at the key", "[facility][controls]") {
  Small s;
  s.air = "supply_temp: 18 degC\n    reset: {offset: 12 K, min: 26 degC, max: 20 degC}";
  try {
    app::load_scenario_text(s.yaml(), "test.yaml", "");
    FAIL("accepted");
  } catch (const app::InputException& e) {
    const std::string what = e.what();
    CHECK(what.find("cooling.air.reset.min") != std::string::npos);
    CHECK(what.find("must not exceed max") != std::string::npos);
  }
}

TEST_CASE("a condenser-water reset with the wet bulb lowers chiller energy at a cool site", "[facility][controls]") {
  // Reykjavik, towers and water-cooled chillers without economizer: a fixed 29.4 degC condenser
  // water wastes the cold air; the reset gives the chillers 12.8-20 degC water most of the year.
  Small s;
  s.site = "reykjavik";
  s.length = "60 d";
  s.economizer = "{enabled: false}";
  s.equipment = "{type: cooling_tower, capacity: 400 kW, count: 2}, {type: water_cooled_chiller, capacity: 120 kW, count: 3}";
  const auto fixed = run_text(s.yaml(), {"cooling.plants[0].condenser_water_set=29.4 degC"});
  const auto reset = run_text(s.yaml(), {"cooling.plants[0].condenser_water_reset={approach: 5 K, min: 12.8 degC, max: 29.4 degC}"});
  CHECK(reset.total[models::Use::compressors] < 0.9 * fixed.total[models::Use::compressors]);
  CHECK(reset.total.facility_j() < fixed.total.facility_j());
  try {
    run_text(s.yaml(), {"cooling.plants[0].condenser_water_reset={approach: 5 K, min: 20 degC, max: 15 degC}"});
    FAIL("accepted");
  } catch (const app::InputException& e) {
    CHECK(std::string(e.what()).find("condenser_water_reset.min") != std::string::npos);
  }
}

TEST_CASE("the same tower design uses more water per IT kWh in a hot dry climate than a cool humid one", "[facility][water]") {
  // Towers and water-cooled chillers, a fixed 29.4 degC condenser water, no economizer, a year: the
  // heat to reject is nearly the same, but Phoenix's dry air takes more than Q / h_fg (it is cooled as
  // it saturates) and Dublin's humid air less (it is warmed). Issue 15 asks for at least 15 %.
  Small s;
  s.economizer = "{enabled: false}";
  s.equipment = "{type: cooling_tower, capacity: 400 kW, count: 2}, {type: water_cooled_chiller, capacity: 120 kW, count: 3}";
  auto wue = [&](const std::string& site) {
    s.site = site;
    const auto r = run(s);
    return r.total.water_kg / (r.total.it_j() / 3.6e6);  // L/kWh
  };
  const double phoenix = wue("phoenix"), dublin = wue("dublin");
  INFO("WUE Phoenix " << phoenix << " L/kWh, Dublin " << dublin << " L/kWh");
  CHECK(phoenix > 1.15 * dublin);
  CHECK(dublin > 0.5);     // a tower still evaporates most of its heat in humid air
  CHECK(phoenix < 10.0);
}

TEST_CASE("the room's structure conductance is a conductance: a power is refused at its key", "[facility][input]") {
  Small s;
  s.air = "supply_temp: 22 degC\n    room: {volume: 5000 m3, structure_ua: 20 kW}";
  try {
    app::load_scenario_text(s.yaml(), "test.yaml", "");
    FAIL("accepted");
  } catch (const app::InputException& e) {
    const std::string what = e.what();
    CHECK(what.find("cooling.air.room.structure_ua") != std::string::npos);
    CHECK(what.find("thermal conductance") != std::string::npos);
  }
  s.air = "supply_temp: 22 degC\n    room: {volume: 5000 m3, structure_ua: 20 kW/K}";
  CHECK(app::load_scenario_text(s.yaml(), "test.yaml", "").facility.halls.at(0).structure_ua_w_per_k == 20e3);
}

TEST_CASE("chillers are staged with the load", "[facility][controls]") {
  // Phoenix, a day-night load swing: the plant runs one, two or three of its 120 kW chillers.
  Small s;
  s.site = "phoenix";
  s.length = "60 d";
  s.utilization = "{type: daily, values: [0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.3, 0.5, 0.7, 0.9, 1, 1, 1, 1, 1, 1, 1, 0.9, "
                  "0.7, 0.5, 0.3, 0.1, 0.1, 0.1]}";
  const auto r = run(s);
  const auto running = channel(r, "plant.plant.chillers_running");
  std::set<double> stages(running.begin(), running.end());
  stages.erase(0.0);
  INFO("stages seen: " << stages.size());
  CHECK(stages.size() >= 2);
  CHECK(*std::max_element(running.begin(), running.end()) <= 3);
}

TEST_CASE("a year of the flagship changes economizer mode a modest number of times", "[facility][controls]") {
  const std::string path = std::string(DCSIM_SOURCE_DIR) + "/scenarios/iceland-geothermal-liquid.yaml";
  const auto with = [&](const std::vector<std::string>& o) {
    const app::Scenario sc = app::load_scenario(path, o);
    models::Facility f(sc.facility, sc.graph);
    return f.run();
  };
  // In Ashburn, whose swings of weather cross the plants' thresholds often (in Reykjavik the warm-water
  // plant barely leaves free cooling).
  const int damped = count_events(with({"site.builtin=ashburn"}), "mode_change");
  const int chatter = count_events(with({"site.builtin=ashburn", "cooling.plants[0].economizer.hysteresis=0 K",
                                         "cooling.plants[0].economizer.min_dwell=0 min", "cooling.plants[1].economizer.hysteresis=0 K",
                                         "cooling.plants[1].economizer.min_dwell=0 min"}),
                                   "mode_change");
  INFO("mode changes with hysteresis and dwell: " << damped << ", without: " << chatter);
  CHECK(damped > 0);
  CHECK(damped < 1000);  // under three a day on average, each after the 15-min dwell
  CHECK(chatter > damped);
}
