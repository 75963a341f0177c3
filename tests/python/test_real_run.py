#!/usr/bin/env python3
"""A real run file, end to end: the dcsim program (env DCSIM) runs the flagship scenario for 30 days,
h5py checks the layout of DESIGN.md, scripts/dcsim_results.py loads it into pandas, and
scripts/dcsim_plot.py draws its four figures. The figures checked are invariants of the file
(energy = interval mean power x interval length, PUE = facility / IT, months sum to the period),
not values copied from a previous run. Plain script: one line per check, exit 1 if any fails."""
import json
import os
import struct
import subprocess
import sys

import h5py
import numpy as np
import pandas as pd

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = os.environ.get("DCSIM_SOURCE_DIR") or os.path.dirname(os.path.dirname(HERE))
SCRIPTS = os.path.join(SOURCE, "scripts")
sys.path.insert(0, SCRIPTS)
import dcsim_plot as dp  # noqa: E402
import dcsim_results as dr  # noqa: E402
from checklist import Checklist, dcsim  # noqa: E402

SCENARIO = os.path.join(SOURCE, "scenarios", "iceland-geothermal-liquid.yaml")
DAYS = 30
ROOT_ATTRS = ("dcsim_version", "created_utc", "scenario_name", "site", "seed", "git_describe")
SUMMARY_ATTRS = ("pue", "it_energy_kwh", "facility_energy_kwh", "cooling_energy_kwh", "power_loss_energy_kwh",
                 "water_m3", "wue_l_per_kwh", "cue_kg_per_kwh", "erf", "emissions_t", "baseline_emissions_t",
                 "avoided_emissions_t", "hours_outside_envelope")
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


class T:
    """Paths shared by the checks."""

    def __init__(self, tmp):
        self.dir = tmp
        self.h5 = os.path.join(tmp, "iceland-30d.h5")
        self.figs = os.path.join(tmp, "figures")
        self.json = None


check = Checklist()


@check
def the_program_writes_the_run_and_prints_json(t):
    r = dcsim("run", SCENARIO, "--set", f"period.length={DAYS}d", "-o", t.h5, "--json")
    assert r.returncode == 0, f"dcsim run failed ({r.returncode}): {r.stderr}"
    assert os.path.isfile(t.h5), "no output file"
    t.json = json.loads(r.stdout)
    assert t.json["scenario"] == "iceland-geothermal-liquid", t.json["scenario"]
    assert "baseline" in t.json["context"], t.json["context"]
    assert not [n for n in os.listdir(t.dir) if n.endswith(".partial")], os.listdir(t.dir)


@check
def root_attributes_scenario_and_groups(t):
    with h5py.File(t.h5, "r") as f:
        for a in ROOT_ATTRS:
            assert a in f.attrs, f"root attribute {a} missing ({sorted(f.attrs)})"
        assert f.attrs["scenario_name"] == "iceland-geothermal-liquid"
        assert f.attrs["site"] == "reykjavik", f.attrs["site"]
        assert int(f.attrs["seed"]) == 42
        assert f.attrs["created_utc"].endswith("Z") and len(f.attrs["created_utc"]) == 20, f.attrs["created_utc"]
        assert {"scenario", "summary", "monthly", "timeseries", "events"} <= set(f), sorted(f)
        text = f["scenario"].asstr()[()]
        assert "name: iceland-geothermal-liquid" in text, text[:200]
        assert "30" in text and "length" in text, "the override is not in the scenario as run"


@check
def every_dataset_has_units_and_a_description(t):
    with h5py.File(t.h5, "r") as f:
        for group in ("timeseries", "monthly"):
            for name, ds in f[group].items():
                assert "units" in ds.attrs, f"/{group}/{name} has no units"
                assert ds.attrs.get("description"), f"/{group}/{name} has no description"
        n = f["timeseries/time_s"].shape[0]
        assert n == DAYS * 96, n  # 15-minute recording
        assert all(ds.shape == (n,) for ds in f["timeseries"].values())
        assert all(ds.shape == (1,) for ds in f["monthly"].values()), "30 days of January: one month"
        assert f["timeseries/it_power_kw"].attrs["units"] == "kW"
        assert f["timeseries/pue"].attrs["units"] == "1"


@check
def summary_attributes_of_design(t):
    with h5py.File(t.h5, "r") as f:
        s = f["summary"].attrs
        for a in SUMMARY_ATTRS:
            assert a in s, f"/summary has no {a}"
            assert np.isfinite(s[a]), (a, s[a])
            assert a + "_units" in s, f"/summary has no {a}_units"
        # The heat-reuse heat pump is outside the PUE boundary by default (ISO/IEC 30134-6).
        ratio = (s["facility_energy_kwh"] - s["heat_pump_energy_kwh"]) / s["it_energy_kwh"]
        assert abs(s["pue"] / ratio - 1) < 1e-12, ("PUE is not (facility - heat pump) / IT energy", s["pue"], ratio)
        incl = s["facility_energy_kwh"] / s["it_energy_kwh"]
        assert abs(s["pue_incl_heat_pump"] / incl - 1) < 1e-12, (s["pue_incl_heat_pump"], incl)
        assert abs(s["avoided_emissions_t"] - (s["baseline_emissions_t"] - s["emissions_t"])) < 1e-9 * s["baseline_emissions_t"]
        assert s["it_energy_kwh_units"] == "kWh" and s["water_m3_units"] == "m3"
        # JSON and file carry the same figures.
        for a in SUMMARY_ATTRS:
            assert t.json["metrics"][a]["value"] == s[a], (a, t.json["metrics"][a], s[a])


@check
def events_table(t):
    with h5py.File(t.h5, "r") as f:
        events = pd.DataFrame(f["events"][()])
    assert list(events.columns) == ["time_s", "kind", "component", "detail"], list(events.columns)
    assert (events["time_s"].diff().dropna() >= 0).all(), "events out of time order"
    assert events["time_s"].between(0, DAYS * 86400).all()


@check
def series_integrate_to_the_summary(t):
    """Rows are means over (t[i-1], t[i]], t[-1] = 0: powers x lengths are the exact energies."""
    run = dr.open_run(t.h5)
    ts = run.timeseries
    dt_h = np.diff(np.r_[0.0, ts.index.to_numpy()]) / 3600.0
    assert np.allclose(dt_h, 0.25), "15-minute intervals"
    assert np.allclose(run.interval_hours(), dt_h, rtol=0, atol=1e-12)
    for channel, metric in (("it_power_kw", "it_energy_kwh"), ("facility_power_kw", "facility_energy_kwh"),
                            ("cooling_power_kw", "cooling_energy_kwh")):
        e = float((ts[channel] * dt_h).sum())
        assert abs(e / run.summary[metric] - 1) < 1e-6, (channel, e, run.summary[metric])
    assert np.allclose(ts["pue"], ts["facility_power_kw"] / ts["it_power_kw"], rtol=1e-12)
    co2_t = float((ts["emissions_kg_per_h"] * dt_h).sum()) / 1000.0
    assert abs(co2_t / run.summary["emissions_t"] - 1) < 1e-6, (co2_t, run.summary["emissions_t"])
    by_source = float(((ts["grid_emissions_kg_per_h"] + ts["geothermal_emissions_kg_per_h"]) * dt_h).sum()) / 1000.0
    assert abs(by_source / run.summary["emissions_t"] - 1) < 1e-6, (by_source, run.summary["emissions_t"])
    assert np.allclose(ts["grid_energy_share"] + ts["geothermal_energy_share"], 1.0, rtol=1e-12)
    # The energy helper of the reader gives the same.
    assert abs(run.energy_kwh("it_power_kw") / run.summary["it_energy_kwh"] - 1) < 1e-6


@check
def pandas_view(t):
    run = dr.open_run(t.h5)
    assert run.summary_units["pue"] == "1"
    assert run.units["it_power_kw"] == "kW" and run.units["time_s"] == "s"
    assert list(run.monthly.index.astype(str)) == ["2025-01"], run.monthly.index
    assert abs(run.monthly["it_energy_kwh"].sum() / run.summary["it_energy_kwh"] - 1) < 1e-12
    idx = run.datetime_index()
    assert idx[0] == pd.Timestamp("2025-01-01 00:15") and idx[-1] == pd.Timestamp("2025-01-31 00:00"), (idx[0], idx[-1])
    assert {"plant.warm-water.mode", "plant.chilled-water.mode", "it_inlet_c", "dry_bulb_c"} <= set(run.timeseries)
    some = dr.open_run(t.h5, channels=["pue"])
    assert list(some.timeseries.columns) == ["pue"]
    assert "iceland-geothermal-liquid" in repr(run)


@check
def plots_of_the_real_file(t):
    r = subprocess.run([sys.executable, os.path.join(SCRIPTS, "dcsim_plot.py"), t.h5, "-o", t.figs],
                       capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, f"dcsim_plot.py failed ({r.returncode}): {r.stderr}"
    assert sorted(os.listdir(t.figs)) == sorted(dp.FIGURES), os.listdir(t.figs)
    for name in dp.FIGURES:
        path = os.path.join(t.figs, name)
        with open(path, "rb") as f:
            head = f.read(24)
        assert head[:8] == PNG_MAGIC, f"{name} is not a PNG"
        w, h = struct.unpack(">II", head[16:24])
        assert w >= 600 and h >= 300, (name, w, h)
        assert os.path.getsize(path) > 20000, (name, os.path.getsize(path))


@check
def figures_use_the_interval_end_convention(t):
    """Daily PUE from the real file: energy-weighted over the rows whose interval lies in the day."""
    run = dp.read_run(t.h5)
    daily = dp.daily_pue(run)
    assert len(daily) == DAYS, len(daily)
    ts = run.timeseries
    first_day = ts.iloc[:96]  # rows ending at 00:15 .. 24:00 of day 0
    expected = first_day["facility_power_kw"].sum() / first_day["it_power_kw"].sum()
    assert abs(daily.iloc[0] / expected - 1) < 1e-12, (daily.iloc[0], expected)
    # Economizer modes: the segments cover the period exactly, from 0 to its end.
    segs = dp.mode_segments(ts.index, ts["plant.chilled-water.mode"], run.interval_s)
    assert segs[0][0] == 0.0 and segs[-1][1] == DAYS * 86400.0, (segs[0], segs[-1])
    assert abs(sum(dp.mode_hours(segs)) - DAYS * 24) < 1e-9
    with h5py.File(t.h5, "r") as f:
        free_h = f["monthly/free_cooling_hours"][0] + f["monthly/partial_free_cooling_hours"][0] + \
            f["monthly/mechanical_cooling_hours"][0]
    assert abs(free_h - DAYS * 24) < 1e-9, free_h


def main():
    return check.run("dcsim_real_run_", T)


if __name__ == "__main__":
    sys.exit(main())
