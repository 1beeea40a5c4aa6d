# Findings from a vendor feed excerpt (five trusty definitions) on a root
# with packages below, at and above the fixed versions, scored from a
# VULDEF and a JVNRSS fixture: exactly the expected findings, scores and
# sources; an invalid vector kept raw with the reason; "no CVSS" with the
# vendor's severity. Then the store saved by --update-vulnstore is loaded
# (no XML) for a Japanese run, and a named store that is missing fails.
# kensa scan with the same definitions writes the same findings into
# --output, prints the table and exits 2 unless --fail-on is above them.
set -eu
K=$1 CASE=$2 OUT=$3 ROOT=$4
XSD="$CASE/../../../../data/schemas/kensa-findings-1.xsd"
xmllint --noout --schema "$XSD" "$OUT/findings.xml"
xsltproc "$CASE/findings.xsl" "$OUT/findings.xml" >"$OUT/findings.en"
diff "$CASE/findings.en.expect" "$OUT/findings.en"
head -1 "$OUT/store.kvs" | grep -q '^kensa-vulnstore	2	'
"$K" oval eval --root "$ROOT" --lang ja --vulnstore "$OUT/store.kvs" \
    --findings "$OUT/findings-ja.xml" "$DEFS" >/dev/null
xmllint --noout --schema "$XSD" "$OUT/findings-ja.xml"
xsltproc "$CASE/findings.xsl" "$OUT/findings-ja.xml" >"$OUT/findings.ja"
diff "$CASE/findings.ja.expect" "$OUT/findings.ja"
if "$K" oval eval --root "$ROOT" --vulnstore "$OUT/none.kvs" \
    --findings "$OUT/f.xml" "$DEFS" >/dev/null 2>"$OUT/err"; then
	echo "a missing named store was accepted"; exit 1
fi
grep -q 'none.kvs: no vulnerability store' "$OUT/err"
mkdir -p "$OUT/scan"
st=0
"$K" scan --root "$ROOT" --lang en --definitions "$DEFS" \
    --vulnstore "$OUT/store.kvs" --output "$OUT/scan" >"$OUT/scan.out" || st=$?
[ "$st" -eq 2 ] || { echo "scan exit $st, expected 2"; exit 1; }
grep -Eq '^high +8\.1  CVE-2016-3706 +libc6 +0:2\.19-0ubuntu6\.6 -> 0:2\.19-0ubuntu6\.10$' "$OUT/scan.out"
grep -Eq '^low +-  CVE-2011-4968 +nginx-common ' "$OUT/scan.out"
grep -q '^findings: 3 (critical 0, high 1, medium 1, low 1' "$OUT/scan.out"
xmllint --noout --schema "$XSD" "$OUT/scan/findings.xml"
xsltproc "$CASE/findings.xsl" "$OUT/scan/findings.xml" | diff "$CASE/findings.en.expect" -
"$K" scan --root "$ROOT" --definitions "$DEFS" --vulnstore "$OUT/store.kvs" \
    --output "$OUT/scan" --fail-on critical >/dev/null
st=0
"$K" scan --root "$ROOT" --definitions "$DEFS" --vulnstore "$OUT/store.kvs" \
    --output "$OUT/scan" --fail-on medium >/dev/null || st=$?
[ "$st" -eq 2 ] || { echo "--fail-on medium: exit $st"; exit 1; }
# The same definitions as checks of XCCDF rules: the three true
# vulnerability definitions make their rules fail (exit 2), and
# xccdf eval --findings writes the same findings.
st=0
"$K" xccdf eval --quiet --root "$ROOT" --lang en --vulnstore "$OUT/store.kvs" \
    --results "$OUT/xccdf-results.xml" --findings "$OUT/xccdf-findings.xml" \
    "$CASE/xccdf.xml" >/dev/null || st=$?
[ "$st" -eq 2 ] || { echo "xccdf eval exit $st, expected 2"; exit 1; }
xmllint --noout --schema "$XSD" "$OUT/xccdf-findings.xml"
xsltproc "$CASE/findings.xsl" "$OUT/xccdf-findings.xml" | diff "$CASE/findings.en.expect" -
[ "$(grep -c '<result>fail</result>' "$OUT/xccdf-results.xml")" -eq 3 ]
[ "$(grep -c '<result>pass</result>' "$OUT/xccdf-results.xml")" -eq 2 ]
