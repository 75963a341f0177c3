// The classic hold model (Vaucher and Duval 1975; ns-3 utils/bench-scheduler.cc): N events pending;
// each step pops the earliest and pushes one at its time plus an exponential increment, so the queue
// size stays N. Increments are drawn beforehand, so the RNG is not timed. Three variants in one
// binary: the raw EventQueue, the full Simulator (N components, each rescheduling its own timer in
// its handler) and a bare std::priority_queue of (time, seq) pairs as the yardstick.
// scripts/bench_engine_ratio.sh prints the engine / bare heap rate ratios.
#include <cmath>
#include <cstdint>
#include <functional>
#include <queue>
#include <random>
#include <utility>
#include <vector>

#include <benchmark/benchmark.h>

#include "sim/event_queue.hpp"
#include "sim/simulator.hpp"

namespace {

using dcsim::sim::Time;

constexpr std::size_t kIncrements = std::size_t{1} << 16;
constexpr std::size_t kMask = kIncrements - 1;
constexpr double kMeanIncrement_ms = 60'000.0;

// Exponential increments in ticks by inversion, u uniform in (0, 1] from the top 53 bits.
const std::vector<Time>& increments() {
  static const std::vector<Time> inc = [] {
    std::mt19937_64 rng(20250101);
    std::vector<Time> v(kIncrements);
    for (Time& t : v) {
      const double u = static_cast<double>((rng() >> 11) + 1) * 0x1.0p-53;
      t = std::llround(-kMeanIncrement_ms * std::log(u));
    }
    return v;
  }();
  return inc;
}

void event_queue_hold(benchmark::State& state) {
  const auto n = static_cast<std::uint32_t>(state.range(0));
  const std::vector<Time>& inc = increments();
  std::size_t k = 0;
  dcsim::sim::EventQueue q;
  q.reserve(n);
  for (std::uint32_t i = 0; i < n; ++i) q.push(inc[k++ & kMask], 0, i, 0);
  for (auto _ : state) {
    const dcsim::sim::Event e = q.pop();
    q.push(e.time + inc[k++ & kMask], 0, e.target, e.kind, e.payload);
  }
  benchmark::DoNotOptimize(q.top_time());
  state.SetItemsProcessed(state.iterations());
}

// What the components share: the increments, the next one to use and the events left in the batch.
struct HoldState {
  const std::vector<Time>& inc;
  std::size_t next = 0;
  std::int64_t budget = 0;
};

class HoldComponent : public dcsim::sim::Component {
 public:
  explicit HoldComponent(HoldState& state) : state_(&state) {}
  void on_event(dcsim::sim::Simulator& sim, const dcsim::sim::Event& e) override {
    sim.schedule(e.target, sim.now() + state_->inc[state_->next++ & kMask], e.kind);
    if (--state_->budget == 0) sim.stop();
  }

 private:
  HoldState* state_;
};

void simulator_hold(benchmark::State& state) {
  constexpr std::int64_t kBatch = 1000;  // events per benchmark iteration
  const auto n = static_cast<std::uint32_t>(state.range(0));
  HoldState hold{increments()};
  dcsim::sim::Simulator sim;
  const dcsim::sim::EventKind kind = sim.register_kind("hold");
  std::vector<HoldComponent> comps(n, HoldComponent(hold));
  for (auto& c : comps) sim.schedule(sim.add_component(c), hold.inc[hold.next++ & kMask], kind);
  for (auto _ : state) {
    hold.budget = kBatch;
    sim.run_until(dcsim::sim::kTimeMax);
  }
  benchmark::DoNotOptimize(sim.now());
  state.SetItemsProcessed(state.iterations() * kBatch);
}

void bare_heap_hold(benchmark::State& state) {
  using Entry = std::pair<Time, std::uint64_t>;
  const auto n = static_cast<std::uint64_t>(state.range(0));
  const std::vector<Time>& inc = increments();
  std::size_t k = 0;
  std::uint64_t seq = 0;
  std::vector<Entry> storage;
  storage.reserve(n + 1);
  std::priority_queue<Entry, std::vector<Entry>, std::greater<>> q(std::greater<>{},
                                                                   std::move(storage));
  for (std::uint64_t i = 0; i < n; ++i) q.emplace(inc[k++ & kMask], seq++);
  for (auto _ : state) {
    const Time t = q.top().first;
    q.pop();
    q.emplace(t + inc[k++ & kMask], seq++);
  }
  benchmark::DoNotOptimize(q.top());
  state.SetItemsProcessed(state.iterations());
}

}  // namespace

BENCHMARK(event_queue_hold)->Arg(1000)->Arg(100000);
BENCHMARK(simulator_hold)->Arg(1000)->Arg(100000);
BENCHMARK(bare_heap_hold)->Arg(1000)->Arg(100000);

BENCHMARK_MAIN();
