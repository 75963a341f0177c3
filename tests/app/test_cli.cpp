// The dcsim command line, run as a program: validate on every shipped scenario, run --set (the
// override changes the physics in the right direction and is recorded), --json, help, version,
// unknown commands, graph | dot, and the schema documentation that must not drift from the binary.
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <H5Cpp.h>
#include <catch2/catch.hpp>

#include "app/facility_graph_builder.hpp"
#include "app/scenario.hpp"
#include "output/run_file.hpp"
#include "sim/version.hpp"
#include "tests/support/run_process.hpp"

namespace fs = std::filesystem;

namespace {

const fs::path kSource = DCSIM_SOURCE_DIR;
const std::string kSmall = (kSource / "tests/data/valid/small.yaml").string();

using dcsim::test::Outcome;
using dcsim::test::run_dcsim;
using dcsim::test::run_program;
using dcsim::test::slurp;
using dcsim::test::TempDir;

std::vector<fs::path> shipped_scenarios() {
  std::vector<fs::path> out;
  for (const auto& e : fs::directory_iterator(kSource / "scenarios")) {
    const std::string name = e.path().filename().string();
    if (e.path().extension() == ".yaml" && name.find(".sweep.") == std::string::npos) out.push_back(e.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

// The value of metric `name` in dcsim's --json summary: "name": {"value": X, ...}.
double json_metric(const std::string& json, const std::string& name) {
  const std::string key = "\"" + name + "\": {\"value\": ";
  const auto at = json.find(key);
  REQUIRE(at != std::string::npos);
  return std::stod(json.substr(at + key.size()));
}

// The --json summary of small.yaml run with `sets` (each "path=value").
std::string run_small_json(const std::vector<std::string>& sets) {
  TempDir t;
  std::vector<std::string> args = {"run", kSmall, "-o", (t.path / "out.h5").string(), "--json"};
  for (const auto& s : sets) {
    args.push_back("--set");
    args.push_back(s);
  }
  const Outcome o = run_dcsim(args, t.path);
  INFO(o.err);
  REQUIRE(o.status == 0);
  return o.out;
}

}  // namespace

TEST_CASE("cli: validate accepts every shipped scenario", "[cli]") {
  const auto scenarios = shipped_scenarios();
  REQUIRE(!scenarios.empty());
  for (const auto& s : scenarios) {
    TempDir t;
    const Outcome o = run_dcsim({"validate", s.string()}, t.path);
    INFO(s.filename().string() << "\n" << o.err);
    CHECK(o.status == 0);
    CHECK_THAT(o.out, Catch::StartsWith(s.string() + ": ok: scenario '"));
    CHECK(o.err.empty());
  }
}

TEST_CASE("cli: validate lists the overrides it applied and rejects a broken value", "[cli]") {
  TempDir t;
  const Outcome ok = run_dcsim({"validate", kSmall, "--set", "cooling.air.units.count=3"}, t.path);
  CHECK(ok.status == 0);
  CHECK_THAT(ok.out, Catch::Contains("with overrides") && Catch::Contains("override cooling.air.units.count=3"));
  const Outcome bad = run_dcsim({"validate", kSmall, "--set", "cooling.air.units.count=-3"}, t.path);
  CHECK(bad.status == 2);
  CHECK_THAT(bad.err, Catch::StartsWith("--set cooling.air.units.count=-3: error: cooling.air.units.count: must be >= 1"));
}

TEST_CASE("cli: run --set a warmer liquid supply saves dry-cooler fan energy", "[cli][set]") {
  // Warmer facility water leaves the dry coolers a larger approach to the outdoor air, so their fans
  // turn slower; the racks' power does not depend on the coolant temperature. 40 degC coolant needs
  // a W45 rack (with W32 the coolant return would reach the thermal protection at 50 degC).
  const std::string base = run_small_json({});
  const std::string warm = run_small_json({"cooling.liquid.supply_temp=40degC", "it.groups[0].liquid_class=W45"});
  CHECK(json_metric(warm, "heat_rejection_fans_energy_kwh") < json_metric(base, "heat_rejection_fans_energy_kwh"));
  CHECK(json_metric(warm, "pue") < json_metric(base, "pue"));
  CHECK(json_metric(warm, "it_energy_kwh") == Approx(json_metric(base, "it_energy_kwh")).epsilon(1e-3));
}

TEST_CASE("cli: run --set a warmer air supply trades compressor energy for server fan energy", "[cli][set]") {
  // Warmer supply air means warmer chilled water: a better COP and more economizer hours, so less
  // compressor energy; the server inlet rises above the fans' 25 degC reference, so more fan energy.
  const std::string base = run_small_json({});
  const std::string warm = run_small_json({"cooling.air.supply_temp=27degC"});
  CHECK(json_metric(warm, "compressors_energy_kwh") < json_metric(base, "compressors_energy_kwh"));
  CHECK(json_metric(warm, "server_fans_energy_kwh") > json_metric(base, "server_fans_energy_kwh"));
  CHECK(json_metric(warm, "pue") != json_metric(base, "pue"));
}

TEST_CASE("cli: run records the overrides in the result file and in the JSON summary", "[cli][set]") {
  TempDir t;
  const fs::path out = t.path / "out.h5";
  const Outcome o = run_dcsim({"run", kSmall, "-o", out.string(), "--json", "--set", "cooling.liquid.supply_temp=36 degC"}, t.path);
  INFO(o.err);
  REQUIRE(o.status == 0);
  H5::H5File file(out.string(), H5F_ACC_RDONLY);
  const auto run = dcsim::output::read_run(file.openGroup("/"));
  CHECK_THAT(run.scenario_yaml, Catch::StartsWith("# --set cooling.liquid.supply_temp=36 degC\n"));
  CHECK_THAT(run.scenario_yaml, Catch::Contains("supply_temp: 36 degC"));
  CHECK_THAT(o.out, Catch::Contains("\"override\": \"cooling.liquid.supply_temp=36 degC\""));
#ifdef DCSIM_PYTHON
  if (std::string(DCSIM_PYTHON).empty()) return;
  // The JSON parses, and its figures are the result file's.
  std::ofstream(t.path / "summary.json") << o.out;
  const std::string check =
      "import json, sys\n"
      "d = json.load(open(sys.argv[1]))\n"
      "assert d['scenario'] == 'small', d['scenario']\n"
      "assert d['context']['override'] == 'cooling.liquid.supply_temp=36 degC'\n"
      "print(repr(d['metrics']['pue']['value']))\n";
  std::ofstream(t.path / "check.py") << check;
  const Outcome py = run_program(DCSIM_PYTHON, {(t.path / "check.py").string(), (t.path / "summary.json").string()}, t.path);
  INFO(py.err);
  REQUIRE(py.status == 0);
  double pue_h5 = 0;
  for (const auto& m : run.summary) {
    if (m.name == "pue") pue_h5 = m.value;
  }
  CHECK(std::stod(py.out) == Approx(pue_h5).epsilon(1e-12));
#endif
}

TEST_CASE("cli: a bad --set path or value exits 2, names the override and writes nothing", "[cli][set]") {
  TempDir t;
  const fs::path out = t.path / "out" / "r.h5";
  fs::create_directory(out.parent_path());
  const Outcome path = run_dcsim({"run", kSmall, "-o", out.string(), "--set", "cooling.air.suply_temp=25degC"}, t.path);
  CHECK(path.status == 2);
  CHECK_THAT(path.err, Catch::StartsWith("--set cooling.air.suply_temp=25degC: error:"));
  CHECK_THAT(path.err, Catch::Contains("did you mean 'supply_temp'?"));
  const Outcome value = run_dcsim({"run", kSmall, "-o", out.string(), "--set", "cooling.air.supply_temp=25 kW"}, t.path);
  CHECK(value.status == 2);
  CHECK_THAT(value.err, Catch::StartsWith("--set cooling.air.supply_temp=25 kW: error: cooling.air.supply_temp:"));
  CHECK_THAT(value.err, Catch::Contains("temperature"));
  const Outcome malformed = run_dcsim({"run", kSmall, "-o", out.string(), "--set", "cooling.air.supply_temp"}, t.path);
  CHECK(malformed.status == 2);
  CHECK_THAT(malformed.err, Catch::Contains("--set cooling.air.supply_temp"));
  CHECK(fs::is_empty(out.parent_path()));
}

TEST_CASE("cli: --help and COMMAND --help exit 0 with examples", "[cli]") {
  TempDir t;
  const Outcome top = run_dcsim({"--help"}, t.path);
  CHECK(top.status == 0);
  for (const char* cmd : {"run", "validate", "sites", "graph", "schema"}) {
    CHECK_THAT(top.out, Catch::Contains(std::string("dcsim ") + cmd));
  }
  CHECK_THAT(top.out, Catch::Contains("examples:"));
  for (const char* cmd : {"run", "validate", "sites", "graph", "schema"}) {
    const Outcome o = run_dcsim({cmd, "--help"}, t.path);
    INFO(cmd);
    CHECK(o.status == 0);
    CHECK_THAT(o.out, Catch::StartsWith(std::string("usage: dcsim ") + cmd));
    CHECK_THAT(o.out, Catch::Contains("examples:\n  dcsim " + std::string(cmd)));
  }
}

TEST_CASE("cli: unknown commands and options, and no command, exit 2 with a hint", "[cli]") {
  TempDir t;
  const Outcome typo = run_dcsim({"valdate", kSmall}, t.path);
  CHECK(typo.status == 2);
  CHECK_THAT(typo.err, Catch::Contains("unknown command 'valdate'") && Catch::Contains("did you mean 'validate'?"));
  const Outcome option = run_dcsim({"run", kSmall, "--jsn"}, t.path);
  CHECK(option.status == 2);
  CHECK_THAT(option.err, Catch::Contains("jsn"));
  const Outcome none = run_dcsim({}, t.path);
  CHECK(none.status == 2);
  CHECK_THAT(none.err, Catch::Contains("usage:"));
  const Outcome missing = run_dcsim({"validate", (t.path / "no-such.yaml").string()}, t.path);
  CHECK(missing.status == 2);
  CHECK_THAT(missing.err, Catch::Contains("no-such.yaml: error: file not found"));
  const Outcome directory = run_dcsim({"run", t.path.string(), "-o", (t.path / "x.h5").string()}, t.path);
  CHECK(directory.status == 2);
  CHECK_THAT(directory.err, Catch::Contains(t.path.string() + ": error: is a directory"));
  CHECK(!fs::exists(t.path / "x.h5"));
}

TEST_CASE("cli: --version prints the build's version and git description", "[cli]") {
  TempDir t;
  const Outcome o = run_dcsim({"--version"}, t.path);
  CHECK(o.status == 0);
  CHECK(o.out == std::string("dcsim ") + dcsim::kVersion + " (" + dcsim::kGitDescribe + ")\n");
}

TEST_CASE("cli: graph of every shipped scenario is valid Graphviz (dot -Tpng)", "[cli][graph]") {
  const char* dot = "/usr/bin/dot";
  if (!fs::exists(dot)) {
    WARN("skipped: Graphviz dot is not installed at /usr/bin/dot");
    return;
  }
  auto scenarios = shipped_scenarios();
  scenarios.push_back(kSmall);
  for (const auto& s : scenarios) {
    TempDir t;
    const Outcome g = run_dcsim({"graph", s.string()}, t.path);
    INFO(s.filename().string() << "\n" << g.err);
    REQUIRE(g.status == 0);
    CHECK_THAT(g.out, Catch::StartsWith("digraph facility {"));
    fs::rename(t.path / "stdout", t.path / "facility.dot");
    const Outcome d = run_program(dot, {"-Tpng", (t.path / "facility.dot").string(), "-o", (t.path / "facility.png").string()}, t.path);
    INFO(d.err);
    CHECK(d.status == 0);
    CHECK(d.err.empty());
    CHECK(slurp(t.path / "facility.png").rfind("\x89PNG\r\n\x1a\n", 0) == 0);
  }
}

TEST_CASE("cli: the facility graph that validate checks finds a plant that rejects no heat", "[cli][graph]") {
  // `dcsim validate` reports sc.graph.validate(). Every shipped scenario passes (see
  // above); a plant stripped of its tower and chillers leaves the room's heat (UPS, PDU, air-cooled
  // racks) with no path to the outdoors, and the check must say so.
  dcsim::app::Scenario sc = dcsim::app::load_scenario(kSmall);
  CHECK(sc.graph.validate().empty());
  const auto connections = dcsim::models::read_connections(sc.graph, sc.facility);
  auto& chilled = sc.facility.plants[connections.hall_plant[0]];
  chilled.params.rejection.clear();
  chilled.params.chillers.clear();
  const auto issues = dcsim::app::build_facility_graph(sc.facility, connections).validate();
  std::string all;
  for (const auto& i : issues) all += i + "\n";
  INFO(all);
  CHECK_THAT(all, Catch::Contains("heat source 'ups'") && Catch::Contains("racks.storage") &&
                      Catch::Contains("no heat path to an ambient sink"));
  CHECK_THAT(all, !Catch::Contains("racks.gpu'"));  // gpu racks are partly liquid-cooled, but also air-cooled
}

TEST_CASE("cli: schema docs in scenarios/ are what the binary generates", "[cli][schema]") {
  TempDir t;
  const Outcome md = run_dcsim({"schema"}, t.path);
  REQUIRE(md.status == 0);
  const Outcome json = run_dcsim({"schema", "--format", "json"}, t.path);
  REQUIRE(json.status == 0);
  const std::string fix = "out of date: run scripts/update_schema_docs.sh (after building) and commit the result";

  const std::string readme = slurp(kSource / "scenarios/README.md");
  const std::string begin = "<!-- BEGIN GENERATED: dcsim schema (scripts/update_schema_docs.sh) -->\n";
  const std::string end = "<!-- END GENERATED -->\n";
  const auto b = readme.find(begin), e = readme.find(end);
  REQUIRE(b != std::string::npos);
  REQUIRE(e != std::string::npos);
  const std::string generated = readme.substr(b + begin.size(), e - b - begin.size());
  std::string expected = md.out;
  if (!expected.empty() && expected.back() != '\n') expected += '\n';
  {
    INFO("scenarios/README.md key reference " << fix);
    CHECK(generated == expected);
  }
  {
    INFO("scenarios/scenario.schema.json " << fix);
    CHECK(slurp(kSource / "scenarios/scenario.schema.json") == json.out);
  }
}

TEST_CASE("cli: schema documents every key of the format and writes a JSON Schema file", "[cli][schema]") {
  TempDir t;
  const Outcome md = run_dcsim({"schema", "--format", "markdown"}, t.path);
  REQUIRE(md.status == 0);
  // Keys of each section, including ones only reachable through a `type:` variant.
  for (const char* key : {"`supply_temp`", "`record_interval`", "`liquid_share`", "`design_dry_bulb`", "`cop`",
                          "`district_supply_temp`", "`die_area`", "`mtbf`", "`grid_intensity`"}) {
    CHECK_THAT(md.out, Catch::Contains(key));
  }
  const fs::path file = t.path / "schema.json";
  const Outcome w = run_dcsim({"schema", "--format", "json", "-o", file.string()}, t.path);
  CHECK(w.status == 0);
  CHECK(w.out.empty());
  const std::string text = slurp(file);
  CHECK_THAT(text, Catch::Contains("\"$schema\": \"https://json-schema.org/draft/2020-12/schema\""));
  CHECK_THAT(text, Catch::Contains("\"additionalProperties\": false"));
  const Outcome bad = run_dcsim({"schema", "--format", "xml"}, t.path);
  CHECK(bad.status == 2);
  CHECK_THAT(bad.err, Catch::Contains("unknown format 'xml'"));
}
