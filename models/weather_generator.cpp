#include "models/weather_generator.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <numbers>
#include <random>

#include <Eigen/Dense>

#include "models/psychrometrics.hpp"

namespace dcsim::models {
namespace {

constexpr int kDays = 365;
constexpr std::array<int, 13> kMonthStartDay = {0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334, 365};
// ASHRAE Handbook - Fundamentals 2017, ch. 14, table 6: fraction of the daily range below the
// daily maximum, for hours 1..24.
constexpr std::array<double, 24> kRangeFraction = {0.88, 0.92, 0.95, 0.98, 1.00, 0.98, 0.91, 0.74,
                                                   0.55, 0.38, 0.23, 0.13, 0.05, 0.00, 0.00, 0.06,
                                                   0.14, 0.24, 0.39, 0.50, 0.59, 0.68, 0.75, 0.82};
constexpr double kLag1 = 0.7;            // day-to-day correlation of the temperature and humidity anomalies
constexpr double kRangeLag1 = 0.5;       // of the daily-range factor
constexpr int kDesignRank = 35;          // the 0.4 % value is exceeded by 35 of 8760 hours
constexpr double kMinSpread = 0.3, kMaxSpread = 4.0;  // bounds of the warm-season spread factor

double mid_month_hour(int m) { return 12.0 * (kMonthStartDay[m] + kMonthStartDay[m + 1]); }

// Periodic cubic Hermite curve through 12 mid-month knots with Catmull-Rom tangents, at hour x.
double hermite_cycle(const Monthly& knot, double x) {
  const double period = kHoursPerYear;
  x = std::fmod(x, period);
  if (x < mid_month_hour(0)) x += period;
  int m = 0;
  while (m < 11 && x >= mid_month_hour(m + 1)) ++m;
  auto pos = [&](int j) { return mid_month_hour(((j % 12) + 12) % 12) + period * std::floor(j / 12.0); };
  auto val = [&](int j) { return knot[((j % 12) + 12) % 12]; };
  const double x0 = pos(m), x1 = pos(m + 1), h = x1 - x0;
  const double d0 = (val(m + 1) - val(m - 1)) / (x1 - pos(m - 1)) * h;
  const double d1 = (val(m + 2) - val(m)) / (pos(m + 2) - x0) * h;
  const double s = (x - x0) / h, s2 = s * s, s3 = s2 * s;
  return (2 * s3 - 3 * s2 + 1) * val(m) + (s3 - 2 * s2 + s) * d0 + (-2 * s3 + 3 * s2) * val(m + 1) +
         (s3 - s2) * d1;
}

Monthly monthly_means(const std::vector<double>& hourly) {
  Monthly sum{};
  for (int i = 0; i < kHoursPerYear; ++i) sum[month_of_hour(i)] += hourly[i];
  for (int m = 0; m < 12; ++m) sum[m] /= 24.0 * (kMonthStartDay[m + 1] - kMonthStartDay[m]);
  return sum;
}

// Daily values varying linearly between mid-month values (periodic).
std::vector<double> daily_from_monthly(const Monthly& v) {
  std::vector<double> out(kDays);
  for (int d = 0; d < kDays; ++d) {
    const double x = 24.0 * d + 12.0;
    int m = 0;
    while (m < 12 && x >= mid_month_hour(m)) ++m;
    const int a = (m + 11) % 12, b = m % 12;
    double xa = mid_month_hour(a), xb = mid_month_hour(b);
    if (m == 0) xa -= kHoursPerYear;
    if (m == 12) xb += kHoursPerYear;
    out[d] = v[a] + (v[b] - v[a]) * (x - xa) / (xb - xa);
  }
  return out;
}

// Daily value at day-centre (noon) interpolated linearly to the record time (i+1) h.
double at_hour(const std::vector<double>& daily, int i) {
  const double y = (i + 1) / 24.0 - 0.5;
  const int d0 = static_cast<int>(std::floor(y));
  const double f = y - d0;
  return (1.0 - f) * daily[(d0 + kDays) % kDays] + f * daily[(d0 + 1) % kDays];
}

std::uint64_t splitmix64(std::uint64_t x) {
  x += 0x9E3779B97F4A7C15ULL;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
  return x ^ (x >> 31);
}

// Standard normal variates by Box-Muller from a Mersenne twister (portable across libraries).
class NormalStream {
 public:
  NormalStream(std::uint64_t seed, std::uint64_t stream) : engine_(splitmix64(seed ^ splitmix64(stream))) {}
  double next() {
    if (has_spare_) {
      has_spare_ = false;
      return spare_;
    }
    const double u1 = uniform(), u2 = uniform();
    const double r = std::sqrt(-2.0 * std::log(u1));
    spare_ = r * std::sin(2.0 * std::numbers::pi * u2);
    has_spare_ = true;
    return r * std::cos(2.0 * std::numbers::pi * u2);
  }

 private:
  double uniform() { return (static_cast<double>(engine_() >> 11) + 0.5) * 0x1.0p-53; }  // (0, 1)
  std::mt19937_64 engine_;
  bool has_spare_ = false;
  double spare_ = 0.0;
};

// Unit-variance AR(1) sequence, started from its stationary distribution.
std::vector<double> ar1(NormalStream& z, double phi, int n) {
  std::vector<double> a(n);
  a[0] = z.next();
  const double innovation = std::sqrt(1.0 - phi * phi);
  for (int d = 1; d < n; ++d) a[d] = phi * a[d - 1] + innovation * z.next();
  return a;
}

// Adds the mean-preserving cycle of (target - generated monthly means) until they agree.
void match_monthly_means(std::vector<double>& hourly, const Monthly& target) {
  for (int iter = 0; iter < 10; ++iter) {
    const Monthly mean = monthly_means(hourly);
    Monthly residual{};
    double worst = 0.0;
    for (int m = 0; m < 12; ++m) {
      residual[m] = target[m] - mean[m];
      worst = std::max(worst, std::abs(residual[m]));
    }
    if (worst < 1e-3) return;
    const std::vector<double> correction = mean_preserving_hourly_cycle(residual);
    for (int i = 0; i < kHoursPerYear; ++i) hourly[i] += correction[i];
  }
}

}  // namespace

int month_of_hour(int hour_index) {
  const int day = hour_index / 24;
  int m = 0;
  while (day >= kMonthStartDay[m + 1]) ++m;
  return m;
}

std::vector<double> mean_preserving_hourly_cycle(const Monthly& monthly) {
  // The curve is linear in its knots: curve = sum_j k_j B_j, with B_j the curve through a unit knot j.
  // Monthly means are then G k with G_mj = mean of B_j over month m; solve G k = monthly exactly.
  struct Basis {
    std::array<std::vector<double>, 12> curve;
    Eigen::PartialPivLU<Eigen::Matrix<double, 12, 12>> lu;
  };
  static const Basis basis = [] {
    Basis out;
    Eigen::Matrix<double, 12, 12> g;
    for (int j = 0; j < 12; ++j) {
      Monthly unit{};
      unit[j] = 1.0;
      out.curve[j].resize(kHoursPerYear);
      for (int i = 0; i < kHoursPerYear; ++i) out.curve[j][i] = hermite_cycle(unit, i + 1.0);
      const Monthly mean = monthly_means(out.curve[j]);
      for (int m = 0; m < 12; ++m) g(m, j) = mean[m];
    }
    out.lu.compute(g);
    return out;
  }();
  const Eigen::Matrix<double, 12, 1> knot = basis.lu.solve(Eigen::Map<const Eigen::Matrix<double, 12, 1>>(monthly.data()));
  std::vector<double> out(kHoursPerYear, 0.0);
  for (int j = 0; j < 12; ++j) {
    for (int i = 0; i < kHoursPerYear; ++i) out[i] += knot(j) * basis.curve[j][i];
  }
  return out;
}

double daily_anomaly_sd_k(const Site& site, int month) {
  const Monthly& t = site.climate.dry_bulb_c;
  const auto [lo, hi] = std::minmax_element(t.begin(), t.end());
  const double annual_range_k = *hi - *lo;
  const double coldness = annual_range_k > 0.0 ? (*hi - t[month]) / annual_range_k : 0.0;
  const double storm_track = std::min(std::abs(site.latitude_deg) / 45.0, 1.5);
  return 0.5 + annual_range_k * (0.07 + 0.11 * coldness * storm_track);
}

WeatherSeries generate_weather_year(const Site& site, std::uint64_t seed) {
  const MonthlyClimate& c = site.climate;
  NormalStream temp_noise(seed, 1), range_noise(seed, 2), humidity_noise(seed, 3);
  const std::vector<double> a = ar1(temp_noise, kLag1, kDays);
  const std::vector<double> r = ar1(range_noise, kRangeLag1, kDays);
  const std::vector<double> b = ar1(humidity_noise, kLag1, kDays);

  const auto [coldest, warmest] = std::minmax_element(c.dry_bulb_c.begin(), c.dry_bulb_c.end());
  Monthly sd{}, warmth{}, beta{}, own_sd{}, range_cv{};
  for (int m = 0; m < 12; ++m) {
    sd[m] = daily_anomaly_sd_k(site, m);
    warmth[m] = *warmest > *coldest ? (c.dry_bulb_c[m] - *coldest) / (*warmest - *coldest) : 1.0;
    range_cv[m] = 0.15 + 0.25 * (1.0 - warmth[m]);
    const double depression_k = c.dry_bulb_c[m] - c.dew_point_c[m];
    beta[m] = std::clamp(1.1 - depression_k / 20.0, 0.2, 1.0);
    own_sd[m] = 0.15 * depression_k;
  }
  const std::vector<double> sd_d = daily_from_monthly(sd), warmth_d = daily_from_monthly(warmth),
                            beta_d = daily_from_monthly(beta), own_sd_d = daily_from_monthly(own_sd),
                            range_d = daily_from_monthly(c.daily_range_k), range_cv_d = daily_from_monthly(range_cv);
  std::vector<double> range(kDays);
  for (int d = 0; d < kDays; ++d) range[d] = range_d[d] * std::max(0.2, 1.0 + range_cv_d[d] * r[d]);
  double fbar = 0.0;
  for (double f : kRangeFraction) fbar += f / 24.0;
  const std::vector<double> cycle_t = mean_preserving_hourly_cycle(c.dry_bulb_c);

  // Dry bulb for a warm-season spread factor g: cycle + anomaly + diurnal part, the latter scaled
  // per month so that the mean daily range (which the day-to-day anomaly widens) matches the input.
  auto sd_of_day = [&](int d, double g) { return sd_d[d] * (1.0 + (g - 1.0) * warmth_d[d]); };
  std::vector<double> temp_anom(kDays), temp(kHoursPerYear);
  auto build_dry_bulb = [&](double g) {
    for (int d = 0; d < kDays; ++d) temp_anom[d] = sd_of_day(d, g) * a[d];
    Monthly scale;
    scale.fill(1.0);
    for (int iter = 0; iter < 4; ++iter) {
      for (int i = 0; i < kHoursPerYear; ++i) {
        temp[i] = cycle_t[i] + at_hour(temp_anom, i) +
                  scale[month_of_hour(i)] * range[i / 24] * (fbar - kRangeFraction[i % 24]);
      }
      Monthly range_sum{};
      for (int d = 0; d < kDays; ++d) {
        const auto [lo, hi] = std::minmax_element(temp.begin() + 24 * d, temp.begin() + 24 * d + 24);
        range_sum[month_of_hour(24 * d)] += *hi - *lo;
      }
      for (int m = 0; m < 12; ++m) {
        scale[m] *= c.daily_range_k[m] * (kMonthStartDay[m + 1] - kMonthStartDay[m]) / range_sum[m];
      }
    }
    match_monthly_means(temp, c.dry_bulb_c);
    std::vector<double> sorted = temp;
    std::nth_element(sorted.begin(), sorted.begin() + kDesignRank, sorted.end(), std::greater<>());
    return sorted[kDesignRank];
  };
  // With a published design dry bulb, g is solved (secant, safeguarded) so that the year's 0.4 %
  // dry bulb equals it: the monthly statistics fix the middle of the distribution, the design
  // condition its warm tail.
  double g = 1.0;
  const double p04_c = build_dry_bulb(g);
  if (site.design_published) {
    double g_prev = g, h_prev = p04_c - site.design_dry_bulb_c;
    g = 1.25;
    for (int iter = 0; iter < 12; ++iter) {
      const double h = build_dry_bulb(g) - site.design_dry_bulb_c;
      if (std::abs(h) < 0.05 || h == h_prev) break;
      const double next = std::clamp(g - h * (g - g_prev) / (h - h_prev), kMinSpread, kMaxSpread);
      g_prev = g;
      h_prev = h;
      g = next;
    }
    build_dry_bulb(g);
  }
  std::vector<double> dp_anom(kDays);
  for (int d = 0; d < kDays; ++d) {
    dp_anom[d] = beta_d[d] * sd_d[d] * a[d] + (0.25 * sd_d[d] + own_sd_d[d]) * b[d];
  }

  // Dew point: cycle + anomaly, capped at the dry bulb; the cap lowers the mean, so the uncapped
  // cycle is raised until the capped monthly means match (as far as saturation allows).
  std::vector<double> dew(kHoursPerYear), capped(kHoursPerYear);
  const std::vector<double> cycle_dp = mean_preserving_hourly_cycle(c.dew_point_c);
  for (int i = 0; i < kHoursPerYear; ++i) dew[i] = cycle_dp[i] + at_hour(dp_anom, i);
  for (int iter = 0; iter < 8; ++iter) {
    for (int i = 0; i < kHoursPerYear; ++i) capped[i] = std::min(dew[i], temp[i]);
    const Monthly mean = monthly_means(capped);
    Monthly residual{};
    double worst = 0.0;
    for (int m = 0; m < 12; ++m) {
      residual[m] = c.dew_point_c[m] - mean[m];
      worst = std::max(worst, std::abs(residual[m]));
    }
    if (worst < 1e-3) break;
    const std::vector<double> correction = mean_preserving_hourly_cycle(residual);
    for (int i = 0; i < kHoursPerYear; ++i) dew[i] += correction[i];
  }
  for (int i = 0; i < kHoursPerYear; ++i) capped[i] = std::min(dew[i], temp[i]);

  const double pressure_pa = site.pressure_pa();
  std::vector<WeatherRecord> records;
  records.reserve(kHoursPerYear);
  for (int i = 0; i < kHoursPerYear; ++i) {
    records.push_back(make_weather_record((i + 1) * 3600.0, temp[i], capped[i], pressure_pa));
  }
  return WeatherSeries(site.info(), std::move(records), kHoursPerYear * 3600.0, false);
}

}  // namespace dcsim::models
