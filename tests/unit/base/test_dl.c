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

/* A library several features share: each failure names the feature that
 * needed it, from the one remembered failure. */
static void
test_dl__need_names_the_caller(void **state)
{
	void *slot = NULL;
	const struct ks_dl_sym syms[] = { { "f", &slot } };
	struct ks_dl_lib lib = KS_DL_LIB("libkensa-does-not-exist.so.0",
	    "default use", syms);

	assert_int_equal(lib.nsyms, 1);
	assert_int_equal(ks_dl_need(&lib, "filehash58_object"),
	    KS_EUNSUPPORTED);
	assert_non_null(strstr(ks_error_msg(), "filehash58_object needs "
	    "libkensa-does-not-exist.so.0, which cannot be loaded: "));
	assert_int_equal(ks_dl_need(&lib, "verifying bundles"),
	    KS_EUNSUPPORTED);
	assert_non_null(strstr(ks_error_msg(), "verifying bundles needs "
	    "libkensa-does-not-exist.so.0, which cannot be loaded: "));
	assert_int_equal(ks_dl_load(&lib), KS_EUNSUPPORTED);
	assert_non_null(strstr(ks_error_msg(), "default use needs "));
	assert_null(slot);
}

/* KS_DL_SLOT and KS_DL_SYM: a table declared from an X-macro list gets
 * slots of the prototypes' types, filled by name. */
#define TEST_FUNCS(X) X(strlen) X(abs)
#define TEST_SYM(f) KS_DL_SYM(T, f)
static struct { TEST_FUNCS(KS_DL_SLOT) } T;

static void
test_dl__table_macros(void **state)
{
	static const struct ks_dl_sym syms[] = { TEST_FUNCS(TEST_SYM) };
	struct ks_dl_lib lib = KS_DL_LIB(LIBC_SO, "testing", syms);

	assert_int_equal(lib.nsyms, 2);
	assert_string_equal(syms[0].name, "strlen");
	assert_int_equal(ks_dl_load(&lib), 0);
	assert_int_equal(T.strlen("kensa"), 5);
	assert_int_equal(T.abs(-3), 3);
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
		cmocka_unit_test(test_dl__need_names_the_caller),
		cmocka_unit_test(test_dl__table_macros),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
