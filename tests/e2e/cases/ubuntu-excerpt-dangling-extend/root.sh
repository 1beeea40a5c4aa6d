# A Ubuntu 14.04 "trusty" root: lsb-release makes the Ubuntu definitions
# applicable, and the dpkg status (real Debian 12 packages plus trusty
# versions below, at and above fixed versions) decides them.
set -eu
here=$(dirname "$0")
mkdir -p "$1/etc" "$1/var/lib/dpkg"
printf 'DISTRIB_ID=Ubuntu\nDISTRIB_RELEASE=14.04\nDISTRIB_CODENAME=trusty\nDISTRIB_DESCRIPTION="Ubuntu 14.04 LTS"\n' >"$1/etc/lsb-release"
cp "$here/../ubuntu-trusty/status" "$1/var/lib/dpkg/status"
