// Airside economizer of an air loop: how much of the heat the CRAH units remove goes straight to the
// outdoors instead of to the chilled-water coil.
//   direct (outside air): when the outdoor dew point lies within the IT class's moisture limits
//     and the dry bulb is below the room's return air, outside air replaces return air.
//     DB <= T_supply,set            full free cooling (mixed with return air to the set point);
//     T_supply,set < DB < T_return  partial: 100 % outside air, the coil cools it from DB to the
//                                   set point, so the coil's share of the duty is
//                                   (DB - T_supply) / (T_return - T_supply);
//     otherwise                     mechanical (minimum outside air neglected).
//   indirect (air-to-air exchanger, effectiveness eps, optionally wetted so that the exchanger sees
//     the wet bulb): return air leaves the exchanger at T_x = T_return - eps (T_return - T_amb)
//     when T_amb < T_return, and the coil cools from T_x to the supply set point:
//     coil share = clip((T_x - T_supply) / (T_return - T_supply), 0, 1).
// Sources: ASHRAE Handbook HVAC Systems and Equipment ch. 10 (economizers); LBNL 2024 (Shehabi et
// al.) architecture "airside economizer + adiabatic"; Lei & Masanet 2020 for the partial-mode form.
#pragma once

namespace dcsim::models {

enum class AirEconomizerType { none, direct, indirect };

struct AirEconomizerParams {
  AirEconomizerType type = AirEconomizerType::none;
  double effectiveness = 0.7;        // indirect exchanger, (0, 1]
  bool evaporative = false;          // indirect: wetted exchanger works against the wet bulb
  double max_dew_point_c = 17.0;     // direct: ASHRAE A1 upper moisture limit
  double min_dew_point_c = -12.0;    // direct: ASHRAE A1 lower moisture limit
};

struct AirEconomizerState {
  double coil_share = 1.0;  // share of the CRAH duty carried by the chilled-water/DX coil, [0, 1]
  bool active = false;      // economizer carrying some of the duty
};

class AirEconomizer {
 public:
  explicit AirEconomizer(const AirEconomizerParams& params);
  const AirEconomizerParams& params() const { return params_; }
  AirEconomizerState evaluate(double dry_bulb_c, double wet_bulb_c, double dew_point_c, double supply_set_c,
                              double return_c) const;

 private:
  AirEconomizerParams params_;
};

}  // namespace dcsim::models
