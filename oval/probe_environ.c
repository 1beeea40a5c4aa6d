/*
 * environmentvariable58_object: environment variables of a process. kensa
 * reads only its own environment (the pid nil case) on the live host; other
 * processes' environments are an error, offline roots not applicable.
 */
#include "oval/probe_int.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

struct env_walk {
	struct oval_session		*s;
	const struct oval_object	*o;
	struct oval_collected		*c;
	const struct oval_entity	*name;
	char				 pid[24];
	int				 err;
};

static int
env_cb(const char *name, const char *value, void *payload)
{
	struct env_walk *w = payload;
	struct oval_item it;
	int r;

	if (w->name != NULL) {
		r = probe_match(w->s, w->name, name);
		if (r < 0) {
			w->err = r;
			return 1;
		}
		if (r == 0)
			return 0;
	}
	/* independent-system-characteristics-schema environmentvariable58_item:
	 * pid, name, value. The pid is the scanning process's own. */
	probe_item_init(&it, "independent", "environmentvariable58_item");
	probe_item_add(w->s, &it, "pid", w->pid, OVAL_DT_INT);
	probe_item_add(w->s, &it, "name", name, OVAL_DT_STRING);
	probe_item_add(w->s, &it, "value", value, OVAL_DT_STRING);
	probe_item_commit(w->s, w->c, &it);
	return 0;
}

int
probe_environ58_collect(struct oval_session *s, const struct oval_object *o,
    struct oval_collected *c)
{
	const struct oval_entity *pid = probe_ent(o, "pid");
	struct env_walk w = { .s = s, .o = o, .c = c };
	int n, rc;

	if (!plat_target_is_live(s->target)) {
		c->flag = OVAL_FLAG_NOT_APPLICABLE;
		oval_collected_msg(s, c, "info", "process environments are not "
		    "available on an offline root (%s)",
		    plat_target_name(s->target));
		return 0;
	}
	n = snprintf(w.pid, sizeof(w.pid), "%ld", (long)getpid());
	if (n < 0 || (size_t)n >= sizeof(w.pid)) {
		ks_error_set("pid does not fit");
		probe_fail(s, o, c, NULL);
		return 0;
	}
	/*
	 * independent-definitions-schema, environmentvariable58_object pid:
	 * "If the xsi:nil attribute is set to true, the process ID shall be
	 * the tool's running process", and the object: "If a tool is unable
	 * to collect the environment variables of another process, an error
	 * must be reported." kensa reads only its own environment, so a pid
	 * that is not nil and not exactly ours is an error.
	 */
	if (pid != NULL && !pid->nil && !(pid->op == OVAL_OP_EQUALS &&
	    pid->var == OVAL_NONE && pid->value != NULL &&
	    strcmp(pid->value, w.pid) == 0)) {
		c->flag = OVAL_FLAG_ERROR;
		oval_collected_msg(s, c, "error", "%s %s: environments of "
		    "other processes than the scanner's own (pid nil) are "
		    "not collected", o->type, o->id);
		return 0;
	}
	w.name = probe_ent(o, "name");
	ks_error_clear();
	rc = plat_environ_foreach(s->target, env_cb, &w);
	if (w.err < 0 || rc < 0) {
		probe_fail(s, o, c, w.err < 0 ? "name" : "environment");
		return 0;
	}
	c->flag = c->nitems > 0 ? OVAL_FLAG_COMPLETE : OVAL_FLAG_DOES_NOT_EXIST;
	return 0;
}
