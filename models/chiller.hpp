// Electric vapour-compression chiller, DOE-2 / EnergyPlus Chiller:Electric:EIR formulation.
//   x = leaving chilled water degC, y = entering condenser water degC (water-cooled) or entering
//   condenser air = outdoor dry bulb degC (air-cooled); Q_ref, COP_ref at (x_ref, y_ref).
//   Q_avail = Q_ref * CAPFT(x, y);   PLR = Q / Q_avail
//   P = (Q_ref / COP_ref) * CAPFT(x, y) * EIRFT(x, y) * EIRFPLR(max(PLR, PLR_min)) * min(1, PLR / PLR_min)
//   (below PLR_min the compressor cycles: power at PLR_min times the on-time fraction, as EnergyPlus,
//   times the cycling degradation below)
//   Q_cond = Q + P;  COP = Q / P.
// The curves are published fits; the reference COP of the scenario scales the EIR as in EnergyPlus
// (the curves carry the shape, COP_ref the level).
// Water-cooled: "Centrifugal 5.50 COP" (EnergyPlus reference dataset; Modelica Buildings
// DOE_2_Centrifugal_5_50COP), valid x 5-10 degC, y 24-35 degC.
// Air-cooled: EnergyPlus dataset datasets/AirCooledChiller.idf (repository NREL/EnergyPlus; catalogue
// fits, condenser fans included in the COP):
//   "ElectricEIRChiller McQuay AGZ055D 181.5kW/2.93COP" (default): scroll, R410A, x 4.44-10,
//     y 23.89-46.11 degC, EIRFPLR = PLR (EIR flat at part load), PLR_min 0.10.
//   "ElectricEIRChiller Trane CGAM52 172.3kW/2.93COP": scroll, R410A, x 5.56-10, y 4.44-46.11 degC,
//     EIRFPLR = 0.055 + 0.5811 p + 0.3711 p^2 (better at part load), minimum unloading 0.25: a
//     high-efficiency unit whose fit reaches cold air.
// Outside the valid range (models/chiller.cpp, docs/models.md "Chillers away from the fit"):
//   capacity: CAPFT at the nearest valid point (no credit past the fit);
//   EIR: EIRFT at the nearest valid point (x_c, y_c) on the part of the fit that moves the physical
//     way, times (L(x, y_a) + r) / (L(x_c, y_a) + r) past the x range and (L(x_a, y) + r) / (L(x_a, y_c)
//     + r) past the y range, (x_a, y_a) the rating point, L = max(T_c - T_e, 0) / T_e the Carnot work
//     per unit of cooling: the Gordon-Ng form 1/COP = a L + b at fixed load, r = b / a fitted to the
//     record's value and condenser slope at the cold edge of its fit. Warmer leaving water and a colder
//     condenser always help, by less and less as the lift shrinks (bounded at zero lift).
//   head pressure: water-cooled chillers see entering condenser water no colder than
//     min_condenser_in_c (12.8 degC, 55 degF, the usual minimum of centrifugal and screw chillers),
//     air-cooled ones condense no colder than min_condensing_temp_c.
// With eir_table_* the EIR ratio is the table's (below) instead of EIRFT; CAPFT stays the record's,
// and the Carnot bound takes T_c = y + 12 K with no head-pressure floor (the table's pump mode).
// Below PLR_min the compressor cycles with the AHRI 550/590 and 340/360 degradation
// C_D = 1 + C_d (1 - LF), LF = PLR / PLR_min, C_d = cycling_degradation (0.13).
// Both kinds: COP never exceeds the Carnot COP T_e / (T_c - T_e), T_e = x - 2 K and T_c = leaving
// condenser water + 2 K (water-cooled; constant condenser flow from the design condenser rise) or the
// condensing temperature max(y + 12 K, 25 degC) (air-cooled: condenser approach and head-pressure
// floor); when it would, P = Q / COP_Carnot and a flag is set.
#pragma once

#include <array>
#include <utility>
#include <vector>

namespace dcsim::models {

struct BiquadraticCurve {  // c0 + c1 x + c2 x^2 + c3 y + c4 y^2 + c5 x y on [x_min, x_max] x [y_min, y_max]
  std::array<double, 6> c{};
  double x_min_c = 0.0, x_max_c = 0.0, y_min_c = 0.0, y_max_c = 0.0;
  double operator()(double x, double y) const;
  double dy(double x, double y) const { return c[3] + 2.0 * c[4] * y + c[5] * x; }  // partial derivative in y
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

// A published curve record with its reference point.
struct ChillerRecord {
  const char* name = "";
  ChillerCurves curves;
  double capacity_w = 0.0;  // the record's reference capacity (informative)
  double cop_ref = 0.0;
  double leaving_chilled_ref_c = 0.0;
  double condenser_ref_c = 0.0;
  double plr_min = 0.1;
};

// DOE-2 "Centrifugal 5.50 COP" (REFERENCE.md section 3).
ChillerCurves doe2_centrifugal_5_50_cop();
// Air-cooled records of EnergyPlus datasets/AirCooledChiller.idf (see above).
ChillerRecord mcquay_agz055d_air_cooled();
ChillerRecord trane_cgam52_air_cooled();

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
  ChillerCurves curves = doe2_centrifugal_5_50_cop();
  double air_condensing_approach_k = 12.0;  // condensing above outdoor dry bulb (air-cooled)
  double min_condensing_temp_c = 25.0;      // head-pressure control floor (air-cooled)
  double min_condenser_in_c = 12.8;         // head-pressure control: coldest entering condenser water seen (water-cooled)
  double cycling_degradation = 0.13;        // C_d of C_D = 1 + C_d (1 - PLR / PLR_min) below PLR_min (AHRI 550/590)
  // Pumped-refrigerant economizer (air-cooled DX units, Liebert DSE EconoPhase-like): when the outdoor
  // air is colder than the evaporating side, a refrigerant pump carries heat to the condenser without
  // the compressor, up to Q_ref (x - T_odb) / dT_full, at pump_power_ratio W of electricity per W.
  bool pumped_refrigerant = false;
  double pumped_full_difference_k = 12.0;   // x - T_odb at which the pump circuit carries Q_ref
  double pump_power_ratio = 0.0092;         // W per W carried: EnergyPlus's example, EIR 0.042 of COP 4.567
  // A manufacturer's table of the full-load EIR ratio against outdoor dry bulb alone, in place of
  // EIRFT (DX units: EnergyPlus's Table:Lookup "Liebert Econophase EIR Func T" of the 1-zone CRAC
  // example, flat in entering wet bulb). Linear between points, temperatures rising, ratios never
  // falling; colder than the first point, the first ratio (a floor: colder air never costs more);
  // hotter than the last, a constant fraction of the Carnot COP of the last point,
  // EIR = e_n L(x, y) / L(x, y_n). A table already holds any pumped-refrigerant mode.
  std::vector<double> eir_table_outdoor_c;
  std::vector<double> eir_table_ratio;
};

// Defaults for the two kinds: water-cooled centrifugal, COP 5.5 at 6.67/29.4 degC; air-cooled, a
// record's curves, COP and reference point (McQuay AGZ055D unless given: COP 2.93 at 6.67 degC
// leaving water and 35 degC outdoor air).
ChillerParams water_cooled_chiller(double capacity_w);
ChillerParams air_cooled_chiller(double capacity_w);
ChillerParams air_cooled_chiller(double capacity_w, const ChillerRecord& record);

struct ChillerOperation {
  double cooling_w = 0.0;            // evaporator heat removed
  double power_w = 0.0;              // compressor electric power (air-cooled: with condenser fans)
  double condenser_heat_w = 0.0;     // cooling_w + power_w
  double unmet_w = 0.0;              // load above the available capacity
  double cop = 0.0;                  // cooling_w / power_w (0 when off)
  double plr = 0.0;
  double available_capacity_w = 0.0;
  double leaving_condenser_c = 0.0;  // water-cooled: entering + Q_cond / (m cp); air-cooled: condensing temp
  double pumped_w = 0.0;             // part of cooling_w carried by the pumped-refrigerant economizer
  bool curve_extended = false;       // x or y outside the curves' valid range: the bounded extension
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
  ChillerOperation compressor_operate(double load_w, double x, double y_in) const;
  double full_load_eir_ratio(double x, double y) const;  // EIRFT, with the bounded extension past the fit
  double table_eir_ratio(double x, double y) const;      // eir_table_*, with its bounded extension
  bool eir_from_table() const { return !params_.eir_table_ratio.empty(); }
  std::pair<double, double> fit_point(double x, double y) const;  // where the EIR fit is evaluated
  double capft(double x, double y) const;
  double condenser_seen_c(double y) const;  // after head-pressure control
  double condensing_temp_c(double y, double condenser_heat_w) const;
  double carnot_work(double x, double y) const;  // L = (T_c - T_e) / T_e at zero condenser heat, >= 0

 public:
  double fixed_loss_ratio() const { return fixed_loss_ratio_; }  // r of the extension

 private:

  ChillerParams params_;
  double condenser_flow_kg_s_ = 0.0;
  double fixed_loss_ratio_ = 0.0;
};

}  // namespace dcsim::models
