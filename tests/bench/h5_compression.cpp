// Which compression for /timeseries? A year at one-minute recording (525,600 rows) of 30 channels
// shaped like dcsim's output, written through output::write_run with deflate levels 0, 1, 4, 6, 9,
// byte shuffle off/on and chunks of 4096, 16384 and 65536 rows. Counters: file size (MB), ratio of
// raw float64 bytes to file bytes, and write throughput of raw bytes (MB/s). Reading is timed for a
// few settings too. Results and the chosen default: docs/output.md.
//   build/tests/bench_h5_compression --benchmark_counters_tabular=true
//
// Channels (deterministic: std::mt19937_64 with our own uniform and Box-Muller normal variates):
// 10 temperatures (seasonal and daily cycles with a small first-order noise, like sampled state of
// the thermal network), 8 powers (piecewise constant between load steps every 15 min to 4 h, plus
// a plant power that follows the outdoor temperature), 4 flows (constant between rare pump-stage
// changes), 4 mode flags and stage counts (small integers), 4 accumulated energies (running sums).
#include <benchmark/benchmark.h>

#include <cmath>
#include <cstdint>
#include <filesystem>
#include <numbers>
#include <random>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <unistd.h>

#include "output/h5_file.hpp"
#include "output/run_file.hpp"
#include "sim/recorder.hpp"

namespace fs = std::filesystem;
using namespace dcsim;

namespace {

constexpr std::size_t kRows = 525'600;
constexpr double kStepS = 60.0;

class Variates {
 public:
  explicit Variates(std::uint64_t seed) : gen_(seed) {}
  double uniform() { return static_cast<double>(gen_() >> 11) * 0x1.0p-53; }  // [0, 1)
  double normal() {  // Box-Muller
    const double u1 = 1.0 - uniform(), u2 = uniform();
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * std::numbers::pi * u2);
  }

 private:
  std::mt19937_64 gen_;
};

sim::Recorder make_year() {
  Variates rng(20250101);
  const double pi = std::numbers::pi;
  std::vector<std::vector<double>> cols;
  sim::Recorder rec;
  auto column = [&](const std::string& name, const char* units) {
    rec.add_channel(name, units, name);
    cols.emplace_back(kRows);
    return &cols.back();
  };
  std::vector<double> outdoor(kRows);
  for (std::size_t i = 0; i < kRows; ++i) {
    const double d = i * kStepS / 86400.0;
    outdoor[i] = 12.0 - 10.0 * std::cos(2 * pi * (d - 20) / 365) + 5.0 * std::sin(2 * pi * (d - 0.375));
  }
  for (int k = 0; k < 10; ++k) {  // temperatures
    auto* c = column(fmt::format("temp_{}_c", k), "degC");
    const double base = 18.0 + 2.5 * k, coupling = 0.05 + 0.05 * k;
    double noise = 0.0;
    for (std::size_t i = 0; i < kRows; ++i) {
      noise = 0.98 * noise + 0.02 * rng.normal();
      (*c)[i] = base + coupling * (outdoor[i] - 12.0) + noise;
    }
  }
  for (int k = 0; k < 8; ++k) {  // powers
    auto* c = column(fmt::format("power_{}_w", k), "W");
    if (k == 7) {
      for (std::size_t i = 0; i < kRows; ++i) (*c)[i] = 5.0e4 + 4.0e3 * std::max(0.0, outdoor[i] - 10.0);
      continue;
    }
    const double nominal = 2.0e5 * (k + 1);
    std::size_t next = 0;
    double level = nominal;
    for (std::size_t i = 0; i < kRows; ++i) {
      if (i == next) {
        level = nominal * (0.4 + 0.6 * rng.uniform());
        next = i + 15 + static_cast<std::size_t>(225 * rng.uniform());
      }
      (*c)[i] = level;
    }
  }
  for (int k = 0; k < 4; ++k) {  // flows
    auto* c = column(fmt::format("flow_{}_kg_s", k), "kg/s");
    double level = 10.0 * (k + 1);
    for (std::size_t i = 0; i < kRows; ++i) {
      if (rng.uniform() < 1.0 / 2880) level = 10.0 * (k + 1) * (0.5 + 0.5 * std::floor(1 + 3 * rng.uniform()) / 3);
      (*c)[i] = level;
    }
  }
  for (int k = 0; k < 4; ++k) {  // modes and stages
    auto* c = column(fmt::format("mode_{}", k), "1");
    for (std::size_t i = 0; i < kRows; ++i) {
      (*c)[i] = outdoor[i] < 8.0 + k ? 0.0 : outdoor[i] < 16.0 + k ? 1.0 : 2.0;
    }
  }
  for (int k = 0; k < 4; ++k) {  // accumulated energies
    auto* c = column(fmt::format("energy_{}_j", k), "J");
    const auto& power = cols[10 + k];
    double sum = 0.0;
    for (std::size_t i = 0; i < kRows; ++i) (*c)[i] = (sum += power[i] * kStepS);
  }
  rec.reserve(kRows);
  std::vector<double> row(cols.size());
  for (std::size_t i = 0; i < kRows; ++i) {
    for (std::size_t c = 0; c < cols.size(); ++c) row[c] = cols[c][i];
    rec.record(i * kStepS, row);
  }
  return rec;
}

const sim::Recorder& year() {
  static const sim::Recorder rec = make_year();
  return rec;
}

output::RunResults header() {
  output::RunResults r;
  r.scenario_name = "bench";
  r.site = "bench";
  r.created_utc = "2025-01-01T00:00:00Z";
  return r;
}

fs::path bench_path(const char* tag) {
  return fs::temp_directory_path() / fmt::format("dcsim_bench_{}_{}.h5", tag, ::getpid());
}

output::h5::Compression compression_of(const benchmark::State& state) {
  return {.chunk_rows = static_cast<std::size_t>(state.range(2)),
          .deflate_level = static_cast<int>(state.range(0)),
          .shuffle = state.range(1) != 0};
}

double raw_bytes() { return double(year().channel_count() + 1) * kRows * sizeof(double); }

void BM_write_year(benchmark::State& state) {
  const auto& rec = year();
  const auto c = compression_of(state);
  const fs::path path = bench_path("write");
  for (auto _ : state) {
    H5::H5File f = output::h5::create_file(path);
    output::write_run(f, header(), rec, c);
    f.close();
  }
  const double size = static_cast<double>(fs::file_size(path));
  fs::remove(path);
  state.counters["file_MB"] = size / 1e6;
  state.counters["ratio"] = raw_bytes() / size;
  state.counters["raw_MB_per_s"] = benchmark::Counter(raw_bytes() / 1e6 * state.iterations(),
                                                      benchmark::Counter::kIsRate);
}

void BM_read_year(benchmark::State& state) {
  const fs::path path = bench_path("read");
  {
    H5::H5File f = output::h5::create_file(path);
    output::write_run(f, header(), year(), compression_of(state));
  }
  for (auto _ : state) {
    H5::H5File f = output::h5::open_file(path);
    benchmark::DoNotOptimize(output::read_recording(f).row_count());
  }
  fs::remove(path);
  state.counters["raw_MB_per_s"] = benchmark::Counter(raw_bytes() / 1e6 * state.iterations(),
                                                      benchmark::Counter::kIsRate);
}

}  // namespace

BENCHMARK(BM_write_year)
    ->ArgNames({"level", "shuffle", "chunk"})
    ->ArgsProduct({{0, 1, 4, 6, 9}, {0, 1}, {4096, 16384, 65536}})
    ->Iterations(1)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

BENCHMARK(BM_read_year)
    ->ArgNames({"level", "shuffle", "chunk"})
    ->Args({0, 0, 16384})
    ->Args({1, 1, 16384})
    ->Args({4, 1, 16384})
    ->Args({6, 1, 16384})
    ->Iterations(1)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

BENCHMARK_MAIN();
