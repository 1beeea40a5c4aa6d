# Builds a small root for the unix file-family objects: account files,
# modes, a world-writable file, links (one dangling), an xinetd service
# and a user extended attribute (python3's os.setxattr; no attr package).
set -eu
R=$1
mkdir -p "$R/etc/xinetd.d" "$R/srv/a/b" "$R/usr/bin" "$R/home/u"
printf 'root:x:0:0:root:/root:/bin/bash\nu:x:1000:1000:U,,,:/home/u:/usr/sbin/nologin\n' >"$R/etc/passwd"
printf 'root:$6$s$h:19000:0:99999:7:::\nu:!:19000:0:99999:7:::\n' >"$R/etc/shadow"
chmod 0640 "$R/etc/shadow"
echo x >"$R/srv/a/ok"; chmod 0644 "$R/srv/a/ok"
echo x >"$R/srv/a/b/open"; chmod 0666 "$R/srv/a/b/open"
echo real >"$R/usr/bin/real"
ln -s ../usr/bin/real "$R/etc/alt"
ln -s /nowhere "$R/etc/dangle"
printf 'defaults\n{\n}\nincludedir /etc/xinetd.d\n' >"$R/etc/xinetd.conf"
printf 'service telnet\n{\n\tsocket_type = stream\n\twait = no\n\tdisable = yes\n}\n' >"$R/etc/xinetd.d/telnet"
echo v >"$R/srv/x"
python3 -c 'import os, sys; os.setxattr(sys.argv[1], "user.k", b"v")' "$R/srv/x"
