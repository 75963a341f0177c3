#include <catch2/catch.hpp>

#include "models/supply_dispatch.hpp"
#include "sim/check.hpp"

using namespace dcsim;
using models::GeothermalPlant;
using models::GridIntensity;
using models::SupplyDispatch;
using sim::hours;
using sim::minutes;

namespace {
constexpr double kJPerKwh = 3.6e6;

GeothermalPlant plant_3mw(std::vector<models::ScheduledGeothermalOutage> outages = {}) {
  models::GeothermalPlantParams p;
  p.capacity_w = 3e6;
  p.scheduled_outages = std::move(outages);
  return GeothermalPlant(p, sim::days(365));
}
}  // namespace

TEST_CASE("split: geothermal first, grid covers the shortfall", "[supply]") {
  // 5 MW for 1 h with 3 MW of geothermal: 3 MWh geo at 38 g/kWh = 114 kg, 2 MWh grid at 28 = 56 kg.
  const auto s = models::split_supply(5e6, 3e6, 3600, 38, 28);
  CHECK(s.geo_energy_j == Approx(3000 * kJPerKwh).epsilon(1e-15));
  CHECK(s.grid_energy_j == Approx(2000 * kJPerKwh).epsilon(1e-15));
  CHECK(s.geo_emissions_g == Approx(114000).epsilon(1e-14));
  CHECK(s.grid_emissions_g == Approx(56000).epsilon(1e-14));
  CHECK(s.energy_j() == Approx(5e6 * 3600).epsilon(1e-15));
  // Below capacity: all geothermal; plant out: all grid.
  const auto low = models::split_supply(2e6, 3e6, 3600, 38, 28);
  CHECK(low.grid_energy_j == 0.0);
  CHECK(low.geo_energy_j == 2e6 * 3600);
  const auto out = models::split_supply(2e6, 0, 3600, 38, 28);
  CHECK(out.geo_energy_j == 0.0);
  CHECK(out.grid_emissions_g == Approx(2000 * 28.0).epsilon(1e-14));
  CHECK_THROWS_WITH(models::split_supply(-1, 0, 1, 0, 0), Catch::Matchers::Contains("got -1"));
}

TEST_CASE("dispatch splits an interval at outages and intensity steps", "[supply]") {
  // Plant 3 MW, out [2 h, 3 h). Grid 100 g/kWh until 1.5 h, then 200. Facility 4 MW over [0, 4 h):
  //   [0, 1.5h):  geo 4.5 MWh, grid 1.5 MWh at 100 = 150 kg
  //   [1.5h, 2h): geo 1.5 MWh, grid 0.5 MWh at 200 = 100 kg
  //   [2h, 3h):   geo 0,       grid 4.0 MWh at 200 = 800 kg
  //   [3h, 4h):   geo 3.0 MWh, grid 1.0 MWh at 200 = 200 kg
  // geo 9 MWh * 38 = 342 kg; grid 7 MWh, 1250 kg; geothermal share 9/16.
  const auto plant = plant_3mw({{hours(2), hours(1)}});
  const auto grid = GridIntensity::trace({{0, 100}, {hours(1) + minutes(30), 200}});
  const SupplyDispatch d(grid, &plant);
  CHECK(d.next_change_after(0) == hours(1) + minutes(30));
  CHECK(d.next_change_after(hours(1) + minutes(30)) == hours(2));
  CHECK(d.next_change_after(hours(2)) == hours(3));
  CHECK(d.next_change_after(hours(3)) == sim::kTimeMax);

  const auto s = d.dispatch(4e6, 0, hours(4));
  CHECK(s.geo_energy_j == Approx(9000 * kJPerKwh).epsilon(1e-14));
  CHECK(s.grid_energy_j == Approx(7000 * kJPerKwh).epsilon(1e-14));
  CHECK(s.geo_emissions_g == Approx(342000).epsilon(1e-14));
  CHECK(s.grid_emissions_g == Approx(1250000).epsilon(1e-14));

  models::SupplyTotals tot;
  tot.add(s);
  CHECK(tot.geo_share() == Approx(9.0 / 16).epsilon(1e-14));
  CHECK(tot.grid_share() == Approx(7.0 / 16).epsilon(1e-14));
  CHECK(tot.emissions_g() == Approx(1592000).epsilon(1e-14));

  // The same interval dispatched in event-sized pieces gives the same totals.
  models::SupplyTotals pieces;
  for (sim::Time t = 0; t < hours(4);) {
    const sim::Time n = std::min(hours(4), d.next_change_after(t));
    pieces.add(d.dispatch(4e6, t, n));
    t = n;
  }
  CHECK(pieces.geo_energy_j() == Approx(tot.geo_energy_j()).epsilon(1e-15));
  CHECK(pieces.grid_emissions_g() == Approx(tot.grid_emissions_g()).epsilon(1e-15));
}

TEST_CASE("grid-only supply and an empty interval", "[supply]") {
  const auto grid = GridIntensity::constant(369);
  const SupplyDispatch d(grid, nullptr);
  const auto s = d.dispatch(1e6, 0, hours(10));
  CHECK(s.geo_energy_j == 0.0);
  CHECK(s.grid_emissions_g == Approx(10000 * 369.0).epsilon(1e-14));
  CHECK(d.dispatch(1e6, hours(1), hours(1)).energy_j() == 0.0);
  CHECK_THROWS_AS(d.dispatch(1e6, hours(2), hours(1)), ParameterError);
  models::SupplyTotals empty;
  CHECK(empty.geo_share() == 0.0);
}

TEST_CASE("geothermal energy over a year equals capacity times up time", "[supply]") {
  // Facility above plant capacity all year: E_geo = C * A * T, with A the plant's own availability.
  models::GeothermalPlantParams p;
  p.capacity_w = 3e6;
  p.mtbf_s = 720 * 3600.0;
  p.mttr_s = 36 * 3600.0;
  p.scheduled_outages = {{sim::days(180), sim::days(10)}};
  const sim::Time year = sim::days(365);
  const GeothermalPlant plant(p, year);
  const auto grid = GridIntensity::constant(28);
  const SupplyDispatch d(grid, &plant);
  const auto s = d.dispatch(4.5e6, 0, year);
  const double t_s = sim::to_seconds(year);
  CHECK(s.geo_energy_j == Approx(3e6 * plant.availability(0, year) * t_s).epsilon(1e-12));
  CHECK(s.energy_j() == Approx(4.5e6 * t_s).epsilon(1e-14));
  CHECK(plant.availability(0, year) < 1 - 10.0 / 365);  // maintenance plus some failures
}
