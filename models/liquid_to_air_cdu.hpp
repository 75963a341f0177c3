// Liquid-to-air CDUs: for a site without facility water, a liquid loop's coolant is cooled by
// fan-coil radiators standing in a hall, which reject its heat into the hall's air (the CRAH units
// then carry it) (docs/models.md, "Liquid-to-air CDUs").
//   air: cold aisle -> radiator air node -> hot aisle at the fans' flow m_a (AirHall::add_air_path).
//   radiator: the loop's coolant node couples to the radiator air node by UA = eps_d / (1 - eps_d)
//   m_d c_p (m_d the design air flow, N Q_unit / (c_p dT_air,d)): at design flow the units take
//   eps_d m_d c_p (T_coolant - T_cold) (effectiveness-NTU, the air the minimum capacity rate).
//   fans: the air flow follows the loop's heat, m_a = m_d clamp(Q / (N Q_unit), s_min, 1), power
//   N P_fan (m_a / m_d)^3, heat into the radiator air.
//   shortfall: what the units can take at full flow with the coolant at the loop's design return
//   (its set point + delta_t), Q_max = eps m_max c_p (T_set + dT - T_cold) (all up: eps_d m_d c_p),
//   against the loop's heat and pump heat: max(Q - Q_max, 0).
//   the loop has no plant: its CDU boundary carries nothing (LiquidLoopConfig::cooled_by_equipment).
//   units down (redundancy group `units`, k of N up; a unit is a radiator and its fans): the units
//   down move no air and their radiators carry nothing, so UA_k = (k / N) UA, m_d,k = (k / N) m_d,
//   m_a = m_d,k clamp(Q / (k Q_unit), s_min, 1), fans k P_fan (m_a / m_d,k)^3; the coolant warms
//   until the units up carry the heat (Q_max with m_d,k).
//   fans down (redundancy group `fans`, F = N n_f fans, n_f per unit, f up): a fan moves at most
//   m_d / F at full speed; the fans down are counted in the units up (the redundancy group does not
//   say which unit lost them: the conservative case), so n = max(k n_f - (F - f), 0) fans run, the air
//   flow is at most m_max = n m_d / F, m_a = min(m_d,k clamp(Q / (k Q_unit), s_min, 1), m_max), the
//   fans at speed s = m_a / m_max draw n (P_fan / n_f) s^3. The radiators of the units up keep UA_k:
//   less air through them, each kilogram warmer.
//   capacity for the throttle (Equipment::loop_capacity_w): in steady state with the radiator air
//   node flushed at full flow m_max, Q = UA_k (T_c - T_air), m_max c_p (T_air - T_cold) = Q + P_max
//   (the fans running at full speed), so Q_cap(T_c) = eps (m_max c_p (T_c - T_cold) - P_max) with
//   eps = UA_k / (UA_k + m_max c_p); all fans up eps = eps_d and
//   Q_cap(T_c) = eps_d m_d,k c_p (T_c - T_cold) - eps_d k P_fan.
#pragma once

#include <string>

#include "models/equipment.hpp"

namespace dcsim::models {

struct LiquidToAirCduParams {
  std::string name = "cooling.equipment[l2a]";
  std::string channel = "l2a";
  int units = 2;
  double unit_capacity_w = 100e3;   // at design air flow with the coolant at its design temperature
  double design_air_rise_k = 15.0;  // air warming through the radiators at design (sets the air flow)
  double effectiveness = 0.7;       // air side, at design air flow
  double fan_power_w = 1500.0;      // one unit at design flow
  int fans_per_unit = 4;            // the fan array of one unit (redundancy group `fans`: units x fans_per_unit)
  double min_speed_fraction = 0.2;
};

class LiquidToAirCdus final : public Equipment {
 public:
  explicit LiquidToAirCdus(LiquidToAirCduParams p);
  const std::string& name() const override { return p_.name; }
  const char* type() const override { return "liquid_to_air_cdu"; }

  void build(Assembly& a) override;
  void add_channels(sim::Recorder& r) override;
  void operate_air(const Operating& op) override;
  void account(EnergyLedger& l, double dt_s) const override;
  void record(sim::Recorder& r) const override;
  bool reports_shortfall() const override { return true; }
  double shortfall_w() const override { return shortfall_w_; }
  double design_heat_w() const override { return p_.units * p_.unit_capacity_w; }
  std::vector<UnitGroup> unit_groups() const override;
  void set_units_up(std::size_t group, int up) override { (group == 0 ? units_up_ : fans_up_) = up; }
  std::optional<double> loop_capacity_w(std::size_t loop, double coolant_c) const override;

 private:
  LiquidToAirCduParams p_;
  const sim::ThermalNetwork* net_ = nullptr;
  sim::ThermalNetwork* mnet_ = nullptr;
  AirHall* hall_ = nullptr;
  const LiquidLoop* loop_ = nullptr;
  std::size_t loop_index_ = 0;       // the loop it cools (from the ports)
  std::vector<std::size_t> groups_;  // the groups on its loop
  std::size_t path_ = 0;
  sim::NodeId air_ = -1;
  sim::LinkId radiator_ = -1;
  sim::SourceId fan_heat_ = -1;
  double design_flow_kg_s_ = 0, ua_w_per_k_ = 0, m_kg_s_ = 0, fan_w_ = 0, shortfall_w_ = 0;
  int units_up_ = 0, fans_up_ = 0;
  double up_share() const { return static_cast<double>(units_up_) / p_.units; }
  int fan_count() const { return p_.units * p_.fans_per_unit; }  // installed
  // The air the units up can move and what it takes: the fans running, m_max, UA_k.
  struct Air {
    int fans = 0;                    // fans running
    double max_flow_kg_s = 0;        // all of them at full speed
    double ua_w_per_k = 0;           // the radiators of the units up
    double full_fan_w = 0;           // their power at full speed
    double effectiveness() const;    // UA_k / (UA_k + m_max c_p), at full flow
  };
  Air air_now() const;
  sim::ChannelId ch_heat_ = 0;
};

}  // namespace dcsim::models
