// Non-finite results from finite inputs (docs/robustness.md, class 6): a quantity that overflows on
// unit conversion, and carbon inputs large enough to make CUE and emissions infinite, are input
// errors at their key (exit 2), in the file or in --set.
#include <filesystem>
#include <fstream>
#include <string>
#include <utility>
#include <vector>

#include <catch2/catch.hpp>

#include "tests/support/run_process.hpp"

namespace fs = std::filesystem;
using Catch::Matchers::Contains;
using dcsim::test::Outcome;
using dcsim::test::run_dcsim;
using dcsim::test::slurp;
using dcsim::test::TempDir;

namespace {
const std::string kSmall = std::string(DCSIM_SOURCE_DIR) + "/tests/data/valid/small.yaml";
}

TEST_CASE("finite inputs: 1e308 GW overflows on conversion and is an error at its key", "[finite]") {
  TempDir t("finite");
  std::string text = slurp(kSmall);
  const auto at = text.find("capacity: 150 kW");
  REQUIRE(at != std::string::npos);
  text.replace(at, 16, "capacity: 1e308 GW");
  std::ofstream(t / "inf.yaml") << text;
  const Outcome o = run_dcsim({"validate", t / "inf.yaml"}, t.path);
  INFO(o.err);
  CHECK(o.status == 2);
  CHECK_THAT(o.err, Contains("inf.yaml:34:40") && Contains("cooling.plants[0].equipment[0].capacity") && Contains("overflows"));
  const Outcome s = run_dcsim({"run", kSmall, "--set", "cooling.plants[0].equipment[0].capacity=1e308 GW", "-o", t / "x.h5"}, t.path);
  INFO(s.err);
  CHECK(s.status == 2);
  CHECK_THAT(s.err, Contains("--set") && Contains("overflows"));
  CHECK_FALSE(fs::exists(t / "x.h5"));
}

TEST_CASE("finite inputs: grid intensities and baseline PUE near 1e308 are errors at their key", "[finite]") {
  TempDir t("finite");
  for (const std::string set : {"site.grid_intensity=1e308", "baseline.pue=1e308", "baseline.grid_intensity=1e308 g/kWh",
                                "site.grid_intensity=6000 g/kWh"}) {
    const Outcome o = run_dcsim({"run", kSmall, "--set", set, "-o", t / "x.h5", "--quiet"}, t.path);
    INFO(set << "\n" << o.err);
    CHECK(o.status == 2);
    CHECK_THAT(o.err, Contains(set.substr(0, set.find('='))) && (Contains("must be in") || Contains("is out of range")));
  }
  // A grid trace with one such row.
  std::ofstream(t / "grid.csv") << "timestamp,intensity_g_per_kwh\n2025-07-01 00:00,300\n2025-07-02 00:00,1e308\n";
  std::ofstream(t / "traced.yaml") << slurp(kSmall) << "supply:\n  grid:\n    trace: grid.csv\n";
  const Outcome trace = run_dcsim({"validate", t / "traced.yaml"}, t.path);
  INFO(trace.err);
  CHECK(trace.status == 2);
  CHECK_THAT(trace.err, Contains("supply.grid.trace") && Contains("row 2"));
}

TEST_CASE("finite inputs: magnitudes no facility has are errors at their key, before the run", "[finite]") {
  // Each of these passed validation and then failed deep in the run without a place ("facility_power_w
  // must be >= 0 W (got nan)"), or was blamed on another key (the UPS for a group's peak power).
  TempDir t("magnitudes");
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"it.groups[0].peak_power=1e300 W", "a power of at most 1e+11 W"},
      {"cooling.air.room.structure_ua=1e300 kW/K", "a thermal conductance of at most 1e+12 W/K"},
      {"cooling.air.room.volume=1e300 m3", "a volume of at most 1e+09 m3"},
      {"cooling.air.room.volume=1e-320 m3", "a non-zero volume of at least 1e-06 m3"},
      {"cooling.air.room.structure_capacity=1e-320 J/K", "a non-zero heat capacity of at least 0.001 J/K"},
      {"power.lighting=1e300 W", "a power of at most 1e+11 W"},
      {"it.groups[0].count=1000000000", "design IT load (count x peak_power) reaches 2e+13 W"},
  };
  for (const auto& [set, message] : cases) {
    const Outcome o = run_dcsim({"validate", kSmall, "--set", set}, t.path);
    INFO(set << "\n" << o.err);
    CHECK(o.status == 2);
    CHECK_THAT(o.err, Contains(set.substr(0, set.find('=')) + ":") && Contains(message));
  }
}
