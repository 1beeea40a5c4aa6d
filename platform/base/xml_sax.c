/*
 * The SAX2 door for big XML documents: runs libxml2's parser over 256 KiB
 * reads and forwards element and text events to the caller, with
 * the protections of xml.c (no network, no DTD, no entity declarations,
 * depth and text caps, first error as "FILE:LINE:COL: message"). It knows
 * no vocabulary and keeps nothing of the document.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/entities.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>

#include "platform/base/base.h"
#include "platform/base/base_int.h"
#include "platform/base/xml_sax.h"

#define KS_SAX_CHUNK	(256u << 10)

struct ks_xml_sax {
	xmlParserCtxtPtr	 ctxt;
	const xmlSAXHandler	*user;
	void			*payload;
	const char		*name;
	char			 err[1024];	/* first error, formatted */
	int			 rc;		/* its code; 0: none */
	bool			 user_stop;	/* rc came from a callback */
	int			 depth;		/* open elements */
	size_t			 textlen;	/* the current run of text */
	const xmlNode		*node;		/* replay: the element */
};

static _Thread_local struct ks_xml_sax *ks_sax_cur;

static void
sax_record(struct ks_xml_sax *p, int rc, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Records the first error and stops the parser (no callback after it). */
static void
sax_record(struct ks_xml_sax *p, int rc, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (p->rc == 0) {
		va_start(ap, fmt);
		n = vsnprintf(p->err, sizeof(p->err), fmt, ap);
		va_end(ap);
		if (n < 0)
			snprintf(p->err, sizeof(p->err), "%s: XML error",
			    p->name);
		p->rc = rc;
	}
}

static int
sax_line(const struct ks_xml_sax *p)
{
	if (p->ctxt == NULL)	/* a replay: the DOM's line */
		return p->node != NULL ? (int)xmlGetLineNo(p->node) : 0;
	return p->ctxt->input != NULL ? p->ctxt->input->line : 0;
}

/* Folds libxml2's multi-line messages into one line, trims the end. */
/* libxml2's structured errors (warnings ignored), as xml.c words them. */
static void
sax_serror(void *arg, xmlErrorPtr e)
{
	struct ks_xml_sax *p = arg;
	char msg[512];
	bool depth;
	int rc;

	if (e == NULL || e->level < XML_ERR_ERROR || p->rc != 0)
		return;
	rc = ks_xml_error_word(e, msg, sizeof(msg), &depth);
	if (depth) {
		sax_record(p, rc, "%s:%d: nesting deeper than %d",
		    p->name, e->line, KS_XML_MAX_DEPTH);
		return;
	}
	sax_record(p, rc, "%s:%d:%d: %s", p->name, e->line, e->int2, msg);
}

/* Whatever libxml2 prints through its generic channel (I/O) is kept off
 * stderr while we parse; the first message becomes the error. */
static void
sax_generic(void *ctx, const char *fmt, ...)
{
	struct ks_xml_sax *p = ks_sax_cur;
	char msg[512];
	va_list ap;

	if (p == NULL || p->rc != 0)
		return;
	va_start(ap, fmt);
	if (vsnprintf(msg, sizeof(msg), fmt, ap) < 0)
		snprintf(msg, sizeof(msg), "XML error");
	va_end(ap);
	ks_xml_oneline(msg);
	if (msg[0] != '\0')
		sax_record(p, KS_EPARSE, "%s: %s", p->name, msg);
}

/* True (and the parser stopped) once anything failed. */
static bool
sax_failed(struct ks_xml_sax *p)
{
	if (p->rc == 0)
		return false;
	if (p->ctxt != NULL)
		xmlStopParser(p->ctxt);
	return true;
}

/* Any entity declaration (general, parameter, unparsed) stops the parse:
 * billion laughs, external entities and their friends never start. */
static void
sax_entity_decl(void *arg, const xmlChar *name, int type,
    const xmlChar *publicId, const xmlChar *systemId, xmlChar *content)
{
	struct ks_xml_sax *p = arg;

	sax_record(p, KS_EPARSE, "%s:%d: document declares entities in its "
	    "DTD; refused", p->name, sax_line(p));
	sax_failed(p);
}

static void
sax_unparsed_entity_decl(void *arg, const xmlChar *name,
    const xmlChar *publicId, const xmlChar *systemId,
    const xmlChar *notationName)
{
	sax_entity_decl(arg, name, 0, publicId, systemId, NULL);
}

/* Only the five predefined entities exist. */
static xmlEntityPtr
sax_get_entity(void *arg, const xmlChar *name)
{
	return xmlGetPredefinedEntity(name);
}

static void
sax_start(void *arg, const xmlChar *localname, const xmlChar *prefix,
    const xmlChar *URI, int nb_namespaces, const xmlChar **namespaces,
    int nb_attributes, int nb_defaulted, const xmlChar **attributes)
{
	struct ks_xml_sax *p = arg;

	if (sax_failed(p))
		return;
	if (p->depth >= KS_XML_MAX_DEPTH) {
		sax_record(p, KS_ELIMIT, "%s:%d: nesting deeper than %d",
		    p->name, sax_line(p), KS_XML_MAX_DEPTH);
		sax_failed(p);
		return;
	}
	p->depth++;
	p->textlen = 0;
	if (p->user->startElementNs != NULL)
		p->user->startElementNs(p->payload, localname, prefix, URI,
		    nb_namespaces, namespaces, nb_attributes, nb_defaulted,
		    attributes);
}

static void
sax_end(void *arg, const xmlChar *localname, const xmlChar *prefix,
    const xmlChar *URI)
{
	struct ks_xml_sax *p = arg;

	if (sax_failed(p))
		return;
	p->depth--;
	p->textlen = 0;
	if (p->user->endElementNs != NULL)
		p->user->endElementNs(p->payload, localname, prefix, URI);
}

static bool
sax_text_ok(struct ks_xml_sax *p, int len)
{
	if (sax_failed(p))
		return false;
	p->textlen += (size_t)len;
	if (p->textlen > KS_XML_MAX_TEXT) {
		sax_record(p, KS_ELIMIT, "%s:%d: text larger than %u bytes",
		    p->name, sax_line(p), KS_XML_MAX_TEXT);
		sax_failed(p);
		return false;
	}
	return true;
}

static void
sax_characters(void *arg, const xmlChar *ch, int len)
{
	struct ks_xml_sax *p = arg;

	if (sax_text_ok(p, len) && p->user->characters != NULL)
		p->user->characters(p->payload, ch, len);
}

static void
sax_cdata(void *arg, const xmlChar *ch, int len)
{
	struct ks_xml_sax *p = arg;

	if (!sax_text_ok(p, len))
		return;
	if (p->user->cdataBlock != NULL)
		p->user->cdataBlock(p->payload, ch, len);
	else if (p->user->characters != NULL)
		p->user->characters(p->payload, ch, len);
}

/* Our handler: no internalSubset/externalSubset, so no DTD is ever read;
 * no startDocument, so libxml2 builds no tree. */
static void
sax_handler(xmlSAXHandler *h)
{
	memset(h, 0, sizeof(*h));
	h->initialized = XML_SAX2_MAGIC;
	h->startElementNs = sax_start;
	h->endElementNs = sax_end;
	h->characters = sax_characters;
	h->ignorableWhitespace = sax_characters;
	h->cdataBlock = sax_cdata;
	h->entityDecl = sax_entity_decl;
	h->unparsedEntityDecl = sax_unparsed_entity_decl;
	h->getEntity = sax_get_entity;
	h->serror = sax_serror;
}

/* Where libxml2's reads come from: the file through our 256 KiB buffer
 * (few syscalls), or the caller's memory. */
struct sax_src {
	FILE		*fp;
	const char	*buf;
	size_t		 len, off;
	bool		 ioerr;
};

static int
sax_read(void *arg, char *out, int n)
{
	struct sax_src *src = arg;
	size_t k;

	if (n <= 0)
		return 0;
	if (src->fp != NULL) {
		k = fread(out, 1, (size_t)n, src->fp);
		if (k == 0 && ferror(src->fp)) {
			src->ioerr = true;
			return -1;
		}
		return (int)k;
	}
	k = src->len - src->off;
	if (k > (size_t)n)
		k = (size_t)n;
	memcpy(out, src->buf + src->off, k);
	src->off += k;
	return (int)k;
}

static int
sax_close(void *arg)
{
	return 0;
}

/*
 * One parse of src. libxml2's pull parser over our read callback: it
 * runs a fifth faster than its push parser on big feeds, and both report
 * the same errors.
 */
static int
sax_run(const char *name, struct sax_src *src, const xmlSAXHandler *user,
    void *payload)
{
	struct ks_xml_sax p, *prev = ks_sax_cur;
	xmlGenericErrorFunc gfunc;
	void *gctx;
	xmlSAXHandler h;
	int rc = KS_ERROR, ret;

	memset(&p, 0, sizeof(p));
	p.name = name;
	p.user = user;
	p.payload = payload;
	sax_handler(&h);
	ks_xml_init();
	gfunc = xmlGenericError;
	gctx = xmlGenericErrorContext;
	xmlSetGenericErrorFunc(NULL, sax_generic);
	ks_sax_cur = &p;
	if (src->fp != NULL)
		setvbuf(src->fp, NULL, _IOFBF, KS_SAX_CHUNK);
	p.ctxt = xmlCreateIOParserCtxt(&h, &p, sax_read, sax_close, src,
	    XML_CHAR_ENCODING_NONE);
	if (p.ctxt == NULL) {
		ks_error_set("%s: out of memory", name);
		rc = KS_ENOMEM;
		goto out;
	}
	xmlCtxtUseOptions(p.ctxt, XML_PARSE_NONET);
	p.ctxt->replaceEntities = 0;
	p.ctxt->loadsubset = 0;
	p.ctxt->validate = 0;
	if (p.ctxt->input != NULL && p.ctxt->input->filename == NULL)
		p.ctxt->input->filename = (char *)xmlStrdup(
		    (const xmlChar *)name);
	ret = xmlParseDocument(p.ctxt);
	if (p.rc == 0 && src->ioerr)
		sax_record(&p, KS_ERROR, "%s: read error", name);
	if (p.rc == 0 && (ret != 0 || p.ctxt->wellFormed == 0))
		sax_record(&p, KS_EPARSE, "%s:%d: malformed XML", name,
		    sax_line(&p));
	if (p.rc != 0) {
		if (!p.user_stop)
			ks_error_set("%s", p.err);
		rc = p.rc;
		goto out;
	}
	rc = 0;
out:
	if (p.ctxt != NULL) {
		/* Entity declarations make libxml2 build a stand-in document
		 * "for expat compatibility" even in SAX mode. */
		xmlFreeDoc(p.ctxt->myDoc);
		p.ctxt->myDoc = NULL;
		xmlFreeParserCtxt(p.ctxt);
	}
	xmlSetGenericErrorFunc(gctx, gfunc);
	ks_sax_cur = prev;
	return rc;
}

int
ks_xml_sax_parse_file(const char *path, const xmlSAXHandler *h,
    void *payload)
{
	struct sax_src src;
	FILE *fp;
	int rc;

	if ((fp = fopen(path, "rb")) == NULL) {
		int err = errno;

		ks_error_set("cannot open %s: %s", path, strerror(err));
		return err == ENOENT || err == ENOTDIR ? KS_ENOTFOUND :
		    err == EACCES || err == EPERM ? KS_EPERM : KS_ERROR;
	}
	memset(&src, 0, sizeof(src));
	src.fp = fp;
	rc = sax_run(path, &src, h, payload);
	fclose(fp);
	return rc;
}

int
ks_xml_sax_parse_mem(const char *buf, size_t len, const char *name,
    const xmlSAXHandler *h, void *payload)
{
	struct sax_src src;

	if (name == NULL)
		name = "(memory)";
	if (len > INT_MAX) {
		ks_error_set("%s: document of %zu bytes is too large", name,
		    len);
		return KS_ELIMIT;
	}
	memset(&src, 0, sizeof(src));
	src.buf = len > 0 ? buf : "";
	src.len = len;
	return sax_run(name, &src, h, payload);
}

/* ---- replay of a DOM subtree ------------------------------------------- */

/* An attribute's value as the SAX2 parser hands it over: its text with
 * '&' written "&#38;" (what libxml2 does without entity substitution).
 * Borrowed from the DOM when it can be, else in *own (caller frees). */
static const xmlChar *
replay_value(const xmlAttr *a, xmlChar **own)
{
	const xmlNode *t = a->children;
	const xmlChar *v;
	xmlChar *o;
	size_t n = 0, amps = 0;

	*own = NULL;
	if (t == NULL)
		return (const xmlChar *)"";
	if (t->next == NULL && t->type == XML_TEXT_NODE &&
	    strchr((const char *)t->content, '&') == NULL)
		return t->content;
	*own = xmlNodeListGetString(a->doc, t, 1);
	if (*own == NULL)
		return (const xmlChar *)"";
	for (v = *own; *v; v++, n++)
		amps += *v == '&';
	if (amps == 0)
		return *own;
	o = xmlMalloc(n + 4 * amps + 1);
	if (o == NULL)
		return *own;	/* out of memory: the plain text */
	n = 0;
	for (v = *own; *v; v++) {
		if (*v == '&') {
			memcpy(o + n, "&#38;", 5);
			n += 5;
		} else {
			o[n++] = *v;
		}
	}
	o[n] = '\0';
	xmlFree(*own);
	*own = o;
	return o;
}

static void replay_elem(struct ks_xml_sax *p, const xmlNode *n, bool top);

static void
replay_children(struct ks_xml_sax *p, const xmlNode *n)
{
	for (const xmlNode *c = n->children; c != NULL && p->rc == 0;
	    c = c->next) {
		size_t len;

		switch (c->type) {
		case XML_ELEMENT_NODE:
			replay_elem(p, c, false);
			break;
		case XML_TEXT_NODE:
		case XML_CDATA_SECTION_NODE:
			if (c->content == NULL)
				break;
			/* libxml2 hands text over in runs of an int. */
			len = strlen((const char *)c->content);
			for (size_t off = 0; off < len && p->rc == 0;) {
				int k = len - off > (size_t)INT_MAX ?
				    INT_MAX : (int)(len - off);

				if (c->type == XML_TEXT_NODE)
					sax_characters(p, c->content + off, k);
				else
					sax_cdata(p, c->content + off, k);
				off += (size_t)k;
			}
			break;
		default:
			break;	/* comments, PIs: no callback for them */
		}
	}
}

static void
replay_elem(struct ks_xml_sax *p, const xmlNode *n, bool top)
{
	const xmlChar **ns = NULL, **attrs = NULL;
	xmlChar **own = NULL;
	xmlNsPtr *scope = NULL;
	int nns = 0, nattrs = 0, i;
	const xmlAttr *a;

	/* The subtree's root declares every namespace in scope, as a
	 * serialization of it would. */
	if (top && (scope = xmlGetNsList(n->doc, n)) != NULL)
		while (scope[nns] != NULL)
			nns++;
	else
		for (const xmlNs *d = n->nsDef; d != NULL; d = d->next)
			nns++;
	for (a = n->properties; a != NULL; a = a->next)
		nattrs++;
	ns = ks_calloc((size_t)nns * 2 + 1, sizeof(*ns));
	attrs = ks_calloc((size_t)nattrs * 5 + 1, sizeof(*attrs));
	own = ks_calloc((size_t)nattrs + 1, sizeof(*own));
	i = 0;
	if (scope != NULL)
		for (; i < nns; i++) {
			ns[2 * i] = scope[i]->prefix;
			ns[2 * i + 1] = scope[i]->href;
		}
	else
		for (const xmlNs *d = n->nsDef; d != NULL; d = d->next, i++) {
			ns[2 * i] = d->prefix;
			ns[2 * i + 1] = d->href;
		}
	for (a = n->properties, i = 0; a != NULL; a = a->next, i++) {
		const xmlChar *v = replay_value(a, &own[i]);

		attrs[5 * i] = a->name;
		attrs[5 * i + 1] = a->ns != NULL ? a->ns->prefix : NULL;
		attrs[5 * i + 2] = a->ns != NULL ? a->ns->href : NULL;
		attrs[5 * i + 3] = v;
		attrs[5 * i + 4] = v + strlen((const char *)v);
	}
	p->node = n;
	sax_start(p, n->name, n->ns != NULL ? n->ns->prefix : NULL,
	    n->ns != NULL ? n->ns->href : NULL, nns, ns, nattrs, 0, attrs);
	for (i = 0; i < nattrs; i++)
		xmlFree(own[i]);
	free(own);
	free(attrs);
	free(ns);
	xmlFree(scope);
	if (p->rc != 0)
		return;
	replay_children(p, n);
	if (p->rc != 0)
		return;
	p->node = n;
	sax_end(p, n->name, n->ns != NULL ? n->ns->prefix : NULL,
	    n->ns != NULL ? n->ns->href : NULL);
}

int
ks_xml_sax_replay(const xmlNode *root, const char *name,
    const xmlSAXHandler *h, void *payload)
{
	struct ks_xml_sax p, *prev = ks_sax_cur;
	int rc = 0;

	memset(&p, 0, sizeof(p));
	p.name = name != NULL ? name : "(memory)";
	p.user = h;
	p.payload = payload;
	if (root == NULL || root->type != XML_ELEMENT_NODE) {
		ks_error_set("%s: empty document", p.name);
		return KS_EPARSE;
	}
	ks_sax_cur = &p;
	replay_elem(&p, root, true);
	if (p.rc != 0) {
		if (!p.user_stop)
			ks_error_set("%s", p.err);
		rc = p.rc;
	}
	ks_sax_cur = prev;
	return rc;
}

int
ks_xml_sax_line(void)
{
	return ks_sax_cur != NULL ? sax_line(ks_sax_cur) : 0;
}

bool
ks_xml_sax_empty_tag(void)
{
	const xmlParserInput *in;

	/* libxml2's reader asks the same: the start tag just read ends in
	 * "/>" when the cursor is on it. A replay has no tags: an element
	 * without children is written <x/>. */
	if (ks_sax_cur == NULL)
		return false;
	if (ks_sax_cur->ctxt == NULL)
		return ks_sax_cur->node != NULL &&
		    ks_sax_cur->node->children == NULL;
	in = ks_sax_cur->ctxt->input;
	return in != NULL && in->cur != NULL && in->end - in->cur >= 2 &&
	    in->cur[0] == '/' && in->cur[1] == '>';
}

void
ks_xml_sax_stop(int rc)
{
	struct ks_xml_sax *p = ks_sax_cur;

	if (p == NULL || p->rc != 0)
		return;
	p->rc = rc < 0 ? rc : KS_ERROR;
	p->user_stop = true;
	if (p->ctxt != NULL)
		xmlStopParser(p->ctxt);
}

struct _xmlDict *
ks_xml_sax_dict_ref(void)
{
	xmlDictPtr dict;

	if (ks_sax_cur == NULL || ks_sax_cur->ctxt == NULL ||
	    (dict = ks_sax_cur->ctxt->dict) == NULL ||
	    xmlDictReference(dict) != 0)
		return NULL;
	return dict;
}

const char *
ks_xml_sax_name(void)
{
	return ks_sax_cur != NULL ? ks_sax_cur->name : "";
}
