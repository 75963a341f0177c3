// The heat-rejection equipment a plant's `equipment:` list may hold, by `type:`. Each registration is
// a schema for the entry's keys and a function that puts the entry into the plant's parameters; adding
// a model is one registration in equipment_registry.cpp.
#pragma once

#include "app/registry.hpp"
#include "models/facility.hpp"

namespace dcsim::app {

using EquipmentRegistry = Registry<void, models::PlantConfig&>;
const EquipmentRegistry& equipment_registry();

}  // namespace dcsim::app
