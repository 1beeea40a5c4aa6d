/*
 * Unit tests of oval/eval_test.c: a test's result from its collected
 * object's flag, check_existence, states (state_operator, several
 * entities, entity_check over repeated item entities) and check, and what
 * it records (tested items, tested variables). Collected objects are
 * pre-filled so no probe runs.
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

struct fx {
	struct oval_defs	 d;
	struct oval_variable	 vars[4];
	struct oval_object	 objs[4];
	struct oval_state	 states[4];
	struct oval_test	 tests[4];
	uint32_t		 st_refs[4];
	struct oval_session	*s;
};

static struct fx *
fx_new(void)
{
	struct fx *f = ks_calloc(1, sizeof(*f));

	f->d.vars = f->vars;
	f->d.objects = f->objs;
	f->d.states = f->states;
	f->d.tests = f->tests;
	f->d.path = (char *)"test.xml";
	for (int i = 0; i < 4; i++) {
		f->objs[i].id = "oval:t:obj:1";
		f->objs[i].ns = "test";
		f->objs[i].type = "nothing_object";
		f->objs[i].var_ref_var = OVAL_NONE;
		f->tests[i] = (struct oval_test){ .id = "oval:t:tst:1",
		    .type = "thing_test", .check = OVAL_CHECK_ALL,
		    .check_existence = OVAL_EX_AT_LEAST_ONE_EXISTS,
		    .state_operator = OVAL_OPR_AND, .object = 0 };
	}
	return f;
}

static void
fx_start(struct fx *f)
{
	f->d.nvars = 4;
	f->d.nobjects = 4;
	f->d.nstates = 4;
	f->d.ntests = 4;
	assert_int_equal(oval_session_new(&f->s, &f->d, NULL, NULL), 0);
}

static void
fx_free(struct fx *f)
{
	oval_session_free(f->s);
	free(f);
}

/* An item: status, then name/value pairs up to NULL. */
static uint32_t
item(struct oval_session *s, enum oval_item_status st, ...)
{
	struct oval_item it = { 0 };
	va_list ap;
	const char *n;

	it.ns = "test";
	it.type = "thing_item";
	it.status = st;
	va_start(ap, st);
	while ((n = va_arg(ap, const char *)) != NULL) {
		const char *v = va_arg(ap, const char *);

		it.ents = ks_realloc(it.ents, (it.nents + 1) *
		    sizeof(*it.ents));
		memset(&it.ents[it.nents], 0, sizeof(*it.ents));
		it.ents[it.nents].name = oval_intern(s, n);
		it.ents[it.nents].value = oval_intern(s, v);
		it.ents[it.nents].status = OVAL_ST_EXISTS;
		it.nents++;
	}
	va_end(ap);
	return oval_sc_add_item(s, &it);
}

static void
collected(struct oval_session *s, uint32_t obj, enum oval_flag flag,
    uint32_t n, ...)
{
	struct oval_collected *c = &s->sc.objs[obj];
	va_list ap;

	c->done = true;
	c->flag = flag;
	c->items = ks_calloc(n + 1, sizeof(*c->items));
	va_start(ap, n);
	for (uint32_t i = 0; i < n; i++)
		c->items[i] = va_arg(ap, uint32_t);
	va_end(ap);
	c->nitems = n;
	s->obj_state[obj] = 2;
}

/* A state "value OP x" (int). */
static void
int_state(struct fx *f, uint32_t i, struct oval_entity *e,
    enum oval_operation op, const char *x)
{
	*e = (struct oval_entity){ .name = "value", .value = x,
	    .dt = OVAL_DT_INT, .op = op, .var = OVAL_NONE };
	f->states[i] = (struct oval_state){ .id = "oval:t:ste:1",
	    .operator = OVAL_OPR_AND, .ents = e, .nents = 1 };
}

static void
use_states(struct fx *f, uint32_t n, ...)
{
	va_list ap;

	va_start(ap, n);
	for (uint32_t i = 0; i < n; i++)
		f->st_refs[i] = va_arg(ap, uint32_t);
	va_end(ap);
	f->tests[0].states = f->st_refs;
	f->tests[0].nstates = n;
}

/* ---- the object's flag --------------------------------------------------- */
static enum oval_result
flag_case(enum oval_flag flag, enum oval_existence ex, bool with_state)
{
	struct fx *f = fx_new();
	struct oval_entity e;
	enum oval_result r;

	f->tests[0].check_existence = ex;
	if (with_state) {
		int_state(f, 0, &e, OVAL_OP_EQUALS, "1");
		use_states(f, 1, 0);
	}
	fx_start(f);
	collected(f->s, 0, flag, 0);
	r = oval_test_eval(f->s, 0);
	fx_free(f);
	return r;
}

/* check "none exist", at_least_one_exists, one item (value 5) unless the
 * object does not exist. */
static enum oval_result
flag_case_check(enum oval_flag flag, bool with_state)
{
	struct fx *f = fx_new();
	struct oval_entity e;
	enum oval_result r;

	f->tests[0].check = OVAL_CHECK_NONE_EXIST;
	if (with_state) {
		int_state(f, 0, &e, OVAL_OP_EQUALS, "1");
		use_states(f, 1, 0);
	}
	fx_start(f);
	if (flag == OVAL_FLAG_COMPLETE)
		collected(f->s, 0, flag, 1,
		    item(f->s, OVAL_ST_EXISTS, "value", "5", NULL));
	else
		collected(f->s, 0, flag, 0);
	r = oval_test_eval(f->s, 0);
	fx_free(f);
	return r;
}

static enum oval_result check_case(enum oval_check ck, enum oval_flag flag,
    const char *gt);

static void
test_eval_test__object_flags(void **state)
{
	(void)state;
	assert_int_equal(flag_case(OVAL_FLAG_ERROR,
	    OVAL_EX_AT_LEAST_ONE_EXISTS, false), OVAL_R_ERROR);
	assert_int_equal(flag_case(OVAL_FLAG_NOT_COLLECTED,
	    OVAL_EX_NONE_EXIST, false), OVAL_R_UNKNOWN);
	assert_int_equal(flag_case(OVAL_FLAG_NOT_APPLICABLE,
	    OVAL_EX_AT_LEAST_ONE_EXISTS, true), OVAL_R_NOT_APPLICABLE);
	/* does not exist: decided by check_existence over no items */
	assert_int_equal(flag_case(OVAL_FLAG_DOES_NOT_EXIST,
	    OVAL_EX_AT_LEAST_ONE_EXISTS, false), OVAL_R_FALSE);
	assert_int_equal(flag_case(OVAL_FLAG_DOES_NOT_EXIST,
	    OVAL_EX_NONE_EXIST, false), OVAL_R_TRUE);
	assert_int_equal(flag_case(OVAL_FLAG_DOES_NOT_EXIST,
	    OVAL_EX_ONLY_ONE_EXISTS, true), OVAL_R_FALSE);
	/* any_exist: "zero or more": nothing to compare, true */
	assert_int_equal(flag_case(OVAL_FLAG_DOES_NOT_EXIST,
	    OVAL_EX_ANY_EXIST, true), OVAL_R_TRUE);
	assert_int_equal(flag_case(OVAL_FLAG_COMPLETE, OVAL_EX_ANY_EXIST,
	    true), OVAL_R_TRUE);
}

/* check="none exist" (deprecated in 5.3): "true if no matching object
 * exists that satisfy the data requirements". */
static void
test_eval_test__check_none_exist(void **state)
{
	(void)state;
	/* no states: an existence check */
	assert_int_equal(flag_case_check(OVAL_FLAG_DOES_NOT_EXIST, false),
	    OVAL_R_TRUE);
	assert_int_equal(flag_case_check(OVAL_FLAG_COMPLETE, false),
	    OVAL_R_FALSE);
	/* with a state (value = 1) and an item value 5: none satisfies */
	assert_int_equal(flag_case_check(OVAL_FLAG_COMPLETE, true),
	    OVAL_R_TRUE);
	assert_int_equal(check_case(OVAL_CHECK_NONE_EXIST, OVAL_FLAG_COMPLETE,
	    "2"), OVAL_R_FALSE);
}

/* unknown_test: always unknown. */
static void
test_eval_test__unknown_test(void **state)
{
	struct fx *f = fx_new();

	(void)state;
	f->tests[0].type = "unknown_test";
	f->tests[0].object = OVAL_NONE;
	fx_start(f);
	assert_int_equal(oval_test_eval(f->s, 0), OVAL_R_UNKNOWN);
	assert_true(f->s->test_res[0].done);
	fx_free(f);
}

/* ---- check_existence × item statuses ------------------------------------- */
static void
test_eval_test__existence(void **state)
{
	static const struct {
		enum oval_existence	ex;
		int			nex, ndne, nerr;
		enum oval_result	want;
	} rows[] = {
		{ OVAL_EX_AT_LEAST_ONE_EXISTS, 1, 1, 0, OVAL_R_TRUE },
		{ OVAL_EX_AT_LEAST_ONE_EXISTS, 0, 1, 0, OVAL_R_FALSE },
		{ OVAL_EX_AT_LEAST_ONE_EXISTS, 0, 1, 1, OVAL_R_ERROR },
		/* all_exist on a test "is equivalent to
		 * 'at_least_one_exists'" (oval-common-schema) */
		{ OVAL_EX_ALL_EXIST, 1, 1, 0, OVAL_R_TRUE },
		{ OVAL_EX_ALL_EXIST, 0, 0, 0, OVAL_R_FALSE },
		{ OVAL_EX_NONE_EXIST, 0, 1, 0, OVAL_R_TRUE },
		{ OVAL_EX_NONE_EXIST, 1, 0, 0, OVAL_R_FALSE },
		{ OVAL_EX_ONLY_ONE_EXISTS, 1, 1, 0, OVAL_R_TRUE },
		{ OVAL_EX_ONLY_ONE_EXISTS, 2, 0, 0, OVAL_R_FALSE },
		{ OVAL_EX_ANY_EXIST, 0, 2, 0, OVAL_R_TRUE },
		{ OVAL_EX_ANY_EXIST, 0, 0, 1, OVAL_R_ERROR },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		struct fx *f = fx_new();
		struct oval_collected *c;
		const char *vals[] = { "a", "b", "c", "d", "e", "f" };
		int k = 0;

		f->tests[0].check_existence = rows[i].ex;
		fx_start(f);
		collected(f->s, 0, OVAL_FLAG_COMPLETE, 0);
		c = &f->s->sc.objs[0];
		c->items = ks_realloc(c->items, 8 * sizeof(*c->items));
		for (int j = 0; j < rows[i].nex; j++)
			c->items[c->nitems++] = item(f->s, OVAL_ST_EXISTS,
			    "name", vals[k++], NULL);
		for (int j = 0; j < rows[i].ndne; j++)
			c->items[c->nitems++] = item(f->s,
			    OVAL_ST_DOES_NOT_EXIST, "name", vals[k++], NULL);
		for (int j = 0; j < rows[i].nerr; j++)
			c->items[c->nitems++] = item(f->s, OVAL_ST_ERROR,
			    "name", vals[k++], NULL);
		if (oval_test_eval(f->s, 0) != rows[i].want)
			fail_msg("row %zu: got %s want %s", i,
			    oval_result_name(oval_test_eval(f->s, 0)),
			    oval_result_name(rows[i].want));
		fx_free(f);
	}
}

/* ---- check --------------------------------------------------------------- */
/* Items with value 1, 2, 3 against "value > 1": two of three satisfy. */
static enum oval_result
check_case(enum oval_check ck, enum oval_flag flag, const char *gt)
{
	struct fx *f = fx_new();
	struct oval_entity e;
	enum oval_result r;

	f->tests[0].check = ck;
	int_state(f, 0, &e, OVAL_OP_GREATER_THAN, gt);
	use_states(f, 1, 0);
	fx_start(f);
	collected(f->s, 0, flag, 3,
	    item(f->s, OVAL_ST_EXISTS, "value", "1", NULL),
	    item(f->s, OVAL_ST_EXISTS, "value", "2", NULL),
	    item(f->s, OVAL_ST_EXISTS, "value", "3", NULL));
	r = oval_test_eval(f->s, 0);
	fx_free(f);
	return r;
}

static void
test_eval_test__check(void **state)
{
	(void)state;
	assert_int_equal(check_case(OVAL_CHECK_ALL, OVAL_FLAG_COMPLETE, "1"),
	    OVAL_R_FALSE);
	assert_int_equal(check_case(OVAL_CHECK_ALL, OVAL_FLAG_COMPLETE, "0"),
	    OVAL_R_TRUE);
	assert_int_equal(check_case(OVAL_CHECK_AT_LEAST_ONE,
	    OVAL_FLAG_COMPLETE, "1"), OVAL_R_TRUE);
	assert_int_equal(check_case(OVAL_CHECK_AT_LEAST_ONE,
	    OVAL_FLAG_COMPLETE, "3"), OVAL_R_FALSE);
	assert_int_equal(check_case(OVAL_CHECK_ONLY_ONE, OVAL_FLAG_COMPLETE,
	    "2"), OVAL_R_TRUE);
	assert_int_equal(check_case(OVAL_CHECK_ONLY_ONE, OVAL_FLAG_COMPLETE,
	    "1"), OVAL_R_FALSE);
	assert_int_equal(check_case(OVAL_CHECK_NONE_SATISFY,
	    OVAL_FLAG_COMPLETE, "3"), OVAL_R_TRUE);
	assert_int_equal(check_case(OVAL_CHECK_NONE_SATISFY,
	    OVAL_FLAG_COMPLETE, "2"), OVAL_R_FALSE);
	/* a value that is not an int: that item is error */
	assert_int_equal(check_case(OVAL_CHECK_ALL, OVAL_FLAG_COMPLETE, "x"),
	    OVAL_R_ERROR);
}

/* Incomplete: more items may exist. A result no further item could change
 * stays; anything else is unknown. */
static void
test_eval_test__incomplete(void **state)
{
	(void)state;
	/* a false item decides "all" */
	assert_int_equal(check_case(OVAL_CHECK_ALL, OVAL_FLAG_INCOMPLETE,
	    "1"), OVAL_R_FALSE);
	/* all true so far: unknown */
	assert_int_equal(check_case(OVAL_CHECK_ALL, OVAL_FLAG_INCOMPLETE,
	    "0"), OVAL_R_UNKNOWN);
	/* a true item decides "at least one" */
	assert_int_equal(check_case(OVAL_CHECK_AT_LEAST_ONE,
	    OVAL_FLAG_INCOMPLETE, "2"), OVAL_R_TRUE);
	assert_int_equal(check_case(OVAL_CHECK_AT_LEAST_ONE,
	    OVAL_FLAG_INCOMPLETE, "3"), OVAL_R_UNKNOWN);
	/* two true items decide "only one" */
	assert_int_equal(check_case(OVAL_CHECK_ONLY_ONE, OVAL_FLAG_INCOMPLETE,
	    "1"), OVAL_R_FALSE);
	assert_int_equal(check_case(OVAL_CHECK_ONLY_ONE, OVAL_FLAG_INCOMPLETE,
	    "2"), OVAL_R_UNKNOWN);
	assert_int_equal(check_case(OVAL_CHECK_NONE_SATISFY,
	    OVAL_FLAG_INCOMPLETE, "2"), OVAL_R_FALSE);
}

/* ---- several states, state_operator -------------------------------------- */
/* TestType state_operator: "one state can check that a value greater than
 * 8 is found and another state can check that a value of less than 16 ...
 * combined with a state_operator = 'AND'". */
static enum oval_result
range_case(enum oval_operator op, const char *v)
{
	struct fx *f = fx_new();
	struct oval_entity e1, e2;
	enum oval_result r;

	f->tests[0].state_operator = op;
	int_state(f, 0, &e1, OVAL_OP_GREATER_THAN, "8");
	int_state(f, 1, &e2, OVAL_OP_LESS_THAN, "16");
	use_states(f, 2, 0, 1);
	fx_start(f);
	collected(f->s, 0, OVAL_FLAG_COMPLETE, 1,
	    item(f->s, OVAL_ST_EXISTS, "value", v, NULL));
	r = oval_test_eval(f->s, 0);
	fx_free(f);
	return r;
}

static void
test_eval_test__state_operator(void **state)
{
	(void)state;
	assert_int_equal(range_case(OVAL_OPR_AND, "10"), OVAL_R_TRUE);
	assert_int_equal(range_case(OVAL_OPR_AND, "20"), OVAL_R_FALSE);
	assert_int_equal(range_case(OVAL_OPR_OR, "20"), OVAL_R_TRUE);
	assert_int_equal(range_case(OVAL_OPR_ONE, "10"), OVAL_R_FALSE);
	assert_int_equal(range_case(OVAL_OPR_ONE, "20"), OVAL_R_TRUE);
	assert_int_equal(range_case(OVAL_OPR_XOR, "5"), OVAL_R_TRUE);
	assert_int_equal(range_case(OVAL_OPR_XOR, "10"), OVAL_R_FALSE);
}

/* StateType: entities evaluated separately, combined by the state's
 * operator; entity_check over repeated item entities. */
static void
test_eval_test__state_entities_and_entity_check(void **state)
{
	struct fx *f = fx_new();
	struct oval_entity es[2] = {
		{ .name = "user", .value = "fred", .dt = OVAL_DT_STRING,
		  .op = OVAL_OP_EQUALS, .var = OVAL_NONE,
		  .entity_check = OVAL_CHECK_AT_LEAST_ONE },
		{ .name = "group", .value = "wheel", .dt = OVAL_DT_STRING,
		  .op = OVAL_OP_EQUALS, .var = OVAL_NONE },
	};
	uint32_t it;

	(void)state;
	f->states[0] = (struct oval_state){ .id = "oval:t:ste:1",
	    .operator = OVAL_OPR_AND, .ents = es, .nents = 2 };
	use_states(f, 1, 0);
	fx_start(f);
	it = item(f->s, OVAL_ST_EXISTS, "group", "wheel", "user", "joe",
	    "user", "fred", NULL);
	/* at least one user is fred, and the group is wheel */
	assert_int_equal(oval_eval_state_item(f->s, 0, &f->s->sc.items[it]),
	    OVAL_R_TRUE);
	es[0].entity_check = OVAL_CHECK_ALL;
	assert_int_equal(oval_eval_state_item(f->s, 0, &f->s->sc.items[it]),
	    OVAL_R_FALSE);
	es[0].entity_check = OVAL_CHECK_ONLY_ONE;
	assert_int_equal(oval_eval_state_item(f->s, 0, &f->s->sc.items[it]),
	    OVAL_R_TRUE);
	es[0].entity_check = OVAL_CHECK_NONE_SATISFY;
	assert_int_equal(oval_eval_state_item(f->s, 0, &f->s->sc.items[it]),
	    OVAL_R_FALSE);
	/* operator OR: the group alone suffices */
	f->states[0].operator = OVAL_OPR_OR;
	assert_int_equal(oval_eval_state_item(f->s, 0, &f->s->sc.items[it]),
	    OVAL_R_TRUE);
	/* a state entity the item does not have: false */
	f->states[0].operator = OVAL_OPR_AND;
	es[0].entity_check = OVAL_CHECK_AT_LEAST_ONE;
	es[1].name = "shell";
	assert_int_equal(oval_eval_state_item(f->s, 0, &f->s->sc.items[it]),
	    OVAL_R_FALSE);
	fx_free(f);
}

/* Tested items with their results and tested variables are recorded;
 * the result is memoised. */
static void
test_eval_test__records(void **state)
{
	struct fx *f = fx_new();
	const char *vals[] = { "2" };
	struct oval_entity e = { .name = "value", .dt = OVAL_DT_INT,
	    .op = OVAL_OP_EQUALS, .var = 0 };
	const struct oval_test_result *tr;
	uint32_t a, b, c;

	(void)state;
	f->vars[0] = (struct oval_variable){ .id = "oval:t:var:1",
	    .kind = OVAL_VAR_CONSTANT, .dt = OVAL_DT_INT, .values = vals,
	    .nvalues = 1 };
	f->states[0] = (struct oval_state){ .id = "oval:t:ste:1",
	    .operator = OVAL_OPR_AND, .ents = &e, .nents = 1 };
	f->tests[0].check = OVAL_CHECK_AT_LEAST_ONE;
	use_states(f, 1, 0);
	fx_start(f);
	a = item(f->s, OVAL_ST_EXISTS, "value", "1", NULL);
	b = item(f->s, OVAL_ST_EXISTS, "value", "2", NULL);
	c = item(f->s, OVAL_ST_DOES_NOT_EXIST, "value", "3", NULL);
	collected(f->s, 0, OVAL_FLAG_COMPLETE, 3, a, b, c);
	assert_int_equal(oval_test_eval(f->s, 0), OVAL_R_TRUE);
	tr = &f->s->test_res[0];
	assert_true(tr->done);
	assert_int_equal(tr->nitems, 3);
	assert_int_equal(tr->items[0].item, a);
	assert_int_equal(tr->items[0].result, OVAL_R_FALSE);
	assert_int_equal(tr->items[1].item, b);
	assert_int_equal(tr->items[1].result, OVAL_R_TRUE);
	assert_int_equal(tr->items[2].result, OVAL_R_NOT_EVALUATED);
	assert_int_equal(tr->nvarvals, 1);
	assert_int_equal(tr->varvals[0].var, 0);
	assert_string_equal(tr->varvals[0].value, "2");
	/* memoised: a changed state does not change the result */
	e.value = "9";
	e.var = OVAL_NONE;
	assert_int_equal(oval_test_eval(f->s, 0), OVAL_R_TRUE);
	fx_free(f);
}

/* An item whose status is error or not collected. */
static void
test_eval_test__item_status(void **state)
{
	struct fx *f = fx_new();
	struct oval_entity e;

	(void)state;
	int_state(f, 0, &e, OVAL_OP_EQUALS, "1");
	use_states(f, 1, 0);
	f->tests[0].check = OVAL_CHECK_AT_LEAST_ONE;
	fx_start(f);
	collected(f->s, 0, OVAL_FLAG_COMPLETE, 2,
	    item(f->s, OVAL_ST_EXISTS, "value", "5", NULL),
	    item(f->s, OVAL_ST_NOT_COLLECTED, "value", "6", NULL));
	assert_int_equal(oval_test_eval(f->s, 0), OVAL_R_UNKNOWN);
	fx_free(f);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_eval_test__object_flags),
		cmocka_unit_test(test_eval_test__unknown_test),
		cmocka_unit_test(test_eval_test__check_none_exist),
		cmocka_unit_test(test_eval_test__existence),
		cmocka_unit_test(test_eval_test__check),
		cmocka_unit_test(test_eval_test__incomplete),
		cmocka_unit_test(test_eval_test__state_operator),
		cmocka_unit_test(test_eval_test__state_entities_and_entity_check),
		cmocka_unit_test(test_eval_test__records),
		cmocka_unit_test(test_eval_test__item_status),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
