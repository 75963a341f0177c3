// A registry from a YAML `type:` name to the schema of that component's keys and the factory that
// builds it (after Cantera's Factory::reg), so that adding a model is one registration:
//   Registry<std::unique_ptr<models::Chiller>> chillers;
//   chillers.add("electric_eir", eir_schema, [](const Reader& r) { return std::make_unique<...>(...); });
//   heat_rejection.field("chiller", chillers.type());            // validation lists valid types
//   auto chiller = chillers.make(root["cooling"]["chiller"]);   // dispatches on type:
// A ParameterError thrown by a constructor (dcsim::require) becomes an InputError located at the
// component's key in the file.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <initializer_list>
#include <limits>
#include <memory>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "app/schema.hpp"
#include "sim/check.hpp"

namespace dcsim::app {

// A model parameter (first segment of a ParameterError key) and the key of the mapping that sets it.
struct KeyAlias {
  std::string_view model;
  std::string_view yaml;
};

// The key of `r` that a model's ParameterError key stands for: its alias, the key itself, or the key
// less its unit suffix (DEVELOPERS.md naming: district_supply_temp_c for district_supply_temp);
// empty when the mapping holds none of them.
inline std::string yaml_key(const Reader& r, std::string_view key, std::initializer_list<KeyAlias> aliases) {
  const std::string_view first = key.substr(0, key.find_first_of(".["));
  for (const KeyAlias& a : aliases) {
    if (a.model == first) return std::string(a.yaml);
  }
  const YAML::Node& node = r.node();
  auto present = [&](std::string_view k) { return node.IsMap() && node[std::string(k)].IsDefined(); };
  if (present(first)) return std::string(key);
  for (std::string_view suffix : {"_c", "_k", "_w", "_s", "_j_per_k", "_fraction", "_m3", "_pa", "_per_s", "_g_per_kwh"}) {
    if (first.size() > suffix.size() && first.substr(first.size() - suffix.size()) == suffix &&
        present(first.substr(0, first.size() - suffix.size()))) {
      return std::string(first.substr(0, first.size() - suffix.size()));
    }
  }
  return {};
}

// A list key of exactly N numbers (curve coefficients, monthly values): another count is an input error
// at the key, "needs exactly N <what> (got M)".
template <std::size_t N>
std::array<double, N> exact_numbers(const Reader& r, std::string_view key, std::string_view what) {
  const auto items = r.list(key);
  if (items.size() != N) throw InputException(r.error(key, fmt::format("needs exactly {} {} (got {})", N, what, items.size())));
  std::array<double, N> out{};
  for (std::size_t i = 0; i < N; ++i) out[i] = items[i].as_number();
  return out;
}

// An integer key that the models hold as an int (counts): a value beyond the int range is an input
// error at the key, never a silent wrap-around.
inline int int_value(const Reader& r, std::string_view key) {
  const std::int64_t v = r.integer(key);
  if (v > std::numeric_limits<int>::max() || v < std::numeric_limits<int>::min()) {
    throw InputException(r.error(key, fmt::format("must be at most {} (got {})", std::numeric_limits<int>::max(), v)));
  }
  return static_cast<int>(v);
}

// Runs `build` (a constructor call) and turns a ParameterError into an InputException located at
// the key of `r` that the error names (see yaml_key), else at `r` itself.
template <typename Build>
auto with_location(const Reader& r, Build&& build, std::initializer_list<KeyAlias> aliases = {}) -> decltype(build()) {
  try {
    return build();
  } catch (const ParameterError& e) {
    const std::string key = e.key().empty() ? std::string() : yaml_key(r, e.key(), aliases);
    // The model names its parameter ("mtbf_s must be ..."); the user knows the key ("mtbf").
    std::string message = e.what();
    if (!key.empty() && message.rfind(e.key() + " ", 0) == 0) message = key + message.substr(e.key().size());
    throw InputException(key.empty() ? r.error_here(message) : r.error(key, message));
  }
}

template <typename Product, typename... Args>
class Registry {
 public:
  using Factory = std::function<Product(const Reader&, Args...)>;

  Registry& add(std::string name, Schema schema, Factory factory) {
    for (const Entry& e : entries_) {
      if (e.name == name) throw std::logic_error(fmt::format("registry: type '{}' registered twice", name));
    }
    entries_.push_back({std::move(name), std::make_shared<const Schema>(std::move(schema)), std::move(factory)});
    return *this;
  }

  // The schema type of a mapping whose `key:` selects one of the registered types.
  Type type(std::string key = "type") const {
    std::vector<Variant> variants;
    for (const Entry& e : entries_) variants.emplace_back(e.name, e.schema);
    return Type::by_type(std::move(variants), std::move(key));
  }

  // Builds the component described by `r`, a validated mapping of a type() field.
  Product make(const Reader& r, Args... args) const {
    for (const Entry& e : entries_) {
      if (e.name == r.type_name()) return with_location(r, [&] { return e.factory(r, args...); });
    }
    throw InputException(r.error_here(fmt::format("unknown type '{}'", r.type_name()),
                                      suggestion(r.type_name(), names(), "valid types")));
  }

  std::vector<std::string> names() const {
    std::vector<std::string> out;
    for (const Entry& e : entries_) out.push_back(e.name);
    return out;
  }
  bool contains(const std::string& name) const {
    for (const Entry& e : entries_) {
      if (e.name == name) return true;
    }
    return false;
  }

 private:
  struct Entry {
    std::string name;
    std::shared_ptr<const Schema> schema;
    Factory factory;
  };
  std::vector<Entry> entries_;
};

}  // namespace dcsim::app
