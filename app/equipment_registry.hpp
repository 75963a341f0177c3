// The heat-rejection equipment a plant's `equipment:` list may hold, by `type:`. Each registration is
// a schema for the entry's keys and a function that puts the entry into the plant's parameters; adding
// a model is one registration in equipment_registry.cpp.
#pragma once

#include <cstddef>
#include <string>

#include "app/registry.hpp"
#include "app/schema_binding.hpp"
#include "models/facility.hpp"

namespace dcsim::app {

using EquipmentRegistry = Registry<void, models::PlantConfig&>;
const EquipmentRegistry& equipment_registry();

// The keys of each kind of stage, bound to its parameters (app/schema_binding.hpp). A chiller entry
// fills a bank (count, and cop and min_part_load of its unit) on the preset its capacity (and
// curve) pick; a tower entry fills the preset its capacity and closed pick.
const Binder<models::DryCoolerParams>& dry_cooler_keys();
const Binder<models::CoolingTowerParams>& tower_keys();
const Binder<models::ChillerBankParams>& chiller_keys(bool water_cooled);
const Binder<models::HeatReuseParams>& reuse_keys();

// A plant's stages as components (failures: cooling.plants[P].LABEL; graph: plant.P.LABEL): the kind
// alone for the only stage of its kind ("chillers", "towers", "dry_coolers", "heat_reuse"), with
// the stage's name when the plant has several ("chillers[lead]", "towers[2]").
std::string chiller_bank_label(const models::PlantConfig& p, std::size_t bank);
std::string rejection_bank_label(const models::PlantConfig& p, std::size_t bank);
std::string reuse_stage_label(const models::PlantConfig& p, std::size_t stage);

}  // namespace dcsim::app
