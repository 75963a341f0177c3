#include "models/energy_ledger.hpp"

namespace dcsim::models {

void EnergyLedger::add(const EnergyLedger& o) {
  for (std::size_t i = 0; i < energy_j.size(); ++i) energy_j[i] += o.energy_j[i];
  heat_rejected_j += o.heat_rejected_j;
  heat_reused_j += o.heat_reused_j;
  stored_change_j += o.stored_change_j;
  water_kg += o.water_kg;
  grid_energy_j += o.grid_energy_j;
  geo_energy_j += o.geo_energy_j;
  grid_emissions_g += o.grid_emissions_g;
  geo_emissions_g += o.geo_emissions_g;
  it_unserved_j += o.it_unserved_j;
  unmet_cooling_j += o.unmet_cooling_j;
  cooling_short_s += o.cooling_short_s;
  free_cooling_s += o.free_cooling_s;
  partial_cooling_s += o.partial_cooling_s;
  mechanical_cooling_s += o.mechanical_cooling_s;
  air_outside_recommended_s += o.air_outside_recommended_s;
  air_outside_allowable_s += o.air_outside_allowable_s;
  liquid_above_class_s += o.liquid_above_class_s;
  work_units += o.work_units;
  duration_s += o.duration_s;
  if (o.peak_facility_w > peak_facility_w) {
    peak_facility_w = o.peak_facility_w;
    it_at_peak_w = o.it_at_peak_w;
  }
}

void EnergyLedger::note_power(double facility_w, double it_w) {
  if (facility_w > peak_facility_w) {
    peak_facility_w = facility_w;
    it_at_peak_w = it_w;
  }
}

}  // namespace dcsim::models
