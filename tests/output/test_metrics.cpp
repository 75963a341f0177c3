// Metrics against hand-computed small cases.
#include <catch2/catch.hpp>

#include <cmath>

#include "output/metrics.hpp"

using dcsim::models::EnergyLedger;
using dcsim::models::Use;
using dcsim::output::energy_metrics;

namespace {
constexpr double kWh = 3.6e6;
}

TEST_CASE("metrics: PUE, pPUE, MLC and ELC of a hand-computed ledger", "[metrics]") {
  EnergyLedger l;
  l[Use::it] = 1000 * kWh;
  l[Use::server_fans] = 30 * kWh;  // inside IT: must not count twice
  l[Use::air_fans] = 40 * kWh;
  l[Use::pumps] = 10 * kWh;
  l[Use::compressors] = 50 * kWh;
  l[Use::heat_rejection_fans] = 20 * kWh;
  l[Use::ups_loss] = 45 * kWh;
  l[Use::transformer_loss] = 10 * kWh;
  l[Use::pdu_loss] = 15 * kWh;
  l[Use::lighting] = 10 * kWh;
  const auto s = energy_metrics(l);
  // facility = 1000 + (40+10+50+20) + (45+10+15) + 10 = 1200 kWh
  CHECK(s.value("facility_energy_kwh") == Approx(1200.0));
  CHECK(s.value("pue") == Approx(1.2));
  CHECK(s.value("ppue_cooling") == Approx(1.12));
  CHECK(s.value("ppue_electrical") == Approx(1.07));
  CHECK(s.value("mlc") == Approx(0.12));
  CHECK(s.value("elc") == Approx(0.07));
  CHECK(s.value("cooling_energy_kwh") == Approx(120.0));
}

TEST_CASE("metrics: the heat-reuse heat pump is outside the PUE boundary unless the scenario puts it in", "[metrics]") {
  // ISO/IEC 30134-6: the reuse process is not part of the data centre. 1000 kWh IT, 100 kWh of
  // cooling, 50 kWh of heat pump lifting loop heat for a district.
  EnergyLedger l;
  l[Use::it] = 1000 * kWh;
  l[Use::pumps] = 100 * kWh;
  l[Use::heat_pump] = 50 * kWh;
  const auto outside = energy_metrics(l);
  CHECK(outside.value("pue") == Approx(1.10));
  CHECK(outside.value("pue_excl_heat_pump") == Approx(1.10));
  CHECK(outside.value("pue_incl_heat_pump") == Approx(1.15));
  CHECK(outside.value("facility_energy_kwh") == Approx(1150.0));  // the site's energy either way
  CHECK(outside.value("mlc") == Approx(0.10));  // ASHRAE 90.4's MLC: the data centre's cooling only
  const auto inside = energy_metrics(l, dcsim::output::MetricOptions{true});
  CHECK(inside.value("pue") == Approx(1.15));
  CHECK(inside.value("mlc") == Approx(0.15));
  CHECK(inside.value("pue_excl_heat_pump") == Approx(1.10));
  // Without a heat pump the two agree.
  l[Use::heat_pump] = 0.0;
  CHECK(energy_metrics(l).value("pue_incl_heat_pump") == energy_metrics(l).value("pue_excl_heat_pump"));
}

TEST_CASE("metrics: WUE, CUE, ERF and ERE", "[metrics]") {
  EnergyLedger l;
  l[Use::it] = 2000 * kWh;
  l[Use::pumps] = 200 * kWh;   // facility 2200 kWh
  l.water_kg = 3600.0;          // 3600 L
  l.grid_emissions_g = 2200 * 28.0;  // 2200 kWh at 28 g/kWh
  l.heat_reused_j = 440 * kWh;
  const auto s = energy_metrics(l);
  CHECK(s.value("wue_l_per_kwh") == Approx(1.8));
  CHECK(s.value("cue_kg_per_kwh") == Approx(2200 * 0.028 / 2000));
  CHECK(s.value("erf") == Approx(0.2));
  CHECK(s.value("ere") == Approx((2200.0 - 440.0) / 2000.0));
  CHECK(s.value("emissions_t") == Approx(0.0616));
}

TEST_CASE("metrics: zero IT energy gives defined=false, never NaN", "[metrics]") {
  EnergyLedger l;
  l[Use::lighting] = 5 * kWh;
  const auto s = energy_metrics(l);
  const auto* pue = s.find("pue");
  REQUIRE(pue != nullptr);
  CHECK_FALSE(pue->defined);
  CHECK(pue->value == 0.0);
  for (const auto& m : s.metrics()) CHECK(std::isfinite(m.value));
}

TEST_CASE("metrics: ledger addition keeps the peak and its IT power together", "[metrics]") {
  EnergyLedger a, b;
  a.note_power(1200e3, 1000e3);
  b.note_power(1500e3, 1100e3);
  a.add(b);
  const auto s = energy_metrics(a);
  CHECK(s.value("pue_at_peak") == Approx(1500.0 / 1100.0));
  CHECK(s.value("peak_facility_power_kw") == Approx(1500.0));
}
