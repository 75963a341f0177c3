// Every file of the broken-scenario corpus (tests/data/broken/*.yaml, made by make_corpus.py from
// tests/data/valid/small.yaml) through the real dcsim program, `run` and `validate`: exit status 2,
// no crash, no internal error, the message names each expected line (as `file:LINE:`) together
// with its key path, and no result file or temporary is left behind.
// Each file states its expectation in its first lines:
//   # expect: LINE PATH[, LINE PATH ...]   (LINE `set`: an override error; PATH `-`: no key path)
//   # args: ...                            (extra arguments, optional)
//   # message: TEXT                        (more text the message must contain, optional)
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "tests/support/run_process.hpp"

namespace fs = std::filesystem;

namespace {

using dcsim::test::Outcome;
using dcsim::test::run_dcsim;
using dcsim::test::TempDir;

struct Expectation {
  std::string line;  // a number, or "set"
  std::string path;  // "-" for none
};

struct Case {
  fs::path file;
  std::vector<Expectation> expect;
  std::vector<std::string> args;
  std::vector<std::string> messages;
};

std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> out;
  std::stringstream in(s);
  for (std::string item; std::getline(in, item, sep);) {
    const auto a = item.find_first_not_of(' '), b = item.find_last_not_of(' ');
    if (a != std::string::npos) out.push_back(item.substr(a, b - a + 1));
  }
  return out;
}

Case read_case(const fs::path& file) {
  Case c;
  c.file = file;
  std::ifstream in(file, std::ios::binary);
  std::string line;
  auto after = [&](const char* prefix) { return line.rfind(prefix, 0) == 0 ? line.substr(std::string(prefix).size()) : std::string(); };
  std::getline(in, line);
  const std::string expect = after("# expect: ");
  for (const auto& item : split(expect, ',')) {
    const auto parts = split(item, ' ');
    if (parts.size() == 2) c.expect.push_back({parts[0], parts[1]});
  }
  while (std::getline(in, line)) {
    if (const auto a = after("# args: "); !a.empty()) {
      c.args = split(a, ' ');
    } else if (const auto m = after("# message: "); !m.empty()) {
      c.messages.push_back(m);
    } else {
      break;
    }
  }
  return c;
}

std::vector<Case> corpus() {
  std::vector<Case> out;
  for (const auto& e : fs::directory_iterator(fs::path(DCSIM_SOURCE_DIR) / "tests/data/broken")) {
    if (e.path().extension() == ".yaml") out.push_back(read_case(e.path()));
  }
  std::sort(out.begin(), out.end(), [](const Case& a, const Case& b) { return a.file < b.file; });
  return out;
}

// True when one header line of the report (`file:LINE:COL: error: PATH: ...`) carries both the
// expected line and the expected key path.
bool reports(const std::string& err, const std::string& file, const Expectation& x) {
  std::istringstream lines(err);
  for (std::string l; std::getline(lines, l);) {
    const std::string where = x.line == "set" ? std::string("--set ") : file + ":" + x.line + ":";
    if (l.rfind(where, 0) != 0) continue;
    const std::string after_error = l.substr(l.find(": error: ") == std::string::npos ? l.size() : l.find(": error: ") + 9);
    if (x.path == "-" || after_error.rfind(x.path + ": ", 0) == 0) return true;
  }
  return false;
}

void check_outcome(const Case& c, const Outcome& o, const char* command) {
  INFO(command << " " << c.file.filename().string() << "\nstderr:\n" << o.err);
  CHECK(o.exited);  // no signal (a crash)
  CHECK(o.status == 2);
  CHECK(o.err.find("internal error") == std::string::npos);
  CHECK(o.out.empty());
  for (const Expectation& x : c.expect) {
    INFO("expected line " << x.line << ", key path " << x.path);
    CHECK(reports(o.err, c.file.string(), x));
  }
  for (const std::string& m : c.messages) CHECK_THAT(o.err, Catch::Contains(m));
}

}  // namespace

TEST_CASE("broken corpus: the corpus is large and every file states what it expects", "[cli][corpus]") {
  const auto cases = corpus();
  CHECK(cases.size() >= 45);
  for (const Case& c : cases) {
    INFO(c.file.filename().string());
    CHECK(!c.expect.empty());
  }
}

TEST_CASE("broken corpus: run exits 2, points at each error's line and key path, writes nothing", "[cli][corpus]") {
  for (const Case& c : corpus()) {
    TempDir capture, outdir;
    std::vector<std::string> args = {"run", c.file.string(), "-o", (outdir.path / "out.h5").string()};
    args.insert(args.end(), c.args.begin(), c.args.end());
    const Outcome o = run_dcsim(args, capture.path);
    check_outcome(c, o, "run");
    INFO(c.file.filename().string());
    CHECK(fs::is_empty(outdir.path));  // neither the result file nor a temporary
  }
}

TEST_CASE("broken corpus: validate exits 2 with the same messages", "[cli][corpus]") {
  for (const Case& c : corpus()) {
    TempDir capture;
    std::vector<std::string> args = {"validate", c.file.string()};
    args.insert(args.end(), c.args.begin(), c.args.end());
    check_outcome(c, run_dcsim(args, capture.path), "validate");
  }
}

TEST_CASE("broken corpus: the base of the corpus is itself valid", "[cli][corpus]") {
  // Otherwise a file could fail for a reason other than its own mistake.
  TempDir capture;
  const Outcome o = run_dcsim({"validate", std::string(DCSIM_SOURCE_DIR) + "/tests/data/valid/small.yaml"}, capture.path);
  INFO(o.err);
  CHECK(o.status == 0);
  CHECK_THAT(o.out, Catch::Contains(": ok: scenario 'small'"));
}
