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

Facility::Impl::Impl(const FacilityConfig& cfg) : cfg_(cfg), calendar_(cfg.start), sim_(0), net_(128) {
  require(cfg.length > 0, "period.length", "must be positive (got {} s)", sim::to_seconds(cfg.length));
  require(cfg.record_interval >= sim::minutes(1), "period.record_interval", "must be at least 1 min (got {} s)",
          sim::to_seconds(cfg.record_interval));
  require(cfg.weather != nullptr, "site", "needs weather {}", "");
  require(!cfg.groups.empty(), "it.groups", "must list at least one rack group{}", "");
  for (const auto& g : cfg.groups) {
    GroupState s;
    s.cfg = &g;
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
    plants_.push_back(std::move(s));
  }
  liquid_ = cfg.liquid.enabled;
  require(!liquid_ || cfg.liquid.plant < plants_.size(), "cooling.liquid.plant", "names no plant (index {})",
          cfg.liquid.plant);
  require(cfg.air.plant < plants_.size(), "cooling.air.plant", "names no plant (index {})", cfg.air.plant);
  if (cfg.liquid.reset) {
    require(cfg.liquid.reset->min_c <= cfg.liquid.reset->max_c, "cooling.liquid.reset",
            "min must not exceed max (got {} degC > {} degC)", cfg.liquid.reset->min_c, cfg.liquid.reset->max_c);
  }
  if (cfg.air.reset) {
    require(cfg.air.reset->min_c <= cfg.air.reset->max_c, "cooling.air.reset",
            "min must not exceed max (got {} degC > {} degC)", cfg.air.reset->min_c, cfg.air.reset->max_c);
  }
  // Coolant pump outages are scheduled outages of the coolant pump group, merged with any failure
  // process the scenario gives that group.
  failure_specs_ = cfg.failures;
  if (!cfg.liquid.pump_outages.empty()) {
    ComponentFailures* pumps = nullptr;
    for (auto& f : failure_specs_) {
      if (f.target == FailureTarget::liquid_pumps) pumps = &f;
    }
    if (!pumps) {
      failure_specs_.push_back(ComponentFailures{"cooling.liquid.pump", FailureTarget::liquid_pumps, 0, std::nullopt, {}});
      pumps = &failure_specs_.back();
    }
    for (const auto& o : cfg.liquid.pump_outages) {
      require(o.start >= 0 && o.duration > 0 && o.units >= 1, "cooling.liquid.pump_outages",
              "need start >= 0, duration > 0 and units >= 1 (got start {} s, units {})", sim::to_seconds(o.start), o.units);
      pumps->scheduled.push_back(ScheduledOutage{o.start, o.duration, o.units, OutageKind::failure, "pump outage"});
    }
  }
  for (const auto& g : groups_) {
    require(liquid_ || g.rack->params().liquid_capture_share == 0.0, "it.groups.liquid_share",
            "is {} for group '{}' but the scenario has no liquid loop", g.rack->params().liquid_capture_share,
            g.cfg->name);
  }
  transformer_ = std::make_unique<Transformer>(cfg.power.transformer);
  ups_ = std::make_unique<Ups>(cfg.power.ups);
  if (cfg.supply.geothermal) geo_ = std::make_unique<GeothermalPlant>(*cfg.supply.geothermal, cfg.length);
  grid_ = cfg.supply.grid ? cfg.supply.grid
                          : std::make_shared<GridIntensity>(GridIntensity::constant(cfg.supply.grid_intensity_g_per_kwh));
  air_econ_ = std::make_unique<AirEconomizer>(cfg.air.economizer);
  size_equipment();
  build_network();
  setup_recorder();
  setup_failures();
}

void Facility::Impl::size_equipment() {
  // Design heat by loop: every group at peak power.
  for (const auto& g : groups_) {
    const auto& p = g.rack->params();
    const double peak_w = p.rack_count * p.peak_power_w;
    liquid_design_heat_w_ += peak_w * p.liquid_capture_share;
    air_design_heat_w_ += peak_w * (1.0 - p.liquid_capture_share);
  }
  air_design_heat_w_ += cfg_.power.lighting_w + cfg_.power.pdu_loss_fraction * (liquid_design_heat_w_ + air_design_heat_w_);
  const auto& lc = cfg_.liquid;
  if (liquid_) {
    liquid_design_flow_kg_s_ = liquid_design_heat_w_ / (lc.coolant_cp_j_per_kg_k * lc.delta_t_k);
    FluidMachineParams pump = lc.pump;
    if (pump.design_flow_m3_s <= 0) {
      pump.design_flow_m3_s = liquid_design_flow_kg_s_ / lc.coolant_density_kg_per_m3 / pump.unit_count;
    }
    liquid_pump_ = std::make_unique<FluidMachine>(pump);
  }
  const auto& ac = cfg_.air;
  FluidMachineParams fans = ac.fans;
  if (fans.design_flow_m3_s <= 0) {
    // Sized so that all units together move the design air heat at the server temperature rise,
    // with the bypass share on top.
    const double m_kg_s = air_design_heat_w_ / (kAirCp * ac.server_delta_t_k) / (1.0 - ac.bypass);
    fans.design_flow_m3_s = std::max(m_kg_s / kAirRho, 1e-3) / fans.unit_count;
  }
  fans_ = std::make_unique<FluidMachine>(fans);
  // Plants: design heat from their loops, loop flow from their design range.
  for (std::size_t i = 0; i < plants_.size(); ++i) {
    auto& p = plants_[i];
    p.serves_liquid = liquid_ && cfg_.liquid.plant == i;
    p.serves_air = cfg_.air.plant == i;
    double design = p.cfg->design_heat_w;
    if (design <= 0) {
      design = (p.serves_liquid ? liquid_design_heat_w_ : 0.0) + (p.serves_air ? air_design_heat_w_ : 0.0);
    }
    p.design_heat_w = std::max(design, 1.0);
    p.design_flow_kg_s = p.design_heat_w / (kWaterCpJPerKgK * p.cfg->delta_t_k);
    FluidMachineParams pump = p.cfg->pump;
    if (pump.design_flow_m3_s <= 0) pump.design_flow_m3_s = p.design_flow_kg_s / kWaterDensityKgPerM3 / pump.unit_count;
    p.pump = std::make_unique<FluidMachine>(pump);
  }
  liquid_set_c_ = cfg_.liquid.supply_temp_c;
  air_set_c_ = cfg_.air.supply_temp_c;
  update_set_points();
  for (auto& p : plants_) p.supply_c = p.supply_set_c;
  // Envelopes: the cold aisle feeds every air-cooled group, so the narrowest class applies.
  for (const auto& g : groups_) {
    if (g.rack->params().liquid_capture_share < 1.0) {
      rec_min_c_ = std::max(rec_min_c_, g.air_class->recommended_min_c);
      rec_max_c_ = std::min(rec_max_c_, g.air_class->recommended_max_c);
      allow_min_c_ = std::max(allow_min_c_, g.air_class->allowable_min_c);
      allow_max_c_ = std::min(allow_max_c_, g.air_class->allowable_max_c);
    }
    if (g.rack->params().liquid_capture_share > 0.0) {
      liquid_limit_c_ = std::min(liquid_limit_c_, g.liquid_class->allowable_max_c);
    }
  }
}

void Facility::Impl::build_network() {
  const auto& ac = cfg_.air;
  const double t0 = ac.supply_temp_c;
  // Air loop: CRAH supply boundary, aisles, structure.
  crah_ = net_.add_boundary("crah_supply", t0);
  const double air_c = ac.room_volume_m3 * kAirRho * kAirCp;
  cold_ = net_.add_node("cold_aisle", 0.4 * air_c, t0);
  hot_ = net_.add_node("hot_aisle", 0.6 * air_c, t0 + ac.server_delta_t_k);
  structure_ = net_.add_node("structure", ac.structure_capacity_j_per_k, t0 + 0.5 * ac.server_delta_t_k);
  // Floor, walls and ceiling mostly see the return air; the contained cold aisle sees little of them.
  net_.add_conductance(structure_, hot_, ac.structure_ua_w_per_k);
  net_.add_conductance(structure_, cold_, 0.1 * ac.structure_ua_w_per_k);
  crah_in_ = net_.add_flow(crah_, cold_, 0.0);
  it_flow_ = net_.add_flow(cold_, hot_, 0.0);
  bypass_ = net_.add_flow(cold_, hot_, 0.0);
  recirc_ = net_.add_flow(hot_, cold_, 0.0);
  crah_out_ = net_.add_flow(hot_, crah_, 0.0);
  fan_heat_ = net_.add_source(hot_, 0.0);  // upstream of the coil: the supply set point holds
  elec_heat_ = net_.add_source(hot_, 0.0);
  // Liquid loop.
  const auto& lc = cfg_.liquid;
  if (liquid_) {
    cdu_ = net_.add_boundary("cdu_supply", lc.supply_temp_c);
    const double c = lc.coolant_volume_m3 * lc.coolant_density_kg_per_m3 * lc.coolant_cp_j_per_kg_k;
    coolant_ = net_.add_node("coolant", c, lc.supply_temp_c + 0.5 * lc.delta_t_k);
    cdu_in_ = net_.add_flow(cdu_, coolant_, 0.0);
    cdu_out_ = net_.add_flow(coolant_, cdu_, 0.0);
    pump_heat_ = net_.add_source(coolant_, 0.0);
  }
  // Rack groups.
  for (auto& g : groups_) {
    const auto& p = g.rack->params();
    const double f = p.liquid_capture_share;
    const double c = g.rack->heat_capacity_j_per_k();
    const double peak_w = p.rack_count * p.peak_power_w;
    if (f > 0) {
      g.chip = net_.add_node(g.cfg->name + ".chip", f * c, lc.supply_temp_c + g.cfg->cold_plate_delta_t_k);
      g.cold_plate_ua_w_per_k = f * peak_w / g.cfg->cold_plate_delta_t_k;
      g.cold_plate = net_.add_conductance(g.chip, coolant_, g.cold_plate_ua_w_per_k);
      g.chip_src = net_.add_source(g.chip, 0.0);
    }
    if (f < 1) {
      g.air_part = net_.add_node(g.cfg->name + ".air_side", (1 - f) * c, t0 + ac.server_delta_t_k);
      net_.add_conductance(g.air_part, hot_, std::max((1 - f) * peak_w / g.cfg->air_side_delta_t_k, 1.0));
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
  ch_cool_kw_ = r.add_channel("cooling_power_kw", "kW", "fans, pumps, compressors, heat rejection, mean over the interval");
  ch_pue_ = r.add_channel("pue", "1", "facility / IT energy over the recording interval");
  ch_cold_ = r.add_channel("it_inlet_c", "degC", "IT inlet (cold aisle) air temperature");
  ch_hot_ = r.add_channel("hot_aisle_c", "degC", "hot aisle air temperature");
  ch_supply_air_ = r.add_channel("supply_air_c", "degC", "CRAH supply air temperature");
  if (liquid_) {
    ch_coolant_ = r.add_channel("coolant_return_c", "degC", "technology cooling loop return temperature");
    ch_cdu_ = r.add_channel("coolant_supply_c", "degC", "technology cooling loop supply temperature (CDU outlet)");
  }
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
                            "heat the air and liquid loops could not shed at their supply set points, mean over the interval");
  for (const auto& p : plants_) {
    shortfalls_.push_back({"plant." + p.cfg->name});
    mode_time_.push_back({p.cfg->name});
  }
  shortfalls_.push_back({"cooling.air"});
  if (liquid_) shortfalls_.push_back({"cooling.liquid"});
  const auto rows = static_cast<std::size_t>(cfg_.length / cfg_.record_interval) + 2;
  r.reserve(rows);
}

}  // namespace dcsim::models
