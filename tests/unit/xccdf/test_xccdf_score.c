/*
 * Tests for xccdf/xccdf_score.c: the four XCCDF 1.2 scoring models
 * (NISTIR 7275r4 section 7.3) on a hand-built benchmark tree and results,
 * each expected value worked out by hand from the spec's formulas.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "xccdf/xccdf_int.h"

#define EPS 1e-9

/*
 * The tree:
 *   0 Benchmark               kids 1 4 5 8 9
 *   1   Group G1  weight 2    kids 2 3 6
 *   2     Rule R1 weight 1    pass
 *   3     Rule R2 weight 3    fail
 *   6     Group G2 weight 1   kids 7
 *   7       Rule R4 weight 5  notapplicable
 *   4   Rule R3  weight 1     pass
 *   5   Value V
 *   8   Rule R5  weight 1     fail, role unscored
 *   9   Rule R6  weight 2     multi-check: pass and error (AND: error)
 *  10 (not in the tree; no result)
 */
#define NITEMS 11

struct fixture {
	struct xccdf_item	 items[NITEMS];
	uint32_t		 k0[5], k1[3], k6[1];
	struct xccdf_bench	 bench;
	double			 weight[NITEMS];
	enum xccdf_role		 role[NITEMS];
	struct xccdf_policy	 policy;
	struct xccdf_rule_result results[16];
	struct xccdf_eval	 e;
};

static void
add_result(struct fixture *f, uint32_t item, enum xccdf_result r)
{
	f->results[f->e.nresults].item = item;
	f->results[f->e.nresults].result = r;
	f->e.nresults++;
}

static struct fixture *
fixture_new(void)
{
	struct fixture *f = calloc(1, sizeof(*f));
	static const enum xccdf_item_type types[NITEMS] = {
		XCCDF_ITEM_BENCHMARK, XCCDF_ITEM_GROUP, XCCDF_ITEM_RULE,
		XCCDF_ITEM_RULE, XCCDF_ITEM_RULE, XCCDF_ITEM_VALUE,
		XCCDF_ITEM_GROUP, XCCDF_ITEM_RULE, XCCDF_ITEM_RULE,
		XCCDF_ITEM_RULE, XCCDF_ITEM_RULE,
	};
	static const double w[NITEMS] = { 1, 2, 1, 3, 1, 1, 1, 5, 1, 2, 1 };
	uint32_t i;

	assert_non_null(f);
	for (i = 0; i < NITEMS; i++) {
		f->items[i].type = types[i];
		f->items[i].weight = w[i];
		f->weight[i] = w[i];
		f->role[i] = XCCDF_ROLE_FULL;
	}
	f->k0[0] = 1; f->k0[1] = 4; f->k0[2] = 5; f->k0[3] = 8; f->k0[4] = 9;
	f->k1[0] = 2; f->k1[1] = 3; f->k1[2] = 6;
	f->k6[0] = 7;
	f->items[0].kids = f->k0;
	f->items[0].nkids = 5;
	f->items[1].kids = f->k1;
	f->items[1].nkids = 3;
	f->items[6].kids = f->k6;
	f->items[6].nkids = 1;
	f->role[8] = XCCDF_ROLE_UNSCORED;
	f->bench.items = f->items;
	f->bench.nitems = NITEMS;
	f->policy.bench = &f->bench;
	f->policy.weight = f->weight;
	f->policy.role = f->role;
	f->e.bench = &f->bench;
	f->e.policy = &f->policy;
	f->e.results = f->results;
	add_result(f, 2, XCCDF_R_PASS);
	add_result(f, 3, XCCDF_R_FAIL);
	add_result(f, 7, XCCDF_R_NOTAPPLICABLE);
	add_result(f, 4, XCCDF_R_PASS);
	add_result(f, 8, XCCDF_R_FAIL);
	add_result(f, 9, XCCDF_R_PASS);
	add_result(f, 9, XCCDF_R_ERROR);
	return f;
}

static void
score(struct fixture *f, const char *model, double want, double want_max)
{
	struct xccdf_score s;

	assert_int_equal(xccdf_score_compute(&f->e, model, &s), 0);
	assert_string_equal(s.system, model);
	if (s.score < want - EPS || s.score > want + EPS ||
	    s.max < want_max - EPS || s.max > want_max + EPS)
		fail_msg("%s: got %g/%g, want %g/%g", model, s.score, s.max,
		    want, want_max);
}

/*
 * Default model (7.3.2):
 *   G2: its only rule is notapplicable -> count 0, so G1 skips it.
 *   G1: R1 100*1 + R2 0*3 = 100, accumulator 1 + 3 = 4 -> 100 / 4 = 25.
 *   Benchmark: G1 25*2 = 50 (weight 2), R3 100*1 = 100 (weight 1),
 *     R5 is unscored (skipped), R6 AND(pass, error) = error -> 0*2 = 0
 *     (weight 2): (50 + 100 + 0) / (2 + 1 + 2) = 150 / 5 = 30.
 */
static void
test_xccdf_score__default_model(void **state)
{
	struct fixture *f = fixture_new();

	score(f, XCCDF_SCORE_DEFAULT, 30.0, 100.0);
	/* NULL is the default model */
	{
		struct xccdf_score s;

		assert_int_equal(xccdf_score_compute(&f->e, NULL, &s), 0);
		assert_string_equal(s.system, XCCDF_SCORE_DEFAULT);
		assert_true(s.score > 30.0 - EPS && s.score < 30.0 + EPS);
	}
	free(f);
}

/*
 * Flat (7.3.3): scored rules R1 (1, pass), R2 (3, fail), R3 (1, pass),
 * R6 (2, error); R4 notapplicable and R5 unscored do not count.
 * score = 1 + 1 = 2, max = 1 + 3 + 1 + 2 = 7.
 */
static void
test_xccdf_score__flat_model(void **state)
{
	struct fixture *f = fixture_new();

	score(f, XCCDF_SCORE_FLAT, 2.0, 7.0);
	free(f);
}

/* Flat-unweighted (7.3.4): the same four rules, weight 1 each: 2 / 4. */
static void
test_xccdf_score__flat_unweighted_model(void **state)
{
	struct fixture *f = fixture_new();

	score(f, XCCDF_SCORE_FLAT_UNW, 2.0, 4.0);
	free(f);
}

/* Absolute (7.3.5): R2 failed -> 0 of 1; with R2 and R6 passing -> 1. */
static void
test_xccdf_score__absolute_model(void **state)
{
	struct fixture *f = fixture_new();

	score(f, XCCDF_SCORE_ABSOLUTE, 0.0, 1.0);
	f->results[1].result = XCCDF_R_PASS;	/* R2 */
	f->results[6].result = XCCDF_R_PASS;	/* R6's second instance */
	score(f, XCCDF_SCORE_ABSOLUTE, 1.0, 1.0);
	/* R5 failing does not matter: it is unscored */
	assert_int_equal(f->results[4].result, XCCDF_R_FAIL);
	free(f);
}

/*
 * Results that never count: notchecked, notselected, informational (and
 * fixed, outside the pass/fail/error/unknown set) -- changing R2 to each
 * removes it from every model.
 *   default: G1 = 100*1 / 1 = 100; bench (200 + 100 + 0) / 5 = 60.
 *   flat: 2 / (1 + 1 + 2) = 2 / 4; unweighted 2 / 3.
 * unknown counts like fail: R2 unknown gives the original numbers.
 */
static void
test_xccdf_score__excluded_results(void **state)
{
	static const enum xccdf_result out[] = { XCCDF_R_NOTCHECKED,
	    XCCDF_R_NOTSELECTED, XCCDF_R_INFORMATIONAL,
	    XCCDF_R_NOTAPPLICABLE };
	struct fixture *f = fixture_new();
	size_t i;

	for (i = 0; i < sizeof(out) / sizeof(out[0]); i++) {
		f->results[1].result = out[i];
		score(f, XCCDF_SCORE_DEFAULT, 60.0, 100.0);
		score(f, XCCDF_SCORE_FLAT, 2.0, 4.0);
		score(f, XCCDF_SCORE_FLAT_UNW, 2.0, 3.0);
	}
	f->results[1].result = XCCDF_R_UNKNOWN;
	score(f, XCCDF_SCORE_DEFAULT, 30.0, 100.0);
	score(f, XCCDF_SCORE_FLAT, 2.0, 7.0);
	free(f);
}

/*
 * Weights and roles come from the policy (refine-rule), not the items:
 * R2's weight refined to 1 and R6's role refined to unchecked.
 *   default: G1 = 100 / (1 + 1) = 50; bench (50*2 + 100) / (2 + 1) = 66.67
 *   flat: (1 + 1) / (1 + 1 + 1) = 2 / 3.
 */
static void
test_xccdf_score__policy_refinements(void **state)
{
	struct fixture *f = fixture_new();

	f->weight[3] = 1.0;
	f->role[9] = XCCDF_ROLE_UNCHECKED;
	score(f, XCCDF_SCORE_DEFAULT, 200.0 / 3.0, 100.0);
	score(f, XCCDF_SCORE_FLAT, 2.0, 3.0);
	free(f);
}

/*
 * Weight 0 children: G1's rules both weigh 0 -> accumulator 0, G1 scores 0
 * but still counts (its count is 2) with its own weight 2:
 *   bench (0*2 + 100 + 0) / (2 + 1 + 2) = 20.
 * Flat: R1 and R2 add 0 to score and max: (0 + 1) / (0 + 0 + 1 + 2) = 1/3.
 */
static void
test_xccdf_score__zero_weights(void **state)
{
	struct fixture *f = fixture_new();

	f->weight[2] = 0.0;
	f->weight[3] = 0.0;
	score(f, XCCDF_SCORE_DEFAULT, 20.0, 100.0);
	score(f, XCCDF_SCORE_FLAT, 1.0, 3.0);
	score(f, XCCDF_SCORE_FLAT_UNW, 2.0, 4.0);
	free(f);
}

/* Nothing scored: default 0 of 100, flat 0 of 0, absolute vacuously 1
 * (flat score equals flat max). */
static void
test_xccdf_score__nothing_scored(void **state)
{
	struct fixture *f = fixture_new();
	uint32_t i;

	for (i = 0; i < f->e.nresults; i++)
		f->results[i].result = XCCDF_R_NOTSELECTED;
	score(f, XCCDF_SCORE_DEFAULT, 0.0, 100.0);
	score(f, XCCDF_SCORE_FLAT, 0.0, 0.0);
	score(f, XCCDF_SCORE_FLAT_UNW, 0.0, 0.0);
	score(f, XCCDF_SCORE_ABSOLUTE, 1.0, 1.0);
	free(f);
}

static void
test_xccdf_score__unknown_model(void **state)
{
	struct fixture *f = fixture_new();
	struct xccdf_score s;

	assert_int_equal(xccdf_score_compute(&f->e, "urn:example:mine", &s),
	    KS_EUNSUPPORTED);
	assert_non_null(strstr(ks_error_msg(), "urn:example:mine"));
	free(f);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_xccdf_score__default_model),
		cmocka_unit_test(test_xccdf_score__flat_model),
		cmocka_unit_test(test_xccdf_score__flat_unweighted_model),
		cmocka_unit_test(test_xccdf_score__absolute_model),
		cmocka_unit_test(test_xccdf_score__excluded_results),
		cmocka_unit_test(test_xccdf_score__policy_refinements),
		cmocka_unit_test(test_xccdf_score__zero_weights),
		cmocka_unit_test(test_xccdf_score__nothing_scored),
		cmocka_unit_test(test_xccdf_score__unknown_model),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
