#include "app/overrides.hpp"

#include <cctype>
#include <charconv>

#include <fmt/format.h>

namespace dcsim::app {

namespace {

InputError override_error(const std::string& text, std::string path, std::string message,
                          std::string hint = {}) {
  InputError e;
  e.origin = "--set " + text;
  e.path = std::move(path);
  e.message = std::move(message);
  e.hint = std::move(hint);
  return e;
}

bool is_key_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-';
}

YAML::Node find_child(const YAML::Node& map, const std::string& key) {
  for (auto it = map.begin(); it != map.end(); ++it) {
    if (it->first.IsScalar() && it->first.Scalar() == key) return it->second;
  }
  return YAML::Node(YAML::NodeType::Undefined);
}

// The schema of the mapping `node` described by `type`, for a by_type mapping the one its type key
// selects; null with `why` set when it cannot be resolved.
const Schema* mapping_schema(const Type& type, const YAML::Node& node, std::string& selector,
                             std::string& why) {
  selector.clear();
  if (type.kind == Kind::mapping) return type.schema.get();
  if (type.kind != Kind::by_type) return nullptr;
  selector = type.type_key;
  std::vector<std::string> names;
  for (const Variant& v : type.variants) names.push_back(v.name);
  const YAML::Node sel = find_child(node, type.type_key);
  if (!sel.IsDefined() || !sel.IsScalar()) {
    why = fmt::format("its '{}' is not given (one of {}), so its keys are unknown", type.type_key, join(names));
    return nullptr;
  }
  for (const Variant& v : type.variants) {
    if (v.name == sel.Scalar()) return v.schema.get();
  }
  why = fmt::format("its {} '{}' is not one of {}", type.type_key, sel.Scalar(), join(names));
  return nullptr;
}

}  // namespace

Override parse_override(const std::string& text) {
  Override o;
  o.text = text;
  const std::size_t eq = text.find('=');
  if (eq == std::string::npos) {
    throw InputException(override_error(text, "", "expected key.path=value", "e.g. --set cooling.liquid.supply_temp=\"30 degC\""));
  }
  const std::string lhs = text.substr(0, eq);
  o.value = text.substr(eq + 1);
  std::size_t i = 0;
  auto bad = [&](const std::string& why) {
    throw InputException(override_error(text, "", fmt::format("malformed key path '{}': {}", lhs, why)));
  };
  while (i < lhs.size() || o.steps.empty()) {
    std::size_t j = i;
    while (j < lhs.size() && is_key_char(lhs[j])) ++j;
    if (j == i) bad(fmt::format("expected a key at character {}", i + 1));
    o.steps.push_back({lhs.substr(i, j - i), std::nullopt});
    o.path = child_path(o.path, o.steps.back().key);
    i = j;
    while (i < lhs.size() && lhs[i] == '[') {
      const std::size_t close = lhs.find(']', i);
      std::size_t index = 0;
      const char* first = lhs.data() + i + 1;
      const char* last = lhs.data() + (close == std::string::npos ? lhs.size() : close);
      const auto [end, ec] = std::from_chars(first, last, index);
      if (close == std::string::npos || ec != std::errc() || end != last) {
        bad(fmt::format("expected [index] with a whole number at character {}", i + 1));
      }
      o.steps.push_back({"", index});
      o.path = item_path(o.path, index);
      i = close + 1;
    }
    if (i < lhs.size()) {
      if (lhs[i] != '.') bad(fmt::format("unexpected '{}' at character {}", lhs[i], i + 1));
      ++i;
      if (i == lhs.size()) bad("it ends with '.'");
    }
  }
  return o;
}

std::vector<std::string> apply_overrides(YamlDocument& doc, const Schema& schema,
                                         const std::vector<std::string>& sets) {
  InputErrors errors;
  std::vector<std::string> applied;
  for (const std::string& text : sets) {
    Override o;
    try {
      o = parse_override(text);
    } catch (const InputException& e) {
      errors.append(e.errors());
      continue;
    }
    YAML::Node value;
    try {
      value = YAML::Load(o.value);
    } catch (const YAML::Exception& e) {
      errors.add(override_error(text, o.path, fmt::format("the value is not valid YAML: {}", e.msg)));
      continue;
    }
    auto fail = [&](const std::string& at, std::string message, std::string hint = {}) {
      errors.add(override_error(text, at, std::move(message), std::move(hint)));
    };
    if (!doc.root().IsMap()) {
      fail("", "the file is not a mapping of keys");
      continue;
    }
    YAML::Node node = doc.root();
    const Schema* current = &schema;  // the schema of `node` when it is a mapping
    const Type* type = nullptr;       // the type of `node` otherwise
    std::string selector;
    std::string path;
    bool ok = true;
    // Steps into `next` (of type `t`, at `at`), resolving its schema when it is a mapping.
    auto enter = [&](const YAML::Node& next, const Type* t, const std::string& at) {
      node.reset(next);
      type = t;
      path = at;
      std::string why;
      current = mapping_schema(*type, node, selector, why);
      if (current == nullptr && !why.empty()) {
        fail(o.path, fmt::format("cannot resolve '{}': {}", path, why));
        return false;
      }
      return true;
    };
    for (std::size_t s = 0; s < o.steps.size() && ok; ++s) {
      const PathStep& step = o.steps[s];
      const bool last = s + 1 == o.steps.size();
      if (step.index) {
        const std::string at = item_path(path, *step.index);
        if (type == nullptr || type->kind != Kind::list) {
          fail(at, fmt::format("'{}' is not a list", path));
          ok = false;
        } else if (!node.IsSequence() || *step.index >= node.size()) {
          fail(at, fmt::format("index {} is out of range: '{}' has {} item{}", *step.index, path,
                               node.IsSequence() ? node.size() : 0, node.size() == 1 ? "" : "s"));
          ok = false;
        } else if (last) {
          node[*step.index] = value;
        } else {
          ok = enter(node[*step.index], type->item.get(), at);
        }
      } else {
        const std::string at = child_path(path, step.key);
        const Field* field = current ? current->find(step.key) : nullptr;
        if (current == nullptr) {
          fail(at, fmt::format("'{}' is a {}, it has no key '{}'", path, type->describe(), step.key));
          ok = false;
          break;
        }
        if (current->is_free_form()) {
          fail(at, fmt::format("'{}' holds names the file chooses, which --set cannot reach into", path),
               "set the whole mapping, or the key where it is used (for a template: it.groups[INDEX].KEY)");
          ok = false;
          break;
        }
        const bool is_selector = !selector.empty() && step.key == selector;
        if (field == nullptr && !is_selector) {
          std::vector<std::string> keys = current->keys();
          if (!selector.empty()) keys.insert(keys.begin(), selector);
          fail(at, fmt::format("unknown key '{}'{}", step.key, path.empty() ? "" : " in " + path),
               suggestion(step.key, keys, "valid keys"));
          ok = false;
          break;
        }
        if (last) {
          node[step.key] = value;
          break;
        }
        if (is_selector) {
          fail(at, fmt::format("'{}' is a string, it has no keys", at));
          ok = false;
          break;
        }
        YAML::Node next = find_child(node, step.key);
        if (!next.IsDefined() || next.IsNull()) {
          if (field->type().kind == Kind::list) {
            fail(at, fmt::format("the list '{}' is not in the file, so it has no item to set", at));
            ok = false;
            break;
          }
          node[step.key] = YAML::Node(YAML::NodeType::Map);
          // reset, not assignment: assigning into the Undefined `next` would make it a second node
          // sharing the new mapping from a memory of its own, freed with it (the section's keys
          // were then read from freed memory).
          next.reset(find_child(node, step.key));
          doc.set_origin(at, "--set " + text);
        } else if (field->type().kind == Kind::mapping || field->type().kind == Kind::by_type) {
          if (!next.IsMap()) {
            fail(at, fmt::format("'{}' is not a mapping in the file, cannot set a key inside it", at));
            ok = false;
            break;
          }
        }
        ok = enter(next, &field->type(), at);
      }
    }
    if (!ok) continue;
    doc.set_origin(o.path, "--set " + text);
    applied.push_back(fmt::format("{}={}", o.path, o.value));
  }
  errors.throw_if_any();
  return applied;
}

}  // namespace dcsim::app
