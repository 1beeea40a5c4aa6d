#!/bin/sh
# End-to-end test of `kensa scan` and `kensa oval eval --feed` reading the
# feed cache offline. The cache is filled by `kensa feed update` itself from
# Debian's nginx on 127.0.0.1 (a test CA made with openssl), so the copies
# are laid out exactly as feed_cache.c writes them: the Ubuntu trusty OVAL
# excerpt of tests/e2e/cases/findings-trusty (bzip2-compressed, as vendors
# publish) with a SHA256SUMS, a JVN iPedia checksum.txt feed holding that
# case's VULDEF and JVNRSS fixtures, and an OVAL source for another system.
# Then, with nginx stopped, the scans: the findings equal those of
# --definitions/--jvn on the same files, carry JVN scores, say which copies
# were used; --no-feeds, a platform mismatch, a corrupted copy, a bad
# `platform` value and oval eval --feed each give the documented outcome.
# Usage: sh feeds-scan.sh KENSA. Exits non-zero naming the failed check.
set -u
KENSA=$1
HERE=$(cd "$(dirname "$0")" && pwd)
CASE=$HERE/cases/findings-trusty
XSD=$HERE/../../data/schemas/kensa-findings-1.xsd
T=$(mktemp -d)
[ -n "${KEEP:-}" ] && echo "T=$T"
. "$HERE/lib/tls-nginx.sh"
cleanup() { nginx_stop; rm -rf "$T"; }
trap cleanup EXIT
[ -n "${KEEP:-}" ] && trap nginx_stop EXIT	# KEEP=1: keep $T to look at
trap 'exit 1' INT TERM HUP

# The default vulnerability store lives here (empty): nothing of this
# machine's own store or cache may leak into the results.
export KENSA_CACHE_DIR="$T/kvs"

tls_need bzip2 xmllint xsltproc
tls_pki t || fail "openssl could not make the test CA"

# ---- what the server publishes
W=$T/www
mkdir -p "$W/oval" "$W/jvn" "$T/tmp" "$T/kvs"
bzip2 -c "$CASE/defs.xml" >"$W/oval/trusty.xml.bz2"
sed -e 's/com\.ubuntu\.trusty/org.debian.bookworm/g' "$CASE/defs.xml" \
    >"$W/oval/bookworm.xml"
(cd "$W/oval" && sha256sum trusty.xml.bz2 bookworm.xml >SHA256SUMS)
cp "$CASE/vuldef.xml" "$W/jvn/jvndb_detail_2016.rdf"
cp "$CASE/jvnrss.xml" "$W/jvn/jvndb.rdf"
PORT=$(free_port)
{
	echo '['
	sep=''
	for f in jvndb_detail_2016.rdf jvndb.rdf; do
		printf '%s{"url": "https://127.0.0.1:%s/jvn/%s", "filename": "%s", "sha256": "%s", "size": %s}\n' \
		    "$sep" "$PORT" "$f" "$f" "$(sha256sum "$W/jvn/$f" | cut -d' ' -f1)" \
		    "$(wc -c <"$W/jvn/$f")"
		sep=','
	done
	echo ']'
} >"$W/jvn/checksum.txt"
chmod -R a+rX "$T"

{
	nginx_conf_head
	cat <<EOF
	server {
		listen 127.0.0.1:$PORT ssl;
		ssl_certificate $T/t-srv.pem;
		ssl_certificate_key $T/t-srv.key;
		root $W;
	}
}
EOF
} >"$T/nginx.conf"
nginx_run || fail "nginx did not start: $(tail -3 "$T/nginx.err" "$T/error.log" 2>/dev/null)"

# ---- the feeds configuration and the cache, filled by kensa
URL=https://127.0.0.1:$PORT
CONF=$T/feeds.conf
cat >"$CONF" <<EOF
[global]
cache_dir = $T/cache
ca_file = $T/t-ca.pem
retries = 0

[trusty-oval]
kind = oval
url = $URL/oval/trusty.xml.bz2
digest_url = $URL/oval/SHA256SUMS
platform = ubuntu:14.04 ubuntu:16.04

[jvn]
kind = jvn-ipedia
url = $URL/jvn/checksum.txt

[bookworm-oval]
kind = oval
url = $URL/oval/bookworm.xml
digest_url = $URL/oval/SHA256SUMS
platform = debian

[later-oval]
kind = oval
url = $URL/oval/later.xml

[myjvn]
kind = myjvn
url = $URL/myjvn
EOF
"$KENSA" feed --config "$CONF" update trusty-oval jvn bookworm-oval \
    >"$T/update.out" 2>&1 || fail "feed update: $(tail -3 "$T/update.out")"
nginx_stop
"$KENSA" feed --config "$CONF" verify trusty-oval jvn bookworm-oval \
    >"$T/verify.out" 2>&1 || fail "feed verify: $(tail -3 "$T/verify.out")"
note "cache filled by kensa feed update, then the server stopped"

# ---- the system scanned: findings-trusty's root, with an os-release
R=$T/root
mkdir -p "$R"
sh "$CASE/root.sh" "$R" || fail "root.sh"
printf 'NAME="Ubuntu"\nVERSION="14.04.6 LTS, Trusty Tahr"\nID=ubuntu\nID_LIKE=debian\nVERSION_ID="14.04"\n' \
    >"$R/etc/os-release"

scan() {	# scan NAME ARGS...: exit status in $st, output in $T/NAME.*
	n=$1; shift
	mkdir -p "$T/$n"
	st=0
	"$KENSA" scan --root "$R" --lang en --output "$T/$n" "$@" \
	    >"$T/$n.out" 2>"$T/$n.err" || st=$?
}
lines() {	# the comparable form of a findings document
	xmllint --noout --schema "$XSD" "$1" 2>"$T/valid.log" ||
	    fail "$1 does not validate: $(head -3 "$T/valid.log")"
	xsltproc "$CASE/findings.xsl" "$1"
}

# The reference: the same files named on the command line, no cache.
scan ref --no-feeds --feeds-config "$CONF" --definitions "$CASE/defs.xml" \
    --jvn "$CASE/vuldef.xml" --jvn "$CASE/jvnrss.xml"
[ $st -eq 2 ] || fail "reference scan exit $st: $(tail -2 "$T/ref.err")"
lines "$T/ref/findings.xml" >"$T/ref.lines"
diff "$CASE/findings.en.expect" "$T/ref.lines" >/dev/null ||
    fail "reference findings differ from findings-trusty's"

scan cache --feeds-config "$CONF"
[ $st -eq 2 ] || fail "cached scan exit $st: $(tail -2 "$T/cache.err")"
lines "$T/cache/findings.xml" >"$T/cache.lines"
diff "$T/ref.lines" "$T/cache.lines" ||
    fail "findings from the cache differ from --definitions/--jvn"
grep -q 'cvss=8.1/High/v3.0/JVN iPedia/' "$T/cache.lines" ||
    fail "no JVN score in the cached scan's findings"
grep -q '^findings: 3 (critical 0, high 1, medium 1, low 1' "$T/cache.out" ||
    fail "summary: $(grep findings: "$T/cache.out")"
note "cached OVAL + JVN give the same findings as --definitions + --jvn"

grep -q '^Cached feeds used:$' "$T/cache.out" || fail "no 'Cached feeds used'"
grep -Eq '^  trusty-oval +oval +updated [0-9T:-]+ \(sha256\)$' "$T/cache.out" ||
    fail "trusty-oval not listed: $(cat "$T/cache.out")"
grep -Eq '^  jvn +jvn-ipedia +updated [0-9T:-]+ \(sha256\)$' "$T/cache.out" ||
    fail "jvn not listed"
grep -q '^  bookworm-oval: platform debian; target is ubuntu:14.04$' \
    "$T/cache.out" || fail "bookworm-oval not reported as skipped"
grep -q 'myjvn\|later-oval' "$T/cache.out" "$T/cache.err" &&
    fail "myjvn or the never-updated source mentioned"
[ ! -s "$T/cache.err" ] || fail "unexpected stderr: $(head -3 "$T/cache.err")"
xsltproc - "$T/cache/findings.xml" >"$T/feeds.lines" <<'EOF'
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:f="urn:kensa:findings:1">
  <xsl:output method="text"/>
  <xsl:template match="/">
    <xsl:for-each select="f:findings/f:feeds/f:feed">
      <xsl:value-of select="concat(@source, ' ', @kind, ' ', @verified, ' ', count(f:file), ' ', f:file[1]/@name, ' ', string-length(@updated) > 0, '&#10;')"/>
    </xsl:for-each>
  </xsl:template>
</xsl:stylesheet>
EOF
printf 'trusty-oval oval sha256 1 trusty.xml.bz2 true\njvn jvn-ipedia sha256 3 checksum.txt true\n' |
    diff - "$T/feeds.lines" || fail "findings.xml <feeds> differs"
note "summary and findings.xml name the copies used; other platform skipped"

# Explicit files add to the cache: the same definitions twice stay once.
scan both --feeds-config "$CONF" --definitions "$CASE/defs.xml"
[ $st -eq 2 ] || fail "cache + --definitions exit $st"
lines "$T/both/findings.xml" | diff "$T/ref.lines" - ||
    fail "cache + --definitions differ"
note "--definitions adds to the cache (one finding per definition)"

scan none --feeds-config "$CONF" --no-feeds
[ $st -eq 0 ] || fail "--no-feeds exit $st"
grep -q '^findings: none$' "$T/none.out" || fail "--no-feeds found something"
grep -q 'Cached feeds' "$T/none.out" && fail "--no-feeds lists feeds"
grep -q '<feeds>' "$T/none/findings.xml" && fail "--no-feeds: <feeds> written"
lines "$T/none/findings.xml" >/dev/null
note "--no-feeds reads no cached copy"

# Another release of the same distribution: trusty-oval is not for it.
sed -i 's/^VERSION_ID=.*/VERSION_ID="22.04"/' "$R/etc/os-release"
scan other --feeds-config "$CONF"
[ $st -eq 0 ] || fail "platform mismatch exit $st"
grep -q '^findings: none$' "$T/other.out" || fail "mismatched platform used"
grep -q '^  trusty-oval: platform ubuntu:14.04 ubuntu:16.04; target is ubuntu:22.04$' \
    "$T/other.out" || fail "trusty-oval skip not reported: $(cat "$T/other.out")"
sed -i 's/^VERSION_ID=.*/VERSION_ID="16.04"/' "$R/etc/os-release"
scan other2 --feeds-config "$CONF"
[ $st -eq 2 ] || fail "ubuntu:16.04 should match trusty-oval's platform"
note "a platform mismatch skips the source; a listed ID:VERSION_ID matches"

# A corrupted cached file: skipped with one warning naming the source.
OVAL=$(ls "$T/cache/trusty-oval/current/"*.bz2)
cp "$OVAL" "$T/saved.bz2"
printf 'X' >>"$OVAL"
scan bad --feeds-config "$CONF"
[ $st -eq 0 ] || fail "corrupted copy: exit $st"
[ "$(grep -c 'trusty-oval' "$T/bad.err")" -eq 1 ] || fail "one warning expected: $(cat "$T/bad.err")"
grep -q "warning: cached copy skipped: trusty-oval: trusty.xml.bz2: sha256 mismatch" \
    "$T/bad.err" || fail "warning: $(cat "$T/bad.err")"
grep -Eq '^  jvn +jvn-ipedia' "$T/bad.out" || fail "jvn no longer used"
grep -q '^findings: none$' "$T/bad.out" || fail "damaged copy evaluated"
cp "$T/saved.bz2" "$OVAL"
JVN=$T/cache/jvn/current/jvndb.rdf
cp "$JVN" "$T/saved.rdf"
rm -f "$JVN"
scan badjvn --feeds-config "$CONF"
[ $st -eq 2 ] || fail "missing JVN file: exit $st"
grep -q "warning: cached copy skipped: jvn: jvndb.rdf: missing or unreadable" \
    "$T/badjvn.err" || fail "warning: $(cat "$T/badjvn.err")"
grep -q 'JVN iPedia' "$T/badjvn/findings.xml" && fail "damaged JVN copy used"
cp "$T/saved.rdf" "$JVN"
note "a corrupted or incomplete copy is skipped with a warning; the scan goes on"

# oval eval --feed: the cached copy instead of a file.
"$KENSA" oval eval --root "$R" --feeds-config "$CONF" --feed trusty-oval \
    --findings "$T/eval.xml" --lang en >"$T/eval.out" 2>"$T/eval.err" ||
    fail "oval eval --feed: $(cat "$T/eval.err")"
sort "$CASE/expect" >"$T/want"
grep '^Definition ' "$T/eval.out" | sort | diff "$T/want" - ||
    fail "oval eval --feed results differ"
lines "$T/eval.xml" | diff "$T/ref.lines" - || fail "oval eval --feed findings differ"
xsltproc - "$T/eval.xml" <<'EOF' | grep -qx 'trusty-oval jvn' || fail "eval findings.xml <feeds>"
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:f="urn:kensa:findings:1">
  <xsl:output method="text"/>
  <xsl:template match="/"><xsl:for-each select="//f:feed"><xsl:value-of select="@source"/><xsl:if test="position() != last()"><xsl:text> </xsl:text></xsl:if></xsl:for-each><xsl:text>&#10;</xsl:text></xsl:template>
</xsl:stylesheet>
EOF
for bad in "jvn:kind jvn-ipedia, not oval" "later-oval:'later-oval' is not cached" \
    "nosuch:'nosuch' is not configured"; do
	src=${bad%%:*} want=${bad#*:}
	if "$KENSA" oval eval --root "$R" --feeds-config "$CONF" --feed "$src" \
	    >/dev/null 2>"$T/e.err"; then fail "--feed $src accepted"; fi
	grep -q "$want" "$T/e.err" || fail "--feed $src: $(cat "$T/e.err")"
done
"$KENSA" oval eval --feed trusty-oval "$CASE/defs.xml" >/dev/null 2>&1 &&
    fail "--feed with a DEFINITIONS file accepted"
note "oval eval --feed evaluates the cached copy; errors name the source"

# xccdf eval --findings: scored with the cached JVN copies too (the case's
# XCCDF rules check the same vulnerability definitions); not with --no-feeds.
st=0
"$KENSA" xccdf eval --quiet --root "$R" --lang en --feeds-config "$CONF" \
    --findings "$T/xf.xml" "$CASE/xccdf.xml" >/dev/null 2>"$T/xf.err" || st=$?
[ $st -eq 2 ] || fail "xccdf eval --findings: exit $st: $(cat "$T/xf.err")"
grep -q 'JVN iPedia' "$T/xf.xml" || fail "xccdf eval: no JVN scores from the cache"
grep -q '<feed source="jvn"' "$T/xf.xml" || fail "xccdf eval: <feeds> does not name jvn"
st=0
"$KENSA" xccdf eval --quiet --root "$R" --lang en --feeds-config "$CONF" --no-feeds \
    --findings "$T/xf0.xml" "$CASE/xccdf.xml" >/dev/null 2>"$T/xf0.err" || st=$?
[ $st -eq 2 ] || fail "xccdf eval --no-feeds: exit $st: $(cat "$T/xf0.err")"
grep -q 'JVN iPedia' "$T/xf0.xml" && fail "xccdf eval --no-feeds used the cache"
note "xccdf eval --findings is scored with the cached JVN copies (not with --no-feeds)"

# A bad platform value is a FILE:LINE error, and the scan stops.
sed 's/^platform = debian$/platform = Debian 12/' "$CONF" >"$T/bad.conf"
scan badconf --feeds-config "$T/bad.conf"
[ $st -eq 1 ] || fail "bad platform value: exit $st"
grep -q "$T/bad.conf:20: platform: expected one or more ID or ID:VERSION_ID" \
    "$T/badconf.err" || fail "bad platform: $(cat "$T/badconf.err")"
note "a bad platform value is reported as FILE:LINE"

# --feeds-max-age still only warns.
scan age --feeds-config "$CONF" --feeds-max-age 1s
sleep 1
scan age --feeds-config "$CONF" --feeds-max-age 1s
[ $st -eq 2 ] || fail "--feeds-max-age changed the exit status"
grep -q "feed source 'later-oval' is stale: never updated" "$T/age.err" ||
    fail "--feeds-max-age: $(cat "$T/age.err")"
note "--feeds-max-age warns, the scan still uses the copies"
echo "feeds-scan: all checks passed"
