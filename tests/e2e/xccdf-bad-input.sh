#!/bin/sh
# Bad input to `kensa xccdf eval` and `kensa info`: one line on stderr naming the file (and line,
# element or id where there is one), exit status 1; a check file that is missing makes its rules
# notchecked with the reason in the results, and the rest of the benchmark is still evaluated.
# usage: xccdf-bad-input.sh KENSA
set -u
KENSA=$1
HERE=$(cd "$(dirname "$0")" && pwd)
C=$HERE/../../data/content
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fail=0
# expect NAME STATUS REGEX -- CMD...: CMD exits STATUS, prints exactly one stderr line matching REGEX
expect() {
	name=$1 want=$2 re=$3; shift 4
	"$@" >"$T/out" 2>"$T/err"; got=$?
	if [ "$got" != "$want" ]; then echo "FAIL $name: exit $got, want $want"; cat "$T/err"; fail=1; return; fi
	[ "$want" = 0 ] && return
	if [ "$(wc -l <"$T/err")" != 1 ] || ! grep -Eq "$re" "$T/err"; then
		echo "FAIL $name: stderr does not match /$re/:"; cat "$T/err"; fail=1
	fi
}
B="$C/kensa-baseline-xccdf.xml"
expect unknown-profile 1 "no profile 'nope' in benchmark .*; profiles: xccdf_org.kensa_profile_standard, xccdf_org.kensa_profile_server" -- \
    "$KENSA" xccdf eval --profile nope "$B"
printf '<?xml version="1.0"?>\n<xccdf:Tailoring xmlns:xccdf="http://checklists.nist.gov/xccdf/1.2" id="xccdf_t_tailoring_x">\n<xccdf:Profile id="xccdf_t_profile_p" extends="xccdf_org.kensa_profile_none"><xccdf:title>x</xccdf:title></xccdf:Profile>\n</xccdf:Tailoring>\n' >"$T/dangling.xml"
expect tailoring-dangling-extends 1 "dangling.xml:3: Profile 'xccdf_t_profile_p' extends 'xccdf_org.kensa_profile_none'" -- \
    "$KENSA" xccdf eval --tailoring-file "$T/dangling.xml" --profile xccdf_t_profile_p "$B"
printf '<?xml version="1.0"?>\n<xccdf:Tailoring xmlns:xccdf="http://checklists.nist.gov/xccdf/1.2" id="x">\n<xccdf:Profile id="p">\n</xccdf:Tailoring>\n' >"$T/malformed.xml"
expect tailoring-malformed 1 "malformed.xml:4:[0-9]+: .*mismatch" -- \
    "$KENSA" xccdf eval --tailoring-file "$T/malformed.xml" "$B"
printf '<?xml version="1.0"?>\n<xccdf:Tailoring xmlns:xccdf="http://checklists.nist.gov/xccdf/1.2" id="xccdf_t_tailoring_x">\n<xccdf:Profile id="xccdf_t_profile_a" extends="xccdf_t_profile_b"><xccdf:title>a</xccdf:title></xccdf:Profile>\n<xccdf:Profile id="xccdf_t_profile_b" extends="xccdf_t_profile_a"><xccdf:title>b</xccdf:title></xccdf:Profile>\n</xccdf:Tailoring>\n' >"$T/loop.xml"
expect extends-loop 1 "loop.xml:[0-9]+: .*cycle" -- \
    "$KENSA" xccdf eval --tailoring-file "$T/loop.xml" --profile xccdf_t_profile_a "$B"
printf '<a><b></a>\n' >"$T/bad.xml"
expect info-malformed 1 "bad.xml:1:[0-9]+: " -- "$KENSA" info "$T/bad.xml"
expect eval-not-scap 1 "bad.xml" -- "$KENSA" xccdf eval "$T/bad.xml"
expect unknown-datastream 1 "no data stream 'nope'" -- \
    "$KENSA" xccdf eval --datastream-id nope "$HERE/../unit/xccdf/data/ds-13.xml"
# The benchmark alone, without its OVAL file next to it: its OVAL rules are notchecked with the
# reason, and the rest is evaluated (exit 0: nothing failed).
cp "$B" "$T/alone-xccdf.xml"
mkdir -p "$T/root/etc"
printf 'ID=debian\nVERSION_ID="12"\nNAME="Debian GNU/Linux"\n' >"$T/root/etc/os-release"
echo 12.5 >"$T/root/etc/debian_version"
expect missing-check-file 0 "" -- "$KENSA" xccdf eval --quiet --root "$T/root" \
    --cpe "$C/kensa-baseline-cpe-dictionary.xml" \
    --results "$T/alone-results.xml" "$T/alone-xccdf.xml"
n=$(grep -c '<xccdf:result>notchecked</xccdf:result>\|<result>notchecked</result>' "$T/alone-results.xml")
if [ "$n" -lt 30 ] || ! grep -q 'kensa-baseline-oval.xml' "$T/alone-results.xml"; then
	echo "FAIL missing-check-file: $n notchecked rules, or no message naming the missing file"
	fail=1
fi
exit $fail
