/*
 * libFuzzer target for the dpkg status parser: the input becomes
 * /var/lib/dpkg/status of an in-memory target, which is opened, indexed,
 * listed and queried. Any crash, leak or sanitizer report is a bug; parse
 * errors and caps are expected outcomes.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "platform/platform.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int
touch(const struct plat_pkg *p, void *payload)
{
	size_t *sum = payload;

	/* Read every string the back-end hands out. */
	*sum += strlen(p->name) + strlen(p->epoch) + strlen(p->version) +
	    strlen(p->release) + strlen(p->evr) + strlen(p->full_version);
	if (p->arch != NULL)
		*sum += strlen(p->arch);
	if (p->source != NULL)
		*sum += strlen(p->source);
	return 0;
}

static int
lookup_each(const struct plat_pkg *p, void *payload)
{
	struct plat_pkgdb *db = payload;
	size_t sum = 0;

	return plat_pkgdb_lookup(db, p->name, touch, &sum);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct plat_target *t = NULL;
	struct plat_pkgdb *db = NULL;
	size_t sum = 0;

	ks_log_set_level(KS_LOG_ERROR);
	if (plat_target_mem_new(&t) != 0)
		return 0;
	if (plat_target_mem_add_file(t, "/var/lib/dpkg/status", data, size,
	    0644) == 0 && plat_pkgdb_open(&db, t, "dpkg") == 0) {
		(void)plat_pkgdb_foreach(db, touch, &sum);
		(void)plat_pkgdb_foreach(db, lookup_each, db);
		(void)plat_pkgdb_lookup(db, "", touch, &sum);
		(void)plat_pkgdb_count(db);
		plat_pkgdb_free(db);
	}
	plat_target_free(t);
	return 0;
}
