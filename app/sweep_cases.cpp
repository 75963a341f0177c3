// A sweep's cases once expanded (app/sweep_spec.hpp): the input files on record for a resume, the
// scenario of one case, the validation of every case before a run, and the thread count.
#include <sched.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <thread>
#include <map>
#include <set>
#include <vector>

#include <fmt/format.h>

#include "app/input_file.hpp"
#include "app/sweep_spec.hpp"
#include "app/thread_pool.hpp"
#include "output/sweep_file.hpp"

namespace dcsim::app {

namespace fs = std::filesystem;

namespace {

// `file` as recorded: relative to the sweep file's folder (so a resume from another working folder
// names the same files), lexically normal.
std::string recorded_path(const Sweep& sweep, const std::string& file) {
  const fs::path dir = fs::absolute(fs::path(sweep.path)).parent_path();
  const fs::path rel = fs::absolute(fs::path(file)).lexically_normal().lexically_relative(dir.lexically_normal());
  return rel.empty() ? file : rel.generic_string();
}

std::string file_of_record(const Sweep& sweep, const std::string& recorded) {
  const fs::path p(recorded);
  return p.is_absolute() ? recorded : (fs::absolute(fs::path(sweep.path)).parent_path() / p).lexically_normal().string();
}

}  // namespace

std::string case_inputs(const Sweep& sweep, const std::vector<std::string>& files) {
  std::set<std::string> seen;
  for (const output::InputHash& i : output::parse_input_hashes(sweep.inputs)) seen.insert(i.path);
  std::vector<output::InputHash> out;
  for (const std::string& f : files) {
    std::string rec = recorded_path(sweep, f);
    if (seen.insert(rec).second) out.push_back({content_hash(f), std::move(rec)});
  }
  return output::format_input_hashes(out);
}

std::string changed_input(const Sweep& sweep, const std::string& lines) {
  for (const output::InputHash& was : output::parse_input_hashes(lines)) {
    const std::string now = content_hash(file_of_record(sweep, was.path));
    if (now == was.hash) continue;
    return now == "missing" ? fmt::format("the input file '{}' is gone or unreadable", was.path)
                            : fmt::format("the input file '{}' changed (content hash {} when the sweep started, {} now)",
                                          was.path, was.hash, now);
  }
  return "";
}

std::vector<CaseErrors> validate_sweep_cases(const Sweep& sweep, unsigned threads) {
  std::vector<CaseErrors> all(sweep.cases.size());
  {
    ThreadPool pool(std::min<unsigned>(threads, static_cast<unsigned>(std::max<std::size_t>(1, sweep.cases.size()))));
    for (const SweepCase& c : sweep.cases) {
      pool.submit([&sweep, &c, &all] {
        CaseErrors& out = all[c.index];
        out.index = c.index;
        try {
          const Scenario sc = load_case(sweep, c);
          for (const auto& issue : sc.graph.validate()) {
            InputError e;
            e.file = sweep.base_of(c).path;
            e.message = "facility graph: " + issue;
            out.errors.add(std::move(e));
          }
        } catch (const InputException& e) {
          out.errors = e.errors();
        } catch (const std::exception& e) {
          InputError err;
          err.file = sweep.base_of(c).path;
          err.message = e.what();
          out.errors.add(std::move(err));
        }
      });
    }
    pool.wait();
  }
  std::vector<CaseErrors> bad;
  for (auto& c : all) {
    if (!c.errors.empty()) bad.push_back(std::move(c));
  }
  return bad;
}

std::string format_case_errors(const Sweep& sweep, const std::vector<CaseErrors>& bad) {
  constexpr std::size_t kCasesShown = 5;
  std::vector<std::string> order;
  std::map<std::string, std::vector<std::size_t>> cases_of;
  for (const auto& c : bad) {
    for (const auto& e : c.errors) {
      const std::string text = e.format();
      auto& v = cases_of[text];
      if (v.empty()) order.push_back(text);
      if (v.empty() || v.back() != c.index) v.push_back(c.index);
    }
  }
  std::string out;
  for (const auto& text : order) {
    const auto& v = cases_of[text];
    out += text;
    out += v.size() == 1 ? "  in case " : fmt::format("  in {} cases: ", v.size());
    for (std::size_t i = 0; i < v.size() && i < kCasesShown; ++i) {
      const SweepCase& c = sweep.cases[v[i]];
      out += fmt::format("{}{} ({})", i ? ", " : "", c.id, c.label());
    }
    if (v.size() > kCasesShown) out += fmt::format(" and {} more", v.size() - kCasesShown);
    out += "\n";
  }
  out += fmt::format("{}: {} of {} cases are invalid\n", sweep.path, bad.size(), sweep.cases.size());
  return out;
}

unsigned hardware_threads() {
  cpu_set_t set;
  CPU_ZERO(&set);
  if (sched_getaffinity(0, sizeof set, &set) == 0) {
    const int n = CPU_COUNT(&set);
    if (n > 0) return static_cast<unsigned>(n);
  }
  return std::max(1u, std::thread::hardware_concurrency());
}

}  // namespace dcsim::app
