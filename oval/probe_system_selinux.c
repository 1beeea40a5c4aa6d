/*
 * selinuxboolean_object and selinuxsecuritycontext_object
 * (platform/sys_selinux.c): on the live host through libselinux, on an
 * offline root or image from what its files hold (the booleans of its
 * binary policy, the security.selinux attributes of its files). Where
 * SELinux is not enabled (or an offline target does not configure it) both
 * are not applicable with a message, as are process contexts offline.
 */
#include "oval/probe_system_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/*
 * Whether SELinux applies to the target: enabled on the live host, or
 * configured by an offline target's /etc/selinux/config (selinux_config(5):
 * SELINUX=disabled turns it off). Returns 1, or 0 after marking c not
 * applicable (or failed, when the configuration cannot be read).
 */
static int
se_applies(struct oval_session *s, const struct oval_object *o,
    struct oval_collected *c)
{
	char *mode = NULL, *type = NULL;
	bool disabled;
	int rc;

	if (plat_target_is_live(s->target)) {
		if (plat_selinux_enabled(s->target) > 0)
			return 1;
		c->flag = OVAL_FLAG_NOT_APPLICABLE;
		oval_collected_msg(s, c, "info",
		    "SELinux is not enabled on this system");
		return 0;
	}
	ks_error_clear();
	rc = plat_selinux_config(s->target, &mode, &type);
	disabled = mode != NULL && strcmp(mode, "disabled") == 0;
	free(mode);
	free(type);
	if (rc == KS_ENOTFOUND) {
		c->flag = OVAL_FLAG_NOT_APPLICABLE;
		oval_collected_msg(s, c, "info", "SELinux is not configured "
		    "on %s (no /etc/selinux/config)",
		    plat_target_name(s->target));
		return 0;
	}
	if (rc != 0) {
		probe_fail(s, o, c, NULL);
		return 0;
	}
	if (disabled) {
		c->flag = OVAL_FLAG_NOT_APPLICABLE;
		oval_collected_msg(s, c, "info", "SELinux is disabled in "
		    "/etc/selinux/config of %s", plat_target_name(s->target));
		return 0;
	}
	return 1;
}

/* ---- selinuxboolean_object ----------------------------------------------- */
struct seb {
	struct oval_session		*s;
	const struct oval_object	*o;
	struct oval_collected		*c;
	const struct oval_entity	*name;
	int				 err;
};

static int
seb_cb(const struct plat_sebool *b, void *payload)
{
	struct seb *d = payload;
	struct oval_item it;
	int r = probe_match(d->s, d->name, b->name);

	if (r < 0) {
		d->err = r;
		return r;
	}
	if (r == 0)
		return 0;
	probe_item_init(&it, "linux", "selinuxboolean_item");
	probe_item_add(d->s, &it, "name", b->name, OVAL_DT_STRING);
	if (b->active >= 0)
		probe_item_add(d->s, &it, "current_status", b->active ?
		    "true" : "false", OVAL_DT_BOOLEAN);
	else
		probe_item_add_status(d->s, &it, "current_status",
		    OVAL_DT_BOOLEAN, OVAL_ST_ERROR);
	if (b->pending >= 0)
		probe_item_add(d->s, &it, "pending_status", b->pending ?
		    "true" : "false", OVAL_DT_BOOLEAN);
	else
		probe_item_add_status(d->s, &it, "pending_status",
		    OVAL_DT_BOOLEAN, OVAL_ST_ERROR);
	probe_item_commit(d->s, d->c, &it);
	return 0;
}

int
probe_sebool_collect(struct oval_session *s, const struct oval_object *o,
    struct oval_collected *c)
{
	struct seb d = { .s = s, .o = o, .c = c };
	int rc;

	if (se_applies(s, o, c) <= 0)
		return 0;
	d.name = probe_ent(o, "name");
	if (d.name == NULL || d.name->nil) {
		ks_error_set("the name entity is required");
		probe_fail(s, o, c, NULL);
		return 0;
	}
	ks_error_clear();
	rc = plat_selinux_booleans_foreach(s->target, seb_cb, &d);
	if (rc < 0 || d.err < 0) {
		probe_fail(s, o, c, "name");
		return 0;
	}
	probe_finish_flag(s, o, c, false, false);
	if (!plat_target_is_live(s->target))
		oval_collected_msg(s, c, "info", "booleans of the binary "
		    "policy of %s: current and pending are the value it "
		    "boots with", plat_target_name(s->target));
	return 0;
}

/* ---- selinuxsecuritycontext_object --------------------------------------- */
/*
 * Adds user, role, type and the level parts of "user:role:type[:level]",
 * level "low[-high]" with each "sensitivity[:categories]".
 */
static void
ctx_parts(struct oval_session *s, struct oval_item *it, const char *ctx,
    const char *prefix, bool names)
{
	char *dup = ks_strdup(ctx), *f[3] = { NULL, NULL, NULL };
	char *p = dup, *level = NULL, *low, *high, *cat, name[64];
	int i;

	for (i = 0; i < 3 && p != NULL; i++) {
		f[i] = p;
		p = strchr(p, ':');
		if (p != NULL)
			*p++ = '\0';
	}
	level = p;
	if (names) {
		probe_item_add(s, it, "user", f[0], OVAL_DT_STRING);
		probe_item_add(s, it, "role", f[1], OVAL_DT_STRING);
		probe_item_add(s, it, "type", f[2], OVAL_DT_STRING);
	}
	low = level;
	high = level != NULL ? strchr(level, '-') : NULL;
	if (high != NULL)
		*high++ = '\0';
	else
		high = low;
	for (i = 0; i < 2; i++) {
		char *part = i == 0 ? low : high, *sens = NULL;

		if (part != NULL) {
			sens = ks_strdup(part);
			cat = strchr(sens, ':');
			if (cat != NULL)
				*cat++ = '\0';
		} else
			cat = NULL;
		(void)snprintf(name, sizeof(name), "%s%s_sensitivity", prefix,
		    i == 0 ? "low" : "high");
		if (sens != NULL)
			probe_item_add(s, it, name, sens, OVAL_DT_STRING);
		else
			probe_item_add_status(s, it, name, OVAL_DT_STRING,
			    OVAL_ST_DOES_NOT_EXIST);
		(void)snprintf(name, sizeof(name), "%s%s_category", prefix,
		    i == 0 ? "low" : "high");
		if (cat != NULL)
			probe_item_add(s, it, name, cat, OVAL_DT_STRING);
		else
			probe_item_add_status(s, it, name, OVAL_DT_STRING,
			    OVAL_ST_DOES_NOT_EXIST);
		free(sens);
	}
	free(dup);
}

struct sec {
	struct oval_session		*s;
	const struct oval_object	*o;
	struct oval_collected		*c;
	bool				 item_errors;
	bool				 use_filepath;
};

static void
sec_item(struct sec *d, const char *filepath, const char *path,
    const char *filename, const char *pid, const char *raw,
    const char *trans, const char *err)
{
	struct oval_item it;

	probe_item_init(&it, "linux", "selinuxsecuritycontext_item");
	if (filepath != NULL && d->use_filepath)
		probe_item_add(d->s, &it, "filepath", filepath,
		    OVAL_DT_STRING);
	if (path != NULL) {
		probe_item_add(d->s, &it, "path", path, OVAL_DT_STRING);
		probe_item_add(d->s, &it, "filename", filename,
		    OVAL_DT_STRING);
	}
	if (pid != NULL)
		probe_item_add(d->s, &it, "pid", pid, OVAL_DT_INT);
	if (err != NULL) {
		it.status = OVAL_ST_ERROR;
		probe_item_msg(d->s, &it, "error", "%s", err);
		d->item_errors = true;
	} else if (raw == NULL) {
		/*
		 * A file without a security.selinux attribute has no context:
		 * "A status of 'does not exist' says that the item or
		 * specific piece of information does not exist ... This can
		 * happen ... if the information for that entity is not set"
		 * (oval-system-characteristics-schema StatusEnumeration).
		 * The file, the item, exists.
		 */
		static const char *const ents[] = { "user", "role", "type",
		    "low_sensitivity", "low_category", "high_sensitivity",
		    "high_category", "rawlow_sensitivity", "rawlow_category",
		    "rawhigh_sensitivity", "rawhigh_category" };

		for (size_t i = 0; i < sizeof(ents) / sizeof(*ents); i++)
			probe_item_add_status(d->s, &it, ents[i],
			    OVAL_DT_STRING, OVAL_ST_DOES_NOT_EXIST);
		probe_item_msg(d->s, &it, "info", "%s has no security "
		    "context (no security.selinux attribute)", filepath);
	} else {
		ctx_parts(d->s, &it, trans, "", true);
		ctx_parts(d->s, &it, raw, "raw", false);
	}
	probe_item_commit(d->s, d->c, &it);
}

static int
sec_file_cb(const char *filepath, const char *path, const char *filename,
    void *payload)
{
	struct sec *d = payload;
	char *raw = NULL, *trans = NULL;

	ks_error_clear();
	if (plat_selinux_file_context(d->s->target, filepath, &raw,
	    &trans) != 0)
		sec_item(d, filepath, path, filename, NULL, NULL, NULL,
		    ks_error_msg());
	else
		sec_item(d, filepath, path, filename, NULL, raw, trans, NULL);
	free(raw);
	free(trans);
	return 0;
}

int
probe_sectx_collect(struct oval_session *s, const struct oval_object *o,
    struct oval_collected *c)
{
	struct sec d = { .s = s, .o = o, .c = c };
	struct probe_files_result res = { 0 };
	const struct oval_entity *pid = probe_ent(o, "pid");
	const char **vals = NULL;
	uint32_t n = 0;
	int rc;

	if (pid != NULL && !plat_target_is_live(s->target)) {
		c->flag = OVAL_FLAG_NOT_APPLICABLE;
		oval_collected_msg(s, c, "info", "process security contexts "
		    "exist only on a running system, not on %s",
		    plat_target_name(s->target));
		return 0;
	}
	if (se_applies(s, o, c) <= 0)
		return 0;
	if (pid != NULL) {
		/* pid entities: literal pids only (nil: this process). */
		char buf[32];

		if (pid->nil) {
			(void)snprintf(buf, sizeof(buf), "%ld",
			    (long)getpid());
			vals = ks_malloc(sizeof(*vals));
			vals[0] = buf;
			n = 1;
			rc = 0;
		} else
			rc = probe_ent_literals(s, pid, &vals, &n);
		if (rc != 0) {
			if (rc == KS_EUNSUPPORTED)
				ks_error_set("pid: only equals is supported");
			probe_fail(s, o, c, "pid");
			return 0;
		}
		for (uint32_t i = 0; i < n; i++) {
			char *raw = NULL, *trans = NULL;

			ks_error_clear();
			rc = plat_selinux_pid_context(s->target,
			    strtol(vals[i], NULL, 10), &raw, &trans);
			if (rc == 0)
				sec_item(&d, NULL, NULL, NULL, vals[i], raw,
				    trans, NULL);
			else if (rc != KS_ENOTFOUND)
				sec_item(&d, NULL, NULL, NULL, vals[i], NULL,
				    NULL, ks_error_msg());
			free(raw);
			free(trans);
		}
		free(vals);
		probe_finish_flag(s, o, c, d.item_errors, false);
		return 0;
	}
	d.use_filepath = probe_ent(o, "filepath") != NULL;
	rc = probe_files_foreach(s, o, c, sec_file_cb, &d, &res);
	if (rc < 0) {
		probe_fail(s, o, c, NULL);
		return 0;
	}
	probe_finish_flag(s, o, c, d.item_errors, res.incomplete);
	/* sys_selinux.c: offline contexts are raw, not translated. */
	if (!plat_target_is_live(s->target))
		oval_collected_msg(s, c, "info", "contexts read from the "
		    "security.selinux attributes of %s, untranslated: the "
		    "translated entities hold the raw context",
		    plat_target_name(s->target));
	return 0;
}
