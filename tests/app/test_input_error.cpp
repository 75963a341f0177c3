// Located input errors: positions, snippets with carets, suggestions, and clean failure on files
// that are missing, empty, binary or malformed.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include "app/input_error.hpp"
#include "app/yaml_document.hpp"

using namespace dcsim::app;
using Catch::Matchers::Contains;
using Catch::Matchers::StartsWith;

namespace {
InputError load_error(const std::string& text) {
  try {
    YamlDocument::from_string(text, "in.yaml");
  } catch (const InputException& e) {
    REQUIRE(e.errors().size() == 1);
    return e.errors()[0];
  }
  FAIL("no error for the input");
  return {};
}
}  // namespace

TEST_CASE("an error is formatted as file:line:col with a snippet and a caret", "[input_error]") {
  //                     col: 123456789012345678
  const std::string text = "name: demo\n"
                           "cooling:\n"
                           "  supply_temp: abc\n";
  YamlDocument doc = YamlDocument::from_string(text, "scenario.yaml");
  const YAML::Node value = doc.root()["cooling"]["supply_temp"];
  InputError e = doc.error_at(value, "cooling.supply_temp", "expected a temperature, found 'abc'",
                              "did you mean '32 degC'?");
  CHECK(e.line == 3);
  CHECK(e.column == 16);
  const std::string s = e.format();
  CHECK_THAT(s, StartsWith("scenario.yaml:3:16: error: cooling.supply_temp: expected a temperature, found 'abc'\n"));
  CHECK_THAT(s, Contains(" 2 | cooling:\n"));
  CHECK_THAT(s, Contains(" 3 |   supply_temp: abc\n"));
  // The caret sits under column 16: the bar and its space, then 15 spaces.
  CHECK_THAT(s, Contains("   | " + std::string(15, ' ') + "^\n"));
  CHECK_THAT(s, Contains("hint: did you mean '32 degC'?"));
}

TEST_CASE("an error about a value from --set names the override instead of a position", "[input_error]") {
  InputError e;
  e.file = "scenario.yaml";
  e.origin = "--set cooling.supply_temp=abc";
  e.path = "cooling.supply_temp";
  e.message = "expected a temperature";
  CHECK(e.format() == "--set cooling.supply_temp=abc: error: cooling.supply_temp: expected a temperature\n");
}

TEST_CASE("several errors are reported together with a count", "[input_error]") {
  InputErrors errors;
  CHECK_NOTHROW(errors.throw_if_any());
  auto error = [](int line, int column, std::string message) {
    InputError e;
    e.file = "a.yaml";
    e.line = line;
    e.column = column;
    e.message = std::move(message);
    return e;
  };
  errors.add(error(1, 1, "first"));
  errors.add(error(4, 2, "second"));
  try {
    errors.throw_if_any();
    FAIL("no exception");
  } catch (const InputException& ex) {
    CHECK(ex.errors().size() == 2);
    const std::string what = ex.what();
    CHECK_THAT(what, Contains("a.yaml:1:1: error: first"));
    CHECK_THAT(what, Contains("a.yaml:4:2: error: second"));
    CHECK_THAT(what, Contains("2 errors"));
    CHECK(what.find("first") < what.find("second"));
  }
}

TEST_CASE("edit distance and did-you-mean", "[input_error]") {
  CHECK(edit_distance("supply_tmp", "supply_temp") == 1);   // one deletion
  CHECK(edit_distance("suppyl_temp", "supply_temp") == 1);  // one transposition
  CHECK(edit_distance("KW", "kW") == 0);                    // case is not a typo
  CHECK(edit_distance("kitten", "sitting") == 3);           // the textbook case
  const std::vector<std::string> keys = {"supply_temp", "return_temp", "pumps"};
  CHECK(closest_match("suply_temp", keys) == "supply_temp");
  CHECK(closest_match("pump", keys) == "pumps");
  CHECK(closest_match("weather", keys).empty());
  CHECK(suggestion("retrun_temp", keys) == "did you mean 'return_temp'?");
  CHECK(suggestion("zzz", keys, "valid keys") == "valid keys: supply_temp, return_temp, pumps");
}

TEST_CASE("malformed YAML is reported at the parser's position", "[input_error]") {
  // Line 3 is indented one column deeper than its sibling: yaml-cpp stops at its ':' (column 5).
  const InputError e = load_error("a:\n  b: 1\n   c: 2\n");
  CHECK(e.file == "in.yaml");
  CHECK(e.line == 3);
  CHECK(e.column == 5);
  CHECK_THAT(e.message, StartsWith("malformed YAML"));
  CHECK_THAT(e.format(), Contains(" 3 |    c: 2\n"));
  // An unterminated flow sequence ends the file.
  CHECK(load_error("x: 1\ny: [1, 2\n").line >= 2);
}

TEST_CASE("empty files are a clean error", "[input_error]") {
  for (const char* text : {"", "\n\n", "# only a comment\n", "---\n"}) {
    const InputError e = load_error(text);
    CHECK_THAT(e.message, Contains("empty"));
    CHECK(e.line == 1);
  }
}

TEST_CASE("binary content is a clean error at the first bad byte", "[input_error]") {
  const InputError nul = load_error(std::string("name: x\nab\0cd\n", 14));
  CHECK_THAT(nul.message, Contains("NUL"));
  CHECK(nul.line == 2);
  CHECK(nul.column == 3);
  const InputError bad = load_error("name: caf\xe9\n");  // Latin-1, not UTF-8
  CHECK_THAT(bad.message, Contains("invalid UTF-8"));
  CHECK(bad.line == 1);
  CHECK(bad.column == 10);
  CHECK_THAT(load_error("a: \xc0\xaf\n").message, Contains("UTF-8"));  // overlong encoding of '/'
  CHECK_THAT(load_error("a: \xed\xa0\x80\n").message, Contains("UTF-8"));  // a UTF-16 surrogate
  // Random bytes never escape as anything but an InputException.
  std::string junk;
  for (int i = 0; i < 4096; ++i) junk += static_cast<char>((i * 7919 + 13) % 256);
  CHECK_THROWS_AS(YamlDocument::from_string(junk), InputException);
  // Printable junk full of YAML indicators either parses or fails cleanly.
  const std::string indicators = "{}[]:,&*!|>'\"%@`#- \n\tab1";
  for (int round = 0; round < 50; ++round) {
    std::string text;
    for (int i = 0; i < 200; ++i) text += indicators[(i * 31 + round * 17 + i * i * 7) % indicators.size()];
    try {
      YamlDocument::from_string(text);
    } catch (const InputException& e) {
      CHECK(e.errors().size() == 1);
    }
  }
  // Nesting deep enough to overflow a recursive parser's stack is refused, not a crash.
  const InputError deep = load_error("a: " + std::string(100000, '['));
  CHECK_THAT(deep.message, StartsWith("malformed YAML"));
}

TEST_CASE("valid UTF-8 text loads", "[input_error]") {
  YamlDocument doc = YamlDocument::from_string("site: Z\xc3\xbcrich\ntemp: 20 \xc2\xb0" "C\n");
  CHECK(doc.root()["site"].as<std::string>() == "Z\xc3\xbcrich");
}

TEST_CASE("a missing file is a clean error naming it", "[input_error]") {
  try {
    YamlDocument::load_file("/nonexistent/dir/scenario.yaml");
    FAIL("no exception");
  } catch (const InputException& e) {
    CHECK_THAT(e.what(), StartsWith("/nonexistent/dir/scenario.yaml: error: cannot open"));
  }
  const auto path = std::filesystem::temp_directory_path() / "dcsim_test_input_error.yaml";
  std::ofstream(path) << "name: from a file\n";
  CHECK(YamlDocument::load_file(path.string()).root()["name"].as<std::string>() == "from a file");
  std::filesystem::remove(path);
}
