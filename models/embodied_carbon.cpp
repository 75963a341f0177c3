#include "models/embodied_carbon.hpp"

#include <cmath>

#include "sim/check.hpp"

namespace dcsim::models {

namespace {

void check_package(const LogicPackage& p) {
  const auto nonneg = [](double v) { return std::isfinite(v) && v >= 0; };
  require(std::isfinite(p.die_area_cm2) && p.die_area_cm2 > 0, "die_area_cm2",
          "must be > 0 cm2 (got {})", p.die_area_cm2);
  require(p.dies_per_package >= 1, "dies_per_package", "must be >= 1 (got {})", p.dies_per_package);
  require(p.count >= 0, "count", "must be >= 0 (got {})", p.count);
  require(nonneg(p.fab_intensity_g_per_kwh), "fab_intensity_g_per_kwh", "must be >= 0 (got {})",
          p.fab_intensity_g_per_kwh);
  require(nonneg(p.fab_energy_kwh_per_cm2), "fab_energy_kwh_per_cm2", "must be >= 0 (got {})",
          p.fab_energy_kwh_per_cm2);
  require(nonneg(p.fab_gases_g_per_cm2), "fab_gases_g_per_cm2", "must be >= 0 (got {})",
          p.fab_gases_g_per_cm2);
  require(nonneg(p.materials_g_per_cm2), "materials_g_per_cm2", "must be >= 0 (got {})",
          p.materials_g_per_cm2);
  require(std::isfinite(p.yield) && p.yield > 0 && p.yield <= 1, "yield",
          "must be in (0, 1] (got {})", p.yield);
  require(nonneg(p.package_g), "package_g", "must be >= 0 (got {})", p.package_g);
}

void check_spec(const ActServerSpec& s) {
  for (const auto& p : s.packages) check_package(p);
  const auto nonneg = [](double v) { return std::isfinite(v) && v >= 0; };
  require(nonneg(s.dram_gb), "dram_gb", "must be >= 0 (got {})", s.dram_gb);
  require(nonneg(s.dram_g_per_gb), "dram_g_per_gb", "must be >= 0 (got {})", s.dram_g_per_gb);
  require(nonneg(s.ssd_gb), "ssd_gb", "must be >= 0 (got {})", s.ssd_gb);
  require(nonneg(s.ssd_g_per_gb), "ssd_g_per_gb", "must be >= 0 (got {})", s.ssd_g_per_gb);
  if (s.rest_of_server_g) {
    require(nonneg(*s.rest_of_server_g), "rest_of_server_g", "must be >= 0 (got {})",
            *s.rest_of_server_g);
  }
}

}  // namespace

double act_die_g_per_cm2(const LogicPackage& p) {
  return (p.fab_intensity_g_per_kwh * p.fab_energy_kwh_per_cm2 + p.fab_gases_g_per_cm2 +
          p.materials_g_per_cm2) /
         p.yield;
}

double act_packages_g(const LogicPackage& p) {
  return p.count * (p.dies_per_package * p.die_area_cm2 * act_die_g_per_cm2(p) + p.package_g);
}

double act_components_g(const ActServerSpec& s) {
  double g = s.dram_gb * s.dram_g_per_gb + s.ssd_gb * s.ssd_g_per_gb;
  for (const auto& p : s.packages) g += act_packages_g(p);
  return g;
}

double act_server_g(const ActServerSpec& s) {
  return act_components_g(s) +
         (s.rest_of_server_g ? *s.rest_of_server_g : boavizta_rest_of_server_g());
}

EmbodiedSplit act_split_g(const ActServerSpec& s) {
  EmbodiedSplit out;
  for (const auto& p : s.packages) out.chips_g += act_packages_g(p);
  out.memory_storage_g = s.dram_gb * s.dram_g_per_gb + s.ssd_gb * s.ssd_g_per_gb;
  out.rest_g = s.rest_of_server_g ? *s.rest_of_server_g : boavizta_rest_of_server_g();
  return out;
}

ActServerSpec boavizta_reference_server() {
  ActServerSpec s;
  LogicPackage cpu;
  cpu.die_area_cm2 = 4.0;
  cpu.count = 2;
  s.packages = {cpu};
  s.dram_gb = 384;
  s.ssd_gb = 1920;
  return s;
}

double boavizta_rest_of_server_g() {
  return kBoaviztaGenericServerG - act_components_g(boavizta_reference_server());
}

EmbodiedCarbon::EmbodiedCarbon(EmbodiedCarbonParams params) : params_(std::move(params)) {
  require(std::isfinite(params_.lifetime_years) && params_.lifetime_years > 0, "lifetime_years",
          "must be > 0 years (got {})", params_.lifetime_years);
  if (params_.per_server_kg) {
    require(std::isfinite(*params_.per_server_kg) && *params_.per_server_kg >= 0, "per_server_kg",
            "must be >= 0 kgCO2e (got {})", *params_.per_server_kg);
    per_server_g_ = *params_.per_server_kg * 1e3;
  } else {
    check_spec(params_.act);
    per_server_g_ = act_server_g(params_.act);
  }
}

std::optional<EmbodiedSplit> EmbodiedCarbon::split_per_server_g() const {
  if (params_.per_server_kg) return std::nullopt;
  return act_split_g(params_.act);
}

double EmbodiedCarbon::per_server_for_period_g(sim::Time period) const {
  require(period >= 0, "period", "must be >= 0 (got {} s)", sim::to_seconds(period));
  return annual_per_server_g() *
         (static_cast<double>(period) / static_cast<double>(sim::days(365)));
}

}  // namespace dcsim::models
