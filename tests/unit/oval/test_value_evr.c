/*
 * Tests for oval/value_evr.c: the evr_string datatype. "Comparisons
 * involving this datatype should follow the algorithm of librpm's
 * rpmvercmp() function" (OVAL 5.11 DatatypeEnumeration 'evr_string'), so
 * the version table is rpm's own test table (tests/rpmvercmp.at, rpm 4.15+,
 * with tilde and caret), and the EVR cases follow rpm's rpmverCmp().
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "oval/value_int.h"

struct vc {
	const char	*a, *b;
	int		 want;
};

/* rpm tests/rpmvercmp.at: RPMVERCMP(a, b, result). */
static const struct vc rpm_table[] = {
	{ "1.0", "1.0", 0 }, { "1.0", "2.0", -1 }, { "2.0", "1.0", 1 },
	{ "2.0.1", "2.0.1", 0 }, { "2.0", "2.0.1", -1 },
	{ "2.0.1", "2.0", 1 },
	{ "2.0.1a", "2.0.1a", 0 }, { "2.0.1a", "2.0.1", 1 },
	{ "2.0.1", "2.0.1a", -1 },
	{ "5.5p1", "5.5p1", 0 }, { "5.5p1", "5.5p2", -1 },
	{ "5.5p2", "5.5p1", 1 },
	{ "5.5p10", "5.5p10", 0 }, { "5.5p1", "5.5p10", -1 },
	{ "5.5p10", "5.5p1", 1 },
	{ "10xyz", "10.1xyz", -1 }, { "10.1xyz", "10xyz", 1 },
	{ "xyz10", "xyz10", 0 }, { "xyz10", "xyz10.1", -1 },
	{ "xyz10.1", "xyz10", 1 },
	{ "xyz.4", "xyz.4", 0 }, { "xyz.4", "8", -1 }, { "8", "xyz.4", 1 },
	{ "xyz.4", "2", -1 }, { "2", "xyz.4", 1 },
	{ "5.5p2", "5.6p1", -1 }, { "5.6p1", "5.5p2", 1 },
	{ "5.6p1", "6.5p1", -1 }, { "6.5p1", "5.6p1", 1 },
	{ "6.0.rc1", "6.0", 1 }, { "6.0", "6.0.rc1", -1 },
	{ "10b2", "10a1", 1 }, { "10a2", "10b2", -1 },
	{ "1.0aa", "1.0aa", 0 }, { "1.0a", "1.0aa", -1 },
	{ "1.0aa", "1.0a", 1 },
	{ "10.0001", "10.0001", 0 }, { "10.0001", "10.1", 0 },
	{ "10.1", "10.0001", 0 }, { "10.0001", "10.0039", -1 },
	{ "10.0039", "10.0001", 1 },
	{ "4.999.9", "5.0", -1 }, { "5.0", "4.999.9", 1 },
	{ "20101121", "20101121", 0 }, { "20101121", "20101122", -1 },
	{ "20101122", "20101121", 1 },
	{ "2_0", "2_0", 0 }, { "2.0", "2_0", 0 }, { "2_0", "2.0", 0 },
	/* RhBug:178798 */
	{ "a", "a", 0 }, { "a+", "a+", 0 }, { "a+", "a_", 0 },
	{ "a_", "a+", 0 }, { "+a", "+a", 0 }, { "+a", "_a", 0 },
	{ "_a", "+a", 0 }, { "+_", "+_", 0 }, { "_+", "+_", 0 },
	{ "_+", "_+", 0 }, { "+", "_", 0 }, { "_", "+", 0 },
	/* tilde */
	{ "1.0~rc1", "1.0~rc1", 0 }, { "1.0~rc1", "1.0", -1 },
	{ "1.0", "1.0~rc1", 1 }, { "1.0~rc1", "1.0~rc2", -1 },
	{ "1.0~rc2", "1.0~rc1", 1 }, { "1.0~rc1~git123", "1.0~rc1~git123", 0 },
	{ "1.0~rc1~git123", "1.0~rc1", -1 }, { "1.0~rc1", "1.0~rc1~git123", 1 },
	/* caret */
	{ "1.0^", "1.0^", 0 }, { "1.0^", "1.0", 1 }, { "1.0", "1.0^", -1 },
	{ "1.0^git1", "1.0^git1", 0 }, { "1.0^git1", "1.0", 1 },
	{ "1.0", "1.0^git1", -1 }, { "1.0^git1", "1.0^git2", -1 },
	{ "1.0^git2", "1.0^git1", 1 }, { "1.0^git1", "1.01", -1 },
	{ "1.01", "1.0^git1", 1 }, { "1.0^20160101", "1.0^20160101", 0 },
	{ "1.0^20160101", "1.0.1", -1 }, { "1.0.1", "1.0^20160101", 1 },
	{ "1.0^20160101^git1", "1.0^20160101^git1", 0 },
	{ "1.0^20160102", "1.0^20160101^git1", 1 },
	{ "1.0^20160101^git1", "1.0^20160102", -1 },
	/* tilde and caret */
	{ "1.0~rc1^git1", "1.0~rc1^git1", 0 },
	{ "1.0~rc1^git1", "1.0~rc1", 1 }, { "1.0~rc1", "1.0~rc1^git1", -1 },
	{ "1.0^git1~pre", "1.0^git1~pre", 0 },
	{ "1.0^git1", "1.0^git1~pre", 1 }, { "1.0^git1~pre", "1.0^git1", -1 },
	/* rpm's "oddities" section (RhBug:811992 and non-ASCII bytes, which
	 * are separators): documented rpm behaviour we reproduce too. */
	{ "1b.fc17", "1b.fc17", 0 }, { "1b.fc17", "1.fc17", -1 },
	{ "1.fc17", "1b.fc17", 1 }, { "1g.fc17", "1g.fc17", 0 },
	{ "1g.fc17", "1.fc17", 1 }, { "1.fc17", "1g.fc17", -1 },
	{ "1.1.\xce\xb1", "1.1.\xce\xb1", 0 },
	{ "1.1.\xce\xb1", "1.1.\xce\xb2", 0 },
	{ "1.1.\xce\xb2", "1.1.\xce\xb1", 0 },
	{ "1.1.\xce\xb1\xce\xb1", "1.1.\xce\xb1", 0 },
	{ "1.1.\xce\xb1", "1.1.\xce\xb2\xce\xb2", 0 },
	{ "1.1.\xce\xb2\xce\xb2", "1.1.\xce\xb1\xce\xb1", 0 },
};

#define N(a) (sizeof(a) / sizeof((a)[0]))

static int
sgn(int x)
{
	return (x > 0) - (x < 0);
}

static void
test_value_evr__rpmvercmp_table(void **state)
{
	size_t i;
	int got;

	(void)state;
	for (i = 0; i < N(rpm_table); i++) {
		got = sgn(oval_value_rpmvercmp(rpm_table[i].a,
		    strlen(rpm_table[i].a), rpm_table[i].b,
		    strlen(rpm_table[i].b)));
		if (got != rpm_table[i].want)
			fail_msg("rpmvercmp(%s, %s) = %d, want %d",
			    rpm_table[i].a, rpm_table[i].b, got,
			    rpm_table[i].want);
	}
}

/* The same table as the version field of a whole EVR with equal epoch and
 * release, through oval_evr_cmp() and through every ordering operation of
 * oval_compare(). */
static void
test_value_evr__table_as_evr(void **state)
{
	static const enum oval_operation ops[] = {
		OVAL_OP_EQUALS, OVAL_OP_NOT_EQUAL, OVAL_OP_GREATER_THAN,
		OVAL_OP_GREATER_THAN_OR_EQUAL, OVAL_OP_LESS_THAN,
		OVAL_OP_LESS_THAN_OR_EQUAL,
	};
	char a[64], b[64];
	enum oval_result r;
	size_t i, k;
	bool want;
	int c;

	(void)state;
	for (i = 0; i < N(rpm_table); i++) {
		c = rpm_table[i].want;
		snprintf(a, sizeof(a), "3:%s-1.el9", rpm_table[i].a);
		snprintf(b, sizeof(b), "3:%s-1.el9", rpm_table[i].b);
		assert_int_equal(sgn(oval_evr_cmp(a, b)), c);
		for (k = 0; k < N(ops); k++) {
			assert_int_equal(oval_compare(OVAL_DT_EVR_STRING,
			    ops[k], a, b, NULL, &r), 0);
			switch (ops[k]) {
			case OVAL_OP_EQUALS: want = c == 0; break;
			case OVAL_OP_NOT_EQUAL: want = c != 0; break;
			case OVAL_OP_GREATER_THAN: want = c > 0; break;
			case OVAL_OP_GREATER_THAN_OR_EQUAL: want = c >= 0;
				break;
			case OVAL_OP_LESS_THAN: want = c < 0; break;
			default: want = c <= 0; break;
			}
			assert_int_equal(r, want ? OVAL_R_TRUE : OVAL_R_FALSE);
		}
	}
}

/* rpmverCmp(): the epoch decides first, numerically; absent = 0. */
static void
test_value_evr__epoch(void **state)
{
	(void)state;
	assert_true(oval_evr_cmp("1:1.0-1", "0:9.9-9") > 0);
	assert_true(oval_evr_cmp("0:9.9-9", "1:1.0-1") < 0);
	assert_true(oval_evr_cmp("10:1.0-1", "9:1.0-1") > 0);
	assert_true(oval_evr_cmp("2:1.0-1", "10:1.0-1") < 0);
	/* Missing epoch is 0 (rpmverCmp: "e1 = v1->e ? v1->e : \"0\""). */
	assert_int_equal(oval_evr_cmp("1.0-1", "0:1.0-1"), 0);
	assert_true(oval_evr_cmp("1.0-1", "1:0.1-1") < 0);
	/* Leading zeros do not matter; an empty epoch is 0 (parseEVR). */
	assert_int_equal(oval_evr_cmp("007:1.0-1", "7:1.0-1"), 0);
	assert_int_equal(oval_evr_cmp(":1.0-1", "0:1.0-1"), 0);
	/* Epochs longer than any machine integer still compare. */
	assert_true(oval_evr_cmp("123456789012345678901234:1-1",
	    "123456789012345678901233:9-9") > 0);
}

/* Then the version, then the release, each with rpmvercmp(). */
static void
test_value_evr__release(void **state)
{
	(void)state;
	assert_true(oval_evr_cmp("0:1.0-2", "0:1.0-10") < 0);
	assert_true(oval_evr_cmp("0:1.1-1", "0:1.0-99") > 0);
	/* Real Red Hat releases. */
	assert_true(oval_evr_cmp("0:2.17-317.el7", "0:2.17-323.el7_9") < 0);
	assert_true(oval_evr_cmp("0:1.8.0-3.el8_4", "0:1.8.0-3.el8_10") < 0);
	assert_true(oval_evr_cmp("0:4.18.0-305.el8",
	    "0:4.18.0-305.3.1.el8_4") < 0);
	assert_true(oval_evr_cmp("1:1.1.1k-6.el8_5", "1:1.1.1k-5.el8_5") > 0);
	assert_true(oval_evr_cmp("1:1.1.1g-15.el8_3", "1:1.1.1k-4.el8") < 0);
	assert_true(oval_evr_cmp("0:5.14.0-70.13.1.el9_0",
	    "0:5.14.0-70.el9") > 0);
	assert_int_equal(oval_evr_cmp("0:3.6.8-45.el8", "0:3.6.8-45.el8"), 0);
	/* The release follows the LAST '-' (parseEVR uses strrchr). */
	assert_true(oval_evr_cmp("0:1.0-beta-2", "0:1.0-beta-1") > 0);
	assert_int_equal(oval_evr_cmp("0:1.0-beta-2", "0:1.0.beta-2"), 0);
	/* An absent release is older than any present one (rpmverCmp's
	 * compare_values: str1 && !str2 -> 1). */
	assert_true(oval_evr_cmp("0:1.0", "0:1.0-1") < 0);
	assert_true(oval_evr_cmp("0:1.0-0", "0:1.0") > 0);
	assert_int_equal(oval_evr_cmp("0:1.0", "1.0"), 0);
	/* Release with tilde (pre-release snapshot). */
	assert_true(oval_evr_cmp("0:1.0-1~rc1", "0:1.0-1") < 0);
}

/* oval_compare on evr_string; the spec example form EPOCH:VERSION-RELEASE. */
static void
test_value_evr__compare_ops(void **state)
{
	enum oval_result r;

	(void)state;
	assert_int_equal(oval_compare(OVAL_DT_EVR_STRING, OVAL_OP_LESS_THAN,
	    "0:2.17-317.el7", "0:2.17-323.el7_9", NULL, &r), 0);
	assert_int_equal(r, OVAL_R_TRUE);
	assert_int_equal(oval_compare(OVAL_DT_EVR_STRING,
	    OVAL_OP_GREATER_THAN_OR_EQUAL, "1:2-1", "1:2-1", NULL, &r), 0);
	assert_int_equal(r, OVAL_R_TRUE);
	assert_int_equal(oval_compare(OVAL_DT_EVR_STRING, OVAL_OP_EQUALS,
	    "0:1.0-1", "1.0-1", NULL, &r), 0);
	assert_int_equal(r, OVAL_R_TRUE);
	/* equals is not string equality: "2_0" == "2.0" for rpm. */
	assert_int_equal(oval_compare(OVAL_DT_EVR_STRING, OVAL_OP_NOT_EQUAL,
	    "0:2_0-1", "0:2.0-1", NULL, &r), 0);
	assert_int_equal(r, OVAL_R_FALSE);
	/* Not allowed on evr_string: the six ordering operations only. */
	assert_int_equal(oval_compare(OVAL_DT_EVR_STRING,
	    OVAL_OP_PATTERN_MATCH, "0:1-1", "1", NULL, &r), KS_EUNSUPPORTED);
	assert_int_equal(oval_compare(OVAL_DT_EVR_STRING, OVAL_OP_CI_EQUALS,
	    "0:1-1", "0:1-1", NULL, &r), KS_EUNSUPPORTED);
}

/* Only a value with no version at all is malformed (rpm accepts any other
 * string). */
static void
test_value_evr__malformed(void **state)
{
	enum oval_result r;

	(void)state;
	assert_int_equal(oval_value_check(OVAL_DT_EVR_STRING, ""), KS_EPARSE);
	assert_int_equal(oval_value_check(OVAL_DT_EVR_STRING, "1:"),
	    KS_EPARSE);
	assert_int_equal(oval_value_check(OVAL_DT_EVR_STRING, "1:-2"),
	    KS_EPARSE);
	assert_int_equal(oval_value_check(OVAL_DT_EVR_STRING, "-2"),
	    KS_EPARSE);
	assert_non_null(strstr(ks_error_msg(), "evr_string"));
	assert_int_equal(oval_compare(OVAL_DT_EVR_STRING, OVAL_OP_EQUALS,
	    "0:1-1", "", NULL, &r), KS_EPARSE);
	assert_int_equal(oval_compare(OVAL_DT_EVR_STRING, OVAL_OP_EQUALS,
	    "", "0:1-1", NULL, &r), KS_EPARSE);
	assert_int_equal(oval_value_check(OVAL_DT_EVR_STRING, "0:1.0-1"), 0);
	assert_int_equal(oval_value_check(OVAL_DT_EVR_STRING, "1.0"), 0);
	assert_int_equal(oval_value_check(OVAL_DT_EVR_STRING, "x:1.0-1"), 0);
}

/* Ordering laws over a set of tricky values: antisymmetry and
 * transitivity, as a sort needs them. */
static void
test_value_evr__order_laws(void **state)
{
	static const char *v[] = {
		"0:1.0-1", "0:1.0~rc1-1", "0:1.0^git1-1", "0:1.0.1-1",
		"1:0.1-1", "0:1.0", "0:1.0-1.el8", "0:1.0-1~beta",
		"0:1.0a-1", "0:1.00-1", "0:1.0-01", "0:1_0-1", "2:0-0",
		"0:1.0^-1", "0:1.0~~-1", "0:1.0-1^x",
	};
	size_t i, j, k;

	(void)state;
	for (i = 0; i < N(v); i++)
		for (j = 0; j < N(v); j++) {
			assert_int_equal(sgn(oval_evr_cmp(v[i], v[j])),
			    -sgn(oval_evr_cmp(v[j], v[i])));
			for (k = 0; k < N(v); k++)
				if (oval_evr_cmp(v[i], v[j]) <= 0 &&
				    oval_evr_cmp(v[j], v[k]) <= 0)
					assert_true(oval_evr_cmp(v[i], v[k])
					    <= 0);
		}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_value_evr__rpmvercmp_table),
		cmocka_unit_test(test_value_evr__table_as_evr),
		cmocka_unit_test(test_value_evr__epoch),
		cmocka_unit_test(test_value_evr__release),
		cmocka_unit_test(test_value_evr__compare_ops),
		cmocka_unit_test(test_value_evr__malformed),
		cmocka_unit_test(test_value_evr__order_laws),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
