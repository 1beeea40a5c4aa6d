/*
 * Streams an OVAL definitions document (schema 5.3 .. 5.11.2) into the
 * compact model of oval_int.h: SAX events recorded one element at a time
 * (parse_sax.c) are walked here by descent, definitions with their
 * metadata and criteria here, tests/objects/states in parse_entity.c,
 * variables in parse_var.c; then id references are resolved to indexes
 * and every definition that reaches a broken element is marked. The walk
 * helpers also serve the reader-based parse_extvars.c and
 * parse_directives.c. It never builds a DOM and does not evaluate anything
 * (cycles are the evaluator's business).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/xmlreader.h>

#include "oval/parse_int.h"

/* ---- walk helpers: over recorded events (c->sax) or the reader ---------- */

#define CUR(c)	(&(c)->rec.ev[(c)->pos])

static int
premature_end(struct oval_pctx *c)
{
	ks_error_set("%s:%d: unexpected end of document", c->name,
	    oval_p_line(c));
	return KS_EPARSE;
}

/* Text (or CDATA) under the cursor. Cheaper than asking
 * xmlTextReaderNodeType, which scans every text node for blanks and walks
 * its ancestors for xml:space: half the cost of skipping indentation. */
static bool
is_text_node(struct oval_pctx *c)
{
	xmlNodePtr n = xmlTextReaderCurrentNode(c->r);

	return n != NULL && (n->type == XML_TEXT_NODE ||
	    n->type == XML_CDATA_SECTION_NODE);
}

void
oval_p_child_init(struct oval_pctx *c, struct oval_pchild *it)
{
	if (c->sax) {
		it->depth = CUR(c)->depth;
		it->done = false;
		return;
	}
	it->depth = xmlTextReaderDepth(c->r);
	it->done = xmlTextReaderIsEmptyElement(c->r) == 1;
}

int
oval_p_child(struct oval_pctx *c, struct oval_pchild *it)
{
	int rc, type, depth;

	if (it->done)
		return 0;
	if (c->sax) {
		const struct oval_pev *e = CUR(c);

		/* The unread rest of the previous child is skipped. */
		if (e->type == OVAL_EV_START && e->depth > it->depth)
			c->pos = e->end;
		for (;;) {
			if (++c->pos >= c->rec.nev)
				return premature_end(c);
			e = CUR(c);
			if (e->type == OVAL_EV_TEXT)
				continue;
			if (e->depth <= it->depth) {
				if (e->type == OVAL_EV_END) {
					it->done = true;
					return 0;
				}
				continue;
			}
			if (e->type != OVAL_EV_START)
				continue;
			if (e->depth == it->depth + 1)
				return 1;
			c->pos = e->end;
		}
	}
	for (;;) {
		rc = ks_xml_reader_next(c->r);
		if (rc < 0)
			return rc;
		if (rc == 0)
			return premature_end(c);
		if (is_text_node(c))
			continue;
		type = xmlTextReaderNodeType(c->r);
		depth = xmlTextReaderDepth(c->r);
		/* Anything deeper than a direct child is the unread rest of
		 * the previous child: skipped here. */
		if (depth <= it->depth) {
			if (type == XML_READER_TYPE_END_ELEMENT) {
				it->done = true;
				return 0;
			}
			continue;
		}
		if (type == XML_READER_TYPE_ELEMENT && depth == it->depth + 1)
			return 1;
	}
}

const char *
oval_p_local(struct oval_pctx *c)
{
	const xmlChar *s;

	if (c->sax)
		return CUR(c)->local ? CUR(c)->local : "";
	s = xmlTextReaderConstLocalName(c->r);

	return s ? (const char *)s : "";
}

const char *
oval_p_ns(struct oval_pctx *c)
{
	const xmlChar *s;

	if (c->sax)
		return CUR(c)->uri ? CUR(c)->uri : "";
	s = xmlTextReaderConstNamespaceUri(c->r);

	return s ? (const char *)s : "";
}

bool
oval_p_is(struct oval_pctx *c, const char *ns, const char *local)
{
	if (strcmp(oval_p_local(c), local) != 0)
		return false;
	return ns == NULL || strcmp(oval_p_ns(c), ns) == 0;
}

int
oval_p_line(struct oval_pctx *c)
{
	xmlNodePtr n;
	long line;

	if (c->sax)
		return (int)CUR(c)->line;
	n = xmlTextReaderCurrentNode(c->r);
	line = n ? xmlGetLineNo(n) : -1;

	/* The node's own line is exact; the parser's (ks_xml_reader_line)
	 * runs ahead of the reader by a buffer. libxml2 keeps node lines in
	 * 16 bits, so from 65535 on only the parser's is left. */
	if (line > 0 && line < 65535)
		return (int)line;
	return ks_xml_reader_line(c->r);
}

/* Sorted by name (bsearch): the order of enum oval_pattr. */
static const char *const attr_names[PA_NIL] = {
	"action", "applicability_check", "arithmetic_operation", "character",
	"check", "check_existence", "class", "comment", "content", "datatype",
	"definition_ref", "delimiter", "deprecated", "entity_check", "family",
	"format_1", "format_2", "glob_noescape", "hint", "id",
	"include_source_definitions", "item_field", "mask", "name", "negate",
	"object_ref", "operation", "operator", "pattern", "record_field",
	"ref_id", "ref_url", "reported", "set_operator", "source",
	"state_operator", "state_ref", "substring_length", "substring_start",
	"test_ref", "var_check", "var_ref", "version",
};

static int
attr_cmp(const void *key, const void *elem)
{
	return strcmp(key, *(const char *const *)elem);
}

static int
attr_index(const char *ns, const char *local)
{
	const char *const *p;

	if (ns != NULL)
		return strcmp(ns, OVAL_NS_XSI) == 0 &&
		    strcmp(local, "nil") == 0 ? PA_NIL : -1;
	p = bsearch(local, attr_names, PA_NIL, sizeof(attr_names[0]),
	    attr_cmp);
	return p ? (int)(p - attr_names) : -1;
}

/* attr_index of an attribute without namespace, by its dictionary name. */
static int
attr_index_cached(struct oval_pctx *c, const char *local)
{
	const size_t n = sizeof(c->acache) / sizeof(c->acache[0]);
	size_t h = ((uintptr_t)local >> 3) & (n - 1), i;

	for (i = 0; i < n; i++, h = (h + 1) & (n - 1)) {
		if (c->acache[h].name == local)
			return c->acache[h].idx;
		if (c->acache[h].name == NULL) {
			c->acache[h].name = local;
			c->acache[h].idx = attr_index(NULL, local);
			return c->acache[h].idx;
		}
	}
	return attr_index(NULL, local);
}

int
oval_p_attrs(struct oval_pctx *c, struct oval_pattrs *a)
{
	uint8_t set[PA__COUNT];
	size_t nset = 0, i;
	int rc = 0, k;

	memset(a, 0, sizeof(*a));
	if (c->sax) {
		const struct oval_pev *e = CUR(c);
		const struct oval_pxattr *x = c->rec.xattrs + e->attr0;

		for (i = 0; i < e->nattrs; i++, x++) {
			k = x->uri != NULL ? attr_index(x->uri, x->local) :
			    attr_index_cached(c, x->local);
			if (k >= 0 && a->v[k] == NULL)
				a->v[k] = c->rec.data + x->off;
		}
		return 0;
	}
	if (xmlTextReaderHasAttributes(c->r) != 1)
		return 0;
	ks_buf_reset(&c->abuf);
	while (xmlTextReaderMoveToNextAttribute(c->r) == 1) {
		const char *ns = (const char *)
		    xmlTextReaderConstNamespaceUri(c->r);
		const char *v;

		k = attr_index(ns, oval_p_local(c));
		if (k < 0 || c->aoff[k] != SIZE_MAX || nset >= PA__COUNT)
			continue;
		/* The value may live in a reader buffer reused by the next
		 * attribute: copy it out. */
		v = (const char *)xmlTextReaderConstValue(c->r);
		if (v == NULL)
			v = "";
		c->aoff[k] = c->abuf.len;
		set[nset++] = (uint8_t)k;
		rc = ks_buf_append(&c->abuf, v, strlen(v) + 1);
		if (rc < 0)
			break;
	}
	xmlTextReaderMoveToElement(c->r);
	for (i = 0; i < nset; i++) {
		if (rc == 0)
			a->v[set[i]] = c->abuf.data + c->aoff[set[i]];
		c->aoff[set[i]] = SIZE_MAX;
	}
	if (rc < 0)
		memset(a, 0, sizeof(*a));
	return rc;
}

bool
oval_p_has_attrs(struct oval_pctx *c)
{
	if (c->sax)
		return CUR(c)->nattrs > 0 || CUR(c)->nns > 0;
	return xmlTextReaderHasAttributes(c->r) == 1;
}

/* oval_p_text over the recorded events: one text run is returned in
 * place, several are joined in c->text. */
static int
text_events(struct oval_pctx *c, const char **out, size_t *len)
{
	const struct oval_pev *e = CUR(c), *t = NULL;
	size_t i, end = e->end, n = 0;
	int depth = e->depth + 1, rc;

	for (i = c->pos + 1; i < end; i++) {
		if (c->rec.ev[i].type != OVAL_EV_TEXT || c->rec.ev[i].depth != depth)
			continue;
		if (n++ == 0) {
			t = &c->rec.ev[i];
			continue;
		}
		if (n == 2 && (rc = ks_buf_append(&c->text,
		    c->rec.data + t->off, t->len)) < 0)
			return rc;
		if ((rc = ks_buf_append(&c->text, c->rec.data + c->rec.ev[i].off,
		    c->rec.ev[i].len)) < 0)
			return rc;
	}
	c->pos = end;
	if (n == 1) {
		*out = c->rec.data + t->off;
		if (len)
			*len = t->len;
	} else if (n > 1) {
		*out = c->text.data;	/* always NUL-terminated */
		if (len)
			*len = c->text.len;
	}
	return 0;
}

int
oval_p_text(struct oval_pctx *c, const char **out, size_t *len)
{
	int rc, depth, d;

	ks_buf_reset(&c->text);
	*out = "";
	if (len)
		*len = 0;
	if (c->sax)
		return text_events(c, out, len);
	if (xmlTextReaderIsEmptyElement(c->r) == 1)
		return 0;
	depth = xmlTextReaderDepth(c->r);
	for (;;) {
		rc = ks_xml_reader_next(c->r);
		if (rc < 0)
			return rc;
		if (rc == 0)
			return premature_end(c);
		d = xmlTextReaderDepth(c->r);
		if (is_text_node(c)) {
			const char *v;

			if (d != depth + 1)
				continue;
			v = (const char *)xmlTextReaderConstValue(c->r);

			if (v == NULL)
				continue;
			rc = ks_buf_puts(&c->text, v);
			if (rc < 0)
				return rc;
			continue;
		}
		if (d == depth &&
		    xmlTextReaderNodeType(c->r) == XML_READER_TYPE_END_ELEMENT)
			break;
	}
	if (c->text.data != NULL)
		*out = c->text.data;
	if (len)
		*len = c->text.len;
	return 0;
}

static bool
is_space(char ch)
{
	return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r';
}

int
oval_p_text_id(struct oval_pctx *c, const char **out)
{
	const char *s;
	size_t n;
	int rc;

	rc = oval_p_text(c, &s, &n);
	if (rc < 0)
		return rc;
	while (n > 0 && is_space(*s)) {
		s++;
		n--;
	}
	while (n > 0 && is_space(s[n - 1]))
		n--;
	*out = ks_strpool_intern(c->d->pool, s, n);
	return 0;
}

const char *
oval_p_intern(struct oval_pctx *c, const char *s)
{
	if (s == NULL)
		return NULL;
	return ks_strpool_intern(c->d->pool, s, strlen(s));
}

int
oval_p_bool(const char *s)
{
	/* xsd:boolean: "true", "false", "1", "0", with white space
	 * collapsed; we accept the surrounding white space only. */
	size_t n;

	while (is_space(*s))
		s++;
	n = strlen(s);
	while (n > 0 && is_space(s[n - 1]))
		n--;
	if ((n == 4 && strncmp(s, "true", 4) == 0) ||
	    (n == 1 && s[0] == '1'))
		return 1;
	if ((n == 5 && strncmp(s, "false", 5) == 0) ||
	    (n == 1 && s[0] == '0'))
		return 0;
	return -1;
}

/* ---- model building ---------------------------------------------------- */

const char *
oval_p_kind_name(enum oval_pkind kind)
{
	static const char *const names[OVAL_PK__COUNT] = {
		"definition", "test", "object", "state", "variable",
	};

	return kind < OVAL_PK__COUNT ? names[kind] : "element";
}

uint32_t
oval_p_ref(struct oval_pctx *c, const char *id)
{
	if (c->nrefs >= OVAL_NONE - 1)
		return OVAL_NONE;	/* cannot happen before memory ends */
	ks_grow(&c->refs, &c->refs_cap, c->nrefs + 1, sizeof(*c->refs));
	c->refs[c->nrefs] = id;
	return (uint32_t)c->nrefs++;
}

static const char *
elem_id(struct oval_defs *d, enum oval_pkind kind, uint32_t idx)
{
	switch (kind) {
	case OVAL_PK_DEF:
		return d->defs[idx].id;
	case OVAL_PK_TEST:
		return d->tests[idx].id;
	case OVAL_PK_OBJ:
		return d->objects[idx].id;
	case OVAL_PK_STATE:
		return d->states[idx].id;
	case OVAL_PK_VAR:
		return d->vars[idx].id;
	default:
		return "?";
	}
}

void
oval_p_fail(struct oval_pctx *c, enum oval_pkind kind, uint32_t idx,
    int line, const char *fmt, ...)
{
	struct ks_buf b;
	const char *msg;
	va_list ap;
	int rc;

	if (idx == OVAL_NONE)
		return;
	if (kind == OVAL_PK_DEF && c->d->defs[idx].error != NULL)
		return;		/* the first problem is the one reported */
	ks_buf_init(&b, 4096);
	rc = ks_buf_printf(&b, "%s:%d: %s %s: ", c->name, line,
	    oval_p_kind_name(kind), elem_id(c->d, kind, idx));
	if (rc == 0) {
		char tail[1024];
		int n;

		va_start(ap, fmt);
		n = vsnprintf(tail, sizeof(tail), fmt, ap);
		va_end(ap);
		/* A truncated message is still useful; the cap keeps a
		 * hostile value from growing it. */
		if (n >= 0)
			(void)ks_buf_puts(&b, tail);
	}
	msg = ks_strpool_intern(c->d->pool, b.data ? b.data : "", b.len);
	ks_buf_free(&b);
	if (kind == OVAL_PK_DEF) {
		c->d->defs[idx].error = msg;
		return;
	}
	ks_grow(&c->errs, &c->errs_cap, c->nerrs + 1, sizeof(*c->errs));
	c->errs[c->nerrs].kind = (uint8_t)kind;
	c->errs[c->nerrs].idx = idx;
	c->errs[c->nerrs].msg = msg;
	c->nerrs++;
}

void
oval_p_shrink(void *arrp, size_t n, size_t esz)
{
	void **p = arrp;

	if (n == 0) {
		free(*p);
		*p = NULL;
		return;
	}
	*p = ks_realloc(*p, n * esz);
}

#define ADD_ELEM(arr, n, cap)						\
	do {								\
		if ((n) >= OVAL_NONE - 1)				\
			goto full;					\
		ks_grow(&(arr), &(cap), (size_t)(n) + 1, sizeof(*(arr))); \
		memset(&(arr)[n], 0, sizeof(*(arr)));			\
		i = (n)++;						\
	} while (0)

int
oval_p_add(struct oval_pctx *c, enum oval_pkind kind, const char *id,
    uint32_t *idx)
{
	struct oval_defs *d = c->d;
	struct ks_map *map = NULL;
	uint32_t i = OVAL_NONE;
	int rc;

	*idx = OVAL_NONE;
	switch (kind) {
	case OVAL_PK_DEF:
		map = d->def_ids;
		break;
	case OVAL_PK_TEST:
		map = d->test_ids;
		break;
	case OVAL_PK_OBJ:
		map = d->obj_ids;
		break;
	case OVAL_PK_STATE:
		map = d->state_ids;
		break;
	case OVAL_PK_VAR:
		map = d->var_ids;
		break;
	default:
		ks_error_set("oval_p_add: bad kind %d", (int)kind);
		return KS_ERROR;
	}
	if (ks_map_get(map, id) != NULL) {
		/* oscap rejects the document; we keep the first so the
		 * definitions using it still work. */
		ks_warn("%s:%d: duplicate %s id %s ignored (the first is kept)",
		    c->name, oval_p_line(c), oval_p_kind_name(kind), id);
		return 0;
	}
	switch (kind) {
	case OVAL_PK_DEF:
		ADD_ELEM(d->defs, d->ndefs, c->defs_cap);
		d->defs[i].id = id;
		break;
	case OVAL_PK_TEST:
		ADD_ELEM(d->tests, d->ntests, c->tests_cap);
		d->tests[i].id = id;
		d->tests[i].object = OVAL_NONE;
		break;
	case OVAL_PK_OBJ:
		ADD_ELEM(d->objects, d->nobjects, c->objs_cap);
		d->objects[i].id = id;
		d->objects[i].var_ref_var = OVAL_NONE;
		break;
	case OVAL_PK_STATE:
		ADD_ELEM(d->states, d->nstates, c->states_cap);
		d->states[i].id = id;
		break;
	case OVAL_PK_VAR:
		ADD_ELEM(d->vars, d->nvars, c->vars_cap);
		d->vars[i].id = id;
		break;
	default:
		break;
	}
	rc = ks_map_put(map, id, (void *)((uintptr_t)i + 1));
	if (rc < 0)
		return rc;
	*idx = i;
	return 0;
full:
	ks_error_set("%s:%d: too many %s elements", c->name, oval_p_line(c),
	    oval_p_kind_name(kind));
	return KS_ELIMIT;
}

static uint32_t
parse_u32(const char *s)
{
	unsigned long v;
	char *end;

	if (s == NULL)
		return 0;
	errno = 0;
	v = strtoul(s, &end, 10);
	if (errno != 0 || end == s || v > UINT32_MAX)
		return 0;
	return (uint32_t)v;
}

/* ---- definitions ----------------------------------------------------- */

/* Reads negate / applicability_check / comment of a criteria node. */
static void
cnode_common(struct oval_pctx *c, uint32_t def, const struct oval_pattrs *a,
    struct oval_cnode *n, int line)
{
	int b;

	n->applicability_check = -1;
	if (a->v[PA_NEGATE]) {
		b = oval_p_bool(a->v[PA_NEGATE]);
		if (b < 0)
			oval_p_fail(c, OVAL_PK_DEF, def, line,
			    "bad negate value '%s'", a->v[PA_NEGATE]);
		n->negate = b == 1;
	}
	if (a->v[PA_APPLICABILITY_CHECK]) {
		b = oval_p_bool(a->v[PA_APPLICABILITY_CHECK]);
		if (b < 0)
			oval_p_fail(c, OVAL_PK_DEF, def, line,
			    "bad applicability_check value '%s'",
			    a->v[PA_APPLICABILITY_CHECK]);
		n->applicability_check = (int8_t)(b == 1);
	}
	n->comment = oval_p_intern(c, a->v[PA_COMMENT]);
	n->ref = OVAL_NONE;
}

static void
cnode_free_kids(struct oval_cnode *n)
{
	uint32_t i;

	for (i = 0; i < n->nkids; i++)
		cnode_free_kids(&n->kids[i]);
	free(n->kids);
	n->kids = NULL;
	n->nkids = 0;
}

/* The reader is on a <criteria>: fills *n with it and its subtree. */
static int
parse_criteria(struct oval_pctx *c, uint32_t def, struct oval_cnode *n)
{
	struct oval_pattrs a;
	struct oval_pchild it;
	size_t cap = 0;
	int rc, line = oval_p_line(c), op;

	memset(n, 0, sizeof(*n));
	n->kind = OVAL_CN_CRITERIA;
	rc = oval_p_attrs(c, &a);
	if (rc < 0)
		return rc;
	cnode_common(c, def, &a, n, line);
	n->operator = OVAL_OPR_AND;
	if (a.v[PA_OPERATOR]) {
		op = oval_operator_parse(a.v[PA_OPERATOR]);
		if (op < 0)
			oval_p_fail(c, OVAL_PK_DEF, def, line,
			    "unknown criteria operator '%s'",
			    a.v[PA_OPERATOR]);
		else
			n->operator = (enum oval_operator)op;
	}
	oval_p_child_init(c, &it);
	while ((rc = oval_p_child(c, &it)) > 0) {
		struct oval_cnode k;
		const char *ref;

		if (strcmp(oval_p_ns(c), OVAL_NS_DEF) != 0)
			continue;
		line = oval_p_line(c);
		if (oval_p_is(c, NULL, "criteria")) {
			rc = parse_criteria(c, def, &k);
			if (rc < 0) {
				cnode_free_kids(&k);
				return rc;
			}
		} else if (oval_p_is(c, NULL, "criterion") ||
		    oval_p_is(c, NULL, "extend_definition")) {
			bool crit = strcmp(oval_p_local(c),
			    "criterion") == 0;

			memset(&k, 0, sizeof(k));
			rc = oval_p_attrs(c, &a);
			if (rc < 0)
				return rc;
			cnode_common(c, def, &a, &k, line);
			k.kind = crit ? OVAL_CN_CRITERION : OVAL_CN_EXTEND;
			ref = a.v[crit ? PA_TEST_REF : PA_DEFINITION_REF];
			if (ref == NULL)
				oval_p_fail(c, OVAL_PK_DEF, def, line,
				    "%s without %s", oval_p_local(c),
				    crit ? "test_ref" : "definition_ref");
			else
				k.ref = oval_p_ref(c, oval_p_intern(c, ref));
		} else {
			continue;
		}
		ks_grow(&n->kids, &cap, (size_t)n->nkids + 1,
		    sizeof(*n->kids));
		n->kids[n->nkids++] = k;
	}
	if (rc < 0)
		return rc;
	if (n->nkids > 0)
		oval_p_shrink(&n->kids, n->nkids, sizeof(*n->kids));
	return 0;
}

static int
parse_affected(struct oval_pctx *c, struct oval_definition *def)
{
	struct oval_pattrs a;
	struct oval_pchild it;
	size_t pcap = def->nplatforms, qcap = def->nproducts;
	const char *s;
	int rc;

	rc = oval_p_attrs(c, &a);
	if (rc < 0)
		return rc;
	if (a.v[PA_FAMILY] && def->affected_family == NULL)
		def->affected_family = oval_p_intern(c, a.v[PA_FAMILY]);
	oval_p_child_init(c, &it);
	while ((rc = oval_p_child(c, &it)) > 0) {
		bool plat = oval_p_is(c, OVAL_NS_DEF, "platform");

		if (!plat && !oval_p_is(c, OVAL_NS_DEF, "product"))
			continue;
		rc = oval_p_text(c, &s, NULL);
		if (rc < 0)
			return rc;
		s = oval_p_intern(c, s);
		if (plat) {
			ks_grow(&def->platforms, &pcap,
			    (size_t)def->nplatforms + 1,
			    sizeof(*def->platforms));
			def->platforms[def->nplatforms++] = s;
		} else {
			ks_grow(&def->products, &qcap,
			    (size_t)def->nproducts + 1,
			    sizeof(*def->products));
			def->products[def->nproducts++] = s;
		}
	}
	if (def->nplatforms > 0)
		oval_p_shrink(&def->platforms, def->nplatforms,
		    sizeof(*def->platforms));
	if (def->nproducts > 0)
		oval_p_shrink(&def->products, def->nproducts,
		    sizeof(*def->products));
	return rc;
}

/*
 * Capturing <advisory> as text. xmlTextReaderReadOuterXml would copy the
 * subtree into a DOM and dump it (a third of the parse time of a vendor
 * feed, and a parse outside the guard of ks_xml_reader_next); instead the
 * nodes are written out as the reader passes them. Namespaces declared
 * outside the subtree are declared where first used, so the text is a
 * document of its own.
 */
struct capture {
	struct ks_buf	*out;		/* the context's, reused */
	struct {
		const char	*prefix;	/* NULL: default namespace */
		const char	*uri;
		int		 depth;
	}		 scope[32];
	int		 nscope;
	bool		 full;		/* a cap was hit: dropped */
};

static void
cap_put(struct capture *k, const char *s, size_t n)
{
	struct ks_buf *b = k->out;

	/* Most pieces are a few bytes: copied in place while they fit (the
	 * buffer keeps its NUL), through ks_buf_append (growth, cap) else. */
	if (!k->full && b->len + n < b->cap) {
		memcpy(b->data + b->len, s, n);
		b->len += n;
		b->data[b->len] = '\0';
		return;
	}
	if (!k->full && ks_buf_append(b, s, n) < 0)
		k->full = true;
}

/* Writes s escaped for text (attr false) or a quoted attribute value. */
static void
cap_escaped(struct capture *k, const char *s, bool attr)
{
	const char *special = attr ? "&<>\"\r\n\t" : "&<>\r";
	const char *rep;
	size_t n;

	for (;;) {
		n = strcspn(s, special);
		cap_put(k, s, n);
		s += n;
		switch (*s) {
		case '\0': return;
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '"': rep = "&quot;"; break;
		case '\r': rep = "&#13;"; break;
		case '\n': rep = "&#10;"; break;
		default: rep = "&#9;"; break;
		}
		cap_put(k, rep, strlen(rep));
		s++;
	}
}

static void
cap_str(struct capture *k, const char *s)
{
	cap_put(k, s, strlen(s));
}

static bool
str_eq(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return a == b;
	return strcmp(a, b) == 0;
}

/* Declares prefix -> uri on the element being written unless the
 * captured text already has it in scope. */
static void
cap_ns(struct capture *k, const char *prefix, const char *uri, int depth)
{
	int i;

	if (uri == NULL)
		uri = "";
	for (i = k->nscope - 1; i >= 0; i--)
		if (str_eq(k->scope[i].prefix, prefix))
			break;
	if (i >= 0 && strcmp(k->scope[i].uri, uri) == 0)
		return;
	if (i < 0 && *uri == '\0' && prefix == NULL)
		return;		/* no default namespace, none needed */
	if (k->nscope >= (int)(sizeof(k->scope) / sizeof(k->scope[0]))) {
		k->full = true;
		return;
	}
	k->scope[k->nscope].prefix = prefix;
	k->scope[k->nscope].uri = uri;
	k->scope[k->nscope].depth = depth;
	k->nscope++;
	cap_str(k, prefix ? " xmlns:" : " xmlns");
	if (prefix)
		cap_str(k, prefix);
	cap_str(k, "=\"");
	cap_escaped(k, uri, true);
	cap_str(k, "\"");
}

static void
cap_pop(struct capture *k, int depth)
{
	while (k->nscope > 0 && k->scope[k->nscope - 1].depth >= depth)
		k->nscope--;
}

/* Writes the qualified name prefix:local. */
static void
cap_qname(struct capture *k, const char *prefix, const char *local)
{
	if (prefix != NULL) {
		cap_str(k, prefix);
		cap_str(k, ":");
	}
	cap_str(k, local ? local : "");
}

/* Writes the start tag of the recorded element e. */
static void
cap_start(struct oval_pctx *c, struct capture *k, const struct oval_pev *e)
{
	const struct oval_pxattr *x = c->rec.xattrs + e->attr0;
	const struct oval_pxns *ns = c->rec.xns + e->ns0;
	int depth = e->depth;
	uint32_t i;

	cap_str(k, "<");
	cap_qname(k, e->prefix, e->local);
	/* The element's own declarations first, as written... */
	for (i = 0; i < e->nns; i++)
		cap_ns(k, ns[i].prefix, ns[i].uri, depth);
	/* ... then whatever it uses from outside the subtree. */
	cap_ns(k, e->prefix, e->uri, depth);
	for (i = 0; i < e->nattrs; i++, x++) {
		if (x->prefix != NULL)
			cap_ns(k, x->prefix, x->uri, depth);
		cap_str(k, " ");
		cap_qname(k, x->prefix, x->local);
		cap_str(k, "=\"");
		cap_escaped(k, c->rec.data + x->off, true);
		cap_str(k, "\"");
	}
	if (e->empty) {
		cap_str(k, "/>");
		cap_pop(k, depth);
	} else {
		cap_str(k, ">");
	}
}

/* The recorded subtree of the <advisory> at c->pos, written out as the
 * events come; leaves c->pos on its end. */
static int
parse_advisory(struct oval_pctx *c, struct oval_definition *def)
{
	const struct oval_pev *e = CUR(c);
	struct capture k;
	size_t i, end = e->end;
	int line = (int)e->line;

	if (def->advisory_xml != NULL)
		return 0;	/* the rest is skipped by the caller */
	memset(&k, 0, sizeof(k));
	k.out = &c->adv;
	ks_buf_reset(k.out);
	for (i = c->pos; i <= end && !k.full; i++) {
		e = &c->rec.ev[i];
		if (e->type == OVAL_EV_TEXT) {
			cap_escaped(&k, c->rec.data + e->off, false);
		} else if (e->type == OVAL_EV_START) {
			cap_start(c, &k, e);
		} else if (!e->empty) {
			cap_str(&k, "</");
			cap_qname(&k, e->prefix, e->local);
			cap_str(&k, ">");
			cap_pop(&k, e->depth);
		}
		/* comments, processing instructions: never recorded */
	}
	c->pos = end;
	if (k.full)
		ks_warn("%s:%d: definition %s: advisory dropped (longer than "
		    "%u bytes)", c->name, line, def->id,
		    OVAL_P_MAX_ADVISORY);
	else
		def->advisory_xml = ks_strpool_intern(c->d->pool,
		    k.out->data ? k.out->data : "", k.out->len);
	return 0;
}

static int
parse_metadata(struct oval_pctx *c, uint32_t idx)
{
	struct oval_definition *def = &c->d->defs[idx];
	struct oval_pchild it;
	struct oval_pattrs a;
	size_t rcap = def->nrefs;
	const char *s;
	int rc;

	oval_p_child_init(c, &it);
	while ((rc = oval_p_child(c, &it)) > 0) {
		bool core = strcmp(oval_p_ns(c), OVAL_NS_DEF) == 0;
		const char *ln = oval_p_local(c);

		if (strcmp(ln, "advisory") == 0) {
			/* Vendors put it in their own namespace or in
			 * oval-def's; either way it is kept whole. */
			rc = parse_advisory(c, def);
		} else if (!core) {
			continue;
		} else if (strcmp(ln, "title") == 0 && def->title == NULL) {
			rc = oval_p_text(c, &s, NULL);
			def->title = rc == 0 ? oval_p_intern(c, s) : NULL;
		} else if (strcmp(ln, "description") == 0 &&
		    def->description == NULL) {
			rc = oval_p_text(c, &s, NULL);
			def->description = rc == 0 ? oval_p_intern(c, s) : NULL;
		} else if (strcmp(ln, "affected") == 0) {
			rc = parse_affected(c, def);
		} else if (strcmp(ln, "reference") == 0) {
			struct oval_reference *r;

			rc = oval_p_attrs(c, &a);
			if (rc < 0)
				return rc;
			ks_grow(&def->refs, &rcap, (size_t)def->nrefs + 1,
			    sizeof(*def->refs));
			r = &def->refs[def->nrefs++];
			r->source = oval_p_intern(c,
			    a.v[PA_SOURCE] ? a.v[PA_SOURCE] : "");
			r->ref_id = oval_p_intern(c,
			    a.v[PA_REF_ID] ? a.v[PA_REF_ID] : "");
			r->ref_url = oval_p_intern(c, a.v[PA_REF_URL]);
		}
		if (rc < 0)
			return rc;
	}
	if (def->nrefs > 0)
		oval_p_shrink(&def->refs, def->nrefs, sizeof(*def->refs));
	return rc;
}

static int
parse_definition(struct oval_pctx *c)
{
	struct oval_definition *def;
	struct oval_pattrs a;
	struct oval_pchild it;
	uint32_t idx;
	int rc, line = oval_p_line(c), v;

	rc = oval_p_attrs(c, &a);
	if (rc < 0)
		return rc;
	if (a.v[PA_ID] == NULL) {
		ks_warn("%s:%d: definition without id ignored", c->name, line);
		return 0;
	}
	rc = oval_p_add(c, OVAL_PK_DEF, oval_p_intern(c, a.v[PA_ID]), &idx);
	if (rc < 0 || idx == OVAL_NONE)
		return rc;
	def = &c->d->defs[idx];
	def->line = (uint32_t)line;
	def->version = parse_u32(a.v[PA_VERSION]);
	if (a.v[PA_DEPRECATED])
		def->deprecated = oval_p_bool(a.v[PA_DEPRECATED]) == 1;
	v = a.v[PA_CLASS] ? oval_class_parse(a.v[PA_CLASS]) : -1;
	if (v < 0)
		oval_p_fail(c, OVAL_PK_DEF, idx, line, "%s class%s%s%s",
		    a.v[PA_CLASS] ? "unknown" : "missing",
		    a.v[PA_CLASS] ? " '" : "",
		    a.v[PA_CLASS] ? a.v[PA_CLASS] : "",
		    a.v[PA_CLASS] ? "'" : "");
	else
		def->klass = (enum oval_class)v;

	oval_p_child_init(c, &it);
	while ((rc = oval_p_child(c, &it)) > 0) {
		if (strcmp(oval_p_ns(c), OVAL_NS_DEF) != 0)
			continue;	/* ds:Signature, oval:notes */
		if (oval_p_is(c, NULL, "metadata")) {
			rc = parse_metadata(c, idx);
		} else if (oval_p_is(c, NULL, "criteria") &&
		    def->criteria == NULL) {
			def->criteria = ks_calloc(1, sizeof(*def->criteria));
			rc = parse_criteria(c, idx, def->criteria);
		}
		if (rc < 0)
			return rc;
	}
	return rc;
}

/* ---- document ------------------------------------------------------------ */

/* Checks the generator's schema_version against what we read. */
static void
check_version(struct oval_pctx *c, const char *v)
{
	unsigned long part[3] = { 0, 0, 0 };
	const char *p = v;
	char *end;
	int i;

	for (i = 0; i < 3; i++) {
		errno = 0;
		part[i] = strtoul(p, &end, 10);
		if (end == p || errno != 0)
			break;
		p = end;
		if (*p != '.')
			break;
		p++;
	}
	if (i == 0 && part[0] == 0) {
		ks_warn("%s: unrecognised schema_version '%s'", c->name, v);
		return;
	}
	/* Supported: 5.3 .. 5.11.2 ("5.11.1:1.0" platform suffixes are
	 * ignored). Anything else is read on a best-effort basis. */
	if (part[0] != 5 || part[1] < 3 || part[1] > 11 ||
	    (part[1] == 11 && part[2] > 2))
		ks_warn("%s: schema_version %s is outside 5.3 .. 5.11.2; "
		    "reading it anyway", c->name, v);
}

static int
parse_generator(struct oval_pctx *c)
{
	struct oval_pchild it;
	bool core = false, platform;
	const char *s;
	size_t n;
	int rc;

	oval_p_child_init(c, &it);
	while ((rc = oval_p_child(c, &it)) > 0) {
		if (!oval_p_is(c, OVAL_NS_COMMON, "schema_version"))
			continue;
		/* 5.11.1+: extra schema_version elements name platform
		 * extensions (platform="..."); the core one has none. */
		platform = oval_p_has_attrs(c);
		if (core || (platform && c->d->schema_version != NULL))
			continue;
		rc = oval_p_text(c, &s, &n);
		if (rc < 0)
			return rc;
		while (n > 0 && is_space(*s)) {
			s++;
			n--;
		}
		while (n > 0 && is_space(s[n - 1]))
			n--;
		free(c->d->schema_version);
		c->d->schema_version = ks_strndup(s, n);
		core = !platform;
	}
	if (rc == 0 && c->d->schema_version != NULL)
		check_version(c, c->d->schema_version);
	return rc;
}

int
oval_p_defs_item(struct oval_pctx *c, enum oval_psec sec)
{
	switch (sec) {
	case OVAL_PS_GENERATOR:
		return parse_generator(c);
	case OVAL_PS_DEFS:
		return parse_definition(c);
	case OVAL_PS_TESTS:
		return oval_p_test(c);
	case OVAL_PS_OBJS:
		return oval_p_object(c);
	case OVAL_PS_STATES:
		return oval_p_state(c);
	case OVAL_PS_VARS:
		return oval_p_variable(c);
	default:
		return 0;
	}
}

/* ---- resolving references ----------------------------------------------- */

struct resolver {
	struct oval_pctx	*c;
	/* Own problems of each element, then (after propagate) the first
	 * problem each one reaches. */
	const char		**err[OVAL_PK__COUNT];
	uint8_t			*mark[OVAL_PK__COUNT];
};

/* Turns a pending reference into an index; on a dangling one records the
 * problem against (kind, idx) and returns OVAL_NONE. */
static uint32_t
resolve(struct resolver *rs, const struct ks_map *ids, uint32_t pending,
    enum oval_pkind kind, uint32_t idx, int line, enum oval_pkind to,
    const char *how)
{
	struct oval_pctx *c = rs->c;
	const char *id;
	uintptr_t v;

	if (pending == OVAL_NONE || pending >= c->nrefs)
		return OVAL_NONE;
	id = c->refs[pending];
	v = (uintptr_t)ks_map_get(ids, id);
	if (v != 0)
		return (uint32_t)(v - 1);
	oval_p_fail(c, kind, idx, line, "%s %s %sis not defined",
	    oval_p_kind_name(to), id, how);
	return OVAL_NONE;
}

static void
resolve_cnode(struct resolver *rs, uint32_t def, struct oval_cnode *n)
{
	struct oval_defs *d = rs->c->d;
	int line = (int)d->defs[def].line;
	uint32_t i;

	if (n->kind == OVAL_CN_CRITERION)
		n->ref = resolve(rs, d->test_ids, n->ref, OVAL_PK_DEF, def,
		    line, OVAL_PK_TEST, "referenced by criterion ");
	else if (n->kind == OVAL_CN_EXTEND)
		n->ref = resolve(rs, d->def_ids, n->ref, OVAL_PK_DEF, def,
		    line, OVAL_PK_DEF, "referenced by extend_definition ");
	for (i = 0; i < n->nkids; i++)
		resolve_cnode(rs, def, &n->kids[i]);
}

static void
resolve_ents(struct resolver *rs, struct oval_entity *e, uint32_t n,
    enum oval_pkind kind, uint32_t idx, int line)
{
	struct oval_defs *d = rs->c->d;
	uint32_t i;

	for (i = 0; i < n; i++) {
		e[i].var = resolve(rs, d->var_ids, e[i].var, kind, idx, line,
		    OVAL_PK_VAR, "");
		resolve_ents(rs, e[i].fields, e[i].nfields, kind, idx, line);
	}
}

static void
resolve_filters(struct resolver *rs, struct oval_filter *f, uint32_t n,
    uint32_t obj, int line)
{
	uint32_t i;

	for (i = 0; i < n; i++)
		f[i].state = resolve(rs, rs->c->d->state_ids, f[i].state,
		    OVAL_PK_OBJ, obj, line, OVAL_PK_STATE, "in filter ");
}

static void
resolve_set(struct resolver *rs, struct oval_set *s, uint32_t obj, int line)
{
	uint8_t i;

	for (i = 0; i < s->nobjs; i++)
		s->objs[i] = resolve(rs, rs->c->d->obj_ids, s->objs[i],
		    OVAL_PK_OBJ, obj, line, OVAL_PK_OBJ,
		    "in object_reference ");
	for (i = 0; i < s->nsets; i++)
		resolve_set(rs, s->sets[i], obj, line);
	resolve_filters(rs, s->filters, s->nfilters, obj, line);
}

static void
resolve_comp(struct resolver *rs, struct oval_component *k, uint32_t var,
    int line)
{
	struct oval_defs *d = rs->c->d;
	uint32_t i;

	if (k->kind == OVAL_COMP_OBJECT)
		k->ref = resolve(rs, d->obj_ids, k->ref, OVAL_PK_VAR, var,
		    line, OVAL_PK_OBJ, "in object_component ");
	else if (k->kind == OVAL_COMP_VARIABLE)
		k->ref = resolve(rs, d->var_ids, k->ref, OVAL_PK_VAR, var,
		    line, OVAL_PK_VAR, "in variable_component ");
	for (i = 0; i < k->nargs; i++)
		resolve_comp(rs, &k->args[i], var, line);
}

static void
resolve_all(struct resolver *rs)
{
	struct oval_defs *d = rs->c->d;
	uint32_t i, j;

	for (i = 0; i < d->ndefs; i++)
		if (d->defs[i].criteria)
			resolve_cnode(rs, i, d->defs[i].criteria);
	for (i = 0; i < d->ntests; i++) {
		struct oval_test *t = &d->tests[i];

		t->object = resolve(rs, d->obj_ids, t->object, OVAL_PK_TEST,
		    i, (int)t->line, OVAL_PK_OBJ, "");
		for (j = 0; j < t->nstates; j++)
			t->states[j] = resolve(rs, d->state_ids, t->states[j],
			    OVAL_PK_TEST, i, (int)t->line, OVAL_PK_STATE, "");
	}
	for (i = 0; i < d->nobjects; i++) {
		struct oval_object *o = &d->objects[i];

		resolve_ents(rs, o->ents, o->nents, OVAL_PK_OBJ, i,
		    (int)o->line);
		if (o->set)
			resolve_set(rs, o->set, i, (int)o->line);
		resolve_filters(rs, o->filters, o->nfilters, i, (int)o->line);
		o->var_ref_var = resolve(rs, d->var_ids, o->var_ref_var,
		    OVAL_PK_OBJ, i, (int)o->line, OVAL_PK_VAR, "in var_ref ");
	}
	for (i = 0; i < d->nstates; i++)
		resolve_ents(rs, d->states[i].ents, d->states[i].nents,
		    OVAL_PK_STATE, i, (int)d->states[i].line);
	for (i = 0; i < d->nvars; i++)
		if (d->vars[i].comp)
			resolve_comp(rs, d->vars[i].comp, i,
			    (int)d->vars[i].line);
}

/* ---- propagating problems to definitions ------------------------------- */

/* Chains deeper than this are left to the evaluator (which reports
 * dangling indexes itself); it only bounds our recursion. */
#define PROPAGATE_MAX_DEPTH	128

static const char *reach(struct resolver *rs, enum oval_pkind kind,
    uint32_t idx, int depth);

static const char *
reach_ents(struct resolver *rs, const struct oval_entity *e, uint32_t n,
    int depth)
{
	const char *m;
	uint32_t i;

	for (i = 0; i < n; i++) {
		if ((m = reach(rs, OVAL_PK_VAR, e[i].var, depth)) != NULL)
			return m;
		if ((m = reach_ents(rs, e[i].fields, e[i].nfields, depth)))
			return m;
	}
	return NULL;
}

static const char *
reach_filters(struct resolver *rs, const struct oval_filter *f, uint32_t n,
    int depth)
{
	const char *m;
	uint32_t i;

	for (i = 0; i < n; i++)
		if ((m = reach(rs, OVAL_PK_STATE, f[i].state, depth)))
			return m;
	return NULL;
}

static const char *
reach_set(struct resolver *rs, const struct oval_set *s, int depth)
{
	const char *m;
	uint8_t i;

	for (i = 0; i < s->nobjs; i++)
		if ((m = reach(rs, OVAL_PK_OBJ, s->objs[i], depth)))
			return m;
	for (i = 0; i < s->nsets; i++)
		if ((m = reach_set(rs, s->sets[i], depth)))
			return m;
	return reach_filters(rs, s->filters, s->nfilters, depth);
}

static const char *
reach_comp(struct resolver *rs, const struct oval_component *k, int depth)
{
	const char *m = NULL;
	uint32_t i;

	if (k->kind == OVAL_COMP_OBJECT)
		m = reach(rs, OVAL_PK_OBJ, k->ref, depth);
	else if (k->kind == OVAL_COMP_VARIABLE)
		m = reach(rs, OVAL_PK_VAR, k->ref, depth);
	for (i = 0; m == NULL && i < k->nargs; i++)
		m = reach_comp(rs, &k->args[i], depth);
	return m;
}

/* The first problem of an element or of anything it uses (memoised;
 * an element in a cycle counts as fine here). */
static const char *
reach(struct resolver *rs, enum oval_pkind kind, uint32_t idx, int depth)
{
	struct oval_defs *d = rs->c->d;
	const char *m;
	uint32_t i;

	if (idx == OVAL_NONE || depth > PROPAGATE_MAX_DEPTH)
		return NULL;
	if (rs->mark[kind][idx] != 0)
		return rs->err[kind][idx];
	rs->mark[kind][idx] = 1;
	m = rs->err[kind][idx];
	depth++;
	switch (kind) {
	case OVAL_PK_TEST:
		if (m == NULL)
			m = reach(rs, OVAL_PK_OBJ, d->tests[idx].object, depth);
		for (i = 0; m == NULL && i < d->tests[idx].nstates; i++)
			m = reach(rs, OVAL_PK_STATE, d->tests[idx].states[i],
			    depth);
		break;
	case OVAL_PK_OBJ: {
		const struct oval_object *o = &d->objects[idx];

		if (m == NULL)
			m = reach_ents(rs, o->ents, o->nents, depth);
		if (m == NULL && o->set)
			m = reach_set(rs, o->set, depth);
		if (m == NULL)
			m = reach_filters(rs, o->filters, o->nfilters, depth);
		if (m == NULL)
			m = reach(rs, OVAL_PK_VAR, o->var_ref_var, depth);
		break;
	}
	case OVAL_PK_STATE:
		if (m == NULL)
			m = reach_ents(rs, d->states[idx].ents,
			    d->states[idx].nents, depth);
		break;
	case OVAL_PK_VAR:
		if (m == NULL && d->vars[idx].comp)
			m = reach_comp(rs, d->vars[idx].comp, depth);
		break;
	default:
		break;
	}
	rs->err[kind][idx] = m;
	rs->mark[kind][idx] = 2;
	return m;
}

static const char *
reach_cnode(struct resolver *rs, const struct oval_cnode *n)
{
	const char *m = NULL;
	uint32_t i;

	if (n->kind == OVAL_CN_CRITERION)
		m = reach(rs, OVAL_PK_TEST, n->ref, 0);
	for (i = 0; m == NULL && i < n->nkids; i++)
		m = reach_cnode(rs, &n->kids[i]);
	return m;
}

static void
resolve_and_propagate(struct oval_pctx *c)
{
	struct oval_defs *d = c->d;
	struct resolver rs;
	uint32_t n[OVAL_PK__COUNT], i;
	int k;

	memset(&rs, 0, sizeof(rs));
	rs.c = c;
	resolve_all(&rs);
	n[OVAL_PK_DEF] = 0;	/* definitions carry their own error */
	n[OVAL_PK_TEST] = d->ntests;
	n[OVAL_PK_OBJ] = d->nobjects;
	n[OVAL_PK_STATE] = d->nstates;
	n[OVAL_PK_VAR] = d->nvars;
	for (k = OVAL_PK_TEST; k < OVAL_PK__COUNT; k++) {
		rs.err[k] = ks_calloc((size_t)n[k] + 1, sizeof(*rs.err[k]));
		rs.mark[k] = ks_calloc((size_t)n[k] + 1, 1);
	}
	for (i = 0; i < c->nerrs; i++) {
		const struct oval_perr *e = &c->errs[i];

		if (e->kind != OVAL_PK_DEF && e->idx < n[e->kind] &&
		    rs.err[e->kind][e->idx] == NULL)
			rs.err[e->kind][e->idx] = e->msg;
	}
	for (i = 0; i < d->ndefs; i++) {
		if (d->defs[i].error == NULL && d->defs[i].criteria)
			d->defs[i].error = reach_cnode(&rs,
			    d->defs[i].criteria);
	}
	for (k = OVAL_PK_TEST; k < OVAL_PK__COUNT; k++) {
		free(rs.err[k]);
		free(rs.mark[k]);
	}
}

/* ---- entry points -------------------------------------------------------- */

static void
cnode_free(struct oval_cnode *n)
{
	if (n == NULL)
		return;
	cnode_free_kids(n);
	free(n);
}

/* Frees d and everything it holds (the pool with every string of the
 * model); NULL is fine. Also works on a model whose arrays were allocated
 * one by one with malloc, as parse_*.c does. */
void
oval_defs_free(struct oval_defs *d)
{
	uint32_t i, j;

	if (d == NULL)
		return;
	for (i = 0; i < d->ndefs; i++) {
		free(d->defs[i].platforms);
		free(d->defs[i].products);
		free(d->defs[i].refs);
		cnode_free(d->defs[i].criteria);
	}
	free(d->defs);
	for (i = 0; i < d->ntests; i++)
		free(d->tests[i].states);
	free(d->tests);
	for (i = 0; i < d->nobjects; i++) {
		struct oval_object *o = &d->objects[i];

		free(o->behaviors);
		for (j = 0; j < o->nents; j++)
			oval_p_entity_free(&o->ents[j]);
		free(o->ents);
		oval_p_set_free(o->set);
		free(o->filters);
	}
	free(d->objects);
	for (i = 0; i < d->nstates; i++) {
		for (j = 0; j < d->states[i].nents; j++)
			oval_p_entity_free(&d->states[i].ents[j]);
		free(d->states[i].ents);
	}
	free(d->states);
	for (i = 0; i < d->nvars; i++) {
		struct oval_variable *v = &d->vars[i];

		free(v->values);
		if (v->comp) {
			oval_p_comp_free(v->comp);
			free(v->comp);
		}
		for (j = 0; j < v->npossibles; j++)
			free(v->possibles[j].restrictions);
		free(v->possibles);
	}
	free(d->vars);
	ks_map_free(d->def_ids);
	ks_map_free(d->test_ids);
	ks_map_free(d->obj_ids);
	ks_map_free(d->state_ids);
	ks_map_free(d->var_ids);
	ks_strpool_free(d->pool);
	free(d->path);
	free(d->schema_version);
	free(d);
}

/* The index of id in one of d's id maps, OVAL_NONE when absent (or when
 * ids or id is NULL). */
uint32_t
oval_defs_find(const struct ks_map *ids, const char *id)
{
	uintptr_t v;

	if (ids == NULL || id == NULL)
		return OVAL_NONE;
	v = (uintptr_t)ks_map_get(ids, id);
	return v == 0 ? OVAL_NONE : (uint32_t)(v - 1);
}

static int
defs_new(struct oval_defs **out, const char *path)
{
	struct oval_defs *d = ks_calloc(1, sizeof(*d));
	int rc;

	*out = NULL;
	d->path = ks_strdup(path);
	if ((rc = ks_strpool_new(&d->pool)) < 0 ||
	    (rc = ks_map_new(&d->def_ids)) < 0 ||
	    (rc = ks_map_new(&d->test_ids)) < 0 ||
	    (rc = ks_map_new(&d->obj_ids)) < 0 ||
	    (rc = ks_map_new(&d->state_ids)) < 0 ||
	    (rc = ks_map_new(&d->var_ids)) < 0) {
		oval_defs_free(d);
		return rc;
	}
	*out = d;
	return 0;
}

/* Shrinks the top-level arrays to their size (they grew by doubling). */
static void
defs_trim(struct oval_defs *d)
{
	if (d->ndefs)
		oval_p_shrink(&d->defs, d->ndefs, sizeof(*d->defs));
	if (d->ntests)
		oval_p_shrink(&d->tests, d->ntests, sizeof(*d->tests));
	if (d->nobjects)
		oval_p_shrink(&d->objects, d->nobjects, sizeof(*d->objects));
	if (d->nstates)
		oval_p_shrink(&d->states, d->nstates, sizeof(*d->states));
	if (d->nvars)
		oval_p_shrink(&d->vars, d->nvars, sizeof(*d->vars));
}

/* Parses path, or buf[0..len), or the DOM subtree node (the others
 * NULL), named name. */
static int
parse_doc(struct oval_defs **out, const char *path, const char *buf,
    size_t len, const struct _xmlNode *node, const char *name)
{
	struct oval_pctx c;
	struct oval_defs *d = NULL;
	int rc = KS_ERROR;
	size_t i;

	*out = NULL;
	memset(&c, 0, sizeof(c));
	c.name = name;
	for (i = 0; i < PA__COUNT; i++)
		c.aoff[i] = SIZE_MAX;
	ks_buf_init(&c.text, KS_XML_MAX_TEXT);
	ks_buf_init(&c.abuf, KS_XML_MAX_TEXT);
	ks_buf_init(&c.adv, OVAL_P_MAX_ADVISORY);
	rc = defs_new(&d, name);
	if (rc < 0)
		goto out;
	c.d = d;
	rc = oval_p_sax_run(&c, path, buf, len, node);
	if (rc < 0)
		goto out;
	resolve_and_propagate(&c);
	defs_trim(d);
	*out = d;
	d = NULL;
	rc = 0;
out:
	oval_defs_free(d);
	free(c.refs);
	free(c.errs);
	ks_buf_free(&c.text);
	ks_buf_free(&c.abuf);
	ks_buf_free(&c.adv);
	oval_p_sax_free(&c);
	return rc;
}

/*
 * Streams the definitions document at path into a new model (*out, the
 * caller frees it with oval_defs_free). Problems of single elements become
 * `error` texts on the definitions that use them; only a malformed
 * document (KS_EPARSE "file:line:col: ..."), one nested deeper than
 * KS_XML_MAX_DEPTH or with a too big text (KS_ELIMIT), a wrong root
 * element (KS_EPARSE) or an unreadable file (KS_ENOTFOUND, KS_EPERM,
 * KS_ERROR) fails; then *out is NULL.
 */
int
oval_defs_parse(struct oval_defs **out, const char *path)
{
	return parse_doc(out, path, NULL, 0, NULL, path);
}

/* As oval_defs_parse, from buf[0..len) (borrowed for the call); name
 * (NULL: "<memory>") is used in messages and as d->path. */
int
oval_defs_parse_mem(struct oval_defs **out, const char *buf, size_t len,
    const char *name)
{
	if (name == NULL)
		name = "<memory>";
	return parse_doc(out, NULL, buf != NULL ? buf : "", len, NULL, name);
}

/* As oval_defs_parse, from the DOM subtree at root (an oval_definitions
 * element; borrowed for the call), replayed without serializing it. */
int
oval_defs_parse_node(struct oval_defs **out, const struct _xmlNode *root,
    const char *name)
{
	if (name == NULL)
		name = "<memory>";
	return parse_doc(out, NULL, NULL, 0, root, name);
}
