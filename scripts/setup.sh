#!/usr/bin/env bash
# dcsim set-up: installs the Debian packages that are missing, builds Release into build/, then
#   scripts/setup.sh run       runs the flagship scenario
#   scripts/setup.sh test      runs the whole test suite (what .ci/run calls)
#   scripts/setup.sh build     only builds
#   scripts/setup.sh packages run|build|test   prints the Debian packages that action needs, one a
#                              line, and does nothing else
# `run` and `build` install only what building and running dcsim need (compiler, CMake, the
# libraries it links); `test` adds what the suite uses: Catch2, Google Benchmark, MPI, Graphviz,
# the Python modules the tests and scripts import (h5py, numpy, pandas, matplotlib, yaml,
# jsonschema, nbclient/ipykernel), clang for the fuzzer. Without Catch2 the build skips the tests
# (-DDCSIM_BUILD_TESTS=OFF); `test` turns them back on.
# Environment: DCSIM_BUILD_DIR (default build), DCSIM_JOBS (default: all cores), DCSIM_CMAKE_ARGS.
# Idempotent: a second call with nothing changed installs nothing and rebuilds nothing.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$here"
what=${1:-build}
build=${DCSIM_BUILD_DIR:-build}
jobs=${DCSIM_JOBS:-$(nproc 2>/dev/null || echo 2)}
# ccache keys relative to the checkout, so a fresh clone in another folder (CI) reuses the cache.
export CCACHE_BASEDIR="$here"

# What building and running need.
run_packages=(
  build-essential cmake pkg-config git ccache
  libboost-graph-dev libboost-program-options-dev libeigen3-dev libhdf5-dev
  libfmt-dev libyaml-cpp-dev
)
# What only the test suite, the benchmarks, the fuzzer and the Python helpers need. Every module that
# tests/python/*.py and scripts/*.py import is here (tests/python/test_setup_packages.py checks it).
test_packages=(
  catch2 libbenchmark-dev
  graphviz python3 python3-h5py python3-numpy python3-pandas python3-matplotlib
  python3-yaml python3-jsonschema
  python3-nbclient python3-ipykernel python3-nbformat python3-jupyter-client python3-ipython
  libopenmpi-dev openmpi-bin time
  clang libclang-rt-14-dev
)

say() { printf 'setup: %s\n' "$*"; }

packages_for() {
  case "$1" in
    run|build) packages=("${run_packages[@]}") ;;
    test) packages=("${run_packages[@]}" "${test_packages[@]}") ;;
    *) say "unknown action '$1' (expected run, test, build or packages ACTION)"; exit 2 ;;
  esac
}

if [ "$what" = packages ]; then
  packages_for "${2:-build}"
  printf '%s\n' "${packages[@]}"
  exit 0
fi
packages_for "$what"

installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }
fresh_install=0

install_missing() {
  if ! command -v dpkg-query >/dev/null 2>&1 || ! command -v apt-get >/dev/null 2>&1; then
    say "this is not a Debian or Ubuntu system (no dpkg/apt-get)."
    say "install by hand: ${packages[*]}"
    say "then run: cmake -S . -B $build -DCMAKE_BUILD_TYPE=Release && cmake --build $build"
    exit 2
  fi
  local missing=()
  for p in "${packages[@]}"; do
    installed "$p" || missing+=("$p")
  done
  if [ ${#missing[@]} -eq 0 ]; then
    say "all Debian packages present"
    return
  fi
  say "installing: ${missing[*]}"
  local sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null 2>&1 || { say "not root and no sudo: install ${missing[*]} by hand"; exit 2; }
    sudo=(sudo)
  fi
  export DEBIAN_FRONTEND=noninteractive
  "${sudo[@]}" apt-get update -qq
  "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
  fresh_install=1
}

configure_and_build() {
  local extra=()
  # shellcheck disable=SC2206
  [ -n "${DCSIM_CMAKE_ARGS:-}" ] && extra=(${DCSIM_CMAKE_ARGS})
  # Tests are built when Catch2 is there (always for `test`); a user who only runs gets no test
  # framework and no test binaries.
  local tests=OFF
  if [ "$what" = test ] || ! command -v dpkg-query >/dev/null 2>&1 || installed catch2; then tests=ON; fi
  local cached=""
  [ -f "$build/CMakeCache.txt" ] && cached=$(sed -n 's/^DCSIM_BUILD_TESTS:BOOL=//p' "$build/CMakeCache.txt")
  # Reconfigure when there is no cache, when asked to, when the tests switch, or after installing
  # packages (optional ones such as MPI are found at configure time).
  if [ ! -f "$build/CMakeCache.txt" ] || [ ${#extra[@]} -gt 0 ] || [ "$cached" != "$tests" ] || [ "$fresh_install" = 1 ]; then
    cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release -DDCSIM_BUILD_TESTS="$tests" "${extra[@]}"
  fi
  cmake --build "$build" -j "$jobs"
}

install_missing
configure_and_build

case "$what" in
  build) ;;
  run)
    flagship=scenarios/iceland-geothermal-liquid.yaml
    if [ -f "$flagship" ]; then
      mkdir -p output-runs
      "$build/dcsim" run "$flagship" -o output-runs/iceland-geothermal-liquid.h5
    else
      "$build/dcsim" --version
    fi
    ;;
  test)
    cd "$build"
    ctest --output-on-failure -j "$jobs" --timeout 900
    ;;
esac
