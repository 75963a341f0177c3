// Electric vapour-compression chiller, DOE-2 / EnergyPlus Chiller:Electric:EIR formulation.
//   x = leaving chilled water degC, y = entering condenser water degC (water-cooled) or outdoor
//   dry bulb degC (air-cooled); Q_ref, COP_ref at (x_ref, y_ref).
//   Q_avail = Q_ref * CAPFT(x, y);   PLR = Q / Q_avail
//   P = (Q_ref / COP_ref) * CAPFT(x, y) * EIRFT(x, y) * EIRFPLR(max(PLR, PLR_min)) * min(1, PLR / PLR_min)
//   (below PLR_min the compressor cycles: power at PLR_min times the on-time fraction, as EnergyPlus)
//   Q_cond = Q + P;  COP = Q / P.
// Water-cooled default: "Centrifugal 5.50 COP" curves (EnergyPlus reference dataset; Modelica Buildings
// DOE_2_Centrifugal_5_50COP), valid x 5-10 degC, y 24-35 degC. Inputs outside are clamped and flagged;
// past the range the result is also scaled by the Carnot-COP ratio of actual to clamped temperatures
// when that ratio is below 1 (a hotter condenser still costs more; no credit beyond the fit).
// Air-cooled: no public curve, so a Carnot fraction: COP_full(x, y) = eta * T_e / (T_c - T_e),
// T_e = x - dT_evap, T_c = max(y + dT_cond_air, T_c_min) (head-pressure control), eta fixed by COP_ref
// at (x_ref, y_ref) = (7, 35) degC; EIRFT = COP_full(ref) / COP_full(x, y); CAPFT = 1; EIRFPLR as above.
// Both: COP never exceeds the Carnot COP T_e / (T_c - T_e), T_e = x - 2 K and T_c = leaving condenser
// water + 2 K (water-cooled; constant condenser flow from the design condenser rise) or the
// condensing temperature above (air-cooled); when it would, P = Q / COP_Carnot and a flag is set.
#pragma once

#include <array>

namespace dcsim::models {

struct BiquadraticCurve {  // c0 + c1 x + c2 x^2 + c3 y + c4 y^2 + c5 x y on [x_min, x_max] x [y_min, y_max]
  std::array<double, 6> c{};
  double x_min_c = 0.0, x_max_c = 0.0, y_min_c = 0.0, y_max_c = 0.0;
  double operator()(double x, double y) const;
};

struct QuadraticCurve {  // c0 + c1 p + c2 p^2
  std::array<double, 3> c{};
  double operator()(double p) const { return c[0] + p * (c[1] + p * c[2]); }
};

struct ChillerCurves {
  BiquadraticCurve capft;
  BiquadraticCurve eirft;
  QuadraticCurve eirfplr;
};

// DOE-2 "Centrifugal 5.50 COP" (REFERENCE.md section 3).
ChillerCurves doe2_centrifugal_5_50_cop();

enum class CondenserKind { water, air };

struct ChillerParams {
  double capacity_w = 0.0;                  // reference cooling capacity of one unit
  double cop_ref = 5.5;
  double leaving_chilled_ref_c = 6.67;      // x_ref
  double condenser_ref_c = 29.4;            // y_ref
  double plr_min = 0.1;
  double evaporator_approach_k = 2.0;       // refrigerant below leaving chilled water
  double condenser_approach_k = 2.0;        // refrigerant above leaving condenser water (water-cooled)
  double condenser_delta_t_k = 5.6;         // design condenser water rise, fixes the condenser flow
  CondenserKind condenser = CondenserKind::water;
  ChillerCurves curves = doe2_centrifugal_5_50_cop();  // used by water-cooled units
  double air_condensing_approach_k = 12.0;  // condensing above outdoor dry bulb (air-cooled)
  double min_condensing_temp_c = 25.0;      // head-pressure control floor (air-cooled)
};

// Defaults for the two kinds: water-cooled centrifugal, COP 5.5 at 6.67/29.4 degC; air-cooled,
// COP 3.0 at 7 degC leaving water and 35 degC outdoor air.
ChillerParams water_cooled_chiller(double capacity_w);
ChillerParams air_cooled_chiller(double capacity_w);

struct ChillerOperation {
  double cooling_w = 0.0;            // evaporator heat removed
  double power_w = 0.0;              // compressor electric power
  double condenser_heat_w = 0.0;     // cooling_w + power_w
  double unmet_w = 0.0;              // load above the available capacity
  double cop = 0.0;                  // cooling_w / power_w (0 when off)
  double plr = 0.0;
  double available_capacity_w = 0.0;
  double leaving_condenser_c = 0.0;  // water-cooled: entering + Q_cond / (m cp); air-cooled: condensing temp
  bool curve_clamped = false;        // x or y outside the curves' valid range
  bool carnot_capped = false;
  bool cycling = false;              // PLR below PLR_min
};

// COP of a reversed Carnot cycle between refrigerant temperatures (degC); infinite when t_cond <= t_evap.
double carnot_cooling_cop(double t_evap_c, double t_cond_c);

class Chiller {
 public:
  explicit Chiller(const ChillerParams& params);

  const ChillerParams& params() const { return params_; }
  double available_capacity_w(double leaving_chilled_c, double condenser_in_c) const;
  double condenser_flow_kg_s() const { return condenser_flow_kg_s_; }  // water-cooled, design
  ChillerOperation operate(double load_w, double leaving_chilled_c, double condenser_in_c) const;

 private:
  double full_load_eir_ratio(double x, double y) const;  // EIRFT, with extrapolation past the fit
  double capft(double x, double y) const;
  double condensing_temp_c(double y, double condenser_heat_w) const;

  ChillerParams params_;
  double condenser_flow_kg_s_ = 0.0;
  double air_carnot_efficiency_ = 0.0;
};

}  // namespace dcsim::models
