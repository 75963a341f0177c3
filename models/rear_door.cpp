#include "models/rear_door.hpp"

#include <algorithm>
#include <cmath>

#include "models/air_hall.hpp"
#include "sim/check.hpp"

namespace dcsim::models {

RearDoors::RearDoors(RearDoorParams p) : p_(std::move(p)), door_count_(p_.doors), fans_up_(p_.doors) {
  require(p_.effectiveness > 0 && p_.effectiveness < 1, "effectiveness", "must be in (0, 1) (got {})", p_.effectiveness);
  require(p_.fan_power_w >= 0, "fan_power", "must be >= 0 (got {} W)", p_.fan_power_w);
  require(p_.pressure_drop_pa >= 0, "pressure_drop", "must be >= 0 (got {} Pa)", p_.pressure_drop_pa);
  require(p_.server_fan_efficiency > 0 && p_.server_fan_efficiency <= 1, "server_fan_efficiency", "must be in (0, 1] (got {})",
          p_.server_fan_efficiency);
  require(p_.air_volume_m3 > 0, "air_volume", "must be > 0 (got {} m3)", p_.air_volume_m3);
  require(p_.doors >= 0, "doors", "must be >= 0 (got {})", p_.doors);
}

std::vector<UnitGroup> RearDoors::unit_groups() const {
  if (!p_.active) return {};
  return {{"fans", door_count_, "door fan array of an active rear door (one per door)"}};
}

void RearDoors::build(Assembly& a) {
  auto& net = a.network();
  net_ = &net;
  mnet_ = &net;
  const EquipmentPorts& ports = a.ports();
  require(!ports.groups.empty(), "groups", "must name at least one rack group{}", "");
  require(ports.plant.has_value(), "plant", "must name the plant whose water cools the doors{}", "");
  plant_ = *ports.plant;
  water_ = net.add_boundary(p_.channel + ".water", p_.water_temp_c);
  for (const std::size_t gi : ports.groups) {
    const std::string& name = a.group_name(gi);
    require(a.group_params(gi).liquid_capture_share < 1.0, "groups", "rack group '{}' sends no heat to air (liquid_share 1)", name);
    AirHall& hall = a.hall(a.group_hall(gi));
    Door d;
    d.group = gi;
    d.racks = a.group_racks(gi);
    d.design_flow_kg_s = a.group_design_air_w(gi) / (kAirCpJPerKgK * hall.config().server_delta_t_k);
    d.ua_w_per_k = p_.effectiveness / (1.0 - p_.effectiveness) * d.design_flow_kg_s * kAirCpJPerKgK;
    const double t0 = hall.config().supply_temp_c;  // the doors' aim: exhaust back at room temperature
    d.air = net.add_node(p_.channel + "." + name + ".door_air", d.racks * p_.air_volume_m3 * kAirDensityKgPerM3 * kAirCpJPerKgK, t0);
    d.coil = net.add_conductance(d.air, water_, d.ua_w_per_k);
    d.fan_heat = net.add_source(d.air, 0.0);
    hall.route_server_air(gi, d.air);
    a.claim_air_port(gi, d.air);
    design_w_ += a.group_design_air_w(gi);
    doors_.push_back(d);
  }
  int racks = 0;
  for (const auto& d : doors_) racks += d.racks;
  require(p_.doors == 0 || p_.doors == racks, "doors", "must be the racks of the groups, one door each ({} racks, got {})", racks, p_.doors);
  if (p_.doors == 0) door_count_ = fans_up_ = racks;
}

void RearDoors::add_channels(sim::Recorder& r) {
  ch_heat_ = r.add_channel("equipment." + p_.channel + ".heat_removed_kw", "kW",
                           "heat the rear doors " + p_.channel + " take into the water, at the sample time");
  ch_air_ = r.add_channel("equipment." + p_.channel + ".air_out_c", "degC",
                          "air leaving the rear doors " + p_.channel + " (the warmest group), at the sample time");
}

void RearDoors::record(sim::Recorder& r) const {
  r.set(ch_heat_, current_load_w() / 1e3);
  double warmest = -1e9;
  for (const auto& d : doors_) warmest = std::max(warmest, net_->temp_c(d.air));
  r.set(ch_air_, warmest);
}

void RearDoors::operate(const Operating& op) {
  const bool stopped = op.plant_stopped.at(plant_) != 0;
  fan_w_ = 0;
  for (auto& d : doors_) {
    const double m = op.group_flow_kg_s[d.group];
    d.heat_w = op.group_air_w[d.group];
    const double passive_w = m / kAirDensityKgPerM3 * p_.pressure_drop_pa / p_.server_fan_efficiency;
    if (p_.active) {
      const double x = d.design_flow_kg_s > 0 ? m / d.design_flow_kg_s : 0.0;
      d.fan_w = d.racks * p_.fan_power_w * x * x * x;
      // Door fans down: their doors' air is pushed by the server fans, as through a passive door.
      if (fans_up_ < door_count_) {
        const double phi = static_cast<double>(fans_up_) / door_count_;
        d.fan_w = phi * d.fan_w + (1.0 - phi) * passive_w;
      }
    } else {
      d.fan_w = passive_w;
    }
    fan_w_ += d.fan_w;
    mnet_->set_source(d.fan_heat, d.fan_w);
    mnet_->set_conductance(d.coil, stopped ? 0.0 : d.ua_w_per_k);
  }
}

void RearDoors::apply_water(double water_c) { mnet_->set_temp(water_, water_c); }

double RearDoors::load_at_w(double water_c) const {
  double q = 0;
  for (const auto& d : doors_) q += net_->link(d.coil).coef_w_per_k * (net_->temp_c(d.air) - water_c);
  return std::max(q, 0.0);
}

double RearDoors::warmest_water_c() const {
  double t = -1e9;
  for (const auto& d : doors_) t = std::max(t, net_->temp_c(d.air));
  return t;
}

double RearDoors::sources_w() const {
  double q = 0;
  for (const auto& d : doors_) q += d.heat_w + d.fan_w;
  return q;
}

void RearDoors::account(EnergyLedger& l, double dt_s) const { l[Use::air_fans] += fan_w_ * dt_s; }

}  // namespace dcsim::models
