// Exact energy, water and carbon totals of a run, by category. The facility adds to a ledger over
// every interval between two events, from exact integrals (thermal network) and the quasi-steady
// plant powers of that interval; metrics are computed from ledgers, never from recorded samples.
// One ledger holds the whole period, one each month, one each recording interval.
#pragma once

#include <array>
#include <cstddef>
#include <string_view>

namespace dcsim::models {

// Electric energy categories (J). Their sum is the facility's input energy.
enum class Use : std::size_t {
  it,                  // IT equipment input (Green Grid category 3), server fans included
  server_fans,         // part of `it` (not added again in facility energy)
  air_fans,            // CRAH/CRAC fans
  pumps,               // liquid loop, facility water, chilled and condenser water pumps
  compressors,         // chillers and DX units
  heat_rejection_fans, // cooling towers and dry coolers: fans; tower basin heaters
  heat_pump,           // heat-reuse heat pump
  humidifiers,         // electric steam humidifiers (airside economizer)
  transformer_loss,
  ups_loss,
  pdu_loss,
  lighting,            // lighting and other facility loads
  kCount
};

inline constexpr std::array<std::string_view, static_cast<std::size_t>(Use::kCount)> kUseNames = {
    "it", "server_fans", "air_fans", "pumps", "compressors", "heat_rejection_fans", "heat_pump",
    "humidifiers", "transformer_loss", "ups_loss", "pdu_loss", "lighting"};

struct EnergyLedger {
  std::array<double, static_cast<std::size_t>(Use::kCount)> energy_j{};
  double heat_rejected_j = 0;     // to ambient by the plants and economizers
  double heat_reused_j = 0;       // delivered to heat reuse (ERF numerator)
  double stored_change_j = 0;     // change of heat stored in the thermal network
  double water_kg = 0;            // site water: evaporation, drift, blowdown, adiabatic
  double grid_energy_j = 0;       // facility energy drawn from the grid
  double geo_energy_j = 0;        // facility energy from the geothermal plant
  double grid_emissions_g = 0;
  double geo_emissions_g = 0;
  double it_unserved_j = 0;       // IT energy not served (racks shut down or throttled)
  double unmet_cooling_j = 0;     // heat the air and liquid loops could not shed at their supply set points
  double cooling_short_s = 0;     // time with a loop short of its supply set point
  double free_cooling_s = 0;      // time with all heat rejected without compressors
  double partial_cooling_s = 0;   // economizer carrying part of the load
  double mechanical_cooling_s = 0;
  double air_outside_recommended_s = 0;  // any IT inlet outside its recommended envelope
  double air_outside_allowable_s = 0;    // any IT inlet outside its allowable envelope
  double liquid_above_class_s = 0;       // facility water supply above its W class limit
  double work_units = 0;          // useful work done (groups with a work rate)
  double duration_s = 0;
  double peak_facility_w = 0;
  double it_at_peak_w = 0;

  double& operator[](Use u) { return energy_j[static_cast<std::size_t>(u)]; }
  double operator[](Use u) const { return energy_j[static_cast<std::size_t>(u)]; }

  double it_j() const { return (*this)[Use::it]; }
  double cooling_j() const {
    return (*this)[Use::air_fans] + (*this)[Use::pumps] + (*this)[Use::compressors] +
           (*this)[Use::heat_rejection_fans] + (*this)[Use::heat_pump] + (*this)[Use::humidifiers];
  }
  double power_loss_j() const {
    return (*this)[Use::transformer_loss] + (*this)[Use::ups_loss] + (*this)[Use::pdu_loss];
  }
  double facility_j() const { return it_j() + cooling_j() + power_loss_j() + (*this)[Use::lighting]; }
  double emissions_g() const { return grid_emissions_g + geo_emissions_g; }

  void add(const EnergyLedger& o);
  // Peak power is kept as the largest interval-mean facility power seen.
  void note_power(double facility_w, double it_w);
};

}  // namespace dcsim::models
