#!/usr/bin/python3
"""dcsim speed benchmark: the figures of issue 16 (docs/sweeps.md, "Speed at scale").

    /usr/bin/python3 scripts/bench_speed.py [--dcsim build/dcsim] [--runs 3] [--big-period "7 d"]
                                            [--baseline scripts/bench_baseline.json] [--write-baseline]

prints, as CPU seconds (user + system of the process, from /usr/bin/time -v), events per CPU
second and peak resident memory, each with its ratio to the recorded baseline (the figures of the
release before this work, scripts/bench_baseline.json; ratio < 1 is faster or smaller):
  flagship      the flagship year (scenarios/iceland-geothermal-liquid.yaml, 21 rack groups, 15-min
                recording), with its HDF5 file (target <= 0.1 s CPU);
  groups-100    the same facility as 100 rack groups (one rack each, the same IT in all), one-hour
                recording, a year;
  groups-1000   the same as 1,000 groups, run for a day and for --big-period (default 7 d: a year
                took hours before the structured integrator) and extrapolated to a year from the
                two (set-up once, the per-day slope for the rest; target <= 3 s and <= 500 MB);
  record-1min   the flagship year recorded every minute (target <= 100 MB peak memory);
  failures      the flagship year with random failures of CRAH units and dry coolers and the throttle
                policy (target <= 2x the flagship);
  sweep-j1/-j2  a 40-case sweep (5 liquid supply temperatures x 8 built-in sites, a year each,
                summaries only) at -j1 and -j2: parallel efficiency wall(-j1) / (2 wall(-j2))
                (target >= 0.95) and whether the two tables are bit-identical.
Median of --runs runs for the single runs. CPU times of one run scatter by about 20 % on a shared
two-core virtual machine: compare ratios, not single figures, and rerun on an idle machine.
"""
import argparse
import json
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
BASELINE = os.path.join(HERE, "bench_baseline.json")
SITES = ["reykjavik", "lulea", "dublin", "frankfurt", "ashburn", "des_moines", "phoenix", "singapore"]
TEMPS_C = [28, 31, 34, 37, 40]
GPU_RACKS = 20 * 12  # the flagship's GPU racks: gpu-a1 and 19 copies of 12 racks


def timed(cmd):
    """Runs cmd under /usr/bin/time -v; returns (wall s, max RSS MB, CPU s)."""
    t0 = time.perf_counter()
    p = subprocess.run(["/usr/bin/time", "-v"] + cmd, capture_output=True, text=True)
    wall = time.perf_counter() - t0
    if p.returncode != 0:
        sys.exit(f"bench: {' '.join(cmd)} failed ({p.returncode}):\n{p.stderr[-3000:]}")
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


def replace_once(text, old, new):
    if text.count(old) != 1:
        sys.exit(f"bench: the flagship scenario changed: expected one '{old.strip()}' in it")
    return text.replace(old, new)


def flagship_variant(tmp, name, groups=None, record=None, failures=False):
    """A copy of the flagship scenario: `groups` rack groups of one rack each carrying the same GPU
    load, another recording interval, or random failures with the throttle policy."""
    with open(FLAGSHIP) as f:
        text = f.read()
    if groups is not None:
        per_rack = GPU_RACKS / (groups - 1)  # gpu-a1 and groups - 2 copies; cpu-storage stays
        text = replace_once(text, "      count: 12\n      idle_power: 6 kW\n      peak_power: 20 kW\n",
                            f"      count: 1\n      idle_power: {6 * per_rack:.6g} kW\n"
                            f"      peak_power: {20 * per_rack:.6g} kW\n")
        text = replace_once(text, "copies: 19,", f"copies: {groups - 2},")
    if record is not None:
        text = replace_once(text, "  record_interval: 15 min\n", f"  record_interval: {record}\n")
    if failures:
        text += ("reliability:\n"
                 "  - {component: cooling.air.units, mtbf: 2000 h, mttr: 12 h}\n"
                 "  - {component: \"cooling.plants[warm-water].dry_coolers\", mtbf: 3000 h, mttr: 24 h}\n"
                 "policy: {on_overheat: throttle, throttle_margin: 2 K}\n")
    path = os.path.join(tmp, f"{name}.yaml")
    with open(path, "w") as f:
        f.write(text)
    return path


def events_of(h5):
    with h5py.File(h5, "r") as f:
        return float(f["summary"].attrs["events"])


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--dcsim", default=os.path.join(ROOT, "build", "dcsim"))
    ap.add_argument("--runs", type=int, default=3, help="runs of each single case (median)")
    ap.add_argument("--big-period", default="7 d", help="period of the 1,000-group run (scaled to a year)")
    ap.add_argument("--baseline", default=BASELINE, help="figures the ratios are taken against")
    ap.add_argument("--write-baseline", action="store_true", help="record this run's figures as the baseline")
    ap.add_argument("--only", default="", help="comma-separated figures to run (flagship, groups-100, groups-1000, "
                    "record-1min, failures, sweep); default all")
    a = ap.parse_args()
    only = {x.strip() for x in a.only.split(",") if x.strip()}

    def want(key):
        return not only or key in only
    if not os.access("/usr/bin/time", os.X_OK):
        sys.exit("bench: /usr/bin/time is missing (Debian package 'time'; scripts/setup.sh installs it)")
    base = {}
    if os.path.exists(a.baseline) and not a.write_baseline:
        with open(a.baseline) as f:
            base = json.load(f)
    print(f"dcsim: {a.dcsim} ({build_type(a.dcsim)} build), {os.cpu_count()} cores, load average "
          f"{os.getloadavg()[0]:.2f}; baseline: {base.get('label', 'none')}")
    figures = {}

    def report(key, what, cpu, rss, events=None, note=""):
        figures[key] = {"cpu_s": cpu, "rss_mb": rss, "events": events}
        b = base.get("figures", {}).get(key)
        ratio = (f"  x{cpu / b['cpu_s']:.2f} CPU, x{rss / b['rss_mb']:.2f} memory" if b else "")
        rate = f", {events / cpu:,.0f} events/s" if events else ""
        print(f"{key:12s} {cpu:8.3f} s CPU{rate}, {rss:7.0f} MB peak{ratio}  ({what}){note}")

    with tempfile.TemporaryDirectory(prefix="dcsim-bench-") as tmp:
        def run_once(scenario, extra=()):
            """One `dcsim run` into a fresh file: (wall s, max RSS MB, CPU s, events)."""
            out = os.path.join(tmp, "run.h5")
            if os.path.exists(out):
                os.remove(out)
            return timed([a.dcsim, "run", scenario, "-q", "-o", out] + list(extra)) + (events_of(out),)

        def single(key, what, scenario, note=""):
            if not want(key):
                return
            runs = [run_once(scenario) for _ in range(a.runs)]
            report(key, what, statistics.median(r[2] for r in runs), max(r[1] for r in runs), runs[-1][3], note)

        single("flagship", "21 groups, 15-min recording, a year, HDF5 written", FLAGSHIP)
        single("groups-100", "100 groups, one-hour recording, a year",
               flagship_variant(tmp, "g100", groups=100, record="1 h"))
        days = float(a.big_period.split()[0]) if a.big_period.endswith(" d") else None
        if days is None or days <= 1.0:
            sys.exit("bench: --big-period must be more than a day, in days, e.g. '7 d'")
        if want("groups-1000"):
            # Two periods, a day and --big-period: the year is the day's cost (loading, weather, network
            # set-up and one day) plus the slope per day over the other 364, so set-up is not scaled.
            g1000 = flagship_variant(tmp, "g1000", groups=1000, record="1 h")
            short, big = [], []
            for _ in range(a.runs):
                short.append(run_once(g1000, ["--set", "period.length=1 d"]))
                big.append(run_once(g1000, ["--set", f"period.length={a.big_period}"]))
            c1, cb = statistics.median(r[2] for r in short), statistics.median(r[2] for r in big)
            e1, eb = statistics.median(r[3] for r in short), statistics.median(r[3] for r in big)
            per_day, ev_per_day = (cb - c1) / (days - 1.0), (eb - e1) / (days - 1.0)
            report("groups-1000", f"1,000 groups, one-hour recording: 1 d {c1:.1f} s and {a.big_period} {cb:.1f} s, "
                   f"extrapolated to a year", c1 + 364.0 * per_day, max(r[1] for r in big), e1 + 364.0 * ev_per_day,
                   " [memory: of the shorter run]" if days < 365 else "")
        single("record-1min", "the flagship year recorded every minute", flagship_variant(tmp, "rec1", record="1 min"))
        single("failures", "the flagship year with random failures and the throttle policy",
               flagship_variant(tmp, "fail", failures=True))
        if "failures" in figures and "flagship" in figures:
            f_cpu = figures["failures"]["cpu_s"] / figures["flagship"]["cpu_s"]
            print(f"{'':12s} failures + throttle / flagship: {f_cpu:.2f}x CPU (target <= 2x)")
        if not want("sweep"):
            return finish(a, base, figures)

        sweep = os.path.join(tmp, "bench.sweep.yaml")
        with open(sweep, "w") as f:
            f.write(f"name: bench-40\nbase: {FLAGSHIP}\n"
                    f"grid:\n  cooling.liquid.supply_temp: {TEMPS_C}\n  site.builtin: [{', '.join(SITES)}]\n")
        cases = len(TEMPS_C) * len(SITES)
        walls = {}
        for j in (1, 2):
            wall, rss, cpu = timed([a.dcsim, "sweep", sweep, "-q", "-j", str(j), "-o", os.path.join(tmp, f"sweep-j{j}.h5")])
            walls[j] = wall
            report(f"sweep-j{j}", f"{cases} one-year cases, summaries only, -j{j}, {wall:.2f} s wall", cpu, rss)
        with h5py.File(os.path.join(tmp, "sweep-j1.h5"), "r") as f1, h5py.File(os.path.join(tmp, "sweep-j2.h5"), "r") as f2:
            same = f1["sweep/table"][()].tobytes() == f2["sweep/table"][()].tobytes()
        eff = walls[1] / (2.0 * walls[2])
        figures["sweep-efficiency"] = {"value": eff}
        print(f"{'':12s} -j2 parallel efficiency {eff:.2f} (target >= 0.95; load average now "
              f"{os.getloadavg()[0]:.2f}); tables bit-identical: {same}")

    finish(a, base, figures)


def finish(a, base, figures):
    if a.write_baseline:
        # With --only, the other figures of the existing baseline stay.
        old = {}
        if a.only and os.path.exists(a.baseline):
            with open(a.baseline) as f:
                old = json.load(f).get("figures", {})
        old.update(figures)
        with open(a.baseline, "w") as f:
            json.dump({"label": f"main {git_head()} ({time.strftime('%Y-%m-%d')})", "figures": old}, f, indent=1)
            f.write("\n")
        print(f"wrote {a.baseline}")


def git_head():
    p = subprocess.run(["git", "-C", ROOT, "rev-parse", "--short", "HEAD"], capture_output=True, text=True)
    return p.stdout.strip() or "unknown"


if __name__ == "__main__":
    main()
