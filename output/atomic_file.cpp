#include "output/atomic_file.hpp"

#include <atomic>
#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <system_error>

#include <fcntl.h>
#include <unistd.h>

#include <fmt/format.h>

namespace dcsim::output {

namespace {

std::runtime_error sys_error(const std::string& what, const std::filesystem::path& p) {
  return std::runtime_error(fmt::format("{} {}: {}", what, p.string(), std::strerror(errno)));
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

}  // namespace

AtomicFile::AtomicFile(std::filesystem::path target) : target_(std::move(target)) {
  if (target_.filename().empty()) {
    throw std::runtime_error(fmt::format("output path '{}' names no file", target_.string()));
  }
  static std::atomic<unsigned> counter{0};
  const std::filesystem::path dir = target_.parent_path();
  for (int attempt = 0;; ++attempt) {
    temp_ = dir / fmt::format(".{}.{}-{}.partial", target_.filename().string(), ::getpid(), counter++);
    const int fd = ::open(temp_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd >= 0) {
      ::close(fd);
      return;
    }
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
}

void AtomicFile::commit() {
  if (committed_) return;
  fsync_path(temp_, O_RDONLY);
  if (::rename(temp_.c_str(), target_.c_str()) != 0) {
    throw sys_error(fmt::format("cannot rename {} to", temp_.string()), target_);
  }
  committed_ = true;
  // Make the rename itself durable.
  const std::filesystem::path dir = target_.parent_path().empty() ? "." : target_.parent_path();
  fsync_path(dir, O_RDONLY | O_DIRECTORY);
}

void write_atomically(const std::filesystem::path& target,
                      const std::function<void(const std::filesystem::path& temp_path)>& write) {
  AtomicFile file(target);
  write(file.temp_path());
  file.commit();
}

}  // namespace dcsim::output
