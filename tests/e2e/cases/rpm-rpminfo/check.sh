# The signed packages' signature_keyid is exactly the id of the key the
# fixture signed them with (4 signed: git, perl-Git, epochpkg,
# redhat-release; git is collected by several objects but stored once), and
# the unsigned gitk's entity says "does not exist".
set -eu
K=$1 CASE=$2 OUT=$3 ROOT=$4
key=$(cat "$ROOT/.fixture/keyid")
n=$(grep -o "<linux-sc:signature_keyid>$key</linux-sc:signature_keyid>" "$OUT/results.xml" | wc -l)
[ "$n" -ge 2 ] || { echo "signature_keyid $key found $n times"; exit 1; }
grep -q '<linux-sc:signature_keyid status="does not exist"/>' "$OUT/results.xml" ||
	{ echo "unsigned package without a does-not-exist signature_keyid"; exit 1; }
