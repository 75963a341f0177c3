#!/usr/bin/env python3
"""Writes the corpus of broken scenario files (tests/data/broken/*.yaml) from the valid base
tests/data/valid/small.yaml. The files are committed; this script documents how each was made and
regenerates them after a change of the base:  python3 tests/data/broken/make_corpus.py

Each file starts with its expectation, read by tests/app/test_broken_corpus.cpp:
  # expect: LINE PATH[, LINE PATH ...]   errors the message must report, as `file:LINE:` and PATH
                                         (LINE `set`: an override error, no file position;
                                          PATH `-`: no key path, e.g. malformed YAML)
  # args: ...                            extra arguments after `run FILE -o OUT` (optional)
  # message: TEXT                        text the message must also contain (optional, repeatable)
The LINE of each expectation is not typed in by hand: it is the line of the broken file that holds
the case's marker text (the value or key at fault), found after the file is assembled.
"""
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
BASE_FILE = os.path.join(HERE, "..", "valid", "small.yaml")


def base_body():
    with open(BASE_FILE, encoding="utf-8") as f:
        lines = f.read().splitlines(keepends=True)
    while lines and lines[0].startswith("#"):
        lines.pop(0)
    return "".join(lines)


def sub(text, old, new, count=1):
    n = text.count(old)
    if n != count:
        sys.exit(f"make_corpus: '{old}' occurs {n} times in the base, expected {count}")
    return text.replace(old, new)


def drop_block(text, first_line, n_lines):
    """Removes `n_lines` lines starting at the line equal to `first_line`."""
    lines = text.splitlines(keepends=True)
    idx = [i for i, l in enumerate(lines) if l.rstrip("\n") == first_line]
    if len(idx) != 1:
        sys.exit(f"make_corpus: line '{first_line}' found {len(idx)} times")
    del lines[idx[0]:idx[0] + n_lines]
    return "".join(lines)


CASES = []


def case(name, about, body, expect, args="", messages=(), raw_tail=b""):
    """expect: list of (marker, path); marker None = no line (override), "" = line of the header."""
    CASES.append(dict(name=name, about=about, body=body, expect=expect, args=args, messages=list(messages),
                      raw_tail=raw_tail))


B = base_body()
GPU = "    - name: gpu\n"

# --- malformed YAML -----------------------------------------------------------------------------
case("yaml_bad_indent", "a key indented deeper than its siblings",
     sub(B, "  length: 7 d\n", "  length: 7 d\n     record_interval: 1 h\n"), [("     record_interval", "-")])
case("yaml_unclosed_flow_mapping", "a flow mapping that is never closed: the error names where it opened",
     sub(B, "capacity: 150 kW, count: 2, design_dry_bulb: 25 degC, approach: 8 K}",
         "capacity: 150 kW, count: 2, design_dry_bulb: 25 degC, approach: 8 K"),
     [("        - {type: water_cooled_chiller", "-")], messages=["the '{' opened on line @@{type: dry_cooler@@"])
case("yaml_unclosed_quote", "a quoted string that is never closed",
     sub(B, "description: two rack groups", 'description: "two rack groups'), [('description: "', "-")])
case("yaml_tab_indent", "a tab character used for indentation",
     sub(B, "  record_interval: 1 h\n", "\trecord_interval: 1 h\n"), [("\trecord_interval", "-")])
case("yaml_list_in_mapping", "a list item where the mapping has keys",
     sub(B, "  builtin: dublin\n", "  builtin: dublin\n  - reykjavik\n"), [("  - reykjavik", "-")])
case("yaml_duplicate_key", "the same key twice in one mapping",
     sub(B, "      count: 4\n", "      count: 4\n      count: 6\n"), [("      count: 6", "it.groups[0].count")])
case("yaml_duplicate_key_flow", "the same key twice in a flow mapping",
     sub(B, "{count: 2, capacity: 60 kW}", "{count: 2, capacity: 60 kW, count: 3}"), [("count: 3}", "cooling.air.units.count")])

# --- empty and binary ---------------------------------------------------------------------------
case("empty_file", "nothing but this comment: an empty document", "", [("", "-")], messages=["empty"])
case("binary_garbage", "binary content after the first lines (NUL bytes, invalid UTF-8)", "name: x\n", [("TAIL", "-")],
     messages=["binary"],
     raw_tail=bytes([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00, 0x00, 0xff, 0xfe, 0x10, 0x0a, 0x00, 0xc3, 0x28]))
case("top_level_list", "the document is a list, not a mapping", "- name: small\n- seed: 7\n", [("- name: small", "-")])
case("top_level_scalar", "the document is a plain string", "just some words\n", [("just some words", "-")])

# --- unknown and misspelt keys ------------------------------------------------------------------
case("unknown_top_key", "a misspelt section", sub(B, "power:\n", "powr:\n"), [("powr:", "powr")],
     messages=["did you mean 'power'?"])
case("misspelt_liquid_key", "supply_tmp for supply_temp", sub(B, "    supply_temp: 32 degC", "    supply_tmp: 32 degC"),
     [("supply_tmp", "cooling.liquid.supply_tmp")], messages=["did you mean 'supply_temp'?"])
case("misspelt_equipment_key", "capacty in a flow mapping",
     sub(B, "{type: water_cooled_chiller, capacity: 60 kW", "{type: water_cooled_chiller, capacty: 60 kW"),
     [("capacty", "cooling.plants[1].equipment[0].capacty")], messages=["did you mean 'capacity'?"])
case("misspelt_group_key", "idle_powr in a rack group", sub(B, "      idle_power: 5 kW", "      idle_powr: 5 kW"),
     [("idle_powr", "it.groups[0].idle_powr")], messages=["did you mean 'idle_power'?"])
case("unknown_key_no_match", "a key unlike any other: the valid keys are listed",
     sub(B, "  lighting: 1 kW\n", "  lighting: 1 kW\n  generator_fuel: diesel\n"), [("generator_fuel", "power.generator_fuel")],
     messages=["pdu_loss"])

# --- wrong types --------------------------------------------------------------------------------
case("type_integer_word", "a word for a rack count", sub(B, "      count: 4\n", "      count: four\n"), [("count: four", "it.groups[0].count")])
case("type_integer_fraction", "a fractional rack count", sub(B, "      count: 4\n", "      count: 2.5\n"), [("count: 2.5", "it.groups[0].count")])
case("type_list_for_mapping", "a list where a mapping belongs", sub(B, "site:\n  builtin: dublin\n", "site: [dublin]\n"),
     [("site: [dublin]", "site")])
case("type_mapping_for_string", "a mapping where the name belongs", sub(B, "name: small\n", "name: {first: small}\n"), [("name: {", "name")])
case("type_boolean", "a boolean that is neither true nor false",
     sub(B, "    delta_t: 10 K\n", "    delta_t: 10 K\n    pumps_on_ups: maybe\n"), [("pumps_on_ups", "cooling.liquid.pumps_on_ups")])
case("type_scalar_for_list", "a single number where the 24 daily values belong",
     sub(B, "        values: [0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.6, 0.7, 0.8, 0.8, 0.8, 0.8,\n                 0.8, 0.8, 0.8, 0.8, 0.8, 0.7, 0.7, 0.6, 0.6, 0.6, 0.5, 0.5]\n",
         "        values: 0.5\n"), [("values: 0.5", "it.groups[0].utilization.values")])
case("type_list_item_word", "a word among the daily values", sub(B, "0.6, 0.7, 0.8, 0.8", "0.6, high, 0.8, 0.8"),
     [("high", "it.groups[0].utilization.values[7]")])

# --- units --------------------------------------------------------------------------------------
case("unit_unknown", "a unit that does not exist", sub(B, "      peak_power: 20 kW", "      peak_power: 20 kVV"),
     [("20 kVV", "it.groups[0].peak_power")])
case("unit_misspelt", "a unit one letter off", sub(B, "    supply_temp: 22 degC", "    supply_temp: 22 degc"),
     [("22 degc", "cooling.air.supply_temp")])
case("unit_wrong_dimension_temp", "a power where a temperature belongs", sub(B, "    supply_temp: 32 degC", "    supply_temp: 32 kW"),
     [("32 kW", "cooling.liquid.supply_temp")], messages=["temperature"])
case("unit_wrong_dimension_power", "an energy where a power belongs", sub(B, "  lighting: 1 kW", "  lighting: 1 kWh"),
     [("1 kWh", "power.lighting")], messages=["power"])
case("unit_wrong_dimension_duration", "a temperature where a duration belongs", sub(B, "  length: 7 d", "  length: 7 degC"),
     [("7 degC", "period.length")], messages=["duration"])
case("unit_level_for_difference", "degC for a temperature difference (ambiguous level/span)",
     sub(B, "    delta_t: 10 K\n", "    delta_t: 10 degC\n"), [("10 degC", "cooling.liquid.delta_t")])
case("unit_no_number", "a unit without a number", sub(B, "      idle_power: 5 kW", "      idle_power: kW"),
     [("idle_power: kW", "it.groups[0].idle_power")])

# --- ranges and physics -------------------------------------------------------------------------
case("negative_capacity", "a negative dry-cooler capacity", sub(B, "capacity: 150 kW, count: 2", "capacity: -150 kW, count: 2"),
     [("-150 kW", "cooling.plants[0].equipment[0].capacity")], messages=["-150"])
case("zero_capacity", "CRAH units of no capacity", sub(B, "{count: 2, capacity: 60 kW}", "{count: 2, capacity: 0 kW}"),
     [("capacity: 0 kW", "cooling.air.units.capacity")])
case("zero_rack_count", "a rack group of no racks", sub(B, "      count: 2\n", "      count: 0\n"), [("count: 0", "it.groups[1].count")])
case("efficiency_above_one", "a pump efficiency of 130 %",
     sub(B, "    delta_t: 10 K\n", "    delta_t: 10 K\n    pump: {efficiency: 1.3}\n"), [("efficiency: 1.3", "cooling.liquid.pump.efficiency")],
     messages=["1.3"])
case("fraction_above_one", "a liquid share of 120 %", sub(B, "      liquid_share: 80 %", "      liquid_share: 120 %"),
     [("120 %", "it.groups[0].liquid_share")])
case("fraction_negative", "a negative recirculation share",
     sub(B, "    units: {count: 2, capacity: 60 kW}\n", "    units: {count: 2, capacity: 60 kW}\n    containment: {recirculation: -5 %}\n"),
     [("-5 %", "cooling.air.containment.recirculation")])
case("cop_zero", "a chiller COP of zero", sub(B, "{type: water_cooled_chiller, capacity: 60 kW, count: 2}",
                                            "{type: water_cooled_chiller, capacity: 60 kW, count: 2, cop: 0}"),
     [("cop: 0", "cooling.plants[1].equipment[0].cop")])
case("supply_temp_out_of_range", "a liquid supply at 80 degC", sub(B, "    supply_temp: 32 degC", "    supply_temp: 80 degC"),
     [("80 degC", "cooling.liquid.supply_temp")], messages=["80"])
case("idle_above_peak", "idle power above peak power", sub(B, "      idle_power: 2 kW", "      idle_power: 8 kW"),
     [("idle_power: 8 kW", "it.groups[1].idle_power")], messages=["must not exceed peak_power"])
case("period_zero_length", "a period of no length", sub(B, "  length: 7 d", "  length: 0 d"), [("length: 0 d", "period.length")])
case("record_interval_too_long", "a record interval longer than the period",
     sub(B, "  record_interval: 1 h", "  record_interval: 8 d"), [("record_interval: 8 d", "period.record_interval")])
case("negative_seed", "a negative seed", sub(B, "seed: 7", "seed: -7"), [("seed: -7", "seed")])

case("reuse_supply_below_return", "district heating supply colder than its return (a model check, located at the key)",
     sub(B, "approach: 8 K}\n", "approach: 8 K}\n        - {type: heat_reuse, capacity: 50 kW, demand: 40 kW, district_supply_temp: 55 degC,\n"
         "           district_return_temp: 60 degC}\n"),
     [("district_supply_temp: 55", "cooling.plants[0].equipment[1].district_supply_temp")], messages=["(got 55)"])
case("steps_out_of_order", "a step schedule that does not start at 0",
     sub(B, "{type: constant, value: 50 %}", "{type: steps, steps: [{at: 5 h, value: 0.5}, {at: 2 h, value: 0.7}]}"),
     [("{type: steps", "it.groups[1].utilization.steps")], messages=["start at time 0"])
case("power_table_short", "a power-curve table that stops before full utilization",
     sub(B, "      liquid_share: 80 %\n", "      liquid_share: 80 %\n      power_curve:\n        type: table\n"
         "        points: [{utilization: 0, fraction: 0}, {utilization: 0.6, fraction: 1}]\n"),
     [("        type: table", "it.groups[0].power_curve")], messages=["utilization 1"])
case("noise_interval_too_short", "load noise drawn every millisecond",
     sub(B, "{type: constant, value: 50 %}", "{type: constant, value: 50 %, noise: {sigma: 0.1, interval: 1 ms}}"),
     [("{type: constant, value: 50 %, noise", "it.groups[1].utilization.noise.interval")])
case("daily_value_above_one", "a daily utilization of 1.5", sub(B, "0.6, 0.7, 0.8, 0.8", "0.6, 1.5, 0.8, 0.8"),
     [("1.5", "it.groups[0].utilization.values[7]")], messages=["1.5"])
case("facility_water_frozen", "a CDU approach that leaves the facility water below freezing",
     sub(B, "    delta_t: 10 K\n", "    delta_t: 10 K\n    cdu_approach: 35 K\n"), [("cdu_approach", "cooling.liquid.cdu_approach")],
     messages=["-3 degC"])
case("chilled_water_frozen", "a coil approach that leaves the chilled water below freezing",
     sub(B, "    supply_temp: 22 degC\n", "    supply_temp: 22 degC\n    coil_approach: 25 K\n"), [("coil_approach", "cooling.air.coil_approach")],
     messages=["-3 degC"])

# --- missing sections and keys ------------------------------------------------------------------
case("missing_cooling", "no cooling section", B[:B.index("cooling:\n")] + B[B.index("power:\n"):], [("name: small", "-")],
     messages=["missing required key 'cooling'"])
case("missing_site", "no site section", drop_block(B, "site:", 2), [("name: small", "-")], messages=["missing required key 'site'"])
case("missing_peak_power", "a rack group without peak_power", sub(B, "      peak_power: 6 kW\n", ""),
     [("    - name: storage", "it.groups[1]")],
     messages=["missing required key 'peak_power'"])
case("missing_plant_equipment", "a plant without equipment",
     sub(B, "      delta_t: 8 K\n      equipment:\n        - {type: dry_cooler, capacity: 150 kW, count: 2, design_dry_bulb: 25 degC, approach: 8 K}\n",
         "      delta_t: 8 K\n"), [("    - name: warm-water", "cooling.plants[0]")],
     messages=["missing required key 'equipment'"])
case("site_builtin_and_epw", "both a built-in site and an EPW file",
     sub(B, "  builtin: dublin\n", "  builtin: dublin\n  epw: dublin.epw\n"), [("  builtin: dublin", "site")],
     messages=["exactly one of builtin and epw"])

# --- names that refer to nothing ----------------------------------------------------------------
case("unknown_equipment_type", "a misspelt equipment type", sub(B, "{type: dry_cooler,", "{type: dry_coolr,"),
     [("dry_coolr", "cooling.plants[0].equipment[0].type")], messages=["did you mean 'dry_cooler'?"])
case("unknown_equipment_type_far", "an equipment type unlike any: the valid ones are listed",
     sub(B, "{type: cooling_tower, capacity: 150 kW}", "{type: absorption_chiller, capacity: 150 kW}"),
     [("absorption_chiller", "cooling.plants[1].equipment[1].type")], messages=["cooling_tower", "water_cooled_chiller"])
case("equipment_without_type", "an equipment entry without type",
     sub(B, "{type: cooling_tower, capacity: 150 kW}", "{capacity: 150 kW}"), [("{capacity: 150 kW}", "cooling.plants[1].equipment[1]")],
     messages=["missing required key 'type'", "cooling_tower"])
case("unknown_plant", "a loop naming a plant that does not exist", sub(B, "    plant: warm-water", "    plant: warm-watr"),
     [("warm-watr", "cooling.liquid.plant")], messages=["did you mean 'warm-water'?"])
case("unknown_builtin_site", "a misspelt built-in site", sub(B, "  builtin: dublin", "  builtin: dublinn"),
     [("dublinn", "site.builtin")], messages=["did you mean 'dublin'?"])
case("unknown_utilization_type", "a utilization profile type that does not exist",
     sub(B, "{type: constant, value: 50 %}", "{type: sinus, value: 50 %}"), [("sinus", "it.groups[1].utilization.type")])
case("unknown_air_class", "an ASHRAE class that does not exist",
     sub(B, "      liquid_share: 80 %\n", "      liquid_share: 80 %\n      air_class: A9\n"), [("A9", "it.groups[0].air_class")])
case("unknown_choice", "a UPS redundancy that does not exist", sub(B, "redundancy: N+1", "redundancy: 3N"),
     [("3N", "power.ups.redundancy")], messages=["2N"])
case("duplicate_plant_name", "two plants of one name", sub(B, "    - name: chilled-water", "    - name: warm-water"),
     [("    - name: warm-water\n      equipment", "cooling.plants[1].name")], messages=["used twice"])
case("duplicate_group_name", "two rack groups of one name", sub(B, "    - name: storage", "    - name: gpu"),
     [("    - name: gpu\n      count: 2", "it.groups[1].name")], messages=["used twice"])
case("two_rejection_entries", "two dry-cooler banks of one name in one plant",
     sub(B, "{type: dry_cooler, capacity: 150 kW, count: 2, design_dry_bulb: 25 degC, approach: 8 K}\n",
         "{type: dry_cooler, name: main, capacity: 150 kW, count: 2, design_dry_bulb: 25 degC, approach: 8 K}\n"
         "        - {type: dry_cooler, name: main, capacity: 50 kW}\n"),
     [("name: main, capacity: 50 kW", "cooling.plants[0].equipment[1].name")], messages=["names another dry_cooler stage"])

# --- files named by the scenario ----------------------------------------------------------------
case("missing_epw_file", "an EPW file that does not exist", sub(B, "  builtin: dublin", "  epw: no_such_weather.epw"),
     [("no_such_weather.epw", "site.epw")], messages=["no_such_weather.epw", "not found"])
case("malformed_epw_value", "an EPW file with a word for a dry bulb",
     sub(B, "  builtin: dublin", "  epw: bad_dry_bulb.epw"), [("bad_dry_bulb.epw", "site.epw")], messages=["line 11", "dry bulb"])
case("malformed_epw_header", "an EPW file without its LOCATION header",
     sub(B, "  builtin: dublin", "  epw: no_header.epw"), [("no_header.epw", "site.epw")], messages=["line 1", "LOCATION"])
case("binary_epw", "an EPW file that is binary: its first NUL byte is named", sub(B, "  builtin: dublin", "  epw: binary.epw"),
     [("binary.epw", "site.epw")], messages=["binary.epw:3:1:", "binary"])
case("epw_is_directory", "an EPW path that names a directory", sub(B, "  builtin: dublin", "  epw: ."),
     [("epw: .", "site.epw")], messages=["is a directory"])
case("missing_utilization_trace", "a utilization trace that does not exist",
     sub(B, "{type: constant, value: 50 %}", "{type: trace, file: no_such_trace.csv}"),
     [("no_such_trace.csv", "it.groups[1].utilization.file")], messages=["no_such_trace.csv"])
case("malformed_utilization_trace", "a utilization trace with a bad value on its line 4",
     sub(B, "{type: constant, value: 50 %}", "{type: trace, file: bad_utilization.csv}"),
     [("bad_utilization.csv", "it.groups[1].utilization.file")], messages=["bad_utilization.csv:4:"])
case("malformed_grid_trace", "a grid intensity trace whose times go backwards on its line 5",
     sub(B, "power:\n", "supply:\n  grid: {trace: bad_grid.csv}\npower:\n"),
     [("bad_grid.csv", "supply.grid.trace")], messages=["bad_grid.csv:5:"])
case("missing_grid_trace", "a grid intensity trace that does not exist",
     sub(B, "power:\n", "supply:\n  grid: {trace: no_such_grid.csv}\npower:\n"), [("no_such_grid.csv", "supply.grid.trace")])

# --- lists, dates, consistency ------------------------------------------------------------------
case("daily_values_23", "23 daily values instead of 24", sub(B, "0.6, 0.6, 0.5, 0.5]", "0.6, 0.6, 0.5]"),
     [("        values:", "it.groups[0].utilization.values")], messages=["24"])
case("grid_monthly_11", "11 monthly grid intensities",
     sub(B, "power:\n", "supply:\n  grid:\n    monthly: [300, 300, 300, 300, 300, 300, 300, 300, 300, 300, 300]\npower:\n"),
     [("monthly:", "supply.grid.monthly")], messages=["12"])
case("grid_two_forms", "a grid given both as constant and monthly",
     sub(B, "power:\n", "supply:\n  grid:\n    intensity: 300 g/kWh\n    hourly: [300, 300, 300, 300, 300, 300, 300, 300, 300, 300, 300, 300,\n"
         "             300, 300, 300, 300, 300, 300, 300, 300, 300, 300, 300, 300]\npower:\n"),
     [("    intensity: 300", "supply.grid")], messages=["at most one"])
case("bad_date_day", "February 30th", sub(B, "  start: 2025-07-01", "  start: 2025-02-30"), [("2025-02-30", "period.start")])
case("bad_date_format", "a date written day/month/year", sub(B, "  start: 2025-07-01", "  start: 01/07/2025"),
     [("01/07/2025", "period.start")])
case("liquid_share_without_loop", "a liquid share > 0 but no liquid loop", drop_block(B, "  liquid:", 4),
     [("  plants:", "cooling")], messages=["needs a `liquid` loop"])
case("several_errors", "three unrelated errors, all reported at once",
     sub(sub(sub(B, "      count: 4\n", "      count: -4\n"), "    supply_temp: 22 degC", "    supply_tmp: 22 degC"),
         "  lighting: 1 kW", "  lighting: 1 kelvin"),
     [("count: -4", "it.groups[0].count"), ("supply_tmp", "cooling.air.supply_tmp"), ("1 kelvin", "power.lighting")],
     messages=["3 errors"])

# --- command-line overrides ---------------------------------------------------------------------
case("override_bad_value", "a valid file, a bad --set value", B, [(None, "cooling.liquid.supply_temp")],
     args="--set cooling.liquid.supply_temp=hot", messages=["--set cooling.liquid.supply_temp=hot"])
case("override_bad_path", "a valid file, a misspelt --set path", B, [(None, "cooling.liquid.suply_temp")],
     args="--set cooling.liquid.suply_temp=30degC", messages=["did you mean 'supply_temp'?"])
case("override_out_of_range", "a valid file, a --set value out of range", B, [(None, "cooling.air.units.count")],
     args="--set cooling.air.units.count=0", messages=["--set cooling.air.units.count=0"])


# --- support files ------------------------------------------------------------------------------
def epw_row(day, hour, dry_bulb):
    fields = ["2025", "7", str(day), str(hour), "60", "?9?9?9?9E0?9?9?9?9?9?9?9?9?9?9?9?9?9?9?9*9*9?9",
              str(dry_bulb), "12.0", "77", "101300"] + ["9999"] * 11 + ["4.1"] + ["0"] * 13
    return ",".join(fields[:35]) + "\n"


EPW_HEADER = ("LOCATION,Test Site,-,IRL,test,000000,53.43,-6.25,0.0,85.0\n"
              "DESIGN CONDITIONS,0\nTYPICAL/EXTREME PERIODS,0\nGROUND TEMPERATURES,0\n"
              "HOLIDAYS/DAYLIGHT SAVINGS,No,0,0,0\nCOMMENTS 1,dcsim test file\nCOMMENTS 2,broken on line 11\n"
              "DATA PERIODS,1,1,Data,Sunday, 1/ 1,12/31\n")
SUPPORT = {
    "bad_dry_bulb.epw": (EPW_HEADER + epw_row(1, 1, 15.0) + epw_row(1, 2, 14.5) + epw_row(1, 3, "warm")
                         + epw_row(1, 4, 14.0)).encode(),
    "no_header.epw": (epw_row(1, 1, 15.0) + epw_row(1, 2, 14.5)).encode(),
    "binary.epw": bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0xff, 0xfe, 0x00, 0x01]),
    "bad_utilization.csv": b"timestamp,utilization\n2025-07-01 00:00,0.5\n2025-07-02 00:00,0.6\n2025-07-03 00:00,lots\n",
    "bad_grid.csv": (b"timestamp,intensity_g_per_kwh\n2025-07-01 00:00,300\n2025-07-02 00:00,280\n"
                     b"2025-07-03 00:00,260\n2025-07-02 12:00,250\n"),
}


def write_case(c):
    header = []
    body = c["body"]
    tail_text = f"# {c['about']}\n" + body
    # Lines: header (expect, args?, messages...), then the about line, then the body.
    n_header = 1 + (1 if c["args"] else 0) + len(c["messages"])
    first_body_line = n_header + 2  # after the header and the about line

    def line_of(marker):
        if marker == "":
            return 1
        if marker == "TAIL":  # the raw bytes appended after the body
            return first_body_line + body.count("\n")
        pos = body.find(marker)
        if pos < 0:
            sys.exit(f"make_corpus: {c['name']}: marker '{marker}' not found")
        return first_body_line + body.count("\n", 0, pos)  # the line the marker starts on

    expects = []
    for marker, path in c["expect"]:
        if marker is None:
            expects.append(f"set {path}")
            continue
        expects.append(f"{line_of(marker)} {path}")
    header.append("# expect: " + ", ".join(expects))
    if c["args"]:
        header.append("# args: " + c["args"])
    for m in c["messages"]:  # "@@marker@@" stands for the line of the marker
        header.append("# message: " + re.sub("@@(.*?)@@", lambda g: str(line_of(g.group(1))), m))
    data = ("\n".join(header) + "\n" + tail_text).encode("utf-8") + c["raw_tail"]
    with open(os.path.join(HERE, c["name"] + ".yaml"), "wb") as f:
        f.write(data)


def main():
    for name in os.listdir(HERE):
        if name.endswith(".yaml"):
            os.remove(os.path.join(HERE, name))
    for c in CASES:
        write_case(c)
    for name, data in SUPPORT.items():
        with open(os.path.join(HERE, name), "wb") as f:
            f.write(data)
    print(f"wrote {len(CASES)} broken scenarios and {len(SUPPORT)} support files to {HERE}")


if __name__ == "__main__":
    main()
