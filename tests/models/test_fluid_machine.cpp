#include <catch2/catch.hpp>

#include "models/fluid_machine.hpp"
#include "sim/check.hpp"

using namespace dcsim::models;

namespace {
FluidMachineParams fan(double v, double dp, double eta, int n = 1) {
  FluidMachineParams p;
  p.design_flow_m3_s = v;
  p.design_pressure_pa = dp;
  p.efficiency = eta;
  p.unit_count = n;
  return p;
}
}  // namespace

TEST_CASE("fluid machine: P = V dp / eta at the design point", "[fluid_machine]") {
  const FluidMachine m(fan(2.0, 500.0, 0.8));
  // 2 m3/s * 500 Pa / 0.8 = 1250 W
  CHECK(m.design_power_w() == Approx(1250.0).epsilon(1e-12));
  const auto op = m.operate(2.0);
  CHECK(op.power_w == Approx(1250.0).epsilon(1e-12));
  CHECK(op.speed_fraction == Approx(1.0));
  CHECK_FALSE(op.flow_short);
}

TEST_CASE("fluid machine: affinity laws, half flow is one eighth of the power", "[fluid_machine]") {
  const FluidMachine cube(fan(2.0, 500.0, 0.8));
  CHECK(cube.power_w(1.0) == Approx(1250.0 / 8.0).epsilon(1e-12));
  CHECK(cube.power_w(1.5) == Approx(1250.0 * 0.421875).epsilon(1e-12));  // 0.75^3
  auto p = fan(2.0, 500.0, 0.8);
  p.affinity_exponent = 2.0;  // a system with static pressure
  CHECK(FluidMachine(p).power_w(1.0) == Approx(1250.0 / 4.0).epsilon(1e-12));
}

TEST_CASE("fluid machine: below minimum speed the unit runs at minimum speed", "[fluid_machine]") {
  auto p = fan(2.0, 500.0, 0.8);
  p.min_speed_fraction = 0.2;
  const auto op = FluidMachine(p).operate(0.1);  // 5 % of design flow
  CHECK(op.speed_fraction == Approx(0.2));
  CHECK(op.flow_m3_s == Approx(0.4));          // over-delivers
  CHECK(op.power_w == Approx(1250.0 * 0.008));  // 0.2^3
  CHECK(FluidMachine(p).operate(0.0).power_w == 0.0);
}

TEST_CASE("fluid machine: units share the flow and stage down only for minimum speed", "[fluid_machine]") {
  auto p = fan(1.0, 400.0, 0.8, 4);  // 500 W per unit at design
  p.min_speed_fraction = 0.3;
  const FluidMachine m(p);
  const auto all = m.operate(2.0);  // four units at half speed beat two at full: 4 * 500/8 = 250 W
  CHECK(all.units_running == 4);
  CHECK(all.power_w == Approx(250.0));
  const auto few = m.operate(0.5);  // four at 0.125 < 0.3: floor(0.5 / 0.3) = 1 unit at 0.5
  CHECK(few.units_running == 1);
  CHECK(few.power_w == Approx(500.0 * 0.125));
  const auto short_op = m.operate(3.0, 2);  // two units up cannot move 3 m3/s
  CHECK(short_op.flow_short);
  CHECK(short_op.flow_m3_s == Approx(2.0));
  CHECK(short_op.power_w == Approx(1000.0));
  CHECK(m.capacity_m3_s(3) == Approx(3.0));
}

TEST_CASE("fluid machine: constant-speed units stage on until they carry the flow, never short with units idle", "[fluid_machine]") {
  auto p = fan(1.0, 400.0, 0.8, 4);  // 500 W per unit at design
  p.min_speed_fraction = 1.0;        // constant speed: a unit is off or at full speed
  const FluidMachine m(p);
  // 2.1 m3/s: two units would be 5 % short; three run at full speed and over-deliver.
  const auto op = m.operate(2.1);
  CHECK(op.units_running == 3);
  CHECK_FALSE(op.flow_short);
  CHECK(op.flow_m3_s == Approx(3.0));
  CHECK(op.power_w == Approx(1500.0));
  // Exactly two units' worth: two; more than all of them: all four, short.
  CHECK(m.operate(2.0).units_running == 2);
  CHECK(m.operate(4.5).units_running == 4);
  CHECK(m.operate(4.5).flow_short);
  // A minimum speed between: never fewer units than carry the flow at full speed.
  p.min_speed_fraction = 0.6;
  for (double v = 0.1; v <= 4.0; v += 0.05) {
    const auto o = FluidMachine(p).operate(v);
    CHECK(o.flow_m3_s >= v * (1 - 1e-12));
    CHECK_FALSE(o.flow_short);
  }
}

TEST_CASE("fluid machine: Lei & Masanet design figures per kW of IT", "[fluid_machine][published]") {
  // CRAH fan 685 Pa, eta 0.83, air dT 14.8 K: V = 1 kW / (1.2 * 1006 * 14.8) = 0.05597 m3/s,
  // P = 0.05597 * 685 / 0.83 = 46.2 W per kW (the paper quotes about 46 W/kW).
  const double it_w = 1.0e6;
  const FluidMachine crah(fan(flow_for_heat_m3_s(it_w, 14.8, kAirDensityKgPerM3, kAirCpJPerKgK), 685.0, 0.83));
  const double fan_w_per_kw = crah.design_power_w() / (it_w / 1000.0);
  CHECK(fan_w_per_kw > 45.0);
  CHECK(fan_w_per_kw < 47.0);
  // Chilled-water pump 146.5 kPa, eta 0.79, dT 6.9 K: V = 1 kW / (997 * 4186 * 6.9) = 3.47e-5 m3/s,
  // P = 3.47e-5 * 146500 / 0.79 = 6.4 W per kW (6-7 W/kW).
  const FluidMachine pump(fan(flow_for_heat_m3_s(it_w, 6.9, kWaterDensityKgPerM3, kWaterCpJPerKgK), 146.5e3, 0.79));
  const double pump_w_per_kw = pump.design_power_w() / (it_w / 1000.0);
  CHECK(pump_w_per_kw > 6.0);
  CHECK(pump_w_per_kw < 7.0);
}

TEST_CASE("fluid machine: impossible parameters are rejected with the value", "[fluid_machine]") {
  CHECK_THROWS_WITH(FluidMachine(fan(1.0, 100.0, 1.3)), Catch::Matchers::Contains("1.3"));
  CHECK_THROWS_AS(FluidMachine(fan(0.0, 100.0, 0.5)), dcsim::ParameterError);
  auto p = fan(1.0, 100.0, 0.5);
  p.affinity_exponent = 4.0;
  CHECK_THROWS_AS(FluidMachine(p), dcsim::ParameterError);
}
