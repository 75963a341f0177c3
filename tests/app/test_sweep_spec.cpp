// Sweep files: expansion of each axis kind (grid, zip, cases, replicates/seeds) into exact case
// lists and ids, their combination order, and input errors located in the sweep file.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>

#include "app/sweep_runner.hpp"
#include "app/sweep_spec.hpp"

using namespace dcsim::app;
using Catch::Matchers::Contains;
namespace fs = std::filesystem;

namespace {

const std::string kBase = std::string(DCSIM_SOURCE_DIR) + "/scenarios/iceland-geothermal-liquid.yaml";

// A sweep file in a fresh temporary directory; the base is the flagship scenario.
std::string write_sweep(const std::string& body) {
  static std::atomic<int> n{0};
  const fs::path dir = fs::temp_directory_path() / ("dcsim-sweep-spec-" + std::to_string(::getpid()) + "-" + std::to_string(n++));
  fs::remove_all(dir);  // left by an earlier run whose process had the same id
  fs::create_directories(dir);
  const fs::path p = dir / "t.sweep.yaml";
  std::ofstream(p) << "base: " << kBase << "\n" << body;
  return p.string();
}

// A sweep file `body` (written as is) in a fresh temporary directory beside copies of the two
// test bases: sweep_base_air.yaml (seed 3, air only) and sweep_base_liquid.yaml (seed 11).
std::string write_sweep_with_bases(const std::string& body) {
  static std::atomic<int> n{0};
  const fs::path dir = fs::temp_directory_path() / ("dcsim-sweep-bases-" + std::to_string(::getpid()) + "-" + std::to_string(n++));
  fs::remove_all(dir);  // left by an earlier run whose process had the same id
  fs::create_directories(dir);
  for (const char* f : {"sweep_base_air.yaml", "sweep_base_liquid.yaml"}) {
    fs::copy_file(fs::path(DCSIM_SOURCE_DIR) / "tests/data" / f, dir / f);
  }
  const fs::path p = dir / "b.sweep.yaml";
  std::ofstream(p) << body;
  return p.string();
}

InputErrors errors_of_file(const std::string& path) {
  try {
    load_sweep(path);
  } catch (const InputException& e) {
    return e.errors();
  }
  return {};
}

std::vector<std::string> labels(const Sweep& s) {
  std::vector<std::string> out;
  for (const auto& c : s.cases) out.push_back(c.id + " " + c.label());
  return out;
}

InputErrors errors_of(const std::string& body) {
  try {
    load_sweep(write_sweep(body));
  } catch (const InputException& e) {
    return e.errors();
  }
  return {};
}

}  // namespace

TEST_CASE("grid: Cartesian product, first key outermost, ids in case order", "[sweep]") {
  const Sweep s = load_sweep(write_sweep("grid:\n  cooling.liquid.supply_temp: [30, 34]\n  site.builtin: [reykjavik, phoenix, dublin]\n"));
  CHECK(labels(s) == std::vector<std::string>{
                         "c0000 cooling.liquid.supply_temp=30, site.builtin=reykjavik",
                         "c0001 cooling.liquid.supply_temp=30, site.builtin=phoenix",
                         "c0002 cooling.liquid.supply_temp=30, site.builtin=dublin",
                         "c0003 cooling.liquid.supply_temp=34, site.builtin=reykjavik",
                         "c0004 cooling.liquid.supply_temp=34, site.builtin=phoenix",
                         "c0005 cooling.liquid.supply_temp=34, site.builtin=dublin",
                     });
  CHECK(s.columns == std::vector<std::string>{"cooling.liquid.supply_temp", "site.builtin"});
  CHECK(s.name == "t");
  // Each case's scenario holds its values (the override reaches the model parameters).
  const Scenario c4 = load_case(s, s.cases[4]);
  CHECK(c4.facility.liquid_loops[0].supply_temp_c == 34.0);
  CHECK(c4.site_label == "phoenix");
}

TEST_CASE("zip: paired lists, and unequal lengths are an error at the shorter list", "[sweep]") {
  const Sweep s = load_sweep(write_sweep("zip:\n  power.lighting: [10 kW, 20 kW, 30 kW]\n  cooling.liquid.supply_temp: [28, 32, 36]\n"));
  CHECK(labels(s) == std::vector<std::string>{
                         "c0000 power.lighting=10 kW, cooling.liquid.supply_temp=28",
                         "c0001 power.lighting=20 kW, cooling.liquid.supply_temp=32",
                         "c0002 power.lighting=30 kW, cooling.liquid.supply_temp=36",
                     });
  CHECK(load_case(s, s.cases[2]).facility.power.lighting_w == 30e3);
  const InputErrors e = errors_of("zip:\n  power.lighting: [10 kW, 20 kW]\n  cooling.liquid.supply_temp: [28, 32, 36]\n");
  REQUIRE(e.size() == 1);
  CHECK(e[0].line == 4);  // the base line comes first, then "zip:", then the two lists
  CHECK_THAT(e[0].message, Contains("has 3 values but 'power.lighting' has 2"));
}

TEST_CASE("cases: explicit list, columns in order of first appearance", "[sweep]") {
  const Sweep s = load_sweep(write_sweep(
      "cases:\n  - {power.lighting: 40 kW}\n  - {cooling.liquid.supply_temp: 30, power.lighting: 5 kW}\n  - {site.builtin: lulea}\n"));
  CHECK(labels(s) == std::vector<std::string>{
                         "c0000 power.lighting=40 kW",
                         "c0001 power.lighting=5 kW, cooling.liquid.supply_temp=30",
                         "c0002 site.builtin=lulea",
                     });
  CHECK(s.columns == std::vector<std::string>{"power.lighting", "cooling.liquid.supply_temp", "site.builtin"});
  // Unset cells: NaN in a numeric column, "" in a text column.
  const auto t = parameter_table(s);
  CHECK(std::isnan(t.doubles("cooling.liquid.supply_temp")[0]));
  CHECK(t.doubles("cooling.liquid.supply_temp")[1] == 30.0);
  CHECK(t.strings("power.lighting") == std::vector<std::string>{"40 kW", "5 kW", ""});
  CHECK(t.strings("site.builtin") == std::vector<std::string>{"", "", "lulea"});
}

TEST_CASE("replicates: seeds from the base seed, explicit seeds, innermost axis", "[sweep]") {
  // The flagship's seed is 42; `set` may change it.
  const Sweep r = load_sweep(write_sweep("grid: {power.lighting: [10 kW, 20 kW]}\nreplicates: 3\n"));
  CHECK(r.bases[0].seed == 42);
  CHECK(labels(r) == std::vector<std::string>{
                         "c0000 power.lighting=10 kW, seed=42", "c0001 power.lighting=10 kW, seed=43",
                         "c0002 power.lighting=10 kW, seed=44", "c0003 power.lighting=20 kW, seed=42",
                         "c0004 power.lighting=20 kW, seed=43", "c0005 power.lighting=20 kW, seed=44",
                     });
  CHECK(load_case(r, r.cases[5]).facility.seed == 44);
  const Sweep s7 = load_sweep(write_sweep("set: {seed: 7}\nreplicates: 2\n"));
  CHECK(labels(s7) == std::vector<std::string>{"c0000 seed=7", "c0001 seed=8"});
  const Sweep list = load_sweep(write_sweep("seeds: [5, 1000]\n"));
  CHECK(labels(list) == std::vector<std::string>{"c0000 seed=5", "c0001 seed=1000"});
  CHECK(labels(load_sweep(write_sweep("replicates: [5, 1000]\n"))) == labels(list));
  CHECK_THAT(errors_of("replicates: 2\nseeds: [1]\n")[0].message, Contains("not both"));
  CHECK_THAT(errors_of("grid: {seed: [1, 2]}\nreplicates: 2\n")[0].message, Contains("'seed' is also swept"));
}

TEST_CASE("axes combine: cases x zip x grid x replicates, in that order", "[sweep]") {
  const Sweep s = load_sweep(write_sweep(
      "cases: [{power.lighting: 1 kW}, {power.lighting: 2 kW}]\n"
      "zip: {cooling.liquid.supply_temp: [30, 34], cooling.liquid.delta_t: [8 K, 10 K]}\n"
      "grid: {site.builtin: [reykjavik, lulea, dublin]}\n"
      "replicates: 2\n"));
  REQUIRE(s.cases.size() == 2u * 2u * 3u * 2u);
  CHECK(s.cases[0].label() == "power.lighting=1 kW, cooling.liquid.supply_temp=30, cooling.liquid.delta_t=8 K, site.builtin=reykjavik, seed=42");
  CHECK(s.cases[1].label() == "power.lighting=1 kW, cooling.liquid.supply_temp=30, cooling.liquid.delta_t=8 K, site.builtin=reykjavik, seed=43");
  CHECK(s.cases[2].label() == "power.lighting=1 kW, cooling.liquid.supply_temp=30, cooling.liquid.delta_t=8 K, site.builtin=lulea, seed=42");
  CHECK(s.cases[6].label() == "power.lighting=1 kW, cooling.liquid.supply_temp=34, cooling.liquid.delta_t=10 K, site.builtin=reykjavik, seed=42");
  CHECK(s.cases[12].label() == "power.lighting=2 kW, cooling.liquid.supply_temp=30, cooling.liquid.delta_t=8 K, site.builtin=reykjavik, seed=42");
  CHECK(s.cases[23].id == "c0023");
  // Same file, same expansion, same fingerprint; a changed value changes it.
  const std::string p = write_sweep("grid: {power.lighting: [1 kW, 2 kW]}\n");
  CHECK(load_sweep(p).fingerprint == load_sweep(p).fingerprint);
  CHECK(load_sweep(p).fingerprint != load_sweep(write_sweep("grid: {power.lighting: [1 kW, 3 kW]}\n")).fingerprint);
}

TEST_CASE("sweep input errors point at the sweep file", "[sweep]") {
  const InputErrors typo = errors_of("gird: {power.lighting: [1 kW]}\n");
  REQUIRE(typo.size() == 1);
  CHECK_THAT(typo[0].message, Contains("unknown key 'gird'"));
  CHECK_THAT(typo[0].hint, Contains("did you mean 'grid'"));
  CHECK_THAT(errors_of("grid: {power.lighting: [1 kW]}\nzip: {power.lighting: [2 kW]}\n")[0].message,
             Contains("is already swept by zip"));
  // The same key twice in one axis (found by the sweep fuzzer: two axes over one key, the case then
  // had more parameters than columns).
  CHECK_THAT(errors_of("grid:\n  power.lighting: [1 kW]\n  power.lighting: [2 kW, 3 kW]\n")[0].message,
             Contains("duplicate key 'power.lighting' in grid"));
  CHECK_THAT(errors_of("zip:\n  power.lighting: [1 kW]\n  power.lighting: [2 kW]\n")[0].message,
             Contains("duplicate key 'power.lighting' in zip"));
  CHECK_THAT(errors_of("cases:\n  - {power.lighting: 1 kW, power.lighting: 2 kW}\n")[0].message,
             Contains("duplicate key 'power.lighting' in this case"));
  CHECK_THAT(errors_of("grid: {power.lighting: []}\n")[0].message, Contains("at least one value"));
  CHECK_THAT(errors_of("grid: {power.lighting: 5 kW}\n")[0].message, Contains("expected a list"));
  // A value the scenario schema rejects is reported at the value's line and column in the sweep
  // file, with the case it belongs to.
  const Sweep s = load_sweep(write_sweep("grid:\n  cooling.liquid.supply_temp: [30, 90]\n  power.lighting: [1 kW]\n"));
  const auto bad = validate_sweep_cases(s, 2);
  REQUIRE(bad.size() == 1);
  CHECK(bad[0].index == 1);
  REQUIRE(bad[0].errors.size() == 1);
  CHECK(bad[0].errors[0].file == s.path);
  CHECK(bad[0].errors[0].line == 3);
  CHECK(bad[0].errors[0].column == 36);
  CHECK_THAT(bad[0].errors[0].message, Contains("90"));
  CHECK_THAT(format_case_errors(s, bad), Contains("in case c0001 (cooling.liquid.supply_temp=90, power.lighting=1 kW)"));
  // An unknown key path: an error of the sweep file (every case would fail), at the key, with a
  // suggestion from the scenario schema, before any case is loaded.
  const InputErrors bad_key = errors_of("grid:\n  cooling.liquid.suply_temp: [30]\n");
  REQUIRE(bad_key.size() == 1);
  CHECK(bad_key[0].line == 3);
  CHECK(bad_key[0].column == 3);
  CHECK_THAT(bad_key[0].message, Contains("unknown key 'suply_temp'"));
  CHECK_THAT(bad_key[0].hint, Contains("supply_temp"));
}

TEST_CASE("sweep keys and axis key paths are checked before any case runs, at their line in the sweep file", "[sweep]") {
  // The sweep file's own keys: kinds and ranges through its schema.
  const InputErrors kinds = errors_of("timeseries: maybe\nreplicates: 0\ndescription: [a]\n");
  REQUIRE(kinds.size() == 3);
  CHECK(kinds[0].line == 2);
  CHECK_THAT(kinds[0].message, Contains("expected true or false"));
  CHECK(kinds[1].line == 3);
  CHECK_THAT(kinds[1].message, Contains("must be >= 1"));
  CHECK(kinds[2].line == 4);
  CHECK_THAT(kinds[2].message, Contains("expected string"));
  // Axis key paths, in every kind of axis: each unknown one at its key.
  const InputErrors paths = errors_of(
      "zip:\n  cooling.liquid.pump.eficiency: [0.7]\n"
      "cases:\n  - {power.ups.redundancy: N, power.lightning: 1 kW}\n"
      "grid:\n  power.lighting.fixed: [1 kW]\n  it.groups[7].count: [2]\n");
  // (in column order: cases, zip, grid)
  REQUIRE(paths.size() == 4);
  CHECK(paths[0].line == 5);
  CHECK(paths[0].column == 31);
  CHECK_THAT(paths[0].hint, Contains("lighting"));
  CHECK(paths[1].line == 3);
  CHECK_THAT(paths[1].message, Contains("unknown key 'eficiency'"));
  CHECK_THAT(paths[1].hint, Contains("efficiency"));
  CHECK(paths[2].line == 7);
  CHECK_THAT(paths[2].message, Contains("has no key 'fixed'"));
  CHECK(paths[3].line == 8);
  CHECK_THAT(paths[3].message, Contains("out of range"));
  // Axis values are checked against the key's type case by case, at the value: a bad choice.
  const Sweep s = load_sweep(write_sweep("grid:\n  cooling.air.economizer.type: [none, indirekt]\n"));
  const auto bad = validate_sweep_cases(s, 2);
  REQUIRE(bad.size() == 1);
  REQUIRE(bad[0].errors.size() == 1);
  CHECK(bad[0].errors[0].file == s.path);
  CHECK(bad[0].errors[0].line == 3);
  CHECK(bad[0].errors[0].column == 39);
  CHECK(bad[0].errors[0].path == "cooling.air.economizer.type");
  CHECK_THAT(bad[0].errors[0].hint, Contains("did you mean 'indirect'"));
}

TEST_CASE("shard specifications", "[sweep]") {
  unsigned k = 0, n = 0;
  CHECK(parse_shard("3/8", k, n));
  CHECK((k == 3 && n == 8));
  CHECK_FALSE(parse_shard("0/8", k, n));
  CHECK_FALSE(parse_shard("9/8", k, n));
  CHECK_FALSE(parse_shard("3", k, n));
  CHECK_FALSE(parse_shard("a/b", k, n));
}

TEST_CASE("base list: the outermost axis, zip x grid x replicates inside, seeds from each base", "[sweep][base]") {
  const Sweep s = load_sweep(write_sweep_with_bases(
      "base: [sweep_base_air.yaml, sweep_base_liquid.yaml]\n"
      "zip:\n  power.lighting: [1 kW, 2 kW]\n  it.groups[0].count: [8, 6]\n"
      "grid: {site.builtin: [reykjavik, phoenix]}\n"
      "replicates: 2\n"));
  CHECK(s.base_list);
  REQUIRE(s.bases.size() == 2);
  CHECK(s.bases[0].seed == 3);
  CHECK(s.bases[1].seed == 11);
  CHECK(s.columns == std::vector<std::string>{"base", "power.lighting", "it.groups[0].count", "site.builtin", "seed"});
  const std::string air = "base=sweep_base_air.yaml, ", liquid = "base=sweep_base_liquid.yaml, ";
  CHECK(labels(s) == std::vector<std::string>{
                         "c0000 " + air + "power.lighting=1 kW, it.groups[0].count=8, site.builtin=reykjavik, seed=3",
                         "c0001 " + air + "power.lighting=1 kW, it.groups[0].count=8, site.builtin=reykjavik, seed=4",
                         "c0002 " + air + "power.lighting=1 kW, it.groups[0].count=8, site.builtin=phoenix, seed=3",
                         "c0003 " + air + "power.lighting=1 kW, it.groups[0].count=8, site.builtin=phoenix, seed=4",
                         "c0004 " + air + "power.lighting=2 kW, it.groups[0].count=6, site.builtin=reykjavik, seed=3",
                         "c0005 " + air + "power.lighting=2 kW, it.groups[0].count=6, site.builtin=reykjavik, seed=4",
                         "c0006 " + air + "power.lighting=2 kW, it.groups[0].count=6, site.builtin=phoenix, seed=3",
                         "c0007 " + air + "power.lighting=2 kW, it.groups[0].count=6, site.builtin=phoenix, seed=4",
                         "c0008 " + liquid + "power.lighting=1 kW, it.groups[0].count=8, site.builtin=reykjavik, seed=11",
                         "c0009 " + liquid + "power.lighting=1 kW, it.groups[0].count=8, site.builtin=reykjavik, seed=12",
                         "c0010 " + liquid + "power.lighting=1 kW, it.groups[0].count=8, site.builtin=phoenix, seed=11",
                         "c0011 " + liquid + "power.lighting=1 kW, it.groups[0].count=8, site.builtin=phoenix, seed=12",
                         "c0012 " + liquid + "power.lighting=2 kW, it.groups[0].count=6, site.builtin=reykjavik, seed=11",
                         "c0013 " + liquid + "power.lighting=2 kW, it.groups[0].count=6, site.builtin=reykjavik, seed=12",
                         "c0014 " + liquid + "power.lighting=2 kW, it.groups[0].count=6, site.builtin=phoenix, seed=11",
                         "c0015 " + liquid + "power.lighting=2 kW, it.groups[0].count=6, site.builtin=phoenix, seed=12",
                     });
  // Each case loads its own base (text and seed) with its values; `base` is no override.
  CHECK(s.overrides(s.cases[14]) ==
        std::vector<std::string>{"power.lighting=2 kW", "it.groups[0].count=6", "site.builtin=phoenix", "seed=11"});
  const Scenario c1 = load_case(s, s.cases[1]), c14 = load_case(s, s.cases[14]);
  CHECK(c1.name == "sweep-base-air");
  CHECK(c1.facility.seed == 4);
  CHECK(c1.facility.groups[0].rack.liquid_capture_share == 0.0);
  CHECK(c14.name == "sweep-base-liquid");
  CHECK(c14.facility.seed == 11);
  CHECK(c14.facility.groups[0].rack.liquid_capture_share == Approx(0.8));
  CHECK(c14.facility.groups[0].rack.rack_count == 6);
  CHECK(c14.site_label == "phoenix");
  // The `base` column holds the file names as written (text even if a name looked like a number).
  const auto t = parameter_table(s);
  CHECK(t.strings("base")[7] == "sweep_base_air.yaml");
  CHECK(t.strings("base")[8] == "sweep_base_liquid.yaml");
  CHECK(t.doubles("seed")[9] == 12.0);
}

TEST_CASE("base list with explicit cases and seeds, and a list of one file still makes the column", "[sweep][base]") {
  const Sweep s = load_sweep(write_sweep_with_bases(
      "base:\n  - sweep_base_liquid.yaml\n  - sweep_base_air.yaml\n"
      "cases: [{power.lighting: 1 kW}, {power.pdu_loss: 2 %}]\n"
      "seeds: [5, 9]\n"));
  CHECK(labels(s) == std::vector<std::string>{
                         "c0000 base=sweep_base_liquid.yaml, power.lighting=1 kW, seed=5",
                         "c0001 base=sweep_base_liquid.yaml, power.lighting=1 kW, seed=9",
                         "c0002 base=sweep_base_liquid.yaml, power.pdu_loss=2 %, seed=5",
                         "c0003 base=sweep_base_liquid.yaml, power.pdu_loss=2 %, seed=9",
                         "c0004 base=sweep_base_air.yaml, power.lighting=1 kW, seed=5",
                         "c0005 base=sweep_base_air.yaml, power.lighting=1 kW, seed=9",
                         "c0006 base=sweep_base_air.yaml, power.pdu_loss=2 %, seed=5",
                         "c0007 base=sweep_base_air.yaml, power.pdu_loss=2 %, seed=9",
                     });
  CHECK(load_case(s, s.cases[6]).name == "sweep-base-air");
  const Sweep one = load_sweep(write_sweep_with_bases("base: [sweep_base_air.yaml]\ngrid: {power.lighting: [1 kW, 2 kW]}\n"));
  CHECK(one.columns == std::vector<std::string>{"base", "power.lighting"});
  CHECK(labels(one) == std::vector<std::string>{"c0000 base=sweep_base_air.yaml, power.lighting=1 kW",
                                                "c0001 base=sweep_base_air.yaml, power.lighting=2 kW"});
  // A single file name: no `base` column, cases as before.
  const Sweep single = load_sweep(write_sweep_with_bases("base: sweep_base_air.yaml\ngrid: {power.lighting: [1 kW, 2 kW]}\n"));
  CHECK_FALSE(single.base_list);
  CHECK(labels(single) == std::vector<std::string>{"c0000 power.lighting=1 kW", "c0001 power.lighting=2 kW"});
}

TEST_CASE("base list errors: a missing file at its list item, not a list of names, listed twice", "[sweep][base]") {
  const std::string missing = write_sweep_with_bases(
      "base:\n  - sweep_base_air.yaml\n  - no_such_design.yaml\n  - sweep_base_liquid.yaml\n"
      "grid: {site.builtin: [reykjavik]}\n");
  const InputErrors e = errors_of_file(missing);
  REQUIRE(e.size() == 1);
  CHECK(e[0].file == missing);
  CHECK(e[0].line == 3);
  CHECK(e[0].column == 5);
  CHECK(e[0].path == "base[1]");
  CHECK_THAT(e[0].message, Contains("cannot read the base scenario") && Contains("no_such_design.yaml"));
  const InputErrors nested = errors_of_file(write_sweep_with_bases("base:\n  - sweep_base_air.yaml\n  - {file: x.yaml}\n"));
  REQUIRE(nested.size() == 1);
  CHECK(nested[0].line == 3);
  CHECK_THAT(nested[0].message, Contains("expected a scenario file name"));
  CHECK_THAT(errors_of_file(write_sweep_with_bases("base: []\n"))[0].message, Contains("a list of scenario files"));
  CHECK_THAT(errors_of_file(write_sweep_with_bases("grid: {power.lighting: [1 kW]}\n"))[0].message,
             Contains("missing required key 'base'"));
  const InputErrors twice = errors_of_file(write_sweep_with_bases("base: [sweep_base_air.yaml, ./sweep_base_air.yaml]\n"));
  REQUIRE(twice.size() == 1);
  CHECK_THAT(twice[0].message, Contains("listed twice"));
  CHECK(twice[0].path == "base[1]");
}

TEST_CASE("base list: invalid cases are reported with their base, and the fingerprint covers every base", "[sweep][base]") {
  // A negative lighting load is invalid in either base: the report names each case's base.
  const std::string path = write_sweep_with_bases(
      "base: [sweep_base_air.yaml, sweep_base_liquid.yaml]\n"
      "grid:\n  power.lighting: [1 kW, -5 kW]\n");
  const Sweep s = load_sweep(path);
  const auto bad = validate_sweep_cases(s, 2);
  REQUIRE(bad.size() == 2);
  CHECK(bad[0].index == 1);
  CHECK(bad[1].index == 3);
  CHECK(bad[0].errors[0].line == 3);
  const std::string report = format_case_errors(s, bad);
  CHECK_THAT(report, Contains("in 2 cases: c0001 (base=sweep_base_air.yaml, power.lighting=-5 kW), "
                              "c0003 (base=sweep_base_liquid.yaml, power.lighting=-5 kW)"));
  // An error inside one base file (not caused by an axis value) points into that file.
  const fs::path dir = fs::path(path).parent_path();
  std::ofstream(dir / "sweep_base_broken.yaml") << "name: broken\n";
  std::ofstream(dir / "d.sweep.yaml") << "base: [sweep_base_air.yaml, sweep_base_broken.yaml]\n";
  const InputErrors broken = errors_of_file((dir / "d.sweep.yaml").string());
  REQUIRE_FALSE(broken.empty());
  CHECK(broken[0].file == (dir / "sweep_base_broken.yaml").string());

  // Same files, same fingerprint; another text of the second base, or the bases in another order,
  // change it.
  const std::string fp = load_sweep(path).fingerprint;
  CHECK(load_sweep(path).fingerprint == fp);
  std::ofstream(dir / "sweep_base_liquid.yaml", std::ios::app) << "# edited\n";
  CHECK(load_sweep(path).fingerprint != fp);
  const std::string swapped = write_sweep_with_bases(
      "base: [sweep_base_liquid.yaml, sweep_base_air.yaml]\ngrid:\n  power.lighting: [1 kW, -5 kW]\n");
  CHECK(load_sweep(swapped).fingerprint != fp);
}
