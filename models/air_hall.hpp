// One air-cooled hall (white space): CRAH or CRAC units on a plant's water, the cold and hot aisles,
// the room structure, and the air side of the rack groups assigned to it (docs/models.md sec. 3).
//   network: boundary CRAH supply (T = supply air) -> cold aisle -> (servers, bypass) -> hot aisle ->
//   back to the CRAH; hot-aisle recirculation to the cold aisle; room structure coupled to both
//   aisles (UA to the hot aisle, a tenth of it to the cold aisle); CRAH fan heat and the hall's
//   electrical heat (UPS share, PDU, lighting) into the hot aisle, upstream of the coil.
//   flows: servers move their air flow, m_IT = Q_flow / (c_p dT_server) with Q_flow the air heat at design
//   fan speed (more when the server fans speed up with inlet temperature, models/it_power.hpp); the CRAH flow
//   balances the aisles, m_CRAH = m_IT (1 - r) / (1 - b) + Q_elec / (c_p dT_server), within what the
//   fans of the units up can move; cold-aisle balance m_CRAH + recirc = m_IT + bypass.
//   coil: supply air T_sa = max(T_set, T_water + approach), and no colder than the units' coil capacity
//   allows: m_CRAH c_p (T_return - T_sa) <= N_up Q_unit (then the supply air rises: capacity short).
//   airside economizer: the coil carries the share `coil_share` of the return air's heat; the rest
//   leaves to the outdoors.
// A hall is one PlantLoad on its plant's water.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "models/air_economizer.hpp"
#include "models/ashrae_class.hpp"
#include "models/fluid_machine.hpp"
#include "models/plant_load.hpp"
#include "models/supply_reset.hpp"
#include "models/weather.hpp"
#include "sim/recorder.hpp"
#include "sim/thermal_network.hpp"

namespace dcsim::models {

struct AirLoopConfig {
  std::string name = "air";          // hall name (channel and event names when there are several)
  std::string label = "cooling.air";  // key path in the scenario: shortfalls, failures
  double supply_temp_c = 22.0;       // supply air set point
  double server_delta_t_k = 12.0;    // air temperature rise through the servers
  double coil_approach_k = 4.0;      // supply air above chilled-water supply
  double recirculation = 0.05;       // share of server air drawn from the hot aisle
  double bypass = 0.10;              // share of CRAH air returning without passing servers
  int unit_count = kCrahFanDefaults.unit_count;
  // CRAC (DX) units: the coil is the evaporator of the air plant's air-cooled compressors; there is no
  // chilled-water loop, so the plant's loop pumps draw nothing (coil_approach: supply air above the
  // evaporating refrigerant's equivalent water temperature).
  bool dx = false;
  double unit_capacity_w = 100e3;    // sensible cooling of one CRAH/CRAC unit
  double room_volume_m3 = 5000.0;
  double structure_capacity_j_per_k = 200e6;
  double structure_ua_w_per_k = 0.0;   // structure to hot aisle, a tenth of it to the cold aisle; 0: from the room
  double structure_ua_w_per_k_or_default() const;  // the value given, else room_structure_ua_w_per_k(room_volume_m3)
  FluidMachineParams fans = kCrahFanDefaults;  // one unit's fans (count: unit_count); design flow 0: sized from the design heat
  AirEconomizerParams economizer;
  std::optional<SupplyReset> reset;  // of supply_temp_c (supply air) with the outdoor dry bulb
};

// Default structure conductance of a room of volume V: h A, A the floor, ceiling and walls of a square
// room 4 m high (A = 2 V / H + 4 H sqrt(V / H)), h = 6.5 W/(m2 K), a convective coefficient of
// indoor surfaces swept by room air (3-9 W/(m2 K), ASHRAE Handbook Fundamentals ch. 4 [K]).
// 5000 m3: 3066 m2, 19.9 kW/K.
inline constexpr double kRoomHeightM = 4.0;
inline constexpr double kRoomSurfaceCoefficientWPerM2K = 6.5;
double room_structure_ua_w_per_k(double room_volume_m3);

class AirHall final : public PlantLoad {
 public:
  explicit AirHall(const AirLoopConfig& cfg);
  const AirLoopConfig& config() const { return cfg_; }

  // Assembly: the design heat of the groups (air side), of the hall's electrical equipment, then
  // sizing (fans from the design heat when not given) and the network nodes.
  // `flow_factor`: the servers' design air flow over the flow that carries `air_w` at the design rise
  // (RackGroupPower::air_flow_heat_w / heat_to_air_w at full load and design_inlet_c()).
  void add_design_heat_w(double air_w, double liquid_w, double flow_factor = 1.0);
  // The inlet the fans are sized for: the supply set point (the warmest of its reset) mixed with the
  // recirculated share r of the server air at the design rise, T_sa + r dT_server / (1 - r).
  double design_inlet_c() const {
    const double set_c = cfg_.reset ? cfg_.reset->max_c : cfg_.supply_temp_c;
    return set_c + cfg_.recirculation * cfg_.server_delta_t_k / (1.0 - cfg_.recirculation);
  }
  void size(double lighting_w, double pdu_loss_fraction, double ups_loss_w);
  void narrow_envelope(const AshraeClass& c);  // the cold aisle feeds every air-cooled group of the hall
  void build(sim::ThermalNetwork& net, const std::string& prefix);  // prefix of node names ("" for one hall)
  void add_channels(sim::Recorder& r, const std::string& prefix);
  // A rack group whose exhaust passes through equipment (a rear door) before the hot aisle: its share
  // of the server air flows cold aisle -> `node` -> hot aisle instead of straight to the hot aisle.
  void route_server_air(std::size_t group, sim::NodeId node);
  // Air moved through the hall by equipment (an in-row cooler: hot aisle -> its coil -> cold aisle; a
  // liquid-to-air CDU: cold aisle -> its radiator -> hot aisle) at a flow the equipment sets before
  // each solve; the CRAH units supply what the servers draw beyond it.
  enum class Aisle { cold, hot };
  std::size_t add_air_path(Aisle from, sim::NodeId node, Aisle to);
  void set_air_path_flow(std::size_t path, double m_kg_s) { air_paths_.at(path).m_kg_s = m_kg_s; }
  // Design heat of equipment that puts heat into the hall's air (a liquid-to-air CDU's), before size().
  void add_equipment_heat_w(double w) { equipment_heat_w_ += w; }

  // Each solve: the set point with the weather, then the airflows at the heat the hall gets now.
  void update_set_point(double dry_bulb_c);
  // `air_heat_w`: the groups' heat to air now; `flow_heat_w`: their servers' air flow, as the heat it
  // carries at the design server rise (RackGroupPower::air_flow_heat_w); `group_flow_heat_w`: each
  // group's (all groups of the facility; read for routed groups).
  void operate(const WeatherRecord& w, double air_heat_w, double flow_heat_w, double electrical_w, int units_up,
               bool water_stopped, const std::vector<double>& group_flow_heat_w);
  // Server air of a group whose flow carries `group_flow_heat_w` at the design rise (its share of the servers' flow).
  double server_flow_kg_s(double group_flow_heat_w) const {
    return flow_heat_w_ > 0 ? m_it_ * group_flow_heat_w / flow_heat_w_ : 0.0;
  }
  // The plant's supply reaches the coils: supply air and capacity for the next interval. Returns the
  // change of capacity state to log, if any.
  std::optional<std::string> apply_water(double water_c);

  // PlantLoad.
  double water_set_c() const override { return set_c_ - cfg_.coil_approach_k; }
  double load_at_w(double water_c) const override;
  double warmest_water_c() const override { return t_return_ - cfg_.coil_approach_k; }
  double sources_w() const override { return air_heat_w_ + fans_w_ + electrical_w_; }
  double current_load_w() const override;
  double design_load_w() const override { return design_heat_w_; }
  bool pumps_water() const override { return !cfg_.dx; }
  double plant_heat_j() const override { return coil_share_ * coil_heat_j(); }

  // After the network advanced: heat the CRAH boundary took out of the hall (coil and economizer).
  double coil_heat_j() const { return -net_->boundary_heat_j(crah_); }
  void record(sim::Recorder& r) const;

  sim::NodeId cold() const { return cold_; }
  sim::NodeId hot() const { return hot_; }
  const FluidMachine& fans() const { return *fans_; }
  double design_heat_w() const { return design_heat_w_; }
  double fans_w() const { return fans_w_; }
  double electrical_w() const { return electrical_w_; }
  double coil_share() const { return coil_share_; }
  double economizer_water_kg_s() const { return economizer_water_kg_s_; }  // humidifier and evaporative stage now
  double economizer_fans_w() const { return economizer_fans_w_; }  // indirect exchanger's outdoor-air fans now
  double humidifier_w() const { return humidifier_w_; }  // electric steam humidifiers now
  double coil_capacity_w() const { return coil_cap_w_; }
  double shortfall_w() const { return shortfall_w_; }
  bool constrained() const { return constrained_; }
  double set_c() const { return set_c_; }
  // ASHRAE envelope of the inlet (no air-cooled group: none, limits at +-1e9).
  double recommended_min_c() const { return rec_min_c_; }
  double recommended_max_c() const { return rec_max_c_; }
  double allowable_min_c() const { return allow_min_c_; }
  double allowable_max_c() const { return allow_max_c_; }
  bool has_envelope() const { return allow_max_c_ < 1e8; }

 private:
  AirLoopConfig cfg_;
  const sim::ThermalNetwork* net_ = nullptr;
  sim::ThermalNetwork* mnet_ = nullptr;
  sim::NodeId crah_ = -1, cold_ = -1, hot_ = -1, structure_ = -1;
  sim::LinkId crah_in_ = -1, it_flow_ = -1, bypass_ = -1, recirc_ = -1, crah_out_ = -1;
  sim::SourceId fan_heat_ = -1, elec_heat_ = -1;
  std::unique_ptr<FluidMachine> fans_;
  std::unique_ptr<AirEconomizer> econ_;
  double design_heat_w_ = 0, design_liquid_w_ = 0, design_flow_extra_w_ = 0;
  double set_c_ = 0;
  // State of the current interval.
  double air_heat_w_ = 0, flow_heat_w_ = 0, electrical_w_ = 0, fans_w_ = 0, m_crah_ = 0, crah_mcp_ = 0, coil_cap_w_ = 0;
  double coil_share_ = 1, economizer_water_kg_s_ = 0, economizer_fans_w_ = 0, humidifier_w_ = 0, t_return_ = 0, supply_air_c_ = 0, shortfall_w_ = 0, m_it_ = 0;
  struct ServerPath {
    std::size_t group;
    sim::LinkId in, out;
  };
  std::vector<ServerPath> paths_;
  struct AirPath {
    Aisle from, to;
    sim::LinkId in, out;
    double m_kg_s = 0;
  };
  std::vector<AirPath> air_paths_;
  double equipment_heat_w_ = 0;
  bool constrained_ = false;
  double rec_min_c_ = -1e9, rec_max_c_ = 1e9, allow_min_c_ = -1e9, allow_max_c_ = 1e9;
  sim::ChannelId ch_cold_ = 0, ch_hot_ = 0, ch_supply_air_ = 0;
};

}  // namespace dcsim::models
