/*
 * Tests for levelled logging (platform/base/log.c): the default level, the
 * filter and the exact line format on stderr.
 */
#include <unistd.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "platform/base/base.h"

/* Captures what fn writes to stderr into out. */
static void
capture(void (*fn)(void), char *out, size_t outsz)
{
	FILE *tmp = tmpfile();
	int saved = dup(2);
	size_t n;

	assert_non_null(tmp);
	fflush(stderr);
	dup2(fileno(tmp), 2);
	fn();
	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	rewind(tmp);
	n = fread(out, 1, outsz - 1, tmp);
	out[n] = '\0';
	fclose(tmp);
}

static void
emit_all(void)
{
	ks_log(KS_LOG_ERROR, "e%d", 1);
	ks_warn("w%d", 2);
	ks_info("i%d", 3);
	ks_debug("d%d", 4);
}

static void
test_log__default_is_warn(void **state)
{
	char out[512];

	assert_int_equal(ks_log_get_level(), KS_LOG_WARN);
	capture(emit_all, out, sizeof(out));
	assert_string_equal(out, "kensa: error: e1\nkensa: warning: w2\n");
}

static void
test_log__levels(void **state)
{
	char out[512];

	ks_log_set_level(KS_LOG_DEBUG);
	assert_int_equal(ks_log_get_level(), KS_LOG_DEBUG);
	capture(emit_all, out, sizeof(out));
	assert_string_equal(out, "kensa: error: e1\nkensa: warning: w2\n"
	    "kensa: info: i3\nkensa: debug: d4\n");
	ks_log_set_level(KS_LOG_ERROR);
	capture(emit_all, out, sizeof(out));
	assert_string_equal(out, "kensa: error: e1\n");
	ks_log_set_level(KS_LOG_WARN);
}

static void
emit_long(void)
{
	char big[5000];

	memset(big, 'y', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	ks_warn("%s", big);
}

static void
test_log__long_message_truncated(void **state)
{
	char out[8192];
	size_t n;

	capture(emit_long, out, sizeof(out));
	n = strlen(out);
	assert_true(n > 2000 && n < 2100);
	assert_string_equal(out + n - 4, "...\n");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_log__default_is_warn),
		cmocka_unit_test(test_log__levels),
		cmocka_unit_test(test_log__long_message_truncated),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
