/*
 * Writes an OVAL 5.11 results document (oval-results-schema.xsd) from an
 * evaluated session, streamed through platform/base/xmlw into an atomically
 * replaced file: generator, directives, the optional copy of the source
 * definitions, definition and test results, and the system characteristics.
 * It does not evaluate anything: results come from eval_*.c via the session.
 */
#include "oval/results_int.h"

#include <stdlib.h>
#include <string.h>

enum def_mode { MODE_OMIT, MODE_THIN, MODE_FULL };

/* The DirectivesType children, in schema order = enum oval_result order. */
static const char *const directive_names[OVAL_R_COUNT] = {
    "definition_true",  "definition_false",         "definition_unknown",
    "definition_error", "definition_not_evaluated", "definition_not_applicable",
};

static enum oval_result
def_result(const struct oval_session *s, uint32_t i)
{
	if (s->def_res == NULL || s->def_res[i].state != 2)
		return OVAL_R_NOT_EVALUATED;
	return s->def_res[i].result;
}

static enum oval_result
test_result(const struct oval_session *s, uint32_t i)
{
	if (s->test_res == NULL || !s->test_res[i].done)
		return OVAL_R_NOT_EVALUATED;
	return s->test_res[i].result;
}

/* The directive for a definition: its class's when class_directives has
 * one for the class (5.11: "The directives for a particular class override
 * the default directives"), else the default. */
static const struct oval_directive *
directive_for(const struct oval_directives *d, enum oval_class c,
              enum oval_result r)
{
	if ((unsigned)c < OVAL_CLASS_COUNT && d->has_class[c])
		return &d->cls[c][r];
	return &d->def[r];
}

/* Whether every reference in a criteria tree resolves, so that the tree can
 * be written with the ids the schema requires. */
static bool
cnode_ok(const struct oval_defs *d, const struct oval_cnode *n)
{
	switch (n->kind) {
	case OVAL_CN_CRITERION:
		return n->ref < d->ntests;
	case OVAL_CN_EXTEND:
		return n->ref < d->ndefs;
	case OVAL_CN_CRITERIA:
		if (n->nkids == 0)
			return false;
		for (uint32_t i = 0; i < n->nkids; i++)
			if (!cnode_ok(d, &n->kids[i]))
				return false;
		return true;
	}
	return false;
}

static bool
def_full_criteria(const struct oval_defs *d, uint32_t i)
{
	return d->defs[i].criteria != NULL && cnode_ok(d, d->defs[i].criteria);
}

/*
 * Marks what a full definition's criteria need in the document: every test
 * it names (the results schema's testVersionKeyRef requires a <test> for
 * each criterion) and every definition it extends (definitionInstanceKeyRef
 * requires a <definition>: one the directives would omit is written thin).
 */
static void
mark_refs(const struct oval_cnode *n, uint8_t *mode, uint8_t *tmark)
{
	switch (n->kind) {
	case OVAL_CN_CRITERION:
		tmark[n->ref] = 1;
		break;
	case OVAL_CN_EXTEND:
		if (mode[n->ref] == MODE_OMIT)
			mode[n->ref] = MODE_THIN;
		break;
	case OVAL_CN_CRITERIA:
		for (uint32_t i = 0; i < n->nkids; i++)
			mark_refs(&n->kids[i], mode, tmark);
		break;
	}
}

/* The result of a criteria node as the evaluator defines it (operator over
 * the children, then negate), recomputed here because the session keeps
 * only test and definition results. */
static enum oval_result
cnode_result(const struct oval_session *s, const struct oval_cnode *n)
{
	enum oval_result r;
	struct oval_rcount rc;

	switch (n->kind) {
	case OVAL_CN_CRITERION:
		r = test_result(s, n->ref);
		break;
	case OVAL_CN_EXTEND:
		r = def_result(s, n->ref);
		break;
	default:
		memset(&rc, 0, sizeof(rc));
		for (uint32_t i = 0; i < n->nkids; i++)
			rc.c[cnode_result(s, &n->kids[i])]++;
		r = oval_operator_apply(n->operator, & rc);
		break;
	}
	return n->negate ? oval_negate(r) : r;
}

static void
write_cnode(struct ks_xmlw *x, const struct oval_session *s,
            const struct oval_cnode *n, const enum oval_result *root)
{
	const struct oval_defs *d = s->defs;
	enum oval_result r = root != NULL ? *root : cnode_result(s, n);

	switch (n->kind) {
	case OVAL_CN_CRITERIA:
		ks_xmlw_start(x, "criteria");
		if (n->applicability_check >= 0)
			ks_xmlw_attr_bool(x, "applicability_check",
			                  n->applicability_check > 0);
		ks_xmlw_attr(x, "operator",
		                 oval_operator_name(n->operator));
		if (n->negate)
			ks_xmlw_attr(x, "negate", "true");
		ks_xmlw_attr(x, "result", oval_result_name(r));
		for (uint32_t i = 0; i < n->nkids; i++)
			write_cnode(x, s, &n->kids[i], NULL);
		ks_xmlw_end(x);
		break;
	case OVAL_CN_CRITERION:
		ks_xmlw_start(x, "criterion");
		if (n->applicability_check >= 0)
			ks_xmlw_attr_bool(x, "applicability_check",
			                  n->applicability_check > 0);
		ks_xmlw_attr(x, "test_ref", d->tests[n->ref].id);
		ks_xmlw_attr_u32(x, "version", d->tests[n->ref].version);
		ks_xmlw_attr(x, "variable_instance", "1");
		if (n->negate)
			ks_xmlw_attr(x, "negate", "true");
		ks_xmlw_attr(x, "result", oval_result_name(r));
		ks_xmlw_end(x);
		break;
	case OVAL_CN_EXTEND:
		ks_xmlw_start(x, "extend_definition");
		if (n->applicability_check >= 0)
			ks_xmlw_attr_bool(x, "applicability_check",
			                  n->applicability_check > 0);
		ks_xmlw_attr(x, "definition_ref", d->defs[n->ref].id);
		ks_xmlw_attr_u32(x, "version", d->defs[n->ref].version);
		ks_xmlw_attr(x, "variable_instance", "1");
		if (n->negate)
			ks_xmlw_attr(x, "negate", "true");
		ks_xmlw_attr(x, "result", oval_result_name(r));
		ks_xmlw_end(x);
		break;
	}
}

static void
write_definition(struct ks_xmlw *x, const struct oval_session *s, uint32_t i,
                 enum def_mode mode)
{
	const struct oval_definition *def = &s->defs->defs[i];
	enum oval_result r = def_result(s, i);

	ks_xmlw_start(x, "definition");
	ks_xmlw_attr(x, "definition_id", def->id);
	ks_xmlw_attr_u32(x, "version", def->version);
	ks_xmlw_attr(x, "variable_instance", "1");
	ks_xmlw_attr(x, "class", oval_class_name(def->klass));
	ks_xmlw_attr(x, "result", oval_result_name(r));
	if (mode == MODE_FULL) {
		if (def->error != NULL) {
			ks_xmlw_start(x, "message");
			ks_xmlw_attr(x, "level", "error");
			ks_xmlw_text(x, def->error);
			ks_xmlw_end(x);
		}
		if (def_full_criteria(s->defs, i))
			write_cnode(x, s, def->criteria,
			            s->def_res != NULL &&
			                    s->def_res[i].state == 2
			                ? &r
			                : NULL);
	}
	ks_xmlw_end(x);
}

static void
write_test(struct ks_xmlw *x, const struct oval_session *s, uint32_t i)
{
	const struct oval_test *t = &s->defs->tests[i];
	const struct oval_test_result *tr =
	    s->test_res != NULL ? &s->test_res[i] : NULL;
	enum oval_result r = test_result(s, i);

	ks_xmlw_start(x, "test");
	ks_xmlw_attr(x, "test_id", t->id);
	ks_xmlw_attr_u32(x, "version", t->version);
	ks_xmlw_attr(x, "variable_instance", "1");
	ks_xmlw_attr(x, "check_existence",
	                 oval_existence_name(t->check_existence));
	ks_xmlw_attr(x, "check", oval_check_name(t->check));
	ks_xmlw_attr(x, "state_operator",
	                 oval_operator_name(t->state_operator));
	ks_xmlw_attr(x, "result", oval_result_name(r));
	if (tr != NULL && tr->done) {
		if (tr->msg != NULL) {
			ks_xmlw_start(x, "message");
			ks_xmlw_attr(x, "level",
			             r == OVAL_R_ERROR ? "error" : "info");
			ks_xmlw_text(x, tr->msg);
			ks_xmlw_end(x);
		}
		for (uint32_t j = 0; j < tr->nitems; j++) {
			if (tr->items[j].item >= s->sc.nitems)
				continue;
			ks_xmlw_start(x, "tested_item");
			ks_xmlw_attr_u32(x, "item_id", tr->items[j].item + 1);
			ks_xmlw_attr(x, "result",
			                 oval_result_name(tr->items[j].result));
			ks_xmlw_end(x);
		}
		for (uint32_t j = 0; j < tr->nvarvals; j++) {
			uint32_t v = tr->varvals[j].var;

			if (v >= s->defs->nvars)
				continue;
			ks_xmlw_start(x, "tested_variable");
			ks_xmlw_attr(x, "variable_id", s->defs->vars[v].id);
			ks_xmlw_text(x, tr->varvals[j].value);
			ks_xmlw_end(x);
		}
	}
	ks_xmlw_end(x);
}

static void
write_directive_set(struct ks_xmlw *x, const struct oval_directive *dir)
{
	for (int r = 0; r < OVAL_R_COUNT; r++) {
		ks_xmlw_start(x, directive_names[r]);
		ks_xmlw_attr_bool(x, "reported", dir[r].reported);
		ks_xmlw_attr(x, "content", dir[r].full ? "full" : "thin");
		ks_xmlw_end(x);
	}
}

static void
write_directives(struct ks_xmlw *x, const struct oval_directives *d)
{
	ks_xmlw_start(x, "directives");
	ks_xmlw_attr_bool(x, "include_source_definitions",
	                  d->include_source_definitions);
	write_directive_set(x, d->def);
	ks_xmlw_end(x);
	for (int c = 0; c < OVAL_CLASS_COUNT; c++) {
		if (!d->has_class[c])
			continue;
		ks_xmlw_start(x, "class_directives");
		ks_xmlw_attr(x, "class",
		                 oval_class_name((enum oval_class)c));
		write_directive_set(x, d->cls[c]);
		ks_xmlw_end(x);
	}
}

/* The schema's defaults: every result reported in full, with the source
 * definitions. */
static void
directives_schema_default(struct oval_directives *d)
{
	memset(d, 0, sizeof(*d));
	for (int r = 0; r < OVAL_R_COUNT; r++)
		d->def[r].reported = d->def[r].full = true;
	d->include_source_definitions = true;
}

/*
 * Writes the <oval_results> element of s into x under directives d with
 * OVAL_WRITE_* flags. Errors stay in the writer (ks_xmlw_status).
 */
static void
results_elem(struct ks_xmlw *x, struct oval_session *s,
             const struct oval_directives *d, unsigned flags)
{
	const struct oval_defs *defs = s->defs;
	struct oval_directives eff;
	uint8_t *mode = NULL, *tmark = NULL;
	bool any_def = false, any_test = false;

	eff = *d;
	if (flags & OVAL_WRITE_NO_DEFINITIONS)
		eff.include_source_definitions = false;
	if (flags & OVAL_WRITE_THIN) {
		/* oscap's --thin-results: definition results only. */
		for (int r = 0; r < OVAL_R_COUNT; r++)
			eff.def[r].full = false;
		for (int c = 0; c < OVAL_CLASS_COUNT; c++)
			for (int r = 0; r < OVAL_R_COUNT; r++)
				eff.cls[c][r].full = false;
	}
	d = &eff;
	mode = ks_calloc(defs->ndefs + 1, 1);
	tmark = ks_calloc(defs->ntests + 1, 1);
	for (uint32_t i = 0; i < defs->ndefs; i++) {
		const struct oval_directive *dir;

		/* With a selection (--id, XCCDF) only the definitions that
		 * were reached belong in the document, not thousands of "not
		 * evaluated" ones. */
		if (s->has_sel &&
		    (s->def_res == NULL || s->def_res[i].state == 0))
			continue;
		dir = directive_for(d, defs->defs[i].klass, def_result(s, i));
		if (dir->reported)
			mode[i] = dir->full ? MODE_FULL : MODE_THIN;
	}
	for (uint32_t i = 0; i < defs->ndefs; i++)
		if (mode[i] == MODE_FULL && def_full_criteria(defs, i))
			mark_refs(defs->defs[i].criteria, mode, tmark);
	for (uint32_t i = 0; i < defs->ndefs && !any_def; i++)
		any_def = mode[i] != MODE_OMIT;
	for (uint32_t i = 0; i < defs->ntests && !any_test; i++)
		any_test = tmark[i] != 0;

	ks_xmlw_start(x, "oval_results");
	ks_xmlw_attr(x, "xmlns", OVAL_NS_RES);
	ks_xmlw_attr(x, "xmlns:oval", OVAL_NS_COMMON);
	if (d->include_source_definitions)
		ks_xmlw_attr(x, "xmlns:oval-def", OVAL_NS_DEF);
	oval_res_generator(x, "generator", oval_res_time(s));
	write_directives(x, d);
	/* 5.11: "The source OVAL Definition document must be included when
	 * the directives include_source_definitions attribute is set to
	 * true" and must not be when it is false. */
	if (d->include_source_definitions)
		oval_res_defs_elem(x, defs, oval_res_time(s));
	ks_xmlw_start(x, "results");
	ks_xmlw_start(x, "system");
	if (any_def) {
		ks_xmlw_start(x, "definitions");
		for (uint32_t i = 0; i < defs->ndefs && oval_xw_ok(x); i++)
			if (mode[i] != MODE_OMIT)
				write_definition(x, s, i,
				                 (enum def_mode)mode[i]);
		ks_xmlw_end(x);
	}
	if (any_test) {
		ks_xmlw_start(x, "tests");
		for (uint32_t i = 0; i < defs->ntests && oval_xw_ok(x); i++)
			if (tmark[i])
				write_test(x, s, i);
		ks_xmlw_end(x);
	}
	/* SystemType requires oval_system_characteristics; without
	 * system data it keeps the generator and system_info. */
	oval_res_syschar_elem_opt(x, s, true,
	    (flags & (OVAL_WRITE_THIN | OVAL_WRITE_NO_SYSCHAR)) == 0);
	ks_xmlw_end(x); /* system */
	ks_xmlw_end(x); /* results */
	ks_xmlw_end(x); /* oval_results */
	free(mode);
	free(tmark);
}

/*
 * Writes the OVAL results of s to path (replaced atomically: on failure the
 * old file, if any, is untouched and no temporary is left). d: the
 * directives; NULL uses s->directives, or the schema's defaults when the
 * session has none. Returns 0, or the first KS_* error with the message
 * set (an unwritable path, a model that cannot be written validly, e.g. an
 * item family that is not a name).
 */
int
oval_results_write(struct oval_session *s, const struct oval_directives *d,
                   const char *path)
{
	return oval_results_write_flags(s, d, path, 0);
}

int
oval_results_write_flags(struct oval_session *s,
                         const struct oval_directives *d, const char *path,
                         unsigned flags)
{
	struct oval_directives dflt;
	struct ks_xmlw *x = NULL;
	struct ks_atomic *a = NULL;
	int rc;

	if (d == NULL)
		d = s->directives;
	if (d == NULL) {
		directives_schema_default(&dflt);
		d = &dflt;
	}
	if ((rc = ks_xmlw_doc_begin(&x, &a, path)) < 0)
		return rc;
	results_elem(x, s, d, flags);
	return ks_xmlw_doc_end(x, a);
}

int
oval_session_write_results_xmlw(struct oval_session *s, struct ks_xmlw *x,
                                unsigned flags)
{
	struct oval_directives dflt;
	const struct oval_directives *d = s->directives;

	if (d == NULL) {
		directives_schema_default(&dflt);
		d = &dflt;
	}
	results_elem(x, s, d, flags);
	return ks_xmlw_status(x);
}

int
oval_session_write_results_flags(struct oval_session *s, const char *path,
                                 unsigned flags)
{
	return oval_results_write_flags(s, s->directives, path, flags);
}
