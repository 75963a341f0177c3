#include "app/input_file.hpp"

#include <sys/stat.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iterator>
#include <map>
#include <mutex>
#include <tuple>

#include <fmt/format.h>

namespace dcsim::app {

InputFileCheck check_input_file(const std::string& path, std::uintmax_t max_bytes) {
  using K = InputFileKind;
  struct stat st {};
  if (path.empty()) return {K::missing, "the file name is empty"};
  if (::stat(path.c_str(), &st) != 0) {
    if (errno == ENOENT || errno == ENOTDIR) return {K::missing, ""};
    return {K::unreadable, std::strerror(errno)};
  }
  if (S_ISDIR(st.st_mode)) return {K::directory, ""};
  if (S_ISFIFO(st.st_mode)) return {K::special, "a FIFO (named pipe)"};
  if (S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode)) return {K::special, "a device"};
  if (S_ISSOCK(st.st_mode)) return {K::special, "a socket"};
  if (!S_ISREG(st.st_mode)) return {K::special, "not a file"};
  if (max_bytes > 0 && static_cast<std::uintmax_t>(st.st_size) > max_bytes) {
    return {K::too_large, fmt::format("{:.1f} MB, more than the limit of {:.1f} MB for this kind of file",
                                      static_cast<double>(st.st_size) / 1048576.0, static_cast<double>(max_bytes) / 1048576.0)};
  }
  return {};
}

std::string InputFileCheck::message(const std::string& path) const {
  switch (kind) {
    case InputFileKind::ok: return "";
    case InputFileKind::missing: return detail.empty() ? fmt::format("file not found: '{}'", path) : detail;
    case InputFileKind::directory: return fmt::format("'{}' is a directory, not a file", path);
    case InputFileKind::special: return fmt::format("not a regular file: '{}' ({})", path, detail);
    case InputFileKind::too_large: return fmt::format("'{}' is {}", path, detail);
    case InputFileKind::unreadable: return fmt::format("cannot read '{}': {}", path, detail);
  }
  return "";
}

std::string InputFileCheck::message() const {
  switch (kind) {
    case InputFileKind::ok: return "";
    case InputFileKind::missing: return detail.empty() ? "file not found" : detail;
    case InputFileKind::directory: return "is a directory, not a file";
    case InputFileKind::special: return fmt::format("not a regular file ({}): it is not read", detail);
    case InputFileKind::too_large: return fmt::format("the file is {}", detail);
    case InputFileKind::unreadable: return fmt::format("cannot read the file: {}", detail);
  }
  return "";
}

std::string read_input_file(const std::string& path, std::uintmax_t max_bytes) {
  if (const InputFileCheck c = check_input_file(path, max_bytes); !c.ok()) throw InputFileError(c.message());
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputFileError("cannot read the file (not readable)");
  std::string text;
  // Bounded read: the file may grow between the check and the read.
  char buf[65536];
  while (in.read(buf, sizeof buf) || in.gcount() > 0) {
    text.append(buf, static_cast<std::size_t>(in.gcount()));
    if (max_bytes > 0 && text.size() > max_bytes) throw InputFileError("grew past the size limit while being read");
  }
  if (in.bad()) throw InputFileError("cannot read the file");
  return text;
}

std::string content_hash(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return "missing";
  using Key = std::tuple<std::string, long long, long long, long long>;
  const Key key{path, static_cast<long long>(st.st_size), static_cast<long long>(st.st_mtim.tv_sec),
                static_cast<long long>(st.st_mtim.tv_nsec)};
  static std::mutex mutex;
  static std::map<Key, std::string> cache;
  {
    const std::lock_guard<std::mutex> lock(mutex);
    if (const auto it = cache.find(key); it != cache.end()) return it->second;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return "missing";
  std::uint64_t h = 1469598103934665603ull;
  char buf[65536];
  while (in.read(buf, sizeof buf) || in.gcount() > 0) {
    for (std::streamsize i = 0; i < in.gcount(); ++i) {
      h ^= static_cast<unsigned char>(buf[i]);
      h *= 1099511628211ull;
    }
  }
  if (in.bad()) return "missing";
  std::string hex = fmt::format("{:016x}", h);
  const std::lock_guard<std::mutex> lock(mutex);
  cache.emplace(key, hex);
  return hex;
}

}  // namespace dcsim::app
