/*
 * The one door for XML from outside: libxml2's reader and DOM parser with
 * network, DTD loading, external entities and entity declarations refused,
 * nesting and size capped, and errors turned into "FILE:LINE:COL: message".
 * Knows no vocabulary (OVAL, XCCDF): callers interpret the nodes.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/SAX2.h>
#include <libxml/tree.h>
#include <libxml/hash.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlreader.h>

#include "platform/base/base.h"
#include "platform/base/base_int.h"

/*
 * No NOENT (entities are not substituted), no DTDLOAD/DTDATTR/DTDVALID, no
 * XINCLUDE, no HUGE (libxml2 keeps its own depth, text-size and entity
 * amplification limits), NONET. CDATA arrives as text; blanks are kept.
 */
#define KS_XML_OPTS	(XML_PARSE_NONET | XML_PARSE_NOCDATA)


/* The state of the parse running on this thread (for handlers without an
 * argument of ours), NULL outside our own calls. */
static _Thread_local struct ks_xml_state *ks_xml_cur;

static pthread_once_t ks_xml_once = PTHREAD_ONCE_INIT;
static xmlExternalEntityLoader ks_xml_default_loader;

/* Records the first error of a parse; later ones are mostly its echoes. */
static void
ks_xml_record(struct ks_xml_state *st, int rc, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
ks_xml_record(struct ks_xml_state *st, int rc, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (st == NULL || st->rc != 0)
		return;
	va_start(ap, fmt);
	n = vsnprintf(st->err, sizeof(st->err), fmt, ap);
	va_end(ap);
	if (n < 0)
		snprintf(st->err, sizeof(st->err), "%s: XML error", st->name);
	st->rc = rc;
}

/* Folds libxml2's multi-line messages into one line, trims the end. */
void
ks_xml_oneline(char *msg)
{
	size_t n;
	char *p;

	for (p = msg; *p != '\0'; p++)
		if (*p == '\n' || *p == '\r' || *p == '\t')
			*p = ' ';
	n = strlen(msg);
	while (n > 0 && msg[n - 1] == ' ')
		msg[--n] = '\0';
}

int
ks_xml_error_word(const struct _xmlError *e, char *msg, size_t msgsz,
    bool *depth)
{
	snprintf(msg, msgsz, "%s", e->message ? e->message : "error");
	ks_xml_oneline(msg);
	/* libxml2's own nesting cap (256 without XML_PARSE_HUGE) is ours. */
	*depth = e->domain == XML_FROM_PARSER &&
	    e->code == XML_ERR_INTERNAL_ERROR &&
	    strstr(msg, "Excessive depth") != NULL;
	/* libxml2's size caps (10 MB per text node or name without
	 * XML_PARSE_HUGE) are limits, not malformed input. */
	if (*depth || strstr(msg, "huge text node") != NULL ||
	    strstr(msg, "Huge input lookup") != NULL ||
	    strstr(msg, "length too long") != NULL)
		return KS_ELIMIT;
	return KS_EPARSE;
}

static bool ks_xml_dtd_has_entities(const xmlDtd *dtd);

/* libxml2's structured error -> "name:line:col: message" (warnings ignored). */
static void
ks_xml_error(struct ks_xml_state *st, const xmlError *e)
{
	char msg[512];
	bool depth;
	int rc;

	if (st == NULL || e == NULL || e->level < XML_ERR_ERROR)
		return;
	/*
	 * An entity error in a document that declares entities (libxml2
	 * stopped an expansion before we could look at the DTD): say what
	 * is refused rather than echo the symptom.
	 */
	if (e->domain == XML_FROM_PARSER && e->ctxt != NULL) {
		const xmlParserCtxt *ctxt = e->ctxt;

		if (ctxt->myDoc != NULL &&
		    ks_xml_dtd_has_entities(ctxt->myDoc->intSubset)) {
			ks_xml_record(st, KS_EPARSE, "%s:%d: document declares "
			    "entities in its DTD; refused", st->name, e->line);
			return;
		}
	}
	rc = ks_xml_error_word(e, msg, sizeof(msg), &depth);
	if (depth) {
		ks_xml_record(st, rc, "%s:%d: nesting deeper than %d",
		    st->name, e->line, KS_XML_MAX_DEPTH);
		return;
	}
	ks_xml_record(st, rc, "%s:%d:%d: %s", st->name, e->line, e->int2, msg);
}

static void
ks_xml_reader_serror(void *arg, xmlErrorPtr e)
{
	ks_xml_error(arg, e);
}

static void
ks_xml_ctxt_serror(void *arg, xmlErrorPtr e)
{
	ks_xml_error(ks_xml_cur, e);
}

/* libxml2's unstructured channel (I/O and some internal errors) is kept off
 * stderr while our calls run; the first message becomes the error. */
static void
ks_xml_generic(void *ctx, const char *fmt, ...)
{
	char msg[512];
	va_list ap;
	size_t n;

	if (ks_xml_cur != NULL && ks_xml_cur->rc != 0)
		return;
	va_start(ap, fmt);
	if (vsnprintf(msg, sizeof(msg), fmt, ap) < 0)
		snprintf(msg, sizeof(msg), "XML error");
	va_end(ap);
	if (ks_xml_cur == NULL) {
		fputs(msg, stderr);
		return;
	}
	ks_xml_oneline(msg);
	n = strlen(msg);
	if (n == 0)
		return;
	ks_xml_record(ks_xml_cur, KS_EPARSE, "%s: %s", ks_xml_cur->name, msg);
}

/*
 * Refuses every external load (DTD, entity, XInclude) started by one of our
 * parses; other libxml2 users in the process (libxslt) keep the default.
 */
static xmlParserInputPtr
ks_xml_loader(const char *url, const char *id, xmlParserCtxtPtr ctxt)
{
	if (ks_xml_cur != NULL) {
		ks_xml_record(ks_xml_cur, KS_EPARSE,
		    "%s: refusing to load external resource '%s'",
		    ks_xml_cur->name, url ? url : (id ? id : "?"));
		return NULL;
	}
	return ks_xml_default_loader(url, id, ctxt);
}

static void
ks_xml_init_once(void)
{
	xmlInitParser();
	ks_xml_default_loader = xmlGetExternalEntityLoader();
	xmlSetExternalEntityLoader(ks_xml_loader);
}

void
ks_xml_init(void)
{
	pthread_once(&ks_xml_once, ks_xml_init_once);
}

/* Brackets every call into libxml2: current state, quiet generic channel. */
struct ks_xml_guard {
	struct ks_xml_state	*prev;
};

/*
 * libxml2's generic error channel is per thread. Swapping it on every node
 * cost a quarter of the streaming parse, so it is pointed at ks_xml_generic
 * once per thread; between kensa's own calls (ks_xml_cur NULL) messages go
 * to stderr, as libxml2's default handler would print them.
 */
static _Thread_local bool ks_xml_generic_installed;

static void
ks_xml_enter(struct ks_xml_guard *g, struct ks_xml_state *st)
{
	if (!ks_xml_generic_installed) {
		ks_xml_init();
		xmlSetGenericErrorFunc(NULL, ks_xml_generic);
		ks_xml_generic_installed = true;
	}
	g->prev = ks_xml_cur;
	ks_xml_cur = st;
}

static void
ks_xml_leave(struct ks_xml_guard *g)
{
	ks_xml_cur = g->prev;
}

static struct ks_xml_state *
ks_xml_state_new(const char *name)
{
	struct ks_xml_state *st = ks_calloc(1, sizeof(*st));

	st->name = ks_strdup(name != NULL ? name : "(memory)");
	return st;
}

static void
ks_xml_state_free(struct ks_xml_state *st)
{
	if (st == NULL)
		return;
	free(st->name);
	free(st);
}

/* Sets the message from st (or a generic one) and returns its code. */
static int
ks_xml_fail(struct ks_xml_state *st, int line)
{
	if (st->rc != 0) {
		ks_error_set("%s", st->err);
		return st->rc;
	}
	ks_error_set("%s:%d: malformed XML", st->name, line);
	return KS_EPARSE;
}

/* True when the DTD declares any entity (general or parameter). */
static bool
ks_xml_dtd_has_entities(const xmlDtd *dtd)
{
	if (dtd == NULL)
		return false;
	return (dtd->entities != NULL && xmlHashSize(dtd->entities) > 0) ||
	    (dtd->pentities != NULL && xmlHashSize(dtd->pentities) > 0);
}

/* ---- streaming reader ---------------------------------------------------- */

static struct ks_xml_state *
ks_xml_reader_state(struct _xmlTextReader *r)
{
	xmlTextReaderErrorFunc f;
	void *arg = NULL;

	xmlTextReaderGetErrorHandler(r, &f, &arg);
	return arg;
}

static int
ks_xml_reader_setup(struct _xmlTextReader **out, xmlTextReaderPtr r,
    struct ks_xml_state *st)
{
	if (r == NULL) {
		int rc = ks_xml_fail(st, 0);

		ks_xml_state_free(st);
		return rc;
	}
	xmlTextReaderSetStructuredErrorHandler(r, ks_xml_reader_serror, st);
	*out = r;
	return 0;
}

/*
 * Opens a reader on path. KS_ENOTFOUND / KS_EPERM when it cannot be opened;
 * free with ks_xml_reader_free.
 */
int
ks_xml_reader_open(struct _xmlTextReader **out, const char *path)
{
	struct ks_xml_state *st;
	struct ks_xml_guard g;
	xmlTextReaderPtr r;
	FILE *fp;
	int rc;

	*out = NULL;
	/* Check here for a clean message: libxml2 only says "failed". */
	if ((fp = fopen(path, "rb")) == NULL) {
		int err = errno;

		ks_error_set("cannot open %s: %s", path, strerror(err));
		return err == ENOENT || err == ENOTDIR ? KS_ENOTFOUND :
		    err == EACCES || err == EPERM ? KS_EPERM : KS_ERROR;
	}
	fclose(fp);
	st = ks_xml_state_new(path);
	ks_xml_enter(&g, st);
	r = xmlReaderForFile(path, NULL, KS_XML_OPTS);
	rc = ks_xml_reader_setup(out, r, st);
	ks_xml_leave(&g);
	return rc;
}

/*
 * A reader over buf[0..len), which must outlive the reader. name is used in
 * messages (NULL: "(memory)").
 */
int
ks_xml_reader_mem(struct _xmlTextReader **out, const char *buf, size_t len,
    const char *name)
{
	struct ks_xml_state *st;
	struct ks_xml_guard g;
	xmlTextReaderPtr r;
	int rc;

	*out = NULL;
	if (len > INT_MAX) {
		ks_error_set("%s: document of %zu bytes is too large",
		    name ? name : "(memory)", len);
		return KS_ELIMIT;
	}
	st = ks_xml_state_new(name);
	ks_xml_enter(&g, st);
	r = xmlReaderForMemory(len > 0 ? buf : "", (int)len, st->name, NULL,
	    KS_XML_OPTS);
	rc = ks_xml_reader_setup(out, r, st);
	ks_xml_leave(&g);
	return rc;
}

void
ks_xml_reader_free(struct _xmlTextReader *r)
{
	struct ks_xml_state *st;
	struct ks_xml_guard g;

	if (r == NULL)
		return;
	st = ks_xml_reader_state(r);
	ks_xml_enter(&g, st);
	xmlFreeTextReader(r);
	ks_xml_leave(&g);
	ks_xml_state_free(st);
}

int
ks_xml_reader_next(struct _xmlTextReader *r)
{
	struct ks_xml_state *st = ks_xml_reader_state(r);
	struct ks_xml_guard g;
	int ret, depth;

	/* A reader that failed stays failed with the same message. */
	if (st->rc != 0)
		return ks_xml_fail(st, 0);
	ks_xml_enter(&g, st);
	ret = xmlTextReaderRead(r);
	ks_xml_leave(&g);
	if (ret < 0 || st->rc != 0)
		return ks_xml_fail(st, xmlTextReaderGetParserLineNumber(r));
	if (ret == 0)
		return 0;
	depth = xmlTextReaderDepth(r);
	if (depth >= KS_XML_MAX_DEPTH) {
		ks_xml_record(st, KS_ELIMIT, "%s:%d: nesting deeper than %d",
		    st->name, xmlTextReaderGetParserLineNumber(r),
		    KS_XML_MAX_DEPTH);
		return ks_xml_fail(st, 0);
	}
	/*
	 * Entity declarations are refused outright (billion laughs and
	 * friends): the DTD is complete once the root element is reached.
	 */
	if (!st->dtd_checked) {
		int type = xmlTextReaderNodeType(r);
		xmlNodePtr node = xmlTextReaderCurrentNode(r);

		if (type == XML_READER_TYPE_DOCUMENT_TYPE ||
		    type == XML_READER_TYPE_ELEMENT) {
			if (node != NULL && node->doc != NULL &&
			    ks_xml_dtd_has_entities(node->doc->intSubset)) {
				ks_xml_record(st, KS_EPARSE, "%s:%d: "
				    "document declares entities in its DTD; "
				    "refused", st->name,
				    xmlTextReaderGetParserLineNumber(r));
				return ks_xml_fail(st, 0);
			}
			if (type == XML_READER_TYPE_ELEMENT)
				st->dtd_checked = true;
		}
	}
	return 1;
}

int
ks_xml_reader_line(struct _xmlTextReader *r)
{
	return xmlTextReaderGetParserLineNumber(r);
}

const char *
ks_xml_reader_name(struct _xmlTextReader *r)
{
	return ks_xml_reader_state(r)->name;
}

/* ---- DOM ----------------------------------------------------------------- */

struct _xmlNode *
ks_xml_walk_next(const struct _xmlNode *root, struct _xmlNode *n)
{
	if (n->type == XML_ELEMENT_NODE && n->children != NULL)
		return n->children;
	while (n != root && n->next == NULL)
		n = n->parent;
	return n == root ? NULL : n->next;
}

/* SAX hook: any entity declaration stops the parse. */
static void
ks_xml_entity_decl(void *ctx, const xmlChar *name, int type,
    const xmlChar *publicId, const xmlChar *systemId, xmlChar *content)
{
	xmlParserCtxtPtr ctxt = ctx;

	if (ks_xml_cur != NULL)
		ks_xml_record(ks_xml_cur, KS_EPARSE, "%s:%d: document declares "
		    "entity '%s' in its DTD; refused", ks_xml_cur->name,
		    ctxt->input ? ctxt->input->line : 0, (const char *)name);
	xmlStopParser(ctxt);
}

/* True when a text, CDATA or attribute value node's content is too big. */
static bool
ks_xml_text_too_big(const xmlNode *n)
{
	const xmlAttr *a;

	if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE)
		return n->content != NULL &&
		    strlen((const char *)n->content) > KS_XML_MAX_TEXT;
	if (n->type != XML_ELEMENT_NODE)
		return false;
	for (a = n->properties; a != NULL; a = a->next)
		if (a->children != NULL && a->children->content != NULL &&
		    strlen((const char *)a->children->content) >
		    KS_XML_MAX_TEXT)
			return true;
	return false;
}

/*
 * Checks the tree under root: element nesting at most KS_XML_MAX_DEPTH and,
 * when check_text (the document is big enough to hold one), no text over
 * KS_XML_MAX_TEXT. Iterative, so a deep tree cannot blow our stack. Returns
 * 0 or KS_ELIMIT with the message set.
 */
static int
ks_xml_tree_check(const xmlNode *root, const char *name, bool check_text)
{
	const xmlNode *n = root;
	int depth = 1;

	while (n != NULL) {
		if (n->type == XML_ELEMENT_NODE && depth > KS_XML_MAX_DEPTH) {
			ks_error_set("%s:%d: nesting deeper than %d", name,
			    n->line, KS_XML_MAX_DEPTH);
			return KS_ELIMIT;
		}
		if (check_text && ks_xml_text_too_big(n)) {
			ks_error_set("%s:%d: text larger than %u bytes", name,
			    n->line, KS_XML_MAX_TEXT);
			return KS_ELIMIT;
		}
		if (n->type == XML_ELEMENT_NODE && n->children != NULL) {
			n = n->children;
			depth++;
			continue;
		}
		while (n != NULL && n != root && n->next == NULL) {
			n = n->parent;
			depth--;
		}
		if (n == NULL || n == root)
			break;
		n = n->next;
	}
	return 0;
}

/*
 * What every parsed DOM must pass before a caller sees it: no entities
 * declared in its DTD, and the text cap (checked only when the input was
 * big enough to break it: the walk costs a tenth of a data stream's
 * parse). The depth cap was kept while parsing (ks_xml_start_ns). 0 or
 * KS_*.
 */
static int
ks_xml_doc_accept(xmlDocPtr doc, const char *name, size_t len)
{
	if (ks_xml_dtd_has_entities(doc->intSubset)) {
		ks_error_set("%s: document declares entities in its DTD; "
		    "refused", name);
		return KS_EPARSE;
	}
	if (len <= KS_XML_MAX_TEXT)
		return 0;
	return ks_xml_tree_check(xmlDocGetRootElement(doc), name, true);
}

/*
 * The DOM builder's start of an element, with the nesting cap: libxml2's
 * own stops one level deeper (257) and only where it checks. The parser
 * has pushed the element's ancestors, not the element, when it calls this.
 */
static void
ks_xml_start_ns(void *ctx, const xmlChar *localname, const xmlChar *prefix,
    const xmlChar *uri, int nb_namespaces, const xmlChar **namespaces,
    int nb_attributes, int nb_defaulted, const xmlChar **attributes)
{
	xmlParserCtxtPtr ctxt = ctx;

	if (ctxt->nameNr >= KS_XML_MAX_DEPTH) {
		if (ks_xml_cur != NULL)
			ks_xml_record(ks_xml_cur, KS_ELIMIT,
			    "%s:%d: nesting deeper than %d", ks_xml_cur->name,
			    xmlSAX2GetLineNumber(ctx), KS_XML_MAX_DEPTH);
		xmlStopParser(ctxt);
		return;
	}
	xmlSAX2StartElementNs(ctx, localname, prefix, uri, nb_namespaces,
	    namespaces, nb_attributes, nb_defaulted, attributes);
}

static int
ks_xml_doc_parse(struct _xmlDoc **out, const char *buf, size_t len,
    const char *name, struct _xmlDict *dict)
{
	struct ks_xml_state st;
	struct ks_xml_guard g;
	xmlParserCtxtPtr ctxt;
	xmlDocPtr doc = NULL;
	int rc = KS_ERROR;

	*out = NULL;
	memset(&st, 0, sizeof(st));
	st.name = (char *)(name != NULL ? name : "(memory)");
	if (len > INT_MAX || len > KS_XML_DOC_MAX) {
		ks_error_set("%s: document of %zu bytes is too large",
		    st.name, len);
		return KS_ELIMIT;
	}
	ks_xml_enter(&g, &st);
	if ((ctxt = xmlNewParserCtxt()) == NULL) {
		ks_xml_leave(&g);
		ks_error_set("%s: out of memory", st.name);
		return KS_ENOMEM;
	}
	ctxt->sax->entityDecl = ks_xml_entity_decl;
	ctxt->sax->startElementNs = ks_xml_start_ns;
	ctxt->sax->serror = ks_xml_ctxt_serror;
	if (dict != NULL) {
		/* The document takes the parser's dictionary. */
		xmlDictFree(ctxt->dict);
		ctxt->dict = dict;
		xmlDictReference(dict);
	}
	/* COMPACT keeps short text inside its node: a data stream's DOM is a
	 * third smaller and faster to build. Nobody edits text of a loaded
	 * document (COMPACT forbids it); copies are made with xmlDocCopyNode. */
	doc = xmlCtxtReadMemory(ctxt, len > 0 ? buf : "", (int)len, st.name,
	    NULL, KS_XML_OPTS | XML_PARSE_COMPACT);
	xmlFreeParserCtxt(ctxt);
	ks_xml_leave(&g);
	if (doc == NULL || st.rc != 0) {
		rc = ks_xml_fail(&st, 0);
		goto out;
	}
	if ((rc = ks_xml_doc_accept(doc, st.name, len)) != 0)
		goto out;
	*out = doc;
	doc = NULL;
	rc = 0;
out:
	xmlFreeDoc(doc);
	return rc;
}

/* ---- DOM from a file, pushed ------------------------------------------- */

struct ks_xml_push *
ks_xml_push_new(const char *name)
{
	struct ks_xml_push *p = ks_calloc(1, sizeof(*p));
	struct ks_xml_guard g;

	p->st.name = (char *)name;
	ks_xml_enter(&g, &p->st);
	p->ctxt = xmlCreatePushParserCtxt(NULL, NULL, NULL, 0, name);
	ks_xml_leave(&g);
	if (p->ctxt == NULL) {
		free(p);
		ks_error_set("%s: out of memory", name);
		return NULL;
	}
	p->ctxt->sax->entityDecl = ks_xml_entity_decl;
	p->ctxt->sax->startElementNs = ks_xml_start_ns;
	p->ctxt->sax->serror = ks_xml_ctxt_serror;
	/* COMPACT: see ks_xml_doc_parse. */
	(void)xmlCtxtUseOptions(p->ctxt, KS_XML_OPTS | XML_PARSE_COMPACT);
	p->chunk = ks_malloc(KS_XML_CHUNK);
	return p;
}

int
ks_xml_push_bytes(struct ks_xml_push *p, const char *buf, size_t n,
    bool last)
{
	struct ks_xml_guard g;

	if (p->stopped)
		return 0;
	p->total += n;
	if (p->total > KS_XML_DOC_MAX) {
		ks_error_set("%s: larger than the limit of %u bytes",
		    p->st.name, KS_XML_DOC_MAX);
		return KS_ELIMIT;
	}
	ks_xml_enter(&g, &p->st);
	if (xmlParseChunk(p->ctxt, buf, (int)n, last) != 0 || p->st.rc != 0)
		p->stopped = true;
	ks_xml_leave(&g);
	return 0;
}

int
ks_xml_push_fd(struct ks_xml_push *p, int fd, int64_t len, bool last)
{
	int rc;

	while (!p->stopped && len != 0) {
		size_t want = KS_XML_CHUNK;
		ssize_t n;

		if (len > 0 && (uint64_t)len < want)
			want = (size_t)len;
		n = read(fd, p->chunk, want);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return ks_file_errno("cannot read", p->st.name, errno);
		if (n == 0)
			break;
		if (len > 0)
			len -= n;
		if ((rc = ks_xml_push_bytes(p, p->chunk, (size_t)n,
		    false)) != 0)
			return rc;
	}
	return last ? ks_xml_push_bytes(p, NULL, 0, true) : 0;
}

void
ks_xml_push_free(struct ks_xml_push *p)
{
	if (p == NULL)
		return;
	xmlFreeDoc(p->ctxt->myDoc);
	p->ctxt->myDoc = NULL;
	xmlFreeParserCtxt(p->ctxt);
	free(p->chunk);
	free(p);
}

int
ks_xml_push_end(struct ks_xml_push *p, struct _xmlDoc **out)
{
	xmlDocPtr doc = p->ctxt->myDoc;
	int rc;

	*out = NULL;
	p->ctxt->myDoc = NULL;
	if (doc == NULL || p->st.rc != 0 || !p->ctxt->wellFormed) {
		rc = ks_xml_fail(&p->st, 0);
		goto out;
	}
	if ((rc = ks_xml_doc_accept(doc, p->st.name, p->total)) != 0)
		goto out;
	*out = doc;
	doc = NULL;
	rc = 0;
out:
	xmlFreeDoc(doc);
	ks_xml_push_free(p);
	return rc;
}

/*
 * Parses path as a DOM (caller frees with xmlFreeDoc). The file is read by
 * us (capped), so libxml2 opens nothing by itself, and fed to libxml2's
 * push parser in chunks: no copy of a big file is held next to its tree.
 * The same protections as ks_xml_doc_parse apply.
 */
int
ks_xml_doc_read_file(struct _xmlDoc **out, const char *path)
{
	struct ks_xml_push *p;
	int rc, fd;

	*out = NULL;
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return ks_file_errno("cannot open", path, errno);
	if ((p = ks_xml_push_new(path)) == NULL)
		rc = KS_ENOMEM;
	else if ((rc = ks_xml_push_fd(p, fd, -1, true)) != 0)
		ks_xml_push_free(p);
	else
		rc = ks_xml_push_end(p, out);
	close(fd);
	return rc;
}

int
ks_xml_doc_read_mem(struct _xmlDoc **out, const char *buf, size_t len,
    const char *name)
{
	return ks_xml_doc_parse(out, buf, len, name, NULL);
}

int
ks_xml_doc_read_mem_with(struct _xmlDoc **out, const char *buf, size_t len,
    const char *name, const struct _xmlDoc *like)
{
	return ks_xml_doc_parse(out, buf, len, name,
	    like != NULL ? like->dict : NULL);
}

char *
ks_xml_take(unsigned char *v)
{
	char *s;

	if (v == NULL)
		return NULL;
	s = ks_strdup((const char *)v);
	xmlFree(v);
	return s;
}
