// Scenario keys bound to the members of a parameter struct, so that a key is declared once: the
// Field (type, unit, range, doc), its default (the struct's initializer, written in the key's plain
// unit: "200 kPa" for a pressure kept in Pa, "30 %" for a fraction), and the read that fills the
// member from a validated Reader (app/schema.hpp: quantities arrive in the stored unit).
//
//   Binder<models::FluidMachineParams> b("coolant pumps", models::kCoolantPumpDefaults);
//   b.field("pressure", &FluidMachineParams::design_pressure_pa, Dim::pressure, "kPa").above(0).doc("...");
//   b.field("count", &FluidMachineParams::unit_count, Type::integer()).at_least(1).doc("...");
//   b.field("type", &AirEconomizerParams::type, kEconomizerTypes);      // an enum, through its ChoiceTable
//   b.mapping("pump", &LiquidLoopConfig::pump, "coolant pumps", declare_pump);  // a nested struct
//   b.group("room", "the white space", [](Binder<AirLoopConfig>& room) {...});  // nested keys, flat struct
//   b.flat(&ChillerBankParams::unit, [](Binder<ChillerParams>& u) {...});         // flat keys, nested struct
//   b.schema().field("plant", Type::string()).doc("...");   // a key that is no plain member: read by hand
//   b.read(reader, config);                                 // every bound member whose key is present
//
// Members: double (quantity or number), int (integer, range-checked), bool, std::string (string or
// choice), sim::Time (duration), enums (ChoiceTable), and std::optional of these for optional keys
// (no default). A field made .required() has no default; one made .optional() has none either, and
// its member keeps the value it had (a preset's) when the key is absent. Bounds are declared in the plain unit as
// with Schema::field.
#pragma once

#include <algorithm>
#include <cmath>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "app/choice_table.hpp"
#include "app/registry.hpp"
#include "app/schema.hpp"
#include "sim/time.hpp"

namespace dcsim::app {

namespace binding {

template <class T>
struct is_optional : std::false_type {};
template <class T>
struct is_optional<std::optional<T>> : std::true_type {
  using value_type = T;
};

// The value of `key` of the validated mapping `r`, as a member of type M declared with kind `kind`.
template <class M>
M value(const Reader& r, const std::string& key, Kind kind) {
  if constexpr (std::is_same_v<M, double>) {
    return kind == Kind::integer ? static_cast<double>(r.integer(key)) : r.quantity(key);
  } else if constexpr (std::is_same_v<M, int>) {
    return int_value(r, key);
  } else if constexpr (std::is_same_v<M, sim::Time>) {
    return kind == Kind::integer ? r.integer(key) : r.duration(key);
  } else if constexpr (std::is_same_v<M, bool>) {
    return r.boolean(key);
  } else if constexpr (std::is_same_v<M, std::string>) {
    return r.string(key);
  } else {
    static_assert(sizeof(M) == 0, "Binder: no reading for this member type (an enum needs a ChoiceTable)");
  }
}

// Declares the default `v` of a member of type M on `f`.
template <class M>
void set_default(Field& f, const M& v) {
  const Type& t = f.type();
  if constexpr (std::is_same_v<M, double>) {
    f.def_scalar(default_text(t, v));
  } else if constexpr (std::is_same_v<M, sim::Time>) {
    f.def_scalar(t.kind == Kind::quantity ? default_text(t, sim::to_seconds(v)) : std::to_string(v));
  } else if constexpr (std::is_same_v<M, int> || std::is_same_v<M, bool>) {
    f.def(v);
  } else {
    f.def_scalar(v);
  }
}

template <class M>
bool same(const M& a, const M& b) {
  if constexpr (is_optional<M>::value) {
    return a.has_value() == b.has_value() && (!a || same(*a, *b));
  } else if constexpr (std::is_floating_point_v<M>) {
    // A default written as text ("0.25 %") reads back within rounding of the initializer.
    return a == b || std::fabs(a - b) <= 1e-12 * std::max(std::fabs(a), std::fabs(b));
  } else {
    return a == b;
  }
}

}  // namespace binding

template <class S>
class Binder {
 public:
  explicit Binder(std::string doc = {}, S defaults = S{}) : schema_(std::move(doc)), defaults_(std::move(defaults)) {}

  // A key bound to `member`, with the member's default unless the member is a std::optional (then
  // the key is optional) or the field is made .required().
  template <class M>
  Field& field(std::string name, M S::*member, Type type) {
    Field& f = schema_.field(name, std::move(type));
    const Kind kind = f.type().kind;
    if constexpr (binding::is_optional<M>::value) {
      using T = typename binding::is_optional<M>::value_type;
      f.optional();
      add(name, member, [name, member, kind](const Reader& r, S& s) { s.*member = binding::value<T>(r, name, kind); });
    } else {
      binding::set_default(f, defaults_.*member);
      add(name, member, [name, member, kind](const Reader& r, S& s) { s.*member = binding::value<M>(r, name, kind); });
    }
    return f;
  }
  template <class M>
  Field& field(std::string name, M S::*member, Dim dim, std::string plain_unit = {}) {
    return field(std::move(name), member, Type::quantity(dim, std::move(plain_unit)));
  }
  // An enum (or any value) chosen by name through `table`.
  template <class E>
  Field& field(std::string name, E S::*member, const ChoiceTable<E>& table) {
    Field& f = schema_.field(name, table.type());
    f.def_scalar(table.name(defaults_.*member));
    add(name, member, [name, member, table](const Reader& r, S& s) { s.*member = table.read(r[name]); });
    return f;
  }

  // A nested mapping whose keys fill the struct member `member`, declared by `declare(Binder<M>&)`
  // with defaults().*member as its defaults; default {} (a std::optional member: an optional key).
  template <class M, class Declare>
  Field& mapping(std::string name, M S::*member, std::string doc, Declare declare) {
    if constexpr (binding::is_optional<M>::value) {
      using T = typename binding::is_optional<M>::value_type;
      auto sub = std::make_shared<Binder<T>>(std::move(doc), (defaults_.*member).value_or(T{}));
      declare(*sub);
      Field& f = schema_.field(name, Type::mapping(sub->schema())).optional();
      bound_.push_back({name,
                        [name, member, sub](const Reader& r, S& s) {
                          if (r.has(name)) s.*member = sub->read(r[name]);
                        },
                        [name, member, sub](const S& a, const S& b, std::vector<std::string>& out) {
                          if ((a.*member).has_value() != (b.*member).has_value()) {
                            out.push_back(name);
                          } else if (a.*member) {
                            for (const auto& k : sub->differences(*(a.*member), *(b.*member))) out.push_back(name + "." + k);
                          }
                        }});
      return f;
    } else {
      auto sub = std::make_shared<Binder<M>>(std::move(doc), defaults_.*member);
      declare(*sub);
      Field& f = schema_.field(name, Type::mapping(sub->schema())).def("{}");
      bound_.push_back({name,
                        [name, member, sub](const Reader& r, S& s) { sub->read(r[name], s.*member); },
                        [name, member, sub](const S& a, const S& b, std::vector<std::string>& out) {
                          for (const auto& k : sub->differences(a.*member, b.*member)) out.push_back(name + "." + k);
                        }});
      return f;
    }
  }
  // A nested mapping (default {}) whose keys fill members of S itself: the file groups keys that the
  // struct keeps flat (cooling.air.room.volume -> AirLoopConfig::room_volume_m3).
  template <class Declare>
  Field& group(std::string name, std::string doc, Declare declare) {
    auto sub = std::make_shared<Binder<S>>(std::move(doc), defaults_);
    declare(*sub);
    Field& f = schema_.field(name, Type::mapping(sub->schema())).def("{}");
    bound_.push_back({name, [name, sub](const Reader& r, S& s) { sub->read(r[name], s); },
                      [name, sub](const S& a, const S& b, std::vector<std::string>& out) {
                        for (const auto& k : sub->differences(a, b)) out.push_back(name + "." + k);
                      }});
    return f;
  }

  // Keys of this mapping that fill the members of the struct member `member`: the file keeps flat
  // what the struct nests (a chiller entry's cop -> ChillerBankParams::unit.cop_ref), declared by
  // `declare(Binder<M>&)` with defaults().*member as its defaults. The keys join this mapping where
  // flat() is called; it may be called again for the same member to place more keys further on.
  template <class M, class Declare>
  void flat(M S::*member, Declare declare) {
    Binder<M> sub(std::string{}, defaults_.*member);
    declare(sub);
    for (const Field& f : sub.schema().fields()) schema_.field(f.name(), f.type()) = f;
    for (const auto& c : sub.schema().checks()) schema_.check(c);
    for (auto& x : sub.bound_) {
      bound_.push_back({x.key, [member, read = std::move(x.read)](const Reader& r, S& s) { read(r, s.*member); },
                        [member, compare = std::move(x.compare)](const S& a, const S& b, std::vector<std::string>& out) {
                          compare(a.*member, b.*member, out);
                        }});
    }
  }

  Schema& schema() { return schema_; }
  const Schema& schema() const { return schema_; }
  const S& defaults() const { return defaults_; }

  // Fills every bound member whose key `r` (a validated mapping of schema()) holds.
  void read(const Reader& r, S& out) const {
    for (const Bound& b : bound_) b.read(r, out);
  }
  // defaults() with every bound member read from `r`.
  S read(const Reader& r) const {
    S out = defaults_;
    read(r, out);
    return out;
  }

  // The bound keys ("room.volume" for nested ones) whose members differ between `a` and `b`
  // (doubles: beyond rounding), in declaration order.
  std::vector<std::string> differences(const S& a, const S& b) const {
    std::vector<std::string> out;
    for (const Bound& x : bound_) x.compare(a, b, out);
    return out;
  }
  // The bound keys of this mapping (not those of nested mappings), in declaration order.
  std::vector<std::string> bound_keys() const {
    std::vector<std::string> out;
    for (const Bound& b : bound_) out.push_back(b.key);
    return out;
  }

 private:
  template <class>
  friend class Binder;  // flat() takes over the bound keys of a member's binder

  struct Bound {
    std::string key;
    std::function<void(const Reader&, S&)> read;
    std::function<void(const S&, const S&, std::vector<std::string>&)> compare;
  };

  template <class M, class Read>
  void add(const std::string& key, M S::*member, Read read) {
    bound_.push_back({key,
                      [key, read](const Reader& r, S& s) {
                        if (r.has(key)) read(r, s);
                      },
                      [key, member](const S& a, const S& b, std::vector<std::string>& out) {
                        if (!binding::same(a.*member, b.*member)) out.push_back(key);
                      }});
  }

  Schema schema_;
  S defaults_;
  std::vector<Bound> bound_;
};

// The binder Make() returns, built on first use and kept: the accessors of the scenario's bound
// sections, `const Binder<X>& x_keys() { return built_once<make_x_keys>(); }`.
template <auto Make>
const auto& built_once() {
  static const auto b = Make();
  return b;
}

}  // namespace dcsim::app
