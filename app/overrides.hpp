// Command-line overrides: `--set key.path=value`, applied to the YAML tree before validation, so an
// overridden value is checked exactly like one written in the file. The path (keys separated by dots,
// list items by [index]) must exist in the schema; an unknown key gets a "did you mean". The value is
// read as YAML ("18 degC", "0.9", "[1, 2]"). Errors name the override itself, not a file position:
//   --set cooling.liquid.supply_temp=abc: error: expected a temperature (degC, ...), found 'abc'
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "app/schema.hpp"
#include "app/yaml_document.hpp"

namespace dcsim::app {

struct PathStep {
  std::string key;                   // a mapping key, or empty for an index
  std::optional<std::size_t> index;  // a list index
};

struct Override {
  std::string text;             // as given: "cooling.liquid.pumps[1].efficiency=0.8"
  std::vector<PathStep> steps;  // cooling, liquid, pumps, [1], efficiency
  std::string path;             // canonical key path: cooling.liquid.pumps[1].efficiency
  std::string value;            // "0.8"
};

// Parses "key.path=value". Throws InputException (origin "--set TEXT") when malformed.
Override parse_override(const std::string& text);

// Applies every override in order to `doc` after resolving its path against `schema`; all bad
// overrides are reported together (InputException). Intermediate mappings missing from the file are
// created; list items must exist. Returns the applied overrides as "path=value", for the run record.
std::vector<std::string> apply_overrides(YamlDocument& doc, const Schema& schema,
                                         const std::vector<std::string>& sets);

}  // namespace dcsim::app
