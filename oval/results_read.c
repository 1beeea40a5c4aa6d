/*
 * Reads an OVAL 5.11 system-characteristics document back into a session
 * (s->sc) for `kensa oval analyse`: streamed with the safe reader, items
 * remapped to indexes, collected objects matched to the loaded definitions
 * by id. A results document carrying one is accepted too (the first
 * <oval_system_characteristics> in it is read). It does not evaluate.
 */
#include "oval/results_int.h"

#include <libxml/xmlreader.h>

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Ceilings for untrusted input (the reader itself caps depth and the size
 * of one text node). */
#define RD_MAX_ITEMS 5000000u
#define RD_MAX_ENTS 10000u   /* entities of one item */
#define RD_MAX_FIELDS 10000u /* fields of one record */
#define RD_MAX_MSGS 1000u    /* messages of one item or object */
#define RD_MAX_REFS 5000000u /* item references of one object */
#define RD_MAX_VARVALS 100000u
#define RD_MAX_IFACES 10000u
#define RD_MAX_TEXT KS_XML_MAX_TEXT

struct rd {
	struct oval_session *s;
	xmlTextReaderPtr r;
	const char *path;
	struct ks_map *ids; /* file item id -> index + 1 */
	struct ks_buf text;
	/* objects read, in file order, for the reference remap */
	uint32_t *objs;
	size_t nobjs, objs_cap;
};

/* ---- small helpers --------------------------------------------------------
 */

static int rd_err(struct rd *rd, int rc, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Sets "file:line: message" once and returns rc. */
static int
rd_err(struct rd *rd, int rc, const char *fmt, ...)
{
	char msg[256];
	va_list ap;

	va_start(ap, fmt);
	(void)vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	ks_error_set("%s:%d: %s", rd->path, ks_xml_reader_line(rd->r), msg);
	return rc;
}

static bool
is_ns(xmlTextReaderPtr r, const char *uri)
{
	const xmlChar *ns = xmlTextReaderConstNamespaceUri(r);

	return ns != NULL && strcmp((const char *)ns, uri) == 0;
}

static const char *
local(xmlTextReaderPtr r)
{
	const xmlChar *n = xmlTextReaderConstLocalName(r);

	return n != NULL ? (const char *)n : "";
}

/* An attribute interned in the session pool, or NULL when absent. */
static const char *
attr(struct rd *rd, const char *name)
{
	xmlChar *v = xmlTextReaderGetAttribute(rd->r, BAD_CAST name);
	const char *out;

	if (v == NULL)
		return NULL;
	out = ks_strpool_intern(rd->s->pool, (const char *)v,
	                        strlen((const char *)v));
	xmlFree(v);
	return out;
}

static bool
attr_true(struct rd *rd, const char *name)
{
	const char *v = attr(rd, name);

	return v != NULL && (strcmp(v, "true") == 0 || strcmp(v, "1") == 0);
}

static bool
attr_nil(struct rd *rd)
{
	xmlChar *v = xmlTextReaderGetAttributeNs(rd->r, BAD_CAST "nil",
	                                         BAD_CAST OVAL_NS_XSI);
	bool nil;

	if (v == NULL)
		return false;
	nil = strcmp((const char *)v, "true") == 0 ||
	      strcmp((const char *)v, "1") == 0;
	xmlFree(v);
	return nil;
}

/* Reads one node; 0 at a premature end is a parse error here. */
static int
rd_next(struct rd *rd)
{
	int rc = ks_xml_reader_next(rd->r);

	if (rc == 0)
		return rd_err(rd, KS_EPARSE, "unexpected end of document");
	return rc < 0 ? rc : 0;
}

/* From a start element, skips to its end (nothing to do when empty). */
static int
rd_skip(struct rd *rd)
{
	int depth = xmlTextReaderDepth(rd->r), rc;

	if (xmlTextReaderIsEmptyElement(rd->r))
		return 0;
	for (;;) {
		if ((rc = rd_next(rd)) < 0)
			return rc;
		if (xmlTextReaderNodeType(rd->r) ==
		        XML_READER_TYPE_END_ELEMENT &&
		    xmlTextReaderDepth(rd->r) == depth)
			return 0;
	}
}

/*
 * From a start element with simple content, collects its text (text, CDATA
 * and white space nodes) into rd->text and leaves the reader on its end.
 * A child element is an error: simple content has none.
 */
static int
rd_text(struct rd *rd)
{
	int depth = xmlTextReaderDepth(rd->r), rc, t;
	const xmlChar *v;

	ks_buf_reset(&rd->text);
	if (xmlTextReaderIsEmptyElement(rd->r))
		return 0;
	for (;;) {
		if ((rc = rd_next(rd)) < 0)
			return rc;
		t = xmlTextReaderNodeType(rd->r);
		if (t == XML_READER_TYPE_END_ELEMENT &&
		    xmlTextReaderDepth(rd->r) == depth)
			return 0;
		if (t == XML_READER_TYPE_ELEMENT)
			return rd_err(rd, KS_EPARSE,
			              "unexpected element <%s> in a value",
			              local(rd->r));
		if (t != XML_READER_TYPE_TEXT && t != XML_READER_TYPE_CDATA &&
		    t != XML_READER_TYPE_WHITESPACE &&
		    t != XML_READER_TYPE_SIGNIFICANT_WHITESPACE)
			continue;
		if ((v = xmlTextReaderConstValue(rd->r)) != NULL &&
		    (rc = ks_buf_puts(&rd->text, (const char *)v)) < 0)
			return rd_err(rd, rc, "value larger than the limit");
	}
}

static const char *
text_interned(struct rd *rd)
{
	return ks_strpool_intern(rd->s->pool,
	                         rd->text.data != NULL ? rd->text.data : "",
	                         rd->text.len);
}

/* Reads the text of the current element into a new malloc'd string. */
static int
rd_text_dup(struct rd *rd, char **out)
{
	int rc;

	if ((rc = rd_text(rd)) < 0)
		return rc;
	free(*out);
	*out = ks_strdup(rd->text.data != NULL ? rd->text.data : "");
	return 0;
}

/*
 * Walks the element children of the current start element: for each child
 * calls cb positioned on its start; cb must leave the reader on the child's
 * end (or on the child itself when it is empty).
 */
static int
rd_children(struct rd *rd, int (*cb)(struct rd *rd, void *arg), void *arg)
{
	int depth = xmlTextReaderDepth(rd->r), rc, t;

	if (xmlTextReaderIsEmptyElement(rd->r))
		return 0;
	for (;;) {
		if ((rc = rd_next(rd)) < 0)
			return rc;
		t = xmlTextReaderNodeType(rd->r);
		if (t == XML_READER_TYPE_END_ELEMENT &&
		    xmlTextReaderDepth(rd->r) == depth)
			return 0;
		if (t == XML_READER_TYPE_ELEMENT && (rc = cb(rd, arg)) < 0)
			return rc;
	}
}

/* Makes room for element n of *arr (n elements in use): capacities are
 * powers of two, so appending one at a time stays linear. */
static void
grow_one(void *arrp, uint32_t n, size_t esz)
{
	void **arr = arrp;

	if (n == 0)
		*arr = ks_realloc(*arr, 4 * esz);
	else if (n >= 4 && (n & (n - 1)) == 0)
		*arr = ks_realloc(*arr, (size_t)n * 2 * esz);
}

static int
parse_u32(const char *v, uint32_t *out)
{
	char *end;
	unsigned long long n;

	if (v == NULL || v[0] < '0' || v[0] > '9')
		return KS_EPARSE;
	errno = 0;
	n = strtoull(v, &end, 10);
	if (errno != 0 || *end != '\0' || n > UINT32_MAX)
		return KS_EPARSE;
	*out = (uint32_t)n;
	return 0;
}

static int
add_msg(struct rd *rd, struct oval_message **msgs, uint32_t *n)
{
	const char *level = attr(rd, "level");
	int rc;

	if (*n >= RD_MAX_MSGS)
		return rd_err(rd, KS_ELIMIT, "more than %u messages",
		              RD_MAX_MSGS);
	if ((rc = rd_text(rd)) < 0)
		return rc;
	grow_one(msgs, *n, sizeof(**msgs));
	(*msgs)[*n].level =
	    level != NULL ? level : ks_strpool_intern(rd->s->pool, "info", 4);
	(*msgs)[*n].text = text_interned(rd);
	(*n)++;
	return 0;
}

/* ---- system_info ------------------------------------------------------------
 */

static int
iface_child(struct rd *rd, void *arg)
{
	struct plat_iface *ifc = arg;
	const char *n = local(rd->r);

	if (strcmp(n, "interface_name") == 0)
		return rd_text_dup(rd, &ifc->name);
	if (strcmp(n, "ip_address") == 0)
		return rd_text_dup(rd, &ifc->ip);
	if (strcmp(n, "mac_address") == 0)
		return rd_text_dup(rd, &ifc->mac);
	return rd_skip(rd);
}

static int
ifaces_child(struct rd *rd, void *arg)
{
	struct plat_sysinfo *si = arg;

	(void)arg;
	if (strcmp(local(rd->r), "interface") != 0)
		return rd_skip(rd);
	if (si->nifaces >= RD_MAX_IFACES)
		return rd_err(rd, KS_ELIMIT, "too many interfaces");
	si->ifaces =
	    ks_realloc(si->ifaces, (si->nifaces + 1) * sizeof(*si->ifaces));
	memset(&si->ifaces[si->nifaces], 0, sizeof(*si->ifaces));
	si->nifaces++;
	return rd_children(rd, iface_child, &si->ifaces[si->nifaces - 1]);
}

static int
sysinfo_child(struct rd *rd, void *arg)
{
	struct plat_sysinfo *si = arg;
	const char *n = local(rd->r);

	if (!is_ns(rd->r, OVAL_NS_SC))
		return rd_skip(rd);
	if (strcmp(n, "os_name") == 0)
		return rd_text_dup(rd, &si->os_name);
	if (strcmp(n, "os_version") == 0)
		return rd_text_dup(rd, &si->os_version);
	if (strcmp(n, "architecture") == 0)
		return rd_text_dup(rd, &si->architecture);
	if (strcmp(n, "primary_host_name") == 0)
		return rd_text_dup(rd, &si->hostname);
	if (strcmp(n, "interfaces") == 0)
		return rd_children(rd, ifaces_child, si);
	return rd_skip(rd);
}

/* ---- collected objects ------------------------------------------------------
 */

static int
object_child(struct rd *rd, void *arg)
{
	struct oval_collected *c = arg;
	const char *n = local(rd->r), *v;
	uint32_t var, id;
	int rc;

	if (!is_ns(rd->r, OVAL_NS_SC))
		return rd_skip(rd);
	if (strcmp(n, "message") == 0)
		return add_msg(rd, &c->msgs, &c->nmsgs);
	if (strcmp(n, "variable_value") == 0) {
		v = attr(rd, "variable_id");
		if ((rc = rd_text(rd)) < 0)
			return rc;
		if (v == NULL)
			return rd_err(rd, KS_EPARSE,
			              "variable_value without variable_id");
		var = oval_defs_find(rd->s->defs->var_ids, v);
		if (var == OVAL_NONE) {
			ks_warn("%s: variable '%s' is not in the definitions; "
			        "its value is ignored",
			        rd->path, v);
			return 0;
		}
		if (c->nvarvals >= RD_MAX_VARVALS)
			return rd_err(rd, KS_ELIMIT,
			              "too many variable values");
		grow_one(&c->varvals, c->nvarvals, sizeof(*c->varvals));
		c->varvals[c->nvarvals].var = var;
		c->varvals[c->nvarvals].value = text_interned(rd);
		c->nvarvals++;
		return 0;
	}
	if (strcmp(n, "reference") == 0) {
		if (parse_u32(attr(rd, "item_ref"), &id) < 0)
			return rd_err(rd, KS_EPARSE,
			              "reference without a valid item_ref");
		if (c->nitems >= RD_MAX_REFS)
			return rd_err(rd, KS_ELIMIT, "too many references");
		/* File ids for now; remapped once system_data is read. */
		grow_one(&c->items, c->nitems, sizeof(*c->items));
		c->items[c->nitems++] = id;
		return rd_skip(rd);
	}
	return rd_skip(rd);
}

static int
collected_child(struct rd *rd, void *arg)
{
	const struct oval_defs *d = rd->s->defs;
	const char *id, *flag;
	struct oval_collected *c;
	uint32_t idx;
	int f;

	(void)arg;
	if (!is_ns(rd->r, OVAL_NS_SC) || strcmp(local(rd->r), "object") != 0)
		return rd_skip(rd);
	id = attr(rd, "id");
	flag = attr(rd, "flag");
	if (id == NULL || flag == NULL || (f = oval_flag_parse(flag)) < 0)
		return rd_err(rd, KS_EPARSE,
		              "object '%s' without a valid id and flag",
		              id != NULL ? id : "");
	idx = oval_defs_find(d->obj_ids, id);
	if (idx == OVAL_NONE || idx >= d->nobjects) {
		ks_warn("%s:%d: object '%s' is not in the definitions; "
		        "ignored",
		        rd->path, ks_xml_reader_line(rd->r), id);
		return rd_skip(rd);
	}
	c = &rd->s->sc.objs[idx];
	if (c->done) {
		ks_warn("%s:%d: object '%s' listed twice; the first is used",
		        rd->path, ks_xml_reader_line(rd->r), id);
		return rd_skip(rd);
	}
	c->done = true;
	c->flag = (enum oval_flag)f;
	ks_grow(&rd->objs, &rd->objs_cap, rd->nobjs + 1, sizeof(*rd->objs));
	rd->objs[rd->nobjs++] = idx;
	return rd_children(rd, object_child, c);
}

/* ---- items ------------------------------------------------------------------
 */

struct item_ctx {
	struct oval_item *it;
	size_t ents_cap;
	const char *uri; /* the item's namespace */
};

/* Entity attributes common to entities and record fields. */
static int
ent_attrs(struct rd *rd, struct oval_item_ent *e)
{
	const char *dt = attr(rd, "datatype"), *st = attr(rd, "status");
	int v;

	e->dt = OVAL_DT_STRING;
	e->status = OVAL_ST_EXISTS;
	if (dt != NULL) {
		if ((v = oval_datatype_parse(dt)) < 0)
			return rd_err(rd, KS_EPARSE, "unknown datatype '%s'",
			              dt);
		e->dt = (enum oval_datatype)v;
	}
	if (st != NULL) {
		if ((v = oval_item_status_parse(st)) < 0)
			return rd_err(rd, KS_EPARSE, "unknown status '%s'", st);
		e->status = (enum oval_item_status)v;
	}
	e->mask = attr_true(rd, "mask");
	return 0;
}

struct rec_ctx {
	struct oval_item_ent *e;
	size_t cap;
};

static int
field_child(struct rd *rd, void *arg)
{
	struct rec_ctx *rc_ = arg;
	struct oval_item_ent *e = rc_->e, *f;
	const char *name;
	int rc;

	if (!is_ns(rd->r, OVAL_NS_SC) || strcmp(local(rd->r), "field") != 0)
		return rd_err(rd, KS_EPARSE, "unexpected <%s> in a record",
		              local(rd->r));
	if ((name = attr(rd, "name")) == NULL)
		return rd_err(rd, KS_EPARSE, "field without a name");
	if (e->nfields >= RD_MAX_FIELDS)
		return rd_err(rd, KS_ELIMIT, "more than %u fields",
		              RD_MAX_FIELDS);
	ks_grow(&e->fields, &rc_->cap, e->nfields + 1, sizeof(*e->fields));
	f = &e->fields[e->nfields++];
	memset(f, 0, sizeof(*f));
	f->name = name;
	if ((rc = ent_attrs(rd, f)) < 0 || (rc = rd_text(rd)) < 0)
		return rc;
	f->value = text_interned(rd);
	return 0;
}

static int
item_child(struct rd *rd, void *arg)
{
	struct item_ctx *ic = arg;
	struct oval_item *it = ic->it;
	struct oval_item_ent *e;
	int rc;

	if (is_ns(rd->r, OVAL_NS_SC) && strcmp(local(rd->r), "message") == 0)
		return add_msg(rd, &it->msgs, &it->nmsgs);
	if (!is_ns(rd->r, ic->uri))
		return rd_err(
		    rd, KS_EPARSE,
		    "element <%s> is not in the namespace of its item",
		    local(rd->r));
	if (it->nents >= RD_MAX_ENTS)
		return rd_err(rd, KS_ELIMIT, "more than %u entities in an item",
		              RD_MAX_ENTS);
	ks_grow(&it->ents, &ic->ents_cap, it->nents + 1, sizeof(*it->ents));
	e = &it->ents[it->nents++];
	memset(e, 0, sizeof(*e));
	e->name =
	    ks_strpool_intern(rd->s->pool, local(rd->r), strlen(local(rd->r)));
	if ((rc = ent_attrs(rd, e)) < 0)
		return rc;
	if (e->dt == OVAL_DT_RECORD) {
		struct rec_ctx rcx = {.e = e, .cap = 0};

		return rd_children(rd, field_child, &rcx);
	}
	if (attr_nil(rd)) {
		e->value = NULL;
		return rd_skip(rd);
	}
	if ((rc = rd_text(rd)) < 0)
		return rc;
	e->value = text_interned(rd);
	return 0;
}

static void
item_free(struct oval_item *it)
{
	for (uint32_t i = 0; i < it->nents; i++)
		free(it->ents[i].fields);
	free(it->ents);
	free(it->msgs);
	memset(it, 0, sizeof(*it));
}

static int
data_child(struct rd *rd, void *arg)
{
	struct oval_syschar *sc = &rd->s->sc;
	const char *uri = (const char *)xmlTextReaderConstNamespaceUri(rd->r);
	const char *id, *st, *frag;
	struct item_ctx ic;
	struct oval_item it;
	char key[16];
	uint32_t fid;
	int rc, v;

	(void)arg;
	if (uri == NULL ||
	    strncmp(uri, OVAL_NS_SC "#", sizeof(OVAL_NS_SC)) != 0)
		return rd_err(
		    rd, KS_EPARSE,
		    "item <%s> is not in a system-characteristics family "
		    "namespace",
		    local(rd->r));
	frag = uri + sizeof(OVAL_NS_SC);
	if (!oval_res_ns_ok(frag))
		return rd_err(rd, KS_EPARSE, "bad item family '%s'", frag);
	if (sc->nitems >= RD_MAX_ITEMS)
		return rd_err(rd, KS_ELIMIT, "more than %u items",
		              RD_MAX_ITEMS);
	id = attr(rd, "id");
	if (parse_u32(id, &fid) < 0)
		return rd_err(rd, KS_EPARSE, "item <%s> without a valid id",
		              local(rd->r));
	(void)snprintf(key, sizeof(key), "%u", (unsigned)fid);
	if (ks_map_get(rd->ids, key) != NULL)
		return rd_err(rd, KS_EPARSE, "duplicate item id %s", key);
	memset(&it, 0, sizeof(it));
	it.ns = ks_strpool_intern(rd->s->pool, frag, strlen(frag));
	it.type =
	    ks_strpool_intern(rd->s->pool, local(rd->r), strlen(local(rd->r)));
	it.status = OVAL_ST_EXISTS;
	if ((st = attr(rd, "status")) != NULL) {
		if ((v = oval_item_status_parse(st)) < 0)
			return rd_err(rd, KS_EPARSE, "unknown status '%s'", st);
		it.status = (enum oval_item_status)v;
	}
	ic.it = &it;
	ic.ents_cap = 0;
	ic.uri = uri;
	/* uri points into the reader's dictionary and stays valid while the
	 * reader lives; children do not change it. */
	if ((rc = rd_children(rd, item_child, &ic)) < 0) {
		item_free(&it);
		return rc;
	}
	ks_grow(&sc->items, &sc->items_cap, sc->nitems + 1, sizeof(*sc->items));
	it.id = sc->nitems + 1;
	sc->items[sc->nitems++] = it;
	if ((rc = ks_map_put(rd->ids, key, (void *)(uintptr_t)sc->nitems)) < 0)
		return rc;
	return 0;
}

/* ---- the document -----------------------------------------------------------
 */

static int
syschar_child(struct rd *rd, void *arg)
{
	const char *n = local(rd->r);

	(void)arg;
	if (!is_ns(rd->r, OVAL_NS_SC))
		return rd_skip(rd);
	if (strcmp(n, "system_info") == 0)
		return rd_children(rd, sysinfo_child, &rd->s->sc.sysinfo);
	if (strcmp(n, "collected_objects") == 0)
		return rd_children(rd, collected_child, NULL);
	if (strcmp(n, "system_data") == 0)
		return rd_children(rd, data_child, NULL);
	return rd_skip(rd);
}

/* Item references held file ids while reading: make them indexes. */
static int
remap_refs(struct rd *rd)
{
	char key[16];
	void *v;

	for (size_t i = 0; i < rd->nobjs; i++) {
		uint32_t o = rd->objs[i];
		struct oval_collected *c = &rd->s->sc.objs[o];

		for (uint32_t j = 0; j < c->nitems; j++) {
			(void)snprintf(key, sizeof(key), "%u",
			               (unsigned)c->items[j]);
			if ((v = ks_map_get(rd->ids, key)) == NULL) {
				ks_error_set("%s: object '%s' references item "
				             "%s, which is not in system_data",
				             rd->path,
				             rd->s->defs->objects[o].id, key);
				return KS_EPARSE;
			}
			c->items[j] = (uint32_t)((uintptr_t)v - 1);
		}
	}
	return 0;
}

/* Undoes a failed read: the session is left as it was given (empty). */
static void
rollback(struct oval_session *s)
{
	struct oval_syschar *sc = &s->sc;

	for (uint32_t i = 0; i < sc->nitems; i++)
		item_free(&sc->items[i]);
	free(sc->items);
	sc->items = NULL;
	sc->nitems = 0;
	sc->items_cap = 0;
	if (sc->objs != NULL)
		for (uint32_t i = 0; i < s->defs->nobjects; i++) {
			free(sc->objs[i].msgs);
			free(sc->objs[i].items);
			free(sc->objs[i].varvals);
			memset(&sc->objs[i], 0, sizeof(sc->objs[i]));
		}
}

/* The body of a read, on an opened reader (rd->r). */
static int
read_doc(struct rd *rd)
{
	struct oval_session *s = rd->s;
	bool found = false;
	int rc, t;

	for (;;) {
		if ((rc = ks_xml_reader_next(rd->r)) < 0)
			return rc;
		if (rc == 0)
			break;
		t = xmlTextReaderNodeType(rd->r);
		if (t != XML_READER_TYPE_ELEMENT)
			continue;
		if (xmlTextReaderDepth(rd->r) == 0 &&
		    !(is_ns(rd->r, OVAL_NS_SC) &&
		      strcmp(local(rd->r), "oval_system_characteristics") ==
		          0) &&
		    !(is_ns(rd->r, OVAL_NS_RES) &&
		      strcmp(local(rd->r), "oval_results") == 0))
			return rd_err(rd, KS_EPARSE,
			              "<%s> is not an OVAL "
			              "system-characteristics document",
			              local(rd->r));
		if (is_ns(rd->r, OVAL_NS_SC) &&
		    strcmp(local(rd->r), "oval_system_characteristics") == 0) {
			found = true;
			if ((rc = rd_children(rd, syschar_child, NULL)) < 0)
				return rc;
			break;
		}
		/* Inside a results document: the source definitions can be
		 * large and hold nothing we read here. */
		if (is_ns(rd->r, OVAL_NS_DEF) && (rc = rd_skip(rd)) < 0)
			return rc;
	}
	if (!found) {
		ks_error_set("%s: no oval_system_characteristics element",
		             rd->path);
		return KS_EPARSE;
	}
	if ((rc = remap_refs(rd)) < 0)
		return rc;
	s->sc_loaded = true;
	return 0;
}

/* Opens the reader (file or memory) and reads; rolls back on failure. */
static int
read_any(struct oval_session *s, const char *path, const char *buf, size_t len)
{
	struct rd rd;
	int rc = KS_ERROR;

	memset(&rd, 0, sizeof(rd));
	rd.s = s;
	rd.path = path;
	ks_buf_init(&rd.text, RD_MAX_TEXT);
	if (s->sc.nitems != 0) {
		ks_error_set("%s: the session already has collected items",
		             path);
		return KS_ERROR;
	}
	if (s->sc.objs == NULL)
		s->sc.objs =
		    ks_calloc(s->defs->nobjects + 1, sizeof(*s->sc.objs));
	for (uint32_t i = 0; i < s->defs->nobjects; i++)
		if (s->sc.objs[i].done) {
			ks_error_set("%s: the session already has collected "
			             "objects",
			             path);
			return KS_ERROR;
		}
	if ((rc = ks_map_new(&rd.ids)) < 0)
		goto out;
	if (buf != NULL)
		rc = ks_xml_reader_mem(&rd.r, buf, len, path);
	else
		rc = ks_xml_reader_open(&rd.r, path);
	if (rc < 0)
		goto out;
	rc = read_doc(&rd);
out:
	if (rc < 0)
		rollback(s);
	ks_xml_reader_free(rd.r);
	ks_map_free(rd.ids);
	ks_buf_free(&rd.text);
	free(rd.objs);
	return rc;
}

/*
 * Loads a system-characteristics document (or the one inside a results
 * document) into s->sc for analysis; s must hold none yet. Items get
 * indexes in file order (ids index + 1), collected objects are matched to
 * s->defs by id (unknown ones skipped with a warning) and marked done, and
 * s->sc_loaded is set. Returns 0, or KS_EPARSE ("file:line: ...") on a
 * malformed or inconsistent document, KS_ELIMIT past a cap, KS_ERROR when
 * s already has characteristics or the file cannot be opened; on failure
 * the session's characteristics are left empty.
 */
int
oval_syschar_read(struct oval_session *s, const char *path)
{
	return read_any(s, path, NULL, 0);
}

int
oval_res_syschar_read_mem(struct oval_session *s, const char *buf, size_t len,
                          const char *name)
{
	return read_any(s, name, buf, len);
}
