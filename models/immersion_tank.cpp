#include "models/immersion_tank.hpp"

#include <algorithm>

#include "models/liquid_loop.hpp"
#include "sim/check.hpp"

namespace dcsim::models {

ImmersionTanks::ImmersionTanks(ImmersionTankParams p) : p_(std::move(p)) {
  require(!p_.groups.empty(), "groups", "must name at least one rack group{}", "");
  require(p_.fluid_volume_m3 > 0, "fluid_volume", "must be > 0 (got {} m3)", p_.fluid_volume_m3);
  require(p_.fluid_density_kg_per_m3 > 0, "fluid_density", "must be > 0 (got {} kg/m3)", p_.fluid_density_kg_per_m3);
  require(p_.fluid_cp_j_per_kg_k > 0, "fluid_cp", "must be > 0 (got {} J/(kg K))", p_.fluid_cp_j_per_kg_k);
  require(p_.hx_approach_k > 0, "hx_approach", "must be > 0 (got {} K)", p_.hx_approach_k);
  require(p_.fluid_delta_t_k > 0, "fluid_delta_t", "must be > 0 (got {} K)", p_.fluid_delta_t_k);
  require(p_.pump_pressure_pa >= 0, "pump_pressure", "must be >= 0 (got {} Pa)", p_.pump_pressure_pa);
  require(p_.pump_efficiency > 0 && p_.pump_efficiency <= 1, "pump_efficiency", "must be in (0, 1] (got {})", p_.pump_efficiency);
}

void ImmersionTanks::build(Assembly& a) {
  auto& net = a.network();
  net_ = &net;
  mnet_ = &net;
  for (const auto& name : p_.groups) {
    const int g = a.group_index(name);
    require(g >= 0, "groups", "names no rack group: '{}'", name);
    const auto gi = static_cast<std::size_t>(g);
    const RackGroupParams& rp = a.group_params(gi);
    require(rp.liquid_capture_share > 0, "groups", "rack group '{}' sends no heat to liquid: an immersed group needs liquid_share > 0",
            name);
    require(rp.fans.power_share == 0, "groups", "rack group '{}' has server fans (share {}): immersed servers have none, set server_fans.share: 0",
            name, rp.fans.power_share);
    LiquidLoop& loop = a.loop(a.loop_of(gi));
    const double q_d = a.group_design_liquid_w(gi);
    Tank t;
    t.group = gi;
    t.loop = a.loop_of(gi);
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
  for (std::size_t i = 0; i < tanks_.size(); ++i) {
    const auto& t = tanks_[i];
    const bool moving = loops_[i]->flowing();
    mnet_->set_conductance(t.hx, moving ? t.ua_w_per_k : 0.0);
    const double w = moving ? t.pump_w : 0.0;
    mnet_->set_source(t.pump_heat, w);
    pump_w_ += w;
  }
}

void ImmersionTanks::account(EnergyLedger& l, double dt_s) const { l[Use::pumps] += pump_w_ * dt_s; }

}  // namespace dcsim::models
