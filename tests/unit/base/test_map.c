/*
 * Tests for the string -> pointer map (platform/base/map.c): copy of keys,
 * replace, growth, iteration and early stop.
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
test_map__put_get_replace(void **state)
{
	struct ks_map *m = NULL;
	char key[16];
	int a, b;

	assert_int_equal(ks_map_new(&m), 0);
	assert_null(ks_map_get(m, "x"));
	strcpy(key, "x");
	assert_int_equal(ks_map_put(m, key, &a), 0);
	strcpy(key, "y");	/* the map copied "x" */
	assert_ptr_equal(ks_map_get(m, "x"), &a);
	assert_null(ks_map_get(m, "y"));
	assert_int_equal(ks_map_put(m, "x", &b), 0);
	assert_ptr_equal(ks_map_get(m, "x"), &b);
	assert_int_equal(ks_map_count(m), 1);
	assert_int_equal(ks_map_put(m, "", &a), 0);
	assert_ptr_equal(ks_map_get(m, ""), &a);
	assert_int_equal(ks_map_count(m), 2);
	ks_map_free(m);
	ks_map_free(NULL);
}

static int
sum_cb(const char *key, void *val, void *payload)
{
	size_t *sum = payload;

	assert_int_equal(strtoul(key + 3, NULL, 10), (uintptr_t)val);
	*sum += (uintptr_t)val;
	return 0;
}

static int
stop_cb(const char *key, void *val, void *payload)
{
	int *calls = payload;

	return ++*calls == 3 ? 42 : 0;
}

static void
test_map__many_and_foreach(void **state)
{
	enum { N = 100000 };
	struct ks_map *m = NULL;
	char key[32];
	size_t i, sum = 0;
	int calls = 0;

	assert_int_equal(ks_map_new(&m), 0);
	for (i = 1; i <= N; i++) {
		snprintf(key, sizeof(key), "id:%zu", i);
		assert_int_equal(ks_map_put(m, key, (void *)(uintptr_t)i), 0);
	}
	assert_int_equal(ks_map_count(m), N);
	for (i = 1; i <= N; i++) {
		snprintf(key, sizeof(key), "id:%zu", i);
		assert_int_equal((uintptr_t)ks_map_get(m, key), i);
	}
	assert_null(ks_map_get(m, "id:0"));
	assert_null(ks_map_get(m, "id:100001"));
	assert_int_equal(ks_map_foreach(m, sum_cb, &sum), 0);
	assert_int_equal(sum, (size_t)N * (N + 1) / 2);
	assert_int_equal(ks_map_foreach(m, stop_cb, &calls), 42);
	assert_int_equal(calls, 3);
	ks_map_free(m);
}

static void
test_map__similar_keys(void **state)
{
	struct ks_map *m = NULL;
	int a, b, c;

	assert_int_equal(ks_map_new(&m), 0);
	ks_map_put(m, "ab", &a);
	ks_map_put(m, "abc", &b);
	ks_map_put(m, "a", &c);
	assert_ptr_equal(ks_map_get(m, "ab"), &a);
	assert_ptr_equal(ks_map_get(m, "abc"), &b);
	assert_ptr_equal(ks_map_get(m, "a"), &c);
	assert_null(ks_map_get(m, "abcd"));
	ks_map_free(m);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_map__put_get_replace),
		cmocka_unit_test(test_map__many_and_foreach),
		cmocka_unit_test(test_map__similar_keys),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
