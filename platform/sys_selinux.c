/*
 * SELinux facts of the running system through libselinux: whether it is
 * enabled, its booleans, and the contexts of files and processes. Live
 * host only: an offline root's policy is a binary file this does not read.
 */
#include "platform/plat_int.h"

#include <errno.h>
#include <selinux/selinux.h>
#include <stdlib.h>
#include <string.h>

static int
not_live(struct plat_target *t, const char *what)
{
	ks_error_set("%s: %s is only available on the live host",
	    plat_target_name(t), what);
	return KS_EUNSUPPORTED;
}

int
plat_selinux_enabled(struct plat_target *t)
{
	if (!plat_target_is_live(t))
		return not_live(t, "SELinux state");
	return is_selinux_enabled() > 0 ? 1 : 0;
}

int
plat_selinux_booleans_foreach(struct plat_target *t, plat_sebool_cb cb,
    void *payload)
{
	char **names = NULL;
	int n = 0, rc = 0;

	if (!plat_target_is_live(t))
		return not_live(t, "SELinux booleans");
	if (security_get_boolean_names(&names, &n) != 0)
		return plat_errno_rc(errno, "/sys/fs/selinux/booleans",
		    "list");
	for (int i = 0; i < n; i++) {
		struct plat_sebool b = { .name = names[i] };

		if (rc == 0) {
			b.active = security_get_boolean_active(names[i]);
			b.pending = security_get_boolean_pending(names[i]);
			rc = cb(&b, payload);
		}
		free(names[i]);
	}
	free(names);
	return rc;
}

int
plat_selinux_file_context(struct plat_target *t, const char *path,
    char **raw, char **trans)
{
	char *r = NULL, *tr = NULL;

	*raw = *trans = NULL;
	if (!plat_target_is_live(t))
		return not_live(t, "file security contexts");
	if (lgetfilecon_raw(path, &r) < 0)
		return plat_errno_rc(errno, path, "getxattr security.selinux");
	if (lgetfilecon(path, &tr) < 0)
		tr = NULL;
	*raw = ks_strdup(r);
	*trans = ks_strdup(tr != NULL ? tr : r);
	freecon(r);
	freecon(tr);
	return 0;
}

int
plat_selinux_pid_context(struct plat_target *t, long pid, char **raw,
    char **trans)
{
	char *r = NULL, *tr = NULL;

	*raw = *trans = NULL;
	if (!plat_target_is_live(t))
		return not_live(t, "process security contexts");
	if (getpidcon_raw((pid_t)pid, &r) < 0)
		return errno == ENOENT || errno == ESRCH ? KS_ENOTFOUND :
		    plat_errno_rc(errno, "/proc/<pid>/attr/current", NULL);
	if (getpidcon((pid_t)pid, &tr) < 0)
		tr = NULL;
	*raw = ks_strdup(r);
	*trans = ks_strdup(tr != NULL ? tr : r);
	freecon(r);
	freecon(tr);
	return 0;
}
