// The equipment a scenario's `cooling.equipment:` list may hold, by `type:` (models/equipment.hpp).
// Each registration is a schema for the entry's keys and a function making its EquipmentSpec and its
// ports (what it connects to, which the loader writes into the facility graph); adding
// an equipment type is its model file, one registration in cooling_equipment.cpp, its test and its
// docs (docs/extending.md).
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "app/registry.hpp"
#include "models/facility.hpp"
#include "models/facility_topology.hpp"

namespace dcsim::app {

// An entry as read: the model to make, and its ports.
struct EquipmentEntry {
  models::EquipmentSpec spec;
  models::EquipmentPorts ports;
};

// Made from the entry, the facility read so far and its connections (halls, loops and their plants).
using CoolingEquipmentRegistry = Registry<EquipmentEntry, const models::FacilityConfig&, const models::FacilityConnections&>;
const CoolingEquipmentRegistry& cooling_equipment_registry();

// The registrations, one per equipment type (each in its own app/equipment_*.cpp).
void register_rear_door(CoolingEquipmentRegistry& r);
void register_immersion_tank(CoolingEquipmentRegistry& r);
void register_in_row(CoolingEquipmentRegistry& r);
void register_liquid_to_air_cdu(CoolingEquipmentRegistry& r);

// For the registrations: the rack groups an entry's `groups` names, as indices of f.groups (each must
// exist, once, and suit the equipment: `unfit` returns why not, or ""), and the keys every entry has
// (name, groups).
std::vector<std::size_t> group_indices(const Reader& r, const models::FacilityConfig& f,
                                       const std::function<std::string(std::size_t)>& unfit);
void add_common_keys(Schema& s);

// Appends the entries of `cooling.equipment` to f.equipment and their ports to c.equipment (groups,
// halls, loops and plants already read); input errors at their keys.
void read_equipment(const Reader& cooling, models::FacilityConfig& f, models::FacilityConnections& c);

}  // namespace dcsim::app
