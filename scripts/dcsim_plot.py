#!/usr/bin/env python3
"""Figures of one dcsim run (HDF5 layout of DESIGN.md), written as PNG files.

    dcsim_plot.py RUN.h5 -o OUTDIR [--case ID] [--air-class A2] [--liquid-class W40]

writes into OUTDIR:
  pue_through_year.png          PUE of every recording interval, the daily PUE (energy-weighted:
                                sum of facility energy / sum of IT energy over the day) and the
                                PUE of the whole period (/summary pue);
  energy_breakdown_monthly.png  facility energy per month stacked by category (/monthly), and the
                                overhead alone with the monthly PUE;
  temperatures.png              IT inlet against the ASHRAE TC 9.9 (2021) recommended and allowable
                                ranges of its class, coolant temperatures against the W-class
                                limit of the facility water supply, outdoor dry and wet bulb;
  economizer_modes.png          timeline of each plant's mode (0 free, 1 partial, 2 mechanical).
As a module: read_run(path | h5py group, case=None) -> Run; plot_pue, plot_energy_breakdown,
plot_temperatures, plot_economizer_modes (run, path=None) -> matplotlib Figure; plot_run(source,
outdir) -> list of written paths. Figures are made without pyplot (Agg canvas), so importing this
module never changes the backend of a notebook. Exit status: 0 done, 2 bad input (missing file, not
HDF5, not in the layout), 1 internal failure.
"""
import argparse
import os
import re
import sys
from dataclasses import dataclass, field

import h5py
import numpy as np
import pandas as pd
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
import matplotlib.dates as mdates

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import dcsim_results as dr  # noqa: E402

__all__ = ["LayoutError", "Run", "read_run", "interval_bounds", "daily_pue", "mode_segments", "mode_hours",
           "hours_outside", "ashrae_air_class", "ashrae_liquid_limit_c", "plot_pue",
           "plot_energy_breakdown", "plot_temperatures", "plot_economizer_modes", "plot_run",
           "FIGURES", "main"]

FIGURES = ("pue_through_year.png", "energy_breakdown_monthly.png", "temperatures.png",
           "economizer_modes.png")

# ASHRAE TC 9.9 Thermal Guidelines, 5th ed. (2021): IT inlet dry bulb (degC), recommended and
# allowable (H1 allowable as commonly quoted, REFERENCE.md [K]); liquid classes bound the facility
# water supply from 2 degC to the number in the name (W+: no upper bound).
AIR_CLASSES = {"A1": (18.0, 27.0, 15.0, 32.0), "A2": (18.0, 27.0, 10.0, 35.0),
               "A3": (18.0, 27.0, 5.0, 40.0), "A4": (18.0, 27.0, 5.0, 45.0),
               "H1": (18.0, 22.0, 5.0, 25.0)}
LIQUID_CLASSES = {"W17": 17.0, "W27": 27.0, "W32": 32.0, "W40": 40.0, "W45": 45.0, "W+": None}
DEFAULT_AIR_CLASS, DEFAULT_LIQUID_CLASS = "A1", "W32"  # the simulator's defaults per rack group

MODE_NAMES = ("free", "partial", "mechanical")
MODE_COLORS = ("#2ca02c", "#ff7f0e", "#d62728")

# Facility energy categories (the simulator's energy ledger), stacking order and colours.
CATEGORIES = [("it", "IT", "#4c72b0"), ("air_fans", "air fans", "#55a868"),
              ("pumps", "pumps", "#8172b2"), ("compressors", "compressors", "#c44e52"),
              ("heat_rejection_fans", "heat-rejection fans", "#64b5cd"),
              ("heat_pump", "heat pump", "#937860"), ("humidifiers", "humidifiers", "#4a9fb5"),
              ("transformer_loss", "transformer loss", "#da8bc3"),
              ("ups_loss", "UPS loss", "#ccb974"), ("pdu_loss", "PDU loss", "#8c8c8c"),
              ("lighting", "lighting", "#e5ae38")]
ENERGY_TO_KWH = {"kWh": 1.0, "MWh": 1e3, "GWh": 1e6, "Wh": 1e-3, "J": 1.0 / 3.6e6,
                 "kJ": 1.0 / 3.6e3, "MJ": 1.0 / 3.6, "GJ": 1e3 / 3.6}


class LayoutError(ValueError):
    """The file exists but is not a dcsim run (or sweep case) in the layout of DESIGN.md."""


# Strings of the file as the reader decodes them, bad UTF-8 replaced (a label never stops a figure).
def _text(value):
    return dr._text(value, "replace")


def _plain(value):
    return dr._plain(value, "replace")


@dataclass
class Run:
    """What the figures need from a run, read into memory."""
    source: str
    attrs: dict
    summary: dict
    summary_units: dict
    timeseries: pd.DataFrame          # indexed by time_s
    units: dict
    monthly: pd.DataFrame             # one row per month, index = month labels
    monthly_units: dict
    scenario: str = ""
    events: pd.DataFrame = field(default_factory=pd.DataFrame)

    @property
    def interval_s(self):
        t = self.timeseries.index.to_numpy()
        return float(np.median(np.diff(t))) if len(t) > 1 else 3600.0


def _require(group, name, where):
    if name not in group:
        raise LayoutError(f"{where} is not a dcsim run: it has no /{name}")
    return group[name]


def _read_group(g, where):
    for name in ("summary", "monthly", "timeseries"):
        _require(g, name, where)
    ts = g["timeseries"]
    if not isinstance(ts.get("time_s"), h5py.Dataset):
        raise LayoutError(f"{where} is not a dcsim run: it has no /timeseries/time_s dataset")
    time_s = np.asarray(ts["time_s"][()], dtype=float)
    if time_s.ndim != 1 or len(time_s) < 2 or np.any(np.diff(time_s) <= 0):
        raise LayoutError(f"{where}: /timeseries/time_s must be 1-D, increasing, with at least two "
                          f"rows (got shape {time_s.shape})")
    columns, units = {}, {}
    for name, d in ts.items():
        if name == "time_s" or not isinstance(d, h5py.Dataset) or d.dtype.kind not in "fiub":
            continue
        if d.shape != time_s.shape:
            raise LayoutError(f"{where}: /timeseries/{name} has {d.shape} rows, time_s {time_s.shape}")
        columns[name] = np.asarray(d[()], dtype=float)
        units[name] = _text(d.attrs.get("units", ""))
    timeseries = pd.DataFrame(columns, index=pd.Index(time_s, name="time_s"))

    attrs = {k: _plain(v) for k, v in g["summary"].attrs.items()}
    summary = {k: float(v) for k, v in attrs.items() if isinstance(v, (int, float))}
    summary_units = {k: attrs.get(k + "_units", "") for k in summary}

    mg = g["monthly"]
    mcols, munits, labels = {}, {}, None
    for name, d in mg.items():
        if not isinstance(d, h5py.Dataset) or d.ndim != 1:
            continue
        if d.dtype.kind in "SOU":
            if name == "month":
                labels = [_text(v) for v in d[()]]
            continue
        mcols[name] = np.asarray(d[()], dtype=float)
        munits[name] = _text(d.attrs.get("units", ""))
    lengths = {len(v) for v in mcols.values()}
    if len(lengths) > 1:
        raise LayoutError(f"{where}: the /monthly datasets differ in length ({sorted(lengths)})")
    n_months = lengths.pop() if lengths else 0
    if labels is None or len(labels) != n_months:
        labels = [f"month {m + 1}" for m in range(n_months)]
    monthly = pd.DataFrame(mcols, index=pd.Index(labels, name="month"))

    scenario = _text(g["scenario"][()]) if isinstance(g.get("scenario"), h5py.Dataset) else ""
    events = pd.DataFrame()
    if isinstance(g.get("events"), h5py.Dataset) and g["events"].dtype.names:
        events = pd.DataFrame(g["events"][()])
        for c in events.columns:
            if events[c].dtype == object:
                events[c] = [_text(v) for v in events[c]]
    return Run(where, {k: _plain(v) for k, v in g.attrs.items()}, summary, summary_units,
               timeseries, units, monthly, munits, scenario, events)


def read_run(source, case=None):
    """A Run from a path, an open h5py File/Group, or a Run (returned as is). `case` picks
    /cases/<case> of a sweep file. Raises FileNotFoundError, LayoutError."""
    if isinstance(source, Run):
        return source
    if isinstance(source, (h5py.File, h5py.Group)):
        g = source
        where = f"{source.file.filename}:{source.name}"
        if case is not None:
            g = _require(source, f"cases/{case}", where)
            where = f"{source.file.filename}:{g.name}"
        elif "timeseries" not in g and "cases" in g:
            ids = ", ".join(list(g["cases"])[:10])
            raise LayoutError(f"{where} is a sweep file: choose a case with --case ID ({ids})")
        return _read_group(g, where)
    path = os.fspath(source)
    if not os.path.isfile(path):
        raise FileNotFoundError(f"no such file: {path}")
    try:
        f = h5py.File(path, "r")
    except OSError as e:
        raise LayoutError(f"{path} is not an HDF5 file ({e})") from None
    with f:
        return read_run(f, case)


def _channel(run, *names):
    for n in names:
        if n in run.timeseries:
            return run.timeseries[n].to_numpy()
    return None


def _power_kw(run, base):
    """Channel `<base>_kw`, or `<base>_w` converted to kW."""
    if f"{base}_kw" in run.timeseries:
        return run.timeseries[f"{base}_kw"].to_numpy()
    if f"{base}_w" in run.timeseries:
        return run.timeseries[f"{base}_w"].to_numpy() / 1000.0
    return None


def _x(run, time_s=None):
    """Time axis: datetimes from the root attr period_start when present, else days."""
    t = run.timeseries.index.to_numpy() if time_s is None else np.asarray(time_s)
    start = run.attrs.get("period_start")
    if start:
        try:
            return np.datetime64(pd.Timestamp(start)) + (t * 1000).astype("timedelta64[ms]"), True
        except ValueError:
            pass
    return t / 86400.0, False


def _label_time(ax, is_date):
    if is_date:
        ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(ax.xaxis.get_major_locator()))
    else:
        ax.set_xlabel("day of the period")


def interval_bounds(time_s):
    """(start_s, end_s) of each row's interval, as dcsim_results.interval_bounds: a dcsim run records
    means over the interval that ends at time_s (first row at one interval, last at the period's end,
    possibly shorter); a file whose first row is at time 0 holds interval starts, the last row as long
    as the median, a lone row one hour."""
    return dr.interval_bounds(time_s, single_row_s=3600.0)


def daily_pue(run):
    """Daily PUE, energy-weighted: sum over each day of facility energy / sum of IT energy, each row
    weighted by its interval's length and counted in the day where its interval starts. Falls back
    to the mean of the interval PUE when the power channels are absent. Index: day number from 0."""
    start, end = interval_bounds(run.timeseries.index.to_numpy())
    day = np.floor(start / 86400.0).astype(int)
    fac, it = _power_kw(run, "facility_power"), _power_kw(run, "it_power")
    if fac is not None and it is not None:
        dt = end - start
        df = pd.DataFrame({"fac": fac * dt, "it": it * dt, "day": day}).groupby("day").sum()
        return df["fac"] / df["it"]
    pue = _channel(run, "pue")
    if pue is None:
        raise LayoutError(f"{run.source}: no pue channel and no facility_power/it_power channels")
    return pd.Series(pue).groupby(day).mean()


def mode_segments(time_s, mode, interval_s):
    """Runs of constant mode: list of (start_s, end_s, mode), each row covering its interval
    (interval_bounds); a gap longer than 1.5 intervals ends a run."""
    start, end = interval_bounds(time_s)
    m = np.asarray(mode, dtype=float)
    ok = ~np.isnan(m)
    start, end, m = start[ok], end[ok], m[ok]
    if len(m) == 0:
        return []
    breaks = np.flatnonzero((np.diff(m) != 0) | (start[1:] - end[:-1] > 0.5 * interval_s)) + 1
    starts = np.concatenate([[0], breaks])
    ends = np.concatenate([breaks, [len(m)]])
    return [(start[a], end[b - 1], int(round(m[a]))) for a, b in zip(starts, ends)]


def mode_hours(segments):
    """Hours spent in each mode (free, partial, mechanical) over the segments."""
    h = [0.0, 0.0, 0.0]
    for a, b, k in segments:
        if 0 <= k <= 2:
            h[k] += (b - a) / 3600.0
    return tuple(h)


def hours_outside(values, low_c, high_c, interval_s):
    """Hours with a temperature below low_c or above high_c (None: no bound on that side)."""
    v = np.asarray(values, dtype=float)
    out = np.zeros(v.shape, bool)
    if low_c is not None:
        out |= v < low_c
    if high_c is not None:
        out |= v > high_c
    return float(out.sum() * interval_s / 3600.0)


def _scenario_classes(scenario, key):
    """Values of `key` anywhere in the scenario YAML (yaml when importable, else a regex)."""
    try:
        import yaml
        found = []

        def walk(node):
            if isinstance(node, dict):
                for k, v in node.items():
                    if k == key and isinstance(v, str):
                        found.append(v)
                    walk(v)
            elif isinstance(node, list):
                for v in node:
                    walk(v)
        walk(yaml.safe_load(scenario))
        return found
    except Exception:
        return re.findall(rf"\b{key}:\s*['\"]?([A-Za-z0-9+]+)", scenario)


def ashrae_air_class(run, override=None):
    """(name, (rec_min, rec_max, allow_min, allow_max), source): the given class, else the
    strictest air class named in the scenario (smallest allowable maximum), else A1."""
    if override:
        name = override.upper()
        if name not in AIR_CLASSES:
            raise LayoutError(f"unknown air class {override!r} (valid: {', '.join(AIR_CLASSES)})")
        return name, AIR_CLASSES[name], "given"
    names = [n.upper() for n in _scenario_classes(run.scenario, "air_class") if n.upper() in AIR_CLASSES]
    if names:
        name = min(names, key=lambda n: AIR_CLASSES[n][3])
        return name, AIR_CLASSES[name], "scenario"
    return DEFAULT_AIR_CLASS, AIR_CLASSES[DEFAULT_AIR_CLASS], "default"


def ashrae_liquid_limit_c(run, override=None):
    """(name, upper limit degC or None for W+, source), chosen as for ashrae_air_class."""
    if override:
        name = override.upper()
        if name not in LIQUID_CLASSES:
            raise LayoutError(f"unknown liquid class {override!r} (valid: {', '.join(LIQUID_CLASSES)})")
        return name, LIQUID_CLASSES[name], "given"
    names = [n.upper() for n in _scenario_classes(run.scenario, "liquid_class")
             if n.upper() in LIQUID_CLASSES]
    if names:
        name = min(names, key=lambda n: LIQUID_CLASSES[n] if LIQUID_CLASSES[n] is not None else np.inf)
        return name, LIQUID_CLASSES[name], "scenario"
    return DEFAULT_LIQUID_CLASS, LIQUID_CLASSES[DEFAULT_LIQUID_CLASS], "default"


STATUS_NAMES = {0: "ok", 1: "capacity_short", 2: "out_of_envelope", 3: "it_shutdown"}


def run_status(run):
    """The run's feasibility (docs/output.md): ok, capacity_short, out_of_envelope or it_shutdown."""
    return STATUS_NAMES.get(int(round(run.summary.get("status_code", 0))), "ok")


def _title(run):
    name = run.attrs.get("scenario_name", "")
    site = run.attrs.get("site", "")
    title = " at ".join(str(s) for s in (name, site) if s) or run.source
    status = run_status(run)
    # A design that did not meet its load is marked on every figure.
    return title if status == "ok" else f"{title} - DESIGN NOT MET ({status})"


def _figure(width, height, rows=1, sharex=True, **kw):
    fig = Figure(figsize=(width, height), layout="constrained")
    FigureCanvasAgg(fig)
    axes = fig.subplots(rows, 1, sharex=sharex, squeeze=False, **kw)[:, 0]
    return fig, axes


def _save(fig, path):
    if path is not None:
        fig.savefig(path, dpi=110)
    return fig


def plot_pue(run, path=None):
    """PUE per interval, daily PUE and the period PUE."""
    run = read_run(run)
    pue = _channel(run, "pue")
    fac, it = _power_kw(run, "facility_power"), _power_kw(run, "it_power")
    if pue is None and fac is not None and it is not None:
        pue = np.divide(fac, it, out=np.full(len(fac), np.nan), where=it > 0)
    if pue is None:
        raise LayoutError(f"{run.source}: no pue channel and no facility_power/it_power channels")
    period = run.summary.get("pue")
    if period is None or not np.isfinite(period):
        period = float(np.nansum(fac) / np.nansum(it)) if fac is not None else float(np.nanmean(pue))
    x, is_date = _x(run)
    daily = daily_pue(run)
    xd, _ = _x(run, daily.index.to_numpy() * 86400.0 + 43200.0)
    fig, (ax,) = _figure(11, 4.5)
    ax.plot(x, pue, lw=0.4, color="#9ecae1", label=f"every {run.interval_s / 60:g} min")
    ax.plot(xd, daily.to_numpy(), lw=1.4, color="#08519c", label="daily (energy-weighted)")
    ax.axhline(period, color="#d62728", ls="--", lw=1.2, label=f"period PUE {period:.3f}")
    ax.set_ylabel("PUE")
    ax.set_title(f"PUE through the period - {_title(run)}")
    ax.legend(loc="upper left", ncols=3, frameon=False)
    ax.grid(alpha=0.3)
    _label_time(ax, is_date)
    return _save(fig, path)


def _monthly_kwh(run, name):
    if name not in run.monthly:
        return None
    factor = ENERGY_TO_KWH.get(run.monthly_units.get(name, "kWh") or "kWh", 1.0)
    return run.monthly[name].to_numpy() * factor


def plot_energy_breakdown(run, path=None):
    """Facility energy per month stacked by category; overhead alone with the monthly PUE."""
    run = read_run(run)
    if run.monthly.empty:
        raise LayoutError(f"{run.source}: /monthly holds no metrics")
    parts = []
    for key, label, color in CATEGORIES:
        v = _monthly_kwh(run, f"{key}_energy_kwh")
        if v is not None and (key == "it" or np.nansum(np.abs(v)) > 0):
            parts.append((key, label, color, v))
    have = {p[0] for p in parts}
    have |= {key for key, _, _ in CATEGORIES if f"{key}_energy_kwh" in run.monthly}
    if "it" not in have:
        raise LayoutError(f"{run.source}: /monthly has no it_energy_kwh")
    for total, members, label, color in (
            ("cooling_energy_kwh", ("air_fans", "pumps", "compressors", "heat_rejection_fans", "heat_pump", "humidifiers"),
             "cooling", "#55a868"),
            ("power_loss_energy_kwh", ("transformer_loss", "ups_loss", "pdu_loss"), "power losses", "#ccb974")):
        v = _monthly_kwh(run, total)
        if v is not None and not have.intersection(members):
            parts.append((total, label, color, v))
    facility = _monthly_kwh(run, "facility_energy_kwh")
    if facility is not None:
        rest = facility - sum(p[3] for p in parts)
        if np.any(np.abs(rest) > 1e-3 * np.abs(facility)):
            parts.append(("other", "other (facility - categories)", "#bbbbbb", rest))
    months = list(run.monthly.index)
    x = np.arange(len(months))
    fig, (top, bottom) = _figure(11, 7.5, rows=2)
    for ax, chosen in ((top, parts), (bottom, [p for p in parts if p[0] != "it"])):
        base = np.zeros(len(x))
        for key, label, color, v in chosen:
            mwh = np.nan_to_num(v) / 1000.0
            ax.bar(x, mwh, bottom=base, color=color, label=label, width=0.8)
            base += mwh
        ax.set_ylabel("energy (MWh)")
        ax.grid(axis="y", alpha=0.3)
    top.set_title(f"Facility energy by month - {_title(run)}")
    top.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False)
    bottom.set_title("Overhead (everything but IT) and monthly PUE")
    pue = run.monthly["pue"].to_numpy() if "pue" in run.monthly else (
        facility / _monthly_kwh(run, "it_energy_kwh") if facility is not None else None)
    if pue is not None:
        twin = bottom.twinx()
        twin.plot(x, pue, "o-", color="black", lw=1.2, label="PUE")
        twin.set_ylabel("PUE")
        twin.legend(loc="upper right", frameon=False)
    bottom.set_xticks(x, months, rotation=45, ha="right")
    return _save(fig, path)


def plot_temperatures(run, path=None, air_class=None, liquid_class=None):
    """IT inlet against the air class, coolant against the W class, outdoor dry and wet bulb."""
    run = read_run(run)
    x, is_date = _x(run)
    dt = run.interval_s
    inlet = _channel(run, "it_inlet_c")
    coolant = [(n, label) for n, label in (("coolant_supply_c", "coolant supply (CDU outlet)"),
                                           ("coolant_return_c", "coolant return")) if n in run.timeseries]
    plants = [(n, f"plant {n[6:-9]} supply") for n in run.timeseries if
              n.startswith("plant.") and n.endswith(".supply_c")]
    dry = _channel(run, "dry_bulb_c", "outdoor_dry_bulb_c", "outdoor_drybulb_c")
    wet = _channel(run, "wet_bulb_c", "outdoor_wet_bulb_c", "outdoor_wetbulb_c")
    panels = [p for p, present in (("inlet", inlet is not None), ("coolant", bool(coolant or plants)),
                                   ("outdoor", dry is not None or wet is not None)) if present]
    if not panels:
        raise LayoutError(f"{run.source}: no temperature channels (it_inlet_c, coolant_*_c, "
                          f"plant.<name>.supply_c, dry_bulb_c, wet_bulb_c)")
    fig, axes = _figure(11, 3.0 * len(panels) + 0.6, rows=len(panels))
    axes = dict(zip(panels, axes))
    if "inlet" in axes:
        ax = axes["inlet"]
        name, (rlo, rhi, alo, ahi), source = ashrae_air_class(run, air_class)
        ax.axhspan(alo, ahi, color="#fff3b0", label=f"{name} allowable {alo:g}-{ahi:g} degC")
        ax.axhspan(rlo, rhi, color="#c7e9c0", label=f"recommended {rlo:g}-{rhi:g} degC")
        if "supply_air_c" in run.timeseries:
            ax.plot(x, run.timeseries["supply_air_c"], lw=0.5, color="#6baed6", label="supply air")
        ax.plot(x, inlet, lw=0.6, color="#08306b", label="IT inlet")
        out_r = hours_outside(inlet, rlo, rhi, dt)
        out_a = hours_outside(inlet, alo, ahi, dt)
        ax.set_title(f"IT inlet, ASHRAE class {name} ({source}): {out_r:g} h outside recommended, "
                     f"{out_a:g} h outside allowable - {_title(run)}", fontsize=10)
        lo, hi = np.nanmin(inlet), np.nanmax(inlet)
        ax.set_ylim(min(lo, rlo) - 3, max(hi, rhi) + 3)
    if "coolant" in axes:
        ax = axes["coolant"]
        for n, label in coolant + plants:
            ax.plot(x, run.timeseries[n], lw=0.6, label=label)
        title = "Coolant and plant water supply temperatures"
        if coolant:
            name, limit, source = ashrae_liquid_limit_c(run, liquid_class)
            if limit is not None:
                ax.axhline(limit, color="#d62728", ls="--", lw=1.2,
                           label=f"{name} limit {limit:g} degC (facility water supply)")
            title += f", liquid class {name} ({source})"
        ax.set_title(title, fontsize=10)
    if "outdoor" in axes:
        ax = axes["outdoor"]
        if dry is not None:
            ax.plot(x, dry, lw=0.4, color="#e6550d", label="dry bulb")
        if wet is not None:
            ax.plot(x, wet, lw=0.4, color="#3182bd", label="wet bulb")
        ax.set_title("Outdoor air", fontsize=10)
    for ax in axes.values():
        ax.set_ylabel("degC")
        ax.grid(alpha=0.3)
        ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False, fontsize=8)
    _label_time(axes[panels[-1]], is_date)
    return _save(fig, path)


def plot_economizer_modes(run, path=None):
    """Timeline of each plant's mode, hours per mode, and the outdoor air for context."""
    run = read_run(run)
    names = [n for n in run.timeseries if n.startswith("plant.") and n.endswith(".mode")]
    t = run.timeseries.index.to_numpy()
    dt = run.interval_s
    x, is_date = _x(run)
    fig, (ax, ax2) = _figure(11, 2.4 + 0.6 * max(len(names), 1) + 2.2, rows=2,
                             gridspec_kw={"height_ratios": [max(len(names), 1) * 0.6 + 0.8, 2.0]})
    if not names:
        ax.text(0.5, 0.5, "no economizer plant recorded (no plant.<name>.mode channel)",
                ha="center", va="center", transform=ax.transAxes)
        ax.set_yticks([])
    labels = []
    for row, n in enumerate(names):
        segs = mode_segments(t, run.timeseries[n].to_numpy(), dt)
        hours = mode_hours(segs)
        for k in range(3):
            mine = [(a, b) for a, b, m in segs if m == k]
            if not mine:
                continue
            a = np.array([s[0] for s in mine])
            b = np.array([s[1] for s in mine])
            xa, _ = _x(run, a)
            xb, _ = _x(run, b)
            if is_date:
                xa, xb = mdates.date2num(xa), mdates.date2num(xb)
            ax.broken_barh(list(zip(xa, xb - xa)), (row - 0.4, 0.8), facecolors=MODE_COLORS[k],
                           edgecolor="none")
        labels.append(f"{n[6:-5]}\n" + ", ".join(f"{MODE_NAMES[k]} {hours[k]:.0f} h" for k in range(3)))
    if names:
        ax.set_yticks(range(len(names)), labels, fontsize=8)
        ax.set_ylim(len(names) - 0.5, -0.5)
    from matplotlib.patches import Patch
    ax.legend([Patch(color=c) for c in MODE_COLORS], MODE_NAMES, ncols=3, frameon=False,
              loc="lower left", bbox_to_anchor=(0.0, 1.0))
    ax.set_title(f"Economizer mode of each plant - {_title(run)}", loc="right", fontsize=10)
    dry = _channel(run, "dry_bulb_c", "outdoor_dry_bulb_c", "outdoor_drybulb_c")
    wet = _channel(run, "wet_bulb_c", "outdoor_wet_bulb_c", "outdoor_wetbulb_c")
    if dry is not None:
        ax2.plot(x, dry, lw=0.4, color="#e6550d", label="dry bulb")
    if wet is not None:
        ax2.plot(x, wet, lw=0.4, color="#3182bd", label="wet bulb")
    ax2.set_ylabel("outdoor degC")
    ax2.grid(alpha=0.3)
    if dry is not None or wet is not None:
        ax2.legend(loc="upper left", frameon=False, fontsize=8)
    if is_date:
        ax.xaxis_date()
    lo, hi = interval_bounds(t)
    x_lo, x_hi = _x(run, [lo[0], hi[-1]])[0]
    ax.set_xlim(x_lo, x_hi)
    _label_time(ax2, is_date)
    return _save(fig, path)


def plot_run(source, outdir, case=None, air_class=None, liquid_class=None):
    """All four figures of a run into outdir; returns the paths written."""
    run = read_run(source, case)
    os.makedirs(outdir, exist_ok=True)
    paths = [os.path.join(outdir, f) for f in FIGURES]
    plot_pue(run, paths[0])
    plot_energy_breakdown(run, paths[1])
    plot_temperatures(run, paths[2], air_class, liquid_class)
    plot_economizer_modes(run, paths[3])
    return paths


def main(argv=None):
    p = argparse.ArgumentParser(prog="dcsim_plot.py", description="Figures of one dcsim run as PNG files.")
    p.add_argument("run", help="run file (or sweep file with --case)")
    p.add_argument("-o", "--outdir", default=".", help="directory for the PNG files (default: .)")
    p.add_argument("--case", help="case id inside a sweep file (/cases/<id>)")
    p.add_argument("--air-class", help=f"ASHRAE air class ({', '.join(AIR_CLASSES)}); default: "
                                       f"the scenario's, else {DEFAULT_AIR_CLASS}")
    p.add_argument("--liquid-class", help=f"ASHRAE liquid class ({', '.join(LIQUID_CLASSES)}); "
                                          f"default: the scenario's, else {DEFAULT_LIQUID_CLASS}")
    a = p.parse_args(argv)
    try:
        paths = plot_run(a.run, a.outdir, a.case, a.air_class, a.liquid_class)
    except (FileNotFoundError, LayoutError) as e:
        print(f"dcsim_plot: error: {e}", file=sys.stderr)
        return 2
    except (PermissionError, NotADirectoryError, FileExistsError) as e:
        print(f"dcsim_plot: error: cannot write into {a.outdir}: {e}", file=sys.stderr)
        return 2
    for path in paths:
        print(path)
    return 0


if __name__ == "__main__":
    import matplotlib
    matplotlib.use("Agg")
    sys.exit(main())
