#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <random>

#include "models/heat_rejection_plant.hpp"
#include "sim/check.hpp"
#include "tests/support/plant_checks.hpp"

using namespace dcsim::models;

namespace {
constexpr double kCp = 4186.0;

// Chilled water 7 / 13 degC for 1 MW: open towers (2 cells, 1.4 MW) and two 600 kW water-cooled chillers.
HeatRejectionPlantParams tower_plant() {
  HeatRejectionPlantParams p;
  auto t = open_cooling_tower(1.4e6);
  t.cell_count = 2;
  p.rejection = {tower_bank("1", t)};
  p.chillers = {{"1", water_cooled_chiller(6.0e5), 2}};
  p.pump_count = 2;
  return p;
}

// Dry coolers with adiabatic pads and two 600 kW air-cooled chillers.
HeatRejectionPlantParams dry_plant() {
  HeatRejectionPlantParams p;
  DryCoolerParams d;
  d.design_heat_w = 1.2e6;
  d.unit_count = 2;
  d.adiabatic = true;
  p.rejection = {dry_cooler_bank("1", d)};
  p.chillers = {{"1", air_cooled_chiller(6.0e5), 2}};
  return p;
}

// Warm-water liquid loop: closed towers only, heat reuse through a heat pump.
HeatRejectionPlantParams warm_plant() {
  HeatRejectionPlantParams p;
  p.rejection = {tower_bank("1", closed_cooling_tower(1.2e6))};
  HeatReuseParams r;
  r.capacity_w = 4.0e5;
  r.heat_pump = true;
  p.heat_reuse = {r};
  return p;
}

PlantInputs chilled(double load_w, double wb_c, EconomizerMode mode) {
  PlantInputs in;
  in.load_w = load_w;
  in.supply_set_c = 7.0;
  in.flow_kg_s = 1.0e6 / (kCp * 6.0);
  in.return_temp_c = 7.0 + load_w / (in.flow_kg_s * kCp);
  in.wet_bulb_c = wb_c;
  in.dry_bulb_c = wb_c + 5.0;
  in.mode = mode;
  return in;
}

using dcsim::test::uniform;
}  // namespace

TEST_CASE("plant: energy balance holds exactly over random inputs", "[plant]") {
  std::mt19937_64 rng(2024);
  for (const auto& params : {tower_plant(), dry_plant(), warm_plant()}) {
    const HeatRejectionPlant plant(params);
    for (int i = 0; i < 300; ++i) {
      PlantInputs in = dcsim::test::random_plant_inputs(rng);
      const double demand[] = {uniform(rng, 0.0, 6.0e5)};
      in.reuse_demand_w = demand;
      const int chillers_up[] = {static_cast<int>(uniform(rng, 0.0, 2.999))};
      const int rejection_up[] = {static_cast<int>(uniform(rng, 0.0, 2.999))};
      in.available.chillers_up = chillers_up;
      in.available.rejection_up = rejection_up;
      dcsim::test::check_plant_balance(in, plant.solve(in));
    }
  }
}

TEST_CASE("plant: free cooling in cold weather uses no compressor", "[plant]") {
  const HeatRejectionPlant plant(tower_plant());
  // 7 degC chilled water needs tower water at 4.71 degC: a wet bulb of -10 degC (a Des Moines
  // January night) with this tower at 57 % of its design heat.
  const auto out = plant.solve(chilled(8.0e5, -10.0, EconomizerMode::free));
  CHECK(out.power.compressor_w == 0.0);
  CHECK(out.chillers_running == 0);
  CHECK(out.unmet_w == Approx(0.0).margin(1e-6));
  CHECK(out.supply_temp_c == Approx(7.0).epsilon(1e-12));
  CHECK(out.free_cooling_w == Approx(8.0e5));
  CHECK(out.power.fans_w > 0.0);
  CHECK(out.power.pumps_w > 0.0);
  CHECK(out.water.evaporation_kg_s > 0.0);
  // Partial-mode weather: the economizer takes part, the chillers trim, less compressor than mechanical.
  const auto partial = plant.solve(chilled(8.0e5, -6.0, EconomizerMode::partial));
  const auto mech = plant.solve(chilled(8.0e5, -6.0, EconomizerMode::mechanical));
  CHECK(partial.free_cooling_w > 0.0);
  CHECK(partial.chiller_cooling_w > 0.0);
  CHECK(partial.unmet_w == Approx(0.0).margin(1e-6));
  CHECK(partial.power.compressor_w < mech.power.compressor_w);
  CHECK(partial.power.total_w() < mech.power.total_w());
  CHECK(partial.mode == EconomizerMode::partial);
  CHECK(mech.free_cooling_w == 0.0);
  // Too warm for any free share once the chillers' condenser heat shares the tower water: the plant
  // runs mechanical rather than spinning the tower fans for nothing.
  const auto useless = plant.solve(chilled(8.0e5, 3.0, EconomizerMode::partial));
  CHECK(useless.mode == EconomizerMode::mechanical);
  CHECK(useless.power.total_w() == plant.solve(chilled(8.0e5, 3.0, EconomizerMode::mechanical)).power.total_w());
}

TEST_CASE("plant: the economizer controller can decide from the plant's free-water temperature", "[plant]") {
  const HeatRejectionPlant plant(tower_plant());
  EconomizerController c{EconomizerParams{}};
  auto in = chilled(8.0e5, -10.0, EconomizerMode::mechanical);
  const double t_free = plant.free_water_temp_c(in);
  CHECK(t_free < 7.0 - 1.0);
  CHECK(c.decide_free_water(0.0, t_free, in.supply_set_c, in.return_temp_c) == EconomizerMode::free);
  in.wet_bulb_c = 10.0;  // tower water above the return temperature: nothing to gain
  CHECK(plant.free_water_temp_c(in) > in.return_temp_c);
  const int none_up[] = {0};
  in.available.rejection_up = none_up;
  CHECK(std::isinf(plant.free_water_temp_c(in)));
}

TEST_CASE("plant: a warmer supply set point lowers chiller energy", "[plant]") {
  const HeatRejectionPlant plant(tower_plant());
  auto cold = chilled(8.0e5, 22.0, EconomizerMode::mechanical);
  auto warm = cold;
  warm.supply_set_c = 10.0;
  warm.return_temp_c = cold.return_temp_c + 3.0;
  const auto a = plant.solve(cold);
  const auto b = plant.solve(warm);
  CHECK(a.chiller_cooling_w == Approx(b.chiller_cooling_w));
  CHECK(b.power.compressor_w < a.power.compressor_w);
  // Air-cooled plant too.
  const HeatRejectionPlant air(dry_plant());
  CHECK(air.solve(warm).power.compressor_w < air.solve(cold).power.compressor_w);
}

TEST_CASE("plant: a colder condenser-water set point lowers chiller energy", "[plant][condenser]") {
  // 10 degC wet bulb: the towers can make 18 or 14 degC water; the fixed 24 degC set point wastes it.
  auto params = tower_plant();
  const auto in = chilled(8.0e5, 10.0, EconomizerMode::mechanical);
  auto solve_at = [&](double set_c) {
    params.condenser_water_set_c = set_c;
    return HeatRejectionPlant(params).solve(in);
  };
  const auto at24 = solve_at(24.0), at18 = solve_at(18.0), at14 = solve_at(14.0);
  CHECK(at24.rejection_leaving_temp_c == Approx(24.0).margin(1e-6));
  CHECK(at18.rejection_leaving_temp_c == Approx(18.0).margin(1e-6));
  CHECK(at18.power.compressor_w < 0.95 * at24.power.compressor_w);
  CHECK(at14.power.compressor_w < at18.power.compressor_w);
  CHECK(at18.power.fans_w > at24.power.fans_w);  // the towers work harder for it
  for (const auto* op : {&at24, &at18, &at14}) {
    CHECK(op->unmet_w == Approx(0.0).margin(1e-6));
    CHECK(op->heat_rejected_w == Approx(in.load_w + op->power.compressor_w).epsilon(1e-9));
  }
  // Reset with the wet bulb: the plant runs as with the fixed set point clamp(T_wb + 4, 13, 22) degC
  // (the towers make it when they can: their approach widens at a low wet bulb).
  params.condenser_water_reset = SupplyReset{4.0, 13.0, 22.0};
  const HeatRejectionPlant reset(params);
  params.condenser_water_reset.reset();
  for (double wb : {5.0, 10.0, 16.0, 19.0, 24.0}) {
    INFO("wet bulb " << wb << " degC");
    const auto day = chilled(8.0e5, wb, EconomizerMode::mechanical);
    params.condenser_water_set_c = std::clamp(wb + 4.0, 13.0, 22.0);
    const auto fixed = HeatRejectionPlant(params).solve(day), reset_op = reset.solve(day);
    CHECK(reset_op.power.compressor_w == fixed.power.compressor_w);
    CHECK(reset_op.power.fans_w == fixed.power.fans_w);
    CHECK(reset_op.rejection_leaving_temp_c >= params.condenser_water_set_c - 1e-9);
  }
}

TEST_CASE("plant: condenser pump power falls with load", "[plant][pumps]") {
  // Two pumps on the towers' 1.4 MW design flow. Variable speed: flow = design x clamp(Q_w / 1.4 MW,
  // 0.5, 1), Q_w = load (1 + 1 / 5.5) with the water-cooled chillers running; power by the cube law.
  auto params = tower_plant();
  const HeatRejectionPlant variable(params);
  params.pump_variable = false;
  const HeatRejectionPlant constant(params);
  const double p_design = constant.solve(chilled(8.0e5, 18.0, EconomizerMode::mechanical)).power.pumps_w;
  double last = 0.0;
  for (double load : {1.0e5, 3.0e5, 5.0e5, 7.0e5, 9.0e5, 1.1e6}) {
    INFO("load " << load << " W");
    const auto in = chilled(load, 18.0, EconomizerMode::mechanical);
    const auto v = variable.solve(in), c = constant.solve(in);
    CHECK(c.power.pumps_w == Approx(p_design).epsilon(1e-12));  // constant flow: the same at every load
    // At 1.1 MW the towers cannot reach the 24 degC set point at that flow: the pumps go to full flow
    // with the fans flat out.
    const double share = load > 1.0e6 ? 1.0 : std::clamp(load * (1.0 + 1.0 / 5.5) / 1.4e6, 0.5, 1.0);
    CHECK(v.power.pumps_w == Approx(p_design * share * share * share).epsilon(1e-9));
    CHECK(v.power.pumps_w >= last);
    CHECK(v.power.pumps_w <= c.power.pumps_w * (1.0 + 1e-12));
    CHECK(v.unmet_w == Approx(0.0).margin(1e-6));
    CHECK(v.heat_rejected_w == Approx(in.load_w + v.power.compressor_w).epsilon(1e-9));
    last = v.power.pumps_w;
  }
  // Half the load, an eighth of the pump power at the 50 % minimum flow.
  CHECK(variable.solve(chilled(3.0e5, 18.0, EconomizerMode::mechanical)).power.pumps_w == Approx(p_design / 8.0).epsilon(1e-9));
}

TEST_CASE("plant: a hotter ambient raises the power", "[plant]") {
  const HeatRejectionPlant plant(tower_plant());
  const auto mild = plant.solve(chilled(8.0e5, 15.0, EconomizerMode::mechanical));
  const auto hot = plant.solve(chilled(8.0e5, 26.0, EconomizerMode::mechanical));
  CHECK(hot.power.total_w() > mild.power.total_w());
  CHECK(hot.power.compressor_w > mild.power.compressor_w);
  CHECK(hot.rejection_leaving_temp_c > mild.rejection_leaving_temp_c);
  const HeatRejectionPlant air(dry_plant());
  auto in = chilled(8.0e5, 15.0, EconomizerMode::mechanical);
  const double p_mild = air.solve(in).power.total_w();
  in.dry_bulb_c = 38.0;
  in.wet_bulb_c = 24.0;
  CHECK(air.solve(in).power.total_w() > p_mild);
}

TEST_CASE("plant: zero load draws no compressor, fan or pump power", "[plant]") {
  for (const auto& params : {tower_plant(), dry_plant(), warm_plant()}) {
    const HeatRejectionPlant plant(params);
    for (auto mode : {EconomizerMode::free, EconomizerMode::partial, EconomizerMode::mechanical}) {
      const auto out = plant.solve(chilled(0.0, 20.0, mode));
      CHECK(out.power.total_w() == 0.0);
      CHECK(out.heat_rejected_w == 0.0);
      CHECK(out.water.total_kg_s() == 0.0);
      CHECK(out.supply_temp_c == 7.0);
    }
  }
}

TEST_CASE("plant: capacity shortage raises the supply temperature", "[plant]") {
  const HeatRejectionPlant plant(tower_plant());
  auto in = chilled(1.0e6, 22.0, EconomizerMode::mechanical);
  const int one_up[] = {1};
  in.available.chillers_up = one_up;  // one 600 kW chiller left for 1 MW
  const auto out = plant.solve(in);
  CHECK(out.capacity_short);
  CHECK(out.chillers_running == 1);
  CHECK(out.unmet_w > 3.0e5);
  CHECK(out.unmet_w == Approx(1.0e6 - out.chiller_cooling_w));
  // Unmet heat stays in the water: T_supply - T_set = unmet / (m c_p).
  CHECK(out.supply_temp_c - 7.0 == Approx(out.unmet_w / (in.flow_kg_s * kCp)).epsilon(1e-9));
  // Free cooling short in milder weather: the chillers stage on and hold the set point (partial, or
  // mechanical when their condenser heat leaves the shared tower water no use to the economizer).
  const auto warm = plant.solve(chilled(8.0e5, -2.0, EconomizerMode::free));
  CHECK_FALSE(warm.capacity_short);
  CHECK(warm.mode != EconomizerMode::free);
  CHECK(warm.chillers_running >= 1);
  CHECK(warm.free_cooling_w + warm.chiller_cooling_w == Approx(8.0e5).epsilon(1e-9));
  CHECK(warm.supply_temp_c == Approx(7.0).epsilon(1e-9));
  // Without chillers the same plant has only its free cooling: fans flat out, the supply follows the
  // towers' water + the HX approach at the heat it carries (2.29 K at the towers' 1.4 MW design heat,
  // in proportion to the heat: a fixed-UA exchanger), the rest unmet.
  auto params = tower_plant();
  params.chillers.clear();
  const HeatRejectionPlant towers_only(params);
  for (auto mode : {EconomizerMode::free, EconomizerMode::partial, EconomizerMode::mechanical}) {
    const auto t = towers_only.solve(chilled(8.0e5, -2.0, mode));
    CHECK(t.capacity_short);
    CHECK(t.rejection_short);
    CHECK(t.free_cooling_w > 0.0);
    CHECK(t.supply_temp_c == Approx(t.rejection_leaving_temp_c + 2.29 * t.free_cooling_w / 1.4e6).epsilon(1e-6));
    CHECK(t.power.compressor_w == 0.0);
  }
}

TEST_CASE("plant: heat reuse takes its share before rejection", "[plant]") {
  const HeatRejectionPlant plant(warm_plant());
  PlantInputs in;
  in.load_w = 8.0e5;
  in.supply_set_c = 32.0;
  in.flow_kg_s = 8.0e5 / (kCp * 8.0);
  in.return_temp_c = 40.0;
  in.dry_bulb_c = 18.0;
  in.wet_bulb_c = 12.0;
  in.mode = EconomizerMode::free;
  const auto none = plant.solve(in);
  const double demand[] = {3.0e5};
  in.reuse_demand_w = demand;
  const auto reuse = plant.solve(in);
  CHECK(reuse.heat_reused_w == Approx(3.0e5));
  CHECK(reuse.power.heat_pump_w > 0.0);
  CHECK(reuse.heat_rejected_w == Approx(8.0e5 - (3.0e5 - reuse.power.heat_pump_w)));
  CHECK(reuse.water.evaporation_kg_s < none.water.evaporation_kg_s);
  CHECK(reuse.unmet_w == Approx(0.0).margin(1e-6));
}

TEST_CASE("plant: parameters are validated", "[plant]") {
  auto p = tower_plant();
  p.rejection[0].make = nullptr;  // a bank without a model
  CHECK_THROWS_AS(HeatRejectionPlant(p), dcsim::ParameterError);
  CHECK_THROWS_AS(dry_cooler_bank("d", DryCoolerParams{}), dcsim::ParameterError);  // no design heat
  p = tower_plant();
  p.rejection.clear();  // water-cooled chillers with nowhere to reject
  CHECK_THROWS_AS(HeatRejectionPlant(p), dcsim::ParameterError);
  p = tower_plant();
  p.chillers[0].count = 0;
  CHECK_THROWS_AS(HeatRejectionPlant(p), dcsim::ParameterError);
}
