// Scenario keys of the server fans (it.groups[].server_fans): the ite model and its curves as lists
// of coefficients, their defaults, and errors located at the key that is wrong.
#include <catch2/catch.hpp>

#include <string>

#include <fmt/format.h>

#include "app/input_error.hpp"
#include "app/scenario.hpp"
#include "tests/support/scenario_text.hpp"
#include "models/it_power.hpp"

using namespace dcsim;

namespace {

std::string scenario(const std::string& fans) {
  return fmt::format(R"(name: fans
site: {{builtin: ashburn}}
period: {{length: 1 d}}
it:
  groups:
    - name: racks
      count: 100
      idle_power: 0 kW
      peak_power: 0.5 kW
      utilization: {{type: constant, value: 50 %}}
      server_fans: {}
cooling:
  plants:
    - name: cw
      equipment:
        - {{type: cooling_tower, capacity: 150 kW}}
        - {{type: water_cooled_chiller, capacity: 100 kW}}
  air: {{plant: cw}}
)",
                     fans);
}

app::Scenario load(const std::string& text) { return test::load_text(text, "fans.yaml"); }
std::string error_of(const std::string& text) { return test::input_errors(text, "fans.yaml"); }

}  // namespace

TEST_CASE("server fan keys: the ite model with EnergyPlus's example curves", "[scenario_keys][ite]") {
  const auto def = load(scenario("{share: 0.05}"));
  CHECK(def.facility.groups[0].rack.fans.model == models::ServerFanModel::speed_ramp);
  const auto s = load(scenario("{model: ite, share: 0.4, reference_inlet: 15 degC, max_speed_ratio: 4,\n"
                               "                    airflow_curve: [-1.4, 0.9, 0, 0.1, 0, 0], cpu_curve: [-1, 1, 0, 0.06667, 0, 0],\n"
                               "                    fan_power_curve: [0, 1, 0]}"));
  const auto& f = s.facility.groups[0].rack.fans;
  CHECK(f.model == models::ServerFanModel::ite);
  REQUIRE(f.airflow.has_value());
  REQUIRE(f.cpu.has_value());
  CHECK(f.airflow->c[0] == -1.4);
  CHECK(f.cpu->c[3] == 0.06667);
  // 100 x 500 W at half load and 20 degC: F = -1.4 + 0.45 + 2 = 1.05, fans 20 kW x 1.05; CPU
  // 30 kW x (0.5 + 0.06667 x 5).
  const models::RackGroup g(s.facility.groups[0].rack);
  const auto p = g.evaluate(0.5, 20.0);
  CHECK(p.fan_power_w == Approx(21e3).epsilon(1e-9));
  CHECK(p.power_w - p.fan_power_w == Approx(30e3 * (0.5 + 0.06667 * 5.0)).epsilon(1e-9));
  // Without curves, the defaults: flow shifted to the reference inlet, no CPU rise.
  const auto d = load(scenario("{model: ite, share: 0.4}"));
  CHECK_FALSE(d.facility.groups[0].rack.fans.airflow.has_value());
  CHECK_FALSE(d.facility.groups[0].rack.fans.cpu.has_value());
  CHECK(models::RackGroup(d.facility.groups[0].rack).fan_speed_ratio(30.0, 1.0) == Approx(1.5));
}

TEST_CASE("server fan keys: wrong curves are refused at their key", "[scenario_keys][ite]") {
  // The example's curves give F = 2 at a 25 degC reference.
  CHECK_THAT(error_of(scenario("{model: ite, airflow_curve: [-1.4, 0.9, 0, 0.1, 0, 0]}")),
             Catch::Contains("fans.yaml:11") && Catch::Contains("it.groups[0].server_fans.airflow_curve") &&
                 Catch::Contains("must give 1 (design flow) at full load and the reference inlet 25 degC (got 2"));
  CHECK_THAT(error_of(scenario("{model: ite, airflow_curve: [-1.4, 0.9, 0, 0.1, 0, 0, 0]}")),
             Catch::Contains("server_fans.airflow_curve") && Catch::Contains("exactly 6 coefficients (got 7)"));
  CHECK_THAT(error_of(scenario("{model: ite, fan_power_curve: [0, 0, 0.5]}")),
             Catch::Contains("server_fans.fan_power_curve") && Catch::Contains("got 0.5"));
  CHECK_THAT(error_of(scenario("{model: ite, reference_inlet: 15 degC, cpu_curve: [-2.55, 1, 0, 0.2, -0.002, 0]}")),
             Catch::Contains("server_fans.cpu_curve") && Catch::Contains("must not fall with inlet temperature"));
  // Curves belong to the ite model.
  CHECK_THAT(error_of(scenario("{airflow_curve: [0.1, 0.9, 0, 0.1, 0, 0]}")),
             Catch::Contains("server_fans.airflow_curve") && Catch::Contains("give model: ite"));
  CHECK_THAT(error_of(scenario("{model: fast}")), Catch::Contains("server_fans.model"));
}
