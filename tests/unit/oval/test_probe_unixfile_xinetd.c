/*
 * Tests of unix xinetd_object (oval/probe_unixfile_xinetd.c): services of
 * xinetd.conf and an includedir, defaults inherited and extended with +=,
 * the disabled/enabled lists, protocol from socket_type, missing files.
 */
#include "test_probe_fixture.h"

#define OBJ(n, body) \
    "<xinetd_object id=\"oval:t:obj:" #n "\" version=\"1\" " FX_UNIX ">" \
    body "</xinetd_object>"

static const char *const objs =
    OBJ(1, "<protocol>tcp</protocol><service_name>telnet</service_name>")
    OBJ(2, "<protocol operation=\"pattern match\">.*</protocol>"
        "<service_name operation=\"pattern match\">.*</service_name>")
    OBJ(3, "<protocol>udp</protocol><service_name>tftp</service_name>");

static const char conf[] =
    "# xinetd.conf\n"
    "defaults\n"
    "{\n"
    "\tonly_from = 10.0.0.0/8 127.0.0.1\n"
    "\tdisabled = rsh\n"
    "}\n"
    "includedir /etc/xinetd.d\n";

static const char telnet[] =
    "service telnet\n"
    "{\n"
    "\tflags = REUSE IPv4\n"
    "\tsocket_type = stream\n"
    "\twait = no\n"
    "\tuser = root\n"
    "\tserver = /usr/sbin/in.telnetd\n"
    "\tserver_args = -h -L /bin/login\n"
    "\tonly_from += 192.168.1.0/24\n"
    "\tno_access = 10.1.1.1\n"
    "\tdisable = no\n"
    "}\n";

static const char more[] =
    "service tftp {\n"
    "\tsocket_type = dgram\n"
    "\tprotocol = udp\n"
    "\twait = yes\n"
    "\ttype = UNLISTED INTERNAL\n"
    "\tport = 69\n"
    "\tdisable = yes\n"
    "}\n"
    "service rsh\n"
    "{\n"
    "\tsocket_type = stream\n"
    "\tonly_from = 1.2.3.4\n"
    "}\n";

static void
setup_fx(struct fx *f, bool with)
{
	fx_root(f);
	if (with) {
		fx_file(f, "/etc/xinetd.conf", conf);
		fx_file(f, "/etc/xinetd.d/telnet", telnet);
		fx_file(f, "/etc/xinetd.d/more", more);
		/* Names with a dot or ending in '~' are skipped. */
		fx_file(f, "/etc/xinetd.d/old.rpmsave", "service x\n{\n}\n");
		fx_file(f, "/etc/xinetd.d/telnet~", "service y\n{\n}\n");
	}
	fx_load(f, objs, NULL);
}

static void
test_probe_unixfile_xinetd__service(void **state)
{
	struct fx f;
	struct oval_collected *c;
	const struct oval_item *it;

	(void)state;
	setup_fx(&f, true);
	c = fx_collect(&f, "oval:t:obj:1");
	assert_int_equal(c->flag, OVAL_FLAG_COMPLETE);
	assert_int_equal(c->nitems, 1);
	it = fx_item(&f, c, 0);
	/* unix-system-characteristics-schema xinetd_item, in order. */
	assert_string_equal(fx_order(it), "protocol,service_name,flags,flags,"
	    "no_access,only_from,only_from,only_from,port,server,"
	    "server_arguments,socket_type,user,wait,disabled");
	/* protocol from socket_type stream */
	assert_string_equal(fx_val(it, "protocol", 0), "tcp");
	assert_string_equal(fx_val(it, "flags", 1), "IPv4");
	/* defaults' only_from, extended with += */
	assert_string_equal(fx_val(it, "only_from", 0), "10.0.0.0/8");
	assert_string_equal(fx_val(it, "only_from", 2), "192.168.1.0/24");
	assert_int_equal(fx_ent(it, "port", 0)->status,
	    OVAL_ST_DOES_NOT_EXIST);
	assert_string_equal(fx_val(it, "server_arguments", 0),
	    "-h -L /bin/login");
	assert_string_equal(fx_val(it, "wait", 0), "false");
	assert_string_equal(fx_val(it, "disabled", 0), "false");
	fx_free(&f);
}

static void
test_probe_unixfile_xinetd__all(void **state)
{
	struct fx f;
	struct oval_collected *c;
	const struct oval_item *it = NULL;

	(void)state;
	setup_fx(&f, true);
	c = fx_collect(&f, "oval:t:obj:2");
	assert_int_equal(c->nitems, 3);
	for (uint32_t i = 0; i < c->nitems; i++)
		if (strcmp(fx_val(fx_item(&f, c, i), "service_name", 0),
		    "rsh") == 0)
			it = fx_item(&f, c, i);
	assert_non_null(it);
	/* "disabled = rsh" in the defaults; its own only_from replaces
	 * the defaults'. */
	assert_string_equal(fx_val(it, "disabled", 0), "true");
	assert_int_equal(fx_count(it, "only_from"), 1);
	c = fx_collect(&f, "oval:t:obj:3");
	assert_int_equal(c->nitems, 1);
	it = fx_item(&f, c, 0);
	assert_string_equal(fx_val(it, "type", 1), "INTERNAL");
	assert_string_equal(fx_val(it, "port", 0), "69");
	assert_string_equal(fx_val(it, "wait", 0), "true");
	assert_string_equal(fx_val(it, "disabled", 0), "true");
	fx_free(&f);
}

static void
test_probe_unixfile_xinetd__missing(void **state)
{
	struct fx f;
	struct oval_collected *c;

	(void)state;
	setup_fx(&f, false);
	c = fx_collect(&f, "oval:t:obj:2");
	assert_int_equal(c->flag, OVAL_FLAG_DOES_NOT_EXIST);
	fx_free(&f);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_probe_unixfile_xinetd__service),
		cmocka_unit_test(test_probe_unixfile_xinetd__all),
		cmocka_unit_test(test_probe_unixfile_xinetd__missing),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
