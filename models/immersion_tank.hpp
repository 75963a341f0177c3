// Single-phase immersion tanks: the racks of some rack groups stand in tanks of dielectric fluid; tank
// pumps circulate the fluid through a heat exchanger on a liquid loop's coolant (docs/models.md,
// "Single-phase immersion tanks").
//   bath: one node per group, C = N_tanks V rho_f c_f (the fluid), receiving the group's liquid heat
//   (liquid_share: 1 - share escapes through the lids and walls to the hall air) through the group's
//   own conductance (equipment above the bath by cold_plate_delta_t at design), plus the tank pumps' heat.
//   exchanger: bath -> loop coolant by UA_hx = Q_d / dT_hx (the bath dT_hx above the coolant at the
//   design heat Q_d), while the loop's coolant and the tank pumps move; 0 when either stands.
//   tank pumps: fixed speed at the design fluid flow m_f = Q_d / (c_f dT_f), power V_f dP / eta.
//   Steady state at constant heat Q: T_bath = T_coolant + (Q + P_pump) / UA_hx, T_equipment =
//   T_bath + Q / UA_g. Servers in a tank have no fans: their groups must say server_fans.share 0.
#pragma once

#include <string>
#include <vector>

#include "models/equipment.hpp"

namespace dcsim::models {

struct ImmersionTankParams {
  std::string name = "cooling.equipment[tanks]";
  std::string channel = "tanks";       // recorder channel and node prefix
  std::vector<std::string> groups;     // one tank per rack of these groups
  double fluid_volume_m3 = 0.8;        // dielectric per tank
  double fluid_density_kg_per_m3 = 800.0;   // synthetic hydrocarbon (PAO) class
  double fluid_cp_j_per_kg_k = 2200.0;
  double hx_approach_k = 5.0;          // bath above the loop coolant at design heat
  double fluid_delta_t_k = 8.0;        // fluid rise through the tank at design heat (sets the pump flow)
  double pump_pressure_pa = 100e3;
  double pump_efficiency = 0.6;
};

class ImmersionTanks final : public Equipment {
 public:
  explicit ImmersionTanks(ImmersionTankParams p);
  const std::string& name() const override { return p_.name; }
  const char* type() const override { return "immersion_tank"; }

  void build(Assembly& a) override;
  void add_channels(sim::Recorder& r) override;
  void operate(const Operating& op) override;
  void account(EnergyLedger& l, double dt_s) const override;
  void record(sim::Recorder& r) const override;

 private:
  struct Tank {
    std::size_t group;
    std::size_t loop;
    sim::NodeId bath;
    sim::LinkId hx;
    sim::SourceId pump_heat;
    double ua_w_per_k;
    double pump_w;
  };
  ImmersionTankParams p_;
  const sim::ThermalNetwork* net_ = nullptr;
  sim::ThermalNetwork* mnet_ = nullptr;
  std::vector<Tank> tanks_;
  std::vector<const LiquidLoop*> loops_;  // per tank, the loop its exchanger is on
  double pump_w_ = 0;
  sim::ChannelId ch_bath_ = 0;
};

}  // namespace dcsim::models
