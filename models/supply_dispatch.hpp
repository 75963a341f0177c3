// Electric supply of the facility: the geothermal plant first, up to its available capacity; the
// grid covers the shortfall (merit order by emission factor: the plant's lifecycle factor is far
// below any grid's; no export of surplus is counted).
// Over an interval dt of constant facility power P, plant capacity available C, intensities f:
//   E_geo  = min(P, C) dt              E_grid = P dt - E_geo
//   m_geo  = E_geo[kWh] f_geo          m_grid = E_grid[kWh] f_grid(t)
// dispatch() splits an interval at every change of plant availability or grid intensity, so each
// piece has constant inputs and the totals are exact integrals of the step functions.
#pragma once

#include "models/emissions.hpp"
#include "models/geothermal_plant.hpp"
#include "models/grid_intensity.hpp"
#include "sim/time.hpp"

namespace dcsim::models {

// The field names match the supply lines of the facility's EnergyLedger.
struct SupplySplit {
  double geo_energy_j = 0;
  double grid_energy_j = 0;
  double geo_emissions_g = 0;
  double grid_emissions_g = 0;
  double energy_j() const { return geo_energy_j + grid_energy_j; }
  double emissions_g() const { return geo_emissions_g + grid_emissions_g; }
};

// One interval of constant inputs.
SupplySplit split_supply(double facility_power_w, double geo_available_w, double duration_s,
                         double geo_g_per_kwh, double grid_g_per_kwh);

class SupplyDispatch {
 public:
  // `plant` may be null (grid only). Both must outlive the dispatcher.
  SupplyDispatch(const GridIntensity& grid, const GeothermalPlant* plant);
  // Energy and emissions by source of constant facility power over [t0, t1).
  SupplySplit dispatch(double facility_power_w, sim::Time t0, sim::Time t1) const;
  // The next time after t at which either the grid intensity or the plant availability changes.
  sim::Time next_change_after(sim::Time t) const;

 private:
  const GridIntensity& grid_;
  const GeothermalPlant* plant_;
};

// Run totals by source, compensated sums.
class SupplyTotals {
 public:
  void add(const SupplySplit& s);
  double geo_energy_j() const { return geo_j_.value(); }
  double grid_energy_j() const { return grid_j_.value(); }
  double geo_emissions_g() const { return geo_g_.value(); }
  double grid_emissions_g() const { return grid_g_.value(); }
  double energy_j() const { return geo_energy_j() + grid_energy_j(); }
  double emissions_g() const { return geo_emissions_g() + grid_emissions_g(); }
  // Shares of energy by source in [0, 1]; 0 when no energy was drawn.
  double geo_share() const;
  double grid_share() const;

 private:
  CompensatedSum geo_j_, grid_j_, geo_g_, grid_g_;
};

}  // namespace dcsim::models
