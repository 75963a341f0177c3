#include "models/psychrometrics.hpp"

#include <algorithm>
#include <cmath>

#include "sim/check.hpp"

namespace dcsim::models {
namespace {

constexpr double kZeroCelsiusK = 273.15;
constexpr double kMassRatio = 0.621945;  // M_water / M_dry_air (eq. 20)

// Hyland-Wexler coefficients, ASHRAE Fundamentals 2017 ch. 1 eq. 5 (ice) and 6 (water).
constexpr double kC1 = -5.6745359e+03, kC2 = 6.3925247e+00, kC3 = -9.6778430e-03, kC4 = 6.2215701e-07,
                 kC5 = 2.0747825e-09, kC6 = -9.4840240e-13, kC7 = 4.1635019e+00;
constexpr double kC8 = -5.8002206e+03, kC9 = 1.3914993e+00, kC10 = -4.8640239e-02, kC11 = 4.1764768e-05,
                 kC12 = -1.4452093e-08, kC13 = 6.5459673e+00;

void check_temperature(double temp_c) {
  require(temp_c >= -100.0 && temp_c <= 200.0, "temp_c",
          "must be in [-100, 200] degC for the Hyland-Wexler correlation (got {})", temp_c);
}

double ln_pws_ice(double t_k) {
  return kC1 / t_k + kC2 + t_k * (kC3 + t_k * (kC4 + t_k * (kC5 + t_k * kC6))) + kC7 * std::log(t_k);
}
double dln_pws_ice(double t_k) {
  return -kC1 / (t_k * t_k) + kC3 + t_k * (2 * kC4 + t_k * (3 * kC5 + t_k * 4 * kC6)) + kC7 / t_k;
}
double ln_pws_water(double t_k) {
  return kC8 / t_k + kC9 + t_k * (kC10 + t_k * (kC11 + t_k * kC12)) + kC13 * std::log(t_k);
}
double dln_pws_water(double t_k) {
  return -kC8 / (t_k * t_k) + kC10 + t_k * (2 * kC11 + t_k * 3 * kC12) + kC13 / t_k;
}

}  // namespace

double saturation_pressure_water_pa(double temp_c) {
  check_temperature(temp_c);
  return std::exp(ln_pws_water(temp_c + kZeroCelsiusK));
}

double saturation_pressure_ice_pa(double temp_c) {
  check_temperature(temp_c);
  return std::exp(ln_pws_ice(temp_c + kZeroCelsiusK));
}

double saturation_pressure_pa(double temp_c) {
  return temp_c < 0.0 ? saturation_pressure_ice_pa(temp_c) : saturation_pressure_water_pa(temp_c);
}

double dew_point_from_vapour_pressure_c(double vapour_pressure_pa) {
  require(vapour_pressure_pa > 0.0 && std::isfinite(vapour_pressure_pa), "vapour_pressure_pa",
          "must be positive and finite (got {})", vapour_pressure_pa);
  const bool over_water = vapour_pressure_pa >= saturation_pressure_water_pa(0.0);
  const double target = std::log(vapour_pressure_pa);
  // Newton on ln p_ws(T) = ln p_w; ln p_ws is smooth and nearly linear in 1/T, so 2-4 steps suffice
  // from the Magnus estimate.
  const double g = std::log(vapour_pressure_pa / 611.2);
  double t_k = kZeroCelsiusK + 243.12 * g / (17.62 - g);
  for (int i = 0; i < 50; ++i) {
    const double f = (over_water ? ln_pws_water(t_k) : ln_pws_ice(t_k)) - target;
    const double step = f / (over_water ? dln_pws_water(t_k) : dln_pws_ice(t_k));
    t_k -= step;
    if (std::abs(step) < 1e-10) break;
  }
  const double temp_c = t_k - kZeroCelsiusK;
  check_temperature(temp_c);
  return temp_c;
}

double humidity_ratio_from_vapour_pressure(double vapour_pressure_pa, double pressure_pa) {
  require(pressure_pa > 0.0, "pressure_pa", "must be positive (got {})", pressure_pa);
  require(vapour_pressure_pa >= 0.0 && vapour_pressure_pa < pressure_pa, "vapour_pressure_pa",
          "must be in [0, total pressure {} Pa) (got {})", pressure_pa, vapour_pressure_pa);
  return kMassRatio * vapour_pressure_pa / (pressure_pa - vapour_pressure_pa);
}

double vapour_pressure_from_humidity_ratio_pa(double humidity_ratio, double pressure_pa) {
  require(humidity_ratio >= 0.0, "humidity_ratio", "must be non-negative (got {})", humidity_ratio);
  require(pressure_pa > 0.0, "pressure_pa", "must be positive (got {})", pressure_pa);
  return pressure_pa * humidity_ratio / (kMassRatio + humidity_ratio);
}

double enhancement_factor(double temp_c, double pressure_pa) {
  const double p_hpa = pressure_pa / 100.0;
  return temp_c < 0.0 ? 1.0003 + 4.18e-6 * p_hpa : 1.0007 + 3.46e-6 * p_hpa;
}

double humidity_ratio_from_dew_point(double dew_point_c, double pressure_pa) {
  return humidity_ratio_from_vapour_pressure(
      enhancement_factor(dew_point_c, pressure_pa) * saturation_pressure_pa(dew_point_c), pressure_pa);
}

double dew_point_from_humidity_ratio_c(double humidity_ratio, double pressure_pa) {
  const double pw_pa = vapour_pressure_from_humidity_ratio_pa(humidity_ratio, pressure_pa);
  // f depends on the phase: try water first, and fall back to ice below the triple point.
  const double dp_c = dew_point_from_vapour_pressure_c(pw_pa / enhancement_factor(0.0, pressure_pa));
  if (dp_c >= 0.0) return dp_c;
  return dew_point_from_vapour_pressure_c(pw_pa / enhancement_factor(-1.0, pressure_pa));
}

double relative_humidity_from_dew_point_pct(double dry_bulb_c, double dew_point_c) {
  return 100.0 * (saturation_pressure_pa(dew_point_c) / saturation_pressure_pa(dry_bulb_c));
}

double dew_point_from_relative_humidity_c(double dry_bulb_c, double rh_pct) {
  require(rh_pct > 0.0 && rh_pct <= 100.0, "rh_pct", "must be in (0, 100] % (got {})", rh_pct);
  return dew_point_from_vapour_pressure_c(rh_pct / 100.0 * saturation_pressure_pa(dry_bulb_c));
}

double humidity_ratio_from_wet_bulb(double dry_bulb_c, double wet_bulb_c, double pressure_pa) {
  const double t = dry_bulb_c, ts = wet_bulb_c;
  const double ws = humidity_ratio_from_dew_point(ts, pressure_pa);
  if (ts >= 0.0) return ((2501.0 - 2.326 * ts) * ws - 1.006 * (t - ts)) / (2501.0 + 1.86 * t - 4.186 * ts);
  return ((2830.0 - 0.24 * ts) * ws - 1.006 * (t - ts)) / (2830.0 + 1.86 * t - 2.1 * ts);
}

double wet_bulb_from_humidity_ratio_c(double dry_bulb_c, double humidity_ratio, double pressure_pa) {
  require(humidity_ratio >= 0.0, "humidity_ratio", "must be non-negative (got {})", humidity_ratio);
  // Supersaturated input (a dew point a rounding step above the dry bulb in a weather file) is
  // treated as saturated: the wet bulb equals the dry bulb.
  const double w_sat = humidity_ratio_from_dew_point(dry_bulb_c, pressure_pa);
  if (humidity_ratio >= w_sat) return dry_bulb_c;
  // The psychrometric W(t*) rises monotonically with t*; the root lies between the dew point (or
  // the correlation's lower limit for bone-dry air) and the dry bulb.
  double lo = humidity_ratio > 0.0
                  ? std::max(-100.0, dew_point_from_humidity_ratio_c(humidity_ratio, pressure_pa) - 1.0)
                  : -100.0;
  double hi = dry_bulb_c;
  while (hi - lo > 1e-7) {
    const double mid = 0.5 * (lo + hi);
    (humidity_ratio_from_wet_bulb(dry_bulb_c, mid, pressure_pa) > humidity_ratio ? hi : lo) = mid;
  }
  return 0.5 * (lo + hi);
}

double wet_bulb_from_dew_point_c(double dry_bulb_c, double dew_point_c, double pressure_pa) {
  return wet_bulb_from_humidity_ratio_c(dry_bulb_c, humidity_ratio_from_dew_point(dew_point_c, pressure_pa),
                                        pressure_pa);
}

double wet_bulb_from_relative_humidity_c(double dry_bulb_c, double rh_pct, double pressure_pa) {
  return wet_bulb_from_dew_point_c(dry_bulb_c, dew_point_from_relative_humidity_c(dry_bulb_c, rh_pct),
                                   pressure_pa);
}

double moist_air_enthalpy_j_per_kg(double dry_bulb_c, double humidity_ratio) {
  return 1000.0 * (1.006 * dry_bulb_c + humidity_ratio * (2501.0 + 1.86 * dry_bulb_c));
}

double moist_air_density_kg_m3(double dry_bulb_c, double humidity_ratio, double pressure_pa) {
  require(pressure_pa > 0.0, "pressure_pa", "must be positive (got {})", pressure_pa);
  require(dry_bulb_c > -kZeroCelsiusK, "dry_bulb_c", "must be above absolute zero (got {})", dry_bulb_c);
  const double v_m3_per_kg = 0.287042 * (dry_bulb_c + kZeroCelsiusK) * (1.0 + 1.607858 * humidity_ratio) /
                             (pressure_pa / 1000.0);
  return (1.0 + humidity_ratio) / v_m3_per_kg;
}

double standard_pressure_pa(double elevation_m) {
  require(elevation_m > -5000.0 && elevation_m < 11000.0, "elevation_m",
          "must be in (-5000, 11000) m for the standard atmosphere (got {})", elevation_m);
  return kStandardPressurePa * std::pow(1.0 - 2.25577e-5 * elevation_m, 5.2559);
}

}  // namespace dcsim::models
