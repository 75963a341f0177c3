// Facility graph topology checks and Graphviz output.
#include <catch2/catch.hpp>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "sim/check.hpp"
#include "sim/facility_graph.hpp"

using dcsim::sim::FacilityGraph;
using dcsim::sim::LinkType;
using dcsim::sim::Role;

namespace {

// A liquid-cooled hall: grid -> transformer -> UPS -> PDU -> racks; rack heat -> CDU -> dry cooler
// -> ambient air; the CDU pump and dry cooler fans are loads on the UPS and the transformer.
FacilityGraph hall() {
  FacilityGraph g;
  g.add_component("grid", "grid", Role::electrical_supply);
  g.add_component("transformer", "transformer", Role::electrical_load | Role::heat_source);
  g.add_component("ups", "ups", Role::electrical_load | Role::heat_source);
  g.add_component("pdu", "pdu", Role::electrical_load);
  g.add_component("racks \"A\"", "rack_group", Role::electrical_load | Role::heat_source);
  g.add_component("cdu", "cdu", Role::electrical_load);
  g.add_component("dry_cooler", "dry_cooler", Role::electrical_load);
  g.add_component("room_air", "air_loop", Role::none);
  g.add_component("outdoor", "ambient", Role::heat_sink);
  g.add_link("grid", "transformer", LinkType::electrical, "20 kV");
  g.add_link("transformer", "ups", LinkType::electrical, "400 V");
  g.add_link("ups", "pdu", LinkType::electrical);
  g.add_link("pdu", "racks \"A\"", LinkType::electrical);
  g.add_link("ups", "cdu", LinkType::electrical);
  g.add_link("transformer", "dry_cooler", LinkType::electrical);
  g.add_link("racks \"A\"", "cdu", LinkType::heat, "cold plates");
  g.add_link("cdu", "dry_cooler", LinkType::heat, "glycol");
  g.add_link("dry_cooler", "outdoor", LinkType::heat);
  g.add_link("transformer", "outdoor", LinkType::heat);
  g.add_link("ups", "room_air", LinkType::heat);
  g.add_link("room_air", "dry_cooler", LinkType::heat, "fan coil");
  return g;
}

bool mentions(const std::vector<std::string>& errors, const std::string& a, const std::string& b) {
  for (const auto& e : errors) {
    if (e.find(a) != std::string::npos && e.find(b) != std::string::npos) return true;
  }
  return false;
}

}  // namespace

TEST_CASE("a consistent facility validates", "[graph]") {
  const FacilityGraph g = hall();
  CHECK(g.component_count() == 9);
  CHECK(g.validate().empty());
}

TEST_CASE("a heat source without a path to ambient is reported", "[graph]") {
  FacilityGraph g = hall();
  g.add_component("battery_room", "battery", Role::heat_source | Role::electrical_load);
  g.add_link("ups", "battery_room", LinkType::electrical);
  // Heat goes into the room air, but a heat link pointing the wrong way does not count.
  g.add_link("room_air", "battery_room", LinkType::heat);
  const auto errors = g.validate();
  REQUIRE(errors.size() == 1);
  CHECK(mentions(errors, "heat source", "battery_room"));
}

TEST_CASE("a load without a supply is reported", "[graph]") {
  FacilityGraph g = hall();
  g.add_component("lighting", "lighting", Role::electrical_load | Role::heat_source);
  g.add_link("lighting", "room_air", LinkType::heat);
  // A heat link from the grid is not an electrical path.
  g.add_link("grid", "lighting", LinkType::heat);
  const auto errors = g.validate();
  REQUIRE(errors.size() == 1);
  CHECK(mentions(errors, "electrical load", "lighting"));
}

TEST_CASE("an electrical cycle is reported with its members", "[graph]") {
  FacilityGraph g = hall();
  g.add_link("pdu", "transformer", LinkType::electrical, "backfeed");
  const auto errors = g.validate();
  REQUIRE(errors.size() == 1);
  CHECK(mentions(errors, "cycle", "transformer"));
  CHECK(mentions(errors, "cycle", "ups"));
  CHECK(mentions(errors, "cycle", "pdu"));
  CHECK_FALSE(mentions(errors, "cycle", "grid"));
  // A heat loop (a recirculating water loop) is not an electrical cycle.
  FacilityGraph h = hall();
  h.add_link("dry_cooler", "cdu", LinkType::heat, "return");
  CHECK(h.validate().empty());
}

TEST_CASE("several problems are all reported", "[graph]") {
  FacilityGraph g;
  g.add_component("rack", "rack_group", Role::electrical_load | Role::heat_source);
  g.add_component("ups1", "ups", Role::electrical_load | Role::electrical_supply);
  g.add_component("ups2", "ups", Role::electrical_load | Role::electrical_supply);
  g.add_link("ups1", "ups2", LinkType::electrical);
  g.add_link("ups2", "ups1", LinkType::electrical);
  g.add_link("ups1", "rack", LinkType::electrical);
  const auto errors = g.validate();
  CHECK(errors.size() == 2);
  CHECK(mentions(errors, "heat source", "rack"));
  CHECK(mentions(errors, "cycle", "ups1"));
}

TEST_CASE("names are unique and links need known components", "[graph]") {
  FacilityGraph g;
  g.add_component("chiller", "chiller", Role::electrical_load);
  CHECK_THROWS_AS(g.add_component("chiller", "chiller", Role::none), dcsim::ParameterError);
  CHECK_THROWS_WITH(g.add_link("chiller", "tower", LinkType::heat),
                    Catch::Matchers::Contains("tower"));
}

TEST_CASE("DOT output quotes names and is accepted by Graphviz", "[graph]") {
  const FacilityGraph g = hall();
  const std::string dot = g.to_dot();
  CHECK(dot.rfind("digraph facility {", 0) == 0);
  CHECK(dot.find("\"racks \\\"A\\\"\" -> \"cdu\"") != std::string::npos);
  CHECK(dot.find("color=red") != std::string::npos);
  CHECK(dot.find("color=blue") != std::string::npos);
  if (!std::filesystem::exists("/usr/bin/dot")) return;  // Graphviz not installed: syntax unchecked
  const auto path = std::filesystem::temp_directory_path() / "dcsim_test_facility_graph.dot";
  std::ofstream(path) << dot;
  const std::string cmd = "/usr/bin/dot -Tsvg '" + path.string() + "' -o /dev/null";
  CHECK(std::system(cmd.c_str()) == 0);
  // And a broken file is rejected, so the check above can fail.
  std::ofstream(path) << "digraph { \"a -> b }";
  CHECK(std::system((cmd + " 2>/dev/null").c_str()) != 0);
  std::filesystem::remove(path);
}

TEST_CASE("components described into a cluster are drawn boxed with their capacity", "[graph]") {
  FacilityGraph g;
  g.add_component("grid", "grid", Role::electrical_supply);
  g.add_component("cdu", "cdu", Role::electrical_load);
  g.add_component("pump", "pump", Role::electrical_load);
  g.describe("cdu", "supply 32 degC", "liquid loop");
  g.describe("pump", "2 x 5 kW", "liquid loop");
  const std::string dot = g.to_dot();
  const auto cluster = dot.find("subgraph cluster_0 {");
  REQUIRE(cluster != std::string::npos);
  CHECK(dot.find("label=\"liquid loop\"", cluster) != std::string::npos);
  // Both members inside the one box, the grid outside it, before it.
  CHECK(dot.find("\"cdu\" [", cluster) != std::string::npos);
  CHECK(dot.find("\"pump\" [", cluster) != std::string::npos);
  CHECK(dot.find("\"grid\" [") < cluster);
  CHECK(dot.find("supply 32 degC") != std::string::npos);
  CHECK(dot.find("subgraph cluster_1") == std::string::npos);
  CHECK_THROWS(g.describe("nothing", "x"));
}
