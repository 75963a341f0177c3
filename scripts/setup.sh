#!/usr/bin/env bash
# dcsim set-up: installs the Debian packages that are missing, builds Release into build/, then
#   scripts/setup.sh run     runs the flagship scenario
#   scripts/setup.sh test    runs the whole test suite (what .ci/run calls)
#   scripts/setup.sh build   only builds
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

packages=(
  build-essential cmake pkg-config git ccache
  libboost-graph-dev libboost-program-options-dev libeigen3-dev libhdf5-dev
  catch2 libfmt-dev libyaml-cpp-dev libbenchmark-dev
  graphviz python3 python3-h5py python3-numpy python3-pandas python3-matplotlib
  python3-nbclient python3-ipykernel python3-nbformat
  libopenmpi-dev openmpi-bin time
  clang libclang-rt-14-dev
)

say() { printf 'setup: %s\n' "$*"; }

install_missing() {
  if ! command -v dpkg-query >/dev/null 2>&1 || ! command -v apt-get >/dev/null 2>&1; then
    say "this is not a Debian or Ubuntu system (no dpkg/apt-get)."
    say "install by hand: ${packages[*]}"
    say "then run: cmake -S . -B $build -DCMAKE_BUILD_TYPE=Release && cmake --build $build"
    exit 2
  fi
  local missing=()
  for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
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
}

configure_and_build() {
  local extra=()
  # shellcheck disable=SC2206
  [ -n "${DCSIM_CMAKE_ARGS:-}" ] && extra=(${DCSIM_CMAKE_ARGS})
  if [ ! -f "$build/CMakeCache.txt" ] || [ ${#extra[@]} -gt 0 ]; then
    cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release "${extra[@]}"
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
  *) say "unknown action '$what' (expected run, test or build)"; exit 2 ;;
esac
