// Psychrometrics of moist air, after ASHRAE Handbook - Fundamentals (SI) 2017, chapter 1:
//   saturation pressure (Hyland-Wexler 1983), eq. 5 over ice (-100..0 degC), eq. 6 over water (0..200 degC):
//     ln p_ws = C1/T + C2 + C3 T + C4 T^2 + C5 T^3 + C6 T^4 + C7 ln T          (ice,   T in K, p in Pa)
//     ln p_ws = C8/T + C9 + C10 T + C11 T^2 + C12 T^3 + C13 ln T               (water)
//   humidity ratio        W = 0.621945 p_w / (p - p_w)                          (eq. 20)
//   saturated moist air   p_w = f p_ws with Buck's (1981, J. Appl. Meteor. 20) enhancement factor
//     f = 1.0007 + 3.46e-6 p[hPa] over water, 1.0003 + 4.18e-6 p[hPa] over ice; this stands in for
//     the real-gas values of the Handbook's table 2 (W_s at 20 degC 0.014758 as in table 2; the
//     ideal-gas eq. 23 is 0.4 % low). Relative humidity is p_ws(t_dew)/p_ws(t) (f cancels).
//   wet bulb (thermodynamic) from the psychrometric equation, solved for t* by bisection:
//     W = ((2501 - 2.326 t*) W_s* - 1.006 (t - t*)) / (2501 + 1.86 t - 4.186 t*)  (eq. 33, t* >= 0)
//     W = ((2830 - 0.24 t*)  W_s* - 1.006 (t - t*)) / (2830 + 1.86 t - 2.1 t*)    (eq. 35, t* < 0)
//   enthalpy              h = 1.006 t + W (2501 + 1.86 t)  kJ/kg dry air         (eq. 32)
//   specific volume       v = 0.287042 (t + 273.15)(1 + 1.607858 W) / p[kPa]    (eq. 26); rho = (1 + W)/v
//   standard pressure     p = 101.325 (1 - 2.25577e-5 Z)^5.2559 kPa              (eq. 3)
// Saturation is over ice below 0 degC and over water at or above it (the Handbook's table 3
// convention), for relative humidity and dew (frost) point alike.
#pragma once

namespace dcsim::models {

inline constexpr double kStandardPressurePa = 101325.0;

double saturation_pressure_water_pa(double temp_c);
double saturation_pressure_ice_pa(double temp_c);
// Over ice below 0 degC, over water at or above.
double saturation_pressure_pa(double temp_c);
// Inverse of saturation_pressure_pa: the temperature at which p_w is the saturation pressure.
double dew_point_from_vapour_pressure_c(double vapour_pressure_pa);

double humidity_ratio_from_vapour_pressure(double vapour_pressure_pa, double pressure_pa);
double vapour_pressure_from_humidity_ratio_pa(double humidity_ratio, double pressure_pa);
// Ratio of the saturation vapour pressure in moist air to that of pure water vapour.
double enhancement_factor(double temp_c, double pressure_pa);
// Humidity ratio of air whose dew point is dew_point_c (saturated air when it equals the dry bulb).
double humidity_ratio_from_dew_point(double dew_point_c, double pressure_pa);
double dew_point_from_humidity_ratio_c(double humidity_ratio, double pressure_pa);

double relative_humidity_from_dew_point_pct(double dry_bulb_c, double dew_point_c);
double dew_point_from_relative_humidity_c(double dry_bulb_c, double rh_pct);

// The humidity ratio that the psychrometric equation gives for a dry bulb / wet bulb pair.
double humidity_ratio_from_wet_bulb(double dry_bulb_c, double wet_bulb_c, double pressure_pa);
double wet_bulb_from_humidity_ratio_c(double dry_bulb_c, double humidity_ratio, double pressure_pa);
double wet_bulb_from_dew_point_c(double dry_bulb_c, double dew_point_c, double pressure_pa);
double wet_bulb_from_relative_humidity_c(double dry_bulb_c, double rh_pct, double pressure_pa);

double moist_air_enthalpy_j_per_kg(double dry_bulb_c, double humidity_ratio);  // per kg dry air
double moist_air_density_kg_m3(double dry_bulb_c, double humidity_ratio, double pressure_pa);
double standard_pressure_pa(double elevation_m);

}  // namespace dcsim::models
