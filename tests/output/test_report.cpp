// The JSON summary must be valid JSON with the same figures as the terminal table.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>

#include "output/report.hpp"

using namespace dcsim::output;

TEST_CASE("report: JSON quoting escapes control characters and quotes", "[report]") {
  CHECK(json_quote("a\"b\\c\n") == "\"a\\\"b\\\\c\\n\"");
  CHECK(json_quote(std::string("x\x01y")) == "\"x\\u0001y\"");
  CHECK(json_number(std::nan("")) == "null");
  CHECK(json_number(1.5) == "1.5");
}

TEST_CASE("report: JSON summary parses with Python and carries every metric", "[report]") {
  RunReport r;
  r.scenario_name = "t\"est";
  r.site = "reykjavik";
  r.period = "2025-01-01 + 365 d";
  r.context.push_back({"baseline", "PUE 1.57 on 373 g/kWh"});
  r.summary.add("pue", 1.15, "1", "power usage effectiveness");
  r.summary.add("it_energy_kwh", 3.5e7, "kWh", "IT energy");
  r.summary.add("erf", 0.0, "1", "energy reuse factor", false);
  r.warnings.push_back("12.0 h outside the allowable envelope");
  const std::string json = format_json(r);
  const std::string term = format_terminal(r);
  CHECK(term.find("1.150") != std::string::npos);
  CHECK(term.find("n/a") != std::string::npos);
  CHECK(term.find("warning: 12.0 h") != std::string::npos);
  const std::string py = DCSIM_PYTHON;
  if (py.empty()) return;
  const std::string path = "test_report_summary.json";
  std::ofstream(path) << json;
  const std::string cmd = py + " -c \"import json,sys; d=json.load(open('" + path +
                          "')); assert d['metrics']['pue']['value']==1.15; assert d['metrics']['erf']['defined'] is False; "
                          "assert d['scenario']=='t\\\"est'\"";
  CHECK(std::system(cmd.c_str()) == 0);
  std::remove(path.c_str());
}
