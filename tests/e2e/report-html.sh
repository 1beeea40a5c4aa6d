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
# Findings (issue 5): on the trusty findings fixture (tests/e2e/cases/
# findings-trusty: its root, feed and JVN files), the reports of kensa scan,
# kensa xccdf eval --findings --report and kensa report --findings show one
# row per finding of the findings document and its summary's counts per
# severity ("no CVSS" where a finding has no score), also in the browser.
# Fixes (issue 4): the report fixture benchmark with a fixtext and fix
# scripts added to a rule that fails shows them in that rule's details.
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

# ---- findings -------------------------------------------------------
TC=$HERE/cases/findings-trusty
mkdir -p "$T/troot"
sh "$TC/root.sh" "$T/troot" >/dev/null || die "findings-trusty root.sh failed"
"$KENSA" oval eval --root "$T/troot" --results "$T/tres.xml" --lang en \
    --findings "$T/tf.xml" --vulnstore "$T/store.kvs" --update-vulnstore \
    --jvn "$TC/vuldef.xml" --jvn "$TC/jvnrss.xml" "$TC/defs.xml" \
    >/dev/null 2>"$T/err" || die "trusty oval eval: $(head -2 "$T/err")"

FF="//*[local-name()='finding']"
FS="//*[local-name()='summary']"
check_findings() {	# check_findings FINDINGS.xml HTML
	fx=$1 html=$2
	want=$(xcount "$fx" "count($FF)")
	[ "$want" -gt 0 ] || die "$fx: no findings?"
	rows=$(xmllint --html --xpath "count(//tr[@class='finding'])" "$html" 2>/dev/null)
	[ "$rows" = "$want" ] || die "$html: $rows finding rows, $fx has $want"
	[ "$(shown "$html" fcount-total)" = "$(xcount "$fx" "string($FS/@total)")" ] ||
	    die "$html: findings total $(shown "$html" fcount-total)"
	for s in critical high medium low none unknown; do
		sum=$(xcount "$fx" "string($FS/@$s)")
		cnt=$(xcount "$fx" "count($FF[@severity='$s'])")
		[ "$sum" = "$cnt" ] || die "$fx: summary $s=$sum, $cnt findings"
		got=$(shown "$html" "fcount-$s")
		[ "$got" = "$sum" ] || die "$html: findings $s shows '$got', summary $sum"
		r=$(xmllint --html --xpath "count(//tr[@class='finding'][@data-severity='$s'])" "$html" 2>/dev/null)
		[ "$r" = "$cnt" ] || die "$html: $r rows of $s, $fx has $cnt"
	done
	# the rows in the document's order (score, then id)
	xcount "$fx" "$FF/@id" | sed 's/^ *id="\(.*\)"$/\1/' >"$T/ids.want"
	xmllint --html --xpath "//tr[@class='finding']/td[@class='fids']/code/text()" "$html" 2>/dev/null |
	    sed 's/$//' >"$T/ids.got"
	cmp -s "$T/ids.want" "$T/ids.got" || die "$html: finding rows not in the document's order"
	# "no CVSS" exactly where the document says there is none
	nc=$(xcount "$fx" "count($FF[*[local-name()='no-cvss']])")
	got=$(xmllint --html --xpath "count(//tr[@class='finding']//span[@class='nocvss'])" "$html" 2>/dev/null)
	[ "$got" = "$nc" ] || die "$html: $got 'no CVSS', $fx has $nc"
	sc=$(xmllint --html --xpath "count(//span[@class='cscore'])" "$html" 2>/dev/null)
	[ "$sc" = "$((want - nc))" ] || die "$html: $sc scores shown, expected $((want - nc))"
	grep -q 'href="javascript:' "$html" && die "$html: a javascript: link"
	return 0
}

# kensa scan: findings.xml and the report with its findings next to it.
mkdir -p "$OUT/scan"
st=0
"$KENSA" scan --root "$T/troot" --lang en --definitions "$TC/defs.xml" \
    --vulnstore "$T/store.kvs" --output "$OUT/scan" >"$T/scan.out" 2>"$T/err" || st=$?
[ "$st" = 2 ] || die "kensa scan: exit $st, expected 2: $(head -2 "$T/err")"
[ -s "$OUT/scan/report.html" ] || die "kensa scan wrote no report.html"
check_findings "$OUT/scan/findings.xml" "$OUT/scan/report.html"
check_page "$OUT/scan/arf.xml" "$OUT/scan/report.html" en
n=$((n + 1))
# rendered once, after the findings, and said so once
[ "$(grep -c "^Written: .*/report.html\$" "$T/scan.out")" = 1 ] ||
    die "kensa scan: no single 'Written: ... report.html' line: $(cat "$T/scan.out")"
# kensa report --findings on the scan's ARF and findings, both languages.
for lang in ja en; do
	h=$OUT/findings-report-$lang.html
	"$KENSA" report --lang $lang --findings "$OUT/scan/findings.xml" \
	    --output "$h" "$OUT/scan/arf.xml" 2>"$T/err" ||
	    die "report --findings $lang: $(cat "$T/err")"
	check_findings "$OUT/scan/findings.xml" "$h"
	check_page "$OUT/scan/arf.xml" "$h" $lang
	n=$((n + 1))
done
grep -q '>CVSS なし<' "$OUT/findings-report-ja.html" || die "no 'CVSS なし' in Japanese"
grep -q '>no CVSS<' "$OUT/findings-report-en.html" || die "no 'no CVSS' in English"
grep -q '0:2.19-0ubuntu6.6 &#8594; 0:2.19-0ubuntu6.10\|0:2.19-0ubuntu6.6 → 0:2.19-0ubuntu6.10' \
    "$OUT/findings-report-en.html" || die "no installed -> fixed for libc6"
grep -q '<span class="cscore">8.1</span> High<div class="rid">CVSS v3.0 - JVN iPedia' \
    "$OUT/findings-report-en.html" || die "no CVSS 8.1 v3.0 JVN iPedia"
grep -q 'href="https://jvndb.jvn.jp/ja/contents/2011/JVNDB-2011-900004.html"' \
    "$OUT/findings-report-en.html" || die "no JVN iPedia link"
# kensa xccdf eval --findings --report: the report shows what it wrote.
st=0
"$KENSA" xccdf eval --quiet --root "$T/troot" --lang en --vulnstore "$T/store.kvs" \
    --findings "$T/xf.xml" --report "$OUT/xccdf-findings-en.html" "$TC/xccdf.xml" \
    >/dev/null 2>"$T/err" || st=$?
[ "$st" = 2 ] || die "xccdf eval --findings --report: exit $st: $(head -2 "$T/err")"
check_findings "$T/xf.xml" "$OUT/xccdf-findings-en.html"
# Bad findings files: exit 1, one line naming the file, output untouched.
expect_fail nofindings 'nofindings\.xml' --findings "$T/nofindings.xml" "$DATA/arf-oscap.xml"
printf '<findings xmlns="urn:kensa:findings:1"><summary' >"$T/brokenf.xml"
expect_fail brokenfindings 'brokenf\.xml' --findings "$T/brokenf.xml" "$DATA/arf-oscap.xml"
expect_fail notfindings 'oval\.xml: not a kensa findings' --findings "$DATA/oval.xml" "$DATA/arf-oscap.xml"
echo keep >"$OUT/keep.html"
"$KENSA" report --findings "$T/nofindings.xml" --output "$OUT/keep.html" "$DATA/arf-oscap.xml" 2>/dev/null
[ "$(cat "$OUT/keep.html")" = keep ] || die "a bad --findings replaced the output"
rm -f "$OUT/keep.html"

# ---- fixes -------------------------------------------------------------
# The fixture benchmark with a fixtext and two fix scripts (one of 70
# lines, shown cut to 60) on the rule that fails ("issue names no secret"),
# evaluated on the root of make-fixtures.sh.
mkdir -p "$T/froot/etc"
echo hello >"$T/froot/etc/motd"
printf 'Debian\nsecret here\n' >"$T/froot/etc/issue"
i=1
while [ $i -le 24 ]; do echo "line $i"; i=$((i + 1)); done >"$T/froot/etc/kensa-list"
echo x >>"$T/froot/etc/kensa-list"
i=1
while [ $i -le 70 ]; do echo "  - name: step $i"; i=$((i + 1)); done >"$T/ansible.txt"
awk -v ans="$T/ansible.txt" '
	{ print }
	/<description>No line of <h:code>\/etc\/issue<\/h:code> says "secret".<\/description>/ {
		print "        <fixtext>Remove the line with <h:code>secret</h:code> from /etc/issue (keep at most <sub idref=\"xccdf_org.kensa.test_value_max\"/> lines).</fixtext>"
		print "        <fixtext xml:lang=\"ja\">/etc/issue から <h:code>secret</h:code> の行を削除する。</fixtext>"
		print "        <fix system=\"urn:xccdf:fix:script:sh\" id=\"issue_fix\" reboot=\"false\" disruption=\"low\">sed -i &apos;/secret/d&apos; /etc/issue &amp;&amp; test $(wc -l &lt; /etc/issue) -le <sub idref=\"xccdf_org.kensa.test_value_max\"/></fix>"
		printf "        <fix system=\"urn:xccdf:fix:script:ansible\" id=\"issue_fix\">"
		while ((getline l < ans) > 0) print l
		print "</fix>"
	}' "$DATA/bench.xml" >"$T/bench-fix.xml"
grep -q '<fix system' "$T/bench-fix.xml" || die "bench-fix.xml: the fix was not added"
cp "$DATA/oval.xml" "$T/oval.xml"
for lang in en ja; do
	st=0
	"$KENSA" xccdf eval --quiet --profile all --root "$T/froot" --lang $lang \
	    --results-arf "$T/fix-arf.xml" --report "$OUT/fix-$lang.html" \
	    "$T/bench-fix.xml" "$T/oval.xml" >/dev/null 2>"$T/err" || st=$?
	[ "$st" = 2 ] || die "fix fixture: exit $st, expected 2: $(head -2 "$T/err")"
	check_page "$T/fix-arf.xml" "$OUT/fix-$lang.html" $lang
	# xccdf eval renders from the ARF in memory (the content's own DOM
	# moved in): the same page as kensa report gives from the file.
	"$KENSA" report --lang $lang --output "$T/fix-$lang-again.html" \
	    "$T/fix-arf.xml" 2>"$T/err" || die "kensa report fix-arf.xml: $(cat "$T/err")"
	cmp -s "$OUT/fix-$lang.html" "$T/fix-$lang-again.html" ||
	    die "xccdf eval --report and kensa report of its ARF differ ($lang)"
	n=$((n + 1))
done
h=$OUT/fix-en.html
# the failed rule's row holds the fixtext (with the profile's value) and
# both scripts, collapsed, the long one cut with a count of the rest
row="//tr[@class='rule'][.//span[@class='rid'][starts-with(normalize-space(.), 'xccdf_org.kensa.test_rule_issue_secret')]]"
[ "$(xmllint --html --xpath "string($row/@data-result)" "$h" 2>/dev/null)" = fail ] ||
    die "$h: the issue rule is not shown as failed"
xmllint --html --xpath "string($row//div[@class='text'][preceding-sibling::h4[1] = 'Remediation'])" "$h" 2>/dev/null |
    grep -q 'Remove the line with secret from /etc/issue (keep at most 5 lines)' ||
    die "$h: no fixtext with the value in the failed rule"
[ "$(xmllint --html --xpath "count($row//details[@class='fix'])" "$h" 2>/dev/null)" = 2 ] ||
    die "$h: not 2 fix scripts in the failed rule"
xmllint --html --xpath "string($row//details[@class='fix'][1]/pre)" "$h" 2>/dev/null |
    grep -qF "sed -i '/secret/d' /etc/issue && test \$(wc -l < /etc/issue) -le 5" ||
    die "$h: the shell fix is not shown as text with its value"
grep -q 'urn:xccdf:fix:script:sh reboot=false disruption=low' "$h" || die "$h: no fix system label"
grep -q 'step 60$' "$h" || die "$h: the ansible fix is not shown"
grep -q 'step 61$' "$h" && die "$h: the ansible fix is not cut at 60 lines"
grep -q 'data-count="10">10 more lines not shown' "$h" || die "$h: no count of the lines cut"
[ "$(grep -o '<details class="fix">' "$h" | grep -c .)" = 2 ] || die "$h: fix scripts of rules that did not fail"
grep -q '/etc/issue から <code>secret</code> の行を削除する' "$OUT/fix-ja.html" || die "no Japanese fixtext"
grep -q '修正スクリプト' "$OUT/fix-ja.html" || die "no Japanese fix label"

# A real browser: the page loads, its script runs, nothing is uncaught.
CHROMIUM=$(command -v chromium || command -v chromium-browser || true)
[ -n "$CHROMIUM" ] || die "chromium is not installed (Debian package chromium)"
for page in arf-oscap-ja arf-oscap-en xccdf11-results-en findings-report-ja fix-en; do
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
# The findings in the browser: the rows and counts of findings.xml.
fx=$OUT/scan/findings.xml
dom=$OUT/findings-report-ja.dom.html
[ "$(grep -o '<tr class="finding" data-severity="[a-z]*">' "$dom" | grep -c .)" = "$(xcount "$fx" "count($FF)")" ] ||
    die "findings-report-ja: the browser shows another number of finding rows"
for s in total critical high medium low none unknown; do
	want=$(xcount "$fx" "string($FS/@$s)")
	grep -q "id=\"fcount-$s\" data-count=\"$want\"" "$dom" ||
	    die "findings-report-ja: fcount-$s=$want missing from the browser's DOM"
done
grep -q '<details class="fix">' "$OUT/fix-en.dom.html" || die "fix-en: no fix in the browser's DOM"
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
