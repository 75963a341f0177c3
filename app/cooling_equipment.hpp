// The equipment a scenario's `cooling.equipment:` list may hold, by `type:` (models/equipment.hpp).
// Each registration is a schema for the entry's keys and a function making its EquipmentSpec; adding
// an equipment type is its model file, one registration in cooling_equipment.cpp, its test and its
// docs (docs/extending.md).
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "app/registry.hpp"
#include "models/facility.hpp"

namespace dcsim::app {

using CoolingEquipmentRegistry = Registry<models::EquipmentSpec, const models::FacilityConfig&>;
const CoolingEquipmentRegistry& cooling_equipment_registry();

// The registrations, one per equipment type (each in its own app/equipment_*.cpp).

// The registrations, one per equipment type (each in its own app/equipment_*.cpp).
void register_rear_door(CoolingEquipmentRegistry& r);
void register_immersion_tank(CoolingEquipmentRegistry& r);
void register_in_row(CoolingEquipmentRegistry& r);
void register_liquid_to_air_cdu(CoolingEquipmentRegistry& r);

// For the registrations: the rack groups an entry's `groups` names (each must exist, once, and suit
// the equipment: `unfit` returns why not, or ""), and the keys every entry has (name, groups).
std::vector<std::string> group_names(const Reader& r, const models::FacilityConfig& f,
                                     const std::function<std::string(const models::RackGroupConfig&)>& unfit);
void add_common_keys(Schema& s);

// Appends the entries of `cooling.equipment` to f.equipment (groups, halls, loops and plants already
// read); input errors at their keys.
void read_equipment(const Reader& cooling, models::FacilityConfig& f);

}  // namespace dcsim::app
