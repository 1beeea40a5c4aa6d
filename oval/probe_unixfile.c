/*
 * Registration table of the unixfile collector family (see probe_int.h). The
 * collectors themselves are added with this family; until then it lists
 * none, and their object types are "not collected".
 */
#include "oval/probe_int.h"

const struct oval_probe oval_probes_unixfile[] = {
	{ .ns = NULL, .object = NULL, .slot = -1, .collect = NULL },
};
