#include "models/site_library.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <numbers>

#include "models/psychrometrics.hpp"

namespace dcsim::models {
namespace {

constexpr const char* kAshrae2009 = "ASHRAE 2009 climatic design data (REFERENCE.md sec. 6)";
constexpr const char* kTypicalYear = "typical-year monthly statistics (REFERENCE.md sec. 6)";
constexpr const char* kEmber = "Our World in Data / Ember (REFERENCE.md sec. 5)";

Monthly dew_points_from_wet_bulb(const Monthly& db_c, const Monthly& wb_c, double elevation_m) {
  const double p = standard_pressure_pa(elevation_m);
  Monthly out{};
  for (int m = 0; m < 12; ++m) out[m] = dew_point_from_humidity_ratio_c(humidity_ratio_from_wet_bulb(db_c[m], wb_c[m], p), p);
  return out;
}

Monthly dew_points_from_rh(const Monthly& db_c, const Monthly& rh_pct) {
  Monthly out{};
  for (int m = 0; m < 12; ++m) out[m] = dew_point_from_relative_humidity_c(db_c[m], rh_pct[m]);
  return out;
}

// x(m) = annual + a cos(th) + b cos(2 th), th = 2 pi (m - July) / 12: the smoothest annual cycle
// (two harmonics) through a given January and July value with the given annual mean.
Monthly two_harmonic(double annual, double january, double july) {
  const double a = (july - january) / 2.0;
  const double b = (july + january) / 2.0 - annual;
  Monthly out{};
  for (int m = 0; m < 12; ++m) {
    const double th = 2.0 * std::numbers::pi * (m - 6) / 12.0;
    out[m] = annual + a * std::cos(th) + b * std::cos(2.0 * th);
  }
  return out;
}

Site site_with_wet_bulb(Site s, const Monthly& wb_c) {
  s.climate.dew_point_c = dew_points_from_wet_bulb(s.climate.dry_bulb_c, wb_c, s.elevation_m);
  return s;
}

std::vector<Site> build_library() {
  std::vector<Site> sites;

  {
    Site s{"reykjavik", "Reykjavik, Iceland", 64.13, -21.90, 61.0, 0.0, 16.0, 13.1, kAshrae2009, "6A",
           28.0, 2022, "Iceland national average, " + std::string(kEmber), {}, {}};
    s.climate.dry_bulb_c = {0.3, -0.8, 0.1, 2.6, 6.6, 9.1, 10.8, 10.7, 7.6, 4.8, 1.7, 0.6};
    s.climate.daily_range_k = {5.4, 4.4, 4.6, 4.5, 4.8, 4.8, 4.6, 4.9, 5.0, 4.7, 3.8, 4.6};
    s.climate.rh_pct = {80, 76, 73, 65, 79, 76, 83, 84, 77, 75, 80, 80};
    s.climate_source = std::string(kTypicalYear) + "; dew point from the monthly mean wet bulb";
    sites.push_back(site_with_wet_bulb(s, {-0.9, -2.1, -1.5, 0.3, 4.9, 7.0, 9.2, 9.2, 5.8, 3.1, 0.6, -0.6}));
  }
  {
    Site s{"ashburn", "Ashburn, Virginia, USA (Sterling / Washington Dulles)", 38.98, -77.47, 82.0, -5.0, 34.1,
           25.4, kAshrae2009, "4A", 270.0, 2023, "US EPA eGRID subregion SRVC (SERC Virginia/Carolina)", {}, {}};
    s.climate.dry_bulb_c = {0.6, 1.6, 7.7, 12.5, 18.2, 22.5, 24.5, 23.0, 20.1, 11.9, 7.8, 1.0};
    s.climate.daily_range_k = {9.5, 11.1, 12.7, 12.8, 13.5, 13.2, 11.3, 10.1, 11.1, 13.9, 12.9, 9.9};
    s.climate.rh_pct = {61, 68, 60, 63, 72, 71, 75, 74, 77, 67, 73, 68};
    s.climate_source = std::string(kTypicalYear) + " (TMY3 724030); dew point from the monthly mean wet bulb";
    sites.push_back(site_with_wet_bulb(s, {-1.8, -0.4, 4.1, 8.4, 14.5, 18.4, 20.9, 19.5, 17.1, 8.5, 5.4, -1.0}));
  }
  {
    Site s{"phoenix", "Phoenix, Arizona, USA (Sky Harbor)", 33.45, -111.97, 337.0, -7.0, 43.4, 24.5, kAshrae2009,
           "2B", 369.0, 2023,
           "US national average, " + std::string(kEmber) + "; no Arizona subregion value in the reference data",
           {}, {}};
    s.climate.dry_bulb_c = {13.0, 15.7, 17.3, 23.7, 27.3, 34.0, 35.6, 33.8, 30.4, 24.8, 18.0, 11.7};
    s.climate.daily_range_k = {11.5, 11.6, 12.4, 13.2, 13.6, 14.0, 12.0, 11.3, 12.0, 12.5, 12.0, 11.2};
    s.climate.rh_pct = {37, 52, 42, 23, 25, 19, 30, 32, 30, 35, 38, 50};
    s.climate.dew_point_c = {-2.2, 4.1, 2.5, -1.6, 2.3, 5.9, 13.6, 13.5, 8.9, 6.4, 1.9, 0.5};
    s.climate_source = std::string(kTypicalYear) + " (TMY3 722780); monthly mean dew point as given";
    sites.push_back(s);
  }
  {
    Site s{"singapore", "Singapore (Changi)", 1.37, 103.98, 16.0, 8.0, 33.2, 27.7, kAshrae2009, "0A", 471.0, 2023,
           "Singapore national average, " + std::string(kEmber), {}, {}};
    s.climate.dry_bulb_c = {26.7, 27.2, 27.6, 28.1, 28.2, 28.5, 27.8, 27.8, 27.2, 27.5, 26.7, 26.3};
    s.climate.daily_range_k = {5.3, 6.0, 6.5, 6.6, 5.2, 5.6, 5.7, 5.7, 5.9, 5.4, 5.3, 5.2};
    s.climate.rh_pct = {83, 83, 84, 83, 83, 81, 83, 81, 83, 84, 89, 86};
    s.climate_source = std::string(kTypicalYear) + "; dew point from the monthly mean wet bulb";
    sites.push_back(site_with_wet_bulb(s, {24.3, 24.8, 25.3, 25.6, 25.8, 25.7, 25.3, 25.1, 24.8, 25.3, 25.1, 24.4}));
  }
  {
    Site s{"dublin", "Dublin, Ireland (airport)", 53.43, -6.25, 85.0, 0.0, 22.1, 18.0, kAshrae2009, "5C", 291.0,
           2023, "Ireland national average, " + std::string(kEmber), {}, {}};
    s.climate.dry_bulb_c = {5.8, 4.8, 6.8, 8.5, 10.5, 13.5, 15.6, 14.6, 13.2, 10.5, 7.2, 6.2};
    s.climate.daily_range_k = {4.6, 4.0, 6.0, 6.6, 7.0, 7.0, 6.9, 6.8, 5.9, 6.0, 4.9, 5.2};
    s.climate.rh_pct = {86, 78, 83, 78, 75, 79, 79, 82, 82, 80, 85, 87};
    s.climate_source = std::string(kTypicalYear) + "; dew point from the monthly mean wet bulb";
    sites.push_back(site_with_wet_bulb(s, {4.8, 3.3, 5.4, 6.7, 8.2, 11.4, 13.4, 12.8, 11.4, 8.7, 6.0, 5.3}));
  }
  {
    Site s{"frankfurt", "Frankfurt am Main, Germany (airport)", 50.05, 8.60, 113.0, 1.0, 30.8, 20.6, kAshrae2009,
           "5A", 381.0, 2023, "Germany national average, " + std::string(kEmber), {}, {}};
    s.climate.dry_bulb_c = {2.4, 1.7, 5.5, 9.2, 14.7, 16.4, 19.5, 18.6, 15.0, 10.7, 4.8, 1.7};
    s.climate.daily_range_k = {4.1, 5.8, 8.8, 9.5, 10.4, 9.0, 10.4, 10.6, 10.1, 8.9, 5.6, 4.1};
    s.climate.rh_pct = {83, 78, 73, 69, 70, 71, 67, 69, 72, 83, 88, 86};
    s.climate_source = std::string(kTypicalYear) + "; dew point from the monthly mean wet bulb";
    sites.push_back(site_with_wet_bulb(s, {1.3, 0.3, 3.3, 6.4, 11.3, 13.1, 15.3, 14.7, 11.9, 9.1, 3.9, 0.8}));
  }
  {
    Site s{"des_moines", "Des Moines, Iowa, USA (airport)", 41.53, -93.67, 292.0, -6.0, 34.1, 25.8, kAshrae2009,
           "5A", 369.0, 2023,
           "US national average, " + std::string(kEmber) + "; no Iowa subregion value in the reference data", {}, {}};
    s.climate.dry_bulb_c = {-6.0, -5.2, 4.2, 10.8, 17.8, 22.9, 25.0, 23.2, 19.3, 9.8, 4.2, -3.7};
    s.climate.daily_range_k = {9.7, 8.7, 10.1, 12.3, 12.5, 11.5, 10.1, 9.8, 12.2, 11.6, 10.0, 8.5};
    s.climate.rh_pct = {60, 70, 62, 56, 54, 62, 71, 77, 65, 59, 71, 71};
    s.climate_source = std::string(kTypicalYear) + " (TMY3 725460); dew point from the monthly mean wet bulb";
    sites.push_back(site_with_wet_bulb(s, {-7.9, -6.5, 1.2, 6.3, 12.1, 17.7, 20.8, 20.0, 14.9, 5.8, 2.0, -5.2}));
  }
  {
    // Only monthly mean minima and maxima are given: mean = (min + max)/2, range = max - min. RH is
    // assumed, typical of a subarctic coastal climate: near 87 % in the dark months, 65 % in early
    // summer. Elevation assumed 17 m (the coastal airport; the pressure changes by 0.2 % per 17 m).
    const Monthly min_c = {-13, -13, -9, -3, 3, 9, 13, 11, 6, 0, -6, -10};
    const Monthly max_c = {-5, -5, 0, 6, 12, 17, 21, 19, 13, 6, 0, -3};
    Site s{"lulea", "Lulea, Sweden", 65.6, 22.1, 17.0, 1.0, 23.8, 17.9,
           "estimated: 0.4 % values of dcsim's generated years (seeds 1-10), no ASHRAE table at hand", "7", 41.0,
           2023, "Sweden national average, " + std::string(kEmber), {}, {}};
    for (int m = 0; m < 12; ++m) {
      s.climate.dry_bulb_c[m] = (min_c[m] + max_c[m]) / 2.0;
      s.climate.daily_range_k[m] = max_c[m] - min_c[m];
    }
    s.design_published = false;
    s.climate.rh_pct = {87, 85, 80, 74, 67, 65, 70, 76, 82, 86, 89, 88};
    s.climate.dew_point_c = dew_points_from_rh(s.climate.dry_bulb_c, s.climate.rh_pct);
    s.climate_source = "monthly mean minima and maxima (travel-climate summaries, REFERENCE.md sec. 6); "
                       "RH assumed; dew point from the monthly mean dry bulb and RH";
    sites.push_back(s);
  }
  {
    // Given: annual mean 23.5 degC, January 15.8 (range 18.6 - 13.6 = 5.0 K), July 28.8 (31.5 - 26.6
    // = 4.9 K), RH January 71 %, July 80 %, annual 77 % (HKO 1991-2020). The other months follow the
    // two-harmonic cycle through these (two_harmonic above), which keeps the annual means.
    Site s{"hong_kong", "Hong Kong, China (Observatory)", 22.3, 114.2, 32.0, 8.0, 33.2, 28.8,
           "estimated: 0.4 % values of dcsim's generated years (seeds 1-10), no ASHRAE table at hand", "2A", 699.0,
           2023, "Hong Kong average, " + std::string(kEmber), {}, {}};
    s.design_published = false;
    s.climate.dry_bulb_c = two_harmonic(23.5, 15.8, 28.8);
    s.climate.daily_range_k = two_harmonic(4.95, 5.0, 4.9);
    s.climate.rh_pct = two_harmonic(77.0, 71.0, 80.0);
    s.climate.dew_point_c = dew_points_from_rh(s.climate.dry_bulb_c, s.climate.rh_pct);
    s.climate_source = "HKO 1991-2020 annual, January and July statistics (REFERENCE.md sec. 6); other months "
                       "from a two-harmonic annual cycle; dew point from the monthly mean dry bulb and RH";
    sites.push_back(s);
  }
  return sites;
}

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

}  // namespace

double Site::pressure_pa() const { return standard_pressure_pa(elevation_m); }

const std::vector<Site>& site_library() {
  static const std::vector<Site> sites = build_library();
  return sites;
}

const Site* find_site(std::string_view name) {
  const std::string key = lower(name);
  for (const Site& s : site_library()) {
    if (s.name == key) return &s;
  }
  return nullptr;
}

std::vector<std::string> site_names() {
  std::vector<std::string> names;
  for (const Site& s : site_library()) names.push_back(s.name);
  return names;
}

}  // namespace dcsim::models
