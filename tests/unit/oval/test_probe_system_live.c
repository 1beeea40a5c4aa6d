/*
 * Tests of the live system collectors (oval/probe_system_sysctl.c,
 * probe_system_live.c, probe_system_runlevel.c): on the host, only facts
 * this test can verify independently (its own pid and parent, the
 * interfaces getifaddrs reports, the root mount, a /proc/sys value); on an
 * offline root, "not applicable" with a message.
 */
#include "test_probe_fixture.h"

#include <ifaddrs.h>

static char objs[4096];

static void
make_objs(void)
{
	snprintf(objs, sizeof(objs),
	    "<sysctl_object id=\"oval:t:obj:1\" version=\"1\" " FX_UNIX ">"
	    "<name>kernel.ostype</name></sysctl_object>"
	    "<process58_object id=\"oval:t:obj:2\" version=\"1\" " FX_UNIX ">"
	    "<command_line operation=\"pattern match\">.*</command_line>"
	    "<pid datatype=\"int\">%ld</pid></process58_object>"
	    "<interface_object id=\"oval:t:obj:3\" version=\"1\" " FX_UNIX ">"
	    "<name operation=\"pattern match\">.*</name></interface_object>"
	    "<partition_object id=\"oval:t:obj:4\" version=\"1\" " FX_LINUX ">"
	    "<mount_point>/</mount_point></partition_object>"
	    "<sysctl_object id=\"oval:t:obj:5\" version=\"1\" " FX_UNIX ">"
	    "<name operation=\"pattern match\">^kernel\\.os(type|release)$"
	    "</name></sysctl_object>"
	    "<inetlisteningservers_object id=\"oval:t:obj:6\" version=\"1\" "
	    FX_LINUX "><protocol>tcp</protocol><local_address operation="
	    "\"pattern match\">.*</local_address><local_port datatype=\"int\" "
	    "operation=\"greater than\">0</local_port>"
	    "</inetlisteningservers_object>"
	    "<runlevel_object id=\"oval:t:obj:7\" version=\"1\" " FX_UNIX ">"
	    "<service_name operation=\"pattern match\">.*</service_name>"
	    "<runlevel>2</runlevel></runlevel_object>"
	    "<sysctl_object id=\"oval:t:obj:8\" version=\"1\" " FX_UNIX ">"
	    "<name>no.such.parameter</name></sysctl_object>",
	    (long)getpid());
}

static void
host(struct fx *f)
{
	memset(f, 0, sizeof(*f));
	assert_int_equal(plat_target_host_new(&f->t), 0);
	make_objs();
	fx_load(f, objs, NULL);
}

static void
test_probe_system_live__sysctl(void **state)
{
	struct fx f;
	struct oval_collected *c;
	const struct oval_item *it;
	char *want = NULL;
	size_t len = 0;

	(void)state;
	host(&f);
	c = fx_collect(&f, "oval:t:obj:1");
	assert_int_equal(c->flag, OVAL_FLAG_COMPLETE);
	it = fx_item(&f, c, 0);
	assert_string_equal(fx_order(it), "name,value");
	assert_int_equal(ks_file_read("/proc/sys/kernel/ostype", 4096, &want,
	    &len), 0);
	want[strcspn(want, "\n")] = '\0';
	assert_string_equal(fx_val(it, "value", 0), want);
	free(want);
	/* pattern match walks /proc/sys */
	c = fx_collect(&f, "oval:t:obj:5");
	assert_int_equal(c->flag, OVAL_FLAG_COMPLETE);
	assert_int_equal(c->nitems, 2);
	c = fx_collect(&f, "oval:t:obj:8");
	assert_int_equal(c->flag, OVAL_FLAG_DOES_NOT_EXIST);
	fx_free(&f);
}

static void
test_probe_system_live__process_self(void **state)
{
	struct fx f;
	struct oval_collected *c;
	const struct oval_item *it;
	char buf[32];

	(void)state;
	host(&f);
	c = fx_collect(&f, "oval:t:obj:2");
	assert_int_equal(c->flag, OVAL_FLAG_COMPLETE);
	assert_int_equal(c->nitems, 1);
	it = fx_item(&f, c, 0);
	assert_string_equal(it->type, "process58_item");
	snprintf(buf, sizeof(buf), "%ld", (long)getpid());
	assert_string_equal(fx_val(it, "pid", 0), buf);
	snprintf(buf, sizeof(buf), "%ld", (long)getppid());
	assert_string_equal(fx_val(it, "ppid", 0), buf);
	snprintf(buf, sizeof(buf), "%ld", (long)getuid());
	assert_string_equal(fx_val(it, "ruid", 0), buf);
	snprintf(buf, sizeof(buf), "%ld", (long)geteuid());
	assert_string_equal(fx_val(it, "user_id", 0), buf);
	/* The command line starts with how we were invoked (argv[0]). */
	assert_non_null(strstr(fx_val(it, "command_line", 0),
	    program_invocation_short_name));
	/* Exec Shield does not exist on mainline kernels. */
	assert_int_equal(fx_ent(it, "exec_shield", 0)->status,
	    OVAL_ST_DOES_NOT_EXIST);
	assert_int_equal(strlen(fx_val(it, "exec_time", 0)), 8);
	fx_free(&f);
}

static void
test_probe_system_live__interfaces(void **state)
{
	struct fx f;
	struct oval_collected *c;
	struct ifaddrs *ifa = NULL;
	uint32_t n = 0;

	(void)state;
	host(&f);
	c = fx_collect(&f, "oval:t:obj:3");
	assert_int_equal(getifaddrs(&ifa), 0);
	/* Every interface getifaddrs names has at least one item. */
	for (struct ifaddrs *i = ifa; i != NULL; i = i->ifa_next) {
		bool found = false;

		for (uint32_t k = 0; k < c->nitems; k++)
			if (strcmp(fx_val(fx_item(&f, c, k), "name", 0),
			    i->ifa_name) == 0)
				found = true;
		assert_true(found);
		n++;
	}
	freeifaddrs(ifa);
	assert_int_equal(c->flag, n > 0 ? OVAL_FLAG_COMPLETE :
	    OVAL_FLAG_DOES_NOT_EXIST);
	fx_free(&f);
}

static void
test_probe_system_live__partition_root(void **state)
{
	struct fx f;
	struct oval_collected *c;
	const struct oval_item *it;

	(void)state;
	host(&f);
	c = fx_collect(&f, "oval:t:obj:4");
	/* Every Linux system has "/" mounted. */
	assert_int_equal(c->flag, OVAL_FLAG_COMPLETE);
	assert_true(c->nitems >= 1);
	it = fx_item(&f, c, 0);
	assert_string_equal(fx_val(it, "mount_point", 0), "/");
	assert_true(fx_count(it, "mount_options") >= 1);
	assert_true(strcmp(fx_val(it, "mount_options", 0), "rw") == 0 ||
	    strcmp(fx_val(it, "mount_options", 0), "ro") == 0);
	assert_non_null(fx_ent(it, "block_size", 0));
	fx_free(&f);
}

static void
test_probe_system_live__listen_shape(void **state)
{
	struct fx f;
	struct oval_collected *c;

	(void)state;
	host(&f);
	c = fx_collect(&f, "oval:t:obj:6");
	/* Whatever listens here, every item has the schema's order. */
	assert_true(c->flag == OVAL_FLAG_COMPLETE ||
	    c->flag == OVAL_FLAG_DOES_NOT_EXIST);
	for (uint32_t k = 0; k < c->nitems; k++)
		assert_string_equal(fx_val(fx_item(&f, c, k), "protocol", 0),
		    "tcp");
	fx_free(&f);
}

static void
test_probe_system_live__offline(void **state)
{
	static const char *const ids[] = { "oval:t:obj:1", "oval:t:obj:2",
	    "oval:t:obj:3", "oval:t:obj:4", "oval:t:obj:6" };
	struct fx f;
	struct oval_collected *c;

	(void)state;
	fx_root(&f);
	fx_dir(&f, "/proc/sys/kernel");
	fx_file(&f, "/proc/sys/kernel/ostype", "Fake\n");
	make_objs();
	fx_load(&f, objs, NULL);
	for (size_t i = 0; i < sizeof(ids) / sizeof(*ids); i++) {
		c = fx_collect(&f, ids[i]);
		assert_int_equal(c->flag, OVAL_FLAG_NOT_APPLICABLE);
		assert_int_equal(c->nitems, 0);
		assert_true(fx_msg_has(c, "not available on an offline "
		    "target"));
	}
	fx_free(&f);
}

static void
test_probe_system_live__runlevel_links(void **state)
{
	struct fx f;
	struct oval_collected *c;
	char p[4096];

	(void)state;
	fx_root(&f);
	fx_file(&f, "/etc/init.d/ssh", "#!/bin/sh\n");
	fx_file(&f, "/etc/init.d/cron", "#!/bin/sh\n");
	fx_dir(&f, "/etc/rc2.d");
	snprintf(p, sizeof(p), "%s/etc/rc2.d/S01ssh", f.root);
	assert_int_equal(symlink("../init.d/ssh", p), 0);
	snprintf(p, sizeof(p), "%s/etc/rc2.d/K01cron", f.root);
	assert_int_equal(symlink("../init.d/cron", p), 0);
	make_objs();
	fx_load(&f, objs, NULL);
	c = fx_collect(&f, "oval:t:obj:7");
	assert_int_equal(c->flag, OVAL_FLAG_COMPLETE);
	assert_int_equal(c->nitems, 2);
	for (uint32_t k = 0; k < 2; k++) {
		const struct oval_item *it = fx_item(&f, c, k);
		bool ssh = strcmp(fx_val(it, "service_name", 0), "ssh") == 0;

		assert_string_equal(fx_order(it),
		    "service_name,runlevel,start,kill");
		assert_string_equal(fx_val(it, "runlevel", 0), "2");
		assert_string_equal(fx_val(it, "start", 0), ssh ? "true" :
		    "false");
		assert_string_equal(fx_val(it, "kill", 0), ssh ? "false" :
		    "true");
	}
	fx_free(&f);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_probe_system_live__sysctl),
		cmocka_unit_test(test_probe_system_live__process_self),
		cmocka_unit_test(test_probe_system_live__interfaces),
		cmocka_unit_test(test_probe_system_live__partition_root),
		cmocka_unit_test(test_probe_system_live__listen_shape),
		cmocka_unit_test(test_probe_system_live__offline),
		cmocka_unit_test(test_probe_system_live__runlevel_links),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
