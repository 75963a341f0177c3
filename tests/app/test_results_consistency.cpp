// Results of real runs (scenario text -> facility -> ledgers -> metrics -> recorder -> HDF5), checked
// against the ledgers they come from, against hand calculations on constant conditions, and for
// agreement between the terminal table and the JSON summary.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "app/run.hpp"
#include "app/scenario.hpp"
#include "output/h5_file.hpp"
#include "output/metrics.hpp"
#include "output/report.hpp"
#include "output/run_file.hpp"

using namespace dcsim;
using Catch::Matchers::WithinRel;

namespace {

namespace fs = std::filesystem;

fs::path fresh_dir(const std::string& tag) {
  const fs::path d = fs::temp_directory_path() / fmt::format("dcsim_{}_{}", tag, ::getpid());
  fs::remove_all(d);
  fs::create_directories(d);
  return d;
}

// A whole year of hourly EPW records at one dry bulb and dew point (EPW data dictionary: 35 fields,
// hour 1..24 is the hour ending), so that nothing in the facility depends on the weather's changes.
void write_constant_epw(const fs::path& path, double dry_bulb_c, double dew_point_c) {
  std::ofstream out(path);
  out << "LOCATION,Constantville,XX,TST,Test,000000,50.00,0.00,0.0,0.0\n"
         "DESIGN CONDITIONS,0\nTYPICAL/EXTREME PERIODS,0\nGROUND TEMPERATURES,0\n"
         "HOLIDAYS/DAYLIGHT SAVINGS,No,0,0,0\nCOMMENTS 1,constant weather written by test_results_consistency\n"
         "COMMENTS 2,\nDATA PERIODS,1,1,Data,Wednesday, 1/ 1,12/31\n";
  const int days_in_month[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  for (int m = 1; m <= 12; ++m) {
    for (int d = 1; d <= days_in_month[m - 1]; ++d) {
      for (int h = 1; h <= 24; ++h) {
        out << fmt::format("2025,{},{},{},60,?9?9?9?9E0?9?9?9?9*9?9?9?9?9?9?9?9?9?9?9*9*9?9?9?9,{},{},70,101325", m, d, h,
                           dry_bulb_c, dew_point_c);
        for (int i = 10; i < 35; ++i) out << (i == 21 ? ",3" : ",0");
        out << "\n";
      }
    }
  }
}

// Two rack groups (one liquid-cooled at 80 %, one air-cooled), one dry-cooler plant with a trim
// chiller for both loops, explicit transformer and UPS, and a geothermal plant smaller than the load.
// Period: 2025-01-25 + 14 d, so that January and February each hold exactly 7 days.
std::string constant_scenario() {
  return R"(name: constant-load
description: hand-calculable case
seed: 3
site: {epw: constant.epw}
period: {start: 2025-01-25, length: 14 d, record_interval: 15 min}
it:
  groups:
    - {name: gpu, count: 10, idle_power: 10 kW, peak_power: 30 kW, liquid_share: 80 %,
       utilization: {type: constant, value: 50 %}}
    - {name: cpu, count: 10, idle_power: 2 kW, peak_power: 6 kW, utilization: {type: constant, value: 25 %}}
cooling:
  plants:
    - name: main
      equipment:
        - {type: dry_cooler, capacity: 1000 kW, count: 2}
        - {type: air_cooled_chiller, capacity: 500 kW}
  liquid: {plant: main}
  air: {plant: main}
power:
  transformer: {rating: 1000 kW, no_load_loss: 0.25 %, load_loss: 1 %}
  ups: {module_rating: 500 kW, modules: 1, redundancy: N, mode: double_conversion}
  pdu_loss: 1 %
  lighting: 10 kW
supply:
  grid: {intensity: 300 g/kWh}
  geothermal: {capacity: 200 kW, emission_factor: 20 g/kWh}
baseline: {pue: 1.57, grid_intensity: 369 g/kWh}
)";
}

app::RunOutcome run_text(const std::string& yaml, const fs::path& dir, const std::vector<std::string>& sets = {}) {
  const app::Scenario sc = app::load_scenario_text(yaml, (dir / "scenario.yaml").string(), dir.string(), sets);
  return app::run_scenario(sc);
}

std::vector<double> column(const sim::Recorder& r, const std::string& name) {
  const auto id = r.find(name);
  REQUIRE(id.has_value());
  const auto c = r.column(*id);
  return {c.begin(), c.end()};
}

// Integral of an interval-mean series: row i covers (t[i-1], t[i]], t[-1] = 0.
double integral(const std::vector<double>& time_s, const std::vector<double>& mean) {
  double sum = 0, prev = 0;
  for (std::size_t i = 0; i < time_s.size(); ++i) {
    sum += mean[i] * (time_s[i] - prev);
    prev = time_s[i];
  }
  return sum;
}

constexpr double kJPerKwh = 3.6e6;

}  // namespace

TEST_CASE("results: every metric of a constant-load run against hand calculations", "[results]") {
  const fs::path dir = fresh_dir("consistency_const");
  write_constant_epw(dir / "constant.epw", -5.0, -10.0);
  const auto r = run_text(constant_scenario(), dir);
  const auto& s = r.summary;
  const auto& l = r.result.total;
  const double hours = 14 * 24.0;

  // IT at the reference inlet (the cold aisle stays below 25 degC, so server fans run at design
  // speed and are inside the rack power): gpu 10 (10 + 20 x 0.5) = 200 kW, cpu 10 (2 + 4 x 0.25) = 30 kW.
  const double it_kw = 230.0;
  CHECK_THAT(s.value("it_energy_kwh"), WithinRel(it_kw * hours, 1e-9));
  CHECK_THAT(s.value("pdu_loss_energy_kwh"), WithinRel(0.01 * it_kw * hours, 1e-9));
  CHECK_THAT(s.value("lighting_energy_kwh"), WithinRel(10.0 * hours, 1e-9));
  // UPS, one 500 kW module (N), double conversion {0.012, 0.018, 0.012}, x = 230 / 500 = 0.46:
  // 500 (0.012 + 0.018 x 0.46 + 0.012 x 0.46^2) = 11.4096 kW.
  const double ups_kw = 500.0 * (0.012 + 0.018 * 0.46 + 0.012 * 0.46 * 0.46);
  CHECK_THAT(s.value("ups_loss_energy_kwh"), WithinRel(ups_kw * hours, 1e-9));
  // Transformer 1000 kW: 1000 (0.0025 + 0.01 x^2) with x the mean load inside it; cooling is nearly
  // constant after the first minutes, so the mean load stands for every interval's to 1e-6.
  const double inside_kw = (l.facility_j() - l[models::Use::transformer_loss]) / kJPerKwh / hours;
  const double x = inside_kw / 1000.0;
  CHECK_THAT(s.value("transformer_loss_energy_kwh"), WithinRel(1000.0 * (0.0025 + 0.01 * x * x) * hours, 1e-6));
  CHECK_THAT(s.value("power_loss_energy_kwh"),
             WithinRel(s.value("transformer_loss_energy_kwh") + (ups_kw + 0.01 * it_kw) * hours, 1e-9));

  // Ratios from their definitions.
  const double fac = s.value("facility_energy_kwh"), it = s.value("it_energy_kwh"), cool = s.value("cooling_energy_kwh");
  CHECK_THAT(fac, WithinRel(it + cool + s.value("power_loss_energy_kwh") + 10.0 * hours, 1e-12));
  CHECK_THAT(s.value("pue"), WithinRel(fac / it, 1e-12));
  CHECK_THAT(s.value("ppue_cooling"), WithinRel((it + cool) / it, 1e-12));
  CHECK_THAT(s.value("mlc"), WithinRel(cool / it, 1e-12));
  CHECK_THAT(s.value("elc"), WithinRel(s.value("power_loss_energy_kwh") / it, 1e-12));
  CHECK(s.value("pue") > 1.05);  // 4.6 % electrical losses and lighting alone, before any cooling
  CHECK(s.value("pue") < 1.3);
  // No heat reuse, dry coolers without pads: no reused heat, no water.
  CHECK(s.value("erf") == 0.0);
  CHECK(s.find("erf")->defined);
  CHECK_THAT(s.value("ere"), WithinRel(s.value("pue"), 1e-12));
  CHECK(s.value("water_m3") == 0.0);
  CHECK(s.value("wue_l_per_kwh") == 0.0);

  // Supply: the 200 kW geothermal plant runs flat out (never down: no MTBF, no outage), the grid
  // takes the rest. Emissions 20 g/kWh and 300 g/kWh.
  const double geo_kwh = 200.0 * hours, grid_kwh = fac - geo_kwh;
  CHECK_THAT(s.value("geothermal_energy_kwh"), WithinRel(geo_kwh, 1e-9));
  CHECK_THAT(s.value("grid_energy_kwh"), WithinRel(grid_kwh, 1e-9));
  const double emissions_kg = geo_kwh * 0.020 + grid_kwh * 0.300;
  CHECK_THAT(s.value("emissions_t"), WithinRel(emissions_kg / 1000.0, 1e-9));
  CHECK_THAT(s.value("cue_kg_per_kwh"), WithinRel(emissions_kg / it, 1e-9));
  CHECK_THAT(l.geo_emissions_g, WithinRel(geo_kwh * 20.0, 1e-9));
  // Baseline: the same IT energy at PUE 1.57 on 369 g/kWh.
  const double baseline_t = it * 1.57 * 369.0 / 1e6;
  CHECK_THAT(s.value("baseline_emissions_t"), WithinRel(baseline_t, 1e-9));
  CHECK_THAT(s.value("avoided_emissions_t"), WithinRel(baseline_t - emissions_kg / 1000.0, 1e-9));

  // -5 degC outdoors: the free-cooling water reaches -5 + 10 (dry-cooler approach) + 2.29 (HX approach)
  // = 7.3 degC, below the plant's 18 degC set point by more than the 1 K band (min of 32 - 3 for the
  // liquid loop and 22 - 4 for the CRAH coils): free cooling from t = 0, the chiller never runs.
  CHECK_THAT(s.value("free_cooling_hours"), WithinRel(hours, 1e-12));
  CHECK(s.value("partial_free_cooling_hours") == 0.0);
  CHECK(s.value("mechanical_cooling_hours") == 0.0);
  CHECK(s.value("compressors_energy_kwh") == 0.0);
  // Supply air 22 degC with 5 % recirculation: the inlet stays in A1's recommended 18-27 degC.
  CHECK(s.value("hours_outside_recommended") == 0.0);
  CHECK(s.value("hours_outside_envelope") == 0.0);
  CHECK(s.value("hours_liquid_above_class") == 0.0);
  // Peak: the largest interval-mean facility power, at least the mean; IT is constant, so the PUE
  // at the peak is the peak over 230 kW.
  const double peak_kw = s.value("peak_facility_power_kw");
  CHECK(peak_kw >= fac / hours * (1 - 1e-12));
  CHECK(peak_kw < fac / hours * 1.05);
  CHECK_THAT(s.value("pue_at_peak"), WithinRel(peak_kw / it_kw, 1e-9));

  // Months: 7 days in January, 7 in February, each with 7 x 24 x 230 kWh of IT energy.
  REQUIRE(r.file.monthly.size() > 0);
  std::map<std::string, std::vector<double>> monthly;
  for (const auto& m : r.file.monthly) monthly[m.name] = m.values;
  REQUIRE(monthly.at("it_energy_kwh").size() == 2);
  CHECK_THAT(monthly.at("it_energy_kwh")[0], WithinRel(7 * 24 * it_kw, 1e-9));
  CHECK_THAT(monthly.at("it_energy_kwh")[1], WithinRel(7 * 24 * it_kw, 1e-9));
  CHECK_THAT(monthly.at("free_cooling_hours")[0], WithinRel(7 * 24.0, 1e-12));
  fs::remove_all(dir);
}

TEST_CASE("results: inlet and facility water outside their ASHRAE envelopes, counted in hours and warned", "[results]") {
  const fs::path dir = fresh_dir("consistency_envelope");
  write_constant_epw(dir / "constant.epw", -5.0, -10.0);
  // Supply air 28 degC: the cold aisle starts at 28 degC and, with 5 % recirculation from the hot
  // aisle and the room structure warming, settles between 29 and 31 degC: outside A1's recommended
  // 18-27 degC for the whole period, inside its allowable 15-32 degC. The liquid loop on its own plant at 45 degC supply and a 3 K CDU
  // approach keeps the facility water at 42 degC or more, above W32's 32 degC, all the time.
  std::string yaml = constant_scenario();
  yaml = std::regex_replace(yaml, std::regex("  liquid: \\{plant: main\\}\n  air: \\{plant: main\\}"),
                            "  liquid: {plant: warm, supply_temp: 45 degC}\n  air: {plant: main, supply_temp: 28 degC}");
  yaml = std::regex_replace(yaml, std::regex("  plants:\n"),
                            "  plants:\n    - {name: warm, equipment: [{type: dry_cooler, capacity: 1000 kW}]}\n");
  const auto r = run_text(yaml, dir);
  const auto& s = r.summary;
  const double hours = 14 * 24.0;
  CHECK_THAT(s.value("hours_outside_recommended"), WithinRel(hours, 1e-12));
  CHECK(s.value("hours_outside_envelope") == 0.0);
  CHECK_THAT(s.value("hours_liquid_above_class"), WithinRel(hours, 1e-12));
  const auto warnings = output::report_warnings(r.report);
  const std::string expected = fmt::format("{:.1f} h with the facility water supply above its ASHRAE W class limit", hours);
  CHECK(std::find(warnings.begin(), warnings.end(), expected) != warnings.end());
  CHECK(output::format_terminal(r.report).find("warning: " + expected) != std::string::npos);
  CHECK(output::format_json(r.report).find(output::json_quote(expected)) != std::string::npos);
  fs::remove_all(dir);
}

TEST_CASE("results: recorded interval means integrate to the ledgers, and months sum to the period", "[results]") {
  const fs::path dir = fresh_dir("consistency_series");
  // Changing weather (built-in Reykjavik), a daily load shape, a geothermal outage inside the period,
  // and a length of 14.01 d: the last recording interval is 864 s instead of 900 s, and it crosses
  // from January into February.
  const std::string yaml = R"(name: series
description: changing weather, load and supply
site: {builtin: reykjavik}
period: {start: 2025-01-20, length: 14.01 d, record_interval: 15 min}
it:
  groups:
    - {name: gpu, count: 12, idle_power: 6 kW, peak_power: 20 kW, liquid_share: 85 %,
       utilization: {type: daily, values: [0.6, 0.6, 0.6, 0.6, 0.6, 0.6, 0.7, 0.8, 0.9, 0.9, 0.9, 0.9,
                                            0.9, 0.9, 0.9, 0.9, 0.9, 0.8, 0.8, 0.7, 0.7, 0.6, 0.6, 0.6]}}
    - {name: storage, count: 8, idle_power: 2 kW, peak_power: 6 kW, utilization: {type: constant, value: 50 %}}
cooling:
  plants:
    - name: warm
      equipment:
        - {type: dry_cooler, capacity: 400 kW, count: 2}
        - {type: heat_reuse, capacity: 100 kW, demand: 80 kW, district_supply_temp: 55 degC, district_return_temp: 35 degC, heat_pump: true}
    - name: chilled
      equipment:
        - {type: dry_cooler, capacity: 200 kW}
        - {type: air_cooled_chiller, capacity: 150 kW}
  liquid: {plant: warm}
  air: {plant: chilled, supply_temp: 24 degC}
power: {lighting: 5 kW}
supply:
  grid: {hourly: [20, 20, 20, 20, 20, 25, 30, 35, 35, 30, 28, 28, 28, 28, 28, 30, 35, 40, 40, 35, 30, 25, 20, 20]}
  geothermal: {capacity: 250 kW, preset: hellisheidi, outages: [{start: 2025-01-27 06:00, duration: 30 h}]}
)";
  const auto r = run_text(yaml, dir);
  const auto& l = r.result.total;
  const auto& rec = r.result.recorder;
  const auto& t = rec.times_s();
  const double length_s = 14.01 * 86400.0;
  REQUIRE(t.size() == 1345);  // 14 d = 1344 whole intervals of 900 s, then one of 0.01 d = 864 s
  CHECK(t.front() == 900.0);
  CHECK(t.back() == length_s);
  CHECK(t.back() - t[t.size() - 2] == 864.0);

  const auto it_kw = column(rec, "it_power_kw"), fac_kw = column(rec, "facility_power_kw"), pue = column(rec, "pue");
  CHECK_THAT(integral(t, it_kw) * 1e3, WithinRel(l.it_j(), 1e-6));
  CHECK_THAT(integral(t, fac_kw) * 1e3, WithinRel(l.facility_j(), 1e-6));
  CHECK_THAT(integral(t, column(rec, "cooling_power_kw")) * 1e3, WithinRel(l.cooling_j(), 1e-6));
  CHECK_THAT(integral(t, column(rec, "heat_reused_kw")) * 1e3, WithinRel(l.heat_reused_j, 1e-6));
  CHECK(l.heat_reused_j > 0);
  // The per-interval PUE is the ratio of the interval's energies (both means share the interval).
  double pue_min = 1e9, pue_max = 0;
  for (std::size_t i = 0; i < t.size(); ++i) {
    CHECK_THAT(pue[i], WithinRel(fac_kw[i] / it_kw[i], 1e-12));
    pue_min = std::min(pue_min, pue[i]);
    pue_max = std::max(pue_max, pue[i]);
  }
  CHECK(pue_max > pue_min);  // the load and the weather move it
  // The summary PUE is the ratio of the exact totals, the heat-reuse heat pump outside the boundary
  // (ISO/IEC 30134-6) unless reporting.heat_pump_in_pue; both are reported.
  CHECK_THAT(r.summary.value("pue"), WithinRel((l.facility_j() - l[models::Use::heat_pump]) / l.it_j(), 1e-12));
  CHECK_THAT(r.summary.value("pue_incl_heat_pump"), WithinRel(l.facility_j() / l.it_j(), 1e-12));

  // Emissions by source: the hourly rates integrate to the ledger's emissions of each source, the
  // energy shares weight the facility energy into each source's energy, and the shares sum to 1.
  const auto grid_co2 = column(rec, "grid_emissions_kg_per_h"), geo_co2 = column(rec, "geothermal_emissions_kg_per_h");
  const auto grid_share = column(rec, "grid_energy_share"), geo_share = column(rec, "geothermal_energy_share");
  CHECK_THAT(integral(t, grid_co2) / 3.6, WithinRel(l.grid_emissions_g, 1e-6));  // kg/h x s / 3.6 = g
  CHECK_THAT(integral(t, geo_co2) / 3.6, WithinRel(l.geo_emissions_g, 1e-6));
  CHECK_THAT(integral(t, column(rec, "emissions_kg_per_h")) / 3.6, WithinRel(l.emissions_g(), 1e-6));
  std::vector<double> grid_kw(t.size()), geo_kw(t.size());
  double share_min = 1, share_max = 0;
  for (std::size_t i = 0; i < t.size(); ++i) {
    CHECK_THAT(grid_share[i] + geo_share[i], WithinRel(1.0, 1e-12));
    grid_kw[i] = grid_share[i] * fac_kw[i];
    geo_kw[i] = geo_share[i] * fac_kw[i];
    share_min = std::min(share_min, geo_share[i]);
    share_max = std::max(share_max, geo_share[i]);
  }
  CHECK_THAT(integral(t, grid_kw) * 1e3, WithinRel(l.grid_energy_j, 1e-6));
  CHECK_THAT(integral(t, geo_kw) * 1e3, WithinRel(l.geo_energy_j, 1e-6));
  CHECK(share_min == 0.0);  // the outage: all from the grid
  CHECK(share_max > 0.5);
  CHECK(l.grid_emissions_g > 0);
  CHECK(l.geo_emissions_g > 0);

  // Months: January (12 days) and February (2.01 days) sum to the totals, metric by metric for
  // every additive quantity; ratios do not add, they are the ratio of each month's sums.
  std::map<std::string, std::vector<double>> monthly;
  for (const auto& m : r.file.monthly) monthly[m.name] = m.values;
  REQUIRE(monthly.at("it_energy_kwh").size() == 2);
  for (const auto& name : {"it_energy_kwh", "facility_energy_kwh", "cooling_energy_kwh", "power_loss_energy_kwh",
                           "heat_reused_kwh", "heat_rejected_kwh", "water_m3", "emissions_t", "grid_energy_kwh",
                           "geothermal_energy_kwh", "free_cooling_hours", "partial_free_cooling_hours",
                           "mechanical_cooling_hours", "hours_outside_recommended", "hours_outside_envelope"}) {
    INFO(name);
    const auto& v = monthly.at(name);
    CHECK_THAT(v[0] + v[1], WithinRel(r.summary.value(name), 1e-9));
  }
  for (std::size_t m = 0; m < 2; ++m) {
    CHECK_THAT(monthly.at("pue")[m], WithinRel((monthly.at("facility_energy_kwh")[m] - monthly.at("heat_pump_energy_kwh")[m]) /
                                                   monthly.at("it_energy_kwh")[m],
                                               1e-12));
    CHECK_THAT(monthly.at("pue_incl_heat_pump")[m],
               WithinRel(monthly.at("facility_energy_kwh")[m] / monthly.at("it_energy_kwh")[m], 1e-12));
  }
  CHECK_THAT(monthly.at("free_cooling_hours")[0] + monthly.at("partial_free_cooling_hours")[0] +
                 monthly.at("mechanical_cooling_hours")[0],
             WithinRel(12 * 24.0, 1e-12));

  // The HDF5 file holds the same: the series round-trip, /summary pue and the monthly table.
  const fs::path file = dir / "series.h5";
  output::write_run_file(file, r.file, rec);
  const H5::H5File f = output::h5::open_file(file);
  const auto back = output::read_recording(f);
  CHECK(back.times_s() == t);
  CHECK(column(back, "facility_power_kw") == fac_kw);
  CHECK(output::h5::double_attr(output::h5::open_group(f, "summary"), "pue") == r.summary.value("pue"));
  fs::remove_all(dir);
}

TEST_CASE("results: the terminal table and the JSON summary carry the same metrics and warnings", "[results]") {
  const fs::path dir = fresh_dir("consistency_report");
  write_constant_epw(dir / "constant.epw", -5.0, -10.0);
  const auto r = run_text(constant_scenario(), dir, {"cooling.air.supply_temp=28degC"});
  const std::string term = output::format_terminal(r.report), json = output::format_json(r.report);
  // Terminal: section headings "name   value  units" at column 0, metric rows indented by two.
  std::map<std::string, std::string> term_units;
  std::vector<std::string> term_warnings, sections;
  std::istringstream in(term);
  std::string line;
  bool in_table = false;
  while (std::getline(in, line)) {
    std::smatch m;
    if (std::regex_match(line, m, std::regex(R"(([a-z]+) +value  units)"))) {
      in_table = true;
      sections.push_back(m[1]);
    } else if (line.rfind("warning: ", 0) == 0) {
      term_warnings.push_back(line.substr(9));
    } else if (in_table && std::regex_match(line, m, std::regex(R"(  ([a-z0-9_.\-]+) +(\S+)(?:  (.*))?)"))) {
      term_units[m[1]] = m[3];
    }
  }
  CHECK(sections == std::vector<std::string>{"feasibility", "sizing", "efficiency", "energy", "water", "carbon", "envelope", "run"});
  // JSON: one line per metric.
  std::map<std::string, std::string> json_units;
  std::istringstream jin(json);
  while (std::getline(jin, line)) {
    std::smatch m;
    if (std::regex_search(line, m, std::regex(R"re(^    "([a-z0-9_.\-]+)": \{"value": [^,]+, "units": "([^"]*)")re"))) {
      json_units[m[1]] = m[2] == "1" ? "" : std::string(m[2]);
    }
  }
  CHECK(term_units.size() == r.summary.metrics().size());
  CHECK(term_units == json_units);
  for (const char* name : {"pue", "it_energy_kwh", "water_m3", "emissions_t", "baseline_emissions_t",
                           "avoided_emissions_t", "hours_outside_envelope", "free_cooling_hours"}) {
    CHECK(term_units.count(name) == 1);
  }
  CHECK(term_units.at("it_energy_kwh") == "kWh");
  // The baseline is stated in the header of both.
  CHECK(term.find("baseline") != std::string::npos);
  CHECK(term.find("PUE 1.57") != std::string::npos);
  CHECK(json.find("\"baseline\": ") != std::string::npos);
  // 28 degC supply air: every hour outside the recommended range; both list the same warnings.
  CHECK(r.summary.value("hours_outside_recommended") > 300);
  const auto warnings = output::report_warnings(r.report);
  CHECK(term_warnings == warnings);
  for (const auto& w : warnings) CHECK(json.find(output::json_quote(w)) != std::string::npos);
  // Python's json module parses it and finds every metric of the summary.
  const std::string py = DCSIM_PYTHON;
  if (!py.empty()) {
    const fs::path path = dir / "summary.json";
    std::ofstream(path) << json;
    const std::string cmd = fmt::format(
        "{} -c \"import json; d = json.load(open('{}')); assert len(d['metrics']) == {}, len(d['metrics']); "
        "assert d['metrics']['pue']['section'] == 'efficiency'\"",
        py, path.string(), r.summary.metrics().size());
    CHECK(std::system(cmd.c_str()) == 0);
  }
  fs::remove_all(dir);
}

// File size against raw float64 on a real run: 30 days of the flagship at 1-minute recording.
TEST_CASE("results: a month of the flagship at 1-minute recording is at least 3x smaller than raw float64", "[results]") {
  const fs::path dir = fresh_dir("consistency_size");
  const app::Scenario sc = app::load_scenario(std::string(DCSIM_SOURCE_DIR) + "/scenarios/iceland-geothermal-liquid.yaml",
                                              {"period.length=30d", "period.record_interval=1min"});
  const auto r = app::run_scenario(sc);
  const auto& rec = r.result.recorder;
  REQUIRE(rec.row_count() == 30 * 1440);
  const fs::path file = dir / "month.h5";
  output::write_run_file(file, r.file, rec);
  const double raw_bytes = 8.0 * static_cast<double>(rec.row_count()) * static_cast<double>(rec.channel_count() + 1);
  const double file_bytes = static_cast<double>(fs::file_size(file));
  const double ratio = raw_bytes / file_bytes;
  INFO(fmt::format("{} channels x {} rows: raw {:.1f} MB, file {:.2f} MB, ratio {:.2f}", rec.channel_count(),
                   rec.row_count(), raw_bytes / 1e6, file_bytes / 1e6, ratio));
  CHECK(ratio >= 3.0);
  fs::remove_all(dir);
}

// The year of the flagship at 1-minute recording: run time, write time and size against raw
// float64 (scripts/bench_write.sh; hidden from the suite: a year at 1 minute takes ~10 s here).
TEST_CASE("results: writing a year of the flagship at 1-minute recording", "[.bench_write]") {
  const fs::path dir = fresh_dir("bench_write");
  const app::Scenario sc = app::load_scenario(std::string(DCSIM_SOURCE_DIR) + "/scenarios/iceland-geothermal-liquid.yaml",
                                              {"period.record_interval=1min"});
  using clock = std::chrono::steady_clock;
  const auto t0 = clock::now();
  const auto r = app::run_scenario(sc);
  const auto t1 = clock::now();
  const fs::path file = dir / "year.h5";
  output::write_run_file(file, r.file, r.result.recorder);
  const auto t2 = clock::now();
  const auto& rec = r.result.recorder;
  const double raw_mb = 8.0 * static_cast<double>(rec.row_count()) * static_cast<double>(rec.channel_count() + 1) / 1e6;
  const double file_mb = static_cast<double>(fs::file_size(file)) / 1e6;
  fmt::print("flagship, 365 d at 1 min: {} rows x {} channels (+ time_s)\n", rec.row_count(), rec.channel_count());
  fmt::print("simulate: {:.2f} s wall\n", std::chrono::duration<double>(t1 - t0).count());
  fmt::print("write:    {:.2f} s wall\n", std::chrono::duration<double>(t2 - t1).count());
  fmt::print("raw float64 {:.1f} MB, file {:.1f} MB, ratio {:.2f}\n", raw_mb, file_mb, raw_mb / file_mb);
  CHECK(raw_mb / file_mb >= 3.0);
  fs::remove_all(dir);
}
