/*
 * uname_object: the live kernel's uname(2) facts. Only the scanning host
 * has them; on a directory root the object is not applicable. Not the
 * os-release facts of system_info (session.c / plat_sysinfo).
 */
#include "oval/probe_int.h"

int
probe_uname_collect(struct oval_session *s, const struct oval_object *o,
    struct oval_collected *c)
{
	struct plat_uname u = { 0 };
	struct oval_item it;
	int rc;

	if (!plat_target_is_live(s->target)) {
		c->flag = OVAL_FLAG_NOT_APPLICABLE;
		oval_collected_msg(s, c, "info",
		    "uname is not available on an offline root (%s)",
		    plat_target_name(s->target));
		return 0;
	}
	ks_error_clear();
	if ((rc = plat_uname(s->target, &u)) < 0) {
		probe_fail(s, o, c, "uname");
		return 0;
	}
	/* unix-system-characteristics-schema uname_item order. */
	probe_item_init(&it, "unix", "uname_item");
	probe_item_add(s, &it, "machine_class", u.machine_class,
	    OVAL_DT_STRING);
	probe_item_add(s, &it, "node_name", u.node_name, OVAL_DT_STRING);
	probe_item_add(s, &it, "os_name", u.os_name, OVAL_DT_STRING);
	probe_item_add(s, &it, "os_release", u.os_release, OVAL_DT_STRING);
	probe_item_add(s, &it, "os_version", u.os_version, OVAL_DT_STRING);
	probe_item_add(s, &it, "processor_type", u.processor_type,
	    OVAL_DT_STRING);
	probe_item_commit(s, c, &it);
	plat_uname_clear(&u);
	c->flag = OVAL_FLAG_COMPLETE;
	return 0;
}
