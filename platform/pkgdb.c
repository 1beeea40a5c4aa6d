/*
 * The package-database family: chooses a back-end by name and is the only
 * caller of struct plat_pkgdb_ops. Parsing lives in the back-ends
 * (pkgdb_dpkg.c); nothing here knows a database format.
 */
#include "platform/plat_int.h"

#include <stdlib.h>
#include <string.h>

static const struct plat_pkgdb_ops *const backends[] = {
	&plat_pkgdb_dpkg_ops,
	&plat_pkgdb_rpm_ops,
};

int
plat_pkgdb_open(struct plat_pkgdb **out, struct plat_target *t,
    const char *kind)
{
	const struct plat_pkgdb_ops *ops = NULL;
	struct plat_pkgdb *db;
	size_t i;
	int rc;

	for (i = 0; kind != NULL && i < sizeof(backends) / sizeof(*backends);
	    i++)
		if (strcmp(backends[i]->name, kind) == 0)
			ops = backends[i];
	if (ops == NULL) {
		ks_error_set("package database kind '%s' is not supported",
		    kind != NULL ? kind : "(null)");
		return KS_EUNSUPPORTED;
	}
	db = ks_calloc(1, sizeof(*db));
	db->ops = ops;
	db->state = ks_calloc(1, ops->state_size ? ops->state_size : 1);
	if ((rc = ops->open(db->state, t)) != 0) {
		free(db->state);
		free(db);
		return rc;
	}
	*out = db;
	return 0;
}

void
plat_pkgdb_free(struct plat_pkgdb *db)
{
	if (db == NULL)
		return;
	if (db->ops->close != NULL)
		db->ops->close(db->state);
	free(db->state);
	free(db);
}

int
plat_pkgdb_lookup(struct plat_pkgdb *db, const char *name, plat_pkg_cb cb,
    void *payload)
{
	if (db->ops->lookup == NULL) {
		ks_error_set("%s: lookup is not supported", db->ops->name);
		return KS_EUNSUPPORTED;
	}
	if (name == NULL)
		return 0;
	return db->ops->lookup(db->state, name, cb, payload);
}

int
plat_pkgdb_foreach(struct plat_pkgdb *db, plat_pkg_cb cb, void *payload)
{
	if (db->ops->foreach == NULL) {
		ks_error_set("%s: listing packages is not supported",
		    db->ops->name);
		return KS_EUNSUPPORTED;
	}
	return db->ops->foreach(db->state, cb, payload);
}

size_t
plat_pkgdb_count(const struct plat_pkgdb *db)
{
	if (db->ops->count == NULL)
		return 0;
	return db->ops->count(db->state);
}
