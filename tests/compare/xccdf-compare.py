#!/usr/bin/env python3
"""Compare the rule results of two XCCDF results documents (kensa's and oscap's).

usage: xccdf-compare.py KENSA-RESULTS.xml OSCAP-RESULTS.xml [--allow FILE]

Reads the TestResult of each (XCCDF 1.1 or 1.2; a Benchmark holding a TestResult, a bare
TestResult or an ARF collection), and prints one line per rule whose result differs:
"RULE kensa=RESULT oscap=RESULT". Lines of --allow FILE ("RULE KENSA OSCAP  # why") name
differences that are understood (docs/oscap-differences.md explains each kind); they are
reported as "allowed" and do not fail. Exit 0 when every difference is allowed, 1 otherwise.
"""
import sys
import xml.etree.ElementTree as ET

NS = ("http://checklists.nist.gov/xccdf/1.2", "http://checklists.nist.gov/xccdf/1.1")


def rule_results(path):
    out = {}
    for _, el in ET.iterparse(path, events=("end",)):
        for ns in NS:
            if el.tag == "{%s}rule-result" % ns:
                res = el.find("{%s}result" % ns)
                rid = el.get("idref")
                inst = el.find("{%s}check/{%s}check-content-ref" % (ns, ns))
                key = rid
                # multi-check: one rule-result per definition
                if rid in out and inst is not None and inst.get("name"):
                    key = "%s#%s" % (rid, inst.get("name"))
                out[key] = res.text if res is not None else "?"
    return out


def main(argv):
    if len(argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    allow = {}
    if len(argv) == 5 and argv[3] == "--allow":
        for line in open(argv[4], encoding="utf-8"):
            line = line.split("#", 1)[0].split()
            if len(line) == 3:
                allow[line[0]] = (line[1], line[2])
    k, o = rule_results(argv[1]), rule_results(argv[2])
    bad = 0
    counts = {}
    for rid in sorted(set(k) | set(o)):
        kr, orr = k.get(rid, "absent"), o.get(rid, "absent")
        counts[kr] = counts.get(kr, 0) + 1
        if kr == orr:
            continue
        if allow.get(rid) == (kr, orr):
            print("allowed %s kensa=%s oscap=%s" % (rid, kr, orr))
            continue
        bad += 1
        print("%s kensa=%s oscap=%s" % (rid, kr, orr))
    print("rules: %d; kensa %s; %d unexplained differences" %
          (len(set(k) | set(o)), " ".join("%s=%d" % kv for kv in sorted(counts.items())), bad))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
