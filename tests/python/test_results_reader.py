"""Reader module (scripts/dcsim_results.py) on files written by the real C++ writer.

The files come from hidden Catch2 tests of the output layer, found next to the dcsim program
(env DCSIM): `tests/test_output "[.write_sample_run]"` and `"[.write_sample_sweep]"`, writing to
$DCSIM_SAMPLE_OUT. The expected values are hand calculations on the sample run described in
tests/output/test_run_file.cpp: a 1.0 MW IT load stepping to 1.5 MW on 2025-07-01, sampled hourly
over 2025. Plain script: prints one line per check and exits non-zero if any fails.
"""
import math
import os
import subprocess
import sys
import tempfile
import traceback

try:
    import h5py
except ImportError:
    print("skipped: h5py is not installed")
    sys.exit(0)
import numpy as np
import pandas as pd

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "scripts"))
import dcsim_results as dr  # noqa: E402


def outdoor_temp_c(time_s):
    day = time_s / 86400.0
    hour = np.floor(time_s / 3600.0) % 24
    return 12 - 10 * np.cos(2 * np.pi * (day - 20) / 365) + 4 * np.sin(2 * np.pi * (hour - 9) / 24)


def write_sample(tag, out):
    dcsim = os.environ.get("DCSIM")
    if not dcsim:
        raise RuntimeError("env DCSIM (path of the dcsim program) is not set")
    binary = os.path.join(os.path.dirname(dcsim), "tests", "test_output")
    if not os.access(binary, os.X_OK):
        raise RuntimeError(f"{binary} not found: build the test_output target")
    env = dict(os.environ, DCSIM_SAMPLE_OUT=out)
    proc = subprocess.run([binary, tag], env=env, capture_output=True, text=True, timeout=300)
    if proc.returncode != 0 or not os.path.exists(out):
        raise RuntimeError(f"{binary} {tag} failed ({proc.returncode}):\n{proc.stdout}\n{proc.stderr}")


def check_h5py_view(path):
    with h5py.File(path, "r") as f:
        for attr in ("dcsim_version", "created_utc", "scenario_name", "site", "seed", "git_describe"):
            assert attr in f.attrs, f"root attribute {attr} missing"
        assert {"scenario", "summary", "monthly", "timeseries", "events"} <= set(f), sorted(f)
        for group in ("timeseries", "monthly"):
            for name, ds in f[group].items():
                assert "units" in ds.attrs, f"/{group}/{name} has no units"
                assert "description" in ds.attrs and ds.attrs["description"], f"/{group}/{name} has no description"
        n = f["timeseries/time_s"].shape[0]
        assert all(ds.shape == (n,) for ds in f["timeseries"].values())
        assert f["timeseries/it_power_w"].attrs["units"] == "W"
        events = pd.DataFrame(f["events"][()])  # the one-liner of DESIGN.md works as is
        assert list(events.columns) == ["time_s", "kind", "component", "detail"]
        assert f["summary"].attrs["it_energy_kwh_units"] == "kWh"


def check_run(path):
    run = dr.open_run(path)
    ts = run.timeseries
    assert ts.shape == (8760, 6), ts.shape
    assert ts.index.name == "time_s"
    assert np.all(np.diff(ts.index.values) == 3600.0)
    assert list(ts.columns)[:2] == ["outdoor_drybulb_c", "it_power_w"], list(ts.columns)
    np.testing.assert_allclose(ts["outdoor_drybulb_c"].values, outdoor_temp_c(ts.index.values), rtol=0, atol=1e-12)
    # Energy balance at every sample: facility = IT + cooling + losses.
    np.testing.assert_allclose(ts["facility_power_w"], ts["it_power_w"] + ts["cooling_power_w"] + ts["power_loss_w"],
                               rtol=1e-14)
    assert ts.loc[181 * 86400.0 - 3600, "it_power_w"] == 1.0e6 and ts.loc[181 * 86400.0, "it_power_w"] == 1.5e6
    assert set(ts["economizer_mode"].unique()) == {0.0, 1.0, 2.0}
    assert run.units["outdoor_drybulb_c"] == "degC" and run.units["time_s"] == "s"

    m = run.monthly
    assert list(m.index.astype(str)) == [f"2025-{k:02d}" for k in range(1, 13)]
    assert math.isclose(m.loc["2025-01", "it_energy_kwh"], 31 * 24 * 1000.0, rel_tol=1e-12)
    assert math.isclose(m.loc["2025-02", "it_energy_kwh"], 28 * 24 * 1000.0, rel_tol=1e-12)
    assert math.isclose(m.loc["2025-07", "it_energy_kwh"], 31 * 24 * 1500.0, rel_tol=1e-12)
    assert run.monthly_units["pue"] == "1"

    s = run.summary
    assert math.isclose(s["it_energy_kwh"], 181 * 24 * 1000.0 + 184 * 24 * 1500.0, rel_tol=1e-12)
    assert math.isclose(s["facility_energy_kwh"], m["facility_energy_kwh"].sum(), rel_tol=1e-12)
    assert math.isclose(s["pue"], s["facility_energy_kwh"] / s["it_energy_kwh"], rel_tol=1e-12)
    # Hourly samples hold for their hour: the yearly facility energy is the sum of hourly powers.
    assert math.isclose(s["facility_energy_kwh"], ts["facility_power_w"].sum() / 1000.0, rel_tol=1e-12)
    assert run.summary_units["it_energy_kwh"] == "kWh"
    assert "it_energy_kwh_units" not in s.index
    assert run.summary_text["baseline_description"].startswith("same facility")

    e = run.events
    assert list(e["kind"]) == ["failure", "repair", "load_step"], list(e["kind"])
    assert e.loc[2, "component"] == "rack_group.gpu" and e.loc[2, "time_s"] == 181 * 86400.0
    assert e.loc[0, "time_s"] == (31 + 28 + 9) * 86400 + 14 * 3600

    assert run.attrs["seed"] == 12345678901234567890 and run.attrs["site"] == "phoenix"
    assert run.scenario.startswith("name: sample_hourly_2025\n")
    t = run.datetime_index()
    assert t[0] == pd.Timestamp("2025-01-01 00:00") and t[-1] == pd.Timestamp("2025-12-31 23:00")

    only = dr.open_run(path, channels=["it_power_w"])
    assert list(only.timeseries.columns) == ["it_power_w"]


def check_sweep(path):
    table = dr.open_sweep(path)
    assert list(table["case_id"]) == ["c0000", "c0001", "c0002"], list(table["case_id"])
    assert table["seed"].dtype == np.int64
    assert dr.case_ids(path) == ["c0000", "c0001", "c0002"]
    for row in table.itertuples():
        case = dr.open_case(table.attrs["path"], row.case_id)
        # IT energy scales with the IT load: 10,968,000 kWh x scale.
        assert math.isclose(case.summary["it_energy_kwh"], 10_968_000.0 * row.it_scale, rel_tol=1e-12)
        assert math.isclose(case.summary["pue"], row.pue, rel_tol=0, abs_tol=0)
        assert case.timeseries.shape == (8760, 6)
    # A fixed 20 kW of lighting weighs less on a bigger load: PUE falls as the load grows.
    assert table["pue"].is_monotonic_decreasing


def main():
    passed = failed = 0
    with tempfile.TemporaryDirectory(prefix="dcsim_reader_") as tmp:
        run_path = os.path.join(tmp, "run.h5")
        sweep_path = os.path.join(tmp, "sweep.h5")
        checks = [
            ("write sample run (C++)", lambda: write_sample("[.write_sample_run]", run_path)),
            ("h5py view: attributes, units and descriptions", lambda: check_h5py_view(run_path)),
            ("open_run: time series, monthly, summary, events", lambda: check_run(run_path)),
            ("write sample sweep (C++)", lambda: write_sample("[.write_sample_sweep]", sweep_path)),
            ("open_sweep and open_case", lambda: check_sweep(sweep_path)),
        ]
        for name, check in checks:
            try:
                check()
                passed += 1
                print(f"ok: {name}")
            except Exception:  # report every failing check, then fail the script
                failed += 1
                print(f"FAILED: {name}")
                traceback.print_exc(file=sys.stdout)
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
