// The mixed-cooling design (scenarios/mixed-cooling.yaml): two halls, a cold-plate and an immersion
// loop at different supply temperatures, rear doors on an air-cooled row; what it assembles, what
// `dcsim graph` draws, how it runs, and located errors for the keys that place groups and equipment.
#include <catch2/catch.hpp>

#include <cmath>
#include <filesystem>
#include <string>

#include "app/facility_graph_builder.hpp"
#include "app/input_error.hpp"
#include "app/scenario.hpp"
#include "models/facility.hpp"
#include "tests/support/temp_dir.hpp"

using namespace dcsim;
using Catch::Matchers::Contains;

namespace {

const std::string kPath = std::string(DCSIM_SOURCE_DIR) + "/scenarios/mixed-cooling.yaml";

double total(const models::FacilityResult& r, const std::string& name) {
  for (std::size_t i = 0; i < r.recorder.channels().size(); ++i) {
    if (r.recorder.channels()[i].name != name) continue;
    double sum = 0;
    const auto col = r.recorder.column(static_cast<sim::ChannelId>(i));
    for (double v : col) sum += v;
    return sum / static_cast<double>(col.size());
  }
  FAIL("no channel " << name);
  return 0;
}

// The first input error of a scenario text (the mixed-cooling file with `from` replaced by `to`).
app::InputError error_of(const std::string& from, const std::string& to) {
  std::string text = test::slurp(kPath);
  const auto at = text.find(from);
  REQUIRE(at != std::string::npos);
  text.replace(at, from.size(), to);
  try {
    app::load_scenario_text(text, "mixed.yaml", std::string(DCSIM_SOURCE_DIR) + "/scenarios");
  } catch (const app::InputException& e) {
    REQUIRE(e.errors().size() >= 1);
    return e.errors()[0];
  }
  FAIL("no error after replacing '" << from << "'");
  return {};
}

}  // namespace

TEST_CASE("mixed-cooling assembles two halls, two loops at their own supply, rear doors and tanks", "[mixed_cooling]") {
  const app::Scenario sc = app::load_scenario(kPath, {"period.length=4 d"});
  const auto& f = sc.facility;
  REQUIRE(f.halls.size() == 2);
  REQUIRE(f.liquid_loops.size() == 2);
  REQUIRE(f.equipment.size() == 2);
  CHECK(f.equipment[0].type == "rear_door");
  CHECK(f.equipment[1].type == "immersion_tank");
  const models::FacilityResult r = models::Facility(f, sc.graph).run();
  CHECK(std::fabs(r.heat_balance_residual_j) < 1e-6 * r.total.facility_j());
  // Each loop at its own temperature on its own facility water: 32 and 46 degC.
  CHECK(total(r, "loop.cold-plate.coolant_supply_c") == Approx(32.0).margin(0.01));
  CHECK(total(r, "loop.immersion.coolant_supply_c") == Approx(46.0).margin(0.01));
  CHECK(total(r, "equipment.row-doors.heat_removed_kw") > 100.0);
  CHECK(total(r, "equipment.tanks.bath_c") > 46.0);
  CHECK(r.total.unmet_cooling_j == 0.0);
}

TEST_CASE("dcsim graph draws both loops, the rear doors and the tanks of mixed-cooling", "[mixed_cooling][graph]") {
  const std::string dot = app::load_scenario(kPath).graph.to_dot();
  for (const char* s : {"\"cold-plate.cdu\"", "\"immersion.cdu\"", "\"hall-a.room_air\"", "\"hall-b.room_air\"",
                        "\"equipment.row-doors\" [", "\"equipment.tanks\" [",
                        "\"racks.cpu-row\" -> \"equipment.row-doors\"", "\"equipment.row-doors\" -> \"plant.chilled\"",
                        "\"racks.gpu-imm\" -> \"equipment.tanks\"", "\"equipment.tanks\" -> \"immersion.cdu\"",
                        "\"racks.gpu-cp\" -> \"cold-plate.cdu\""}) {
    CHECK_THAT(dot, Contains(s));
  }
  // Readable: a box per hall, loop and plant, capacities and counts on the components.
  for (const char* s : {"label=\"hall hall-a\"", "label=\"hall hall-b\"", "label=\"liquid loop cold-plate\"",
                        "label=\"liquid loop immersion\"", "label=\"plant chilled\"", "rankdir=LR", "4 x 150 kW CRAH (N-1: 450 kW)",
                        "supply 46 degC, 2 pumps", "5 x 400 kW", "24 racks x 35 kW peak"}) {
    CHECK_THAT(dot, Contains(s));
  }
  // The doors take the row's exhaust: no direct link from those racks to the room air.
  CHECK_THAT(dot, !Contains("\"racks.cpu-row\" -> \"hall-b.room_air\""));
}

TEST_CASE("placing groups and equipment: errors at their keys", "[mixed_cooling][input_error]") {
  auto e = error_of("      hall: hall-b\n", "");
  CHECK(e.path == "it.groups[2]");
  CHECK_THAT(e.message, Contains("needs `hall`"));
  e = error_of("loop: immersion", "loop: imersion");
  CHECK(e.path == "it.groups[1].loop");
  CHECK_THAT(e.hint, Contains("immersion"));
  e = error_of("groups: [cpu-row]", "groups: [cpu-rows]");
  CHECK(e.path == "cooling.equipment[0].groups[0]");
  CHECK(e.line > 0);
  e = error_of("      server_fans: {share: 0}\n", "");
  CHECK(e.path == "cooling.equipment[1].groups[0]");
  CHECK_THAT(e.message, Contains("server fans"));
  e = error_of("effectiveness: 0.75", "effectiveness: 1.2");
  CHECK(e.path == "cooling.equipment[0].effectiveness");
  e = error_of("    - {type: immersion_tank,", "    - {type: rear_door, name: more-doors, groups: [cpu-row], plant: chilled}\n    - {type: immersion_tank,");
  CHECK(e.path == "cooling.equipment[1].groups[0]");
  CHECK_THAT(e.message, Contains("already served by 'row-doors'"));
  e = error_of("{name: immersion, plant: imm-water, ", "{name: immersion, ");
  CHECK(e.path == "cooling.liquid_loops[1]");
  CHECK_THAT(e.message, Contains("needs `plant`"));
  e = error_of("  halls:\n", "  air: {plant: chilled}\n  halls:\n");
  CHECK_THAT(e.message, Contains("both `air` and `halls`"));
}
