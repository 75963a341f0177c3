#include "app/scenario_power.hpp"

#include <algorithm>
#include <cmath>
#include <string_view>

#include <fmt/format.h>

#include "app/registry.hpp"
#include "app/schema_binding.hpp"

namespace dcsim::app {

namespace {

const ChoiceTable<models::UpsRedundancy> kRedundancies{
    {"N", models::UpsRedundancy::kN}, {"N+1", models::UpsRedundancy::kNPlus1}, {"2N", models::UpsRedundancy::k2N}};
const ChoiceTable<bool> kUpsModes{{"double_conversion", false}, {"eco", true}};  // true: eco mode

void declare_transformer(Binder<models::TransformerParams>& b) {
  using T = models::TransformerParams;
  b.schema().field("rating", Dim::power, "kW").optional().above(0).doc("rated power (default: 1.25 x design facility load)");
  b.field("no_load_loss", &T::no_load_loss_fraction, Dim::fraction).range(0, 0.1).doc("no-load loss, share of rating");
  b.field("load_loss", &T::load_loss_fraction, Dim::fraction).range(0, 0.1).doc("load loss at rated load, share of rating");
}

void declare_ups(Binder<models::UpsParams>& b) {
  using U = models::UpsParams;
  Schema& s = b.schema();
  s.field("module_rating", Dim::power, "kW").optional().above(0)
      .doc("rating of one module (default: N modules of at most 500 kW carrying the design IT load)");
  s.field("modules", Type::integer()).optional().at_least(1).doc("modules needed for the design IT load (default: sized)");
  b.field("redundancy", &U::redundancy, kRedundancies).doc("installed modules beyond N");
  b.field("mode", &U::eco_mode, kUpsModes).doc("operating mode");
  b.field("outdoors", &U::outdoors, Type::boolean()).doc("losses outside the white space");
  s.field("loss_coefficients", Type::list(Type::number())).optional().min_items(3).at_least(0)
      .doc("double-conversion [a0, a1, a2], a2 <= a0 (default [0.012, 0.018, 0.012]: 87.8 % at 10 % load, 95.4 % at 50 %)");
  s.field("eco_loss_coefficients", Type::list(Type::number())).optional().min_items(3).at_least(0)
      .doc("eco mode [a0, a1, a2] (default [0.002, 0.009, 0])");
}

Binder<models::PowerConfig> make_power_keys() {
  using P = models::PowerConfig;
  Binder<P> b("electrical chain");
  b.mapping("transformer", &P::transformer, "MV/LV transformer; its losses are rejected outside the white space",
            declare_transformer)
      .doc("transformer");
  b.mapping("ups", &P::ups, "UPS: loss = rating (a0 + a1 x + a2 x^2) per module, x = load fraction", declare_ups).doc("UPS");
  b.field("pdu_loss", &P::pdu_loss_fraction, Dim::fraction).range(0, 0.2).doc("PDU and cabling loss, share of IT power");
  b.field("lighting", &P::lighting_w, Dim::power, "kW").at_least(0).doc("lighting and other facility loads");
  return b;
}

const Binder<models::PowerConfig>& power_keys() { return built_once<make_power_keys>(); }

// Sizing when the file leaves it open: N modules of at most 500 kW that together carry the design
// IT load exactly, so a small facility does not carry the no-load loss of a large UPS.
void size_ups(const Reader& ups, double it_peak_w, models::UpsParams& out) {
  if (ups.has("module_rating")) {
    out.module_rated_power_w = ups.quantity("module_rating");
    const double modules_needed = std::ceil(it_peak_w / out.module_rated_power_w);
    if (!ups.has("modules") && !(modules_needed <= 1e6)) {
      throw InputException(ups.error("module_rating", fmt::format("is too small for the design IT load of {} W ({} modules)",
                                                                  format_number(it_peak_w), format_number(modules_needed))));
    }
    out.modules_required = ups.has("modules") ? int_value(ups, "modules") : std::max(1, static_cast<int>(modules_needed));
  } else {
    const double modules_needed = std::ceil(it_peak_w / 500e3);
    if (!ups.has("modules") && !(modules_needed <= 1e6)) {
      throw InputException(ups.error_here(fmt::format("the design IT load of {} W needs more than a million UPS modules",
                                                      format_number(it_peak_w))));
    }
    out.modules_required = ups.has("modules") ? int_value(ups, "modules") : std::max(1, static_cast<int>(modules_needed));
    out.module_rated_power_w = std::max(it_peak_w, 1.0) / out.modules_required;
  }
}

void read_loss_curves(const Reader& ups, models::UpsParams& out) {
  for (const char* key : {"loss_coefficients", "eco_loss_coefficients"}) {
    if (!ups.has(key)) continue;
    const auto a = exact_numbers<3>(ups, key, "values [a0, a1, a2]");
    const models::UpsLossCurve c{a[0], a[1], a[2]};
    // Non-negative terms (schema) make the loss rise with load; efficiency x / (x + loss) is then
    // positive on (0, 1] and lowest relative to a sensible bound at full load: keep it above 50 %.
    const double full_load_loss = c.a0 + c.a1 + c.a2;
    if (full_load_loss >= 1.0) {
      throw InputException(ups.error(key, fmt::format("loses {} of the module rating at full load (efficiency {} %); "
                                                      "a0 + a1 + a2 must stay below 1",
                                                      format_number(full_load_loss), format_number(100.0 / (1.0 + full_load_loss)))));
    }
    if (c.a2 > c.a0) {
      throw InputException(ups.error(key, fmt::format("has a square-law loss a2 = {} above the no-load loss a0 = {}: a "
                                                      "redundant module would then lower the UPS loss at high load; "
                                                      "give a2 <= a0",
                                                      format_number(c.a2), format_number(c.a0))));
    }
    (std::string_view(key) == "loss_coefficients" ? out.double_conversion : out.eco) = c;
  }
}

}  // namespace

Schema power_schema() { return power_keys().schema(); }

void read_power(const Reader& power, double it_peak_w, models::PowerConfig& out) {
  power_keys().read(power, out);
  const Reader trafo = power["transformer"];
  out.transformer.rated_power_w = trafo.has("rating") ? trafo.quantity("rating") : 1.25 * 1.5 * it_peak_w;
  size_ups(power["ups"], it_peak_w, out.ups);
  read_loss_curves(power["ups"], out.ups);
  with_location(power, [&] {
    models::Transformer t(out.transformer);
    models::Ups u(out.ups);
  });
}

}  // namespace dcsim::app
