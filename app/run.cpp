#include "app/run.hpp"

#include <fmt/format.h>

#include "models/embodied_carbon.hpp"
#include "models/emissions.hpp"
#include "models/work_metrics.hpp"
#include "output/metrics.hpp"

namespace dcsim::app {

namespace {

std::string period_text(const Scenario& sc) {
  const auto& f = sc.facility;
  return fmt::format("{:04d}-{:02d}-{:02d} + {:g} d, recorded every {:g} min", f.start.year, f.start.month, f.start.day,
                     sim::to_seconds(f.length) / 86400.0, sim::to_seconds(f.record_interval) / 60.0);
}

// Carbon figures: avoided emissions against the baseline and their split, equivalences, embodied
// carbon attributed to the period, and work metrics.
void add_carbon(const Scenario& sc, const models::EnergyLedger& l, output::Summary& s, output::RunReport& report) {
  models::EmissionsTotals totals;
  totals.it_energy_j = l.it_j();
  totals.facility_energy_j = l.facility_j();
  totals.emissions_g = l.emissions_g();
  const models::Baseline baseline(sc.baseline);
  const auto a = models::avoided_emissions(baseline, totals);
  const sim::Time period = sc.facility.length;
  s.add("baseline_emissions_t", a.baseline_g / 1e6, "tCO2e", "emissions of the baseline: same IT energy at the baseline PUE and grid");
  s.add("avoided_emissions_t", a.avoided_g / 1e6, "tCO2e", "baseline emissions minus this scenario's, over the period");
  s.add("avoided_by_efficiency_t", a.efficiency_g / 1e6, "tCO2e", "part of the avoided emissions due to the lower PUE");
  s.add("avoided_by_supply_t", a.supply_g / 1e6, "tCO2e", "part of the avoided emissions due to the cleaner supply");
  const double per_year = models::per_year_g(a.avoided_g, period);
  const models::EquivalenceFactors eq;
  s.add("avoided_emissions_t_per_year", per_year / 1e6, "tCO2e/yr", "avoided emissions scaled to 365 days");
  s.add("avoided_us_homes", models::us_homes_equivalent(per_year, eq), "homes",
        fmt::format("US homes' yearly energy use emitting as much ({}: {:g} t/home)", eq.edition, eq.home_energy_g_per_year / 1e6));
  s.add("avoided_passenger_vehicles", models::passenger_vehicles_equivalent(per_year, eq), "vehicles",
        fmt::format("passenger vehicles for a year emitting as much ({})", eq.edition));
  s.add("scenario_intensity_g_per_kwh", a.scenario_intensity_g_per_kwh, "gCO2e/kWh", "mean intensity of the facility's supply");
  report.context.emplace_back("baseline", fmt::format("{} (PUE {:g}, {:g} gCO2e/kWh)", sc.baseline.description,
                                                      sc.baseline.pue, sc.baseline.intensity_g_per_kwh.value_or(0.0)));
  // Embodied carbon attributed to the period, and work.
  double embodied_g = 0;
  bool any_embodied = false;
  for (const auto& g : sc.carbon) {
    if (!g.embodied) continue;
    any_embodied = true;
    const models::EmbodiedCarbon e(*g.embodied);
    embodied_g += e.per_server_for_period_g(period) * g.servers_per_rack * g.racks;
  }
  if (any_embodied) {
    s.add("embodied_emissions_t", embodied_g / 1e6, "tCO2e", "embodied carbon of the servers attributed to the period (lifetime share)");
    const double lifecycle = embodied_g + l.emissions_g();
    s.add("lifecycle_emissions_t", lifecycle / 1e6, "tCO2e", "operational plus attributed embodied carbon");
    s.add("embodied_share", lifecycle > 0 ? embodied_g / lifecycle : 0.0, "1", "embodied share of lifecycle carbon");
  }
  if (l.work_units > 0) {
    models::WorkTotals w;
    w.work = l.work_units;
    w.it_energy_j = l.it_j();
    w.facility_energy_j = l.facility_j();
    w.operational_emissions_g = l.emissions_g();
    w.embodied_emissions_g = embodied_g;
    const auto m = models::work_metrics(w);
    std::string unit = "unit";
    for (const auto& g : sc.carbon) {
      if (!g.work_unit.empty()) unit = g.work_unit;
    }
    s.add("work_units", l.work_units, unit, "useful work done over the period");
    s.add("facility_energy_per_work_j", m.facility_energy_per_work_j, "J/" + unit, "facility energy per unit of work (PUE included)");
    s.add("operational_g_per_work", m.operational_g_per_work, "gCO2e/" + unit, "operational carbon per unit of work");
    s.add("lifecycle_g_per_work", m.lifecycle_g_per_work, "gCO2e/" + unit, "operational plus embodied carbon per unit of work");
  }
}

}  // namespace

RunOutcome run_scenario(const Scenario& sc, const std::function<void(double)>& progress) {
  models::Facility facility(sc.facility);
  RunOutcome out;
  out.result = facility.run(progress);
  const models::EnergyLedger& l = out.result.total;
  out.summary = output::energy_metrics(l);
  add_carbon(sc, l, out.summary, out.report);
  out.summary.add("events", static_cast<double>(out.result.stats.events), "1", "engine events processed");
  out.summary.add("heat_balance_residual_kwh", out.result.heat_balance_residual_j / output::kJPerKwh, "kWh",
                  "facility energy minus heat rejected, reused and stored (0 when the balance closes)");

  auto& r = out.report;
  r.scenario_name = sc.name;
  r.site = sc.site_label;
  r.period = period_text(sc);
  for (const auto& o : sc.overrides) r.context.emplace_back("override", o);
  r.summary = out.summary;
  r.warnings = out.result.warnings;

  auto& f = out.file;
  f.scenario_name = sc.name;
  f.site = sc.site_label;
  f.seed = sc.facility.seed;
  f.period_start = sc.facility.start;
  f.scenario_yaml = sc.as_run_yaml;
  for (const auto& m : out.summary.metrics()) f.summary.push_back({m.name, m.value, m.units});
  f.summary_text.emplace_back("baseline", r.context.front().second);
  f.summary_text.emplace_back("period", r.period);
  const auto table = output::monthly_table(out.result.months);
  for (std::size_t i = 0; i < table.names.size(); ++i) {
    f.monthly.push_back({table.names[i], table.units[i], table.descriptions[i], table.columns[i]});
  }
  return out;
}

}  // namespace dcsim::app
