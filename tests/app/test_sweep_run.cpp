// The sweep runner through the dcsim program: tables independent of the number of workers, a
// sweep interrupted by SIGINT and resumed equals an uninterrupted one, shards merged equal the
// whole, MPI with 2 ranks equals one thread, a failing case is recorded while the others complete.
// The sweeps are short (tests/data/sweep_small.sweep.yaml: 8 cases of one week, hourly records).
#include <catch2/catch.hpp>

#include <cstdlib>

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>

#include <fmt/format.h>

#include "output/h5_file.hpp"
#include "output/sweep_file.hpp"
#include "tests/support/run_process.hpp"

namespace fs = std::filesystem;
namespace h5 = dcsim::output::h5;
using Catch::Matchers::Contains;

namespace {

const std::string kDcsim = DCSIM_BINARY;
const std::string kData = std::string(DCSIM_SOURCE_DIR) + "/tests/data/";
const std::string kSmall = kData + "sweep_small.sweep.yaml";

using dcsim::test::Outcome;
using dcsim::test::TempDir;

// Runs a shell command with stdout and stderr captured in `dir`.
Outcome sh(const std::string& cmd, const TempDir& dir) { return dcsim::test::run_shell(cmd, dir.path); }

Outcome run_dcsim(const std::string& args, const TempDir& dir) { return sh(kDcsim + " " + args, dir); }

h5::Table table_of(const std::string& path) { return h5::read_table(h5::open_file(path), "sweep/table"); }

// Bit-for-bit equality of two tables: same columns in the same order, same values (NaN == NaN).
void require_same_table(const h5::Table& a, const h5::Table& b) {
  REQUIRE(a.columns().size() == b.columns().size());
  REQUIRE(a.row_count() == b.row_count());
  for (std::size_t i = 0; i < a.columns().size(); ++i) {
    const auto& ca = a.columns()[i];
    const auto& cb = b.columns()[i];
    INFO("column " << ca.name);
    REQUIRE(ca.name == cb.name);
    REQUIRE(ca.values.index() == cb.values.index());
    if (const auto* d = std::get_if<std::vector<double>>(&ca.values)) {
      const auto& e = std::get<std::vector<double>>(cb.values);
      CHECK(std::memcmp(d->data(), e.data(), d->size() * sizeof(double)) == 0);
    } else {
      CHECK(ca.values == cb.values);
    }
  }
}

std::vector<std::string> case_ids(const std::string& path) {
  return h5::member_names(h5::open_group(h5::open_file(path), "cases"));
}

}  // namespace

TEST_CASE("sweep: -j1 and -j4 write identical tables, and a case equals the same single run", "[sweep]") {
  TempDir dir;
  const Outcome one = run_dcsim("sweep " + kSmall + " -o " + (dir / "j1.h5") + " -j 1", dir);
  INFO(one.err);
  REQUIRE(one.status == 0);
  const Outcome four = run_dcsim("sweep " + kSmall + " -o " + (dir / "j4.h5") + " -j 4 -q", dir);
  INFO(four.err);
  REQUIRE(four.status == 0);
  CHECK_FALSE(fs::exists(dir / "j1.h5.partial"));
  const h5::Table t = table_of(dir / "j1.h5");
  require_same_table(t, table_of(dir / "j4.h5"));
  CHECK(case_ids(dir / "j1.h5") == case_ids(dir / "j4.h5"));

  // 2 temperatures x 2 sites x 2 seeds, in case order; every case ok.
  REQUIRE(t.row_count() == 8);
  CHECK(t.strings("case_id") == std::vector<std::string>{"c0000", "c0001", "c0002", "c0003", "c0004", "c0005", "c0006", "c0007"});
  CHECK(t.doubles("cooling.liquid.supply_temp") == std::vector<double>{30, 30, 30, 30, 36, 36, 36, 36});
  CHECK(t.strings("site.builtin") ==
        std::vector<std::string>{"reykjavik", "reykjavik", "phoenix", "phoenix", "reykjavik", "reykjavik", "phoenix", "phoenix"});
  CHECK(t.doubles("seed") == std::vector<double>{42, 43, 42, 43, 42, 43, 42, 43});
  // Every case ran; its status is its feasibility: at 36 degC coolant the facility water (33 degC)
  // is above the racks' W32 class, whatever the site; at 30 degC Reykjavik is ok.
  const auto& status = t.strings("status");
  for (const auto& st : status) CHECK(st != "failed");
  CHECK(status[0] == "ok");
  CHECK(status[1] == "ok");
  for (std::size_t i = 4; i < 8; ++i) CHECK(status[i] == "out_of_envelope");
  // Physics across cases: a facility in Phoenix needs more cooling energy than in Reykjavik.
  const auto& pue = t.doubles("pue");
  for (double p : pue) CHECK((p > 1.0 && p < 2.0));
  CHECK(pue[2] > pue[0]);
  CHECK(pue[6] > pue[4]);

  // A case is exactly the run of the base scenario with its values as --set overrides.
  const auto file = h5::open_file(dir / "j1.h5");
  const auto summary = h5::open_group(file, "cases/c0006/summary");
  CHECK(h5::double_attr(summary, "pue") == pue[6]);
  CHECK(h5::read_doubles(h5::open_group(file, "cases/c0006/monthly"), "pue").size() == 1);
  CHECK(h5::member_names(h5::open_group(file, "cases/c0006/timeseries")) == std::vector<std::string>{"time_s"});
  const Outcome single = run_dcsim("run " + std::string(DCSIM_SOURCE_DIR) +
                                  "/scenarios/iceland-geothermal-liquid.yaml -q -o " + (dir / "single.h5") +
                                  " --set period.length='7 d' --set period.record_interval='1 h'"
                                  " --set cooling.liquid.supply_temp=36 --set site.builtin=phoenix --set seed=42",
                              dir);
  REQUIRE(single.status == 0);
  CHECK(h5::double_attr(h5::open_group(h5::open_file(dir / "single.h5"), "summary"), "pue") == pue[6]);
  // Units of every metric sit beside the table.
  const auto ds = h5::open_group(file, "sweep").openDataSet("table");
  CHECK(h5::string_attr(ds, "it_energy_kwh_units") == "kWh");
}

TEST_CASE("sweep: interrupted by SIGINT, resumed, equals an uninterrupted sweep", "[sweep]") {
  TempDir dir;
  const std::string out = dir / "r.h5";
  int pipe_fd[2];
  REQUIRE(::pipe(pipe_fd) == 0);
  const pid_t pid = ::fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    ::dup2(pipe_fd[1], STDERR_FILENO);
    ::close(pipe_fd[0]);
    ::close(pipe_fd[1]);
    ::execl(kDcsim.c_str(), kDcsim.c_str(), "sweep", kSmall.c_str(), "-o", out.c_str(), "-j", "1", (char*)nullptr);
    ::_exit(127);
  }
  ::close(pipe_fd[1]);
  // Plain progress lines ("sweep: 2/8 cases, ...") arrive on stderr (not a terminal here).
  std::string seen;
  bool sent = false;
  FILE* err = ::fdopen(pipe_fd[0], "r");
  char line[4096];
  while (std::fgets(line, sizeof line, err) != nullptr) {
    seen += line;
    int done = 0;
    if (!sent && std::sscanf(line, "sweep: %d/8", &done) == 1 && done >= 2) {
      ::kill(pid, SIGINT);
      sent = true;
    }
  }
  std::fclose(err);
  int status = 0;
  ::waitpid(pid, &status, 0);
  INFO(seen);
  REQUIRE(sent);
  REQUIRE(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 130);
  CHECK_THAT(seen, Contains("--resume"));
  CHECK_FALSE(fs::exists(out));
  REQUIRE(fs::exists(out + ".partial"));
  std::size_t done_before = 0;
  {
    // The partial file is a valid sweep file of the finished cases.
    const auto f = h5::open_file(out + ".partial");
    const auto s = h5::open_group(f, "sweep");
    CHECK(h5::int64_attr(s, "complete") == 0);
    done_before = case_ids(out + ".partial").size();
    CHECK(done_before >= 2);
    CHECK(done_before < 8);
    CHECK(table_of(out + ".partial").row_count() == done_before);
  }
  // Without --resume the partial file is not overwritten.
  const Outcome again = run_dcsim("sweep " + kSmall + " -o " + out, dir);
  CHECK(again.status == 2);
  CHECK_THAT(again.err, Contains("--resume"));
  const Outcome resumed = run_dcsim("sweep " + kSmall + " -o " + out + " --resume -j 2", dir);
  INFO(resumed.err);
  REQUIRE(resumed.status == 0);
  CHECK_THAT(resumed.err, Contains(std::to_string(done_before) + " cases already done, " + std::to_string(8 - done_before) + " to run"));
  CHECK_FALSE(fs::exists(out + ".partial"));
  REQUIRE(run_dcsim("sweep " + kSmall + " -q -o " + (dir / "whole.h5"), dir).status == 0);
  require_same_table(table_of(out), table_of(dir / "whole.h5"));
  CHECK(h5::int64_attr(h5::open_group(h5::open_file(out), "sweep"), "complete") == 1);
}

TEST_CASE("sweep: shards merged equal the whole", "[sweep]") {
  TempDir dir;
  REQUIRE(run_dcsim("sweep " + kSmall + " -q -j 2 -o " + (dir / "whole.h5"), dir).status == 0);
  for (int k = 1; k <= 3; ++k) {
    const std::string shard = fmt::format("--shard {}/3 -o {}", k, dir / fmt::format("s{}.h5", k));
    const Outcome r = run_dcsim("sweep " + kSmall + " -q -j 1 " + shard, dir);
    INFO(r.err);
    REQUIRE(r.status == 0);
  }
  // Shard 2 of 3 holds the cases whose index % 3 == 1.
  CHECK(case_ids(dir / "s2.h5") == std::vector<std::string>{"c0001", "c0004", "c0007"});
  const Outcome partial = run_dcsim("merge " + (dir / "s1.h5") + " " + (dir / "s3.h5") + " -o " + (dir / "m.h5"), dir);
  CHECK(partial.status == 2);
  CHECK_THAT(partial.err, Contains("3 of 8 cases are in none of the shards: c0001, c0004, c0007"));
  CHECK_FALSE(fs::exists(dir / "m.h5"));
  const Outcome twice = run_dcsim("merge " + (dir / "s1.h5") + " " + (dir / "s1.h5") + " -o " + (dir / "m.h5"), dir);
  CHECK(twice.status == 2);
  CHECK_THAT(twice.err, Contains("case c0000 is in both"));
  const Outcome m = run_dcsim("merge " + (dir / "s3.h5") + " " + (dir / "s1.h5") + " " + (dir / "s2.h5") + " -o " + (dir / "m.h5"), dir);
  INFO(m.err);
  REQUIRE(m.status == 0);
  require_same_table(table_of(dir / "m.h5"), table_of(dir / "whole.h5"));
  CHECK(case_ids(dir / "m.h5") == case_ids(dir / "whole.h5"));
  const auto a = h5::open_file(dir / "m.h5");
  const auto b = h5::open_file(dir / "whole.h5");
  CHECK(h5::string_attr(h5::open_group(a, "sweep"), "shard") == "");
  CHECK(h5::read_doubles(h5::open_group(a, "cases/c0005/monthly"), "it_energy_kwh") ==
        h5::read_doubles(h5::open_group(b, "cases/c0005/monthly"), "it_energy_kwh"));
}

TEST_CASE("sweep: MPI with 2 ranks equals one thread", "[sweep][mpi]") {
#ifndef DCSIM_HAVE_MPI
  WARN("skipped: dcsim was built without MPI (OpenMPI not found at configure time)");
  return;
#else
  TempDir dir;
  if (sh("command -v mpirun >/dev/null", dir).status != 0) {
    WARN("skipped: mpirun is not on PATH");
    return;
  }
  REQUIRE(run_dcsim("sweep " + kSmall + " -q -j 1 -o " + (dir / "j1.h5"), dir).status == 0);
  // --allow-run-as-root only matters in containers running as root; plm isolated: no ssh/rsh.
  // Under AddressSanitizer (scripts/sanitize.sh) LeakSanitizer reports OpenMPI's own allocations that
  // it never frees (libmpi and its dlopen'ed components); leak checking is off for the MPI ranks only.
  const char* asan = std::getenv("ASAN_OPTIONS");
  const std::string asan_env = "ASAN_OPTIONS='" + std::string(asan ? asan : "") + (asan && *asan ? ":" : "") + "detect_leaks=0' ";
  const std::string mpirun = asan_env + std::string("OMPI_MCA_plm=isolated OMPI_MCA_btl_vader_single_copy_mechanism=none ") +
                             "mpirun --oversubscribe" + (::geteuid() == 0 ? " --allow-run-as-root" : "") + " -n 2 ";
  const Outcome r = sh(mpirun + kDcsim + " sweep " + kSmall + " -o " + (dir / "mpi.h5"), dir);
  INFO(r.err);
  REQUIRE(r.status == 0);
  CHECK_THAT(r.err, Contains("1 MPI worker rank"));
  require_same_table(table_of(dir / "mpi.h5"), table_of(dir / "j1.h5"));
  CHECK(case_ids(dir / "mpi.h5") == case_ids(dir / "j1.h5"));
#endif
}

TEST_CASE("sweep: a failing case is recorded with its error, the others complete", "[sweep]") {
  TempDir dir;
  const std::string failing = kData + "sweep_failing.sweep.yaml";
  const Outcome r = run_dcsim("sweep " + failing + " -j 2 -o " + (dir / "f.h5"), dir);
  INFO(r.err);
  CHECK(r.status == 3);
  CHECK_THAT(r.err, Contains("case c0001 failed"));
  const h5::Table t = table_of(dir / "f.h5");
  CHECK(t.strings("status") == std::vector<std::string>{"ok", "failed", "ok"});
  CHECK(t.strings("error")[0].empty());
  CHECK_THAT(t.strings("error")[1], Contains("sweep_failing.sweep.yaml:7"));
  CHECK_THAT(t.strings("error")[1], Contains("cooling.liquid.supply_temp"));
  CHECK(std::isnan(t.doubles("pue")[1]));
  CHECK(t.doubles("pue")[0] > 1.0);
  CHECK(t.doubles("pue")[2] > 1.0);
  const auto g = h5::open_group(h5::open_file(dir / "f.h5"), "cases/c0001");
  CHECK(h5::string_attr(g, "status") == "failed");
  CHECK_THAT(h5::string_attr(g, "error"), Contains("70"));
  // validate expands and checks every case first, naming the bad case and its axis values.
  const Outcome v = run_dcsim("validate " + failing, dir);
  CHECK(v.status == 2);
  CHECK_THAT(v.err, Contains("sweep_failing.sweep.yaml:7:"));
  CHECK_THAT(v.err, Contains("in case c0001 (cooling.liquid.supply_temp=70)"));
  CHECK_THAT(v.err, Contains("1 of 3 cases are invalid"));
  const Outcome ok = run_dcsim("validate " + kSmall + " >/dev/null", dir);
  CHECK(ok.status == 0);
}

TEST_CASE("sweep: timeseries: true keeps every case's time series", "[sweep]") {
  TempDir dir;
  std::ofstream(dir / "ts.sweep.yaml") << "base: " << DCSIM_SOURCE_DIR << "/scenarios/iceland-geothermal-liquid.yaml\n"
                                       << "set: {period.length: 1 d, period.record_interval: 1 h}\n"
                                       << "grid: {power.lighting: [10 kW, 30 kW]}\ntimeseries: true\n";
  REQUIRE(run_dcsim("sweep " + (dir / "ts.sweep.yaml") + " -q -o " + (dir / "ts.h5"), dir).status == 0);
  const auto f = h5::open_file(dir / "ts.h5");
  const auto ts = h5::open_group(f, "cases/c0001/timeseries");
  CHECK(h5::read_doubles(ts, "time_s").size() == 24);
  CHECK(h5::member_names(ts).size() > 5);
  // 20 kW more lighting for a day: 480 kWh more facility energy, to rounding of the plant's
  // response (the lighting heat is removed by the air loop).
  const auto t = table_of(dir / "ts.h5");
  CHECK(t.doubles("facility_energy_kwh")[1] - t.doubles("facility_energy_kwh")[0] >= 480.0);
}

TEST_CASE("sweep: a list of base files, and each case equals the run of its base file", "[sweep][base]") {
  // tests/data/sweep_bases.sweep.yaml: [air design, liquid design] x [reykjavik, phoenix].
  TempDir dir;
  const std::string bases = kData + "sweep_bases.sweep.yaml";
  const Outcome r = run_dcsim("sweep " + bases + " -q -j 2 -o " + (dir / "b.h5"), dir);
  INFO(r.err);
  REQUIRE(r.status == 0);
  const h5::Table t = table_of(dir / "b.h5");
  REQUIRE(t.row_count() == 4);
  CHECK(t.columns()[2].name == "base");
  CHECK(t.strings("base") ==
        std::vector<std::string>{"sweep_base_air.yaml", "sweep_base_air.yaml", "sweep_base_liquid.yaml", "sweep_base_liquid.yaml"});
  CHECK(t.strings("site.builtin") == std::vector<std::string>{"reykjavik", "phoenix", "reykjavik", "phoenix"});
  const auto& pue = t.doubles("pue");
  const auto file = h5::open_file(dir / "b.h5");
  for (std::size_t i = 0; i < 4; ++i) {
    const std::string base = t.strings("base")[i], site = t.strings("site.builtin")[i];
    INFO(base << " at " << site);
    const std::string single = dir / fmt::format("single{}.h5", i);
    const Outcome s = run_dcsim("run " + kData + base + " -q -o " + single + " --set site.builtin=" + site, dir);
    INFO(s.err);
    REQUIRE(s.status == 0);
    CHECK(h5::double_attr(h5::open_group(h5::open_file(single), "summary"), "pue") == pue[i]);
    CHECK(h5::string_attr(h5::open_group(file, "cases/" + t.strings("case_id")[i]), "parameters") ==
          "base=" + base + "\nsite.builtin=" + site);
  }
  // Physics across the designs: with 80 % of the heat on dry coolers (no compressor) the liquid
  // design needs less cooling energy than the all-chiller air design in Reykjavik; in a Phoenix July
  // week its chiller-less dry coolers cannot hold the set point, and the status says so. The chiller
  // plant works harder in Phoenix than in Reykjavik.
  CHECK(pue[2] < pue[0]);
  CHECK(t.strings("status")[2] == "ok");
  CHECK(t.strings("status")[3] != "ok");
  CHECK(t.strings("status")[3] != "failed");
  CHECK(pue[1] > pue[0]);

  // Shards of a base-list sweep merge into the same file.
  for (int k = 1; k <= 2; ++k) {
    REQUIRE(run_dcsim(fmt::format("sweep {} -q -j 1 --shard {}/2 -o {}", bases, k, dir / fmt::format("s{}.h5", k)), dir).status == 0);
  }
  REQUIRE(run_dcsim("merge " + (dir / "s1.h5") + " " + (dir / "s2.h5") + " -o " + (dir / "m.h5"), dir).status == 0);
  require_same_table(table_of(dir / "m.h5"), t);
}

TEST_CASE("validate: every shipped sweep file (scenarios/*.sweep.yaml) is valid", "[sweep][base]") {
  std::vector<fs::path> sweeps;
  for (const auto& e : fs::directory_iterator(fs::path(DCSIM_SOURCE_DIR) / "scenarios")) {
    if (e.path().filename().string().ends_with(".sweep.yaml")) sweeps.push_back(e.path());
  }
  std::sort(sweeps.begin(), sweeps.end());
  REQUIRE(sweeps.size() >= 4);  // supply-temps, sites, seeds, lbnl-us-sites at the time of writing
  for (const auto& s : sweeps) {
    TempDir dir;
    const Outcome r = run_dcsim("validate " + s.string(), dir);
    INFO(s.filename().string() << "\n" << r.err);
    CHECK(r.status == 0);
    CHECK_THAT(r.out, Catch::StartsWith(s.string() + ": ok: sweep '"));
  }
}
