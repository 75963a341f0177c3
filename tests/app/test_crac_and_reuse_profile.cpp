// CRAC (DX) air units and a monthly district-heating demand for heat reuse.
#include <catch2/catch.hpp>

#include <fstream>
#include <string>

#include "app/input_error.hpp"
#include "app/run.hpp"
#include "app/scenario.hpp"

using namespace dcsim;

namespace {

std::string small() {
  std::ifstream in(std::string(DCSIM_SOURCE_DIR) + "/tests/data/valid/small.yaml");
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

std::string replace(std::string s, const std::string& from, const std::string& to) {
  const auto at = s.find(from);
  REQUIRE(at != std::string::npos);
  return s.replace(at, from.size(), to);
}

app::RunOutcome run(const std::string& text) {
  return app::run_scenario(app::load_scenario_text(text, "t.yaml", std::string(DCSIM_SOURCE_DIR) + "/tests/data/valid"));
}

// The chilled-water plant becomes air-cooled compressors only.
std::string air_cooled(const std::string& units_type) {
  std::string s = replace(small(), "        - {type: water_cooled_chiller, capacity: 60 kW, count: 2}\n        - {type: cooling_tower, capacity: 150 kW}\n",
                          "        - {type: air_cooled_chiller, capacity: 60 kW, count: 2}\n");
  return replace(s, "units: {count: 2, capacity: 60 kW}", "units: {type: " + units_type + ", count: 2, capacity: 60 kW}");
}

}  // namespace

TEST_CASE("crac: DX units draw no chilled-water pump power and change nothing else", "[air][crac]") {
  const auto crah = run(air_cooled("crah"));
  const auto crac = run(air_cooled("crac"));
  const auto& a = crah.result.total;
  const auto& b = crac.result.total;
  using models::Use;
  // Same loads, same compressors: only the chilled-water loop's pumps are gone.
  CHECK(b[Use::it] == Approx(a[Use::it]).epsilon(1e-12));
  CHECK(b[Use::compressors] == Approx(a[Use::compressors]).epsilon(1e-12));
  CHECK(b[Use::air_fans] == Approx(a[Use::air_fans]).epsilon(1e-12));
  CHECK(b[Use::pumps] < a[Use::pumps]);
  CHECK(b.facility_j() < a.facility_j());
  // The difference is the air plant's loop pumps, which also left the heat rejected.
  const double pumps_gone_j = a[Use::pumps] - b[Use::pumps];
  CHECK(a.facility_j() - b.facility_j() == Approx(pumps_gone_j + (a[Use::transformer_loss] - b[Use::transformer_loss])).epsilon(1e-9));
  CHECK(a.heat_rejected_j - b.heat_rejected_j == Approx(a.facility_j() - b.facility_j()).epsilon(1e-6));
}

TEST_CASE("crac: DX units on a plant with a cooling tower are an input error at the key", "[air][crac]") {
  const std::string text = replace(small(), "units: {count: 2, capacity: 60 kW}", "units: {type: crac, count: 2, capacity: 60 kW}");
  try {
    app::load_scenario_text(text, "t.yaml", "");
    FAIL("crac on a water-cooled plant must be rejected");
  } catch (const app::InputException& e) {
    CHECK(e.errors()[0].path == "cooling.air.units.type");
  }
}

TEST_CASE("heat reuse: a monthly district demand is met month by month", "[plant][reuse]") {
  // January and February; the warm-water loop returns at about 37 degC, above a 30 degC district
  // supply plus the 3 K approach, so the exchanger delivers the demand directly (no heat pump).
  std::string s = replace(small(), "  start: 2025-07-01\n  length: 7 d", "  start: 2025-01-01\n  length: 59 d");
  s = replace(s, "        - {type: dry_cooler, capacity: 150 kW, count: 2, design_dry_bulb: 25 degC, approach: 8 K}\n",
              "        - {type: dry_cooler, capacity: 150 kW, count: 2, design_dry_bulb: 25 degC, approach: 8 K}\n"
              "        - {type: heat_reuse, capacity: 100 kW, demand: 0 kW, district_supply_temp: 30 degC, district_return_temp: 25 degC,\n"
              "           demand_monthly: [20, 10, 0, 0, 0, 0, 0, 0, 0, 0, 0, 15]}\n");
  const auto r = run(s);
  // 20 kW for 744 h, then 10 kW for 672 h.
  CHECK(r.summary.value("heat_reused_kwh") == Approx(20.0 * 744.0 + 10.0 * 672.0).epsilon(1e-9));
  REQUIRE(r.result.months.size() == 2);
  CHECK(r.result.months[0].heat_reused_j / 3.6e6 == Approx(20.0 * 744.0).epsilon(1e-9));
  CHECK(r.result.months[1].heat_reused_j / 3.6e6 == Approx(10.0 * 672.0).epsilon(1e-9));
}
