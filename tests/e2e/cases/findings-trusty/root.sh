# A small Ubuntu 14.04 root for findings: libc6 and bind9 below the fixed
# versions of their definitions (libc-bin at, dnsutils above), apt exactly
# at its fixed version, nginx-common installed (an issue Ubuntu will not
# fix), php5-cli removed.
set -eu
here=$(dirname "$0")
mkdir -p "$1/etc" "$1/var/lib/dpkg"
printf 'DISTRIB_ID=Ubuntu\nDISTRIB_RELEASE=14.04\nDISTRIB_CODENAME=trusty\nDISTRIB_DESCRIPTION="Ubuntu 14.04 LTS"\n' >"$1/etc/lsb-release"
cp "$here/status" "$1/var/lib/dpkg/status"
