#!/bin/sh
# --image FILE gives the same results as --root DIR on the same file system:
# a fixture root (kensa's baseline "bad" Debian root and the dpkg fixture)
# packed as a tar.gz and as a two-layer `docker save` archive whose second
# layer changes files and deletes one with a whiteout. OVAL and XCCDF
# results must equal those of the directory the image was made from; the
# extended attributes the archives record (tar --xattrs, bsdtar) are read
# as a directory root's are read from disk.
# usage: image-targets.sh KENSA
set -u
KENSA=$1
HERE=$(cd "$(dirname "$0")" && pwd)
C=$HERE/../../data/content
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

sh "$HERE/fixtures/baseline-root.sh" "$T/root" bad debian >"$T/fx.log" 2>&1 ||
    fail "baseline-root.sh: $(tail -2 "$T/fx.log")"
sh "$HERE/fixtures/dpkg-root.sh" "$T/root" >>"$T/fx.log" 2>&1 ||
    fail "dpkg-root.sh: $(tail -2 "$T/fx.log")"
# The baseline's SSH rules apply only where an OpenSSH server is installed:
# the sshd binary makes them apply, so that layer 2 below can change one.
mkdir -p "$T/root/usr/sbin" && : >"$T/root/usr/sbin/sshd"
tar -C "$T/root" -czf "$T/root.tar.gz" . || fail "tar"

# 1. A root-file-system archive: the same OVAL and XCCDF results.
"$KENSA" oval eval --root "$T/root" "$C/kensa-inventory-oval.xml" >"$T/dir.out" 2>"$T/err" ||
    fail "oval eval --root: $(cat "$T/err")"
"$KENSA" oval eval --image "$T/root.tar.gz" "$C/kensa-inventory-oval.xml" >"$T/img.out" 2>"$T/err" ||
    fail "oval eval --image: $(cat "$T/err")"
diff "$T/dir.out" "$T/img.out" || fail "oval eval: --image differs from --root"
xeval() {	# xeval OUT TARGET-OPTION PATH: the baseline, one RULE:RESULT line per rule
	out=$1; shift
	"$KENSA" xccdf eval --progress "$@" --cpe "$C/kensa-baseline-cpe-dictionary.xml" \
	    "$C/kensa-baseline-xccdf.xml" >"$out" 2>"$T/err"
	[ $? -le 2 ] || fail "xccdf eval $*: $(cat "$T/err")"
}
xeval "$T/xccdf-dir.out" --root "$T/root"
xeval "$T/xccdf-img.out" --image "$T/root.tar.gz"
diff "$T/xccdf-dir.out" "$T/xccdf-img.out" || fail "xccdf eval: --image differs from --root"
grep -q ':fail$' "$T/xccdf-img.out" || fail "xccdf eval --image: no rule failed on the bad root"

# 2. A docker-save archive with two layers: layer 2 fixes sshd_config and
# deletes /etc/login.defs with a whiteout; the results follow layer 2.
mkdir -p "$T/l2/etc/ssh" "$T/img"
printf 'PermitRootLogin no\n' >"$T/l2/etc/ssh/sshd_config"
: >"$T/l2/etc/.wh.login.defs"
tar -C "$T/root" -cf "$T/img/layer1.tar" . && tar -C "$T/l2" -cf "$T/img/layer2.tar" . || fail "layers"
printf '[{"Config":"config.json","RepoTags":["t:1"],"Layers":["layer1.tar","layer2.tar"]}]\n' >"$T/img/manifest.json"
echo '{}' >"$T/img/config.json"
tar -C "$T/img" -cf "$T/docker.tar" manifest.json config.json layer1.tar layer2.tar || fail "docker tar"
cp -a "$T/root" "$T/merged"
cp "$T/l2/etc/ssh/sshd_config" "$T/merged/etc/ssh/sshd_config"
rm -f "$T/merged/etc/login.defs"
xeval "$T/merged.out" --root "$T/merged"
xeval "$T/docker.out" --image "$T/docker.tar"
diff "$T/merged.out" "$T/docker.out" || fail "docker-save layers: results differ from the merged root"
cmp -s "$T/merged.out" "$T/xccdf-dir.out" && fail "layer 2 changed nothing"
# Layer 2's sshd_config drops layer 1's X11Forwarding yes.
grep -q '_sshd_disable_x11_forwarding:fail$' "$T/xccdf-dir.out" &&
    grep -q '_sshd_disable_x11_forwarding:pass$' "$T/docker.out" ||
    fail "layer 2's sshd_config did not decide sshd_disable_x11_forwarding"

# 3. Bad input: one line naming the file, exit 1; --root and --image together refused.
printf 'not an archive' >"$T/bad.tar"
"$KENSA" oval eval --image "$T/bad.tar" "$C/kensa-inventory-oval.xml" >/dev/null 2>"$T/err" &&
    fail "a bad image was accepted"
[ "$(wc -l <"$T/err")" = 1 ] && grep -q 'bad.tar' "$T/err" || fail "bad image: $(cat "$T/err")"
"$KENSA" oval eval --root "$T/root" --image "$T/root.tar.gz" "$C/kensa-inventory-oval.xml" \
    >/dev/null 2>"$T/err" && fail "--root with --image was accepted"
grep -q 'give one' "$T/err" || fail "--root --image: $(cat "$T/err")"
# 4. Extended attributes come from the archive's records: user attributes,
# SELinux contexts and POSIX ACLs, as GNU tar writes them (every one a
# SCHILY.xattr record) and as bsdtar does (the ACL as SCHILY.acl.access
# text), through two layers where the second relabels one file and whites
# out another. The same results as the merged directory (read from disk).
command -v bsdtar >/dev/null || fail "bsdtar missing: run scripts/deps.sh"
X=$HERE/data/image-xattrs
setx() {	# setx FILE NAME VALUE|acl
	python3 - "$@" <<'PY' || fail "setting $2 on $1 (the test needs root on ext4/xfs/tmpfs)"
import os, struct, sys
f, name, val = sys.argv[1:4]
if val == "acl":	# user::rw- user:1000:r-- group::r-- mask::r-- other::r--
    ents = [(1, 6, 0xffffffff), (2, 4, 1000), (4, 4, 0xffffffff),
            (0x10, 4, 0xffffffff), (0x20, 4, 0xffffffff)]
    v = struct.pack("<I", 2) + b"".join(struct.pack("<HHI", *e) for e in ents)
else:
    v = val.encode() + (b"\0" if name == "security.selinux" else b"")
os.setxattr(f, name, v, follow_symlinks=False)
PY
}
xroot() {	# xroot DIR RELABEL: the files both layouts share
	mkdir -p "$1/etc/selinux"
	printf 'SELINUX=enforcing\nSELINUXTYPE=targeted\n' >"$1/etc/selinux/config"
	echo p >"$1/etc/plain"; echo a >"$1/etc/acl"; echo r >"$1/etc/relabel"
	echo 'root:*:1::::::' >"$1/etc/shadow"; chmod 0640 "$1/etc/shadow"
	setx "$1/etc/acl" system.posix_acl_access acl
	setx "$1/etc/shadow" security.selinux system_u:object_r:shadow_t:s0
	setx "$1/etc/relabel" user.kensa "$2"
}
xroot "$T/xm" new
xroot "$T/xl1" old
echo g >"$T/xl1/etc/gone"
mkdir -p "$T/xl2/etc" "$T/ximg"
echo r >"$T/xl2/etc/relabel"; setx "$T/xl2/etc/relabel" user.kensa new
: >"$T/xl2/etc/.wh.gone"
tar --xattrs --xattrs-include='*' -C "$T/xm" -cf "$T/xgnu.tar" . || fail "tar --xattrs"
grep -aq 'SCHILY.xattr.system.posix_acl_access=' "$T/xgnu.tar" ||
    fail "GNU tar did not record the ACL as an attribute"
bsdtar -C "$T/xl1" -cf "$T/ximg/layer1.tar" . && bsdtar -C "$T/xl2" -cf "$T/ximg/layer2.tar" . ||
    fail "bsdtar layers"
grep -aq 'SCHILY.acl.access=' "$T/ximg/layer1.tar" || fail "bsdtar did not record the ACL as text"
printf '[{"Config":"config.json","Layers":["layer1.tar","layer2.tar"]}]\n' >"$T/ximg/manifest.json"
echo '{}' >"$T/ximg/config.json"
tar -C "$T/ximg" -cf "$T/xdocker.tar" manifest.json config.json layer1.tar layer2.tar || fail "docker tar"
sort "$X/expect" >"$T/xwant"
for tgt in "--root $T/xm" "--image $T/xgnu.tar" "--image $T/xdocker.tar"; do
	# shellcheck disable=SC2086
	"$KENSA" oval eval $tgt "$X/defs.xml" >"$T/x.out" 2>"$T/err" ||
	    fail "xattrs: oval eval $tgt: $(cat "$T/err")"
	grep '^Definition ' "$T/x.out" | sort >"$T/xgot"
	cmp -s "$T/xwant" "$T/xgot" ||
	    fail "xattrs: oval eval $tgt (< expected, > got): $(diff "$T/xwant" "$T/xgot")"
done

ls -d "${TMPDIR:-/tmp}"/kensa-image-* 2>/dev/null && fail "an image tree was left behind"
echo "image-targets: all checks passed"
