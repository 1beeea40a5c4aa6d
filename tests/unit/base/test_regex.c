/*
 * Tests for the PCRE2 wrapper (platform/base/regex.c): flags, groups, error
 * messages, match limits and the compile cache.
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
test_regex__simple_match(void **state)
{
	struct ks_regex *re = NULL;

	assert_int_equal(ks_regex_new(&re, "^ab+c$", 0), 0);
	assert_int_equal(ks_regex_match(re, "abbbc", 5), 1);
	assert_int_equal(ks_regex_match(re, "ac", 2), 0);
	/* The length is honoured: the subject need not be NUL-terminated. */
	assert_int_equal(ks_regex_match(re, "abcX", 3), 1);
	assert_int_equal(ks_regex_match(re, "", 0), 0);
	assert_int_equal(ks_regex_groups(re), 0);
	ks_regex_free(re);
	ks_regex_free(NULL);
}

static void
test_regex__groups_and_unset(void **state)
{
	struct ks_regex *re = NULL;
	size_t ovec[10], n = 5;
	const char *s = "key=value";

	assert_int_equal(ks_regex_new(&re, "(\\w+)=(x)?(\\w+)", 0), 0);
	assert_int_equal(ks_regex_groups(re), 3);
	assert_int_equal(ks_regex_exec(re, s, strlen(s), 0, ovec, &n), 1);
	assert_int_equal(n, 4);
	assert_int_equal(ovec[0], 0);
	assert_int_equal(ovec[1], 9);
	assert_int_equal(ovec[2], 0);
	assert_int_equal(ovec[3], 3);
	assert_int_equal(ovec[4], SIZE_MAX);	/* (x)? did not take part */
	assert_int_equal(ovec[5], SIZE_MAX);
	assert_int_equal(ovec[6], 4);
	assert_int_equal(ovec[7], 9);

	/* Fewer slots than groups: fills what fits. */
	n = 2;
	assert_int_equal(ks_regex_exec(re, s, strlen(s), 0, ovec, &n), 1);
	assert_int_equal(n, 2);
	assert_int_equal(ovec[3], 3);
	ks_regex_free(re);
}

static void
test_regex__exec_start_offset(void **state)
{
	struct ks_regex *re = NULL;
	const char *s = "a1 b22 c333";
	size_t ovec[4], n, start = 0;
	int found = 0;

	assert_int_equal(ks_regex_new(&re, "[0-9]+", 0), 0);
	for (;;) {
		n = 2;
		if (ks_regex_exec(re, s, strlen(s), start, ovec, &n) != 1)
			break;
		found++;
		start = ovec[1];
	}
	assert_int_equal(found, 3);
	assert_int_equal(ovec[0], 8);
	n = 2;
	assert_int_equal(ks_regex_exec(re, s, strlen(s), 99, ovec, &n),
	    KS_ERROR);
	assert_non_null(strstr(ks_error_msg(), "start offset"));
	ks_regex_free(re);
}

static void
test_regex__invalid_pattern_message(void **state)
{
	struct ks_regex *re = (void *)1;

	assert_int_equal(ks_regex_new(&re, "ab(c", 0), KS_EPARSE);
	assert_null(re);
	assert_true(strncmp(ks_error_msg(), "regex 'ab(c': ", 14) == 0);
	assert_non_null(strstr(ks_error_msg(), "at offset 4"));
	assert_int_equal(ks_regex_new(&re, "a{2,1}", 0), KS_EPARSE);
	assert_non_null(strstr(ks_error_msg(), "regex 'a{2,1}'"));
}

static void
test_regex__caseless(void **state)
{
	struct ks_regex *re = NULL;

	assert_int_equal(ks_regex_new(&re, "^hello$", KS_RE_CASELESS), 0);
	assert_int_equal(ks_regex_match(re, "HeLLo", 5), 1);
	ks_regex_free(re);
	assert_int_equal(ks_regex_new(&re, "^hello$", 0), 0);
	assert_int_equal(ks_regex_match(re, "HeLLo", 5), 0);
	ks_regex_free(re);
}

static void
test_regex__multiline_and_dotall(void **state)
{
	struct ks_regex *re = NULL;
	const char *s = "first\nsecond\nthird";

	assert_int_equal(ks_regex_new(&re, "^second$", KS_RE_MULTILINE), 0);
	assert_int_equal(ks_regex_match(re, s, strlen(s)), 1);
	ks_regex_free(re);
	assert_int_equal(ks_regex_new(&re, "^second$", 0), 0);
	assert_int_equal(ks_regex_match(re, s, strlen(s)), 0);
	ks_regex_free(re);
	assert_int_equal(ks_regex_new(&re, "first.second", 0), 0);
	assert_int_equal(ks_regex_match(re, s, strlen(s)), 0);
	ks_regex_free(re);
	assert_int_equal(ks_regex_new(&re, "first.second", KS_RE_DOTALL), 0);
	assert_int_equal(ks_regex_match(re, s, strlen(s)), 1);
	ks_regex_free(re);
}

static void
test_regex__utf8_and_invalid_subject(void **state)
{
	struct ks_regex *re = NULL;
	const char *jp = "\xe6\x97\xa5\xe6\x9c\xac";	/* 日本 */

	/* . is one character, not one byte. */
	assert_int_equal(ks_regex_new(&re, "^..$", 0), 0);
	assert_int_equal(ks_regex_match(re, jp, strlen(jp)), 1);
	/* Invalid UTF-8 in a subject is no error, just no match there. */
	assert_int_equal(ks_regex_match(re, "\xff\xfe", 2), 0);
	ks_regex_free(re);
	assert_int_equal(ks_regex_new(&re, "abc", 0), 0);
	assert_int_equal(ks_regex_match(re, "\xff" "abc\xfe", 5), 1);
	ks_regex_free(re);
}

static void
test_regex__catastrophic_hits_limit(void **state)
{
	struct ks_regex *re = NULL;
	char subject[64];
	double t0;
	int rc;

	memset(subject, 'a', 40);
	subject[40] = 'b';
	subject[41] = '\0';
	/* Exponential backtracking that neither JIT nor the interpreter's
	 * auto-possessification can optimise away. */
	assert_int_equal(ks_regex_new(&re, "^(a|a)*$", 0), 0);
	t0 = ks_time_mono();
	rc = ks_regex_match(re, subject, strlen(subject));
	assert_int_equal(rc, KS_ELIMIT);
	assert_true(ks_time_mono() - t0 < 2.0);
	assert_string_equal(ks_error_msg(),
	    "regex '^(a|a)*$': match limit exceeded");
	/* A pattern is interpreted first and JIT-compiled once it has
	 * matched a few kilobytes (here after about 40 calls): the limit
	 * holds on both sides. */
	for (int i = 0; i < 60; i++)
		assert_int_equal(ks_regex_match(re, subject, strlen(subject)),
		    KS_ELIMIT);
	ks_regex_free(re);

	/* The classic one: a limit or a quick answer, never a hang. */
	assert_int_equal(ks_regex_new(&re, "(a+)+$", 0), 0);
	t0 = ks_time_mono();
	rc = ks_regex_match(re, subject, strlen(subject));
	assert_true(rc == KS_ELIMIT || rc == 0);
	assert_true(ks_time_mono() - t0 < 2.0);
	ks_regex_free(re);
}

static void
test_regex__cache(void **state)
{
	struct ks_regex_cache *c = NULL;
	const struct ks_regex *a = NULL, *b = NULL, *d = NULL;

	assert_int_equal(ks_regex_cache_new(&c), 0);
	assert_int_equal(ks_regex_cache_get(c, "^x+$", 0, &a), 0);
	assert_int_equal(ks_regex_cache_get(c, "^x+$", 0, &b), 0);
	assert_ptr_equal(a, b);
	/* Same pattern, other flags: another compiled regex. */
	assert_int_equal(ks_regex_cache_get(c, "^x+$", KS_RE_CASELESS, &d),
	    0);
	assert_ptr_not_equal(a, d);
	assert_int_equal(ks_regex_match(d, "XX", 2), 1);
	assert_int_equal(ks_regex_match(a, "XX", 2), 0);

	/* A bad pattern fails every time, with its message each time. */
	assert_int_equal(ks_regex_cache_get(c, "(", 0, &a), KS_EPARSE);
	assert_null(a);
	ks_error_clear();
	assert_int_equal(ks_regex_cache_get(c, "(", 0, &a), KS_EPARSE);
	assert_null(a);
	assert_true(strncmp(ks_error_msg(), "regex '(': ", 11) == 0);
	ks_regex_cache_free(c);
	ks_regex_cache_free(NULL);
}

/* The per-thread memo of recent lookups never answers for another pattern
 * or another cache: the same buffer with new content, a pattern looked up
 * in a second cache (even one at a freed cache's address), other flags. */
static void
test_regex__cache_memo(void **state)
{
	struct ks_regex_cache *c = NULL, *c2 = NULL;
	const struct ks_regex *a = NULL, *b = NULL, *x = NULL;
	char buf[16];

	assert_int_equal(ks_regex_cache_new(&c), 0);
	snprintf(buf, sizeof(buf), "^a+$");
	assert_int_equal(ks_regex_cache_get(c, buf, 0, &a), 0);
	assert_int_equal(ks_regex_cache_get(c, buf, 0, &x), 0);
	assert_ptr_equal(a, x);			/* a memo hit */
	snprintf(buf, sizeof(buf), "^b+$");	/* same address */
	assert_int_equal(ks_regex_cache_get(c, buf, 0, &b), 0);
	assert_ptr_not_equal(a, b);
	assert_int_equal(ks_regex_match(b, "bb", 2), 1);
	assert_int_equal(ks_regex_match(b, "aa", 2), 0);
	assert_int_equal(ks_regex_cache_get(c, buf, KS_RE_CASELESS, &x), 0);
	assert_int_equal(ks_regex_match(x, "BB", 2), 1);
	/* Another cache: its own compiled regex, also after c is gone. */
	assert_int_equal(ks_regex_cache_new(&c2), 0);
	assert_int_equal(ks_regex_cache_get(c2, buf, 0, &x), 0);
	assert_ptr_not_equal(x, b);
	ks_regex_cache_free(c);
	assert_int_equal(ks_regex_cache_new(&c), 0);
	assert_int_equal(ks_regex_cache_get(c, buf, 0, &x), 0);
	assert_int_equal(ks_regex_match(x, "bb", 2), 1);
	ks_regex_cache_free(c);
	ks_regex_cache_free(c2);
}

static void
test_regex__long_pattern_quoted_short(void **state)
{
	struct ks_regex *re = NULL;
	char pat[1000];

	memset(pat, 'a', sizeof(pat) - 2);
	pat[sizeof(pat) - 2] = '(';
	pat[sizeof(pat) - 1] = '\0';
	assert_int_equal(ks_regex_new(&re, pat, 0), KS_EPARSE);
	assert_true(strlen(ks_error_msg()) < 400);
	assert_non_null(strstr(ks_error_msg(), "...'"));
}

/* One compiled regex shared by threads (each has its own match context). */
static void *
regex_thread_main(void *arg)
{
	const struct ks_regex *re = arg;
	char s[64];
	int i, good = 1;

	for (i = 0; i < 2000; i++) {
		int n = snprintf(s, sizeof(s), "pkg-%d.%d", i, i % 7);
		size_t ovec[6], ng = 3;

		if (ks_regex_exec(re, s, (size_t)n, 0, ovec, &ng) != 1 ||
		    ng != 3 || ovec[2] != 4 || ovec[5] != (size_t)n)
			good = 0;
	}
	return good ? arg : NULL;
}

static void
test_regex__threads(void **state)
{
	struct ks_regex *re = NULL;
	pthread_t th[4];
	void *ret;
	int i;

	assert_int_equal(ks_regex_new(&re, "^pkg-(\\d+)\\.(\\d)$", 0), 0);
	for (i = 0; i < 4; i++)
		assert_int_equal(pthread_create(&th[i], NULL,
		    regex_thread_main, re), 0);
	for (i = 0; i < 4; i++) {
		assert_int_equal(pthread_join(th[i], &ret), 0);
		assert_ptr_equal(ret, re);
	}
	ks_regex_free(re);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_regex__simple_match),
		cmocka_unit_test(test_regex__groups_and_unset),
		cmocka_unit_test(test_regex__exec_start_offset),
		cmocka_unit_test(test_regex__invalid_pattern_message),
		cmocka_unit_test(test_regex__caseless),
		cmocka_unit_test(test_regex__multiline_and_dotall),
		cmocka_unit_test(test_regex__utf8_and_invalid_subject),
		cmocka_unit_test(test_regex__catastrophic_hits_limit),
		cmocka_unit_test(test_regex__cache),
		cmocka_unit_test(test_regex__cache_memo),
		cmocka_unit_test(test_regex__long_pattern_quoted_short),
		cmocka_unit_test(test_regex__threads),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
