// The sweep under MPI (`mpirun -n P dcsim sweep ...`): rank 0 coordinates and writes, ranks 1..P-1
// run cases. Cases are handed out dynamically: a worker sends a message (empty the first time, then
// the result of its last case) and rank 0 answers with the index of the next case, or -1 to stop.
// A result is the case serialized as an in-memory HDF5 file image (output::case_image), which rank
// 0 copies into the sweep file: the same bytes a threaded run writes. Signals: mpirun forwards
// SIGINT/SIGTERM to every rank; workers abandon their case, rank 0 stops handing out cases and
// keeps the partial file for --resume. Built without MPI, a sweep under mpirun is refused.
#include "app/sweep_runner.hpp"

#include <chrono>
#include <cstdlib>
#include <cstring>
#include <stdexcept>
#include <thread>
#include <vector>
#include <memory>

#include <fmt/format.h>

#ifdef DCSIM_HAVE_MPI
#include <mpi.h>
#endif

namespace dcsim::app {

bool mpi_launched() {
  for (const char* var : {"OMPI_COMM_WORLD_SIZE", "PMI_SIZE", "PMIX_SIZE"}) {
    const char* v = std::getenv(var);
    if (v != nullptr && std::atoi(v) > 1) return true;
  }
  return false;
}

#ifdef DCSIM_HAVE_MPI

namespace {

constexpr int kTagResult = 1;  // worker -> rank 0: int64 kind, then the payload
constexpr int kTagWork = 2;    // rank 0 -> worker: int64 case index, -1 to stop
constexpr std::int64_t kReady = 0, kImage = 1, kCancelled = 2;

void send_result(std::int64_t kind, const std::vector<char>& payload) {
  std::vector<char> msg(sizeof kind + payload.size());
  std::memcpy(msg.data(), &kind, sizeof kind);
  if (!payload.empty()) std::memcpy(msg.data() + sizeof kind, payload.data(), payload.size());
  MPI_Send(msg.data(), static_cast<int>(msg.size()), MPI_BYTE, 0, kTagResult, MPI_COMM_WORLD);
}

void worker(const Sweep& sweep) {
  const auto stop = [] { return stop_signal() != 0; };
  send_result(kReady, {});
  while (true) {
    std::int64_t index = -1;
    MPI_Recv(&index, 1, MPI_INT64_T, 0, kTagWork, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
    if (index < 0) return;
    const CaseOutput out = run_case(sweep, sweep.cases[static_cast<std::size_t>(index)], stop);
    if (out.cancelled) {
      send_result(kCancelled, {});
    } else {
      const bool ok = out.record.ok;
      send_result(kImage, output::case_image(out.record, ok ? &out.run : nullptr, ok ? &out.recorder : nullptr));
    }
  }
}

int coordinator(const Sweep& sweep, const SweepOptions& options, int ranks) {
  std::unique_ptr<SweepSession> session;
  std::exception_ptr failure;
  try {
    session = std::make_unique<SweepSession>(sweep, options, fmt::format("{} MPI worker rank{}", ranks - 1, ranks == 2 ? "" : "s"));
  } catch (...) {
    failure = std::current_exception();  // still answer every worker, then report
  }
  const std::vector<std::size_t> none;
  const auto& todo = session ? session->todo() : none;
  std::size_t next = 0;
  int active = ranks - 1;
  std::vector<char> buf;
  while (active > 0) {
    int flag = 0;
    MPI_Status st;
    MPI_Iprobe(MPI_ANY_SOURCE, kTagResult, MPI_COMM_WORLD, &flag, &st);
    if (!flag) {
      if (session && !failure) session->tick();
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
      continue;
    }
    int bytes = 0;
    MPI_Get_count(&st, MPI_BYTE, &bytes);
    buf.resize(static_cast<std::size_t>(bytes));
    MPI_Recv(buf.data(), bytes, MPI_BYTE, st.MPI_SOURCE, kTagResult, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
    std::int64_t kind = kReady;
    std::memcpy(&kind, buf.data(), sizeof kind);
    if (kind == kImage && !failure) {
      try {
        session->accept_image(std::span<const char>(buf.data() + sizeof kind, buf.size() - sizeof kind));
      } catch (...) {
        failure = std::current_exception();
      }
    }
    std::int64_t reply = -1;
    if (!failure && stop_signal() == 0 && next < todo.size()) reply = static_cast<std::int64_t>(todo[next++]);
    if (reply < 0) --active;
    MPI_Send(&reply, 1, MPI_INT64_T, st.MPI_SOURCE, kTagWork, MPI_COMM_WORLD);
  }
  if (failure) std::rethrow_exception(failure);
  return session->finish();
}

}  // namespace

int run_sweep_mpi(const Sweep& sweep, const SweepOptions& options) {
  MPI_Init(nullptr, nullptr);
  int rank = 0, ranks = 1;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  MPI_Comm_size(MPI_COMM_WORLD, &ranks);
  const StopOnSignal signals;
  int status = 0;
  try {
    if (rank == 0) {
      status = coordinator(sweep, options, ranks);
    } else {
      worker(sweep);
    }
  } catch (...) {
    if (rank != 0) {
      // A worker cannot report to the user on its own: stop the whole job.
      try {
        throw;
      } catch (const std::exception& e) {
        fmt::print(stderr, "dcsim: rank {}: internal error: {}\n", rank, e.what());
      }
      MPI_Abort(MPI_COMM_WORLD, 1);
    }
    MPI_Finalize();
    throw;
  }
  MPI_Finalize();
  return status;
}

#else

int run_sweep_mpi(const Sweep&, const SweepOptions&) {
  throw output::SweepFileError(
      "started by mpirun, but this dcsim was built without MPI: run it without mpirun (threads), or split the "
      "sweep with --shard K/N");
}

#endif

}  // namespace dcsim::app
