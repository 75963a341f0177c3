// Percentiles of a sample, for the spread of replicate runs (P5, P50, P95).
// Definition: Hyndman & Fan (1996, "Sample quantiles in statistical packages", The American
// Statistician 50(4)) type 7, the default of R and NumPy: with the sample sorted x_(1) <= ... <= x_(n),
//   h = (n - 1) p,  Q(p) = x_(floor h + 1) + (h - floor h) (x_(floor h + 2) - x_(floor h + 1)),
// i.e. linear interpolation between order statistics; Q(0) = min, Q(1) = max, Q(p) is monotone in p,
// and one value gives that value for every p.
#pragma once

#include <span>
#include <vector>

namespace dcsim::output {

// Throws std::invalid_argument for an empty sample, a non-finite value or p outside [0, 1].
double percentile(std::span<const double> values, double p);

// Several percentiles of one sample (sorted once).
std::vector<double> percentiles(std::span<const double> values, std::span<const double> ps);

}  // namespace dcsim::output
