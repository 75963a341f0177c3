// The results of one run in the HDF5 layout of DESIGN.md ("the contract with notebooks"):
//   /               attrs dcsim_version, git_describe, created_utc, scenario_name, site, seed,
//                   period_start ("YYYY-MM-DD", local standard time of the site)
//   /scenario       the scenario as run (UTF-8 YAML text)
//   /summary        attrs: <metric> (float64) with <metric>_units (string) beside it, and text
//                   attrs (e.g. baseline_description)
//   /monthly/month  "YYYY-MM" labels, one per row; /monthly/<metric>: float64, one row per month
//   /timeseries/time_s and /timeseries/<channel>: float64, all of one length, in recorder order
//   /events         compound table (time_s float64, kind, component, detail fixed-length strings)
//   /replicates/table  (runs with replicates only) compound table: seed int64, then the key figures
//                   of each replicate (float64); attrs <figure>_units on the dataset
// Every dataset under /monthly and /timeseries has string attrs `units` and `description`
// (units "" marks a label, "1" a dimensionless quantity). A sweep file holds the same under
// /cases/<id>/ (write_case) next to /sweep/table. See docs/output.md.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "output/h5_file.hpp"
#include "sim/recorder.hpp"
#include "sim/time.hpp"

namespace dcsim::output {

struct SummaryMetric {
  std::string name;   // e.g. "pue", "it_energy_kwh"
  double value = 0.0;
  std::string units;  // e.g. "1", "kWh", "t CO2e"
};

struct MonthlyMetric {
  std::string name;
  std::string units;
  std::string description;
  std::vector<double> values;  // one per month of the period, from its first month
};

// Key figures of each replicate run (/replicates/table: a `seed` column, then one per figure).
struct ReplicateTable {
  std::vector<std::uint64_t> seeds;
  std::vector<std::string> names, units;
  std::vector<std::vector<double>> columns;  // columns[i][replicate]
};

// Everything of a run but its time series and events (those are in the sim::Recorder).
struct RunResults {
  std::string scenario_name;
  std::string site;
  std::uint64_t seed = 0;
  sim::CivilDate period_start;
  std::string created_utc;  // ISO 8601 "2025-06-01T12:00:00Z"; empty: the clock at write time
  std::string scenario_yaml;
  std::vector<SummaryMetric> summary;
  std::vector<std::pair<std::string, std::string>> summary_text;  // name -> text
  std::vector<MonthlyMetric> monthly;
  ReplicateTable replicates;  // empty for a single run
};

// The attribute that holds the units of value or column NAME is NAME + kUnitsSuffix.
inline constexpr const char* kUnitsSuffix = "_units";

// Writes the attributes that say which dcsim wrote a file and when (run and sweep files alike):
// dcsim_version, git_describe, created_utc (`created_utc`, or the clock now in UTC if empty).
void write_provenance(const H5::H5Object& where, const std::string& created_utc = "");

// Writes a run into `where` (a file's root group or an empty case group). Throws
// std::invalid_argument on inconsistent results (duplicate names, monthly series of unequal
// length) and std::runtime_error on HDF5 failures.
void write_run(const H5::Group& where, const RunResults& run, const sim::Recorder& recorder,
               const h5::Compression& compression = {});

// Writes a run file atomically (see AtomicFile): the file appears only when complete. Any HDF5
// or file-system failure (a full disk) is a FileError naming `path` and the cause; the temporary is
// removed and a previous file at `path` is untouched.
void write_run_file(const std::filesystem::path& path, const RunResults& run,
                    const sim::Recorder& recorder, const h5::Compression& compression = {});

// Writes a run as /cases/<case_id>/ of an open sweep file; returns the case group.
H5::Group write_case(const H5::Group& sweep_root, const std::string& case_id, const RunResults& run,
                     const sim::Recorder& recorder, const h5::Compression& compression = {});

// Reads back what write_run wrote (the merge and --resume need the summary; tests the rest).
RunResults read_run(const H5::Group& where);
sim::Recorder read_recording(const H5::Group& where);  // time series and events

// "YYYY-MM" of the month `index` months after the start of `start`'s month.
std::string month_label(const sim::CivilDate& start, int index);

}  // namespace dcsim::output
