/*
 * Tests for oval/value_debian.c: the debian_evr_string datatype, which
 * "should follow the algorithm outlined in Chapter 5 of the Debian Policy
 * Manual ... Note that a null epoch is equivalent to a value of '0'. An
 * implementation of this is the cmpversions() function in dpkg's
 * enquiry.c" (OVAL 5.11 DatatypeEnumeration 'debian_evr_string').
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include "oval/value_int.h"

struct vc {
	const char	*a, *b;
	int		 want;
};

/*
 * Expected values were generated once, at development time, with dpkg
 * 1.21 as the oracle ("dpkg --compare-versions A lt|eq|gt B"); the tests do
 * not run dpkg. They cover: epochs; '~' before everything, even the end;
 * letters before non-letters; numeric parts with leading zeros; revisions
 * ("1.0" == "1.0-0": an absent revision compares like "0"); Ubuntu and
 * Debian security/backport suffixes; non-ASCII bytes (after letters,
 * before ASCII punctuation, as dpkg's signed char arithmetic does).
 */
static const struct vc dpkg_table[] = {
	{ "1.0", "1.0", 0 },
	{ "1.0", "1.1", -1 },
	{ "1.1", "1.0", 1 },
	{ "1.0", "1.0-0", 0 },
	{ "1.0-0", "1.0", 0 },
	{ "0:1.0", "1.0", 0 },
	{ "1:1.0", "2.0", 1 },
	{ "2.0", "1:1.0", -1 },
	{ "1:0.1", "0:9.9", 1 },
	{ "1.0~rc1", "1.0", -1 },
	{ "1.0~rc1", "1.0~rc2", -1 },
	{ "1.0~~", "1.0~", -1 },
	{ "1.0~", "1.0", -1 },
	{ "1.0~~a", "1.0~~", 1 },
	{ "1.0", "1.0a", -1 },
	{ "1.0a", "1.0b", -1 },
	{ "1.0a", "1.0+", -1 },
	{ "1.0+", "1.0.", -1 },
	{ "1.0a", "1.0.", -1 },
	{ "1.0", "1.0.0", -1 },
	{ "1.0.0", "1.0.1", -1 },
	{ "1.00", "1.0", 0 },
	{ "1.0", "1.00", 0 },
	{ "1.010", "1.9", 1 },
	{ "1.9", "1.10", -1 },
	{ "2.30", "2.3", 1 },
	{ "1.2.3-1", "1.2.3-2", -1 },
	{ "1.2.3-10", "1.2.3-9", 1 },
	{ "1.2.3-1ubuntu1", "1.2.3-1", 1 },
	{ "1.2.3-1", "1.2.3-1ubuntu1", -1 },
	{ "1.2.3-1ubuntu1", "1.2.3-1ubuntu2", -1 },
	{ "1.2.3-1ubuntu1.1", "1.2.3-1ubuntu1", 1 },
	{ "1.2.3-1+deb10u1", "1.2.3-1", 1 },
	{ "1.2.3-1+deb10u1", "1.2.3-1+deb11u1", -1 },
	{ "1.2.3-1~deb10u1", "1.2.3-1", -1 },
	{ "1.2.3-1~bpo10+1", "1.2.3-1", -1 },
	{ "2:1.2.3-1", "1:9.9.9-9", 1 },
	{ "1.2-3-4", "1.2-3-5", -1 },
	{ "1.2-3-4", "1.2-3", 1 },
	{ "7.4.052-1ubuntu3", "7.4.052-1ubuntu3.1", -1 },
	{ "2.7.4-0ubuntu1.6", "2.7.4-0ubuntu1.10", -1 },
	{ "1.1.1f-1ubuntu2.16", "1.1.1f-1ubuntu2.17", -1 },
	{ "1.1.1f-1ubuntu2", "1.1.1g-1", -1 },
	{ "3.0.2-0ubuntu1.10", "3.0.2-0ubuntu1.9", 1 },
	{ "5.4.0-42.46", "5.4.0-42.46~18.04.1", 1 },
	{ "0.9.8", "0.9.8a", -1 },
	{ "0.9.8zh", "0.9.8a", 1 },
	{ "a", "1", 1 },
	{ "1", "a", -1 },
	{ "1a", "a1", -1 },
	{ "1.0-1", "1.0-a", -1 },
	{ "1.0-a", "1.0-A", 1 },
	{ "1.0-A", "1.0-a", -1 },
	{ "1:2", "1:10", -1 },
	{ "10:1", "9:1", 1 },
	{ "00:1", "0:1", 0 },
	{ "1.0+dfsg-1", "1.0-1", 1 },
	{ "1.0+dfsg-1", "1.0.1-1", -1 },
	{ "1.0~dfsg-1", "1.0-1", -1 },
	{ "2.0-1", "2.0-1.1", -1 },
	{ "2.0-1.1", "2.0-1+b1", 1 },
	{ "2.0-1+b1", "2.0-1build1", 1 },
	{ "4.19.0-0.bpo.9", "4.19.0", 1 },
	{ "1.2.3", "1.2.3~", 1 },
	{ "1.2.3+", "1.2.3", 1 },
	{ "1.2.3+git20200101", "1.2.3", 1 },
	{ "1.2.3~git20200101", "1.2.3", -1 },
	{ "0", "0.0", -1 },
	{ "0.0", "0.a", -1 },
	{ "0.a", "0.+", -1 },
	{ "1.0_1", "1.0.1", 1 },
	{ "1:1.0:1", "1:1.0.1", 1 },
	{ "99999999999999999999", "1", 1 },
	{ "1.0", "1.0", 0 },
	{ "1.0\xc3\xa9", "1.0z", 1 },
	{ "1.0\xc3\xa9", "1.0.", -1 },
	{ "1.0-1\xc3\xa9", "1.0-1+", -1 },
	{ "0:0", "0", 0 },
	{ "1.0-1-1", "1.0-1", 1 },
	{ "~", "0", -1 },
	{ "~~", "~", -1 },
	{ "1~", "1", -1 },
	{ "1.0+", "1.0~", 1 },
	{ "1.2.3-0", "1.2.3", 0 },
	{ "1.2.3-00", "1.2.3-0", 0 },
	{ "1.0-0.1", "1.0", 1 },
	{ "1.0a~", "1.0a", -1 },
	{ "2.0-0~0", "2.0", -1 },
	{ "1.0++", "1.0+a", 1 },
	{ "1.0a.", "1.0a+", 1 },
};

#define N(a) (sizeof(a) / sizeof((a)[0]))

static int
sgn(int x)
{
	return (x > 0) - (x < 0);
}

static void
test_value_debian__dpkg_table(void **state)
{
	size_t i;
	int got;

	(void)state;
	assert_true(N(dpkg_table) >= 60);
	for (i = 0; i < N(dpkg_table); i++) {
		got = sgn(oval_debian_evr_cmp(dpkg_table[i].a,
		    dpkg_table[i].b));
		if (got != dpkg_table[i].want)
			fail_msg("cmp(%s, %s) = %d, want %d (dpkg)",
			    dpkg_table[i].a, dpkg_table[i].b, got,
			    dpkg_table[i].want);
		/* and the other way round */
		assert_int_equal(sgn(oval_debian_evr_cmp(dpkg_table[i].b,
		    dpkg_table[i].a)), -dpkg_table[i].want);
		assert_int_equal(oval_value_check(OVAL_DT_DEBIAN_EVR_STRING,
		    dpkg_table[i].a), 0);
	}
}

/* The table again through oval_compare's six operations. */
static void
test_value_debian__compare_ops(void **state)
{
	enum oval_result r;
	size_t i;
	int c;

	(void)state;
	for (i = 0; i < N(dpkg_table); i++) {
		c = dpkg_table[i].want;
#define OP(op, cond) do {						\
	assert_int_equal(oval_compare(OVAL_DT_DEBIAN_EVR_STRING, op,	\
	    dpkg_table[i].a, dpkg_table[i].b, NULL, &r), 0);		\
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
	assert_int_equal(oval_compare(OVAL_DT_DEBIAN_EVR_STRING,
	    OVAL_OP_PATTERN_MATCH, "1.0", "1", NULL, &r), KS_EUNSUPPORTED);
	assert_int_equal(oval_compare(OVAL_DT_DEBIAN_EVR_STRING,
	    OVAL_OP_BITWISE_AND, "1", "1", NULL, &r), KS_EUNSUPPORTED);
}

/* "a null epoch is equivalent to a value of '0'" */
static void
test_value_debian__null_epoch(void **state)
{
	(void)state;
	assert_int_equal(oval_debian_evr_cmp("1.2-3", "0:1.2-3"), 0);
	assert_true(oval_debian_evr_cmp("9.9-9", "1:0.1-1") < 0);
	assert_int_equal(oval_debian_evr_cmp("000:1.0", "1.0"), 0);
	/* An epoch up to INT_MAX, as dpkg. */
	assert_true(oval_debian_evr_cmp("2147483647:1", "2147483646:9") > 0);
}

/* dpkg's parseversion() ignores blanks around the value. */
static void
test_value_debian__blanks(void **state)
{
	(void)state;
	assert_int_equal(oval_debian_evr_cmp(" 1.0", "1.0"), 0);
	assert_int_equal(oval_debian_evr_cmp("1.0\t ", "1.0"), 0);
	assert_int_equal(oval_value_check(OVAL_DT_DEBIAN_EVR_STRING,
	    " 1:1.0-1 "), 0);
}

/* dpkg's hard syntax errors (parseversion() returns an error, and
 * "dpkg --compare-versions" fails) are KS_EPARSE with dpkg's reason; its
 * warnings (no leading digit, odd characters) still compare, as in dpkg. */
static void
test_value_debian__malformed(void **state)
{
	static const struct { const char *v, *why; } bad[] = {
		{ "", "version string is empty" },
		{ "   ", "version string is empty" },
		{ "1.0 1", "embedded spaces" },
		{ ":1.0", "epoch in version is empty" },
		{ "a:1.0", "epoch in version is empty" },
		{ "1a:1.0", "epoch in version is not number" },
		{ "1.0:1", "epoch in version is not number" },
		{ "+:1.0", "epoch in version is empty" },
		{ "-1:1.0", "epoch in version is negative" },
		{ "2147483648:1.0", "epoch in version is too big" },
		{ "99999999999999999999:1", "epoch in version is too big" },
		{ "1:", "nothing after colon" },
		{ "1.0-", "revision number is empty" },
		{ "1:-1", "version number is empty" },
		{ "-1", "version number is empty" },
	};
	enum oval_result r;
	size_t i;

	(void)state;
	for (i = 0; i < N(bad); i++) {
		if (oval_value_check(OVAL_DT_DEBIAN_EVR_STRING, bad[i].v) !=
		    KS_EPARSE)
			fail_msg("'%s' accepted", bad[i].v);
		if (strstr(ks_error_msg(), bad[i].why) == NULL)
			fail_msg("'%s': message '%s' lacks '%s'", bad[i].v,
			    ks_error_msg(), bad[i].why);
		assert_int_equal(oval_compare(OVAL_DT_DEBIAN_EVR_STRING,
		    OVAL_OP_EQUALS, bad[i].v, "1.0", NULL, &r), KS_EPARSE);
		assert_int_equal(oval_compare(OVAL_DT_DEBIAN_EVR_STRING,
		    OVAL_OP_LESS_THAN, "1.0", bad[i].v, NULL, &r), KS_EPARSE);
	}
	/* Warnings only in dpkg: accepted. */
	assert_int_equal(oval_value_check(OVAL_DT_DEBIAN_EVR_STRING, "abc"),
	    0);
	assert_int_equal(oval_value_check(OVAL_DT_DEBIAN_EVR_STRING,
	    "1.0_1"), 0);
	assert_int_equal(oval_value_check(OVAL_DT_DEBIAN_EVR_STRING,
	    "+0:1.0"), 0);
	assert_int_equal(oval_value_check(OVAL_DT_DEBIAN_EVR_STRING,
	    "-0:1.0"), 0);
}

/* The upstream version may contain '-' (then a revision is present) and
 * ':' (then an epoch is present); the revision is after the LAST '-'. */
static void
test_value_debian__split(void **state)
{
	(void)state;
	/* "2-3" vs "2.3": '-' sorts before '.' */
	assert_true(oval_debian_evr_cmp("1:2-3-4", "1:2.3-4") < 0);
	assert_true(oval_debian_evr_cmp("1:1.0:1-1", "1:1.0:2-1") < 0);
	assert_true(oval_debian_evr_cmp("1.0-1-2", "1.0-1-10") < 0);
	assert_int_equal(oval_debian_evr_cmp("1.0-1-2", "1.0-1-02"), 0);
}

/* Huge numeric parts compare without overflow. */
static void
test_value_debian__long_numbers(void **state)
{
	(void)state;
	assert_true(oval_debian_evr_cmp("1.123456789012345678901234567890",
	    "1.123456789012345678901234567891") < 0);
	assert_true(oval_debian_evr_cmp("1.99999999999999999999999",
	    "1.9999999999999999999999") > 0);
	assert_int_equal(oval_debian_evr_cmp("1.000000000000000000000001",
	    "1.1"), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_value_debian__dpkg_table),
		cmocka_unit_test(test_value_debian__compare_ops),
		cmocka_unit_test(test_value_debian__null_epoch),
		cmocka_unit_test(test_value_debian__blanks),
		cmocka_unit_test(test_value_debian__malformed),
		cmocka_unit_test(test_value_debian__split),
		cmocka_unit_test(test_value_debian__long_numbers),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
