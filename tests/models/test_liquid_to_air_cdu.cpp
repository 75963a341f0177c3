// Liquid-to-air CDUs (models/liquid_to_air_cdu.hpp): a liquid loop with no plant, cooled by radiators
// in the hall; its coolant against the effectiveness steady state by hand, the hall carrying the heat,
// the shortfall when the units cannot hold the loop's set point, and the energy balance.
#include <catch2/catch.hpp>

#include <cmath>
#include <memory>

#include "models/facility.hpp"
#include "models/liquid_to_air_cdu.hpp"
#include "tests/support/facility_fixture.hpp"

using namespace dcsim;
using namespace dcsim::models;
using namespace dcsim::test;

namespace {

// 8 racks of 10 kW, 80 % to liquid (64 kW) on a loop cooled only by two 32 kW radiator units.
FacilityConfig with_l2a(double loop_set_c) {
  FacilityConfig f = base(sim::days(2));
  f.groups.push_back(group("gpu", 8, 0.8));
  f.groups[0].loop = 0;
  f.groups[0].liquid_class = "W45";
  f.liquid_loops.emplace_back();
  f.liquid_loops[0].cooled_by_equipment = true;
  f.liquid_loops[0].supply_temp_c = loop_set_c;
  f.liquid_loops[0].coolant_volume_m3 = 1.0;
  f.plants.push_back(dry_plant("water"));
  LiquidToAirCduParams p;
  p.units = 2;
  p.unit_capacity_w = 32e3;
  p.fan_power_w = 500.0;
  f.equipment.push_back({.type = "liquid_to_air_cdu", .name = "l2a", .make = [p] { return std::make_unique<LiquidToAirCdus>(p); },
                         .side = EquipmentSpec::Side::liquid, .hall = 0, .cools_loop = 0});
  return f;
}

}  // namespace

TEST_CASE("a liquid-to-air CDU settles its coolant at T_cold + (Q + eps P_fan) / (eps m_d c_p)", "[equipment][l2a]") {
  const FacilityConfig f = with_l2a(45.0);
  const FacilityResult r = Facility(f).run();
  const LiquidToAirCduParams p;
  const double m_d_cp = 2 * 32e3 / p.design_air_rise_k;  // design air flow x c_p, W/K (full flow: 64 kW of 64 kW)
  const double q_w = last(r, "equipment.l2a.heat_to_air_kw") * 1e3;
  const double fan_w = 2 * 500.0;
  CHECK(q_w > 64e3);            // the racks' liquid heat and the coolant pumps' heat
  CHECK(q_w < 64e3 * 1.02);
  CHECK(last(r, "coolant_return_c") - last(r, "it_inlet_c") ==
        Approx((q_w + p.effectiveness * fan_w) / (p.effectiveness * m_d_cp)).epsilon(1e-3));
  CHECK(shortfall_j(r, "cooling.equipment[l2a]") == 0.0);
  CHECK(std::fabs(r.heat_balance_residual_j) < 1e-6 * r.total.facility_j());
}

TEST_CASE("a liquid-to-air CDU that cannot hold its loop's set point reports the shortfall", "[equipment][l2a]") {
  const FacilityConfig f = with_l2a(32.0);  // 64 kW through radiators in 22 degC air cannot hold 32 degC
  const FacilityResult r = Facility(f).run();
  CHECK(last(r, "coolant_return_c") > 40.0);
  CHECK(shortfall_j(r, "cooling.equipment[l2a]") > 0.0);
  CHECK(std::fabs(r.heat_balance_residual_j) < 1e-6 * r.total.facility_j());
}
