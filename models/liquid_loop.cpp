#include "models/liquid_loop.hpp"

#include <algorithm>

#include "models/flow_step.hpp"

namespace dcsim::models {

LiquidLoop::LiquidLoop(const LiquidLoopConfig& cfg) : cfg_(cfg), set_c_(cfg.supply_temp_c) {}

void LiquidLoop::size() {
  design_flow_kg_s_ = design_heat_w_ / (cfg_.coolant_cp_j_per_kg_k * cfg_.delta_t_k);
  FluidMachineParams pump = cfg_.pump;
  if (pump.design_flow_m3_s <= 0) {
    pump.design_flow_m3_s = design_flow_kg_s_ / cfg_.coolant_density_kg_per_m3 / pump.unit_count;
  }
  pump_ = std::make_unique<FluidMachine>(pump);
}

void LiquidLoop::build(sim::ThermalNetwork& net, const std::string& prefix) {
  net_ = &net;
  mnet_ = &net;
  cdu_ = net.add_boundary(prefix + "cdu_supply", cfg_.supply_temp_c);
  const double c = cfg_.coolant_volume_m3 * cfg_.coolant_density_kg_per_m3 * cfg_.coolant_cp_j_per_kg_k;
  coolant_ = net.add_node(prefix + "coolant", c, cfg_.supply_temp_c + 0.5 * cfg_.delta_t_k);
  cdu_in_ = net.add_flow(cdu_, coolant_, 0.0);
  cdu_out_ = net.add_flow(coolant_, cdu_, 0.0);
  pump_heat_ = net.add_source(coolant_, 0.0);
}

void LiquidLoop::add_channels(sim::Recorder& r, const std::string& prefix) {
  const std::string of = prefix.empty() ? "" : " of loop " + cfg_.name;
  ch_coolant_ = r.add_channel(prefix + "coolant_return_c", "degC", "technology cooling loop return temperature" + of);
  ch_cdu_ = r.add_channel(prefix + "coolant_supply_c", "degC", "technology cooling loop supply temperature (CDU outlet)" + of);
}

void LiquidLoop::record(sim::Recorder& r) const {
  r.set(ch_coolant_, net_->temp_c(coolant_));
  r.set(ch_cdu_, net_->temp_c(cdu_));
}

void LiquidLoop::update_set_point(double dry_bulb_c) {
  if (cfg_.reset) set_c_ = cfg_.reset->set_point_c(dry_bulb_c);
}

void LiquidLoop::operate(double liquid_heat_w, int pumps_up, bool water_stopped) {
  auto& net = *mnet_;
  heat_w_ = liquid_heat_w;
  const double m = quantize_up(std::max(liquid_heat_w / (cfg_.coolant_cp_j_per_kg_k * cfg_.delta_t_k),
                                        cfg_.min_flow_fraction * design_flow_kg_s_),
                               design_flow_kg_s_);
  const auto op = pump_->operate(m / cfg_.coolant_density_kg_per_m3, pumps_up);
  const double m_delivered = op.flow_m3_s * cfg_.coolant_density_kg_per_m3;
  // Without facility water the CDU removes nothing: the coolant circulates but is not cooled.
  mcp_ = water_stopped ? 0.0 : m_delivered * cfg_.coolant_cp_j_per_kg_k;
  pump_w_ = op.power_w;
  flowing_ = m_delivered > 0;
  // Standing coolant: no forced convection in the cold plates, the chips are on their own.
  for (const auto& p : plates_) net.set_conductance(p.link, m_delivered > 0 ? p.ua_w_per_k : 0.0);
  net.set_flow(cdu_in_, mcp_);
  net.set_flow(cdu_out_, mcp_);
  net.set_source(pump_heat_, pump_w_);
}

double LiquidLoop::load_at_w(double water_c) const {
  return std::max(mcp_ * (net_->temp_c(coolant_) - (water_c + cfg_.cdu_approach_k)), 0.0);
}

double LiquidLoop::current_load_w() const {
  return std::max(mcp_ * (net_->temp_c(coolant_) - net_->temp_c(cdu_)), 0.0);
}

void LiquidLoop::apply_water(double water_c) {
  const double t_cdu = water_c + cfg_.cdu_approach_k;
  mnet_->set_temp(cdu_, t_cdu);
  // What the loop would shed at its set point less what it sheds now (no flow: all its heat), up to
  // the heat its equipment gives off.
  shortfall_w_ = std::min(mcp_ > 0 ? mcp_ * std::max(t_cdu - set_c_, 0.0) : heat_w_, heat_w_ + pump_w_);
}

}  // namespace dcsim::models
