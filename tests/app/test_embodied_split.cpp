// The embodied carbon of the servers by part in the summary: the ACT estimate of the logic chips kept
// apart from memory, storage and the generic remainder, and the chip shares, against the model by hand.
#include <catch2/catch.hpp>

#include <string>

#include "app/run.hpp"
#include "models/embodied_carbon.hpp"
#include "tests/support/scenario_text.hpp"

using namespace dcsim;

TEST_CASE("summary: the logic chips' embodied carbon apart from the rest, and their shares", "[embodied][summary]") {
  const std::string text = R"(name: chips
site: {builtin: ashburn}
period: {length: 73 d}
it:
  groups:
    - name: gpu
      count: 2
      idle_power: 4 kW
      peak_power: 10 kW
      embodied: {servers_per_rack: 4, lifetime: 4 y, act: {packages: [{die_area: 8 cm2, count: 8}], dram: 1024, ssd: 8000}}
    - name: cpu
      count: 1
      idle_power: 2 kW
      peak_power: 5 kW
      embodied: {per_server: 1500 kg, servers_per_rack: 10, lifetime: 5 y}
cooling:
  plants:
    - name: cw
      equipment:
        - {type: cooling_tower, capacity: 150 kW}
        - {type: water_cooled_chiller, capacity: 100 kW}
  air: {plant: cw}
)";
  const app::RunOutcome r = app::run_scenario(test::load_text(text, "chips.yaml"));
  const auto& s = r.summary;
  // 8 servers with ACT parts over 73 days of a 4-year life (0.05 of it); 10 given as 1.5 t over 5 years.
  models::ActServerSpec spec;
  models::LogicPackage gpu;
  gpu.die_area_cm2 = 8;
  gpu.count = 8;
  spec.packages = {gpu};
  spec.dram_gb = 1024;
  spec.ssd_gb = 8000;
  const models::EmbodiedSplit part = models::act_split_g(spec);
  const double f = 8 * 0.05 / 1e6;  // servers x share of life, g -> t
  CHECK(s.value("embodied_chips_t") == Approx(part.chips_g * f).epsilon(1e-9));
  CHECK(s.value("embodied_memory_storage_t") == Approx(part.memory_storage_g * f).epsilon(1e-9));
  CHECK(s.value("embodied_rest_t") == Approx(part.rest_g * f).epsilon(1e-9));
  // The chip share is over the ACT-estimated servers only; the total holds the given ones too.
  CHECK(s.value("embodied_chip_share") == Approx(part.chips_g / part.total_g()).epsilon(1e-9));
  CHECK(s.value("embodied_emissions_t") == Approx(part.total_g() * f + 10 * 1.5 * 73.0 / (5 * 365)).epsilon(1e-9));
  CHECK(s.value("lifecycle_chip_share") == Approx(s.value("embodied_chips_t") / s.value("lifecycle_emissions_t")).epsilon(1e-9));
}
