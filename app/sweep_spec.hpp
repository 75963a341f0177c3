// A sweep file (scenarios/*.sweep.yaml): a base scenario and axes over any of its key paths,
// expanded into a deterministic list of cases (docs/sweeps.md).
//
//   name: supply-temps                 # default: the file name without .sweep.yaml
//   base: iceland-geothermal-liquid.yaml   # relative to the sweep file; or a list of files:
//                                      # base: [air-design.yaml, liquid-design.yaml], an axis
//   set: {period.length: 90 d}         # applied to every case
//   grid: {cooling.liquid.supply_temp: [28, 32, 36], site.builtin: [reykjavik, phoenix]}
//   zip: {it.groups[0].count: [8, 12], it.groups[0].peak_power: [30 kW, 20 kW]}
//   cases: [{power.pdu_loss: 1 %}, {power.pdu_loss: 2 %, power.lighting: 40 kW}]
//   replicates: 3                      # seeds base+0, base+1, base+2; or seeds: [7, 11]
//                                      # (replicates: [7, 11] means the same)
//   timeseries: false                  # keep each case's time series
//
// Expansion order (the case index): for each base file (a list of them is the outermost axis), for
// each explicit case (or one empty case), for each zip row, for each grid point (first key
// outermost, last key fastest), for each replicate (seeds counted from the case's own base seed).
// Case ids are "c" + the zero-padded index ("c0000"); parameter columns are named by key path in
// the order "base" (only when `base` is a list: the file name as written), cases keys (first
// appearance), zip keys, grid keys, then "seed". Every value is applied as an override
// (app/overrides.hpp) to the case's base scenario plus `set`, so it is validated exactly like a
// value written in the scenario; errors point at the value in the sweep file.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "app/input_error.hpp"
#include "app/scenario.hpp"
#include "app/yaml_document.hpp"

namespace dcsim::app {

// The sweep file's schema (top-level keys); the axes' own keys are scenario key paths.
const Schema& sweep_schema();

struct SweepParam {
  std::string path;   // scenario key path: cooling.liquid.supply_temp
  std::string text;   // the value as written (scalar text, or flow YAML of a list or mapping)
  std::string yaml;   // the value as YAML for the override
  YAML::Mark key_mark, value_mark;  // where it is written in the sweep file
  bool is_override = true;          // false for the `base` column: it picks the file, sets no key
  std::string override_text() const { return path + "=" + yaml; }
};

// One base scenario file of the sweep.
struct SweepBase {
  std::string written;      // as written in the sweep file (the value of the `base` column)
  std::string path;         // resolved against the sweep file's directory
  std::string text;
  std::uint64_t seed = 0;   // its `seed` after the fixed overrides (the base of `replicates`)
};

struct SweepCase {
  std::size_t index = 0;
  std::string id;                   // "c0007"
  std::size_t base = 0;             // index into Sweep::bases
  std::vector<SweepParam> params;   // this case's axis values, in column order
  // "a=1, b=2" for messages.
  std::string label() const;
};

struct Sweep {
  std::string path;          // the sweep file as given
  std::string name;
  std::string description;
  std::vector<SweepBase> bases;  // one, or the files of a `base:` list in the order written
  bool base_list = false;        // `base:` is a list: the outermost axis, column "base"
  bool timeseries = false;
  std::vector<SweepParam> fixed;      // `set:` and command-line overrides, applied to every case
  std::vector<std::string> columns;   // parameter key paths, in column order
  std::vector<SweepCase> cases;
  std::string fingerprint;            // 16 hex digits over every base's text and every case's overrides
  std::shared_ptr<const YamlDocument> doc;
  // The sweep file, its bases and the files they read (EPW, CSV traces, baseline references) with
  // the fixed overrides; an output path may be none of them (app/output_path.hpp).
  std::vector<std::string> input_files;
  // The data files of input_files (bases and what they read, not the sweep file itself) with their
  // content hashes, one "HASH  PATH" line each, PATH relative to the sweep file's folder; part of
  // the fingerprint and stored in the partial file, so that a resume after one changed is refused.
  std::string inputs;

  const SweepBase& base_of(const SweepCase& c) const { return bases[c.base]; }
  // The overrides of one case: fixed ones first, then its axis values (not the `base` column).
  std::vector<std::string> overrides(const SweepCase& c) const;
};

// True for *.sweep.yaml / *.sweep.yml, or a YAML mapping with a top-level `base` key.
bool is_sweep_file(const std::string& path);

// Loads and expands a sweep file; `extra_sets` are applied to every case after `set:`. Each base
// scenario (with the fixed overrides) must be valid on its own. Throws InputException.
Sweep load_sweep(const std::string& path, const std::vector<std::string>& extra_sets = {});

// Loads one case's scenario from its base. Errors caused by an axis value point at that value in
// the sweep file; other errors point into the base file.
// Throws InputException.
Scenario load_case(const Sweep& sweep, const SweepCase& c);

// "HASH  PATH" lines (see Sweep::inputs) of those of `files` that are not already in sweep.inputs,
// in order, each once: the data files one case read beyond its base's.
std::string case_inputs(const Sweep& sweep, const std::vector<std::string>& files);

// The first file of "HASH  PATH" lines whose content is no longer what was recorded: a message
// naming the file and both hashes; empty when every file is unchanged.
std::string changed_input(const Sweep& sweep, const std::string& lines);

// The errors of one invalid case (scenario errors and facility-graph issues).
struct CaseErrors {
  std::size_t index = 0;
  InputErrors errors;
};

// Loads and checks every case on `threads` threads; returns the invalid ones in case order.
std::vector<CaseErrors> validate_sweep_cases(const Sweep& sweep, unsigned threads);

// The report of invalid cases: each distinct error once, followed by the cases it affects.
std::string format_case_errors(const Sweep& sweep, const std::vector<CaseErrors>& bad);

// Number of hardware threads (at least 1).
unsigned hardware_threads();

}  // namespace dcsim::app
