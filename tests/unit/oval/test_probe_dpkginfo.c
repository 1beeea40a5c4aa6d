/*
 * Tests of dpkginfo_object (oval/probe_dpkginfo.c) over a dpkg status file
 * in a fixture root: every operation on name, var_refs with several
 * values, no database, and the cost of many lookups.
 */
#include "test_probe_fixture.h"

static const char *const status =
    "Package: libapt-pkg-dev\n"
    "Status: install ok installed\n"
    "Architecture: amd64\n"
    "Version: 2.6.1\n"
    "\n"
    "Package: bash\n"
    "Status: install ok installed\n"
    "Architecture: amd64\n"
    "Version: 5.2.15-2+b2\n"
    "\n"
    "Package: libc6\n"
    "Status: install ok installed\n"
    "Architecture: amd64\n"
    "Version: 2.36-9+deb12u4\n"
    "\n"
    "Package: libc6\n"
    "Status: install ok installed\n"
    "Architecture: i386\n"
    "Version: 2.36-9+deb12u4\n"
    "\n"
    "Package: openssh-server\n"
    "Status: install ok installed\n"
    "Architecture: amd64\n"
    "Version: 1:9.2p1-2+deb12u2\n"
    "\n"
    "Package: removed-pkg\n"
    "Status: deinstall ok config-files\n"
    "Architecture: amd64\n"
    "Version: 1.0-1\n";

#define OBJ(n, body) \
    "<dpkginfo_object id=\"oval:t:obj:" #n "\" version=\"1\" " FX_LINUX ">" \
    body "</dpkginfo_object>"

static const char *const objs =
    OBJ(1, "<name>openssh-server</name>")
    OBJ(2, "<name operation=\"not equal\">libapt-pkg-dev</name>")
    OBJ(3, "<name operation=\"pattern match\">^libapt.pkg.dev$</name>")
    OBJ(4, "<name operation=\"case insensitive equals\">BASH</name>")
    OBJ(5, "<name var_ref=\"oval:t:var:1\" var_check=\"at least one\"/>")
    OBJ(6, "<name>no-such-package</name>")
    OBJ(7, "<name>libc6</name>")
    OBJ(8, "<name var_ref=\"oval:t:var:1\" var_check=\"all\"/>")
    OBJ(9, "<name operation=\"pattern match\">^lib</name>");

static const char *const vars =
    "<constant_variable id=\"oval:t:var:1\" version=\"1\" comment=\"c\" "
    "datatype=\"string\"><value>bash</value><value>libc6</value>"
    "<value>not-installed</value></constant_variable>";

static void
setup_fx(struct fx *f)
{
	fx_root(f);
	fx_file(f, "/var/lib/dpkg/status", status);
	fx_load(f, objs, vars);
}

static bool
has_name(struct fx *f, const struct oval_collected *c, const char *name)
{
	for (uint32_t i = 0; i < c->nitems; i++)
		if (strcmp(fx_val(fx_item(f, c, i), "name", 0), name) == 0)
			return true;
	return false;
}

static void
test_probe_dpkginfo__equals(void **state)
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
	assert_string_equal(it->ns, "linux");
	assert_string_equal(it->type, "dpkginfo_item");
	/* linux-system-characteristics-schema dpkginfo_item sequence. */
	assert_string_equal(fx_order(it),
	    "name,arch,epoch,release,version,evr");
	assert_string_equal(fx_val(it, "name", 0), "openssh-server");
	assert_string_equal(fx_val(it, "arch", 0), "amd64");
	assert_string_equal(fx_val(it, "epoch", 0), "1");
	assert_string_equal(fx_val(it, "version", 0), "9.2p1");
	assert_string_equal(fx_val(it, "release", 0), "2+deb12u2");
	assert_string_equal(fx_val(it, "evr", 0), "1:9.2p1-2+deb12u2");
	assert_int_equal(fx_ent(it, "evr", 0)->dt, OVAL_DT_DEBIAN_EVR_STRING);
	fx_free(&f);
}

static void
test_probe_dpkginfo__no_epoch(void **state)
{
	struct fx f;
	struct oval_collected *c;
	const struct oval_item *it;

	(void)state;
	setup_fx(&f);
	c = fx_collect(&f, "oval:t:obj:3");
	assert_int_equal(c->nitems, 1);
	it = fx_item(&f, c, 0);
	/* linux-system-characteristics-schema dpkginfo_item epoch: "For a
	 * null epoch ... the string '(none)' should be used"; evr: "a null
	 * epoch ... is equivalent to '0'". A version without revision has
	 * an empty release. */
	assert_string_equal(fx_val(it, "epoch", 0), "(none)");
	assert_string_equal(fx_val(it, "evr", 0), "0:2.6.1");
	assert_string_equal(fx_val(it, "release", 0), "");
	fx_free(&f);
}

static void
test_probe_dpkginfo__not_equal(void **state)
{
	struct fx f;
	struct oval_collected *c;

	(void)state;
	setup_fx(&f);
	c = fx_collect(&f, "oval:t:obj:2");
	assert_int_equal(c->flag, OVAL_FLAG_COMPLETE);
	/* bash, libc6 (two arches), openssh-server; not the config-files
	 * leftover, which is not installed. */
	assert_int_equal(c->nitems, 4);
	assert_false(has_name(&f, c, "libapt-pkg-dev"));
	assert_false(has_name(&f, c, "removed-pkg"));
	assert_true(has_name(&f, c, "bash"));
	fx_free(&f);
}

static void
test_probe_dpkginfo__pattern_match(void **state)
{
	struct fx f;
	struct oval_collected *c;

	(void)state;
	setup_fx(&f);
	c = fx_collect(&f, "oval:t:obj:3");
	assert_int_equal(c->flag, OVAL_FLAG_COMPLETE);
	assert_int_equal(c->nitems, 1);
	assert_string_equal(fx_val(fx_item(&f, c, 0), "name", 0),
	    "libapt-pkg-dev");
	c = fx_collect(&f, "oval:t:obj:9");
	assert_int_equal(c->nitems, 3);	/* libapt-pkg-dev, libc6 x2 */
	fx_free(&f);
}

static void
test_probe_dpkginfo__case_insensitive(void **state)
{
	struct fx f;
	struct oval_collected *c;

	(void)state;
	setup_fx(&f);
	c = fx_collect(&f, "oval:t:obj:4");
	assert_int_equal(c->flag, OVAL_FLAG_COMPLETE);
	assert_int_equal(c->nitems, 1);
	assert_string_equal(fx_val(fx_item(&f, c, 0), "name", 0), "bash");
	fx_free(&f);
}

static void
test_probe_dpkginfo__multiarch(void **state)
{
	struct fx f;
	struct oval_collected *c;

	(void)state;
	setup_fx(&f);
	c = fx_collect(&f, "oval:t:obj:7");
	assert_int_equal(c->nitems, 2);
	assert_string_not_equal(fx_val(fx_item(&f, c, 0), "arch", 0),
	    fx_val(fx_item(&f, c, 1), "arch", 0));
	fx_free(&f);
}

static void
test_probe_dpkginfo__var_ref(void **state)
{
	struct fx f;
	struct oval_collected *c;

	(void)state;
	setup_fx(&f);
	/* var_check "at least one": a package whose name equals any value. */
	c = fx_collect(&f, "oval:t:obj:5");
	assert_int_equal(c->flag, OVAL_FLAG_COMPLETE);
	assert_int_equal(c->nitems, 3);	/* bash, libc6 x2 */
	assert_true(has_name(&f, c, "bash"));
	assert_true(has_name(&f, c, "libc6"));
	/* var_check "all": no name equals all three values at once. */
	c = fx_collect(&f, "oval:t:obj:8");
	assert_int_equal(c->flag, OVAL_FLAG_DOES_NOT_EXIST);
	assert_int_equal(c->nitems, 0);
	fx_free(&f);
}

static void
test_probe_dpkginfo__missing_package(void **state)
{
	struct fx f;
	struct oval_collected *c;

	(void)state;
	setup_fx(&f);
	c = fx_collect(&f, "oval:t:obj:6");
	assert_int_equal(c->flag, OVAL_FLAG_DOES_NOT_EXIST);
	assert_int_equal(c->nitems, 0);
	fx_free(&f);
}

static void
test_probe_dpkginfo__no_database(void **state)
{
	struct fx f;
	struct oval_collected *c;

	(void)state;
	fx_root(&f);
	fx_dir(&f, "/var/lib/rpm");
	fx_load(&f, objs, vars);
	/* The spec's own example of "not applicable": a package object
	 * on a system whose packaging system is not installed. */
	c = fx_collect(&f, "oval:t:obj:1");
	assert_int_equal(c->flag, OVAL_FLAG_NOT_APPLICABLE);
	assert_true(fx_msg_has(c, "no dpkg database on root:"));
	/* The absence is remembered, not looked up again per object. */
	assert_non_null(f.s->probe_state[0]);
	c = fx_collect(&f, "oval:t:obj:2");
	assert_int_equal(c->flag, OVAL_FLAG_NOT_APPLICABLE);
	fx_free(&f);
}

/* 6000 objects against a 2000-package database must take milliseconds:
 * the database is parsed once and each equals is an indexed lookup. */
static void
test_probe_dpkginfo__many_lookups(void **state)
{
	struct fx f;
	struct ks_buf st, ob;
	double t0, dt;

	(void)state;
	ks_buf_init(&st, 0);
	ks_buf_init(&ob, 0);
	for (int i = 0; i < 2000; i++)
		ks_buf_printf(&st, "Package: pkg%04d\nStatus: install ok "
		    "installed\nArchitecture: amd64\nVersion: 1.%d-%d\n\n", i,
		    i, i % 7);
	for (int i = 0; i < 6000; i++)
		ks_buf_printf(&ob, "<dpkginfo_object id=\"oval:t:obj:%d\" "
		    "version=\"1\" " FX_LINUX "><name>pkg%04d</name>"
		    "</dpkginfo_object>", i + 1, (i * 7) % 2500);
	fx_root(&f);
	fx_file(&f, "/var/lib/dpkg/status", st.data);
	fx_load(&f, ob.data, NULL);
	t0 = ks_time_mono();
	for (uint32_t i = 0; i < f.d->nobjects; i++) {
		const struct oval_probe *p = oval_probe_find("linux",
		    "dpkginfo_object");

		assert_int_equal(p->collect(f.s, &f.d->objects[i],
		    &f.s->sc.objs[i]), 0);
		assert_true(f.s->sc.objs[i].flag == OVAL_FLAG_COMPLETE ||
		    f.s->sc.objs[i].flag == OVAL_FLAG_DOES_NOT_EXIST);
	}
	dt = ks_time_mono() - t0;
	/* Generous for ASan builds; an unsanitised build takes a few ms. */
	fprintf(stderr, "6000 dpkginfo objects: %.1f ms\n", dt * 1000);
	assert_true(dt < 2.0);
	ks_buf_free(&st);
	ks_buf_free(&ob);
	fx_free(&f);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_probe_dpkginfo__equals),
		cmocka_unit_test(test_probe_dpkginfo__no_epoch),
		cmocka_unit_test(test_probe_dpkginfo__not_equal),
		cmocka_unit_test(test_probe_dpkginfo__pattern_match),
		cmocka_unit_test(test_probe_dpkginfo__case_insensitive),
		cmocka_unit_test(test_probe_dpkginfo__multiarch),
		cmocka_unit_test(test_probe_dpkginfo__var_ref),
		cmocka_unit_test(test_probe_dpkginfo__missing_package),
		cmocka_unit_test(test_probe_dpkginfo__no_database),
		cmocka_unit_test(test_probe_dpkginfo__many_lookups),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
