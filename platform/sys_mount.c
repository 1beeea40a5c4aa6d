/*
 * Mounted file systems of the running system (/proc/self/mountinfo, with
 * statvfs(3) for sizes and /dev/disk/by-uuid for UUIDs). Live host only:
 * an offline root has no mounts, only an fstab, which says what would be
 * mounted, not what is. Not fstab parsing.
 */
#include "platform/plat_int.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/statvfs.h>
#include <unistd.h>

#define MOUNTINFO_MAX	(16u << 20)
#define BYUUID_DIR	"/dev/disk/by-uuid"

/* Undoes the kernel's octal escapes (\040 space, \011 tab, \012, \134)
 * in place. */
static void
unescape(char *s)
{
	char *w = s;

	for (; *s != '\0'; s++) {
		if (s[0] == '\\' && s[1] >= '0' && s[1] <= '3' &&
		    s[2] >= '0' && s[2] <= '7' && s[3] >= '0' && s[3] <= '7') {
			*w++ = (char)((s[1] - '0') * 64 + (s[2] - '0') * 8 +
			    (s[3] - '0'));
			s += 3;
		} else
			*w++ = *s;
	}
	*w = '\0';
}

/* The UUID whose /dev/disk/by-uuid link resolves to dev, or NULL. */
static char *
dev_uuid(const char *dev)
{
	char real[PATH_MAX], link[PATH_MAX + 64], *uuid = NULL;
	struct dirent *de;
	DIR *d;

	if (dev[0] != '/' || realpath(dev, real) == NULL)
		return NULL;
	if ((d = opendir(BYUUID_DIR)) == NULL)
		return NULL;
	while ((de = readdir(d)) != NULL && uuid == NULL) {
		char tgt[PATH_MAX];
		int n;

		if (de->d_name[0] == '.')
			continue;
		n = snprintf(link, sizeof(link), "%s/%s", BYUUID_DIR,
		    de->d_name);
		if (n < 0 || (size_t)n >= sizeof(link))
			continue;
		if (realpath(link, tgt) != NULL && strcmp(tgt, real) == 0)
			uuid = ks_strdup(de->d_name);
	}
	closedir(d);
	return uuid;
}

/* Splits at spaces into at most max fields; returns the count. */
static int
split(char *line, char **f, int max)
{
	int n = 0;
	char *save = NULL, *tok;

	for (tok = strtok_r(line, " ", &save); tok != NULL && n < max;
	    tok = strtok_r(NULL, " ", &save))
		f[n++] = tok;
	return n;
}

int
plat_mounts_foreach(struct plat_target *t, plat_mount_cb cb, void *payload)
{
	char *data = NULL, *line, *save = NULL, *f[32];
	size_t len = 0;
	int rc = KS_ERROR, n, sep;

	if (!plat_target_is_live(t)) {
		ks_error_set("%s: mounted file systems are only known on the "
		    "live host", plat_target_name(t));
		return KS_EUNSUPPORTED;
	}
	if ((rc = ks_file_read("/proc/self/mountinfo", MOUNTINFO_MAX, &data,
	    &len)) != 0)
		return rc;
	rc = 0;
	for (line = strtok_r(data, "\n", &save); line != NULL && rc == 0;
	    line = strtok_r(NULL, "\n", &save)) {
		struct plat_mount m;
		struct statvfs sv;
		struct ks_buf opts;
		char *uuid;

		/* id parent maj:min root mount_point options [optional...]
		 * - fstype source super_options (proc(5)) */
		n = split(line, f, 32);
		for (sep = 6; sep < n && strcmp(f[sep], "-") != 0; sep++)
			;
		if (n < 7 || sep + 3 >= n + 1 || sep + 2 >= n)
			continue;
		memset(&m, 0, sizeof(m));
		unescape(f[4]);
		unescape(f[sep + 2]);
		m.mount_point = f[4];
		m.fs_type = f[sep + 1];
		m.device = f[sep + 2];
		/* The options /proc/mounts shows: the per-mount ones, then
		 * the super block's without its leading rw/ro. */
		ks_buf_init(&opts, 0);
		(void)ks_buf_puts(&opts, f[5]);
		if (sep + 3 < n) {
			const char *so = f[sep + 3];

			if (strncmp(so, "rw", 2) == 0 ||
			    strncmp(so, "ro", 2) == 0)
				so += so[2] == ',' ? 3 : 2;
			if (*so != '\0')
				(void)ks_buf_printf(&opts, ",%s", so);
		}
		(void)ks_buf_putc(&opts, '\0');
		m.options = opts.data;
		uuid = dev_uuid(m.device);
		m.uuid = uuid;
		if (statvfs(m.mount_point, &sv) == 0) {
			m.has_space = true;
			m.block_size = sv.f_frsize ? sv.f_frsize : sv.f_bsize;
			m.blocks = sv.f_blocks;
			m.bfree = sv.f_bfree;
			m.bavail = sv.f_bavail;
		}
		rc = cb(&m, payload);
		ks_buf_free(&opts);
		free(uuid);
	}
	free(data);
	return rc;
}
