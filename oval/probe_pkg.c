/*
 * What the package collectors (dpkginfo, rpminfo, rpmverify*) share: the
 * outcome when the target has no usable database, and the selection of
 * packages by an object's name entity. Not the items each builds.
 */
#include "oval/probe_int.h"

#include <stdlib.h>

bool
probe_pkg_usable(struct oval_session *s, const struct oval_object *o,
    struct oval_collected *c, const char *kind, int rc, const char *msg)
{
	if (rc == KS_ENOTFOUND) {
		/*
		 * No such database on the target (an rpm system for dpkg, a
		 * bare root). FlagEnumeration (oval-system-characteristics
		 * 5.11.2): "Another example would be trying to collect an
		 * rpminfo_object on a Linux system if the rpm packaging system
		 * is not installed. If the rpm packaging system is installed
		 * and the specified rpminfo_object could not be found, then
		 * the flag would be 'does not exist'."
		 */
		c->flag = OVAL_FLAG_NOT_APPLICABLE;
		oval_collected_msg(s, c, "info", "no %s database on %s", kind,
		    plat_target_name(s->target));
		return false;
	}
	if (rc < 0) {
		c->flag = OVAL_FLAG_ERROR;
		oval_collected_msg(s, c, "error", "%s %s: %s database: %s",
		    o->type, o->id, kind, msg);
		return false;
	}
	return true;
}

struct sel {
	struct oval_session		*s;
	const struct oval_object	*o;
	struct oval_collected		*c;
	const struct oval_entity	*name;
	bool				 confirm;
	probe_pkg_fn			 fn;
	void				*payload;
	int				 err;
};

static int
sel_cb(const struct plat_pkg *p, void *payload)
{
	struct sel *d = payload;
	int r;

	if (d->confirm) {
		r = probe_match(d->s, d->name, p->name);
		if (r < 0) {
			d->err = r;
			return 1;
		}
		if (r == 0)
			return 0;
	}
	r = d->fn(d->s, d->o, d->c, p, d->payload);
	if (r < 0) {
		d->err = r;
		return 1;
	}
	return 0;
}

int
probe_pkg_select(struct oval_session *s, const struct oval_object *o,
    struct oval_collected *c, struct plat_pkgdb *db, probe_pkg_fn fn,
    void *payload)
{
	struct sel d = { .s = s, .o = o, .c = c, .fn = fn,
	    .payload = payload };
	const char **names = NULL;
	uint32_t n = 0;
	int rc;

	d.name = probe_ent(o, "name");
	if (d.name == NULL || d.name->nil) {
		ks_error_set("the name entity is required");
		return KS_ERROR;
	}
	ks_error_clear();
	rc = probe_ent_literals(s, d.name, &names, &n);
	if (rc == 0) {
		/* A var_ref's values are confirmed with the entity so that
		 * var_check applies. */
		d.confirm = d.name->var != OVAL_NONE;
		for (uint32_t i = 0; i < n && rc == 0 && d.err == 0; i++)
			rc = plat_pkgdb_lookup(db, names[i], sel_cb, &d);
	} else if (rc == KS_EUNSUPPORTED) {
		/* Any other operation: every package is a candidate. */
		d.confirm = true;
		ks_error_clear();
		rc = plat_pkgdb_foreach(db, sel_cb, &d);
	}
	free(names);
	if (d.err < 0)
		return d.err;
	return rc < 0 ? rc : 0;
}
