# --id evaluates one definition: the results document reports it and no other
# definition as evaluated, and an unknown id is a one-line error.
set -eu
K=$1 CASE=$2 OUT=$3 ROOT=$4
n=$(grep -c '<definition definition_id=' "$OUT/results.xml" || true)
[ "$n" -ge 1 ] || { echo "no definition in results"; exit 1; }
grep '<definition definition_id=' "$OUT/results.xml" | grep -v 'oval:t:def:7"' | grep -v 'result="not evaluated"' && { echo "other definitions evaluated"; exit 1; }
if "$K" oval eval --root "$ROOT" --id oval:t:def:999 "$DEFS" >"$OUT/o" 2>"$OUT/e"; then echo "unknown id accepted"; exit 1; fi
grep -q "oval:t:def:999" "$OUT/e"
[ "$(wc -l <"$OUT/e")" -eq 1 ]
