// The air hall's room: the default structure conductance from the room's size.
#include <catch2/catch.hpp>

#include <cmath>

#include "models/air_hall.hpp"

using namespace dcsim::models;

TEST_CASE("air hall: the structure conductance defaults to h A of the room and grows with it", "[air_hall]") {
  // 5000 m3, 4 m high, square: floor and ceiling 2 x 1250 m2, walls 4 x 4 m x 35.355 m = 565.69 m2,
  // A = 3065.69 m2; h = 6.5 W/(m2 K): UA = 19,927 W/K.
  CHECK(room_structure_ua_w_per_k(5000.0) == Approx(6.5 * (2500.0 + 16.0 * std::sqrt(1250.0))).epsilon(1e-12));
  CHECK(room_structure_ua_w_per_k(5000.0) == Approx(19927.0).epsilon(1e-4));
  // 20,000 m3: 10,000 m2 + 16 x 70.71 m = 11,131 m2, 72.4 kW/K: four times the room, 3.6 times the
  // surface (the walls grow as the square root).
  CHECK(room_structure_ua_w_per_k(20000.0) == Approx(72354.0).epsilon(1e-4));
  double last = 0.0;
  for (double v : {50.0, 500.0, 5000.0, 50000.0, 500000.0}) {
    const double ua = room_structure_ua_w_per_k(v);
    CHECK(ua > last);
    CHECK(ua < 10.0 * room_structure_ua_w_per_k(v / 10.0) * (1.0 + 1e-12));  // never faster than the volume
    last = ua;
  }
  // A value given in the scenario wins; none given takes the room's.
  AirLoopConfig cfg;
  cfg.room_volume_m3 = 12000.0;
  CHECK(cfg.structure_ua_w_per_k_or_default() == room_structure_ua_w_per_k(12000.0));
  cfg.structure_ua_w_per_k = 5e3;
  CHECK(cfg.structure_ua_w_per_k_or_default() == 5e3);
}
