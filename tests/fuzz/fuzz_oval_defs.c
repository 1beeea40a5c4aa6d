/*
 * libFuzzer target for the OVAL definitions parser (oval/parse_*.c): any
 * bytes either fail with a code or give a model whose every reference is
 * an index in range or OVAL_NONE. The same bytes loaded as a DOM and
 * replayed into the parser (ks_xml_sax_replay, the data-stream path) must
 * give the same model when both succeed. Seeds: OVAL definitions documents.
 */
#include <stdint.h>
#include <stdlib.h>

#include <libxml/tree.h>

#include "oval/oval_int.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
check_ref(uint32_t ref, uint32_t n)
{
	if (ref != OVAL_NONE && ref >= n)
		abort();
}

static void
check_cnode(const struct oval_defs *d, const struct oval_cnode *c)
{
	uint32_t i;

	if (c->kind == OVAL_CN_CRITERION)
		check_ref(c->ref, d->ntests);
	else if (c->kind == OVAL_CN_EXTEND)
		check_ref(c->ref, d->ndefs);
	for (i = 0; i < c->nkids; i++)
		check_cnode(d, &c->kids[i]);
}

static void
check_ents(const struct oval_defs *d, const struct oval_entity *e, uint32_t n)
{
	uint32_t i;

	for (i = 0; i < n; i++) {
		check_ref(e[i].var, d->nvars);
		if (e[i].name == NULL)
			abort();
		check_ents(d, e[i].fields, e[i].nfields);
	}
}

static void
check_set(const struct oval_defs *d, const struct oval_set *s)
{
	uint32_t i;

	if (s->nobjs > 2 || s->nsets > 2)
		abort();
	for (i = 0; i < s->nobjs; i++)
		check_ref(s->objs[i], d->nobjects);
	for (i = 0; i < s->nsets; i++)
		check_set(d, s->sets[i]);
	for (i = 0; i < s->nfilters; i++)
		check_ref(s->filters[i].state, d->nstates);
}

static void
check_comp(const struct oval_defs *d, const struct oval_component *k)
{
	uint32_t i;

	if (k->kind == OVAL_COMP_OBJECT)
		check_ref(k->ref, d->nobjects);
	else if (k->kind == OVAL_COMP_VARIABLE)
		check_ref(k->ref, d->nvars);
	for (i = 0; i < k->nargs; i++)
		check_comp(d, &k->args[i]);
}

static void
check_model(const struct oval_defs *d)
{
	uint32_t i, j;

	for (i = 0; i < d->ndefs; i++) {
		if (oval_defs_find(d->def_ids, d->defs[i].id) != i)
			abort();
		if (d->defs[i].criteria)
			check_cnode(d, d->defs[i].criteria);
	}
	for (i = 0; i < d->ntests; i++) {
		check_ref(d->tests[i].object, d->nobjects);
		for (j = 0; j < d->tests[i].nstates; j++)
			check_ref(d->tests[i].states[j], d->nstates);
	}
	for (i = 0; i < d->nobjects; i++) {
		const struct oval_object *o = &d->objects[i];

		check_ents(d, o->ents, o->nents);
		if (o->set)
			check_set(d, o->set);
		for (j = 0; j < o->nfilters; j++)
			check_ref(o->filters[j].state, d->nstates);
		check_ref(o->var_ref_var, d->nvars);
	}
	for (i = 0; i < d->nstates; i++)
		check_ents(d, d->states[i].ents, d->states[i].nents);
	for (i = 0; i < d->nvars; i++)
		if (d->vars[i].comp)
			check_comp(d, d->vars[i].comp);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct oval_defs *d = NULL;

	ks_log_set_level(KS_LOG_ERROR);	/* duplicate ids, versions */
	if (oval_defs_parse_mem(&d, (const char *)data, size,
	    "fuzz.xml") != 0) {
		if (d != NULL)
			abort();	/* a failure leaves no model */
		return 0;
	}
	check_model(d);
	{
		struct oval_defs *r = NULL;
		xmlDoc *doc = NULL;

		if (ks_xml_doc_read_mem(&doc, (const char *)data, size,
		    "fuzz.xml") == 0 && oval_defs_parse_node(&r,
		    xmlDocGetRootElement(doc), "fuzz.xml") == 0) {
			check_model(r);
			if (r->ndefs != d->ndefs || r->ntests != d->ntests ||
			    r->nobjects != d->nobjects ||
			    r->nstates != d->nstates || r->nvars != d->nvars)
				abort();
		}
		oval_defs_free(r);
		xmlFreeDoc(doc);
	}
	oval_defs_free(d);
	return 0;
}
