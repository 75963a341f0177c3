#include "output/atomic_file.hpp"

#include <atomic>
#include <mutex>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <stdexcept>
#include <system_error>

#include <fcntl.h>
#include <sys/stat.h>
#include <linux/falloc.h>
#include <pthread.h>
#include <signal.h>
#include <unistd.h>

#include <fmt/format.h>

namespace dcsim::output {

namespace {

FileError sys_error(const std::string& what, const std::filesystem::path& p) {
  return FileError(fmt::format("{} {}: {}", what, p.string(), std::strerror(errno)));
}

void fsync_path(const std::filesystem::path& p, int flags) {
  const int fd = ::open(p.c_str(), flags | O_CLOEXEC);
  if (fd < 0) throw sys_error("cannot open for fsync", p);
  const int rc = ::fsync(fd);
  const int saved = errno;
  ::close(fd);
  errno = saved;
  if (rc != 0) throw sys_error("cannot fsync", p);
}

std::string host_name() {
  char buf[256] = {};
  if (::gethostname(buf, sizeof buf - 1) != 0 || buf[0] == '\0') return "localhost";
  std::string h(buf);
  for (char& c : h) {
    if (c == '/' || c == '.') c = '_';  // the name's separators
  }
  return h;
}

// Removes ".<name>.<host>.<pid>-<n>.partial" files of this host whose process is gone: a writer killed
// by SIGKILL (or a power cut) cannot remove its temporary. Temporaries of live processes, or of
// other hosts sharing the directory, are left alone.
void remove_stale_temporaries(const std::filesystem::path& dir, const std::string& name, const std::string& host) {
  const std::string prefix = "." + name + "." + host + ".", suffix = ".partial";
  std::error_code ec;
  for (std::filesystem::directory_iterator it(dir.empty() ? "." : dir, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string f = it->path().filename().string();
    if (f.size() <= prefix.size() + suffix.size() || f.compare(0, prefix.size(), prefix) != 0 ||
        f.compare(f.size() - suffix.size(), suffix.size(), suffix) != 0) {
      continue;
    }
    const std::string id = f.substr(prefix.size(), f.size() - prefix.size() - suffix.size());  // "<pid>-<n>"
    const auto dash = id.find('-');
    if (dash == 0 || dash == std::string::npos || id.find_first_not_of("0123456789-") != std::string::npos) continue;
    const long pid = std::strtol(id.substr(0, dash).c_str(), nullptr, 10);
    if (pid <= 0 || pid == ::getpid() || ::kill(static_cast<pid_t>(pid), 0) == 0 || errno != ESRCH) continue;
    std::error_code rm;
    std::filesystem::remove(it->path(), rm);
  }
}

// SIGINT and SIGTERM while a temporary exists: the handler removes every registered temporary, then
// lets the signal act as it would have (the previous disposition, re-raised). Installed only while
// a temporary exists and only over the default disposition, so a program that handles or ignores
// these signals itself (the sweep's clean stop, nohup) keeps its behaviour. The slots are fixed
// buffers: the handler may call only async-signal-safe functions (unlink, sigaction, raise).
constexpr int kSlots = 16;
struct Slot {
  std::atomic<bool> used{false};
  char path[4096] = {};
};
Slot g_slots[kSlots];
std::mutex g_slots_mutex;
int g_registered = 0;
struct sigaction g_prev_int {}, g_prev_term {};
bool g_installed_int = false, g_installed_term = false;

extern "C" void remove_temporaries_on_signal(int sig) {
  for (auto& slot : g_slots) {
    if (slot.used.load()) ::unlink(slot.path);
  }
  ::sigaction(sig, sig == SIGINT ? &g_prev_int : &g_prev_term, nullptr);
  ::raise(sig);
}

bool install_if_default(int sig, struct sigaction& prev) {
  struct sigaction cur {};
  if (::sigaction(sig, nullptr, &cur) != 0 || (cur.sa_flags & SA_SIGINFO) || cur.sa_handler != SIG_DFL) return false;
  struct sigaction sa {};
  sa.sa_handler = remove_temporaries_on_signal;
  sigemptyset(&sa.sa_mask);
  sigaddset(&sa.sa_mask, SIGINT);
  sigaddset(&sa.sa_mask, SIGTERM);
  prev = cur;
  return ::sigaction(sig, &sa, nullptr) == 0;
}

// Returns the slot index, or -1 (no free slot or a path too long: the temporary is then only
// removed by the destructor or the next writer).
int register_temporary(const std::filesystem::path& p) {
  const std::string s = p.string();
  std::lock_guard lock(g_slots_mutex);
  if (s.size() >= sizeof(Slot::path)) return -1;
  for (int i = 0; i < kSlots; ++i) {
    if (g_slots[i].used.load()) continue;
    std::memcpy(g_slots[i].path, s.c_str(), s.size() + 1);
    g_slots[i].used.store(true);
    if (g_registered++ == 0) {
      g_installed_int = install_if_default(SIGINT, g_prev_int);
      g_installed_term = install_if_default(SIGTERM, g_prev_term);
    }
    return i;
  }
  return -1;
}

void unregister_temporary(int slot) {
  if (slot < 0) return;
  std::lock_guard lock(g_slots_mutex);
  g_slots[slot].used.store(false);
  if (--g_registered == 0) {
    if (g_installed_int) ::sigaction(SIGINT, &g_prev_int, nullptr);
    if (g_installed_term) ::sigaction(SIGTERM, &g_prev_term, nullptr);
    g_installed_int = g_installed_term = false;
  }
}

// Blocks SIGINT and SIGTERM in this thread for its lifetime: the temporary is created and
// registered with no signal in between.
class BlockStopSignals {
 public:
  BlockStopSignals() {
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    ::pthread_sigmask(SIG_BLOCK, &set, &saved_);
  }
  ~BlockStopSignals() { ::pthread_sigmask(SIG_SETMASK, &saved_, nullptr); }
  BlockStopSignals(const BlockStopSignals&) = delete;
  BlockStopSignals& operator=(const BlockStopSignals&) = delete;

 private:
  sigset_t saved_;
};

}  // namespace

AtomicFile::AtomicFile(std::filesystem::path target) : target_(std::move(target)) {
  if (target_.filename().empty()) {
    throw FileError(fmt::format("output path '{}' names no file", target_.string()));
  }
  static std::atomic<unsigned> counter{0};
  const std::filesystem::path dir = target_.parent_path();
  static const std::string host = host_name();
  remove_stale_temporaries(dir, target_.filename().string(), host);
  const BlockStopSignals blocked;
  for (int attempt = 0;; ++attempt) {
    temp_ = dir / fmt::format(".{}.{}.{}-{}.partial", target_.filename().string(), host, ::getpid(), counter++);
    // Registered before it exists: a signal delivered to another thread (where it is not blocked)
    // between the creation and the registration would otherwise leave the temporary behind.
    slot_ = register_temporary(temp_);
    const int fd = ::open(temp_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd >= 0) {
      ::close(fd);
      return;
    }
    const int err = errno;
    unregister_temporary(slot_);
    slot_ = -1;
    errno = err;
    if (errno != EEXIST || attempt > 100) {
      throw sys_error("cannot create temporary file", temp_);
    }
  }
}

AtomicFile::~AtomicFile() {
  if (!committed_) {
    std::error_code ec;
    std::filesystem::remove(temp_, ec);
  }
  unregister_temporary(slot_);
}

void AtomicFile::commit() {
  if (committed_) return;
  fsync_path(temp_, O_RDONLY);
  if (::rename(temp_.c_str(), target_.c_str()) != 0) {
    throw sys_error(fmt::format("cannot rename {} to", temp_.string()), target_);
  }
  committed_ = true;
  unregister_temporary(slot_);
  slot_ = -1;
  // Make the rename itself durable.
  const std::filesystem::path dir = target_.parent_path().empty() ? "." : target_.parent_path();
  fsync_path(dir, O_RDONLY | O_DIRECTORY);
}

void reserve_space(const std::filesystem::path& file, std::uintmax_t bytes, const std::filesystem::path& shown) {
  const int fd = ::open(file.c_str(), O_WRONLY | O_CLOEXEC);
  if (fd < 0) throw sys_error("cannot open", file);
  const int rc = ::fallocate(fd, FALLOC_FL_KEEP_SIZE, 0, static_cast<off_t>(bytes));
  const int saved = errno;
  ::close(fd);
  if (rc == 0) return;
  if (saved == ENOSPC || saved == EDQUOT || saved == EFBIG) {
    throw FileError(fmt::format("cannot write '{}': {} (it needs about {:.1f} MB)", shown.string(), std::strerror(saved),
                                static_cast<double>(bytes) / 1e6));
  }
  // EOPNOTSUPP, ENOSYS, EINVAL: this file system cannot reserve; the writer's own errors remain.
}

void release_space(const std::filesystem::path& file, std::uintmax_t bytes) {
  const int fd = ::open(file.c_str(), O_WRONLY | O_CLOEXEC);
  if (fd < 0) return;
  struct stat st {};
  if (::fstat(fd, &st) == 0) {
    // Truncating to its own length frees the blocks reserved beyond it (ext4, xfs, tmpfs); a hole
    // punched there would be ignored by ext4.
    if (::ftruncate(fd, st.st_size) != 0 && bytes > 0) {
      ::fallocate(fd, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE, st.st_size, static_cast<off_t>(bytes));
    }
  }
  ::close(fd);
}

void write_atomically(const std::filesystem::path& target,
                      const std::function<void(const std::filesystem::path& temp_path)>& write) {
  AtomicFile file(target);
  write(file.temp_path());
  file.commit();
}

}  // namespace dcsim::output
