/*
 * XCCDF 1.1/1.2 Benchmark and Tailoring elements -> struct xccdf_bench:
 * items in document order, profiles and values, then the Loading steps of
 * NIST IR 7275r4 section 7.2.2 (Resolve.Items, Resolve.Profiles). It does
 * not decide what a profile selects (xccdf_policy.c) nor render texts
 * (xccdf_text.c). Strings are borrowed from the DOM or interned in b->pool;
 * every array hangs off one arena freed with the benchmark.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>

#include "platform/base/base.h"
#include "xccdf/xccdf_int.h"
#include "xccdf/xccdf_parse_int.h"

#define CPE_LANG_NS		"http://cpe.mitre.org/language/2.0"
#define XCCDF_TAILOR_NS_11 \
	"http://open-scap.org/page/Xccdf-1.1-tailoring"
/* An extends chain longer than this is hostile, not a checklist. */
#define MAX_EXTENDS_DEPTH	1024
#define ARENA_CHUNK		(64u * 1024)

/* ---- arena: every model array, freed at once ----------------------------- */

struct arena_chunk {
	struct arena_chunk	*next;
	size_t			 cap, used;
	max_align_t		 data[];
};
struct arena {
	struct arena_chunk	*head;
};

/* Zeroed memory for n bytes that lives until arena_free; NULL for 0. */
static void *
arena_alloc(struct arena *a, size_t n)
{
	struct arena_chunk *ch = a->head;
	void *p;

	if (n == 0)
		return NULL;
	n = (n + 15) & ~(size_t)15;
	if (ch == NULL || ch->cap - ch->used < n) {
		size_t cap = n > ARENA_CHUNK ? n : ARENA_CHUNK;

		ch = ks_calloc(1, sizeof(*ch) + cap);
		ch->cap = cap;
		if (a->head != NULL && n > ARENA_CHUNK / 2) {
			/* A big block gets its own chunk behind the head so
			 * the head's free space stays usable. */
			ch->next = a->head->next;
			a->head->next = ch;
		} else {
			ch->next = a->head;
			a->head = ch;
		}
	}
	p = (char *)ch->data + ch->used;
	ch->used += n;
	return p;
}

static void *
arena_array(struct arena *a, size_t n, size_t esz)
{
	if (n != 0 && esz > SIZE_MAX / n)
		abort();
	return arena_alloc(a, n * esz);
}

static void
arena_free(struct arena *a)
{
	struct arena_chunk *ch, *next;

	for (ch = a->head; ch != NULL; ch = next) {
		next = ch->next;
		free(ch);
	}
	a->head = NULL;
}

/* x[0..nx) followed by y[0..ny) in the arena (shares when one is empty). */
static void *
arena_cat(struct arena *a, const void *x, uint32_t nx, const void *y,
    uint32_t ny, size_t esz)
{
	char *r;

	if (nx == 0)
		return (void *)(uintptr_t)y;
	if (ny == 0)
		return (void *)(uintptr_t)x;
	r = arena_array(a, (size_t)nx + ny, esz);
	memcpy(r, x, (size_t)nx * esz);
	memcpy(r + (size_t)nx * esz, y, (size_t)ny * esz);
	return r;
}

/* ---- the benchmark with its private parts -------------------------------- */

struct bench_priv {
	struct xccdf_bench	 b;		/* first: cast both ways */
	struct arena		 arena;
	struct ks_map		*plain;	/* plain-text id -> node */
	uint32_t		 cap_items;
	uint32_t		 cap_profiles;
};

static struct bench_priv *
priv_of(const struct xccdf_bench *b)
{
	return (struct bench_priv *)(uintptr_t)b;
}

/* Which item attributes an element wrote itself (the rest are inherited
 * through extends). */
#define S_SELECTED	(1u << 0)
#define S_WEIGHT	(1u << 1)
#define S_HIDDEN	(1u << 2)
#define S_PROHIBIT	(1u << 3)
#define S_CLUSTER	(1u << 4)
#define S_VERSION	(1u << 5)
#define S_ROLE		(1u << 6)
#define S_SEVERITY	(1u << 7)
#define S_MULTIPLE	(1u << 8)
#define S_TYPE		(1u << 9)
#define S_OP		(1u << 10)
#define S_INTERACTIVE	(1u << 11)
#define S_PLAT_OVR	(1u << 12)	/* a <platform override="true"> */

struct pctx {
	struct bench_priv	*bp;
	struct xccdf_bench	*b;
	struct arena		*a;
	const char		*file;
	uint32_t		*set;		/* S_* per item */
	uint32_t		 cap_set;
	/* XCCDF namespace nodes seen: every element of a document shares
	 * one or two, so a pointer compare replaces two strcmp */
	const xmlNs		*xns[2];
};

static const char *const type_names[] = {
	[XCCDF_ITEM_BENCHMARK] = "Benchmark",
	[XCCDF_ITEM_GROUP] = "Group",
	[XCCDF_ITEM_RULE] = "Rule",
	[XCCDF_ITEM_VALUE] = "Value",
};

/* ---- DOM helpers --------------------------------------------------------- */

static long
line_of(const xmlNode *n)
{
	return n != NULL ? xmlGetLineNo(n) : 0;
}

static bool
ns_is(const xmlNode *n, const char *href)
{
	return n->ns != NULL && n->ns->href != NULL &&
	    strcmp((const char *)n->ns->href, href) == 0;
}

static bool
is_xccdf_ns(const xmlNode *n)
{
	return ns_is(n, XCCDF_NS_12) || ns_is(n, XCCDF_NS_11);
}

bool
xccdf_xml_is(const struct _xmlNode *n, const char *local)
{
	return n != NULL && n->type == XML_ELEMENT_NODE && is_xccdf_ns(n) &&
	    strcmp((const char *)n->name, local) == 0;
}

/* is_xccdf_ns with the namespace pointers cached in c. */
static bool
xns(struct pctx *c, const xmlNode *n)
{
	if (n->ns == NULL)
		return false;
	if (n->ns == c->xns[0] || n->ns == c->xns[1])
		return true;
	if (!is_xccdf_ns(n))
		return false;
	c->xns[1] = c->xns[0];
	c->xns[0] = n->ns;
	return true;
}

/* xccdf_xml_is through the cache. */
static bool
is_el(struct pctx *c, const xmlNode *n, const char *local)
{
	return n->type == XML_ELEMENT_NODE && xns(c, n) &&
	    strcmp((const char *)n->name, local) == 0;
}

static const char *
intern(struct pctx *c, const char *s)
{
	return ks_strpool_intern(c->b->pool, s, strlen(s));
}

/* An unqualified attribute's value, borrowed from the DOM when it is one
 * text node (the usual case), else interned; NULL when absent. */
static const char *
attr(struct pctx *c, const xmlNode *n, const char *name)
{
	const xmlAttr *a;

	for (a = n->properties; a != NULL; a = a->next) {
		const xmlNode *t = a->children;
		xmlChar *s;
		const char *r;

		if (a->ns != NULL || strcmp((const char *)a->name, name) != 0)
			continue;
		if (t == NULL)
			return "";
		if (t->type == XML_TEXT_NODE && t->next == NULL &&
		    t->content != NULL)
			return (const char *)t->content;
		s = xmlNodeListGetString(a->doc, a->children, 1);
		r = intern(c, s != NULL ? (const char *)s : "");
		xmlFree(s);
		return r;
	}
	return NULL;
}

/* An element's text content, borrowed when it is one text node. */
static const char *
text_of(struct pctx *c, const xmlNode *n)
{
	const xmlNode *t = n->children;
	xmlChar *s;
	const char *r;

	if (t == NULL)
		return "";
	if ((t->type == XML_TEXT_NODE || t->type == XML_CDATA_SECTION_NODE) &&
	    t->next == NULL && t->content != NULL)
		return (const char *)t->content;
	s = xmlNodeGetContent(n);
	r = intern(c, s != NULL ? (const char *)s : "");
	xmlFree(s);
	return r;
}

/* The inherited xml:lang of n, interned (so langs compare by pointer). */
static const char *
lang_of(struct pctx *c, const xmlNode *n)
{
	xmlChar *l = xmlNodeGetLang(n);
	const char *r;

	if (l == NULL)
		return NULL;
	r = intern(c, (const char *)l);
	xmlFree(l);
	return r;
}

/* xsd:boolean; a bad value warns and keeps the default. */
static bool
parse_bool(struct pctx *c, const xmlNode *n, const char *name, const char *v,
    bool dflt)
{
	if (v == NULL)
		return dflt;
	if (strcmp(v, "true") == 0 || strcmp(v, "1") == 0)
		return true;
	if (strcmp(v, "false") == 0 || strcmp(v, "0") == 0)
		return false;
	ks_warn("%s:%ld: <%s %s=\"%s\">: not a boolean, using %s", c->file,
	    line_of(n), (const char *)n->name, name, v,
	    dflt ? "true" : "false");
	return dflt;
}

/* A enumerated attribute: parse(v) or warn and keep the default. */
static int
parse_enum(struct pctx *c, const xmlNode *n, const char *name, const char *v,
    int (*parse)(const char *), int dflt)
{
	int r = parse(v);

	if (r >= 0)
		return r;
	ks_warn("%s:%ld: <%s %s=\"%s\">: unknown value, using the default",
	    c->file, line_of(n), (const char *)n->name, name, v);
	return dflt;
}

static bool
parse_weight(struct pctx *c, const xmlNode *n, const char *v, double *out)
{
	char *end;
	double d = strtod(v, &end);

	if (end == v || *end != '\0' || !(d >= 0.0) || d > 1e300) {
		ks_warn("%s:%ld: <%s weight=\"%s\">: not a weight, using 1.0",
		    c->file, line_of(n), (const char *)n->name, v);
		return false;
	}
	*out = d;
	return true;
}

/* ---- child element kinds ----------------------------------------------- */

enum kind {
	K_OTHER, K_STATUS, K_VERSION, K_TITLE, K_DESC, K_WARNING,
	K_QUESTION, K_REFERENCE, K_RATIONALE, K_PLATFORM, K_REQUIRES,
	K_CONFLICTS, K_IDENT, K_FIXTEXT, K_FIX, K_CHECK, K_CCHECK, K_VAL,
	K_DEFAULT, K_LOWER, K_UPPER, K_MATCH, K_CHOICES, K_CVAL, K_CDEFAULT,
	K_GROUP, K_RULE, K_VALUE, K_PROFILE, K_MODEL, K_PLAINTEXT, K_PLATSPEC,
	K_N
};

static const char *const kind_names[K_N] = {
	[K_STATUS] = "status", [K_VERSION] = "version", [K_TITLE] = "title",
	[K_DESC] = "description", [K_WARNING] = "warning",
	[K_QUESTION] = "question", [K_REFERENCE] = "reference",
	[K_RATIONALE] = "rationale", [K_PLATFORM] = "platform",
	[K_REQUIRES] = "requires", [K_CONFLICTS] = "conflicts",
	[K_IDENT] = "ident", [K_FIXTEXT] = "fixtext", [K_FIX] = "fix",
	[K_CHECK] = "check", [K_CCHECK] = "complex-check", [K_VAL] = "value",
	[K_DEFAULT] = "default", [K_LOWER] = "lower-bound",
	[K_UPPER] = "upper-bound", [K_MATCH] = "match",
	[K_CHOICES] = "choices", [K_CVAL] = "complex-value",
	[K_CDEFAULT] = "complex-default", [K_GROUP] = "Group",
	[K_RULE] = "Rule", [K_VALUE] = "Value", [K_PROFILE] = "Profile",
	[K_MODEL] = "model", [K_PLAINTEXT] = "plain-text",
};

static enum kind
kind_of(struct pctx *c, const xmlNode *n)
{
	const char *name = (const char *)n->name;
	int k;

	if (n->type != XML_ELEMENT_NODE)
		return K_OTHER;
	if (!xns(c, n)) {
		if (ns_is(n, CPE_LANG_NS) && strcmp((const char *)n->name,
		    "platform-specification") == 0)
			return K_PLATSPEC;
		return K_OTHER;
	}
	for (k = 1; k < K_N; k++)
		if (kind_names[k] != NULL && kind_names[k][0] == name[0] &&
		    strcmp(name, kind_names[k]) == 0)
			return (enum kind)k;
	return K_OTHER;
}

/* ---- pieces -------------------------------------------------------------- */

static void
add_text(struct pctx *c, struct xccdf_texts *t, xmlNode *n)
{
	struct xccdf_text *x = &t->v[t->n++];

	x->node = n;
	x->lang = lang_of(c, n);
	x->override = parse_bool(c, n, "override", attr(c, n, "override"),
	    false);
}

static void
alloc_texts(struct pctx *c, struct xccdf_texts *t, uint32_t n)
{
	t->v = arena_array(c->a, n, sizeof(*t->v));
	t->n = 0;
}

/* requires@idref: a whitespace-separated list (XCCDF 1.2 idrefListType). */
static void
parse_idrefs(struct pctx *c, const char *s, struct xccdf_idrefs *out)
{
	const char *p;
	uint32_t n = 0;

	for (p = s; *p != '\0';) {
		while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
			p++;
		if (*p == '\0')
			break;
		n++;
		while (*p != '\0' && *p != ' ' && *p != '\t' && *p != '\n' &&
		    *p != '\r')
			p++;
	}
	out->v = arena_array(c->a, n, sizeof(*out->v));
	out->n = 0;
	for (p = s; *p != '\0';) {
		const char *q;

		while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
			p++;
		if (*p == '\0')
			break;
		q = p;
		while (*q != '\0' && *q != ' ' && *q != '\t' && *q != '\n' &&
		    *q != '\r')
			q++;
		out->v[out->n++] = ks_strpool_intern(c->b->pool, p,
		    (size_t)(q - p));
		p = q;
	}
}

static void
parse_check(struct pctx *c, xmlNode *n, struct xccdf_check *ck)
{
	xmlNode *k;
	uint32_t nr = 0, ne = 0, ni = 0;

	ck->op = XCCDF_CC_NONE;
	ck->node = n;
	ck->system = attr(c, n, "system");
	ck->selector = attr(c, n, "selector");
	ck->id = attr(c, n, "id");
	ck->negate = parse_bool(c, n, "negate", attr(c, n, "negate"), false);
	ck->multi_check = parse_bool(c, n, "multi-check",
	    attr(c, n, "multi-check"), false);
	for (k = n->children; k != NULL; k = k->next) {
		if (is_el(c, k, "check-content-ref"))
			nr++;
		else if (is_el(c, k, "check-export"))
			ne++;
		else if (is_el(c, k, "check-import"))
			ni++;
		else if (is_el(c, k, "check-content") && ck->content == NULL) {
			ck->has_content = true;
			ck->content = k;
		}
	}
	ck->refs = arena_array(c->a, nr, sizeof(*ck->refs));
	ck->exports = arena_array(c->a, ne, sizeof(*ck->exports));
	ck->imports = arena_array(c->a, ni, sizeof(*ck->imports));
	for (k = n->children; k != NULL; k = k->next) {
		if (is_el(c, k, "check-content-ref")) {
			struct xccdf_check_ref *r = &ck->refs[ck->nrefs++];

			r->href = attr(c, k, "href");
			r->name = attr(c, k, "name");
			if (r->href == NULL) {
				ks_warn("%s:%ld: <check-content-ref> without "
				    "href", c->file, line_of(k));
				r->href = "";
			}
		} else if (is_el(c, k, "check-export")) {
			struct xccdf_check_export *e =
			    &ck->exports[ck->nexports++];

			e->value_id = attr(c, k, "value-id");
			e->export_name = attr(c, k, "export-name");
			if (e->value_id == NULL || e->export_name == NULL) {
				ks_warn("%s:%ld: <check-export> needs value-id "
				    "and export-name", c->file, line_of(k));
				ck->nexports--;
			}
		} else if (is_el(c, k, "check-import")) {
			struct xccdf_check_import_ *im =
			    &ck->imports[ck->nimports++];

			im->name = attr(c, k, "import-name");
			im->xpath = attr(c, k, "import-xpath");
			if (im->name == NULL)
				im->name = "";
		}
	}
}

/* complex-check (XCCDF 1.2 section 6.4.4.4): operator AND/OR over checks
 * and complex-checks, with negate. Depth is capped by the XML loader. */
static void
parse_complex(struct pctx *c, xmlNode *n, struct xccdf_check *ck)
{
	const char *op = attr(c, n, "operator");
	xmlNode *k;
	uint32_t nk = 0;

	ck->node = n;
	ck->negate = parse_bool(c, n, "negate", attr(c, n, "negate"), false);
	if (op != NULL && strcmp(op, "OR") == 0) {
		ck->op = XCCDF_CC_OR;
	} else {
		ck->op = XCCDF_CC_AND;
		if (op == NULL || strcmp(op, "AND") != 0)
			ks_warn("%s:%ld: <complex-check operator=\"%s\">: "
			    "using AND", c->file, line_of(n),
			    op != NULL ? op : "");
	}
	for (k = n->children; k != NULL; k = k->next)
		if (is_el(c, k, "check") || is_el(c, k,
		    "complex-check"))
			nk++;
	ck->kids = arena_array(c->a, nk, sizeof(*ck->kids));
	for (k = n->children; k != NULL; k = k->next) {
		if (is_el(c, k, "check"))
			parse_check(c, k, &ck->kids[ck->nkids++]);
		else if (is_el(c, k, "complex-check"))
			parse_complex(c, k, &ck->kids[ck->nkids++]);
	}
}

/* <value selector="s">text</value> and friends; complex-value (1.2) gives
 * its first <item>. */
static void
add_sel(struct pctx *c, struct xccdf_sel_str *arr, uint32_t *n, xmlNode *k,
    bool complex)
{
	struct xccdf_sel_str *s = &arr[(*n)++];
	const char *sel = attr(c, k, "selector");

	s->selector = sel != NULL ? sel : "";
	s->value = "";
	if (!complex) {
		s->value = text_of(c, k);
		return;
	}
	for (k = k->children; k != NULL; k = k->next)
		if (is_el(c, k, "item")) {
			s->value = text_of(c, k);
			break;
		}
}

static void
parse_choices(struct pctx *c, xmlNode *n, struct xccdf_choices *ch)
{
	const char *sel = attr(c, n, "selector");
	xmlNode *k;
	uint32_t nc = 0;

	ch->selector = sel != NULL ? sel : "";
	ch->must_match = parse_bool(c, n, "mustMatch",
	    attr(c, n, "mustMatch"), false);
	for (k = n->children; k != NULL; k = k->next)
		if (is_el(c, k, "choice"))
			nc++;
	ch->v = arena_array(c->a, nc, sizeof(*ch->v));
	for (k = n->children; k != NULL; k = k->next)
		if (is_el(c, k, "choice"))
			ch->v[ch->n++] = text_of(c, k);
}

/* ---- items --------------------------------------------------------------- */

static uint32_t
item_reserve(struct pctx *c)
{
	struct bench_priv *bp = c->bp;
	struct xccdf_bench *b = c->b;

	if (b->nitems == bp->cap_items) {
		uint32_t cap = bp->cap_items ? bp->cap_items * 2 : 64;

		if (cap <= bp->cap_items)
			abort();
		b->items = ks_realloc(b->items, (size_t)cap *
		    sizeof(*b->items));
		c->set = ks_realloc(c->set, (size_t)cap * sizeof(*c->set));
		bp->cap_items = cap;
		c->cap_set = cap;
	}
	memset(&b->items[b->nitems], 0, sizeof(b->items[0]));
	c->set[b->nitems] = 0;
	return b->nitems++;
}

static void
item_attrs(struct pctx *c, xmlNode *n, struct xccdf_item *it, uint32_t *set)
{
	const xmlAttr *a;

	for (a = n->properties; a != NULL; a = a->next) {
		const char *name = (const char *)a->name;
		const char *v;

		if (a->ns != NULL)
			continue;
		v = attr(c, n, name);
		if (strcmp(name, "extends") == 0) {
			it->extends = v;
		} else if (strcmp(name, "abstract") == 0) {
			it->abstract = parse_bool(c, n, name, v, false);
		} else if (strcmp(name, "hidden") == 0) {
			it->hidden = parse_bool(c, n, name, v, false);
			*set |= S_HIDDEN;
		} else if (strcmp(name, "prohibitChanges") == 0) {
			it->prohibit_changes = parse_bool(c, n, name, v, false);
			*set |= S_PROHIBIT;
		} else if (strcmp(name, "cluster-id") == 0) {
			it->cluster_id = v;
			*set |= S_CLUSTER;
		} else if (strcmp(name, "selected") == 0 &&
		    it->type != XCCDF_ITEM_VALUE) {
			it->selected = parse_bool(c, n, name, v, true);
			*set |= S_SELECTED;
		} else if (strcmp(name, "weight") == 0) {
			if (parse_weight(c, n, v, &it->weight))
				*set |= S_WEIGHT;
		} else if (strcmp(name, "role") == 0) {
			it->role = parse_enum(c, n, name, v, xccdf_role_parse,
			    XCCDF_ROLE_FULL);
			*set |= S_ROLE;
		} else if (strcmp(name, "severity") == 0) {
			it->severity = parse_enum(c, n, name, v,
			    xccdf_severity_parse, XCCDF_SEV_UNKNOWN);
			*set |= S_SEVERITY;
		} else if (strcmp(name, "multiple") == 0) {
			it->multiple = parse_bool(c, n, name, v, false);
			*set |= S_MULTIPLE;
		} else if (strcmp(name, "type") == 0 &&
		    it->type == XCCDF_ITEM_VALUE) {
			it->vtype = parse_enum(c, n, name, v,
			    xccdf_value_type_parse, XCCDF_VT_STRING);
			*set |= S_TYPE;
		} else if (strcmp(name, "operator") == 0 &&
		    it->type == XCCDF_ITEM_VALUE) {
			it->vop = parse_enum(c, n, name, v,
			    xccdf_value_op_parse, XCCDF_OP_EQUALS);
			*set |= S_OP;
		} else if (strcmp(name, "interactive") == 0) {
			it->interactive = parse_bool(c, n, name, v, false);
			*set |= S_INTERACTIVE;
		}
	}
}

static int parse_profile(struct pctx *c, xmlNode *n, struct xccdf_profile *p,
    bool tailoring);

/* A status that is newer than *cur (by @date; undated: the later one). */
static void
bench_status(struct pctx *c, xmlNode *k)
{
	struct xccdf_bench *b = c->b;
	const char *date = attr(c, k, "date");

	if (b->status == NULL || (date != NULL && (b->status_date == NULL ||
	    strcmp(date, b->status_date) >= 0)) ||
	    (date == NULL && b->status_date == NULL)) {
		b->status = text_of(c, k);
		b->status_date = date;
	}
}

/*
 * Parses a Benchmark, Group, Rule or Value element into a new item whose
 * index goes to *out (kids after it, in document order). Children are
 * counted first so every array is allocated once in the arena.
 */
static int
parse_item(struct pctx *c, xmlNode *n, enum xccdf_item_type type,
    uint32_t parent, uint32_t *out)
{
	struct xccdf_bench *b = c->b;
	struct xccdf_item it;
	uint32_t cnt[K_N] = { 0 };
	uint32_t idx, set = 0, nprof = 0;
	const char *id;
	xmlNode *k;
	int rc = KS_ERROR;

	id = attr(c, n, "id");
	if (id == NULL || *id == '\0') {
		ks_error_set("%s:%ld: <%s> without id", c->file, line_of(n),
		    (const char *)n->name);
		return KS_EPARSE;
	}
	if (ks_map_get(b->item_ids, id) != NULL) {
		ks_error_set("%s:%ld: <%s>: duplicate id '%s'", c->file,
		    line_of(n), (const char *)n->name, id);
		return KS_EPARSE;
	}
	idx = item_reserve(c);
	if (ks_map_put(b->item_ids, id, (void *)(uintptr_t)(idx + 1)) != 0)
		return KS_ENOMEM;
	*out = idx;

	memset(&it, 0, sizeof(it));
	it.type = type;
	it.id = id;
	it.parent = parent;
	it.node = n;
	it.selected = true;
	it.weight = 1.0;
	it.role = XCCDF_ROLE_FULL;
	it.severity = XCCDF_SEV_UNKNOWN;
	it.vtype = XCCDF_VT_STRING;
	it.vop = XCCDF_OP_EQUALS;
	if (type != XCCDF_ITEM_BENCHMARK)
		item_attrs(c, n, &it, &set);

	for (k = n->children; k != NULL; k = k->next)
		if (k->type == XML_ELEMENT_NODE)
			cnt[kind_of(c, k)]++;
	alloc_texts(c, &it.title, cnt[K_TITLE]);
	alloc_texts(c, &it.description, cnt[K_DESC]);
	alloc_texts(c, &it.rationale, cnt[K_RATIONALE]);
	alloc_texts(c, &it.warning, cnt[K_WARNING]);
	alloc_texts(c, &it.fixtext, cnt[K_FIXTEXT]);
	alloc_texts(c, &it.question, cnt[K_QUESTION]);
	it.platforms = arena_array(c->a, cnt[K_PLATFORM], sizeof(char *));
	it.references = arena_array(c->a, cnt[K_REFERENCE], sizeof(void *));
	it.requires = arena_array(c->a, cnt[K_REQUIRES],
	    sizeof(*it.requires));
	it.conflicts = arena_array(c->a, cnt[K_CONFLICTS], sizeof(char *));
	it.idents = arena_array(c->a, cnt[K_IDENT], sizeof(*it.idents));
	it.checks = arena_array(c->a, cnt[K_CHECK], sizeof(*it.checks));
	it.fixes = arena_array(c->a, cnt[K_FIX], sizeof(void *));
	it.values = arena_array(c->a, cnt[K_VAL] + cnt[K_CVAL],
	    sizeof(*it.values));
	it.defaults = arena_array(c->a, cnt[K_DEFAULT] + cnt[K_CDEFAULT],
	    sizeof(*it.defaults));
	it.lower = arena_array(c->a, cnt[K_LOWER], sizeof(*it.lower));
	it.upper = arena_array(c->a, cnt[K_UPPER], sizeof(*it.upper));
	it.match = arena_array(c->a, cnt[K_MATCH], sizeof(*it.match));
	it.choices = arena_array(c->a, cnt[K_CHOICES], sizeof(*it.choices));
	if (type == XCCDF_ITEM_BENCHMARK || type == XCCDF_ITEM_GROUP)
		it.kids = arena_array(c->a, cnt[K_GROUP] + cnt[K_RULE] +
		    cnt[K_VALUE], sizeof(*it.kids));
	if (type == XCCDF_ITEM_BENCHMARK) {
		b->models = arena_array(c->a, cnt[K_MODEL], sizeof(char *));
		b->profiles = ks_calloc(cnt[K_PROFILE] ? cnt[K_PROFILE] : 1,
		    sizeof(*b->profiles));
		c->bp->cap_profiles = cnt[K_PROFILE] ? cnt[K_PROFILE] : 1;
	}

	for (k = n->children; k != NULL; k = k->next) {
		enum kind kd = kind_of(c, k);
		const char *v;
		uint32_t kid;

		switch (kd) {
		case K_STATUS:
			if (type == XCCDF_ITEM_BENCHMARK)
				bench_status(c, k);
			break;
		case K_VERSION:
			it.version = text_of(c, k);
			set |= S_VERSION;
			if (type == XCCDF_ITEM_BENCHMARK)
				b->version_str = it.version;
			break;
		case K_TITLE:
			add_text(c, &it.title, k);
			break;
		case K_DESC:
			add_text(c, &it.description, k);
			break;
		case K_WARNING:
			add_text(c, &it.warning, k);
			break;
		case K_QUESTION:
			add_text(c, &it.question, k);
			break;
		case K_RATIONALE:
			add_text(c, &it.rationale, k);
			break;
		case K_FIXTEXT:
			add_text(c, &it.fixtext, k);
			break;
		case K_REFERENCE:
			it.references[it.nreferences++] = k;
			break;
		case K_PLATFORM:
			v = attr(c, k, "idref");
			if (v != NULL)
				it.platforms[it.nplatforms++] = v;
			if (v != NULL && parse_bool(c, k, "override",
			    attr(c, k, "override"), false))
				set |= S_PLAT_OVR;
			if (v == NULL)
				ks_warn("%s:%ld: <platform> without idref",
				    c->file, line_of(k));
			break;
		case K_REQUIRES:
			v = attr(c, k, "idref");
			parse_idrefs(c, v != NULL ? v : "",
			    &it.requires[it.nrequires]);
			if (it.requires[it.nrequires].n > 0)
				it.nrequires++;
			break;
		case K_CONFLICTS:
			v = attr(c, k, "idref");
			if (v != NULL)
				it.conflicts[it.nconflicts++] = v;
			break;
		case K_IDENT:
			it.idents[it.nidents].system = attr(c, k, "system");
			if (it.idents[it.nidents].system == NULL)
				it.idents[it.nidents].system = "";
			it.idents[it.nidents++].value = text_of(c, k);
			break;
		case K_FIX:
			it.fixes[it.nfixes++] = k;
			break;
		case K_CHECK:
			parse_check(c, k, &it.checks[it.nchecks++]);
			break;
		case K_CCHECK:
			if (it.complex == NULL) {
				it.complex = arena_alloc(c->a,
				    sizeof(*it.complex));
				parse_complex(c, k, it.complex);
			}
			break;
		case K_VAL:
		case K_CVAL:
			add_sel(c, it.values, &it.nvalues, k, kd == K_CVAL);
			break;
		case K_DEFAULT:
		case K_CDEFAULT:
			add_sel(c, it.defaults, &it.ndefaults, k,
			    kd == K_CDEFAULT);
			break;
		case K_LOWER:
			add_sel(c, it.lower, &it.nlower, k, false);
			break;
		case K_UPPER:
			add_sel(c, it.upper, &it.nupper, k, false);
			break;
		case K_MATCH:
			add_sel(c, it.match, &it.nmatch, k, false);
			break;
		case K_CHOICES:
			parse_choices(c, k, &it.choices[it.nchoices++]);
			break;
		case K_GROUP:
		case K_RULE:
		case K_VALUE:
			if (it.kids == NULL && type != XCCDF_ITEM_BENCHMARK &&
			    type != XCCDF_ITEM_GROUP)
				break;	/* not allowed here: ignored */
			rc = parse_item(c, k, kd == K_GROUP ? XCCDF_ITEM_GROUP :
			    kd == K_RULE ? XCCDF_ITEM_RULE : XCCDF_ITEM_VALUE,
			    idx, &kid);
			if (rc != 0)
				return rc;
			it.kids[it.nkids++] = kid;
			break;
		case K_PROFILE:
			if (type != XCCDF_ITEM_BENCHMARK)
				break;
			rc = parse_profile(c, k, &b->profiles[nprof], false);
			if (rc != 0)
				return rc;
			nprof++;
			b->nprofiles = nprof;
			break;
		case K_MODEL:
			if (type != XCCDF_ITEM_BENCHMARK)
				break;
			v = attr(c, k, "system");
			if (v != NULL)
				b->models[b->nmodels++] = v;
			break;
		case K_PLAINTEXT:
			v = attr(c, k, "id");
			if (type == XCCDF_ITEM_BENCHMARK && v != NULL &&
			    ks_map_put(c->bp->plain, v, k) != 0)
				return KS_ENOMEM;
			break;
		case K_PLATSPEC:
			if (type == XCCDF_ITEM_BENCHMARK &&
			    b->platform_spec == NULL)
				b->platform_spec = k;
			break;
		case K_OTHER:
		case K_N:
			break;
		}
	}
	b->items[idx] = it;
	c->set[idx] = set;
	return 0;
}

/* ---- profiles ---------------------------------------------------------- */

static int
parse_profile(struct pctx *c, xmlNode *n, struct xccdf_profile *p,
    bool tailoring)
{
	uint32_t nt = 0, nd = 0, npl = 0, nsel = 0, nsv = 0, nrv = 0, nrr = 0;
	const char *v;
	xmlNode *k;

	memset(p, 0, sizeof(*p));
	p->node = n;
	p->from_tailoring = tailoring;
	p->id = attr(c, n, "id");
	if (p->id == NULL || *p->id == '\0') {
		ks_error_set("%s:%ld: <Profile> without id", c->file,
		    line_of(n));
		return KS_EPARSE;
	}
	p->extends = attr(c, n, "extends");
	p->abstract = parse_bool(c, n, "abstract", attr(c, n, "abstract"),
	    false);
	p->prohibit_changes = parse_bool(c, n, "prohibitChanges",
	    attr(c, n, "prohibitChanges"), false);
	for (k = n->children; k != NULL; k = k->next) {
		if (is_el(c, k, "title"))
			nt++;
		else if (is_el(c, k, "description"))
			nd++;
		else if (is_el(c, k, "platform"))
			npl++;
		else if (is_el(c, k, "select"))
			nsel++;
		else if (is_el(c, k, "set-value") ||
		    is_el(c, k, "set-complex-value"))
			nsv++;
		else if (is_el(c, k, "refine-value"))
			nrv++;
		else if (is_el(c, k, "refine-rule"))
			nrr++;
	}
	alloc_texts(c, &p->title, nt);
	alloc_texts(c, &p->description, nd);
	p->platforms = arena_array(c->a, npl, sizeof(char *));
	p->selects = arena_array(c->a, nsel, sizeof(*p->selects));
	p->set_values = arena_array(c->a, nsv, sizeof(*p->set_values));
	p->refine_values = arena_array(c->a, nrv, sizeof(*p->refine_values));
	p->refine_rules = arena_array(c->a, nrr, sizeof(*p->refine_rules));
	for (k = n->children; k != NULL; k = k->next) {
		const char *idref;

		if (k->type != XML_ELEMENT_NODE || !xns(c, k))
			continue;
		if (is_el(c, k, "title")) {
			add_text(c, &p->title, k);
			continue;
		}
		if (is_el(c, k, "description")) {
			add_text(c, &p->description, k);
			continue;
		}
		idref = attr(c, k, "idref");
		if (is_el(c, k, "platform")) {
			if (idref != NULL)
				p->platforms[p->nplatforms++] = idref;
			continue;
		}
		if (!is_el(c, k, "select") && !is_el(c, k,
		    "set-value") && !is_el(c, k, "set-complex-value") &&
		    !is_el(c, k, "refine-value") &&
		    !is_el(c, k, "refine-rule"))
			continue;
		if (idref == NULL || *idref == '\0') {
			ks_warn("%s:%ld: <%s> without idref in Profile '%s': "
			    "ignored", c->file, line_of(k),
			    (const char *)k->name, p->id);
			continue;
		}
		if (is_el(c, k, "select")) {
			struct xccdf_select *s = &p->selects[p->nselects++];

			v = attr(c, k, "selected");
			if (v == NULL)
				ks_warn("%s:%ld: <select idref=\"%s\"> without "
				    "selected: taken as true", c->file,
				    line_of(k), idref);
			s->idref = idref;
			s->selected = parse_bool(c, k, "selected", v, true);
		} else if (is_el(c, k, "set-value") ||
		    is_el(c, k, "set-complex-value")) {
			struct xccdf_set_value *s =
			    &p->set_values[p->nset_values++];
			xmlNode *it;

			s->idref = idref;
			s->complex = is_el(c, k, "set-complex-value");
			if (!s->complex) {
				s->value = text_of(c, k);
				continue;
			}
			s->value = "";
			for (it = k->children; it != NULL; it = it->next)
				if (is_el(c, it, "item")) {
					s->value = text_of(c, it);
					break;
				}
		} else if (is_el(c, k, "refine-value")) {
			struct xccdf_refine_value *r =
			    &p->refine_values[p->nrefine_values++];

			r->idref = idref;
			r->selector = attr(c, k, "selector");
			v = attr(c, k, "operator");
			if (v != NULL) {
				int op = xccdf_value_op_parse(v);

				if (op >= 0) {
					r->has_op = true;
					r->op = op;
				} else {
					ks_warn("%s:%ld: <refine-value "
					    "operator=\"%s\">: unknown, "
					    "ignored", c->file, line_of(k), v);
				}
			}
		} else {
			struct xccdf_refine_rule *r =
			    &p->refine_rules[p->nrefine_rules++];

			r->idref = idref;
			r->selector = attr(c, k, "selector");
			v = attr(c, k, "weight");
			if (v != NULL)
				r->has_weight = parse_weight(c, k, v,
				    &r->weight);
			v = attr(c, k, "severity");
			if (v != NULL && xccdf_severity_parse(v) >= 0) {
				r->has_severity = true;
				r->severity = xccdf_severity_parse(v);
			} else if (v != NULL) {
				ks_warn("%s:%ld: <refine-rule severity=\"%s\">"
				    ": unknown, ignored", c->file, line_of(k),
				    v);
			}
			v = attr(c, k, "role");
			if (v != NULL && xccdf_role_parse(v) >= 0) {
				r->has_role = true;
				r->role = xccdf_role_parse(v);
			} else if (v != NULL) {
				ks_warn("%s:%ld: <refine-rule role=\"%s\">: "
				    "unknown, ignored", c->file, line_of(k), v);
			}
		}
	}
	return 0;
}

/* ---- inheritance (NIST IR 7275r4 section 7.2.2, Resolve.Items) ----------- */

/*
 * Text properties. title and question are "Override" in the item property
 * tables of section 6.4: a text in a language the extending item writes
 * replaces the inherited one in that language. description, warning,
 * rationale and fixtext inherit by appending, except that a text with
 * @override="true" replaces the inherited texts of its language
 * (section 6.2.4 "override").
 */
static void
merge_texts(struct arena *a, struct xccdf_texts *kid,
    const struct xccdf_texts *par, bool replace_lang)
{
	struct xccdf_text *v;
	uint32_t i, j, n = 0;

	if (par->n == 0)
		return;
	if (kid->n == 0) {
		*kid = *par;
		return;
	}
	v = arena_array(a, (size_t)kid->n + par->n, sizeof(*v));
	if (replace_lang) {
		for (i = 0; i < kid->n; i++)
			v[n++] = kid->v[i];
	}
	for (j = 0; j < par->n; j++) {
		bool drop = false;

		for (i = 0; i < kid->n && !drop; i++)
			drop = kid->v[i].lang == par->v[j].lang &&
			    (replace_lang || kid->v[i].override);
		if (!drop)
			v[n++] = par->v[j];
	}
	if (!replace_lang) {
		for (i = 0; i < kid->n; i++)
			v[n++] = kid->v[i];
	}
	kid->v = v;
	kid->n = n;
}

/* Value/value, default, bounds, match: the extending Value's entry for a
 * selector wins; inherited selectors it does not write are kept. */
static void
merge_sel(struct arena *a, struct xccdf_sel_str **kid, uint32_t *nkid,
    const struct xccdf_sel_str *par, uint32_t npar)
{
	struct xccdf_sel_str *v;
	uint32_t i, j, n = 0;

	if (npar == 0)
		return;
	if (*nkid == 0) {
		*kid = (struct xccdf_sel_str *)(uintptr_t)par;
		*nkid = npar;
		return;
	}
	v = arena_array(a, (size_t)*nkid + npar, sizeof(*v));
	for (i = 0; i < *nkid; i++)
		v[n++] = (*kid)[i];
	for (j = 0; j < npar; j++) {
		bool dup = false;

		for (i = 0; i < *nkid && !dup; i++)
			dup = strcmp((*kid)[i].selector, par[j].selector) == 0;
		if (!dup)
			v[n++] = par[j];
	}
	*kid = v;
	*nkid = n;
}

static void
merge_choices(struct arena *a, struct xccdf_item *it,
    const struct xccdf_item *pa)
{
	struct xccdf_choices *v;
	uint32_t i, j, n = 0;

	if (pa->nchoices == 0)
		return;
	v = arena_array(a, (size_t)it->nchoices + pa->nchoices, sizeof(*v));
	for (i = 0; i < it->nchoices; i++)
		v[n++] = it->choices[i];
	for (j = 0; j < pa->nchoices; j++) {
		bool dup = false;

		for (i = 0; i < it->nchoices && !dup; i++)
			dup = strcmp(it->choices[i].selector,
			    pa->choices[j].selector) == 0;
		if (!dup)
			v[n++] = pa->choices[j];
	}
	it->choices = v;
	it->nchoices = n;
}

#define APPEND(f, nf)							\
	do {								\
		it->f = arena_cat(c->a, pa->f, pa->nf, it->f, it->nf,	\
		    sizeof(*it->f));					\
		it->nf += pa->nf;					\
	} while (0)

/*
 * Item `i` extends the resolved item `p` (same type). Inheritance follows
 * the property tables of section 6.4: attributes the extending item does
 * not write are inherited (Replace), id/abstract/extends are not (None),
 * lists (platform, reference, requires, conflicts, ident, fix, check) are
 * Append. Children of an extended Group are NOT copied: the spec leaves
 * their ids undefined and no content we know uses it.
 */
static void
merge_item(struct pctx *c, uint32_t i, uint32_t p)
{
	struct xccdf_item *it = &c->b->items[i];
	const struct xccdf_item *pa = &c->b->items[p];
	uint32_t set = c->set[i];

	if (!(set & S_SELECTED))
		it->selected = pa->selected;
	if (!(set & S_WEIGHT))
		it->weight = pa->weight;
	if (!(set & S_HIDDEN))
		it->hidden = pa->hidden;
	if (!(set & S_PROHIBIT))
		it->prohibit_changes = pa->prohibit_changes;
	if (!(set & S_CLUSTER))
		it->cluster_id = pa->cluster_id;
	if (!(set & S_VERSION))
		it->version = pa->version;
	if (!(set & S_ROLE))
		it->role = pa->role;
	if (!(set & S_SEVERITY))
		it->severity = pa->severity;
	if (!(set & S_MULTIPLE))
		it->multiple = pa->multiple;
	if (!(set & S_TYPE))
		it->vtype = pa->vtype;
	if (!(set & S_OP))
		it->vop = pa->vop;
	if (!(set & S_INTERACTIVE))
		it->interactive = pa->interactive;

	merge_texts(c->a, &it->title, &pa->title, true);
	merge_texts(c->a, &it->question, &pa->question, true);
	merge_texts(c->a, &it->description, &pa->description, false);
	merge_texts(c->a, &it->warning, &pa->warning, false);
	merge_texts(c->a, &it->rationale, &pa->rationale, false);
	merge_texts(c->a, &it->fixtext, &pa->fixtext, false);

	/* overrideableCPE2idrefType: an overriding platform list replaces
	 * the inherited one */
	if (!(set & S_PLAT_OVR))
		APPEND(platforms, nplatforms);
	APPEND(references, nreferences);
	APPEND(requires, nrequires);
	APPEND(conflicts, nconflicts);
	APPEND(idents, nidents);
	APPEND(fixes, nfixes);
	APPEND(checks, nchecks);
	if (it->complex == NULL)
		it->complex = pa->complex;	/* Replace */

	merge_sel(c->a, &it->values, &it->nvalues, pa->values, pa->nvalues);
	merge_sel(c->a, &it->defaults, &it->ndefaults, pa->defaults,
	    pa->ndefaults);
	merge_sel(c->a, &it->lower, &it->nlower, pa->lower, pa->nlower);
	merge_sel(c->a, &it->upper, &it->nupper, pa->upper, pa->nupper);
	merge_sel(c->a, &it->match, &it->nmatch, pa->match, pa->nmatch);
	merge_choices(c->a, it, pa);
}

/* "a -> b -> a" from the resolution stack, for cycle messages. */
static void
chain_msg(struct ks_buf *m, const char *const *ids, uint32_t n,
    const char *back)
{
	uint32_t i;

	for (i = 0; i < n; i++) {
		(void)ks_buf_puts(m, ids[i]);
		(void)ks_buf_puts(m, " -> ");
	}
	(void)ks_buf_puts(m, back);
}

struct resolve {
	uint8_t		*state;	/* 0 new, 1 on stack, 2 done */
	const char	**stack;	/* ids on the stack */
	uint32_t	*stack_idx;
	uint32_t	 depth;
};

static int
resolve_item(struct pctx *c, struct resolve *r, uint32_t i)
{
	struct xccdf_bench *b = c->b;
	const struct xccdf_item *it = &b->items[i];
	const char *tn = type_names[it->type];
	uint32_t t, k;
	int rc;

	if (r->state[i] == 2)
		return 0;
	if (it->extends == NULL || it->type == XCCDF_ITEM_BENCHMARK) {
		r->state[i] = 2;
		return 0;
	}
	if (r->depth >= MAX_EXTENDS_DEPTH) {
		ks_error_set("%s:%ld: %s '%s': extends chain longer than %u",
		    c->file, line_of(it->node), tn, it->id,
		    MAX_EXTENDS_DEPTH);
		return KS_EPARSE;
	}
	r->state[i] = 1;
	r->stack[r->depth] = it->id;
	r->stack_idx[r->depth++] = i;
	t = xccdf_bench_find(b, it->extends);
	if (t == XCCDF_NONE) {
		ks_error_set("%s:%ld: %s '%s' extends '%s', which does not "
		    "exist", c->file, line_of(it->node), tn, it->id,
		    it->extends);
		return KS_EPARSE;
	}
	if (b->items[t].type != it->type) {
		ks_error_set("%s:%ld: %s '%s' extends '%s', which is a %s",
		    c->file, line_of(it->node), tn, it->id, it->extends,
		    type_names[b->items[t].type]);
		return KS_EPARSE;
	}
	if (r->state[t] == 1) {
		struct ks_buf m;

		for (k = 0; k < r->depth && r->stack_idx[k] != t; k++)
			;
		ks_buf_init(&m, 2048);
		chain_msg(&m, r->stack + k, r->depth - k, b->items[t].id);
		ks_error_set("%s:%ld: %s '%s' extends '%s' (cycle: %s)",
		    c->file, line_of(it->node), tn, it->id, it->extends,
		    m.data != NULL ? m.data : "");
		ks_buf_free(&m);
		return KS_EPARSE;
	}
	if (r->state[t] == 0 && (rc = resolve_item(c, r, t)) != 0)
		return rc;
	merge_item(c, i, t);
	r->state[i] = 2;
	r->depth--;
	return 0;
}

static int
resolve_items(struct pctx *c)
{
	struct resolve r;
	uint32_t i, n = c->b->nitems;
	int rc = 0;

	r.state = ks_calloc(n ? n : 1, 1);
	r.stack = ks_calloc(MAX_EXTENDS_DEPTH + 1, sizeof(*r.stack));
	r.stack_idx = ks_calloc(MAX_EXTENDS_DEPTH + 1, sizeof(*r.stack_idx));
	for (i = 0; i < n && rc == 0; i++) {
		r.depth = 0;
		rc = resolve_item(c, &r, i);
	}
	free(r.state);
	free(r.stack);
	free(r.stack_idx);
	return rc;
}

/* ---- profile inheritance (section 7.2.2, Resolve.Profiles) --------------- */

struct presolve {
	struct xccdf_profile	*v;		/* being resolved */
	uint32_t		 n;
	const struct xccdf_profile *base;	/* resolved already, or NULL */
	uint32_t		 nbase;
	uint8_t			*state;
	const char		**stack;
	uint32_t		 depth;
};

/* The extended profile: another one of the set, else a resolved base
 * profile (the benchmark's, for a tailoring). *idx = index in the set or
 * UINT32_MAX for a base profile. */
static const struct xccdf_profile *
profile_target(struct presolve *r, uint32_t self, const char *id,
    uint32_t *idx)
{
	uint32_t i;

	for (i = 0; i < r->n; i++)
		if (i != self && strcmp(r->v[i].id, id) == 0) {
			*idx = i;
			return &r->v[i];
		}
	*idx = UINT32_MAX;
	for (i = 0; i < r->nbase; i++)
		if (strcmp(r->base[i].id, id) == 0)
			return &r->base[i];
	return NULL;
}

/*
 * Profile `p` extends the resolved `pa`: the parent's select, set-value,
 * refine-value and refine-rule entries come first, so the child's, applied
 * later, win (section 6.5.1); titles and descriptions are inherited when
 * the child has none in a language; platforms are appended.
 */
static void
merge_profile(struct arena *a, struct xccdf_profile *p,
    const struct xccdf_profile *pa)
{
#define PAPPEND(f, nf)							\
	do {								\
		p->f = arena_cat(a, pa->f, pa->nf, p->f, p->nf,		\
		    sizeof(*p->f));					\
		p->nf += pa->nf;					\
	} while (0)
	PAPPEND(selects, nselects);
	PAPPEND(set_values, nset_values);
	PAPPEND(refine_values, nrefine_values);
	PAPPEND(refine_rules, nrefine_rules);
	PAPPEND(platforms, nplatforms);
#undef PAPPEND
	merge_texts(a, &p->title, &pa->title, true);
	merge_texts(a, &p->description, &pa->description, true);
}

static int
resolve_profile(struct pctx *c, struct presolve *r, uint32_t i)
{
	struct xccdf_profile *p = &r->v[i];
	const struct xccdf_profile *pa;
	uint32_t t, k;
	int rc;

	if (r->state[i] == 2)
		return 0;
	if (p->extends == NULL) {
		r->state[i] = 2;
		return 0;
	}
	if (r->depth >= MAX_EXTENDS_DEPTH) {
		ks_error_set("%s:%ld: Profile '%s': extends chain longer "
		    "than %u", c->file, line_of(p->node), p->id,
		    MAX_EXTENDS_DEPTH);
		return KS_EPARSE;
	}
	r->state[i] = 1;
	r->stack[r->depth++] = p->id;
	pa = profile_target(r, i, p->extends, &t);
	if (pa == NULL) {
		ks_error_set("%s:%ld: Profile '%s' extends '%s', which does "
		    "not exist", c->file, line_of(p->node), p->id,
		    p->extends);
		return KS_EPARSE;
	}
	if (t != UINT32_MAX && r->state[t] == 1) {
		struct ks_buf m;

		for (k = 0; k < r->depth && strcmp(r->stack[k], pa->id) != 0;
		    k++)
			;
		ks_buf_init(&m, 2048);
		chain_msg(&m, r->stack + k, r->depth - k, pa->id);
		ks_error_set("%s:%ld: Profile '%s' extends '%s' (cycle: %s)",
		    c->file, line_of(p->node), p->id, p->extends,
		    m.data != NULL ? m.data : "");
		ks_buf_free(&m);
		return KS_EPARSE;
	}
	if (t != UINT32_MAX && r->state[t] == 0 &&
	    (rc = resolve_profile(c, r, t)) != 0)
		return rc;
	merge_profile(c->a, p, pa);
	r->state[i] = 2;
	r->depth--;
	return 0;
}

static int
resolve_profiles(struct pctx *c, struct xccdf_profile *v, uint32_t n,
    const struct xccdf_profile *base, uint32_t nbase)
{
	struct presolve r;
	uint32_t i;
	int rc = 0;

	memset(&r, 0, sizeof(r));
	r.v = v;
	r.n = n;
	r.base = base;
	r.nbase = nbase;
	r.state = ks_calloc(n ? n : 1, 1);
	r.stack = ks_calloc(MAX_EXTENDS_DEPTH + 1, sizeof(*r.stack));
	for (i = 0; i < n && rc == 0; i++) {
		r.depth = 0;
		rc = resolve_profile(c, &r, i);
	}
	free(r.state);
	free(r.stack);
	return rc;
}

static int
check_profile_dups(struct pctx *c, const struct xccdf_profile *v, uint32_t n)
{
	struct ks_map *m = NULL;
	uint32_t i;
	int rc = KS_ENOMEM;

	if (ks_map_new(&m) != 0)
		return KS_ENOMEM;
	for (i = 0; i < n; i++) {
		if (ks_map_get(m, v[i].id) != NULL) {
			ks_error_set("%s:%ld: <Profile>: duplicate id '%s'",
			    c->file, line_of(v[i].node), v[i].id);
			rc = KS_EPARSE;
			goto out;
		}
		if (ks_map_put(m, v[i].id, (void *)&v[i]) != 0)
			goto out;
	}
	rc = 0;
out:
	ks_map_free(m);
	return rc;
}

/* ---- entry points -------------------------------------------------------- */

int
xccdf_bench_parse(struct xccdf_bench **out, struct _xmlNode *root,
    const char *file)
{
	struct bench_priv *bp;
	struct xccdf_bench *b;
	struct pctx c;
	uint32_t idx;
	xmlChar *lang;
	int rc = KS_ERROR;

	*out = NULL;
	if (file == NULL)
		file = "(benchmark)";
	if (root == NULL || root->type != XML_ELEMENT_NODE) {
		ks_error_set("%s: no Benchmark element", file);
		return KS_EPARSE;
	}
	if (strcmp((const char *)root->name, "Benchmark") != 0 ||
	    !is_xccdf_ns(root)) {
		ks_error_set("%s:%ld: <%s%s%s> is not an XCCDF 1.1/1.2 "
		    "Benchmark", file, line_of(root),
		    root->ns != NULL ? (const char *)root->ns->href : "",
		    root->ns != NULL ? " " : "", (const char *)root->name);
		return KS_EPARSE;
	}
	bp = ks_calloc(1, sizeof(*bp));
	b = &bp->b;
	memset(&c, 0, sizeof(c));
	c.bp = bp;
	c.b = b;
	c.a = &bp->arena;
	if (ks_strpool_new(&b->pool) != 0 || ks_map_new(&b->item_ids) != 0 ||
	    ks_map_new(&bp->plain) != 0) {
		rc = KS_ENOMEM;
		goto out;
	}
	c.file = b->file = intern(&c, file);
	b->node = root;
	b->version = ns_is(root, XCCDF_NS_12) ? 12 : 11;
	b->ns = b->version == 12 ? XCCDF_NS_12 : XCCDF_NS_11;
	b->resolved = parse_bool(&c, root, "resolved",
	    attr(&c, root, "resolved"), false);
	lang = xmlNodeGetLang(root);
	if (lang != NULL) {
		b->lang = intern(&c, (const char *)lang);
		xmlFree(lang);
	}
	rc = parse_item(&c, root, XCCDF_ITEM_BENCHMARK, XCCDF_NONE, &idx);
	if (rc != 0)
		goto out;
	b->id = b->items[0].id;
	if ((rc = check_profile_dups(&c, b->profiles, b->nprofiles)) != 0)
		goto out;
	if ((rc = resolve_items(&c)) != 0)
		goto out;
	if ((rc = resolve_profiles(&c, b->profiles, b->nprofiles, NULL,
	    0)) != 0)
		goto out;
	*out = b;
	rc = 0;
out:
	free(c.set);
	if (rc != 0)
		xccdf_bench_free(b);
	return rc;
}

void
xccdf_bench_free(struct xccdf_bench *b)
{
	struct bench_priv *bp;

	if (b == NULL)
		return;
	bp = priv_of(b);
	free(b->items);
	free(b->profiles);
	ks_map_free(b->item_ids);
	ks_map_free(bp->plain);
	ks_strpool_free(b->pool);
	arena_free(&bp->arena);
	free(bp);
}

uint32_t
xccdf_bench_find(const struct xccdf_bench *b, const char *id)
{
	uintptr_t v;

	if (b == NULL || id == NULL)
		return XCCDF_NONE;
	v = (uintptr_t)ks_map_get(b->item_ids, id);
	return v == 0 ? XCCDF_NONE : (uint32_t)(v - 1);
}

const struct xccdf_profile *
xccdf_bench_profile(const struct xccdf_bench *b, const char *id)
{
	uint32_t i;

	if (b == NULL || id == NULL)
		return NULL;
	for (i = 0; i < b->nprofiles; i++)
		if (strcmp(b->profiles[i].id, id) == 0)
			return &b->profiles[i];
	return NULL;
}

struct _xmlNode *
xccdf_bench_plain_text(const struct xccdf_bench *b, const char *id)
{
	if (b == NULL || id == NULL)
		return NULL;
	return ks_map_get(priv_of(b)->plain, id);
}

const char *
xccdf_value_pick(const struct xccdf_item *it, const char *selector,
    bool *found)
{
	uint32_t i;

	if (found != NULL)
		*found = true;
	if (selector != NULL && *selector != '\0') {
		for (i = 0; i < it->nvalues; i++)
			if (strcmp(it->values[i].selector, selector) == 0)
				return it->values[i].value;
		if (found != NULL)
			*found = false;
	}
	for (i = 0; i < it->nvalues; i++)
		if (*it->values[i].selector == '\0')
			return it->values[i].value;
	return it->nvalues > 0 ? it->values[0].value : "";
}

static bool
is_tailoring(const xmlNode *n)
{
	return n != NULL && n->type == XML_ELEMENT_NODE &&
	    strcmp((const char *)n->name, "Tailoring") == 0 &&
	    (ns_is(n, XCCDF_NS_12) || ns_is(n, XCCDF_TAILOR_NS_11));
}

static bool
tailoring_child(const xmlNode *n, const char *local)
{
	return n->type == XML_ELEMENT_NODE &&
	    strcmp((const char *)n->name, local) == 0 &&
	    (is_xccdf_ns(n) || ns_is(n, XCCDF_TAILOR_NS_11));
}

/*
 * XCCDF 1.2 section 6.7 (Tailoring): its Profiles are added to the
 * benchmark; one with the id of a benchmark profile replaces it, and they
 * may extend benchmark profiles (resolved against the benchmark's own,
 * also when the ids are equal).
 */
int
xccdf_bench_add_tailoring(struct xccdf_bench *b, struct _xmlNode *root,
    const char *file)
{
	struct bench_priv *bp = priv_of(b);
	struct xccdf_profile *v = NULL;
	struct pctx c;
	const char *id;
	xmlNode *k;
	uint32_t n = 0, i, j;
	int version = 0;
	int rc = KS_ERROR;

	if (file == NULL)
		file = "(tailoring)";
	memset(&c, 0, sizeof(c));
	c.bp = bp;
	c.b = b;
	c.a = &bp->arena;
	c.file = intern(&c, file);
	if (!is_tailoring(root)) {
		ks_error_set("%s:%ld: <%s> is not an XCCDF Tailoring element",
		    c.file, line_of(root), root != NULL ?
		    (const char *)root->name : "");
		return KS_EPARSE;
	}
	id = attr(&c, root, "id");
	if (id == NULL || *id == '\0') {
		ks_error_set("%s:%ld: <Tailoring> without id", c.file,
		    line_of(root));
		return KS_EPARSE;
	}
	for (k = root->children; k != NULL; k = k->next)
		if (tailoring_child(k, "Profile"))
			n++;
	v = ks_calloc(n ? n : 1, sizeof(*v));
	n = 0;
	for (k = root->children; k != NULL; k = k->next) {
		if (tailoring_child(k, "Profile")) {
			if ((rc = parse_profile(&c, k, &v[n], true)) != 0)
				goto out;
			n++;
		} else if (tailoring_child(k, "version")) {
			version = (int)strtol(text_of(&c, k), NULL, 10);
		} else if (tailoring_child(k, "benchmark")) {
			const char *bid = attr(&c, k, "id");
			const char *href = attr(&c, k, "href");

			if (bid != NULL && strcmp(bid, b->id) != 0)
				ks_warn("%s:%ld: tailoring is for benchmark "
				    "'%s', applied to '%s'", c.file,
				    line_of(k), bid, b->id);
			else if (bid == NULL && href != NULL &&
			    strstr(href, b->id) == NULL &&
			    strchr(href, '#') != NULL)
				ks_warn("%s:%ld: tailoring refers to '%s', "
				    "applied to '%s'", c.file, line_of(k),
				    href, b->id);
		}
	}
	if ((rc = check_profile_dups(&c, v, n)) != 0)
		goto out;
	if ((rc = resolve_profiles(&c, v, n, b->profiles, b->nprofiles)) != 0)
		goto out;
	for (i = 0; i < n; i++) {
		for (j = 0; j < b->nprofiles; j++)
			if (strcmp(b->profiles[j].id, v[i].id) == 0)
				break;
		if (j == b->nprofiles) {
			if (b->nprofiles == bp->cap_profiles) {
				bp->cap_profiles = bp->cap_profiles * 2 + 4;
				b->profiles = ks_realloc(b->profiles,
				    (size_t)bp->cap_profiles *
				    sizeof(*b->profiles));
			}
			b->nprofiles++;
		}
		b->profiles[j] = v[i];
	}
	b->tailoring_id = id;
	b->tailoring_file = c.file;
	b->tailoring_version = version;
	rc = 0;
out:
	free(v);
	return rc;
}
