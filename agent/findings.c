/*
 * Builds findings from an evaluated OVAL session and the vulnerability
 * store, chooses the score each finding shows (the policy is described in
 * findings.h), and writes findings.xml and the terminal table. It neither
 * evaluates OVAL nor scores vectors itself: oval/ and feeds/ do.
 */
#include "agent/findings.h"
#include "agent/agent.h"
#include "platform/base/base.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <libxml/xmlwriter.h>

static const char *const sev_names[AGENT_SEV_COUNT] = {
	"unknown", "none", "low", "medium", "high", "critical",
};

const char *
agent_sev_name(enum agent_sev s)
{
	return s < AGENT_SEV_COUNT ? sev_names[s] : "unknown";
}

int
agent_sev_parse(const char *s)
{
	if (strcmp(s, "any") == 0)
		return AGENT_SEV_UNKNOWN;
	for (int i = 0; i < AGENT_SEV_COUNT; i++)
		if (strcmp(s, sev_names[i]) == 0)
			return i;
	return -1;
}

/* A vendor's severity word in our scale: Red Hat and SUSE say
 * Low/Moderate/Important/Critical, Ubuntu negligible/low/medium/high/
 * critical, CVSS words None/Low/Medium/High/Critical. */
static enum agent_sev
sev_from_word(const char *w)
{
	static const struct { const char *w; enum agent_sev s; } m[] = {
		{ "critical", AGENT_SEV_CRITICAL },
		{ "important", AGENT_SEV_HIGH },
		{ "high", AGENT_SEV_HIGH }, { "moderate", AGENT_SEV_MEDIUM },
		{ "medium", AGENT_SEV_MEDIUM }, { "low", AGENT_SEV_LOW },
		{ "negligible", AGENT_SEV_LOW }, { "none", AGENT_SEV_NONE },
	};

	if (w == NULL)
		return AGENT_SEV_UNKNOWN;
	for (size_t i = 0; i < sizeof(m) / sizeof(m[0]); i++)
		if (strcasecmp(w, m[i].w) == 0)
			return m[i].s;
	return AGENT_SEV_UNKNOWN;
}

static char *
dup_or_null(const char *s)
{
	return s != NULL ? ks_strdup(s) : NULL;
}

/* Appends a copy of s to a string list unless it is there already. */
static void
list_add(char ***v, size_t *n, const char *s)
{
	if (s == NULL || *s == '\0')
		return;
	for (size_t i = 0; i < *n; i++)
		if (strcmp((*v)[i], s) == 0)
			return;
	*v = ks_realloc(*v, (*n + 1) * sizeof(**v));
	(*v)[(*n)++] = ks_strdup(s);
}

static void
list_free(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

static void
finding_clear(struct agent_finding *f)
{
	free(f->def_id);
	free(f->klass);
	free(f->title);
	free(f->title_lang);
	list_free(f->cves, f->ncves);
	list_free(f->jvndb, f->njvndb);
	list_free(f->advisories, f->nadvisories);
	for (size_t i = 0; i < f->npkgs; i++) {
		free(f->pkgs[i].type);
		free(f->pkgs[i].name);
		free(f->pkgs[i].installed);
		free(f->pkgs[i].arch);
		free(f->pkgs[i].fixed);
	}
	free(f->pkgs);
	for (size_t i = 0; i < f->nev; i++) {
		free(f->ev[i].about);
		free(f->ev[i].source);
		free(f->ev[i].version);
		free(f->ev[i].vector);
		free(f->ev[i].stated);
		free(f->ev[i].reason);
	}
	free(f->ev);
	free(f->no_score);
	free(f->vendor_sev);
	free(f->vendor_sev_source);
	free(f->vendor);
	for (size_t i = 0; i < f->nrefs; i++) {
		free(f->refs[i].source);
		free(f->refs[i].id);
		free(f->refs[i].url);
	}
	free(f->refs);
}

void
agent_findings_free(struct agent_findings *f)
{
	if (f == NULL)
		return;
	for (size_t i = 0; i < f->n; i++)
		finding_clear(&f->v[i]);
	free(f->v);
	for (size_t i = 0; i < f->nfeeds; i++) {
		struct agent_findings_feed *d = &f->feeds[i];

		free(d->source);
		free(d->kind);
		free(d->url);
		free(d->verified);
		for (size_t j = 0; j < d->nfiles; j++)
			free(d->files[j].name);
		free(d->files);
	}
	free(f->feeds);
	free(f->lang);
	free(f);
}

size_t
agent_findings_at_least(const struct agent_findings *f, enum agent_sev min)
{
	size_t n = 0;

	for (int s = min; s < AGENT_SEV_COUNT; s++)
		n += f->count[s];
	return n;
}

/* ---- building ---------------------------------------------------------- */

struct build {
	struct oval_session		*s;
	const struct feed_vulnstore	*store;
	bool				 ja;
	struct agent_findings		*out;
	char				**ids;	/* true vuln/patch */
	size_t				 nids;
	struct agent_finding		*f;	/* being built */
	const char			*title_ja;	/* first JVN ja */
	const char			*title_en;
};

static int
pick_defs(const char *id, const char *klass, const char *title,
    const char *result, void *payload)
{
	struct build *b = payload;

	(void)title;
	if (strcmp(result, "true") != 0 ||
	    (strcmp(klass, "vulnerability") != 0 &&
	    strcmp(klass, "patch") != 0))
		return 0;
	b->ids = ks_realloc(b->ids, (b->nids + 1) * sizeof(*b->ids));
	b->ids[b->nids++] = ks_strdup(id);
	return 0;
}

static void
add_ref(struct agent_finding *f, const char *source, const char *id,
    const char *url)
{
	if (id == NULL && url == NULL)
		return;
	for (size_t i = 0; i < f->nrefs; i++)
		if ((f->refs[i].id && id && strcmp(f->refs[i].id, id) == 0 &&
		    ((f->refs[i].url == NULL) == (url == NULL)) &&
		    (url == NULL || strcmp(f->refs[i].url, url) == 0)) ||
		    (id == NULL && f->refs[i].id == NULL && url != NULL &&
		    f->refs[i].url != NULL && strcmp(f->refs[i].url, url) == 0))
			return;
	f->refs = ks_realloc(f->refs, (f->nrefs + 1) * sizeof(*f->refs));
	f->refs[f->nrefs].source = dup_or_null(source);
	f->refs[f->nrefs].id = dup_or_null(id);
	f->refs[f->nrefs].url = dup_or_null(url);
	f->nrefs++;
}

/* Adds one score as evidence, validated by feeds' CVSS parser. */
static void
add_evidence(struct agent_finding *f, const char *about,
    const struct feed_vuln_score *sc)
{
	struct agent_evidence e = { 0 };
	struct feed_cvss c;

	for (size_t i = 0; i < f->nev; i++) {
		const struct agent_evidence *o = &f->ev[i];

		if (strcmp(o->about, about) == 0 && o->origin == sc->origin &&
		    strcmp(o->source, sc->source ? sc->source : "") == 0 &&
		    ((o->vector == NULL && sc->vector == NULL) ||
		    (o->vector && sc->vector &&
		    strcmp(o->vector, sc->vector) == 0)))
			return;
	}
	e.about = ks_strdup(about);
	e.origin = sc->origin;
	e.source = ks_strdup(sc->source ? sc->source : "");
	e.vector = dup_or_null(sc->vector);
	e.stated = dup_or_null(sc->stated);
	if (sc->vector == NULL) {
		e.version = dup_or_null(sc->version);
		e.reason = ks_asprintf("%s states a score (%s) without a "
		    "vector", e.source, sc->stated ? sc->stated : "?");
	} else if (feed_cvss_parse(sc->vector, &c) < 0) {
		e.version = dup_or_null(sc->version);
		e.reason = ks_asprintf("invalid CVSS vector: %s",
		    ks_error_msg());
	} else {
		/* The vector's own prefix decides the version: a "3.0" label
		 * on a CVSS:3.1 vector is the label's mistake. */
		e.version = ks_strdup(feed_cvss_version_name(c.ver));
		e.valid = true;
		e.score = c.score;
		e.severity = feed_cvss_severity(&c);
	}
	f->ev = ks_realloc(f->ev, (f->nev + 1) * sizeof(*f->ev));
	f->ev[f->nev++] = e;
}

static int
version_rank(const char *v)
{
	static const char *const order[] = { "2.0", "3.0", "3.1", "4.0" };

	for (int i = 0; i < 4; i++)
		if (v != NULL && strcmp(v, order[i]) == 0)
			return i;
	return -1;
}

static void
choose_score(struct agent_finding *f)
{
	bool distro = f->npkgs > 0;
	ssize_t best = -1;
	int bv = -1, br = -1;

	for (size_t i = 0; i < f->nev; i++) {
		const struct agent_evidence *e = &f->ev[i];
		int v, r;

		if (!e->valid)
			continue;
		v = version_rank(e->version);
		/* "The vendor's own score": the vendor whose definition this
		 * is. Another distribution's score is just another source. */
		if (e->origin == FEED_ORIGIN_VENDOR && f->vendor != NULL &&
		    strcmp(e->source, f->vendor) == 0)
			r = distro ? 2 : 1;
		else if (e->origin == FEED_ORIGIN_JVN ||
		    e->origin == FEED_ORIGIN_NVD)
			r = distro ? 1 : 2;
		else
			r = 0;
		if (best < 0 || v > bv || (v == bv && r > br) ||
		    (v == bv && r == br && e->score > f->ev[best].score)) {
			best = (ssize_t)i;
			bv = v;
			br = r;
		}
	}
	f->chosen = best;
	if (best >= 0)
		return;
	for (size_t i = 0; i < f->nev; i++)
		if (f->ev[i].reason != NULL) {
			f->no_score = ks_asprintf("no valid CVSS score: %s "
			    "gives %s for %s: %s", f->ev[i].source,
			    f->ev[i].vector ? f->ev[i].vector : "no vector",
			    f->ev[i].about, f->ev[i].reason);
			return;
		}
	f->no_score = ks_strdup("no CVSS: no source gives a CVSS score");
}

static int
take_entry(const struct feed_vuln *v, void *payload)
{
	struct build *b = payload;
	struct agent_finding *f = b->f;
	const char *about = v->id;

	if (strncmp(v->id, "JVNDB-", 6) == 0) {
		list_add(&f->jvndb, &f->njvndb, v->id);
		if (b->title_ja == NULL)
			b->title_ja = v->title_ja;
		if (b->title_en == NULL)
			b->title_en = v->title_en;
		for (uint32_t i = 0; i < v->nrefs; i++)
			if (v->refs[i].source != NULL &&
			    strcmp(v->refs[i].source, "JVN iPedia") == 0)
				add_ref(f, "JVN iPedia", v->id,
				    v->refs[i].url);
	}
	if (v->origin == FEED_ORIGIN_VENDOR && v->severity != NULL &&
	    f->vendor_sev == NULL && f->vendor != NULL &&
	    strcmp(v->source, f->vendor) == 0) {
		f->vendor_sev = ks_strdup(v->severity);
		f->vendor_sev_source = ks_strdup(v->source);
	}
	for (uint32_t i = 0; i < v->nscores; i++)
		add_evidence(f, about, &v->scores[i]);
	return 0;
}

static int
take_vendor(const struct feed_vuln *v, void *payload)
{
	struct build *b = payload;
	struct agent_finding *f = b->f;

	if (f->vendor == NULL)
		f->vendor = ks_strdup(v->source);
	if (strncmp(v->id, "CVE-", 4) == 0)
		list_add(&f->cves, &f->ncves, v->id);
	for (uint32_t i = 0; i < v->naliases; i++)
		list_add(&f->advisories, &f->nadvisories, v->aliases[i]);
	return take_entry(v, payload);
}

static int
take_pkg(const struct oval_def_pkg *p, void *payload)
{
	struct agent_finding *f = payload;
	const char *inst = p->installed ? p->installed : "";
	const char *arch = p->arch ? p->arch : "";

	for (size_t i = 0; i < f->npkgs; i++) {
		struct agent_pkg *o = &f->pkgs[i];

		if (strcmp(o->name, p->name) == 0 &&
		    strcmp(o->installed ? o->installed : "", inst) == 0 &&
		    strcmp(o->arch ? o->arch : "", arch) == 0) {
			if (o->fixed == NULL)
				o->fixed = dup_or_null(p->fixed);
			return 0;
		}
	}
	f->pkgs = ks_realloc(f->pkgs, (f->npkgs + 1) * sizeof(*f->pkgs));
	f->pkgs[f->npkgs].type = dup_or_null(p->item_type);
	f->pkgs[f->npkgs].name = ks_strdup(p->name);
	f->pkgs[f->npkgs].installed = dup_or_null(p->installed);
	f->pkgs[f->npkgs].arch = dup_or_null(p->arch);
	f->pkgs[f->npkgs].fixed = dup_or_null(p->fixed);
	f->npkgs++;
	return 0;
}

static int
build_one(struct build *b, const char *def_id)
{
	struct oval_def_meta m;
	struct feed_vuln_ref *refs = NULL;
	struct feed_vulnstore *dv = NULL;
	struct agent_finding *f;
	int rc;

	if ((rc = oval_session_def_meta(b->s, def_id, &m)) < 0)
		return rc;
	b->out->v = ks_realloc(b->out->v, (b->out->n + 1) * sizeof(*b->out->v));
	f = &b->out->v[b->out->n++];
	memset(f, 0, sizeof(*f));
	b->f = f;
	b->title_ja = b->title_en = NULL;
	f->def_id = ks_strdup(m.id);
	f->klass = ks_strdup(m.klass);
	f->chosen = -1;
	refs = ks_calloc(m.nrefs + 1, sizeof(*refs));
	for (uint32_t i = 0; i < m.nrefs; i++) {
		oval_session_def_ref(b->s, def_id, i, &refs[i].source,
		    &refs[i].id, &refs[i].url);
		add_ref(f, refs[i].source, refs[i].id, refs[i].url);
		if (refs[i].source != NULL && refs[i].id != NULL &&
		    strcmp(refs[i].source, "CVE") != 0)
			list_add(&f->advisories, &f->nadvisories, refs[i].id);
	}
	if ((rc = oval_session_foreach_def_package(b->s, def_id, take_pkg,
	    f)) < 0)
		goto out;
	/* What the definition itself says, through the same code that fills
	 * the store from vendor feeds; one small store per definition. */
	if ((rc = feed_vulnstore_new(&dv)) < 0)
		goto out;
	rc = feed_vulnstore_add_oval_meta(dv, def_id, m.title, refs, m.nrefs,
	    m.advisory_xml);
	if (rc < 0) {
		ks_warn("%s: advisory metadata ignored: %s", def_id,
		    ks_error_msg());
		rc = 0;
	}
	feed_vulnstore_foreach(dv, take_vendor, b);
	for (size_t i = 0; b->store != NULL && i < f->ncves; i++)
		feed_vulnstore_lookup(b->store, f->cves[i], take_entry, b);
	choose_score(f);
	if (f->chosen >= 0) {
		f->severity = sev_from_word(f->ev[f->chosen].severity);
		f->severity_basis = "cvss";
	} else if (sev_from_word(f->vendor_sev) != AGENT_SEV_UNKNOWN) {
		f->severity = sev_from_word(f->vendor_sev);
		f->severity_basis = "vendor";
	} else {
		f->severity = AGENT_SEV_UNKNOWN;
		f->severity_basis = "none";
	}
	if (b->ja && b->title_ja != NULL) {
		f->title = ks_strdup(b->title_ja);
		f->title_lang = ks_strdup("ja");
	} else {
		const char *t = m.title ? m.title : b->title_en ? b->title_en :
		    b->title_ja;

		f->title = ks_strdup(t ? t : def_id);
		f->title_lang = ks_strdup(t != NULL && t == b->title_ja ?
		    "ja" : "en");
	}
	b->out->count[f->severity]++;
out:
	feed_vulnstore_free(dv);
	free(refs);
	return rc;
}

static double
shown_score(const struct agent_finding *f)
{
	return f->chosen >= 0 ? f->ev[f->chosen].score : -1.0;
}

static int
finding_cmp(const void *pa, const void *pb)
{
	const struct agent_finding *a = pa, *b = pb;
	double x = shown_score(a), y = shown_score(b);

	if (x != y)
		return x > y ? -1 : 1;
	return strcmp(a->def_id, b->def_id);
}

int
agent_findings_build(struct agent_findings **out, struct oval_session *s,
    const struct feed_vulnstore *store, const char *lang)
{
	return agent_findings_build_multi(out, &s, 1, store, lang);
}

int
agent_findings_build_multi(struct agent_findings **out,
    struct oval_session *const *sessions, size_t nsessions,
    const struct feed_vulnstore *store, const char *lang)
{
	struct build b = { 0 };
	int rc = 0;

	b.store = store;
	b.ja = lang != NULL && strncmp(lang, "ja", 2) == 0;
	b.out = ks_calloc(1, sizeof(*b.out));
	b.out->lang = ks_strdup(b.ja ? "ja" : "en");
	for (size_t k = 0; k < nsessions && rc == 0; k++) {
		b.s = sessions[k];
		if ((rc = oval_session_foreach_result(b.s, pick_defs, &b)) < 0)
			break;
		for (size_t i = 0; i < b.nids && rc == 0; i++)
			rc = build_one(&b, b.ids[i]);
		list_free(b.ids, b.nids);
		b.ids = NULL;
		b.nids = 0;
	}
	if (rc < 0)
		goto out;
	if (b.out->n > 1)
		qsort(b.out->v, b.out->n, sizeof(*b.out->v), finding_cmp);
	*out = b.out;
	b.out = NULL;
out:
	list_free(b.ids, b.nids);
	agent_findings_free(b.out);
	return rc;
}

void
agent_findings_merge(struct agent_findings *into, struct agent_findings *from)
{
	if (from == NULL)
		return;
	for (size_t i = 0; i < from->n; i++) {
		struct agent_finding *x = &from->v[i];
		bool dup = false;

		for (size_t j = 0; j < into->n && !dup; j++)
			dup = strcmp(into->v[j].def_id, x->def_id) == 0;
		if (dup) {
			finding_clear(x);
			continue;
		}
		into->v = ks_realloc(into->v, (into->n + 1) *
		    sizeof(*into->v));
		into->v[into->n++] = *x;
		into->count[x->severity]++;
	}
	from->n = 0;
	if (into->n > 1)
		qsort(into->v, into->n, sizeof(*into->v), finding_cmp);
	agent_findings_free(from);
}

void
agent_findings_add_feed(struct agent_findings *f, const char *source,
    const char *kind, const struct feed_cache_info *info)
{
	struct agent_findings_feed *d;

	f->feeds = ks_realloc(f->feeds, (f->nfeeds + 1) * sizeof(*f->feeds));
	d = &f->feeds[f->nfeeds++];
	memset(d, 0, sizeof(*d));
	d->source = ks_strdup(source);
	d->kind = ks_strdup(kind);
	d->url = dup_or_null(info->url);
	d->verified = dup_or_null(info->verified);
	d->updated = info->updated;
	d->files = ks_calloc(info->nfiles + 1, sizeof(*d->files));
	for (size_t i = 0; i < info->nfiles; i++) {
		d->files[i] = info->files[i];
		d->files[i].name = ks_strdup(info->files[i].name);
	}
	d->nfiles = info->nfiles;
}

/* ---- findings.xml ------------------------------------------------------- */

struct xw {
	xmlTextWriterPtr	w;
	int			err;
};

static void
xs(struct xw *x, const char *name)
{
	if (xmlTextWriterStartElement(x->w, (const xmlChar *)name) < 0)
		x->err = 1;
}

static void
xe(struct xw *x)
{
	if (xmlTextWriterEndElement(x->w) < 0)
		x->err = 1;
}

static void
xa(struct xw *x, const char *name, const char *v)
{
	if (v != NULL && xmlTextWriterWriteAttribute(x->w,
	    (const xmlChar *)name, (const xmlChar *)v) < 0)
		x->err = 1;
}

static void
xt(struct xw *x, const char *v)
{
	if (v != NULL && xmlTextWriterWriteString(x->w,
	    (const xmlChar *)v) < 0)
		x->err = 1;
}

static void
xel(struct xw *x, const char *name, const char *text)
{
	xs(x, name);
	xt(x, text);
	xe(x);
}

static void
fmt_score(char *buf, size_t n, double v)
{
	if (snprintf(buf, n, "%.1f", v) >= (int)n)
		buf[0] = '\0';
}

static void
fmt_size(char *buf, size_t n, size_t v)
{
	if (snprintf(buf, n, "%zu", v) >= (int)n)
		buf[0] = '\0';
}

static const char *const origin_word[] = { "vendor", "jvn", "nvd", "other" };

static void
write_evidence(struct xw *x, const struct agent_evidence *e, bool chosen)
{
	char num[32];

	xs(x, chosen ? "cvss" : "score");
	xa(x, "about", e->about);
	xa(x, "source", e->source);
	xa(x, "origin", origin_word[e->origin]);
	xa(x, "version", e->version);
	if (e->valid) {
		fmt_score(num, sizeof(num), e->score);
		xa(x, "score", num);
		xa(x, "severity", e->severity);
	}
	xa(x, "stated-score", e->stated);
	if (!chosen)
		xa(x, "status", e->valid ? "valid" : "invalid");
	if (!e->valid)
		xa(x, "reason", e->reason);
	xt(x, e->vector);
	xe(x);
}

static void
write_finding(struct xw *x, const struct agent_finding *f)
{
	xs(x, "finding");
	xa(x, "id", f->def_id);
	xa(x, "class", f->klass);
	xa(x, "severity", agent_sev_name(f->severity));
	xa(x, "severity-basis", f->severity_basis);
	xs(x, "title");
	xa(x, "lang", f->title_lang);
	xt(x, f->title);
	xe(x);
	xs(x, "ids");
	xel(x, "definition", f->def_id);
	for (size_t i = 0; i < f->ncves; i++)
		xel(x, "cve", f->cves[i]);
	for (size_t i = 0; i < f->njvndb; i++)
		xel(x, "jvndb", f->jvndb[i]);
	for (size_t i = 0; i < f->nadvisories; i++)
		xel(x, "advisory", f->advisories[i]);
	xe(x);
	if (f->npkgs > 0) {
		xs(x, "affected");
		for (size_t i = 0; i < f->npkgs; i++) {
			xs(x, "package");
			xa(x, "name", f->pkgs[i].name);
			xa(x, "installed", f->pkgs[i].installed);
			xa(x, "fixed", f->pkgs[i].fixed);
			xa(x, "arch", f->pkgs[i].arch);
			xa(x, "item-type", f->pkgs[i].type);
			xe(x);
		}
		xe(x);
	}
	if (f->chosen >= 0) {
		write_evidence(x, &f->ev[f->chosen], true);
	} else {
		xs(x, "no-cvss");
		xa(x, "reason", f->no_score);
		xe(x);
	}
	if (f->vendor_sev != NULL) {
		xs(x, "vendor-severity");
		xa(x, "source", f->vendor_sev_source);
		xt(x, f->vendor_sev);
		xe(x);
	}
	if (f->nev > (f->chosen >= 0 ? 1u : 0u)) {
		xs(x, "evidence");
		for (size_t i = 0; i < f->nev; i++)
			if ((ssize_t)i != f->chosen)
				write_evidence(x, &f->ev[i], false);
		xe(x);
	}
	if (f->nrefs > 0) {
		xs(x, "references");
		for (size_t i = 0; i < f->nrefs; i++) {
			xs(x, "reference");
			xa(x, "source", f->refs[i].source);
			xa(x, "id", f->refs[i].id);
			xa(x, "url", f->refs[i].url);
			xe(x);
		}
		xe(x);
	}
	xe(x);
}

int
agent_findings_write(const struct agent_findings *f, const char *path,
    const char *target)
{
	xmlBufferPtr buf = xmlBufferCreate();
	struct xw x = { 0 };
	char num[32], when[32];
	int rc = KS_ERROR;

	if (buf == NULL || (x.w = xmlNewTextWriterMemory(buf, 0)) == NULL) {
		ks_error_set("%s: cannot create an XML writer", path);
		goto out;
	}
	xmlTextWriterSetIndent(x.w, 1);
	xmlTextWriterSetIndentString(x.w, (const xmlChar *)"  ");
	if (xmlTextWriterStartDocument(x.w, NULL, "UTF-8", NULL) < 0)
		x.err = 1;
	xs(&x, "findings");
	xa(&x, "xmlns", AGENT_FINDINGS_NS);
	xa(&x, "version", "1");
	xa(&x, "generator", "kensa " KS_VERSION);
	if (ks_time_iso((int64_t)time(NULL), when, sizeof(when)) == 0)
		xa(&x, "generated", when);
	xa(&x, "lang", f->lang);
	if (target != NULL) {
		xs(&x, "target");
		xa(&x, "name", target);
		xe(&x);
	}
	if (f->nfeeds > 0) {
		xs(&x, "feeds");
		for (size_t i = 0; i < f->nfeeds; i++) {
			const struct agent_findings_feed *d = &f->feeds[i];

			xs(&x, "feed");
			xa(&x, "source", d->source);
			xa(&x, "kind", d->kind);
			if (ks_time_iso(d->updated, when, sizeof(when)) == 0)
				xa(&x, "updated", when);
			xa(&x, "verified", d->verified);
			xa(&x, "url", d->url);
			for (size_t j = 0; j < d->nfiles; j++) {
				if (snprintf(num, sizeof(num), "%llu",
				    (unsigned long long)d->files[j].size) >=
				    (int)sizeof(num))
					num[0] = '\0';
				xs(&x, "file");
				xa(&x, "name", d->files[j].name);
				xa(&x, "size", num);
				xa(&x, "sha256", d->files[j].sha256);
				xe(&x);
			}
			xe(&x);
		}
		xe(&x);
	}
	xs(&x, "summary");
	fmt_size(num, sizeof(num), f->n);
	xa(&x, "total", num);
	for (int s = AGENT_SEV_COUNT - 1; s >= 0; s--) {
		fmt_size(num, sizeof(num), f->count[s]);
		xa(&x, sev_names[s], num);
	}
	xe(&x);
	for (size_t i = 0; i < f->n; i++)
		write_finding(&x, &f->v[i]);
	xe(&x);
	if (xmlTextWriterEndDocument(x.w) < 0)
		x.err = 1;
	xmlFreeTextWriter(x.w);
	x.w = NULL;
	if (x.err) {
		ks_error_set("%s: cannot write the findings (invalid text?)",
		    path);
		goto out;
	}
	rc = ks_file_write_atomic(path, xmlBufferContent(buf),
	    (size_t)xmlBufferLength(buf));
out:
	if (x.w != NULL)
		xmlFreeTextWriter(x.w);
	if (buf != NULL)
		xmlBufferFree(buf);
	return rc;
}

/* ---- the terminal table ------------------------------------------------ */

void
agent_findings_print(const struct agent_findings *f, FILE *fp)
{
	char num[16];

	if (f->n == 0) {
		fprintf(fp, "findings: none\n");
		return;
	}
	fprintf(fp, "%-9s %5s  %-28s %-20s %s\n", "SEVERITY", "SCORE", "ID",
	    "PACKAGE", "INSTALLED -> FIXED");
	for (size_t i = 0; i < f->n; i++) {
		const struct agent_finding *x = &f->v[i];
		const char *id = x->ncves > 0 ? x->cves[0] :
		    x->nadvisories > 0 ? x->advisories[0] : x->def_id;

		if (x->chosen >= 0)
			fmt_score(num, sizeof(num), x->ev[x->chosen].score);
		else
			snprintf(num, sizeof(num), "-");
		if (x->npkgs == 0) {
			fprintf(fp, "%-9s %5s  %-28s %-20s %s\n",
			    agent_sev_name(x->severity), num, id, "-", "-");
			continue;
		}
		for (size_t j = 0; j < x->npkgs; j++)
			fprintf(fp, "%-9s %5s  %-28s %-20s %s -> %s\n",
			    j == 0 ? agent_sev_name(x->severity) : "",
			    j == 0 ? num : "", j == 0 ? id : "",
			    x->pkgs[j].name, x->pkgs[j].installed ?
			    x->pkgs[j].installed : "?", x->pkgs[j].fixed ?
			    x->pkgs[j].fixed : "(no fixed version stated)");
	}
	fprintf(fp, "findings: %zu (critical %zu, high %zu, medium %zu, "
	    "low %zu, none %zu, unknown %zu)\n", f->n,
	    f->count[AGENT_SEV_CRITICAL], f->count[AGENT_SEV_HIGH],
	    f->count[AGENT_SEV_MEDIUM], f->count[AGENT_SEV_LOW],
	    f->count[AGENT_SEV_NONE], f->count[AGENT_SEV_UNKNOWN]);
}

/* ---- the store for a command ------------------------------------------- */

int
agent_vulnstore_open(struct feed_vulnstore **out, const char *path,
    bool may_create, char **jvn, size_t njvn)
{
	struct feed_vulnstore *vs = NULL;
	char *dflt = NULL;
	int rc;

	if (path == NULL) {
		path = dflt = feed_vulnstore_default_path();
		may_create = true;
	}
	rc = path != NULL ? feed_vulnstore_load(&vs, path) : KS_ENOTFOUND;
	if (rc == KS_ENOTFOUND && may_create)
		rc = feed_vulnstore_new(&vs);
	if (rc < 0)
		goto out;
	for (size_t i = 0; i < njvn; i++)
		if ((rc = feed_jvn_import(vs, jvn[i])) < 0)
			goto out;
	*out = vs;
	vs = NULL;
out:
	feed_vulnstore_free(vs);
	free(dflt);
	return rc;
}
