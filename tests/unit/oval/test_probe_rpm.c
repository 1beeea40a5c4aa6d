/*
 * Tests of the rpm collectors (oval/probe_rpm.c) on a real rpm database
 * built by tests/e2e/fixtures/mkrpmroot.sh (once for the program):
 * rpminfo_object with every kind of name selection and the filepaths
 * behavior, rpmverifyfile_object against the fixture's altered files, and
 * rpmverifypackage_object; a root without rpm. rpmverifypackage's
 * dependency check runs on a second database built here (DEPS_SH): packages
 * whose Requires another package's Provides, a file or an rpmlib()
 * capability satisfy, installed without --nodeps (so rpm itself agreed),
 * and three installed with --nodeps whose Requires are missing. Without
 * rpmbuild the tests fail.
 */
#include "test_probe_fixture.h"

static char rroot[64];
static char droot[64];
static char keyid[32];

/* sh -c DEPS_SH sh ROOT: six noarch packages into ROOT/var/lib/rpm. */
static const char DEPS_SH[] =
    "set -eu; R=$1; W=$(mktemp -d); trap 'rm -rf \"$W\"' EXIT; "
    "export HOME=$W; mkdir -p \"$W/top/SPECS\" \"$R/var/lib/rpm\"; "
    "mk() { printf '%s\\n' \"Name: $1\" 'Version: 1.0' 'Release: 1' "
    "'Summary: s' 'License: MIT' 'BuildArch: noarch' \"$2\" "
    "'%description' d '%install' "
    "\"mkdir -p %{buildroot}/usr/share/kd/$1\" "
    "\"echo $1 >%{buildroot}/usr/share/kd/$1/file\" '%files' "
    "\"/usr/share/kd/$1/file\" >\"$W/top/SPECS/$1.spec\"; "
    "rpmbuild -bb --quiet --define \"_topdir $W/top\" "
    "--define '_build_id_links none' --define 'debug_package %{nil}' "
    "--define '__os_install_post %{nil}' \"$W/top/SPECS/$1.spec\"; }; "
    "mk provider 'Provides: kensa-cap = 2.0'; "
    "mk needcap 'Requires: kensa-cap >= 1.0'; "
    "mk needfile 'Requires: /usr/share/kd/provider/file'; "
    "mk needlib 'Requires: rpmlib(CompressedFileNames) <= 3.0.4-1'; "
    "mk missing 'Requires: kensa-missing'; "
    "mk oldcap 'Requires: kensa-cap >= 3.0'; "
    "mk nolib 'Requires: rpmlib(KensaNoSuchFeature)'; "
    "N=$W/top/RPMS/noarch; "
    "rpm --root \"$R\" --dbpath /var/lib/rpm -i --justdb --nosignature "
    "\"$N\"/provider-* \"$N\"/needcap-* \"$N\"/needfile-* "
    "\"$N\"/needlib-*; "
    "! rpm --root \"$R\" --dbpath /var/lib/rpm -i --justdb --test "
    "--nosignature \"$N\"/missing-*; "
    "rpm --root \"$R\" --dbpath /var/lib/rpm -i --justdb --nodeps "
    "--nosignature \"$N\"/missing-* \"$N\"/oldcap-* \"$N\"/nolib-*";

static int
group_setup(void **state)
{
	char cmd[512], path[128];
	FILE *fp;

	(void)state;
	snprintf(rroot, sizeof(rroot), "/tmp/kensa-rpmroot-XXXXXX");
	if (mkdtemp(rroot) == NULL)
		return -1;
	snprintf(cmd, sizeof(cmd), "sh %s/tests/e2e/fixtures/mkrpmroot.sh "
	    "%s >/dev/null 2>&1", KS_SRCDIR, rroot);
	if (system(cmd) != 0) {
		fprintf(stderr, "mkrpmroot.sh failed (rpm, rpmbuild, rpmsign "
		    "and gpg are required)\n");
		return -1;
	}
	snprintf(path, sizeof(path), "%s/.fixture/keyid", rroot);
	if ((fp = fopen(path, "r")) == NULL ||
	    fgets(keyid, sizeof(keyid), fp) == NULL)
		return -1;
	fclose(fp);
	keyid[strcspn(keyid, "\n")] = '\0';
	snprintf(droot, sizeof(droot), "/tmp/kensa-rpmdeps-XXXXXX");
	if (mkdtemp(droot) == NULL)
		return -1;
	snprintf(cmd, sizeof(cmd), "sh -c \"$KS_DEPS_SH\" sh %s "
	    ">/dev/null 2>&1", droot);
	if (setenv("KS_DEPS_SH", DEPS_SH, 1) != 0 || system(cmd) != 0) {
		fprintf(stderr, "building the dependency fixture failed\n");
		return -1;
	}
	return 0;
}

static int
group_teardown(void **state)
{
	(void)state;
	if (rroot[0] != '\0')
		test_tmp_rm(rroot);
	if (droot[0] != '\0')
		test_tmp_rm(droot);
	return 0;
}

/* A session on the shared rpm root (fx_free must not delete it). */
static void
setup_rpm(struct fx *f, const char *objs, const char *vars)
{
	memset(f, 0, sizeof(*f));
	assert_int_equal(plat_target_root_new(&f->t, rroot), 0);
	fx_load(f, objs, vars);
}

#define INFO(n, body) \
    "<rpminfo_object id=\"oval:t:obj:" #n "\" version=\"1\" " FX_LINUX ">" \
    body "</rpminfo_object>"
#define VFILE(n, body) \
    "<rpmverifyfile_object id=\"oval:t:obj:" #n "\" version=\"1\" " \
    FX_LINUX ">" body "</rpmverifyfile_object>"
#define VPKG(n, body) \
    "<rpmverifypackage_object id=\"oval:t:obj:" #n "\" version=\"1\" " \
    FX_LINUX ">" body "</rpmverifypackage_object>"
#define ANY "<epoch operation=\"pattern match\"/>" \
    "<version operation=\"pattern match\"/>" \
    "<release operation=\"pattern match\"/>" \
    "<arch operation=\"pattern match\"/>"

static const char *const objs =
    INFO(1, "<name>git</name>")
    INFO(2, "<name operation=\"pattern match\">^git</name>")
    INFO(3, "<name operation=\"not equal\">git</name>")
    INFO(4, "<name>multi</name>")
    INFO(5, "<name var_ref=\"oval:t:var:1\" var_check=\"at least one\"/>")
    INFO(6, "<name>no-such-package</name>")
    INFO(7, "<behaviors filepaths=\"true\"/><name>alpha</name>")
    INFO(8, "<name>epochpkg</name>")
    INFO(9, "<name>gitk</name>")
    VFILE(20, "<name operation=\"pattern match\"/>" ANY
	"<filepath>/etc/redhat-release</filepath>")
    VFILE(21, "<name>alpha</name>" ANY
	"<filepath operation=\"pattern match\">^/usr/share/alpha/</filepath>")
    VFILE(22, "<behaviors noconfigfiles=\"true\" noghostfiles=\"true\" "
	"nosize=\"true\"/><name>alpha</name>" ANY
	"<filepath operation=\"pattern match\">.</filepath>")
    VFILE(23, "<name>git</name>" ANY
	"<filepath operation=\"pattern match\">.</filepath>")
    VPKG(30, "<name operation=\"pattern match\">^multi$</name>"
	"<epoch operation=\"pattern match\"/>"
	"<version operation=\"pattern match\">^2</version>"
	"<release operation=\"pattern match\"/>"
	"<arch operation=\"pattern match\"/>")
    VPKG(31, "<behaviors nodeps=\"true\" noscripts=\"true\"/>"
	"<name>epochpkg</name><epoch>1</epoch>"
	"<version operation=\"pattern match\"/>"
	"<release operation=\"pattern match\"/>"
	"<arch operation=\"pattern match\"/>");

static const char *const vars =
    "<constant_variable id=\"oval:t:var:1\" version=\"1\" comment=\"c\" "
    "datatype=\"string\"><value>gitk</value><value>perl-Git</value>"
    "<value>not-installed</value></constant_variable>";

static bool
has(struct fx *f, const struct oval_collected *c, const char *ent,
    const char *val)
{
	for (uint32_t i = 0; i < c->nitems; i++)
		if (strcmp(fx_val(fx_item(f, c, i), ent, 0), val) == 0)
			return true;
	return false;
}

static void
test_probe_rpm__rpminfo_equals(void **state)
{
	struct fx f;
	struct oval_collected *c;
	const struct oval_item *it;

	(void)state;
	setup_rpm(&f, objs, vars);
	c = fx_collect(&f, "oval:t:obj:1");
	assert_int_equal(c->flag, OVAL_FLAG_COMPLETE);
	assert_int_equal(c->nitems, 1);
	it = fx_item(&f, c, 0);
	/* linux-system-characteristics-schema rpminfo_item order. */
	assert_string_equal(fx_order(it), "name,arch,epoch,release,version,"
	    "evr,signature_keyid,extended_name");
	assert_string_equal(fx_val(it, "arch", 0), "x86_64");
	/* "For a null epoch ... the string '(none)' should be used." */
	assert_string_equal(fx_val(it, "epoch", 0), "(none)");
	assert_string_equal(fx_val(it, "version", 0), "2.18.2");
	assert_string_equal(fx_val(it, "release", 0), "1.el8");
	/* evr: "a null epoch ... is equivalent to '0' and would hence have
	 * the form 0:VERSION-RELEASE", datatype evr_string. */
	assert_string_equal(fx_val(it, "evr", 0), "0:2.18.2-1.el8");
	assert_int_equal(fx_ent(it, "evr", 0)->dt, OVAL_DT_EVR_STRING);
	assert_string_equal(fx_val(it, "signature_keyid", 0), keyid);
	assert_string_equal(fx_val(it, "extended_name", 0),
	    "git-0:2.18.2-1.el8.x86_64");
	fx_free(&f);
}

static void
test_probe_rpm__rpminfo_operations(void **state)
{
	struct fx f;
	struct oval_collected *c;

	(void)state;
	setup_rpm(&f, objs, vars);
	c = fx_collect(&f, "oval:t:obj:2");
	assert_int_equal(c->nitems, 2);		/* git, gitk */
	assert_true(has(&f, c, "name", "git") && has(&f, c, "name", "gitk"));
	c = fx_collect(&f, "oval:t:obj:3");
	assert_int_equal(c->nitems, 9);		/* 10 headers but git */
	assert_false(has(&f, c, "name", "git"));
	c = fx_collect(&f, "oval:t:obj:5");
	assert_int_equal(c->nitems, 2);
	assert_true(has(&f, c, "name", "gitk"));
	assert_true(has(&f, c, "name", "perl-Git"));
	c = fx_collect(&f, "oval:t:obj:6");
	assert_int_equal(c->flag, OVAL_FLAG_DOES_NOT_EXIST);
	assert_int_equal(c->nitems, 0);
	fx_free(&f);
}

static void
test_probe_rpm__rpminfo_versions(void **state)
{
	struct fx f;
	struct oval_collected *c;

	(void)state;
	setup_rpm(&f, objs, vars);
	c = fx_collect(&f, "oval:t:obj:4");
	assert_int_equal(c->nitems, 2);
	assert_true(has(&f, c, "evr", "0:1.0-1"));
	assert_true(has(&f, c, "evr", "0:2.0-1"));
	c = fx_collect(&f, "oval:t:obj:8");
	assert_int_equal(c->nitems, 1);
	assert_string_equal(fx_val(fx_item(&f, c, 0), "epoch", 0), "1");
	assert_string_equal(fx_val(fx_item(&f, c, 0), "evr", 0), "1:2.0-1");
	assert_string_equal(fx_val(fx_item(&f, c, 0), "extended_name", 0),
	    "epochpkg-1:2.0-1.noarch");
	fx_free(&f);
}

static void
test_probe_rpm__rpminfo_unsigned(void **state)
{
	struct fx f;
	struct oval_collected *c;
	const struct oval_item_ent *e;

	(void)state;
	setup_rpm(&f, objs, vars);
	c = fx_collect(&f, "oval:t:obj:9");
	assert_int_equal(c->nitems, 1);
	e = fx_ent(fx_item(&f, c, 0), "signature_keyid", 0);
	assert_non_null(e);
	assert_int_equal(e->status, OVAL_ST_DOES_NOT_EXIST);
	fx_free(&f);
}

static void
test_probe_rpm__rpminfo_filepaths(void **state)
{
	struct fx f;
	struct oval_collected *c;
	const struct oval_item *it;

	(void)state;
	setup_rpm(&f, objs, vars);
	c = fx_collect(&f, "oval:t:obj:7");
	assert_int_equal(c->nitems, 1);
	it = fx_item(&f, c, 0);
	assert_int_equal(fx_count(it, "filepath"), 9);
	/* Without the behavior: none (obj 1 checked the full order). */
	assert_int_equal(fx_count(fx_item(&f, fx_collect(&f, "oval:t:obj:1"),
	    0), "filepath"), 0);
	fx_free(&f);
}

static const struct oval_item *
item_for(struct fx *f, const struct oval_collected *c, const char *path)
{
	for (uint32_t i = 0; i < c->nitems; i++)
		if (strcmp(fx_val(fx_item(f, c, i), "filepath", 0), path) == 0)
			return fx_item(f, c, i);
	fail_msg("no item for %s", path);
	return NULL;
}

static void
test_probe_rpm__verifyfile_redhat_release(void **state)
{
	struct fx f;
	struct oval_collected *c;
	const struct oval_item *it;

	(void)state;
	setup_rpm(&f, objs, vars);
	c = fx_collect(&f, "oval:t:obj:20");
	assert_int_equal(c->flag, OVAL_FLAG_COMPLETE);
	assert_int_equal(c->nitems, 1);
	it = fx_item(&f, c, 0);
	assert_string_equal(fx_order(it), "name,epoch,version,release,arch,"
	    "filepath,extended_name,size_differs,mode_differs,md5_differs,"
	    "filedigest_differs,device_differs,link_mismatch,"
	    "ownership_differs,group_differs,mtime_differs,"
	    "capabilities_differ,configuration_file,documentation_file,"
	    "ghost_file,license_file,readme_file");
	assert_string_equal(fx_val(it, "name", 0), "redhat-release");
	assert_string_equal(fx_val(it, "version", 0), "8.2");
	/* Unpacked unchanged: every performed check passes. */
	assert_string_equal(fx_val(it, "size_differs", 0), "pass");
	assert_string_equal(fx_val(it, "filedigest_differs", 0), "pass");
	assert_string_equal(fx_val(it, "mode_differs", 0), "pass");
	/* The root has no /etc/passwd: uid 0 has no name there. */
	assert_string_equal(fx_val(it, "ownership_differs", 0), "fail");
	fx_free(&f);
}

static void
test_probe_rpm__verifyfile_changes(void **state)
{
	struct fx f;
	struct oval_collected *c;
	const struct oval_item *it;

	(void)state;
	setup_rpm(&f, objs, vars);
	c = fx_collect(&f, "oval:t:obj:21");
	/* data.txt, mode.txt, link; not the directory itself. */
	assert_int_equal(c->nitems, 3);
	it = item_for(&f, c, "/usr/share/alpha/data.txt");
	/* Same size, other bytes: only the digest differs. */
	assert_string_equal(fx_val(it, "size_differs", 0), "pass");
	assert_string_equal(fx_val(it, "filedigest_differs", 0), "fail");
	assert_string_equal(fx_val(it, "md5_differs", 0), "fail");
	assert_string_equal(fx_val(it, "mode_differs", 0), "pass");
	assert_string_equal(fx_val(it, "link_mismatch", 0), "not performed");
	it = item_for(&f, c, "/usr/share/alpha/mode.txt");
	assert_string_equal(fx_val(it, "mode_differs", 0), "fail");
	assert_string_equal(fx_val(it, "filedigest_differs", 0), "pass");
	it = item_for(&f, c, "/usr/share/alpha/link");
	assert_string_equal(fx_val(it, "link_mismatch", 0), "pass");
	assert_string_equal(fx_val(it, "size_differs", 0), "not performed");
	fx_free(&f);
}

static void
test_probe_rpm__verifyfile_behaviors(void **state)
{
	struct fx f;
	struct oval_collected *c;
	const struct oval_item *it;

	(void)state;
	setup_rpm(&f, objs, vars);
	c = fx_collect(&f, "oval:t:obj:22");
	/* 9 files less %config and %ghost. */
	assert_int_equal(c->nitems, 7);
	for (uint32_t i = 0; i < c->nitems; i++) {
		it = fx_item(&f, c, i);
		assert_string_equal(fx_val(it, "configuration_file", 0),
		    "false");
		assert_string_equal(fx_val(it, "ghost_file", 0), "false");
		assert_string_equal(fx_val(it, "size_differs", 0),
		    "not performed");
	}
	it = item_for(&f, c, "/usr/share/doc/alpha/README");
	assert_string_equal(fx_val(it, "documentation_file", 0), "true");
	it = item_for(&f, c, "/usr/share/licenses/alpha/COPYING");
	assert_string_equal(fx_val(it, "license_file", 0), "true");
	fx_free(&f);
}

static void
test_probe_rpm__verifyfile_missing(void **state)
{
	struct fx f;
	struct oval_collected *c;
	const struct oval_item *it;

	(void)state;
	setup_rpm(&f, objs, vars);
	/* git's files are only in the database (--justdb). */
	c = fx_collect(&f, "oval:t:obj:23");
	assert_int_equal(c->nitems, 1);
	it = fx_item(&f, c, 0);
	assert_string_equal(fx_val(it, "size_differs", 0), "not performed");
	assert_string_equal(fx_val(it, "filedigest_differs", 0),
	    "not performed");
	assert_int_equal(it->nmsgs, 1);
	assert_non_null(strstr(it->msgs[0].text, "missing"));
	fx_free(&f);
}

static void
test_probe_rpm__verifypackage(void **state)
{
	struct fx f;
	struct oval_collected *c;
	const struct oval_item *it;

	(void)state;
	setup_rpm(&f, objs, vars);
	c = fx_collect(&f, "oval:t:obj:30");
	assert_int_equal(c->nitems, 1);
	it = fx_item(&f, c, 0);
	assert_string_equal(fx_val(it, "version", 0), "2.0");
	assert_string_equal(fx_order(it), "name,epoch,version,release,arch,"
	    "extended_name,dependency_check_passed,"
	    "verification_script_successful");
	/* multi needs only rpmlib() capabilities (rpmbuild's own). */
	assert_string_equal(fx_val(it, "dependency_check_passed", 0), "true");
	/* Never run: the entity says so. */
	assert_int_equal(fx_ent(it, "verification_script_successful",
	    0)->status, OVAL_ST_NOT_COLLECTED);
	/* nodeps / noscripts: "this entity must not be collected". */
	c = fx_collect(&f, "oval:t:obj:31");
	assert_int_equal(c->nitems, 1);
	it = fx_item(&f, c, 0);
	assert_string_equal(fx_order(it), "name,epoch,version,release,arch,"
	    "extended_name");
	assert_string_equal(fx_val(it, "epoch", 0), "1");
	fx_free(&f);
}

#define VDEP(n, behaviors, name) \
    VPKG(n, behaviors "<name>" name "</name>" ANY)

static const char *const deps_objs =
    VDEP(40, "", "provider")
    VDEP(41, "", "needcap")
    VDEP(42, "", "needfile")
    VDEP(43, "", "needlib")
    VDEP(44, "", "missing")
    VDEP(45, "", "oldcap")
    VDEP(46, "", "nolib")
    VDEP(47, "<behaviors nodeps=\"true\"/>", "missing")
    VDEP(48, "<behaviors noscripts=\"true\"/>", "missing");

/* The dependency_check_passed value of object n's one item. */
static const char *
deps_of(struct fx *f, const char *id)
{
	struct oval_collected *c = fx_collect(f, id);

	assert_int_equal(c->flag, OVAL_FLAG_COMPLETE);
	assert_int_equal(c->nitems, 1);
	return fx_val(fx_item(f, c, 0), "dependency_check_passed", 0);
}

/*
 * dependency_check_passed: "indicates whether or not the dependency check
 * passed. If the dependency check fails, this entity will be false"
 * (linux-system-characteristics-schema rpmverifypackage_item), as rpm -V
 * checks: Requires met by a Provides, a file of another package or an
 * rpmlib() capability pass; a missing name, a too old version or an
 * unknown rpmlib() feature fail.
 */
static void
test_probe_rpm__verifypackage_deps(void **state)
{
	struct fx f;
	struct oval_collected *c;
	const struct oval_item *it;

	(void)state;
	memset(&f, 0, sizeof(f));
	assert_int_equal(plat_target_root_new(&f.t, droot), 0);
	fx_load(&f, deps_objs, NULL);
	assert_string_equal(deps_of(&f, "oval:t:obj:40"), "true");
	assert_string_equal(deps_of(&f, "oval:t:obj:41"), "true");
	assert_string_equal(deps_of(&f, "oval:t:obj:42"), "true");
	assert_string_equal(deps_of(&f, "oval:t:obj:43"), "true");
	assert_string_equal(deps_of(&f, "oval:t:obj:44"), "false");
	assert_string_equal(deps_of(&f, "oval:t:obj:45"), "false");
	assert_string_equal(deps_of(&f, "oval:t:obj:46"), "false");
	/* The failing item says what rpm found unsatisfied. */
	c = fx_collect(&f, "oval:t:obj:44");
	it = fx_item(&f, c, 0);
	assert_int_equal(it->nmsgs, 2);
	assert_non_null(strstr(it->msgs[0].text, "kensa-missing"));
	c = fx_collect(&f, "oval:t:obj:45");
	it = fx_item(&f, c, 0);
	assert_non_null(strstr(it->msgs[0].text, "kensa-cap >= 3.0"));
	/* "If the dependency check is not performed, due to the 'nodeps'
	 * behavior, this entity must not be collected." */
	c = fx_collect(&f, "oval:t:obj:47");
	assert_int_equal(c->nitems, 1);
	assert_null(fx_ent(fx_item(&f, c, 0), "dependency_check_passed", 0));
	assert_string_equal(fx_order(fx_item(&f, c, 0)), "name,epoch,version,"
	    "release,arch,extended_name,verification_script_successful");
	/* noscripts alone still checks (a cached answer, same value). */
	assert_string_equal(deps_of(&f, "oval:t:obj:48"), "false");
	fx_free(&f);
}

static void
test_probe_rpm__no_database(void **state)
{
	struct fx f;
	struct oval_collected *c;

	(void)state;
	fx_root(&f);
	fx_load(&f, objs, vars);
	c = fx_collect(&f, "oval:t:obj:1");
	assert_int_equal(c->flag, OVAL_FLAG_NOT_APPLICABLE);
	assert_true(fx_msg_has(c, "no rpm database"));
	c = fx_collect(&f, "oval:t:obj:20");
	assert_int_equal(c->flag, OVAL_FLAG_NOT_APPLICABLE);
	fx_free(&f);
}

/* Many objects, one database open: lookups are queries. */
static void
test_probe_rpm__one_open(void **state)
{
	struct fx f;
	double t0, dt;

	(void)state;
	setup_rpm(&f, objs, vars);
	(void)fx_collect(&f, "oval:t:obj:1");
	t0 = ks_time_mono();
	for (int i = 0; i < 2000; i++)
		(void)fx_collect(&f, "oval:t:obj:1");
	dt = ks_time_mono() - t0;
	/* A reopen costs milliseconds each; 2000 would take seconds. */
	assert_true(dt < 1.0);
	fx_free(&f);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_probe_rpm__rpminfo_equals),
		cmocka_unit_test(test_probe_rpm__rpminfo_operations),
		cmocka_unit_test(test_probe_rpm__rpminfo_versions),
		cmocka_unit_test(test_probe_rpm__rpminfo_unsigned),
		cmocka_unit_test(test_probe_rpm__rpminfo_filepaths),
		cmocka_unit_test(test_probe_rpm__verifyfile_redhat_release),
		cmocka_unit_test(test_probe_rpm__verifyfile_changes),
		cmocka_unit_test(test_probe_rpm__verifyfile_behaviors),
		cmocka_unit_test(test_probe_rpm__verifyfile_missing),
		cmocka_unit_test(test_probe_rpm__verifypackage),
		cmocka_unit_test(test_probe_rpm__verifypackage_deps),
		cmocka_unit_test(test_probe_rpm__no_database),
		cmocka_unit_test(test_probe_rpm__one_open),
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
