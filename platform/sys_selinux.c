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

/* libselinux is opened on first use (ks_dl_load, see base.h): only the
 * live host's SELinux objects need it, and its constructor reads /proc at
 * start-up. The slots have the types of the prototypes compiled against. */
#define SE_FUNCS(F) \
	F(freecon) \
	F(getpidcon) \
	F(getpidcon_raw) \
	F(is_selinux_enabled) \
	F(lgetfilecon) \
	F(lgetfilecon_raw) \
	F(security_get_boolean_active) \
	F(security_get_boolean_names) \
	F(security_get_boolean_pending) \

#define SE_SYM(f) KS_DL_SYM(SE, f)
_Static_assert(sizeof(KS_SONAME_SELINUX) > 1,
    "the Makefile found no libselinux");
static struct { SE_FUNCS(KS_DL_SLOT) } SE;
static const struct ks_dl_sym se_syms[] = { SE_FUNCS(SE_SYM) };
static struct ks_dl_lib se_lib =
    KS_DL_LIB(KS_SONAME_SELINUX, "reading SELinux facts", se_syms);

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
	/* Without libselinux the host is not using SELinux. */
	if (ks_dl_load(&se_lib) != 0) {
		ks_error_clear();
		return 0;
	}
	return SE.is_selinux_enabled() > 0 ? 1 : 0;
}

int
plat_selinux_booleans_foreach(struct plat_target *t, plat_sebool_cb cb,
    void *payload)
{
	char **names = NULL;
	int n = 0, rc = 0;

	if (!plat_target_is_live(t))
		return not_live(t, "SELinux booleans");
	if (ks_dl_load(&se_lib) != 0)
		return KS_EUNSUPPORTED;
	if (SE.security_get_boolean_names(&names, &n) != 0)
		return plat_errno_rc(errno, "/sys/fs/selinux/booleans",
		    "list");
	for (int i = 0; i < n; i++) {
		struct plat_sebool b = { .name = names[i] };

		if (rc == 0) {
			b.active = SE.security_get_boolean_active(names[i]);
			b.pending = SE.security_get_boolean_pending(names[i]);
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
	if (ks_dl_load(&se_lib) != 0)
		return KS_EUNSUPPORTED;
	if (SE.lgetfilecon_raw(path, &r) < 0)
		return plat_errno_rc(errno, path, "getxattr security.selinux");
	if (SE.lgetfilecon(path, &tr) < 0)
		tr = NULL;
	*raw = ks_strdup(r);
	*trans = ks_strdup(tr != NULL ? tr : r);
	SE.freecon(r);
	SE.freecon(tr);
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
	if (ks_dl_load(&se_lib) != 0)
		return KS_EUNSUPPORTED;
	if (SE.getpidcon_raw((pid_t)pid, &r) < 0)
		return errno == ENOENT || errno == ESRCH ? KS_ENOTFOUND :
		    plat_errno_rc(errno, "/proc/<pid>/attr/current", NULL);
	if (SE.getpidcon((pid_t)pid, &tr) < 0)
		tr = NULL;
	*raw = ks_strdup(r);
	*trans = ks_strdup(tr != NULL ? tr : r);
	SE.freecon(r);
	SE.freecon(tr);
	return 0;
}
