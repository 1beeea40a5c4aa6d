/*
 * The table of OVAL collectors kensa has: which object types are collected
 * and by which function. Not the collection itself (probe_<family>.c) and
 * not the orchestration (eval_*.c calls oval_probe_find).
 */
#include "oval/probe_int.h"

#include <string.h>

/* Sorted by namespace, then object; the NULL entry ends the list. */
static const struct oval_probe probes[] = {
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

const struct oval_probe *
oval_probe_find(const char *ns, const char *object)
{
	if (ns == NULL || object == NULL)
		return NULL;
	for (const struct oval_probe *p = probes; p->object != NULL; p++)
		if (strcmp(p->ns, ns) == 0 && strcmp(p->object, object) == 0)
			return p;
	return NULL;
}

const struct oval_probe *
oval_probe_list(void)
{
	return probes;
}
