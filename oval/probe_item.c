/*
 * Helpers every collector uses: building items entity by entity, storing
 * them in the system characteristics, reading an object's entities and
 * behaviors, matching candidates against object entities. Not the file
 * search (probe_files.c) and not any one object's logic.
 */
#include "oval/probe_int.h"

#include <stdio.h>
#include <malloc.h>
#include <stdlib.h>
#include <string.h>

void
probe_item_init(struct oval_item *it, const char *ns, const char *type)
{
	memset(it, 0, sizeof(*it));
	it->ns = ns;
	it->type = type;
	it->status = OVAL_ST_EXISTS;
}

static struct oval_item_ent *
item_push_raw(struct oval_item *it, const char *name, enum oval_datatype dt)
{
	struct oval_item_ent *e;

	/* Grown by doubling, the capacity read back from the allocator: a
	 * file item has 22 entities and a walk makes one per file, and some
	 * probes size the array themselves (the session frees it with
	 * free()). */
	if (it->ents == NULL ||
	    (it->nents + 1) * sizeof(*it->ents) > malloc_usable_size(it->ents))
		it->ents = ks_realloc(it->ents, (it->nents < 8 ? 8 :
		    2 * (size_t)it->nents) * sizeof(*it->ents));
	e = &it->ents[it->nents++];
	memset(e, 0, sizeof(*e));
	e->name = name;
	e->dt = dt;
	e->status = OVAL_ST_EXISTS;
	return e;
}

static struct oval_item_ent *
item_push(struct oval_session *s, struct oval_item *it, const char *name,
    enum oval_datatype dt)
{
	return item_push_raw(it, oval_intern(s, name), dt);
}

void
probe_item_add_raw(struct oval_session *s, struct oval_item *it,
    const char *name, const char *value, enum oval_datatype dt)
{
	(void)s;
	item_push_raw(it, name, dt)->value = value;
}

void
probe_item_add(struct oval_session *s, struct oval_item *it,
    const char *name, const char *value, enum oval_datatype dt)
{
	struct oval_item_ent *e = item_push(s, it, name, dt);

	e->value = oval_intern(s, value);
}

void
probe_item_add_status(struct oval_session *s, struct oval_item *it,
    const char *name, enum oval_datatype dt, enum oval_item_status st)
{
	struct oval_item_ent *e = item_push(s, it, name, dt);

	e->status = st;
}

void
probe_item_msg(struct oval_session *s, struct oval_item *it,
    const char *level, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	oval_msg_vappend(s, &it->msgs, &it->nmsgs, level, fmt, ap);
	va_end(ap);
}

static void
item_append(struct oval_collected *c, uint32_t idx)
{
	/* Grow in powers of two: nitems is the only size we have. */
	if ((c->nitems & (c->nitems - 1)) == 0)
		c->items = ks_realloc(c->items,
		    (c->nitems == 0 ? 1 : 2 * (size_t)c->nitems) *
		    sizeof(*c->items));
	c->items[c->nitems++] = idx;
}

uint32_t
probe_item_commit(struct oval_session *s, struct oval_collected *c,
    struct oval_item *it)
{
	uint32_t before = s->sc.nitems;
	uint32_t idx = oval_sc_add_item(s, it);

	/* An item the session did not have yet cannot be in this object's
	 * list: only a de-duplicated one needs the scan, which keeps objects
	 * with hundreds of thousands of items linear. */
	if (idx >= before)
		item_append(c, idx);
	else
		probe_item_ref(c, idx);
	return idx;
}

void
probe_item_ref(struct oval_collected *c, uint32_t idx)
{
	/* The same item may be selected twice by one object (e.g. a file
	 * reached through two matching paths): reference it once. */
	for (uint32_t i = 0; i < c->nitems; i++)
		if (c->items[i] == idx)
			return;
	item_append(c, idx);
}

const struct oval_entity *
probe_ent(const struct oval_object *o, const char *name)
{
	for (uint32_t i = 0; i < o->nents; i++)
		if (strcmp(o->ents[i].name, name) == 0)
			return &o->ents[i];
	return NULL;
}

const char *
probe_behavior(const struct oval_object *o, const char *name, const char *def)
{
	for (uint32_t i = 0; i < o->nbehaviors; i++)
		if (strcmp(o->behaviors[i].name, name) == 0)
			return o->behaviors[i].value;
	return def;
}

bool
probe_behavior_bool(const struct oval_object *o, const char *name, bool def)
{
	const char *v = probe_behavior(o, name, NULL);

	if (v == NULL)
		return def;
	return strcmp(v, "true") == 0 || strcmp(v, "1") == 0;
}

int
probe_match(struct oval_session *s, const struct oval_entity *e,
    const char *candidate)
{
	enum oval_result r = OVAL_R_ERROR;
	int rc;

	ks_error_clear();
	rc = oval_entity_match(s, e, candidate, &r);
	if (rc < 0 || r == OVAL_R_ERROR) {
		if (ks_error_msg()[0] == '\0')
			ks_error_set("entity '%s': cannot compare '%s' (%s)",
			    e->name, candidate, oval_operation_name(e->op));
		return KS_ERROR;
	}
	return r == OVAL_R_TRUE ? 1 : 0;
}

int
probe_ent_literals(struct oval_session *s, const struct oval_entity *e,
    const char ***vals, uint32_t *n)
{
	const struct oval_values *v;

	*vals = NULL;
	*n = 0;
	if (e->op != OVAL_OP_EQUALS || e->nil)
		return KS_EUNSUPPORTED;
	if (e->var == OVAL_NONE) {
		if (e->value == NULL)
			return KS_EUNSUPPORTED;
		*vals = ks_malloc(sizeof(**vals));
		(*vals)[0] = e->value;
		*n = 1;
		return 0;
	}
	v = oval_var_eval(s, e->var);
	if (v->flag == OVAL_FLAG_ERROR) {
		ks_error_set("entity '%s': variable %s is in error: %s",
		    e->name, s->defs->vars[e->var].id,
		    v->msg != NULL ? v->msg : "no message");
		return KS_ERROR;
	}
	if (v->n > 0) {
		*vals = ks_malloc(v->n * sizeof(**vals));
		memcpy(*vals, v->v, v->n * sizeof(**vals));
	}
	*n = v->n;
	return 0;
}

void
probe_fail(struct oval_session *s, const struct oval_object *o,
    struct oval_collected *c, const char *what)
{
	const char *m = ks_error_msg();

	c->flag = OVAL_FLAG_ERROR;
	oval_collected_msg(s, c, "error", "%s %s: %s%s%s", o->type, o->id,
	    what != NULL ? what : "", what != NULL && m[0] != '\0' ? ": " : "",
	    m);
}

void
probe_finish_flag(struct oval_session *s, const struct oval_object *o,
    struct oval_collected *c, bool item_errors, bool incomplete)
{
	if (item_errors) {
		c->flag = OVAL_FLAG_ERROR;
		oval_collected_msg(s, c, "error", "%s %s: some items could not "
		    "be collected (see their messages)", o->type, o->id);
	} else if (c->nitems == 0 && incomplete) {
		c->flag = OVAL_FLAG_ERROR;
		oval_collected_msg(s, c, "error", "%s %s: the search was cut "
		    "short before any item was found", o->type, o->id);
	} else if (c->nitems == 0)
		c->flag = OVAL_FLAG_DOES_NOT_EXIST;
	else
		c->flag = incomplete ? OVAL_FLAG_INCOMPLETE :
		    OVAL_FLAG_COMPLETE;
}
