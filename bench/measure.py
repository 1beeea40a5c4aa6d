#!/usr/bin/env python3
# make bench: runs a command RUNS times and prints "median_seconds max_kib"
# (the lower median; the peak resident set of any run from time(1)'s %M),
# or "fail fail" when a run exits non-zero and --any-status is not given.
# One measurer for run.sh, xccdf.sh and host.sh. The clock is read in this
# process around time(1) and the command, so no date(1) process is timed
# with them (those cost milliseconds, as much as kensa's whole run on a
# small feed). The memory comes from time(1), a small process, because a
# child forked from Python would count Python's own pages as its peak.
# usage: measure.py [--runs N] [--any-status] [--stdout F] [--stderr F] CMD...
import argparse
import os
import statistics
import subprocess
import tempfile
import time

ap = argparse.ArgumentParser()
ap.add_argument("--runs", type=int, default=int(os.environ.get("RUNS", "3")))
ap.add_argument("--any-status", action="store_true")
ap.add_argument("--stdout", default=os.devnull)
ap.add_argument("--stderr", default=os.devnull)
ap.add_argument("cmd", nargs=argparse.REMAINDER)
a = ap.parse_args()
times, peak = [], 0
with tempfile.NamedTemporaryFile("r", prefix="kensa-bench-") as mem:
    for _ in range(max(a.runs, 1)):
        with open(a.stdout, "wb") as out, open(a.stderr, "wb") as err:
            t0 = time.perf_counter()
            rc = subprocess.call(["/usr/bin/time", "-f", "%M", "-o",
                                  mem.name] + a.cmd, stdout=out, stderr=err)
            t1 = time.perf_counter()
        if rc != 0 and not a.any_status:
            print("fail fail")
            raise SystemExit(0)
        times.append(t1 - t0)
        mem.seek(0)
        # time(1) writes "Command exited with non-zero status N" first.
        peak = max(peak, int(mem.read().split()[-1]))
print("%.4f %d" % (statistics.median_low(times), peak))
