# A root with systemd unit files, drop-ins, a mask, an alias and enablement
# links (no running systemd): expected results follow systemd.unit(5).
set -eu
R=$1; U=$R/usr/lib/systemd/system; E=$R/etc/systemd/system
mkdir -p "$U/foo.service.d" "$E/foo.service.d" "$E/multi-user.target.wants" "$R/lib"
printf '[Unit]\nRequires=basic.target\n' >"$U/multi-user.target"
printf '[Unit]\nRequires=sysinit.target\n' >"$U/basic.target"
printf '[Unit]\nDescription=System Initialization\n' >"$U/sysinit.target"
printf '[Unit]\nDescription=Foo\nWants=a.service\n[Service]\nExecStart=/bin/true\n[Install]\nWantedBy=multi-user.target\n' >"$U/foo.service"
printf '[Unit]\nDescription=Vendor drop-in\n' >"$U/foo.service.d/10-v.conf"
printf '[Unit]\nDescription=Admin override\n' >"$E/foo.service.d/10-v.conf"
printf '[Unit]\nWants=\nWants=b.service\n' >"$E/foo.service.d/20-w.conf"
ln -s /usr/lib/systemd/system/foo.service "$E/multi-user.target.wants/foo.service"
printf '[Unit]\nDescription=Bar\n[Install]\nWantedBy=multi-user.target\n' >"$U/bar.service"
ln -s /dev/null "$E/bar.service"
printf '[Unit]\nDescription=Baz\n[Install]\nWantedBy=multi-user.target\n' >"$U/baz.service"
# /lib/systemd/system precedes /usr/lib/systemd/system on Debian.
mkdir -p "$R/lib/systemd/system"
printf '[Unit]\nDescription=From /lib\n' >"$R/lib/systemd/system/qux.service"
printf '[Unit]\nDescription=From /usr/lib\n' >"$U/qux.service"
