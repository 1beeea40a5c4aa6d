# Directives (oval-directives-5): false results are not reported, true ones
# are thin (no criteria), and the directives are echoed in the results.
set -eu
K=$1 CASE=$2 OUT=$3 ROOT=$4
R=$OUT/results.xml
grep -q 'definition_false reported="false"' "$R" || { echo "directives not echoed"; exit 1; }
if grep '<definition ' "$R" | grep -q 'result="false"'; then echo "false reported"; exit 1; fi
grep -q 'definition_id="oval:t:def:1"' "$R" || { echo "true definition missing"; exit 1; }
# thin: the true definitions carry no criteria
python3 - "$R" <<'PY'
import sys, xml.etree.ElementTree as ET
ns = "{http://oval.mitre.org/XMLSchema/oval-results-5}"
for d in ET.parse(sys.argv[1]).iter(ns + "definition"):
    if d.get("result") == "true" and d.find(ns + "criteria") is not None:
        sys.exit("true definition %s is not thin" % d.get("definition_id"))
PY
