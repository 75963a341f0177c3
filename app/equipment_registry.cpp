#include "app/equipment_registry.hpp"

#include <algorithm>
#include <array>
#include <string>

#include "app/scenario_cooling.hpp"
#include "models/chiller.hpp"
#include "models/cooling_tower.hpp"
#include "models/dry_cooler.hpp"
#include "models/heat_reuse.hpp"

namespace dcsim::app {

namespace {

// Every stage may be named: a plant with several banks of a kind tells them apart by name (failures:
// cooling.plants[P].chillers[NAME]); unnamed, a bank is its number among its kind, 1 first.
void name_key(Schema& s, const char* what) {
  s.field("name", Type::string()).optional()
      .doc(fmt::format("names the {} among the plant's stages of its kind (default: its number, 1 first)", what));
}

std::string stage_name(const Reader& r, std::size_t same_kind_before) {
  return r.has("name") ? dataset_name(r) : std::to_string(same_kind_before + 1);
}

std::size_t rejection_banks(const models::PlantConfig& p, const std::string& kind) {
  return static_cast<std::size_t>(std::count_if(p.params.rejection.begin(), p.params.rejection.end(),
                                                [&](const auto& b) { return b.kind == kind; }));
}

void add_rejection(models::PlantConfig& p, models::RejectionBankParams bank) {
  const double approach = bank.design_approach_k;
  // The economizer's fixed-approach estimate (unused when the plant model gives the free water):
  // the worst bank's approach.
  p.economizer.rejection_approach_k = p.params.rejection.empty() ? approach : std::max(p.economizer.rejection_approach_k, approach);
  p.params.rejection.push_back(std::move(bank));
}

void fill_fan_keys(Schema& s, double specific_power) {
  s.field("fan_specific_power", Type::number()).def(specific_power).range(0, 0.2)
      .doc("fan power at design, W per W rejected");
  s.field("fan_min_speed", Dim::fraction).def("20 %").range(0, 1).doc("lowest fan speed");
}

Schema dry_cooler_schema() {
  Schema s("dry coolers: leaving water = dry bulb + approach (median 10 K at design, Energies 2023 16(9) 3661)");
  name_key(s, "bank");
  s.field("capacity", Dim::power, "kW").above(0).doc("design heat of all units together");
  s.field("count", Type::integer()).def(1).at_least(1).doc("units");
  s.field("design_dry_bulb", Dim::temperature, "degC").def("35 degC").doc("dry bulb of the design point");
  s.field("approach", Dim::temperature_difference, "K").def("10 K").above(0).doc("leaving water above dry bulb at design");
  fill_fan_keys(s, 0.02);
  s.field("adiabatic", Type::boolean()).def(false).doc("evaporative pre-cooling pads");
  s.field("adiabatic_effectiveness", Type::number()).def(0.7).above(0).at_most(1).doc("pad saturation effectiveness");
  s.field("adiabatic_above", Dim::temperature, "degC").def("25 degC").doc("pads wetted above this dry bulb");
  return s;
}

void apply_dry_cooler(const Reader& r, models::PlantConfig& p) {
  models::DryCoolerParams d;
  d.design_heat_w = r.quantity("capacity");
  d.unit_count = int_value(r, "count");
  d.design_dry_bulb_c = r.quantity("design_dry_bulb");
  d.design_approach_k = r.quantity("approach");
  d.fan_specific_power = r.number("fan_specific_power");
  d.fan_min_speed_fraction = r.quantity("fan_min_speed");
  d.adiabatic = r.boolean("adiabatic");
  d.adiabatic_effectiveness = r.number("adiabatic_effectiveness");
  d.adiabatic_threshold_c = r.quantity("adiabatic_above");
  // dry_cooler_bank validates here, so errors point at this entry.
  add_rejection(p, models::dry_cooler_bank(stage_name(r, rejection_banks(p, "dry_coolers")), d));
}

Schema tower_schema() {
  Schema s("cooling towers: leaving water approaches the wet bulb (Merkel, counterflow NTU)");
  name_key(s, "bank");
  s.field("capacity", Dim::power, "kW").above(0).doc("design heat of all cells together");
  s.field("count", Type::integer()).def(1).at_least(1).doc("cells");
  s.field("closed", Type::boolean()).def(false).doc("closed-circuit (fluid cooler) rather than open");
  s.field("design_wet_bulb", Dim::temperature, "degC").def("25.6 degC").doc("wet bulb of the rating point (CTI)");
  s.field("approach", Dim::temperature_difference, "K").optional().above(0)
      .doc("leaving water above wet bulb at design (default 5 K open, 6.5 K closed)");
  fill_fan_keys(s, 0.015);
  s.field("cycles", Type::number()).def(4.0).above(1).doc("cycles of concentration (blowdown = evaporation / (cycles - 1))");
  s.field("drift", Dim::fraction).def("0.005 %").range(0, 0.01).doc("drift, share of circulating flow");
  return s;
}

void apply_tower(const Reader& r, models::PlantConfig& p) {
  const double q = r.quantity("capacity");
  models::CoolingTowerParams t = r.boolean("closed") ? models::closed_cooling_tower(q) : models::open_cooling_tower(q);
  t.cell_count = int_value(r, "count");
  t.design_wet_bulb_c = r.quantity("design_wet_bulb");
  if (r.has("approach")) t.design_approach_k = r.quantity("approach");
  t.fan_specific_power = r.number("fan_specific_power");
  t.fan_min_speed_fraction = r.quantity("fan_min_speed");
  t.cycles_of_concentration = r.number("cycles");
  t.drift_fraction = r.quantity("drift");
  add_rejection(p, models::tower_bank(stage_name(r, rejection_banks(p, "towers")), t));
}

Schema chiller_schema(bool water) {
  Schema s(water ? "water-cooled chillers, DOE-2 EIR curves (EnergyPlus Chiller:Electric:EIR, Centrifugal 5.50 COP)"
                 : "air-cooled chillers, EIR curves of a published record (EnergyPlus AirCooledChiller.idf); COP with condenser fans");
  name_key(s, "chiller bank (banks are staged in list order, lead first)");
  s.field("capacity", Dim::power, "kW").above(0).doc("reference capacity of one unit");
  s.field("count", Type::integer()).def(1).at_least(1).doc("units installed");
  s.field("cop", Type::number()).def(water ? 5.5 : 2.93).above(0).at_most(20)
      .doc(water ? "reference COP" : "reference COP at 6.67 degC leaving water and 35 degC air (scales the record's EIR)");
  if (water) {
    s.field("min_part_load", Dim::fraction).def("10 %").range(0, 1).doc("lowest part-load ratio before cycling");
  } else {
    s.field("curve", Type::choice({"mcquay_agz055d", "trane_cgam52"})).def("mcquay_agz055d")
        .doc("curve record: mcquay_agz055d (standard scroll, IPLV 0.92 kW/ton, fit from 23.9 degC air) or "
             "trane_cgam52 (high-efficiency scroll, IPLV 0.74 kW/ton, fit from 4.4 degC air)");
    s.field("min_part_load", Dim::fraction).optional().range(0, 1)
        .doc("lowest part-load ratio before cycling (default: the record's, 10 % or 25 %)");
  }
  return s;
}

void apply_chiller(const Reader& r, models::PlantConfig& p, bool water) {
  const double q = r.quantity("capacity");
  models::ChillerParams c = water ? models::water_cooled_chiller(q)
                                  : models::air_cooled_chiller(q, r.string("curve") == "trane_cgam52"
                                                                      ? models::trane_cgam52_air_cooled()
                                                                      : models::mcquay_agz055d_air_cooled());
  c.cop_ref = r.number("cop");
  if (r.has("min_part_load")) c.plr_min = r.quantity("min_part_load");
  models::Chiller check(c);
  p.params.chillers.push_back({stage_name(r, p.params.chillers.size()), c, int_value(r, "count")});
}

Schema reuse_schema() {
  Schema s("heat reuse: an exchanger (optionally a heat pump) delivering loop heat to district heating");
  name_key(s, "heat-reuse stage (stages are in series, in list order)");
  s.field("capacity", Dim::power, "kW").above(0).doc("most heat deliverable");
  s.field("demand", Dim::power, "kW").at_least(0).doc("district heating demand (constant, unless demand_monthly is given)");
  s.field("demand_monthly", Type::list(Type::number())).optional().min_items(12).at_least(0)
      .doc("district heating demand by calendar month, 12 values in kW, January first");
  s.field("district_supply_temp", Dim::temperature, "degC").def("55 degC").doc("district supply temperature");
  s.field("district_return_temp", Dim::temperature, "degC").def("35 degC").doc("district return temperature");
  s.field("approach", Dim::temperature_difference, "K").def("3 K").at_least(0).doc("exchanger approach");
  s.field("heat_pump", Type::boolean()).def(false).doc("lift with a heat pump when the loop is too cold");
  s.field("heat_pump_efficiency", Type::number()).def(0.5).above(0).at_most(1).doc("heat pump COP as a share of Carnot");
  return s;
}

void apply_reuse(const Reader& r, models::PlantConfig& p) {
  models::HeatReuseParams h;
  h.capacity_w = r.quantity("capacity");
  h.district_supply_temp_c = r.quantity("district_supply_temp");
  h.district_return_temp_c = r.quantity("district_return_temp");
  h.hx_approach_k = r.quantity("approach");
  h.heat_pump = r.boolean("heat_pump");
  h.heat_pump_carnot_efficiency = r.number("heat_pump_efficiency");
  models::HeatReuse check(h);
  models::ReuseDemand demand;
  demand.stage = stage_name(r, p.reuse_demand.size());
  demand.constant_w = r.quantity("demand");
  if (r.has("demand_monthly")) {
    const auto items = r.list("demand_monthly");
    if (items.size() != 12) {
      throw InputException(r.error("demand_monthly", fmt::format("needs exactly 12 values (got {})", items.size())));
    }
    std::array<double, 12> m{};
    for (std::size_t i = 0; i < 12; ++i) m[i] = items[i].as_number() * 1e3;  // kW -> W
    demand.monthly_w = m;
  }
  p.params.heat_reuse.push_back(h);
  p.reuse_demand.push_back(demand);
}

EquipmentRegistry make_registry() {
  EquipmentRegistry reg;
  reg.add("dry_cooler", dry_cooler_schema(), apply_dry_cooler);
  reg.add("cooling_tower", tower_schema(), apply_tower);
  reg.add("water_cooled_chiller", chiller_schema(true),
          [](const Reader& r, models::PlantConfig& p) { apply_chiller(r, p, true); });
  reg.add("air_cooled_chiller", chiller_schema(false),
          [](const Reader& r, models::PlantConfig& p) { apply_chiller(r, p, false); });
  reg.add("heat_reuse", reuse_schema(), apply_reuse);
  return reg;
}

}  // namespace

namespace {
std::string bank_label(const char* kind, std::size_t of_kind, const std::string& name) {
  return of_kind == 1 ? std::string(kind) : fmt::format("{}[{}]", kind, name);
}
}  // namespace

std::string chiller_bank_label(const models::PlantConfig& p, std::size_t b) {
  return bank_label("chillers", p.params.chillers.size(), p.params.chillers[b].name);
}

std::string rejection_bank_label(const models::PlantConfig& p, std::size_t b) {
  const auto& bank = p.params.rejection[b];
  return bank_label(bank.kind.c_str(), rejection_banks(p, bank.kind), bank.name);
}

std::string reuse_stage_label(const models::PlantConfig& p, std::size_t k) {
  return bank_label("heat_reuse", p.reuse_demand.size(), p.reuse_demand[k].stage);
}

const EquipmentRegistry& equipment_registry() {
  static const EquipmentRegistry reg = make_registry();
  return reg;
}

}  // namespace dcsim::app
