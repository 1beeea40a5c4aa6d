/*
 * SCAP content as loaded from disk: source data stream collections (SCAP
 * 1.2 and 1.3 share the ds 1.2 namespace, NIST SP 800-126 rev 2/3 section
 * 3.1), plain XCCDF benchmarks, tailoring and CPE dictionaries, and the
 * resolution of check hrefs to components or files (a remote one through
 * the fetcher the evaluation's options give). It does not parse benchmarks
 * (xccdf_parse.c) nor fetch anything itself (agent/ does, through feeds/).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <libxml/tree.h>
#include <libxml/uri.h>
#include <libxml/xmlreader.h>

#include "oval/oval.h"
#include "xccdf/ds_int.h"

#define DS_LIST_MAX	2048	/* bytes of ids listed in a message */
#define DS_FILES_MAX	4096	/* files added or found next to it */

/* ---- small DOM helpers --------------------------------------------------- */

bool
xccdf_ds_is(const struct _xmlNode *n, const char *ns, const char *name)
{
	return n != NULL && n->type == XML_ELEMENT_NODE && n->ns != NULL &&
	    n->ns->href != NULL &&
	    strcmp((const char *)n->ns->href, ns) == 0 &&
	    strcmp((const char *)n->name, name) == 0;
}

const char *
xccdf_ds_attr(const struct _xmlNode *n, const char *name, const char *ns)
{
	const xmlAttr *a;

	if (n == NULL || n->type != XML_ELEMENT_NODE)
		return NULL;
	for (a = n->properties; a != NULL; a = a->next) {
		if (strcmp((const char *)a->name, name) != 0)
			continue;
		if (ns == NULL ? a->ns != NULL : (a->ns == NULL ||
		    strcmp((const char *)a->ns->href, ns) != 0))
			continue;
		/* The parser merges predefined entities into one text node. */
		if (a->children == NULL)
			return "";
		if (a->children->type != XML_TEXT_NODE ||
		    a->children->next != NULL)
			return NULL;
		return (const char *)a->children->content;
	}
	return NULL;
}

/* An attribute for a message: "?" when absent. */
static const char *
attr_q(const xmlNode *n, const char *name, const char *ns)
{
	const char *v = xccdf_ds_attr(n, name, ns);

	return v != NULL ? v : "?";
}

static xmlNode *
first_elem(xmlNode *n)
{
	for (; n != NULL; n = n->next)
		if (n->type == XML_ELEMENT_NODE)
			return n;
	return NULL;
}

static xmlNode *
next_elem(xmlNode *n)
{
	return n != NULL ? first_elem(n->next) : NULL;
}

/* The last segment of a path or href ("a/b/c.xml" -> "c.xml"). */
static const char *
base_name(const char *p)
{
	const char *s = strrchr(p, '/');

	return s != NULL ? s + 1 : p;
}

/* ---- kinds --------------------------------------------------------------- */

static enum xccdf_doc_kind
kind_of_name(const char *ns, const char *name)
{
	if (ns == NULL || name == NULL)
		return XCCDF_DOC_UNKNOWN;
	if (strcmp(ns, XCCDF_DS_NS) == 0 &&
	    strcmp(name, "data-stream-collection") == 0)
		return XCCDF_DOC_DS_COLLECTION;
	if ((strcmp(ns, XCCDF_NS_11) == 0 || strcmp(ns, XCCDF_NS_12) == 0) &&
	    strcmp(name, "Benchmark") == 0)
		return XCCDF_DOC_BENCHMARK;
	if (strcmp(ns, XCCDF_NS_12) == 0 && strcmp(name, "Tailoring") == 0)
		return XCCDF_DOC_TAILORING;
	if (strcmp(ns, XCCDF_CPE_DICT_NS) == 0 &&
	    strcmp(name, "cpe-list") == 0)
		return XCCDF_DOC_CPE_DICT;
	if (strcmp(ns, XCCDF_OVAL_DEFS_NS) == 0 &&
	    strcmp(name, "oval_definitions") == 0)
		return XCCDF_DOC_OVAL_DEFS;
	if (strcmp(ns, XCCDF_ARF_NS) == 0 &&
	    strcmp(name, "asset-report-collection") == 0)
		return XCCDF_DOC_ARF;
	if (strcmp(ns, XCCDF_OVAL_RES_NS) == 0 &&
	    strcmp(name, "oval_results") == 0)
		return XCCDF_DOC_OVAL_RESULTS;
	return XCCDF_DOC_UNKNOWN;
}

enum xccdf_doc_kind
xccdf_ds_kind_of_node(const struct _xmlNode *root)
{
	if (root == NULL || root->type != XML_ELEMENT_NODE ||
	    root->ns == NULL)
		return XCCDF_DOC_UNKNOWN;
	return kind_of_name((const char *)root->ns->href,
	    (const char *)root->name);
}

const char *
xccdf_ds_kind_name(enum xccdf_doc_kind k)
{
	switch (k) {
	case XCCDF_DOC_DS_COLLECTION:	return "Source Data Stream";
	case XCCDF_DOC_BENCHMARK:	return "XCCDF Checklist";
	case XCCDF_DOC_TAILORING:	return "XCCDF Tailoring";
	case XCCDF_DOC_CPE_DICT:	return "CPE Dictionary";
	case XCCDF_DOC_OVAL_DEFS:	return "OVAL Definitions";
	case XCCDF_DOC_ARF:		return "Result Data Stream";
	case XCCDF_DOC_OVAL_RESULTS:	return "OVAL Results";
	case XCCDF_DOC_UNKNOWN:		break;
	}
	return "Unknown";
}

/*
 * Reads up to the first element. On success *kind is set and *rname
 * (malloc'd, may be NULL) names the root "{ns}name" for messages; the
 * reader is left on the root element in *rp when rp is non-NULL.
 */
static int
reader_root(const char *path, enum xccdf_doc_kind *kind, char **rname,
    xmlTextReader **rp)
{
	xmlTextReader *r = NULL;
	int rc, ret;

	*kind = XCCDF_DOC_UNKNOWN;
	if (rname != NULL)
		*rname = NULL;
	if ((rc = ks_xml_reader_open(&r, path)) != 0)
		return rc;
	while ((ret = ks_xml_reader_next(r)) == 1)
		if (xmlTextReaderNodeType(r) == XML_READER_TYPE_ELEMENT)
			break;
	if (ret < 0) {
		rc = ret;
		goto out;
	}
	if (ret == 0) {
		ks_error_set("%s: no root element", path);
		rc = KS_EPARSE;
		goto out;
	}
	{
		const char *ns =
		    (const char *)xmlTextReaderConstNamespaceUri(r);
		const char *ln = (const char *)xmlTextReaderConstLocalName(r);

		*kind = kind_of_name(ns, ln);
		if (rname != NULL)
			*rname = ks_asprintf("{%s}%s", ns ? ns : "",
			    ln ? ln : "");
	}
	rc = 0;
	if (rp != NULL) {
		*rp = r;
		r = NULL;
	}
out:
	ks_xml_reader_free(r);
	return rc;
}

enum xccdf_doc_kind
xccdf_doc_kind_of(const char *path)
{
	enum xccdf_doc_kind k;

	if (reader_root(path, &k, NULL, NULL) != 0)
		return XCCDF_DOC_UNKNOWN;
	return k;
}

/*
 * The generator facts of an OVAL document (schema_version, timestamp),
 * read with the reader left on the root element. Stops at the end of
 * <generator>: the definitions themselves are never read here.
 */
static int
read_oval_header(struct xccdf_content *c, xmlTextReader *r)
{
	int ret, depth_gen = -1;

	while ((ret = ks_xml_reader_next(r)) == 1) {
		int type = xmlTextReaderNodeType(r);
		int depth = xmlTextReaderDepth(r);
		const char *ln = (const char *)xmlTextReaderConstLocalName(r);
		const char *ns =
		    (const char *)xmlTextReaderConstNamespaceUri(r);
		char **dst = NULL;

		if (type == XML_READER_TYPE_END_ELEMENT && depth == depth_gen)
			break;
		if (type != XML_READER_TYPE_ELEMENT)
			continue;
		if (depth_gen < 0) {
			if (depth != 1 || strcmp(ln, "generator") != 0)
				break;	/* no generator: nothing */
			depth_gen = depth;
			continue;
		}
		if (ns == NULL || strcmp(ns, XCCDF_OVAL_COMMON_NS) != 0)
			continue;
		if (strcmp(ln, "schema_version") == 0)
			dst = &c->oval_version;
		else if (strcmp(ln, "timestamp") == 0)
			dst = &c->oval_timestamp;
		if (dst != NULL && *dst == NULL) {
			xmlChar *s = xmlTextReaderReadString(r);

			/* Generator texts are short; keep a sane cap. */
			if (s != NULL && strlen((char *)s) < 256)
				*dst = ks_strdup((char *)s);
			xmlFree(s);
		}
	}
	return ret < 0 ? ret : 0;
}

/* ---- loading ------------------------------------------------------------- */

/* Indexes the components and component-refs of a collection by id. */
static int
index_collection(struct xccdf_content *c)
{
	xmlNode *n, *grp, *ref;
	const char *id;

	if (ks_map_new(&c->comps) != 0 || ks_map_new(&c->crefs) != 0)
		return KS_ENOMEM;
	for (n = first_elem(c->root->children); n; n = next_elem(n)) {
		if (xccdf_ds_is(n, XCCDF_DS_NS, "component") ||
		    xccdf_ds_is(n, XCCDF_DS_NS, "extended-component")) {
			if ((id = xccdf_ds_attr(n, "id", NULL)) != NULL &&
			    ks_map_get(c->comps, id) == NULL)
				ks_map_put(c->comps, id, n);
			continue;
		}
		if (!xccdf_ds_is(n, XCCDF_DS_NS, "data-stream"))
			continue;
		for (grp = first_elem(n->children); grp;
		    grp = next_elem(grp))
			for (ref = first_elem(grp->children); ref;
			    ref = next_elem(ref)) {
				if (!xccdf_ds_is(ref, XCCDF_DS_NS,
				    "component-ref"))
					continue;
				id = xccdf_ds_attr(ref, "id", NULL);
				if (id != NULL &&
				    ks_map_get(c->crefs, id) == NULL)
					ks_map_put(c->crefs, id, ref);
			}
	}
	return 0;
}

static struct xccdf_content *
content_alloc(const char *path)
{
	struct xccdf_content *c = ks_calloc(1, sizeof(*c));
	const char *slash = strrchr(path, '/');

	c->path = ks_strdup(path);
	if (slash == NULL)
		c->dir = ks_strdup(".");
	else if (slash == path)
		c->dir = ks_strdup("/");
	else
		c->dir = ks_strndup(path, (size_t)(slash - path));
	return c;
}

/* Takes doc (freed with c). */
static int
content_take_doc(struct xccdf_content *c, xmlDoc *doc)
{
	c->doc = doc;
	c->root = xmlDocGetRootElement(doc);
	c->kind = xccdf_ds_kind_of_node(c->root);
	if (c->kind == XCCDF_DOC_DS_COLLECTION)
		return index_collection(c);
	return 0;
}

static int
unsupported_root(const char *path, const char *rname)
{
	ks_error_set("%s: root element %s is not SCAP content (data stream, "
	    "XCCDF benchmark or tailoring, CPE dictionary, OVAL, ARF)", path,
	    rname ? rname : "(none)");
	return KS_EUNSUPPORTED;
}

/* ---- OVAL models read beside the parse ---------------------------------- */

struct ds_oval_pre {
	const xmlNode		*root;	/* an oval_definitions element */
	char			*name;	/* comp_name of its component */
	struct oval_defs	*defs;
};

static const char *comp_name(const char *cid);

/*
 * On the second thread of a data stream's parse, a component it parsed:
 * OVAL definitions are read into a model now, while the first thread still
 * parses the benchmark. A failure is left to the evaluation's own load,
 * which reports it as it always does.
 */
static void
opre_moved(xmlNode *el, void *payload)
{
	struct xccdf_content *c = payload;
	struct oval_defs *defs = NULL;
	xmlNode *root;
	xmlChar *id;
	char *name;

	if (!xccdf_ds_is(el, XCCDF_DS_NS, "component") ||
	    (root = first_elem(el->children)) == NULL ||
	    !xccdf_ds_is(root, XCCDF_OVAL_DEFS_NS, "oval_definitions") ||
	    (id = xmlGetProp(el, BAD_CAST "id")) == NULL)
		return;
	name = ks_strdup(comp_name((const char *)id));
	xmlFree(id);
	if (oval_load_node(&defs, root, name) < 0) {
		ks_error_clear();
		free(name);
		return;
	}
	ks_grow(&c->opre, &c->opre_cap, c->nopre + 1, sizeof(*c->opre));
	c->opre[c->nopre++] = (struct ds_oval_pre){ root, name, defs };
}

static void
opre_dropped(void *payload)
{
	struct xccdf_content *c = payload;

	for (size_t i = 0; i < c->nopre; i++) {
		oval_unload(c->opre[i].defs);
		free(c->opre[i].name);
	}
	free(c->opre);
	c->opre = NULL;
	c->nopre = c->opre_cap = 0;
}

struct oval_defs *
xccdf_content_take_oval(struct xccdf_content *c, const struct _xmlNode *root,
    const char *name)
{
	for (size_t i = 0; i < c->nopre; i++) {
		struct oval_defs *defs = c->opre[i].defs;

		if (c->opre[i].root != root || defs == NULL ||
		    strcmp(c->opre[i].name, name) != 0)
			continue;
		c->opre[i].defs = NULL;
		return defs;
	}
	return NULL;
}

static int content_open(struct xccdf_content **out, const char *path,
    bool eval);

int
xccdf_content_open(struct xccdf_content **out, const char *path)
{
	return content_open(out, path, false);
}

int
xccdf_content_open_eval(struct xccdf_content **out, const char *path)
{
	return content_open(out, path, true);
}

/*
 * Opens path. Data streams, benchmarks, tailoring and CPE dictionaries
 * are DOM-loaded; OVAL documents and ARF reports only have their root (and
 * OVAL generator) read: they can be hundreds of megabytes, and nothing here
 * needs more of them.
 */
static int
content_open(struct xccdf_content **out, const char *path, bool eval)
{
	struct xccdf_content *c = NULL;
	xmlTextReader *r = NULL;
	enum xccdf_doc_kind kind;
	xmlDoc *doc = NULL;
	char *rname = NULL;
	int rc = KS_ERROR;

	*out = NULL;
	if ((rc = reader_root(path, &kind, &rname, &r)) != 0)
		goto out;
	if (kind == XCCDF_DOC_UNKNOWN) {
		rc = unsupported_root(path, rname);
		goto out;
	}
	c = content_alloc(path);
	c->kind = kind;
	if (kind == XCCDF_DOC_OVAL_DEFS || kind == XCCDF_DOC_OVAL_RESULTS) {
		if ((rc = read_oval_header(c, r)) != 0)
			goto out;
	} else if (kind != XCCDF_DOC_ARF) {
		struct ks_xml_split_hook hook = {
			opre_moved, opre_dropped, c
		};

		ks_xml_reader_free(r);
		r = NULL;
		c->has_src = stat(path, &c->src_st) == 0 &&
		    S_ISREG(c->src_st.st_mode);
		/* A data stream's components: two of them at once. */
		if ((rc = ks_xml_doc_read_file_split(&doc, path,
		    "component", eval ? &hook : NULL)) != 0)
			goto out;
		if ((rc = content_take_doc(c, doc)) != 0)
			goto out;
	}
	*out = c;
	c = NULL;
	rc = 0;
out:
	ks_xml_reader_free(r);
	free(rname);
	xccdf_content_free(c);
	return rc;
}

int
xccdf_content_open_mem(struct xccdf_content **out, const char *buf,
    size_t len, const char *name)
{
	struct xccdf_content *c = NULL;
	xmlDoc *doc = NULL;
	int rc;

	*out = NULL;
	if ((rc = ks_xml_doc_read_mem(&doc, buf, len, name)) != 0)
		return rc;
	c = content_alloc(name);
	if ((rc = content_take_doc(c, doc)) != 0)
		goto out;
	if (c->kind == XCCDF_DOC_UNKNOWN) {
		const xmlNode *root = c->root;
		char *rname = ks_asprintf("{%s}%s", root && root->ns ?
		    (const char *)root->ns->href : "", root ?
		    (const char *)root->name : "");

		rc = unsupported_root(name, rname);
		free(rname);
		goto out;
	}
	*out = c;
	c = NULL;
out:
	xccdf_content_free(c);
	return rc;
}

static void
file_free(struct xccdf_ds_file *f)
{
	if (f == NULL)
		return;
	xmlFreeDoc(f->doc);
	free(f->path);
	free(f);
}

void
xccdf_content_free(struct xccdf_content *c)
{
	if (c == NULL)
		return;
	opre_dropped(c);
	for (size_t i = 0; i < c->nfiles; i++)
		file_free(c->files[i]);
	free(c->files);
	ks_map_free(c->comps);
	ks_map_free(c->crefs);
	ks_strpool_free(c->pool);
	xmlFreeDoc(c->doc);
	free(c->oval_version);
	free(c->oval_timestamp);
	free(c->path);
	free(c->dir);
	free(c);
}

enum xccdf_doc_kind
xccdf_content_kind(const struct xccdf_content *c)
{
	return c != NULL ? c->kind : XCCDF_DOC_UNKNOWN;
}

const char *
xccdf_content_path(const struct xccdf_content *c)
{
	return c->path;
}

struct _xmlNode *
xccdf_content_root(struct xccdf_content *c)
{
	return c->root;
}

struct _xmlDoc *
xccdf_content_take_doc(struct xccdf_content *c, const struct _xmlNode *root)
{
	xmlDoc *doc;

	if (c == NULL || root == NULL || c->doc == NULL ||
	    root->doc != c->doc)
		return NULL;
	doc = c->doc;
	c->doc = NULL;
	return doc;
}

/*
 * Records a file; non-OVAL documents are DOM-loaded now (once). On
 * failure nothing is recorded.
 */
static int
file_add(struct xccdf_content *c, const char *path, bool given,
    struct xccdf_ds_file **out)
{
	struct xccdf_ds_file *f;
	enum xccdf_doc_kind kind;
	char *rname = NULL;
	int rc;

	if (c->nfiles >= DS_FILES_MAX) {
		ks_error_set("%s: more than %d files next to it", c->path,
		    DS_FILES_MAX);
		return KS_ELIMIT;
	}
	if ((rc = reader_root(path, &kind, &rname, NULL)) != 0)
		return rc;
	if (given && kind == XCCDF_DOC_UNKNOWN) {
		rc = unsupported_root(path, rname);
		free(rname);
		return rc;
	}
	free(rname);
	f = ks_calloc(1, sizeof(*f));
	f->path = ks_strdup(path);
	f->base = base_name(f->path);
	f->kind = kind;
	f->given = given;
	/* OVAL definitions are streamed by the engine; everything else
	 * (CPE dictionaries, tailoring, OCIL...) is small and used as DOM. */
	if (kind != XCCDF_DOC_OVAL_DEFS) {
		if ((rc = ks_xml_doc_read_file(&f->doc, path)) != 0) {
			file_free(f);
			return rc;
		}
		f->root = xmlDocGetRootElement(f->doc);
	}
	ks_grow(&c->files, &c->files_cap, c->nfiles + 1, sizeof(*c->files));
	c->files[c->nfiles++] = f;
	if (out != NULL)
		*out = f;
	return 0;
}

int
xccdf_content_add_file(struct xccdf_content *c, const char *path)
{
	return file_add(c, path, true, NULL);
}

/* ---- data streams -------------------------------------------------------- */

static xmlNode *
ds_stream(struct xccdf_content *c, const char *id)
{
	xmlNode *n;

	for (n = first_elem(c->root->children); n; n = next_elem(n)) {
		const char *sid;

		if (!xccdf_ds_is(n, XCCDF_DS_NS, "data-stream"))
			continue;
		sid = xccdf_ds_attr(n, "id", NULL);
		if (id == NULL || (sid != NULL && strcmp(sid, id) == 0))
			return n;
	}
	return NULL;
}

/* The component-refs of one group ("checklists", ...) of a stream. */
static xmlNode *
ds_group(xmlNode *stream, const char *group)
{
	xmlNode *n;

	for (n = first_elem(stream->children); n; n = next_elem(n))
		if (xccdf_ds_is(n, XCCDF_DS_NS, group))
			return n;
	return NULL;
}

/* ", "-joined ids of the streams (group NULL) or of one group's refs. */
static void
list_ids(struct ks_buf *b, xmlNode *parent, const char *elem)
{
	xmlNode *n;

	for (n = parent ? first_elem(parent->children) : NULL; n;
	    n = next_elem(n)) {
		const char *id = xccdf_ds_attr(n, "id", NULL);

		if (!xccdf_ds_is(n, XCCDF_DS_NS, elem) || id == NULL)
			continue;
		if ((b->len > 0 && ks_buf_puts(b, ", ") != 0) ||
		    ks_buf_puts(b, id) != 0) {
			ks_error_clear();
			break;	/* a long list is cut, not an error */
		}
	}
	if (b->len == 0)
		ks_buf_puts(b, "(none)");
}

int
xccdf_ds_cref_target(struct xccdf_content *c, struct _xmlNode *cref,
    struct _xmlNode **root, const char **comp_id)
{
	const char *id = xccdf_ds_attr(cref, "id", NULL);
	const char *href = xccdf_ds_attr(cref, "href", XCCDF_XLINK_NS);
	xmlNode *comp;

	*root = NULL;
	if (comp_id != NULL)
		*comp_id = NULL;
	if (id == NULL)
		id = "?";
	if (href == NULL || *href == '\0') {
		ks_error_set("%s:%d: component-ref '%s' has no xlink:href",
		    c->path, cref->line, id);
		return KS_EPARSE;
	}
	/* SP 800-126 rev 3 section 3.1.3: a component-ref's href is "#" and
	 * a component id inside the collection, or a URI of a remote one. */
	if (href[0] != '#') {
		ks_error_set("%s: remote component '%s' of component-ref "
		    "'%s' not fetched (use --fetch-remote-resources)",
		    c->path, href, id);
		return KS_EUNSUPPORTED;
	}
	if ((comp = ks_map_get(c->comps, href + 1)) == NULL) {
		ks_error_set("%s:%d: component-ref '%s' points to '%s': no "
		    "such component", c->path, cref->line, id, href);
		return KS_ENOTFOUND;
	}
	if ((*root = first_elem(comp->children)) == NULL) {
		ks_error_set("%s:%d: component '%s' is empty", c->path,
		    comp->line, href + 1);
		return KS_EPARSE;
	}
	if (comp_id != NULL)
		*comp_id = href + 1;
	return 0;
}

/* A component-ref in `group` of stream by id, or NULL. */
static xmlNode *
group_ref(xmlNode *group, const char *id)
{
	xmlNode *n;

	for (n = group ? first_elem(group->children) : NULL; n;
	    n = next_elem(n)) {
		const char *rid = xccdf_ds_attr(n, "id", NULL);

		if (xccdf_ds_is(n, XCCDF_DS_NS, "component-ref") &&
		    rid != NULL && strcmp(rid, id) == 0)
			return n;
	}
	return NULL;
}

static bool is_remote(const char *href);
static int fetch_file(struct xccdf_content *c, const char *url,
    struct xccdf_ds_file **out);

/*
 * The target of a component-ref of the checklists group. A remote one (an
 * http(s) URL, SP 800-126 rev 3 section 3.1.3) is fetched with
 * --fetch-remote-resources through the same fetcher as remote check
 * content, and must be an XCCDF Benchmark or Tailoring (which of the two
 * the caller checks); *url then gets the URL (the base of the
 * benchmark's relative check hrefs), else NULL. Without the option the
 * benchmark cannot be evaluated: KS_EUNSUPPORTED naming the component-ref
 * and the option. A fetch that fails is KS_ERROR with the reason.
 */
static int
checklist_target(struct xccdf_content *c, xmlNode *cref, xmlNode **root,
    const char **url)
{
	const char *href = xccdf_ds_attr(cref, "href", XCCDF_XLINK_NS);
	struct xccdf_ds_file *f = NULL;
	int rc = xccdf_ds_cref_target(c, cref, root, NULL);

	*url = NULL;
	if (rc != KS_EUNSUPPORTED)
		return rc;
	if (!is_remote(href)) {
		ks_error_set("%s:%d: component-ref '%s' points to '%s', "
		    "neither '#' and a component id nor an http(s) URL",
		    c->path, cref->line, attr_q(cref, "id", NULL), href);
		return KS_EUNSUPPORTED;
	}
	if (c->fetch == NULL) {
		ks_error_set("%s: component-ref '%s' is the remote checklist "
		    "or tailoring '%s': fetched only with "
		    "--fetch-remote-resources", c->path,
		    attr_q(cref, "id", NULL), href);
		return KS_EUNSUPPORTED;
	}
	if ((rc = fetch_file(c, href, &f)) != 0)
		return rc;
	if (f->kind != XCCDF_DOC_BENCHMARK && f->kind != XCCDF_DOC_TAILORING) {
		ks_error_set("remote component %s of component-ref '%s' is a "
		    "%s, not an XCCDF Benchmark or Tailoring", href,
		    attr_q(cref, "id", NULL), xccdf_ds_kind_name(f->kind));
		return KS_ERROR;
	}
	*root = f->root;
	*url = href;
	return 0;
}

static int
ds_checklist(struct xccdf_content *c, const struct xccdf_eval_opts *o,
    struct xccdf_ds_checklist *out)
{
	const char *ds_id = o ? o->datastream_id : NULL;
	const char *xccdf_id = o ? o->xccdf_id : NULL;
	const char *bench_id = o ? o->benchmark_id : NULL;
	struct ks_buf list;
	xmlNode *stream, *group, *cref = NULL, *root = NULL;
	const char *url = NULL, *turl;
	char *first_msg = NULL;
	int rc = KS_ERROR, first_rc = 0;

	ks_buf_init(&list, DS_LIST_MAX);
	if ((stream = ds_stream(c, ds_id)) == NULL) {
		list_ids(&list, c->root, "data-stream");
		if (ds_id != NULL)
			ks_error_set("no data stream '%s' in %s; data streams: "
			    "%s", ds_id, c->path, list.data);
		else
			ks_error_set("%s: the collection has no data stream",
			    c->path);
		rc = KS_ENOTFOUND;
		goto out;
	}
	out->datastream_id = xccdf_ds_attr(stream, "id", NULL);
	if (out->datastream_id == NULL)
		out->datastream_id = "";
	group = ds_group(stream, "checklists");
	if (xccdf_id != NULL) {
		if ((cref = group_ref(group, xccdf_id)) == NULL) {
			list_ids(&list, group, "component-ref");
			ks_error_set("no checklist '%s' in data stream '%s' "
			    "of %s; checklists: %s", xccdf_id,
			    out->datastream_id, c->path, list.data);
			rc = KS_ENOTFOUND;
			goto out;
		}
		if ((rc = checklist_target(c, cref, &root, &url)) != 0)
			goto out;
		if (xccdf_ds_kind_of_node(root) != XCCDF_DOC_BENCHMARK) {
			ks_error_set("checklist '%s' in data stream '%s' of "
			    "%s is a %s, not a Benchmark", xccdf_id,
			    out->datastream_id, c->path, root->name);
			rc = KS_ENOTFOUND;
			goto out;
		}
	} else {
		/* The first Benchmark (the one with benchmark_id); tailoring
		 * components are skipped, broken refs reported only when
		 * nothing else fits. */
		for (cref = group ? first_elem(group->children) : NULL; cref;
		    cref = next_elem(cref)) {
			const char *bid;

			if (!xccdf_ds_is(cref, XCCDF_DS_NS, "component-ref"))
				continue;
			if ((rc = checklist_target(c, cref, &root,
			    &url)) != 0) {
				if (first_rc == 0) {
					first_rc = rc;
					first_msg = ks_strdup(ks_error_msg());
				}
				ks_error_clear();
				continue;
			}
			if (xccdf_ds_kind_of_node(root) != XCCDF_DOC_BENCHMARK)
				continue;
			bid = xccdf_ds_attr(root, "id", NULL);
			if (bench_id != NULL && list.len < DS_LIST_MAX / 2) {
				if (list.len > 0)
					ks_buf_puts(&list, ", ");
				ks_buf_puts(&list, bid ? bid : "?");
			}
			if (bench_id == NULL ||
			    (bid != NULL && strcmp(bid, bench_id) == 0))
				break;
		}
		if (cref == NULL) {
			if (bench_id != NULL) {
				ks_error_set("no benchmark '%s' in data stream "
				    "'%s' of %s; benchmarks: %s", bench_id,
				    out->datastream_id, c->path,
				    list.len ? list.data : "(none)");
				rc = KS_ENOTFOUND;
			} else if (first_rc != 0) {
				ks_error_set("%s", first_msg);
				rc = first_rc;
			} else {
				ks_error_set("data stream '%s' of %s has no "
				    "Benchmark checklist", out->datastream_id,
				    c->path);
				rc = KS_ENOTFOUND;
			}
			goto out;
		}
	}
	out->component_ref_id = xccdf_ds_attr(cref, "id", NULL);
	out->benchmark = root;
	out->base_url = url;
	if (o != NULL && o->tailoring_id != NULL) {
		xmlNode *t = group_ref(group, o->tailoring_id), *troot;

		if (t == NULL) {
			ks_buf_reset(&list);
			list_ids(&list, group, "component-ref");
			ks_error_set("no tailoring component-ref '%s' in data "
			    "stream '%s' of %s; checklists: %s",
			    o->tailoring_id, out->datastream_id, c->path,
			    list.data);
			rc = KS_ENOTFOUND;
			goto out;
		}
		if ((rc = checklist_target(c, t, &troot, &turl)) != 0)
			goto out;
		if (xccdf_ds_kind_of_node(troot) != XCCDF_DOC_TAILORING) {
			ks_error_set("component-ref '%s' in data stream '%s' "
			    "of %s is a %s, not a Tailoring", o->tailoring_id,
			    out->datastream_id, c->path, troot->name);
			rc = KS_ENOTFOUND;
			goto out;
		}
		out->tailoring = troot;
	}
	rc = 0;
out:
	free(first_msg);
	ks_buf_free(&list);
	return rc;
}

int
xccdf_content_checklist(struct xccdf_content *c,
    const struct xccdf_eval_opts *opts, struct xccdf_ds_checklist *out)
{
	memset(out, 0, sizeof(*out));
	/* The hrefs of this checklist resolve with these options. */
	c->fetch = opts != NULL && opts->fetch_remote ? opts->fetch : NULL;
	c->fetch_payload = c->fetch != NULL ? opts->fetch_payload : NULL;
	switch (c->kind) {
	case XCCDF_DOC_BENCHMARK:
		out->benchmark = c->root;
		return 0;
	case XCCDF_DOC_DS_COLLECTION: {
		int rc = ds_checklist(c, opts, out);

		if (rc != 0)
			memset(out, 0, sizeof(*out));
		return rc;
	}
	default:
		ks_error_set("%s: a %s holds no checklist to evaluate", c->path,
		    xccdf_ds_kind_name(c->kind));
		return KS_EUNSUPPORTED;
	}
}

int
xccdf_content_foreach_dict(struct xccdf_content *c,
    const struct xccdf_ds_checklist *cl,
    int (*cb)(struct _xmlNode *root, const void *ctx, void *payload),
    void *payload)
{
	int rc;

	if (c->kind == XCCDF_DOC_DS_COLLECTION && cl != NULL &&
	    cl->datastream_id != NULL) {
		xmlNode *stream = ds_stream(c, cl->datastream_id);
		xmlNode *group = stream ? ds_group(stream, "dictionaries") :
		    NULL, *cref, *root;

		for (cref = group ? first_elem(group->children) : NULL; cref;
		    cref = next_elem(cref)) {
			if (!xccdf_ds_is(cref, XCCDF_DS_NS, "component-ref"))
				continue;
			if ((rc = xccdf_ds_cref_target(c, cref, &root,
			    NULL)) != 0)
				return rc;
			if (xccdf_ds_kind_of_node(root) != XCCDF_DOC_CPE_DICT) {
				ks_error_set("%s:%d: dictionary component-ref "
				    "'%s' is a %s, not a cpe-list", c->path,
				    cref->line, attr_q(cref, "id",
				    NULL), root->name);
				return KS_EPARSE;
			}
			if ((rc = cb(root, cref, payload)) != 0)
				return rc;
		}
	}
	for (size_t i = 0; i < c->nfiles; i++) {
		struct xccdf_ds_file *f = c->files[i];

		if (!f->given || f->kind != XCCDF_DOC_CPE_DICT)
			continue;
		if ((rc = cb(f->root, f, payload)) != 0)
			return rc;
	}
	return 0;
}

/* ---- href resolution ----------------------------------------------------- */

static struct xccdf_ds_file *
file_of_ctx(struct xccdf_content *c, const void *ctx)
{
	for (size_t i = 0; i < c->nfiles; i++)
		if (c->files[i] == ctx)
			return c->files[i];
	return NULL;
}

/* The catalog entry for href in a component-ref (cat:catalog/cat:uri,
 * OASIS XML Catalogs as SP 800-126 rev 3 section 3.1.3 uses them). */
static const char *
catalog_uri(xmlNode *cref, const char *href)
{
	xmlNode *cat, *u;

	for (cat = first_elem(cref->children); cat; cat = next_elem(cat)) {
		if (!xccdf_ds_is(cat, XCCDF_CAT_NS, "catalog"))
			continue;
		for (u = first_elem(cat->children); u; u = next_elem(u)) {
			const char *name = xccdf_ds_attr(u, "name", NULL);

			if (xccdf_ds_is(u, XCCDF_CAT_NS, "uri") &&
			    name != NULL && strcmp(name, href) == 0)
				return xccdf_ds_attr(u, "uri", NULL);
		}
	}
	return NULL;
}

static bool
is_remote(const char *href)
{
	return strncmp(href, "http://", 7) == 0 ||
	    strncmp(href, "https://", 8) == 0 ||
	    strncmp(href, "ftp://", 6) == 0;
}

static void
resolve_file(const struct xccdf_ds_file *f, struct xccdf_resource *out)
{
	out->name = f->base;
	if (f->kind == XCCDF_DOC_OVAL_DEFS)
		out->path = f->path;
	else
		out->root = f->root;
}

/*
 * The URL of a component-ref or a check href as the local file the
 * fetcher makes of it, recorded as a file of c once (DOM-loaded unless it
 * is OVAL). Whatever fails is KS_ERROR with the message: the content
 * asked for something that could not be had, an error of what needs it,
 * not content this engine cannot check.
 */
static int
fetch_file(struct xccdf_content *c, const char *url,
    struct xccdf_ds_file **out)
{
	struct xccdf_ds_file *f = NULL;
	const char *path = NULL;
	int rc;

	*out = NULL;
	ks_error_clear();
	if ((rc = c->fetch(url, &path, c->fetch_payload)) != 0 ||
	    path == NULL) {
		if (*ks_error_msg() == '\0')
			ks_error_set("remote resource %s: not fetched", url);
		return KS_ERROR;
	}
	for (size_t i = 0; i < c->nfiles && f == NULL; i++)
		if (strcmp(c->files[i]->path, path) == 0)
			f = c->files[i];
	if (f == NULL && file_add(c, path, false, &f) != 0) {
		char *m = ks_strdup(ks_error_msg());

		ks_error_set("remote resource %s: %s", url, m);
		free(m);
		return KS_ERROR;
	}
	*out = f;
	return 0;
}

/*
 * A remote resource (the URL of a component-ref or a check href) as the
 * local OVAL file the fetcher makes of it. `name` (borrowed) names its
 * results. KS_ERROR when it cannot be had or is not OVAL.
 */
static int
resolve_remote(struct xccdf_content *c, const char *url, const char *name,
    const char *cref_id, struct xccdf_resource *out)
{
	struct xccdf_ds_file *f;
	int rc;

	if ((rc = fetch_file(c, url, &f)) != 0)
		return rc;
	if (f->kind != XCCDF_DOC_OVAL_DEFS) {
		ks_error_set("remote resource %s is a %s, not OVAL definitions",
		    url, xccdf_ds_kind_name(f->kind));
		return KS_ERROR;
	}
	resolve_file(f, out);
	out->name = name;
	out->component_ref = cref_id;
	return 0;
}

/*
 * A check href of a remote checklist that is neither in its
 * component-ref's catalog nor a "#" reference nor a URL. SP 800-126 rev 3
 * section 3.1.3 resolves a checklist's check hrefs through the catalog of
 * its component-ref; what the catalog does not map is a plain URI
 * reference (XCCDF 1.2 checkContentRefType @href), and a relative URI
 * reference in a document that was retrieved from a URL has that URL as
 * its base (RFC 3986 section 5.1.3, the retrieval URI). So it is resolved
 * against the checklist's URL (libxml2's RFC 3986 resolver) and fetched
 * like any remote check content; never looked for next to the local data
 * stream, which the remote checklist knows nothing about.
 */
static int
resolve_relative_url(struct xccdf_content *c, const char *base,
    const char *href, struct xccdf_resource *out)
{
	xmlChar *abs = xmlBuildURI((const xmlChar *)href,
	    (const xmlChar *)base);
	const char *url;
	int rc;

	if (abs == NULL || !is_remote((const char *)abs)) {
		ks_error_set("check href '%s' of the remote checklist %s does "
		    "not resolve to a URL", href, base);
		xmlFree(abs);
		return KS_ENOTFOUND;
	}
	/* The string lives as long as c: the resource's name points into
	 * it, and the fetcher may keep it. */
	if (c->pool == NULL && (rc = ks_strpool_new(&c->pool)) != 0) {
		xmlFree(abs);
		return rc;
	}
	url = ks_strpool_intern(c->pool, (const char *)abs,
	    strlen((const char *)abs));
	xmlFree(abs);
	return resolve_remote(c, url, base_name(url), NULL, out);
}

/* The name of a component without one from a catalog: the part after
 * the last '_' of "scap_org.open-scap_comp_ssg-debian11-oval.xml" is
 * the file it was made from. */
static const char *
comp_name(const char *cid)
{
	const char *us = strrchr(cid, '_');

	return us != NULL && us[1] != '\0' ? us + 1 : cid;
}

void
xccdf_content_foreach_oval(struct xccdf_content *c,
    const struct xccdf_ds_checklist *cl,
    void (*cb)(struct _xmlNode *root, const char *name, void *payload),
    void *payload)
{
	static const char *const groups[] = { "checks", "dictionaries" };
	xmlNode *stream;

	if (c->kind != XCCDF_DOC_DS_COLLECTION || c->root == NULL ||
	    cl == NULL || cl->datastream_id == NULL ||
	    (stream = ds_stream(c, cl->datastream_id)) == NULL)
		return;
	for (size_t i = 0; i < sizeof(groups) / sizeof(groups[0]); i++) {
		xmlNode *g = ds_group(stream, groups[i]), *n;

		for (n = g != NULL ? first_elem(g->children) : NULL; n != NULL;
		    n = next_elem(n)) {
			const char *href = xccdf_ds_attr(n, "href",
			    XCCDF_XLINK_NS);
			xmlNode *comp, *root;

			if (!xccdf_ds_is(n, XCCDF_DS_NS, "component-ref") ||
			    href == NULL || href[0] != '#' ||
			    (comp = ks_map_get(c->comps, href + 1)) == NULL ||
			    (root = first_elem(comp->children)) == NULL ||
			    root->ns == NULL || strcmp((const char *)root->name,
			    "oval_definitions") != 0 ||
			    strcmp((const char *)root->ns->href,
			    XCCDF_OVAL_DEFS_NS) != 0)
				continue;
			cb(root, comp_name(href + 1), payload);
		}
	}
}

/* Fills out from a component-ref's component; name given or derived. */
static int
resolve_cref(struct xccdf_content *c, xmlNode *cref, const char *name,
    struct xccdf_resource *out)
{
	const char *cid, *href;
	xmlNode *root;
	int rc;

	if ((rc = xccdf_ds_cref_target(c, cref, &root, &cid)) != 0) {
		href = xccdf_ds_attr(cref, "href", XCCDF_XLINK_NS);
		if (rc != KS_EUNSUPPORTED || c->fetch == NULL ||
		    href == NULL || !is_remote(href))
			return rc;
		return resolve_remote(c, href, name != NULL ? name :
		    base_name(href), xccdf_ds_attr(cref, "id", NULL), out);
	}
	out->root = root;
	out->component_id = cid;
	out->component_ref = xccdf_ds_attr(cref, "id", NULL);
	if (name == NULL)
		name = comp_name(cid);
	out->name = name;
	return 0;
}

/* Step 4: a file relative to the referring plain document. */
static int
resolve_path(struct xccdf_content *c, const char *from, const char *href,
    struct xccdf_resource *out)
{
	struct xccdf_ds_file *f = NULL;
	struct stat st;
	char *path, *slash;
	int rc;

	if (strncmp(href, "file://", 7) == 0)
		href += 7;
	if (href[0] == '/') {
		path = ks_strdup(href);
	} else {
		char *dir = ks_strdup(from);

		if ((slash = strrchr(dir, '/')) != NULL)
			*slash = '\0';
		path = slash != NULL ? ks_asprintf("%s/%s", dir[0] ? dir : "",
		    href) : ks_strdup(href);
		free(dir);
	}
	for (size_t i = 0; i < c->nfiles; i++)
		if (strcmp(c->files[i]->path, path) == 0) {
			f = c->files[i];
			break;
		}
	if (f == NULL) {
		if (stat(path, &st) != 0 || !S_ISREG(st.st_mode)) {
			ks_error_set("%s: check href '%s': no file %s", from,
			    href, path);
			rc = KS_ENOTFOUND;
			goto out;
		}
		if ((rc = file_add(c, path, false, &f)) != 0)
			goto out;
	}
	resolve_file(f, out);
	rc = 0;
out:
	free(path);
	return rc;
}

int
xccdf_content_resolve(struct xccdf_content *c,
    const struct xccdf_ds_checklist *cl, const void *ctx, const char *href,
    struct xccdf_resource *out)
{
	struct xccdf_ds_file *from_file = NULL;
	xmlNode *cref = NULL, *target;
	const char *from, *uri;

	memset(out, 0, sizeof(*out));
	if (href == NULL || *href == '\0') {
		ks_error_set("%s: a check has an empty href", c->path);
		return KS_EPARSE;
	}
	if (ctx != NULL && (from_file = file_of_ctx(c, ctx)) == NULL)
		cref = (xmlNode *)ctx;	/* a DS dictionary's cref */
	else if (ctx == NULL && c->kind == XCCDF_DOC_DS_COLLECTION &&
	    cl != NULL && cl->component_ref_id != NULL)
		cref = ks_map_get(c->crefs, cl->component_ref_id);
	from = from_file != NULL ? from_file->path : c->path;

	/* 1: the referring component-ref's catalog. */
	if (cref != NULL && (uri = catalog_uri(cref, href)) != NULL) {
		if (uri[0] == '#') {
			if ((target = ks_map_get(c->crefs, uri + 1)) == NULL) {
				ks_error_set("%s: the catalog of component-ref "
				    "'%s' maps '%s' to '%s': no such "
				    "component-ref", c->path,
				    attr_q(cref, "id", NULL), href,
				    uri);
				return KS_ENOTFOUND;
			}
			return resolve_cref(c, target, base_name(href), out);
		}
		href = uri;
	}
	/* 2: "#component-ref-id" (or a component id) in the collection. */
	if (href[0] == '#' && c->kind == XCCDF_DOC_DS_COLLECTION) {
		if ((target = ks_map_get(c->crefs, href + 1)) != NULL)
			return resolve_cref(c, target, NULL, out);
		if ((target = ks_map_get(c->comps, href + 1)) != NULL &&
		    first_elem(target->children) != NULL) {
			out->root = first_elem(target->children);
			out->component_id = href + 1;
			out->name = href + 1;
			return 0;
		}
	}
	if (href[0] == '#') {
		ks_error_set("%s: check href '%s' names no component-ref",
		    from, href);
		return KS_ENOTFOUND;
	}
	if (is_remote(href) && c->fetch != NULL)
		return resolve_remote(c, href, base_name(href), NULL, out);
	if (ctx == NULL && cl != NULL && cl->base_url != NULL &&
	    !is_remote(href))
		return resolve_relative_url(c, cl->base_url, href, out);
	if (is_remote(href)) {
		ks_error_set("%s: check href '%s' is a remote resource, not "
		    "fetched (use --fetch-remote-resources)", from, href);
		return KS_EUNSUPPORTED;
	}
	/* 3: files given on the command line, by base name. */
	for (size_t i = 0; i < c->nfiles; i++) {
		struct xccdf_ds_file *f = c->files[i];

		if (f->given && strcmp(f->base, base_name(href)) == 0) {
			resolve_file(f, out);
			return 0;
		}
	}
	/* 4: next to a plain document. */
	if (from_file == NULL && c->kind == XCCDF_DOC_DS_COLLECTION) {
		ks_error_set("%s: check href '%s' of component-ref '%s' is not "
		    "in its catalog nor a component-ref nor a given file",
		    c->path, href, cref != NULL ? attr_q(cref, "id",
		    NULL) : "(none)");
		return KS_ENOTFOUND;
	}
	return resolve_path(c, from, href, out);
}
