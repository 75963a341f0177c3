#!/usr/bin/env python3
"""Write synthetic dcsim result files (a run file and a sweep file over several sites) in the HDF5
layout of DESIGN.md, for tests and for trying the plots and notebooks before the simulator has run.

    make_sample_results.py --run sample-run.h5 --sweep sample-sites.h5 [--interval-min 15]

The numbers are synthetic but follow the physics the simulator models (docs/python.md lists the
sources; REFERENCE.md holds the figures):
  weather   monthly mean dry/wet bulb and mean daily range of the site (ASHRAE 2009 typical-year
            design data), interpolated between mid-months, a sine diurnal cycle peaking at 15:00,
            plus a first-order autoregressive weather noise;
  IT        P = n (P_idle + (P_peak - P_idle) u) per rack group, a liquid share of its heat;
  plants    waterside economizer after Lei & Masanet 2020: free when T_out + approaches <= T_supply,
            partial with economizer fraction (T_return - (T_out + approaches)) / (T_return -
            T_supply), else mechanical; chiller COP as a Carnot fraction 0.55 T_evap / (T_cond -
            T_evap); heat-rejection fans 0.015-0.02 kW per kW rejected; pumps 6.5 W per kW on water,
            CRAH fans 46 W per kW of air heat; tower water = evaporation (heat / 2.43 MJ/kg) times
            cycles / (cycles - 1) with 4 cycles;
  power     UPS loss P_rated (a0 + a1 x + a2 x^2), transformer 0.2 % no-load plus 0.8 % x^2 of its
            rating, PDU 1 % of IT, lighting 0.5 % of the IT rating; facility = IT + cooling + losses
            + lighting exactly, at every interval, every month and over the year;
  carbon    emissions = facility energy x intensity of the supply (geothermal 20 gCO2e/kWh at the
            Icelandic site while available, else the grid's); baseline PUE 1.57 on a 369 gCO2e/kWh
            grid (Uptime 2021, US 2023), avoided = baseline - emissions.
Time series rows are means over [time_s, time_s + interval) (temperatures: values at time_s).
"""
import argparse
import calendar
import datetime as dt
import os
import sys

import h5py
import numpy as np

VERSION = "0.0.0-sample"

# Monthly mean dry bulb, mean daily range, mean wet bulb (degC, K, degC), Jan..Dec, and the grid's
# average intensity (gCO2e/kWh) - REFERENCE.md sections 5 and 6.
SITES = {
    "reykjavik": dict(db=[0.3, -0.8, 0.1, 2.6, 6.6, 9.1, 10.8, 10.7, 7.6, 4.8, 1.7, 0.6],
                      rng=[5.4, 4.4, 4.6, 4.5, 4.8, 4.8, 4.6, 4.9, 5.0, 4.7, 3.8, 4.6],
                      wb=[-0.9, -2.1, -1.5, 0.3, 4.9, 7.0, 9.2, 9.2, 5.8, 3.1, 0.6, -0.6],
                      grid=28.0, geothermal=True),
    "dublin": dict(db=[5.8, 4.8, 6.8, 8.5, 10.5, 13.5, 15.6, 14.6, 13.2, 10.5, 7.2, 6.2],
                   rng=[4.6, 4.0, 6.0, 6.6, 7.0, 7.0, 6.9, 6.8, 5.9, 6.0, 4.9, 5.2],
                   wb=[4.8, 3.3, 5.4, 6.7, 8.2, 11.4, 13.4, 12.8, 11.4, 8.7, 6.0, 5.3],
                   grid=291.0, geothermal=False),
    "frankfurt": dict(db=[2.4, 1.7, 5.5, 9.2, 14.7, 16.4, 19.5, 18.6, 15.0, 10.7, 4.8, 1.7],
                      rng=[4.1, 5.8, 8.8, 9.5, 10.4, 9.0, 10.4, 10.6, 10.1, 8.9, 5.6, 4.1],
                      wb=[1.3, 0.3, 3.3, 6.4, 11.3, 13.1, 15.3, 14.7, 11.9, 9.1, 3.9, 0.8],
                      grid=381.0, geothermal=False),
    "ashburn": dict(db=[0.6, 1.6, 7.7, 12.5, 18.2, 22.5, 24.5, 23.0, 20.1, 11.9, 7.8, 1.0],
                    rng=[9.5, 11.1, 12.7, 12.8, 13.5, 13.2, 11.3, 10.1, 11.1, 13.9, 12.9, 9.9],
                    wb=[-1.8, -0.4, 4.1, 8.4, 14.5, 18.4, 20.9, 19.5, 17.1, 8.5, 5.4, -1.0],
                    grid=270.0, geothermal=False),
    "phoenix": dict(db=[13.0, 15.7, 17.3, 23.7, 27.3, 34.0, 35.6, 33.8, 30.4, 24.8, 18.0, 11.7],
                    rng=[11.5, 11.6, 12.4, 13.2, 13.6, 14.0, 12.0, 11.3, 12.0, 12.5, 12.0, 11.2],
                    # no wet bulb in the table: from the mean dew point by the one-third rule
                    # WB ~ DB - (DB - DP) / 3 (meteorologists' rule of thumb)
                    wb=None, dp=[-2.2, 4.1, 2.5, -1.6, 2.3, 5.9, 13.6, 13.5, 8.9, 6.4, 1.9, 0.5],
                    grid=369.0, geothermal=False),
    "singapore": dict(db=[26.7, 27.2, 27.6, 28.1, 28.2, 28.5, 27.8, 27.8, 27.2, 27.5, 26.7, 26.3],
                      rng=[5.3, 6.0, 6.5, 6.6, 5.2, 5.6, 5.7, 5.7, 5.9, 5.4, 5.3, 5.2],
                      wb=[24.3, 24.8, 25.3, 25.6, 25.8, 25.7, 25.3, 25.1, 24.8, 25.3, 25.1, 24.4],
                      grid=471.0, geothermal=False),
}

KJ_PER_KWH = 3600.0
LATENT_J_PER_KG = 2.43e6
BASELINE_PUE, BASELINE_G_PER_KWH = 1.57, 369.0
GEO_G_PER_KWH = 20.0
AIR_CLASS, LIQUID_CLASS = "A1", "W32"

# Rack groups: name, racks, idle kW, peak kW, liquid share of heat.
GROUPS = [("gpu-hall", 200, 5.0, 16.0, 0.85), ("cpu-storage", 60, 2.0, 6.0, 0.0)]
GPU_DAILY_U = [0.62, 0.60, 0.58, 0.57, 0.57, 0.58, 0.62, 0.68, 0.74, 0.78, 0.80, 0.81,
               0.81, 0.80, 0.80, 0.79, 0.78, 0.77, 0.76, 0.74, 0.72, 0.70, 0.67, 0.64]
# Plants: name, heat sink ("db" dry cooler, "wb" cooling tower), approaches to the sink (K,
# heat exchanger included), supply and return (degC), heat-rejection fan kW per kW rejected.
PLANTS = {"liquid": dict(sink="db", approach_k=12.0, supply_c=30.0, return_c=40.0, fan=0.02),
          "air": dict(sink="wb", approach_k=6.34 + 2.29, supply_c=18.0, return_c=25.0, fan=0.015)}
SUPPLY_AIR_C = 24.0
UPS_RATED_KW, TRANSFORMER_RATED_KW = 4000.0, 4500.0


def _interp_monthly(values, day_of_year):
    """Monthly means placed at mid-month, interpolated periodically over the year."""
    mid = np.array([(sum(calendar.mdays[1:m + 1]) + calendar.mdays[m + 1] / 2.0) for m in range(12)])
    return np.interp(day_of_year, np.concatenate([mid - 365, mid, mid + 365]), np.tile(values, 3))


def _ar1(rng, n, steps_per_hour, sigma, hours):
    """Stationary first-order autoregressive noise, standard deviation sigma, correlation time."""
    phi = np.exp(-1.0 / (hours * steps_per_hour))
    out = np.empty(n)
    out[0] = rng.normal(0.0, sigma)
    shocks = rng.normal(0.0, sigma * np.sqrt(1.0 - phi * phi), n)
    for k in range(1, n):
        out[k] = phi * out[k - 1] + shocks[k]
    return out


def _plant(plant, sink_c, heat_kw):
    """Mode (0 free, 1 partial, 2 mechanical) and electric powers of a waterside-economizer plant."""
    t_reach = sink_c + plant["approach_k"]
    sup, ret = plant["supply_c"], plant["return_c"]
    mode = np.where(t_reach <= sup, 0, np.where(t_reach < ret, 1, 2))
    mech_share = np.clip(1.0 - (ret - t_reach) / (ret - sup), 0.0, 1.0)
    q_mech = mech_share * heat_kw
    t_evap_k = sup - 2.0 + 273.15
    t_cond_k = sink_c + plant["approach_k"] + 5.0 + 2.0 + 273.15
    cop = np.clip(0.55 * t_evap_k / np.maximum(t_cond_k - t_evap_k, 1.0), 2.0, 12.0)
    compressors = q_mech / cop
    rejected = heat_kw + compressors
    # Dry-cooler and tower fans slow down with a cold sink (affinity law, 40 % minimum speed).
    speed = np.clip((sink_c + 25.0) / (sup + 25.0), 0.4, 1.0)
    fans = plant["fan"] * rejected * speed ** 3
    pumps = 0.0065 * heat_kw
    return mode, compressors, fans, pumps, rejected


def simulate(site, seed, interval_min, year=2025):
    """One synthetic year at `site`: dict of time series (kW, degC ...), events and metadata."""
    s = SITES[site]
    rng = np.random.default_rng(seed)
    dt_h = interval_min / 60.0
    n = int(round(365 * 24 / dt_h))
    time_s = np.arange(n) * interval_min * 60.0
    hour = time_s / 3600.0
    doy = hour / 24.0
    hod = hour % 24.0

    diurnal = np.cos(2 * np.pi * (hod - 15.0) / 24.0)
    db = (_interp_monthly(s["db"], doy) + 0.5 * _interp_monthly(s["rng"], doy) * diurnal
          + _ar1(rng, n, 1 / dt_h, 2.0, 36.0))
    if s["wb"] is not None:
        wb_mean = np.array(s["wb"], dtype=float)
    else:
        wb_mean = np.array(s["db"]) - (np.array(s["db"]) - np.array(s["dp"])) / 3.0
    depression = np.maximum(np.array(s["db"]) - wb_mean, 0.0)
    # Wet-bulb depression grows in the afternoon (lower RH): scale it with the diurnal cycle.
    wb = db - _interp_monthly(depression, doy) * (1.0 + 0.35 * diurnal)
    wb = np.minimum(wb, db)

    ts = {"dry_bulb_c": db, "wet_bulb_c": wb}
    it_kw = np.zeros(n)
    liquid_kw = np.zeros(n)
    group_rows = {}
    for name, count, idle, peak, share in GROUPS:
        if name == "gpu-hall":
            u = np.array(GPU_DAILY_U)[hod.astype(int)] + 0.02 * _ar1(rng, n, 1 / dt_h, 1.0, 6.0)
        else:
            u = 0.5 + 0.03 * _ar1(rng, n, 1 / dt_h, 1.0, 12.0)
        u = np.clip(u, 0.0, 1.0)
        p = count * (idle + (peak - idle) * u)
        it_kw += p
        liquid_kw += share * p
        group_rows[name] = (u, p, share, count * peak)

    transformer_kw = TRANSFORMER_RATED_KW * (0.002 + 0.008 * (it_kw / TRANSFORMER_RATED_KW) ** 2)
    x = it_kw / UPS_RATED_KW
    ups_kw = UPS_RATED_KW * (0.01 + 0.015 * x + 0.015 * x * x)
    pdu_kw = 0.01 * it_kw
    lighting_kw = np.full(n, 0.005 * sum(c * pk for _, c, _, pk, _ in GROUPS))
    air_heat_kw = it_kw - liquid_kw + ups_kw + pdu_kw + lighting_kw
    air_fans_kw = 0.046 * air_heat_kw
    air_heat_kw = air_heat_kw + air_fans_kw

    # District heating takes liquid-loop heat, up to 2 MW, in proportion to the heating demand.
    reuse_kw = np.minimum(liquid_kw, 2000.0 * np.clip((15.0 - db) / 20.0, 0.0, 1.0))
    cdu_pumps_kw = 0.004 * liquid_kw

    modes, comp_kw, hr_fans_kw, pumps_kw = {}, np.zeros(n), np.zeros(n), cdu_pumps_kw.copy()
    water_l_per_h = np.zeros(n)
    loads = {"liquid": liquid_kw - reuse_kw, "air": air_heat_kw}
    supply = {}
    # A chiller failure on the air plant, day 196 14:00 for 5 h: the economizer alone carries it.
    fail = (hour >= 196 * 24 + 14) & (hour < 196 * 24 + 19)
    for pname, plant in PLANTS.items():
        sink = db if plant["sink"] == "db" else wb
        mode, comp, fans, pumps, rejected = _plant(plant, sink, loads[pname])
        if pname == "air":
            comp = np.where(fail, 0.0, comp)
        modes[pname] = mode
        comp_kw += comp
        hr_fans_kw += fans
        pumps_kw += pumps
        if plant["sink"] == "wb":
            evaporation_kg_h = rejected * 1000.0 * 3600.0 / LATENT_J_PER_KG
            water_l_per_h += evaporation_kg_h * 4.0 / 3.0
        supply[pname] = plant["supply_c"] + 0.2 * _ar1(rng, n, 1 / dt_h, 1.0, 2.0)

    # Air side: cold aisle = supply air + 1.5 K recirculation; with the chiller out, the shortfall
    # of cooling warms the room towards supply + 10 K x (share not cooled), time constant 30 min.
    mech_share_air = np.clip(1.0 - (PLANTS["air"]["return_c"] - (wb + PLANTS["air"]["approach_k"]))
                             / (PLANTS["air"]["return_c"] - PLANTS["air"]["supply_c"]), 0.0, 1.0)
    target = SUPPLY_AIR_C + 1.5 + np.where(fail, 10.0 * mech_share_air, 0.0)
    inlet = np.empty(n)
    inlet[0] = target[0]
    a = np.exp(-dt_h / 0.5)
    for k in range(1, n):
        inlet[k] = a * inlet[k - 1] + (1 - a) * target[k]
    inlet += 0.15 * _ar1(rng, n, 1 / dt_h, 1.0, 1.0)
    supply_air = SUPPLY_AIR_C + np.where(fail, inlet - SUPPLY_AIR_C - 1.5, 0.0)
    design_air_kw = (1 - 0.85) * 200 * 16 + 60 * 6
    hot = inlet + 12.0 * (air_heat_kw / design_air_kw)
    coolant_supply = supply["liquid"] + 3.0
    design_liquid_kw = 0.85 * 200 * 16.0
    coolant_return = coolant_supply + 10.0 * liquid_kw / design_liquid_kw

    cooling_kw = air_fans_kw + pumps_kw + comp_kw + hr_fans_kw
    losses_kw = transformer_kw + ups_kw + pdu_kw
    facility_kw = it_kw + cooling_kw + losses_kw + lighting_kw

    grid = s["grid"] * (1.0 + 0.12 * np.sin(2 * np.pi * (hod - 12.0) / 24.0)
                        + 0.08 * np.cos(2 * np.pi * doy / 365.0))
    geo = np.zeros(n)
    if s["geothermal"]:
        geo[:] = 1.0
        geo[(doy >= 120) & (doy < 123.5)] = 0.0  # a planned maintenance outage of 3.5 days
    intensity = np.where(geo > 0, GEO_G_PER_KWH, grid)
    emissions_kg_h = facility_kw * intensity / 1000.0

    ts.update({
        "it_power_kw": it_kw, "facility_power_kw": facility_kw, "cooling_power_kw": cooling_kw,
        "pue": facility_kw / it_kw, "it_inlet_c": inlet, "hot_aisle_c": hot,
        "supply_air_c": supply_air, "coolant_return_c": coolant_return,
        "coolant_supply_c": coolant_supply, "water_l_per_h": water_l_per_h,
        "heat_reused_kw": reuse_kw, "grid_intensity_g_per_kwh": grid,
        "geothermal_available": geo, "emissions_kg_per_h": emissions_kg_h,
    })
    for name, (u, p, share, peak_kw) in group_rows.items():
        ts[f"{name}.utilization"] = u
        ts[f"{name}.power_kw"] = p
        if share > 0:
            ts[f"{name}.equipment_c"] = coolant_supply + 15.0 * share * p / (share * peak_kw)
        else:
            ts[f"{name}.equipment_c"] = inlet + 20.0 * p / peak_kw
    for pname in PLANTS:
        ts[f"plant.{pname}.mode"] = modes[pname].astype(float)
        ts[f"plant.{pname}.supply_c"] = supply[pname]

    parts = {"it": it_kw, "air_fans": air_fans_kw, "pumps": pumps_kw, "compressors": comp_kw,
             "heat_rejection_fans": hr_fans_kw, "heat_pump": np.zeros(n),
             "transformer_loss": transformer_kw, "ups_loss": ups_kw, "pdu_loss": pdu_kw,
             "lighting": lighting_kw}
    events = [(196 * 86400.0 + 14 * 3600.0, "failure", "plant.air.chiller", "compressor trip"),
              (196 * 86400.0 + 19 * 3600.0, "repair", "plant.air.chiller", "back in service")]
    above = np.flatnonzero(np.diff((inlet > 27.0).astype(int)) == 1)
    events += [(time_s[k + 1], "threshold", "it_inlet", f"above 27 degC (class {AIR_CLASS} recommended)")
               for k in above]
    if s["geothermal"]:
        events += [(120 * 86400.0, "supply_outage", "supply.geothermal", "planned maintenance"),
                   (123.5 * 86400.0, "supply_restored", "supply.geothermal", "")]
    events.sort()
    return dict(site=site, seed=seed, year=year, dt_h=dt_h, time_s=time_s, ts=ts, parts=parts,
                water_l_per_h=water_l_per_h, reuse_kw=reuse_kw, emissions_kg_h=emissions_kg_h,
                geo=geo, modes=modes, inlet=inlet, liquid_supply=supply["liquid"], events=events)


def _metrics(sim, rows):
    """Summary metrics over the rows selected by the boolean mask `rows` (name -> (value, units))."""
    h = sim["dt_h"]
    e = {k: float(v[rows].sum() * h) for k, v in sim["parts"].items()}
    it = e["it"]
    cooling = e["air_fans"] + e["pumps"] + e["compressors"] + e["heat_rejection_fans"] + e["heat_pump"]
    losses = e["transformer_loss"] + e["ups_loss"] + e["pdu_loss"]
    facility = it + cooling + losses + e["lighting"]
    water_m3 = float(sim["water_l_per_h"][rows].sum() * h) / 1000.0
    reused = float(sim["reuse_kw"][rows].sum() * h)
    emissions_t = float(sim["emissions_kg_h"][rows].sum() * h) / 1000.0
    baseline_t = it * BASELINE_PUE * BASELINE_G_PER_KWH / 1e6
    geo_kwh = float((sim["ts"]["facility_power_kw"] * sim["geo"])[rows].sum() * h)
    modes = np.stack([m[rows] for m in sim["modes"].values()])
    inlet = sim["inlet"][rows]
    m = {
        "pue": (facility / it, "1"), "ppue_cooling": ((it + cooling) / it, "1"),
        "ppue_electrical": ((it + losses) / it, "1"),
        "it_energy_kwh": (it, "kWh"), "facility_energy_kwh": (facility, "kWh"),
        "cooling_energy_kwh": (cooling, "kWh"), "power_loss_energy_kwh": (losses, "kWh"),
    }
    for k, v in e.items():
        m[f"{k}_energy_kwh"] = (v, "kWh")
    m.update({
        "heat_reused_kwh": (reused, "kWh"), "erf": (reused / facility, "1"),
        "ere": ((facility - reused) / it, "1"), "water_m3": (water_m3, "m3"),
        "wue_l_per_kwh": (water_m3 * 1000.0 / it, "L/kWh"),
        "cue_kg_per_kwh": (emissions_t * 1000.0 / it, "kgCO2e/kWh"),
        "mlc": (cooling / it, "1"), "elc": (losses / it, "1"),
        "emissions_t": (emissions_t, "tCO2e"), "baseline_emissions_t": (baseline_t, "tCO2e"),
        "avoided_emissions_t": (baseline_t - emissions_t, "tCO2e"),
        "grid_energy_kwh": (facility - geo_kwh, "kWh"), "geothermal_energy_kwh": (geo_kwh, "kWh"),
        "geothermal_share": (geo_kwh / facility, "1"),
        "free_cooling_hours": (float((modes.max(axis=0) == 0).sum() * h), "h"),
        "partial_free_cooling_hours": (float(((modes.max(axis=0) == 1)).sum() * h), "h"),
        "mechanical_cooling_hours": (float((modes.max(axis=0) == 2).sum() * h), "h"),
        "hours_outside_recommended": (float(((inlet < 18) | (inlet > 27)).sum() * h), "h"),
        "hours_outside_envelope": (float(((inlet < 15) | (inlet > 32)).sum() * h), "h"),
        "hours_liquid_above_class": (float((sim["liquid_supply"][rows] > 32.0).sum() * h), "h"),
    })
    return m


UNITS = {"dry_bulb_c": ("degC", "outdoor dry-bulb temperature at the sample time"),
         "wet_bulb_c": ("degC", "outdoor wet-bulb temperature at the sample time"),
         "it_power_kw": ("kW", "IT input power, mean over the recording interval"),
         "facility_power_kw": ("kW", "facility input power, mean over the recording interval"),
         "cooling_power_kw": ("kW", "fans, pumps, compressors, heat rejection, mean over the interval"),
         "pue": ("1", "facility / IT energy over the recording interval"),
         "it_inlet_c": ("degC", "IT inlet (cold aisle) air temperature"),
         "hot_aisle_c": ("degC", "hot aisle air temperature"),
         "supply_air_c": ("degC", "CRAH supply air temperature"),
         "coolant_return_c": ("degC", "technology cooling loop return temperature"),
         "coolant_supply_c": ("degC", "technology cooling loop supply temperature (CDU outlet)"),
         "water_l_per_h": ("L/h", "site water use, mean over the interval"),
         "heat_reused_kw": ("kW", "heat delivered to reuse, mean over the interval"),
         "grid_intensity_g_per_kwh": ("gCO2e/kWh", "grid carbon intensity at the sample time"),
         "geothermal_available": ("1", "1 when the geothermal plant is up"),
         "emissions_kg_per_h": ("kgCO2e/h", "operational emissions rate, mean over the interval")}


def _channel_units(name):
    if name in UNITS:
        return UNITS[name]
    group, _, what = name.rpartition(".")
    if what == "mode":
        return "1", f"economizer mode of {group}: 0 free, 1 partial, 2 mechanical"
    if what == "utilization":
        return "1", f"utilization of rack group {group}"
    if what == "power_kw":
        return "kW", f"IT power of rack group {group}"
    if what == "supply_c":
        return "degC", f"water supply temperature of {group}"
    return "degC", f"lumped equipment temperature of rack group {group}"


def write_run(group, sim, scenario_name):
    """Write one simulated run into an HDF5 group (a file's root or /cases/<id>)."""
    start = dt.date(sim["year"], 1, 1)
    group.attrs.update({"dcsim_version": VERSION, "git_describe": VERSION,
                        "created_utc": "2025-06-01T12:00:00Z", "scenario_name": scenario_name,
                        "site": sim["site"], "seed": np.uint64(sim["seed"]),
                        "period_start": start.isoformat()})
    group["scenario"] = (f"# synthetic sample written by make_sample_results.py\n"
                         f"name: {scenario_name}\nseed: {sim['seed']}\nsite:\n  builtin: {sim['site']}\n"
                         f"period:\n  start: {start.isoformat()}\n  length: 365 d\n"
                         f"  record_interval: {int(sim['dt_h'] * 60)} min\n"
                         f"it:\n  groups:\n" + "".join(
                             f"    - {{name: {g}, count: {c}, idle_power: {i} kW, peak_power: {p} kW, "
                             f"liquid_share: {int(s * 100)} %, air_class: {AIR_CLASS}, "
                             f"liquid_class: {LIQUID_CLASS}}}\n" for g, c, i, p, s in GROUPS))
    summary = group.create_group("summary")
    for name, (value, units) in _metrics(sim, np.ones(len(sim["time_s"]), bool)).items():
        summary.attrs[name] = float(value)
        summary.attrs[name + "_units"] = units
    summary.attrs["baseline_description"] = "PUE 1.57 (Uptime Institute 2021) on 369 gCO2e/kWh (US 2023)"

    monthly = group.create_group("monthly")
    day = sim["time_s"] / 86400.0
    edges = np.cumsum([0] + calendar.mdays[1:13])
    rows = [(day >= edges[m]) & (day < edges[m + 1]) for m in range(12)]
    per_month = [_metrics(sim, r) for r in rows]
    labels = np.array([f"{sim['year']}-{m + 1:02d}".encode() for m in range(12)], dtype="S7")
    d = monthly.create_dataset("month", data=labels)
    d.attrs.update({"units": "", "description": "month of the period (YYYY-MM)"})
    for name in per_month[0]:
        d = monthly.create_dataset(name, data=np.array([pm[name][0] for pm in per_month]))
        d.attrs.update({"units": per_month[0][name][1], "description": name.replace("_", " ")})

    tsg = group.create_group("timeseries")
    d = tsg.create_dataset("time_s", data=sim["time_s"])
    d.attrs.update({"units": "s", "description": "seconds since the period start"})
    for name, values in sim["ts"].items():
        d = tsg.create_dataset(name, data=np.asarray(values, dtype=float), compression="gzip",
                               compression_opts=4, shuffle=True)
        units, description = _channel_units(name)
        d.attrs.update({"units": units, "description": description})

    ev = np.array(sim["events"], dtype=[("time_s", "f8"), ("kind", "S16"), ("component", "S32"),
                                        ("detail", "S64")])
    group.create_dataset("events", data=ev)


def write_run_file(path, site="reykjavik", seed=42, interval_min=15):
    with h5py.File(path, "w") as f:
        write_run(f, simulate(site, seed, interval_min), f"sample-{site}")


def write_sweep_file(path, sites=tuple(SITES), seed=42, interval_min=60):
    metrics = ["pue", "wue_l_per_kwh", "cue_kg_per_kwh", "erf", "it_energy_kwh",
               "facility_energy_kwh", "water_m3", "emissions_t", "baseline_emissions_t",
               "avoided_emissions_t", "free_cooling_hours", "hours_outside_envelope"]
    rows = []
    with h5py.File(path, "w") as f:
        for k, site in enumerate(sites):
            case_id = f"c{k:04d}"
            g = f.create_group(f"cases/{case_id}")
            write_run(g, simulate(site, seed + k, interval_min), "sample-sites")
            rows.append((case_id, site) + tuple(float(g["summary"].attrs[m]) for m in metrics))
        dtype = [("case_id", "S8"), ("site.builtin", "S16")] + [(m, "f8") for m in metrics]
        f.create_dataset("sweep/table", data=np.array(rows, dtype=dtype))
        f["sweep"].attrs["sweep_name"] = "sample-sites"


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--run", help="write a run file (Reykjavik, 15-min records by default)")
    p.add_argument("--sweep", help="write a sweep file, one case per site (hourly records)")
    p.add_argument("--site", default="reykjavik", choices=sorted(SITES), help="site of the run file")
    p.add_argument("--interval-min", type=int, default=None,
                   help="recording interval in minutes (default 15 for --run, 60 for --sweep)")
    p.add_argument("--seed", type=int, default=42)
    a = p.parse_args(argv)
    if not a.run and not a.sweep:
        p.error("nothing to do: give --run and/or --sweep")
    if a.interval_min is not None and (a.interval_min <= 0 or 60 % a.interval_min):
        p.error(f"--interval-min must divide 60 (got {a.interval_min})")
    for path in (a.run, a.sweep):
        if path and os.path.dirname(os.path.abspath(path)) and not os.path.isdir(
                os.path.dirname(os.path.abspath(path))):
            p.error(f"no such directory for {path}")
    if a.run:
        write_run_file(a.run, a.site, a.seed, a.interval_min or 15)
        print(f"wrote {a.run}")
    if a.sweep:
        write_sweep_file(a.sweep, seed=a.seed, interval_min=a.interval_min or 60)
        print(f"wrote {a.sweep}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
