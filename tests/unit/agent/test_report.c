/*
 * Tests of the HTML report (agent/report.c with data/xsl/report.xsl) on
 * small results documents written here: an ARF with OVAL results (items
 * capped at 20), XCCDF 1.2 and 1.1 results, Japanese and English texts,
 * content-supplied scripts dropped, fix texts and fix scripts (cut to
 * $max-fix-lines), the findings section from a kensa findings document
 * (the `findings` parameter, a file the sandboxed stylesheet may read; also
 * through kensa scan's agent_scan_report), and the failures: missing or
 * malformed input or findings, documents that are not results, a missing
 * stylesheet, and an output left alone when rendering fails.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include "agent/agent.h"
#include "agent/report.h"
#include "tests/unit/test_tmp.h"

#ifndef KS_SRCDIR
#define KS_SRCDIR "."
#endif

#define NS12	"http://checklists.nist.gov/xccdf/1.2"
#define NS11	"http://checklists.nist.gov/xccdf/1.1"

/* A benchmark with a nested group, three rules and a Value; `ns` is the
 * XCCDF namespace, `extra` goes into the first rule's description. */
#define BENCH_OPEN(ns) \
    "<Benchmark xmlns=\"" ns "\" xmlns:h=\"http://www.w3.org/1999/xhtml\" " \
    "id=\"xccdf_t_benchmark_b\" xml:lang=\"en\"><status>draft</status>" \
    "<title>Test benchmark</title>" \
    "<title xml:lang=\"ja\">テスト用ベンチマーク</title><version>1</version>" \
    "<Profile id=\"xccdf_t_profile_p\"><title>Prof</title></Profile>" \
    "<Value id=\"xccdf_t_value_v\" type=\"number\"><title>V</title>" \
    "<value>7</value></Value>" \
    "<Group id=\"xccdf_t_group_g\"><title>Group one</title>" \
    "<Rule id=\"xccdf_t_rule_a\" severity=\"high\"><title>Rule A</title>" \
    "<title xml:lang=\"ja\">ルール A</title><description>Keep " \
    "<sub idref=\"xccdf_t_value_v\"/> days." \
    "<h:script>alert('x')</h:script><h:a href=\"javascript:evil()\">l" \
    "</h:a><h:code>c</h:code></description>" \
    "<reference href=\"https://example.org/std\">R1</reference>" \
    "<ident system=\"https://ncp.nist.gov/cce\">CCE-1-1</ident>" \
    "<check system=\"http://oval.mitre.org/XMLSchema/oval-definitions-5\">" \
    "<check-content-ref href=\"o.xml\" name=\"oval:t:def:1\"/></check>" \
    "</Rule><Rule id=\"xccdf_t_rule_b\" severity=\"low\"><title>Rule B" \
    "</title></Rule><Rule id=\"xccdf_t_rule_c\" severity=\"medium\">" \
    "<title>Rule C</title></Rule></Group>"

#define TESTRESULT(ns, href) \
    "<TestResult xmlns=\"" ns "\" id=\"xccdf_t_testresult_1\" " \
    "start-time=\"2024-01-01T00:00:00\" end-time=\"2024-01-01T00:00:01\">" \
    "<benchmark href=\"#x\" id=\"xccdf_t_benchmark_b\"/><title>r</title>" \
    "<profile idref=\"xccdf_t_profile_p\"/><target>host1</target>" \
    "<rule-result idref=\"xccdf_t_rule_a\" severity=\"high\">" \
    "<result>fail</result><ident system=\"https://ncp.nist.gov/cce\">" \
    "CCE-1-1</ident><check system=\"http://oval.mitre.org/XMLSchema/" \
    "oval-definitions-5\"><check-content-ref href=\"" href "\" " \
    "name=\"oval:t:def:1\"/></check></rule-result>" \
    "<rule-result idref=\"xccdf_t_rule_b\" severity=\"low\">" \
    "<result>pass</result></rule-result>" \
    "<rule-result idref=\"xccdf_t_rule_c\" severity=\"medium\">" \
    "<result>notselected</result></rule-result>" \
    "<score system=\"urn:xccdf:scoring:default\" maximum=\"100\">50" \
    "</score></TestResult>"

static char tmpdir[64];

static char *
tpath(const char *name)
{
	static char p[4][256];
	static int i;
	char *s = p[i++ % 4];

	assert_true(snprintf(s, 256, "%s/%s", tmpdir, name) < 256);
	return s;
}

static void
write_file(const char *path, const char *text)
{
	FILE *fp = fopen(path, "w");

	assert_non_null(fp);
	assert_int_equal(fputs(text, fp) >= 0, 1);
	assert_int_equal(fclose(fp), 0);
}

static char *
read_all(const char *path)
{
	FILE *fp = fopen(path, "r");
	char *buf;
	long n;

	assert_non_null(fp);
	assert_int_equal(fseek(fp, 0, SEEK_END), 0);
	n = ftell(fp);
	assert_true(n >= 0);
	rewind(fp);
	buf = malloc((size_t)n + 1);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, (size_t)n, fp), (size_t)n);
	buf[n] = '\0';
	fclose(fp);
	return buf;
}

static size_t
count_of(const char *hay, const char *needle)
{
	size_t n = 0;

	for (const char *p = hay; (p = strstr(p, needle)) != NULL; p++)
		n++;
	return n;
}

/* An ARF whose OVAL results have one test with `nitems` items. */
static char *
make_arf(int nitems)
{
	size_t cap = 8192 + (size_t)nitems * 256, len = 0;
	char *s = malloc(cap);
	int n;

	assert_non_null(s);
#define ADD(...) do { \
	n = snprintf(s + len, cap - len, __VA_ARGS__); \
	assert_true(n > 0 && (size_t)n < cap - len); len += (size_t)n; \
    } while (0)
	ADD("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<arf:asset-report-collection xmlns:arf=\"http://scap.nist.gov/"
	    "schema/asset-reporting-format/1.1\" xmlns:core=\"http://scap."
	    "nist.gov/schema/reporting-core/1.1\"><arf:report-requests>"
	    "<arf:report-request id=\"collection1\"><arf:content>"
	    "<ds:data-stream-collection xmlns:ds=\"http://scap.nist.gov/schema/"
	    "scap/source/1.2\" id=\"scap_t_collection_c\"><ds:component "
	    "id=\"scap_t_comp_x\" timestamp=\"2024-01-01T00:00:00\">%s"
	    "</Benchmark></ds:component></ds:data-stream-collection>"
	    "</arf:content></arf:report-request></arf:report-requests>"
	    "<arf:reports><arf:report id=\"xccdf1\"><arf:content>%s"
	    "</arf:content></arf:report><arf:report id=\"oval0\">"
	    "<arf:content><oval_results xmlns=\"http://oval.mitre.org/"
	    "XMLSchema/oval-results-5\"><results><system><definitions>"
	    "<definition definition_id=\"oval:t:def:1\" result=\"false\" "
	    "version=\"1\"><criteria operator=\"AND\" result=\"false\">"
	    "<criterion test_ref=\"oval:t:tst:1\" version=\"1\" "
	    "result=\"false\"/></criteria></definition></definitions><tests>"
	    "<test test_id=\"oval:t:tst:1\" version=\"1\" check=\"all\" "
	    "result=\"false\">", BENCH_OPEN(NS12), TESTRESULT(NS12, "#oval0"));
	for (int i = 0; i < nitems; i++)
		ADD("<tested_item item_id=\"%d\" result=\"false\"/>", 100 + i);
	ADD("</test></tests><oval_system_characteristics xmlns=\"http://oval."
	    "mitre.org/XMLSchema/oval-system-characteristics-5\" xmlns:ind="
	    "\"http://oval.mitre.org/XMLSchema/oval-system-characteristics-5"
	    "#independent\"><system_data>");
	for (int i = 0; i < nitems; i++)
		ADD("<ind:textfilecontent_item id=\"%d\" status=\"exists\">"
		    "<ind:filepath>/etc/f%d</ind:filepath><ind:text>zq%d"
		    "</ind:text></ind:textfilecontent_item>", 100 + i, i, i);
	ADD("</system_data></oval_system_characteristics></system></results>"
	    "</oval_results></arf:content></arf:report></arf:reports>"
	    "</arf:asset-report-collection>\n");
#undef ADD
	return s;
}

static int
setup(void **state)
{
	(void)state;
	snprintf(tmpdir, sizeof(tmpdir), "/tmp/kensa-report-XXXXXX");
	if (mkdtemp(tmpdir) == NULL)
		return -1;
	setenv("KENSA_DATADIR", KS_SRCDIR "/data", 1);
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	return test_tmp_rm(tmpdir) == 0 ? 0 : -1;
}

static void
test_report__arf_en_ja(void **state)
{
	char *arf = make_arf(3), *html;

	(void)state;
	write_file(tpath("arf.xml"), arf);
	free(arf);
	assert_int_equal(agent_report_html(tpath("arf.xml"),
	    tpath("en.html"), "en", NULL), 0);
	html = read_all(tpath("en.html"));
	assert_non_null(strstr(html, "<html lang=\"en\">"));
	assert_non_null(strstr(html, "Test benchmark"));
	assert_non_null(strstr(html, "id=\"count-fail\" data-count=\"1\""));
	assert_non_null(strstr(html, "id=\"count-pass\" data-count=\"1\""));
	assert_non_null(strstr(html, "id=\"count-notselected\" "
	    "data-count=\"1\""));
	assert_non_null(strstr(html, "id=\"count-fail-high\" "
	    "data-count=\"1\""));
	assert_non_null(strstr(html, "id=\"count-total\" data-count=\"3\""));
	assert_non_null(strstr(html, "Group one"));
	assert_non_null(strstr(html, "Rule A"));
	assert_non_null(strstr(html, "CCE-1-1"));
	assert_non_null(strstr(html, ">fail<"));
	/* The sub shows the Value, the OVAL evidence its items. */
	assert_non_null(strstr(html, "<code class=\"sub\">7</code>"));
	assert_non_null(strstr(html, "Collected items: 3"));
	assert_non_null(strstr(html, "/etc/f2"));
	assert_null(strstr(html, "more items not shown"));
	/* A rule not selected is listed, hidden, without details. */
	assert_non_null(strstr(html, "data-result=\"notselected\" "
	    "data-severity=\"medium\" hidden"));
	assert_null(strstr(html, "不適合"));
	free(html);

	assert_int_equal(agent_report_html(tpath("arf.xml"),
	    tpath("ja.html"), "ja", NULL), 0);
	html = read_all(tpath("ja.html"));
	assert_non_null(strstr(html, "<html lang=\"ja\">"));
	assert_non_null(strstr(html, "テスト用ベンチマーク"));
	assert_non_null(strstr(html, "ルール A"));
	assert_non_null(strstr(html, "不適合"));
	assert_non_null(strstr(html, "収集した項目：3 件"));
	/* No Japanese title: the English one. */
	assert_non_null(strstr(html, "Rule B"));
	assert_non_null(strstr(html, "id=\"count-fail\" data-count=\"1\""));
	free(html);
}

static void
test_report__items_capped(void **state)
{
	char *arf = make_arf(25), *html;

	(void)state;
	write_file(tpath("arf25.xml"), arf);
	free(arf);
	assert_int_equal(agent_report_html(tpath("arf25.xml"),
	    tpath("arf25.html"), "en", NULL), 0);
	html = read_all(tpath("arf25.html"));
	assert_non_null(strstr(html, "Collected items: 25"));
	assert_non_null(strstr(html, "data-count=\"5\">5 more items not "
	    "shown"));
	/* Items 0..19 shown, 20..24 not. */
	assert_non_null(strstr(html, "/etc/f19<"));
	assert_null(strstr(html, "/etc/f20<"));
	assert_int_equal(count_of(html, ">zq"), 20);
	free(html);
}

static void
test_report__content_scripts_dropped(void **state)
{
	char *arf = make_arf(1), *html;

	(void)state;
	write_file(tpath("s.xml"), arf);
	free(arf);
	assert_int_equal(agent_report_html(tpath("s.xml"), tpath("s.html"),
	    "en", NULL), 0);
	html = read_all(tpath("s.html"));
	assert_null(strstr(html, "alert('x')"));
	assert_null(strstr(html, "javascript:"));
	/* Formatting is kept, without the namespace. */
	assert_non_null(strstr(html, "<code>c</code>"));
	free(html);
}

static void
test_report__xccdf_results_12_and_11(void **state)
{
	static const char *const docs[2] = {
		"<?xml version=\"1.0\"?>\n" BENCH_OPEN(NS12)
		TESTRESULT(NS12, "o.xml") "</Benchmark>\n",
		"<?xml version=\"1.0\"?>\n" BENCH_OPEN(NS11)
		TESTRESULT(NS11, "o.xml") "</Benchmark>\n",
	};

	(void)state;
	for (int i = 0; i < 2; i++) {
		char *html;

		write_file(tpath("x.xml"), docs[i]);
		assert_int_equal(agent_report_html(tpath("x.xml"),
		    tpath("x.html"), "ja", NULL), 0);
		html = read_all(tpath("x.html"));
		assert_non_null(strstr(html, "テスト用ベンチマーク"));
		assert_non_null(strstr(html, "ルール A"));
		assert_non_null(strstr(html, "id=\"count-fail\" "
		    "data-count=\"1\""));
		assert_non_null(strstr(html, "id=\"count-pass\" "
		    "data-count=\"1\""));
		/* No OVAL results in the document: said so, not invented. */
		assert_non_null(strstr(html, "OVAL 結果がありません"));
		assert_non_null(strstr(html, "Prof"));
		free(html);
	}
}

static void
test_report__lang_from_locale(void **state)
{
	char *arf = make_arf(1), *html;

	(void)state;
	write_file(tpath("l.xml"), arf);
	free(arf);
	setenv("LC_ALL", "", 1);
	setenv("LC_MESSAGES", "", 1);
	setenv("LANG", "ja_JP.UTF-8", 1);
	assert_int_equal(agent_report_html(tpath("l.xml"), tpath("l.html"),
	    NULL, NULL), 0);
	html = read_all(tpath("l.html"));
	assert_non_null(strstr(html, "不適合"));
	free(html);
	setenv("LC_ALL", "C", 1);
	assert_int_equal(agent_report_html(tpath("l.xml"), tpath("l.html"),
	    NULL, NULL), 0);
	html = read_all(tpath("l.html"));
	assert_null(strstr(html, "不適合"));
	free(html);
	unsetenv("LC_ALL");
	unsetenv("LANG");
}

static void
test_report__missing_input(void **state)
{
	(void)state;
	assert_true(agent_report_html(tpath("nothere.xml"),
	    tpath("o.html"), "en", NULL) < 0);
	assert_non_null(strstr(ks_error_msg(), "nothere.xml"));
	assert_int_equal(access(tpath("o.html"), F_OK), -1);
}

static void
test_report__malformed_input(void **state)
{
	(void)state;
	write_file(tpath("bad.xml"), "<TestResult xmlns=\"" NS12 "\"><x>");
	assert_int_equal(agent_report_html(tpath("bad.xml"),
	    tpath("o.html"), "en", NULL), KS_EPARSE);
	assert_non_null(strstr(ks_error_msg(), "bad.xml"));
}

static void
test_report__not_results(void **state)
{
	(void)state;
	write_file(tpath("defs.xml"), "<oval_definitions xmlns=\"http://"
	    "oval.mitre.org/XMLSchema/oval-definitions-5\"/>");
	assert_int_equal(agent_report_html(tpath("defs.xml"),
	    tpath("o.html"), "en", NULL), KS_EUNSUPPORTED);
	assert_non_null(strstr(ks_error_msg(), "defs.xml"));
	assert_non_null(strstr(ks_error_msg(), "oval_definitions"));

	write_file(tpath("bench.xml"), "<?xml version=\"1.0\"?>\n"
	    BENCH_OPEN(NS12) "</Benchmark>\n");
	assert_int_equal(agent_report_html(tpath("bench.xml"),
	    tpath("o.html"), "en", NULL), KS_EUNSUPPORTED);
	assert_non_null(strstr(ks_error_msg(), "bench.xml"));
	assert_non_null(strstr(ks_error_msg(), "TestResult"));
	assert_int_equal(access(tpath("o.html"), F_OK), -1);
}

static void
test_report__missing_stylesheet(void **state)
{
	char *arf = make_arf(1), *out;

	(void)state;
	write_file(tpath("m.xml"), arf);
	free(arf);
	/* An earlier report stays as it was. */
	write_file(tpath("keep.html"), "old");
	setenv("KENSA_DATADIR", tmpdir, 1);
	assert_int_equal(agent_report_html(tpath("m.xml"),
	    tpath("keep.html"), "en", NULL), KS_ENOTFOUND);
	setenv("KENSA_DATADIR", KS_SRCDIR "/data", 1);
	assert_non_null(strstr(ks_error_msg(), "report.xsl"));
	out = read_all(tpath("keep.html"));
	assert_string_equal(out, "old");
	free(out);
}

/* A stylesheet (standing in for a tampered data directory) may read only
 * its own directory and write nothing. */
static void
test_report__stylesheet_sandboxed(void **state)
{
	char *arf = make_arf(1), *out;
	char dir[128];

	(void)state;
	write_file(tpath("sb.xml"), arf);
	free(arf);
	assert_true(snprintf(dir, sizeof(dir), "%s/xsl", tmpdir) <
	    (int)sizeof(dir));
	assert_int_equal(mkdir(dir, 0700), 0);
	write_file(tpath("secret.xml"), "<s>TOPSECRET</s>");
	write_file(tpath("xsl/own.xml"), "<s>OWNTEXT</s>");
	setenv("KENSA_DATADIR", tmpdir, 1);

	/* Its own directory: allowed. */
	write_file(tpath("xsl/report.xsl"), "<xsl:stylesheet version=\"1.0\" "
	    "xmlns:xsl=\"http://www.w3.org/1999/XSL/Transform\">"
	    "<xsl:template match=\"/\"><p><xsl:value-of select=\"document("
	    "'own.xml')\"/></p></xsl:template></xsl:stylesheet>");
	assert_int_equal(agent_report_html(tpath("sb.xml"), tpath("sb.html"),
	    "en", NULL), 0);
	out = read_all(tpath("sb.html"));
	assert_non_null(strstr(out, "OWNTEXT"));
	free(out);

	/* A file next to it: refused, the render fails. */
	write_file(tpath("xsl/report.xsl"), "<xsl:stylesheet version=\"1.0\" "
	    "xmlns:xsl=\"http://www.w3.org/1999/XSL/Transform\">"
	    "<xsl:template match=\"/\"><p><xsl:value-of select=\"document("
	    "'../secret.xml')\"/></p></xsl:template></xsl:stylesheet>");
	assert_int_equal(agent_report_html(tpath("sb.xml"), tpath("sb2.html"),
	    "en", NULL), KS_ERROR);
	assert_non_null(strstr(ks_error_msg(), "sb.xml"));
	assert_int_equal(access(tpath("sb2.html"), F_OK), -1);

	/* Writing a file (xsl:document of XSLT 1.1): refused. */
	write_file(tpath("xsl/report.xsl"), "<xsl:stylesheet version=\"1.1\" "
	    "xmlns:xsl=\"http://www.w3.org/1999/XSL/Transform\">"
	    "<xsl:template match=\"/\"><xsl:document href=\"written.html\">"
	    "<p>x</p></xsl:document><p>y</p></xsl:template>"
	    "</xsl:stylesheet>");
	assert_true(agent_report_html(tpath("sb.xml"), tpath("sb3.html"),
	    "en", NULL) < 0);
	assert_int_equal(access(tpath("written.html"), F_OK), -1);
	assert_int_equal(access(tpath("xsl/written.html"), F_OK), -1);
	setenv("KENSA_DATADIR", KS_SRCDIR "/data", 1);
}

static void
test_report__command(void **state)
{
	char *arf = make_arf(1), *html;
	char *badlang[] = { "report", "--lang", "fr", NULL, NULL };
	char *noarg[] = { "report", NULL };

	(void)state;
	write_file(tpath("c.xml"), arf);
	free(arf);
	{
		char *argv[] = { "report", "--lang", "ja", "--output",
		    tpath("c.html"), tpath("c.xml"), NULL };

		assert_int_equal(agent_cmd_report(6, argv), 0);
	}
	html = read_all(tpath("c.html"));
	assert_non_null(strstr(html, "不適合"));
	free(html);
	badlang[3] = tpath("c.xml");
	assert_int_equal(agent_cmd_report(4, badlang), 1);
	assert_int_equal(agent_cmd_report(1, noarg), 1);
}

/* A findings document as agent/findings.c writes it: a scored finding
 * with a Japanese title only, one without CVSS, one with a fixed version
 * unknown; references of http(s) and of another scheme. */
#define FINDINGS_DOC \
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" \
    "<findings xmlns=\"urn:kensa:findings:1\" version=\"1\" " \
    "generator=\"kensa 0.1.0\" lang=\"en\"><target name=\"root:/r\"/>" \
    "<summary total=\"3\" critical=\"1\" high=\"0\" medium=\"0\" low=\"1\" " \
    "none=\"0\" unknown=\"1\"/>" \
    "<finding id=\"oval:t:def:10\" class=\"vulnerability\" " \
    "severity=\"critical\" severity-basis=\"cvss\">" \
    "<title lang=\"ja\">深刻な脆弱性</title><ids><definition>" \
    "oval:t:def:10</definition><cve>CVE-2024-0001</cve><jvndb>" \
    "JVNDB-2024-000001</jvndb><advisory>RHSA-2024:0001</advisory></ids>" \
    "<affected><package name=\"openssl\" installed=\"0:1.0-1\" " \
    "fixed=\"0:1.0-2\" arch=\"x86_64\"/></affected>" \
    "<cvss about=\"CVE-2024-0001\" source=\"Red Hat\" origin=\"vendor\" " \
    "version=\"3.1\" score=\"9.8\" severity=\"Critical\">" \
    "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H</cvss>" \
    "<evidence><score about=\"JVNDB-2024-000001\" source=\"JVN iPedia\" " \
    "origin=\"jvn\" version=\"2.0\" score=\"7.5\" severity=\"High\" " \
    "status=\"valid\">AV:N/AC:L/Au:N/C:P/I:P/A:P</score></evidence>" \
    "<references><reference source=\"RHSA\" id=\"RHSA-2024:0001\" " \
    "url=\"https://access.redhat.com/errata/RHSA-2024:0001\"/>" \
    "<reference source=\"X\" id=\"EVIL-1\" url=\"javascript:alert(2)\"/>" \
    "</references></finding>" \
    "<finding id=\"oval:t:def:11\" class=\"vulnerability\" " \
    "severity=\"low\" severity-basis=\"vendor\">" \
    "<title lang=\"en\">Low issue</title><ids><definition>oval:t:def:11" \
    "</definition></ids><affected><package name=\"nginx\" " \
    "installed=\"1.0\"/></affected><no-cvss reason=\"no source gives " \
    "a CVSS score\"/><vendor-severity source=\"Ubuntu\">Low" \
    "</vendor-severity></finding>" \
    "<finding id=\"oval:t:def:12\" class=\"patch\" severity=\"unknown\" " \
    "severity-basis=\"none\"><title lang=\"en\">Unrated</title><ids>" \
    "<definition>oval:t:def:12</definition></ids><no-cvss reason=\"" \
    "nothing\"/></finding></findings>\n"

static void
test_report__findings(void **state)
{
	char *arf = make_arf(1), *html;

	(void)state;
	write_file(tpath("f.xml"), arf);
	free(arf);
	write_file(tpath("findings.xml"), FINDINGS_DOC);
	assert_int_equal(agent_report_html(tpath("f.xml"), tpath("f.html"),
	    "en", tpath("findings.xml")), 0);
	html = read_all(tpath("f.html"));
	assert_non_null(strstr(html, "<section id=\"findings\">"));
	/* The counts are the summary element's. */
	assert_non_null(strstr(html, "id=\"fcount-total\" data-count=\"3\""));
	assert_non_null(strstr(html, "id=\"fcount-critical\" "
	    "data-count=\"1\""));
	assert_non_null(strstr(html, "id=\"fcount-high\" data-count=\"0\""));
	assert_non_null(strstr(html, "id=\"fcount-unknown\" "
	    "data-count=\"1\""));
	/* One row per finding, in the document's order. */
	assert_int_equal(count_of(html, "<tr class=\"finding\""), 3);
	assert_true(strstr(html, "oval:t:def:10") <
	    strstr(html, "oval:t:def:11"));
	assert_true(strstr(html, "oval:t:def:11") <
	    strstr(html, "oval:t:def:12"));
	/* Score with version and source; "no CVSS" said, no number made up. */
	assert_non_null(strstr(html, "<span class=\"cscore\">9.8</span>"));
	assert_non_null(strstr(html, "CVSS v3.1 - Red Hat (CVE-2024-0001)"));
	assert_int_equal(count_of(html, "class=\"cscore\""), 1);
	assert_int_equal(count_of(html, ">no CVSS<"), 2);
	assert_non_null(strstr(html, "no source gives a CVSS score"));
	assert_non_null(strstr(html, "Vendor: Ubuntu Low"));
	/* Ids, packages, installed -> fixed, no fixed version said. */
	assert_non_null(strstr(html, "JVNDB-2024-000001"));
	assert_non_null(strstr(html, "RHSA-2024:0001"));
	assert_non_null(strstr(html, "0:1.0-1 \xe2\x86\x92 0:1.0-2"));
	assert_non_null(strstr(html, "no fixed version"));
	/* No English title: the Japanese one, marked as such. */
	assert_non_null(strstr(html, "lang=\"ja\">深刻な脆弱性"));
	/* Links only for http(s). */
	assert_non_null(strstr(html, "<a href=\"https://access.redhat.com/"
	    "errata/RHSA-2024:0001\" rel=\"noreferrer\">RHSA-2024:0001</a>"));
	assert_null(strstr(html, "href=\"javascript:"));
	assert_non_null(strstr(html, "Other CVSS statements: 1"));
	free(html);

	assert_int_equal(agent_report_html(tpath("f.xml"), tpath("fj.html"),
	    "ja", tpath("findings.xml")), 0);
	html = read_all(tpath("fj.html"));
	assert_non_null(strstr(html, "脆弱性の検出結果"));
	assert_non_null(strstr(html, ">CVSS なし<"));
	assert_non_null(strstr(html, ">緊急<"));
	assert_non_null(strstr(html, "修正版なし"));
	free(html);

	/* Without findings, no section. */
	assert_int_equal(agent_report_html(tpath("f.xml"), tpath("f0.html"),
	    "en", NULL), 0);
	html = read_all(tpath("f0.html"));
	assert_null(strstr(html, "id=\"findings\""));
	free(html);
}

/* The C side: the stylesheet gets the findings file as its `findings`
 * parameter, may read it (and still nothing else), whatever characters
 * its path holds. */
static void
test_report__findings_param(void **state)
{
	char *arf = make_arf(1), *out;
	char dir[128];

	(void)state;
	write_file(tpath("fp.xml"), arf);
	free(arf);
	assert_true(snprintf(dir, sizeof(dir), "%s/xslp", tmpdir) <
	    (int)sizeof(dir));
	assert_int_equal(mkdir(dir, 0700), 0);
	assert_int_equal(mkdir(tpath("xslp/xsl"), 0700), 0);
	assert_int_equal(mkdir(tpath("o d'd#?%20"), 0700), 0);
	write_file(tpath("o d'd#?%20/f.xml"), FINDINGS_DOC);
	write_file(tpath("secret2.xml"), "<s>TOPSECRET</s>");
	write_file(tpath("xslp/xsl/report.xsl"), "<xsl:stylesheet "
	    "version=\"1.0\" xmlns:xsl=\"http://www.w3.org/1999/XSL/"
	    "Transform\" xmlns:f=\"urn:kensa:findings:1\"><xsl:param "
	    "name=\"findings\" select=\"'none'\"/><xsl:template match=\"/\">"
	    "<p>N=<xsl:value-of select=\"count(document($findings)/f:findings"
	    "/f:finding)\"/></p></xsl:template></xsl:stylesheet>");
	setenv("KENSA_DATADIR", dir, 1);
	assert_int_equal(agent_report_html(tpath("fp.xml"), tpath("fp.html"),
	    "en", tpath("o d'd#?%20/f.xml")), 0);
	out = read_all(tpath("fp.html"));
	assert_non_null(strstr(out, "N=3"));
	free(out);

	/* The findings file opens no other door. */
	write_file(tpath("xslp/xsl/report.xsl"), "<xsl:stylesheet "
	    "version=\"1.0\" xmlns:xsl=\"http://www.w3.org/1999/XSL/"
	    "Transform\"><xsl:template match=\"/\"><p><xsl:value-of "
	    "select=\"document('../../secret2.xml')\"/></p></xsl:template>"
	    "</xsl:stylesheet>");
	assert_int_equal(agent_report_html(tpath("fp.xml"), tpath("fp2.html"),
	    "en", tpath("o d'd#?%20/f.xml")), KS_ERROR);
	assert_int_equal(access(tpath("fp2.html"), F_OK), -1);
	setenv("KENSA_DATADIR", KS_SRCDIR "/data", 1);
}

static void
test_report__findings_bad(void **state)
{
	char *arf = make_arf(1), *out;

	(void)state;
	write_file(tpath("fb.xml"), arf);
	free(arf);
	write_file(tpath("keepf.html"), "old");
	assert_int_equal(agent_report_html(tpath("fb.xml"),
	    tpath("keepf.html"), "en", tpath("nofindings.xml")),
	    KS_ENOTFOUND);
	assert_non_null(strstr(ks_error_msg(), "nofindings.xml"));
	assert_null(strchr(ks_error_msg(), '\n'));

	write_file(tpath("brokenf.xml"), "<findings xmlns=\"urn:kensa:"
	    "findings:1\"><summary");
	assert_int_equal(agent_report_html(tpath("fb.xml"),
	    tpath("keepf.html"), "en", tpath("brokenf.xml")), KS_EPARSE);
	assert_non_null(strstr(ks_error_msg(), "brokenf.xml"));

	/* A results document given as findings. */
	assert_int_equal(agent_report_html(tpath("fb.xml"),
	    tpath("keepf.html"), "en", tpath("fb.xml")), KS_EUNSUPPORTED);
	assert_non_null(strstr(ks_error_msg(), "fb.xml: not a kensa "
	    "findings document"));
	out = read_all(tpath("keepf.html"));
	assert_string_equal(out, "old");
	free(out);

	{
		char *argv[] = { "report", "--findings",
		    tpath("nofindings.xml"), "--output", tpath("keepf.html"),
		    tpath("fb.xml"), NULL };

		assert_int_equal(agent_cmd_report(6, argv), 1);
	}
	{
		char *argv[] = { "report", "--findings", tpath("fb.xml"),
		    "--output", tpath("keepf.html"), tpath("fb.xml"), NULL };

		assert_int_equal(agent_cmd_report(6, argv), 1);
	}
	write_file(tpath("okf.xml"), FINDINGS_DOC);
	{
		char *argv[] = { "report", "--lang", "en", "--findings",
		    tpath("okf.xml"), "--output", tpath("okf.html"),
		    tpath("fb.xml"), NULL };

		assert_int_equal(agent_cmd_report(8, argv), 0);
	}
	out = read_all(tpath("okf.html"));
	assert_int_equal(count_of(out, "<tr class=\"finding\""), 3);
	free(out);
}

/* No findings: the section says so, with zero counts. And kensa scan's
 * re-render (agent_scan_report) of OUTDIR/arf.xml into OUTDIR/report.html
 * with the findings. */
static void
test_report__findings_none_and_scan(void **state)
{
	char *arf = make_arf(1), *html;

	(void)state;
	assert_int_equal(mkdir(tpath("scan"), 0700), 0);
	write_file(tpath("scan/arf.xml"), arf);
	free(arf);
	write_file(tpath("scan/findings.xml"), "<findings xmlns=\"urn:kensa:"
	    "findings:1\" version=\"1\" generator=\"kensa\" lang=\"en\">"
	    "<summary total=\"0\" critical=\"0\" high=\"0\" medium=\"0\" "
	    "low=\"0\" none=\"0\" unknown=\"0\"/></findings>");
	assert_int_equal(agent_scan_report(tpath("scan"),
	    tpath("scan/findings.xml"), "en"), 0);
	html = read_all(tpath("scan/report.html"));
	assert_non_null(strstr(html, "id=\"fcount-total\" data-count=\"0\""));
	assert_non_null(strstr(html, "No vulnerability was found."));
	assert_null(strstr(html, "<table id=\"findingtable\">"));
	/* The rules are still there. */
	assert_non_null(strstr(html, "id=\"count-fail\" data-count=\"1\""));
	free(html);

	write_file(tpath("scan/findings.xml"), FINDINGS_DOC);
	assert_int_equal(agent_scan_report(tpath("scan"),
	    tpath("scan/findings.xml"), "ja"), 0);
	html = read_all(tpath("scan/report.html"));
	assert_int_equal(count_of(html, "<tr class=\"finding\""), 3);
	assert_non_null(strstr(html, "脆弱性の検出結果"));
	free(html);

	/* A missing findings file fails and leaves the report as it was. */
	assert_true(agent_scan_report(tpath("scan"), tpath("scan/none.xml"),
	    "en") < 0);
	assert_non_null(strstr(ks_error_msg(), "none.xml"));
	html = read_all(tpath("scan/report.html"));
	assert_non_null(strstr(html, "脆弱性の検出結果"));
	free(html);
}

/* A failed rule shows its fixtext (xhtml and <sub> rendered) and its fix
 * scripts (collapsed, system named, at most 60 lines); a passing rule
 * shows its fixtext only. */
static void
test_report__fixes(void **state)
{
	char doc[16384], *html;
	char script[2048];
	size_t len = 0;
	int n;

	(void)state;
	for (int i = 1; i <= 70; i++) {
		n = snprintf(script + len, sizeof(script) - len,
		    "echo line%02d\n", i);
		assert_true(n > 0 && (size_t)n < sizeof(script) - len);
		len += (size_t)n;
	}
	n = snprintf(doc, sizeof(doc), "<?xml version=\"1.0\"?>\n"
	    "<Benchmark xmlns=\"" NS12 "\" xmlns:h=\"http://www.w3.org/1999/"
	    "xhtml\" id=\"xccdf_t_benchmark_f\"><status>draft</status>"
	    "<title>Fix bench</title><version>1</version>"
	    "<Value id=\"xccdf_t_value_days\" type=\"number\"><title>Days"
	    "</title><value>42</value></Value>"
	    "<Rule id=\"xccdf_t_rule_f\" severity=\"high\"><title>Rule F"
	    "</title><fixtext>Set <h:code>PASS_MAX_DAYS</h:code> to <sub "
	    "idref=\"xccdf_t_value_days\"/>.</fixtext>"
	    "<fix system=\"urn:xccdf:fix:script:sh\" id=\"f1\" "
	    "reboot=\"false\">sed -i 's/^PASS_MAX_DAYS.*/PASS_MAX_DAYS "
	    "<sub idref=\"xccdf_t_value_days\"/>/' /etc/login.defs &amp;&amp; "
	    "echo '&lt;done&gt;'</fix>"
	    "<fix system=\"urn:xccdf:fix:script:ansible\" id=\"f2\">%s</fix>"
	    "</Rule>"
	    "<Rule id=\"xccdf_t_rule_p\" severity=\"low\"><title>Rule P"
	    "</title><fixtext>Keep it so.</fixtext><fix system=\"urn:xccdf:"
	    "fix:script:puppet\">PUPPETONPASS</fix></Rule>"
	    "<TestResult id=\"xccdf_t_testresult_f\" start-time=\"2024-01-01T"
	    "00:00:00\" end-time=\"2024-01-01T00:00:01\"><target>h</target>"
	    "<rule-result idref=\"xccdf_t_rule_f\"><result>fail</result>"
	    "</rule-result><rule-result idref=\"xccdf_t_rule_p\"><result>"
	    "pass</result></rule-result></TestResult></Benchmark>\n", script);
	assert_true(n > 0 && (size_t)n < sizeof(doc));
	write_file(tpath("fix.xml"), doc);
	assert_int_equal(agent_report_html(tpath("fix.xml"),
	    tpath("fix.html"), "en", NULL), 0);
	html = read_all(tpath("fix.html"));
	assert_non_null(strstr(html, "<h4>Remediation</h4>"));
	assert_non_null(strstr(html, "Set <code>PASS_MAX_DAYS</code> to "
	    "<code class=\"sub\">42</code>."));
	assert_non_null(strstr(html, "Keep it so."));
	/* Scripts of the failed rule only, collapsed, as text. */
	assert_int_equal(count_of(html, "<details class=\"fix\">"), 2);
	assert_null(strstr(html, "PUPPETONPASS"));
	assert_non_null(strstr(html, "<b>Shell</b>"));
	assert_non_null(strstr(html, "urn:xccdf:fix:script:sh reboot=false"));
	assert_non_null(strstr(html, "<b>Ansible</b>"));
	assert_non_null(strstr(html, "PASS_MAX_DAYS <code class=\"sub\">42"
	    "</code>/' /etc/login.defs &amp;&amp; echo '&lt;done&gt;'"));
	/* 70 lines: 60 shown, 10 counted. */
	assert_non_null(strstr(html, "echo line60\n"));
	assert_null(strstr(html, "echo line61"));
	assert_non_null(strstr(html, "data-count=\"10\">10 more lines not "
	    "shown"));
	free(html);

	assert_int_equal(agent_report_html(tpath("fix.xml"),
	    tpath("fixj.html"), "ja", NULL), 0);
	html = read_all(tpath("fixj.html"));
	assert_non_null(strstr(html, "<h4>修正方法</h4>"));
	assert_non_null(strstr(html, "<h4>修正スクリプト</h4>"));
	assert_non_null(strstr(html, "ほか 10 行は表示していません"));
	free(html);
}

/* XCCDF 1.2 results: `n` rules in two groups, every fifth not selected,
 * the others pass or fail in turn; the second rule-result carries a
 * kensa-part attribute of its own (agent/report.c's numbering is not the
 * input's). */
static char *
make_many(int n)
{
	char *b = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&b, &len);

	assert_non_null(fp);
	fprintf(fp, "<?xml version=\"1.0\"?>\n<Benchmark xmlns=\"" NS12
	    "\" id=\"xccdf_t_benchmark_m\" xml:lang=\"en\"><status>draft"
	    "</status><title>Many</title><version>1</version>");
	for (int g = 0; g < 2; g++) {
		fprintf(fp, "<Group id=\"xccdf_t_group_%d\"><title>Group %d"
		    "</title>", g, g);
		for (int i = g; i < n; i += 2)
			fprintf(fp, "<Rule id=\"xccdf_t_rule_%d\" severity="
			    "\"%s\"><title>Rule %d</title><description>Text "
			    "of rule %d</description><reference href=\"https:"
			    "//example.org/%d\">R%d</reference></Rule>", i,
			    i % 3 ? "high" : "low", i, i, i, i);
		fprintf(fp, "</Group>");
	}
	fprintf(fp, "<TestResult id=\"xccdf_t_testresult_m\" start-time="
	    "\"2024-01-01T00:00:00\" end-time=\"2024-01-01T00:00:01\">"
	    "<benchmark href=\"#x\" id=\"xccdf_t_benchmark_m\"/>"
	    "<target>h</target>");
	for (int i = 0; i < n; i++)
		fprintf(fp, "<rule-result idref=\"xccdf_t_rule_%d\"%s>"
		    "<result>%s</result></rule-result>", i,
		    i == 1 ? " kensa-part=\"99\"" : "",
		    i % 5 == 4 ? "notselected" : i % 2 ? "fail" : "pass");
	fprintf(fp, "</TestResult></Benchmark>\n");
	assert_int_equal(fclose(fp), 0);
	return b;
}

/* With two cores the page is rendered in two transforms and joined
 * (agent/report.c, report_join): the same bytes as one transform. */
static void
test_report__two_transforms(void **state)
{
	char *doc = make_many(40), *one, *two;

	(void)state;
	write_file(tpath("many.xml"), doc);
	free(doc);
	setenv("KENSA_REPORT_THREADS", "1", 1);
	assert_int_equal(agent_report_html(tpath("many.xml"),
	    tpath("one.html"), "en", NULL), 0);
	unsetenv("KENSA_REPORT_THREADS");
	assert_int_equal(agent_report_html(tpath("many.xml"),
	    tpath("two.html"), "en", NULL), 0);
	one = read_all(tpath("one.html"));
	two = read_all(tpath("two.html"));
	assert_string_equal(one, two);
	/* Every row, once; no mark of the join left. */
	assert_int_equal(count_of(two, "<tr class=\"rule\""), 40);
	assert_int_equal(count_of(two, "Text of rule"), 32);
	assert_non_null(strstr(two, "Text of rule 38<"));
	assert_null(strstr(two, "kensa-"));
	free(one);
	free(two);
	/* Too few rule results for a second transform: the same page. */
	doc = make_many(6);
	write_file(tpath("few.xml"), doc);
	free(doc);
	assert_int_equal(agent_report_html(tpath("few.xml"),
	    tpath("few.html"), "en", NULL), 0);
	two = read_all(tpath("few.html"));
	assert_int_equal(count_of(two, "<tr class=\"rule\""), 6);
	assert_null(strstr(two, "kensa-"));
	free(two);
}

/* Parts that do not fit together (here a stylesheet whose first part
 * names a row the second does not have) are not joined: the page is
 * rendered again in one transform. */
static void
test_report__two_transforms_misfit(void **state)
{
	char *doc = make_many(20), *out;
	char dir[128];

	(void)state;
	write_file(tpath("mf.xml"), doc);
	free(doc);
	assert_true(snprintf(dir, sizeof(dir), "%s/xsl", tmpdir) <
	    (int)sizeof(dir));
	assert_true(mkdir(dir, 0700) == 0 || access(dir, F_OK) == 0);
	write_file(tpath("xsl/report.xsl"), "<xsl:stylesheet version=\"1.0\" "
	    "xmlns:xsl=\"http://www.w3.org/1999/XSL/Transform\">"
	    "<xsl:output method=\"html\"/>"
	    "<xsl:param name=\"part\" select=\"''\"/>"
	    "<xsl:template match=\"/\"><p><xsl:choose>"
	    "<xsl:when test=\"$part = 'a'\"><xsl:comment>kensa-row 999"
	    "</xsl:comment></xsl:when><xsl:when test=\"$part = 'b'\">"
	    "<xsl:comment>kensa-row 1</xsl:comment><i>r</i><xsl:comment>"
	    "kensa-end</xsl:comment></xsl:when><xsl:otherwise>whole"
	    "</xsl:otherwise></xsl:choose></p></xsl:template>"
	    "</xsl:stylesheet>");
	setenv("KENSA_DATADIR", tmpdir, 1);
	assert_int_equal(agent_report_html(tpath("mf.xml"), tpath("mf.html"),
	    "en", NULL), 0);
	setenv("KENSA_DATADIR", KS_SRCDIR "/data", 1);
	out = read_all(tpath("mf.html"));
	assert_string_equal(out, "<p>whole</p>\n");
	free(out);
}

/* Rules and Values are found by their ids (registered as the document's
 * IDs by agent/report.c): with a duplicate id the first in document order
 * counts, as with the keys before, and a Value's id names no Rule. */
static void
test_report__rule_ids(void **state)
{
	static const char doc[] = "<?xml version=\"1.0\"?>\n<Benchmark "
	    "xmlns=\"" NS12 "\" id=\"xccdf_t_benchmark_d\" xml:lang=\"en\">"
	    "<status>draft</status><title>Dup</title><version>1</version>"
	    "<Value id=\"xccdf_t_value_v\" type=\"number\"><title>V</title>"
	    "<value>42</value></Value>"
	    "<Group id=\"xccdf_t_group_1\"><title>G1</title><Group id=\""
	    "xccdf_t_group_2\"><title>G2</title><Rule id=\"xccdf_t_rule_r\">"
	    "<title>First rule</title><description>Use <sub idref=\""
	    "xccdf_t_value_v\"/></description></Rule></Group></Group>"
	    "<Rule id=\"xccdf_t_rule_r\"><title>Second rule</title></Rule>"
	    "<TestResult id=\"xccdf_t_testresult_d\" start-time=\"2024-01-01"
	    "T00:00:00\" end-time=\"2024-01-01T00:00:01\"><benchmark href=\""
	    "#x\" id=\"xccdf_t_benchmark_d\"/><target>h</target>"
	    "<rule-result idref=\"xccdf_t_rule_r\"><result>fail</result>"
	    "</rule-result><rule-result idref=\"xccdf_t_value_v\"><result>"
	    "pass</result></rule-result></TestResult></Benchmark>\n";
	char *html;

	(void)state;
	write_file(tpath("dup.xml"), doc);
	assert_int_equal(agent_report_html(tpath("dup.xml"),
	    tpath("dup.html"), "en", NULL), 0);
	html = read_all(tpath("dup.html"));
	assert_non_null(strstr(html, "First rule"));
	assert_null(strstr(html, "Second rule"));
	assert_non_null(strstr(html, "<code class=\"sub\">42</code>"));
	/* The rule-result naming the Value has no rule: an orphan row. */
	assert_non_null(strstr(html, "<span class=\"rid\">xccdf_t_value_v"));
	assert_non_null(strstr(html, "Rules not found in the benchmark"));
	free(html);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_report__arf_en_ja),
		cmocka_unit_test(test_report__items_capped),
		cmocka_unit_test(test_report__content_scripts_dropped),
		cmocka_unit_test(test_report__xccdf_results_12_and_11),
		cmocka_unit_test(test_report__lang_from_locale),
		cmocka_unit_test(test_report__missing_input),
		cmocka_unit_test(test_report__malformed_input),
		cmocka_unit_test(test_report__not_results),
		cmocka_unit_test(test_report__missing_stylesheet),
		cmocka_unit_test(test_report__stylesheet_sandboxed),
		cmocka_unit_test(test_report__command),
		cmocka_unit_test(test_report__findings),
		cmocka_unit_test(test_report__findings_param),
		cmocka_unit_test(test_report__findings_bad),
		cmocka_unit_test(test_report__findings_none_and_scan),
		cmocka_unit_test(test_report__fixes),
		cmocka_unit_test(test_report__two_transforms),
		cmocka_unit_test(test_report__two_transforms_misfit),
		cmocka_unit_test(test_report__rule_ids),
	};

	ks_xml_init();
	return cmocka_run_group_tests(tests, setup, teardown);
}
