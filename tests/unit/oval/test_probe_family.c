/*
 * Tests of family_object (oval/probe_family.c) on a directory root and an
 * in-memory target.
 */
#include "test_probe_fixture.h"

static const char *const objs =
    "<family_object id=\"oval:t:obj:1\" version=\"1\" " FX_IND "/>";

static void
check_unix(struct fx *f)
{
	struct oval_collected *c = fx_collect(f, "oval:t:obj:1");
	const struct oval_item *it;

	assert_int_equal(c->flag, OVAL_FLAG_COMPLETE);
	assert_int_equal(c->nitems, 1);
	it = fx_item(f, c, 0);
	assert_string_equal(it->ns, "independent");
	assert_string_equal(it->type, "family_item");
	assert_int_equal(it->status, OVAL_ST_EXISTS);
	assert_string_equal(fx_order(it), "family");
	assert_string_equal(fx_val(it, "family", 0), "unix");
}

static void
test_probe_family__root(void **state)
{
	struct fx f;

	(void)state;
	fx_root(&f);
	fx_file(&f, "/etc/os-release", "ID=debian\n");
	fx_load(&f, objs, NULL);
	check_unix(&f);
	fx_free(&f);
}

static void
test_probe_family__mem(void **state)
{
	struct fx f;

	(void)state;
	memset(&f, 0, sizeof(f));
	assert_int_equal(plat_target_mem_new(&f.t), 0);
	fx_load(&f, objs, NULL);
	check_unix(&f);
	/* Collected twice: the identical item is stored once. */
	f.s->sc.objs[0].nitems = 0;
	free(f.s->sc.objs[0].items);
	f.s->sc.objs[0].items = NULL;
	check_unix(&f);
	assert_int_equal(f.s->sc.nitems, 1);
	fx_free(&f);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_probe_family__root),
		cmocka_unit_test(test_probe_family__mem),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
