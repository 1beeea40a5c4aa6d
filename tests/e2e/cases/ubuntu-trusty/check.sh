# The feed (20 MB) was parsed by two threads, libxml2 beside the model
# (oval/parse_sax.c does so from 2 MB on, with two cores): parsed by one,
# the same definition results and the same results document, but for the
# generator timestamps. That run also leaves its model and session to exit
# (KENSA_FREE_AT_EXIT=0, as release builds do; this one frees otherwise):
# the sanitizers see no leak and nothing else changes.
set -eu
K=$1 OUT=$3 ROOT=$4
KENSA_FREE_AT_EXIT=0 KENSA_PARSE_PIPELINE=never "$K" oval eval --root "$ROOT" \
    --results "$OUT/results-1.xml" "$DEFS" >"$OUT/stdout-1"
cmp "$OUT/stdout" "$OUT/stdout-1"
grep -v '<timestamp>\|<oval:timestamp>' "$OUT/results.xml" >"$OUT/r2"
grep -v '<timestamp>\|<oval:timestamp>' "$OUT/results-1.xml" >"$OUT/r1"
cmp "$OUT/r1" "$OUT/r2"
[ "$(wc -l <"$OUT/r1")" -gt 1000 ]
