/*
 * Unit tests of oval/eval_def.c: criteria trees with every operator over
 * all six results, negate, applicability_check, extend_definition (and its
 * cycles), broken and criteria-less definitions, --id. Six tests produce
 * the six results from pre-filled collected objects.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "oval/eval_int.h"

/* Test indexes giving each result; NE comes from extending a definition
 * without criteria. */
enum { T_TRUE, T_FALSE, T_UNKNOWN, T_ERROR, T_NA, NTESTS };
#define D_NE 7		/* the definition without criteria */
#define NDEFS 8

struct fx {
	struct oval_defs	 d;
	struct oval_object	 objs[NTESTS];
	struct oval_test	 tests[NTESTS];
	struct oval_definition	 defs[NDEFS];
	struct oval_session	*s;
};

static const char *def_ids[NDEFS] = { "oval:t:def:0", "oval:t:def:1",
	"oval:t:def:2", "oval:t:def:3", "oval:t:def:4", "oval:t:def:5",
	"oval:t:def:6", "oval:t:def:7" };

static struct fx *
fx_new(void)
{
	struct fx *f = ks_calloc(1, sizeof(*f));

	f->d.objects = f->objs;
	f->d.tests = f->tests;
	f->d.defs = f->defs;
	f->d.path = (char *)"test.xml";
	f->d.nobjects = NTESTS;
	f->d.ntests = NTESTS;
	f->d.ndefs = NDEFS;
	for (int i = 0; i < NTESTS; i++) {
		f->objs[i] = (struct oval_object){ .id = "oval:t:obj:1",
		    .ns = "test", .type = "nothing_object",
		    .var_ref_var = OVAL_NONE };
		f->tests[i] = (struct oval_test){ .id = "oval:t:tst:1",
		    .type = "thing_test", .check = OVAL_CHECK_ALL,
		    .check_existence = OVAL_EX_AT_LEAST_ONE_EXISTS,
		    .object = (uint32_t)i };
	}
	f->tests[T_UNKNOWN].type = "unknown_test";
	f->tests[T_UNKNOWN].object = OVAL_NONE;
	for (int i = 0; i < NDEFS; i++)
		f->defs[i] = (struct oval_definition){ .id = def_ids[i],
		    .klass = OVAL_CLASS_COMPLIANCE, .title = "t" };
	return f;
}

static void
collected(struct oval_session *s, uint32_t obj, enum oval_flag flag,
    uint32_t item)
{
	struct oval_collected *c = &s->sc.objs[obj];

	c->done = true;
	c->flag = flag;
	if (item != OVAL_NONE) {
		c->items = ks_calloc(1, sizeof(*c->items));
		c->items[0] = item;
		c->nitems = 1;
	}
	s->obj_state[obj] = 2;
}

static void
fx_start(struct fx *f, const char *only_id)
{
	struct oval_eval_opts opts = { .only_id = only_id };
	struct oval_item it = { 0 };
	uint32_t idx;

	if (only_id != NULL) {
		assert_int_equal(ks_map_new(&f->d.def_ids), 0);
		for (uintptr_t i = 0; i < NDEFS; i++)
			ks_map_put(f->d.def_ids, def_ids[i], (void *)(i + 1));
	}
	assert_int_equal(oval_session_new(&f->s, &f->d, NULL, &opts), 0);
	it.ns = "test";
	it.type = "thing_item";
	it.ents = ks_calloc(1, sizeof(*it.ents));
	it.nents = 1;
	it.ents[0].name = "name";
	it.ents[0].value = "x";
	idx = oval_sc_add_item(f->s, &it);
	collected(f->s, T_TRUE, OVAL_FLAG_COMPLETE, idx);
	collected(f->s, T_FALSE, OVAL_FLAG_DOES_NOT_EXIST, OVAL_NONE);
	collected(f->s, T_ERROR, OVAL_FLAG_ERROR, OVAL_NONE);
	collected(f->s, T_NA, OVAL_FLAG_NOT_APPLICABLE, OVAL_NONE);
}

static void
fx_free(struct fx *f)
{
	oval_session_free(f->s);
	ks_map_free(f->d.def_ids);
	free(f);
}

/* A leaf giving result r. */
static struct oval_cnode
leaf(enum oval_result r)
{
	struct oval_cnode n = { .kind = OVAL_CN_CRITERION,
	    .applicability_check = -1 };

	switch (r) {
	case OVAL_R_TRUE: n.ref = T_TRUE; break;
	case OVAL_R_FALSE: n.ref = T_FALSE; break;
	case OVAL_R_UNKNOWN: n.ref = T_UNKNOWN; break;
	case OVAL_R_ERROR: n.ref = T_ERROR; break;
	case OVAL_R_NOT_APPLICABLE: n.ref = T_NA; break;
	default:
		n.kind = OVAL_CN_EXTEND;
		n.ref = D_NE;
		break;
	}
	return n;
}

static enum oval_result
eval_tree(struct oval_cnode *root)
{
	struct fx *f = fx_new();
	enum oval_result r;

	f->defs[0].criteria = root;
	fx_start(f, NULL);
	r = oval_def_eval(f->s, 0);
	fx_free(f);
	return r;
}

static enum oval_result
op2(enum oval_operator op, enum oval_result a, enum oval_result b)
{
	struct oval_cnode kids[2] = { leaf(a), leaf(b) };
	struct oval_cnode root = { .kind = OVAL_CN_CRITERIA, .operator = op,
	    .applicability_check = -1, .kids = kids, .nkids = 2 };

	return eval_tree(&root);
}

/* Every leaf gives the result it stands for. */
static void
test_eval_def__leaves(void **state)
{
	(void)state;
	for (int r = 0; r < OVAL_R_COUNT; r++) {
		struct oval_cnode kid = leaf((enum oval_result)r);
		struct oval_cnode root = { .kind = OVAL_CN_CRITERIA,
		    .operator = OVAL_OPR_AND, .applicability_check = -1,
		    .kids = &kid, .nkids = 1 };

		assert_int_equal(eval_tree(&root), r);
	}
}

/*
 * OperatorEnumeration charts (oval-common-schema), a row each:
 * AND: any false -> false; else error > unknown > not evaluated; not
 * applicable results are ignored. OR: any true -> true. ONE: two trues ->
 * false. XOR: an odd number of trues.
 */
static void
test_eval_def__operator_rows(void **state)
{
	(void)state;
	assert_int_equal(op2(OVAL_OPR_AND, OVAL_R_TRUE, OVAL_R_TRUE),
	    OVAL_R_TRUE);
	assert_int_equal(op2(OVAL_OPR_AND, OVAL_R_TRUE, OVAL_R_FALSE),
	    OVAL_R_FALSE);
	assert_int_equal(op2(OVAL_OPR_AND, OVAL_R_ERROR, OVAL_R_FALSE),
	    OVAL_R_FALSE);
	assert_int_equal(op2(OVAL_OPR_AND, OVAL_R_TRUE, OVAL_R_UNKNOWN),
	    OVAL_R_UNKNOWN);
	assert_int_equal(op2(OVAL_OPR_AND, OVAL_R_ERROR, OVAL_R_UNKNOWN),
	    OVAL_R_ERROR);
	assert_int_equal(op2(OVAL_OPR_AND, OVAL_R_TRUE,
	    OVAL_R_NOT_EVALUATED), OVAL_R_NOT_EVALUATED);
	assert_int_equal(op2(OVAL_OPR_AND, OVAL_R_TRUE,
	    OVAL_R_NOT_APPLICABLE), OVAL_R_TRUE);
	assert_int_equal(op2(OVAL_OPR_AND, OVAL_R_NOT_APPLICABLE,
	    OVAL_R_NOT_APPLICABLE), OVAL_R_NOT_APPLICABLE);
	assert_int_equal(op2(OVAL_OPR_OR, OVAL_R_FALSE, OVAL_R_TRUE),
	    OVAL_R_TRUE);
	assert_int_equal(op2(OVAL_OPR_OR, OVAL_R_ERROR, OVAL_R_TRUE),
	    OVAL_R_TRUE);
	assert_int_equal(op2(OVAL_OPR_OR, OVAL_R_FALSE, OVAL_R_FALSE),
	    OVAL_R_FALSE);
	assert_int_equal(op2(OVAL_OPR_OR, OVAL_R_FALSE, OVAL_R_ERROR),
	    OVAL_R_ERROR);
	assert_int_equal(op2(OVAL_OPR_ONE, OVAL_R_TRUE, OVAL_R_FALSE),
	    OVAL_R_TRUE);
	assert_int_equal(op2(OVAL_OPR_ONE, OVAL_R_TRUE, OVAL_R_TRUE),
	    OVAL_R_FALSE);
	assert_int_equal(op2(OVAL_OPR_ONE, OVAL_R_FALSE, OVAL_R_FALSE),
	    OVAL_R_FALSE);
	assert_int_equal(op2(OVAL_OPR_XOR, OVAL_R_TRUE, OVAL_R_FALSE),
	    OVAL_R_TRUE);
	assert_int_equal(op2(OVAL_OPR_XOR, OVAL_R_TRUE, OVAL_R_TRUE),
	    OVAL_R_FALSE);
	assert_int_equal(op2(OVAL_OPR_XOR, OVAL_R_TRUE, OVAL_R_UNKNOWN),
	    OVAL_R_UNKNOWN);
}

/* All four operators over every pair of the six results: the tree gives
 * what the operator's table gives for those counts. */
static void
test_eval_def__operator_all_pairs(void **state)
{
	(void)state;
	for (int op = OVAL_OPR_AND; op <= OVAL_OPR_XOR; op++)
		for (int a = 0; a < OVAL_R_COUNT; a++)
			for (int b = 0; b < OVAL_R_COUNT; b++) {
				struct oval_rcount rc = { { 0 } };
				enum oval_result want, got;

				rc.c[a]++;
				rc.c[b]++;
				want = oval_operator_apply(op, &rc);
				got = op2(op, a, b);
				if (got != want)
					fail_msg("%s(%s, %s): got %s, want %s",
					    oval_operator_name(op),
					    oval_result_name(a),
					    oval_result_name(b),
					    oval_result_name(got),
					    oval_result_name(want));
			}
}

/* CriterionType / CriteriaType negate: true and false swap, the other
 * results stay. applicability_check does not change results. */
static void
test_eval_def__negate(void **state)
{
	struct oval_cnode kids[2] = { leaf(OVAL_R_TRUE), leaf(OVAL_R_FALSE) };
	struct oval_cnode root = { .kind = OVAL_CN_CRITERIA,
	    .operator = OVAL_OPR_AND, .applicability_check = 1, .kids = kids,
	    .nkids = 2 };

	(void)state;
	assert_int_equal(eval_tree(&root), OVAL_R_FALSE);
	kids[1].negate = true;		/* not false */
	assert_int_equal(eval_tree(&root), OVAL_R_TRUE);
	root.negate = true;		/* the whole criteria */
	assert_int_equal(eval_tree(&root), OVAL_R_FALSE);
	kids[1] = leaf(OVAL_R_ERROR);
	kids[1].negate = true;		/* error stays error */
	root.negate = false;
	assert_int_equal(eval_tree(&root), OVAL_R_ERROR);
	kids[1] = leaf(OVAL_R_NOT_APPLICABLE);
	kids[1].negate = true;
	kids[0].negate = true;
	kids[0].applicability_check = 1;
	assert_int_equal(eval_tree(&root), OVAL_R_FALSE);
}

/* extend_definition: the other definition's result, negated on request;
 * nested criteria. */
static void
test_eval_def__extend(void **state)
{
	struct fx *f = fx_new();
	struct oval_cnode c1 = leaf(OVAL_R_TRUE);
	struct oval_cnode r1 = { .kind = OVAL_CN_CRITERIA,
	    .operator = OVAL_OPR_AND, .kids = &c1, .nkids = 1 };
	struct oval_cnode inner[2] = {
		{ .kind = OVAL_CN_EXTEND, .ref = 1, .negate = true },
		leaf(OVAL_R_FALSE),
	};
	struct oval_cnode mid = { .kind = OVAL_CN_CRITERIA,
	    .operator = OVAL_OPR_OR, .kids = inner, .nkids = 2 };
	struct oval_cnode outer[2] = { mid, leaf(OVAL_R_TRUE) };
	struct oval_cnode r0 = { .kind = OVAL_CN_CRITERIA,
	    .operator = OVAL_OPR_AND, .kids = outer, .nkids = 2 };

	(void)state;
	f->defs[0].criteria = &r0;
	f->defs[1].criteria = &r1;
	fx_start(f, NULL);
	/* (not true OR false) AND true = false */
	assert_int_equal(oval_def_eval(f->s, 0), OVAL_R_FALSE);
	assert_int_equal(f->s->def_res[1].state, 2);
	assert_int_equal(f->s->def_res[1].result, OVAL_R_TRUE);
	fx_free(f);
}

/* A definition that extends itself (through another) is error. */
static void
test_eval_def__extend_cycle(void **state)
{
	struct fx *f = fx_new();
	struct oval_cnode e0 = { .kind = OVAL_CN_EXTEND, .ref = 1 };
	struct oval_cnode e1 = { .kind = OVAL_CN_EXTEND, .ref = 2 };
	struct oval_cnode e2 = { .kind = OVAL_CN_EXTEND, .ref = 0 };
	struct oval_cnode r0 = { .kind = OVAL_CN_CRITERIA, .kids = &e0,
	    .nkids = 1 };
	struct oval_cnode r1 = { .kind = OVAL_CN_CRITERIA, .kids = &e1,
	    .nkids = 1 };
	struct oval_cnode r2 = { .kind = OVAL_CN_CRITERIA, .kids = &e2,
	    .nkids = 1 };
	enum ks_log_level lvl = ks_log_get_level();

	(void)state;
	f->defs[0].criteria = &r0;
	f->defs[1].criteria = &r1;
	f->defs[2].criteria = &r2;
	fx_start(f, NULL);
	ks_log_set_level(KS_LOG_ERROR);	/* the cycle warning */
	assert_int_equal(oval_def_eval(f->s, 0), OVAL_R_ERROR);
	ks_log_set_level(lvl);
	assert_int_equal(oval_def_eval(f->s, 1), OVAL_R_ERROR);
	assert_int_equal(oval_def_eval(f->s, 2), OVAL_R_ERROR);
	fx_free(f);
}

/* A definition the parser marked broken is error; one without criteria
 * is "not evaluated" (DefinitionType: "If a deprecated definition does
 * not contain a criteria child element, the definition must evaluate to
 * 'not evaluated'"). */
static void
test_eval_def__broken_and_empty(void **state)
{
	struct fx *f = fx_new();
	struct oval_cnode c = leaf(OVAL_R_TRUE);
	struct oval_cnode r = { .kind = OVAL_CN_CRITERIA, .kids = &c,
	    .nkids = 1 };

	(void)state;
	f->defs[0].criteria = &r;
	f->defs[0].error = "test oval:t:tst:99 is not in the document";
	f->defs[1].deprecated = true;
	fx_start(f, NULL);
	assert_int_equal(oval_def_eval(f->s, 0), OVAL_R_ERROR);
	assert_int_equal(oval_def_eval(f->s, 1), OVAL_R_NOT_EVALUATED);
	assert_int_equal(f->s->def_res[1].state, 2);
	fx_free(f);
}

/* --id: only that definition and what it extends are evaluated. */
static void
test_eval_def__only_id(void **state)
{
	struct fx *f = fx_new();
	struct oval_cnode c = leaf(OVAL_R_TRUE);
	struct oval_cnode r = { .kind = OVAL_CN_CRITERIA, .kids = &c,
	    .nkids = 1 };
	struct oval_cnode e = { .kind = OVAL_CN_EXTEND, .ref = 1 };
	struct oval_cnode r2 = { .kind = OVAL_CN_CRITERIA, .kids = &e,
	    .nkids = 1 };

	(void)state;
	f->defs[0].criteria = &r;
	f->defs[1].criteria = &r;
	f->defs[2].criteria = &r2;
	fx_start(f, "oval:t:def:2");
	assert_int_equal(oval_def_eval(f->s, 0), OVAL_R_NOT_EVALUATED);
	assert_int_equal(f->s->def_res[0].state, 0);
	assert_int_equal(oval_def_eval(f->s, 2), OVAL_R_TRUE);
	assert_int_equal(f->s->def_res[1].state, 2);
	assert_int_equal(f->s->def_res[1].result, OVAL_R_TRUE);
	/* once evaluated through the extension, it is memoised */
	assert_int_equal(oval_def_eval(f->s, 1), OVAL_R_TRUE);
	fx_free(f);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_eval_def__leaves),
		cmocka_unit_test(test_eval_def__operator_rows),
		cmocka_unit_test(test_eval_def__operator_all_pairs),
		cmocka_unit_test(test_eval_def__negate),
		cmocka_unit_test(test_eval_def__extend),
		cmocka_unit_test(test_eval_def__extend_cycle),
		cmocka_unit_test(test_eval_def__broken_and_empty),
		cmocka_unit_test(test_eval_def__only_id),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
