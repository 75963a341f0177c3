#include "output/feasibility.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

namespace dcsim::output {

const char* to_string(RunStatus s) {
  switch (s) {
    case RunStatus::ok: return "ok";
    case RunStatus::capacity_short: return "capacity_short";
    case RunStatus::out_of_envelope: return "out_of_envelope";
    case RunStatus::it_shutdown: return "it_shutdown";
  }
  return "?";
}

RunStatus run_status(const models::FacilityResult& r) {
  const auto& l = r.total;
  if (l.it_unserved_j > 0 || r.protection_trips > 0) return RunStatus::it_shutdown;
  if (l.air_outside_allowable_s > 0 || l.liquid_above_class_s > 0) return RunStatus::out_of_envelope;
  // Short: unmet cooling above 1e-5 of the IT energy (a set point that steps down with a reset takes
  // the loop a few minutes to follow; that transient is not a design short of capacity).
  const double tol_j = 1e-5 * l.it_j();
  const bool short_anywhere = l.unmet_cooling_j > tol_j || std::any_of(r.shortfalls.begin(), r.shortfalls.end(),
                                                                       [&](const auto& x) { return x.energy_j > tol_j; });
  return short_anywhere ? RunStatus::capacity_short : RunStatus::ok;
}

RunStatus status_from_code(double code) {
  const long c = std::isfinite(code) ? std::lround(code) : 0;
  return c >= 0 && c <= 3 ? static_cast<RunStatus>(c) : RunStatus::ok;
}

RunStatus status_of(const Summary& s) {
  const Metric* m = s.find("status_code");
  return m ? status_from_code(m->value) : RunStatus::ok;
}

RunStatus status_of(const std::vector<SummaryMetric>& metrics) {
  for (const auto& m : metrics) {
    if (m.name == "status_code") return status_from_code(m.value);
  }
  return RunStatus::ok;
}

void add_feasibility(const models::FacilityResult& r, Summary& s) {
  const RunStatus st = run_status(r);
  s.add("status_code", static_cast<double>(st), "1",
        fmt::format("feasibility: 0 ok, 1 capacity_short, 2 out_of_envelope, 3 it_shutdown (this run: {})", to_string(st)));
  const auto& l = r.total;
  double peak_w = 0;
  for (const auto& x : r.shortfalls) {
    if (x.name.rfind("cooling.", 0) == 0) peak_w = std::max(peak_w, x.peak_w);
  }
  s.add("unmet_cooling_kwh", l.unmet_cooling_j / kJPerKwh, "kWh",
        "heat the air and liquid loops could not shed at their supply set points (it stayed in the rooms and loops)");
  s.add("unmet_cooling_hours", l.cooling_short_s / 3600.0, "h", "hours with the air or liquid loop short of its supply set point");
  s.add("peak_cooling_shortfall_kw", peak_w / 1e3, "kW", "largest shortfall of one loop below its supply set point");
  for (const auto& x : r.shortfalls) {
    s.add(x.name + ".unmet_cooling_kwh", x.energy_j / kJPerKwh, "kWh", "cooling short of the set point of " + x.name);
    s.add(x.name + ".unmet_cooling_hours", x.seconds / 3600.0, "h", "hours " + x.name + " was short of its set point");
    s.add(x.name + ".peak_shortfall_kw", x.peak_w / 1e3, "kW", "largest shortfall of " + x.name);
  }
  for (const auto& m : r.plant_modes) {
    const std::string p = "plant." + m.name;
    s.add(p + ".free_cooling_hours", m.free_s / 3600.0, "h", "hours plant " + m.name + " ran on free cooling alone");
    s.add(p + ".partial_cooling_hours", m.partial_s / 3600.0, "h",
          "hours plant " + m.name + " ran its economizer with chillers trimming (or, without chillers, short)");
    s.add(p + ".mechanical_cooling_hours", m.mechanical_s / 3600.0, "h", "hours plant " + m.name + " ran on chillers alone");
  }
  s.add("protection_trips", static_cast<double>(r.protection_trips), "1",
        "IT thermal protection shutdowns (allowable limit + policy.protection_margin)");
}

void add_sizing(const models::SizingReport& r, Summary& s) {
  s.add("sizing.peak_it_kw", r.peak_it_w / 1e3, "kW", "IT power with every rack group at its peak");
  s.add("sizing.design_dry_bulb_c", r.design_dry_bulb_c, "degC", "dry bulb exceeded in 0.4 % of the weather records");
  s.add("sizing.design_wet_bulb_c", r.design_wet_bulb_c, "degC", "wet bulb exceeded in 0.4 % of the weather records");
  s.add("elc_design", r.elc_design_100, "1",
        "ASHRAE 90.4 design ELC: UPS, PDU and transformer losses serving the ITE at 100 % of its design load / that load");
  s.add("elc_design_50", r.elc_design_50, "1", "ASHRAE 90.4 design ELC at 50 % of the design ITE load");
  for (const auto& l : r.lines) {
    const std::string p = "sizing." + l.name;
    s.add(p + ".design_kw", l.design_w / 1e3, "kW", "design load of " + l.name);
    s.add(p + ".installed_kw", l.installed_w / 1e3, "kW", "capacity of " + l.name + " at the design conditions, all units");
    s.add(p + ".installed_n_minus_1_kw", l.installed_n_minus_1_w / 1e3, "kW",
          "capacity of " + l.name + " with one unit of its largest group out");
    s.add(p + ".margin", l.design_w > 0 ? l.installed_w / l.design_w - 1.0 : 0.0, "1",
          "installed / design - 1 (negative: short at design)", l.design_w > 0);
  }
}

std::vector<std::string> sizing_warnings(const models::SizingReport& r) {
  std::vector<std::string> out;
  for (const auto& l : r.lines) {
    if (!l.met()) {
      out.push_back(fmt::format("{}: {:.0f} kW installed for a design load of {:.0f} kW at {:.1f} degC dry bulb / {:.1f} degC "
                                "wet bulb (0.4 %): short by {:.0f} kW",
                                l.name, l.installed_w / 1e3, l.design_w / 1e3, r.design_dry_bulb_c, r.design_wet_bulb_c,
                                (l.design_w - l.installed_w) / 1e3));
    }
  }
  return out;
}

std::string verdict(const Summary& s) {
  const RunStatus st = status_of(s);
  if (st == RunStatus::ok) return "";
  auto v = [&](const char* name) {
    const Metric* m = s.find(name);
    return m ? m->value : 0.0;
  };
  return fmt::format(
      "DESIGN NOT MET ({}): {:.0f} kWh of cooling unmet over {:.1f} h (peak {:.0f} kW short), {:.1f} h outside the "
      "allowable envelope, {:.1f} h facility water above its class, {:.0f} kWh of IT energy not served",
      to_string(st), v("unmet_cooling_kwh"), v("unmet_cooling_hours"), v("peak_cooling_shortfall_kw"),
      v("hours_outside_envelope"), v("hours_liquid_above_class"), v("it_energy_unserved_kwh"));
}

}  // namespace dcsim::output
