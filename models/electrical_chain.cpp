#include "models/electrical_chain.hpp"

#include "sim/check.hpp"

namespace dcsim::models {

ElectricalChain::ElectricalChain(ElectricalChainParams params)
    : transformer_(params.transformer),
      ups_(params.ups),
      pdu_(params.pdu),
      lighting_(params.lighting) {
  require(pdu_.loss_fraction >= 0.0 && pdu_.loss_fraction < 1.0, "pdu.loss_fraction",
          "must be in [0, 1) (got {})", pdu_.loss_fraction);
  require(pdu_.fixed_loss_w >= 0.0, "pdu.fixed_loss_w", "must be >= 0 (got {})", pdu_.fixed_loss_w);
  require(lighting_.fixed_w >= 0.0, "lighting.fixed_w", "must be >= 0 (got {})", lighting_.fixed_w);
  require(lighting_.fraction_of_it >= 0.0 && lighting_.fraction_of_it <= 1.0,
          "lighting.fraction_of_it", "must be in [0, 1] (got {})", lighting_.fraction_of_it);
}

ChainResult ElectricalChain::solve(const ChainLoads& loads) const {
  require(loads.it_power_w >= 0.0, "it_power_w", "must be >= 0 (got {})", loads.it_power_w);
  require(loads.mechanical_power_w >= 0.0, "mechanical_power_w", "must be >= 0 (got {})",
          loads.mechanical_power_w);
  require(loads.mechanical_on_ups_w >= 0.0 && loads.mechanical_on_ups_w <= loads.mechanical_power_w,
          "mechanical_on_ups_w", "must be in [0, mechanical_power_w = {}] (got {})",
          loads.mechanical_power_w, loads.mechanical_on_ups_w);
  ChainResult r;
  r.it_power_w = loads.it_power_w;
  r.mechanical_power_w = loads.mechanical_power_w;
  r.lighting_power_w = lighting_.fixed_w + lighting_.fraction_of_it * loads.it_power_w;

  r.pdu_loss_w = pdu_.fixed_loss_w + pdu_.loss_fraction * loads.it_power_w;
  r.ups_output_w = loads.it_power_w + r.pdu_loss_w + loads.mechanical_on_ups_w;
  r.ups_loss_w = ups_.loss_w(r.ups_output_w);
  r.ups_load_fraction = ups_.load_fraction(r.ups_output_w);
  r.ups_overloaded = ups_.overloaded(r.ups_output_w);

  r.transformer_output_w = r.ups_output_w + r.ups_loss_w +
                           (loads.mechanical_power_w - loads.mechanical_on_ups_w) +
                           r.lighting_power_w;
  r.transformer_loss_w = transformer_.loss_w(r.transformer_output_w);
  r.transformer_load_fraction = transformer_.load_fraction(r.transformer_output_w);
  r.facility_power_w = r.transformer_output_w + r.transformer_loss_w;

  const auto place = [&r](double loss_w, bool outdoors) {
    (outdoors ? r.loss_heat_outdoors_w : r.loss_heat_inside_w) += loss_w;
  };
  place(r.pdu_loss_w, pdu_.outdoors);
  place(r.ups_loss_w, ups_.params().outdoors);
  place(r.transformer_loss_w, transformer_.params().outdoors);
  return r;
}

}  // namespace dcsim::models
