#!/usr/bin/env python3
"""Tests of scripts/dcsim_plot.py and scripts/make_sample_results.py (plain script, run by CTest
with the h5py-capable interpreter; exits 1 and names every failed check).

The sample files come from make_sample_results.py in a temporary directory; the hand-calculated
checks use a tiny run file written here, whose expected figures are worked out in the comments."""
import math
import os
import struct
import subprocess
import sys

import h5py
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = os.environ.get("DCSIM_SOURCE_DIR") or os.path.dirname(os.path.dirname(HERE))
SCRIPTS = os.path.join(SOURCE, "scripts")
sys.path.insert(0, SCRIPTS)
import dcsim_plot as dp  # noqa: E402
from checklist import Checklist  # noqa: E402

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def run_script(name, *args):
    return subprocess.run([sys.executable, os.path.join(SCRIPTS, name), *args],
                          capture_output=True, text=True, timeout=300)


def png_size(path):
    """(width, height) from the IHDR chunk, after checking the 8-byte PNG signature."""
    with open(path, "rb") as f:
        head = f.read(24)
    assert head[:8] == PNG_MAGIC, f"{path}: not a PNG (starts {head[:8]!r})"
    assert head[12:16] == b"IHDR", f"{path}: no IHDR chunk first"
    return struct.unpack(">II", head[16:24])


def colour_pixels(path, hex_colour, tol=0.02):
    """Number of pixels of the given colour in a PNG (as matplotlib reads it, RGB in 0..1)."""
    import matplotlib.image as mpimg
    img = mpimg.imread(path)[..., :3]
    rgb = np.array([int(hex_colour[i:i + 2], 16) / 255.0 for i in (1, 3, 5)])
    return int((np.abs(img - rgb).max(axis=-1) < tol).sum())


def write_tiny_run(path, scenario="name: tiny\n"):
    """Two days, hourly, no period_start (the figures fall back to day numbers).
    IT / facility (kW): day 0: 1000 / 1200 all day; day 1: 1000 / 1100 for 12 h, then 500 / 1000.
      daily PUE, energy-weighted: day 0 = 1.2; day 1 = (12*1100 + 12*1000) / (12*1000 + 12*500)
      = 25200 / 18000 = 1.4 (the mean of the hourly ratios would be (1.1 + 2.0) / 2 = 1.55).
    plant.a.mode: 0 for 10 h, 1 for 4 h, 2 for 34 h -> 10, 4, 34 h in three segments.
    it_inlet_c: 26 degC for 40 h, 28 for 5 h, 33 for 3 h -> class A1 (18-27 recommended, 15-32
      allowable): 8 h outside recommended, 3 h outside allowable."""
    n = 48
    it = np.r_[np.full(24, 1000.0), np.full(12, 1000.0), np.full(12, 500.0)]
    fac = np.r_[np.full(24, 1200.0), np.full(12, 1100.0), np.full(12, 1000.0)]
    mode = np.r_[np.zeros(10), np.ones(4), np.full(34, 2.0)]
    inlet = np.r_[np.full(40, 26.0), np.full(5, 28.0), np.full(3, 33.0)]
    with h5py.File(path, "w") as f:
        f.attrs["scenario_name"] = "tiny"
        f["scenario"] = scenario
        s = f.create_group("summary")
        s.attrs["pue"] = fac.sum() / it.sum()
        m = f.create_group("monthly")
        m["month"] = np.array([b"2025-01"])
        m["it_energy_kwh"] = [it.sum()]
        m["facility_energy_kwh"] = [fac.sum()]
        m["cooling_energy_kwh"] = [0.7 * (fac - it).sum()]
        m["power_loss_energy_kwh"] = [0.3 * (fac - it).sum()]
        ts = f.create_group("timeseries")
        ts["time_s"] = np.arange(n) * 3600.0
        for name, v in (("it_power_kw", it), ("facility_power_kw", fac), ("pue", fac / it),
                        ("plant.a.mode", mode), ("it_inlet_c", inlet), ("dry_bulb_c", np.full(n, 5.0))):
            ts[name] = v
            ts[name].attrs["units"] = "kW"


check = Checklist()


@check
def sample_files_are_written(t):
    r = run_script("make_sample_results.py", "--run", t.run, "--sweep", t.sweep)
    assert r.returncode == 0, f"make_sample_results.py failed ({r.returncode}): {r.stderr}"
    assert os.path.isfile(t.run) and os.path.isfile(t.sweep), "sample files missing"


@check
def sample_run_balances_energy(t):
    """Facility = IT + cooling + power losses + lighting, monthly sums = the year, interval
    powers x interval length = energies, PUE = facility / IT: the invariants the figures rely on."""
    with h5py.File(t.run, "r") as f:
        s, m, ts = f["summary"].attrs, f["monthly"], f["timeseries"]
        parts = s["it_energy_kwh"] + s["cooling_energy_kwh"] + s["power_loss_energy_kwh"] + s["lighting_energy_kwh"]
        assert math.isclose(parts, s["facility_energy_kwh"], rel_tol=1e-12), (parts, s["facility_energy_kwh"])
        for name in ("it_energy_kwh", "facility_energy_kwh", "water_m3", "emissions_t"):
            assert math.isclose(m[name][()].sum(), s[name], rel_tol=1e-9), name
        dt_h = (ts["time_s"][1] - ts["time_s"][0]) / 3600.0
        from_power = ts["facility_power_kw"][()].sum() * dt_h
        assert math.isclose(from_power, s["facility_energy_kwh"], rel_tol=1e-9), \
            f"facility power x time {from_power} kWh, facility energy {s['facility_energy_kwh']} kWh"
        assert math.isclose(s["pue"], s["facility_energy_kwh"] / s["it_energy_kwh"], rel_tol=1e-12), s["pue"]
        assert 1.0 < s["pue"] < 1.6, s["pue"]
        assert math.isclose(s["avoided_emissions_t"], s["baseline_emissions_t"] - s["emissions_t"],
                            rel_tol=1e-12), "avoided != baseline - emissions"
        # a year of 15-min records
        assert len(ts["time_s"]) == 365 * 96, len(ts["time_s"])


@check
def sample_economizer_follows_the_wet_bulb_rule(t):
    """Air plant (tower + HX approaches 6.34 + 2.29 K, 18 degC supply, 25 degC return): free when
    WB + 8.63 <= 18, mechanical when WB + 8.63 >= 25 (Lei & Masanet 2020), partial between."""
    with h5py.File(t.run, "r") as f:
        wb = f["timeseries/wet_bulb_c"][()]
        mode = f["timeseries/plant.air.mode"][()]
    reach = wb + 6.34 + 2.29
    expected = np.where(reach <= 18.0, 0, np.where(reach < 25.0, 1, 2))
    assert np.array_equal(mode, expected), f"{(mode != expected).sum()} rows disagree"
    assert set(np.unique(mode)) == {0, 1, 2}, np.unique(mode)


@check
def sample_sweep_orders_sites_by_climate(t):
    """Same facility everywhere: PUE rises from Reykjavik to Singapore (warmer, more humid), and the
    table rows repeat each case's summary."""
    with h5py.File(t.sweep, "r") as f:
        table = f["sweep/table"][()]
        for row in table:
            summary = f["cases"][row["case_id"].decode()]["summary"].attrs
            for name in ("pue", "wue_l_per_kwh", "avoided_emissions_t"):
                assert row[name] == summary[name], (row["case_id"], name)
    pue = dict(zip([s.decode() for s in table["site.builtin"]], table["pue"]))
    assert pue["reykjavik"] < pue["frankfurt"] < pue["phoenix"], pue
    assert pue["reykjavik"] < pue["singapore"], pue


@check
def plot_script_writes_four_pngs(t):
    r = run_script("dcsim_plot.py", t.run, "-o", t.figs)
    assert r.returncode == 0, f"dcsim_plot.py exit {r.returncode}: {r.stderr}"
    for name in dp.FIGURES:
        path = os.path.join(t.figs, name)
        assert os.path.isfile(path), f"{name} not written"
        size = os.path.getsize(path)
        assert size > 20_000, f"{name}: only {size} bytes"
        w, h = png_size(path)
        assert w >= 800 and h >= 400, f"{name}: {w}x{h} pixels"


@check
def figures_show_modes_and_bands(t):
    """The mode timeline paints the free and partial colours (the sample has both at Reykjavik's air
    plant); the temperature figure paints the recommended band; the breakdown paints IT."""
    modes = os.path.join(t.figs, "economizer_modes.png")
    for k in (0, 1):
        n = colour_pixels(modes, dp.MODE_COLORS[k])
        assert n > 500, f"economizer_modes.png: {n} pixels of {dp.MODE_NAMES[k]}"
    n = colour_pixels(os.path.join(t.figs, "temperatures.png"), "#c7e9c0")
    assert n > 5000, f"temperatures.png: {n} pixels of the recommended band"
    n = colour_pixels(os.path.join(t.figs, "energy_breakdown_monthly.png"), dp.CATEGORIES[0][2])
    assert n > 20000, f"energy_breakdown_monthly.png: {n} pixels of IT energy"


@check
def missing_file_exits_2(t):
    r = run_script("dcsim_plot.py", os.path.join(t.dir, "nope.h5"), "-o", t.figs)
    assert r.returncode == 2, f"exit {r.returncode}"
    assert "no such file" in r.stderr and "nope.h5" in r.stderr, r.stderr


@check
def not_hdf5_exits_2(t):
    path = os.path.join(t.dir, "text.h5")
    with open(path, "w") as f:
        f.write("not HDF5\n")
    r = run_script("dcsim_plot.py", path, "-o", t.figs)
    assert r.returncode == 2 and "not an HDF5 file" in r.stderr, (r.returncode, r.stderr)


@check
def wrong_layout_exits_2(t):
    path = os.path.join(t.dir, "other.h5")
    with h5py.File(path, "w") as f:
        f["data"] = np.arange(3)
    r = run_script("dcsim_plot.py", path, "-o", t.figs)
    assert r.returncode == 2 and "not a dcsim run" in r.stderr, (r.returncode, r.stderr)


@check
def sweep_needs_a_case(t):
    r = run_script("dcsim_plot.py", t.sweep, "-o", t.figs)
    assert r.returncode == 2 and "--case" in r.stderr and "c0000" in r.stderr, (r.returncode, r.stderr)
    out = os.path.join(t.dir, "case5")
    r = run_script("dcsim_plot.py", t.sweep, "--case", "c0005", "-o", out)
    assert r.returncode == 0, r.stderr
    assert sorted(os.listdir(out)) == sorted(dp.FIGURES), os.listdir(out)


@check
def daily_pue_is_energy_weighted(t):
    write_tiny_run(t.tiny)
    daily = dp.daily_pue(dp.read_run(t.tiny))
    assert np.allclose(daily.to_numpy(), [1.2, 1.4], rtol=1e-12), daily.to_numpy()


@check
def mode_segments_and_hours(t):
    with h5py.File(t.tiny, "r") as f:  # module functions take an open h5py File too
        run = dp.read_run(f)
    segs = dp.mode_segments(run.timeseries.index, run.timeseries["plant.a.mode"], run.interval_s)
    assert [(a / 3600, b / 3600, k) for a, b, k in segs] == [(0, 10, 0), (10, 14, 1), (14, 48, 2)], segs
    assert dp.mode_hours(segs) == (10.0, 4.0, 34.0), dp.mode_hours(segs)


@check
def hours_outside_the_air_class(t):
    run = dp.read_run(t.tiny)
    name, (rlo, rhi, alo, ahi), source = dp.ashrae_air_class(run)
    assert (name, source) == ("A1", "default"), (name, source)
    inlet = run.timeseries["it_inlet_c"]
    assert dp.hours_outside(inlet, rlo, rhi, run.interval_s) == 8.0, dp.hours_outside(inlet, rlo, rhi, run.interval_s)
    assert dp.hours_outside(inlet, alo, ahi, run.interval_s) == 3.0, dp.hours_outside(inlet, alo, ahi, run.interval_s)
    # A2 allows up to 35 degC: nothing outside allowable
    _, (_, _, alo2, ahi2), _ = dp.ashrae_air_class(run, "a2")
    assert dp.hours_outside(inlet, alo2, ahi2, run.interval_s) == 0.0, (alo2, ahi2)


@check
def classes_come_from_the_scenario(t):
    """The strictest class named in the scenario: A1 (32 degC allowable) over A3; W27 over W40."""
    path = os.path.join(t.dir, "classes.h5")
    write_tiny_run(path, "it:\n  groups:\n    - {name: g1, air_class: A3, liquid_class: W40}\n"
                         "    - {name: g2, air_class: a1, liquid_class: W27}\n")
    run = dp.read_run(path)
    assert dp.ashrae_air_class(run)[0::2] == ("A1", "scenario"), dp.ashrae_air_class(run)
    assert dp.ashrae_liquid_limit_c(run) == ("W27", 27.0, "scenario"), dp.ashrae_liquid_limit_c(run)
    r = run_script("dcsim_plot.py", path, "-o", t.figs, "--air-class", "B7")
    assert r.returncode == 2 and "unknown air class" in r.stderr, (r.returncode, r.stderr)


@check
def minimal_run_plots_without_dates(t):
    """A run with coarse categories (cooling, power losses) and no period_start still plots."""
    paths = dp.plot_run(t.tiny, os.path.join(t.dir, "tiny"))
    for p in paths:
        png_size(p)
        assert os.path.getsize(p) > 10_000, p


class Paths:
    def __init__(self, d):
        self.dir = d
        self.run = os.path.join(d, "run.h5")
        self.sweep = os.path.join(d, "sites.h5")
        self.tiny = os.path.join(d, "tiny.h5")
        self.figs = os.path.join(d, "figs")


def main():
    return check.run("dcsim-test-plot-", Paths)


if __name__ == "__main__":
    sys.exit(main())
