/*
 * XCCDF results: the evaluated Benchmark copied from its DOM (with the
 * namespaces it inherited from a data-stream collection declared on it) and
 * a TestResult appended (XCCDF 1.2 section 6.6; a 1.1 TestResult for a 1.1
 * benchmark), and the OVAL results files of --oval-results. The TestResult
 * writer is shared with arf.c. It evaluates nothing: it reads struct
 * xccdf_eval.
 */
#include "xccdf/xccdf_results_int.h"

#include <arpa/inet.h>
#include <errno.h>
#include <libxml/tree.h>
#include <libxml/xmlsave.h>
#include <math.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "oval/oval.h"

#ifndef KS_VERSION
#define KS_VERSION "0.1.0"
#endif

#define TR_ID_PREFIX	"xccdf_org.kensa_testresult_"
#define FACT_PREFIX	"urn:xccdf:fact:asset:identifier:"
/* Longest OVAL results file name we make from a resource name. */
#define OVAL_NAME_MAX	200

/* ---- small formatting helpers -------------------------------------------- */

/*
 * A non-negative decimal with six fraction digits ("1.000000"), written
 * without printf's %f so that an LC_NUMERIC set for --lang can never turn
 * the point into a comma: xsd:decimal wants a point.
 */
static void
fmt_decimal(char *out, size_t n, double v)
{
	unsigned long long u;
	int len;

	if (!isfinite(v) || v < 0)
		v = 0;
	if (v > 1e12)
		v = 1e12;
	u = (unsigned long long)llround(v * 1e6);
	len = snprintf(out, n, "%llu.%06llu", u / 1000000ull, u % 1000000ull);
	if (len < 0 || (size_t)len >= n)
		snprintf(out, n, "0.0");
}

/* Current UTC time as xsd:dateTime. */
static void
now_iso(char *out, size_t n)
{
	time_t t = time(NULL);
	struct tm tm;

	if (gmtime_r(&t, &tm) == NULL ||
	    strftime(out, n, "%Y-%m-%dT%H:%M:%SZ", &tm) == 0)
		snprintf(out, n, "1970-01-01T00:00:00Z");
}

/* "prefix:local" into buf, or local alone without a prefix. */
static const char *
qname(char *buf, size_t n, const char *prefix, const char *local)
{
	int len;

	if (prefix == NULL || prefix[0] == '\0')
		return local;
	len = snprintf(buf, n, "%s:%s", prefix, local);
	if (len < 0 || (size_t)len >= n)
		return local;	/* names are short; never reached */
	return buf;
}

/* xmlns="href" or xmlns:prefix="href" on the element just started. */
static void
ns_attr(struct ks_xmlw *x, const char *prefix, const char *href)
{
	char name[KS_XMLW_MAX_NAME];

	if (prefix == NULL || prefix[0] == '\0')
		ks_xmlw_attr(x, "xmlns", href);
	else
		ks_xmlw_attr(x, qname(name, sizeof(name), "xmlns", prefix),
		    href);
}

/* Writer shorthands for elements in the XCCDF namespace. */
static void
x_start(struct ks_xmlw *x, const struct xccdf_tr_ctx *c, const char *local)
{
	ks_xmlw_start2(x, c->prefix, local);
}

static void
x_elem(struct ks_xmlw *x, const struct xccdf_tr_ctx *c, const char *local,
    const char *text)
{
	ks_xmlw_start2(x, c->prefix, local);
	ks_xmlw_text(x, text);
	ks_xmlw_end(x);
}

const char *
xccdf_results_bench_prefix(const struct xccdf_eval *e)
{
	const xmlNode *b = e->checklist.benchmark;

	if (b == NULL && e->bench != NULL)
		b = e->bench->node;
	if (b == NULL || b->ns == NULL || b->ns->prefix == NULL)
		return NULL;
	return (const char *)b->ns->prefix;
}

const char *
xccdf_results_target_name(const struct xccdf_eval *e,
    const struct plat_sysinfo *si)
{
	if (si != NULL && si->hostname != NULL && si->hostname[0] != '\0' &&
	    strcmp(si->hostname, "unknown") != 0)
		return si->hostname;
	if (e->target != NULL)
		return plat_target_name(e->target);
	return "unknown";
}

/* ---- the DOM copy -------------------------------------------------------- */

struct copy_io {
	struct ks_xmlw	*x;
};

/* libxml2's output callback: the serialised subtree goes to the writer. */
static int
copy_io_write(void *ctx, const char *buf, int len)
{
	struct copy_io *io = ctx;

	if (len <= 0)
		return 0;
	ks_xmlw_raw(io->x, buf, (size_t)len);
	return ks_xmlw_status(io->x) == 0 ? len : -1;
}

static int
copy_io_close(void *ctx)
{
	(void)ctx;
	return 0;
}

/* The start tag of el with its attributes and every namespace in scope. */
static void
copy_start_tag(struct ks_xmlw *x, xmlNode *el)
{
	char name[KS_XMLW_MAX_NAME];
	xmlNs **nsl;

	ks_xmlw_start2(x, el->ns != NULL ? (const char *)el->ns->prefix : NULL,
	    (const char *)el->name);
	/* xmlGetNsList: the declarations in scope, innermost first, each
	 * prefix once (an inner one shadows an outer one), "xml" excluded. */
	nsl = xmlGetNsList(el->doc, el);
	for (size_t i = 0; nsl != NULL && nsl[i] != NULL; i++)
		ns_attr(x, (const char *)nsl[i]->prefix,
		    (const char *)nsl[i]->href);
	xmlFree(nsl);
	for (xmlAttr *a = el->properties; a != NULL; a = a->next) {
		xmlChar *v = xmlNodeGetContent((xmlNode *)a);

		ks_xmlw_attr(x, qname(name, sizeof(name), a->ns != NULL ?
		    (const char *)a->ns->prefix : NULL, (const char *)a->name),
		    v != NULL ? (const char *)v : "");
		xmlFree(v);
	}
}

void
xccdf_results_copy_element(struct ks_xmlw *x, xmlNode *el,
    const char *insert_before,
    void (*insert)(struct ks_xmlw *x, void *payload), void *payload)
{
	struct copy_io io = { x };
	xmlOutputBuffer *ob;
	bool inserted = insert == NULL;

	copy_start_tag(x, el);
	ob = xmlOutputBufferCreateIO(copy_io_write, copy_io_close, &io, NULL);
	if (ob == NULL) {
		ks_error_set("%s: cannot serialise element %s",
		    ks_xmlw_name(x), (const char *)el->name);
		ks_xmlw_fail(x, KS_ENOMEM);
		return;
	}
	for (xmlNode *k = el->children; k != NULL && ks_xmlw_status(x) == 0;
	    k = k->next) {
		if (!inserted && insert_before != NULL &&
		    k->type == XML_ELEMENT_NODE &&
		    xmlStrEqual(k->name, (const xmlChar *)insert_before) &&
		    k->ns != NULL && el->ns != NULL &&
		    xmlStrEqual(k->ns->href, el->ns->href)) {
			(void)xmlOutputBufferFlush(ob);
			insert(x, payload);
			inserted = true;
		}
		/* The blank line before the end tag: the inserted element
		 * lays itself out. */
		if (!inserted && k->next == NULL && xmlIsBlankNode(k)) {
			ks_xmlw_raw(x, "\n", 1);
			break;
		}
		/* Each child is serialised as it is: the namespaces it uses
		 * from outside are declared on el above. */
		xmlNodeDumpOutput(ob, el->doc, k, 0, 0, "UTF-8");
		if (xmlOutputBufferFlush(ob) < 0 && ks_xmlw_status(x) == 0) {
			ks_error_set("%s: cannot serialise a child of %s",
			    ks_xmlw_name(x), (const char *)el->name);
			ks_xmlw_fail(x, KS_ERROR);
		}
	}
	(void)xmlOutputBufferClose(ob);
	if (!inserted && ks_xmlw_status(x) == 0)
		insert(x, payload);
	ks_xmlw_end(x);
}

/* ---- target facts -------------------------------------------------------- */

/* Whether an earlier interface already gave this address. */
static bool
ip_seen(const struct plat_sysinfo *si, size_t i)
{
	for (size_t j = 0; j < i; j++)
		if (si->ifaces[j].ip != NULL &&
		    strcmp(si->ifaces[j].ip, si->ifaces[i].ip) == 0)
			return true;
	return false;
}

static bool
mac_seen(const struct plat_sysinfo *si, size_t i)
{
	for (size_t j = 0; j < i; j++)
		if (si->ifaces[j].mac != NULL &&
		    strcasecmp(si->ifaces[j].mac, si->ifaces[i].mac) == 0)
			return true;
	return false;
}

/* 4 or 6 for a textual address, 0 for anything else. */
static int
ip_family(const char *ip)
{
	unsigned char buf[sizeof(struct in6_addr)];

	if (ip == NULL)
		return 0;
	if (inet_pton(AF_INET, ip, buf) == 1)
		return 4;
	if (inet_pton(AF_INET6, ip, buf) == 1)
		return 6;
	return 0;
}

static void
fact(struct ks_xmlw *x, const struct xccdf_tr_ctx *c, const char *name,
    const char *value)
{
	if (value == NULL || value[0] == '\0')
		return;
	x_start(x, c, "fact");
	ks_xmlw_attr(x, "name", name);
	ks_xmlw_attr(x, "type", "string");
	ks_xmlw_text(x, value);
	ks_xmlw_end(x);
}

/*
 * target-address and target-facts. The fact names are the asset
 * identifier facts of XCCDF 1.2 (NISTIR 7275r4 section 6.6.3, "fact"
 * names urn:xccdf:fact:asset:identifier:*), plus the scanner's name and
 * version and the operating system kensa read (no standard name exists
 * for those: urn:xccdf:fact:scanner:* as OpenSCAP writes, and
 * urn:xccdf:fact:os:*).
 */
static void
write_target(struct ks_xmlw *x, struct xccdf_eval *e,
    const struct xccdf_tr_ctx *c)
{
	const struct plat_sysinfo *si = c->si;
	const char *host = xccdf_results_target_name(e, si);
	bool known = si != NULL && si->hostname != NULL &&
	    strcmp(si->hostname, "unknown") != 0;

	x_elem(x, c, "target", host);
	for (size_t i = 0; si != NULL && i < si->nifaces; i++)
		if (ip_family(si->ifaces[i].ip) != 0 && !ip_seen(si, i))
			x_elem(x, c, "target-address", si->ifaces[i].ip);
	x_start(x, c, "target-facts");
	fact(x, c, "urn:xccdf:fact:scanner:name", "kensa");
	fact(x, c, "urn:xccdf:fact:scanner:version", KS_VERSION);
	if (known) {
		/* The target knows no domain of its own: its host name is
		 * the most qualified name there is (OpenSCAP does the same). */
		fact(x, c, FACT_PREFIX "fqdn", si->hostname);
		fact(x, c, FACT_PREFIX "host_name", si->hostname);
	}
	for (size_t i = 0; si != NULL && i < si->nifaces; i++) {
		const char *mac = si->ifaces[i].mac;

		if (mac != NULL && mac[0] != '\0' && !mac_seen(si, i)) {
			fact(x, c, "urn:xccdf:fact:ethernet:MAC", mac);
			fact(x, c, FACT_PREFIX "mac", mac);
		}
	}
	for (int fam = 4; fam <= 6; fam += 2)
		for (size_t i = 0; si != NULL && i < si->nifaces; i++)
			if (ip_family(si->ifaces[i].ip) == fam &&
			    !ip_seen(si, i))
				fact(x, c, fam == 4 ? FACT_PREFIX "ipv4" :
				    FACT_PREFIX "ipv6", si->ifaces[i].ip);
	if (si != NULL) {
		if (si->os_name != NULL && strcmp(si->os_name, "unknown"))
			fact(x, c, "urn:xccdf:fact:os:name", si->os_name);
		if (si->os_version != NULL &&
		    strcmp(si->os_version, "unknown"))
			fact(x, c, "urn:xccdf:fact:os:version",
			    si->os_version);
		if (si->architecture != NULL &&
		    strcmp(si->architecture, "unknown"))
			fact(x, c, "urn:xccdf:fact:os:architecture",
			    si->architecture);
	}
	ks_xmlw_end(x);
}

/* identity: the account kensa runs as. XCCDF 1.2 identityType:
 * "authenticated" whether it authenticated to the target (a live host
 * scanned by a local user: yes; a directory or image: no account is
 * used), "privileged" whether it has administrator rights (euid 0). */
static void
write_identity(struct ks_xmlw *x, struct xccdf_eval *e,
    const struct xccdf_tr_ctx *c)
{
	uid_t uid = geteuid();
	struct passwd pw, *res = NULL;
	char buf[4096], name[32];
	const char *who = NULL;

	if (getpwuid_r(uid, &pw, buf, sizeof(buf), &res) == 0 &&
	    res != NULL && pw.pw_name != NULL)
		who = pw.pw_name;
	else {
		int n = snprintf(name, sizeof(name), "uid %lu",
		    (unsigned long)uid);

		who = n > 0 && (size_t)n < sizeof(name) ? name : "unknown";
	}
	x_start(x, c, "identity");
	ks_xmlw_attr_bool(x, "authenticated",
	    e->target != NULL && plat_target_is_live(e->target));
	ks_xmlw_attr_bool(x, "privileged", uid == 0);
	ks_xmlw_text(x, who);
	ks_xmlw_end(x);
}

/* ---- rule results -------------------------------------------------------- */

/* The base name of an href ("dir/a.xml" -> "a.xml", "#x" stays). */
static const char *
href_base(const char *href)
{
	const char *s = strrchr(href, '/');

	return s != NULL ? s + 1 : href;
}

/* A check-content-ref, with its href pointing into the ARF collection when
 * it names an OVAL document reported there. */
static void
write_ref(struct ks_xmlw *x, const struct xccdf_tr_ctx *c, const char *href,
    const char *name)
{
	char buf[256];
	const char *h = href;

	for (uint32_t i = 0; href != NULL && i < c->noval; i++)
		if (strcmp(href_base(href), c->oval_names[i]) == 0) {
			int n = snprintf(buf, sizeof(buf), "#%s",
			    c->oval_ids[i]);

			if (n > 0 && (size_t)n < sizeof(buf))
				h = buf;
			break;
		}
	if (h == NULL)
		return;		/* href is required */
	x_start(x, c, "check-content-ref");
	ks_xmlw_attr(x, "href", h);
	if (name != NULL && name[0] != '\0')
		ks_xmlw_attr(x, "name", name);
	ks_xmlw_end(x);
}

/*
 * One check (or complex-check, 1.2 only) as the rule-result records it:
 * system, negate, selector, the check-exports and the check-content-refs.
 * When `href` is given it is the one ref that decided (multi-check: with
 * the definition's name) and replaces the check's list.
 */
static void
write_check(struct ks_xmlw *x, const struct xccdf_bench *b,
    const struct xccdf_tr_ctx *c, const struct xccdf_check *k,
    const char *href, const char *name, unsigned depth)
{
	bool v12 = b->version >= 12;

	if (depth > 64)
		return;	/* the parser caps nesting; a cycle cannot occur */
	if (k->op != XCCDF_CC_NONE) {
		if (!v12)
			return;	/* XCCDF 1.1 rule-results have no
				 * complex-check */
		x_start(x, c, "complex-check");
		ks_xmlw_attr(x, "operator", k->op == XCCDF_CC_AND ? "AND" :
		    "OR");
		if (k->negate)
			ks_xmlw_attr_bool(x, "negate", true);
		for (uint32_t i = 0; i < k->nkids; i++)
			write_check(x, b, c, &k->kids[i], NULL, NULL,
			    depth + 1);
		ks_xmlw_end(x);
		return;
	}
	x_start(x, c, "check");
	ks_xmlw_attr(x, "system", k->system != NULL ? k->system : "");
	if (v12 && k->negate)
		ks_xmlw_attr_bool(x, "negate", true);
	if (k->id != NULL)
		ks_xmlw_attr(x, "id", k->id);
	if (k->selector != NULL && k->selector[0] != '\0')
		ks_xmlw_attr(x, "selector", k->selector);
	if (v12 && k->multi_check)
		ks_xmlw_attr_bool(x, "multi-check", true);
	/* Nothing is imported from the OVAL check system (xccdf_eval.c
	 * imports_warn): each check-import is recorded empty. */
	for (uint32_t i = 0; i < k->nimports; i++) {
		x_start(x, c, "check-import");
		ks_xmlw_attr(x, "import-name", k->imports[i].name);
		if (k->imports[i].xpath != NULL)
			ks_xmlw_attr(x, "import-xpath", k->imports[i].xpath);
		ks_xmlw_end(x);
	}
	for (uint32_t i = 0; i < k->nexports; i++) {
		x_start(x, c, "check-export");
		ks_xmlw_attr(x, "value-id", k->exports[i].value_id);
		ks_xmlw_attr(x, "export-name", k->exports[i].export_name);
		ks_xmlw_end(x);
	}
	if (href != NULL)
		write_ref(x, c, href, name);
	else
		for (uint32_t i = 0; i < k->nrefs; i++)
			write_ref(x, c, k->refs[i].href, k->refs[i].name);
	/* Inline content when no reference decided: the check as it was
	 * evaluated. */
	if (href == NULL && k->content != NULL)
		xccdf_results_copy_element(x, k->content, NULL, NULL, NULL);
	ks_xmlw_end(x);
}

/* msgSevEnumType for the reason of a result. */
static const char *
msg_severity(enum xccdf_result r)
{
	switch (r) {
	case XCCDF_R_ERROR:
		return "error";
	case XCCDF_R_UNKNOWN:
	case XCCDF_R_NOTCHECKED:
		return "warning";
	default:
		return "info";
	}
}

static void
write_rule_result(struct ks_xmlw *x, struct xccdf_eval *e,
    const struct xccdf_tr_ctx *c, const struct xccdf_rule_result *rr,
    const char *when)
{
	const struct xccdf_bench *b = e->bench;
	const struct xccdf_policy *p = e->policy;
	const struct xccdf_item *it;
	const char *s;
	char num[48];

	if (rr->item >= b->nitems)
		return;
	it = &b->items[rr->item];
	x_start(x, c, "rule-result");
	ks_xmlw_attr(x, "idref", it->id);
	s = xccdf_role_name(p != NULL ? p->role[rr->item] : it->role);
	ks_xmlw_attr(x, "role", s);
	ks_xmlw_attr(x, "time", rr->time != NULL ? rr->time : when);
	s = xccdf_severity_name(p != NULL ? p->severity[rr->item] :
	    it->severity);
	ks_xmlw_attr(x, "severity", s);
	if (it->version != NULL)
		ks_xmlw_attr(x, "version", it->version);
	fmt_decimal(num, sizeof(num), p != NULL ? p->weight[rr->item] :
	    it->weight);
	ks_xmlw_attr(x, "weight", num);
	s = xccdf_result_name(rr->result);
	x_elem(x, c, "result", s != NULL ? s : "error");
	/* No override: kensa never changes a result after the fact. */
	for (uint32_t i = 0; i < it->nidents; i++) {
		x_start(x, c, "ident");
		ks_xmlw_attr(x, "system", it->idents[i].system != NULL ?
		    it->idents[i].system : "");
		ks_xmlw_text(x, it->idents[i].value);
		ks_xmlw_end(x);
	}
	if (rr->message != NULL && rr->message[0] != '\0') {
		x_start(x, c, "message");
		ks_xmlw_attr(x, "severity", msg_severity(rr->result));
		ks_xmlw_text(x, rr->message);
		ks_xmlw_end(x);
	}
	if (rr->check != NULL)
		write_check(x, b, c, rr->check,
		    rr->check->op == XCCDF_CC_NONE ? rr->href : NULL,
		    rr->name, 0);
	ks_xmlw_end(x);
}

/* ---- TestResult ---------------------------------------------------------- */

/* The part of a profile id that names it: "standard" for
 * "xccdf_org.ssgproject.content_profile_standard", the whole id else. */
static void
tr_id(char *out, size_t n, const struct xccdf_eval *e)
{
	const char *pid = e->policy != NULL && e->policy->profile != NULL ?
	    e->policy->profile->id : NULL;
	const char *suf = "default", *m;
	size_t len;
	int w;

	if (pid != NULL && pid[0] != '\0') {
		suf = pid;
		if ((m = strstr(pid, "_profile_")) != NULL &&
		    m[sizeof("_profile_") - 1] != '\0')
			suf = m + sizeof("_profile_") - 1;
	}
	w = snprintf(out, n, TR_ID_PREFIX "%s", suf);
	if (w < 0 || (size_t)w >= n)
		out[n - 1] = '\0';
	/* An NCName, whatever the profile id held. */
	len = strlen(out);
	for (size_t i = sizeof(TR_ID_PREFIX) - 1; i < len; i++) {
		unsigned char ch = (unsigned char)out[i];

		if (!((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
		    (ch >= '0' && ch <= '9') || ch == '.' || ch == '-' ||
		    ch == '_'))
			out[i] = '_';
	}
}

/* The href of the benchmark: "#<component id>" inside a data stream (the
 * Benchmark's parent is the ds:component), the URL of a remote checklist
 * component, else the file as opened. */
static const char *
bench_href(char *buf, size_t n, struct xccdf_eval *e)
{
	xmlNode *b = e->checklist.benchmark;
	xmlChar *id = NULL;
	const char *r = NULL;

	if (b != NULL && b->parent != NULL &&
	    b->parent->type == XML_ELEMENT_NODE &&
	    xmlStrEqual(b->parent->name, (const xmlChar *)"component") &&
	    (id = xmlGetProp(b->parent, (const xmlChar *)"id")) != NULL) {
		int w = snprintf(buf, n, "#%s", (const char *)id);

		if (w > 0 && (size_t)w < n)
			r = buf;
	}
	xmlFree(id);
	/* A remote checklist component: where it was fetched from. */
	if (r == NULL && e->checklist.base_url != NULL)
		r = e->checklist.base_url;
	if (r == NULL && e->content != NULL)
		r = xccdf_content_path(e->content);
	if (r == NULL && e->bench != NULL)
		r = e->bench->file;
	return r;
}

/* tailoring-file (1.2): href, id, version and its time. The version and
 * time come from the Tailoring element when the data stream holds it;
 * a tailoring file's model keeps only its version number. */
static void
write_tailoring(struct ks_xmlw *x, struct xccdf_eval *e,
    const struct xccdf_tr_ctx *c, const char *when)
{
	const struct xccdf_bench *b = e->bench;
	xmlNode *t = e->checklist.tailoring;
	xmlChar *ver = NULL, *time_attr = NULL;
	char num[24];
	const char *href = b->tailoring_file;

	if (b->tailoring_id == NULL || (href == NULL && t == NULL))
		return;
	for (xmlNode *k = t != NULL ? t->children : NULL; k != NULL;
	    k = k->next)
		if (k->type == XML_ELEMENT_NODE &&
		    xmlStrEqual(k->name, (const xmlChar *)"version")) {
			ver = xmlNodeGetContent(k);
			time_attr = xmlGetProp(k, (const xmlChar *)"time");
			break;
		}
	if (ver == NULL) {
		int w = snprintf(num, sizeof(num), "%d", b->tailoring_version);

		if (w < 0 || (size_t)w >= sizeof(num))
			num[0] = '\0';
	}
	x_start(x, c, "tailoring-file");
	ks_xmlw_attr(x, "href", href != NULL ? href : "#");
	ks_xmlw_attr(x, "id", b->tailoring_id);
	ks_xmlw_attr(x, "version", ver != NULL ? (const char *)ver : num);
	ks_xmlw_attr(x, "time", time_attr != NULL ? (const char *)time_attr :
	    when);
	ks_xmlw_end(x);
	xmlFree(ver);
	xmlFree(time_attr);
}

static void
write_set_values(struct ks_xmlw *x, struct xccdf_eval *e,
    const struct xccdf_tr_ctx *c)
{
	const struct xccdf_bench *b = e->bench;
	const struct xccdf_policy *p = e->policy;

	/* XCCDF 1.2 section 6.6.3: set-value records the value "used during
	 * the test". Every Value of the benchmark with the value this run
	 * gave it, in document order (as oscap writes them): the checks'
	 * exports, and what texts show through <sub>, which a reader of the
	 * results cannot work out without the profile, its extends chain
	 * and the tailoring. */
	for (uint32_t k = 0; k < b->nitems; k++) {
		if (b->items[k].type != XCCDF_ITEM_VALUE)
			continue;
		x_start(x, c, "set-value");
		ks_xmlw_attr(x, "idref", b->items[k].id);
		ks_xmlw_text(x, p != NULL && p->value != NULL ?
		    p->value[k] : NULL);
		ks_xmlw_end(x);
	}
}

static void
write_score(struct ks_xmlw *x, const struct xccdf_tr_ctx *c,
    const struct xccdf_score *s)
{
	char num[48];

	x_start(x, c, "score");
	ks_xmlw_attr(x, "system", s->system);
	fmt_decimal(num, sizeof(num), s->max);
	ks_xmlw_attr(x, "maximum", num);
	fmt_decimal(num, sizeof(num), s->score);
	ks_xmlw_text(x, num);
	ks_xmlw_end(x);
}

void
xccdf_results_testresult(struct ks_xmlw *x, struct xccdf_eval *e,
    const struct xccdf_tr_ctx *c)
{
	const struct xccdf_bench *b = e->bench;
	bool v12 = b->version >= 12;
	char id[256], now[40], buf[512];
	const char *when, *href;

	now_iso(now, sizeof(now));
	when = e->end_time != NULL ? e->end_time : now;
	tr_id(id, sizeof(id), e);
	x_start(x, c, "TestResult");
	if (c->declare_ns)
		ns_attr(x, c->prefix, b->ns);
	ks_xmlw_attr(x, "id", id);
	ks_xmlw_attr(x, "start-time", e->start_time != NULL ? e->start_time :
	    when);
	ks_xmlw_attr(x, "end-time", when);
	if (b->version_str != NULL)
		ks_xmlw_attr(x, "version", b->version_str);
	ks_xmlw_attr(x, "test-system", "cpe:/a:kensa:kensa:" KS_VERSION);

	if ((href = bench_href(buf, sizeof(buf), e)) != NULL) {
		x_start(x, c, "benchmark");
		ks_xmlw_attr(x, "href", href);
		if (v12)
			ks_xmlw_attr(x, "id", b->id);
		ks_xmlw_end(x);
	}
	if (v12)
		write_tailoring(x, e, c, when);
	x_elem(x, c, "title", "kensa XCCDF scan result");
	write_identity(x, e, c);
	if (e->policy != NULL && e->policy->profile != NULL) {
		x_start(x, c, "profile");
		ks_xmlw_attr(x, "idref", e->policy->profile->id);
		ks_xmlw_end(x);
	}
	write_target(x, e, c);
	if (v12 && c->asset_id != NULL) {
		/* XCCDF 1.2 section 6.6.3: target-id-ref names the asset in
		 * the ARF report that describes the target. */
		x_start(x, c, "target-id-ref");
		ks_xmlw_attr(x, "system", XCCDF_AI_NS);
		ks_xmlw_attr(x, "name", c->asset_id);
		ks_xmlw_attr(x, "href", "");
		ks_xmlw_end(x);
	}
	/* Every platform the target was found to meet (testResultType
	 * platform, 1.1 and 1.2). */
	for (uint32_t i = 0; i < e->nplatforms_met; i++) {
		x_start(x, c, "platform");
		ks_xmlw_attr(x, "idref", e->platforms_met[i]);
		ks_xmlw_end(x);
	}
	write_set_values(x, e, c);
	for (uint32_t i = 0; i < e->nresults && ks_xmlw_status(x) == 0; i++)
		write_rule_result(x, e, c, &e->results[i], when);
	if (e->nscores > 0) {
		for (uint32_t i = 0; i < e->nscores; i++)
			write_score(x, c, &e->scores[i]);
	} else {
		/* The schema wants one score at least: the default model,
		 * which every benchmark has (XCCDF 1.2 section 7.3.2). */
		struct xccdf_score s = { XCCDF_SCORE_DEFAULT, 0, 100 };

		if (xccdf_score_compute(e, XCCDF_SCORE_DEFAULT, &s) < 0)
			s.score = 0, s.max = 100;
		s.system = XCCDF_SCORE_DEFAULT;
		write_score(x, c, &s);
	}
	ks_xmlw_end(x);
}

/* ---- the results document ------------------------------------------------ */

struct bench_payload {
	struct xccdf_eval		*e;
	const struct xccdf_tr_ctx	*c;
};

static void
insert_testresult(struct ks_xmlw *x, void *payload)
{
	struct bench_payload *bp = payload;

	xccdf_results_testresult(x, bp->e, bp->c);
}

/* The facts of e's target into *si (cleared on failure: a results file
 * without addresses is better than none). */
static bool
read_sysinfo(struct xccdf_eval *e, struct plat_sysinfo *si)
{
	memset(si, 0, sizeof(*si));
	if (e->target == NULL)
		return false;
	if (plat_sysinfo(e->target, si) != 0) {
		ks_warn("%s: target facts: %s", plat_target_name(e->target),
		    ks_error_msg());
		ks_error_clear();
		memset(si, 0, sizeof(*si));
		return false;
	}
	return true;
}

int
xccdf_results_write_si(struct xccdf_eval *e, const char *path,
    const struct xccdf_write_opts *o, const struct plat_sysinfo *si)
{
	struct plat_sysinfo own;
	bool have_own = false;
	struct ks_atomic *a = NULL;
	struct ks_xmlw *x = NULL;
	struct xccdf_tr_ctx c;
	struct bench_payload bp;
	xmlNode *bench;
	int rc = KS_ERROR;

	(void)o;	/* XCCDF results carry no system data: thin or not,
			 * the document is the same */
	bench = e->checklist.benchmark != NULL ? e->checklist.benchmark :
	    e->bench != NULL ? e->bench->node : NULL;
	if (e->bench == NULL || bench == NULL) {
		ks_error_set("%s: no evaluated benchmark to write", path);
		return KS_ERROR;
	}
	if (si == NULL && (have_own = read_sysinfo(e, &own)))
		si = &own;
	memset(&c, 0, sizeof(c));
	c.si = si;
	c.prefix = xccdf_results_bench_prefix(e);
	bp.e = e;
	bp.c = &c;
	if ((rc = ks_xmlw_doc_begin(&x, &a, path)) < 0)
		goto out;
	/* XCCDF 1.2 BenchmarkType: TestResult elements come after the items
	 * and before the optional signature. */
	xccdf_results_copy_element(x, bench, "signature", insert_testresult,
	    &bp);
	rc = ks_xmlw_doc_end(x, a);
out:
	if (have_own)
		plat_sysinfo_clear(&own);
	return rc;
}

int
xccdf_results_write(struct xccdf_eval *e, const char *path,
    const struct xccdf_write_opts *o)
{
	return xccdf_results_write_si(e, path, o, NULL);
}

/* ---- OVAL results files -------------------------------------------------- */

struct oval_files {
	const struct xccdf_write_opts	*o;
	char				**used;
	size_t				 nused, cap;
	int				 rc;
};

/* A file name from a resource name: letters, digits, '.', '-' and '_'
 * kept, anything else (a path separator above all) replaced by '_', no
 * leading dot, capped. */
static void
safe_name(char *out, size_t n, const char *name)
{
	size_t i = 0;

	for (; name != NULL && name[i] != '\0' && i + 1 < n &&
	    i < OVAL_NAME_MAX; i++) {
		unsigned char ch = (unsigned char)name[i];

		out[i] = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
		    (ch >= '0' && ch <= '9') || ch == '.' || ch == '-' ||
		    ch == '_' ? (char)ch : '_';
	}
	out[i] = '\0';
	if (i == 0)
		snprintf(out, n, "oval");
	else if (out[0] == '.')
		out[0] = '_';
}

static int
oval_file_cb(const char *name, struct oval_session *s, void *payload)
{
	struct oval_files *f = payload;
	const struct xccdf_write_opts *o = f->o;
	char base[OVAL_NAME_MAX + 16], path[4096];
	const char *dir;
	unsigned flags = 0;
	int n, rc;

	safe_name(base, sizeof(base), name);
	/* Two documents with the same base name from different places get
	 * ".2", ".3" ... rather than overwrite each other. */
	for (unsigned k = 2;; k++) {
		bool dup = false;

		for (size_t i = 0; i < f->nused && !dup; i++)
			dup = strcmp(f->used[i], base) == 0;
		if (!dup)
			break;
		safe_name(base, sizeof(base) - 12, name);
		n = snprintf(base + strlen(base), 12, ".%u", k);
		if (n < 0 || n >= 12) {
			ks_error_set("%s: too many OVAL documents with this "
			    "name", name);
			return f->rc = KS_ELIMIT;
		}
	}
	dir = o->oval_dir != NULL && o->oval_dir[0] != '\0' ? o->oval_dir :
	    ".";
	n = snprintf(path, sizeof(path), "%s/%s.result.xml", dir, base);
	if (n < 0 || (size_t)n >= sizeof(path)) {
		ks_error_set("%s: OVAL results path too long", dir);
		return f->rc = KS_ELIMIT;
	}
	ks_grow(&f->used, &f->cap, f->nused + 1, sizeof(*f->used));
	f->used[f->nused++] = ks_strdup(base);
	if (o->thin)
		flags |= OVAL_WRITE_THIN;
	if (o->without_syschar)
		flags |= OVAL_WRITE_NO_SYSCHAR;
	if ((rc = oval_session_write_results_flags(s, path, flags)) < 0)
		return f->rc = rc;
	return 0;
}

int
xccdf_oval_results_write(struct xccdf_eval *e,
    const struct xccdf_write_opts *o)
{
	static const struct xccdf_write_opts none;
	struct oval_files f;
	int rc;

	if (o == NULL)
		o = &none;
	if (e->oval == NULL)
		return 0;	/* no OVAL check ran: nothing to write */
	memset(&f, 0, sizeof(f));
	f.o = o;
	rc = xccdf_oval_foreach_session(e->oval, oval_file_cb, &f);
	if (f.rc < 0)
		rc = f.rc;
	for (size_t i = 0; i < f.nused; i++)
		free(f.used[i]);
	free(f.used);
	return rc < 0 ? rc : 0;
}
