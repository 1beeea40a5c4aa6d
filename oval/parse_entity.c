/*
 * The tests, objects and states of a definitions document, walked over
 * their recorded SAX events (parse_sax.c): their entities (with record fields), behaviors, sets
 * and filters. References are queued as ids (oval_p_ref) and resolved by
 * parse_defs.c once the whole document is read. No evaluation here.
 */
#include <stdlib.h>
#include <string.h>

#include "oval/parse_int.h"

/* "http://oval.mitre.org/XMLSchema/oval-definitions-5#linux" -> "linux";
 * a namespace of somebody else's extension is kept whole. */
static const char *
ns_short(struct oval_pctx *c)
{
	const char *ns = oval_p_ns(c);
	size_t n = sizeof(OVAL_NS_DEF) - 1;

	if (strncmp(ns, OVAL_NS_DEF, n) == 0 && ns[n] == '#')
		ns += n + 1;
	return oval_p_intern(c, ns);
}

static bool
is_foreign(struct oval_pctx *c)
{
	/* ds:Signature and other W3C vocabularies are never entities. */
	return strncmp(oval_p_ns(c), "http://www.w3.org/", 18) == 0;
}

static bool
is_core(struct oval_pctx *c)
{
	return strcmp(oval_p_ns(c), OVAL_NS_DEF) == 0;
}

/* The common attributes of tests, objects and states. */
struct common {
	uint32_t	 idx;
	const char	*ns, *type, *comment;
	uint32_t	 version;
	uint32_t	 line;
	bool		 deprecated;
};

static int
read_common(struct oval_pctx *c, enum oval_pkind kind,
    const struct oval_pattrs *a, struct common *k)
{
	int rc;

	memset(k, 0, sizeof(*k));
	k->idx = OVAL_NONE;
	k->line = (uint32_t)oval_p_line(c);
	if (a->v[PA_ID] == NULL) {
		ks_warn("%s:%u: %s %s without id ignored", c->name, k->line,
		    oval_p_kind_name(kind), oval_p_local(c));
		return 0;
	}
	rc = oval_p_add(c, kind, oval_p_intern(c, a->v[PA_ID]), &k->idx);
	if (rc < 0 || k->idx == OVAL_NONE)
		return rc;
	k->ns = ns_short(c);
	k->type = oval_p_intern(c, oval_p_local(c));
	k->comment = oval_p_intern(c, a->v[PA_COMMENT]);
	if (a->v[PA_VERSION])
		k->version = (uint32_t)strtoul(a->v[PA_VERSION], NULL, 10);
	if (a->v[PA_DEPRECATED])
		k->deprecated = oval_p_bool(a->v[PA_DEPRECATED]) == 1;
	return 0;
}

/* Parses an enumeration attribute: *out keeps its default when absent;
 * an unknown value is a problem of the owning element. */
static void
enum_attr(struct oval_pctx *c, enum oval_pkind kind, uint32_t idx, int line,
    const char *what, const char *v, int (*parse)(const char *), int *out)
{
	int e;

	if (v == NULL)
		return;
	e = parse(v);
	if (e < 0) {
		oval_p_fail(c, kind, idx, line, "unknown %s '%s'", what, v);
		return;
	}
	*out = e;
}

/* ---- entities ------------------------------------------------------------ */

void
oval_p_entity_free(struct oval_entity *e)
{
	uint32_t i;

	for (i = 0; i < e->nfields; i++)
		oval_p_entity_free(&e->fields[i]);
	free(e->fields);
	e->fields = NULL;
	e->nfields = 0;
}

static int parse_entity(struct oval_pctx *c, struct oval_entity *e,
    enum oval_pkind kind, uint32_t idx, bool field);

static int
parse_fields(struct oval_pctx *c, struct oval_entity *e, enum oval_pkind kind,
    uint32_t idx)
{
	struct oval_pchild it;
	size_t cap = 0;
	int rc;

	oval_p_child_init(c, &it);
	while ((rc = oval_p_child(c, &it)) > 0) {
		struct oval_entity f;

		if (strcmp(oval_p_local(c), "field") != 0 || is_foreign(c))
			continue;
		rc = parse_entity(c, &f, kind, idx, true);
		if (rc < 0) {
			oval_p_entity_free(&f);
			return rc;
		}
		ks_grow(&e->fields, &cap, (size_t)e->nfields + 1,
		    sizeof(*e->fields));
		e->fields[e->nfields++] = f;
	}
	if (e->nfields > 0)
		oval_p_shrink(&e->fields, e->nfields, sizeof(*e->fields));
	return rc;
}

/*
 * The reader is on an entity element of an object or state (or on a
 * <field> of a record entity): fills *e. OVAL 5.11 EntityAttributeGroup:
 * datatype defaults to string, operation to equals, mask to false,
 * var_check to all; states add entity_check (default all). An xsi:nil or
 * var_ref entity has no value of its own.
 */
static int
parse_entity(struct oval_pctx *c, struct oval_entity *e, enum oval_pkind kind,
    uint32_t idx, bool field)
{
	struct oval_pattrs a;
	const char *s;
	size_t n;
	int rc, line = oval_p_line(c), v, b;

	memset(e, 0, sizeof(*e));
	e->dt = OVAL_DT_STRING;
	e->op = OVAL_OP_EQUALS;
	e->var_check = OVAL_CHECK_ALL;
	e->entity_check = OVAL_CHECK_ALL;
	e->var = OVAL_NONE;
	rc = oval_p_attrs(c, &a);
	if (rc < 0)
		return rc;
	if (field) {
		if (a.v[PA_NAME] == NULL)
			oval_p_fail(c, kind, idx, line,
			    "record field without a name");
		e->name = oval_p_intern(c, a.v[PA_NAME] ? a.v[PA_NAME] : "");
	} else {
		e->name = oval_p_intern(c, oval_p_local(c));
	}
	if (a.v[PA_DATATYPE]) {
		v = oval_datatype_parse(a.v[PA_DATATYPE]);
		if (v < 0 || (field && v == OVAL_DT_RECORD))
			oval_p_fail(c, kind, idx, line,
			    "entity %s: unknown datatype '%s'", e->name,
			    a.v[PA_DATATYPE]);
		else
			e->dt = (enum oval_datatype)v;
	}
	if (a.v[PA_OPERATION]) {
		v = oval_operation_parse(a.v[PA_OPERATION]);
		if (v < 0)
			oval_p_fail(c, kind, idx, line,
			    "entity %s: unknown operation '%s'", e->name,
			    a.v[PA_OPERATION]);
		else
			e->op = (enum oval_operation)v;
	}
	if (a.v[PA_VAR_CHECK]) {
		v = oval_check_parse(a.v[PA_VAR_CHECK]);
		if (v < 0)
			oval_p_fail(c, kind, idx, line,
			    "entity %s: unknown var_check '%s'", e->name,
			    a.v[PA_VAR_CHECK]);
		else
			e->var_check = (enum oval_check)v;
		e->has_var_check = true;
	}
	if (a.v[PA_ENTITY_CHECK]) {
		v = oval_check_parse(a.v[PA_ENTITY_CHECK]);
		if (v < 0)
			oval_p_fail(c, kind, idx, line,
			    "entity %s: unknown entity_check '%s'", e->name,
			    a.v[PA_ENTITY_CHECK]);
		else
			e->entity_check = (enum oval_check)v;
	}
	if (a.v[PA_MASK]) {
		b = oval_p_bool(a.v[PA_MASK]);
		if (b < 0)
			oval_p_fail(c, kind, idx, line,
			    "entity %s: bad mask '%s'", e->name, a.v[PA_MASK]);
		e->mask = b == 1;
	}
	if (a.v[PA_NIL]) {
		b = oval_p_bool(a.v[PA_NIL]);
		if (b < 0)
			oval_p_fail(c, kind, idx, line,
			    "entity %s: bad xsi:nil '%s'", e->name,
			    a.v[PA_NIL]);
		e->nil = b == 1;
	}
	if (a.v[PA_VAR_REF])
		e->var = oval_p_ref(c, oval_p_intern(c, a.v[PA_VAR_REF]));
	if (e->dt == OVAL_DT_RECORD)
		return parse_fields(c, e, kind, idx);
	if (e->nil || e->var != OVAL_NONE)
		return 0;	/* any content is ignored, as the spec says */
	/* OVAL values are literal: no trimming. */
	rc = oval_p_text(c, &s, &n);
	if (rc < 0)
		return rc;
	e->value = ks_strpool_intern(c->d->pool, s, n);
	return 0;
}

/* Parses an entity and appends it to *ents. */
static int
add_entity(struct oval_pctx *c, struct oval_entity **ents, uint32_t *n,
    size_t *cap, enum oval_pkind kind, uint32_t idx)
{
	struct oval_entity e;
	int rc;

	rc = parse_entity(c, &e, kind, idx, false);
	if (rc < 0) {
		oval_p_entity_free(&e);
		return rc;
	}
	ks_grow(ents, cap, (size_t)*n + 1, sizeof(**ents));
	(*ents)[(*n)++] = e;
	return 0;
}

/* ---- filters and sets ---------------------------------------------------- */

/* <filter action="include|exclude">state id</filter>; action defaults to
 * exclude (OVAL 5.11 oval-def:filter). */
static int
add_filter(struct oval_pctx *c, struct oval_filter **fs, uint32_t *n,
    size_t *cap, uint32_t obj)
{
	struct oval_pattrs a;
	struct oval_filter f;
	const char *id;
	int rc, line = oval_p_line(c);

	rc = oval_p_attrs(c, &a);
	if (rc < 0)
		return rc;
	f.exclude = true;
	if (a.v[PA_ACTION]) {
		if (strcmp(a.v[PA_ACTION], "include") == 0)
			f.exclude = false;
		else if (strcmp(a.v[PA_ACTION], "exclude") != 0)
			oval_p_fail(c, OVAL_PK_OBJ, obj, line,
			    "unknown filter action '%s'", a.v[PA_ACTION]);
	}
	rc = oval_p_text_id(c, &id);
	if (rc < 0)
		return rc;
	f.state = oval_p_ref(c, id);
	ks_grow(fs, cap, (size_t)*n + 1, sizeof(**fs));
	(*fs)[(*n)++] = f;
	return 0;
}

void
oval_p_set_free(struct oval_set *s)
{
	uint8_t i;

	if (s == NULL)
		return;
	for (i = 0; i < s->nsets; i++)
		oval_p_set_free(s->sets[i]);
	free(s->filters);
	free(s);
}

/*
 * OVAL 5.11 oval-def:set: either one or two nested <set>s, or one or two
 * <object_reference>s with optional <filter>s; set_operator defaults to
 * UNION.
 */
static int
parse_set(struct oval_pctx *c, struct oval_set *s, uint32_t obj)
{
	struct oval_pattrs a;
	struct oval_pchild it;
	size_t fcap = 0;
	const char *id;
	int rc, line = oval_p_line(c), v = OVAL_SET_UNION;

	rc = oval_p_attrs(c, &a);
	if (rc < 0)
		return rc;
	enum_attr(c, OVAL_PK_OBJ, obj, line, "set_operator",
	    a.v[PA_SET_OPERATOR], oval_set_op_parse, &v);
	s->op = (enum oval_set_op)v;
	oval_p_child_init(c, &it);
	while ((rc = oval_p_child(c, &it)) > 0) {
		if (!is_core(c))
			continue;
		line = oval_p_line(c);
		if (oval_p_is(c, NULL, "set")) {
			if (s->nsets >= 2) {
				oval_p_fail(c, OVAL_PK_OBJ, obj, line,
				    "set with more than two sets");
				continue;
			}
			s->sets[s->nsets] = ks_calloc(1, sizeof(*s->sets[0]));
			rc = parse_set(c, s->sets[s->nsets++], obj);
		} else if (oval_p_is(c, NULL, "object_reference")) {
			rc = oval_p_text_id(c, &id);
			if (rc < 0)
				return rc;
			if (s->nobjs >= 2) {
				oval_p_fail(c, OVAL_PK_OBJ, obj, line,
				    "set with more than two "
				    "object_references");
				continue;
			}
			s->objs[s->nobjs++] = oval_p_ref(c, id);
		} else if (oval_p_is(c, NULL, "filter")) {
			rc = add_filter(c, &s->filters, &s->nfilters, &fcap,
			    obj);
		}
		if (rc < 0)
			return rc;
	}
	if (rc < 0)
		return rc;
	if (s->nfilters > 0)
		oval_p_shrink(&s->filters, s->nfilters, sizeof(*s->filters));
	if (s->nsets > 0 && s->nobjs > 0)
		oval_p_fail(c, OVAL_PK_OBJ, obj, line,
		    "set mixes sets and object_references");
	else if (s->nsets == 0 && s->nobjs == 0)
		oval_p_fail(c, OVAL_PK_OBJ, obj, line, "empty set");
	return 0;
}

/* Every attribute of <behaviors> is kept as written (the names differ per
 * object type: max_depth, recurse_direction, ignore_case, ...). */
static int
add_behaviors(struct oval_pctx *c, struct oval_object *o)
{
	const struct oval_pev *e = &c->rec.ev[c->pos];
	const struct oval_pxattr *x = c->rec.xattrs + e->attr0;
	size_t cap = o->nbehaviors;
	uint32_t i;

	for (i = 0; i < e->nattrs; i++, x++) {
		if (x->uri != NULL)
			continue;	/* xsi:... and other namespaces */
		ks_grow(&o->behaviors, &cap, (size_t)o->nbehaviors + 1,
		    sizeof(*o->behaviors));
		o->behaviors[o->nbehaviors].name = oval_p_intern(c, x->local);
		o->behaviors[o->nbehaviors].value =
		    oval_p_intern(c, c->rec.data + x->off);
		o->nbehaviors++;
	}
	if (o->nbehaviors > 0)
		oval_p_shrink(&o->behaviors, o->nbehaviors,
		    sizeof(*o->behaviors));
	return 0;
}

/* ---- objects, states, tests ---------------------------------------------- */

int
oval_p_object(struct oval_pctx *c)
{
	struct oval_object *o;
	struct oval_pattrs a;
	struct oval_pchild it;
	struct common k;
	size_t ecap = 0, fcap = 0;
	const char *id;
	bool varobj;
	int rc;

	rc = oval_p_attrs(c, &a);
	if (rc < 0)
		return rc;
	rc = read_common(c, OVAL_PK_OBJ, &a, &k);
	if (rc < 0 || k.idx == OVAL_NONE)
		return rc;
	o = &c->d->objects[k.idx];
	o->ns = k.ns;
	o->type = k.type;
	o->comment = k.comment;
	o->version = k.version;
	o->line = k.line;
	o->deprecated = k.deprecated;
	varobj = strcmp(o->type, "variable_object") == 0;
	oval_p_child_init(c, &it);
	while ((rc = oval_p_child(c, &it)) > 0) {
		const char *ln = oval_p_local(c);

		if (is_foreign(c))
			continue;
		if (is_core(c)) {
			if (strcmp(ln, "set") == 0) {
				if (o->set != NULL) {
					oval_p_fail(c, OVAL_PK_OBJ, k.idx,
					    oval_p_line(c),
					    "more than one set");
					continue;
				}
				o->set = ks_calloc(1, sizeof(*o->set));
				rc = parse_set(c, o->set, k.idx);
			} else if (strcmp(ln, "filter") == 0) {
				rc = add_filter(c, &o->filters, &o->nfilters,
				    &fcap, k.idx);
			}
			/* oval-def:notes and anything else: skipped */
		} else if (strcmp(ln, "behaviors") == 0) {
			rc = add_behaviors(c, o);
		} else if (varobj && strcmp(ln, "var_ref") == 0) {
			rc = oval_p_text_id(c, &id);
			if (rc == 0)
				o->var_ref_var = oval_p_ref(c, id);
		} else {
			rc = add_entity(c, &o->ents, &o->nents, &ecap,
			    OVAL_PK_OBJ, k.idx);
		}
		if (rc < 0)
			return rc;
	}
	if (o->nents > 0)
		oval_p_shrink(&o->ents, o->nents, sizeof(*o->ents));
	if (o->nfilters > 0)
		oval_p_shrink(&o->filters, o->nfilters, sizeof(*o->filters));
	return rc;
}

int
oval_p_state(struct oval_pctx *c)
{
	struct oval_state *s;
	struct oval_pattrs a;
	struct oval_pchild it;
	struct common k;
	size_t ecap = 0;
	int rc, v = OVAL_OPR_AND;

	rc = oval_p_attrs(c, &a);
	if (rc < 0)
		return rc;
	rc = read_common(c, OVAL_PK_STATE, &a, &k);
	if (rc < 0 || k.idx == OVAL_NONE)
		return rc;
	s = &c->d->states[k.idx];
	s->ns = k.ns;
	s->type = k.type;
	s->comment = k.comment;
	s->version = k.version;
	s->line = k.line;
	s->deprecated = k.deprecated;
	enum_attr(c, OVAL_PK_STATE, k.idx, (int)k.line, "operator",
	    a.v[PA_OPERATOR], oval_operator_parse, &v);
	s->operator = (enum oval_operator)v;
	oval_p_child_init(c, &it);
	while ((rc = oval_p_child(c, &it)) > 0) {
		if (is_foreign(c) || is_core(c))
			continue;	/* signature, notes */
		rc = add_entity(c, &s->ents, &s->nents, &ecap, OVAL_PK_STATE,
		    k.idx);
		if (rc < 0)
			return rc;
	}
	if (s->nents > 0)
		oval_p_shrink(&s->ents, s->nents, sizeof(*s->ents));
	return rc;
}

/*
 * A test: check is required (OVAL 5.x TestType), check_existence defaults
 * to at_least_one_exists and state_operator to AND; one <object
 * object_ref> (none for unknown_test) and any number of <state state_ref>.
 */
int
oval_p_test(struct oval_pctx *c)
{
	struct oval_test *t;
	struct oval_pattrs a;
	struct oval_pchild it;
	struct common k;
	size_t scap = 0;
	int rc, v, line;

	rc = oval_p_attrs(c, &a);
	if (rc < 0)
		return rc;
	rc = read_common(c, OVAL_PK_TEST, &a, &k);
	if (rc < 0 || k.idx == OVAL_NONE)
		return rc;
	line = (int)k.line;
	t = &c->d->tests[k.idx];
	t->ns = k.ns;
	t->type = k.type;
	t->comment = k.comment;
	t->version = k.version;
	t->line = k.line;
	t->deprecated = k.deprecated;
	t->object = OVAL_NONE;
	v = OVAL_CHECK_ALL;
	if (a.v[PA_CHECK] == NULL)
		oval_p_fail(c, OVAL_PK_TEST, k.idx, line,
		    "check attribute missing");
	enum_attr(c, OVAL_PK_TEST, k.idx, line, "check", a.v[PA_CHECK],
	    oval_check_parse, &v);
	t->check = (enum oval_check)v;
	v = OVAL_EX_AT_LEAST_ONE_EXISTS;
	enum_attr(c, OVAL_PK_TEST, k.idx, line, "check_existence",
	    a.v[PA_CHECK_EXISTENCE], oval_existence_parse, &v);
	t->check_existence = (enum oval_existence)v;
	v = OVAL_OPR_AND;
	enum_attr(c, OVAL_PK_TEST, k.idx, line, "state_operator",
	    a.v[PA_STATE_OPERATOR], oval_operator_parse, &v);
	t->state_operator = (enum oval_operator)v;

	oval_p_child_init(c, &it);
	while ((rc = oval_p_child(c, &it)) > 0) {
		const char *ln = oval_p_local(c);

		if (is_foreign(c) || is_core(c))
			continue;	/* signature, notes */
		line = oval_p_line(c);
		if (strcmp(ln, "object") == 0) {
			rc = oval_p_attrs(c, &a);
			if (rc < 0)
				return rc;
			if (a.v[PA_OBJECT_REF] == NULL)
				oval_p_fail(c, OVAL_PK_TEST, k.idx, line,
				    "object without object_ref");
			else if (t->object != OVAL_NONE)
				oval_p_fail(c, OVAL_PK_TEST, k.idx, line,
				    "more than one object");
			else
				t->object = oval_p_ref(c, oval_p_intern(c,
				    a.v[PA_OBJECT_REF]));
		} else if (strcmp(ln, "state") == 0) {
			rc = oval_p_attrs(c, &a);
			if (rc < 0)
				return rc;
			if (a.v[PA_STATE_REF] == NULL) {
				oval_p_fail(c, OVAL_PK_TEST, k.idx, line,
				    "state without state_ref");
				continue;
			}
			ks_grow(&t->states, &scap, (size_t)t->nstates + 1,
			    sizeof(*t->states));
			t->states[t->nstates++] = oval_p_ref(c,
			    oval_p_intern(c, a.v[PA_STATE_REF]));
		}
	}
	if (t->nstates > 0)
		oval_p_shrink(&t->states, t->nstates, sizeof(*t->states));
	return rc;
}
