// Input bounds (docs/robustness.md, class 3): every input path must be a regular file, scenario and
// sweep files and single values have size limits, alias expansion is bounded, and a sweep's case
// count is computed before anything is expanded. Each refusal is exit 2 with a short message at
// the file, line and key.
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

Outcome dcsim_in(const TempDir& t, const std::vector<std::string>& args) { return run_dcsim(args, t.path); }

}  // namespace

TEST_CASE("input bounds: /dev/zero and FIFOs as scenario, sweep, base or trace are refused at once", "[input-bounds]") {
  TempDir t("bounds");
  const Outcome zero = dcsim_in(t, {"run", "/dev/zero", "-o", t / "out.h5"});
  INFO(zero.err);
  CHECK(zero.status == 2);
  CHECK_THAT(zero.err, Contains("/dev/zero") && Contains("not a regular file"));
  const Outcome vzero = dcsim_in(t, {"validate", "/dev/zero"});
  CHECK(vzero.status == 2);

  // A FIFO nobody writes to: reading it would block for ever.
  const std::string fifo = t / "pipe.yaml";
  REQUIRE(::mkfifo(fifo.c_str(), 0644) == 0);
  for (const std::string cmd : {"run", "validate", "graph"}) {
    const Outcome o = dcsim_in(t, {cmd, fifo});
    INFO(cmd << "\n" << o.err);
    CHECK(o.status == 2);
    CHECK_THAT(o.err, Contains("FIFO"));
  }
  const Outcome sweep = dcsim_in(t, {"sweep", fifo, "-o", t / "out.h5"});
  CHECK(sweep.status == 2);
  std::ofstream(t / "fifo-base.sweep.yaml") << "base: pipe.yaml\n";
  const Outcome base = dcsim_in(t, {"validate", t / "fifo-base.sweep.yaml"});
  INFO(base.err);
  CHECK(base.status == 2);
  CHECK_THAT(base.err, Contains("fifo-base.sweep.yaml:1:7") && Contains("FIFO"));
  std::ofstream(t / "zero-base.sweep.yaml") << "base: /dev/zero\n";
  const Outcome zbase = dcsim_in(t, {"validate", t / "zero-base.sweep.yaml"});
  CHECK(zbase.status == 2);
  CHECK_THAT(zbase.err, Contains("not a regular file"));
  // A utilization trace that is a FIFO.
  const Outcome trace = dcsim_in(t, {"validate", kSmall, "--set", "it.groups[1].utilization={type: trace, file: " + fifo + "}"});
  INFO(trace.err);
  CHECK(trace.status == 2);
  CHECK_THAT(trace.err, Contains("it.groups[1].utilization.file") && Contains("not a regular file"));
}

TEST_CASE("input bounds: a scenario file over 16 MiB and a value over 1 MiB are refused", "[input-bounds]") {
  TempDir t("bounds");
  {
    std::ofstream big(t / "big.yaml");
    big << slurp(kSmall);
    const std::string comment = "# " + std::string(1022, 'c') + "\n";
    for (int i = 0; i < 17 * 1024; ++i) big << comment;
  }
  const Outcome big = dcsim_in(t, {"validate", t / "big.yaml"});
  INFO(big.err);
  CHECK(big.status == 2);
  CHECK_THAT(big.err, Contains("big.yaml") && Contains("more than the limit"));
  std::ofstream(t / "big.sweep.yaml") << "base: big.yaml\n";
  const Outcome bigbase = dcsim_in(t, {"validate", t / "big.sweep.yaml"});
  CHECK(bigbase.status == 2);
  CHECK_THAT(bigbase.err, Contains("more than the limit"));

  std::ofstream(t / "long.yaml") << "name: " << std::string(2u << 20, 'z') << "\n";
  const Outcome lng = dcsim_in(t, {"validate", t / "long.yaml"});
  CHECK(lng.status == 2);
  CHECK_THAT(lng.err, Contains("long.yaml:1:7") && Contains("limit for one value"));
  CHECK(lng.err.size() < 2000);
}

TEST_CASE("input bounds: an unknown enum value is echoed truncated", "[input-bounds]") {
  TempDir t("bounds");
  std::string text = slurp(kSmall);
  const auto at = text.find("redundancy: N+1");
  REQUIRE(at != std::string::npos);
  text.replace(at, 15, "redundancy: N+" + std::string(900 * 1024, 'y'));
  std::ofstream(t / "enum.yaml") << text;
  const Outcome o = dcsim_in(t, {"validate", t / "enum.yaml"});
  INFO(o.err.substr(0, 2000));
  CHECK(o.status == 2);
  CHECK_THAT(o.err, Contains("power.ups.redundancy: unknown value 'N+yyy") && Contains("bytes)"));
  CHECK(o.err.size() < 2000);
}

TEST_CASE("input bounds: YAML alias expansion is bounded", "[input-bounds]") {
  TempDir t("bounds");
  // 10,000 aliases of a 100 kB value: 1 GB once expanded, from a 1 MB file.
  {
    std::ofstream f(t / "wide.yaml");
    f << "name: &v \"" << std::string(100000, 'x') << "\"\nextra:\n";
    for (int i = 0; i < 10000; ++i) f << "  - *v\n";
  }
  const Outcome wide = dcsim_in(t, {"validate", t / "wide.yaml"});
  CHECK(wide.status == 2);
  CHECK_THAT(wide.err, Contains("wide.yaml:") && Contains("aliases expanded"));
  CHECK(wide.err.size() < 2000);
  // Nine levels of ten aliases: 10^9 values from a 400-byte file.
  {
    std::ofstream f(t / "deep.yaml");
    f << "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n";
    for (int i = 1; i < 10; ++i) {
      f << "a" << i << ": &a" << i << " [";
      for (int k = 0; k < 10; ++k) f << (k ? ", " : "") << "*a" << i - 1;
      f << "]\n";
    }
  }
  const Outcome deep = dcsim_in(t, {"validate", t / "deep.yaml"});
  CHECK(deep.status == 2);
  CHECK_THAT(deep.err, Contains("deep.yaml:") && Contains("more than 1000000 values"));
  // The same in a sweep file.
  std::ofstream(t / "deep.sweep.yaml") << "base: " << kSmall << "\n" << slurp(t / "deep.yaml");
  const Outcome sweep = dcsim_in(t, {"validate", t / "deep.sweep.yaml"});
  CHECK(sweep.status == 2);
  CHECK_THAT(sweep.err, Contains("more than 1000000 values"));
}

TEST_CASE("input bounds: sweep case counts are checked before expansion", "[input-bounds]") {
  TempDir t("bounds");
  std::ofstream(t / "rep.sweep.yaml") << "base: " << kSmall << "\nreplicates: 1000000000000\n";
  const Outcome rep = dcsim_in(t, {"validate", t / "rep.sweep.yaml"});
  INFO(rep.err);
  CHECK(rep.status == 2);
  CHECK_THAT(rep.err, Contains("rep.sweep.yaml:2:13") && Contains("more than 1000000 cases"));
  const Outcome run = dcsim_in(t, {"sweep", t / "rep.sweep.yaml", "-o", t / "rep.h5"});
  CHECK(run.status == 2);
  CHECK_FALSE(fs::exists(t / "rep.h5.partial"));
  // A grid of 200 x 200 x 200 = 8 million points, with 2 replicates.
  std::string list;
  for (int i = 0; i < 200; ++i) list += (i ? ", " : "") + std::to_string(20 + i * 0.05);
  std::ofstream(t / "grid.sweep.yaml") << "base: " << kSmall << "\ngrid:\n  cooling.liquid.supply_temp: [" << list
                                       << "]\n  cooling.air.supply_temp: [" << list << "]\n  power.pdu_loss: [" << list
                                       << "]\nreplicates: 2\n";
  const Outcome grid = dcsim_in(t, {"validate", t / "grid.sweep.yaml"});
  INFO(grid.err.substr(0, 2000));
  CHECK(grid.status == 2);
  CHECK_THAT(grid.err, Contains("more than 1000000 cases"));
}

TEST_CASE("input bounds: time scales far below the period are refused before any work", "[input-bounds]") {
  // Each of these passed validation and then needed gigabytes (outages drawn one by one, rows held).
  TempDir t("timescales");
  std::ofstream(t / "rel.yaml") << slurp(kSmall)
                                << "reliability:\n  - {component: cooling.air.units, mtbf: 1 s, mttr: 1 s}\n";
  const Outcome rel = dcsim_in(t, {"validate", t / "rel.yaml"});
  INFO(rel.err);
  CHECK(rel.status == 2);
  CHECK_THAT(rel.err, Contains("rel.yaml:") && Contains("reliability[0].mtbf: mtbf is too short for the period") &&
                          Contains("6.05e+05 times"));
  const Outcome geo = dcsim_in(t, {"validate", (kSource / "scenarios/iceland-geothermal-liquid.yaml").string(), "--set",
                                   "supply.geothermal.mtbf=1 min", "--set", "supply.geothermal.mttr=1 min"});
  INFO(geo.err);
  CHECK(geo.status == 2);
  CHECK_THAT(geo.err, Contains("supply.geothermal.mtbf: mtbf is too short for the period"));
  CHECK_THAT(geo.err, !Contains("mtbf_s"));
  const Outcome rows = dcsim_in(t, {"run", kSmall, "--set", "period.length=3650 d", "--set", "period.record_interval=1 min",
                                    "-o", t / "rows.h5"});
  INFO(rows.err);
  CHECK(rows.status == 2);
  CHECK_THAT(rows.err, Contains("period.record_interval: 5.26e+06 recorded rows over the period"));
  CHECK_FALSE(fs::exists(t / "rows.h5"));
}
