// The choice keys of the scenario that the schema (app/scenario_schema.cpp) declares and the loader
// (app/scenario.cpp) reads back into model values: each string list written once.
#pragma once

#include "app/choice_table.hpp"
#include "models/grid_intensity.hpp"
#include "models/utilization_csv.hpp"

namespace dcsim::app {

// it.groups[].utilization (type trace).unit: how the utilization column is written.
inline const ChoiceTable<models::UtilizationUnit> kUtilizationUnits{
    {"fraction", models::UtilizationUnit::kFraction}, {"percent", models::UtilizationUnit::kPercent}};

// supply.grid.basis: the emission factor of the grid intensity.
inline const ChoiceTable<models::IntensityBasis> kIntensityBases{
    {"average", models::IntensityBasis::average}, {"marginal", models::IntensityBasis::marginal}};

}  // namespace dcsim::app
