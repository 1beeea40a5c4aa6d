/*
 * Tests of findings (agent/findings.c) on a small evaluated session over an
 * in-memory dpkg root: which definitions become findings, the packages and
 * fixed versions, the score policy (version first, then vendor for
 * distribution packages and JVN otherwise), invalid vectors, "no CVSS",
 * sorting, the summary, titles by language, and findings.xml validating
 * against data/schemas/kensa-findings-1.xsd.
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

#include <libxml/xmlschemas.h>

#include "agent/findings.h"
#include "tests/unit/test_tmp.h"

#ifndef KS_SRCDIR
#define KS_SRCDIR "."
#endif

#define NS_DEF	"http://oval.mitre.org/XMLSchema/oval-definitions-5"
#define NS_LIN	NS_DEF "#linux"

#define DEF(id, cls, title, meta, test) \
    "<definition id=\"" id "\" version=\"1\" class=\"" cls "\"><metadata>" \
    "<title>" title "</title><description>d</description>" meta \
    "</metadata><criteria><criterion test_ref=\"" test "\"/></criteria>" \
    "</definition>"
#define TEST(id, obj, ste, ex) \
    "<linux:dpkginfo_test id=\"" id "\" version=\"1\" check=\"at least one\"" \
    " check_existence=\"" ex "\" comment=\"c\"><linux:object object_ref=\"" \
    obj "\"/>" ste "</linux:dpkginfo_test>"
#define OBJ(id, name) \
    "<linux:dpkginfo_object id=\"" id "\" version=\"1\"><linux:name>" name \
    "</linux:name></linux:dpkginfo_object>"
#define STE(id, evr) \
    "<linux:dpkginfo_state id=\"" id "\" version=\"1\"><linux:evr " \
    "datatype=\"debian_evr_string\" operation=\"less than\">" evr \
    "</linux:evr></linux:dpkginfo_state>"

static const char *const defs_xml =
    "<?xml version=\"1.0\"?>\n"
    "<oval_definitions xmlns=\"" NS_DEF "\" xmlns:linux=\"" NS_LIN "\" "
    "xmlns:oval=\"http://oval.mitre.org/XMLSchema/oval-common-5\">"
    "<generator><oval:schema_version>5.11.2</oval:schema_version>"
    "<oval:timestamp>2024-01-01T00:00:00</oval:timestamp></generator>"
    "<definitions>"
    DEF("oval:com.redhat.rhsa:def:1", "patch", "RHSA-2024:1: pkga update",
	"<reference source=\"RHSA\" ref_id=\"RHSA-2024:1\" ref_url=\"u1\"/>"
	"<reference source=\"CVE\" ref_id=\"CVE-2024-1\" ref_url=\"u2\"/>"
	"<advisory from=\"secalert@redhat.com\"><severity>Important"
	"</severity><cve cvss3=\"7.5/CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/"
	"I:N/A:N\" impact=\"important\">CVE-2024-1</cve></advisory>",
	"oval:t:tst:1")
    DEF("oval:com.redhat.rhsa:def:2", "vulnerability", "RHSA-2024:2",
	"<advisory><severity>Moderate</severity><cve cvss3=\"9.9/CVSS:3.1/"
	"AV:X\">CVE-2024-2</cve></advisory>", "oval:t:tst:2")
    DEF("oval:com.ubuntu.x:def:3", "vulnerability", "CVE-2024-3 on Ubuntu",
	"<reference source=\"CVE\" ref_id=\"CVE-2024-3\" ref_url=\"u3\"/>"
	"<advisory><severity>Low</severity></advisory>", "oval:t:tst:3")
    DEF("oval:com.redhat.rhsa:def:4", "vulnerability", "not affected",
	"<reference source=\"CVE\" ref_id=\"CVE-2024-4\" ref_url=\"u4\"/>",
	"oval:t:tst:4")
    DEF("oval:t:def:5", "inventory", "pkga is installed", "",
	"oval:t:tst:5")
    DEF("oval:org.example:def:6", "vulnerability", "CVE-2024-6",
	"<reference source=\"CVE\" ref_id=\"CVE-2024-6\" ref_url=\"u6\"/>",
	"oval:t:tst:6")
    "</definitions><tests>"
    TEST("oval:t:tst:1", "oval:t:obj:a",
	"<linux:state state_ref=\"oval:t:ste:1\"/>", "at_least_one_exists")
    TEST("oval:t:tst:2", "oval:t:obj:b",
	"<linux:state state_ref=\"oval:t:ste:2\"/>", "at_least_one_exists")
    TEST("oval:t:tst:3", "oval:t:obj:c", "", "at_least_one_exists")
    TEST("oval:t:tst:4", "oval:t:obj:a",
	"<linux:state state_ref=\"oval:t:ste:4\"/>", "at_least_one_exists")
    TEST("oval:t:tst:5", "oval:t:obj:a", "", "at_least_one_exists")
    TEST("oval:t:tst:6", "oval:t:obj:z", "", "none_exist")
    "</tests><objects>"
    OBJ("oval:t:obj:a", "pkga") OBJ("oval:t:obj:b", "pkgb")
    OBJ("oval:t:obj:c", "pkgc") OBJ("oval:t:obj:z", "no-such-pkg")
    "</objects><states>"
    STE("oval:t:ste:1", "0:2.0-1") STE("oval:t:ste:2", "0:5.0")
    STE("oval:t:ste:4", "0:1.0")
    "</states></oval_definitions>\n";

static const char *const status =
    "Package: pkga\nStatus: install ok installed\nArchitecture: amd64\n"
    "Version: 1.5-1\n\n"
    "Package: pkgb\nStatus: install ok installed\nArchitecture: amd64\n"
    "Version: 1.0-1\n\n"
    "Package: pkgc\nStatus: install ok installed\nArchitecture: all\n"
    "Version: 3.0\n";

struct fx {
	char			 dir[64];
	struct oval_defs	*defs;
	struct plat_target	*t;
	struct oval_session	*s;
	struct feed_vulnstore	*vs;
	struct agent_findings	*f;
};

static int
setup(void **state)
{
	struct fx *x = ks_calloc(1, sizeof(*x));
	char *path;

	snprintf(x->dir, sizeof(x->dir), "/tmp/kensa-findings-XXXXXX");
	assert_non_null(mkdtemp(x->dir));
	path = ks_asprintf("%s/defs.xml", x->dir);
	assert_int_equal(ks_file_write_atomic(path, defs_xml,
	    strlen(defs_xml)), 0);
	assert_int_equal(oval_load(&x->defs, path), 0);
	free(path);
	assert_int_equal(plat_target_mem_new(&x->t), 0);
	assert_int_equal(plat_target_mem_add_file(x->t,
	    "/var/lib/dpkg/status", status, strlen(status), 0644), 0);
	assert_int_equal(oval_session_new(&x->s, x->defs, x->t, NULL), 0);
	assert_int_equal(oval_session_collect(x->s), 0);
	assert_int_equal(oval_session_evaluate(x->s), 0);
	assert_int_equal(feed_vulnstore_new(&x->vs), 0);
	*state = x;
	return 0;
}

static int
teardown(void **state)
{
	struct fx *x = *state;

	assert_int_equal(test_tmp_rm(x->dir), 0);
	agent_findings_free(x->f);
	feed_vulnstore_free(x->vs);
	oval_session_free(x->s);
	plat_target_free(x->t);
	oval_unload(x->defs);
	free(x);
	return 0;
}

static void
add_score(struct fx *x, const char *id, enum feed_origin o,
    const char *source, const char *alias, const char *vector,
    const char *title_ja)
{
	struct feed_vuln_score sc = { o, source, NULL, vector, NULL, NULL };
	const char *al[1] = { alias };
	struct feed_vuln v = { .id = id, .origin = o, .source = source,
	    .title_ja = title_ja, .aliases = alias ? al : NULL,
	    .naliases = alias ? 1 : 0, .scores = &sc, .nscores = 1 };

	assert_int_equal(feed_vulnstore_add(x->vs, &v), 0);
}

static const struct agent_finding *
by_id(const struct agent_findings *f, const char *id)
{
	for (size_t i = 0; i < f->n; i++)
		if (strcmp(f->v[i].def_id, id) == 0)
			return &f->v[i];
	fail_msg("no finding %s", id);
	return NULL;
}

static void
build(struct fx *x, const char *lang)
{
	agent_findings_free(x->f);
	x->f = NULL;
	assert_int_equal(agent_findings_build(&x->f, x->s, x->vs, lang), 0);
}

/* True vulnerability and patch definitions only: not the false one, not
 * the inventory one. */
static void
test_findings__which_definitions(void **state)
{
	struct fx *x = *state;

	build(x, "en");
	assert_int_equal(x->f->n, 4);
	for (size_t i = 0; i < x->f->n; i++) {
		assert_string_not_equal(x->f->v[i].def_id,
		    "oval:com.redhat.rhsa:def:4");
		assert_string_not_equal(x->f->v[i].def_id, "oval:t:def:5");
	}
	assert_string_equal(by_id(x->f, "oval:com.redhat.rhsa:def:1")->klass,
	    "patch");
}

static void
test_findings__packages_and_fixed(void **state)
{
	struct fx *x = *state;
	const struct agent_finding *f;

	build(x, "en");
	f = by_id(x->f, "oval:com.redhat.rhsa:def:1");
	assert_int_equal(f->npkgs, 1);
	assert_string_equal(f->pkgs[0].name, "pkga");
	assert_string_equal(f->pkgs[0].installed, "0:1.5-1");
	assert_string_equal(f->pkgs[0].fixed, "0:2.0-1");
	assert_string_equal(f->pkgs[0].arch, "amd64");
	assert_int_equal(f->ncves, 1);
	assert_string_equal(f->cves[0], "CVE-2024-1");
	assert_int_equal(f->nadvisories, 1);
	assert_string_equal(f->advisories[0], "RHSA-2024:1");
	/* Existence alone: the package, no fixed version. */
	f = by_id(x->f, "oval:com.ubuntu.x:def:3");
	assert_int_equal(f->npkgs, 1);
	assert_string_equal(f->pkgs[0].name, "pkgc");
	assert_null(f->pkgs[0].fixed);
	/* "none exist" is true without any item. */
	assert_int_equal(by_id(x->f, "oval:org.example:def:6")->npkgs, 0);
}

/* Vendor and JVN at the same version: a distribution package shows the
 * vendor's score, the other score stays as evidence. */
static void
test_findings__vendor_preferred_for_packages(void **state)
{
	struct fx *x = *state;
	const struct agent_finding *f;

	add_score(x, "JVNDB-2024-000001", FEED_ORIGIN_JVN, "JVN iPedia",
	    "CVE-2024-1", "CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H",
	    "パッケージ A の脆弱性");
	build(x, "en");
	f = by_id(x->f, "oval:com.redhat.rhsa:def:1");
	assert_true(f->chosen >= 0);
	assert_string_equal(f->ev[f->chosen].source, "Red Hat");
	assert_int_equal(f->ev[f->chosen].origin, FEED_ORIGIN_VENDOR);
	assert_string_equal(f->ev[f->chosen].version, "3.1");
	assert_true(f->ev[f->chosen].score == 7.5);
	assert_int_equal(f->severity, AGENT_SEV_HIGH);
	assert_string_equal(f->severity_basis, "cvss");
	assert_int_equal(f->nev, 2);
	assert_int_equal(f->njvndb, 1);
	assert_string_equal(f->jvndb[0], "JVNDB-2024-000001");
	assert_string_equal(f->vendor_sev, "important");
	/* --lang ja takes JVN's Japanese title. */
	build(x, "ja");
	f = by_id(x->f, "oval:com.redhat.rhsa:def:1");
	assert_string_equal(f->title, "パッケージ A の脆弱性");
	assert_string_equal(f->title_lang, "ja");
	build(x, "en");
	assert_string_equal(by_id(x->f, "oval:com.redhat.rhsa:def:1")->title,
	    "RHSA-2024:1: pkga update");
}

/* Another distribution's score is not "the vendor's own": Red Hat's
 * definition keeps Red Hat's score over Ubuntu's higher one. */
static void
test_findings__other_vendor_not_preferred(void **state)
{
	struct fx *x = *state;
	const struct agent_finding *f;

	add_score(x, "CVE-2024-1", FEED_ORIGIN_VENDOR, "Ubuntu", NULL,
	    "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", NULL);
	build(x, "en");
	f = by_id(x->f, "oval:com.redhat.rhsa:def:1");
	assert_string_equal(f->ev[f->chosen].source, "Red Hat");
	assert_int_equal(f->nev, 2);
	assert_string_equal(f->vendor_sev_source, "Red Hat");
}

/* A higher CVSS version wins over the source preference. */
static void
test_findings__higher_version_wins(void **state)
{
	struct fx *x = *state;
	const struct agent_finding *f;

	add_score(x, "JVNDB-2024-000001", FEED_ORIGIN_JVN, "JVN iPedia",
	    "CVE-2024-1", "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:N/VA:N/"
	    "SC:N/SI:N/SA:N", NULL);
	build(x, "en");
	f = by_id(x->f, "oval:com.redhat.rhsa:def:1");
	assert_string_equal(f->ev[f->chosen].version, "4.0");
	assert_string_equal(f->ev[f->chosen].source, "JVN iPedia");
}

/* Without packages, JVN/NVD scores are preferred at equal version. */
static void
test_findings__jvn_preferred_otherwise(void **state)
{
	struct fx *x = *state;
	const struct agent_finding *f;

	/* The definition's own vendor (named by its id's namespace). */
	add_score(x, "CVE-2024-6", FEED_ORIGIN_VENDOR, "org.example",
	    NULL, "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", NULL);
	add_score(x, "JVNDB-2024-000006", FEED_ORIGIN_JVN, "JVN iPedia",
	    "CVE-2024-6", "CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:L/I:N/A:N", NULL);
	build(x, "en");
	f = by_id(x->f, "oval:org.example:def:6");
	assert_string_equal(f->ev[f->chosen].source, "JVN iPedia");
	assert_true(f->ev[f->chosen].score == 3.3);
	assert_int_equal(f->severity, AGENT_SEV_LOW);
	assert_int_equal(f->nev, 2);
}

/* A malformed vector: kept raw, with the reason; no number is made up. */
static void
test_findings__invalid_vector_no_score(void **state)
{
	struct fx *x = *state;
	const struct agent_finding *f;

	build(x, "en");
	f = by_id(x->f, "oval:com.redhat.rhsa:def:2");
	assert_int_equal(f->chosen, -1);
	assert_int_equal(f->nev, 1);
	assert_false(f->ev[0].valid);
	assert_string_equal(f->ev[0].vector, "CVSS:3.1/AV:X");
	assert_string_equal(f->ev[0].stated, "9.9");
	assert_non_null(f->ev[0].reason);
	assert_non_null(strstr(f->no_score, "CVSS:3.1/AV:X"));
	/* Severity then comes from the vendor: Moderate is medium. */
	assert_int_equal(f->severity, AGENT_SEV_MEDIUM);
	assert_string_equal(f->severity_basis, "vendor");
}

static void
test_findings__no_cvss(void **state)
{
	struct fx *x = *state;
	const struct agent_finding *f;

	build(x, "en");
	f = by_id(x->f, "oval:com.ubuntu.x:def:3");
	assert_int_equal(f->chosen, -1);
	assert_int_equal(f->nev, 0);
	assert_non_null(strstr(f->no_score, "no CVSS"));
	assert_string_equal(f->vendor_sev, "Low");
	assert_string_equal(f->vendor_sev_source, "Ubuntu");
	assert_int_equal(f->severity, AGENT_SEV_LOW);
	/* def:6 has neither a score nor a vendor word. */
	f = by_id(x->f, "oval:org.example:def:6");
	assert_int_equal(f->severity, AGENT_SEV_UNKNOWN);
	assert_string_equal(f->severity_basis, "none");
}

static void
test_findings__sorted_and_counted(void **state)
{
	struct fx *x = *state;

	build(x, "en");
	/* 7.5 first; then the unscored ones by id. */
	assert_string_equal(x->f->v[0].def_id, "oval:com.redhat.rhsa:def:1");
	assert_string_equal(x->f->v[1].def_id, "oval:com.redhat.rhsa:def:2");
	assert_string_equal(x->f->v[2].def_id, "oval:com.ubuntu.x:def:3");
	assert_string_equal(x->f->v[3].def_id, "oval:org.example:def:6");
	assert_int_equal(x->f->count[AGENT_SEV_HIGH], 1);
	assert_int_equal(x->f->count[AGENT_SEV_MEDIUM], 1);
	assert_int_equal(x->f->count[AGENT_SEV_LOW], 1);
	assert_int_equal(x->f->count[AGENT_SEV_UNKNOWN], 1);
	assert_int_equal(agent_findings_at_least(x->f, AGENT_SEV_UNKNOWN), 4);
	assert_int_equal(agent_findings_at_least(x->f, AGENT_SEV_MEDIUM), 2);
	assert_int_equal(agent_findings_at_least(x->f, AGENT_SEV_CRITICAL), 0);
	assert_int_equal(agent_sev_parse("any"), AGENT_SEV_UNKNOWN);
	assert_int_equal(agent_sev_parse("high"), AGENT_SEV_HIGH);
	assert_int_equal(agent_sev_parse("severe"), -1);
}

static void
validate(const char *path)
{
	xmlSchemaParserCtxtPtr pc = xmlSchemaNewParserCtxt(KS_SRCDIR
	    "/data/schemas/kensa-findings-1.xsd");
	xmlSchemaPtr schema = xmlSchemaParse(pc);
	xmlSchemaValidCtxtPtr vc;

	assert_non_null(schema);
	vc = xmlSchemaNewValidCtxt(schema);
	assert_int_equal(xmlSchemaValidateFile(vc, path, 0), 0);
	xmlSchemaFreeValidCtxt(vc);
	xmlSchemaFree(schema);
	xmlSchemaFreeParserCtxt(pc);
}

static void
test_findings__xml_validates(void **state)
{
	struct fx *x = *state;
	char *path = ks_asprintf("%s/findings.xml", x->dir);
	char *text = NULL;
	size_t len;

	add_score(x, "JVNDB-2024-000001", FEED_ORIGIN_JVN, "JVN iPedia",
	    "CVE-2024-1", "AV:N/AC:L/Au:N/C:P/I:P/A:P", "日本語 & <タイトル>");
	build(x, "ja");
	assert_int_equal(agent_findings_write(x->f, path, "mem"), 0);
	validate(path);
	assert_int_equal(ks_file_read(path, 1 << 20, &text, &len), 0);
	assert_non_null(strstr(text, "xmlns=\"urn:kensa:findings:1\""));
	assert_non_null(strstr(text, "<summary total=\"4\" critical=\"0\" "
	    "high=\"1\" medium=\"1\" low=\"1\" none=\"0\" unknown=\"1\"/>"));
	assert_non_null(strstr(text, "日本語 &amp; &lt;タイトル&gt;"));
	assert_non_null(strstr(text, "fixed=\"0:2.0-1\""));
	assert_non_null(strstr(text, "status=\"invalid\""));
	assert_non_null(strstr(text, "<no-cvss reason="));
	free(text);
	/* An empty findings document validates too. */
	agent_findings_free(x->f);
	x->f = ks_calloc(1, sizeof(*x->f));
	x->f->lang = ks_strdup("en");
	assert_int_equal(agent_findings_write(x->f, path, NULL), 0);
	validate(path);
	free(path);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_findings__which_definitions,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_findings__packages_and_fixed, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_findings__vendor_preferred_for_packages, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(
		    test_findings__higher_version_wins, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_findings__other_vendor_not_preferred, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(
		    test_findings__jvn_preferred_otherwise, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_findings__invalid_vector_no_score, setup, teardown),
		cmocka_unit_test_setup_teardown(test_findings__no_cvss, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(
		    test_findings__sorted_and_counted, setup, teardown),
		cmocka_unit_test_setup_teardown(test_findings__xml_validates,
		    setup, teardown),
	};

	ks_xml_init();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
