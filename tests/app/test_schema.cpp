// The schema: validation with every error located, defaults, ranges, one-of-by-type, cross-field
// checks, the typed reader, the type registry, and the generated Markdown and JSON Schema.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>

#include <unistd.h>

#include <fmt/format.h>

#include "app/registry.hpp"
#include "app/schema.hpp"

using namespace dcsim::app;
using Catch::Matchers::Contains;
using Catch::Matchers::StartsWith;

namespace {

Schema pump_schema() {
  Schema pump("A circulation pump.");
  pump.field("flow", Dim::volume_flow).above(0).doc("Design volume flow.");
  pump.field("efficiency", Type::number()).above(0).at_most(1).def(0.7).doc("Wire-to-water efficiency.");
  return pump;
}

Schema eir_schema() {
  Schema eir("Electric chiller, EIR model.");
  eir.field("capacity", Dim::power, "kW").above(0).doc("Rated cooling capacity.");
  eir.field("cop", Type::number()).above(0).def(5.5).doc("Rated coefficient of performance.");
  return eir;
}

Schema dry_schema() {
  Schema dry("Dry cooler.");
  dry.field("approach", Dim::temperature_difference).at_least(0).def("5 K").doc("Approach to dry bulb.");
  dry.field("fan_power", Dim::power, "kW").at_least(0).doc("Fan power at full speed.");
  return dry;
}

Schema demo_schema() {
  Schema liquid("The liquid cooling loop.");
  liquid.field("supply_temp", Dim::temperature).range(10, 45).def("32 degC").doc("Coolant supply temperature.");
  liquid.field("return_temp", Dim::temperature).range(10, 60).def("40 degC").doc("Coolant return temperature.");
  liquid.field("pumps", Type::list(Type::mapping(pump_schema()))).min_items(1).doc("Pumps in parallel.");
  liquid.check([](const Reader& r, InputErrors& errors) {
    const double supply_c = r.quantity("supply_temp");
    const double return_c = r.quantity("return_temp");
    if (supply_c >= return_c) {
      errors.add(r.error("supply_temp", fmt::format("must be below return_temp ({} degC >= {} degC)",
                                                    supply_c, return_c)));
    }
  });

  Schema economizer("Free cooling.");
  economizer.field("enabled", Type::boolean()).def(true).doc("Whether the economizer may run.");
  economizer.field("mode", Type::choice({"waterside", "airside"})).def("waterside").doc("Kind of economizer.");
  economizer.field("min_dwell", Dim::duration).at_least(0).def("15 min").doc("Minimum time in a mode.");

  Schema cooling("Cooling plant.");
  cooling.field("liquid", Type::mapping(liquid)).doc("Liquid loop.");
  cooling.field("chiller", Type::by_type({{"electric_eir", eir_schema()}, {"dry_cooler", dry_schema()}}))
      .doc("Heat rejection.");
  cooling.field("economizer", Type::mapping(economizer)).def("{}").doc("Economizer.");

  Schema root("Demo scenario.");
  root.field("name", Type::string()).doc("Scenario name.");
  root.field("start", Type::date()).def("2025-01-01").doc("First day.");
  root.field("seed", Type::integer()).at_least(0).def(1).doc("Random seed.");
  root.field("cooling", Type::mapping(cooling)).doc("Cooling.");
  root.field("setpoints", Type::list(Type::quantity(Dim::temperature))).range(10, 40).optional().doc("Setpoints.");
  return root;
}

InputErrors errors_of(const std::string& text, const Schema& schema) {
  YamlDocument doc = YamlDocument::from_string(text, "s.yaml");
  return validate(doc, schema);
}

struct Where {
  int line, column;
  std::string path;
};

void check_at(const InputError& e, Where w) {
  INFO(e.format());
  CHECK(e.file == "s.yaml");
  CHECK(e.line == w.line);
  CHECK(e.column == w.column);
  CHECK(e.path == w.path);
}

const std::string kValid =
    "name: demo\n"
    "cooling:\n"
    "  liquid:\n"
    "    supply_temp: 30 degC\n"
    "    pumps:\n"
    "      - flow: 10 L/s\n"
    "      - flow: 36 m3/h\n"
    "        efficiency: 0.8\n"
    "  chiller:\n"
    "    type: electric_eir\n"
    "    capacity: 500\n";

}  // namespace

TEST_CASE("a valid file reads as SI values with defaults filled in", "[schema]") {
  const Schema schema = demo_schema();
  YamlDocument doc = YamlDocument::from_string(kValid, "s.yaml");
  const Reader root = load(doc, schema);
  CHECK(root.string("name") == "demo");
  CHECK(root.integer("seed") == 1);
  CHECK(root.date("start").date == dcsim::sim::CivilDate{2025, 1, 1});
  CHECK_FALSE(root.has("setpoints"));
  const Reader liquid = root["cooling"]["liquid"];
  CHECK(liquid.quantity("supply_temp") == 30.0);
  CHECK(liquid.quantity("return_temp") == 40.0);  // default "40 degC"
  const auto pumps = liquid.list("pumps");
  REQUIRE(pumps.size() == 2);
  CHECK(pumps[0].number("efficiency") == 0.7);    // default
  CHECK(pumps[1].number("efficiency") == 0.8);
  CHECK_THAT(pumps[0].quantity("flow"), Catch::Matchers::WithinRel(0.01, 1e-12));
  CHECK_THAT(pumps[1].quantity("flow"), Catch::Matchers::WithinRel(0.01, 1e-12));  // 36 m3/h
  CHECK(pumps[1].path() == "cooling.liquid.pumps[1]");
  const Reader chiller = root["cooling"]["chiller"];
  CHECK(chiller.type_name() == "electric_eir");
  CHECK(chiller.quantity("capacity") == 500e3);   // plain number in kW
  CHECK(chiller.number("cop") == 5.5);
  // A defaulted mapping ("{}") is filled with its own defaults.
  const Reader eco = root["cooling"]["economizer"];
  CHECK(eco.boolean("enabled"));
  CHECK(eco.string("mode") == "waterside");
  CHECK(eco.duration("min_dwell") == 900'000);
  // The tree itself is completed, so the scenario "as run" can be written out.
  CHECK(doc.root()["cooling"]["economizer"]["min_dwell"].as<std::string>() == "15 min");
  CHECK(doc.root()["cooling"]["liquid"]["pumps"][0]["efficiency"].as<double>() == 0.7);
  // Asking for an undeclared key is a programming error, not an input error.
  CHECK_THROWS_AS(liquid.quantity("supply_tmp"), std::logic_error);
}

TEST_CASE("all errors of a file are collected with their line, column and key path", "[schema]") {
  const std::string text =
      "name: test\n"
      "cooling:\n"
      "  liquid:\n"
      "    supply_tmp: 30 degC\n"
      "    pumps:\n"
      "      - flow: 10 L/s\n"
      "        efficiency: 0.8\n"
      "      - flow: 12 kW\n"
      "        efficiency: 1.3\n"
      "  chiller:\n"
      "    type: electric_eri\n";
  const InputErrors errors = errors_of(text, demo_schema());
  REQUIRE(errors.size() == 4);
  check_at(errors[0], {4, 5, "cooling.liquid.supply_tmp"});
  CHECK(errors[0].message == "unknown key 'supply_tmp'");
  CHECK(errors[0].hint == "did you mean 'supply_temp'?");
  check_at(errors[1], {8, 15, "cooling.liquid.pumps[1].flow"});
  CHECK_THAT(errors[1].message, Contains("'kW' is a unit of power"));
  CHECK_THAT(errors[1].message, Contains("a volume flow (m3/s"));
  check_at(errors[2], {9, 21, "cooling.liquid.pumps[1].efficiency"});
  CHECK(errors[2].message == "must be in (0, 1] (got 1.3)");
  check_at(errors[3], {11, 11, "cooling.chiller.type"});
  CHECK_THAT(errors[3].message, Contains("unknown type 'electric_eri'"));
  CHECK_THAT(errors[3].message, Contains("electric_eir, dry_cooler"));
  CHECK(errors[3].hint == "did you mean 'electric_eir'?");
  const std::string report = errors.format();
  CHECK_THAT(report, Contains("s.yaml:9:21: error: cooling.liquid.pumps[1].efficiency: must be in (0, 1] (got 1.3)\n"
                              " 8 |       - flow: 12 kW\n"
                              " 9 |         efficiency: 1.3\n"
                              "   |                     ^\n"));
  CHECK_THAT(report, Contains("4 errors"));
}

TEST_CASE("missing keys, wrong kinds, empty values and duplicates are located", "[schema]") {
  const Schema schema = demo_schema();
  {
    const InputErrors e = errors_of("name: x\n"
                                    "cooling:\n"
                                    "  liquid:\n"
                                    "    pumps: []\n"
                                    "  chiller:\n"
                                    "    type: dry_cooler\n",
                                    schema);
    REQUIRE(e.size() == 2);
    check_at(e[0], {4, 12, "cooling.liquid.pumps"});
    CHECK(e[0].message == "expected at least 1 item, found 0");
    check_at(e[1], {6, 5, "cooling.chiller"});  // the mapping lacking the key
    CHECK_THAT(e[1].message, StartsWith("missing required key 'fan_power' (power (kW))"));
  }
  {
    const InputErrors e = errors_of("name: [a, b]\n"
                                    "cooling:\n"
                                    "  liquid: 5\n"
                                    "  chiller:\n"
                                    "    capacity: 3\n"
                                    "setpoints: 20 degC\n"
                                    "seed: -1\n"
                                    "start: 2025-02-30\n",
                                    schema);
    REQUIRE(e.size() == 6);
    check_at(e[0], {1, 7, "name"});
    CHECK(e[0].message == "expected string, found a list");
    check_at(e[1], {3, 11, "cooling.liquid"});
    CHECK(e[1].message == "expected a mapping of keys, found '5'");
    check_at(e[2], {5, 5, "cooling.chiller"});
    CHECK(e[2].message == "missing required key 'type'");
    CHECK(e[2].hint == "valid types: electric_eir, dry_cooler");
    check_at(e[3], {6, 12, "setpoints"});
    CHECK(e[3].message == "expected a list, found '20 degC'");
    check_at(e[4], {7, 7, "seed"});
    CHECK(e[4].message == "must be >= 0 (got -1)");
    check_at(e[5], {8, 8, "start"});  // February has no 30th
    CHECK_THAT(e[5].message, StartsWith("expected a date"));
  }
  {
    // An empty value has no position in yaml-cpp: the error points at its key.
    const InputErrors e = errors_of("name: a\n"
                                    "cooling:\n"
                                    "  liquid:\n"
                                    "  chiller: {type: dry_cooler, fan_power: 3 kW}\n"
                                    "name: b\n",
                                    schema);
    REQUIRE(e.size() == 2);
    check_at(e[0], {3, 3, "cooling.liquid"});
    CHECK(e[0].message == "expected a mapping of keys, found an empty value");
    check_at(e[1], {5, 1, "name"});
    CHECK(e[1].message == "duplicate key 'name' (first given on line 1)");
  }
  {
    const InputErrors e = errors_of("seed: 3\n", schema);
    REQUIRE(e.size() == 2);
    check_at(e[0], {1, 1, ""});
    CHECK_THAT(e[0].message, StartsWith("missing required key 'name'"));
    CHECK_THAT(e[1].message, StartsWith("missing required key 'cooling'"));
  }
}

TEST_CASE("ranges honour open and closed bounds and echo the value", "[schema]") {
  Schema s;
  s.field("eta", Type::number()).above(0).at_most(1).optional();
  s.field("level", Type::number()).at_least(0).below(100).optional();
  s.field("power", Dim::power, "kW").range(0, 500).optional();
  s.field("temp", Dim::temperature).range(10, 45).optional();
  s.field("count", Type::integer()).above(0).optional();
  auto ok = [&](const std::string& text) { return errors_of(text, s).empty(); };
  auto message = [&](const std::string& text) {
    const InputErrors e = errors_of(text, s);
    REQUIRE(e.size() == 1);
    return e[0].message;
  };
  CHECK_FALSE(ok("eta: 0"));  // open at 0
  CHECK(ok("eta: 1e-9"));
  CHECK(ok("eta: 1"));        // closed at 1
  CHECK(message("eta: 1.0001") == "must be in (0, 1] (got 1.0001)");
  CHECK(ok("level: 0"));
  CHECK(ok("level: 99.999"));
  CHECK(message("level: 100") == "must be in [0, 100) (got 100)");
  CHECK(message("level: -0.5") == "must be in [0, 100) (got -0.5)");
  CHECK(ok("power: 500 kW"));
  CHECK(ok("power: 0.5 MW"));
  CHECK(message("power: 600 kW") == "must be in [0, 500] kW (got 600 kW)");
  CHECK(message("power: 0.6 MW") == "must be in [0, 500] kW (got '0.6 MW' = 600 kW)");
  CHECK(message("temp: 140 degF") == "must be in [10, 45] degC (got '140 degF' = 60 degC)");
  CHECK(ok("temp: 305 K"));
  CHECK(message("count: 0") == "must be > 0 (got 0)");
  CHECK(message("count: 2.5") == "expected an integer, found '2.5'");
}

TEST_CASE("enumerations, booleans and unknown keys suggest the closest valid word", "[schema]") {
  const InputErrors e = errors_of("name: a\n"
                                  "cooling:\n"
                                  "  liquid: {pumps: [{flow: 1 L/s}]}\n"
                                  "  chiller: {type: dry_cooler, fan_power: 2, aproach: 3 K}\n"
                                  "  economizer:\n"
                                  "    enabled: maybe\n"
                                  "    mode: waterside_\n",
                                  demo_schema());
  REQUIRE(e.size() == 3);
  check_at(e[0], {4, 45, "cooling.chiller.aproach"});
  CHECK(e[0].hint == "did you mean 'approach'?");
  check_at(e[1], {6, 14, "cooling.economizer.enabled"});
  CHECK(e[1].message == "expected true or false, found 'maybe'");
  check_at(e[2], {7, 11, "cooling.economizer.mode"});
  CHECK(e[2].message == "unknown value 'waterside_': expected one of waterside, airside");
  CHECK(e[2].hint == "did you mean 'waterside'?");
}

TEST_CASE("cross-field checks report at the right key, only when the keys are valid", "[schema]") {
  const std::string text = "name: a\n"
                           "cooling:\n"
                           "  liquid:\n"
                           "    return_temp: 40 degC\n"
                           "    supply_temp: 42 degC\n"
                           "    pumps: [{flow: 1 L/s}]\n"
                           "  chiller: {type: dry_cooler, fan_power: 2}\n";
  const InputErrors e = errors_of(text, demo_schema());
  REQUIRE(e.size() == 1);
  check_at(e[0], {5, 18, "cooling.liquid.supply_temp"});
  CHECK(e[0].message == "must be below return_temp (42 degC >= 40 degC)");
  // With a key already invalid, the check does not run on half-read data.
  std::string bad = text;
  bad.replace(bad.find("40 degC"), 7, "40 kW");
  const InputErrors e2 = errors_of(bad, demo_schema());
  REQUIRE(e2.size() == 1);
  CHECK_THAT(e2[0].message, Contains("unit of power"));
}

TEST_CASE("an invalid schema default is reported at the mapping that lacked the key", "[schema]") {
  Schema inner;
  inner.field("id", Type::string());  // required, so the default "{}" is incomplete
  Schema s;
  s.field("name", Type::string());
  s.field("extra", Type::mapping(inner)).def("{}");
  const InputErrors e = errors_of("name: a\n", s);
  REQUIRE(e.size() == 1);
  CHECK(e[0].line == 1);
  CHECK(e[0].path == "extra");
  CHECK_THAT(e[0].message, Contains("missing required key 'id'"));
  CHECK_THAT(e[0].message, Contains("in the default value of extra"));
}

TEST_CASE("the registry builds by type and locates constructor errors", "[schema][registry]") {
  // Each factory returns the rated electric input power in W: capacity / COP for the chiller, the
  // fan power for the dry cooler.
  Registry<double> heat_rejection;
  heat_rejection.add("electric_eir", eir_schema(), [](const Reader& r) {
    const double cop = r.number("cop");
    dcsim::require(cop < 20.0, "cop", "must be below 20 for a vapour-compression chiller (got {})", cop);
    return r.quantity("capacity") / cop;
  });
  heat_rejection.add("dry_cooler", dry_schema(), [](const Reader& r) { return r.quantity("fan_power"); });
  CHECK_THROWS_AS(heat_rejection.add("dry_cooler", dry_schema(), nullptr), std::logic_error);
  CHECK(heat_rejection.names() == std::vector<std::string>{"electric_eir", "dry_cooler"});

  Schema s;
  s.field("units", Type::list(heat_rejection.type())).min_items(1);
  YamlDocument doc = YamlDocument::from_string("units:\n"
                                               "  - {type: electric_eir, capacity: 500, cop: 5}\n"
                                               "  - {type: dry_cooler, fan_power: 12 kW}\n"
                                               "  - type: electric_eir\n"
                                               "    capacity: 1 MW\n"
                                               "    cop: 25\n",
                                               "s.yaml");
  const Reader root = load(doc, s);
  const auto units = root.list("units");
  CHECK(heat_rejection.make(units[0]) == 100e3);  // 500 kW / 5
  CHECK(heat_rejection.make(units[1]) == 12e3);
  try {
    heat_rejection.make(units[2]);
    FAIL("no exception");
  } catch (const InputException& ex) {
    const InputError& e = ex.errors()[0];
    check_at(e, {6, 10, "units[2].cop"});
    CHECK(e.message == "cop must be below 20 for a vapour-compression chiller (got 25)");
  }
  const InputErrors e = errors_of("units: [{type: dry_coler}]\n", s);
  REQUIRE(e.size() == 1);
  CHECK(e[0].hint == "did you mean 'dry_cooler'?");
}

namespace {
void for_each_field(const Schema& s, const std::function<void(const Field&)>& fn) {
  for (const Field& f : s.fields()) {
    fn(f);
    const Type* t = &f.type();
    while (t->kind == Kind::list) t = t->item.get();
    if (t->kind == Kind::mapping) for_each_field(*t->schema, fn);
    for (const Variant& v : t->variants) for_each_field(*v.schema, fn);
  }
}
}  // namespace

TEST_CASE("the Markdown reference documents every key", "[schema][docs]") {
  const Schema schema = demo_schema();
  const std::string md = markdown_reference(schema, "Demo keys");
  CHECK_THAT(md, StartsWith("# Demo keys\n"));
  int fields = 0;
  for_each_field(schema, [&](const Field& f) {
    ++fields;
    INFO(f.name());
    CHECK_THAT(md, Contains(fmt::format("| `{}` | ", f.name())));
    CHECK_THAT(md, Contains(f.doc_text()));
  });
  CHECK(fields == 20);
  CHECK_THAT(md, Contains("| `supply_temp` | temperature (degC) | `32 degC` | in [10, 45] degC | Coolant supply temperature. |"));
  CHECK_THAT(md, Contains("| `efficiency` | number | `0.7` | in (0, 1] | Wire-to-water efficiency. |"));
  CHECK_THAT(md, Contains("| `capacity` | power (kW) | **required** | > 0 kW | Rated cooling capacity. |"));
  CHECK_THAT(md, Contains("| `pumps` | list of mapping | **required** | at least 1 item | Pumps in parallel. |"));
  CHECK_THAT(md, Contains("| `setpoints` | list of temperature (degC) | optional | in [10, 40] degC |"));
  CHECK_THAT(md, Contains("## `cooling.liquid.pumps[]`\n\nA circulation pump."));
  CHECK_THAT(md, Contains("## `cooling.chiller` with type: dry_cooler"));
  CHECK_THAT(md, Contains("| volume flow | m3/s | m3/s, m3/h, L/s, L/min, gpm |"));
}

TEST_CASE("the JSON Schema is valid draft 2020-12 and accepts what the loader accepts", "[schema][docs]") {
  const Schema schema = demo_schema();
  const std::string json = json_schema(schema, "Demo");
  for_each_field(schema, [&](const Field& f) { CHECK_THAT(json, Contains(fmt::format("\"{}\": {{", f.name()))); });
  const std::string python = DCSIM_PYTHON;
  if (python.empty()) {
    WARN("no Python interpreter configured; JSON Schema checked by content only");
    return;
  }
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / fmt::format("dcsim_test_schema_{}", ::getpid());
  fs::create_directories(dir);
  std::ofstream(dir / "schema.json") << json;
  std::ofstream(dir / "good.yaml") << kValid;
  std::ofstream(dir / "bad.yaml") << "name: test\n"
                                     "cooling:\n"
                                     "  liquid:\n"
                                     "    supply_tmp: 30 degC\n"
                                     "    pumps:\n"
                                     "      - flow: 12 kW\n"
                                     "        efficiency: 1.3\n"
                                     "  chiller:\n"
                                     "    type: electric_eri\n";
  // jsonschema is the reference validator; PyYAML reads the files as an editor's YAML server would.
  std::ofstream(dir / "check.py") << R"(import json, sys, re, yaml, jsonschema
d = sys.argv[1]
schema = json.load(open(d + "/schema.json"))
jsonschema.Draft202012Validator.check_schema(schema)
v = jsonschema.Draft202012Validator(schema)
good = list(v.iter_errors(yaml.safe_load(open(d + "/good.yaml"))))
assert not good, [e.message for e in good]
bad = {".".join(str(p) for p in e.absolute_path) for e in v.iter_errors(yaml.safe_load(open(d + "/bad.yaml")))}
expected = {"cooling.liquid", "cooling.liquid.pumps.0.flow", "cooling.liquid.pumps.0.efficiency", "cooling.chiller.type"}
assert expected <= bad, bad
pump = schema["properties"]["cooling"]["properties"]["liquid"]["properties"]["pumps"]["items"]["properties"]
assert pump["efficiency"]["exclusiveMinimum"] == 0 and pump["efficiency"]["maximum"] == 1
assert pump["efficiency"]["default"] == 0.7
flow = pump["flow"]["anyOf"][1]["pattern"]
assert re.match(flow, "10 L/s") and re.match(flow, "1.5e-3 m3/s") and not re.match(flow, "12 kW")
cap = schema["properties"]["cooling"]["properties"]["chiller"]["allOf"][0]["then"]["properties"]["capacity"]
assert cap["anyOf"][0]["exclusiveMinimum"] == 0
)";
  const std::string cmd = fmt::format("\"{}\" \"{}\" \"{}\"", python, (dir / "check.py").string(), dir.string());
  CHECK(std::system(cmd.c_str()) == 0);
  fs::remove_all(dir);
}
