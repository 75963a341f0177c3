// Scenario keys for the condenser/rejection water pumps (cooling.plants[].condenser_pump), the UPS
// loss coefficients (power.ups.loss_coefficients, eco_loss_coefficients) and the air-cooled chiller
// curve record: defaults, assembly into the models, the physics they change, and located errors.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include <fmt/format.h>

#include "app/input_error.hpp"
#include "app/scenario.hpp"
#include "tests/support/scenario_text.hpp"
#include "models/facility.hpp"
#include "models/heat_rejection_plant.hpp"
#include "models/transformer.hpp"
#include "models/ups.hpp"

using namespace dcsim;

namespace {

std::string scenario(const std::string& plant_extra, const std::string& ups_extra, const std::string& chiller_extra = "") {
  return fmt::format(R"(name: keys
site: {{builtin: ashburn}}
period: {{length: 1 d}}
it:
  groups:
    - {{name: racks, count: 10, idle_power: 2 kW, peak_power: 10 kW, utilization: {{type: constant, value: 50 %}}}}
cooling:
  plants:
    - name: cw
      equipment:
        - {{type: cooling_tower, capacity: 300 kW}}
        - {{type: water_cooled_chiller, capacity: 200 kW, count: 2}}
{}
    - name: ac
      economizer: {{enabled: false}}
      equipment: [{{type: air_cooled_chiller, capacity: 150 kW{}}}]
  air: {{plant: cw}}
power:
  ups: {{module_rating: 100 kW{}}}
)",
                     plant_extra, chiller_extra, ups_extra);
}

app::Scenario load(const std::string& text) { return test::load_text(text, "keys.yaml"); }
std::string error_of(const std::string& text) { return test::input_errors(text, "keys.yaml"); }

}  // namespace

TEST_CASE("plant keys: condenser pumps default to 212 kPa at 72 % and follow the scenario", "[scenario_keys]") {
  const auto def = load(scenario("", ""));
  CHECK(def.facility.plants[0].params.pump_pressure_pa == Approx(212e3));
  CHECK(def.facility.plants[0].params.pump_efficiency == Approx(0.72));
  const auto set = load(scenario("      condenser_pump: {pressure: 150 kPa, efficiency: 0.8}", ""));
  const auto& p = set.facility.plants[0].params;
  CHECK(p.pump_pressure_pa == Approx(150e3));
  CHECK(p.pump_efficiency == Approx(0.8));
  // Constant design flow: P = V dp / eta, so the pump power scales as (150 / 212) (0.72 / 0.8).
  models::PlantInputs in;
  in.load_w = 150e3;
  in.return_temp_c = 18;
  in.supply_set_c = 12;
  in.flow_kg_s = 150e3 / (4186.0 * 6.0);
  in.dry_bulb_c = 30;
  in.wet_bulb_c = 22;
  in.mode = models::EconomizerMode::mechanical;
  const double p_def = models::HeatRejectionPlant(def.facility.plants[0].params).solve(in).power.pumps_w;
  const double p_set = models::HeatRejectionPlant(p).solve(in).power.pumps_w;
  REQUIRE(p_def > 0);
  CHECK(p_set / p_def == Approx(150.0 / 212.0 * 0.72 / 0.8).epsilon(1e-9));
}

TEST_CASE("ups keys: loss coefficients replace the default curves", "[scenario_keys]") {
  const auto def = load(scenario("", ""));
  CHECK(def.facility.power.ups.double_conversion.a0 == Approx(0.012));
  CHECK(def.facility.power.ups.double_conversion.a2 == Approx(0.012));
  const auto set = load(scenario("", ", redundancy: N, loss_coefficients: [0.025, 0.015, 0.025], "
                                     "eco_loss_coefficients: [0.001, 0.01, 0]"));
  const auto& u = set.facility.power.ups;
  CHECK(u.eco.a1 == Approx(0.01));
  // One 100 kW module (design IT 100 kW, N): at 10 kW, x = 0.1, loss = 100 kW (0.025 + 0.0015 +
  // 0.00025) = 2.675 kW, efficiency 10 / 12.675 = 78.9 %; at full load 1 / 1.065 = 93.9 %: the
  // 80-94 % LBNL assumes for enterprise UPS.
  const models::Ups ups(u);
  CHECK(ups.efficiency(10e3) == Approx(10.0 / 12.675).epsilon(1e-9));
  CHECK(ups.efficiency(100e3) == Approx(1.0 / 1.065).epsilon(1e-9));
}

TEST_CASE("scenario keys: bad values are located errors", "[scenario_keys]") {
  CHECK_THAT(error_of(scenario("", ", loss_coefficients: [0.01, 0.02, 0.03, 0.04]")),
             Catch::Contains("power.ups.loss_coefficients") && Catch::Contains("exactly 3"));
  CHECK_THAT(error_of(scenario("", ", loss_coefficients: [0.01, -0.02, 0.03]")),
             Catch::Contains("power.ups.loss_coefficients"));
  CHECK_THAT(error_of(scenario("", ", eco_loss_coefficients: [0.5, 0.3, 0.4]")),
             Catch::Contains("power.ups.eco_loss_coefficients") && Catch::Contains("below 1"));
  CHECK_THAT(error_of(scenario("", ", loss_coefficients: [0.013, 0.005, 0.035]")),
             Catch::Contains("power.ups.loss_coefficients") && Catch::Contains("a2 <= a0"));
  CHECK_THAT(error_of(scenario("      condenser_pump: {efficiency: 1.5}", "")),
             Catch::Contains("cooling.plants[0].condenser_pump.efficiency"));
  CHECK_THAT(error_of(scenario("", "", ", curve: carrier_30xa")), Catch::Contains("curve"));
}

TEST_CASE("air-cooled chiller key: the record sets curves, COP and minimum part load", "[scenario_keys]") {
  const auto def = load(scenario("", ""));
  const auto& agz = def.facility.plants[1].params.chillers.at(0).unit;
  CHECK(agz.cop_ref == Approx(2.93));
  CHECK(agz.plr_min == Approx(0.10));
  CHECK(agz.curves.eirfplr.c[1] == Approx(1.0));
  const auto cgam = load(scenario("", "", ", curve: trane_cgam52, cop: 2.8")).facility.plants[1].params.chillers.at(0).unit;
  CHECK(cgam.cop_ref == Approx(2.8));
  CHECK(cgam.plr_min == Approx(0.25));
  CHECK(cgam.curves.eirft.y_min_c == Approx(4.44));
  const auto cyc = load(scenario("", "", ", min_part_load: 15 %")).facility.plants[1].params.chillers.at(0).unit;
  CHECK(cyc.plr_min == Approx(0.15));
}

TEST_CASE("air-cooled chiller key: eir_table is read in order and a bad table is refused at its entry", "[scenario_keys][eir_table]") {
  const auto t = load(scenario("", "", ", eir_table: {outdoor_temps: [-4, 1.5 degC, 35], ratios: [0.042, 0.084, 1]}"))
                     .facility.plants[1].params.chillers.at(0).unit;
  CHECK(t.eir_table_outdoor_c == std::vector<double>{-4.0, 1.5, 35.0});
  CHECK(t.eir_table_ratio == std::vector<double>{0.042, 0.084, 1.0});
  // Falling ratio: the third ratio, on line 16 of the file, named by its key path.
  const std::string falls = error_of(scenario("", "", ", eir_table: {outdoor_temps: [-4, 1.5, 35], ratios: [0.042, 0.5, 0.4]}"));
  CHECK_THAT(falls, Catch::Contains("keys.yaml:16:"));
  CHECK_THAT(falls, Catch::Contains("cooling.plants[1].equipment[0].eir_table.ratios[2]"));
  CHECK_THAT(falls, Catch::Contains("colder air never costs the unit more"));
  CHECK_THAT(error_of(scenario("", "", ", eir_table: {outdoor_temps: [-4, -4, 35], ratios: [0.042, 0.5, 1]}")),
             Catch::Contains("eir_table.outdoor_temps[1]"));
  CHECK_THAT(error_of(scenario("", "", ", eir_table: {outdoor_temps: [-4, 1, 35], ratios: [0.042, 0.5]}")),
             Catch::Contains("eir_table.ratios"));
  CHECK_THAT(error_of(scenario("", "", ", eir_table: {outdoor_temps: [-4, 35], ratios: [0.042, 1]}, "
                                       "pumped_refrigerant: {enabled: true}")),
             Catch::Contains("not both"));
}

TEST_CASE("ups keys: ASHRAE 90.4 design ELC from the chain's models at 100 % and 50 % of the design ITE load", "[scenario_keys]") {
  // 10 racks of 10 kW: 100 kW design ITE. ELC = (UPS loss + PDU loss + transformer loss of the ITE and
  // those losses) / ITE, each model at that load.
  const auto sc = load(scenario("", ", redundancy: N+1"));
  const models::SizingReport r = models::Facility(sc.facility, sc.graph).sizing();
  const models::Ups ups(sc.facility.power.ups);
  const models::Transformer trafo(sc.facility.power.transformer);
  for (const auto& [share, elc] : {std::pair{1.0, r.elc_design_100}, {0.5, r.elc_design_50}}) {
    const double it = share * 100e3;
    const double losses = ups.loss_w(it) + sc.facility.power.pdu_loss_fraction * it;
    CHECK(elc == Approx((losses + trafo.loss_w(it + losses)) / it).epsilon(1e-12));
  }
  // The no-load losses weigh more at half load; a spare module adds its own.
  CHECK(r.elc_design_50 > r.elc_design_100);
  const auto n = load(scenario("", ", redundancy: N"));
  CHECK(models::Facility(n.facility, n.graph).sizing().elc_design_100 < r.elc_design_100);
}
