#!/bin/sh
# The official OVAL Test Content (../shared/testdata/oval-test-content/linux)
# against a fixture root this script builds: the support files the content
# expects under /tmp/support, a dpkg database holding libapt-pkg-dev, and a
# few system files. Every definition of the test content is written to
# evaluate true on a system that supports the construct; the expectations in
# oval-test-content.expect are "FILE ID RESULT", and every line whose result
# is not "true" says why after a '#'. Files not listed there are constructs
# of later milestones and are not run.
set -eu
KENSA=$1
HERE=$(cd "$(dirname "$0")" && pwd)
TC=$HERE/../../../shared/testdata/oval-test-content
[ -d "$TC/linux" ] || { echo "missing $TC (../shared beside the repository)"; exit 1; }
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
ROOT=$TMP/root
mkdir -p "$ROOT/tmp" "$ROOT/etc" "$ROOT/bin" "$ROOT/var/lib/dpkg"
cp -r "$TC/support" "$ROOT/tmp/support"
mkdir -p "$ROOT/tmp/support/txt/txtfile/subtxtfile"
# The content was written on RHEL 5: the file tests look for these.
printf '\177ELF fixture ls\n' >"$ROOT/bin/ls"
printf '\177ELF fixture cat\n' >"$ROOT/bin/cat"
mkdir -p "$ROOT/etc/rc.d"
printf '#!/bin/sh\n# fixture rc\n' >"$ROOT/etc/rc.d/rc"
printf '# fixture profile\n' >"$ROOT/etc/profile"
printf 'NAME="Debian GNU/Linux"\nVERSION_ID="12"\nPRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\n' >"$ROOT/etc/os-release"
echo fixture >"$ROOT/etc/hostname"
cat >"$ROOT/var/lib/dpkg/status" <<'STATUS'
Package: libapt-pkg-dev
Status: install ok installed
Priority: optional
Section: libdevel
Architecture: amd64
Source: apt
Version: 2.6.1
Description: development files for APT's libapt-pkg and libapt-inst

Package: apt
Status: install ok installed
Architecture: amd64
Version: 2.6.1
Description: commandline package manager

Package: libc6
Status: install ok installed
Architecture: amd64
Source: glibc
Version: 2.36-9+deb12u4
Description: GNU C Library: Shared libraries
STATUS

[ -s "$HERE/oval-test-content.expect" ] || { echo "missing oval-test-content.expect"; exit 1; }
status=0; n=0; bad=0
for file in $(awk '!/^#/ && NF { print $1 }' "$HERE/oval-test-content.expect" | sort -u); do
	out=$TMP/$file.out
	"$KENSA" oval eval --root "$ROOT" --variables "$TC/support/var/linux-external-variables.xml" \
	    --results "$TMP/$file.results.xml" "$TC/linux/$file" >"$out" 2>"$TMP/$file.err" || {
		echo "FAIL $file: kensa exited $?: $(head -2 "$TMP/$file.err")"; status=1; continue; }
	awk -v f="$file" '!/^#/ && $1 == f { r = $0; sub(/ *#.*/, "", r); sub(/^[^ ]+ [^ ]+ /, "", r)
	    print "Definition " $2 ": " r }' "$HERE/oval-test-content.expect" | sort >"$TMP/want"
	grep '^Definition ' "$out" | sort >"$TMP/got"
	n=$((n + $(wc -l <"$TMP/want")))
	if ! cmp -s "$TMP/want" "$TMP/got"; then
		echo "FAIL $file (< expected, > kensa):"; diff "$TMP/want" "$TMP/got" || true
		status=1; bad=$((bad + 1))
	fi
	if ! xmllint --noout --schema "$HERE/../../data/schemas/oval-results-all.xsd" "$TMP/$file.results.xml" \
	    >"$TMP/valid" 2>&1; then
		echo "FAIL $file: results do not validate: $(grep -v validates "$TMP/valid" | head -3)"; status=1
	fi
done
[ "$n" -gt 0 ] || { echo "no definition checked"; exit 1; }
echo "oval-test-content: $n definitions checked, $bad files differ"
exit $status
