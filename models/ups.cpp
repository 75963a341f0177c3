#include "models/ups.hpp"

#include "sim/check.hpp"

namespace dcsim::models {
namespace {

void check_curve(const UpsLossCurve& c, const char* a0, const char* a1, const char* a2) {
  require(c.a0 >= 0.0 && c.a0 < 1.0, a0, "must be in [0, 1) (got {})", c.a0);
  require(c.a1 >= 0.0 && c.a1 < 1.0, a1, "must be in [0, 1) (got {})", c.a1);
  require(c.a2 >= 0.0 && c.a2 < 1.0, a2, "must be in [0, 1) (got {})", c.a2);
  require(c.a2 <= c.a0, a2, "must not exceed the no-load loss a0 = {} (got {}): a spare module would lower the loss",
          c.a0, c.a2);
}

int installed_modules(const UpsParams& p) {
  switch (p.redundancy) {
    case UpsRedundancy::kN: return p.modules_required;
    case UpsRedundancy::kNPlus1: return p.modules_required + 1;
    case UpsRedundancy::k2N: return 2 * p.modules_required;
  }
  return p.modules_required;
}

}  // namespace

Ups::Ups(UpsParams params) : p_(params), installed_(installed_modules(params)) {
  require(p_.module_rated_power_w > 0.0, "module_rated_power_w", "must be > 0 (got {})",
          p_.module_rated_power_w);
  require(p_.modules_required >= 1, "modules_required", "must be at least 1 (got {})",
          p_.modules_required);
  // Non-negative coefficients make the loss rise monotonically with load.
  check_curve(p_.double_conversion, "double_conversion.a0", "double_conversion.a1",
              "double_conversion.a2");
  check_curve(p_.eco, "eco.a0", "eco.a1", "eco.a2");
}

double Ups::load_fraction(double output_w) const {
  return output_w / (installed_ * p_.module_rated_power_w);
}

double Ups::loss_w(double output_w) const {
  const UpsLossCurve& c = p_.eco_mode ? p_.eco : p_.double_conversion;
  const double x = load_fraction(output_w);
  return installed_ * p_.module_rated_power_w * (c.a0 + c.a1 * x + c.a2 * x * x);
}

double Ups::efficiency(double output_w) const {
  return output_w > 0.0 ? output_w / (output_w + loss_w(output_w)) : 0.0;
}

}  // namespace dcsim::models
