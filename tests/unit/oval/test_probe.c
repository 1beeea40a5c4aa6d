/*
 * Tests of the collector table (oval/probe.c): lookup by namespace and
 * object name, and the list kensa --version prints.
 */
#include "test_probe_fixture.h"

static void
test_probe__find_known(void **state)
{
	const struct oval_probe *p;

	(void)state;
	p = oval_probe_find("linux", "dpkginfo_object");
	assert_non_null(p);
	assert_string_equal(p->ns, "linux");
	assert_string_equal(p->object, "dpkginfo_object");
	assert_true(p->slot >= 0 && p->slot < OVAL_PROBE_SLOTS);
	assert_non_null(p->collect);
	p = oval_probe_find("independent", "textfilecontent54_object");
	assert_non_null(p);
	assert_int_equal(p->slot, -1);
	assert_non_null(oval_probe_find("unix", "uname_object"));
}

static void
test_probe__find_unknown(void **state)
{
	(void)state;
	/* The namespace is part of the key: dpkginfo is a linux object. */
	assert_null(oval_probe_find("independent", "dpkginfo_object"));
	assert_null(oval_probe_find("linux", "rpmverifyfile_object"));
	assert_null(oval_probe_find(NULL, "family_object"));
	assert_null(oval_probe_find("independent", NULL));
}

static void
test_probe__list(void **state)
{
	static const char *const want[] = {
		"independent:environmentvariable58_object",
		"independent:family_object",
		"independent:filehash58_object",
		"independent:filehash_object",
		"independent:textfilecontent54_object",
		"independent:textfilecontent_object",
		"independent:variable_object",
		"independent:xmlfilecontent_object",
		"linux:dpkginfo_object",
		"unix:uname_object",
	};
	const struct oval_probe *p = oval_probe_list();
	size_t n = 0;

	(void)state;
	for (; p->object != NULL; p++, n++) {
		char buf[128];

		assert_true(n < sizeof(want) / sizeof(*want));
		snprintf(buf, sizeof(buf), "%s:%s", p->ns, p->object);
		assert_string_equal(buf, want[n]);
		assert_ptr_equal(oval_probe_find(p->ns, p->object), p);
	}
	assert_int_equal(n, sizeof(want) / sizeof(*want));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_probe__find_known),
		cmocka_unit_test(test_probe__find_unknown),
		cmocka_unit_test(test_probe__list),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
