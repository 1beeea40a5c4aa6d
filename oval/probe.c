/*
 * The table of OVAL collectors kensa has: which object types are collected
 * and by which function. Not the collection itself (probe_<family>.c) and
 * not the orchestration (eval_*.c calls oval_probe_find).
 */
#include "oval/probe_int.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

/* The collectors of this file's families; the NULL entry ends the list. */
static const struct oval_probe probes_core[] = {
	{ .ns = "independent", .object = "environmentvariable58_object",
	  .slot = -1, .collect = probe_environ58_collect },
	{ .ns = "independent", .object = "family_object",
	  .slot = -1, .collect = probe_family_collect },
	{ .ns = "independent", .object = "filehash58_object",
	  .slot = -1, .collect = probe_filehash58_collect },
	{ .ns = "independent", .object = "filehash_object",
	  .slot = -1, .collect = probe_filehash_collect },
	{ .ns = "independent", .object = "textfilecontent54_object",
	  .slot = -1, .collect = probe_textfile54_collect },
	{ .ns = "independent", .object = "textfilecontent_object",
	  .slot = -1, .collect = probe_textfile_collect },
	{ .ns = "independent", .object = "variable_object",
	  .slot = -1, .collect = probe_variable_collect },
	{ .ns = "independent", .object = "xmlfilecontent_object",
	  .slot = -1, .collect = probe_xmlfile_collect },
	{ .ns = "linux", .object = "dpkginfo_object",
	  .slot = PROBE_SLOT_DPKG, .collect = probe_dpkginfo_collect },
	{ .ns = "unix", .object = "uname_object",
	  .slot = -1, .collect = probe_uname_collect },
	{ .ns = NULL, .object = NULL, .slot = -1, .collect = NULL },
};

/*
 * Each family of collectors registers in its own table (probe_int.h), so
 * families are added without touching one shared list. They are merged
 * once, sorted by namespace and object, into the list --version prints.
 */
static const struct oval_probe *const groups[] = {
	probes_core, oval_probes_rpm, oval_probes_unixfile, oval_probes_system,
};
static struct oval_probe *merged;
static size_t nmerged;
static pthread_once_t merge_once = PTHREAD_ONCE_INIT;

static int
probe_cmp(const void *a, const void *b)
{
	const struct oval_probe *x = a, *y = b;
	int c = strcmp(x->ns, y->ns);

	return c != 0 ? c : strcmp(x->object, y->object);
}

static void
merge(void)
{
	size_t n = 0;

	for (size_t g = 0; g < sizeof(groups) / sizeof(groups[0]); g++)
		for (const struct oval_probe *p = groups[g]; p->object; p++)
			n++;
	merged = ks_calloc(n + 1, sizeof(*merged));
	for (size_t g = 0; g < sizeof(groups) / sizeof(groups[0]); g++)
		for (const struct oval_probe *p = groups[g]; p->object; p++)
			merged[nmerged++] = *p;
	qsort(merged, nmerged, sizeof(*merged), probe_cmp);
	merged[nmerged].slot = -1;
}

const struct oval_probe *
oval_probe_find(const char *ns, const char *object)
{
	struct oval_probe key;

	if (ns == NULL || object == NULL)
		return NULL;
	pthread_once(&merge_once, merge);
	key.ns = ns;
	key.object = object;
	return bsearch(&key, merged, nmerged, sizeof(*merged), probe_cmp);
}

const struct oval_probe *
oval_probe_list(void)
{
	pthread_once(&merge_once, merge);
	return merged;
}
