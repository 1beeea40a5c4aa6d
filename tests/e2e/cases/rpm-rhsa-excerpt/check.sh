# Red Hat's RHSA-2020:1980 (OVAL v2 excerpt: rpminfo evr_string + signature
# key, rpmverifyfile on /etc/redhat-release for "RHEL 8 is installed") on the
# fixture root: false as shipped, since the fixture's packages are not signed
# with Red Hat's key 199e2f91fd431d51; true once the definitions name the
# fixture's own key, since git 2.18.2-1.el8 is below 0:2.18.4-2.el8_2 and
# redhat-release 8.2 matches ^8[^\d].
set -eu
K=$1 CASE=$2 OUT=$3 ROOT=$4
key=$(cat "$ROOT/.fixture/keyid")
sed "s/199e2f91fd431d51/$key/g" "$DEFS" >"$OUT/defs-key.xml"
"$K" oval eval --root "$ROOT" --results "$OUT/results-key.xml" "$OUT/defs-key.xml" >"$OUT/o" 2>"$OUT/e"
grep -q '^Definition oval:com.redhat.rhsa:def:20201980: true$' "$OUT/o" ||
	{ echo "with the fixture key: $(cat "$OUT/o")"; exit 1; }
# The RHEL 8 release check: tests 31 (at least one redhat-release 8.x
# file) true and 32 (none satisfy ^redhat-release) false.
grep -q 'test_id="oval:com.redhat.rhsa:tst:20201980031"[^>]*result="true"' "$OUT/results-key.xml" ||
	{ echo "tst:20201980031 not true"; exit 1; }
grep -q 'test_id="oval:com.redhat.rhsa:tst:20201980032"[^>]*result="false"' "$OUT/results-key.xml" ||
	{ echo "tst:20201980032 not false"; exit 1; }
