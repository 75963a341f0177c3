#include <catch2/catch.hpp>

#include "models/psychrometrics.hpp"
#include "sim/check.hpp"

using namespace dcsim::models;
using Catch::Matchers::WithinAbs;
using Catch::Matchers::WithinRel;

TEST_CASE("saturation pressure matches ASHRAE Fundamentals 2017 table 3", "[psychrometrics]") {
  // Table 3, kPa: over water at and above 0 degC, over ice below. The 2017 table lists IAPWS values;
  // the Hyland-Wexler equations reproduce them to a few hundred ppm (2338.8 Pa against 2339.2 at 20 degC).
  CHECK_THAT(saturation_pressure_pa(20.0), WithinRel(2339.2, 3e-4));
  CHECK_THAT(saturation_pressure_water_pa(0.0), WithinAbs(611.2, 0.1));
  CHECK_THAT(saturation_pressure_ice_pa(0.0), WithinAbs(611.15, 0.05));
  CHECK_THAT(saturation_pressure_pa(10.0), WithinRel(1228.2, 3e-4));
  CHECK_THAT(saturation_pressure_pa(30.0), WithinRel(4246.7, 3e-4));
  CHECK_THAT(saturation_pressure_pa(-20.0), WithinRel(103.26, 3e-4));
  // The boiling point at standard pressure: 101.42 kPa at 100 degC in the table (101.325 at 99.97).
  CHECK_THAT(saturation_pressure_pa(100.0), WithinRel(101420.0, 2e-4));
}

TEST_CASE("saturation pressure rises monotonically and ice lies below water under 0 degC", "[psychrometrics]") {
  double prev = 0.0;
  for (double t = -60.0; t <= 90.0; t += 0.5) {
    const double p = saturation_pressure_pa(t);
    CHECK(p > prev);
    prev = p;
  }
  for (double t = -30.0; t < 0.0; t += 5.0) CHECK(saturation_pressure_ice_pa(t) < saturation_pressure_water_pa(t));
  CHECK_THROWS_AS(saturation_pressure_pa(250.0), dcsim::ParameterError);
}

TEST_CASE("dew point inverts the saturation pressure on both branches", "[psychrometrics]") {
  for (double t : {-45.0, -12.3, -0.5, 0.0, 0.7, 14.2, 26.0, 55.0}) {
    CHECK_THAT(dew_point_from_vapour_pressure_c(saturation_pressure_pa(t)), WithinAbs(t, 1e-6));
  }
  // RH from the dew point and back.
  CHECK_THAT(relative_humidity_from_dew_point_pct(25.0, 25.0), WithinAbs(100.0, 1e-9));
  CHECK_THAT(dew_point_from_relative_humidity_c(25.0, relative_humidity_from_dew_point_pct(25.0, 12.0)),
             WithinAbs(12.0, 1e-6));
  // Hand calculation: RH = p_ws(10)/p_ws(20) = 1228.2 / 2339.2 = 52.5 %.
  CHECK_THAT(relative_humidity_from_dew_point_pct(20.0, 10.0), WithinAbs(52.51, 0.05));
}

TEST_CASE("humidity ratio at saturation matches ASHRAE table 2", "[psychrometrics]") {
  // Table 2 (real gas): W_s(20 degC) = 0.014758 (2009 edition; 0.01475 in 2017). The ideal-gas
  // 0.621945*2338.8/(101325-2338.8) = 0.014695 would miss it by 0.4 %; Buck's enhancement factor
  // f = 1.0007 + 3.46e-6*1013.25 = 1.00421 gives 0.621945*2348.65/98976.35 = 0.014758.
  CHECK_THAT(humidity_ratio_from_dew_point(20.0, kStandardPressurePa), WithinAbs(0.014758, 2e-6));
  CHECK_THAT(humidity_ratio_from_dew_point(20.0, kStandardPressurePa), WithinRel(0.014755, 1e-3));
  CHECK_THAT(enhancement_factor(20.0, kStandardPressurePa), WithinAbs(1.00421, 1e-5));
  const double w = 0.0123;
  for (double dp : {-30.0, -5.0, 0.0, 3.0, 25.0}) {
    CHECK_THAT(dew_point_from_humidity_ratio_c(humidity_ratio_from_dew_point(dp, 90000.0), 90000.0),
               WithinAbs(dp, 1e-6));
  }
  // Hand calculation at 90 kPa: p_w = 90000*0.0123/(0.621945+0.0123) = 1745.4 Pa; over f = 1.00381
  // the saturation pressure 1738.8 Pa is reached at 15.30 degC.
  CHECK_THAT(dew_point_from_humidity_ratio_c(w, 90000.0), WithinAbs(15.30, 0.02));
}

TEST_CASE("ASHRAE Fundamentals example: 40 degC dry bulb, 20 degC wet bulb, 101.325 kPa", "[psychrometrics]") {
  // The Handbook reads W_s* from its real-gas table and finds W = 0.006455; the enhancement factor
  // reproduces that to 0.2 % (ideal gas would give 0.006401, 0.8 % low).
  const double w = humidity_ratio_from_wet_bulb(40.0, 20.0, kStandardPressurePa);
  CHECK_THAT(w, WithinAbs(0.006455, 1.5e-5));
  CHECK_THAT(wet_bulb_from_humidity_ratio_c(40.0, w, kStandardPressurePa), WithinAbs(20.0, 1e-5));
  // h = 1.006*40 + 0.006455*(2501 + 1.86*40) = 40.24 + 16.624 = 56.86 kJ/kg dry air.
  CHECK_THAT(moist_air_enthalpy_j_per_kg(40.0, 0.006455), WithinAbs(56864.0, 2.0));
  // v = 0.287042 * 313.15 * (1 + 1.607858*0.006455) / 101.325 = 0.89633 m3/kg; rho = 1.006455 / v.
  CHECK_THAT(moist_air_density_kg_m3(40.0, 0.006455, kStandardPressurePa), WithinAbs(1.006455 / 0.89633, 2e-4));
}

TEST_CASE("wet bulb invariants: below dry bulb, above dew point, equal at saturation", "[psychrometrics]") {
  const double p = 95000.0;
  for (double db = -20.0; db <= 45.0; db += 5.0) {
    CHECK_THAT(wet_bulb_from_dew_point_c(db, db, p), WithinAbs(db, 1e-5));
    double prev_wb = -1e9;
    for (double rh = 5.0; rh <= 100.0; rh += 5.0) {
      const double dp = dew_point_from_relative_humidity_c(db, rh);
      const double wb = wet_bulb_from_relative_humidity_c(db, rh, p);
      CHECK(wb <= db + 1e-6);
      CHECK(wb >= dp - 1e-6);
      CHECK(wb > prev_wb);  // more moisture, warmer wet bulb
      prev_wb = wb;
    }
  }
  // Warmer air at the same humidity ratio has a warmer wet bulb.
  CHECK(wet_bulb_from_humidity_ratio_c(30.0, 0.01, p) > wet_bulb_from_humidity_ratio_c(25.0, 0.01, p));
  // A supersaturated record (dew point a rounding step above the dry bulb) is taken as saturated.
  CHECK(wet_bulb_from_dew_point_c(10.0, 10.1, p) == 10.0);
}

TEST_CASE("wet bulb below freezing uses the ice form of the psychrometric equation", "[psychrometrics]") {
  const double p = kStandardPressurePa;
  const double wb = wet_bulb_from_relative_humidity_c(-10.0, 50.0, p);
  CHECK(wb < -10.0 + 1e-9);
  // Eq. 35 at the solution returns the air's humidity ratio.
  const double w = humidity_ratio_from_dew_point(dew_point_from_relative_humidity_c(-10.0, 50.0), p);
  const double pws = enhancement_factor(wb, p) * saturation_pressure_ice_pa(wb);
  const double ws = 0.621945 * pws / (p - pws);
  CHECK_THAT(((2830.0 - 0.24 * wb) * ws - 1.006 * (-10.0 - wb)) / (2830.0 + 1.86 * -10.0 - 2.1 * wb),
             WithinAbs(w, 1e-8));
}

TEST_CASE("standard atmosphere pressure matches ASHRAE table 1", "[psychrometrics]") {
  CHECK(standard_pressure_pa(0.0) == kStandardPressurePa);
  CHECK_THAT(standard_pressure_pa(1500.0), WithinAbs(84556.0, 10.0));
  CHECK_THAT(standard_pressure_pa(-500.0), WithinAbs(107478.0, 10.0));
  CHECK(standard_pressure_pa(300.0) < standard_pressure_pa(200.0));
}
