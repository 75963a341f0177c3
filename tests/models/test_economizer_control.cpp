#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <numbers>
#include <random>

#include "models/economizer_control.hpp"
#include "sim/check.hpp"

using namespace dcsim::models;

// Chilled water 18 / 30 degC; Lei & Masanet approaches 6.34 + 2.29 = 8.63 K.
TEST_CASE("economizer: the three regimes of Lei & Masanet", "[economizer]") {
  // WB 5: 13.63 <= 18 free; WB 12: 20.63 partial, share (30 - 20.63) / 12 = 0.7808; WB 25: 33.63 mechanical.
  const EconomizerParams p;
  EconomizerController c(p);
  CHECK(free_cooling_fraction(c.free_water_temp_c(5.0), 18.0, 30.0) == 1.0);
  CHECK(free_cooling_fraction(c.free_water_temp_c(12.0), 18.0, 30.0) == Approx(9.37 / 12.0));
  CHECK(free_cooling_fraction(c.free_water_temp_c(25.0), 18.0, 30.0) == 0.0);
  CHECK(EconomizerController(p).decide(0.0, 5.0, 18.0, 30.0) == EconomizerMode::free);
  CHECK(EconomizerController(p).decide(0.0, 12.0, 18.0, 30.0) == EconomizerMode::partial);
  CHECK(EconomizerController(p).decide(0.0, 25.0, 18.0, 30.0) == EconomizerMode::mechanical);
  auto no_partial = p;
  no_partial.partial_allowed = false;
  CHECK(EconomizerController(no_partial).decide(0.0, 12.0, 18.0, 30.0) == EconomizerMode::mechanical);
}

TEST_CASE("economizer: hysteresis and dwell stop chatter on a noisy ambient", "[economizer]") {
  // Wet bulb oscillating +-0.3 K with +-0.3 K uniform noise around the free-cooling threshold
  // 18 - 8.63 = 9.37 degC, sampled every minute for two days.
  auto run = [](double hysteresis_k, double dwell_s) {
    EconomizerParams p;
    p.hysteresis_k = hysteresis_k;
    p.min_dwell_s = dwell_s;
    EconomizerController c(p);
    std::mt19937_64 rng(42);
    for (int i = 0; i < 2 * 1440; ++i) {
      const double t_s = 60.0 * i;
      const double u = static_cast<double>(rng() >> 11) * 0x1.0p-53;  // uniform [0, 1)
      const double wb = 9.37 + 0.3 * std::sin(2.0 * std::numbers::pi * t_s / 1800.0) + 0.6 * (u - 0.5);
      c.decide(t_s, wb, 18.0, 30.0);
    }
    return c.change_count();
  };
  const int naive = run(0.0, 0.0);
  const int controlled = run(1.0, 900.0);
  CHECK(naive > 100);
  CHECK(controlled <= 2);
}

TEST_CASE("economizer: minimum dwell between changes, overheat escapes at once", "[economizer]") {
  EconomizerParams p;
  p.hysteresis_k = 0.5;
  p.min_dwell_s = 900.0;
  EconomizerController c(p);
  REQUIRE(c.decide(0.0, 5.0, 18.0, 30.0) == EconomizerMode::free);
  CHECK(c.next_allowed_change_s() == 900.0);
  // Free water 18.3 degC misses the 18 degC set point by less than the band: wait for the dwell.
  CHECK(c.decide(60.0, 18.3 - 8.63, 18.0, 30.0) == EconomizerMode::free);
  CHECK(c.decide(899.0, 18.3 - 8.63, 18.0, 30.0) == EconomizerMode::free);
  CHECK(c.decide(900.0, 18.3 - 8.63, 18.0, 30.0) == EconomizerMode::partial);
  // Back to a freer mode needs the band and the dwell.
  CHECK(c.decide(1000.0, 17.8 - 8.63, 18.0, 30.0) == EconomizerMode::partial);  // band not beaten
  CHECK(c.decide(1100.0, 5.0, 18.0, 30.0) == EconomizerMode::partial);          // dwell not over
  CHECK(c.decide(1800.0, 5.0, 18.0, 30.0) == EconomizerMode::free);
  // Free water 20 degC misses the set point by more than the band: leave free cooling now.
  CHECK(c.decide(1860.0, 20.0 - 8.63, 18.0, 30.0) == EconomizerMode::partial);
  CHECK(c.change_count() == 4);
}

TEST_CASE("economizer: parameters are validated", "[economizer]") {
  EconomizerParams p;
  p.min_dwell_s = -5.0;
  CHECK_THROWS_WITH(EconomizerController(p), Catch::Matchers::Contains("-5"));
}
