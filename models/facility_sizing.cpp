#include "models/facility_impl.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <limits>
#include <vector>

#include <fmt/format.h>

#include "sim/check.hpp"

namespace dcsim::models {

// Design load and installed capacity (models/sizing.hpp). Plants: the most heat a plant removes at
// the design load, the design conditions and its design supply set point, over the three modes.
SizingReport Facility::Impl::sizing() const {
  SizingReport s;
  std::vector<double> db, wb;
  for (const auto& r : cfg_.weather->records()) {
    db.push_back(r.dry_bulb_c);
    wb.push_back(r.wet_bulb_c);
  }
  s.design_dry_bulb_c = exceeded_value(db, 0.004);
  s.design_wet_bulb_c = exceeded_value(wb, 0.004);
  for (const auto& g : groups_) s.peak_it_w += g.rack->params().rack_count * g.rack->params().peak_power_w;
  double fans_w = 0.0;
  for (const auto& h : halls_) fans_w += h->fans().power_w(h->fans().capacity_m3_s(-1));
  const double ups_loss_w = ups_->loss_w(std::min(s.peak_it_w, ups_->capacity_w()));
  // ASHRAE 90.4 ELC at design: the electrical chain's losses serving the ITE at 100 % and 50 % of its
  // design load (UPS, PDU and cabling, and the transformer carrying the ITE and those losses), / ITE.
  const auto elc_at = [&](double share) {
    const double it_w = share * s.peak_it_w;
    if (it_w <= 0.0) return 0.0;
    const double ups_w = ups_->loss_w(std::min(it_w, ups_->capacity_w()));
    const double pdu_w = cfg_.power.pdu_loss_fraction * it_w;
    return (ups_w + pdu_w + transformer_->loss_w(it_w + ups_w + pdu_w)) / it_w;
  };
  s.elc_design_100 = elc_at(1.0);
  s.elc_design_50 = elc_at(0.5);
  double facility_w = s.peak_it_w + fans_w + ups_loss_w + cfg_.power.pdu_loss_fraction * s.peak_it_w + cfg_.power.lighting_w;
  for (std::size_t h = 0; h < halls_.size(); ++h) {
    const auto& hc = halls_[h]->config();
    const double hall_fans_w = halls_[h]->fans().power_w(halls_[h]->fans().capacity_m3_s(-1));
    // The hall's design heat holds its share of the UPS loss already (AirHall::size).
    SizingLine air{hc.label, halls_[h]->design_heat_w() + hall_fans_w, 0, 0, hc.unit_count};
    air.installed_w = hc.unit_count * hc.unit_capacity_w;
    air.installed_n_minus_1_w = std::max(hc.unit_count - 1, 0) * hc.unit_capacity_w;
    s.lines.push_back(air);
  }
  for (const auto& l : loops_) facility_w += l->pump().power_w(l->pump().capacity_m3_s(-1));
  for (const auto& p : plants_) {
    // Its set point at the design dry bulb: the coldest water its loops ask for there.
    double set = std::numeric_limits<double>::infinity();
    const auto pi = static_cast<std::size_t>(&p - plants_.data());
    for (std::size_t k = 0; k < loops_.size(); ++k) {
      const auto& lc = loops_[k]->config();
      if (conn_.loop_plant[k] != pi) continue;
      set = std::min(set, (lc.reset ? lc.reset->set_point_c(s.design_dry_bulb_c) : lc.supply_temp_c) - lc.cdu_approach_k);
    }
    for (std::size_t h = 0; h < halls_.size(); ++h) {
      const auto& ac = halls_[h]->config();
      if (conn_.hall_plant[h] != pi) continue;
      set = std::min(set, (ac.reset ? ac.reset->set_point_c(s.design_dry_bulb_c) : ac.supply_temp_c) - ac.coil_approach_k);
    }
    if (!std::isfinite(set)) set = 20.0;
    // The most heat the plant removes in any mode (with the plant power of that mode).
    auto best_at_design = [&](PlantAvailability av) {
      PlantOutput best;
      for (auto mode : {EconomizerMode::free, EconomizerMode::partial, EconomizerMode::mechanical}) {
        PlantInputs in;
        in.load_w = p.design_heat_w;
        in.flow_kg_s = p.design_flow_kg_s;
        in.supply_set_c = set;
        in.return_temp_c = set + p.design_heat_w / (p.design_flow_kg_s * kWaterCpJPerKgK);
        in.dry_bulb_c = s.design_dry_bulb_c;
        in.wet_bulb_c = s.design_wet_bulb_c;
        in.mode = mode;
        in.available = av;
        const PlantOutput out = p.plant->solve(in);
        if (out.heat_removed_w > best.heat_removed_w * (1.0 + 1e-12)) best = out;
      }
      return best;
    };
    const PlantOutput all = best_at_design({});
    SizingLine line{"plant." + p.cfg->name, p.design_heat_w, all.heat_removed_w, 0, 0};
    const auto& pp = p.cfg->params;
    line.units = pp.chiller_units();
    for (const auto& b : pp.rejection) line.units += b.unit_count();
    // N-1: the worst single unit out, over every bank of chillers and of towers / dry coolers.
    line.installed_n_minus_1_w = line.installed_w;
    auto one_out = [](std::size_t banks, std::size_t b, int count) {
      std::vector<int> up(banks, -1);
      up[b] = count - 1;
      return up;
    };
    for (std::size_t b = 0; b < pp.chillers.size(); ++b) {
      const auto chillers_up = one_out(pp.chillers.size(), b, pp.chillers[b].count);
      line.installed_n_minus_1_w = std::min(line.installed_n_minus_1_w, best_at_design({chillers_up, {}, -1}).heat_removed_w);
    }
    for (std::size_t b = 0; b < pp.rejection.size(); ++b) {
      const auto rejection_up = one_out(pp.rejection.size(), b, pp.rejection[b].unit_count());
      line.installed_n_minus_1_w = std::min(line.installed_n_minus_1_w, best_at_design({{}, rejection_up, -1}).heat_removed_w);
    }
    const double power_w = all.power.total_w();
    facility_w += power_w + p.pump->power_w(p.design_flow_kg_s / kWaterDensityKgPerM3);
    s.lines.push_back(line);
  }
  const int modules = ups_->modules_installed();
  const double module_w = cfg_.power.ups.module_rated_power_w;
  s.lines.push_back({"power.ups", s.peak_it_w, ups_->capacity_w(), std::min(ups_->capacity_w(), (modules - 1) * module_w), modules});
  const double trafo_w = cfg_.power.transformer.rated_power_w;
  s.lines.push_back({"power.transformer", facility_w, trafo_w, trafo_w, 1});
  return s;
}

}  // namespace dcsim::models
