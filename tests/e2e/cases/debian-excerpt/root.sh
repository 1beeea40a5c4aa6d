set -eu
sh "$(dirname "$0")/../../fixtures/dpkg-root.sh" "$1"
