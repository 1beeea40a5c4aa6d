/*
 * Tests of uname_object (oval/probe_uname.c): the host's facts, and not
 * applicable on an offline root.
 */
#include "test_probe_fixture.h"

#include <sys/utsname.h>

static const char *const objs =
    "<uname_object id=\"oval:t:obj:1\" version=\"1\" " FX_UNIX "/>";

static void
test_probe_uname__host(void **state)
{
	struct fx f;
	struct oval_collected *c;
	const struct oval_item *it;
	struct utsname u;

	(void)state;
	memset(&f, 0, sizeof(f));
	assert_int_equal(plat_target_host_new(&f.t), 0);
	fx_load(&f, objs, NULL);
	c = fx_collect(&f, "oval:t:obj:1");
	assert_int_equal(c->flag, OVAL_FLAG_COMPLETE);
	assert_int_equal(c->nitems, 1);
	it = fx_item(&f, c, 0);
	assert_string_equal(it->ns, "unix");
	assert_string_equal(it->type, "uname_item");
	/* unix-system-characteristics-schema uname_item sequence. */
	assert_string_equal(fx_order(it), "machine_class,node_name,os_name,"
	    "os_release,os_version,processor_type");
	assert_int_equal(uname(&u), 0);
	assert_string_equal(fx_val(it, "os_name", 0), u.sysname);
	assert_string_equal(fx_val(it, "os_release", 0), u.release);
	assert_string_equal(fx_val(it, "machine_class", 0), u.machine);
	assert_string_equal(fx_val(it, "node_name", 0), u.nodename);
	fx_free(&f);
}

static void
test_probe_uname__offline_root(void **state)
{
	struct fx f;
	struct oval_collected *c;

	(void)state;
	fx_root(&f);
	fx_dir(&f, "/etc");
	fx_load(&f, objs, NULL);
	c = fx_collect(&f, "oval:t:obj:1");
	assert_int_equal(c->flag, OVAL_FLAG_NOT_APPLICABLE);
	assert_int_equal(c->nitems, 0);
	assert_true(fx_msg_has(c, "uname is not available on an offline "
	    "root"));
	fx_free(&f);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_probe_uname__host),
		cmocka_unit_test(test_probe_uname__offline_root),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
