#include "models/emissions.hpp"

#include <cmath>

#include "sim/check.hpp"

namespace dcsim::models {

namespace {
constexpr double kJPerKwh = 3.6e6;
}

double operational_emissions_g(double energy_j, double intensity_g_per_kwh) {
  return energy_j / kJPerKwh * intensity_g_per_kwh;
}

void CompensatedSum::add(double x) {
  const double t = sum_ + x;
  compensation_ += std::abs(sum_) >= std::abs(x) ? (sum_ - t) + x : (x - t) + sum_;
  sum_ = t;
}

double EmissionsTotals::intensity_g_per_kwh() const {
  return facility_energy_j > 0 ? emissions_g / facility_energy_j * kJPerKwh : 0.0;
}

void EmissionsAccumulator::add(double it_energy_j, double facility_energy_j, double emissions_g) {
  it_j_.add(it_energy_j);
  facility_j_.add(facility_energy_j);
  emissions_g_.add(emissions_g);
}

EmissionsTotals EmissionsAccumulator::totals() const {
  return EmissionsTotals{it_j_.value(), facility_j_.value(), emissions_g_.value()};
}

Baseline::Baseline(BaselineParams params) : params_(std::move(params)) {
  const auto& p = params_;
  require(std::isfinite(p.pue) && p.pue >= 1.0, "pue", "must be >= 1 (got {})", p.pue);
  require(p.intensity_g_per_kwh.has_value() != p.reference_emissions_g.has_value(),
          "intensity_g_per_kwh", "or reference_emissions_g: give exactly one (got {} and {})",
          p.intensity_g_per_kwh ? "an intensity" : "no intensity",
          p.reference_emissions_g ? "reference emissions" : "no reference emissions");
  if (p.intensity_g_per_kwh) {
    require(std::isfinite(*p.intensity_g_per_kwh) && *p.intensity_g_per_kwh >= 0,
            "intensity_g_per_kwh", "must be >= 0 gCO2e/kWh (got {})", *p.intensity_g_per_kwh);
  } else {
    require(std::isfinite(*p.reference_emissions_g) && *p.reference_emissions_g >= 0,
            "reference_emissions_g", "must be >= 0 g (got {})", *p.reference_emissions_g);
  }
}

double Baseline::intensity_g_per_kwh(double it_energy_j) const {
  if (params_.intensity_g_per_kwh) return *params_.intensity_g_per_kwh;
  const double facility_j = it_energy_j * params_.pue;
  return facility_j > 0 ? *params_.reference_emissions_g / facility_j * kJPerKwh : 0.0;
}

double Baseline::emissions_g(double it_energy_j) const {
  if (params_.reference_emissions_g) return *params_.reference_emissions_g;
  return operational_emissions_g(it_energy_j * params_.pue, *params_.intensity_g_per_kwh);
}

AvoidedEmissions avoided_emissions(const Baseline& baseline, const EmissionsTotals& s) {
  AvoidedEmissions a;
  a.baseline_pue = baseline.params().pue;
  a.baseline_intensity_g_per_kwh = baseline.intensity_g_per_kwh(s.it_energy_j);
  a.scenario_pue = s.pue();
  a.scenario_intensity_g_per_kwh = s.intensity_g_per_kwh();
  a.baseline_g = baseline.emissions_g(s.it_energy_j);
  a.scenario_g = s.emissions_g;
  a.avoided_g = a.baseline_g - a.scenario_g;
  // Each part from its own formula (not one as the remainder of the other), so that their exact
  // sum is a check of the decomposition, not a tautology.
  a.efficiency_g = operational_emissions_g(a.baseline_pue * s.it_energy_j - s.facility_energy_j,
                                           a.baseline_intensity_g_per_kwh);
  a.supply_g =
      operational_emissions_g(s.facility_energy_j, a.baseline_intensity_g_per_kwh) - s.emissions_g;
  return a;
}

double per_year_g(double emissions_g, sim::Time period) {
  require(period > 0, "period", "must be > 0 (got {} s)", sim::to_seconds(period));
  return emissions_g * (static_cast<double>(sim::days(365)) / static_cast<double>(period));
}

double us_homes_equivalent(double emissions_g_per_year, const EquivalenceFactors& f) {
  require(f.home_energy_g_per_year > 0, "home_energy_g_per_year", "must be > 0 (got {})",
          f.home_energy_g_per_year);
  return emissions_g_per_year / f.home_energy_g_per_year;
}

double passenger_vehicles_equivalent(double emissions_g_per_year, const EquivalenceFactors& f) {
  require(f.passenger_vehicle_g_per_year > 0, "passenger_vehicle_g_per_year",
          "must be > 0 (got {})", f.passenger_vehicle_g_per_year);
  return emissions_g_per_year / f.passenger_vehicle_g_per_year;
}

}  // namespace dcsim::models
