#!/bin/sh
# End-to-end test of inline check content: `kensa xccdf eval` on
# tests/unit/xccdf/data/xev-inline.xml, whose OVAL checks carry their
# oval_definitions inside <check-content> (XCCDF 1.2 checkContentType) instead
# of a check-content-ref, on a root the test builds. Checks the rule results
# (pass, fail, fallback from an unresolvable ref, multi-check instances,
# check-export, notchecked for content that is not OVAL and for another check
# system), the check-import warnings (nothing is imported for OVAL), that the
# XCCDF results, ARF and the OVAL results of every inline document validate
# against the official schemas, and that ARF reports each inline document.
# Usage: sh xccdf-inline.sh KENSA. Exits non-zero naming the failed check.
set -u
KENSA=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
HERE=$(cd "$(dirname "$0")" && pwd)
B=$HERE/../unit/xccdf/data/xev-inline.xml
S=/usr/share/openscap/schemas
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fail() { echo "FAIL: xccdf-inline: $*"; exit 1; }
note() { echo "ok: $*"; }

[ -f "$S/xccdf/1.2/xccdf_1.2.xsd" ] || fail "no XCCDF 1.2 schema (openscap-common)"
mkdir -p "$T/root/etc/xev" "$T/out"
printf 'enabled=yes\nmaxlen=8\n' >"$T/root/etc/xev/a.conf"
(cd "$T/out" && "$KENSA" xccdf eval --progress --root "$T/root" --results results.xml \
    --results-arf arf.xml --oval-results "$B") >"$T/out/stdout" 2>"$T/out/stderr"
st=$?
[ $st = 2 ] || fail "exit $st, want 2 (a rule fails): $(cat "$T/out/stderr")"
got() {	# got RULE RESULT [N]: N progress lines (default 1) RULE:RESULT
	n=$(grep -cx "xccdf_org.kensa_rule_$1:$2" "$T/out/stdout")
	[ "$n" = "${3:-1}" ] || fail "rule $1: $n lines '$2', want ${3:-1}: $(grep "_rule_$1:" "$T/out/stdout" | tr '\n' ' ')"
}
got inline_pass pass
got inline_fail fail
got inline_fallback pass
got inline_multi pass
got inline_multi fail
got inline_export pass
got inline_empty notchecked
got inline_other notchecked
got import pass
note "inline OVAL content evaluated like referenced content; other content notchecked"

for n in stdout oval_results; do
	grep -q "check-import '$n': the OVAL check system defines no import-name; nothing is imported" "$T/out/stderr" ||
	    fail "no warning for check-import $n: $(cat "$T/out/stderr")"
done
note "check-import: one warning per import-name, nothing imported"

xmllint --noout --schema "$S/xccdf/1.2/xccdf_1.2.xsd" "$T/out/results.xml" 2>"$T/v.log" ||
    fail "XCCDF results do not validate: $(grep -v validates "$T/v.log" | head -3)"
python3 - "$T/out/results.xml" <<'PYEOF' || fail "the rule-result does not record the inline content"
import sys, xml.etree.ElementTree as ET
x = "{http://checklists.nist.gov/xccdf/1.2}"
o = "{http://oval.mitre.org/XMLSchema/oval-definitions-5}"
tr = ET.parse(sys.argv[1]).getroot().find(x + "TestResult")
for rr in tr.iter(x + "rule-result"):
    if rr.get("idref") == "xccdf_org.kensa_rule_inline_pass":
        cc = rr.find(x + "check/" + x + "check-content")
        sys.exit(0 if cc is not None and cc.find(o + "oval_definitions") is not None else 1)
sys.exit(1)
PYEOF
n=0
for f in "$T"/out/xccdf_org.kensa_rule_*-check-content.xml.result.xml; do
	[ -f "$f" ] || continue
	xmllint --noout --schema "$S/oval/5.11.3/oval-results-schema.xsd" "$f" 2>"$T/v.log" ||
	    fail "$(basename "$f") does not validate: $(grep -v validates "$T/v.log" | head -3)"
	n=$((n + 1))
done
[ $n = 6 ] || fail "$n OVAL results files, want 6 (one per inline document): $(ls "$T/out")"
grep -q 'oval:xin.multi:def:2' "$T/out/xccdf_org.kensa_rule_inline_multi-check-content.xml.result.xml" ||
    fail "the multi-check document's results lack its definitions"
note "XCCDF results and the OVAL results of each inline document validate"

if [ -f "$S/arf/1.1/asset-reporting-format_1.1.0.xsd" ]; then
	xmllint --noout --schema "$S/arf/1.1/asset-reporting-format_1.1.0.xsd" "$T/out/arf.xml" 2>"$T/v.log" ||
	    fail "ARF does not validate: $(grep -v validates "$T/v.log" | head -3)"
fi
r=$(grep -c '<arf:report id="oval' "$T/out/arf.xml")
[ "$r" = 6 ] || fail "ARF has $r OVAL reports, want 6"
note "ARF reports each inline document"
echo "xccdf-inline: all checks passed"
