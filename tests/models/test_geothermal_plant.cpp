#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>

#include "models/geothermal_plant.hpp"
#include "sim/check.hpp"

using namespace dcsim;
using models::GeothermalPlant;
using models::GeothermalPlantParams;
using sim::days;
using sim::hours;

namespace {
GeothermalPlantParams plant_30mw() {
  GeothermalPlantParams p;
  p.capacity_w = 30e6;
  return p;
}

// Up times (time to failure) and down times of a timeline of random outages only.
struct Stats {
  double n = 0, mean_up_s = 0, cv_up = 0, mean_down_s = 0, frac_up_below = 0;
};
Stats timeline_stats(const GeothermalPlant& g, double below_s) {
  std::vector<double> up, down;
  sim::Time prev_end = 0;
  for (const auto& o : g.outages()) {
    up.push_back(sim::to_seconds(o.start - prev_end));
    down.push_back(sim::to_seconds(o.end - o.start));
    prev_end = o.end;
  }
  Stats s;
  s.n = static_cast<double>(up.size());
  double sum = 0, sum2 = 0, below = 0, dsum = 0;
  for (double u : up) {
    sum += u;
    sum2 += u * u;
    below += u < below_s;
  }
  for (double d : down) dsum += d;
  s.mean_up_s = sum / s.n;
  s.cv_up = std::sqrt(sum2 / s.n - s.mean_up_s * s.mean_up_s) / s.mean_up_s;
  s.mean_down_s = dsum / s.n;
  s.frac_up_below = below / s.n;
  return s;
}
}  // namespace

TEST_CASE("geothermal emission factor defaults and presets", "[geothermal]") {
  CHECK(plant_30mw().emission_factor_g_per_kwh == 38.0);  // IPCC AR5 median
  const auto& h = models::geothermal_emission_preset("hellisheidi");
  CHECK(h.low_g_per_kwh == 15.0);
  CHECK(h.high_g_per_kwh == 24.0);
  CHECK(h.g_per_kwh == (15.0 + 24.0) / 2);
  CHECK(models::geothermal_emission_preset("ipcc_ar5_median").g_per_kwh == 38.0);
  CHECK_THROWS_WITH(
      models::geothermal_emission_preset("krafla"),
      Catch::Matchers::Contains("krafla") && Catch::Matchers::Contains("hellisheidi"));
}

TEST_CASE("geothermal plant without outages is always available", "[geothermal]") {
  auto p = plant_30mw();
  p.heat_output_w = 60e6;
  const GeothermalPlant g(p, days(365));
  CHECK(g.available_at(0));
  CHECK(g.available_at(days(200)));
  CHECK(g.available_capacity_w(days(3)) == 30e6);
  CHECK(g.heat_output_w(days(3)) == 60e6);
  CHECK(g.next_change_after(0) == sim::kTimeMax);
  CHECK(g.outages().empty());
  CHECK(g.availability(0, days(365)) == 1.0);
}

TEST_CASE("scheduled outages switch the plant off and merge when they overlap", "[geothermal]") {
  auto p = plant_30mw();
  p.scheduled_outages = {{days(100), days(14)}, {days(10), hours(8)}, {days(110), days(10)}};
  const GeothermalPlant g(p, days(365));
  REQUIRE(g.outages().size() == 2);
  CHECK(g.outages()[0].start == days(10));
  CHECK(g.outages()[1].start == days(100));
  CHECK(g.outages()[1].end == days(120));  // [100, 114) and [110, 120) merged
  CHECK(g.available_at(days(10) - 1));
  CHECK_FALSE(g.available_at(days(10)));
  CHECK(g.available_capacity_w(days(10) + hours(1)) == 0.0);
  CHECK(g.available_at(days(10) + hours(8)));  // back at the end (exclusive)
  CHECK(g.next_change_after(0) == days(10));
  CHECK(g.next_change_after(days(10)) == days(10) + hours(8));
  CHECK(g.next_change_after(days(10) + hours(8)) == days(100));
  CHECK(g.next_change_after(days(119)) == days(120));
  CHECK(g.next_change_after(days(120)) == sim::kTimeMax);
  // Down 8 h + 20 d out of 365 d.
  CHECK(g.availability(0, days(365)) == Approx(1.0 - (8.0 / 24 + 20.0) / 365).epsilon(1e-12));
}

TEST_CASE("random outages: exponential up and down times with the stated means", "[geothermal]") {
  // MTBF 500 h, MTTR 24 h over 100 years: about 1670 failure/repair cycles.
  auto p = plant_30mw();
  p.mtbf_s = 500 * 3600.0;
  p.mttr_s = 24 * 3600.0;
  p.seed = 42;
  const sim::Time horizon = days(36500);
  const GeothermalPlant g(p, horizon);
  const Stats s = timeline_stats(g, p.mtbf_s * std::log(2.0));
  REQUIRE(s.n > 1500);
  // Sample means within 4 standard errors (exponential: sd = mean).
  CHECK(std::abs(s.mean_up_s / p.mtbf_s - 1) < 4 / std::sqrt(s.n));
  CHECK(std::abs(s.mean_down_s / p.mttr_s - 1) < 4 / std::sqrt(s.n));
  // Exponential: coefficient of variation 1, median MTBF ln 2.
  CHECK(s.cv_up == Approx(1.0).margin(0.1));
  CHECK(std::abs(s.frac_up_below - 0.5) < 4 * 0.5 / std::sqrt(s.n));
  // Long-run availability MTBF / (MTBF + MTTR) = 500/524 = 0.954198.
  CHECK(g.availability(0, horizon) == Approx(500.0 / 524.0).margin(0.006));
  CHECK(std::all_of(g.outages().begin(), g.outages().end(), [](const auto& o) {
    return o.cause == models::GeothermalOutageCause::random;
  }));
}

TEST_CASE("random outages: Weibull wear-out keeps the mean and narrows the spread",
          "[geothermal]") {
  // Shape 3: CV = sqrt(Gamma(1 + 2/3) / Gamma(1 + 1/3)^2 - 1)
  //             = sqrt(0.902745 / 0.797454 - 1) = 0.3634
  auto p = plant_30mw();
  p.mtbf_s = 1000 * 3600.0;
  p.mttr_s = 12 * 3600.0;
  p.failure_weibull_shape = 3.0;
  const GeothermalPlant g(p, days(36500));
  const Stats s = timeline_stats(g, 0);
  REQUIRE(s.n > 800);
  CHECK(std::abs(s.mean_up_s / p.mtbf_s - 1) < 4 * 0.3634 / std::sqrt(s.n));
  const double cv = std::sqrt(std::tgamma(1 + 2.0 / 3) / std::pow(std::tgamma(1 + 1.0 / 3), 2) - 1);
  CHECK(cv == Approx(0.3634).margin(1e-4));
  CHECK(s.cv_up == Approx(cv).epsilon(0.1));
}

TEST_CASE("outage timeline is deterministic for a seed and merges with maintenance",
          "[geothermal]") {
  auto p = plant_30mw();
  p.mtbf_s = 2000 * 3600.0;
  p.mttr_s = 72 * 3600.0;
  p.seed = 7;
  const GeothermalPlant a(p, days(3650)), b(p, days(3650));
  REQUIRE(a.outages().size() == b.outages().size());
  for (std::size_t i = 0; i < a.outages().size(); ++i) {
    CHECK(a.outages()[i].start == b.outages()[i].start);
    CHECK(a.outages()[i].end == b.outages()[i].end);
  }
  p.seed = 8;
  const GeothermalPlant c(p, days(3650));
  CHECK(c.outages().front().start != a.outages().front().start);

  // Maintenance placed over the first random failure merges into one combined outage.
  p.seed = 7;
  const auto first = a.outages().front();
  p.scheduled_outages = {{first.start - hours(1), hours(2)}};
  const GeothermalPlant d(p, days(3650));
  CHECK(d.outages().front().start == first.start - hours(1));
  CHECK(d.outages().front().end == std::max(first.end, first.start + hours(1)));
  CHECK(d.outages().front().cause == models::GeothermalOutageCause::combined);
  // Outages are disjoint and ordered, and no failure starts past the horizon.
  bool ordered = true;
  for (std::size_t i = 1; i < d.outages().size(); ++i)
    ordered &= d.outages()[i].start > d.outages()[i - 1].end;
  CHECK(ordered);
  CHECK(d.outages().back().start < days(3650));
}

TEST_CASE("geothermal plant parameters are validated with the bad value", "[geothermal]") {
  using Catch::Matchers::Contains;
  auto p = plant_30mw();
  p.capacity_w = -1;
  CHECK_THROWS_WITH(GeothermalPlant(p, days(1)), Contains("capacity_w") && Contains("-1"));
  p = plant_30mw();
  p.mtbf_s = 3600;
  CHECK_THROWS_WITH(GeothermalPlant(p, days(1)), Contains("mttr_s"));
  p.mttr_s = 60;
  p.failure_weibull_shape = 0;
  CHECK_THROWS_WITH(GeothermalPlant(p, days(1)),
                    Contains("failure_weibull_shape") && Contains("got 0"));
  p = plant_30mw();
  p.scheduled_outages = {{days(1), -hours(1)}};
  CHECK_THROWS_WITH(GeothermalPlant(p, days(10)),
                    Contains("scheduled_outages") && Contains("-3600"));
  p = plant_30mw();
  p.emission_factor_g_per_kwh = -3;
  CHECK_THROWS_AS(GeothermalPlant(p, days(1)), ParameterError);
}
