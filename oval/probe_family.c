/*
 * family_object: the operating-system family of the target. kensa scans
 * Linux hosts and Linux directory roots, which are all "unix". Not the
 * system_info facts of the system characteristics (session.c).
 */
#include "oval/probe_int.h"

/*
 * independent-definitions-schema, family_object: "The family_object
 * element is used by a family test to define those objects to evaluate
 * based on a specified state. There is actually only one object relating
 * to family and this is the system as a whole." One item, always.
 */
int
probe_family_collect(struct oval_session *s, const struct oval_object *o,
    struct oval_collected *c)
{
	struct oval_item it;

	probe_item_init(&it, "independent", "family_item");
	/* Every target kind kensa has (host, root, in-memory) holds a Linux
	 * file system: the family is unix, never windows. */
	probe_item_add(s, &it, "family", "unix", OVAL_DT_STRING);
	probe_item_commit(s, c, &it);
	c->flag = OVAL_FLAG_COMPLETE;
	return 0;
}
