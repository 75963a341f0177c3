#include "models/chiller.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "models/fluid_machine.hpp"
#include "sim/check.hpp"

namespace dcsim::models {

double BiquadraticCurve::operator()(double x, double y) const {
  return c[0] + x * (c[1] + x * c[2]) + y * (c[3] + y * c[4]) + c[5] * x * y;
}

ChillerCurves doe2_centrifugal_5_50_cop() {
  ChillerCurves k;
  k.capft = {{0.257896, 0.0389016, -0.00021708, 0.0468684, -0.00094284, -0.00034344}, 5.0, 10.0, 24.0, 35.0};
  k.eirft = {{0.933884, -0.058212, 0.00450036, 0.00243, 0.000486, -0.001215}, 5.0, 10.0, 24.0, 35.0};
  k.eirfplr = {{0.222903, 0.313387, 0.46371}};
  return k;
}

ChillerParams water_cooled_chiller(double capacity_w) {
  ChillerParams p;
  p.capacity_w = capacity_w;
  return p;
}

ChillerParams air_cooled_chiller(double capacity_w) {
  ChillerParams p;
  p.capacity_w = capacity_w;
  p.condenser = CondenserKind::air;
  p.cop_ref = 3.0;
  p.leaving_chilled_ref_c = 7.0;
  p.condenser_ref_c = 35.0;
  return p;
}

double carnot_cooling_cop(double t_evap_c, double t_cond_c) {
  if (t_cond_c <= t_evap_c) return std::numeric_limits<double>::infinity();
  return (t_evap_c + kZeroCelsiusK) / (t_cond_c - t_evap_c);
}

Chiller::Chiller(const ChillerParams& p) : params_(p) {
  require(p.capacity_w > 0.0, "capacity_w", "must be > 0 (got {})", p.capacity_w);
  require(p.cop_ref > 0.0, "cop_ref", "must be > 0 (got {})", p.cop_ref);
  require(p.plr_min >= 0.0 && p.plr_min < 1.0, "plr_min", "must be in [0, 1) (got {})", p.plr_min);
  require(p.evaporator_approach_k >= 0.0, "evaporator_approach_k", "must be >= 0 (got {})", p.evaporator_approach_k);
  require(p.condenser_approach_k >= 0.0, "condenser_approach_k", "must be >= 0 (got {})", p.condenser_approach_k);
  require(p.condenser_delta_t_k > 0.0, "condenser_delta_t_k", "must be > 0 (got {})", p.condenser_delta_t_k);
  require(p.air_condensing_approach_k > 0.0, "air_condensing_approach_k", "must be > 0 (got {})",
          p.air_condensing_approach_k);
  const auto& k = p.curves;
  require(k.capft.x_min_c < k.capft.x_max_c && k.capft.y_min_c < k.capft.y_max_c, "curves.capft",
          "needs x_min < x_max and y_min < y_max (got x {}..{}, y {}..{})", k.capft.x_min_c, k.capft.x_max_c,
          k.capft.y_min_c, k.capft.y_max_c);
  require(k.eirft.x_min_c < k.eirft.x_max_c && k.eirft.y_min_c < k.eirft.y_max_c, "curves.eirft",
          "needs x_min < x_max and y_min < y_max (got x {}..{}, y {}..{})", k.eirft.x_min_c, k.eirft.x_max_c,
          k.eirft.y_min_c, k.eirft.y_max_c);
  require(k.eirfplr(1.0) > 0.0 && k.eirfplr(std::max(p.plr_min, 1e-3)) > 0.0, "curves.eirfplr",
          "must be positive on [plr_min, 1] (got {} at 1)", k.eirfplr(1.0));
  const double q_cond_design = p.capacity_w * (1.0 + 1.0 / p.cop_ref);
  condenser_flow_kg_s_ = q_cond_design / (kWaterCpJPerKgK * p.condenser_delta_t_k);
  if (p.condenser == CondenserKind::air) {
    const double t_e = p.leaving_chilled_ref_c - p.evaporator_approach_k;
    const double t_c = std::max(p.condenser_ref_c + p.air_condensing_approach_k, p.min_condensing_temp_c);
    require(t_c > t_e, "condenser_ref_c", "must give a condensing temperature above the evaporating one (got {})",
            p.condenser_ref_c);
    air_carnot_efficiency_ = p.cop_ref / carnot_cooling_cop(t_e, t_c);
    require(air_carnot_efficiency_ < 1.0, "cop_ref", "is above the Carnot COP {} at the rating point (got {})",
            carnot_cooling_cop(t_e, t_c), p.cop_ref);
  } else {
    require(capft(p.leaving_chilled_ref_c, p.condenser_ref_c) > 0.0, "curves.capft",
            "must be positive at the reference point (got {})", capft(p.leaving_chilled_ref_c, p.condenser_ref_c));
  }
}

double Chiller::capft(double x, double y) const {
  if (params_.condenser == CondenserKind::air) return 1.0;
  const auto& c = params_.curves.capft;
  return c(std::clamp(x, c.x_min_c, c.x_max_c), std::clamp(y, c.y_min_c, c.y_max_c));
}

double Chiller::full_load_eir_ratio(double x, double y) const {
  const double ea = params_.evaporator_approach_k;
  if (params_.condenser == CondenserKind::air) {
    const double t_c = std::max(y + params_.air_condensing_approach_k, params_.min_condensing_temp_c);
    const double cop = air_carnot_efficiency_ * carnot_cooling_cop(x - ea, t_c);
    return params_.cop_ref / cop;  // normalised to 1 at the rating point
  }
  const auto& c = params_.curves.eirft;
  const double xc = std::clamp(x, c.x_min_c, c.x_max_c);
  const double yc = std::clamp(y, c.y_min_c, c.y_max_c);
  double eir = c(xc, yc);
  if (xc != x || yc != y) {
    const double ca = params_.condenser_approach_k;
    const double ratio = carnot_cooling_cop(x - ea, y + ca) / carnot_cooling_cop(xc - ea, yc + ca);
    if (ratio < 1.0) eir /= ratio;
  }
  return eir;
}

double Chiller::available_capacity_w(double leaving_chilled_c, double condenser_in_c) const {
  return params_.capacity_w * capft(leaving_chilled_c, condenser_in_c);
}

double Chiller::condensing_temp_c(double y, double condenser_heat_w) const {
  if (params_.condenser == CondenserKind::air) {
    return std::max(y + params_.air_condensing_approach_k, params_.min_condensing_temp_c);
  }
  return y + condenser_heat_w / (condenser_flow_kg_s_ * kWaterCpJPerKgK) + params_.condenser_approach_k;
}

ChillerOperation Chiller::operate(double load_w, double x, double y) const {
  ChillerOperation op;
  const auto& p = params_;
  if (p.condenser == CondenserKind::water) {
    const auto& a = p.curves.capft;
    const auto& b = p.curves.eirft;
    op.curve_clamped = x < std::max(a.x_min_c, b.x_min_c) || x > std::min(a.x_max_c, b.x_max_c) ||
                       y < std::max(a.y_min_c, b.y_min_c) || y > std::min(a.y_max_c, b.y_max_c);
  }
  op.available_capacity_w = available_capacity_w(x, y);
  const double load = std::max(load_w, 0.0);
  op.cooling_w = std::min(load, op.available_capacity_w);
  op.unmet_w = load - op.cooling_w;
  if (op.cooling_w <= 0.0) {
    op.leaving_condenser_c = condensing_temp_c(y, 0.0) - (p.condenser == CondenserKind::water ? p.condenser_approach_k : 0.0);
    return op;
  }
  op.plr = op.cooling_w / op.available_capacity_w;
  op.cycling = op.plr < p.plr_min;
  const double eirft = full_load_eir_ratio(x, y);
  const double on_fraction = op.cycling ? op.plr / p.plr_min : 1.0;
  op.power_w = (p.capacity_w / p.cop_ref) * capft(x, y) * eirft * p.curves.eirfplr(std::max(op.plr, p.plr_min)) *
               on_fraction;

  // Second law: COP <= T_e / (T_c - T_e).
  const double t_e_c = x - p.evaporator_approach_k;
  const double q = op.cooling_w;
  const double cop_carnot = carnot_cooling_cop(t_e_c, condensing_temp_c(y, q + op.power_w));
  if (q / op.power_w > cop_carnot) {
    op.carnot_capped = true;
    if (p.condenser == CondenserKind::air) {
      op.power_w = q / cop_carnot;
    } else {  // T_c rises with P through the condenser water: P = Q (T_c0 - T_e + Q/mc) / (T_e - Q/mc)
      const double mc = condenser_flow_kg_s_ * kWaterCpJPerKgK;
      const double t_c0_k = y + p.condenser_approach_k + kZeroCelsiusK;
      const double t_e_k = t_e_c + kZeroCelsiusK;
      op.power_w = q * (t_c0_k - t_e_k + q / mc) / (t_e_k - q / mc);
    }
  }
  op.condenser_heat_w = q + op.power_w;
  op.cop = q / op.power_w;
  op.leaving_condenser_c = p.condenser == CondenserKind::water
                               ? y + op.condenser_heat_w / (condenser_flow_kg_s_ * kWaterCpJPerKgK)
                               : condensing_temp_c(y, op.condenser_heat_w);
  return op;
}

}  // namespace dcsim::models
