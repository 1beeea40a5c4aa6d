#!/bin/sh
# make bench: kensa against oscap on the same content and the same Debian
# root, in the same run; prints wall time (median of BENCH_RUNS, default 5)
# and peak memory of each, their ratios, and libxml2's streaming parse of the
# same file (xmllint --stream) as the floor, its time and its memory. Figures
# go in closing notes; tests never assert timings.
#   BENCH_ROOT   a Debian root with openscap-scanner (built when missing)
set -eu
KENSA=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
HERE=$(cd "$(dirname "$0")" && pwd)
OUT=$HERE/out
SHARED=$HERE/../../shared
RUNS=${BENCH_RUNS:-5}
ROOT=${BENCH_ROOT:-$OUT/deb12}
mkdir -p "$OUT"

if [ ! -x "$ROOT/usr/bin/oscap" ]; then
	echo "bench: building a Debian 12 root with oscap in $ROOT (about a minute)"
	rm -rf "$ROOT"
	"$SHARED/tools/mkroot-debian" "$ROOT" openscap-scanner >"$OUT/mkroot.log" 2>&1
fi
# The Ubuntu trusty feed applies only where lsb-release says trusty: make the
# root say so, so that its dpkginfo tests decide the results.
printf 'DISTRIB_ID=Ubuntu\nDISTRIB_RELEASE=14.04\nDISTRIB_CODENAME=trusty\nDISTRIB_DESCRIPTION="Ubuntu 14.04 LTS"\n' \
    >"$ROOT/etc/lsb-release"

feeds=""
for f in "$SHARED"/testdata/vendor-oval/*.xml "$SHARED"/testdata/vendor-oval/*.xml.xz; do
	[ -e "$f" ] || continue
	base=$(basename "$f" .xz)
	case $f in *.xz) [ -f "$OUT/$base" ] || xz -dc "$f" >"$OUT/$base" ;; *) cp "$f" "$OUT/$base" ;; esac
	feeds="$feeds $base"
done

# measure CMD...: "median_seconds max_kib" of $RUNS runs, or "fail fail"
# when the command exits non-zero (oscap refuses some vendor documents
# that kensa evaluates); bench/measure.py.
measure() {
	python3 "$HERE/measure.py" --runs "$RUNS" --stderr "$OUT/err.log" "$@"
}

echo "kensa: $KENSA; oscap: $(chroot "$ROOT" oscap --version | head -1); $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-44s %9s %9s %9s %9s %7s %7s %9s %9s\n' feed "kensa s" "kensa MB" "oscap s" "oscap MB" "x time" "x mem" "floor s" "floor MB"
for base in $feeds; do
	cp "$OUT/$base" "$ROOT/tmp/bench-defs.xml"
	k=$(measure "$KENSA" oval eval --root "$ROOT" --results "$OUT/kensa.$base.results.xml" "$OUT/$base")
	o=$(measure chroot "$ROOT" oscap oval eval --results /tmp/bench-res.xml /tmp/bench-defs.xml)
	fl=$(measure xmllint --stream --noout "$OUT/$base")
	rm -f "$ROOT/tmp/bench-defs.xml" "$ROOT/tmp/bench-res.xml"
	echo "$k $o $fl" | awk -v f="$base" '{
		if ($3 == "fail") {
			printf "%-44s %9.4f %9.1f %9s %9s %7s %7s %9.4f %9.1f\n", f, $1, $2 / 1024,
			    "refused", "-", "-", "-", $5, $6 / 1024
			next
		}
		kt = $1; km = $2 / 1024; ot = $3; om = $4 / 1024; ft = $5; fm = $6 / 1024
		printf "%-44s %9.4f %9.1f %9.4f %9.1f %7.1f %7.1f %9.4f %9.1f\n", f, kt, km, ot, om,
		    (kt > 0 ? ot / kt : 0), (km > 0 ? om / km : 0), ft, fm }'
done
# The floor's memory is libxml2's own process (the library, its ICU and
# the C++ runtime it pulls in): on the small feeds more than a sixth of
# oscap's, which bounds the memory ratio any libxml2 program can reach.

# The XCCDF benchmark (issue 4): every SSG Debian 11 profile.
sh "$HERE/xccdf.sh" "$KENSA" "$ROOT"
# File-system walks (issue 3): SSG OVAL on the root and on this host.
bash "$HERE/host.sh" "$KENSA" "$ROOT"
