/*
 * Tests of systemdunitproperty_object and systemdunitdependency_object
 * (oval/probe_system_systemd.c) on a directory root built here: search
 * path precedence, drop-ins, masks, aliases, templates, enablement links.
 * Expected values follow systemd.unit(5), cited per case.
 */
#include "test_probe_fixture.h"

static void
fx_link(struct fx *f, const char *path, const char *dest)
{
	char full[4096], dir[4096];

	snprintf(full, sizeof(full), "%s%s", f->root, path);
	snprintf(dir, sizeof(dir), "%s", full);
	*strrchr(dir, '/') = '\0';
	fx_mkdirs(dir);
	assert_int_equal(symlink(dest, full), 0);
}

#define UL "/usr/lib/systemd/system/"
#define ES "/etc/systemd/system/"

static void
build(struct fx *f)
{
	fx_root(f);
	fx_file(f, UL "foo.service", "[Unit]\nDescription=Foo daemon\n"
	    "Wants=a.service\n# comment\n[Service]\nExecStart=/bin/foo \\\n"
	    "  --flag\n[Install]\nWantedBy=multi-user.target\n");
	/* Same drop-in name in /etc hides the vendor one; all drop-ins are
	 * applied in file-name order (systemd.unit(5), "Description"). */
	fx_file(f, UL "foo.service.d/10-a.conf", "[Unit]\nWants=b.service\n");
	fx_file(f, ES "foo.service.d/10-a.conf",
	    "[Unit]\nDescription=Overridden\n");
	fx_file(f, ES "foo.service.d/20-b.conf",
	    "[Unit]\nWants=\nWants=c.service d.service\n");
	fx_file(f, "/run/systemd/system/foo.service.d/15-c.conf",
	    "[Unit]\nAfter=network.target\n");
	fx_link(f, ES "multi-user.target.wants/foo.service",
	    UL "foo.service");
	fx_file(f, UL "multi-user.target", "[Unit]\nRequires=basic.target\n");
	fx_file(f, UL "basic.target", "[Unit]\nRequires=sysinit.target\n"
	    "Wants=sockets.target\n");
	fx_file(f, UL "sysinit.target", "[Unit]\nDescription=Sysinit\n");
	fx_file(f, UL "bar.service", "[Unit]\nDescription=Bar\n[Install]\n"
	    "WantedBy=multi-user.target\n");
	fx_link(f, ES "bar.service", "/dev/null");
	fx_file(f, UL "baz.service", "[Unit]\nDescription=Static\n");
	fx_file(f, UL "qux.service", "[Service]\nType=dbus\n[Install]\n"
	    "WantedBy=multi-user.target\n");
	fx_file(f, UL "getty@.service", "[Unit]\nDescription=Getty %I\n"
	    "[Install]\nWantedBy=getty.target\n");
	fx_link(f, ES "getty.target.wants/getty@tty1.service",
	    UL "getty@.service");
	fx_file(f, UL "getty.target", "[Unit]\nDescription=Gettys\n");
	fx_link(f, ES "multi-user.target.wants/getty.target",
	    UL "getty.target");
	fx_link(f, ES "dbus-org.example.service", UL "qux.service");
	/* An empty unit file masks too (systemd.unit(5)). */
	fx_file(f, ES "empty.service", "");
}

static const char *const objs =
    "<systemdunitproperty_object id=\"oval:t:obj:1\" version=\"1\" "
    FX_LINUX "><unit>foo.service</unit><property>LoadState</property>"
    "</systemdunitproperty_object>"
    "<systemdunitproperty_object id=\"oval:t:obj:2\" version=\"1\" "
    FX_LINUX "><unit>foo.service</unit><property operation=\"pattern "
    "match\">^(Description|DropInPaths|UnitFileState|Wants|FragmentPath|"
    "After)$</property></systemdunitproperty_object>"
    "<systemdunitproperty_object id=\"oval:t:obj:3\" version=\"1\" "
    FX_LINUX "><unit operation=\"pattern match\">^(bar|baz|qux|empty)\\."
    "service$</unit><property>UnitFileState</property>"
    "</systemdunitproperty_object>"
    "<systemdunitproperty_object id=\"oval:t:obj:4\" version=\"1\" "
    FX_LINUX "><unit>foo.service</unit><property>ActiveState</property>"
    "</systemdunitproperty_object>"
    "<systemdunitproperty_object id=\"oval:t:obj:5\" version=\"1\" "
    FX_LINUX "><unit>nosuch.service</unit><property>LoadState</property>"
    "</systemdunitproperty_object>"
    "<systemdunitproperty_object id=\"oval:t:obj:6\" version=\"1\" "
    FX_LINUX "><unit>getty@tty1.service</unit><property operation="
    "\"pattern match\">^(FragmentPath|UnitFileState|LoadState)$"
    "</property></systemdunitproperty_object>"
    "<systemdunitproperty_object id=\"oval:t:obj:7\" version=\"1\" "
    FX_LINUX "><unit>dbus-org.example.service</unit><property operation="
    "\"pattern match\">^(Id|Requires|UnitFileState)$"
    "</property></systemdunitproperty_object>"
    "<systemdunitdependency_object id=\"oval:t:obj:8\" version=\"1\" "
    FX_LINUX "><unit>multi-user.target</unit>"
    "</systemdunitdependency_object>"
    "<systemdunitdependency_object id=\"oval:t:obj:9\" version=\"1\" "
    FX_LINUX "><unit>nosuch.target</unit>"
    "</systemdunitdependency_object>";

/* The item of c whose property is prop. */
static const struct oval_item *
prop_item(struct fx *f, const struct oval_collected *c, const char *unit,
    const char *prop)
{
	for (uint32_t i = 0; i < c->nitems; i++) {
		const struct oval_item *it = fx_item(f, c, i);

		if (strcmp(fx_val(it, "property", 0), prop) == 0 &&
		    strcmp(fx_val(it, "unit", 0), unit) == 0)
			return it;
	}
	fail_msg("no item %s %s", unit, prop);
	return NULL;
}

static bool
has_val(const struct oval_item *it, const char *name, const char *v)
{
	for (int i = 0; i < fx_count(it, name); i++)
		if (strcmp(fx_val(it, name, i), v) == 0)
			return true;
	return false;
}

static void
test_probe_system_systemd__load_state(void **state)
{
	struct fx f;
	struct oval_collected *c;
	const struct oval_item *it;

	(void)state;
	build(&f);
	fx_load(&f, objs, NULL);
	c = fx_collect(&f, "oval:t:obj:1");
	assert_int_equal(c->flag, OVAL_FLAG_COMPLETE);
	assert_int_equal(c->nitems, 1);
	it = fx_item(&f, c, 0);
	assert_string_equal(it->type, "systemdunitproperty_item");
	assert_string_equal(fx_order(it), "unit,property,value");
	assert_string_equal(fx_val(it, "value", 0), "loaded");
	fx_free(&f);
}

static void
test_probe_system_systemd__dropins_and_precedence(void **state)
{
	struct fx f;
	struct oval_collected *c;
	const struct oval_item *it;

	(void)state;
	build(&f);
	fx_load(&f, objs, NULL);
	c = fx_collect(&f, "oval:t:obj:2");
	assert_int_equal(c->flag, OVAL_FLAG_COMPLETE);
	assert_int_equal(c->nitems, 6);
	/* /etc's 10-a.conf hides /usr/lib's: its Description wins. */
	it = prop_item(&f, c, "foo.service", "Description");
	assert_string_equal(fx_val(it, "value", 0), "Overridden");
	/* Lexical order across directories: 10-a (etc), 15-c (run),
	 * 20-b (etc). */
	it = prop_item(&f, c, "foo.service", "DropInPaths");
	assert_int_equal(fx_count(it, "value"), 3);
	assert_string_equal(fx_val(it, "value", 0),
	    ES "foo.service.d/10-a.conf");
	assert_string_equal(fx_val(it, "value", 1),
	    "/run/systemd/system/foo.service.d/15-c.conf");
	assert_string_equal(fx_val(it, "value", 2),
	    ES "foo.service.d/20-b.conf");
	/* "Wants=" (empty) resets the list: a.service and b.service are
	 * gone; c and d remain; the implicit dependencies are Requires=,
	 * not Wants=. */
	it = prop_item(&f, c, "foo.service", "Wants");
	assert_int_equal(fx_count(it, "value"), 2);
	assert_true(has_val(it, "value", "c.service"));
	assert_true(has_val(it, "value", "d.service"));
	it = prop_item(&f, c, "foo.service", "After");
	assert_string_equal(fx_val(it, "value", 0), "network.target");
	it = prop_item(&f, c, "foo.service", "FragmentPath");
	assert_string_equal(fx_val(it, "value", 0), UL "foo.service");
	/* Linked from /etc/systemd/system/multi-user.target.wants. */
	it = prop_item(&f, c, "foo.service", "UnitFileState");
	assert_string_equal(fx_val(it, "value", 0), "enabled");
	fx_free(&f);
}

static void
test_probe_system_systemd__unit_file_states(void **state)
{
	struct fx f;
	struct oval_collected *c;

	(void)state;
	build(&f);
	fx_load(&f, objs, NULL);
	c = fx_collect(&f, "oval:t:obj:3");
	assert_int_equal(c->flag, OVAL_FLAG_COMPLETE);
	assert_int_equal(c->nitems, 4);
	/* A link to /dev/null masks the vendor unit. */
	assert_string_equal(fx_val(prop_item(&f, c, "bar.service",
	    "UnitFileState"), "value", 0), "masked");
	assert_string_equal(fx_val(prop_item(&f, c, "empty.service",
	    "UnitFileState"), "value", 0), "masked");
	/* No [Install] section: static. */
	assert_string_equal(fx_val(prop_item(&f, c, "baz.service",
	    "UnitFileState"), "value", 0), "static");
	/* [Install] but no link: disabled. */
	assert_string_equal(fx_val(prop_item(&f, c, "qux.service",
	    "UnitFileState"), "value", 0), "disabled");
	fx_free(&f);
}

static void
test_probe_system_systemd__runtime_not_collected(void **state)
{
	struct fx f;
	struct oval_collected *c;
	const struct oval_item *it;

	(void)state;
	build(&f);
	fx_load(&f, objs, NULL);
	c = fx_collect(&f, "oval:t:obj:4");
	assert_int_equal(c->nitems, 1);
	it = fx_item(&f, c, 0);
	assert_int_equal(it->status, OVAL_ST_NOT_COLLECTED);
	assert_int_equal(fx_ent(it, "value", 0)->status,
	    OVAL_ST_NOT_COLLECTED);
	assert_null(fx_ent(it, "value", 0)->value);
	assert_true(it->nmsgs > 0);
	assert_non_null(strstr(it->msgs[0].text, "runtime property"));
	c = fx_collect(&f, "oval:t:obj:5");
	assert_int_equal(c->flag, OVAL_FLAG_DOES_NOT_EXIST);
	assert_int_equal(c->nitems, 0);
	fx_free(&f);
}

static void
test_probe_system_systemd__template_and_alias(void **state)
{
	struct fx f;
	struct oval_collected *c;
	const struct oval_item *it;

	(void)state;
	build(&f);
	fx_load(&f, objs, NULL);
	c = fx_collect(&f, "oval:t:obj:6");
	assert_int_equal(c->nitems, 3);
	/* foo@bar.service loads from foo@.service (systemd.unit(5)). */
	assert_string_equal(fx_val(prop_item(&f, c, "getty@tty1.service",
	    "FragmentPath"), "value", 0), UL "getty@.service");
	assert_string_equal(fx_val(prop_item(&f, c, "getty@tty1.service",
	    "LoadState"), "value", 0), "loaded");
	c = fx_collect(&f, "oval:t:obj:7");
	assert_int_equal(c->nitems, 3);
	/* An alias link names the unit it points to. */
	assert_string_equal(fx_val(prop_item(&f, c,
	    "dbus-org.example.service", "Id"), "value", 0), "qux.service");
	/* Type=dbus requires dbus.socket; services require sysinit.target
	 * and their slice (systemd.service(5), "Implicit Dependencies",
	 * "Default Dependencies"). */
	it = prop_item(&f, c, "dbus-org.example.service", "Requires");
	assert_true(has_val(it, "value", "dbus.socket"));
	assert_true(has_val(it, "value", "sysinit.target"));
	assert_true(has_val(it, "value", "system.slice"));
	fx_free(&f);
}

static void
test_probe_system_systemd__dependency(void **state)
{
	struct fx f;
	struct oval_collected *c;
	const struct oval_item *it;

	(void)state;
	build(&f);
	fx_load(&f, objs, NULL);
	c = fx_collect(&f, "oval:t:obj:8");
	assert_int_equal(c->flag, OVAL_FLAG_COMPLETE);
	assert_int_equal(c->nitems, 1);
	it = fx_item(&f, c, 0);
	assert_string_equal(it->type, "systemdunitdependency_item");
	assert_string_equal(fx_val(it, "unit", 0), "multi-user.target");
	/* Direct (Requires=, .wants links) and transitive. */
	assert_true(has_val(it, "dependency", "basic.target"));
	assert_true(has_val(it, "dependency", "foo.service"));
	assert_true(has_val(it, "dependency", "getty.target"));
	assert_true(has_val(it, "dependency", "sysinit.target"));
	assert_true(has_val(it, "dependency", "sockets.target"));
	assert_true(has_val(it, "dependency", "c.service"));
	assert_true(has_val(it, "dependency", "system.slice"));
	/* The masked unit is not linked anywhere; a.service was reset. */
	assert_false(has_val(it, "dependency", "bar.service"));
	assert_false(has_val(it, "dependency", "a.service"));
	assert_false(has_val(it, "dependency", "multi-user.target"));
	c = fx_collect(&f, "oval:t:obj:9");
	assert_int_equal(c->flag, OVAL_FLAG_DOES_NOT_EXIST);
	fx_free(&f);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_probe_system_systemd__load_state),
		cmocka_unit_test(
		    test_probe_system_systemd__dropins_and_precedence),
		cmocka_unit_test(test_probe_system_systemd__unit_file_states),
		cmocka_unit_test(
		    test_probe_system_systemd__runtime_not_collected),
		cmocka_unit_test(test_probe_system_systemd__template_and_alias),
		cmocka_unit_test(test_probe_system_systemd__dependency),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
