// Documentation generated from a Schema: the Markdown key reference and a JSON Schema (draft
// 2020-12) that YAML language servers use for completion and checking while a scenario is edited.
#include <charconv>
#include <set>

#include <fmt/format.h>

#include "app/schema.hpp"

namespace dcsim::app {

namespace {

// ---- Markdown --------------------------------------------------------------------------------

std::string cell(std::string s) {
  std::string out;
  for (char c : s) {
    if (c == '|') out += '\\';
    out += c == '\n' ? ' ' : c;
  }
  return out;
}

std::string yaml_text(const YAML::Node& n) {
  if (n.IsScalar()) return n.Scalar();
  YAML::Emitter e;
  e << YAML::Flow << n;
  return e.c_str();
}

const Type& innermost(const Type& t) { return t.kind == Kind::list ? innermost(*t.item) : t; }

void collect_dims(const Schema& s, std::set<Dim>& dims) {
  for (const Field& f : s.fields()) {
    const Type& t = innermost(f.type());
    if (t.kind == Kind::quantity) dims.insert(t.dim);
    if (t.kind == Kind::mapping) collect_dims(*t.schema, dims);
    for (const Variant& v : t.variants) collect_dims(*v.schema, dims);
  }
}

void markdown_section(const Schema& s, const std::string& heading, const std::string& path,
                      const std::string& selector, std::string& out) {
  out += fmt::format("\n## {}\n\n", heading);
  if (!s.doc().empty()) out += s.doc() + (s.is_free_form() ? "\n" : "\n\n");
  if (s.is_free_form()) return;
  out += "| Key | Type | Default | Valid | Description |\n|---|---|---|---|---|\n";
  if (!selector.empty()) {
    out += fmt::format("| `{}` | string | required | `{}` | Selects this kind of component. |\n",
                       selector, heading.substr(heading.rfind(' ') + 1));
  }
  for (const Field& f : s.fields()) {
    const Type& t = f.type();
    std::string def = f.has_default() ? fmt::format("`{}`", yaml_text(f.default_value()))
                      : f.is_optional() ? "optional" : "**required**";
    std::string valid = range_text(innermost(t));
    if (t.kind == Kind::list && t.min_items > 0) {
      valid += fmt::format("{}at least {} item{}", valid.empty() ? "" : "; ", t.min_items,
                           t.min_items == 1 ? "" : "s");
    }
    out += fmt::format("| `{}` | {} | {} | {} | {} |\n", f.name(), cell(t.describe()), cell(def),
                       cell(valid), cell(f.doc_text()));
  }
  for (const Field& f : s.fields()) {
    const Type& t = innermost(f.type());
    std::string sub = child_path(path, f.name());
    if (f.type().kind == Kind::list) sub += "[]";
    if (t.kind == Kind::mapping) markdown_section(*t.schema, fmt::format("`{}`", sub), sub, "", out);
    for (const Variant& v : t.variants) {
      markdown_section(*v.schema, fmt::format("`{}` with {}: {}", sub, t.type_key, v.name), sub,
                       t.type_key, out);
    }
  }
}

// ---- JSON ------------------------------------------------------------------------------------

struct Json {
  enum class K { null, boolean, number, string, array, object } k = K::null;
  bool b = false;
  std::string text;  // number (already formatted) or string
  std::vector<Json> items;
  // Object members, keys[i] -> values[i] (a vector of pair<string, Json> inside Json needs Json
  // complete, which clang with libstdc++ rejects).
  std::vector<std::string> keys;
  std::vector<Json> values;

  static Json of(K kind, std::string text = {}, bool b = false) {
    Json j;
    j.k = kind;
    j.text = std::move(text);
    j.b = b;
    return j;
  }
  static Json str(std::string s) { return of(K::string, std::move(s)); }
  static Json num(double v) { return of(K::number, format_number(v)); }
  static Json boolean_(bool v) { return of(K::boolean, {}, v); }
  static Json arr() { return of(K::array); }
  static Json obj() { return of(K::object); }
  Json& set(std::string key, Json v) {
    keys.push_back(std::move(key));
    values.push_back(std::move(v));
    return *this;
  }
  Json& prepend(std::string key, Json v) {
    keys.insert(keys.begin(), std::move(key));
    values.insert(values.begin(), std::move(v));
    return *this;
  }
  Json& push(Json v) {
    items.push_back(std::move(v));
    return *this;
  }

  static void quote(const std::string& s, std::string& out) {
    out += '"';
    for (unsigned char c : s) {
      switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\t': out += "\\t"; break;
        default:
          if (c < 0x20) out += fmt::format("\\u{:04x}", c);
          else out += static_cast<char>(c);
      }
    }
    out += '"';
  }

  void dump(std::string& out, int depth) const {
    const std::string pad(2 * (depth + 1), ' '), end_pad(2 * depth, ' ');
    switch (k) {
      case K::null: out += "null"; return;
      case K::boolean: out += b ? "true" : "false"; return;
      case K::number: out += text; return;
      case K::string: quote(text, out); return;
      case K::array:
        out += '[';
        for (std::size_t i = 0; i < items.size(); ++i) {
          out += i ? ", " : "";
          items[i].dump(out, depth + 1);
        }
        out += ']';
        return;
      case K::object:
        out += "{";
        for (std::size_t i = 0; i < keys.size(); ++i) {
          out += i ? ",\n" : "\n";
          out += pad;
          quote(keys[i], out);
          out += ": ";
          values[i].dump(out, depth + 1);
        }
        out += keys.empty() ? "}" : "\n" + end_pad + "}";
        return;
    }
  }
};

Json yaml_to_json(const YAML::Node& n) {
  if (n.IsMap()) {
    Json o = Json::obj();
    for (auto it = n.begin(); it != n.end(); ++it) o.set(it->first.Scalar(), yaml_to_json(it->second));
    return o;
  }
  if (n.IsSequence()) {
    Json a = Json::arr();
    for (const auto& item : n) a.push(yaml_to_json(item));
    return a;
  }
  if (!n.IsScalar()) return Json{};
  const std::string& s = n.Scalar();
  double v = 0.0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec == std::errc() && end == s.data() + s.size() && !s.empty()) return Json::num(v);
  if (s == "true" || s == "false") return Json::boolean_(s == "true");
  return Json::str(s);
}

std::string regex_escape(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (std::string_view(".^$*+?()[]{}|\\").find(c) != std::string_view::npos) out += '\\';
    out += c;
  }
  return out;
}

void add_bounds(Json& j, const Type& t, const Unit* plain) {
  auto v = [&](double stored) { return Json::num(plain ? from_stored(stored, *plain) : stored); };
  if (t.lower) j.set(t.lower->inclusive ? "minimum" : "exclusiveMinimum", v(t.lower->value));
  if (t.upper) j.set(t.upper->inclusive ? "maximum" : "exclusiveMaximum", v(t.upper->value));
}

Json object_schema(const Schema& s, const std::string& selector, const std::string& variant);

Json type_schema(const Type& t) {
  switch (t.kind) {
    case Kind::quantity: {
      const Unit* plain = find_unit(t.dim, t.plain_unit());
      Json number = Json::obj().set("type", Json::str("number"));
      add_bounds(number, t, plain);
      std::vector<std::string> units;
      for (const Unit& u : units_of(t.dim)) {
        if (u.name != "1") units.push_back(regex_escape(u.name));
      }
      if (units.empty()) return number;
      const std::string pattern = fmt::format(
          "^\\s*[-+]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][-+]?[0-9]+)?\\s*({})\\s*$", join(units, "|"));
      Json text = Json::obj().set("type", Json::str("string")).set("pattern", Json::str(pattern));
      return Json::obj().set("anyOf", Json::arr().push(std::move(number)).push(std::move(text)));
    }
    case Kind::number:
    case Kind::integer: {
      Json j = Json::obj().set("type", Json::str(t.kind == Kind::number ? "number" : "integer"));
      add_bounds(j, t, nullptr);
      return j;
    }
    case Kind::boolean: return Json::obj().set("type", Json::str("boolean"));
    case Kind::string: return Json::obj().set("type", Json::str("string"));
    case Kind::choice: {
      Json e = Json::arr();
      for (const std::string& c : t.choices) e.push(Json::str(c));
      return Json::obj().set("enum", std::move(e));
    }
    case Kind::date:
      return Json::obj()
          .set("type", Json::str("string"))
          .set("pattern", Json::str("^[0-9]{4}-[0-9]{2}-[0-9]{2}([ T][0-9]{2}:[0-9]{2})?$"));
    case Kind::list: {
      Json j = Json::obj().set("type", Json::str("array")).set("items", type_schema(*t.item));
      if (t.min_items > 0) j.set("minItems", Json::num(static_cast<double>(t.min_items)));
      return j;
    }
    case Kind::mapping: return object_schema(*t.schema, "", "");
    case Kind::by_type: {
      Json names = Json::arr();
      Json all = Json::arr();
      for (const Variant& v : t.variants) {
        names.push(Json::str(v.name));
        Json cond = Json::obj().set(
            "properties", Json::obj().set(t.type_key, Json::obj().set("const", Json::str(v.name))));
        all.push(Json::obj().set("if", std::move(cond)).set("then", object_schema(*v.schema, t.type_key, v.name)));
      }
      return Json::obj()
          .set("type", Json::str("object"))
          .set("required", Json::arr().push(Json::str(t.type_key)))
          .set("properties", Json::obj().set(t.type_key, Json::obj().set("enum", std::move(names))))
          .set("allOf", std::move(all));
    }
  }
  return Json::obj();
}

Json field_schema(const Field& f) {
  Json j = type_schema(f.type());
  std::string description = f.doc_text();
  const Type& t = innermost(f.type());
  if (t.kind == Kind::quantity && t.dim != Dim::dimensionless) {
    description += fmt::format("{}[{}; a plain number is in {}; units: {}]", description.empty() ? "" : " ",
                               dim_name(t.dim), t.plain_unit(), unit_list(t.dim));
  }
  if (!description.empty()) j.prepend("description", Json::str(description));
  if (f.has_default()) j.set("default", yaml_to_json(f.default_value()));
  return j;
}

Json object_schema(const Schema& s, const std::string& selector, const std::string& variant) {
  if (s.is_free_form()) {
    Json j = Json::obj().set("type", Json::str("object"));
    if (!s.doc().empty()) j.set("description", Json::str(s.doc()));
    return j.set("additionalProperties", Json::obj().set("type", Json::str("object")));
  }
  Json props = Json::obj();
  Json required = Json::arr();
  if (!selector.empty()) {
    props.set(selector, Json::obj().set("const", Json::str(variant)));
    required.push(Json::str(selector));
  }
  for (const Field& f : s.fields()) {
    props.set(f.name(), field_schema(f));
    if (f.is_required()) required.push(Json::str(f.name()));
  }
  Json j = Json::obj().set("type", Json::str("object"));
  if (!s.doc().empty()) j.set("description", Json::str(s.doc()));
  j.set("properties", std::move(props));
  if (!required.items.empty()) j.set("required", std::move(required));
  j.set("additionalProperties", Json::boolean_(false));
  return j;
}

}  // namespace

std::string markdown_reference(const Schema& schema, std::string_view title) {
  std::string out = fmt::format("# {}\n\n", title);
  out += "Generated from the schema that validates the files. A quantity is a plain number in the "
         "unit shown in its Type column, or a string \"value unit\" (\"350 kW\", \"32 degC\", "
         "\"15 min\") in any unit listed for its dimension below. Keys marked **required** must be "
         "given; other keys take the default shown. Unknown keys are errors.\n";
  std::set<Dim> dims;
  collect_dims(schema, dims);
  if (!dims.empty()) {
    out += "\n## Units\n\n| Dimension | Stored as | Accepted units |\n|---|---|---|\n";
    for (Dim d : dims) {
      out += fmt::format("| {} | {} | {} |\n", dim_name(d), stored_unit(d), cell(unit_list(d)));
    }
  }
  markdown_section(schema, "Top level", "", "", out);
  return out;
}

std::string json_schema(const Schema& schema, std::string_view title) {
  Json root = object_schema(schema, "", "");
  root.prepend("title", Json::str(std::string(title)));
  root.prepend("$schema", Json::str("https://json-schema.org/draft/2020-12/schema"));
  std::string out;
  root.dump(out, 0);
  out += '\n';
  return out;
}

}  // namespace dcsim::app
