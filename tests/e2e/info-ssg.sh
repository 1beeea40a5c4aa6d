#!/bin/sh
# `kensa info` against `oscap info` on SCAP Security Guide content (the
# ssg-debian and ssg-nondebian packages): for ssg-debian11-ds.xml,
# ssg-debian11-xccdf.xml and ssg-ubuntu2204-ds.xml, the stream ids,
# checklist/check/dictionary component-ref ids, profile ids and referenced
# check files (with their systems) must be the same sorted lists; dates
# and titles may differ. Also: a file that is not SCAP content exits 1 with
# one stderr line naming it.
# Usage: sh info-ssg.sh KENSA
set -u
KENSA=$1
SSG=/usr/share/xml/scap/ssg/content
FILES="ssg-debian11-ds.xml ssg-debian11-xccdf.xml ssg-ubuntu2204-ds.xml"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT

for f in $FILES; do
	[ -f "$SSG/$f" ] || { echo "SKIP: not installed: $SSG/$f"; exit 0; }
done
command -v oscap >/dev/null 2>&1 || { echo "SKIP: not installed: oscap"; exit 0; }

# The lines that must agree: ids, file names and systems, keyed by kind.
facts() {
	awk '
	/^Stream: /			{ print "stream " $2; next }
	/^Checklists:/			{ sect = "checklist"; next }
	/^Checks:/			{ sect = "check"; next }
	/^Dictionaries:/		{ sect = "dictionary"; next }
	/^[\t]*Ref-Id: /		{ print sect " " $2; next }
	/^[\t]*Id: /			{ print "profile " $2; next }
	/^[\t]*system: /		{ print "file " file " " $2; next }
	/^[\t]*Referenced check files:/	{ infiles = 1; next }
	/^[\t]*(Title|Status|Generated|Resolved|Profiles|Version|Imported|Document type|Checklist version):/ { infiles = 0; next }
	infiles && /^[\t]+[^\t ]+$/	{ file = $1; next }
	' "$1" | sort
}

fail=0
for f in $FILES; do
	if ! "$KENSA" info --lang en "$SSG/$f" >"$T/kensa.out" 2>"$T/kensa.err"; then
		echo "FAIL: kensa info $f: $(cat "$T/kensa.err")"; fail=1; continue
	fi
	oscap info "$SSG/$f" >"$T/oscap.out" 2>/dev/null
	facts "$T/kensa.out" >"$T/kensa.facts"
	facts "$T/oscap.out" >"$T/oscap.facts"
	if [ ! -s "$T/oscap.facts" ]; then
		echo "FAIL: $f: nothing to compare in oscap's output"; fail=1; continue
	fi
	if ! cmp -s "$T/oscap.facts" "$T/kensa.facts"; then
		echo "FAIL: $f: kensa info differs from oscap info (< oscap, > kensa):"
		diff "$T/oscap.facts" "$T/kensa.facts" | head -40
		fail=1
		continue
	fi
	echo "ok: $f ($(wc -l <"$T/kensa.facts") facts agree)"
done

printf '<html xmlns="http://www.w3.org/1999/xhtml"/>\n' >"$T/page.xml"
"$KENSA" info "$T/page.xml" >/dev/null 2>"$T/err"
st=$?
if [ "$st" != 1 ] || [ "$(wc -l <"$T/err")" != 1 ] ||
    ! grep -q "^kensa: $T/page.xml: root element" "$T/err"; then
	echo "FAIL: non-SCAP file: exit $st, stderr: $(cat "$T/err")"; fail=1
fi
printf '<Benchmark xmlns="http://checklists.nist.gov/xccdf/1.2">\n<x>\n' >"$T/bad.xml"
"$KENSA" info "$T/bad.xml" >/dev/null 2>"$T/err"
st=$?
if [ "$st" != 1 ] || [ "$(wc -l <"$T/err")" != 1 ] ||
    ! grep -q "^kensa: $T/bad.xml:[0-9]*:" "$T/err"; then
	echo "FAIL: malformed file: exit $st, stderr: $(cat "$T/err")"; fail=1
fi
exit $fail
