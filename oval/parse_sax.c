/*
 * The SAX side of the definitions parser: checks the root element, follows
 * the sections of <oval_definitions> and records each of their elements
 * (and the generator) as a flat event list, which parse_defs.c and friends
 * then walk by descent. Recording one element at a time keeps memory flat
 * and skips libxml2's per-node tree; it interprets no OVAL itself.
 */
#include <stdlib.h>
#include <string.h>

#include "oval/parse_int.h"
#include "platform/base/xml_sax.h"

struct sax {
	struct oval_pctx	*c;
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
	if (c->nev >= OVAL_P_MAX_EVENTS) {
		too_large(c, "events");
		return NULL;
	}
	if (c->nev == c->ev_cap)
		ks_grow(&c->ev, &c->ev_cap, c->nev + 1, sizeof(*c->ev));
	return &c->ev[c->nev++];
}

/* Room for n more bytes in data; false (parse stopped) at the cap. */
static bool
data_room(struct oval_pctx *c, size_t n)
{
	if (n > OVAL_P_MAX_DATA - c->dlen) {
		too_large(c, "bytes");
		return false;
	}
	if (c->dlen + n > c->dcap)
		ks_grow(&c->data, &c->dcap, c->dlen + n, 1);
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
	o = c->data + c->dlen;
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
	c->dlen = (size_t)(o - c->data);
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
	e->attr0 = (uint32_t)c->nxattrs;
	e->nattrs = (uint32_t)(n > 0 ? n : 0);
	e->ns0 = (uint32_t)c->nxns;
	e->nns = (uint32_t)nb_namespaces;
	s->stack[s->nstack++] = (uint32_t)(c->nev - 1);
	if (c->nxattrs + (size_t)e->nattrs > c->xattrs_cap)
		ks_grow(&c->xattrs, &c->xattrs_cap, c->nxattrs + e->nattrs,
		    sizeof(*c->xattrs));
	for (i = 0; i < n; i++) {
		const xmlChar **a = attributes + 5 * i;
		struct oval_pxattr *x = &c->xattrs[c->nxattrs++];

		x->local = (const char *)a[0];
		x->prefix = (const char *)a[1];
		x->uri = (const char *)a[2];
		x->off = c->dlen;
		if (!put_value(c, a[3], a[4]))
			return;
	}
	if (nb_namespaces > 0 &&
	    c->nxns + (size_t)nb_namespaces > c->xns_cap)
		ks_grow(&c->xns, &c->xns_cap, c->nxns + (size_t)nb_namespaces,
		    sizeof(*c->xns));
	for (i = 0; i < nb_namespaces; i++) {
		c->xns[c->nxns].prefix = (const char *)namespaces[2 * i];
		c->xns[c->nxns].uri = (const char *)namespaces[2 * i + 1];
		c->nxns++;
	}
}

static void
begin_record(struct sax *s, enum oval_psec sec, int depth)
{
	struct oval_pctx *c = s->c;

	c->nev = c->nxattrs = c->nxns = c->dlen = 0;
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
	st = &c->ev[si];
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
	c->ev[si].end = (uint32_t)(c->nev - 1);
	if (depth != s->rec_depth)
		return;
	c->pos = 0;
	rc = oval_p_defs_item(c, s->rec_sec);
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
	e = c->nev > 0 ? &c->ev[c->nev - 1] : NULL;
	if (e != NULL && e->type == OVAL_EV_TEXT) {
		/* libxml2 hands text over in pieces: one event per run. */
		if (!data_room(c, n))
			return;
		memcpy(c->data + c->dlen - 1, ch, n);
		c->dlen += n;
		c->data[c->dlen - 1] = '\0';
		e->len += n;
		return;
	}
	if (!data_room(c, n + 1) || (e = ev_push(c)) == NULL)
		return;
	memset(e, 0, sizeof(*e));
	e->type = OVAL_EV_TEXT;
	e->depth = (uint16_t)s->depth;
	e->off = c->dlen;
	e->len = n;
	memcpy(c->data + c->dlen, ch, n);
	c->dlen += n;
	c->data[c->dlen++] = '\0';
}

int
oval_p_sax_run(struct oval_pctx *c, const char *path, const char *buf,
    size_t len, const struct _xmlNode *node)
{
	struct sax *s;
	xmlSAXHandler h;
	int rc;

	memset(&h, 0, sizeof(h));
	h.initialized = XML_SAX2_MAGIC;
	h.startElementNs = on_start;
	h.endElementNs = on_end;
	h.characters = on_text;
	/* Large (the stack of open elements): on the heap. */
	s = ks_calloc(1, sizeof(*s));
	s->c = c;
	s->rec_depth = -1;
	c->sax = true;
	if (node != NULL)
		rc = ks_xml_sax_replay(node, c->name, &h, s);
	else if (buf == NULL)
		rc = ks_xml_sax_parse_file(path, &h, s);
	else
		rc = ks_xml_sax_parse_mem(buf, len, c->name, &h, s);
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
	free(c->ev);
	free(c->xattrs);
	free(c->xns);
	free(c->data);
	c->ev = NULL;
	c->xattrs = NULL;
	c->xns = NULL;
	c->data = NULL;
	c->nev = c->ev_cap = c->nxattrs = c->xattrs_cap = 0;
	c->nxns = c->xns_cap = c->dlen = c->dcap = 0;
}
