#include "app/output_path.hpp"

#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>

#include <fmt/format.h>

namespace dcsim::app {

namespace fs = std::filesystem;

namespace {

std::string kind_of_mode(mode_t m) {
  if (S_ISREG(m)) return "";
  if (S_ISDIR(m)) return "a directory";
  if (S_ISFIFO(m)) return "a FIFO (named pipe)";
  if (S_ISCHR(m)) return "a character device";
  if (S_ISBLK(m)) return "a block device";
  if (S_ISSOCK(m)) return "a socket";
  if (S_ISLNK(m)) return "a symbolic link";
  return "not a regular file";
}

[[noreturn]] void refuse(const std::string& out, const std::string& why) {
  throw OutputPathError(fmt::format("cannot write '{}': {}", out, why));
}

// Creates and removes a probe file in `dir`: the only sure test that a file can be created there
// (permissions, ACLs, a read-only mount, root's override of mode bits).
void probe_directory(const std::string& out, const fs::path& dir) {
  static std::atomic<unsigned> counter{0};
  const fs::path probe = dir / fmt::format(".dcsim-probe.{}-{}", ::getpid(), counter++);
  // SIGINT/SIGTERM wait until the probe is gone (this runs before any worker thread starts), so a
  // stop at this moment leaves no stray file.
  sigset_t stop, saved;
  sigemptyset(&stop);
  sigaddset(&stop, SIGINT);
  sigaddset(&stop, SIGTERM);
  ::pthread_sigmask(SIG_BLOCK, &stop, &saved);
  const int fd = ::open(probe.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  const int err = errno;
  if (fd >= 0) {
    ::close(fd);
    ::unlink(probe.c_str());
  }
  ::pthread_sigmask(SIG_SETMASK, &saved, nullptr);
  if (fd < 0) refuse(out, fmt::format("cannot create a file in directory '{}': {}", dir.string(), std::strerror(err)));
}

}  // namespace

std::string odd_file_kind(const fs::path& p) {
  struct stat st {};
  if (::lstat(p.c_str(), &st) != 0) return "";
  return kind_of_mode(st.st_mode);
}

fs::path checked_output_path(const std::string& out, const std::vector<std::string>& inputs) {
  if (out.empty()) refuse(out, "the output path is empty");
  fs::path target(out);
  if (!target.has_filename()) refuse(out, "it names a directory, not a file");
  struct stat st {};
  bool exists = false;
  if (::lstat(target.c_str(), &st) == 0) {
    exists = true;
    if (S_ISLNK(st.st_mode)) {
      std::error_code ec;
      const fs::path resolved = fs::canonical(target, ec);
      if (ec) {
        std::error_code ignored;
        refuse(out, fmt::format("it is a symbolic link to '{}', which cannot be resolved ({})",
                                fs::read_symlink(target, ignored).string(), ec.message()));
      }
      target = resolved;
      if (::lstat(target.c_str(), &st) != 0) refuse(out, fmt::format("cannot stat '{}': {}", target.string(), std::strerror(errno)));
      if (!S_ISREG(st.st_mode)) refuse(out, fmt::format("it is a symbolic link to '{}', {}", target.string(), kind_of_mode(st.st_mode)));
    } else if (!S_ISREG(st.st_mode)) {
      refuse(out, fmt::format("it is {}; the results must go to a regular file", kind_of_mode(st.st_mode)));
    }
  } else if (errno != ENOENT) {
    refuse(out, std::strerror(errno));
  }
  if (exists) {
    for (const auto& in : inputs) {
      struct stat is {};
      if (in.empty() || ::stat(in.c_str(), &is) != 0) continue;
      if (is.st_dev == st.st_dev && is.st_ino == st.st_ino) {
        refuse(out, fmt::format("it is the input file '{}' of this run (the results would overwrite it)", in));
      }
    }
  }
  const fs::path dir = target.has_parent_path() ? target.parent_path() : fs::path(".");
  struct stat ds {};
  if (::stat(dir.c_str(), &ds) != 0) refuse(out, fmt::format("directory '{}' does not exist", dir.string()));
  if (!S_ISDIR(ds.st_mode)) refuse(out, fmt::format("'{}' is not a directory", dir.string()));
  probe_directory(out, dir);
  return target;
}

}  // namespace dcsim::app
