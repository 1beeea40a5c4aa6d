# Findings for Red Hat's RHSA-2020:1980 (OVAL v2, cvss3 in the advisory) on
# the rpm fixture root. As shipped the definition is false (the fixture is
# not signed with Red Hat's key): an empty, valid findings document. With
# the fixture's key it is true: one finding, git installed below the fixed
# version, Red Hat's CVSS 3.1 score shown (the vendor wins over JVN's 3.1
# score for a distribution package), JVN's scores kept as evidence; the
# store saved by --update-vulnstore holds Red Hat's cvss3 for the CVE.
set -eu
K=$1 CASE=$2 OUT=$3 ROOT=$4
XSD="$CASE/../../../../data/schemas/kensa-findings-1.xsd"
xmllint --noout --schema "$XSD" "$OUT/findings.xml"
grep -q '<summary total="0" ' "$OUT/findings.xml"
grep -q '^S	vendor	Red Hat	3.1	CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N	7.5	$' "$OUT/none.kvs"
key=$(cat "$ROOT/.fixture/keyid")
sed "s/199e2f91fd431d51/$key/g" "$DEFS" >"$OUT/defs-key.xml"
"$K" oval eval --root "$ROOT" --lang en --vulnstore "$OUT/none.kvs" \
    --jvn "$CASE/vuldef.xml" --findings "$OUT/findings-key.xml" \
    "$OUT/defs-key.xml" >/dev/null
xmllint --noout --schema "$XSD" "$OUT/findings-key.xml"
xsltproc "$CASE/../findings-trusty/findings.xsl" "$OUT/findings-key.xml" >"$OUT/findings.en"
diff "$CASE/findings.en.expect" "$OUT/findings.en"
grep -q '<advisory>RHSA-2020:1980</advisory>' "$OUT/findings-key.xml"
