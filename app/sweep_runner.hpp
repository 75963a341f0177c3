// The sweep runner: `dcsim sweep SWEEP.yaml -o OUT.h5 [-j N] [--shard K/N] [--resume]`.
//
// Workers (a thread pool, or MPI ranks under mpirun) run cases; one writer (the main thread, or
// rank 0) appends each finished case to OUT.h5.partial, which is a valid HDF5 file after every case
// (output/sweep_file.hpp). When every case of the shard is in, the writer adds /sweep/table (rows in
// case order, so the file does not depend on the number of workers) and renames the file to OUT.h5.
// SIGINT/SIGTERM stop cleanly: no new case starts, running cases are abandoned at their next
// progress check, the table of the finished cases is written and OUT.h5.partial stays for --resume.
//
// Exit status: 0 every case ok; 3 the file is complete but some cases failed (status "failed" and
// their error in the table); 2 bad input (sweep file, command line, a partial file of another
// sweep); 128+signal when interrupted (130 for Ctrl-C); 1 internal failure.
#pragma once

#include <atomic>
#include <cstddef>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "app/sweep_spec.hpp"
#include "output/sweep_file.hpp"

namespace dcsim::app {

inline constexpr int kExitCasesFailed = 3;

struct SweepOptions {
  std::string output;
  unsigned threads = 0;  // 0: every core the process may use
  unsigned shard_k = 1;  // --shard K/N: cases with index % N == K - 1
  unsigned shard_n = 1;
  bool resume = false;
  bool quiet = false;
  bool strict = false;  // exit kExitNotFeasible when a case's status is not ok
};

// Parses "K/N" (1 <= K <= N). Returns false if malformed.
bool parse_shard(const std::string& text, unsigned& k, unsigned& n);

// Runs the sweep (under MPI when launched by mpirun with several ranks and built with MPI).
// Returns the exit status. Throws InputException / output::SweepFileError on bad input.
int run_sweep(const Sweep& sweep, const SweepOptions& options);

// One row per case of the whole sweep: case_index, case_id, one column per parameter. A column is
// float64 when every value in it is a plain number (NaN where a case does not set it), else text.
output::h5::Table parameter_table(const Sweep& sweep);

// --- shared by the thread and MPI runners ------------------------------------------------------

struct CaseOutput {
  output::CaseRecord record;
  output::RunResults run;
  sim::Recorder recorder;  // time series only with `timeseries: true`; always the events
  bool cancelled = false;
};

// Loads and runs one case; input errors and model failures become a failed record. `stop` is
// polled at every progress step of the simulation (about 100 per run).
CaseOutput run_case(const Sweep& sweep, const SweepCase& c, const std::function<bool()>& stop);

// The signal number (SIGINT, SIGTERM) that asked the sweep to stop, or 0.
int stop_signal();

// Installs the SIGINT/SIGTERM handlers for the lifetime of the object (one signal stops cleanly,
// a second one kills as usual).
class StopOnSignal {
 public:
  StopOnSignal();
  ~StopOnSignal();
  StopOnSignal(const StopOnSignal&) = delete;
  StopOnSignal& operator=(const StopOnSignal&) = delete;
};

// The writer's side of a run: the partial file, the cases still to do, progress and the end.
class SweepSession {
 public:
  // `workers` describes them for the first line of output: "2 worker threads".
  SweepSession(const Sweep& sweep, const SweepOptions& options, const std::string& workers);
  ~SweepSession();
  const std::vector<std::size_t>& todo() const { return todo_; }
  void accept(const CaseOutput& out);
  void accept_image(std::span<const char> image);
  // Refreshes the progress display (call while waiting).
  void tick();
  // Writes the table, commits the file when complete, prints the outcome; returns the exit status.
  int finish();

 private:
  class Progress;
  void count(const output::CaseRecord& r);
  const Sweep& sweep_;
  SweepOptions options_;
  std::string partial_;
  std::unique_ptr<output::SweepWriter> writer_;
  std::unique_ptr<Progress> progress_;
  std::vector<std::size_t> todo_;
  std::size_t shard_cases_ = 0, done_before_ = 0, failed_ = 0;
};

// MPI (app/mpi_sweep.cpp): true when started by mpirun with several ranks. run_sweep_mpi throws
// output::SweepFileError when dcsim was built without MPI (every rank would write the same file).
bool mpi_launched();
int run_sweep_mpi(const Sweep& sweep, const SweepOptions& options);

}  // namespace dcsim::app
