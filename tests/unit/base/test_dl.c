/*
 * Tests for libraries opened on first use (platform/base/dl.c): a real
 * library fills its slots with working functions, a missing library and a
 * missing symbol fail with a message naming them, and a failure is
 * remembered (the same message, no second dlopen attempt that could half-fill
 * the slots). Uses libc's own soname so it needs nothing installed.
 */
#include <gnu/lib-names.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "platform/base/base.h"

static size_t (*fn_strlen)(const char *);
static int (*fn_abs)(int);

static void
test_dl__loads_and_fills(void **state)
{
	const struct ks_dl_sym syms[] = {
		{ "strlen", (void **)&fn_strlen },
		{ "abs", (void **)&fn_abs },
	};
	struct ks_dl_lib lib = {
		.soname = LIBC_SO, .what = "testing", .syms = syms, .nsyms = 2,
	};

	assert_int_equal(ks_dl_load(&lib), 0);
	assert_int_equal(lib.state, 1);
	assert_non_null(fn_strlen);
	assert_int_equal(fn_strlen("kensa"), 5);
	assert_int_equal(fn_abs(-7), 7);
	/* Loaded once: a second call is a no-op that succeeds. */
	fn_abs = NULL;
	assert_int_equal(ks_dl_load(&lib), 0);
	assert_null(fn_abs);
}

static void
test_dl__missing_library(void **state)
{
	void *slot = NULL;
	const struct ks_dl_sym syms[] = { { "f", &slot } };
	struct ks_dl_lib lib = {
		.soname = "libkensa-does-not-exist.so.0", .what = "reading tests",
		.syms = syms, .nsyms = 1,
	};

	assert_int_equal(ks_dl_load(&lib), KS_EUNSUPPORTED);
	assert_non_null(strstr(ks_error_msg(), "reading tests needs "
	    "libkensa-does-not-exist.so.0, which cannot be loaded"));
	ks_error_clear();
	assert_int_equal(ks_dl_load(&lib), KS_EUNSUPPORTED);
	assert_non_null(strstr(ks_error_msg(), "libkensa-does-not-exist"));
	assert_null(slot);
}

static void
test_dl__missing_symbol(void **state)
{
	void *a = NULL, *b = NULL;
	const struct ks_dl_sym syms[] = {
		{ "strlen", &a }, { "kensa_no_such_symbol", &b },
	};
	struct ks_dl_lib lib = {
		.soname = LIBC_SO, .what = "testing", .syms = syms, .nsyms = 2,
	};

	assert_int_equal(ks_dl_load(&lib), KS_EUNSUPPORTED);
	assert_non_null(strstr(ks_error_msg(), "has no symbol "
	    "kensa_no_such_symbol"));
	assert_int_equal(lib.state, -1);
	assert_null(b);
	/* Remembered: still failing, same message. */
	ks_error_clear();
	assert_int_equal(ks_dl_load(&lib), KS_EUNSUPPORTED);
	assert_non_null(strstr(ks_error_msg(), "kensa_no_such_symbol"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_dl__loads_and_fills),
		cmocka_unit_test(test_dl__missing_library),
		cmocka_unit_test(test_dl__missing_symbol),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
