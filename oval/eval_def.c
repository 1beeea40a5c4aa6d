/*
 * OVAL definitions: the criteria tree (criteria operators, negate,
 * criterion -> test, extend_definition -> definition with cycle detection),
 * memoised in s->def_res. Not the tests themselves (eval_test.c) nor the
 * operator truth tables (value_*.c).
 */
#include "oval/eval_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static enum oval_result
cnode_eval(struct oval_session *s, uint32_t def, const struct oval_cnode *n)
{
	enum oval_result r;

	switch (n->kind) {
	case OVAL_CN_CRITERION:
		/* CriterionType: the test's result, negated on request. */
		r = n->ref == OVAL_NONE ? OVAL_R_ERROR :
		    oval_test_eval(s, n->ref);
		break;
	case OVAL_CN_EXTEND:
		/* ExtendDefinitionType: "evaluating the extended definition
		 * and then using the result within the logical context of
		 * the extending definition". */
		if (n->ref == OVAL_NONE || n->ref >= s->defs->ndefs)
			r = OVAL_R_ERROR;
		else if (s->def_res[n->ref].state == 1) {
			char *chain = oval_eval_chain(s, OVAL_EK_DEF, n->ref);

			ks_warn("definition %s extends itself: %s",
			    s->defs->defs[n->ref].id, chain);
			free(chain);
			r = OVAL_R_ERROR;
		} else
			r = oval_def_eval(s, n->ref);
		break;
	case OVAL_CN_CRITERIA: {
		/* CriteriaType: the operator "binds the different statements
		 * inside a criteria together"; applicability_check is
		 * metadata for the results and does not change them. */
		struct oval_rcount rc = { { 0 } };

		for (uint32_t i = 0; i < n->nkids; i++)
			rc.c[cnode_eval(s, def, &n->kids[i])]++;
		r = n->nkids == 0 ? OVAL_R_ERROR :
		    oval_operator_apply(n->operator, &rc);
		break;
	}
	default:
		r = OVAL_R_ERROR;
		break;
	}
	return n->negate ? oval_negate(r) : r;
}

enum oval_result
oval_def_eval(struct oval_session *s, uint32_t idx)
{
	const struct oval_definition *d;
	struct oval_def_result *dr;
	enum oval_result r;

	if (idx >= s->defs->ndefs)
		return OVAL_R_ERROR;
	dr = &s->def_res[idx];
	d = &s->defs->defs[idx];
	if (dr->state == 2)
		return dr->result;
	if (dr->state == 1) {
		/* Reached again while being evaluated: a cycle through
		 * extend_definition. */
		char *chain = oval_eval_chain(s, OVAL_EK_DEF, idx);

		ks_warn("definition %s extends itself: %s", d->id, chain);
		free(chain);
		return OVAL_R_ERROR;
	}
	/* --id: only that definition and what it extends are evaluated; a
	 * top-level call for any other stays "not evaluated". */
	if (!oval_def_selected(s, idx) && oval_eval_depth(s, OVAL_EK_DEF) == 0)
		return OVAL_R_NOT_EVALUATED;
	if (d->error != NULL) {
		/* Broken at parse time (dangling reference, ...). */
		dr->state = 2;
		dr->result = OVAL_R_ERROR;
		return dr->result;
	}
	if (d->criteria == NULL) {
		/* DefinitionType: "If a deprecated definition does not
		 * contain a criteria child element, the definition must
		 * evaluate to 'not evaluated'." The same holds for any
		 * definition without criteria: there is nothing to
		 * evaluate. */
		dr->state = 2;
		dr->result = OVAL_R_NOT_EVALUATED;
		return dr->result;
	}
	if (oval_eval_push(s, OVAL_EK_DEF, idx) < 0) {
		ks_warn("%s", ks_error_msg());
		dr->state = 2;
		dr->result = OVAL_R_ERROR;
		return dr->result;
	}
	dr->state = 1;
	r = cnode_eval(s, idx, d->criteria);
	oval_eval_pop();
	dr->state = 2;
	dr->result = r;
	return r;
}
