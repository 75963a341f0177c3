// The built-in sites: location, monthly climate statistics (from which the weather generator builds
// a typical year), ASHRAE design conditions and climate zone, and the grid's carbon intensity.
// Sources (docs/weather.md gives them per value): monthly statistics and 0.4 % design conditions from
// the typical-year files and ASHRAE 2009 climatic design data as summarised in REFERENCE.md sec. 6;
// grid intensities from REFERENCE.md sec. 5 (Our World in Data / Ember 2023 unless stated, US EPA
// eGRID for US subregions); climate zones from the thermal criteria of ANSI/ASHRAE Standard 169-2013
// (HDD18, CDD10) evaluated on these statistics. Lulea and Hong Kong come with less data; what was
// derived and assumed is stated at their entries in site_library.cpp and in docs/weather.md.
#pragma once

#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "models/weather.hpp"

namespace dcsim::models {

using Monthly = std::array<double, 12>;  // January .. December

struct MonthlyClimate {
  Monthly dry_bulb_c{};     // monthly mean dry bulb
  Monthly daily_range_k{};  // monthly mean of (daily maximum - daily minimum)
  Monthly rh_pct{};         // monthly mean relative humidity
  Monthly dew_point_c{};    // monthly mean dew point (given, or derived from the mean wet bulb or RH)
};

struct Site {
  std::string name;          // library key, e.g. "des_moines"
  std::string display_name;  // e.g. "Des Moines, Iowa, USA"
  double latitude_deg = 0.0;
  double longitude_deg = 0.0;
  double elevation_m = 0.0;
  double time_zone_h = 0.0;
  double design_dry_bulb_c = 0.0;  // 0.4 % annual cooling dry bulb
  double design_wet_bulb_c = 0.0;  // 0.4 % annual evaporation wet bulb
  std::string design_source;
  std::string climate_zone;  // ANSI/ASHRAE 169-2013
  double grid_intensity_g_per_kwh = 0.0;
  int grid_intensity_year = 0;
  std::string grid_intensity_source;
  MonthlyClimate climate;
  std::string climate_source;  // where the monthly statistics come from, and what was derived
  // True when the design conditions are published values (the generator then matches its 0.4 %
  // dry bulb to them); false when they were estimated.
  bool design_published = true;

  SiteInfo info() const { return {display_name, latitude_deg, longitude_deg, elevation_m, time_zone_h}; }
  double pressure_pa() const;  // standard atmosphere at the site's elevation
};

const std::vector<Site>& site_library();
// Case-insensitive lookup by library name; nullptr when unknown.
const Site* find_site(std::string_view name);
// The library names, for listings and "did you mean" suggestions.
std::vector<std::string> site_names();

}  // namespace dcsim::models
