#include "app/group_templates.hpp"

#include <map>
#include <optional>

#include <fmt/format.h>

namespace dcsim::app {

namespace {

// The keys that belong to one group and never to a template shared by several.
constexpr const char* kGroupOnlyKeys[] = {"name", "copies", "extends"};

YAML::Node lookup(const YAML::Node& map, const std::string& key) {
  if (map.IsMap()) {
    for (auto it = map.begin(); it != map.end(); ++it) {
      if (it->first.IsScalar() && it->first.Scalar() == key) return it->second;
    }
  }
  return YAML::Node(YAML::NodeType::Undefined);
}

YAML::Node lookup_key(const YAML::Node& map, const std::string& key) {
  if (map.IsMap()) {
    for (auto it = map.begin(); it != map.end(); ++it) {
      if (it->first.IsScalar() && it->first.Scalar() == key) return it->first;
    }
  }
  return YAML::Node(YAML::NodeType::Undefined);
}

// Two mappings selected by different `type:` values describe different things: no merging.
bool different_types(const YAML::Node& a, const YAML::Node& b) {
  const YAML::Node ta = lookup(a, "type"), tb = lookup(b, "type");
  return ta.IsScalar() && tb.IsScalar() && ta.Scalar() != tb.Scalar();
}

struct Template {
  std::string name;
  YAML::Node node;
  std::size_t uses = 0;
};

// Each use of a template takes a tree of its own, so that the scenario "as run" is written out
// without YAML anchors: the first use takes the template itself, each further one the template of
// a fresh parse of the file text, whose nodes carry the same file positions. Templates given by
// --set have no position: they are cloned. Past kTemplateReparseBytes of parsing, uses share the
// template's nodes, which is as correct: values are only ever added to a group's own mappings, and
// the defaults filled into a shared mapping are the same for every group.
class TemplateUses {
 public:
  TemplateUses(const YamlDocument& doc, std::string origin) : doc_(doc), origin_(std::move(origin)) {}

  YAML::Node take(Template& t) {
    const std::size_t use = t.uses++;
    if (use == 0) return t.node;
    if (!origin_.empty()) return YAML::Clone(t.node);
    if (use > parses_.size() && (parses_.size() + 1) * doc_.text().size() > kTemplateReparseBytes) return t.node;
    while (parses_.size() < use) parses_.push_back(lookup(lookup(YAML::Load(doc_.text()), "it"), "templates"));
    return lookup(parses_[use - 1], t.name);
  }
  // "--set ..." when the templates came from an override, else empty.
  const std::string& origin() const { return origin_; }

 private:
  const YamlDocument& doc_;
  std::string origin_;
  std::vector<YAML::Node> parses_;  // it.templates of the k-th fresh parse
};

class Merger {
 public:
  Merger(YamlDocument& doc, InputErrors& errors) : doc_(doc), errors_(errors) {}

  // Adds to the group's mapping `target` (at `gpath`) what the template's mapping `source` (at
  // `tpath`) holds and it lacks. Values are shared with the template, keeping their positions.
  void merge(YAML::Node target, const YAML::Node& source, const std::string& gpath, const std::string& tpath,
             const std::string& name, const std::string& origin, std::vector<GroupTemplates::Provided>& provided) {
    // A mapping that YAML aliases share between groups is merged once; two templates cannot both own it.
    for (const auto& [node, by] : merged_) {
      if (!node.is(target)) continue;
      if (by != name) {
        errors_.add(doc_.error_at(target, gpath, fmt::format("this mapping is shared through a YAML alias with a group "
                                                             "extending template '{}': it cannot also take template '{}'", by, name),
                                  "write the mapping out in one of the groups"));
      }
      return;
    }
    merged_.emplace_back(target, name);
    for (auto it = source.begin(); it != source.end(); ++it) {
      if (!it->first.IsScalar()) {
        target.force_insert(it->first, it->second);  // the validator reports the key at its place
        continue;
      }
      const std::string key = it->first.Scalar();
      const std::string gsub = child_path(gpath, key), tsub = child_path(tpath, key);
      const YAML::Node own = lookup(target, key);
      if (!own.IsDefined()) {
        target.force_insert(it->first, it->second);
        provided.push_back({gsub, tsub, name});
        // An override that created this mapping (--set it.groups[1].embodied.lifetime=5y) does not
        // own what the template adds to it: those values keep the template's origin.
        if (!origin.empty() || !doc_.origin_of(gsub).empty()) doc_.set_origin(gsub, origin);
      } else if (own.IsMap() && it->second.IsMap() && !different_types(own, it->second)) {
        merge(own, it->second, gsub, tsub, name, origin, provided);
      }
    }
  }

 private:
  YamlDocument& doc_;
  InputErrors& errors_;
  std::vector<std::pair<YAML::Node, std::string>> merged_;
};

// `it.templates` as name -> mapping, checked; taken out of `it`.
std::vector<Template> take_templates(YamlDocument& doc, YAML::Node it, InputErrors& errors) {
  std::vector<Template> out;
  const YAML::Node templates = lookup(it, "templates");
  if (!templates.IsDefined()) return out;
  const YAML::Node key = lookup_key(it, "templates");
  it.remove("templates");
  if (!templates.IsMap()) {
    errors.add(doc.error_at(templates, "it.templates", "expected a mapping of template names to partial rack groups",
                            "e.g. templates: {gpu: {count: 12, peak_power: 20 kW}}", key));
    return out;
  }
  for (auto t = templates.begin(); t != templates.end(); ++t) {
    if (!t->first.IsScalar()) {
      errors.add(doc.error_at(t->first, "it.templates", "a template name must be a plain name", "", templates));
      continue;
    }
    const std::string name = t->first.Scalar();
    const std::string path = child_path("it.templates", name);
    bool twice = false;
    for (const Template& other : out) twice = twice || other.name == name;
    if (twice) {
      errors.add(doc.error_at(t->first, path, fmt::format("template '{}' defined twice", name)));
      continue;
    }
    if (!t->second.IsMap()) {
      errors.add(doc.error_at(t->second, path, "expected a mapping of rack-group keys", "", t->first));
      continue;
    }
    for (const char* k : kGroupOnlyKeys) {
      if (const YAML::Node at = lookup_key(t->second, k); at.IsDefined()) {
        errors.add(doc.error_at(at, child_path(path, k), fmt::format("'{}' belongs to a group, not to a template", k),
                                "a template holds the keys its groups share; give name, copies and extends in each group"));
      }
    }
    out.push_back({name, t->second});
  }
  return out;
}

}  // namespace

GroupTemplates GroupTemplates::apply(YamlDocument& doc) {
  GroupTemplates out;
  out.file_ = doc.name();
  const YAML::Node it = lookup(doc.root(), "it");
  if (!it.IsMap()) return out;  // the schema reports it
  InputErrors errors;
  TemplateUses uses(doc, doc.origin_of("it.templates"));
  std::vector<Template> templates = take_templates(doc, it, errors);
  std::vector<std::string> names;
  for (const Template& t : templates) names.push_back(t.name);
  const YAML::Node groups = lookup(it, "groups");
  Merger merger(doc, errors);
  for (std::size_t i = 0; groups.IsSequence() && i < groups.size(); ++i) {
    YAML::Node g = groups[i];
    const std::string gpath = item_path("it.groups", i);
    const YAML::Node ext = lookup(g, "extends");
    if (!ext.IsDefined()) continue;
    const std::string at = child_path(gpath, "extends");
    const YAML::Node ext_key = lookup_key(g, "extends");
    g.remove("extends");
    if (!ext.IsScalar()) {
      errors.add(doc.error_at(ext, at, "expected the name of a template (a key of it.templates)", "", ext_key));
      continue;
    }
    Template* t = nullptr;
    for (Template& c : templates) t = c.name == ext.Scalar() ? &c : t;
    if (t == nullptr) {
      errors.add(doc.error_at(ext, at, fmt::format("names no template: '{}'", echo(ext.Scalar())),
                              names.empty() ? "define it under it.templates" : suggestion(ext.Scalar(), names, "templates")));
      continue;
    }
    merger.merge(g, uses.take(*t), gpath, child_path("it.templates", t->name), t->name, uses.origin(), out.provided_);
  }
  errors.throw_if_any();
  return out;
}

InputException GroupTemplates::annotate(const InputException& e) const {
  InputErrors out;
  std::vector<InputError> kept;
  std::vector<std::size_t> repeats;
  std::map<std::string, std::size_t> seen;  // template key path and message -> index in `kept`
  for (const InputError& err : e.errors()) {
    const Provided* from = nullptr;
    for (const Provided& p : provided_) {
      const std::size_t n = p.group_path.size();
      const bool under = err.path.rfind(p.group_path, 0) == 0 && (err.path.size() == n || err.path[n] == '.' || err.path[n] == '[');
      if (err.file == file_ && under && (from == nullptr || n > from->group_path.size())) from = &p;
    }
    if (from == nullptr) {
      kept.push_back(err);
      repeats.push_back(0);
      continue;
    }
    const std::string tpath = from->template_path + err.path.substr(from->group_path.size());
    const auto [pos, fresh] = seen.emplace(tpath + '\n' + err.message, kept.size());
    if (!fresh) {
      ++repeats[pos->second];
      continue;
    }
    InputError a = err;
    a.message += fmt::format(" (from template '{}': {})", from->name, tpath);
    kept.push_back(std::move(a));
    repeats.push_back(0);
  }
  for (std::size_t i = 0; i < kept.size(); ++i) {
    if (repeats[i] > 0) kept[i].message += fmt::format("; the same in {} more group{}", repeats[i], repeats[i] == 1 ? "" : "s");
    out.add(std::move(kept[i]));
  }
  return InputException(out);
}

std::vector<std::string> group_copy_names(const Reader& g) {
  const std::int64_t copies = g.has("copies") ? g.integer("copies") : 1;
  const std::string pattern = g.string("name");
  // The pattern as literal pieces and placeholders (their zero-padding width, 0 for none).
  std::vector<std::string> literal{""};
  std::vector<int> width;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    if (pattern[i] != '{' && pattern[i] != '}') {
      literal.back() += pattern[i];
      continue;
    }
    const std::size_t close = pattern[i] == '{' ? pattern.find('}', i) : std::string::npos;
    const std::string token = close == std::string::npos ? pattern.substr(i, 1) : pattern.substr(i, close - i + 1);
    std::optional<int> w;
    if (token == "{n}") w = 0;
    if (token.size() == 6 && token.rfind("{n:0", 0) == 0 && token[4] >= '1' && token[4] <= '9' && token[5] == '}') w = token[4] - '0';
    if (!w) {
      throw InputException(g.error("name", fmt::format("'{}' in the name is not a copy placeholder", echo(token)),
                                   "write {n} for the copy number 1..N, or {n:02} for it zero-padded to 2 digits"));
    }
    width.push_back(*w);
    literal.emplace_back();
    i = close;
  }
  if (width.empty() && copies > 1) {
    throw InputException(g.error("name", fmt::format("'{}' would name all {} copies alike: group names must be unique", pattern, copies),
                                 fmt::format("put {{n}} (the copy number, 1..{}) or {{n:02}} in the name, e.g. \"{}-{{n}}\"", copies, pattern)));
  }
  std::vector<std::string> names;
  for (std::int64_t n = 1; n <= copies; ++n) {
    std::string name = literal[0];
    for (std::size_t k = 0; k < width.size(); ++k) {
      name += (width[k] > 0 ? fmt::format("{:0{}}", n, width[k]) : fmt::format("{}", n)) + literal[k + 1];
    }
    names.push_back(std::move(name));
  }
  return names;
}

}  // namespace dcsim::app
