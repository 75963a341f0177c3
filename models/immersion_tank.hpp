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
//   pumps down (redundancy group `pumps`: n fixed-speed pumps in parallel on the entry's manifold,
//   each moving m_f / n; k up): the fluid flow is phi m_f, phi = k / n, the pump power phi P_pump.
//   The bath node is the mean fluid temperature, the fluid leaving a tank dT = Q / (m c_f) / 2 above it;
//   the exchanger (coolant ample, at the coolant node) takes Q = eps m c_f (T_b + Q / (2 m c_f) - T_c),
//   eps = 1 - exp(-NTU), so bath to coolant is a conductance G(m) = eps m c_f / (1 - eps / 2)
//   (Incropera & DeWitt, ch. 11). At design G = UA_hx = Q_d / dT_hx, hence eps_d = 2 r / (2 + r),
//   r = dT_f / dT_hx (needs dT_f < 2 dT_hx: the fluid returns above the coolant), NTU_d = -ln(1 - eps_d),
//   and with the exchanger's UA fixed NTU = NTU_d / phi. Steady state: T_bath = T_coolant +
//   (Q + phi P_pump) / G(phi m_f). No pump up: G = 0, the bath rises at Q / C.
//   watch: the bath is held against the loop's coolant limit plus dT_hx (the bath above the coolant at
//   its limit at design): the overheat policy and the thermal protection act on it (watch_points).
#pragma once

#include <string>
#include <vector>

#include "models/equipment.hpp"

namespace dcsim::models {

struct ImmersionTankParams {
  std::string name = "cooling.equipment[tanks]";
  std::string channel = "tanks";       // recorder channel and node prefix
  double fluid_volume_m3 = 0.8;        // dielectric per tank
  double fluid_density_kg_per_m3 = 800.0;   // synthetic hydrocarbon (PAO) class
  double fluid_cp_j_per_kg_k = 2200.0;
  double hx_approach_k = 5.0;          // bath above the loop coolant at design heat
  double fluid_delta_t_k = 8.0;        // fluid rise through the tank at design heat (sets the pump flow)
  double pump_pressure_pa = 100e3;
  double pump_efficiency = 0.6;
  int pumps = 1;                       // tank pumps in parallel on the manifold, each 1/pumps of the flow
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
  std::vector<UnitGroup> unit_groups() const override { return {{"pumps", p_.pumps, "tank pump (fixed speed, on the manifold)"}}; }
  void set_units_up(std::size_t, int up) override { pumps_up_ = up; }
  std::vector<WatchPoint> watch_points() const override;
  std::optional<double> watch_capacity_w(std::size_t point, double temp_c) const override;
  // Bath to coolant conductance with the share phi of the design fluid flow moving (1: UA_hx).
  double conductance_w_per_k(double ua_w_per_k, double phi) const;

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
  std::vector<std::string> group_names_;
  double pump_w_ = 0;
  double ntu_d_ = 0;  // the exchanger's transfer units at design fluid flow
  int pumps_up_ = 0;
  sim::ChannelId ch_bath_ = 0;
};

}  // namespace dcsim::models
