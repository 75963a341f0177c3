// Unit conversions at the input boundary, checked against hand conversions (NIST SP 811 factors).
#include <catch2/catch.hpp>

#include "app/quantity.hpp"

using namespace dcsim::app;
using Catch::Matchers::Contains;
using Catch::Matchers::WithinRel;

namespace {
// The message and hint of the QuantityError thrown for `text`.
std::pair<std::string, std::string> error_of(const std::string& text, Dim d) {
  try {
    parse_quantity(text, d);
  } catch (const QuantityError& e) {
    return {e.what(), e.hint()};
  }
  FAIL("no error for '" << text << "'");
  return {};
}
}  // namespace

TEST_CASE("power and energy convert to W and J", "[quantity]") {
  CHECK(parse_quantity("4 MW", Dim::power) == 4e6);
  CHECK(parse_quantity("350 kW", Dim::power) == 350e3);
  CHECK(parse_quantity("350kW", Dim::power) == 350e3);
  CHECK(parse_quantity("1200", Dim::power) == 1200.0);          // plain number: stored unit W
  CHECK(parse_quantity("350", Dim::power, "kW") == 350e3);      // plain number in the key's unit
  CHECK(parse_quantity("1 kWh", Dim::energy) == 3.6e6);         // 1000 W * 3600 s
  CHECK(parse_quantity("2 MWh", Dim::energy) == 7.2e9);
  CHECK(parse_quantity("5 MJ", Dim::energy) == 5e6);
}

TEST_CASE("absolute temperatures convert to degC", "[quantity]") {
  CHECK(parse_quantity("32 degC", Dim::temperature) == 32.0);
  CHECK(parse_quantity("32 C", Dim::temperature) == 32.0);
  CHECK(parse_quantity("-5 degC", Dim::temperature) == -5.0);
  CHECK_THAT(parse_quantity("305 K", Dim::temperature), WithinRel(31.85, 1e-12));   // 305 - 273.15
  CHECK_THAT(parse_quantity("89.6 degF", Dim::temperature), WithinRel(32.0, 1e-12)); // (89.6-32)*5/9
  CHECK_THAT(parse_quantity("-40 degF", Dim::temperature), WithinRel(-40.0, 1e-12)); // scales cross
  CHECK(parse_quantity("18", Dim::temperature) == 18.0);
}

TEST_CASE("temperature differences take K or delta_degC, not a bare degC", "[quantity]") {
  CHECK(parse_quantity("3 K", Dim::temperature_difference) == 3.0);  // no 273.15 offset for a span
  CHECK(parse_quantity("3 delta_degC", Dim::temperature_difference) == 3.0);
  CHECK_THAT(parse_quantity("5.4 delta_degF", Dim::temperature_difference), WithinRel(3.0, 1e-12));
  const auto [message, hint] = error_of("3 degC", Dim::temperature_difference);
  CHECK_THAT(message, Contains("ambiguous"));
  CHECK_THAT(hint, Contains("K"));
}

TEST_CASE("durations are exact integer ticks", "[quantity]") {
  using dcsim::sim::hours;
  CHECK(parse_duration("15 min") == 900'000);
  CHECK(parse_duration("1 y") == 365 * 86'400'000LL);
  CHECK(parse_duration("1 y") == parse_duration("8760 h"));
  CHECK(parse_duration("365 d") == parse_duration("8760 h"));
  CHECK(parse_duration("0.1 h") == 360'000);  // 0.1 is inexact in binary; the tick is not
  CHECK(parse_duration("1.5 h") == hours(1) + 1'800'000);
  CHECK(parse_duration("60") == 60'000);      // plain number: seconds
  CHECK(parse_duration("2", "h") == hours(2));
  CHECK(parse_duration("250 ms") == 250);
  CHECK(parse_quantity("15 min", Dim::duration) == 900.0);
  CHECK_THROWS_AS(parse_duration("0.0001 s"), QuantityError);  // finer than a millisecond
  CHECK_THROWS_AS(parse_duration("4 kW"), QuantityError);
}

TEST_CASE("fractions accept plain numbers and percent", "[quantity]") {
  CHECK(parse_quantity("0.4", Dim::fraction) == 0.4);
  CHECK_THAT(parse_quantity("40 %", Dim::fraction), WithinRel(0.4, 1e-15));
  CHECK_THAT(parse_quantity("40%", Dim::fraction), WithinRel(0.4, 1e-15));
  CHECK(parse_quantity("0.7", Dim::dimensionless) == 0.7);
  CHECK_THAT(error_of("0.7 kW", Dim::dimensionless).first, Contains("plain number"));
}

TEST_CASE("flow, pressure, heat capacity, volume, mass and area convert to SI", "[quantity]") {
  CHECK(parse_quantity("150 kPa", Dim::pressure) == 150e3);
  CHECK(parse_quantity("1.5 bar", Dim::pressure) == 150e3);
  CHECK(parse_quantity("0.2 MPa", Dim::pressure) == 200e3);
  CHECK(parse_quantity("1.2 m3/s", Dim::volume_flow) == 1.2);
  CHECK_THAT(parse_quantity("36 m3/h", Dim::volume_flow), WithinRel(0.01, 1e-12));
  CHECK_THAT(parse_quantity("10 L/s", Dim::volume_flow), WithinRel(0.01, 1e-12));
  CHECK_THAT(parse_quantity("600 L/min", Dim::volume_flow), WithinRel(0.01, 1e-12));
  // 100 US gal/min = 378.5411784 L / 60 s
  CHECK_THAT(parse_quantity("100 gpm", Dim::volume_flow), WithinRel(0.3785411784 / 60.0, 1e-12));
  CHECK(parse_quantity("2 kg/s", Dim::mass_flow) == 2.0);
  CHECK_THAT(parse_quantity("3600 kg/h", Dim::mass_flow), WithinRel(1.0, 1e-12));
  CHECK(parse_quantity("2 MJ/K", Dim::heat_capacity) == 2e6);
  CHECK_THAT(parse_quantity("4.186 kJ/K", Dim::heat_capacity), WithinRel(4186.0, 1e-12));
  CHECK_THAT(parse_quantity("1000 L", Dim::volume), WithinRel(1.0, 1e-12));
  CHECK(parse_quantity("2 t", Dim::mass) == 2000.0);
  CHECK(parse_quantity("500 g", Dim::mass) == 0.5);
  CHECK_THAT(parse_quantity("1 cm2", Dim::area), WithinRel(1e-4, 1e-12));
  CHECK_THAT(parse_quantity("100 mm2", Dim::area), WithinRel(1e-4, 1e-12));
}

TEST_CASE("carbon intensity is stored in g/kWh, carbon mass in kg", "[quantity]") {
  CHECK(parse_quantity("28 g/kWh", Dim::carbon_intensity) == 28.0);
  CHECK(parse_quantity("400 kg/MWh", Dim::carbon_intensity) == 400.0);  // 400e3 g / 1e3 kWh
  CHECK(parse_quantity("0.4 t/MWh", Dim::carbon_intensity) == 400.0);
  CHECK(parse_quantity("0.4 kg/kWh", Dim::carbon_intensity) == 400.0);
  CHECK(parse_quantity("3 t", Dim::carbon_mass) == 3000.0);
  CHECK(parse_quantity("500 g", Dim::carbon_mass) == 0.5);
  // 1 kWh/cm2 = 3.6e6 J / 1e-4 m2
  CHECK_THAT(parse_quantity("1 kWh/cm2", Dim::energy_per_area), WithinRel(3.6e10, 1e-12));
  CHECK_THAT(parse_quantity("2 /h", Dim::rate), WithinRel(2.0 / 3600.0, 1e-12));
  CHECK(parse_quantity("1/s", Dim::rate) == 1.0);
  CHECK_THAT(parse_quantity("0.5 1/d", Dim::rate), WithinRel(0.5 / 86400.0, 1e-12));
}

TEST_CASE("a unit of the wrong dimension names the expected one and its units", "[quantity]") {
  const auto [message, hint] = error_of("4 kWh", Dim::power);
  CHECK_THAT(message, Contains("'kWh' is a unit of energy"));
  CHECK_THAT(message, Contains("a power (W, kW, MW, GW)"));
  CHECK_THAT(error_of("30 min", Dim::temperature).first, Contains("unit of duration"));
  CHECK_THAT(error_of("12 kW", Dim::volume_flow).first, Contains("m3/s, m3/h, L/s, L/min"));
}

TEST_CASE("an unknown unit gets a did-you-mean", "[quantity]") {
  CHECK(error_of("4 kw", Dim::power).second == "did you mean 'kW'?");
  CHECK(error_of("15 mins", Dim::duration).second == "did you mean 'min'?");
  CHECK(error_of("32 degc", Dim::temperature).second == "did you mean 'degC'?");
  CHECK(error_of("10 l/s", Dim::volume_flow).second == "did you mean 'L/s'?");
  const auto [message, hint] = error_of("4 furlongs", Dim::power);
  CHECK_THAT(message, Contains("unknown unit 'furlongs'"));
  CHECK_THAT(hint, Contains("units: W, kW, MW, GW"));
}

TEST_CASE("text that is not a number is rejected", "[quantity]") {
  CHECK_THAT(error_of("abc", Dim::power).first, Contains("expected a power"));
  CHECK_THROWS_AS(parse_quantity("", Dim::power), QuantityError);
  CHECK_THROWS_AS(parse_quantity("inf kW", Dim::power), QuantityError);
  CHECK_THROWS_AS(parse_quantity("nan", Dim::temperature), QuantityError);
}

TEST_CASE("every dimension has a stored unit that converts with factor 1", "[quantity]") {
  for (Dim d : kAllDims) {
    const Unit* u = find_unit(d, stored_unit(d));
    REQUIRE(u != nullptr);
    CHECK(u->factor == 1.0);
    CHECK(u->offset == 0.0);
    CHECK(from_stored(parse_quantity("2.5", d), *u) == 2.5);
  }
}
