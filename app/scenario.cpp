#include "app/scenario.hpp"

#include <algorithm>
#include <array>
#include <filesystem>
#include <fstream>

#include <fmt/format.h>

#include "app/cooling_equipment.hpp"
#include "app/equipment_registry.hpp"
#include "app/facility_graph_builder.hpp"
#include "app/group_templates.hpp"
#include "app/overrides.hpp"
#include "app/registry.hpp"
#include "app/scenario_choices.hpp"
#include "app/scenario_cooling.hpp"
#include "app/scenario_events.hpp"
#include "app/scenario_keys.hpp"
#include "app/scenario_power.hpp"
#include "app/input_file.hpp"
#include "models/epw_reader.hpp"
#include "models/site_library.hpp"
#include "models/utilization_csv.hpp"
#include "models/weather_generator.hpp"

namespace dcsim::app {

namespace {

namespace fs = std::filesystem;

std::string resolve_path(const std::string& dir, const std::string& file) {
  const fs::path p(file);
  return p.is_absolute() || dir.empty() ? file : (fs::path(dir) / p).string();
}

// The files read while one scenario is assembled (Scenario::input_files); nested loads (a baseline
// reference) install their own and the outer one adds what they read.
thread_local std::vector<std::string>* g_input_files = nullptr;

class CollectInputFiles {
 public:
  explicit CollectInputFiles(std::vector<std::string>& into) : saved_(g_input_files) { g_input_files = &into; }
  ~CollectInputFiles() { g_input_files = saved_; }
  CollectInputFiles(const CollectInputFiles&) = delete;
  CollectInputFiles& operator=(const CollectInputFiles&) = delete;

 private:
  std::vector<std::string>* saved_;
};

// A file named in the scenario: read by `read`; a missing or malformed file is an error at the key.
template <typename Fn>
auto read_named_file(const Reader& r, const std::string& key, const std::string& dir, Fn&& read) {
  const std::string path = resolve_path(dir, r.string(key));
  if (g_input_files) g_input_files->push_back(path);
  // A device or a pipe (/dev/zero, /dev/stdin) would be read forever or block.
  if (const InputFileCheck c = check_input_file(path); !c.ok()) throw InputException(r.error(key, c.message(path)));
  {
    // A binary file would reach the reader's messages as garbage: name its first NUL byte instead.
    std::ifstream in(path, std::ios::binary);
    if (!in) throw InputException(r.error(key, fmt::format("cannot read '{}'", path)));
    std::string line;
    for (int n = 1; std::getline(in, line); ++n) {
      if (const std::size_t nul = line.find('\0'); nul != std::string::npos) {
        throw InputException(r.error(key, fmt::format("{}:{}:{}: the file contains a NUL byte: it is binary, not a text file",
                                                      path, n, nul + 1)));
      }
    }
  }
  try {
    return read(path);
  } catch (const InputException&) {
    throw;
  } catch (const std::exception& e) {
    throw InputException(r.error(key, e.what()));
  }
}

models::UtilizationProfileParams utilization(const Reader& r, const sim::Calendar& cal, sim::Time horizon,
                                             std::uint64_t seed, const std::string& dir) {
  using models::ProfileShape;
  models::UtilizationProfileParams p;
  const std::string& type = r.type_name();
  if (type == "constant") {
    p.shape = ProfileShape::kConstant;
    p.constant = r.quantity("value");
  } else if (type == "daily" || type == "weekly") {
    p.shape = type == "daily" ? ProfileShape::kDaily : ProfileShape::kWeekly;
    const std::size_t n = type == "daily" ? 24 : 168;
    const auto items = r.list("values");
    if (items.size() != n) {
      throw InputException(r.error("values", fmt::format("needs exactly {} values (got {})", n, items.size())));
    }
    for (const auto& v : items) p.hourly.push_back(v.as_number());
  } else if (type == "steps") {
    p.shape = ProfileShape::kSteps;
    for (const auto& s : r.list("steps")) p.steps.push_back({s.duration("at"), s.quantity("value")});
  } else {
    p.shape = ProfileShape::kTrace;
    const models::UtilizationUnit unit = kUtilizationUnits.read(r["unit"]);
    p.steps = read_named_file(r, "file", dir, [&](const std::string& path) {
      return models::read_utilization_csv(path, cal, unit);
    });
  }
  if (r.has("noise")) {
    const Reader n = r["noise"];
    p.noise.sigma = n.number("sigma");
    p.noise.interval = n.duration("interval");
    p.noise.seed = seed;
    p.noise.horizon = horizon;
  }
  return p;
}

// The power curve, chosen by type: the keys bound to the group's configuration are read already.
void read_power_curve(const Reader& g, models::RackGroupParams& p) {
  const Reader curve = g["power_curve"];
  if (curve.type_name() == "power_law") {
    p.curve = models::PowerCurve::kPowerLaw;
    p.exponent = curve.number("exponent");
  } else if (curve.type_name() == "table") {
    p.curve = models::PowerCurve::kTable;
    for (const auto& pt : curve.list("points")) p.table.push_back({pt.quantity("utilization"), pt.number("fraction")});
  }
}

std::optional<models::EmbodiedCarbonParams> embodied(const Reader& g) {
  if (!g.has("embodied")) return std::nullopt;
  const Reader e = g["embodied"];
  models::EmbodiedCarbonParams p;
  p.lifetime_years = sim::to_seconds(e.duration("lifetime")) / (365.0 * 86400.0);
  if (e.has("per_server")) {
    p.per_server_kg = e.quantity("per_server");  // carbon mass is stored in kg
  } else {
    const Reader a = e["act"];
    for (const auto& k : a.list("packages")) {
      models::LogicPackage lp;
      lp.die_area_cm2 = k.quantity("die_area") * 1e4;  // stored m2
      lp.dies_per_package = int_value(k, "dies");
      lp.count = int_value(k, "count");
      lp.fab_intensity_g_per_kwh = k.quantity("fab_intensity");
      lp.fab_energy_kwh_per_cm2 = k.quantity("fab_energy") / 3.6e10;  // stored in J/m2
      lp.fab_gases_g_per_cm2 = k.number("fab_gases");
      lp.materials_g_per_cm2 = k.number("materials");
      lp.yield = k.number("yield");
      p.act.packages.push_back(lp);
    }
    p.act.dram_gb = a.number("dram");
    p.act.ssd_gb = a.number("ssd");
    if (a.has("rest_of_server")) p.act.rest_of_server_g = a.quantity("rest_of_server") * 1000.0;  // kg -> g
  }
  with_location(e, [&] { models::EmbodiedCarbon check(p); });
  return p;
}

// The ite server fan curves, lists of coefficients.
void read_server_fan_curves(const Reader& g, models::ServerFanParams& f) {
  if (!g.has("server_fans")) return;
  const Reader fans = g["server_fans"];
  for (const char* key : {"airflow_curve", "fan_power_curve", "cpu_curve"}) {
    if (fans.has(key) && f.model != models::ServerFanModel::ite) {
      throw InputException(fans.error(key, "is a curve of the ite model: give model: ite"));
    }
  }
  if (fans.has("airflow_curve")) f.airflow = models::IteCurve{exact_numbers<6>(fans, "airflow_curve", "coefficients")};
  if (fans.has("cpu_curve")) f.cpu = models::IteCurve{exact_numbers<6>(fans, "cpu_curve", "coefficients")};
  if (fans.has("fan_power_curve")) f.fan_power = exact_numbers<3>(fans, "fan_power_curve", "coefficients");
  if (f.model == models::ServerFanModel::ite) with_location(fans, [&] { models::check_ite_curves(f); });
}

// One rack group, named `name`, from entry `g` (one of its copies); `design_it_w` sums the groups' design load.
void add_group(const Reader& g, const std::string& name, const sim::Calendar& cal, const std::string& dir,
               double& design_it_w, Scenario& sc) {
  models::FacilityConfig& f = sc.facility;
  constexpr double kMaxDesignItW = 1e11;  // the largest power any quantity may have (app/quantity.cpp)
  models::RackGroupConfig gc;
  gc.name = dataset_name(g, name);
  for (const auto& other : f.groups) {
    if (other.name == gc.name) throw InputException(g.error("name", fmt::format("group name '{}' used twice", gc.name)));
  }
  group_keys().read(g, gc);
  read_power_curve(g, gc.rack);
  read_server_fan_curves(g, gc.rack.fans);
  if (g.has("work")) gc.rack.work_rate_at_full_per_s = g["work"].quantity("rate");
  // Each value is within its dimension's range; their product over all groups must be too, or
  // the electrical chain sized from it would be blamed for a typing error here.
  design_it_w += gc.rack.rack_count * gc.rack.peak_power_w;
  if (design_it_w > kMaxDesignItW) {
    throw InputException(g.error("count", fmt::format("the rack groups' design IT load (count x peak_power) reaches {:g} W "
                                                      "here, beyond the {:g} W any facility has", design_it_w, kMaxDesignItW)));
  }
  gc.utilization = utilization(g["utilization"], cal, f.length, f.seed + f.groups.size() + 1, dir);
  with_location(g, [&] { models::RackGroup check(gc.rack); },
                {{"table", "power_curve"}, {"exponent", "power_curve"}, {"fans", "server_fans"},
                 {"liquid_capture_share", "liquid_share"}, {"rack_count", "count"}, {"work_rate_at_full_per_s", "work"}});
  with_location(g["utilization"], [&] { models::UtilizationProfile check(gc.utilization, cal); }, {{"hourly", "values"}});
  GroupCarbon carbon;
  carbon.group = gc.name;
  carbon.racks = gc.rack.rack_count;
  carbon.embodied = embodied(g);
  if (g.has("embodied")) carbon.servers_per_rack = int_value(g["embodied"], "servers_per_rack");
  if (g.has("work")) {
    carbon.work_per_s_at_full = g["work"].quantity("rate");
    carbon.work_unit = g["work"].string("unit");
  }
  sc.carbon.push_back(carbon);
  f.groups.push_back(std::move(gc));
}

void build_plants(const Reader& cooling, models::FacilityConfig& f) {
  for (const Reader& pr : cooling.list("plants")) {
    models::PlantConfig p;
    p.name = dataset_name(pr);
    for (const auto& other : f.plants) {
      if (other.name == p.name) throw InputException(pr.error("name", fmt::format("plant name '{}' used twice", p.name)));
    }
    plant_keys().read(pr, p);
    p.params.economizer_hx_approach_k = p.economizer.hx_approach_k;
    // Stages of a kind, by name: two of a kind may not share one (failures name banks).
    std::vector<std::pair<std::string, std::string>> named;  // (kind, name)
    for (const Reader& eq : pr.list("equipment")) {
      equipment_registry().make(eq, p);
      if (!eq.has("name")) continue;
      const std::string& t = eq.type_name();
      const std::string kind = t == "water_cooled_chiller" || t == "air_cooled_chiller" ? "chiller" : t;
      const std::string name = eq.string("name");
      for (const auto& [k, n] : named) {
        if (k == kind && n == name) {
          throw InputException(eq.error("name", fmt::format("'{}' names another {} stage of plant '{}'", name, kind, p.name)));
        }
      }
      named.emplace_back(kind, name);
    }
    if (p.params.chillers.empty() && p.params.rejection.empty()) {
      throw InputException(pr.error("equipment", "needs a tower, a dry cooler or a chiller to reject heat"));
    }
    with_location(pr, [&] { models::HeatRejectionPlant check(p.params); });
    f.plants.push_back(std::move(p));
  }
}

// The scenario of document `doc` (overrides applied, templates merged), validated, into `sc`.
void assemble(YamlDocument& doc, const std::string& dir, Scenario& sc) {
  const Reader root = load(doc, scenario_schema());
  sc.name = root.string("name");
  sc.description = root.string("description");
  models::FacilityConfig& f = sc.facility;
  f.name = sc.name;
  f.seed = static_cast<std::uint64_t>(root.integer("seed"));
  const Reader period = root["period"];
  const DateTime start = period.date("start");
  f.start = start.date;
  period_keys().read(period, f);
  if (f.record_interval > f.length) {
    throw InputException(period.error("record_interval", "must not exceed the period length"));
  }
  // The recorder holds every row until the end of the run: 0.74 kB a row for the flagship (388 MB
  // for a year at one-minute records, measured for issue 16), so the row count is bounded to keep a
  // run inside 1 GB until the recorder streams its rows.
  constexpr double kMaxRecordedRows = 1.1e6;
  if (const double rows = sim::to_seconds(f.length) / sim::to_seconds(f.record_interval); rows > kMaxRecordedRows) {
    throw InputException(period.error("record_interval",
                                      fmt::format("{:.3g} recorded rows over the period, more than the {:.3g} a run holds in "
                                                  "memory: record less often, or split the period",
                                                  rows, kMaxRecordedRows)));
  }
  const sim::Calendar cal(f.start);

  // Site and weather.
  const Reader site = root["site"];
  std::optional<double> site_grid;
  if (site.has("builtin")) {
    const models::Site* s = models::find_site(site.string("builtin"));
    sc.site_label = s->name;
    site_grid = s->grid_intensity_g_per_kwh;
    f.weather = std::make_shared<models::WeatherSeries>(models::generate_weather_year(*s, f.seed));
  } else {
    sc.site_label = site.string("epw");
    // The simulated period in the weather year's seconds, as the facility reads the weather.
    const models::EpwSpan period_span{cal.seconds_of_year(0), cal.seconds_of_year(0) + sim::to_seconds(f.length)};
    f.weather = read_named_file(site, "epw", dir, [&](const std::string& path) {
      return std::make_shared<models::WeatherSeries>(models::read_epw(path, period_span));
    });
  }
  if (site.has("grid_intensity")) site_grid = site.quantity("grid_intensity");

  // IT: each written entry stands for its copies, read one after the other as if written out
  // (the utilization seed counts groups, not entries).
  double design_it_w = 0;
  std::vector<GroupPlacement> placements;
  for (const Reader& g : root["it"].list("groups")) {
    const std::vector<std::string> names = group_copy_names(g);
    if (const std::size_t n = f.groups.size() + names.size(); n > kMaxGroups) {
      throw InputException(g.error(g.has("copies") ? "copies" : "name",
                                   fmt::format("makes {} rack groups, more than the {} a scenario may hold", n, kMaxGroups)));
    }
    for (const std::string& copy_name : names) {
      add_group(g, copy_name, cal, dir, design_it_w, sc);
      placements.push_back({g, g.has("hall") ? g.string("hall") : "", g.has("loop") ? g.string("loop") : ""});
    }
  }

  // Cooling.
  const Reader cooling = root["cooling"];
  build_plants(cooling, f);
  models::FacilityConnections connections;
  read_loops(cooling, placements, f, connections);
  read_equipment(cooling, f, connections);

  // Electrical chain, sized from the design IT load where the file leaves it open.
  double it_peak_w = 0;
  for (const auto& g : f.groups) it_peak_w += g.rack.rack_count * g.rack.peak_power_w;
  read_power(root["power"], it_peak_w, f.power);

  // Supply.
  const Reader supply = root["supply"];
  const Reader grid = supply["grid"];
  const models::IntensityBasis basis = kIntensityBases.read(grid["basis"]);
  int grid_forms = grid.has("intensity") + grid.has("monthly") + grid.has("hourly") + grid.has("trace");
  if (grid_forms > 1) throw InputException(grid.error_here("give at most one of intensity, monthly, hourly and trace"));
  auto numbers = [](const Reader& r, const char* key, std::size_t n) {
    const auto items = r.list(key);
    if (items.size() != n) throw InputException(r.error(key, fmt::format("needs exactly {} values (got {})", n, items.size())));
    std::vector<double> v;
    for (const auto& x : items) v.push_back(x.as_number());
    return v;
  };
  if (grid.has("monthly")) {
    const auto v = numbers(grid, "monthly", 12);
    std::array<double, 12> a{};
    std::copy(v.begin(), v.end(), a.begin());
    f.supply.grid = std::make_shared<models::GridIntensity>(models::GridIntensity::monthly(a, cal, basis));
  } else if (grid.has("hourly")) {
    const auto v = numbers(grid, "hourly", 24);
    std::array<double, 24> a{};
    std::copy(v.begin(), v.end(), a.begin());
    f.supply.grid = std::make_shared<models::GridIntensity>(models::GridIntensity::hourly(a, cal, basis));
  } else if (grid.has("trace")) {
    auto points = read_named_file(grid, "trace", dir, [&](const std::string& path) {
      auto p = models::read_intensity_trace_file(path, cal);
      // The same bound as a constant intensity (app/scenario_schema.cpp): 1e308 in a trace would
      // make every carbon figure infinite.
      for (std::size_t i = 0; i < p.size(); ++i) {
        if (!(p[i].intensity_g_per_kwh <= 5000)) {
          throw InputException(grid.error("trace", fmt::format("{}: row {} of the data: intensity {:g} g/kWh is above 5000 g/kWh, "
                                                               "more than any grid emits", path, i + 1, p[i].intensity_g_per_kwh)));
        }
      }
      return p;
    });
    f.supply.grid = std::make_shared<models::GridIntensity>(models::GridIntensity::trace(std::move(points), basis));
  } else {
    const std::optional<double> g = grid.has("intensity") ? std::optional<double>(grid.quantity("intensity")) : site_grid;
    if (!g) {
      throw InputException(grid.error_here("needs the grid's carbon intensity: the site is an EPW file with no default",
                                           "set supply.grid.intensity or site.grid_intensity"));
    }
    f.supply.grid = std::make_shared<models::GridIntensity>(models::GridIntensity::constant(*g, basis));
  }
  f.supply.grid_description = grid.has("description") ? grid.string("description") : "";
  if (supply.has("geothermal")) {
    const Reader geo = supply["geothermal"];
    models::GeothermalPlantParams gp;
    gp.capacity_w = geo.quantity("capacity");
    gp.emission_factor_g_per_kwh = geo.has("emission_factor") ? geo.quantity("emission_factor")
                                                              : models::geothermal_emission_preset(geo.string("preset")).g_per_kwh;
    gp.heat_output_w = geo.quantity("heat_output");
    if (geo.has("mtbf")) {
      gp.mtbf_s = sim::to_seconds(geo.duration("mtbf"));
      gp.mttr_s = sim::to_seconds(geo.duration("mttr"));
    }
    gp.failure_weibull_shape = geo.number("weibull_shape");
    gp.seed = f.seed ^ 0x6765'6f74'6865'726dULL;  // "geotherm": a stream of its own
    for (const Reader& o : geo.list("outages")) {
      const DateTime d = o.date("start");
      const sim::Time t = cal.time_of(d.date) + sim::hours(d.hour) + sim::minutes(d.minute);
      gp.scheduled_outages.push_back({t, o.duration("duration")});
    }
    with_location(geo, [&] { models::GeothermalPlant check(gp, f.length); });
    f.supply.geothermal = gp;
  }

  // Failures, maintenance, load steps, the overheat policy; replicates.
  build_events(root, f, cal);
  if (f.supply.geothermal) {
    with_location(root["supply"]["geothermal"], [&] { models::GeothermalPlant check(*f.supply.geothermal, f.length); });
  }
  sc.replicates = static_cast<int>(root.integer("replicates"));

  sc.metrics.heat_pump_in_pue = root["reporting"].boolean("heat_pump_in_pue");
  // Baseline.
  const Reader base = root["baseline"];
  baseline_keys().read(base, sc.baseline);
  sc.baseline.intensity_g_per_kwh = base.quantity("grid_intensity");
  sc.baseline.description = base.string("description");
  if (base.has("reference")) {
    // A reference is loaded one level deep only: one that names a reference of its own is refused,
    // which also ends any cycle of files naming each other.
    static thread_local int reference_depth = 0;
    if (reference_depth > 0) {
      throw InputException(base.error("reference", "a reference scenario may not name a reference of its own"));
    }
    const std::string ref = resolve_path(dir, base.string("reference"));
    if (const InputFileCheck c = check_input_file(ref, kMaxYamlFileBytes); !c.ok()) {
      throw InputException(base.error("reference", c.message(ref)));
    }
    ++reference_depth;
    try {
      sc.baseline_reference = std::make_shared<Scenario>(load_scenario(ref));
      sc.input_files.insert(sc.input_files.end(), sc.baseline_reference->input_files.begin(),
                            sc.baseline_reference->input_files.end());
    } catch (...) {
      --reference_depth;
      throw;
    }
    --reference_depth;
  }

  // The facility graph the facility is assembled from (and `dcsim graph` draws), and the whole-facility
  // checks that the models make at construction.
  sc.graph = build_facility_graph(f, connections);
  with_location(root, [&] { models::Facility check(f, sc.graph); });
  YAML::Emitter out;
  out << doc.root();
  sc.as_run_yaml.clear();
  for (const auto& o : sc.overrides) sc.as_run_yaml += "# --set " + o + "\n";  // the record of the overrides
  sc.as_run_yaml += out.c_str();
}

}  // namespace

Scenario load_scenario_text(const std::string& text, const std::string& name, const std::string& dir,
                            const std::vector<std::string>& overrides) {
  YamlDocument doc = YamlDocument::from_string(text, name);
  Scenario sc;
  sc.path = name;
  const CollectInputFiles collect(sc.input_files);
  // Overrides address the entries as written; templates are merged into them afterwards.
  sc.overrides = apply_overrides(doc, scenario_schema(), overrides);
  const GroupTemplates templates = GroupTemplates::apply(doc);
  try {
    assemble(doc, dir, sc);
  } catch (const InputException& e) {
    throw templates.annotate(e);
  }
  return sc;
}

Scenario load_scenario(const std::string& path, const std::vector<std::string>& overrides) {
  std::string text;
  try {
    text = read_input_file(path, kMaxYamlFileBytes);
  } catch (const InputFileError& ex) {
    InputError e;
    e.file = path;
    e.message = ex.what();
    throw InputException(e);
  }
  const std::string dir = fs::path(path).parent_path().string();
  Scenario sc = load_scenario_text(text, path, dir, overrides);
  sc.input_files.insert(sc.input_files.begin(), path);
  return sc;
}

}  // namespace dcsim::app
