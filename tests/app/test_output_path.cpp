// The output-path policy of run, sweep and merge (app/output_path.hpp; docs/robustness.md class 1):
// -o must be a regular file or absent, never a FIFO, directory or the empty string; a symbolic link
// is followed (the link stays); an input of the run (scenario, trace file, sweep file, base, shard)
// is refused and stays byte-identical; an unwritable folder is refused with exit 2 before running.
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include <catch2/catch.hpp>

#include "tests/support/run_process.hpp"

namespace fs = std::filesystem;
using Catch::Matchers::Contains;
using dcsim::test::Outcome;
using dcsim::test::run_dcsim;
using dcsim::test::slurp;
using dcsim::test::TempDir;

namespace {

const fs::path kSource = DCSIM_SOURCE_DIR;
const std::string kSmall = (kSource / "tests/data/valid/small.yaml").string();

// small.yaml shortened to one day, copied into `dir` (its own folder, so it can be an -o target).
std::string one_day_scenario(const TempDir& dir, const std::string& name = "s.yaml") {
  std::string text = slurp(kSmall);
  const auto at = text.find("length: 7 d");
  REQUIRE(at != std::string::npos);
  text.replace(at, 11, "length: 1 d");
  std::ofstream(dir / name, std::ios::binary) << text;
  return dir / name;
}

Outcome run(const std::vector<std::string>& args, const TempDir& capture) { return run_dcsim(args, capture.path); }

bool is_hdf5(const std::string& path) { return slurp(path).compare(0, 8, "\x89HDF\r\n\x1a\n") == 0; }

}  // namespace

TEST_CASE("output path: a FIFO as -o is refused with exit 2 and stays a FIFO", "[output-path]") {
  TempDir t("opath");
  const std::string sc = one_day_scenario(t);
  const std::string fifo = t / "out.h5";
  REQUIRE(::mkfifo(fifo.c_str(), 0644) == 0);
  const Outcome o = run({"run", sc, "-o", fifo, "--quiet"}, t);
  INFO(o.err);
  CHECK(o.status == 2);
  CHECK_THAT(o.err, Contains("FIFO") && Contains(fifo));
  struct stat st {};
  REQUIRE(::lstat(fifo.c_str(), &st) == 0);
  CHECK(S_ISFIFO(st.st_mode));
}

TEST_CASE("output path: a symbolic link to a FIFO (a /dev/null stand-in) is refused", "[output-path]") {
  TempDir t("opath");
  const std::string sc = one_day_scenario(t);
  const std::string fifo = t / "null", link = t / "out.h5";
  REQUIRE(::mkfifo(fifo.c_str(), 0644) == 0);
  fs::create_symlink(fifo, link);
  const Outcome o = run({"run", sc, "-o", link, "--quiet"}, t);
  INFO(o.err);
  CHECK(o.status == 2);
  CHECK_THAT(o.err, Contains("symbolic link") && Contains("FIFO"));
  CHECK(fs::is_symlink(link));
}

TEST_CASE("output path: a symbolic link to a results file is followed and stays a link", "[output-path]") {
  TempDir t("opath");
  const std::string sc = one_day_scenario(t);
  fs::create_directory(t.path / "real");
  const std::string file = t / "real/old.h5", link = t / "out.h5";
  std::ofstream(file) << "old";
  fs::create_symlink(file, link);
  const Outcome o = run({"run", sc, "-o", link, "--quiet"}, t);
  INFO(o.err);
  REQUIRE(o.status == 0);
  CHECK(fs::is_symlink(link));
  CHECK(is_hdf5(file));
  // A link to nothing is refused rather than guessed at.
  const std::string dangling = t / "dangling.h5";
  fs::create_symlink(t / "nowhere/x.h5", dangling);
  const Outcome d = run({"run", sc, "-o", dangling, "--quiet"}, t);
  CHECK(d.status == 2);
  CHECK_THAT(d.err, Contains("symbolic link"));
}

TEST_CASE("output path: the scenario or its trace file as -o is refused and stays byte-identical", "[output-path]") {
  TempDir t("opath");
  const std::string sc = one_day_scenario(t);
  const std::string before = slurp(sc);
  for (const std::string& out : {sc, t / "hard-link.yaml", t / "sym-link.yaml"}) {
    if (out != sc && out.find("hard") != std::string::npos) fs::create_hard_link(sc, out);
    if (out.find("sym-link") != std::string::npos) fs::create_symlink(sc, out);
    const Outcome o = run({"run", sc, "-o", out, "--quiet"}, t);
    INFO(out << "\n" << o.err);
    CHECK(o.status == 2);
    CHECK_THAT(o.err, Contains("input file"));
    CHECK(slurp(sc) == before);
  }
  // A utilization trace named by the scenario.
  const std::string csv = t / "load.csv";
  std::ofstream(csv) << "timestamp,utilization\n0,0.5\n3600,0.7\n";
  const std::string csv_before = slurp(csv);
  const Outcome o = run({"run", sc, "--set", "it.groups[1].utilization={type: trace, file: load.csv}", "-o", csv, "--quiet"}, t);
  INFO(o.err);
  CHECK(o.status == 2);
  CHECK_THAT(o.err, Contains("load.csv"));
  CHECK(slurp(csv) == csv_before);
}

TEST_CASE("output path: -o empty, a directory, or in a missing folder exits 2", "[output-path]") {
  TempDir t("opath");
  const std::string sc = one_day_scenario(t);
  const Outcome empty = run({"run", sc, "-o", "", "--quiet"}, t);
  CHECK(empty.status == 2);
  CHECK_THAT(empty.err, Contains("empty"));
  const Outcome dir = run({"run", sc, "-o", t.path.string(), "--quiet"}, t);
  CHECK(dir.status == 2);
  CHECK_THAT(dir.err, Contains("directory"));
  const Outcome missing = run({"run", sc, "-o", t / "no/such/out.h5", "--quiet"}, t);
  CHECK(missing.status == 2);
  CHECK_THAT(missing.err, Contains("does not exist"));
  const Outcome sweep_empty = run({"sweep", (kSource / "tests/data/sweep_small.sweep.yaml").string(), "-o", ""}, t);
  CHECK(sweep_empty.status == 2);
  CHECK_THAT(sweep_empty.err, Contains("empty"));
  const Outcome merge_empty = run({"merge", sc, "-o", ""}, t);
  CHECK(merge_empty.status == 2);
}

TEST_CASE("output path: a read-only folder is refused with exit 2 before the run", "[output-path]") {
  TempDir t("opath");
  const std::string sc = one_day_scenario(t);
  const fs::path ro = t.path / "ro";
  fs::create_directory(ro);
  bool mounted = false;
  if (::geteuid() == 0) {
    // Root writes through mode bits: use a read-only mount instead.
    mounted = ::mount("tmpfs", ro.c_str(), "tmpfs", MS_RDONLY, "size=64k") == 0;
    if (!mounted) {
      WARN("skipped: running as root and cannot mount a read-only tmpfs");
      return;
    }
  } else {
    fs::permissions(ro, fs::perms::owner_read | fs::perms::owner_exec);
  }
  const Outcome o = run({"run", sc, "-o", (ro / "out.h5").string(), "--quiet"}, t);
  const Outcome s = run({"sweep", (kSource / "tests/data/sweep_small.sweep.yaml").string(), "-o", (ro / "out.h5").string()}, t);
  if (mounted) {
    ::umount(ro.c_str());
  } else {
    fs::permissions(ro, fs::perms::owner_all);
  }
  INFO(o.err);
  CHECK(o.status == 2);
  CHECK_THAT(o.err, Contains(ro.string()) && Contains("cannot create a file"));
  CHECK(o.out.empty());
  INFO(s.err);
  CHECK(s.status == 2);
  CHECK_THAT(s.err, Contains("cannot create a file"));
}

TEST_CASE("output path: a sweep refuses its sweep file or a base as -o, merge refuses a shard", "[output-path]") {
  TempDir t("opath");
  const std::string sc = one_day_scenario(t, "base.yaml");
  const std::string sweep = t / "x.sweep.yaml";
  std::ofstream(sweep) << "base: base.yaml\ngrid:\n  cooling.liquid.supply_temp: [30, 32]\n";
  const std::string sweep_before = slurp(sweep), base_before = slurp(sc);
  for (const std::string& out : {sweep, sc}) {
    const Outcome o = run({"sweep", sweep, "-o", out, "--quiet"}, t);
    INFO(o.err);
    CHECK(o.status == 2);
    CHECK_THAT(o.err, Contains("input file"));
  }
  CHECK(slurp(sweep) == sweep_before);
  CHECK(slurp(sc) == base_before);
  CHECK_FALSE(fs::exists(sweep + ".partial"));
  const Outcome ok = run({"sweep", sweep, "-o", t / "all.h5", "--quiet", "-j", "1"}, t);
  INFO(ok.err);
  REQUIRE(ok.status == 0);
  const std::string shard_before = slurp(t / "all.h5");
  const Outcome m = run({"merge", t / "all.h5", "-o", t / "all.h5"}, t);
  INFO(m.err);
  CHECK(m.status == 2);
  CHECK_THAT(m.err, Contains("input file"));
  CHECK(slurp(t / "all.h5") == shard_before);
}
