// Carbon intensity of grid electricity, gCO2e/kWh, as a step function of simulation time.
//   constant:  f(t) = f0
//   monthly:   f(t) = f[month of t]                          (12 values, January first)
//   hourly:    f(t) = f[hour of day of t]                    (24 values)
//   weekly:    f(t) = f[weekday of t][hour of day of t]      (7 x 24, Monday first, ISO 8601)
//   trace:     f(t) = f_i for t_i <= t < t_{i+1}; f_0 before t_0 and f_n after t_n
// Calendar fields come from the run's sim::Calendar (local standard time, no daylight saving).
// Each step is an event: next_change_after(t) is the first time after t at which the value differs
// (steps between equal values are skipped), kTimeMax if it never changes again.
// The basis tag says whether the values are average (attributional: emissions of the electricity
// consumed) or marginal (consequential: emissions of the generation a change of load displaces);
// the numbers themselves come from the user (Ember/Our World in Data, EPA eGRID or AVERT...).
#pragma once

#include <array>
#include <istream>
#include <string>
#include <vector>

#include "models/trace_csv.hpp"
#include "sim/time.hpp"

namespace dcsim::models {

enum class IntensityBasis { average, marginal };
const char* to_string(IntensityBasis b);

struct IntensityPoint {
  sim::Time time = 0;
  double intensity_g_per_kwh = 0;
};

class GridIntensity {
 public:
  static GridIntensity constant(double intensity_g_per_kwh,
                                IntensityBasis basis = IntensityBasis::average);
  static GridIntensity monthly(const std::array<double, 12>& g_per_kwh,
                               const sim::Calendar& calendar,
                               IntensityBasis basis = IntensityBasis::average);
  static GridIntensity hourly(const std::array<double, 24>& g_per_kwh,
                              const sim::Calendar& calendar,
                              IntensityBasis basis = IntensityBasis::average);
  // [weekday][hour], weekday 0 = Monday.
  static GridIntensity weekly(const std::array<std::array<double, 24>, 7>& g_per_kwh,
                              const sim::Calendar& calendar,
                              IntensityBasis basis = IntensityBasis::average);
  // Points strictly increasing in time.
  static GridIntensity trace(std::vector<IntensityPoint> points,
                             IntensityBasis basis = IntensityBasis::average);

  double at(sim::Time t) const;
  sim::Time next_change_after(sim::Time t) const;
  IntensityBasis basis() const { return basis_; }

 private:
  enum class Kind { constant, monthly, hourly, weekly, trace };
  GridIntensity(Kind kind, std::vector<double> values, const sim::Calendar& calendar,
                IntensityBasis basis);
  // Index into values_ of the step containing t, and the start of the next step (calendar kinds).
  std::size_t index_at(sim::Time t) const;
  sim::Time next_step_after(sim::Time t) const;

  Kind kind_;
  std::vector<double> values_;
  std::vector<sim::Time> times_;  // trace only
  sim::Calendar calendar_;
  IntensityBasis basis_;
};

// CSV with header `timestamp,intensity_g_per_kwh`; timestamp "YYYY-MM-DD HH:MM" (local standard
// time, placed on the run calendar) or seconds since the period start. Blank lines and lines
// starting with '#' are skipped. `file_name` only labels error messages. Errors are TraceFileError
// (models/trace_csv.hpp).
std::vector<IntensityPoint> read_intensity_trace(std::istream& in, const std::string& file_name,
                                                 const sim::Calendar& calendar);
std::vector<IntensityPoint> read_intensity_trace_file(const std::string& path,
                                                      const sim::Calendar& calendar);

}  // namespace dcsim::models
