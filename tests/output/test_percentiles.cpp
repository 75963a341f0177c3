#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <random>
#include <vector>

#include "output/percentiles.hpp"

using dcsim::output::percentile;
using dcsim::output::percentiles;

TEST_CASE("percentiles: type 7 by hand", "[percentiles]") {
  // x = 1, 2, 3, 4: h = 3p. P50: h = 1.5 -> 2.5; P5: h = 0.15 -> 1.15; P95: h = 2.85 -> 3.85
  // (numpy.percentile([1, 2, 3, 4], [5, 50, 95]) gives the same).
  const std::vector<double> x = {4, 1, 3, 2};
  CHECK(percentile(x, 0.5) == Approx(2.5).epsilon(1e-15));
  CHECK(percentile(x, 0.05) == Approx(1.15).epsilon(1e-15));
  CHECK(percentile(x, 0.95) == Approx(3.85).epsilon(1e-15));
  CHECK(percentile(x, 0.0) == 1.0);
  CHECK(percentile(x, 1.0) == 4.0);
  // Odd count: the median is the middle value.
  const std::vector<double> y = {10, -2, 7};
  CHECK(percentile(y, 0.5) == 7.0);
  const std::vector<double> one = {3.25};
  CHECK(percentile(one, 0.05) == 3.25);
  CHECK(percentile(one, 0.95) == 3.25);
}

TEST_CASE("percentiles: ordered and within the sample's range", "[percentiles]") {
  std::mt19937_64 rng(5);
  std::vector<double> x;
  for (int i = 0; i < 37; ++i) x.push_back(static_cast<double>(rng() >> 11) * 0x1.0p-53 * 100.0 - 50.0);
  const double ps[] = {0.05, 0.5, 0.95};
  const auto q = percentiles(x, ps);
  CHECK(q[0] <= q[1]);
  CHECK(q[1] <= q[2]);
  CHECK(q[0] >= *std::min_element(x.begin(), x.end()));
  CHECK(q[2] <= *std::max_element(x.begin(), x.end()));
}

TEST_CASE("percentiles: bad input is refused", "[percentiles]") {
  const std::vector<double> empty;
  CHECK_THROWS_AS(percentile(empty, 0.5), std::invalid_argument);
  const std::vector<double> nan = {1.0, std::numeric_limits<double>::quiet_NaN()};
  CHECK_THROWS_AS(percentile(nan, 0.5), std::invalid_argument);
  const std::vector<double> x = {1.0, 2.0};
  CHECK_THROWS_AS(percentile(x, 1.5), std::invalid_argument);
}
