#include "app/sweep_runner.hpp"

#include "output/feasibility.hpp"

#include <unistd.h>

#include <charconv>
#include <chrono>
#include <condition_variable>
#include <csignal>
#include <cstdio>
#include <deque>
#include <filesystem>
#include <limits>
#include <mutex>
#include <set>

#include <fmt/format.h>

#include "app/output_path.hpp"
#include "app/run.hpp"
#include "app/thread_pool.hpp"

namespace dcsim::app {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

std::atomic<int> g_stop_signal{0};
static_assert(std::atomic<int>::is_always_lock_free, "the signal handler needs a lock-free flag");

extern "C" void on_stop_signal(int sig) { g_stop_signal.store(sig); }

struct Cancelled {};

std::string duration_text(double s) {
  if (!(s >= 0) || s > 1e7) return "?";
  const long t = static_cast<long>(s + 0.5);
  if (t >= 3600) return fmt::format("{}h{:02d}m", t / 3600, (t / 60) % 60);
  if (t >= 60) return fmt::format("{}m{:02d}s", t / 60, t % 60);
  return fmt::format("{}s", t);
}

bool plain_number(const std::string& s, double& v) {
  const char* first = s.data();
  const char* last = s.data() + s.size();
  if (first != last && *first == '+') ++first;
  const auto [end, ec] = std::from_chars(first, last, v);
  return ec == std::errc() && end == last && first != last;
}

}  // namespace

// The progress display: a bar redrawn in place on a terminal, plain lines (every 10 % or 30 s)
// otherwise. Rate and time left count only the cases run by this process.
class SweepSession::Progress {
 public:
  Progress(std::size_t total, std::size_t done_before, bool enabled)
      : total_(total), done_(done_before), before_(done_before), enabled_(enabled), tty_(::isatty(STDERR_FILENO)) {}

  void update(std::size_t done, std::size_t failed, bool force = false) {
    done_ = done;
    failed_ = failed;
    if (!enabled_) return;
    const auto now = Clock::now();
    if (tty_) {
      if (!force && now - last_ < std::chrono::milliseconds(100)) return;
      last_ = now;
      constexpr std::size_t kWidth = 30;
      const std::size_t fill = total_ ? kWidth * done_ / total_ : kWidth;
      fmt::print(stderr, "\r  [{:<{}}] {}/{} cases{}  {}  ", std::string(fill, '#'), kWidth, done_, total_,
                 failed_ ? fmt::format(" ({} failed)", failed_) : "", rate_text(now));
      std::fflush(stderr);
      drawn_ = true;
      return;
    }
    const std::size_t decile = total_ ? 10 * done_ / total_ : 10;
    if (done_ == printed_ || (done_ == before_ && !force)) return;
    if (force || decile != last_decile_ || now - last_ > std::chrono::seconds(30)) {
      printed_ = done_;
      last_decile_ = decile;
      last_ = now;
      fmt::print(stderr, "sweep: {}/{} cases{}, {}\n", done_, total_, failed_ ? fmt::format(", {} failed", failed_) : "",
                 rate_text(now));
    }
  }

  // A line of its own (a failed case), above the bar.
  void note(const std::string& line) {
    if (!enabled_) return;
    if (drawn_) fmt::print(stderr, "\r\033[K");
    fmt::print(stderr, "{}\n", line);
    drawn_ = false;
  }

  void end() {
    if (enabled_ && drawn_) fmt::print(stderr, "\n");
    drawn_ = false;
  }

 private:
  std::string rate_text(Clock::time_point now) const {
    const double elapsed = std::chrono::duration<double>(now - start_).count();
    const std::size_t ran = done_ - before_;
    if (ran == 0 || elapsed <= 0) return "";
    const double rate = static_cast<double>(ran) / elapsed;
    return fmt::format("{:.3g} cases/s, {} left", rate, duration_text(static_cast<double>(total_ - done_) / rate));
  }

  std::size_t total_, done_, before_, failed_ = 0;
  bool enabled_, tty_, drawn_ = false;
  std::size_t last_decile_ = std::numeric_limits<std::size_t>::max();
  std::size_t printed_ = std::numeric_limits<std::size_t>::max();
  Clock::time_point start_ = Clock::now(), last_{};
};

bool parse_shard(const std::string& text, unsigned& k, unsigned& n) {
  const std::size_t slash = text.find('/');
  if (slash == std::string::npos) return false;
  const auto parse = [](std::string_view s, unsigned& v) {
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    return ec == std::errc() && end == s.data() + s.size() && !s.empty();
  };
  const std::string_view all(text);
  return parse(all.substr(0, slash), k) && parse(all.substr(slash + 1), n) && n >= 1 && k >= 1 && k <= n;
}

output::h5::Table parameter_table(const Sweep& sweep) {
  output::h5::Table t;
  std::vector<std::int64_t> index;
  std::vector<std::string> id;
  for (const auto& c : sweep.cases) {
    index.push_back(static_cast<std::int64_t>(c.index));
    id.push_back(c.id);
  }
  t.add("case_index", std::move(index)).add("case_id", std::move(id));
  for (const auto& col : sweep.columns) {
    std::vector<std::string> text(sweep.cases.size());
    std::vector<double> number(sweep.cases.size(), std::numeric_limits<double>::quiet_NaN());
    bool numeric = true;
    for (const auto& c : sweep.cases) {
      for (const auto& p : c.params) {
        if (p.path != col) continue;
        text[c.index] = p.text;
        numeric = numeric && p.is_override && plain_number(p.text, number[c.index]);  // `base`: file names
      }
    }
    if (numeric) {
      t.add(col, std::move(number));
    } else {
      t.add(col, std::move(text));
    }
  }
  return t;
}

CaseOutput run_case(const Sweep& sweep, const SweepCase& c, const std::function<bool()>& stop) {
  CaseOutput out;
  output::CaseRecord& r = out.record;
  r.index = static_cast<std::int64_t>(c.index);
  r.id = c.id;
  for (const auto& p : c.params) r.parameters += (r.parameters.empty() ? "" : "\n") + p.path + "=" + p.text;
  if (stop()) {
    out.cancelled = true;
    return out;
  }
  try {
    Scenario sc = load_case(sweep, c);
    sc.facility.keep_timeseries = sweep.timeseries;  // summaries only: no recorder rows at all
    r.inputs = case_inputs(sweep, sc.input_files);
    RunOutcome o = run_scenario(sc, [&](double) {
      if (stop()) throw Cancelled{};
    });
    r.ok = true;
    r.summary = o.file.summary;
    out.run = std::move(o.file);
    if (sweep.timeseries) {
      out.recorder = std::move(o.result.recorder);
    } else {
      for (const auto& e : o.result.recorder.events()) out.recorder.log_event(e.time_s, e.kind, e.component, e.detail);
    }
  } catch (const Cancelled&) {
    out.cancelled = true;
  } catch (const InputException& e) {
    r.error = e.errors().format();
    while (!r.error.empty() && r.error.back() == '\n') r.error.pop_back();
  } catch (const std::exception& e) {
    r.error = e.what();
  }
  return out;
}

int stop_signal() { return g_stop_signal.load(); }

StopOnSignal::StopOnSignal() {
  g_stop_signal.store(0);
  struct sigaction sa {};
  sa.sa_handler = on_stop_signal;
  sigemptyset(&sa.sa_mask);
  sa.sa_flags = SA_RESETHAND;  // a second signal acts as usual
  sigaction(SIGINT, &sa, nullptr);
  sigaction(SIGTERM, &sa, nullptr);
}

StopOnSignal::~StopOnSignal() {
  std::signal(SIGINT, SIG_DFL);
  std::signal(SIGTERM, SIG_DFL);
}

SweepSession::SweepSession(const Sweep& sweep, const SweepOptions& options, const std::string& workers)
    : sweep_(sweep), options_(options), partial_(options.output + ".partial") {
  options_.output = checked_output_path(options.output, sweep.input_files).string();
  partial_ = options_.output + ".partial";
  checked_output_path(partial_, sweep.input_files);
  output::SweepInfo info;
  info.name = sweep.name;
  info.description = sweep.description;
  info.fingerprint = sweep.fingerprint;
  info.inputs = sweep.inputs;
  info.case_count = static_cast<std::int64_t>(sweep.cases.size());
  info.shard = options.shard_n > 1 ? fmt::format("{}/{}", options.shard_k, options.shard_n) : "";
  info.definition = sweep.doc->text();
  info.parameters = parameter_table(sweep);
  const bool have_partial = fs::exists(partial_);
  if (have_partial && !options.resume) {
    throw output::SweepFileError(fmt::format("'{}' exists: a sweep into '{}' was interrupted. Continue it with --resume, "
                                             "or delete it to start again", partial_, options.output));
  }
  using Mode = output::SweepWriter::Mode;
  writer_ = std::make_unique<output::SweepWriter>(partial_, info, have_partial ? Mode::resume : Mode::create);
  // A case that read a data file of its own (an axis over the EPW) ran on that file's content then.
  for (const auto& r : writer_->records()) {
    if (r.inputs.empty()) continue;
    if (const std::string changed = changed_input(sweep, r.inputs); !changed.empty()) {
      throw output::SweepFileError(fmt::format("cannot resume from '{}': case {}: {}; restore the file, or delete '{}' to "
                                               "start again", partial_, r.id, changed, partial_));
    }
  }
  std::set<std::int64_t> done;
  for (const auto& r : writer_->records()) {
    done.insert(r.index);
    if (!r.ok) ++failed_;
  }
  for (const auto& c : sweep.cases) {
    if (c.index % options.shard_n != options.shard_k - 1) continue;
    ++shard_cases_;
    if (!done.count(static_cast<std::int64_t>(c.index))) todo_.push_back(c.index);
  }
  done_before_ = shard_cases_ - todo_.size();
  if (!options.quiet) {
    fmt::print(stderr, "sweep '{}': {} cases{}, {} -> {}\n", sweep.name, shard_cases_,
               info.shard.empty() ? "" : fmt::format(" (shard {} of {} in all)", info.shard, sweep.cases.size()), workers,
               options.output);
    if (have_partial) fmt::print(stderr, "resuming {}: {} cases already done, {} to run\n", partial_, done_before_, todo_.size());
  }
  progress_ = std::make_unique<Progress>(shard_cases_, done_before_, !options.quiet);
}

SweepSession::~SweepSession() = default;

void SweepSession::count(const output::CaseRecord& r) {
  if (!r.ok) {
    ++failed_;
    const std::string first = r.error.substr(0, r.error.find('\n'));
    progress_->note(fmt::format("case {} failed: {}", r.id, first));
  }
  progress_->update(writer_->records().size(), failed_);
}

void SweepSession::accept(const CaseOutput& out) {
  const bool ok = out.record.ok;
  writer_->add(out.record, ok ? &out.run : nullptr, ok ? &out.recorder : nullptr);
  count(out.record);
}

void SweepSession::accept_image(std::span<const char> image) { count(writer_->add_image(image)); }

void SweepSession::tick() { progress_->update(writer_->records().size(), failed_); }

int SweepSession::finish() {
  const std::size_t done = writer_->records().size();
  const bool complete = done == shard_cases_;
  progress_->update(done, failed_, true);
  progress_->end();
  const std::vector<output::CaseRecord> records = writer_->records();
  writer_->finish(complete);
  writer_.reset();
  if (!complete) {
    const int sig = stop_signal();
    fmt::print(stderr, "interrupted{}: {} of {} cases are in {}; run the same command with --resume to finish\n",
               sig == SIGINT ? " (SIGINT)" : sig == SIGTERM ? " (SIGTERM)" : "", done, shard_cases_, partial_);
    return 128 + (sig ? sig : SIGINT);
  }
  output::commit_sweep_file(partial_, options_.output);
  if (failed_ > 0) {
    fmt::print(stderr, "{} of {} cases failed (status 'failed' and the error in /sweep/table); results: {}\n", failed_,
               shard_cases_, options_.output);
    return kExitCasesFailed;
  }
  // Feasibility of the cases that ran: said whatever --quiet, an exit status with --strict.
  std::size_t not_met = 0;
  for (const auto& r : records) not_met += r.ok && output::status_of(r.summary) != output::RunStatus::ok ? 1 : 0;
  if (not_met > 0) {
    fmt::print(stderr, "warning: {} of {} cases did not meet their design load (see the 'status' column of /sweep/table)\n",
               not_met, shard_cases_);
  }
  if (!options_.quiet) fmt::print(stderr, "results: {}\n", options_.output);
  return options_.strict && not_met > 0 ? kExitNotFeasible : 0;
}

namespace {

int run_threads(const Sweep& sweep, const SweepOptions& options) {
  const unsigned threads = options.threads ? options.threads : hardware_threads();
  const StopOnSignal signals;
  SweepSession session(sweep, options, fmt::format("{} worker thread{}", threads, threads == 1 ? "" : "s"));
  const auto& todo = session.todo();
  std::atomic<bool> abort{false};  // the writer failed: drain the workers, then report
  const auto stop = [&] { return stop_signal() != 0 || abort.load(); };
  std::mutex mutex;
  std::condition_variable changed;
  std::deque<CaseOutput> results;  // bounded: workers wait when the writer is behind
  const std::size_t capacity = 2 * static_cast<std::size_t>(threads);
  std::exception_ptr failure;
  {
    ThreadPool pool(std::min<unsigned>(threads, static_cast<unsigned>(std::max<std::size_t>(1, todo.size()))));
    for (const std::size_t index : todo) {
      pool.submit([&, index] {
        CaseOutput out = run_case(sweep, sweep.cases[index], stop);
        std::unique_lock lock(mutex);
        changed.wait(lock, [&] { return results.size() < capacity; });
        results.push_back(std::move(out));
        changed.notify_all();
      });
    }
    for (std::size_t received = 0; received < todo.size();) {
      std::unique_lock lock(mutex);
      if (!changed.wait_for(lock, std::chrono::milliseconds(200), [&] { return !results.empty(); })) {
        lock.unlock();
        if (!failure) session.tick();
        continue;
      }
      CaseOutput out = std::move(results.front());
      results.pop_front();
      changed.notify_all();
      lock.unlock();
      ++received;
      if (out.cancelled || failure) continue;
      try {
        session.accept(out);
      } catch (...) {
        failure = std::current_exception();
        abort = true;
      }
    }
    pool.wait();
  }
  if (failure) {
    try {
      std::rethrow_exception(failure);
    } catch (const output::FileError& e) {
      // The cases flushed before the failure stay in the partial file.
      throw output::FileError(fmt::format("{}\nthe cases finished before are in '{}.partial': free space, then run the same "
                                          "command with --resume (a damaged partial file is refused: delete it to start again)",
                                          e.what(), options.output));
    }
  }
  return session.finish();
}

}  // namespace

int run_sweep(const Sweep& sweep, const SweepOptions& options) {
  if (mpi_launched()) return run_sweep_mpi(sweep, options);
  return run_threads(sweep, options);
}

}  // namespace dcsim::app
