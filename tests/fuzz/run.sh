#!/bin/sh
# Builds every tests/fuzz/fuzz_*.c as a libFuzzer target against the
# fuzzing build of libkensa ($1/libkensa.a, compiled by clang with
# -fsanitize=fuzzer-no-link,address,undefined) and runs each briefly.
# Seeds: tests/fuzz/corpus/<name>/ when present. FUZZ_SECONDS (default 20)
# bounds each run. A crash fails the run and leaves the reproducer in
# build/fuzz/<name>/.
set -u
build=$1 cflags=$2 ldlibs=$3
secs=${FUZZ_SECONDS:-20}
here=$(dirname "$0")
status=0
for src in "$here"/fuzz_*.c; do
	name=$(basename "$src" .c)
	bin="$build/$name"
	# shellcheck disable=SC2086
	clang $cflags -fsanitize=fuzzer,address,undefined -o "$bin" "$src" \
	    "$build/libkensa.a" $ldlibs || { status=1; continue; }
	work="$build/$name.d"
	mkdir -p "$work/corpus"
	[ -d "$here/corpus/$name" ] && cp -r "$here/corpus/$name/." "$work/corpus/"
	echo "fuzz: $name for ${secs}s"
	if ! (cd "$work" && "../$name" -max_total_time="$secs" -max_len=65536 \
	    -rss_limit_mb=2048 -timeout=10 corpus >run.log 2>&1); then
		echo "fuzz: $name FAILED (see $work/run.log)"; tail -30 "$work/run.log"
		status=1
	fi
done
exit $status
