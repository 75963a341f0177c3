// Failures of the redundancy groups equipment declares (Equipment::unit_groups, docs/failures.md):
// what the units up still do, against the equations of each model, and the throttle policy on a loop
// cooled by equipment (Equipment::loop_capacity_w).
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <memory>

#include "models/facility.hpp"
#include "models/immersion_tank.hpp"
#include "models/in_row_cooler.hpp"
#include "models/it_power.hpp"
#include "models/liquid_to_air_cdu.hpp"
#include "models/rear_door.hpp"
#include "tests/support/facility_fixture.hpp"

using namespace dcsim;
using namespace dcsim::models;
using namespace dcsim::test;

namespace {

// `units` units of equipment 0's unit group `unit_group` out from `at` to the end of the period.
ComponentFailures outage(const std::string& name, int units, sim::Time at = 0, std::size_t unit_group = 0) {
  ComponentFailures c;
  c.name = name;
  c.target = FailureTarget::equipment_units;
  c.equipment = 0;
  c.unit_group = unit_group;
  c.scheduled.push_back({at, sim::kTimeMax, units, OutageKind::failure, ""});
  return c;
}

std::size_t count_events(const FacilityResult& r, const std::string& kind) {
  const auto& ev = r.recorder.events();
  return static_cast<std::size_t>(std::count_if(ev.begin(), ev.end(), [&](const auto& e) { return e.kind == kind; }));
}

// 100 kW of racks cooled by four 40 kW in-row units; the hall's one CRAH unit carries 34 kW at most
// (its fans, sized for the room's racks, UPS, PDU and lighting heat, move 30 % of that at least).
Rig in_row_hall() {
  Rig f = base(sim::days(2));
  f.groups.push_back(group("row", 10, 0.0));
  f.halls[0].unit_count = 1;
  f.halls[0].unit_capacity_w = 34e3;
  f.plants.push_back(dry_plant("water"));
  InRowCoolerParams p;
  p.units = 4;
  p.unit_capacity_w = 40e3;
  p.fan_power_w = 0.0;
  f.add_equipment({.type = "in_row", .name = "in-row", .make = [p] { return std::make_unique<InRowCoolers>(p); }},
                  {.side = EquipmentPorts::Side::room, .groups = {0}, .plant = 0, .hall = 0});
  return f;
}

}  // namespace

TEST_CASE("an in-row unit down: the units up move (k/N) m_d, take less, and the hall's inlet warms", "[equipment][failures][in_row]") {
  const Rig ok = in_row_hall();
  Rig bad = ok;
  bad.failures.push_back(outage("cooling.equipment[in-row].units", 1, sim::hours(1)));
  const FacilityResult r0 = run(ok), r1 = run(bad);
  REQUIRE(last(r1, "units_up.cooling.equipment_in-row_.units") == 3.0);
  const double m_d_cp = 100e3 / ok.halls[0].server_delta_t_k;  // design air of the units, W/K (airflow ratio 1)
  // The units up move three quarters of the design air and take m c_p (T_hot - T_supply) of it.
  const double q0 = last(r0, "equipment.in-row.heat_removed_kw") * 1e3, q1 = last(r1, "equipment.in-row.heat_removed_kw") * 1e3;
  CHECK(q1 == Approx(0.75 * m_d_cp * (last(r1, "hot_aisle_c") - last(r1, "equipment.in-row.supply_air_c"))).epsilon(2e-3));
  CHECK(q1 <= 3 * 40e3);
  // They take less, although the hot aisle is warmer: what they leave stays in the hall's air. The CRAH
  // unit (34 kW) cannot take it all: its supply air rises above the set point, and with it the IT inlet.
  CHECK(q1 < q0);
  CHECK(last(r1, "hot_aisle_c") > last(r0, "hot_aisle_c") + 2.0);
  CHECK(last(r0, "supply_air_c") == Approx(ok.halls[0].supply_temp_c).margin(1e-6));
  CHECK(last(r1, "supply_air_c") > ok.halls[0].supply_temp_c + 2.0);
  CHECK(last(r1, "it_inlet_c") > last(r0, "it_inlet_c") + 1.0);
  CHECK(std::fabs(r1.heat_balance_residual_j) < 1e-6 * r1.total.facility_j());
  // The failure is logged and opens a ride-through case.
  CHECK(count_events(r1, "failure") == 1);
  CHECK(r1.ride_throughs.size() == 1);
}

TEST_CASE("a liquid-to-air unit down: the coolant settles where the unit up carries the heat", "[equipment][failures][l2a]") {
  Rig f = liquid_to_air_loop(45.0);  // 64 kW, constant
  f.groups[0].liquid_class = "W+";  // no coolant limit: no trip, the coolant settles
  f.failures.push_back(outage("cooling.equipment[l2a].units", 1));
  const FacilityResult r = run(f);
  REQUIRE(r.protection_trips == 0);
  const LiquidToAirCduParams p;
  const double m_k_cp = 32e3 / p.design_air_rise_k;  // one unit's design air, W/K
  const double q_w = last(r, "equipment.l2a.heat_to_air_kw") * 1e3;
  CHECK(q_w > 64e3);
  // Q = eps m_k c_p (T_c - T_cold) - eps P_fan (one unit at full speed).
  CHECK(last(r, "coolant_return_c") - last(r, "it_inlet_c") == Approx((q_w + p.effectiveness * 500.0) / (p.effectiveness * m_k_cp)).epsilon(1e-3));
  CHECK(shortfall_j(r, "cooling.equipment[l2a]") > 0.0);
}

TEST_CASE("liquid-to-air fans down: less air through all the radiators, the coolant settles warmer", "[equipment][failures][l2a]") {
  // Two units of four fans each; two fans out: six run, at most 6/8 of the design air.
  auto loop = [](int fans_down) {
    Rig f = liquid_to_air_loop(45.0);  // 64 kW, constant: the units want their full design air
    f.groups[0].liquid_class = "W+";
    f.halls[0].fans.design_pressure_pa = 1e-6;  // CRAH fans next to nothing
    if (fans_down > 0) f.failures.push_back(outage("cooling.equipment[l2a].fans", fans_down, 0, 1));
    return f;
  };
  const FacilityResult ok = run(loop(0)), r = run(loop(2));
  REQUIRE(r.protection_trips == 0);
  REQUIRE(last(r, "units_up.cooling.equipment_l2a_.fans") == 6.0);
  const LiquidToAirCduParams p;
  const double m_d_cp = 64e3 / p.design_air_rise_k;  // both units' design air, W/K
  const double ua = p.effectiveness / (1.0 - p.effectiveness) * m_d_cp;
  const double m_cp = 0.75 * m_d_cp, fan_w = 6 * 500.0 / p.fans_per_unit;  // six fans at full speed
  // Steady state: Q = UA (T_c - T_air), m c_p (T_air - T_cold) = Q + P_fans, so
  // T_c - T_cold = Q / UA + (Q + P_fans) / (m c_p).
  const double q_w = last(r, "equipment.l2a.heat_to_air_kw") * 1e3;
  CHECK(q_w > 64e3);
  CHECK(last(r, "coolant_return_c") - last(r, "it_inlet_c") == Approx(q_w / ua + (q_w + fan_w) / m_cp).epsilon(1e-3));
  CHECK(last(r, "coolant_return_c") > last(ok, "coolant_return_c") + 2.0);
  // The six fans draw six eighths of the units' design fan power, all at full speed (the hall's CRAH
  // fans draw next to nothing here: the air fans are the radiators').
  auto fans_w = [](const FacilityResult& x) { return x.total[Use::air_fans] / sim::to_seconds(sim::days(2)); };
  CHECK(fans_w(ok) == Approx(2 * 500.0).epsilon(1e-6));
  CHECK(fans_w(r) == Approx(fan_w).epsilon(1e-6));
  CHECK(std::fabs(r.heat_balance_residual_j) < 1e-6 * r.total.facility_j());
  // A unit down as well: the two fans down are counted in the unit up (the conservative case), so two
  // of its four fans run, at full speed, moving 2/8 of the design air.
  Rig both = loop(2);
  both.failures.push_back(outage("cooling.equipment[l2a].units", 1));
  const FacilityResult rb = run(both);
  CHECK(fans_w(rb) == Approx(2 * 500.0 / p.fans_per_unit).epsilon(1e-6));
  const double q_b = last(rb, "equipment.l2a.heat_to_air_kw") * 1e3;
  CHECK(last(rb, "coolant_return_c") - last(rb, "it_inlet_c") ==
        Approx(q_b / (0.5 * ua) + (q_b + 2 * 500.0 / p.fans_per_unit) / (0.25 * m_d_cp)).epsilon(1e-3));
}

TEST_CASE("the throttle policy on a loop cooled by liquid-to-air units holds the coolant at its limit", "[equipment][failures][l2a]") {
  Rig f = liquid_to_air_loop(45.0);
  f.length = sim::days(1);
  f.groups[0].rack.idle_power_w = 2e3;  // heat follows the utilization: the throttle has something to scale
  f.halls[0].structure_capacity_j_per_k = 2e6;  // the room settles within the hour: the cold aisle holds
  f.policy.action = OverheatAction::throttle;
  f.failures.push_back(outage("cooling.equipment[l2a].units", 1, sim::hours(2)));
  const FacilityResult r = run(f);
  // Coolant limit: W45 + CDU approach + design rise. One unit (32 kW) cannot carry 64 kW below it.
  const double limit_c = 45.0 + f.liquid_loops[0].cdu_approach_k + f.liquid_loops[0].delta_t_k;
  REQUIRE(count_events(r, "throttle") >= 1);
  CHECK(count_events(r, "shutdown") == 0);
  CHECK(r.protection_trips == 0);
  const double u = last(r, "gpu.utilization");
  CHECK(u > 0.2);
  CHECK(u < 0.95);
  // The utilization scaled to what the unit up takes at the limit, eps m_1 c_p (T_limit - T_cold) -
  // eps P_fan less the pumps' heat: the coolant settles at the limit. The cold aisle at the crossing
  // is a little cooler than once the hall has taken up the radiator's warmer air (0.3 K here): the
  // throttle acts on the cooling left at the crossing (docs/failures.md), so the coolant ends a few
  // tenths of a kelvin above the limit, well within the 2 K throttle margin.
  CHECK(last(r, "coolant_return_c") == Approx(limit_c).margin(0.5));
  // ... where the radiator takes what loop_capacity_w says it takes at that coolant temperature.
  const LiquidToAirCduParams p;
  const double m_1_cp = 32e3 / p.design_air_rise_k;
  CHECK(last(r, "equipment.l2a.heat_to_air_kw") * 1e3 ==
        Approx(p.effectiveness * (m_1_cp * (last(r, "coolant_return_c") - last(r, "it_inlet_c")) - 500.0)).epsilon(1e-3));
  CHECK(r.total.it_unserved_j > 0.0);
  CHECK(std::fabs(r.heat_balance_residual_j) < 1e-6 * r.total.facility_j());
}

TEST_CASE("equipment unit failures replay identically for a seed and differ between seeds", "[equipment][failures]") {
  Rig f = in_row_hall();
  f.length = sim::days(30);
  ComponentFailures c = outage("cooling.equipment[in-row].units", 1);
  c.scheduled.clear();
  c.random = RandomFailureParams{200.0 * 3600, 24.0 * 3600, 1.0, 1.0};
  f.failures.push_back(c);
  const FacilityResult a = run(f), b = run(f);
  f.seed = 2;
  const FacilityResult other = run(f);
  const auto ua = channel(a, "units_up.cooling.equipment_in-row_.units");
  REQUIRE(*std::min_element(ua.begin(), ua.end()) < 4.0);  // some unit failed in 30 days
  CHECK(max_abs_diff(ua, channel(b, "units_up.cooling.equipment_in-row_.units")) == 0.0);
  CHECK(max_abs_diff(channel(a, "it_inlet_c"), channel(b, "it_inlet_c")) == 0.0);
  CHECK(a.failures == b.failures);
  CHECK(max_abs_diff(ua, channel(other, "units_up.cooling.equipment_in-row_.units")) > 0.0);
}

TEST_CASE("active rear doors with fans down: the server fans push those doors' air as through passive doors", "[equipment][failures][rear_door]") {
  auto with_doors = [](bool active, int fans_down) {
    Rig f = base(sim::hours(6));
    f.groups.push_back(group("row", 10, 0.0));
    f.plants.push_back(dry_plant("water"));
    RearDoorParams d;
    d.active = active;
    d.fan_power_w = 400.0;
    f.add_equipment({.type = "rear_door", .name = "doors", .make = [d] { return std::make_unique<RearDoors>(d); }},
                    {.side = EquipmentPorts::Side::air, .groups = {0}, .plant = 0});
    if (fans_down > 0) f.failures.push_back(outage("cooling.equipment[rear-doors].fans", fans_down));
    return f;
  };
  Rig plain = with_doors(false, 0);
  plain.equipment.clear();
  const FacilityResult rp = run(plain), passive = run(with_doors(false, 0));
  const FacilityResult active = run(with_doors(true, 0)), down = run(with_doors(true, 4));
  REQUIRE(last(down, "units_up.cooling.equipment_rear-doors_.fans") == 6.0);
  auto fans_j = [&](const FacilityResult& r) { return r.total[Use::air_fans] - rp.total[Use::air_fans]; };
  // 6 of 10 doors' fans move their air; the server fans push the other 4 doors' air through the coil.
  const double expected_j = 0.6 * fans_j(active) + 0.4 * fans_j(passive);
  CHECK(fans_j(down) == Approx(expected_j).epsilon(1e-3));
  CHECK(fans_j(down) < fans_j(active));
  // The servers' air and the coil are unchanged: the heat taken differs by at most the fan heat saved.
  const double dq_w = std::fabs(last(down, "equipment.rear-doors.heat_removed_kw") - last(active, "equipment.rear-doors.heat_removed_kw")) * 1e3;
  CHECK(dq_w <= (fans_j(active) - fans_j(down)) / sim::to_seconds(sim::hours(6)) + 1.0);
  CHECK(std::fabs(down.heat_balance_residual_j) < 1e-6 * down.total.facility_j());
}

namespace {

// Tanks for 8 racks of 10 kW, 97 % into the bath, on a W45 loop at 40 degC with its own plant.
Rig tank_loop(int pumps) {
  Rig f = base(sim::days(2));
  f.groups.push_back(group("tanks", 8, 0.97));
  f.groups[0].liquid_class = "W45";
  f.liquid_loops.emplace_back();
  f.liquid_loops[0].supply_temp_c = 40.0;
  f.liquid_loops[0].coolant_volume_m3 = 2.0;
  f.loop_plant[0] = 1;
  f.power.ups.outdoors = true;
  f.plants.push_back(dry_plant("air"));
  f.plants.push_back(dry_plant("water"));
  ImmersionTankParams t;
  t.pumps = pumps;
  f.add_equipment({.type = "immersion_tank", .name = "tanks", .make = [t] { return std::make_unique<ImmersionTanks>(t); }},
                  {.side = EquipmentPorts::Side::liquid, .groups = {0}});
  return f;
}

}  // namespace

TEST_CASE("a tank pump down: the bath settles at T_coolant + (Q + phi P) / G(phi m_f) of the effectiveness-NTU exchanger", "[equipment][failures][immersion]") {
  Rig f = tank_loop(2);
  f.failures.push_back(outage("cooling.equipment[tanks].pumps", 1));
  const FacilityResult r = run(f), r0 = run(tank_loop(2));
  REQUIRE(r.protection_trips == 0);
  REQUIRE(last(r, "units_up.cooling.equipment_tanks_.pumps") == 1.0);
  const ImmersionTankParams t;
  const double q_w = 8 * 10e3 * 0.97;
  const double mc_d = q_w / t.fluid_delta_t_k;            // design fluid flow x c_f (design heat = the heat now)
  const double ratio = t.fluid_delta_t_k / t.hx_approach_k;
  const double ntu = -std::log(1.0 - 2.0 * ratio / (2.0 + ratio)) / 0.5;  // the exchanger's UA at half the flow
  const double eps = 1.0 - std::exp(-ntu);
  const double g = eps * 0.5 * mc_d / (1.0 - 0.5 * eps);  // bath (mean fluid) to coolant
  const double pump_w = 0.5 * mc_d / t.fluid_cp_j_per_kg_k / t.fluid_density_kg_per_m3 * t.pump_pressure_pa / t.pump_efficiency;
  const double bath = last(r, "equipment.tanks.bath_c"), coolant = last(r, "coolant_return_c");
  CHECK(bath - coolant == Approx((q_w + pump_w) / g).epsilon(1e-3));
  // Warmer than with both pumps (the design approach, 5 K plus the pumps' heat).
  CHECK(bath - coolant > last(r0, "equipment.tanks.bath_c") - last(r0, "coolant_return_c") + 2.0);
  CHECK(std::fabs(r.heat_balance_residual_j) < 1e-6 * r.total.facility_j());
}

TEST_CASE("the throttle policy holds an immersion bath at its limit with a tank pump down", "[equipment][failures][immersion]") {
  // The loop at 47 degC: with one of two pumps down the bath would settle about 8 K above the coolant
  // return (57 degC), above its limit: the loop's coolant limit 45 + 3 + 10 degC plus hx_approach.
  auto tanks = [](OverheatAction action) {
    Rig f = tank_loop(2);
    f.length = sim::days(1);
    f.groups[0].rack.idle_power_w = 2e3;  // heat follows the utilization: the throttle has something to scale
    f.liquid_loops[0].supply_temp_c = 47.0;
    f.policy.action = action;
    f.failures.push_back(outage("cooling.equipment[tanks].pumps", 1, sim::hours(2)));
    return f;
  };
  const Rig f = tanks(OverheatAction::throttle);
  const FacilityResult r = run(f), alarm = run(tanks(OverheatAction::alarm));
  const ImmersionTankParams t;
  const double limit_c = 45.0 + f.liquid_loops[0].cdu_approach_k + f.liquid_loops[0].delta_t_k + t.hx_approach_k;
  REQUIRE(last(alarm, "equipment.tanks.bath_c") > limit_c + 1.0);
  REQUIRE(count_events(r, "throttle") == 1);
  CHECK(count_events(r, "shutdown") == 0);
  CHECK(r.protection_trips == 0);
  const double u = last(r, "tanks.utilization");
  CHECK(u > 0.2);
  CHECK(u < 0.95);
  // The bath-to-coolant conductance with half the design fluid flow, from the effectiveness-NTU
  // relation (as in the pump test above), and half the pumps' power.
  const double q_d = 8 * 10e3 * 0.97;
  const double mc_d = q_d / t.fluid_delta_t_k;
  const double ratio = t.fluid_delta_t_k / t.hx_approach_k;
  const double ntu = -std::log(1.0 - 2.0 * ratio / (2.0 + ratio)) / 0.5;
  const double eps = 1.0 - std::exp(-ntu);
  const double g = eps * 0.5 * mc_d / (1.0 - 0.5 * eps);
  const double half_pump_w = 0.5 * mc_d / t.fluid_cp_j_per_kg_k / t.fluid_density_kg_per_m3 * t.pump_pressure_pa / t.pump_efficiency;
  // The throttle scaled the racks to what the bath sheds at its limit with the coolant where the loop
  // holds it (its return delta_t above the CDU supply): G (T_limit - T_cdu - dT) - P / 2.
  const double heat_w = 0.97 * last(r, "tanks.power_kw") * 1e3;
  const double cdu_c = last(r, "coolant_supply_c");
  CHECK(heat_w == Approx(g * (limit_c - cdu_c - f.liquid_loops[0].delta_t_k) - half_pump_w).epsilon(1e-3));
  // Settled: the bath sheds that heat and the pumps' to the coolant, and holds at its limit (a few
  // hundredths of a kelvin above: the loop's own pump heat warms the return above T_cdu + dT).
  const double bath = last(r, "equipment.tanks.bath_c"), coolant = last(r, "coolant_return_c");
  CHECK(heat_w + half_pump_w == Approx(g * (bath - coolant)).epsilon(1e-3));
  CHECK(bath == Approx(limit_c).margin(0.1));
  CHECK(r.total.it_unserved_j > 0.0);
  CHECK(std::fabs(r.heat_balance_residual_j) < 1e-6 * r.total.facility_j());
}

TEST_CASE("tank pumps all down in one liquid loop heat that bath to its trip and leave the other loop as it was", "[equipment][failures][immersion][isolation]") {
  Rig f = two_loops(sim::hours(14), 40.0, 0.97);
  ImmersionTankParams t;
  t.pumps = 2;
  f.add_equipment({.type = "immersion_tank", .name = "tanks", .make = [t] { return std::make_unique<ImmersionTanks>(t); }},
                  {.side = EquipmentPorts::Side::liquid, .groups = {1}});
  Rig failing = f;
  failing.failures.push_back(outage("cooling.equipment[tanks].pumps", 2, sim::hours(10)));
  const FacilityResult ok = run(f), bad = run(failing);
  // No fluid flow: the bath is cut from the coolant; bath and equipment rise together at
  // Q / (C_b + C_e) to the bath's trip (the loop's coolant limit + hx_approach + protection margin:
  // 45 + 3 + 10 + 5 + 5 degC), where the racks shut down. On the ramp the equipment stands
  // Q C_b / (C UA_g) above the bath instead of Q / UA_g: it gives up C_e (Q / UA_g) C_e / C, so
  // t = (C (T_trip - T_b0) - C_e (Q / UA_g) C_e / C) / Q, C = C_b + C_e.
  const double trip_c = 45.0 + 3.0 + 10.0 + t.hx_approach_k + f.policy.protection_margin_k;
  const auto trip = std::find_if(bad.recorder.events().begin(), bad.recorder.events().end(),
                                 [](const auto& e) { return e.kind == "protection_trip"; });
  REQUIRE(trip != bad.recorder.events().end());
  CHECK(trip->component == "tanks.imm.bath");
  const double q_w = 8 * 10e3 * 0.97;
  const double c_bath = 8 * t.fluid_volume_m3 * t.fluid_density_kg_per_m3 * t.fluid_cp_j_per_kg_k;
  const double c_equipment = 0.97 * RackGroup(f.groups[1].rack).heat_capacity_j_per_k();
  const double bath_before = channel(ok, "equipment.tanks.bath_c").back();  // steady, as at the failure
  const double c = c_bath + c_equipment, offset_k = f.groups[1].cold_plate_delta_t_k;  // Q / UA_g at full heat
  CHECK(trip->time_s - 10 * 3600.0 == Approx((c * (trip_c - bath_before) - c_equipment * offset_k * c_equipment / c) / q_w).epsilon(2e-3));
  REQUIRE(bad.ride_throughs.size() == 1);
  CHECK(bad.ride_throughs[0].component == "cooling.equipment[tanks].pumps");
  CHECK(bad.ride_throughs[0].limit_s.has_value());
  // Loop one sees nothing of it.
  CHECK(max_abs_diff(channel(ok, "loop.one.coolant_return_c"), channel(bad, "loop.one.coolant_return_c")) < 1e-6);
  CHECK(max_abs_diff(channel(ok, "cp.equipment_c"), channel(bad, "cp.equipment_c")) < 1e-6);
  CHECK(std::fabs(bad.heat_balance_residual_j) < 1e-6 * bad.total.facility_j());
}
