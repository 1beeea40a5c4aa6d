/*
 * Tests for string interning (platform/base/strpool.c): uniqueness, pointer
 * stability across growth, byte accounting, lookups of absent strings.
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
test_strpool__same_pointer(void **state)
{
	struct ks_strpool *p = NULL;
	const char *a, *b, *c;
	char tmp[16];

	assert_int_equal(ks_strpool_new(&p), 0);
	a = ks_strpool_intern(p, "oval:x:def:1", 12);
	strcpy(tmp, "oval:x:def:1");
	b = ks_strpool_intern(p, tmp, strlen(tmp));
	assert_ptr_equal(a, b);
	assert_ptr_not_equal(a, tmp);
	assert_string_equal(a, "oval:x:def:1");
	c = ks_strpool_intern(p, "oval:x:def:12", 13);
	assert_ptr_not_equal(a, c);
	/* Only n bytes are taken: a prefix is its own string. */
	assert_string_equal(ks_strpool_intern(p, "oval:x:def:1234", 4),
	    "oval");
	ks_strpool_free(p);
	ks_strpool_free(NULL);
}

static void
test_strpool__empty_and_embedded(void **state)
{
	struct ks_strpool *p = NULL;
	const char *e1, *e2;

	assert_int_equal(ks_strpool_new(&p), 0);
	e1 = ks_strpool_intern(p, "", 0);
	e2 = ks_strpool_intern(p, "xyz", 0);
	assert_ptr_equal(e1, e2);
	assert_string_equal(e1, "");
	assert_ptr_equal(ks_strpool_get(p, ""), e1);
	ks_strpool_free(p);
}

static void
test_strpool__get(void **state)
{
	struct ks_strpool *p = NULL;
	const char *a;

	assert_int_equal(ks_strpool_new(&p), 0);
	assert_null(ks_strpool_get(p, "missing"));
	a = ks_strpool_intern(p, "present", 7);
	assert_ptr_equal(ks_strpool_get(p, "present"), a);
	assert_null(ks_strpool_get(p, "presen"));
	assert_null(ks_strpool_get(p, "presentx"));
	ks_strpool_free(p);
}

static void
test_strpool__bytes(void **state)
{
	struct ks_strpool *p = NULL;

	assert_int_equal(ks_strpool_new(&p), 0);
	assert_int_equal(ks_strpool_bytes(p), 0);
	ks_strpool_intern(p, "abc", 3);
	assert_int_equal(ks_strpool_bytes(p), 4);
	ks_strpool_intern(p, "abc", 3);
	assert_int_equal(ks_strpool_bytes(p), 4);
	ks_strpool_intern(p, "de", 2);
	assert_int_equal(ks_strpool_bytes(p), 7);
	ks_strpool_free(p);
}

/* Many strings: every pointer taken early stays valid and unique after the
 * table has grown many times; big strings share the arena safely. */
static void
test_strpool__many_stable(void **state)
{
	enum { N = 200000 };
	struct ks_strpool *p = NULL;
	const char **ptrs = ks_calloc(N, sizeof(*ptrs));
	char key[64], *big;
	const char *bigp;
	size_t i;

	assert_int_equal(ks_strpool_new(&p), 0);
	for (i = 0; i < N; i++) {
		int n = snprintf(key, sizeof(key), "oval:org.ex:tst:%zu", i);

		ptrs[i] = ks_strpool_intern(p, key, (size_t)n);
	}
	big = ks_malloc(100000);
	memset(big, 'B', 99999);
	big[99999] = '\0';
	bigp = ks_strpool_intern(p, big, 99999);
	for (i = 0; i < N; i++) {
		int n = snprintf(key, sizeof(key), "oval:org.ex:tst:%zu", i);

		assert_string_equal(ptrs[i], key);
		assert_ptr_equal(ks_strpool_intern(p, key, (size_t)n),
		    ptrs[i]);
		assert_ptr_equal(ks_strpool_get(p, key), ptrs[i]);
	}
	assert_ptr_equal(ks_strpool_get(p, big), bigp);
	/* Interning after a big string keeps filling the current chunk. */
	assert_string_equal(ks_strpool_intern(p, "after", 5), "after");
	free(big);
	free(ptrs);
	ks_strpool_free(p);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_strpool__same_pointer),
		cmocka_unit_test(test_strpool__empty_and_embedded),
		cmocka_unit_test(test_strpool__get),
		cmocka_unit_test(test_strpool__bytes),
		cmocka_unit_test(test_strpool__many_stable),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
