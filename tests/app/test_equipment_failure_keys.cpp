// The scenario's `events` and `reliability` naming a redundancy group of an equipment entry,
// "cooling.equipment[NAME].KEY" (models/equipment.hpp, unit_groups): what loads, and located errors
// for an unknown entry, a group its type does not have, and too many units; a liquid-to-air CDU's
// two groups (units and fans) from a scenario to the run.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>

#include "app/input_error.hpp"
#include "app/scenario.hpp"
#include "models/facility.hpp"
#include "models/failures.hpp"
#include "tests/support/facility_fixture.hpp"
#include "tests/support/temp_dir.hpp"

using namespace dcsim;
using Catch::Matchers::Contains;

namespace {

const std::string kPath = std::string(DCSIM_SOURCE_DIR) + "/scenarios/mixed-cooling.yaml";

// The mixed-cooling file with its rear doors active and `extra` appended; its line count before it.
struct Text {
  std::string text;
  int extra_line = 0;  // 1-based line of the first appended line
};

Text mixed_with(const std::string& extra) {
  Text t{test::slurp(kPath), 0};
  const std::string door = "water_temp: 18 degC}";
  const auto at = t.text.find(door);
  REQUIRE(at != std::string::npos);
  t.text.replace(at, door.size(), "water_temp: 18 degC, fans: active}");
  if (t.text.back() != '\n') t.text += '\n';
  t.extra_line = static_cast<int>(std::count(t.text.begin(), t.text.end(), '\n')) + 1;
  t.text += extra + "\n";
  return t;
}

app::InputError error_of(const Text& t) {
  try {
    app::load_scenario_text(t.text, "mixed.yaml", std::string(DCSIM_SOURCE_DIR) + "/scenarios");
  } catch (const app::InputException& e) {
    REQUIRE(e.errors().size() >= 1);
    return e.errors()[0];
  }
  FAIL("no error");
  return {};
}

}  // namespace

TEST_CASE("events and reliability entries name an equipment's unit group", "[equipment_failure_keys]") {
  const Text t = mixed_with("events:\n  - {at: 24 h, kind: failure, component: 'cooling.equipment[row-doors].fans', units: 3, duration: 4 h}\n"
                            "reliability:\n  - {component: 'cooling.equipment[row-doors].fans', mtbf: 5000 h, mttr: 8 h}");
  const app::Scenario sc = app::load_scenario_text(t.text, "mixed.yaml", std::string(DCSIM_SOURCE_DIR) + "/scenarios");
  const auto& fs = sc.facility.failures;
  const auto it = std::find_if(fs.begin(), fs.end(), [](const auto& c) { return c.name == "cooling.equipment[row-doors].fans"; });
  REQUIRE(it != fs.end());
  CHECK(it->target == models::FailureTarget::equipment_units);
  CHECK(sc.facility.equipment.at(it->equipment).name == "row-doors");
  CHECK(it->unit_group == 0);
  REQUIRE(it->scheduled.size() == 1);
  CHECK(it->scheduled[0].units == 3);
  CHECK(it->random.has_value());
}

TEST_CASE("an unknown equipment entry in a component is an error at its line", "[equipment_failure_keys]") {
  const Text t = mixed_with("events:\n  - {at: 2 h, kind: failure, component: 'cooling.equipment[nope].units'}");
  const app::InputError e = error_of(t);
  CHECK(e.file == "mixed.yaml");
  CHECK(e.line == t.extra_line + 1);
  CHECK(e.path == "events[0].component");
  CHECK_THAT(e.message, Contains("names no entry of cooling.equipment: 'nope'"));
  CHECK_THAT(e.hint, Contains("row-doors"));
}

TEST_CASE("a unit group the equipment's type does not have is an error at its line", "[equipment_failure_keys]") {
  const Text t = mixed_with("reliability:\n  - {component: 'cooling.equipment[row-doors].pumps', mtbf: 5000 h, mttr: 8 h}");
  const app::InputError e = error_of(t);
  CHECK(e.line == t.extra_line + 1);
  CHECK(e.path == "reliability[0].component");
  CHECK_THAT(e.message, Contains("cooling.equipment[row-doors] has no unit group 'pumps' (it has: fans)"));
  // Passive doors have no fans: no group at all.
  std::string passive = test::slurp(kPath);
  if (passive.back() != '\n') passive += '\n';
  const int line = static_cast<int>(std::count(passive.begin(), passive.end(), '\n')) + 2;
  passive += "events:\n  - {at: 2 h, kind: failure, component: 'cooling.equipment[row-doors].fans'}\n";
  const app::InputError p = error_of(Text{passive, 0});
  CHECK(p.line == line);
  CHECK_THAT(p.message, Contains("cooling.equipment[row-doors] has no units that can fail"));
}

TEST_CASE("more units out than an equipment's group has is an error at `units`", "[equipment_failure_keys]") {
  // The cpu-row group's 30 racks have one active door each: 30 door fan arrays.
  const Text t = mixed_with("events:\n  - {at: 2 h, kind: failure, component: 'cooling.equipment[row-doors].fans', units: 99}");
  const app::InputError e = error_of(t);
  CHECK(e.path == "events[0].units");
  CHECK_THAT(e.message, Contains("has 30 units (got 99)"));
}

namespace {

// A site without facility water: 4 racks on a loop that no plant cools, whose heat two liquid-to-air
// units of `fans_per_unit` fans put into the hall's air; `events` appended.
std::string l2a_site(const std::string& events) {
  return "name: l2a-site\n"
         "site: {builtin: phoenix}\n"
         "period: {start: 2025-07-01, length: 2 d, record_interval: 15 min}\n"
         "it:\n"
         "  groups:\n"
         "    - {name: gpu, count: 4, idle_power: 20 kW, peak_power: 20 kW, liquid_share: 80 %, liquid_class: W45}\n"
         "cooling:\n"
         "  plants:\n"
         "    - {name: chilled, equipment: [{type: air_cooled_chiller, capacity: 400 kW, count: 2}]}\n"
         "  liquid_loops:\n"
         "    - {name: gpu-loop, supply_temp: 40 degC, delta_t: 10 K}\n"
         "  halls:\n"
         "    - {name: hall, plant: chilled, supply_temp: 24 degC, units: {count: 2, capacity: 150 kW}}\n"
         "  equipment:\n"
         "    - {type: liquid_to_air_cdu, name: radiators, loop: gpu-loop, hall: hall, units: 2, capacity: 40 kW, fans_per_unit: 6}\n" +
         events;
}

}  // namespace

TEST_CASE("a liquid-to-air CDU's fans are a unit group of their own: units x fans_per_unit", "[equipment_failure_keys][l2a]") {
  const std::string events =
      "events:\n  - {at: 24 h, kind: failure, component: 'cooling.equipment[radiators].fans', units: 4}\n"
      "  - {at: 30 h, kind: failure, component: 'cooling.equipment[radiators].units', units: 1, duration: 2 h}\n";
  const app::Scenario sc = app::load_scenario_text(l2a_site(events), "l2a.yaml", ".");
  const auto& fs = sc.facility.failures;
  auto find = [&](const std::string& name) {
    const auto it = std::find_if(fs.begin(), fs.end(), [&](const auto& c) { return c.name == name; });
    REQUIRE(it != fs.end());
    return *it;
  };
  CHECK(find("cooling.equipment[radiators].units").unit_group == 0);
  CHECK(find("cooling.equipment[radiators].fans").unit_group == 1);
  // Four of twelve fans out: the coolant of the loop warms; the unit out for two hours warms it more.
  const models::FacilityResult r = models::Facility(sc.facility, sc.graph).run();
  CHECK(r.failures == 2);
  const auto fans = test::channel(r, "units_up.cooling.equipment_radiators_.fans");
  const auto coolant = test::channel(r, "coolant_return_c");
  const std::size_t before = 94, after = 118;  // 23:45 and 29:45 (sample i at (i + 1) x 15 min)
  CHECK(fans[before] == 12.0);
  CHECK(fans[after] == 8.0);
  CHECK(coolant[after] > coolant[before] + 1.0);
  CHECK(*std::max_element(coolant.begin() + 120, coolant.begin() + 128) > coolant[after] + 1.0);
  // At most units x fans_per_unit out.
  try {
    app::load_scenario_text(l2a_site("events:\n  - {at: 2 h, kind: failure, component: 'cooling.equipment[radiators].fans', units: 13}\n"),
                            "l2a.yaml", ".");
    FAIL("13 of 12 fans out loaded");
  } catch (const app::InputException& e) {
    CHECK(e.errors()[0].path == "events[0].units");
    CHECK_THAT(e.errors()[0].message, Contains("has 12 units (got 13)"));
  }
}
