/*
 * The dpkg back-end: parsing of /var/lib/dpkg/status (which stanzas count as
 * installed, how Version splits into epoch/upstream/revision, Source), the
 * index (lookup, multi-arch, name order) and its caps, on in-memory targets
 * plus one directory root to show the back-end only reads through the fs.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "platform/platform.h"
#include "tests/unit/test_tmp.h"

#define STATUS "/var/lib/dpkg/status"

/* Stanzas as dpkg writes them, plus the odd ones the parser must survive.
 * The last stanza has no trailing newline. */
static const char fixture[] =
	"Package: zlib1g\n"
	"Status: install ok installed\n"
	"Priority: optional\n"
	"Architecture: amd64\n"
	"Multi-Arch: same\n"
	"Source: zlib\n"
	"Version: 1:1.2.13.dfsg-1\n"
	"Description: compression library - runtime\n"
	" zlib is a library implementing the deflate compression method\n"
	" .\n"
	" This package includes the shared library.\n"
	"\n"
	"Package: adduser\n"
	"Status: install ok installed\n"
	"Architecture: all\n"
	"Version: 3.134\n"
	"Description: add and remove users and groups\n"
	"\n"
	"Package: removed-pkg\n"
	"Status: deinstall ok config-files\n"
	"Architecture: amd64\n"
	"Version: 1.0-1\n"
	"\n"
	"Package: purged\n"
	"Status: purge ok not-installed\n"
	"Architecture: amd64\n"
	"\n"
	"Package: half\n"
	"Status: install reinstreq half-installed\n"
	"Version: 2.0-1\n"
	"\n"
	"Package: zlib1g\n"
	"Status: install ok installed\n"
	"Architecture: i386\n"
	"Multi-Arch: same\n"
	"Source: zlib\n"
	"Version: 1:1.2.13.dfsg-1\n"
	"\n"
	"Package: held\n"
	"Status: hold ok installed\n"
	"Architecture: amd64\n"
	"Version: 1.2-3-4\n"
	"\n"
	"Package: libfoo-bin\n"
	"Status: install ok installed\n"
	"Architecture: amd64\n"
	"Source: foo (2.0-1)\n"
	"Version: 2.0-1+b1\n"
	"\n"
	"Package: no-version\n"
	"Status: install ok installed\n"
	"Architecture: amd64\n"
	"\n"
	"Status: install ok installed\n"
	"Version: 1.0\n"
	"\n"
	"\n"
	"Package: bash\n"
	"Status: install ok installed\n"
	"Architecture: amd64\n"
	"Version: 5.2.15-2+b2\n"
	"Depends: base-files (>= 2.1.12), debianutils (>= 5.6-0.1)\n"
	"Conffiles:\n"
	" /etc/bash.bashrc 89269e1298235f1b12b4c16e4065ad0d\n"
	" /etc/skel/.bashrc 0ae3a9ad1ef2bdaea7ee0a24bf4a2ef6\n"
	"Description: GNU Bourne Again SHell\n"
	" Bash is an sh-compatible command language interpreter.\n"
	"\n"
	"package: lowercase-fields\n"
	"status: install ok installed\n"
	"version: 0.9\n"
	"\n"
	"Package: tzdata\n"
	"Status: install ok installed\n"
	"Architecture: all\n"
	"Version: 2024a-0+deb12u1";

struct got {
	char	names[32][32];
	const struct plat_pkg *last;
	int	n;
	int	stop_at;
};

static int
collect(const struct plat_pkg *pkg, void *payload)
{
	struct got *g = payload;

	if (g->n < 32)
		snprintf(g->names[g->n], sizeof(g->names[0]), "%s%s%s",
		    pkg->name, pkg->arch ? ":" : "",
		    pkg->arch ? pkg->arch : "");
	g->last = pkg;
	g->n++;
	return g->n == g->stop_at ? 7 : 0;
}

static struct plat_pkgdb *
open_mem(struct plat_target **tp, const char *data, size_t len)
{
	struct plat_pkgdb *db = NULL;

	assert_int_equal(plat_target_mem_new(tp), 0);
	assert_int_equal(plat_target_mem_add_file(*tp, STATUS, data, len,
	    0644), 0);
	assert_int_equal(plat_pkgdb_open(&db, *tp, "dpkg"), 0);
	return db;
}

static int
setup(void **state)
{
	struct plat_target *t = NULL;
	struct plat_pkgdb *db;
	void **pair = calloc(2, sizeof(void *));

	db = open_mem(&t, fixture, sizeof(fixture) - 1);
	pair[0] = t;
	pair[1] = db;
	*state = pair;
	return 0;
}

static int
teardown(void **state)
{
	void **pair = *state;

	plat_pkgdb_free(pair[1]);
	plat_target_free(pair[0]);
	free(pair);
	return 0;
}

#define DB(state)	((struct plat_pkgdb *)((void **)*(state))[1])

static const struct plat_pkg *
one(struct plat_pkgdb *db, const char *name)
{
	struct got g;

	memset(&g, 0, sizeof(g));
	assert_int_equal(plat_pkgdb_lookup(db, name, collect, &g), 0);
	assert_int_equal(g.n, 1);
	return g.last;
}

static void
test_pkgdb_dpkg__installed_only(void **state)
{
	struct plat_pkgdb *db = DB(state);
	struct got g;

	/* zlib1g x2, adduser, held, libfoo-bin, bash, lowercase-fields,
	 * tzdata; not: config-files, not-installed, half-installed, the
	 * stanzas without Version or Package */
	assert_int_equal(plat_pkgdb_count(db), 8);
	memset(&g, 0, sizeof(g));
	assert_int_equal(plat_pkgdb_lookup(db, "removed-pkg", collect, &g), 0);
	assert_int_equal(plat_pkgdb_lookup(db, "purged", collect, &g), 0);
	assert_int_equal(plat_pkgdb_lookup(db, "half", collect, &g), 0);
	assert_int_equal(plat_pkgdb_lookup(db, "no-version", collect, &g), 0);
	assert_int_equal(g.n, 0);
	/* "hold ok installed" is installed */
	assert_string_equal(one(db, "held")->name, "held");
}

static void
test_pkgdb_dpkg__epoch(void **state)
{
	const struct plat_pkg *p = one(DB(state), "bash");

	assert_string_equal(p->epoch, "0");
	assert_string_equal(p->version, "5.2.15");
	assert_string_equal(p->release, "2+b2");
	assert_string_equal(p->evr, "0:5.2.15-2+b2");
	assert_string_equal(p->full_version, "5.2.15-2+b2");
	assert_string_equal(p->arch, "amd64");
	assert_null(p->source);
}

static void
test_pkgdb_dpkg__explicit_epoch(void **state)
{
	struct got g;

	memset(&g, 0, sizeof(g));
	assert_int_equal(plat_pkgdb_lookup(DB(state), "zlib1g", collect, &g),
	    0);
	assert_int_equal(g.n, 2);
	assert_string_equal(g.last->epoch, "1");
	assert_string_equal(g.last->version, "1.2.13.dfsg");
	assert_string_equal(g.last->release, "1");
	assert_string_equal(g.last->evr, "1:1.2.13.dfsg-1");
	assert_string_equal(g.last->full_version, "1:1.2.13.dfsg-1");
	assert_string_equal(g.last->source, "zlib");
}

static void
test_pkgdb_dpkg__revision_after_last_hyphen(void **state)
{
	const struct plat_pkg *p = one(DB(state), "held");

	assert_string_equal(p->version, "1.2-3");
	assert_string_equal(p->release, "4");
	assert_string_equal(p->evr, "0:1.2-3-4");
	p = one(DB(state), "tzdata");	/* also: no trailing newline */
	assert_string_equal(p->version, "2024a");
	assert_string_equal(p->release, "0+deb12u1");
	assert_string_equal(p->arch, "all");
}

static void
test_pkgdb_dpkg__no_revision(void **state)
{
	const struct plat_pkg *p = one(DB(state), "adduser");

	assert_string_equal(p->epoch, "0");
	assert_string_equal(p->version, "3.134");
	assert_string_equal(p->release, "");
	assert_string_equal(p->evr, "0:3.134");
	assert_string_equal(p->full_version, "3.134");
}

static void
test_pkgdb_dpkg__multiarch_duplicates(void **state)
{
	struct got g;

	memset(&g, 0, sizeof(g));
	assert_int_equal(plat_pkgdb_lookup(DB(state), "zlib1g", collect, &g),
	    0);
	assert_int_equal(g.n, 2);
	/* in file order */
	assert_string_equal(g.names[0], "zlib1g:amd64");
	assert_string_equal(g.names[1], "zlib1g:i386");
}

static void
test_pkgdb_dpkg__source_version_stripped(void **state)
{
	const struct plat_pkg *p = one(DB(state), "libfoo-bin");

	assert_string_equal(p->source, "foo");
	assert_string_equal(p->release, "1+b1");
}

static void
test_pkgdb_dpkg__field_names_case_insensitive(void **state)
{
	const struct plat_pkg *p = one(DB(state), "lowercase-fields");

	assert_string_equal(p->evr, "0:0.9");
	assert_null(p->arch);
}

static void
test_pkgdb_dpkg__lookup_absent(void **state)
{
	struct got g;

	memset(&g, 0, sizeof(g));
	assert_int_equal(plat_pkgdb_lookup(DB(state), "nonexistent", collect,
	    &g), 0);
	assert_int_equal(plat_pkgdb_lookup(DB(state), "", collect, &g), 0);
	assert_int_equal(plat_pkgdb_lookup(DB(state), "zzzz", collect, &g), 0);
	assert_int_equal(plat_pkgdb_lookup(DB(state), "a", collect, &g), 0);
	assert_int_equal(g.n, 0);
}

static void
test_pkgdb_dpkg__foreach_in_name_order(void **state)
{
	static const char *const want[] = {
		"adduser:all", "bash:amd64", "held:amd64", "libfoo-bin:amd64",
		"lowercase-fields", "tzdata:all", "zlib1g:amd64", "zlib1g:i386",
	};
	struct got g;
	size_t i;

	memset(&g, 0, sizeof(g));
	assert_int_equal(plat_pkgdb_foreach(DB(state), collect, &g), 0);
	assert_int_equal(g.n, 8);
	for (i = 0; i < 8; i++)
		assert_string_equal(g.names[i], want[i]);
	/* a non-zero callback value stops and is returned */
	memset(&g, 0, sizeof(g));
	g.stop_at = 3;
	assert_int_equal(plat_pkgdb_foreach(DB(state), collect, &g), 7);
	assert_int_equal(g.n, 3);
	memset(&g, 0, sizeof(g));
	g.stop_at = 1;
	assert_int_equal(plat_pkgdb_lookup(DB(state), "zlib1g", collect, &g),
	    7);
	assert_int_equal(g.n, 1);
}

static void
test_pkgdb_dpkg__errors(void **state)
{
	struct plat_target *t = NULL;
	struct plat_pkgdb *db = NULL;

	assert_int_equal(plat_target_mem_new(&t), 0);
	assert_int_equal(plat_pkgdb_open(&db, t, "dpkg"), KS_ENOTFOUND);
	assert_non_null(strstr(ks_error_msg(), STATUS));
	assert_int_equal(plat_pkgdb_open(&db, t, "nosuchdb"),
	    KS_EUNSUPPORTED);
	assert_int_equal(plat_pkgdb_open(&db, t, NULL), KS_EUNSUPPORTED);
	assert_null(db);
	plat_pkgdb_free(NULL);
	plat_target_free(t);
}

static void
test_pkgdb_dpkg__empty_and_garbage(void **state)
{
	static const char *const inputs[] = {
		"", "\n\n\n", "no colon here\n", " continuation first\n",
		":\n", "Package\n", "Package: x\nStatus: install ok installed"
		"\nVersion:\n", "Package: x\nStatus: a b installed c\n"
		"Version: 1\n", "Package: y\nStatus: install ok installed\n"
		"Version: 1\ngarbage line\n",
	};
	static const char odd[] = "Package: e\nStatus: install ok installed\n"
	    "Version: 2:\n\nPackage: f\nStatus: install ok installed\n"
	    "Version: :1-\n";
	struct plat_target *t = NULL;
	struct plat_pkgdb *db;
	size_t i;

	for (i = 0; i < sizeof(inputs) / sizeof(*inputs); i++) {
		db = open_mem(&t, inputs[i], strlen(inputs[i]));
		assert_int_equal(plat_pkgdb_count(db), 0);
		plat_pkgdb_free(db);
		plat_target_free(t);
	}
	/* odd versions: kept, split without crashing */
	db = open_mem(&t, odd, strlen(odd));
	assert_int_equal(plat_pkgdb_count(db), 2);
	assert_string_equal(one(db, "e")->evr, "2:");
	assert_string_equal(one(db, "f")->evr, "0:1");
	plat_pkgdb_free(db);
	plat_target_free(t);
}

static void
test_pkgdb_dpkg__line_cap(void **state)
{
	size_t n = (1u << 20) + 100;
	struct plat_target *t = NULL;
	struct plat_pkgdb *db = NULL;
	char *big = malloc(n + 64);
	int len;

	len = snprintf(big, 64, "Package: x\nDescription: ");
	memset(big + len, 'a', n);
	big[len + n] = '\n';
	assert_int_equal(plat_target_mem_new(&t), 0);
	assert_int_equal(plat_target_mem_add_file(t, STATUS, big,
	    (size_t)len + n + 1, 0644), 0);
	assert_int_equal(plat_pkgdb_open(&db, t, "dpkg"), KS_ELIMIT);
	assert_non_null(strstr(ks_error_msg(), ":2:"));
	assert_null(db);
	plat_target_free(t);
	free(big);
}

/* A malformed stanza is skipped with a warning that names its line. */
static void
test_pkgdb_dpkg__malformed_warns_with_line(void **state)
{
	static const char in[] = "Package: a\nStatus: install ok installed\n"
	    "Version: 1\n\nPackage: b\nStatus: install ok installed\n"
	    "Architecture: all\n\nPackage: c\nStatus: install ok installed\n"
	    "Version: 3\n";
	struct plat_target *t = NULL;
	struct plat_pkgdb *db;
	char buf[4096];
	FILE *cap = tmpfile();
	int saved = dup(2);
	size_t n;

	assert_non_null(cap);
	ks_log_set_level(KS_LOG_WARN);
	fflush(stderr);
	dup2(fileno(cap), 2);
	db = open_mem(&t, in, strlen(in));
	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	ks_log_set_level(KS_LOG_ERROR);
	assert_int_equal(plat_pkgdb_count(db), 2);
	rewind(cap);
	n = fread(buf, 1, sizeof(buf) - 1, cap);
	buf[n] = '\0';
	fclose(cap);
	/* the stanza of b starts on line 5 */
	assert_non_null(strstr(buf, STATUS ":5:"));
	assert_non_null(strstr(buf, "Version"));
	plat_pkgdb_free(db);
	plat_target_free(t);
}


/* The same back-end on a directory root: it reads only through the fs. */
static void
test_pkgdb_dpkg__on_directory_root(void **state)
{
	char tmpl[] = "/tmp/kensa-test-dpkg-XXXXXX", p[PATH_MAX];
	struct plat_target *t = NULL;
	struct plat_pkgdb *db = NULL;
	FILE *fp;

	assert_non_null(test_tmp_dir(tmpl));
	snprintf(p, sizeof(p), "%s/var", tmpl);
	assert_int_equal(mkdir(p, 0755), 0);
	snprintf(p, sizeof(p), "%s/var/lib", tmpl);
	assert_int_equal(mkdir(p, 0755), 0);
	snprintf(p, sizeof(p), "%s/var/lib/dpkg", tmpl);
	assert_int_equal(mkdir(p, 0755), 0);
	snprintf(p, sizeof(p), "%s%s", tmpl, STATUS);
	assert_non_null(fp = fopen(p, "w"));
	assert_int_equal(fwrite(fixture, 1, sizeof(fixture) - 1, fp),
	    sizeof(fixture) - 1);
	fclose(fp);
	assert_int_equal(plat_target_root_new(&t, tmpl), 0);
	assert_int_equal(plat_pkgdb_open(&db, t, "dpkg"), 0);
	assert_int_equal(plat_pkgdb_count(db), 8);
	assert_string_equal(one(db, "held")->release, "4");
	plat_pkgdb_free(db);
	plat_target_free(t);
	test_tmp_done(tmpl);
}

/* ~2000 packages must index in a few milliseconds (parse once). */
static void
test_pkgdb_dpkg__fast(void **state)
{
	struct plat_target *t = NULL;
	struct plat_pkgdb *db = NULL;
	struct ks_buf b;
	double t0, dt;
	int i;

	ks_buf_init(&b, 0);
	for (i = 0; i < 2000; i++)
		assert_int_equal(ks_buf_printf(&b,
		    "Package: pkg%05d\nStatus: install ok installed\n"
		    "Priority: optional\nSection: libs\n"
		    "Installed-Size: 123\nMaintainer: A <a@b>\n"
		    "Architecture: amd64\nVersion: %d:1.%d-%d\n"
		    "Depends: libc6 (>= 2.34)\nDescription: package %d\n"
		    " a longer description line that says nothing at all\n"
		    " .\n another line\n\n", (i * 7919) % 2000, i % 3, i,
		    i % 5, i), 0);
	assert_int_equal(plat_target_mem_new(&t), 0);
	assert_int_equal(plat_target_mem_add_file(t, STATUS, b.data, b.len,
	    0644), 0);
	t0 = ks_time_mono();
	assert_int_equal(plat_pkgdb_open(&db, t, "dpkg"), 0);
	dt = ks_time_mono() - t0;
	assert_int_equal(plat_pkgdb_count(db), 2000);
	assert_string_equal(one(db, "pkg00000")->name, "pkg00000");
	assert_string_equal(one(db, "pkg01999")->name, "pkg01999");
	/* generous: the sanitizers slow this down several times */
	assert_true(dt < 0.25);
	plat_pkgdb_free(db);
	plat_target_free(t);
	ks_buf_free(&b);
}

int
main(void)
{
	const struct CMUnitTest fixture_tests[] = {
		cmocka_unit_test(test_pkgdb_dpkg__installed_only),
		cmocka_unit_test(test_pkgdb_dpkg__epoch),
		cmocka_unit_test(test_pkgdb_dpkg__explicit_epoch),
		cmocka_unit_test(test_pkgdb_dpkg__revision_after_last_hyphen),
		cmocka_unit_test(test_pkgdb_dpkg__no_revision),
		cmocka_unit_test(test_pkgdb_dpkg__multiarch_duplicates),
		cmocka_unit_test(test_pkgdb_dpkg__source_version_stripped),
		cmocka_unit_test(
		    test_pkgdb_dpkg__field_names_case_insensitive),
		cmocka_unit_test(test_pkgdb_dpkg__lookup_absent),
		cmocka_unit_test(test_pkgdb_dpkg__foreach_in_name_order),
	};
	const struct CMUnitTest other[] = {
		cmocka_unit_test(test_pkgdb_dpkg__errors),
		cmocka_unit_test(test_pkgdb_dpkg__empty_and_garbage),
		cmocka_unit_test(test_pkgdb_dpkg__line_cap),
		cmocka_unit_test(test_pkgdb_dpkg__malformed_warns_with_line),
		cmocka_unit_test(test_pkgdb_dpkg__on_directory_root),
		cmocka_unit_test(test_pkgdb_dpkg__fast),
	};
	int fails = 0;

	/* malformed stanzas warn; keep the test output readable */
	ks_log_set_level(KS_LOG_ERROR);
	fails += cmocka_run_group_tests_name("pkgdb_dpkg/fixture",
	    fixture_tests, setup, teardown);
	fails += cmocka_run_group_tests_name("pkgdb_dpkg/other", other, NULL,
	    NULL);
	return fails != 0;
}
