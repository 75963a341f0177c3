// A scenario file: loading, validation against the schema (app/scenario_schema.cpp), overrides, and
// assembly into the parameters of a facility (models/facility.hpp). Every input error is found here,
// at load time, with the file position and key path of the value that caused it.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "app/schema.hpp"
#include "app/yaml_document.hpp"
#include "models/embodied_carbon.hpp"
#include "models/emissions.hpp"
#include "models/facility.hpp"
#include "output/metrics.hpp"
#include "sim/facility_graph.hpp"

namespace dcsim::app {

// The scenario schema: every key, its unit, default, range and meaning.
const Schema& scenario_schema();

struct GroupCarbon {
  std::string group;
  int racks = 0;
  int servers_per_rack = 1;
  std::optional<models::EmbodiedCarbonParams> embodied;
  double work_per_s_at_full = 0;  // per rack; 0 when not given
  std::string work_unit;
};

struct Scenario {
  std::string path;                    // as given
  std::string name;
  std::string description;
  std::string site_label;              // built-in site name or EPW file
  std::string as_run_yaml;             // the scenario with defaults filled and overrides applied
  std::vector<std::string> overrides;  // "path=value" as applied
  models::FacilityConfig facility;
  // How the facility's components connect (app/facility_graph_builder.hpp): the facility is assembled
  // from it (models::Facility(facility, graph)) and `dcsim graph` draws it.
  sim::FacilityGraph graph;
  models::BaselineParams baseline;
  output::MetricOptions metrics;       // reporting: the PUE boundary
  // baseline.reference: the reference facility, run alongside; its emissions per IT kWh, applied to
  // this scenario's IT energy, are the baseline (app/run.cpp).
  std::shared_ptr<const Scenario> baseline_reference;
  std::vector<GroupCarbon> carbon;
  int replicates = 1;                  // seeds seed, seed + 1, ... (app/run.hpp run_replicates)
  // Every file the scenario was read from, as resolved: the scenario itself (when loaded from a
  // file), its EPW and CSV traces, a baseline reference and the reference's own files. An output
  // path may be none of them (app/output_path.hpp).
  std::vector<std::string> input_files;
};

// Loads, applies `--set` overrides, validates and assembles. Throws InputException (all errors).
Scenario load_scenario(const std::string& path, const std::vector<std::string>& overrides = {});
// The same from text (`name` stands for the file in messages; relative paths resolve against `dir`).
Scenario load_scenario_text(const std::string& text, const std::string& name, const std::string& dir,
                            const std::vector<std::string>& overrides = {});

}  // namespace dcsim::app
