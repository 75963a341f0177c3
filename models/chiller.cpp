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

// EnergyPlus datasets/AirCooledChiller.idf, record "ElectricEIRChiller McQuay AGZ055D 181.5kW/2.93COP".
ChillerRecord mcquay_agz055d_air_cooled() {
  ChillerRecord r;
  r.name = "ElectricEIRChiller McQuay AGZ055D 181.5kW/2.93COP";
  r.curves.capft = {{1.0689981543, 0.0357129568, 0.0002018272, -0.0044714286, -0.0000687708, -0.0003211296},
                    4.44, 10.0, 23.89, 46.11};
  r.curves.eirft = {{0.7276027208, -0.0059014954, 0.0004867279, -0.0089687048, 0.0006094223, -0.0006128842},
                    4.44, 10.0, 23.89, 46.11};
  r.curves.eirfplr = {{0.0, 1.0, 0.0}};
  r.capacity_w = 181470.0;
  r.cop_ref = 2.93;
  r.leaving_chilled_ref_c = 6.67;
  r.condenser_ref_c = 35.0;
  r.plr_min = 0.10;
  return r;
}

// EnergyPlus datasets/AirCooledChiller.idf, record "ElectricEIRChiller Trane CGAM52 172.3kW/2.93COP";
// PLR_min is its minimum unloading ratio 0.25 (also the lower end of its EIRFPLR fit).
ChillerRecord trane_cgam52_air_cooled() {
  ChillerRecord r;
  r.name = "ElectricEIRChiller Trane CGAM52 172.3kW/2.93COP";
  r.curves.capft = {{1.0598771266, 0.04007512, 0.000169734, -0.0037090156, -0.0000946273, -0.0003787455},
                    5.56, 10.0, 4.44, 46.11};
  r.curves.eirft = {{0.5507476211, -0.0107110442, 0.0003935862, 0.0032724599, 0.0004159479, -0.0004670926},
                    5.56, 10.0, 4.44, 46.11};
  r.curves.eirfplr = {{0.055, 0.5811, 0.3711}};
  r.capacity_w = 172325.0;
  r.cop_ref = 2.93;
  r.leaving_chilled_ref_c = 6.67;
  r.condenser_ref_c = 35.0;
  r.plr_min = 0.25;
  return r;
}

ChillerParams air_cooled_chiller(double capacity_w) { return air_cooled_chiller(capacity_w, mcquay_agz055d_air_cooled()); }

ChillerParams air_cooled_chiller(double capacity_w, const ChillerRecord& record) {
  ChillerParams p;
  p.capacity_w = capacity_w;
  p.condenser = CondenserKind::air;
  p.curves = record.curves;
  p.cop_ref = record.cop_ref;
  p.leaving_chilled_ref_c = record.leaving_chilled_ref_c;
  p.condenser_ref_c = record.condenser_ref_c;
  p.plr_min = record.plr_min;
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
  require(!p.pumped_refrigerant || p.condenser == CondenserKind::air, "pumped_refrigerant",
          "needs an air-cooled condenser (a DX unit or air-cooled chiller)");
  require(p.pumped_full_difference_k > 0.0, "pumped_full_difference_k", "must be > 0 (got {})", p.pumped_full_difference_k);
  require(p.pump_power_ratio >= 0.0 && p.pump_power_ratio < 1.0, "pump_power_ratio", "must be in [0, 1) (got {})",
          p.pump_power_ratio);
  require(p.cycling_degradation >= 0.0 && p.cycling_degradation <= 1.0, "cycling_degradation",
          "must be in [0, 1] (got {})", p.cycling_degradation);
  require(p.air_condensing_approach_k > 0.0, "air_condensing_approach_k", "must be > 0 (got {})",
          p.air_condensing_approach_k);
  if (!p.eir_table_ratio.empty() || !p.eir_table_outdoor_c.empty()) {
    const auto& t = p.eir_table_outdoor_c;
    const auto& e = p.eir_table_ratio;
    require(p.condenser == CondenserKind::air, "eir_table", "needs an air-cooled condenser (its temperatures are outdoor dry bulb)");
    require(t.size() == e.size() && t.size() >= 2, "eir_table",
            "needs as many ratios as temperatures, at least 2 (got {} temperatures, {} ratios)", t.size(), e.size());
    require(!p.pumped_refrigerant, "eir_table",
            "already holds any pumped-refrigerant mode of the unit: give the table or pumped_refrigerant, not both");
    for (std::size_t i = 0; i < t.size(); ++i) {
      require(e[i] > 0.0, "eir_table.ratios", "must be > 0 (got {} at {} degC)", e[i], t[i]);
      if (i == 0) continue;
      require(t[i] > t[i - 1], "eir_table.outdoor_temps", "must rise (got {} after {} degC)", t[i], t[i - 1]);
      require(e[i] >= e[i - 1], "eir_table.ratios",
              "must not fall as the outdoor air warms (got {} at {} degC after {} at {} degC): colder air never costs more",
              e[i], t[i], e[i - 1], t[i - 1]);
    }
  }
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
  // The extension's fixed-loss ratio r = b / a of 1/COP = a L + b: the fit's value e and condenser
  // slope de/dy at the cold edge of its range, where L first responds to y (an air-cooled condenser
  // at its head-pressure floor does not), at the reference leaving water: a = T_e de/dy (dL/dy =
  // 1/T_e), b = e - a L.
  {
    const auto& k = p.curves.eirft;
    const double x = std::clamp(p.leaving_chilled_ref_c, k.x_min_c, k.x_max_c);
    double y = condenser_seen_c(k.y_min_c);
    if (p.condenser == CondenserKind::air) y = std::max(y, p.min_condensing_temp_c - p.air_condensing_approach_k);
    y = std::min(y, k.y_max_c);
    const double slope = k.dy(x, y);
    const double t_e_k = x - p.evaporator_approach_k + kZeroCelsiusK;
    fixed_loss_ratio_ = slope > 0.0 ? k(x, y) / (t_e_k * slope) - carnot_work(x, y) : 0.0;
    // (A unit rated by its table never uses the record's EIR curve or its extension.)
    require(fixed_loss_ratio_ > 0.0 || !p.eir_table_ratio.empty(), "curves.eirft",
            "rises with condenser temperature faster than the Carnot work at {} / {} degC (fixed-loss ratio {}): "
            "its extension past the fit would be unbounded", x, y, fixed_loss_ratio_);
  }
  require(capft(p.leaving_chilled_ref_c, p.condenser_ref_c) > 0.0, "curves.capft",
          "must be positive at the reference point (got {})", capft(p.leaving_chilled_ref_c, p.condenser_ref_c));
  require(full_load_eir_ratio(p.leaving_chilled_ref_c, p.condenser_ref_c) > 0.0, "curves.eirft",
          "must be positive at the reference point (got {})",
          full_load_eir_ratio(p.leaving_chilled_ref_c, p.condenser_ref_c));
  if (p.condenser == CondenserKind::air) {
    const double t_e = p.leaving_chilled_ref_c - p.evaporator_approach_k;
    const double t_c = condensing_temp_c(p.condenser_ref_c, 0.0);
    require(t_c > t_e, "condenser_ref_c", "must give a condensing temperature above the evaporating one (got {})",
            p.condenser_ref_c);
    const double cop_full = p.cop_ref / (full_load_eir_ratio(p.leaving_chilled_ref_c, p.condenser_ref_c) *
                                         p.curves.eirfplr(1.0));
    require(cop_full < carnot_cooling_cop(t_e, t_c), "cop_ref",
            "gives a full-load COP {} above the Carnot COP {} at the rating point (got {})", cop_full,
            carnot_cooling_cop(t_e, t_c), p.cop_ref);
  }
}

double Chiller::capft(double x, double y) const {
  const auto& c = params_.curves.capft;
  return c(std::clamp(x, c.x_min_c, c.x_max_c), std::clamp(y, c.y_min_c, c.y_max_c));
}

// Head-pressure control: a water-cooled chiller sees entering condenser water no colder than
// min_condenser_in_c (the air-cooled condensing floor is in condensing_temp_c).
double Chiller::condenser_seen_c(double y) const {
  return params_.condenser == CondenserKind::water ? std::max(y, params_.min_condenser_in_c) : y;
}

double Chiller::carnot_work(double x, double y) const {
  const double t_e = x - params_.evaporator_approach_k;
  const double t_c = params_.condenser == CondenserKind::air ? condensing_temp_c(y, 0.0) : y + params_.condenser_approach_k;
  return std::max(t_c - t_e, 0.0) / (t_e + kZeroCelsiusK);
}

namespace {

// [lo, hi] cut to the side of a quadratic's vertex v where it moves the right way: `rising` keeps
// the part where a + 2 b t > 0 (b the t^2 coefficient), otherwise where it is < 0.
void cut_at_vertex(double a, double b, bool rising, double& lo, double& hi) {
  if (b == 0.0) return;
  const double v = -a / (2.0 * b);
  if (v <= lo || v >= hi) return;
  // Above the vertex the slope has the sign of b.
  ((b > 0.0) == rising ? lo : hi) = v;
}

}  // namespace

// The point where the EIR fit is evaluated: inside its validity range, and on the part of it where
// the fit moves the physical way (EIR falling with warmer chilled water, rising with a warmer
// condenser). A fit that turns inside its range (the DOE-2 centrifugal curve does, by 0.07 %, above
// 9.75 degC water with 24 degC condenser water) hands over to the Carnot extension where it turns.
std::pair<double, double> Chiller::fit_point(double x, double y) const {
  const auto& k = params_.curves.eirft;
  const auto& c = k.c;
  double x_lo = k.x_min_c, x_hi = k.x_max_c, y_lo = k.y_min_c, y_hi = k.y_max_c;
  const double y0 = std::clamp(y, y_lo, y_hi);
  cut_at_vertex(c[1] + c[5] * y0, c[2], false, x_lo, x_hi);  // dEIR/dx = c1 + c5 y + 2 c2 x < 0
  const double xc = std::clamp(x, x_lo, x_hi);
  cut_at_vertex(c[3] + c[5] * xc, c[4], true, y_lo, y_hi);   // dEIR/dy = c3 + c5 x + 2 c4 y > 0
  return {xc, std::clamp(y, y_lo, y_hi)};
}

double Chiller::table_eir_ratio(double x, double y) const {
  const auto& t = params_.eir_table_outdoor_c;
  const auto& e = params_.eir_table_ratio;
  require(std::isfinite(y), "condenser_in_c", "must be finite (got {})", y);
  if (y <= t.front()) return e.front();
  if (y >= t.back()) {
    // Past the table: the COP keeps the fraction of the Carnot COP it has at the last point.
    const double l_end = carnot_work(x, t.back());
    return l_end > 0.0 ? e.back() * std::max(carnot_work(x, y) / l_end, 1.0) : e.back();
  }
  const auto hi = static_cast<std::size_t>(std::upper_bound(t.begin(), t.end(), y) - t.begin());
  const double w = (y - t[hi - 1]) / (t[hi] - t[hi - 1]);
  return e[hi - 1] + w * (e[hi] - e[hi - 1]);
}

double Chiller::full_load_eir_ratio(double x, double y) const {
  if (eir_from_table()) return table_eir_ratio(x, y);
  const auto& c = params_.curves.eirft;
  const auto [xc, yc] = fit_point(x, y);
  double eir = c(xc, yc);
  // Past the fit, 1/COP = a (L + r) in each direction on its own, at the rating point's other
  // temperature: a product of factors each of one variable keeps the COP monotone in both.
  const double r = fixed_loss_ratio_;
  const auto [xa, ya] = fit_point(params_.leaving_chilled_ref_c, params_.condenser_ref_c);
  if (xc != x) eir *= (carnot_work(x, ya) + r) / (carnot_work(xc, ya) + r);
  if (yc != y) eir *= (carnot_work(xa, y) + r) / (carnot_work(xa, yc) + r);
  return eir;
}

double Chiller::available_capacity_w(double leaving_chilled_c, double condenser_in_c) const {
  return params_.capacity_w * capft(leaving_chilled_c, condenser_seen_c(condenser_in_c));
}

double Chiller::condensing_temp_c(double y, double condenser_heat_w) const {
  if (params_.condenser == CondenserKind::air) {
    return std::max(y + params_.air_condensing_approach_k, params_.min_condensing_temp_c);
  }
  return y + condenser_heat_w / (condenser_flow_kg_s_ * kWaterCpJPerKgK) + params_.condenser_approach_k;
}

// Pumped-refrigerant economizer: the pump circuit takes what the outdoor air can condense without
// lift, Q_pr = min(load, Q_avail, Q_ref (x - T_odb) / dT_full); the compressor circuits the rest of
// what the unit can carry (the evaporator's capacity Q_avail is shared, never added to).
ChillerOperation Chiller::operate(double load_w, double x, double y_in) const {
  const auto& p = params_;
  if (!p.pumped_refrigerant || p.condenser != CondenserKind::air || y_in >= x) return compressor_operate(load_w, x, y_in);
  const double load = std::max(load_w, 0.0);
  const double available_w = p.capacity_w * capft(x, condenser_seen_c(y_in));
  const double carried_w = std::min(load, available_w);
  const double pumped_w = std::min(carried_w, p.capacity_w * (x - y_in) / p.pumped_full_difference_k);
  ChillerOperation op = compressor_operate(carried_w - pumped_w, x, y_in);
  op.available_capacity_w = available_w;
  op.pumped_w = pumped_w;
  op.cooling_w = carried_w;
  op.unmet_w = load - carried_w;
  op.plr = available_w > 0.0 ? carried_w / available_w : 0.0;
  op.power_w += p.pump_power_ratio * pumped_w;
  op.condenser_heat_w = op.cooling_w + op.power_w;
  op.cop = op.power_w > 0.0 ? op.cooling_w / op.power_w : 0.0;
  return op;
}

ChillerOperation Chiller::compressor_operate(double load_w, double x, double y_in) const {
  ChillerOperation op;
  const auto& p = params_;
  const auto& a = p.curves.capft;
  const auto& b = p.curves.eirft;
  const double y = condenser_seen_c(y_in);
  op.curve_extended = eir_from_table()
                          ? x < a.x_min_c || x > a.x_max_c || y < std::max(a.y_min_c, p.eir_table_outdoor_c.front()) ||
                                y > std::min(a.y_max_c, p.eir_table_outdoor_c.back())
                          : x < std::max(a.x_min_c, b.x_min_c) || x > std::min(a.x_max_c, b.x_max_c) ||
                                y < std::max(a.y_min_c, b.y_min_c) || y > std::min(a.y_max_c, b.y_max_c);
  op.available_capacity_w = params_.capacity_w * capft(x, y);
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
  const double degradation = 1.0 + p.cycling_degradation * (1.0 - on_fraction);  // AHRI 550/590 C_D
  op.power_w = (p.capacity_w / p.cop_ref) * capft(x, y) * eirft * p.curves.eirfplr(std::max(op.plr, p.plr_min)) *
               on_fraction * degradation;

  // Second law: COP <= T_e / (T_c - T_e).
  const double t_e_c = x - p.evaporator_approach_k;
  const double q = op.cooling_w;
  // A unit rated by its table runs its pump mode below the head-pressure floor: its bound is the
  // Carnot COP to the outdoor air itself (no work needed when the air is colder than the coil).
  const double t_c_c = eir_from_table() ? y + p.air_condensing_approach_k : condensing_temp_c(y, q + op.power_w);
  const double cop_carnot = carnot_cooling_cop(t_e_c, t_c_c);
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
