/*
 * Tests of textfilecontent54_object and the deprecated
 * textfilecontent_object (oval/probe_textfile.c): regex flags from the
 * behaviors, instance, subexpressions, missing files, errors.
 */
#include "test_probe_fixture.h"

static const char *const conf =
    "# sshd config\n"
    "PermitRootLogin no\n"
    "Port 22\n"
    "Port 2222\n"
    "X11Forwarding yes\n";

#define OBJ(n, body) \
    "<textfilecontent54_object id=\"oval:t:obj:" #n "\" version=\"1\" " \
    FX_IND ">" body "</textfilecontent54_object>"
#define SSHD "<path>/etc/ssh</path><filename>sshd_config</filename>"
#define ALL "<instance datatype=\"int\" operation=\"greater than or equal\">" \
    "1</instance>"

static const char *const objs =
    OBJ(1, SSHD "<pattern operation=\"pattern match\">^Port (\\d+)$"
        "</pattern>" ALL)
    OBJ(2, "<behaviors multiline=\"false\"/>" SSHD
        "<pattern operation=\"pattern match\">^Port</pattern>" ALL)
    OBJ(3, "<behaviors singleline=\"true\"/>" SSHD
        "<pattern operation=\"pattern match\">Root.*22\\n</pattern>" ALL)
    OBJ(4, SSHD "<pattern operation=\"pattern match\">Root.*22</pattern>"
        ALL)
    OBJ(5, "<behaviors ignore_case=\"true\"/>" SSHD
        "<pattern operation=\"pattern match\">^port (\\d+)</pattern>" ALL)
    OBJ(6, SSHD "<pattern operation=\"pattern match\">^Port (\\d+)"
        "</pattern><instance datatype=\"int\">2</instance>")
    OBJ(7, SSHD "<pattern operation=\"pattern match\">^Port (\\d+)"
        "</pattern><instance datatype=\"int\">-1</instance>")
    OBJ(8, "<filepath>/etc/ssh/missing</filepath>"
        "<pattern operation=\"pattern match\">x</pattern>" ALL)
    OBJ(9, "<filepath operation=\"pattern match\">^/etc/ssh/.*_config$"
        "</filepath><pattern operation=\"pattern match\">^(\\w+) (yes|no)$"
        "</pattern>" ALL)
    OBJ(10, SSHD "<pattern>Port</pattern>" ALL)
    OBJ(11, SSHD "<pattern operation=\"pattern match\">(unclosed</pattern>"
        ALL)
    OBJ(12, "<behaviors max_depth=\"1\" recurse_direction=\"down\"/>"
        "<path>/etc</path><filename>sshd_config</filename>"
        "<pattern operation=\"pattern match\">^Port 22$</pattern>" ALL)
    OBJ(13, "<behaviors max_depth=\"1\" recurse_direction=\"up\"/>"
        "<path>/etc/ssh/nonexistent</path><filename>sshd_config</filename>"
        "<pattern operation=\"pattern match\">^Port 22$</pattern>" ALL)
    OBJ(14, "<path operation=\"pattern match\">^/etc/s.*</path>"
        "<filename>sshd_config</filename>"
        "<pattern operation=\"pattern match\">^Port 22$</pattern>" ALL)
    OBJ(15, SSHD "<pattern operation=\"pattern match\" "
        "var_ref=\"oval:t:var:1\"/>" ALL)
    OBJ(16, SSHD "<pattern operation=\"pattern match\">^Port (\\d+)"
        "</pattern><instance datatype=\"int\" operation=\"greater than or "
        "equal\">-2</instance>")
    OBJ(17, "<filepath>/etc/ssh/sshd_config</filepath>"
        "<pattern operation=\"pattern match\">^Nothing</pattern>" ALL)
    OBJ(18, "<behaviors max_depth=\"0\" recurse_direction=\"down\"/>"
        "<path>/etc</path><filename>sshd_config</filename>"
        "<pattern operation=\"pattern match\">^Port 22$</pattern>" ALL)
    "<textfilecontent_object id=\"oval:t:obj:19\" version=\"1\" " FX_IND ">"
    SSHD "<line operation=\"pattern match\">^Port (\\d+)</line>"
    "</textfilecontent_object>";

static const char *const vars =
    "<constant_variable id=\"oval:t:var:1\" version=\"1\" comment=\"c\" "
    "datatype=\"string\"><value>^PermitRootLogin (\\w+)</value>"
    "<value>^X11Forwarding (\\w+)</value></constant_variable>";

static void
setup_fx(struct fx *f)
{
	fx_root(f);
	fx_file(f, "/etc/ssh/sshd_config", conf);
	fx_file(f, "/etc/ssh/ssh_config", "ForwardX11 no\n");
	fx_load(f, objs, vars);
}

static void
test_probe_textfile__subexpressions(void **state)
{
	struct fx f;
	struct oval_collected *c;
	const struct oval_item *it;

	(void)state;
	setup_fx(&f);
	c = fx_collect(&f, "oval:t:obj:1");
	assert_int_equal(c->flag, OVAL_FLAG_COMPLETE);
	assert_int_equal(c->nitems, 2);
	it = fx_item(&f, c, 0);
	assert_string_equal(it->type, "textfilecontent_item");
	/* independent-system-characteristics-schema textfilecontent_item
	 * sequence (line is only for the deprecated object). */
	assert_string_equal(fx_order(it), "filepath,path,filename,pattern,"
	    "instance,text,subexpression");
	assert_string_equal(fx_val(it, "filepath", 0),
	    "/etc/ssh/sshd_config");
	assert_string_equal(fx_val(it, "path", 0), "/etc/ssh");
	assert_string_equal(fx_val(it, "filename", 0), "sshd_config");
	assert_string_equal(fx_val(it, "pattern", 0), "^Port (\\d+)$");
	assert_string_equal(fx_val(it, "instance", 0), "1");
	assert_int_equal(fx_ent(it, "instance", 0)->dt, OVAL_DT_INT);
	assert_string_equal(fx_val(it, "text", 0), "Port 22");
	assert_string_equal(fx_val(it, "subexpression", 0), "22");
	it = fx_item(&f, c, 1);
	assert_string_equal(fx_val(it, "instance", 0), "2");
	assert_string_equal(fx_val(it, "subexpression", 0), "2222");
	fx_free(&f);
}

static void
test_probe_textfile__multiline(void **state)
{
	struct fx f;
	struct oval_collected *c;

	(void)state;
	setup_fx(&f);
	/* Textfilecontent54Behaviors multiline defaults to true: ^ matches
	 * at every line (object 1 found two). With multiline="false", ^ is
	 * the start of the file only, which is a comment. */
	c = fx_collect(&f, "oval:t:obj:2");
	assert_int_equal(c->flag, OVAL_FLAG_DOES_NOT_EXIST);
	assert_int_equal(c->nitems, 0);
	fx_free(&f);
}

static void
test_probe_textfile__singleline(void **state)
{
	struct fx f;
	struct oval_collected *c;

	(void)state;
	setup_fx(&f);
	/* singleline="true": "." also matches a newline, so one block spans
	 * from PermitRootLogin to the first "22\n"; it is the longest. */
	c = fx_collect(&f, "oval:t:obj:3");
	assert_int_equal(c->nitems, 1);
	assert_string_equal(fx_val(fx_item(&f, c, 0), "text", 0),
	    "RootLogin no\nPort 22\nPort 2222\n");
	/* By default "." stops at the end of the line. */
	c = fx_collect(&f, "oval:t:obj:4");
	assert_int_equal(c->flag, OVAL_FLAG_DOES_NOT_EXIST);
	fx_free(&f);
}

static void
test_probe_textfile__ignore_case(void **state)
{
	struct fx f;
	struct oval_collected *c;

	(void)state;
	setup_fx(&f);
	c = fx_collect(&f, "oval:t:obj:5");
	assert_int_equal(c->nitems, 2);
	assert_string_equal(fx_val(fx_item(&f, c, 0), "text", 0), "Port 22");
	fx_free(&f);
}

static void
test_probe_textfile__instance(void **state)
{
	struct fx f;
	struct oval_collected *c;

	(void)state;
	setup_fx(&f);
	c = fx_collect(&f, "oval:t:obj:6");
	assert_int_equal(c->nitems, 1);
	assert_string_equal(fx_val(fx_item(&f, c, 0), "instance", 0), "2");
	assert_string_equal(fx_val(fx_item(&f, c, 0), "subexpression", 0),
	    "2222");
	/* independent-definitions-schema textfilecontent54_object instance:
	 * "To find the last match, use an instance of -1"; the item's
	 * instance is positive ("they will always have positive values"). */
	c = fx_collect(&f, "oval:t:obj:7");
	assert_int_equal(c->nitems, 1);
	assert_string_equal(fx_val(fx_item(&f, c, 0), "instance", 0), "2");
	/* "searching for instances greater than or equal to -2 would yield
	 * only the last two matches". */
	c = fx_collect(&f, "oval:t:obj:16");
	assert_int_equal(c->nitems, 2);
	fx_free(&f);
}

static void
test_probe_textfile__missing_file(void **state)
{
	struct fx f;
	struct oval_collected *c;

	(void)state;
	setup_fx(&f);
	c = fx_collect(&f, "oval:t:obj:8");
	assert_int_equal(c->flag, OVAL_FLAG_DOES_NOT_EXIST);
	assert_int_equal(c->nitems, 0);
	/* The file exists but nothing matches: also no item. */
	c = fx_collect(&f, "oval:t:obj:17");
	assert_int_equal(c->flag, OVAL_FLAG_DOES_NOT_EXIST);
	fx_free(&f);
}

static void
test_probe_textfile__filepath_pattern(void **state)
{
	struct fx f;
	struct oval_collected *c;

	(void)state;
	setup_fx(&f);
	fx_file(&f, "/etc/ssh/sshd_config.d/x", "PermitRootLogin yes\n");
	fx_file(&f, "/var/ssh_config", "ForwardX11 yes\n");
	c = fx_collect(&f, "oval:t:obj:9");
	assert_int_equal(c->flag, OVAL_FLAG_COMPLETE);
	/* sshd_config: PermitRootLogin no, X11Forwarding yes; ssh_config:
	 * ForwardX11 no. Not /var/ssh_config, not sshd_config.d/x. */
	assert_int_equal(c->nitems, 3);
	for (uint32_t i = 0; i < c->nitems; i++)
		assert_string_equal(fx_val(fx_item(&f, c, i), "path", 0),
		    "/etc/ssh");
	fx_free(&f);
}

static void
test_probe_textfile__pattern_operation_error(void **state)
{
	struct fx f;
	struct oval_collected *c;

	(void)state;
	setup_fx(&f);
	c = fx_collect(&f, "oval:t:obj:10");
	assert_int_equal(c->flag, OVAL_FLAG_ERROR);
	assert_true(fx_msg_has(c, "oval:t:obj:10"));
	assert_true(fx_msg_has(c, "pattern match"));
	c = fx_collect(&f, "oval:t:obj:11");
	assert_int_equal(c->flag, OVAL_FLAG_ERROR);
	assert_true(fx_msg_has(c, "oval:t:obj:11"));
	fx_free(&f);
}

static void
test_probe_textfile__recurse(void **state)
{
	struct fx f;
	struct oval_collected *c;

	(void)state;
	setup_fx(&f);
	fx_file(&f, "/etc/a/b/sshd_config", "Port 22\n");
	/* max_depth 1 down from /etc: /etc and /etc/ssh, not /etc/a/b. */
	c = fx_collect(&f, "oval:t:obj:12");
	assert_int_equal(c->nitems, 1);
	assert_string_equal(fx_val(fx_item(&f, c, 0), "path", 0), "/etc/ssh");
	/* max_depth 0: only /etc itself. */
	c = fx_collect(&f, "oval:t:obj:18");
	assert_int_equal(c->flag, OVAL_FLAG_DOES_NOT_EXIST);
	/* Up one level from a directory that does not exist. */
	c = fx_collect(&f, "oval:t:obj:13");
	assert_int_equal(c->nitems, 1);
	assert_string_equal(fx_val(fx_item(&f, c, 0), "path", 0), "/etc/ssh");
	fx_free(&f);
}

static void
test_probe_textfile__path_pattern(void **state)
{
	struct fx f;
	struct oval_collected *c;

	(void)state;
	setup_fx(&f);
	fx_file(&f, "/etc/sub/sshd_config", "Port 22\n");
	fx_file(&f, "/etc/x/sshd_config", "Port 22\n");
	fx_file(&f, "/srv/sshd_config", "Port 22\n");
	c = fx_collect(&f, "oval:t:obj:14");
	assert_int_equal(c->flag, OVAL_FLAG_COMPLETE);
	assert_int_equal(c->nitems, 2);	/* /etc/ssh and /etc/sub */
	fx_free(&f);
}

static void
test_probe_textfile__var_ref_patterns(void **state)
{
	struct fx f;
	struct oval_collected *c;

	(void)state;
	setup_fx(&f);
	c = fx_collect(&f, "oval:t:obj:15");
	assert_int_equal(c->nitems, 2);
	assert_string_equal(fx_val(fx_item(&f, c, 0), "subexpression", 0),
	    "no");
	assert_string_equal(fx_val(fx_item(&f, c, 1), "subexpression", 0),
	    "yes");
	fx_free(&f);
}

static void
test_probe_textfile__deprecated(void **state)
{
	struct fx f;
	struct oval_collected *c;
	const struct oval_item *it;

	(void)state;
	setup_fx(&f);
	c = fx_collect(&f, "oval:t:obj:19");
	assert_int_equal(c->flag, OVAL_FLAG_COMPLETE);
	assert_int_equal(c->nitems, 2);
	it = fx_item(&f, c, 1);
	assert_string_equal(fx_order(it), "filepath,path,filename,pattern,"
	    "instance,line,text,subexpression");
	/* textfilecontent_item line: "represented using a regular
	 * expression": the object's line. */
	assert_string_equal(fx_val(it, "line", 0), "^Port (\\d+)");
	assert_string_equal(fx_val(it, "text", 0), "Port 2222");
	assert_string_equal(fx_val(it, "subexpression", 0), "2222");
	fx_free(&f);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_probe_textfile__subexpressions),
		cmocka_unit_test(test_probe_textfile__multiline),
		cmocka_unit_test(test_probe_textfile__singleline),
		cmocka_unit_test(test_probe_textfile__ignore_case),
		cmocka_unit_test(test_probe_textfile__instance),
		cmocka_unit_test(test_probe_textfile__missing_file),
		cmocka_unit_test(test_probe_textfile__filepath_pattern),
		cmocka_unit_test(test_probe_textfile__pattern_operation_error),
		cmocka_unit_test(test_probe_textfile__recurse),
		cmocka_unit_test(test_probe_textfile__path_pattern),
		cmocka_unit_test(test_probe_textfile__var_ref_patterns),
		cmocka_unit_test(test_probe_textfile__deprecated),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
