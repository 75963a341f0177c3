#include "models/in_row_cooler.hpp"

#include <algorithm>

#include "models/air_hall.hpp"
#include "sim/check.hpp"

namespace dcsim::models {

InRowCoolers::InRowCoolers(InRowCoolerParams p) : p_(std::move(p)), units_up_(p_.units) {
  require(p_.units >= 1, "units", "must be at least 1 (got {})", p_.units);
  require(p_.unit_capacity_w > 0, "capacity", "must be > 0 (got {} W)", p_.unit_capacity_w);
  require(p_.coil_approach_k >= 0, "coil_approach", "must be >= 0 (got {} K)", p_.coil_approach_k);
  require(p_.airflow_ratio > 0, "airflow_ratio", "must be > 0 (got {})", p_.airflow_ratio);
  require(p_.fan_power_w >= 0, "fan_power", "must be >= 0 (got {} W)", p_.fan_power_w);
}

void InRowCoolers::build(Assembly& a) {
  auto& net = a.network();
  net_ = &net;
  mnet_ = &net;
  const EquipmentPorts& ports = a.ports();
  require(!ports.groups.empty(), "groups", "must name at least one rack group{}", "");
  require(ports.plant.has_value(), "plant", "must name the plant whose chilled water feeds the coils{}", "");
  plant_ = *ports.plant;
  std::size_t hall = 0;
  for (const std::size_t gi : ports.groups) {
    const std::string& name = a.group_name(gi);
    require(groups_.empty() || a.group_hall(gi) == hall, "groups", "in-row units stand in one hall: '{}' is in another", name);
    hall = a.group_hall(gi);
    groups_.push_back(gi);
  }
  hall_ = &a.hall(hall);
  double design_air_w = 0;
  for (std::size_t g : groups_) design_air_w += a.group_design_air_w(g);
  design_flow_kg_s_ = p_.airflow_ratio * design_air_w / (kAirCpJPerKgK * hall_->config().server_delta_t_k);
  supply_c_ = hall_->config().supply_temp_c;
  supply_ = net.add_boundary(p_.channel + ".supply", supply_c_);
  path_ = hall_->add_air_path(AirHall::Aisle::hot, supply_, AirHall::Aisle::cold);
  fan_heat_ = net.add_source(hall_->hot(), 0.0);
}

void InRowCoolers::add_channels(sim::Recorder& r) {
  ch_heat_ = r.add_channel("equipment." + p_.channel + ".heat_removed_kw", "kW",
                           "heat the in-row units " + p_.channel + " take into the water, at the sample time");
  ch_supply_ = r.add_channel("equipment." + p_.channel + ".supply_air_c", "degC", "supply air of the in-row units " + p_.channel);
}

void InRowCoolers::record(sim::Recorder& r) const {
  r.set(ch_heat_, current_load_w() / 1e3);
  r.set(ch_supply_, supply_c_);
}

// The units follow the server air of their racks, up to what the units up move; with no chilled water
// they stop.
void InRowCoolers::operate_air(const Operating& op) {
  const double cp_dt = kAirCpJPerKgK * hall_->config().server_delta_t_k;
  heat_w_ = 0;
  double flow_heat_w = 0;  // their servers' flow, as the heat it carries at the design rise
  for (std::size_t g : groups_) {
    heat_w_ += op.group_air_w[g];
    flow_heat_w += op.group_flow_heat_w[g];
  }
  const bool stopped = op.plant_stopped.at(plant_) != 0 || units_up_ == 0;
  const double max_kg_s = units_up_ == p_.units ? design_flow_kg_s_ : design_flow_kg_s_ * units_up_ / p_.units;
  m_kg_s_ = stopped ? 0.0 : std::min(p_.airflow_ratio * flow_heat_w / cp_dt, max_kg_s);
  hall_->set_air_path_flow(path_, m_kg_s_);
  const double x = max_kg_s > 0 ? m_kg_s_ / max_kg_s : 0.0;
  fan_w_ = units_up_ * p_.fan_power_w * x * x * x;
  mnet_->set_source(fan_heat_, fan_w_);
}

double InRowCoolers::water_set_c() const { return hall_->set_c() - p_.coil_approach_k; }

double InRowCoolers::load_at_w(double water_c) const {
  const double t_sa = std::max(hall_->set_c(), water_c + p_.coil_approach_k);
  const double mcp = m_kg_s_ * kAirCpJPerKgK;
  return std::min(std::max(mcp * (net_->temp_c(hall_->hot()) - t_sa), 0.0), units_up_ * p_.unit_capacity_w);
}

double InRowCoolers::warmest_water_c() const { return net_->temp_c(hall_->hot()) - p_.coil_approach_k; }

double InRowCoolers::current_load_w() const {
  return std::max(m_kg_s_ * kAirCpJPerKgK * (net_->temp_c(hall_->hot()) - net_->temp_c(supply_)), 0.0);
}

void InRowCoolers::apply_water(double water_c) {
  const double set = hall_->set_c();
  const double mcp = m_kg_s_ * kAirCpJPerKgK;
  const double t_hot = net_->temp_c(hall_->hot());
  double t = std::max(set, water_c + p_.coil_approach_k);
  const double cap_w = units_up_ * p_.unit_capacity_w;
  constrained_ = mcp > 0 && mcp * (t_hot - t) > cap_w;
  if (constrained_) t = t_hot - cap_w / mcp;
  supply_c_ = t;
  mnet_->set_temp(supply_, t);
  shortfall_w_ = std::min(mcp * std::max(t - set, 0.0), sources_w());
}

void InRowCoolers::account(EnergyLedger& l, double dt_s) const { l[Use::air_fans] += fan_w_ * dt_s; }

}  // namespace dcsim::models
