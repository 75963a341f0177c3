#include <catch2/catch.hpp>

#include <algorithm>
#include <set>

#include "models/psychrometrics.hpp"
#include "models/site_library.hpp"

using namespace dcsim::models;
using Catch::Matchers::WithinAbs;

TEST_CASE("site library: the nine built-in sites, found by name in any case", "[sites]") {
  const std::vector<std::string> names = site_names();
  const std::set<std::string> expected = {"reykjavik", "ashburn", "phoenix", "singapore", "dublin",
                                          "frankfurt", "des_moines", "lulea", "hong_kong"};
  CHECK(std::set<std::string>(names.begin(), names.end()) == expected);
  CHECK(names.size() == expected.size());
  REQUIRE(find_site("Des_Moines") != nullptr);
  CHECK(find_site("Des_Moines")->name == "des_moines");
  CHECK(find_site("atlantis") == nullptr);
  CHECK(find_site("") == nullptr);
}

TEST_CASE("site library: metadata is physical and consistent", "[sites]") {
  for (const Site& s : site_library()) {
    INFO(s.name);
    CHECK(!s.display_name.empty());
    CHECK(std::abs(s.latitude_deg) <= 90.0);
    CHECK(std::abs(s.longitude_deg) <= 180.0);
    // Standard time roughly follows longitude: 15 degrees an hour, within 2.5 h (Spain-like offsets).
    CHECK(std::abs(s.time_zone_h - s.longitude_deg / 15.0) < 2.5);
    CHECK(s.elevation_m >= 0.0);
    CHECK(s.elevation_m < 500.0);
    CHECK(s.grid_intensity_g_per_kwh > 0.0);
    CHECK(s.grid_intensity_year >= 2022);
    CHECK(!s.grid_intensity_source.empty());
    CHECK(!s.climate_zone.empty());
    // The design dry bulb lies above the warmest monthly mean plus half its daily range; the design
    // wet bulb below the design dry bulb.
    const auto warmest = std::max_element(s.climate.dry_bulb_c.begin(), s.climate.dry_bulb_c.end());
    CHECK(s.design_dry_bulb_c > *warmest + 0.5 * s.climate.daily_range_k[warmest - s.climate.dry_bulb_c.begin()]);
    CHECK(s.design_wet_bulb_c < s.design_dry_bulb_c);
    for (int m = 0; m < 12; ++m) {
      INFO("month " << m + 1);
      CHECK(s.climate.daily_range_k[m] > 0.0);
      CHECK(s.climate.rh_pct[m] > 0.0);
      CHECK(s.climate.rh_pct[m] <= 100.0);
      CHECK(s.climate.dew_point_c[m] < s.climate.dry_bulb_c[m]);
    }
  }
}

TEST_CASE("site library: reference values and derived humidity", "[sites]") {
  const Site& reykjavik = *find_site("reykjavik");
  CHECK(reykjavik.grid_intensity_g_per_kwh == 28.0);
  CHECK(reykjavik.grid_intensity_year == 2022);
  CHECK(find_site("ashburn")->grid_intensity_g_per_kwh == 270.0);
  CHECK(find_site("phoenix")->grid_intensity_g_per_kwh == 369.0);  // US average, stated as such
  CHECK(find_site("lulea")->grid_intensity_g_per_kwh == 41.0);
  CHECK(find_site("hong_kong")->grid_intensity_g_per_kwh == 699.0);
  CHECK(find_site("des_moines")->design_dry_bulb_c == 34.1);
  CHECK(find_site("des_moines")->climate_zone == "5A");
  CHECK(find_site("singapore")->climate_zone == "0A");
  CHECK(find_site("phoenix")->pressure_pa() == standard_pressure_pa(337.0));

  // Dew point from the given monthly mean wet bulb: Ashburn July 24.5 / 20.9 degC at 82 m.
  const double p = standard_pressure_pa(82.0);
  const double w = humidity_ratio_from_wet_bulb(24.5, 20.9, p);
  CHECK_THAT(find_site("ashburn")->climate.dew_point_c[6], WithinAbs(dew_point_from_humidity_ratio_c(w, p), 1e-9));
  // ... which should agree with the given mean RH (75 %) to within what averaging allows: the RH of
  // the mean state is a little below the mean of hourly RH.
  CHECK_THAT(relative_humidity_from_dew_point_pct(24.5, find_site("ashburn")->climate.dew_point_c[6]), WithinAbs(75.0, 8.0));
  // Phoenix gives the dew point directly.
  CHECK(find_site("phoenix")->climate.dew_point_c[6] == 13.6);

  // Lulea: mean of the monthly mean minimum and maximum, range their difference (January -13/-5).
  const Site& lulea = *find_site("lulea");
  CHECK(lulea.climate.dry_bulb_c[0] == -9.0);
  CHECK(lulea.climate.daily_range_k[0] == 8.0);
  CHECK(lulea.climate.dry_bulb_c[6] == 17.0);
  CHECK_FALSE(lulea.design_published);

  // Hong Kong: January and July as given, annual mean 23.5 degC and 77 % kept by the two-harmonic fill.
  const Site& hk = *find_site("hong_kong");
  CHECK_THAT(hk.climate.dry_bulb_c[0], WithinAbs(15.8, 1e-9));
  CHECK_THAT(hk.climate.dry_bulb_c[6], WithinAbs(28.8, 1e-9));
  double mean_t = 0.0, mean_rh = 0.0;
  for (int m = 0; m < 12; ++m) {
    mean_t += hk.climate.dry_bulb_c[m] / 12.0;
    mean_rh += hk.climate.rh_pct[m] / 12.0;
  }
  CHECK_THAT(mean_t, WithinAbs(23.5, 1e-9));
  CHECK_THAT(mean_rh, WithinAbs(77.0, 1e-9));
  CHECK_THAT(hk.climate.rh_pct[0], WithinAbs(71.0, 1e-9));
  // A smooth cycle: warmest in July, coolest in January, rising monotonically between them.
  for (int m = 1; m <= 6; ++m) CHECK(hk.climate.dry_bulb_c[m] > hk.climate.dry_bulb_c[m - 1]);
}
