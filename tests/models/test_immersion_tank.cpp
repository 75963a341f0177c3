// Single-phase immersion tanks (models/immersion_tank.hpp) against their steady state by hand.
#include <catch2/catch.hpp>

#include <cmath>
#include <memory>

#include "models/facility.hpp"
#include "models/immersion_tank.hpp"
#include "tests/support/facility_fixture.hpp"

using namespace dcsim;
using namespace dcsim::models;
using namespace dcsim::test;

TEST_CASE("an immersion tank's bath settles at T_coolant + (Q + P_pump) / UA_hx", "[equipment][immersion]") {
  Rig f = base(sim::days(2));
  f.groups.push_back(group("tanks", 8, 0.97));  // 77.6 kW to the bath
  f.groups[0].liquid_class = "W45";  // 40 degC coolant: within W45, beyond W32
  f.liquid_loops.emplace_back();
  f.liquid_loops[0].supply_temp_c = 40.0;
  f.liquid_loops[0].coolant_volume_m3 = 2.0;
  f.loop_plant[0] = 1;  // its own facility water: a plant serving the hall too would send 18 degC water
  f.power.ups.outdoors = true;  // the hall carries only the tanks' 3 % to air and the PDU loss
  f.plants.push_back(dry_plant("air"));
  f.plants.push_back(dry_plant("water"));
  ImmersionTankParams t;
  t.hx_approach_k = 5.0;
  f.add_equipment({.type = "immersion_tank", .name = "tanks", .make = [t] { return std::make_unique<ImmersionTanks>(t); }},
                  {.side = EquipmentPorts::Side::liquid, .groups = {0}});
  const FacilityResult r = run(f);

  const double q_w = 8 * 10e3 * 0.97;
  const double ua_hx = q_w / t.hx_approach_k;  // design heat = the heat now (full load)
  const double pump_w = q_w / (t.fluid_cp_j_per_kg_k * t.fluid_delta_t_k) / t.fluid_density_kg_per_m3 * t.pump_pressure_pa /
                        t.pump_efficiency;
  const double bath = last(r, "equipment.tanks.bath_c"), coolant = last(r, "coolant_return_c");
  REQUIRE(r.protection_trips == 0);
  CHECK(bath - coolant == Approx((q_w + pump_w) / ua_hx).epsilon(1e-3));
  // The servers sit above the bath by their own design difference (cold_plate_delta_t at design heat).
  CHECK(last(r, "tanks.equipment_c") - bath == Approx(f.groups[0].cold_plate_delta_t_k).epsilon(1e-3));
  CHECK(std::fabs(r.heat_balance_residual_j) < 1e-6 * r.total.facility_j());
}

