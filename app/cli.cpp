#include "app/cli.hpp"

#include "output/feasibility.hpp"

#include <unistd.h>

#include <cstdio>
#include <exception>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include <boost/program_options.hpp>
#include <fmt/format.h>

#include "app/input_error.hpp"
#include "app/output_path.hpp"
#include "app/run.hpp"
#include "app/scenario.hpp"
#include "app/sweep_cli.hpp"
#include "app/sweep_spec.hpp"
#include "models/facility.hpp"
#include "output/sweep_file.hpp"
#include "models/site_library.hpp"
#include "output/run_file.hpp"
#include "sim/check.hpp"
#include "sim/thermal_network.hpp"
#include "sim/version.hpp"

namespace dcsim::app {

namespace po = boost::program_options;
namespace fs = std::filesystem;

namespace {

constexpr const char* kUsage = R"(dcsim: discrete-event simulator of datacenter cooling, power and carbon

usage:
  dcsim run SCENARIO.yaml [-o OUT.h5] [--set key.path=value ...] [--replicates N] [--json] [--quiet] [--strict]
  dcsim validate SCENARIO.yaml|SWEEP.yaml [--set key.path=value ...] [--strict]
  dcsim sweep SWEEP.yaml -o OUT.h5 [-j N] [--shard K/N] [--resume] [--quiet] [--strict]
  dcsim merge SHARD.h5 ... -o OUT.h5
  dcsim sites
  dcsim graph SCENARIO.yaml
  dcsim schema [--format markdown|json] [-o FILE]
  dcsim --version | --help | COMMAND --help

exit status: 0 success, 2 bad input (the message points at it), 1 internal failure;
  sweep: 3 when some cases failed, 130/143 when interrupted (see dcsim sweep --help);
  run and sweep with --strict: 4 when the design did not meet its load (status not ok).

examples:
  dcsim run scenarios/iceland-geothermal-liquid.yaml -o iceland.h5
  dcsim run scenarios/iceland-geothermal-liquid.yaml --set cooling.liquid.supply_temp=40degC --json
  dcsim sweep scenarios/sites.sweep.yaml -o sites.h5 -j 2
  dcsim graph scenarios/iceland-geothermal-liquid.yaml | dot -Tpng -o facility.png
)";

// Thrown for a bad command line: exit status 2 with the message and the command's usage.
struct UsageError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct Parsed {
  po::variables_map vm;
  bool help = false;
};

Parsed parse(const std::vector<std::string>& args, po::options_description opts, const po::positional_options_description& pos) {
  opts.add_options()("help,h", "show this help");
  Parsed p;
  try {
    po::store(po::command_line_parser(args).options(opts).positional(pos).run(), p.vm);
    po::notify(p.vm);
  } catch (const po::error& e) {
    throw UsageError(e.what());
  }
  p.help = p.vm.count("help") > 0;
  return p;
}

void print_help(const char* synopsis, const po::options_description& opts, const char* examples) {
  std::cout << synopsis << "\n\n" << opts << "\nexamples:\n" << examples;
}

class Progress {
 public:
  explicit Progress(bool enabled) : enabled_(enabled && ::isatty(STDERR_FILENO)) {}
  void operator()(double f) {
    if (!enabled_) return;
    const int pct = static_cast<int>(f * 100.0 + 0.5);
    if (pct == last_) return;
    last_ = pct;
    const int bar = pct / 4;
    fmt::print(stderr, "\r  [{:<25}] {:3d} %", std::string(static_cast<std::size_t>(bar), '#'), pct);
    if (pct >= 100) fmt::print(stderr, "\n");
    std::fflush(stderr);
  }

 private:
  bool enabled_;
  int last_ = -1;
};

int cmd_run(const std::vector<std::string>& args) {
  po::options_description opts("dcsim run options");
  opts.add_options()("scenario", po::value<std::string>(), "scenario file")(
      "output,o", po::value<std::string>(), "results file (default: <scenario file name>.h5 here)")(
      "set", po::value<std::vector<std::string>>()->composing(), "override a value: key.path=value (repeatable)")(
      "replicates", po::value<int>(), "run N seeds (seed, seed+1, ...) and report P5/P50/P95 (default: the scenario's `replicates`)")(
      "json", "print the summary as JSON on stdout")("quiet,q", "no terminal summary, no progress")(
      "strict", "exit 4 when the run's status is not ok (design load not met; docs/output.md)");
  po::positional_options_description pos;
  pos.add("scenario", 1);
  const Parsed p = parse(args, opts, pos);
  if (p.help) {
    print_help("usage: dcsim run SCENARIO.yaml [-o OUT.h5] [--set key.path=value ...] [--replicates N] [--json] [--quiet] [--strict]", opts,
               "  dcsim run scenarios/iceland-geothermal-liquid.yaml -o iceland.h5\n"
               "  dcsim run scenarios/iceland-geothermal-liquid.yaml --replicates 20 -o iceland-spread.h5\n"
               "  dcsim run scenarios/iceland-geothermal-liquid.yaml --set cooling.liquid.supply_temp=40degC --json\n");
    return 0;
  }
  if (!p.vm.count("scenario")) throw UsageError("run needs a scenario file");
  const std::string path = p.vm["scenario"].as<std::string>();
  const std::vector<std::string> sets = p.vm.count("set") ? p.vm["set"].as<std::vector<std::string>>() : std::vector<std::string>{};
  const std::string out = p.vm.count("output") ? p.vm["output"].as<std::string>() : fs::path(path).stem().string() + ".h5";
  const bool quiet = p.vm.count("quiet") > 0, json = p.vm.count("json") > 0;
  const Scenario sc = load_scenario(path, sets);
  // Before simulating: a results file can go there, and it is none of the run's inputs.
  const fs::path target = checked_output_path(out, sc.input_files);
  int replicates = sc.replicates;
  if (p.vm.count("replicates")) {
    replicates = p.vm["replicates"].as<int>();
    if (replicates < 1 || replicates > 10000) throw UsageError(fmt::format("--replicates must be in [1, 10000] (got {})", replicates));
  }
  Progress progress(!quiet && !json);
  const auto with_seed = [&](std::uint64_t seed) {
    std::vector<std::string> s = sets;
    s.push_back(fmt::format("seed={}", seed));
    return load_scenario(path, s);
  };
  const RunOutcome r = run_replicates(sc, replicates, with_seed, [&](double f) { progress(f); });
  output::write_run_file(target, r.file, r.result.recorder);
  if (json) {
    fmt::print("{}", output::format_json(r.report));
  } else if (!quiet) {
    fmt::print("{}", output::format_terminal(r.report));
    fmt::print("results: {}\n", out);
  }
  // Without the terminal table the verdict and warnings still reach the user, on stderr.
  if (json || quiet) {
    if (const std::string v = output::verdict(r.summary); !v.empty()) fmt::print(stderr, "{}\n", v);
    for (const auto& w : output::report_warnings(r.report)) fmt::print(stderr, "warning: {}\n", w);
  }
  const bool met = output::status_of(r.summary) == output::RunStatus::ok;
  return p.vm.count("strict") && !met ? kExitNotFeasible : 0;
}

int cmd_validate(const std::vector<std::string>& args) {
  po::options_description opts("dcsim validate options");
  opts.add_options()("file", po::value<std::string>(), "scenario or sweep file")(
      "set", po::value<std::vector<std::string>>()->composing(), "override a value: key.path=value (repeatable)")(
      "strict", "exit 4 when installed capacity is below the design load at the site's design conditions");
  po::positional_options_description pos;
  pos.add("file", 1);
  const Parsed p = parse(args, opts, pos);
  if (p.help) {
    print_help("usage: dcsim validate SCENARIO.yaml|SWEEP.yaml [--set key.path=value ...] [--strict]", opts,
               "  dcsim validate scenarios/iceland-geothermal-liquid.yaml\n");
    return 0;
  }
  if (!p.vm.count("file")) throw UsageError("validate needs a file");
  const std::string path = p.vm["file"].as<std::string>();
  const std::vector<std::string> sets = p.vm.count("set") ? p.vm["set"].as<std::vector<std::string>>() : std::vector<std::string>{};
  if (is_sweep_file(path)) return validate_sweep(path, sets);
  const bool strict = p.vm.count("strict") > 0;
  const Scenario sc = load_scenario(path, sets);
  const auto issues = sc.graph.validate();
  for (const auto& i : issues) fmt::print(stderr, "{}: error: facility graph: {}\n", path, i);
  if (!issues.empty()) return 2;
  // Installed capacity against the design load at the weather's 0.4 % condition.
  const auto short_lines = output::sizing_warnings(models::Facility(sc.facility, sc.graph).sizing());
  for (const auto& w : short_lines) fmt::print(stderr, "{}: warning: sizing: {}\n", path, w);
  std::size_t racks = 0;
  for (const auto& g : sc.facility.groups) racks += static_cast<std::size_t>(g.rack.rack_count);
  fmt::print("{}: ok: scenario '{}', site {}, {} rack groups ({} racks), {} plants{}\n", path, sc.name, sc.site_label,
             sc.facility.groups.size(), racks, sc.facility.plants.size(), sc.overrides.empty() ? "" : ", with overrides");
  for (const auto& o : sc.overrides) fmt::print("  override {}\n", o);
  return strict && !short_lines.empty() ? kExitNotFeasible : 0;
}

int cmd_sites(const std::vector<std::string>& args) {
  po::options_description opts("dcsim sites options");
  const Parsed p = parse(args, opts, {});
  if (p.help) {
    print_help("usage: dcsim sites", opts, "  dcsim sites\n");
    return 0;
  }
  fmt::print("{:<11} {:<34} {:>7} {:>8} {:>6} {:>5} {:>7} {:>7}  {}\n", "name", "place", "lat", "lon", "elev", "zone",
             "DB0.4%", "WB0.4%", "grid gCO2e/kWh (year, source)");
  for (const auto& s : models::site_library()) {
    fmt::print("{:<11} {:<34} {:>7.2f} {:>8.2f} {:>5.0f}m {:>5} {:>6.1f}C {:>6.1f}C  {:g} ({}, {})\n", s.name, s.display_name,
               s.latitude_deg, s.longitude_deg, s.elevation_m, s.climate_zone, s.design_dry_bulb_c, s.design_wet_bulb_c,
               s.grid_intensity_g_per_kwh, s.grid_intensity_year, s.grid_intensity_source);
  }
  return 0;
}

int cmd_graph(const std::vector<std::string>& args) {
  po::options_description opts("dcsim graph options");
  opts.add_options()("scenario", po::value<std::string>(), "scenario file")(
      "network", po::bool_switch(), "print the assembled thermal network (nodes, links, sources) as text instead");
  po::positional_options_description pos;
  pos.add("scenario", 1);
  const Parsed p = parse(args, opts, pos);
  if (p.help) {
    print_help("usage: dcsim graph SCENARIO.yaml [--network]   (Graphviz DOT on stdout)", opts,
               "  dcsim graph scenarios/iceland-geothermal-liquid.yaml | dot -Tpng -o facility.png\n"
               "  dcsim graph --network scenarios/iceland-geothermal-liquid.yaml\n");
    return 0;
  }
  if (!p.vm.count("scenario")) throw UsageError("graph needs a scenario file");
  const Scenario sc = load_scenario(p.vm["scenario"].as<std::string>());
  if (p.vm["network"].as<bool>()) {
    const models::Facility facility(sc.facility, sc.graph);
    fmt::print("{}", facility.network().describe());
    return 0;
  }
  fmt::print("{}", sc.graph.to_dot());
  return 0;
}

// The scenario format's key reference (Markdown) or JSON Schema, generated from scenario_schema().
int cmd_schema(const std::vector<std::string>& args) {
  po::options_description opts("dcsim schema options");
  opts.add_options()("format,f", po::value<std::string>()->default_value("markdown"), "markdown or json")(
      "output,o", po::value<std::string>(), "write to FILE instead of stdout");
  const Parsed p = parse(args, opts, {});
  if (p.help) {
    print_help("usage: dcsim schema [--format markdown|json] [-o FILE]", opts,
               "  dcsim schema > keys.md\n"
               "  dcsim schema --format json -o scenarios/scenario.schema.json\n");
    return 0;
  }
  const std::string format = p.vm["format"].as<std::string>();
  if (format != "markdown" && format != "json") {
    throw UsageError(fmt::format("unknown format '{}'; {}", format, suggestion(format, {"markdown", "json"}, "formats")));
  }
  const std::string text = format == "json" ? json_schema(scenario_schema(), "dcsim scenario")
                                            : markdown_reference(scenario_schema(), "Scenario keys");
  if (!p.vm.count("output")) {
    fmt::print("{}", text);
    return 0;
  }
  const std::string out = p.vm["output"].as<std::string>();
  std::ofstream f(checked_output_path(out, {}), std::ios::binary);
  f << text;
  if (!f.flush()) throw UsageError(fmt::format("cannot write '{}'", out));
  return 0;
}

}  // namespace

int main_cli(int argc, char** argv) {
  const std::vector<std::string> all(argv + 1, argv + argc);
  try {
    if (all.empty()) {
      fmt::print(stderr, "{}", kUsage);
      return 2;
    }
    const std::string cmd = all.front();
    const std::vector<std::string> rest(all.begin() + 1, all.end());
    if (cmd == "--version" || cmd == "-V") {
      fmt::print("dcsim {} ({})\n", kVersion, kGitDescribe);
      return 0;
    }
    if (cmd == "--help" || cmd == "-h" || cmd == "help") {
      fmt::print("{}", kUsage);
      return 0;
    }
    if (cmd == "run") return cmd_run(rest);
    if (cmd == "validate") return cmd_validate(rest);
    if (cmd == "sites") return cmd_sites(rest);
    if (cmd == "graph") return cmd_graph(rest);
    if (cmd == "schema") return cmd_schema(rest);
    if (cmd == "sweep") return cmd_sweep(rest);
    if (cmd == "merge") return cmd_merge(rest);
    const std::vector<std::string> cmds = {"run", "validate", "sweep", "merge", "sites", "graph", "schema"};
    throw UsageError(fmt::format("unknown command '{}'{}", cmd, [&] {
      const std::string s = suggestion(cmd, cmds, "commands");
      return s.empty() ? std::string() : "; " + s;
    }()));
  } catch (const InputException& e) {
    fmt::print(stderr, "{}", e.errors().format());
    return 2;
  } catch (const UsageError& e) {
    fmt::print(stderr, "dcsim: error: {}\nrun 'dcsim --help' for usage\n", e.what());
    return 2;
  } catch (const OutputPathError& e) {
    fmt::print(stderr, "dcsim: error: {}\n", e.what());
    return 2;
  } catch (const output::SweepFileError& e) {
    fmt::print(stderr, "dcsim: error: {}\n", e.what());
    return 2;
  } catch (const ParameterError& e) {
    fmt::print(stderr, "dcsim: error: {}\n", e.what());
    return 2;
  } catch (const output::FileError& e) {
    fmt::print(stderr, "dcsim: error: {}\n", e.what());
    return 1;
  } catch (const std::exception& e) {
    fmt::print(stderr, "dcsim: internal error: {}\n", e.what());
    return 1;
  } catch (const H5::Exception& e) {
    // Last resort: every HDF5 path has its own boundary (output::h5::file_boundary).
    fmt::print(stderr, "dcsim: error: HDF5: {}: {}\n", e.getFuncName(), e.getDetailMsg());
    return 1;
  } catch (...) {
    fmt::print(stderr, "dcsim: internal error: an unknown exception\n");
    return 1;
  }
}

}  // namespace dcsim::app
