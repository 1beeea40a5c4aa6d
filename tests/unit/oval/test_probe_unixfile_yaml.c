/*
 * Tests of independent yamlfilecontent_object (oval/probe_yaml.c): the
 * YAML Path subset SCAP Security Guide uses, values as records ('#' fields
 * for scalars, one record per map), field-name escaping, inline content,
 * malformed YAML and nested results (items in error).
 */
#include "test_probe_fixture.h"
#include "oval/probe_unixfile.h"
#include "platform/base/dl_libs.h"

#define OBJ(n, body) \
    "<yamlfilecontent_object id=\"oval:t:obj:" #n "\" version=\"1\" " \
    FX_IND ">" body "</yamlfilecontent_object>"
#define FP "<filepath>/k/config.yaml</filepath>"

static const char *const objs =
    OBJ(1, FP "<yamlpath>.authentication.anonymous.enabled</yamlpath>")
    OBJ(2, FP "<yamlpath>.apiServerArguments[\"enable-admission-plugins\"]"
        "[:]</yamlpath>")
    OBJ(3, FP "<yamlpath>.items[:].metadata.name</yamlpath>")
    OBJ(4, FP "<yamlpath>.evictionHard['memory.available']</yamlpath>")
    OBJ(5, FP "<yamlpath>.items[0].metadata</yamlpath>")
    OBJ(6, FP "<yamlpath>.missing.key</yamlpath>")
    OBJ(7, FP "<yamlpath>.items</yamlpath>")
    OBJ(8, "<filepath>/k/bad.yaml</filepath><yamlpath>.a</yamlpath>")
    OBJ(9, FP "<yamlpath>.tls[*]</yamlpath>")
    OBJ(10, FP "<yamlpath>.x[</yamlpath>")
    OBJ(11, "<content>a:\n  b: [1, 2]\n</content><yamlpath>.a.b[:]"
        "</yamlpath>")
    OBJ(12, FP "<yamlpath>.items[:].metadata['name','camelKey']"
        "</yamlpath>");

static const char yaml[] =
    "authentication:\n"
    "  anonymous:\n"
    "    enabled: false\n"
    "apiServerArguments:\n"
    "  enable-admission-plugins:\n"
    "  - NamespaceLifecycle\n"
    "  - NodeRestriction\n"
    "evictionHard:\n"
    "  memory.available: 100Mi\n"
    "tls: [a, b, c]\n"
    "items:\n"
    "- metadata:\n"
    "    name: first\n"
    "    camelKey: X\n"
    "- metadata:\n"
    "    name: second\n"
    "    camelKey: Y\n";

static void
setup_fx(struct fx *f)
{
	fx_root(f);
	fx_file(f, "/k/config.yaml", yaml);
	fx_file(f, "/k/bad.yaml", "a: [1, 2\nb: }\n");
	fx_load(f, objs, NULL);
}

/* The kth record "value" of an item. */
static const struct oval_item_ent *
rec(const struct oval_item *it, int k)
{
	const struct oval_item_ent *e = fx_ent(it, "value", k);

	assert_non_null(e);
	assert_int_equal(e->dt, OVAL_DT_RECORD);
	return e;
}

static void
test_probe_unixfile_yaml__scalars(void **state)
{
	struct fx f;
	struct oval_collected *c;
	const struct oval_item *it;
	const struct oval_item_ent *r;

	(void)state;
	setup_fx(&f);
	c = fx_collect(&f, "oval:t:obj:1");
	assert_int_equal(c->flag, OVAL_FLAG_COMPLETE);
	it = fx_item(&f, c, 0);
	assert_string_equal(fx_order(it), "filepath,path,filename,yamlpath,"
	    "value");
	r = rec(it, 0);
	/* "A single scalar value or a list of scalar values ... would have
	 * the name attribute of the field element set to '#'." */
	assert_int_equal(r->nfields, 1);
	assert_string_equal(r->fields[0].name, "#");
	assert_string_equal(r->fields[0].value, "false");
	c = fx_collect(&f, "oval:t:obj:2");
	r = rec(fx_item(&f, c, 0), 0);
	assert_int_equal(r->nfields, 2);
	assert_string_equal(r->fields[1].value, "NodeRestriction");
	c = fx_collect(&f, "oval:t:obj:3");
	r = rec(fx_item(&f, c, 0), 0);
	assert_int_equal(r->nfields, 2);
	assert_string_equal(r->fields[0].value, "first");
	assert_string_equal(r->fields[1].value, "second");
	c = fx_collect(&f, "oval:t:obj:4");
	assert_string_equal(rec(fx_item(&f, c, 0), 0)->fields[0].value,
	    "100Mi");
	c = fx_collect(&f, "oval:t:obj:9");
	assert_int_equal(rec(fx_item(&f, c, 0), 0)->nfields, 3);
	c = fx_collect(&f, "oval:t:obj:11");
	r = rec(fx_item(&f, c, 0), 0);
	assert_int_equal(r->nfields, 2);
	assert_string_equal(fx_val(fx_item(&f, c, 0), "content", 0),
	    "a:\n  b: [1, 2]\n");
	fx_free(&f);
}

static void
test_probe_unixfile_yaml__maps(void **state)
{
	struct fx f;
	struct oval_collected *c;
	const struct oval_item *it;
	const struct oval_item_ent *r;

	(void)state;
	setup_fx(&f);
	c = fx_collect(&f, "oval:t:obj:5");
	r = rec(fx_item(&f, c, 0), 0);
	assert_int_equal(r->nfields, 2);
	assert_string_equal(r->fields[0].name, "name");
	/* 'camelKey' -> 'camel^key' */
	assert_string_equal(r->fields[1].name, "camel^key");
	/* A sequence of maps: one record per map. */
	c = fx_collect(&f, "oval:t:obj:12");
	it = fx_item(&f, c, 0);
	assert_int_equal(fx_count(it, "value"), 2);
	assert_string_equal(rec(it, 1)->fields[0].value, "second");
	fx_free(&f);
}

static void
test_probe_unixfile_yaml__errors(void **state)
{
	struct fx f;
	struct oval_collected *c;
	char *n;

	(void)state;
	setup_fx(&f);
	c = fx_collect(&f, "oval:t:obj:6");
	assert_int_equal(c->flag, OVAL_FLAG_DOES_NOT_EXIST);
	/* A sequence of maps of maps is not scalars: "considered as
	 * incorrect". */
	c = fx_collect(&f, "oval:t:obj:7");
	assert_int_equal(c->flag, OVAL_FLAG_ERROR);
	assert_int_equal(fx_item(&f, c, 0)->status, OVAL_ST_ERROR);
	c = fx_collect(&f, "oval:t:obj:8");
	assert_int_equal(fx_item(&f, c, 0)->status, OVAL_ST_ERROR);
	assert_non_null(strstr(fx_item(&f, c, 0)->msgs[0].text, "line"));
	c = fx_collect(&f, "oval:t:obj:10");
	assert_int_equal(c->flag, OVAL_FLAG_ERROR);
	assert_true(fx_msg_has(c, "supported subset"));
	n = probe_yaml_field_name("myCamelCase^Key");
	assert_string_equal(n, "my^camel^case^^^key");
	free(n);
	fx_free(&f);
}

/* libyaml is opened on first use (platform/base/dl_libs.h): without it
 * the object is in error with a message naming the library, file-based or
 * inline. The library's state is swapped for the test and put back. */
static void
test_probe_unixfile_yaml__no_libyaml(void **state)
{
	static const char *const ids[] = { "oval:t:obj:1", "oval:t:obj:11" };
	struct ks_dl_lib saved = ks_yaml_lib;
	struct fx f;

	(void)state;
	ks_yaml_lib.soname = "libkensa-no-yaml.so.0";
	ks_yaml_lib.state = 0;
	setup_fx(&f);
	for (size_t i = 0; i < sizeof(ids) / sizeof(ids[0]); i++) {
		const struct oval_collected *c = fx_collect(&f, ids[i]);

		assert_int_equal(c->flag, OVAL_FLAG_ERROR);
		assert_int_equal(c->nitems, 0);
		assert_true(fx_msg_has(c, "reading YAML needs "
		    "libkensa-no-yaml.so.0, which cannot be loaded"));
	}
	fx_free(&f);
	ks_yaml_lib = saved;
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_probe_unixfile_yaml__scalars),
		cmocka_unit_test(test_probe_unixfile_yaml__maps),
		cmocka_unit_test(test_probe_unixfile_yaml__errors),
		cmocka_unit_test(test_probe_unixfile_yaml__no_libyaml),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
