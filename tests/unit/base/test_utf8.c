/*
 * Tests for strict UTF-8 validation (platform/base/utf8.c), per RFC 3629
 * section 4 (the valid byte sequences table).
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

#define V(s)	ks_utf8_valid(s, sizeof(s) - 1)

static void
test_utf8__valid(void **state)
{
	assert_true(V(""));
	assert_true(V("plain ascii"));
	assert_true(V("caf\xc3\xa9"));			/* é */
	assert_true(V("\xe6\x97\xa5\xe6\x9c\xac"));	/* 日本 */
	assert_true(V("\xf0\x9f\x98\x80"));		/* U+1F600 */
	assert_true(V("\xf4\x8f\xbf\xbf"));		/* U+10FFFF */
	assert_true(V("\xed\x9f\xbf"));			/* U+D7FF */
	assert_true(V("\xee\x80\x80"));			/* U+E000 */
	assert_true(V("\xc2\x80"));			/* U+0080 */
	assert_true(V("\xe0\xa0\x80"));			/* U+0800 */
	assert_true(V("\xf0\x90\x80\x80"));		/* U+10000 */
	assert_true(ks_utf8_valid("a\0b", 3));		/* NUL is valid */
}

static void
test_utf8__overlong(void **state)
{
	assert_false(V("\xc0\xaf"));
	assert_false(V("\xc1\xbf"));
	assert_false(V("\xe0\x80\xaf"));
	assert_false(V("\xe0\x9f\xbf"));
	assert_false(V("\xf0\x80\x80\xaf"));
	assert_false(V("\xf0\x8f\xbf\xbf"));
}

static void
test_utf8__surrogates_and_range(void **state)
{
	assert_false(V("\xed\xa0\x80"));	/* U+D800 */
	assert_false(V("\xed\xbf\xbf"));	/* U+DFFF */
	assert_false(V("\xf4\x90\x80\x80"));	/* U+110000 */
	assert_false(V("\xf5\x80\x80\x80"));
	assert_false(V("\xff"));
	assert_false(V("\xfe"));
}

static void
test_utf8__truncated_and_stray(void **state)
{
	assert_false(V("\xc3"));
	assert_false(V("\xe6\x97"));
	assert_false(V("\xf0\x9f\x98"));
	assert_false(V("\x80"));
	assert_false(V("a\xbf"));
	assert_false(V("\xc3\x28"));
	assert_false(V("\xe6\x28\xa5"));
	assert_false(V("\xf0\x9f\x28\x80"));
	/* The length bounds the scan: a valid prefix of a longer string. */
	assert_true(ks_utf8_valid("ab\xc3\xa9", 2));
	assert_false(ks_utf8_valid("ab\xc3\xa9", 3));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_utf8__valid),
		cmocka_unit_test(test_utf8__overlong),
		cmocka_unit_test(test_utf8__surrogates_and_range),
		cmocka_unit_test(test_utf8__truncated_and_stray),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
