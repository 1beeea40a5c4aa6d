/*
 * Tests for the MyJVN answer parsers and request URLs (feeds/feed_myjvn.c).
 * The documents follow the official HND samples (MyJVN/np examples/hnd),
 * cut down; paging over HTTPS is tested in tests/e2e/feeds-https.sh.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "platform/base/base.h"
#include "feeds/feeds.h"
#include "feeds/feed_int_fetch.h"

static const char overview[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<rdf:RDF xmlns=\"http://purl.org/rss/1.0/\"\n"
    "  xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\"\n"
    "  xmlns:dcterms=\"http://purl.org/dc/terms/\"\n"
    "  xmlns:sec=\"http://jvn.jp/rss/mod_sec/3.0/\"\n"
    "  xmlns:status=\"http://jvndb.jvn.jp/myjvn/Status\">\n"
    "  <channel rdf:about=\"https://jvndb.jvn.jp/apis/myjvn\">\n"
    "    <title>JVNDB 脆弱性対策情報</title>\n"
    "  </channel>\n"
    "  <item rdf:about=\"https://jvndb.jvn.jp/ja/contents/2025/JVNDB-2025-002953.html\">\n"
    "    <title>WordPress 用 Sunshine Photo Cart における脆弱性</title>\n"
    "    <link>https://jvndb.jvn.jp/ja/contents/2025/JVNDB-2025-002953.html</link>\n"
    "    <sec:identifier>JVNDB-2025-002953</sec:identifier>\n"
    "    <sec:cvss score=\"5.0\" severity=\"Medium\" vector=\"AV:N/AC:L/Au:N/C:N/I:N/A:P\" version=\"2.0\" type=\"Base\" />\n"
    "    <sec:cvss score=\"9.8\" severity=\"Critical\"\n"
    "      vector=\"CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H\" version=\"3.0\" type=\"Base\" />\n"
    "    <dcterms:modified>2025-04-04T14:45:58+09:00</dcterms:modified>\n"
    "  </item>\n"
    "  <item rdf:about=\"x\">\n"
    "    <title><![CDATA[second]]></title>\n"
    "    <sec:identifier>\n      JVNDB-2025-002884\n    </sec:identifier>\n"
    "  </item>\n"
    "  <status:Status version=\"3.3\" method=\"getVulnOverviewList\" lang=\"ja\"\n"
    "    retCd=\"0\" retMax=\"50\" errCd=\"\" errMsg=\"\" totalRes=\"6\"\n"
    "    totalResRet=\"2\" firstRes=\"3\" feed=\"hnd\" maxCountItem=\"2\" />\n"
    "</rdf:RDF>\n";

struct seen {
	int	n;
	char	ids[4][32];
	char	cvss[4][32];
};

static int
collect(const struct feed_myjvn_item *it, void *payload)
{
	struct seen *s = payload;

	if (s->n < 4) {
		snprintf(s->ids[s->n], sizeof(s->ids[0]), "%s", it->id);
		snprintf(s->cvss[s->n], sizeof(s->cvss[0]), "%s %s %s",
		    it->cvss_version ? it->cvss_version : "-",
		    it->cvss_score ? it->cvss_score : "-",
		    it->cvss_severity ? it->cvss_severity : "-");
	}
	s->n++;
	return 0;
}

static void
test_feed_myjvn__overview(void **state)
{
	struct feed_myjvn_status st;
	struct seen s;

	memset(&s, 0, sizeof(s));
	assert_int_equal(feed_myjvn_parse_overview(overview, strlen(overview),
	    "ov.xml", collect, &s, &st), 0);
	assert_int_equal(s.n, 2);
	assert_string_equal(s.ids[0], "JVNDB-2025-002953");
	/* The newest CVSS version of an item is the one reported. */
	assert_string_equal(s.cvss[0], "3.0 9.8 Critical");
	assert_string_equal(s.ids[1], "JVNDB-2025-002884");
	assert_string_equal(s.cvss[1], "- - -");
	assert_true(st.seen);
	assert_int_equal(st.ret_cd, 0);
	assert_int_equal(st.total_res, 6);
	assert_int_equal(st.total_res_ret, 2);
	assert_int_equal(st.first_res, 3);
}

static int
stop_at_first(const struct feed_myjvn_item *it, void *payload)
{
	(*(int *)payload)++;
	return 42;
}

static void
test_feed_myjvn__callback_stops(void **state)
{
	struct feed_myjvn_status st;
	int n = 0;

	assert_int_equal(feed_myjvn_parse_overview(overview, strlen(overview),
	    "ov.xml", stop_at_first, &n, &st), 42);
	assert_int_equal(n, 1);
}

static void
test_feed_myjvn__error_status(void **state)
{
	/* An error answer keeps the root and holds only status:Status. */
	static const char err[] =
	    "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\"\n"
	    " xmlns:status=\"http://jvndb.jvn.jp/myjvn/Status\">\n"
	    " <status:Status version=\"3.3\" method=\"getVulnOverviewList\"\n"
	    "  retCd=\"1\" retMax=\"\" errCd=\"VL01020003\"\n"
	    "  errMsg=\"startItemは正の整数値のみ指定可能です。\" totalRes=\"\"\n"
	    "  totalResRet=\"\" firstRes=\"\" />\n"
	    "</rdf:RDF>\n";
	static const char notstatus[] =
	    "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">"
	    "<Status retCd=\"0\"/></rdf:RDF>";
	struct feed_myjvn_status st;
	struct seen s;

	memset(&s, 0, sizeof(s));
	assert_int_equal(feed_myjvn_parse_overview(err, strlen(err), "e.xml",
	    collect, &s, &st), 0);
	assert_int_equal(s.n, 0);
	assert_true(st.seen);
	assert_int_equal(st.ret_cd, 1);
	assert_string_equal(st.err_cd, "VL01020003");
	assert_string_equal(st.err_msg, "startItemは正の整数値のみ指定可能です。");
	/* A Status outside the MyJVN namespace is not the status. */
	assert_int_equal(feed_myjvn_parse_overview(notstatus,
	    strlen(notstatus), "n.xml", collect, &s, &st), 0);
	assert_false(st.seen);
	/* Malformed XML is a parse error with the document's name. */
	assert_int_equal(feed_myjvn_parse_overview("<a><b></a>", 10, "m.xml",
	    collect, &s, &st), KS_EPARSE);
	assert_non_null(strstr(ks_error_msg(), "m.xml"));
}

static void
test_feed_myjvn__item_without_id(void **state)
{
	static const char doc[] =
	    "<rdf:RDF xmlns=\"http://purl.org/rss/1.0/\" "
	    "xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">"
	    "<item><title>t</title></item></rdf:RDF>";
	struct feed_myjvn_status st;
	struct seen s;

	memset(&s, 0, sizeof(s));
	assert_int_equal(feed_myjvn_parse_overview(doc, strlen(doc), "i.xml",
	    collect, &s, &st), KS_EPARSE);
	assert_non_null(strstr(ks_error_msg(), "item without sec:identifier"));
}

static int
entry(const struct feed_myjvn_entry *e, void *payload)
{
	struct ks_buf *b = payload;

	ks_buf_printf(b, "%s|%s|%s|%s;", e->vendor, e->vendor_cpe,
	    e->product ? e->product : "-", e->pid ? e->pid : "-");
	return 0;
}

static void
test_feed_myjvn__results(void **state)
{
	/* getProductList_hnd.xml / getVendorList_hnd.xml, cut down */
	static const char doc[] =
	    "<Result version=\"3.3\" xmlns=\"http://jvndb.jvn.jp/myjvn/Results\"\n"
	    "  xmlns:status=\"http://jvndb.jvn.jp/myjvn/Status\">\n"
	    "  <VendorInfo xml:lang=\"ja\">\n"
	    "    <Vendor vname=\"マイクロソフト\" cpe=\"cpe:/:microsoft\" vid=\"2\">\n"
	    "      <Product pname=\"Microsoft Excel\" cpe=\"cpe:/a:microsoft:excel\" pid=\"24\"/>\n"
	    "      <Product pname=\"Microsoft Word\" cpe=\"cpe:/a:microsoft:word\" pid=\"25\"></Product>\n"
	    "    </Vendor>\n"
	    "    <Vendor vname=\"Apache\" cpe=\"cpe:/:apache\" vid=\"7\"/>\n"
	    "    <Vendor vname=\"ISC\" cpe=\"cpe:/:isc\" vid=\"8\"></Vendor>\n"
	    "  </VendorInfo>\n"
	    "  <status:Status version=\"3.3\" method=\"getProductList\" retCd=\"0\"\n"
	    "    retMax=\"10000\" errCd=\"\" errMsg=\"\" totalRes=\"4\" totalResRet=\"4\" firstRes=\"1\"/>\n"
	    "</Result>\n";
	struct feed_myjvn_status st;
	struct ks_buf b;

	ks_buf_init(&b, 0);
	assert_int_equal(feed_myjvn_parse_results(doc, strlen(doc), "r.xml",
	    entry, &b, &st), 0);
	assert_string_equal(b.data,
	    "マイクロソフト|cpe:/:microsoft|Microsoft Excel|24;"
	    "マイクロソフト|cpe:/:microsoft|Microsoft Word|25;"
	    "Apache|cpe:/:apache|-|-;"
	    "ISC|cpe:/:isc|-|-;");
	assert_int_equal(st.total_res, 4);
	ks_buf_free(&b);
}

static void
test_feed_myjvn__detail(void **state)
{
	/* getVulnDetailInfo_hnd_JVNDB-2018-009328.xml, cut down */
	static const char doc[] =
	    "<VULDEF-Document version=\"3.2\" xmlns=\"http://jvn.jp/vuldef/\"\n"
	    "  xmlns:status=\"http://jvndb.jvn.jp/myjvn/Status\">\n"
	    "  <Vulinfo>\n"
	    "    <VulinfoID>JVNDB-2018-009328</VulinfoID>\n"
	    "    <VulinfoData>\n"
	    "      <Title>JP1/VERITAS 製品における複数の脆弱性</Title>\n"
	    "      <VulinfoDescription><Overview>複数の脆弱性</Overview></VulinfoDescription>\n"
	    "      <Impact>\n"
	    "        <Cvss version=\"2.0\"><Severity type=\"Base\">High</Severity>\n"
	    "          <Base>10</Base><Vector>AV:N/AC:L/Au:N/C:C/I:C/A:C</Vector></Cvss>\n"
	    "        <Cvss version=\"3.0\"><Vector>CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H</Vector>\n"
	    "          <Base>9.8</Base><Severity type=\"Base\">Critical</Severity></Cvss>\n"
	    "      </Impact>\n"
	    "      <Related>\n"
	    "        <RelatedItem type=\"advisory\"><Name>CVE</Name>\n"
	    "          <VulinfoID>CVE-2018-12345</VulinfoID></RelatedItem>\n"
	    "        <RelatedItem type=\"vendor\"><Name>Hitachi</Name>\n"
	    "          <VulinfoID>hitachi-sec-2018-133</VulinfoID><Title>x</Title></RelatedItem>\n"
	    "      </Related>\n"
	    "      <DateLastUpdated>2018-11-20T12:12:04+09:00</DateLastUpdated>\n"
	    "      <DatePublic>2018-11-14T00:00:00+09:00</DatePublic>\n"
	    "    </VulinfoData>\n"
	    "  </Vulinfo>\n"
	    "  <status:Status version=\"3.3\" method=\"getVulnDetailInfo\" retCd=\"0\"\n"
	    "    retMax=\"10\" errCd=\"\" errMsg=\"\" totalRes=\"1\" totalResRet=\"1\" firstRes=\"1\"/>\n"
	    "</VULDEF-Document>\n";
	struct feed_myjvn_status st;
	struct feed_myjvn_detail d;

	assert_int_equal(feed_myjvn_parse_detail(doc, strlen(doc), "d.xml", &d,
	    &st), 0);
	assert_string_equal(d.id, "JVNDB-2018-009328");
	assert_string_equal(d.title, "JP1/VERITAS 製品における複数の脆弱性");
	assert_string_equal(d.overview, "複数の脆弱性");
	assert_int_equal(d.ncvss, 2);
	assert_string_equal(d.cvss[0].version, "2.0");
	assert_string_equal(d.cvss[0].score, "10");
	assert_string_equal(d.cvss[1].severity, "Critical");
	assert_string_equal(d.cvss[1].vector,
	    "CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H");
	assert_int_equal(d.ncves, 1);
	assert_string_equal(d.cves[0], "CVE-2018-12345");
	assert_string_equal(d.date_public, "2018-11-14T00:00:00+09:00");
	assert_true(st.seen);
	feed_myjvn_detail_clear(&d);
}

static void
test_feed_myjvn__overview_url(void **state)
{
	struct feed_myjvn_query q;
	char *u;

	memset(&q, 0, sizeof(q));
	/* A %-escape inside a CPE is encoded again (MyJVN API docs). */
	q.cpe = "cpe:/a:apache:xerces-c%2B%2B";
	u = feed_myjvn_overview_url("https://h/myjvn", &q, 51);
	assert_string_equal(u, "https://h/myjvn?method=getVulnOverviewList"
	    "&feed=hnd&startItem=51&maxCountItem=50"
	    "&cpeName=cpe%3A%2Fa%3Aapache%3Axerces-c%252B%252B"
	    "&rangeDatePublic=n&rangeDatePublished=n"
	    "&rangeDateFirstPublished=n");
	free(u);
	q.cpe = NULL;
	q.keyword = "日本 語";
	q.from_year = 2024;
	q.from_month = 1;
	q.to_year = 2025;
	q.lang = "en";
	u = feed_myjvn_overview_url("https://h/api?x=1", &q, 1);
	assert_string_equal(u, "https://h/api?x=1&method=getVulnOverviewList"
	    "&feed=hnd&startItem=1&maxCountItem=50"
	    "&keyword=%E6%97%A5%E6%9C%AC%20%E8%AA%9E"
	    "&rangeDatePublic=n&rangeDatePublished=n"
	    "&rangeDateFirstPublished=n&datePublicStartY=2024"
	    "&datePublicStartM=1&datePublicEndY=2025&lang=en");
	free(u);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_feed_myjvn__overview),
		cmocka_unit_test(test_feed_myjvn__callback_stops),
		cmocka_unit_test(test_feed_myjvn__error_status),
		cmocka_unit_test(test_feed_myjvn__item_without_id),
		cmocka_unit_test(test_feed_myjvn__results),
		cmocka_unit_test(test_feed_myjvn__detail),
		cmocka_unit_test(test_feed_myjvn__overview_url),
	};

	ks_xml_init();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
