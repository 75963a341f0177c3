// libFuzzer target of the scenario loader (docs/robustness.md). Arbitrary bytes are a scenario file:
// app::load_scenario_text must either return a scenario or throw app::InputException (bad input,
// exit status 2). A scenario that loads is then run for one day (the period is forced short with the
// override period.length=1 d) and every summary metric and recorded value must be finite.
// Anything else is a finding: another exception (std::terminate: "deadly signal"), a crash, an
// ASan or UBSan report, a hang (-timeout), too much memory (-rss_limit_mb), or a non-finite result.
//
// Relative file names in a scenario (EPW, utilization and grid traces) resolve against scenarios/.
// Set DCSIM_FUZZ_LOAD_ONLY=1 to fuzz the loader alone (faster, less deep).
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "app/input_error.hpp"
#include "app/run.hpp"
#include "app/scenario.hpp"

namespace {

[[noreturn]] void finding(const char* what, const std::string& name, double value) {
  std::fprintf(stderr, "fuzz_scenario: %s: %s = %g\n", what, name.c_str(), value);
  std::abort();
}

void check_finite(const dcsim::app::RunOutcome& r) {
  for (const auto& m : r.summary.metrics()) {
    if (!std::isfinite(m.value)) finding("non-finite summary metric", m.name, m.value);
  }
  const auto& rec = r.result.recorder;
  for (std::size_t c = 0; c < rec.channel_count(); ++c) {
    for (const double v : rec.column(c)) {
      if (!std::isfinite(v)) finding("non-finite recorded value", rec.channels()[c].name, v);
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const bool load_only = [] {
    const char* v = std::getenv("DCSIM_FUZZ_LOAD_ONLY");
    return v != nullptr && std::string(v) == "1";
  }();
  const std::string text(reinterpret_cast<const char*>(data), size);
  dcsim::app::Scenario sc;
  try {
    sc = dcsim::app::load_scenario_text(text, "fuzz.yaml", DCSIM_SOURCE_DIR "/scenarios", {"period.length=1 d"});
  } catch (const dcsim::app::InputException&) {
    return 0;  // bad input, reported with its place: the expected outcome
  }
  if (!load_only) check_finite(dcsim::app::run_scenario(sc));
  return 0;
}
