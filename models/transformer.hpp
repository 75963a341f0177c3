// MV/LV distribution transformer: no-load (core) loss plus load (winding) loss growing with the
// square of the load current (IEC 60076-1 loss definitions; the same split underlies EN 50588-1 and
// the US DOE 10 CFR 431 efficiency rules):
//   P_loss = P_rated (l_0 + l_k x^2),  x = P_out / P_rated  (unity power factor: rating in W is
//   kVA times the power factor of the load).
// Defaults l_0 = 0.25 %, l_k = 1.0 %: 1.25 % at full load, 99.0 % efficiency at half load, within
// the 1-1.5 % full-load loss quoted for MV/LV transformers (REFERENCE section 3) [K].
#pragma once

namespace dcsim::models {

struct TransformerParams {
  double rated_power_w = 2.5e6;           // a 2500 kVA unit at unity power factor
  double no_load_loss_fraction = 0.0025;  // of rating, present at any load
  double load_loss_fraction = 0.010;      // of rating, at rated load
  bool outdoors = false;                  // losses land outside the cooling envelope
};

class Transformer {
 public:
  explicit Transformer(TransformerParams params);
  const TransformerParams& params() const { return p_; }
  double load_fraction(double output_w) const { return output_w / p_.rated_power_w; }
  double loss_w(double output_w) const;
  double efficiency(double output_w) const;  // 0 at zero load

 private:
  TransformerParams p_;
};

}  // namespace dcsim::models
