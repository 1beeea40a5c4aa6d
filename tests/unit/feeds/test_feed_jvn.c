/*
 * Tests of the JVN iPedia parsers (feeds/feed_jvn.c): VULDEF 3.2 detail
 * documents and JVNRSS 3.2 / JVNDBRSS overview feeds with both mod_sec
 * namespace spellings, MyJVN status errors, and documents that are not JVN.
 * The fixtures follow the shapes of the published MyJVN HND examples.
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

#define VULDEF_HEAD \
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" \
    "<VULDEF-Document version=\"3.2\" xmlns=\"http://jvn.jp/vuldef/\"" \
    " xmlns:status=\"http://jvndb.jvn.jp/myjvn/Status\"" \
    " xmlns:sec=\"http://jvn.jp/rss/mod_sec/3.0/\" xml:lang=\"%s\">\n"

static const char *const vuldef_body =
    "<Vulinfo><VulinfoID>JVNDB-2018-009328</VulinfoID><VulinfoData>\n"
    "<Title>JP1/VERITAS 製品における複数の脆弱性</Title>\n"
    "<Affected><AffectedItem><Name>ベリタス</Name>"
    "<ProductName>Veritas NetBackup</ProductName>"
    "<Cpe version=\"2.2\">cpe:/a:veritas:netbackup</Cpe>"
    "<VersionNumber>7.7</VersionNumber></AffectedItem></Affected>\n"
    "<Impact>"
    "<Cvss version=\"2.0\"><Severity type=\"Base\">High</Severity>"
    "<Base>10</Base><Vector>AV:N/AC:L/Au:N/C:C/I:C/A:C</Vector></Cvss>"
    /* Vector before Base, as in the published examples. */
    "<Cvss version=\"3.0\"><Severity type=\"Base\">Critical</Severity>"
    "<Vector>CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H</Vector>"
    "<Base>9.8</Base></Cvss>"
    "<ImpactItem><Description>x</Description></ImpactItem></Impact>\n"
    "<Related>"
    "<RelatedItem type=\"advisory\">"
    "<Name>Common Vulnerabilities and Exposures (CVE)</Name>"
    "<VulinfoID>CVE-2018-18652</VulinfoID>"
    "<URL>https://www.cve.org/CVERecord?id=CVE-2018-18652</URL>"
    "</RelatedItem>"
    "<RelatedItem type=\"advisory\">"
    "<Name>National Vulnerability Database (NVD)</Name>"
    "<VulinfoID>CVE-2018-18652</VulinfoID>"
    "<URL>https://nvd.nist.gov/vuln/detail/CVE-2018-18652</URL>"
    "</RelatedItem>"
    "<RelatedItem type=\"cwe\"><Name>JVNDB</Name>"
    "<VulinfoID>CWE-noinfo</VulinfoID><Title>情報不足</Title>"
    "<URL>https://www.ipa.go.jp/security/vuln/scap/cwe.html</URL>"
    "</RelatedItem></Related>\n"
    "</VulinfoData></Vulinfo>\n"
    "<Vulinfo><VulinfoID>JVNDB-2023-000001</VulinfoID><VulinfoData>"
    "<Title>second</Title></VulinfoData></Vulinfo>\n";

static const char *const status_ok =
    "<status:Status version=\"3.3\" method=\"getVulnDetailInfo\" "
    "lang=\"ja\" retCd=\"0\" retMax=\"10\" errCd=\"\" errMsg=\"\" "
    "totalRes=\"1\" totalResRet=\"1\" firstRes=\"1\"/>\n";

static char *
vuldef_doc(const char *lang, const char *body, const char *status)
{
	char *head = ks_asprintf(VULDEF_HEAD, lang);
	char *doc = ks_asprintf("%s%s%s</VULDEF-Document>\n", head, body,
	    status);

	free(head);
	return doc;
}

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

static const struct feed_vuln *
one(struct feed_vulnstore *vs, const char *id)
{
	struct got g = { .n = 0 };

	feed_vulnstore_lookup(vs, id, collect, &g);
	assert_int_equal(g.n, 1);
	return g.v[0];
}

static struct feed_vulnstore *
import(const char *doc, int want)
{
	struct feed_vulnstore *vs;

	assert_int_equal(feed_vulnstore_new(&vs), 0);
	ks_error_clear();
	assert_int_equal(feed_jvn_import_mem(vs, doc, strlen(doc), "t.xml"),
	    want);
	return vs;
}

static void
test_feed_jvn__vuldef(void **state)
{
	char *doc = vuldef_doc("ja", vuldef_body, status_ok);
	struct feed_vulnstore *vs = import(doc, 0);
	const struct feed_vuln *v;

	(void)state;
	assert_int_equal(feed_vulnstore_count(vs), 2);
	v = one(vs, "JVNDB-2018-009328");
	assert_string_equal(v->source, "JVN iPedia");
	assert_int_equal(v->origin, FEED_ORIGIN_JVN);
	assert_string_equal(v->title_ja, "JP1/VERITAS 製品における複数の脆弱性");
	assert_null(v->title_en);
	assert_int_equal(v->naliases, 1);
	assert_string_equal(v->aliases[0], "CVE-2018-18652");
	assert_int_equal(v->nscores, 2);
	assert_string_equal(v->scores[0].version, "2.0");
	assert_string_equal(v->scores[0].vector, "AV:N/AC:L/Au:N/C:C/I:C/A:C");
	assert_string_equal(v->scores[0].stated, "10");
	assert_string_equal(v->scores[0].severity, "High");
	assert_string_equal(v->scores[1].version, "3.0");
	assert_string_equal(v->scores[1].vector,
	    "CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H");
	assert_string_equal(v->scores[1].stated, "9.8");
	assert_string_equal(v->scores[1].severity, "Critical");
	/* CVE, NVD and CWE references, with the well-known names. */
	assert_int_equal(v->nrefs, 3);
	assert_string_equal(v->refs[0].source, "CVE");
	assert_string_equal(v->refs[1].source, "NVD");
	assert_string_equal(v->refs[2].source, "CWE");
	assert_string_equal(v->refs[2].id, "CWE-noinfo");
	/* The CVE finds the JVNDB entry through its alias. */
	assert_ptr_equal(one(vs, "CVE-2018-18652"), v);
	/* The RelatedItem's Title is not the entry's title. */
	assert_string_equal(one(vs, "JVNDB-2023-000001")->title_ja, "second");
	feed_vulnstore_free(vs);
	free(doc);
}

static void
test_feed_jvn__vuldef_english(void **state)
{
	char *doc = vuldef_doc("en", vuldef_body, "");
	struct feed_vulnstore *vs = import(doc, 0);
	const struct feed_vuln *v = one(vs, "JVNDB-2018-009328");

	(void)state;
	assert_null(v->title_ja);
	assert_string_equal(v->title_en, "JP1/VERITAS 製品における複数の脆弱性");
	feed_vulnstore_free(vs);
	free(doc);
}

static void
test_feed_jvn__status_error(void **state)
{
	char *doc = vuldef_doc("ja", "", "<status:Status version=\"3.3\" "
	    "method=\"getVulnDetailInfo\" retCd=\"1\" errCd=\"VD01020003\" "
	    "errMsg=\"vulnId が不正です\"/>");
	struct feed_vulnstore *vs = import(doc, KS_ERROR);

	(void)state;
	assert_non_null(strstr(ks_error_msg(), "VD01020003"));
	assert_non_null(strstr(ks_error_msg(), "vulnId が不正です"));
	feed_vulnstore_free(vs);
	free(doc);
}

#define RSS_HEAD(secns) \
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" \
    "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\"" \
    " xmlns=\"http://purl.org/rss/1.0/\"" \
    " xmlns:dc=\"http://purl.org/dc/elements/1.1/\"" \
    " xmlns:sec=\"" secns "\" xml:lang=\"ja\">\n" \
    "<channel rdf:about=\"https://jvndb.jvn.jp/ja/rss/jvndb.rdf\">" \
    "<title>JVNDB RSS Feed</title><link>https://jvndb.jvn.jp/</link>" \
    "<items><rdf:Seq><rdf:li rdf:resource=\"x\"/></rdf:Seq></items>" \
    "</channel>\n"

#define RSS_ITEM \
    "<item rdf:about=\"https://jvndb.jvn.jp/ja/contents/2022/" \
    "JVNDB-2022-017708.html\">\n" \
    "<title>Linux Kernel における NULL ポインタデリファレンス</title>\n" \
    "<link>https://jvndb.jvn.jp/ja/contents/2022/JVNDB-2022-017708.html" \
    "</link>\n" \
    "<description>説明&#13;\n</description>\n" \
    "<sec:identifier>JVNDB-2022-017708</sec:identifier>\n" \
    "<sec:references source=\"CVE\" id=\"CVE-2023-23006\">\n" \
    "  https://www.cve.org/CVERecord?id=CVE-2023-23006\n" \
    "</sec:references>\n" \
    "<sec:references title=\"NULL (CWE-476)\" id=\"CWE-476\">" \
    "http://cwe.mitre.org/data/definitions/476.html</sec:references>\n" \
    "<sec:cpe version=\"2.2\" vendor=\"Linux\" product=\"Linux Kernel\">" \
    "cpe:/o:linux:linux_kernel</sec:cpe>\n" \
    "<sec:cvss version=\"3.0\" score=\"5.5\" type=\"Base\" " \
    "severity=\"Medium\" " \
    "vector=\"CVSS:3.0/AV:L/AC:L/PR:L/UI:N/S:U/C:N/I:N/A:H\"/>\n" \
    "<sec:cvss version=\"2.0\" score=\"4.9\" type=\"Base\" " \
    "severity=\"Medium\" vector=\"AV:L/AC:L/Au:N/C:N/I:N/A:C\"/>\n" \
    "<dc:date>2023-10-16T17:18+09:00</dc:date>\n" \
    "</item>\n"

static void
check_rss_entry(struct feed_vulnstore *vs)
{
	const struct feed_vuln *v = one(vs, "JVNDB-2022-017708");

	assert_string_equal(v->title_ja,
	    "Linux Kernel における NULL ポインタデリファレンス");
	assert_int_equal(v->naliases, 1);
	assert_string_equal(v->aliases[0], "CVE-2023-23006");
	assert_int_equal(v->nscores, 2);
	assert_string_equal(v->scores[0].version, "3.0");
	assert_string_equal(v->scores[0].stated, "5.5");
	assert_string_equal(v->scores[0].vector,
	    "CVSS:3.0/AV:L/AC:L/PR:L/UI:N/S:U/C:N/I:N/A:H");
	assert_string_equal(v->scores[1].version, "2.0");
	/* link, CVE (URL trimmed) and CWE references */
	assert_int_equal(v->nrefs, 3);
	assert_string_equal(v->refs[1].url,
	    "https://www.cve.org/CVERecord?id=CVE-2023-23006");
	assert_string_equal(v->refs[2].source, "CWE");
	assert_ptr_equal(one(vs, "CVE-2023-23006"), v);
}

/* JVNDBRSS feed files use the unversioned mod_sec namespace. */
static void
test_feed_jvn__rss_feed_namespace(void **state)
{
	const char *doc = RSS_HEAD("http://jvn.jp/rss/mod_sec/") RSS_ITEM
	    "</rdf:RDF>\n";
	struct feed_vulnstore *vs = import(doc, 0);

	(void)state;
	assert_int_equal(feed_vulnstore_count(vs), 1);
	check_rss_entry(vs);
	feed_vulnstore_free(vs);
}

/* API responses (getVulnOverviewList) use mod_sec 3.0 and end with a
 * status element. */
static void
test_feed_jvn__rss_api_namespace(void **state)
{
	const char *doc = RSS_HEAD("http://jvn.jp/rss/mod_sec/3.0/") RSS_ITEM
	    "<status:Status xmlns:status=\"http://jvndb.jvn.jp/myjvn/Status\" "
	    "version=\"3.3\" method=\"getVulnOverviewList\" retCd=\"0\" "
	    "errCd=\"\" errMsg=\"\"/></rdf:RDF>\n";
	struct feed_vulnstore *vs = import(doc, 0);

	(void)state;
	check_rss_entry(vs);
	feed_vulnstore_free(vs);
}

/* Elements named like mod_sec ones in another namespace are not read. */
static void
test_feed_jvn__rss_foreign_namespace_ignored(void **state)
{
	const char *doc = RSS_HEAD("http://example.com/not-sec/") RSS_ITEM
	    "</rdf:RDF>\n";
	struct feed_vulnstore *vs = import(doc, 0);

	(void)state;
	/* No sec:identifier, so no entry. */
	assert_int_equal(feed_vulnstore_count(vs), 0);
	feed_vulnstore_free(vs);
}

/* The same JVNDB id from an overview feed and a detail document is one
 * entry holding both documents' data, scores not repeated. */
static void
test_feed_jvn__rss_and_vuldef_merge(void **state)
{
	const char *rss = RSS_HEAD("http://jvn.jp/rss/mod_sec/3.0/") RSS_ITEM
	    "</rdf:RDF>\n";
	char *det = vuldef_doc("ja",
	    "<Vulinfo><VulinfoID>JVNDB-2022-017708</VulinfoID><VulinfoData>"
	    "<Impact><Cvss version=\"3.0\"><Severity type=\"Base\">Medium"
	    "</Severity><Base>5.5</Base><Vector>CVSS:3.0/AV:L/AC:L/PR:L/UI:N/"
	    "S:U/C:N/I:N/A:H</Vector></Cvss></Impact></VulinfoData></Vulinfo>",
	    "");
	struct feed_vulnstore *vs = import(rss, 0);

	(void)state;
	assert_int_equal(feed_jvn_import_mem(vs, det, strlen(det), "d.xml"),
	    0);
	assert_int_equal(feed_vulnstore_count(vs), 1);
	assert_int_equal(one(vs, "JVNDB-2022-017708")->nscores, 2);
	feed_vulnstore_free(vs);
	free(det);
}

static void
test_feed_jvn__not_jvn(void **state)
{
	const char *doc = "<oval_definitions/>";
	struct feed_vulnstore *vs = import(doc, KS_EPARSE);

	(void)state;
	assert_non_null(strstr(ks_error_msg(), "oval_definitions"));
	feed_vulnstore_free(vs);
}

static void
test_feed_jvn__malformed(void **state)
{
	const char *doc = RSS_HEAD("http://jvn.jp/rss/mod_sec/") "<item>";
	struct feed_vulnstore *vs = import(doc, KS_EPARSE);

	(void)state;
	assert_non_null(strstr(ks_error_msg(), "t.xml"));
	feed_vulnstore_free(vs);
}

/* A title longer than the field cap is cut at a character boundary. */
static void
test_feed_jvn__long_title_capped(void **state)
{
	struct ks_buf b;
	char *doc;
	struct feed_vulnstore *vs;
	const struct feed_vuln *v;

	(void)state;
	ks_buf_init(&b, 0);
	ks_buf_puts(&b, "<Vulinfo><VulinfoID>JVNDB-2024-000001</VulinfoID>"
	    "<VulinfoData><Title>");
	for (int i = 0; i < 5000; i++)
		ks_buf_puts(&b, "脆");	/* 3 bytes each */
	ks_buf_puts(&b, "</Title></VulinfoData></Vulinfo>");
	doc = vuldef_doc("ja", b.data, "");
	vs = import(doc, 0);
	v = one(vs, "JVNDB-2024-000001");
	assert_true(strlen(v->title_ja) <= 8192);
	assert_int_equal(strlen(v->title_ja) % 3, 0);
	assert_true(ks_utf8_valid(v->title_ja, strlen(v->title_ja)));
	feed_vulnstore_free(vs);
	free(doc);
	ks_buf_free(&b);
}

/* ---- the same id in several files: the newest statement wins ---------- */

/*
 * A JVNDBRSS document with one item for JVNDB-2022-000042, dated by
 * dcterms:modified (or dc:date only when `modified` is NULL), with its own
 * title, CVE and CVSS score.
 */
static char *
dated_rss(const char *date, const char *modified, const char *title,
    const char *cve, const char *score)
{
	char *mod = modified ? ks_asprintf("<dcterms:modified>%s"
	    "</dcterms:modified>\n", modified) : ks_strdup("");
	char *doc = ks_asprintf(
	    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\""
	    " xmlns=\"http://purl.org/rss/1.0/\""
	    " xmlns:dc=\"http://purl.org/dc/elements/1.1/\""
	    " xmlns:dcterms=\"http://purl.org/dc/terms/\""
	    " xmlns:sec=\"http://jvn.jp/rss/mod_sec/\" xml:lang=\"ja\">\n"
	    "<channel rdf:about=\"https://jvndb.jvn.jp/ja/rss/jvndb.rdf\">"
	    "<title>JVNDB</title><dc:date>2030-01-01T00:00+09:00</dc:date>"
	    "</channel>\n"
	    "<item rdf:about=\"https://jvndb.jvn.jp/ja/contents/2022/"
	    "JVNDB-2022-000042.html\">\n"
	    "<title>%s</title>\n"
	    "<sec:identifier>JVNDB-2022-000042</sec:identifier>\n"
	    "<sec:references source=\"CVE\" id=\"%s\">"
	    "https://www.cve.org/CVERecord?id=%s</sec:references>\n"
	    "<sec:cvss version=\"3.0\" score=\"%s\" type=\"Base\" "
	    "severity=\"High\" vector=\"CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/"
	    "I:N/A:N\"/>\n"
	    "<dc:date>%s</dc:date>\n%s"
	    "</item>\n</rdf:RDF>\n", title, cve, cve, score, date, mod);

	free(mod);
	return doc;
}

static char *
write_tmp(const char *text)
{
	char path[] = "/tmp/kensa-jvn-XXXXXX";
	int fd = mkstemp(path);

	assert_true(fd >= 0);
	assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	close(fd);
	return ks_strdup(path);
}

/* Imports the files in the order given into a fresh store. */
static struct feed_vulnstore *
import_files(char *const *paths, size_t n)
{
	struct feed_vulnstore *vs;

	assert_int_equal(feed_vulnstore_new(&vs), 0);
	for (size_t i = 0; i < n; i++)
		assert_int_equal(feed_jvn_import(vs, paths[i]), 0);
	return vs;
}

static int
count_cb(const struct feed_vuln *v, void *payload)
{
	(void)v;
	(*(int *)payload)++;
	return 0;
}

static int
lookups(struct feed_vulnstore *vs, const char *id)
{
	int n = 0;

	feed_vulnstore_lookup(vs, id, count_cb, &n);
	return n;
}

/*
 * MYJVN.md §5: an id can appear in a yearly feed (jvndb_2022.rdf) and in
 * the recent-changes feed (jvndb.rdf) or another year's file; keep the
 * statement with the newest dcterms:modified, in whichever order the
 * files are read. The older statement leaves nothing behind: not its
 * title, score nor CVE alias.
 */
static void
test_feed_jvn__dedup_newest_wins(void **state)
{
	char *year = dated_rss("2022-03-01T10:00+09:00",
	    "2022-03-01T10:00:00+09:00", "old title", "CVE-2022-1111", "7.5");
	char *recent = dated_rss("2022-03-01T10:00+09:00",
	    "2024-06-30T18:30:00+09:00", "new title", "CVE-2022-2222", "5.3");
	char *p[2] = { write_tmp(year), write_tmp(recent) };
	char *rev[2] = { p[1], p[0] };
	struct feed_vulnstore *vs;
	const struct feed_vuln *v;

	(void)state;
	for (int order = 0; order < 2; order++) {
		vs = import_files(order == 0 ? p : rev, 2);
		assert_int_equal(feed_vulnstore_count(vs), 1);
		v = one(vs, "JVNDB-2022-000042");
		assert_string_equal(v->title_ja, "new title");
		assert_string_equal(v->modified, "2024-06-30T18:30:00+09:00");
		assert_int_equal(v->nscores, 1);
		assert_string_equal(v->scores[0].stated, "5.3");
		assert_int_equal(v->naliases, 1);
		assert_string_equal(v->aliases[0], "CVE-2022-2222");
		assert_ptr_equal(one(vs, "CVE-2022-2222"), v);
		assert_int_equal(lookups(vs, "CVE-2022-1111"), 0);
		feed_vulnstore_free(vs);
	}
	/* The date is saved (store version 2): the older file imported into
	 * a store loaded from disk is still the older one. */
	{
		char *kvs = ks_asprintf("%s.kvs", p[1]);

		vs = import_files(&p[1], 1);
		assert_int_equal(feed_vulnstore_save(vs, kvs), 0);
		feed_vulnstore_free(vs);
		vs = NULL;
		assert_int_equal(feed_vulnstore_load(&vs, kvs), 0);
		assert_int_equal(feed_jvn_import(vs, p[0]), 0);
		v = one(vs, "JVNDB-2022-000042");
		assert_string_equal(v->title_ja, "new title");
		assert_string_equal(v->modified, "2024-06-30T18:30:00+09:00");
		assert_int_equal(lookups(vs, "CVE-2022-1111"), 0);
		feed_vulnstore_free(vs);
		unlink(kvs);
		free(kvs);
	}
	for (int i = 0; i < 2; i++) {
		unlink(p[i]);
		free(p[i]);
	}
	free(year);
	free(recent);
}

/* Dates are compared as instants: 08:00 at +09:00 is before 23:30 UTC of
 * the previous day. dc:date dates an item without dcterms:modified. */
static void
test_feed_jvn__dedup_time_zones(void **state)
{
	char *a = dated_rss("2024-01-02T08:00+09:00", NULL, "tokyo morning",
	    "CVE-2024-0001", "1.0");
	char *b = dated_rss("2024-01-01T20:00+09:00",
	    "2024-01-01T23:30:00Z", "utc night", "CVE-2024-0002", "2.0");
	char *p[2] = { write_tmp(a), write_tmp(b) };
	char *rev[2] = { p[1], p[0] };
	struct feed_vulnstore *vs;

	(void)state;
	for (int order = 0; order < 2; order++) {
		vs = import_files(order == 0 ? p : rev, 2);
		assert_string_equal(one(vs, "JVNDB-2022-000042")->title_ja,
		    "utc night");
		feed_vulnstore_free(vs);
	}
	for (int i = 0; i < 2; i++) {
		unlink(p[i]);
		free(p[i]);
	}
	free(a);
	free(b);
}

/* VULDEF detail files are dated by DateLastUpdated; the same date (or no
 * date) merges as before. */
static void
test_feed_jvn__dedup_vuldef(void **state)
{
	char *old = vuldef_doc("ja",
	    "<Vulinfo><VulinfoID>JVNDB-2023-000007</VulinfoID><VulinfoData>"
	    "<Title>first statement</Title>"
	    "<DateLastUpdated>2023-05-01T12:00:00+09:00</DateLastUpdated>"
	    "</VulinfoData></Vulinfo>", "");
	char *upd = vuldef_doc("ja",
	    "<Vulinfo><VulinfoID>JVNDB-2023-000007</VulinfoID><VulinfoData>"
	    "<Title>revised</Title>"
	    "<DateLastUpdated>2023-11-20T12:00:00+09:00</DateLastUpdated>"
	    "</VulinfoData></Vulinfo>", "");
	char *same = vuldef_doc("en",
	    "<Vulinfo><VulinfoID>JVNDB-2023-000007</VulinfoID><VulinfoData>"
	    "<Title>revised, in English</Title>"
	    "<DateLastUpdated>2023-11-20T03:00:00Z</DateLastUpdated>"
	    "</VulinfoData></Vulinfo>", "");
	char *p[3] = { write_tmp(upd), write_tmp(old), write_tmp(same) };
	struct feed_vulnstore *vs = import_files(p, 3);
	const struct feed_vuln *v = one(vs, "JVNDB-2023-000007");

	(void)state;
	assert_string_equal(v->title_ja, "revised");
	assert_string_equal(v->title_en, "revised, in English");
	feed_vulnstore_free(vs);
	for (int i = 0; i < 3; i++) {
		unlink(p[i]);
		free(p[i]);
	}
	free(old);
	free(upd);
	free(same);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_feed_jvn__vuldef),
		cmocka_unit_test(test_feed_jvn__vuldef_english),
		cmocka_unit_test(test_feed_jvn__status_error),
		cmocka_unit_test(test_feed_jvn__rss_feed_namespace),
		cmocka_unit_test(test_feed_jvn__rss_api_namespace),
		cmocka_unit_test(test_feed_jvn__rss_foreign_namespace_ignored),
		cmocka_unit_test(test_feed_jvn__rss_and_vuldef_merge),
		cmocka_unit_test(test_feed_jvn__not_jvn),
		cmocka_unit_test(test_feed_jvn__malformed),
		cmocka_unit_test(test_feed_jvn__long_title_capped),
		cmocka_unit_test(test_feed_jvn__dedup_newest_wins),
		cmocka_unit_test(test_feed_jvn__dedup_time_zones),
		cmocka_unit_test(test_feed_jvn__dedup_vuldef),
	};

	ks_xml_init();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
