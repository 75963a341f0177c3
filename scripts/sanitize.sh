#!/usr/bin/env bash
# Builds the whole test suite with AddressSanitizer and UBSan (-DDCSIM_SANITIZE=ON) in build-asan/
# (RelWithDebInfo) and runs it with ctest; any sanitizer report fails the test that triggered it
# (UBSan does not recover; ASan aborts). See docs/robustness.md.
#   scripts/sanitize.sh [CTEST ARGS...]    e.g. scripts/sanitize.sh -R extremes
# Environment: DCSIM_JOBS (build and test jobs, default 2).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$here"
build=build-asan
jobs=${DCSIM_JOBS:-2}
start=$(date +%s)
# ccache keys relative to the checkout (and not the build folder), so fresh clones reuse the cache.
export CCACHE_BASEDIR="$here" CCACHE_NOHASHDIR=1

if [ ! -f "$build/CMakeCache.txt" ]; then
  cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DDCSIM_SANITIZE=ON -DDCSIM_BUILD_BENCH=OFF >/dev/null
fi
cmake --build "$build" -j "$jobs"
built=$(date +%s)

# Leak checking is on (ASan's default on Linux); the Python tests run the instrumented dcsim, whose
# runtime must be found first when an uninstrumented interpreter loads it: they only spawn dcsim.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:strict_string_checks=1:detect_stack_use_after_return=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
status=0
(cd "$build" && ctest --output-on-failure -j "$jobs" --timeout 1800 "$@") || status=$?
end=$(date +%s)
echo "sanitize: build $((built - start)) s, tests $((end - built)) s, status $status"
exit $status
