// Outdoor-air reset of a loop's supply set point: T_set = clamp(T_db + offset_k, min_c, max_c)
// (ASHRAE Guideline 36-2021 sec. 5.1.14 / 5.21 style: warmer supply when it is warm outside keeps the
// economizer carrying the load; cooler when it is cold, at no compressor cost).
#pragma once

#include <algorithm>

namespace dcsim::models {

struct SupplyReset {
  double offset_k = 0.0;
  double min_c = 0.0;
  double max_c = 0.0;
  double set_point_c(double dry_bulb_c) const { return std::clamp(dry_bulb_c + offset_k, min_c, max_c); }
};

}  // namespace dcsim::models
