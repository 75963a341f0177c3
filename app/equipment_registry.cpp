#include "app/equipment_registry.hpp"

#include <algorithm>
#include <array>
#include <string>

#include "app/scenario_cooling.hpp"
#include "app/schema_binding.hpp"
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

// Dry coolers and towers name their fan parameters alike.
template <class P>
void declare_fans(Binder<P>& b) {
  b.field("fan_specific_power", &P::fan_specific_power, Type::number()).range(0, 0.2).doc("fan power at design, W per W rejected");
  b.field("fan_min_speed", &P::fan_min_speed_fraction, Dim::fraction).range(0, 1).doc("lowest fan speed");
}

Binder<models::DryCoolerParams> make_dry_cooler_keys() {
  using D = models::DryCoolerParams;
  Binder<D> b("dry coolers: leaving water = dry bulb + approach (median 10 K at design, Energies 2023 16(9) 3661)");
  name_key(b.schema(), "bank");
  b.field("capacity", &D::design_heat_w, Dim::power, "kW").required().above(0).doc("design heat of all units together");
  b.field("count", &D::unit_count, Type::integer()).at_least(1).doc("units");
  b.field("design_dry_bulb", &D::design_dry_bulb_c, Dim::temperature, "degC").doc("dry bulb of the design point");
  b.field("approach", &D::design_approach_k, Dim::temperature_difference, "K").above(0)
      .doc("leaving water above dry bulb at design");
  declare_fans(b);
  b.field("adiabatic", &D::adiabatic, Type::boolean()).doc("evaporative pre-cooling pads");
  b.field("adiabatic_effectiveness", &D::adiabatic_effectiveness, Type::number()).above(0).at_most(1)
      .doc("pad saturation effectiveness");
  b.field("adiabatic_above", &D::adiabatic_threshold_c, Dim::temperature, "degC").doc("pads wetted above this dry bulb");
  return b;
}

void apply_dry_cooler(const Reader& r, models::PlantConfig& p) {
  // dry_cooler_bank validates here, so errors point at this entry.
  add_rejection(p, models::dry_cooler_bank(stage_name(r, rejection_banks(p, "dry_coolers")), dry_cooler_keys().read(r)));
}

// capacity and closed pick the preset (open_cooling_tower / closed_cooling_tower); the other keys
// fill it, and an absent approach keeps the preset's.
Binder<models::CoolingTowerParams> make_tower_keys() {
  using T = models::CoolingTowerParams;
  Binder<T> b("cooling towers: leaving water approaches the wet bulb (Merkel, counterflow NTU)", models::open_cooling_tower(0.0));
  name_key(b.schema(), "bank");
  b.schema().field("capacity", Dim::power, "kW").above(0).doc("design heat of all cells together");
  b.field("count", &T::cell_count, Type::integer()).at_least(1).doc("cells");
  b.field("closed", &T::closed_circuit, Type::boolean()).doc("closed-circuit (fluid cooler) rather than open");
  b.field("design_wet_bulb", &T::design_wet_bulb_c, Dim::temperature, "degC").doc("wet bulb of the rating point (CTI)");
  b.field("approach", &T::design_approach_k, Dim::temperature_difference, "K").optional().above(0)
      .doc("leaving water above wet bulb at design (default 5 K open, 6.5 K closed)");
  declare_fans(b);
  b.field("cycles", &T::cycles_of_concentration, Type::number()).above(1)
      .doc("cycles of concentration (blowdown = evaporation / (cycles - 1))");
  b.field("drift", &T::drift_fraction, Dim::fraction).range(0, 0.01).doc("drift, share of circulating flow");
  b.field("basin_heater", &T::basin_heater_w_per_k, Dim::thermal_conductance, "kW/K").at_least(0)
      .doc("basin heater capacity of all cells per K below basin_heater_below, in the cells rejecting no heat "
           "(default 0: none, as EnergyPlus)");
  b.field("basin_heater_below", &T::basin_heater_set_c, Dim::temperature, "degC")
      .doc("outdoor dry bulb below which the basin heaters run");
  return b;
}

void apply_tower(const Reader& r, models::PlantConfig& p) {
  const double q = r.quantity("capacity");
  models::CoolingTowerParams t = r.boolean("closed") ? models::closed_cooling_tower(q) : models::open_cooling_tower(q);
  tower_keys().read(r, t);
  add_rejection(p, models::tower_bank(stage_name(r, rejection_banks(p, "towers")), t));
}

// The air-cooled records a `curve` key names; the first is air_cooled_chiller's own.
const ChoiceTable<models::ChillerRecord (*)()> kAirCooledRecords{{"mcquay_agz055d", &models::mcquay_agz055d_air_cooled},
                                                                 {"trane_cgam52", &models::trane_cgam52_air_cooled}};

// capacity (and an air-cooled chiller's curve) pick the preset; cop replaces the preset's, an absent
// air-cooled min_part_load keeps the record's.
Binder<models::ChillerBankParams> make_chiller_keys(bool water) {
  using B = models::ChillerBankParams;
  using C = models::ChillerParams;
  B defaults;
  defaults.unit = water ? models::water_cooled_chiller(0.0) : models::air_cooled_chiller(0.0);
  Binder<B> b(water ? "water-cooled chillers, DOE-2 EIR curves (EnergyPlus Chiller:Electric:EIR, Centrifugal 5.50 COP)"
                    : "air-cooled chillers, EIR curves of a published record (EnergyPlus AirCooledChiller.idf); COP with condenser fans",
              defaults);
  name_key(b.schema(), "chiller bank (banks are staged in list order, lead first)");
  b.schema().field("capacity", Dim::power, "kW").above(0).doc("reference capacity of one unit");
  b.field("count", &B::count, Type::integer()).at_least(1).doc("units installed");
  b.flat(&B::unit, [water](Binder<C>& u) {
    u.field("cop", &C::cop_ref, Type::number()).above(0).at_most(20)
        .doc(water ? "reference COP" : "reference COP at 6.67 degC leaving water and 35 degC air (scales the record's EIR)");
  });
  b.flat(&B::unit, [](Binder<C>& u) {
    u.field("cycling_degradation", &C::cycling_degradation, Type::number()).range(0, 1)
        .doc("C_d of the cycling loss below min_part_load, C_D = 1 + C_d (1 - PLR / min_part_load) (AHRI 550/590, "
             "340/360: 0.13; 0 for EnergyPlus's Chiller:Electric:EIR)");
  });
  if (water) {
    b.flat(&B::unit, [](Binder<C>& u) {
      u.field("min_part_load", &C::plr_min, Dim::fraction).range(0, 1).doc("lowest part-load ratio before cycling");
      u.field("min_entering_condenser", &C::min_condenser_in_c, Dim::temperature, "degC")
          .doc("head-pressure control: the coldest entering condenser water the chiller sees");
    });
  } else {
    b.schema().field("curve", kAirCooledRecords.type()).def(kAirCooledRecords.names().front())
        .doc("curve record: mcquay_agz055d (standard scroll, IPLV 0.84 kW/ton, fit from 23.9 degC air) or "
             "trane_cgam52 (high-efficiency scroll, IPLV 0.74 kW/ton, fit from 4.4 degC air)");
    Schema table("a manufacturer's table of the full-load EIR ratio (EIR over the reference EIR 1 / cop) against "
                 "outdoor dry bulb alone, in place of the record's EIR curve (the record keeps the capacity); linear "
                 "between points, the first ratio below them, a constant share of the Carnot COP above them");
    table.field("outdoor_temps", Type::list(Type::quantity(Dim::temperature, "degC"))).min_items(2)
        .doc("outdoor dry bulb of each point, rising, degC");
    table.field("ratios", Type::list(Type::number())).min_items(2).above(0)
        .doc("EIR ratio at each point, never falling as the air warms (1 where the unit has its reference COP)");
    b.schema().field("eir_table", Type::mapping(table)).optional()
        .doc("EIR against outdoor air from the unit's data (EnergyPlus Table:Lookup, e.g. the Liebert DSE EconoPhase "
             "table, which holds its pumped-refrigerant mode)");
    b.flat(&B::unit, [](Binder<C>& u) {
      u.field("min_part_load", &C::plr_min, Dim::fraction).optional().range(0, 1)
          .doc("lowest part-load ratio before cycling (default: the record's, 10 % or 25 %)");
      u.group("pumped_refrigerant", "pumped-refrigerant economizer (DX units, EnergyPlus's Liebert DSE example): a "
                                    "refrigerant pump instead of the compressor when the outdoor air is colder than the coil",
              [](Binder<C>& pr) {
                pr.field("enabled", &C::pumped_refrigerant, Type::boolean()).doc("the unit has the pump circuit");
                pr.field("full_difference", &C::pumped_full_difference_k, Dim::temperature_difference, "K").above(0)
                    .doc("coil's equivalent leaving temperature less outdoor dry bulb at which the pump carries the reference capacity");
                pr.field("pump_power", &C::pump_power_ratio, Type::number()).range(0, 0.5)
                    .doc("pump and condenser fan electricity per unit of heat pumped, W/W");
              });
    });
  }
  return b;
}

// eir_table: the points in order, checked here so that an error names its entry.
void read_eir_table(const Reader& t, models::ChillerParams& c) {
  const auto temps = t.list("outdoor_temps");
  const auto ratios = t.list("ratios");
  if (temps.size() != ratios.size()) {
    throw InputException(t.error("ratios", fmt::format("needs one ratio per outdoor temperature ({} temperatures, {} ratios)",
                                                       temps.size(), ratios.size())));
  }
  for (std::size_t i = 0; i < temps.size(); ++i) {
    const double y = temps[i].as_quantity();
    const double e = ratios[i].as_number();
    if (i > 0 && y <= c.eir_table_outdoor_c.back()) {
      throw InputException(temps[i].error_here(fmt::format("must be above the temperature before it ({} degC): the "
                                                           "points go from cold to warm", c.eir_table_outdoor_c.back())));
    }
    if (i > 0 && e < c.eir_table_ratio.back()) {
      throw InputException(ratios[i].error_here(
          fmt::format("must not be below the ratio before it ({}): colder air never costs the unit more", c.eir_table_ratio.back())));
    }
    c.eir_table_outdoor_c.push_back(y);
    c.eir_table_ratio.push_back(e);
  }
}

void apply_chiller(const Reader& r, models::PlantConfig& p, bool water) {
  const double q = r.quantity("capacity");
  models::ChillerBankParams bank;
  bank.unit = water ? models::water_cooled_chiller(q) : models::air_cooled_chiller(q, kAirCooledRecords.read(r["curve"])());
  chiller_keys(water).read(r, bank);
  if (!water && r.has("eir_table")) read_eir_table(r["eir_table"], bank.unit);
  models::Chiller check(bank.unit);  // the registry locates its errors (a table with the pump circuit: at eir_table)
  bank.name = stage_name(r, p.params.chillers.size());
  p.params.chillers.push_back(std::move(bank));
}

Binder<models::HeatReuseParams> make_reuse_keys() {
  using H = models::HeatReuseParams;
  Binder<H> b("heat reuse: an exchanger (optionally a heat pump) delivering loop heat to district heating");
  name_key(b.schema(), "heat-reuse stage (stages are in series, in list order)");
  b.field("capacity", &H::capacity_w, Dim::power, "kW").required().above(0).doc("most heat deliverable");
  // The demand is the plant's (PlantConfig::reuse_demand), not the exchanger's: read by hand.
  b.schema().field("demand", Dim::power, "kW").at_least(0).doc("district heating demand (constant, unless demand_monthly is given)");
  b.schema().field("demand_monthly", Type::list(Type::number())).optional().min_items(12).at_least(0)
      .doc("district heating demand by calendar month, 12 values in kW, January first");
  b.field("district_supply_temp", &H::district_supply_temp_c, Dim::temperature, "degC").doc("district supply temperature");
  b.field("district_return_temp", &H::district_return_temp_c, Dim::temperature, "degC").doc("district return temperature");
  b.field("approach", &H::hx_approach_k, Dim::temperature_difference, "K").at_least(0).doc("exchanger approach");
  b.field("heat_pump", &H::heat_pump, Type::boolean()).doc("lift with a heat pump when the loop is too cold");
  b.field("heat_pump_efficiency", &H::heat_pump_carnot_efficiency, Type::number()).above(0).at_most(1)
      .doc("heat pump COP as a share of Carnot");
  return b;
}

void apply_reuse(const Reader& r, models::PlantConfig& p) {
  const models::HeatReuseParams h = reuse_keys().read(r);
  models::HeatReuse check(h);
  models::ReuseDemand demand;
  demand.stage = stage_name(r, p.reuse_demand.size());
  demand.constant_w = r.quantity("demand");
  if (r.has("demand_monthly")) {
    std::array<double, 12> m = exact_numbers<12>(r, "demand_monthly", "values");
    for (double& v : m) v *= 1e3;  // kW -> W
    demand.monthly_w = m;
  }
  p.params.heat_reuse.push_back(h);
  p.reuse_demand.push_back(demand);
}

EquipmentRegistry make_registry() {
  EquipmentRegistry reg;
  reg.add("dry_cooler", dry_cooler_keys().schema(), apply_dry_cooler);
  reg.add("cooling_tower", tower_keys().schema(), apply_tower);
  reg.add("water_cooled_chiller", chiller_keys(true).schema(),
          [](const Reader& r, models::PlantConfig& p) { apply_chiller(r, p, true); });
  reg.add("air_cooled_chiller", chiller_keys(false).schema(),
          [](const Reader& r, models::PlantConfig& p) { apply_chiller(r, p, false); });
  reg.add("heat_reuse", reuse_keys().schema(), apply_reuse);
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

const Binder<models::DryCoolerParams>& dry_cooler_keys() { return built_once<make_dry_cooler_keys>(); }

const Binder<models::CoolingTowerParams>& tower_keys() { return built_once<make_tower_keys>(); }

const Binder<models::ChillerBankParams>& chiller_keys(bool water_cooled) {
  static const Binder<models::ChillerBankParams> water = make_chiller_keys(true);
  static const Binder<models::ChillerBankParams> air = make_chiller_keys(false);
  return water_cooled ? water : air;
}

const Binder<models::HeatReuseParams>& reuse_keys() { return built_once<make_reuse_keys>(); }

const EquipmentRegistry& equipment_registry() {
  static const EquipmentRegistry reg = make_registry();
  return reg;
}

}  // namespace dcsim::app
