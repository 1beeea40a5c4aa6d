set -eu
sh "$(dirname "$0")/../../fixtures/mkrpmroot.sh" "$1"
