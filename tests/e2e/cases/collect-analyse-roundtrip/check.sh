# `oval collect` writes system characteristics that validate; `oval analyse`
# of them gives the same definition results as `oval eval` on the root.
set -eu
K=$1 CASE=$2 OUT=$3 ROOT=$4
"$K" oval collect --root "$ROOT" --syschar "$OUT/sc.xml" "$DEFS" >"$OUT/collect.out"
[ ! -s "$OUT/collect.out" ] || grep -v '^Definition' "$OUT/collect.out" >/dev/null || { echo "collect printed results"; exit 1; }
xmllint --noout --schema "$CASE/../../../../data/schemas/oval-syschar-all.xsd" "$OUT/sc.xml"
"$K" oval analyse --results "$OUT/res2.xml" "$DEFS" "$OUT/sc.xml" | sort >"$OUT/analyse.out"
grep '^Definition' "$OUT/stdout" | sort >"$OUT/eval.out"
diff "$OUT/eval.out" "$OUT/analyse.out"
xmllint --noout --schema "$CASE/../../../../data/schemas/oval-results-all.xsd" "$OUT/res2.xml"
