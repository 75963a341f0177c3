// Simulator: event order, one timer per component, zero-delay ring, advance hook, stop, errors and
// statistics. Components record what they receive; expected traces are written out by hand.
#include <cstdint>
#include <functional>
#include <random>
#include <set>
#include <stdexcept>
#include <string>
#include <tuple>
#include <vector>

#include <catch2/catch.hpp>

#include "sim/simulator.hpp"

using dcsim::sim::Component;
using dcsim::sim::ComponentId;
using dcsim::sim::Event;
using dcsim::sim::EventKind;
using dcsim::sim::Simulator;
using dcsim::sim::Time;

namespace {

struct Seen {
  Time time;
  ComponentId id;
  EventKind kind;
  std::uint64_t payload;
  friend bool operator==(const Seen&, const Seen&) = default;
};

// Records every event; an optional reaction runs inside the handler.
class Recorder : public Component {
 public:
  explicit Recorder(std::vector<Seen>& log) : log_(log) {}
  std::function<void(Simulator&, const Event&)> react;
  void on_event(Simulator& sim, const Event& e) override {
    log_.push_back({sim.now(), e.target, e.kind, e.payload});
    if (react) react(sim, e);
  }

 private:
  std::vector<Seen>& log_;
};

std::uint64_t below(std::mt19937_64& rng, std::uint64_t n) {
  return static_cast<std::uint64_t>((static_cast<unsigned __int128>(rng()) * n) >> 64);
}

}  // namespace

TEST_CASE("Simulator runs events by time, then priority, then scheduling order", "[simulator]") {
  std::vector<Seen> log;
  Simulator sim;
  const EventKind k = sim.register_kind("tick");
  std::vector<Recorder> comps(5, Recorder(log));
  for (auto& c : comps) sim.add_component(c);
  sim.schedule(0, 20, k, 0);
  sim.schedule(1, 10, k, 1, 5);
  sim.schedule(2, 10, k, 2, 5);
  sim.schedule(3, 10, k, 3, -1);
  sim.schedule(4, 5, k, 4);
  CHECK(sim.run_until(100) == Simulator::RunOutcome::kReachedEnd);
  const std::vector<Seen> expected{{5, 4, k, 4}, {10, 3, k, 3}, {10, 1, k, 1}, {10, 2, k, 2},
                                   {20, 0, k, 0}};
  CHECK(log == expected);
  CHECK(sim.now() == 100);
}

TEST_CASE("Simulator replays a randomized run identically", "[simulator]") {
  auto trace = [] {
    std::vector<Seen> log;
    std::mt19937_64 rng(11);
    Simulator sim;
    const EventKind a = sim.register_kind("a");
    const EventKind b = sim.register_kind("b");
    std::vector<Recorder> comps(50, Recorder(log));
    for (auto& c : comps) {
      c.react = [&](Simulator& s, const Event& e) {
        // Each event reschedules its own target and another component, with many ties.
        const auto other = static_cast<ComponentId>(below(rng, 50));
        s.schedule(e.target, s.now() + static_cast<Time>(below(rng, 4)), a, e.payload + 1);
        s.schedule(other, s.now() + static_cast<Time>(below(rng, 4)), b, e.payload + 7,
                   static_cast<std::int32_t>(below(rng, 2)));
        if (e.payload % 5 == 0) s.schedule_now(other, a, e.payload + 3);
      };
      sim.schedule(sim.add_component(c), 0, a, 0);
    }
    sim.run_until(200);
    return log;
  };
  const auto first = trace();
  CHECK(first.size() > 1000);
  CHECK(first == trace());
}

TEST_CASE("Simulator keeps one pending timer per component", "[simulator]") {
  std::vector<Seen> log;
  Simulator sim;
  const EventKind early = sim.register_kind("early");
  const EventKind late = sim.register_kind("late");
  Recorder r(log), other(log);
  const ComponentId id = sim.add_component(r);
  const ComponentId id2 = sim.add_component(other);
  CHECK_FALSE(sim.pending_time(id));
  sim.schedule(id, 50, late, 1);
  sim.schedule(id2, 40, late, 2);
  CHECK(sim.pending_time(id) == Time{50});
  sim.schedule(id, 30, early, 3);  // replaces the timer at 50: earlier
  CHECK(sim.pending_time(id) == Time{30});
  sim.schedule(id, 60, late, 4);  // and later again
  CHECK(sim.pending_time(id) == Time{60});
  CHECK(sim.cancel(id2));
  CHECK_FALSE(sim.cancel(id2));
  CHECK_FALSE(sim.pending_time(id2));
  sim.run_until(100);
  CHECK(log == std::vector<Seen>{{60, id, late, 4}});
  CHECK_FALSE(sim.pending_time(id));  // fired, so nothing pending
  CHECK_FALSE(sim.cancel(id));
}

TEST_CASE("Zero-delay events run FIFO after the current event and before the heap", "[simulator]") {
  std::vector<Seen> log;
  Simulator sim;
  const EventKind k = sim.register_kind("k");
  const EventKind now = sim.register_kind("now");
  std::vector<Recorder> comps(4, Recorder(log));
  for (auto& c : comps) sim.add_component(c);
  // At t = 10: 0 posts to 1 and 2 and schedules 3 at the same time with the most urgent priority;
  // 1 posts to 3 while the ring drains. The ring settles completely before 3's heap event, and
  // before 1's heap event that was pending all along.
  comps[0].react = [&](Simulator& s, const Event&) {
    s.schedule_now(1, now, 11);
    s.schedule_now(2, now, 12);
    s.schedule(3, s.now(), k, 3, -1000);
  };
  comps[1].react = [&](Simulator& s, const Event& e) {
    if (e.kind != now) return;
    CHECK(e.time == 10);
    CHECK(e.priority == Simulator::kZeroDelayPriority);
    s.schedule_now(3, now, 13);
  };
  sim.schedule(0, 10, k, 0, 0);
  sim.schedule(1, 10, k, 1, 1);  // its timer is untouched by the ring events it receives
  sim.run_until(20);
  const std::vector<Seen> expected{{10, 0, k, 0},    {10, 1, now, 11}, {10, 2, now, 12},
                                   {10, 3, now, 13}, {10, 3, k, 3},    {10, 1, k, 1}};
  CHECK(log == expected);
  CHECK(sim.statistics().zero_delay_events == 3);

  SECTION("posted outside a run: drained first at the next run") {
    log.clear();
    comps[1].react = nullptr;
    sim.schedule(2, 20, k, 2);
    sim.schedule_now(1, now, 7);
    sim.run_until(30);
    CHECK(log == std::vector<Seen>{{20, 1, now, 7}, {20, 2, k, 2}});
  }
  SECTION("a stop leaves the rest of the ring for the next run, at the same time") {
    log.clear();
    comps[1].react = nullptr;
    comps[0].react = [&](Simulator& s, const Event&) {
      s.schedule_now(1, now, 21);
      s.schedule_now(2, now, 22);
      s.stop();
    };
    sim.schedule(0, 25, k, 0);
    CHECK(sim.run_until(30) == Simulator::RunOutcome::kStopped);
    CHECK(sim.now() == 25);
    CHECK(log == std::vector<Seen>{{25, 0, k, 0}});
    CHECK(sim.run_until(30) == Simulator::RunOutcome::kReachedEnd);
    CHECK(log == std::vector<Seen>{{25, 0, k, 0}, {25, 1, now, 21}, {25, 2, now, 22}});
  }
}

TEST_CASE("Advance hook intervals are contiguous and cover the run exactly", "[simulator]") {
  std::vector<Seen> log;
  std::vector<std::pair<Time, Time>> intervals;
  std::mt19937_64 rng(5);
  Simulator sim;
  const EventKind k = sim.register_kind("k");
  std::vector<Recorder> comps(8, Recorder(log));
  // A continuous state x with dx/dt = 1, advanced by the hook: at every event x must equal now.
  double x_s = 0.0;
  sim.set_advance_hook([&](Time from, Time to) {
    intervals.emplace_back(from, to);
    x_s += dcsim::sim::to_seconds(to - from);
  });
  for (auto& c : comps) {
    c.react = [&](Simulator& s, const Event& e) {
      REQUIRE(x_s == Approx(dcsim::sim::to_seconds(s.now())).margin(1e-9));
      s.schedule(e.target, s.now() + static_cast<Time>(below(rng, 3000)), k);
    };
    sim.schedule(sim.add_component(c), static_cast<Time>(below(rng, 1000)), k);
  }
  const Time end = dcsim::sim::minutes(10);
  sim.run_until(dcsim::sim::minutes(4));
  sim.run_until(end);

  REQUIRE(intervals.size() > 100);
  CHECK(intervals.front().first == 0);
  CHECK(intervals.back().second == end);
  for (std::size_t i = 0; i < intervals.size(); ++i) {
    REQUIRE(intervals[i].second > intervals[i].first);
    if (i > 0) REQUIRE(intervals[i].first == intervals[i - 1].second);
  }
  CHECK(x_s == Approx(600.0).margin(1e-9));
  CHECK(sim.statistics().hook_calls == intervals.size());
  // The clock stops at each distinct event time and at the end of each run; the hook is called
  // once for each such time after 0.
  std::set<Time> stops{dcsim::sim::minutes(4), end};
  for (const Seen& s : log) stops.insert(s.time);
  stops.erase(0);
  CHECK(intervals.size() == stops.size());

  sim.run_until(end);  // nothing to do and no time to cover: no call
  CHECK(sim.statistics().hook_calls == intervals.size());
}

TEST_CASE("stop() and the stop predicate end a run after the current event", "[simulator]") {
  std::vector<Seen> log;
  Simulator sim;
  const EventKind k = sim.register_kind("k");
  Recorder r(log);
  const ComponentId id = sim.add_component(r);
  r.react = [&](Simulator& s, const Event& e) {
    s.schedule(id, s.now() + 10, k, e.payload + 1);
    if (e.payload == 2) s.stop();
  };
  sim.schedule(id, 10, k, 0);

  CHECK(sim.run_until(1000) == Simulator::RunOutcome::kStopped);
  CHECK(log.size() == 3);  // payloads 0, 1, 2
  CHECK(sim.now() == 30);  // the clock stays at the stopping event
  CHECK(sim.pending_time(id) == Time{40});

  sim.set_stop_predicate([](const Simulator& s) { return s.statistics().events >= 7; });
  CHECK(sim.run_until(1000) == Simulator::RunOutcome::kStopped);
  CHECK(log.size() == 7);
  CHECK(sim.now() == 70);

  sim.set_stop_predicate(nullptr);
  sim.stop();  // outside a run: no effect
  CHECK(sim.run_until(95) == Simulator::RunOutcome::kReachedEnd);
  CHECK(log.size() == 9);
  CHECK(sim.now() == 95);
}

TEST_CASE("Simulator rejects scheduling in the past and other misuse", "[simulator]") {
  std::vector<Seen> log;
  Simulator sim;
  const EventKind k = sim.register_kind("k");
  Recorder r(log);
  const ComponentId id = sim.add_component(r);
  sim.run_until(100);
  CHECK_THROWS_AS(sim.schedule(id, 99, k), std::logic_error);
  CHECK_NOTHROW(sim.schedule(id, 100, k));
  CHECK_THROWS_AS(sim.run_until(50), std::logic_error);
  CHECK_THROWS_AS(sim.schedule(id + 1, 200, k), std::out_of_range);
  CHECK_THROWS_AS(sim.schedule(id, 200, static_cast<EventKind>(k + 1)), std::out_of_range);
  CHECK_THROWS_AS(sim.schedule_now(id + 1, k), std::out_of_range);

  sim.set_advance_hook([&](Time, Time) { sim.schedule(id, 500, k); });
  sim.schedule(id, 300, k);
  CHECK_THROWS_AS(sim.run_until(400), std::logic_error);

  sim.set_advance_hook(nullptr);
  r.react = [&](Simulator& s, const Event&) { s.run_until(1000); };
  sim.schedule(id, 350, k);
  CHECK_THROWS_AS(sim.run_until(400), std::logic_error);
}

TEST_CASE("Simulator counts events by kind", "[simulator]") {
  std::vector<Seen> log;
  Simulator sim;
  const EventKind weather = sim.register_kind("weather");
  const EventKind sample = sim.register_kind("sample");
  CHECK(sim.register_kind("weather") == weather);
  CHECK(sim.kind_name(sample) == "sample");
  Recorder w(log), s(log);
  const ComponentId wid = sim.add_component(w);
  const ComponentId sid = sim.add_component(s);
  // Hourly weather and a 15-minute sample over one day: 24 + 96 events, and the sampler
  // posts one zero-delay event per sample.
  w.react = [&](Simulator& sm, const Event& e) {
    if (e.kind == weather) sm.schedule(wid, sm.now() + dcsim::sim::hours(1), weather);
  };
  s.react = [&](Simulator& sm, const Event& e) {
    if (e.kind == sample) {
      sm.schedule(sid, sm.now() + dcsim::sim::minutes(15), sample);
      sm.schedule_now(wid, sample);
    }
  };
  sim.schedule(wid, 0, weather);
  sim.schedule(sid, 0, sample);
  sim.run_until(dcsim::sim::days(1) - 1);
  CHECK(sim.events_of_kind("weather") == 24);
  CHECK(sim.events_of_kind("sample") == 96 + 96);
  CHECK(sim.events_of_kind("nothing") == 0);
  CHECK(sim.statistics().events == 24 + 96 + 96);
  CHECK(sim.statistics().zero_delay_events == 96);
  sim.reset_statistics();
  CHECK(sim.statistics().events == 0);
  CHECK(sim.events_of_kind("weather") == 0);
}
