// Invariants of one heat-rejection plant solve (models/heat_rejection_plant.hpp), for the plant tests.
#pragma once

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <random>

#include "models/heat_rejection_plant.hpp"

namespace dcsim::test {

inline double uniform(std::mt19937_64& rng, double lo, double hi) {
  return lo + (hi - lo) * static_cast<double>(rng() >> 11) * 0x1.0p-53;
}

// Random loop and weather state (availability and reuse demand are the caller's).
inline models::PlantInputs random_plant_inputs(std::mt19937_64& rng) {
  models::PlantInputs in;
  in.load_w = uniform(rng, 0.0, 1.6e6);
  in.supply_set_c = uniform(rng, 5.0, 35.0);
  in.flow_kg_s = uniform(rng, 5.0, 80.0);
  in.return_temp_c = in.supply_set_c + uniform(rng, -1.0, 15.0);
  in.dry_bulb_c = uniform(rng, -20.0, 45.0);
  in.wet_bulb_c = in.dry_bulb_c - uniform(rng, 0.0, 15.0);
  in.mode = static_cast<models::EconomizerMode>(static_cast<int>(uniform(rng, 0.0, 2.999)));
  in.available.pumps_up = static_cast<int>(uniform(rng, 0.0, 2.999));
  return in;
}

// Heat rejected + reused + unmet = load + compressor + heat pump, exactly; nothing negative; the
// supply follows from the heat removed.
inline void check_plant_balance(const models::PlantInputs& in, const models::PlantOutput& out) {
  const double in_w = in.load_w + out.power.compressor_w + out.power.heat_pump_w;
  const double out_w = out.heat_rejected_w + out.heat_reused_w + out.unmet_w;
  CHECK(std::abs(out_w - in_w) <= 1e-9 * in_w + 1e-9);
  CHECK(out.unmet_w >= -1e-9 * in.load_w);
  CHECK(out.supply_temp_c >= std::min(in.supply_set_c, in.return_temp_c) - 1e-9);
  CHECK(out.supply_temp_c <= std::max(in.supply_set_c, in.return_temp_c) + 1e-9);
  CHECK(out.power.compressor_w >= 0.0);
  CHECK(out.power.fans_w >= 0.0);
  CHECK(out.power.pumps_w >= 0.0);
  CHECK(out.water.total_kg_s() >= 0.0);
  CHECK(out.supply_temp_c == Approx(in.return_temp_c - out.heat_removed_w / (in.flow_kg_s * 4186.0)));
}

}  // namespace dcsim::test
