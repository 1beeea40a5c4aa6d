/*
 * Registration table of the system collector family (live kernel and
 * process facts, and systemd units read from their files), and the helpers
 * its collectors share. The collectors are in probe_system_*.c; the facts
 * themselves come from platform/ (sys_*.c) or the target's file system.
 */
#include "oval/probe_system_int.h"

#include <stdlib.h>

const struct oval_probe oval_probes_system[] = {
	{ .ns = "linux", .object = "inetlisteningservers_object",
	  .slot = -1, .collect = probe_listen_collect },
	{ .ns = "linux", .object = "partition_object",
	  .slot = -1, .collect = probe_partition_collect },
	{ .ns = "linux", .object = "selinuxboolean_object",
	  .slot = -1, .collect = probe_sebool_collect },
	{ .ns = "linux", .object = "selinuxsecuritycontext_object",
	  .slot = -1, .collect = probe_sectx_collect },
	{ .ns = "linux", .object = "systemdunitdependency_object",
	  .slot = PROBE_SLOT_SYSTEM, .collect = probe_sddep_collect },
	{ .ns = "linux", .object = "systemdunitproperty_object",
	  .slot = PROBE_SLOT_SYSTEM, .collect = probe_sdprop_collect },
	{ .ns = "unix", .object = "interface_object",
	  .slot = -1, .collect = probe_interface_collect },
	{ .ns = "unix", .object = "process58_object",
	  .slot = -1, .collect = probe_process58_collect },
	{ .ns = "unix", .object = "runlevel_object",
	  .slot = -1, .collect = probe_runlevel_collect },
	{ .ns = "unix", .object = "sysctl_object",
	  .slot = -1, .collect = probe_sysctl_collect },
	{ .ns = NULL, .object = NULL, .slot = -1, .collect = NULL },
};

int
probe_sys_offline(struct oval_session *s, struct oval_collected *c,
    const char *what)
{
	c->flag = OVAL_FLAG_NOT_APPLICABLE;
	oval_collected_msg(s, c, "info", "%s: a fact of the running system, "
	    "not available on an offline target (%s)", what,
	    plat_target_name(s->target));
	return 0;
}

struct sel {
	struct oval_session		*s;
	const struct oval_entity	*e;
	probe_sys_name_cb		 cb;
	void				*payload;
	int				 err;
};

static int
sel_cb(const char *name, void *p)
{
	struct sel *x = p;
	int r = probe_match(x->s, x->e, name);

	if (r < 0) {
		x->err = r;
		return r;
	}
	return r > 0 ? x->cb(name, x->payload) : 0;
}

int
probe_sys_select(struct oval_session *s, const struct oval_entity *e,
    int (*all)(probe_sys_name_cb cb, void *cbp, void *payload),
    probe_sys_name_cb cb, void *payload)
{
	struct sel x = { .s = s, .e = e, .cb = cb, .payload = payload };
	const char **vals = NULL;
	uint32_t n = 0;
	int rc;

	ks_error_clear();
	rc = probe_ent_literals(s, e, &vals, &n);
	if (rc == 0) {
		/* A var_ref's values are confirmed with the entity so its
		 * var_check applies. */
		for (uint32_t i = 0; i < n && rc == 0; i++)
			rc = e->var != OVAL_NONE ? sel_cb(vals[i], &x) :
			    cb(vals[i], payload);
		free(vals);
		return x.err != 0 ? x.err : rc;
	}
	if (rc != KS_EUNSUPPORTED)
		return rc;
	ks_error_clear();
	rc = all(sel_cb, &x, payload);
	return x.err != 0 ? x.err : rc;
}
