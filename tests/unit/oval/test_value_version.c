/*
 * Tests for oval/value_version.c: the version, ios_version and
 * fileset_revision datatypes.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include "oval/value_int.h"

static int
sgn(int x)
{
	return (x > 0) - (x < 0);
}

static int
vcmp(const char *a, const char *b)
{
	int err = 12345, c;

	c = oval_version_cmp(a, b, &err);
	assert_int_equal(err, 0);
	/* antisymmetric */
	assert_int_equal(sgn(oval_version_cmp(b, a, &err)), -sgn(c));
	return sgn(c);
}

static enum oval_result
cmp(enum oval_datatype dt, enum oval_operation op, const char *a,
    const char *b)
{
	enum oval_result r = OVAL_R_COUNT;

	assert_int_equal(oval_compare(dt, op, a, b, NULL, &r), 0);
	return r;
}

#define T(dt, op, a, b) assert_int_equal(cmp(dt, op, a, b), OVAL_R_TRUE)
#define F(dt, op, a, b) assert_int_equal(cmp(dt, op, a, b), OVAL_R_FALSE)

/* The examples of the DatatypeEnumeration 'version' documentation. */
static void
test_value_version__spec_examples(void **state)
{
	(void)state;
	/* "applying the 'equals' operation to '1.0.0.0' and '1.0'. With
	 * datatype 'string' they are not equal, with datatype 'version' they
	 * are." */
	T(OVAL_DT_VERSION, OVAL_OP_EQUALS, "1.0.0.0", "1.0");
	F(OVAL_DT_STRING, OVAL_OP_EQUALS, "1.0.0.0", "1.0");
	/* "to test if 5.7.23 is less than or equal to 5.8.0 ... the entire
	 * test succeeds" */
	T(OVAL_DT_VERSION, OVAL_OP_LESS_THAN_OR_EQUAL, "5.7.23", "5.8.0");
	T(OVAL_DT_VERSION, OVAL_OP_LESS_THAN, "5.7.23", "5.8.0");
	/* "4.23.6 is not greater than 4.23.6" */
	F(OVAL_DT_VERSION, OVAL_OP_GREATER_THAN, "4.23.6", "4.23.6");
	T(OVAL_DT_VERSION, OVAL_OP_GREATER_THAN_OR_EQUAL, "4.23.6", "4.23.6");
	/* "if the version strings '1.2.3' and '6.7.8.9' are being compared,
	 * then the short one should be padded to become '1.2.3.0'" */
	assert_int_equal(vcmp("1.2.3", "6.7.8.9"), -1);
	assert_int_equal(vcmp("1.2.3", "1.2.3.0"), 0);
	assert_int_equal(vcmp("1.2.3", "1.2.3.1"), -1);
	/* "'#.#-#' is the same as '#.#.#'": any non-alphanumeric delimits */
	assert_int_equal(vcmp("1.2-3", "1.2.3"), 0);
	assert_int_equal(vcmp("1_2:3", "1.2.3"), 0);
	assert_int_equal(vcmp("1/2+3", "1-2-3"), 0);
	/* "numbers to the left are more significant" */
	assert_int_equal(vcmp("2.0", "1.99.99"), 1);
	assert_int_equal(vcmp("1.10", "1.9"), 1);
	/* 'is 21 less than 123' is numeric per component */
	assert_int_equal(vcmp("1.21", "1.123"), -1);
}

/*
 * "any non-integer character can be used as a delimiter ... '#.#-#' is the
 * same as '#.#.#' or '#c#c#'" (DatatypeEnumeration 'version'); the
 * official OVAL Test Content (oval_version_datatype.xml, var:102) expects
 * '1a2s3d4' to equal '1.2.3.4'. What the text leaves open is a suffix after
 * the last number: kensa compares it after the numbers (none first, then
 * byte order), so OpenSSL's "1.1.1k" < "1.1.1l" -- OpenSCAP ignores letters
 * and calls them equal, missing such updates.
 */
static void
test_value_version__letters_are_kept(void **state)
{
	(void)state;
	/* Letters between numbers delimit, per the specification. */
	assert_int_equal(vcmp("1a2s3d4", "1.2.3.4"), 0);
	assert_int_equal(vcmp("1c2c3", "1.2.3"), 0);
	assert_int_equal(vcmp("5.7.4f5s2", "5.7.4.5.2"), 0);
	assert_int_equal(vcmp("1.2.rc1", "1.2.1"), 0);
	assert_int_equal(vcmp("1.0b2", "1.0b10"), -1);
	/* A trailing suffix counts, after the numbers. */
	assert_int_equal(vcmp("1.2a", "1.2"), 1);
	assert_int_equal(vcmp("1.2a", "1.2b"), -1);
	assert_int_equal(vcmp("1.2a", "1.2a"), 0);
	assert_int_equal(vcmp("1.1.1k", "1.1.1"), 1);
	assert_int_equal(vcmp("1.1.1k", "1.1.1l"), -1);
	assert_int_equal(vcmp("1.1.1k", "1.1.2"), -1);
	assert_int_equal(vcmp("1.0.2zh", "1.0.2a"), 1);
	assert_int_equal(vcmp("1.2.beta", "1.2.alpha"), 1);
	assert_int_equal(vcmp("1.2.0a", "1.2a"), 0);
	/* Case matters (byte order). */
	assert_int_equal(vcmp("1.2A", "1.2a"), -1);
	T(OVAL_DT_VERSION, OVAL_OP_NOT_EQUAL, "1.2a", "1.2b");
	T(OVAL_DT_VERSION, OVAL_OP_GREATER_THAN, "1.2a", "1.2");
	T(OVAL_DT_VERSION, OVAL_OP_EQUALS, "1a2s3d4", "1.2.3.4");
}

/* Real-world version strings. */
static void
test_value_version__real_world(void **state)
{
	(void)state;
	assert_int_equal(vcmp("5.15.0-91-generic", "5.15.0-100-generic"), -1);
	assert_int_equal(vcmp("1.8.0_292", "1.8.0_91"), 1);
	assert_int_equal(vcmp("10.0.19041.1415", "10.0.19041.928"), 1);
	assert_int_equal(vcmp("2.4.57", "2.4.6"), 1);
	assert_int_equal(vcmp("3.10", "3.9.18"), 1);
	/* Leading zeros do not count; numbers of any length compare. */
	assert_int_equal(vcmp("1.02", "1.2"), 0);
	assert_int_equal(vcmp("1.0010", "1.9"), 1);
	assert_int_equal(vcmp("1.99999999999999999999999",
	    "1.9999999999999999999999"), 1);
	assert_int_equal(vcmp("18446744073709551616", "18446744073709551615"),
	    1);
	/* Runs of delimiters and surrounding ones count once / not at all. */
	assert_int_equal(vcmp("1..2", "1.2"), 0);
	assert_int_equal(vcmp(".1.2.", "1.2"), 0);
	assert_int_equal(vcmp("v1.2", "v1.2"), 0);
}

static void
test_value_version__malformed(void **state)
{
	enum oval_result r;
	int err = 0;

	(void)state;
	/* "If a cast cannot be made ... an error should be reported"
	 * (EntityAttributeGroup datatype). A version needs a number. */
	assert_int_equal(oval_value_check(OVAL_DT_VERSION, ""), KS_EPARSE);
	assert_int_equal(oval_value_check(OVAL_DT_VERSION, "abc"), KS_EPARSE);
	assert_int_equal(oval_value_check(OVAL_DT_VERSION, "..."), KS_EPARSE);
	assert_non_null(strstr(ks_error_msg(), "version"));
	assert_int_equal(oval_value_check(OVAL_DT_VERSION, "1"), 0);
	(void)oval_version_cmp("", "1.0", &err);
	assert_int_equal(err, KS_EPARSE);
	err = 0;
	(void)oval_version_cmp("1.0", "x", &err);
	assert_int_equal(err, KS_EPARSE);
	(void)oval_version_cmp("1.0", "x", NULL);	/* NULL err is fine */
	assert_int_equal(oval_compare(OVAL_DT_VERSION, OVAL_OP_EQUALS, "",
	    "1", NULL, &r), KS_EPARSE);
	assert_int_equal(oval_compare(OVAL_DT_VERSION, OVAL_OP_LESS_THAN,
	    "1", "beta", NULL, &r), KS_EPARSE);
	assert_int_equal(oval_compare(OVAL_DT_VERSION, OVAL_OP_PATTERN_MATCH,
	    "1", "1", NULL, &r), KS_EUNSUPPORTED);
	assert_int_equal(oval_compare(OVAL_DT_VERSION, OVAL_OP_BITWISE_AND,
	    "1", "1", NULL, &r), KS_EUNSUPPORTED);
}

/* All six ordering operations on a few pairs. */
static void
test_value_version__ops(void **state)
{
	static const struct { const char *a, *b; int c; } p[] = {
		{ "1.0", "1.0.0", 0 }, { "1.2.10", "1.2.9", 1 },
		{ "0.9", "1.0", -1 }, { "2.0a", "2.0", 1 },
	};
	enum oval_result r;
	size_t i;
	int c;

	(void)state;
	for (i = 0; i < sizeof(p) / sizeof(p[0]); i++) {
		c = p[i].c;
#define OP(op, cond) do {						\
	assert_int_equal(oval_compare(OVAL_DT_VERSION, op, p[i].a,	\
	    p[i].b, NULL, &r), 0);					\
	assert_int_equal(r, (cond) ? OVAL_R_TRUE : OVAL_R_FALSE);	\
} while (0)
		OP(OVAL_OP_EQUALS, c == 0);
		OP(OVAL_OP_NOT_EQUAL, c != 0);
		OP(OVAL_OP_GREATER_THAN, c > 0);
		OP(OVAL_OP_GREATER_THAN_OR_EQUAL, c >= 0);
		OP(OVAL_OP_LESS_THAN, c < 0);
		OP(OVAL_OP_LESS_THAN_OR_EQUAL, c <= 0);
#undef OP
	}
}

/* ios_version: "Cisco IOS Train strings", e.g. 12.2(58)SE2 =
 * major.minor(maintenance[rebuild])train[number]. */
static void
test_value_version__ios(void **state)
{
	enum oval_result r;
	int err = 1;

	(void)state;
	assert_int_equal(oval_value_ios_cmp("12.2(58)SE2", "12.2(58)SE1",
	    &err), 1);
	assert_int_equal(err, 0);
	assert_true(oval_value_ios_cmp("12.2(58)SE10", "12.2(58)SE9",
	    NULL) > 0);
	assert_true(oval_value_ios_cmp("12.2(58)", "12.2(58a)", NULL) < 0);
	assert_true(oval_value_ios_cmp("12.2(58a)", "12.2(58b)", NULL) < 0);
	assert_true(oval_value_ios_cmp("12.2(58b)", "12.2(59)", NULL) < 0);
	assert_true(oval_value_ios_cmp("12.2(58)", "12.2(58)SE", NULL) < 0);
	assert_true(oval_value_ios_cmp("12.2(58)SE", "12.2(58)SE1",
	    NULL) < 0);
	assert_true(oval_value_ios_cmp("15.0(2)SE11", "12.2(58)SE2",
	    NULL) > 0);
	assert_true(oval_value_ios_cmp("12.4(24)T", "12.2(58)SE", NULL) > 0);
	/* train letters: case-insensitive */
	assert_int_equal(oval_value_ios_cmp("12.2(58)se2", "12.2(58)SE2",
	    NULL), 0);
	T(OVAL_DT_IOS_VERSION, OVAL_OP_LESS_THAN, "12.2(55)SE", "12.2(58)SE");
	T(OVAL_DT_IOS_VERSION, OVAL_OP_EQUALS, "15.2(4)M3", "15.2(4)M3");
	F(OVAL_DT_IOS_VERSION, OVAL_OP_GREATER_THAN_OR_EQUAL, "15.1(4)M3",
	    "15.2(4)M3");
	T(OVAL_DT_IOS_VERSION, OVAL_OP_NOT_EQUAL, "15.2(4)M3", "15.2(4)M4");
	T(OVAL_DT_IOS_VERSION, OVAL_OP_LESS_THAN_OR_EQUAL, "15.2(4)M3",
	    "15.2(4)M4");
	T(OVAL_DT_IOS_VERSION, OVAL_OP_GREATER_THAN, "15.2(4)M10",
	    "15.2(4)M4");
	/* must start with the major number */
	assert_int_equal(oval_value_check(OVAL_DT_IOS_VERSION, "SE2"),
	    KS_EPARSE);
	assert_int_equal(oval_value_check(OVAL_DT_IOS_VERSION, ""),
	    KS_EPARSE);
	(void)oval_value_ios_cmp("x", "12.2", &err);
	assert_int_equal(err, KS_EPARSE);
	assert_int_equal(oval_compare(OVAL_DT_IOS_VERSION, OVAL_OP_EQUALS,
	    "12.2(58)SE2", "(58)", NULL, &r), KS_EPARSE);
	assert_int_equal(oval_compare(OVAL_DT_IOS_VERSION,
	    OVAL_OP_PATTERN_MATCH, "12.2", "12", NULL, &r), KS_EUNSUPPORTED);
}

/* fileset_revision: "the version string related to filesets in HP-UX. An
 * example would be 'A.03.61.00'"; AIX filesets are "5.3.0.10". */
static void
test_value_version__fileset(void **state)
{
	enum oval_result r;

	(void)state;
	T(OVAL_DT_FILESET_REVISION, OVAL_OP_LESS_THAN, "A.03.61.00",
	    "A.03.62.00");
	T(OVAL_DT_FILESET_REVISION, OVAL_OP_EQUALS, "A.03.61.00", "A.3.61");
	T(OVAL_DT_FILESET_REVISION, OVAL_OP_GREATER_THAN, "B.11.31",
	    "A.11.31");
	T(OVAL_DT_FILESET_REVISION, OVAL_OP_GREATER_THAN, "5.3.0.10",
	    "5.3.0.9");
	T(OVAL_DT_FILESET_REVISION, OVAL_OP_GREATER_THAN_OR_EQUAL, "7.2.5.0",
	    "7.2.5");
	F(OVAL_DT_FILESET_REVISION, OVAL_OP_LESS_THAN_OR_EQUAL, "7.2.5.1",
	    "7.2.5");
	T(OVAL_DT_FILESET_REVISION, OVAL_OP_NOT_EQUAL, "7.2.5.1", "7.2.5");
	assert_int_equal(oval_value_check(OVAL_DT_FILESET_REVISION, ""),
	    KS_EPARSE);
	assert_int_equal(oval_value_check(OVAL_DT_FILESET_REVISION, "..."),
	    KS_EPARSE);
	assert_int_equal(oval_compare(OVAL_DT_FILESET_REVISION,
	    OVAL_OP_EQUALS, "", "1", NULL, &r), KS_EPARSE);
	assert_int_equal(oval_compare(OVAL_DT_FILESET_REVISION,
	    OVAL_OP_CI_EQUALS, "1", "1", NULL, &r), KS_EUNSUPPORTED);
}

/* Ordering laws (a sort relies on them) over assorted versions. */
static void
test_value_version__order_laws(void **state)
{
	static const char *v[] = {
		"1", "1.0", "1.0.0", "1.0a", "1.0.rc1", "1.1", "1.01",
		"1.0-1", "2", "1.0.0.1", "10", "1a", "1A", "1.0b2", "1.0b10",
	};
	size_t n = sizeof(v) / sizeof(v[0]), i, j, k;

	(void)state;
	for (i = 0; i < n; i++)
		for (j = 0; j < n; j++)
			for (k = 0; k < n; k++)
				if (vcmp(v[i], v[j]) <= 0 &&
				    vcmp(v[j], v[k]) <= 0)
					assert_true(vcmp(v[i], v[k]) <= 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_value_version__spec_examples),
		cmocka_unit_test(test_value_version__letters_are_kept),
		cmocka_unit_test(test_value_version__real_world),
		cmocka_unit_test(test_value_version__malformed),
		cmocka_unit_test(test_value_version__ops),
		cmocka_unit_test(test_value_version__ios),
		cmocka_unit_test(test_value_version__fileset),
		cmocka_unit_test(test_value_version__order_laws),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
