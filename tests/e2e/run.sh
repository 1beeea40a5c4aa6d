#!/bin/sh
# Runs every end-to-end case under tests/e2e/cases/ with the kensa binary
# given as $1. A case is a directory of data:
#   defs.xml   OVAL definitions to evaluate (kensa oval eval), or
#   defs.path  the path of a definitions file relative to the repository
#              (e.g. a feed in ../shared), decompressed first when .xz
#   root.sh    optional: builds the root to scan in "$ROOT" (sh root.sh ROOT)
#   args       optional: extra arguments (one line, split on spaces; the
#              word @ROOT@ is replaced by the root, @CASE@ by the case dir)
#   expect     lines "Definition ID: RESULT"; compared as a sorted set
#              (expect.xz: the same, compressed, for big feeds)
#   exit       optional: the expected exit status (default 0)
#   stderr     optional: extended regexes, each must match a stderr line
#   novalidate optional: the definitions are deliberately schema-invalid,
#              so the results (which echo them) are not validated
#   check.sh   optional: extra assertions, run as sh check.sh KENSA CASEDIR
#              OUTDIR ROOT after kensa, with $DEFS the definitions file
#              (non-zero fails the case)
# Every results document a case writes is validated against the OVAL 5.11.2
# schemas. Other e2e scripts (tests/e2e/*.sh except run.sh) are run last
# with the same arguments. Prints "N passed, N failed".
# usage: run.sh KENSA [NAME...]: with names (a case directory or a script
# without .sh), only those run, so one can be rerun alone while others use
# the machine (the scripts share /tmp/kensa-e2e*).
set -u
KENSA=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
shift
ONLY=" $* "
HERE=$(cd "$(dirname "$0")" && pwd)
SCHEMAS=/usr/share/openscap/schemas/oval/5.11.2
export KENSA HERE SCHEMAS
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
pass=0; fail=0; failed=""

# Whether NAME was asked for (every name when none was).
wanted() { [ "$ONLY" = "  " ] || case $ONLY in *" $1 "*) true ;; *) false ;; esac; }

ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); failed="$failed $1"; echo "FAIL: $1: $2"; }

for dir in "$HERE"/cases/*/; do
	name=$(basename "$dir")
	wanted "$name" || continue
	out="$TMP/$name"; root="$out/root"
	mkdir -p "$out" "$root"
	if [ -f "$dir/root.sh" ] && ! sh "$dir/root.sh" "$root" >"$out/root.log" 2>&1; then
		bad "$name" "root.sh failed: $(tail -1 "$out/root.log")"; continue
	fi
	defs="$dir/defs.xml"
	if [ -f "$dir/defs.path" ]; then
		src="$HERE/../../$(cat "$dir/defs.path")"
		[ -f "$src" ] || { bad "$name" "missing $src"; continue; }
		case $src in
		*.xz) defs="$out/defs.xml"; xz -dc "$src" >"$defs" ;;
		*) defs=$src ;;
		esac
	fi
	args=""
	[ -f "$dir/args" ] && args=$(sed -e "s|@ROOT@|$root|g" -e "s|@CASE@|$dir|g" -e "s|@OUT@|$out|g" "$dir/args")
	# shellcheck disable=SC2086
	"$KENSA" oval eval --root "$root" --results "$out/results.xml" $args "$defs" \
	    >"$out/stdout" 2>"$out/stderr"
	status=$?
	want=0; [ -f "$dir/exit" ] && want=$(cat "$dir/exit")
	if [ "$status" != "$want" ]; then
		bad "$name" "exit $status, expected $want: $(head -3 "$out/stderr")"; continue
	fi
	if [ -f "$dir/expect" ] || [ -f "$dir/expect.xz" ]; then
		grep '^Definition ' "$out/stdout" | sort >"$out/got"
		if [ -f "$dir/expect.xz" ]; then xz -dc "$dir/expect.xz"; else cat "$dir/expect"; fi |
		    sort >"$out/want"
		if ! cmp -s "$out/got" "$out/want"; then
			bad "$name" "results differ (< expected, > got):"
			diff "$out/want" "$out/got" | head -20; continue
		fi
	fi
	if [ -f "$dir/stderr" ]; then
		miss=""
		while IFS= read -r re; do
			[ -z "$re" ] && continue
			grep -Eq -- "$re" "$out/stderr" || miss="$miss [$re]"
		done <"$dir/stderr"
		[ -n "$miss" ] && { bad "$name" "stderr lacks$miss: $(head -2 "$out/stderr")"; continue; }
	fi
	if [ -s "$out/results.xml" ] && [ ! -f "$dir/novalidate" ] && ! xmllint --noout --schema "$HERE/../../data/schemas/oval-results-all.xsd" \
	    "$out/results.xml" >"$out/valid.log" 2>&1; then
		bad "$name" "results do not validate: $(grep -v validates "$out/valid.log" | head -3)"; continue
	fi
	if [ -f "$dir/check.sh" ] && ! DEFS=$defs sh "$dir/check.sh" "$KENSA" "$dir" "$out" "$root" >"$out/check.log" 2>&1; then
		bad "$name" "check.sh: $(tail -3 "$out/check.log")"; continue
	fi
	ok
done

for script in "$HERE"/*.sh; do
	[ "$(basename "$script")" = run.sh ] && continue
	name=$(basename "$script" .sh)
	wanted "$name" || continue
	if sh "$script" "$KENSA" >"$TMP/$name.log" 2>&1; then
		ok
	else
		bad "$name" "$(tail -15 "$TMP/$name.log")"
	fi
done
if [ "$ONLY" != "  " ] && [ $((pass + fail)) -eq 0 ]; then
	echo "e2e: no case or script named$ONLY" >&2
	exit 1
fi
echo "e2e: $pass passed, $fail failed"
[ "$fail" -eq 0 ] || { echo "failed:$failed"; exit 1; }
