/*
 * Tests for the capped buffer (platform/base/buf.c): growth, the ceiling
 * leaving the buffer unchanged, printf, steal.
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

static void
test_buf__append_and_terminate(void **state)
{
	struct ks_buf b;
	int i;

	ks_buf_init(&b, 0);
	assert_int_equal(ks_buf_puts(&b, "abc"), 0);
	assert_int_equal(ks_buf_putc(&b, 'd'), 0);
	assert_int_equal(ks_buf_append(&b, "efgh", 2), 0);
	assert_int_equal(b.len, 6);
	assert_string_equal(b.data, "abcdef");
	for (i = 0; i < 10000; i++)
		assert_int_equal(ks_buf_putc(&b, 'x'), 0);
	assert_int_equal(b.len, 10006);
	assert_int_equal(b.data[b.len], '\0');
	ks_buf_reset(&b);
	assert_int_equal(b.len, 0);
	assert_string_equal(b.data, "");
	ks_buf_free(&b);
	assert_null(b.data);
	ks_buf_free(&b);
}

static void
test_buf__cap_leaves_unchanged(void **state)
{
	struct ks_buf b;

	ks_buf_init(&b, 8);
	assert_int_equal(ks_buf_puts(&b, "12345"), 0);
	ks_error_clear();
	assert_int_equal(ks_buf_puts(&b, "6789"), KS_ELIMIT);
	assert_non_null(strstr(ks_error_msg(), "8 bytes"));
	assert_int_equal(b.len, 5);
	assert_string_equal(b.data, "12345");
	assert_int_equal(ks_buf_puts(&b, "678"), 0);
	assert_string_equal(b.data, "12345678");
	assert_int_equal(ks_buf_putc(&b, '9'), KS_ELIMIT);
	assert_int_equal(ks_buf_printf(&b, "%d", 9), KS_ELIMIT);
	assert_int_equal(b.len, 8);
	/* Appending nothing at the cap is fine. */
	assert_int_equal(ks_buf_append(&b, "", 0), 0);
	/* The cap bounds the allocation too. */
	assert_true(b.cap <= 9 + 64);
	ks_buf_free(&b);
}

static void
test_buf__printf(void **state)
{
	struct ks_buf b;
	char big[1000];

	ks_buf_init(&b, 0);
	assert_int_equal(ks_buf_printf(&b, "%s=%d;", "a", 1), 0);
	assert_int_equal(ks_buf_printf(&b, "%s", ""), 0);
	memset(big, 'z', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	assert_int_equal(ks_buf_printf(&b, "[%s]", big), 0);
	assert_int_equal(b.len, 4 + 1001);
	assert_int_equal(strncmp(b.data, "a=1;[zzz", 8), 0);
	assert_int_equal(b.data[b.len - 1], ']');
	ks_buf_free(&b);

	/* A long printf past the cap fails and changes nothing. */
	ks_buf_init(&b, 500);
	assert_int_equal(ks_buf_puts(&b, "keep"), 0);
	assert_int_equal(ks_buf_printf(&b, "%s", big), KS_ELIMIT);
	assert_string_equal(b.data, "keep");
	ks_buf_free(&b);
}

static void
test_buf__steal(void **state)
{
	struct ks_buf b;
	char *s;

	ks_buf_init(&b, 100);
	s = ks_buf_steal(&b);
	assert_string_equal(s, "");
	free(s);
	ks_buf_puts(&b, "owned");
	s = ks_buf_steal(&b);
	assert_string_equal(s, "owned");
	assert_null(b.data);
	assert_int_equal(b.len, 0);
	assert_int_equal(b.max, 100);
	free(s);
	/* Usable again after steal. */
	assert_int_equal(ks_buf_puts(&b, "again"), 0);
	assert_string_equal(b.data, "again");
	ks_buf_free(&b);
}

static void
test_buf__binary_data(void **state)
{
	struct ks_buf b;

	ks_buf_init(&b, 0);
	assert_int_equal(ks_buf_append(&b, "a\0b", 3), 0);
	assert_int_equal(b.len, 3);
	assert_memory_equal(b.data, "a\0b", 4);
	ks_buf_free(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_buf__append_and_terminate),
		cmocka_unit_test(test_buf__cap_leaves_unchanged),
		cmocka_unit_test(test_buf__printf),
		cmocka_unit_test(test_buf__steal),
		cmocka_unit_test(test_buf__binary_data),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
