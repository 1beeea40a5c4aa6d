/*
 * dpkginfo_object: installed Debian packages selected by name, with every
 * operation the name entity allows (OpenSCAP looks names up as if every
 * operation were equals). The dpkg database is opened and indexed once per
 * session (probe_state slot); parsing it is platform/'s job.
 */
#include "oval/probe_int.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Kept in s->probe_state[PROBE_SLOT_DPKG]: the database, or why there is
 * none, so 6000 objects open it once; and the item already built for each
 * package, since many objects name the same packages. */
struct dpkg_state {
	struct plat_pkgdb	*db;
	int			 rc;	/* plat_pkgdb_open's result */
	char			*msg;
	struct ks_map		*items;	/* "%p" of a plat_pkg -> index + 1 */
};

static void
dpkg_state_free(void *p)
{
	struct dpkg_state *st = p;

	if (st == NULL)
		return;
	plat_pkgdb_free(st->db);
	ks_map_free(st->items);
	free(st->msg);
	free(st);
}

static struct dpkg_state *
dpkg_state(struct oval_session *s)
{
	struct dpkg_state *st = s->probe_state[PROBE_SLOT_DPKG];

	if (st != NULL)
		return st;
	st = ks_calloc(1, sizeof(*st));
	if (ks_map_new(&st->items) < 0)
		st->items = NULL;	/* only a cache */
	ks_error_clear();
	st->rc = plat_pkgdb_open(&st->db, s->target, "dpkg");
	if (st->rc < 0) {
		st->db = NULL;
		st->msg = ks_strdup(ks_error_msg());
	}
	s->probe_state[PROBE_SLOT_DPKG] = st;
	s->probe_free[PROBE_SLOT_DPKG] = dpkg_state_free;
	return st;
}


/* One dpkginfo_item per selected package, built once per session. */
static int
pkg_item(struct oval_session *s, const struct oval_object *o,
    struct oval_collected *c, const struct plat_pkg *p, void *payload)
{
	struct dpkg_state *st = payload;
	struct oval_item it;
	const char *epoch;
	char key[32];
	void *known;
	uint32_t idx;
	int k;

	(void)o;
	/* The packages' strings live as long as the database: the record's
	 * address identifies it. */
	k = snprintf(key, sizeof(key), "%p", (const void *)p);
	if (k < 0 || (size_t)k >= sizeof(key) || st->items == NULL)
		key[0] = '\0';
	else if ((known = ks_map_get(st->items, key)) != NULL) {
		probe_item_ref(c, (uint32_t)((uintptr_t)known - 1));
		return 0;
	}
	/*
	 * linux-system-characteristics-schema dpkginfo_item: name, arch,
	 * epoch, release, version, evr. epoch: "For a null epoch (or
	 * '(none)' as returned by dpkg) the string '(none)' should be used";
	 * evr: "a null epoch ... is equivalent to '0'", so evr always has
	 * one, and its datatype is debian_evr_string (the schema warns that
	 * evr_string compares Debian versions wrongly).
	 */
	epoch = p->full_version != NULL && strchr(p->full_version, ':') ==
	    NULL ? "(none)" : p->epoch;
	probe_item_init(&it, "linux", "dpkginfo_item");
	probe_item_add(s, &it, "name", p->name, OVAL_DT_STRING);
	probe_item_add(s, &it, "arch", p->arch, OVAL_DT_STRING);
	probe_item_add(s, &it, "epoch", epoch, OVAL_DT_STRING);
	probe_item_add(s, &it, "release", p->release, OVAL_DT_STRING);
	probe_item_add(s, &it, "version", p->version, OVAL_DT_STRING);
	probe_item_add(s, &it, "evr", p->evr, OVAL_DT_DEBIAN_EVR_STRING);
	idx = probe_item_commit(s, c, &it);
	if (key[0] != '\0')
		(void)ks_map_put(st->items, key, (void *)((uintptr_t)idx + 1));
	return 0;
}

int
probe_dpkginfo_collect(struct oval_session *s, const struct oval_object *o,
    struct oval_collected *c)
{
	struct dpkg_state *st = dpkg_state(s);

	if (!probe_pkg_usable(s, o, c, "dpkg", st->rc, st->msg))
		return 0;
	if (probe_pkg_select(s, o, c, st->db, pkg_item, st) < 0) {
		probe_fail(s, o, c, "name");
		return 0;
	}
	c->flag = c->nitems > 0 ? OVAL_FLAG_COMPLETE : OVAL_FLAG_DOES_NOT_EXIST;
	return 0;
}
