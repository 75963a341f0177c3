#include "output/metrics.hpp"

#include <stdexcept>

namespace dcsim::output {

void Summary::add(std::string name, double value, std::string units, std::string description,
                  bool defined) {
  metrics_.push_back(Metric{std::move(name), value, std::move(units), std::move(description), defined});
}

const Metric* Summary::find(const std::string& name) const {
  for (const auto& m : metrics_) {
    if (m.name == name) return &m;
  }
  return nullptr;
}

double Summary::value(const std::string& name) const {
  const Metric* m = find(name);
  if (!m) throw std::out_of_range("no metric named " + name);
  return m->value;
}

namespace {
struct Ratio {
  double value;
  bool defined;
};
Ratio ratio(double num, double den) { return den > 0 ? Ratio{num / den, true} : Ratio{0.0, false}; }
}  // namespace

Summary energy_metrics(const models::EnergyLedger& l, const MetricOptions& options) {
  using models::Use;
  Summary s;
  const double it = l.it_j(), fac = l.facility_j();
  const double it_kwh = it / kJPerKwh;
  auto add_ratio = [&](const char* name, double num, double den, const char* units, const char* d) {
    const Ratio r = ratio(num, den);
    s.add(name, r.value, units, d, r.defined);
  };
  const double heat_pump = l[Use::heat_pump];
  add_ratio("pue", options.heat_pump_in_pue ? fac : fac - heat_pump, it, "1",
            options.heat_pump_in_pue
                ? "power usage effectiveness: facility energy / IT energy (ISO/IEC 30134-2, IT input; heat-reuse heat pump inside, "
                  "reporting.heat_pump_in_pue)"
                : "power usage effectiveness: facility energy less the heat-reuse heat pump / IT energy (ISO/IEC 30134-2, IT "
                  "input; the reuse process is outside the data centre, ISO/IEC 30134-6)");
  add_ratio("pue_incl_heat_pump", fac, it, "1", "PUE with the heat-reuse heat pump inside the boundary");
  add_ratio("pue_excl_heat_pump", fac - heat_pump, it, "1", "PUE with the heat-reuse heat pump outside the boundary (ISO/IEC 30134-6)");
  add_ratio("ppue_cooling", it + l.cooling_j(), it, "1",
            "1 + cooling load factor: (IT + all cooling energy) / IT (not a zone's partial PUE: ppue_white_space)");
  add_ratio("ppue_electrical", it + l.power_loss_j(), it, "1",
            "1 + power load factor: (IT + transformer, UPS and PDU losses) / IT");
  add_ratio("clf", l.cooling_j(), it, "1", "cooling load factor (The Green Grid): cooling energy / IT energy");
  add_ratio("plf", l.power_loss_j(), it, "1", "power load factor (The Green Grid): electrical losses / IT energy");
  s.add("it_energy_kwh", it_kwh, "kWh", "IT equipment input energy, server fans included");
  s.add("facility_energy_kwh", fac / kJPerKwh, "kWh", "facility input energy");
  s.add("cooling_energy_kwh", l.cooling_j() / kJPerKwh, "kWh", "fans, pumps, compressors, heat rejection, heat pump, humidifiers");
  s.add("power_loss_energy_kwh", l.power_loss_j() / kJPerKwh, "kWh", "transformer, UPS and PDU losses");
  for (std::size_t i = 0; i < l.energy_j.size(); ++i) {
    if (static_cast<Use>(i) == Use::it) continue;
    s.add(std::string(models::kUseNames[i]) + "_energy_kwh", l.energy_j[i] / kJPerKwh, "kWh",
          "energy of " + std::string(models::kUseNames[i]));
  }
  s.add("heat_reused_kwh", l.heat_reused_j / kJPerKwh, "kWh", "heat delivered to reuse");
  s.add("heat_rejected_kwh", l.heat_rejected_j / kJPerKwh, "kWh", "heat rejected to ambient by equipment");
  s.add("heat_stored_kwh", l.stored_change_j / kJPerKwh, "kWh",
        "change of the heat stored in rooms, loops and equipment (unmet load shows here, as rising temperatures)");
  add_ratio("erf", l.heat_reused_j, fac, "1", "energy reuse factor: reused / facility energy (ISO/IEC 30134-6)");
  add_ratio("ere", fac - l.heat_reused_j, it, "1", "energy reuse effectiveness: (facility - reused) / IT");
  s.add("water_m3", l.water_kg / 1000.0, "m3", "site water: evaporation, drift, blowdown, adiabatic");
  add_ratio("wue_l_per_kwh", l.water_kg, it_kwh, "L/kWh", "water usage effectiveness: site water / IT energy (ISO/IEC 30134-9)");
  add_ratio("cue_kg_per_kwh", l.emissions_g() / 1000.0, it_kwh, "kgCO2e/kWh", "carbon usage effectiveness: facility CO2e / IT energy (ISO/IEC 30134-8)");
  add_ratio("mlc", options.heat_pump_in_pue ? l.cooling_j() : l.cooling_j() - heat_pump, it, "1",
            "ASHRAE 90.4 annualized mechanical load component: annual cooling energy (fans, pumps, compressors, humidifiers, heat "
            "rejection; the heat-reuse heat pump only with reporting.heat_pump_in_pue) / annual IT energy");
  add_ratio("elc", l.power_loss_j(), it, "1",
            "annual electrical losses / IT energy (ASHRAE 90.4's ELC is a design-load figure: elc_design)");
  s.add("emissions_t", l.emissions_g() / 1e6, "tCO2e", "operational emissions of facility energy");
  s.add("grid_energy_kwh", l.grid_energy_j / kJPerKwh, "kWh", "facility energy from the grid");
  s.add("geothermal_energy_kwh", l.geo_energy_j / kJPerKwh, "kWh", "facility energy from the geothermal plant");
  add_ratio("geothermal_share", l.geo_energy_j, l.grid_energy_j + l.geo_energy_j, "1", "share of facility energy from geothermal");
  s.add("peak_facility_power_kw", l.peak_facility_w / 1000.0, "kW", "largest interval-mean facility power");
  add_ratio("pue_at_peak", l.peak_facility_w, l.it_at_peak_w, "1", "facility / IT power at the peak (Green Grid category 0 style)");
  s.add("free_cooling_hours", l.free_cooling_s / 3600.0, "h", "hours with all heat rejected without compressors");
  s.add("partial_free_cooling_hours", l.partial_cooling_s / 3600.0, "h", "hours with the economizer carrying part of the load");
  s.add("mechanical_cooling_hours", l.mechanical_cooling_s / 3600.0, "h", "hours on compressors only");
  s.add("hours_outside_recommended", l.air_outside_recommended_s / 3600.0, "h", "hours with any IT inlet outside its ASHRAE recommended range");
  s.add("hours_outside_envelope", l.air_outside_allowable_s / 3600.0, "h", "hours with any IT inlet outside its ASHRAE allowable range");
  s.add("hours_liquid_above_class", l.liquid_above_class_s / 3600.0, "h", "hours with facility water supply above its W class limit");
  s.add("it_energy_unserved_kwh", l.it_unserved_j / kJPerKwh, "kWh", "IT energy not served (throttled or shut down)");
  return s;
}

MonthlyTable monthly_table(const std::vector<models::EnergyLedger>& months, const MetricOptions& options) {
  MonthlyTable t;
  for (std::size_t m = 0; m < months.size(); ++m) {
    const Summary s = energy_metrics(months[m], options);
    if (m == 0) {
      for (const auto& x : s.metrics()) {
        t.names.push_back(x.name);
        t.units.push_back(x.units);
        t.descriptions.push_back(x.description);
      }
      t.columns.assign(t.names.size(), std::vector<double>(months.size(), 0.0));
    }
    for (std::size_t i = 0; i < s.metrics().size(); ++i) t.columns[i][m] = s.metrics()[i].value;
  }
  return t;
}

}  // namespace dcsim::output
