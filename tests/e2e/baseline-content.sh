#!/bin/sh
# End-to-end test of kensa's embedded default checklist
# (data/content/kensa-baseline-*.xml), run by tests/e2e/run.sh as
#   sh tests/e2e/baseline-content.sh KENSA
# 1. The four documents validate against the official schemas (XCCDF 1.2,
#    OVAL 5.11.2 through data/schemas/oval-results-all.xsd, CPE dictionary
#    2.3), every title, description and rationale has an English and a
#    Japanese variant, and every check reference names an OVAL definition
#    that exists.
# 2. When `kensa xccdf eval` exists: fixture roots from
#    tests/e2e/fixtures/baseline-root.sh (Debian, Ubuntu, Red Hat; good and
#    bad) are evaluated with both profiles and every rule result is compared
#    with tests/e2e/data/baseline/*.expect. Not a test of the engine's
#    corner cases (the unit tests and the other e2e cases do that).
set -u
KENSA=$1
HERE=$(cd "$(dirname "$0")" && pwd)
TOP=$(cd "$HERE/../.." && pwd)
C=$TOP/data/content
S=/usr/share/openscap/schemas
EXP=$HERE/data/baseline
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
fail=0
bad() { echo "FAIL: $*"; fail=1; }

# ---- 1. the documents
xmllint --noout --schema "$S/xccdf/1.2/xccdf_1.2.xsd" "$C/kensa-baseline-xccdf.xml" 2>"$TMP/v" ||
	bad "XCCDF does not validate: $(grep -v validates "$TMP/v" | head -3)"
for f in kensa-baseline-oval.xml kensa-baseline-cpe-oval.xml; do
	xmllint --noout --schema "$TOP/data/schemas/oval-results-all.xsd" "$C/$f" 2>"$TMP/v" ||
		bad "$f does not validate: $(grep -v validates "$TMP/v" | head -3)"
done
xmllint --noout --schema "$S/cpe/2.3/cpe-dictionary_2.3.xsd" "$C/kensa-baseline-cpe-dictionary.xml" 2>"$TMP/v" ||
	bad "CPE dictionary does not validate: $(grep -v validates "$TMP/v" | head -3)"

X="$C/kensa-baseline-xccdf.xml"
xp() { xmllint --xpath "$1" "$X" 2>/dev/null; }
NSX="namespace-uri()='http://checklists.nist.gov/xccdf/1.2'"
for el in title description rationale; do
	en=$(xp "count(//*[local-name()='$el' and $NSX and @xml:lang='en'])")
	ja=$(xp "count(//*[local-name()='$el' and $NSX and @xml:lang='ja'])")
	if [ "$en" != "$ja" ] || [ "$en" -eq 0 ]; then
		bad "$el: $en English, $ja Japanese variants"
	fi
done
rules=$(xp "count(//*[local-name()='Rule'])")
[ "$rules" -ge 30 ] || bad "only $rules rules"
# Every Rule has one English and one Japanese title, description, rationale.
for el in title description rationale; do
	n=$(xp "count(//*[local-name()='Rule' and count(*[local-name()='$el' and @xml:lang='ja'])=1 and count(*[local-name()='$el' and @xml:lang='en'])=1])")
	[ "$n" = "$rules" ] || bad "$el: only $n of $rules rules have one en and one ja variant"
done
xp "//*[local-name()='check-content-ref']/@name" | tr ' ' '\n' | sed -n 's/^name="\(.*\)"$/\1/p' | sort -u >"$TMP/refs"
grep -o 'definition id="[^"]*"' "$C/kensa-baseline-oval.xml" | sed 's/definition id="//; s/"$//' | sort -u >"$TMP/defs"
missing=$(comm -23 "$TMP/refs" "$TMP/defs")
[ -z "$missing" ] || bad "check-content-refs without a definition: $missing"
[ "$(wc -l <"$TMP/refs")" = "$rules" ] || bad "$(wc -l <"$TMP/refs") distinct checks for $rules rules"
xmllint --xpath "//*[local-name()='check']/text()" "$C/kensa-baseline-cpe-dictionary.xml" |
    tr -s ' \n' '\n' | grep . | sort -u >"$TMP/cperefs"
grep -o 'definition id="[^"]*"' "$C/kensa-baseline-cpe-oval.xml" | sed 's/definition id="//; s/"$//' | sort -u >"$TMP/cpedefs"
[ -z "$(comm -23 "$TMP/cperefs" "$TMP/cpedefs")" ] || bad "CPE checks without a definition: $(comm -23 "$TMP/cperefs" "$TMP/cpedefs")"
echo "documents: $rules rules checked"

# ---- 2. evaluation on fixture roots
if ! "$KENSA" xccdf eval --help >/dev/null 2>&1; then
	echo "SKIP: '$KENSA xccdf eval' is not available yet; only the documents were checked"
	exit $fail
fi
if [ "$(id -u)" != 0 ]; then
	echo "SKIP: the fixture roots set owners (chown): run as root to evaluate them"
	exit $fail
fi
distros="debian ubuntu"
if command -v rpmbuild >/dev/null && command -v rpmsign >/dev/null && command -v gpg >/dev/null; then
	distros="$distros rhel"
else
	echo "SKIP: rhel roots (rpmbuild, rpmsign or gpg missing)"
fi
n=0
for d in $distros; do
	for v in good bad; do
		root=$TMP/$d-$v
		if ! sh "$HERE/fixtures/baseline-root.sh" "$root" "$v" "$d" >"$TMP/$d-$v.log" 2>&1; then
			bad "baseline-root.sh $v $d: $(tail -2 "$TMP/$d-$v.log")"; continue
		fi
		for p in standard server; do
			want=$EXP/$d-$v.expect
			[ "$v" = bad ] && [ "$p" = server ] && want=$EXP/$d-$v-server.expect
			out=$TMP/$d-$v-$p
			"$KENSA" xccdf eval --root "$root" --profile "xccdf_org.kensa_profile_$p" \
			    --cpe "$C/kensa-baseline-cpe-dictionary.xml" --results "$out.xml" \
			    --progress "$C/kensa-baseline-xccdf.xml" "$C/kensa-baseline-oval.xml" \
			    >"$out.stdout" 2>"$out.stderr"
			st=$?
			ws=0; [ "$v" = bad ] && ws=2
			[ "$st" = "$ws" ] || bad "$d $v $p: exit $st, expected $ws: $(head -3 "$out.stderr")"
			grep '^xccdf_' "$out.stdout" | sed 's/:\([a-z]*\)$/ \1/' | sort >"$out.got"
			grep -v '^#' "$want" | grep . | sort >"$out.want"
			if ! cmp -s "$out.want" "$out.got"; then
				bad "$d $v $p: results differ from $(basename "$want") (< expected, > kensa):"
				diff "$out.want" "$out.got" | grep '^[<>]' | head -20
			fi
			[ -s "$out.xml" ] || bad "$d $v $p: no XCCDF results written"
			n=$((n + 1))
		done
	done
done
echo "evaluations: $n (distributions: $distros)"
exit $fail
