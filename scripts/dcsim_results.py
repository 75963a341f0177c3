"""Read dcsim result files (HDF5) into pandas. The layout is described in docs/output.md.

    import dcsim_results as dr
    run = dr.open_run("out.h5")
    run.summary["pue"], run.summary_units["pue"]      # yearly metrics (float Series) and units
    run.timeseries["it_power_kw"].plot()               # DataFrame indexed by time_s
    run.timeseries.set_index(run.datetime_index())     # ... or by local standard time
    run.energy_kwh("it_power_kw")                      # mean power x interval length, summed
    run.monthly["pue"]                                 # DataFrame indexed by month (Period)
    run.events                                         # time_s, kind, component, detail
    run.units["it_power_kw"], run.descriptions["it_power_kw"]

    table = dr.open_sweep("sweep.h5")                  # DataFrame: one row per case
    case = dr.open_case("sweep.h5", "c0001")           # a Run, as open_run gives

Time: a row of a dcsim run holds the mean over the recording interval that ENDS at time_s (the
first row is at one interval, the last at the period's end, and may cover a shorter interval);
temperatures and other states are values at time_s. interval_bounds() gives each row's interval.
A file whose first row is at time 0 (scripts/make_sample_results.py) holds interval starts instead.

Strings stored as fixed-length bytes are decoded to str. Everything is read eagerly and the file
is closed again; pass channels=[...] to open_run to read only some time series.
"""
import h5py
import numpy as np
import pandas as pd

__all__ = ["Run", "open_run", "open_case", "open_sweep", "case_ids", "interval_bounds"]

_UNITS_SUFFIX = "_units"
_TO_KW = {"W": 1e-3, "kW": 1.0, "MW": 1e3}


def interval_bounds(time_s, single_row_s=0.0):
    """(start_s, end_s) of the interval each row covers. Rows of a dcsim run end at time_s and start
    at the previous row (0 for the first); rows starting at time 0 cover [time_s, next time_s), the
    last one as long as the median interval (single_row_s when there is only one row)."""
    t = np.asarray(time_s, dtype=float)
    if len(t) == 0:
        return t, t
    if t[0] > 0:
        return np.r_[0.0, t[:-1]], t
    step = float(np.median(np.diff(t))) if len(t) > 1 else single_row_s
    return t, np.r_[t[1:], t[-1] + step]


def _text(value, errors="strict"):
    """An attribute or dataset value as str (h5py gives bytes for fixed-length strings); `errors`
    as for bytes.decode."""
    if isinstance(value, np.ndarray) and value.shape == ():
        value = value[()]
    if isinstance(value, (bytes, np.bytes_)):
        return value.decode("utf-8", errors)
    return value if isinstance(value, str) else str(value)


def _frame(records):
    """DataFrame of a numpy structured array, with byte-string columns decoded to str."""
    df = pd.DataFrame(records)
    for name in df.columns:
        kind = records.dtype[name].kind
        if kind == "S" or (kind == "O" and len(df) and isinstance(df[name].iloc[0], bytes)):
            df[name] = [v.decode("utf-8") for v in df[name]]
    return df


def _plain(value, errors="strict"):
    """An attribute value as a plain Python scalar (strings decoded as _text does)."""
    if isinstance(value, (bytes, np.bytes_, str)):
        return _text(value, errors)
    if isinstance(value, np.generic):
        return value.item()
    return value


class Run:
    """One run (a run file's root or a sweep file's /cases/<id>), read into memory."""

    def __init__(self, group, path, channels=None):
        self.path = path
        self.name = group.name
        self.attrs = {k: _plain(v) for k, v in group.attrs.items()}
        self.scenario = _text(group["scenario"][()])

        summary = {k: _plain(v) for k, v in group["summary"].attrs.items()}
        numbers = {k: v for k, v in summary.items() if not isinstance(v, str)}
        self.summary = pd.Series(numbers, dtype=float, name="summary")
        self.summary_units = {k: summary.get(k + _UNITS_SUFFIX, "") for k in numbers}
        units_keys = {k + _UNITS_SUFFIX for k in numbers}
        self.summary_text = {k: v for k, v in summary.items() if isinstance(v, str) and k not in units_keys}

        if "timeseries" in group:  # a sweep case run with `timeseries: false` has none
            ts = group["timeseries"]
            names = [n for n in ts if n != "time_s"]
            time_s = ts["time_s"][()]
        else:
            ts, names, time_s = None, [], np.zeros(0)
        if channels is not None:
            missing = sorted(set(channels) - set(names))
            if missing:
                raise KeyError(f"{path}:{group.name}/timeseries has no channel {', '.join(missing)}")
            names = list(channels)
        index = pd.Index(time_s, name="time_s")
        self.timeseries = pd.DataFrame({n: ts[n][()] for n in names}, index=index)
        listed = ["time_s", *names] if ts is not None else []
        self.units = {n: _text(ts[n].attrs["units"]) for n in listed}
        self.descriptions = {n: _text(ts[n].attrs["description"]) for n in listed}

        monthly = group["monthly"]
        labels = [_text(v) for v in monthly["month"][()]]
        metrics = [n for n in monthly if n != "month"]
        self.monthly = pd.DataFrame({n: monthly[n][()] for n in metrics},
                                    index=pd.PeriodIndex(labels, freq="M", name="month"))
        self.monthly_units = {n: _text(monthly[n].attrs["units"]) for n in metrics}

        self.events = _frame(group["events"][()]) if "events" in group else pd.DataFrame(
            {"time_s": [], "kind": [], "component": [], "detail": []})

    def interval_hours(self):
        """Length of each row's interval in hours (numpy array)."""
        start, end = interval_bounds(self.timeseries.index.to_numpy())
        return (end - start) / 3600.0

    def energy_kwh(self, channel):
        """Energy of a mean-power channel (units W, kW or MW) over the period, in kWh."""
        units = self.units.get(channel, "")
        if units not in _TO_KW:
            raise ValueError(f"{channel} is in {units!r}, not a power (W, kW, MW)")
        return float((self.timeseries[channel].to_numpy() * self.interval_hours()).sum() * _TO_KW[units])

    def datetime_index(self):
        """Timestamps of the time series rows (local standard time of the site, no DST)."""
        start = pd.Timestamp(self.attrs["period_start"])
        return pd.DatetimeIndex(start + pd.to_timedelta(self.timeseries.index, unit="s"), name="time")

    def __repr__(self):
        return (f"<dcsim run {self.attrs.get('scenario_name', '?')!r} at {self.attrs.get('site', '?')!r}: "
                f"{len(self.timeseries)} samples x {self.timeseries.shape[1]} channels, "
                f"{len(self.events)} events ({self.path}:{self.name})>")


def open_run(path, case=None, channels=None):
    """Read a run file, or the case `case` of a sweep file."""
    with h5py.File(path, "r") as f:
        group = f if case is None else f["cases"][case]
        return Run(group, path, channels)


def open_case(path, case_id, channels=None):
    """Read one case of a sweep file as a Run."""
    return open_run(path, case=case_id, channels=channels)


def case_ids(path):
    """The ids of the cases held in a sweep file."""
    with h5py.File(path, "r") as f:
        return list(f["cases"]) if "cases" in f else []


def open_sweep(path):
    """The sweep table (/sweep/table) as a DataFrame, one row per case, strings decoded.

    df.attrs["path"] holds the file's path, so that open_case(df.attrs["path"], row.case_id)
    reaches a case's full results."""
    with h5py.File(path, "r") as f:
        df = _frame(f["sweep"]["table"][()])
    df.attrs["path"] = str(path)
    return df
