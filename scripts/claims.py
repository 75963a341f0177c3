#!/usr/bin/python3
"""The claims of the original brief (../shared/REFERENCE.md section 7), checked against real dcsim
runs of the reference scenarios; writes docs/claims.md.

    claims.py            # run the cases and rewrite docs/claims.md
    claims.py --check    # regenerate in memory; exit 1 if docs/claims.md differs (stale)

Runs: the flagship (scenarios/iceland-geothermal-liquid.yaml), its air-cooled counterpart
(scenarios/industry-average-air.yaml), and four variants of the flagship made with --set:
a distilled model (62 % less energy per inference) and an accelerator 3.5x as efficient, each
either using the freed capacity for more work or serving the same work with less power. The dcsim
program is $DCSIM, else build/dcsim."""
import os
import re
import sys

import yaml

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import update_goldens as ug  # noqa: E402

DOC = os.path.join(ug.SOURCE, "docs", "claims.md")
FLAGSHIP = os.path.join(ug.SCENARIOS, "iceland-geothermal-liquid.yaml")
AIR = os.path.join(ug.SCENARIOS, "industry-average-air.yaml")
DISTILLED_CUT = 0.62          # the brief: 62 % less energy per inference
ACCELERATOR_GAIN = 3.5        # the brief: 3.5x as energy efficient as GPUs
CLAIM_PUE, CLAIM_AIR_PUE = 1.15, 1.57
CLAIM_AVOIDED_T, CLAIM_HOMES = 12000.0, 700.0
# Counterfactual grids for the facility size that gives 12,000 t (REFERENCE.md section 5).
GRIDS = [("US average 2023 (Ember)", 369.0), ("Virginia, eGRID SRVC 2023", 270.0),
         ("world average 2023 (Ember)", 480.0), ("coal, IPCC AR5 lifecycle median", 820.0)]


def number(text):
    """The number of a quantity written as '400 /s' or '6 kW' (unit kept by the caller)."""
    return float(str(text).split()[0])


def merged(template, own):
    """A rack group with the template it extends, as app/group_templates.cpp merges them: the
    group's keys win, mappings merge key by key unless their `type` differs."""
    out = dict(template)
    for key, value in own.items():
        t = out.get(key)
        if isinstance(t, dict) and isinstance(value, dict) and t.get("type", value.get("type")) == value.get("type", t.get("type")):
            out[key] = merged(t, value)
        else:
            out[key] = value
    return out


def variant_sets(scenario_path, kind):
    """--set overrides for one variant of the scenario's rack groups that do work.
    distilled-more-work: work rate x 1/(1 - 0.62) at the same power (same hardware, cheaper model).
    distilled-same-work: work rate x 1/(1 - 0.62) and utilization x (1 - 0.62): the same inferences
        on the same racks, which now idle more.
    accelerator-more-work: work rate x 3.5 at the same power.
    accelerator-same-work: same rate, rack idle and peak power / 3.5."""
    with open(scenario_path) as fh:
        doc = yaml.safe_load(fh)
    sets = []
    templates = doc["it"].get("templates", {})
    for i, entry in enumerate(doc["it"]["groups"]):
        # An entry stands for all its copies; the keys its template gives are set on the entry.
        g = merged(templates[entry["extends"]], entry) if "extends" in entry else entry
        if "work" not in g:
            continue
        rate = number(g["work"]["rate"])
        base = f"it.groups[{i}]"
        if kind in ("distilled-more-work", "distilled-same-work"):
            sets.append(f"{base}.work.rate={rate / (1 - DISTILLED_CUT):.6g} /s")
        elif kind == "accelerator-more-work":
            sets.append(f"{base}.work.rate={rate * ACCELERATOR_GAIN:.6g} /s")
        elif kind == "accelerator-same-work":
            for key in ("idle_power", "peak_power"):
                sets.append(f"{base}.{key}={number(g[key]) / ACCELERATOR_GAIN:.6g} kW")
        else:
            raise ValueError(kind)
        if kind == "distilled-same-work":
            # The whole mapping: one a template gives is not in the entry for --set to reach into.
            u = dict(g["utilization"])
            if u["type"] == "constant":
                u["value"] = f"{number(u['value']) * (1 - DISTILLED_CUT):.6g} %"
            elif u["type"] in ("daily", "weekly"):
                u["values"] = [float(f"{v * (1 - DISTILLED_CUT):.6g}") for v in u["values"]]
            else:
                raise ValueError(f"group {g['name']}: cannot scale a '{u['type']}' utilization profile")
            sets.append(f"{base}.utilization={yaml.safe_dump(u, default_flow_style=True, width=1 << 20).strip()}")
    return sets


def equivalence_edition():
    """The edition of EPA's equivalencies that dcsim uses (models/emissions.hpp)."""
    with open(os.path.join(ug.SOURCE, "models", "emissions.hpp")) as fh:
        m = re.search(r'edition\s*=\s*"([^"]+)"', fh.read())
    return m.group(1) if m else "EPA Greenhouse Gas Equivalencies Calculator"


def run_all():
    variants = ["distilled-more-work", "distilled-same-work", "accelerator-more-work", "accelerator-same-work"]
    jobs = [("flagship", FLAGSHIP, ()), ("air", AIR, ())]
    jobs += [(v, FLAGSHIP, variant_sets(FLAGSHIP, v)) for v in variants]
    return ug.run_many(jobs)


def verdict_pue(value, claim, tol=0.02):
    if abs(value - claim) <= tol:
        return "holds"
    return "holds (better than claimed)" if value < claim else "does not hold"


def pct(a, b):
    """Change from b to a, in per cent."""
    return 100.0 * (a / b - 1.0)


def render(r):
    f, a = r["flagship"], r["air"]
    hours = 8760.0
    it_mw = f["it_energy_kwh"] / hours / 1000.0
    air_it_mw = a["it_energy_kwh"] / hours / 1000.0
    avoided = f["avoided_emissions_t_per_year"]
    t_per_home = avoided / f["avoided_us_homes"]
    # Baseline emissions = E_IT x PUE_b x I_b, so PUE_b x I_b in g per kWh of IT:
    base_g_per_kwh_it = f["baseline_emissions_t"] * 1e6 / f["it_energy_kwh"]
    own_g_per_kwh_it = f["emissions_t"] * 1e6 / f["it_energy_kwh"]
    out = []
    w = out.append
    w("# The brief's claims, checked against dcsim")
    w("")
    w("Generated by `scripts/claims.py` from real runs of the current code; do not edit by hand")
    w("(`scripts/claims.py --check` fails when this page is stale; tests/python/test_docs_current.py")
    w("runs it). The claims are those of the original brief (../shared/REFERENCE.md section 7). Runs:")
    w("`scenarios/iceland-geothermal-liquid.yaml` (the flagship), `scenarios/industry-average-air.yaml`")
    w("(the same IT load air-cooled in Ashburn), and four variants of the flagship made with `--set`.")
    w("All figures are for one simulated year (2025, 15-minute records).")
    w("")
    w("## Summary")
    w("")
    w("| claim | dcsim | verdict |")
    w("|---|---|---|")
    w(f"| flagship PUE 1.15 | {f['pue']:.3f} | {verdict_pue(f['pue'], CLAIM_PUE)} |")
    w(f"| industry-average air-cooled PUE 1.57 | {a['pue']:.3f} | {verdict_pue(a['pue'], CLAIM_AIR_PUE)}, "
      "given the legacy design stated in the scenario |")
    size_369 = CLAIM_AVOIDED_T / (avoided / it_mw)
    w(f"| 12,000 tCO2e avoided a year | {avoided:,.0f} t for {it_mw:.2f} MW average IT | depends on the facility "
      f"size and the counterfactual: 12,000 t needs {size_369:.1f} MW against the brief's baseline |")
    w(f"| 12,000 t = 700 US homes | 12,000 t = {CLAIM_AVOIDED_T / t_per_home:,.0f} homes | does not hold (about "
      f"{CLAIM_AVOIDED_T / t_per_home / CLAIM_HOMES:.1f}x off) |")
    dm, ds = r["distilled-more-work"], r["distilled-same-work"]
    w(f"| distilled model: 62 % less energy per inference | facility level: "
      f"{-pct(dm['facility_energy_per_work_j'], f['facility_energy_per_work_j']):.0f} % (capacity reused), "
      f"{-pct(ds['facility_energy_per_work_j'], f['facility_energy_per_work_j']):.0f} % (same work) | "
      "holds only if the freed capacity is used |")
    am, asw = r["accelerator-more-work"], r["accelerator-same-work"]
    w(f"| accelerator 3.5x as efficient as GPUs | facility level: "
      f"{-pct(am['facility_energy_per_work_j'], f['facility_energy_per_work_j']):.0f} % (same power), "
      f"{-pct(asw['facility_energy_per_work_j'], f['facility_energy_per_work_j']):.0f} % (same work, smaller racks) "
      "less energy per inference | holds at facility level, slightly diluted by fixed overheads |")
    w(f"| chip-manufacturing carbon badly underestimated | embodied share of lifecycle carbon "
      f"{100 * f['embodied_share']:.0f} % (flagship), {100 * a['embodied_share']:.0f} % (Ashburn grid) | "
      "holds on a clean supply; minor on a fossil-heavy grid |")
    w("")
    w("## PUE")
    w("")
    w(f"- Flagship (Reykjavik, direct liquid cooling at W32, dry coolers): PUE **{f['pue']:.3f}** over the year,")
    w(f"  {f['pue_at_peak']:.3f} at the peak hour; the claim of 1.15 holds with margin. The district-heating")
    w(f"  heat pump ({f['heat_pump_energy_kwh'] / f['it_energy_kwh']:.3f} x IT) is outside this PUE: ISO/IEC 30134-6 puts the reuse")
    w("  process outside the data centre, and it serves the district, not the racks. Counted inside")
    w(f"  (reporting.heat_pump_in_pue) the PUE is {f['pue_incl_heat_pump']:.3f}, which still meets the claim. The rest of the")
    w(f"  overhead: cooling {(f['cooling_energy_kwh'] - f['heat_pump_energy_kwh']) / f['it_energy_kwh']:.3f} x IT (pumps, fans) and the electrical chain")
    w(f"  {f['power_loss_energy_kwh'] / f['it_energy_kwh']:.3f} x IT. With the heat reused the ERE is {f['ere']:.3f}.")
    w(f"- Air-cooled counterpart (Ashburn, chilled water, towers, no economizer): PUE **{a['pue']:.3f}** against")
    w("  the Uptime Institute 2021 average of 1.57. This holds *because of the stated assumptions* (7 degC")
    w("  chilled water, constant-speed CRAH fans, partial containment, 2N double-conversion UPS, chillers at")
    w("  the 2004-era code minimum, fixed 29.4 degC condenser water): the same room with a waterside")
    w("  economizer and variable-speed fans lands near LBNL's 1.38 (docs/validation.md). 1.57 is a survey")
    w("  average of self-reported figures, not the PUE of any one design.")
    w("")
    w("## Avoided emissions")
    w("")
    w(f"The flagship runs {it_mw:.2f} MW of IT on average ({f['it_energy_kwh'] / 1e6:,.1f} GWh a year) on geothermal")
    w(f"power ({100 * f['geothermal_share']:.1f} % of its energy; the Icelandic grid covers the outages) at a mean")
    w(f"{f['scenario_intensity_g_per_kwh']:.1f} gCO2e/kWh. Against the brief's counterfactual (the same IT energy at")
    w(f"PUE 1.57 on the US average grid, 369 gCO2e/kWh in 2023) it avoids **{avoided:,.0f} tCO2e a year**:")
    w(f"{f['avoided_by_efficiency_t']:,.0f} t from the lower PUE and {f['avoided_by_supply_t']:,.0f} t from the cleaner supply.")
    w("")
    w(f"Avoided emissions scale with the IT energy: {base_g_per_kwh_it:.0f} g per kWh of IT for the baseline against")
    w(f"{own_g_per_kwh_it:.1f} g for the flagship. The average IT load that avoids exactly 12,000 t a year:")
    w("")
    w("| counterfactual (PUE 1.57 on) | gCO2e/kWh | avoided per MW of IT, t/yr | IT load for 12,000 t/yr |")
    w("|---|---|---|---|")
    for label, grid in GRIDS:
        per_mw = (1.57 * grid - own_g_per_kwh_it) * hours * 1000.0 / 1e6
        w(f"| {label} | {grid:.0f} | {per_mw:,.0f} | {CLAIM_AVOIDED_T / per_mw:.2f} MW |")
    modelled = a["emissions_t"] - f["emissions_t"] * a["it_energy_kwh"] / f["it_energy_kwh"]
    w("")
    w(f"Against the modelled counterfactual instead (scenarios/industry-average-air.yaml: PUE {a['pue']:.3f} on the")
    w(f"Virginia grid, {a['scenario_intensity_g_per_kwh']:.0f} gCO2e/kWh, {air_it_mw:.2f} MW of IT), the flagship avoids")
    w(f"{modelled:,.0f} t a year. So the claim of 12,000 t holds for a facility of roughly 2.5-3.5 MW average")
    w("IT load against a US-average or Virginia baseline; the brief's ~4 MW facility avoids more than claimed")
    w("against those baselines. A claim of avoided emissions means nothing without its facility size and")
    w("counterfactual grid; dcsim prints both with every run.")
    w("")
    w("## \"700 US households\"")
    w("")
    w(f"dcsim converts with {equivalence_edition()}: {t_per_home:.2f} tCO2 per home per year (home energy use).")
    w(f"12,000 t a year is then **{CLAIM_AVOIDED_T / t_per_home:,.0f} homes**, not 700; 700 homes emit about")
    w(f"{CLAIM_HOMES * t_per_home:,.0f} t a year. The flagship's own {avoided:,.0f} t equal {f['avoided_us_homes']:,.0f} homes. The brief's")
    w("equivalence does not hold: it is about 2x too small with any recent EPA edition (7.5-8.4 t per home).")
    w("")
    w("## Energy and carbon per inference at facility level")
    w("")
    w("Each GPU rack of the flagship does 400 inferences per second at full utilization. Facility energy per")
    w("inference includes cooling and electrical losses (PUE); operational carbon uses the supply's")
    w("intensity; lifecycle adds the servers' embodied carbon spread over their life.")
    w("")
    w("| case | PUE | facility J/inference | change | operational mgCO2e/inf. | lifecycle mgCO2e/inf. |")
    w("|---|---|---|---|---|---|")
    rows = [("flagship (GPUs)", f), ("air-cooled, Ashburn grid", a),
            ("distilled model, capacity reused (rate x 2.63)", dm),
            ("distilled model, same work (rate x 2.63, utilization x 0.38)", ds),
            ("accelerator 3.5x, same power (rate x 3.5)", am),
            ("accelerator 3.5x, same work (rack power / 3.5)", asw)]
    for label, m in rows:
        w(f"| {label} | {m['pue']:.3f} | {m['facility_energy_per_work_j']:.2f} | "
          f"{pct(m['facility_energy_per_work_j'], f['facility_energy_per_work_j']):+.0f} % | "
          f"{1000 * m['operational_g_per_work']:.3f} | {1000 * m['lifecycle_g_per_work']:.3f} |")
    w("")
    w("- **Distilled model (62 % less energy per inference).** Modelled two ways. If the racks keep running")
    w("  as before and the cheaper model serves 1/(1-0.62) = 2.63 times the inferences, facility energy per")
    w(f"  inference falls by {-pct(dm['facility_energy_per_work_j'], f['facility_energy_per_work_j']):.0f} %, the full 62 %: nothing else changes. If instead the same")
    w("  inferences are served, the GPUs run at 0.38 of their former utilization; with idle power 6 kW of a")
    w(f"  20 kW peak the racks' power falls far less than their work, and the facility saves")
    w(f"  {-pct(ds['facility_energy_per_work_j'], f['facility_energy_per_work_j']):.0f} % per inference (PUE {ds['pue']:.3f}). The claim holds at the chip; at facility level it")
    w("  holds only when the freed capacity is used or the idle racks are switched off (consolidation).")
    w("- **Accelerator 3.5x as efficient.** At the same rack power and 3.5 times the work, energy per")
    w(f"  inference falls by {-pct(am['facility_energy_per_work_j'], f['facility_energy_per_work_j']):.0f} % (1 - 1/3.5 = 71 %). Serving the same work with racks drawing 1/3.5 of")
    w(f"  the power (same utilization), it falls by {-pct(asw['facility_energy_per_work_j'], f['facility_energy_per_work_j']):.0f} %: the PUE rises to {asw['pue']:.3f} because lighting,")
    w("  transformer no-load and UPS losses, and the plants' minimum flows do not shrink with the IT load.")
    w("  Operational carbon per inference follows energy; lifecycle carbon keeps the embodied carbon of")
    w("  the same server count (the accelerators' own manufacturing footprint is not known here), so it")
    w("  falls less.")
    w("")
    w("## Embodied carbon")
    w("")
    w(f"The flagship's servers embody {f['embodied_emissions_t']:,.0f} tCO2e a year (ACT estimate of the dies, DRAM and")
    w(f"SSD plus the rest of the server, spread over a 4-year life; 5 years for the CPU/storage racks), against")
    w(f"{f['emissions_t']:,.0f} t of operational emissions: the embodied share of lifecycle carbon is")
    w(f"**{100 * f['embodied_share']:.0f} %**. The same servers in Ashburn on the Virginia grid: {100 * a['embodied_share']:.0f} % (operational")
    w(f"{a['emissions_t']:,.0f} t). The warning that chip manufacturing is underestimated holds where the")
    w("supply is clean: there it is the larger part of the footprint, and a carbon account that counts only")
    w("operational emissions misses most of it. On a fossil-heavy grid it is a minor share. The ACT")
    w("figures (fab energy, gases, yield of a 7 nm process on Taiwan's grid) are assumptions of the")
    w("scenario; see docs/carbon.md.")
    w("")
    # The flagship's GPU servers: 20 groups x 12 racks x 4 servers, 4-year life (scenarios/iceland-geothermal-liquid.yaml).
    gpu_servers, life_y = 20 * 12 * 4, 4
    chips_kg = f["embodied_chips_t"] * life_y / gpu_servers * 1000
    w("### Is chip manufacturing carbon underestimated?")
    w("")
    w(f"dcsim keeps the logic chips apart (`embodied_chips_t`, `embodied_chip_share`, `lifecycle_chip_share`). In the")
    w(f"flagship the ACT estimate of the dies and packages is {f['embodied_chips_t']:,.0f} tCO2e a year, "
      f"**{100 * f['embodied_chip_share']:.1f} %** of the embodied carbon")
    w(f"of the ACT-estimated servers ({100 * f['lifecycle_chip_share']:.1f} % of lifecycle carbon): {chips_kg:,.0f} kg per 8-GPU server, "
      f"{chips_kg * 2.23 / 2.318:,.0f}-{chips_kg * 2.55 / 2.318:,.0f} kg")
    w("over ACT's range of fab gases and grid (2.23-2.55 kgCO2e/cm2 at 7 nm). DRAM and SSD add")
    w(f"{f['embodied_memory_storage_t']:,.0f} t a year and the generic remainder {f['embodied_rest_t']:,.0f} t. Against published footprints:")
    w("")
    w("- NVIDIA's HGX H100 product carbon footprint summary, as quoted by others (not checked here against the")
    w("  primary document): about 1,312 kgCO2e cradle-to-gate per 8-GPU baseboard, HBM 42 % and other integrated")
    w("  circuits 25 % of it, about 880 kg of chips and memory stacks. ACT's per-area factor gives the eight dies")
    w("  about 150 kg, and HBM entered as DRAM at 65 g/GB (640 GB) about 40 kg: the stacked memory is where the")
    w("  per-area and per-GB factors fall furthest short.")
    w("- Falk et al. 2025, \"More than Carbon: cradle-to-grave environmental impacts of GenAI training on the Nvidia")
    w("  A100 GPU\" (arXiv 2509.00093), from primary data: the GPU chip is the largest contributor to the card's")
    w("  cradle-to-gate climate change impact (81 %); they found their primary data changed the carbon estimate")
    w("  only modestly against database-derived figures.")
    w("- HPE ProLiant DL380 Gen10 PCF (as reported by the Technology Carbon Standard's server example): 1,726 kg")
    w("  embodied of 5,657 kg over 4 years, 30.5 %: a CPU server, under half of the 3.7 t of Boavizta's generic")
    w("  server that dcsim's default remainder comes from, which is on the high side for such a server.")
    w("- imec (\"The road to net-zero emissions in IC manufacturing\"): life-cycle inventory databases do not cover")
    w("  logic beyond 14 nm; TechInsights: advanced nodes are 2.5-3.5 times as carbon-intensive per wafer as")
    w("  90 nm; Kim et al. 2014 (Geophysical Research Letters): reported semiconductor perfluorocarbon emissions")
    w("  fall short of what the atmosphere shows. Fab process gases are about 35-40 % of fabs' direct emissions")
    w("  (McKinsey; the industry's 2021 Scope 1 and 2 inventory).")
    w("")
    w("So, for accelerator servers, yes: with ACT's default factors dcsim's chip figure is a low estimate, by a")
    w("factor of about 5 against the one accelerator footprint that splits its chips out, mostly the HBM stacks,")
    w("and its generic remainder carries what it misses. The lifecycle total is less affected than the chip")
    w("share (the Boavizta remainder is large), but the share of the chips, the part an AI facility adds, is")
    w("understated. A user with a vendor's footprint should enter it (`embodied.per_server`, or the ACT")
    w("packages plus `rest_of_server`), and HBM as its own package of dies rather than as DRAM.")
    w("")
    return "\n".join(out)


def main():
    return ug.generated_page_main(DOC, "scripts/claims.py", __doc__, lambda: render(run_all()))


if __name__ == "__main__":
    sys.exit(main())
