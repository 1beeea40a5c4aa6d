#!/bin/sh
# End-to-end test of `kensa report`: renders the fixtures of data/report/
# (ARF as oscap writes it, the same ARF without oval_definitions as kensa
# writes it, XCCDF 1.2 and 1.1 results) in Japanese and English; checks
# that the HTML parses (xmllint --html), that every count shown equals the
# count computed from the XML with XPath, that the OVAL items are capped,
# that content-supplied scripts are dropped; then loads each page in
# headless Chromium: a screenshot must be produced, the DOM dumped after
# the page's script ran must carry the counts and the script's marker, and
# the console must show no uncaught error. Bad inputs must fail with one
# stderr line naming the file.
# Usage: sh report-html.sh KENSA. The pages, screenshots and DOM dumps are
# kept in $KENSA_E2E_OUT/report-html (default: ${TMPDIR:-/tmp}/kensa-e2e/
# report-html), emptied at the start of each run.
set -u
KENSA=$1
HERE=$(cd "$(dirname "$0")" && pwd)
DATA=$HERE/data/report
OUT=${KENSA_E2E_OUT:-${TMPDIR:-/tmp}/kensa-e2e}/report-html
rm -rf "$OUT"
mkdir -p "$OUT" || exit 1
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
# Everything the kensa under test reads comes from the source tree.
export KENSA_DATADIR="$HERE/../../data"

die() { echo "report-html: FAIL: $*"; exit 1; }

# count XML XPATH: an XPath number over the results document
xcount() { xmllint --xpath "$2" "$1" 2>/dev/null; }
# shown HTML ID: the data-count attribute of element ID in the page
shown() {
	xmllint --html --xpath "string(//*[@id='$2']/@data-count)" "$1" 2>/dev/null
}

RR="//*[local-name()='rule-result']"
RES="*[local-name()='result']"

check_page() {	# check_page XML HTML LANG
	xml=$1 html=$2 lang=$3
	# libxml2's HTML parser knows HTML 4 only: HTML5 elements are the only
	# complaints allowed.
	xmllint --html --noout "$html" 2>"$T/lint" || die "$html: xmllint exit"
	if grep 'error' "$T/lint" | grep -Ev 'Tag (header|section|footer|details|summary) invalid' \
	    | grep -q .; then
		die "$html: $(grep error "$T/lint" | grep -Ev 'Tag (header|section|footer|details|summary) invalid' | head -2)"
	fi
	total=$(xcount "$xml" "count($RR/$RES)")
	[ "$total" -gt 0 ] || die "$xml: no rule results?"
	[ "$(shown "$html" count-total)" = "$total" ] ||
	    die "$html: total $(shown "$html" count-total), XML has $total"
	for r in pass fail error unknown notapplicable notchecked notselected \
	    informational fixed; do
		want=$(xcount "$xml" "count($RR/$RES[.='$r'])")
		got=$(shown "$html" "count-$r")
		[ "$got" = "$want" ] || die "$html: $r shows '$got', XML has $want"
		rows=$(xmllint --html --xpath "count(//tr[@data-result='$r'])" "$html" 2>/dev/null)
		[ "$rows" = "$want" ] || die "$html: $rows rows of $r, XML has $want"
	done
	for s in high medium low info unknown; do
		if [ "$s" = unknown ]; then
			sel="[not(@severity) or @severity='unknown']"
		else
			sel="[@severity='$s']"
		fi
		want=$(xcount "$xml" "count($RR[$RES='fail']$sel)")
		got=$(shown "$html" "count-fail-$s")
		[ "$got" = "$want" ] || die "$html: failed $s shows '$got', XML has $want"
	done
	ns=$(xcount "$xml" "count($RR/$RES[.='notselected'])")
	[ "$(shown "$html" shown)" = "$((total - ns))" ] ||
	    die "$html: $(shown "$html" shown) rows shown, expected $((total - ns))"
	grep -q 'alert(1)' "$html" && die "$html: a content-supplied script was copied"
	grep -q '<script src\|<link \|<img ' "$html" && die "$html: external resource"
	if [ "$lang" = ja ]; then
		grep -q '不適合' "$html" || die "$html: no Japanese result names"
		grep -q 'lang="ja"' "$html" || die "$html: html lang is not ja"
	else
		grep -q '>fail<' "$html" || die "$html: no English result names"
		grep -q '不適合' "$html" && die "$html: Japanese text in the English page"
	fi
	return 0
}

n=0
for f in arf-oscap arf-nodefs xccdf12-results xccdf11-results; do
	xml=$DATA/$f.xml
	[ -f "$xml" ] || die "missing fixture $xml"
	for lang in ja en; do
		html=$OUT/$f-$lang.html
		"$KENSA" report --lang "$lang" --output "$html" "$xml" 2>"$T/err" ||
		    die "$f $lang: exit $?: $(cat "$T/err")"
		[ -s "$html" ] || die "$html: empty"
		check_page "$xml" "$html" "$lang"
		n=$((n + 1))
	done
done

# Language from the locale, output to standard output.
LC_ALL= LC_MESSAGES= LANG=ja_JP.UTF-8 "$KENSA" report "$DATA/arf-oscap.xml" >"$OUT/locale-ja.html" ||
    die "report to stdout failed"
grep -q '不適合' "$OUT/locale-ja.html" || die "LANG=ja_JP.UTF-8 did not give Japanese"
LC_ALL=C "$KENSA" report "$DATA/arf-oscap.xml" >"$OUT/locale-c.html" || die "LC_ALL=C failed"
grep -q '不適合' "$OUT/locale-c.html" && die "LC_ALL=C gave Japanese"

# OVAL evidence: the items capped at 20 of 25 in both ARF shapes, the
# texts of tests and definitions.
for f in arf-oscap arf-nodefs; do
	h=$OUT/$f-en.html
	grep -q 'data-count="5">5 more items not shown' "$h" || die "$h: item cap"
	# a header row and 20 items, never more
	[ "$(xmllint --html --xpath "count(//table[@class='it'][count(tr) = 21])" "$h" 2>/dev/null)" = 1 ] ||
	    die "$h: no item table of 20 rows"
	[ "$(xmllint --html --xpath "count(//table[@class='it'][count(tr) > 21])" "$h" 2>/dev/null)" = 0 ] ||
	    die "$h: an item table of more than 20 rows"
	grep -q 'Collected items: 25' "$h" || die "$h: no item count"
done
grep -q 'lines of kensa-list are not x' "$OUT/arf-oscap-en.html" || die "no test comment"
# without oval_definitions in the results, the texts come from the data
# stream in the report request
grep -q 'lines of kensa-list are not x' "$OUT/arf-nodefs-en.html" || die "no test comment from the data stream"
grep -q 'list has no x' "$OUT/arf-nodefs-en.html" || die "no definition title from the data stream"
grep -q 'oval:org.kensa.test:tst:3' "$OUT/arf-nodefs-en.html" || die "no test id without definitions"
grep -q '<code class="sub">5</code>' "$OUT/arf-oscap-en.html" || die "sub not rendered with the profile's value"
grep -q 'レポート用テストベンチマーク' "$OUT/arf-oscap-ja.html" || die "no Japanese benchmark title"

# Bad inputs: exit 1, one stderr line naming the file.
expect_fail() {	# expect_fail NAME PATTERN ARGS...
	name=$1 pat=$2; shift 2
	"$KENSA" report "$@" >"$T/out" 2>"$T/err"
	st=$?
	[ "$st" = 1 ] || die "$name: exit $st, expected 1"
	[ "$(wc -l <"$T/err")" = 1 ] || die "$name: stderr is not one line: $(cat "$T/err")"
	grep -Eq -- "$pat" "$T/err" || die "$name: '$(cat "$T/err")' lacks /$pat/"
}
expect_fail missing 'nonexistent\.xml' "$T/nonexistent.xml"
printf '<TestResult xmlns="http://checklists.nist.gov/xccdf/1.2"' >"$T/broken.xml"
expect_fail malformed 'broken\.xml' "$T/broken.xml"
expect_fail benchmark 'bench\.xml.*TestResult' "$DATA/bench.xml"
expect_fail oval 'oval\.xml.*not an ARF' "$DATA/oval.xml"
expect_fail lang 'ja or en' --lang fr "$DATA/arf-oscap.xml"
expect_fail usage 'RESULTS'
(export KENSA_DATADIR="$T"; expect_fail nostyle 'report\.xsl' "$DATA/arf-oscap.xml") || exit 1
echo keep >"$OUT/keep.html"
"$KENSA" report --output "$OUT/keep.html" "$T/nonexistent.xml" 2>/dev/null
[ "$(cat "$OUT/keep.html")" = keep ] || die "a failed run replaced the output"
rm -f "$OUT/keep.html"

# A real browser: the page loads, its script runs, nothing is uncaught.
CHROMIUM=$(command -v chromium || command -v chromium-browser || true)
[ -n "$CHROMIUM" ] || die "chromium is not installed (Debian package chromium)"
for page in arf-oscap-ja arf-oscap-en xccdf11-results-en; do
	url="file://$OUT/$page.html"
	timeout 120 "$CHROMIUM" --headless --no-sandbox --disable-gpu \
	    --user-data-dir="$T/chrome" --screenshot="$OUT/$page.png" \
	    --window-size=1280,2000 "$url" >"$T/shot.log" 2>&1 ||
	    die "$page: chromium --screenshot failed: $(tail -2 "$T/shot.log")"
	[ -s "$OUT/$page.png" ] || die "$page: no screenshot"
	timeout 120 "$CHROMIUM" --headless --no-sandbox --disable-gpu \
	    --user-data-dir="$T/chrome" --enable-logging=stderr --v=0 \
	    --dump-dom "$url" >"$OUT/$page.dom.html" 2>"$OUT/$page.console.log" ||
	    die "$page: chromium --dump-dom failed"
	grep -q 'Uncaught' "$OUT/$page.console.log" &&
	    die "$page: $(grep Uncaught "$OUT/$page.console.log" | head -1)"
	grep -q 'data-ready="1"' "$OUT/$page.dom.html" ||
	    die "$page: the page's script did not run to its end"
	src=$OUT/$page.html
	for id in count-total count-pass count-fail count-notchecked count-notselected shown; do
		want=$(shown "$src" "$id")
		grep -q "id=\"$id\" data-count=\"$want\"" "$OUT/$page.dom.html" ||
		    die "$page: $id=$want missing from the browser's DOM"
	done
done
# The filter: only the rules not selected (hidden by default) are shown.
url="file://$OUT/arf-oscap-en.html#results=notselected"
timeout 120 "$CHROMIUM" --headless --no-sandbox --disable-gpu \
    --user-data-dir="$T/chrome" --dump-dom "$url" >"$OUT/filter.dom.html" 2>/dev/null ||
    die "filter: chromium --dump-dom failed"
ns=$(shown "$OUT/arf-oscap-en.html" count-notselected)
grep -q "id=\"shown\" data-count=\"$ns\"" "$OUT/filter.dom.html" ||
    die "filter: #results=notselected does not show the $ns rules not selected"
[ "$(grep -o '<tr class="rule" data-result="[a-z]*" data-severity="[a-z]*">' "$OUT/filter.dom.html" | grep -c .)" = "$ns" ] ||
    die "filter: visible rows are not the rules not selected"
[ -s "$OUT/arf-oscap-ja.png" ] || die "no screenshot"
echo "report-html: $n pages checked; pages and screenshots in $OUT"
