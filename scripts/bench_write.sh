#!/usr/bin/env bash
# Writing performance of a run file: the flagship scenario for a year at 1-minute recording.
# Prints (1) the hidden Catch2 case "[.bench_write]" of tests/app/test_results_consistency.cpp:
# simulation and HDF5 write times measured apart, rows x channels, raw float64 size against the
# file's; (2) the whole `dcsim run` command timed from outside, and the file's size per dataset
# class read back with h5py when the interpreter has it. Usage:
#   scripts/bench_write.sh [BUILD_DIR]      (default: build; needs dcsim and tests/test_app built)
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
build="${1:-$here/build}"
dcsim="$build/dcsim"
test_app="$build/tests/test_app"
for f in "$dcsim" "$test_app"; do
  [[ -x "$f" ]] || { echo "bench_write.sh: $f not built (cmake --build $build -j2)" >&2; exit 2; }
done
tmp="$(mktemp -d "${TMPDIR:-/tmp}/dcsim_bench_write.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT

echo "== in-process: simulate, then write (output::write_run_file) =="
"$test_app" "[.bench_write]" >"$tmp/catch.log" 2>&1 || { cat "$tmp/catch.log"; exit 1; }
grep -E "^(flagship|simulate|write|raw)" "$tmp/catch.log"

echo "== dcsim run, whole command =="
out="$tmp/year-1min.h5"
start=$(date +%s%N)
"$dcsim" run "$here/scenarios/iceland-geothermal-liquid.yaml" --set period.record_interval=1min -o "$out" --quiet
end=$(date +%s%N)
echo "dcsim run: $(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.2f", (b - a) / 1e9 }') s wall, file $(du -m "$out" | cut -f1) MB"
py="${DCSIM_PYTHON:-/usr/bin/python3}"
if "$py" -c "import h5py" 2>/dev/null; then
  "$py" - "$out" <<'EOF'
import os, sys
import h5py
path = sys.argv[1]
with h5py.File(path, "r") as f:
    ts = f["timeseries"]
    rows, n = ts["time_s"].shape[0], len(ts)
    raw = 8 * rows * n
    stored = sum(ts[k].id.get_storage_size() for k in ts)
    size = os.path.getsize(path)
    print(f"{rows} rows x {n} datasets: raw float64 {raw / 1e6:.1f} MB, stored {stored / 1e6:.1f} MB, "
          f"file {size / 1e6:.1f} MB, ratio {raw / size:.1f}x")
    worst = sorted(((ts[k].id.get_storage_size(), k) for k in ts), reverse=True)[:5]
    print("largest datasets: " + ", ".join(f"{k} {s / 1e6:.2f} MB ({8 * rows / s:.1f}x)" for s, k in worst))
EOF
fi
