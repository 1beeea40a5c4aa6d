/*
 * ARF 1.1 result data streams (NISTIR 7694, asset-reporting-format_1.1.0.xsd)
 * of one XCCDF evaluation: relationships, the source content as the report
 * request, the target as an asset-identification computing-device, and the
 * XCCDF TestResult and OVAL results as reports. Laid out as OpenSCAP lays
 * out `oscap xccdf eval --results-arf`, so tools that read its ARF read
 * ours. It evaluates nothing and does not write the TestResult itself
 * (xccdf_results.c does).
 */
#include "xccdf/xccdf_results_int.h"

#include <arpa/inet.h>
#include <libxml/tree.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "oval/oval.h"

#define ARF_NS		"http://scap.nist.gov/schema/asset-reporting-format/1.1"
#define CORE_NS		"http://scap.nist.gov/schema/reporting-core/1.1"
/* NISTIR 7694 section 6.1: the relationship vocabulary namespace. */
#define ARFVOCAB_NS \
	"http://scap.nist.gov/specifications/arf/vocabulary/relationships/1.0#"

#define REQUEST_ID	"collection1"
#define REMOTE_REQUEST_ID "collection2"	/* a remote checklist */
#define ASSET_ID	"asset0"
#define XCCDF_REPORT_ID	"xccdf1"

/* One OVAL document the evaluation ran, with its report id. */
struct arf_oval {
	char			*name;
	char			 id[24];
	struct oval_session	*s;
};

struct arf_ovals {
	struct arf_oval	*v;
	size_t		 n, cap;
};

static int
collect_session(const char *name, struct oval_session *s, void *payload)
{
	struct arf_ovals *l = payload;
	struct arf_oval *o;
	int w;

	ks_grow(&l->v, &l->cap, l->n + 1, sizeof(*l->v));
	o = &l->v[l->n];
	/* "oval0", "oval1" ... as OpenSCAP numbers them. */
	w = snprintf(o->id, sizeof(o->id), "oval%zu", l->n);
	if (w < 0 || (size_t)w >= sizeof(o->id)) {
		ks_error_set("too many OVAL documents for one ARF report");
		return KS_ELIMIT;
	}
	o->name = ks_strdup(name != NULL ? name : "");
	o->s = s;
	l->n++;
	return 0;
}

static void
ovals_free(struct arf_ovals *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->v[i].name);
	free(l->v);
}

/* ---- assets -------------------------------------------------------------- */

/* ai:hostname-type: [\w\-]+(\.[\w\-]+)* (ASCII is all a host name holds). */
static bool
valid_hostname(const char *h)
{
	bool label = false;

	if (h == NULL || h[0] == '\0')
		return false;
	for (const char *p = h; *p != '\0'; p++) {
		unsigned char ch = (unsigned char)*p;

		if ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
		    (ch >= '0' && ch <= '9') || ch == '_' || ch == '-')
			label = true;
		else if (ch == '.' && label)
			label = false;
		else
			return false;
	}
	return label;
}

/* ai:mac-address-type: ([0-9a-fA-F]{2}:){5}[0-9a-fA-F]{2}. */
static bool
valid_mac(const char *m)
{
	if (m == NULL || strlen(m) != 17)
		return false;
	for (int i = 0; i < 17; i++) {
		unsigned char ch = (unsigned char)m[i];
		bool hex = (ch >= '0' && ch <= '9') ||
		    (ch >= 'a' && ch <= 'f') || (ch >= 'A' && ch <= 'F');

		if (i % 3 == 2 ? ch != ':' : !hex)
			return false;
	}
	return true;
}

/*
 * The ai:ip-address of a textual address: ip-v4, or ip-v6 in the eight
 * groups ai:ipv6-type requires (([0-9a-fA-F]{1,4}:){7}[0-9a-fA-F]{1,4}: no
 * "::" shorthand). False for anything else.
 */
static bool
write_ip(struct ks_xmlw *x, const char *ip)
{
	unsigned char a[16];
	char full[48];
	int w;

	if (ip == NULL)
		return false;
	if (inet_pton(AF_INET, ip, a) == 1) {
		ks_xmlw_start(x, "ai:ip-address");
		ks_xmlw_elem(x, "ai:ip-v4", ip);
		ks_xmlw_end(x);
		return true;
	}
	if (inet_pton(AF_INET6, ip, a) != 1)
		return false;
	w = snprintf(full, sizeof(full), "%x:%x:%x:%x:%x:%x:%x:%x",
	    a[0] << 8 | a[1], a[2] << 8 | a[3], a[4] << 8 | a[5],
	    a[6] << 8 | a[7], a[8] << 8 | a[9], a[10] << 8 | a[11],
	    a[12] << 8 | a[13], a[14] << 8 | a[15]);
	if (w < 0 || (size_t)w >= sizeof(full))
		return false;
	ks_xmlw_start(x, "ai:ip-address");
	ks_xmlw_elem(x, "ai:ip-v6", full);
	ks_xmlw_end(x);
	return true;
}

/*
 * The asset: an ai:computing-device (asset-identification 1.1
 * computing-device-type: connections, fqdn, hostname in this order) with
 * what the target knows: a directory or image has a host name from
 * /etc/hostname and no interfaces.
 */
static void
write_asset(struct ks_xmlw *x, const struct plat_sysinfo *si)
{
	size_t nconn = 0;
	bool host = si != NULL && valid_hostname(si->hostname) &&
	    strcmp(si->hostname, "unknown") != 0;

	ks_xmlw_start(x, "arf:asset");
	ks_xmlw_attr(x, "id", ASSET_ID);
	ks_xmlw_start(x, "ai:computing-device");
	for (size_t i = 0; si != NULL && i < si->nifaces; i++) {
		const struct plat_iface *f = &si->ifaces[i];
		bool dup = false;

		for (size_t j = 0; j < i && !dup; j++)
			dup = si->ifaces[j].ip != NULL && f->ip != NULL &&
			    strcmp(si->ifaces[j].ip, f->ip) == 0;
		if (dup)
			continue;
		if (nconn++ == 0)
			ks_xmlw_start(x, "ai:connections");
		ks_xmlw_start(x, "ai:connection");
		(void)write_ip(x, f->ip);
		if (valid_mac(f->mac))
			ks_xmlw_elem(x, "ai:mac-address", f->mac);
		ks_xmlw_end(x);
	}
	if (nconn > 0)
		ks_xmlw_end(x);
	if (host) {
		/* No domain is known beyond the host name (as OpenSCAP). */
		ks_xmlw_elem(x, "ai:fqdn", si->hostname);
		ks_xmlw_elem(x, "ai:hostname", si->hostname);
	}
	ks_xmlw_end(x); /* computing-device */
	ks_xmlw_end(x); /* asset */
}

/* ---- the collection ------------------------------------------------------ */

static void
relationship(struct ks_xmlw *x, const char *type, const char *subject,
    const char *ref)
{
	ks_xmlw_start(x, "core:relationship");
	ks_xmlw_attr(x, "type", type);
	ks_xmlw_attr(x, "subject", subject);
	ks_xmlw_elem(x, "core:ref", ref);
	ks_xmlw_end(x);
}

/* NISTIR 7694 section 6.1: every report was createdFor the request and
 * isAbout the asset. */
static void
write_relationships(struct ks_xmlw *x, const struct arf_ovals *l,
    bool remote)
{
	ks_xmlw_start(x, "core:relationships");
	ks_xmlw_attr(x, "xmlns:arfvocab", ARFVOCAB_NS);
	relationship(x, "arfvocab:createdFor", XCCDF_REPORT_ID, REQUEST_ID);
	if (remote)
		relationship(x, "arfvocab:createdFor", XCCDF_REPORT_ID,
		    REMOTE_REQUEST_ID);
	relationship(x, "arfvocab:isAbout", XCCDF_REPORT_ID, ASSET_ID);
	for (size_t i = 0; i < l->n; i++) {
		relationship(x, "arfvocab:createdFor", l->v[i].id,
		    REQUEST_ID);
		relationship(x, "arfvocab:isAbout", l->v[i].id, ASSET_ID);
	}
	ks_xmlw_end(x);
}

/* The source content: the data-stream collection as loaded, or a plain
 * benchmark file's Benchmark. */
static xmlNode *
request_root(struct xccdf_eval *e)
{
	xmlNode *root = NULL;

	if (e->content != NULL)
		root = xccdf_content_root(e->content);
	if (root == NULL) {
		xmlNode *b = e->checklist.benchmark != NULL ?
		    e->checklist.benchmark : e->bench->node;

		root = xmlDocGetRootElement(b->doc);
	}
	return root;
}

/* Whether the request holds the OVAL definitions: a data stream does, a
 * plain benchmark (its OVAL files given beside it) does not. */
static bool
request_has_defs(xmlNode *root)
{
	return xmlStrEqual(root->name,
	    (const xmlChar *)"data-stream-collection");
}

/* The source content, once: the file's own bytes when they are the same
 * XML as the DOM (most of the time of writing ARF otherwise goes into
 * serializing a data stream that is already on disk), else the DOM. */
static void
write_request(struct ks_xmlw *x, struct xccdf_eval *e, xmlNode *root)
{
	ks_xmlw_start(x, "arf:report-requests");
	ks_xmlw_start(x, "arf:report-request");
	ks_xmlw_attr(x, "id", REQUEST_ID);
	ks_xmlw_start(x, "arf:content");
	if (e->content == NULL || root != xccdf_content_root(e->content) ||
	    xccdf_content_copy_source(e->content, x) == KS_EUNSUPPORTED)
		xccdf_results_copy_element(x, root, NULL, NULL, NULL);
	ks_xmlw_end(x);
	ks_xmlw_end(x);
}

/*
 * A remote checklist (fetched with --fetch-remote-resources) is not in the
 * data stream of the first request: it is a request of its own, so that
 * readers of the collection (our HTML report, oscap's) find the Benchmark
 * the TestResult is about.
 */
static void
write_remote_request(struct ks_xmlw *x, struct xccdf_eval *e)
{
	if (e->checklist.base_url == NULL || e->checklist.benchmark == NULL)
		return;
	ks_xmlw_start(x, "arf:report-request");
	ks_xmlw_attr(x, "id", REMOTE_REQUEST_ID);
	ks_xmlw_start(x, "arf:content");
	xccdf_results_copy_element(x, e->checklist.benchmark, NULL, NULL,
	    NULL);
	ks_xmlw_end(x);
	ks_xmlw_end(x);
}

static void
write_reports(struct ks_xmlw *x, struct xccdf_eval *e,
    const struct xccdf_write_opts *o, const struct plat_sysinfo *si,
    const struct arf_ovals *l, bool defs_elsewhere)
{
	struct xccdf_tr_ctx c;
	const char **names, **ids;
	unsigned flags = 0;

	names = ks_calloc(l->n + 1, sizeof(*names));
	ids = ks_calloc(l->n + 1, sizeof(*ids));
	for (size_t i = 0; i < l->n; i++) {
		names[i] = l->v[i].name;
		ids[i] = l->v[i].id;
	}
	memset(&c, 0, sizeof(c));
	c.si = si;
	c.prefix = NULL;
	c.declare_ns = true;
	c.asset_id = ASSET_ID;
	c.oval_names = names;
	c.oval_ids = ids;
	c.noval = (uint32_t)l->n;

	ks_xmlw_start(x, "arf:reports");
	ks_xmlw_start(x, "arf:report");
	ks_xmlw_attr(x, "id", XCCDF_REPORT_ID);
	ks_xmlw_start(x, "arf:content");
	xccdf_results_testresult(x, e, &c);
	ks_xmlw_end(x);
	ks_xmlw_end(x);

	/* The data stream in the request already holds the definitions: the
	 * OVAL results repeat them only when asked. A plain benchmark's OVAL
	 * files are nowhere else in the collection: their results carry
	 * them. */
	if (!o->arf_oval_definitions && defs_elsewhere)
		flags |= OVAL_WRITE_NO_DEFINITIONS;
	if (o->thin)
		flags |= OVAL_WRITE_THIN;
	if (o->without_syschar)
		flags |= OVAL_WRITE_NO_SYSCHAR;
	for (size_t i = 0; i < l->n && ks_xmlw_status(x) == 0; i++) {
		int rc;

		ks_xmlw_start(x, "arf:report");
		ks_xmlw_attr(x, "id", l->v[i].id);
		ks_xmlw_start(x, "arf:content");
		rc = oval_session_write_results_xmlw(l->v[i].s, x, flags);
		if (rc < 0 && ks_xmlw_status(x) == 0)
			ks_xmlw_fail(x, rc);
		ks_xmlw_end(x);
		ks_xmlw_end(x);
	}
	ks_xmlw_end(x);
	free(names);
	free(ids);
}

/*
 * The whole collection on x, after its XML declaration. With `request`
 * false the report request's arf:content is left empty, for
 * xccdf_arf_doc to put the source element itself in. `name` is for
 * messages. 0 or KS_* (message set); the writer's own errors are left in
 * x for the caller's finish.
 */
static int
arf_emit(struct ks_xmlw *x, struct xccdf_eval *e, const char *name,
    const struct xccdf_write_opts *o, const struct plat_sysinfo *si,
    bool request)
{
	static const struct xccdf_write_opts none;
	struct plat_sysinfo own;
	bool have_own = false;
	struct arf_ovals l = { NULL, 0, 0 };
	xmlNode *root;
	int rc = 0;

	if (o == NULL)
		o = &none;
	if (e->bench == NULL || (e->checklist.benchmark == NULL &&
	    e->bench->node == NULL)) {
		ks_error_set("%s: no evaluated benchmark to write", name);
		return KS_ERROR;
	}
	if (e->oval != NULL &&
	    (rc = xccdf_oval_foreach_session(e->oval, collect_session,
	    &l)) < 0)
		goto out;
	memset(&own, 0, sizeof(own));
	if (si == NULL && e->target != NULL) {
		if (plat_sysinfo(e->target, &own) == 0) {
			have_own = true;
			si = &own;
		} else {
			ks_warn("%s: target facts: %s",
			    plat_target_name(e->target), ks_error_msg());
			ks_error_clear();
		}
	}
	ks_xmlw_start(x, "arf:asset-report-collection");
	ks_xmlw_attr(x, "xmlns:arf", ARF_NS);
	ks_xmlw_attr(x, "xmlns:core", CORE_NS);
	ks_xmlw_attr(x, "xmlns:ai", XCCDF_AI_NS);
	write_relationships(x, &l, e->checklist.base_url != NULL);
	root = request_root(e);
	if (request) {
		write_request(x, e, root);
	} else {
		ks_xmlw_start(x, "arf:report-requests");
		ks_xmlw_start(x, "arf:report-request");
		ks_xmlw_attr(x, "id", REQUEST_ID);
		ks_xmlw_start(x, "arf:content");
		ks_xmlw_end(x);
		ks_xmlw_end(x);
	}
	write_remote_request(x, e);
	ks_xmlw_end(x);
	ks_xmlw_start(x, "arf:assets");
	write_asset(x, si);
	ks_xmlw_end(x);
	write_reports(x, e, o, si, &l, request_has_defs(root));
	ks_xmlw_end(x);
	rc = 0;
out:
	if (have_own)
		plat_sysinfo_clear(&own);
	ovals_free(&l);
	return rc;
}

int
xccdf_arf_write_si(struct xccdf_eval *e, const char *path,
    const struct xccdf_write_opts *o, const struct plat_sysinfo *si)
{
	struct ks_atomic *a = NULL;
	struct ks_xmlw *x = NULL;
	int rc;

	if ((rc = ks_xmlw_doc_begin(&x, &a, path)) < 0)
		return rc;
	if ((rc = arf_emit(x, e, path, o, si, true)) < 0)
		ks_xmlw_fail(x, rc);
	return ks_xmlw_doc_end(x, a);
}

/* The collection without the source's bytes (an empty arf:content in
 * the report request), indented as the file is: the same document, text
 * nodes included. *mem is the caller's (free). */
static int
arf_mem(struct xccdf_eval *e, const struct xccdf_write_opts *o,
    const char *name, char **mem, size_t *len)
{
	struct ks_xmlw *x = NULL;
	FILE *fp;
	int rc;

	*mem = NULL;
	*len = 0;
	if ((fp = open_memstream(mem, len)) == NULL) {
		ks_error_set("%s: out of memory", name);
		return KS_ENOMEM;
	}
	(void)ks_xmlw_new(&x, fp, name, KS_XMLW_INDENT);
	ks_xmlw_decl(x);
	if ((rc = arf_emit(x, e, name, o, NULL, false)) < 0)
		ks_xmlw_fail(x, rc);
	rc = ks_xmlw_finish(x);
	ks_xmlw_free(x);
	if (fclose(fp) != 0 && rc == 0) {
		ks_error_set("%s: out of memory", name);
		rc = KS_ENOMEM;
	}
	if (rc < 0) {
		free(*mem);
		*mem = NULL;
	}
	return rc;
}

/* The DOM of arf_mem's text with the source element moved in. */
static int
arf_doc_from(struct xccdf_eval *e, const char *mem, size_t len,
    const char *name, struct _xmlDoc **out)
{
	xmlNode *root = request_root(e), *slot;
	xmlDoc *doc = NULL, *src;
	int rc;

	*out = NULL;
	/* Parsed with the source's dictionary, so that the source element
	 * can move in and be freed with this document. */
	if ((rc = ks_xml_doc_read_mem_with(&doc, mem, len, name,
	    root->doc)) < 0)
		return rc;
	slot = xmlDocGetRootElement(doc);
	for (const char *const *p = (const char *const[]){ "report-requests",
	    "report-request", "content", NULL }; *p != NULL && slot != NULL;
	    p++) {
		slot = slot->children;
		while (slot != NULL && (slot->type != XML_ELEMENT_NODE ||
		    strcmp((const char *)slot->name, *p) != 0))
			slot = slot->next;
	}
	if (slot == NULL) {
		xmlFreeDoc(doc);
		ks_error_set("%s: no report request written", name);
		return KS_ERROR;
	}
	xmlUnlinkNode(root);
	/* The source's document becomes the ARF's: the ARF, a few thousand
	 * nodes, moves into it, instead of the data stream, hundreds of
	 * thousands (a move sets every node's document). */
	if ((src = xccdf_content_take_doc(e->content, root)) != NULL) {
		xmlNode *arf = xmlDocGetRootElement(doc);

		xmlUnlinkNode(arf);
		(void)xmlDocSetRootElement(src, arf);
		xmlFreeDoc(doc);
		doc = src;
	}
	xmlAddChild(slot, root);
	*out = doc;
	return 0;
}

int
xccdf_arf_doc(struct xccdf_eval *e, const struct xccdf_write_opts *o,
    struct _xmlDoc **out)
{
	static const char name[] = "(ARF in memory)";
	xmlNode *root = request_root(e);
	char *mem = NULL;
	size_t len = 0;
	int rc;

	*out = NULL;
	if (root == NULL || root->doc == NULL) {
		ks_error_set("%s: no source document", name);
		return KS_ERROR;
	}
	if ((rc = arf_mem(e, o, name, &mem, &len)) < 0)
		return rc;
	rc = arf_doc_from(e, mem, len, name, out);
	free(mem);
	return rc;
}

/*
 * ---- the file and the DOM from one writing ----------------------------
 * The file is the memory text with the source's bytes in its empty
 * report request content: "<arf:content/>" becomes "<arf:content>",
 * the bytes, "</arf:content>", as the writer writes a raw element. A
 * thread writes it, touching only that text and the source file, while
 * the caller's thread moves the source element into the DOM.
 */
#define ARF_SLOT	"<arf:content/>"

struct xccdf_arf_file {
	char			*path;
	char			*mem;
	size_t			 len, slot;	/* ARF_SLOT's offset */
	struct xccdf_source	*src;
	pthread_t		 th;
	bool			 started;
	int			 rc;
	char			 msg[512];
};

static void *
arf_file_run(void *arg)
{
	struct xccdf_arf_file *f = arg;
	struct ks_atomic *a = NULL;
	struct ks_xmlw *x = NULL;
	size_t after = f->slot + sizeof(ARF_SLOT) - 1;

	if ((f->rc = ks_atomic_open(&a, f->path)) == 0) {
		(void)setvbuf(ks_atomic_fp(a), NULL, _IONBF, 0);
		(void)ks_xmlw_new(&x, ks_atomic_fp(a), f->path, 0);
		ks_xmlw_raw(x, f->mem, f->slot);
		ks_xmlw_raw(x, "<arf:content>", 13);
		(void)xccdf_source_copy(f->src, x);
		ks_xmlw_raw(x, "</arf:content>", 14);
		ks_xmlw_raw(x, f->mem + after, f->len - after);
		f->rc = ks_xmlw_doc_end(x, a);
	}
	if (f->rc != 0)
		snprintf(f->msg, sizeof(f->msg), "%s", ks_error_msg());
	return NULL;
}

int
xccdf_arf_file_end(struct xccdf_arf_file *f)
{
	int rc;

	if (f == NULL)
		return 0;
	if (f->started)
		pthread_join(f->th, NULL);
	if ((rc = f->rc) != 0)
		ks_error_set("%s", f->msg);
	xccdf_source_free(f->src);
	free(f->mem);
	free(f->path);
	free(f);
	return rc;
}

int
xccdf_arf_write_doc(struct xccdf_eval *e, const char *path,
    const struct xccdf_write_opts *o, struct _xmlDoc **out,
    struct xccdf_arf_file **file)
{
	xmlNode *root = request_root(e);
	struct xccdf_source *src = NULL;
	struct xccdf_arf_file *f;
	char *mem = NULL, *slot;
	size_t len = 0;
	int rc;

	*out = NULL;
	*file = NULL;
	/* The source's bytes, when they can be copied; else one after the
	 * other, the file first (it serializes the source element). */
	if (root == NULL || root->doc == NULL || e->content == NULL ||
	    root != xccdf_content_root(e->content) ||
	    xccdf_source_open(&src, e->content) != 0) {
		if ((rc = xccdf_arf_write(e, path, o)) < 0)
			return rc;
		return xccdf_arf_doc(e, o, out);
	}
	if ((rc = arf_mem(e, o, path, &mem, &len)) < 0) {
		xccdf_source_free(src);
		return rc;
	}
	/* The first empty arf:content is the report request's: nothing
	 * before it in the collection has one. */
	if ((slot = memmem(mem, len, ARF_SLOT, sizeof(ARF_SLOT) - 1)) ==
	    NULL) {
		xccdf_source_free(src);
		free(mem);
		ks_error_set("%s: no report request written", path);
		return KS_ERROR;
	}
	f = ks_calloc(1, sizeof(*f));
	f->path = ks_strdup(path);
	f->mem = mem;
	f->len = len;
	f->slot = (size_t)(slot - mem);
	f->src = src;
	f->started = pthread_create(&f->th, NULL, arf_file_run, f) == 0;
	if (!f->started)
		(void)arf_file_run(f);
	*file = f;
	return arf_doc_from(e, mem, len, "(ARF in memory)", out);
}

int
xccdf_arf_write(struct xccdf_eval *e, const char *path,
    const struct xccdf_write_opts *o)
{
	return xccdf_arf_write_si(e, path, o, NULL);
}
