#include <catch2/catch.hpp>

#include <cmath>

#include "models/failures.hpp"
#include "sim/check.hpp"

using namespace dcsim;
using namespace dcsim::models;

namespace {

struct Moments {
  double mean = 0, n = 0;
};

// Up times (from 0 or a repair to the next failure) and down times of one unit's outages.
void up_down(const std::vector<std::pair<sim::Time, sim::Time>>& outages, std::vector<double>& up_s,
             std::vector<double>& down_s) {
  sim::Time t = 0;
  for (const auto& [a, b] : outages) {
    up_s.push_back(sim::to_seconds(a - t));
    down_s.push_back(sim::to_seconds(b - a));
    t = b;
  }
}

double mean_of(const std::vector<double>& v) {
  double s = 0;
  for (double x : v) s += x;
  return s / static_cast<double>(v.size());
}

// Standard deviation of a Weibull variate of mean m and shape k: m sqrt(G(1+2/k) / G(1+1/k)^2 - 1).
double weibull_sd(double mean, double k) {
  const double g1 = std::tgamma(1.0 + 1.0 / k), g2 = std::tgamma(1.0 + 2.0 / k);
  return mean * std::sqrt(g2 / (g1 * g1) - 1.0);
}

}  // namespace

TEST_CASE("failures: mean up and down times match MTBF and MTTR (exponential and Weibull)", "[failures]") {
  for (const double k : {1.0, 2.5, 0.7}) {
    RandomFailureParams p;
    p.mtbf_s = 1000.0 * 3600;
    p.mttr_s = 8.0 * 3600;
    p.failure_shape = k;
    p.repair_shape = k == 1.0 ? 1.0 : 3.0;
    const auto outages = draw_unit_outages(p, 12345, sim::hours(20'000'000));
    std::vector<double> up, down;
    up_down(outages, up, down);
    REQUIRE(up.size() > 15000);
    // Each mean within 4 standard errors (sd / sqrt(n)) of the parameter.
    const double n = static_cast<double>(up.size());
    CHECK(std::fabs(mean_of(up) - p.mtbf_s) < 4.0 * weibull_sd(p.mtbf_s, p.failure_shape) / std::sqrt(n));
    CHECK(std::fabs(mean_of(down) - p.mttr_s) < 4.0 * weibull_sd(p.mttr_s, p.repair_shape) / std::sqrt(n));
  }
}

TEST_CASE("failures: long-run unavailability is MTTR / (MTBF + MTTR)", "[failures]") {
  ComponentFailures spec;
  spec.name = "cooling.air.units";
  spec.random = RandomFailureParams{500.0 * 3600, 50.0 * 3600, 1.0, 1.0};
  const sim::Time horizon = sim::hours(2'000'000);
  const FailureTimeline tl(spec, 3, 7, horizon);
  // Down time summed over the three units' outages.
  double down_s = 0;
  for (const auto& o : tl.outages()) down_s += sim::to_seconds(std::min(o.end, horizon) - o.start);
  const double unavailability = down_s / (3.0 * sim::to_seconds(horizon));
  CHECK(unavailability == Approx(50.0 / 550.0).epsilon(0.03));
}

TEST_CASE("failures: the timeline is deterministic for a seed and independent between components", "[failures]") {
  ComponentFailures a;
  a.name = "cooling.plants[cw].chillers";
  a.random = RandomFailureParams{2000.0 * 3600, 24.0 * 3600, 1.5, 1.0};
  ComponentFailures b = a;
  b.name = "cooling.plants[cw].pump";
  const sim::Time h = sim::days(3650);
  const FailureTimeline a1(a, 4, 42, h), a2(a, 4, 42, h), b1(b, 4, 42, h), a3(a, 4, 43, h);
  REQUIRE(a1.outages().size() > 10);
  REQUIRE(a1.outages().size() == a2.outages().size());
  for (std::size_t i = 0; i < a1.outages().size(); ++i) {
    CHECK(a1.outages()[i].start == a2.outages()[i].start);
    CHECK(a1.outages()[i].end == a2.outages()[i].end);
  }
  CHECK(a1.outages().front().start != b1.outages().front().start);
  CHECK(a1.outages().front().start != a3.outages().front().start);
  // Units draw their own streams.
  CHECK(component_seed(42, a.name, 0) != component_seed(42, a.name, 1));
}

TEST_CASE("failures: scheduled outages add up, capped at the group size", "[failures]") {
  ComponentFailures spec;
  spec.name = "cooling.air.units";
  spec.scheduled.push_back({sim::hours(10), sim::hours(4), 1, OutageKind::maintenance, "filters"});
  spec.scheduled.push_back({sim::hours(12), sim::hours(1), 2, OutageKind::failure, {}});
  spec.scheduled.push_back({sim::hours(20), sim::hours(2), 3, OutageKind::failure, {}});
  spec.scheduled.push_back({sim::hours(21), sim::kTimeMax, 3, OutageKind::failure, {}});
  const FailureTimeline tl(spec, 4, 1, sim::hours(48));
  CHECK(tl.units_down_at(0) == 0);
  CHECK(tl.units_down_at(sim::hours(10) - 1) == 0);
  CHECK(tl.units_down_at(sim::hours(10)) == 1);
  CHECK(tl.units_down_at(sim::hours(12)) == 3);
  CHECK(tl.units_down_at(sim::hours(13)) == 1);
  CHECK(tl.units_down_at(sim::hours(14)) == 0);
  CHECK(tl.units_down_at(sim::hours(20)) == 3);
  CHECK(tl.units_down_at(sim::hours(21)) == 4);  // 3 + 3 capped at 4
  CHECK(tl.units_down_at(sim::hours(22)) == 3);  // the open-ended outage lasts to the end
  CHECK(tl.units_up_at(sim::hours(47)) == 1);
  CHECK(tl.next_change_after(0) == sim::hours(10));
  CHECK(tl.next_change_after(sim::hours(13)) == sim::hours(14));
  CHECK(tl.next_change_after(sim::hours(22)) == sim::kTimeMax);
  const auto at12 = tl.transitions_at(sim::hours(12));
  REQUIRE(at12.size() == 1);
  CHECK(at12[0].starts);
  CHECK(tl.outages()[at12[0].outage].units == 2);
  const auto at14 = tl.transitions_at(sim::hours(14));
  REQUIRE(at14.size() == 1);
  CHECK_FALSE(at14[0].starts);
  CHECK(tl.outages()[at14[0].outage].note == "filters");
}

TEST_CASE("failures: bad parameters are refused with the value echoed", "[failures]") {
  ComponentFailures spec;
  spec.name = "power.ups";
  spec.scheduled.push_back({0, sim::hours(1), 5, OutageKind::failure, {}});
  CHECK_THROWS_AS(FailureTimeline(spec, 4, 1, sim::hours(10)), ParameterError);
  spec.scheduled.clear();
  spec.random = RandomFailureParams{0.0, 3600.0, 1.0, 1.0};
  CHECK_THROWS_WITH(FailureTimeline(spec, 4, 1, sim::hours(10)), Catch::Contains("mtbf") && Catch::Contains("got 0"));
  spec.random = RandomFailureParams{1.0, 1.0, 1.0, 1.0};
  CHECK_THROWS_WITH(FailureTimeline(spec, 4, 1, sim::days(3650)), Catch::Contains("too short"));
}
