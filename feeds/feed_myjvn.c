/*
 * A client of the MyJVN API (feed=hnd, XML): getVendorList,
 * getProductList, getVulnOverviewList with paging, and getVulnDetailInfo.
 * It only asks and parses the answers; storing vulnerability data is the
 * vulnerability store's job (feed_vulnstore.c).
 *
 * The API is described in MyJVN's own documentation (github MyJVN/np,
 * docs/getVulnOverviewList_api_hnd.md and its siblings): paging by
 * startItem/maxCountItem; the answer's status:Status carries retCd, errCd,
 * errMsg, totalRes, totalResRet and firstRes; every range* parameter
 * defaults to "w" (the last week).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <libxml/xmlreader.h>

#include "platform/base/base.h"
#include "feeds/feeds.h"
#include "feeds/feed_int_fetch.h"

#define MYJVN_MAX_PAGES		10000
#define MYJVN_MAX_ANSWER	(64u << 20)
#define MYJVN_MAX_TEXT		(64u << 10)
#define MYJVN_OVERVIEW_MAX	50	/* retMax of getVulnOverviewList */
#define MYJVN_LIST_MAX		10000	/* retMax of getVendor/ProductList */

/* ---- parsing ------------------------------------------------------------ */

/* Reader state shared by the three answer parsers. */
struct px {
	xmlTextReaderPtr	 r;
	const char		*name;
	struct ks_buf		 text;	/* text of the current element */
	struct feed_myjvn_status *st;
};

static const char *
ln(struct px *p)
{
	return (const char *)xmlTextReaderConstLocalName(p->r);
}

/* An attribute copied into out (truncated to fit); "" when absent. */
static void
attr(struct px *p, const char *name, char *out, size_t outsz)
{
	xmlChar *v = xmlTextReaderGetAttribute(p->r, (const xmlChar *)name);

	snprintf(out, outsz, "%s", v ? (const char *)v : "");
	xmlFree(v);
}

static char *
attr_dup(struct px *p, const char *name)
{
	return ks_xml_take(xmlTextReaderGetAttribute(p->r,
	    (const xmlChar *)name));
}

static bool
is_status(struct px *p)
{
	const xmlChar *ns = xmlTextReaderConstNamespaceUri(p->r);

	return strcmp(ln(p), "Status") == 0 && ns != NULL &&
	    strcmp((const char *)ns, "http://jvndb.jvn.jp/myjvn/Status") == 0;
}

static void
read_status(struct px *p)
{
	char v[64];

	p->st->seen = true;
	attr(p, "retCd", v, sizeof(v));
	p->st->ret_cd = (int)strtol(v, NULL, 10);
	attr(p, "errCd", p->st->err_cd, sizeof(p->st->err_cd));
	attr(p, "errMsg", p->st->err_msg, sizeof(p->st->err_msg));
	attr(p, "totalRes", v, sizeof(v));
	p->st->total_res = strtoul(v, NULL, 10);
	attr(p, "totalResRet", v, sizeof(v));
	p->st->total_res_ret = strtoul(v, NULL, 10);
	attr(p, "firstRes", v, sizeof(v));
	p->st->first_res = strtoul(v, NULL, 10);
}

/* The trimmed text collected since the last element start. */
static char *
text_trim(struct px *p)
{
	char *s = p->text.data ? p->text.data : (char *)"";
	size_t n = p->text.len;

	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\n' ||
	    s[n - 1] == '\r' || s[n - 1] == '\t'))
		s[--n] = '\0';
	while (*s == ' ' || *s == '\n' || *s == '\r' || *s == '\t')
		s++;
	return s;
}

static int
px_open(struct px *p, const char *buf, size_t len, const char *name,
    struct feed_myjvn_status *st)
{
	memset(p, 0, sizeof(*p));
	memset(st, 0, sizeof(*st));
	p->name = name;
	p->st = st;
	ks_buf_init(&p->text, MYJVN_MAX_TEXT);
	return ks_xml_reader_mem(&p->r, buf, len, name);
}

static void
px_close(struct px *p)
{
	ks_xml_reader_free(p->r);
	ks_buf_free(&p->text);
}

/*
 * Steps the reader: returns 1 on an element start/end (*end tells which),
 * 0 at the end of the document, < 0 on error. Text goes into p->text
 * (reset at every element start); over-long text is cut, not an error.
 */
static int
px_next(struct px *p, bool *end)
{
	int rc, t;

	for (;;) {
		rc = ks_xml_reader_next(p->r);
		if (rc <= 0)
			return rc;
		t = xmlTextReaderNodeType(p->r);
		if (t == XML_READER_TYPE_ELEMENT) {
			ks_buf_reset(&p->text);
			*end = false;
			return 1;
		}
		if (t == XML_READER_TYPE_END_ELEMENT) {
			*end = true;
			return 1;
		}
		if (t == XML_READER_TYPE_TEXT || t == XML_READER_TYPE_CDATA ||
		    t == XML_READER_TYPE_SIGNIFICANT_WHITESPACE) {
			const char *v =
			    (const char *)xmlTextReaderConstValue(p->r);

			if (v != NULL && ks_buf_puts(&p->text, v) != 0)
				ks_error_clear();
		}
	}
}

/* One overview item being collected. */
struct oitem {
	char	*id, *title, *link, *modified;
	char	*cv_version, *cv_score, *cv_severity, *cv_vector;
};

static void
oitem_clear(struct oitem *it)
{
	free(it->id);
	free(it->title);
	free(it->link);
	free(it->modified);
	free(it->cv_version);
	free(it->cv_score);
	free(it->cv_severity);
	free(it->cv_vector);
	memset(it, 0, sizeof(*it));
}

static void
replace(char **dst, const char *v)
{
	free(*dst);
	*dst = ks_strdup(v);
}

int
feed_myjvn_parse_overview(const char *buf, size_t len, const char *name,
    feed_myjvn_item_cb cb, void *payload, struct feed_myjvn_status *st)
{
	struct px p;
	struct oitem it;
	bool end, in_item = false;
	int rc;

	memset(&it, 0, sizeof(it));
	rc = px_open(&p, buf, len, name, st);
	if (rc != 0)
		goto out;
	while ((rc = px_next(&p, &end)) > 0) {
		const char *n = ln(&p);

		if (!end) {
			if (is_status(&p))
				read_status(&p);
			else if (strcmp(n, "item") == 0) {
				oitem_clear(&it);
				in_item = true;
			} else if (in_item && strcmp(n, "cvss") == 0) {
				char *v = attr_dup(&p, "version");

				/* Keep the newest CVSS version given. */
				if (v != NULL && (it.cv_version == NULL ||
				    strcmp(v, it.cv_version) > 0)) {
					free(it.cv_version);
					it.cv_version = v;
					free(it.cv_score);
					it.cv_score = attr_dup(&p, "score");
					free(it.cv_severity);
					it.cv_severity = attr_dup(&p,
					    "severity");
					free(it.cv_vector);
					it.cv_vector = attr_dup(&p, "vector");
				} else
					free(v);
			}
			continue;
		}
		if (!in_item)
			continue;
		if (strcmp(n, "title") == 0)
			replace(&it.title, text_trim(&p));
		else if (strcmp(n, "link") == 0)
			replace(&it.link, text_trim(&p));
		else if (strcmp(n, "identifier") == 0)
			replace(&it.id, text_trim(&p));
		else if (strcmp(n, "modified") == 0)
			replace(&it.modified, text_trim(&p));
		else if (strcmp(n, "item") == 0) {
			struct feed_myjvn_item pub = {
				.id = it.id, .title = it.title,
				.link = it.link, .modified = it.modified,
				.cvss_version = it.cv_version,
				.cvss_score = it.cv_score,
				.cvss_severity = it.cv_severity,
				.cvss_vector = it.cv_vector,
			};

			in_item = false;
			if (it.id == NULL) {
				ks_error_set("%s:%d: item without "
				    "sec:identifier", name,
				    ks_xml_reader_line(p.r));
				rc = KS_EPARSE;
				goto out;
			}
			rc = cb(&pub, payload);
			if (rc != 0)
				goto out;
		}
	}
out:
	oitem_clear(&it);
	px_close(&p);
	return rc;
}

int
feed_myjvn_parse_results(const char *buf, size_t len, const char *name,
    feed_myjvn_entry_cb cb, void *payload, struct feed_myjvn_status *st)
{
	struct px p;
	struct feed_myjvn_entry e;
	char *vname = NULL, *vcpe = NULL, *vid = NULL;
	bool end, in_vendor = false, had_product = false;
	int rc;

	memset(&e, 0, sizeof(e));
	rc = px_open(&p, buf, len, name, st);
	if (rc != 0)
		goto out;
	while ((rc = px_next(&p, &end)) > 0) {
		const char *n = ln(&p);
		bool empty = !end && xmlTextReaderIsEmptyElement(p.r) == 1;

		if (!end && is_status(&p)) {
			read_status(&p);
			continue;
		}
		if (!end && strcmp(n, "Vendor") == 0) {
			free(vname);
			free(vcpe);
			free(vid);
			vname = attr_dup(&p, "vname");
			vcpe = attr_dup(&p, "cpe");
			vid = attr_dup(&p, "vid");
			in_vendor = true;
			had_product = false;
			if (!empty)
				continue;
			end = true;	/* <Vendor/>: ends here too */
		} else if (!end && in_vendor && strcmp(n, "Product") == 0) {
			char *pn = attr_dup(&p, "pname");
			char *pc = attr_dup(&p, "cpe");
			char *pid = attr_dup(&p, "pid");

			e.vendor = vname;
			e.vendor_cpe = vcpe;
			e.vid = vid;
			e.product = pn ? pn : "";
			e.product_cpe = pc;
			e.pid = pid;
			had_product = true;
			rc = cb(&e, payload);
			free(pn);
			free(pc);
			free(pid);
			if (rc != 0)
				goto out;
			continue;
		}
		if (end && strcmp(n, "Vendor") == 0 && in_vendor) {
			in_vendor = false;
			if (had_product)
				continue;
			memset(&e, 0, sizeof(e));
			e.vendor = vname ? vname : "";
			e.vendor_cpe = vcpe;
			e.vid = vid;
			rc = cb(&e, payload);
			if (rc != 0)
				goto out;
		}
	}
out:
	free(vname);
	free(vcpe);
	free(vid);
	px_close(&p);
	return rc;
}

void
feed_myjvn_detail_clear(struct feed_myjvn_detail *d)
{
	size_t i;

	free(d->id);
	free(d->title);
	free(d->overview);
	free(d->date_public);
	free(d->date_updated);
	for (i = 0; i < d->ncvss; i++) {
		free(d->cvss[i].version);
		free(d->cvss[i].severity);
		free(d->cvss[i].score);
		free(d->cvss[i].vector);
	}
	for (i = 0; i < d->ncves; i++)
		free(d->cves[i]);
	free(d->cves);
	memset(d, 0, sizeof(*d));
}

int
feed_myjvn_parse_detail(const char *buf, size_t len, const char *name,
    struct feed_myjvn_detail *d, struct feed_myjvn_status *st)
{
	struct px p;
	bool end, in_vul = false, done_vul = false, in_cvss = false;
	bool in_related = false, advisory = false;
	size_t ccap = 0;
	int rc;

	memset(d, 0, sizeof(*d));
	rc = px_open(&p, buf, len, name, st);
	if (rc != 0)
		goto out;
	while ((rc = px_next(&p, &end)) > 0) {
		const char *n = ln(&p);

		if (!end) {
			if (is_status(&p))
				read_status(&p);
			else if (strcmp(n, "Vulinfo") == 0 && !done_vul)
				in_vul = true;
			else if (in_vul && strcmp(n, "Cvss") == 0 &&
			    d->ncvss < 4) {
				d->cvss[d->ncvss].version =
				    attr_dup(&p, "version");
				in_cvss = true;
			} else if (in_vul && strcmp(n, "RelatedItem") == 0) {
				char t[32];

				attr(&p, "type", t, sizeof(t));
				in_related = true;
				advisory = strcmp(t, "advisory") == 0;
			}
			continue;
		}
		if (!in_vul)
			continue;
		if (in_cvss) {
			char **dst = NULL;

			if (strcmp(n, "Severity") == 0)
				dst = &d->cvss[d->ncvss].severity;
			else if (strcmp(n, "Base") == 0)
				dst = &d->cvss[d->ncvss].score;
			else if (strcmp(n, "Vector") == 0)
				dst = &d->cvss[d->ncvss].vector;
			else if (strcmp(n, "Cvss") == 0) {
				in_cvss = false;
				d->ncvss++;
			}
			if (dst != NULL)
				replace(dst, text_trim(&p));
			continue;
		}
		if (in_related) {
			const char *t = text_trim(&p);

			if (strcmp(n, "RelatedItem") == 0)
				in_related = false;
			else if (advisory && strcmp(n, "VulinfoID") == 0 &&
			    strncmp(t, "CVE-", 4) == 0 && d->ncves < 256) {
				ks_grow(&d->cves, &ccap, d->ncves + 1,
				    sizeof(*d->cves));
				d->cves[d->ncves++] = ks_strdup(t);
			}
			continue;
		}
		if (strcmp(n, "VulinfoID") == 0 && d->id == NULL)
			d->id = ks_strdup(text_trim(&p));
		else if (strcmp(n, "Title") == 0 && d->title == NULL)
			d->title = ks_strdup(text_trim(&p));
		else if (strcmp(n, "Overview") == 0 && d->overview == NULL)
			d->overview = ks_strdup(text_trim(&p));
		else if (strcmp(n, "DatePublic") == 0)
			replace(&d->date_public, text_trim(&p));
		else if (strcmp(n, "DateLastUpdated") == 0)
			replace(&d->date_updated, text_trim(&p));
		else if (strcmp(n, "Vulinfo") == 0) {
			in_vul = false;
			done_vul = true;	/* one id asked: one Vulinfo */
		}
	}
out:
	px_close(&p);
	if (rc != 0)
		feed_myjvn_detail_clear(d);
	return rc;
}

/* ---- requests ----------------------------------------------------------- */

static void
add_param(struct ks_buf *b, const char *k, const char *v)
{
	char *e;

	if (v == NULL || *v == '\0')
		return;
	/* '%' is escaped too: MyJVN asks for %-escapes inside a CPE to be
	 * encoded again (cpe:/a:x:xerces-c%252B%252B). */
	e = feed_url_escape(v);
	ks_buf_printf(b, "&%s=%s", k, e ? e : "");
	free(e);
}

static void
add_int(struct ks_buf *b, const char *k, long v)
{
	ks_buf_printf(b, "&%s=%ld", k, v);
}

static void
url_start(struct ks_buf *b, const char *base, const char *method)
{
	ks_buf_init(b, 0);
	ks_buf_printf(b, "%s%smethod=%s&feed=hnd", base,
	    strchr(base, '?') ? "&" : "?", method);
}

char *
feed_myjvn_overview_url(const char *base, const struct feed_myjvn_query *q,
    unsigned long start)
{
	struct ks_buf b;

	url_start(&b, base, "getVulnOverviewList");
	add_int(&b, "startItem", (long)start);
	add_int(&b, "maxCountItem", MYJVN_OVERVIEW_MAX);
	add_param(&b, "cpeName", q->cpe);
	add_param(&b, "keyword", q->keyword);
	/* Every range* defaults to "w" (the last week): switch them all
	 * off, so the only date filter is the one given here. */
	add_param(&b, "rangeDatePublic", "n");
	add_param(&b, "rangeDatePublished", "n");
	add_param(&b, "rangeDateFirstPublished", "n");
	if (q->from_year > 0) {
		add_int(&b, "datePublicStartY", q->from_year);
		if (q->from_month > 0)
			add_int(&b, "datePublicStartM", q->from_month);
	}
	if (q->to_year > 0) {
		add_int(&b, "datePublicEndY", q->to_year);
		if (q->to_month > 0)
			add_int(&b, "datePublicEndM", q->to_month);
	}
	add_param(&b, "lang", q->lang);
	return ks_buf_steal(&b);
}

/* Fetches one answer into b (capped). */
static int
get(const struct feed_source *src, const char *url, struct ks_buf *b)
{
	struct feed_source s = *src;
	struct feed_fetch_req req;
	struct feed_fetch_res res;

	if (s.max_size > MYJVN_MAX_ANSWER)
		s.max_size = MYJVN_MAX_ANSWER;
	memset(&req, 0, sizeof(req));
	req.src = &s;
	req.url = url;
	req.mem = b;
	ks_debug("myjvn: GET %s", url);
	return feed_fetch(&req, &res);
}

static void
throttle(const struct feed_source *src)
{
	struct timespec ts;

	if (!(src->throttle > 0))
		return;
	ts.tv_sec = (time_t)src->throttle;
	ts.tv_nsec = (long)((src->throttle - (double)ts.tv_sec) * 1e9);
	while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
		;
}

/* Turns a parse result and status into the caller's rc. */
static int
check(const struct feed_source *src, const char *url, int rc,
    const struct feed_myjvn_status *st)
{
	if (rc != 0) {
		if (rc == KS_EPARSE || rc == KS_ELIMIT) {
			char *m = ks_strdup(ks_error_msg());

			ks_error_set("%s: %s: malformed answer: %s", src->name,
			    url, m);
			free(m);
		}
		return rc;
	}
	if (!st->seen) {
		ks_error_set("%s: %s: malformed answer: no status:Status",
		    src->name, url);
		return KS_EPARSE;
	}
	if (st->ret_cd != 0) {
		ks_error_set("%s: %s: MyJVN error %s: %s", src->name, url,
		    *st->err_cd ? st->err_cd : "(no errCd)",
		    *st->err_msg ? st->err_msg : "(no errMsg)");
		return KS_ERROR;
	}
	return 0;
}

/* Where the next page starts, or 0 when this was the last one. */
static unsigned long
next_start(const struct feed_source *src, const char *url,
    unsigned long start, const struct feed_myjvn_status *st, int *rc)
{
	unsigned long first = st->first_res ? st->first_res : start;
	unsigned long next = first + st->total_res_ret;

	*rc = 0;
	if (st->total_res_ret == 0 || next > st->total_res)
		return 0;
	if (next <= start) {
		ks_error_set("%s: %s: paging does not advance (firstRes %lu, "
		    "totalResRet %lu)", src->name, url, st->first_res,
		    st->total_res_ret);
		*rc = KS_EPARSE;
		return 0;
	}
	return next;
}

int
feed_myjvn_overview(const struct feed_source *src,
    const struct feed_myjvn_query *q, feed_myjvn_item_cb cb, void *payload,
    unsigned long *total)
{
	struct feed_myjvn_status st;
	struct ks_buf b;
	unsigned long start = 1;
	unsigned pages;
	int rc = 0;

	ks_buf_init(&b, MYJVN_MAX_ANSWER);
	for (pages = 0; pages < MYJVN_MAX_PAGES && start > 0; pages++) {
		char *url = feed_myjvn_overview_url(src->url, q, start);

		if (pages > 0)
			throttle(src);
		rc = get(src, url, &b);
		if (rc == 0) {
			rc = feed_myjvn_parse_overview(b.data, b.len, url, cb,
			    payload, &st);
			rc = check(src, url, rc, &st);
		}
		if (rc == 0) {
			if (total != NULL)
				*total = st.total_res;
			start = next_start(src, url, start, &st, &rc);
		}
		free(url);
		if (rc != 0)
			break;
	}
	ks_buf_free(&b);
	return rc;
}

static int
list(const struct feed_source *src, const char *method, const char *cpe,
    const char *keyword, feed_myjvn_entry_cb cb, void *payload)
{
	struct feed_myjvn_status st;
	struct ks_buf b;
	unsigned long start = 1;
	unsigned pages;
	int rc = 0;

	ks_buf_init(&b, MYJVN_MAX_ANSWER);
	for (pages = 0; pages < MYJVN_MAX_PAGES && start > 0; pages++) {
		struct ks_buf u;
		char *url;

		url_start(&u, src->url, method);
		add_int(&u, "startItem", (long)start);
		add_int(&u, "maxCountItem", MYJVN_LIST_MAX);
		add_param(&u, "cpeName", cpe);
		add_param(&u, "keyword", keyword);
		url = ks_buf_steal(&u);
		if (pages > 0)
			throttle(src);
		rc = get(src, url, &b);
		if (rc == 0) {
			rc = feed_myjvn_parse_results(b.data, b.len, url, cb,
			    payload, &st);
			rc = check(src, url, rc, &st);
		}
		if (rc == 0)
			start = next_start(src, url, start, &st, &rc);
		free(url);
		if (rc != 0)
			break;
	}
	ks_buf_free(&b);
	return rc;
}

int
feed_myjvn_vendors(const struct feed_source *src, const char *cpe,
    const char *keyword, feed_myjvn_entry_cb cb, void *payload)
{
	return list(src, "getVendorList", cpe, keyword, cb, payload);
}

int
feed_myjvn_products(const struct feed_source *src, const char *cpe,
    const char *keyword, feed_myjvn_entry_cb cb, void *payload)
{
	return list(src, "getProductList", cpe, keyword, cb, payload);
}

int
feed_myjvn_detail(const struct feed_source *src, const char *vulnid,
    const char *lang, struct feed_myjvn_detail *d)
{
	struct feed_myjvn_status st;
	struct ks_buf b, u;
	char *url;
	int rc;

	memset(d, 0, sizeof(*d));
	url_start(&u, src->url, "getVulnDetailInfo");
	add_param(&u, "vulnId", vulnid);
	add_param(&u, "lang", lang);
	url = ks_buf_steal(&u);
	ks_buf_init(&b, MYJVN_MAX_ANSWER);
	rc = get(src, url, &b);
	if (rc == 0) {
		rc = feed_myjvn_parse_detail(b.data, b.len, url, d, &st);
		rc = check(src, url, rc, &st);
	}
	if (rc == 0 && d->id == NULL) {
		ks_error_set("%s: %s: no Vulinfo for %s", src->name, url,
		    vulnid);
		rc = KS_ENOTFOUND;
	}
	if (rc != 0)
		feed_myjvn_detail_clear(d);
	ks_buf_free(&b);
	free(url);
	return rc;
}
