/*
 * The local vulnerability store: entries keyed by (id, source), indexed by
 * id and alias, saved to and loaded from kensa's own line-based file, and
 * filled from the metadata of vendor OVAL definitions. JVN documents are
 * parsed in feed_jvn.c; which score a finding shows is decided in agent/.
 *
 * File format, version 1 (UTF-8, one record per line, fields separated by
 * TAB; in fields "\\" "\t" "\n" "\r" stand for backslash, tab, newline and
 * carriage return; an empty field is "absent"):
 *   kensa-vulnstore<TAB>2<TAB><entry count>     header, first line
 *   E origin id source       starts an entry (origin: vendor|jvn|nvd|other)
 *   T lang title             lang "ja" or "en"
 *   V severity               the vendor's severity word
 *   A alias                  another id (CVE of a JVNDB entry, advisory)
 *   S origin source version vector stated-score severity
 *   R source id url
 *   M modified               when the source last changed the entry
 *                            (version 2: which of two statements of one
 *                            id is newer, also after a save and a load)
 * Lines starting with '#' are comments. T, V, A, S, R and M belong to the
 * last E. Unknown record letters are an error (a newer version must bump
 * the header's version). Version 1 files (no M) are still read: their
 * entries have no date and merge with whatever is added later.
 */
#include "feeds/feed_int_vuln.h"
#include "platform/base/base.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/stat.h>

#include <libxml/tree.h>
#include <libxml/xmlreader.h>

#define VS_MAGIC	"kensa-vulnstore"
#define VS_VERSION	2	/* also reads 1 */
/* A store file larger than this is refused (the full JVN iPedia archive
 * with every vendor feed is far below it). */
#define VS_MAX_FILE	(1024u << 20)

struct idlist {
	uint32_t	*v;
	size_t		 n, cap;
};

/*
 * A loaded store is indexed, not parsed: load checks every line and
 * indexes the entries' ids and aliases; an entry's other records (titles,
 * scores, references, dates) stay split in the file's text and are parsed
 * the first time the entry is used (lookup, merge, save). A scan looks up
 * a few dozen ids among tens of thousands.
 */
struct vs_line {
	uint32_t	 off;	/* first field in text */
	uint8_t		 nf;	/* its field count */
};
struct vs_lazy {
	uint32_t	 first, n;	/* its deferred lines in lines[] */
	bool		 done;
};

struct feed_vulnstore {
	struct ks_strpool	*pool;
	struct feed_vuln	*v;
	size_t			 n, cap;
	struct ks_map		*keys;	/* "id\x1fsource" -> idx+1 */
	struct ks_map		*ids;	/* id or alias -> idlist * */
	/* loaded entries: v[0..nlazy) */
	char			*text;	/* the file, split in place */
	struct vs_line		*lines;
	size_t			 nlines, capl;
	struct vs_lazy		*lazy;
	size_t			 nlazy, capz;
	int			 version;
};

static void vs_parse(struct feed_vulnstore *vs, uint32_t idx);

/* ---- the entry builder (feed_int_vuln.h) ------------------------------- */

void
feed_vb_init(struct feed_vb *b)
{
	memset(b, 0, sizeof(*b));
}

static void
free_score(struct feed_vuln_score *s)
{
	free((char *)s->source);
	free((char *)s->version);
	free((char *)s->vector);
	free((char *)s->stated);
	free((char *)s->severity);
}

void
feed_vb_clear(struct feed_vb *b)
{
	struct feed_vuln *v = &b->v;

	free((char *)v->id);
	free((char *)v->source);
	free((char *)v->title_ja);
	free((char *)v->title_en);
	free((char *)v->severity);
	free((char *)v->modified);
	for (uint32_t i = 0; i < v->naliases; i++)
		free((char *)v->aliases[i]);
	free(v->aliases);
	for (uint32_t i = 0; i < v->nscores; i++)
		free_score(&v->scores[i]);
	free(v->scores);
	for (uint32_t i = 0; i < v->nrefs; i++) {
		free((char *)v->refs[i].source);
		free((char *)v->refs[i].id);
		free((char *)v->refs[i].url);
	}
	free(v->refs);
	feed_vb_init(b);
}

/* A trimmed copy of s, cut to FEED_VB_MAX_FIELD bytes at a character
 * boundary; NULL for NULL or blank. */
static char *
field_dup(const char *s)
{
	size_t n;

	if (s == NULL)
		return NULL;
	while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
		s++;
	n = strlen(s);
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' ||
	    s[n - 1] == '\n' || s[n - 1] == '\r'))
		n--;
	if (n == 0)
		return NULL;
	if (n > FEED_VB_MAX_FIELD) {
		n = FEED_VB_MAX_FIELD;
		while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
			n--;
	}
	return ks_strndup(s, n);
}

void
feed_vb_set(const char **field, const char *s)
{
	free((char *)*field);
	*field = field_dup(s);
}

static bool
str_eq(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return a == b;
	return strcmp(a, b) == 0;
}

void
feed_vb_alias(struct feed_vb *b, const char *id)
{
	char *a = field_dup(id);

	if (a == NULL)
		return;
	for (uint32_t i = 0; i < b->v.naliases; i++)
		if (strcmp(b->v.aliases[i], a) == 0) {
			free(a);
			return;
		}
	if (str_eq(a, b->v.id) || b->v.naliases >= FEED_VB_MAX_LIST) {
		free(a);
		return;
	}
	ks_grow(&b->v.aliases, &b->acap, b->v.naliases + 1,
	    sizeof(*b->v.aliases));
	b->v.aliases[b->v.naliases++] = a;
}

static bool
score_eq(const struct feed_vuln_score *a, const struct feed_vuln_score *b)
{
	return a->origin == b->origin && str_eq(a->source, b->source) &&
	    str_eq(a->version, b->version) && str_eq(a->vector, b->vector) &&
	    str_eq(a->stated, b->stated);
}

void
feed_vb_score(struct feed_vb *b, const struct feed_vuln_score *sc)
{
	struct feed_vuln_score n = {
		.origin = sc->origin,
		.source = field_dup(sc->source),
		.version = field_dup(sc->version),
		.vector = field_dup(sc->vector),
		.stated = field_dup(sc->stated),
		.severity = field_dup(sc->severity),
	};

	if ((n.vector == NULL && n.stated == NULL) ||
	    b->v.nscores >= FEED_VB_MAX_LIST)
		goto drop;
	for (uint32_t i = 0; i < b->v.nscores; i++)
		if (score_eq(&b->v.scores[i], &n))
			goto drop;
	ks_grow(&b->v.scores, &b->scap, b->v.nscores + 1,
	    sizeof(*b->v.scores));
	b->v.scores[b->v.nscores++] = n;
	return;
drop:
	free_score(&n);
}

void
feed_vb_ref(struct feed_vb *b, const char *source, const char *id,
    const char *url)
{
	struct feed_vuln_ref r = {
		field_dup(source), field_dup(id), field_dup(url)
	};

	if ((r.id == NULL && r.url == NULL) || b->v.nrefs >= FEED_VB_MAX_LIST)
		goto drop;
	for (uint32_t i = 0; i < b->v.nrefs; i++)
		if (str_eq(b->v.refs[i].source, r.source) &&
		    str_eq(b->v.refs[i].id, r.id) &&
		    str_eq(b->v.refs[i].url, r.url))
			goto drop;
	ks_grow(&b->v.refs, &b->rcap, b->v.nrefs + 1, sizeof(*b->v.refs));
	b->v.refs[b->v.nrefs++] = r;
	return;
drop:
	free((char *)r.source);
	free((char *)r.id);
	free((char *)r.url);
}

int
feed_vb_commit(struct feed_vulnstore *vs, struct feed_vb *b)
{
	int rc = 0;

	if (b->v.id != NULL && b->v.source != NULL)
		rc = feed_vulnstore_add(vs, &b->v);
	feed_vb_clear(b);
	return rc;
}

/* ---- the store --------------------------------------------------------- */

int
feed_vulnstore_new(struct feed_vulnstore **out)
{
	struct feed_vulnstore *vs = ks_calloc(1, sizeof(*vs));

	if (ks_strpool_new(&vs->pool) < 0 || ks_map_new(&vs->keys) < 0 ||
	    ks_map_new(&vs->ids) < 0) {
		feed_vulnstore_free(vs);
		return KS_ENOMEM;
	}
	*out = vs;
	return 0;
}

static int
free_idlist(const char *key, void *val, void *payload)
{
	struct idlist *l = val;

	(void)key;
	(void)payload;
	free(l->v);
	free(l);
	return 0;
}

void
feed_vulnstore_free(struct feed_vulnstore *vs)
{
	if (vs == NULL)
		return;
	for (size_t i = 0; i < vs->n; i++) {
		free(vs->v[i].aliases);
		free(vs->v[i].scores);
		free(vs->v[i].refs);
	}
	free(vs->v);
	if (vs->ids != NULL)
		ks_map_foreach(vs->ids, free_idlist, NULL);
	ks_map_free(vs->ids);
	ks_map_free(vs->keys);
	ks_strpool_free(vs->pool);
	free(vs->text);
	free(vs->lines);
	free(vs->lazy);
	free(vs);
}

size_t
feed_vulnstore_count(const struct feed_vulnstore *vs)
{
	return vs->n;
}

static const char *
in(struct feed_vulnstore *vs, const char *s)
{
	return s == NULL ? NULL : ks_strpool_intern(vs->pool, s, strlen(s));
}

static void
index_id(struct feed_vulnstore *vs, const char *id, uint32_t idx)
{
	struct idlist *l = ks_map_get(vs->ids, id);

	if (l == NULL) {
		l = ks_calloc(1, sizeof(*l));
		ks_map_put(vs->ids, id, l);
	}
	for (size_t i = 0; i < l->n; i++)
		if (l->v[i] == idx)
			return;
	ks_grow(&l->v, &l->cap, l->n + 1, sizeof(*l->v));
	l->v[l->n++] = idx;
}

/* Appends what src has and dst lacks (interned into the pool). */
static void
merge_into(struct feed_vulnstore *vs, uint32_t idx, const struct feed_vuln *src)
{
	struct feed_vuln *d = &vs->v[idx];
	uint32_t i, j;

	if (d->title_ja == NULL)
		d->title_ja = in(vs, src->title_ja);
	if (d->title_en == NULL)
		d->title_en = in(vs, src->title_en);
	if (d->severity == NULL)
		d->severity = in(vs, src->severity);
	for (i = 0; i < src->naliases; i++) {
		const char *a = in(vs, src->aliases[i]);

		if (a == NULL || a == d->id)
			continue;
		for (j = 0; j < d->naliases && d->aliases[j] != a; j++)
			;
		if (j < d->naliases || d->naliases >= FEED_VB_MAX_LIST)
			continue;
		d->aliases = ks_realloc(d->aliases,
		    (d->naliases + 1) * sizeof(*d->aliases));
		d->aliases[d->naliases++] = a;
		index_id(vs, a, idx);
	}
	for (i = 0; i < src->nscores; i++) {
		struct feed_vuln_score s = src->scores[i];

		s.source = in(vs, s.source);
		s.version = in(vs, s.version);
		s.vector = in(vs, s.vector);
		s.stated = in(vs, s.stated);
		s.severity = in(vs, s.severity);
		for (j = 0; j < d->nscores && !score_eq(&d->scores[j], &s); j++)
			;
		if (j < d->nscores || d->nscores >= FEED_VB_MAX_LIST)
			continue;
		d->scores = ks_realloc(d->scores,
		    (d->nscores + 1) * sizeof(*d->scores));
		d->scores[d->nscores++] = s;
	}
	for (i = 0; i < src->nrefs; i++) {
		struct feed_vuln_ref r = {
			in(vs, src->refs[i].source), in(vs, src->refs[i].id),
			in(vs, src->refs[i].url)
		};

		for (j = 0; j < d->nrefs; j++)
			if (d->refs[j].source == r.source &&
			    d->refs[j].id == r.id && d->refs[j].url == r.url)
				break;
		if (j < d->nrefs || d->nrefs >= FEED_VB_MAX_LIST)
			continue;
		d->refs = ks_realloc(d->refs,
		    (d->nrefs + 1) * sizeof(*d->refs));
		d->refs[d->nrefs++] = r;
	}
}

/*
 * An ISO 8601 date or date-time as the JVN documents state them
 * ("2023-10-16", "2023-10-16T17:18+09:00", "2025-04-04T14:45:58+09:00",
 * "...Z"; no zone: UTC) as seconds since the epoch. 0 or -1 when it is
 * none of those.
 */
static int
date_epoch(const char *s, int64_t *out)
{
	struct tm tm;
	int y, mo, d, h = 0, mi = 0, sec = 0, zh = 0, zm = 0, n = 0;
	long off = 0;
	time_t t;

	if (sscanf(s, "%4d-%2d-%2d%n", &y, &mo, &d, &n) != 3 || n != 10)
		return -1;
	s += n;
	if (*s == 'T') {
		if (sscanf(s, "T%2d:%2d%n", &h, &mi, &n) != 2 || n != 6)
			return -1;
		s += n;
		if (*s == ':') {
			if (sscanf(s, ":%2d%n", &sec, &n) != 1 || n != 3)
				return -1;
			s += n;
			/* Fractions of a second do not order entries. */
			if (*s == '.')
				for (s++; *s >= '0' && *s <= '9'; s++)
					;
		}
		if (*s == 'Z') {
			s++;
		} else if (*s == '+' || *s == '-') {
			if (sscanf(s + 1, "%2d:%2d%n", &zh, &zm, &n) != 2 ||
			    n != 5 || zh > 23 || zm > 59)
				return -1;
			off = (zh * 3600L + zm * 60L) * (*s == '-' ? -1 : 1);
			s += 6;
		}
	}
	if (*s != '\0' || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 ||
	    mi > 59 || sec > 60)
		return -1;
	memset(&tm, 0, sizeof(tm));
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_sec = sec;
	t = timegm(&tm);
	*out = (int64_t)t - off;
	return 0;
}

/* >0 when a is a later date than b, <0 when earlier, 0 when the same or
 * either is missing or unreadable. */
static int
date_cmp(const char *a, const char *b)
{
	int64_t x, y;

	if (a == NULL || b == NULL || date_epoch(a, &x) != 0 ||
	    date_epoch(b, &y) != 0)
		return 0;
	return x > y ? 1 : x < y ? -1 : 0;
}

/* Empties entry idx (id, source and origin stay) so a newer statement of
 * the same source replaces it: its aliases stop pointing to it. */
static void
entry_reset(struct feed_vulnstore *vs, uint32_t idx)
{
	struct feed_vuln *d = &vs->v[idx];

	for (uint32_t i = 0; i < d->naliases; i++) {
		struct idlist *l = ks_map_get(vs->ids, d->aliases[i]);

		for (size_t j = 0; l != NULL && j < l->n; j++) {
			if (l->v[j] != idx)
				continue;
			memmove(&l->v[j], &l->v[j + 1],
			    (l->n - j - 1) * sizeof(*l->v));
			l->n--;
			break;
		}
	}
	free(d->aliases);
	free(d->scores);
	free(d->refs);
	d->aliases = NULL;
	d->scores = NULL;
	d->refs = NULL;
	d->naliases = d->nscores = d->nrefs = 0;
	d->title_ja = d->title_en = d->severity = d->modified = NULL;
}

int
feed_vulnstore_add(struct feed_vulnstore *vs, const struct feed_vuln *v)
{
	char *key;
	uintptr_t got;
	uint32_t idx;
	int newer = 0;

	if (v->id == NULL || *v->id == '\0' || v->source == NULL ||
	    *v->source == '\0') {
		ks_error_set("vulnerability entry without id or source");
		return KS_EPARSE;
	}
	key = ks_asprintf("%s\x1f%s", v->id, v->source);
	got = (uintptr_t)ks_map_get(vs->keys, key);
	if (got != 0) {
		idx = (uint32_t)(got - 1);
		vs_parse(vs, idx);
		/* The same id in several JVN files (a yearly feed, the
		 * recent-changes feed): the newest statement wins, whatever
		 * the order the files are read in (MYJVN.md §5). */
		newer = date_cmp(v->modified, vs->v[idx].modified);
		if (newer < 0) {
			free(key);
			return 0;
		}
		if (newer > 0)
			entry_reset(vs, idx);
	} else {
		ks_grow(&vs->v, &vs->cap, vs->n + 1, sizeof(*vs->v));
		idx = (uint32_t)vs->n++;
		memset(&vs->v[idx], 0, sizeof(vs->v[idx]));
		vs->v[idx].id = in(vs, v->id);
		vs->v[idx].source = in(vs, v->source);
		vs->v[idx].origin = v->origin;
		ks_map_put(vs->keys, key, (void *)(uintptr_t)(idx + 1));
		index_id(vs, vs->v[idx].id, idx);
	}
	free(key);
	merge_into(vs, idx, v);
	if (vs->v[idx].modified == NULL)
		vs->v[idx].modified = in(vs, v->modified);
	return 0;
}

int
feed_vulnstore_lookup(const struct feed_vulnstore *vs, const char *id,
    int (*cb)(const struct feed_vuln *v, void *payload), void *payload)
{
	const struct idlist *l = ks_map_get(vs->ids, id);
	int rc;

	if (l == NULL)
		return 0;
	for (size_t i = 0; i < l->n; i++) {
		/* Parsing on first use changes nothing a caller sees. */
		vs_parse((struct feed_vulnstore *)vs, l->v[i]);
		if ((rc = cb(&vs->v[l->v[i]], payload)) != 0)
			return rc;
	}
	return 0;
}

int
feed_vulnstore_foreach(const struct feed_vulnstore *vs,
    int (*cb)(const struct feed_vuln *v, void *payload), void *payload)
{
	int rc;

	for (size_t i = 0; i < vs->n; i++) {
		vs_parse((struct feed_vulnstore *)vs, (uint32_t)i);
		if ((rc = cb(&vs->v[i], payload)) != 0)
			return rc;
	}
	return 0;
}

/* ---- vendor OVAL metadata ------------------------------------------------ */

static const char *
vendor_of(const char *def_id)
{
	static const struct { const char *prefix, *name; } v[] = {
		{ "oval:com.redhat.", "Red Hat" },
		{ "oval:com.ubuntu.", "Ubuntu" },
		{ "oval:org.debian", "Debian" },
		{ "oval:org.opensuse.", "SUSE" },
		{ "oval:com.suse.", "SUSE" },
		{ "oval:org.almalinux.", "AlmaLinux" },
		{ "oval:org.oracle", "Oracle" },
	};

	for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++)
		if (strncmp(def_id, v[i].prefix, strlen(v[i].prefix)) == 0)
			return v[i].name;
	return NULL;
}

static bool
is_cve_id(const char *s)
{
	return s != NULL && strncmp(s, "CVE-", 4) == 0 && s[4] >= '0' &&
	    s[4] <= '9';
}

/* An attribute's value copied (caller frees), or NULL. */
static char *
attr(xmlNode *n, const char *name)
{
	return ks_xml_take(xmlGetProp(n, (const xmlChar *)name));
}

static char *
text(xmlNode *n)
{
	return ks_xml_take(xmlNodeGetContent(n));
}

static bool
named(xmlNode *n, const char *local)
{
	return n->type == XML_ELEMENT_NODE &&
	    strcmp((const char *)n->name, local) == 0;
}

/*
 * A vendor's "score/vector" attribute (Red Hat cvss3="7.5/CVSS:3.1/AV:N..."
 * and cvss2="5.0/AV:N/..."); the version comes from the vector's prefix,
 * else from the attribute (deflt). A value that is not "number/vector" is
 * kept whole as the vector, so the finding can say why it has no score.
 */
static void
vendor_score(struct feed_vb *b, const char *source, const char *val,
    const char *deflt)
{
	struct feed_vuln_score sc = { .origin = FEED_ORIGIN_VENDOR,
	    .source = source };
	const char *slash = strchr(val, '/');
	char *stated = NULL, ver[8];
	size_t n = slash ? (size_t)(slash - val) : 0;

	if (slash != NULL && n > 0 && n < 6 &&
	    strspn(val, "0123456789.") == n) {
		stated = ks_strndup(val, n);
		sc.vector = slash + 1;
	} else {
		sc.vector = val;
	}
	sc.stated = stated;
	if (strncmp(sc.vector, "CVSS:", 5) == 0 && strlen(sc.vector) > 8 &&
	    sc.vector[8] == '/') {
		memcpy(ver, sc.vector + 5, 3);
		ver[3] = '\0';
		sc.version = ver;
	} else {
		sc.version = deflt;
	}
	feed_vb_score(b, &sc);
	free(stated);
}

struct meta {
	const char		*vendor;
	const char		*title;
	const struct feed_vuln_ref *refs;
	uint32_t		 nrefs;
	const char		*adv_severity;	/* advisory/severity */
	const char		**advisories;	/* RHSA-..., USN-... */
	uint32_t		 nadv;
};

static void
meta_common(struct feed_vb *b, const struct meta *m)
{
	b->v.origin = FEED_ORIGIN_VENDOR;
	feed_vb_set(&b->v.source, m->vendor);
	feed_vb_set(&b->v.title_en, m->title);
	for (uint32_t i = 0; i < m->nadv; i++)
		feed_vb_alias(b, m->advisories[i]);
	for (uint32_t i = 0; i < m->nrefs; i++)
		feed_vb_ref(b, m->refs[i].source, m->refs[i].id,
		    m->refs[i].url);
}

/* One entry per CVE: the definition's CVE references, plus the CVEs of the
 * advisory (with their scores). */
static int
meta_add(struct feed_vulnstore *vs, const struct meta *m, xmlNode *adv)
{
	struct feed_vb b;
	int rc = 0, ncve = 0;

	feed_vb_init(&b);
	for (xmlNode *c = adv ? adv->children : NULL; c && rc == 0;
	    c = c->next) {
		char *id, *v;

		if (!named(c, "cve"))
			continue;
		id = text(c);
		if (!is_cve_id(id)) {
			free(id);
			continue;
		}
		feed_vb_set(&b.v.id, id);
		meta_common(&b, m);
		if ((v = attr(c, "impact")) != NULL ||
		    (v = attr(c, "priority")) != NULL)
			feed_vb_set(&b.v.severity, v);
		else
			feed_vb_set(&b.v.severity, m->adv_severity);
		free(v);
		if ((v = attr(c, "cvss3")) != NULL)
			vendor_score(&b, m->vendor, v, "3.0");
		free(v);
		if ((v = attr(c, "cvss2")) != NULL)
			vendor_score(&b, m->vendor, v, "2.0");
		free(v);
		if ((v = attr(c, "cvss_vector")) != NULL) {
			char *s = attr(c, "cvss_score");
			char *joined = ks_asprintf("%s/%s", s ? s : "", v);

			vendor_score(&b, m->vendor, s ? joined : v,
			    strncmp(v, "CVSS:", 5) == 0 ? "3.0" : "2.0");
			free(joined);
			free(s);
		}
		free(v);
		if ((v = attr(c, "href")) != NULL)
			feed_vb_ref(&b, "CVE", id, v);
		free(v);
		free(id);
		rc = feed_vb_commit(vs, &b);
		ncve++;
	}
	/* CVEs named only by <reference> (Ubuntu, SUSE) or by the title
	 * (Debian's "CVE-2014-0160"); merging keeps the advisory's data. */
	for (uint32_t i = 0; i < m->nrefs && rc == 0; i++) {
		if (!is_cve_id(m->refs[i].id))
			continue;
		feed_vb_set(&b.v.id, m->refs[i].id);
		meta_common(&b, m);
		feed_vb_set(&b.v.severity, m->adv_severity);
		rc = feed_vb_commit(vs, &b);
		ncve++;
	}
	if (ncve == 0 && rc == 0 && is_cve_id(m->title)) {
		size_t n = strspn(m->title + 4, "0123456789-") + 4;
		char *id = ks_strndup(m->title, n);

		feed_vb_set(&b.v.id, id);
		free(id);
		meta_common(&b, m);
		feed_vb_set(&b.v.severity, m->adv_severity);
		rc = feed_vb_commit(vs, &b);
		ncve++;
	}
	/* An advisory without CVEs is still known by its own id. */
	if (ncve == 0 && rc == 0 && m->nadv > 0) {
		feed_vb_set(&b.v.id, m->advisories[0]);
		meta_common(&b, m);
		feed_vb_set(&b.v.severity, m->adv_severity);
		rc = feed_vb_commit(vs, &b);
	}
	feed_vb_clear(&b);
	return rc;
}

static bool
is_advisory_source(const char *s)
{
	static const char *const src[] = {
		"RHSA", "RHBA", "RHEA", "USN", "DSA", "DLA", "SUSE-SU",
		"openSUSE-SU", "ELSA", "ALSA",
	};

	if (s == NULL)
		return false;
	for (size_t i = 0; i < sizeof(src) / sizeof(src[0]); i++)
		if (strcmp(s, src[i]) == 0)
			return true;
	return false;
}

static int
meta_from_advisory(struct feed_vulnstore *vs, const char *def_id,
    const char *title, const struct feed_vuln_ref *refs, uint32_t nrefs,
    xmlNode *adv)
{
	struct meta m = { .title = title, .refs = refs, .nrefs = nrefs };
	char *sev = NULL, *from = NULL;
	int rc;

	m.vendor = vendor_of(def_id);
	if (adv != NULL) {
		for (xmlNode *c = adv->children; c; c = c->next)
			if (named(c, "severity") && sev == NULL)
				sev = text(c);
		from = attr(adv, "from");
	}
	/* Unknown vendors are named by the advisory's sender, else by the
	 * id's namespace ("oval:org.example:def:1" -> "org.example"). */
	if (m.vendor == NULL && from == NULL &&
	    strncmp(def_id, "oval:", 5) == 0 && strchr(def_id + 5, ':') != NULL)
		from = ks_strndup(def_id + 5, (size_t)(strchr(def_id + 5, ':') -
		    (def_id + 5)));
	if (m.vendor == NULL)
		m.vendor = from != NULL ? from : "vendor";
	m.adv_severity = sev;
	m.advisories = ks_calloc(nrefs + 1, sizeof(*m.advisories));
	for (uint32_t i = 0; i < nrefs; i++)
		if (is_advisory_source(refs[i].source) && refs[i].id != NULL)
			m.advisories[m.nadv++] = refs[i].id;
	rc = meta_add(vs, &m, adv);
	free(m.advisories);
	free(sev);
	free(from);
	return rc;
}

int
feed_vulnstore_add_oval_meta(struct feed_vulnstore *vs, const char *def_id,
    const char *title, const struct feed_vuln_ref *refs, uint32_t nrefs,
    const char *advisory_xml)
{
	xmlDoc *doc = NULL;
	int rc;

	if (advisory_xml != NULL && *advisory_xml != '\0') {
		rc = ks_xml_doc_read_mem(&doc, advisory_xml,
		    strlen(advisory_xml), def_id);
		if (rc < 0)
			return rc;
	}
	rc = meta_from_advisory(vs, def_id, title, refs, nrefs,
	    doc ? xmlDocGetRootElement(doc) : NULL);
	xmlFreeDoc(doc);
	return rc;
}

/* The metadata element of one definition (expanded by the reader). */
static int
import_metadata(struct feed_vulnstore *vs, const char *def_id, xmlNode *md)
{
	struct feed_vuln_ref *refs = NULL;
	size_t nrefs = 0, cap = 0;
	char *title = NULL;
	xmlNode *adv = NULL;
	int rc;

	for (xmlNode *c = md->children; c; c = c->next) {
		if (named(c, "title") && title == NULL)
			title = text(c);
		else if (named(c, "advisory") && adv == NULL)
			adv = c;
		else if (named(c, "reference") && nrefs < FEED_VB_MAX_LIST) {
			ks_grow(&refs, &cap, nrefs + 1, sizeof(*refs));
			refs[nrefs].source = attr(c, "source");
			refs[nrefs].id = attr(c, "ref_id");
			refs[nrefs].url = attr(c, "ref_url");
			nrefs++;
		}
	}
	rc = meta_from_advisory(vs, def_id, title, refs, (uint32_t)nrefs, adv);
	for (size_t i = 0; i < nrefs; i++) {
		free((char *)refs[i].source);
		free((char *)refs[i].id);
		free((char *)refs[i].url);
	}
	free(refs);
	free(title);
	return rc;
}

int
feed_vulnstore_import_oval(struct feed_vulnstore *vs, const char *path)
{
	xmlTextReaderPtr r = NULL;
	char *def_id = NULL;
	int rc, n;

	if ((rc = ks_xml_reader_open(&r, path)) < 0)
		return rc;
	while ((n = ks_xml_reader_next(r)) == 1) {
		const char *ln;

		if (xmlTextReaderNodeType(r) != XML_READER_TYPE_ELEMENT)
			continue;
		ln = (const char *)xmlTextReaderConstLocalName(r);
		if (strcmp(ln, "definition") == 0) {
			xmlChar *id = xmlTextReaderGetAttribute(r,
			    (const xmlChar *)"id");

			free(def_id);
			def_id = id ? ks_strdup((const char *)id) : NULL;
			xmlFree(id);
		} else if (strcmp(ln, "metadata") == 0 && def_id != NULL) {
			xmlNode *md = xmlTextReaderExpand(r);

			if (md == NULL) {
				ks_error_set("%s:%d: cannot read the metadata "
				    "of %s", path, ks_xml_reader_line(r),
				    def_id);
				rc = KS_EPARSE;
				goto out;
			}
			if ((rc = import_metadata(vs, def_id, md)) < 0)
				goto out;
			free(def_id);
			def_id = NULL;
		}
	}
	rc = n < 0 ? n : 0;
out:
	free(def_id);
	ks_xml_reader_free(r);
	return rc;
}

/* ---- the file ------------------------------------------------------------ */

static const char *const origin_names[] = { "vendor", "jvn", "nvd", "other" };

static void
put_field(FILE *fp, const char *s)
{
	fputc('\t', fp);
	for (; s != NULL && *s; s++) {
		switch (*s) {
		case '\\': fputs("\\\\", fp); break;
		case '\t': fputs("\\t", fp); break;
		case '\n': fputs("\\n", fp); break;
		case '\r': fputs("\\r", fp); break;
		default: fputc(*s, fp);
		}
	}
}

/* Creates the directories above `path` (the cache directory may not exist
 * yet); failures surface when the file itself is opened. */
static void
make_parents(const char *path)
{
	char *d = ks_strdup(path);

	for (char *p = d + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		(void)mkdir(d, 0700);
		*p = '/';
	}
	free(d);
}

int
feed_vulnstore_save(const struct feed_vulnstore *vs, const char *path)
{
	struct ks_atomic *a = NULL;
	FILE *fp;
	int rc;

	for (size_t i = 0; i < vs->nlazy; i++)
		vs_parse((struct feed_vulnstore *)vs, (uint32_t)i);
	make_parents(path);
	if ((rc = ks_atomic_open(&a, path)) < 0)
		return rc;
	fp = (FILE *)ks_atomic_fp(a);
	fprintf(fp, "%s\t%d\t%zu\n", VS_MAGIC, VS_VERSION, vs->n);
	fprintf(fp, "# kensa vulnerability store, see "
	    "feeds/feed_vulnstore.c\n");
	for (size_t i = 0; i < vs->n; i++) {
		const struct feed_vuln *v = &vs->v[i];

		fputc('E', fp);
		put_field(fp, origin_names[v->origin]);
		put_field(fp, v->id);
		put_field(fp, v->source);
		fputc('\n', fp);
		if (v->title_ja != NULL) {
			fputs("T\tja", fp);
			put_field(fp, v->title_ja);
			fputc('\n', fp);
		}
		if (v->title_en != NULL) {
			fputs("T\ten", fp);
			put_field(fp, v->title_en);
			fputc('\n', fp);
		}
		if (v->severity != NULL) {
			fputc('V', fp);
			put_field(fp, v->severity);
			fputc('\n', fp);
		}
		if (v->modified != NULL) {
			fputc('M', fp);
			put_field(fp, v->modified);
			fputc('\n', fp);
		}
		for (uint32_t j = 0; j < v->naliases; j++) {
			fputc('A', fp);
			put_field(fp, v->aliases[j]);
			fputc('\n', fp);
		}
		for (uint32_t j = 0; j < v->nscores; j++) {
			const struct feed_vuln_score *s = &v->scores[j];

			fputc('S', fp);
			put_field(fp, origin_names[s->origin]);
			put_field(fp, s->source);
			put_field(fp, s->version);
			put_field(fp, s->vector);
			put_field(fp, s->stated);
			put_field(fp, s->severity);
			fputc('\n', fp);
		}
		for (uint32_t j = 0; j < v->nrefs; j++) {
			fputc('R', fp);
			put_field(fp, v->refs[j].source);
			put_field(fp, v->refs[j].id);
			put_field(fp, v->refs[j].url);
			fputc('\n', fp);
		}
	}
	if (ferror(fp)) {
		ks_error_set("%s: write error", path);
		ks_atomic_abort(a);
		return KS_ERROR;
	}
	return ks_atomic_commit(a);
}

/* Splits a line in place into at most `max` unescaped fields (the record
 * letter is field 0). Returns the count, or -1 on a bad escape. */
static int
split_fields(char *line, char **f, int max)
{
	int n = 0;
	char *w = line, *r = line;

	f[n++] = w;
	for (;;) {
		/* Runs without a tab or an escape move whole (a store is
		 * tens of MB: no byte-by-byte loop). */
		size_t k = strcspn(r, "\t\\");

		if (w != r)
			memmove(w, r, k);
		w += k;
		r += k;
		if (*r == '\0')
			break;
		if (*r++ == '\t') {
			*w++ = '\0';
			if (n == max)
				return -1;
			f[n++] = w;
			continue;
		}
		switch (*r++) {
		case '\\': *w++ = '\\'; break;
		case 't': *w++ = '\t'; break;
		case 'n': *w++ = '\n'; break;
		case 'r': *w++ = '\r'; break;
		default: return -1;
		}
	}
	*w = '\0';
	return n;
}

static int
origin_parse(const char *s)
{
	for (int i = 0; i < 4; i++)
		if (strcmp(s, origin_names[i]) == 0)
			return i;
	return -1;
}

/* Load appends records straight into the store: a saved file holds each
 * (id, source) once, already de-duplicated, so nothing is compared. */
struct loader {
	struct feed_vulnstore	*vs;
	struct feed_vuln	*cur;
	size_t			 acap, scap, rcap;
	int			 version;	/* the header's */
};

static const char *
lin(struct loader *l, const char *s)
{
	return *s ? ks_strpool_intern(l->vs->pool, s, strlen(s)) : NULL;
}

static int
load_entry(struct loader *l, char **f)
{
	struct feed_vulnstore *vs = l->vs;
	char *key;
	int o = origin_parse(f[1]);
	uint32_t idx;

	if (o < 0 || !*f[2] || !*f[3])
		return -1;
	/* once per entry of a big store: no printf */
	{
		size_t a = strlen(f[2]), b = strlen(f[3]);

		key = ks_malloc(a + b + 2);
		memcpy(key, f[2], a);
		key[a] = '\x1f';
		memcpy(key + a + 1, f[3], b + 1);
	}
	if (ks_map_get(vs->keys, key) != NULL) {
		free(key);
		return -1;	/* each (id, source) once */
	}
	ks_grow(&vs->v, &vs->cap, vs->n + 1, sizeof(*vs->v));
	idx = (uint32_t)vs->n++;
	l->cur = &vs->v[idx];
	memset(l->cur, 0, sizeof(*l->cur));
	l->acap = l->scap = l->rcap = 0;
	l->cur->origin = (enum feed_origin)o;
	l->cur->id = lin(l, f[2]);
	l->cur->source = lin(l, f[3]);
	ks_map_put(vs->keys, key, (void *)(uintptr_t)(idx + 1));
	free(key);
	index_id(vs, l->cur->id, idx);
	return 0;
}

/* One record of the current entry; -1 when malformed. */
static int
load_record(struct loader *l, char **f, int n)
{
	struct feed_vuln *v = l->cur;
	int o;

	switch (f[0][0]) {
	case 'T':
		if (n != 3)
			return -1;
		if (strcmp(f[1], "ja") == 0)
			v->title_ja = lin(l, f[2]);
		else if (strcmp(f[1], "en") == 0)
			v->title_en = lin(l, f[2]);
		else
			return -1;
		return 0;
	case 'V':
		if (n != 2)
			return -1;
		v->severity = lin(l, f[1]);
		return 0;
	case 'M':
		if (n != 2 || l->version < 2)
			return -1;
		v->modified = lin(l, f[1]);
		return 0;
	case 'A':
		if (n != 2 || !*f[1] || v->naliases >= FEED_VB_MAX_LIST)
			return -1;
		ks_grow(&v->aliases, &l->acap, v->naliases + 1,
		    sizeof(*v->aliases));
		v->aliases[v->naliases] = lin(l, f[1]);
		index_id(l->vs, v->aliases[v->naliases],
		    (uint32_t)(v - l->vs->v));
		v->naliases++;
		return 0;
	case 'S':
		if (n != 7 || (o = origin_parse(f[1])) < 0 ||
		    v->nscores >= FEED_VB_MAX_LIST)
			return -1;
		ks_grow(&v->scores, &l->scap, v->nscores + 1,
		    sizeof(*v->scores));
		v->scores[v->nscores++] = (struct feed_vuln_score){
			.origin = (enum feed_origin)o, .source = lin(l, f[2]),
			.version = lin(l, f[3]), .vector = lin(l, f[4]),
			.stated = lin(l, f[5]), .severity = lin(l, f[6]),
		};
		return 0;
	case 'R':
		if (n != 4 || v->nrefs >= FEED_VB_MAX_LIST)
			return -1;
		ks_grow(&v->refs, &l->rcap, v->nrefs + 1, sizeof(*v->refs));
		v->refs[v->nrefs++] = (struct feed_vuln_ref){
			lin(l, f[1]), lin(l, f[2]), lin(l, f[3])
		};
		return 0;
	}
	return -1;
}

/* Whether deferred record f[0..n) is well formed, without storing it
 * (the checks of load_record). */
static bool
record_ok(char **f, int n, int version)
{
	switch (f[0][0]) {
	case 'T':
		return n == 3 && (strcmp(f[1], "ja") == 0 ||
		    strcmp(f[1], "en") == 0);
	case 'V':
		return n == 2;
	case 'M':
		return n == 2 && version >= 2;
	case 'S':
		return n == 7 && origin_parse(f[1]) >= 0;
	case 'R':
		return n == 4;
	}
	return false;
}

/* Parses the deferred records of loaded entry idx, once. */
static void
vs_parse(struct feed_vulnstore *vs, uint32_t idx)
{
	struct loader l = { .vs = vs, .version = vs->version };
	struct vs_lazy *z;

	if (idx >= vs->nlazy || vs->lazy[idx].done)
		return;
	z = &vs->lazy[idx];
	z->done = true;
	l.cur = &vs->v[idx];
	/* aliases were indexed at load: grow from where they are */
	l.acap = vs->v[idx].naliases;
	for (uint32_t i = 0; i < z->n; i++) {
		const struct vs_line *ln = &vs->lines[z->first + i];
		char *f[8], *p = vs->text + ln->off;

		for (int k = 0; k < ln->nf; k++) {
			f[k] = p;
			p += strlen(p) + 1;
		}
		/* checked at load: cannot fail */
		(void)load_record(&l, f, ln->nf);
	}
}

int
feed_vulnstore_load(struct feed_vulnstore **out, const char *path)
{
	struct feed_vulnstore *vs = NULL;
	struct loader l = { 0 };
	struct stat st;
	char *data = NULL, *line, *next, *f[8];
	size_t len, lineno = 0;
	int rc = KS_ERROR, n;

	if (stat(path, &st) != 0 && errno == ENOENT) {
		ks_error_set("%s: no vulnerability store", path);
		return KS_ENOTFOUND;
	}
	if ((rc = ks_file_read(path, VS_MAX_FILE, &data, &len)) < 0)
		return rc;
	if (memchr(data, '\0', len) != NULL) {
		ks_error_set("%s: not a kensa vulnerability store (NUL byte)",
		    path);
		rc = KS_EPARSE;
		goto out;
	}
	if ((rc = feed_vulnstore_new(&vs)) < 0)
		goto out;
	l.vs = vs;
	for (line = data; line != NULL && line < data + len;
	    line = next) {
		next = strchr(line, '\n');
		if (next != NULL)
			*next++ = '\0';
		lineno++;
		n = split_fields(line, f, 8);
		if (lineno == 1) {
			if (n < 2 || strcmp(f[0], VS_MAGIC) != 0) {
				ks_error_set("%s:1: not a kensa vulnerability "
				    "store", path);
				goto bad;
			}
			if (strcmp(f[1], "1") == 0 || strcmp(f[1], "2") == 0) {
				l.version = f[1][0] - '0';
			} else {
				ks_error_set("%s:1: vulnerability store "
				    "version %s is not supported (this kensa "
				    "reads versions 1 and %d)", path, f[1],
				    VS_VERSION);
				goto bad;
			}
			vs->version = l.version;
			continue;
		}
		if (n < 0)
			goto malformed;
		if (f[0][0] == '#' || (n == 1 && f[0][0] == '\0'))
			continue;
		if (strlen(f[0]) != 1)
			goto malformed;
		if (f[0][0] == 'E') {
			if (n != 4 || load_entry(&l, f) < 0)
				goto malformed;
			ks_grow(&vs->lazy, &vs->capz, vs->nlazy + 1,
			    sizeof(*vs->lazy));
			vs->lazy[vs->nlazy++] = (struct vs_lazy){
				(uint32_t)vs->nlines, 0, false };
		} else if (l.cur == NULL) {
			goto malformed;
		} else if (f[0][0] == 'A') {
			/* the index needs every alias now */
			if (load_record(&l, f, n) < 0)
				goto malformed;
		} else {
			if (!record_ok(f, n, l.version))
				goto malformed;
			ks_grow(&vs->lines, &vs->capl, vs->nlines + 1,
			    sizeof(*vs->lines));
			vs->lines[vs->nlines++] = (struct vs_line){
				(uint32_t)(f[0] - data), (uint8_t)n };
			vs->lazy[vs->nlazy - 1].n++;
		}
	}
	if (lineno == 0) {
		ks_error_set("%s: empty file, not a kensa vulnerability store",
		    path);
		goto bad;
	}
	vs->text = data;
	data = NULL;
	*out = vs;
	vs = NULL;
	rc = 0;
	goto out;
malformed:
	ks_error_set("%s:%zu: malformed vulnerability store record", path,
	    lineno);
bad:
	rc = KS_EPARSE;
out:
	feed_vulnstore_free(vs);
	free(data);
	return rc;
}

char *
feed_vulnstore_default_path(void)
{
	const char *d = getenv("KENSA_CACHE_DIR");

	if (d != NULL && *d != '\0')
		return ks_asprintf("%s/vulnstore.kvs", d);
	/* The agent runs as root: its store lives in the feed cache. */
	if (geteuid() == 0)
		return ks_strdup(FEED_CACHE_DEFAULT "/vulnstore.kvs");
	d = getenv("XDG_CACHE_HOME");
	if (d != NULL && *d != '\0')
		return ks_asprintf("%s/kensa/vulnstore.kvs", d);
	d = getenv("HOME");
	if (d != NULL && *d != '\0')
		return ks_asprintf("%s/.cache/kensa/vulnstore.kvs", d);
	return NULL;
}
