#!/bin/bash
# make bench, file-system part (issue 3): the SCAP Security Guide OVAL
# documents, whose objects walk the file system (recursive file, textfile
# and permission checks), kensa against oscap in the same run:
#   - ssg-debian11-oval.xml and ssg-ubuntu2204-oval.xml on a Debian root
#     (oscap chrooted with /proc mounted, kensa --root): median wall time
#     of BENCH_RUNS runs, peak memory, and how many definition results
#     differ between the two (each tool's "Definition ID: result" lines);
#   - ssg-debian11-oval.xml on this machine's own / : kensa against the
#     floor, a bare `find / -xdev` (oscap takes minutes there: only with
#     BENCH_HOST_OSCAP=1).
# usage: bench/host.sh KENSA ROOT-WITH-OSCAP
set -eu
KENSA=$1
ROOT=$2
HERE=$(cd "$(dirname "$0")" && pwd)
OUT=$HERE/out
RUNS=${BENCH_RUNS:-5}
SSG=/usr/share/xml/scap/ssg/content
mkdir -p "$OUT" "$ROOT/content"
mountpoint -q "$ROOT/proc" || mount -t proc proc "$ROOT/proc"
trap 'umount "$ROOT/proc" 2>/dev/null || true' EXIT INT TERM

# measure CMD...: "median_seconds max_kib" of $RUNS runs (bench/measure.py);
# stdout of the last run in $OUT/hout.
measure() {
	python3 "$HERE/measure.py" --runs "$RUNS" --any-status \
	    --stdout "$OUT/hout" --stderr "$OUT/herr.log" "$@"
}

defs() { grep '^Definition ' "$1" | sed 's/^Definition //' | sort; }

echo "SSG OVAL on a Debian root and on this host; $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-28s %9s %9s %9s %9s %7s %7s %6s\n' content "kensa s" "kensa MB" "oscap s" "oscap MB" \
    "x time" "x mem" "differ"
for c in ssg-debian11-oval.xml ssg-ubuntu2204-oval.xml; do
	[ -f "$SSG/$c" ] || { echo "$c: not installed (ssg-debian, ssg-debderived)"; continue; }
	cp "$SSG/$c" "$ROOT/content/$c"
	k=$(measure "$KENSA" oval eval --root "$ROOT" "$SSG/$c")
	defs "$OUT/hout" >"$OUT/h-kensa.defs"
	o=$(measure chroot "$ROOT" oscap oval eval "/content/$c")
	defs "$OUT/hout" >"$OUT/h-oscap.defs"
	d=$(diff "$OUT/h-kensa.defs" "$OUT/h-oscap.defs" | grep -c '^<' || true)
	echo "$k $o $d" | awk -v f="$c" '{ printf "%-28s %9.3f %9.1f %9.3f %9.1f %7.1f %7.1f %6d\n",
	    f, $1, $2 / 1024, $3, $4 / 1024, ($1 > 0 ? $3 / $1 : 0), ($2 > 0 ? $4 / $2 : 0), $5 }'
	# The differences by kind (kensa -> oscap): the documented ones are
	# offline-root facts (partitions, mounts, the scanner's PATH: kensa
	# not applicable) and external variables without a value (kensa
	# error); docs/oscap-differences.md.
	join -t '|' <(sed 's/: /|/' "$OUT/h-kensa.defs" | sort -t '|' -k1,1) \
	    <(sed 's/: /|/' "$OUT/h-oscap.defs" | sort -t '|' -k1,1) |
	    awk -F'|' '$2 != $3 { n[$2 " -> " $3]++ } END { for (k in n) printf "    %4d  %s\n", n[k], k }' |
	    sort -rn
done

files=$(find / -xdev 2>/dev/null | wc -l)
fl=$(measure find / -xdev)
k=$(measure "$KENSA" oval eval "$SSG/ssg-debian11-oval.xml")
echo "this host's / ($files files): find -xdev $(echo "$fl" | cut -d' ' -f1) s (the floor);" \
    "kensa $(echo "$k" | cut -d' ' -f1) s, $(echo "$k" | awk '{ printf "%.1f", $2 / 1024 }') MB"
if [ "${BENCH_HOST_OSCAP:-0}" = 1 ]; then
	defs "$OUT/hout" >"$OUT/h-kensa-host.defs"
	o=$(RUNS=1 measure oscap oval eval "$SSG/ssg-debian11-oval.xml")
	defs "$OUT/hout" >"$OUT/h-oscap-host.defs"
	d=$(diff "$OUT/h-kensa-host.defs" "$OUT/h-oscap-host.defs" | grep -c '^<' || true)
	echo "$k $o $d" | awk '{ printf "host: oscap %.1f s, %.1f MB: kensa %.1fx faster, %d definition results differ\n",
	    $3, $4 / 1024, ($1 > 0 ? $3 / $1 : 0), $5 }'
fi
