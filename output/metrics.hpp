// Facility metrics from exact energy ledgers (models/energy_ledger.hpp).
//   PUE  = E_facility / E_IT                       ISO/IEC 30134-2 (IT energy at IT input, category 3)
//   pPUE = (E_IT + E_subsystem) / E_IT             The Green Grid partial PUE
//   ERF  = E_reused / E_facility                   ISO/IEC 30134-6
//   ERE  = (E_facility - E_reused) / E_IT          The Green Grid
//   WUE  = site water (L) / E_IT (kWh)             ISO/IEC 30134-9
//   CUE  = CO2e of facility energy (kg) / E_IT (kWh)  ISO/IEC 30134-8
//   MLC  = mechanical energy / E_IT; ELC = electrical distribution losses / E_IT   ASHRAE 90.4
//   PUE at peak = peak facility power / IT power at that moment   (Green Grid category 0 style)
// The PUE boundary and heat reuse: a heat pump that lifts loop heat for a district is the reuse
// process, which ISO/IEC 30134-6 places outside the data centre ("the reuse process is not part of a
// data centre"). By default `pue` leaves its energy out, (E_facility - E_heat_pump) / E_IT; the
// scenario key reporting.heat_pump_in_pue puts it in. Both are reported: pue_incl_heat_pump and
// pue_excl_heat_pump (equal without a heat pump). Facility energy, ERF, ERE, CUE and the emissions
// are those of all the site's energy, heat pump included.
// A ratio with a zero denominator is NaN-free: it is reported as 0 and flagged `defined = false`.
#pragma once

#include <string>
#include <vector>

#include "models/energy_ledger.hpp"

namespace dcsim::output {

struct Metric {
  std::string name;         // snake_case with the unit last: "it_energy_kwh", "pue"
  double value = 0;
  std::string units;        // "1" for dimensionless
  std::string description;
  bool defined = true;      // false when a ratio's denominator was zero
};

class Summary {
 public:
  void add(std::string name, double value, std::string units, std::string description,
           bool defined = true);
  const std::vector<Metric>& metrics() const { return metrics_; }
  const Metric* find(const std::string& name) const;
  double value(const std::string& name) const;  // throws std::out_of_range if absent

 private:
  std::vector<Metric> metrics_;
};

inline constexpr double kJPerKwh = 3.6e6;

struct MetricOptions {
  bool heat_pump_in_pue = false;  // the heat-reuse heat pump inside the PUE boundary (ISO/IEC 30134-6: outside)
};

// Energy, water and efficiency metrics of one ledger.
Summary energy_metrics(const models::EnergyLedger& l, const MetricOptions& options = {});

// One metric per month for the monthly tables: the names energy_metrics gives.
struct MonthlyTable {
  std::vector<std::string> names, units, descriptions;
  std::vector<std::vector<double>> columns;  // columns[i][month]
};
MonthlyTable monthly_table(const std::vector<models::EnergyLedger>& months, const MetricOptions& options = {});

}  // namespace dcsim::output
