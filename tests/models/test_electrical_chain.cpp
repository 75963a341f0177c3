// Electrical chain: transformer and UPS curves at anchor points (hand calculations and the ranges
// in REFERENCE section 3), fixed losses at zero load, monotonic losses, redundancy, and the exact
// energy balance of the chain with the placement of loss heat.
#include <catch2/catch.hpp>
#include <string>

#include "models/electrical_chain.hpp"
#include "models/transformer.hpp"
#include "models/ups.hpp"
#include "sim/check.hpp"

using namespace dcsim::models;
using Catch::Matchers::WithinRel;

TEST_CASE("Transformer: no-load loss plus load loss in the square of load", "[electrical]") {
  const Transformer t(TransformerParams{});                // 2.5 MW, 0.25 % + 1.0 % x^2
  CHECK_THAT(t.loss_w(0.0), WithinRel(6250.0, 1e-12));     // 0.25 % of 2.5 MW
  CHECK_THAT(t.loss_w(2.5e6), WithinRel(31250.0, 1e-12));  // 1.25 % at full load
  CHECK_THAT(t.loss_w(1.25e6) - t.loss_w(0.0), WithinRel(6250.0, 1e-12));  // quarter of 25 kW
  // Full-load loss within 1-1.5 % (REFERENCE section 3); half-load efficiency 1.25/1.2625 = 99.0 %.
  const double full = t.loss_w(2.5e6) / 2.5e6;
  CHECK(full >= 0.01);
  CHECK(full <= 0.015);
  CHECK_THAT(t.efficiency(1.25e6), WithinRel(1.25 / 1.2625, 1e-12));
  TransformerParams bad;
  bad.rated_power_w = 0.0;
  CHECK_THROWS_WITH(Transformer(bad), Catch::Contains("rated_power_w must be > 0 (got 0)"));
}

TEST_CASE("UPS double conversion efficiency at published anchor points", "[electrical]") {
  UpsParams p;
  p.module_rated_power_w = 1e6;
  p.redundancy = UpsRedundancy::kN;  // one module: x is the UPS load fraction
  const Ups ups(p);
  // 50 % load by hand: loss = 1 MW (0.012 + 0.018 * 0.5 + 0.012 * 0.25) = 24 kW.
  CHECK_THAT(ups.loss_w(0.5e6), WithinRel(24000.0, 1e-12));
  CHECK_THAT(ups.efficiency(0.5e6), WithinRel(0.5 / 0.524, 1e-12));
  // REFERENCE section 3: 94-97 % at mid and high load, falling towards 85-90 % at 10-25 % load.
  CHECK(ups.efficiency(0.5e6) >= 0.94);
  CHECK(ups.efficiency(0.5e6) <= 0.97);
  CHECK(ups.efficiency(1.0e6) >= 0.94);
  CHECK(ups.efficiency(1.0e6) <= 0.97);
  CHECK(ups.efficiency(0.1e6) >= 0.85);
  CHECK(ups.efficiency(0.1e6) <= 0.90);
  CHECK(ups.efficiency(0.25e6) < ups.efficiency(0.5e6));
  CHECK(ups.efficiency(0.25e6) > ups.efficiency(0.1e6));
  // Eco mode: 98-99 % from 25 % to full load.
  p.eco_mode = true;
  const Ups eco(p);
  for (double x : {0.25, 0.5, 0.75, 1.0}) {
    INFO("load fraction " << x);
    CHECK(eco.efficiency(x * 1e6) >= 0.98);
    CHECK(eco.efficiency(x * 1e6) <= 0.99);
    CHECK(eco.loss_w(x * 1e6) < ups.loss_w(x * 1e6));
  }
}

TEST_CASE("UPS losses rise with load, and redundancy raises them at every load", "[electrical]") {
  UpsParams p;
  p.module_rated_power_w = 500e3;
  p.modules_required = 2;
  p.redundancy = UpsRedundancy::kN;
  const Ups n(p);
  p.redundancy = UpsRedundancy::kNPlus1;
  const Ups n1(p);
  p.redundancy = UpsRedundancy::k2N;
  const Ups two_n(p);
  CHECK(n.modules_installed() == 2);
  CHECK(n1.modules_installed() == 3);
  CHECK(two_n.modules_installed() == 4);
  CHECK(two_n.capacity_w() == 1e6);  // redundant modules are not capacity
  CHECK(two_n.overloaded(1.1e6));
  CHECK_FALSE(two_n.overloaded(1.0e6));

  // At zero load only the no-load loss of each installed module: m * 500 kW * 1.2 %.
  CHECK_THAT(n.loss_w(0.0), WithinRel(2 * 6000.0, 1e-12));
  CHECK_THAT(two_n.loss_w(0.0), WithinRel(4 * 6000.0, 1e-12));
  // N+1 loses at least as much as N, and 2N as N+1, at every load up to the capacity: one more
  // module changes the loss by P_mod (a0 - a2 y^2 / (m (m + 1))) > 0 for y = P / P_mod <= N = 2.
  // At full load: N (x = 1): 1 MW (0.042) = 42 kW; N+1 (x = 2/3): 1.5 MW (0.012 + 0.012 + 0.012 *
  // 4/9) = 44 kW; 2N (x = 1/2): 2 MW (0.012 + 0.009 + 0.003) = 48 kW.
  CHECK_THAT(n.loss_w(1e6), WithinRel(42000.0, 1e-12));
  CHECK_THAT(n1.loss_w(1e6), WithinRel(44000.0, 1e-12));
  CHECK_THAT(two_n.loss_w(1e6), WithinRel(48000.0, 1e-12));
  for (double w = 0.0; w <= 1e6; w += 10e3) {
    INFO("output " << w << " W");
    CHECK(n1.loss_w(w) > n.loss_w(w));
    CHECK(two_n.loss_w(w) > n1.loss_w(w));
  }
  // The legacy curve of scenarios/lbnl-small-air-cooled-chiller.yaml too (a2 = a0 = 0.025).
  p.double_conversion = {0.025, 0.015, 0.025};
  for (int required = 1; required <= 8; ++required) {
    p.modules_required = required;
    p.redundancy = UpsRedundancy::kN;
    const Ups a(p);
    p.redundancy = UpsRedundancy::kNPlus1;
    const Ups b(p);
    for (double f = 0.0; f <= 1.0; f += 0.05) CHECK(b.loss_w(f * a.capacity_w()) > a.loss_w(f * a.capacity_w()));
  }
  p.double_conversion = UpsParams{}.double_conversion;
  p.modules_required = 2;
  p.redundancy = UpsRedundancy::kNPlus1;
  double last = -1.0;
  for (double w = 0.0; w <= 1.2e6; w += 10e3) {
    CHECK(n1.loss_w(w) > last);
    last = n1.loss_w(w);
  }
  p.modules_required = 0;
  CHECK_THROWS_WITH(Ups(p), Catch::Contains("modules_required must be at least 1 (got 0)"));
  p.modules_required = 1;
  p.double_conversion.a2 = -0.01;
  CHECK_THROWS_WITH(Ups(p),
                    Catch::Contains("double_conversion.a2") && Catch::Contains("got -0.01"));
  p.double_conversion = {0.013, 0.005, 0.035};  // the former default: square law above no-load
  CHECK_THROWS_WITH(Ups(p), Catch::Contains("double_conversion.a2") && Catch::Contains("must not exceed"));
}

namespace {
ElectricalChainParams one_mw_site() {
  ElectricalChainParams p;
  p.transformer.rated_power_w = 2.0e6;
  p.ups.module_rated_power_w = 500e3;
  p.ups.modules_required = 2;
  p.ups.redundancy = UpsRedundancy::kNPlus1;
  p.pdu.loss_fraction = 0.015;
  p.lighting.fixed_w = 2000.0;
  p.lighting.fraction_of_it = 0.0;
  return p;
}
}  // namespace

TEST_CASE("Chain at zero IT load keeps only the fixed losses", "[electrical]") {
  const ElectricalChain chain(one_mw_site());
  const ChainResult r = chain.solve(ChainLoads{});
  CHECK(r.pdu_loss_w == 0.0);
  CHECK_THAT(r.ups_loss_w, WithinRel(3 * 500e3 * 0.012, 1e-12));  // three modules idling
  // The transformer carries the UPS no-load loss and the lighting: 18 kW + 2 kW.
  const double out = 18000.0 + 2000.0;
  CHECK_THAT(r.transformer_output_w, WithinRel(out, 1e-12));
  const double x = out / 2.0e6;
  CHECK_THAT(r.transformer_loss_w, WithinRel(2.0e6 * (0.0025 + 0.010 * x * x), 1e-12));
  CHECK_THAT(r.facility_power_w, WithinRel(out + r.transformer_loss_w, 1e-12));
}

TEST_CASE("Chain energy balance is exact and every loss lands as heat", "[electrical]") {
  ElectricalChainParams p = one_mw_site();
  p.transformer.outdoors = true;
  p.lighting.fraction_of_it = 0.005;
  const ElectricalChain chain(p);
  for (double it : {0.0, 1e5, 4e5, 8e5, 9.5e5}) {
    for (double mech : {0.0, 5e4, 3e5}) {
      const ChainLoads loads{it, mech, 0.1 * mech};
      const ChainResult r = chain.solve(loads);
      INFO("IT " << it << " W, mechanical " << mech << " W");
      const double sum =
          r.it_power_w + r.mechanical_power_w + r.lighting_power_w + r.total_loss_w();
      CHECK_THAT(r.facility_power_w, WithinRel(sum, 1e-14));
      CHECK_THAT(r.loss_heat_inside_w + r.loss_heat_outdoors_w, WithinRel(r.total_loss_w(), 1e-14));
      CHECK(r.loss_heat_outdoors_w == r.transformer_loss_w);  // only the transformer is outdoors
      CHECK_THAT(r.lighting_power_w, WithinRel(2000.0 + 0.005 * it, 1e-14));
    }
  }
  // Hand calculation at 800 kW IT, no mechanical load, default lighting share 0:
  const ElectricalChain plain(one_mw_site());
  const ChainResult r = plain.solve(ChainLoads{8e5, 0.0, 0.0});
  CHECK_THAT(r.pdu_loss_w, WithinRel(12000.0, 1e-12));  // 1.5 % of 800 kW
  const double x = 812e3 / 1.5e6;                       // three 500 kW modules share 812 kW
  CHECK_THAT(r.ups_loss_w, WithinRel(1.5e6 * (0.012 + 0.018 * x + 0.012 * x * x), 1e-12));
  CHECK(r.loss_heat_outdoors_w == 0.0);  // default: all losses inside the envelope
}

TEST_CASE("Chain losses grow with load, and pumps on the UPS add UPS loss", "[electrical]") {
  const ElectricalChain chain(one_mw_site());
  double last = -1.0;
  for (double it = 0.0; it <= 1.0e6; it += 25e3) {
    const double loss = chain.solve(ChainLoads{it, 0.2 * it, 0.0}).total_loss_w();
    CHECK(loss > last);
    last = loss;
  }
  const ChainResult off = chain.solve(ChainLoads{5e5, 1e5, 0.0});
  const ChainResult on = chain.solve(ChainLoads{5e5, 1e5, 2e4});
  CHECK(on.ups_loss_w > off.ups_loss_w);
  CHECK(on.ups_output_w == off.ups_output_w + 2e4);
  CHECK(on.facility_power_w > off.facility_power_w);
  CHECK_THROWS_WITH(chain.solve(ChainLoads{5e5, 1e4, 2e4}), Catch::Contains("mechanical_on_ups_w"));
  CHECK(chain.solve(ChainLoads{1.05e6, 0.0, 0.0}).ups_overloaded);
  ElectricalChainParams bad = one_mw_site();
  bad.pdu.loss_fraction = 1.5;
  CHECK_THROWS_WITH(ElectricalChain(bad),
                    Catch::Contains("pdu.loss_fraction must be in [0, 1) (got 1.5)"));
}
