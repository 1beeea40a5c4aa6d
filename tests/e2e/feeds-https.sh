#!/bin/sh
# End-to-end test of `kensa feed` and `kensa jvn` against real HTTPS servers
# on 127.0.0.1 that this script starts: Debian's nginx (normal downloads,
# 304s, a stalled transfer, a wrong certificate, JVN checksum.txt feeds,
# MyJVN paging and errors) and a small Python TLS server for what nginx
# cannot misbehave at on demand (503 + Retry-After, a truncated body, a
# resumable transfer). A test CA and certificates are made with openssl.
# Usage: sh feeds-https.sh KENSA. Exits non-zero naming the failed check.
# Every network access goes to 127.0.0.1; every wait is bounded.
set -u
KENSA=$1
T=$(mktemp -d)
PY_PID=""
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/lib/tls-nginx.sh"
cleanup() {
	nginx_stop
	# python3 may be a wrapper script: the server records its own pid.
	[ -f "$T/py.pid" ] && kill "$(cat "$T/py.pid")" 2>/dev/null
	[ -n "$PY_PID" ] && kill "$PY_PID" 2>/dev/null
	rm -rf "$T"
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP

tls_need
# ---- PKI: a test CA with a server certificate for 127.0.0.1/localhost, and
# a second CA with its own server certificate (the "wrong certificate").
tls_pki good || fail "openssl could not make the test CA"
tls_pki evil || fail "openssl could not make the second CA"

# ---- content
W=$T/www
mkdir -p "$W/crawl" "$W/oval" "$W/plain" "$W/jvn" "$W/slow" "$W/myjvn" "$W/myjvn-err" "$T/tmp" "$T/cache"
echo '<oval_definitions>version 1</oval_definitions>' >"$W/oval/defs.xml"
(cd "$W/oval" && sha256sum defs.xml >SHA256SUMS)
echo 'plain feed, version 1' >"$W/plain/feed.xml"
head -c 20000 /dev/urandom >"$W/slow/stall.bin"
head -c 2097152 /dev/urandom >"$W/plain/big.bin"
echo '<rdf>a v1</rdf>' >"$W/jvn/a.rdf"
echo '<rdf>b v1</rdf>' >"$W/jvn/b.rdf"
chmod -R a+rX "$T"

PORT=0; PORT2=0
# nginx's validators are mtime (1 s) and size: a file rewritten at the same
# size within one second would keep its ETag and rightly be answered 304.
# Every rewrite of a served file gets a new, strictly later mtime.
STAMP=$(date +%s)
bump() {
	STAMP=$((STAMP + 10))
	touch -d "@$STAMP" "$@"
}
checksum() {	# writes www/jvn/checksum.txt; $1 overrides b.rdf's sha256
	a=$(sha256sum "$W/jvn/a.rdf" | cut -d' ' -f1)
	b=${1:-$(sha256sum "$W/jvn/b.rdf" | cut -d' ' -f1)}
	cat >"$W/jvn/checksum.txt" <<EOF
[
    {
        "url": "https://127.0.0.1:$PORT/jvn/a.rdf",
        "filename": "a.rdf",
        "sha256": "$a",
        "size": $(wc -c <"$W/jvn/a.rdf"),
        "lastModified": "2023/11/02 12:00:18"
    },
    {
        "url": "https://127.0.0.1:$PORT/jvn/b.rdf",
        "filename": "b.rdf",
        "sha256": "$b",
        "size": $(wc -c <"$W/jvn/b.rdf"),
        "lastModified": "2023/11/02 12:00:04"
    }
]
EOF
	bump "$W/jvn/checksum.txt"
}

# ---- MyJVN answers, built from the official sample getVulnOverviewList
# response (MyJVN/np examples/hnd) with totalRes/totalResRet/firstRes and
# the ids rewritten: three pages of two items each.
python3 - "$W" <<'PYEOF' || fail "cannot build the MyJVN pages"
import sys
w = sys.argv[1]
head = '''<?xml version="1.0" encoding="UTF-8"?>
<rdf:RDF xmlns="http://purl.org/rss/1.0/" xmlns:rss="http://purl.org/rss/1.0/"
  xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
  xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/"
  xmlns:sec="http://jvn.jp/rss/mod_sec/3.0/" xmlns:status="http://jvndb.jvn.jp/myjvn/Status"
  xml:lang="ja">
  <channel rdf:about="https://jvndb.jvn.jp/apis/myjvn">
    <title>JVNDB　脆弱性対策情報</title>
    <link>https://jvndb.jvn.jp/apis/myjvn</link>
    <description>JVNDB　脆弱性対策情報</description>
  </channel>
'''
item = '''  <item rdf:about="https://jvndb.jvn.jp/ja/contents/2025/{id}.html">
    <title>WordPress 用 Sunshine Photo Cart における信頼できないデータのデシリアライゼーションに関する脆弱性 {n}</title>
    <link>https://jvndb.jvn.jp/ja/contents/2025/{id}.html</link>
    <description>WordPress 用 Sunshine Photo Cart には、信頼できないデータのデシリアライゼーションに関する脆弱性が存在します。</description>
    <sec:identifier>{id}</sec:identifier>
    <sec:references source="CVE" id="CVE-2025-31084">https://www.cve.org/CVERecord?id=CVE-2025-31084</sec:references>
    <sec:cpe version="2.2" vendor="Sunshine Photo Cart" product="Sunshine Photo Cart">
      cpe:/a:sunshinephotocart:sunshine_photo_cart</sec:cpe>
    <sec:cvss score="5.0" severity="Medium" vector="AV:N/AC:L/Au:N/C:N/I:N/A:P" version="2.0" type="Base" />
    <sec:cvss score="9.8" severity="Critical" vector="CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"
      version="3.0" type="Base" />
    <dc:date>2025-04-04T14:45:58+09:00</dc:date>
    <dcterms:issued>2025-04-04T14:45:58+09:00</dcterms:issued>
    <dcterms:modified>2025-04-04T14:45:58+09:00</dcterms:modified>
  </item>
'''
status = '''  <status:Status version="3.3" method="getVulnOverviewList" lang="ja"
    retCd="{rc}" retMax="50" errCd="{ec}" errMsg="{em}" totalRes="{tr}"
    totalResRet="{trr}" firstRes="{fr}" feed="hnd" maxCountItem="2" />
</rdf:RDF>
'''
for first in (1, 3, 5):
    body = head
    for n in (first, first + 1):
        body += item.format(id="JVNDB-2025-%06d" % (900000 + n), n=n)
    body += status.format(rc=0, ec="", em="", tr=6, trr=2, fr=first)
    open("%s/myjvn/getVulnOverviewList-%d.xml" % (w, first), "w").write(body)
err = head + status.format(rc=1, ec="VL01020003", tr="", trr="", fr="",
    em="startItemは正の整数値のみ指定可能です。")
open("%s/myjvn-err/getVulnOverviewList-1.xml" % w, "w").write(err)
detail = '''<?xml version="1.0" encoding="UTF-8"?>
<VULDEF-Document version="3.2" xmlns="http://jvn.jp/vuldef/"
  xmlns:status="http://jvndb.jvn.jp/myjvn/Status" xml:lang="ja">
  <Vulinfo>
    <VulinfoID>JVNDB-2018-009328</VulinfoID>
    <VulinfoData>
      <Title>JP1/VERITAS 製品における複数の脆弱性</Title>
      <VulinfoDescription><Overview>JP1/VERITAS 製品には、複数の脆弱性が存在します。</Overview></VulinfoDescription>
      <Impact>
        <Cvss version="2.0"><Severity type="Base">High</Severity><Base>10</Base>
          <Vector>AV:N/AC:L/Au:N/C:C/I:C/A:C</Vector></Cvss>
        <Cvss version="3.0"><Severity type="Base">Critical</Severity><Base>9.8</Base>
          <Vector>CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H</Vector></Cvss>
      </Impact>
      <Related>
        <RelatedItem type="advisory"><Name>Common Vulnerabilities and Exposures (CVE)</Name>
          <VulinfoID>CVE-2018-12345</VulinfoID></RelatedItem>
        <RelatedItem type="cwe"><Name>JVN iPedia</Name><VulinfoID>CWE-noinfo</VulinfoID>
          <Title>情報不足</Title></RelatedItem>
      </Related>
      <DateLastUpdated>2018-11-20T12:12:04+09:00</DateLastUpdated>
      <DatePublic>2018-11-14T00:00:00+09:00</DatePublic>
    </VulinfoData>
  </Vulinfo>
  <status:Status version="3.3" method="getVulnDetailInfo" lang="ja" retCd="0" retMax="10"
    errCd="" errMsg="" totalRes="1" totalResRet="1" firstRes="1" feed="hnd" vulnId="JVNDB-2018-009328" />
</VULDEF-Document>
'''
open("%s/myjvn/getVulnDetailInfo-JVNDB-2018-009328.xml" % w, "w").write(detail)
products = '''<?xml version="1.0" encoding="UTF-8"?>
<Result version="3.3" xmlns="http://jvndb.jvn.jp/myjvn/Results"
  xmlns:status="http://jvndb.jvn.jp/myjvn/Status">
  <VendorInfo xml:lang="ja">
    <Vendor vname="マイクロソフト" cpe="cpe:/:microsoft" vid="2">
      <Product pname="Microsoft Excel" cpe="cpe:/a:microsoft:excel" pid="24"/>
      <Product pname="Microsoft Word" cpe="cpe:/a:microsoft:word" pid="25"/>
    </Vendor>
  </VendorInfo>
  <status:Status version="3.3" method="getProductList" lang="ja" retCd="0" retMax="10000"
    errCd="" errMsg="" totalRes="2" totalResRet="2" firstRes="1" feed="hnd" />
</Result>
'''
open("%s/myjvn/getProductList-1.xml" % w, "w").write(products)
PYEOF

# ---- nginx: two servers, the good certificate and the evil one.
start_nginx() {
	{
		nginx_conf_head "log_format kensa '\$request_method \$uri?\$args \$status inm=[\$http_if_none_match] ims=[\$http_if_modified_since] range=[\$http_range]';
	access_log $T/access.log kensa;"
		cat <<EOF
	server {
		listen 127.0.0.1:$PORT ssl;
		server_name localhost;
		ssl_certificate $T/good-srv.pem;
		ssl_certificate_key $T/good-srv.key;
		root $W;
		location /slow/ { limit_rate 10; }
		# Progress lines need the body to arrive over time: at full
		# speed a loaded machine may have it all buffered before
		# curl's first progress update.
		location = /plain/big.bin { limit_rate 2m; }
		location /crawl/ { limit_rate_after 1k; limit_rate 500; }
		location /myjvn/ {
			try_files /myjvn/\$arg_method-\$arg_startItem\$arg_vulnId.xml =404;
		}
		location /myjvn-err/ {
			try_files /myjvn-err/\$arg_method-\$arg_startItem.xml =404;
		}
	}
	server {
		listen 127.0.0.1:$PORT2 ssl;
		server_name localhost;
		ssl_certificate $T/evil-srv.pem;
		ssl_certificate_key $T/evil-srv.key;
		root $W;
	}
}
EOF
	} >"$T/nginx.conf"
	nginx_run
}
started=no
for try in 1 2 3 4 5; do
	PORT=$(free_port); PORT2=$(free_port)
	[ "$PORT" != "$PORT2" ] || continue
	if start_nginx; then started=yes; break; fi
done
[ $started = yes ] || fail "nginx did not start: $(cat "$T/nginx.err" "$T/error.log" 2>/dev/null | tail -3)"
checksum

# ---- Python TLS server for 503/Retry-After, truncation and resume.
cat >"$T/srv.py" <<'PYEOF'
import http.server, os, socketserver, ssl, sys, time, email.utils
T = sys.argv[1]
BIG = os.urandom(600000)
hits = {}
class H(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def log_message(self, fmt, *a):
        with open(T + "/py.log", "a") as f:
            f.write("%s range=[%s] ifrange=[%s]\n" % (self.path,
                self.headers.get("Range", ""), self.headers.get("If-Range", "")))
    def send_body(self, body, code=200, extra=()):
        self.send_response(code)
        self.send_header("Content-Length", str(len(body)))
        for k, v in extra:
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(body)
    def do_GET(self):
        n = hits[self.path] = hits.get(self.path, 0) + 1
        if self.path == "/flaky.xml":
            if n == 1:
                return self.send_body(b"busy\n", 503, [("Retry-After", "1")])
            return self.send_body(b"<flaky>ok</flaky>\n")
        if self.path == "/flaky-date.xml":
            if n == 1:
                when = email.utils.formatdate(time.time() + 2, usegmt=True)
                return self.send_body(b"busy\n", 503, [("Retry-After", when)])
            return self.send_body(b"<flaky>date ok</flaky>\n")
        if self.path == "/trunc.xml":
            body = b"<trunc>" + b"x" * 50000 + b"</trunc>\n"
            if not os.path.exists(T + "/truncate"):
                return self.send_body(body, 200, [("ETag", '"t1"')])
            self.send_response(200)
            self.send_header("Content-Length", str(len(body) + 1000))
            self.end_headers()
            self.wfile.write(body[:20000])
            self.wfile.flush()
            self.close_connection = True
            return
        if self.path == "/resume.bin":
            rng = self.headers.get("Range", "")
            if rng.startswith("bytes=") and self.headers.get("If-Range") == '"r1"':
                start = int(rng[6:].split("-")[0])
                return self.send_body(BIG[start:], 206, [("ETag", '"r1"'),
                    ("Content-Range", "bytes %d-%d/%d" % (start, len(BIG) - 1, len(BIG)))])
            self.send_response(200)
            self.send_header("Content-Length", str(len(BIG)))
            self.send_header("ETag", '"r1"')
            self.end_headers()
            self.wfile.write(BIG[:250000])
            self.wfile.flush()
            self.close_connection = True
            return
        if self.path == "/resume.sha256":
            import hashlib
            return self.send_body(("%s  resume.bin\n" % hashlib.sha256(BIG).hexdigest()).encode())
        self.send_body(b"no\n", 404)
class S(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
srv = S(("127.0.0.1", 0), H)
ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
ctx.load_cert_chain(T + "/good-srv.pem", T + "/good-srv.key")
srv.socket = ctx.wrap_socket(srv.socket, server_side=True)
with open(T + "/py.pid", "w") as f:
    f.write(str(os.getpid()))
with open(T + "/py.port.tmp", "w") as f:
    f.write(str(srv.server_address[1]))
os.rename(T + "/py.port.tmp", T + "/py.port")
deadline = time.time() + 300     # never outlive a stuck test
srv.timeout = 1
while time.time() < deadline:
    srv.handle_request()
PYEOF
python3 "$T/srv.py" "$T" 2>"$T/py.err" &
PY_PID=$!
i=0
while [ ! -f "$T/py.port" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
[ -f "$T/py.port" ] || fail "the Python TLS server did not start: $(tail -3 "$T/py.err")"
PYPORT=$(cat "$T/py.port")

B=https://127.0.0.1:$PORT
P=https://127.0.0.1:$PYPORT
CONF=$T/feeds.conf
cat >"$CONF" <<EOF
# written by tests/e2e/feeds-https.sh
[global]
cache_dir = $T/cache
ca_file = $T/good-ca.pem
connect_timeout = 5
timeout = 60
low_speed_limit = 100
low_speed_time = 2
retries = 2
retry_base = 0.1
retry_max = 5
throttle = 0.05

[oval-digest]
kind = oval
url = $B/oval/defs.xml
digest_url = $B/oval/SHA256SUMS

[plain]
kind = oval
url = $B/plain/feed.xml

[big]
kind = oval
url = $B/plain/big.bin

[big-tty]
kind = oval
url = $B/plain/big.bin

[crash]
kind = oval
url = $B/crawl/crash.xml
low_speed_limit = 1
low_speed_time = 30
retries = 0

[pinned]
kind = oval
url = $B/plain/feed.xml
pinned_key = $(openssl pkey -in "$T/good-srv.key" -pubout -outform der 2>/dev/null | openssl dgst -sha256 -binary | base64 | sed 's|^|sha256//|')

[mispinned]
kind = oval
url = $B/plain/feed.xml
retries = 0
pinned_key = $(openssl pkey -in "$T/evil-srv.key" -pubout -outform der 2>/dev/null | openssl dgst -sha256 -binary | base64 | sed 's|^|sha256//|')

[capped]
kind = oval
url = $B/plain/big.bin
max_size = 64K

[missing]
kind = oval
url = $B/plain/nothere.xml

[proxied]
kind = oval
url = $B/plain/feed.xml
proxy = http://127.0.0.1:1
retries = 0

[jvn]
kind = jvn-ipedia
url = $B/jvn/checksum.txt

[stall]
kind = oval
url = $B/slow/stall.bin
retries = 0

[evil]
kind = oval
url = https://127.0.0.1:$PORT2/plain/feed.xml
retries = 0

[flaky]
kind = oval
url = $P/flaky.xml

[flaky-date]
kind = oval
url = $P/flaky-date.xml

[trunc]
kind = oval
url = $P/trunc.xml
retries = 1

[resume]
kind = oval
url = $P/resume.bin
digest_url = $P/resume.sha256
retries = 1

[myjvn]
kind = myjvn
url = $B/myjvn/

[myjvn-err]
kind = myjvn
url = $B/myjvn-err/
retries = 0
EOF

k() {	# k ARGS...: kensa with the test config, bounded, output in $T/out, $T/err
	timeout 120 "$KENSA" "$@" >"$T/out" 2>"$T/err"
	kst=$?
	if grep -q 'Sanitizer' "$T/err"; then
		fail "kensa $*: sanitizer report: $(head -20 "$T/err")"
	fi
	return $kst
}
snap() { readlink "$T/cache/$1/current"; }

# 1. A normal download, digest from a SHA256SUMS file.
k feed --config "$CONF" update oval-digest || fail "normal download: $(cat "$T/err")"
grep -q '^oval-digest: updated (1 files' "$T/out" || fail "normal download: $(cat "$T/out")"
cmp -s "$T/cache/oval-digest/current/defs.xml" "$W/oval/defs.xml" || fail "normal download: cached copy differs"
note "normal download"

# 2. An unchanged feed costs one conditional request answered 304.
k feed --config "$CONF" update plain || fail "plain: $(cat "$T/err")"
s1=$(snap plain)
k feed --config "$CONF" update plain || fail "plain again: $(cat "$T/err")"
grep -q '^plain: unchanged' "$T/out" || fail "304: expected unchanged: $(cat "$T/out")"
grep '/plain/feed.xml' "$T/access.log" | tail -1 | grep -Eq ' 304 inm=\[[^]-]' ||
    fail "304: the access log shows no conditional request: $(grep feed.xml "$T/access.log")"
[ "$(snap plain)" = "$s1" ] || fail "304: the copy was replaced"
k feed --config "$CONF" list || fail "list: $(cat "$T/err")"
grep -E '^plain +oval .* unchanged' "$T/out" >/dev/null || fail "list: $(cat "$T/out")"
note "304 on an unchanged feed (If-None-Match seen by nginx)"

# 3. A changed file with the wrong published digest is rejected.
# The digest file announces version 2; the server hands out something else.
echo '<oval_definitions>version 2</oval_definitions>' >"$T/v2.xml"
echo "$(sha256sum <"$T/v2.xml" | cut -d' ' -f1)  defs.xml" >"$W/oval/SHA256SUMS"
echo '<oval_definitions>version 2, tampered</oval_definitions>' >"$W/oval/defs.xml"
bump "$W/oval/SHA256SUMS" "$W/oval/defs.xml"
k feed --config "$CONF" update oval-digest && fail "wrong digest: accepted"
grep -q 'oval-digest: .*/oval/defs.xml: sha256 mismatch' "$T/err" || fail "wrong digest: $(cat "$T/err")"
grep -q 'version 1' "$T/cache/oval-digest/current/defs.xml" || fail "wrong digest: previous copy lost"
k feed --config "$CONF" verify oval-digest || fail "verify after rejected update: $(cat "$T/err")"
note "oval: changed file with a wrong digest rejected, previous copy kept"

# 3b. A compression bomb and a path-traversal archive where a vendor feed
# was: refused at update time, before the copy is switched in; the previous
# copy stays.
mkdir -p "$W/packed"
echo '<oval_definitions>packed v1</oval_definitions>' | gzip -c >"$W/packed/feed.xml.gz"
chmod -R a+rX "$W/packed"
bump "$W/packed/feed.xml.gz"
printf '\n[packed]\nkind = oval\nurl = %s/packed/feed.xml.gz\n' "$B" >>"$CONF"
k feed --config "$CONF" update packed || fail "packed: $(cat "$T/err")"
s1=$(snap packed)
head -c 67108864 /dev/zero | gzip -c >"$W/packed/feed.xml.gz"
bump "$W/packed/feed.xml.gz"
k feed --config "$CONF" update packed && fail "a compression bomb was cached"
grep -q 'packed: feed.xml.gz: .*200 times' "$T/err" || fail "bomb: $(cat "$T/err")"
[ "$(snap packed)" = "$s1" ] || fail "bomb: the previous copy was replaced"
python3 - "$W/packed/feed.xml.gz" <<'PY' || fail "making the traversal archive"
import io, sys, tarfile
with tarfile.open(sys.argv[1], "w:gz") as t:
    for name, data in (("oval.xml", b"<oval_definitions/>"), ("../../evil", b"x")):
        i = tarfile.TarInfo(name)
        i.size = len(data)
        t.addfile(i, io.BytesIO(data))
PY
bump "$W/packed/feed.xml.gz"
k feed --config "$CONF" update packed && fail "a path-traversal archive was cached"
grep -q "packed: feed.xml.gz: .*'..' component refused" "$T/err" || fail "traversal: $(cat "$T/err")"
[ "$(snap packed)" = "$s1" ] || fail "traversal: the previous copy was replaced"
find "$T" "$W" -name evil | grep -q . && fail "traversal: evil was written"
gzip -dc "$T/cache/packed/current/feed.xml.gz" | grep -q 'packed v1' ||
    fail "packed: the previous copy is not intact"
k feed --config "$CONF" verify packed || fail "verify after refused updates: $(cat "$T/err")"
note "a compression bomb and a path-traversal archive refused at update, previous copy kept"

# 4. JVN iPedia: checksum.txt decides; a wrong digest keeps the old copy;
# an unchanged file is not downloaded again.
k feed --config "$CONF" update jvn || fail "jvn: $(cat "$T/err")"
grep -q '^jvn: updated (3 files' "$T/out" || fail "jvn: $(cat "$T/out")"
echo '<rdf>b v2</rdf>' >"$W/jvn/b.rdf"
bump "$W/jvn/b.rdf"
checksum 0000000000000000000000000000000000000000000000000000000000000000
k feed --config "$CONF" update jvn && fail "jvn wrong digest: accepted"
grep -q 'jvn: .*/jvn/b.rdf: sha256 mismatch' "$T/err" || fail "jvn wrong digest: $(cat "$T/err")"
grep -q 'b v1' "$T/cache/jvn/current/b.rdf" || fail "jvn wrong digest: previous copy lost"
k feed --config "$CONF" list
grep -E '^jvn .*failed: .*sha256 mismatch' "$T/out" >/dev/null || fail "list after failure: $(cat "$T/out")"
checksum
k feed --config "$CONF" update jvn || fail "jvn fixed: $(cat "$T/err")"
grep -q 'b v2' "$T/cache/jvn/current/b.rdf" || fail "jvn: new b.rdf not installed"
[ "$(grep -c 'GET /jvn/a.rdf' "$T/access.log")" = 1 ] || fail "jvn: unchanged a.rdf fetched again"
k feed --config "$CONF" update jvn || fail "jvn unchanged: $(cat "$T/err")"
grep -q '^jvn: unchanged' "$T/out" || fail "jvn unchanged: $(cat "$T/out")"
note "jvn-ipedia: checksum.txt, digests, wrong digest rejected, unchanged files reused"

# 5. A 503 with Retry-After (seconds, then an HTTP-date) is retried.
k feed --config "$CONF" update flaky || fail "503: $(cat "$T/err")"
grep -q 'flaky: .*/flaky.xml: HTTP 503; retrying in 1.0 s' "$T/err" || fail "503: $(cat "$T/err")"
k feed --config "$CONF" update flaky-date || fail "503 date: $(cat "$T/err")"
grep -Eq 'flaky-date: .*HTTP 503; retrying in [1-3]\.[0-9] s' "$T/err" || fail "503 date: $(cat "$T/err")"
note "503 with Retry-After (delta and HTTP-date) honoured"

# 6. A stalled server fails with a timeout line naming source and URL.
start=$(date +%s)
k feed --config "$CONF" update stall && fail "stall: succeeded"
[ $(($(date +%s) - start)) -lt 30 ] || fail "stall: took too long"
grep -q "^kensa: stall: $B/slow/stall.bin: timeout: " "$T/err" || fail "stall: $(cat "$T/err")"
note "stalled server: $(head -1 "$T/err")"

# 7. A truncated transfer is detected and the previous copy stays.
k feed --config "$CONF" update trunc || fail "trunc first: $(cat "$T/err")"
s1=$(snap trunc)
touch "$T/truncate"
rm -f "$T/access.log.x"
k feed --config "$CONF" update trunc && fail "truncated: accepted"
grep -q "trunc: $P/trunc.xml: truncated transfer" "$T/err" || fail "truncated: $(cat "$T/err")"
[ "$(snap trunc)" = "$s1" ] || fail "truncated: copy replaced"
k feed --config "$CONF" verify trunc || fail "truncated: verify: $(cat "$T/err")"
note "truncated transfer rejected, previous copy intact"

# 8. A server certificate from another CA fails.
k feed --config "$CONF" update evil && fail "wrong certificate: accepted"
grep -q "evil: https://127.0.0.1:$PORT2/plain/feed.xml: TLS verification failed" "$T/err" ||
    fail "wrong certificate: $(cat "$T/err")"
[ -e "$T/cache/evil/current" ] && fail "wrong certificate: something was cached"
note "wrong certificate rejected"

# 8b. Pinned public keys: the right pin passes, another key's fails.
k feed --config "$CONF" update pinned || fail "pinned: $(cat "$T/err")"
k feed --config "$CONF" update mispinned && fail "wrong pin: accepted"
grep -q "mispinned: $B/plain/feed.xml: TLS verification failed" "$T/err" || fail "wrong pin: $(cat "$T/err")"
note "pinned public key"

# 8c. The size cap aborts a download; a 404 is not retried; the
# configured proxy is used.
k feed --config "$CONF" update capped && fail "size cap: accepted"
grep -q "capped: $B/plain/big.bin: larger than max_size (65536 bytes); aborted" "$T/err" ||
    fail "size cap: $(cat "$T/err")"
[ -e "$T/cache/capped/current" ] && fail "size cap: something was cached"
k feed --config "$CONF" update missing && fail "404: accepted"
grep -q "^kensa: missing: $B/plain/nothere.xml: HTTP 404$" "$T/err" || fail "404: $(cat "$T/err")"
grep -q retrying "$T/err" && fail "404: retried"
# (libcurl lets no_proxy override a configured proxy: drop it here.)
no_proxy= NO_PROXY= k feed --config "$CONF" update proxied && fail "proxy: not used"
grep -q "proxied: $B/plain/feed.xml: .*127.0.0.1 port 1" "$T/err" || fail "proxy: $(cat "$T/err")"
note "size cap, 404, configured proxy"

# 8d. kensa killed in the middle of an update: the previous copy stays
# in use and intact, and the next update cleans up after the crash.
echo '<v1/>' >"$W/crawl/crash.xml"
k feed --config "$CONF" update crash || fail "crash v1: $(cat "$T/err")"
head -c 50000 /dev/urandom >"$W/crawl/crash.xml"
chmod a+r "$W/crawl/crash.xml"
"$KENSA" feed --config "$CONF" update crash >/dev/null 2>&1 &
KPID=$!
sleep 1.5
kill -9 $KPID 2>/dev/null
wait $KPID 2>/dev/null
[ "$(cat "$T/cache/crash/current/crash.xml")" = '<v1/>' ] || fail "crash: previous copy lost"
k feed --config "$CONF" verify crash || fail "crash: verify: $(cat "$T/err")"
ls -a "$T/cache/crash" | grep -q '^\.new-' || fail "crash: kill came too late to test anything"
echo '<v2/>' >"$W/crawl/crash.xml"
bump "$W/crawl/crash.xml"
k feed --config "$CONF" update crash || fail "crash v2: $(cat "$T/err")"
ls -a "$T/cache/crash" | grep -q '^\.new-' && fail "crash: leftovers not cleaned"
[ "$(cat "$T/cache/crash/current/crash.xml")" = '<v2/>' ] || fail "crash: v2 not installed"
note "killed update: previous copy kept, leftovers cleaned"

# 9. An interrupted download resumes with a Range request.
k feed --config "$CONF" update resume || fail "resume: $(cat "$T/err")"
grep -q '^/resume.bin range=\[bytes=250000-\] ifrange=\["r1"\]' "$T/py.log" || fail "resume: no Range request: $(cat "$T/py.log")"
note "resumed download (Range + If-Range) with digest check"

# 10. Progress: plain log lines when stderr is not a terminal.
k feed --config "$CONF" update big || fail "big: $(cat "$T/err")"
grep -Eq '^kensa: big: big.bin: (25|50|75)% \(' "$T/err" || fail "progress lines: $(cat "$T/err")"
cmp -s "$T/cache/big/current/big.bin" "$W/plain/big.bin" || fail "big: differs"
note "progress log lines"
if command -v script >/dev/null; then
	# On a terminal: a bar redrawn in place.
	timeout 60 script -qec "'$KENSA' feed --config '$CONF' update big-tty" /dev/null >"$T/tty" 2>&1 ||
	    fail "progress bar: $(cat "$T/tty")"
	grep -q 'big.bin  *\[##############################\] 100% 2.0 MiB of 2.0 MiB' "$T/tty" ||
	    fail "progress bar: $(cat "$T/tty")"
	note "progress bar on a terminal"
fi

# 11. The lock stops a second update.
if command -v flock >/dev/null; then
	flock "$T/cache/.lock" sleep 3 &
	FLOCK_PID=$!
	sleep 0.5
	k feed --config "$CONF" update plain && fail "lock: second update ran"
	grep -q 'another feed update is running' "$T/err" || fail "lock: $(cat "$T/err")"
	wait "$FLOCK_PID"
	note "lock"
fi

# 12. feed verify notices a damaged cached file.
echo tampered >>"$T/cache/plain/current/feed.xml"
k feed --config "$CONF" verify && fail "verify: damage not noticed"
grep -q 'plain: feed.xml: sha256 mismatch' "$T/err" || fail "verify: $(cat "$T/err")"
note "verify"

# 13. MyJVN: every page of getVulnOverviewList, with the date range given.
k jvn --config "$CONF" overview --cpe cpe:/a:sunshinephotocart:sunshine_photo_cart --from 2024-01 ||
    fail "myjvn overview: $(cat "$T/err")"
[ "$(wc -l <"$T/out")" = 6 ] || fail "myjvn overview: expected 6 lines: $(cat "$T/out")"
[ "$(cut -f1 "$T/out" | sort -u | wc -l)" = 6 ] || fail "myjvn overview: ids not distinct"
grep -q "^JVNDB-2025-900006	2025-04-04T14:45:58+09:00	3.0	9.8	Critical	WordPress" "$T/out" ||
    fail "myjvn overview: $(tail -1 "$T/out")"
for s in 1 3 5; do
	grep -q "getVulnOverviewList&feed=hnd&startItem=$s&maxCountItem=50&cpeName=cpe%3A%2Fa%3Asunshinephotocart%3Asunshine_photo_cart&rangeDatePublic=n&rangeDatePublished=n&rangeDateFirstPublished=n&datePublicStartY=2024&datePublicStartM=1 200" "$T/access.log" ||
	    fail "myjvn: no request for startItem=$s: $(grep myjvn "$T/access.log")"
done
note "MyJVN paging over 3 pages"

k jvn --config "$CONF" --source myjvn-err overview --keyword x && fail "myjvn error: accepted"
grep -q 'myjvn-err: .*MyJVN error VL01020003: startItem' "$T/err" || fail "myjvn error: $(cat "$T/err")"
note "MyJVN error status reported"

k jvn --config "$CONF" detail JVNDB-2018-009328 || fail "myjvn detail: $(cat "$T/err")"
grep -q '^title:	JP1/VERITAS 製品における複数の脆弱性' "$T/out" || fail "detail: $(cat "$T/out")"
grep -q '^cvss 3.0:	9.8 Critical CVSS:3.0/' "$T/out" || fail "detail: $(cat "$T/out")"
grep -q '^cve:	CVE-2018-12345' "$T/out" || fail "detail: $(cat "$T/out")"
note "MyJVN detail"

k jvn --config "$CONF" products --cpe 'cpe:/a:microsoft:*' || fail "myjvn products: $(cat "$T/err")"
grep -q '^cpe:/:microsoft	マイクロソフト	cpe:/a:microsoft:word	Microsoft Word$' "$T/out" ||
    fail "products: $(cat "$T/out")"
note "MyJVN getProductList"

k feed --config "$CONF" show jvn || fail "show: $(cat "$T/err")"
grep -Eq '^  [0-9a-f]{64} +[0-9]+  b.rdf$' "$T/out" || fail "show: $(cat "$T/out")"
note "feed show"

# Signed checklist bundles: a bundle enters the cache only when its MANIFEST
# signature matches one of the source's trusted keys (and every file its
# digest); otherwise the update fails and the previous copy stays.
mkdir -p "$T/bsrc" "$W/bundle"
echo '<Benchmark xmlns="http://checklists.nist.gov/xccdf/1.2"/>' >"$T/bsrc/policy-xccdf.xml"
for key in officer other; do
	openssl genpkey -algorithm ed25519 -out "$T/$key.key" 2>/dev/null || fail "genpkey $key"
	openssl pkey -in "$T/$key.key" -pubout -out "$T/$key.pub" 2>/dev/null || fail "pubout $key"
done
k bundle sign --key "$T/officer.key" --out "$W/bundle/policy.bundle" "$T/bsrc" ||
    fail "bundle sign: $(cat "$T/err")"
bump "$W/bundle/policy.bundle"
chmod -R a+rX "$W/bundle"
printf '\n[policy]\nkind = bundle\nurl = %s/bundle/policy.bundle\ntrust = %s/officer.pub\n' "$B" "$T" >>"$CONF"
printf '\n[policy-untrusted]\nkind = bundle\nurl = %s/bundle/policy.bundle\ntrust = %s/other.pub\n' "$B" "$T" >>"$CONF"
k feed --config "$CONF" update policy || fail "bundle update: $(cat "$T/err")"
grep -q '^policy: updated (1 files' "$T/out" || fail "bundle update: $(cat "$T/out")"
k bundle verify --trust "$T/officer.pub" "$T/cache/policy/current/policy.bundle" ||
    fail "cached bundle does not verify: $(cat "$T/err")"
k feed --config "$CONF" update policy-untrusted && fail "a bundle signed by an untrusted key was cached"
grep -q 'policy-untrusted' "$T/err" || fail "untrusted bundle: $(cat "$T/err")"
[ -e "$T/cache/policy-untrusted/current" ] && fail "untrusted bundle: a copy was switched in"
s1=$(snap policy)
k bundle sign --key "$T/other.key" --out "$W/bundle/policy.bundle.new" "$T/bsrc" ||
    fail "bundle sign other: $(cat "$T/err")"
mv "$W/bundle/policy.bundle.new" "$W/bundle/policy.bundle"
bump "$W/bundle/policy.bundle"
chmod a+r "$W/bundle/policy.bundle"
k feed --config "$CONF" update policy && fail "a re-signed bundle from an untrusted key replaced the copy"
[ "$(snap policy)" = "$s1" ] || fail "bundle: the previous copy was replaced"
printf '[b]\nkind = bundle\nurl = https://127.0.0.1/x.bundle\n' >"$T/notrust.conf"
k feed --config "$T/notrust.conf" list && fail "a bundle source without trust was accepted"
grep -q "needs 'trust'" "$T/err" || fail "bundle without trust: $(cat "$T/err")"
note "signed bundles verified before they enter the cache"

# SIGNATURE in feed list: what each cached copy was verified against when
# it was installed: the officer's key for the bundle, published digests
# for a digest_url source and the JVN checksum.txt, nothing for a plain
# HTTPS file, "-" when nothing is cached, "unknown" for a copy whose
# state predates the field (a cache written by an older kensa).
fpr=$(openssl pkey -pubin -in "$T/officer.pub" -outform der 2>/dev/null | sha256sum | cut -c1-64)
[ ${#fpr} = 64 ] || fail "signature: cannot compute the officer key fingerprint"
k feed --config "$CONF" list || fail "list: $(cat "$T/err")"
head -1 "$T/out" | grep -Eq '^SOURCE +KIND +UPDATED +SIZE +FILES +SIGNATURE +LAST ATTEMPT$' ||
    fail "list header: $(head -1 "$T/out")"
grep -Eq "^policy +bundle .* signed:SHA256:$(echo "$fpr" | cut -c1-16) " "$T/out" ||
    fail "signature of the bundle: $(grep '^policy' "$T/out")"
grep -Eq '^policy-untrusted +bundle +never +- +0  - ' "$T/out" ||
    fail "signature of an uncached bundle: $(grep '^policy-untrusted' "$T/out")"
grep -Eq '^plain +oval .* [0-9.]+[BKM] +1  none ' "$T/out" || fail "signature of a plain source: $(grep '^plain ' "$T/out")"
grep -Eq '^oval-digest +oval .* sha256 ' "$T/out" || fail "signature of a digest source: $(grep '^oval-digest' "$T/out")"
grep -Eq '^jvn +jvn-ipedia .* sha256 ' "$T/out" || fail "signature of jvn-ipedia: $(grep '^jvn ' "$T/out")"
k feed --config "$CONF" show policy || fail "show policy: $(cat "$T/err")"
grep -q "^verified: *signed:SHA256:$fpr\$" "$T/out" || fail "show policy: $(cat "$T/out")"
st=$T/cache/oval-digest/current/.state
grep -q '^verified = sha256$' "$st" || fail "state file: no verified line: $(cat "$st")"
grep -v '^verified = ' "$st" >"$T/state.old" && cat "$T/state.old" >"$st"
k feed --config "$CONF" list || fail "list with an old state: $(cat "$T/err")"
grep -Eq '^oval-digest +oval .* unknown ' "$T/out" || fail "old state: $(grep '^oval-digest' "$T/out")"
k feed --config "$CONF" verify oval-digest || fail "old state: verify: $(cat "$T/err")"
note "feed list SIGNATURE: signed bundle, sha256, none, -, unknown"

# --feeds-max-age: one warning per stale source (older than DURATION or
# never updated) on stderr, naming the source, its age and the last
# update; the exit status does not change.
now=$(date +%s)
sed -i "s/^updated = .*/updated = $((now - 864000))/" "$T/cache/plain/current/.state"
stale_re="^kensa: warning: feed source 'plain' is stale: last updated [0-9T:-]+, 10d ago \(--feeds-max-age 7d\)\$"
k feed --config "$CONF" list --feeds-max-age 7d || fail "list --feeds-max-age: $(cat "$T/err")"
grep -Eq "$stale_re" "$T/err" || fail "list --feeds-max-age: $(cat "$T/err")"
grep -q "feed source 'evil' is stale: never updated (--feeds-max-age 7d)" "$T/err" ||
    fail "list --feeds-max-age: never-updated source: $(cat "$T/err")"
grep -Eq "'(oval-digest|policy|myjvn)'" "$T/err" && fail "list --feeds-max-age: a fresh source warned: $(cat "$T/err")"
[ "$(grep -c "'plain'" "$T/err")" = 1 ] || fail "list --feeds-max-age: not one line per source: $(cat "$T/err")"
grep -Eq '^plain +oval ' "$T/out" || fail "list --feeds-max-age: no table: $(cat "$T/out")"
k feed --config "$CONF" list --feeds-max-age 11d || fail "list --feeds-max-age 11d: $(cat "$T/err")"
grep -q "'plain'" "$T/err" && fail "list --feeds-max-age 11d: plain is not older than 11 days: $(cat "$T/err")"
k feed --config "$CONF" list --feeds-max-age 0 && fail "--feeds-max-age 0 accepted"
grep -q "more than 0" "$T/err" || fail "--feeds-max-age 0: $(cat "$T/err")"
k feed --config "$CONF" list --feeds-max-age 7days && fail "--feeds-max-age 7days accepted"
grep -q "expected a number" "$T/err" || fail "--feeds-max-age 7days: $(cat "$T/err")"
printf '[global]\ncache_dir = %s/cache\n\n[oval-digest]\nkind = oval\nurl = %s/oval/defs.xml\n\n[policy]\nkind = bundle\nurl = %s/bundle/policy.bundle\ntrust = %s/officer.pub\n' \
    "$T" "$B" "$B" "$T" >"$T/fresh.conf"
k feed --config "$T/fresh.conf" list --feeds-max-age 1h || fail "fresh list: $(cat "$T/err")"
[ -s "$T/err" ] && fail "fresh cache warned: $(cat "$T/err")"

# The same option on the commands that read the cache.
mkdir -p "$T/root" "$T/scanout" "$T/vs"
cat >"$T/t-oval.xml" <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<oval_definitions xmlns="http://oval.mitre.org/XMLSchema/oval-definitions-5"
  xmlns:oval="http://oval.mitre.org/XMLSchema/oval-common-5"
  xmlns:ind="http://oval.mitre.org/XMLSchema/oval-definitions-5#independent">
  <generator><oval:schema_version>5.11.2</oval:schema_version>
    <oval:timestamp>2026-01-01T00:00:00</oval:timestamp></generator>
  <definitions><definition id="oval:t:def:1" version="1" class="inventory">
    <metadata><title>t</title><description>t</description></metadata>
    <criteria><criterion test_ref="oval:t:tst:1"/></criteria></definition>
  </definitions>
  <tests><ind:family_test id="oval:t:tst:1" version="1" check="all"
    check_existence="at_least_one_exists" comment="t">
    <ind:object object_ref="oval:t:obj:1"/></ind:family_test></tests>
  <objects><ind:family_object id="oval:t:obj:1" version="1"/></objects>
</oval_definitions>
XML
cat >"$T/t-xccdf.xml" <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<Benchmark xmlns="http://checklists.nist.gov/xccdf/1.2" id="xccdf_org.test_benchmark_t"
  resolved="1"><status>draft</status><version>1</version>
  <Rule id="xccdf_org.test_rule_r" selected="true"><title>r</title></Rule></Benchmark>
XML
for cmd in "oval eval" "scan" "xccdf eval"; do
	case $cmd in
	oval*) args="--root $T/root $T/t-oval.xml" ;;
	scan) args="--root $T/root --content $T/t-oval.xml --output $T/scanout" ;;
	xccdf*) args="--root $T/root $T/t-xccdf.xml" ;;
	esac
	# shellcheck disable=SC2086
	KENSA_CACHE_DIR=$T/vs k $cmd $args; st0=$kst
	# shellcheck disable=SC2086
	KENSA_CACHE_DIR=$T/vs k $cmd --feeds-max-age 7d --feeds-config "$CONF" $args
	[ "$kst" = "$st0" ] || fail "$cmd --feeds-max-age: exit $kst, without it $st0: $(cat "$T/err")"
	grep -Eq "$stale_re" "$T/err" || fail "$cmd --feeds-max-age: $(cat "$T/err")"
	grep -Eq "'(oval-digest|policy)' is stale" "$T/err" && fail "$cmd --feeds-max-age: a fresh source warned: $(cat "$T/err")"
	# shellcheck disable=SC2086
	KENSA_CACHE_DIR=$T/vs k $cmd --feeds-max-age 12h --feeds-config "$T/fresh.conf" \
	    --feeds-cache-dir "$T/cache" $args
	[ "$kst" = "$st0" ] || fail "$cmd fresh: exit $kst, without it $st0"
	grep -q 'stale' "$T/err" && fail "$cmd: a fresh cache warned: $(cat "$T/err")"
	# shellcheck disable=SC2086
	k $cmd --feeds-max-age soon $args && fail "$cmd: --feeds-max-age soon accepted"
	grep -q "duration 'soon'" "$T/err" || fail "$cmd --feeds-max-age soon: $(cat "$T/err")"
done
# A missing cache directory: everything is stale, and nothing is created.
KENSA_CACHE_DIR=$T/vs k oval eval --feeds-max-age 7d --feeds-config "$T/fresh.conf" \
    --feeds-cache-dir "$T/nocache" --root "$T/root" "$T/t-oval.xml" || fail "no cache: $(cat "$T/err")"
grep -q "feed source 'policy' is stale: never updated" "$T/err" || fail "no cache: $(cat "$T/err")"
[ -e "$T/nocache" ] && fail "--feeds-max-age created the cache directory"
note "--feeds-max-age on feed list, oval eval, scan and xccdf eval"

echo "feeds-https: all checks passed"
