#include <catch2/catch.hpp>

#include "models/embodied_carbon.hpp"
#include "sim/check.hpp"

using namespace dcsim;
using models::LogicPackage;

TEST_CASE("ACT carbon per area of a 7 nm die, by hand", "[embodied]") {
  // CPA = (583 g/kWh * 2.15 kWh/cm2 + 275 g/cm2 + 500 g/cm2) / 0.875
  //     = (1253.45 + 275 + 500) / 0.875 = 2028.45 / 0.875 = 2318.2286 g/cm2 = 2.32 kg/cm2
  LogicPackage die;
  die.die_area_cm2 = 1.0;
  CHECK(models::act_die_g_per_cm2(die) == Approx(2318.228571).epsilon(1e-9));
  // The REFERENCE range 2.2-2.6 kg/cm2 spans the gas range and Taiwan's 583-642 g/kWh:
  //   gases 200 at 583: (1253.45 + 700) / 0.875 = 2232.51
  //   gases 350 at 642: (1380.3 + 850) / 0.875 = 2548.91
  die.fab_gases_g_per_cm2 = 200;
  CHECK(models::act_die_g_per_cm2(die) == Approx(2232.514286).epsilon(1e-9));
  die.fab_gases_g_per_cm2 = 350;
  die.fab_intensity_g_per_kwh = 642;
  CHECK(models::act_die_g_per_cm2(die) == Approx(2548.914286).epsilon(1e-9));
  // Carbon per area grows as 1 / yield: a yield of 0.5 costs 1.75x the 0.875 figure.
  LogicPackage poor;
  poor.die_area_cm2 = 1.0;
  poor.yield = 0.5;
  CHECK(models::act_die_g_per_cm2(poor) == Approx(2318.228571 * 0.875 / 0.5).epsilon(1e-9));
}

TEST_CASE("ACT packages, memory and storage of a GPU server", "[embodied]") {
  // 8 GPUs, one 8.26 cm2 7 nm die each (GA100 size):
  //   8 * (8.26 * 2318.2286 + 150) = 8 * 19298.568 = 154388.54 g
  // 2 CPUs, 4 cm2 each: 2 * (4 * 2318.2286 + 150) = 18845.83 g
  // DRAM 1024 GB * 65 = 66560 g; HBM 640 GB * 65 = 41600 g (counted as DRAM)
  // SSD 15360 GB * 18.5 = 284160 g
  models::ActServerSpec s;
  LogicPackage gpu, cpu;
  gpu.die_area_cm2 = 8.26;
  gpu.count = 8;
  cpu.die_area_cm2 = 4.0;
  cpu.count = 2;
  s.packages = {gpu, cpu};
  s.dram_gb = 1024 + 640;
  s.ssd_gb = 15360;
  s.rest_of_server_g = 1.0e6;
  CHECK(models::act_packages_g(gpu) == Approx(154388.54).epsilon(1e-7));
  CHECK(models::act_packages_g(cpu) == Approx(18845.83).epsilon(1e-6));
  const double components = 154388.54 + 18845.83 + 66560 + 41600 + 284160;
  CHECK(models::act_components_g(s) == Approx(components).epsilon(1e-7));
  CHECK(models::act_server_g(s) == Approx(components + 1.0e6).epsilon(1e-7));
  // Two dies in one package pay the 150 g package once.
  LogicPackage chiplets = cpu;
  chiplets.count = 1;
  chiplets.die_area_cm2 = 2.0;
  chiplets.dies_per_package = 2;
  CHECK(models::act_packages_g(chiplets) == Approx(4 * 2318.228571 + 150).epsilon(1e-9));
}

TEST_CASE("Boavizta split: the reference server adds up to 3.7 t", "[embodied]") {
  // Reference: 2 * (4 * 2318.2286 + 150) + 384 * 65 + 1920 * 18.5
  //   = 18845.83 + 24960 + 35520 = 79325.83 g
  // rest = 3,700,000 - 79,325.83 = 3,620,674.17 g
  CHECK(models::act_components_g(models::boavizta_reference_server()) ==
        Approx(79325.83).epsilon(1e-7));
  CHECK(models::boavizta_rest_of_server_g() == Approx(3620674.17).epsilon(1e-9));
  CHECK(models::act_server_g(models::boavizta_reference_server()) == Approx(3.7e6).epsilon(1e-14));
}

TEST_CASE("embodied carbon: given or estimated, annualized over the lifetime", "[embodied]") {
  models::EmbodiedCarbonParams p;
  p.per_server_kg = 3700;
  const models::EmbodiedCarbon given(p);
  CHECK(given.per_server_g() == 3.7e6);
  CHECK(given.annual_per_server_g() == Approx(925e3).epsilon(1e-15));  // 3700 kg / 4 years
  CHECK(given.per_server_for_period_g(sim::days(73)) == Approx(925e3 * 0.2).epsilon(1e-14));

  models::EmbodiedCarbonParams q;
  q.act = models::boavizta_reference_server();
  q.act.dram_gb = 768;  // 384 GB more: + 24,960 g
  q.lifetime_years = 6;
  const models::EmbodiedCarbon est(q);
  CHECK(est.per_server_g() == Approx(3.7e6 + 384 * 65.0).epsilon(1e-12));
  CHECK(est.annual_per_server_g() == Approx((3.7e6 + 24960) / 6).epsilon(1e-12));
}

TEST_CASE("embodied carbon parameters are validated with the bad value", "[embodied]") {
  using Catch::Matchers::Contains;
  models::EmbodiedCarbonParams p;
  p.per_server_kg = 100;
  p.lifetime_years = 0;
  CHECK_THROWS_WITH(models::EmbodiedCarbon(p), Contains("lifetime_years") && Contains("got 0"));
  models::EmbodiedCarbonParams q;
  q.act = models::boavizta_reference_server();
  q.act.packages[0].yield = 1.2;
  CHECK_THROWS_WITH(models::EmbodiedCarbon(q), Contains("yield") && Contains("1.2"));
  q.act = models::boavizta_reference_server();
  q.act.packages[0].die_area_cm2 = 0;
  CHECK_THROWS_AS(models::EmbodiedCarbon(q), ParameterError);
  q.act = models::boavizta_reference_server();
  q.act.ssd_gb = -5;
  CHECK_THROWS_WITH(models::EmbodiedCarbon(q), Contains("ssd_gb") && Contains("-5"));
}

TEST_CASE("embodied carbon by part: chips, memory and storage and the rest sum to the server", "[embodied]") {
  models::ActServerSpec s;
  LogicPackage gpu;
  gpu.die_area_cm2 = 8.14;  // an H100-size die
  gpu.count = 8;
  s.packages = {gpu};
  s.dram_gb = 2048;
  s.ssd_gb = 30000;
  const models::EmbodiedSplit p = models::act_split_g(s);
  // 8 * (8.14 * 2318.2286 + 150) = 152,169 g of chips; 2048 * 65 + 30000 * 18.5 = 688,120 g.
  CHECK(p.chips_g == Approx(8 * (8.14 * 2318.228571 + 150)).epsilon(1e-9));
  CHECK(p.memory_storage_g == Approx(2048 * 65.0 + 30000 * 18.5).epsilon(1e-12));
  CHECK(p.rest_g == Approx(models::boavizta_rest_of_server_g()).epsilon(1e-12));
  CHECK(p.total_g() == Approx(models::act_server_g(s)).epsilon(1e-12));
  // Given as one figure, a footprint has no split.
  models::EmbodiedCarbonParams given;
  given.per_server_kg = 1500;
  CHECK_FALSE(models::EmbodiedCarbon(given).split_per_server_g().has_value());
  models::EmbodiedCarbonParams est;
  est.act = s;
  REQUIRE(models::EmbodiedCarbon(est).split_per_server_g().has_value());
  CHECK(models::EmbodiedCarbon(est).split_per_server_g()->total_g() == Approx(models::EmbodiedCarbon(est).per_server_g()));
}
