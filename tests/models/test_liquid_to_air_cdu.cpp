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

TEST_CASE("a liquid-to-air CDU settles its coolant at T_cold + (Q + eps P_fan) / (eps m_d c_p)", "[equipment][l2a]") {
  const Rig f = liquid_to_air_loop(45.0);
  const FacilityResult r = run(f);
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
  const Rig f = liquid_to_air_loop(32.0);  // 64 kW through radiators in 22 degC air cannot hold 32 degC
  const FacilityResult r = run(f);
  CHECK(last(r, "coolant_return_c") > 40.0);
  CHECK(shortfall_j(r, "cooling.equipment[l2a]") > 0.0);
  CHECK(std::fabs(r.heat_balance_residual_j) < 1e-6 * r.total.facility_j());
}
