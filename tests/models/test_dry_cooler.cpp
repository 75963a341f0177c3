#include <catch2/catch.hpp>

#include <cmath>

#include "models/dry_cooler.hpp"
#include "models/fluid_machine.hpp"
#include "sim/check.hpp"

using namespace dcsim::models;

namespace {
DryCoolerParams dry(double heat_w, bool adiabatic = false) {
  DryCoolerParams p;
  p.design_heat_w = heat_w;
  p.adiabatic = adiabatic;
  return p;
}
}  // namespace

TEST_CASE("dry cooler: design approach and linear scaling with load", "[dry_cooler]") {
  const DryCooler d(dry(1.0e6));
  const double m = d.design_water_flow_kg_s();
  CHECK(d.achievable_leaving_temp_c(1.0e6, 35.0, 20.0, m) == Approx(45.0).epsilon(1e-12));
  // Sensible exchanger with constant flows: approach = Q (1/(eps C_min) - 1/C_w), proportional to Q.
  CHECK(d.achievable_leaving_temp_c(0.5e6, 35.0, 20.0, m) == Approx(40.0).epsilon(1e-12));
  CHECK(d.achievable_leaving_temp_c(0.25e6, 10.0, 5.0, m) == Approx(12.5).epsilon(1e-12));
}

TEST_CASE("dry cooler: fans hold the set point with cube-law power", "[dry_cooler]") {
  const DryCooler d(dry(1.0e6));
  const double m = d.design_water_flow_kg_s();
  const auto op = d.operate(0.6e6, 15.0, 10.0, m, 25.0);
  REQUIRE_FALSE(op.capacity_short);
  CHECK(op.leaving_temp_c == Approx(25.0).margin(1e-4));
  CHECK(op.fan_speed_fraction < 1.0);
  CHECK(op.fan_power_w == Approx(0.02 * 1.0e6 * std::pow(op.fan_speed_fraction, 3)).epsilon(1e-12));
  const auto hot = d.operate(0.6e6, 25.0, 18.0, m, 25.0);
  CHECK(hot.capacity_short);
  CHECK(hot.leaving_temp_c == Approx(25.0 + 6.0).epsilon(1e-12));  // 0.6 * 10 K approach
  CHECK(hot.fan_power_w == Approx(0.02e6));
}

TEST_CASE("dry cooler: adiabatic pre-cooling and its water", "[dry_cooler]") {
  const DryCooler d(dry(1.0e6, true));
  const double m = d.design_water_flow_kg_s();
  // 35 degC dry bulb, 22 degC wet bulb, pads 0.7: air at 35 - 0.7 * 13 = 25.9 degC.
  CHECK(d.air_inlet_temp_c(35.0, 22.0) == Approx(25.9));
  CHECK(d.achievable_leaving_temp_c(1.0e6, 35.0, 22.0, m) == Approx(35.9).epsilon(1e-12));
  const auto op = d.operate(1.0e6, 35.0, 22.0, m, 20.0);  // fans flat out
  REQUIRE(op.adiabatic_on);
  // Air 1 MW / (1006 * 10 K) = 99.40 kg/s cooled 9.1 K: 99.40 * 1006 * 9.1 / h_fg(25.9) / 0.8
  // = 909 999 W / 2.4399e6 J/kg / 0.8 = 0.4662 kg/s with h_fg(25.9) = 2.4399 MJ/kg.
  const double air = 1.0e6 / (1006.0 * 10.0);
  CHECK(op.adiabatic_water_kg_s == Approx(air * 1006.0 * 9.1 / (2.501e6 - 2361.0 * 25.9) / 0.8).epsilon(1e-9));
  CHECK(op.adiabatic_water_kg_s == Approx(0.4662).epsilon(1e-3));
  // Below the threshold the pads stay dry.
  const auto cool = d.operate(1.0e6, 20.0, 12.0, m, 20.0);
  CHECK_FALSE(cool.adiabatic_on);
  CHECK(cool.adiabatic_water_kg_s == 0.0);
  CHECK(cool.air_inlet_temp_c == 20.0);
}

TEST_CASE("dry cooler: failed units and validation", "[dry_cooler]") {
  auto p = dry(1.0e6);
  p.unit_count = 4;
  const DryCooler d(p);
  const double m = d.design_water_flow_kg_s();
  CHECK(d.achievable_leaving_temp_c(0.5e6, 10.0, 5.0, m, 2) > d.achievable_leaving_temp_c(0.5e6, 10.0, 5.0, m, 4));
  CHECK(std::isinf(d.achievable_leaving_temp_c(0.5e6, 10.0, 5.0, m, 0)));
  p.design_air_rise_k = 20.0;  // above approach + range: not a counterflow exchanger
  CHECK_THROWS_WITH(DryCooler(p), Catch::Matchers::Contains("20"));
}
