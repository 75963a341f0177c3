// Scenarios written in a test as YAML text: load one, or the formatted input errors it raises.
#pragma once

#include <string>

#include "app/input_error.hpp"
#include "app/scenario.hpp"

namespace dcsim::test {

inline app::Scenario load_text(const std::string& text, const std::string& file) { return app::load_scenario_text(text, file, ""); }

// The input errors of `text` as the user sees them, or "no error".
inline std::string input_errors(const std::string& text, const std::string& file) {
  try {
    load_text(text, file);
  } catch (const app::InputException& e) {
    return e.errors().format();
  }
  return "no error";
}

}  // namespace dcsim::test
