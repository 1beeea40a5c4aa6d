/*
 * The OVAL 5.11 truth tables: how an operator (AND, ONE, OR, XOR), a check
 * (all, at least one, none satisfy, only one) and an existence value
 * (all_exist ... only_one_exists) combine individual results or item
 * statuses, and negation. The tables are the evaluation_chart annotations
 * of OperatorEnumeration, CheckEnumeration and ExistenceEnumeration in
 * oval-common-schema.xsd. It does not walk criteria or items: eval_*.c
 * counts and calls these.
 */
#include "oval/oval_int.h"

/*
 * The charts share one shape: after the row that decides the "positive"
 * outcome, error beats unknown beats not evaluated, and "not applicable"
 * results are ignored unless every result is one (then the answer is not
 * applicable). Only XOR's chart has a row for zero results of any kind
 * (zero trues is "even": false); for the others we answer unknown, because
 * nothing was learnt (eval_*.c never asks: the schema requires at least one
 * criterion, and a test with no items is decided by its existence check).
 */
static bool
only_na(const struct oval_rcount *rc, enum oval_result *out)
{
	uint32_t n = rc->c[OVAL_R_TRUE] + rc->c[OVAL_R_FALSE] +
	    rc->c[OVAL_R_ERROR] + rc->c[OVAL_R_UNKNOWN] +
	    rc->c[OVAL_R_NOT_EVALUATED];

	if (n != 0)
		return false;
	*out = rc->c[OVAL_R_NOT_APPLICABLE] != 0 ? OVAL_R_NOT_APPLICABLE :
	    OVAL_R_UNKNOWN;
	return true;
}

/* Error, then unknown, then not evaluated; OVAL_R_COUNT when none. */
static enum oval_result
undecided(const struct oval_rcount *rc)
{
	if (rc->c[OVAL_R_ERROR] != 0)
		return OVAL_R_ERROR;
	if (rc->c[OVAL_R_UNKNOWN] != 0)
		return OVAL_R_UNKNOWN;
	if (rc->c[OVAL_R_NOT_EVALUATED] != 0)
		return OVAL_R_NOT_EVALUATED;
	return OVAL_R_COUNT;
}

/* AND / check "all": any false -> false; else E, U, NE; else true. */
static enum oval_result
all_true(const struct oval_rcount *rc)
{
	enum oval_result r;

	if (only_na(rc, &r))
		return r;
	if (rc->c[OVAL_R_FALSE] != 0)
		return OVAL_R_FALSE;
	r = undecided(rc);
	return r != OVAL_R_COUNT ? r : OVAL_R_TRUE;
}

/* OR / check "at least one": any true -> true; else E, U, NE; else false. */
static enum oval_result
any_true(const struct oval_rcount *rc)
{
	enum oval_result r;

	if (only_na(rc, &r))
		return r;
	if (rc->c[OVAL_R_TRUE] != 0)
		return OVAL_R_TRUE;
	r = undecided(rc);
	return r != OVAL_R_COUNT ? r : OVAL_R_FALSE;
}

/* ONE / check "only one": 2+ true -> false (even with errors); else E, U,
 * NE; else exactly one true -> true, none -> false. */
static enum oval_result
one_true(const struct oval_rcount *rc)
{
	enum oval_result r;

	if (only_na(rc, &r))
		return r;
	if (rc->c[OVAL_R_TRUE] >= 2)
		return OVAL_R_FALSE;
	r = undecided(rc);
	if (r != OVAL_R_COUNT)
		return r;
	return rc->c[OVAL_R_TRUE] == 1 ? OVAL_R_TRUE : OVAL_R_FALSE;
}

/* XOR: E, U, NE first (the chart allows any number of trues with them);
 * else an odd number of trues -> true, an even one (zero too) -> false. */
static enum oval_result
odd_true(const struct oval_rcount *rc)
{
	enum oval_result r;

	if (only_na(rc, &r) && r == OVAL_R_NOT_APPLICABLE)
		return r;
	r = undecided(rc);
	if (r != OVAL_R_COUNT)
		return r;
	return (rc->c[OVAL_R_TRUE] & 1u) ? OVAL_R_TRUE : OVAL_R_FALSE;
}

/* Check "none satisfy": any true -> false; else E, U, NE; else true. */
static enum oval_result
none_true(const struct oval_rcount *rc)
{
	enum oval_result r;

	if (only_na(rc, &r))
		return r;
	if (rc->c[OVAL_R_TRUE] != 0)
		return OVAL_R_FALSE;
	r = undecided(rc);
	return r != OVAL_R_COUNT ? r : OVAL_R_TRUE;
}

enum oval_result
oval_operator_apply(enum oval_operator op, const struct oval_rcount *rc)
{
	switch (op) {
	case OVAL_OPR_AND:
		return all_true(rc);
	case OVAL_OPR_ONE:
		return one_true(rc);
	case OVAL_OPR_OR:
		return any_true(rc);
	case OVAL_OPR_XOR:
		return odd_true(rc);
	}
	return OVAL_R_ERROR;
}

enum oval_result
oval_check_apply(enum oval_check ck, const struct oval_rcount *rc)
{
	switch (ck) {
	case OVAL_CHECK_ALL:
		return all_true(rc);
	case OVAL_CHECK_AT_LEAST_ONE:
		return any_true(rc);
	case OVAL_CHECK_ONLY_ONE:
		return one_true(rc);
	case OVAL_CHECK_NONE_SATISFY:
	/* "none exist" (deprecated in 5.3) was replaced by "none satisfy"
	 * and means "true if no matching object ... satisfies the data
	 * requirements": the same chart. */
	case OVAL_CHECK_NONE_EXIST:
		return none_true(rc);
	}
	return OVAL_R_ERROR;
}

/*
 * ExistenceEnumeration charts (EX exists, DE does not exist, ER error, NC
 * not collected). They never produce "not evaluated"/"not applicable".
 * all_exist is the chart for a state entity's check_existence; for a test
 * the schema says it "is equivalent to at_least_one_exists", a mapping the
 * test evaluator makes before calling.
 */
enum oval_result
oval_existence_apply(enum oval_existence ex, uint32_t n_exists,
    uint32_t n_dne, uint32_t n_error, uint32_t n_nc)
{
	switch (ex) {
	case OVAL_EX_ALL_EXIST:
		/* 0+|1+|0+|0+ F; 0+|0|1+|0+ E; 0+|0|0|1+ U; 1+|0|0|0 T;
		 * 0|0|0|0 F */
		if (n_dne != 0)
			return OVAL_R_FALSE;
		if (n_error != 0)
			return OVAL_R_ERROR;
		if (n_nc != 0)
			return OVAL_R_UNKNOWN;
		return n_exists != 0 ? OVAL_R_TRUE : OVAL_R_FALSE;
	case OVAL_EX_ANY_EXIST:
		/* 0+|0+|0|0+ T; 1+|0+|1+|0+ T; 0|0+|1+|0+ E */
		if (n_error != 0 && n_exists == 0)
			return OVAL_R_ERROR;
		return OVAL_R_TRUE;
	case OVAL_EX_AT_LEAST_ONE_EXISTS:
		/* 1+|0+|0+|0+ T; 0|0+|1+|0+ E; 0|0+|0|1+ U; 0|0+|0|0 F */
		if (n_exists != 0)
			return OVAL_R_TRUE;
		if (n_error != 0)
			return OVAL_R_ERROR;
		if (n_nc != 0)
			return OVAL_R_UNKNOWN;
		return OVAL_R_FALSE;
	case OVAL_EX_NONE_EXIST:
		/* 1+|0+|0+|0+ F; 0|0+|1+|0+ E; 0|0+|0|1+ U; 0|0+|0|0 T */
		if (n_exists != 0)
			return OVAL_R_FALSE;
		if (n_error != 0)
			return OVAL_R_ERROR;
		if (n_nc != 0)
			return OVAL_R_UNKNOWN;
		return OVAL_R_TRUE;
	case OVAL_EX_ONLY_ONE_EXISTS:
		/* 2+|0+|0+|0+ F; 0,1|0+|1+|0+ E; 0,1|0+|0|1+ U;
		 * 1|0+|0|0 T; 0|0+|0|0 F */
		if (n_exists >= 2)
			return OVAL_R_FALSE;
		if (n_error != 0)
			return OVAL_R_ERROR;
		if (n_nc != 0)
			return OVAL_R_UNKNOWN;
		return n_exists == 1 ? OVAL_R_TRUE : OVAL_R_FALSE;
	}
	return OVAL_R_ERROR;
}

/* "if the individual test is negated, then a true result is false and a
 * false result is true, all other results stay as is" (OperatorEnumeration
 * evaluation_documentation). */
enum oval_result
oval_negate(enum oval_result r)
{
	if (r == OVAL_R_TRUE)
		return OVAL_R_FALSE;
	if (r == OVAL_R_FALSE)
		return OVAL_R_TRUE;
	return r;
}
