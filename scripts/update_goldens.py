#!/usr/bin/python3
"""Golden results of the example scenarios: run every scenarios/*.yaml (sweep files excluded) and
write tests/golden/<scenario>.json with the summary metrics that matter and their tolerances.
tests/python/test_goldens.py runs the scenarios again and compares.

    update_goldens.py [--only NAME ...]      # rewrite the goldens (all, or the named scenarios)

Regenerate after a deliberate change of the models or the scenarios, and say why in the commit.
The dcsim program is $DCSIM, else build/dcsim under the source tree. This module also holds the
helpers the other scripts share (finding dcsim, running a scenario, reading its summary)."""
import argparse
import concurrent.futures
import difflib
import json
import os
import subprocess
import sys
import tempfile

SOURCE = os.environ.get("DCSIM_SOURCE_DIR") or os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SCENARIOS = os.path.join(SOURCE, "scenarios")
GOLDEN_DIR = os.path.join(SOURCE, "tests", "golden")

# Tolerances. Energies, water and emissions: relative (0.2 %, far above the run-to-run spread of a
# deterministic run, which is zero, yet small enough to catch a changed model). Dimensionless
# ratios: absolute. Hours: absolute (a quarter of a day). Events: relative 5 %, so that a change
# that makes the engine do much more work (a performance regression) fails.
REL_ENERGY = 2e-3
ABS_RATIO = 0.002
ABS_HOURS = 6.0
REL_EVENTS = 0.05
METRICS = [
    ("pue", "abs", ABS_RATIO),
    ("ere", "abs", ABS_RATIO),
    ("erf", "abs", ABS_RATIO),
    ("it_energy_kwh", "rel", REL_ENERGY),
    ("facility_energy_kwh", "rel", REL_ENERGY),
    ("cooling_energy_kwh", "rel", REL_ENERGY),
    ("power_loss_energy_kwh", "rel", REL_ENERGY),
    ("heat_reused_kwh", "rel", REL_ENERGY),
    ("water_m3", "rel", REL_ENERGY),
    ("wue_l_per_kwh", "abs", 0.01),
    ("emissions_t", "rel", REL_ENERGY),
    ("avoided_emissions_t", "rel", REL_ENERGY),
    ("free_cooling_hours", "abs", ABS_HOURS),
    ("partial_free_cooling_hours", "abs", ABS_HOURS),
    ("mechanical_cooling_hours", "abs", ABS_HOURS),
    ("hours_outside_recommended", "abs", ABS_HOURS),
    ("hours_outside_envelope", "abs", ABS_HOURS),
    ("hours_liquid_above_class", "abs", ABS_HOURS),
    ("it_energy_unserved_kwh", "abs", 1.0),
    ("embodied_share", "abs", ABS_RATIO),
    ("heat_balance_residual_kwh", "abs", 1.0),
    ("events", "rel", REL_EVENTS),
]


def dcsim_binary():
    """The dcsim program: $DCSIM, else build/dcsim in the source tree."""
    path = os.environ.get("DCSIM") or os.path.join(SOURCE, "build", "dcsim")
    if not os.access(path, os.X_OK):
        sys.exit(f"error: dcsim program not found at {path} (build it, or set DCSIM)")
    return path


def scenario_files():
    """Every scenario of scenarios/ and scenarios/validation/ (the mirrors of other tools' examples);
    the *.sweep.yaml files are sweeps, not scenarios. Names are unique across both."""
    out = []
    for d in (SCENARIOS, os.path.join(SCENARIOS, "validation")):
        if os.path.isdir(d):
            out += [os.path.join(d, f) for f in os.listdir(d) if f.endswith(".yaml") and not f.endswith(".sweep.yaml")]
    return sorted(out, key=scenario_name)


def scenario_name(path):
    return os.path.basename(path)[:-len(".yaml")]


def run(scenario, sets=(), dcsim=None):
    """Runs one scenario (path) with --set overrides; returns {metric: value} of the summary.
    The results file goes to a temporary directory that is removed afterwards."""
    dcsim = dcsim or dcsim_binary()
    with tempfile.TemporaryDirectory(prefix="dcsim-run-") as tmp:
        cmd = [dcsim, "run", scenario, "-o", os.path.join(tmp, "run.h5"), "--json", "--quiet"]
        for s in sets:
            cmd += ["--set", s]
        p = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
    if p.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed ({p.returncode}): {p.stderr.strip()}")
    doc = json.loads(p.stdout)
    return {k: v["value"] for k, v in doc["metrics"].items()}


def run_many(jobs, workers=2):
    """Runs [(key, scenario, sets), ...] on `workers` processes; returns {key: metrics}."""
    dcsim = dcsim_binary()
    with concurrent.futures.ThreadPoolExecutor(max_workers=workers) as pool:
        futures = {key: pool.submit(run, scen, sets, dcsim) for key, scen, sets in jobs}
        return {key: f.result() for key, f in futures.items()}


def generated_page_main(doc, script, description, make_text):
    """The command line of a script that generates the page `doc` (a path under the source tree)
    from real runs: without arguments it writes the page; with --check it compares make_text() with
    the committed page and returns 1, printing the diff, when that one is stale. `script` (e.g.
    "scripts/claims.py") is named in the message."""
    rel = os.path.relpath(doc, SOURCE)
    ap = argparse.ArgumentParser(description=description, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--check", action="store_true", help=f"compare with the committed {rel} instead of writing")
    a = ap.parse_args()
    text = make_text()
    if a.check:
        with open(doc) as fh:
            current = fh.read()
        if current != text:
            diff = difflib.unified_diff(current.splitlines(), text.splitlines(), f"{rel} (committed)",
                                        f"{rel} (regenerated)", lineterm="")
            print(f"{rel} is out of date; run {script}\n" + "\n".join(diff))
            return 1
        print(f"{rel} is up to date")
        return 0
    with open(doc, "w") as fh:
        fh.write(text)
    print(f"wrote {rel}")
    return 0


def golden_of(name, metrics):
    out = {"scenario": name,
           "note": "written by scripts/update_goldens.py; compared by tests/python/test_goldens.py",
           "metrics": {}}
    for key, kind, tol in METRICS:
        if key not in metrics:
            continue
        out["metrics"][key] = {"value": metrics[key], "rel_tol" if kind == "rel" else "abs_tol": tol}
    return out


def golden_text(golden):
    """JSON with one line per metric, so that a diff of a golden file reads metric by metric."""
    lines = [f'  "{k}": {json.dumps(v)}' for k, v in golden["metrics"].items()]
    return ('{\n' f' "scenario": {json.dumps(golden["scenario"])},\n' f' "note": {json.dumps(golden["note"])},\n'
            ' "metrics": {\n' + ",\n".join(lines) + "\n }\n}\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--only", nargs="*", default=None, help="scenario names to rewrite (default: all)")
    a = ap.parse_args()
    files = scenario_files()
    if a.only:
        unknown = set(a.only) - {scenario_name(f) for f in files}
        if unknown:
            sys.exit(f"error: no scenario named {', '.join(sorted(unknown))} in {SCENARIOS}")
        files = [f for f in files if scenario_name(f) in a.only]
    results = run_many([(scenario_name(f), f, ()) for f in files])
    os.makedirs(GOLDEN_DIR, exist_ok=True)
    for name, metrics in sorted(results.items()):
        path = os.path.join(GOLDEN_DIR, name + ".json")
        with open(path, "w") as fh:
            fh.write(golden_text(golden_of(name, metrics)))
        print(f"wrote {os.path.relpath(path, SOURCE)}: PUE {metrics['pue']:.4f}, {metrics['events']:.0f} events")


if __name__ == "__main__":
    main()
