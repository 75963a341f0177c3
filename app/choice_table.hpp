// The strings a choice key accepts and the values they stand for, written once: the schema lists
// them (Type::choice, so validation, "did you mean" and the docs), the loader maps the chosen string
// back, and a bound key's default is the name of the struct's initial value (app/schema_binding.hpp).
//   const ChoiceTable<models::AirEconomizerType> kTypes{
//       {"none", AirEconomizerType::none}, {"direct", AirEconomizerType::direct}, ...};
//   econ.field("type", kTypes.type()).def("none");     p.type = kTypes.read(r["type"]);
// A model that names its values already (to_string) gives the strings: ChoiceTable<E>::of({...}, to_string).
// Several strings may stand for one value (the first is its name); a string is listed once.
#pragma once

#include <initializer_list>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include "app/schema.hpp"

namespace dcsim::app {

template <class E>
class ChoiceTable {
 public:
  struct Entry {
    std::string name;
    E value;
  };

  ChoiceTable(std::initializer_list<Entry> entries) : entries_(entries) {
    for (std::size_t i = 0; i < entries_.size(); ++i) {
      for (std::size_t j = 0; j < i; ++j) {
        if (entries_[i].name == entries_[j].name) {
          throw std::logic_error(fmt::format("choice table: '{}' listed twice", entries_[i].name));
        }
      }
    }
  }

  // The names `to_string` (the model's own) gives each of `values`, in that order.
  template <class ToString>
  static ChoiceTable of(std::initializer_list<E> values, ToString to_string) {
    ChoiceTable t{std::initializer_list<Entry>{}};
    for (E v : values) t.entries_.push_back({std::string(to_string(v)), v});
    return t;
  }

  Type type() const { return Type::choice(names()); }

  std::vector<std::string> names() const {
    std::vector<std::string> out;
    for (const Entry& e : entries_) out.push_back(e.name);
    return out;
  }

  // The name of `value`; a value missing from the table is a programming error.
  const std::string& name(E value) const {
    for (const Entry& e : entries_) {
      if (e.value == value) return e.name;
    }
    throw std::logic_error("choice table: a value has no name");
  }

  // The value `name` stands for; validated input never names another (a programming error).
  E value(std::string_view name) const {
    for (const Entry& e : entries_) {
      if (e.name == name) return e.value;
    }
    throw std::logic_error(fmt::format("choice table: no value '{}'", name));
  }

  // The value of a validated choice.
  E read(const Reader& r) const { return value(r.as_string()); }

 private:
  std::vector<Entry> entries_;
};

}  // namespace dcsim::app
