// The coupled facility built directly in C++ (no YAML): limit cases whose answer is known by hand.
#include <catch2/catch.hpp>

#include <cmath>
#include <string>

#include "models/facility.hpp"
#include "models/fluid_machine.hpp"
#include "models/psychrometrics.hpp"
#include "tests/support/facility_fixture.hpp"

using namespace dcsim;
using namespace dcsim::models;
using namespace dcsim::test;

namespace {

constexpr double kRackCapacityJPerK = 350e3;

// Ten liquid-cooled racks (80 % into liquid), one plant of dry coolers only (no chillers) serving the
// liquid loop and the CRAH coils, in cold constant weather so that the plant runs free.
FacilityConfig small_facility(double utilization, double idle_power_w) {
  FacilityConfig f;
  f.name = "small";
  f.length = sim::hours(4);
  f.record_interval = sim::minutes(1);
  f.weather = constant_weather(5.0, 0.0);
  RackGroupConfig g;
  g.name = "gpu";
  g.rack.rack_count = 10;
  g.rack.idle_power_w = idle_power_w;
  g.rack.peak_power_w = 20e3;
  g.rack.fans.power_share = 0.0;  // IT heat independent of the inlet temperature
  g.rack.liquid_capture_share = 0.8;
  g.rack.heat_capacity_j_per_k = kRackCapacityJPerK;
  g.utilization.constant = utilization;
  f.groups.push_back(g);
  f.liquid_loops.emplace_back();
  f.liquid_loops[0].min_flow_fraction = 0.2;
  f.liquid_loops[0].coolant_volume_m3 = 2.0;
  f.liquid_loops[0].pump.design_pressure_pa = 200e3;
  f.liquid_loops[0].pump.efficiency = 0.75;
  f.liquid_loops[0].pump.min_speed_fraction = 0.3;
  f.liquid_loops[0].pump.unit_count = 2;
  f.halls[0].unit_count = 4;
  f.halls[0].unit_capacity_w = 30e3;
  f.halls[0].room_volume_m3 = 1000.0;
  f.halls[0].fans.design_flow_m3_s = 4.0;  // each of 4 units
  f.halls[0].fans.design_pressure_pa = 685.0;
  f.halls[0].fans.efficiency = 0.83;
  f.halls[0].fans.min_speed_fraction = 0.3;
  f.halls[0].fans.unit_count = 4;
  PlantConfig p;
  p.name = "dry";
  DryCoolerParams d;
  d.design_heat_w = 400e3;
  d.unit_count = 2;
  d.design_dry_bulb_c = 35.0;
  d.design_approach_k = 10.0;
  p.params.rejection = {dry_cooler_bank("1", d)};
  p.economizer.rejection_approach_k = d.design_approach_k;
  p.min_flow_fraction = 0.2;
  p.pump.design_pressure_pa = 150e3;
  p.pump.efficiency = 0.75;
  p.pump.min_speed_fraction = 0.3;
  p.pump.unit_count = 2;
  f.plants.push_back(p);
  f.power.transformer.rated_power_w = 500e3;
  f.power.ups.module_rated_power_w = 250e3;
  f.power.ups.modules_required = 1;
  f.power.lighting_w = 2e3;
  return f;
}

// Value of a channel at the sample taken at time t_s.
double at(const FacilityResult& r, const std::string& name, double t_s) {
  const auto& times = r.recorder.times_s();
  for (std::size_t i = 0; i < times.size(); ++i) {
    if (std::fabs(times[i] - t_s) < 1e-6) return channel(r, name)[i];
  }
  FAIL("no sample at " << t_s << " s");
  return 0;
}

}  // namespace

TEST_CASE("losing all coolant flow makes the chips heat at Q/C", "[facility]") {
  FacilityConfig f = small_facility(0.6, 6e3);
  f.liquid_loops[0].pump_outages.push_back({sim::hours(2), sim::kTimeMax, 2});  // both pumps out
  Facility fac(f, single_loop_graph(f));
  const FacilityResult r = fac.run();
  // Q into the liquid = 0.8 P, C of the chip nodes = 0.8 N c_rack: dT/dt = P / (N c_rack).
  const double p_w = at(r, "gpu.power_kw", 7200.0 + 600.0) * 1e3;
  CHECK(p_w == Approx(10 * (6e3 + 0.6 * 14e3)).epsilon(1e-12));
  const double expected_k_per_s = p_w / (10 * kRackCapacityJPerK);
  const double t1 = 7200.0 + 600.0, t2 = 7200.0 + 2400.0;
  const double slope = (at(r, "gpu.equipment_c", t2) - at(r, "gpu.equipment_c", t1)) / (t2 - t1);
  CHECK(slope == Approx(expected_k_per_s).epsilon(1e-6));
  // Before the outage the chips were steady (the loop carried the heat away).
  const double before = (at(r, "gpu.equipment_c", 7200.0 - 60.0) - at(r, "gpu.equipment_c", 7200.0 - 1260.0)) / 1200.0;
  CHECK(std::fabs(before) < 0.02 * expected_k_per_s);
  // The outage is in the event log, and no pump power is drawn while every pump is out.
  bool logged = false;
  for (const auto& e : r.recorder.events()) logged = logged || (e.kind == "failure" && e.component == "cooling.liquid.pump");
  CHECK(logged);
  // Standing coolant still closes the energy balance: the chips store what they no longer give away.
  CHECK(std::fabs(r.heat_balance_residual_j) < 1e-6 * r.total.facility_j());
}

TEST_CASE("one coolant pump out of two: the survivor carries the flow at four times the power", "[facility]") {
  // 10 racks at 6 + 0.2 x 14 kW: 70.4 kW into the liquid, 44 % of the 160 kW design flow. Two pumps
  // share it at 44 % speed; one alone runs at 88 %: k s^3 with s = V / (k V_d) gives 4x the power.
  FacilityConfig f = small_facility(0.2, 6e3);
  const FacilityResult base = Facility(f, single_loop_graph(f)).run();
  f.liquid_loops[0].pump_outages.push_back({sim::hours(2), sim::hours(1), 1});
  const FacilityResult r = Facility(f, single_loop_graph(f)).run();
  const double unit_w = (10 * 20e3 * 0.8 / (kWaterCpJPerKgK * 10.0) / kWaterDensityKgPerM3 / 2) * 200e3 / 0.75;
  const double extra_j = (unit_w * std::pow(0.88, 3) - 2 * unit_w * std::pow(0.44, 3)) * 3600.0;
  CHECK(r.total[Use::pumps] - base.total[Use::pumps] == Approx(extra_j).epsilon(0.01));
  // The flow is the same, so the chips see only the extra pump heat (~0.3 % more heat in the loop).
  for (double t : {7200.0 + 600.0, 7200.0 + 3000.0}) {
    CHECK(at(r, "gpu.equipment_c", t) - at(base, "gpu.equipment_c", t) == Approx(0.0).margin(0.05));
  }
  int failures = 0, repairs = 0;
  for (const auto& e : r.recorder.events()) {
    failures += e.kind == "failure";
    repairs += e.kind == "repair";
  }
  CHECK(failures == 1);
  CHECK(repairs == 1);
}

TEST_CASE("zero IT load leaves only the fixed losses, each at its model's figure", "[facility]") {
  // The network starts at design temperatures; the first day lets that stored heat go, and the
  // second (February 1st, a ledger of its own) is steady.
  FacilityConfig f = small_facility(0.0, 0.0);
  f.start = sim::CivilDate{2025, 1, 31};
  f.length = sim::days(2);
  Facility fac(f, single_loop_graph(f));
  const FacilityResult r = fac.run();
  REQUIRE(r.months.size() == 2);
  const EnergyLedger& l = r.months[1];
  const double t = 86400.0;
  REQUIRE(l.duration_s == Approx(t));
  CHECK(l[Use::it] == 0.0);
  CHECK(l[Use::server_fans] == 0.0);
  CHECK(l[Use::pdu_loss] == 0.0);
  CHECK(l[Use::compressors] == 0.0);  // no chiller in the plant
  CHECK(l[Use::heat_pump] == 0.0);
  CHECK(l[Use::lighting] == Approx(2e3 * t).epsilon(1e-12));
  // UPS: its no-load loss (2 modules of 250 kW, N+1, double conversion).
  const double ups_w = 2 * 250e3 * 0.012;  // installed modules x rating x a0
  CHECK(Ups(f.power.ups).loss_w(0.0) == Approx(ups_w));
  CHECK(l[Use::ups_loss] == Approx(ups_w * t).epsilon(1e-12));
  // CRAH fans at minimum speed: one unit of 4 m3/s at 30 % speed, cube law.
  const double fan_w = 4.0 * 685.0 / 0.83 * std::pow(0.3, 3);
  CHECK(l[Use::air_fans] == Approx(fan_w * t).epsilon(1e-9));
  // Pumps at their minimum flow: the coolant pumps and the loop pumps hold 20 % of the design flow of
  // two units, i.e. 40 % of one: with a 30 % minimum speed a single unit runs, at 40 % speed. The dry
  // coolers' water pumps follow the heat that reaches the water, here at their 50 % minimum flow
  // (Lei & Masanet tower pump: 212 kPa, eta 0.72 at design flow; cube law).
  const double liquid_design_m3_s = 10 * 20e3 * 0.8 / (kWaterCpJPerKgK * 10.0) / kWaterDensityKgPerM3;
  const double liquid_pump_w = (liquid_design_m3_s / 2) * 200e3 / 0.75 * std::pow(0.4, 3);
  // Liquid + air design heat (the air side carries lighting, 1 % PDU loss of the IT peak and the UPS
  // loss at the IT peak).
  const double plant_design_w = 10 * 20e3 * 0.8 + (10 * 20e3 * 0.2 + 2e3 + 0.01 * 10 * 20e3 + Ups(f.power.ups).loss_w(10 * 20e3));
  const double loop_design_m3_s = plant_design_w / (kWaterCpJPerKgK * 6.0) / kWaterDensityKgPerM3;
  const double loop_pump_w = (loop_design_m3_s / 2) * 150e3 / 0.75 * std::pow(0.4, 3);
  const double rejection_flow_m3_s = 400e3 / (kWaterCpJPerKgK * 6.0) / kWaterDensityKgPerM3;  // design range 6 K
  const double rejection_pump_w = rejection_flow_m3_s * 212e3 / 0.72 * std::pow(0.5, 3);
  CHECK(l[Use::pumps] == Approx((liquid_pump_w + loop_pump_w + rejection_pump_w) * t).epsilon(1e-6));
  // Dry-cooler fans at minimum speed: P_d s_min^3, P_d = 2 % of the 400 kW design heat.
  const double dc_fan_w = 0.02 * 400e3 * std::pow(0.2, 3);
  CHECK(l[Use::heat_rejection_fans] == Approx(dc_fan_w * t).epsilon(1e-6));
  // Transformer: no-load loss plus the load loss of what it carries (all of the above).
  const double inside_w = ups_w + 2e3 + fan_w + liquid_pump_w + loop_pump_w + rejection_pump_w + dc_fan_w;
  const double trafo_w = 500e3 * (0.0025 + 0.01 * std::pow(inside_w / 500e3, 2));
  CHECK(l[Use::transformer_loss] == Approx(trafo_w * t).epsilon(1e-6));
  CHECK(l.facility_j() == Approx(inside_w * t + trafo_w * t).epsilon(1e-6));
}

TEST_CASE("server fans of the ite model: a warmer supply means more fan energy and a cooler hot aisle", "[facility][ite]") {
  // Eight 10 kW air-cooled racks, fans 10 % of peak at the 20 degC design inlet, EnergyPlus's default
  // flow curve (+10 % of design flow per kelvin); the hall supplies 18 or 27 degC air.
  const auto run_at = [](double supply_c, ServerFanModel model) {
    Rig f = base(sim::days(1));
    f.groups.push_back(group("srv", 8, 0.0));
    f.groups[0].rack.fans.model = model;
    f.groups[0].rack.fans.power_share = 0.1;
    f.groups[0].rack.fans.reference_inlet_temp_c = 20.0;
    f.halls[0].supply_temp_c = supply_c;
    f.plants.push_back(dry_plant("air"));
    return run(f);
  };
  const FacilityResult cool = run_at(18.0, ServerFanModel::ite);
  const FacilityResult warm = run_at(27.0, ServerFanModel::ite);
  const FacilityResult ramp = run_at(27.0, ServerFanModel::speed_ramp);
  const double inlet_cool = last(cool, "it_inlet_c"), inlet_warm = last(warm, "it_inlet_c");
  REQUIRE(inlet_warm > inlet_cool + 7.0);
  // Server fans: 8 kW x F(T) with F = 1 + 0.1 (T - 20), capped at 2 (below the design inlet the flow
  // falls: 0.1 of design per kelvin).
  const double f_warm = std::min(2.0, 1.0 + 0.1 * (inlet_warm - 20.0));
  CHECK(last(warm, "srv.power_kw") == Approx(72.0 + 8.0 * f_warm).epsilon(1e-3));
  CHECK(warm.total[Use::server_fans] > 1.5 * cool.total[Use::server_fans]);
  // The CRAH units move the servers' larger flow: more CRAH fan energy for less heat per kilogram.
  CHECK(warm.total[Use::air_fans] > 1.3 * cool.total[Use::air_fans]);
  // The servers' air rises less through faster fans (heat / flow: 86 kW / 1.8 against 80 kW / 1.03 of
  // design flow), seen in the hot aisle less the inlet (which bypass air and the structure also move).
  const double rise_cool = last(cool, "hot_aisle_c") - inlet_cool, rise_warm = last(warm, "hot_aisle_c") - inlet_warm;
  const double rise_ramp = last(ramp, "hot_aisle_c") - last(ramp, "it_inlet_c");
  CHECK(rise_warm < 0.85 * rise_cool);
  // The speed-ramp model (4 % speed per kelvin) speeds up less at the same supply: a warmer hot aisle,
  // yet cooler than at the fixed 12 K design rise.
  CHECK(rise_warm < rise_ramp - 1.0);
  CHECK(rise_ramp < 12.0);
  // All of it still closes the heat balance.
  for (const FacilityResult* r : {&cool, &warm, &ramp}) CHECK(std::fabs(r->heat_balance_residual_j) < 1e-6 * r->total.facility_j());
}
