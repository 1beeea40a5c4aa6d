/*
 * Tests of variable_object (oval/probe_variable.c): one variable_item with
 * var_ref and every value, datatypes, variables in error.
 */
#include "test_probe_fixture.h"

static const char *const objs =
    "<variable_object id=\"oval:t:obj:1\" version=\"1\" " FX_IND ">"
    "<var_ref>oval:t:var:1</var_ref></variable_object>"
    "<variable_object id=\"oval:t:obj:2\" version=\"1\" " FX_IND ">"
    "<var_ref>oval:t:var:2</var_ref></variable_object>"
    "<variable_object id=\"oval:t:obj:3\" version=\"1\" " FX_IND ">"
    "<var_ref>oval:t:var:3</var_ref></variable_object>";

static const char *const vars =
    "<constant_variable id=\"oval:t:var:1\" version=\"1\" comment=\"c\" "
    "datatype=\"string\"><value>a</value><value>b</value><value>c</value>"
    "</constant_variable>"
    "<constant_variable id=\"oval:t:var:2\" version=\"1\" comment=\"c\" "
    "datatype=\"int\"><value>42</value></constant_variable>"
    "<external_variable id=\"oval:t:var:3\" version=\"1\" comment=\"e\" "
    "datatype=\"string\"/>";

static void
test_probe_variable__values(void **state)
{
	struct fx f;
	struct oval_collected *c;
	const struct oval_item *it;

	(void)state;
	memset(&f, 0, sizeof(f));
	assert_int_equal(plat_target_mem_new(&f.t), 0);
	fx_load(&f, objs, vars);
	c = fx_collect(&f, "oval:t:obj:1");
	assert_int_equal(c->flag, OVAL_FLAG_COMPLETE);
	assert_int_equal(c->nitems, 1);
	it = fx_item(&f, c, 0);
	assert_string_equal(it->type, "variable_item");
	/* independent-system-characteristics-schema variable_item: var_ref,
	 * then value (0..unbounded). */
	assert_string_equal(fx_order(it), "var_ref,value,value,value");
	assert_string_equal(fx_val(it, "var_ref", 0), "oval:t:var:1");
	assert_string_equal(fx_val(it, "value", 0), "a");
	assert_string_equal(fx_val(it, "value", 1), "b");
	assert_string_equal(fx_val(it, "value", 2), "c");
	fx_free(&f);
}

static void
test_probe_variable__datatype(void **state)
{
	struct fx f;
	struct oval_collected *c;

	(void)state;
	memset(&f, 0, sizeof(f));
	assert_int_equal(plat_target_mem_new(&f.t), 0);
	fx_load(&f, objs, vars);
	c = fx_collect(&f, "oval:t:obj:2");
	assert_int_equal(c->flag, OVAL_FLAG_COMPLETE);
	assert_int_equal(fx_ent(fx_item(&f, c, 0), "value", 0)->dt,
	    OVAL_DT_INT);
	assert_string_equal(fx_val(fx_item(&f, c, 0), "value", 0), "42");
	fx_free(&f);
}

static void
test_probe_variable__error(void **state)
{
	struct fx f;
	struct oval_collected *c;

	(void)state;
	memset(&f, 0, sizeof(f));
	assert_int_equal(plat_target_mem_new(&f.t), 0);
	fx_load(&f, objs, vars);
	/* An external variable without a value is in error: so is the
	 * object that represents it. */
	c = fx_collect(&f, "oval:t:obj:3");
	assert_int_equal(c->flag, OVAL_FLAG_ERROR);
	assert_int_equal(c->nitems, 0);
	assert_true(fx_msg_has(c, "oval:t:var:3"));
	fx_free(&f);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_probe_variable__values),
		cmocka_unit_test(test_probe_variable__datatype),
		cmocka_unit_test(test_probe_variable__error),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
