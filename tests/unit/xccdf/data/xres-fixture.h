/*
 * Shared fixture of the results writer tests (test_xccdf_results.c,
 * test_arf.c): a hand-built evaluation over the xres-* benchmarks (three
 * rule results, two scores, one exported Value) on an in-memory target,
 * schema validation and XPath assertions over what was written. Static
 * functions only: each test program includes it once.
 */
#ifndef KS_TEST_XRES_FIXTURE_H
#define KS_TEST_XRES_FIXTURE_H

#include <dirent.h>
#include <unistd.h>

#include <libxml/tree.h>
#include <libxml/xmlschemas.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>

#include "xccdf/xccdf_results_int.h"

#ifndef KS_SRCDIR
#define KS_SRCDIR "."
#endif
#define DATA	KS_SRCDIR "/tests/unit/xccdf/data/"
#define SCHEMAS	KS_SRCDIR "/data/schemas/"

#define P	"xccdf_org.kensa_"
#define OVAL_SYS "http://oval.mitre.org/XMLSchema/oval-definitions-5"

struct fx {
	xmlDoc			*src;
	struct plat_target	*t;
	struct xccdf_eval	 e;
	struct xccdf_rule_result rr[3];
	struct xccdf_score	 sc[2];
	const char		*exported[1];
	char			 dir[64];
	char			 path[128];
	xmlDoc			*out;	/* the written document, re-read */
};

static xmlNode *
find_elem(xmlNode *n, const char *name)
{
	for (; n != NULL; n = n->next) {
		xmlNode *r;

		if (n->type == XML_ELEMENT_NODE &&
		    strcmp((const char *)n->name, name) == 0)
			return n;
		if ((r = find_elem(n->children, name)) != NULL)
			return r;
	}
	return NULL;
}

static uint32_t
item(const struct xccdf_bench *b, const char *id)
{
	uint32_t i = xccdf_bench_find(b, id);

	assert_int_not_equal(i, XCCDF_NONE);
	return i;
}

/*
 * Loads `file`, parses its Benchmark, resolves `profile` and records three
 * rule results: enabled pass, mode fail (with its check-export), manual
 * notchecked with a reason and no resolved ref.
 */
static struct fx *
fx_new(const char *file, const char *profile, const char *prefix)
{
	static const char osr[] =
	    "NAME=\"Debian GNU/Linux\"\nVERSION_ID=\"12\"\n";
	struct fx *f = calloc(1, sizeof(*f));
	struct xccdf_eval *e = &f->e;
	xmlNode *b;
	uint32_t k;
	char id[128];

	assert_non_null(f);
	assert_int_equal(ks_xml_doc_read_file(&f->src, file), 0);
	b = find_elem(xmlDocGetRootElement(f->src), "Benchmark");
	assert_non_null(b);
	e->checklist.benchmark = b;
	assert_int_equal(xccdf_bench_parse(&e->bench, b, file), 0);
	assert_int_equal(xccdf_policy_new(&e->policy, e->bench, profile), 0);
	assert_int_equal(plat_target_mem_new(&f->t), 0);
	assert_int_equal(plat_target_mem_add_file(f->t, "/etc/hostname",
	    "xres-host\n", 10, 0644), 0);
	assert_int_equal(plat_target_mem_add_file(f->t, "/etc/os-release",
	    osr, sizeof(osr) - 1, 0644), 0);
	e->target = f->t;
	e->start_time = "2024-01-02T03:04:05Z";
	e->end_time = "2024-01-02T03:04:09Z";

	snprintf(id, sizeof(id), "%srule_enabled", prefix);
	k = item(e->bench, id);
	f->rr[0] = (struct xccdf_rule_result){ .item = k,
	    .result = XCCDF_R_PASS, .check = &e->bench->items[k].checks[0],
	    .href = "xres-oval.xml", .name = "oval:org.kensa.xres:def:1",
	    .time = "2024-01-02T03:04:06Z" };
	snprintf(id, sizeof(id), "%srule_mode", prefix);
	k = item(e->bench, id);
	f->rr[1] = (struct xccdf_rule_result){ .item = k,
	    .result = XCCDF_R_FAIL, .check = &e->bench->items[k].checks[0],
	    .href = "xres-oval.xml", .name = "oval:org.kensa.xres:def:2",
	    .time = "2024-01-02T03:04:07Z" };
	snprintf(id, sizeof(id), "%srule_manual", prefix);
	k = item(e->bench, id);
	f->rr[2] = (struct xccdf_rule_result){ .item = k,
	    .result = XCCDF_R_NOTCHECKED,
	    .check = &e->bench->items[k].checks[0],
	    .message = "no OCIL <interpreter> & no answers",
	    .time = "2024-01-02T03:04:08Z" };
	e->results = f->rr;
	e->nresults = 3;
	f->sc[0] = (struct xccdf_score){ XCCDF_SCORE_DEFAULT, 50.0, 100.0 };
	f->sc[1] = (struct xccdf_score){ XCCDF_SCORE_FLAT, 2.5, 3.5 };
	e->scores = f->sc;
	e->nscores = 2;
	snprintf(id, sizeof(id), "%svalue_mode", prefix);
	f->exported[0] = e->bench->items[item(e->bench, id)].id;
	e->exported = f->exported;
	e->nexported = 1;

	snprintf(f->dir, sizeof(f->dir), "/tmp/test_xres_XXXXXX");
	assert_non_null(mkdtemp(f->dir));
	snprintf(f->path, sizeof(f->path), "%s/results.xml", f->dir);
	return f;
}

static void
fx_free(struct fx *f)
{
	DIR *d;
	struct dirent *de;
	char p[512];

	if (f == NULL)
		return;
	if ((d = opendir(f->dir)) != NULL) {
		while ((de = readdir(d)) != NULL) {
			if (de->d_name[0] == '.')
				continue;
			snprintf(p, sizeof(p), "%s/%s", f->dir, de->d_name);
			unlink(p);
		}
		closedir(d);
	}
	rmdir(f->dir);
	xmlFreeDoc(f->out);
	xccdf_oval_free(f->e.oval);
	xccdf_policy_free(f->e.policy);
	xccdf_bench_free(f->e.bench);
	plat_target_free(f->t);
	xmlFreeDoc(f->src);
	free(f);
}

/* Validates a file against a wrapper schema; 0 when valid. */
static int
validate(const char *path, const char *schema)
{
	xmlSchemaParserCtxt *pc = xmlSchemaNewParserCtxt(schema);
	xmlSchema *s;
	xmlSchemaValidCtxt *vc;
	xmlDoc *doc;
	int rc;

	assert_non_null(pc);
	s = xmlSchemaParse(pc);
	xmlSchemaFreeParserCtxt(pc);
	assert_non_null(s);
	vc = xmlSchemaNewValidCtxt(s);
	doc = xmlReadFile(path, NULL, XML_PARSE_NONET);
	assert_non_null(doc);
	rc = xmlSchemaValidateDoc(vc, doc);
	xmlFreeDoc(doc);
	xmlSchemaFreeValidCtxt(vc);
	xmlSchemaFree(s);
	return rc;
}

static void
reread(struct fx *f)
{
	xmlFreeDoc(f->out);
	f->out = xmlReadFile(f->path, NULL, XML_PARSE_NONET);
	assert_non_null(f->out);
}

/* The string value of an XPath expression over the written document
 * (x = XCCDF 1.2, y = XCCDF 1.1, arf, core, ai, ds, r = OVAL results,
 * sc = OVAL system characteristics, d = OVAL definitions); malloc'd. */
static char *
xp_str(xmlDoc *doc, const char *expr)
{
	xmlXPathContext *ctx = xmlXPathNewContext(doc);
	xmlXPathObject *o;
	xmlChar *s;
	char *r;

	xmlXPathRegisterNs(ctx, BAD_CAST "x", BAD_CAST XCCDF_NS_12);
	xmlXPathRegisterNs(ctx, BAD_CAST "y", BAD_CAST XCCDF_NS_11);
	xmlXPathRegisterNs(ctx, BAD_CAST "arf", BAD_CAST
	    "http://scap.nist.gov/schema/asset-reporting-format/1.1");
	xmlXPathRegisterNs(ctx, BAD_CAST "core", BAD_CAST
	    "http://scap.nist.gov/schema/reporting-core/1.1");
	xmlXPathRegisterNs(ctx, BAD_CAST "ai", BAD_CAST XCCDF_AI_NS);
	xmlXPathRegisterNs(ctx, BAD_CAST "ds", BAD_CAST
	    "http://scap.nist.gov/schema/scap/source/1.2");
	xmlXPathRegisterNs(ctx, BAD_CAST "r", BAD_CAST
	    "http://oval.mitre.org/XMLSchema/oval-results-5");
	xmlXPathRegisterNs(ctx, BAD_CAST "sc", BAD_CAST
	    "http://oval.mitre.org/XMLSchema/oval-system-characteristics-5");
	xmlXPathRegisterNs(ctx, BAD_CAST "d", BAD_CAST
	    "http://oval.mitre.org/XMLSchema/oval-definitions-5");
	o = xmlXPathEvalExpression(BAD_CAST expr, ctx);
	assert_non_null(o);
	s = xmlXPathCastToString(o);
	r = strdup((const char *)s);
	xmlFree(s);
	xmlXPathFreeObject(o);
	xmlXPathFreeContext(ctx);
	return r;
}

static void
assert_xp(xmlDoc *doc, const char *expr, const char *want)
{
	char *got = xp_str(doc, expr);

	if (strcmp(got, want) != 0)
		print_error("%s: got '%s', want '%s'\n", expr, got, want);
	assert_string_equal(got, want);
	free(got);
}

#endif /* KS_TEST_XRES_FIXTURE_H */
