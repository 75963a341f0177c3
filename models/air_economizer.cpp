#include "models/air_economizer.hpp"

#include <algorithm>

#include "sim/check.hpp"

namespace dcsim::models {

AirEconomizer::AirEconomizer(const AirEconomizerParams& params) : params_(params) {
  require(params.effectiveness > 0 && params.effectiveness <= 1, "effectiveness", "must be in (0, 1] (got {})",
          params.effectiveness);
  require(params.min_dew_point_c < params.max_dew_point_c, "max_dew_point",
          "must be above min_dew_point (got {} <= {} degC)", params.max_dew_point_c, params.min_dew_point_c);
}

AirEconomizerState AirEconomizer::evaluate(double dry_bulb_c, double wet_bulb_c, double dew_point_c,
                                           double supply_set_c, double return_c) const {
  AirEconomizerState s;
  const double span = return_c - supply_set_c;
  if (params_.type == AirEconomizerType::none || span <= 0) return s;
  if (params_.type == AirEconomizerType::direct) {
    if (dew_point_c > params_.max_dew_point_c || dew_point_c < params_.min_dew_point_c) return s;
    if (dry_bulb_c >= return_c) return s;
    s.coil_share = std::clamp((dry_bulb_c - supply_set_c) / span, 0.0, 1.0);
  } else {
    const double t_amb = params_.evaporative ? wet_bulb_c : dry_bulb_c;
    if (t_amb >= return_c) return s;
    const double t_x = return_c - params_.effectiveness * (return_c - t_amb);
    s.coil_share = std::clamp((t_x - supply_set_c) / span, 0.0, 1.0);
  }
  s.active = s.coil_share < 1.0;
  return s;
}

}  // namespace dcsim::models
