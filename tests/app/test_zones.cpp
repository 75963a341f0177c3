// Partial PUE of Green Grid zones (models/facility.hpp ZoneEnergy, app/run.cpp): each hall's white
// space holds its IT, its CRAH fans, the cooling equipment in it and its electrical heat sources;
// plants, loop pumps and the transformer stay outside. Checked by hand on one hall and by the
// zones' sums against the facility's ledger on two.
#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>
#include <string>

#include "app/run.hpp"
#include "app/scenario.hpp"
#include "models/energy_ledger.hpp"
#include "tests/support/scenario_text.hpp"

using namespace dcsim;
using models::Use;

namespace {

const char* kOneHall = R"(name: zone
site: {builtin: ashburn}
period: {length: 7 d}
it:
  groups:
    - {name: racks, count: 20, idle_power: 4 kW, peak_power: 10 kW, utilization: {type: constant, value: 60 %}}
cooling:
  plants:
    - name: cw
      equipment:
        - {type: cooling_tower, capacity: 400 kW}
        - {type: water_cooled_chiller, capacity: 300 kW}
  air: {plant: cw}
power:
  ups: {module_rating: 300 kW, outdoors: true}
  pdu_loss: 2 %
  lighting: 10 kW
)";

}  // namespace

TEST_CASE("zones: one hall's partial PUE is IT, its CRAH fans, PDU losses and lighting, by hand", "[zones]") {
  const auto out = app::run_scenario(test::load_text(kOneHall, "zone.yaml"));
  const auto& l = out.result.total;
  REQUIRE(out.result.zones.size() == 1);
  const auto& z = out.result.zones[0];
  CHECK(z.it_j == Approx(l.it_j()).epsilon(1e-12));
  CHECK(z.cooling_j == Approx(l[Use::air_fans]).epsilon(1e-12));
  // The UPS stands outdoors: only the PDUs (2 % of IT) and the lighting (10 kW) heat the room.
  CHECK(z.electrical_j == Approx(0.02 * l.it_j() + 10e3 * 7 * 86400).epsilon(1e-9));
  const double ppue = out.summary.value("ppue_white_space");
  CHECK(ppue == Approx(1.0 + (l[Use::air_fans] + l[Use::pdu_loss] + l[Use::lighting]) / l.it_j()).epsilon(1e-12));
  // The plant (chiller, tower, pumps), the UPS and the transformer are outside the zone: the zone's
  // figure is below both the PUE and 1 + CLF, and there is no per-hall figure for a single hall.
  CHECK(ppue < out.summary.value("pue"));
  CHECK(ppue < out.summary.value("ppue_cooling") + out.summary.value("plf"));
  CHECK(out.summary.value("clf") == Approx(l.cooling_j() / l.it_j()).epsilon(1e-12));
  for (const auto& m : out.summary.metrics()) CHECK(m.name.rfind("ppue_white_space_", 0) != 0);
}

TEST_CASE("zones: two halls split the IT and the white-space infrastructure, the plants stay outside", "[zones]") {
  std::ifstream in(std::string(DCSIM_SOURCE_DIR) + "/scenarios/mixed-cooling.yaml");
  std::stringstream text;
  text << in.rdbuf();
  std::string yaml = text.str();
  const auto at = yaml.find("length: 365 d");
  REQUIRE(at != std::string::npos);
  yaml.replace(at, 13, "length: 7 d");
  const auto out = app::run_scenario(test::load_text(yaml, std::string(DCSIM_SOURCE_DIR) + "/scenarios/mixed-cooling.yaml"));
  const auto& l = out.result.total;
  const auto& zones = out.result.zones;
  REQUIRE(zones.size() == 2);
  CHECK(zones[0].name == "hall-a");
  CHECK(zones[1].name == "hall-b");
  double it = 0, cooling = 0, electrical = 0;
  for (const auto& z : zones) {
    it += z.it_j;
    cooling += z.cooling_j;
    electrical += z.electrical_j;
    CHECK(z.it_j > 0);
    CHECK(out.summary.value("ppue_white_space_" + z.name) == Approx(z.total_j() / z.it_j).epsilon(1e-12));
    CHECK(out.summary.value("ppue_white_space_" + z.name) > 1.0);
  }
  // Every rack stands in a hall; the UPS is indoors, so all the chain's losses but the transformer's
  // heat the halls; the CRAH fans and the rear doors' fans are inside, the plants and loops outside.
  CHECK(it == Approx(l.it_j()).epsilon(1e-12));
  CHECK(electrical == Approx(l[Use::ups_loss] + l[Use::pdu_loss] + l[Use::lighting]).epsilon(1e-9));
  CHECK(cooling >= l[Use::air_fans] * (1 - 1e-12));
  CHECK(cooling <= (l[Use::air_fans] + l[Use::pumps]) * (1 + 1e-12));
  CHECK(out.summary.value("ppue_white_space") == Approx((it + cooling + electrical) / it).epsilon(1e-12));
  CHECK(out.summary.value("ppue_white_space") < out.summary.value("pue"));
}
