// The thermal network each shipped scenario assembles, node for node: names, capacities, initial
// temperatures, every link's coefficient and every source, against tests/golden/network/NAME.txt.
// The facility's assembly may be reorganised (loops and equipment as components) but a scenario that
// is valid today must assemble the same network. When physics changes a network on purpose,
// regenerate with `build/dcsim graph --network scenarios/NAME.yaml > tests/golden/network/NAME.txt`
// and say why in the commit.
#include <catch2/catch.hpp>

#include <filesystem>
#include <string>

#include "app/scenario.hpp"
#include "models/facility.hpp"
#include "sim/thermal_network.hpp"
#include "tests/support/temp_dir.hpp"

using namespace dcsim;
namespace fs = std::filesystem;

TEST_CASE("every shipped scenario assembles today's thermal network node for node", "[network][golden]") {
  const fs::path root = DCSIM_SOURCE_DIR;
  int checked = 0;
  for (const auto& e : fs::directory_iterator(root / "scenarios")) {
    const std::string file = e.path().filename().string();
    if (e.path().extension() != ".yaml" || file.ends_with(".sweep.yaml")) continue;
    const fs::path golden = root / "tests/golden/network" / (e.path().stem().string() + ".txt");
    INFO(file);
    REQUIRE(fs::exists(golden));
    const app::Scenario sc = app::load_scenario(e.path().string());
    const models::Facility facility(sc.facility, sc.graph);
    const std::string got = facility.network().describe();
    const std::string want = test::slurp(golden);
    CHECK(got == want);
    ++checked;
  }
  CHECK(checked >= 10);
}

TEST_CASE("the network description lists every node, link and source once", "[network]") {
  sim::ThermalNetwork net;
  const auto b = net.add_boundary("supply", 20.0);
  const auto n = net.add_node("room", 1e6, 25.0);
  net.add_flow(b, n, 100.0);
  net.add_conductance(n, b, 5.0);
  net.add_source(n, 1500.0);
  CHECK(net.describe() ==
        "node 0 supply boundary T=20 degC\n"
        "node 1 room C=1000000 J/K T=25 degC\n"
        "link 0 flow supply -> room mcp=100 W/K\n"
        "link 1 conductance room -- supply UA=5 W/K\n"
        "source 0 into room P=1500 W\n");
}
