/*
 * sysctl_object: kernel parameters of the running kernel, read from
 * /proc/sys through the host target's file system ("net.ipv4.ip_forward"
 * is /proc/sys/net/ipv4/ip_forward). An offline root has no running
 * kernel: not applicable. Not the sysctl.conf files (textfilecontent).
 */
#include "oval/probe_system_int.h"

#include <stdlib.h>
#include <string.h>

#define SYSCTL_VALUE_MAX	(1u << 20)
#define SYSCTL_MAX_NAMES	100000u
#define SYSCTL_MAX_DEPTH	16

struct sc {
	struct oval_session	*s;
	struct oval_collected	*c;
	bool			 item_errors;
	/* listing */
	probe_sys_name_cb	 cb;
	void			*cbp;
	uint32_t		 nnames;
	int			 stop;
};

/* "/proc/sys/<name with '.' as '/'>"; NULL for a name that could leave
 * /proc/sys ("..", "/"). */
static char *
sysctl_path(const char *name)
{
	char *p, *q;

	if (*name == '\0' || strchr(name, '/') != NULL ||
	    strstr(name, "..") != NULL || *name == '.')
		return NULL;
	p = ks_asprintf("/proc/sys/%s", name);
	for (q = p + 10; *q != '\0'; q++)
		if (*q == '.')
			*q = '/';
	return p;
}

static int
sysctl_item_cb(const char *name, void *payload)
{
	struct sc *d = payload;
	struct oval_item it;
	char *path = sysctl_path(name), *data = NULL;
	size_t len = 0;
	int rc;

	if (path == NULL)
		return 0;
	ks_error_clear();
	rc = plat_fs_read_file(d->s->target, path, SYSCTL_VALUE_MAX, &data,
	    &len);
	free(path);
	if (rc == KS_ENOTFOUND)
		return 0;	/* no such parameter: no item */
	probe_item_init(&it, "unix", "sysctl_item");
	probe_item_add(d->s, &it, "name", name, OVAL_DT_STRING);
	if (rc != 0) {
		/* e.g. write-only or permission-protected parameters
		 * (net.ipv6.route.flush, kernel.cad_pid for non-root). */
		it.status = OVAL_ST_ERROR;
		probe_item_add_status(d->s, &it, "value", OVAL_DT_STRING,
		    OVAL_ST_ERROR);
		probe_item_msg(d->s, &it, "error", "%s", ks_error_msg());
		d->item_errors = true;
	} else {
		/*
		 * The value as `sysctl -n` prints it: the file's text
		 * without its final newline (fields of multi-value
		 * parameters keep their tabs; inner newlines, e.g.
		 * dev.cdrom.info, become spaces so the value is one line).
		 */
		while (len > 0 && data[len - 1] == '\n')
			data[--len] = '\0';
		for (size_t i = 0; i < len; i++)
			if (data[i] == '\n')
				data[i] = ' ';
		probe_item_add(d->s, &it, "value", data, OVAL_DT_STRING);
	}
	free(data);
	probe_item_commit(d->s, d->c, &it);
	return 0;
}

struct walk {
	struct sc	*d;
	const char	*dir;		/* /proc/sys/... */
	const char	*prefix;	/* "net.ipv4" or "" */
	int		 depth;
};

static int walk_dir(struct sc *d, const char *dir, const char *prefix,
    int depth);

static int
walk_cb(const char *name, enum plat_ftype type, void *payload)
{
	struct walk *w = payload;
	char *full, *sub;
	int rc = 0;

	if (strchr(name, '.') != NULL)
		return 0;	/* would be ambiguous as a sysctl name */
	full = w->prefix[0] != '\0' ? ks_asprintf("%s.%s", w->prefix, name) :
	    ks_strdup(name);
	if (type == PLAT_FT_DIR) {
		sub = ks_asprintf("%s/%s", w->dir, name);
		if (w->depth < SYSCTL_MAX_DEPTH)
			rc = walk_dir(w->d, sub, full, w->depth + 1);
		free(sub);
	} else if (type == PLAT_FT_REG &&
	    w->d->nnames++ < SYSCTL_MAX_NAMES) {
		rc = w->d->cb(full, w->d->cbp);
	}
	free(full);
	return rc;
}

static int
walk_dir(struct sc *d, const char *dir, const char *prefix, int depth)
{
	struct walk w = { .d = d, .dir = dir, .prefix = prefix,
	    .depth = depth };
	int rc;

	ks_error_clear();
	rc = plat_fs_list(d->s->target, dir, walk_cb, &w);
	/* Unreadable subtrees (permissions) are skipped, as sysctl -a
	 * does; the callback's own return stops the walk. */
	return rc > 0 || rc == KS_ERROR ? rc : 0;
}

static int
sysctl_all(probe_sys_name_cb cb, void *cbp, void *payload)
{
	struct sc *d = payload;

	d->cb = cb;
	d->cbp = cbp;
	return walk_dir(d, "/proc/sys", "", 0);
}

int
probe_sysctl_collect(struct oval_session *s, const struct oval_object *o,
    struct oval_collected *c)
{
	struct sc d = { .s = s, .c = c };
	const struct oval_entity *name = probe_ent(o, "name");

	if (!plat_target_is_live(s->target))
		return probe_sys_offline(s, c, "sysctl (/proc/sys)");
	if (name == NULL || name->nil) {
		ks_error_set("the name entity is required");
		probe_fail(s, o, c, NULL);
		return 0;
	}
	if (probe_sys_select(s, name, sysctl_all, sysctl_item_cb, &d) < 0) {
		probe_fail(s, o, c, "name");
		return 0;
	}
	probe_finish_flag(s, o, c, d.item_errors, false);
	return 0;
}
