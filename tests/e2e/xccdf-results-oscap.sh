#!/bin/sh
# XCCDF results and ARF that other SCAP tools read: `kensa xccdf eval`
# evaluates a small benchmark with its OVAL file (tests/e2e/data/xres-*)
# on a root built here, writes --results, --results-arf and --oval-results,
# and then
#   - every document validates against the official schemas (through the
#     wrappers in data/schemas/),
#   - the rule results are the expected ones (pass, fail through an
#     exported value, notchecked for an unsupported check system),
#   - `oscap xccdf generate report` renders both the XCCDF results and the
#     ARF (exit 0, HTML naming every rule).
# Usage: sh xccdf-results-oscap.sh KENSA. Exits 77 (skip) when kensa has no
# `xccdf eval` yet or oscap/xmllint are missing; run.sh counts any non-zero
# exit as a failure.
set -u
KENSA=${1:?usage: xccdf-results-oscap.sh KENSA}
HERE=$(cd "$(dirname "$0")" && pwd)
DATA=$HERE/data
SCHEMAS=$HERE/../../data/schemas

if ! "$KENSA" xccdf eval --help >/dev/null 2>&1; then
	echo "SKIP: $KENSA has no 'xccdf eval'"
	exit 77
fi
for tool in oscap xmllint; do
	command -v "$tool" >/dev/null 2>&1 || { echo "SKIP: no $tool"; exit 77; }
done

TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

root=$TMP/root
mkdir -p "$root/etc" "$TMP/out"
printf 'enabled=1\nmode=loose\n' >"$root/etc/xres.conf"
echo e2e-host >"$root/etc/hostname"

# --oval-results writes into the current directory, as oscap does.
cd "$TMP/out" || fail "cd"
"$KENSA" xccdf eval --root "$root" --profile strict \
    --results "$TMP/out/results.xml" --results-arf "$TMP/out/arf.xml" \
    --oval-results "$DATA/xres-xccdf.xml" >"$TMP/stdout" 2>"$TMP/stderr"
status=$?
# One rule fails: oscap's exit code 2.
[ "$status" -eq 2 ] || fail "exit $status, expected 2: $(head -5 "$TMP/stderr")"
for f in results.xml arf.xml xres-oval.xml.result.xml; do
	[ -s "$f" ] || fail "$f not written"
done

xmllint --noout --schema "$SCHEMAS/xccdf-results-all.xsd" results.xml \
    >"$TMP/v1" 2>&1 || fail "results.xml: $(grep -v Skipping "$TMP/v1" | head -5)"
xmllint --noout --schema "$SCHEMAS/arf-all.xsd" arf.xml \
    >"$TMP/v2" 2>&1 || fail "arf.xml: $(grep -v Skipping "$TMP/v2" | head -5)"
xmllint --noout --schema "$SCHEMAS/oval-results-all.xsd" \
    xres-oval.xml.result.xml >"$TMP/v3" 2>&1 ||
    fail "OVAL results: $(head -5 "$TMP/v3")"

# The rule results, read back with XPath.
x() {
	xmllint --xpath "$2" "$1" 2>/dev/null
}
rr="//*[local-name()='rule-result']"
res="/*[local-name()='result']/text()"
[ "$(x results.xml "$rr[@idref='xccdf_org.kensa_rule_enabled']$res")" = pass ] ||
    fail "rule_enabled is not pass"
[ "$(x results.xml "$rr[@idref='xccdf_org.kensa_rule_mode']$res")" = fail ] ||
    fail "rule_mode is not fail"
[ "$(x results.xml "$rr[@idref='xccdf_org.kensa_rule_manual']$res")" = notchecked ] ||
    fail "rule_manual is not notchecked"
[ "$(x results.xml "string(//*[local-name()='set-value']/@idref)")" = xccdf_org.kensa_value_mode ] ||
    fail "no set-value for the exported Value"
[ "$(x arf.xml "string($rr[@idref='xccdf_org.kensa_rule_mode']/*[local-name()='check']/*[local-name()='check-content-ref']/@href)")" = "#oval0" ] ||
    fail "ARF check-content-ref does not point at the OVAL report"

# A plain benchmark's OVAL file is not in the report request: its results
# in the ARF carry the definitions.
[ "$(x arf.xml "count(//*[local-name()='oval_results']/*[local-name()='oval_definitions'])")" = 1 ] ||
    fail "ARF OVAL results lack the definitions of a plain benchmark's OVAL file"

for doc in results.xml arf.xml; do
	oscap xccdf generate report "$doc" >"$doc.html" 2>"$TMP/oscap.err" ||
	    fail "oscap xccdf generate report $doc: $(head -5 "$TMP/oscap.err")"
	for id in enabled mode manual; do
		grep -q "xccdf_org.kensa_rule_$id" "$doc.html" ||
		    fail "$doc.html lacks xccdf_org.kensa_rule_$id"
	done
done
echo "xccdf-results-oscap: ok"
