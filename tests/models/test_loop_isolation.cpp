// Several halls and liquid loops (models/air_hall.hpp, models/liquid_loop.hpp): each holds its own set
// point, and a failure in one does not heat another.
#include <catch2/catch.hpp>

#include <cmath>
#include <memory>

#include "models/facility.hpp"
#include "tests/support/facility_fixture.hpp"

using namespace dcsim;
using namespace dcsim::models;
using namespace dcsim::test;

TEST_CASE("a pump failure in one liquid loop does not heat the other", "[loops][isolation]") {
  Rig f = two_loops(sim::hours(8), 45.0, 0.8);
  Rig failing = f;
  failing.liquid_loops[0].pump_outages.push_back({sim::hours(2), sim::kTimeMax, 2});  // both pumps of loop one
  const FacilityResult ok = run(f), bad = run(failing);

  // Loop one's coolant stands: its chips rise; loop two sees nothing of it.
  CHECK(channel(bad, "cp.equipment_c").back() > channel(ok, "cp.equipment_c").back() + 20.0);
  CHECK(max_abs_diff(channel(ok, "loop.two.coolant_return_c"), channel(bad, "loop.two.coolant_return_c")) < 1e-6);
  CHECK(max_abs_diff(channel(ok, "imm.equipment_c"), channel(bad, "imm.equipment_c")) < 1e-6);
  // Each loop holds its own supply temperature.
  CHECK(channel(ok, "loop.one.coolant_supply_c").back() == Approx(32.0).margin(1e-6));
  CHECK(channel(ok, "loop.two.coolant_supply_c").back() == Approx(45.0).margin(1e-6));
  CHECK(std::fabs(bad.heat_balance_residual_j) < 1e-6 * bad.total.facility_j());
}

TEST_CASE("losing every CRAH unit of one hall does not heat the other hall", "[loops][isolation]") {
  Rig f = base(sim::hours(6));
  f.halls.resize(2);
  f.halls[0].name = "a";
  f.halls[0].label = "cooling.halls[a]";
  f.halls[1] = f.halls[0];
  f.halls[1].name = "b";
  f.halls[1].label = "cooling.halls[b]";
  f.halls[1].supply_temp_c = 18.0;
  f.groups.push_back(group("ra", 10, 0.0));
  f.groups.push_back(group("rb", 10, 0.0));
  f.group_hall[1] = 1;
  f.plants.push_back(dry_plant("water"));
  f.power.ups.outdoors = true;  // the UPS's heat would couple the halls (shared by their design shares)
  Rig failing = f;
  ComponentFailures units;
  units.name = "cooling.halls[a].units";
  units.target = FailureTarget::air_units;
  units.loop = 0;
  units.scheduled.push_back({sim::hours(2), sim::kTimeMax, 4, OutageKind::failure, "all units"});
  failing.failures.push_back(units);
  const FacilityResult ok = run(f), bad = run(failing);

  CHECK(channel(bad, "hall.a.it_inlet_c").back() > channel(ok, "hall.a.it_inlet_c").back() + 5.0);
  CHECK(max_abs_diff(channel(ok, "hall.b.it_inlet_c"), channel(bad, "hall.b.it_inlet_c")) < 1e-6);
  // Each hall at its own supply air set point.
  CHECK(channel(ok, "hall.a.supply_air_c").back() == Approx(22.0).margin(1e-6));
  CHECK(channel(ok, "hall.b.supply_air_c").back() == Approx(18.0).margin(1e-6));
  CHECK(std::fabs(bad.heat_balance_residual_j) < 1e-6 * bad.total.facility_j());
}
