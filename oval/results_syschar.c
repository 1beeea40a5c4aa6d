/*
 * Writes OVAL 5.11 system characteristics: the <oval_system_characteristics>
 * element shared by results documents and standalone files
 * (oval_syschar_write), and the small streaming writer every results_*.c
 * uses. It never builds a DOM. Reading the format back is results_read.c.
 */
#include "oval/results_int.h"

#include <libxml/xmlwriter.h>
#include <libxml/xmlIO.h>

#include <errno.h>
#include <string.h>
#include <time.h>

/* ---- the writer -----------------------------------------------------------
 */

static void xw_io_fail(struct oval_xw *x);

int
oval_xw_open(struct oval_xw *x, FILE *fp, const char *path)
{
	xmlOutputBufferPtr out;

	memset(x, 0, sizeof(*x));
	x->fp = fp;
	x->path = path;
	ks_buf_init(&x->tmp, 0);
	ks_xml_init();
	if ((out = xmlOutputBufferCreateFile(fp, NULL)) == NULL) {
		ks_error_set("%s: cannot create an XML output buffer", path);
		return KS_ERROR;
	}
	/* The writer owns `out` from here and closes it (not fp). */
	if ((x->w = xmlNewTextWriter(out)) == NULL) {
		xmlOutputBufferClose(out);
		ks_error_set("%s: cannot create an XML writer", path);
		return KS_ERROR;
	}
	xmlTextWriterSetIndent(x->w, 1);
	xmlTextWriterSetIndentString(x->w, BAD_CAST "  ");
	if (xmlTextWriterStartDocument(x->w, "1.0", "UTF-8", NULL) < 0)
		xw_io_fail(x);
	return x->rc;
}

void
oval_xw_fail(struct oval_xw *x, int rc)
{
	if (x->rc == 0)
		x->rc = rc < 0 ? rc : KS_ERROR;
}

/* A libxml2 or stdio failure: the message is set here, once. */
static void
xw_io_fail(struct oval_xw *x)
{
	if (x->rc != 0)
		return;
	ks_error_set("%s: cannot write: %s", x->path,
	             errno != 0 ? strerror(errno) : "XML writer error");
	x->rc = KS_ERROR;
}

int
oval_xw_close(struct oval_xw *x)
{
	if (x->w != NULL) {
		if (x->rc == 0 && xmlTextWriterEndDocument(x->w) < 0)
			xw_io_fail(x);
		if (x->rc == 0 && xmlTextWriterFlush(x->w) < 0)
			xw_io_fail(x);
		xmlFreeTextWriter(x->w);
		x->w = NULL;
	}
	if (x->rc == 0 && (fflush(x->fp) != 0 || ferror(x->fp)))
		xw_io_fail(x);
	ks_buf_free(&x->tmp);
	return x->rc;
}

/*
 * Length of the valid XML 1.0 character starting at p (n bytes left), or 0
 * when the bytes there are not one: a control character other than tab,
 * newline and carriage return, malformed or overlong UTF-8, a surrogate,
 * U+FFFE or U+FFFF.
 */
static size_t
xml_char_len(const unsigned char *p, size_t n)
{
	uint32_t c;
	size_t len, i;

	if (p[0] < 0x80)
		return (p[0] >= 0x20 || p[0] == '\t' || p[0] == '\n' ||
		        p[0] == '\r')
		           ? 1
		           : 0;
	if (p[0] >= 0xC2 && p[0] <= 0xDF) {
		len = 2;
		c = p[0] & 0x1F;
	} else if (p[0] >= 0xE0 && p[0] <= 0xEF) {
		len = 3;
		c = p[0] & 0x0F;
	} else if (p[0] >= 0xF0 && p[0] <= 0xF4) {
		len = 4;
		c = p[0] & 0x07;
	} else
		return 0;
	if (n < len)
		return 0;
	for (i = 1; i < len; i++) {
		if ((p[i] & 0xC0) != 0x80)
			return 0;
		c = (c << 6) | (p[i] & 0x3F);
	}
	if ((len == 3 && c < 0x800) || (len == 4 && c < 0x10000) ||
	    c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF) || c == 0xFFFE ||
	    c == 0xFFFF)
		return 0;
	return len;
}

/* s itself when it is valid XML text, else a copy in x->tmp where every
 * byte that does not start a valid character became U+FFFD. */
static const char *
xml_clean(struct oval_xw *x, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = strlen(s), i = 0, l;

	for (;;) {
		/* fast path: printable ASCII, the bulk of every document */
		while (i < n && p[i] >= 0x20 && p[i] < 0x80)
			i++;
		if (i == n)
			return s;
		if ((l = xml_char_len(p + i, n - i)) == 0)
			break;
		i += l;
	}
	ks_buf_reset(&x->tmp);
	(void)ks_buf_append(&x->tmp, s, i);
	while (i < n) {
		if ((l = xml_char_len(p + i, n - i)) == 0) {
			(void)ks_buf_puts(&x->tmp, "\xEF\xBF\xBD");
			i++;
		} else {
			(void)ks_buf_append(&x->tmp, p + i, l);
			i += l;
		}
	}
	return x->tmp.data;
}

void
oval_xw_start(struct oval_xw *x, const char *name)
{
	if (x->rc == 0 && xmlTextWriterStartElement(x->w, BAD_CAST name) < 0)
		xw_io_fail(x);
}

void
oval_xw_start2(struct oval_xw *x, const char *prefix, const char *local)
{
	int n;

	if (x->rc != 0)
		return;
	if (prefix == NULL || prefix[0] == '\0')
		n = snprintf(x->qname, sizeof(x->qname), "%s", local);
	else
		n = snprintf(x->qname, sizeof(x->qname), "%s:%s", prefix,
		             local);
	if (n < 0 || (size_t)n >= sizeof(x->qname)) {
		ks_error_set("%s: element name '%s' too long", x->path, local);
		oval_xw_fail(x, KS_ELIMIT);
		return;
	}
	oval_xw_start(x, x->qname);
}

void
oval_xw_end(struct oval_xw *x)
{
	if (x->rc == 0 && xmlTextWriterEndElement(x->w) < 0)
		xw_io_fail(x);
}

void
oval_xw_attr(struct oval_xw *x, const char *name, const char *value)
{
	if (x->rc != 0 || value == NULL)
		return;
	if (xmlTextWriterWriteAttribute(x->w, BAD_CAST name,
	                                BAD_CAST xml_clean(x, value)) < 0)
		xw_io_fail(x);
}

void
oval_xw_attr_lit(struct oval_xw *x, const char *name, const char *value)
{
	if (x->rc != 0 || value == NULL)
		return;
	if (xmlTextWriterWriteAttribute(x->w, BAD_CAST name, BAD_CAST value) <
	    0)
		xw_io_fail(x);
}

void
oval_xw_attr_u32(struct oval_xw *x, const char *name, uint32_t v)
{
	char num[16];

	(void)snprintf(num, sizeof(num), "%u", (unsigned)v);
	oval_xw_attr_lit(x, name, num);
}

void
oval_xw_attr_bool(struct oval_xw *x, const char *name, bool v)
{
	oval_xw_attr_lit(x, name, v ? "true" : "false");
}

void
oval_xw_text(struct oval_xw *x, const char *text)
{
	if (x->rc != 0 || text == NULL || text[0] == '\0')
		return;
	if (xmlTextWriterWriteString(x->w, BAD_CAST xml_clean(x, text)) < 0)
		xw_io_fail(x);
}

void
oval_xw_elem(struct oval_xw *x, const char *name, const char *text)
{
	oval_xw_start(x, name);
	oval_xw_text(x, text);
	oval_xw_end(x);
}

bool
oval_res_ns_ok(const char *ns)
{
	size_t n;

	if (ns == NULL || (n = strlen(ns)) == 0 || n > OVAL_RES_NS_MAX)
		return false;
	if (!((ns[0] >= 'a' && ns[0] <= 'z') || (ns[0] >= 'A' && ns[0] <= 'Z')))
		return false;
	for (size_t i = 0; i < n; i++) {
		char c = ns[i];

		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		      (c >= '0' && c <= '9') || c == '-' || c == '_'))
			return false;
	}
	return true;
}

void
oval_res_generator(struct oval_xw *x, const char *name)
{
	char ts[32];

	if (x->rc == 0 &&
	    ks_time_iso((int64_t)time(NULL), ts, sizeof(ts)) < 0) {
		oval_xw_fail(x, KS_ERROR);
		return;
	}
	oval_xw_start(x, name);
	oval_xw_elem(x, "oval:product_name", "kensa");
	oval_xw_elem(x, "oval:product_version", KS_VERSION);
	oval_xw_elem(x, "oval:schema_version", OVAL_RES_SCHEMA_VERSION);
	oval_xw_elem(x, "oval:timestamp", ts);
	oval_xw_end(x);
}

int
oval_res_doc_begin(struct oval_xw *x, struct ks_atomic **a, const char *path)
{
	int rc;

	*a = NULL;
	memset(x, 0, sizeof(*x));
	if ((rc = ks_atomic_open(a, path)) < 0)
		return rc;
	errno = 0;
	if ((rc = oval_xw_open(x, ks_atomic_fp(*a), path)) < 0) {
		(void)oval_xw_close(x);
		ks_atomic_abort(*a);
		*a = NULL;
	}
	return rc;
}

int
oval_res_doc_end(struct oval_xw *x, struct ks_atomic *a)
{
	int rc;

	if ((rc = oval_xw_close(x)) < 0) {
		ks_atomic_abort(a);
		return rc;
	}
	return ks_atomic_commit(a);
}

/* ---- system characteristics ------------------------------------------------
 */

/* MessageLevelEnumeration (oval-common-schema): anything else is written as
 * "info" rather than making the document invalid. */
static const char *
msg_level(const char *level)
{
	static const char *const ok[] = {"debug", "error", "fatal", "info",
	                                 "warning"};

	if (level != NULL)
		for (size_t i = 0; i < sizeof(ok) / sizeof(ok[0]); i++)
			if (strcmp(level, ok[i]) == 0)
				return ok[i];
	return "info";
}

static void
write_msgs(struct oval_xw *x, const char *name, const struct oval_message *m,
           uint32_t n, uint32_t max)
{
	for (uint32_t i = 0; i < n && i < max; i++) {
		oval_xw_start(x, name);
		oval_xw_attr(x, "level", msg_level(m[i].level));
		oval_xw_text(x, m[i].text);
		oval_xw_end(x);
	}
}

static void
write_sysinfo(struct oval_xw *x, const struct plat_sysinfo *si)
{
	/* SystemInfoType: all five children are required; unknown facts are
	 * written empty (an offline root may have no hostname). */
	oval_xw_start(x, "oval-sc:system_info");
	oval_xw_elem(x, "oval-sc:os_name", si->os_name);
	oval_xw_elem(x, "oval-sc:os_version", si->os_version);
	oval_xw_elem(x, "oval-sc:architecture", si->architecture);
	oval_xw_elem(x, "oval-sc:primary_host_name", si->hostname);
	oval_xw_start(x, "oval-sc:interfaces");
	for (size_t i = 0; i < si->nifaces; i++) {
		oval_xw_start(x, "oval-sc:interface");
		oval_xw_elem(x, "oval-sc:interface_name", si->ifaces[i].name);
		oval_xw_elem(x, "oval-sc:ip_address", si->ifaces[i].ip);
		oval_xw_elem(x, "oval-sc:mac_address", si->ifaces[i].mac);
		oval_xw_end(x);
	}
	oval_xw_end(x);
	oval_xw_end(x);
}

static void
write_collected(struct oval_xw *x, struct oval_session *s)
{
	const struct oval_defs *d = s->defs;
	bool any = false;

	if (s->sc.objs == NULL)
		return;
	for (uint32_t i = 0; i < d->nobjects; i++) {
		const struct oval_collected *c = &s->sc.objs[i];
		const struct oval_object *o = &d->objects[i];

		if (!c->done)
			continue;
		if (!any) {
			oval_xw_start(x, "oval-sc:collected_objects");
			any = true;
		}
		oval_xw_start(x, "oval-sc:object");
		oval_xw_attr(x, "id", o->id);
		oval_xw_attr_u32(x, "version", o->version);
		oval_xw_attr_lit(x, "variable_instance", "1");
		if (o->comment != NULL)
			oval_xw_attr(x, "comment", o->comment);
		oval_xw_attr_lit(x, "flag", oval_flag_name(c->flag));
		write_msgs(x, "oval-sc:message", c->msgs, c->nmsgs, UINT32_MAX);
		for (uint32_t j = 0; j < c->nvarvals; j++) {
			uint32_t v = c->varvals[j].var;

			if (v >= d->nvars)
				continue;
			oval_xw_start(x, "oval-sc:variable_value");
			oval_xw_attr(x, "variable_id", d->vars[v].id);
			oval_xw_text(x, c->varvals[j].value);
			oval_xw_end(x);
		}
		for (uint32_t j = 0; j < c->nitems; j++) {
			if (c->items[j] >= s->sc.nitems)
				continue;
			oval_xw_start(x, "oval-sc:reference");
			oval_xw_attr_u32(x, "item_ref", c->items[j] + 1);
			oval_xw_end(x);
		}
		oval_xw_end(x);
	}
	if (any)
		oval_xw_end(x);
}

/* Entity attributes: only what differs from the schema defaults
 * (EntityAttributeGroup: datatype string, mask false, status exists). */
static void
write_ent_attrs(struct oval_xw *x, const struct oval_item_ent *e)
{
	if (e->dt != OVAL_DT_STRING)
		oval_xw_attr_lit(x, "datatype", oval_datatype_name(e->dt));
	if (e->mask)
		oval_xw_attr(x, "mask", "true");
	if (e->status != OVAL_ST_EXISTS)
		oval_xw_attr_lit(x, "status", oval_item_status_name(e->status));
}

/*
 * 5.11 (EntityAttributeGroup, mask): "When the mask attribute is set to
 * 'true' on an OVAL Entity or an OVAL Field, the corresponding collected
 * value ... MUST NOT be present in the "results" section of the OVAL Results
 * document", and "Values MUST NOT be masked in OVAL System Characteristics
 * documents that are not contained within an OVAL Results document".
 */
static void
write_item(struct oval_xw *x, const struct oval_item *it, uint32_t id,
           const char *prefix, bool in_results)
{
	oval_xw_start2(x, prefix, it->type);
	oval_xw_attr_u32(x, "id", id);
	if (it->status != OVAL_ST_EXISTS)
		oval_xw_attr_lit(x, "status",
		                 oval_item_status_name(it->status));
	/* ItemType allows at most 50 messages. */
	write_msgs(x, "oval-sc:message", it->msgs, it->nmsgs, 50);
	for (uint32_t i = 0; i < it->nents; i++) {
		const struct oval_item_ent *e = &it->ents[i];
		bool hide = in_results && e->mask;

		oval_xw_start2(x, prefix, e->name);
		write_ent_attrs(x, e);
		if (e->dt == OVAL_DT_RECORD) {
			for (uint32_t f = 0; f < e->nfields; f++) {
				const struct oval_item_ent *fe = &e->fields[f];

				oval_xw_start(x, "oval-sc:field");
				oval_xw_attr(x, "name", fe->name);
				write_ent_attrs(x, fe);
				/* a masked record masks all its fields */
				if (!hide && !(in_results && fe->mask))
					oval_xw_text(x, fe->value);
				oval_xw_end(x);
			}
		} else if (e->value == NULL && e->status == OVAL_ST_EXISTS) {
			oval_xw_attr(x, "xsi:nil", "true");
		} else if (!hide) {
			oval_xw_text(x, e->value);
		}
		oval_xw_end(x);
	}
	oval_xw_end(x);
}

/* The distinct item families, so each namespace is declared once on the
 * root rather than on every item. */
#define MAX_FAMILIES 64
struct families {
	const char *ns[MAX_FAMILIES];
	char prefix[MAX_FAMILIES][OVAL_RES_NS_MAX + 4];
	size_t n;
};

static const char *
family_prefix(struct families *f, const char *ns)
{
	for (size_t i = 0; i < f->n; i++)
		if (f->ns[i] == ns || strcmp(f->ns[i], ns) == 0)
			return f->prefix[i];
	return NULL;
}

static int
families_collect(struct families *f, const struct oval_syschar *sc,
                 const char *path)
{
	f->n = 0;
	for (uint32_t i = 0; i < sc->nitems; i++) {
		const char *ns = sc->items[i].ns;

		if (family_prefix(f, ns) != NULL)
			continue;
		if (!oval_res_ns_ok(ns) || sc->items[i].type == NULL) {
			ks_error_set("%s: item %u has a bad family '%s'", path,
			             (unsigned)(i + 1),
			             ns != NULL ? ns : "(null)");
			return KS_ERROR;
		}
		if (f->n == MAX_FAMILIES) {
			ks_error_set("%s: more than %d item families", path,
			             MAX_FAMILIES);
			return KS_ELIMIT;
		}
		f->ns[f->n] = ns;
		/* ns is at most OVAL_RES_NS_MAX: "-sc" always fits. */
		(void)snprintf(f->prefix[f->n], sizeof(f->prefix[f->n]),
		               "%s-sc", ns);
		f->n++;
	}
	return 0;
}

void
oval_res_syschar_elem(struct oval_xw *x, struct oval_session *s,
                      bool in_results)
{
	struct families fam;
	char uri[sizeof(OVAL_NS_SC) + OVAL_RES_NS_MAX + 2];
	char attr[OVAL_RES_NS_MAX + 16];
	int rc;

	if (x->rc != 0)
		return;
	if ((rc = families_collect(&fam, &s->sc, x->path)) < 0) {
		oval_xw_fail(x, rc);
		return;
	}
	oval_xw_start(x, "oval-sc:oval_system_characteristics");
	oval_xw_attr(x, "xmlns:oval-sc", OVAL_NS_SC);
	oval_xw_attr(x, "xmlns:oval", OVAL_NS_COMMON);
	oval_xw_attr(x, "xmlns:xsi", OVAL_NS_XSI);
	for (size_t i = 0; i < fam.n; i++) {
		(void)snprintf(uri, sizeof(uri), "%s#%s", OVAL_NS_SC,
		               fam.ns[i]);
		(void)snprintf(attr, sizeof(attr), "xmlns:%s", fam.prefix[i]);
		oval_xw_attr(x, attr, uri);
	}
	oval_res_generator(x, "oval-sc:generator");
	write_sysinfo(x, &s->sc.sysinfo);
	write_collected(x, s);
	if (s->sc.nitems > 0) {
		oval_xw_start(x, "oval-sc:system_data");
		for (uint32_t i = 0; i < s->sc.nitems && x->rc == 0; i++) {
			const struct oval_item *it = &s->sc.items[i];

			write_item(x, it, i + 1, family_prefix(&fam, it->ns),
			           in_results);
		}
		oval_xw_end(x);
	}
	oval_xw_end(x);
}

/*
 * Writes the system characteristics of s as a standalone document (values
 * never masked) to path, replaced atomically. Returns 0 or the first KS_*
 * error with the message set; on failure path is left as it was.
 */
int
oval_syschar_write(struct oval_session *s, const char *path)
{
	struct oval_xw x;
	struct ks_atomic *a;
	int rc;

	if ((rc = oval_res_doc_begin(&x, &a, path)) < 0)
		return rc;
	oval_res_syschar_elem(&x, s, false);
	return oval_res_doc_end(&x, a);
}
