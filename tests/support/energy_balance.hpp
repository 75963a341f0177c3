// The facility's energy balance from its ledger: electricity in = heat rejected + heat reused +
// change of stored heat (server fans are part of IT, not counted twice).
#pragma once

#include <cmath>

#include "models/energy_ledger.hpp"

namespace dcsim::test {

inline double electricity_j(const models::EnergyLedger& l) {
  using models::Use;
  double e = 0;
  for (Use u : {Use::it, Use::air_fans, Use::pumps, Use::compressors, Use::heat_rejection_fans, Use::heat_pump, Use::humidifiers,
                Use::transformer_loss, Use::ups_loss, Use::pdu_loss, Use::lighting}) {
    e += l[u];
  }
  return e;
}

// Relative closure of the balance.
inline double balance_error(const models::EnergyLedger& l) {
  return std::fabs(electricity_j(l) - (l.heat_rejected_j + l.heat_reused_j + l.stored_change_j)) / electricity_j(l);
}

}  // namespace dcsim::test
