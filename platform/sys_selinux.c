/*
 * SELinux facts of a target. On the live host through libselinux: whether
 * it is enabled, its booleans, the contexts of files and processes. On a
 * directory root or an image, what the target's files hold: the
 * configuration (/etc/selinux/config), the booleans of its binary policy
 * (read through the target, parsed in memory with libsepol) and the
 * security.selinux attributes of its files. It never loads a policy, never
 * translates contexts offline and knows nothing of OVAL.
 */
#include "platform/plat_int.h"

#include <errno.h>
#include <selinux/selinux.h>
#include <sepol/booleans.h>
#include <sepol/debug.h>
#include <sepol/handle.h>
#include <sepol/policydb.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SE_CONFIG_MAX	(64u << 10)	/* /etc/selinux/config */
#define SE_POLICY_MAX	(64u << 20)	/* a binary policy (distributions'
					 * are 3 to 10 MiB) */
#define SE_TYPE_MAX	255		/* SELINUXTYPE= value */
#define SE_VERSION_MAX	1000u		/* policy.N: today N ~ 33 */

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

/* libsepol, likewise: only offline selinuxboolean objects need it. */
#define SEPOL_FUNCS(F) \
	F(sepol_bool_get_name) \
	F(sepol_bool_get_value) \
	F(sepol_bool_iterate) \
	F(sepol_handle_create) \
	F(sepol_handle_destroy) \
	F(sepol_msg_set_callback) \
	F(sepol_policy_file_create) \
	F(sepol_policy_file_free) \
	F(sepol_policy_file_set_handle) \
	F(sepol_policy_file_set_mem) \
	F(sepol_policydb_create) \
	F(sepol_policydb_free) \
	F(sepol_policydb_read) \

#define SEPOL_SYM(f) KS_DL_SYM(SP, f)
_Static_assert(sizeof(KS_SONAME_SEPOL) > 1, "the Makefile found no libsepol");
static struct { SEPOL_FUNCS(KS_DL_SLOT) } SP;
static const struct ks_dl_sym sepol_syms[] = { SEPOL_FUNCS(SEPOL_SYM) };
static struct ks_dl_lib sepol_lib = KS_DL_LIB(KS_SONAME_SEPOL,
    "reading an offline SELinux policy", sepol_syms);

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

/* ---- the target's configuration ----------------------------------------- */

/* A copy of the value after `key` on a "KEY=value" line, trailing blanks
 * removed; NULL when the line is another key. */
static char *
config_value(const char *line, size_t len, const char *key)
{
	size_t k = strlen(key);

	if (len < k || memcmp(line, key, k) != 0)
		return NULL;
	line += k;
	len -= k;
	while (len > 0 && strchr(" \t\r", line[len - 1]) != NULL)
		len--;
	return ks_strndup(line, len);
}

int
plat_selinux_config(struct plat_target *t, char **mode, char **type)
{
	char *data = NULL, *p, *v;
	size_t len = 0;
	int rc;

	*mode = *type = NULL;
	rc = plat_fs_read_file(t, "/etc/selinux/config", SE_CONFIG_MAX, &data,
	    &len);
	if (rc != 0)
		return rc;
	/* selinux_config(5): one KEY=value per line, '#' comments; as in
	 * libselinux, leading blanks are skipped and a later line wins. */
	for (size_t off = 0; off < len; ) {
		char *nl = memchr(data + off, '\n', len - off);
		size_t end = nl != NULL ? (size_t)(nl - data) : len;

		while (off < end && (data[off] == ' ' || data[off] == '\t'))
			off++;
		p = data + off;
		if ((v = config_value(p, end - off, "SELINUX=")) != NULL) {
			free(*mode);
			*mode = v;
		} else if ((v = config_value(p, end - off,
		    "SELINUXTYPE=")) != NULL) {
			free(*type);
			*type = v;
		}
		off = end + 1;
	}
	free(data);
	return 0;
}

/* ---- booleans ------------------------------------------------------------ */

static int
live_booleans(plat_sebool_cb cb, void *payload)
{
	char **names = NULL;
	int n = 0, rc = 0;

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

struct polver {
	unsigned	 best;	/* highest N seen + 1; 0: none */
};

static int
polver_cb(const char *name, enum plat_ftype type, void *payload)
{
	struct polver *pv = payload;
	unsigned long n;
	char *end;

	if ((type != PLAT_FT_REG && type != PLAT_FT_LNK) ||
	    strncmp(name, "policy.", 7) != 0 || name[7] < '0' ||
	    name[7] > '9')
		return 0;
	errno = 0;
	n = strtoul(name + 7, &end, 10);
	if (*end != '\0' || errno != 0 || n >= SE_VERSION_MAX)
		return 0;
	if (n + 1 > pv->best)
		pv->best = (unsigned)n + 1;
	return 0;
}

/*
 * The target's binary policy: /etc/selinux/SELINUXTYPE/policy/policy.N
 * with the highest N. Offline there is no kernel to ask which versions it
 * loads (libselinux picks the highest it supports); the highest present is
 * what the system's tools wrote last. The caller frees *out.
 */
static int
policy_path(struct plat_target *t, char **out)
{
	char *mode = NULL, *type = NULL, *dir = NULL;
	struct polver pv = { 0 };
	int rc;

	*out = NULL;
	if ((rc = plat_selinux_config(t, &mode, &type)) != 0)
		goto out;
	rc = KS_ERROR;
	if (type == NULL || type[0] == '\0') {
		ks_error_set("%s: /etc/selinux/config sets no SELINUXTYPE",
		    plat_target_name(t));
		rc = KS_ENOTFOUND;
		goto out;
	}
	/* A name, never a path out of /etc/selinux. */
	if (strlen(type) > SE_TYPE_MAX || strchr(type, '/') != NULL ||
	    strcmp(type, ".") == 0 || strcmp(type, "..") == 0) {
		ks_error_set("%s: /etc/selinux/config: SELINUXTYPE is not a "
		    "policy name", plat_target_name(t));
		goto out;
	}
	dir = ks_asprintf("/etc/selinux/%s/policy", type);
	if ((rc = plat_fs_list(t, dir, polver_cb, &pv)) != 0)
		goto out;
	if (pv.best == 0) {
		ks_error_set("%s: no binary policy %s/policy.N",
		    plat_target_name(t), dir);
		rc = KS_ENOTFOUND;
		goto out;
	}
	*out = ks_asprintf("%s/policy.%u", dir, pv.best - 1);
	rc = 0;
out:
	free(mode);
	free(type);
	free(dir);
	return rc;
}

struct sepol_walk {
	plat_sebool_cb	 cb;
	void		*payload;
	int		 rc;		/* the cb's non-zero value */
	char		 msg[256];	/* libsepol's last message */
};

__attribute__((format(printf, 3, 4))) static void
sepol_msg_cb(void *varg, sepol_handle_t *h, const char *fmt, ...)
{
	struct sepol_walk *w = varg;
	va_list ap;

	(void)h;
	va_start(ap, fmt);
	(void)vsnprintf(w->msg, sizeof(w->msg), fmt, ap);	/* cut ok */
	va_end(ap);
}

static int
sepol_bool_cb(const sepol_bool_t *sb, void *arg)
{
	struct sepol_walk *w = arg;
	int v = SP.sepol_bool_get_value(sb);
	/*
	 * Offline nothing is pending: a pending value is one set in a running
	 * kernel's selinuxfs and not yet committed. The policy file holds the
	 * value the system boots with (setsebool -P rebuilds it), which is
	 * then both the current and the pending one.
	 */
	struct plat_sebool b = {
		.name = SP.sepol_bool_get_name(sb),
		.active = v != 0,
		.pending = v != 0,
	};

	if (b.name == NULL)
		return 0;
	w->rc = w->cb(&b, w->payload);
	return w->rc != 0 ? 1 : 0;	/* > 0 stops libsepol's walk */
}

static int
offline_booleans(struct plat_target *t, plat_sebool_cb cb, void *payload)
{
	struct sepol_walk w = { .cb = cb, .payload = payload };
	sepol_handle_t *h = NULL;
	sepol_policy_file_t *pf = NULL;
	sepol_policydb_t *db = NULL;
	char *path = NULL, *data = NULL;
	size_t len = 0;
	int rc;

	if ((rc = policy_path(t, &path)) != 0 ||
	    (rc = plat_fs_read_file(t, path, SE_POLICY_MAX, &data,
	    &len)) != 0 || (rc = ks_dl_load(&sepol_lib)) != 0)
		goto out;
	rc = KS_ENOMEM;
	if ((h = SP.sepol_handle_create()) == NULL ||
	    SP.sepol_policy_file_create(&pf) != 0 ||
	    SP.sepol_policydb_create(&db) != 0) {
		ks_error_set("libsepol: out of memory");
		goto out;
	}
	/* Messages are kept for ours, never printed. */
	SP.sepol_msg_set_callback(h, sepol_msg_cb, &w);
	SP.sepol_policy_file_set_mem(pf, data, len);
	SP.sepol_policy_file_set_handle(pf, h);
	if (SP.sepol_policydb_read(db, pf) != 0) {
		ks_error_set("%s: %s: not a binary SELinux policy libsepol "
		    "reads%s%s", plat_target_name(t), path,
		    w.msg[0] != '\0' ? ": " : "", w.msg);
		rc = KS_EPARSE;
		goto out;
	}
	if (SP.sepol_bool_iterate(h, db, sepol_bool_cb, &w) < 0 &&
	    w.rc == 0) {
		ks_error_set("%s: %s: cannot list its booleans%s%s",
		    plat_target_name(t), path, w.msg[0] != '\0' ? ": " : "",
		    w.msg);
		rc = KS_ERROR;
		goto out;
	}
	rc = w.rc;
out:
	if (db != NULL)
		SP.sepol_policydb_free(db);
	if (pf != NULL)
		SP.sepol_policy_file_free(pf);
	if (h != NULL)
		SP.sepol_handle_destroy(h);
	free(data);
	free(path);
	return rc;
}

int
plat_selinux_booleans_foreach(struct plat_target *t, plat_sebool_cb cb,
    void *payload)
{
	if (plat_target_is_live(t))
		return live_booleans(cb, payload);
	return offline_booleans(t, cb, payload);
}

/* ---- security contexts --------------------------------------------------- */

/*
 * The security.selinux attribute of a file of an offline target, raw: the
 * translation to readable levels (mcstrans) is a service of the running
 * system, configured by files that need not match the target's, so raw
 * and "translated" are both the stored context. A file without the
 * attribute is unlabeled: 0 with *raw NULL.
 */
static int
offline_file_context(struct plat_target *t, const char *path, char **raw,
    char **trans)
{
	struct plat_stat st;
	char *v = NULL;
	size_t n = 0;
	int rc;

	rc = plat_fs_getxattr(t, path, "security.selinux", &v, &n);
	if (rc == KS_ENOTFOUND) {
		/* No such attribute, or no such file: lstat tells. */
		if ((rc = plat_fs_lstat(t, path, &st)) != 0)
			return rc;
		ks_error_clear();
		return 0;
	}
	if (rc != 0)
		return rc;
	/* The kernel stores the context with its terminating NUL. */
	while (n > 0 && v[n - 1] == '\0')
		n--;
	if (n == 0 || memchr(v, '\0', n) != NULL || !ks_utf8_valid(v, n) ||
	    memchr(v, ':', n) == NULL) {
		ks_error_set("%s: security.selinux is not a security context",
		    path);
		free(v);
		return KS_EPARSE;
	}
	*raw = v;
	*trans = ks_strdup(v);
	return 0;
}

int
plat_selinux_file_context(struct plat_target *t, const char *path,
    char **raw, char **trans)
{
	char *r = NULL, *tr = NULL;

	*raw = *trans = NULL;
	if (!plat_target_is_live(t))
		return offline_file_context(t, path, raw, trans);
	if (ks_dl_load(&se_lib) != 0)
		return KS_EUNSUPPORTED;
	if (SE.lgetfilecon_raw(path, &r) < 0)
		return errno == ENODATA ? 0 :
		    plat_errno_rc(errno, path, "getxattr security.selinux");
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
