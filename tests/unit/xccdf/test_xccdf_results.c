/*
 * XCCDF results documents (xccdf/xccdf_results.c): the benchmark copied
 * with a TestResult appended validates against the official XCCDF 1.2 and
 * 1.1 schemas, a benchmark taken out of a data stream keeps the namespaces
 * it inherited, the TestResult carries what XCCDF 1.2 section 6.6 asks
 * (profile, set-values, rule-results with idents, checks, check-exports,
 * check-content-refs and messages, scores, target facts), and a failed
 * write leaves the old file as it was. The evaluation is built by hand over
 * fixture benchmarks so every field is known.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>

#include "data/xres-fixture.h"

#define SCHEMA	SCHEMAS "xccdf-results-all.xsd"
#define TR "/x:Benchmark/x:TestResult"

/* A Benchmark inside a data-stream component inherits the XCCDF prefix
 * from the collection root: the copy declares it (and the other
 * declarations in scope) itself, the TestResult uses the same prefix, and
 * the whole validates against xccdf_1.2.xsd. */
static void
test_xccdf_results__ds_benchmark_validates(void **state)
{
	struct fx *f = fx_new(DATA "xres-ds.xml", P "profile_strict", P);
	xmlNode *root, *last = NULL;
	bool has_prefix = false, has_ds = false;

	(void)state;
	assert_int_equal(xccdf_results_write(&f->e, f->path, NULL), 0);
	assert_int_equal(validate(f->path, SCHEMA), 0);
	reread(f);
	root = xmlDocGetRootElement(f->out);
	assert_string_equal((const char *)root->name, "Benchmark");
	assert_string_equal((const char *)root->ns->prefix, "xccdf-1.2");
	for (xmlNs *ns = root->nsDef; ns != NULL; ns = ns->next) {
		if (ns->prefix != NULL &&
		    strcmp((const char *)ns->prefix, "xccdf-1.2") == 0)
			has_prefix = strcmp((const char *)ns->href,
			    XCCDF_NS_12) == 0;
		if (ns->prefix != NULL &&
		    strcmp((const char *)ns->prefix, "ds") == 0)
			has_ds = true;
	}
	assert_true(has_prefix);
	assert_true(has_ds);
	for (xmlNode *k = root->children; k != NULL; k = k->next)
		if (k->type == XML_ELEMENT_NODE)
			last = k;
	assert_non_null(last);
	assert_string_equal((const char *)last->name, "TestResult");
	assert_string_equal((const char *)last->ns->prefix, "xccdf-1.2");
	/* The benchmark's own content is all there, once. */
	assert_xp(f->out, "count(//x:Rule)", "3");
	assert_xp(f->out, "count(//x:TestResult)", "1");
	assert_xp(f->out, "/x:Benchmark/@id", P "benchmark_xres");
	assert_xp(f->out, "/x:Benchmark/x:Group/x:Rule[1]/x:ident",
	    "CCE-11111-1");
	/* benchmark@href names the component holding it. */
	assert_xp(f->out, TR "/x:benchmark/@href",
	    "#scap_org.kensa_comp_xres-xccdf.xml");
	assert_xp(f->out, TR "/x:benchmark/@id", P "benchmark_xres");
	fx_free(f);
}

/* XCCDF 1.2 section 6.6: the TestResult's own attributes and children. */
static void
test_xccdf_results__testresult_content(void **state)
{
	struct fx *f = fx_new(DATA "xres-ds.xml", P "profile_strict", P);
	char *s;

	(void)state;
	assert_int_equal(xccdf_results_write(&f->e, f->path, NULL), 0);
	reread(f);
	/* id follows xccdf_[^_]+_testresult_.+ and names the profile. */
	assert_xp(f->out, TR "/@id", "xccdf_org.kensa_testresult_strict");
	assert_xp(f->out, TR "/@start-time", "2024-01-02T03:04:05Z");
	assert_xp(f->out, TR "/@end-time", "2024-01-02T03:04:09Z");
	assert_xp(f->out, TR "/@version", "1.0");
	s = xp_str(f->out, "string(" TR "/@test-system)");
	assert_true(strncmp(s, "cpe:/a:kensa:kensa:", 19) == 0);
	free(s);
	assert_xp(f->out, TR "/x:profile/@idref", P "profile_strict");
	assert_xp(f->out, TR "/x:identity/@privileged",
	    geteuid() == 0 ? "true" : "false");
	/* a directory or in-memory target is not logged into */
	assert_xp(f->out, TR "/x:identity/@authenticated", "false");
	assert_xp(f->out, TR "/x:target", "xres-host");
	assert_xp(f->out, TR "/x:target-facts/x:fact[@name="
	    "'urn:xccdf:fact:asset:identifier:host_name']", "xres-host");
	assert_xp(f->out, TR "/x:target-facts/x:fact[@name="
	    "'urn:xccdf:fact:os:name']", "Debian GNU/Linux");
	/* set-value: the exported Value with the profile's value. */
	assert_xp(f->out, "count(" TR "/x:set-value)", "1");
	assert_xp(f->out, TR "/x:set-value/@idref", P "value_mode");
	assert_xp(f->out, TR "/x:set-value", "strict");

	/* rule-results in order, with the policy's role/severity/weight */
	assert_xp(f->out, "count(" TR "/x:rule-result)", "3");
#define RR(n) TR "/x:rule-result[" #n "]"
	assert_xp(f->out, RR(1) "/@idref", P "rule_enabled");
	assert_xp(f->out, RR(1) "/@role", "full");
	assert_xp(f->out, RR(1) "/@severity", "high");
	assert_xp(f->out, RR(1) "/@weight", "2.500000");
	assert_xp(f->out, RR(1) "/@time", "2024-01-02T03:04:06Z");
	assert_xp(f->out, RR(1) "/x:result", "pass");
	assert_xp(f->out, RR(1) "/x:ident", "CCE-11111-1");
	assert_xp(f->out, RR(1) "/x:ident/@system",
	    "https://ncp.nist.gov/cce");
	assert_xp(f->out, RR(1) "/x:check/@system", OVAL_SYS);
	assert_xp(f->out, RR(1) "/x:check/x:check-content-ref/@href",
	    "xres-oval.xml");
	assert_xp(f->out, RR(1) "/x:check/x:check-content-ref/@name",
	    "oval:org.kensa.xres:def:1");
	assert_xp(f->out, "count(" RR(1) "/x:message)", "0");

	assert_xp(f->out, RR(2) "/@idref", P "rule_mode");
	assert_xp(f->out, RR(2) "/@severity", "medium");
	assert_xp(f->out, RR(2) "/@weight", "1.000000");
	assert_xp(f->out, RR(2) "/x:result", "fail");
	assert_xp(f->out, "count(" RR(2) "/x:ident)", "2");
	assert_xp(f->out, RR(2) "/x:ident[2]", "OTHER-1");
	assert_xp(f->out, RR(2) "/x:check/x:check-export/@value-id",
	    P "value_mode");
	assert_xp(f->out, RR(2) "/x:check/x:check-export/@export-name",
	    "oval:org.kensa.xres:var:1");
	assert_xp(f->out, RR(2) "/x:check/x:check-content-ref/@name",
	    "oval:org.kensa.xres:def:2");

	/* no ref resolved: the check's own refs, and the reason */
	assert_xp(f->out, RR(3) "/x:result", "notchecked");
	assert_xp(f->out, RR(3) "/x:message",
	    "no OCIL <interpreter> & no answers");
	assert_xp(f->out, RR(3) "/x:message/@severity", "warning");
	assert_xp(f->out, RR(3) "/x:check/@system",
	    "http://scap.nist.gov/schema/ocil/2");
	assert_xp(f->out, RR(3) "/x:check/x:check-content-ref/@href",
	    "xres-questions.xml");
	assert_xp(f->out, "count(" RR(3) "/x:check/x:check-content-ref/@name)",
	    "0");
#undef RR
	/* scores: one per model, with system and maximum */
	assert_xp(f->out, "count(" TR "/x:score)", "2");
	assert_xp(f->out, TR "/x:score[1]/@system", XCCDF_SCORE_DEFAULT);
	assert_xp(f->out, TR "/x:score[1]/@maximum", "100.000000");
	assert_xp(f->out, TR "/x:score[1]", "50.000000");
	assert_xp(f->out, TR "/x:score[2]/@system", XCCDF_SCORE_FLAT);
	assert_xp(f->out, TR "/x:score[2]/@maximum", "3.500000");
	assert_xp(f->out, TR "/x:score[2]", "2.500000");
	/* the XCCDF results of an evaluation have no system data: thin
	 * results are the same document */
	fx_free(f);
}

/* Addresses and MACs of the target, each once; IPv4 before IPv6. */
static void
test_xccdf_results__target_facts(void **state)
{
	struct fx *f = fx_new(DATA "xres-ds.xml", P "profile_strict", P);
	struct plat_iface ifs[3] = {
		{ "eth0", "192.0.2.7", "02:00:00:00:00:07" },
		{ "eth0", "2001:db8::7", "02:00:00:00:00:07" },
		{ "eth1", "192.0.2.7", "" },
	};
	struct plat_sysinfo si = { "Debian GNU/Linux", "12", "x86_64",
	    "node7", ifs, 3 };
	struct xccdf_write_opts o = { .thin = true };

	(void)state;
	assert_int_equal(xccdf_results_write_si(&f->e, f->path, &o, &si), 0);
	assert_int_equal(validate(f->path, SCHEMA), 0);
	reread(f);
	assert_xp(f->out, TR "/x:target", "node7");
	assert_xp(f->out, "count(" TR "/x:target-address)", "2");
	assert_xp(f->out, TR "/x:target-address[1]", "192.0.2.7");
	assert_xp(f->out, TR "/x:target-address[2]", "2001:db8::7");
#define FACT(n) TR "/x:target-facts/x:fact[@name='urn:xccdf:fact:" n "']"
	assert_xp(f->out, "count(" FACT("asset:identifier:ipv4") ")", "1");
	assert_xp(f->out, FACT("asset:identifier:ipv4"), "192.0.2.7");
	assert_xp(f->out, FACT("asset:identifier:ipv6"), "2001:db8::7");
	assert_xp(f->out, "count(" FACT("asset:identifier:mac") ")", "1");
	assert_xp(f->out, FACT("asset:identifier:mac"), "02:00:00:00:00:07");
	assert_xp(f->out, FACT("asset:identifier:fqdn"), "node7");
	assert_xp(f->out, FACT("os:version"), "12");
	assert_xp(f->out, FACT("asset:identifier:ipv4") "/@type", "string");
#undef FACT
	fx_free(f);
}

/* A plain XCCDF 1.2 file in the default namespace, no profile: the
 * TestResult is unprefixed, named "default", without a profile element,
 * and benchmark@href is the file. */
static void
test_xccdf_results__plain_default_profile(void **state)
{
	struct fx *f = fx_new(DATA "xres-xccdf12.xml", NULL, P);

	(void)state;
	/* the default policy gives the Value its own value */
	assert_int_equal(xccdf_results_write(&f->e, f->path, NULL), 0);
	assert_int_equal(validate(f->path, SCHEMA), 0);
	reread(f);
	assert_null(xmlDocGetRootElement(f->out)->ns->prefix);
	assert_xp(f->out, TR "/@id", "xccdf_org.kensa_testresult_default");
	assert_xp(f->out, "count(" TR "/x:profile)", "0");
	assert_xp(f->out, TR "/x:benchmark/@href",
	    DATA "xres-xccdf12.xml");
	assert_xp(f->out, TR "/x:set-value", "loose");
	fx_free(f);
}

/* An XCCDF 1.1 benchmark gets a 1.1 TestResult (1.1 testResultType: no
 * benchmark@id, tailoring-file or target-id-ref) that validates against
 * xccdf-schema.xsd 1.1. */
static void
test_xccdf_results__xccdf11(void **state)
{
	struct fx *f = fx_new(DATA "xres-xccdf11.xml", "profile_strict", "");

	(void)state;
	assert_int_equal(xccdf_results_write(&f->e, f->path, NULL), 0);
	assert_int_equal(validate(f->path, SCHEMA), 0);
	reread(f);
	assert_xp(f->out, "count(/y:Benchmark/y:TestResult)", "1");
	assert_xp(f->out, "count(//x:*)", "0");
	assert_xp(f->out, "/y:Benchmark/y:TestResult/y:profile/@idref",
	    "profile_strict");
	assert_xp(f->out, "count(/y:Benchmark/y:TestResult/y:benchmark/@id)",
	    "0");
	assert_xp(f->out, "/y:Benchmark/y:TestResult/y:rule-result[2]/"
	    "y:check/y:check-export/@value-id", "value_mode");
	assert_xp(f->out, "/y:Benchmark/y:TestResult/y:rule-result[1]/"
	    "y:ident", "CCE-11111-1");
	fx_free(f);
}

/* A tailoring file is named in tailoring-file (XCCDF 1.2 section 6.6.3:
 * href, id, version and time are all required), and a rule decided by a
 * complex-check records its operator, negation and every check inside. */
static void
test_xccdf_results__tailoring_and_complex_check(void **state)
{
	struct fx *f = fx_new(DATA "xres-ds.xml", P "profile_strict", P);
	struct xccdf_check kids[2], cc;

	(void)state;
	f->e.bench->tailoring_file = "my-tailoring.xml";
	f->e.bench->tailoring_id = P "tailoring_site";
	f->e.bench->tailoring_version = 3;
	kids[0] = *f->rr[0].check;
	kids[1] = *f->rr[1].check;
	memset(&cc, 0, sizeof(cc));
	cc.op = XCCDF_CC_OR;
	cc.negate = true;
	cc.kids = kids;
	cc.nkids = 2;
	f->rr[0].check = &cc;
	assert_int_equal(xccdf_results_write(&f->e, f->path, NULL), 0);
	assert_int_equal(validate(f->path, SCHEMA), 0);
	reread(f);
	assert_xp(f->out, TR "/x:tailoring-file/@href", "my-tailoring.xml");
	assert_xp(f->out, TR "/x:tailoring-file/@id", P "tailoring_site");
	assert_xp(f->out, TR "/x:tailoring-file/@version", "3");
	assert_xp(f->out, TR "/x:tailoring-file/@time",
	    "2024-01-02T03:04:09Z");
#define CC TR "/x:rule-result[1]/x:complex-check"
	assert_xp(f->out, CC "/@operator", "OR");
	assert_xp(f->out, CC "/@negate", "true");
	assert_xp(f->out, "count(" CC "/x:check)", "2");
	assert_xp(f->out, CC "/x:check[2]/x:check-export/@export-name",
	    "oval:org.kensa.xres:var:1");
	assert_xp(f->out, CC "/x:check[1]/x:check-content-ref/@name",
	    "oval:org.kensa.xres:def:1");
	assert_xp(f->out, "count(" TR "/x:rule-result[1]/x:check)", "0");
#undef CC
	fx_free(f);
}

/* Old content survives a failed write and no temporary is left: the file
 * size limit makes the writes fail half-way (root ignores permissions, a
 * size limit it does not). */
static void
test_xccdf_results__failed_write_keeps_old_file(void **state)
{
	static const char old[] = "<old/>\n";
	struct fx *f = fx_new(DATA "xres-ds.xml", P "profile_strict", P);
	struct rlimit rl, small;
	void (*prev)(int);
	char *data = NULL;
	size_t len = 0, n = 0;
	DIR *d;
	struct dirent *de;
	int rc;

	(void)state;
	assert_int_equal(ks_file_write_atomic(f->path, old, sizeof(old) - 1),
	    0);
	assert_int_equal(getrlimit(RLIMIT_FSIZE, &rl), 0);
	small = rl;
	small.rlim_cur = 512;
	prev = signal(SIGXFSZ, SIG_IGN);
	assert_int_equal(setrlimit(RLIMIT_FSIZE, &small), 0);
	rc = xccdf_results_write(&f->e, f->path, NULL);
	assert_int_equal(setrlimit(RLIMIT_FSIZE, &rl), 0);
	signal(SIGXFSZ, prev);
	assert_true(rc < 0);
	assert_non_null(strstr(ks_error_msg(), "results.xml"));
	assert_int_equal(ks_file_read(f->path, 1024, &data, &len), 0);
	assert_int_equal(len, sizeof(old) - 1);
	assert_memory_equal(data, old, len);
	free(data);
	d = opendir(f->dir);
	assert_non_null(d);
	while ((de = readdir(d)) != NULL)
		n += de->d_name[0] != '.';
	closedir(d);
	assert_int_equal(n, 1);

	/* An unwritable directory, where permissions apply. */
	if (geteuid() != 0) {
		assert_int_equal(chmod(f->dir, 0555), 0);
		rc = xccdf_results_write(&f->e, f->path, NULL);
		assert_int_equal(chmod(f->dir, 0755), 0);
		assert_true(rc < 0);
		assert_int_equal(ks_file_read(f->path, 1024, &data, &len), 0);
		assert_memory_equal(data, old, sizeof(old) - 1);
		free(data);
	}
	/* A directory that does not exist. */
	rc = xccdf_results_write(&f->e, "/nonexistent-xres/r.xml", NULL);
	assert_true(rc < 0);
	fx_free(f);
}

/* An XCCDF prefix longer than the writer accepts makes it fail mid-way:
 * the result is an error with a message, not a truncated file. */
static void
test_xccdf_results__writer_failure_is_reported(void **state)
{
	struct fx *f = fx_new(DATA "xres-ds.xml", P "profile_strict", P);
	struct xccdf_tr_ctx c;
	struct ks_xmlw *x = NULL;
	FILE *fp = tmpfile();
	char pfx[KS_XMLW_MAX_NAME + 8];

	(void)state;
	assert_non_null(fp);
	memset(pfx, 'p', sizeof(pfx) - 1);
	pfx[sizeof(pfx) - 1] = '\0';
	memset(&c, 0, sizeof(c));
	c.prefix = pfx;
	c.declare_ns = true;
	assert_int_equal(ks_xmlw_new(&x, fp, "mem.xml", 0), 0);
	xccdf_results_testresult(x, &f->e, &c);
	assert_int_equal(ks_xmlw_finish(x), KS_ELIMIT);
	ks_xmlw_free(x);
	fclose(fp);
	fx_free(f);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_xccdf_results__ds_benchmark_validates),
		cmocka_unit_test(test_xccdf_results__testresult_content),
		cmocka_unit_test(test_xccdf_results__target_facts),
		cmocka_unit_test(test_xccdf_results__plain_default_profile),
		cmocka_unit_test(test_xccdf_results__xccdf11),
		cmocka_unit_test(
		    test_xccdf_results__tailoring_and_complex_check),
		cmocka_unit_test(
		    test_xccdf_results__failed_write_keeps_old_file),
		cmocka_unit_test(
		    test_xccdf_results__writer_failure_is_reported),
	};

	ks_xml_init();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
