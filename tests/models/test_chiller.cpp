#include <catch2/catch.hpp>

#include <cmath>

#include "models/chiller.hpp"
#include "models/fluid_machine.hpp"
#include "sim/check.hpp"

using namespace dcsim::models;

TEST_CASE("chiller: COP 5.5 at the reference point and full load", "[chiller][published]") {
  const Chiller ch(water_cooled_chiller(1.0e6));
  // By hand: CAPFT(6.67, 29.4) = 1.00334 and EIRFT(6.67, 29.4) = 0.99909 (the published fits are
  // normalised to within 0.1 % at the reference point); EIRFPLR(1) = 1.000000.
  CHECK(ch.available_capacity_w(6.67, 29.4) == Approx(1.00334e6).epsilon(1e-4));
  const auto op = ch.operate(ch.available_capacity_w(6.67, 29.4), 6.67, 29.4);
  CHECK(op.plr == Approx(1.0));
  CHECK(op.cop == Approx(5.5).epsilon(2e-3));
  CHECK(op.cop == Approx(5.5 / 0.999088).epsilon(1e-5));
  CHECK_FALSE(op.curve_clamped);
  CHECK_FALSE(op.carnot_capped);
}

TEST_CASE("chiller: COP rises with warmer chilled water and colder condenser water", "[chiller]") {
  const Chiller ch(water_cooled_chiller(1.0e6));
  const double load = 0.8e6;
  double prev = 0.0;
  for (double x = 5.0; x <= 10.0; x += 0.5) {
    const double cop = ch.operate(load, x, 29.4).cop;
    CHECK(cop > prev);
    prev = cop;
  }
  prev = 0.0;
  for (double y = 35.0; y >= 24.0; y -= 1.0) {
    const double cop = ch.operate(load, 6.67, y).cop;
    CHECK(cop > prev);
    prev = cop;
  }
}

TEST_CASE("chiller: energy balance and never above Carnot over a wide grid", "[chiller]") {
  for (auto params : {water_cooled_chiller(5.0e5), air_cooled_chiller(5.0e5)}) {
    const Chiller ch(params);
    for (double x = -2.0; x <= 25.0; x += 3.0) {
      for (double y = -10.0; y <= 60.0; y += 5.0) {
        for (double f : {0.03, 0.1, 0.3, 0.7, 1.0, 1.4}) {
          const auto op = ch.operate(f * 5.0e5, x, y);
          CHECK(op.condenser_heat_w == Approx(op.cooling_w + op.power_w).epsilon(1e-12));
          CHECK(op.cooling_w + op.unmet_w == Approx(f * 5.0e5).epsilon(1e-12));
          const double t_cond = params.condenser == CondenserKind::water
                                    ? op.leaving_condenser_c + params.condenser_approach_k
                                    : op.leaving_condenser_c;
          CHECK(op.cop <= carnot_cooling_cop(x - params.evaporator_approach_k, t_cond) * (1.0 + 1e-9));
        }
      }
    }
  }
}

TEST_CASE("chiller: a COP beyond Carnot is capped and flagged", "[chiller]") {
  auto p = water_cooled_chiller(1.0e6);
  p.cop_ref = 12.0;  // impossible at 6.67 / 35 degC: the lift is about 38 K, Carnot about 7.3
  const Chiller ch(p);
  const auto op = ch.operate(0.9e6, 6.67, 35.0);
  REQUIRE(op.carnot_capped);
  const double m = ch.condenser_flow_kg_s();
  const double t_cond_c = 35.0 + op.condenser_heat_w / (m * kWaterCpJPerKgK) + 2.0;
  CHECK(op.cop == Approx(carnot_cooling_cop(6.67 - 2.0, t_cond_c)).epsilon(1e-9));
  CHECK(op.cop < 8.0);
}

TEST_CASE("chiller: inputs outside the curve range are clamped and flagged", "[chiller]") {
  const Chiller ch(water_cooled_chiller(1.0e6));
  CHECK_FALSE(ch.operate(5e5, 7.0, 30.0).curve_clamped);
  CHECK(ch.operate(5e5, 4.0, 30.0).curve_clamped);
  CHECK(ch.operate(5e5, 12.0, 30.0).curve_clamped);
  CHECK(ch.operate(5e5, 7.0, 20.0).curve_clamped);
  CHECK(ch.operate(5e5, 7.0, 40.0).curve_clamped);
  // Past the range a hotter condenser still costs more (Carnot-ratio extrapolation) ...
  CHECK(ch.operate(5e5, 7.0, 40.0).cop < ch.operate(5e5, 7.0, 35.0).cop);
  // ... and colder water than the fit's edge earns no credit.
  CHECK(ch.operate(5e5, 7.0, 15.0).cop == Approx(ch.operate(5e5, 7.0, 24.0).cop).epsilon(1e-12));
}

TEST_CASE("chiller: below the minimum part-load ratio the compressor cycles", "[chiller]") {
  const Chiller ch(water_cooled_chiller(1.0e6));
  const double cap = ch.available_capacity_w(6.67, 29.4);
  const auto at_min = ch.operate(0.1 * cap, 6.67, 29.4);
  const auto half_min = ch.operate(0.05 * cap, 6.67, 29.4);
  CHECK_FALSE(at_min.cycling);
  CHECK(half_min.cycling);
  // On half the time at PLR_min: half the power, same COP.
  CHECK(half_min.power_w == Approx(0.5 * at_min.power_w).epsilon(1e-12));
  // EIRFPLR(0.1) = 0.222903 + 0.0313387 + 0.0046371 = 0.2588788: P = Q_ref/5.5 * CAPFT * EIRFT * 0.2589
  CHECK(at_min.power_w == Approx(1.0e6 / 5.5 * 1.00334 * 0.999088 * 0.2588788).epsilon(1e-4));
  CHECK(ch.operate(0.0, 6.67, 29.4).power_w == 0.0);
}

TEST_CASE("chiller: load above capacity is reported unmet", "[chiller]") {
  const Chiller ch(water_cooled_chiller(1.0e6));
  const double cap = ch.available_capacity_w(7.0, 30.0);
  const auto op = ch.operate(2.0e6, 7.0, 30.0);
  CHECK(op.cooling_w == Approx(cap));
  CHECK(op.unmet_w == Approx(2.0e6 - cap));
  CHECK(op.plr == Approx(1.0));
}

TEST_CASE("chiller: air-cooled Carnot-fraction model", "[chiller]") {
  const Chiller ch(air_cooled_chiller(5.0e5));
  // Rating: 7 degC water, 35 degC air: COP 3.0 at full load (EIRFPLR(1) = 1).
  CHECK(ch.operate(5.0e5, 7.0, 35.0).cop == Approx(3.0).epsilon(1e-9));
  // 45 degC air: T_e = 5 degC, T_c = 57 degC, lift 52 K instead of 42 K: COP = 3.0 * 42 / 52 = 2.423.
  CHECK(ch.operate(5.0e5, 7.0, 45.0).cop == Approx(3.0 * 42.0 / 52.0).epsilon(1e-9));
  // 5 degC air: head-pressure control keeps T_c at 25 degC, lift 20 K: COP = 3.0 * 42 / 20 = 6.3.
  CHECK(ch.operate(5.0e5, 7.0, 5.0).cop == Approx(6.3).epsilon(1e-9));
  CHECK_FALSE(ch.operate(5.0e5, 7.0, 45.0).curve_clamped);
}

TEST_CASE("chiller: parameters are validated", "[chiller]") {
  CHECK_THROWS_WITH(Chiller(water_cooled_chiller(-5.0)), Catch::Matchers::Contains("-5"));
  auto p = air_cooled_chiller(1e5);
  p.cop_ref = 8.0;  // above the Carnot COP (6.6) at the rating point
  CHECK_THROWS_AS(Chiller(p), dcsim::ParameterError);
}
