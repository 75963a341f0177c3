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

namespace {
// EnergyPlus's 1ZoneDataCenterCRAC_wPumpedDXCoolingCoil servers: 100 units of 500 W, fan share 0.4,
// design inlet 15 degC, CPU power proportional to loading (no idle power), its example curves.
RackGroupParams energyplus_servers(bool cpu_curve) {
  RackGroupParams p;
  p.rack_count = 100;
  p.idle_power_w = 0.0;
  p.peak_power_w = 500.0;
  p.fans.model = ServerFanModel::ite;
  p.fans.power_share = 0.4;
  p.fans.reference_inlet_temp_c = 15.0;
  p.fans.max_speed_ratio = 10.0;
  p.fans.airflow = IteCurve{{-1.4, 0.9, 0.0, 0.1, 0.0, 0.0}};
  if (cpu_curve) p.fans.cpu = IteCurve{{-1.0, 1.0, 0.0, 0.06667, 0.0, 0.0}};
  return p;
}
}  // namespace

TEST_CASE("ite fans: flow and fan power from EnergyPlus's default curves", "[it_power][ite]") {
  const RackGroup g(energyplus_servers(false));
  // Fan power 0.4 * 50 kW * F with F = -1.4 + 0.9 u + 0.1 T (G(F) = F): at u = 1, 15/20/25 degC
  // F = 1.0, 1.5, 2.0 and the fans draw 20, 30 and 40 kW; CPU power stays 30 kW without a CPU curve.
  for (const auto& [t, fan_kw] : {std::pair{15.0, 20.0}, {20.0, 30.0}, {25.0, 40.0}}) {
    const RackGroupPower s = g.evaluate(1.0, t);
    CHECK_THAT(s.fan_power_w, WithinRel(fan_kw * 1e3, 1e-9));
    CHECK_THAT(s.power_w - s.fan_power_w, WithinRel(30e3, 1e-12));
    CHECK_THAT(s.air_flow_heat_w, WithinRel(50e3 * fan_kw / 20.0, 1e-9));  // flow in proportion to F
  }
  // Half load at the design inlet: F = 0.55, fans 11 kW, CPU 15 kW.
  CHECK_THAT(g.evaluate(0.5, 15.0).fan_power_w, WithinRel(11e3, 1e-9));
  CHECK_THAT(g.evaluate(0.5, 15.0).power_w, WithinRel(26e3, 1e-9));
  // Fan power rises with inlet temperature at every load, strictly where F is above zero.
  for (double u : {0.1, 0.5, 1.0}) {
    double last = g.evaluate(u, 15.0).fan_power_w;
    for (double t = 16.0; t <= 40.0; t += 1.0) {
      const double w = g.evaluate(u, t).fan_power_w;
      CHECK(w > last);
      last = w;
    }
  }
}

TEST_CASE("ite fans: the year of EnergyPlus's example, ITE power at the mean load and inlet", "[it_power][ite]") {
  // REFERENCE.md section 8: CPU loading by month 1, 0.5, 0.75, 1, 0.25, 0.5, 0.1, 1, 0.25, 0.5, 0.75, 1
  // (mean 0.6333), inlet about 23 degC on average: EnergyPlus reports CPU 1,115.49 GJ and server fans
  // 938.37 GJ a year, 35.37 kW and 29.76 kW. The curves are linear in u and T, so the mean state gives
  // the mean power: CPU 30 kW (u + 0.0667 (T - 15)), fans 20 kW (0.9 u + 0.9 + 0.1 (T - 23)).
  const RackGroup g(energyplus_servers(true));
  const double u = 7.6 / 12.0;
  const RackGroupPower s = g.evaluate(u, 23.0);
  CHECK_THAT(s.power_w - s.fan_power_w, WithinRel(1115.49e9 / 8760 / 3600, 0.02));
  CHECK_THAT(s.fan_power_w, WithinRel(938.37e9 / 8760 / 3600, 0.02));
  CHECK_THAT(s.power_w, WithinRel(65.1e3, 0.02));
  // The CPU curve never drives power below zero (EnergyPlus clamps the curve at 0).
  CHECK(g.evaluate(0.1, -5.0).power_w >= 0.0);
  CHECK(g.evaluate(0.1, -5.0).power_w - g.evaluate(0.1, -5.0).fan_power_w == 0.0);
}

TEST_CASE("ite fans: defaults shifted to the reference inlet, load fraction with idle power", "[it_power][ite]") {
  RackGroupParams p = ten_racks();  // 4 kW idle, 10 kW peak, 25 degC reference
  p.fans.model = ServerFanModel::ite;
  p.fans.power_share = 0.05;
  const RackGroup g(p);
  // At the reference inlet and full load: design flow, design power.
  CHECK_THAT(g.fan_speed_ratio(25.0, 1.0), WithinRel(1.0, 1e-12));
  CHECK_THAT(g.evaluate(1.0, 25.0).power_w, WithinRel(100e3, 1e-12));
  // Idle: load fraction 0.4, F = 0.1 + 0.9 * 0.4 = 0.46, fans 0.05 * 100 kW * 0.46.
  CHECK_THAT(g.fan_speed_ratio(25.0, 0.0), WithinRel(0.46, 1e-12));
  CHECK_THAT(g.evaluate(0.0, 25.0).fan_power_w, WithinRel(2300.0, 1e-9));
  // +10 % of design flow per kelvin, capped at max_speed_ratio 2.
  CHECK_THAT(g.fan_speed_ratio(30.0, 1.0), WithinRel(1.5, 1e-12));
  CHECK(g.fan_speed_ratio(45.0, 1.0) == 2.0);
  CHECK(g.evaluate(1.0, 45.0).fan_power_w == g.evaluate(1.0, 60.0).fan_power_w);
  // Idle in 15 degC air the curve gives 0.46 - 1.0 < 0: the fans hold their minimum, 20 % of design
  // flow, so the servers still move air (and the hall's CRAH flow with them).
  CHECK(g.fan_speed_ratio(15.0, 0.0) == 0.2);
  CHECK(g.evaluate(0.0, 15.0).air_flow_heat_w == Approx(0.2 * 100e3).epsilon(1e-12));
  // Heat split conserved; flow heat in proportion to the flow.
  const RackGroupPower s = g.evaluate(0.7, 28.0);
  CHECK_THAT(s.heat_to_air_w + s.heat_to_liquid_w, WithinRel(s.power_w, 1e-15));
  CHECK_THAT(s.air_flow_heat_w, WithinRel(100e3 * g.fan_speed_ratio(28.0, 0.7), 1e-12));
}

TEST_CASE("speed_ramp fans: the server air flow follows the fan speed", "[it_power]") {
  const RackGroup g(ten_racks());
  // At or below the reference inlet the flow carries the air heat at the design rise.
  CHECK(g.evaluate(0.5, 20.0).air_flow_heat_w == g.evaluate(0.5, 20.0).heat_to_air_w);
  // At 35 degC the fans run 1.4x faster: 1.4 times the flow of the reference power 70 kW.
  CHECK_THAT(g.evaluate(0.5, 35.0).air_flow_heat_w, WithinRel(1.4 * 70e3, 1e-12));
}

TEST_CASE("ite curves are checked at the design point and for their slope", "[it_power][ite]") {
  RackGroupParams p = energyplus_servers(true);
  p.fans.reference_inlet_temp_c = 25.0;  // the example curves give F = 2 there
  CHECK(error_of(p).find("airflow_curve must give 1 (design flow) at full load and the reference inlet 25 degC (got 2") !=
        std::string::npos);
  p = energyplus_servers(true);
  p.fans.airflow = IteCurve{{2.0, 0.9, 0.0, -0.1, 0.0, 0.0}};  // F(1, 15) = 1.4
  CHECK(error_of(p).find("airflow_curve") != std::string::npos);
  p.fans.airflow = IteCurve{{-1.775, 0.9, 0.0, 0.2, -0.005, 0.0}};  // 1 at 15 degC, falls above 20 degC
  CHECK(error_of(p).find("airflow_curve must not fall with inlet temperature") != std::string::npos);
  p = energyplus_servers(true);
  p.fans.fan_power = {0.0, 0.0, 0.5};
  CHECK(error_of(p).find("fan_power_curve must give 1 (design fan power) at design flow (got 0.5)") != std::string::npos);
  p.fans.fan_power = {-1.0, 3.0, -1.0};  // G(1) = 1, falls above F = 1.5
  CHECK(error_of(p).find("fan_power_curve must not fall with flow") != std::string::npos);
  p = energyplus_servers(true);
  p.fans.cpu = IteCurve{{-1.0, 1.0, 0.0, 0.0, 0.0, 0.0}};  // 0 at full load
  CHECK(error_of(p).find("cpu_curve must give 1 (design CPU power)") != std::string::npos);
  CHECK(error_of(energyplus_servers(true)).empty());
}
