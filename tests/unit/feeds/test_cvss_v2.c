/*
 * Tests for CVSS v2.0 scoring (feeds/cvss_v2.c): its half-up rounding,
 * the bare and parenthesised forms, undefined temporal/environmental
 * scores, "ND" values and the adjusted equations of the guide's 3.2.3.
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

static struct feed_cvss
parse_ok(const char *vector)
{
	struct feed_cvss c;

	if (feed_cvss_parse(vector, &c) != 0)
		fail_msg("%s: %s", vector, ks_error_msg());
	return c;
}

static void
test_cvss_v2__round_half_up(void **state)
{
	/* round_to_1_decimal on decimals: 0.05 -> 0.1 even though the
	 * double 0.05 is a little below it; halves go away from zero. */
	assert_true(feed_cvss_round_v2(0.05) == 0.1);
	assert_true(feed_cvss_round_v2(0.15) == 0.2);
	assert_true(feed_cvss_round_v2(4.25) == 4.3);
	assert_true(feed_cvss_round_v2(4.249) == 4.2);
	assert_true(feed_cvss_round_v2(-0.15) == -0.2);
	assert_true(feed_cvss_round_v2(-0.14) == -0.1);
	assert_true(feed_cvss_round_v2(10.0) == 10.0);
	assert_true(feed_cvss_round_v2(0.0) == 0.0);
}

static void
test_cvss_v2__forms(void **state)
{
	struct feed_cvss a = parse_ok("AV:N/AC:L/Au:N/C:P/I:P/A:P");
	struct feed_cvss b = parse_ok("(AV:N/AC:L/Au:N/C:P/I:P/A:P)");

	/* Impact 6.443, Exploitability 9.997: (3.866 + 3.999 - 1.5) x 1.176
	 * = 7.48 -> 7.5. */
	assert_true(a.base == 7.5 && b.base == 7.5);
	assert_true(a.score == 7.5);
	assert_false(a.has_temporal || a.has_environmental);
	assert_string_equal(feed_cvss_severity(&a), "High");
}

static void
test_cvss_v2__zero_impact_is_not_negative(void **state)
{
	/* f(Impact) = 0 makes (... - 1.5) x 0 = -0.0 in floating point; it
	 * must read and print as 0.0, severity Low. */
	struct feed_cvss c = parse_ok("AV:L/AC:H/Au:M/C:N/I:N/A:N");
	char buf[16];

	assert_true(c.base == 0.0);
	snprintf(buf, sizeof(buf), "%.1f", c.base);
	assert_string_equal(buf, "0.0");
	snprintf(buf, sizeof(buf), "%.1f", c.score);
	assert_string_equal(buf, "0.0");
	assert_string_equal(feed_cvss_severity(&c), "Low");
}

static void
test_cvss_v2__temporal(void **state)
{
	struct feed_cvss c;

	/* 10.0 x 0.85 x 0.87 x 0.90 = 6.6555 -> 6.7. */
	c = parse_ok("AV:N/AC:L/Au:N/C:C/I:C/A:C/E:U/RL:OF/RC:UC");
	assert_true(c.base == 10.0 && c.has_temporal && c.temporal == 6.7);
	assert_false(c.has_environmental);
	assert_true(c.score == 6.7);
	/* A partial group is fine, the rest is ND (1.0). */
	c = parse_ok("AV:N/AC:L/Au:N/C:C/I:C/A:C/RL:W");
	assert_true(c.has_temporal && c.temporal == 9.5);
	/* All ND: no temporal score. */
	c = parse_ok("AV:N/AC:L/Au:N/C:C/I:C/A:C/E:ND/RL:ND/RC:ND");
	assert_false(c.has_temporal || c.sets_temporal);
	assert_true(c.score == 10.0);
}

static void
test_cvss_v2__environmental(void **state)
{
	struct feed_cvss c;

	/*
	 * A negative AdjustedBase must round like the decimal computation:
	 * AdjustedImpact = 10.41 x 0.275 x 0.5 = 1.431; (0.859 + 0.498 -
	 * 1.5) x 1.176 = -0.169 -> -0.2; Environmental = (-0.2 + 10.2 x
	 * 0.5) x 1.0 = 4.9 (clamping the adjusted base to 0 would give 5.0).
	 */
	c = parse_ok("AV:L/AC:H/Au:M/C:P/I:N/A:N/CR:L/CDP:H/TD:H");
	assert_true(c.base == 0.8);
	assert_false(c.has_temporal);
	assert_true(c.has_environmental && c.environmental == 4.9);
	assert_true(c.score == 4.9);
	/* TD:N zeroes the environmental score. */
	c = parse_ok("AV:N/AC:L/Au:N/C:C/I:C/A:C/TD:N");
	assert_true(c.environmental == 0.0 && c.score == 0.0);
	assert_string_equal(feed_cvss_severity(&c), "Low");
	/* The guide's example CVE-2002-0392 (section 3.3.1): base 7.8,
	 * temporal 6.4, environmental with CDP:H/TD:H/CR:M/IR:M/AR:H 9.2. */
	c = parse_ok("AV:N/AC:L/Au:N/C:N/I:N/A:C/E:F/RL:OF/RC:C/CDP:H/TD:H/"
	    "CR:M/IR:M/AR:H");
	assert_true(c.base == 7.8);
	assert_true(c.temporal == 6.4);
	assert_true(c.environmental == 9.2);
	/* ND everywhere: no environmental score. */
	c = parse_ok("AV:N/AC:L/Au:N/C:C/I:C/A:C/CDP:ND/TD:ND/CR:ND/IR:ND/"
	    "AR:ND");
	assert_false(c.has_environmental);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cvss_v2__round_half_up),
		cmocka_unit_test(test_cvss_v2__forms),
		cmocka_unit_test(test_cvss_v2__zero_impact_is_not_negative),
		cmocka_unit_test(test_cvss_v2__temporal),
		cmocka_unit_test(test_cvss_v2__environmental),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
