// Physical quantities at the input boundary: a scenario value is either a plain number, in the unit
// the key documents, or a string "value unit" ("350 kW", "32 degC", "15 min"). It becomes the stored
// unit of its dimension once, here; everything downstream is SI (temperatures in degC, carbon
// intensity in g/kWh, as DEVELOPERS.md fixes). Conversions are affine: stored = value * factor + offset
// (offset is non-zero only for absolute temperatures given in K or degF).
// A temperature *difference* accepts K or delta_degC (delta_degF) but not a bare degC: "3 degC" is
// ambiguous between a level and a span, so it is rejected with a hint (the Pint convention).
// Durations convert to integer ticks exactly (1 y = 365 d = 8760 h; no double decides event order).
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "sim/time.hpp"

namespace dcsim::app {

enum class Dim {
  dimensionless,
  fraction,
  power,
  energy,
  temperature,
  temperature_difference,
  duration,
  pressure,
  volume_flow,
  mass_flow,
  heat_capacity,
  volume,
  mass,
  area,
  carbon_intensity,
  carbon_mass,
  energy_per_area,
  rate,
  thermal_conductance,
};

inline constexpr Dim kAllDims[] = {
    Dim::dimensionless, Dim::fraction,     Dim::power,         Dim::energy,
    Dim::temperature,   Dim::temperature_difference,           Dim::duration,
    Dim::pressure,      Dim::volume_flow,  Dim::mass_flow,     Dim::heat_capacity,
    Dim::volume,        Dim::mass,         Dim::area,          Dim::carbon_intensity,
    Dim::carbon_mass,   Dim::energy_per_area, Dim::rate,        Dim::thermal_conductance};

// A unit as accepted in input: stored = value * factor + offset.
struct Unit {
  std::string_view name;
  Dim dim;
  double factor;
  double offset = 0.0;
};

// "power", "temperature difference", ...
std::string_view dim_name(Dim d);
// The unit values of this dimension are stored in ("W", "degC", "g/kWh"; "1" for plain numbers).
std::string_view stored_unit(Dim d);
// Units accepted for the dimension, in the order shown to users.
std::vector<Unit> units_of(Dim d);
// The unit `name` of dimension `d`, or nullptr.
const Unit* find_unit(Dim d, std::string_view name);

// A value that cannot be read as the requested quantity. `hint` may hold a suggestion.
class QuantityError : public std::invalid_argument {
 public:
  QuantityError(const std::string& message, std::string hint = {})
      : std::invalid_argument(message), hint_(std::move(hint)) {}
  const std::string& hint() const { return hint_; }

 private:
  std::string hint_;
};

// `text` as a quantity of dimension `d`, in the stored unit. A plain number is taken in
// `plain_unit` (the stored unit when empty). Throws QuantityError naming the expected dimension and
// its units, with a "did you mean" for unknown units.
double parse_quantity(std::string_view text, Dim d, std::string_view plain_unit = {});

// A duration as exact integer ticks (milliseconds). Throws QuantityError, also for values finer
// than one tick.
sim::Time parse_duration(std::string_view text, std::string_view plain_unit = "s");

// Value in the stored unit expressed in `unit` (the inverse of the conversion), for documentation.
double from_stored(double stored, const Unit& unit);

// "W, kW, MW, GW"
std::string unit_list(Dim d);

}  // namespace dcsim::app
