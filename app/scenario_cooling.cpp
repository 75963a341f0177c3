#include "app/scenario_cooling.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "app/input_error.hpp"
#include "app/registry.hpp"
#include "app/schema_binding.hpp"

namespace dcsim::app {

namespace {

const char* const kResetDoc = "outdoor-air reset: supply_temp = clamp(dry bulb + offset, min, max)";

void declare_reset(Binder<models::SupplyReset>& b) {
  using R = models::SupplyReset;
  b.field("offset", &R::offset_k, Dim::temperature_difference, "K").required().doc("set point minus the outdoor dry bulb");
  b.field("min", &R::min_c, Dim::temperature, "degC").required().doc("lowest set point");
  b.field("max", &R::max_c, Dim::temperature, "degC").required().doc("highest set point (keep it inside the ASHRAE class)");
  b.schema().check([](const Reader& r, InputErrors& e) {
    if (r.quantity("min") > r.quantity("max")) {
      e.add(r.error("min", fmt::format("must not exceed max (got {} degC > {} degC)", format_number(r.quantity("min")),
                                       format_number(r.quantity("max")))));
    }
  });
}

// The water a loop asks its plant for, supply_temp less the `approach` key, must stay above 0 degC.
Schema::Check water_above_freezing(std::string approach, std::string water) {
  return [approach, water](const Reader& r, InputErrors& e) {
    const double water_c = r.quantity("supply_temp") - r.quantity(approach);
    if (water_c <= 0) {
      e.add(r.error(approach, fmt::format("leaves the {} at {} degC (supply_temp - {}): it must stay above 0 degC", water,
                                          format_number(water_c), approach)));
    }
  };
}

Binder<models::LiquidLoopConfig> make_liquid_keys() {
  using L = models::LiquidLoopConfig;
  Binder<L> b("direct liquid cooling: cold plates or immersion, CDU, facility water");
  b.schema().field("plant", Type::string()).optional()
      .doc("name of the plant that cools the facility water; without one, equipment (a liquid_to_air_cdu) must cool the loop");
  b.field("supply_temp", &L::supply_temp_c, Dim::temperature, "degC").range(2, 65).doc("coolant supply to the cold plates");
  b.field("delta_t", &L::delta_t_k, Dim::temperature_difference, "K").above(0).doc("design coolant rise across the racks");
  b.field("cdu_approach", &L::cdu_approach_k, Dim::temperature_difference, "K").at_least(0)
      .doc("coolant supply above facility water supply");
  b.field("coolant_volume", &L::coolant_volume_m3, Dim::volume, "m3").above(0).doc("coolant inventory (heat capacity of the loop)");
  b.field("min_flow", &L::min_flow_fraction, Dim::fraction).range(0, 1).doc("lowest coolant flow as a share of design");
  b.mapping("pump", &L::pump, "coolant pumps", declare_pump).doc("coolant pumps");
  b.field("pumps_on_ups", &L::pumps_on_ups, Type::boolean()).doc("coolant pumps fed through the UPS");
  b.mapping("reset", &L::reset, kResetDoc, declare_reset)
      .doc("supply temperature reset with the outdoor dry bulb (replaces supply_temp)");
  b.schema().check(water_above_freezing("cdu_approach", "facility water"));
  return b;
}

const ChoiceTable<bool> kUnitTypes{{"crah", false}, {"crac", true}};  // crac: DX
const ChoiceTable<models::AirEconomizerType> kAirEconomizerTypes{
    {"none", models::AirEconomizerType::none},
    {"direct", models::AirEconomizerType::direct},
    {"indirect", models::AirEconomizerType::indirect}};
const ChoiceTable<models::HumidifierType> kHumidifierTypes{{"adiabatic", models::HumidifierType::adiabatic},
                                                           {"steam", models::HumidifierType::steam}};

void declare_fans(Binder<models::FluidMachineParams>& b) {
  using P = models::FluidMachineParams;
  b.field("flow", &P::design_flow_m3_s, Dim::volume_flow, "m3/s").at_least(0)
      .doc("air flow of one unit at full speed (0: sized so that the units move the servers' design flow, plus bypass)");
  b.field("pressure", &P::design_pressure_pa, Dim::pressure, "Pa").above(0).doc("total pressure rise (Lei & Masanet 2020)");
  b.field("efficiency", &P::efficiency, Type::number()).above(0).at_most(1).doc("fan efficiency (Lei & Masanet 2020)");
  b.field("min_speed", &P::min_speed_fraction, Dim::fraction).range(0, 1).doc("lowest fan speed");
  b.field("affinity_exponent", &P::affinity_exponent, Type::number()).range(1, 3).doc("power ~ speed^n");
}

void declare_air_economizer(Binder<models::AirEconomizerParams>& b) {
  using E = models::AirEconomizerParams;
  b.field("type", &E::type, kAirEconomizerTypes).doc("outside air, air-to-air exchanger, or none");
  b.field("effectiveness", &E::effectiveness, Type::number()).above(0).at_most(1).doc("indirect exchanger effectiveness");
  b.field("evaporative", &E::evaporative, Type::boolean())
      .doc("indirect: exchanger wetted (works against the wet bulb); direct: an evaporative media stage on the outside air");
  b.field("evaporative_effectiveness", &E::evaporative_effectiveness, Type::number()).above(0).at_most(1)
      .doc("direct evaporative stage: wet-bulb effectiveness of the media (0.8-0.9 for rigid pads)");
  b.field("humidify", &E::humidify, Type::boolean())
      .doc("direct: humidify outdoor air drier than min_dew_point (by `humidifier`: water, no lockout); false: lock it out");
  b.field("humidifier", &E::humidifier, kHumidifierTypes)
      .doc("direct: adiabatic (atomizing or wetted media: water, its latent heat from the air) or steam (electric, "
           "isothermal: 2.63 MJ per kg of steam, humidifiers_energy_kwh)");
  b.field("dehumidify", &E::dehumidify, Type::boolean())
      .doc("direct: outdoor air more humid than max_dew_point is dried on the coil when its enthalpy costs the coil "
           "less than the return air and the coil's water is below the drying's apparatus dew point (differential "
           "enthalpy control); false: lock it out");
  b.group("secondary_fan", "indirect: the exchanger's outdoor-air (secondary) fans, running while it moves heat", [](Binder<E>& f) {
    f.field("flow_ratio", &E::secondary_flow_ratio, Type::number()).range(0, 5)
        .doc("secondary air mass flow per unit of process (CRAH) air");
    f.field("pressure", &E::secondary_pressure_pa, Dim::pressure, "Pa").at_least(0)
        .doc("pressure rise across louvres, filter, plate pack and media");
    f.field("efficiency", &E::secondary_fan_efficiency, Type::number()).above(0).at_most(1).doc("fan and motor efficiency");
    f.field("min_speed", &E::secondary_min_speed, Dim::fraction).range(0, 1).doc("lowest fan speed while running");
  });
  b.field("max_dew_point", &E::max_dew_point_c, Dim::temperature, "degC").doc("direct: highest outdoor dew point admitted");
  b.field("min_dew_point", &E::min_dew_point_c, Dim::temperature, "degC").doc("direct: lowest dew point of the supply air (drier outdoor air is humidified to it)");
}

Binder<models::AirLoopConfig> make_air_keys() {
  using A = models::AirLoopConfig;
  Binder<A> b("air cooling: CRAH units on a chilled-water plant, room and containment");
  b.schema().field("plant", Type::string()).doc("name of the plant that cools the CRAH coils");
  b.field("supply_temp", &A::supply_temp_c, Dim::temperature, "degC").range(5, 45).doc("supply air set point");
  b.field("server_delta_t", &A::server_delta_t_k, Dim::temperature_difference, "K").above(0)
      .doc("air temperature rise through the servers");
  b.field("coil_approach", &A::coil_approach_k, Dim::temperature_difference, "K").at_least(0)
      .doc("supply air above chilled-water supply");
  b.group("units", "CRAH/CRAC units", [](Binder<A>& units) {
     units.field("type", &A::dx, kUnitTypes)
         .doc("crah: chilled-water coil on the air plant; crac: DX, the air plant's air-cooled compressors with no water loop");
     units.field("count", &A::unit_count, Type::integer()).at_least(1).doc("units installed");
     units.field("capacity", &A::unit_capacity_w, Dim::power, "kW").above(0).doc("sensible capacity of one unit");
   }).doc("cooling units");
  b.mapping("fans", &A::fans, "fans of all units together", declare_fans).doc("unit fans");
  b.group("containment", "aisle containment", [](Binder<A>& c) {
     c.field("recirculation", &A::recirculation, Dim::fraction).range(0, 0.9).doc("share of server air drawn from the hot aisle");
     c.field("bypass", &A::bypass, Dim::fraction).range(0, 0.9).doc("share of CRAH air returning without passing servers");
   }).doc("recirculation and bypass");
  b.group("room", "the white space", [](Binder<A>& room) {
     room.field("volume", &A::room_volume_m3, Dim::volume, "m3").above(0).doc("air volume");
     room.field("structure_capacity", &A::structure_capacity_j_per_k, Dim::heat_capacity, "MJ/K").above(0)
         .doc("heat capacity of floor, walls, cabling");
     room.field("structure_ua", &A::structure_ua_w_per_k, Dim::thermal_conductance, "kW/K").optional().above(0)
         .doc("conductance between structure and hot-aisle air, a tenth of it to the cold aisle (default: 6.5 W/(m2 K) "
              "over the surfaces of a 4 m high square room of this volume, 20 kW/K at 5000 m3)");
   }).doc("room air and structure");
  b.mapping("economizer", &A::economizer, "airside economizer", declare_air_economizer).doc("airside economizer");
  b.mapping("reset", &A::reset, kResetDoc, declare_reset)
      .doc("supply air temperature reset with the outdoor dry bulb (replaces supply_temp)");
  b.schema().check(water_above_freezing("coil_approach", "chilled water"));
  return b;
}

}  // namespace

void declare_pump(Binder<models::FluidMachineParams>& b) {
  using P = models::FluidMachineParams;
  b.field("pressure", &P::design_pressure_pa, Dim::pressure, "kPa").above(0).doc("pressure rise at design flow");
  b.field("efficiency", &P::efficiency, Type::number()).above(0).at_most(1).doc("wire-to-water efficiency");
  b.field("min_speed", &P::min_speed_fraction, Dim::fraction).range(0, 1).doc("lowest speed as a share of full speed");
  b.field("count", &P::unit_count, Type::integer()).at_least(1).doc("pumps sharing the flow");
  b.field("affinity_exponent", &P::affinity_exponent, Type::number()).range(1, 3)
      .doc("power ~ speed^n; 3 is the cube law, 2-2.7 with static pressure");
}

const Binder<models::LiquidLoopConfig>& liquid_keys() { return built_once<make_liquid_keys>(); }

const Binder<models::AirLoopConfig>& air_keys() { return built_once<make_air_keys>(); }

std::string dataset_name(const Reader& r) { return dataset_name(r, r.string("name")); }

std::string dataset_name(const Reader& r, const std::string& n) {
  const bool ok = !n.empty() && std::all_of(n.begin(), n.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-';
  });
  if (!ok) throw InputException(r.error("name", fmt::format("'{}' must be letters, digits, '_', '.' or '-' (it names result datasets)", n)));
  return n;
}

std::size_t plant_index(const Reader& loop, const std::vector<models::PlantConfig>& plants) {
  return index_by_name(loop, "plant", loop.string("plant"), plants, "plant");
}

namespace {

// A loop without `plant` must be cooled by equipment (a liquid-to-air CDU in cooling.equipment).
models::LiquidLoopConfig liquid_loop(const Reader& l, const models::FacilityConfig& f, models::FacilityConnections& c) {
  models::LiquidLoopConfig lc;
  c.loop_plant.push_back(l.has("plant") ? std::optional<std::size_t>(plant_index(l, f.plants)) : std::nullopt);
  liquid_keys().read(l, lc);
  return lc;
}

models::AirLoopConfig hall(const Reader& air, const models::FacilityConfig& f, models::FacilityConnections& c) {
  models::AirLoopConfig ac;
  c.hall_plant.push_back(plant_index(air, f.plants));
  air_keys().read(air, ac);
  ac.fans.unit_count = ac.unit_count;
  with_location(air["economizer"], [&] { models::AirEconomizer check(ac.economizer); });
  return ac;
}

// A named entry of `list` (a hall or a loop), checked unique.
template <class Config>
void add_named(const Reader& r, Config c, const std::string& list, std::vector<Config>& out) {
  c.name = dataset_name(r);
  for (const auto& other : out) {
    if (other.name == c.name) throw InputException(r.error("name", fmt::format("{} name '{}' used twice", list, c.name)));
  }
  c.label = "cooling." + list + "[" + c.name + "]";
  out.push_back(std::move(c));
}

// The index of the hall or loop a group names (`key`), or the only one when it names none.
template <class Config>
std::size_t place(const Reader& g, const std::string& key, const std::string& name, const std::vector<Config>& all,
                  const char* what) {
  if (name.empty()) {
    if (all.size() == 1) return 0;
    std::vector<std::string> names;
    for (const auto& c : all) names.push_back(c.name);
    throw InputException(g.error_here(fmt::format("needs `{}`: the facility has {} {}s ({})", key, all.size(), what,
                                                  fmt::join(names, ", "))));
  }
  return index_by_name(g, key, name, all, what);
}

}  // namespace

void read_loops(const Reader& cooling, const std::vector<GroupPlacement>& placements, models::FacilityConfig& f,
                models::FacilityConnections& c) {
  // Halls.
  if (cooling.has("air") == cooling.has("halls")) {
    throw InputException(cooling.error_here(cooling.has("air") ? "gives both `air` and `halls`: use one form"
                                                               : "needs `air` (one hall) or `halls` (a list of named halls)"));
  }
  std::vector<Reader> hall_entries;
  f.halls.clear();
  c.hall_plant.clear();
  if (cooling.has("air")) {
    hall_entries.push_back(cooling["air"]);
    f.halls.push_back(hall(cooling["air"], f, c));
  } else {
    for (const Reader& h : cooling.list("halls")) {
      hall_entries.push_back(h);
      add_named(h, hall(h, f, c), "halls", f.halls);
    }
  }
  // Liquid loops.
  if (cooling.has("liquid") && cooling.has("liquid_loops")) {
    throw InputException(cooling.error_here("gives both `liquid` and `liquid_loops`: use one form"));
  }
  f.liquid_loops.clear();
  c.loop_plant.clear();
  if (cooling.has("liquid")) {
    f.liquid_loops.push_back(liquid_loop(cooling["liquid"], f, c));
  } else if (cooling.has("liquid_loops")) {
    for (const Reader& l : cooling.list("liquid_loops")) add_named(l, liquid_loop(l, f, c), "liquid_loops", f.liquid_loops);
  }
  // Groups: each in a hall, and on a loop when part of its heat goes to liquid.
  c.group_hall.clear();
  c.group_loop.clear();
  for (std::size_t i = 0; i < f.groups.size(); ++i) {
    const auto& g = f.groups[i];
    const GroupPlacement& at = placements[i];
    c.group_hall.push_back(place(at.entry, "hall", at.hall, f.halls, "hall"));
    c.group_loop.emplace_back();
    if (g.rack.liquid_capture_share > 0) {
      if (f.liquid_loops.empty()) {
        throw InputException(cooling.error_here(fmt::format("needs a `liquid` loop: rack group '{}' has liquid_share > 0", g.name)));
      }
      c.group_loop.back() = place(at.entry, "loop", at.loop, f.liquid_loops, "liquid loop");
    } else if (!at.loop.empty()) {
      throw InputException(at.entry.error("loop", fmt::format("is given but group '{}' has liquid_share 0: no heat goes to a liquid loop", g.name)));
    }
  }
  // DX units need a plant of air-cooled compressors and nothing else on it.
  for (std::size_t h = 0; h < f.halls.size(); ++h) {
    const auto& ac = f.halls[h];
    if (!ac.dx) continue;
    const std::size_t on = c.hall_plant[h];
    const auto& plant = f.plants[on];
    bool shared = false;
    for (const auto& lp : c.loop_plant) shared = shared || lp == on;
    for (std::size_t o = 0; o < f.halls.size(); ++o) shared = shared || (o != h && c.hall_plant[o] == on && !f.halls[o].dx);
    bool air_cooled = !plant.params.chillers.empty();
    for (const auto& b : plant.params.chillers) air_cooled = air_cooled && b.unit.condenser == models::CondenserKind::air;
    const bool plain_dx = air_cooled && plant.params.rejection.empty() && !shared;
    if (!plain_dx) {
      throw InputException(hall_entries[h]["units"].error(
          "type", fmt::format("crac (DX) units need an air plant ('{}') of air-cooled chillers only, "
                              "with no tower, dry cooler, liquid loop or chilled-water hall on it", plant.name)));
    }
  }
}

}  // namespace dcsim::app
