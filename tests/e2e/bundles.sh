#!/bin/sh
# End-to-end test of `kensa bundle sign|verify|unpack` with Ed25519 and
# RSA keys made here by `openssl genpkey`: round trips (the signature is
# also checked by the openssl command, so the format is the documented
# one), then a tampered file, a tampered manifest, an untrusted signer, an
# extra file appended with tar, and a correctly signed manifest with a
# "../" path: each must exit 1 with one stderr line naming the bundle and
# the reason, and leave the unpack destination as it was.
# Usage: sh bundles.sh KENSA
set -u
KENSA=$1
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
cd "$T" || exit 1

die() { echo "bundles: FAIL: $*"; exit 1; }

# expect_fail NAME PATTERN CMD...: exit 1, one stderr line matching PATTERN
expect_fail() {
	name=$1 pat=$2; shift 2
	"$@" >out.txt 2>err.txt
	st=$?
	[ "$st" = 1 ] || die "$name: exit $st, expected 1 ($(cat err.txt))"
	[ "$(wc -l <err.txt)" = 1 ] || die "$name: stderr is not one line: $(cat err.txt)"
	grep -Eq -- "$pat" err.txt || die "$name: stderr '$(cat err.txt)' lacks /$pat/"
}

# flip FILE STRING: changes the first byte of STRING's first occurrence
flip() {
	off=$(grep -obUa -- "$2" "$1" | head -1 | cut -d: -f1)
	[ -n "$off" ] || die "flip: '$2' not in $1"
	byte=$(dd if="$1" bs=1 skip="$off" count=1 2>/dev/null)
	if [ "$byte" = 9 ]; then new=8; else new=9; fi
	printf '%s' "$new" | dd of="$1" bs=1 seek="$off" conv=notrunc 2>/dev/null
}

openssl genpkey -algorithm ed25519 -out ed.pem 2>/dev/null || die "genpkey ed25519"
openssl pkey -in ed.pem -pubout -out ed.pub || die "pubout"
openssl genpkey -algorithm ed25519 -out other.pem 2>/dev/null || die "genpkey other"
openssl pkey -in other.pem -pubout -out other.pub || die "pubout other"
openssl genpkey -algorithm rsa -pkeyopt rsa_keygen_bits:2048 -out rsa.pem 2>/dev/null ||
	die "genpkey rsa"
openssl pkey -in rsa.pem -pubout -out rsa.pub || die "pubout rsa"
openssl req -new -x509 -key rsa.pem -subj /CN=officer -days 1 -out rsa.crt 2>/dev/null ||
	die "req -x509"

mkdir -p policy/rules
printf '<Benchmark id="b"/>\n' >policy/benchmark.xml
printf 'unique-rule-content-0123456789\n' >policy/rules/r1.xml
printf '9999 another file\n' >policy/rules/r2.txt

# ---- round trips ----------------------------------------------------------
for k in ed rsa; do
	"$KENSA" bundle sign --key $k.pem --out $k.bundle policy >out.txt 2>err.txt ||
		die "sign $k: $(cat err.txt)"
	"$KENSA" bundle verify --trust $k.pub $k.bundle >out.txt 2>err.txt ||
		die "verify $k: $(cat err.txt)"
	grep -q "^$k.bundle: OK: 3 files" out.txt || die "verify $k said: $(cat out.txt)"
	tar -xOf $k.bundle MANIFEST >$k.manifest || die "MANIFEST of $k"
	tar -xOf $k.bundle MANIFEST.sig >$k.sig || die "MANIFEST.sig of $k"
	head -1 $k.manifest | grep -qx 'kensa-bundle 1' || die "manifest header"
	grep -q "  31  rules/r1.xml\$" $k.manifest || die "manifest line: $(cat $k.manifest)"
	"$KENSA" bundle unpack --trust $k.pub $k.bundle out-$k >out.txt 2>err.txt ||
		die "unpack $k: $(cat err.txt)"
	diff -r policy out-$k >/dev/null || die "unpacked $k differs"
done
openssl pkeyutl -verify -pubin -inkey ed.pub -rawin -in ed.manifest -sigfile ed.sig \
	>/dev/null || die "openssl does not verify the Ed25519 signature"
openssl dgst -sha256 -sigopt rsa_padding_mode:pss -sigopt rsa_pss_saltlen:digest \
	-sigopt rsa_mgf1_md:sha256 -verify rsa.pub -signature rsa.sig rsa.manifest \
	>/dev/null || die "openssl does not verify the RSA-PSS signature"
"$KENSA" bundle verify --trust rsa.crt rsa.bundle >/dev/null 2>err.txt ||
	die "a certificate as trust anchor: $(cat err.txt)"
"$KENSA" bundle verify --trust other.pub --trust ed.pub ed.bundle >/dev/null 2>err.txt ||
	die "two anchors: $(cat err.txt)"

# ---- refusals -----------------------------------------------------------
mkdir dest && echo old >dest/marker
untouched() {
	[ "$(cat dest/marker 2>/dev/null)" = old ] || die "$1: dest/marker changed"
	[ "$(ls dest)" = marker ] || die "$1: dest gained files: $(ls dest)"
	ls -a | grep -q 'kensa-' && die "$1: staging directory left behind"
	return 0
}

cp ed.bundle file.bundle && flip file.bundle unique-rule-content
expect_fail tampered-file "file.bundle: file 'rules/r1.xml': SHA-256 differs" \
	"$KENSA" bundle verify --trust ed.pub file.bundle
expect_fail tampered-file-unpack "file.bundle: file 'rules/r1.xml'" \
	"$KENSA" bundle unpack --replace --trust ed.pub file.bundle dest
untouched tampered-file

cp ed.bundle man.bundle && flip man.bundle "  31  rules/r1.xml"
expect_fail tampered-manifest "man.bundle: MANIFEST.sig does not verify" \
	"$KENSA" bundle verify --trust ed.pub man.bundle
expect_fail tampered-manifest-unpack "man.bundle: MANIFEST.sig" \
	"$KENSA" bundle unpack --replace --trust ed.pub man.bundle dest
untouched tampered-manifest

expect_fail untrusted "ed.bundle: MANIFEST.sig does not verify with any trusted key" \
	"$KENSA" bundle verify --trust other.pub ed.bundle
expect_fail untrusted-unpack "ed.bundle: MANIFEST.sig" \
	"$KENSA" bundle unpack --replace --trust other.pub ed.bundle dest
untouched untrusted

cp ed.bundle extra.bundle && echo extra >extra.txt && tar -rf extra.bundle extra.txt ||
	die "tar -r"
expect_fail extra-file "extra.bundle: file 'extra.txt' is not in the manifest" \
	"$KENSA" bundle verify --trust ed.pub extra.bundle
expect_fail extra-file-unpack "extra.bundle: file 'extra.txt'" \
	"$KENSA" bundle unpack --replace --trust ed.pub extra.bundle dest
untouched extra-file

# a manifest with ../, correctly signed by a trusted key
mkdir craft && printf 'x' >craft/evil
{ echo 'kensa-bundle 1'; printf '%s  1  ../evil\n' "$(printf x | sha256sum | cut -d' ' -f1)"; } \
	>craft/MANIFEST
openssl pkeyutl -sign -inkey ed.pem -rawin -in craft/MANIFEST -out craft/MANIFEST.sig ||
	die "pkeyutl -sign"
tar -C craft --format=ustar -cf dotdot.bundle MANIFEST MANIFEST.sig evil || die "tar craft"
expect_fail dotdot "dotdot.bundle: MANIFEST line 2: '\.\.' component" \
	"$KENSA" bundle verify --trust ed.pub dotdot.bundle
expect_fail dotdot-unpack "dotdot.bundle: MANIFEST line 2" \
	"$KENSA" bundle unpack --replace --trust ed.pub dotdot.bundle dest
untouched dotdot
[ -e evil ] && die "dotdot: ../evil was written"

# a non-empty destination needs --replace; with it, it is swapped
expect_fail not-empty "dest: exists and is not empty" \
	"$KENSA" bundle unpack --trust ed.pub ed.bundle dest
untouched not-empty
"$KENSA" bundle unpack --replace --trust ed.pub ed.bundle dest >/dev/null 2>err.txt ||
	die "unpack --replace: $(cat err.txt)"
diff -r policy dest >/dev/null || die "replaced dest differs"

# signing refuses a symlink that leaves the directory
ln -s ../ed.pem policy/leak
expect_fail symlink-escape "policy/leak: symlink escapes" \
	"$KENSA" bundle sign --key ed.pem --out leak.bundle policy
[ -e leak.bundle ] && die "symlink-escape: a bundle was written"
rm policy/leak

# usage errors
"$KENSA" bundle verify ed.bundle >/dev/null 2>&1 && die "verify without --trust succeeded"
"$KENSA" bundle frobnicate >/dev/null 2>&1 && die "unknown subcommand succeeded"
"$KENSA" bundle --help | grep -q 'kensa bundle sign' || die "bundle --help"
echo "bundles: ok"
exit 0
