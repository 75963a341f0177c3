#include "app/sweep_spec.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>

#include <fmt/format.h>

#include "app/input_file.hpp"
#include "app/overrides.hpp"
#include "app/schema_binding.hpp"
#include "output/sweep_file.hpp"
#include "sim/check.hpp"

namespace dcsim::app {

namespace {

namespace fs = std::filesystem;

// Expansion is refused beyond this many cases (each case is a few hundred bytes in memory).
constexpr std::size_t kMaxCases = 1'000'000;
// Axis mappings are taken out of the document before schema validation (their keys are scenario
// key paths, checked against the scenario schema case by case).
constexpr const char* kAxisKeys[] = {"set", "grid", "zip", "cases"};

// The sweep file's own keys; `description` and `timeseries` are bound to the Sweep, the others read
// by hand (a default from the file name, axes and seeds expanded).
Binder<Sweep> make_sweep_keys() {
  Binder<Sweep> b("A sweep: a base scenario and axes over its key paths (docs/sweeps.md)");
  Schema& root = b.schema();
  root.field("name", Type::string()).optional().doc("name of the sweep; default: the file name without .sweep.yaml");
  b.field("description", &Sweep::description, Type::string()).doc("one line for the reader of the results");
  // `base` is read before schema validation (a file name or a list of them); declared here for the
  // docs and the "did you mean" of misspelt keys.
  root.field("base", Type::string()).optional().doc(
      "the base scenario file, relative to the sweep file; or a list of files: an axis, outermost, "
      "with the column `base`");
  const Schema axis("scenario key path -> value");
  root.field("set", Type::mapping(axis)).optional().doc("key path -> value, applied to every case");
  root.field("grid", Type::mapping(Schema("scenario key path -> list of values")))
      .optional()
      .doc("key path -> list of values; every combination (Cartesian product, first key outermost)");
  root.field("zip", Type::mapping(Schema("scenario key path -> list of values")))
      .optional()
      .doc("key path -> list of values, all lists of one length; the i-th values go together");
  root.field("cases", Type::list(Type::mapping(axis)))
      .optional()
      .doc("explicit cases, each a mapping key path -> value; combined with grid and zip");
  root.field("replicates", Type::integer()).optional().at_least(1).doc(
      "runs of each case with seeds base seed + 0, 1, ..., N-1 (base seed: the scenario's `seed`)");
  root.field("seeds", Type::list(Type::integer())).optional().min_items(1).at_least(0).doc(
      "runs of each case with these seeds (also accepted as a list under `replicates`)");
  b.field("timeseries", &Sweep::timeseries, Type::boolean()).doc("keep each case's time series in the sweep file");
  root.check([](const Reader& r, InputErrors& e) {
    if (r.has("replicates") && r.has("seeds")) e.add(r.error("seeds", "give either replicates or seeds, not both"));
  });
  return b;
}

const Binder<Sweep>& sweep_keys() { return built_once<make_sweep_keys>(); }

YAML::Node find_child(const YAML::Node& map, const std::string& key) {
  for (auto it = map.begin(); it != map.end(); ++it) {
    if (it->first.IsScalar() && it->first.Scalar() == key) return it->second;
  }
  return YAML::Node(YAML::NodeType::Undefined);
}

YAML::Mark key_mark(const YAML::Node& map, const std::string& key) {
  for (auto it = map.begin(); it != map.end(); ++it) {
    if (it->first.IsScalar() && it->first.Scalar() == key) return it->first.Mark();
  }
  return YAML::Mark::null_mark();
}

std::string flow_yaml(const YAML::Node& n) {
  YAML::Emitter e;
  e.SetMapFormat(YAML::Flow);
  e.SetSeqFormat(YAML::Flow);
  e << n;
  return e.c_str();
}

std::string fnv1a_hex(const std::string& s) {
  std::uint64_t h = 1469598103934665603ull;
  for (unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return fmt::format("{:016x}", h);
}

class Expander {
 public:
  explicit Expander(const YamlDocument& doc) : doc_(doc) {}

  // One parameter from `key: value` of mapping `map` at sweep path `where`; false on error.
  bool param(const YAML::Node& key, const YAML::Node& value, const std::string& where,
             SweepParam& out) {
    out.path = key.IsScalar() ? key.Scalar() : "";
    out.key_mark = key.Mark();
    out.value_mark = value.Mark();
    const std::string at = child_path(where, out.path);
    if (!key.IsScalar()) {
      errors.add(doc_.error_at(key, where, "a key must be a scenario key path (e.g. cooling.liquid.supply_temp)"));
      return false;
    }
    try {
      parse_override(out.path + "=x");
    } catch (const InputException& e) {
      errors.add(doc_.error_at_mark(out.key_mark, at, e.errors()[0].message));
      return false;
    }
    if (!value.IsDefined() || value.IsNull()) {
      errors.add(doc_.error_at(value, at, "needs a value", {}, key));
      return false;
    }
    out.text = value.IsScalar() ? value.Scalar() : flow_yaml(value);
    out.yaml = flow_yaml(value);
    return true;
  }

  // Records `path` as a column; an error if another axis already sweeps it, or, unless
  // `repeats` (the rows of `cases` each name it), the same axis names it twice (a duplicate key).
  void column(const SweepParam& p, const std::string& axis, std::vector<std::string>& columns, bool repeats = false) {
    auto [it, fresh] = owner_.emplace(p.path, axis);
    if (fresh) {
      columns.push_back(p.path);
    } else if (it->second == axis && !repeats) {
      errors.add(doc_.error_at_mark(p.key_mark, child_path(axis, p.path),
                                    fmt::format("duplicate key '{}' in {}", p.path, axis),
                                    "a key path may appear once in an axis"));
    } else if (it->second != axis) {
      errors.add(doc_.error_at_mark(p.key_mark, child_path(axis, p.path),
                                    fmt::format("'{}' is already swept by {}", p.path, it->second),
                                    "a key path may appear in one axis only"));
    }
  }

  bool owned(const std::string& path) const { return owner_.count(path) > 0; }

  InputErrors errors;

 private:
  const YamlDocument& doc_;
  std::map<std::string, std::string> owner_;  // key path -> the axis sweeping it
};

using Axis = std::vector<std::vector<SweepParam>>;  // rows; each row sets one or more parameters

// The sequence under `key` of `map`, or an error.
bool axis_list(const YamlDocument& doc, const YAML::Node& map, const YAML::Node& value, const std::string& at,
               const std::string& key, InputErrors& errors) {
  if (!value.IsSequence() || value.size() == 0) {
    errors.add(doc.error_at(value, at, value.IsSequence() ? "needs at least one value" : "expected a list of values",
                            fmt::format("e.g. {}: [a, b, c]", key), find_child(map, key)));
    return false;
  }
  return true;
}

// Errors caused by an override of `params` (origin "--set path=value") move to the value in the
// sweep file (to its key when the error is about the key path itself: an unknown key, a path
// that does not resolve).
InputErrors locate(const InputErrors& errors, const YamlDocument& doc,
                   std::initializer_list<const std::vector<SweepParam>*> params) {
  InputErrors out;
  for (const auto& err : errors) {
    InputError e = err;
    for (const auto* list : params) {
      for (const auto& p : *list) {
        if (!p.key_mark.is_null() && err.origin == "--set " + p.override_text()) {
          const bool at_key = err.path != p.path || err.message.starts_with("unknown key");
          e = doc.error_at_mark(at_key ? p.key_mark : p.value_mark, err.path, err.message, err.hint);
        }
      }
    }
    out.add(std::move(e));
  }
  return out;
}

// The key path of every axis column must resolve in each base scenario (against the scenario
// schema and the entries the base holds), as an override of it would: else every case of that base
// fails the same way, so it is an error of the sweep file, at the key, before anything runs.
// `columns` holds one parameter per axis column; values are checked case by case (load_case).
void check_axis_paths(const Sweep& sw, const std::vector<SweepParam>& columns, const YamlDocument& doc,
                      InputErrors& errors) {
  std::vector<std::string> sets;
  for (const SweepParam& p : columns) sets.push_back(p.override_text());
  std::set<std::string> seen;
  for (const SweepBase& b : sw.bases) {
    YamlDocument base = YamlDocument::from_string(b.text, b.path);
    try {
      apply_overrides(base, scenario_schema(), sets);
    } catch (const InputException& e) {
      for (InputError err : locate(e.errors(), doc, {&columns})) {
        if (sw.base_list) err.message += fmt::format(" (in base {})", b.written);
        if (seen.insert(err.format()).second) errors.add(std::move(err));
      }
    }
  }
}

}  // namespace

const Schema& sweep_schema() { return sweep_keys().schema(); }

std::string SweepCase::label() const {
  std::vector<std::string> parts;
  for (const auto& p : params) parts.push_back(p.path + "=" + p.text);
  return join(parts);
}

std::vector<std::string> Sweep::overrides(const SweepCase& c) const {
  std::vector<std::string> out;
  out.reserve(fixed.size() + c.params.size());
  for (const auto& p : fixed) out.push_back(p.override_text());
  for (const auto& p : c.params) {
    if (p.is_override) out.push_back(p.override_text());
  }
  return out;
}

bool is_sweep_file(const std::string& path) {
  const std::string name = fs::path(path).filename().string();
  if (name.ends_with(".sweep.yaml") || name.ends_with(".sweep.yml")) return true;
  try {
    const YamlDocument doc = YamlDocument::load_file(path);
    return doc.root().IsMap() && find_child(doc.root(), "base").IsDefined() && !find_child(doc.root(), "it").IsDefined();
  } catch (const InputException&) {
    return false;
  }
}

Sweep load_sweep(const std::string& path, const std::vector<std::string>& extra_sets) {
  auto doc = std::make_shared<YamlDocument>(YamlDocument::load_file(path));
  Sweep sw;
  sw.path = path;
  YAML::Node root = doc->root();
  if (!root.IsMap()) throw InputException(doc->error_at(root, "", "expected a mapping of keys (base, grid, ...)"));
  std::map<std::string, YAML::Node> axes;
  for (const char* k : kAxisKeys) {
    axes[k] = find_child(root, k);
    if (axes[k].IsDefined()) root.remove(k);
  }
  const YAML::Mark base_key = key_mark(root, "base");
  const YAML::Node base = find_child(root, "base");
  if (base.IsDefined()) root.remove("base");
  // `replicates: [7, 11]` is read as `seeds: [7, 11]`.
  if (const YAML::Node rep = find_child(root, "replicates"); rep.IsSequence() && !find_child(root, "seeds").IsDefined()) {
    root.remove("replicates");
    root["seeds"] = rep;
  }
  InputErrors errors = validate(*doc, sweep_schema());
  Expander ex(*doc);
  for (const char* k : {"set", "grid", "zip"}) {
    const YAML::Node& n = axes[k];
    if (n.IsDefined() && !n.IsMap()) {
      ex.errors.add(doc->error_at(n, k, "expected a mapping of scenario key paths", {}, n));
    }
  }
  const YAML::Node& cases = axes["cases"];
  if (cases.IsDefined() && (!cases.IsSequence() || cases.size() == 0)) {
    ex.errors.add(doc->error_at(cases, "cases", "expected a list of cases, each a mapping key path -> value", {}, cases));
  }
  // `base`: one file name, or a non-empty list of them.
  const char* base_hint = "e.g. base: flagship.yaml, or base: [air-design.yaml, liquid-design.yaml]";
  std::vector<YAML::Node> base_nodes;
  if (!base.IsDefined()) {
    ex.errors.add(doc->error_at(doc->root(), "base", "missing required key 'base' (a scenario file or a list of them)", base_hint));
  } else if (base.IsScalar()) {
    base_nodes.push_back(base);
  } else if (base.IsSequence() && base.size() > 0) {
    sw.base_list = true;
    for (std::size_t i = 0; i < base.size(); ++i) {
      if (base[i].IsScalar()) {
        base_nodes.push_back(base[i]);
      } else {
        ex.errors.add(doc->error_at(base[i], item_path("base", i), "expected a scenario file name", base_hint));
      }
    }
  } else {
    ex.errors.add(doc->error_at(base, "base", "expected a scenario file or a list of scenario files", base_hint, base));
  }
  errors.append(ex.errors);
  errors.throw_if_any();
  const Reader r(*doc, sweep_schema());

  sw.name = r.has("name") ? r.string("name") : [&] {
    std::string n = fs::path(path).filename().string();
    for (const char* suffix : {".sweep.yaml", ".sweep.yml", ".yaml", ".yml"}) {
      if (n.ends_with(suffix)) return n.substr(0, n.size() - std::string(suffix).size());
    }
    return n;
  }();
  sweep_keys().read(r, sw);
  const std::string dir = fs::path(path).parent_path().string();
  ex.errors = InputErrors();
  std::vector<SweepParam> base_params;  // the `base` column's values (a list only)
  for (std::size_t i = 0; i < base_nodes.size(); ++i) {
    const YAML::Node& n = base_nodes[i];
    const std::string at = sw.base_list ? item_path("base", i) : "base";
    SweepBase b;
    b.written = n.Scalar();
    b.path = fs::path(b.written).is_absolute() || dir.empty() ? b.written : (fs::path(dir) / b.written).string();
    try {
      b.text = read_input_file(b.path, kMaxYamlFileBytes);
    } catch (const InputFileError& e) {
      ex.errors.add(doc->error_at(n, at, fmt::format("cannot read the base scenario '{}': {}", b.path, e.what())));
      continue;
    }
    for (const auto& other : sw.bases) {
      std::error_code ec1, ec2;
      if (fs::weakly_canonical(other.path, ec1) == fs::weakly_canonical(b.path, ec2) && !ec1 && !ec2) {
        ex.errors.add(doc->error_at(n, at, fmt::format("'{}' is listed twice (as '{}')", b.written, other.written)));
      }
    }
    if (sw.base_list) {
      SweepParam p;
      p.path = "base";
      p.text = p.yaml = b.written;
      p.key_mark = base_key;
      p.value_mark = n.Mark();
      p.is_override = false;
      base_params.push_back(std::move(p));
    }
    sw.bases.push_back(std::move(b));
  }
  ex.errors.throw_if_any();

  // Fixed overrides.
  if (const YAML::Node& set = axes["set"]; set.IsDefined()) {
    for (auto it = set.begin(); it != set.end(); ++it) {
      SweepParam p;
      if (ex.param(it->first, it->second, "set", p)) sw.fixed.push_back(std::move(p));
    }
  }
  for (const auto& text : extra_sets) {
    const Override o = parse_override(text);
    SweepParam p;
    p.path = o.path;
    p.text = p.yaml = o.value;
    p.key_mark = p.value_mark = YAML::Mark::null_mark();
    sw.fixed.push_back(std::move(p));
  }

  std::vector<Axis> axis_list_all;  // cases, zip, grid keys; the bases and seeds are added around them
  std::vector<std::string> columns;
  if (!base_params.empty()) ex.column(base_params[0], "base", columns);
  if (cases.IsDefined()) {
    Axis a;
    for (std::size_t i = 0; i < cases.size(); ++i) {
      const YAML::Node c = cases[i];
      const std::string at = item_path("cases", i);
      if (!c.IsMap() || c.size() == 0) {
        ex.errors.add(doc->error_at(c, at, "expected a mapping key path -> value", "e.g. - {power.lighting: 40 kW}"));
        continue;
      }
      std::vector<SweepParam> row;
      std::set<std::string> in_row;
      for (auto it = c.begin(); it != c.end(); ++it) {
        SweepParam p;
        if (!ex.param(it->first, it->second, at, p)) continue;
        if (!in_row.insert(p.path).second) {
          ex.errors.add(doc->error_at_mark(p.key_mark, child_path(at, p.path), fmt::format("duplicate key '{}' in this case", p.path)));
          continue;
        }
        ex.column(p, "cases", columns, true);
        row.push_back(std::move(p));
      }
      a.push_back(std::move(row));
    }
    axis_list_all.push_back(std::move(a));
  }
  if (const YAML::Node& zip = axes["zip"]; zip.IsDefined() && zip.size() > 0) {
    Axis a;
    std::size_t rows = 0;
    std::string first;
    for (auto it = zip.begin(); it != zip.end(); ++it) {
      const std::string key = it->first.IsScalar() ? it->first.Scalar() : "";
      const std::string at = child_path("zip", key);
      if (!axis_list(*doc, zip, it->second, at, key, ex.errors)) continue;
      if (a.empty()) {
        rows = it->second.size();
        first = key;
        a.resize(rows);
      } else if (it->second.size() != rows) {
        ex.errors.add(doc->error_at(it->second, at,
                                    fmt::format("has {} values but '{}' has {}: zip lists must be of one length",
                                                it->second.size(), first, rows)));
        continue;
      }
      for (std::size_t i = 0; i < rows; ++i) {
        SweepParam p;
        if (!ex.param(it->first, it->second[i], at, p)) break;
        if (i == 0) ex.column(p, "zip", columns);
        a[i].push_back(std::move(p));
      }
    }
    if (!a.empty()) axis_list_all.push_back(std::move(a));
  }
  if (const YAML::Node& grid = axes["grid"]; grid.IsDefined()) {
    for (auto it = grid.begin(); it != grid.end(); ++it) {
      const std::string key = it->first.IsScalar() ? it->first.Scalar() : "";
      const std::string at = child_path("grid", key);
      if (!axis_list(*doc, grid, it->second, at, key, ex.errors)) continue;
      Axis a;
      for (std::size_t i = 0; i < it->second.size(); ++i) {
        SweepParam p;
        if (!ex.param(it->first, it->second[i], at, p)) break;
        if (i == 0) ex.column(p, "grid", columns);
        a.push_back({std::move(p)});
      }
      axis_list_all.push_back(std::move(a));
    }
  }
  for (const auto& p : sw.fixed) {
    if (ex.owned(p.path)) {
      ex.errors.add(doc->error_at_mark(p.key_mark, child_path("set", p.path),
                                       fmt::format("'{}' is also swept by an axis", p.path)));
    }
  }
  ex.errors.throw_if_any();
  std::vector<SweepParam> column_params;  // one per axis column, the first value written
  for (const Axis& a : axis_list_all) {
    for (const auto& row : a) {
      for (const SweepParam& p : row) {
        if (std::none_of(column_params.begin(), column_params.end(), [&](const SweepParam& q) { return q.path == p.path; })) {
          column_params.push_back(p);
        }
      }
    }
  }
  check_axis_paths(sw, column_params, *doc, ex.errors);
  ex.errors.throw_if_any();

  // Each base scenario with the fixed overrides: valid on its own, and the base of its seeds. An
  // error of a fixed override is reported once, whichever bases it affects.
  std::vector<std::string> fixed_sets;
  for (const auto& p : sw.fixed) fixed_sets.push_back(p.override_text());
  InputErrors base_errors;
  std::set<std::string> seen;
  sw.input_files.push_back(path);
  for (SweepBase& b : sw.bases) {
    sw.input_files.push_back(b.path);
    try {
      const Scenario sc = load_scenario_text(b.text, b.path, fs::path(b.path).parent_path().string(), fixed_sets);
      b.seed = sc.facility.seed;
      sw.input_files.insert(sw.input_files.end(), sc.input_files.begin(), sc.input_files.end());
    } catch (const InputException& e) {
      for (const auto& err : locate(e.errors(), *doc, {&sw.fixed})) {
        if (seen.insert(err.format()).second) base_errors.add(err);
      }
    }
  }
  base_errors.throw_if_any();

  // The seeds axis: offsets from each case's base seed (replicates) or explicit seeds.
  std::vector<std::uint64_t> seeds;
  bool seed_offsets = false;
  YAML::Mark seed_mark;
  if (r.has("replicates") || r.has("seeds")) {
    if (ex.owned("seed")) {
      throw InputException(r.error(r.has("seeds") ? "seeds" : "replicates", "'seed' is also swept by an axis"));
    }
    seed_mark = key_mark(root, r.has("seeds") ? "seeds" : "replicates");
  }
  // Case count: bases x (cases x zip x grid points) x seeds, computed before anything is expanded
  // (replicates: 1000000000000 would otherwise build every seed first).
  const std::int64_t seed_count = r.has("seeds") ? static_cast<std::int64_t>(r.list("seeds").size())
                                  : r.has("replicates") ? r.integer("replicates")
                                                        : 1;
  std::size_t inner = 1, total = 1;
  std::vector<std::size_t> sizes;
  for (const auto& a : axis_list_all) sizes.push_back(a.size());
  sizes.push_back(seed_count < 1 ? 1 : static_cast<std::uint64_t>(seed_count) > kMaxCases ? kMaxCases + 1
                                                                                         : static_cast<std::size_t>(seed_count));
  sizes.push_back(sw.bases.size());
  for (std::size_t n : sizes) {
    if (n == 0) continue;
    if (total > kMaxCases / n) {
      const bool by_seeds = r.has("replicates") && static_cast<std::uint64_t>(seed_count) > kMaxCases / total;
      const YAML::Mark at = by_seeds ? find_child(root, "replicates").Mark() : YAML::Mark::null_mark();
      InputError e = by_seeds ? doc->error_at_mark(at, "replicates", fmt::format("{} replicates: the sweep expands to more than {} cases",
                                                                                 seed_count, kMaxCases))
                              : doc->error_at(doc->root(), "", fmt::format("the sweep expands to more than {} cases", kMaxCases));
      e.hint = "split it into several sweep files";
      throw InputException(std::move(e));
    }
    total *= n;
  }
  if (r.has("replicates") || r.has("seeds")) {
    if (r.has("seeds")) {
      for (const auto& s : r.list("seeds")) seeds.push_back(static_cast<std::uint64_t>(s.as_integer()));
    } else {
      seed_offsets = true;
      for (std::int64_t i = 0; i < seed_count; ++i) seeds.push_back(static_cast<std::uint64_t>(i));
    }
    columns.push_back("seed");
  }
  for (const auto& a : axis_list_all) inner *= a.size();
  sw.columns = columns;
  std::map<std::string, std::size_t> column_of;
  for (std::size_t i = 0; i < columns.size(); ++i) column_of[columns[i]] = i;
  const int width = std::max<int>(4, static_cast<int>(fmt::format("{}", total - 1).size()));
  sw.cases.reserve(total);
  std::string fp;
  if (!sw.base_list) {
    fp = sw.bases[0].text;
  } else {
    for (const auto& b : sw.bases) fp += "--base=" + b.written + "\n" + b.text + "\n";
  }
  fp += fmt::format("\n--timeseries={}\n", sw.timeseries);
  for (const auto& p : sw.fixed) fp += p.override_text() + "\n";
  for (std::size_t b = 0; b < sw.bases.size(); ++b) {
    for (std::size_t k = 0; k < inner; ++k) {
      for (std::size_t s = 0; s < std::max<std::size_t>(1, seeds.size()); ++s) {
        SweepCase c;
        c.index = sw.cases.size();
        c.id = fmt::format("c{:0{}}", c.index, width);
        c.base = b;
        if (sw.base_list) c.params.push_back(base_params[b]);
        // Mixed-radix digits of k over the axes, the last axis fastest.
        std::size_t rest = k;
        for (std::size_t a = axis_list_all.size(); a-- > 0;) {
          const Axis& axis = axis_list_all[a];
          for (const auto& p : axis[rest % axis.size()]) c.params.push_back(p);
          rest /= axis.size();
        }
        if (!seeds.empty()) {
          SweepParam p;
          p.path = "seed";
          p.text = p.yaml = fmt::format("{}", seeds[s] + (seed_offsets ? sw.bases[b].seed : 0));
          p.key_mark = p.value_mark = seed_mark;
          c.params.push_back(std::move(p));
        }
        std::stable_sort(c.params.begin(), c.params.end(),
                         [&](const SweepParam& x, const SweepParam& y) { return column_of[x.path] < column_of[y.path]; });
        fp += c.id;
        for (const auto& p : c.params) {
          fp += '|';
          fp += p.override_text();
        }
        fp += "\n";
        sw.cases.push_back(std::move(c));
      }
    }
  }
  // Files a sweep axis names (a grid over site.epw), resolved as the scenario resolves them: inputs
  // too, though only some cases read them (never an output path; hashed below).
  {
    std::set<std::string> values;
    for (const SweepCase& c : sw.cases) {
      for (const SweepParam& p : c.params) {
        if (!p.is_override || !values.insert(p.text).second || p.text.empty()) continue;
        for (const SweepBase& b : sw.bases) {
          const fs::path dir = fs::path(b.path).parent_path();
          const fs::path f = fs::path(p.text).is_absolute() || dir.empty() ? fs::path(p.text) : dir / p.text;
          if (check_input_file(f.string()).ok()) sw.input_files.push_back(f.string());
        }
      }
    }
  }
  // The data files' content: a changed EPW or trace is another sweep (issue 13 class 4).
  sw.inputs = case_inputs(sw, std::vector<std::string>(sw.input_files.begin() + 1, sw.input_files.end()));
  fp += sw.inputs;
  sw.fingerprint = fnv1a_hex(fp);
  sw.doc = std::move(doc);
  return sw;
}

Scenario load_case(const Sweep& sweep, const SweepCase& c) {
  const SweepBase& b = sweep.base_of(c);
  try {
    return load_scenario_text(b.text, b.path, fs::path(b.path).parent_path().string(), sweep.overrides(c));
  } catch (const InputException& e) {
    throw InputException(locate(e.errors(), *sweep.doc, {&sweep.fixed, &c.params}));
  }
}

}  // namespace dcsim::app
