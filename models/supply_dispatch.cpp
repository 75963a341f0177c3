#include "models/supply_dispatch.hpp"

#include <algorithm>
#include <cmath>

#include "sim/check.hpp"

namespace dcsim::models {

SupplySplit split_supply(double facility_power_w, double geo_available_w, double duration_s,
                         double geo_g_per_kwh, double grid_g_per_kwh) {
  require(std::isfinite(facility_power_w) && facility_power_w >= 0, "facility_power_w",
          "must be >= 0 W (got {})", facility_power_w);
  require(geo_available_w >= 0, "geo_available_w", "must be >= 0 W (got {})", geo_available_w);
  require(duration_s >= 0, "duration_s", "must be >= 0 s (got {})", duration_s);
  SupplySplit s;
  s.geo_energy_j = std::min(facility_power_w, geo_available_w) * duration_s;
  s.grid_energy_j = facility_power_w * duration_s - s.geo_energy_j;
  s.geo_emissions_g = operational_emissions_g(s.geo_energy_j, geo_g_per_kwh);
  s.grid_emissions_g = operational_emissions_g(s.grid_energy_j, grid_g_per_kwh);
  return s;
}

SupplyDispatch::SupplyDispatch(const GridIntensity& grid, const GeothermalPlant* plant)
    : grid_(grid), plant_(plant) {}

sim::Time SupplyDispatch::next_change_after(sim::Time t) const {
  const sim::Time g = grid_.next_change_after(t);
  return plant_ ? std::min(g, plant_->next_change_after(t)) : g;
}

SupplySplit SupplyDispatch::dispatch(double facility_power_w, sim::Time t0, sim::Time t1) const {
  require(t1 >= t0, "interval", "must not end before it starts (got [{} s, {} s))",
          sim::to_seconds(t0), sim::to_seconds(t1));
  SupplySplit total;
  for (sim::Time a = t0; a < t1;) {
    const sim::Time b = std::min(t1, next_change_after(a));
    const double cap_w = plant_ ? plant_->available_capacity_w(a) : 0.0;
    const double geo_f = plant_ ? plant_->emission_factor_g_per_kwh() : 0.0;
    const SupplySplit s =
        split_supply(facility_power_w, cap_w, sim::to_seconds(b - a), geo_f, grid_.at(a));
    total.geo_energy_j += s.geo_energy_j;
    total.grid_energy_j += s.grid_energy_j;
    total.geo_emissions_g += s.geo_emissions_g;
    total.grid_emissions_g += s.grid_emissions_g;
    a = b;
  }
  return total;
}

void SupplyTotals::add(const SupplySplit& s) {
  geo_j_.add(s.geo_energy_j);
  grid_j_.add(s.grid_energy_j);
  geo_g_.add(s.geo_emissions_g);
  grid_g_.add(s.grid_emissions_g);
}

double SupplyTotals::geo_share() const {
  const double e = energy_j();
  return e > 0 ? geo_energy_j() / e : 0.0;
}

double SupplyTotals::grid_share() const {
  const double e = energy_j();
  return e > 0 ? grid_energy_j() / e : 0.0;
}

}  // namespace dcsim::models
