// Airside economizer of an air loop: how much of the heat the CRAH units remove goes straight to the
// outdoors instead of to the chilled-water coil.
//   direct (outside air): when the outdoor dew point is at most the IT class's upper moisture limit
//     and the dry bulb (after the evaporative stage, if any) is below the room's return air, outside
//     air replaces return air. A data hall has no moisture source, so its air holds the outdoor
//     humidity ratio w_o in steady state; outdoor air drier than the lower limit w_min is humidified
//     adiabatically (atomizing or wetted media: the water's latent heat L comes from the air, which it
//     cools by dw L / c_p), water m_oa (w_min - w_o), so cold dry air is used, not locked out.
//     DB - dw_h L / c_p <= T_supply,set   full free cooling: outdoor air mixed with return air to the
//                                   set point, outdoor share f = c_p (T_r - T_sa) / (c_p (T_r - T_o)
//                                   + dw_h L), dw_h = max(0, w_min - w_o);
//     above it, below T_return      partial: 100 % outside air, humidified, then (evaporative: true)
//                                   cooled by a direct evaporative stage towards its wet bulb,
//                                   T_e = T_o - eps_e (T_o - T_wb), never below the set point and
//                                   never above the upper moisture limit w_max; the coil cools it to
//                                   the set point: coil share (T_after - T_supply) / (T_return - T_supply);
//     humid (dew point above w_max's), dehumidify: true: differential enthalpy control (ASHRAE 90.1
//                                   6.5.1.1): when h_o < h_r (return air at T_r, w_max), outdoor share
//                                   f mixed with return air, then cooled and dried on the coil to the
//                                   set point at the upper moisture limit (T_sa, w_max); the hall holds
//                                   w_max. The coil line from the mix to (T_sa, w_max) must meet
//                                   saturation (its apparatus dew point) at or above the coil's water:
//                                   f is the largest share for which it does (bisection; at f = 0 the
//                                   ADP is w_max's dew point; the line stops meeting saturation once it
//                                   is steeper than the tangent, and the mix must be warmer than T_sa).
//                                   Coil share (h_m - h_s) / (h_r - h_s),
//                                   latent heat included, h_m = f h_o + (1 - f) h_r; condensate
//                                   f m (w_o - w_max) drains (no water use). Needs T_sa above the
//                                   limit's dew point; otherwise, or with water too warm, locked out.
//     otherwise                     mechanical (minimum outside air neglected).
//     Water: the outdoor air flow times its humidity ratio gain.
//     humidifier: steam (electric): isothermal, the mixing balance loses its dw_h L term (the steam
//     brings the latent heat), the partial mode's stage evaporates on top of it; electricity
//     P_h = water_h (h_g(100 degC) - h_f(feed)), booked as humidifier energy, its heat leaving with
//     the exhaust (latent) as heat rejected.
//   indirect (air-to-air exchanger, effectiveness eps, optionally wetted so that the exchanger sees
//     the wet bulb): return air leaves the exchanger at T_x = T_return - eps (T_return - T_amb)
//     when T_amb < T_return, and the coil cools from T_x to the supply set point:
//     coil share = clip((T_x - T_supply) / (T_return - T_supply), 0, 1); wetted, it evaporates the heat
//     it moves, water = m c_p (T_return - T_supply) (1 - coil share) / L (all latent, an upper bound).
//     Secondary (outdoor, scavenger) air fans: flow r m (r = secondary_flow_ratio, mass), design power
//     P_d = r m / rho_o dp / eta (rho_o the outdoor air's density); they run only while the exchanger
//     moves heat, at the speed s = clip(Q_moved / Q_full, s_min, 1) that moves what it moves, Q_full =
//     m c_p eps (T_return - T_amb) at full flow (heat moved taken proportional to the secondary flow),
//     P = P_d s^3 (affinity laws); their heat leaves with the secondary air.
// Sources: ASHRAE Handbook HVAC Systems and Equipment ch. 10 (economizers); LBNL 2024 (Shehabi et
// al.) architecture "airside economizer + adiabatic"; Lei & Masanet 2020 for the partial-mode form.
#pragma once

namespace dcsim::models {

enum class AirEconomizerType { none, direct, indirect };
enum class HumidifierType { adiabatic, steam };

struct AirEconomizerParams {
  AirEconomizerType type = AirEconomizerType::none;
  double effectiveness = 0.7;        // indirect exchanger, (0, 1]
  bool evaporative = false;          // indirect: wetted exchanger works against the wet bulb; direct: evaporative media stage
  double evaporative_effectiveness = 0.85;  // direct media stage: wet-bulb effectiveness (pads 0.8-0.9)
  double max_dew_point_c = 17.0;     // direct: ASHRAE A1 upper moisture limit
  double min_dew_point_c = -12.0;    // direct: ASHRAE A1 lower moisture limit
  bool humidify = true;              // direct: humidify outdoor air below min_dew_point (false: lock it out)
  bool dehumidify = true;            // direct: dry humid outdoor air on the coil when it pays (false: lock it out)
  HumidifierType humidifier = HumidifierType::adiabatic;  // direct: how w_min is reached
  // Electric steam humidifier: electricity per kg of steam, h_g(100 degC) - h_f(10 degC feed water) =
  // 2676 - 42 kJ/kg (steam tables), all of it in the steam (electrode and resistance units).
  double steam_energy_j_per_kg = 2.634e6;
  // indirect: secondary (outdoor-air) fans of the exchanger [K]: scavenger air about equal to the
  // process air, 400 Pa across louvres, filter, plate pack and wetted media, 60 % fan and motor.
  double secondary_flow_ratio = 1.0;      // secondary air mass flow per unit of process (CRAH) air
  double secondary_pressure_pa = 400.0;
  double secondary_fan_efficiency = 0.6;
  double secondary_min_speed = 0.2;
};

// Air conditions the economizer sees at a solve.
struct AirEconomizerInputs {
  double dry_bulb_c = 0, wet_bulb_c = 0, dew_point_c = 0, pressure_pa = 101325.0;
  double supply_set_c = 0, return_c = 0;
  double supply_flow_kg_s = 0;  // the CRAH units' air flow
  double coil_water_c = 0;      // water (or refrigerant equivalent) the coil gets: can it dry the air?
};

struct AirEconomizerState {
  double coil_share = 1.0;  // share of the CRAH duty carried by the chilled-water/DX coil, [0, 1]
  bool active = false;      // economizer carrying some of the duty
  double outdoor_share = 0.0;   // direct: outdoor air share of the supply
  double water_kg_s = 0.0;      // humidifier and evaporative stage (direct), wetted exchanger (indirect)
  bool humidifying = false;
  bool dehumidifying = false;   // direct, humid outdoor air dried on the coil
  double condensate_kg_s = 0.0;  // what the coil condenses from it (drained)
  double apparatus_dew_point_c = 0.0;  // of the drying process, when dehumidifying
  double secondary_fan_w = 0.0;  // indirect: the exchanger's outdoor-air fans
  double humidifier_w = 0.0;     // direct, steam humidifier: its electricity (the steam's heat leaves with the exhaust)
};

// Apparatus dew point of a coil process from (t_in, w_in) to (t_out, w_out), t_in > t_out, w_in >=
// w_out (NaN otherwise: not a cooling coil): where the straight coil line through both meets saturation below t_out (ASHRAE Fundamentals
// ch. 1 and HVAC Systems ch. 23, bypass-factor form); NaN when it does not (no coil can do it).
double apparatus_dew_point_c(double t_in_c, double w_in, double t_out_c, double w_out, double pressure_pa);

// Latent heat of vaporization of water at about 15-25 degC, J/kg (ASHRAE Fundamentals ch. 1).
inline constexpr double kWaterLatentHeatJPerKg = 2.45e6;

class AirEconomizer {
 public:
  explicit AirEconomizer(const AirEconomizerParams& params);
  const AirEconomizerParams& params() const { return params_; }
  AirEconomizerState evaluate(const AirEconomizerInputs& in) const;

 private:
  AirEconomizerParams params_;
};

}  // namespace dcsim::models
