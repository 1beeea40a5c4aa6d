/*
 * The host file-system back-end: the directory-root code of fs_root.c with
 * root "/", so the live system is read with exactly the same resolution and
 * refusal rules as an offline root. What makes a host target "live" (uname,
 * environment, interfaces) is in sysinfo.c, not here.
 */
#include "platform/plat_int.h"

static int
host_open(void *st, const char *arg)
{
	return plat_fsroot_open(st, "/");
}

const struct plat_fs_ops plat_fs_host_ops = {
	.name = "host",
	.kind = PLAT_TARGET_HOST,
	.state_size = sizeof(struct plat_fsroot),
	.open = host_open,
	.close = plat_fsroot_close,
	.stat = plat_fsroot_stat,
	.lstat = plat_fsroot_lstat,
	.readlink = plat_fsroot_readlink,
	.realpath = plat_fsroot_realpath,
	.open_file = plat_fsroot_open_file,
	.list = plat_fsroot_list,
	.list_stat = plat_fsroot_list_stat,
};
