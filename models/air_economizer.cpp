#include "models/air_economizer.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "models/fluid_machine.hpp"
#include "models/psychrometrics.hpp"
#include "models/root_finding.hpp"
#include "sim/check.hpp"

namespace dcsim::models {

AirEconomizer::AirEconomizer(const AirEconomizerParams& params) : params_(params) {
  require(params.effectiveness > 0 && params.effectiveness <= 1, "effectiveness", "must be in (0, 1] (got {})",
          params.effectiveness);
  require(params.evaporative_effectiveness > 0 && params.evaporative_effectiveness <= 1, "evaporative_effectiveness",
          "must be in (0, 1] (got {})", params.evaporative_effectiveness);
  require(params.secondary_flow_ratio >= 0, "secondary_flow_ratio", "must be >= 0 (got {})", params.secondary_flow_ratio);
  require(params.secondary_pressure_pa >= 0, "secondary_pressure_pa", "must be >= 0 (got {})", params.secondary_pressure_pa);
  require(params.secondary_fan_efficiency > 0 && params.secondary_fan_efficiency <= 1, "secondary_fan_efficiency",
          "must be in (0, 1] (got {})", params.secondary_fan_efficiency);
  require(params.secondary_min_speed >= 0 && params.secondary_min_speed <= 1, "secondary_min_speed",
          "must be in [0, 1] (got {})", params.secondary_min_speed);
  require(params.steam_energy_j_per_kg > 0, "steam_energy_j_per_kg", "must be > 0 (got {})", params.steam_energy_j_per_kg);
  require(params.min_dew_point_c < params.max_dew_point_c, "max_dew_point",
          "must be above min_dew_point (got {} <= {} degC)", params.max_dew_point_c, params.min_dew_point_c);
}

double apparatus_dew_point_c(double t_in_c, double w_in, double t_out_c, double w_out, double pressure_pa) {
  if (!(t_in_c > t_out_c && w_in >= w_out)) return std::numeric_limits<double>::quiet_NaN();  // not a cooling coil
  const double slope = (w_in - w_out) / (t_in_c - t_out_c);
  // f(t) = saturation less the line, > 0 at t_out (the leaving air is not saturated). Saturation is
  // convex, so f falls going down from t_out to the tangent point t*, where saturation's slope
  // equals the line's, and rises again below it: the apparatus dew point is the root in [t*, t_out],
  // and there is none when f(t*) > 0 (the line passes above the saturation curve).
  const auto w_sat = [&](double t) { return humidity_ratio_from_dew_point(t, pressure_pa); };
  const auto f = [&](double t) { return w_sat(t) - (w_out + slope * (t - t_out_c)); };
  const auto sat_slope = [&](double t) { return (w_sat(t + 1e-3) - w_sat(t - 1e-3)) / 2e-3; };
  constexpr double kColdest = -60.0;
  if (!(f(t_out_c) > 0.0)) return std::numeric_limits<double>::quiet_NaN();
  // The line falls at least as fast as saturation already at t_out: it never meets it below.
  if (!(sat_slope(t_out_c) > slope)) return std::numeric_limits<double>::quiet_NaN();
  double t_star = kColdest;
  const double g_cold = sat_slope(kColdest) - slope;
  if (g_cold < 0.0) {  // t* between -60 degC and t_out: saturation's slope rises with t
    t_star = find_root([&](double t) { return sat_slope(t) - slope; }, kColdest, t_out_c, g_cold,
                       sat_slope(t_out_c) - slope, 1e-9, 0.0);
  }
  const double f_star = f(t_star);
  if (f_star > 0.0) return std::numeric_limits<double>::quiet_NaN();  // passes above saturation
  return find_root(f, t_star, t_out_c, f_star, f(t_out_c), 1e-10, 0.0);
}

AirEconomizerState AirEconomizer::evaluate(const AirEconomizerInputs& in) const {
  AirEconomizerState s;
  const double t_sa = in.supply_set_c, t_r = in.return_c, t_o = in.dry_bulb_c;
  const double span = t_r - t_sa;
  if (params_.type == AirEconomizerType::none || span <= 0) return s;
  if (params_.type == AirEconomizerType::indirect) {
    const double t_amb = params_.evaporative ? in.wet_bulb_c : t_o;
    if (t_amb >= t_r) return s;
    const double t_x = t_r - params_.effectiveness * (t_r - t_amb);
    s.coil_share = std::clamp((t_x - t_sa) / span, 0.0, 1.0);
    s.active = s.coil_share < 1.0;
    // Wetted: the heat the exchanger takes from the return air, m c_p (T_r - T_sa) (1 - coil share),
    // leaves with the outdoor air as evaporated water (all of it latent: the upper bound).
    if (params_.evaporative) s.water_kg_s = in.supply_flow_kg_s * kAirCpJPerKgK * span * (1.0 - s.coil_share) / kWaterLatentHeatJPerKg;
    if (s.active) {
      const double p_pa = in.pressure_pa > 0 ? in.pressure_pa : kStandardPressurePa;
      const double rho = moist_air_density_kg_m3(t_o, humidity_ratio_from_dew_point(std::min(in.dew_point_c, t_o), p_pa), p_pa);
      const double design_w = params_.secondary_flow_ratio * in.supply_flow_kg_s / rho * params_.secondary_pressure_pa /
                              params_.secondary_fan_efficiency;
      const double speed = std::clamp(span * (1.0 - s.coil_share) / (params_.effectiveness * (t_r - t_amb)),
                                      params_.secondary_min_speed, 1.0);
      s.secondary_fan_w = design_w * speed * speed * speed;
    }
    return s;
  }
  constexpr double cp = kAirCpJPerKgK, lat = kWaterLatentHeatJPerKg;
  const double p_pa = in.pressure_pa > 0 ? in.pressure_pa : kStandardPressurePa;
  const double w_o = humidity_ratio_from_dew_point(in.dew_point_c, p_pa);
  if (in.dew_point_c > params_.max_dew_point_c) {
    // Too humid to admit as it is: outdoor air mixed with return air, then cooled and dried on the
    // coil to (T_sa, w_max); the hall holds w_max, so the return air does too.
    if (!params_.dehumidify || !(t_sa > params_.max_dew_point_c)) return s;
    const double w_s = humidity_ratio_from_dew_point(params_.max_dew_point_c, p_pa);
    const double h_o = moist_air_enthalpy_j_per_kg(t_o, w_o);
    const double h_r = moist_air_enthalpy_j_per_kg(t_r, w_s), h_s = moist_air_enthalpy_j_per_kg(t_sa, w_s);
    if (h_o >= h_r) return s;  // costs the coil more than the return air
    // The coil line from the mix (outdoor share f) to the supply state must reach saturation at or
    // above the coil's water: the largest such f (the line steepens, its apparatus dew point falls,
    // as f grows; at f = 0 it is the dew point of w_max).
    // The ADP of the share f, NaN where no coil can make the supply state or the water is too warm.
    const auto adp_at = [&](double f) {
      const double adp = apparatus_dew_point_c(f * t_o + (1.0 - f) * t_r, f * w_o + (1.0 - f) * w_s, t_sa, w_s, p_pa);
      return in.coil_water_c <= adp ? adp : std::numeric_limits<double>::quiet_NaN();
    };
    double f = 1.0, adp = adp_at(1.0);
    if (!std::isfinite(adp)) {
      // Bisection on the feasible side (feasibility is a yes/no, not a smooth function): 2^-40 of the share.
      double lo = 1e-6, hi = 1.0;
      adp = adp_at(lo);
      if (!std::isfinite(adp)) return s;
      for (int k = 0; k < 40; ++k) {
        const double mid = 0.5 * (lo + hi);
        const double a = adp_at(mid);
        if (std::isfinite(a)) {
          lo = mid;
          adp = a;
        } else {
          hi = mid;
        }
      }
      f = lo;
    }
    const double h_m = f * h_o + (1.0 - f) * h_r;
    s.outdoor_share = f;
    s.coil_share = std::clamp((h_m - h_s) / (h_r - h_s), 0.0, 1.0);
    s.dehumidifying = true;
    s.apparatus_dew_point_c = adp;
    s.condensate_kg_s = f * in.supply_flow_kg_s * (w_o - w_s);
    s.active = s.coil_share < 1.0;
    return s;
  }
  const bool too_dry = in.dew_point_c < params_.min_dew_point_c;
  if (too_dry && !params_.humidify) return s;
  const double dw_h = too_dry ? humidity_ratio_from_dew_point(params_.min_dew_point_c, p_pa) - w_o : 0.0;
  // Adiabatic humidifiers take the water's latent heat from the air (cooling it); steam humidifiers
  // bring it with the steam (isothermal) and draw it as electricity.
  const bool steam = params_.humidifier == HumidifierType::steam;
  const double lat_h = steam ? 0.0 : lat;
  double humidifier_water_kg_s = 0.0;
  if (t_o - dw_h * lat_h / cp <= t_sa) {
    // Mixing to the set point: f c_p (T_r - T_o) + f dw_h L_h = c_p (T_r - T_sa).
    s.outdoor_share = std::clamp(cp * span / (cp * (t_r - t_o) + dw_h * lat_h), 0.0, 1.0);
    s.coil_share = 0.0;
    s.water_kg_s = s.outdoor_share * in.supply_flow_kg_s * dw_h;
    humidifier_water_kg_s = s.water_kg_s;
  } else {
    // 100 % outdoor air: humidified, then the evaporative stage (at most to the set point and to the
    // upper moisture limit), then the coil. Adiabatic humidifiers and the stage are one evaporation,
    // the larger of the two; steam comes first and the stage evaporates on top of it.
    double dw_e = steam ? 0.0 : dw_h;
    if (params_.evaporative && t_o > in.wet_bulb_c) {
      const double w_max = humidity_ratio_from_dew_point(params_.max_dew_point_c, p_pa);
      const double w_in = w_o + (steam ? dw_h : 0.0);
      const double dw_stage = params_.evaporative_effectiveness * (t_o - in.wet_bulb_c) * cp / lat;
      dw_e = std::max(dw_e, std::min({dw_stage, w_max - w_in, (t_o - t_sa) * cp / lat}));
    }
    const double t_after = t_o - dw_e * lat / cp;
    if (t_after >= t_r) return s;
    s.outdoor_share = 1.0;
    s.coil_share = std::clamp((t_after - t_sa) / span, 0.0, 1.0);
    s.water_kg_s = in.supply_flow_kg_s * (dw_e + (steam ? dw_h : 0.0));
    humidifier_water_kg_s = in.supply_flow_kg_s * dw_h;
  }
  if (steam) s.humidifier_w = humidifier_water_kg_s * params_.steam_energy_j_per_kg;
  s.humidifying = dw_h > 0.0;
  s.active = s.coil_share < 1.0;
  return s;
}

}  // namespace dcsim::models
