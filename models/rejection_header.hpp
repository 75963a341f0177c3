// Heat rejection of a plant: banks of cooling towers and dry coolers in parallel on one condenser-
// water header (any number, either kind). Each bank has its own fans, controlled on its own leaving
// water; the header splits the water by design flow, f_i = m_d,i / sum m_d, and every bank sees the
// same entering temperature T_in (the header's return). With its fans flat out a bank rejects
//   q_i,max(T_in) = eps_i C_min,i (T_in - T_amb,i)      (CoolingTower/DryCooler::achievable_heat_w)
// and leaves at L_i,full = T_in - q_i,max / (m_i c_p). Holding the set point T_set where it can:
//   L_i(T_in) = min(T_in, max(T_set, L_i,full(T_in))),   q_i = m_i c_p (T_in - L_i)
// and the header's T_in solves sum_i q_i(T_in) = Q (sum q_i rises monotonically with T_in; regula
// falsi to 1e-10 K). The mixed leaving water is T_in - Q / (m c_p). When every bank holds the set
// point, q_i = f_i Q; a bank with no unit up passes its share of the water uncooled. Each bank then
// runs at its q_i (fan speed, water), so fan power and water are those of its own operating point.
// One bank: the bank's own model, unchanged (leaving temperature for a heat, fans on the set point).
#pragma once

#include <span>
#include <vector>

#include "models/rejection_equipment.hpp"

namespace dcsim::models {

class RejectionHeader {
 public:
  explicit RejectionHeader(const std::vector<RejectionBankParams>& banks);

  bool empty() const { return banks_.empty(); }
  std::size_t size() const { return banks_.size(); }
  double design_water_flow_kg_s() const { return design_flow_kg_s_; }
  double design_heat_w() const { return design_heat_w_; }
  // Some unit up in some bank. units_up: per bank (-1 or absent: all).
  bool any_up(std::span<const int> units_up) const;
  // The coldest mixed leaving water for heat_w, every fan flat out (+inf with no unit up).
  double achievable_leaving_c(double heat_w, double flow_kg_s, const RejectionConditions& c,
                              std::span<const int> units_up) const;
  // Rejects heat_w, each bank's fans at the lowest speed that holds its leaving water at set_c.
  RejectionPoint operate(double heat_w, double flow_kg_s, double set_c, const RejectionConditions& c,
                         std::span<const int> units_up) const;

 private:
  struct Bank {
    std::unique_ptr<RejectionEquipment> model;
    double flow_share = 0.0;
  };
  static int up_at(std::span<const int> units_up, std::size_t b) { return b < units_up.size() ? units_up[b] : -1; }
  // The header's entering temperature at which the banks reject heat_w, holding set_c where they can
  // (set_c = -inf: fans flat out); per-bank heats in heats_w.
  double entering_c(double heat_w, double flow_kg_s, double set_c, const RejectionConditions& c,
                    std::span<const int> units_up, std::vector<double>& heats_w) const;

  std::vector<Bank> banks_;
  double design_flow_kg_s_ = 0.0;
  double design_heat_w_ = 0.0;
};

}  // namespace dcsim::models
