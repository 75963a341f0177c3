// Synthetic typical year for a built-in site from its monthly statistics: 8760 hourly records
// (hour-ending, a 365-day year), deterministic for a seed. Per hour i of day d, month m:
//   T_i  = C_T(i) + s_m a(i) + k_m R_d (fbar - f_h)                      dry bulb
//   C_T  smooth periodic cycle whose monthly means equal the inputs: Hermite cubic through mid-month
//        knots with Catmull-Rom tangents, the knots solved from the 12x12 linear system "monthly mean
//        of the curve = input" (the curve is linear in its knots)
//   a_d  = phi a_{d-1} + sqrt(1 - phi^2) z_d, phi = 0.7, z ~ N(0,1): day-to-day anomaly (AR(1)),
//        sampled at noon and interpolated linearly to the hours
//   s_m  = g_m (0.5 + A (0.07 + 0.11 c_m L)) K: anomaly standard deviation; A = annual range of the
//        monthly means (continentality), c_m = (T_warmest - T_m)/A (1 in the coldest month),
//        L = min(|lat|/45, 1.5) (storm-track winters); fitted to the daily-mean scatter of three US
//        TMY3 files. g_m = 1 + (g - 1)(1 - c_m) widens or narrows the warm season only: g is solved
//        (secant) so that the year's 0.4 % dry bulb (exceeded by 35 h) equals the site's published
//        ASHRAE design dry bulb; sites without published design data keep g = 1
//   f_h  ASHRAE Fundamentals 2017 ch. 14 table 6, fraction of the daily range below the daily maximum,
//        fbar its 24-hour mean; R_d = R_m max(0.2, 1 + v_m r_d), r an AR(1) (phi 0.5) of its own,
//        v_m = 0.15 + 0.25 c_m (TMY3 files: 0.16-0.3 in summer, 0.3-0.5 in winter);
//        k_m scales the diurnal part so that the mean daily max-min of month m equals the input
//   Td_i = C_Td(i) + beta_m s0_m a(i) + e_m b(i), capped at T_i (RH <= 100 %); s0_m is s_m with
//        g = 1 (the widened warm tail is dry: heat waves do not raise the dew point as much);
//        b an independent AR(1) (phi 0.7); with the depression D_m = T_m - Td_m:
//        beta_m = clamp(1.1 - D_m/20, 0.2, 1), e_m = 0.25 s0_m + 0.15 D_m (dry air varies more in
//        dew point and follows temperature less)
//   a correction: the residual of each month's mean (input minus generated) of T, and of the
//   capped Td, is spread by the same mean-preserving cycle and added, until below 0.001 K.
//   Pressure: standard atmosphere at the site's elevation; RH and wet bulb from the psychrometrics.
// Randomness: std::mt19937_64 streams (seed mixed by splitmix64), own Box-Muller normals.
#pragma once

#include <cstdint>
#include <vector>

#include "models/site_library.hpp"
#include "models/weather.hpp"

namespace dcsim::models {

inline constexpr int kHoursPerYear = 8760;

// 8760 hourly values (record i at (i+1) h) of a smooth periodic curve whose mean over the hours of
// each month equals `monthly` (hour i belongs to day i/24 of a 365-day year).
std::vector<double> mean_preserving_hourly_cycle(const Monthly& monthly);
// Month (0..11) of hour i of a 365-day year.
int month_of_hour(int hour_index);
// Standard deviation of the day-to-day anomaly of daily mean temperature in month m (0..11).
double daily_anomaly_sd_k(const Site& site, int month);

WeatherSeries generate_weather_year(const Site& site, std::uint64_t seed);

}  // namespace dcsim::models
