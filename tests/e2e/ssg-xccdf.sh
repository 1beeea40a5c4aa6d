#!/bin/sh
# kensa xccdf eval against oscap xccdf eval on SCAP Security Guide data streams, on the same
# Debian root: the Debian 11 data stream on a root that says Debian 11, the Ubuntu 22.04 one on a
# root that says Ubuntu 22.04. oscap runs chrooted in the root (with /proc mounted, without which
# it reports unknown for recursive file checks); kensa reads the root with --root. Every rule
# result must agree, except the understood differences in data/ssg/allowed-differences.txt.
# Two profiles here (the biggest of each stream) keep make check short; bench/xccdf.sh and
# tests/compare/ssg-profiles.sh compare every profile.
# usage: ssg-xccdf.sh KENSA   (needs root, mmdebstrap's network access to the apt sources)
set -eu
KENSA=$1
HERE=$(cd "$(dirname "$0")" && pwd)
SHARED=$HERE/../../../shared
CONTENT=/usr/share/xml/scap/ssg/content
WORK=${KENSA_E2E_TMP:-/tmp}/kensa-e2e-ssg
if [ ! -f "$CONTENT/ssg-debian11-ds.xml" ] || [ ! -f "$CONTENT/ssg-ubuntu2204-ds.xml" ]; then
	echo "ssg-xccdf: FAIL: ssg-debian/ssg-debderived not installed (make check installs them)"
	exit 1
fi
if [ "$(id -u)" != 0 ]; then
	echo "ssg-xccdf: SKIP: needs root to build and chroot into a Debian root"
	exit 0
fi
mkdir -p "$WORK"
base=$WORK/base
if [ ! -x "$base/usr/bin/oscap" ]; then
	rm -rf "$base"
	"$SHARED/tools/mkroot-debian" "$base" openscap-scanner >"$WORK/mkroot.log" 2>&1 || {
		echo "ssg-xccdf: FAIL: mkroot-debian: $(tail -1 "$WORK/mkroot.log")"; exit 1; }
fi
fail=0
run() { # NAME DS PROFILE; the root $WORK/NAME is prepared by the caller
	root=$WORK/$1 ds=$2 p=$3
	mkdir -p "$root/content"
	cp "$CONTENT/$ds" "$root/content/$ds"
	mountpoint -q "$root/proc" || mount -t proc proc "$root/proc"
	chroot "$root" oscap xccdf eval --profile "$p" --results /tmp/oscap-res.xml \
	    "/content/$ds" >"$WORK/$1-oscap.log" 2>&1 || true
	umount "$root/proc"
	# Its DOMs left to exit (KENSA_FREE_AT_EXIT=0), as release builds do;
	# the sanitizers' build frees them otherwise.
	KENSA_FREE_AT_EXIT=0 "$KENSA" xccdf eval --quiet --root "$root" --profile "$p" \
	    --results "$WORK/$1-kensa.xml" --results-arf "$WORK/$1-arf.xml" \
	    --report "$WORK/$1-eval.html" "$CONTENT/$ds" 2>"$WORK/$1-kensa.err" || true
	# The report leaves out of the DOM what report.xsl never reads (OCIL,
	# CPE, OVAL objects, rules not selected...) and renders the page in two
	# transforms on two cores: the page must be the same as from the whole
	# document in one transform.
	"$KENSA" report --output "$WORK/$1.html" "$WORK/$1-arf.xml" 2>"$WORK/$1-rep.err" &&
	    KENSA_REPORT_WHOLE=1 KENSA_REPORT_THREADS=1 "$KENSA" report --output "$WORK/$1-whole.html" \
	    "$WORK/$1-arf.xml" 2>>"$WORK/$1-rep.err" || {
		echo "ssg-xccdf: FAIL: kensa report: $(head -2 "$WORK/$1-rep.err")"; fail=1; }
	if [ -s "$WORK/$1.html" ] && cmp -s "$WORK/$1.html" "$WORK/$1-whole.html"; then
		echo "ssg-xccdf: $ds $p: report of the pruned ARF DOM in two transforms is the whole one's in one"
	else
		echo "ssg-xccdf: FAIL: $ds $p: report differs when the DOM is pruned or split"; fail=1
	fi
	if cmp -s "$WORK/$1.html" "$WORK/$1-eval.html"; then
		echo "ssg-xccdf: $ds $p: xccdf eval --report is kensa report of its ARF"
	else
		echo "ssg-xccdf: FAIL: $ds $p: xccdf eval --report differs from kensa report"; fail=1
	fi
	# The data stream's components are parsed on two threads
	# (platform/base/xml_split.c): one parser gives the same results.
	KENSA_XML_THREADS=1 "$KENSA" xccdf eval --quiet --root "$root" --profile "$p" \
	    --results "$WORK/$1-kensa1.xml" "$CONTENT/$ds" 2>/dev/null || true
	for f in "$WORK/$1-kensa.xml" "$WORK/$1-kensa1.xml"; do
		sed 's/20[0-9-]*T[0-9:]*//g' "$f" >"$f.nt"
	done
	if [ -s "$WORK/$1-kensa1.xml.nt" ] && cmp -s "$WORK/$1-kensa.xml.nt" "$WORK/$1-kensa1.xml.nt"; then
		echo "ssg-xccdf: $ds $p: the same results from one parser as from two"
	else
		echo "ssg-xccdf: FAIL: $ds $p: results differ when one parser reads the data stream"; fail=1
	fi
	if ! python3 "$HERE/../compare/xccdf-compare.py" "$WORK/$1-kensa.xml" \
	    "$root/tmp/oscap-res.xml" --allow "$HERE/data/ssg/allowed-differences.txt" \
	    >"$WORK/$1-cmp.txt"; then
		echo "ssg-xccdf: FAIL: $ds $p:"; grep -v '^allowed' "$WORK/$1-cmp.txt"; fail=1
	else
		echo "ssg-xccdf: $ds $p: $(tail -1 "$WORK/$1-cmp.txt")"
	fi
	# The TestResult's set-values: every Value with the value the profile
	# gave it (XCCDF 1.2 6.6.3), as oscap writes them.
	for f in "$WORK/$1-kensa.xml" "$root/tmp/oscap-res.xml"; do
		xmllint --xpath '//*[local-name()="TestResult"]/*[local-name()="set-value"]' "$f" 2>/dev/null |
		    sed 's/<[a-z0-9.:-]*set-value /<set-value /g; s/<\/[a-z0-9.:-]*set-value>/<\/set-value>/g' |
		    tr '>' '\n' | sort >"$f.sv"
	done
	if ! cmp -s "$WORK/$1-kensa.xml.sv" "$root/tmp/oscap-res.xml.sv" ||
	    [ "$(grep -c idref "$WORK/$1-kensa.xml.sv")" -lt 10 ]; then
		echo "ssg-xccdf: FAIL: $ds $p: set-values differ from oscap's:"
		diff "$root/tmp/oscap-res.xml.sv" "$WORK/$1-kensa.xml.sv" | head -5; fail=1
	else
		echo "ssg-xccdf: $ds $p: $(grep -c idref "$WORK/$1-kensa.xml.sv") set-values as oscap's"
	fi
}
prepare() { # NAME
	rm -rf "${WORK:?}/$1"; cp -a "$base" "$WORK/$1"; rm -f "$WORK/$1/etc/os-release" "$WORK/$1/etc/lsb-release"
}
prepare deb11
echo 11.6 >"$WORK/deb11/etc/debian_version"
printf 'PRETTY_NAME="Debian GNU/Linux 11 (bullseye)"\nNAME="Debian GNU/Linux"\nVERSION_ID="11"\nVERSION_CODENAME=bullseye\nID=debian\n' >"$WORK/deb11/etc/os-release"
run deb11 ssg-debian11-ds.xml xccdf_org.ssgproject.content_profile_anssi_np_nt28_high
prepare ub2204
printf 'DISTRIB_ID=Ubuntu\nDISTRIB_RELEASE=22.04\nDISTRIB_CODENAME=jammy\nDISTRIB_DESCRIPTION="Ubuntu 22.04.3 LTS"\n' >"$WORK/ub2204/etc/lsb-release"
printf 'PRETTY_NAME="Ubuntu 22.04.3 LTS"\nNAME="Ubuntu"\nVERSION_ID="22.04"\nVERSION_CODENAME=jammy\nID=ubuntu\nID_LIKE=debian\n' >"$WORK/ub2204/etc/os-release"
run ub2204 ssg-ubuntu2204-ds.xml xccdf_org.ssgproject.content_profile_cis_level2_server
exit $fail
