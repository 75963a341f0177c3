// AtomicFile: a result file appears only when complete. The writer writes to a temporary file in
// the target's directory (same file system, so rename is atomic), named
// ".<target name>.<host>.<pid>-<n>.partial" and reserved with O_EXCL so that concurrent processes
// (sweep shards) never share one. commit() flushes it to disk (fsync), renames it over the target and
// fsyncs the directory; until that rename a previous file of the target name is untouched. A
// writer destroyed without commit (an exception, an early return) removes the temporary. A process
// interrupted by SIGINT or SIGTERM (with the default disposition) removes its temporaries, then
// dies of the signal as it would have. A process killed outright (SIGKILL) leaves its temporary
// behind; the next writer of the same target removes the temporaries of this host whose process no
// longer exists (docs/robustness.md).
#pragma once

#include <filesystem>
#include <cstdint>
#include <functional>
#include <stdexcept>

namespace dcsim::output {

// A file could not be written or read for a reason of the environment (a full disk, an I/O error,
// permissions): the message names the file and the cause. dcsim reports it with exit status 1.
struct FileError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

class AtomicFile {
 public:
  // Throws FileError if the directory does not exist or is not writable.
  explicit AtomicFile(std::filesystem::path target);
  ~AtomicFile();
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;

  const std::filesystem::path& target() const { return target_; }
  const std::filesystem::path& temp_path() const { return temp_; }
  bool committed() const { return committed_; }

  // Call after every handle on temp_path() is closed. Throws FileError on failure, in
  // which case the temporary is still removed by the destructor.
  void commit();

 private:
  std::filesystem::path target_;
  std::filesystem::path temp_;
  bool committed_ = false;
  int slot_ = -1;  // in the table of temporaries that SIGINT/SIGTERM remove
};

// Reserves `bytes` of disk space for `file` beyond its end without changing its size (Linux
// fallocate KEEP_SIZE), so that writes up to that size cannot fail for want of space. Throws
// FileError naming `shown` (the path the user gave) when the space is not there; does nothing on a
// file system that cannot reserve space. release_space gives back what lies beyond the file's end
// once it is written.
void reserve_space(const std::filesystem::path& file, std::uintmax_t bytes, const std::filesystem::path& shown);
void release_space(const std::filesystem::path& file, std::uintmax_t bytes);

// Calls write(temp_path) and commits; if write throws, the temporary is removed and the
// exception propagates, leaving any previous target intact.
void write_atomically(const std::filesystem::path& target,
                      const std::function<void(const std::filesystem::path& temp_path)>& write);

}  // namespace dcsim::output
