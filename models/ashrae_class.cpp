#include "models/ashrae_class.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <limits>

#include "sim/check.hpp"

namespace dcsim::models {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

// Air classes: recommended 18-27 (H1 18-22) degC, -9..15 degC dew point and at most 70 % RH.
constexpr AshraeClass air(const char* name, double rec_max_c, double lo_c, double hi_c,
                          double max_dp_c, double max_rh) {
  return AshraeClass{.name = name,
                     .medium = CoolingMedium::kAir,
                     .recommended_min_c = 18.0,
                     .recommended_max_c = rec_max_c,
                     .allowable_min_c = lo_c,
                     .allowable_max_c = hi_c,
                     .allowable_min_dew_point_c = -12.0,
                     .allowable_max_dew_point_c = max_dp_c,
                     .allowable_min_rh = 0.08,
                     .allowable_max_rh = max_rh,
                     .recommended_min_dew_point_c = -9.0,
                     .recommended_max_dew_point_c = 15.0,
                     .recommended_max_rh = 0.70};
}
// Liquid classes: facility water supply from 2 degC up to the class limit.
constexpr AshraeClass liquid(const char* name, double hi_c) {
  return AshraeClass{.name = name,
                     .medium = CoolingMedium::kLiquid,
                     .recommended_min_c = 2.0,
                     .recommended_max_c = hi_c,
                     .allowable_min_c = 2.0,
                     .allowable_max_c = hi_c,
                     .allowable_min_dew_point_c = -kInf,
                     .allowable_max_dew_point_c = kInf,
                     .allowable_min_rh = 0.0,
                     .allowable_max_rh = 1.0,
                     .recommended_min_dew_point_c = -kInf,
                     .recommended_max_dew_point_c = kInf,
                     .recommended_max_rh = 1.0};
}

constexpr std::array<AshraeClass, 11> kClasses = {
    air("A1", 27.0, 15.0, 32.0, 17.0, 0.80),
    air("A2", 27.0, 10.0, 35.0, 21.0, 0.80),
    air("A3", 27.0, 5.0, 40.0, 24.0, 0.85),
    air("A4", 27.0, 5.0, 45.0, 24.0, 0.90),
    air("H1", 22.0, 5.0, 25.0, 17.0, 0.80),
    liquid("W17", 17.0),
    liquid("W27", 27.0),
    liquid("W32", 32.0),
    liquid("W40", 40.0),
    liquid("W45", 45.0),
    liquid("W+", kInf),
};

bool iequal(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

EnvelopeStatus worse(EnvelopeStatus a, EnvelopeStatus b) {
  return static_cast<int>(a) > static_cast<int>(b) ? a : b;
}

}  // namespace

const char* to_string(EnvelopeStatus s) {
  switch (s) {
    case EnvelopeStatus::kRecommended: return "recommended";
    case EnvelopeStatus::kAllowable: return "allowable";
    case EnvelopeStatus::kOutside: return "outside";
  }
  return "outside";
}

EnvelopeStatus AshraeClass::classify(double temp_c) const {
  if (temp_c >= recommended_min_c && temp_c <= recommended_max_c)
    return EnvelopeStatus::kRecommended;
  if (temp_c >= allowable_min_c && temp_c <= allowable_max_c) return EnvelopeStatus::kAllowable;
  return EnvelopeStatus::kOutside;
}

EnvelopeStatus AshraeClass::classify(double temp_c, double dew_point_c, double rh) const {
  const EnvelopeStatus by_temp = classify(temp_c);
  if (medium == CoolingMedium::kLiquid) return by_temp;
  EnvelopeStatus by_moisture = EnvelopeStatus::kOutside;
  if (dew_point_c >= recommended_min_dew_point_c && dew_point_c <= recommended_max_dew_point_c &&
      rh <= recommended_max_rh) {
    by_moisture = EnvelopeStatus::kRecommended;
  } else if (dew_point_c >= allowable_min_dew_point_c && dew_point_c <= allowable_max_dew_point_c &&
             rh >= allowable_min_rh && rh <= allowable_max_rh) {
    by_moisture = EnvelopeStatus::kAllowable;
  }
  return worse(by_temp, by_moisture);
}

std::span<const AshraeClass> ashrae_classes() { return kClasses; }

std::string ashrae_class_names() {
  std::string out;
  for (const AshraeClass& c : kClasses) {
    if (!out.empty()) out += ", ";
    out += c.name;
  }
  return out;
}

const AshraeClass& ashrae_class(std::string_view name) {
  for (const AshraeClass& c : kClasses) {
    if (iequal(c.name, name)) return c;
  }
  throw ParameterError("class", fmt::format("class '{}' is not an ASHRAE class; valid classes: {}",
                                            name, ashrae_class_names()));
}

}  // namespace dcsim::models
