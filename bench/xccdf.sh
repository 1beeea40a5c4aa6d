#!/bin/sh
# make bench, XCCDF part: `xccdf eval` of every profile of the SCAP Security
# Guide Debian 11 data stream with --results-arf and --report, kensa against
# oscap on the same Debian root (made to say Debian 11 so that the rules
# apply), in the same run. Prints per profile the median wall time of
# BENCH_RUNS runs and the peak memory of each tool, the totals and the ratios.
# oscap runs chrooted in the root with /proc mounted (without it oscap reports
# unknown for every recursive file check); kensa reads the root with --root.
# usage: bench/xccdf.sh KENSA ROOT-WITH-OSCAP
set -eu
KENSA=$1
SRC=$2
HERE=$(cd "$(dirname "$0")" && pwd)
OUT=$HERE/out
RUNS=${BENCH_RUNS:-5}
DS=${BENCH_DS:-/usr/share/xml/scap/ssg/content/ssg-debian11-ds.xml}
ROOT=$OUT/deb11
mkdir -p "$OUT"
if [ ! -x "$ROOT/usr/bin/oscap" ]; then
	rm -rf "$ROOT"
	cp -a "$SRC" "$ROOT"
fi
echo "11.6" >"$ROOT/etc/debian_version"
rm -f "$ROOT/etc/os-release"
printf 'PRETTY_NAME="Debian GNU/Linux 11 (bullseye)"\nNAME="Debian GNU/Linux"\nVERSION_ID="11"\nVERSION_CODENAME=bullseye\nID=debian\n' >"$ROOT/etc/os-release"
rm -f "$ROOT/etc/lsb-release"
mkdir -p "$ROOT/content"
cp "$DS" "$ROOT/content/ds.xml"
mountpoint -q "$ROOT/proc" || mount -t proc proc "$ROOT/proc"
trap 'umount "$ROOT/proc" 2>/dev/null || true' EXIT INT TERM

# xccdf eval exits 2 when a rule fails: every status counts.
measure() {
	python3 "$HERE/measure.py" --runs "$RUNS" --any-status \
	    --stderr "$OUT/xerr.log" "$@"
}

profiles=$(grep -o '<xccdf-1.2:Profile id="[^"]*"' "$DS" | sed 's/.*id="//; s/"$//')
echo "xccdf eval --results-arf --report, $(basename "$DS"), every profile; $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-58s %8s %8s %8s %8s\n' profile "kensa s" "kensa MB" "oscap s" "oscap MB"
: >"$OUT/xsum"
for p in $profiles; do
	k=$(measure "$KENSA" xccdf eval --quiet --root "$ROOT" --profile "$p" \
	    --results-arf "$OUT/k-arf.xml" --report "$OUT/k-report.html" "$DS")
	o=$(measure chroot "$ROOT" oscap xccdf eval --profile "$p" \
	    --results-arf /tmp/o-arf.xml --report /tmp/o-report.html /content/ds.xml)
	echo "$p $k $o" | tee -a "$OUT/xsum" | awk '{ printf "%-58s %8.3f %8.1f %8.3f %8.1f\n", $1, $2, $3 / 1024, $4, $5 / 1024 }'
done
awk '{ kt += $2; ot += $4; if ($3 > km) km = $3; if ($5 > om) om = $5 } END {
	printf "%-58s %8.3f %8.1f %8.3f %8.1f\n", "total (time) / peak (memory)", kt, km / 1024, ot, om / 1024
	printf "kensa is %.1fx faster and uses %.1fx less peak memory than oscap\n", ot / kt, om / km }' "$OUT/xsum"
