#include "output/report.hpp"

#include "output/feasibility.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace dcsim::output {

std::string json_quote(const std::string& s) {
  std::string out = "\"";
  for (unsigned char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20) {
          out += fmt::format("\\u{:04x}", c);
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  return out + "\"";
}

std::string json_number(double v) {
  if (!std::isfinite(v)) return "null";
  return fmt::format("{}", v);  // shortest round-trip representation
}

namespace {

bool starts_with(const std::string& s, const char* p) { return s.rfind(p, 0) == 0; }
bool ends_with(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}
bool contains(const std::string& s, const char* p) { return s.find(p) != std::string::npos; }

// The context as JSON: a key given once maps to its text, a repeated key (overrides) to a list.
std::string context_json(const RunReport& r) {
  std::vector<std::string> keys;
  for (const auto& [k, v] : r.context) {
    if (std::find(keys.begin(), keys.end(), k) == keys.end()) keys.push_back(k);
  }
  std::string out = "{";
  for (std::size_t i = 0; i < keys.size(); ++i) {
    std::vector<std::string> values;
    for (const auto& [k, v] : r.context) {
      if (k == keys[i]) values.push_back(json_quote(v));
    }
    const std::string joined = fmt::format("{}", fmt::join(values, ", "));
    out += fmt::format("{}{}: {}", i ? ", " : "", json_quote(keys[i]), values.size() == 1 ? joined : "[" + joined + "]");
  }
  return out + "}";
}

}  // namespace

std::string section_of(const std::string& n) {
  if (n == "events" || n == "heat_balance_residual_kwh") return "run";
  if (starts_with(n, "sizing.")) return "sizing";
  if (n == "status_code" || contains(n, "unmet_cooling") || contains(n, "shortfall") || n == "protection_trips") {
    return "feasibility";
  }
  if (n == "work_units" || contains(n, "_per_work")) return "work";
  if (ends_with(n, "cooling_hours")) return "efficiency";
  if (contains(n, "hours")) return "envelope";
  if (n == "water_m3" || starts_with(n, "wue")) return "water";
  if (starts_with(n, "cue") || contains(n, "emissions") || starts_with(n, "avoided") || contains(n, "intensity") ||
      starts_with(n, "embodied") || starts_with(n, "lifecycle")) {
    return "carbon";
  }
  if (starts_with(n, "pue") || starts_with(n, "ppue") || n == "erf" || n == "ere" || n == "mlc" || n == "elc") {
    return "efficiency";
  }
  return "energy";
}

std::vector<std::string> report_warnings(const RunReport& r) {
  std::vector<std::string> out;
  auto add = [&](std::string w) {
    if (std::find(out.begin(), out.end(), w) == out.end()) out.push_back(std::move(w));
  };
  for (const auto& w : r.warnings) add(w);
  const auto& s = r.summary;
  if (const Metric* m = s.find("hours_liquid_above_class"); m && m->value > 0) {
    add(fmt::format("{:.1f} h with the facility water supply above its ASHRAE W class limit", m->value));
  }
  if (const Metric* m = s.find("it_energy_unserved_kwh"); m && m->value > 0) {
    add(fmt::format("{:.4g} kWh of IT energy not served (racks throttled or shut down)", m->value));
  }
  if (const Metric* m = s.find("pue"); m && !m->defined) add("PUE undefined: no IT energy over the period");
  return out;
}

std::string format_json(const RunReport& r) {
  std::string out = "{\n";
  out += fmt::format("  \"scenario\": {},\n  \"site\": {},\n  \"period\": {},\n", json_quote(r.scenario_name),
                     json_quote(r.site), json_quote(r.period));
  out += "  \"context\": " + context_json(r) + ",\n  \"metrics\": {\n";
  const auto& ms = r.summary.metrics();
  for (std::size_t i = 0; i < ms.size(); ++i) {
    const auto& m = ms[i];
    out += fmt::format("    {}: {{\"value\": {}, \"units\": {}, \"defined\": {}, \"section\": {}}}{}\n", json_quote(m.name),
                       json_number(m.value), json_quote(m.units), m.defined ? "true" : "false",
                       json_quote(section_of(m.name)), i + 1 < ms.size() ? "," : "");
  }
  out += fmt::format("  }},\n  \"status\": {},\n  \"verdict\": {},\n  \"warnings\": [",
                     json_quote(to_string(status_of(r.summary))), json_quote(verdict(r.summary)));
  const auto warnings = report_warnings(r);
  for (std::size_t i = 0; i < warnings.size(); ++i) out += (i ? ", " : "") + json_quote(warnings[i]);
  out += "]\n}\n";
  return out;
}

namespace {
std::string format_value(const Metric& m) {
  if (!m.defined) return "n/a";
  if (m.value == 0) return "0";
  const double a = std::fabs(m.value);
  if (a != 0 && (a < 0.01 || a >= 1e9)) return fmt::format("{:.4g}", m.value);
  if (a >= 1 && m.value == std::round(m.value) && m.units != "1") return fmt::format("{:.0f}", m.value);
  if (m.units == "1") return m.value == std::round(m.value) && a >= 10 ? fmt::format("{:.0f}", m.value) : fmt::format("{:.3f}", m.value);
  if (a >= 1e5) return fmt::format("{:.0f}", m.value);
  if (a >= 100) return fmt::format("{:.1f}", m.value);
  return fmt::format("{:.3f}", m.value);
}
}  // namespace

std::string format_terminal(const RunReport& r) {
  std::string out = fmt::format("dcsim: {}\n", r.scenario_name);
  if (const std::string v = verdict(r.summary); !v.empty()) out += v + "\n";
  std::vector<std::pair<std::string, std::string>> head{{"site", r.site}, {"period", r.period}};
  head.insert(head.end(), r.context.begin(), r.context.end());
  std::size_t kw = 0;
  for (const auto& h : head) kw = std::max(kw, h.first.size());
  for (const auto& [k, v] : head) out += fmt::format("  {:<{}}  {}\n", k, kw, v);
  std::size_t w = 6;
  for (const auto& m : r.summary.metrics()) w = std::max(w, m.name.size());
  std::vector<std::string> sections(std::begin(kSections), std::end(kSections));
  for (const auto& m : r.summary.metrics()) {
    const std::string sec = section_of(m.name);
    if (std::find(sections.begin(), sections.end(), sec) == sections.end()) sections.push_back(sec);
  }
  for (const auto& sec : sections) {
    bool first = true;
    for (const auto& m : r.summary.metrics()) {
      if (section_of(m.name) != sec) continue;
      if (first) out += fmt::format("\n{:<{}}  {:>14}  {}\n", sec, w + 2, "value", "units");
      first = false;
      const std::string units = m.units == "1" ? "" : "  " + m.units;
      out += fmt::format("  {:<{}}  {:>14}{}\n", m.name, w, format_value(m), units);
    }
  }
  const auto warnings = report_warnings(r);
  if (!warnings.empty()) out += "\n";
  for (const auto& wmsg : warnings) out += fmt::format("warning: {}\n", wmsg);
  return out;
}

}  // namespace dcsim::output
