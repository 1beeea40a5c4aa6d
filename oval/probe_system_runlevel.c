/*
 * runlevel_object: whether a SysV service is started (S links) or killed
 * (K links) in a runlevel, from /etc/rc<N>.d as update-rc.d and chkconfig
 * write them. The links are files, so the live host and an offline root
 * are read the same way. Not the system's current runlevel.
 */
#include "oval/probe_system_int.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

static const char *const levels[] = { "0", "1", "2", "3", "4", "5", "6",
    "S" };
#define NLEVELS (sizeof(levels) / sizeof(levels[0]))
#define RL_MAX_SERVICES 20000u

struct rl {
	struct oval_session		*s;
	const struct oval_object	*o;
	struct oval_collected		*c;
	const struct oval_entity	*svc;
	const char			*level;
	struct ks_map			*names;	/* service -> index + 1 */
	char				**list;
	size_t				 nlist, cap;
	unsigned int			*bits;	/* 1 start, 2 kill */
	size_t				 bcap;
	int				 err;
};

/* "S20ssh": ssh starts in this runlevel; "K01ssh": it is killed. */
static int
rl_entry_cb(const char *name, enum plat_ftype type, void *payload)
{
	struct rl *d = payload;
	const char *svc = name + 1;
	uintptr_t idx;

	if ((name[0] != 'S' && name[0] != 'K') || type == PLAT_FT_DIR)
		return 0;
	while (isdigit((unsigned char)*svc))
		svc++;
	if (svc == name + 1 || *svc == '\0')
		return 0;
	idx = (uintptr_t)ks_map_get(d->names, svc);
	if (idx == 0) {
		if (d->nlist >= RL_MAX_SERVICES)
			return 0;
		ks_grow(&d->list, &d->cap, d->nlist + 1, sizeof(*d->list));
		ks_grow(&d->bits, &d->bcap, d->nlist + 1, sizeof(*d->bits));
		d->list[d->nlist] = ks_strdup(svc);
		d->bits[d->nlist] = 0;
		idx = ++d->nlist;
		(void)ks_map_put(d->names, d->list[idx - 1], (void *)idx);
	}
	d->bits[idx - 1] |= name[0] == 'S' ? 1u : 2u;
	return 0;
}

static int
rl_level_cb(const char *level, void *payload)
{
	struct rl *d = payload;
	char *dir = ks_asprintf("/etc/rc%s.d", level);
	struct plat_stat st;
	int rc;

	d->level = level;
	ks_map_free(d->names);
	d->names = NULL;
	for (size_t i = 0; i < d->nlist; i++)
		free(d->list[i]);
	d->nlist = 0;
	if (ks_map_new(&d->names) < 0 || plat_fs_stat(d->s->target, dir,
	    &st) != 0 || st.type != PLAT_FT_DIR) {
		free(dir);
		return 0;	/* no such runlevel directory */
	}
	ks_error_clear();
	(void)plat_fs_list(d->s->target, dir, rl_entry_cb, d);
	free(dir);
	for (size_t i = 0; i < d->nlist && d->err == 0; i++) {
		unsigned int bits = d->bits[i];
		struct oval_item it;
		int r = probe_match(d->s, d->svc, d->list[i]);

		if (r < 0) {
			d->err = r;
			break;
		}
		if (r == 0)
			continue;
		probe_item_init(&it, "unix", "runlevel_item");
		probe_item_add(d->s, &it, "service_name", d->list[i],
		    OVAL_DT_STRING);
		probe_item_add(d->s, &it, "runlevel", level, OVAL_DT_STRING);
		probe_item_add(d->s, &it, "start", bits & 1u ? "true" :
		    "false", OVAL_DT_BOOLEAN);
		probe_item_add(d->s, &it, "kill", bits & 2u ? "true" :
		    "false", OVAL_DT_BOOLEAN);
		probe_item_commit(d->s, d->c, &it);
	}
	rc = d->err;
	return rc;
}

static int
rl_all(probe_sys_name_cb cb, void *cbp, void *payload)
{
	int rc;

	(void)payload;
	for (size_t i = 0; i < NLEVELS; i++)
		if ((rc = cb(levels[i], cbp)) != 0)
			return rc;
	return 0;
}

int
probe_runlevel_collect(struct oval_session *s, const struct oval_object *o,
    struct oval_collected *c)
{
	struct rl d = { .s = s, .o = o, .c = c };
	const struct oval_entity *lv = probe_ent(o, "runlevel");
	int rc;

	d.svc = probe_ent(o, "service_name");
	if (d.svc == NULL || lv == NULL || d.svc->nil || lv->nil) {
		ks_error_set("the service_name and runlevel entities are "
		    "required");
		probe_fail(s, o, c, NULL);
		return 0;
	}
	rc = probe_sys_select(s, lv, rl_all, rl_level_cb, &d);
	ks_map_free(d.names);
	for (size_t i = 0; i < d.nlist; i++)
		free(d.list[i]);
	free(d.list);
	free(d.bits);
	if (rc < 0 || d.err < 0) {
		probe_fail(s, o, c, "runlevel");
		return 0;
	}
	/* Services are matched against the links that exist: a service
	 * with no link in a runlevel has no item there. */
	probe_finish_flag(s, o, c, false, false);
	return 0;
}
