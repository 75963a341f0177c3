// A full disk (docs/robustness.md, class 2): run, sweep and merge writing into a 1 MiB tmpfs end
// with exit status 1 and a message naming the file and "No space left on device", never a crash;
// no hidden temporary is left, and a file the user had there stays byte-identical. A sweep keeps
// its .partial (the cases finished before the failure). Needs root to mount the tmpfs; skipped
// with a warning otherwise.
#include <sys/mount.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "output/h5_file.hpp"
#include "tests/support/run_process.hpp"

namespace fs = std::filesystem;
using Catch::Matchers::Contains;
using dcsim::test::Outcome;
using dcsim::test::run_dcsim;
using dcsim::test::slurp;
using dcsim::test::TempDir;

namespace {

const fs::path kSource = DCSIM_SOURCE_DIR;
const std::string kSmall = (kSource / "tests/data/valid/small.yaml").string();

// A small tmpfs at `dir` (1 MiB unless told), unmounted at the end; grow() frees space.
struct SmallDisk {
  explicit SmallDisk(const fs::path& dir, const char* size = "size=1m") : dir_(dir) {
    fs::create_directory(dir_);
    mounted = ::geteuid() == 0 && ::mount("tmpfs", dir_.c_str(), "tmpfs", 0, size) == 0;
  }
  bool grow(const char* size) { return ::mount("tmpfs", dir_.c_str(), "tmpfs", MS_REMOUNT, size) == 0; }
  ~SmallDisk() {
    if (mounted) ::umount2(dir_.c_str(), MNT_DETACH);
  }
  SmallDisk(const SmallDisk&) = delete;
  SmallDisk& operator=(const SmallDisk&) = delete;
  bool mounted = false;

 private:
  fs::path dir_;
};

std::vector<std::string> hidden_files(const fs::path& dir) {
  std::vector<std::string> out;
  for (const auto& e : fs::directory_iterator(dir)) {
    if (e.path().filename().string().front() == '.') out.push_back(e.path().filename().string());
  }
  return out;
}

// A sweep of `n` cases of 20 days recorded every minute, time series kept: a few MB.
std::string big_sweep(const TempDir& t, int n) {
  std::string grid;
  for (int i = 0; i < n; ++i) grid += (i ? ", " : "") + std::to_string(30 + i);
  std::ofstream(t / "ts.sweep.yaml") << "base: " << kSmall
                                     << "\nset:\n  period.length: 20 d\n  period.record_interval: 1 min\n"
                                        "grid:\n  cooling.liquid.supply_temp: ["
                                     << grid << "]\ntimeseries: true\n";
  return t / "ts.sweep.yaml";
}

}  // namespace

TEST_CASE("full disk: run, sweep and merge exit 1 with the cause and leave no temporary", "[full-disk]") {
  TempDir t("fulldisk");
  const fs::path disk = t.path / "disk";
  const SmallDisk mount(disk);
  if (!mount.mounted) {
    WARN("skipped: mounting a 1 MiB tmpfs needs root (running as uid " << ::geteuid() << ")");
    return;
  }
  const std::string old = (disk / "old.h5").string();
  std::ofstream(old) << "a result the user had";

  // run: 30 days at one-minute records is several MB.
  const Outcome r = run_dcsim({"run", kSmall, "--set", "period.length=30 d", "--set", "period.record_interval=1 min", "-o", old,
                               "--quiet"},
                              t.path);
  INFO(r.err);
  CHECK(r.exited);
  CHECK(r.status == 1);
  CHECK_THAT(r.err, Contains("No space left on device") && Contains(old));
  CHECK(hidden_files(disk).empty());
  CHECK(slurp(old) == "a result the user had");

  // sweep: the partial stays for --resume, no hidden temporary.
  const std::string sweep = big_sweep(t, 3);
  const Outcome s = run_dcsim({"sweep", sweep, "-o", (disk / "sweep.h5").string(), "-j", "1", "--quiet"}, t.path);
  INFO(s.err);
  CHECK(s.exited);
  CHECK(s.status == 1);
  CHECK_THAT(s.err, Contains("No space left on device") && Contains("sweep.h5.partial") && Contains("--resume"));
  CHECK(hidden_files(disk).empty());
  CHECK_FALSE(fs::exists(disk / "sweep.h5"));
  fs::remove(disk / "sweep.h5.partial");

  // merge: shards written elsewhere, merged into the small disk.
  for (const char* k : {"1", "2"}) {
    const Outcome part = run_dcsim({"sweep", sweep, "-o", t / (std::string("part") + k + ".h5"), "--shard", std::string(k) + "/2",
                                    "-j", "1", "--quiet"},
                                   t.path);
    INFO(part.err);
    REQUIRE(part.status == 0);
  }
  const Outcome m = run_dcsim({"merge", t / "part1.h5", t / "part2.h5", "-o", (disk / "merged.h5").string()}, t.path);
  INFO(m.err);
  CHECK(m.exited);
  CHECK(m.status == 1);
  CHECK_THAT(m.err, Contains("No space left on device") && Contains("merged.h5"));
  CHECK(hidden_files(disk).empty());
  CHECK_FALSE(fs::exists(disk / "merged.h5"));
  CHECK(slurp(old) == "a result the user had");
}

TEST_CASE("full disk: a sweep stopped by a full disk resumes once space is freed, keeping its finished cases",
          "[full-disk]") {
  TempDir t("fulldisk-resume");
  const fs::path disk = t.path / "disk";
  SmallDisk mount(disk, "size=4m");
  if (!mount.mounted) {
    WARN("skipped: mounting a tmpfs needs root (running as uid " << ::geteuid() << ")");
    return;
  }
  // Cases of 1, 2 and 30 days at one-minute records: the first two fit in 4 MiB, the third not.
  std::ofstream(t / "grow.sweep.yaml") << "base: " << kSmall
                                       << "\nset:\n  period.record_interval: 1 min\n"
                                          "grid:\n  period.length: [1 d, 2 d, 30 d]\ntimeseries: true\n";
  const std::string sweep = t / "grow.sweep.yaml";
  const std::string out = (disk / "grow.h5").string();
  const Outcome full = run_dcsim({"sweep", sweep, "-o", out, "-j", "1", "--quiet"}, t.path);
  INFO(full.err);
  REQUIRE(full.exited);
  CHECK(full.status == 1);
  CHECK_THAT(full.err, Contains("No space left on device") && Contains("grow.h5.partial") && Contains("--resume"));
  CHECK(hidden_files(disk).empty());
  REQUIRE(fs::exists(out + ".partial"));

  // Space freed: the resume opens the partial file the full disk left, keeps the two finished cases
  // and runs only the third.
  REQUIRE(mount.grow("size=256m"));
  const Outcome resumed = run_dcsim({"sweep", sweep, "-o", out, "-j", "1", "--resume"}, t.path);
  INFO(resumed.err);
  REQUIRE(resumed.exited);
  CHECK(resumed.status == 0);
  CHECK_THAT(resumed.err, Contains("2 cases already done, 1 to run"));
  CHECK(fs::exists(out));
  CHECK_FALSE(fs::exists(out + ".partial"));
  const H5::H5File f = dcsim::output::h5::open_file(out, false);
  CHECK(dcsim::output::h5::member_names(dcsim::output::h5::open_group(f, "cases")).size() == 3);
  CHECK(dcsim::output::h5::int64_attr(dcsim::output::h5::open_group(f, "sweep"), "complete") == 1);
}
