/*
 * CVSS vectors: recognising the version by its prefix, the one parser all
 * versions share (table-driven: feeds/cvss_v2.c, cvss_v3.c, cvss_v4.c hold
 * the tables and the formulas), qualitative severity and metric access.
 * Not the scoring formulas and not the metric texts (feeds/cvss_text.c).
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "platform/base/base.h"
#include "feeds/cvss_int.h"

const struct feed_cvss_scheme *
feed_cvss_scheme_of(enum feed_cvss_version v)
{
	switch (v) {
	case FEED_CVSS_V2:	return &feed_cvss_scheme_v2;
	case FEED_CVSS_V30:	return &feed_cvss_scheme_v30;
	case FEED_CVSS_V31:	return &feed_cvss_scheme_v31;
	case FEED_CVSS_V40:	return &feed_cvss_scheme_v40;
	}
	return &feed_cvss_scheme_v31;
}

const char *
feed_cvss_version_name(enum feed_cvss_version v)
{
	switch (v) {
	case FEED_CVSS_V2:	return "2.0";
	case FEED_CVSS_V30:	return "3.0";
	case FEED_CVSS_V31:	return "3.1";
	case FEED_CVSS_V40:	return "4.0";
	}
	return "?";
}

/*
 * Copies at most 24 bytes of s[0..n) into buf for an error message, with
 * anything but printable ASCII shown as '?', so a hostile vector cannot
 * put control characters or a tab into our output.
 */
static const char *
show(char *buf, size_t bufsz, const char *s, size_t n)
{
	size_t i, max = bufsz - 4;

	for (i = 0; i < n && i < max; i++)
		buf[i] = (s[i] >= 0x20 && s[i] < 0x7f) ? s[i] : '?';
	if (i < n) {
		memcpy(buf + i, "...", 3);
		i += 3;
	}
	buf[i] = '\0';
	return buf;
}

static int
find_metric(const struct feed_cvss_scheme *sc, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < sc->nmetrics; i++)
		if (strlen(sc->metrics[i].abbr) == n &&
		    memcmp(sc->metrics[i].abbr, s, n) == 0)
			return (int)i;
	return -1;
}

static int
find_value(const struct feed_cvss_metric_def *m, const char *s, size_t n)
{
	unsigned int i;

	for (i = 0; i < m->nvals; i++)
		if (strlen(m->vals[i]) == n && memcmp(m->vals[i], s, n) == 0)
			return (int)i;
	return -1;
}

/* True when `s[0..n)` names a metric of v3/v4 but not of v2: a bare vector
 * using it most likely lost its "CVSS:3.x/" prefix. */
static bool
looks_v3_or_v4(const char *s, size_t n)
{
	return find_metric(&feed_cvss_scheme_v2, s, n) < 0 &&
	    (find_metric(&feed_cvss_scheme_v31, s, n) >= 0 ||
	    find_metric(&feed_cvss_scheme_v40, s, n) >= 0);
}

/*
 * Parses the metrics part body[0..len) ("AV:N/AC:L/...") against the
 * scheme's table into c->present/c->val. `ver` is the version's name for
 * the messages.
 */
static int
parse_fields(const struct feed_cvss_scheme *sc, const char *body, size_t len,
    struct feed_cvss *c)
{
	const char *ver = feed_cvss_version_name(sc->ver);
	const char *p = body, *end = body + len;
	char b1[32], b2[32];
	size_t field = 0;

	if (len == 0) {
		ks_error_set("CVSS %s: no metrics", ver);
		return KS_EPARSE;
	}
	while (p <= end) {
		const char *slash = memchr(p, '/', (size_t)(end - p));
		const char *fend = slash ? slash : end;
		const char *colon;
		int mi, vi;

		field++;
		if (fend == p) {
			if (p == end)
				ks_error_set("CVSS %s: trailing '/'", ver);
			else
				ks_error_set("CVSS %s: empty field %zu", ver,
				    field);
			return KS_EPARSE;
		}
		colon = memchr(p, ':', (size_t)(fend - p));
		if (colon == NULL) {
			ks_error_set("CVSS %s: field '%s' is not METRIC:VALUE",
			    ver, show(b1, sizeof(b1), p, (size_t)(fend - p)));
			return KS_EPARSE;
		}
		mi = find_metric(sc, p, (size_t)(colon - p));
		if (mi < 0) {
			show(b1, sizeof(b1), p, (size_t)(colon - p));
			if (sc->ver == FEED_CVSS_V2 &&
			    looks_v3_or_v4(p, (size_t)(colon - p)))
				ks_error_set("CVSS %s: unknown metric '%s' (a "
				    "CVSS v3/v4 vector needs its 'CVSS:3.1/' "
				    "or 'CVSS:4.0/' prefix)", ver, b1);
			else
				ks_error_set("CVSS %s: unknown metric '%s'",
				    ver, b1);
			return KS_EPARSE;
		}
		if (c->present >> mi & 1u) {
			ks_error_set("CVSS %s: duplicate metric '%s'", ver,
			    sc->metrics[mi].abbr);
			return KS_EPARSE;
		}
		vi = find_value(&sc->metrics[mi], colon + 1,
		    (size_t)(fend - colon - 1));
		if (vi < 0) {
			ks_error_set("CVSS %s: unknown value '%s' for metric "
			    "'%s'", ver, show(b2, sizeof(b2), colon + 1,
			    (size_t)(fend - colon - 1)), sc->metrics[mi].abbr);
			return KS_EPARSE;
		}
		c->present |= (uint64_t)1 << mi;
		c->val[mi] = (unsigned char)vi;
		if (slash == NULL)
			break;
		p = slash + 1;
	}
	return 0;
}

/* Every mandatory metric present; else KS_EPARSE naming all missing. */
static int
check_mandatory(const struct feed_cvss_scheme *sc, const struct feed_cvss *c)
{
	char names[128];
	size_t i, n = 0, off = 0;
	int w;

	names[0] = '\0';
	for (i = 0; i < sc->nmetrics; i++) {
		if (!sc->metrics[i].mandatory || (c->present >> i & 1u))
			continue;
		w = snprintf(names + off, sizeof(names) - off, "%s%s",
		    n ? ", " : "", sc->metrics[i].abbr);
		if (w < 0 || (size_t)w >= sizeof(names) - off)
			break;	/* cannot happen: 11 short names at most */
		off += (size_t)w;
		n++;
	}
	if (n == 0)
		return 0;
	ks_error_set("CVSS %s: missing mandatory metric%s %s",
	    feed_cvss_version_name(sc->ver), n > 1 ? "s" : "", names);
	return KS_EPARSE;
}

/* Recognises the prefix; sets *sc and the metrics part [*body, +*len). */
static int
split_prefix(const char *v, size_t len, const struct feed_cvss_scheme **sc,
    const char **body, size_t *blen)
{
	char b[32];

	if (strncmp(v, "CVSS:", 5) == 0) {
		const char *slash = memchr(v, '/', len);
		size_t vl = slash ? (size_t)(slash - v) - 5 : len - 5;

		if (vl == 3 && memcmp(v + 5, "3.0", 3) == 0)
			*sc = &feed_cvss_scheme_v30;
		else if (vl == 3 && memcmp(v + 5, "3.1", 3) == 0)
			*sc = &feed_cvss_scheme_v31;
		else if (vl == 3 && memcmp(v + 5, "4.0", 3) == 0)
			*sc = &feed_cvss_scheme_v40;
		else if (vl == 3 && memcmp(v + 5, "2.0", 3) == 0) {
			ks_error_set("CVSS: wrong prefix 'CVSS:2.0': CVSS v2 "
			    "vectors have no prefix");
			return KS_EPARSE;
		} else {
			ks_error_set("CVSS: wrong prefix 'CVSS:%s' (expected "
			    "CVSS:3.0, CVSS:3.1 or CVSS:4.0)",
			    show(b, sizeof(b), v + 5, vl));
			return KS_EPARSE;
		}
		if (slash == NULL) {
			ks_error_set("CVSS %s: no metrics after the prefix",
			    feed_cvss_version_name((*sc)->ver));
			return KS_EPARSE;
		}
		*body = slash + 1;
		*blen = len - (size_t)(*body - v);
		return 0;
	}
	if (strncmp(v, "CVSS", 4) == 0) {
		ks_error_set("CVSS: wrong prefix '%s' (expected CVSS:3.0/, "
		    "CVSS:3.1/ or CVSS:4.0/)", show(b, sizeof(b), v,
		    strcspn(v, "/")));
		return KS_EPARSE;
	}
	*sc = &feed_cvss_scheme_v2;
	if (v[0] == '(') {
		if (len < 2 || v[len - 1] != ')') {
			ks_error_set("CVSS 2.0: '(' without closing ')'");
			return KS_EPARSE;
		}
		*body = v + 1;
		*blen = len - 2;
		return 0;
	}
	*body = v;
	*blen = len;
	return 0;
}

int
feed_cvss_parse(const char *vector, struct feed_cvss *out)
{
	const struct feed_cvss_scheme *sc = NULL;
	const char *body = NULL;
	size_t len, blen = 0, i;
	int rc = KS_EPARSE;

	memset(out, 0, sizeof(*out));
	if (vector == NULL || vector[0] == '\0') {
		ks_error_set("CVSS: empty vector");
		goto out;
	}
	len = strnlen(vector, FEED_CVSS_MAX_VECTOR + 1);
	if (len > FEED_CVSS_MAX_VECTOR) {
		ks_error_set("CVSS: vector longer than %d bytes",
		    FEED_CVSS_MAX_VECTOR);
		goto out;
	}
	if ((rc = split_prefix(vector, len, &sc, &body, &blen)) != 0)
		goto out;
	out->ver = sc->ver;
	if ((rc = parse_fields(sc, body, blen, out)) != 0)
		goto out;
	if ((rc = check_mandatory(sc, out)) != 0)
		goto out;
	for (i = 0; i < sc->nmetrics; i++) {
		const struct feed_cvss_metric_def *m = &sc->metrics[i];

		if (!(out->present >> i & 1u) || out->val[i] == m->unset)
			continue;
		if (m->group == FEED_CVSS_G_TEMPORAL)
			out->sets_temporal = true;
		else if (m->group == FEED_CVSS_G_ENV)
			out->sets_environmental = true;
	}
	sc->score(out);
	/* -0.0 (a v2 base with no impact) prints as "-0.0": make it 0. */
	out->base += 0.0;
	out->temporal += 0.0;
	out->environmental += 0.0;
	if (out->sets_environmental && out->has_environmental)
		out->score = out->environmental;
	else if (out->sets_temporal && out->has_temporal)
		out->score = out->temporal;
	else if (out->has_base)
		out->score = out->base;
	/* else v4.0: its scoring function set out->score. */
	out->score += 0.0;
	rc = 0;
out:
	return rc;
}

/* A score in tenths, for comparisons without floating-point surprises. */
static long
tenths(double x)
{
	return lround(x * 10.0);
}

const char *
feed_cvss_severity(const struct feed_cvss *c)
{
	long t = tenths(c->score);

	if (c->ver == FEED_CVSS_V2)
		return t < 40 ? "Low" : t < 70 ? "Medium" : "High";
	if (t == 0)
		return "None";
	return t < 40 ? "Low" : t < 70 ? "Medium" : t < 90 ? "High" :
	    "Critical";
}

const char *
feed_cvss_severity_text(const struct feed_cvss *c, const char *lang)
{
	const char *en = feed_cvss_severity(c);
	static const char *const map[][2] = {
		/* JVN's words: v3/v4 緊急/重要/警告/注意/なし, v2 危険. */
		{ "None", "なし" }, { "Low", "注意" }, { "Medium", "警告" },
		{ "High", "重要" }, { "Critical", "緊急" },
	};
	size_t i;

	if (lang == NULL || strncmp(lang, "ja", 2) != 0)
		return en;
	if (c->ver == FEED_CVSS_V2 && strcmp(en, "High") == 0)
		return "危険";
	for (i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		if (strcmp(map[i][0], en) == 0)
			return map[i][1];
	return en;
}

const char *
feed_cvss_nomenclature(const struct feed_cvss *c)
{
	if (c->ver != FEED_CVSS_V40)
		return NULL;
	if (c->sets_temporal)
		return c->sets_environmental ? "CVSS-BTE" : "CVSS-BT";
	return c->sets_environmental ? "CVSS-BE" : "CVSS-B";
}

size_t
feed_cvss_metric_count(const struct feed_cvss *c)
{
	uint64_t p = c->present;
	size_t n = 0;

	for (; p; p &= p - 1)
		n++;
	return n;
}

int
feed_cvss_metric_get(const struct feed_cvss *c, size_t i, const char *lang,
    struct feed_cvss_metric *out)
{
	static const char *const groups[] = {
		"base", "temporal", "environmental", "supplemental",
	};
	const struct feed_cvss_scheme *sc = feed_cvss_scheme_of(c->ver);
	bool ja = lang != NULL && strncmp(lang, "ja", 2) == 0;
	size_t k, seen = 0;

	for (k = 0; k < sc->nmetrics; k++) {
		const struct feed_cvss_metric_def *m = &sc->metrics[k];

		if (!(c->present >> k & 1u) || seen++ != i)
			continue;
		out->abbr = m->abbr;
		out->value = m->vals[c->val[k]];
		out->group = groups[m->group];
		if (c->ver == FEED_CVSS_V40 && m->group == FEED_CVSS_G_TEMPORAL)
			out->group = "threat";
		if (feed_cvss_text(c->ver, out->abbr, out->value, ja,
		    &out->name, &out->value_name) != 0) {
			/* A gap in our text table: show the abbreviations. */
			out->name = out->abbr;
			out->value_name = out->value;
		}
		return 0;
	}
	ks_error_set("CVSS: no metric %zu in this vector", i);
	return KS_ENOTFOUND;
}
