/*
 * A big document's DOM parsed by two threads (ks_xml_doc_read_file_split):
 * the root's children from one near the middle to the last are parsed on a
 * thread of their own and moved into the tree the caller's thread parses.
 * Not a general parallel parser: it splits once, between two children of
 * the root, and keeps the split only when nothing tells the two apart.
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libxml/tree.h>
#include <libxml/dict.h>
#include <libxml/hash.h>
#include <libxml/parser.h>

#include "platform/base/base.h"
#include "platform/base/base_int.h"

/*
 * How it stays the same document:
 * - The thread parses a copy of everything up to the end of the root's
 *   start tag (the prolog and that tag, so the same encoding, namespaces
 *   and xml: attributes are in scope) with, before that tag, as many
 *   newlines as the bytes it skips hold (so every node has its line),
 *   then the bytes [b, e) and the root's end tag. b is where a child
 *   element named `child` starts; e is where the root's end tag starts.
 * - The caller's thread parses [0, b), then checks that the parser stands
 *   in the root's content with nothing but blanks left over: b was not
 *   inside a comment, a CDATA section, a processing instruction or a
 *   deeper element. Then it parses [e, end of file) and moves the thread's
 *   children in after its own last one.
 * - Anything else (a DTD, which could default attributes or declare ids;
 *   xml:id in the moved part; no such child; an error on either side)
 *   makes it one parse: the caller's parser goes on from b. A malformed
 *   document is parsed again from its start as ks_xml_doc_read_file
 *   parses it, whose message (even its wording, with libxml2's push
 *   parser) depends on where the chunks begin.
 * - The moved nodes take the caller's document and its dictionary's
 *   strings (libxml2 frees a name only when its document's dictionary does
 *   not own it), and the namespaces of the thread's root become the same
 *   ones of the caller's root.
 */
#define KS_XS_MIN	(1u << 20)	/* smaller: one parser */
#define KS_XS_HEAD	(64u << 10)	/* prolog and root's start tag */
#define KS_XS_TAIL	(64u << 10)	/* root's end tag to the end */
#define KS_XS_NAME	256		/* the root's qualified name */
/* Where b may be, in percent of the file, and where it is best: the
 * caller's thread also reads the benchmark and the thread compiles the
 * report's stylesheets meanwhile. */
#define KS_XS_LO	30
#define KS_XS_HI	90
#define KS_XS_AIM	55

static size_t ks_xs_min = KS_XS_MIN;
static atomic_uint ks_xs_kept;	/* splits kept, for tests */

struct ks_xs {
	const char	*path;
	int		 fd;
	uint64_t	 size;
	char		*head;		/* bytes [0, headlen) */
	size_t		 headlen;
	size_t		 rootat;	/* the root's start tag */
	uint64_t	 head_nl;	/* newlines in them */
	char		 qname[KS_XS_NAME];
	char		 tag[KS_XS_NAME + 64];	/* "<prefix:child" */
	size_t		 taglen;
	/* The thread's: b and e once known (b 0: no split), its tree. */
	pthread_mutex_t	 mu;
	pthread_cond_t	 cv;
	bool		 known;
	uint64_t	 b, e;
	xmlDoc		*doc;
	const struct ks_xml_split_hook *hook;
	bool		 hooked;	/* hook->moved was called */
	/* Its root's children once made the caller's document's (xs_ready):
	 * freed before that document, whose dictionary has their names. */
	xmlNode		*first, *last;
};

void
ks_xml_split_min_set(size_t bytes)
{
	ks_xs_min = bytes != 0 ? bytes : KS_XS_MIN;
}

unsigned
ks_xml_split_kept(void)
{
	return ks_xs_kept;
}

static bool
xs_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* After a name: a blank, '>' or '/'. */
static bool
xs_name_end(char c)
{
	return xs_blank(c) || c == '>' || c == '/';
}

/*
 * Finds the end of the root's start tag in buf: a BOM, an XML declaration,
 * comments and processing instructions may come first; a DOCTYPE means no
 * split. The parsers check the syntax; this only has to find the '>'.
 */
static bool
xs_head(struct ks_xs *s, const char *buf, size_t n)
{
	const char *p = buf, *e = buf + n, *q, *name;

	if (n >= 3 && memcmp(p, "\xef\xbb\xbf", 3) == 0)
		p += 3;
	for (;;) {
		while (p < e && xs_blank(*p))
			p++;
		if (e - p < 2 || *p != '<')
			return false;
		if (p[1] == '?') {
			if ((q = memmem(p + 2, (size_t)(e - p - 2), "?>", 2)) ==
			    NULL)
				return false;
			p = q + 2;
		} else if (e - p >= 4 && memcmp(p, "<!--", 4) == 0) {
			if ((q = memmem(p + 4, (size_t)(e - p - 4), "-->",
			    3)) == NULL)
				return false;
			p = q + 3;
		} else if (p[1] == '!') {
			return false;
		} else {
			break;
		}
	}
	s->rootat = (size_t)(p - buf);
	name = ++p;
	while (p < e && !xs_name_end(*p))
		p++;
	if (p == name || p - name >= KS_XS_NAME || p == e)
		return false;
	memcpy(s->qname, name, (size_t)(p - name));
	s->qname[p - name] = '\0';
	for (;;) {
		while (p < e && xs_blank(*p))
			p++;
		if (p == e || *p == '/')
			return false;
		if (*p == '>')
			break;
		while (p < e && *p != '=')
			p++;
		p++;
		while (p < e && xs_blank(*p))
			p++;
		if (p >= e || (*p != '"' && *p != '\''))
			return false;
		if ((q = memchr(p + 1, *p, (size_t)(e - p - 1))) == NULL)
			return false;
		p = q + 1;
	}
	s->headlen = (size_t)(p + 1 - buf);
	for (q = buf; q < p; q++)
		s->head_nl += *q == '\n';
	return true;
}

static void
xs_free(struct ks_xs *s)
{
	if (s == NULL)
		return;
	pthread_mutex_destroy(&s->mu);
	pthread_cond_destroy(&s->cv);
	xmlFreeNodeList(s->first);
	xmlFreeDoc(s->doc);
	free(s->head);
	free(s);
}

/* A split of fd's file worth trying, or NULL. */
static struct ks_xs *
xs_new(int fd, const char *path, const char *child)
{
	const char *env = getenv("KENSA_XML_THREADS");
	struct ks_xs *s;
	struct stat sb;
	const char *colon;
	ssize_t n;
	int w;

	if ((env != NULL && strcmp(env, "1") == 0) ||
	    sysconf(_SC_NPROCESSORS_ONLN) < 2 || fstat(fd, &sb) != 0 ||
	    !S_ISREG(sb.st_mode) || (uint64_t)sb.st_size < ks_xs_min ||
	    (uint64_t)sb.st_size > KS_XML_DOC_MAX)
		return NULL;
	s = ks_calloc(1, sizeof(*s));
	s->path = path;
	s->fd = fd;
	s->size = (uint64_t)sb.st_size;
	pthread_mutex_init(&s->mu, NULL);
	pthread_cond_init(&s->cv, NULL);
	s->head = ks_malloc(KS_XS_HEAD);
	n = pread(fd, s->head, KS_XS_HEAD, 0);
	if (n <= 0 || !xs_head(s, s->head, (size_t)n))
		goto no;
	colon = strchr(s->qname, ':');
	w = snprintf(s->tag, sizeof(s->tag), "<%.*s%s%s",
	    colon != NULL ? (int)(colon - s->qname) : 0, s->qname,
	    colon != NULL ? ":" : "", child);
	if (w < 0 || (size_t)w >= sizeof(s->tag))
		goto no;
	s->taglen = (size_t)w;
	return s;
no:
	xs_free(s);
	return NULL;
}

/* The start of the `child` element nearest KS_XS_AIM % of the file,
 * between KS_XS_LO and KS_XS_HI %; 0 when there is none. */
static uint64_t
xs_find_b(struct ks_xs *s, char *buf)
{
	uint64_t off = s->size * KS_XS_LO / 100, hi = s->size * KS_XS_HI / 100;
	uint64_t aim = s->size * KS_XS_AIM / 100, best = 0;

	while (off < hi) {
		ssize_t n = pread(s->fd, buf, KS_XML_CHUNK, (off_t)off);
		const char *p = buf, *q;

		if (n <= (ssize_t)s->taglen)
			break;
		while ((q = memmem(p, (size_t)(buf + n - p), s->tag,
		    s->taglen)) != NULL) {
			uint64_t pos = off + (uint64_t)(q - buf);

			/* The byte after the name is in the next window. */
			if (q + s->taglen >= buf + n || pos >= hi)
				break;
			p = q + 1;
			if (!xs_name_end(q[s->taglen]))
				continue;
			if (best == 0 || (pos > aim ? pos - aim : aim - pos) <
			    (best > aim ? best - aim : aim - best))
				best = pos;
			if (pos >= aim)
				return best;
		}
		/* A name across the window's end is found in the next. */
		off += (uint64_t)n - s->taglen;
	}
	return best;
}

/* Where the root's last end tag starts, after b; 0 when it is not in the
 * file's last KS_XS_TAIL bytes. */
static uint64_t
xs_find_e(struct ks_xs *s, uint64_t b, char *buf)
{
	uint64_t off = s->size > KS_XS_TAIL ? s->size - KS_XS_TAIL : 0, e = 0;
	size_t qlen = strlen(s->qname);
	ssize_t n = pread(s->fd, buf, KS_XS_TAIL, (off_t)off);
	const char *p = buf, *q;

	if (n <= 0)
		return 0;
	while ((q = memmem(p, (size_t)(buf + n - p), "</", 2)) != NULL) {
		p = q + 2;
		if ((size_t)(buf + n - p) > qlen &&
		    memcmp(p, s->qname, qlen) == 0 &&
		    (xs_blank(p[qlen]) || p[qlen] == '>'))
			e = off + (uint64_t)(q - buf);
	}
	return e > b ? e : 0;
}

/* Newlines in the file's [0, b). */
static int
xs_count_nl(struct ks_xs *s, uint64_t b, char *buf, uint64_t *nl)
{
	uint64_t off = 0;

	*nl = 0;
	while (off < b) {
		size_t want = b - off < KS_XML_CHUNK ? (size_t)(b - off) :
		    KS_XML_CHUNK;
		ssize_t n = pread(s->fd, buf, want, (off_t)off);
		const char *p = buf, *e;

		if (n <= 0)
			return KS_ERROR;
		e = buf + n;
		while ((p = memchr(p, '\n', (size_t)(e - p))) != NULL) {
			(*nl)++;
			p++;
		}
		off += (uint64_t)n;
	}
	return 0;
}

/*
 * Whether the tree under root holds only what parsing the bytes in place
 * would have made the same: elements, text, comments, processing
 * instructions; no ids (xml:id), which belong to a document's table.
 */
static bool
xs_plain(xmlDoc *doc)
{
	xmlNode *root = xmlDocGetRootElement(doc), *n;

	if (root == NULL || root->children == NULL ||
	    (doc->ids != NULL && xmlHashSize(doc->ids) > 0) ||
	    doc->intSubset != NULL)
		return false;
	for (n = ks_xml_walk_next(root, root); n != NULL; ) {
		switch (n->type) {
		case XML_ELEMENT_NODE:
			for (xmlAttr *a = n->properties; a != NULL; a = a->next)
				for (xmlNode *t = a->children; t != NULL;
				    t = t->next)
					if (t->type != XML_TEXT_NODE)
						return false;
			break;
		case XML_TEXT_NODE:
		case XML_CDATA_SECTION_NODE:
		case XML_COMMENT_NODE:
		case XML_PI_NODE:
			break;
		default:
			return false;
		}
		n = ks_xml_walk_next(root, n);
	}
	return true;
}

/* The thread's document: head, padding, [b, e), the root's end tag; NULL
 * on any error (one parse then reports it). */
static xmlDoc *
xs_parse(struct ks_xs *s, uint64_t pad, char *buf)
{
	struct ks_xml_push *p = ks_xml_push_new(s->path);
	xmlDoc *doc = NULL;
	uint64_t off = s->b;
	char end[KS_XS_NAME + 4];
	int rc = 0;

	if (p == NULL)
		return NULL;
	/* The prolog, blank lines (allowed where the prolog ends), the
	 * root's start tag. */
	rc = ks_xml_push_bytes(p, s->head, s->rootat, false);
	memset(buf, '\n', KS_XML_CHUNK);
	while (rc == 0 && pad > 0) {
		size_t k = pad < KS_XML_CHUNK ? (size_t)pad : KS_XML_CHUNK;

		rc = ks_xml_push_bytes(p, buf, k, false);
		pad -= k;
	}
	if (rc == 0)
		rc = ks_xml_push_bytes(p, s->head + s->rootat,
		    s->headlen - s->rootat, false);
	while (rc == 0 && !p->stopped && off < s->e) {
		size_t want = s->e - off < KS_XML_CHUNK ?
		    (size_t)(s->e - off) : KS_XML_CHUNK;
		ssize_t n = pread(s->fd, buf, want, (off_t)off);

		if (n <= 0)
			rc = KS_ERROR;
		else
			rc = ks_xml_push_bytes(p, buf, (size_t)n, false);
		off += n > 0 ? (uint64_t)n : 0;
	}
	snprintf(end, sizeof(end), "</%s>", s->qname);
	if (rc == 0)
		rc = ks_xml_push_bytes(p, end, strlen(end), true);
	if (rc != 0 || p->stopped) {
		ks_xml_push_free(p);
		return NULL;
	}
	if (ks_xml_push_end(p, &doc) != 0)
		return NULL;
	if (!xs_plain(doc)) {
		xmlFreeDoc(doc);
		return NULL;
	}
	return doc;
}

static void
xs_publish(struct ks_xs *s, uint64_t b, uint64_t e)
{
	pthread_mutex_lock(&s->mu);
	s->b = b;
	s->e = e;
	s->known = true;
	pthread_cond_signal(&s->cv);
	pthread_mutex_unlock(&s->mu);
}

static void *
xs_run(void *arg)
{
	struct ks_xs *s = arg;
	char *buf = ks_malloc(KS_XML_CHUNK > KS_XS_TAIL ? KS_XML_CHUNK :
	    KS_XS_TAIL);
	uint64_t b, e = 0, nl;

	if ((b = xs_find_b(s, buf)) != 0 && (e = xs_find_e(s, b, buf)) == 0)
		b = 0;
	xs_publish(s, b, e);
	if (b != 0 && xs_count_nl(s, b, buf, &nl) == 0 && nl >= s->head_nl)
		s->doc = xs_parse(s, nl - s->head_nl, buf);
	if (s->doc != NULL && s->hook != NULL && s->hook->moved != NULL) {
		xmlNode *root = xmlDocGetRootElement(s->doc);

		for (xmlNode *k = root->children; k != NULL; k = k->next)
			if (k->type == XML_ELEMENT_NODE)
				s->hook->moved(k, s->hook->payload);
		s->hooked = true;
	}
	free(buf);
	return NULL;
}

/* ---- moving the thread's nodes in ---------------------------------------- */

/* The thread's dictionary strings -> the caller's: a table of pointers. */
struct xs_remap {
	xmlDict		*from, *to;
	const xmlChar	**k, **v;
	size_t		 cap, n;
	xmlNs		*nsfrom, *nsto;	/* the roots' namespaces */
	xmlNs		*xmlfrom, *xmlto;	/* the documents' xml: */
	xmlDoc		*doc;
};

static size_t
xs_slot(const struct xs_remap *r, const xmlChar *p)
{
	size_t h = (size_t)(((uintptr_t)p >> 3) * 0x9E3779B97F4A7C15ull);

	for (h &= r->cap - 1; r->k[h] != NULL && r->k[h] != p;
	    h = (h + 1) & (r->cap - 1))
		;
	return h;
}

static const xmlChar *
xs_str(struct xs_remap *r, const xmlChar *p, const void *inl)
{
	const xmlChar *v;
	size_t h;

	if (p == NULL || (const void *)p == inl)
		return p;
	h = xs_slot(r, p);
	if (r->k[h] == p)
		return r->v[h];
	/* Not the thread's dictionary's: the node's own, moved with it. */
	if (xmlDictOwns(r->from, p) != 1)
		return p;
	if ((v = xmlDictLookup(r->to, p, -1)) == NULL)
		ks_oom();
	if (2 * (r->n + 1) > r->cap) {
		const xmlChar **ok = r->k, **ov = r->v;
		size_t ocap = r->cap;

		r->cap *= 2;
		r->k = ks_calloc(r->cap, sizeof(*r->k));
		r->v = ks_calloc(r->cap, sizeof(*r->v));
		for (size_t i = 0; i < ocap; i++)
			if (ok[i] != NULL) {
				size_t j = xs_slot(r, ok[i]);

				r->k[j] = ok[i];
				r->v[j] = ov[i];
			}
		free(ok);
		free(ov);
		h = xs_slot(r, p);
	}
	r->k[h] = p;
	r->v[h] = v;
	r->n++;
	return v;
}

static xmlNs *
xs_ns(const struct xs_remap *r, xmlNs *ns)
{
	xmlNs *f = r->nsfrom, *t = r->nsto;

	if (ns != NULL && ns == r->xmlfrom)
		return r->xmlto;
	for (; f != NULL; f = f->next, t = t->next)
		if (f == ns)
			return t;
	return ns;
}

/* Text content: inline (XML_PARSE_COMPACT), the dictionary's or its own. */
static void
xs_text(struct xs_remap *r, xmlNode *t)
{
	t->doc = r->doc;
	t->content = (xmlChar *)xs_str(r, t->content, &t->properties);
}

static void
xs_move_tree(struct xs_remap *r, xmlNode *top)
{
	xmlNode *n = top;

	while (n != NULL) {
		n->doc = r->doc;
		if (n->type == XML_ELEMENT_NODE) {
			n->name = xs_str(r, n->name, NULL);
			n->ns = xs_ns(r, n->ns);
			for (xmlAttr *a = n->properties; a != NULL;
			    a = a->next) {
				a->doc = r->doc;
				a->name = xs_str(r, a->name, NULL);
				a->ns = xs_ns(r, a->ns);
				for (xmlNode *t = a->children; t != NULL;
				    t = t->next)
					xs_text(r, t);
			}
		} else if (n->type == XML_PI_NODE) {
			n->name = xs_str(r, n->name, NULL);
			n->content = (xmlChar *)xs_str(r, n->content, NULL);
		} else {
			xs_text(r, n);
		}
		n = ks_xml_walk_next(top, n);
	}
}

/* Same prefixes and URIs in the same order: the same start tag parsed. */
static bool
xs_ns_same(const xmlNs *a, const xmlNs *b)
{
	for (; a != NULL && b != NULL; a = a->next, b = b->next)
		if (!xmlStrEqual(a->prefix, b->prefix) ||
		    !xmlStrEqual(a->href, b->href))
			return false;
	return a == NULL && b == NULL;
}

/*
 * Whether the caller's parser stands in the root's content after [0, b)
 * with only blanks unread, and the thread's root matches it; if so the
 * thread's root's children are made the caller's document's and taken
 * out of the thread's document (s->first..s->last), which is freed; not
 * yet linked: the parser still has to add the blanks before them.
 */
static bool
xs_ready(struct ks_xml_push *p, struct ks_xs *s)
{
	xmlParserCtxt *c = p->ctxt;
	xmlNode *root, *troot;
	struct xs_remap r;

	if (s->doc == NULL || p->stopped || p->total != s->b ||
	    !c->wellFormed || c->nameNr != 1 || c->inputNr != 1 ||
	    c->instate != XML_PARSER_CONTENT || c->myDoc == NULL ||
	    c->myDoc->intSubset != NULL || c->input == NULL ||
	    c->input->cur == NULL || c->input->end == NULL)
		return false;
	for (const xmlChar *q = c->input->cur; q < c->input->end; q++)
		if (!xs_blank((char)*q))
			return false;
	root = xmlDocGetRootElement(c->myDoc);
	troot = xmlDocGetRootElement(s->doc);
	if (root == NULL || troot == NULL || c->node != root ||
	    !xmlStrEqual(root->name, troot->name) ||
	    !xs_ns_same(root->nsDef, troot->nsDef) ||
	    c->myDoc->dict == NULL || s->doc->dict == NULL)
		return false;
	memset(&r, 0, sizeof(r));
	r.from = s->doc->dict;
	r.to = c->myDoc->dict;
	r.doc = c->myDoc;
	r.nsfrom = troot->nsDef;
	r.nsto = root->nsDef;
	/* xml:lang and the like name the document's own xml namespace. */
	if ((r.xmlfrom = s->doc->oldNs) != NULL &&
	    (r.xmlto = xmlSearchNs(c->myDoc, root, BAD_CAST "xml")) == NULL)
		return false;
	r.cap = 1024;
	r.k = ks_calloc(r.cap, sizeof(*r.k));
	r.v = ks_calloc(r.cap, sizeof(*r.v));
	for (xmlNode *k = troot->children; k != NULL; k = k->next) {
		xs_move_tree(&r, k);
		k->parent = NULL;
	}
	free(r.k);
	free(r.v);
	s->first = troot->children;
	s->last = troot->last;
	troot->children = troot->last = NULL;
	xmlFreeDoc(s->doc);
	s->doc = NULL;
	return true;
}

/* The thread's root's children after the caller's root's last child. */
static void
xs_link(xmlDoc *doc, struct ks_xs *s)
{
	xmlNode *root = xmlDocGetRootElement(doc);
	xmlNode *first = s->first, *last = s->last;

	s->first = s->last = NULL;
	for (xmlNode *k = first; k != NULL; k = k->next)
		k->parent = root;
	first->prev = root->last;
	if (root->last != NULL)
		root->last->next = first;
	else
		root->children = first;
	root->last = last;
}

int
ks_xml_doc_read_file_split(struct _xmlDoc **out, const char *path,
    const char *child, const struct ks_xml_split_hook *hook)
{
	struct ks_xml_push *p = NULL;
	struct ks_xs *s = NULL;
	pthread_t th;
	bool started = false;
	uint64_t lo;
	int rc = KS_ERROR, fd;

	*out = NULL;
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return ks_file_errno("cannot open", path, errno);
	if ((p = ks_xml_push_new(path)) == NULL) {
		rc = KS_ENOMEM;
		goto out;
	}
	if ((s = xs_new(fd, path, child)) != NULL) {
		s->hook = hook;
		started = pthread_create(&th, NULL, xs_run, s) == 0;
	}
	if (!started) {
		if ((rc = ks_xml_push_fd(p, fd, -1, true)) != 0)
			goto out;
		goto end;
	}
	/* Up to where b may be; then to b, once the thread knows it. */
	lo = s->size * KS_XS_LO / 100;
	if ((rc = ks_xml_push_fd(p, fd, (int64_t)lo, false)) != 0)
		goto out;
	pthread_mutex_lock(&s->mu);
	while (!s->known)
		pthread_cond_wait(&s->cv, &s->mu);
	pthread_mutex_unlock(&s->mu);
	if (s->b != 0 && (rc = ks_xml_push_fd(p, fd, (int64_t)(s->b - lo),
	    false)) != 0)
		goto out;
	pthread_join(th, NULL);
	started = false;
	if (s->b == 0 || !xs_ready(p, s)) {
		/* One parse, from where the caller's is. */
		if ((rc = ks_xml_push_fd(p, fd, -1, true)) != 0)
			goto out;
	} else {
		if (lseek(fd, (off_t)s->e, SEEK_SET) < 0) {
			rc = ks_file_errno("cannot read", path, errno);
			goto out;
		}
		if ((rc = ks_xml_push_fd(p, fd, -1, true)) != 0)
			goto out;
		if (!p->stopped && p->ctxt->wellFormed &&
		    p->ctxt->myDoc != NULL) {
			xs_link(p->ctxt->myDoc, s);
			s->hooked = false;
			ks_xs_kept++;
			/* The moved part was fed to the other parser: the
			 * size caps count the whole file. */
			p->total = s->size;
			goto end;
		}
	}
	if (!p->stopped && p->ctxt->wellFormed && p->ctxt->myDoc != NULL)
		goto end;
	/* A malformed document: its message depends on where libxml2's push
	 * parser was handed each chunk, so it is parsed again as
	 * ks_xml_doc_read_file parses it. */
	if (s->hooked && s->hook->dropped != NULL)
		s->hook->dropped(s->hook->payload);
	xs_free(s);
	s = NULL;
	ks_xml_push_free(p);
	if ((p = ks_xml_push_new(path)) == NULL) {
		rc = KS_ENOMEM;
		goto out;
	}
	if (lseek(fd, 0, SEEK_SET) < 0) {
		rc = ks_file_errno("cannot read", path, errno);
		goto out;
	}
	if ((rc = ks_xml_push_fd(p, fd, -1, true)) != 0)
		goto out;
end:
	rc = ks_xml_push_end(p, out);
	p = NULL;
out:
	if (started)
		pthread_join(th, NULL);
	if (s != NULL && s->hooked && s->hook->dropped != NULL)
		s->hook->dropped(s->hook->payload);
	/* The moved nodes first: they use p's document's dictionary. */
	xs_free(s);
	ks_xml_push_free(p);
	close(fd);
	return rc;
}
