/*
 * Tests of xmlfilecontent_object (oval/probe_xmlfile.c) over the OVAL test
 * content's support/xml/classes files, copied into a fixture root: node-set,
 * number and string results, namespaces, bad XPath and bad XML.
 */
#include "test_probe_fixture.h"

#define CLASSES "/work/shared/testdata/oval-test-content/support/xml/classes"

#define OBJ(n, body) \
    "<xmlfilecontent_object id=\"oval:t:obj:" #n "\" version=\"1\" " \
    FX_IND ">" body "</xmlfilecontent_object>"
#define C1 "<path>/tmp/support/xml/classes/class1</path>" \
    "<filename>section1.xml</filename>"

static const char *const objs =
    OBJ(1, C1 "<xpath>//*/grades/grade[@type='test']/text()</xpath>")
    OBJ(2, "<path operation=\"pattern match\">"
        "^/tmp/support/xml/classes/class[0-9]$</path>"
        "<filename>section1.xml</filename>"
        "<xpath>//*/student[@status='full-time']/name/text()</xpath>")
    OBJ(3, "<path>/tmp/support/xml/classes/class2</path>"
        "<filename operation=\"pattern match\">section(1|2)\\.xml</filename>"
        "<xpath>count(//*/student)</xpath>")
    OBJ(4, C1 "<xpath>//student[</xpath>")
    OBJ(5, "<filepath>/tmp/bad.xml</filepath><xpath>/a</xpath>")
    OBJ(6, "<filepath>/tmp/ns.xml</filepath>"
        "<xpath>/k:root/k:v/@name</xpath>")
    OBJ(7, C1 "<xpath>//nothing</xpath>")
    OBJ(8, "<filepath>/tmp/nope.xml</filepath><xpath>/a</xpath>")
    OBJ(9, C1 "<xpath>string(//student[1]/name)</xpath>")
    OBJ(10, C1 "<xpath operation=\"pattern match\">.*</xpath>")
    OBJ(11, "<behaviors max_depth=\"1\" recurse_direction=\"up\"/>"
        "<path>/tmp/support/xml/classes/class2/subclass2</path>"
        "<filename operation=\"pattern match\">section(1|2)\\.xml</filename>"
        "<xpath>count(//*/student)</xpath>");

static void
setup_fx(struct fx *f)
{
	static const char *const files[] = {
		"class1/section1.xml", "class1/section2.xml",
		"class2/section1.xml", "class2/section2.xml",
		"class3/section1.xml", "class4/section1.xml",
	};

	fx_root(f);
	for (size_t i = 0; i < sizeof(files) / sizeof(*files); i++) {
		char host[512], in[512];

		snprintf(host, sizeof(host), "%s/%s", CLASSES, files[i]);
		snprintf(in, sizeof(in), "/tmp/support/xml/classes/%s",
		    files[i]);
		fx_copy(f, host, in);
	}
	fx_file(f, "/tmp/bad.xml", "<a><b></a>");
	fx_file(f, "/tmp/ns.xml", "<k:root xmlns:k=\"urn:k\">"
	    "<k:v name=\"one\"/><k:v name=\"two\"/></k:root>");
	fx_load(f, objs, NULL);
}

static void
test_probe_xmlfile__nodeset(void **state)
{
	struct fx f;
	struct oval_collected *c;
	const struct oval_item *it;

	(void)state;
	setup_fx(&f);
	c = fx_collect(&f, "oval:t:obj:1");
	assert_int_equal(c->flag, OVAL_FLAG_COMPLETE);
	assert_int_equal(c->nitems, 1);
	it = fx_item(&f, c, 0);
	assert_string_equal(it->type, "xmlfilecontent_item");
	/* independent-system-characteristics-schema xmlfilecontent_item. */
	assert_string_equal(fx_order(it), "filepath,path,filename,xpath,"
	    "value_of,value_of,value_of,value_of,value_of,value_of,value_of,"
	    "value_of");
	assert_string_equal(fx_val(it, "filepath", 0),
	    "/tmp/support/xml/classes/class1/section1.xml");
	assert_string_equal(fx_val(it, "value_of", 0), "83");
	assert_string_equal(fx_val(it, "value_of", 1), "87");
	assert_string_equal(fx_val(it, "value_of", 7), "97");
	fx_free(&f);
}

static void
test_probe_xmlfile__path_pattern(void **state)
{
	struct fx f;
	struct oval_collected *c;

	(void)state;
	setup_fx(&f);
	c = fx_collect(&f, "oval:t:obj:2");
	assert_int_equal(c->flag, OVAL_FLAG_COMPLETE);
	assert_int_equal(c->nitems, 4);	/* class1..class4 */
	for (uint32_t i = 0; i < c->nitems; i++) {
		const struct oval_item *it = fx_item(&f, c, i);

		assert_int_equal(fx_count(it, "value_of"), 2);
		assert_string_equal(fx_val(it, "value_of", 0), "Bill");
		assert_string_equal(fx_val(it, "value_of", 1), "Kate");
	}
	fx_free(&f);
}

static void
test_probe_xmlfile__number(void **state)
{
	struct fx f;
	struct oval_collected *c;

	(void)state;
	setup_fx(&f);
	c = fx_collect(&f, "oval:t:obj:3");
	assert_int_equal(c->nitems, 2);
	assert_string_equal(fx_val(fx_item(&f, c, 0), "value_of", 0), "4");
	assert_string_equal(fx_val(fx_item(&f, c, 1), "value_of", 0), "4");
	c = fx_collect(&f, "oval:t:obj:9");
	assert_string_equal(fx_val(fx_item(&f, c, 0), "value_of", 0), "Bill");
	/* Up one level from a directory that does not exist. */
	c = fx_collect(&f, "oval:t:obj:11");
	assert_int_equal(c->nitems, 2);
	fx_free(&f);
}

static void
test_probe_xmlfile__namespaces(void **state)
{
	struct fx f;
	struct oval_collected *c;
	const struct oval_item *it;

	(void)state;
	setup_fx(&f);
	c = fx_collect(&f, "oval:t:obj:6");
	assert_int_equal(c->flag, OVAL_FLAG_COMPLETE);
	it = fx_item(&f, c, 0);
	assert_string_equal(fx_val(it, "value_of", 0), "one");
	assert_string_equal(fx_val(it, "value_of", 1), "two");
	fx_free(&f);
}

static void
test_probe_xmlfile__errors(void **state)
{
	struct fx f;
	struct oval_collected *c;
	const struct oval_item *it;

	(void)state;
	setup_fx(&f);
	/* A bad XPath: an item in error with the message. */
	c = fx_collect(&f, "oval:t:obj:4");
	assert_int_equal(c->flag, OVAL_FLAG_ERROR);
	assert_int_equal(c->nitems, 1);
	it = fx_item(&f, c, 0);
	assert_int_equal(it->status, OVAL_ST_ERROR);
	assert_int_equal(it->nmsgs, 1);
	assert_non_null(strstr(it->msgs[0].text, "//student["));
	assert_non_null(strstr(it->msgs[0].text, "Invalid expression"));
	/* Malformed XML. */
	c = fx_collect(&f, "oval:t:obj:5");
	assert_int_equal(c->flag, OVAL_FLAG_ERROR);
	assert_int_equal(fx_item(&f, c, 0)->status, OVAL_ST_ERROR);
	/* xpath operations other than equals mean nothing. */
	c = fx_collect(&f, "oval:t:obj:10");
	assert_int_equal(c->flag, OVAL_FLAG_ERROR);
	assert_true(fx_msg_has(c, "oval:t:obj:10"));
	fx_free(&f);
}

static void
test_probe_xmlfile__empty_and_missing(void **state)
{
	struct fx f;
	struct oval_collected *c;
	const struct oval_item *it;

	(void)state;
	setup_fx(&f);
	c = fx_collect(&f, "oval:t:obj:7");
	assert_int_equal(c->flag, OVAL_FLAG_COMPLETE);
	it = fx_item(&f, c, 0);
	assert_int_equal(fx_ent(it, "value_of", 0)->status,
	    OVAL_ST_DOES_NOT_EXIST);
	c = fx_collect(&f, "oval:t:obj:8");
	assert_int_equal(c->flag, OVAL_FLAG_DOES_NOT_EXIST);
	assert_int_equal(c->nitems, 0);
	fx_free(&f);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_probe_xmlfile__nodeset),
		cmocka_unit_test(test_probe_xmlfile__path_pattern),
		cmocka_unit_test(test_probe_xmlfile__number),
		cmocka_unit_test(test_probe_xmlfile__namespaces),
		cmocka_unit_test(test_probe_xmlfile__errors),
		cmocka_unit_test(test_probe_xmlfile__empty_and_missing),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
