/*
 * Tests of unix symlink_object (oval/probe_unixfile_symlink.c): canonical
 * paths resolved inside the root, chains, dangling and circular links
 * (items in error), files that are not links (no item), pattern match.
 */
#include "test_probe_fixture.h"

#define OBJ(n, body) \
    "<symlink_object id=\"oval:t:obj:" #n "\" version=\"1\" " FX_UNIX ">" \
    body "</symlink_object>"

static const char *const objs =
    OBJ(1, "<filepath>/l/abs</filepath>")
    OBJ(2, "<filepath>/l/chain</filepath>")
    OBJ(3, "<filepath>/l/dangling</filepath>")
    OBJ(4, "<filepath>/l/self</filepath>")
    OBJ(5, "<filepath>/etc/real</filepath>")
    OBJ(6, "<filepath operation=\"pattern match\">^/l/[ac]</filepath>")
    OBJ(7, "<filepath>/l/escape</filepath>")
    OBJ(8, "<filepath>/l/none</filepath>");

static void
mklink(struct fx *f, const char *path, const char *dest)
{
	char p[512];

	snprintf(p, sizeof(p), "%s%s", f->root, path);
	assert_int_equal(symlink(dest, p), 0);
}

static void
setup_fx(struct fx *f)
{
	fx_root(f);
	fx_file(f, "/etc/real", "x\n");
	fx_dir(f, "/l");
	mklink(f, "/l/abs", "/etc/real");
	mklink(f, "/l/rel", "../etc/real");
	mklink(f, "/l/chain", "rel");
	mklink(f, "/l/dangling", "/nowhere");
	mklink(f, "/l/self", "self");
	/* Climbing out of a root stops at its top: ROOT/etc/real. */
	mklink(f, "/l/escape", "../../../../../etc/real");
	fx_load(f, objs, NULL);
}

static void
test_probe_unixfile_symlink__canonical(void **state)
{
	struct fx f;
	struct oval_collected *c;
	const struct oval_item *it;

	(void)state;
	setup_fx(&f);
	c = fx_collect(&f, "oval:t:obj:1");
	assert_int_equal(c->flag, OVAL_FLAG_COMPLETE);
	it = fx_item(&f, c, 0);
	assert_string_equal(fx_order(it), "filepath,canonical_path");
	assert_string_equal(fx_val(it, "canonical_path", 0), "/etc/real");
	/* "followed to its final destination, if there are intermediate
	 * links" */
	c = fx_collect(&f, "oval:t:obj:2");
	assert_string_equal(fx_val(fx_item(&f, c, 0), "canonical_path", 0),
	    "/etc/real");
	c = fx_collect(&f, "oval:t:obj:7");
	assert_string_equal(fx_val(fx_item(&f, c, 0), "canonical_path", 0),
	    "/etc/real");
	fx_free(&f);
}

static void
test_probe_unixfile_symlink__errors(void **state)
{
	struct fx f;
	struct oval_collected *c;

	(void)state;
	setup_fx(&f);
	/* "an error if the link target does not exist or is a circular
	 * link (e.g., a link to itself)" */
	c = fx_collect(&f, "oval:t:obj:3");
	assert_int_equal(c->nitems, 1);
	assert_int_equal(fx_item(&f, c, 0)->status, OVAL_ST_ERROR);
	c = fx_collect(&f, "oval:t:obj:4");
	assert_int_equal(c->nitems, 1);
	assert_int_equal(fx_item(&f, c, 0)->status, OVAL_ST_ERROR);
	/* "If the file located at filepath is not a symlink, or if there
	 * is no file located at the filepath" no item exists. */
	c = fx_collect(&f, "oval:t:obj:5");
	assert_int_equal(c->flag, OVAL_FLAG_DOES_NOT_EXIST);
	c = fx_collect(&f, "oval:t:obj:8");
	assert_int_equal(c->flag, OVAL_FLAG_DOES_NOT_EXIST);
	fx_free(&f);
}

static void
test_probe_unixfile_symlink__pattern(void **state)
{
	struct fx f;
	struct oval_collected *c;

	(void)state;
	setup_fx(&f);
	/* /l/abs and /l/chain */
	c = fx_collect(&f, "oval:t:obj:6");
	assert_int_equal(c->nitems, 2);
	assert_int_equal(c->flag, OVAL_FLAG_COMPLETE);
	fx_free(&f);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_probe_unixfile_symlink__canonical),
		cmocka_unit_test(test_probe_unixfile_symlink__errors),
		cmocka_unit_test(test_probe_unixfile_symlink__pattern),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
