#include "app/run.hpp"

#include <cmath>
#include <stdexcept>

#include <fmt/format.h>

#include "models/embodied_carbon.hpp"
#include "models/geothermal_plant.hpp"
#include "models/emissions.hpp"
#include "models/work_metrics.hpp"
#include "output/feasibility.hpp"
#include "output/metrics.hpp"
#include "output/percentiles.hpp"

namespace dcsim::app {

namespace {

std::string period_text(const Scenario& sc) {
  const auto& f = sc.facility;
  return fmt::format("{} + {:g} d, recorded every {:g} min", sim::format_date(f.start), sim::to_seconds(f.length) / 86400.0, sim::to_seconds(f.record_interval) / 60.0);
}

// Carbon figures: avoided emissions against the baseline and their split, equivalences, embodied
// carbon attributed to the period, and work metrics.
void add_carbon(const Scenario& sc, const models::EnergyLedger& l, output::Summary& s, output::RunReport& report) {
  models::EmissionsTotals totals;
  totals.it_energy_j = l.it_j();
  totals.facility_energy_j = l.facility_j();
  totals.emissions_g = l.emissions_g();
  models::BaselineParams params = sc.baseline;
  if (sc.baseline_reference) {
    // The reference facility serving this scenario's IT energy: its emissions per IT kWh and its PUE.
    const Scenario& ref = *sc.baseline_reference;
    const models::FacilityResult rr = models::Facility(ref.facility, ref.graph).run();
    const double ref_it_j = rr.total.it_j();
    const double ref_pue = ref_it_j > 0 ? rr.total.facility_j() / ref_it_j : 1.0;
    params.pue = std::max(ref_pue, 1.0);
    params.intensity_g_per_kwh.reset();
    params.reference_emissions_g = ref_it_j > 0 ? rr.total.emissions_g() / ref_it_j * l.it_j() : 0.0;
    params.description = fmt::format("reference scenario '{}' ({}): PUE {:.3f}, {:.1f} gCO2e per facility kWh", ref.name, ref.path,
                                     ref_pue, rr.total.facility_j() > 0 ? rr.total.emissions_g() / (rr.total.facility_j() / 3.6e6) : 0.0);
  }
  const models::Baseline baseline(params);
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
  report.context.emplace_back("baseline", sc.baseline_reference ? params.description
                                                               : fmt::format("{} (PUE {:g}, {:g} gCO2e/kWh)", params.description,
                                                                             params.pue, params.intensity_g_per_kwh.value_or(0.0)));
  // Heat the geothermal plant offers while it is up (for district heating), over the period.
  if (sc.facility.supply.geothermal && sc.facility.supply.geothermal->heat_output_w > 0) {
    const models::GeothermalPlant plant(*sc.facility.supply.geothermal, period);
    const double up_s = plant.availability(0, period) * sim::to_seconds(period);
    s.add("geothermal_heat_offered_kwh", plant.params().heat_output_w * up_s / 3.6e6, "kWh",
          "heat the geothermal plant offers while up (supply.geothermal.heat_output)");
  }
  // Embodied carbon attributed to the period, and work.
  double embodied_g = 0;
  bool any_embodied = false;
  models::EmbodiedSplit act_g;  // the servers estimated with ACT, by part, attributed to the period
  for (const auto& g : sc.carbon) {
    if (!g.embodied) continue;
    any_embodied = true;
    const models::EmbodiedCarbon e(*g.embodied);
    const double servers = static_cast<double>(g.servers_per_rack) * g.racks;
    embodied_g += e.per_server_for_period_g(period) * servers;
    if (const auto split = e.split_per_server_g()) {
      const double f = e.per_server_g() > 0 ? e.per_server_for_period_g(period) * servers / e.per_server_g() : 0.0;
      act_g.chips_g += f * split->chips_g;
      act_g.memory_storage_g += f * split->memory_storage_g;
      act_g.rest_g += f * split->rest_g;
    }
  }
  if (any_embodied) {
    s.add("embodied_emissions_t", embodied_g / 1e6, "tCO2e", "embodied carbon of the servers attributed to the period (lifetime share)");
    const double lifecycle = embodied_g + l.emissions_g();
    s.add("lifecycle_emissions_t", lifecycle / 1e6, "tCO2e", "operational plus attributed embodied carbon");
    s.add("embodied_share", lifecycle > 0 ? embodied_g / lifecycle : 0.0, "1", "embodied share of lifecycle carbon");
    // The chips kept apart from the generic remainder, for the servers whose footprint ACT estimates.
    const double act_total = act_g.total_g();
    s.add("embodied_chips_t", act_g.chips_g / 1e6, "tCO2e",
          "ACT estimate of the logic chips (CPU, GPU, accelerator dies and packages), attributed to the period");
    s.add("embodied_memory_storage_t", act_g.memory_storage_g / 1e6, "tCO2e", "ACT estimate of DRAM and SSD, attributed to the period");
    s.add("embodied_rest_t", act_g.rest_g / 1e6, "tCO2e", "rest of the ACT-estimated servers (boards, chassis, power supplies...)");
    s.add("embodied_chip_share", act_total > 0 ? act_g.chips_g / act_total : 0.0, "1",
          "logic chips' share of the embodied carbon of the servers estimated with ACT", act_total > 0);
    s.add("lifecycle_chip_share", lifecycle > 0 ? act_g.chips_g / lifecycle : 0.0, "1",
          "logic chips' share of lifecycle carbon (operational plus embodied)");
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

// Ride-through and availability (docs/failures.md).
void add_reliability(const models::FacilityResult& r, output::Summary& s) {
  const models::EnergyLedger& l = r.total;
  double min_s = 0;
  int reached = 0;
  for (const auto& x : r.ride_throughs) {
    if (const auto t = x.seconds()) {
      min_s = reached == 0 ? *t : std::min(min_s, *t);
      ++reached;
    }
  }
  s.add("outages", static_cast<double>(r.failures), "1", "failure and maintenance outages started (events and random failures)");
  s.add("cooling_failures", static_cast<double>(r.ride_throughs.size()), "1", "cooling failures (ride-through cases)");
  s.add("cooling_failures_reaching_limit", reached, "1", "cooling failures after which an IT inlet or the coolant reached its allowable limit");
  s.add("ride_through_min_h", min_s / 3600.0, "h", "shortest time from a cooling failure to an allowable limit (n/a: never reached)",
        reached > 0);
  const double asked = l.it_j() + l.it_unserved_j;
  s.add("it_energy_served_share", asked > 0 ? l.it_j() / asked : 0.0, "1", "IT energy served / IT energy asked for", asked > 0);
}

// Partial PUE of each hall as a Green Grid zone (models/facility.hpp ZoneEnergy), and of all the
// white space together.
void add_zones(const models::FacilityResult& r, output::Summary& s) {
  models::ZoneEnergy all{"white space"};
  for (const auto& z : r.zones) {
    all.it_j += z.it_j;
    all.cooling_j += z.cooling_j;
    all.electrical_j += z.electrical_j;
  }
  const auto add = [&](const std::string& name, const models::ZoneEnergy& z, const std::string& what) {
    s.add(name, z.it_j > 0 ? z.total_j() / z.it_j : 0.0, "1",
          "partial PUE of " + what + " as a Green Grid zone: (IT + the CRAH/CRAC and economizer fans, humidifiers and "
          "cooling equipment inside it + PDU, indoor UPS and lighting shares) / IT; plants, loop pumps and transformers "
          "are outside",
          z.it_j > 0);
  };
  add("ppue_white_space", all, "the white space (all halls)");
  if (r.zones.size() > 1) {
    for (const auto& z : r.zones) add("ppue_white_space_" + z.name, z, "hall " + z.name);
  }
}

// The figures whose spread over replicates is reported.
constexpr const char* kReplicateMetrics[] = {"pue", "avoided_emissions_t", "hours_outside_envelope", "emissions_t",
                                             "it_energy_unserved_kwh", "unmet_cooling_kwh"};

}  // namespace

RunOutcome run_scenario(const Scenario& sc, const std::function<void(double)>& progress) {
  models::Facility facility(sc.facility, sc.graph);
  RunOutcome out;
  out.result = facility.run(progress);
  const models::EnergyLedger& l = out.result.total;
  out.summary = output::energy_metrics(l, sc.metrics);
  add_carbon(sc, l, out.summary, out.report);
  add_reliability(out.result, out.summary);
  add_zones(out.result, out.summary);
  output::add_feasibility(out.result, out.summary);
  output::add_sizing(facility.sizing(), out.summary);
  out.summary.add("events", static_cast<double>(out.result.stats.events), "1", "engine events processed");
  out.summary.add("heat_balance_residual_kwh", out.result.heat_balance_residual_j / output::kJPerKwh, "kWh",
                  "facility energy minus heat rejected, reused and stored (0 when the balance closes)");

  // Every derived result is finite (NaN stands for "not defined", e.g. a ratio over no energy):
  // inputs are bounded at their keys, so an infinity here is dcsim's failure, reported as such
  // before anything is written, never as a figure.
  for (const auto& m : out.summary.metrics()) {
    if (std::isinf(m.value)) {
      throw std::runtime_error(fmt::format("the result '{}' is infinite ({} {}): no output is written; please report this "
                                           "scenario, its inputs passed every range check", m.name, m.value, m.units));
    }
  }

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
  f.summary_text.emplace_back("status", output::to_string(output::status_of(out.summary)));
  const auto table = output::monthly_table(out.result.months, sc.metrics);
  for (std::size_t i = 0; i < table.names.size(); ++i) {
    f.monthly.push_back({table.names[i], table.units[i], table.descriptions[i], table.columns[i]});
  }
  return out;
}

}  // namespace dcsim::app

namespace dcsim::app {

RunOutcome run_replicates(const Scenario& first, int n, const std::function<Scenario(std::uint64_t)>& load_with_seed,
                          const std::function<void(double)>& progress) {
  if (n < 1) throw std::invalid_argument(fmt::format("replicates must be at least 1 (got {})", n));
  const auto part = [&](int r) {
    return [&, r](double f) {
      if (progress) progress((r + f) / n);
    };
  };
  RunOutcome out = run_scenario(first, part(0));
  if (n == 1) return out;
  output::ReplicateTable& table = out.file.replicates;
  for (const char* name : kReplicateMetrics) {
    table.names.emplace_back(name);
    table.units.push_back(out.summary.find(name)->units);
    table.columns.emplace_back();
  }
  auto add_row = [&](std::uint64_t seed, const output::Summary& s) {
    table.seeds.push_back(seed);
    for (std::size_t i = 0; i < table.names.size(); ++i) table.columns[i].push_back(s.value(table.names[i]));
  };
  add_row(first.facility.seed, out.summary);
  for (int r = 1; r < n; ++r) {
    const std::uint64_t seed = first.facility.seed + static_cast<std::uint64_t>(r);
    const Scenario sc = load_with_seed(seed);
    add_row(seed, run_scenario(sc, part(r)).summary);
  }
  // P5, P50, P95 over the replicates (Hyndman & Fan type 7).
  const double levels[] = {0.05, 0.50, 0.95};
  const char* suffix[] = {"_p5", "_p50", "_p95"};
  const char* label[] = {"P5", "P50 (median)", "P95"};
  out.summary.add("replicates", n, "1", fmt::format("runs with seeds {} to {}", first.facility.seed, first.facility.seed + n - 1));
  for (std::size_t i = 0; i < table.names.size(); ++i) {
    const auto q = output::percentiles(table.columns[i], levels);
    for (std::size_t k = 0; k < 3; ++k) {
      out.summary.add(table.names[i] + suffix[k], q[k], table.units[i],
                      fmt::format("{} of {} over the replicates (type 7: linear between order statistics)", label[k],
                                  table.names[i]));
    }
  }
  out.report.summary = out.summary;
  out.file.summary.clear();

  for (const auto& m : out.summary.metrics()) out.file.summary.push_back({m.name, m.value, m.units});
  out.report.context.emplace_back("replicates", fmt::format("{} seeds from {}; P5/P50/P95 by linear interpolation (type 7)", n,
                                                            first.facility.seed));
  return out;
}

}  // namespace dcsim::app
