set -eu
mkdir -p "$1/etc"
printf "root:FIXTURE:0:0:root:/root:/bin/sh\n" >"$1/etc/passwd"
ln -s ../../../../../../etc/passwd "$1/etc/evil"
ln -s /etc/passwd "$1/etc/abs"
ln -s loop2 "$1/etc/loop1"
ln -s loop1 "$1/etc/loop2"
