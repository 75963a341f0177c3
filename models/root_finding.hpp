// Bracketing root finder shared by the models (towers, dry coolers, plants, psychrometric coil
// processes).
#pragma once

#include <cmath>

namespace dcsim::models {

// Root of f on [a, b] (f(a), f(b) of opposite signs) by the Illinois variant of regula falsi
// (Dowell & Jarratt 1971): bracketing like bisection, superlinear on smooth functions.
// Stops when |f| <= f_tol or the bracket is narrower than x_tol.
template <typename F>
double find_root(F&& f, double a, double b, double fa, double fb, double x_tol, double f_tol) {
  double c = b;
  int side = 0;
  for (int i = 0; i < 100 && std::abs(b - a) > x_tol; ++i) {
    c = (a * fb - b * fa) / (fb - fa);
    const double fc = f(c);
    if (std::abs(fc) <= f_tol) break;
    if ((fc > 0.0) == (fb > 0.0)) {
      b = c;
      fb = fc;
      if (side == -1) fa *= 0.5;
      side = -1;
    } else {
      a = c;
      fa = fc;
      if (side == +1) fb *= 0.5;
      side = +1;
    }
  }
  return c;
}

}  // namespace dcsim::models
