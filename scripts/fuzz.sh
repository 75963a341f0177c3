#!/usr/bin/env bash
# Fuzzes the scenario loader with libFuzzer for a bounded time (docs/robustness.md).
#   scripts/fuzz.sh [SECONDS]     default 600
# Configures a clang build with -DDCSIM_FUZZ=ON in build-fuzz/ (ASan + UBSan + coverage), builds
# tests/fuzz/fuzz_scenario, assembles a seed corpus (scenarios/*.yaml, tests/fuzz/seeds/ and every file of tests/data/,
# the broken-file corpus included) and a dictionary (tests/fuzz/yaml.dict plus every key and type name
# of the scenario schema), then runs the fuzzer. The corpus it grows stays in build-fuzz/corpus and is
# reused by the next run. A finding stops the run: the input is saved in build-fuzz/artifacts/ and the
# script exits non-zero; reproduce with build-fuzz/tests/fuzz/fuzz_scenario build-fuzz/artifacts/crash-...
# Environment: DCSIM_FUZZ_JOBS (build jobs, default 2), DCSIM_FUZZ_LOAD_ONLY=1 (no one-day run).
# Needs clang and libclang-rt-14-dev (Debian; scripts/setup.sh installs them).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$here"
seconds=${1:-600}
build=build-fuzz
jobs=${DCSIM_FUZZ_JOBS:-2}

command -v clang++ >/dev/null 2>&1 || { echo "fuzz: clang++ not found (apt-get install clang libclang-rt-14-dev)" >&2; exit 2; }

if [ ! -f "$build/CMakeCache.txt" ]; then
  cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ \
    -DDCSIM_FUZZ=ON -DDCSIM_BUILD_TESTS=OFF -DDCSIM_BUILD_BENCH=OFF -DDCSIM_WITH_MPI=OFF >/dev/null
fi
cmake --build "$build" -j "$jobs" --target fuzz_scenario

# Seeds: every scenario and test-data file small enough to be a useful input.
seeds="$build/seeds"
rm -rf "$seeds"
mkdir -p "$seeds" "$build/corpus" "$build/artifacts"
n=0
while IFS= read -r -d '' f; do
  n=$((n + 1))
  cp "$f" "$seeds/$(printf '%04d' "$n")-$(basename "$f")"
done < <(find scenarios tests/data tests/fuzz/seeds -type f -size -64k -print0 2>/dev/null | sort -z)
echo "fuzz: $n seed files from scenarios/, tests/data/ and tests/fuzz/seeds/"

# Dictionary: YAML syntax and units, plus the schema's keys and type names.
dict="$build/scenario.dict"
{
  cat tests/fuzz/yaml.dict
  grep -ohE '(field|Variant|reg\.add)\("[A-Za-z0-9_]+"' app/*.cpp | sed -E 's/.*\("//; s/"$//' | sort -u |
    while read -r k; do printf '"%s"\n"%s: "\n' "$k" "$k"; done
} > "$dict"

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:allocator_may_return_null=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
exec "$build/tests/fuzz/fuzz_scenario" -max_total_time="$seconds" -timeout=30 -rss_limit_mb=2048 -max_len=20000 \
  -dict="$dict" -artifact_prefix="$build/artifacts/" -print_final_stats=1 "$build/corpus" "$seeds"
