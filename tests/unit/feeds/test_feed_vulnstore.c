/*
 * Tests of the vulnerability store (feeds/feed_vulnstore.c): merging by
 * (id, source), lookup by id and alias, the saved file (round trip with
 * escapes, atomic replacement, bad headers, versions and records), and the
 * metadata of vendor OVAL definitions (Red Hat cvss3/cvss2/impact, Ubuntu
 * severity and cve attributes, SUSE, Debian), by text and streamed.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "platform/base/base.h"
#include "feeds/feeds.h"
#include "tests/unit/test_tmp.h"

struct got {
	const struct feed_vuln	*v[8];
	int			 n;
};

static int
collect(const struct feed_vuln *v, void *payload)
{
	struct got *g = payload;

	if (g->n < 8)
		g->v[g->n++] = v;
	return 0;
}

static struct got
find(struct feed_vulnstore *vs, const char *id)
{
	struct got g = { .n = 0 };

	feed_vulnstore_lookup(vs, id, collect, &g);
	return g;
}

static const struct feed_vuln *
one(struct feed_vulnstore *vs, const char *id)
{
	struct got g = find(vs, id);

	assert_int_equal(g.n, 1);
	return g.v[0];
}

static char tmpdir[64];

static int
setup(void **state)
{
	(void)state;
	snprintf(tmpdir, sizeof(tmpdir), "/tmp/kensa-vs-XXXXXX");
	assert_non_null(mkdtemp(tmpdir));
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	assert_int_equal(test_tmp_rm(tmpdir), 0);
	return 0;
}

static void
add_jvn(struct feed_vulnstore *vs)
{
	const char *aliases[] = { "CVE-2024-0001" };
	struct feed_vuln_score sc[] = {
		{ FEED_ORIGIN_JVN, "JVN iPedia", "3.0",
		  "CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "9.8",
		  "Critical" },
	};
	struct feed_vuln_ref refs[] = {
		{ "CVE", "CVE-2024-0001", "https://www.cve.org/x" },
	};
	struct feed_vuln v = {
		.id = "JVNDB-2024-000001", .origin = FEED_ORIGIN_JVN,
		.source = "JVN iPedia",
		.title_ja = "タイトル\twith tab\nand newline \\ backslash",
		.aliases = aliases, .naliases = 1,
		.scores = sc, .nscores = 1, .refs = refs, .nrefs = 1,
	};

	assert_int_equal(feed_vulnstore_add(vs, &v), 0);
}

static void
test_feed_vulnstore__add_merge_lookup(void **state)
{
	struct feed_vulnstore *vs;
	struct feed_vuln_score sc2 = { FEED_ORIGIN_JVN, "JVN iPedia", "2.0",
	    "AV:N/AC:L/Au:N/C:C/I:C/A:C", "10.0", "High" };
	struct feed_vuln more = { .id = "JVNDB-2024-000001",
	    .origin = FEED_ORIGIN_JVN, .source = "JVN iPedia",
	    .title_en = "English title", .scores = &sc2, .nscores = 1 };
	struct feed_vuln vendor = { .id = "CVE-2024-0001",
	    .origin = FEED_ORIGIN_VENDOR, .source = "Ubuntu",
	    .severity = "Medium" };
	struct feed_vuln bad = { .id = "", .source = "x" };
	const struct feed_vuln *v;
	struct got g;

	(void)state;
	assert_int_equal(feed_vulnstore_new(&vs), 0);
	add_jvn(vs);
	add_jvn(vs);		/* the same again: nothing doubles */
	assert_int_equal(feed_vulnstore_add(vs, &more), 0);
	assert_int_equal(feed_vulnstore_add(vs, &vendor), 0);
	assert_int_equal(feed_vulnstore_add(vs, &bad), KS_EPARSE);
	assert_int_equal(feed_vulnstore_count(vs), 2);
	v = one(vs, "JVNDB-2024-000001");
	assert_int_equal(v->nscores, 2);
	assert_int_equal(v->nrefs, 1);
	assert_int_equal(v->naliases, 1);
	assert_string_equal(v->title_en, "English title");
	/* By CVE: the vendor's own entry and the JVN entry that names it. */
	g = find(vs, "CVE-2024-0001");
	assert_int_equal(g.n, 2);
	assert_string_equal(g.v[0]->source, "JVN iPedia");
	assert_string_equal(g.v[1]->source, "Ubuntu");
	assert_int_equal(find(vs, "CVE-1999-0001").n, 0);
	feed_vulnstore_free(vs);
}

static void
test_feed_vulnstore__save_load_roundtrip(void **state)
{
	struct feed_vulnstore *vs, *back;
	char *path = ks_asprintf("%s/sub/dir/vulnstore.kvs", tmpdir);
	const struct feed_vuln *v;

	(void)state;
	assert_int_equal(feed_vulnstore_new(&vs), 0);
	add_jvn(vs);
	/* The cache directory is created when missing. */
	assert_int_equal(feed_vulnstore_save(vs, path), 0);
	assert_int_equal(feed_vulnstore_load(&back, path), 0);
	assert_int_equal(feed_vulnstore_count(back), 1);
	v = one(back, "CVE-2024-0001");
	assert_string_equal(v->id, "JVNDB-2024-000001");
	assert_int_equal(v->origin, FEED_ORIGIN_JVN);
	assert_string_equal(v->title_ja,
	    "タイトル\twith tab\nand newline \\ backslash");
	assert_null(v->title_en);
	assert_int_equal(v->nscores, 1);
	assert_string_equal(v->scores[0].vector,
	    "CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H");
	assert_string_equal(v->scores[0].stated, "9.8");
	assert_string_equal(v->scores[0].severity, "Critical");
	assert_string_equal(v->scores[0].version, "3.0");
	assert_string_equal(v->refs[0].url, "https://www.cve.org/x");
	feed_vulnstore_free(back);
	/* Saving again replaces the file whole (no temporary left). */
	assert_int_equal(feed_vulnstore_save(vs, path), 0);
	feed_vulnstore_free(vs);
	free(path);
	path = ks_asprintf("ls -A '%s/sub/dir' | grep -vx vulnstore.kvs",
	    tmpdir);
	assert_int_not_equal(system(path), 0);
	free(path);
}

static int
load_text(const char *text, struct feed_vulnstore **out)
{
	char *path = ks_asprintf("%s/t.kvs", tmpdir);
	int rc;

	assert_int_equal(ks_file_write_atomic(path, text, strlen(text)), 0);
	ks_error_clear();
	*out = NULL;
	rc = feed_vulnstore_load(out, path);
	free(path);
	return rc;
}

static void
test_feed_vulnstore__load_errors(void **state)
{
	struct feed_vulnstore *vs = NULL;
	char *missing = ks_asprintf("%s/none.kvs", tmpdir);

	(void)state;
	assert_int_equal(feed_vulnstore_load(&vs, missing), KS_ENOTFOUND);
	free(missing);
	assert_int_equal(load_text("", &vs), KS_EPARSE);
	assert_int_equal(load_text("something else\t1\n", &vs), KS_EPARSE);
	assert_non_null(strstr(ks_error_msg(), ":1: not a kensa"));
	assert_int_equal(load_text("kensa-vulnstore\t3\t0\n", &vs), KS_EPARSE);
	assert_non_null(strstr(ks_error_msg(), "version 3"));
	/* M (the modified date) exists from version 2 on. */
	assert_int_equal(load_text("kensa-vulnstore\t1\t1\n"
	    "E\tjvn\tJVNDB-1\tJVN iPedia\nM\t2024-01-01\n", &vs), KS_EPARSE);
	assert_non_null(strstr(ks_error_msg(), "t.kvs:3:"));
	/* A record before any entry, an unknown record, a bad origin, a
	 * bad escape, a wrong field count: each names its line. */
	assert_int_equal(load_text("kensa-vulnstore\t1\t0\nV\tLow\n", &vs),
	    KS_EPARSE);
	assert_non_null(strstr(ks_error_msg(), "t.kvs:2:"));
	assert_int_equal(load_text("kensa-vulnstore\t1\t1\n"
	    "E\tjvn\tJVNDB-1\tJVN iPedia\nX\ty\n", &vs), KS_EPARSE);
	assert_non_null(strstr(ks_error_msg(), "t.kvs:3:"));
	assert_int_equal(load_text("kensa-vulnstore\t1\t1\n"
	    "E\tmars\tJVNDB-1\tJVN iPedia\n", &vs), KS_EPARSE);
	assert_int_equal(load_text("kensa-vulnstore\t1\t1\n"
	    "E\tjvn\tJVNDB-1\tJVN iPedia\nT\tja\tbad \\q escape\n", &vs),
	    KS_EPARSE);
	assert_int_equal(load_text("kensa-vulnstore\t1\t1\n"
	    "E\tjvn\tJVNDB-1\tJVN iPedia\nS\tjvn\tJVN\t3.0\n", &vs),
	    KS_EPARSE);
	assert_null(vs);
	/* Comments and blank lines are fine. */
	assert_int_equal(load_text("kensa-vulnstore\t1\t1\n# c\n\n"
	    "E\tjvn\tJVNDB-1\tJVN iPedia\nA\tCVE-1\n", &vs), 0);
	assert_int_equal(one(vs, "CVE-1")->naliases, 1);
	feed_vulnstore_free(vs);
}

/* Red Hat OVAL v2: advisory/cve carries cvss3 "score/vector", cvss2 and
 * impact per CVE (claircore-com.redhat.rhsa-20201980.xml). */
static const char *const rh_adv =
    "<advisory xmlns=\"http://oval.mitre.org/XMLSchema/oval-definitions-5\""
    " from=\"secalert@redhat.com\"><severity>Important</severity>"
    "<cve href=\"https://access.redhat.com/security/cve/CVE-2020-11008\" "
    "cvss3=\"7.5/CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N\" "
    "impact=\"moderate\" public=\"20200420\">CVE-2020-11008</cve>"
    "<cve cvss2=\"4.3/AV:N/AC:M/Au:N/C:N/I:P/A:N\" cvss3=\"not a vector\">"
    "CVE-2020-5260</cve></advisory>";

static void
test_feed_vulnstore__redhat_advisory(void **state)
{
	struct feed_vulnstore *vs;
	struct feed_vuln_ref refs[] = {
		{ "RHSA", "RHSA-2020:1980", "https://access.redhat.com/x" },
		{ "CVE", "CVE-2020-11008", "https://access.redhat.com/y" },
	};
	const struct feed_vuln *v;

	(void)state;
	assert_int_equal(feed_vulnstore_new(&vs), 0);
	assert_int_equal(feed_vulnstore_add_oval_meta(vs,
	    "oval:com.redhat.rhsa:def:20201980", "RHSA-2020:1980: git update",
	    refs, 2, rh_adv), 0);
	assert_int_equal(feed_vulnstore_count(vs), 2);
	v = one(vs, "CVE-2020-11008");
	assert_string_equal(v->source, "Red Hat");
	assert_int_equal(v->origin, FEED_ORIGIN_VENDOR);
	assert_string_equal(v->severity, "moderate");	/* the CVE's impact */
	assert_string_equal(v->title_en, "RHSA-2020:1980: git update");
	assert_int_equal(v->nscores, 1);
	assert_string_equal(v->scores[0].version, "3.1");
	assert_string_equal(v->scores[0].stated, "7.5");
	assert_string_equal(v->scores[0].vector,
	    "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N");
	assert_string_equal(v->aliases[0], "RHSA-2020:1980");
	v = one(vs, "CVE-2020-5260");
	assert_string_equal(v->severity, "Important");	/* the advisory's */
	assert_int_equal(v->nscores, 2);
	/* A malformed value is kept whole, to be reported, not dropped. */
	assert_string_equal(v->scores[0].vector, "not a vector");
	assert_null(v->scores[0].stated);
	assert_string_equal(v->scores[1].version, "2.0");
	assert_string_equal(v->scores[1].stated, "4.3");
	/* Both CVEs are found through the advisory id. */
	assert_int_equal(find(vs, "RHSA-2020:1980").n, 2);
	feed_vulnstore_free(vs);
}

/* Ubuntu: advisory/severity; newer feeds add cve@priority, cvss_score and
 * cvss_vector; the trusty feed has only the CVE reference. */
static void
test_feed_vulnstore__ubuntu_advisory(void **state)
{
	struct feed_vulnstore *vs;
	struct feed_vuln_ref refs[] = {
		{ "CVE", "CVE-2016-4429", "https://cve.mitre.org/x" },
	};
	const char *jammy =
	    "<advisory><severity>Medium</severity>"
	    "<cve href=\"https://ubuntu.com/security/CVE-2022-0001\" "
	    "priority=\"high\" cvss_score=\"6.5\" "
	    "cvss_vector=\"CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:N/A:N\">"
	    "CVE-2022-0001</cve></advisory>";
	const struct feed_vuln *v;

	(void)state;
	assert_int_equal(feed_vulnstore_new(&vs), 0);
	assert_int_equal(feed_vulnstore_add_oval_meta(vs,
	    "oval:com.ubuntu.trusty:def:201644290000000",
	    "CVE-2016-4429 on Ubuntu 14.04 LTS (trusty) - low.", refs, 1,
	    "<advisory><severity>Low</severity><rights>c</rights>"
	    "</advisory>"), 0);
	v = one(vs, "CVE-2016-4429");
	assert_string_equal(v->source, "Ubuntu");
	assert_string_equal(v->severity, "Low");
	assert_int_equal(v->nscores, 0);
	assert_int_equal(feed_vulnstore_add_oval_meta(vs,
	    "oval:com.ubuntu.jammy:def:202200010000000", "CVE-2022-0001",
	    NULL, 0, jammy), 0);
	v = one(vs, "CVE-2022-0001");
	assert_string_equal(v->severity, "high");
	assert_int_equal(v->nscores, 1);
	assert_string_equal(v->scores[0].version, "3.1");
	assert_string_equal(v->scores[0].stated, "6.5");
	assert_int_equal(feed_vulnstore_add_oval_meta(vs, "oval:x:def:1", "t",
	    NULL, 0, "<advisory>"), KS_EPARSE);
	feed_vulnstore_free(vs);
}

static const char *const vendor_oval =
    "<?xml version=\"1.0\"?>\n"
    "<oval_definitions xmlns=\"http://oval.mitre.org/XMLSchema/"
    "oval-definitions-5\"><definitions>\n"
    /* Debian: no reference, the CVE is the title. */
    "<definition class=\"vulnerability\" id=\"oval:org.debian:def:20011593\""
    " version=\"1\"><metadata><title>CVE-2001-1593</title>"
    "<affected family=\"unix\"><platform>Debian GNU/Linux 7</platform>"
    "<product>a2ps</product></affected><description>d</description>"
    "<debian><date>2014-03-31</date><moreinfo>DSA-2892</moreinfo></debian>"
    "</metadata><criteria/></definition>\n"
    /* SUSE: advisory/cve text and severity. */
    "<definition id=\"oval:org.opensuse.security:def:20094112\" "
    "version=\"1\" class=\"vulnerability\"><metadata>"
    "<title>CVE-2009-4112</title><affected family=\"unix\"/>"
    "<reference ref_id=\"CVE-2009-4112\" ref_url=\"http://cve/x\" "
    "source=\"CVE\"/><description>d</description>"
    "<advisory from=\"security@suse.de\"><severity>Low</severity>"
    "<cve href=\"https://www.suse.com/security/cve/CVE-2009-4112.html\">"
    "CVE-2009-4112</cve></advisory></metadata><criteria/></definition>\n"
    "</definitions></oval_definitions>\n";

static void
test_feed_vulnstore__import_oval(void **state)
{
	struct feed_vulnstore *vs;
	char *path = ks_asprintf("%s/vendor.xml", tmpdir);
	const struct feed_vuln *v;

	(void)state;
	assert_int_equal(ks_file_write_atomic(path, vendor_oval,
	    strlen(vendor_oval)), 0);
	assert_int_equal(feed_vulnstore_new(&vs), 0);
	assert_int_equal(feed_vulnstore_import_oval(vs, path), 0);
	assert_int_equal(feed_vulnstore_count(vs), 2);
	v = one(vs, "CVE-2001-1593");
	assert_string_equal(v->source, "Debian");
	assert_null(v->severity);
	v = one(vs, "CVE-2009-4112");
	assert_string_equal(v->source, "SUSE");
	assert_string_equal(v->severity, "Low");
	/* The reference and the advisory's cve href both kept. */
	assert_int_equal(v->nrefs, 2);
	feed_vulnstore_free(vs);
	free(path);
}

static void
test_feed_vulnstore__default_path(void **state)
{
	char *p;

	(void)state;
	setenv("KENSA_CACHE_DIR", "/var/cache/k", 1);
	p = feed_vulnstore_default_path();
	assert_string_equal(p, "/var/cache/k/vulnstore.kvs");
	free(p);
	unsetenv("KENSA_CACHE_DIR");
	setenv("XDG_CACHE_HOME", "/home/u/.c", 1);
	p = feed_vulnstore_default_path();
	/* root (the agent) uses the feed cache; users their own cache. */
	if (geteuid() == 0)
		assert_string_equal(p, FEED_CACHE_DEFAULT "/vulnstore.kvs");
	else
		assert_string_equal(p, "/home/u/.c/kensa/vulnstore.kvs");
	free(p);
	unsetenv("XDG_CACHE_HOME");
	setenv("HOME", "/home/u", 1);
	p = feed_vulnstore_default_path();
	if (geteuid() == 0)
		assert_string_equal(p, FEED_CACHE_DEFAULT "/vulnstore.kvs");
	else
		assert_string_equal(p, "/home/u/.cache/kensa/vulnstore.kvs");
	free(p);
}

/* 20,000 entries survive a save and a load, found by alias. (Speed is not
 * asserted here, a busy machine would make that flaky: a release build
 * loads a 22,000-entry, 13 MB store in about 0.05 s.) */
static void
test_feed_vulnstore__load_many(void **state)
{
	struct feed_vulnstore *vs, *back;
	char *path = ks_asprintf("%s/big.kvs", tmpdir);
	char id[32], cve[32];

	(void)state;
	assert_int_equal(feed_vulnstore_new(&vs), 0);
	for (int i = 0; i < 20000; i++) {
		struct feed_vuln_score sc = { FEED_ORIGIN_JVN, "JVN iPedia",
		    "3.0", "CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
		    "9.8", "Critical" };
		const char *al[1] = { cve };
		struct feed_vuln v = { .id = id, .origin = FEED_ORIGIN_JVN,
		    .source = "JVN iPedia", .title_ja = "脆弱性",
		    .aliases = al, .naliases = 1, .scores = &sc, .nscores = 1 };

		snprintf(id, sizeof(id), "JVNDB-2024-%06d", i);
		snprintf(cve, sizeof(cve), "CVE-2024-%05d", i);
		assert_int_equal(feed_vulnstore_add(vs, &v), 0);
	}
	assert_int_equal(feed_vulnstore_save(vs, path), 0);
	assert_int_equal(feed_vulnstore_load(&back, path), 0);
	assert_int_equal(feed_vulnstore_count(back), 20000);
	assert_string_equal(one(back, "CVE-2024-01234")->id,
	    "JVNDB-2024-001234");
	feed_vulnstore_free(back);
	feed_vulnstore_free(vs);
	free(path);
}

/* A loaded store parses an entry's records when the entry is first used:
 * a loaded store saved again is the same file byte for byte; a statement
 * merged into a loaded (not yet parsed) entry keeps what the file held;
 * an older statement of a dated entry is ignored, a newer one replaces it. */
static void
test_feed_vulnstore__loaded_entries_parsed_on_use(void **state)
{
	struct feed_vulnstore *vs, *back;
	char *a = ks_asprintf("%s/a.kvs", tmpdir);
	char *b = ks_asprintf("%s/b.kvs", tmpdir);
	char *ta = NULL, *tb = NULL;
	size_t la, lb;
	const char *al[1] = { "CVE-2024-0002" };
	struct feed_vuln_score sc = { FEED_ORIGIN_JVN, "JVN iPedia", "3.1",
	    "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:N/A:N", "5.3", "Medium" };
	struct feed_vuln dated = { .id = "JVNDB-2024-000002",
	    .origin = FEED_ORIGIN_JVN, .source = "JVN iPedia",
	    .title_en = "dated", .modified = "2024-05-01T00:00:00+09:00",
	    .aliases = al, .naliases = 1, .scores = &sc, .nscores = 1 };
	struct feed_vuln more = { .id = "JVNDB-2024-000001",
	    .origin = FEED_ORIGIN_JVN, .source = "JVN iPedia",
	    .title_en = "english title" };
	const struct feed_vuln *v;

	(void)state;
	assert_int_equal(feed_vulnstore_new(&vs), 0);
	add_jvn(vs);
	assert_int_equal(feed_vulnstore_add(vs, &dated), 0);
	assert_int_equal(feed_vulnstore_save(vs, a), 0);
	feed_vulnstore_free(vs);
	/* load + save: the same bytes (every entry parsed for the save) */
	assert_int_equal(feed_vulnstore_load(&back, a), 0);
	assert_int_equal(feed_vulnstore_save(back, b), 0);
	feed_vulnstore_free(back);
	assert_int_equal(ks_file_read(a, 1 << 20, &ta, &la), 0);
	assert_int_equal(ks_file_read(b, 1 << 20, &tb, &lb), 0);
	assert_int_equal(la, lb);
	assert_memory_equal(ta, tb, la);
	free(ta);
	free(tb);
	/* merge into an entry not parsed yet: its records survive */
	assert_int_equal(feed_vulnstore_load(&back, a), 0);
	assert_int_equal(feed_vulnstore_add(back, &more), 0);
	v = one(back, "CVE-2024-0001");
	assert_string_equal(v->title_en, "english title");
	assert_string_equal(v->title_ja,
	    "タイトル\twith tab\nand newline \\ backslash");
	assert_int_equal(v->nscores, 1);
	assert_int_equal(v->nrefs, 1);
	/* the dated entry: an older statement is ignored ... */
	dated.modified = "2023-01-01T00:00:00+09:00";
	dated.title_en = "older";
	assert_int_equal(feed_vulnstore_add(back, &dated), 0);
	assert_string_equal(one(back, "CVE-2024-0002")->title_en, "dated");
	/* ... a newer one replaces it */
	dated.modified = "2025-01-01T00:00:00+09:00";
	dated.title_en = "newer";
	assert_int_equal(feed_vulnstore_add(back, &dated), 0);
	v = one(back, "JVNDB-2024-000002");
	assert_string_equal(v->title_en, "newer");
	assert_string_equal(v->modified, "2025-01-01T00:00:00+09:00");
	feed_vulnstore_free(back);
	free(a);
	free(b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_feed_vulnstore__add_merge_lookup),
		cmocka_unit_test(test_feed_vulnstore__save_load_roundtrip),
		cmocka_unit_test(test_feed_vulnstore__load_errors),
		cmocka_unit_test(test_feed_vulnstore__redhat_advisory),
		cmocka_unit_test(test_feed_vulnstore__ubuntu_advisory),
		cmocka_unit_test(test_feed_vulnstore__import_oval),
		cmocka_unit_test(test_feed_vulnstore__default_path),
		cmocka_unit_test(test_feed_vulnstore__load_many),
		cmocka_unit_test(
		    test_feed_vulnstore__loaded_entries_parsed_on_use),
	};

	ks_xml_init();
	return cmocka_run_group_tests(tests, setup, teardown);
}
