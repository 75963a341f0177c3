// Part of the scenario loader (app/scenario.cpp): the air-cooled halls and the liquid loops of the
// `cooling` section, in either form: one hall and at most one loop (`cooling.air`, `cooling.liquid`)
// or named lists of them (`cooling.halls`, `cooling.liquid_loops`), and each rack group placed in
// its hall and on its loop (`it.groups[i].hall`, `.loop`).
#pragma once

#include <string>
#include <vector>

#include <fmt/format.h>

#include "app/input_error.hpp"
#include "app/schema.hpp"
#include "app/schema_binding.hpp"
#include "models/facility.hpp"
#include "models/facility_topology.hpp"

namespace dcsim::app {

// Where a rack group stands, as written: its entry (for errors) and the names it gives, if any.
struct GroupPlacement {
  Reader entry;
  std::string hall, loop;  // empty: the only hall / loop
};

// Fills f.halls and f.liquid_loops from `cooling` (f.plants already read), and in `c` the plant of
// each hall and loop and the hall and loop of each group (placements[i] for f.groups[i]); input errors
// at their keys.
void read_loops(const Reader& cooling, const std::vector<GroupPlacement>& placements, models::FacilityConfig& f,
                models::FacilityConnections& c);

// The index of the entry of `all` (plants, halls, loops: anything with a `name`) that `name` names,
// given at `key` of `r`; an input error there, with a suggestion, when none does.
template <class Named>
std::size_t index_by_name(const Reader& r, std::string_view key, const std::string& name, const std::vector<Named>& all,
                          const std::string& what) {
  std::vector<std::string> names;
  for (std::size_t i = 0; i < all.size(); ++i) {
    if (all[i].name == name) return i;
    names.push_back(all[i].name);
  }
  throw InputException(r.error(key, fmt::format("names no {}: '{}'", what, name), suggestion(name, names, what + "s")));
}

// The keys of one hall (cooling.air, cooling.halls[i]) and of one liquid loop (cooling.liquid,
// cooling.liquid_loops[i]) bound to their configurations; `plant` (and a list entry's `name`) are read
// by hand. Their schemas are part of the scenario schema (app/scenario_schema.cpp).
const Binder<models::AirLoopConfig>& air_keys();
const Binder<models::LiquidLoopConfig>& liquid_keys();
// A pump mapping's keys (pressure, efficiency, min_speed, count, affinity_exponent), with the
// defaults of the binder's kind of pump (models/fluid_machine.hpp).
void declare_pump(Binder<models::FluidMachineParams>& b);

// Shared with the rest of the loader.
std::size_t plant_index(const Reader& loop, const std::vector<models::PlantConfig>& plants);
// Group, plant, hall and loop names name datasets of the results file (letters, digits, '_', '.', '-').
std::string dataset_name(const Reader& r);
std::string dataset_name(const Reader& r, const std::string& name);  // `name` given for the entry `r` (a copy's)

}  // namespace dcsim::app
