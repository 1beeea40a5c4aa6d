/*
 * Tests of the rpm package-database back-end (platform/pkgdb_rpm.c) on a
 * real rpm database that tests/e2e/fixtures/mkrpmroot.sh builds with
 * rpmbuild and rpm --justdb: epochs, two versions of one name, two arches
 * of one name, signed and unsigned packages, recorded file attributes. The
 * fixture is built once for the program; without rpmbuild the tests fail.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "platform/platform.h"
#include "tests/unit/test_tmp.h"

static char root[64];
static char keyid[32];


static int
group_setup(void **state)
{
	char cmd[512], path[128];
	FILE *fp;

	(void)state;
	snprintf(root, sizeof(root), "/tmp/kensa-rpmroot-XXXXXX");
	if (mkdtemp(root) == NULL)
		return -1;
	snprintf(cmd, sizeof(cmd), "sh %s/tests/e2e/fixtures/mkrpmroot.sh "
	    "%s >/dev/null 2>&1", KS_SRCDIR, root);
	if (system(cmd) != 0) {
		fprintf(stderr, "mkrpmroot.sh failed (rpm, rpmbuild, rpmsign "
		    "and gpg are required)\n");
		return -1;
	}
	snprintf(path, sizeof(path), "%s/.fixture/keyid", root);
	if ((fp = fopen(path, "r")) == NULL ||
	    fgets(keyid, sizeof(keyid), fp) == NULL)
		return -1;
	fclose(fp);
	keyid[strcspn(keyid, "\n")] = '\0';
	return 0;
}

static int
group_teardown(void **state)
{
	(void)state;
	if (root[0] != '\0')
		(void)test_tmp_rm(root);
	return 0;
}

struct seen {
	const struct plat_pkg	*p[8];
	int			 n;
};

static int
collect_cb(const struct plat_pkg *p, void *payload)
{
	struct seen *s = payload;

	if (s->n < 8)
		s->p[s->n] = p;
	s->n++;
	return 0;
}

static struct plat_pkgdb *
open_fixture(struct plat_target **t)
{
	struct plat_pkgdb *db = NULL;

	assert_int_equal(plat_target_root_new(t, root), 0);
	assert_int_equal(plat_pkgdb_open(&db, *t, "rpm"), 0);
	return db;
}

static void
test_pkgdb_rpm__fields(void **state)
{
	struct plat_target *t;
	struct plat_pkgdb *db = open_fixture(&t);
	struct seen s = { .n = 0 };

	(void)state;
	/* 10 headers: multi and libfoo twice each. */
	assert_int_equal(plat_pkgdb_count(db), 10);
	assert_int_equal(plat_pkgdb_lookup(db, "git", collect_cb, &s), 0);
	assert_int_equal(s.n, 1);
	assert_string_equal(s.p[0]->name, "git");
	assert_null(s.p[0]->epoch);		/* no Epoch: tag */
	assert_string_equal(s.p[0]->version, "2.18.2");
	assert_string_equal(s.p[0]->release, "1.el8");
	assert_string_equal(s.p[0]->arch, "x86_64");
	assert_string_equal(s.p[0]->evr, "0:2.18.2-1.el8");
	assert_string_equal(s.p[0]->extended_name,
	    "git-0:2.18.2-1.el8.x86_64");
	assert_string_equal(s.p[0]->signature_keyid, keyid);
	assert_int_equal(s.p[0]->deps_ok, -1);
	plat_pkgdb_free(db);
	plat_target_free(t);
}

static void
test_pkgdb_rpm__epoch(void **state)
{
	struct plat_target *t;
	struct plat_pkgdb *db = open_fixture(&t);
	struct seen s = { .n = 0 };

	(void)state;
	assert_int_equal(plat_pkgdb_lookup(db, "epochpkg", collect_cb, &s), 0);
	assert_int_equal(s.n, 1);
	assert_string_equal(s.p[0]->epoch, "1");
	assert_string_equal(s.p[0]->evr, "1:2.0-1");
	assert_string_equal(s.p[0]->extended_name, "epochpkg-1:2.0-1.noarch");
	plat_pkgdb_free(db);
	plat_target_free(t);
}

static void
test_pkgdb_rpm__versions_and_arches(void **state)
{
	struct plat_target *t;
	struct plat_pkgdb *db = open_fixture(&t);
	struct seen s = { .n = 0 }, a = { .n = 0 }, none = { .n = 0 };
	bool v1 = false, v2 = false, i686 = false, x64 = false;

	(void)state;
	assert_int_equal(plat_pkgdb_lookup(db, "multi", collect_cb, &s), 0);
	assert_int_equal(s.n, 2);
	for (int i = 0; i < 2; i++) {
		v1 = v1 || strcmp(s.p[i]->evr, "0:1.0-1") == 0;
		v2 = v2 || strcmp(s.p[i]->evr, "0:2.0-1") == 0;
	}
	assert_true(v1 && v2);
	assert_int_equal(plat_pkgdb_lookup(db, "libfoo", collect_cb, &a), 0);
	assert_int_equal(a.n, 2);
	for (int i = 0; i < 2; i++) {
		i686 = i686 || strcmp(a.p[i]->arch, "i686") == 0;
		x64 = x64 || strcmp(a.p[i]->arch, "x86_64") == 0;
	}
	assert_true(i686 && x64);
	assert_int_equal(plat_pkgdb_lookup(db, "no-such", collect_cb, &none),
	    0);
	assert_int_equal(none.n, 0);
	plat_pkgdb_free(db);
	plat_target_free(t);
}

static void
test_pkgdb_rpm__unsigned(void **state)
{
	struct plat_target *t;
	struct plat_pkgdb *db = open_fixture(&t);
	struct seen s = { .n = 0 };

	(void)state;
	assert_int_equal(plat_pkgdb_lookup(db, "gitk", collect_cb, &s), 0);
	assert_int_equal(s.n, 1);
	assert_null(s.p[0]->signature_keyid);
	plat_pkgdb_free(db);
	plat_target_free(t);
}

static const struct plat_pkg_file *
find_file(const struct plat_pkg *p, const char *path)
{
	for (size_t i = 0; i < p->nfiles; i++)
		if (strcmp(p->files[i].path, path) == 0)
			return &p->files[i];
	return NULL;
}

static void
test_pkgdb_rpm__files(void **state)
{
	struct plat_target *t;
	struct plat_pkgdb *db = open_fixture(&t);
	struct seen s = { .n = 0 };
	const struct plat_pkg_file *f;

	(void)state;
	assert_int_equal(plat_pkgdb_lookup(db, "alpha", collect_cb, &s), 0);
	assert_int_equal(s.n, 1);
	assert_int_equal(s.p[0]->nfiles, 9);
	f = find_file(s.p[0], "/usr/share/alpha/data.txt");
	assert_non_null(f);
	assert_int_equal(f->size, 21);	/* "alpha data, original\n" */
	assert_true(S_ISREG(f->mode));
	assert_int_equal(f->mode & 07777, 0644);
	assert_string_equal(f->user, "root");
	assert_string_equal(f->group, "root");
	assert_int_equal(f->digest_algo, 8);	/* sha256 */
	assert_int_equal(strlen(f->digest), 64);
	assert_null(f->linkto);
	assert_int_equal(f->flags, 0);
	assert_true(f->verify & PLAT_PKGV_DIGEST);
	f = find_file(s.p[0], "/usr/share/alpha/link");
	assert_non_null(f);
	assert_true(S_ISLNK(f->mode));
	assert_string_equal(f->linkto, "data.txt");
	assert_null(f->digest);
	f = find_file(s.p[0], "/usr/share/alpha");
	assert_non_null(f);
	assert_true(S_ISDIR(f->mode));
	assert_true(find_file(s.p[0], "/etc/alpha.conf")->flags &
	    PLAT_PKGF_CONFIG);
	assert_true(find_file(s.p[0], "/usr/share/doc/alpha/README")->flags &
	    PLAT_PKGF_DOC);
	assert_true(find_file(s.p[0],
	    "/usr/share/licenses/alpha/COPYING")->flags & PLAT_PKGF_LICENSE);
	f = find_file(s.p[0], "/var/log/alpha.log");
	assert_true(f->flags & PLAT_PKGF_GHOST);
	/* rpm does not verify a ghost's digest. */
	assert_false(f->verify & PLAT_PKGV_DIGEST);
	plat_pkgdb_free(db);
	plat_target_free(t);
}

static int
name_order_cb(const struct plat_pkg *p, void *payload)
{
	const char **last = payload;

	assert_true(*last == NULL || strcmp(*last, p->name) <= 0);
	*last = p->name;
	return 0;
}

static void
test_pkgdb_rpm__foreach_sorted(void **state)
{
	struct plat_target *t;
	struct plat_pkgdb *db = open_fixture(&t);
	const char *last = NULL;

	(void)state;
	assert_int_equal(plat_pkgdb_foreach(db, name_order_cb, &last), 0);
	assert_string_equal(last, "redhat-release");
	plat_pkgdb_free(db);
	plat_target_free(t);
}

/* A root without any rpm database: KS_ENOTFOUND, and never the host's. */
static void
test_pkgdb_rpm__no_database(void **state)
{
	char dir[64];
	struct plat_target *t;
	struct plat_pkgdb *db = NULL;

	(void)state;
	snprintf(dir, sizeof(dir), "/tmp/kensa-norpm-XXXXXX");
	assert_non_null(mkdtemp(dir));
	assert_int_equal(plat_target_root_new(&t, dir), 0);
	assert_int_equal(plat_pkgdb_open(&db, t, "rpm"), KS_ENOTFOUND);
	assert_null(db);
	assert_non_null(strstr(ks_error_msg(), "no rpm database"));
	plat_target_free(t);
	assert_int_equal(rmdir(dir), 0);
}

/* A database file that is not one: an error with a message, not a crash. */
static void
test_pkgdb_rpm__corrupt(void **state)
{
	char dir[64], p[128];
	struct plat_target *t;
	struct plat_pkgdb *db = NULL;
	FILE *fp;
	int rc;

	(void)state;
	snprintf(dir, sizeof(dir), "/tmp/kensa-badrpm-XXXXXX");
	assert_non_null(test_tmp_dir(dir));
	snprintf(p, sizeof(p), "%s/var", dir);
	assert_int_equal(mkdir(p, 0755), 0);
	snprintf(p, sizeof(p), "%s/var/lib", dir);
	assert_int_equal(mkdir(p, 0755), 0);
	snprintf(p, sizeof(p), "%s/var/lib/rpm", dir);
	assert_int_equal(mkdir(p, 0755), 0);
	snprintf(p, sizeof(p), "%s/var/lib/rpm/rpmdb.sqlite", dir);
	assert_non_null(fp = fopen(p, "w"));
	fputs("this is not an sqlite database at all, just text\n", fp);
	fclose(fp);
	assert_int_equal(plat_target_root_new(&t, dir), 0);
	rc = plat_pkgdb_open(&db, t, "rpm");
	assert_true(rc < 0);
	assert_int_not_equal(rc, KS_ENOTFOUND);
	assert_non_null(strstr(ks_error_msg(), "rpm database"));
	plat_target_free(t);
	test_tmp_done(dir);
}

/* The fixture's database as the only file of an in-memory target. */
static struct plat_pkgdb *
open_mem_fixture(struct plat_target **t)
{
	char p[128], *data = NULL;
	size_t len = 0;
	struct plat_pkgdb *db = NULL;

	snprintf(p, sizeof(p), "%s/var/lib/rpm/rpmdb.sqlite", root);
	assert_int_equal(ks_file_read(p, 64u << 20, &data, &len), 0);
	assert_int_equal(plat_target_mem_new(t), 0);
	assert_int_equal(plat_target_mem_add_file(*t,
	    "/var/lib/rpm/rpmdb.sqlite", data, len, 0644), 0);
	free(data);
	assert_int_equal(plat_pkgdb_open(&db, *t, "rpm"), 0);
	return db;
}

/* The same database read from an in-memory target: only the fs is used. */
static void
test_pkgdb_rpm__mem_target(void **state)
{
	struct plat_target *t;
	struct plat_pkgdb *db = open_mem_fixture(&t);
	struct seen s = { .n = 0 };

	(void)state;
	assert_int_equal(plat_pkgdb_count(db), 10);
	assert_int_equal(plat_pkgdb_lookup(db, "perl-Git", collect_cb, &s), 0);
	assert_int_equal(s.n, 1);
	assert_string_equal(s.p[0]->evr, "0:2.18.4-2.el8_2");
	plat_pkgdb_free(db);
	plat_target_free(t);
}

static int
deps_cb(const struct plat_pkg *p, void *payload)
{
	struct plat_pkgdb *db = payload;
	const char *why = "x";

	/* Checked on first need only, then remembered. */
	assert_int_equal(p->deps_ok, -1);
	assert_int_equal(plat_pkgdb_rpm_deps(db, p, &why), 1);
	assert_null(why);
	assert_int_equal(p->deps_ok, 1);
	assert_int_equal(plat_pkgdb_rpm_deps(db, p, NULL), 1);
	return 0;
}

/*
 * rpm -V's dependency check, here on a target whose database is only a
 * file of an in-memory fs: every fixture package requires only rpmlib()
 * capabilities (rpmbuild's own), which librpm provides. The packages that
 * fail are tested in tests/unit/oval/test_probe_rpm.c.
 */
static void
test_pkgdb_rpm__deps(void **state)
{
	static const char status[] =
	    "Package: a\nStatus: install ok installed\nVersion: 1\n\n";
	struct plat_target *t, *ot;
	struct plat_pkgdb *db = open_mem_fixture(&t), *other = NULL;
	struct seen s = { .n = 0 };

	(void)state;
	assert_int_equal(plat_pkgdb_foreach(db, deps_cb, db), 0);
	/* A package of another database is refused, not misread. */
	other = open_fixture(&ot);
	assert_int_equal(plat_pkgdb_lookup(other, "git", collect_cb, &s), 0);
	assert_int_equal(plat_pkgdb_rpm_deps(db, s.p[0], NULL), KS_ERROR);
	assert_non_null(strstr(ks_error_msg(), "not one of this"));
	plat_pkgdb_free(other);
	plat_target_free(ot);
	plat_pkgdb_free(db);
	plat_target_free(t);
	/* dpkg has no such check. */
	assert_int_equal(plat_target_mem_new(&t), 0);
	assert_int_equal(plat_target_mem_add_file(t, "/var/lib/dpkg/status",
	    status, strlen(status), 0644), 0);
	assert_int_equal(plat_pkgdb_open(&db, t, "dpkg"), 0);
	s.n = 0;
	assert_int_equal(plat_pkgdb_lookup(db, "a", collect_cb, &s), 0);
	assert_int_equal(s.n, 1);
	assert_int_equal(plat_pkgdb_rpm_deps(db, s.p[0], NULL),
	    KS_EUNSUPPORTED);
	plat_pkgdb_free(db);
	plat_target_free(t);
}

/* Opening twice gives the same answers (librpm's globals are restored). */
static void
test_pkgdb_rpm__reopen(void **state)
{
	for (int i = 0; i < 3; i++) {
		struct plat_target *t;
		struct plat_pkgdb *db = open_fixture(&t);

		assert_int_equal(plat_pkgdb_count(db), 10);
		plat_pkgdb_free(db);
		plat_target_free(t);
	}
	(void)state;
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pkgdb_rpm__fields),
		cmocka_unit_test(test_pkgdb_rpm__epoch),
		cmocka_unit_test(test_pkgdb_rpm__versions_and_arches),
		cmocka_unit_test(test_pkgdb_rpm__unsigned),
		cmocka_unit_test(test_pkgdb_rpm__files),
		cmocka_unit_test(test_pkgdb_rpm__foreach_sorted),
		cmocka_unit_test(test_pkgdb_rpm__no_database),
		cmocka_unit_test(test_pkgdb_rpm__corrupt),
		cmocka_unit_test(test_pkgdb_rpm__mem_target),
		cmocka_unit_test(test_pkgdb_rpm__reopen),
		cmocka_unit_test(test_pkgdb_rpm__deps),
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
