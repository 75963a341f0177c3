#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <numeric>

#include <fmt/format.h>

#include "models/epw_reader.hpp"
#include "models/psychrometrics.hpp"
#include "models/site_library.hpp"
#include "models/weather_generator.hpp"

using namespace dcsim::models;
using Catch::Matchers::WithinAbs;

namespace {

constexpr int kMonthDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

template <typename F>
Monthly monthly_mean(const WeatherSeries& w, F value) {
  Monthly sum{};
  for (std::size_t i = 0; i < w.size(); ++i) sum[month_of_hour(static_cast<int>(i))] += value(w.records()[i]);
  for (int m = 0; m < 12; ++m) sum[m] /= 24.0 * kMonthDays[m];
  return sum;
}

// Mean over each month of the daily (max - min) of the hourly dry bulb.
Monthly mean_daily_range(const WeatherSeries& w) {
  Monthly sum{};
  for (int d = 0; d < 365; ++d) {
    double lo = 1e9, hi = -1e9;
    for (int h = 0; h < 24; ++h) {
      lo = std::min(lo, w.records()[24 * d + h].dry_bulb_c);
      hi = std::max(hi, w.records()[24 * d + h].dry_bulb_c);
    }
    sum[month_of_hour(24 * d)] += hi - lo;
  }
  for (int m = 0; m < 12; ++m) sum[m] /= kMonthDays[m];
  return sum;
}

}  // namespace

TEST_CASE("mean-preserving cycle: monthly means exact, smooth, and a constant stays constant", "[generator]") {
  const Monthly means = {-6.0, -5.2, 4.2, 10.8, 17.8, 22.9, 25.0, 23.2, 19.3, 9.8, 4.2, -3.7};
  const std::vector<double> c = mean_preserving_hourly_cycle(means);
  REQUIRE(c.size() == 8760u);
  Monthly sum{};
  for (int i = 0; i < 8760; ++i) sum[month_of_hour(i)] += c[i];
  for (int m = 0; m < 12; ++m) CHECK_THAT(sum[m] / (24.0 * kMonthDays[m]), WithinAbs(means[m], 1e-6));
  // Smooth: no hour-to-hour step larger than the steepest month-to-month slope allows (9.4 K over
  // about 730 h: 0.013 K/h; the cubic may steepen it, but not by an order of magnitude).
  for (int i = 1; i < 8760; ++i) CHECK(std::abs(c[i] - c[i - 1]) < 0.05);
  CHECK(std::abs(c[0] - c[8759]) < 0.05);  // continuous over New Year
  Monthly flat;
  flat.fill(7.5);
  for (double v : mean_preserving_hourly_cycle(flat)) REQUIRE_THAT(v, WithinAbs(7.5, 1e-9));
  CHECK(month_of_hour(0) == 0);
  CHECK(month_of_hour(31 * 24 - 1) == 0);
  CHECK(month_of_hour(31 * 24) == 1);
  CHECK(month_of_hour(8759) == 11);
}

TEST_CASE("generator: the same seed gives the identical year, another seed a different one", "[generator]") {
  const Site& site = *find_site("ashburn");
  const WeatherSeries a = generate_weather_year(site, 7), b = generate_weather_year(site, 7);
  const WeatherSeries c = generate_weather_year(site, 8);
  REQUIRE(a.size() == 8760u);
  int differ = 0;
  for (std::size_t i = 0; i < a.size(); ++i) {
    REQUIRE(a.records()[i].dry_bulb_c == b.records()[i].dry_bulb_c);
    REQUIRE(a.records()[i].dew_point_c == b.records()[i].dew_point_c);
    differ += std::abs(a.records()[i].dry_bulb_c - c.records()[i].dry_bulb_c) > 0.1;
  }
  CHECK(differ > 8000);
  CHECK(a.records()[0].time_s == 3600.0);
  CHECK(a.records()[8759].time_s == 8760 * 3600.0);
  CHECK(a.period_s() == 365 * 86400.0);
  CHECK(a.site().latitude_deg == site.latitude_deg);
}

TEST_CASE("generator: every site's monthly means, daily ranges and physical bounds", "[generator]") {
  for (const Site& site : site_library()) {
    for (std::uint64_t seed : {1u, 2u}) {
      INFO(site.name << " seed " << seed);
      const WeatherSeries w = generate_weather_year(site, seed);
      const Monthly db = monthly_mean(w, [](const WeatherRecord& r) { return r.dry_bulb_c; });
      const Monthly dp = monthly_mean(w, [](const WeatherRecord& r) { return r.dew_point_c; });
      const Monthly dr = mean_daily_range(w);
      for (int m = 0; m < 12; ++m) {
        INFO("month " << m + 1);
        CHECK_THAT(db[m], WithinAbs(site.climate.dry_bulb_c[m], 0.3));
        CHECK_THAT(dp[m], WithinAbs(site.climate.dew_point_c[m], 0.3));
        CHECK_THAT(dr[m], WithinAbs(site.climate.daily_range_k[m], 0.1 * site.climate.daily_range_k[m]));
      }
      bool bounded = true;
      for (const WeatherRecord& r : w.records()) {
        bounded = bounded && r.rh_pct >= 0.0 && r.rh_pct <= 100.0 + 1e-9 && r.wet_bulb_c <= r.dry_bulb_c &&
                  r.dew_point_c <= r.wet_bulb_c + 1e-6 && r.pressure_pa == site.pressure_pa();
      }
      CHECK(bounded);
    }
  }
}

TEST_CASE("generator: day-to-day variability follows the AR(1) design", "[generator]") {
  // Daily means of a continental site in January: the anomaly's lag-1 correlation is near 0.7 and
  // its standard deviation near s_m (pooled over 10 seeds to keep sampling noise small).
  const Site& site = *find_site("des_moines");
  double sxx = 0.0, sxy = 0.0;
  int n = 0;
  for (std::uint64_t seed = 1; seed <= 10; ++seed) {
    const WeatherSeries w = generate_weather_year(site, seed);
    std::vector<double> daily(31);
    for (int d = 0; d < 31; ++d) {
      for (int h = 0; h < 24; ++h) daily[d] += w.records()[24 * d + h].dry_bulb_c / 24.0;
    }
    const double mean = std::accumulate(daily.begin(), daily.end(), 0.0) / 31.0;
    for (int d = 0; d < 31; ++d) {
      sxx += (daily[d] - mean) * (daily[d] - mean);
      if (d > 0) sxy += (daily[d] - mean) * (daily[d - 1] - mean);
      ++n;
    }
  }
  const double sd = std::sqrt(sxx / n);
  CHECK(sd == Approx(daily_anomaly_sd_k(site, 0)).epsilon(0.25));
  CHECK(sxy / sxx == Approx(0.7).margin(0.15));
  // Continental winters vary more than tropical ones, and more than their own summers.
  CHECK(daily_anomaly_sd_k(site, 0) > 2.0 * daily_anomaly_sd_k(site, 6));
  CHECK(daily_anomaly_sd_k(*find_site("singapore"), 0) < 1.0);
  CHECK(daily_anomaly_sd_k(site, 0) > 3.0 * daily_anomaly_sd_k(*find_site("singapore"), 0));
}

TEST_CASE("generator: the warm tail matches the published 0.4 % design dry bulb", "[generator]") {
  // 0.4 % of 8760 h: the dry bulb exceeded by 35 hours of the year.
  for (const Site& site : site_library()) {
    if (!site.design_published) continue;
    INFO(site.name);
    for (std::uint64_t seed : {4u, 5u}) {
      const WeatherSeries w = generate_weather_year(site, seed);
      std::vector<double> db;
      for (const WeatherRecord& r : w.records()) db.push_back(r.dry_bulb_c);
      std::sort(db.rbegin(), db.rend());
      CHECK_THAT(db[35], WithinAbs(site.design_dry_bulb_c, 0.3));
      CHECK(db[0] < site.design_dry_bulb_c + 6.0);  // a year's maximum stays plausible
    }
  }
}

TEST_CASE("generator: the diurnal cycle peaks in mid-afternoon and bottoms near sunrise", "[generator]") {
  const WeatherSeries w = generate_weather_year(*find_site("phoenix"), 3);
  std::array<double, 24> mean{};
  for (std::size_t i = 0; i < w.size(); ++i) mean[i % 24] += w.records()[i].dry_bulb_c;
  const auto hottest = std::max_element(mean.begin(), mean.end()) - mean.begin() + 1;  // hour ending
  const auto coldest = std::min_element(mean.begin(), mean.end()) - mean.begin() + 1;
  CHECK(hottest >= 14);
  CHECK(hottest <= 16);
  CHECK(coldest >= 4);
  CHECK(coldest <= 7);
}

// ---------------------------------------------------------------------------------------------
// Hidden: the comparison with TMY3 files written into docs/weather.md. Run by hand with
//   DCSIM_TMY3_DIR=/path/to/epw ./build/tests/test_models "[.weather_report]"
namespace {

struct YearStats {
  std::array<int, 6> db_hours{}, wb_hours{};
  double max_db = -1e9, max_wb = -1e9, p04_db = 0.0, p04_wb = 0.0, hdd18 = 0.0, cdd10 = 0.0;
};
constexpr std::array<double, 6> kBins = {10, 15, 18, 20, 24, 27};

YearStats stats_of(const WeatherSeries& w) {
  YearStats s;
  std::vector<double> db, wb;
  for (const WeatherRecord& r : w.records()) {
    for (int k = 0; k < 6; ++k) {
      s.db_hours[k] += r.dry_bulb_c <= kBins[k];
      s.wb_hours[k] += r.wet_bulb_c <= kBins[k];
    }
    s.max_db = std::max(s.max_db, r.dry_bulb_c);
    s.max_wb = std::max(s.max_wb, r.wet_bulb_c);
    db.push_back(r.dry_bulb_c);
    wb.push_back(r.wet_bulb_c);
  }
  // 0.4 %: exceeded by 35 of 8760 hours.
  std::sort(db.rbegin(), db.rend());
  std::sort(wb.rbegin(), wb.rend());
  s.p04_db = db[35];
  s.p04_wb = wb[35];
  for (std::size_t d = 0; d + 24 <= w.size(); d += 24) {
    double mean = 0.0;
    for (int h = 0; h < 24; ++h) mean += w.records()[d + h].dry_bulb_c / 24.0;
    s.hdd18 += std::max(0.0, 18.0 - mean);
    s.cdd10 += std::max(0.0, mean - 10.0);
  }
  return s;
}

std::string row_of(const std::string& label, const YearStats& s) {
  std::string out = "| " + label;
  for (int k = 0; k < 6; ++k) out += fmt::format(" | {}", s.db_hours[k]);
  for (int k = 0; k < 6; ++k) out += fmt::format(" | {}", s.wb_hours[k]);
  return out + fmt::format(" | {:.1f} | {:.1f} |", s.max_db, s.max_wb);
}

}  // namespace

TEST_CASE("weather report: generated years against TMY3 files", "[.weather_report]") {
  const char* dir = std::getenv("DCSIM_TMY3_DIR");
  const std::vector<std::pair<std::string, std::string>> files = {
      {"ashburn", "USA_VA_Sterling-Washington.Dulles.Intl.AP.724030_TMY3.epw"},
      {"phoenix", "USA_AZ_Phoenix-Sky.Harbor.Intl.AP.722780_TMY3.epw"},
      {"des_moines", "USA_IA_Des.Moines.Intl.AP.725460_TMY3.epw"}};
  constexpr int kSeeds = 5;
  if (dir != nullptr) {
    for (const auto& [name, file] : files) {
      const WeatherSeries tmy = read_epw((std::filesystem::path(dir) / file).string());
      std::cout << "\n### " << find_site(name)->display_name << "\n\n| year | DB<=10 | <=15 | <=18 | <=20 | <=24 | <=27 "
                << "| WB<=10 | <=15 | <=18 | <=20 | <=24 | <=27 | max DB | max WB |\n|---";
      for (int k = 0; k < 14; ++k) std::cout << "|--:";
      std::cout << "|\n";
      const YearStats t = stats_of(tmy);
      std::cout << row_of("TMY3", t) << "\n";
      YearStats mean;
      for (int seed = 1; seed <= kSeeds; ++seed) {
        const YearStats g = stats_of(generate_weather_year(*find_site(name), seed));
        std::cout << row_of(fmt::format("seed {}", seed), g) << "\n";
        for (int k = 0; k < 6; ++k) {
          mean.db_hours[k] += g.db_hours[k];
          mean.wb_hours[k] += g.wb_hours[k];
        }
        mean.max_db = std::max(mean.max_db, 0.0) + g.max_db / kSeeds;
        mean.max_wb = std::max(mean.max_wb, 0.0) + g.max_wb / kSeeds;
      }
      for (int k = 0; k < 6; ++k) {
        mean.db_hours[k] /= kSeeds;
        mean.wb_hours[k] /= kSeeds;
      }
      std::cout << row_of("seeds mean", mean) << "\n";
      std::cout << "worst bin difference, in hours and in % of 8760 h:";
      int worst = 0;
      double worst_rel = 0.0;
      for (int k = 0; k < 6; ++k) {
        worst = std::max({worst, std::abs(mean.db_hours[k] - t.db_hours[k]), std::abs(mean.wb_hours[k] - t.wb_hours[k])});
        worst_rel = std::max({worst_rel, std::abs(mean.db_hours[k] - t.db_hours[k]) / double(t.db_hours[k]),
                              std::abs(mean.wb_hours[k] - t.wb_hours[k]) / double(t.wb_hours[k])});
      }
      std::cout << fmt::format(" {} h ({:.1f} %); worst relative to the TMY3 bin: {:.1f} %\n", worst,
                               100.0 * worst / 8760.0, 100.0 * worst_rel);
      std::cout << fmt::format("TMY3: 0.4 % DB {:.1f}, WB {:.1f}, HDD18 {:.0f}, CDD10 {:.0f}\n", t.p04_db, t.p04_wb,
                               t.hdd18, t.cdd10);
    }
  }
  std::cout << "\n| site | 0.4 % DB | 0.4 % WB | HDD18 | CDD10 | max DB | max WB | RH input/generated (Jan, Jul) |\n";
  for (const Site& site : site_library()) {
    YearStats sum;
    sum.max_db = sum.max_wb = 0.0;
    constexpr int kN = 10;
    Monthly rh{};
    for (int seed = 1; seed <= kN; ++seed) {
      const WeatherSeries w = generate_weather_year(site, seed);
      const YearStats g = stats_of(w);
      sum.p04_db += g.p04_db / kN;
      sum.p04_wb += g.p04_wb / kN;
      sum.hdd18 += g.hdd18 / kN;
      sum.cdd10 += g.cdd10 / kN;
      sum.max_db += g.max_db / kN;
      sum.max_wb += g.max_wb / kN;
      const Monthly r = monthly_mean(w, [](const WeatherRecord& x) { return x.rh_pct; });
      for (int m = 0; m < 12; ++m) rh[m] += r[m] / kN;
    }
    std::cout << fmt::format("| {} | {:.1f} | {:.1f} | {:.0f} | {:.0f} | {:.1f} | {:.1f} | {:.0f}/{:.0f}, {:.0f}/{:.0f} |\n",
                             site.name, sum.p04_db, sum.p04_wb, sum.hdd18, sum.cdd10, sum.max_db, sum.max_wb,
                             site.climate.rh_pct[0], rh[0], site.climate.rh_pct[6], rh[6]);
  }
  SUCCEED();
}
