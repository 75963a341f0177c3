#include "app/cli.hpp"

#include <cstring>
#include <exception>

#include <fmt/format.h>

#include "sim/version.hpp"

namespace dcsim::app {

int main_cli(int argc, char** argv) {
  try {
    if (argc >= 2 && (std::strcmp(argv[1], "--version") == 0)) {
      fmt::print("dcsim {} ({})\n", kVersion, kGitDescribe);
      return 0;
    }
    fmt::print(stderr, "usage: dcsim --version\n");
    return 2;
  } catch (const std::exception& e) {
    fmt::print(stderr, "dcsim: internal error: {}\n", e.what());
    return 1;
  }
}

}  // namespace dcsim::app
