/*
 * The dpkg package-database back-end: parses the target's
 * /var/lib/dpkg/status once at open (through the target's fs, so host, root
 * and in-memory targets work alike), keeps the installed packages in an array
 * sorted by name, and answers lookups by binary search. It does not compare
 * versions (that is oval/'s evr code) and never runs dpkg.
 */
#include "platform/plat_int.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define DPKG_STATUS	"/var/lib/dpkg/status"
#define DPKG_MAX_FILE	((size_t)512 << 20)
#define DPKG_MAX_LINE	((size_t)1 << 20)
#define DPKG_MAX_WARN	10	/* malformed stanzas named one by one */

struct dpkg_ent {
	struct plat_pkg	pkg;
	size_t		seq;	/* order in the file: stable sort */
};

struct dpkg_db {
	struct ks_strpool *pool;
	struct dpkg_ent	*ents;
	size_t		 n, cap;
};

/* A field value as found in the file: not NUL-terminated. */
struct span {
	const char	*p;
	size_t		 n;
};

struct stanza {
	struct span	package, status, arch, version, source;
	size_t		line;		/* first line (messages) */
	size_t		badline;	/* first bad line, 0: none */
	bool		any;		/* at least one line seen */
	bool		field;		/* a field has started */
};

struct parse {
	struct dpkg_db	*db;
	unsigned	 warned;
};

static void
warn_stanza(struct parse *ps, size_t line, const char *why)
{
	if (ps->warned < DPKG_MAX_WARN)
		ks_warn("%s:%zu: %s; stanza skipped", DPKG_STATUS, line, why);
	else if (ps->warned == DPKG_MAX_WARN)
		ks_warn("%s: more malformed stanzas, not reported",
		    DPKG_STATUS);
	ps->warned++;
}

static bool
is_blank(char c)
{
	return c == ' ' || c == '\t';
}

static struct span
trim(const char *p, const char *end)
{
	struct span s;

	while (p < end && (is_blank(*p) || *p == '\r'))
		p++;
	while (end > p && (is_blank(end[-1]) || end[-1] == '\r'))
		end--;
	s.p = p;
	s.n = (size_t)(end - p);
	return s;
}

/* "install ok installed", "hold ok installed": the third word of three. */
static bool
status_installed(struct span st)
{
	const char *p = st.p, *end = st.p + st.n, *w;
	struct span words[3];
	int nw = 0;

	while (p < end) {
		while (p < end && is_blank(*p))
			p++;
		if (p == end)
			break;
		w = p;
		while (p < end && !is_blank(*p))
			p++;
		if (nw == 3)
			return false;
		words[nw].p = w;
		words[nw].n = (size_t)(p - w);
		nw++;
	}
	return nw == 3 && words[2].n == 9 &&
	    memcmp(words[2].p, "installed", 9) == 0;
}

static const char *
intern(struct dpkg_db *db, const char *p, size_t n)
{
	return ks_strpool_intern(db->pool, p, n);
}

/* Splits "[epoch:]upstream[-revision]" and records the package. */
static void
add_package(struct dpkg_db *db, const struct stanza *s)
{
	const char *v = s->version.p, *vend = v + s->version.n;
	const char *colon, *up, *hy, *src_end;
	struct dpkg_ent *e;
	struct plat_pkg *pk;
	char *evr;

	ks_grow(&db->ents, &db->cap, db->n + 1, sizeof(*db->ents));
	e = &db->ents[db->n];
	memset(e, 0, sizeof(*e));
	e->seq = db->n++;
	pk = &e->pkg;
	pk->name = intern(db, s->package.p, s->package.n);
	pk->arch = s->arch.p != NULL ? intern(db, s->arch.p, s->arch.n) : NULL;
	pk->full_version = intern(db, v, s->version.n);

	colon = memchr(v, ':', s->version.n);
	if (colon != NULL && colon > v) {
		pk->epoch = intern(db, v, (size_t)(colon - v));
		up = colon + 1;
	} else {
		pk->epoch = intern(db, "0", 1);
		up = colon != NULL ? colon + 1 : v;
	}
	/* The revision follows the LAST hyphen: "1.2-3-4" is 1.2-3 / 4. */
	hy = NULL;
	for (const char *q = up; q < vend; q++)
		if (*q == '-')
			hy = q;
	if (hy != NULL) {
		pk->version = intern(db, up, (size_t)(hy - up));
		pk->release = intern(db, hy + 1, (size_t)(vend - hy - 1));
	} else {
		pk->version = intern(db, up, (size_t)(vend - up));
		pk->release = intern(db, "", 0);
	}
	if (pk->release[0] != '\0')
		evr = ks_asprintf("%s:%s-%s", pk->epoch, pk->version,
		    pk->release);
	else
		evr = ks_asprintf("%s:%s", pk->epoch, pk->version);
	pk->evr = intern(db, evr, strlen(evr));
	free(evr);

	/* "Source: name (version)" when the source version differs. */
	if (s->source.p != NULL) {
		src_end = s->source.p;
		while (src_end < s->source.p + s->source.n &&
		    !is_blank(*src_end) && *src_end != '(')
			src_end++;
		if (src_end > s->source.p)
			pk->source = intern(db, s->source.p,
			    (size_t)(src_end - s->source.p));
	}
}

static void
flush_stanza(struct parse *ps, struct stanza *s)
{
	if (!s->any)
		goto out;
	if (s->badline != 0) {
		warn_stanza(ps, s->badline, "line is neither a field nor a "
		    "continuation");
		goto out;
	}
	if (s->status.p == NULL || !status_installed(s->status)) {
		if (s->package.p == NULL || s->package.n == 0)
			warn_stanza(ps, s->line, "no Package field");
		goto out;	/* not installed: not our business */
	}
	if (s->package.p == NULL || s->package.n == 0) {
		warn_stanza(ps, s->line, "no Package field");
		goto out;
	}
	if (s->version.p == NULL || s->version.n == 0) {
		warn_stanza(ps, s->line, "installed package without Version");
		goto out;
	}
	add_package(ps->db, s);
out:
	memset(s, 0, sizeof(*s));
}

static bool
field_is(const char *p, size_t n, const char *name)
{
	return strlen(name) == n && strncasecmp(p, name, n) == 0;
}

static void
set_field(struct span *dst, struct span v)
{
	/* dpkg refuses duplicate fields; we keep the first. */
	if (dst->p == NULL)
		*dst = v;
}

static int
parse_status(struct dpkg_db *db, const char *data, size_t len)
{
	const char *p = data, *end = data + len, *nl, *lend, *colon;
	struct parse ps = { .db = db };
	struct stanza s;
	struct span v;
	size_t line = 0, fl;

	memset(&s, 0, sizeof(s));
	while (p < end) {
		nl = memchr(p, '\n', (size_t)(end - p));
		lend = nl != NULL ? nl : end;
		line++;
		if ((size_t)(lend - p) > DPKG_MAX_LINE) {
			ks_error_set("%s:%zu: line longer than %zu bytes",
			    DPKG_STATUS, line, DPKG_MAX_LINE);
			return KS_ELIMIT;
		}
		if (lend == p || (lend == p + 1 && *p == '\r')) {
			flush_stanza(&ps, &s);
		} else if (is_blank(*p)) {
			/* A continuation (Description, Conffiles...): none
			 * of the fields we keep spans lines. */
			if (!s.field && s.badline == 0)
				s.badline = line;
			s.any = true;
		} else {
			if (!s.any)
				s.line = line;
			s.any = true;
			colon = memchr(p, ':', (size_t)(lend - p));
			if (colon == NULL || colon == p) {
				if (s.badline == 0)
					s.badline = line;
			} else {
				s.field = true;
				v = trim(colon + 1, lend);
				fl = (size_t)(colon - p);
				if (field_is(p, fl, "Package"))
					set_field(&s.package, v);
				else if (field_is(p, fl, "Status"))
					set_field(&s.status, v);
				else if (field_is(p, fl, "Architecture"))
					set_field(&s.arch, v);
				else if (field_is(p, fl, "Version"))
					set_field(&s.version, v);
				else if (field_is(p, fl, "Source"))
					set_field(&s.source, v);
			}
		}
		p = nl != NULL ? nl + 1 : end;
	}
	flush_stanza(&ps, &s);
	return 0;
}

static int
ent_cmp(const void *a, const void *b)
{
	const struct dpkg_ent *x = a, *y = b;
	int c = strcmp(x->pkg.name, y->pkg.name);

	if (c != 0)
		return c;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static int
dpkg_open(void *st, struct plat_target *t)
{
	struct dpkg_db *db = st;
	char *data = NULL;
	size_t len = 0;
	int rc;

	if ((rc = plat_fs_read_file(t, DPKG_STATUS, DPKG_MAX_FILE, &data,
	    &len)) != 0)
		return rc;
	if ((rc = ks_strpool_new(&db->pool)) != 0)
		goto out;
	if ((rc = parse_status(db, data, len)) != 0)
		goto out;
	if (db->n > 1)
		qsort(db->ents, db->n, sizeof(*db->ents), ent_cmp);
out:
	free(data);
	if (rc != 0) {
		ks_strpool_free(db->pool);
		free(db->ents);
		memset(db, 0, sizeof(*db));
	}
	return rc;
}

static void
dpkg_close(void *st)
{
	struct dpkg_db *db = st;

	ks_strpool_free(db->pool);
	free(db->ents);
	memset(db, 0, sizeof(*db));
}

static int
dpkg_lookup(void *st, const char *name, plat_pkg_cb cb, void *payload)
{
	struct dpkg_db *db = st;
	size_t lo = 0, hi = db->n, mid;
	int rc;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (strcmp(db->ents[mid].pkg.name, name) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < db->n && strcmp(db->ents[lo].pkg.name, name) == 0; lo++)
		if ((rc = cb(&db->ents[lo].pkg, payload)) != 0)
			return rc;
	return 0;
}

static int
dpkg_foreach(void *st, plat_pkg_cb cb, void *payload)
{
	struct dpkg_db *db = st;
	size_t i;
	int rc;

	for (i = 0; i < db->n; i++)
		if ((rc = cb(&db->ents[i].pkg, payload)) != 0)
			return rc;
	return 0;
}

static size_t
dpkg_count(const void *st)
{
	return ((const struct dpkg_db *)st)->n;
}

const struct plat_pkgdb_ops plat_pkgdb_dpkg_ops = {
	.name = "dpkg",
	.state_size = sizeof(struct dpkg_db),
	.open = dpkg_open,
	.close = dpkg_close,
	.lookup = dpkg_lookup,
	.foreach = dpkg_foreach,
	.count = dpkg_count,
};
