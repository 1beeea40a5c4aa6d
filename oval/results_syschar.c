/*
 * Writes OVAL 5.11 system characteristics: the <oval_system_characteristics>
 * element shared by results documents and standalone files
 * (oval_syschar_write), and the document set-up every results_*.c uses
 * (through platform/base/xmlw). It never builds a DOM. Reading the format
 * back is results_read.c.
 */
#include "oval/results_int.h"

#include <string.h>
#include <time.h>

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

int64_t
oval_res_time(struct oval_session *s)
{
	if (s->written_at == 0)
		s->written_at = (int64_t)time(NULL);
	return s->written_at;
}

void
oval_res_generator(struct ks_xmlw *x, const char *name, int64_t when)
{
	char ts[32];

	if (ks_xmlw_status(x) == 0 &&
	    ks_time_iso(when, ts, sizeof(ts)) < 0) {
		ks_xmlw_fail(x, KS_ERROR);
		return;
	}
	ks_xmlw_start(x, name);
	ks_xmlw_elem(x, "oval:product_name", "kensa");
	ks_xmlw_elem(x, "oval:product_version", KS_VERSION);
	ks_xmlw_elem(x, "oval:schema_version", OVAL_RES_SCHEMA_VERSION);
	ks_xmlw_elem(x, "oval:timestamp", ts);
	ks_xmlw_end(x);
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
write_msgs(struct ks_xmlw *x, const char *name, const struct oval_message *m,
           uint32_t n, uint32_t max)
{
	for (uint32_t i = 0; i < n && i < max; i++) {
		ks_xmlw_start(x, name);
		ks_xmlw_attr(x, "level", msg_level(m[i].level));
		ks_xmlw_text(x, m[i].text);
		ks_xmlw_end(x);
	}
}

static void
write_sysinfo(struct ks_xmlw *x, const struct plat_sysinfo *si)
{
	/* SystemInfoType: all five children are required; unknown facts are
	 * written empty (an offline root may have no hostname). */
	ks_xmlw_start(x, "oval-sc:system_info");
	ks_xmlw_elem(x, "oval-sc:os_name", si->os_name);
	ks_xmlw_elem(x, "oval-sc:os_version", si->os_version);
	ks_xmlw_elem(x, "oval-sc:architecture", si->architecture);
	ks_xmlw_elem(x, "oval-sc:primary_host_name", si->hostname);
	ks_xmlw_start(x, "oval-sc:interfaces");
	for (size_t i = 0; i < si->nifaces; i++) {
		ks_xmlw_start(x, "oval-sc:interface");
		ks_xmlw_elem(x, "oval-sc:interface_name", si->ifaces[i].name);
		ks_xmlw_elem(x, "oval-sc:ip_address", si->ifaces[i].ip);
		ks_xmlw_elem(x, "oval-sc:mac_address", si->ifaces[i].mac);
		ks_xmlw_end(x);
	}
	ks_xmlw_end(x);
	ks_xmlw_end(x);
}

static void
write_collected(struct ks_xmlw *x, struct oval_session *s)
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
			ks_xmlw_start(x, "oval-sc:collected_objects");
			any = true;
		}
		ks_xmlw_start(x, "oval-sc:object");
		ks_xmlw_attr(x, "id", o->id);
		ks_xmlw_attr_u32(x, "version", o->version);
		ks_xmlw_attr(x, "variable_instance", "1");
		if (o->comment != NULL)
			ks_xmlw_attr(x, "comment", o->comment);
		ks_xmlw_attr(x, "flag", oval_flag_name(c->flag));
		write_msgs(x, "oval-sc:message", c->msgs, c->nmsgs, UINT32_MAX);
		for (uint32_t j = 0; j < c->nvarvals; j++) {
			uint32_t v = c->varvals[j].var;

			if (v >= d->nvars)
				continue;
			ks_xmlw_start(x, "oval-sc:variable_value");
			ks_xmlw_attr(x, "variable_id", d->vars[v].id);
			ks_xmlw_text(x, c->varvals[j].value);
			ks_xmlw_end(x);
		}
		for (uint32_t j = 0; j < c->nitems; j++) {
			if (c->items[j] >= s->sc.nitems)
				continue;
			ks_xmlw_start(x, "oval-sc:reference");
			ks_xmlw_attr_u32(x, "item_ref", c->items[j] + 1);
			ks_xmlw_end(x);
		}
		ks_xmlw_end(x);
	}
	if (any)
		ks_xmlw_end(x);
}

/* Entity attributes: only what differs from the schema defaults
 * (EntityAttributeGroup: datatype string, mask false, status exists). */
static void
write_ent_attrs(struct ks_xmlw *x, const struct oval_item_ent *e)
{
	if (e->dt != OVAL_DT_STRING)
		ks_xmlw_attr(x, "datatype", oval_datatype_name(e->dt));
	if (e->mask)
		ks_xmlw_attr(x, "mask", "true");
	if (e->status != OVAL_ST_EXISTS)
		ks_xmlw_attr(x, "status", oval_item_status_name(e->status));
}

/*
 * 5.11 (EntityAttributeGroup, mask): "When the mask attribute is set to
 * 'true' on an OVAL Entity or an OVAL Field, the corresponding collected
 * value ... MUST NOT be present in the "results" section of the OVAL Results
 * document", and "Values MUST NOT be masked in OVAL System Characteristics
 * documents that are not contained within an OVAL Results document".
 */
static void
write_item(struct ks_xmlw *x, const struct oval_item *it, uint32_t id,
           const char *prefix, bool in_results)
{
	ks_xmlw_start2(x, prefix, it->type);
	ks_xmlw_attr_u32(x, "id", id);
	if (it->status != OVAL_ST_EXISTS)
		ks_xmlw_attr(x, "status",
		                 oval_item_status_name(it->status));
	/* ItemType allows at most 50 messages. */
	write_msgs(x, "oval-sc:message", it->msgs, it->nmsgs, 50);
	for (uint32_t i = 0; i < it->nents; i++) {
		const struct oval_item_ent *e = &it->ents[i];
		bool hide = in_results && e->mask;

		ks_xmlw_start2(x, prefix, e->name);
		write_ent_attrs(x, e);
		if (e->dt == OVAL_DT_RECORD) {
			for (uint32_t f = 0; f < e->nfields; f++) {
				const struct oval_item_ent *fe = &e->fields[f];

				ks_xmlw_start(x, "oval-sc:field");
				ks_xmlw_attr(x, "name", fe->name);
				write_ent_attrs(x, fe);
				/* a masked record masks all its fields */
				if (!hide && !(in_results && fe->mask))
					ks_xmlw_text(x, fe->value);
				ks_xmlw_end(x);
			}
		} else if (e->value == NULL && e->status == OVAL_ST_EXISTS) {
			ks_xmlw_attr(x, "xsi:nil", "true");
		} else if (!hide) {
			ks_xmlw_text(x, e->value);
		}
		ks_xmlw_end(x);
	}
	ks_xmlw_end(x);
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
oval_res_syschar_elem(struct ks_xmlw *x, struct oval_session *s,
                      bool in_results)
{
	oval_res_syschar_elem_opt(x, s, in_results, true);
}

void
oval_res_syschar_elem_opt(struct ks_xmlw *x, struct oval_session *s,
                          bool in_results, bool with_data)
{
	struct families fam;
	char uri[sizeof(OVAL_NS_SC) + OVAL_RES_NS_MAX + 2];
	char attr[OVAL_RES_NS_MAX + 16];
	int rc;

	if (ks_xmlw_status(x) != 0)
		return;
	if ((rc = families_collect(&fam, &s->sc, ks_xmlw_name(x))) < 0) {
		ks_xmlw_fail(x, rc);
		return;
	}
	ks_xmlw_start(x, "oval-sc:oval_system_characteristics");
	ks_xmlw_attr(x, "xmlns:oval-sc", OVAL_NS_SC);
	ks_xmlw_attr(x, "xmlns:oval", OVAL_NS_COMMON);
	ks_xmlw_attr(x, "xmlns:xsi", OVAL_NS_XSI);
	for (size_t i = 0; i < fam.n; i++) {
		(void)snprintf(uri, sizeof(uri), "%s#%s", OVAL_NS_SC,
		               fam.ns[i]);
		(void)snprintf(attr, sizeof(attr), "xmlns:%s", fam.prefix[i]);
		ks_xmlw_attr(x, attr, uri);
	}
	oval_res_generator(x, "oval-sc:generator", oval_res_time(s));
	write_sysinfo(x, &s->sc.sysinfo);
	if (!with_data) {
		ks_xmlw_end(x);
		return;
	}
	write_collected(x, s);
	if (s->sc.nitems > 0) {
		ks_xmlw_start(x, "oval-sc:system_data");
		for (uint32_t i = 0; i < s->sc.nitems && oval_xw_ok(x); i++) {
			const struct oval_item *it = &s->sc.items[i];

			write_item(x, it, i + 1, family_prefix(&fam, it->ns),
			           in_results);
		}
		ks_xmlw_end(x);
	}
	ks_xmlw_end(x);
}

/*
 * Writes the system characteristics of s as a standalone document (values
 * never masked) to path, replaced atomically. Returns 0 or the first KS_*
 * error with the message set; on failure path is left as it was.
 */
int
oval_syschar_write(struct oval_session *s, const char *path)
{
	struct ks_xmlw *x;
	struct ks_atomic *a;
	int rc;

	if ((rc = ks_xmlw_doc_begin(&x, &a, path)) < 0)
		return rc;
	oval_res_syschar_elem(x, s, false);
	return ks_xmlw_doc_end(x, a);
}
