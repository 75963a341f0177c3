// Input files (scenario, sweep file, base scenarios, EPW weather, CSV traces) are read only when
// they are regular files of a bounded size, checked before the first byte is read: a directory, a
// FIFO or a device (/dev/zero, /dev/stdin) would block or be read until memory runs out.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>

namespace dcsim::app {

// The largest scenario or sweep file read (a year of hourly values written inline is under 1 MB).
inline constexpr std::uintmax_t kMaxYamlFileBytes = 16u << 20;

struct InputFileError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// What is at `path` when it is not a readable input file.
enum class InputFileKind { ok, missing, directory, special, too_large, unreadable };
struct InputFileCheck {
  InputFileKind kind = InputFileKind::ok;
  std::string detail;  // "a FIFO (named pipe)", "20.0 MB, more than the limit of 16.0 MB", errno text
  bool ok() const { return kind == InputFileKind::ok; }
  // The problem with `path` named in the message: "file not found: 'x'", "'x' is a directory, not a
  // file", "not a regular file: 'x' (a FIFO (named pipe))", "'x' is 20.0 MB, more than ...".
  std::string message(const std::string& path) const;
  // The same without the path, for a message placed at the file itself.
  std::string message() const;
};

// Checks `path` without reading it: a regular file of at most `max_bytes` (0: no limit).
InputFileCheck check_input_file(const std::string& path, std::uintmax_t max_bytes = 0);

// Its whole content; throws InputFileError with the problem (message() without the path).
std::string read_input_file(const std::string& path, std::uintmax_t max_bytes);

// 64-bit FNV-1a of the file's bytes as 16 hex digits ("missing" when it cannot be read): what a
// sweep records of every data file its cases read, to refuse a resume after one changed. Hashes
// are cached per path while the file's size and modification time stay the same (thread-safe).
std::string content_hash(const std::string& path);

}  // namespace dcsim::app
