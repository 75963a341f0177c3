// CTest (catch_discover_tests) splits test names at ';': a TEST_CASE whose name holds one is
// registered under a name that matches nothing, runs no assertion and still "passes". Guard the
// whole suite against it.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <regex>
#include <string>

TEST_CASE("suite: no test case name contains a semicolon", "[suite]") {
  namespace fs = std::filesystem;
  const std::regex test_case(R"re(TEST_CASE\s*\(\s*"([^"]*)")re");
  int files = 0;
  for (const auto& e : fs::recursive_directory_iterator(fs::path(DCSIM_SOURCE_DIR) / "tests")) {
    if (e.path().extension() != ".cpp") continue;
    ++files;
    std::ifstream in(e.path());
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    for (std::sregex_iterator m(text.begin(), text.end(), test_case), end; m != end; ++m) {
      const std::string name = (*m)[1];
      INFO(e.path().filename().string() << ": \"" << name << "\"");
      CHECK(name.find(';') == std::string::npos);
    }
  }
  CHECK(files > 10);
}
