/*
 * Tests for the allocation wrappers and array growth (platform/base/mem.c),
 * including the abort on an impossible size.
 */
#include <sys/wait.h>
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

static void
test_mem__strdup_family(void **state)
{
	char *s = ks_strdup("hello");
	char *t = ks_strndup("hello world", 5);
	char *u = ks_strndup("hi", 10);
	char *v = ks_asprintf("%s-%d", "x", 42);

	assert_string_equal(s, "hello");
	assert_string_equal(t, "hello");
	assert_string_equal(u, "hi");
	assert_string_equal(v, "x-42");
	free(s);
	free(t);
	free(u);
	free(v);
}

static void
test_mem__zero_sizes(void **state)
{
	void *p = ks_malloc(0), *q = ks_calloc(0, 5);

	assert_non_null(p);
	assert_non_null(q);
	p = ks_realloc(p, 0);
	assert_non_null(p);
	free(p);
	free(q);
}

static void
test_mem__calloc_zeroes(void **state)
{
	unsigned char *p = ks_calloc(100, 3);
	int i;

	for (i = 0; i < 300; i++)
		assert_int_equal(p[i], 0);
	free(p);
}

static void
test_mem__grow_doubles(void **state)
{
	int *arr = NULL;
	size_t cap = 0, i;

	ks_grow(&arr, &cap, 1, sizeof(*arr));
	assert_int_equal(cap, 8);
	ks_grow(&arr, &cap, 8, sizeof(*arr));
	assert_int_equal(cap, 8);
	ks_grow(&arr, &cap, 9, sizeof(*arr));
	assert_int_equal(cap, 16);
	ks_grow(&arr, &cap, 100, sizeof(*arr));
	assert_int_equal(cap, 128);
	for (i = 0; i < 100; i++)
		arr[i] = (int)i;
	ks_grow(&arr, &cap, 1000, sizeof(*arr));
	for (i = 0; i < 100; i++)
		assert_int_equal(arr[i], (int)i);
	free(arr);
}

/* Runs fn in a child; returns 1 if the child aborted with the OOM text. */
static int
dies_oom(void (*fn)(void))
{
	int pfd[2], status;
	char buf[128] = "";
	ssize_t n;
	pid_t pid;

	assert_int_equal(pipe(pfd), 0);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		dup2(pfd[1], 2);
		close(pfd[0]);
		fn();
		_exit(0);
	}
	close(pfd[1]);
	n = read(pfd[0], buf, sizeof(buf) - 1);
	close(pfd[0]);
	if (n > 0)
		buf[n] = '\0';
	assert_int_equal(waitpid(pid, &status, 0), pid);
	return WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT &&
	    strstr(buf, "kensa: out of memory") != NULL;
}

static void
grow_overflow(void)
{
	char *arr = NULL;
	size_t cap = 0;

	ks_grow(&arr, &cap, SIZE_MAX / 2 + 2, 4);
}

static void
test_mem__grow_overflow_aborts(void **state)
{
	assert_true(dies_oom(grow_overflow));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_mem__strdup_family),
		cmocka_unit_test(test_mem__zero_sizes),
		cmocka_unit_test(test_mem__calloc_zeroes),
		cmocka_unit_test(test_mem__grow_doubles),
		cmocka_unit_test(test_mem__grow_overflow_aborts),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
