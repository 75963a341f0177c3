// Atomic output (docs/robustness.md): `dcsim run` killed with SIGKILL while it writes its results
// leaves a previous file of that name intact and readable, the target never holds a partial file,
// and the next run removes the temporary the killed process could not remove.
#include <catch2/catch.hpp>

#include <chrono>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <H5Cpp.h>
#include <fmt/format.h>
#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include "output/atomic_file.hpp"
#include "output/run_file.hpp"
#include "tests/support/run_process.hpp"

extern char** environ;

namespace {

namespace fs = std::filesystem;

const std::string kFlagship = std::string(DCSIM_SOURCE_DIR) + "/scenarios/iceland-geothermal-liquid.yaml";

using dcsim::test::run_dcsim;
using dcsim::test::slurp;
using dcsim::test::TempDir;

pid_t spawn_dcsim(const std::vector<std::string>& args) {
  std::vector<std::string> all = {DCSIM_BINARY};
  all.insert(all.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& a : all) argv.push_back(a.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_addopen(&fa, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
  pid_t pid = -1;
  const int rc = posix_spawn(&pid, argv[0], &fa, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&fa);
  REQUIRE(rc == 0);
  return pid;
}

int wait_for(pid_t pid) {
  int status = 0;
  REQUIRE(::waitpid(pid, &status, 0) == pid);
  return status;
}


std::vector<fs::path> partial_files(const fs::path& dir, const std::string& target_name) {
  std::vector<fs::path> out;
  const std::string prefix = "." + target_name + ".";
  for (const auto& e : fs::directory_iterator(dir)) {
    const std::string f = e.path().filename().string();
    if (f.rfind(prefix, 0) == 0 && f.size() > 8 && f.compare(f.size() - 8, 8, ".partial") == 0) out.push_back(e.path());
  }
  return out;
}

// Rows of the time series of a run file, read with the HDF5 C++ API; throws if the file is unreadable.
std::size_t time_rows(const fs::path& p) {
  H5::H5File file(p.string(), H5F_ACC_RDONLY);
  const auto run = dcsim::output::read_run(file);
  CHECK(run.scenario_name == "iceland-geothermal-liquid");
  H5::DataSet t = file.openDataSet("timeseries/time_s");
  hsize_t n = 0;
  t.getSpace().getSimpleExtentDims(&n);
  return static_cast<std::size_t>(n);
}

}  // namespace

TEST_CASE("Atomic output: SIGKILL during the write leaves the previous file intact and the next run cleans up",
          "[atomic][cli]") {
  const TempDir dir("test_atomic_output");
  const fs::path target = dir.path / "result.h5";
  // The previous result: two days at 15 min, one sample at the end of each interval: 2 x 96.
  REQUIRE(run_dcsim({"run", kFlagship, "-o", target.string(), "--quiet", "--set", "period.length=2 d"}, dir.path).status == 0);
  const std::string old_bytes = slurp(target);
  REQUIRE(time_rows(target) == 2 * 96);

  // A long run at one-minute recording: its write takes long enough to be caught in the act.
  const pid_t pid = spawn_dcsim({"run", kFlagship, "-o", target.string(), "--quiet", "--set", "period.length=120 d",
                                 "--set", "period.record_interval=1 min"});
  std::optional<fs::path> caught;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(300);
  while (!caught && std::chrono::steady_clock::now() < deadline) {
    if (const auto p = partial_files(dir.path, "result.h5"); !p.empty()) {
      ::kill(pid, SIGKILL);
      caught = p.front();
      break;
    }
    if (int st = 0; ::waitpid(pid, &st, WNOHANG) == pid) FAIL("dcsim finished before its temporary file was seen");
    // The target is never replaced by anything but a complete file.
    REQUIRE(slurp(target).size() == old_bytes.size());
    std::this_thread::sleep_for(std::chrono::microseconds(200));
  }
  REQUIRE(caught);
  const int status = wait_for(pid);
  REQUIRE(WIFSIGNALED(status));
  CHECK(WTERMSIG(status) == SIGKILL);

  // The previous file is byte for byte what it was, and readable.
  CHECK(slurp(target) == old_bytes);
  CHECK(time_rows(target) == 2 * 96);
  // SIGKILL runs no cleanup: the killed writer's temporary is still there...
  CHECK(partial_files(dir.path, "result.h5").size() == 1);

  // ...until the next writer of that target removes it (its process is gone).
  REQUIRE(run_dcsim({"run", kFlagship, "-o", target.string(), "--quiet", "--set", "period.length=1 d"}, dir.path).status == 0);
  CHECK(partial_files(dir.path, "result.h5").empty());
  CHECK(time_rows(target) == 96);
}

TEST_CASE("Atomic output: temporaries of live processes and of other targets are left alone", "[atomic]") {
  const TempDir dir("test_atomic_live");
  std::string host(256, '\0');
  REQUIRE(::gethostname(host.data(), host.size()) == 0);
  host.resize(host.find('\0'));
  for (char& c : host) c = c == '.' || c == '/' ? '_' : c;
  // This process is alive; pid 0x7fffffff is beyond any pid_max (Linux: at most 2^22), so it is dead.
  const fs::path live = dir.path / fmt::format(".out.h5.{}.{}-7.partial", host, ::getpid());
  const fs::path dead = dir.path / fmt::format(".out.h5.{}.{}-0.partial", host, 0x7fffffff);
  const fs::path other_host = dir.path / fmt::format(".out.h5.{}-elsewhere.{}-0.partial", host, 0x7fffffff);
  const fs::path other_target = dir.path / fmt::format(".other.h5.{}.{}-0.partial", host, 0x7fffffff);
  for (const auto& p : {live, dead, other_host, other_target}) std::ofstream(p) << "partial";
  dcsim::output::write_atomically(dir.path / "out.h5", [](const fs::path& temp) { std::ofstream(temp) << "complete"; });
  CHECK(slurp(dir.path / "out.h5") == "complete");
  CHECK(fs::exists(live));
  CHECK_FALSE(fs::exists(dead));
  CHECK(fs::exists(other_host));
  CHECK(fs::exists(other_target));
}
