#include "models/transformer.hpp"

#include "sim/check.hpp"

namespace dcsim::models {

Transformer::Transformer(TransformerParams params) : p_(params) {
  require(p_.rated_power_w > 0.0, "rated_power_w", "must be > 0 (got {})", p_.rated_power_w);
  require(p_.no_load_loss_fraction >= 0.0 && p_.no_load_loss_fraction < 1.0,
          "no_load_loss_fraction", "must be in [0, 1) (got {})", p_.no_load_loss_fraction);
  require(p_.load_loss_fraction >= 0.0 && p_.load_loss_fraction < 1.0, "load_loss_fraction",
          "must be in [0, 1) (got {})", p_.load_loss_fraction);
}

double Transformer::loss_w(double output_w) const {
  const double x = load_fraction(output_w);
  return p_.rated_power_w * (p_.no_load_loss_fraction + p_.load_loss_fraction * x * x);
}

double Transformer::efficiency(double output_w) const {
  return output_w > 0.0 ? output_w / (output_w + loss_w(output_w)) : 0.0;
}

}  // namespace dcsim::models
