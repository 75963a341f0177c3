// A plant of several stages of each kind from scenario text: two chiller banks (a water-cooled lead
// and an air-cooled lag), a dry cooler and a tower bank on one header, two heat-reuse stages. It
// validates, its banks fail by name, the energy balance closes, and losing the lead bank hands the
// load to the lag bank.
#include <catch2/catch.hpp>

#include <cmath>
#include <string>

#include <fmt/format.h>

#include "app/input_error.hpp"
#include "app/run.hpp"
#include "app/scenario.hpp"
#include "tests/support/energy_balance.hpp"

using namespace dcsim;

namespace {

std::string scenario(const std::string& equipment, const std::string& extra) {
  return fmt::format(R"(name: stages
seed: 5
site: {{builtin: ashburn}}
period: {{start: 2025-07-01, length: 5 d, record_interval: 1 h}}
it:
  groups:
    - {{name: racks, count: 20, idle_power: 10 kW, peak_power: 20 kW, utilization: {{type: constant, value: 1}},
       server_fans: {{share: 0}}}}
cooling:
  plants:
    - name: cw
      economizer: {{enabled: false}}
      equipment: [{}]
  air:
    plant: cw
    supply_temp: 22 degC
    units: {{count: 6, capacity: 100 kW}}
power: {{ups: {{outdoors: true}}, pdu_loss: 0, lighting: 0}}
{}
)",
                     equipment, extra);
}

const std::string kStages =
    "{type: water_cooled_chiller, name: lead, capacity: 250 kW, count: 2}, "
    "{type: air_cooled_chiller, name: lag, capacity: 250 kW, count: 2}, "
    "{type: dry_cooler, capacity: 300 kW, count: 2}, "
    "{type: cooling_tower, capacity: 500 kW, count: 2}, "
    "{type: heat_reuse, name: office, capacity: 30 kW, demand: 20 kW, district_supply_temp: 10 degC, district_return_temp: 8 degC, approach: 1 K}, "
    "{type: heat_reuse, name: pool, capacity: 30 kW, demand: 20 kW, district_supply_temp: 10 degC, district_return_temp: 8 degC, approach: 1 K}";

std::string error_of(const std::string& text) {
  try {
    app::load_scenario_text(text, "stages.yaml", "");
  } catch (const app::InputException& e) {
    return e.errors().format();
  }
  return "no error";
}

}  // namespace

TEST_CASE("plant stages: several of each kind load, in list order, with their names", "[plant_stages]") {
  const auto sc = app::load_scenario_text(scenario(kStages, ""), "stages.yaml", "");
  const auto& p = sc.facility.plants.at(0).params;
  REQUIRE(p.chillers.size() == 2);
  CHECK(p.chillers[0].name == "lead");
  CHECK(p.chillers[0].unit.condenser == models::CondenserKind::water);
  CHECK(p.chillers[1].unit.condenser == models::CondenserKind::air);
  REQUIRE(p.rejection.size() == 2);
  CHECK(p.rejection[0].kind == "dry_coolers");
  CHECK(p.rejection[1].kind == "towers");
  CHECK(p.rejection[1].unit_count() == 2);
  CHECK(p.heat_reuse.size() == 2);
  CHECK(sc.facility.plants[0].reuse_demand.at(1).stage == "pool");
}

TEST_CASE("plant stages: the energy balance closes and both reuse stages deliver", "[plant_stages][balance]") {
  const auto out = app::run_scenario(app::load_scenario_text(scenario(kStages, ""), "stages.yaml", ""));
  const auto& l = out.result.total;
  CHECK(test::balance_error(l) < 1e-6);
  // 40 kW of demand for 5 days, from 16-22 degC water into an 8/10 degC district: all delivered.
  CHECK(l.heat_reused_j == Approx(40e3 * 5 * 86400).epsilon(1e-6));
}

TEST_CASE("plant stages: with the lead bank out the lag bank carries the load", "[plant_stages]") {
  const std::string out_lead = R"(events:
  - {at: 0 h, kind: maintenance, component: "cooling.plants[cw].chillers[lead]", units: 2})";
  const auto base = app::run_scenario(app::load_scenario_text(scenario(kStages, ""), "stages.yaml", ""));
  const auto lead_out = app::run_scenario(app::load_scenario_text(scenario(kStages, out_lead), "stages.yaml", ""));
  // About 400 kW of room heat: the air-cooled lag bank (2 x 250 kW) holds it, at a lower COP than the
  // water-cooled lead bank: more compressor energy, the same IT energy, no overheat.
  using models::Use;
  CHECK(lead_out.result.total[Use::it] == Approx(base.result.total[Use::it]).epsilon(1e-9));
  CHECK(lead_out.result.total[Use::compressors] > 1.2 * base.result.total[Use::compressors]);
  CHECK(lead_out.summary.value("unmet_cooling_hours") == Approx(0.0).margin(1e-9));
  CHECK(lead_out.result.total.unmet_cooling_j == Approx(0.0).margin(1e-3));
}

TEST_CASE("plant stages: banks fail by name, a kind with one bank keeps its old name", "[plant_stages]") {
  const auto several = error_of(scenario(kStages, "events: [{at: 2 h, kind: failure, component: 'cooling.plants[cw].chillers'}]"));
  CHECK_THAT(several, Catch::Contains("events[0].component") && Catch::Contains("cooling.plants[cw].chillers[lead]"));
  // One tower bank and one dry-cooler bank: each kind has one, so the old names stand.
  CHECK(error_of(scenario(kStages, "events: [{at: 2 h, kind: failure, component: 'cooling.plants[cw].towers'}]")) == "no error");
  const std::string legacy = "{type: air_cooled_chiller, capacity: 300 kW, count: 2}";
  CHECK(error_of(scenario(legacy, "events: [{at: 2 h, kind: failure, component: 'cooling.plants[cw].chillers'}]")) == "no error");
  // Two banks of a kind under one name are an error at the second name.
  const auto twice = error_of(scenario("{type: air_cooled_chiller, name: a, capacity: 300 kW}, {type: air_cooled_chiller, name: a, capacity: 300 kW}", ""));
  CHECK_THAT(twice, Catch::Contains("cooling.plants[0].equipment[1].name") && Catch::Contains("names another chiller stage"));
}
