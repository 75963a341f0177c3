// The geothermal plant's optional heat output is reported for the time the plant is up.
#include <catch2/catch.hpp>

#include <fstream>
#include <string>

#include "app/run.hpp"
#include "app/scenario.hpp"

using namespace dcsim;

TEST_CASE("geothermal: heat offered = heat output x time up", "[carbon][geothermal]") {
  std::ifstream in(std::string(DCSIM_SOURCE_DIR) + "/tests/data/valid/small.yaml");
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  // 7 days; a 24 h outage on July 3rd: up 6 of 7 days. 2 MW of heat offered: 2000 kW * 144 h.
  const std::string geo = "\nsupply:\n  geothermal:\n    capacity: 1 MW\n    heat_output: 2 MW\n"
                          "    outages: [{start: 2025-07-03, duration: 24 h}]\n";
  const app::Scenario sc = app::load_scenario_text(text + geo, "geo.yaml", std::string(DCSIM_SOURCE_DIR) + "/tests/data/valid");
  const auto r = app::run_scenario(sc);
  CHECK(r.summary.value("geothermal_heat_offered_kwh") == Approx(2000.0 * 144.0).epsilon(1e-12));
  // While the plant is out the grid carries everything: geothermal share below 6/7.
  CHECK(r.summary.value("geothermal_share") == Approx(6.0 / 7.0).epsilon(0.02));
}
