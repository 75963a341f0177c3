#include <catch2/catch.hpp>

#include "models/work_metrics.hpp"
#include "sim/check.hpp"

using namespace dcsim;

TEST_CASE("work done is the full-utilization rate times the integral of utilization", "[work]") {
  // 1000 inferences/s at full load: 1 h at 50 % then 1 h at 100 % = 1000 * (1800 + 3600) = 5.4e6.
  models::WorkCounter c({1000.0});
  c.add(0.5, sim::hours(1));
  c.add(1.0, sim::hours(1));
  c.add(0.0, sim::hours(5));
  CHECK(c.work() == Approx(5.4e6).epsilon(1e-15));
  CHECK_THROWS_WITH(c.add(1.2, sim::hours(1)), Catch::Matchers::Contains("1.2"));
  CHECK_THROWS_WITH(models::WorkCounter({0.0}), Catch::Matchers::Contains("work_per_s_at_full"));
}

TEST_CASE("energy and carbon per unit of work, by hand", "[work]") {
  // Over those 2 h: IT 1 MWh = 3.6e9 J, PUE 1.15 -> facility 4.14e9 J = 1150 kWh, on geothermal at
  // 38 g/kWh: 43,700 g. Embodied: 8 servers of 3700 kg over 4 years = 925 kg/yr each;
  // 2 h of 8760 h: 8 * 925e3 * 2 / 8760 = 1689.50 g.
  //   facility energy per inference 4.14e9 / 5.4e6 = 766.667 J;  IT 666.667 J
  //   operational 43,700 / 5.4e6 = 8.09259e-3 g;  embodied 1689.50 / 5.4e6 = 3.12870e-4 g
  //   embodied share 1689.50 / (43,700 + 1689.50) = 0.037222
  models::WorkTotals t;
  t.work = 5.4e6;
  t.it_energy_j = 3.6e9;
  t.facility_energy_j = 4.14e9;
  t.operational_emissions_g = 1150 * 38.0;
  t.embodied_emissions_g = 8 * 925e3 * 2 / 8760;
  const auto m = models::work_metrics(t);
  CHECK(m.facility_energy_per_work_j == Approx(766.6667).epsilon(1e-7));
  CHECK(m.it_energy_per_work_j == Approx(666.6667).epsilon(1e-7));
  CHECK(m.facility_energy_per_work_j / m.it_energy_per_work_j == Approx(1.15).epsilon(1e-14));
  CHECK(m.operational_g_per_work == Approx(8.09259e-3).epsilon(1e-6));
  CHECK(m.embodied_g_per_work == Approx(3.12870e-4).epsilon(1e-5));
  CHECK(m.lifecycle_g_per_work == Approx(8.09259e-3 + 3.12870e-4).epsilon(1e-6));
  CHECK(m.embodied_share == Approx(0.037222).epsilon(1e-5));
  t.work = 0;
  CHECK_THROWS_AS(models::work_metrics(t), ParameterError);
}

TEST_CASE("comparisons: percent less and times as efficient", "[work]") {
  // The brief's "62 % less energy per inference": new = 0.38 old,
  // i.e. 1 / 0.38 = 2.6316 x as efficient.
  CHECK(models::percent_less(0.38, 1.0) == Approx(62.0).epsilon(1e-13));
  CHECK(models::times_as_efficient(0.38, 1.0) == Approx(2.631579).epsilon(1e-6));
  CHECK(models::times_as_efficient_from_percent_less(62.0) == Approx(2.631579).epsilon(1e-6));
  // "3.5 x as efficient": new = old / 3.5, i.e. 100 (1 - 1/3.5) = 71.43 % less energy per unit.
  CHECK(models::times_as_efficient(200.0 / 3.5, 200.0) == Approx(3.5).epsilon(1e-14));
  CHECK(models::percent_less(200.0 / 3.5, 200.0) == Approx(71.428571).epsilon(1e-8));
  // A worse new figure is a negative reduction and a ratio below 1.
  CHECK(models::percent_less(1.25, 1.0) == Approx(-25.0).epsilon(1e-13));
  CHECK(models::times_as_efficient(1.25, 1.0) == Approx(0.8).epsilon(1e-14));
  CHECK_THROWS_AS(models::times_as_efficient_from_percent_less(100.0), ParameterError);
  CHECK_THROWS_AS(models::percent_less(1.0, 0.0), ParameterError);
}
