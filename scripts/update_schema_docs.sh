#!/bin/sh
# Regenerates the scenario key reference in scenarios/README.md (between the GENERATED markers) and
# scenarios/scenario.schema.json from the schema compiled into dcsim. Run after changing the scenario
# format (app/scenario_schema.cpp, app/equipment_registry.cpp); tests/app/test_cli.cpp fails until
# the committed files match the binary.
#   scripts/update_schema_docs.sh [path/to/dcsim]      (default: build/dcsim)
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
dcsim=${1:-$root/build/dcsim}
readme=$root/scenarios/README.md
begin='<!-- BEGIN GENERATED: dcsim schema (scripts/update_schema_docs.sh) -->'
end='<!-- END GENERATED -->'
[ -x "$dcsim" ] || { echo "update_schema_docs.sh: no dcsim binary at $dcsim (build first)" >&2; exit 1; }
grep -qxF "$begin" "$readme" && grep -qxF "$end" "$readme" ||
  { echo "update_schema_docs.sh: $readme lacks the GENERATED marker lines" >&2; exit 1; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$dcsim" schema --format markdown -o "$tmp/keys.md"
"$dcsim" schema --format json -o "$tmp/scenario.schema.json"
# Hand-written part, marker, generated reference, marker, whatever follows the end marker.
awk -v begin="$begin" -v end="$end" -v gen="$tmp/keys.md" '
  $0 == begin { print; while ((getline line < gen) > 0) print line; skip = 1; next }
  $0 == end   { skip = 0 }
  !skip       { print }' "$readme" > "$tmp/README.md"
mv "$tmp/README.md" "$readme"
mv "$tmp/scenario.schema.json" "$root/scenarios/scenario.schema.json"
echo "updated $readme and $root/scenarios/scenario.schema.json"
