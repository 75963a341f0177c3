#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <random>

#include "models/emissions.hpp"
#include "sim/check.hpp"

using namespace dcsim;
using models::Baseline;
using models::BaselineParams;

namespace {
constexpr double kJPerKwh = 3.6e6;

BaselineParams us_grid_baseline() {
  BaselineParams p;  // PUE 1.57 by default
  p.intensity_g_per_kwh = 369.0;
  p.description = "industry-average facility on the US grid (Ember 2023, 369 g/kWh)";
  return p;
}
}  // namespace

TEST_CASE("operational emissions convert joules to kWh", "[emissions]") {
  // 1 MWh at 400 g/kWh = 400 kg.
  CHECK(models::operational_emissions_g(3.6e9, 400.0) == Approx(400e3).epsilon(1e-15));
  CHECK(models::operational_emissions_g(0.0, 400.0) == 0.0);
}

TEST_CASE("compensated sum keeps the low bits that naive summation loses", "[emissions]") {
  models::CompensatedSum s;
  double naive = 0;
  s.add(1e16);
  naive += 1e16;
  for (int i = 0; i < 1000; ++i) {
    s.add(1.0);
    naive += 1.0;
  }
  CHECK(naive == 1e16);               // each 1 is rounded away at 1e16 (ulp 2)
  CHECK(s.value() == 1e16 + 1000.0);  // exactly representable, exactly obtained

  models::CompensatedSum tenth;
  double naive_tenth = 0;
  for (int i = 0; i < 1000000; ++i) {
    tenth.add(0.1);
    naive_tenth += 0.1;
  }
  CHECK(std::abs(naive_tenth - 1e5) > 1e-7);     // naive error about 1.3e-6
  CHECK(std::abs(tenth.value() - 1e5) < 2e-11);  // within one ulp of 1e5 (1.46e-11)
}

TEST_CASE("avoided emissions of the brief's Icelandic facility, by hand", "[emissions]") {
  // One year at 3 MW IT: E_IT = 3000 kW * 8760 h = 26,280,000 kWh.
  // PUE 1.15: E_fac = 30,222,000 kWh, all geothermal at 38 g/kWh:
  //   S = 30,222,000 * 38 = 1,148,436,000 g
  // Baseline PUE 1.57 on 369 g/kWh: B = 26,280,000 * 1.57 * 369 = 15,224,792,400 g
  // Avoided A = B - S = 14,076,356,400 g
  //   efficiency (1.57 - 1.15) * 26,280,000 * 369 = 4,072,874,400 g
  //   supply     30,222,000 * (369 - 38)           = 10,003,482,000 g
  //   4,072,874,400 + 10,003,482,000 = 14,076,356,400 = A
  models::EmissionsAccumulator acc;
  const double it_j_per_h = 3e6 * 3600;
  for (int h = 0; h < 8760; ++h) {
    const double fac_j = 1.15 * it_j_per_h;
    acc.add(it_j_per_h, fac_j, models::operational_emissions_g(fac_j, 38.0));
  }
  const auto tot = acc.totals();
  CHECK(tot.it_energy_j / kJPerKwh == Approx(26.28e6).epsilon(1e-13));
  CHECK(tot.pue() == Approx(1.15).epsilon(1e-13));
  CHECK(tot.intensity_g_per_kwh() == Approx(38.0).epsilon(1e-13));

  const Baseline base(us_grid_baseline());
  const auto a = models::avoided_emissions(base, tot);
  CHECK(a.baseline_g == Approx(15224792400.0).epsilon(1e-12));
  CHECK(a.scenario_g == Approx(1148436000.0).epsilon(1e-12));
  CHECK(a.avoided_g == Approx(14076356400.0).epsilon(1e-12));
  CHECK(a.efficiency_g == Approx(4072874400.0).epsilon(1e-12));
  CHECK(a.supply_g == Approx(10003482000.0).epsilon(1e-12));
  CHECK(a.baseline_pue == 1.57);
  CHECK(a.scenario_intensity_g_per_kwh == Approx(38.0).epsilon(1e-12));
  // 14,076 t/yr is about 1,773 US homes (EPA 7.94 t/home) or 3,060 passenger vehicles (4.6 t).
  CHECK(models::us_homes_equivalent(a.avoided_g) == Approx(14076.3564 / 7.94).epsilon(1e-9));
  CHECK(models::passenger_vehicles_equivalent(a.avoided_g) ==
        Approx(14076.3564 / 4.6).epsilon(1e-9));
}

TEST_CASE("efficiency and supply parts sum to the avoided total over random inputs",
          "[emissions]") {
  // Identity: (PUE_b E_IT - E_fac) f_b + (E_fac f_b - S) = PUE_b E_IT f_b - S = B - S.
  // Checked to 1e-12 of the larger of B and S (the avoided total itself may be near zero).
  std::mt19937_64 rng(2024);
  const auto u = [&](double lo, double hi) {
    return lo + (hi - lo) * static_cast<double>(rng() >> 11) * 0x1.0p-53;
  };
  double worst = 0;
  for (int i = 0; i < 10000; ++i) {
    models::EmissionsTotals s;
    s.it_energy_j = std::pow(10.0, u(6, 15));
    s.facility_energy_j = s.it_energy_j * u(1.0, 2.5);
    s.emissions_g = models::operational_emissions_g(s.facility_energy_j, u(0, 900));
    BaselineParams p;
    p.pue = u(1.0, 2.5);
    if (i % 2) {
      p.intensity_g_per_kwh = u(0, 900);
    } else {
      p.reference_emissions_g = s.emissions_g * u(0, 3);
    }
    const auto a = models::avoided_emissions(Baseline(p), s);
    const double scale = std::max(a.baseline_g, a.scenario_g);
    if (scale == 0) continue;
    worst = std::max(worst, std::abs(a.efficiency_g + a.supply_g - a.avoided_g) / scale);
    // Baseline identity B = E_IT PUE_b f_b also holds for a reference given directly.
    worst = std::max(worst, std::abs(models::operational_emissions_g(
                                         s.it_energy_j * p.pue, a.baseline_intensity_g_per_kwh) -
                                     a.baseline_g) /
                                scale);
  }
  CHECK(worst < 1e-12);
}

TEST_CASE("decomposition signs: worse PUE or dirtier supply give negative parts", "[emissions]") {
  // Scenario PUE 1.8 on a 600 g/kWh grid against the 1.57 / 369 baseline: both parts negative.
  models::EmissionsTotals s{1e12, 1.8e12, models::operational_emissions_g(1.8e12, 600.0)};
  const auto a = models::avoided_emissions(Baseline(us_grid_baseline()), s);
  CHECK(a.efficiency_g < 0);
  CHECK(a.supply_g < 0);
  // Same PUE and same intensity as the baseline: nothing avoided, both parts zero.
  models::EmissionsTotals same{1e12, 1.57e12, models::operational_emissions_g(1.57e12, 369.0)};
  const auto z = models::avoided_emissions(Baseline(us_grid_baseline()), same);
  CHECK(z.avoided_g == Approx(0.0).margin(1e-9 * z.baseline_g));
  CHECK(z.efficiency_g == Approx(0.0).margin(1e-9 * z.baseline_g));
  CHECK(z.supply_g == Approx(0.0).margin(1e-9 * z.baseline_g));
}

TEST_CASE("baseline parameters are validated", "[emissions]") {
  using Catch::Matchers::Contains;
  BaselineParams p = us_grid_baseline();
  p.pue = 0.9;
  CHECK_THROWS_WITH(Baseline(p), Contains("pue") && Contains("0.9"));
  p = us_grid_baseline();
  p.reference_emissions_g = 1e9;
  CHECK_THROWS_WITH(Baseline(p), Contains("exactly one"));
  p = BaselineParams{};
  CHECK_THROWS_AS(Baseline(p), ParameterError);
  p.intensity_g_per_kwh = -1;
  CHECK_THROWS_WITH(Baseline(p), Contains("-1"));
}

TEST_CASE("equivalences: the brief's 12,000 t a year", "[emissions]") {
  // 12,000 t / 7.94 t per home = 1,511 homes; / 4.6 t per vehicle = 2,609 vehicles.
  CHECK(models::us_homes_equivalent(12000e6) == Approx(1511.34).epsilon(1e-5));
  CHECK(models::passenger_vehicles_equivalent(12000e6) == Approx(2608.70).epsilon(1e-5));
  models::EquivalenceFactors older;
  older.home_energy_g_per_year = 8.30e6;
  CHECK(models::us_homes_equivalent(12000e6, older) == Approx(1445.78).epsilon(1e-5));
  // 100 t over 30 days is 100 * 365 / 30 = 1,216.67 t a year.
  CHECK(models::per_year_g(100e6, sim::days(30)) == Approx(1216.6667e6).epsilon(1e-7));
  CHECK_THROWS_AS(models::per_year_g(1.0, 0), ParameterError);
}
