#!/usr/bin/python3
"""dcsim speed benchmark: the figures of issue 7 (docs/sweeps.md, "Speed").

    /usr/bin/python3 scripts/bench_speed.py [--dcsim build/dcsim] [--runs 5] [--sweep-period "365 d"]

prints
  (a) the one-year run of the flagship scenario (scenarios/iceland-geothermal-liquid.yaml, 15-minute
      recording) on one thread: wall time of `dcsim run -o X.h5` including the HDF5 write, median
      of --runs runs (target <= 1 s);
  (b) the events of that year (the run's /summary `events`) and the wall time per event;
  (c) a 200-case sweep (25 liquid supply temperatures x 8 built-in sites, summaries only) at -j1 and
      -j2 and the speed-up (target >= 1.8x on 2 free cores);
  (d) the peak memory (maximum resident set size from /usr/bin/time -v) of the run and of both
      sweeps (target < 200 MB for the sweep).
Wall times include process start and the loading of the scenario (weather generation). On a
machine whose cores are busy with other work the speed-up is lower than the program's: the script
prints the load average next to it.
"""
import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time

import h5py

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
FLAGSHIP = os.path.join(ROOT, "scenarios", "iceland-geothermal-liquid.yaml")
SITES = ["reykjavik", "lulea", "dublin", "frankfurt", "ashburn", "des_moines", "phoenix", "singapore"]
TEMPS_C = list(range(20, 45))  # 25 supply temperatures, 20..44 degC


def timed(cmd):
    """Runs cmd under /usr/bin/time -v; returns (wall seconds, max RSS in MB, CPU seconds)."""
    t0 = time.perf_counter()
    p = subprocess.run(["/usr/bin/time", "-v"] + cmd, capture_output=True, text=True)
    wall = time.perf_counter() - t0
    if p.returncode != 0:
        sys.exit(f"bench: {' '.join(cmd)} failed ({p.returncode}):\n{p.stderr}")
    m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", p.stderr)
    cpu = sum(float(x) for x in re.findall(r"(?:User|System) time \(seconds\): ([\d.]+)", p.stderr))
    return wall, (int(m.group(1)) / 1024.0 if m else float("nan")), cpu


def build_type(dcsim):
    cache = os.path.join(os.path.dirname(os.path.abspath(dcsim)), "CMakeCache.txt")
    try:
        with open(cache) as f:
            for line in f:
                if line.startswith("CMAKE_BUILD_TYPE:"):
                    return line.split("=", 1)[1].strip()
    except OSError:
        pass
    return "unknown"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--dcsim", default=os.path.join(ROOT, "build", "dcsim"))
    ap.add_argument("--runs", type=int, default=5, help="runs of the flagship year (median)")
    ap.add_argument("--sweep-period", default="365 d", help="period of each sweep case (default a year)")
    a = ap.parse_args()
    if not os.access("/usr/bin/time", os.X_OK):
        sys.exit("bench: /usr/bin/time is missing (Debian package 'time'; scripts/setup.sh installs it)")
    print(f"dcsim: {a.dcsim} ({build_type(a.dcsim)} build), {os.cpu_count()} cores, load average "
          f"{os.getloadavg()[0]:.2f}")
    with tempfile.TemporaryDirectory(prefix="dcsim-bench-") as tmp:
        out = os.path.join(tmp, "flagship.h5")
        runs = [timed([a.dcsim, "run", FLAGSHIP, "-q", "-o", out]) for _ in range(a.runs)]
        walls = sorted(w for w, _, _ in runs)
        median = statistics.median(walls)
        with h5py.File(out, "r") as f:
            s = f["summary"].attrs
            events = float(s["events"])
            period = f["summary"].attrs.get("period", b"")
            period = period.decode() if isinstance(period, bytes) else str(period)
            rows = len(f["timeseries/time_s"])
        print(f"(a) flagship year, 15-min recording ({rows} rows), 1 thread, with HDF5 write: "
              f"median {median:.3f} s of {a.runs} (min {walls[0]:.3f}, max {walls[-1]:.3f}); target <= 1 s")
        print(f"(b) events per simulated year: {events:.0f} ({period}); "
              f"{median / events * 1e6:.2f} us per event (wall, whole run)")

        sweep = os.path.join(tmp, "bench.sweep.yaml")
        with open(sweep, "w") as f:
            f.write(f"name: bench-200\nbase: {FLAGSHIP}\n"
                    f"set: {{period.length: {a.sweep_period}}}\n"
                    f"grid:\n  cooling.liquid.supply_temp: {TEMPS_C}\n  site.builtin: [{', '.join(SITES)}]\n")
        cases = len(TEMPS_C) * len(SITES)
        res = {}
        for j in (1, 2):
            res[j] = timed([a.dcsim, "sweep", sweep, "-q", "-j", str(j), "-o", os.path.join(tmp, f"sweep-j{j}.h5")])
            print(f"(c) {cases}-case sweep ({a.sweep_period} each, summaries only) at -j{j}: {res[j][0]:.2f} s, "
                  f"{cases / res[j][0]:.2f} cases/s (CPU time {res[j][2]:.2f} s)")
        with h5py.File(os.path.join(tmp, "sweep-j1.h5"), "r") as f1, h5py.File(os.path.join(tmp, "sweep-j2.h5"), "r") as f2:
            same = f1["sweep/table"][()].tobytes() == f2["sweep/table"][()].tobytes()
        print(f"    speed-up -j2 / -j1: {res[1][0] / res[2][0]:.2f}x (target >= 1.8x); tables bit-identical: {same}; "
              f"load average now {os.getloadavg()[0]:.2f}")
        print(f"(d) peak memory (max RSS): flagship run {max(m for _, m, _ in runs):.0f} MB; sweep -j1 {res[1][1]:.0f} MB, "
              f"-j2 {res[2][1]:.0f} MB (target < 200 MB)")


if __name__ == "__main__":
    main()
