// ASHRAE TC 9.9 envelopes: the published class limits (Thermal Guidelines, 5th ed. 2021) and the
// classification at and around each boundary.
#include <catch2/catch.hpp>
#include <cmath>
#include <string>

#include "models/ashrae_class.hpp"
#include "sim/check.hpp"

using dcsim::models::ashrae_class;
using dcsim::models::EnvelopeStatus;

TEST_CASE("ASHRAE air classes carry the published dry-bulb ranges", "[ashrae]") {
  struct Row {
    const char* name;
    double rec_lo, rec_hi, lo, hi, max_dp, max_rh;
  };
  // Recommended 18-27 (H1 18-22); allowable A1 15-32, A2 10-35, A3 5-40, A4 5-45, H1 5-25 degC.
  const Row rows[] = {{"A1", 18, 27, 15, 32, 17, 0.80},
                      {"A2", 18, 27, 10, 35, 21, 0.80},
                      {"A3", 18, 27, 5, 40, 24, 0.85},
                      {"A4", 18, 27, 5, 45, 24, 0.90},
                      {"H1", 18, 22, 5, 25, 17, 0.80}};
  for (const Row& r : rows) {
    const auto& c = ashrae_class(r.name);
    INFO(r.name);
    CHECK(c.recommended_min_c == r.rec_lo);
    CHECK(c.recommended_max_c == r.rec_hi);
    CHECK(c.allowable_min_c == r.lo);
    CHECK(c.allowable_max_c == r.hi);
    CHECK(c.allowable_max_dew_point_c == r.max_dp);
    CHECK(c.allowable_max_rh == r.max_rh);
    // Boundaries are inclusive; one tenth of a kelvin beyond moves to the next band.
    CHECK(c.classify(r.rec_lo) == EnvelopeStatus::kRecommended);
    CHECK(c.classify(r.rec_hi) == EnvelopeStatus::kRecommended);
    CHECK(c.classify(r.rec_hi + 0.1) == EnvelopeStatus::kAllowable);
    CHECK(c.classify(r.rec_lo - 0.1) == EnvelopeStatus::kAllowable);
    CHECK(c.classify(r.hi) == EnvelopeStatus::kAllowable);
    CHECK(c.classify(r.lo) == EnvelopeStatus::kAllowable);
    CHECK(c.classify(r.hi + 0.1) == EnvelopeStatus::kOutside);
    CHECK(c.classify(r.lo - 0.1) == EnvelopeStatus::kOutside);
  }
}

TEST_CASE("Wider air classes contain the narrower ones", "[ashrae]") {
  // A1 within A2 within A3 within A4: every temperature allowable for A1 is allowable for A4.
  for (double t = 0.0; t <= 50.0; t += 0.5) {
    const auto s1 = ashrae_class("A1").classify(t);
    const auto s4 = ashrae_class("A4").classify(t);
    if (s1 != EnvelopeStatus::kOutside) CHECK(s4 != EnvelopeStatus::kOutside);
  }
  CHECK(ashrae_class("A2").classify(34.0) == EnvelopeStatus::kAllowable);
  CHECK(ashrae_class("A1").classify(34.0) == EnvelopeStatus::kOutside);
}

TEST_CASE("ASHRAE liquid classes bound the facility water supply from 2 degC", "[ashrae]") {
  const std::pair<const char*, double> rows[] = {
      {"W17", 17}, {"W27", 27}, {"W32", 32}, {"W40", 40}, {"W45", 45}};
  for (const auto& [name, hi] : rows) {
    const auto& c = ashrae_class(name);
    INFO(name);
    CHECK(c.medium == dcsim::models::CoolingMedium::kLiquid);
    CHECK(c.classify(2.0) == EnvelopeStatus::kRecommended);
    CHECK(c.classify(hi) == EnvelopeStatus::kRecommended);
    CHECK(c.classify(hi + 0.5) == EnvelopeStatus::kOutside);
    CHECK(c.classify(1.5) == EnvelopeStatus::kOutside);
  }
  // W+ is above 45 degC with no upper limit.
  CHECK(ashrae_class("W+").classify(60.0) == EnvelopeStatus::kRecommended);
  CHECK(ashrae_class("W+").classify(1.0) == EnvelopeStatus::kOutside);
}

TEST_CASE("Moisture limits make the status worse, never better", "[ashrae]") {
  const auto& a1 = ashrae_class("A1");
  // 24 degC with a 10 degC dew point (about 53 % RH): recommended on both counts.
  CHECK(a1.classify(24.0, 10.0, 0.53) == EnvelopeStatus::kRecommended);
  // Same temperature, dew point 16 degC (above the recommended 15, below A1's 17): allowable.
  CHECK(a1.classify(24.0, 16.0, 0.61) == EnvelopeStatus::kAllowable);
  // Dew point 18 degC exceeds A1's 17 degC but not A2's 21 degC.
  CHECK(a1.classify(24.0, 18.0, 0.69) == EnvelopeStatus::kOutside);
  CHECK(ashrae_class("A2").classify(24.0, 18.0, 0.69) == EnvelopeStatus::kAllowable);
  // 85 % RH: beyond A1/A2's 80 %, within A3's 85 %.
  CHECK(ashrae_class("A2").classify(20.0, 17.4, 0.85) == EnvelopeStatus::kOutside);
  CHECK(ashrae_class("A3").classify(20.0, 17.4, 0.85) == EnvelopeStatus::kAllowable);
  // Very dry air (5 % RH) is outside the 8 % lower limit even at a recommended temperature.
  CHECK(a1.classify(22.0, -16.0, 0.05) == EnvelopeStatus::kOutside);
  // Liquid classes ignore moisture.
  CHECK(ashrae_class("W32").classify(30.0, 40.0, 1.0) == EnvelopeStatus::kRecommended);
}

TEST_CASE("ASHRAE lookup is case-insensitive and lists valid names on error", "[ashrae]") {
  CHECK(std::string(ashrae_class("a3").name) == "A3");
  CHECK(std::string(ashrae_class("w+").name) == "W+");
  CHECK(dcsim::models::ashrae_classes().size() == 11);
  try {
    ashrae_class("A5");
    FAIL("A5 is not a class");
  } catch (const dcsim::ParameterError& e) {
    const std::string msg = e.what();
    CHECK(msg.find("'A5'") != std::string::npos);
    CHECK(msg.find("A1, A2, A3, A4, H1, W17, W27, W32, W40, W45, W+") != std::string::npos);
  }
}
