#include "models/liquid_to_air_cdu.hpp"

#include <algorithm>

#include "models/air_hall.hpp"
#include "models/liquid_loop.hpp"
#include "sim/check.hpp"

namespace dcsim::models {

LiquidToAirCdus::LiquidToAirCdus(LiquidToAirCduParams p)
    : p_(std::move(p)), units_up_(p_.units), fans_up_(fan_count()) {
  require(p_.units >= 1, "units", "must be at least 1 (got {})", p_.units);
  require(p_.fans_per_unit >= 1, "fans_per_unit", "must be at least 1 (got {})", p_.fans_per_unit);
  require(p_.unit_capacity_w > 0, "capacity", "must be > 0 (got {} W)", p_.unit_capacity_w);
  require(p_.design_air_rise_k > 0, "design_air_rise", "must be > 0 (got {} K)", p_.design_air_rise_k);
  require(p_.effectiveness > 0 && p_.effectiveness < 1, "effectiveness", "must be in (0, 1) (got {})", p_.effectiveness);
  require(p_.fan_power_w >= 0, "fan_power", "must be >= 0 (got {} W)", p_.fan_power_w);
  require(p_.min_speed_fraction >= 0 && p_.min_speed_fraction <= 1, "min_speed", "must be in [0, 1] (got {})", p_.min_speed_fraction);
}

void LiquidToAirCdus::build(Assembly& a) {
  auto& net = a.network();
  net_ = &net;
  mnet_ = &net;
  const EquipmentPorts& ports = a.ports();
  require(ports.cools_loop.has_value(), "loop", "must name the liquid loop the units cool{}", "");
  require(ports.hall.has_value(), "hall", "must name the hall whose air takes the heat{}", "");
  loop_index_ = *ports.cools_loop;
  loop_ = &a.loop(loop_index_);
  require(!a.loop_has_plant(loop_index_), "loop", "'{}' is cooled by a plant: a liquid-to-air CDU cools a loop without one",
          loop_->config().name);
  hall_ = &a.hall(*ports.hall);
  for (std::size_t g = 0; g < a.group_count(); ++g) {
    if (a.group_params(g).liquid_capture_share > 0 && a.loop_of(g) == loop_index_) groups_.push_back(g);
  }
  const double q_d = p_.units * p_.unit_capacity_w;
  design_flow_kg_s_ = q_d / (kAirCpJPerKgK * p_.design_air_rise_k);
  ua_w_per_k_ = p_.effectiveness / (1.0 - p_.effectiveness) * design_flow_kg_s_ * kAirCpJPerKgK;
  air_ = net.add_node(p_.channel + ".radiator_air", 2.0 * p_.units * kAirDensityKgPerM3 * kAirCpJPerKgK,
                      hall_->config().supply_temp_c + p_.design_air_rise_k);
  radiator_ = net.add_conductance(loop_->coolant(), air_, ua_w_per_k_);
  fan_heat_ = net.add_source(air_, 0.0);
  path_ = hall_->add_air_path(AirHall::Aisle::cold, air_, AirHall::Aisle::hot);
  hall_->add_equipment_heat_w(q_d);  // the hall's CRAH units carry the loop's heat
}

void LiquidToAirCdus::add_channels(sim::Recorder& r) {
  ch_heat_ = r.add_channel("equipment." + p_.channel + ".heat_to_air_kw", "kW",
                           "heat the liquid-to-air CDUs " + p_.channel + " put into the hall air, at the sample time");
}

void LiquidToAirCdus::record(sim::Recorder& r) const {
  r.set(ch_heat_, net_->link(radiator_).coef_w_per_k * (net_->temp_c(loop_->coolant()) - net_->temp_c(air_)) / 1e3);
}

std::vector<UnitGroup> LiquidToAirCdus::unit_groups() const {
  return {{"units", p_.units, "liquid-to-air CDU unit (radiator and fans)"},
          {"fans", fan_count(), "fan of a liquid-to-air CDU unit's fan array"}};
}

LiquidToAirCdus::Air LiquidToAirCdus::air_now() const {
  Air a;
  a.fans = std::max(units_up_ * p_.fans_per_unit - (fan_count() - fans_up_), 0);
  a.max_flow_kg_s = design_flow_kg_s_ * a.fans / fan_count();
  a.ua_w_per_k = ua_w_per_k_ * up_share();
  a.full_fan_w = a.fans * p_.fan_power_w / p_.fans_per_unit;
  return a;
}

double LiquidToAirCdus::Air::effectiveness() const {
  const double mcp = max_flow_kg_s * kAirCpJPerKgK;
  return mcp > 0 ? ua_w_per_k / (ua_w_per_k + mcp) : 0.0;
}

void LiquidToAirCdus::operate_air(const Operating& op) {
  double q = 0;
  for (std::size_t g : groups_) q += op.group_liquid_w[g];
  const double q_d = units_up_ * p_.unit_capacity_w;
  const double x = units_up_ == 0 ? 0.0 : std::clamp(q / q_d, p_.min_speed_fraction, 1.0);
  // The air the units up ask for, as much as their fans can move.
  const Air a = air_now();
  m_kg_s_ = std::min(x * design_flow_kg_s_ * up_share(), a.max_flow_kg_s);
  // Coolant standing still: the radiators carry nothing.
  mnet_->set_conductance(radiator_, loop_->flowing() ? a.ua_w_per_k : 0.0);
  const double s = a.max_flow_kg_s > 0 ? m_kg_s_ / a.max_flow_kg_s : 0.0;
  fan_w_ = a.full_fan_w * s * s * s;
  // The coolant node is the loop's return: at its design it stands delta_t above the supply set point.
  const double t_return_c = loop_->set_c() + loop_->config().delta_t_k;
  const double q_max = a.effectiveness() * a.max_flow_kg_s * kAirCpJPerKgK * (t_return_c - net_->temp_c(hall_->cold()));
  hall_->set_air_path_flow(path_, m_kg_s_);
  mnet_->set_source(fan_heat_, fan_w_);
  shortfall_w_ = std::max(q + loop_->pump_w() - std::max(q_max, 0.0), 0.0);
}

std::optional<double> LiquidToAirCdus::loop_capacity_w(std::size_t loop, double coolant_c) const {
  if (loop_ == nullptr || loop != loop_index_) return std::nullopt;
  if (!loop_->flowing()) return 0.0;
  const Air a = air_now();
  return a.effectiveness() * (a.max_flow_kg_s * kAirCpJPerKgK * (coolant_c - net_->temp_c(hall_->cold())) - a.full_fan_w);
}

void LiquidToAirCdus::account(EnergyLedger& l, double dt_s) const { l[Use::air_fans] += fan_w_ * dt_s; }

}  // namespace dcsim::models
