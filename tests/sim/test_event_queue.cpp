// EventQueue: total order (time, priority, insertion), in-place reschedule and cancel, stale handles,
// checked against naive references that keep every pending event in a plain vector.
#include <algorithm>
#include <cstdint>
#include <random>
#include <stdexcept>
#include <tuple>
#include <vector>

#include <catch2/catch.hpp>

#include "sim/event_queue.hpp"

using dcsim::sim::Event;
using dcsim::sim::EventQueue;
using dcsim::sim::Time;

namespace {

// Uniform integer in [0, n) from raw 64-bit draws (Lemire's multiply-shift; bias < n / 2^64).
std::uint64_t below(std::mt19937_64& rng, std::uint64_t n) {
  return static_cast<std::uint64_t>((static_cast<unsigned __int128>(rng()) * n) >> 64);
}

struct RefEvent {
  Time time;
  std::int32_t priority;
  std::uint64_t order;  // our own count of pushes and reschedules, i.e. the expected seq order
  std::uint64_t payload;
  EventQueue::Handle handle;
};

bool ref_before(const RefEvent& a, const RefEvent& b) {
  return std::tie(a.time, a.priority, a.order) < std::tie(b.time, b.priority, b.order);
}

}  // namespace

TEST_CASE("EventQueue pops by time, then priority, then insertion order", "[event_queue]") {
  std::mt19937_64 rng(42);
  EventQueue q;
  std::vector<RefEvent> ref;
  // Few distinct times and priorities, so most events tie with many others.
  for (std::uint64_t i = 0; i < 5000; ++i) {
    const Time t = static_cast<Time>(below(rng, 20));
    const auto p = static_cast<std::int32_t>(below(rng, 5)) - 2;
    q.push(t, p, 0, 0, i);
    ref.push_back({t, p, i, i, {}});
  }
  std::stable_sort(ref.begin(), ref.end(), [](const RefEvent& a, const RefEvent& b) {
    return std::tie(a.time, a.priority) < std::tie(b.time, b.priority);
  });
  Event prev;
  for (std::size_t i = 0; i < ref.size(); ++i) {
    const Event e = q.pop();
    REQUIRE(e.payload == ref[i].payload);
    REQUIRE(e.time == ref[i].time);
    REQUIRE(e.priority == ref[i].priority);
    if (i > 0 && e.time == prev.time && e.priority == prev.priority) REQUIRE(e.seq > prev.seq);
    prev = e;
  }
  CHECK(q.empty());
}

TEST_CASE("EventQueue replays identically", "[event_queue]") {
  auto trace = [] {
    std::mt19937_64 rng(7);
    EventQueue q;
    std::vector<std::uint64_t> order;
    for (std::uint64_t i = 0; i < 200; ++i) q.push(static_cast<Time>(below(rng, 10)), 0, 0, 0, i);
    while (!q.empty()) {
      const Event e = q.pop();
      order.push_back(e.payload);
      if (e.payload < 1000) q.push(e.time + static_cast<Time>(below(rng, 3)), 0, 0, 0, e.payload + 200);
    }
    return order;
  };
  const auto a = trace();
  CHECK(a.size() == 200 * 6);  // each chain runs payload p, p + 200, ..., p + 1000
  CHECK(a == trace());
}

TEST_CASE("EventQueue reschedules in place and cancels", "[event_queue]") {
  EventQueue q;
  const auto a = q.push(10, 0, 1, 0, 'a');
  const auto b = q.push(20, 0, 2, 0, 'b');
  const auto c = q.push(30, 0, 3, 0, 'c');
  const auto d = q.push(20, 0, 4, 0, 'd');

  SECTION("earlier") {
    q.reschedule(c, 5, 0);
    CHECK(q.top().payload == 'c');
    CHECK(q.size() == 4);
  }
  SECTION("later, and behind events already at the new time") {
    q.reschedule(a, 20, 0);
    CHECK(q.pop().payload == 'b');
    CHECK(q.pop().payload == 'd');
    CHECK(q.pop().payload == 'a');  // rescheduled last, so last among the three at t = 20
  }
  SECTION("same time, new kind and payload") {
    q.reschedule(b, 20, -1, 9, 'B');
    q.pop();
    const Event e = q.pop();
    CHECK(e.payload == 'B');
    CHECK(e.kind == 9);
    CHECK(e.target == 2);
  }
  SECTION("cancel the top") {
    CHECK(q.cancel(a));
    CHECK(q.top().payload == 'b');
    CHECK(q.size() == 3);
  }
  SECTION("cancel the last element of the heap") {
    // In a 4-ary heap b, c and d are all children of a; d, pushed last, is the last element.
    CHECK(q.cancel(d));
    CHECK(q.valid());
    std::vector<std::uint64_t> got;
    while (!q.empty()) got.push_back(q.pop().payload);
    CHECK(got == std::vector<std::uint64_t>{'a', 'b', 'c'});
  }
  CHECK(q.valid());
}

TEST_CASE("EventQueue detects stale handles and reuses their slots", "[event_queue]") {
  EventQueue q;
  const auto a = q.push(1, 0, 0, 0);
  CHECK(q.contains(a));
  CHECK(q.pop().time == 1);
  CHECK_FALSE(q.contains(a));
  CHECK_FALSE(q.cancel(a));
  CHECK_THROWS_AS(q.reschedule(a, 5, 0), std::invalid_argument);
  CHECK_THROWS_AS(q.get(a), std::invalid_argument);

  const auto b = q.push(2, 0, 0, 0);
  CHECK(b.slot == a.slot);  // the freed slot is reused ...
  CHECK(b.generation != a.generation);  // ... under a new generation
  CHECK_FALSE(q.contains(a));
  CHECK_FALSE(q.cancel(a));
  CHECK(q.size() == 1);
  CHECK(q.cancel(b));
  CHECK_FALSE(q.cancel(b));
  CHECK_FALSE(q.contains(EventQueue::Handle{}));
  CHECK(q.empty());
}

TEST_CASE("EventQueue matches a naive reference over 10,000 random operations", "[event_queue]") {
  std::mt19937_64 rng(2024);
  EventQueue q;
  std::vector<RefEvent> live;
  std::vector<EventQueue::Handle> dead;
  std::uint64_t order = 0;
  Time now = 0;
  auto min_it = [&] { return std::min_element(live.begin(), live.end(), ref_before); };

  for (int op = 0; op < 10000; ++op) {
    const std::uint64_t r = below(rng, 100);
    if (r < 35 || live.empty()) {  // push
      const Time t = now + static_cast<Time>(below(rng, 50));
      const auto p = static_cast<std::int32_t>(below(rng, 3));
      const std::uint64_t payload = rng();
      const auto h = q.push(t, p, 0, 0, payload);
      live.push_back({t, p, order++, payload, h});
    } else if (r < 60) {  // pop
      const auto it = min_it();
      const Event e = q.pop();
      REQUIRE(e.payload == it->payload);
      REQUIRE(e.time == it->time);
      now = e.time;
      dead.push_back(it->handle);
      live.erase(it);
    } else if (r < 80) {  // reschedule a random pending event, earlier or later
      RefEvent& x = live[below(rng, live.size())];
      x.time = now + static_cast<Time>(below(rng, 50));
      x.priority = static_cast<std::int32_t>(below(rng, 3));
      x.order = order++;
      q.reschedule(x.handle, x.time, x.priority);
    } else if (r < 95) {  // cancel a random pending event, often the top
      auto it = r < 85 ? min_it() : live.begin() + static_cast<std::ptrdiff_t>(below(rng, live.size()));
      REQUIRE(q.cancel(it->handle));
      dead.push_back(it->handle);
      live.erase(it);
    } else if (!dead.empty()) {  // a stale handle changes nothing
      const auto h = dead[below(rng, dead.size())];
      REQUIRE_FALSE(q.contains(h));
      REQUIRE_FALSE(q.cancel(h));
    }
    REQUIRE(q.size() == live.size());
    REQUIRE(q.valid());
    if (!live.empty()) REQUIRE(q.top().payload == min_it()->payload);
  }
  // Drain: what is left comes out in reference order.
  std::sort(live.begin(), live.end(), ref_before);
  for (const RefEvent& x : live) REQUIRE(q.pop().payload == x.payload);
  CHECK(q.empty());
}
