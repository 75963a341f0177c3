// The output-path policy of `run`, `sweep` and `merge` (docs/robustness.md, class 1), checked before
// any simulation:
// - the path is not empty and names a file (not "dir/");
// - a symbolic link is resolved (every level): the file written is the one the link points at, and
//   the link stays; a link to nothing is refused;
// - what the path names, after resolving, is a regular file or does not exist yet: a directory, FIFO,
//   device or socket is refused (a result is renamed over its target: over /dev/null it would
//   replace the device);
// - it is not the same file (device and inode) as any input of the run: the scenario, its weather
//   and trace files, a baseline reference, the sweep file and its bases, merge's shards;
// - its directory exists and a file can be created there (tried, not guessed from mode bits, so
//   root on a read-only file system is caught too).
// A refusal is an OutputPathError (exit status 2) naming the path and the reason.
#pragma once

#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

namespace dcsim::app {

struct OutputPathError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Checks `out` (as given) against the policy and `inputs` (paths as given; ones that do not exist are
// skipped). Returns the path to write: `out` itself, or the file a symbolic link `out` points at.
std::filesystem::path checked_output_path(const std::string& out, const std::vector<std::string>& inputs);

// The kind of file at `p` for messages ("a directory", "a FIFO", ...), not following a last link;
// empty for a regular file or nothing.
std::string odd_file_kind(const std::filesystem::path& p);

}  // namespace dcsim::app
