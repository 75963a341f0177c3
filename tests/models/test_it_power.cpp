// IT rack groups: power curves against hand calculations, the fan rise with inlet temperature
// against the affinity law, heat split conservation and parameter checks.
#include <catch2/catch.hpp>
#include <string>

#include "models/it_power.hpp"
#include "sim/check.hpp"

using namespace dcsim::models;
using Catch::Matchers::WithinRel;

namespace {
RackGroupParams ten_racks() {
  RackGroupParams p;
  p.rack_count = 10;
  p.idle_power_w = 4000.0;
  p.peak_power_w = 10000.0;
  return p;
}
std::string error_of(const RackGroupParams& p) {
  try {
    RackGroup g(p);
  } catch (const dcsim::ParameterError& e) {
    return e.what();
  }
  return "";
}
}  // namespace

TEST_CASE("Linear power curve: P = P_idle + (P_peak - P_idle) u per rack", "[it_power]") {
  const RackGroup g(ten_racks());
  // 10 racks at u = 0.3 and 20 degC inlet (below T_ref): 10 * (4000 + 6000 * 0.3) = 58 000 W.
  CHECK_THAT(g.evaluate(0.3, 20.0).power_w, WithinRel(58000.0, 1e-12));
  CHECK_THAT(g.evaluate(0.0, 20.0).power_w, WithinRel(40000.0, 1e-12));
  CHECK_THAT(g.evaluate(1.0, 25.0).power_w, WithinRel(100000.0, 1e-12));
}

TEST_CASE("Power-law curve: f(u) = u^k", "[it_power]") {
  RackGroupParams p = ten_racks();
  p.curve = PowerCurve::kPowerLaw;
  p.exponent = 0.5;
  const RackGroup g(p);
  // u = 0.25, k = 0.5: f = 0.5, so 4000 + 3000 = 7000 W per rack.
  CHECK_THAT(g.rack_power_ref_w(0.25), WithinRel(7000.0, 1e-12));
  // Concave curve lies above the linear one inside (0, 1), meets it at the ends.
  CHECK(g.dynamic_fraction(0.6) > 0.6);
  CHECK(g.dynamic_fraction(0.0) == 0.0);
  CHECK(g.dynamic_fraction(1.0) == 1.0);
}

TEST_CASE("Table curve interpolates linearly between points", "[it_power]") {
  RackGroupParams p = ten_racks();
  p.curve = PowerCurve::kTable;
  // A concave SPECpower-like shape.
  p.table = {{0.0, 0.0}, {0.1, 0.25}, {0.5, 0.7}, {1.0, 1.0}};
  const RackGroup g(p);
  CHECK_THAT(g.dynamic_fraction(0.1), WithinRel(0.25, 1e-12));
  // Halfway between (0.1, 0.25) and (0.5, 0.7): 0.475.
  CHECK_THAT(g.dynamic_fraction(0.3), WithinRel(0.475, 1e-12));
  // Between (0.5, 0.7) and (1, 1) at 0.75: 0.85; rack power 4000 + 6000 * 0.85 = 9100 W.
  CHECK_THAT(g.rack_power_ref_w(0.75), WithinRel(9100.0, 1e-12));
  double last = -1.0;
  for (int i = 0; i <= 100; ++i) {
    const double f = g.dynamic_fraction(i / 100.0);
    CHECK(f >= last);
    last = f;
  }
}

TEST_CASE("Server fans follow the cube law above the reference inlet temperature", "[it_power]") {
  const RackGroup g(ten_racks());  // fan share 0.05, T_ref 25, 0.04 /K, cap 2
  const double ref = g.evaluate(1.0, 25.0).power_w;
  CHECK(g.evaluate(1.0, 15.0).power_w == ref);  // no change below T_ref
  // 35 degC: r = 1 + 0.04 * 10 = 1.4; factor 0.95 + 0.05 * 1.4^3 = 1.0872.
  CHECK_THAT(g.evaluate(1.0, 35.0).power_w, WithinRel(ref * 1.0872, 1e-12));
  CHECK_THAT(g.evaluate(1.0, 35.0).fan_power_w, WithinRel(ref * 0.05 * 2.744, 1e-12));
  // 60 degC would need r = 2.4: capped at 2, factor 0.95 + 0.05 * 8 = 1.35.
  CHECK_THAT(g.evaluate(1.0, 60.0).power_w, WithinRel(ref * 1.35, 1e-12));
  CHECK(g.fan_speed_ratio(60.0) == 2.0);
  double last = 0.0;
  for (double t = 10.0; t <= 50.0; t += 1.0) {
    const double w = g.evaluate(0.5, t).power_w;
    CHECK(w >= last);
    last = w;
  }
}

TEST_CASE("All IT power becomes heat, split by the liquid capture share", "[it_power]") {
  RackGroupParams p = ten_racks();
  p.liquid_capture_share = 0.95;  // full-coverage cold plates
  const RackGroup g(p);
  for (double t : {20.0, 32.0, 45.0}) {
    const RackGroupPower s = g.evaluate(0.7, t);
    CHECK_THAT(s.heat_to_liquid_w + s.heat_to_air_w, WithinRel(s.power_w, 1e-14));
    CHECK_THAT(s.heat_to_liquid_w, WithinRel(0.95 * s.power_w, 1e-14));
  }
  CHECK(RackGroup(ten_racks()).evaluate(0.5, 20.0).heat_to_liquid_w == 0.0);  // default air only
}

TEST_CASE("Rack group heat capacity and energy per unit of work", "[it_power]") {
  RackGroupParams p = ten_racks();
  CHECK_THAT(RackGroup(p).heat_capacity_j_per_k(), WithinRel(10 * 700.0 * 500.0, 1e-12));
  CHECK_FALSE(RackGroup(p).energy_per_work_j(RackGroup(p).evaluate(1.0, 20.0)).has_value());
  p.work_rate_at_full_per_s = 1000.0;  // e.g. requests per second per rack
  const RackGroup g(p);
  // u = 0.5: 10 racks * 7000 W = 70 kW for 10 * 500 = 5000 work/s, so 14 J per unit of work.
  const RackGroupPower s = g.evaluate(0.5, 20.0);
  CHECK_THAT(s.work_rate_per_s, WithinRel(5000.0, 1e-12));
  CHECK_THAT(*g.energy_per_work_j(s), WithinRel(14.0, 1e-12));
  // Idle power makes work cheaper at full load: 100 kW / 10 000 = 10 J.
  CHECK_THAT(*g.energy_per_work_j(g.evaluate(1.0, 20.0)), WithinRel(10.0, 1e-12));
  CHECK_FALSE(g.energy_per_work_j(g.evaluate(0.0, 20.0)).has_value());
}

TEST_CASE("Rack group parameters are checked and echoed", "[it_power]") {
  RackGroupParams p = ten_racks();
  p.idle_power_w = 12000.0;
  CHECK(error_of(p).find("got 10000") != std::string::npos);
  p = ten_racks();
  p.liquid_capture_share = 1.2;
  CHECK(error_of(p).find("liquid_capture_share must be in [0, 1] (got 1.2)") != std::string::npos);
  p = ten_racks();
  p.rack_count = 0;
  CHECK(error_of(p).find("rack_count") != std::string::npos);
  p = ten_racks();
  p.curve = PowerCurve::kPowerLaw;
  p.exponent = 0.0;
  CHECK(error_of(p).find("exponent") != std::string::npos);
  p = ten_racks();
  p.curve = PowerCurve::kTable;
  p.table = {{0.0, 0.0}, {0.8, 1.0}};
  CHECK(error_of(p).find("must end at utilization 1 (got 0.8)") != std::string::npos);
  p.table = {{0.0, 0.0}, {0.5, 0.6}, {0.4, 0.7}, {1.0, 1.0}};
  CHECK(error_of(p).find("increase strictly") != std::string::npos);
  p.table = {{0.0, 0.0}, {0.5, 0.6}, {0.7, 0.5}, {1.0, 1.0}};
  CHECK(error_of(p).find("must not decrease") != std::string::npos);
  p = ten_racks();
  p.work_rate_at_full_per_s = -1.0;
  CHECK(error_of(p).find("work_rate_at_full_per_s") != std::string::npos);
  CHECK(error_of(ten_racks()).empty());
  CHECK_THROWS_AS(RackGroup(ten_racks()).evaluate(1.5, 20.0), dcsim::ParameterError);
}
