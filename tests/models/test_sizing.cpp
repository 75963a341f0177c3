// The 0.4 % design condition (models/sizing.hpp): the value exceeded by that share of the records.
#include <catch2/catch.hpp>

#include <vector>

#include "models/sizing.hpp"

using dcsim::models::exceeded_value;

TEST_CASE("sizing: the 0.4 % condition of 1..1000 is 996.004, by linear interpolation", "[sizing]") {
  std::vector<double> v;
  for (int i = 1000; i >= 1; --i) v.push_back(i);  // order does not matter
  CHECK(exceeded_value(v, 0.004) == Approx(996.004).epsilon(1e-12));
  CHECK(exceeded_value(v, 0.0) == 1000.0);
  CHECK(exceeded_value(v, 1.0) == 1.0);
  CHECK(exceeded_value({}, 0.004) == 0.0);
  // 8760 hourly values: 0.4 % is 35.04 h; the interpolated value leaves 35 or 36 records above it.
  std::vector<double> h;
  for (int i = 0; i < 8760; ++i) h.push_back(i);
  const double d = exceeded_value(h, 0.004);
  int above = 0;
  for (double x : h) above += x > d ? 1 : 0;
  CHECK((above == 35 || above == 36));
}
