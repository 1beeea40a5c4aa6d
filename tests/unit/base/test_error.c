/*
 * Tests for the thread-local error message and code names
 * (platform/base/error.c).
 */
#include <pthread.h>
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
test_error__set_and_clear(void **state)
{
	ks_error_clear();
	assert_string_equal(ks_error_msg(), "");
	ks_error_set("file %s:%d: %s", "a.xml", 12, "bad");
	assert_string_equal(ks_error_msg(), "file a.xml:12: bad");
	ks_error_clear();
	assert_string_equal(ks_error_msg(), "");
}

static void
test_error__truncates_long_message(void **state)
{
	char *big = ks_malloc(10000);
	size_t n;

	memset(big, 'x', 9999);
	big[9999] = '\0';
	ks_error_set("%s", big);
	n = strlen(ks_error_msg());
	assert_true(n > 1000 && n < 4096);
	assert_string_equal(ks_error_msg() + n - 3, "...");
	free(big);
}

static void
test_error__own_message_as_argument(void **state)
{
	ks_error_set("inner");
	ks_error_set("outer: %s", ks_error_msg());
	assert_string_equal(ks_error_msg(), "outer: inner");
}

static void *
thread_main(void *arg)
{
	ks_error_set("thread message");
	return (void *)(strcmp(ks_error_msg(), "thread message") == 0 ?
	    arg : NULL);
}

static void
test_error__thread_local(void **state)
{
	pthread_t t;
	void *ret = NULL;
	int token;

	ks_error_set("main message");
	assert_int_equal(pthread_create(&t, NULL, thread_main, &token), 0);
	assert_int_equal(pthread_join(t, &ret), 0);
	assert_ptr_equal(ret, &token);
	assert_string_equal(ks_error_msg(), "main message");
}

static void
test_error__strerror_names(void **state)
{
	assert_string_equal(ks_strerror(KS_OK), "success");
	assert_string_equal(ks_strerror(KS_ERROR), "error");
	assert_string_equal(ks_strerror(KS_ENOTFOUND), "not found");
	assert_string_equal(ks_strerror(KS_EUNSUPPORTED), "not supported");
	assert_string_equal(ks_strerror(KS_ELIMIT), "limit exceeded");
	assert_string_equal(ks_strerror(KS_EPARSE), "parse error");
	assert_string_equal(ks_strerror(KS_EPERM), "permission denied");
	assert_string_equal(ks_strerror(KS_ENOMEM), "out of memory");
	assert_string_equal(ks_strerror(-99), "unknown error");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_error__set_and_clear),
		cmocka_unit_test(test_error__truncates_long_message),
		cmocka_unit_test(test_error__own_message_as_argument),
		cmocka_unit_test(test_error__thread_local),
		cmocka_unit_test(test_error__strerror_names),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
