#include "output/report.hpp"

#include <cmath>

#include <fmt/format.h>

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

std::string format_json(const RunReport& r) {
  std::string out = "{\n";
  out += fmt::format("  \"scenario\": {},\n  \"site\": {},\n  \"period\": {},\n", json_quote(r.scenario_name),
                     json_quote(r.site), json_quote(r.period));
  out += "  \"context\": {";
  for (std::size_t i = 0; i < r.context.size(); ++i) {
    out += fmt::format("{}{}: {}", i ? ", " : "", json_quote(r.context[i].first), json_quote(r.context[i].second));
  }
  out += "},\n  \"metrics\": {\n";
  const auto& ms = r.summary.metrics();
  for (std::size_t i = 0; i < ms.size(); ++i) {
    const auto& m = ms[i];
    out += fmt::format("    {}: {{\"value\": {}, \"units\": {}, \"defined\": {}}}{}\n", json_quote(m.name),
                       json_number(m.value), json_quote(m.units), m.defined ? "true" : "false",
                       i + 1 < ms.size() ? "," : "");
  }
  out += "  },\n  \"warnings\": [";
  for (std::size_t i = 0; i < r.warnings.size(); ++i) out += (i ? ", " : "") + json_quote(r.warnings[i]);
  out += "]\n}\n";
  return out;
}

namespace {
std::string format_value(const Metric& m) {
  if (!m.defined) return "n/a";
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
  std::string out;
  out += fmt::format("dcsim: {}  site {}  period {}\n", r.scenario_name, r.site, r.period);
  for (const auto& [k, v] : r.context) out += fmt::format("  {}: {}\n", k, v);
  std::size_t w = 0;
  for (const auto& m : r.summary.metrics()) w = std::max(w, m.name.size());
  out += fmt::format("  {:<{}}  {:>14}  {}\n", "metric", w, "value", "units");
  out += fmt::format("  {:-<{}}  {:->14}  {:-<8}\n", "", w, "", "");
  for (const auto& m : r.summary.metrics()) {
    out += fmt::format("  {:<{}}  {:>14}  {}\n", m.name, w, format_value(m), m.units == "1" ? "" : m.units);
  }
  for (const auto& wmsg : r.warnings) out += fmt::format("warning: {}\n", wmsg);
  return out;
}

}  // namespace dcsim::output
