// Rear-door heat exchangers (RDHx): a water coil in the back door of each rack of some rack groups,
// on a plant's water (chilled or warm), cooling the server exhaust before it reaches the hot aisle
// (docs/models.md, "Rear-door heat exchangers").
//   air path: each group's server air leaves through its doors: cold aisle -> door air node -> hot
//   aisle (AirHall::route_server_air); the group's air-side heat goes into the door air node.
//   coil: the water (a boundary at the plant's supply T_w) is coupled to the door air node by
//     UA = eps_d / (1 - eps_d) m_d c_p,     m_d = design server air of the group,
//   so that with the door air well mixed at its outlet temperature the door removes
//     Q = UA m c_p / (m c_p + UA) (T_in - T_w) = eps(m) m c_p (T_in - T_w),  T_in = T_cold + Q_air / (m c_p),
//   the rated effectiveness eps_d at design flow (effectiveness-NTU with the air the minimum capacity
//   rate, water flow ample; Incropera & DeWitt, Fundamentals of Heat and Mass Transfer, ch. 11), rising
//   towards 1 as the air flow falls. Sensible only: the water is held above the room dew point.
//   passive doors: the server fans push the air through the coil, an extra V dP / eta_fan;
//   active doors: door fans of `fan_power` per door at design flow, scaled by (m / m_d)^3 (fans follow
//   the server flow). Either way the power is electricity of the cooling (air fans) and its heat goes
//   into the door air.
//   water stopped (no loop pump up on the plant): UA = 0, the exhaust passes the coil uncooled.
//   active doors' fans down (redundancy group `fans`: one fan array per door, k of D up): the fans up
//   move the air of their doors, share phi = k / D of the air; the server fans push the rest through
//   the coil as in a passive door, so P = phi N P_fan (m / m_d)^3 + (1 - phi) (m / rho) dP / eta_fan
//   (the resistance of the stopped fans neglected). The servers' air, and so the coil's heat, do not
//   change: what changes is who moves the air and the electricity it takes. Passive doors: no group.
#pragma once

#include <string>
#include <vector>

#include "models/equipment.hpp"

namespace dcsim::models {

struct RearDoorParams {
  std::string name = "cooling.equipment[rear-doors]";
  std::string channel = "rear-doors";     // recorder channel prefix
  double effectiveness = 0.8;             // at design server air flow
  double water_temp_c = 18.0;             // entering water the doors ask the plant for
  bool active = false;
  double fan_power_w = 500.0;             // active: door fans of one door at design flow
  double pressure_drop_pa = 25.0;         // passive: coil pressure drop the server fans overcome
  double server_fan_efficiency = 0.35;    // passive: of the server fans moving the extra pressure
  double air_volume_m3 = 0.2;             // air between the servers and the coil, per door
  int doors = 0;                          // the racks of its groups, one door each (the loader counts them; 0: at build)
};

class RearDoors final : public Equipment, public PlantLoad {
 public:
  explicit RearDoors(RearDoorParams p);
  const std::string& name() const override { return p_.name; }
  const char* type() const override { return "rear_door"; }

  void build(Assembly& a) override;
  void add_channels(sim::Recorder& r) override;
  void operate(const Operating& op) override;
  PlantLoad* plant_load() override { return this; }
  void apply_water(double water_c) override;
  void account(EnergyLedger& l, double dt_s) const override;
  void record(sim::Recorder& r) const override;
  std::vector<UnitGroup> unit_groups() const override;
  void set_units_up(std::size_t, int up) override { fans_up_ = up; }

  // PlantLoad.
  double water_set_c() const override { return p_.water_temp_c; }
  double load_at_w(double water_c) const override;
  double warmest_water_c() const override;
  double sources_w() const override;
  double current_load_w() const override { return load_at_w(net_->temp_c(water_)); }
  double design_load_w() const override { return design_w_; }
  bool pumps_water() const override { return true; }
  double plant_heat_j() const override { return -net_->boundary_heat_j(water_); }

 private:
  struct Door {
    std::size_t group;
    int racks;
    double design_flow_kg_s;
    sim::NodeId air;
    sim::LinkId coil;
    sim::SourceId fan_heat;
    double ua_w_per_k;
    double heat_w = 0;  // the group's air heat now
    double fan_w = 0;
  };
  RearDoorParams p_;
  std::size_t plant_ = 0;  // whose water cools the doors (from the ports)
  const sim::ThermalNetwork* net_ = nullptr;
  sim::ThermalNetwork* mnet_ = nullptr;
  sim::NodeId water_ = -1;
  std::vector<Door> doors_;
  double design_w_ = 0, fan_w_ = 0;
  int door_count_ = 0, fans_up_ = 0;  // active doors: fan arrays installed (one per door) and up
  sim::ChannelId ch_heat_ = 0, ch_air_ = 0;
};

}  // namespace dcsim::models
