// Heat reuse: heat taken from the facility water loop and delivered to a district-heating network.
//   Direct exchange when T_return >= T_district,supply + dT_hx: the loop water is cooled towards
//   T_district,return + dT_hx, so Q = min(demand, capacity, available, m c_p (T_return - T_district,return - dT_hx)).
//   Otherwise an optional heat pump lifts it: T_hot = T_district,supply + dT_hp,
//   T_cold = T_evap,leaving - dT_hp with T_evap,leaving = T_return - Q_extracted / (m c_p),
//   COP_h = eta_Carnot * T_hot / (T_hot - T_cold)  (Carnot fraction, eta about 0.5 for industrial
//   heat pumps, e.g. Jesper et al. 2021, Renewable Sustainable Energy Rev. 146, 111152),
//   Q_delivered = min(demand, capacity), Q_extracted = Q_delivered (1 - 1 / COP_h), P = Q_delivered / COP_h,
//   lift T_hot - T_cold at least 1 K, solved by fixed point on T_cold; it runs only when COP_h > 1.
// Heat reused (delivered to the district) = heat extracted from the loop + heat-pump power; it leaves
// the facility and counts in ERF (ISO/IEC 30134-6).
#pragma once

namespace dcsim::models {

struct HeatReuseParams {
  double capacity_w = 0.0;                 // most heat deliverable to the district
  double district_supply_temp_c = 55.0;
  double district_return_temp_c = 35.0;
  double hx_approach_k = 3.0;
  bool heat_pump = false;
  double heat_pump_carnot_efficiency = 0.5;
  double heat_pump_approach_k = 3.0;       // refrigerant beyond the water on each side
};

struct HeatReuseOperation {
  double heat_reused_w = 0.0;      // delivered to the district
  double heat_extracted_w = 0.0;   // taken from the facility loop
  double heat_pump_power_w = 0.0;
  double heat_pump_cop = 0.0;
  bool direct = false;
  double leaving_temp_c = 0.0;     // loop water after the exchanger
};

class HeatReuse {
 public:
  explicit HeatReuse(const HeatReuseParams& params);

  const HeatReuseParams& params() const { return params_; }
  // available_heat_w: the most the loop can give (its load); demand_w: the district's demand now.
  HeatReuseOperation operate(double available_heat_w, double loop_return_c, double loop_flow_kg_s,
                             double demand_w) const;

 private:
  HeatReuseParams params_;
};

}  // namespace dcsim::models
