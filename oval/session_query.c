/*
 * Read-only questions about an evaluated session that findings need: a
 * definition's metadata and references, and the packages (collected items
 * of its true tests) that made it true, with the fixed version its states
 * name. It never evaluates or collects anything itself.
 */
#include "oval/oval_int.h"

#include <stdlib.h>
#include <string.h>

static const struct oval_definition *
find_def(struct oval_session *s, const char *def_id, uint32_t *idx)
{
	uint32_t di = oval_defs_find(s->defs->def_ids, def_id);

	if (di == OVAL_NONE) {
		ks_error_set("no definition with id '%s'", def_id);
		return NULL;
	}
	if (idx != NULL)
		*idx = di;
	return &s->defs->defs[di];
}

int
oval_session_def_meta(struct oval_session *s, const char *def_id,
    struct oval_def_meta *out)
{
	uint32_t di;
	const struct oval_definition *d = find_def(s, def_id, &di);

	if (d == NULL)
		return KS_ENOTFOUND;
	memset(out, 0, sizeof(*out));
	out->id = d->id;
	out->klass = oval_class_name(d->klass);
	out->title = d->title;
	out->description = d->description;
	out->family = d->affected_family;
	out->advisory_xml = d->advisory_xml;
	out->nrefs = d->nrefs;
	out->nproducts = d->nproducts;
	if (s->def_res != NULL && s->def_res[di].state == 2)
		out->result = oval_result_name(s->def_res[di].result);
	return 0;
}

int
oval_session_def_ref(struct oval_session *s, const char *def_id, uint32_t i,
    const char **source, const char **ref_id, const char **ref_url)
{
	const struct oval_definition *d = find_def(s, def_id, NULL);

	if (d == NULL)
		return KS_ENOTFOUND;
	if (i >= d->nrefs) {
		ks_error_set("%s has no reference %u", def_id, i);
		return KS_ENOTFOUND;
	}
	*source = d->refs[i].source;
	*ref_id = d->refs[i].ref_id;
	*ref_url = d->refs[i].ref_url;
	return 0;
}

int
oval_session_def_product(struct oval_session *s, const char *def_id,
    uint32_t i, const char **product)
{
	const struct oval_definition *d = find_def(s, def_id, NULL);

	if (d == NULL)
		return KS_ENOTFOUND;
	if (i >= d->nproducts) {
		ks_error_set("%s has no product %u", def_id, i);
		return KS_ENOTFOUND;
	}
	*product = d->products[i];
	return 0;
}

struct pkg_walk {
	struct oval_session	*s;
	uint8_t			*seen_tests;
	uint8_t			*seen_defs;
	int	(*cb)(const struct oval_def_pkg *p, void *payload);
	void			*payload;
};

static const char *
item_ent(const struct oval_item *it, const char *name)
{
	for (uint32_t i = 0; i < it->nents; i++)
		if (strcmp(it->ents[i].name, name) == 0)
			return it->ents[i].value;
	return NULL;
}

/*
 * The fixed version a test's states state: an `evr` entity with operation
 * "less than" (vendor feeds write "package is earlier than X" that way;
 * OVAL 5.11 linux-definitions-schema, dpkginfo_state/rpminfo_state evr).
 */
static const char *
test_fixed(const struct oval_defs *d, const struct oval_test *t)
{
	for (uint32_t i = 0; i < t->nstates; i++) {
		const struct oval_state *st;

		if (t->states[i] == OVAL_NONE)
			continue;
		st = &d->states[t->states[i]];
		for (uint32_t j = 0; j < st->nents; j++)
			if (strcmp(st->ents[j].name, "evr") == 0 &&
			    st->ents[j].op == OVAL_OP_LESS_THAN &&
			    st->ents[j].value != NULL)
				return st->ents[j].value;
	}
	return NULL;
}

static int
pkg_test(struct pkg_walk *w, uint32_t ti)
{
	const struct oval_defs *d = w->s->defs;
	const struct oval_test *t = &d->tests[ti];
	const struct oval_test_result *tr;
	struct oval_def_pkg p;
	int rc;

	if (w->seen_tests[ti])
		return 0;
	w->seen_tests[ti] = 1;
	if (w->s->test_res == NULL)
		return 0;
	tr = &w->s->test_res[ti];
	if (!tr->done || tr->result != OVAL_R_TRUE)
		return 0;
	memset(&p, 0, sizeof(p));
	p.test_id = t->id;
	p.fixed = test_fixed(d, t);
	for (uint32_t i = 0; i < tr->nitems; i++) {
		const struct oval_item *it;

		if (tr->items[i].item >= w->s->sc.nitems)
			continue;
		it = &w->s->sc.items[tr->items[i].item];
		/* A test without states is true by existence alone: its
		 * existing items are what it found (OVAL 5.11 TestType: "if
		 * no state is referenced, the test evaluates to true when
		 * ... the check_existence requirement is met"). */
		if (!(tr->items[i].result == OVAL_R_TRUE ||
		    (t->nstates == 0 && it->status == OVAL_ST_EXISTS)))
			continue;
		/* Packages only: not rpmverifyfile items and the like. */
		if (it->type == NULL ||
		    (strcmp(it->type, "dpkginfo_item") != 0 &&
		    strcmp(it->type, "rpminfo_item") != 0))
			continue;
		p.item_type = it->type;
		p.name = item_ent(it, "name");
		p.installed = item_ent(it, "evr");
		p.arch = item_ent(it, "arch");
		if (p.name == NULL)
			continue;
		if ((rc = w->cb(&p, w->payload)) != 0)
			return rc;
	}
	return 0;
}

/* The result a criteria node had, recomputed from the memoised test and
 * definition results with the OVAL operator tables (OVAL 5.11
 * CriteriaType: operator over the children, then negate). */
static enum oval_result
node_result(struct pkg_walk *w, const struct oval_cnode *n)
{
	struct oval_rcount rc;
	enum oval_result r = OVAL_R_UNKNOWN;

	switch (n->kind) {
	case OVAL_CN_CRITERION:
		if (n->ref != OVAL_NONE && w->s->test_res != NULL &&
		    w->s->test_res[n->ref].done)
			r = w->s->test_res[n->ref].result;
		break;
	case OVAL_CN_EXTEND:
		if (n->ref != OVAL_NONE && w->s->def_res != NULL &&
		    w->s->def_res[n->ref].state == 2)
			r = w->s->def_res[n->ref].result;
		break;
	case OVAL_CN_CRITERIA:
		memset(&rc, 0, sizeof(rc));
		for (uint32_t i = 0; i < n->nkids; i++)
			rc.c[node_result(w, &n->kids[i])]++;
		r = oval_operator_apply(n->operator, &rc);
		break;
	}
	return n->negate ? oval_negate(r) : r;
}

/*
 * Visits only what made the definition true: nodes whose result is true,
 * not negated ones (a true test under a negation argues against it), so an
 * "earlier than" test that is false in an AND with a true "is signed"
 * test does not list that package.
 */
static int
pkg_node(struct pkg_walk *w, const struct oval_cnode *n)
{
	const struct oval_defs *d = w->s->defs;
	int rc;

	if (n->negate || node_result(w, n) != OVAL_R_TRUE)
		return 0;
	switch (n->kind) {
	case OVAL_CN_EXTEND:
		if (n->ref == OVAL_NONE || w->seen_defs[n->ref] ||
		    d->defs[n->ref].criteria == NULL)
			return 0;
		w->seen_defs[n->ref] = 1;
		return pkg_node(w, d->defs[n->ref].criteria);
	case OVAL_CN_CRITERIA:
		for (uint32_t i = 0; i < n->nkids; i++)
			if ((rc = pkg_node(w, &n->kids[i])) != 0)
				return rc;
		return 0;
	case OVAL_CN_CRITERION:
		if (n->ref == OVAL_NONE)
			return 0;
		return pkg_test(w, n->ref);
	}
	return 0;
}

int
oval_session_foreach_def_package(struct oval_session *s, const char *def_id,
    int (*cb)(const struct oval_def_pkg *p, void *payload), void *payload)
{
	uint32_t di;
	const struct oval_definition *d = find_def(s, def_id, &di);
	struct pkg_walk w = { s, NULL, NULL, cb, payload };
	int rc;

	if (d == NULL)
		return KS_ENOTFOUND;
	if (d->criteria == NULL)
		return 0;
	w.seen_tests = ks_calloc(s->defs->ntests + 1, 1);
	w.seen_defs = ks_calloc(s->defs->ndefs + 1, 1);
	w.seen_defs[di] = 1;
	rc = pkg_node(&w, d->criteria);
	free(w.seen_tests);
	free(w.seen_defs);
	return rc;
}
