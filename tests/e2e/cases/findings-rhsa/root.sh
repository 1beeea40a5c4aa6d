# The rpm fixture root (tests/e2e/fixtures/mkrpmroot.sh): git 2.18.2-1.el8
# below RHSA-2020:1980's fixed 0:2.18.4-2.el8_2, perl-Git at it.
set -eu
sh "$(dirname "$0")/../../fixtures/mkrpmroot.sh" "$1"
