#!/bin/sh
# End-to-end test of `kensa xccdf eval --fetch-remote-resources`: a SCAP 1.3
# source data stream with one local OVAL component, one component-ref to a
# remote bzip2-compressed OVAL document and one check whose href is itself
# an https URL, served by Debian's nginx on 127.0.0.1 with a test CA made
# with openssl (trusted through the feeds configuration's [global] ca_file,
# as tests/e2e/feeds-https.sh does). Checks:
#  (a) with the flag the remote rules pass/fail by a fixture root, OVAL
#      results are written for every document (remote ones too) and they
#      and the XCCDF results validate against the official schemas;
#  (b) nginx stopped: the cached copy is used, with a warning naming the
#      URL and its age;
#  (c) without the flag: those rules are notchecked with the warning;
#  (d) a 404, a bzip2 bomb, a body that is not XML and XML that is not
#      OVAL: error with the reason in the results, the other rules still
#      evaluated, nothing cached for them; a refresh that fails keeps (and
#      uses) the previous good copy.
#  (e)-(h) a remote checklist and tailoring component: fetched and used
#      like local ones (relative check hrefs against the checklist URL);
#      without the flag exit 1; OVAL or 404 in its place exit 1; offline
#      the cached copies.
# Usage: sh xccdf-remote.sh KENSA. Exits non-zero naming the failed check.
# Every network access goes to 127.0.0.1; every wait is bounded.
set -u
KENSA=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
S=/usr/share/openscap/schemas
T=$(mktemp -d)
[ -n "${KEEP:-}" ] && echo "T=$T"
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/lib/tls-nginx.sh"
cleanup() { nginx_stop; rm -rf "$T"; }
trap cleanup EXIT
[ -n "${KEEP:-}" ] && trap nginx_stop EXIT	# KEEP=1: keep $T to look at
trap 'exit 1' INT TERM HUP

tls_need bzip2 xmllint
[ -f "$S/oval/5.11.3/oval-results-schema.xsd" ] || fail "no OVAL 5.11.3 schemas (openscap-common)"
tls_pki t || fail "openssl could not make the test CA"

# ---- OVAL documents: ovaldoc NS DEF:PATH... writes definitions
# oval:NS:def:DEF, each true when PATH exists on the target.
ovaldoc() {
	ns=$1; shift
	printf '<?xml version="1.0" encoding="UTF-8"?>\n'
	printf '<oval_definitions xmlns="http://oval.mitre.org/XMLSchema/oval-definitions-5" xmlns:oval="http://oval.mitre.org/XMLSchema/oval-common-5" xmlns:unix="http://oval.mitre.org/XMLSchema/oval-definitions-5#unix">\n'
	printf '<generator><oval:schema_version>5.11.2</oval:schema_version><oval:timestamp>2024-01-01T00:00:00</oval:timestamp></generator>\n<definitions>\n'
	for d in "$@"; do
		n=${d%%:*}
		printf '<definition id="oval:%s:def:%s" version="1" class="compliance"><metadata><title>%s %s</title><description>d</description></metadata><criteria><criterion test_ref="oval:%s:tst:%s"/></criteria></definition>\n' "$ns" "$n" "$ns" "$n" "$ns" "$n"
	done
	printf '</definitions>\n<tests>\n'
	for d in "$@"; do
		n=${d%%:*}
		printf '<unix:file_test id="oval:%s:tst:%s" version="1" check="all" check_existence="at_least_one_exists" comment="c"><unix:object object_ref="oval:%s:obj:%s"/></unix:file_test>\n' "$ns" "$n" "$ns" "$n"
	done
	printf '</tests>\n<objects>\n'
	for d in "$@"; do
		n=${d%%:*}; p=${d#*:}
		printf '<unix:file_object id="oval:%s:obj:%s" version="1"><unix:filepath>%s</unix:filepath></unix:file_object>\n' "$ns" "$n" "$p"
	done
	printf '</objects>\n</oval_definitions>\n'
}

# ---- the data stream: mkds REMOTE_URL DIRECT_URL
rule() {	# rule ID HREF NAME [multi]
	printf '<Rule id="xccdf_x.test_rule_%s" selected="true"><title>%s</title>' "$1" "$1"
	if [ -n "${4:-}" ]; then
		printf '<check system="http://oval.mitre.org/XMLSchema/oval-definitions-5" multi-check="true"><check-content-ref href="%s"/></check></Rule>\n' "$2"
	else
		printf '<check system="http://oval.mitre.org/XMLSchema/oval-definitions-5"><check-content-ref href="%s" name="%s"/></check></Rule>\n' "$2" "$3"
	fi
}
# ds_head NAME CHECKLIST_HREF CREF: a collection and stream named after
# NAME, opened up to the catalog of the checklist component-ref CREF, which
# maps local-oval.xml to the local OVAL component.
ds_head() {
	cat <<EOF
<?xml version="1.0" encoding="UTF-8"?>
<ds:data-stream-collection xmlns:ds="http://scap.nist.gov/schema/scap/source/1.2" xmlns:xlink="http://www.w3.org/1999/xlink" xmlns:cat="urn:oasis:names:tc:entity:xmlns:xml:catalog" id="scap_x.test_collection_$1" schematron-version="1.3">
<ds:data-stream id="scap_x.test_datastream_$1" scap-version="1.3" use-case="OTHER">
<ds:checklists>
<ds:component-ref id="scap_x.test_cref_$3" xlink:href="$2">
<cat:catalog>
<cat:uri name="local-oval.xml" uri="#scap_x.test_cref_local"/>
EOF
}
mkds() {
	ds_head remote "#scap_x.test_comp_xccdf" xccdf
	cat <<EOF
<cat:uri name="remote-oval.xml.bz2" uri="#scap_x.test_cref_remote"/>
</cat:catalog>
</ds:component-ref>
</ds:checklists>
<ds:checks>
<ds:component-ref id="scap_x.test_cref_local" xlink:href="#scap_x.test_comp_local"/>
<ds:component-ref id="scap_x.test_cref_remote" xlink:href="$1"/>
</ds:checks>
</ds:data-stream>
<ds:component id="scap_x.test_comp_xccdf" timestamp="2024-01-01T00:00:00">
<Benchmark xmlns="http://checklists.nist.gov/xccdf/1.2" id="xccdf_x.test_benchmark_remote" resolved="1" xml:lang="en">
<status>draft</status>
<title>remote resources</title>
<version>1</version>
$(rule local local-oval.xml oval:x.local:def:1)
$(rule remote_pass remote-oval.xml.bz2 oval:x.remote:def:1)
$(rule remote_fail remote-oval.xml.bz2 oval:x.remote:def:2)
$(rule remote_all remote-oval.xml.bz2 "" multi)
$(rule direct "$2" oval:x.direct:def:1)
</Benchmark>
</ds:component>
<ds:component id="scap_x.test_comp_local" timestamp="2024-01-01T00:00:00">
$(ovaldoc x.local 1:/etc/local-pass | sed 1d)
</ds:component>
</ds:data-stream-collection>
EOF
}

# ---- what nginx serves
W=$T/www
mkdir -p "$W" "$T/tmp" "$T/root/etc" "$T/cache"
ovaldoc x.remote 1:/etc/remote-pass 2:/etc/remote-missing >"$T/remote-oval.xml"
bzip2 -c "$T/remote-oval.xml" >"$W/oval.xml.bz2"
ovaldoc x.direct 1:/etc/direct-pass >"$W/direct.xml"
# 64 MiB of zeros compress to a few dozen bytes a block: a bomb to the
# archive caps (200 times the compressed size past the first MiB).
head -c 67108864 /dev/zero | bzip2 -9 >"$W/bomb.xml.bz2"
echo 'this is not XML at all' | bzip2 >"$W/notxml.xml.bz2"
printf '<html><body>a web page</body></html>\n' | bzip2 >"$W/html.xml.bz2"
# The fixture root: what decides pass and fail.
echo pass >"$T/root/etc/local-pass"
echo pass >"$T/root/etc/remote-pass"
echo pass >"$T/root/etc/direct-pass"
chmod -R a+rX "$T"

nginx_conf() {
	{
		nginx_conf_head "log_format kensa '\$request_method \$uri \$status inm=[\$http_if_none_match] ims=[\$http_if_modified_since]';
	access_log $T/access.log kensa;"
		cat <<EOF
	server {
		listen 127.0.0.1:$PORT ssl;
		server_name localhost;
		ssl_certificate $T/t-srv.pem;
		ssl_certificate_key $T/t-srv.key;
		root $W;
	}
}
EOF
	} >"$T/nginx.conf"
}
nginx_start nginx_conf

B=https://127.0.0.1:$PORT
cat >"$T/feeds.conf" <<EOF
# written by tests/e2e/xccdf-remote.sh: the test CA, short waits
[global]
cache_dir = $T/cache
ca_file = $T/t-ca.pem
connect_timeout = 5
timeout = 60
low_speed_limit = 100
low_speed_time = 5
retries = 1
retry_base = 0.1
retry_max = 1
EOF
mkds "$B/oval.xml.bz2" "$B/direct.xml" >"$T/ds.xml"

# run NAME [kensa options...]: evaluates in $T/NAME (OVAL results land
# there), XCCDF results in $T/NAME/results.xml; status in $T/NAME/status.
run() {
	name=$1; shift
	mkdir -p "$T/$name"
	(cd "$T/$name" && "$KENSA" xccdf eval --progress --root "$T/root" --fetch-remote-resources \
	    --feeds-config "$T/feeds.conf" --results results.xml "$@") \
	    >"$T/$name/out" 2>"$T/$name/err"
	echo $? >"$T/$name/status"
}
status() { cat "$T/$1/status"; }
# got NAME RULE RESULT: the --progress line of a rule
got() {
	grep -qx "xccdf_x.test_rule_$2:$3" "$T/$1/out" ||
	    fail "$1: rule $2 is not $3: $(grep "_rule_$2:" "$T/$1/out" | tr '\n' ' ') $(head -5 "$T/$1/err")"
}
# message NAME RULE TEXT: the rule-result's <message> holds TEXT
message() {
	python3 - "$T/$1/results.xml" "xccdf_x.test_rule_$2" "$3" <<'PYEOF' ||
import sys, xml.etree.ElementTree as ET
ns = "{http://checklists.nist.gov/xccdf/1.2}"
doc = ET.parse(sys.argv[1])
for rr in doc.iter(ns + "rule-result"):
    if rr.get("idref") != sys.argv[2]:
        continue
    for m in rr.iter(ns + "message"):
        if sys.argv[3] in (m.text or ""):
            sys.exit(0)
    print("messages:", [m.text for m in rr.iter(ns + "message")])
sys.exit(1)
PYEOF
	    fail "$1: rule $2 has no <message> with '$3'"
}
xccdf_valid() {
	xmllint --noout --schema "$S/xccdf/1.2/xccdf_1.2.xsd" "$T/$1/results.xml" \
	    2>"$T/$1/valid.log" || fail "$1: XCCDF results do not validate: $(grep -v validates "$T/$1/valid.log" | head -3)"
}
oval_valid() {	# oval_valid NAME FILE
	[ -s "$T/$1/$2" ] || fail "$1: no OVAL results $2 ($(ls "$T/$1" | tr '\n' ' '))"
	xmllint --noout --schema "$S/oval/5.11.3/oval-results-schema.xsd" "$T/$1/$2" \
	    2>"$T/$1/ovalid.log" || fail "$1: $2 does not validate: $(grep -v validates "$T/$1/ovalid.log" | head -3)"
}
src_dir() {	# the cache directory of a URL's made-up source
	h=$(printf %s "$1" | sha256sum | cut -c1-16)
	echo "$T/cache/remote-$h"
}

# ---- (a) fetched: the remote rules get real results
run a --oval-results "$T/ds.xml"
[ "$(status a)" = 2 ] || fail "a: exit $(status a), want 2 (a rule fails): $(cat "$T/a/err")"
got a local pass
got a remote_pass pass
got a remote_fail fail
got a direct pass
# multi-check without a name: one result per definition of the remote OVAL
got a remote_all pass
got a remote_all fail
[ "$(grep -c '^xccdf_x.test_rule_remote_all:' "$T/a/out")" = 2 ] || fail "a: remote_all is not two instances"
grep -q 'notchecked\|error' "$T/a/out" && fail "a: a rule was not decided: $(cat "$T/a/out")"
xccdf_valid a
oval_valid a local-oval.xml.result.xml
oval_valid a remote-oval.xml.bz2.result.xml
oval_valid a direct.xml.result.xml
grep -q 'oval:x.remote:def:1' "$T/a/remote-oval.xml.bz2.result.xml" || fail "a: remote OVAL results lack its definitions"
RD=$(src_dir "$B/oval.xml.bz2")
[ -L "$RD/current" ] || fail "a: no cached copy in $RD"
[ -L "$(src_dir "$B/direct.xml")/current" ] || fail "a: the direct href is not cached"
cmp -s "$RD/current/oval.xml.bz2" "$W/oval.xml.bz2" || fail "a: the cached copy is not what was served"
note "(a) fetched over HTTPS: remote rules pass/fail, OVAL and XCCDF results validate"

# The next run asks with a conditional GET and uses the same copy.
run a2 "$T/ds.xml"
got a2 remote_pass pass
tail -2 "$T/access.log" | grep -q '/oval.xml.bz2 304 inm=\[..*\]' ||
    fail "a2: the unchanged copy was not asked for conditionally (304): $(tail -2 "$T/access.log")"
note "conditional GET on a later run (304)"

# ---- (b) offline: the cached copy, with a warning naming URL and age
nginx_stop
run b --oval-results "$T/ds.xml"
[ "$(status b)" = 2 ] || fail "b: exit $(status b), want 2: $(cat "$T/b/err")"
got b remote_pass pass
got b remote_fail fail
got b direct pass
grep -Eq "remote resource $B/oval.xml.bz2: not refreshed \(.*\); using the cached copy of [0-9T:-]+ \([0-9]+[smhd].* old\)" "$T/b/err" ||
    fail "b: no warning naming the URL and its age: $(cat "$T/b/err")"
oval_valid b remote-oval.xml.bz2.result.xml
note "(b) offline: cached copy used with a warning"

# ---- (c) without the flag: notchecked with the warning, the rest evaluated
mkdir -p "$T/c"
(cd "$T/c" && "$KENSA" xccdf eval --progress --root "$T/root" --results results.xml "$T/ds.xml") \
    >"$T/c/out" 2>"$T/c/err"
st=$?
[ $st = 0 ] || fail "c: exit $st, want 0 (nothing failed): $(cat "$T/c/err")"
got c local pass
got c remote_pass notchecked
got c remote_all notchecked
got c direct notchecked
grep -q "remote component '$B/oval.xml.bz2' of component-ref 'scap_x.test_cref_remote' not fetched (use --fetch-remote-resources)" "$T/c/err" ||
    fail "c: no warning naming the URL and the option: $(cat "$T/c/err")"
grep -q "check href '$B/direct.xml' is a remote resource, not fetched (use --fetch-remote-resources)" "$T/c/err" ||
    fail "c: no warning for the direct href: $(cat "$T/c/err")"
message c remote_pass "not fetched (use --fetch-remote-resources)"
xccdf_valid c
note "(c) without the flag: notchecked with the warning"

# ---- (d) failures
started=no
for try in 1 2 3; do nginx_run && { started=yes; break; }; sleep 0.5; done
[ $started = yes ] || fail "nginx did not restart: $(tail -3 "$T/error.log")"
bad() {	# bad NAME PATH REGEX: a remote component that cannot be had
	mkds "$B/$2" "$B/direct.xml" >"$T/ds-$1.xml"
	run "$1" "$T/ds-$1.xml"
	[ "$(status "$1")" = 2 ] || fail "$1: exit $(status "$1"), want 2: $(cat "$T/$1/err")"
	got "$1" local pass
	got "$1" direct pass
	got "$1" remote_pass error
	got "$1" remote_fail error
	got "$1" remote_all error
	n=$(grep -c "cannot fetch remote resource $B/$2" "$T/$1/err")
	[ "$n" = 1 ] || fail "$1: $n warnings naming the URL, want 1: $(cat "$T/$1/err")"
	grep -Eq "cannot fetch remote resource $B/$2: .*$3" "$T/$1/err" ||
	    fail "$1: the warning lacks the reason /$3/: $(cat "$T/$1/err")"
	message "$1" remote_pass "cannot fetch remote resource $B/$2"
	python3 -c 'import re,sys; sys.exit(0 if re.search(sys.argv[1], open(sys.argv[2]).read()) else 1)' \
	    "$3" "$T/$1/results.xml" || fail "$1: the results lack the reason /$3/"
	xccdf_valid "$1"
	[ ! -e "$(src_dir "$B/$2")" ] || fail "$1: something is left in the cache: $(ls -a "$(src_dir "$B/$2")")"
	note "(d) $1: error with the reason, the rest evaluated, nothing cached"
}
bad 404 missing.xml.bz2 'HTTP 404'
bad bomb bomb.xml.bz2 'more than 200 times its compressed size.*decompression bomb'
bad notxml notxml.xml.bz2 'not an OVAL definitions document'
bad html html.xml.bz2 'not an OVAL definitions document.*html'
# Only https: a plain http URL is refused without a connection.
mkds "http://127.0.0.1:$PORT/oval.xml.bz2" "$B/direct.xml" >"$T/ds-http.xml"
run http "$T/ds-http.xml"
got http remote_pass error
got http local pass
grep -q "only https:// resources are fetched" "$T/http/err" || fail "http: no reason: $(cat "$T/http/err")"
note "(d) an http:// URL is refused"

# A refresh that fails keeps the good copy, and the run uses it.
good=$(sha256sum <"$RD/current/oval.xml.bz2")
cp "$W/bomb.xml.bz2" "$W/oval.xml.bz2"
touch -d "@$(($(date +%s) + 60))" "$W/oval.xml.bz2"
run keep "$T/ds.xml"
[ "$(status keep)" = 2 ] || fail "keep: exit $(status keep): $(cat "$T/keep/err")"
got keep remote_pass pass
got keep remote_fail fail
grep -Eq "remote resource $B/oval.xml.bz2: not refreshed \(.*decompression bomb.*\); using the cached copy" "$T/keep/err" ||
    fail "keep: no warning of the failed refresh: $(cat "$T/keep/err")"
[ "$(sha256sum <"$RD/current/oval.xml.bz2")" = "$good" ] || fail "keep: the good copy was replaced"
[ "$(ls -d "$RD"/snap-* | wc -l)" = 1 ] || fail "keep: snapshots: $(ls -a "$RD")"
note "(d) a failed refresh keeps and uses the previous good copy"

# ---- (e) a remote checklist and a remote tailoring (component-refs of the
# checklists group whose xlink:href is a URL): fetched like check content,
# used like local ones. The checklist's catalog still maps local-oval.xml to
# the local component; its relative href rel-oval.xml resolves against the
# checklist's URL ($B/lists/) and is fetched (SP 800-126 rev 3 section
# 3.1.3, RFC 3986 section 5.1.3).
mkdir -p "$W/lists"
ovaldoc x.rel 1:/etc/rel-pass 2:/etc/rel-missing >"$W/lists/rel-oval.xml"
echo pass >"$T/root/etc/rel-pass"
cat >"$W/lists/bench.xml" <<EOF
<?xml version="1.0" encoding="UTF-8"?>
<Benchmark xmlns="http://checklists.nist.gov/xccdf/1.2" id="xccdf_x.test_benchmark_rlist" resolved="1" xml:lang="en">
<status>draft</status>
<title>remote checklist</title>
<version>1</version>
$(rule rc_local local-oval.xml oval:x.local:def:1)
$(rule rc_rel rel-oval.xml oval:x.rel:def:1)
$(rule rc_rel_fail rel-oval.xml oval:x.rel:def:2)
$(rule rc_deselected rel-oval.xml oval:x.rel:def:1)
</Benchmark>
EOF
cat >"$W/lists/tailoring.xml" <<EOF
<?xml version="1.0" encoding="UTF-8"?>
<Tailoring xmlns="http://checklists.nist.gov/xccdf/1.2" id="xccdf_x.test_tailoring_rlist">
<version time="2024-01-01T00:00:00">1</version>
<Profile id="xccdf_x.test_profile_tailored">
<title>tailored</title>
<select idref="xccdf_x.test_rule_rc_deselected" selected="false"/>
</Profile>
</Tailoring>
EOF
chmod -R a+rX "$W"
mkds2() {	# mkds2 CHECKLIST_URL TAILORING_URL
	ds_head rlist "$1" rxccdf
	cat <<EOF
</cat:catalog>
</ds:component-ref>
<ds:component-ref id="scap_x.test_cref_rtail" xlink:href="$2"/>
</ds:checklists>
<ds:checks>
<ds:component-ref id="scap_x.test_cref_local" xlink:href="#scap_x.test_comp_local"/>
</ds:checks>
</ds:data-stream>
<ds:component id="scap_x.test_comp_local" timestamp="2024-01-01T00:00:00">
$(ovaldoc x.local 1:/etc/local-pass | sed 1d)
</ds:component>
</ds:data-stream-collection>
EOF
}
# result NAME RULE RESULT: the rule-result in the XCCDF results
result() {
	python3 - "$T/$1/results.xml" "xccdf_x.test_rule_$2" "$3" <<'PYEOF' ||
import sys, xml.etree.ElementTree as ET
ns = "{http://checklists.nist.gov/xccdf/1.2}"
got = [rr.find(ns + "result").text for rr in ET.parse(sys.argv[1]).iter(ns + "rule-result") if rr.get("idref") == sys.argv[2]]
sys.exit(0 if got == [sys.argv[3]] else print(got) or 1)
PYEOF
	    fail "$1: rule $2 is not $3 in the results"
}
mkds2 "$B/lists/bench.xml" "$B/lists/tailoring.xml" >"$T/ds2.xml"
run e --tailoring-id scap_x.test_cref_rtail --profile tailored --oval-results \
    --results-arf arf.xml --report report.html "$T/ds2.xml"
[ "$(status e)" = 2 ] || fail "e: exit $(status e), want 2 (a rule fails): $(cat "$T/e/err")"
got e rc_local pass
got e rc_rel pass
got e rc_rel_fail fail
result e rc_deselected notselected
result e rc_rel pass
xccdf_valid e
oval_valid e rel-oval.xml.result.xml
grep -q 'GET /lists/bench.xml 200' "$T/access.log" || fail "e: the checklist was not fetched: $(tail -5 "$T/access.log")"
grep -q 'GET /lists/tailoring.xml 200' "$T/access.log" || fail "e: the tailoring was not fetched"
grep -q 'GET /lists/rel-oval.xml 200' "$T/access.log" || fail "e: the relative href was not fetched from the checklist's URL"
grep -q "<benchmark[^>]*href=\"$B/lists/bench.xml\"" "$T/e/results.xml" || fail "e: the TestResult does not name the remote checklist's URL"
grep -q 'xccdf_x.test_profile_tailored' "$T/e/results.xml" || fail "e: the tailored profile is not in the results"
[ -L "$(src_dir "$B/lists/bench.xml")/current" ] || fail "e: the checklist is not cached"
# ARF: the remote Benchmark is a report request of its own (it is not in
# the data stream), so the HTML report finds its rules.
xmllint --noout --schema "$S/arf/1.1/asset-reporting-format_1.1.0.xsd" "$T/e/arf.xml" \
    2>"$T/e/avalid.log" || fail "e: ARF does not validate: $(grep -v validates "$T/e/avalid.log" | head -3)"
python3 - "$T/e/arf.xml" <<'PYEOF2' || fail "e: the ARF has no report request with the remote Benchmark"
import sys, xml.etree.ElementTree as ET
a = "{http://scap.nist.gov/schema/asset-reporting-format/1.1}"
x = "{http://checklists.nist.gov/xccdf/1.2}"
for rq in ET.parse(sys.argv[1]).iter(a + "report-request"):
    b = rq.find(a + "content/" + x + "Benchmark")
    if rq.get("id") == "collection2" and b is not None and b.get("id") == "xccdf_x.test_benchmark_rlist":
        sys.exit(0)
sys.exit(1)
PYEOF2
grep -q 'remote checklist' "$T/e/report.html" ||
    fail "e: the HTML report does not show the remote benchmark"
grep -q 'Rules not found in the benchmark\|ベンチマークにないルール' "$T/e/report.html" && fail "e: the HTML report does not find the remote checklist's rules"
note "(e) remote checklist and tailoring fetched; catalog, relative URL and tailoring applied"

# ---- (f) without the flag the benchmark cannot be evaluated: exit 1 with
# the component-ref and the option named.
mkdir -p "$T/f"
(cd "$T/f" && "$KENSA" xccdf eval --root "$T/root" --results results.xml "$T/ds2.xml") >"$T/f/out" 2>"$T/f/err"
st=$?
[ $st = 1 ] || fail "f: exit $st, want 1: $(cat "$T/f/err")"
grep -q "component-ref 'scap_x.test_cref_rxccdf' is the remote checklist or tailoring '$B/lists/bench.xml': fetched only with --fetch-remote-resources" "$T/f/err" ||
    fail "f: no error naming the component-ref and the option: $(cat "$T/f/err")"
[ ! -e "$T/f/results.xml" ] || fail "f: results written for a benchmark that was not evaluated"
note "(f) without the flag: exit 1 naming the component-ref and the option"

# ---- (g) a remote checklist that is OVAL, or is not there: exit 1.
mkds2 "$B/direct.xml" "$B/lists/tailoring.xml" >"$T/ds2-oval.xml"
run g "$T/ds2-oval.xml"
[ "$(status g)" = 1 ] || fail "g: exit $(status g), want 1: $(cat "$T/g/err")"
grep -q "remote component $B/direct.xml of component-ref 'scap_x.test_cref_rxccdf' is a OVAL Definitions, not an XCCDF Benchmark or Tailoring" "$T/g/err" ||
    fail "g: no reason: $(cat "$T/g/err")"
mkds2 "$B/lists/gone.xml" "$B/lists/tailoring.xml" >"$T/ds2-gone.xml"
run g2 "$T/ds2-gone.xml"
[ "$(status g2)" = 1 ] || fail "g2: exit $(status g2), want 1: $(cat "$T/g2/err")"
grep -q "cannot fetch remote resource $B/lists/gone.xml: .*HTTP 404" "$T/g2/err" || fail "g2: no reason: $(cat "$T/g2/err")"
note "(g) a remote checklist that is OVAL or missing: exit 1 with the reason"

# ---- (h) offline: the cached checklist, tailoring and relative OVAL.
nginx_stop
run h --tailoring-id scap_x.test_cref_rtail --profile tailored "$T/ds2.xml"
[ "$(status h)" = 2 ] || fail "h: exit $(status h), want 2: $(cat "$T/h/err")"
got h rc_rel pass
got h rc_rel_fail fail
result h rc_deselected notselected
grep -q "remote resource $B/lists/bench.xml: not refreshed" "$T/h/err" || fail "h: no warning for the cached checklist: $(cat "$T/h/err")"
note "(h) offline: the cached remote checklist and tailoring are used"
echo "xccdf-remote: all checks passed"
