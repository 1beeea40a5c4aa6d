# `kensa scan --root` on a fixture root: the summary names the system from
# os-release and lists installed packages with their versions, in English
# and in Japanese; removed packages are not listed as installed.
set -eu
K=$1 CASE=$2 OUT=$3 ROOT=$4
"$K" scan --root "$ROOT" --lang en --output "$OUT" --results "$OUT/scan-results.xml" >"$OUT/scan.en"
grep -q 'Debian GNU/Linux 12 (bookworm)' "$OUT/scan.en"
grep -Eq '^  openssl +0:3\.0\.11-1~deb12u2 +amd64' "$OUT/scan.en"
grep -Eq '^  sudo +0:1\.9\.13p3-1\+deb12u1' "$OUT/scan.en"
grep -q 'Not installed:.*libssl1.1' "$OUT/scan.en"
if grep -Eq '^  libssl1\.1 ' "$OUT/scan.en"; then echo "removed package listed"; exit 1; fi
xmllint --noout --schema "$CASE/../../../../data/schemas/oval-results-all.xsd" "$OUT/scan-results.xml"
"$K" scan --root "$ROOT" --lang ja --output "$OUT" >"$OUT/scan.ja"
grep -q 'インストール済み' "$OUT/scan.ja"
if "$K" scan --root "$ROOT/does-not-exist" --output "$OUT" >"$OUT/o" 2>"$OUT/e"; then echo "missing root accepted"; exit 1; fi
[ "$(wc -l <"$OUT/e")" -eq 1 ]
