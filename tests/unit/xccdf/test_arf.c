/*
 * ARF 1.1 result data streams (xccdf/arf.c) and the OVAL results files of
 * --oval-results (xccdf_oval_results_write): the collection validates
 * against the official ARF schema with its lax content checked by the
 * XCCDF 1.2, source data stream 1.3 and OVAL 5.11.2 schemas; it holds the
 * relationships, the source data stream once, the asset with its
 * addresses, the TestResult pointing at the OVAL reports, and OVAL results
 * without a second copy of the definitions unless asked. The OVAL
 * document of the fixture data stream is really evaluated on an in-memory
 * target.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <libxml/c14n.h>

#include "data/xres-fixture.h"

#define ARF_SCHEMA	SCHEMAS "arf-all.xsd"
#define OVAL_SCHEMA	SCHEMAS "oval-results-all.xsd"
#define REP(id)		"/arf:asset-report-collection/arf:reports/" \
			"arf:report[@id='" id "']/arf:content"
#define TRA		REP("xccdf1") "/x:TestResult"

/* The oval_definitions element of the fixture data stream. */
static xmlNode *
oval_root(xmlDoc *doc)
{
	return find_elem(xmlDocGetRootElement(doc), "oval_definitions");
}

/* Evaluates both definitions of the data stream's OVAL component with the
 * exported value bound, as xccdf_eval would, under resource name `name`. */
static void
fx_run_oval(struct fx *f, const char *name)
{
	static const char conf[] = "enabled=1\nmode=strict\n";
	static const struct xccdf_eval_opts opts;
	const char *ex[1] = { "oval:org.kensa.xres:var:1" };
	const char *val[1] = { "strict" };
	struct xccdf_resource r;

	memset(&r, 0, sizeof(r));
	r.name = name;
	r.root = oval_root(f->src);
	assert_non_null(r.root);
	r.component_id = "scap_org.kensa_comp_xres-oval.xml";
	r.component_ref = "scap_org.kensa_cref_xres-oval.xml";
	assert_int_equal(plat_target_mem_add_file(f->t, "/etc/xres.conf",
	    conf, sizeof(conf) - 1, 0644), 0);
	assert_int_equal(xccdf_oval_new(&f->e.oval, f->t, &opts), 0);
	assert_int_equal(xccdf_oval_add(f->e.oval, &r,
	    "oval:org.kensa.xres:def:1", NULL, NULL, 0), 0);
	assert_int_equal(xccdf_oval_add(f->e.oval, &r,
	    "oval:org.kensa.xres:def:2", ex, val, 1), 0);
	assert_int_equal(xccdf_oval_run(f->e.oval), 0);
}

static struct fx *
fx_arf(void)
{
	struct fx *f = fx_new(DATA "xres-ds.xml", P "profile_strict", P);

	fx_run_oval(f, "xres-oval.xml");
	snprintf(f->path, sizeof(f->path), "%s/arf.xml", f->dir);
	return f;
}

/* The whole collection against the official schemas, and its layout:
 * NISTIR 7694 section 6.1 relationships for every report, the request
 * holding the source data stream, one asset, the reports. */
static void
test_arf__validates_and_layout(void **state)
{
	struct fx *f = fx_arf();
	struct xccdf_write_opts o = { 0 };

	(void)state;
	assert_int_equal(xccdf_arf_write(&f->e, f->path, &o), 0);
	assert_int_equal(validate(f->path, ARF_SCHEMA), 0);
	reread(f);
	assert_xp(f->out, "count(//core:relationship)", "4");
	assert_xp(f->out, "count(//core:relationship[@subject='xccdf1'])",
	    "2");
	assert_xp(f->out, "//core:relationship[@subject='oval0' and "
	    "@type='arfvocab:createdFor']/core:ref", "collection1");
	assert_xp(f->out, "//core:relationship[@subject='oval0' and "
	    "@type='arfvocab:isAbout']/core:ref", "asset0");
	/* The source data stream, once, as loaded. */
	assert_xp(f->out, "count(//ds:data-stream-collection)", "1");
	assert_xp(f->out, "//arf:report-request[@id='collection1']/"
	    "arf:content/ds:data-stream-collection/@id",
	    "scap_org.kensa_collection_xres");
	assert_xp(f->out, "count(//ds:component)", "2");
	assert_xp(f->out, "count(//x:Benchmark)", "1");
	/* The asset: what the target knows (a host name, no interfaces). */
	assert_xp(f->out, "//arf:asset[@id='asset0']/ai:computing-device/"
	    "ai:hostname", "xres-host");
	assert_xp(f->out, "//arf:asset/ai:computing-device/ai:fqdn",
	    "xres-host");
	assert_xp(f->out, "count(//ai:connections)", "0");
	/* The TestResult alone, in the default namespace, pointing at the
	 * asset and at the OVAL report. */
	assert_xp(f->out, "count(//arf:report)", "2");
	assert_xp(f->out, TRA "/@id", "xccdf_org.kensa_testresult_strict");
	assert_xp(f->out, TRA "/x:benchmark/@href",
	    "#scap_org.kensa_comp_xres-xccdf.xml");
	assert_xp(f->out, TRA "/x:target-id-ref/@name", "asset0");
	assert_xp(f->out, TRA "/x:target-id-ref/@system", XCCDF_AI_NS);
	assert_xp(f->out, TRA "/x:rule-result[1]/x:check/"
	    "x:check-content-ref/@href", "#oval0");
	assert_xp(f->out, TRA "/x:rule-result[2]/x:check/"
	    "x:check-content-ref/@name", "oval:org.kensa.xres:def:2");
	/* a ref to a document that was not evaluated keeps its href */
	assert_xp(f->out, TRA "/x:rule-result[3]/x:check/"
	    "x:check-content-ref/@href", "xres-questions.xml");
	/* OVAL results of the evaluated document, without the definitions
	 * the data stream already holds, with the system characteristics */
	assert_xp(f->out, "count(" REP("oval0") "/r:oval_results)", "1");
	assert_xp(f->out, "count(//r:oval_results/d:oval_definitions)", "0");
	assert_xp(f->out, "count(//r:oval_results//sc:system_data)", "1");
	assert_xp(f->out, "//r:definition[@definition_id="
	    "'oval:org.kensa.xres:def:1']/@result", "true");
	assert_xp(f->out, "//r:definition[@definition_id="
	    "'oval:org.kensa.xres:def:2']/@result", "true");
	fx_free(f);
}

/* --thin-results, --without-syschar and the definitions on request. */
static void
test_arf__oval_flags(void **state)
{
	struct fx *f = fx_arf();
	struct xccdf_write_opts o = { .thin = true,
	    .arf_oval_definitions = true };

	(void)state;
	assert_int_equal(xccdf_arf_write(&f->e, f->path, &o), 0);
	assert_int_equal(validate(f->path, ARF_SCHEMA), 0);
	reread(f);
	assert_xp(f->out, "count(//r:oval_results/d:oval_definitions)", "1");
	/* thin: definition results only, no tests, no system data */
	assert_xp(f->out, "count(//r:oval_results//r:tests)", "0");
	assert_xp(f->out, "count(//r:oval_results//r:criteria)", "0");
	assert_xp(f->out, "count(//r:oval_results//sc:system_data)", "0");
	assert_xp(f->out, "//r:definition[@definition_id="
	    "'oval:org.kensa.xres:def:1']/@result", "true");
	o.thin = false;
	o.arf_oval_definitions = false;
	o.without_syschar = true;
	assert_int_equal(xccdf_arf_write(&f->e, f->path, &o), 0);
	assert_int_equal(validate(f->path, ARF_SCHEMA), 0);
	reread(f);
	/* The results schema requires oval_system_characteristics in each
	 * system: without syschar it holds the system info only, no
	 * collected objects and no items (as oscap --without-syschar). */
	assert_xp(f->out, "count(//r:oval_results//sc:system_info)", "1");
	assert_xp(f->out, "count(//r:oval_results//sc:collected_objects)",
	    "0");
	assert_xp(f->out, "count(//r:oval_results//sc:system_data)", "0");
	/* but the results in full */
	assert_xp(f->out, "count(//r:oval_results//r:tests)", "1");
	assert_xp(f->out, "count(//r:oval_results/d:oval_definitions)", "0");
	fx_free(f);
}

/* The asset's connections: each address once, IPv6 in the eight groups
 * ai:ipv6-type requires, MACs only when they are MACs. */
static void
test_arf__asset_connections(void **state)
{
	struct fx *f = fx_arf();
	struct plat_iface ifs[4] = {
		{ "eth0", "192.0.2.7", "02:00:00:00:00:07" },
		{ "eth0", "2001:db8::7", "02:00:00:00:00:07" },
		{ "lo", "127.0.0.1", "00:00:00:00:00:00" },
		{ "ib0", "192.0.2.7", "80:00:00:48:fe:80:00:00" },
	};
	struct plat_sysinfo si = { "Debian GNU/Linux", "12", "x86_64",
	    "node7.example.org", ifs, 4 };

	(void)state;
	assert_int_equal(xccdf_arf_write_si(&f->e, f->path, NULL, &si), 0);
	assert_int_equal(validate(f->path, ARF_SCHEMA), 0);
	reread(f);
#define CONN "//ai:computing-device/ai:connections/ai:connection"
	assert_xp(f->out, "count(" CONN ")", "3");
	assert_xp(f->out, CONN "[1]/ai:ip-address/ai:ip-v4", "192.0.2.7");
	assert_xp(f->out, CONN "[1]/ai:mac-address", "02:00:00:00:00:07");
	assert_xp(f->out, CONN "[2]/ai:ip-address/ai:ip-v6",
	    "2001:db8:0:0:0:0:0:7");
	assert_xp(f->out, CONN "[3]/ai:ip-address/ai:ip-v4", "127.0.0.1");
#undef CONN
	assert_xp(f->out, "//ai:computing-device/ai:hostname",
	    "node7.example.org");
	assert_xp(f->out, "count(" TRA "/x:target-address)", "3");
	fx_free(f);
}

/* A plain benchmark file is its own report request; without OVAL the
 * collection has the XCCDF report alone. */
static void
test_arf__plain_benchmark(void **state)
{
	struct fx *f = fx_new(DATA "xres-xccdf12.xml", P "profile_strict", P);

	(void)state;
	snprintf(f->path, sizeof(f->path), "%s/arf.xml", f->dir);
	assert_int_equal(xccdf_arf_write(&f->e, f->path, NULL), 0);
	assert_int_equal(validate(f->path, ARF_SCHEMA), 0);
	reread(f);
	assert_xp(f->out, "//arf:report-request/arf:content/x:Benchmark/@id",
	    P "benchmark_xres");
	assert_xp(f->out, "count(//arf:report)", "1");
	assert_xp(f->out, "count(//core:relationship)", "2");
	fx_free(f);
}

/* A failed ARF write leaves the old file and reports the error. */
static void
test_arf__unwritable_path(void **state)
{
	struct fx *f = fx_arf();

	(void)state;
	assert_true(xccdf_arf_write(&f->e, "/nonexistent-xres/arf.xml",
	    NULL) < 0);
	assert_non_null(strstr(ks_error_msg(), "/nonexistent-xres"));
	fx_free(f);
}

/* --oval-results: "<dir>/<name>.result.xml" per evaluated document (the
 * name made a safe file name), valid OVAL results, with the thin and
 * without-syschar flags honoured. */
static void
test_arf__oval_results_files(void **state)
{
	struct fx *f = fx_new(DATA "xres-ds.xml", P "profile_strict", P);
	struct xccdf_write_opts o = { 0 };
	char path[sizeof(f->path)];

	(void)state;
	fx_run_oval(f, "../up/xres oval.xml");
	o.oval_dir = f->dir;
	assert_int_equal(xccdf_oval_results_write(&f->e, &o), 0);
	snprintf(path, sizeof(path), "%s/.._up_xres_oval.xml.result.xml",
	    f->dir);
	/* the leading dot is replaced too: no hidden files */
	path[strlen(f->dir) + 1] = '_';
	assert_int_equal(access(path, R_OK), 0);
	assert_int_equal(validate(path, OVAL_SCHEMA), 0);
	snprintf(f->path, sizeof(f->path), "%s", path);
	reread(f);
	/* a standalone file carries its definitions and system data */
	assert_xp(f->out, "count(/r:oval_results/d:oval_definitions)", "1");
	assert_xp(f->out, "count(//sc:system_data)", "1");

	o.thin = true;
	assert_int_equal(xccdf_oval_results_write(&f->e, &o), 0);
	assert_int_equal(validate(path, OVAL_SCHEMA), 0);
	reread(f);
	assert_xp(f->out, "count(//sc:system_data)", "0");
	assert_xp(f->out, "count(//r:tests)", "0");
	o.thin = false;
	o.without_syschar = true;
	assert_int_equal(xccdf_oval_results_write(&f->e, &o), 0);
	assert_int_equal(validate(path, OVAL_SCHEMA), 0);
	reread(f);
	assert_xp(f->out, "count(//sc:collected_objects)", "0");
	assert_xp(f->out, "count(//sc:system_data)", "0");
	assert_xp(f->out, "count(//r:tests)", "1");

	/* an unwritable directory is an error with the path */
	o.oval_dir = "/nonexistent-xres";
	assert_true(xccdf_oval_results_write(&f->e, &o) < 0);
	fx_free(f);
}

/* s without the white space between a '>' and the next '<' (layout). */
static void
squeeze(xmlChar *s)
{
	xmlChar *o = s, *p = s;

	while (*p) {
		*o++ = *p;
		if (*p++ == '>') {
			xmlChar *q = p;

			while (*q == ' ' || *q == '\n' || *q == '\t')
				q++;
			if (*q == '<')
				p = q;
		}
	}
	*o = '\0';
}

/* xccdf_arf_doc: the same collection as the file, as a DOM whose report
 * request holds the source element itself (moved, sharing the source's
 * dictionary): canonically equal to the file written (but for the
 * indentation around the moved element), valid, and freed
 * cleanly after the source document is gone. */
static void
test_arf__doc_in_memory(void **state)
{
	struct fx *f = fx_arf();
	struct xccdf_write_opts o = { 0 };
	xmlChar *a = NULL, *b = NULL;
	xmlDoc *doc = NULL;
	char mem[600];

	(void)state;
	assert_int_equal(xccdf_arf_write(&f->e, f->path, &o), 0);
	reread(f);
	assert_int_equal(xccdf_arf_doc(&f->e, &o, &doc), 0);
	assert_non_null(doc);
	/* moved, not copied */
	assert_null(xmlDocGetRootElement(f->src));
	assert_true(doc->dict == f->src->dict);
	assert_true(xmlC14NDocDumpMemory(f->out, NULL, XML_C14N_EXCLUSIVE_1_0,
	    NULL, 0, &a) > 0);
	assert_true(xmlC14NDocDumpMemory(doc, NULL, XML_C14N_EXCLUSIVE_1_0,
	    NULL, 0, &b) > 0);
	/* Equal but for the layout around the moved element. */
	squeeze(a);
	squeeze(b);
	assert_string_equal((const char *)a, (const char *)b);
	snprintf(mem, sizeof(mem), "%s/mem.xml", f->dir);
	assert_true(xmlSaveFile(mem, doc) > 0);
	assert_int_equal(validate(mem, ARF_SCHEMA), 0);
	xmlFree(a);
	xmlFree(b);
	fx_free(f);		/* the source document first ... */
	xmlFreeDoc(doc);	/* ... then the collection */
}
/* The file's bytes (caller frees). */
static char *
slurp(const char *path, size_t *len)
{
	char *buf = NULL;

	assert_int_equal(ks_file_read(path, 64u << 20, &buf, len), 0);
	return buf;
}

/*
 * xccdf_arf_write_doc: with the content read from its file, the file
 * (written on a thread, the source's bytes copied in) is byte for byte
 * xccdf_arf_write's, and the DOM is xccdf_arf_doc's: the source element
 * moved into the report request.
 */
static void
test_arf__file_and_doc_together(void **state)
{
	struct fx *f = fx_arf();
	struct xccdf_write_opts o = { 0 };
	struct xccdf_content *c = NULL;
	struct xccdf_arf_file *file = NULL;
	char one[600], two[600];
	char *a, *b;
	size_t la, lb;
	xmlNode *root, *slot;
	xmlDoc *doc = NULL;

	(void)state;
	assert_int_equal(xccdf_content_open(&c, DATA "xres-ds.xml"), 0);
	f->e.content = c;
	f->e.checklist.benchmark = find_elem(xccdf_content_root(c),
	    "Benchmark");
	snprintf(one, sizeof(one), "%s/one.xml", f->dir);
	snprintf(two, sizeof(two), "%s/two.xml", f->dir);
	assert_int_equal(xccdf_arf_write(&f->e, one, &o), 0);
	root = xccdf_content_root(c);
	assert_int_equal(xccdf_arf_write_doc(&f->e, two, &o, &doc, &file),
	    0);
	assert_non_null(file);
	assert_int_equal(xccdf_arf_file_end(file), 0);
	a = slurp(one, &la);
	b = slurp(two, &lb);
	assert_int_equal(la, lb);
	assert_memory_equal(a, b, la);
	/* The request's own bytes, not a serialization of the DOM. */
	assert_non_null(strstr(b, "<arf:content><ds:data-stream-collection"));
	free(a);
	free(b);
	/* The source element moved into the request of the DOM. */
	slot = root->parent;
	assert_non_null(slot);
	assert_string_equal((const char *)slot->name, "content");
	assert_true(root->doc == doc);
	assert_null(xccdf_content_take_doc(c, root));
	xmlFreeDoc(doc);
	xccdf_content_free(c);
	f->e.content = NULL;
	f->e.checklist.benchmark = NULL;
	fx_free(f);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_arf__validates_and_layout),
		cmocka_unit_test(test_arf__oval_flags),
		cmocka_unit_test(test_arf__asset_connections),
		cmocka_unit_test(test_arf__plain_benchmark),
		cmocka_unit_test(test_arf__unwritable_path),
		cmocka_unit_test(test_arf__oval_results_files),
		cmocka_unit_test(test_arf__doc_in_memory),
		cmocka_unit_test(test_arf__file_and_doc_together),
	};

	ks_xml_init();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
