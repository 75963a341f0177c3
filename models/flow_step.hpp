// Flow set points move in steps of 1 % of design flow (the resolution of a VFD speed command). The
// network then returns to the same few flow sets again and again, and its step operators are cached
// by content (sim/thermal_network.hpp): a year costs a few hundred matrix exponentials, not one per event.
#pragma once

#include <cmath>

namespace dcsim::models {

constexpr double kFlowStep = 0.01;

// The smallest whole number of flow steps at or above `value` (`design` <= 0: unquantized).
inline double quantize_up(double value, double design) {
  if (design <= 0) return value;
  const double q = kFlowStep * design;
  return std::ceil(value / q - 1e-9) * q;
}

}  // namespace dcsim::models
