/*
 * Object collection as the evaluator sees it: each object once per session,
 * sets (UNION / INTERSECTION / COMPLEMENT, nested), filters, the var_ref
 * rules for object entities, then the probe for the object type. Not the
 * collectors themselves (probe_*.c) nor the system-characteristics reader.
 */
#include "oval/eval_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* An item index list being built. */
struct ilist {
	uint32_t	*v;
	uint32_t	 n;
	size_t		 cap;
};

static void
il_add(struct ilist *l, uint32_t x)
{
	ks_grow(&l->v, &l->cap, (size_t)l->n + 1, sizeof(*l->v));
	l->v[l->n++] = x;
}

static bool
il_has(const uint32_t *v, uint32_t n, uint32_t x)
{
	for (uint32_t i = 0; i < n; i++)
		if (v[i] == x)
			return true;
	return false;
}

/* Adds x unless present (sets hold unique items; "with the duplicates
 * removed", SetOperatorEnumeration). */
static void
il_add_unique(struct ilist *l, uint32_t x)
{
	if (!il_has(l->v, l->n, x))
		il_add(l, x);
}

/*
 * The flag tables of SetOperatorEnumeration (OVAL 5.11.2 definitions
 * schema), indexed [obj 2 flag][obj 1 flag] in the order E, C, I, DNE, NC,
 * NA, which is also the order of enum oval_flag.
 */
#define E_ OVAL_FLAG_ERROR
#define C_ OVAL_FLAG_COMPLETE
#define I_ OVAL_FLAG_INCOMPLETE
#define D_ OVAL_FLAG_DOES_NOT_EXIST
#define N_ OVAL_FLAG_NOT_COLLECTED
#define A_ OVAL_FLAG_NOT_APPLICABLE
static const enum oval_flag set_union[6][6] = {
	/* obj2 E   */ { E_, E_, E_, E_, E_, E_ },
	/* obj2 C   */ { E_, C_, I_, C_, I_, C_ },
	/* obj2 I   */ { E_, I_, I_, I_, I_, I_ },
	/* obj2 DNE */ { E_, C_, I_, D_, I_, D_ },
	/* obj2 NC  */ { E_, I_, I_, I_, N_, N_ },
	/* obj2 NA  */ { E_, C_, I_, D_, N_, A_ },
};
static const enum oval_flag set_intersection[6][6] = {
	/* obj2 E   */ { E_, E_, E_, D_, E_, E_ },
	/* obj2 C   */ { E_, C_, I_, D_, N_, C_ },
	/* obj2 I   */ { E_, I_, I_, D_, N_, I_ },
	/* obj2 DNE */ { D_, D_, D_, D_, D_, D_ },
	/* obj2 NC  */ { E_, N_, N_, D_, N_, N_ },
	/* obj2 NA  */ { E_, C_, I_, D_, N_, A_ },
};
static const enum oval_flag set_complement[6][6] = {
	/* obj2 E   */ { E_, E_, E_, D_, E_, E_ },
	/* obj2 C   */ { E_, C_, I_, D_, N_, E_ },
	/* obj2 I   */ { E_, E_, E_, D_, N_, E_ },
	/* obj2 DNE */ { E_, C_, I_, D_, N_, E_ },
	/* obj2 NC  */ { E_, N_, N_, D_, N_, E_ },
	/* obj2 NA  */ { E_, E_, E_, E_, E_, E_ },
};
#undef E_
#undef C_
#undef I_
#undef D_
#undef N_
#undef A_

enum oval_flag
oval_eval_set_flag(enum oval_set_op op, enum oval_flag a, enum oval_flag b)
{
	if ((unsigned)a >= 6 || (unsigned)b >= 6)
		return OVAL_FLAG_ERROR;
	switch (op) {
	case OVAL_SET_UNION:
		return set_union[b][a];
	case OVAL_SET_INTERSECTION:
		return set_intersection[b][a];
	case OVAL_SET_COMPLEMENT:
		return set_complement[b][a];
	}
	return OVAL_FLAG_ERROR;
}

/*
 * Filters (the filter element): "exclude ... all items that match the
 * filter shall be excluded"; "include ... only items that match the filter
 * shall be included". Several filters apply one after the other.
 */
int
oval_eval_filters(struct oval_session *s, const struct oval_filter *f,
    uint32_t nf, uint32_t *items, uint32_t *nitems)
{
	for (uint32_t i = 0; i < nf; i++) {
		uint32_t keep = 0;

		for (uint32_t j = 0; j < *nitems; j++) {
			enum oval_result r;

			r = oval_eval_state_item(s, f[i].state,
			    &s->sc.items[items[j]]);
			if (r != OVAL_R_TRUE && r != OVAL_R_FALSE) {
				ks_error_set("filter %s on item %u: %s",
				    f[i].state < s->defs->nstates ?
				    s->defs->states[f[i].state].id : "?",
				    s->sc.items[items[j]].id,
				    oval_result_name(r));
				*nitems = keep + (*nitems - j);
				memmove(items + keep, items + j,
				    (*nitems - keep) * sizeof(*items));
				return KS_ERROR;
			}
			if ((r == OVAL_R_TRUE) != f[i].exclude)
				items[keep++] = items[j];
		}
		*nitems = keep;
	}
	return 0;
}

/* The result of one set operand: items and flag. */
struct operand {
	struct ilist		items;
	enum oval_flag		flag;
};

static void collect_set(struct oval_session *s, const struct oval_set *set,
    struct oval_collected *c, struct operand *res);

static void
collect_ref(struct oval_session *s, const struct oval_set *set, uint32_t obj,
    struct oval_collected *c, struct operand *res)
{
	const struct oval_collected *oc;

	memset(res, 0, sizeof(*res));
	if (obj >= s->defs->nobjects) {
		res->flag = OVAL_FLAG_ERROR;
		oval_collected_msg(s, c, "error", "set refers to a missing "
		    "object");
		return;
	}
	oc = oval_object_collect(s, obj);
	res->flag = oc->flag;
	for (uint32_t i = 0; i < oc->nitems; i++)
		il_add_unique(&res->items, oc->items[i]);
	if (oc->flag == OVAL_FLAG_ERROR ||
	    oc->flag == OVAL_FLAG_NOT_COLLECTED)
		oval_collected_msg(s, c, "error", "object %s: %s",
		    s->defs->objects[obj].id, oc->nmsgs > 0 ?
		    oc->msgs[0].text : oval_flag_name(oc->flag));
	/* "Each filter is applied to the items identified by each OVAL
	 * Object before the set_operator is applied." */
	if (oval_eval_filters(s, set->filters, set->nfilters, res->items.v,
	    &res->items.n) < 0) {
		res->flag = OVAL_FLAG_ERROR;
		oval_collected_msg(s, c, "error", "%s", ks_error_msg());
	}
}

static void
combine(enum oval_set_op op, struct operand *a, struct operand *b,
    struct operand *res)
{
	memset(res, 0, sizeof(*res));
	res->flag = oval_eval_set_flag(op, a->flag, b->flag);
	switch (op) {
	case OVAL_SET_UNION:
		for (uint32_t i = 0; i < a->items.n; i++)
			il_add_unique(&res->items, a->items.v[i]);
		for (uint32_t i = 0; i < b->items.n; i++)
			il_add_unique(&res->items, b->items.v[i]);
		break;
	case OVAL_SET_INTERSECTION:
		for (uint32_t i = 0; i < a->items.n; i++)
			if (il_has(b->items.v, b->items.n, a->items.v[i]))
				il_add_unique(&res->items, a->items.v[i]);
		break;
	case OVAL_SET_COMPLEMENT:
		for (uint32_t i = 0; i < a->items.n; i++)
			if (!il_has(b->items.v, b->items.n, a->items.v[i]))
				il_add_unique(&res->items, a->items.v[i]);
		break;
	}
}

static void
collect_set(struct oval_session *s, const struct oval_set *set,
    struct oval_collected *c, struct operand *res)
{
	struct operand ops[2];
	uint32_t n = 0;

	memset(res, 0, sizeof(*res));
	memset(ops, 0, sizeof(ops));
	if (set->nsets > 0) {
		for (uint8_t i = 0; i < set->nsets && i < 2; i++)
			collect_set(s, set->sets[i], c, &ops[n++]);
	} else {
		for (uint8_t i = 0; i < set->nobjs && i < 2; i++)
			collect_ref(s, set, set->objs[i], c, &ops[n++]);
	}
	if (n == 0) {
		res->flag = OVAL_FLAG_ERROR;
		oval_collected_msg(s, c, "error", "empty set");
		return;
	}
	/* "For each operator, if only a single object has been supplied,
	 * then the resulting set is simply that complete object." */
	if (n == 1) {
		*res = ops[0];
		return;
	}
	combine(set->op, &ops[0], &ops[1], res);
	free(ops[0].items.v);
	free(ops[1].items.v);
}

/* A stable collected object for a caller caught in a cycle: the object
 * itself is still being collected further up the stack. */
static _Thread_local struct oval_collected cycle_col[8];
static _Thread_local struct oval_message cycle_msg[8];
static _Thread_local unsigned cycle_next;

static const struct oval_collected *
cycle_result(struct oval_session *s, uint32_t obj)
{
	unsigned k = cycle_next++ % 8;
	char *chain = oval_eval_chain(s, OVAL_EK_OBJ, obj);
	char *m = ks_asprintf("object %s depends on itself: %s",
	    s->defs->objects[obj].id, chain);

	memset(&cycle_col[k], 0, sizeof(cycle_col[k]));
	cycle_col[k].done = true;
	cycle_col[k].flag = OVAL_FLAG_ERROR;
	cycle_msg[k].level = oval_intern(s, "error");
	cycle_msg[k].text = oval_intern(s, m);
	cycle_col[k].msgs = &cycle_msg[k];
	cycle_col[k].nmsgs = 1;
	free(m);
	free(chain);
	return &cycle_col[k];
}

/*
 * The var_ref rule for object entities (EntityAttributeGroup var_ref): "If
 * there is an error computing the value of the variable, then that error
 * should be passed up"; "If the variable being referenced does not have a
 * value ... the object element referencing it is considered to not exist."
 * Returns the flag the object gets without collecting, or COMPLETE (or
 * INCOMPLETE when a variable's values are incomplete) to go on.
 */
static enum oval_flag
check_vars(struct oval_session *s, const struct oval_entity *ents,
    uint32_t nents, struct oval_collected *c)
{
	enum oval_flag f = OVAL_FLAG_COMPLETE;

	for (uint32_t i = 0; i < nents; i++) {
		const struct oval_entity *e = &ents[i];
		const struct oval_values *v;
		enum oval_flag g;

		if (e->nfields > 0 && (g = check_vars(s, e->fields, e->nfields,
		    c)) != OVAL_FLAG_COMPLETE) {
			if (g != OVAL_FLAG_INCOMPLETE)
				return g;
			f = g;
		}
		if (e->var == OVAL_NONE)
			continue;
		v = oval_var_eval(s, e->var);
		switch (v->flag) {
		case OVAL_FLAG_ERROR:
		case OVAL_FLAG_NOT_COLLECTED:
		case OVAL_FLAG_NOT_APPLICABLE:
			oval_collected_msg(s, c, v->flag == OVAL_FLAG_ERROR ?
			    "error" : "info", "variable %s: %s",
			    oval_eval_id(s, OVAL_EK_VAR, e->var),
			    v->msg != NULL ? v->msg : oval_flag_name(v->flag));
			return v->flag;
		default:
			break;
		}
		if (v->n == 0) {
			oval_collected_msg(s, c, "info", "variable %s has no "
			    "value: the object does not exist",
			    oval_eval_id(s, OVAL_EK_VAR, e->var));
			return OVAL_FLAG_DOES_NOT_EXIST;
		}
		if (v->flag == OVAL_FLAG_INCOMPLETE)
			f = OVAL_FLAG_INCOMPLETE;
	}
	return f;
}

static void
collect_plain(struct oval_session *s, uint32_t obj, struct oval_collected *c)
{
	const struct oval_object *o = &s->defs->objects[obj];
	const struct oval_probe *p;
	enum oval_flag vf;
	double t0;
	int rc;

	vf = check_vars(s, o->ents, o->nents, c);
	if (vf != OVAL_FLAG_COMPLETE && vf != OVAL_FLAG_INCOMPLETE) {
		c->flag = vf;
		return;
	}
	p = oval_probe_find(o->ns, o->type);
	if (p == NULL || p->collect == NULL) {
		c->flag = OVAL_FLAG_NOT_COLLECTED;
		oval_collected_msg(s, c, "warning", "object type %s:%s is not "
		    "supported by kensa", o->ns != NULL ? o->ns : "?",
		    o->type != NULL ? o->type : "?");
		return;
	}
	c->flag = OVAL_FLAG_COMPLETE;
	ks_error_clear();
	/* -v -v tells where a slow scan spends its time, object by object. */
	t0 = ks_log_get_level() >= KS_LOG_DEBUG ? ks_time_mono() : 0;
	rc = p->collect(s, o, c);
	if (t0 > 0)
		ks_debug("%s: %s collected in %.3f s, %u items", o->id,
		    o->type != NULL ? o->type : "?", ks_time_mono() - t0,
		    c->nitems);
	if (rc < 0) {
		c->flag = OVAL_FLAG_ERROR;
		oval_collected_msg(s, c, "error", "%s", ks_error_msg()[0] ?
		    ks_error_msg() : ks_strerror(rc));
		return;
	}
	if (vf == OVAL_FLAG_INCOMPLETE && c->flag == OVAL_FLAG_COMPLETE)
		c->flag = OVAL_FLAG_INCOMPLETE;
}

const struct oval_collected *
oval_object_collect(struct oval_session *s, uint32_t obj)
{
	static const struct oval_message badmsg = {
		"error", "reference to a missing object"
	};
	static const struct oval_collected bad = {
		.done = true, .flag = OVAL_FLAG_ERROR,
		.msgs = (struct oval_message *)&badmsg, .nmsgs = 1,
	};
	const struct oval_object *o;
	struct oval_collected *c;

	if (obj >= s->defs->nobjects)
		return &bad;
	c = &s->sc.objs[obj];
	if (c->done)
		return c;
	o = &s->defs->objects[obj];
	if (s->sc_loaded) {
		/* Analysing recorded characteristics: what is not in the
		 * file was not collected. */
		c->done = true;
		c->flag = OVAL_FLAG_NOT_COLLECTED;
		oval_collected_msg(s, c, "warning", "object %s is not in the "
		    "loaded system characteristics", o->id);
		s->obj_state[obj] = 2;
		return c;
	}
	if (s->obj_state[obj] == 1)
		return cycle_result(s, obj);
	if (oval_eval_push(s, OVAL_EK_OBJ, obj) < 0) {
		c->done = true;
		c->flag = OVAL_FLAG_ERROR;
		oval_collected_msg(s, c, "error", "%s", ks_error_msg());
		s->obj_state[obj] = 2;
		return c;
	}
	s->obj_state[obj] = 1;
	if (o->set != NULL) {
		struct operand res;

		collect_set(s, o->set, c, &res);
		free(c->items);
		c->items = res.items.v;
		c->nitems = res.items.n;
		c->flag = res.flag;
	} else
		collect_plain(s, obj, c);
	/* Filters directly in the object (5.8+) apply to what it
	 * collected. */
	if (o->nfilters > 0 && (c->flag == OVAL_FLAG_COMPLETE ||
	    c->flag == OVAL_FLAG_INCOMPLETE) &&
	    oval_eval_filters(s, o->filters, o->nfilters, c->items,
	    &c->nitems) < 0) {
		c->flag = OVAL_FLAG_ERROR;
		oval_collected_msg(s, c, "error", "%s", ks_error_msg());
	}
	/* The variable values this object used (variable_value in the
	 * system characteristics). */
	oval_eval_varvals_ents(s, &c->varvals, &c->nvarvals, o->ents, o->nents);
	if (o->var_ref_var != OVAL_NONE)
		oval_eval_varvals_add(&c->varvals, &c->nvarvals, o->var_ref_var,
		    oval_var_eval(s, o->var_ref_var));
	oval_eval_pop();
	s->obj_state[obj] = 2;
	c->done = true;
	return c;
}
