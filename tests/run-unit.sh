#!/bin/sh
# Runs every unit test binary under $1/tests; fails when any fails.
# Prints one cmocka summary per suite and a total line.
set -u
build=$1
pass=0; fail=0; failed=""
for t in $(find "$build/tests" -type f -name 'test_*' -perm -u+x | sort); do
	if "$t" >"$t.log" 2>&1; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1)); failed="$failed $t"
		cat "$t.log"
	fi
	grep -E '^\[  (PASSED|FAILED)  \]' "$t.log" | sed "s|^|$(basename "$t"): |"
done
echo "unit suites: $pass passed, $fail failed"
[ "$fail" -eq 0 ] || { echo "failed:$failed"; exit 1; }
