#!/usr/bin/env bash
# Fuzzes dcsim's input boundaries with libFuzzer for a bounded time (docs/robustness.md).
#   scripts/fuzz.sh [--target scenario|sweep|cli] [SECONDS]     default: scenario, 600 s
# Targets (tests/fuzz/fuzz_<target>.cpp):
#   scenario  the scenario loader, plus a one-day run of what loads (the default; as before)
#   sweep     the sweep-file loader: expansion and the validation of some cases, nothing run; the
#             bytes are a sweep file beside the one-day bases s.yaml and t.yaml (tests/fuzz/fixtures)
#   cli       the command line (app::main_cli): the bytes are argv words, one per line, run in a
#             temporary working directory holding the fixtures (s.yaml, w.sweep.yaml, shard files...)
# Configures a clang build with -DDCSIM_FUZZ=ON in build-fuzz/ (ASan + UBSan + coverage), builds
# tests/fuzz/fuzz_<target>, assembles a seed corpus and a dictionary, then runs the fuzzer:
#   scenario  seeds: scenarios/*.yaml, tests/fuzz/seeds/ and every file of tests/data/ (the broken-file
#             corpus included); dictionary: tests/fuzz/yaml.dict
#   sweep     seeds: tests/fuzz/seeds_sweep/, tests/data/*.sweep.yaml, scenarios/*.sweep.yaml;
#             dictionary: tests/fuzz/yaml.dict and tests/fuzz/sweep.dict
#   cli       seeds: tests/fuzz/seeds_cli/ (one word per line); dictionary: tests/fuzz/cli.dict
# and each dictionary gets every key and type name of the scenario schema. The corpus a target grows
# stays in build-fuzz/corpus (scenario), build-fuzz/corpus-sweep or build-fuzz/corpus-cli and is
# reused by the next run. A finding stops the run: the input is saved in build-fuzz/artifacts/
# (crash-..., timeout-..., leak-..., oom-...; sweep-crash-... and cli-crash-... for the other two)
# and the script exits non-zero; reproduce with build-fuzz/tests/fuzz/fuzz_<target> FILE.
# Environment: DCSIM_FUZZ_JOBS (build jobs, default 2), DCSIM_FUZZ_LOAD_ONLY=1 (scenario: no one-day
# run), TMPDIR (where the sweep and cli targets make their temporary directories).
# Needs clang and libclang-rt-14-dev (Debian; scripts/setup.sh installs them).
set -euo pipefail

usage() { sed -n '2,3p' "${BASH_SOURCE[0]}" | sed 's/^# *//' >&2; exit 2; }

here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$here"
target=scenario
while [ $# -gt 0 ]; do
  case $1 in
    --target) [ $# -ge 2 ] || usage; target=$2; shift 2 ;;
    --target=*) target=${1#--target=}; shift ;;
    -h|--help) usage ;;
    -*) echo "fuzz: unknown option '$1'" >&2; usage ;;
    *) break ;;
  esac
done
[ $# -le 1 ] || usage
seconds=${1:-600}
case $seconds in ''|*[!0-9]*) echo "fuzz: SECONDS must be a whole number (got '$seconds')" >&2; exit 2 ;; esac
case $target in
  scenario|sweep|cli) ;;
  *) echo "fuzz: unknown target '$target' (scenario, sweep or cli)" >&2; exit 2 ;;
esac
build=build-fuzz
jobs=${DCSIM_FUZZ_JOBS:-2}

command -v clang++ >/dev/null 2>&1 || { echo "fuzz: clang++ not found (apt-get install clang libclang-rt-14-dev)" >&2; exit 2; }

# Configured every time (quick when nothing changed), so a build-fuzz/ from before a target was added
# learns of it.
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ \
  -DDCSIM_FUZZ=ON -DDCSIM_BUILD_TESTS=OFF -DDCSIM_BUILD_BENCH=OFF -DDCSIM_WITH_MPI=OFF >/dev/null
cmake --build "$build" -j "$jobs" --target "fuzz_$target"

case $target in
  scenario) corpus="$build/corpus" prefix="" ;;
  *) corpus="$build/corpus-$target" prefix="$target-" ;;
esac
seeds="$build/seeds-$target"
rm -rf "$build/seeds" "$seeds"
mkdir -p "$seeds" "$corpus" "$build/artifacts"

# Seeds: small files that reach the target's paths.
copy_seeds() {
  local n=0 f
  while IFS= read -r -d '' f; do
    n=$((n + 1))
    cp "$f" "$seeds/$(printf '%04d' "$n")-$(basename "$f")"
  done < <(find "$@" -type f -size -64k -print0 2>/dev/null | sort -z)
  echo "fuzz: $n seed files for $target"
}
case $target in
  scenario) copy_seeds scenarios tests/data tests/fuzz/seeds ;;
  sweep) copy_seeds tests/fuzz/seeds_sweep tests/data/*.sweep.yaml scenarios/*.sweep.yaml ;;
  cli) copy_seeds tests/fuzz/seeds_cli ;;
esac

# Dictionary: the target's own, plus the schema's keys and type names. Whole argv words end with a
# newline for the cli target; YAML keys get a "key: " form for the others.
dict="$build/$target.dict"
{
  case $target in
    scenario) cat tests/fuzz/yaml.dict ;;
    sweep) cat tests/fuzz/yaml.dict tests/fuzz/sweep.dict ;;
    cli) cat tests/fuzz/cli.dict ;;
  esac
  grep -ohE '(field|Variant|reg\.add)\("[A-Za-z0-9_]+"' app/*.cpp | sed -E 's/.*\("//; s/"$//' | sort -u |
    while read -r k; do
      if [ "$target" = cli ]; then printf '"%s"\n"%s="\n' "$k" "$k"; else printf '"%s"\n"%s: "\n' "$k" "$k"; fi
    done
} > "$dict"

case $target in
  scenario) opts=(-timeout=30 -max_len=20000) ;;
  sweep) opts=(-timeout=30 -max_len=8192) ;;
  # The CLI prints on stdout and stderr at every input: both discarded (-close_fd_mask=3); libFuzzer's
  # and the sanitizers' reports still reach the terminal.
  cli) opts=(-timeout=60 -max_len=2048 -close_fd_mask=3) ;;
esac

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:allocator_may_return_null=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
exec "$build/tests/fuzz/fuzz_$target" -max_total_time="$seconds" "${opts[@]}" -rss_limit_mb=2048 \
  -dict="$dict" -artifact_prefix="$here/$build/artifacts/$prefix" -print_final_stats=1 "$corpus" "$seeds"
