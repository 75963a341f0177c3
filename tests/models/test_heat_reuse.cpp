#include <catch2/catch.hpp>

#include "models/fluid_machine.hpp"
#include "models/heat_reuse.hpp"
#include "sim/check.hpp"

using namespace dcsim::models;

namespace {
HeatReuseParams district(bool heat_pump) {
  HeatReuseParams p;  // district 55 / 35 degC, approaches 3 K
  p.capacity_w = 5.0e5;
  p.heat_pump = heat_pump;
  return p;
}
}  // namespace

TEST_CASE("heat reuse: direct exchange from a hot enough loop", "[heat_reuse]") {
  const HeatReuse r(district(false));
  // Loop return 60 >= 55 + 3: direct. Demand 200 kW of 1 MW available, 40 kg/s.
  const auto op = r.operate(1.0e6, 60.0, 40.0, 2.0e5);
  CHECK(op.direct);
  CHECK(op.heat_reused_w == Approx(2.0e5));
  CHECK(op.heat_extracted_w == Approx(2.0e5));
  CHECK(op.heat_pump_power_w == 0.0);
  CHECK(op.leaving_temp_c == Approx(60.0 - 2.0e5 / (40.0 * 4186.0)));
  // Capacity caps the delivery; the exchanger cannot cool the loop below 35 + 3 degC:
  // 5 kg/s * 4186 * (60 - 38) = 460.46 kW < 500 kW capacity.
  CHECK(r.operate(1.0e6, 60.0, 40.0, 9.0e5).heat_reused_w == Approx(5.0e5));
  CHECK(r.operate(1.0e6, 60.0, 5.0, 9.0e5).heat_reused_w == Approx(5.0 * 4186.0 * 22.0));
  // Too cold and no heat pump: nothing.
  CHECK(r.operate(1.0e6, 45.0, 40.0, 2.0e5).heat_reused_w == 0.0);
}

TEST_CASE("heat reuse: heat pump with a Carnot-fraction COP", "[heat_reuse]") {
  const HeatReuse r(district(true));
  // Loop at 35 degC, a very large flow (the evaporator barely cools it): T_hot = 58 degC = 331.15 K,
  // T_cold = 32 degC, lift 26 K: COP = 0.5 * 331.15 / 26 = 6.368.
  const auto op = r.operate(1.0e6, 35.0, 1.0e6, 2.0e5);
  CHECK_FALSE(op.direct);
  CHECK(op.heat_reused_w == Approx(2.0e5));
  CHECK(op.heat_pump_cop == Approx(0.5 * 331.15 / 26.0).epsilon(1e-5));
  CHECK(op.heat_reused_w == Approx(op.heat_extracted_w + op.heat_pump_power_w).epsilon(1e-15));
  // A real flow: the evaporator's leaving water sets T_cold, solved consistently.
  const double flow = 5.0;
  const auto op2 = r.operate(1.0e6, 35.0, flow, 2.0e5);
  const double t_cold_k = 35.0 - op2.heat_extracted_w / (flow * 4186.0) - 3.0 + 273.15;
  CHECK(op2.heat_pump_cop == Approx(0.5 * 331.15 / (331.15 - t_cold_k)).epsilon(1e-9));
  CHECK(op2.heat_pump_cop < op.heat_pump_cop);
  // Little heat available: delivery = available / (1 - 1/COP).
  const auto small = r.operate(5.0e4, 35.0, 1.0e6, 2.0e5);
  CHECK(small.heat_extracted_w == Approx(5.0e4));
  CHECK(small.heat_reused_w == Approx(5.0e4 / (1.0 - 1.0 / small.heat_pump_cop)).epsilon(1e-12));
}

TEST_CASE("heat reuse: parameters are validated", "[heat_reuse]") {
  auto p = district(true);
  p.heat_pump_carnot_efficiency = 1.2;
  CHECK_THROWS_WITH(HeatReuse(p), Catch::Matchers::Contains("1.2"));
  p = district(false);
  p.district_return_temp_c = 70.0;
  CHECK_THROWS_AS(HeatReuse(p), dcsim::ParameterError);
}
