// Assembly of the facility model (models/facility_impl.hpp): the checks of its configuration, the
// rack groups, plants and loops built from it, equipment sizing from the design load, the thermal
// network's nodes, links and sources, and the recorder's channels. The run itself is in
// models/facility.cpp.
#include "models/facility.hpp"
#include "models/facility_impl.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <limits>
#include <stdexcept>

#include <fmt/format.h>

#include "sim/check.hpp"
#include "sim/simulator.hpp"
#include "sim/thermal_network.hpp"

namespace dcsim::models {

Facility::Impl::Impl(const FacilityConfig& cfg, FacilityConnections connections)
    : cfg_(cfg), conn_(std::move(connections)), calendar_(cfg.start), sim_(0), net_(128) {
  require(cfg.length > 0, "period.length", "must be positive (got {} s)", sim::to_seconds(cfg.length));
  require(cfg.record_interval >= sim::minutes(1), "period.record_interval", "must be at least 1 min (got {} s)",
          sim::to_seconds(cfg.record_interval));
  require(cfg.weather != nullptr, "site", "needs weather {}", "");
  require(!cfg.groups.empty(), "it.groups", "must list at least one rack group{}", "");
  for (std::size_t i = 0; i < cfg.groups.size(); ++i) {
    const auto& g = cfg.groups[i];
    GroupState s;
    s.cfg = &g;
    s.hall = conn_.group_hall.at(i);
    s.loop = conn_.group_loop.at(i);
    s.rack = std::make_unique<RackGroup>(g.rack);
    s.profile = std::make_unique<UtilizationProfile>(g.utilization, calendar_);
    s.air_class = &ashrae_class(g.air_class);
    s.liquid_class = &ashrae_class(g.liquid_class);
    groups_.push_back(std::move(s));
  }
  for (const auto& p : cfg.plants) {
    PlantState s;
    s.cfg = &p;
    s.plant = std::make_unique<HeatRejectionPlant>(p.params);
    s.controller = std::make_unique<EconomizerController>(p.economizer);
    require(p.reuse_demand.size() == p.params.heat_reuse.size(), "reuse_demand",
            "needs one demand per heat-reuse stage (got {})", p.reuse_demand.size());
    s.chillers_up.assign(p.params.chillers.size(), -1);
    s.rejection_up.assign(p.params.rejection.size(), -1);
    plants_.push_back(std::move(s));
  }
  require(!cfg.halls.empty(), "cooling.air", "the facility needs at least one air-cooled hall{}", "");
  // The connections' indices are valid: read_connections found each in the graph.
  for (const auto& h : cfg.halls) {
    if (h.reset) {
      require(h.reset->min_c <= h.reset->max_c, (h.label + ".reset").c_str(), "min must not exceed max (got {} degC > {} degC)",
              h.reset->min_c, h.reset->max_c);
    }
    halls_.push_back(std::make_unique<AirHall>(h));
    zones_.push_back({h.name});
  }
  for (const auto& lc : cfg.liquid_loops) {
    if (lc.reset) {
      require(lc.reset->min_c <= lc.reset->max_c, (lc.label + ".reset").c_str(), "min must not exceed max (got {} degC > {} degC)",
              lc.reset->min_c, lc.reset->max_c);
    }
    loops_.push_back(std::make_unique<LiquidLoop>(lc));
  }
  // Coolant pump outages are scheduled outages of the loop's pump group, merged with any failure
  // process the scenario gives that group.
  failure_specs_ = cfg.failures;
  for (std::size_t k = 0; k < cfg.liquid_loops.size(); ++k) {
    const auto& lc = cfg.liquid_loops[k];
    if (lc.pump_outages.empty()) continue;
    ComponentFailures* pumps = nullptr;
    for (auto& f : failure_specs_) {
      if (f.target == FailureTarget::liquid_pumps && f.loop == k) pumps = &f;
    }
    if (!pumps) {
      failure_specs_.push_back(ComponentFailures{lc.label + ".pump", FailureTarget::liquid_pumps, 0, std::nullopt, {}, k});
      pumps = &failure_specs_.back();
    }
    for (const auto& o : lc.pump_outages) {
      require(o.start >= 0 && o.duration > 0 && o.units >= 1, (lc.label + ".pump_outages").c_str(),
              "need start >= 0, duration > 0 and units >= 1 (got start {} s, units {})", sim::to_seconds(o.start), o.units);
      pumps->scheduled.push_back(ScheduledOutage{o.start, o.duration, o.units, OutageKind::failure, "pump outage"});
    }
  }
  for (const auto& g : groups_) {
    const double f = g.rack->params().liquid_capture_share;
    require(f == 0.0 || !loops_.empty(), "it.groups.liquid_share", "is {} for group '{}' but the scenario has no liquid loop", f,
            g.cfg->name);
    require(f == 0.0 || g.loop.has_value(), "it.groups.loop", "of group '{}': its liquid heat reaches no liquid loop{}",
            g.cfg->name, "");
  }
  transformer_ = std::make_unique<Transformer>(cfg.power.transformer);
  ups_ = std::make_unique<Ups>(cfg.power.ups);
  if (cfg.supply.geothermal) geo_ = std::make_unique<GeothermalPlant>(*cfg.supply.geothermal, cfg.length);
  grid_ = cfg.supply.grid ? cfg.supply.grid
                          : std::make_shared<GridIntensity>(GridIntensity::constant(cfg.supply.grid_intensity_g_per_kwh));
  for (const auto& spec : cfg.equipment) {
    require(static_cast<bool>(spec.make), "cooling.equipment", "entry '{}' has no model", spec.name);
    equipment_.push_back(spec.make());
  }
  size_equipment();
  build_network();
  size_plants();
  setup_recorder();
  setup_failures();
}

void Facility::Impl::size_equipment() {
  // Design heat by loop: every group at peak power; the halls' shares of the design IT load carry
  // their part of the UPS and lighting heat.
  double design_it_w = 0;
  std::vector<double> hall_it_w(halls_.size(), 0.0);
  for (const auto& g : groups_) {
    const auto& p = g.rack->params();
    const double peak_w = p.rack_count * p.peak_power_w;
    // The CRAH fans move the servers' flow at the design inlet; ite servers' flow rises from the design
    // inlet on (no dead band, +10 % per kelvin with the default curve), so their units are provisioned
    // for the flow at the top of the class's recommended range, where the inlet may go.
    double inlet_c = halls_[g.hall]->design_inlet_c();
    if (p.fans.model == ServerFanModel::ite && g.air_class) inlet_c = std::max(inlet_c, g.air_class->recommended_max_c);
    const RackGroupPower design = g.rack->evaluate(1.0, inlet_c);
    // Against the nominal air heat the hall is given, (1 - c) P_peak (1 when the flow carries exactly it).
    const double air_peak_w = peak_w * (1.0 - p.liquid_capture_share);
    const double flow_factor = design.air_flow_heat_w == design.heat_to_air_w || air_peak_w <= 0.0 ? 1.0
                                                                                                   : design.air_flow_heat_w / air_peak_w;
    halls_[g.hall]->add_design_heat_w(peak_w * (1.0 - p.liquid_capture_share), peak_w * p.liquid_capture_share, flow_factor);
    if (p.liquid_capture_share > 0.0) loops_[*g.loop]->add_design_heat_w(peak_w * p.liquid_capture_share);
    hall_it_w[g.hall] += peak_w;
    design_it_w += peak_w;
  }
  for (std::size_t h = 0; h < halls_.size(); ++h) {
    hall_share_.push_back(halls_.size() == 1 ? 1.0 : design_it_w > 0 ? hall_it_w[h] / design_it_w : 1.0 / halls_.size());
  }
  design_it_w_ = design_it_w;
  for (auto& l : loops_) l->size();
}

std::string Facility::Impl::hall_prefix(std::size_t h) const {
  return halls_.size() == 1 ? std::string() : "hall." + halls_[h]->config().name + ".";
}

std::string Facility::Impl::loop_prefix(std::size_t k) const {
  return loops_.size() == 1 ? std::string() : "loop." + loops_[k]->config().name + ".";
}

// Plants: the loads on their water (loops, halls, equipment), design heat from them, loop flow from
// their design range; then the set points and the envelopes.
void Facility::Impl::size_plants() {
  // Halls first (their fans; equipment may have added heat to a hall's air while it was built).
  const double ups_design_loss_w = cfg_.power.ups.outdoors ? 0.0 : ups_->loss_w(design_it_w_);
  for (std::size_t h = 0; h < halls_.size(); ++h) {
    halls_[h]->size(hall_share_[h] * cfg_.power.lighting_w, cfg_.power.pdu_loss_fraction, hall_share_[h] * ups_design_loss_w);
  }
  for (std::size_t e = 0; e < equipment_.size(); ++e) {
    require(!equipment_[e]->plant_load() || conn_.equipment[e].plant.has_value(), "cooling.equipment", "{}: no plant's water cools it{}",
            equipment_[e]->name(), "");
  }
  // Plants: design heat from their loops, loop flow from their design range.
  for (std::size_t i = 0; i < plants_.size(); ++i) {
    auto& p = plants_[i];
    double loops_w = 0.0;
    for (std::size_t k = 0; k < loops_.size(); ++k) {
      const auto& l = loops_[k];
      if (conn_.loop_plant[k] != i) continue;
      p.loads.push_back(l.get());
      p.pumps_water = true;
      loops_w += l->design_heat_w();
    }
    for (std::size_t hi = 0; hi < halls_.size(); ++hi) {
      const auto& h = halls_[hi];
      if (conn_.hall_plant[hi] != i) continue;
      p.loads.push_back(h.get());
      p.pumps_water = p.pumps_water || h->pumps_water();
      loops_w += h->design_heat_w();
    }
    for (std::size_t e = 0; e < equipment_.size(); ++e) {
      PlantLoad* load = equipment_[e]->plant_load();
      if (!load || conn_.equipment[e].plant != i) continue;
      p.loads.push_back(load);
      p.pumps_water = p.pumps_water || load->pumps_water();
      loops_w += load->design_load_w();
    }
    const double design = p.cfg->design_heat_w > 0 ? p.cfg->design_heat_w : loops_w;
    p.design_heat_w = std::max(design, 1.0);
    p.design_flow_kg_s = p.design_heat_w / (kWaterCpJPerKgK * p.cfg->delta_t_k);
    FluidMachineParams pump = p.cfg->pump;
    if (pump.design_flow_m3_s <= 0) pump.design_flow_m3_s = p.design_flow_kg_s / kWaterDensityKgPerM3 / pump.unit_count;
    p.pump = std::make_unique<FluidMachine>(pump);
  }
  update_set_points();
  for (auto& p : plants_) p.supply_c = p.supply_set_c;
  // Envelopes: a hall's cold aisle feeds every air-cooled group in it, so the narrowest class applies;
  // a loop's coolant serves every liquid-cooled group on it.
  for (const auto& g : groups_) {
    if (g.rack->params().liquid_capture_share < 1.0) halls_[g.hall]->narrow_envelope(*g.air_class);
    if (g.rack->params().liquid_capture_share > 0.0) loops_[*g.loop]->narrow_limit(g.liquid_class->allowable_max_c);
  }
}

// What equipment sees of the facility at assembly (models/equipment.hpp).
class Facility::Impl::EquipmentAssembly final : public Assembly {
 public:
  EquipmentAssembly(Impl& f, std::size_t e) : f_(f), e_(e) {}
  const EquipmentPorts& ports() const override { return f_.conn_.equipment.at(e_); }
  bool loop_has_plant(std::size_t k) const override { return f_.conn_.loop_plant.at(k).has_value(); }
  sim::ThermalNetwork& network() override { return f_.net_; }
  std::size_t group_count() const override { return f_.groups_.size(); }
  const std::string& group_name(std::size_t g) const override { return f_.groups_.at(g).cfg->name; }
  double group_design_air_w(std::size_t g) const override {
    const auto& p = f_.groups_.at(g).rack->params();
    return p.rack_count * p.peak_power_w * (1.0 - p.liquid_capture_share);
  }
  double group_design_liquid_w(std::size_t g) const override {
    const auto& p = f_.groups_.at(g).rack->params();
    return p.rack_count * p.peak_power_w * p.liquid_capture_share;
  }
  int group_racks(std::size_t g) const override { return f_.groups_.at(g).rack->params().rack_count; }
  const RackGroupParams& group_params(std::size_t g) const override { return f_.groups_.at(g).rack->params(); }
  std::size_t group_hall(std::size_t g) const override { return f_.groups_.at(g).hall; }
  AirHall& hall(std::size_t h) override { return *f_.halls_.at(h); }
  LiquidLoop& loop(std::size_t k) override { return *f_.loops_.at(k); }
  std::optional<std::size_t> loop_of(std::size_t g) const override { return f_.groups_.at(g).loop; }
  void claim_air_port(std::size_t g, sim::NodeId node) override { claim(f_.air_port_, g, node, "air"); }
  void claim_liquid_port(std::size_t g, sim::NodeId node) override { claim(f_.liquid_port_, g, node, "liquid"); }

 private:
  void claim(std::vector<sim::NodeId>& ports, std::size_t g, sim::NodeId node, const char* side) {
    require(ports.at(g) < 0, "cooling.equipment", "rack group '{}': its {} side is already served by other equipment",
            f_.groups_[g].cfg->name, side);
    ports[g] = node;
  }
  Impl& f_;
  std::size_t e_;
};

void Facility::Impl::build_network() {
  for (std::size_t h = 0; h < halls_.size(); ++h) halls_[h]->build(net_, hall_prefix(h));
  for (std::size_t k = 0; k < loops_.size(); ++k) loops_[k]->build(net_, loop_prefix(k));
  // Equipment adds its nodes and claims the heat ports of the groups it serves.
  air_port_.assign(groups_.size(), -1);
  liquid_port_.assign(groups_.size(), -1);
  for (std::size_t e = 0; e < equipment_.size(); ++e) {
    EquipmentAssembly assembly(*this, e);
    equipment_[e]->build(assembly);
  }
  // Rack groups: a chip node on their loop's coolant (or the equipment holding them), an air-side
  // node in their hall's hot aisle (or the equipment their exhaust passes through).
  for (std::size_t i = 0; i < groups_.size(); ++i) {
    auto& g = groups_[i];
    const auto& p = g.rack->params();
    const auto& hc = halls_[g.hall]->config();
    const double f = p.liquid_capture_share;
    const double c = g.rack->heat_capacity_j_per_k();
    const double peak_w = p.rack_count * p.peak_power_w;
    if (f > 0) {
      auto& loop = *loops_[*g.loop];
      g.chip = net_.add_node(g.cfg->name + ".chip", f * c, loop.config().supply_temp_c + g.cfg->cold_plate_delta_t_k);
      g.cold_plate_ua_w_per_k = f * peak_w / g.cfg->cold_plate_delta_t_k;
      if (liquid_port_[i] >= 0) {
        g.cold_plate = net_.add_conductance(g.chip, liquid_port_[i], g.cold_plate_ua_w_per_k);
      } else {
        g.cold_plate = net_.add_conductance(g.chip, loop.coolant(), g.cold_plate_ua_w_per_k);
        loop.attach_cold_plate(g.cold_plate, g.cold_plate_ua_w_per_k);
      }
      g.chip_src = net_.add_source(g.chip, 0.0);
    }
    if (f < 1) {
      g.air_part = net_.add_node(g.cfg->name + ".air_side", (1 - f) * c, hc.supply_temp_c + hc.server_delta_t_k);
      const sim::NodeId to = air_port_[i] >= 0 ? air_port_[i] : halls_[g.hall]->hot();
      net_.add_conductance(g.air_part, to, std::max((1 - f) * peak_w / g.cfg->air_side_delta_t_k, 1.0));
      g.air_src = net_.add_source(g.air_part, 0.0);
    }
  }
}

void Facility::Impl::setup_recorder() {
  auto& r = result_.recorder;
  ch_dry_bulb_ = r.add_channel("dry_bulb_c", "degC", "outdoor dry-bulb temperature at the sample time");
  ch_wet_bulb_ = r.add_channel("wet_bulb_c", "degC", "outdoor wet-bulb temperature at the sample time");
  ch_it_kw_ = r.add_channel("it_power_kw", "kW", "IT input power, mean over the recording interval");
  ch_fac_kw_ = r.add_channel("facility_power_kw", "kW", "facility input power, mean over the recording interval");
  ch_cool_kw_ = r.add_channel("cooling_power_kw", "kW", "fans, pumps, compressors, heat rejection, heat pump, humidifiers, mean over the interval");
  ch_pue_ = r.add_channel("pue", "1", "facility / IT energy over the recording interval, all site energy (the summary pue leaves the heat-reuse heat pump out by default)");
  for (std::size_t h = 0; h < halls_.size(); ++h) halls_[h]->add_channels(r, hall_prefix(h));
  for (std::size_t k = 0; k < loops_.size(); ++k) loops_[k]->add_channels(r, loop_prefix(k));
  for (auto& e : equipment_) e->add_channels(r);
  ch_water_ = r.add_channel("water_l_per_h", "L/h", "site water use, mean over the interval");
  ch_reuse_ = r.add_channel("heat_reused_kw", "kW", "heat delivered to reuse, mean over the interval");
  ch_grid_ = r.add_channel("grid_intensity_g_per_kwh", "gCO2e/kWh", "grid carbon intensity at the sample time");
  ch_geo_ = r.add_channel("geothermal_available", "1", "1 when the geothermal plant is up");
  ch_co2_ = r.add_channel("emissions_kg_per_h", "kgCO2e/h", "operational emissions rate, mean over the interval");
  ch_grid_co2_ = r.add_channel("grid_emissions_kg_per_h", "kgCO2e/h", "emissions rate of the grid's energy, mean over the interval");
  ch_geo_co2_ = r.add_channel("geothermal_emissions_kg_per_h", "kgCO2e/h",
                              "emissions rate of the geothermal plant's energy, mean over the interval");
  ch_grid_share_ = r.add_channel("grid_energy_share", "1", "share of the interval's facility energy drawn from the grid");
  ch_geo_share_ = r.add_channel("geothermal_energy_share", "1", "share of the interval's facility energy from the geothermal plant");
  for (const auto& g : groups_) {
    ch_group_util_.push_back(r.add_channel(g.cfg->name + ".utilization", "1", "utilization of rack group " + g.cfg->name));
    ch_group_kw_.push_back(r.add_channel(g.cfg->name + ".power_kw", "kW", "IT power of rack group " + g.cfg->name));
    ch_group_chip_.push_back(r.add_channel(g.cfg->name + ".equipment_c", "degC",
                                           "lumped equipment temperature of rack group " + g.cfg->name));
  }
  for (const auto& p : plants_) {
    ch_plant_mode_.push_back(r.add_channel("plant." + p.cfg->name + ".mode", "1",
                                           "economizer mode of plant " + p.cfg->name + ": 0 free, 1 partial, 2 mechanical"));
    ch_plant_supply_.push_back(r.add_channel("plant." + p.cfg->name + ".supply_c", "degC",
                                             "water supply temperature of plant " + p.cfg->name));
    ch_plant_chillers_.push_back(r.add_channel("plant." + p.cfg->name + ".chillers_running", "1",
                                               "chillers running in plant " + p.cfg->name + " (staging)"));
  }
  ch_unmet_ = r.add_channel("unmet_cooling_kw", "kW",
                            "heat the halls and liquid loops could not shed at their supply set points, mean over the interval");
  for (const auto& p : plants_) {
    shortfalls_.push_back({"plant." + p.cfg->name});
    mode_time_.push_back({p.cfg->name});
  }
  for (const auto& h : halls_) shortfalls_.push_back({h->config().label});
  for (const auto& l : loops_) shortfalls_.push_back({l->config().label});
  for (const auto& e : equipment_) {
    if (e->reports_shortfall()) shortfalls_.push_back({e->name()});
  }
  const auto rows = static_cast<std::size_t>(cfg_.length / cfg_.record_interval) + 2;
  if (!cfg_.keep_timeseries) r.discard_rows();
  r.reserve(rows);
}

}  // namespace dcsim::models
