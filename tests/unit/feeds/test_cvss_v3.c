/*
 * Tests for CVSS v3.0 and v3.1 scoring (feeds/cvss_v3.c): the two rounding
 * rules, the v3.1 change of the Modified Impact formula, the defaults of
 * Not Defined temporal and modified metrics, and hand-computed vectors.
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

/* Scores are compared exactly: they are one-decimal doubles made the
 * same way as the literals. */
static void
assert_scores(const char *vector, double b, double t, double e)
{
	struct feed_cvss c = parse_ok(vector);

	if (c.base != b || c.temporal != t || c.environmental != e)
		fail_msg("%s: expected (%.1f, %.1f, %.1f), got (%.17g, %.17g, "
		    "%.17g)", vector, b, t, e, c.base, c.temporal,
		    c.environmental);
	assert_true(c.has_base && c.has_temporal && c.has_environmental);
}

static void
test_cvss_v3__roundup_v31_appendix_a(void **state)
{
	/*
	 * v3.1 Appendix A: Roundup works on round(input * 100000) so that a
	 * value a floating-point error put a hair above a one-decimal number
	 * stays there, while anything that is truly above rounds up.
	 */
	assert_true(feed_cvss_roundup_v31(4.0) == 4.0);
	assert_true(feed_cvss_roundup_v31(4.02) == 4.1);
	assert_true(feed_cvss_roundup_v31(4.000001) == 4.0);
	assert_true(feed_cvss_roundup_v31(4.00001) == 4.1);
	assert_true(feed_cvss_roundup_v31(0.1 + 0.2) == 0.3);
	/* The classic: 10 * 0.92 is 9.200000000000001 in binary. */
	assert_true(10.0 * 0.92 > 9.2);
	assert_true(feed_cvss_roundup_v31(10.0 * 0.92) == 9.2);
	assert_true(feed_cvss_roundup_v31(0.0) == 0.0);
	assert_true(feed_cvss_roundup_v31(9.99999) == 10.0);
	assert_true(feed_cvss_roundup_v31(10.0) == 10.0);
}

static void
test_cvss_v3__roundup_v30_plain(void **state)
{
	/*
	 * v3.0 section 8.5: "the smallest number, specified to one decimal
	 * place, that is equal to or higher than its input" - of the exact
	 * decimal result. Binary noise (1e-15) does not count; any real
	 * excess, even 1e-6, rounds up, where v3.1 would not.
	 */
	assert_true(feed_cvss_roundup_v30(4.0) == 4.0);
	assert_true(feed_cvss_roundup_v30(4.02) == 4.1);
	assert_true(feed_cvss_roundup_v30(4.000001) == 4.1);
	assert_true(feed_cvss_roundup_v31(4.000001) == 4.0);
	assert_true(feed_cvss_roundup_v30(10.0 * 0.92) == 9.2);
	assert_true(feed_cvss_roundup_v30(0.1 + 0.2) == 0.3);
	assert_true(feed_cvss_roundup_v30(0.0) == 0.0);
	assert_true(feed_cvss_roundup_v30(9.91) == 10.0);
}

static void
test_cvss_v3__float_noise_in_temporal(void **state)
{
	/*
	 * Base 10.0 x RC:U 0.92 = 9.2 exactly; a naive ceil(x * 10) / 10 on
	 * doubles gives 9.3 (FIRST's v3.0 JavaScript calculator did). Both
	 * versions must say 9.2.
	 */
	assert_scores("CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H/RC:U",
	    10.0, 9.2, 9.2);
	assert_scores("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H/RC:U",
	    10.0, 9.2, 9.2);
}

static void
test_cvss_v3__modified_impact_v30_vs_v31(void **state)
{
	/*
	 * v3.1 section 7.3 changed the changed-scope Modified Impact to
	 * 7.52 x (MISS - 0.029) - 3.25 x (MISS x 0.9731 - 0.02)^13 (v3.0:
	 * (MISS - 0.02)^15). With IR:L, MISS = 1 - 0.44 x 0.72 = 0.6832:
	 * v3.0 ModifiedImpact 4.9127, + 3.8870 exploitability, x 1.08 =
	 * 9.504 -> 9.6; v3.1 4.9088 -> 9.4995 -> 9.5. The base score uses
	 * the ^15 formula in both versions.
	 */
	assert_scores("CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:N/IR:L",
	    10.0, 10.0, 9.6);
	assert_scores("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:N/IR:L",
	    10.0, 10.0, 9.5);
}

static void
test_cvss_v3__hand_computed(void **state)
{
	/* ISS = 1 - 0.44^3 = 0.914816; Impact = 6.42 x ISS = 5.873;
	 * Exploitability = 8.22 x 0.85 x 0.77 x 0.85 x 0.85 = 3.887;
	 * 9.760 -> 9.8. */
	assert_scores("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
	    9.8, 9.8, 9.8);
	/* No impact: 0 whatever the rest. */
	assert_scores("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:N/I:N/A:N",
	    0.0, 0.0, 0.0);
	/* Scope changed: PR:L weighs 0.68; Impact = 7.52 x 0.885816 - 3.25 x
	 * 0.894816^15 = 6.0477, Exploitability 3.1097, x 1.08 = 9.89 -> 9.9.
	 * The v3.1 Modified Impact formula differs from the base one, so the
	 * environmental score of the same vector is 10.0 (a known v3.1
	 * property, FIRST's calculator agrees). v3.0 keeps 9.9. */
	assert_scores("CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:C/C:H/I:H/A:H",
	    9.9, 9.9, 10.0);
	assert_scores("CVSS:3.0/AV:N/AC:L/PR:L/UI:N/S:C/C:H/I:H/A:H",
	    9.9, 9.9, 9.9);
	/* Temporal: 9.8 x 0.94 x 0.95 x 0.96 = 8.40134 -> 8.5. */
	assert_scores("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:P/RL:O/"
	    "RC:R", 9.8, 8.5, 8.5);
}

static void
test_cvss_v3__not_defined_defaults(void **state)
{
	/* X temporal metrics are 1; X modified metrics take the base value;
	 * an explicit X equals an absent metric. */
	struct feed_cvss a = parse_ok("CVSS:3.1/AV:L/AC:H/PR:H/UI:R/S:U/C:L/"
	    "I:L/A:N");
	struct feed_cvss b = parse_ok("CVSS:3.1/AV:L/AC:H/PR:H/UI:R/S:U/C:L/"
	    "I:L/A:N/E:X/RL:X/RC:X/CR:X/IR:X/AR:X/MAV:X/MAC:X/MPR:X/MUI:X/"
	    "MS:X/MC:X/MI:X/MA:X");

	assert_true(a.base == b.base && a.temporal == b.temporal &&
	    a.environmental == b.environmental);
	assert_true(a.base == a.environmental);
	/* Modified metrics set to the base values change nothing either. */
	b = parse_ok("CVSS:3.1/AV:L/AC:H/PR:H/UI:R/S:U/C:L/I:L/A:N/MAV:L/"
	    "MAC:H/MPR:H/MUI:R/MS:U/MC:L/MI:L/MA:N");
	assert_true(a.environmental == b.environmental);
	assert_true(b.sets_environmental);
	/* MS:C makes MPR use the changed-scope weights. */
	a = parse_ok("CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H/MS:C");
	assert_true(a.base == 8.8 && a.environmental == 10.0);
}

static void
test_cvss_v3__requirements(void **state)
{
	/* CR:H raises MISS but it is capped at 0.915. */
	assert_scores("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/CR:H/"
	    "IR:H/AR:H", 9.8, 9.8, 9.8);
	/* All L: MISS = 1 - 0.72^3 = 0.626752; 4.024 + 3.887 = 7.91 -> 8.0. */
	assert_scores("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/CR:L/"
	    "IR:L/AR:L", 9.8, 9.8, 8.0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cvss_v3__roundup_v31_appendix_a),
		cmocka_unit_test(test_cvss_v3__roundup_v30_plain),
		cmocka_unit_test(test_cvss_v3__float_noise_in_temporal),
		cmocka_unit_test(test_cvss_v3__modified_impact_v30_vs_v31),
		cmocka_unit_test(test_cvss_v3__hand_computed),
		cmocka_unit_test(test_cvss_v3__not_defined_defaults),
		cmocka_unit_test(test_cvss_v3__requirements),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
