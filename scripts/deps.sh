#!/bin/sh
# Installs the Debian packages kensa needs to build, test and scan, when any is
# missing. One list, used by `make scan`, `make check` and `make bench`.
set -eu
PKGS="build-essential pkg-config libxml2-dev libxml2-utils libxslt1-dev xsltproc
libssl-dev libcurl4-openssl-dev libarchive-dev libcmocka-dev libpcre2-dev
libyaml-dev clang xz-utils libarchive-tools openscap-common rpm librpm-dev openssl bzip2 nginx python3
libselinux1-dev libsepol-dev checkpolicy libsystemd-dev dbus-daemon"
# The tests compare with oscap on SCAP Security Guide content and load the
# HTML report in a headless browser.
[ "${1:-}" = check ] && PKGS="$PKGS openscap-scanner ssg-debian ssg-debderived chromium fonts-ipafont-gothic"
[ "${1:-}" = bench ] && PKGS="$PKGS openscap-scanner time debootstrap ssg-debian ssg-debderived"
missing=""
for p in $PKGS; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
		missing="$missing $p"
done
[ -z "$missing" ] && exit 0
echo "kensa: installing missing Debian packages:$missing" >&2
if [ "$(id -u)" != 0 ]; then
	echo "kensa: run as root (or install them yourself):$missing" >&2
	exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# shellcheck disable=SC2086
apt-get install -y -qq --no-install-recommends $missing >/dev/null
