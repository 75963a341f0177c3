// Keys bound to struct members (app/schema_binding.hpp) and choice tables (app/choice_table.hpp):
// every kind of member is read, a default is the struct's initializer written in the key's plain
// unit, the scenario's bound sections default to their configurations' initializers, a choice table
// round-trips, and a bad choice is an input error at its line and key path.
#include <catch2/catch.hpp>

#include <fstream>
#include <optional>
#include <string>

#include "app/choice_table.hpp"
#include "app/cooling_equipment.hpp"
#include "app/equipment_registry.hpp"
#include "app/scenario.hpp"
#include "app/scenario_cooling.hpp"
#include "app/scenario_keys.hpp"
#include "app/schema_binding.hpp"
#include "models/failures.hpp"

using namespace dcsim;
using namespace dcsim::app;
using Catch::Matchers::Contains;

namespace {

enum class Mode { off, low, high };
const ChoiceTable<Mode> kModes{{"off", Mode::off}, {"low", Mode::low}, {"high", Mode::high}};

struct Inner {
  double head_pa = 50e3;
  int count = 3;
};

struct Params {
  double pressure_pa = 200e3;
  double efficiency = 0.75;
  double share = 0.3;
  double zero_w = 0.0;
  double set_c = -12.0;
  int units = 4;
  bool wet = false;
  std::string label = "plain";
  Mode mode = Mode::low;
  sim::Time dwell = sim::minutes(15);
  double dwell_s = 3600.0;
  std::optional<double> rating_w;
  Inner inner;
  double room_m3 = 5000.0;
  double approach_k = 5.0;  // a preset's value, kept when the key is absent
};

Binder<Params> params_keys() {
  Binder<Params> b("test parameters");
  b.field("pressure", &Params::pressure_pa, Dim::pressure, "kPa").above(0);
  b.field("efficiency", &Params::efficiency, Type::number()).above(0).at_most(1);
  b.field("share", &Params::share, Dim::fraction).range(0, 1);
  b.field("zero", &Params::zero_w, Dim::power, "kW").at_least(0);
  b.field("set", &Params::set_c, Dim::temperature, "degC");
  b.field("units", &Params::units, Type::integer()).at_least(1);
  b.field("wet", &Params::wet, Type::boolean());
  b.field("label", &Params::label, Type::string());
  b.field("mode", &Params::mode, kModes);
  b.field("dwell", &Params::dwell, Dim::duration, "min");
  b.field("dwell_h", &Params::dwell_s, Dim::duration, "h");
  b.field("rating", &Params::rating_w, Dim::power, "kW").above(0);
  b.mapping("inner", &Params::inner, "a nested struct", [](Binder<Inner>& in) {
    in.field("head", &Inner::head_pa, Dim::pressure, "kPa");
    in.field("count", &Inner::count, Type::integer()).required();
  });
  b.group("room", "keys kept flat in the struct", [](Binder<Params>& room) {
    room.field("volume", &Params::room_m3, Dim::volume, "m3").above(0);
  });
  b.field("approach", &Params::approach_k, Dim::temperature_difference, "K").optional();
  b.schema().field("by_hand", Type::string()).optional();
  return b;
}

// A struct that nests what the file keeps flat (Binder::flat).
struct Bank {
  Inner unit;
  int spares = 1;
};

Binder<Bank> bank_keys() {
  Binder<Bank> b("flat keys of a nested member", Bank{{70e3, 2}, 1});
  b.flat(&Bank::unit, [](Binder<Inner>& u) { u.field("head", &Inner::head_pa, Dim::pressure, "kPa").above(0); });
  b.field("spares", &Bank::spares, Type::integer()).at_least(0);
  b.flat(&Bank::unit, [](Binder<Inner>& u) { u.field("count", &Inner::count, Type::integer()).at_least(1); });
  b.schema().check([](const Reader& r, InputErrors& e) {
    if (r.integer("spares") > r.integer("count")) e.add(r.error("spares", "must not exceed count"));
  });
  return b;
}

std::string default_of(const Schema& s, const std::string& key) { return s.find(key)->default_value().Scalar(); }

Params read(const Binder<Params>& b, const std::string& yaml, Params start = {}) {
  YamlDocument doc = YamlDocument::from_string(yaml, "t.yaml");
  const Reader r = load(doc, b.schema());
  b.read(r, start);
  return start;
}

// Reads `{}` (or the required keys `yaml`) with binder `b` into `start` and returns the keys whose
// members then differ from the binder's defaults (the initializer the schema shows).
template <class S>
std::vector<std::string> defaults_read_back(const Binder<S>& b, const std::string& yaml, S start) {
  YamlDocument doc = YamlDocument::from_string(yaml, "t.yaml");
  const Reader r = load(doc, b.schema());
  b.read(r, start);
  return b.differences(start, b.defaults());
}

}  // namespace

TEST_CASE("binder: defaults come from the struct's initializer, written in the key's plain unit", "[schema][binding]") {
  const Binder<Params> b = params_keys();
  const Schema& s = b.schema();
  CHECK(default_of(s, "pressure") == "200 kPa");
  CHECK(default_of(s, "efficiency") == "0.75");
  CHECK(default_of(s, "share") == "30 %");
  CHECK(default_of(s, "zero") == "0");
  CHECK(default_of(s, "set") == "-12 degC");
  CHECK(default_of(s, "units") == "4");
  CHECK(default_of(s, "wet") == "false");
  CHECK(default_of(s, "label") == "plain");
  CHECK(default_of(s, "mode") == "low");
  CHECK(default_of(s, "dwell") == "15 min");
  CHECK(default_of(s, "dwell_h") == "1 h");
  CHECK(s.find("rating")->is_optional());
  CHECK(s.find("inner")->default_value().IsMap());
  CHECK(s.find("inner")->type().schema->find("head")->default_value().Scalar() == "50 kPa");
  CHECK(s.find("inner")->type().schema->find("count")->is_required());
  CHECK(s.find("by_hand")->is_optional());
  CHECK(s.find("mode")->type().choices == std::vector<std::string>{"off", "low", "high"});
  CHECK(b.bound_keys() == std::vector<std::string>{"pressure", "efficiency", "share", "zero", "set", "units", "wet", "label",
                                                   "mode", "dwell", "dwell_h", "rating", "inner", "room", "approach"});
  CHECK_FALSE(s.find("approach")->has_default());
}

TEST_CASE("binder: reads every kind of member, in the stored unit", "[schema][binding]") {
  const Binder<Params> b = params_keys();
  const Params p = read(b,
                        "pressure: 150\nefficiency: 0.5\nshare: 45 %\nzero: 2\nset: 50 degF\nunits: 7\nwet: yes\n"
                        "label: text\nmode: high\ndwell: 2 h\ndwell_h: 30 min\nrating: 1.5 MW\n"
                        "inner: {head: 0.1 MPa, count: 9}\nroom: {volume: 20 m3}\napproach: 3 K\nby_hand: x\n");
  CHECK(p.pressure_pa == Approx(150e3));
  CHECK(p.efficiency == 0.5);
  CHECK(p.share == Approx(0.45));
  CHECK(p.zero_w == Approx(2e3));
  CHECK(p.set_c == Approx(10.0));
  CHECK(p.units == 7);
  CHECK(p.wet);
  CHECK(p.label == "text");
  CHECK(p.mode == Mode::high);
  CHECK(p.dwell == sim::hours(2));
  CHECK(p.dwell_s == Approx(1800.0));
  REQUIRE(p.rating_w);
  CHECK(*p.rating_w == Approx(1.5e6));
  CHECK(p.inner.head_pa == Approx(100e3));
  CHECK(p.inner.count == 9);
  CHECK(p.room_m3 == Approx(20.0));
  CHECK(p.approach_k == 3.0);
  // Absent keys: their defaults (an optional stays empty); read back, they equal the initializer.
  Params start;
  start.pressure_pa = 1;
  start.mode = Mode::off;
  start.inner.head_pa = 1;
  start.approach_k = 6.5;
  const Params d = read(b, "inner: {count: 2}\n", start);
  CHECK_FALSE(d.rating_w);
  CHECK(d.approach_k == 6.5);
  Params expected;
  expected.inner.count = 2;
  expected.approach_k = 6.5;
  CHECK(b.differences(d, expected).empty());
  CHECK(b.differences(d, Params{}) == std::vector<std::string>{"inner.count", "approach"});
}

TEST_CASE("binder: flat keys fill a nested member, in declaration order, with its defaults", "[schema][binding]") {
  const Binder<Bank> b = bank_keys();
  CHECK(b.bound_keys() == std::vector<std::string>{"head", "spares", "count"});
  std::vector<std::string> keys;
  for (const Field& f : b.schema().fields()) keys.push_back(f.name());
  CHECK(keys == std::vector<std::string>{"head", "spares", "count"});
  CHECK(default_of(b.schema(), "head") == "70 kPa");
  CHECK(default_of(b.schema(), "count") == "2");
  YamlDocument doc = YamlDocument::from_string("head: 90\ncount: 5\n", "t.yaml");
  const Bank bank = b.read(load(doc, b.schema()));
  CHECK(bank.unit.head_pa == Approx(90e3));
  CHECK(bank.unit.count == 5);
  CHECK(bank.spares == 1);
  CHECK(b.differences(bank, b.defaults()) == std::vector<std::string>{"head", "count"});
  CHECK(defaults_read_back(b, "{}", Bank{}).empty());
  // The nested binder's checks and the mapping's own run on the one mapping.
  YamlDocument bad = YamlDocument::from_string("spares: 3\n", "t.yaml");
  CHECK_THROWS_AS(load(bad, b.schema()), InputException);
}

TEST_CASE("binder: an integer beyond int is an error at its key, not a wrap-around", "[schema][binding]") {
  const Binder<Params> b = params_keys();
  try {
    read(b, "units: 4294967297\ninner: {count: 1}\n");
    FAIL("no error");
  } catch (const InputException& e) {
    REQUIRE(e.errors().size() == 1);
    CHECK(e.errors()[0].line == 1);
    CHECK(e.errors()[0].path == "units");
    CHECK_THAT(e.errors()[0].message, Contains("must be at most 2147483647"));
  }
}

TEST_CASE("binder: the scenario's bound sections default to their configurations' initializers", "[schema][binding]") {
  // The pump schemas of the two kinds of pump show their own defaults (models/fluid_machine.hpp):
  // read from {} into a plain FluidMachineParams, every bound member becomes the declared default.
  for (const auto* d : {&models::kCoolantPumpDefaults, &models::kLoopPumpDefaults}) {
    Binder<models::FluidMachineParams> pump("pumps", *d);
    declare_pump(pump);
    for (const Field& f : pump.schema().fields()) CHECK(f.has_default());
    CHECK(defaults_read_back(pump, "{}", models::FluidMachineParams{}).empty());
  }
  // Halls and loops: the configuration's initializer, nested pumps and fans included.
  CHECK(air_keys().defaults().fans.design_pressure_pa == models::kCrahFanDefaults.design_pressure_pa);
  CHECK(liquid_keys().defaults().pump.design_pressure_pa == models::kCoolantPumpDefaults.design_pressure_pa);
  models::AirLoopConfig air_start;
  air_start.fans = models::FluidMachineParams{};
  air_start.economizer.effectiveness = 0.1;
  air_start.room_volume_m3 = 1;
  CHECK(defaults_read_back(air_keys(), "plant: p\n", air_start).empty());
  models::LiquidLoopConfig liquid_start;
  liquid_start.pump = models::FluidMachineParams{};
  liquid_start.supply_temp_c = 0;
  CHECK(defaults_read_back(liquid_keys(), "{}", liquid_start).empty());
  // And what the scenario schema shows for them is the same text.
  const Schema& root = scenario_schema();
  const Schema& cooling = *root.find("cooling")->type().schema;
  const Schema& liquid = *cooling.find("liquid")->type().schema;
  CHECK(liquid.find("pump")->type().schema->find("pressure")->default_value().Scalar() == "200 kPa");
  CHECK(liquid.find("supply_temp")->default_value().Scalar() == "32 degC");
  CHECK(liquid.find("min_flow")->default_value().Scalar() == "30 %");
  const Schema& air = *cooling.find("air")->type().schema;
  CHECK(air.find("fans")->type().schema->find("pressure")->default_value().Scalar() == "685 Pa");
  CHECK(air.find("room")->type().schema->find("structure_capacity")->default_value().Scalar() == "200 MJ/K");
  const Schema& policy = *root.find("policy")->type().schema;
  CHECK(policy.find("on_overheat")->default_value().Scalar() == "alarm");
  CHECK(policy.find("restart_delay")->default_value().Scalar() == "1 h");
  const Schema& ups = *root.find("power")->type().schema->find("ups")->type().schema;
  CHECK(ups.find("redundancy")->default_value().Scalar() == "N+1");
  CHECK(ups.find("mode")->default_value().Scalar() == "double_conversion");
}

TEST_CASE("choice table: names and values round-trip, a model's own names, no name twice", "[schema][binding]") {
  for (const std::string& n : kModes.names()) CHECK(kModes.name(kModes.value(n)) == n);
  for (Mode m : {Mode::off, Mode::low, Mode::high}) CHECK(kModes.value(kModes.name(m)) == m);
  CHECK(kModes.type().kind == Kind::choice);
  CHECK(kModes.type().choices == kModes.names());
  using A = models::OverheatAction;
  const auto actions = ChoiceTable<A>::of({A::alarm, A::throttle, A::shutdown}, [](A a) { return models::to_string(a); });
  CHECK(actions.names() == std::vector<std::string>{"alarm", "throttle", "shutdown"});
  CHECK(actions.value("throttle") == A::throttle);
  // Two names for one value: the first is its name.
  const ChoiceTable<bool> modes{{"double_conversion", false}, {"eco", true}, {"online", false}};
  CHECK(modes.name(false) == "double_conversion");
  CHECK(modes.value("online") == false);
  CHECK_THROWS_AS(kModes.value("medium"), std::logic_error);
  CHECK_THROWS_AS((ChoiceTable<Mode>{{"off", Mode::off}, {"off", Mode::low}}), std::logic_error);
}

TEST_CASE("binder: a bad choice is an error at its line and key path, with a suggestion", "[schema][binding]") {
  std::ifstream in(std::string(DCSIM_SOURCE_DIR) + "/tests/data/sweep_base_air.yaml");
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const std::string at = "    units: {count: 2, capacity: 60 kW}\n";
  REQUIRE(text.find(at) != std::string::npos);
  text.replace(text.find(at), at.size(), at + "    economizer:\n      type: indirekt\n");
  const int line = 1 + static_cast<int>(std::count(text.begin(), text.begin() + text.find("indirekt"), '\n'));
  try {
    load_scenario_text(text, "air.yaml", "");
    FAIL("no error");
  } catch (const InputException& e) {
    REQUIRE(e.errors().size() == 1);
    const InputError& err = e.errors()[0];
    CHECK(err.file == "air.yaml");
    CHECK(err.line == line);
    CHECK(err.path == "cooling.air.economizer.type");
    CHECK_THAT(err.message, Contains("unknown value 'indirekt': expected one of none, direct, indirect"));
    CHECK_THAT(err.hint, Contains("did you mean 'indirect'"));
  }
  // The value a valid choice stands for reaches the configuration.
  text.replace(text.find("indirekt"), 8, "indirect");
  const Scenario sc = load_scenario_text(text, "air.yaml", "");
  CHECK(sc.facility.halls.at(0).economizer.type == models::AirEconomizerType::indirect);
}

TEST_CASE("binder: the plant stages read back their parameters' defaults, the schema shows them", "[schema][binding]") {
  // Dry cooler: every key but the name is a member; capacity has no default.
  const auto& dry = dry_cooler_keys();
  CHECK(dry.schema().find("capacity")->is_required());
  CHECK(default_of(dry.schema(), "fan_min_speed") == "20 %");
  CHECK(default_of(dry.schema(), "approach") == "10 K");
  CHECK(default_of(dry.schema(), "adiabatic_above") == "25 degC");
  models::DryCoolerParams dry_start;
  dry_start.fan_min_speed_fraction = 0.5;
  dry_start.adiabatic_effectiveness = 0.1;
  CHECK(defaults_read_back(dry, "capacity: 1 MW\n", dry_start) == std::vector<std::string>{"capacity"});
  // Tower: the preset of capacity and closed; an absent approach keeps the preset's.
  const auto& tower = tower_keys();
  CHECK(default_of(tower.schema(), "fan_min_speed") == "20 %");
  CHECK(default_of(tower.schema(), "fan_specific_power") == "0.015");
  CHECK(default_of(tower.schema(), "drift") == "0.005 %");
  CHECK(default_of(tower.schema(), "design_wet_bulb") == "25.6 degC");
  CHECK_FALSE(tower.schema().find("approach")->has_default());
  models::CoolingTowerParams open = models::open_cooling_tower(0.0);
  open.cycles_of_concentration = 9;
  open.fan_min_speed_fraction = 0.5;
  CHECK(defaults_read_back(tower, "capacity: 1 MW\n", open).empty());
  models::CoolingTowerParams closed = models::closed_cooling_tower(0.0);
  closed.closed_circuit = false;
  CHECK(defaults_read_back(tower, "capacity: 1 MW\nclosed: true\n", closed) == std::vector<std::string>{"closed", "approach"});
  YamlDocument closed_doc = YamlDocument::from_string("capacity: 1 MW\nclosed: true\n", "t.yaml");
  models::CoolingTowerParams closed_read = models::closed_cooling_tower(1e6);
  tower.read(load(closed_doc, tower.schema()), closed_read);
  CHECK(closed_read.design_approach_k == 6.5);
  CHECK(closed_read.closed_circuit);
  // Chillers: the preset's cop (5.5 water-cooled, the McQuay record's 2.93 air-cooled) and min_part_load.
  const auto& water = chiller_keys(true);
  const auto& air = chiller_keys(false);
  CHECK(water.bound_keys() ==
        std::vector<std::string>{"count", "cop", "cycling_degradation", "min_part_load", "min_entering_condenser"});
  CHECK(default_of(water.schema(), "cycling_degradation") == "0.13");
  CHECK(default_of(water.schema(), "min_entering_condenser") == "12.8 degC");
  CHECK(default_of(water.schema(), "cop") == "5.5");
  CHECK(default_of(air.schema(), "cop") == "2.93");
  CHECK(water.defaults().unit.cop_ref == models::water_cooled_chiller(1e6).cop_ref);
  CHECK(air.defaults().unit.cop_ref == models::air_cooled_chiller(1e6).cop_ref);
  CHECK(default_of(water.schema(), "min_part_load") == "10 %");
  CHECK_FALSE(air.schema().find("min_part_load")->has_default());
  CHECK(default_of(air.schema(), "curve") == "mcquay_agz055d");
  models::ChillerBankParams bank;
  bank.unit = models::water_cooled_chiller(0.0);
  bank.count = 4;
  bank.unit.cop_ref = 1;
  bank.unit.plr_min = 0.5;
  CHECK(defaults_read_back(water, "capacity: 1 MW\n", bank).empty());
  bank.unit = models::air_cooled_chiller(0.0, models::trane_cgam52_air_cooled());
  // The record's min_part_load (25 %) survives: it differs from the default record's.
  CHECK(defaults_read_back(air, "capacity: 1 MW\ncurve: trane_cgam52\n", bank) == std::vector<std::string>{"min_part_load"});
  // Heat reuse: the exchanger's members; the demand is read by hand.
  const auto& reuse = reuse_keys();
  CHECK(default_of(reuse.schema(), "district_supply_temp") == "55 degC");
  CHECK(default_of(reuse.schema(), "heat_pump_efficiency") == "0.5");
  CHECK(reuse.bound_keys() == std::vector<std::string>{"capacity", "district_supply_temp", "district_return_temp", "approach",
                                                        "heat_pump", "heat_pump_efficiency"});
  models::HeatReuseParams reuse_start;
  reuse_start.hx_approach_k = 9;
  CHECK(defaults_read_back(reuse, "capacity: 1 MW\ndemand: 0\n", reuse_start) == std::vector<std::string>{"capacity"});
}

TEST_CASE("binder: plants and rack groups read back their configurations' defaults", "[schema][binding]") {
  // A plant: every bound member, nested economizer and condenser pump included, from {} of its own keys.
  const auto& plant = plant_keys();
  CHECK(plant.bound_keys() == std::vector<std::string>{"delta_t", "min_flow", "pump", "economizer", "condenser_water_set",
                                                       "condenser_water_reset",
                                                        "condenser_pump"});
  models::PlantConfig p;
  p.delta_t_k = 1;
  p.waterside_economizer = false;
  p.economizer.min_dwell_s = 1;
  p.pump = models::FluidMachineParams{};
  p.params.pump_pressure_pa = 1;
  p.params.condenser_water_set_c = 1;
  CHECK(defaults_read_back(plant, "name: p\nequipment: [{type: dry_cooler, capacity: 1 MW}]\n", p).empty());
  // A rack group: count and the powers are required; the rest are the configuration's initializers.
  const auto& group = group_keys();
  for (const char* k : {"count", "idle_power", "peak_power"}) CHECK(group.schema().find(k)->is_required());
  models::RackGroupConfig g;
  g.rack.fans.power_share = 0.5;
  g.rack.heat_capacity_j_per_k = 1;
  g.air_class = "A4";
  CHECK(defaults_read_back(group, "name: g\ncount: 2\nidle_power: 1 kW\npeak_power: 3 kW\n", g) ==
        std::vector<std::string>{"count", "idle_power", "peak_power"});
  // What the scenario schema shows is the same text.
  const Schema& root = scenario_schema();
  const Schema& plants = *root.find("cooling")->type().schema->find("plants")->type().item->schema;
  CHECK(plants.find("delta_t")->default_value().Scalar() == "6 K");
  CHECK(plants.find("pump")->type().schema->find("pressure")->default_value().Scalar() == "150 kPa");
  CHECK(plants.find("economizer")->type().schema->find("min_dwell")->default_value().Scalar() == "15 min");
  CHECK(plants.find("economizer")->type().schema->find("enabled")->default_value().Scalar() == "true");
  CHECK(plants.find("condenser_pump")->type().schema->find("pressure")->default_value().Scalar() == "212 kPa");
  const Schema& groups = *root.find("it")->type().schema->find("groups")->type().item->schema;
  CHECK(groups.find("heat_capacity")->default_value().Scalar() == "350 kJ/K");
  CHECK(groups.find("liquid_share")->default_value().Scalar() == "0");
  CHECK(groups.find("air_class")->default_value().Scalar() == "A1");
  CHECK(groups.find("server_fans")->type().schema->find("share")->default_value().Scalar() == "5 %");
  // The period and the baseline likewise.
  models::FacilityConfig f;
  f.length = sim::days(1);
  f.record_interval = sim::hours(1);
  CHECK(defaults_read_back(period_keys(), "{}", f).empty());
  models::BaselineParams base;
  base.pue = 2;
  CHECK(defaults_read_back(baseline_keys(), "{}", base).empty());
  const Schema& period = *root.find("period")->type().schema;
  CHECK(period.find("start")->default_value().Scalar() == "2025-01-01");
  CHECK(period.find("length")->default_value().Scalar() == "365 d");
  CHECK(period.find("record_interval")->default_value().Scalar() == "15 min");
  CHECK(root.find("baseline")->type().schema->find("pue")->default_value().Scalar() == "1.57");
}
