// Exit codes (docs/robustness.md, class 9): bad input exits 2 with a message at the file, line or key;
// SIGINT/SIGTERM while `run` writes its results leave no hidden temporary.
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include <catch2/catch.hpp>

#include "output/h5_file.hpp"
#include "tests/support/run_process.hpp"

extern char** environ;

namespace fs = std::filesystem;
namespace h5 = dcsim::output::h5;
using Catch::Matchers::Contains;
using dcsim::test::Outcome;
using dcsim::test::run_dcsim;
using dcsim::test::slurp;
using dcsim::test::TempDir;

namespace {

const fs::path kSource = DCSIM_SOURCE_DIR;
const std::string kSmall = (kSource / "tests/data/valid/small.yaml").string();
const std::string kSweep = (kSource / "tests/data/sweep_small.sweep.yaml").string();

// A sweep of two one-day cases of small.yaml, in `t`.
std::string two_case_sweep(const TempDir& t) {
  std::ofstream(t / "two.sweep.yaml") << "base: " << kSmall << "\nset: {period.length: 1 d}\n"
                                      << "grid:\n  cooling.liquid.supply_temp: [30, 32]\n";
  return t / "two.sweep.yaml";
}

std::vector<std::string> hidden_files(const fs::path& dir) {
  std::vector<std::string> out;
  for (const auto& e : fs::directory_iterator(dir)) {
    if (e.path().filename().string().front() == '.') out.push_back(e.path().filename().string());
  }
  return out;
}

}  // namespace

TEST_CASE("exit codes: -j must be a number of workers from 1 to 1024", "[exit-codes]") {
  TempDir t("exit");
  for (const std::string j : {"-3", "0", "abc", "4294967293", "100000", ""}) {
    const Outcome o = run_dcsim({"sweep", kSweep, "-o", t / "x.h5", "-j", j}, t.path);
    INFO("-j '" << j << "'\n" << o.err);
    CHECK(o.status == 2);
    CHECK_THAT(o.err, Contains("-j"));
  }
  CHECK_FALSE(fs::exists(t / "x.h5.partial"));
}

TEST_CASE("exit codes: a directory as a base scenario exits 2 at the key", "[exit-codes]") {
  TempDir t("exit");
  std::ofstream(t / "dot.sweep.yaml") << "base: .\n";
  for (const char* cmd : {"validate", "sweep"}) {
    std::vector<std::string> args = {cmd, t / "dot.sweep.yaml"};
    if (std::string(cmd) == "sweep") args.insert(args.end(), {"-o", t / "x.h5"});
    const Outcome o = run_dcsim(args, t.path);
    INFO(o.err);
    CHECK(o.status == 2);
    CHECK_THAT(o.err, Contains("dot.sweep.yaml:1:7") && Contains("is a directory"));
  }
}

TEST_CASE("exit codes: a truncated .partial on --resume exits 2 and says how to start again", "[exit-codes]") {
  TempDir t("exit");
  const std::string sweep = two_case_sweep(t);
  const Outcome full = run_dcsim({"sweep", sweep, "-o", t / "whole.h5", "-j", "1", "--quiet"}, t.path);
  INFO(full.err);
  REQUIRE(full.status == 0);
  const std::string bytes = slurp(t / "whole.h5");
  for (const std::size_t keep : {bytes.size() / 2, std::size_t{100}, std::size_t{0}}) {
    std::ofstream(t / "cut.h5.partial", std::ios::binary) << bytes.substr(0, keep);
    const Outcome o = run_dcsim({"sweep", sweep, "-o", t / "cut.h5", "--resume", "--quiet"}, t.path);
    INFO(keep << " bytes kept\n" << o.err);
    CHECK(o.status == 2);
    CHECK_THAT(o.err, Contains("cut.h5.partial") && Contains("delete it to start again"));
    CHECK(slurp(t / "cut.h5.partial") == bytes.substr(0, keep));
    CHECK_FALSE(fs::exists(t / "cut.h5"));
  }
}

TEST_CASE("exit codes: a second YAML document or a YAML tag is an error at its line", "[exit-codes]") {
  TempDir t("exit");
  std::string text = slurp(kSmall);
  std::ofstream(t / "two-docs.yaml") << text << "---\nname: other\n";
  const int lines = static_cast<int>(std::count(text.begin(), text.end(), '\n'));
  const Outcome two = run_dcsim({"validate", t / "two-docs.yaml"}, t.path);
  INFO(two.err);
  CHECK(two.status == 2);
  CHECK_THAT(two.err, Contains(fmt::format("two-docs.yaml:{}:", lines + 1)) && Contains("second YAML document"));

  const auto at = text.find("seed: 7");
  REQUIRE(at != std::string::npos);
  for (const std::string tag : {"!!str", "!custom", "!!float"}) {
    std::string tagged = text;
    tagged.replace(at, 7, "seed: " + tag + " 7");
    std::ofstream(t / "tagged.yaml") << tagged;
    const Outcome o = run_dcsim({"validate", t / "tagged.yaml"}, t.path);
    INFO(tag << "\n" << o.err);
    CHECK(o.status == 2);
    CHECK_THAT(o.err, Contains("tagged.yaml:6:7") && Contains("tag '" + tag + "'"));
  }
}

TEST_CASE("exit codes: merge refuses a shard with a negative or inconsistent case count", "[exit-codes]") {
  TempDir t("exit");
  const std::string sweep = two_case_sweep(t);
  const Outcome full = run_dcsim({"sweep", sweep, "-o", t / "whole.h5", "-j", "1", "--quiet"}, t.path);
  INFO(full.err);
  REQUIRE(full.status == 0);
  for (const std::int64_t count : {std::int64_t{-1}, std::int64_t{-5000000000}, std::int64_t{7}}) {
    fs::copy_file(t / "whole.h5", t / "bad.h5", fs::copy_options::overwrite_existing);
    {
      H5::H5File f = h5::open_file(t / "bad.h5", true);
      h5::set_int64_attr(h5::open_group(f, "sweep"), "case_count", count);
    }
    const Outcome m = run_dcsim({"merge", t / "bad.h5", "-o", t / "merged.h5"}, t.path);
    INFO(count << "\n" << m.err);
    CHECK(m.status == 2);
    CHECK_THAT(m.err, Contains("bad.h5") && Contains("case_count"));
    CHECK_FALSE(fs::exists(t / "merged.h5"));
  }
}

TEST_CASE("exit codes: SIGINT or SIGTERM while run writes leaves no hidden temporary", "[exit-codes][atomic]") {
  for (const int sig : {SIGTERM, SIGINT}) {
    TempDir t("exit");
    const std::string target = t / "out.h5";
    std::vector<std::string> all = {DCSIM_BINARY, "run", kSmall, "-o", target, "--quiet", "--set", "period.length=120 d",
                                    "--set", "period.record_interval=1 min"};
    std::vector<char*> argv;
    for (auto& a : all) argv.push_back(a.data());
    argv.push_back(nullptr);
    // The child starts with the default disposition of both signals, whatever ours is (a shell's
    // background job ignores SIGINT).
    posix_spawnattr_t attr;
    posix_spawnattr_init(&attr);
    sigset_t def;
    sigemptyset(&def);
    sigaddset(&def, SIGINT);
    sigaddset(&def, SIGTERM);
    posix_spawnattr_setsigdefault(&attr, &def);
    posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGDEF);
    pid_t pid = -1;
    REQUIRE(posix_spawn(&pid, argv[0], nullptr, &attr, argv.data(), environ) == 0);
    posix_spawnattr_destroy(&attr);
    // Wait for the temporary (the write has begun), or for the end of the process.
    bool seen = false, ended = false;
    int status = 0;
    while (!seen && !ended) {
      seen = !hidden_files(t.path).empty();
      if (seen) ::kill(pid, sig);
      ended = !seen && ::waitpid(pid, &status, WNOHANG) == pid;
      if (!seen && !ended) std::this_thread::sleep_for(std::chrono::microseconds(200));
    }
    if (!ended) REQUIRE(::waitpid(pid, &status, 0) == pid);
    INFO("signal " << sig);
    if (!seen) WARN("the run ended before its temporary was seen: the signal was not sent");
    // Killed by the signal (the temporary removed) or, had it finished first, a complete file.
    if (WIFSIGNALED(status)) {
      CHECK(WTERMSIG(status) == sig);
      CHECK_FALSE(fs::exists(target));
    } else {
      CHECK(WEXITSTATUS(status) == 0);
      CHECK(fs::exists(target));
    }
    const auto left = hidden_files(t.path);
    INFO("left: " << (left.empty() ? std::string("none") : left.front()) << ", signalled " << WIFSIGNALED(status));
    CHECK(left.empty());
  }
}
