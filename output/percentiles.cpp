#include "output/percentiles.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include <fmt/format.h>

namespace dcsim::output {

std::vector<double> percentiles(std::span<const double> values, std::span<const double> ps) {
  if (values.empty()) throw std::invalid_argument("percentile of an empty sample");
  std::vector<double> x(values.begin(), values.end());
  for (double v : x) {
    if (!std::isfinite(v)) throw std::invalid_argument(fmt::format("percentile of a sample holding {}", v));
  }
  std::sort(x.begin(), x.end());
  std::vector<double> out;
  for (double p : ps) {
    if (!(p >= 0.0 && p <= 1.0)) throw std::invalid_argument(fmt::format("percentile level must be in [0, 1] (got {})", p));
    const double h = static_cast<double>(x.size() - 1) * p;
    const auto lo = static_cast<std::size_t>(std::floor(h));
    const std::size_t hi = std::min(lo + 1, x.size() - 1);
    out.push_back(x[lo] + (h - static_cast<double>(lo)) * (x[hi] - x[lo]));
  }
  return out;
}

double percentile(std::span<const double> values, double p) {
  const double ps[] = {p};
  return percentiles(values, ps).front();
}

}  // namespace dcsim::output
