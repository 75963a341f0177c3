#include "models/work_metrics.hpp"

#include <cmath>

#include "sim/check.hpp"

namespace dcsim::models {

WorkCounter::WorkCounter(WorkRateParams params) : params_(params) {
  require(std::isfinite(params_.work_per_s_at_full) && params_.work_per_s_at_full > 0,
          "work_per_s_at_full", "must be > 0 units/s (got {})", params_.work_per_s_at_full);
}

void WorkCounter::add(double utilization, sim::Time dt) {
  require(utilization >= 0 && utilization <= 1, "utilization", "must be in [0, 1] (got {})",
          utilization);
  require(dt >= 0, "dt", "must be >= 0 (got {} s)", sim::to_seconds(dt));
  work_ += params_.work_per_s_at_full * utilization * sim::to_seconds(dt);
}

WorkMetrics work_metrics(const WorkTotals& t) {
  require(std::isfinite(t.work) && t.work > 0, "work", "must be > 0 units (got {})", t.work);
  require(t.embodied_emissions_g >= 0 && t.operational_emissions_g >= 0, "emissions_g",
          "must be >= 0 (got operational {} g, embodied {} g)", t.operational_emissions_g,
          t.embodied_emissions_g);
  WorkMetrics m;
  m.facility_energy_per_work_j = t.facility_energy_j / t.work;
  m.it_energy_per_work_j = t.it_energy_j / t.work;
  m.operational_g_per_work = t.operational_emissions_g / t.work;
  m.embodied_g_per_work = t.embodied_emissions_g / t.work;
  m.lifecycle_g_per_work = m.operational_g_per_work + m.embodied_g_per_work;
  const double lifecycle_g = t.operational_emissions_g + t.embodied_emissions_g;
  m.embodied_share = lifecycle_g > 0 ? t.embodied_emissions_g / lifecycle_g : 0.0;
  return m;
}

double percent_less(double new_per_work, double old_per_work) {
  require(old_per_work > 0, "old_per_work", "must be > 0 (got {})", old_per_work);
  return 100.0 * (1.0 - new_per_work / old_per_work);
}

double times_as_efficient(double new_per_work, double old_per_work) {
  require(new_per_work > 0, "new_per_work", "must be > 0 (got {})", new_per_work);
  return old_per_work / new_per_work;
}

double times_as_efficient_from_percent_less(double percent) {
  require(percent < 100, "percent_less", "must be < 100 (got {})", percent);
  return 1.0 / (1.0 - percent / 100.0);
}

}  // namespace dcsim::models
