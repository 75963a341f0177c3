// Cost of advancing the exact thermal network: a cached step (a step length seen before: one
// matrix-vector product) and an uncached one (the step integrals computed by scaling and squaring),
// plus locating a threshold crossing. Random connected networks of 10, 50 and 200 nodes with three
// boundaries, a coolant loop and heat sources. Target: 50 nodes cached under 2 us (Release).
// Run: ./build/tests/bench_thermal
#include <benchmark/benchmark.h>
#include <fmt/format.h>

#include <cmath>
#include <random>

#include "sim/thermal_network.hpp"

namespace {

using dcsim::sim::NodeId;
using dcsim::sim::ThermalNetwork;

double uniform(std::mt19937_64& rng) { return static_cast<double>(rng() >> 11) * 0x1.0p-53; }
double log_uniform(std::mt19937_64& rng, double lo, double hi) {
  return lo * std::pow(hi / lo, uniform(rng));
}

struct Network {
  ThermalNetwork net;
  std::vector<NodeId> boundaries;
  std::vector<int> sources;
  NodeId watched = 0;
  Network(int n, std::size_t cache) : net(cache) {
    std::mt19937_64 rng(42);
    std::vector<NodeId> nodes;
    for (int i = 0; i < n; ++i) {
      nodes.push_back(net.add_node(fmt::format("n{}", i), log_uniform(rng, 1e3, 1e8),
                                   20.0 + 20.0 * uniform(rng)));
    }
    for (int i = 0; i < 3; ++i)
      boundaries.push_back(net.add_boundary(fmt::format("b{}", i), 10.0 + 10.0 * i));
    for (int i = 1; i < n; ++i)
      net.add_conductance(nodes[i], nodes[rng() % i], log_uniform(rng, 1.0, 1e4));
    for (int i = 0; i < n; ++i) {
      const auto a = rng() % n, b = (a + 1 + rng() % (n - 1)) % n;
      net.add_conductance(nodes[a], nodes[b], log_uniform(rng, 1.0, 1e3));
    }
    for (NodeId b : boundaries)
      net.add_conductance(b, nodes[rng() % n], log_uniform(rng, 10.0, 1e3));
    // A coolant loop from the plant (boundary 0) through a quarter of the nodes and back.
    NodeId prev = boundaries[0];
    for (int i = 0; i < std::max(1, n / 4); ++i) {
      net.add_flow(prev, nodes[i], 2000.0);
      prev = nodes[i];
    }
    net.add_flow(prev, boundaries[0], 2000.0);
    for (int i = 0; i < std::max(1, n / 5); ++i)
      sources.push_back(net.add_source(nodes[rng() % n], 1e4 * uniform(rng)));
    watched = nodes[n / 2];
  }
};

void cached_step(benchmark::State& state) {
  Network w(static_cast<int>(state.range(0)), 8);
  w.net.advance(60.0);
  for (auto _ : state) {
    w.net.advance(60.0);
    benchmark::DoNotOptimize(w.net.temp_c(w.watched));
  }
}

void cached_step_with_inputs(benchmark::State& state) {  // the owner changes b before each step
  Network w(static_cast<int>(state.range(0)), 8);
  w.net.advance(60.0);
  double t = 0.0;
  for (auto _ : state) {
    t += 1.0;
    w.net.set_temp(w.boundaries[1], 15.0 + std::sin(t));
    w.net.set_source(w.sources[0], 5e3 + 1e3 * std::cos(t));
    w.net.advance(60.0);
    benchmark::DoNotOptimize(w.net.total_boundary_heat_j());
  }
}

void uncached_step(benchmark::State& state) {
  Network w(static_cast<int>(state.range(0)), 0);
  for (auto _ : state) {
    w.net.advance(60.0);
    benchmark::DoNotOptimize(w.net.temp_c(w.watched));
  }
}

void first_crossing(benchmark::State& state) {  // with the doubling chain already built
  Network w(static_cast<int>(state.range(0)), 8);
  const double limit = w.net.temp_c(w.watched) + 100.0;  // never reached: the whole year is scanned
  w.net.first_crossing(w.watched, limit, 3.15e7);
  for (auto _ : state) benchmark::DoNotOptimize(w.net.first_crossing(w.watched, limit, 3.15e7));
}

}  // namespace

BENCHMARK(cached_step)->Arg(10)->Arg(50)->Arg(200);
BENCHMARK(cached_step_with_inputs)->Arg(10)->Arg(50)->Arg(200);
BENCHMARK(uncached_step)->Arg(10)->Arg(50)->Arg(200)->Unit(benchmark::kMicrosecond);
BENCHMARK(first_crossing)->Arg(10)->Arg(50)->Arg(200)->Unit(benchmark::kMicrosecond);
BENCHMARK_MAIN();
