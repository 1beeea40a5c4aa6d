/*
 * variable_object: the values of an OVAL variable as an item, so a
 * variable_test can check them with a state. The values come from
 * oval_var_eval (eval_*.c); this file only turns them into items.
 */
#include "oval/probe_int.h"

#include <string.h>

/* One variable_item: var_ref (the id), then one value per value, in the
 * order of independent-system-characteristics-schema's variable_item. */
static void
var_item(struct oval_session *s, const struct oval_object *o,
    struct oval_collected *c, uint32_t var)
{
	const struct oval_variable *v = &s->defs->vars[var];
	const struct oval_values *vals = oval_var_eval(s, var);
	struct oval_item it;

	if (vals->flag == OVAL_FLAG_ERROR) {
		c->flag = OVAL_FLAG_ERROR;
		oval_collected_msg(s, c, "error", "%s %s: variable %s: %s",
		    o->type, o->id, v->id,
		    vals->msg != NULL ? vals->msg : "error");
		return;
	}
	if (vals->n == 0) {
		/* A variable without values gives nothing to represent. */
		oval_collected_msg(s, c, "info",
		    "variable %s has no values%s%s", v->id,
		    vals->msg != NULL ? ": " : "",
		    vals->msg != NULL ? vals->msg : "");
		return;
	}
	probe_item_init(&it, "independent", "variable_item");
	probe_item_add(s, &it, "var_ref", v->id, OVAL_DT_STRING);
	for (uint32_t i = 0; i < vals->n; i++)
		probe_item_add(s, &it, "value", vals->v[i], vals->dt);
	if (vals->flag == OVAL_FLAG_INCOMPLETE && c->flag == OVAL_FLAG_COMPLETE)
		c->flag = OVAL_FLAG_INCOMPLETE;
	probe_item_commit(s, c, &it);
}

int
probe_variable_collect(struct oval_session *s, const struct oval_object *o,
    struct oval_collected *c)
{
	const struct oval_entity *e = probe_ent(o, "var_ref");
	uint32_t var = o->var_ref_var;

	c->flag = OVAL_FLAG_COMPLETE;
	if (var == OVAL_NONE && e != NULL && e->op == OVAL_OP_EQUALS &&
	    e->var == OVAL_NONE && e->value != NULL)
		var = oval_defs_find(s->defs->var_ids, e->value);
	if (var != OVAL_NONE) {
		var_item(s, o, c, var);
	} else if (e != NULL && (e->op != OVAL_OP_EQUALS ||
	    e->var != OVAL_NONE)) {
		/* var_ref with another operation (or itself from a variable)
		 * selects every variable whose id matches. */
		for (uint32_t i = 0; i < s->defs->nvars &&
		    c->flag != OVAL_FLAG_ERROR; i++) {
			int r = probe_match(s, e, s->defs->vars[i].id);

			if (r < 0)
				probe_fail(s, o, c, "var_ref");
			else if (r == 1)
				var_item(s, o, c, i);
		}
	} else {
		ks_error_set("no variable '%s' in the document",
		    e != NULL && e->value != NULL ? e->value : "(none)");
		probe_fail(s, o, c, "var_ref");
		return 0;
	}
	if (c->flag != OVAL_FLAG_ERROR && c->nitems == 0)
		c->flag = OVAL_FLAG_DOES_NOT_EXIST;
	return 0;
}
