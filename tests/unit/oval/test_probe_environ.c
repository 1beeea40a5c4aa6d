/*
 * Tests of environmentvariable58_object (oval/probe_environ.c): the
 * scanner's own environment with name operations, other pids, offline.
 */
#include "test_probe_fixture.h"

static const char *const objs =
    "<environmentvariable58_object id=\"oval:t:obj:1\" version=\"1\" "
    FX_IND "><pid datatype=\"int\" xsi:nil=\"true\"/>"
    "<name>KENSA_T_ONE</name></environmentvariable58_object>"
    "<environmentvariable58_object id=\"oval:t:obj:2\" version=\"1\" "
    FX_IND "><pid datatype=\"int\" xsi:nil=\"true\"/>"
    "<name operation=\"pattern match\">^KENSA_T_</name>"
    "</environmentvariable58_object>"
    "<environmentvariable58_object id=\"oval:t:obj:3\" version=\"1\" "
    FX_IND "><pid datatype=\"int\" xsi:nil=\"true\"/>"
    "<name>KENSA_T_ABSENT</name></environmentvariable58_object>"
    "<environmentvariable58_object id=\"oval:t:obj:4\" version=\"1\" "
    FX_IND "><pid datatype=\"int\" operation=\"greater than\">0</pid>"
    "<name>PATH</name></environmentvariable58_object>"
    "<environmentvariable58_object id=\"oval:t:obj:5\" version=\"1\" "
    FX_IND "><pid datatype=\"int\" xsi:nil=\"true\"/>"
    "<name operation=\"case insensitive equals\">kensa_t_one</name>"
    "</environmentvariable58_object>";

static int
setup(void **state)
{
	(void)state;
	setenv("KENSA_T_ONE", "first value", 1);
	setenv("KENSA_T_TWO", "2", 1);
	unsetenv("KENSA_T_ABSENT");
	return 0;
}

static void
host(struct fx *f)
{
	memset(f, 0, sizeof(*f));
	assert_int_equal(plat_target_host_new(&f->t), 0);
	fx_load(f, objs, NULL);
}

static void
test_probe_environ__equals(void **state)
{
	struct fx f;
	struct oval_collected *c;
	const struct oval_item *it;
	char pid[24];

	(void)state;
	host(&f);
	c = fx_collect(&f, "oval:t:obj:1");
	assert_int_equal(c->flag, OVAL_FLAG_COMPLETE);
	assert_int_equal(c->nitems, 1);
	it = fx_item(&f, c, 0);
	assert_string_equal(it->type, "environmentvariable58_item");
	assert_string_equal(fx_order(it), "pid,name,value");
	snprintf(pid, sizeof(pid), "%ld", (long)getpid());
	assert_string_equal(fx_val(it, "pid", 0), pid);
	assert_int_equal(fx_ent(it, "pid", 0)->dt, OVAL_DT_INT);
	assert_string_equal(fx_val(it, "name", 0), "KENSA_T_ONE");
	assert_string_equal(fx_val(it, "value", 0), "first value");
	fx_free(&f);
}

static void
test_probe_environ__pattern_and_ci(void **state)
{
	struct fx f;
	struct oval_collected *c;

	(void)state;
	host(&f);
	c = fx_collect(&f, "oval:t:obj:2");
	assert_int_equal(c->flag, OVAL_FLAG_COMPLETE);
	assert_int_equal(c->nitems, 2);
	c = fx_collect(&f, "oval:t:obj:5");
	assert_int_equal(c->flag, OVAL_FLAG_COMPLETE);
	assert_int_equal(c->nitems, 1);
	assert_string_equal(fx_val(fx_item(&f, c, 0), "name", 0),
	    "KENSA_T_ONE");
	fx_free(&f);
}

static void
test_probe_environ__absent(void **state)
{
	struct fx f;
	struct oval_collected *c;

	(void)state;
	host(&f);
	c = fx_collect(&f, "oval:t:obj:3");
	assert_int_equal(c->flag, OVAL_FLAG_DOES_NOT_EXIST);
	assert_int_equal(c->nitems, 0);
	fx_free(&f);
}

static void
test_probe_environ__other_pid_is_error(void **state)
{
	struct fx f;
	struct oval_collected *c;

	(void)state;
	host(&f);
	/* independent-definitions-schema environmentvariable58_object: "If
	 * a tool is unable to collect the environment variables of another
	 * process, an error must be reported." */
	c = fx_collect(&f, "oval:t:obj:4");
	assert_int_equal(c->flag, OVAL_FLAG_ERROR);
	assert_true(fx_msg_has(c, "oval:t:obj:4"));
	fx_free(&f);
}

static void
test_probe_environ__offline(void **state)
{
	struct fx f;
	struct oval_collected *c;

	(void)state;
	fx_root(&f);
	fx_load(&f, objs, NULL);
	c = fx_collect(&f, "oval:t:obj:1");
	assert_int_equal(c->flag, OVAL_FLAG_NOT_APPLICABLE);
	assert_int_equal(c->nitems, 0);
	fx_free(&f);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_probe_environ__equals),
		cmocka_unit_test(test_probe_environ__pattern_and_ci),
		cmocka_unit_test(test_probe_environ__absent),
		cmocka_unit_test(test_probe_environ__other_pid_is_error),
		cmocka_unit_test(test_probe_environ__offline),
	};

	return cmocka_run_group_tests(tests, setup, NULL);
}
