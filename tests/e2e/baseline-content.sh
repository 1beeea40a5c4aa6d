#!/bin/sh
# End-to-end test of kensa's embedded default checklist
# (data/content/kensa-baseline-*.xml), run by tests/e2e/run.sh as
#   sh tests/e2e/baseline-content.sh KENSA
# 1. The four documents validate against the official schemas (XCCDF 1.2,
#    OVAL 5.11.2 through data/schemas/oval-results-all.xsd, CPE dictionary
#    2.3), every title, description and rationale has an English and a
#    Japanese variant, and every check reference names an OVAL definition
#    that exists.
#    The committed documents equal what gen-content.py writes now.
# 2. When `kensa xccdf eval` exists: fixture roots from
#    tests/e2e/fixtures/baseline-root.sh (Debian, Ubuntu, Red Hat; good and
#    bad), with the package openssh-server added to their package database,
#    are evaluated with both profiles and every rule result is compared
#    with tests/e2e/data/baseline/*.expect.
# 3. The SSH group's platform (an OpenSSH server is installed): on roots
#    without the server (never installed; removed with its configuration
#    left; an rpm root without the package) every SSH rule is
#    notapplicable in the XCCDF results kensa writes, the other rules keep
#    their results; /usr/sbin/sshd alone makes them apply.
# Not a test of the engine's corner cases (the unit tests and the other e2e
# cases do that).
set -u
KENSA=$1
HERE=$(cd "$(dirname "$0")" && pwd)
TOP=$(cd "$HERE/../.." && pwd)
C=$TOP/data/content
S=/usr/share/openscap/schemas
EXP=$HERE/data/baseline
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
fail=0
bad() { echo "FAIL: $*"; fail=1; }

# ---- 1. the documents
xmllint --noout --schema "$S/xccdf/1.2/xccdf_1.2.xsd" "$C/kensa-baseline-xccdf.xml" 2>"$TMP/v" ||
	bad "XCCDF does not validate: $(grep -v validates "$TMP/v" | head -3)"
for f in kensa-baseline-oval.xml kensa-baseline-cpe-oval.xml; do
	xmllint --noout --schema "$TOP/data/schemas/oval-results-all.xsd" "$C/$f" 2>"$TMP/v" ||
		bad "$f does not validate: $(grep -v validates "$TMP/v" | head -3)"
done
xmllint --noout --schema "$S/cpe/2.3/cpe-dictionary_2.3.xsd" "$C/kensa-baseline-cpe-dictionary.xml" 2>"$TMP/v" ||
	bad "CPE dictionary does not validate: $(grep -v validates "$TMP/v" | head -3)"

X="$C/kensa-baseline-xccdf.xml"
xp() { xmllint --xpath "$1" "$X" 2>/dev/null; }
NSX="namespace-uri()='http://checklists.nist.gov/xccdf/1.2'"
for el in title description rationale; do
	en=$(xp "count(//*[local-name()='$el' and $NSX and @xml:lang='en'])")
	ja=$(xp "count(//*[local-name()='$el' and $NSX and @xml:lang='ja'])")
	if [ "$en" != "$ja" ] || [ "$en" -eq 0 ]; then
		bad "$el: $en English, $ja Japanese variants"
	fi
done
rules=$(xp "count(//*[local-name()='Rule'])")
[ "$rules" -ge 30 ] || bad "only $rules rules"
# Every Rule has one English and one Japanese title, description, rationale.
for el in title description rationale; do
	n=$(xp "count(//*[local-name()='Rule' and count(*[local-name()='$el' and @xml:lang='ja'])=1 and count(*[local-name()='$el' and @xml:lang='en'])=1])")
	[ "$n" = "$rules" ] || bad "$el: only $n of $rules rules have one en and one ja variant"
done
xp "//*[local-name()='check-content-ref']/@name" | tr ' ' '\n' | sed -n 's/^name="\(.*\)"$/\1/p' | sort -u >"$TMP/refs"
grep -o 'definition id="[^"]*"' "$C/kensa-baseline-oval.xml" | sed 's/definition id="//; s/"$//' | sort -u >"$TMP/defs"
missing=$(comm -23 "$TMP/refs" "$TMP/defs")
[ -z "$missing" ] || bad "check-content-refs without a definition: $missing"
[ "$(wc -l <"$TMP/refs")" = "$rules" ] || bad "$(wc -l <"$TMP/refs") distinct checks for $rules rules"
xmllint --xpath "//*[local-name()='check']/text()" "$C/kensa-baseline-cpe-dictionary.xml" |
    tr -s ' \n' '\n' | grep . | sort -u >"$TMP/cperefs"
grep -o 'definition id="[^"]*"' "$C/kensa-baseline-cpe-oval.xml" | sed 's/definition id="//; s/"$//' | sort -u >"$TMP/cpedefs"
[ -z "$(comm -23 "$TMP/cperefs" "$TMP/cpedefs")" ] || bad "CPE checks without a definition: $(comm -23 "$TMP/cperefs" "$TMP/cpedefs")"
if command -v python3 >/dev/null; then
	mkdir -p "$TMP/gen/data/content"
	if python3 "$EXP/gen-content.py" "$TMP/gen" >"$TMP/gen.log" 2>&1; then
		for f in xccdf oval cpe-dictionary cpe-oval; do
			cmp -s "$TMP/gen/data/content/kensa-baseline-$f.xml" "$C/kensa-baseline-$f.xml" ||
			    bad "kensa-baseline-$f.xml differs from gen-content.py's output: regenerate it"
		done
	else
		bad "gen-content.py: $(tail -2 "$TMP/gen.log")"
	fi
else
	echo "SKIP: python3 missing: the documents were not compared with gen-content.py's output"
fi
echo "documents: $rules rules checked"

# ---- 2. evaluation on fixture roots
if ! "$KENSA" xccdf eval --help >/dev/null 2>&1; then
	echo "SKIP: '$KENSA xccdf eval' is not available yet; only the documents were checked"
	exit $fail
fi
if [ "$(id -u)" != 0 ]; then
	echo "SKIP: the fixture roots set owners (chown): run as root to evaluate them"
	exit $fail
fi
distros="debian ubuntu"
if command -v rpmbuild >/dev/null && command -v rpmsign >/dev/null && command -v gpg >/dev/null; then
	distros="$distros rhel"
else
	echo "SKIP: rhel roots (rpmbuild, rpmsign or gpg missing)"
fi

# The OpenSSH server in a root's package database: a dpkg status entry
# (STATE "install ok installed" or "deinstall ok config-files") or an
# empty rpm package registered with --justdb, like baseline-root.sh's
# dnf-automatic.
SSHD_RPM=
add_sshd() {	# add_sshd ROOT DISTRO [DPKG-STATE]
	if [ "$2" != rhel ]; then
		printf '\nPackage: openssh-server\nStatus: %s\nArchitecture: amd64\nVersion: 1:9.2p1-2+deb12u3\n' \
		    "${3:-install ok installed}" >>"$1/var/lib/dpkg/status"
		return
	fi
	if [ -z "$SSHD_RPM" ]; then
		W=$TMP/sshd-rpm
		mkdir -p "$W/SPECS"
		printf '%s\n' 'Name: openssh-server' 'Version: 8.0p1' 'Release: 4.el8_1' \
		    'Summary: kensa baseline fixture openssh-server' 'License: BSD' \
		    'BuildArch: noarch' '%description' 'kensa baseline fixture.' \
		    '%files' '%changelog' >"$W/SPECS/openssh-server.spec"
		HOME=$W rpmbuild -bb --quiet --define "_topdir $W" \
		    --define "_build_id_links none" --define "debug_package %{nil}" \
		    --define "__os_install_post %{nil}" "$W/SPECS/openssh-server.spec" \
		    >"$W/log" 2>&1 || { bad "rpmbuild openssh-server: $(tail -2 "$W/log")"; return 1; }
		SSHD_RPM=$(ls "$W"/RPMS/noarch/openssh-server-*.rpm)
	fi
	HOME=$TMP/sshd-rpm rpm --root "$1" --dbpath /var/lib/rpm -i --justdb \
	    --nodeps --nosignature --force "$SSHD_RPM" >"$TMP/rpm.log" 2>&1 ||
	    { bad "rpm -i openssh-server: $(tail -2 "$TMP/rpm.log")"; return 1; }
}

n=0
for d in $distros; do
	for v in good bad; do
		root=$TMP/$d-$v
		if ! sh "$HERE/fixtures/baseline-root.sh" "$root" "$v" "$d" >"$TMP/$d-$v.log" 2>&1; then
			bad "baseline-root.sh $v $d: $(tail -2 "$TMP/$d-$v.log")"; continue
		fi
		add_sshd "$root" "$d" || continue
		for p in standard server; do
			want=$EXP/$d-$v.expect
			[ "$v" = bad ] && [ "$p" = server ] && want=$EXP/$d-$v-server.expect
			out=$TMP/$d-$v-$p
			"$KENSA" xccdf eval --root "$root" --profile "xccdf_org.kensa_profile_$p" \
			    --cpe "$C/kensa-baseline-cpe-dictionary.xml" --results "$out.xml" \
			    --progress "$C/kensa-baseline-xccdf.xml" "$C/kensa-baseline-oval.xml" \
			    >"$out.stdout" 2>"$out.stderr"
			st=$?
			ws=0; [ "$v" = bad ] && ws=2
			[ "$st" = "$ws" ] || bad "$d $v $p: exit $st, expected $ws: $(head -3 "$out.stderr")"
			grep '^xccdf_' "$out.stdout" | sed 's/:\([a-z]*\)$/ \1/' | sort >"$out.got"
			grep -v '^#' "$want" | grep . | sort >"$out.want"
			if ! cmp -s "$out.want" "$out.got"; then
				bad "$d $v $p: results differ from $(basename "$want") (< expected, > kensa):"
				diff "$out.want" "$out.got" | grep '^[<>]' | head -20
			fi
			[ -s "$out.xml" ] || bad "$d $v $p: no XCCDF results written"
			n=$((n + 1))
		done
	done
done
echo "evaluations: $n (distributions: $distros)"

# ---- 3. the SSH group applies only where an OpenSSH server is installed
SSH_RULES=$(xp "//*[local-name()='Group' and @id='xccdf_org.kensa_group_ssh']/*[local-name()='Rule']/@id" |
    tr ' ' '\n' | sed -n 's/^id="\(.*\)"$/\1/p')
nssh=$(echo "$SSH_RULES" | grep -c .)
[ "$nssh" -ge 8 ] || bad "only $nssh rules in the SSH group"
# results FILE: "rule-id result" for every rule-result of an XCCDF results
# document, sorted.
results() {
	xmllint --xpath "//*[local-name()='rule-result']/@idref" "$1" 2>/dev/null |
	    tr ' ' '\n' | sed -n 's/^idref="\(.*\)"$/\1/p' | while read -r id; do
		echo "$id $(xmllint --xpath "string(//*[local-name()='rule-result'][@idref='$id']/*[local-name()='result'])" "$1")"
	done | sort
}
# want EXPECT RESULT: the lines of EXPECT with every SSH rule's result
# replaced by RESULT (none: unchanged).
want() {
	grep -v '^#' "$1" | grep . | while read -r id r; do
		if [ "$2" != none ] && echo "$SSH_RULES" | grep -qx "$id"; then
			echo "$id $2"
		else
			echo "$id $r"
		fi
	done | sort
}
# check NAME RESULTS-XML EXPECT SSH-RESULT
check() {
	results "$2" >"$TMP/$1.got"
	want "$3" "$4" >"$TMP/$1.want"
	if ! cmp -s "$TMP/$1.want" "$TMP/$1.got"; then
		bad "$1: XCCDF results differ (< expected, > kensa):"
		diff "$TMP/$1.want" "$TMP/$1.got" | grep '^[<>]' | head -20
	fi
	[ "$4" = none ] && return
	k=$(grep -c " $4\$" "$TMP/$1.got")
	[ "$k" -ge "$nssh" ] || bad "$1: $k rules $4, expected the $nssh SSH rules at least"
}
# xeval NAME ROOT STATUS: kensa xccdf eval, profile standard, results in
# $TMP/NAME.xml; STATUS is the expected exit status.
xeval() {
	"$KENSA" xccdf eval --root "$2" --profile xccdf_org.kensa_profile_standard \
	    --cpe "$C/kensa-baseline-cpe-dictionary.xml" --results "$TMP/$1.xml" \
	    "$C/kensa-baseline-xccdf.xml" >"$TMP/$1.stdout" 2>"$TMP/$1.stderr"
	st=$?
	[ "$st" = "$3" ] || bad "$1: exit $st, expected $3: $(head -3 "$TMP/$1.stderr")"
}
ns=0
# Server present (section 2's roots): the SSH rules pass and fail per the
# fixture's sshd_config, in the results document too.
for v in good bad; do
	if [ -s "$TMP/debian-$v-standard.xml" ]; then
		check "debian-$v-with-sshd" "$TMP/debian-$v-standard.xml" "$EXP/debian-$v.expect" none
		ns=$((ns + 1))
	fi
done
grep -q '^xccdf_org.kensa_rule_sshd_disable_root_login fail$' "$TMP/debian-bad-with-sshd.got" ||
    bad "debian bad root with openssh-server: PermitRootLogin yes did not fail"
# Never installed: no package, no /etc/ssh; `kensa scan` with its default
# content (the baseline's standard profile).
r=$TMP/nossh-debian
if sh "$HERE/fixtures/baseline-root.sh" "$r" good debian >"$TMP/nossh.log" 2>&1; then
	rm -rf "$r/etc/ssh"
	mkdir -p "$TMP/nossh-scan"
	KENSA_DATADIR=$TOP/data "$KENSA" scan --root "$r" --lang en --output "$TMP/nossh-scan" \
	    >"$TMP/nossh-scan.stdout" 2>"$TMP/nossh-scan.stderr" ||
	    bad "scan of a root without sshd: exit $?: $(head -3 "$TMP/nossh-scan.stderr")"
	check nossh-debian-scan "$TMP/nossh-scan/xccdf-results.xml" "$EXP/debian-good.expect" notapplicable
	ns=$((ns + 1))
	# /usr/sbin/sshd alone (no package entry): the rules apply again; with
	# no sshd_config the required settings (PermitRootLogin no ...) fail.
	echo '#!/bin/sh' >"$r/usr/sbin/sshd"
	xeval binary-only-debian "$r" 2
	results "$TMP/binary-only-debian.xml" >"$TMP/binary-only.got"
	for id in $SSH_RULES; do
		grep -Eq "^$id (pass|fail)\$" "$TMP/binary-only.got" ||
		    bad "root with /usr/sbin/sshd: $id is $(grep "^$id " "$TMP/binary-only.got" | cut -d' ' -f2)"
	done
	grep -q '^xccdf_org.kensa_rule_sshd_disable_root_login fail$' "$TMP/binary-only.got" ||
	    bad "root with /usr/sbin/sshd and no sshd_config: PermitRootLogin did not fail"
	ns=$((ns + 1))
else
	bad "baseline-root.sh good debian: $(tail -2 "$TMP/nossh.log")"
fi
# Removed with its configuration kept (dpkg "deinstall ok config-files"):
# the bad root's sshd_config is still there but configures no server.
r=$TMP/removed-debian
if sh "$HERE/fixtures/baseline-root.sh" "$r" bad debian >"$TMP/removed.log" 2>&1; then
	add_sshd "$r" debian "deinstall ok config-files"
	xeval removed-debian "$r" 2
	check removed-debian "$TMP/removed-debian.xml" "$EXP/debian-bad.expect" notapplicable
	ns=$((ns + 1))
else
	bad "baseline-root.sh bad debian: $(tail -2 "$TMP/removed.log")"
fi
# An rpm database without openssh-server (dpkg absent: its test is not
# applicable, which the OR ignores).
case " $distros " in *" rhel "*)
	r=$TMP/nossh-rhel
	if sh "$HERE/fixtures/baseline-root.sh" "$r" good rhel >"$TMP/nossh-rhel.log" 2>&1; then
		xeval nossh-rhel "$r" 0
		check nossh-rhel "$TMP/nossh-rhel.xml" "$EXP/rhel-good.expect" notapplicable
		ns=$((ns + 1))
	else
		bad "baseline-root.sh good rhel: $(tail -2 "$TMP/nossh-rhel.log")"
	fi
esac
echo "SSH platform: $ns roots checked ($nssh SSH rules)"
exit $fail
