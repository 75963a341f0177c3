// Energy and carbon per unit of useful work (an inference, a job, a simulated step...).
//   Work done:       W = r_full * integral of u dt, u the utilization as a fraction of full
//                    throughput and r_full the useful-work rate at full utilization (units/s)
//   Facility energy per unit:  e = E_fac / W  (PUE included);  IT energy per unit: E_IT / W
//   Carbon per unit: operational c_op = S / W, embodied c_emb = M_emb / W (M_emb the embodied
//                    carbon attributed to the same period), lifecycle c_op + c_emb
//   Embodied share:  M_emb / (S + M_emb)
// Comparisons of a new against an old figure per unit of work:
//   "X % less":        X = 100 (1 - new / old)
//   "N x as efficient": N = old / new (work per energy ratio), and N = 1 / (1 - X / 100)
#pragma once

#include "sim/time.hpp"

namespace dcsim::models {

struct WorkRateParams {
  double work_per_s_at_full = 0;  // > 0, units of useful work per second at utilization 1
};

class WorkCounter {
 public:
  explicit WorkCounter(WorkRateParams params);
  // Utilization in [0, 1], held for dt.
  void add(double utilization, sim::Time dt);
  double work() const { return work_; }

 private:
  WorkRateParams params_;
  double work_ = 0;
};

struct WorkTotals {
  double work = 0;  // units of useful work, > 0
  double it_energy_j = 0;
  double facility_energy_j = 0;
  double operational_emissions_g = 0;
  double embodied_emissions_g = 0;  // attributed to the same period
};

struct WorkMetrics {
  double facility_energy_per_work_j = 0;
  double it_energy_per_work_j = 0;
  double operational_g_per_work = 0;
  double embodied_g_per_work = 0;
  double lifecycle_g_per_work = 0;
  double embodied_share = 0;  // of lifecycle carbon; 0 when both are 0
};

WorkMetrics work_metrics(const WorkTotals& t);

// 100 (1 - new/old): "62 % less energy per unit of work" when new = 0.38 old.
double percent_less(double new_per_work, double old_per_work);
// old/new: "3.5 x as efficient" when new = old / 3.5.
double times_as_efficient(double new_per_work, double old_per_work);
// 1 / (1 - X/100): the efficiency ratio that a reduction of X % per unit of work means.
double times_as_efficient_from_percent_less(double percent_less);

}  // namespace dcsim::models
