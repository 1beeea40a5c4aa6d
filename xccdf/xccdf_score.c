/*
 * The four XCCDF scoring models (XCCDF 1.2, NISTIR 7275r4 section 7.3)
 * over the rule results of an evaluation. It reads results and the policy's
 * weights and roles; it decides no results and writes nothing.
 */
#include <stdlib.h>
#include <string.h>

#include "xccdf/xccdf_int.h"

/*
 * The result each Rule is scored with: the AND of its results (a
 * multi-check rule has one per instance, and a rule is one node of the
 * scoring tree), or XCCDF_R_COUNT when it has none. The array is indexed
 * by item index; the caller frees it.
 */
static enum xccdf_result *
rule_results(const struct xccdf_eval *e)
{
	enum xccdf_result *r;
	uint32_t i;

	r = ks_malloc((e->bench->nitems ? e->bench->nitems : 1) * sizeof(*r));
	for (i = 0; i < e->bench->nitems; i++)
		r[i] = XCCDF_R_COUNT;
	for (i = 0; i < e->nresults; i++) {
		uint32_t it = e->results[i].item;

		if (it >= e->bench->nitems)
			continue;
		r[it] = r[it] == XCCDF_R_COUNT ? e->results[i].result :
		    xccdf_result_and(r[it], e->results[i].result);
	}
	return r;
}

static enum xccdf_role
role_of(const struct xccdf_eval *e, uint32_t i)
{
	if (e->policy != NULL && e->policy->role != NULL)
		return e->policy->role[i];
	return e->bench->items[i].role;
}

static double
weight_of(const struct xccdf_eval *e, uint32_t i)
{
	if (e->policy != NULL && e->policy->weight != NULL)
		return e->policy->weight[i];
	return e->bench->items[i].weight;
}

/*
 * Whether a Rule counts at all (section 7.3: rules that were not selected
 * or whose result is notapplicable, notchecked, informational or
 * notselected do not take part; role unscored and unchecked rules are
 * reported but never scored, section 6.4.4.4 @role).
 */
static bool
scored(const struct xccdf_eval *e, const enum xccdf_result *rr, uint32_t i)
{
	if (e->bench->items[i].type != XCCDF_ITEM_RULE)
		return false;
	if (role_of(e, i) != XCCDF_ROLE_FULL)
		return false;
	switch (rr[i]) {
	case XCCDF_R_PASS:
	case XCCDF_R_FAIL:
	case XCCDF_R_ERROR:
	case XCCDF_R_UNKNOWN:
		return true;
	default:
		return false;
	}
}

/*
 * The default model, section 7.3.2 (Score.Rule/Score.Group):
 *  - a Rule gets count 1 and score 100 when it passed, else 0;
 *  - a Group or the Benchmark starts with count 0, score s 0 and
 *    accumulator a 0; for each child whose count is not 0 it adds the
 *    child's weighted score to s, 1 to its count and the child's weight to
 *    a; then normalizes s = s / a;
 *  - every node's weighted score is s * weight.
 * *score gets the normalized (unweighted) score of node i; returns its
 * count. A group whose counted children all weigh 0 has a = 0: its score
 * is 0 (the spec divides by zero there).
 */
static uint32_t
default_node(const struct xccdf_eval *e, const enum xccdf_result *rr,
    uint32_t i, unsigned depth, double *score)
{
	const struct xccdf_item *it = &e->bench->items[i];
	uint32_t count = 0, k;
	double s = 0.0, a = 0.0;

	*score = 0.0;
	if (it->type == XCCDF_ITEM_RULE) {
		if (!scored(e, rr, i))
			return 0;
		*score = rr[i] == XCCDF_R_PASS ? 100.0 : 0.0;
		return 1;
	}
	if (it->type == XCCDF_ITEM_VALUE || depth > 1000)
		return 0;
	for (k = 0; k < it->nkids; k++) {
		uint32_t kid = it->kids[k];
		double ks;
		double w;

		if (kid >= e->bench->nitems)
			continue;
		if (default_node(e, rr, kid, depth + 1, &ks) == 0)
			continue;
		w = weight_of(e, kid);
		s += ks * w;
		a += w;
		count++;
	}
	*score = a > 0.0 ? s / a : 0.0;
	return count;
}

/*
 * Flat (section 7.3.3): score = sum of the weights of the rules that
 * passed, max = sum of the weights of every scored rule. Flat-unweighted
 * (7.3.4): the same with every weight taken as 1. Absolute (7.3.5): 1
 * when every scored rule passed, else 0; max 1.
 */
static void
flat(const struct xccdf_eval *e, const enum xccdf_result *rr, bool weighted,
    double *score, double *max, bool *all_pass)
{
	uint32_t i;

	*score = 0.0;
	*max = 0.0;
	*all_pass = true;
	for (i = 0; i < e->bench->nitems; i++) {
		double w;

		if (!scored(e, rr, i))
			continue;
		w = weighted ? weight_of(e, i) : 1.0;
		*max += w;
		if (rr[i] == XCCDF_R_PASS)
			*score += w;
		else
			*all_pass = false;
	}
}

int
xccdf_score_compute(const struct xccdf_eval *e, const char *model,
    struct xccdf_score *out)
{
	enum xccdf_result *rr;
	bool all_pass;
	double s, m;

	if (model == NULL)
		model = XCCDF_SCORE_DEFAULT;
	if (strcmp(model, XCCDF_SCORE_DEFAULT) != 0 &&
	    strcmp(model, XCCDF_SCORE_FLAT) != 0 &&
	    strcmp(model, XCCDF_SCORE_FLAT_UNW) != 0 &&
	    strcmp(model, XCCDF_SCORE_ABSOLUTE) != 0) {
		ks_error_set("scoring model '%s' is not supported", model);
		return KS_EUNSUPPORTED;
	}
	memset(out, 0, sizeof(*out));
	if (e == NULL || e->bench == NULL || e->bench->nitems == 0) {
		ks_error_set("scoring: no benchmark");
		return KS_ERROR;
	}
	rr = rule_results(e);
	if (strcmp(model, XCCDF_SCORE_DEFAULT) == 0) {
		out->system = XCCDF_SCORE_DEFAULT;
		(void)default_node(e, rr, 0, 0, &s);
		out->score = s;
		out->max = 100.0;
	} else if (strcmp(model, XCCDF_SCORE_FLAT) == 0) {
		out->system = XCCDF_SCORE_FLAT;
		flat(e, rr, true, &out->score, &out->max, &all_pass);
	} else if (strcmp(model, XCCDF_SCORE_FLAT_UNW) == 0) {
		out->system = XCCDF_SCORE_FLAT_UNW;
		flat(e, rr, false, &out->score, &out->max, &all_pass);
	} else {
		out->system = XCCDF_SCORE_ABSOLUTE;
		flat(e, rr, true, &s, &m, &all_pass);
		out->score = all_pass ? 1.0 : 0.0;
		out->max = 1.0;
	}
	free(rr);
	return 0;
}
