// AtomicFile: a result file appears only when complete. The writer writes to a temporary file in
// the target's directory (same file system, so rename is atomic), named
// ".<target name>.<host>.<pid>-<n>.partial" and reserved with O_EXCL so that concurrent processes
// (sweep shards) never share one. commit() flushes it to disk (fsync), renames it over the target and
// fsyncs the directory; until that rename a previous file of the target name is untouched. A
// writer destroyed without commit (an exception, an early return) removes the temporary. A process
// killed outright (SIGKILL) leaves its temporary behind; the next writer of the same target removes
// the temporaries of this host whose process no longer exists (docs/robustness.md).
#pragma once

#include <filesystem>
#include <functional>

namespace dcsim::output {

class AtomicFile {
 public:
  // Throws std::runtime_error if the directory does not exist or is not writable.
  explicit AtomicFile(std::filesystem::path target);
  ~AtomicFile();
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;

  const std::filesystem::path& target() const { return target_; }
  const std::filesystem::path& temp_path() const { return temp_; }
  bool committed() const { return committed_; }

  // Call after every handle on temp_path() is closed. Throws std::runtime_error on failure, in
  // which case the temporary is still removed by the destructor.
  void commit();

 private:
  std::filesystem::path target_;
  std::filesystem::path temp_;
  bool committed_ = false;
};

// Calls write(temp_path) and commits; if write throws, the temporary is removed and the
// exception propagates, leaving any previous target intact.
void write_atomically(const std::filesystem::path& target,
                      const std::function<void(const std::filesystem::path& temp_path)>& write);

}  // namespace dcsim::output
