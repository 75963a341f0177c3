// Rack groups without copy-paste: `copies: N` with a name pattern, `it.templates` and `extends`
// (app/group_templates.hpp). Copies and templates must give exactly what the groups written out by
// hand give, seeds included; their errors point at the file.
#include <catch2/catch.hpp>

#include <fstream>
#include <string>
#include <vector>

#include "app/input_error.hpp"
#include "app/run.hpp"
#include "app/scenario.hpp"
#include "tests/support/run_process.hpp"

using namespace dcsim;
using Catch::Matchers::Contains;

namespace {

// tests/data/valid/small.yaml with its `it:` section replaced by `it_section`.
std::string with_it(const std::string& it_section) {
  const std::string text = test::slurp(std::string(DCSIM_SOURCE_DIR) + "/tests/data/valid/small.yaml");
  const std::size_t begin = text.find("it:\n"), end = text.find("cooling:\n");
  REQUIRE(begin != std::string::npos);
  REQUIRE(end != std::string::npos);
  return text.substr(0, begin) + it_section + text.substr(end);
}

app::Scenario load(const std::string& text, const std::vector<std::string>& sets = {}) {
  return app::load_scenario_text(text, "t.yaml", std::string(DCSIM_SOURCE_DIR) + "/tests/data/valid", sets);
}

std::vector<std::string> group_names(const app::Scenario& sc) {
  std::vector<std::string> out;
  for (const auto& g : sc.facility.groups) out.push_back(g.name);
  return out;
}

// The errors of loading `text`, formatted; empty if it loads.
std::string load_errors(const std::string& text, const std::vector<std::string>& sets = {}) {
  try {
    load(text, sets);
  } catch (const app::InputException& e) {
    return e.what();
  }
  return {};
}

// Three noisy GPU groups and a storage group: with copies and a template, and written out.
const std::string kCopies =
    "it:\n"
    "  templates:\n"
    "    gpu:\n"
    "      count: 4\n"
    "      idle_power: 5 kW\n"
    "      peak_power: 20 kW\n"
    "      liquid_share: 80 %\n"
    "      utilization: {type: constant, value: 70 %, noise: {sigma: 0.2, interval: 1 h}}\n"
    "      embodied: {servers_per_rack: 4, act: {packages: [{die_area: 8 cm2, count: 8}], dram: 1024}}\n"
    "  groups:\n"
    "    - {name: \"gpu-{n}\", copies: 3, extends: gpu}\n"
    "    - {name: storage, count: 2, idle_power: 2 kW, peak_power: 6 kW,\n"
    "       utilization: {type: constant, value: 50 %, noise: {sigma: 0.2, interval: 1 h}}}\n";

std::string written_out() {
  std::string it = "it:\n  groups:\n";
  for (int n = 1; n <= 3; ++n) {
    it += "    - {name: gpu-" + std::to_string(n) +
          ", count: 4, idle_power: 5 kW, peak_power: 20 kW, liquid_share: 80 %,\n"
          "       utilization: {type: constant, value: 70 %, noise: {sigma: 0.2, interval: 1 h}},\n"
          "       embodied: {servers_per_rack: 4, act: {packages: [{die_area: 8 cm2, count: 8}], dram: 1024}}}\n";
  }
  it += "    - {name: storage, count: 2, idle_power: 2 kW, peak_power: 6 kW,\n"
        "       utilization: {type: constant, value: 50 %, noise: {sigma: 0.2, interval: 1 h}}}\n";
  return it;
}

}  // namespace

TEST_CASE("group copies: one entry expands to N uniquely named groups", "[copies]") {
  const app::Scenario sc = load(with_it("it:\n  groups:\n"
                                        "    - {name: \"rack-{n:02}\", copies: 12, count: 2, idle_power: 5 kW, peak_power: 20 kW, liquid_share: 80 %}\n"
                                        "    - {name: \"row{n}-b\", copies: 2, count: 1, idle_power: 2 kW, peak_power: 6 kW}\n"
                                        "    - {name: \"single-{n}\", count: 1, idle_power: 2 kW, peak_power: 6 kW}\n"));
  const std::vector<std::string> names = group_names(sc);
  REQUIRE(names.size() == 15);
  CHECK(names[0] == "rack-01");
  CHECK(names[8] == "rack-09");
  CHECK(names[11] == "rack-12");
  CHECK(names[12] == "row1-b");
  CHECK(names[13] == "row2-b");
  CHECK(names[14] == "single-1");
  REQUIRE(sc.carbon.size() == 15);
  CHECK(sc.carbon[11].group == "rack-12");
  for (std::size_t i = 0; i < 12; ++i) CHECK(sc.facility.groups[i].rack.rack_count == 2);
}

TEST_CASE("group copies: copies and a template give bit-identical results to the groups written out", "[copies]") {
  const std::vector<std::string> two_days = {"period.length=2 d", "period.record_interval=15 min"};
  const app::Scenario copies = load(with_it(kCopies), two_days);
  const app::Scenario by_hand = load(with_it(written_out()), two_days);
  REQUIRE(group_names(copies) == group_names(by_hand));
  // Each copy draws its own load noise, seeded by its place among the groups as if written out.
  for (std::size_t i = 0; i < copies.facility.groups.size(); ++i) {
    CHECK(copies.facility.groups[i].utilization.noise.seed == by_hand.facility.groups[i].utilization.noise.seed);
  }
  CHECK(copies.facility.groups[0].utilization.noise.seed != copies.facility.groups[1].utilization.noise.seed);
  const app::RunOutcome a = app::run_scenario(copies);
  const app::RunOutcome b = app::run_scenario(by_hand);
  REQUIRE(a.summary.metrics().size() == b.summary.metrics().size());
  for (std::size_t i = 0; i < a.summary.metrics().size(); ++i) {
    const auto& ma = a.summary.metrics()[i];
    INFO(ma.name);
    CHECK(ma.name == b.summary.metrics()[i].name);
    CHECK(ma.value == b.summary.metrics()[i].value);  // bit for bit
  }
  CHECK(a.summary.value("it_energy_kwh") > 0);
}

TEST_CASE("group templates: extends merges mappings key by key, the group's own keys win", "[templates]") {
  const app::Scenario sc = load(with_it(
      "it:\n"
      "  templates:\n"
      "    rack:\n"
      "      count: 4\n"
      "      idle_power: 5 kW\n"
      "      peak_power: 20 kW\n"
      "      liquid_share: 80 %\n"
      "      utilization: {type: daily, values: [0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.6, 0.7, 0.8, 0.8, 0.8, 0.8,\n"
      "                                          0.8, 0.8, 0.8, 0.8, 0.8, 0.7, 0.7, 0.6, 0.6, 0.6, 0.5, 0.5]}\n"
      "      power_curve: {type: table, points: [{utilization: 0, fraction: 0}, {utilization: 0.5, fraction: 0.7},\n"
      "                                          {utilization: 1, fraction: 1}]}\n"
      "      embodied: {per_server: 100 kg, servers_per_rack: 2}\n"
      "  groups:\n"
      "    - {name: plain, extends: rack}\n"
      "    - name: tuned\n"
      "      extends: rack\n"
      "      peak_power: 30 kW\n"
      "      utilization: {type: constant, value: 40 %}\n"
      "      power_curve: {points: [{utilization: 0, fraction: 0}, {utilization: 1, fraction: 1}]}\n"
      "      embodied: {lifetime: 6 y}\n"));
  REQUIRE(sc.facility.groups.size() == 2);
  const auto& plain = sc.facility.groups[0];
  const auto& tuned = sc.facility.groups[1];
  CHECK(plain.rack.peak_power_w == 20e3);
  CHECK(plain.rack.table.size() == 3);
  CHECK(plain.utilization.hourly.size() == 24);
  CHECK(tuned.rack.rack_count == 4);         // from the template
  CHECK(tuned.rack.peak_power_w == 30e3);    // the group's own
  CHECK(tuned.rack.table.size() == 2);       // a list is replaced, not merged
  CHECK(tuned.utilization.hourly.empty());   // another `type`: the group's mapping replaces the template's
  CHECK(tuned.utilization.constant == Approx(0.4));
  REQUIRE(sc.carbon[1].embodied);
  CHECK(*sc.carbon[1].embodied->per_server_kg == 100);       // merged: the template's per_server
  CHECK(sc.carbon[1].embodied->lifetime_years == Approx(6));  // and the group's lifetime
  CHECK(sc.carbon[1].servers_per_rack == 2);
  CHECK(sc.carbon[0].embodied->lifetime_years == Approx(4));  // the other group keeps the default
  // The scenario as run holds the merged groups and no templates: it loads on its own to the same.
  CHECK(sc.as_run_yaml.find("templates") == std::string::npos);
  CHECK(sc.as_run_yaml.find("extends") == std::string::npos);
  CHECK(sc.as_run_yaml.find('&') == std::string::npos);  // no YAML anchors: nothing shared between groups
  const app::Scenario again = load(sc.as_run_yaml);
  CHECK(again.facility.groups[1].rack.peak_power_w == 30e3);
  CHECK(*again.carbon[1].embodied->per_server_kg == 100);
}

TEST_CASE("group copies: --set addresses the entries as written, before the copies expand", "[copies][set]") {
  const std::string text = with_it(kCopies);
  const app::Scenario sc = load(text, {"it.groups[0].count=6", "it.groups[0].embodied.lifetime=5 y"});
  REQUIRE(sc.facility.groups.size() == 4);
  for (std::size_t i = 0; i < 3; ++i) {
    CHECK(sc.facility.groups[i].rack.rack_count == 6);
    REQUIRE(sc.carbon[i].embodied);
    CHECK(sc.carbon[i].embodied->lifetime_years == Approx(5));  // the override's
    CHECK(sc.carbon[i].servers_per_rack == 4);                  // merged with the template's embodied
  }
  CHECK(sc.facility.groups[3].rack.rack_count == 2);  // it.groups[1] is storage, the second entry
  CHECK(load(text, {"it.groups[0].copies=5"}).facility.groups.size() == 6);
  // There are two entries, whatever they expand to.
  CHECK_THAT(load_errors(text, {"it.groups[3].count=1"}), Contains("index 3 is out of range: 'it.groups' has 2 items"));
  CHECK_THAT(load_errors(text, {"it.templates.gpu.count=1"}), Contains("'it.templates' holds names the file chooses, which --set cannot reach into"));
}

TEST_CASE("group copies: input errors exit 2 at file:line with the key path", "[copies][templates][input]") {
  test::TempDir t("copies");
  auto check = [&](const std::string& it_section, const std::string& where, const std::string& what) {
    const std::string file = t / "s.yaml";
    std::ofstream(file) << with_it(it_section);
    const test::Outcome o = test::run_dcsim({"validate", file}, t.path);
    INFO(o.err);
    CHECK(o.status == 2);
    CHECK_THAT(o.err, Contains(file + ":" + where));
    CHECK_THAT(o.err, Contains(what));
  };
  // small.yaml's `it:` is on line 13.
  check("it:\n  groups:\n    - {name: \"a-{n}\", copies: 0, count: 2, idle_power: 5 kW, peak_power: 20 kW}\n",
        "15:31: error: it.groups[0].copies: must be in [1, 1000] (got 0)", "");
  check("it:\n  groups:\n    - {name: a, copies: 3, count: 2, idle_power: 5 kW, peak_power: 20 kW}\n",
        "15:14: error: it.groups[0].name: 'a' would name all 3 copies alike", "put {n}");
  check("it:\n  groups:\n    - {name: \"a-{m}\", copies: 3, count: 2, idle_power: 5 kW, peak_power: 20 kW}\n",
        "15:14: error: it.groups[0].name: '{m}' in the name is not a copy placeholder", "");
  check("it:\n  templates:\n    rack: {count: 2, idle_power: 5 kW, peak_power: 20 kW}\n"
        "  groups:\n    - {name: a, extends: rakc}\n",
        "17:26: error: it.groups[0].extends: names no template: 'rakc'", "did you mean 'rack'?");
  check("it:\n  templates:\n    rack: {name: r, count: 2, idle_power: 5 kW, peak_power: 20 kW}\n"
        "  groups:\n    - {name: a, extends: rack}\n",
        "15:12: error: it.templates.rack.name: 'name' belongs to a group, not to a template", "");
  // A bad value a template gives: at the template's line, under the group's key path, naming the
  // template; the same error of two groups shown once.
  check("it:\n  templates:\n    rack:\n      count: 2\n      idle_power: 5 kW\n      peak_power: -20 kW\n"
        "  groups:\n    - {name: \"a-{n}\", extends: rack, copies: 2}\n    - {name: b, extends: rack}\n",
        "18:19: error: it.groups[0].peak_power: must be > 0 kW (got -20 kW) (from template 'rack': it.templates.rack.peak_power); "
        "the same in 1 more group", "");
  check("it:\n  templates:\n    rack: {count: 2, idle_power: 5 kW, peak_power: 20 kW, embodied: {per_server: 0 kg}}\n"
        "  groups:\n    - {name: a, extends: rack, embodied: {lifetime: 5 y}}\n",
        "15:", "error: it.groups[0].embodied.per_server: must be > 0 kg (got 0 kg) (from template 'rack': it.templates.rack.embodied.per_server)");
}

TEST_CASE("group templates: a template value under a mapping --set created keeps its file position", "[templates][set]") {
  const std::string text = with_it("it:\n  templates:\n    rack: {count: 2, idle_power: 5 kW, peak_power: 20 kW, "
                                   "embodied: {per_server: 0 kg}}\n  groups:\n    - {name: a, extends: rack}\n");
  const std::string e = load_errors(text, {"it.groups[0].embodied.lifetime=5 y"});
  CHECK_THAT(e, Contains("t.yaml:15:"));
  CHECK_THAT(e, Contains("it.groups[0].embodied.per_server: must be > 0 kg"));
}

TEST_CASE("group copies: YAML aliases share values but not whole groups", "[copies][alias]") {
  const app::Scenario sc = load(with_it("it:\n  groups:\n"
                                        "    - {name: a, count: 2, idle_power: 5 kW, peak_power: 20 kW, liquid_share: 80 %, embodied: &e {per_server: 90 kg}}\n"
                                        "    - {name: b, count: 3, idle_power: 5 kW, peak_power: 20 kW, embodied: *e}\n"));
  CHECK(*sc.carbon[1].embodied->per_server_kg == 90);
  // An alias of a whole group repeats its name.
  CHECK_THAT(load_errors(with_it("it:\n  groups:\n    - &g {name: a, count: 2, idle_power: 5 kW, peak_power: 20 kW}\n    - *g\n")),
             Contains("group name 'a' used twice"));
}

TEST_CASE("group copies: the groups copies make are bounded", "[copies][input]") {
  std::string it = "it:\n  groups:\n";
  for (int k = 0; k < 11; ++k) {
    it += "    - {name: \"g" + std::to_string(k) + "-{n}\", copies: 1000, count: 1, idle_power: 1 kW, peak_power: 2 kW, liquid_share: 50 %}\n";
  }
  CHECK_THAT(load_errors(with_it(it)), Contains("t.yaml:25:33: error: it.groups[10].copies: makes 11000 rack groups, more than the 10000"));
}

TEST_CASE("group templates: past the re-parse budget, uses share the template's nodes to the same result", "[templates]") {
  std::string it = "it:\n  templates:\n    rack: {count: 2, idle_power: 5 kW, peak_power: 20 kW, liquid_share: 80 %, embodied: {per_server: 90 kg}}\n"
                   "  groups:\n";
  for (int k = 0; k < 12; ++k) it += "    - {name: r" + std::to_string(k) + ", extends: rack, embodied: {lifetime: " + std::to_string(k + 1) + " y}}\n";
  // One MiB of comment: the eighth use of the template passes the 8 MiB of parsing.
  const std::string text = "# " + std::string(1u << 20, 'x') + "\n" + with_it(it);
  const app::Scenario sc = load(text);
  REQUIRE(sc.carbon.size() == 12);
  for (std::size_t k = 0; k < 12; ++k) {
    CHECK(*sc.carbon[k].embodied->per_server_kg == 90);
    CHECK(sc.carbon[k].embodied->lifetime_years == Approx(k + 1.0));
    CHECK(sc.facility.groups[k].rack.peak_power_w == 20e3);
  }
  CHECK(sc.as_run_yaml.find('&') != std::string::npos);  // shared nodes, written as anchors
}
