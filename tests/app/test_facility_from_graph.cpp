// The facility is assembled from the facility graph the loader builds (models/facility_topology.hpp):
// the graph holds every connection (nothing is lost reading it back), the facility follows the graph
// when the graph changes, and a graph missing a connection the facility needs is an error naming it.
#include <catch2/catch.hpp>

#include <filesystem>
#include <numeric>
#include <string>

#include "app/facility_graph_builder.hpp"
#include "app/scenario.hpp"
#include "models/facility.hpp"
#include "models/facility_topology.hpp"
#include "sim/check.hpp"
#include "sim/thermal_network.hpp"
#include "tests/support/facility_fixture.hpp"

using namespace dcsim;
using Catch::Matchers::Contains;
namespace fs = std::filesystem;

namespace {

const std::string kMixed = std::string(DCSIM_SOURCE_DIR) + "/scenarios/mixed-cooling.yaml";

std::string error_of(const sim::FacilityGraph& g, const models::FacilityConfig& f) {
  try {
    const models::Facility facility(f, g);
  } catch (const ParameterError& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST_CASE("every shipped scenario's graph holds all its connections: read back and redrawn, it is the same graph", "[graph][topology]") {
  int checked = 0;
  for (const auto& e : fs::directory_iterator(fs::path(DCSIM_SOURCE_DIR) / "scenarios")) {
    const std::string file = e.path().filename().string();
    if (e.path().extension() != ".yaml" || file.ends_with(".sweep.yaml")) continue;
    INFO(file);
    const app::Scenario sc = app::load_scenario(e.path().string());
    const models::FacilityConnections c = models::read_connections(sc.graph, sc.facility);
    REQUIRE(c.group_hall.size() == sc.facility.groups.size());
    REQUIRE(c.equipment.size() == sc.facility.equipment.size());
    const sim::FacilityGraph again = app::build_facility_graph(sc.facility, c);
    CHECK(again.to_dot() == sc.graph.to_dot());
    CHECK(models::read_connections(again, sc.facility) == c);
    ++checked;
  }
  CHECK(checked >= 10);
}

TEST_CASE("mixed-cooling's connections as the graph gives them", "[graph][topology][mixed_cooling]") {
  const app::Scenario sc = app::load_scenario(kMixed);
  const auto c = models::read_connections(sc.graph, sc.facility);
  // Groups gpu-cp, gpu-imm in hall-a, cpu-row in hall-b; on cold-plate, immersion, none.
  CHECK(c.group_hall == std::vector<std::size_t>{0, 0, 1});
  CHECK(c.group_loop == std::vector<std::optional<std::size_t>>{0, 1, std::nullopt});
  CHECK(c.hall_plant == std::vector<std::size_t>{2, 2});                        // both halls on "chilled"
  CHECK(c.loop_plant == std::vector<std::optional<std::size_t>>{0, 1});        // cp-water, imm-water
  REQUIRE(c.equipment.size() == 2);
  CHECK(c.equipment[0] == models::EquipmentPorts{.side = models::EquipmentPorts::Side::air, .groups = {2}, .plant = 2});
  CHECK(c.equipment[1] == models::EquipmentPorts{.side = models::EquipmentPorts::Side::liquid, .groups = {1}});
}

TEST_CASE("the facility follows its graph: the CPU row redrawn into hall A is assembled, and runs, in hall A", "[graph][topology][mixed_cooling]") {
  const app::Scenario sc = app::load_scenario(kMixed, {"period.length=2 d"});
  auto c = models::read_connections(sc.graph, sc.facility);
  c.group_hall[2] = 0;  // cpu-row, with its rear doors, into hall-a
  const sim::FacilityGraph moved = app::build_facility_graph(sc.facility, c);
  CHECK_THAT(moved.to_dot(), Contains("\"equipment.row-doors\" -> \"hall-a.room_air\""));

  const models::Facility as_drawn(sc.facility, sc.graph), redrawn(sc.facility, moved);
  const std::string before = as_drawn.network().describe(), after = redrawn.network().describe();
  // The doors' air returns to hall B's hot aisle as the scenario draws it, to hall A's as redrawn.
  CHECK_THAT(before, Contains("flow row-doors.cpu-row.door_air -> hall.hall-b.hot_aisle"));
  CHECK_THAT(after, Contains("flow row-doors.cpu-row.door_air -> hall.hall-a.hot_aisle"));

  // And the row runs in hall A's air: its racks take in hall A's 24 degC supply instead of hall B's
  // 22 degC, so they run warmer (the doors' coil on 18 degC water takes most of the 2 K back out), and
  // the doors take more heat.
  const models::FacilityResult r0 = models::Facility(sc.facility, sc.graph).run();
  const models::FacilityResult r1 = models::Facility(sc.facility, moved).run();
  const auto mean = [](const models::FacilityResult& r, const std::string& name) {
    const auto col = test::channel(r, name);
    return std::accumulate(col.begin(), col.end(), 0.0) / static_cast<double>(col.size());
  };
  const double warmer_k = mean(r1, "cpu-row.equipment_c") - mean(r0, "cpu-row.equipment_c");
  CHECK(warmer_k > 0.2);
  CHECK(warmer_k < 2.0);
  CHECK(mean(r1, "equipment.row-doors.heat_removed_kw") > mean(r0, "equipment.row-doors.heat_removed_kw"));
  CHECK(std::fabs(r1.heat_balance_residual_j) < 1e-6 * r1.total.facility_j());
}

TEST_CASE("a graph without a connection the facility needs is an error naming the component", "[graph][topology][input_error]") {
  const app::Scenario sc = app::load_scenario(kMixed);
  const auto& f = sc.facility;
  const auto c = models::read_connections(sc.graph, f);

  // Components only, added one kind at a time: the first missing component, then the first missing
  // connection.
  sim::FacilityGraph bare;
  for (std::size_t h = 0; h < f.halls.size(); ++h) {
    bare.add_component(models::hall_component(f, h, "room_air"), "air_loop", sim::Role::none);
    bare.add_component(models::hall_component(f, h, "crah"), "crah", sim::Role::none);
    bare.describe(models::hall_component(f, h, "room_air"), "", models::hall_cluster(f, h));
  }
  for (std::size_t k = 0; k < f.liquid_loops.size(); ++k) bare.add_component(models::loop_component(f, k), "cdu", sim::Role::none);
  for (std::size_t p = 0; p < f.plants.size(); ++p) bare.add_component(models::plant_component(f, p), "heat_rejection_plant", sim::Role::none);
  CHECK_THAT(error_of(bare, f), Contains("component 'racks.gpu-cp' is missing"));
  for (std::size_t i = 0; i < f.groups.size(); ++i) bare.add_component(models::group_component(f, i), "rack_group", sim::Role::none);
  for (std::size_t e = 0; e < f.equipment.size(); ++e) bare.add_component(models::equipment_component(f, e), f.equipment[e].type, sim::Role::none);
  CHECK_THAT(error_of(bare, f), Contains("hall 'hall-a' ('hall-a.crah') has no plant"));
  bare.add_link("hall-a.crah", "plant.chilled", sim::LinkType::heat);
  bare.add_link("hall-b.crah", "plant.chilled", sim::LinkType::heat);
  CHECK_THAT(error_of(bare, f), Contains("rack group 'racks.gpu-cp' stands in no hall"));

  // A group whose cold plates reach two loops.
  sim::FacilityGraph two = app::build_facility_graph(f, c);
  two.add_link("racks.gpu-cp", "immersion.cdu", sim::LinkType::heat, "cold plates");
  CHECK_THAT(error_of(two, f), Contains("'racks.gpu-cp' links to two liquid loops ('cold-plate.cdu' and 'immersion.cdu')"));

  // Rear doors no plant's water cools.
  auto dry = c;
  dry.equipment[0].plant.reset();
  CHECK_THAT(error_of(app::build_facility_graph(f, dry), f), Contains("plant"));
  CHECK(error_of(app::build_facility_graph(f, c), f).empty());
}
