// The sweep file (DESIGN.md "HDF5 layout"; docs/sweeps.md):
//   /                  attrs dcsim_version, git_describe, created_utc, sweep_name
//   /sweep             attrs sweep_name, description, fingerprint, inputs ("HASH  PATH" lines of the
//                      data files read), case_count (of the whole sweep), shard ("K/N", or "" for
//                      the whole), complete (1 when every case of the shard is in), cases_done
//   /sweep/definition  the sweep file's text
//   /sweep/parameters  compound table: case_index, case_id and one column per parameter (named by
//                      key path), one row per case of the WHOLE sweep (shards and merge check it)
//   /sweep/table       compound table, one row per case in the file, in case order: case_id,
//                      case_index, the parameters, status ("ok"/"failed"), error (first line), then
//                      every summary metric (float64; NaN where a case lacks it); attrs
//                      <metric>_units
//   /cases/<id>/       a run's root (write_case) with attrs case_index, parameters ("path=value"
//                      lines), summary_order, inputs (data files beyond /sweep's, when any), and
//                      status written last; a failed case holds only the
//                      attrs case_index, parameters, error, status.
// The writer works on a partial file that is valid after every case (each case group is flushed,
// `status` marks it complete), so an interrupted sweep keeps what it finished and a resumed one
// reads the finished case ids back. The table is written when the writer finishes (also on an
// interrupt, with complete = 0); the file is then renamed to its final name (commit_sweep_file).
// Table rows depend only on the cases' results, never on the order they finished in.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <vector>

#include "output/h5_file.hpp"
#include "output/run_file.hpp"
#include "sim/recorder.hpp"

namespace dcsim::output {

// A problem with the user's files (not the same sweep, incomplete shards...): exit status 2.
struct SweepFileError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct CaseRecord {
  std::int64_t index = 0;
  std::string id;
  std::string parameters;  // "path=value" lines
  bool ok = false;
  std::string error;                   // failed cases: the full message
  std::string inputs;                  // data files read beyond the sweep's own: "HASH  PATH" lines
  std::vector<SummaryMetric> summary;  // ok cases: every metric, in the run's order
};

struct SweepInfo {
  std::string name;
  std::string description;
  std::string fingerprint;
  std::string inputs;  // the sweep's data files with their content hashes, "HASH  PATH" lines
  std::int64_t case_count = 0;
  std::string shard;
  std::string definition;
  h5::Table parameters;
};

// One line of an `inputs` attribute ("HASH  PATH"): a data file and the content hash it had.
struct InputHash {
  std::string hash;
  std::string path;
};
std::vector<InputHash> parse_input_hashes(const std::string& lines);
std::string format_input_hashes(const std::vector<InputHash>& inputs);

// The table of `records` (any order; sorted by case index here) with their parameter rows.
struct SweepTable {
  h5::Table table;
  std::vector<std::pair<std::string, std::string>> metric_units;  // metric -> units
};
SweepTable sweep_table(const h5::Table& parameters, std::vector<CaseRecord> records);

SweepInfo read_sweep_info(const H5::Group& root);
CaseRecord read_case_record(const H5::Group& case_group);

// Writes /cases/<id> of `root` for one case (`run` and `recorder` for an ok case, else null).
void write_case_record(const H5::Group& root, const CaseRecord& record, const RunResults* run,
                       const sim::Recorder* recorder);

// A case serialized as an in-memory HDF5 file image (what an MPI worker sends to the writer).
std::vector<char> case_image(const CaseRecord& record, const RunResults* run, const sim::Recorder* recorder);

class SweepWriter {
 public:
  enum class Mode { create, resume };
  // create: a new file at `path` (replacing any). resume: opens a partial file of the same sweep
  // and shard (else SweepFileError), keeps its complete cases and drops any half-written one; a
  // partial file HDF5 cannot read (truncated, damaged) is a SweepFileError too. Every HDF5 failure
  // of the writer (a full disk) is a FileError naming the file and the cause.
  SweepWriter(const std::filesystem::path& path, const SweepInfo& info, Mode mode);
  ~SweepWriter();
  SweepWriter(const SweepWriter&) = delete;
  SweepWriter& operator=(const SweepWriter&) = delete;

  const std::vector<CaseRecord>& records() const { return records_; }
  void add(const CaseRecord& record, const RunResults* run, const sim::Recorder* recorder);
  // Adds a case from case_image(); returns its record.
  const CaseRecord& add_image(std::span<const char> image);
  // Writes /sweep/table of the cases done so far, marks the file complete or not, and closes it.
  void finish(bool complete);

 private:
  void flush();
  void reserve(std::uintmax_t bytes);
  void sync();
  std::filesystem::path path_;
  h5::WriteFile file_;  // opened by the constructor
  SweepInfo info_;
  std::vector<CaseRecord> records_;
};

// Renames a finished partial file to `target` durably (fsync of the file and the directory);
// FileError on failure.
void commit_sweep_file(const std::filesystem::path& partial, const std::filesystem::path& target);

// Joins complete shard files of one sweep into `out` (written atomically): the same file a whole
// run writes, cases in order. Throws SweepFileError when the shards are of different sweeps,
// incomplete, overlapping or missing cases.
void merge_sweep_files(const std::vector<std::filesystem::path>& shards, const std::filesystem::path& out);

}  // namespace dcsim::output
