// Rear-door heat exchangers (models/rear_door.hpp) against their steady state by hand, their fan power,
// and the energy balance with them.
#include <catch2/catch.hpp>

#include <cmath>
#include <memory>

#include "models/facility.hpp"
#include "models/rear_door.hpp"
#include "tests/support/facility_fixture.hpp"

using namespace dcsim;
using namespace dcsim::models;
using namespace dcsim::test;

TEST_CASE("a rear door removes eps (m cp (T_cold - T_w) + Q_air) at design flow and the balance closes", "[equipment][rear_door]") {
  Rig f = base(sim::days(2));
  f.groups.push_back(group("row", 10, 0.0));  // 100 kW to air
  f.plants.push_back(dry_plant("water"));
  RearDoorParams d;
  d.name = "cooling.equipment[doors]";
  d.channel = "doors";
  d.effectiveness = 0.7;
  d.water_temp_c = 18.0;
  d.pressure_drop_pa = 0.0;  // no fan power: the door's heat is the racks' alone
  f.add_equipment({.type = "rear_door", .name = "doors", .make = [d] { return std::make_unique<RearDoors>(d); }},
                  {.side = EquipmentPorts::Side::air, .groups = {0}, .plant = 0});
  const FacilityResult r = run(f);

  const double q_air_w = 100e3;
  const double m_cp = q_air_w / f.halls[0].server_delta_t_k;  // design server air, W/K
  const double t_cold = last(r, "it_inlet_c"), t_w = last(r, "plant.water.supply_c");
  const double expected_w = d.effectiveness * (m_cp * (t_cold - t_w) + q_air_w);
  CHECK(last(r, "equipment.doors.heat_removed_kw") * 1e3 == Approx(expected_w).epsilon(1e-3));
  // The doors take more than the racks give when the water is colder than the cold aisle.
  CHECK(t_w < t_cold);
  CHECK(expected_w > 0.7 * q_air_w);
  CHECK(std::fabs(r.heat_balance_residual_j) < 1e-6 * r.total.facility_j());

  // Without doors the hot aisle carries the racks' whole heat: warmer than with them.
  Rig plain = f;
  plain.equipment.clear();
  const FacilityResult rp = run(plain);
  CHECK(last(rp, "hot_aisle_c") > last(r, "hot_aisle_c") + 3.0);
}

TEST_CASE("active rear doors book their fan power and put its heat into the air", "[equipment][rear_door]") {
  Rig f = base(sim::hours(6));
  f.groups.push_back(group("row", 10, 0.0));
  f.plants.push_back(dry_plant("water"));
  RearDoorParams d;
  d.active = true;
  d.fan_power_w = 400.0;  // per door at design flow; full load: exactly design flow
  f.add_equipment({.type = "rear_door", .name = "doors", .make = [d] { return std::make_unique<RearDoors>(d); }},
                  {.side = EquipmentPorts::Side::air, .groups = {0}, .plant = 0});
  Rig plain = f;
  plain.equipment.clear();
  const FacilityResult r = run(f), rp = run(plain);
  const double t = sim::to_seconds(f.length);
  // Door fans follow the server flow, whose set point is quantized up by at most 1 % of the hall's
  // design flow, which carries the UPS, PDU and lighting heat besides the racks' (about 1.15 times
  // theirs here): between 1 and (1.0115)^3 of the design fan power.
  const double extra_j = r.total[Use::air_fans] - rp.total[Use::air_fans];
  CHECK(extra_j >= 10 * 400.0 * t * (1 - 1e-9));
  CHECK(extra_j <= 10 * 400.0 * t * 1.0349);
  CHECK(std::fabs(r.heat_balance_residual_j) < 1e-6 * r.total.facility_j());
}

