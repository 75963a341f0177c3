// libFuzzer target of the sweep-file loader (docs/robustness.md). Arbitrary bytes are a sweep file:
// they are written to fuzz.sweep.yaml in a temporary directory made once per process, beside the two
// one-day base scenarios of tests/fuzz/fixtures (s.yaml, t.yaml), so `base: s.yaml` and
// `base: [s.yaml, t.yaml]` resolve. app::load_sweep must either return an expanded sweep or throw
// app::InputException (bad input, exit status 2); the errors are formatted as dcsim prints them.
// A sweep that loads is then checked the way `dcsim validate SWEEP.yaml` checks it, without
// simulating: its first and last cases (kMaxCases in all: the last ones are of the last base) are
// loaded (app::load_case) and their facility graphs validated, and the case report is formatted.
// Nothing is run.
// Anything else is a finding: another exception (std::terminate: "deadly signal"), a crash, an ASan
// or UBSan report, a leak, a hang (-timeout), too much memory (-rss_limit_mb), or a broken invariant
// of the expansion (case index, id, base index).
// Set DCSIM_FUZZ_VERBOSE=1 to see what each input did (for writing seeds: fuzz_sweep FILE...).
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <system_error>
#include <vector>

#include "app/input_error.hpp"
#include "app/scenario.hpp"
#include "app/sweep_spec.hpp"

namespace fs = std::filesystem;

namespace {

// Cases loaded and validated per input, half from the start and half from the end of the list: an
// input may expand to a million cases, and each load builds the site's weather year (tens of ms
// with coverage instrumentation and sanitizers).
constexpr std::size_t kMaxCases = 4;

[[noreturn]] void finding(const std::string& what) {
  std::fprintf(stderr, "fuzz_sweep: %s\n", what.c_str());
  std::abort();
}

struct Workdir {
  fs::path dir;
  std::string sweep;  // dir/fuzz.sweep.yaml

  Workdir() {
    const char* tmp = std::getenv("TMPDIR");
    std::string templ = std::string(tmp != nullptr && *tmp != '\0' ? tmp : "/tmp") + "/dcsim-fuzz-sweep.XXXXXX";
    if (::mkdtemp(templ.data()) == nullptr) finding("cannot create a temporary directory");
    dir = templ;
    for (const char* f : {"s.yaml", "t.yaml"}) {
      std::error_code ec;
      fs::copy_file(fs::path(DCSIM_SOURCE_DIR) / "tests/fuzz/fixtures" / f, dir / f, ec);
      if (ec) finding(std::string("cannot copy the fixture ") + f + ": " + ec.message());
    }
    sweep = (dir / "fuzz.sweep.yaml").string();
  }
  ~Workdir() {
    std::error_code ec;
    fs::remove_all(dir, ec);
  }
};

bool verbose() {
  static const bool v = [] {
    const char* e = std::getenv("DCSIM_FUZZ_VERBOSE");
    return e != nullptr && std::string(e) == "1";
  }();
  return v;
}

Workdir& workdir() {
  static Workdir w;
  return w;
}

void check_expansion(const dcsim::app::Sweep& sw) {
  if (sw.bases.empty()) finding("a sweep without a base loaded");
  if (sw.cases.empty()) finding("a sweep without cases loaded");
  if (sw.fingerprint.size() != 16) finding("fingerprint '" + sw.fingerprint + "' is not 16 hex digits");
  std::set<std::string> ids;
  for (std::size_t i = 0; i < sw.cases.size(); ++i) {
    const auto& c = sw.cases[i];
    if (c.index != i) finding("case " + std::to_string(i) + " has index " + std::to_string(c.index));
    if (c.base >= sw.bases.size()) finding("case " + c.id + " names base " + std::to_string(c.base));
    if (c.params.size() > sw.columns.size()) finding("case " + c.id + " has more parameters than columns");
    if (!ids.insert(c.id).second) finding("case id " + c.id + " is not unique");
    (void)c.label();
    (void)sw.overrides(c);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  Workdir& w = workdir();
  {
    std::ofstream out(w.sweep, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
    if (!out.flush()) finding("cannot write " + w.sweep);
  }
  (void)dcsim::app::is_sweep_file(w.sweep);
  dcsim::app::Sweep sw;
  try {
    sw = dcsim::app::load_sweep(w.sweep);
  } catch (const dcsim::app::InputException& e) {
    const std::string report = e.errors().format();  // what dcsim prints: snippets, carets, hints
    if (verbose()) std::fprintf(stderr, "fuzz_sweep: input error:\n%s", report.c_str());
    return 0;  // bad input, reported with its place: the expected outcome
  }
  check_expansion(sw);
  // `dcsim validate SWEEP.yaml` without the thread pool (and without its catch of any exception):
  // each case's scenario, then its facility graph.
  std::vector<dcsim::app::CaseErrors> bad;
  const std::size_t n = sw.cases.size();
  std::vector<std::size_t> checked;
  for (std::size_t i = 0; i < n; ++i) {
    if (n <= kMaxCases || i < kMaxCases / 2 || i >= n - kMaxCases / 2) checked.push_back(i);
  }
  for (const std::size_t i : checked) {
    dcsim::app::CaseErrors ce;
    ce.index = i;
    try {
      const dcsim::app::Scenario sc = dcsim::app::load_case(sw, sw.cases[i]);
      for (const auto& issue : dcsim::app::sc.graph.validate()) {
        dcsim::app::InputError e;
        e.file = sw.base_of(sw.cases[i]).path;
        e.message = "facility graph: " + issue;
        ce.errors.add(std::move(e));
      }
    } catch (const dcsim::app::InputException& e) {
      ce.errors = e.errors();
    }
    if (!ce.errors.empty()) bad.push_back(std::move(ce));
  }
  const std::string report = bad.empty() ? std::string() : dcsim::app::format_case_errors(sw, bad);
  if (verbose()) {
    std::fprintf(stderr, "fuzz_sweep: %zu cases over %zu columns, %zu of the %zu checked invalid\n%s", sw.cases.size(),
                 sw.columns.size(), bad.size(), checked.size(), report.c_str());
  }
  return 0;
}
