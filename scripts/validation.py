#!/usr/bin/python3
"""dcsim against published figures; writes docs/validation.md from real runs.

    validation.py            # run the cases and rewrite docs/validation.md
    validation.py --check    # regenerate in memory; exit 1 if docs/validation.md differs (stale)

Cases: each LBNL 2024 architecture scenario (scenarios/lbnl-*.yaml) at each built-in US site (the
cases of scenarios/lbnl-us-sites.sweep.yaml, run here with `dcsim run --set site.builtin=...`), and
the ESIF-like scenario against NREL's published PUE and ERE. The dcsim program is $DCSIM, else
build/dcsim."""
import os
import statistics
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import update_goldens as ug  # noqa: E402

DOC = os.path.join(ug.SOURCE, "docs", "validation.md")
US_SITES = ["ashburn", "phoenix", "des_moines"]
NEAR = 0.05  # a median within this of LBNL's counts as "near" (the spread across US climates is larger)

# LBNL 2024 (Shehabi et al., LBNL-2001637, Fig. 4.4): simulated median PUE across US climates,
# as a (low, high) range where the report gives one. REFERENCE.md section 1 carries medians only;
# the inter-quartile ranges are in the report's figure and not reproduced here.
ARCHITECTURES = [
    ("lbnl-small-air-cooled-chiller", "small, air-cooled chiller", (1.98, 1.98)),
    ("lbnl-midsize-water-cooled-chiller", "midsize, water-cooled chiller", (1.52, 1.52)),
    ("lbnl-midsize-waterside-economizer", "midsize, waterside economizer", (1.38, 1.38)),
    ("lbnl-large-waterside-economizer", "large, waterside economizer", (1.12, 1.12)),
    ("lbnl-large-airside-economizer-adiabatic", "large, airside economizer + adiabatic", (1.14, 1.17)),
    ("lbnl-large-liquid-waterside-economizer", "large, liquid cooling + waterside economizer", (1.13, 1.13)),
    ("lbnl-large-liquid-dry-cooler", "large, liquid cooling + dry cooler", (1.09, 1.09)),
]
# Lei & Masanet (2022), Resources, Conservation & Recycling 182:106323, Monte Carlo 5th-95th percentile
# annual PUE and WUE (L/kWh, site) of large data centres by ASHRAE climate zone (REFERENCE.md sec. 8):
# (PUE low, PUE high, WUE low, WUE high) for the built-in sites' zones.
LEI_ZONES = {"ashburn": "4A", "phoenix": "2B", "des_moines": "5A"}
LEI_BANDS = {
    "lbnl-large-airside-economizer-adiabatic": {"4A": (1.109, 1.223, 0.27, 0.83), "2B": (1.125, 1.253, 0.47, 1.12),
                                                "5A": (1.100, 1.213, 0.20, 0.71)},
    "lbnl-large-waterside-economizer": {"4A": (1.084, 1.202, 1.74, 2.61), "2B": (1.084, 1.201, 1.75, 2.62),
                                        "5A": (1.083, 1.196, 1.74, 2.61)},
}
LEI_LABELS = {"lbnl-large-airside-economizer-adiabatic": "airside economizer + adiabatic",
              "lbnl-large-waterside-economizer": "water-cooled chiller + waterside economizer"}
ESIF = "esif-hpc-heat-reuse"
# EnergyPlus 8.8's example 1ZoneDataCenterCRAC_wPumpedDXCoolingCoil on Dulles TMY3 (REFERENCE.md sec. 8):
# annual PUE and end uses as shares of IT energy; targets: PUE within 0.02, each share within 0.02.
EPLUS = "eplus-1zone-crac"
EPLUS_PUE = 1.301
EPLUS_IT_MWH = 570.52
EPLUS_SHARES = [("UPS loss", "ups_loss_energy_kwh", 0.100), ("compressors (DX coil)", "compressors_energy_kwh", 0.110),
                ("CRAC fans", "air_fans_energy_kwh", 0.091)]
EPLUS_TOL = 0.02
ESIF_PUE = (1.034, 1.036)
ESIF_ERE = 0.929

# Why a case sits where it does, and what a model change would take (written from the runs'
# breakdowns: see the overhead table of the generated page).
NOTES = {
    "lbnl-small-air-cooled-chiller": (
        "Below LBNL's 1.98 with every setting pessimistic (constant-speed fans at 1000 Pa and 55 %, no "
        "containment, 2N UPS at under a fifth of its rating, a chiller at the 1999 code minimum). The "
        "chillers follow a published standard scroll record (EnergyPlus AirCooledChiller.idf, McQuay "
        "AGZ055D, scaled to COP 2.8: 3.75 at 23.9 degC air, the fit's edge, rising along the "
        "Gordon-Ng extension to 4.9 where head-pressure control holds condensing at 25 degC, and 2.1 at "
        "45 degC) and the UPS a legacy loss curve (about 86 % at this "
        "load, inside LBNL's 80-94 %). The gap left is mostly what dcsim does not model: the latent "
        "load of the 7 degC coils and the humidifiers and reheat of legacy CRAC/CRAH units. Suggested "
        "model change: a humidity-control load for CRAH units."),
    "lbnl-midsize-water-cooled-chiller": (
        "Near LBNL's median. Site-insensitive by design: the condenser water is held at 29.4 degC, "
        "which the towers reach in every US climate here, and there is no economizer."),
    "lbnl-midsize-waterside-economizer": (
        "Near LBNL's median; the spread follows the wet bulb: Phoenix's warm nights give the fewest "
        "free-cooling hours, Des Moines's winters the most."),
    "lbnl-large-waterside-economizer": (
        "A little above LBNL's median. The overheads left are pumping (the condenser water pumps, at "
        "the Lei & Masanet 212 kPa and 72 %, follow the heat down to half of design flow, the "
        "economizer exchanger's approach falling with the flow) and the chillers' share in partial "
        "free cooling."),
    "lbnl-large-airside-economizer-adiabatic": (
        "Just below LBNL's range in Ashburn and Des Moines, inside it in Phoenix. The scenario trims "
        "with chillers on adiabatic dry coolers and leaves the direct economizer's evaporative stage "
        "off; outside air is locked out above a 17 degC dew point (Ashburn's humid summers), which is "
        "where the trim plant works, and humidified below -12 degC (Des Moines's winters)."),
    "lbnl-large-liquid-waterside-economizer": "Matches LBNL's median.",
    "lbnl-large-liquid-dry-cooler": (
        "Near LBNL's median. The air-cooled trim chillers run on water far warmer than their record's "
        "fit (10 degC leaving water at most); past it the Gordon-Ng extension credits the smaller lift "
        "(full-load COP 3.1 at 10 degC and 4.5 at 25 degC leaving water, 35 degC air, against a Carnot "
        "COP of 12), which keeps it conservative. The W40 facility water runs above 40 degC for {liquid_hours} "
        "(hours_liquid_above_class). Without adiabatic pads the dry coolers could not hold 37 degC "
        "facility water on the hottest Ashburn hours and the design would miss its load; the scenario "
        "fits pads (above 28 degC dry bulb, 85 % effectiveness) and 15 MW of dry coolers."),
}


def run_all():
    jobs = [((name, site), os.path.join(ug.SCENARIOS, name + ".yaml"), (f"site.builtin={site}",))
            for name, _, _ in ARCHITECTURES for site in US_SITES]
    jobs.append(((ESIF, "own"), os.path.join(ug.SCENARIOS, ESIF + ".yaml"), ()))
    jobs.append(((EPLUS, "own"), os.path.join(ug.SCENARIOS, "validation", EPLUS + ".yaml"), ()))
    return ug.run_many(jobs)


def status(median, lo, hi):
    if lo <= median <= hi:
        return "inside"
    off = median - (hi if median > hi else lo)
    return f"near ({off:+.3f})" if abs(off) <= NEAR else f"outside ({off:+.2f})"


def published(lo, hi):
    return f"{lo:.2f}" if lo == hi else f"{lo:.2f}-{hi:.2f}"


def render(r):
    out = []
    w = out.append
    w("# Validation against published figures")
    w("")
    w("Generated by `scripts/validation.py` from real runs of the current code; do not edit by hand")
    w("(`scripts/validation.py --check` fails when this page is stale; tests/python/test_docs_current.py")
    w("runs it). One simulated year (2025) per case.")
    w("")
    w("## LBNL 2024 architectures across US climates")
    w("")
    w("Published: simulated median PUE by architecture across US climates, LBNL 2024 United States Data")
    w("Center Energy Usage Report (Shehabi et al., LBNL-2001637, Fig. 4.4), as quoted in")
    w("../shared/REFERENCE.md section 1. That source gives medians only (a range for the airside case);")
    w("the report's inter-quartile ranges are not reproduced here, so \"near\" means a dcsim median within")
    w(f"{NEAR} of the published value. dcsim: one scenario per architecture (scenarios/lbnl-*.yaml, each")
    w("stating its assumptions) at the three built-in US sites, the cases of")
    w("scenarios/lbnl-us-sites.sweep.yaml; the median is that of the three sites.")
    w("")
    w("| architecture | LBNL median | Ashburn | Phoenix | Des Moines | dcsim median | verdict |")
    w("|---|---|---|---|---|---|---|")
    for name, label, (lo, hi) in ARCHITECTURES:
        pues = [r[(name, s)]["pue"] for s in US_SITES]
        med = statistics.median(pues)
        w(f"| {label} | {published(lo, hi)} | " + " | ".join(f"{p:.3f}" for p in pues) +
          f" | {med:.3f} | {status(med, lo, hi)} |")
    w("")
    w("Where the overhead goes (Ashburn; each column a share of IT energy; server fans are part of IT):")
    w("")
    w("| architecture | compressors | air fans | pumps | heat-rejection fans | UPS | transformer + PDU | lighting | water L/kWh |")
    w("|---|---|---|---|---|---|---|---|---|")
    for name, label, _ in ARCHITECTURES:
        m = r[(name, "ashburn")]
        it = m["it_energy_kwh"]
        w(f"| {label} | {m['compressors_energy_kwh'] / it:.3f} | {m['air_fans_energy_kwh'] / it:.3f} | "
          f"{m['pumps_energy_kwh'] / it:.3f} | {m['heat_rejection_fans_energy_kwh'] / it:.3f} | "
          f"{m['ups_loss_energy_kwh'] / it:.3f} | "
          f"{(m['transformer_loss_energy_kwh'] + m['pdu_loss_energy_kwh']) / it:.3f} | "
          f"{m['lighting_energy_kwh'] / it:.3f} | {m['wue_l_per_kwh']:.2f} |")
    w("")
    w("### Case by case")
    w("")
    for name, label, (lo, hi) in ARCHITECTURES:
        pues = [r[(name, s)]["pue"] for s in US_SITES]
        liquid_hours = ", ".join(f"{r[(name, s)]['hours_liquid_above_class']:.0f} h in {s}" for s in US_SITES)
        w(f"- **{label}** (`scenarios/{name}.yaml`, {min(pues):.3f}-{max(pues):.3f}): "
          + NOTES[name].format(liquid_hours=liquid_hours))
    w("")
    w("## Lei & Masanet (2022) bands by climate zone")
    w("")
    w("Published: Monte Carlo 5th-95th percentile annual PUE and WUE (site water, L/kWh) of large data centres")
    w("by ASHRAE climate zone (Lei & Masanet, Resources, Conservation & Recycling 182:106323, 2022; the table")
    w("published with their calculator, as ../shared/REFERENCE.md section 8 quotes it). dcsim: the LBNL large")
    w("scenarios of the same architectures at the built-in sites of those zones (Ashburn 4A, Phoenix 2B, Des")
    w("Moines 5A).")
    w("")
    w("| architecture | zone (site) | PUE band | dcsim PUE | WUE band | dcsim WUE | verdict |")
    w("|---|---|---|---|---|---|---|")
    for name, bands in LEI_BANDS.items():
        for site in US_SITES:
            zone = LEI_ZONES[site]
            plo, phi, wlo, whi = bands[zone]
            m = r[(name, site)]
            pue_in = plo <= m["pue"] <= phi
            wue_in = wlo <= m["wue_l_per_kwh"] <= whi
            verdict = "both inside" if pue_in and wue_in else "PUE inside, WUE outside" if pue_in else \
                "WUE inside, PUE outside" if wue_in else "both outside"
            w(f"| {LEI_LABELS[name]} | {zone} ({site}) | {plo:.3f}-{phi:.3f} | {m['pue']:.3f} | {wlo:.2f}-{whi:.2f} | "
              f"{m['wue_l_per_kwh']:.2f} | {verdict} |")
    w("")
    w("- Lei & Masanet book all tower heat as evaporation (their WUE band starts at 1.74 L/kWh in every zone);")
    w("  dcsim's towers evaporate from the moist-air balance (docs/models.md, cooling towers), so in dry or cold")
    w("  air part of the heat leaves as sensible heat and its waterside WUE can fall below their band.")
    w("- The airside scenario's water is the trim plant's adiabatic dry coolers: its direct economizer's")
    w("  evaporative stage is off (the scenario says why); with it on, Phoenix's WUE is 0.74 L/kWh.")
    w("- LBNL's inter-quartile ranges (the issue's \"every LBNL architecture inside LBNL's IQR\") are not in")
    w("  ../shared/REFERENCE.md, which quotes LBNL's medians only; the first table compares with those.")
    w("")
    e = r[(ESIF, "own")]
    it = e["it_energy_kwh"]
    w("## NREL ESIF-like warm-water HPC with heat reuse")
    w("")
    w(f"Published (NREL, measuring-efficiency-pue page; NREL/PR-2C00-70433): annual PUE {ESIF_PUE[0]}-{ESIF_PUE[1]},")
    w(f"ERE {ESIF_ERE}. dcsim (`scenarios/{ESIF}.yaml`, Des Moines as the nearest built-in climate to Golden,")
    w(f"Colorado): **PUE {e['pue']:.3f}**, **ERE {e['ere']:.3f}** (ERF {e['erf']:.3f}); {it / 8760 / 1000:.2f} MW of IT.")
    ok_pue = abs(e["pue"] - ESIF_PUE[1]) <= 0.02 or ESIF_PUE[0] - 0.02 <= e["pue"] <= ESIF_PUE[1] + 0.02
    w("")
    w(f"- PUE: {'within' if ok_pue else 'not within'} 0.02 of the published range "
      f"({e['pue'] - ESIF_PUE[1]:+.3f} from its upper end). The overhead, as shares of IT: pumps "
      f"{e['pumps_energy_kwh'] / it:.3f}, tower and dry-cooler fans {e['heat_rejection_fans_energy_kwh'] / it:.3f}, "
      f"air fans {e['air_fans_energy_kwh'] / it:.3f}, UPS {e['ups_loss_energy_kwh'] / it:.3f}, transformer and "
      f"PDU {(e['transformer_loss_energy_kwh'] + e['pdu_loss_energy_kwh']) / it:.3f}, lighting "
      f"{e['lighting_energy_kwh'] / it:.3f}. dcsim's three pump sets (coolant, plant loop, condenser water) follow")
    w("  the load at variable speed (NREL measures about 0.017 of IT on pumps); its electrical chain is on the high")
    w("  side (every scenario has a UPS and an MV transformer inside the PUE boundary; much of ESIF's HPC load")
    w("  bypasses a UPS). Its towers also face Des Moines's humid summers rather than Golden's dry air.")
    w(f"- ERE: {e['ere']:.3f}, below 1 as published ({ESIF_ERE}). The heat-reuse demand in the scenario is the")
    w("  annual mean implied by NREL's own PUE and ERE, so this checks that the energy balance carries the")
    w("  reused heat through consistently, not an independent prediction. The gap to 0.929 is the PUE gap.")
    w(f"- No chillers: {e['free_cooling_hours']:.0f} h of free cooling, compressor energy {e['compressors_energy_kwh']:.0f} kWh;")
    w(f"  the IT inlet exceeds the recommended 27 degC for {e['hours_outside_recommended']:.0f} h (the residual air side in the")
    w("  Des Moines summer), never the allowable envelope.")
    w("")
    p = r[(EPLUS, "own")]
    it = p["it_energy_kwh"]
    w("## Side by side with EnergyPlus: the 1-zone CRAC data centre")
    w("")
    w("EnergyPlus 8.8's example 1ZoneDataCenterCRAC_wPumpedDXCoolingCoil, annual on Sterling-Washington Dulles")
    w("TMY3 (../shared/REFERENCE.md section 8: 50 kW of ITE with EnergyPlus's ITE curves, a CRAC with a DX coil")
    w("and a pumped-refrigerant economizer, UPS at 90 %). dcsim: `scenarios/validation/eplus-1zone-crac.yaml`,")
    w("which states how each part of the design is written, on the built-in Ashburn year (the same station's")
    w(f"design conditions; no test may need the TMY3 file). Targets: PUE within {EPLUS_TOL}, each end use within")
    w(f"{EPLUS_TOL} of IT energy.")
    w("")
    w("| figure | EnergyPlus | dcsim | difference | verdict |")
    w("|---|---|---|---|---|")
    ok = abs(p["pue"] - EPLUS_PUE) <= EPLUS_TOL
    w(f"| PUE | {EPLUS_PUE:.3f} | {p['pue']:.3f} | {p['pue'] - EPLUS_PUE:+.3f} | {'within' if ok else 'outside'} |")
    for label, key, ref in EPLUS_SHARES:
        share = p[key] / it
        ok = abs(share - ref) <= EPLUS_TOL
        w(f"| {label}, share of IT | {ref:.3f} | {share:.3f} | {share - ref:+.3f} | {'within' if ok else 'outside'} |")
    w(f"| ITE energy, MWh | {EPLUS_IT_MWH:.1f} | {it / 1000:.1f} | {(it / 1000 - EPLUS_IT_MWH) / EPLUS_IT_MWH:+.1%} | |")
    w(f"| server fans, share of ITE | {938.37 / (1115.49 + 938.37):.3f} | {p['server_fans_energy_kwh'] / it:.3f} | | |")
    w("")
    w("- The ITE follows EnergyPlus's own curves (server_fans model ite), so its energy checks the inlet")
    w(f"  temperature the CRAC holds: {p['hours_outside_recommended']:.0f} h above the recommended range.")
    w("- The DX unit runs on the vendor's table that EnergyPlus uses (Liebert EconoPhase EIR against outdoor")
    w("  dry bulb alone, pump mode included: air_cooled_chiller eir_table); its capacity follows the")
    w("  high-efficiency scroll record, so the part-load ratio, and with it the cycling loss, differs a little.")
    w("- dcsim holds the supply air at 22 degC where EnergyPlus resets it (10-25 degC) to keep the zone at its")
    w("  29.3 degC return set point; the EIR table does not depend on it. EnergyPlus's zone also exchanges heat")
    w("  with the outdoors through its walls and roof (about 0.16 kW/K), which dcsim's room does not; the")
    w("  weather is a generated year, not TMY3 (on the TMY3 file by hand: PUE 1.304, compressors 0.112).")
    w("- Before the table, dcsim's pumped-refrigerant model (the pump carrying what the outdoor air condenses")
    w("  without lift, in proportion to the difference) on the scroll record gave compressors 0.089, 0.021")
    w("  below: at the mean load its pump carried everything up to about 9 degC air, where the vendor's table")
    w("  still runs compressors at 0.23-0.31 of the rated EIR.")
    w("")
    w("## What to change in the models")
    w("")
    w("- CRAH humidity control (latent load on cold coils, humidifiers, reheat): the gap left in the")
    w("  small legacy room.")
    w("- Warm-water trim chillers: curves of units rated for warm leaving water (the air-cooled records")
    w("  end at 10 degC; past it the bounded Gordon-Ng extension credits the smaller lift).")
    w("- UPS-less feeds (ESIF's HPC load) can now be described with power.ups.loss_coefficients; the")
    w("  ESIF-like scenario keeps a UPS.")
    w("- A plant with both towers and a dry cooler on one loop (ESIF's arrangement), and an evaporative")
    w("  stage for the direct airside economizer (LBNL's airside + adiabatic architecture).")
    w("")
    return "\n".join(out)


def main():
    return ug.generated_page_main(DOC, "scripts/validation.py", __doc__, lambda: render(run_all()))


if __name__ == "__main__":
    sys.exit(main())
