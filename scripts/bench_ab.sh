#!/usr/bin/env bash
# Cost of one dcsim build against another on the same scenarios, as instruction counts.
#   scripts/bench_ab.sh OLD_DCSIM NEW_DCSIM [SCENARIO.yaml ...]
# OLD_DCSIM and NEW_DCSIM are two dcsim binaries (Release builds, e.g. of the parent commit in a git
# worktree and of this one). For each scenario (default: the flagship and mixed-cooling) each binary
# runs the whole period with its HDF5 file under valgrind's callgrind, and the script prints the
# instructions executed (Ir) and their ratio new / old. Instruction counts repeat from run to run
# to about 1e-3 (the file write, the clock), where CPU seconds on a shared two-core virtual machine
# scatter by +-20 %: a change of a few per cent is visible here and not in `time`. Needs valgrind (Debian package
# `valgrind`); about 30 s per run. The output files go to a temporary directory, removed at the end.
set -euo pipefail

if [ $# -lt 2 ]; then
  echo "usage: scripts/bench_ab.sh OLD_DCSIM NEW_DCSIM [SCENARIO.yaml ...]" >&2
  exit 2
fi
old=$1
new=$2
shift 2
for b in "$old" "$new"; do
  if [ ! -x "$b" ]; then
    echo "bench_ab: $b is not an executable dcsim" >&2
    exit 2
  fi
done
if ! command -v valgrind > /dev/null; then
  echo "bench_ab: valgrind not found; install it with: sudo apt-get install -y valgrind" >&2
  exit 2
fi
here=$(cd "$(dirname "$0")/.." && pwd)
if [ $# -eq 0 ]; then
  set -- "$here/scenarios/iceland-geothermal-liquid.yaml" "$here/scenarios/mixed-cooling.yaml"
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

instructions() {  # BINARY SCENARIO -> instructions executed by one run
  rm -f "$tmp/out.h5"
  valgrind --tool=callgrind --callgrind-out-file=/dev/null "$1" run "$2" -o "$tmp/out.h5" -q 2>&1 |
    awk '/Collected :/ {print $4}'
}

printf "%-36s %16s %16s %8s\n" "scenario" "old [Ir]" "new [Ir]" "new/old"
for s in "$@"; do
  a=$(instructions "$old" "$s")
  b=$(instructions "$new" "$s")
  if [ -z "$a" ] || [ -z "$b" ]; then
    echo "bench_ab: a run of $s failed (try it without valgrind)" >&2
    exit 1
  fi
  printf "%-36s %16s %16s %8.4f\n" "$(basename "$s" .yaml)" "$a" "$b" "$(awk -v a="$a" -v b="$b" 'BEGIN {print b / a}')"
done
