// One technology cooling loop (TCS): coolant pumps, the cold plates of the rack groups assigned to it,
// and a CDU exchanging with a plant's facility water (docs/models.md sec. 3).
//   network: boundary CDU supply (T = facility water supply + CDU approach) -> coolant node -> back;
//   pump heat is a source on the coolant node; each group's chip node couples to the coolant by
//   UA_cp = f P_peak / dT_cp (its cold plates).
//   flow: m = max(Q_liquid / (c_p dT_design), m_min), within what the pumps up can move; with no pump up
//   the coolant stands still and the cold plates carry nothing (UA_cp = 0).
//   load at facility water T_w: Q = m c_p (T_coolant - (T_w + approach)), >= 0.
// A loop is one PlantLoad on its plant's water.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "models/fluid_machine.hpp"
#include "models/plant_load.hpp"
#include "models/supply_reset.hpp"
#include "sim/recorder.hpp"
#include "sim/thermal_network.hpp"
#include "sim/time.hpp"

namespace dcsim::models {

// Coolant (technology loop) pumps out of service over [start, start + duration). Overlapping
// outages add up; `units` >= the pump count stops the coolant flow. The first failure mode of the
// facility; general failures (models/failures.hpp) drive the same units-up state.
struct PumpOutage {
  sim::Time start = 0;
  sim::Time duration = sim::kTimeMax;  // kTimeMax: to the end of the period
  int units = 1;
};

struct LiquidLoopConfig {
  std::string name = "liquid";           // loop name (channel and event names when there are several)
  std::string label = "cooling.liquid";  // key path in the scenario: shortfalls, failures
  double supply_temp_c = 32.0;      // technology cooling loop supply to the cold plates
  double delta_t_k = 10.0;          // design rise across the cold plates (sets the flow)
  double cdu_approach_k = 3.0;      // TCS supply above facility water supply
  double coolant_volume_m3 = 20.0;  // technology + facility loop inventory
  double coolant_cp_j_per_kg_k = kWaterCpJPerKgK;
  double coolant_density_kg_per_m3 = kWaterDensityKgPerM3;
  double min_flow_fraction = 0.3;   // of design flow
  FluidMachineParams pump = kCoolantPumpDefaults;  // design flow 0: sized from the design liquid heat
  bool pumps_on_ups = false;        // its pumps fed through the UPS
  std::optional<SupplyReset> reset;  // of supply_temp_c (TCS supply) with the outdoor dry bulb
  std::vector<PumpOutage> pump_outages;
};

class LiquidLoop final : public PlantLoad {
 public:
  explicit LiquidLoop(const LiquidLoopConfig& cfg);
  const LiquidLoopConfig& config() const { return cfg_; }

  void add_design_heat_w(double liquid_w) { design_heat_w_ += liquid_w; }
  void size();
  void narrow_limit(double allowable_max_c) { limit_c_ = std::min(limit_c_, allowable_max_c); }
  void build(sim::ThermalNetwork& net, const std::string& prefix);
  // A group's cold plates: a conductance from its chip node to the coolant, cut when the coolant stands.
  void attach_cold_plate(sim::LinkId link, double ua_w_per_k) { plates_.push_back({link, ua_w_per_k}); }
  void add_channels(sim::Recorder& r, const std::string& prefix);

  void update_set_point(double dry_bulb_c);
  void operate(double liquid_heat_w, int pumps_up, bool water_stopped);
  void apply_water(double water_c);

  // PlantLoad.
  double water_set_c() const override { return set_c_ - cfg_.cdu_approach_k; }
  double load_at_w(double water_c) const override;
  double warmest_water_c() const override { return net_->temp_c(coolant_) - cfg_.cdu_approach_k; }
  double sources_w() const override { return heat_w_ + pump_w_; }
  double current_load_w() const override;
  double design_load_w() const override { return design_heat_w_; }
  bool pumps_water() const override { return true; }
  double plant_heat_j() const override { return -net_->boundary_heat_j(cdu_); }

  void record(sim::Recorder& r) const;

  sim::NodeId coolant() const { return coolant_; }
  sim::NodeId cdu() const { return cdu_; }
  const FluidMachine& pump() const { return *pump_; }
  double design_heat_w() const { return design_heat_w_; }
  double pump_w() const { return pump_w_; }
  double mcp_w_per_k() const { return mcp_; }
  bool flowing() const { return flowing_; }  // coolant moving (some pump up)
  double shortfall_w() const { return shortfall_w_; }
  double set_c() const { return set_c_; }
  double limit_c() const { return limit_c_; }  // narrowest W class of its groups (1e9: none)
  // The return (coolant node) at that limit: facility water at the W limit, plus the CDU approach and
  // the design rise.
  double coolant_limit_c() const { return limit_c_ + cfg_.cdu_approach_k + cfg_.delta_t_k; }
  // Where the return settles under the flow control (the flow follows the heat): delta_t above the
  // CDU supply as it is now.
  double settled_return_c() const { return net_->temp_c(cdu_) + cfg_.delta_t_k; }

 private:
  struct Plate {
    sim::LinkId link;
    double ua_w_per_k;
  };
  LiquidLoopConfig cfg_;
  const sim::ThermalNetwork* net_ = nullptr;
  sim::ThermalNetwork* mnet_ = nullptr;
  sim::NodeId cdu_ = -1, coolant_ = -1;
  sim::LinkId cdu_in_ = -1, cdu_out_ = -1;
  sim::SourceId pump_heat_ = -1;
  std::vector<Plate> plates_;
  std::unique_ptr<FluidMachine> pump_;
  double design_heat_w_ = 0, design_flow_kg_s_ = 0;
  double set_c_ = 0, limit_c_ = 1e9;
  double heat_w_ = 0, mcp_ = 0, pump_w_ = 0, shortfall_w_ = 0;
  bool flowing_ = true;
  sim::ChannelId ch_coolant_ = 0, ch_cdu_ = 0;
};

}  // namespace dcsim::models
