// In-row cooling units (models/in_row_cooler.hpp): the supply they hold, the heat they take against
// the air they move, the CRAH air they save, their shortfall when too small, and the energy balance.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <memory>

#include "models/facility.hpp"
#include "models/in_row_cooler.hpp"
#include "tests/support/facility_fixture.hpp"

using namespace dcsim;
using namespace dcsim::models;
using namespace dcsim::test;

namespace {

Rig with_in_row(int units, double capacity_w) {
  Rig f = base(sim::days(2));
  f.groups.push_back(group("row", 10, 0.0));  // 100 kW to air
  f.plants.push_back(dry_plant("water"));
  InRowCoolerParams p;
  p.name = "cooling.equipment[in-row]";
  p.channel = "in-row";
  p.units = units;
  p.unit_capacity_w = capacity_w;
  p.fan_power_w = 0.0;  // the heat they take is the racks' alone
  f.add_equipment({.type = "in_row", .name = "in-row", .make = [p] { return std::make_unique<InRowCoolers>(p); }},
                  {.side = EquipmentPorts::Side::room, .groups = {0}, .plant = 0, .hall = 0});
  return f;
}

}  // namespace

TEST_CASE("in-row units hold the hall's supply air and take m c_p (T_hot - T_set) of the racks' heat", "[equipment][in_row]") {
  const Rig f = with_in_row(4, 40e3);
  const FacilityResult r = run(f);
  const double m_cp = 100e3 / f.halls[0].server_delta_t_k;  // the racks' server air, W/K (airflow ratio 1)
  CHECK(last(r, "equipment.in-row.supply_air_c") == Approx(f.halls[0].supply_temp_c).margin(1e-9));
  CHECK(last(r, "equipment.in-row.heat_removed_kw") * 1e3 ==
        Approx(m_cp * (last(r, "hot_aisle_c") - f.halls[0].supply_temp_c)).epsilon(2e-3));
  CHECK(shortfall_j(r, "cooling.equipment[in-row]") == 0.0);
  CHECK(std::fabs(r.heat_balance_residual_j) < 1e-6 * r.total.facility_j());
  // The CRAH units move only what the servers draw beyond the in-row air: less fan energy.
  Rig plain = f;
  plain.equipment.clear();
  const FacilityResult rp = run(plain);
  CHECK(r.total[Use::air_fans] < 0.5 * rp.total[Use::air_fans]);
}

TEST_CASE("in-row units too small for their racks let the supply air rise and report the shortfall", "[equipment][in_row]") {
  const Rig f = with_in_row(1, 20e3);  // 20 kW for 100 kW of racks
  const FacilityResult r = run(f);
  // The units take their capacity and no more; the warm air they return displaces CRAH air and the IT
  // inlet rises out of its envelope: the design fails, and says so.
  const auto heat = channel(r, "equipment.in-row.heat_removed_kw");
  const auto supply = channel(r, "equipment.in-row.supply_air_c");
  // The limit is applied at each solve, every control interval (1 min) while at capacity, as for the
  // CRAH coils: within an interval the hot aisle may warm and the units take a little more.
  CHECK(*std::max_element(heat.begin(), heat.end()) >= 20.0 * (1 - 1e-9));
  CHECK(*std::max_element(heat.begin(), heat.end()) <= 20.0 * 1.06);
  CHECK(*std::max_element(supply.begin(), supply.end()) > f.halls[0].supply_temp_c + 5.0);
  CHECK(shortfall_j(r, "cooling.equipment[in-row]") > 0.0);
  // The IT inlet leaves the A1 allowable range (32 degC): the server fans speed up, the in-row units
  // cannot move more air, and the CRAH units supply the rest, so it settles a few kelvin above it
  // (about 35 degC), below the protection's trip at 37 degC.
  const auto inlet = channel(r, "it_inlet_c");
  CHECK(*std::max_element(inlet.begin(), inlet.end()) > 33.0);
  CHECK(std::fabs(r.heat_balance_residual_j) < 1e-6 * r.total.facility_j());
}
