#!/usr/bin/env bash
# Event rate of the engine relative to a bare std::priority_queue, from the hold benchmark.
#   scripts/bench_engine_ratio.sh [BUILD_DIR] [extra Google Benchmark flags...]
# Builds nothing: runs BUILD_DIR/tests/bench_engine (default build/, which should be a Release build)
# and prints, for each pending-event count N, EventQueue / bare heap and Simulator / bare heap.
# The target is a ratio of at least 0.5 for both.
set -euo pipefail

build=${1:-build}
shift || true
bench="$build/tests/bench_engine"
if [ ! -x "$bench" ]; then
  echo "bench_engine_ratio: $bench not found; build it with: cmake --build $build --target bench_engine" >&2
  exit 2
fi

"$bench" --benchmark_format=json "$@" | /usr/bin/python3 -c '
import json, statistics, sys
runs = {}  # with --benchmark_repetitions=K each rate is the median of the K runs
for b in json.load(sys.stdin)["benchmarks"]:
    if b.get("run_type", "iteration") != "iteration":
        continue
    name, n = b["name"].split("/")[:2]
    runs.setdefault(int(n), {}).setdefault(name, []).append(b["items_per_second"])
rates = {n: {k: statistics.median(v) for k, v in r.items()} for n, r in runs.items()}
print("%8s %17s %18s %6s %17s %6s" % ("N", "bare heap [ev/s]", "EventQueue [ev/s]", "ratio",
                                      "Simulator [ev/s]", "ratio"))
for n in sorted(rates):
    r = rates[n]
    bare, eq, sim = r["bare_heap_hold"], r["event_queue_hold"], r["simulator_hold"]
    print("%8d %17.3e %18.3e %6.2f %17.3e %6.2f" % (n, bare, eq, eq / bare, sim, sim / bare))
'
