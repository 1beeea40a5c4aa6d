/*
 * The SAX side of the definitions parser: checks the root element, follows
 * the sections of <oval_definitions> and records each of their elements
 * (and the generator) as a flat event list, which parse_defs.c and friends
 * then walk by descent. Recording one element at a time keeps memory flat
 * and skips libxml2's per-node tree; it interprets no OVAL itself.
 *
 * A big document is parsed by two threads: libxml2 and the recording on
 * the caller's, the model (oval_p_defs_item) on another, which takes the
 * recorded elements in document order through a bounded queue. libxml2's
 * tokenizing is most of a parse and cannot be split, so the model costs
 * no time of its own.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libxml/xmlstring.h>
#include <libxml/dict.h>

#include "oval/parse_int.h"
#include "platform/base/xml_sax.h"

/* Documents from this size on are parsed by two threads; smaller ones are
 * done before a thread would have started. KENSA_PARSE_PIPELINE=always or
 * never decides instead (the tests run both ways). */
#define PIPE_MIN_BYTES		(2u << 20)
/* Elements go over in batches (one lock and one wake-up each); the
 * buffers waiting for the model hold at most PIPE_MAX_BYTES. */
#define PIPE_BATCH_ITEMS	64u
#define PIPE_BATCH_BYTES	(1u << 20)
#define PIPE_MAX_BYTES		(4u << 20)

/* One recorded element on its way to the model: the recording buffers of
 * an oval_pctx, moved (buffers circulate: none is copied). */
struct rbuf {
	struct rbuf		*next;
	enum oval_psec		 sec;
	size_t			 bytes;		/* counted in the queue */
	struct oval_prec	 rec;
};

struct pipe {
	pthread_t		 th;
	pthread_mutex_t		 mu;
	pthread_cond_t		 more;		/* the model: an element */
	pthread_cond_t		 room;		/* the parse: room */
	struct rbuf		*head, *tail, *spare;
	size_t			 qbytes;
	bool			 done;		/* no more elements */
	int			 err;		/* the model's first failure */
	char			*msg;		/* and its message */
	struct oval_pctx	*c;		/* the model's context */
};

struct sax {
	struct oval_pctx	*c;		/* where elements are recorded */
	struct oval_pctx	*model;		/* oval_p_defs_item's */
	struct pipe		*pipe;		/* or NULL: one thread */
	struct _xmlDict		*dict;		/* referenced for the model */
	/* The batch being filled, and buffers to fill (pipe only). */
	struct rbuf		*bhead, *btail, *spare;
	size_t			 bitems, bbytes;
	int			 depth;		/* open elements */
	enum oval_psec		 sec;		/* the section we are in */
	enum oval_psec		 rec_sec;	/* what is being recorded */
	int			 rec_depth;	/* its depth; -1: none */
	bool			 root_seen;
	uint32_t		 stack[KS_XML_MAX_DEPTH + 1];	/* STARTs */
	int			 nstack;
};

static void
too_large(struct oval_pctx *c, const char *what)
{
	ks_error_set("%s:%d: element with more than %u %s", c->name,
	    ks_xml_sax_line(), what[0] == 'e' ? OVAL_P_MAX_EVENTS :
	    OVAL_P_MAX_DATA, what);
	ks_xml_sax_stop(KS_ELIMIT);
}

/* A new event at the end of the list; NULL (parse stopped) at the cap. */
static struct oval_pev *
ev_push(struct oval_pctx *c)
{
	if (c->rec.nev >= OVAL_P_MAX_EVENTS) {
		too_large(c, "events");
		return NULL;
	}
	if (c->rec.nev == c->rec.ev_cap)
		ks_grow(&c->rec.ev, &c->rec.ev_cap, c->rec.nev + 1, sizeof(*c->rec.ev));
	return &c->rec.ev[c->rec.nev++];
}

/* Room for n more bytes in data; false (parse stopped) at the cap. */
static bool
data_room(struct oval_pctx *c, size_t n)
{
	if (n > OVAL_P_MAX_DATA - c->rec.dlen) {
		too_large(c, "bytes");
		return false;
	}
	if (c->rec.dlen + n > c->rec.dcap)
		ks_grow(&c->rec.data, &c->rec.dcap, c->rec.dlen + n, 1);
	return true;
}

/*
 * Copies an attribute value. Without entity substitution libxml2 hands
 * '&' (from &amp; or &#38;) over as "&#38;" for the tree builder to decode
 * again; no other '&' can be in a value (entity declarations are refused),
 * so that sequence is turned back into the character.
 */
static bool
put_value(struct oval_pctx *c, const xmlChar *v, const xmlChar *end)
{
	size_t n = (size_t)(end - v), i;
	char *o;

	if (!data_room(c, n + 1))
		return false;
	o = c->rec.data + c->rec.dlen;
	if (memchr(v, '&', n) == NULL) {
		memcpy(o, v, n);
		o += n;
	} else {
		for (i = 0; i < n; i++) {
			*o++ = (char)v[i];
			if (v[i] == '&' && n - i >= 5 &&
			    memcmp(v + i, "&#38;", 5) == 0)
				i += 4;
		}
	}
	*o++ = '\0';
	c->rec.dlen = (size_t)(o - c->rec.data);
	return true;
}

static void
record_start(struct sax *s, int depth, const xmlChar *localname,
    const xmlChar *prefix, const xmlChar *URI, int nb_namespaces,
    const xmlChar **namespaces, int nb_attributes, int nb_defaulted,
    const xmlChar **attributes)
{
	struct oval_pctx *c = s->c;
	struct oval_pev *e;
	int i, n;

	if ((e = ev_push(c)) == NULL)
		return;
	e->type = OVAL_EV_START;
	e->depth = (uint16_t)depth;
	e->line = (uint32_t)ks_xml_sax_line();
	e->empty = ks_xml_sax_empty_tag();
	e->end = 0;
	e->local = (const char *)localname;
	e->prefix = (const char *)prefix;
	e->uri = (const char *)URI;
	e->off = e->len = 0;
	/* Defaulted attributes (from an internal DTD subset) are not the
	 * document's: the reader leaves them out too. */
	n = nb_attributes - nb_defaulted;
	e->attr0 = (uint32_t)c->rec.nxattrs;
	e->nattrs = (uint32_t)(n > 0 ? n : 0);
	e->ns0 = (uint32_t)c->rec.nxns;
	e->nns = (uint32_t)nb_namespaces;
	s->stack[s->nstack++] = (uint32_t)(c->rec.nev - 1);
	if (c->rec.nxattrs + (size_t)e->nattrs > c->rec.xattrs_cap)
		ks_grow(&c->rec.xattrs, &c->rec.xattrs_cap, c->rec.nxattrs + e->nattrs,
		    sizeof(*c->rec.xattrs));
	for (i = 0; i < n; i++) {
		const xmlChar **a = attributes + 5 * i;
		struct oval_pxattr *x = &c->rec.xattrs[c->rec.nxattrs++];

		x->local = (const char *)a[0];
		x->prefix = (const char *)a[1];
		x->uri = (const char *)a[2];
		x->off = c->rec.dlen;
		if (!put_value(c, a[3], a[4]))
			return;
	}
	if (nb_namespaces > 0 &&
	    c->rec.nxns + (size_t)nb_namespaces > c->rec.xns_cap)
		ks_grow(&c->rec.xns, &c->rec.xns_cap, c->rec.nxns + (size_t)nb_namespaces,
		    sizeof(*c->rec.xns));
	for (i = 0; i < nb_namespaces; i++) {
		c->rec.xns[c->rec.nxns].prefix = (const char *)namespaces[2 * i];
		c->rec.xns[c->rec.nxns].uri = (const char *)namespaces[2 * i + 1];
		c->rec.nxns++;
	}
}

static void
begin_record(struct sax *s, enum oval_psec sec, int depth)
{
	struct oval_pctx *c = s->c;

	c->rec.nev = c->rec.nxattrs = c->rec.nxns = c->rec.dlen = 0;
	s->nstack = 0;
	s->rec_sec = sec;
	s->rec_depth = depth;
}

static bool
is_def_ns(const xmlChar *uri)
{
	return uri != NULL && strcmp((const char *)uri, OVAL_NS_DEF) == 0;
}

/* The root must be oval-def:oval_definitions. */
static void
check_root(struct sax *s, const xmlChar *localname, const xmlChar *URI)
{
	struct oval_pctx *c = s->c;

	s->root_seen = true;
	if (is_def_ns(URI) &&
	    strcmp((const char *)localname, "oval_definitions") == 0)
		return;
	ks_error_set("%s:%d: not an OVAL definitions document (root "
	    "element %s%s%s)", c->name, ks_xml_sax_line(),
	    (const char *)localname, URI != NULL && *URI ? " in " : "",
	    URI != NULL ? (const char *)URI : "");
	ks_xml_sax_stop(KS_EPARSE);
}

static enum oval_psec
section_of(const xmlChar *localname)
{
	static const struct {
		const char	*name;
		enum oval_psec	 sec;
	} secs[] = {
		{ "generator", OVAL_PS_GENERATOR },
		{ "definitions", OVAL_PS_DEFS },
		{ "tests", OVAL_PS_TESTS },
		{ "objects", OVAL_PS_OBJS },
		{ "states", OVAL_PS_STATES },
		{ "variables", OVAL_PS_VARS },
	};
	size_t i;

	for (i = 0; i < sizeof(secs) / sizeof(secs[0]); i++)
		if (strcmp((const char *)localname, secs[i].name) == 0)
			return secs[i].sec;
	return OVAL_PS_NONE;
}

/* Moves the element recorded in c to b, and b's (emptied) buffers to c. */
static void
rbuf_swap(struct oval_pctx *c, struct rbuf *b)
{
	struct oval_prec t = b->rec;

	b->rec = c->rec;
	c->rec = t;
}

/* What the buffers of r hold (not what they use: they only grow). */
static size_t
prec_bytes(const struct oval_prec *r)
{
	return r->dcap + r->ev_cap * sizeof(*r->ev) +
	    r->xattrs_cap * sizeof(*r->xattrs) + r->xns_cap * sizeof(*r->xns);
}

static void
prec_free(struct oval_prec *r)
{
	free(r->ev);
	free(r->xattrs);
	free(r->xns);
	free(r->data);
	memset(r, 0, sizeof(*r));
}

static void
rbuf_free(struct rbuf *b)
{
	while (b != NULL) {
		struct rbuf *next = b->next;

		prec_free(&b->rec);
		free(b);
		b = next;
	}
}

/* The model's thread: every element in order, until the parse is done.
 * After a failure the rest is only taken off the queue. */
static void *
pipe_main(void *arg)
{
	struct pipe *p = arg;
	struct oval_pctx *c = p->c;

	pthread_mutex_lock(&p->mu);
	for (;;) {
		struct rbuf *batch, *b, *last = NULL;
		size_t bytes = 0;
		int err = p->err, rc;

		while (p->head == NULL && !p->done)
			pthread_cond_wait(&p->more, &p->mu);
		if ((batch = p->head) == NULL)
			break;
		p->head = p->tail = NULL;
		pthread_mutex_unlock(&p->mu);
		for (b = batch; b != NULL; b = b->next) {
			if (err == 0) {
				rbuf_swap(c, b);
				c->pos = 0;
				if ((rc = oval_p_defs_item(c, b->sec)) < 0) {
					err = rc;
					pthread_mutex_lock(&p->mu);
					p->err = rc;
					p->msg = ks_strdup(ks_error_msg());
					pthread_mutex_unlock(&p->mu);
				}
				/* Buffers circulate: one grown by a huge
				 * element would stay that big. */
				if (prec_bytes(&c->rec) > PIPE_BATCH_BYTES)
					prec_free(&c->rec);
			}
			bytes += b->bytes;
			b->rec.nev = b->rec.nxattrs = b->rec.nxns = 0;
			b->rec.dlen = 0;
			last = b;
		}
		pthread_mutex_lock(&p->mu);
		p->qbytes -= bytes;
		last->next = p->spare;
		p->spare = batch;
		pthread_cond_signal(&p->room);
	}
	pthread_mutex_unlock(&p->mu);
	return NULL;
}

/* Hands the batch over (waiting for room) and takes the buffers the
 * model is done with; the model's failure (< 0) when it has had one. */
static int
pipe_flush(struct sax *s)
{
	struct pipe *p = s->pipe;
	struct rbuf *b;
	int rc;

	if (s->bhead == NULL)
		return 0;
	pthread_mutex_lock(&p->mu);
	while (p->err == 0 && p->qbytes >= PIPE_MAX_BYTES)
		pthread_cond_wait(&p->room, &p->mu);
	if ((rc = p->err) == 0) {
		if (p->tail != NULL)
			p->tail->next = s->bhead;
		else
			p->head = s->bhead;
		p->tail = s->btail;
		p->qbytes += s->bbytes;
		pthread_cond_signal(&p->more);
		s->bhead = s->btail = NULL;
		s->bitems = s->bbytes = 0;
	}
	if (p->spare != NULL) {
		for (b = p->spare; b->next != NULL; b = b->next)
			;
		b->next = s->spare;
		s->spare = p->spare;
		p->spare = NULL;
	}
	pthread_mutex_unlock(&p->mu);
	return rc;
}

/* Moves the element just recorded into the batch for the model's thread;
 * the model's failure (< 0, its message kept for the end) when it has had
 * one. */
static int
pipe_push(struct sax *s)
{
	struct rbuf *b;

	if (s->dict == NULL)
		s->dict = ks_xml_sax_dict_ref();
	if ((b = s->spare) != NULL)
		s->spare = b->next;
	else
		b = ks_calloc(1, sizeof(*b));
	b->next = NULL;
	b->sec = s->rec_sec;
	rbuf_swap(s->c, b);
	b->bytes = sizeof(*b) + prec_bytes(&b->rec);
	if (s->btail != NULL)
		s->btail->next = b;
	else
		s->bhead = b;
	s->btail = b;
	s->bitems++;
	s->bbytes += b->bytes;
	if (s->bitems >= PIPE_BATCH_ITEMS || s->bbytes >= PIPE_BATCH_BYTES)
		return pipe_flush(s);
	return 0;
}

/* Whether a document of `size` bytes is parsed by two threads. */
static bool
pipe_wanted(size_t size)
{
	const char *v = getenv("KENSA_PARSE_PIPELINE");

	if (v != NULL && strcmp(v, "always") == 0)
		return true;
	if (v != NULL && strcmp(v, "never") == 0)
		return false;
	return size >= PIPE_MIN_BYTES && sysconf(_SC_NPROCESSORS_ONLN) > 1;
}

/* Starts the model's thread for s; false (s stays one thread) when it
 * cannot. */
static bool
pipe_start(struct sax *s, struct oval_pctx *own)
{
	struct pipe *p = ks_calloc(1, sizeof(*p));

	p->c = s->model;
	pthread_mutex_init(&p->mu, NULL);
	pthread_cond_init(&p->more, NULL);
	pthread_cond_init(&p->room, NULL);
	if (pthread_create(&p->th, NULL, pipe_main, p) != 0) {
		pthread_cond_destroy(&p->room);
		pthread_cond_destroy(&p->more);
		pthread_mutex_destroy(&p->mu);
		free(p);
		return false;
	}
	memset(own, 0, sizeof(*own));
	own->name = s->model->name;
	s->c = own;
	s->pipe = p;
	return true;
}

/*
 * Waits for the model to take every element, then frees the pipe. The
 * model's failure comes first: its element was before anything the parse
 * met after handing it over. Returns the parse's result rc, or the
 * model's failure (its message set in this thread).
 */
static int
pipe_finish(struct sax *s, int rc)
{
	struct pipe *p = s->pipe;

	(void)pipe_flush(s);
	pthread_mutex_lock(&p->mu);
	p->done = true;
	pthread_cond_signal(&p->more);
	pthread_mutex_unlock(&p->mu);
	pthread_join(p->th, NULL);
	if (p->err != 0) {
		ks_error_set("%s", p->msg != NULL ? p->msg : "out of memory");
		rc = p->err;
	}
	rbuf_free(p->head);
	rbuf_free(p->spare);
	rbuf_free(s->bhead);
	rbuf_free(s->spare);
	s->bhead = s->btail = s->spare = NULL;
	free(p->msg);
	pthread_cond_destroy(&p->room);
	pthread_cond_destroy(&p->more);
	pthread_mutex_destroy(&p->mu);
	free(p);
	s->pipe = NULL;
	oval_p_sax_free(s->c);
	s->c = s->model;
	if (s->dict != NULL)
		xmlDictFree(s->dict);
	s->dict = NULL;
	return rc;
}

static void
on_start(void *arg, const xmlChar *localname, const xmlChar *prefix,
    const xmlChar *URI, int nb_namespaces, const xmlChar **namespaces,
    int nb_attributes, int nb_defaulted, const xmlChar **attributes)
{
	struct sax *s = arg;
	int depth = s->depth++;

	if (s->rec_depth < 0) {
		if (depth == 0) {
			check_root(s, localname, URI);
			return;
		}
		if (depth == 1) {
			s->sec = is_def_ns(URI) ? section_of(localname) :
			    OVAL_PS_NONE;
			if (s->sec != OVAL_PS_GENERATOR)
				return;
		} else if (depth != 2 || s->sec <= OVAL_PS_GENERATOR) {
			return;
		} else if ((s->sec == OVAL_PS_DEFS ||
		    s->sec == OVAL_PS_VARS) && !is_def_ns(URI)) {
			return;
		} else if (URI != NULL && strncmp((const char *)URI,
		    "http://www.w3.org/", 18) == 0) {
			/* ds:Signature: never a test, object or state */
			return;
		}
		begin_record(s, s->sec, depth);
	}
	record_start(s, depth, localname, prefix, URI, nb_namespaces,
	    namespaces, nb_attributes, nb_defaulted, attributes);
}

static void
on_end(void *arg, const xmlChar *localname, const xmlChar *prefix,
    const xmlChar *URI)
{
	struct sax *s = arg;
	struct oval_pctx *c = s->c;
	const struct oval_pev *st;
	struct oval_pev *e;
	uint32_t si;
	int depth = --s->depth, rc;

	if (s->rec_depth < 0) {
		if (depth == 1)
			s->sec = OVAL_PS_NONE;
		return;
	}
	if (s->nstack <= 0 || (e = ev_push(c)) == NULL)
		return;
	si = s->stack[--s->nstack];
	st = &c->rec.ev[si];
	e->type = OVAL_EV_END;
	e->depth = (uint16_t)depth;
	e->line = st->line;
	e->empty = st->empty;
	e->end = 0;
	e->local = st->local;
	e->prefix = st->prefix;
	e->uri = st->uri;
	e->nattrs = e->nns = e->attr0 = e->ns0 = 0;
	e->off = e->len = 0;
	c->rec.ev[si].end = (uint32_t)(c->rec.nev - 1);
	if (depth != s->rec_depth)
		return;
	if (s->pipe != NULL) {
		rc = pipe_push(s);
	} else {
		c->pos = 0;
		rc = oval_p_defs_item(c, s->rec_sec);
	}
	s->rec_depth = -1;
	if (s->rec_sec == OVAL_PS_GENERATOR)
		s->sec = OVAL_PS_NONE;
	if (rc < 0)
		ks_xml_sax_stop(rc);
}

static void
on_text(void *arg, const xmlChar *ch, int len)
{
	struct sax *s = arg;
	struct oval_pctx *c = s->c;
	struct oval_pev *e;
	size_t n = (size_t)len;

	if (s->rec_depth < 0 || len <= 0)
		return;
	e = c->rec.nev > 0 ? &c->rec.ev[c->rec.nev - 1] : NULL;
	if (e != NULL && e->type == OVAL_EV_TEXT) {
		/* libxml2 hands text over in pieces: one event per run. */
		if (!data_room(c, n))
			return;
		memcpy(c->rec.data + c->rec.dlen - 1, ch, n);
		c->rec.dlen += n;
		c->rec.data[c->rec.dlen - 1] = '\0';
		e->len += n;
		return;
	}
	if (!data_room(c, n + 1) || (e = ev_push(c)) == NULL)
		return;
	memset(e, 0, sizeof(*e));
	e->type = OVAL_EV_TEXT;
	e->depth = (uint16_t)s->depth;
	e->off = c->rec.dlen;
	e->len = n;
	memcpy(c->rec.data + c->rec.dlen, ch, n);
	c->rec.dlen += n;
	c->rec.data[c->rec.dlen++] = '\0';
}

int
oval_p_sax_run(struct oval_pctx *c, const char *path, const char *buf,
    size_t len, const struct _xmlNode *node)
{
	struct oval_pctx own;	/* the recording's, with a pipe */
	struct sax *s;
	xmlSAXHandler h;
	struct stat st;
	int rc;

	memset(&h, 0, sizeof(h));
	h.initialized = XML_SAX2_MAGIC;
	h.startElementNs = on_start;
	h.endElementNs = on_end;
	h.characters = on_text;
	/* Large (the stack of open elements): on the heap. */
	s = ks_calloc(1, sizeof(*s));
	s->c = c;
	s->model = c;
	s->rec_depth = -1;
	c->sax = true;
	/* Not a replay: its names are the DOM's, and it is small. */
	if (node == NULL && pipe_wanted(buf != NULL ? len :
	    stat(path, &st) == 0 ? (size_t)st.st_size : 0))
		(void)pipe_start(s, &own);
	if (node != NULL)
		rc = ks_xml_sax_replay(node, c->name, &h, s);
	else if (buf == NULL)
		rc = ks_xml_sax_parse_file(path, &h, s);
	else
		rc = ks_xml_sax_parse_mem(buf, len, c->name, &h, s);
	if (s->pipe != NULL)
		rc = pipe_finish(s, rc);
	if (rc == 0 && !s->root_seen) {
		ks_error_set("%s: empty document", c->name);
		rc = KS_EPARSE;
	}
	free(s);
	return rc;
}

void
oval_p_sax_free(struct oval_pctx *c)
{
	prec_free(&c->rec);
}
