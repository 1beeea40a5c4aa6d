/*
 * The readable HTML report: loads a results document (ARF or XCCDF
 * results), and optionally a kensa findings document, with the safe loader
 * and runs kensa's stylesheet data/xsl/report.xsl over them with libxslt,
 * under security preferences that allow reading only the stylesheet's own
 * directory and the findings file. What the page shows is decided in the
 * stylesheet, not here.
 */
#include "agent/agent.h"
#include "agent/report.h"

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/uri.h>
#include <libxml/xpath.h>
#include <libxslt/documents.h>
#include <libxslt/security.h>
#include <libxslt/variables.h>
#include <libxslt/transform.h>
#include <libxslt/xslt.h>
#include <libxslt/xsltInternals.h>
#include <libxslt/xsltutils.h>

#include <getopt.h>
#include <limits.h>
#include <pthread.h>
#include <stdint.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define NS_ARF		"http://scap.nist.gov/schema/asset-reporting-format/1.1"
#define NS_XCCDF12	"http://checklists.nist.gov/xccdf/1.2"
#define NS_DS		"http://scap.nist.gov/schema/scap/source/1.2"
#define NS_ODEF		"http://oval.mitre.org/XMLSchema/oval-definitions-5"
#define NS_ORES		"http://oval.mitre.org/XMLSchema/oval-results-5"
#define NS_XCCDF11	"http://checklists.nist.gov/xccdf/1.1"
#define NS_FINDINGS	"urn:kensa:findings:1"

/* libxslt is opened on first use (ks_dl_load, see base.h): only reports
 * need it. The slots have the types of the prototypes compiled against. */
#define XSLT_FUNCS(F) \
	F(xsltApplyStylesheetUser) \
	F(xsltFreeSecurityPrefs) \
	F(xsltFreeStylesheet) \
	F(xsltFreeTransformContext) \
	F(xsltGetDebuggerStatus) \
	F(xsltNewDocument) \
	F(xsltNewSecurityPrefs) \
	F(xsltNewTransformContext) \
	F(xsltParseStylesheetDoc) \
	F(xsltQuoteOneUserParam) \
	F(xsltSaveResultToFile) \
	F(xsltSaveResultToString) \
	F(xsltSecurityForbid) \
	F(xsltSetCtxtSecurityPrefs) \
	F(xsltSetDebuggerStatus) \
	F(xsltSetGenericErrorFunc) \
	F(xsltSetSecurityPrefs) \
	F(xsltSetTransformErrorFunc) \

#define XSLT_SLOT(f) __typeof__(f) *f;
#define XSLT_SYM(f) { #f, (void **)&XL.f },
_Static_assert(sizeof(KS_SONAME_XSLT) > 1, "the Makefile found no libxslt");
static struct { XSLT_FUNCS(XSLT_SLOT) } XL;
static const struct ks_dl_sym xslt_syms[] = { XSLT_FUNCS(XSLT_SYM) };
static struct ks_dl_lib xslt_lib = {
	.soname = KS_SONAME_XSLT, .what = "writing HTML reports",
	.syms = xslt_syms, .nsyms = sizeof(xslt_syms) / sizeof(xslt_syms[0]),
};

/* libxslt reports through a global callback: the first message of a run is
 * kept (later ones are mostly its echoes) and folded into one line. A
 * runtime error comes as two messages, where and what: both are kept. */
static _Thread_local char report_xslt_err[512];
static _Thread_local int report_xslt_nmsg;

static void
report_xslt_reset(void)
{
	report_xslt_err[0] = '\0';
	report_xslt_nmsg = 0;
}

static void
report_xslt_error(void *ctx, const char *fmt, ...)
{
	char msg[512];
	va_list ap;
	size_t n, len;

	(void)ctx;
	if (report_xslt_nmsg > 1 || (report_xslt_nmsg == 1 &&
	    strncmp(report_xslt_err, "runtime error", 13) != 0))
		return;
	va_start(ap, fmt);
	if (vsnprintf(msg, sizeof(msg), fmt, ap) < 0)
		snprintf(msg, sizeof(msg), "XSLT error");
	va_end(ap);
	for (char *p = msg; *p != '\0'; p++)
		if (*p == '\n' || *p == '\r' || *p == '\t')
			*p = ' ';
	n = strlen(msg);
	while (n > 0 && msg[n - 1] == ' ')
		msg[--n] = '\0';
	if (n == 0)
		return;
	len = strlen(report_xslt_err);
	/* A long message is cut: it stays one line. */
	if (snprintf(report_xslt_err + len, sizeof(report_xslt_err) - len,
	    "%s%s", len > 0 ? ": " : "", msg) < 0)
		report_xslt_err[len] = '\0';
	report_xslt_nmsg++;
}

/*
 * libxml2's own messages during a transform (XPath errors, documents read
 * by document()) go to the same one-line record instead of stderr; the
 * handler in place before (platform/base's) is put back after.
 */
static void
report_xml_errors(bool on)
{
	static _Thread_local xmlGenericErrorFunc saved;
	static _Thread_local void *saved_ctx;

	if (on) {
		saved = xmlGenericError;
		saved_ctx = xmlGenericErrorContext;
		xmlSetGenericErrorFunc(NULL, report_xslt_error);
	} else {
		xmlSetGenericErrorFunc(saved_ctx, saved);
	}
}

/* The directory the stylesheet may read from, resolved, with a final '/',
 * and the one findings file it may read besides (resolved; "" for none). */
struct report_sec {
	char	dir[PATH_MAX];
	char	findings[PATH_MAX];
};

/*
 * XSLT_SECPREF_READ_FILE check: document() may open files of the
 * stylesheet's directory (report-strings.xml) and the findings file given
 * by the caller, never the input's neighbours or anything a crafted path
 * names. 1 allows, 0 forbids.
 */
static int
report_check_read(xsltSecurityPrefsPtr sec, xsltTransformContextPtr ctxt,
    const char *value)
{
	const struct report_sec *rs;
	char real[PATH_MAX];

	(void)sec;
	if (ctxt == NULL || (rs = ctxt->_private) == NULL || value == NULL)
		return 0;
	if (realpath(value, real) == NULL)
		return 0;
	if (rs->findings[0] != '\0' && strcmp(real, rs->findings) == 0)
		return 1;
	return strncmp(real, rs->dir, strlen(rs->dir)) == 0;
}

/* Whether n is element `name` of namespace ns; an XCCDF 1.1 element
 * counts as 1.2 (the input is renamed to 1.2 only once it is pruned,
 * report_xccdf11_to_12). */
static bool
report_el(const xmlNode *n, const char *ns, const char *name)
{
	if (n == NULL || n->type != XML_ELEMENT_NODE || n->ns == NULL ||
	    strcmp((const char *)n->name, name) != 0)
		return false;
	return strcmp((const char *)n->ns->href, ns) == 0 ||
	    (strcmp(ns, NS_XCCDF12) == 0 &&
	    strcmp((const char *)n->ns->href, NS_XCCDF11) == 0);
}

/* What a results document must be: ARF, or XCCDF with a TestResult. */
static bool
report_is_xccdf(const xmlNode *n, const char *name)
{
	return report_el(n, NS_XCCDF12, name) || report_el(n, NS_XCCDF11, name);
}

static bool
report_has_testresult(const xmlNode *n, int depth)
{
	for (; n != NULL; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (report_is_xccdf(n, "TestResult"))
			return true;
		/* ARF nests it in arf:reports/arf:report/arf:content. */
		if (depth < 4 && report_has_testresult(n->children, depth + 1))
			return true;
	}
	return false;
}

static int
report_check_input(xmlDoc *doc, const char *path)
{
	const xmlNode *root = xmlDocGetRootElement(doc);
	const char *ns = root && root->ns ? (const char *)root->ns->href : "";

	if (root == NULL) {
		ks_error_set("%s: empty document", path);
		return KS_EPARSE;
	}
	if (report_is_xccdf(root, "TestResult"))
		return 0;
	if (report_is_xccdf(root, "Benchmark") ||
	    (strcmp(ns, NS_ARF) == 0 &&
	    strcmp((const char *)root->name, "asset-report-collection") == 0)) {
		if (report_has_testresult(root->children, 0))
			return 0;
		ks_error_set("%s: no XCCDF TestResult in <%s>: evaluate the "
		    "benchmark first", path, (const char *)root->name);
		return KS_EUNSUPPORTED;
	}
	ks_error_set("%s: not an ARF or XCCDF results document (root element "
	    "<%s>)", path, (const char *)root->name);
	return KS_EUNSUPPORTED;
}

/*
 * The stylesheet knows XCCDF 1.2 only: a 1.1 document has its namespace
 * declarations renamed to 1.2 in our DOM (the elements the report shows --
 * Benchmark, Group, Rule, Value, Profile, TestResult, rule-result, texts,
 * ident, reference, check -- have the same names and shapes in both), so
 * that its paths and keys need not name both. Only where the stylesheet
 * reads XCCDF: the Benchmarks and TestResults at their places in a results
 * document (report_xccdf_places), their subtrees and their ancestors (whose
 * declarations they use); not the OVAL definitions, results and items that
 * are most of an ARF.
 */
static void report_arf_contents(xmlNode *root, bool reports,
    void (*fn)(xmlNode *, void *), void *arg);

static void
report_ns11_rename(xmlNode *n)
{
	for (xmlNs *ns = n->nsDef; ns != NULL; ns = ns->next) {
		xmlChar *h;

		if (ns->href == NULL || strcmp((const char *)ns->href,
		    NS_XCCDF11) != 0)
			continue;
		/* Out of memory: the page just shows less. */
		if ((h = xmlStrdup(BAD_CAST NS_XCCDF12)) == NULL)
			continue;
		xmlFree((xmlChar *)ns->href);
		ns->href = h;
	}
}

static void
report_ns11_place(xmlNode *n, void *arg)
{
	(void)arg;
	if (!report_el(n, NS_XCCDF12, "Benchmark") &&
	    !report_el(n, NS_XCCDF12, "TestResult"))
		return;
	for (xmlNode *k = n; k != NULL; k = ks_xml_walk_next(n, k))
		if (k->type == XML_ELEMENT_NODE)
			report_ns11_rename(k);
	for (xmlNode *a = n->parent; a != NULL &&
	    a->type == XML_ELEMENT_NODE; a = a->parent)
		report_ns11_rename(a);
}

/* A data stream's Benchmarks too (report request content). */
static void
report_ns11_request(xmlNode *n, void *arg)
{
	if (!report_el(n, NS_DS, "data-stream-collection")) {
		report_ns11_place(n, arg);
		return;
	}
	for (xmlNode *c = n->children; c != NULL; c = c->next)
		if (report_el(c, NS_DS, "component"))
			for (xmlNode *b = c->children; b != NULL; b = b->next)
				report_ns11_place(b, arg);
}

static void
report_xccdf11_to_12(xmlDoc *doc)
{
	xmlNode *root = xmlDocGetRootElement(doc);

	if (root == NULL)
		return;
	if (report_el(root, NS_ARF, "asset-report-collection")) {
		report_arf_contents(root, false, report_ns11_request, NULL);
		report_arf_contents(root, true, report_ns11_place, NULL);
	} else {
		/* A results document: a TestResult or a Benchmark. */
		report_ns11_place(root, NULL);
	}
}

/*
 * Loads the findings document with the safe loader and keeps its resolved
 * path as the one file outside the stylesheet's directory that document()
 * may read. Errors name the file: KS_ENOTFOUND/KS_EPARSE from the loader,
 * KS_EUNSUPPORTED for another document.
 */
static int
report_load_findings(xmlDoc **out, const char *path, struct report_sec *rs)
{
	const xmlNode *root;
	int rc;

	*out = NULL;
	if ((rc = ks_xml_doc_read_file(out, path)) != 0)
		return rc;
	root = xmlDocGetRootElement(*out);
	if (root == NULL || root->ns == NULL ||
	    strcmp((const char *)root->ns->href, NS_FINDINGS) != 0 ||
	    strcmp((const char *)root->name, "findings") != 0) {
		ks_error_set("%s: not a kensa findings document (root element "
		    "<%s>, expected <findings xmlns=\"" NS_FINDINGS "\">)",
		    path, root != NULL ? (const char *)root->name : "");
		rc = KS_EUNSUPPORTED;
		goto fail;
	}
	if (realpath(path, rs->findings) == NULL) {
		ks_error_set("%s: cannot resolve the path", path);
		rc = KS_ERROR;
		goto fail;
	}
	return 0;
fail:
	xmlFreeDoc(*out);
	*out = NULL;
	return rc;
}

/*
 * Hands the loaded findings document to the transformation as the one
 * document($findings) returns, and sets the `findings` parameter. libxslt
 * looks a document up in the context's list by the URI it builds from the
 * parameter and the stylesheet's base before it would parse the file
 * itself, so the document keeps the safe loader's protections. The path
 * is passed percent-escaped ('#', '?', '%', spaces are path characters
 * here, not URI syntax). Takes *fdoc (set to NULL) once attached.
 */
static int
report_attach_findings(xsltTransformContextPtr ctxt, xsltStylesheetPtr style,
    xmlDoc **fdoc, const char *real)
{
	xmlChar *esc = NULL, *url = NULL;
	int rc = KS_ENOMEM;

	if ((esc = xmlURIEscapeStr(BAD_CAST real, BAD_CAST "/")) == NULL ||
	    (url = xmlBuildURI(esc, style->doc != NULL ?
	    style->doc->URL : NULL)) == NULL)
		goto out;
	xmlFree((xmlChar *)(*fdoc)->URL);
	(*fdoc)->URL = url;
	url = NULL;
	/* What xsltLoadDocument does for a document it parses itself. */
	xmlXPathOrderDocElems(*fdoc);
	if (XL.xsltNewDocument(ctxt, *fdoc) == NULL)
		goto out;
	*fdoc = NULL;
	if (XL.xsltQuoteOneUserParam(ctxt, BAD_CAST "findings", esc) != 0) {
		rc = KS_ERROR;
		goto out;
	}
	rc = 0;
out:
	if (rc == KS_ENOMEM)
		ks_error_set("%s: out of memory", real);
	else if (rc != 0)
		ks_error_set("%s: cannot pass the findings to the stylesheet",
		    real);
	xmlFree(esc);
	xmlFree(url);
	return rc;
}

/* Parses the stylesheet (a file of ours, through the same safe loader). */
static int
report_load_style(xsltStylesheetPtr *out, const char *xsl)
{
	xmlDoc *sdoc = NULL;
	struct stat st;
	int rc;

	*out = NULL;
	if (stat(xsl, &st) != 0) {
		ks_error_set("%s: stylesheet not found (set KENSA_DATADIR to "
		    "kensa's data directory)", xsl);
		return KS_ENOTFOUND;
	}
	if ((rc = ks_xml_doc_read_file(&sdoc, xsl)) != 0)
		return rc;
	report_xslt_reset();
	report_xml_errors(true);
	*out = XL.xsltParseStylesheetDoc(sdoc);
	report_xml_errors(false);
	if (*out == NULL) {
		/* On failure the document stays ours. */
		xmlFreeDoc(sdoc);
		ks_error_set("%s: invalid stylesheet: %s", xsl,
		    report_xslt_err[0] ? report_xslt_err : "unknown error");
		return KS_ERROR;
	}
	return 0;
}

static int
report_write(xmlDoc *res, xsltStylesheetPtr style, const char *out_path)
{
	struct ks_atomic *a = NULL;
	int rc = KS_ERROR;

	if (out_path == NULL || strcmp(out_path, "-") == 0) {
		if (XL.xsltSaveResultToFile(stdout, res, style) < 0 ||
		    fflush(stdout) != 0 || ferror(stdout)) {
			ks_error_set("standard output: cannot write the report");
			return KS_ERROR;
		}
		return 0;
	}
	if ((rc = ks_atomic_open(&a, out_path)) != 0)
		return rc;
	if (XL.xsltSaveResultToFile(ks_atomic_fp(a), res, style) < 0) {
		ks_atomic_abort(a);
		ks_error_set("%s: cannot write the report", out_path);
		return KS_ERROR;
	}
	return ks_atomic_commit(a);
}

int
agent_report_html(const char *in_path, const char *out_path,
    const char *lang, const char *findings_path)
{
	xmlDoc *doc = NULL;
	int rc;

	ks_xml_init();
	/* The stylesheet compiles while the input is read. */
	agent_report_preload();
	if ((rc = ks_xml_doc_read_file(&doc, in_path)) == 0)
		rc = agent_report_html_doc(doc, in_path, out_path, lang,
		    findings_path);
	agent_report_preload_end();
	if (!ks_mem_leave(doc))
		xmlFreeDoc(doc);
	return rc;
}

/*
 * ---- what the stylesheet never reads ----------------------------------
 * An ARF carries the whole source data stream: for SSG, some 45,000
 * elements, of which a report of one profile reads a few thousand (the
 * rules with a result, titles and idents of those not selected, OVAL
 * definitions and tests). libxslt indexes every xsl:key by walking the
 * whole document, and every "//" does too, so the rest is removed from
 * the DOM (which the callers free right after) before the transform:
 * components other than XCCDF benchmarks and OVAL definitions (OCIL, CPE
 * dictionaries), OVAL objects, states and variables of the source, rules
 * the shown TestResult has no result for, all but titles and idents of
 * rules it did not select, texts of groups, profiles not evaluated, and
 * the source's OVAL definitions and tests that neither the OVAL results
 * nor a kept rule's check name (report_keep_*).
 * report.xsl must keep reading only what stays (see its header); the
 * report of an ARF is the same with and without this (tested).
 */
static void
report_drop(xmlNode *grave, xmlNode *n)
{
	xmlUnlinkNode(n);
	if (grave == NULL || xmlAddChild(grave, n) == NULL)
		xmlFreeNode(n);
}

/* Unlinks the element children of n not named in keep (XCCDF 1.2). */
static void
report_keep_only(xmlNode *grave, xmlNode *n, const char *const *keep)
{
	xmlNode *k, *next;

	for (k = n->children; k != NULL; k = next) {
		bool kept = false;

		next = k->next;
		if (k->type != XML_ELEMENT_NODE)
			continue;
		for (size_t i = 0; keep[i] != NULL && !kept; i++)
			kept = report_el(k, NS_XCCDF12, keep[i]);
		if (!kept)
			report_drop(grave, k);
	}
}

/*
 * Calls fn for each element of the content of an ARF's reports
 * (`reports` true) or report requests, in document order.
 */
static void
report_arf_contents(xmlNode *root, bool reports,
    void (*fn)(xmlNode *, void *), void *arg)
{
	xmlNode *k, *r, *c, *t;

	for (k = root->children; k != NULL; k = k->next) {
		if (!report_el(k, NS_ARF, reports ? "reports" :
		    "report-requests"))
			continue;
		for (r = k->children; r != NULL; r = r->next) {
			if (!report_el(r, NS_ARF, reports ? "report" :
			    "report-request"))
				continue;
			for (c = r->children; c != NULL; c = c->next)
				if (report_el(c, NS_ARF, "content"))
					for (t = c->children; t != NULL;
					    t = t->next)
						if (t->type == XML_ELEMENT_NODE)
							fn(t, arg);
		}
	}
}

static void
report_tr_put(xmlNode *n, void *arg)
{
	xmlNode **last = arg;

	if (report_el(n, NS_XCCDF12, "TestResult"))
		*last = n;
	else if (report_el(n, NS_XCCDF12, "Benchmark"))
		for (xmlNode *k = n->children; k != NULL; k = k->next)
			if (report_el(k, NS_XCCDF12, "TestResult"))
				*last = k;
}

/*
 * The TestResult the stylesheet shows ($tr in report.xsl): the last in
 * document order of those where a results document has them: the root,
 * a Benchmark root's children, an ARF report's content (or that
 * Benchmark's children).
 */
static xmlNode *
report_last_tr(xmlDoc *doc)
{
	xmlNode *root = xmlDocGetRootElement(doc), *last = NULL;

	if (root == NULL)
		return NULL;
	if (report_el(root, NS_ARF, "asset-report-collection"))
		report_arf_contents(root, true, report_tr_put, &last);
	else if (report_el(root, NS_XCCDF12, "TestResult"))
		last = root;
	else
		report_tr_put(root, &last);
	return last;
}

/*
 * The Rules and Values of the benchmarks report.xsl reads ($allbench: a
 * Benchmark root; in an ARF a report request's content, the components of
 * its data stream, a report's content), in Groups of any depth, get their
 * ids registered as the document's IDs: the stylesheet finds them with
 * id(), where a key would walk the whole document once per transform.
 * Rules first, each in document order: the first wins, as key(...)[1] did.
 */
struct report_ids {
	xmlDoc		*doc;
	const char	*what;
};

static void
report_ids_of(const struct report_ids *r, xmlNode *n)
{
	for (xmlNode *k = n->children; k != NULL; k = k->next) {
		if (report_el(k, NS_XCCDF12, r->what)) {
			xmlAttr *a = xmlHasNsProp(k, BAD_CAST "id", NULL);
			xmlChar *v;

			if (a == NULL || a->atype == XML_ATTRIBUTE_ID ||
			    (v = xmlNodeListGetString(r->doc, a->children,
			    1)) == NULL)
				continue;
			/* A duplicate is refused: the first stays. */
			(void)xmlAddID(NULL, r->doc, v, a);
			xmlFree(v);
		} else if (report_el(k, NS_XCCDF12, "Group")) {
			report_ids_of(r, k);
		}
	}
}

static void
report_ids_bench(xmlNode *n, void *arg)
{
	if (report_el(n, NS_XCCDF12, "Benchmark"))
		report_ids_of(arg, n);
}

static void
report_ids_request(xmlNode *n, void *arg)
{
	if (!report_el(n, NS_DS, "data-stream-collection")) {
		report_ids_bench(n, arg);
		return;
	}
	for (xmlNode *c = n->children; c != NULL; c = c->next)
		if (report_el(c, NS_DS, "component"))
			for (xmlNode *b = c->children; b != NULL; b = b->next)
				report_ids_bench(b, arg);
}

static void
report_register_ids(xmlDoc *doc)
{
	static const char *const what[] = { "Rule", "Value" };
	xmlNode *root = xmlDocGetRootElement(doc);

	for (size_t i = 0; i < sizeof(what) / sizeof(what[0]); i++) {
		struct report_ids r = { doc, what[i] };

		if (report_el(root, NS_ARF, "asset-report-collection")) {
			report_arf_contents(root, false, report_ids_request,
			    &r);
			report_arf_contents(root, true, report_ids_bench, &r);
		} else if (root != NULL) {
			report_ids_bench(root, &r);
		}
	}
}

struct report_prune {
	struct ks_map	*results;	/* rule id -> its result element */
	const char	*profile;	/* the TestResult's profile idref */
	xmlNode		*grave;		/* holds what is dropped */
};

static void
report_prune_tree(struct report_prune *p, xmlNode *n)
{
	static const char *const rule_keep[] = { "title", "ident", NULL };
	static const char *const group_keep[] = {
		"title", "Group", "Rule", "Value", NULL
	};
	xmlNode *next;

	for (; n != NULL; n = next) {
		next = n->next;
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (report_el(n, NS_DS, "component")) {
			xmlNode *k = n->children;

			while (k != NULL && k->type != XML_ELEMENT_NODE)
				k = k->next;
			if (k != NULL && !report_el(k, NS_XCCDF12, "Benchmark") &&
			    !report_el(k, NS_ODEF, "oval_definitions")) {
				report_drop(p->grave, k);
				continue;
			}
		} else if (report_el(n, NS_ODEF, "oval_definitions") &&
		    report_el(n->parent, NS_DS, "component")) {
			xmlNode *k, *knext;

			for (k = n->children; k != NULL; k = knext) {
				knext = k->next;
				if (report_el(k, NS_ODEF, "objects") ||
				    report_el(k, NS_ODEF, "states") ||
				    report_el(k, NS_ODEF, "variables"))
					report_drop(p->grave, k);
			}
			continue;	/* definitions and tests stay whole */
		} else if (report_el(n, NS_XCCDF12, "Rule")) {
			xmlChar *id = xmlGetProp(n, BAD_CAST "id");
			xmlNode *res = id != NULL ?
			    ks_map_get(p->results, (const char *)id) : NULL;

			xmlFree(id);
			if (res == NULL)
				report_drop(p->grave, n);
			else if (res->children != NULL &&
			    res->children->content != NULL &&
			    strcmp((const char *)res->children->content,
			    "notselected") == 0)
				report_keep_only(p->grave, n, rule_keep);
			continue;
		} else if (report_el(n, NS_XCCDF12, "Group")) {
			report_keep_only(p->grave, n, group_keep);
		} else if (report_el(n, NS_XCCDF12, "Profile") &&
		    report_el(n->parent, NS_XCCDF12, "Benchmark")) {
			xmlChar *id = xmlGetProp(n, BAD_CAST "id");
			bool shown = id != NULL && p->profile != NULL &&
			    strcmp((const char *)id, p->profile) == 0;

			xmlFree(id);
			if (!shown)
				report_drop(p->grave, n);
			continue;
		} else if (report_el(n, NS_XCCDF12, "TestResult"))
			continue;
		report_prune_tree(p, n->children);
	}
}

/*
 * The OVAL definitions and tests of a source data stream the evidence can
 * show: the definitions the OVAL results hold or a kept rule's check
 * names, the tests the results hold or name. A data stream holds every
 * definition of its benchmark; a profile's report shows a few.
 */
struct report_keep {
	struct ks_map	*defs, *tests;
	xmlNode		*grave;
};

static void
report_keep_put(struct ks_map *m, xmlNode *n, const char *attr)
{
	xmlChar *v = xmlGetProp(n, BAD_CAST attr);

	if (v != NULL)
		(void)ks_map_put(m, (const char *)v, (void *)1);
	xmlFree(v);
}

static void
report_keep_collect(struct report_keep *k, xmlNode *n)
{
	for (; n != NULL; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (report_el(n, NS_ORES, "definition"))
			report_keep_put(k->defs, n, "definition_id");
		else if (report_el(n, NS_ORES, "test"))
			report_keep_put(k->tests, n, "test_id");
		else if (report_el(n, NS_ORES, "criterion"))
			report_keep_put(k->tests, n, "test_ref");
		else if (report_el(n, NS_ORES, "extend_definition"))
			report_keep_put(k->defs, n, "definition_ref");
		else if (report_el(n, NS_XCCDF12, "check-content-ref"))
			report_keep_put(k->defs, n, "name");
		else if (report_el(n, NS_ODEF, "oval_definitions") &&
		    report_el(n->parent, NS_DS, "component"))
			continue;	/* the source itself names nothing */
		report_keep_collect(k, n->children);
	}
}

/* Drops the elements of n's child list (definitions, or tests) whose id
 * is not in keep. */
static void
report_keep_only_ids(xmlNode *grave, xmlNode *n, const struct ks_map *keep)
{
	xmlNode *k, *next;

	for (k = n->children; k != NULL; k = next) {
		xmlChar *id;

		next = k->next;
		if (k->type != XML_ELEMENT_NODE)
			continue;
		id = xmlGetProp(k, BAD_CAST "id");
		if (id == NULL || ks_map_get(keep, (const char *)id) == NULL)
			report_drop(grave, k);
		xmlFree(id);
	}
}

static void
report_keep_prune(const struct report_keep *k, xmlNode *n)
{
	for (; n != NULL; n = n->next) {
		xmlNode *c;

		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (!report_el(n, NS_ODEF, "oval_definitions")) {
			if (!report_el(n, NS_XCCDF12, "Benchmark") &&
			    !report_el(n, NS_ARF, "reports"))
				report_keep_prune(k, n->children);
			continue;
		}
		if (!report_el(n->parent, NS_DS, "component"))
			continue;
		for (c = n->children; c != NULL; c = c->next) {
			/* No results at all (none in the ARF): keep all. */
			if (report_el(c, NS_ODEF, "definitions") &&
			    ks_map_count(k->defs) > 0)
				report_keep_only_ids(k->grave, c, k->defs);
			else if (report_el(c, NS_ODEF, "tests") &&
			    ks_map_count(k->tests) > 0)
				report_keep_only_ids(k->grave, c, k->tests);
		}
	}
}

/*
 * Returns the element that holds what was dropped (NULL when nothing
 * was), outside the document's tree: the caller frees it, or leaves it
 * to exit (ks_mem_leave), which is faster than freeing node by node.
 */
static xmlNode *
report_prune_doc(xmlDoc *doc)
{
	struct report_prune p = { 0 };
	struct report_keep keep = { NULL, NULL, NULL };
	xmlNode *root = xmlDocGetRootElement(doc), *tr, *k;
	xmlChar *prof = NULL;

	if ((tr = report_last_tr(doc)) == NULL ||
	    ks_map_new(&p.results) != 0)
		return NULL;
	/* Created in the document so that its names are the document's
	 * (dictionary strings are not freed with the nodes). */
	p.grave = keep.grave = xmlNewDocNode(doc, NULL, BAD_CAST "dropped",
	    NULL);
	for (k = tr->children; k != NULL; k = k->next) {
		xmlNode *r;
		xmlChar *idref;

		if (report_el(k, NS_XCCDF12, "profile") && prof == NULL)
			prof = xmlGetProp(k, BAD_CAST "idref");
		if (!report_el(k, NS_XCCDF12, "rule-result"))
			continue;
		for (r = k->children; r != NULL &&
		    !report_el(r, NS_XCCDF12, "result"); r = r->next)
			;
		if (r == NULL ||
		    (idref = xmlGetProp(k, BAD_CAST "idref")) == NULL)
			continue;
		/* A rule with several results (instances) keeps its details
		 * when any of them is selected. */
		if (ks_map_get(p.results, (const char *)idref) == NULL ||
		    (r->children != NULL && r->children->content != NULL &&
		    strcmp((const char *)r->children->content,
		    "notselected") != 0))
			(void)ks_map_put(p.results, (const char *)idref, r);
		xmlFree(idref);
	}
	p.profile = (const char *)prof;
	report_prune_tree(&p, root);
	xmlFree(prof);
	ks_map_free(p.results);
	/* After the rules are pruned: only the kept ones' checks count. */
	if (ks_map_new(&keep.defs) == 0 && ks_map_new(&keep.tests) == 0) {
		report_keep_collect(&keep, root);
		report_keep_prune(&keep, root);
	}
	ks_map_free(keep.defs);
	ks_map_free(keep.tests);
	return p.grave;
}

/*
 * ---- two transforms on two cores ----------------------------------------
 * The rows of the rules, with the details and OVAL evidence of those a
 * profile selected, are most of a transform. With two cores a second
 * transform of the same input renders about half of them (the rule-results
 * numbered here with the attribute kensa-part), the first renders the rest
 * of the page with a comment <!--kensa-row N--> in each of their places,
 * and report_join puts them together: the same bytes as one transform
 * (tests/e2e/ssg-xccdf.sh compares, KENSA_REPORT_THREADS=1 forces one).
 * Both transforms use one compiled stylesheet: libxslt's own thread test
 * (xsltproc/testThreads.c, "all threads share the same stylesheet
 * instance") runs transforms of one stylesheet at once; what a transform
 * changes is its context's. It is compiled on a thread of its own while
 * the results are written (agent_report_preload), else here.
 * The input is only read by the transforms;
 * libxslt writes its document order into it (xmlXPathOrderDocElems) when
 * a context is created, so both contexts are created on this thread
 * before the second transform starts.
 */
#define REPORT_SPLIT_MIN	16	/* fewer rule-results: one transform */
#define REPORT_PART_ATTR	"kensa-part"
#define REPORT_ROW_MARK		"<!--kensa-row "
#define REPORT_END_MARK		"<!--kensa-end-->"

struct report_styles {
	const char		*xsl;
	xsltStylesheetPtr	 style;
	int			 rc;
	char			 err[512];
};

static void *
report_styles_load(void *arg)
{
	struct report_styles *s = arg;

	s->rc = report_load_style(&s->style, s->xsl);
	if (s->rc != 0)
		snprintf(s->err, sizeof(s->err), "%s", ks_error_msg());
	return NULL;
}

/* The stylesheet compiled ahead (agent_report_preload). */
static struct report_styles report_pre;
static char report_pre_xsl[PATH_MAX];
static pthread_t report_pre_th;
static bool report_pre_started;

static bool report_split_wanted(const char *findings_path);

static int
report_xsl_path(char *buf, size_t n)
{
	const char *datadir = agent_datadir();
	int w = snprintf(buf, n, "%s/xsl/report.xsl", datadir);

	if (w < 0 || (size_t)w >= n) {
		ks_error_set("%s: data directory path too long", datadir);
		return KS_ELIMIT;
	}
	return 0;
}

void
agent_report_preload(void)
{
	if (report_pre_started || !report_split_wanted(NULL) ||
	    report_xsl_path(report_pre_xsl, sizeof(report_pre_xsl)) != 0 ||
	    ks_dl_load(&xslt_lib) != 0) {
		/* The report says what is wrong when it comes to it. */
		ks_error_clear();
		return;
	}
	ks_xml_init();
	XL.xsltSetGenericErrorFunc(NULL, report_xslt_error);
	memset(&report_pre, 0, sizeof(report_pre));
	report_pre.xsl = report_pre_xsl;
	report_pre_started = pthread_create(&report_pre_th, NULL,
	    report_styles_load, &report_pre) == 0;
}

/* The preloaded stylesheet of xsl into *s (joined), if there is one. */
static bool
report_preload_take(const char *xsl, struct report_styles *s)
{
	if (!report_pre_started || strcmp(xsl, report_pre_xsl) != 0)
		return false;
	pthread_join(report_pre_th, NULL);
	report_pre_started = false;
	*s = report_pre;
	s->xsl = xsl;
	memset(&report_pre, 0, sizeof(report_pre));
	return true;
}

void
agent_report_preload_end(void)
{
	if (!report_pre_started)
		return;
	pthread_join(report_pre_th, NULL);
	report_pre_started = false;
	XL.xsltFreeStylesheet(report_pre.style);
	memset(&report_pre, 0, sizeof(report_pre));
}

/* One transform. With `string` the page is serialized into out. */
struct report_job {
	xsltStylesheetPtr	 style;
	bool			 shared;	/* style is the other job's */
	xsltTransformContextPtr	 ctxt;
	xmlDoc			*doc, *res;
	const char		*params[7];
	bool			 string, ok;
	xmlChar			*out;
	int			 len;
	char			 err[512];
};

static void
report_job_run(struct report_job *j)
{
	report_xslt_reset();
	report_xml_errors(true);
	j->res = XL.xsltApplyStylesheetUser(j->style, j->doc, j->params, NULL,
	    NULL, j->ctxt);
	report_xml_errors(false);
	j->ok = j->res != NULL && j->ctxt->state == XSLT_STATE_OK;
	snprintf(j->err, sizeof(j->err), "%s",
	    report_xslt_err[0] ? report_xslt_err : "unknown error");
	if (j->ok && j->string && (XL.xsltSaveResultToString(&j->out,
	    &j->len, j->res, j->style) != 0 || j->out == NULL)) {
		j->ok = false;
		snprintf(j->err, sizeof(j->err), "cannot serialize the page");
	}
}

static void *
report_job_thread(void *arg)
{
	report_job_run(arg);
	return NULL;
}

static void
report_job_clear(struct report_job *j)
{
	/* Left to exit like the input when main() allows. */
	if (!ks_mem_leave(j->res))
		xmlFreeDoc(j->res);
	if (!ks_mem_leave(j->ctxt))
		XL.xsltFreeTransformContext(j->ctxt);
	if (!j->shared && !ks_mem_leave(j->style))
		XL.xsltFreeStylesheet(j->style);
	if (!ks_mem_leave(j->out))
		xmlFree(j->out);
	memset(j, 0, sizeof(*j));
}

/* Elements under n, counting n (iteratively: the depth is the input's). */
static uint32_t
report_count_elems(const xmlNode *n)
{
	const xmlNode *root = n;
	uint32_t c = 0;

	for (; n != NULL; n = ks_xml_walk_next(root, (xmlNode *)n))
		c += n->type == XML_ELEMENT_NODE;
	return c;
}

/* What a row is likely to cost a transform: its rule's elements (the
 * pruning left titles and idents of rules not selected, everything of the
 * others), its own, and a little for the row itself. */
static uint32_t
report_row_weight(xmlDoc *doc, xmlNode *rr)
{
	xmlChar *id = xmlGetProp(rr, BAD_CAST "idref");
	xmlAttr *a = id != NULL ? xmlGetID(doc, id) : NULL;
	uint32_t w = 4 + report_count_elems(rr);

	xmlFree(id);
	if (a != NULL && a->type == XML_ATTRIBUTE_NODE && a->parent != NULL)
		w += report_count_elems(a->parent);
	return w;
}

/*
 * Numbers the rule-results of the shown TestResult that the second
 * transform renders: rows in document order go to whichever transform
 * keeps the second one's share of the rows' weight (report_row_weight)
 * nearest 55 % (the first also renders the page around them). Returns
 * how many; 0 (nothing numbered) when there are too few rows to be worth
 * a second transform.
 */
static uint32_t
report_split_mark(xmlDoc *doc)
{
	xmlNode *tr = report_last_tr(doc), *k;
	uint64_t wa = 0, wb = 0;
	uint32_t total = 0, n = 0;

	if (tr == NULL)
		return 0;
	for (k = tr->children; k != NULL; k = k->next) {
		if (!report_el(k, NS_XCCDF12, "rule-result"))
			continue;
		/* Not the input's own, whatever it says. */
		xmlUnsetProp(k, BAD_CAST REPORT_PART_ATTR);
		total++;
	}
	if (total < REPORT_SPLIT_MIN)
		return 0;
	for (k = tr->children; k != NULL; k = k->next) {
		uint64_t w;
		char num[16];

		if (!report_el(k, NS_XCCDF12, "rule-result"))
			continue;
		w = report_row_weight(doc, k);
		if ((wb + w) * 100 > (wa + wb + w) * 55) {
			wa += w;
			continue;
		}
		wb += w;
		snprintf(num, sizeof(num), "%u", ++n);
		if (xmlSetProp(k, BAD_CAST REPORT_PART_ATTR, BAD_CAST num) ==
		    NULL)
			return 0;	/* out of memory: one transform */
	}
	return n;
}

/* The number after a row mark at p (end of the text at e), 0 if none;
 * *after is set past the mark's "-->". */
static uint32_t
report_mark_num(const char *p, const char *e, const char **after)
{
	uint32_t v = 0;

	p += sizeof(REPORT_ROW_MARK) - 1;
	if (p >= e || *p < '0' || *p > '9')
		return 0;
	while (p < e && *p >= '0' && *p <= '9') {
		if (v > UINT32_MAX / 10 - 1)
			return 0;
		v = v * 10 + (uint32_t)(*p++ - '0');
	}
	if (e - p < 3 || memcmp(p, "-->", 3) != 0)
		return 0;
	*after = p + 3;
	return v;
}

/*
 * Writes page a with each row mark replaced by that row of b (the second
 * transform's rows 1..n in order, each after its mark, the last before the
 * end mark). false, with nothing written, when they do not fit together.
 */
static bool
report_join(FILE *fp, const char *a, size_t alen, const char *b,
    size_t blen, uint32_t n)
{
	const char **start = ks_calloc(n + 1, sizeof(*start));
	const char **stop = ks_calloc(n + 1, sizeof(*stop));
	const char *p = b, *e = b + blen, *ae = a + alen, *q;
	bool ok = false;

	for (uint32_t i = 1; i <= n; i++) {
		const char *m = memmem(p, (size_t)(e - p), REPORT_ROW_MARK,
		    sizeof(REPORT_ROW_MARK) - 1);

		if (m == NULL || report_mark_num(m, e, &q) != i)
			goto out;
		if (i > 1)
			stop[i - 1] = m;
		start[i] = p = q;
	}
	if ((q = memmem(p, (size_t)(e - p), REPORT_END_MARK,
	    sizeof(REPORT_END_MARK) - 1)) == NULL)
		goto out;
	stop[n] = q;
	/* Every mark in a is known before anything is written. */
	for (p = a; (q = memmem(p, (size_t)(ae - p), REPORT_ROW_MARK,
	    sizeof(REPORT_ROW_MARK) - 1)) != NULL; ) {
		uint32_t v = report_mark_num(q, ae, &p);

		if (v == 0 || v > n)
			goto out;
	}
	for (p = a; (q = memmem(p, (size_t)(ae - p), REPORT_ROW_MARK,
	    sizeof(REPORT_ROW_MARK) - 1)) != NULL; ) {
		const char *after;
		uint32_t v = report_mark_num(q, ae, &after);

		fwrite(p, 1, (size_t)(q - p), fp);
		fwrite(start[v], 1, (size_t)(stop[v] - start[v]), fp);
		p = after;
	}
	fwrite(p, 1, (size_t)(ae - p), fp);
	ok = true;
out:
	free(start);
	free(stop);
	return ok;
}

/* The page of a split, joined, to out_path (standard output for NULL or
 * "-"), atomically. KS_EUNSUPPORTED (nothing written, no message) when
 * the parts do not fit: the caller renders the page in one transform. */
static int
report_write_joined(const struct report_job *a, const struct report_job *b,
    uint32_t n, const char *out_path)
{
	struct ks_atomic *at = NULL;
	FILE *fp = stdout;
	int rc;

	if (out_path != NULL && strcmp(out_path, "-") != 0) {
		if ((rc = ks_atomic_open(&at, out_path)) != 0)
			return rc;
		fp = ks_atomic_fp(at);
	}
	if (!report_join(fp, (const char *)a->out, (size_t)a->len,
	    (const char *)b->out, (size_t)b->len, n)) {
		if (at != NULL)
			ks_atomic_abort(at);
		return KS_EUNSUPPORTED;
	}
	if (at != NULL)
		return ks_atomic_commit(at);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		ks_error_set("standard output: cannot write the report");
		return KS_ERROR;
	}
	return 0;
}

/*
 * A transform's context. `ordered`: the document order is already in the
 * document, written by a context made before: libxslt would walk the whole
 * input again (xmlXPathOrderDocElems, milliseconds on a data stream) unless
 * its debugger is on, so it is, for the making only: the context's own
 * status is set back, and no transform runs meanwhile.
 */
static int
report_new_ctxt(struct report_job *j, xmlDoc *doc, xsltSecurityPrefsPtr sec,
    struct report_sec *rs, const char *xsl, bool ordered)
{
	int dbg = XL.xsltGetDebuggerStatus();

	if (ordered)
		XL.xsltSetDebuggerStatus(XSLT_DEBUG_INIT);
	j->ctxt = XL.xsltNewTransformContext(j->style, doc);
	XL.xsltSetDebuggerStatus(dbg);
	if (j->ctxt != NULL)
		j->ctxt->debugStatus = dbg;
	if (j->ctxt == NULL || XL.xsltSetCtxtSecurityPrefs(sec, j->ctxt) != 0) {
		ks_error_set("%s: out of memory", xsl);
		return KS_ENOMEM;
	}
	j->doc = doc;
	j->ctxt->_private = rs;
	/* Whatever document() parses itself (our strings file) is read as
	 * the safe loader reads: no entity expansion, no DTD, no network. */
	j->ctxt->parserOptions = XML_PARSE_NONET | XML_PARSE_NOCDATA;
	XL.xsltSetTransformErrorFunc(j->ctxt, NULL, report_xslt_error);
	return 0;
}

/* String parameters are XPath expressions: quoted literals. */
static void
report_params(struct report_job *j, const char *lang, const char *part)
{
	j->params[0] = "lang";
	j->params[1] = strncmp(lang, "ja", 2) == 0 ? "'ja'" : "'en'";
	j->params[2] = "generator";
	j->params[3] = "'" KS_VERSION "'";
	j->params[4] = "part";
	j->params[5] = part;
	j->params[6] = NULL;
}

static bool
report_split_wanted(const char *findings_path)
{
	const char *env = getenv("KENSA_REPORT_THREADS");

	return findings_path == NULL && sysconf(_SC_NPROCESSORS_ONLN) > 1 &&
	    (env == NULL || strcmp(env, "1") != 0);
}

int
agent_report_html_doc(xmlDoc *doc, const char *in_path, const char *out_path,
    const char *lang, const char *findings_path)
{
	xsltSecurityPrefsPtr sec = NULL;
	struct report_styles styles = { 0 };
	struct report_job ja = { 0 }, jb = { 0 };
	xmlDoc *fdoc = NULL;
	xmlNode *grave;
	struct report_sec rs;
	char xsl[PATH_MAX], dir[PATH_MAX];
	const char *datadir = agent_datadir();
	pthread_t th;
	bool preloaded, split = report_split_wanted(findings_path);
	uint32_t nsplit = 0;
	int rc = KS_ERROR, n;

	ks_xml_init();
	if ((rc = ks_dl_load(&xslt_lib)) != 0)
		return rc;
	if (lang == NULL)
		lang = agent_lang(NULL);
	if ((rc = report_xsl_path(xsl, sizeof(xsl))) != 0)
		return rc;
	n = snprintf(dir, sizeof(dir), "%s/xsl", datadir);
	if (n < 0 || (size_t)n >= sizeof(dir) || realpath(dir, rs.dir) == NULL ||
	    strlen(rs.dir) + 2 > sizeof(rs.dir)) {
		ks_error_set("%s: stylesheet not found (set KENSA_DATADIR to "
		    "kensa's data directory)", xsl);
		return KS_ENOTFOUND;
	}
	strcat(rs.dir, "/");
	rs.findings[0] = '\0';

	XL.xsltSetGenericErrorFunc(NULL, report_xslt_error);
	styles.xsl = xsl;
	preloaded = report_preload_take(xsl, &styles);
	if ((rc = report_check_input(doc, in_path)) != 0)
		goto out;
	/* KENSA_REPORT_WHOLE: the transform over the whole document, for
	 * the test that shows the pruning changes nothing. */
	if (getenv("KENSA_REPORT_WHOLE") == NULL &&
	    (grave = report_prune_doc(doc)) != NULL && !ks_mem_leave(grave))
		xmlFreeNode(grave);
	report_register_ids(doc);
	/* After the pruning: a walk of what is left. */
	report_xccdf11_to_12(doc);
	if (findings_path != NULL && (rc = report_load_findings(&fdoc,
	    findings_path, &rs)) != 0)
		goto out;
	/* Not compiled ahead (one core, or no thread to be had): here. */
	if (!preloaded)
		(void)report_styles_load(&styles);
	ja.style = styles.style;
	jb.style = split ? styles.style : NULL;
	jb.shared = true;
	styles.style = NULL;
	if ((rc = styles.rc) != 0) {
		ks_error_set("%s", styles.err);
		goto out;
	}
	if (split && jb.style != NULL)
		nsplit = report_split_mark(doc);
	rc = KS_ERROR;
	if ((sec = XL.xsltNewSecurityPrefs()) == NULL ||
	    XL.xsltSetSecurityPrefs(sec, XSLT_SECPREF_READ_FILE,
	    report_check_read) != 0 ||
	    XL.xsltSetSecurityPrefs(sec, XSLT_SECPREF_WRITE_FILE,
	    XL.xsltSecurityForbid) != 0 ||
	    XL.xsltSetSecurityPrefs(sec, XSLT_SECPREF_CREATE_DIRECTORY,
	    XL.xsltSecurityForbid) != 0 ||
	    XL.xsltSetSecurityPrefs(sec, XSLT_SECPREF_READ_NETWORK,
	    XL.xsltSecurityForbid) != 0 ||
	    XL.xsltSetSecurityPrefs(sec, XSLT_SECPREF_WRITE_NETWORK,
	    XL.xsltSecurityForbid) != 0) {
		ks_error_set("%s: cannot set the XSLT security preferences",
		    xsl);
		goto out;
	}
	if ((rc = report_new_ctxt(&ja, doc, sec, &rs, xsl, false)) != 0)
		goto out;
	if (fdoc != NULL &&
	    (rc = report_attach_findings(ja.ctxt, ja.style, &fdoc,
	    rs.findings)) != 0)
		goto out;
	if (nsplit > 0) {
		bool started;

		if ((rc = report_new_ctxt(&jb, doc, sec, &rs, xsl,
		    true)) != 0)
			goto out;
		report_params(&ja, lang, "'a'");
		report_params(&jb, lang, "'b'");
		ja.string = jb.string = true;
		started = pthread_create(&th, NULL, report_job_thread,
		    &jb) == 0;
		report_job_run(&ja);
		if (started)
			pthread_join(th, NULL);
		else
			report_job_run(&jb);
		if (!ja.ok || !jb.ok) {
			ks_error_set("%s: rendering with %s failed: %s",
			    in_path, xsl, !ja.ok ? ja.err : jb.err);
			rc = KS_ERROR;
			goto out;
		}
		rc = report_write_joined(&ja, &jb, nsplit, out_path);
		if (rc != KS_EUNSUPPORTED)
			goto out;
		/* The parts did not fit (a page no test has shown yet): the
		 * page again, in one transform. */
		ks_warn("%s: the report's two parts did not fit; rendered "
		    "again in one", in_path);
		/* jb first: its context uses ja's stylesheet. */
		report_job_clear(&jb);
		report_job_clear(&ja);
		if ((rc = report_load_style(&ja.style, xsl)) != 0 ||
		    (rc = report_new_ctxt(&ja, doc, sec, &rs, xsl,
		    true)) != 0)
			goto out;
	}
	report_params(&ja, lang, "''");
	report_job_run(&ja);
	if (!ja.ok) {
		ks_error_set("%s: rendering with %s failed: %s", in_path, xsl,
		    ja.err);
		rc = KS_ERROR;
		goto out;
	}
	rc = report_write(ja.res, ja.style, out_path);
out:
	/* Preloaded, and not taken by a transform. */
	XL.xsltFreeStylesheet(styles.style);
	XL.xsltSetGenericErrorFunc(NULL, NULL);
	report_job_clear(&jb);
	report_job_clear(&ja);
	XL.xsltFreeSecurityPrefs(sec);
	xmlFreeDoc(fdoc);
	return rc;
}

static void
report_usage(FILE *fp)
{
	fprintf(fp,
	    "usage: kensa report [--lang ja|en] [--output FILE]\n"
	    "                    [--findings FINDINGS.xml] RESULTS.xml\n"
	    "Renders ARF (--results-arf) or XCCDF results (--results) as one\n"
	    "self-contained HTML page: summary, rules by group with filters,\n"
	    "the OVAL evidence and the fixes of each rule. --findings adds\n"
	    "the CVSS-scored findings (findings.xml of kensa scan, or the\n"
	    "--findings output of kensa oval/xccdf eval). The default\n"
	    "language comes from the locale; the default output is standard\n"
	    "output.\n");
}

int
agent_cmd_report(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "lang", required_argument, NULL, 'l' },
		{ "output", required_argument, NULL, 'o' },
		{ "findings", required_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *lang = NULL, *out = NULL, *findings = NULL;
	int c;

	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "+ho:", longopts, NULL)) != -1) {
		switch (c) {
		case 'l': lang = optarg; break;
		case 'o': out = optarg; break;
		case 'f': findings = optarg; break;
		case 'h': report_usage(stdout); return AGENT_EXIT_OK;
		default:
			fprintf(stderr, "kensa report: unknown or incomplete "
			    "option '%s' (kensa report --help)\n",
			    argv[optind - 1]);
			return AGENT_EXIT_ERROR;
		}
	}
	if (argc - optind != 1) {
		fprintf(stderr, "kensa report: expected one RESULTS.xml "
		    "(kensa report --help)\n");
		return AGENT_EXIT_ERROR;
	}
	if (lang != NULL && strcmp(lang, "ja") != 0 && strcmp(lang, "en") != 0) {
		fprintf(stderr, "kensa report: --lang takes ja or en\n");
		return AGENT_EXIT_ERROR;
	}
	if (agent_report_html(argv[optind], out, lang, findings) != 0) {
		agent_perror(NULL);
		return AGENT_EXIT_ERROR;
	}
	return AGENT_EXIT_OK;
}
