#include "models/air_economizer.hpp"

#include <algorithm>

#include "models/fluid_machine.hpp"
#include "models/psychrometrics.hpp"
#include "sim/check.hpp"

namespace dcsim::models {

AirEconomizer::AirEconomizer(const AirEconomizerParams& params) : params_(params) {
  require(params.effectiveness > 0 && params.effectiveness <= 1, "effectiveness", "must be in (0, 1] (got {})",
          params.effectiveness);
  require(params.evaporative_effectiveness > 0 && params.evaporative_effectiveness <= 1, "evaporative_effectiveness",
          "must be in (0, 1] (got {})", params.evaporative_effectiveness);
  require(params.min_dew_point_c < params.max_dew_point_c, "max_dew_point",
          "must be above min_dew_point (got {} <= {} degC)", params.max_dew_point_c, params.min_dew_point_c);
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
    return s;
  }
  // Direct: too humid outdoor air is locked out (its dehumidification on the coil is not modelled).
  if (in.dew_point_c > params_.max_dew_point_c) return s;
  const bool too_dry = in.dew_point_c < params_.min_dew_point_c;
  if (too_dry && !params_.humidify) return s;
  constexpr double cp = kAirCpJPerKgK, lat = kWaterLatentHeatJPerKg;
  const double p_pa = in.pressure_pa > 0 ? in.pressure_pa : kStandardPressurePa;
  const double w_o = humidity_ratio_from_dew_point(in.dew_point_c, p_pa);
  const double dw_h = too_dry ? humidity_ratio_from_dew_point(params_.min_dew_point_c, p_pa) - w_o : 0.0;
  if (t_o - dw_h * lat / cp <= t_sa) {
    // Mixing to the set point: f c_p (T_r - T_o) + f dw_h L = c_p (T_r - T_sa).
    s.outdoor_share = std::clamp(cp * span / (cp * (t_r - t_o) + dw_h * lat), 0.0, 1.0);
    s.coil_share = 0.0;
    s.water_kg_s = s.outdoor_share * in.supply_flow_kg_s * dw_h;
  } else {
    // 100 % outdoor air: humidified, then the evaporative stage (at most to the set point and to the
    // upper moisture limit), then the coil.
    double dw = dw_h;
    if (params_.evaporative && t_o > in.wet_bulb_c) {
      const double w_max = humidity_ratio_from_dew_point(params_.max_dew_point_c, p_pa);
      const double dw_stage = params_.evaporative_effectiveness * (t_o - in.wet_bulb_c) * cp / lat;
      dw = std::max(dw, std::min({dw_stage, w_max - w_o, (t_o - t_sa) * cp / lat}));
    }
    const double t_after = t_o - dw * lat / cp;
    if (t_after >= t_r) return s;
    s.outdoor_share = 1.0;
    s.coil_share = std::clamp((t_after - t_sa) / span, 0.0, 1.0);
    s.water_kg_s = in.supply_flow_kg_s * dw;
  }
  s.humidifying = dw_h > 0.0;
  s.active = s.coil_share < 1.0;
  return s;
}

}  // namespace dcsim::models
