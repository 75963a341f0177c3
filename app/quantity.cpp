#include "app/quantity.hpp"

#include <charconv>
#include <cmath>

#include <fmt/format.h>

#include "app/input_error.hpp"

namespace dcsim::app {

namespace {

constexpr double kFahrenheit = 5.0 / 9.0;
constexpr double kUsGallonM3 = 3.785411784e-3;  // NIST SP 811
constexpr double kPsiPa = 6894.757293168;        // NIST SP 811
constexpr double kPoundKg = 0.45359237;

// The first unit of each dimension is its stored unit.
constexpr Unit kUnits[] = {
    {"1", Dim::dimensionless, 1.0},
    {"1", Dim::fraction, 1.0},
    {"%", Dim::fraction, 0.01},
    {"W", Dim::power, 1.0},
    {"kW", Dim::power, 1e3},
    {"MW", Dim::power, 1e6},
    {"GW", Dim::power, 1e9},
    {"J", Dim::energy, 1.0},
    {"kJ", Dim::energy, 1e3},
    {"MJ", Dim::energy, 1e6},
    {"GJ", Dim::energy, 1e9},
    {"Wh", Dim::energy, 3600.0},
    {"kWh", Dim::energy, 3.6e6},
    {"MWh", Dim::energy, 3.6e9},
    {"GWh", Dim::energy, 3.6e12},
    {"degC", Dim::temperature, 1.0},
    {"C", Dim::temperature, 1.0},
    {"\u00b0C", Dim::temperature, 1.0},
    {"K", Dim::temperature, 1.0, -273.15},
    {"degF", Dim::temperature, kFahrenheit, -32.0 * kFahrenheit},
    {"\u00b0F", Dim::temperature, kFahrenheit, -32.0 * kFahrenheit},
    {"K", Dim::temperature_difference, 1.0},
    {"delta_degC", Dim::temperature_difference, 1.0},
    {"delta_degF", Dim::temperature_difference, kFahrenheit},
    {"s", Dim::duration, 1.0},
    {"ms", Dim::duration, 1e-3},
    {"min", Dim::duration, 60.0},
    {"h", Dim::duration, 3600.0},
    {"d", Dim::duration, 86400.0},
    {"y", Dim::duration, 365.0 * 86400.0},
    {"Pa", Dim::pressure, 1.0},
    {"kPa", Dim::pressure, 1e3},
    {"MPa", Dim::pressure, 1e6},
    {"bar", Dim::pressure, 1e5},
    {"psi", Dim::pressure, kPsiPa},
    {"m3/s", Dim::volume_flow, 1.0},
    {"m3/h", Dim::volume_flow, 1.0 / 3600.0},
    {"L/s", Dim::volume_flow, 1e-3},
    {"L/min", Dim::volume_flow, 1e-3 / 60.0},
    {"gpm", Dim::volume_flow, kUsGallonM3 / 60.0},
    {"kg/s", Dim::mass_flow, 1.0},
    {"kg/h", Dim::mass_flow, 1.0 / 3600.0},
    {"t/h", Dim::mass_flow, 1e3 / 3600.0},
    {"J/K", Dim::heat_capacity, 1.0},
    {"kJ/K", Dim::heat_capacity, 1e3},
    {"MJ/K", Dim::heat_capacity, 1e6},
    {"m3", Dim::volume, 1.0},
    {"L", Dim::volume, 1e-3},
    {"kg", Dim::mass, 1.0},
    {"g", Dim::mass, 1e-3},
    {"t", Dim::mass, 1e3},
    {"m2", Dim::area, 1.0},
    {"cm2", Dim::area, 1e-4},
    {"mm2", Dim::area, 1e-6},
    {"g/kWh", Dim::carbon_intensity, 1.0},
    {"kg/MWh", Dim::carbon_intensity, 1.0},
    {"t/MWh", Dim::carbon_intensity, 1e3},
    {"kg/kWh", Dim::carbon_intensity, 1e3},
    {"lb/MWh", Dim::carbon_intensity, kPoundKg},
    {"kg", Dim::carbon_mass, 1.0},
    {"g", Dim::carbon_mass, 1e-3},
    {"t", Dim::carbon_mass, 1e3},
    {"J/m2", Dim::energy_per_area, 1.0},
    {"MJ/m2", Dim::energy_per_area, 1e6},
    {"kWh/m2", Dim::energy_per_area, 3.6e6},
    {"kWh/cm2", Dim::energy_per_area, 3.6e10},
    {"W/K", Dim::thermal_conductance, 1.0},
    {"kW/K", Dim::thermal_conductance, 1e3},
    {"MW/K", Dim::thermal_conductance, 1e6},
    {"1/s", Dim::rate, 1.0},
    {"/s", Dim::rate, 1.0},
    {"1/min", Dim::rate, 1.0 / 60.0},
    {"/min", Dim::rate, 1.0 / 60.0},
    {"1/h", Dim::rate, 1.0 / 3600.0},
    {"/h", Dim::rate, 1.0 / 3600.0},
    {"1/d", Dim::rate, 1.0 / 86400.0},
    {"/d", Dim::rate, 1.0 / 86400.0},
    {"1/y", Dim::rate, 1.0 / (365.0 * 86400.0)},
    {"/y", Dim::rate, 1.0 / (365.0 * 86400.0)},
};

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

std::string with_article(Dim d) {
  const std::string_view n = dim_name(d);
  if (d == Dim::dimensionless) return "a plain number";
  const bool vowel = n.front() == 'a' || n.front() == 'e' || n.front() == 'i' || n.front() == 'o' ||
                     n.front() == 'u';
  return fmt::format("{} {}", vowel ? "an" : "a", n);
}

std::string expected(Dim d) {
  if (d == Dim::dimensionless) return "a plain number";
  return fmt::format("{} ({})", with_article(d), unit_list(d));
}

// Splits "350 kW" into 350 and "kW"; a value without a unit gives an empty unit.
bool split_number(std::string_view text, double& value, std::string_view& unit) {
  text = trim(text);
  if (!text.empty() && text.front() == '+') text.remove_prefix(1);
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || !std::isfinite(value)) return false;
  unit = trim(std::string_view(end, static_cast<std::size_t>(text.data() + text.size() - end)));
  return true;
}

const Unit& resolve_unit(std::string_view text, std::string_view unit, Dim d) {
  if (const Unit* u = find_unit(d, unit)) return *u;
  if (d == Dim::temperature_difference && (unit == "degC" || unit == "C" || unit == "\u00b0C")) {
    throw QuantityError(
        fmt::format("'{}' is ambiguous for a temperature difference (found '{}')", unit, echo(text)),
        "write the difference in K or delta_degC, e.g. '3 K'");
  }
  for (const Unit& u : kUnits) {
    if (u.name == unit && u.dim != Dim::dimensionless && u.dim != Dim::fraction) {
      throw QuantityError(fmt::format("'{}' is a unit of {}, but {} is expected (found '{}')",
                                      unit, dim_name(u.dim), expected(d), echo(text)));
    }
  }
  std::vector<std::string> names;
  for (const Unit& u : units_of(d)) {
    if (u.name != "1") names.emplace_back(u.name);
  }
  if (names.empty()) {
    throw QuantityError(fmt::format("expected a plain number, found '{}'", echo(text)));
  }
  throw QuantityError(fmt::format("unknown unit '{}': expected {}", echo(unit), expected(d)),
                      suggestion(unit, names, "units"));
}

// The largest magnitude of each dimension any facility dcsim models can have, in stored units,
// far beyond real designs (a 100 GW facility, a room of a cubic kilometre, 3000 years): a value
// past it is a typing error, and products of such values (count x power, UA x temperature) would
// overflow to infinity deep in the models, far from the key that caused them.
double max_magnitude(Dim d) {
  switch (d) {
    case Dim::dimensionless: case Dim::fraction: return HUGE_VAL;  // bounded by each key's range
    case Dim::power: return 1e11;                                  // W
    case Dim::energy: return 1e18;                                 // J (277 TWh)
    case Dim::temperature: case Dim::temperature_difference: return 1e4;
    case Dim::duration: return 1e11;                               // s
    case Dim::pressure: return 1e9;                                // Pa
    case Dim::volume_flow: return 1e5;                             // m3/s
    case Dim::mass_flow: return 1e8;                               // kg/s
    case Dim::heat_capacity: return 1e15;                          // J/K
    case Dim::volume: return 1e9;                                  // m3
    case Dim::mass: return 1e12;                                   // kg
    case Dim::area: return 1e9;                                    // m2
    case Dim::carbon_intensity: return 1e6;                        // g/kWh
    case Dim::carbon_mass: return 1e15;                            // kg
    case Dim::energy_per_area: return 1e15;                        // J/m2
    case Dim::rate: return 1e12;                                   // 1/s
    case Dim::thermal_conductance: return 1e12;                    // W/K
  }
  return HUGE_VAL;
}

// The smallest non-zero magnitude likewise (a room of 1e-320 m3 is a denormal whose reciprocal
// overflows in the thermal network): zero itself stays allowed where the key's range allows it.
double min_magnitude(Dim d) {
  switch (d) {
    case Dim::power: case Dim::energy: case Dim::pressure: case Dim::heat_capacity: case Dim::thermal_conductance: return 1e-3;
    case Dim::duration: return 1e-3;  // the engine's time resolution is a millisecond
    case Dim::temperature_difference: return 1e-6;
    case Dim::volume_flow: case Dim::mass_flow: case Dim::mass: case Dim::carbon_mass: return 1e-9;
    case Dim::volume: return 1e-6;
    case Dim::area: case Dim::rate: return 1e-12;
    case Dim::carbon_intensity: case Dim::energy_per_area: return 1e-6;
    case Dim::dimensionless: case Dim::fraction: case Dim::temperature: return 0.0;
  }
  return 0.0;
}

// A finite number can overflow on conversion ("1e308 GW" is 1e317 W): refused like ".inf"; a
// finite one past the dimension's plausible magnitude likewise, at its key.
double finite_si(double si, std::string_view text, Dim d) {
  if (!std::isfinite(si)) {
    throw QuantityError(fmt::format("'{}' is out of range: it overflows to infinity in {}", echo(trim(text)), stored_unit(d)),
                        "give a value a physical facility can have");
  }
  if (std::fabs(si) > max_magnitude(d)) {
    throw QuantityError(fmt::format("'{}' is out of range: a {} of at most {:g} {} in magnitude is modelled", echo(trim(text)),
                                    dim_name(d), max_magnitude(d), stored_unit(d)),
                        "give a value a physical facility can have");
  }
  if (si != 0.0 && std::fabs(si) < min_magnitude(d)) {
    throw QuantityError(fmt::format("'{}' is out of range: a non-zero {} of at least {:g} {} in magnitude is modelled",
                                    echo(trim(text)), dim_name(d), min_magnitude(d), stored_unit(d)),
                        "give a value a physical facility can have, or 0 where the key allows it");
  }
  return si;
}

}  // namespace

std::string_view dim_name(Dim d) {
  switch (d) {
    case Dim::dimensionless: return "number";
    case Dim::fraction: return "fraction";
    case Dim::power: return "power";
    case Dim::energy: return "energy";
    case Dim::temperature: return "temperature";
    case Dim::temperature_difference: return "temperature difference";
    case Dim::duration: return "duration";
    case Dim::pressure: return "pressure";
    case Dim::volume_flow: return "volume flow";
    case Dim::mass_flow: return "mass flow";
    case Dim::heat_capacity: return "heat capacity";
    case Dim::volume: return "volume";
    case Dim::mass: return "mass";
    case Dim::area: return "area";
    case Dim::carbon_intensity: return "carbon intensity";
    case Dim::carbon_mass: return "carbon mass";
    case Dim::energy_per_area: return "energy per area";
    case Dim::rate: return "rate";
    case Dim::thermal_conductance: return "thermal conductance";
  }
  return "quantity";
}

std::string_view stored_unit(Dim d) {
  for (const Unit& u : kUnits) {
    if (u.dim == d) return u.name;
  }
  return "1";
}

std::vector<Unit> units_of(Dim d) {
  std::vector<Unit> out;
  for (const Unit& u : kUnits) {
    if (u.dim == d) out.push_back(u);
  }
  return out;
}

const Unit* find_unit(Dim d, std::string_view name) {
  for (const Unit& u : kUnits) {
    if (u.dim == d && u.name == name) return &u;
  }
  return nullptr;
}

std::string unit_list(Dim d) {
  std::vector<std::string> names;
  for (const Unit& u : units_of(d)) names.emplace_back(u.name == "1" ? "plain number" : u.name);
  return join(names);
}

double from_stored(double stored, const Unit& unit) { return (stored - unit.offset) / unit.factor; }

double parse_quantity(std::string_view text, Dim d, std::string_view plain_unit) {
  double value = 0.0;
  std::string_view unit;
  if (!split_number(text, value, unit)) {
    throw QuantityError(fmt::format("expected {}, found '{}'", expected(d), echo(trim(text))));
  }
  if (unit.empty()) {
    const Unit* plain = find_unit(d, plain_unit.empty() ? stored_unit(d) : plain_unit);
    if (plain == nullptr) {
      throw std::logic_error(fmt::format("unit '{}' is not a unit of {}", plain_unit, dim_name(d)));
    }
    return finite_si(value * plain->factor + plain->offset, text, d);
  }
  const Unit& u = resolve_unit(trim(text), unit, d);
  return finite_si(value * u.factor + u.offset, text, d);
}

sim::Time parse_duration(std::string_view text, std::string_view plain_unit) {
  double value = 0.0;
  std::string_view unit;
  if (!split_number(text, value, unit)) {
    throw QuantityError(fmt::format("expected {}, found '{}'", expected(Dim::duration), echo(trim(text))));
  }
  if (unit.empty()) unit = plain_unit;
  const Unit& u = resolve_unit(trim(text), unit, Dim::duration);
  // Every duration unit is a whole number of ticks, so the product is exact for whole values and
  // within rounding of the nearest tick for decimal ones ("0.1 h" -> 360000 ms).
  const double ticks_per_unit = std::round(u.factor * static_cast<double>(sim::kTicksPerSecond));
  const double ticks = value * ticks_per_unit;
  if (std::fabs(ticks) > 9.0e15) {
    throw QuantityError(fmt::format("duration '{}' is too long", echo(trim(text))));
  }
  const double rounded = std::round(ticks);
  if (std::fabs(ticks - rounded) > 1e-6 * std::max(1.0, std::fabs(ticks))) {
    throw QuantityError(fmt::format("duration '{}' is finer than the 1 ms time resolution", echo(trim(text))));
  }
  return static_cast<sim::Time>(rounded);
}

}  // namespace dcsim::app
