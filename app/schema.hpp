// A declarative description of a scenario's nested mappings. Declaring a key once drives:
//   validation  every error of a file at once: unknown keys (with "did you mean"), duplicate and
//               missing keys, wrong kinds, bad units or dimensions, values out of range (echoed);
//   defaults    filled into the YAML tree, so the scenario "as run" is complete;
//   reading     a typed Reader that returns SI values;
//   docs        a Markdown key reference and a JSON Schema (draft 2020-12) for YAML editors.
//
//   Schema pump("A circulation pump");
//   pump.field("flow", Dim::volume_flow).above(0).doc("Design volume flow");
//   pump.field("efficiency", Type::number()).above(0).at_most(1).def(0.7).doc("Wire-to-water");
//   Schema liquid;
//   liquid.field("supply_temp", Dim::temperature).range(10, 45).def("32 degC").doc("...");
//   liquid.field("pumps", Type::list(Type::mapping(pump))).min_items(1);
//   liquid.check([](const Reader& r, InputErrors& e) {
//     if (r.quantity("supply_temp") >= r.quantity("return_temp"))
//       e.add(r.error("supply_temp", "must be below return_temp"));
//   });
//   Reader root = load(doc, scenario);              // throws InputException with every error
//   for (const Reader& p : root["cooling"]["liquid"].list("pumps")) p.number("efficiency");
//
// A key without a default and not marked optional() is required. Ranges are declared and shown in
// the key's plain-number unit (the stored unit unless the field names another).
#pragma once

#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "app/input_error.hpp"
#include "app/quantity.hpp"
#include "app/yaml_document.hpp"
#include "sim/time.hpp"

namespace dcsim::app {

class Schema;
class Reader;

enum class Kind { quantity, number, integer, boolean, string, choice, date, list, mapping, by_type };

struct Bound {
  double value = 0.0;
  bool inclusive = true;
};

// One sub-schema of a mapping whose `type:` key selects it.
struct Variant {
  Variant(std::string name, Schema schema);
  Variant(std::string name, std::shared_ptr<const Schema> schema);
  std::string name;
  std::shared_ptr<const Schema> schema;
};

struct Type {
  static Type quantity(Dim dim, std::string plain_unit = {});
  static Type number();
  static Type integer();
  static Type boolean();
  static Type string();
  static Type choice(std::vector<std::string> values);
  static Type date();
  static Type list(Type item);
  static Type mapping(Schema schema);
  static Type mapping(std::shared_ptr<const Schema> schema);
  static Type by_type(std::vector<Variant> variants, std::string key = "type");

  // "power (W)", "list of mappings", ... as shown in messages and docs.
  std::string describe() const;
  // The unit a plain number is taken in (quantities only).
  std::string_view plain_unit() const;

  Kind kind = Kind::string;
  Dim dim = Dim::dimensionless;
  std::string unit;                      // plain-number unit; empty = stored unit
  std::vector<std::string> choices;      // choice
  std::optional<Bound> lower, upper;     // quantity, number, integer; in the stored unit
  std::size_t min_items = 0;             // list
  std::shared_ptr<const Type> item;      // list
  std::shared_ptr<const Schema> schema;  // mapping
  std::vector<Variant> variants;         // by_type
  std::string type_key;                  // by_type
};

class Field {
 public:
  Field(std::string name, Type type) : name_(std::move(name)), type_(std::move(type)) {}

  Field& doc(std::string text);
  // Default as YAML text: "32 degC", "[]", "{}" (a mapping of its own defaults), "chiller".
  Field& def(const char* yaml);
  Field& def(const std::string& yaml) { return def(yaml.c_str()); }
  Field& def(double value);
  Field& def(int value);
  Field& def(bool value);
  // Default: this text as a plain string, not read as YAML.
  Field& def_scalar(std::string text);
  // May be absent, with no default (Reader::has tells); drops a default given before (a bound
  // key's: the member then keeps its value, such as a preset's, when the key is absent).
  Field& optional();
  // Must be given: no default, not optional (for a bound key whose struct initializer is no default).
  Field& required();
  // Bounds of the value (of each item, for a list), in the key's plain-number unit: for
  // field("capacity", Dim::power, "kW").range(0, 500) the bounds are 0 and 500 kW.
  Field& above(double v);
  Field& at_least(double v);
  Field& below(double v);
  Field& at_most(double v);
  Field& range(double lo, double hi) { return at_least(lo).at_most(hi); }
  Field& min_items(std::size_t n);

  const std::string& name() const { return name_; }
  const Type& type() const { return type_; }
  const std::string& doc_text() const { return doc_; }
  const YAML::Node& default_value() const { return default_; }
  bool has_default() const { return default_.IsDefined(); }
  bool is_optional() const { return optional_; }
  bool is_required() const { return !optional_ && !has_default(); }

 private:
  Type& bounded();
  Bound bound(Type& t, double v, bool inclusive) const;
  std::string name_;
  Type type_;
  std::string doc_;
  YAML::Node default_{YAML::NodeType::Undefined};
  bool optional_ = false;
};

class Schema {
 public:
  // Reports errors that involve several keys; runs only when the mapping's own keys are valid.
  using Check = std::function<void(const Reader&, InputErrors&)>;

  explicit Schema(std::string doc = {}) : doc_(std::move(doc)) {}

  Field& field(std::string name, Type type);
  Field& field(std::string name, Dim dim, std::string plain_unit = {});
  Schema& check(Check fn);
  // Its keys are names the file chooses (it.templates): any mapping is valid, the loader reads it
  // before validation, and the docs show the schema's doc text in place of a key table.
  Schema& free_form();

  const std::deque<Field>& fields() const { return fields_; }
  const Field* find(std::string_view name) const;
  std::vector<std::string> keys() const;
  const std::string& doc() const { return doc_; }
  const std::vector<Check>& checks() const { return checks_; }
  bool is_free_form() const { return free_form_; }

 private:
  std::string doc_;
  std::deque<Field> fields_;  // deque: references returned by field() stay valid
  std::vector<Check> checks_;
  bool free_form_ = false;
};

struct DateTime {
  sim::CivilDate date;
  int hour = 0;
  int minute = 0;
};

// A validated value and its place in the file. Readers refer to the document and the schema, which
// must outlive them. Asking for a key the schema does not declare, or for the wrong kind, is a
// programming error (std::logic_error), never an input error.
class Reader {
 public:
  // The root mapping of a validated document.
  Reader(const YamlDocument& doc, const Schema& schema);
  // A mapping `node` at `path` described by `schema` (`variant`: its selected type, if any).
  Reader(const YamlDocument& doc, const Schema& schema, YAML::Node node, std::string path,
         std::string variant = {});

  bool has(std::string_view key) const;
  Reader at(std::string_view key) const;
  Reader operator[](std::string_view key) const { return at(key); }
  std::vector<Reader> items() const;
  std::vector<Reader> list(std::string_view key) const { return at(key).items(); }
  std::size_t size() const;
  // The selected `type:` of a one-of-by-type mapping.
  const std::string& type_name() const { return variant_; }

  double as_quantity() const;  // stored unit: SI, temperatures in degC, carbon intensity in g/kWh
  sim::Time as_duration() const;
  double as_number() const;
  std::int64_t as_integer() const;
  bool as_bool() const;
  std::string as_string() const;
  DateTime as_date() const;

  double quantity(std::string_view key) const { return at(key).as_quantity(); }
  sim::Time duration(std::string_view key) const { return at(key).as_duration(); }
  double number(std::string_view key) const { return at(key).as_number(); }
  std::int64_t integer(std::string_view key) const { return at(key).as_integer(); }
  bool boolean(std::string_view key) const { return at(key).as_bool(); }
  std::string string(std::string_view key) const { return at(key).as_string(); }
  DateTime date(std::string_view key) const { return at(key).as_date(); }

  const std::string& path() const { return path_; }
  const YAML::Node& node() const { return node_; }
  const YamlDocument& document() const { return *doc_; }
  // An error located at `key` of this mapping (its first segment, for "pumps[1].head_pa") when
  // present, else at this node.
  InputError error(std::string_view key, std::string message, std::string hint = {}) const;
  InputError error_here(std::string message, std::string hint = {}) const;

 private:
  Reader(const YamlDocument* doc, YAML::Node node, const Type* type, std::string path);
  const Type& scalar_type(Kind k1, Kind k2) const;
  const std::string& scalar() const;

  const YamlDocument* doc_;
  YAML::Node node_;
  const Type* type_ = nullptr;      // null for the root
  const Schema* schema_ = nullptr;  // mappings: the (selected) schema
  std::string variant_;
  std::string path_;
};

// Shortest readable form: 1300000, 0.35, 1.2e-07.
std::string format_number(double v);
// A value of `type` in its stored unit, written in the key's plain unit as a default is written:
// "200 kPa", "30 %" (fractions), "15 min", "0.7" (plain numbers); "0" when it is zero there.
std::string default_text(const Type& type, double stored);
// The valid range in the key's plain-number unit: "(0, 1]", "> 0 W", "[10, 45] degC"; empty if none.
std::string range_text(const Type& type);

// Checks the document against the schema and fills in defaults; returns every error found.
InputErrors validate(YamlDocument& doc, const Schema& schema);
// validate(), then throws InputException if there were errors; else the root Reader.
Reader load(YamlDocument& doc, const Schema& schema);

// The key reference: a table per mapping (key, type and unit, default, valid range, description)
// and the accepted units of every dimension used.
std::string markdown_reference(const Schema& schema, std::string_view title);
// JSON Schema draft 2020-12 for YAML language servers (# yaml-language-server: $schema=...).
std::string json_schema(const Schema& schema, std::string_view title);

}  // namespace dcsim::app
