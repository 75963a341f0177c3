// ASHRAE TC 9.9 environmental classes for IT equipment (Thermal Guidelines for Data Processing
// Environments, 5th ed., 2021).
// Air classes A1-A4 and H1 bound the IT inlet dry bulb: recommended 18-27 degC for A1-A4 (18-22 for
// H1); allowable A1 15-32, A2 10-35, A3 5-40, A4 5-45, H1 5-25 degC. Upper moisture limits
// (allowable): A1 17 degC dew point / 80 % RH, A2 21 / 80 %, A3 24 / 85 %, A4 24 / 90 %; H1 as A1
// [K]. Lower allowable moisture -12 degC dew point and 8 % RH; recommended moisture -9 to 15 degC
// dew point and at most 70 % RH [K] (both as printed in the 2021 edition's reference card, not
// checked here). Liquid classes W17, W27, W32, W40, W45 bound the facility water supply temperature
// from 2 degC up to the number in the name; W+ is above 45 degC with no upper bound. The liquid
// classes have a single range, reported as "recommended" when inside it (there is no separate
// allowable band).
#pragma once

#include <span>
#include <string>
#include <string_view>

namespace dcsim::models {

enum class EnvelopeStatus { kRecommended, kAllowable, kOutside };
enum class CoolingMedium { kAir, kLiquid };

const char* to_string(EnvelopeStatus s);

struct AshraeClass {
  const char* name;
  CoolingMedium medium;
  double recommended_min_c;
  double recommended_max_c;
  double allowable_min_c;
  double allowable_max_c;
  // Moisture limits (air classes; liquid classes carry -inf/+inf so moisture never limits them).
  double allowable_min_dew_point_c;
  double allowable_max_dew_point_c;
  double allowable_min_rh;  // fraction 0..1
  double allowable_max_rh;
  double recommended_min_dew_point_c;
  double recommended_max_dew_point_c;
  double recommended_max_rh;

  // Dry bulb (air: IT inlet; liquid: facility water supply) against the class ranges. Bounds are
  // inclusive: 27.0 degC is still recommended for A1.
  EnvelopeStatus classify(double temp_c) const;
  // Air: temperature and moisture together; the worse of the two statuses. Liquid: as
  // classify(temp_c).
  EnvelopeStatus classify(double temp_c, double dew_point_c, double rh) const;
};

// All classes, air first (A1, A2, A3, A4, H1), then liquid (W17, W27, W32, W40, W45, W+).
std::span<const AshraeClass> ashrae_classes();
// Case-insensitive lookup ("a2", "W32", "w+"); an unknown name throws dcsim::ParameterError that
// lists the valid names.
const AshraeClass& ashrae_class(std::string_view name);
// "A1, A2, A3, A4, H1, W17, W27, W32, W40, W45, W+"
std::string ashrae_class_names();

}  // namespace dcsim::models
