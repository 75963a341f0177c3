#include "models/air_hall.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "models/flow_step.hpp"

namespace dcsim::models {

double room_structure_ua_w_per_k(double room_volume_m3) {
  const double h = kRoomHeightM;
  const double area_m2 = 2.0 * room_volume_m3 / h + 4.0 * h * std::sqrt(room_volume_m3 / h);
  return kRoomSurfaceCoefficientWPerM2K * area_m2;
}

double AirLoopConfig::structure_ua_w_per_k_or_default() const {
  return structure_ua_w_per_k > 0.0 ? structure_ua_w_per_k : room_structure_ua_w_per_k(room_volume_m3);
}

namespace {
constexpr double kAirCp = kAirCpJPerKgK;
constexpr double kAirRho = kAirDensityKgPerM3;
}  // namespace

AirHall::AirHall(const AirLoopConfig& cfg) : cfg_(cfg), econ_(std::make_unique<AirEconomizer>(cfg.economizer)) {
  set_c_ = cfg_.supply_temp_c;
}

void AirHall::add_design_heat_w(double air_w, double liquid_w, double flow_factor) {
  design_heat_w_ += air_w;
  design_liquid_w_ += liquid_w;
  if (flow_factor != 1.0) design_flow_extra_w_ += air_w * (flow_factor - 1.0);
}

// `lighting_w`: the hall's share of the lighting; the PDU loss follows the hall's whole design IT load;
// `ups_loss_w`: the hall's share of the UPS loss at the design IT load (0 with the UPS outdoors). The
// units' fans and coils carry all the heat the room gets, the electrical chain's included.
void AirHall::size(double lighting_w, double pdu_loss_fraction, double ups_loss_w) {
  design_heat_w_ += lighting_w + ups_loss_w + pdu_loss_fraction * (design_liquid_w_ + design_heat_w_);
  design_heat_w_ += equipment_heat_w_;
  FluidMachineParams fans = cfg_.fans;
  fans.unit_count = cfg_.unit_count;  // one fan set per unit: the units' count is the fans' count
  if (fans.design_flow_m3_s <= 0) {
    // Sized so that all units together move the design air heat at the server temperature rise (the
    // servers' own design flow at the design inlet, where their fans' speed depends on it), with the
    // bypass share on top.
    const double m_kg_s = (design_heat_w_ + design_flow_extra_w_) / (kAirCp * cfg_.server_delta_t_k) / (1.0 - cfg_.bypass);
    fans.design_flow_m3_s = std::max(m_kg_s / kAirRho, 1e-3) / fans.unit_count;
  }
  fans_ = std::make_unique<FluidMachine>(fans);
}

void AirHall::narrow_envelope(const AshraeClass& c) {
  rec_min_c_ = std::max(rec_min_c_, c.recommended_min_c);
  rec_max_c_ = std::min(rec_max_c_, c.recommended_max_c);
  allow_min_c_ = std::max(allow_min_c_, c.allowable_min_c);
  allow_max_c_ = std::min(allow_max_c_, c.allowable_max_c);
}

void AirHall::build(sim::ThermalNetwork& net, const std::string& prefix) {
  net_ = &net;
  mnet_ = &net;
  const double t0 = cfg_.supply_temp_c;
  crah_ = net.add_boundary(prefix + "crah_supply", t0);
  const double air_c = cfg_.room_volume_m3 * kAirRho * kAirCp;
  cold_ = net.add_node(prefix + "cold_aisle", 0.4 * air_c, t0);
  hot_ = net.add_node(prefix + "hot_aisle", 0.6 * air_c, t0 + cfg_.server_delta_t_k);
  structure_ = net.add_node(prefix + "structure", cfg_.structure_capacity_j_per_k, t0 + 0.5 * cfg_.server_delta_t_k);
  // Floor, walls and ceiling mostly see the return air; the contained cold aisle sees little of them.
  const double ua = cfg_.structure_ua_w_per_k_or_default();
  net.add_conductance(structure_, hot_, ua);
  net.add_conductance(structure_, cold_, 0.1 * ua);
  crah_in_ = net.add_flow(crah_, cold_, 0.0);
  it_flow_ = net.add_flow(cold_, hot_, 0.0);
  bypass_ = net.add_flow(cold_, hot_, 0.0);
  recirc_ = net.add_flow(hot_, cold_, 0.0);
  crah_out_ = net.add_flow(hot_, crah_, 0.0);
  fan_heat_ = net.add_source(hot_, 0.0);  // upstream of the coil: the supply set point holds
  elec_heat_ = net.add_source(hot_, 0.0);
  supply_air_c_ = t0;
}

void AirHall::route_server_air(std::size_t group, sim::NodeId node) {
  paths_.push_back({group, mnet_->add_flow(cold_, node, 0.0), mnet_->add_flow(node, hot_, 0.0)});
}

std::size_t AirHall::add_air_path(Aisle from, sim::NodeId node, Aisle to) {
  const sim::NodeId a = from == Aisle::cold ? cold_ : hot_, b = to == Aisle::cold ? cold_ : hot_;
  air_paths_.push_back({from, to, mnet_->add_flow(a, node, 0.0), mnet_->add_flow(node, b, 0.0), 0.0});
  return air_paths_.size() - 1;
}

void AirHall::add_channels(sim::Recorder& r, const std::string& prefix) {
  const std::string of = prefix.empty() ? "" : " of hall " + cfg_.name;
  ch_cold_ = r.add_channel(prefix + "it_inlet_c", "degC", "IT inlet (cold aisle) air temperature" + of);
  ch_hot_ = r.add_channel(prefix + "hot_aisle_c", "degC", "hot aisle air temperature" + of);
  ch_supply_air_ = r.add_channel(prefix + "supply_air_c", "degC", "CRAH supply air temperature" + of);
}

void AirHall::record(sim::Recorder& r) const {
  r.set(ch_cold_, net_->temp_c(cold_));
  r.set(ch_hot_, net_->temp_c(hot_));
  r.set(ch_supply_air_, supply_air_c_);
}

void AirHall::update_set_point(double dry_bulb_c) {
  if (cfg_.reset) set_c_ = cfg_.reset->set_point_c(dry_bulb_c);
}

void AirHall::operate(const WeatherRecord& w, double air_heat_w, double flow_heat_w, double electrical_w, int units_up,
                      bool water_stopped, const std::vector<double>& group_flow_heat_w) {
  auto& net = *mnet_;
  air_heat_w_ = air_heat_w;
  flow_heat_w_ = flow_heat_w;
  electrical_w_ = electrical_w;
  const double m_air_design = design_heat_w_ / (kAirCp * cfg_.server_delta_t_k);
  const double m_it = quantize_up(flow_heat_w / (kAirCp * cfg_.server_delta_t_k), m_air_design);
  // Air equipment brings into the cold aisle (in-row coolers) less what it draws from it (L2A CDUs).
  double into_cold = 0.0;
  for (const auto& p : air_paths_) {
    if (p.from != p.to) into_cold += p.to == Aisle::cold ? p.m_kg_s : -p.m_kg_s;
  }
  const double m_crah_req = quantize_up(std::max((m_it * (1.0 - cfg_.recirculation) - into_cold) / (1.0 - cfg_.bypass), 0.0) +
                                            electrical_w / (kAirCp * cfg_.server_delta_t_k),
                                        m_air_design);
  // The units control on return air and never stop their fans while up: at least one runs at its
  // minimum speed when no heat asks for air (racks off or idle without heat).
  const auto fan_op = fans_->operate(std::max(m_crah_req, 1e-9) / kAirRho, units_up);
  const double m_crah = fan_op.flow_m3_s * kAirRho;
  m_crah_ = m_crah;
  fans_w_ = fan_op.power_w;
  // Cold aisle balance: m_crah + recirc + into_cold = m_it + bypass.
  double bypass = cfg_.bypass * m_crah;
  double recirc = m_it + bypass - m_crah - into_cold;
  if (recirc < cfg_.recirculation * m_it) {
    recirc = cfg_.recirculation * m_it;
    bypass = m_crah + recirc + into_cold - m_it;
  }
  if (bypass < 0) {  // fans short of flow: the servers draw the rest from the hot aisle
    bypass = 0;
    recirc = m_it - m_crah - into_cold;
  }
  // Coil capacity of the units up; with none (or no chilled water) the fans only move room air.
  coil_cap_w_ = water_stopped ? 0.0 : units_up * cfg_.unit_capacity_w;
  const bool coil_off = coil_cap_w_ <= 0.0;
  crah_mcp_ = coil_off ? 0.0 : m_crah * kAirCp;
  net.set_flow(crah_in_, crah_mcp_);
  net.set_flow(crah_out_, crah_mcp_);
  // Server air straight to the hot aisle, less what passes through equipment on the way.
  m_it_ = m_it;
  double routed = 0.0;
  for (const auto& p : paths_) {
    const double m = server_flow_kg_s(group_flow_heat_w[p.group]);
    net.set_flow(p.in, m * kAirCp);
    net.set_flow(p.out, m * kAirCp);
    routed += m;
  }
  net.set_flow(it_flow_, std::max(m_it - routed, 0.0) * kAirCp);
  for (const auto& p : air_paths_) {
    net.set_flow(p.in, p.m_kg_s * kAirCp);
    net.set_flow(p.out, p.m_kg_s * kAirCp);
  }
  net.set_flow(bypass_, bypass * kAirCp);
  net.set_flow(recirc_, (recirc + (coil_off ? m_crah : 0.0)) * kAirCp);
  net.set_source(fan_heat_, fans_w_);
  net.set_source(elec_heat_, electrical_w);
  // Airside economizer share, from the hot aisle (return air) now.
  t_return_ = net.temp_c(hot_);
  AirEconomizerInputs in;
  in.dry_bulb_c = w.dry_bulb_c;
  in.wet_bulb_c = w.wet_bulb_c;
  in.dew_point_c = w.dew_point_c;
  in.pressure_pa = w.pressure_pa;
  in.supply_set_c = set_c_;
  in.return_c = t_return_;
  in.supply_flow_kg_s = m_crah;
  in.coil_water_c = water_set_c();  // the warmest water that meets the set point: what the coil gets at most
  const AirEconomizerState econ = econ_->evaluate(in);
  coil_share_ = econ.coil_share;
  economizer_water_kg_s_ = crah_mcp_ > 0.0 ? econ.water_kg_s : 0.0;  // no CRAH air through it: no water
  economizer_fans_w_ = crah_mcp_ > 0.0 ? econ.secondary_fan_w : 0.0;
  humidifier_w_ = crah_mcp_ > 0.0 ? econ.humidifier_w : 0.0;
}

double AirHall::load_at_w(double water_c) const {
  if (crah_mcp_ <= 0 || coil_share_ <= 0) return 0.0;
  const double t_sa = std::max(set_c_, water_c + cfg_.coil_approach_k);
  return coil_share_ * std::min(std::max(crah_mcp_ * (t_return_ - t_sa), 0.0), coil_cap_w_);
}

double AirHall::current_load_w() const {
  return std::max(coil_share_ * crah_mcp_ * (net_->temp_c(hot_) - net_->temp_c(crah_)), 0.0);
}

std::optional<std::string> AirHall::apply_water(double water_c) {
  const double coil_c = water_c + cfg_.coil_approach_k;
  double t_sa = coil_share_ <= 0.0 ? set_c_ : std::max(set_c_, coil_c);
  // CRAH coil capacity: the units can take only so much heat from the return air.
  const double cap_w = coil_cap_w_;
  const bool was = constrained_;
  constrained_ = false;
  if (crah_mcp_ > 0 && crah_mcp_ * (t_return_ - t_sa) > cap_w) {
    t_sa = t_return_ - cap_w / crah_mcp_;
    constrained_ = true;
  }
  supply_air_c_ = t_sa;
  mnet_->set_temp(crah_, t_sa);
  // The heat the hall would shed at its supply set point less what it sheds at the supply it gets
  // (with no coil: all the heat it brings), up to the heat its equipment gives off now.
  const bool coil_off = coil_cap_w_ <= 0.0;
  shortfall_w_ = std::min(coil_off ? std::max(m_crah_ * kAirCp * (t_return_ - set_c_), 0.0)
                                   : crah_mcp_ * std::max(t_sa - set_c_, 0.0),
                          sources_w());
  if (constrained_ == was) return std::nullopt;
  return constrained_ ? fmt::format("coil capacity {:.1f} kW reached: supply air {:.1f} degC", cap_w / 1e3, t_sa)
                      : std::string("load within coil capacity again");
}

}  // namespace dcsim::models
