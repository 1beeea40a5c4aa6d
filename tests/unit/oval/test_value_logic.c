/*
 * Tests for oval/value_logic.c. The evaluation charts of OperatorEnumeration,
 * CheckEnumeration and ExistenceEnumeration (oval-common-schema.xsd 5.11.3)
 * are transcribed below row by row, as text, and used as an oracle over every
 * combination of 0..3 results of each kind; named cases then spell out rows.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "oval/oval_int.h"

/* One chart row: a count pattern per column and the final result. Column
 * order T F E U NE NA (results) or EX DE ER NC (existence). */
struct row {
	const char		*col[6];
	enum oval_result	 res;
};

/* "1+" one or more, "0+" any, "2+", "0,1", "odd", "even", or a number. */
static bool
count_matches(const char *pat, uint32_t n)
{
	if (strcmp(pat, "0+") == 0)
		return true;
	if (strcmp(pat, "1+") == 0)
		return n >= 1;
	if (strcmp(pat, "2+") == 0)
		return n >= 2;
	if (strcmp(pat, "0,1") == 0)
		return n <= 1;
	if (strcmp(pat, "odd") == 0)
		return n % 2 == 1;
	if (strcmp(pat, "even") == 0)
		return n % 2 == 0;
	return n == (uint32_t)(pat[0] - '0') && pat[1] == '\0';
}

#define T OVAL_R_TRUE
#define F OVAL_R_FALSE
#define E OVAL_R_ERROR
#define U OVAL_R_UNKNOWN
#define NE OVAL_R_NOT_EVALUATED
#define NA OVAL_R_NOT_APPLICABLE

/* OperatorEnumeration charts, verbatim. */
static const struct row and_rows[] = {
	{ { "1+", "0", "0", "0", "0", "0+" }, T },
	{ { "0+", "1+", "0+", "0+", "0+", "0+" }, F },
	{ { "0+", "0", "1+", "0+", "0+", "0+" }, E },
	{ { "0+", "0", "0", "1+", "0+", "0+" }, U },
	{ { "0+", "0", "0", "0", "1+", "0+" }, NE },
	{ { "0", "0", "0", "0", "0", "1+" }, NA },
};
static const struct row one_rows[] = {
	{ { "1", "0+", "0", "0", "0", "0+" }, T },
	{ { "2+", "0+", "0+", "0+", "0+", "0+" }, F },
	{ { "0", "1+", "0", "0", "0", "0+" }, F },
	{ { "0,1", "0+", "1+", "0+", "0+", "0+" }, E },
	{ { "0,1", "0+", "0", "1+", "0+", "0+" }, U },
	{ { "0,1", "0+", "0", "0", "1+", "0+" }, NE },
	{ { "0", "0", "0", "0", "0", "1+" }, NA },
};
static const struct row or_rows[] = {
	{ { "1+", "0+", "0+", "0+", "0+", "0+" }, T },
	{ { "0", "1+", "0", "0", "0", "0+" }, F },
	{ { "0", "0+", "1+", "0+", "0+", "0+" }, E },
	{ { "0", "0+", "0", "1+", "0+", "0+" }, U },
	{ { "0", "0+", "0", "0", "1+", "0+" }, NE },
	{ { "0", "0", "0", "0", "0", "1+" }, NA },
};
static const struct row xor_rows[] = {
	{ { "odd", "0+", "0", "0", "0", "0+" }, T },
	{ { "even", "0+", "0", "0", "0", "0+" }, F },
	{ { "0+", "0+", "1+", "0+", "0+", "0+" }, E },
	{ { "0+", "0+", "0", "1+", "0+", "0+" }, U },
	{ { "0+", "0+", "0", "0", "1+", "0+" }, NE },
	{ { "0", "0", "0", "0", "0", "1+" }, NA },
};
/* CheckEnumeration charts: ALL and AT LEAST ONE and ONLY ONE are the AND,
 * OR and ONE charts again (transcribed again, not shared, on purpose). */
static const struct row all_rows[] = {
	{ { "1+", "0", "0", "0", "0", "0+" }, T },
	{ { "0+", "1+", "0+", "0+", "0+", "0+" }, F },
	{ { "0+", "0", "1+", "0+", "0+", "0+" }, E },
	{ { "0+", "0", "0", "1+", "0+", "0+" }, U },
	{ { "0+", "0", "0", "0", "1+", "0+" }, NE },
	{ { "0", "0", "0", "0", "0", "1+" }, NA },
};
static const struct row atleastone_rows[] = {
	{ { "1+", "0+", "0+", "0+", "0+", "0+" }, T },
	{ { "0", "1+", "0", "0", "0", "0+" }, F },
	{ { "0", "0+", "1+", "0+", "0+", "0+" }, E },
	{ { "0", "0+", "0", "1+", "0+", "0+" }, U },
	{ { "0", "0+", "0", "0", "1+", "0+" }, NE },
	{ { "0", "0", "0", "0", "0", "1+" }, NA },
};
static const struct row onlyone_rows[] = {
	{ { "1", "0+", "0", "0", "0", "0+" }, T },
	{ { "2+", "0+", "0+", "0+", "0+", "0+" }, F },
	{ { "0", "1+", "0", "0", "0", "0+" }, F },
	{ { "0,1", "0+", "1+", "0+", "0+", "0+" }, E },
	{ { "0,1", "0+", "0", "1+", "0+", "0+" }, U },
	{ { "0,1", "0+", "0", "0", "1+", "0+" }, NE },
	{ { "0", "0", "0", "0", "0", "1+" }, NA },
};
static const struct row nonesatisfy_rows[] = {
	{ { "0", "1+", "0", "0", "0", "0+" }, T },
	{ { "1+", "0+", "0+", "0+", "0+", "0+" }, F },
	{ { "0", "0+", "1+", "0+", "0+", "0+" }, E },
	{ { "0", "0+", "0", "1+", "0+", "0+" }, U },
	{ { "0", "0+", "0", "0", "1+", "0+" }, NE },
	{ { "0", "0", "0", "0", "0", "1+" }, NA },
};

/*
 * What the chart says for counts c: the result of the one matching row.
 * Two charts are ambiguous or silent and we fix the answer (documented in
 * value_logic.c): XOR's "even" row also matches "all not applicable"
 * (the NA row wins, as in every other chart), and no row of the other
 * charts matches zero results of every kind (unknown).
 */
static enum oval_result
chart(const struct row *rows, size_t n, const uint32_t c[6])
{
	enum oval_result found = OVAL_R_COUNT;
	size_t i, k, hits = 0;
	bool na_row = false;

	for (i = 0; i < n; i++) {
		for (k = 0; k < 6; k++)
			if (!count_matches(rows[i].col[k], c[k]))
				break;
		if (k < 6)
			continue;
		if (hits > 0 && found != rows[i].res &&
		    rows[i].res != OVAL_R_NOT_APPLICABLE)
			fail_msg("chart rows disagree");
		if (rows[i].res == OVAL_R_NOT_APPLICABLE)
			na_row = true;
		found = rows[i].res;
		hits++;
	}
	if (na_row)
		return OVAL_R_NOT_APPLICABLE;
	if (hits == 0) {
		for (k = 0; k < 6; k++)
			assert_int_equal(c[k], 0);
		return OVAL_R_UNKNOWN;
	}
	return found;
}

/* Counts in the ResultEnumeration order of struct oval_rcount. */
static void
to_rcount(const uint32_t c[6], struct oval_rcount *rc)
{
	memset(rc, 0, sizeof(*rc));
	rc->c[OVAL_R_TRUE] = c[0];
	rc->c[OVAL_R_FALSE] = c[1];
	rc->c[OVAL_R_ERROR] = c[2];
	rc->c[OVAL_R_UNKNOWN] = c[3];
	rc->c[OVAL_R_NOT_EVALUATED] = c[4];
	rc->c[OVAL_R_NOT_APPLICABLE] = c[5];
}

typedef enum oval_result (*apply_fn)(int which, const struct oval_rcount *);

static enum oval_result
apply_operator(int which, const struct oval_rcount *rc)
{
	return oval_operator_apply((enum oval_operator)which, rc);
}

static enum oval_result
apply_check(int which, const struct oval_rcount *rc)
{
	return oval_check_apply((enum oval_check)which, rc);
}

/* All 4^6 = 4096 count vectors with 0..3 of each result. */
static void
exhaust(apply_fn fn, int which, const struct row *rows, size_t n)
{
	uint32_t c[6];
	struct oval_rcount rc;
	unsigned i, k, x;
	enum oval_result want, got;

	for (i = 0; i < 4096; i++) {
		for (k = 0, x = i; k < 6; k++, x /= 4)
			c[k] = x % 4;
		to_rcount(c, &rc);
		want = chart(rows, n, c);
		got = fn(which, &rc);
		if (want != got)
			fail_msg("T%u F%u E%u U%u NE%u NA%u: want %s got %s",
			    c[0], c[1], c[2], c[3], c[4], c[5],
			    oval_result_name(want), oval_result_name(got));
	}
}

#define NROWS(r) (sizeof(r) / sizeof((r)[0]))

static void
test_value_logic__operator_charts_exhaustive(void **state)
{
	(void)state;
	exhaust(apply_operator, OVAL_OPR_AND, and_rows, NROWS(and_rows));
	exhaust(apply_operator, OVAL_OPR_ONE, one_rows, NROWS(one_rows));
	exhaust(apply_operator, OVAL_OPR_OR, or_rows, NROWS(or_rows));
	exhaust(apply_operator, OVAL_OPR_XOR, xor_rows, NROWS(xor_rows));
}

static void
test_value_logic__check_charts_exhaustive(void **state)
{
	(void)state;
	exhaust(apply_check, OVAL_CHECK_ALL, all_rows, NROWS(all_rows));
	exhaust(apply_check, OVAL_CHECK_AT_LEAST_ONE, atleastone_rows,
	    NROWS(atleastone_rows));
	exhaust(apply_check, OVAL_CHECK_ONLY_ONE, onlyone_rows,
	    NROWS(onlyone_rows));
	exhaust(apply_check, OVAL_CHECK_NONE_SATISFY, nonesatisfy_rows,
	    NROWS(nonesatisfy_rows));
	/* Deprecated "none exist": "Replaced by the 'none satisfy' value". */
	exhaust(apply_check, OVAL_CHECK_NONE_EXIST, nonesatisfy_rows,
	    NROWS(nonesatisfy_rows));
}

/* Counts helper for the named cases: T F E U NE NA. */
static enum oval_result
opr(enum oval_operator op, uint32_t t, uint32_t f, uint32_t e, uint32_t u,
    uint32_t ne, uint32_t na)
{
	const uint32_t c[6] = { t, f, e, u, ne, na };
	struct oval_rcount rc;

	to_rcount(c, &rc);
	return oval_operator_apply(op, &rc);
}

static enum oval_result
chk(enum oval_check ck, uint32_t t, uint32_t f, uint32_t e, uint32_t u,
    uint32_t ne, uint32_t na)
{
	const uint32_t c[6] = { t, f, e, u, ne, na };
	struct oval_rcount rc;

	to_rcount(c, &rc);
	return oval_check_apply(ck, &rc);
}

/* Every row of every operator chart, once each, with the documentation's
 * words ("If one or more arguments are false, the result of the AND is
 * false", ...). */
static void
test_value_logic__operator_rows(void **state)
{
	(void)state;
	/* AND */
	assert_int_equal(opr(OVAL_OPR_AND, 3, 0, 0, 0, 0, 2), T);
	assert_int_equal(opr(OVAL_OPR_AND, 5, 1, 1, 1, 1, 1), F);
	assert_int_equal(opr(OVAL_OPR_AND, 1, 0, 1, 1, 1, 1), E);
	assert_int_equal(opr(OVAL_OPR_AND, 1, 0, 0, 1, 1, 1), U);
	assert_int_equal(opr(OVAL_OPR_AND, 1, 0, 0, 0, 1, 1), NE);
	assert_int_equal(opr(OVAL_OPR_AND, 0, 0, 0, 0, 0, 4), NA);
	/* ONE: "If there are more than argument is true (or if there are no
	 * true arguments), the result of the ONE is false." */
	assert_int_equal(opr(OVAL_OPR_ONE, 1, 7, 0, 0, 0, 1), T);
	assert_int_equal(opr(OVAL_OPR_ONE, 2, 0, 3, 3, 3, 3), F);
	assert_int_equal(opr(OVAL_OPR_ONE, 0, 2, 0, 0, 0, 1), F);
	assert_int_equal(opr(OVAL_OPR_ONE, 1, 1, 1, 1, 1, 1), E);
	assert_int_equal(opr(OVAL_OPR_ONE, 0, 1, 0, 1, 1, 1), U);
	assert_int_equal(opr(OVAL_OPR_ONE, 1, 1, 0, 0, 1, 1), NE);
	assert_int_equal(opr(OVAL_OPR_ONE, 0, 0, 0, 0, 0, 1), NA);
	/* OR */
	assert_int_equal(opr(OVAL_OPR_OR, 1, 3, 3, 3, 3, 3), T);
	assert_int_equal(opr(OVAL_OPR_OR, 0, 2, 0, 0, 0, 1), F);
	assert_int_equal(opr(OVAL_OPR_OR, 0, 2, 1, 1, 1, 1), E);
	assert_int_equal(opr(OVAL_OPR_OR, 0, 2, 0, 1, 1, 1), U);
	assert_int_equal(opr(OVAL_OPR_OR, 0, 2, 0, 0, 1, 1), NE);
	assert_int_equal(opr(OVAL_OPR_OR, 0, 0, 0, 0, 0, 1), NA);
	/* XOR: "true if an odd number of its arguments are true" */
	assert_int_equal(opr(OVAL_OPR_XOR, 3, 2, 0, 0, 0, 1), T);
	assert_int_equal(opr(OVAL_OPR_XOR, 2, 2, 0, 0, 0, 1), F);
	assert_int_equal(opr(OVAL_OPR_XOR, 0, 2, 0, 0, 0, 0), F);
	assert_int_equal(opr(OVAL_OPR_XOR, 1, 0, 1, 1, 1, 0), E);
	assert_int_equal(opr(OVAL_OPR_XOR, 1, 0, 0, 1, 1, 0), U);
	assert_int_equal(opr(OVAL_OPR_XOR, 1, 0, 0, 0, 1, 0), NE);
	assert_int_equal(opr(OVAL_OPR_XOR, 0, 0, 0, 0, 0, 2), NA);
}

static void
test_value_logic__check_rows(void **state)
{
	(void)state;
	/* all: "true is given if all the individual results under
	 * consideration are true" */
	assert_int_equal(chk(OVAL_CHECK_ALL, 2, 0, 0, 0, 0, 1), T);
	assert_int_equal(chk(OVAL_CHECK_ALL, 2, 1, 1, 0, 0, 0), F);
	assert_int_equal(chk(OVAL_CHECK_ALL, 2, 0, 1, 1, 0, 0), E);
	assert_int_equal(chk(OVAL_CHECK_ALL, 2, 0, 0, 1, 1, 0), U);
	assert_int_equal(chk(OVAL_CHECK_ALL, 2, 0, 0, 0, 1, 0), NE);
	assert_int_equal(chk(OVAL_CHECK_ALL, 0, 0, 0, 0, 0, 1), NA);
	/* at least one */
	assert_int_equal(chk(OVAL_CHECK_AT_LEAST_ONE, 1, 1, 1, 1, 1, 1), T);
	assert_int_equal(chk(OVAL_CHECK_AT_LEAST_ONE, 0, 3, 0, 0, 0, 0), F);
	assert_int_equal(chk(OVAL_CHECK_AT_LEAST_ONE, 0, 3, 1, 1, 0, 0), E);
	assert_int_equal(chk(OVAL_CHECK_AT_LEAST_ONE, 0, 3, 0, 1, 1, 0), U);
	assert_int_equal(chk(OVAL_CHECK_AT_LEAST_ONE, 0, 3, 0, 0, 1, 0), NE);
	assert_int_equal(chk(OVAL_CHECK_AT_LEAST_ONE, 0, 0, 0, 0, 0, 3), NA);
	/* only one */
	assert_int_equal(chk(OVAL_CHECK_ONLY_ONE, 1, 3, 0, 0, 0, 0), T);
	assert_int_equal(chk(OVAL_CHECK_ONLY_ONE, 2, 0, 1, 1, 1, 0), F);
	assert_int_equal(chk(OVAL_CHECK_ONLY_ONE, 0, 3, 0, 0, 0, 0), F);
	assert_int_equal(chk(OVAL_CHECK_ONLY_ONE, 0, 0, 1, 0, 0, 0), E);
	assert_int_equal(chk(OVAL_CHECK_ONLY_ONE, 1, 0, 0, 1, 0, 0), U);
	assert_int_equal(chk(OVAL_CHECK_ONLY_ONE, 0, 1, 0, 0, 1, 0), NE);
	assert_int_equal(chk(OVAL_CHECK_ONLY_ONE, 0, 0, 0, 0, 0, 1), NA);
	/* none satisfy */
	assert_int_equal(chk(OVAL_CHECK_NONE_SATISFY, 0, 2, 0, 0, 0, 1), T);
	assert_int_equal(chk(OVAL_CHECK_NONE_SATISFY, 1, 0, 1, 1, 1, 0), F);
	assert_int_equal(chk(OVAL_CHECK_NONE_SATISFY, 0, 2, 1, 1, 1, 0), E);
	assert_int_equal(chk(OVAL_CHECK_NONE_SATISFY, 0, 2, 0, 1, 1, 0), U);
	assert_int_equal(chk(OVAL_CHECK_NONE_SATISFY, 0, 2, 0, 0, 1, 0), NE);
	assert_int_equal(chk(OVAL_CHECK_NONE_SATISFY, 0, 0, 0, 0, 0, 1), NA);
	/* none exist = none satisfy */
	assert_int_equal(chk(OVAL_CHECK_NONE_EXIST, 0, 1, 0, 0, 0, 0), T);
	assert_int_equal(chk(OVAL_CHECK_NONE_EXIST, 1, 1, 0, 0, 0, 0), F);
}

/* Only the XOR chart covers "no results at all" (zero trues is "even":
 * false); for the other charts kensa says unknown. */
static void
test_value_logic__empty_is_unknown(void **state)
{
	int i;

	(void)state;
	for (i = OVAL_OPR_AND; i <= OVAL_OPR_OR; i++)
		assert_int_equal(opr((enum oval_operator)i, 0, 0, 0, 0, 0, 0),
		    U);
	assert_int_equal(opr(OVAL_OPR_XOR, 0, 0, 0, 0, 0, 0), F);
	for (i = OVAL_CHECK_ALL; i <= OVAL_CHECK_ONLY_ONE; i++)
		assert_int_equal(chk((enum oval_check)i, 0, 0, 0, 0, 0, 0), U);
}

/* ExistenceEnumeration charts (EX DE ER NC); "--" rows never happen. */
static const struct row ex_all[] = {
	{ { "1+", "0", "0", "0" }, T },
	{ { "0", "0", "0", "0" }, F },
	{ { "0+", "1+", "0+", "0+" }, F },
	{ { "0+", "0", "1+", "0+" }, E },
	{ { "0+", "0", "0", "1+" }, U },
};
static const struct row ex_any[] = {
	{ { "0+", "0+", "0", "0+" }, T },
	{ { "1+", "0+", "1+", "0+" }, T },
	{ { "0", "0+", "1+", "0+" }, E },
};
static const struct row ex_alo[] = {
	{ { "1+", "0+", "0+", "0+" }, T },
	{ { "0", "0+", "0", "0" }, F },
	{ { "0", "0+", "1+", "0+" }, E },
	{ { "0", "0+", "0", "1+" }, U },
};
static const struct row ex_none[] = {
	{ { "0", "0+", "0", "0" }, T },
	{ { "1+", "0+", "0+", "0+" }, F },
	{ { "0", "0+", "1+", "0+" }, E },
	{ { "0", "0+", "0", "1+" }, U },
};
static const struct row ex_one[] = {
	{ { "1", "0+", "0", "0" }, T },
	{ { "2+", "0+", "0+", "0+" }, F },
	{ { "0", "0+", "0", "0" }, F },
	{ { "0,1", "0+", "1+", "0+" }, E },
	{ { "0,1", "0+", "0", "1+" }, U },
};

static void
exhaust_existence(enum oval_existence ex, const struct row *rows, size_t n)
{
	uint32_t c[4];
	unsigned i, k, x;
	size_t r, hits;
	enum oval_result want = OVAL_R_COUNT, got;

	for (i = 0; i < 256; i++) {
		for (k = 0, x = i; k < 4; k++, x /= 4)
			c[k] = x % 4;
		hits = 0;
		for (r = 0; r < n; r++) {
			for (k = 0; k < 4; k++)
				if (!count_matches(rows[r].col[k], c[k]))
					break;
			if (k < 4)
				continue;
			if (hits > 0 && want != rows[r].res)
				fail_msg("existence rows disagree");
			want = rows[r].res;
			hits++;
		}
		/* The existence charts cover every combination. */
		if (hits == 0)
			fail_msg("%s: no row for EX%u DE%u ER%u NC%u",
			    oval_existence_name(ex), c[0], c[1], c[2], c[3]);
		got = oval_existence_apply(ex, c[0], c[1], c[2], c[3]);
		if (got != want)
			fail_msg("%s EX%u DE%u ER%u NC%u: want %s got %s",
			    oval_existence_name(ex), c[0], c[1], c[2], c[3],
			    oval_result_name(want), oval_result_name(got));
	}
}

static void
test_value_logic__existence_charts_exhaustive(void **state)
{
	(void)state;
	exhaust_existence(OVAL_EX_ALL_EXIST, ex_all, NROWS(ex_all));
	exhaust_existence(OVAL_EX_ANY_EXIST, ex_any, NROWS(ex_any));
	exhaust_existence(OVAL_EX_AT_LEAST_ONE_EXISTS, ex_alo, NROWS(ex_alo));
	exhaust_existence(OVAL_EX_NONE_EXIST, ex_none, NROWS(ex_none));
	exhaust_existence(OVAL_EX_ONLY_ONE_EXISTS, ex_one, NROWS(ex_one));
}

/* Every existence row once (EX DE ER NC). */
static void
test_value_logic__existence_rows(void **state)
{
	(void)state;
	/* all_exist */
	assert_int_equal(oval_existence_apply(OVAL_EX_ALL_EXIST, 2, 0, 0, 0),
	    T);
	assert_int_equal(oval_existence_apply(OVAL_EX_ALL_EXIST, 0, 0, 0, 0),
	    F);
	assert_int_equal(oval_existence_apply(OVAL_EX_ALL_EXIST, 3, 1, 1, 1),
	    F);
	assert_int_equal(oval_existence_apply(OVAL_EX_ALL_EXIST, 3, 0, 1, 1),
	    E);
	assert_int_equal(oval_existence_apply(OVAL_EX_ALL_EXIST, 3, 0, 0, 1),
	    U);
	/* any_exist: "zero or more objects ... exist" */
	assert_int_equal(oval_existence_apply(OVAL_EX_ANY_EXIST, 0, 0, 0, 0),
	    T);
	assert_int_equal(oval_existence_apply(OVAL_EX_ANY_EXIST, 0, 5, 0, 5),
	    T);
	assert_int_equal(oval_existence_apply(OVAL_EX_ANY_EXIST, 1, 0, 4, 0),
	    T);
	assert_int_equal(oval_existence_apply(OVAL_EX_ANY_EXIST, 0, 1, 1, 1),
	    E);
	/* at_least_one_exists */
	assert_int_equal(oval_existence_apply(OVAL_EX_AT_LEAST_ONE_EXISTS,
	    1, 1, 1, 1), T);
	assert_int_equal(oval_existence_apply(OVAL_EX_AT_LEAST_ONE_EXISTS,
	    0, 3, 0, 0), F);
	assert_int_equal(oval_existence_apply(OVAL_EX_AT_LEAST_ONE_EXISTS,
	    0, 0, 1, 1), E);
	assert_int_equal(oval_existence_apply(OVAL_EX_AT_LEAST_ONE_EXISTS,
	    0, 2, 0, 1), U);
	/* none_exist */
	assert_int_equal(oval_existence_apply(OVAL_EX_NONE_EXIST, 0, 4, 0, 0),
	    T);
	assert_int_equal(oval_existence_apply(OVAL_EX_NONE_EXIST, 1, 0, 1, 1),
	    F);
	assert_int_equal(oval_existence_apply(OVAL_EX_NONE_EXIST, 0, 0, 2, 2),
	    E);
	assert_int_equal(oval_existence_apply(OVAL_EX_NONE_EXIST, 0, 0, 0, 2),
	    U);
	/* only_one_exists */
	assert_int_equal(oval_existence_apply(OVAL_EX_ONLY_ONE_EXISTS,
	    1, 3, 0, 0), T);
	assert_int_equal(oval_existence_apply(OVAL_EX_ONLY_ONE_EXISTS,
	    2, 0, 1, 1), F);
	assert_int_equal(oval_existence_apply(OVAL_EX_ONLY_ONE_EXISTS,
	    0, 1, 0, 0), F);
	assert_int_equal(oval_existence_apply(OVAL_EX_ONLY_ONE_EXISTS,
	    1, 0, 1, 1), E);
	assert_int_equal(oval_existence_apply(OVAL_EX_ONLY_ONE_EXISTS,
	    0, 0, 1, 0), E);
	assert_int_equal(oval_existence_apply(OVAL_EX_ONLY_ONE_EXISTS,
	    1, 0, 0, 1), U);
	assert_int_equal(oval_existence_apply(OVAL_EX_ONLY_ONE_EXISTS,
	    0, 0, 0, 1), U);
}

/* "if the individual test is negated, then a true result is false and a
 * false result is true, all other results stay as is" */
static void
test_value_logic__negate(void **state)
{
	(void)state;
	assert_int_equal(oval_negate(T), F);
	assert_int_equal(oval_negate(F), T);
	assert_int_equal(oval_negate(E), E);
	assert_int_equal(oval_negate(U), U);
	assert_int_equal(oval_negate(NE), NE);
	assert_int_equal(oval_negate(NA), NA);
	assert_int_equal(oval_negate(oval_negate(T)), T);
}

/* Counts far beyond the charts' small numbers (no overflow shortcuts). */
static void
test_value_logic__large_counts(void **state)
{
	(void)state;
	assert_int_equal(opr(OVAL_OPR_XOR, UINT32_MAX, 0, 0, 0, 0, 0), T);
	assert_int_equal(opr(OVAL_OPR_XOR, UINT32_MAX - 1, 0, 0, 0, 0, 0), F);
	assert_int_equal(opr(OVAL_OPR_AND, UINT32_MAX, 0, 0, 0, 0,
	    UINT32_MAX), T);
	assert_int_equal(opr(OVAL_OPR_ONE, UINT32_MAX, 0, 0, 0, 0, 0), F);
	assert_int_equal(oval_existence_apply(OVAL_EX_ONLY_ONE_EXISTS,
	    UINT32_MAX, 0, 0, 0), F);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_value_logic__operator_charts_exhaustive),
		cmocka_unit_test(test_value_logic__check_charts_exhaustive),
		cmocka_unit_test(test_value_logic__operator_rows),
		cmocka_unit_test(test_value_logic__check_rows),
		cmocka_unit_test(test_value_logic__empty_is_unknown),
		cmocka_unit_test(test_value_logic__existence_charts_exhaustive),
		cmocka_unit_test(test_value_logic__existence_rows),
		cmocka_unit_test(test_value_logic__negate),
		cmocka_unit_test(test_value_logic__large_counts),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
