// Part of the scenario loader (app/scenario.cpp): the `power` section, the electrical chain
// (models/electrical_chain.hpp). Its keys are declared once, bound to models::PowerConfig; the
// transformer rating, the UPS module rating and count and the loss curves are read by hand (sized
// from the design IT load when the file leaves them open, or checked as a whole).
#pragma once

#include "app/schema.hpp"
#include "models/facility.hpp"

namespace dcsim::app {

// The schema of `power` (part of the scenario schema).
Schema power_schema();

// Fills `out` from the validated `power` section; `it_peak_w` is the design IT load. Input errors at
// their keys.
void read_power(const Reader& power, double it_peak_w, models::PowerConfig& out);

}  // namespace dcsim::app
