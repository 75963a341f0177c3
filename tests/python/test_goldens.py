#!/usr/bin/env python3
"""Golden results: every scenario in scenarios/ (sweep files aside) runs, and its summary matches
tests/golden/<scenario>.json within the tolerances written there (relative for energies, water and
emissions; absolute for PUE, ERE, ERF and hours; relative 5 % for the engine's event count, so that
a performance regression shows). A scenario without a golden file, a golden file without a scenario
and a metric missing from a run all fail. Regenerate with scripts/update_goldens.py after a
deliberate change.

The comparison itself is checked first on made-up figures (a value just inside and just outside
each kind of tolerance), so that this test can fail."""
import json
import os
import sys

SOURCE = os.environ.get("DCSIM_SOURCE_DIR") or os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(SOURCE, "scripts"))
import update_goldens as ug  # noqa: E402


def compare(golden, metrics):
    """Lines describing each metric outside its tolerance (empty when all agree)."""
    bad = []
    for key, spec in golden["metrics"].items():
        want = spec["value"]
        if key not in metrics:
            bad.append(f"  {key}: missing from the run's summary (golden {want:g})")
            continue
        got = metrics[key]
        diff = abs(got - want)
        if "rel_tol" in spec:
            limit = spec["rel_tol"] * max(abs(want), abs(got))
            tol_text = f"rel {spec['rel_tol']:g}"
        else:
            limit = spec["abs_tol"]
            tol_text = f"abs {spec['abs_tol']:g}"
        if diff > limit:
            rel = f", {100 * diff / abs(want):.3g} %" if want else ""
            bad.append(f"  {key}: golden {want:.6g}, now {got:.6g} (diff {got - want:+.4g}{rel}; tolerance {tol_text})")
    return bad


def self_check():
    g = {"metrics": {"pue": {"value": 1.2, "abs_tol": 0.002},
                     "it_energy_kwh": {"value": 1000.0, "rel_tol": 0.002},
                     "events": {"value": 100, "rel_tol": 0.05},
                     "water_m3": {"value": 0.0, "rel_tol": 0.002}}}
    inside = {"pue": 1.2019, "it_energy_kwh": 1001.9, "events": 104, "water_m3": 0.0}
    assert compare(g, inside) == [], compare(g, inside)
    for key, value in [("pue", 1.2021), ("it_energy_kwh", 1002.1), ("events", 106), ("water_m3", 1e-3)]:
        out = compare(g, dict(inside, **{key: value}))
        assert len(out) == 1 and out[0].strip().startswith(key), out
    missing = dict(inside)
    del missing["events"]
    assert "missing" in compare(g, missing)[0]


def main():
    self_check()
    failures = []
    scenarios = {ug.scenario_name(f): f for f in ug.scenario_files()}
    goldens = {f[:-len(".json")] for f in os.listdir(ug.GOLDEN_DIR) if f.endswith(".json")}
    for name in sorted(set(scenarios) - goldens):
        failures.append(f"{name}: no golden file tests/golden/{name}.json (run scripts/update_goldens.py --only {name})")
    for name in sorted(goldens - set(scenarios)):
        failures.append(f"tests/golden/{name}.json: no scenario scenarios/{name}.yaml (remove the golden file)")
    have = sorted(set(scenarios) & goldens)
    results = ug.run_many([(n, scenarios[n], ()) for n in have])
    for name in have:
        with open(os.path.join(ug.GOLDEN_DIR, name + ".json")) as fh:
            golden = json.load(fh)
        bad = compare(golden, results[name])
        if bad:
            failures.append(f"{name}: {len(bad)} metric(s) differ from tests/golden/{name}.json:\n" + "\n".join(bad))
        else:
            print(f"ok {name}: PUE {results[name]['pue']:.4f}, {results[name]['events']:.0f} events")
    if failures:
        print("FAILED:\n" + "\n".join(failures) +
              "\n(if the change is deliberate, regenerate with scripts/update_goldens.py and say why in the commit)")
        return 1
    print(f"all {len(have)} scenarios match their golden results")
    return 0


if __name__ == "__main__":
    sys.exit(main())
