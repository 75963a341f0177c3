#include "models/immersion_tank.hpp"

#include <algorithm>
#include <cmath>

#include "models/liquid_loop.hpp"
#include "sim/check.hpp"

namespace dcsim::models {

ImmersionTanks::ImmersionTanks(ImmersionTankParams p) : p_(std::move(p)), pumps_up_(p_.pumps) {
  require(p_.fluid_volume_m3 > 0, "fluid_volume", "must be > 0 (got {} m3)", p_.fluid_volume_m3);
  require(p_.fluid_density_kg_per_m3 > 0, "fluid_density", "must be > 0 (got {} kg/m3)", p_.fluid_density_kg_per_m3);
  require(p_.fluid_cp_j_per_kg_k > 0, "fluid_cp", "must be > 0 (got {} J/(kg K))", p_.fluid_cp_j_per_kg_k);
  require(p_.hx_approach_k > 0, "hx_approach", "must be > 0 (got {} K)", p_.hx_approach_k);
  require(p_.fluid_delta_t_k > 0, "fluid_delta_t", "must be > 0 (got {} K)", p_.fluid_delta_t_k);
  require(p_.pump_pressure_pa >= 0, "pump_pressure", "must be >= 0 (got {} Pa)", p_.pump_pressure_pa);
  require(p_.pump_efficiency > 0 && p_.pump_efficiency <= 1, "pump_efficiency", "must be in (0, 1] (got {})", p_.pump_efficiency);
  require(p_.fluid_delta_t_k < 2.0 * p_.hx_approach_k, "fluid_delta_t",
          "must be below twice hx_approach (got {} K for {} K): the fluid would return colder than the coolant", p_.fluid_delta_t_k,
          p_.hx_approach_k);
  require(p_.pumps >= 1, "pump.units", "must be at least 1 (got {})", p_.pumps);
  const double r = p_.fluid_delta_t_k / p_.hx_approach_k;
  ntu_d_ = -std::log(1.0 - 2.0 * r / (2.0 + r));
}

double ImmersionTanks::conductance_w_per_k(double ua_w_per_k, double phi) const {
  if (phi >= 1.0) return ua_w_per_k;
  if (phi <= 0.0) return 0.0;
  // G = eps m c / (1 - eps / 2) with m c = phi m_d c = phi UA_hx / r (G_d = r m_d c).
  const double mc = phi * ua_w_per_k * p_.hx_approach_k / p_.fluid_delta_t_k;
  const double eps = 1.0 - std::exp(-ntu_d_ / phi);
  return eps * mc / (1.0 - 0.5 * eps);
}

void ImmersionTanks::build(Assembly& a) {
  auto& net = a.network();
  net_ = &net;
  mnet_ = &net;
  const EquipmentPorts& ports = a.ports();
  require(!ports.groups.empty(), "groups", "must name at least one rack group{}", "");
  for (const std::size_t gi : ports.groups) {
    const std::string& name = a.group_name(gi);
    const RackGroupParams& rp = a.group_params(gi);
    require(rp.liquid_capture_share > 0, "groups", "rack group '{}' sends no heat to liquid: an immersed group needs liquid_share > 0",
            name);
    require(rp.fans.power_share == 0, "groups", "rack group '{}' has server fans (share {}): immersed servers have none, set server_fans.share: 0",
            name, rp.fans.power_share);
    const auto on_loop = a.loop_of(gi);
    require(on_loop.has_value(), "groups", "rack group '{}': its tanks' exchangers are on no liquid loop{}", name, "");
    LiquidLoop& loop = a.loop(*on_loop);
    const double q_d = a.group_design_liquid_w(gi);
    Tank t;
    t.group = gi;
    t.loop = *on_loop;
    const double c = rp.rack_count * p_.fluid_volume_m3 * p_.fluid_density_kg_per_m3 * p_.fluid_cp_j_per_kg_k;
    const double t0 = loop.config().supply_temp_c + p_.hx_approach_k;
    t.bath = net.add_node(p_.channel + "." + name + ".bath", c, t0);
    t.ua_w_per_k = q_d / p_.hx_approach_k;
    t.hx = net.add_conductance(t.bath, loop.coolant(), t.ua_w_per_k);
    t.pump_heat = net.add_source(t.bath, 0.0);
    const double flow_m3_s = q_d / (p_.fluid_cp_j_per_kg_k * p_.fluid_delta_t_k) / p_.fluid_density_kg_per_m3;
    t.pump_w = flow_m3_s * p_.pump_pressure_pa / p_.pump_efficiency;
    a.claim_liquid_port(gi, t.bath);
    tanks_.push_back(t);
    loops_.push_back(&loop);
    group_names_.push_back(name);
  }
}

void ImmersionTanks::add_channels(sim::Recorder& r) {
  ch_bath_ = r.add_channel("equipment." + p_.channel + ".bath_c", "degC",
                           "dielectric bath temperature of the tanks " + p_.channel + " (the warmest group), at the sample time");
}

void ImmersionTanks::record(sim::Recorder& r) const {
  double warmest = -1e9;
  for (const auto& t : tanks_) warmest = std::max(warmest, net_->temp_c(t.bath));
  r.set(ch_bath_, warmest);
}

// The tank pumps run while the loop's coolant moves; with the coolant standing the exchanger carries
// nothing and the pumps stop (no point stirring a bath that cannot shed heat).
void ImmersionTanks::operate(const Operating&) {
  pump_w_ = 0;
  const double phi = static_cast<double>(pumps_up_) / p_.pumps;
  for (std::size_t i = 0; i < tanks_.size(); ++i) {
    const auto& t = tanks_[i];
    const bool moving = loops_[i]->flowing();
    mnet_->set_conductance(t.hx, moving ? conductance_w_per_k(t.ua_w_per_k, phi) : 0.0);
    const double w = moving ? (pumps_up_ == p_.pumps ? t.pump_w : phi * t.pump_w) : 0.0;
    mnet_->set_source(t.pump_heat, w);
    pump_w_ += w;
  }
}

std::vector<WatchPoint> ImmersionTanks::watch_points() const {
  std::vector<WatchPoint> out;
  for (std::size_t i = 0; i < tanks_.size(); ++i) {
    const LiquidLoop& loop = *loops_[i];
    if (loop.limit_c() >= 1e8) continue;
    const double limit_c = loop.coolant_limit_c() + p_.hx_approach_k;
    out.push_back({p_.channel + "." + group_names_[i] + ".bath", tanks_[i].bath, limit_c, {tanks_[i].group}, i});
  }
  return out;
}

// What the bath can shed to the coolant at temp_c with the pumps up, less their heat. The coolant is
// taken where the loop's return settles (LiquidLoop::settled_return_c; right after a pump failure it
// is cooler, the bath giving it less), or as it is if warmer.
std::optional<double> ImmersionTanks::watch_capacity_w(std::size_t point, double temp_c) const {
  const auto& t = tanks_.at(point);
  const LiquidLoop& loop = *loops_[point];
  if (!loop.flowing()) return 0.0;
  const double phi = static_cast<double>(pumps_up_) / p_.pumps;
  const double coolant_c = std::max(net_->temp_c(loop.coolant()), loop.settled_return_c());
  return conductance_w_per_k(t.ua_w_per_k, phi) * (temp_c - coolant_c) - phi * t.pump_w;
}

void ImmersionTanks::account(EnergyLedger& l, double dt_s) const { l[Use::pumps] += pump_w_ * dt_s; }

}  // namespace dcsim::models
