// In-row cooling units: chilled-water coils with fans standing between the racks of a hall, taking
// the hot aisle's air and returning it cooled to the cold aisle (docs/models.md, "In-row coolers").
//   air: hot aisle -> supply boundary (T_ir) -> cold aisle at the server air flow of the groups they
//   stand beside, m_ir = r_air sum_g m_server,g (AirHall::add_air_path); the hall's CRAH units supply
//   only what the servers draw beyond it.
//   coil: T_ir = max(T_set, T_w + approach), with T_set the hall's supply-air set point, and no colder
//   than the units' capacity allows: m_ir c_p (T_hot - T_ir) <= N Q_unit (then the supply rises:
//   capacity short, reported as the equipment's shortfall).
//   fans: N P_fan (m_ir / m_d)^3, m_d the design flow (the groups' design server air), heat into the
//   hot aisle upstream of the coil.
//   water stopped (no loop pump up on the plant): the units stop (flow 0), the CRAH units carry the hall.
//   units down (redundancy group `units`, k of N up): each unit moves at most m_d / N, so
//   m_ir = min(r_air sum_g m_server,g, (k / N) m_d), fans k P_fan (m_ir / ((k / N) m_d))^3, coil
//   capacity k Q_unit. The servers still draw their air: the CRAH units supply the rest, and what the
//   units up cannot take stays in the hall's air (its aisles warm until the CRAH coils carry it).
// A set of in-row units is one PlantLoad of its plant.
#pragma once

#include <string>
#include <vector>

#include "models/equipment.hpp"

namespace dcsim::models {

struct InRowCoolerParams {
  std::string name = "cooling.equipment[in-row]";
  std::string channel = "in-row";
  int units = 4;
  double unit_capacity_w = 30e3;    // sensible capacity of one unit
  double coil_approach_k = 4.0;     // supply air above entering water
  double airflow_ratio = 1.0;       // unit air flow per server air flow of the groups
  double fan_power_w = 600.0;       // one unit at design flow
};

class InRowCoolers final : public Equipment, public PlantLoad {
 public:
  explicit InRowCoolers(InRowCoolerParams p);
  const std::string& name() const override { return p_.name; }
  const char* type() const override { return "in_row"; }

  void build(Assembly& a) override;
  void add_channels(sim::Recorder& r) override;
  void operate_air(const Operating& op) override;
  PlantLoad* plant_load() override { return this; }
  void apply_water(double water_c) override;
  void account(EnergyLedger& l, double dt_s) const override;
  void record(sim::Recorder& r) const override;
  bool reports_shortfall() const override { return true; }
  bool constrained() const override { return constrained_; }
  double shortfall_w() const override { return shortfall_w_; }
  double design_heat_w() const override { return p_.units * p_.unit_capacity_w; }
  std::vector<UnitGroup> unit_groups() const override { return {{"units", p_.units, "in-row cooling unit"}}; }
  void set_units_up(std::size_t, int up) override { units_up_ = up; }

  // PlantLoad.
  double water_set_c() const override;
  double load_at_w(double water_c) const override;
  double warmest_water_c() const override;
  double sources_w() const override { return fan_w_ + heat_w_; }
  double current_load_w() const override;
  double design_load_w() const override { return design_heat_w(); }
  bool pumps_water() const override { return true; }
  double plant_heat_j() const override { return -net_->boundary_heat_j(supply_); }

 private:
  InRowCoolerParams p_;
  const sim::ThermalNetwork* net_ = nullptr;
  sim::ThermalNetwork* mnet_ = nullptr;
  AirHall* hall_ = nullptr;
  std::vector<std::size_t> groups_;  // the racks they stand beside (one hall; from the ports)
  std::size_t plant_ = 0;            // whose chilled water feeds the coils
  std::size_t path_ = 0;
  sim::NodeId supply_ = -1;
  sim::SourceId fan_heat_ = -1;
  double design_flow_kg_s_ = 0, m_kg_s_ = 0, fan_w_ = 0, heat_w_ = 0, shortfall_w_ = 0, supply_c_ = 0;
  bool constrained_ = false;
  int units_up_ = 0;
  sim::ChannelId ch_heat_ = 0, ch_supply_ = 0;
};

}  // namespace dcsim::models
