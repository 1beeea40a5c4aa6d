/*
 * Tests for timestamps (platform/base/time.c): the ISO format in local time
 * (forced to UTC here so the test does not depend on the machine's zone)
 * and the monotonic clock.
 */
#include <time.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "platform/base/base.h"

static void
test_time__iso_format(void **state)
{
	char out[32];

	setenv("TZ", "UTC", 1);
	tzset();
	assert_int_equal(ks_time_iso(0, out, sizeof(out)), 0);
	assert_string_equal(out, "1970-01-01T00:00:00");
	assert_int_equal(ks_time_iso(1700000000, out, sizeof(out)), 0);
	assert_string_equal(out, "2023-11-14T22:13:20");
	assert_int_equal(ks_time_iso(1700000000, out, 20), 0);
	assert_int_equal(ks_time_iso(1700000000, out, 19), KS_ERROR);
	setenv("TZ", "JST-9", 1);
	tzset();
	assert_int_equal(ks_time_iso(0, out, sizeof(out)), 0);
	assert_string_equal(out, "1970-01-01T09:00:00");
}

static void
test_time__mono_increases(void **state)
{
	double a = ks_time_mono(), b;
	struct timespec ts = { 0, 2000000 };

	nanosleep(&ts, NULL);
	b = ks_time_mono();
	assert_true(a > 0);
	assert_true(b - a >= 0.0015);
	assert_true(b - a < 5);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_time__iso_format),
		cmocka_unit_test(test_time__mono_increases),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
