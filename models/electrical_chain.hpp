// The electrical chain from the grid to the loads, solved at each event from the loads upwards:
// grid -> transformer -> {UPS -> {PDU/cabling -> IT, pumps on UPS}, other mechanical, lighting}.
//   PDU          P_pdu = f_pdu P_IT + P_pdu,fixed   (f_pdu 0.5-2 %, default 1 %; REFERENCE sec. 3)
//   UPS          output P_IT + P_pdu + P_mech,UPS; loss P_ups from models/ups.hpp
//   lighting     P_light = P_light,fixed + f_light P_IT   (0.2-1 % of IT, default 0.5 % [K])
//   transformer  output UPS input + (P_mech - P_mech,UPS) + P_light; loss P_tr (transformer.hpp)
//   facility     P_facility = transformer output + P_tr
//                           = P_IT + P_mech + P_light + P_pdu + P_ups + P_tr   (exact balance)
// Every loss is heat. It lands inside the cooling envelope unless its stage is marked outdoors
// (REFERENCE section 3: all inside by default); lighting power is heat inside as well.
#pragma once

#include "models/transformer.hpp"
#include "models/ups.hpp"

namespace dcsim::models {

struct PduParams {
  double loss_fraction = 0.01;  // of IT power, PDU and cabling
  double fixed_loss_w = 0.0;    // no-load loss of PDU transformers, if any
  bool outdoors = false;
};

struct LightingParams {
  double fixed_w = 0.0;           // lighting and other fixed loads off the UPS
  double fraction_of_it = 0.005;  // of the present IT power
};

struct ElectricalChainParams {
  TransformerParams transformer;
  UpsParams ups;
  PduParams pdu;
  LightingParams lighting;
};

struct ChainLoads {
  double it_power_w = 0.0;
  double mechanical_power_w = 0.0;   // all cooling power (chillers, towers, fans, pumps)
  double mechanical_on_ups_w = 0.0;  // the part of mechanical_power_w fed through the UPS
};

struct ChainResult {
  double it_power_w = 0.0;
  double mechanical_power_w = 0.0;
  double lighting_power_w = 0.0;
  double pdu_loss_w = 0.0;
  double ups_output_w = 0.0;
  double ups_loss_w = 0.0;
  double ups_load_fraction = 0.0;  // per installed module
  bool ups_overloaded = false;     // output above the N modules' capacity
  double transformer_output_w = 0.0;
  double transformer_loss_w = 0.0;
  double transformer_load_fraction = 0.0;
  double facility_power_w = 0.0;  // drawn from the grid
  double loss_heat_inside_w = 0.0;
  double loss_heat_outdoors_w = 0.0;
  double total_loss_w() const { return pdu_loss_w + ups_loss_w + transformer_loss_w; }
};

class ElectricalChain {
 public:
  explicit ElectricalChain(ElectricalChainParams params);
  const Transformer& transformer() const { return transformer_; }
  const Ups& ups() const { return ups_; }
  ChainResult solve(const ChainLoads& loads) const;

 private:
  Transformer transformer_;
  Ups ups_;
  PduParams pdu_;
  LightingParams lighting_;
};

}  // namespace dcsim::models
