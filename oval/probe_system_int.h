/*
 * Private to the system collector family (oval/probe_system*.c): the
 * collectors that probe_system.c registers, and the helpers they share.
 * Not for use outside oval/probe_system*.c.
 */
#ifndef KS_OVAL_PROBE_SYSTEM_INT_H
#define KS_OVAL_PROBE_SYSTEM_INT_H

#include "oval/probe_int.h"

/* ---- collectors ---------------------------------------------------------- */
int probe_sysctl_collect(struct oval_session *s, const struct oval_object *o,
    struct oval_collected *c);
int probe_sdprop_collect(struct oval_session *s, const struct oval_object *o,
    struct oval_collected *c);
int probe_sddep_collect(struct oval_session *s, const struct oval_object *o,
    struct oval_collected *c);
int probe_partition_collect(struct oval_session *s,
    const struct oval_object *o, struct oval_collected *c);
int probe_process58_collect(struct oval_session *s,
    const struct oval_object *o, struct oval_collected *c);
int probe_interface_collect(struct oval_session *s,
    const struct oval_object *o, struct oval_collected *c);
int probe_runlevel_collect(struct oval_session *s,
    const struct oval_object *o, struct oval_collected *c);
int probe_sebool_collect(struct oval_session *s, const struct oval_object *o,
    struct oval_collected *c);
int probe_sectx_collect(struct oval_session *s, const struct oval_object *o,
    struct oval_collected *c);
int probe_listen_collect(struct oval_session *s, const struct oval_object *o,
    struct oval_collected *c);

/* ---- shared helpers (probe_system.c) ------------------------------------- */
/*
 * Marks c not applicable because `what` is a fact of the running kernel
 * and the target is offline; the message names the target. Returns 0.
 */
int probe_sys_offline(struct oval_session *s, struct oval_collected *c,
    const char *what);
/*
 * Selects candidate names for entity e: calls cb for each literal when e
 * is a plain equals (after confirming var_check through the matcher),
 * otherwise calls `all` (which must call cb for every candidate it knows)
 * and filters with the entity. Returns 0, or a negative code with the
 * message set (bad regex, variable in error). A non-zero cb return stops
 * and is returned.
 */
typedef int (*probe_sys_name_cb)(const char *name, void *payload);
int probe_sys_select(struct oval_session *s, const struct oval_entity *e,
    int (*all)(probe_sys_name_cb cb, void *cbp, void *payload),
    probe_sys_name_cb cb, void *payload);

#endif /* KS_OVAL_PROBE_SYSTEM_INT_H */
