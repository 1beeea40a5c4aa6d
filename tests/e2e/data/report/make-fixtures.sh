#!/bin/sh
# Remakes the report fixtures of this directory with oscap (a peer, for
# inputs shaped as real tools write them): bench.xml + oval.xml are composed
# into a source data stream and evaluated with profile "all" on a small root
# made here, giving
#   arf-oscap.xml          ARF 1.1 (XCCDF 1.2 TestResult, OVAL results with
#                          their oval_definitions, the data stream)
#   arf-nodefs.xml         the same without oval_definitions in the OVAL
#                          results (as kensa writes ARF by default)
#   xccdf12-results.xml    XCCDF 1.2 Benchmark with its TestResult
#   xccdf11-results.xml    the same in the XCCDF 1.1 namespace
# Expected: pass 1, fail 3, notchecked 1, notselected 1; the "many lines"
# rule's test has 25 items (more than the 20 the report shows).
# Not run by the test suite (the outputs are committed); needs oscap,
# xsltproc. Usage: sh make-fixtures.sh
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
mkdir -p "$T/root/etc"
echo hello >"$T/root/etc/motd"
printf 'Debian\nsecret here\n' >"$T/root/etc/issue"
i=1
while [ $i -le 24 ]; do echo "line $i"; i=$((i + 1)); done >"$T/root/etc/kensa-list"
echo x >>"$T/root/etc/kensa-list"
cp "$HERE/bench.xml" "$HERE/oval.xml" "$T/"
cd "$T"
oscap ds sds-compose bench.xml ds.xml
OSCAP_PROBE_ROOT="$T/root" oscap xccdf eval --profile all \
    --results-arf arf.xml --results res.xml ds.xml >/dev/null 2>&1 || true
cat >strip.xsl <<'XSL'
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:ores="http://oval.mitre.org/XMLSchema/oval-results-5"
    xmlns:odef="http://oval.mitre.org/XMLSchema/oval-definitions-5">
<xsl:template match="@*|node()"><xsl:copy><xsl:apply-templates select="@*|node()"/></xsl:copy></xsl:template>
<xsl:template match="ores:oval_results/odef:oval_definitions"/>
</xsl:stylesheet>
XSL
cp arf.xml "$HERE/arf-oscap.xml"
xsltproc -o "$HERE/arf-nodefs.xml" strip.xsl arf.xml
cp res.xml "$HERE/xccdf12-results.xml"
sed 's|http://checklists.nist.gov/xccdf/1.2|http://checklists.nist.gov/xccdf/1.1|g' \
    res.xml >"$HERE/xccdf11-results.xml"
