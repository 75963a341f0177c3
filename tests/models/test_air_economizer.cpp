// The airside economizer (models/air_economizer.hpp): the outdoor-air share and the coil's share from
// the mixing and moisture balances by hand, humidification of cold dry air instead of a lockout, the
// direct evaporative stage within the moisture limits, and at the facility: a cold dry winter costs
// no more compressor energy than a mild month.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <utility>
#include <memory>

#include "models/air_economizer.hpp"
#include "models/facility.hpp"
#include "models/fluid_machine.hpp"
#include "models/psychrometrics.hpp"
#include "tests/support/facility_fixture.hpp"

using namespace dcsim;
using namespace dcsim::models;
using namespace dcsim::test;

namespace {

AirEconomizerParams direct(bool evaporative = false) {
  AirEconomizerParams p;
  p.type = AirEconomizerType::direct;
  p.evaporative = evaporative;
  return p;
}

AirEconomizerInputs air(double dry_bulb_c, double dew_point_c, double supply_c = 24.0, double return_c = 38.0) {
  const WeatherRecord w = make_weather_record(0.0, dry_bulb_c, dew_point_c, kStandardPressurePa);
  AirEconomizerInputs in;
  in.dry_bulb_c = dry_bulb_c;
  in.dew_point_c = dew_point_c;
  in.wet_bulb_c = w.wet_bulb_c;
  in.pressure_pa = kStandardPressurePa;
  in.supply_set_c = supply_c;
  in.return_c = return_c;
  in.supply_flow_kg_s = 100.0;
  return in;
}

}  // namespace

TEST_CASE("direct economizer: mixing to the set point, humidifying cold dry air instead of locking it out", "[air_economizer]") {
  const AirEconomizer e(direct());
  // Mild and moist enough: outdoor share from the sensible balance alone, f = (38 - 24) / (38 - 10).
  const auto mild = e.evaluate(air(10.0, 2.0));
  CHECK(mild.coil_share == 0.0);
  CHECK(mild.outdoor_share == Approx(14.0 / 28.0).epsilon(1e-12));
  CHECK(mild.water_kg_s == 0.0);
  // -15 degC, dew point -25 degC: drier than the A1 limit (-12 degC). The supply is humidified to it:
  // water f m (w_min - w_o), whose latent heat cools the mix, so f c_p (T_r - T_o) + f dw L = c_p (T_r - T_sa).
  const auto cold = e.evaluate(air(-15.0, -25.0));
  const double w_o = humidity_ratio_from_dew_point(-25.0, kStandardPressurePa);
  const double w_min = humidity_ratio_from_dew_point(-12.0, kStandardPressurePa);
  const double dw = w_min - w_o;
  CHECK(cold.coil_share == 0.0);
  CHECK(cold.humidifying);
  CHECK(cold.outdoor_share * (kAirCpJPerKgK * 53.0 + dw * kWaterLatentHeatJPerKg) == Approx(kAirCpJPerKgK * 14.0).epsilon(1e-12));
  // The supply leaves at the lower limit: the room, which has no moisture source, holds it.
  const double m_oa = cold.outdoor_share * 100.0;
  CHECK(w_o + cold.water_kg_s / m_oa == Approx(w_min).epsilon(1e-12));
  CHECK(cold.water_kg_s == Approx(m_oa * dw).epsilon(1e-12));
  // Without humidification the same air is locked out and the coil carries all.
  AirEconomizerParams off = direct();
  off.humidify = false;
  CHECK(AirEconomizer(off).evaluate(air(-15.0, -25.0)).coil_share == 1.0);
  // Too humid (dew point above 17 degC) for a coil on water warmer than that: locked out either way
  // (drying it on a colder coil: the [dehumidify] tests).
  auto humid = air(20.0, 18.0);
  humid.coil_water_c = 18.0;
  CHECK(e.evaluate(humid).coil_share == 1.0);
}

TEST_CASE("direct economizer: partial mode and the evaporative stage within the moisture limits", "[air_economizer]") {
  // 30 degC outdoor air, dew point 10 degC (wet bulb about 17.6 degC), supply 24, return 38 degC.
  const AirEconomizer dry(direct(false));
  const auto p = dry.evaluate(air(30.0, 10.0));
  CHECK(p.outdoor_share == 1.0);
  CHECK(p.coil_share == Approx(6.0 / 14.0).epsilon(1e-12));
  CHECK(p.water_kg_s == 0.0);
  // With media at 85 %: 30 - 0.85 (30 - 17.6) = 19.5 degC, colder than the set point, so the stage
  // evaporates only what brings the air to 24 degC: no coil, water m c_p (30 - 24) / L.
  const AirEconomizer wet(direct(true));
  const auto q = wet.evaluate(air(30.0, 10.0));
  CHECK(q.coil_share == 0.0);
  CHECK(q.water_kg_s == Approx(100.0 * kAirCpJPerKgK * 6.0 / kWaterLatentHeatJPerKg).epsilon(1e-12));
  // 36 degC and dew point 16 degC: the stage may add moisture only up to the 17 degC dew point limit.
  const auto h = wet.evaluate(air(36.0, 16.0));
  const double room_w = humidity_ratio_from_dew_point(17.0, kStandardPressurePa) - humidity_ratio_from_dew_point(16.0, kStandardPressurePa);
  CHECK(h.water_kg_s == Approx(100.0 * room_w).epsilon(1e-12));
  CHECK(h.coil_share == Approx((36.0 - room_w * kWaterLatentHeatJPerKg / kAirCpJPerKgK - 24.0) / 14.0).epsilon(1e-12));
  // Hot outdoor air the stage cannot bring below the return: locked out.
  CHECK(dry.evaluate(air(40.0, 10.0)).coil_share == 1.0);
  CHECK(wet.evaluate(air(40.0, 10.0)).coil_share < 1.0);  // 40 - 0.85 (40 - 20.6) = 23.5 degC: usable
  // The coil's share never rises as the outdoor air cools, with or without the stage.
  for (const AirEconomizer* e : {&dry, &wet}) {
    double last = 2.0;
    for (double t = 37.0; t >= -20.0; t -= 1.0) {
      const double share = e->evaluate(air(t, std::min(t - 5.0, 10.0))).coil_share;
      CHECK(share <= last);
      last = share;
    }
  }
}

TEST_CASE("indirect economizer: a wetted exchanger works against the wet bulb and evaporates the heat it moves", "[air_economizer]") {
  AirEconomizerParams p;
  p.type = AirEconomizerType::indirect;
  p.effectiveness = 0.6;
  const AirEconomizer dry(p);
  p.evaporative = true;
  const AirEconomizer wet(p);
  // 30 degC, dew point 10 degC (wet bulb about 17.6 degC); return 38, supply 24 degC.
  const auto in = air(30.0, 10.0);
  const auto d = dry.evaluate(in), w = wet.evaluate(in);
  CHECK(d.coil_share == Approx((38.0 - 0.6 * 8.0 - 24.0) / 14.0).epsilon(1e-12));
  CHECK(w.coil_share == Approx((38.0 - 0.6 * (38.0 - in.wet_bulb_c) - 24.0) / 14.0).epsilon(1e-12));
  REQUIRE(w.coil_share > 0.0);
  CHECK(w.coil_share < d.coil_share);
  CHECK(d.water_kg_s == 0.0);
  // The heat taken from the return air, 100 kg/s x c_p x 14 K x (1 - coil share), evaporated.
  CHECK(w.water_kg_s == Approx(100.0 * kAirCpJPerKgK * 14.0 * (1.0 - w.coil_share) / kWaterLatentHeatJPerKg).epsilon(1e-12));
  // Outdoor air at the return's wet bulb or above: nothing moved, no water, no secondary fans.
  CHECK(wet.evaluate(air(45.0, 38.0)).water_kg_s == 0.0);
  CHECK(wet.evaluate(air(45.0, 38.0)).secondary_fan_w == 0.0);
}

TEST_CASE("indirect economizer: the secondary fans move the outdoor air the exchanger needs, by the affinity laws",
          "[air_economizer][secondary_fan]") {
  AirEconomizerParams p;
  p.type = AirEconomizerType::indirect;
  p.effectiveness = 0.6;
  const AirEconomizer dry(p);
  // 100 kg/s of process air and as much outdoor air, 400 Pa at 60 %: P_d = 100 / rho x 400 / 0.6.
  const auto design_w = [](double t_c, double dew_c) {
    return 100.0 / moist_air_density_kg_m3(t_c, humidity_ratio_from_dew_point(dew_c, kStandardPressurePa), kStandardPressurePa) *
           400.0 / 0.6;
  };
  // 30 degC: the exchanger moves all it can (coil share 0.66): full speed.
  const auto warm = dry.evaluate(air(30.0, 10.0));
  REQUIRE(warm.coil_share > 0.0);
  CHECK(warm.secondary_fan_w == Approx(design_w(30.0, 10.0)).epsilon(1e-12));
  CHECK(warm.secondary_fan_w / 100.0 == Approx(560.0).epsilon(0.03));  // about 0.56 kJ per kg of process air
  // 0 degC: it could cool the return air to 15.2 degC, the set point needs 24: the fans slow to
  // 14 / (0.6 x 38) of their speed, and draw the cube of it.
  const auto cold = dry.evaluate(air(0.0, -5.0));
  REQUIRE(cold.coil_share == 0.0);
  const double speed = 14.0 / (0.6 * 38.0);
  CHECK(cold.secondary_fan_w == Approx(design_w(0.0, -5.0) * speed * speed * speed).epsilon(1e-12));
  // Colder still, never below the minimum speed (here 50 %: -30 degC would need 0.35); none of it in
  // the direct economizer.
  AirEconomizerParams floor = p;
  floor.secondary_min_speed = 0.5;
  CHECK(AirEconomizer(floor).evaluate(air(-30.0, -35.0)).secondary_fan_w ==
        Approx(design_w(-30.0, -35.0) * 0.125).epsilon(1e-12));
  CHECK(AirEconomizer(direct()).evaluate(air(0.0, -5.0)).secondary_fan_w == 0.0);
  // Given as zero pressure: no power.
  p.secondary_pressure_pa = 0.0;
  CHECK(AirEconomizer(p).evaluate(air(30.0, 10.0)).secondary_fan_w == 0.0);
}

namespace {
// Eight 10 kW racks in a hall with a direct economizer (supply 24 degC), its coil on an air-cooled
// chiller plant, two days of constant weather.
Rig airside_rig(double dry_bulb_c, double dew_point_c) {
  Rig f = base(sim::days(2));
  f.weather = constant_weather(dry_bulb_c, dew_point_c);
  f.groups.push_back(group("srv", 8, 0.0));
  f.halls[0].supply_temp_c = 24.0;
  f.halls[0].economizer.type = AirEconomizerType::direct;
  PlantConfig p;
  p.name = "chilled";
  p.waterside_economizer = false;
  p.params.chillers.push_back(ChillerBankParams{"ac", air_cooled_chiller(150e3), 1});
  f.plants.push_back(p);
  return f;
}
}  // namespace

TEST_CASE("airside economizer at the facility: a cold dry winter uses no more compressor energy than a mild month", "[air_economizer][facility]") {
  const auto run_in = [](double dry_bulb_c, double dew_point_c, bool humidify) {
    Rig f = airside_rig(dry_bulb_c, dew_point_c);
    f.halls[0].economizer.humidify = humidify;
    return run(f);
  };
  const FacilityResult mild = run_in(28.0, 12.0, true);     // a mild month: partial, the coil trims
  const FacilityResult winter = run_in(-15.0, -25.0, true);  // cold and dry: humidified outdoor air
  const FacilityResult locked = run_in(-15.0, -25.0, false); // the old lockout below the dew point limit
  REQUIRE(mild.total[Use::compressors] > 0.0);
  CHECK(winter.total[Use::compressors] <= mild.total[Use::compressors]);
  CHECK(winter.total[Use::compressors] < 0.05 * locked.total[Use::compressors]);
  CHECK(winter.total.water_kg > 0.0);  // the humidifier's water
  CHECK(locked.total.water_kg == 0.0);
  for (const FacilityResult* r : {&mild, &winter, &locked}) CHECK(std::fabs(r->heat_balance_residual_j) < 1e-6 * r->total.facility_j());
}

namespace {
// ASHRAE Fundamentals (2017) ch. 1 eq. 32, by hand: h = 1.006 t + W (2501 + 1.86 t) kJ/kg dry air.
double enthalpy_by_hand_j_per_kg(double t_c, double w) { return 1006.0 * t_c + w * (2.501e6 + 1860.0 * t_c); }
}  // namespace

TEST_CASE("direct economizer: humid outdoor air dried on a cold coil when its enthalpy pays (differential enthalpy)",
          "[air_economizer][dehumidify]") {
  const AirEconomizer econ(direct());
  // A Virginia summer afternoon: 28 degC at a 21 degC dew point (above A1's 17 degC limit); supply
  // 24, return 38 degC; the coil on 8 degC water.
  auto in = air(28.0, 21.0);
  in.coil_water_c = 8.0;
  const auto s = econ.evaluate(in);
  const double w_o = humidity_ratio_from_dew_point(21.0, kStandardPressurePa);
  const double w_s = humidity_ratio_from_dew_point(17.0, kStandardPressurePa);
  const double h_o = enthalpy_by_hand_j_per_kg(28.0, w_o);
  const double h_r = enthalpy_by_hand_j_per_kg(38.0, w_s), h_s = enthalpy_by_hand_j_per_kg(24.0, w_s);
  REQUIRE(s.dehumidifying);
  const double f = s.outdoor_share;
  REQUIRE(f > 0.0);
  REQUIRE(f < 1.0);  // all outdoor air would need a coil line steeper than saturation allows
  // The coil cools and dries the mix (sensible and latent) to the supply state: less than the return air.
  const double h_m = f * h_o + (1.0 - f) * h_r;
  CHECK(s.coil_share == Approx((h_m - h_s) / (h_r - h_s)).epsilon(1e-9));
  CHECK(s.coil_share < 1.0);
  CHECK(s.condensate_kg_s == Approx(f * 100.0 * (w_o - w_s)).epsilon(1e-12));
  CHECK(s.water_kg_s == 0.0);
  // The apparatus dew point lies on saturation and on the coil line from the mix through the supply
  // state, below w_max's dew point and above the water.
  const auto on_line = [&](const AirEconomizerState& e) {
    const double share = e.outdoor_share, t_m = share * 28.0 + (1.0 - share) * 38.0;
    const double w_m = share * w_o + (1.0 - share) * w_s, adp = e.apparatus_dew_point_c;
    return humidity_ratio_from_dew_point(adp, kStandardPressurePa) - (w_s + (w_m - w_s) / (t_m - 24.0) * (adp - 24.0));
  };
  CHECK(on_line(s) == Approx(0.0).margin(1e-9));
  // The share is the largest whose coil line still meets saturation at the 8 degC water: more outdoor
  // air would steepen the line and need colder water.
  CHECK(s.apparatus_dew_point_c == Approx(8.0).margin(1e-6));
  CHECK(f > 0.6);
  // Warmer water (12 degC) takes less outdoor air, at its own apparatus dew point.
  in.coil_water_c = 12.0;
  const auto warmer = econ.evaluate(in);
  REQUIRE(warmer.dehumidifying);
  CHECK(warmer.apparatus_dew_point_c == Approx(12.0).margin(1e-6));
  CHECK(on_line(warmer) == Approx(0.0).margin(1e-9));
  CHECK(warmer.outdoor_share < f);
  CHECK(warmer.coil_share > s.coil_share);
  // Water above w_max's dew point dries none: locked out.
  in.coil_water_c = 17.5;
  CHECK(econ.evaluate(in).coil_share == 1.0);
  CHECK_FALSE(econ.evaluate(in).active);
  // Hot and humid air costs the coil more than the return air: locked out, whatever the water.
  auto tropical = air(36.0, 26.0);
  tropical.coil_water_c = 4.0;
  CHECK(econ.evaluate(tropical).coil_share == 1.0);
  // dehumidify: false keeps the old lockout.
  AirEconomizerParams off = direct();
  off.dehumidify = false;
  in.coil_water_c = 8.0;
  CHECK(AirEconomizer(off).evaluate(in).coil_share == 1.0);
  // Wherever it runs, the coil load never exceeds that of the return air, and grows with wetter air.
  double last = 0.0;
  for (double dew = 17.5; dew <= 24.0; dew += 0.5) {
    auto x = air(28.0, dew);
    x.coil_water_c = 6.0;
    const auto e = econ.evaluate(x);
    CHECK(e.coil_share <= 1.0);
    if (e.dehumidifying) {
      CHECK(e.coil_share >= last);
      last = e.coil_share;
    }
  }
  CHECK(last > 0.0);
}

TEST_CASE("apparatus dew point: the warmer meeting of the coil line with saturation, found by a plain scan",
          "[air_economizer][dehumidify]") {
  // By a scan down from the leaving state in 1e-4 K steps, an algorithm of its own.
  const auto scan = [](double t_in, double w_in, double t_out, double w_out) {
    const double k = (w_in - w_out) / (t_in - t_out);
    for (double t = t_out; t > -60.0; t -= 1e-4) {
      if (humidity_ratio_from_dew_point(t, kStandardPressurePa) <= w_out + k * (t - t_out)) return t;
    }
    return -1000.0;
  };
  const double w_s = humidity_ratio_from_dew_point(17.0, kStandardPressurePa);
  // Mixes cooled and dried to 24 degC at the 17 degC limit: nearly flat lines (return air barely
  // moister) and a steeper one.
  for (const auto& [t_in, dew_in] : {std::pair{38.0, 17.2}, std::pair{30.0, 18.0}, std::pair{34.0, 19.0}}) {
    const double w_in = humidity_ratio_from_dew_point(dew_in, kStandardPressurePa);
    const double adp = apparatus_dew_point_c(t_in, w_in, 24.0, w_s, kStandardPressurePa);
    INFO("entering " << t_in << " degC at a dew point of " << dew_in << " degC; scan " << scan(t_in, w_in, 24.0, w_s));
    REQUIRE(std::isfinite(adp));
    CHECK(adp == Approx(scan(t_in, w_in, 24.0, w_s)).margin(2e-4));
    CHECK(adp < 17.0);
  }
  // All outdoor air at 26 degC / 19 degC dew point, or at 28 / 23: the line passes above saturation
  // (it would need to dry 1.7 g/kg in 2 K of cooling): no coil does it in one pass.
  for (const auto& [t_in, dew_in] : {std::pair{26.0, 19.0}, std::pair{28.0, 23.0}}) {
    const double w_in = humidity_ratio_from_dew_point(dew_in, kStandardPressurePa);
    CHECK(std::isnan(apparatus_dew_point_c(t_in, w_in, 24.0, w_s, kStandardPressurePa)));
    CHECK(scan(t_in, w_in, 24.0, w_s) == -1000.0);
  }
}

TEST_CASE("airside economizer at the facility: humid summer air dried on the coil saves compressor energy",
          "[air_economizer][dehumidify][facility]") {
  const auto run_in = [](bool dehumidify, double approach_k) {
    Rig f = airside_rig(26.0, 19.0);  // a humid Virginia summer morning
    f.halls[0].coil_approach_k = approach_k;
    f.halls[0].economizer.dehumidify = dehumidify;
    return run(f);
  };
  const FacilityResult dried = run_in(true, 16.0);    // 8 degC water: below the apparatus dew point
  const FacilityResult locked = run_in(false, 16.0);
  const FacilityResult warm = run_in(true, 4.0);      // 20 degC water cannot dry the air: as locked
  REQUIRE(locked.total[Use::compressors] > 0.0);
  CHECK(dried.total[Use::compressors] < 0.9 * locked.total[Use::compressors]);
  CHECK(warm.total[Use::compressors] == run_in(false, 4.0).total[Use::compressors]);
  CHECK(dried.total.water_kg == 0.0);
  for (const FacilityResult* r : {&dried, &locked, &warm}) CHECK(std::fabs(r->heat_balance_residual_j) < 1e-6 * r->total.facility_j());
}

TEST_CASE("indirect economizer at the facility: the secondary fans are booked as air fans and their heat leaves outdoors",
          "[air_economizer][secondary_fan][facility]") {
  const auto run_in = [](double pressure_pa) {
    Rig f = airside_rig(5.0, 0.0);
    f.halls[0].economizer.type = AirEconomizerType::indirect;
    f.halls[0].economizer.secondary_pressure_pa = pressure_pa;
    return run(f);
  };
  const FacilityResult with = run_in(400.0), without = run_in(0.0);
  CHECK(with.total[Use::air_fans] > without.total[Use::air_fans]);
  CHECK(with.total[Use::compressors] == Approx(without.total[Use::compressors]).epsilon(1e-9));
  // The extra fan energy is all heat rejected: the balance closes in both runs.
  for (const FacilityResult* r : {&with, &without}) CHECK(std::fabs(r->heat_balance_residual_j) < 1e-6 * r->total.facility_j());
}

TEST_CASE("direct economizer: electric steam humidifiers humidify isothermally and draw the steam's enthalpy",
          "[air_economizer][steam]") {
  AirEconomizerParams p = direct();
  p.humidifier = HumidifierType::steam;
  const AirEconomizer steam(p), adiabatic(direct());
  // -15 degC at a -25 degC dew point, humidified to A1's -12 degC: steam brings its latent heat, so the
  // mix is the sensible balance alone, f = (38 - 24) / (38 + 15), more outdoor air than adiabatic
  // humidification (which cools the mix) needs.
  const auto s = steam.evaluate(air(-15.0, -25.0));
  const auto a = adiabatic.evaluate(air(-15.0, -25.0));
  const double dw = humidity_ratio_from_dew_point(-12.0, kStandardPressurePa) - humidity_ratio_from_dew_point(-25.0, kStandardPressurePa);
  CHECK(s.outdoor_share == Approx(14.0 / 53.0).epsilon(1e-12));
  CHECK(s.outdoor_share > a.outdoor_share);
  CHECK(s.coil_share == 0.0);
  CHECK(s.water_kg_s == Approx(s.outdoor_share * 100.0 * dw).epsilon(1e-12));
  // Electricity: the steam's enthalpy from 10 degC feed water, 2676 - 42 kJ/kg (steam tables).
  CHECK(s.humidifier_w == Approx(s.water_kg_s * (2676e3 - 42e3)).epsilon(1e-12));
  CHECK(a.humidifier_w == 0.0);
  // Air moist enough needs no humidifier at all.
  CHECK(steam.evaluate(air(10.0, 2.0)).humidifier_w == 0.0);
  // 30 degC desert air at a -20 degC dew point: 100 % outdoor air, humidified by steam that leaves its
  // dry bulb where it is, so the coil takes it from 30 to 24 degC.
  const auto warm = steam.evaluate(air(30.0, -20.0));
  const double dw_warm = humidity_ratio_from_dew_point(-12.0, kStandardPressurePa) - humidity_ratio_from_dew_point(-20.0, kStandardPressurePa);
  CHECK(warm.outdoor_share == 1.0);
  CHECK(warm.coil_share == Approx((30.0 - 24.0) / 14.0).epsilon(1e-12));
  CHECK(warm.humidifier_w == Approx(100.0 * dw_warm * 2.634e6).epsilon(1e-12));
}

TEST_CASE("steam humidifiers at the facility: their energy is booked and leaves with the exhaust", "[air_economizer][steam][facility]") {
  const auto run_in = [](HumidifierType h) {
    Rig f = airside_rig(-15.0, -25.0);
    f.halls[0].economizer.humidifier = h;
    return run(f);
  };
  const FacilityResult steam = run_in(HumidifierType::steam), adiabatic = run_in(HumidifierType::adiabatic);
  CHECK(steam.total[Use::humidifiers] > 0.0);
  CHECK(adiabatic.total[Use::humidifiers] == 0.0);
  // About 2.63 MJ per kg of the water the steam humidifiers put into the air.
  CHECK(steam.total[Use::humidifiers] == Approx(steam.total.water_kg * 2.634e6).epsilon(1e-6));
  CHECK(steam.total.cooling_j() > adiabatic.total.cooling_j());
  for (const FacilityResult* r : {&steam, &adiabatic}) CHECK(std::fabs(r->heat_balance_residual_j) < 1e-6 * r->total.facility_j());
}
