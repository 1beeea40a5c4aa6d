/*
 * Tests for CVSS v4.0 scoring (feeds/cvss_v4.c and the generated tables):
 * the equivalence classes EQ1-EQ6 of hand-checked vectors (specification
 * section 8.2, Tables 24-29), effective values of modified and Not Defined
 * metrics, the interpolation, nomenclature and supplemental metrics.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "platform/base/base.h"
#include "feeds/cvss_int.h"

#define B_NET	"CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N"

static struct feed_cvss
parse_ok(const char *vector)
{
	struct feed_cvss c;

	if (feed_cvss_parse(vector, &c) != 0)
		fail_msg("%s: %s", vector, ks_error_msg());
	return c;
}

/* Asserts the macrovector of `vector`, given as "EQ1EQ2...EQ6". */
static void
assert_mv(const char *vector, const char *expect)
{
	struct feed_cvss c = parse_ok(vector);
	char got[7];
	int eq[6], i;

	feed_cvss4_macrovector(&c, eq);
	for (i = 0; i < 6; i++)
		got[i] = (char)('0' + eq[i]);
	got[6] = '\0';
	if (strcmp(got, expect) != 0)
		fail_msg("%s: macrovector %s, expected %s", vector, got,
		    expect);
}

static void
test_cvss_v4__tables_generated_whole(void **state)
{
	/* 270 macrovectors in FIRST's cvss_lookup.js. */
	assert_int_equal(feed_cvss4_lookup_count, 270);
	assert_int_equal(feed_cvss4_lookup[0][0][0][0][0][0], 100);
	assert_int_equal(feed_cvss4_lookup[2][1][2][2][2][1], 1);
	/* EQ3 = 2 with EQ6 = 0 cannot happen (no VC/VI/VA High). */
	assert_int_equal(feed_cvss4_lookup[0][0][2][0][0][0], -1);
	assert_int_equal(feed_cvss4_max_eq3eq6[3].n, 5);
	assert_int_equal(feed_cvss4_maxsev_eq3eq6[2][1], 10);
}

static void
test_cvss_v4__eq1(void **state)
{
	/* 0: AV:N and PR:N and UI:N. */
	assert_mv(B_NET "/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", "000200");
	/* 1: one of them N, AV not P. */
	assert_mv("CVSS:4.0/AV:A/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/"
	    "SI:N/SA:N", "100200");
	assert_mv("CVSS:4.0/AV:L/AC:L/AT:N/PR:L/UI:N/VC:H/VI:H/VA:H/SC:N/"
	    "SI:N/SA:N", "100200");
	/* 2: AV:P, whatever else; or none of them N. */
	assert_mv("CVSS:4.0/AV:P/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/"
	    "SI:N/SA:N", "200200");
	assert_mv("CVSS:4.0/AV:A/AC:L/AT:N/PR:L/UI:P/VC:H/VI:H/VA:H/SC:N/"
	    "SI:N/SA:N", "200200");
	/* A modified metric replaces the base one. */
	assert_mv(B_NET "/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/MAV:P", "200200");
	assert_mv(B_NET "/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/MAV:X", "000200");
}

static void
test_cvss_v4__eq2_eq3_eq4(void **state)
{
	/* EQ2 1 when AC:H or AT:P (or their modified values). */
	assert_mv("CVSS:4.0/AV:N/AC:H/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/"
	    "SI:N/SA:N", "010200");
	assert_mv(B_NET "/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/MAT:P", "010200");
	/* EQ3 1: not VC:H and VI:H, but one of VC/VI/VA H. */
	assert_mv(B_NET "/VC:H/VI:L/VA:N/SC:N/SI:N/SA:N", "001200");
	assert_mv(B_NET "/VC:L/VI:L/VA:H/SC:N/SI:N/SA:N", "001200");
	/* ... with EQ6 1 when no requirement H meets an H impact: CR:L/
	 * IR:L/AR:L. */
	assert_mv(B_NET "/VC:L/VI:L/VA:H/SC:N/SI:N/SA:N/CR:L/IR:L/AR:L",
	    "001201");
	/* EQ3 2: no H at all; EQ6 is then 1. */
	assert_mv(B_NET "/VC:L/VI:L/VA:L/SC:N/SI:N/SA:N", "002201");
	/* EQ4 0: MSI:S or MSA:S; 1: a subsequent H; 2 otherwise. */
	assert_mv(B_NET "/VC:L/VI:L/VA:L/SC:N/SI:N/SA:N/MSA:S", "002001");
	assert_mv(B_NET "/VC:L/VI:L/VA:L/SC:N/SI:H/SA:N", "002101");
	assert_mv(B_NET "/VC:L/VI:L/VA:L/SC:H/SI:N/SA:N/MSC:L", "002201");
}

static void
test_cvss_v4__eq5_eq6(void **state)
{
	/* E X counts as A. */
	assert_mv(B_NET "/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:X", "000200");
	assert_mv(B_NET "/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:P", "000210");
	assert_mv(B_NET "/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:U", "000220");
	/* EQ6 0 through AR:H and VA:H alone. */
	assert_mv(B_NET "/VC:H/VI:L/VA:H/SC:N/SI:N/SA:N/CR:L/IR:H/AR:H",
	    "001200");
	assert_mv(B_NET "/VC:H/VI:L/VA:H/SC:N/SI:N/SA:N/CR:L/IR:H/AR:M",
	    "001201");
	/* MVC changes the value CR is checked against. */
	assert_mv(B_NET "/VC:H/VI:L/VA:L/SC:N/SI:N/SA:N/MVC:L", "002201");
}

static void
test_cvss_v4__scores(void **state)
{
	struct feed_cvss c;

	/* Equal to its macrovector's max vector: the table's 10.0. */
	c = parse_ok(B_NET "/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H");
	assert_true(c.score == 10.0);
	assert_false(c.has_base || c.has_temporal || c.has_environmental);
	assert_string_equal(feed_cvss_nomenclature(&c), "CVSS-B");
	assert_string_equal(feed_cvss_severity(&c), "Critical");
	/*
	 * Macrovector 212221 (table 0.1) has no lower neighbour in any EQ,
	 * so no interpolation: 0.1.
	 */
	c = parse_ok("CVSS:4.0/AV:P/AC:H/AT:P/PR:H/UI:A/VC:L/VI:L/VA:L/SC:N/"
	    "SI:N/SA:N/E:U/CR:L/IR:L/AR:L");
	assert_true(c.score == 0.1);
	assert_string_equal(feed_cvss_nomenclature(&c), "CVSS-BTE");
	assert_string_equal(feed_cvss_severity(&c), "Low");
	/* No impact on any system: 0.0 whatever else. */
	c = parse_ok(B_NET "/VC:N/VI:N/VA:N/SC:N/SI:N/SA:N/E:A");
	assert_true(c.score == 0.0);
	assert_string_equal(feed_cvss_severity(&c), "None");
	/* The specification's base example: 9.3 (FIRST calculator). */
	c = parse_ok(B_NET "/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N");
	assert_true(c.score == 9.3);
	/*
	 * Threat lowers it: E:U -> macrovector 000220, table 8.1. The vector
	 * is its EQ1/EQ2/EQ3-EQ6 max vector (distance 0) and EQ4/EQ5 have no
	 * lower class, so nothing is subtracted: 8.1 (9.3 above is 000200's
	 * 9.3 the same way).
	 */
	c = parse_ok(B_NET "/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:U");
	assert_string_equal(feed_cvss_nomenclature(&c), "CVSS-BT");
	assert_true(c.score == 8.1);
	c = parse_ok(B_NET "/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/CR:L");
	assert_string_equal(feed_cvss_nomenclature(&c), "CVSS-BE");
}

static void
test_cvss_v4__supplemental_never_scores(void **state)
{
	struct feed_cvss a = parse_ok(B_NET "/VC:H/VI:L/VA:N/SC:L/SI:N/SA:N");
	struct feed_cvss b = parse_ok(B_NET "/VC:H/VI:L/VA:N/SC:L/SI:N/SA:N/"
	    "S:P/AU:Y/R:I/V:C/RE:H/U:Red");

	assert_true(a.score == b.score);
	assert_false(b.sets_temporal || b.sets_environmental);
	assert_string_equal(feed_cvss_nomenclature(&b), "CVSS-B");
	assert_int_equal(feed_cvss_metric_count(&b), 17);
	/* ... but they are validated. */
	assert_int_equal(feed_cvss_parse(B_NET "/VC:H/VI:L/VA:N/SC:L/SI:N/"
	    "SA:N/R:X/R:A", &b), KS_EPARSE);
	assert_int_equal(feed_cvss_parse(B_NET "/VC:H/VI:L/VA:N/SC:L/SI:N/"
	    "SA:N/AU:M", &b), KS_EPARSE);
	assert_non_null(strstr(ks_error_msg(), "'AU'"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cvss_v4__tables_generated_whole),
		cmocka_unit_test(test_cvss_v4__eq1),
		cmocka_unit_test(test_cvss_v4__eq2_eq3_eq4),
		cmocka_unit_test(test_cvss_v4__eq5_eq6),
		cmocka_unit_test(test_cvss_v4__scores),
		cmocka_unit_test(test_cvss_v4__supplemental_never_scores),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
