// libFuzzer target of the command line (docs/robustness.md). Arbitrary bytes are split into argv words
// (at each newline or NUL, at most kMaxWords) and handed to app::main_cli, the whole of what
// dcsim's main() does apart from its HDF5 exit path. Exit statuses 0 to 4 are accepted (success,
// internal failure, bad input, failed sweep cases, design load not met); anything else is a
// finding: another status, an exception escaping main_cli (std::terminate: "deadly signal"), a crash,
// an ASan or UBSan report, a leak, a hang (-timeout), too much memory (-rss_limit_mb), or a failed
// HDF5 write (the working directory is a local temporary one).
//
// Sandbox. At start-up the process makes a temporary directory (under $TMPDIR, default /tmp) and
// chdirs into it for good; libFuzzer's own relative paths (corpus and input files, -artifact_prefix,
// -dict, ...) are made absolute first, and -artifact_prefix defaults to the directory it was started
// in, as usual. The directory holds the fixtures a command line can name:
//   s.yaml, t.yaml      one-day scenarios (tests/fuzz/fixtures)
//   w.sweep.yaml        a two-case sweep over s.yaml
//   p1.h5, p2.h5        the two shards of w.sweep.yaml (--shard 1/2, 2/2), for `merge`
//   r.h5                a run file of s.yaml;  o.h5.partial  a copy of p1.h5, for `sweep --resume`
//   g.h5                not an HDF5 file
// Before each input every other file is removed and every changed fixture restored, so each input
// starts from the same directory. An input is rejected (not run, not kept) when a word could make a
// path outside it: a word containing "..", starting with "/", or an option word ("-...") containing
// "/" (`-o/x`, `--output=/x`). For `run`, the only command that simulates a scenario, the period and
// the number of replicates stay bounded: `--replicates` (any word starting "--r") is rejected and
// `--set replicates=1 --set period.length=1 d` is appended to the words.
// Set DCSIM_FUZZ_VERBOSE=1 to see each input's words and exit status (fuzz_cli FILE...).
#include <sanitizer/common_interface_defs.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <system_error>
#include <vector>

#include "app/cli.hpp"
#include "output/h5_file.hpp"

namespace fs = std::filesystem;

namespace {

constexpr std::size_t kMaxWords = 32;

// The message also goes where the sanitizers report: with -close_fd_mask=2 (scripts/fuzz.sh) that is
// libFuzzer's copy of stderr, while stderr itself is discarded.
[[noreturn]] void finding(const std::string& what) {
  const std::string text = "fuzz_cli: " + what;
  std::fprintf(stderr, "%s\n", text.c_str());
  __sanitizer_report_error_summary(text.c_str());
  std::abort();
}

int call_cli(std::vector<std::string> words) {
  words.insert(words.begin(), "dcsim");
  std::vector<char*> argv;
  for (auto& w : words) argv.push_back(w.data());
  argv.push_back(nullptr);
  // The sweep runner installs its own SIGINT/SIGTERM handlers and leaves the default ones behind;
  // libFuzzer's (the final stats on ^C, -handle_term) are put back.
  struct sigaction old_int {}, old_term {};
  ::sigaction(SIGINT, nullptr, &old_int);
  ::sigaction(SIGTERM, nullptr, &old_term);
  const int status = dcsim::app::main_cli(static_cast<int>(words.size()), argv.data());
  ::sigaction(SIGINT, &old_int, nullptr);
  ::sigaction(SIGTERM, &old_term, nullptr);
  std::fflush(stdout);
  return status;
}

struct FileId {
  ino_t ino = 0;
  off_t size = 0;
  timespec mtime{};
  bool operator==(const FileId& o) const {
    return ino == o.ino && size == o.size && mtime.tv_sec == o.mtime.tv_sec && mtime.tv_nsec == o.mtime.tv_nsec;
  }
};

bool file_id(const fs::path& p, FileId& id) {
  struct stat st {};
  if (::lstat(p.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return false;
  id = {st.st_ino, st.st_size, st.st_mtim};
  return true;
}

class Sandbox {
 public:
  Sandbox() {
    const char* tmp = std::getenv("TMPDIR");
    std::string templ = std::string(tmp != nullptr && *tmp != '\0' ? tmp : "/tmp") + "/dcsim-fuzz-cli.XXXXXX";
    if (::mkdtemp(templ.data()) == nullptr) finding("cannot create a temporary directory");
    root_ = templ;
    work_ = root_ / "work";
    master_ = root_ / "fixtures";
    fs::create_directories(work_);
    fs::create_directories(master_);
    for (const char* f : {"s.yaml", "t.yaml", "w.sweep.yaml"}) {
      std::error_code ec;
      fs::copy_file(fs::path(DCSIM_SOURCE_DIR) / "tests/fuzz/fixtures" / f, work_ / f, ec);
      if (ec) finding(std::string("cannot copy the fixture ") + f + ": " + ec.message());
    }
    if (::chdir(work_.c_str()) != 0) finding("cannot chdir into " + work_.string());
    // The result files, made by dcsim itself.
    const std::vector<std::vector<std::string>> make = {
        {"sweep", "w.sweep.yaml", "-o", "p1.h5", "--shard", "1/2", "-q"},
        {"sweep", "w.sweep.yaml", "-o", "p2.h5", "--shard", "2/2", "-q"},
        {"run", "s.yaml", "-o", "r.h5", "-q"},
    };
    for (const auto& words : make) {
      if (call_cli(words) != 0) finding("cannot make the fixture " + words[3]);
    }
    fs::copy_file(work_ / "p1.h5", work_ / "o.h5.partial");
    std::ofstream(work_ / "g.h5") << "not an HDF5 file\n";
    for (const auto& e : fs::directory_iterator(work_)) {
      const std::string name = e.path().filename().string();
      fs::copy_file(e.path(), master_ / name);
      FileId id;
      if (!file_id(e.path(), id)) finding("fixture " + name + " is not a regular file");
      fixtures_[name] = id;
    }
  }

  ~Sandbox() {
    std::error_code ec;
    fs::current_path(root_.parent_path(), ec);
    fs::remove_all(root_, ec);
  }

  // Removes what the last input left and restores each fixture it changed.
  void reset() {
    std::vector<fs::path> extra;
    for (const auto& e : fs::directory_iterator(work_)) {
      if (!fixtures_.count(e.path().filename().string())) extra.push_back(e.path());
    }
    for (const auto& p : extra) {
      std::error_code ec;
      fs::remove_all(p, ec);
      if (ec) finding("cannot remove " + p.string() + ": " + ec.message());
    }
    for (auto& [name, id] : fixtures_) {
      FileId now;
      if (file_id(work_ / name, now) && now == id) continue;
      std::error_code ec;
      fs::remove_all(work_ / name, ec);
      fs::copy_file(master_ / name, work_ / name, ec);
      if (ec || !file_id(work_ / name, id)) finding("cannot restore the fixture " + name);
    }
  }

 private:
  fs::path root_, work_, master_;
  std::map<std::string, FileId> fixtures_;
};

Sandbox* g_sandbox = nullptr;

// A word that could name a path outside the working directory.
bool escapes(const std::string& w) {
  if (w.find("..") != std::string::npos) return true;
  if (!w.empty() && w[0] == '/') return true;
  if (!w.empty() && w[0] == '-' && w.find('/') != std::string::npos) return true;
  return false;
}

std::string absolute(const std::string& cwd, const std::string& p) {
  return p.empty() || p[0] == '/' ? p : cwd + "/" + p;
}

}  // namespace

// Runs before libFuzzer reads its arguments: relative paths in them are made absolute, then the
// process moves into its sandbox.
extern "C" int LLVMFuzzerInitialize(int* argc, char*** argv) {
  const std::string cwd = fs::current_path().string();
  static std::vector<std::string> args;
  bool prefix = false;
  for (int i = 0; i < *argc; ++i) {
    std::string a = (*argv)[i];
    if (i > 0 && !a.empty() && a[0] != '-') {
      a = absolute(cwd, a);  // a corpus directory or an input file
    } else if (i > 0) {
      for (const char* flag : {"-artifact_prefix=", "-exact_artifact_path=", "-dict=", "-merge_control_file=",
                               "-features_dir=", "-stop_file=", "-mutation_graph_file="}) {
        if (a.rfind(flag, 0) == 0) {
          a = flag + absolute(cwd, a.substr(std::strlen(flag)));
          if (std::strcmp(flag, "-artifact_prefix=") == 0) prefix = true;
        }
      }
    }
    args.push_back(a);
  }
  if (!prefix) args.insert(args.begin() + 1, "-artifact_prefix=" + cwd + "/");
  static std::vector<char*> ptrs;
  for (auto& a : args) ptrs.push_back(a.data());
  ptrs.push_back(nullptr);
  *argc = static_cast<int>(args.size());
  *argv = ptrs.data();
  static Sandbox sandbox;
  g_sandbox = &sandbox;
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (g_sandbox == nullptr) finding("LLVMFuzzerInitialize did not run");
  std::vector<std::string> words;
  std::string cur;
  for (std::size_t i = 0; i < size; ++i) {
    const char c = static_cast<char>(data[i]);
    if (c == '\n' || c == '\0') {
      words.push_back(std::move(cur));
      cur.clear();
      if (words.size() > kMaxWords) return -1;
    } else {
      cur.push_back(c);
    }
  }
  if (!cur.empty()) words.push_back(std::move(cur));  // a last word without its newline
  if (words.size() > kMaxWords) return -1;
  for (const auto& w : words) {
    if (escapes(w)) return -1;
  }
  if (!words.empty() && words[0] == "run") {
    for (const auto& w : words) {
      if (w.rfind("--r", 0) == 0) return -1;
    }
    for (const char* w : {"--set", "replicates=1", "--set", "period.length=1 d"}) words.emplace_back(w);
  }
  g_sandbox->reset();
  const int status = call_cli(words);
  static const bool verbose = [] {
    const char* e = std::getenv("DCSIM_FUZZ_VERBOSE");
    return e != nullptr && std::string(e) == "1";
  }();
  if (verbose) {
    std::string line = "fuzz_cli: exit " + std::to_string(status) + ":";
    for (const auto& w : words) line += " [" + w + "]";
    std::fprintf(stderr, "%s\n", line.c_str());
  }
  if (status < 0 || status > 4) finding("exit status " + std::to_string(status));
  if (dcsim::output::h5::write_failed()) finding("an HDF5 write failed (in a temporary directory)");
  return 0;
}
