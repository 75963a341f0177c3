// The scenario format, declared once: validation, defaults, scenarios/README.md and
// scenarios/scenario.schema.json all come from this declaration. Plain numbers are taken in the unit
// shown for each key (the third argument of field()); strings may carry any unit of the dimension.
#include <string>
#include <vector>

#include "app/cooling_equipment.hpp"
#include "app/equipment_registry.hpp"
#include "app/group_templates.hpp"
#include "app/scenario.hpp"
#include "app/scenario_choices.hpp"
#include "app/scenario_cooling.hpp"
#include "app/scenario_events.hpp"
#include "app/scenario_keys.hpp"
#include "app/scenario_power.hpp"
#include "models/ashrae_class.hpp"
#include "models/site_library.hpp"

namespace dcsim::app {

namespace {

const ChoiceTable<models::ServerFanModel> kServerFanModels{{"speed_ramp", models::ServerFanModel::speed_ramp},
                                                          {"ite", models::ServerFanModel::ite}};
const ChoiceTable<bool> kCondenserPumpControls{{"variable", true}, {"constant", false}};  // true: variable speed

// No grid emits more than about 1,200 gCO2e/kWh (oil shale; coal about 1,000): a larger value is a
// typo or a unit slip, and one near 1e308 makes every carbon figure infinite.
constexpr double kMaxIntensity = 5000;


std::vector<std::string> class_names(models::CoolingMedium medium) {
  std::vector<std::string> out;
  for (const auto& c : models::ashrae_classes()) {
    if (c.medium == medium) out.emplace_back(c.name);
  }
  return out;
}

Schema utilization_constant() {
  Schema s("the same utilization all the time");
  s.field("value", Dim::fraction).range(0, 1).doc("utilization");
  return s;
}

Schema utilization_shape(const char* what, int n) {
  Schema s(what);
  s.field("values", Type::list(Type::number())).min_items(static_cast<std::size_t>(n)).range(0, 1)
      .doc(n == 24 ? "24 hourly values, hour 0 first" : "168 hourly values, Monday 00:00 first");
  return s;
}

Schema utilization_steps() {
  Schema step("one step");
  step.field("at", Dim::duration, "h").at_least(0).doc("time since the period start");
  step.field("value", Dim::fraction).range(0, 1).doc("utilization from then on");
  Schema s("piecewise-constant schedule");
  s.field("steps", Type::list(Type::mapping(step))).min_items(1).doc("steps in time order, the first at 0");
  return s;
}

Schema utilization_trace() {
  Schema s("CSV file with columns timestamp,utilization");
  s.field("file", Type::string()).doc("path, relative to the scenario file");
  s.field("unit", kUtilizationUnits.type()).def("fraction").doc("how the utilization column is written");
  return s;
}

Type utilization_type() {
  Schema noise("multiplicative lognormal noise on the utilization");
  noise.field("sigma", Type::number()).def(0.0).range(0, 1).doc("standard deviation of ln(factor)");
  noise.field("interval", Dim::duration, "min").def("15 min").above(0).doc("one factor per interval");
  auto with_noise = [&](Schema s) {
    s.field("noise", Type::mapping(noise)).optional().doc("load noise, seeded by the scenario seed");
    return s;
  };
  return Type::by_type({Variant("constant", with_noise(utilization_constant())),
                        Variant("daily", with_noise(utilization_shape("one 24-hour shape every day", 24))),
                        Variant("weekly", with_noise(utilization_shape("one 168-hour shape every week", 168))),
                        Variant("steps", with_noise(utilization_steps())),
                        Variant("trace", with_noise(utilization_trace()))});
}

Type power_curve_type() {
  Schema linear("P = P_idle + (P_peak - P_idle) u");
  Schema power_law("P = P_idle + (P_peak - P_idle) u^k");
  power_law.field("exponent", Type::number()).above(0).doc("k");
  Schema point("one point of the curve");
  point.field("utilization", Dim::fraction).range(0, 1).doc("u");
  point.field("fraction", Type::number()).range(0, 1).doc("share of the dynamic range (P - P_idle) / (P_peak - P_idle)");
  Schema table("table of (utilization, fraction), interpolated linearly");
  table.field("points", Type::list(Type::mapping(point))).min_items(2).doc("from u = 0 to u = 1");
  return Type::by_type({Variant("linear", linear), Variant("power_law", power_law), Variant("table", table)});
}

Schema embodied_schema() {
  Schema package("a kind of logic package (ACT model, Gupta et al. ISCA 2022)");
  package.field("die_area", Dim::area, "cm2").above(0).doc("area of one die");
  package.field("dies", Type::integer()).def(1).at_least(1).doc("dies per package");
  package.field("count", Type::integer()).def(1).at_least(0).doc("packages of this kind per server");
  package.field("fab_intensity", Dim::carbon_intensity, "g/kWh").def("583 g/kWh").range(0, kMaxIntensity)
      .doc("grid intensity of the fab (ACT: Taiwan)");
  package.field("fab_energy", Dim::energy_per_area, "kWh/cm2").def("2.15 kWh/cm2").at_least(0)
      .doc("fab energy per die area (ACT 7 nm)");
  package.field("fab_gases", Type::number()).def(275.0).at_least(0).doc("fab gases, gCO2e/cm2 (ACT 7 nm: 200-350)");
  package.field("materials", Type::number()).def(500.0).at_least(0).doc("materials, gCO2e/cm2 (ACT)");
  package.field("yield", Type::number()).def(0.875).above(0).at_most(1).doc("fab yield (ACT 7 nm)");
  Schema act("estimate by the ACT method");
  act.field("packages", Type::list(Type::mapping(package))).def("[]").doc("processors and accelerators");
  act.field("dram", Type::number()).def(0.0).at_least(0).doc("DRAM per server, GB (65 gCO2e/GB)");
  act.field("ssd", Type::number()).def(0.0).at_least(0).doc("SSD per server, GB (18.5 gCO2e/GB)");
  act.field("rest_of_server", Dim::carbon_mass, "kg").optional()
      .doc("chassis, boards, power supplies (default: Boavizta generic server less its chips)");
  Schema s("embodied carbon of the servers");
  s.field("per_server", Dim::carbon_mass, "kg").optional().above(0).doc("given per server; otherwise estimated by `act`");
  s.field("act", Type::mapping(act)).optional().doc("ACT estimate (used when per_server is absent)");
  s.field("servers_per_rack", Type::integer()).def(1).at_least(1).doc("servers in one rack");
  s.field("lifetime", Dim::duration, "y").def("4 y").above(0).doc("service life (Boavizta default 4 years)");
  s.check([](const Reader& r, InputErrors& e) {
    if (!r.has("per_server") && !r.has("act")) e.add(r.error_here("needs either per_server or act"));
  });
  return s;
}

void declare_server_fans(Binder<models::ServerFanParams>& b) {
  using F = models::ServerFanParams;
  b.field("model", &F::model, kServerFanModels)
      .doc("speed_ramp: speed rises linearly above the reference inlet, power by the cube law; ite: EnergyPlus "
           "ElectricEquipment:ITE:AirCooled curves of load and inlet temperature");
  b.field("share", &F::power_share, Dim::fraction).range(0, 0.5)
      .doc("fan share of rack power at the reference inlet (ite: of peak power, at design flow)");
  b.field("reference_inlet", &F::reference_inlet_temp_c, Dim::temperature, "degC")
      .doc("speed_ramp: fans at design speed up to this inlet; ite: the design entering air temperature");
  b.field("speed_rise", &F::speed_rise_per_k, Type::number()).range(0, 1).doc("speed_ramp: fan speed increase per kelvin above the reference");
  b.field("max_speed_ratio", &F::max_speed_ratio, Type::number()).at_least(1).doc("fan speed (air flow) cap relative to design");
  b.field("min_flow_ratio", &F::min_flow_ratio, Type::number()).range(0, 1)
      .doc("ite: the fans' lowest air flow relative to design (their minimum speed; the curves alone reach 0 in cool air at idle)");
  Schema& s = b.schema();
  s.field("airflow_curve", Type::list(Type::number())).optional().min_items(6)
      .doc("ite: air flow fraction F(x, T) = c0 + c1 x + c2 x^2 + c3 T + c4 T^2 + c5 x T, x the load fraction, T the inlet "
           "in degC (default EnergyPlus's example 0.1 + 0.9 x + 0.1 (T - reference_inlet))");
  s.field("fan_power_curve", Type::list(Type::number())).optional().min_items(3)
      .doc("ite: fan power fraction G(F) = g0 + g1 F + g2 F^2 (default [0, 1, 0], EnergyPlus's ECM fan)");
  s.field("cpu_curve", Type::list(Type::number())).optional().min_items(6)
      .doc("ite: CPU power fraction C(x, T), same form as airflow_curve; power rises by C(x, T) - C(x, reference_inlet) "
           "(EnergyPlus's example [-1, 1, 0, 0.06667, 0, 0] at 15 degC); absent: CPU power does not depend on the inlet");
}

Binder<models::RackGroupConfig> make_group_keys() {
  using G = models::RackGroupConfig;
  using R = models::RackGroupParams;
  Schema work("useful work of the racks");
  work.field("rate", Dim::rate, "1/s").above(0).doc("units of work per second per rack at full utilization");
  work.field("unit", Type::string()).def("inference").doc("what one unit of work is");

  Binder<G> b("a group of identical racks");
  Schema& g = b.schema();
  g.field("name", Type::string()).doc("unique name of the group; with copies, a pattern holding {n} (the copy number 1..N) or {n:02} (zero-padded)");
  g.field("copies", Type::integer()).optional().range(1, static_cast<double>(kMaxGroupCopies))
      .doc("this entry stands for N groups, named by the name pattern, each as if written out (default 1)");
  g.field("extends", Type::string()).optional()
      .doc("an it.templates entry whose keys this group takes; the group's own keys win, mappings merge key by key");
  b.flat(&G::rack, [](Binder<R>& r) {
    r.field("count", &R::rack_count, Type::integer()).required().at_least(1).doc("racks in the group");
    r.field("idle_power", &R::idle_power_w, Dim::power, "kW").required().at_least(0).doc("power of one rack at zero utilization");
    r.field("peak_power", &R::peak_power_w, Dim::power, "kW").required().above(0).doc("power of one rack at full utilization");
  });
  g.field("power_curve", power_curve_type()).def("{type: linear}").doc("power against utilization");
  g.field("utilization", utilization_type()).def("{type: constant, value: 1}").doc("utilization through time");
  b.flat(&G::rack, [](Binder<R>& r) {
    r.field("liquid_share", &R::liquid_capture_share, Dim::fraction).range(0, 1)
        .doc("share of heat captured by liquid: 0.95 full cold plates, 0.7-0.85 CPU/GPU plates, 1 immersion");
    r.field("heat_capacity", &R::heat_capacity_j_per_k, Dim::heat_capacity, "kJ/K").above(0).doc("heat capacity of one loaded rack");
  });
  b.field("air_class", &G::air_class, Type::choice(class_names(models::CoolingMedium::kAir))).doc("ASHRAE air class of the IT inlet");
  b.field("liquid_class", &G::liquid_class, Type::choice(class_names(models::CoolingMedium::kLiquid)))
      .doc("ASHRAE liquid class of the facility water");
  b.flat(&G::rack, [](Binder<R>& r) {
    r.mapping("server_fans", &R::fans, "server fans, EnergyPlus ITE style: fan power rises with inlet temperature",
              declare_server_fans)
        .doc("server fan power against inlet temperature");
  });
  g.field("hall", Type::string()).optional().doc("name of the hall (cooling.halls) the group stands in; needed with several halls");
  g.field("loop", Type::string()).optional()
      .doc("name of the liquid loop (cooling.liquid_loops) its cold plates or tanks are on; needed with several loops");
  g.field("embodied", Type::mapping(embodied_schema())).optional().doc("embodied carbon of the servers");
  g.field("work", Type::mapping(work)).optional().doc("useful work, for energy and carbon per unit of work");
  g.check([](const Reader& r, InputErrors& e) {
    if (r.quantity("idle_power") > r.quantity("peak_power")) {
      e.add(r.error("idle_power", fmt::format("must not exceed peak_power (got {} W > {} W)", format_number(r.quantity("idle_power")),
                                              format_number(r.quantity("peak_power")))));
    }
  });
  return b;
}

Binder<models::PlantConfig> make_plant_keys() {
  using P = models::PlantConfig;
  using H = models::HeatRejectionPlantParams;
  Binder<P> b("a heat-rejection plant serving one or more water loops");
  b.schema().field("name", Type::string()).doc("name the loops refer to");
  b.field("delta_t", &P::delta_t_k, Dim::temperature_difference, "K").above(0).doc("design water range of the loop");
  b.field("min_flow", &P::min_flow_fraction, Dim::fraction).range(0, 1).doc("lowest loop flow as a share of design");
  b.mapping("pump", &P::pump, "loop (primary) pumps", declare_pump).doc("loop pumps");
  b.schema().field("equipment", Type::list(equipment_registry().type())).min_items(1)
      .doc("the plant's stages, any number of each kind: heat reuse in series (list order), chiller banks staged in "
           "list order (lead first), towers and dry coolers in parallel on the condenser water (docs/models.md)");
  b.group("economizer", "waterside economizer control", [](Binder<P>& econ) {
    using E = models::EconomizerParams;
    econ.field("enabled", &P::waterside_economizer, Type::boolean()).doc("free cooling through the plant's towers or dry coolers");
    econ.flat(&P::economizer, [](Binder<E>& e) {
      e.field("hx_approach", &E::hx_approach_k, Dim::temperature_difference, "K").at_least(0)
          .doc("economizer heat-exchanger approach (Lei & Masanet 2020)");
      e.field("hysteresis", &E::hysteresis_k, Dim::temperature_difference, "K").at_least(0).doc("band around each mode threshold");
      e.field("min_dwell", &E::min_dwell_s, Dim::duration, "min").at_least(0).doc("shortest time between mode changes");
    });
  }).doc("waterside economizer");
  b.flat(&P::params, [](Binder<H>& h) {
    h.field("condenser_water_set", &H::condenser_water_set_c, Dim::temperature, "degC")
        .doc("tower/dry-cooler leaving water in mechanical mode");
    h.mapping("condenser_water_reset", &H::condenser_water_reset,
              "condenser-water reset: set point = clamp(wet bulb + approach, min, max)", [](Binder<models::SupplyReset>& r) {
                using R = models::SupplyReset;
                r.field("approach", &R::offset_k, Dim::temperature_difference, "K").required().above(0)
                    .doc("set point above the outdoor wet bulb (at least the towers' approach at the load)");
                r.field("min", &R::min_c, Dim::temperature, "degC").required()
                    .doc("lowest set point (the chillers' minimum entering condenser water, about 12.8 degC)");
                r.field("max", &R::max_c, Dim::temperature, "degC").required().doc("highest set point");
                r.schema().check([](const Reader& rd, InputErrors& e) {
                  if (rd.quantity("min") > rd.quantity("max")) {
                    e.add(rd.error("min", fmt::format("must not exceed max (got {} degC > {} degC)", format_number(rd.quantity("min")),
                                                      format_number(rd.quantity("max")))));
                  }
                });
              })
        .doc("condenser-water set point reset with the wet bulb (replaces condenser_water_set)");
    h.group("condenser_pump", "condenser/rejection water pumps, running while heat goes to the towers or dry coolers",
            [](Binder<H>& cp) {
              cp.field("control", &H::pump_variable, kCondenserPumpControls)
                  .doc("variable: flow follows the heat to reject (affinity laws) down to min_flow; constant: design flow");
              cp.field("min_flow", &H::pump_min_flow_fraction, Dim::fraction).above(0).at_most(1)
                  .doc("lowest condenser flow, share of design (variable control; chillers' and towers' minimum)");
              cp.field("pressure", &H::pump_pressure_pa, Dim::pressure, "kPa").above(0)
                  .doc("pressure rise at design flow (Lei & Masanet 2020)");
              cp.field("efficiency", &H::pump_efficiency, Type::number()).above(0).at_most(1).doc("wire-to-water efficiency");
            })
        .doc("condenser/rejection water pumps");
  });
  return b;
}

// A loop schema with a `name` first, for the named lists (cooling.halls, cooling.liquid_loops).
Schema named(const Schema& loop, const char* what) {
  Schema s(loop.doc());
  s.field("name", Type::string()).doc(what);
  for (const auto& f : loop.fields()) s.field(f.name(), f.type()) = f;
  for (const auto& c : loop.checks()) s.check(c);
  return s;
}

Schema supply_schema() {
  Schema grid("the grid");
  grid.field("intensity", Dim::carbon_intensity, "g/kWh").optional().range(0, kMaxIntensity).doc("constant intensity (default: the site's)");
  grid.field("monthly", Type::list(Type::number())).optional().min_items(12).range(0, kMaxIntensity).doc("12 monthly intensities, g/kWh");
  grid.field("hourly", Type::list(Type::number())).optional().min_items(24).range(0, kMaxIntensity).doc("24 hourly intensities, g/kWh");
  grid.field("trace", Type::string()).optional().doc("CSV file timestamp,intensity_g_per_kwh");
  grid.field("basis", kIntensityBases.type()).def("average").doc("average or marginal emission factor");
  grid.field("description", Type::string()).optional().doc("where the intensity comes from");
  Schema outage("a scheduled outage");
  outage.field("start", Type::date()).doc("date and time");
  outage.field("duration", Dim::duration, "h").above(0).doc("length");
  Schema geo("geothermal plant, dispatched first; the grid covers the shortfall");
  geo.field("capacity", Dim::power, "MW").above(0).doc("electric capacity");
  geo.field("emission_factor", Dim::carbon_intensity, "g/kWh").optional().at_least(0)
      .doc("lifecycle factor (default: the preset)");
  geo.field("preset", Type::choice({"ipcc_ar5_median", "hellisheidi"})).def("ipcc_ar5_median")
      .doc("38 g/kWh (IPCC AR5 median) or 19.5 g/kWh (Hellisheidi, Paulillo et al. 2019)");
  geo.field("heat_output", Dim::power, "MW").def(0.0).at_least(0).doc("heat offered while up");
  geo.field("mtbf", Dim::duration, "h").optional().above(0).doc("mean time between random outages");
  geo.field("mttr", Dim::duration, "h").def("24 h").above(0).doc("mean time to repair");
  geo.field("weibull_shape", Type::number()).def(1.0).above(0).doc("shape of the time to failure (1: exponential)");
  geo.field("outages", Type::list(Type::mapping(outage))).def("[]").doc("scheduled outages");
  Schema s("power supply");
  s.field("grid", Type::mapping(grid)).def("{}").doc("grid connection");
  s.field("geothermal", Type::mapping(geo)).optional().doc("geothermal plant");
  return s;
}

Binder<models::BaselineParams> make_baseline_keys() {
  Binder<models::BaselineParams> b("what avoided emissions are counted against: the same IT energy at another PUE on another grid");
  b.field("pue", &models::BaselineParams::pue, Type::number()).range(1, 10).doc("baseline PUE (Uptime Institute 2021 average: 1.57)");
  // The grid is a default of the schema (the struct holds it or a reference's emissions), read by hand.
  Schema& s = b.schema();
  s.field("grid_intensity", Dim::carbon_intensity, "g/kWh").def("369 g/kWh").range(0, kMaxIntensity)
      .doc("baseline grid (US average 2023: 369 g/kWh)");
  s.field("description", Type::string()).def("industry-average PUE 1.57 (Uptime Institute 2021) on the US average grid, 369 gCO2e/kWh (2023)")
      .doc("stated in every output");
  s.field("reference", Type::string()).optional()
      .doc("a scenario file (relative to this one) whose emissions per IT kWh are the baseline; replaces pue and grid_intensity");
  return b;
}

Schema site_schema() {
  Schema s("where the facility is");
  s.field("builtin", Type::choice(models::site_names())).optional().doc("a built-in site (see `dcsim sites`)");
  s.field("epw", Type::string()).optional().doc("an EnergyPlus weather file, relative to the scenario file");
  s.field("grid_intensity", Dim::carbon_intensity, "g/kWh").optional().range(0, kMaxIntensity)
      .doc("the local grid (default: the built-in site's; required with epw unless supply.grid sets it)");
  s.check([](const Reader& r, InputErrors& e) {
    if (r.has("builtin") == r.has("epw")) e.add(r.error_here("needs exactly one of builtin and epw"));
  });
  return s;
}

Binder<models::FacilityConfig> make_period_keys() {
  using F = models::FacilityConfig;
  Binder<F> b("the simulated period");
  // A date is no bound member type: its default is the configuration's, read by hand.
  b.schema().field("start", Type::date()).def(sim::format_date(b.defaults().start))
      .doc("first day, 00:00 local standard time");
  b.field("length", &F::length, Dim::duration, "d").above(0).at_most(3660).doc("length of the run");
  b.field("record_interval", &F::record_interval, Dim::duration, "min").at_least(1).doc("time series sampling interval");
  return b;
}

// Failures, maintenance and load steps (docs/failures.md).
constexpr const char* kComponents =
    "cooling.air.units (cooling.halls[NAME].units), cooling.liquid.pump (cooling.liquid_loops[NAME].pump), cooling.plants[NAME].chillers, .dry_coolers, .towers "
    "(with several banks of a kind: .chillers[BANK]), .pump, .condenser_pumps, power.ups, supply.geothermal, cooling.equipment[NAME].units (in_row, "
    "liquid_to_air_cdu), .fans (active rear_door, liquid_to_air_cdu), .pumps (immersion_tank); it.groups[NAME] for load_step";

Schema event_schema() {
  Schema s("a scheduled failure, maintenance outage or load step");
  s.field("at", Type::string()).doc("when: a date and time (2025-03-01 10:00) or a time since the period start (36 h)");
  s.field("kind", Type::choice({"failure", "maintenance", "load_step"})).doc("what happens");
  s.field("component", Type::string()).doc(std::string("which redundancy group (or rack group): ") + kComponents);
  s.field("units", Type::integer()).def(1).at_least(1).doc("units taken out (failure, maintenance)");
  s.field("duration", Dim::duration, "h").optional().above(0).doc("how long (default: to the end of the period)");
  s.field("utilization", Dim::fraction).optional().range(0, 1).doc("load_step: the group's utilization meanwhile");
  s.field("note", Type::string()).optional().doc("shown in the events log");
  return s;
}

Schema reliability_schema() {
  Schema s("random failures of every unit of a redundancy group (alternating renewal, seeded per unit)");
  s.field("component", Type::string()).doc(std::string("which group: ") + kComponents);
  s.field("mtbf", Dim::duration, "h").above(0).doc("mean time between failures of one unit");
  s.field("mttr", Dim::duration, "h").above(0).doc("mean time to repair one unit");
  s.field("failure_shape", Type::number()).def(1.0).range(0.1, 20).doc("Weibull shape of the time to failure (1: exponential)");
  s.field("repair_shape", Type::number()).def(1.0).range(0.1, 20).doc("Weibull shape of the repair time (1: exponential)");
  return s;
}

Schema build_scenario_schema() {
  Schema it("the IT equipment");
  it.field("groups", Type::list(Type::mapping(group_keys().schema()))).min_items(1).doc("rack groups");
  it.field("templates", Type::mapping(Schema("Template name -> partial rack group: any keys of `it.groups[]` except name, copies "
                                             "and extends. A group names one with `extends`; a template is checked as part of "
                                             "each group that extends it (an unused one is not checked).").free_form()))
      .optional()
      .doc("named partial rack groups that groups extend");
  Schema cooling("cooling loops and plants");
  cooling.field("plants", Type::list(Type::mapping(plant_keys().schema()))).min_items(1).doc("heat-rejection plants");
  cooling.field("liquid", Type::mapping(liquid_keys().schema())).optional()
      .doc("the liquid loop (needed when any group has liquid_share > 0); or `liquid_loops`");
  cooling.field("liquid_loops", Type::list(Type::mapping(named(liquid_keys().schema(), "unique name of the loop")))).optional().min_items(1)
      .doc("several liquid loops, each at its own supply temperature (instead of `liquid`)");
  cooling.field("air", Type::mapping(air_keys().schema())).optional()
      .doc("the air-cooled hall (residual heat, UPS and lighting heat); or `halls`");
  cooling.field("halls", Type::list(Type::mapping(named(air_keys().schema(), "unique name of the hall")))).optional().min_items(1)
      .doc("several air-cooled halls, each with its own units, set point and containment (instead of `air`)");
  cooling.field("equipment", Type::list(cooling_equipment_registry().type())).def("[]")
      .doc("equipment on the rack groups' heat ports, selected by type (docs/models.md, docs/extending.md)");
  Schema root("a dcsim scenario: one facility at one site for one period");
  root.field("name", Type::string()).doc("scenario name");
  root.field("description", Type::string()).def("''").doc("one line for people");
  root.field("seed", Type::integer()).def(1).at_least(0).doc("seed of every random process (weather generator, outages, load noise)");
  root.field("site", Type::mapping(site_schema())).doc("site and weather");
  root.field("period", Type::mapping(period_keys().schema())).def("{}").doc("simulated period");
  root.field("it", Type::mapping(it)).doc("IT equipment");
  root.field("cooling", Type::mapping(cooling)).doc("cooling");
  root.field("power", Type::mapping(power_schema())).def("{}").doc("electrical chain");
  root.field("supply", Type::mapping(supply_schema())).def("{}").doc("power supply");
  root.field("baseline", Type::mapping(baseline_keys().schema())).def("{}").doc("baseline for avoided emissions");
  Schema reporting("how figures are reported");
  reporting.field("heat_pump_in_pue", Type::boolean()).def(false)
      .doc("count the heat-reuse heat pump inside the PUE boundary (default: outside, as ISO/IEC 30134-6 puts the reuse "
           "process outside the data centre); pue_incl_heat_pump and pue_excl_heat_pump are reported either way");
  root.field("reporting", Type::mapping(reporting)).def("{}").doc("reporting boundaries");
  root.field("events", Type::list(Type::mapping(event_schema()))).def("[]").doc("scheduled failures, maintenance and load steps");
  root.field("reliability", Type::list(Type::mapping(reliability_schema()))).def("[]").doc("random failures (MTBF, MTTR)");
  root.field("policy", Type::mapping(policy_schema())).def("{}").doc("response to overheating");
  root.field("replicates", Type::integer()).def(1).at_least(1).at_most(10000)
      .doc("runs with seeds seed, seed+1, ...; P5/P50/P95 of the key figures in the summary");
  return root;
}

}  // namespace

const Binder<models::RackGroupConfig>& group_keys() { return built_once<make_group_keys>(); }

const Binder<models::PlantConfig>& plant_keys() { return built_once<make_plant_keys>(); }

const Binder<models::FacilityConfig>& period_keys() { return built_once<make_period_keys>(); }

const Binder<models::BaselineParams>& baseline_keys() { return built_once<make_baseline_keys>(); }

const Schema& scenario_schema() {
  static const Schema schema = build_scenario_schema();
  return schema;
}

}  // namespace dcsim::app
