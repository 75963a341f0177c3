// A plant as a chain of stages with any number of each kind: towers and dry coolers in parallel on
// one header (models/rejection_header.hpp), chiller banks staged in list order, heat-reuse stages in
// series (models/heat_rejection_plant.hpp). Checked against exact invariants: a bank split in two
// identical halves on the header behaves as the whole bank; the header's heats add up to what it
// was given; a lag bank runs only beyond the lead bank's capacity; the plant's energy balance.
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <random>

#include "models/heat_rejection_plant.hpp"
#include "models/rejection_header.hpp"
#include "tests/support/plant_checks.hpp"

using namespace dcsim::models;

namespace {
constexpr double kCp = 4186.0;

RejectionBankParams tower(const char* name, double heat_w, int cells) {
  CoolingTowerParams t = open_cooling_tower(heat_w);
  t.cell_count = cells;
  return tower_bank(name, t);
}

RejectionBankParams dry(const char* name, double heat_w, int units) {
  DryCoolerParams d;
  d.design_heat_w = heat_w;
  d.unit_count = units;
  return dry_cooler_bank(name, d);
}

using dcsim::test::uniform;
}  // namespace

TEST_CASE("cooling tower and dry cooler: heat at an entering temperature inverts the leaving temperature", "[plant_stages]") {
  const CoolingTower t(open_cooling_tower(1.0e6));
  DryCoolerParams dp;
  dp.design_heat_w = 1.0e6;
  dp.unit_count = 2;
  const DryCooler d(dp);
  for (double q : {1.0e5, 5.0e5, 1.0e6, 1.4e6}) {
    for (double flow : {20.0, 40.0, 60.0}) {
      const double t_out = t.achievable_leaving_temp_c(q, 18.0, flow);
      CHECK(t.achievable_heat_w(t_out + q / (flow * kCp), 18.0, flow) == Approx(q).epsilon(1e-8));
      const double d_out = d.achievable_leaving_temp_c(q, 25.0, 18.0, flow, 1);
      CHECK(d.achievable_heat_w(d_out + q / (flow * kCp), 25.0, 18.0, flow, 1) == Approx(q).epsilon(1e-10));
    }
  }
  CHECK(t.achievable_heat_w(17.0, 18.0, 40.0) == 0.0);  // water colder than the wet bulb
  CHECK(d.achievable_heat_w(30.0, 25.0, 18.0, 40.0, 0) == 0.0);  // no unit up
}

TEST_CASE("rejection header: two identical half banks behave as the whole bank", "[plant_stages]") {
  // Half the design heat and half the cells each: the same NTU per unit of water, so with the water
  // split evenly each half leaves at the temperature of the whole.
  const RejectionHeader whole({tower("all", 1.2e6, 2)});
  const RejectionHeader halves({tower("a", 0.6e6, 1), tower("b", 0.6e6, 1)});
  const RejectionHeader dry_whole({dry("all", 1.2e6, 4)});
  const RejectionHeader dry_halves({dry("a", 0.6e6, 2), dry("b", 0.6e6, 2)});
  const RejectionConditions air{24.0, 17.0};
  for (double q : {2.0e5, 8.0e5, 1.2e6, 1.6e6}) {
    const double flow = 1.2e6 / (kCp * 5.6);
    CHECK(halves.achievable_leaving_c(q, flow, air, {}) == Approx(whole.achievable_leaving_c(q, flow, air, {})).epsilon(1e-9));
    CHECK(dry_halves.achievable_leaving_c(q, flow, air, {}) ==
          Approx(dry_whole.achievable_leaving_c(q, flow, air, {})).epsilon(1e-9));
    for (double set : {20.0, 24.0, 28.0}) {
      const auto a = whole.operate(q, flow, set, air, {});
      const auto b = halves.operate(q, flow, set, air, {});
      // At minimum fan speed one bank reports the colder water its fans give; the header reports the
      // set point its bypass holds.
      if (a.leaving_c >= set - 1e-9) {
        CHECK(b.leaving_c == Approx(a.leaving_c).epsilon(1e-8));
      } else {
        CHECK(b.leaving_c == Approx(set).epsilon(1e-9));
      }
      CHECK(b.short_ == a.short_);
      CHECK(b.evaporation_kg_s == Approx(a.evaporation_kg_s).epsilon(1e-6));
      CHECK(b.fan_w == Approx(a.fan_w).epsilon(1e-5));
    }
  }
}

TEST_CASE("rejection header: a tower and a dry cooler share one entering temperature", "[plant_stages]") {
  const RejectionHeader hybrid({dry("dry", 6.0e5, 2), tower("wet", 6.0e5, 2)});
  const RejectionHeader dry_only({dry("dry", 6.0e5, 2)});
  const RejectionHeader wet_only({tower("wet", 6.0e5, 2)});
  const double flow = 1.2e6 / (kCp * 6.0);
  // Hot dry air: the tower (wet bulb 20) beats the dry cooler (dry bulb 35); the mix lies between what
  // each alone would give at its own share of the water.
  const RejectionConditions hot{35.0, 20.0};
  const double q = 1.0e6;
  const double mixed = hybrid.achievable_leaving_c(q, flow, hot, {});
  CHECK(mixed > wet_only.achievable_leaving_c(q / 2, flow / 2, hot, {}));
  CHECK(mixed < dry_only.achievable_leaving_c(q / 2, flow / 2, hot, {}));
  CHECK(std::isfinite(mixed));
  // The balance: mixed leaving = entering - Q / (m c_p); both banks see the entering water.
  const auto op = hybrid.operate(q, flow, 20.0, hot, {});
  CHECK(op.short_);
  CHECK(op.leaving_c == Approx(mixed).epsilon(1e-9));
  CHECK(op.evaporation_kg_s > 0.0);
  // A set point both banks can hold: each leaves at it, the mix too.
  const auto easy = hybrid.operate(3.0e5, flow, 30.0, RejectionConditions{10.0, 6.0}, {});
  CHECK_FALSE(easy.short_);
  CHECK(easy.leaving_c == Approx(30.0).epsilon(1e-9));
  // One bank with no unit up passes its water uncooled: the other carries everything, warmer.
  const int dry_down[] = {0, -1};
  const double one_left = hybrid.achievable_leaving_c(q, flow, hot, dry_down);
  CHECK(one_left > mixed);
  const int all_down[] = {0, 0};
  CHECK_FALSE(hybrid.any_up(all_down));
  CHECK(std::isinf(hybrid.achievable_leaving_c(q, flow, hot, all_down)));
}

TEST_CASE("plant: chiller banks stage in list order, the lag bank only beyond the lead", "[plant_stages]") {
  HeatRejectionPlantParams lead_only;
  lead_only.rejection = {tower("t", 2.0e6, 2)};
  lead_only.chillers = {{"lead", water_cooled_chiller(5.0e5), 2}};
  HeatRejectionPlantParams two = lead_only;
  two.chillers.push_back({"lag", air_cooled_chiller(3.0e5), 2});
  const HeatRejectionPlant a(lead_only), b(two);
  PlantInputs in;
  in.supply_set_c = 7.0;
  in.flow_kg_s = 1.6e6 / (kCp * 6.0);
  in.dry_bulb_c = 30.0;
  in.wet_bulb_c = 22.0;
  in.mode = EconomizerMode::mechanical;
  // 800 kW: the lead bank's two units carry it, the lag bank stays off: the same plant as lead alone.
  in.load_w = 8.0e5;
  in.return_temp_c = 7.0 + in.load_w / (in.flow_kg_s * kCp);
  const auto small_a = a.solve(in), small_b = b.solve(in);
  CHECK(small_b.chillers_running == 2);
  CHECK(small_b.power.compressor_w == small_a.power.compressor_w);
  CHECK_FALSE(small_b.capacity_short);
  // 1.5 MW: more than the lead bank can give; the lag bank takes the rest, nothing unmet.
  in.load_w = 1.5e6;
  in.return_temp_c = 7.0 + in.load_w / (in.flow_kg_s * kCp);
  const auto big_a = a.solve(in), big_b = b.solve(in);
  CHECK(big_a.capacity_short);
  CHECK_FALSE(big_b.capacity_short);
  CHECK(big_b.chillers_running > 2);
  CHECK(big_b.chiller_cooling_w == Approx(1.5e6).epsilon(1e-9));
  // The lead bank out: the lag bank alone, short of 1.5 MW by what it cannot give.
  const int lead_down[] = {0, -1};
  in.available.chillers_up = lead_down;
  const auto lag = b.solve(in);
  CHECK(lag.capacity_short);
  CHECK(lag.chillers_running == 2);
  CHECK(lag.chiller_cooling_w < 7.0e5);
}

TEST_CASE("plant: heat-reuse stages in series, each at its own demand and entering water", "[plant_stages]") {
  HeatReuseParams r;
  r.capacity_w = 2.0e5;
  r.district_supply_temp_c = 35.0;
  r.district_return_temp_c = 30.0;
  HeatRejectionPlantParams one, two;
  one.rejection = two.rejection = {dry("d", 1.2e6, 2)};
  one.heat_reuse = {r};
  two.heat_reuse = {r, r};
  PlantInputs in;
  in.load_w = 8.0e5;
  in.supply_set_c = 32.0;
  in.flow_kg_s = 8.0e5 / (kCp * 8.0);
  in.return_temp_c = 40.0;
  in.dry_bulb_c = 10.0;
  in.wet_bulb_c = 6.0;
  in.mode = EconomizerMode::free;
  const double d1[] = {1.5e5}, d2[] = {1.5e5, 1.0e5};
  in.reuse_demand_w = d1;
  const auto a = HeatRejectionPlant(one).solve(in);
  in.reuse_demand_w = d2;
  const auto b = HeatRejectionPlant(two).solve(in);
  CHECK(a.heat_reused_w == Approx(1.5e5));
  CHECK(b.heat_reused_w == Approx(2.5e5));
  CHECK(b.heat_rejected_w == Approx(a.heat_rejected_w - 1.0e5).epsilon(1e-9));
  // The second stage sees the water the first cooled: direct exchange into a 36 degC district needs
  // the loop at 36 + 3 K; the first stage at 40 degC can, the second at 40 - 150 kW / (m c_p) = 38.5 cannot.
  r.district_supply_temp_c = 36.0;
  two.heat_reuse = {r, r};
  const auto c = HeatRejectionPlant(two).solve(in);
  CHECK(c.heat_reused_w == Approx(1.5e5));
}

TEST_CASE("plant: the energy balance holds with several stages of each kind", "[plant_stages]") {
  HeatRejectionPlantParams p;
  p.rejection = {dry("dry", 6.0e5, 2), tower("wet", 8.0e5, 2)};
  p.chillers = {{"lead", water_cooled_chiller(4.0e5), 2}, {"lag", air_cooled_chiller(3.0e5), 1}};
  HeatReuseParams r;
  r.capacity_w = 1.0e5;
  r.heat_pump = true;
  p.heat_reuse = {r, r};
  p.pump_count = 2;
  const HeatRejectionPlant plant(p);
  std::mt19937_64 rng(7);
  for (int i = 0; i < 300; ++i) {
    PlantInputs in = dcsim::test::random_plant_inputs(rng);
    const double demand[] = {uniform(rng, 0.0, 2.0e5), uniform(rng, 0.0, 2.0e5)};
    in.reuse_demand_w = demand;
    const int chillers_up[] = {static_cast<int>(uniform(rng, 0.0, 2.999)), static_cast<int>(uniform(rng, 0.0, 1.999))};
    const int rejection_up[] = {static_cast<int>(uniform(rng, 0.0, 2.999)), static_cast<int>(uniform(rng, 0.0, 2.999))};
    in.available.chillers_up = chillers_up;
    in.available.rejection_up = rejection_up;
    dcsim::test::check_plant_balance(in, plant.solve(in));
  }
}
