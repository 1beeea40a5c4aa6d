/*
 * Tests of systemdunitproperty_object and systemdunitdependency_object
 * (oval/probe_system_systemd.c): on a directory root built here (search
 * path precedence, drop-ins, masks, aliases, templates, enablement links;
 * expected values follow systemd.unit(5), cited per case), and on the live
 * host against a mock org.freedesktop.systemd1 (written with sd-bus below)
 * on a private dbus-daemon, plus the fall-back to unit files without one.
 */
#include "test_probe_fixture.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <systemd/sd-bus.h>

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
	/* multi-user.target ConsistsOf part.service (the reverse of its
	 * PartOf=); BindsTo=, Requisite=, Upholds= are followed too. */
	fx_file(f, UL "part.service", "[Unit]\nPartOf=multi-user.target\n");
	fx_file(f, ES "multi-user.target.d/deps.conf", "[Unit]\n"
	    "BindsTo=bound.target\nRequisite=req.service\n"
	    "Upholds=up.service\n");
	fx_file(f, UL "bound.target", "[Unit]\nWants=deep.service\n");
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
	/* Direct (Requires=, .wants links) and, through targets only,
	 * transitive: the schema points at "systemctl list-dependencies
	 * --plain $unit", and systemctl(1) says "By default, only target
	 * units are recursively expanded". */
	assert_true(has_val(it, "dependency", "basic.target"));
	assert_true(has_val(it, "dependency", "foo.service"));
	assert_true(has_val(it, "dependency", "getty.target"));
	assert_true(has_val(it, "dependency", "getty@tty1.service"));
	assert_true(has_val(it, "dependency", "sysinit.target"));
	assert_true(has_val(it, "dependency", "sockets.target"));
	/* foo.service is a service: its Wants= and implicit Requires= on
	 * its slice are not expanded. */
	assert_false(has_val(it, "dependency", "c.service"));
	assert_false(has_val(it, "dependency", "system.slice"));
	/* ConsistsOf, BindsTo, Requisite, Upholds (systemctl(1): "following
	 * the Requires=, Requisite=, Wants=, ConsistsOf=, BindsTo=, and
	 * Upholds= dependencies"), and bound.target expanded. */
	assert_true(has_val(it, "dependency", "part.service"));
	assert_true(has_val(it, "dependency", "bound.target"));
	assert_true(has_val(it, "dependency", "req.service"));
	assert_true(has_val(it, "dependency", "up.service"));
	assert_true(has_val(it, "dependency", "deep.service"));
	/* The masked unit is not linked anywhere; a.service was reset. */
	assert_false(has_val(it, "dependency", "bar.service"));
	assert_false(has_val(it, "dependency", "a.service"));
	assert_false(has_val(it, "dependency", "multi-user.target"));
	c = fx_collect(&f, "oval:t:obj:9");
	assert_int_equal(c->flag, OVAL_FLAG_DOES_NOT_EXIST);
	fx_free(&f);
}

/* ---- the live host: a mock systemd on a private bus --------------------- */
/*
 * The mock manager: a few units with Unit and Service properties of
 * several D-Bus types, GetUnit/LoadUnit/ListUnits/ListUnitFiles as
 * org.freedesktop.systemd1(5) describes them. "loaded" units are in
 * ListUnits; the others only in ListUnitFiles, so GetUnit fails with
 * NoSuchUnit and only LoadUnit finds them.
 */
struct mu {
	const char	*name, *load, *active, *file_state;
	const char	*requires[4], *wants[4];
	bool		 loaded, fail;
};

static const struct mu mock_units[] = {
	{ "sshd.service", "loaded", "active", "enabled",
	    { "sysinit.target", "system.slice" }, { "sshd-keygen.service" },
	    true, false },
	{ "multi-user.target", "loaded", "active", "static",
	    { "basic.target" }, { "sshd.service", "getty.target" },
	    true, false },
	{ "basic.target", "loaded", "active", "static",
	    { "sysinit.target" }, { "sockets.target" }, true, false },
	{ "sysinit.target", "loaded", "active", "static", { 0 }, { 0 },
	    true, false },
	{ "sockets.target", "loaded", "active", "static", { 0 }, { 0 },
	    true, false },
	{ "getty.target", "loaded", "active", "static", { 0 },
	    { "getty@tty1.service" }, true, false },
	{ "broken.service", "loaded", "failed", "enabled", { 0 }, { 0 },
	    true, true },
	{ "broken.target", "loaded", "active", "static", { 0 },
	    { "bad.target" }, true, false },
	{ "bad.target", "loaded", "active", "static", { 0 }, { 0 },
	    true, true },
	/* Referenced by something but with no file: LoadState not-found. */
	{ "ghost.service", "not-found", "inactive", "", { 0 }, { 0 },
	    true, false },
	{ "installed.service", "loaded", "inactive", "disabled", { 0 },
	    { 0 }, false, false },
	/* Values over the caps of platform.h. */
	{ "big.service", "loaded", "active", "static", { 0 }, { 0 },
	    true, false },
};
#define MOCK_N (sizeof(mock_units) / sizeof(*mock_units))

static const struct mu *
mock_find(const char *name)
{
	for (size_t i = 0; i < MOCK_N; i++)
		if (strcmp(mock_units[i].name, name) == 0)
			return &mock_units[i];
	return NULL;
}

static int
mock_get(sd_bus *bus, const char *path, const char *iface,
    const char *prop, sd_bus_message *r, void *userdata, sd_bus_error *e)
{
	const struct mu *u = userdata;
	const char *empty[] = { NULL };
	char *names[] = { (char *)u->name, "alias-of-it.service", NULL };

	(void)bus;
	(void)path;
	(void)iface;
	if (u->fail)
		return sd_bus_error_set(e,
		    "org.freedesktop.DBus.Error.AccessDenied",
		    "mock: access denied");
	if (strcmp(prop, "Id") == 0)
		return sd_bus_message_append(r, "s", u->name);
	if (strcmp(prop, "Names") == 0)
		return sd_bus_message_append_strv(r, names);
	if (strcmp(prop, "LoadState") == 0)
		return sd_bus_message_append(r, "s", u->load);
	if (strcmp(prop, "ActiveState") == 0)
		return sd_bus_message_append(r, "s", u->active);
	if (strcmp(prop, "UnitFileState") == 0)
		return sd_bus_message_append(r, "s", u->file_state);
	if (strcmp(prop, "Requires") == 0)
		return sd_bus_message_append_strv(r, (char **)u->requires);
	if (strcmp(prop, "Wants") == 0)
		return sd_bus_message_append_strv(r, (char **)u->wants);
	if (strcmp(prop, "DropInPaths") == 0)
		return sd_bus_message_append_strv(r, (char **)empty);
	if (strcmp(prop, "CanStart") == 0)
		return sd_bus_message_append(r, "b", 1);
	if (strcmp(prop, "RefuseManualStop") == 0)
		return sd_bus_message_append(r, "b", 0);
	if (strcmp(prop, "Job") == 0)
		return sd_bus_message_append(r, "(uo)", 7u,
		    "/org/freedesktop/systemd1/job/7");
	if (strcmp(prop, "ControlGroup") == 0)
		return sd_bus_message_append(r, "o",
		    "/org/freedesktop/systemd1/unit/x");
	if (strcmp(prop, "MainPID") == 0)
		return sd_bus_message_append(r, "u", 4242u);
	if (strcmp(prop, "ExecMainStartTimestamp") == 0)
		return sd_bus_message_append(r, "t",
		    (uint64_t)1700000000123456u);
	if (strcmp(prop, "OOMScoreAdjust") == 0)
		return sd_bus_message_append(r, "i", -17);
	if (strcmp(prop, "Documentation") == 0 &&
	    strcmp(u->name, "big.service") == 0) {
		int k = sd_bus_message_open_container(r, 'a', "s");

		for (unsigned i = 0; k >= 0 && i < PLAT_SYSTEMD_MAX_VALUES + 10;
		    i++)
			k = sd_bus_message_append(r, "s", "man:x(1)");
		return k < 0 ? k : sd_bus_message_close_container(r);
	}
	if (strcmp(prop, "Documentation") == 0)
		return sd_bus_message_append_strv(r, (char **)empty);
	if (strcmp(prop, "Description") == 0 &&
	    strcmp(u->name, "big.service") == 0) {
		char *big = malloc(PLAT_SYSTEMD_VALUE_MAX + 10);
		int k;

		memset(big, 'x', PLAT_SYSTEMD_VALUE_MAX + 9);
		big[PLAT_SYSTEMD_VALUE_MAX + 9] = '\0';
		k = sd_bus_message_append(r, "s", big);
		free(big);
		return k;
	}
	if (strcmp(prop, "ExecStart") == 0)
		return sd_bus_message_append(r, "a(sasb)", 1, "/usr/sbin/sshd",
		    2, "/usr/sbin/sshd", "-D", 0);
	return sd_bus_message_append(r, "s", "");
}

static const sd_bus_vtable mock_unit_vt[] = {
	SD_BUS_VTABLE_START(0),
	SD_BUS_PROPERTY("Id", "s", mock_get, 0, 0),
	SD_BUS_PROPERTY("Names", "as", mock_get, 0, 0),
	SD_BUS_PROPERTY("LoadState", "s", mock_get, 0, 0),
	SD_BUS_PROPERTY("ActiveState", "s", mock_get, 0, 0),
	SD_BUS_PROPERTY("UnitFileState", "s", mock_get, 0, 0),
	SD_BUS_PROPERTY("Requires", "as", mock_get, 0, 0),
	SD_BUS_PROPERTY("Wants", "as", mock_get, 0, 0),
	SD_BUS_PROPERTY("DropInPaths", "as", mock_get, 0, 0),
	SD_BUS_PROPERTY("CanStart", "b", mock_get, 0, 0),
	SD_BUS_PROPERTY("RefuseManualStop", "b", mock_get, 0, 0),
	SD_BUS_PROPERTY("Job", "(uo)", mock_get, 0, 0),
	SD_BUS_PROPERTY("Documentation", "as", mock_get, 0, 0),
	SD_BUS_PROPERTY("Description", "s", mock_get, 0, 0),
	SD_BUS_VTABLE_END
};

static const sd_bus_vtable mock_service_vt[] = {
	SD_BUS_VTABLE_START(0),
	SD_BUS_PROPERTY("MainPID", "u", mock_get, 0, 0),
	SD_BUS_PROPERTY("ExecMainStartTimestamp", "t", mock_get, 0, 0),
	SD_BUS_PROPERTY("OOMScoreAdjust", "i", mock_get, 0, 0),
	SD_BUS_PROPERTY("ControlGroup", "o", mock_get, 0, 0),
	SD_BUS_PROPERTY("ExecStart", "a(sasb)", mock_get, 0, 0),
	SD_BUS_VTABLE_END
};

static int
mock_find_unit(sd_bus *bus, const char *path, const char *iface,
    void *userdata, void **found, sd_bus_error *e)
{
	char *name = NULL;
	const struct mu *u;
	int r;

	(void)bus;
	(void)userdata;
	(void)e;
	r = sd_bus_path_decode(path, "/org/freedesktop/systemd1/unit",
	    &name);
	if (r <= 0)
		return 0;
	u = mock_find(name);
	free(name);
	if (u == NULL || (strcmp(iface, "org.freedesktop.systemd1.Service") ==
	    0 && strstr(u->name, ".service") == NULL))
		return 0;
	*found = (void *)u;
	return 1;
}

static int
mock_unit_reply(sd_bus_message *m, sd_bus_error *e, bool load)
{
	const char *name;
	const struct mu *u;
	char *path = NULL;
	int r;

	if ((r = sd_bus_message_read(m, "s", &name)) < 0)
		return r;
	u = mock_find(name);
	if (u == NULL || (!load && !u->loaded))
		return sd_bus_error_setf(e,
		    "org.freedesktop.systemd1.NoSuchUnit",
		    "Unit %s not loaded.", name);
	if ((r = sd_bus_path_encode("/org/freedesktop/systemd1/unit", name,
	    &path)) < 0)
		return r;
	r = sd_bus_reply_method_return(m, "o", path);
	free(path);
	return r;
}

static int
mock_get_unit(sd_bus_message *m, void *userdata, sd_bus_error *e)
{
	(void)userdata;
	return mock_unit_reply(m, e, false);
}

static int
mock_load_unit(sd_bus_message *m, void *userdata, sd_bus_error *e)
{
	(void)userdata;
	return mock_unit_reply(m, e, true);
}

static int
mock_list(sd_bus_message *m, bool files)
{
	sd_bus_message *r = NULL;
	int rc;

	if ((rc = sd_bus_message_new_method_return(m, &r)) < 0)
		return rc;
	rc = sd_bus_message_open_container(r, 'a', files ? "(ss)" :
	    "(ssssssouso)");
	for (size_t i = 0; i < MOCK_N && rc >= 0; i++) {
		const struct mu *u = &mock_units[i];
		char *path = NULL;

		if (files && strcmp(u->load, "loaded") == 0) {
			path = ks_asprintf("/usr/lib/systemd/system/%s",
			    u->name);
			rc = sd_bus_message_append(r, "(ss)", path,
			    u->file_state);
		} else if (!files && u->loaded)
			rc = sd_bus_message_append(r, "(ssssssouso)",
			    u->name, "desc", u->load, u->active, "running",
			    "", "/org/freedesktop/systemd1/unit/x", 0u, "",
			    "/");
		free(path);
	}
	if (rc >= 0)
		rc = sd_bus_message_close_container(r);
	if (rc >= 0)
		rc = sd_bus_send(NULL, r, NULL);
	sd_bus_message_unref(r);
	return rc;
}

static int
mock_list_units(sd_bus_message *m, void *userdata, sd_bus_error *e)
{
	(void)userdata;
	(void)e;
	return mock_list(m, false);
}

static int
mock_list_files(sd_bus_message *m, void *userdata, sd_bus_error *e)
{
	(void)userdata;
	(void)e;
	return mock_list(m, true);
}

static const sd_bus_vtable mock_manager_vt[] = {
	SD_BUS_VTABLE_START(0),
	SD_BUS_METHOD("GetUnit", "s", "o", mock_get_unit, 0),
	SD_BUS_METHOD("LoadUnit", "s", "o", mock_load_unit, 0),
	SD_BUS_METHOD("ListUnits", "", "a(ssssssouso)", mock_list_units, 0),
	SD_BUS_METHOD("ListUnitFiles", "", "a(ss)", mock_list_files, 0),
	SD_BUS_VTABLE_END
};

/* The mock's process: serves until killed; writes one byte to `ready`
 * once it owns the name. */
static void __attribute__((noreturn))
mock_serve(int ready)
{
	sd_bus *bus = NULL;
	int r;

	(void)prctl(PR_SET_PDEATHSIG, SIGKILL);
	r = sd_bus_open_system(&bus);
	if (r >= 0)
		r = sd_bus_add_object_vtable(bus, NULL,
		    "/org/freedesktop/systemd1",
		    "org.freedesktop.systemd1.Manager", mock_manager_vt,
		    NULL);
	if (r >= 0)
		r = sd_bus_add_fallback_vtable(bus, NULL,
		    "/org/freedesktop/systemd1/unit",
		    "org.freedesktop.systemd1.Unit", mock_unit_vt,
		    mock_find_unit, NULL);
	if (r >= 0)
		r = sd_bus_add_fallback_vtable(bus, NULL,
		    "/org/freedesktop/systemd1/unit",
		    "org.freedesktop.systemd1.Service", mock_service_vt,
		    mock_find_unit, NULL);
	if (r >= 0)
		r = sd_bus_request_name(bus, "org.freedesktop.systemd1", 0);
	if (r < 0) {
		fprintf(stderr, "mock systemd: %s\n", strerror(-r));
		_exit(1);
	}
	(void)!write(ready, "R", 1);
	close(ready);
	for (;;) {
		r = sd_bus_process(bus, NULL);
		if (r < 0)
			_exit(1);
		if (r == 0 && sd_bus_wait(bus, UINT64_MAX) < 0)
			_exit(1);
	}
}

/* The private bus: a temp dir with the config and socket, the daemon and
 * the mock, killed and removed by bus_down on every path. */
struct mockbus {
	char	dir[64];
	pid_t	daemon, mock;
};
static struct mockbus mb;

/* Waits up to 10 s for a byte (or a line) on fd; returns what was read. */
static ssize_t
read_ready(int fd, char *buf, size_t n)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };
	ssize_t k;

	if (poll(&p, 1, 10000) != 1)
		return -1;
	k = read(fd, buf, n - 1);
	if (k >= 0)
		buf[k] = '\0';
	return k;
}

static int
bus_down(void **state)
{
	(void)state;
	if (mb.mock > 0) {
		kill(mb.mock, SIGKILL);
		(void)waitpid(mb.mock, NULL, 0);
	}
	if (mb.daemon > 0) {
		kill(mb.daemon, SIGTERM);
		(void)waitpid(mb.daemon, NULL, 0);
	}
	if (mb.dir[0] != '\0')
		test_tmp_rm(mb.dir);
	unsetenv("DBUS_SYSTEM_BUS_ADDRESS");
	memset(&mb, 0, sizeof(mb));
	return 0;
}

static int
bus_up(void **state)
{
	char conf[128], addr[160], buf[512];
	int pfd[2];
	FILE *fp;

	(void)state;
	memset(&mb, 0, sizeof(mb));
	snprintf(mb.dir, sizeof(mb.dir), "/tmp/kensa-dbus-XXXXXX");
	if (mkdtemp(mb.dir) == NULL)
		return -1;
	snprintf(conf, sizeof(conf), "%s/bus.conf", mb.dir);
	snprintf(addr, sizeof(addr), "unix:path=%s/bus", mb.dir);
	fp = fopen(conf, "w");
	if (fp == NULL)
		return bus_down(state), -1;
	/* dbus-daemon(1) "CONFIGURATION FILE": listen on our socket, let
	 * anyone own names and send anything. */
	fprintf(fp, "<!DOCTYPE busconfig PUBLIC \"-//freedesktop//DTD D-Bus "
	    "Bus Configuration 1.0//EN\" \"http://www.freedesktop.org/"
	    "standards/dbus/1.0/busconfig.dtd\">\n<busconfig>\n"
	    "<listen>%s</listen>\n<auth>EXTERNAL</auth>\n"
	    "<policy context=\"default\"><allow user=\"*\"/>"
	    "<allow own=\"*\"/><allow send_destination=\"*\"/>"
	    "<allow receive_sender=\"*\"/></policy>\n</busconfig>\n", addr);
	fclose(fp);
	if (pipe(pfd) != 0)
		return bus_down(state), -1;
	if ((mb.daemon = fork()) == 0) {
		char opt[160];
		int fd;

		(void)prctl(PR_SET_PDEATHSIG, SIGTERM);
		dup2(pfd[1], 1);
		close(pfd[0]);
		/* It warns that it cannot raise its fd limit as non-root;
		 * a failure to start shows as no address. */
		if ((fd = open("/dev/null", O_WRONLY)) >= 0)
			dup2(fd, 2);
		snprintf(opt, sizeof(opt), "--config-file=%s", conf);
		execl("/usr/bin/dbus-daemon", "dbus-daemon", "--nofork",
		    "--print-address=1", opt, (char *)NULL);
		_exit(127);
	}
	close(pfd[1]);
	/* It prints its address once it listens. */
	if (mb.daemon < 0 || read_ready(pfd[0], buf, sizeof(buf)) <= 0) {
		fprintf(stderr, "dbus-daemon did not start (scripts/deps.sh "
		    "installs it)\n");
		close(pfd[0]);
		return bus_down(state), -1;
	}
	close(pfd[0]);
	setenv("DBUS_SYSTEM_BUS_ADDRESS", addr, 1);
	if (pipe(pfd) != 0)
		return bus_down(state), -1;
	if ((mb.mock = fork()) == 0) {
		close(pfd[0]);
		mock_serve(pfd[1]);
	}
	close(pfd[1]);
	if (mb.mock < 0 || read_ready(pfd[0], buf, sizeof(buf)) != 1) {
		close(pfd[0]);
		return bus_down(state), -1;
	}
	close(pfd[0]);
	return 0;
}

static void
live(struct fx *f, const char *objects)
{
	memset(f, 0, sizeof(*f));
	assert_int_equal(plat_target_host_new(&f->t), 0);
	fx_load(f, objects, NULL);
}

static const char *const live_objs =
    "<systemdunitproperty_object id=\"oval:t:obj:1\" version=\"1\" "
    FX_LINUX "><unit>sshd.service</unit><property operation=\"pattern "
    "match\">.</property></systemdunitproperty_object>"
    "<systemdunitproperty_object id=\"oval:t:obj:2\" version=\"1\" "
    FX_LINUX "><unit operation=\"pattern match\">^(broken|ghost|"
    "installed|nosuch)\\.service$</unit><property>ActiveState</property>"
    "</systemdunitproperty_object>"
    "<systemdunitproperty_object id=\"oval:t:obj:3\" version=\"1\" "
    FX_LINUX "><unit>broken.service</unit><property operation=\"pattern "
    "match\">.</property></systemdunitproperty_object>"
    "<systemdunitproperty_object id=\"oval:t:obj:4\" version=\"1\" "
    FX_LINUX "><unit>nosuch.service</unit><property>LoadState</property>"
    "</systemdunitproperty_object>"
    "<systemdunitproperty_object id=\"oval:t:obj:5\" version=\"1\" "
    FX_LINUX "><unit>sshd.service</unit><property>NoSuchProperty"
    "</property></systemdunitproperty_object>"
    "<systemdunitdependency_object id=\"oval:t:obj:6\" version=\"1\" "
    FX_LINUX "><unit>multi-user.target</unit>"
    "</systemdunitdependency_object>"
    "<systemdunitdependency_object id=\"oval:t:obj:7\" version=\"1\" "
    FX_LINUX "><unit>broken.target</unit>"
    "</systemdunitdependency_object>"
    "<systemdunitdependency_object id=\"oval:t:obj:8\" version=\"1\" "
    FX_LINUX "><unit operation=\"pattern match\">^ghost</unit>"
    "</systemdunitdependency_object>"
    "<systemdunitproperty_object id=\"oval:t:obj:9\" version=\"1\" "
    FX_LINUX "><unit>big.service</unit><property operation=\"pattern "
    "match\">^(Documentation|Description)$</property>"
    "</systemdunitproperty_object>";

static void
test_probe_system_systemd__dbus_properties(void **state)
{
	struct fx f;
	struct oval_collected *c;
	const struct oval_item *it;

	(void)state;
	live(&f, live_objs);
	c = fx_collect(&f, "oval:t:obj:1");
	assert_int_equal(c->flag, OVAL_FLAG_COMPLETE);
	/* Every property of both interfaces: 13 Unit + 5 Service. */
	assert_int_equal(c->nitems, 18);
	assert_false(fx_msg_has(c, "unit files"));
	it = prop_item(&f, c, "sshd.service", "ActiveState");
	assert_string_equal(fx_order(it), "unit,property,value");
	assert_string_equal(fx_val(it, "value", 0), "active");
	/* systemdunitproperty_item value: "Exactly one value shall be used
	 * for all property types except dbus arrays - each array element
	 * shall be represented by one value." */
	it = prop_item(&f, c, "sshd.service", "Names");
	assert_int_equal(fx_count(it, "value"), 2);
	assert_string_equal(fx_val(it, "value", 0), "sshd.service");
	assert_string_equal(fx_val(it, "value", 1), "alias-of-it.service");
	it = prop_item(&f, c, "sshd.service", "Requires");
	assert_int_equal(fx_count(it, "value"), 2);
	/* An empty array: no value at all. */
	it = prop_item(&f, c, "sshd.service", "DropInPaths");
	assert_int_equal(fx_count(it, "value"), 0);
	assert_int_equal(it->status, OVAL_ST_EXISTS);
	/* Booleans, integers, object paths, structs (platform.h). */
	assert_string_equal(fx_val(prop_item(&f, c, "sshd.service",
	    "CanStart"), "value", 0), "true");
	assert_string_equal(fx_val(prop_item(&f, c, "sshd.service",
	    "RefuseManualStop"), "value", 0), "false");
	assert_string_equal(fx_val(prop_item(&f, c, "sshd.service",
	    "MainPID"), "value", 0), "4242");
	assert_string_equal(fx_val(prop_item(&f, c, "sshd.service",
	    "ExecMainStartTimestamp"), "value", 0), "1700000000123456");
	assert_string_equal(fx_val(prop_item(&f, c, "sshd.service",
	    "OOMScoreAdjust"), "value", 0), "-17");
	assert_string_equal(fx_val(prop_item(&f, c, "sshd.service",
	    "ControlGroup"), "value", 0), "/org/freedesktop/systemd1/unit/x");
	assert_string_equal(fx_val(prop_item(&f, c, "sshd.service", "Job"),
	    "value", 0), "(7, /org/freedesktop/systemd1/job/7)");
	it = prop_item(&f, c, "sshd.service", "ExecStart");
	assert_int_equal(fx_count(it, "value"), 1);
	assert_string_equal(fx_val(it, "value", 0),
	    "(/usr/sbin/sshd, [/usr/sbin/sshd, -D], false)");
	/* A property the manager does not have for the unit: no item. */
	c = fx_collect(&f, "oval:t:obj:5");
	assert_int_equal(c->flag, OVAL_FLAG_DOES_NOT_EXIST);
	fx_free(&f);
}

static void
test_probe_system_systemd__dbus_errors_and_missing(void **state)
{
	struct fx f;
	struct oval_collected *c;
	const struct oval_item *it;

	(void)state;
	live(&f, live_objs);
	/* broken.service fails, ghost.service is only referenced
	 * (not-found) and nosuch.service is unknown: both have no item;
	 * installed.service is only a unit file, found by LoadUnit. */
	c = fx_collect(&f, "oval:t:obj:2");
	assert_int_equal(c->flag, OVAL_FLAG_ERROR);
	assert_int_equal(c->nitems, 2);
	it = prop_item(&f, c, "installed.service", "ActiveState");
	assert_string_equal(fx_val(it, "value", 0), "inactive");
	it = prop_item(&f, c, "broken.service", "ActiveState");
	assert_int_equal(it->status, OVAL_ST_ERROR);
	assert_true(it->nmsgs > 0);
	assert_non_null(strstr(it->msgs[0].text, "AccessDenied"));
	/* A pattern on the property of a failed unit: one error item. */
	c = fx_collect(&f, "oval:t:obj:3");
	assert_int_equal(c->flag, OVAL_FLAG_ERROR);
	assert_int_equal(c->nitems, 1);
	it = fx_item(&f, c, 0);
	assert_int_equal(it->status, OVAL_ST_ERROR);
	assert_int_equal(fx_ent(it, "property", 0)->status, OVAL_ST_ERROR);
	c = fx_collect(&f, "oval:t:obj:4");
	assert_int_equal(c->flag, OVAL_FLAG_DOES_NOT_EXIST);
	fx_free(&f);
}

static void
test_probe_system_systemd__dbus_dependency(void **state)
{
	struct fx f;
	struct oval_collected *c;
	const struct oval_item *it;

	(void)state;
	live(&f, live_objs);
	c = fx_collect(&f, "oval:t:obj:6");
	assert_int_equal(c->flag, OVAL_FLAG_COMPLETE);
	assert_int_equal(c->nitems, 1);
	it = fx_item(&f, c, 0);
	assert_int_equal(it->status, OVAL_ST_EXISTS);
	/* As systemctl list-dependencies: targets expanded, services not
	 * (sshd-keygen.service and system.slice come from sshd.service). */
	assert_int_equal(fx_count(it, "dependency"), 6);
	assert_true(has_val(it, "dependency", "basic.target"));
	assert_true(has_val(it, "dependency", "sshd.service"));
	assert_true(has_val(it, "dependency", "getty.target"));
	assert_true(has_val(it, "dependency", "getty@tty1.service"));
	assert_true(has_val(it, "dependency", "sysinit.target"));
	assert_true(has_val(it, "dependency", "sockets.target"));
	/* A target in the tree could not be read: the item is an error. */
	c = fx_collect(&f, "oval:t:obj:7");
	assert_int_equal(c->flag, OVAL_FLAG_ERROR);
	it = fx_item(&f, c, 0);
	assert_int_equal(it->status, OVAL_ST_ERROR);
	assert_true(has_val(it, "dependency", "bad.target"));
	c = fx_collect(&f, "oval:t:obj:8");
	assert_int_equal(c->flag, OVAL_FLAG_DOES_NOT_EXIST);
	fx_free(&f);
}

static void
test_probe_system_systemd__dbus_caps(void **state)
{
	struct fx f;
	struct oval_collected *c;
	const struct oval_item *it;

	(void)state;
	live(&f, live_objs);
	/* Past the caps values are left out, the items say so and the
	 * object is incomplete. */
	c = fx_collect(&f, "oval:t:obj:9");
	assert_int_equal(c->flag, OVAL_FLAG_INCOMPLETE);
	assert_int_equal(c->nitems, 2);
	it = prop_item(&f, c, "big.service", "Documentation");
	assert_int_equal(fx_count(it, "value"), PLAT_SYSTEMD_MAX_VALUES);
	assert_true(it->nmsgs > 0);
	assert_non_null(strstr(it->msgs[0].text, "caps"));
	it = prop_item(&f, c, "big.service", "Description");
	assert_int_equal(fx_count(it, "value"), 0);
	assert_true(it->nmsgs > 0);
	fx_free(&f);
}

static void
test_probe_system_systemd__dbus_manager_gone(void **state)
{
	struct fx f;
	struct oval_collected *c;
	const struct oval_item *it;

	(void)state;
	live(&f, live_objs);
	c = fx_collect(&f, "oval:t:obj:5");
	assert_int_equal(c->flag, OVAL_FLAG_DOES_NOT_EXIST);
	/* systemd goes away during the scan: what cannot be asked is an
	 * error, never "does not exist". */
	kill(mb.mock, SIGKILL);
	(void)waitpid(mb.mock, NULL, 0);
	mb.mock = 0;
	c = fx_collect(&f, "oval:t:obj:4");
	assert_int_equal(c->flag, OVAL_FLAG_ERROR);
	assert_int_equal(c->nitems, 1);
	it = fx_item(&f, c, 0);
	assert_int_equal(it->status, OVAL_ST_ERROR);
	c = fx_collect(&f, "oval:t:obj:2");
	assert_int_equal(c->flag, OVAL_FLAG_ERROR);
	fx_free(&f);
}

static void
test_probe_system_systemd__no_bus_reads_files(void **state)
{
	struct fx f;
	struct oval_collected *c;
	char dir[64], addr[128];

	(void)state;
	/* A live host with no system bus (a container): unit files, and
	 * the object says why. */
	snprintf(dir, sizeof(dir), "/tmp/kensa-nobus-XXXXXX");
	assert_non_null(mkdtemp(dir));
	snprintf(addr, sizeof(addr), "unix:path=%s/none", dir);
	setenv("DBUS_SYSTEM_BUS_ADDRESS", addr, 1);
	live(&f, live_objs);
	c = fx_collect(&f, "oval:t:obj:4");
	assert_int_equal(c->flag, OVAL_FLAG_DOES_NOT_EXIST);
	assert_true(fx_msg_has(c, "system bus is unreachable"));
	assert_true(fx_msg_has(c, "read from unit files"));
	c = fx_collect(&f, "oval:t:obj:6");
	assert_true(fx_msg_has(c, "read from unit files"));
	fx_free(&f);
	unsetenv("DBUS_SYSTEM_BUS_ADDRESS");
	rmdir(dir);
}

static void
test_probe_system_systemd__bus_without_systemd(void **state)
{
	struct fx f;
	struct oval_collected *c;

	(void)state;
	/* The bus answers but nobody owns org.freedesktop.systemd1. */
	kill(mb.mock, SIGKILL);
	(void)waitpid(mb.mock, NULL, 0);
	mb.mock = 0;
	live(&f, live_objs);
	c = fx_collect(&f, "oval:t:obj:4");
	assert_int_equal(c->flag, OVAL_FLAG_DOES_NOT_EXIST);
	assert_true(fx_msg_has(c, "systemd is not running"));
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
		cmocka_unit_test_setup_teardown(
		    test_probe_system_systemd__dbus_properties, bus_up,
		    bus_down),
		cmocka_unit_test_setup_teardown(
		    test_probe_system_systemd__dbus_errors_and_missing, bus_up,
		    bus_down),
		cmocka_unit_test_setup_teardown(
		    test_probe_system_systemd__dbus_dependency, bus_up,
		    bus_down),
		cmocka_unit_test_setup_teardown(
		    test_probe_system_systemd__dbus_caps, bus_up, bus_down),
		cmocka_unit_test_setup_teardown(
		    test_probe_system_systemd__dbus_manager_gone, bus_up,
		    bus_down),
		cmocka_unit_test(test_probe_system_systemd__no_bus_reads_files),
		cmocka_unit_test_setup_teardown(
		    test_probe_system_systemd__bus_without_systemd, bus_up,
		    bus_down),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
