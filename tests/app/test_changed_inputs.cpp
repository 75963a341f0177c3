// Inputs that change under a resume, and weather files that do not cover the run (docs/robustness.md,
// classes 4 and 5): a sweep records the content hash of every data file its cases read and refuses
// a --resume after one changed (exit 2, naming the file), also for a file only some cases read (an
// axis over the EPW); a partial file another sweep is writing is refused; a scenario whose EPW file
// does not cover the simulated period is an error at the file's line.
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include <catch2/catch.hpp>
#include <fmt/format.h>

#include "tests/support/run_process.hpp"

namespace fs = std::filesystem;
using Catch::Matchers::Contains;
using dcsim::test::Outcome;
using dcsim::test::run_dcsim;
using dcsim::test::slurp;
using dcsim::test::TempDir;

namespace {

const fs::path kSource = DCSIM_SOURCE_DIR;

// Ten January days of hourly records at `dry_bulb_c` (EPW data dictionary, 35 fields a record):
// 8 header lines, then records on lines 9..248.
void write_epw(const fs::path& p, double dry_bulb_c) {
  std::ofstream out(p);
  out << "LOCATION,Test,XX,TST,Test,000000,53.40,-6.30,0.0,80.0\n"
         "DESIGN CONDITIONS,0\nTYPICAL/EXTREME PERIODS,0\nGROUND TEMPERATURES,0\n"
         "HOLIDAYS/DAYLIGHT SAVINGS,No,0,0,0\nCOMMENTS 1,written by test_changed_inputs\nCOMMENTS 2,\n"
         "DATA PERIODS,1,1,Data,Wednesday, 1/ 1,1/10\n";
  for (int d = 1; d <= 10; ++d) {
    for (int h = 1; h <= 24; ++h) {
      out << fmt::format("2025,1,{},{},60,?9?9?9?9E0?9?9?9?9*9?9?9?9?9?9?9?9?9?9?9*9*9?9?9?9,{},{},70,100000", d, h,
                         dry_bulb_c, dry_bulb_c - 4.0);
      for (int i = 10; i < 35; ++i) out << (i == 21 ? ",3" : ",0");
      out << "\n";
    }
  }
}

// tests/data/valid/small.yaml on the EPW file w1.epw, two January days.
void write_base(const fs::path& p) {
  std::string text = slurp(kSource / "tests/data/valid/small.yaml");
  auto replace = [&](const std::string& from, const std::string& to) {
    const std::size_t at = text.find(from);
    REQUIRE(at != std::string::npos);
    text.replace(at, from.size(), to);
  };
  replace("  builtin: dublin\n", "  epw: w1.epw\n  grid_intensity: 300 g/kWh\n");
  replace("  start: 2025-07-01\n  length: 7 d\n", "  start: 2025-01-01\n  length: 2 d\n");
  std::ofstream(p) << text;
}

// Runs a sweep to completion and turns its result back into a partial file: a partial of the same
// sweep with every case done, which --resume opens and checks before anything else.
void make_partial(const TempDir& dir, const std::string& sweep, const std::string& out) {
  const Outcome o = run_dcsim({"sweep", sweep, "-o", out, "-j", "1", "--quiet"}, dir.path);
  INFO(o.err);
  REQUIRE(o.status == 0);
  fs::rename(out, out + ".partial");
}

// The weather w1.epw, the base on it and the sweep a.sweep.yaml of two cases, run into `out` and
// turned back into its partial file.
void make_sweep_a(const TempDir& dir, const std::string& out) {
  write_epw(dir / "w1.epw", 5.0);
  write_base(dir / "base.yaml");
  std::ofstream(dir / "a.sweep.yaml") << "name: a\nbase: base.yaml\ngrid:\n  cooling.liquid.supply_temp: [30, 32]\n";
  make_partial(dir, dir / "a.sweep.yaml", out);
}

}  // namespace

TEST_CASE("resume refuses a partial file whose inputs changed, naming the file", "[sweep][robustness]") {
  TempDir dir("changed-inputs");
  const std::string out = dir / "a.h5";
  make_sweep_a(dir, out);
  const std::string before = slurp(out + ".partial");

  // The base's weather file changed: the finished cases ran on the old weather.
  write_epw(dir / "w1.epw", 6.0);
  const Outcome changed = run_dcsim({"sweep", dir / "a.sweep.yaml", "-o", out, "--resume", "--quiet"}, dir.path);
  INFO(changed.err);
  CHECK(changed.status == 2);
  CHECK_THAT(changed.err, Contains("the input file 'w1.epw' changed since the sweep started") && Contains("Restore the file"));
  CHECK(slurp(out + ".partial") == before);
  CHECK_FALSE(fs::exists(out));

  // Restored: the resume goes on (nothing left to run).
  write_epw(dir / "w1.epw", 5.0);
  const Outcome restored = run_dcsim({"sweep", dir / "a.sweep.yaml", "-o", out, "--resume"}, dir.path);
  INFO(restored.err);
  CHECK(restored.status == 0);
  CHECK_THAT(restored.err, Contains("2 cases already done, 0 to run"));
  CHECK(fs::exists(out));
}

TEST_CASE("resume refuses a change in a file only some cases read (an axis over the EPW)", "[sweep][robustness]") {
  TempDir dir("changed-case-inputs");
  write_epw(dir / "w1.epw", 5.0);
  write_epw(dir / "w2.epw", 8.0);
  write_base(dir / "base.yaml");
  std::ofstream(dir / "b.sweep.yaml") << "name: b\nbase: base.yaml\ngrid:\n  site.epw: [w2.epw]\n"
                                         "  cooling.liquid.supply_temp: [30, 32]\n";
  // A file an axis names is an input of the sweep: not an output path either.
  const Outcome over = run_dcsim({"sweep", dir / "b.sweep.yaml", "-o", dir / "w2.epw", "--quiet"}, dir.path);
  INFO(over.err);
  CHECK(over.status == 2);
  CHECK(slurp(dir / "w2.epw").find("LOCATION,Test") == 0);
  const std::string out = dir / "b.h5";
  make_partial(dir, dir / "b.sweep.yaml", out);
  write_epw(dir / "w2.epw", 9.0);
  const Outcome changed = run_dcsim({"sweep", dir / "b.sweep.yaml", "-o", out, "--resume", "--quiet"}, dir.path);
  INFO(changed.err);
  CHECK(changed.status == 2);
  CHECK_THAT(changed.err, Contains("the input file 'w2.epw' changed"));
  // The resume from another working folder names the same files (paths relative to the sweep file).
  write_epw(dir / "w2.epw", 8.0);
  const Outcome elsewhere = run_dcsim({"sweep", dir / "b.sweep.yaml", "-o", out, "--resume", "--quiet"}, kSource);
  INFO(elsewhere.err);
  CHECK(elsewhere.status == 0);
}

TEST_CASE("resume refuses a change in a file a case reads through another file", "[sweep][robustness]") {
  // The axis names a reference scenario; only its cases read the reference's own weather file, so
  // that file's hash is recorded in each case that read it.
  TempDir dir("changed-nested-inputs");
  write_epw(dir / "w1.epw", 5.0);
  write_epw(dir / "w3.epw", 7.0);
  write_base(dir / "base.yaml");
  std::string ref = slurp(dir / "base.yaml");
  ref.replace(ref.find("epw: w1.epw"), 11, "epw: w3.epw");
  std::ofstream(dir / "ref.yaml") << ref;
  std::ofstream(dir / "c.sweep.yaml") << "name: c\nbase: base.yaml\ngrid:\n  baseline.reference: [ref.yaml]\n"
                                         "  cooling.liquid.supply_temp: [30, 32]\n";
  const std::string out = dir / "c.h5";
  make_partial(dir, dir / "c.sweep.yaml", out);
  write_epw(dir / "w3.epw", 7.5);
  const Outcome changed = run_dcsim({"sweep", dir / "c.sweep.yaml", "-o", out, "--resume", "--quiet"}, dir.path);
  INFO(changed.err);
  CHECK(changed.status == 2);
  CHECK_THAT(changed.err, Contains("case c0000: the input file 'w3.epw' changed"));
}

TEST_CASE("a partial file another sweep is writing is refused", "[sweep][robustness]") {
  TempDir dir("locked-partial");
  const std::string out = dir / "a.h5";
  make_sweep_a(dir, out);
  // This process holds the lock a writing sweep holds (HDF5 locks a file open for writing).
  const int fd = ::open((out + ".partial").c_str(), O_RDONLY);
  REQUIRE(fd >= 0);
  REQUIRE(::flock(fd, LOCK_EX | LOCK_NB) == 0);
  const Outcome locked = run_dcsim({"sweep", dir / "a.sweep.yaml", "-o", out, "--resume", "--quiet"}, dir.path);
  ::close(fd);
  INFO(locked.err);
  CHECK(locked.status == 2);
  CHECK_THAT(locked.err, Contains("is being written by another dcsim sweep"));
  CHECK(fs::exists(out + ".partial"));
}

TEST_CASE("an EPW file that does not cover the simulated period is an error at its line", "[robustness]") {
  TempDir dir("epw-coverage");
  write_epw(dir / "w1.epw", 5.0);
  write_base(dir / "base.yaml");
  // Ten January days run in July: before, the run wrapped round to January.
  const Outcome july = run_dcsim({"validate", dir / "base.yaml", "--set", "period.start=2025-07-01"}, dir.path);
  INFO(july.err);
  CHECK(july.status == 2);
  CHECK_THAT(july.err, Contains("w1.epw: line 248: the file's last record (month 1 day 10 hour 24) ends at Jan 10 24:00, "
                                "before the end of the simulated period at Jul 2 24:00"));
  const Outcome run = run_dcsim({"run", dir / "base.yaml", "--set", "period.length=11 d", "-o", dir / "x.h5", "--quiet"}, dir.path);
  INFO(run.err);
  CHECK(run.status == 2);
  CHECK_FALSE(fs::exists(dir / "x.h5"));
  const Outcome ok = run_dcsim({"validate", dir / "base.yaml"}, dir.path);
  INFO(ok.err);
  CHECK(ok.status == 0);
}
