/*
 * Tests of the collector table (oval/probe.c): lookup by namespace and
 * object name, and the list kensa --version prints.
 */
#include "test_probe_fixture.h"

#include <stdio.h>
#include <string.h>

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
	assert_null(oval_probe_find("windows", "registry_object"));
	assert_null(oval_probe_find("linux", "no_such_object"));
	assert_null(oval_probe_find(NULL, "family_object"));
	assert_null(oval_probe_find("independent", NULL));
}

static void
test_probe__list(void **state)
{
	/* The collectors of the foundation; later families only add. */
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
	const struct oval_probe *p = oval_probe_list(), *prev = NULL;
	size_t n = 0, found = 0;

	(void)state;
	for (; p->object != NULL; prev = p, p++, n++) {
		char buf[128];

		/* Sorted by namespace then object, no duplicates, and each
		 * entry is what oval_probe_find returns for its key. */
		if (prev != NULL) {
			int c = strcmp(prev->ns, p->ns);

			assert_true(c < 0 || (c == 0 &&
			    strcmp(prev->object, p->object) < 0));
		}
		assert_non_null(p->collect);
		assert_ptr_equal(oval_probe_find(p->ns, p->object), p);
		snprintf(buf, sizeof(buf), "%s:%s", p->ns, p->object);
		for (size_t i = 0; i < sizeof(want) / sizeof(*want); i++)
			if (strcmp(buf, want[i]) == 0)
				found++;
	}
	assert_int_equal(found, sizeof(want) / sizeof(*want));
	assert_true(n >= found);
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
