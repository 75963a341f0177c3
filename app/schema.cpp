#include "app/schema.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>
#include <stdexcept>

#include <fmt/format.h>

namespace dcsim::app {

// ---- declaration -----------------------------------------------------------------------------

Variant::Variant(std::string n, Schema s)
    : name(std::move(n)), schema(std::make_shared<const Schema>(std::move(s))) {}
Variant::Variant(std::string n, std::shared_ptr<const Schema> s)
    : name(std::move(n)), schema(std::move(s)) {}

namespace {
Type of(Kind k) {
  Type t;
  t.kind = k;
  return t;
}
}  // namespace

Type Type::quantity(Dim dim, std::string plain_unit) {
  Type t;
  t.kind = Kind::quantity;
  t.dim = dim;
  if (!plain_unit.empty() && find_unit(dim, plain_unit) == nullptr) {
    throw std::logic_error(fmt::format("schema: '{}' is not a unit of {}", plain_unit, dim_name(dim)));
  }
  t.unit = std::move(plain_unit);
  return t;
}
Type Type::number() { return of(Kind::number); }
Type Type::integer() { return of(Kind::integer); }
Type Type::boolean() { return of(Kind::boolean); }
Type Type::string() { return of(Kind::string); }
Type Type::date() { return of(Kind::date); }
Type Type::choice(std::vector<std::string> values) {
  Type t = of(Kind::choice);
  t.choices = std::move(values);
  return t;
}
Type Type::list(Type item) {
  Type t = of(Kind::list);
  t.item = std::make_shared<const Type>(std::move(item));
  return t;
}
Type Type::mapping(Schema schema) { return mapping(std::make_shared<const Schema>(std::move(schema))); }
Type Type::mapping(std::shared_ptr<const Schema> schema) {
  Type t = of(Kind::mapping);
  t.schema = std::move(schema);
  return t;
}
Type Type::by_type(std::vector<Variant> variants, std::string key) {
  Type t = of(Kind::by_type);
  t.variants = std::move(variants);
  t.type_key = std::move(key);
  return t;
}

std::string_view Type::plain_unit() const { return unit.empty() ? stored_unit(dim) : unit; }

std::string Type::describe() const {
  switch (kind) {
    case Kind::quantity:
      if (dim == Dim::dimensionless) return "number";
      if (dim == Dim::fraction) return "fraction (plain number or %)";
      return fmt::format("{} ({})", dim_name(dim), plain_unit());
    case Kind::number: return "number";
    case Kind::integer: return "integer";
    case Kind::boolean: return "boolean";
    case Kind::string: return "string";
    case Kind::choice: return fmt::format("one of {}", join(choices));
    case Kind::date: return "date (YYYY-MM-DD [hh:mm])";
    case Kind::list: return fmt::format("list of {}", item->describe());
    case Kind::mapping: return "mapping";
    case Kind::by_type: {
      std::vector<std::string> names;
      for (const Variant& v : variants) names.push_back(v.name);
      return fmt::format("mapping selected by {}: {}", type_key, join(names));
    }
  }
  return "value";
}

Field& Field::doc(std::string text) {
  doc_ = std::move(text);
  return *this;
}
Field& Field::def(const char* yaml) {
  // An empty text is the empty string (YAML would read it as null, which no string key accepts).
  default_ = *yaml == '\0' ? YAML::Node(std::string()) : YAML::Load(yaml);
  return *this;
}
Field& Field::def(double value) {
  default_ = YAML::Node(format_number(value));
  return *this;
}
Field& Field::def(int value) {
  default_ = YAML::Node(std::to_string(value));
  return *this;
}
Field& Field::def(bool value) {
  default_ = YAML::Node(value ? "true" : "false");
  return *this;
}
Field& Field::def_scalar(std::string text) {
  default_ = YAML::Node(std::move(text));
  return *this;
}
Field& Field::optional() {
  optional_ = true;
  default_ = YAML::Node(YAML::NodeType::Undefined);  // (a bound key's default from its member)
  return *this;
}
Field& Field::required() {
  optional_ = false;
  default_ = YAML::Node(YAML::NodeType::Undefined);
  return *this;
}
Type& Field::bounded() {
  Type* t = &type_;
  while (t->kind == Kind::list) {  // copy on write: the item type may be shared with other fields
    auto own = std::make_shared<Type>(*t->item);
    t->item = own;
    t = own.get();
  }
  if (t->kind != Kind::quantity && t->kind != Kind::number && t->kind != Kind::integer) {
    throw std::logic_error(fmt::format("schema: '{}' is a {}, it cannot have a range", name_, t->describe()));
  }
  return *t;
}
// Bounds are declared in the key's plain-number unit and kept in the stored unit.
Bound Field::bound(Type& t, double v, bool inclusive) const {
  if (t.kind == Kind::quantity) {
    const Unit* u = find_unit(t.dim, t.plain_unit());
    v = v * u->factor + u->offset;
  }
  return Bound{v, inclusive};
}
Field& Field::above(double v) {
  Type& t = bounded();
  t.lower = bound(t, v, false);
  return *this;
}
Field& Field::at_least(double v) {
  Type& t = bounded();
  t.lower = bound(t, v, true);
  return *this;
}
Field& Field::below(double v) {
  Type& t = bounded();
  t.upper = bound(t, v, false);
  return *this;
}
Field& Field::at_most(double v) {
  Type& t = bounded();
  t.upper = bound(t, v, true);
  return *this;
}
Field& Field::min_items(std::size_t n) {
  if (type_.kind != Kind::list) throw std::logic_error(fmt::format("schema: '{}' is not a list", name_));
  type_.min_items = n;
  return *this;
}

Field& Schema::field(std::string name, Type type) {
  if (find(name) != nullptr) throw std::logic_error(fmt::format("schema: key '{}' declared twice", name));
  return fields_.emplace_back(std::move(name), std::move(type));
}
Field& Schema::field(std::string name, Dim dim, std::string plain_unit) {
  return field(std::move(name), Type::quantity(dim, std::move(plain_unit)));
}
Schema& Schema::check(Check fn) {
  checks_.push_back(std::move(fn));
  return *this;
}
Schema& Schema::free_form() {
  free_form_ = true;
  return *this;
}
const Field* Schema::find(std::string_view name) const {
  for (const Field& f : fields_) {
    if (f.name() == name) return &f;
  }
  return nullptr;
}
std::vector<std::string> Schema::keys() const {
  std::vector<std::string> out;
  for (const Field& f : fields_) out.push_back(f.name());
  return out;
}

// ---- values ----------------------------------------------------------------------------------

std::string format_number(double v) {
  if (std::isfinite(v) && std::fabs(v) < 1e15 && v == std::round(v)) {
    return fmt::format("{}", static_cast<long long>(v));
  }
  return fmt::format("{:.6g}", v);
}

namespace {

// A bound or value in the stored unit, shown in the key's plain-number unit.
double shown(const Type& t, double stored) {
  if (t.kind != Kind::quantity) return stored;
  const Unit* u = find_unit(t.dim, t.plain_unit());
  return u ? from_stored(stored, *u) : stored;
}

std::string unit_suffix(const Type& t) {
  if (t.kind != Kind::quantity || t.dim == Dim::dimensionless || t.dim == Dim::fraction) return {};
  return fmt::format(" {}", t.plain_unit());
}

bool in_range(const Type& t, double v) {
  if (t.lower && (t.lower->inclusive ? v < t.lower->value : v <= t.lower->value)) return false;
  if (t.upper && (t.upper->inclusive ? v > t.upper->value : v >= t.upper->value)) return false;
  return true;
}

bool parse_integer(std::string_view s, std::int64_t& out) {
  if (!s.empty() && s.front() == '+') s.remove_prefix(1);
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && end == s.data() + s.size();
}

bool parse_bool(std::string s, bool& out) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  if (s == "true" || s == "yes" || s == "on") return out = true, true;
  if (s == "false" || s == "no" || s == "off") return out = false, true;
  return false;
}

std::string found(const YAML::Node& n) {
  switch (n.Type()) {
    case YAML::NodeType::Null: return "an empty value";
    case YAML::NodeType::Sequence: return "a list";
    case YAML::NodeType::Map: return "a mapping";
    case YAML::NodeType::Scalar: return fmt::format("'{}'", echo(n.Scalar()));
    default: return "nothing";
  }
}

const Variant* find_variant(const Type& t, std::string_view name) {
  for (const Variant& v : t.variants) {
    if (v.name == name) return &v;
  }
  return nullptr;
}

std::vector<std::string> variant_names(const Type& t) {
  std::vector<std::string> out;
  for (const Variant& v : t.variants) out.push_back(v.name);
  return out;
}

// The value of `key` in a mapping node, or an undefined node (never inserts).
YAML::Node lookup(const YAML::Node& map, std::string_view key) {
  if (map.IsMap()) {
    for (auto it = map.begin(); it != map.end(); ++it) {
      if (it->first.IsScalar() && it->first.Scalar() == key) return it->second;
    }
  }
  return YAML::Node(YAML::NodeType::Undefined);
}

YAML::Node lookup_key(const YAML::Node& map, std::string_view key) {
  if (map.IsMap()) {
    for (auto it = map.begin(); it != map.end(); ++it) {
      if (it->first.IsScalar() && it->first.Scalar() == key) return it->first;
    }
  }
  return YAML::Node(YAML::NodeType::Undefined);
}

class Validator {
 public:
  Validator(YamlDocument& doc, InputErrors& errors) : doc_(doc), errors_(errors) {}

  void mapping(YAML::Node node, const Schema& schema, const std::string& path, const YAML::Node& key,
               const std::string& selector = {}, const std::string& variant = {}) {
    if (!node.IsMap()) {
      fail(node, path, fmt::format("expected a mapping of keys, found {}", found(node)), "", key);
      return;
    }
    if (schema.is_free_form()) return;
    const std::size_t errors_before = errors_.size();
    std::map<std::string, YAML::Mark> seen;
    std::vector<std::string> misspelt;  // the keys that unknown keys were taken for ("did you mean")
    for (auto it = node.begin(); it != node.end(); ++it) {
      if (!it->first.IsScalar()) {
        fail(it->first, path, "a key must be a plain name", "", node);
        continue;
      }
      const std::string name = it->first.Scalar();
      const std::string sub = child_path(path, name);
      if (auto [pos, fresh] = seen.emplace(name, it->first.Mark()); !fresh) {
        fail(it->first, sub, fmt::format("duplicate key '{}' (first given on line {})", name,
                                         pos->second.line + 1));
        continue;
      }
      if (!selector.empty() && name == selector) continue;
      const Field* f = schema.find(name);
      if (f == nullptr) {
        std::vector<std::string> keys = schema.keys();
        if (!selector.empty()) keys.insert(keys.begin(), selector);
        fail(it->first, sub, fmt::format("unknown key '{}'", echo(name)), suggestion(name, keys, "valid keys"));
        misspelt.push_back(closest_match(name, keys));
        continue;
      }
      value(it->second, f->type(), sub, it->first);
    }
    for (const Field& f : schema.fields()) {
      if (seen.count(f.name())) continue;
      const std::string sub = child_path(path, f.name());
      if (f.has_default()) {
        node[f.name()] = YAML::Clone(f.default_value());
        Defaulted scope(*this, node, sub);
        value(lookup(node, f.name()), f.type(), sub, node);
      } else if (f.is_required() && std::find(misspelt.begin(), misspelt.end(), f.name()) == misspelt.end()) {
        // (a required key that an unknown key was a misspelling of is already reported there)
        fail(node, path, fmt::format("missing required key '{}' ({})", f.name(), f.type().describe()),
             f.doc_text().empty() ? "" : fmt::format("{}: {}", f.name(), f.doc_text()));
      }
    }
    if (errors_.size() == errors_before && !schema.checks().empty()) {
      const Reader r(doc_, schema, node, path, variant);
      for (const Schema::Check& check : schema.checks()) check(r, errors_);
    }
  }

  void value(const YAML::Node& node, const Type& t, const std::string& path, const YAML::Node& key) {
    switch (t.kind) {
      case Kind::mapping: mapping(node, *t.schema, path, key); return;
      case Kind::by_type: by_type(node, t, path, key); return;
      case Kind::list: list(node, t, path, key); return;
      default: break;
    }
    if (!node.IsScalar()) {
      fail(node, path, fmt::format("expected {}, found {}", t.describe(), found(node)), "", key);
      return;
    }
    const std::string& text = node.Scalar();
    double v = 0.0;
    try {
      switch (t.kind) {
        case Kind::quantity:
          v = t.dim == Dim::duration ? sim::to_seconds(parse_duration(text, t.plain_unit()))
                                     : parse_quantity(text, t.dim, t.unit);
          break;
        case Kind::number: v = parse_quantity(text, Dim::dimensionless); break;
        case Kind::integer: {
          std::int64_t i = 0;
          if (!parse_integer(text, i)) {
            fail(node, path, fmt::format("expected an integer, found '{}'", echo(text)));
            return;
          }
          v = static_cast<double>(i);
          break;
        }
        case Kind::boolean: {
          bool b = false;
          if (!parse_bool(text, b)) fail(node, path, fmt::format("expected true or false, found '{}'", echo(text)));
          return;
        }
        case Kind::choice:
          if (std::find(t.choices.begin(), t.choices.end(), text) == t.choices.end()) {
            fail(node, path, fmt::format("unknown value '{}': expected one of {}", echo(text), join(t.choices)),
                 suggestion(text, t.choices, "valid values"));
          }
          return;
        case Kind::date: {
          sim::CivilDate d;
          int h = 0, m = 0;
          if (!sim::parse_date_time(text, d, h, m)) {
            fail(node, path, fmt::format("expected a date 'YYYY-MM-DD' or 'YYYY-MM-DD hh:mm', found '{}'", echo(text)));
          }
          return;
        }
        default: return;  // string
      }
    } catch (const QuantityError& e) {
      fail(node, path, e.what(), e.hint());
      return;
    }
    if (!in_range(t, v)) {
      // Echo the value as written, and converted when it was written in another unit.
      const std::string plain = format_number(shown(t, v));
      const std::string canonical = plain + unit_suffix(t);
      const std::string got = t.kind == Kind::quantity && text != plain && text != canonical
                                  ? fmt::format("'{}' = {}", text, canonical)
                                  : text;
      fail(node, path, fmt::format("must be {} (got {})", range_text(t), got));
    }
  }

 private:
  // While a schema default is validated, errors point at the mapping that lacked the key.
  struct Defaulted {
    Defaulted(Validator& v, const YAML::Node& where, const std::string& path) : v_(v) {
      if (v_.default_depth_++ == 0) {
        v_.default_mark_ = where.Mark();
        v_.default_path_ = path;
      }
    }
    ~Defaulted() { --v_.default_depth_; }
    Validator& v_;
  };

  void list(const YAML::Node& node, const Type& t, const std::string& path, const YAML::Node& key) {
    if (!node.IsSequence()) {
      fail(node, path, fmt::format("expected a list, found {}", found(node)),
           node.IsNull() ? "write [] for an empty list" : "", key);
      return;
    }
    if (node.size() < t.min_items) {
      fail(node, path, fmt::format("expected at least {} item{}, found {}", t.min_items,
                                   t.min_items == 1 ? "" : "s", node.size()), "", key);
    }
    for (std::size_t i = 0; i < node.size(); ++i) value(node[i], *t.item, item_path(path, i), node);
  }

  void by_type(const YAML::Node& node, const Type& t, const std::string& path, const YAML::Node& key) {
    if (!node.IsMap()) {
      fail(node, path, fmt::format("expected a mapping with a '{}' key, found {}", t.type_key, found(node)),
           "", key);
      return;
    }
    const std::vector<std::string> names = variant_names(t);
    const YAML::Node sel = lookup(node, t.type_key);
    if (!sel.IsDefined()) {
      fail(node, path, fmt::format("missing required key '{}'", t.type_key),
           fmt::format("valid types: {}", join(names)));
      return;
    }
    const std::string sub = child_path(path, t.type_key);
    const Variant* v = sel.IsScalar() ? find_variant(t, sel.Scalar()) : nullptr;
    if (v == nullptr) {
      fail(sel, sub, fmt::format("unknown type {}: expected one of {}", found(sel), join(names)),
           sel.IsScalar() ? suggestion(sel.Scalar(), names, "valid types") : "",
           lookup_key(node, t.type_key));
      return;
    }
    mapping(node, *v->schema, path, key, t.type_key, v->name);
  }

  void fail(const YAML::Node& node, const std::string& path, std::string message, std::string hint = {},
            const YAML::Node& fallback = YAML::Node(YAML::NodeType::Undefined)) {
    if (default_depth_ > 0) {
      message += fmt::format(" (in the default value of {})", default_path_);
      errors_.add(doc_.error_at_mark(default_mark_, path, std::move(message), std::move(hint)));
      return;
    }
    errors_.add(doc_.error_at(node, path, std::move(message), std::move(hint), fallback));
  }

  YamlDocument& doc_;
  InputErrors& errors_;
  int default_depth_ = 0;
  YAML::Mark default_mark_;
  std::string default_path_;
};

}  // namespace

std::string default_text(const Type& t, double stored) {
  if (t.kind != Kind::quantity || t.dim == Dim::dimensionless) return format_number(stored);
  const std::string_view unit = t.dim == Dim::fraction ? "%" : t.plain_unit();
  const double v = from_stored(stored, *find_unit(t.dim, unit));
  return v == 0.0 ? "0" : fmt::format("{} {}", format_number(v), unit);
}

std::string range_text(const Type& t) {
  if (!t.lower && !t.upper) return {};
  const std::string unit = unit_suffix(t);
  auto num = [&](const Bound& b) { return format_number(shown(t, b.value)); };
  if (t.lower && t.upper) {
    return fmt::format("in {}{}, {}{}{}", t.lower->inclusive ? '[' : '(', num(*t.lower), num(*t.upper),
                       t.upper->inclusive ? ']' : ')', unit);
  }
  if (t.lower) return fmt::format("{} {}{}", t.lower->inclusive ? ">=" : ">", num(*t.lower), unit);
  return fmt::format("{} {}{}", t.upper->inclusive ? "<=" : "<", num(*t.upper), unit);
}

// ---- reading ---------------------------------------------------------------------------------

Reader::Reader(const YamlDocument& doc, const Schema& schema)
    : Reader(doc, schema, doc.root(), "", "") {}

Reader::Reader(const YamlDocument& doc, const Schema& schema, YAML::Node node, std::string path,
               std::string variant)
    : doc_(&doc), node_(std::move(node)), schema_(&schema), variant_(std::move(variant)),
      path_(std::move(path)) {}

Reader::Reader(const YamlDocument* doc, YAML::Node node, const Type* type, std::string path)
    : doc_(doc), node_(std::move(node)), type_(type), path_(std::move(path)) {
  if (type_->kind == Kind::mapping) {
    schema_ = type_->schema.get();
  } else if (type_->kind == Kind::by_type) {
    const YAML::Node sel = lookup(node_, type_->type_key);
    const Variant* v = sel.IsScalar() ? find_variant(*type_, sel.Scalar()) : nullptr;
    if (v == nullptr) throw std::logic_error(fmt::format("{}: reading an unvalidated mapping", path_));
    schema_ = v->schema.get();
    variant_ = v->name;
  }
}


bool Reader::has(std::string_view key) const {
  if (schema_ == nullptr || schema_->find(key) == nullptr) {
    throw std::logic_error(fmt::format("{}: the schema has no key '{}'", path_, key));
  }
  const YAML::Node n = lookup(node_, key);
  return n.IsDefined() && !n.IsNull();
}

Reader Reader::at(std::string_view key) const {
  const Field* f = schema_ ? schema_->find(key) : nullptr;
  if (f == nullptr) throw std::logic_error(fmt::format("{}: the schema has no key '{}'", path_, key));
  const YAML::Node n = lookup(node_, key);
  if (!n.IsDefined()) {
    throw std::logic_error(fmt::format("{}: optional key '{}' is absent (ask has() first)", path_, key));
  }
  return Reader(doc_, n, &f->type(), child_path(path_, std::string(key)));
}

std::vector<Reader> Reader::items() const {
  if (type_ == nullptr || type_->kind != Kind::list) {
    throw std::logic_error(fmt::format("{}: not a list", path_));
  }
  std::vector<Reader> out;
  for (std::size_t i = 0; i < node_.size(); ++i) {
    out.push_back(Reader(doc_, node_[i], type_->item.get(), item_path(path_, i)));
  }
  return out;
}

std::size_t Reader::size() const { return node_.size(); }

const Type& Reader::scalar_type(Kind k1, Kind k2) const {
  if (type_ == nullptr || (type_->kind != k1 && type_->kind != k2) || !node_.IsScalar()) {
    throw std::logic_error(fmt::format("{}: read as the wrong kind of value", path_));
  }
  return *type_;
}

const std::string& Reader::scalar() const { return node_.Scalar(); }

double Reader::as_quantity() const {
  const Type& t = scalar_type(Kind::quantity, Kind::number);
  if (t.kind == Kind::number) return parse_quantity(scalar(), Dim::dimensionless);
  if (t.dim == Dim::duration) return sim::to_seconds(parse_duration(scalar(), t.plain_unit()));
  return parse_quantity(scalar(), t.dim, t.unit);
}

sim::Time Reader::as_duration() const {
  const Type& t = scalar_type(Kind::quantity, Kind::quantity);
  if (t.dim != Dim::duration) throw std::logic_error(fmt::format("{}: not a duration", path_));
  return parse_duration(scalar(), t.plain_unit());
}

double Reader::as_number() const {
  const Type& t = scalar_type(Kind::number, Kind::integer);
  if (t.kind == Kind::integer) return static_cast<double>(as_integer());
  return parse_quantity(scalar(), Dim::dimensionless);
}

std::int64_t Reader::as_integer() const {
  scalar_type(Kind::integer, Kind::integer);
  std::int64_t v = 0;
  parse_integer(scalar(), v);
  return v;
}

bool Reader::as_bool() const {
  scalar_type(Kind::boolean, Kind::boolean);
  bool b = false;
  parse_bool(scalar(), b);
  return b;
}

std::string Reader::as_string() const {
  scalar_type(Kind::string, Kind::choice);
  return scalar();
}

DateTime Reader::as_date() const {
  scalar_type(Kind::date, Kind::date);
  DateTime dt;
  sim::parse_date_time(scalar(), dt.date, dt.hour, dt.minute);
  return dt;
}

InputError Reader::error(std::string_view key, std::string message, std::string hint) const {
  const std::string_view first = key.substr(0, key.find_first_of(".["));
  const YAML::Node k = lookup_key(node_, first);
  if (!k.IsDefined()) return error_here(std::move(message), std::move(hint));
  const std::string path = child_path(path_, std::string(key));
  return doc_->error_at(lookup(node_, first), path, std::move(message), std::move(hint), k);
}

InputError Reader::error_here(std::string message, std::string hint) const {
  return doc_->error_at(node_, path_, std::move(message), std::move(hint));
}

InputErrors validate(YamlDocument& doc, const Schema& schema) {
  InputErrors errors;
  Validator(doc, errors).mapping(doc.root(), schema, "", YAML::Node(YAML::NodeType::Undefined));
  return errors;
}

Reader load(YamlDocument& doc, const Schema& schema) {
  validate(doc, schema).throw_if_any();
  return Reader(doc, schema);
}

}  // namespace dcsim::app
