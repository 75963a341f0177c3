#include "app/sweep_cli.hpp"

#include <charconv>
#include <filesystem>
#include <iostream>

#include <boost/program_options.hpp>
#include <fmt/format.h>

#include "app/output_path.hpp"
#include "app/sweep_runner.hpp"
#include "app/sweep_spec.hpp"
#include "output/sweep_file.hpp"

namespace dcsim::app {

namespace po = boost::program_options;

namespace {

po::variables_map parse(const std::vector<std::string>& args, po::options_description& opts,
                        const po::positional_options_description& pos) {
  opts.add_options()("help,h", "show this help");
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(args).options(opts).positional(pos).run(), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    throw output::SweepFileError(std::string(e.what()) + "\nrun 'dcsim --help' for usage");
  }
  return vm;
}

// -j N: a whole number in [1, kMaxJobs]. (Read as text: a program_options unsigned takes "-3" as
// 4294967293.)
constexpr unsigned kMaxJobs = 1024;
unsigned parse_jobs(const std::string& text) {
  unsigned n = 0;
  const char* end = text.data() + text.size();
  const auto [p, ec] = std::from_chars(text.data(), end, n);
  if (text.empty() || ec != std::errc() || p != end || n < 1 || n > kMaxJobs) {
    throw output::SweepFileError(fmt::format("-j '{}': expected a number of worker threads from 1 to {}", text, kMaxJobs));
  }
  return n;
}

}  // namespace

int cmd_sweep(const std::vector<std::string>& args) {
  po::options_description opts("dcsim sweep options");
  opts.add_options()("sweep", po::value<std::string>(), "sweep file")(
      "output,o", po::value<std::string>(), "results file (written as OUT.h5.partial until complete)")(
      "jobs,j", po::value<std::string>(), "worker threads, 1 to 1024 (default: every core; ignored under mpirun)")(
      "shard", po::value<std::string>(), "run part K of N: the cases whose index % N == K-1")(
      "resume", "continue an interrupted sweep from OUT.h5.partial")("quiet,q", "no progress display")(
      "strict", "exit 4 when a case's status is not ok (design load not met; docs/output.md)");
  po::positional_options_description pos;
  pos.add("sweep", 1);
  const po::variables_map vm = parse(args, opts, pos);
  if (vm.count("help")) {
    std::cout << "usage: dcsim sweep SWEEP.yaml -o OUT.h5 [-j N] [--shard K/N] [--resume] [--quiet] [--strict]\n\n"
              << opts
              << "\nexit status: 0 every case ok, 3 complete but some cases failed, 2 bad input,\n"
                 "130/143 interrupted by SIGINT/SIGTERM (finished cases kept for --resume), 1 internal failure.\n"
                 "\nexamples:\n"
                 "  dcsim sweep scenarios/supply-temps.sweep.yaml -o supply-temps.h5 -j 8\n"
                 "  dcsim sweep big.sweep.yaml -o part3.h5 --shard 3/10     # then: dcsim merge part*.h5 -o big.h5\n"
                 "  mpirun -n 64 dcsim sweep big.sweep.yaml -o big.h5\n";
    return 0;
  }
  if (!vm.count("sweep")) throw output::SweepFileError("sweep needs a sweep file\nrun 'dcsim sweep --help' for usage");
  if (!vm.count("output")) throw output::SweepFileError("sweep needs an output file: -o OUT.h5");
  SweepOptions o;
  o.output = vm["output"].as<std::string>();
  if (vm.count("jobs")) o.threads = parse_jobs(vm["jobs"].as<std::string>());
  if (vm.count("shard") && !parse_shard(vm["shard"].as<std::string>(), o.shard_k, o.shard_n)) {
    throw output::SweepFileError(fmt::format("--shard '{}': expected K/N with 1 <= K <= N, e.g. --shard 2/8",
                                             vm["shard"].as<std::string>()));
  }
  o.resume = vm.count("resume") > 0;
  o.quiet = vm.count("quiet") > 0;
  o.strict = vm.count("strict") > 0;
  const Sweep sweep = load_sweep(vm["sweep"].as<std::string>());
  // Before any case runs: the results file and its partial may be written, and neither is an input.
  o.output = checked_output_path(o.output, sweep.input_files).string();
  checked_output_path(o.output + ".partial", sweep.input_files);
  return run_sweep(sweep, o);
}

int cmd_merge(const std::vector<std::string>& args) {
  po::options_description opts("dcsim merge options");
  opts.add_options()("shards", po::value<std::vector<std::string>>(), "shard files")(
      "output,o", po::value<std::string>(), "merged results file");
  po::positional_options_description pos;
  pos.add("shards", -1);
  const po::variables_map vm = parse(args, opts, pos);
  if (vm.count("help")) {
    std::cout << "usage: dcsim merge SHARD.h5 ... -o OUT.h5\n\n"
              << opts
              << "\nJoins the complete shard files of one sweep (dcsim sweep --shard K/N) into the file a whole\n"
                 "run writes: every case once, the table in case order.\n\nexamples:\n"
                 "  dcsim merge part1.h5 part2.h5 part3.h5 -o sweep.h5\n";
    return 0;
  }
  if (!vm.count("shards")) throw output::SweepFileError("merge needs shard files\nrun 'dcsim merge --help' for usage");
  if (!vm.count("output")) throw output::SweepFileError("merge needs an output file: -o OUT.h5");
  std::vector<std::filesystem::path> shards;
  for (const auto& s : vm["shards"].as<std::vector<std::string>>()) shards.emplace_back(s);
  const std::string out = vm["output"].as<std::string>();
  output::merge_sweep_files(shards, checked_output_path(out, vm["shards"].as<std::vector<std::string>>()));
  fmt::print(stderr, "merged {} files -> {}\n", shards.size(), out);
  return 0;
}

int validate_sweep(const std::string& path, const std::vector<std::string>& sets) {
  const Sweep sweep = load_sweep(path, sets);
  const auto bad = validate_sweep_cases(sweep, hardware_threads());
  if (!bad.empty()) {
    fmt::print(stderr, "{}", format_case_errors(sweep, bad));
    return 2;
  }
  const std::string bases = sweep.base_list ? fmt::format("{} base scenarios", sweep.bases.size()) : sweep.bases[0].path;
  fmt::print("{}: ok: sweep '{}' of {}: {} cases over {} parameter{}{}\n", path, sweep.name, bases,
             sweep.cases.size(), sweep.columns.size(), sweep.columns.size() == 1 ? "" : "s",
             sweep.columns.empty() ? "" : " (" + join(sweep.columns) + ")");
  return 0;
}

}  // namespace dcsim::app
