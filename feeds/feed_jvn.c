/*
 * JVN iPedia documents into the vulnerability store: VULDEF 3.2 (MyJVN
 * getVulnDetailInfo, jvndb_detail_YYYY.rdf) and JVNRSS 3.2 / JVNDBRSS
 * (getVulnOverviewList, jvndb*.rdf), streamed with the safe reader so a
 * 35 MB year feed never becomes a DOM. It keeps ids, titles, CVE links,
 * CVSS vectors and references; it does not score vectors (the store keeps
 * them raw) nor read affected-version texts.
 */
#include "feeds/feed_int_vuln.h"
#include "platform/base/base.h"

#include <stdlib.h>
#include <string.h>

#include <libxml/xmlreader.h>

#define JVN_SOURCE	"JVN iPedia"
#define NS_STATUS	"http://jvndb.jvn.jp/myjvn/Status"
#define NS_RSS		"http://purl.org/rss/1.0/"
#define NS_DC		"http://purl.org/dc/elements/1.1/"
#define NS_DCTERMS	"http://purl.org/dc/terms/"
#define STACK_MAX	48
#define NAME_MAX_LEN	32

enum jvn_kind { JVN_UNKNOWN, JVN_VULDEF, JVN_RSS };

struct jctx {
	xmlTextReaderPtr	 r;
	struct feed_vulnstore	*vs;
	const char		*name;
	enum jvn_kind		 kind;
	struct feed_vb		 b;
	bool			 in_entry;
	/* element stack: local names of the open elements */
	char			 stack[STACK_MAX][NAME_MAX_LEN];
	int			 depth;
	/* VULDEF <Cvss> and <RelatedItem> being read */
	struct feed_vuln_score	 cvss;
	bool			 in_cvss;
	char			*rel_type, *rel_name, *rel_id, *rel_url;
	bool			 in_rel;
};

/*
 * mod_sec is published under three URIs (MYJVN.md §2.1): the 3.0 module in
 * API responses and detail feeds, the unversioned one in the JVNDBRSS feed
 * files, and an https spelling on the getAlertList page.
 */
static bool
is_sec_ns(const char *ns)
{
	return ns != NULL &&
	    (strcmp(ns, "http://jvn.jp/rss/mod_sec/3.0/") == 0 ||
	    strcmp(ns, "http://jvn.jp/rss/mod_sec/") == 0 ||
	    strcmp(ns, "https://jvn.jp/rss/mod_sec/3.0/") == 0);
}

static const char *
cur_ns(struct jctx *c)
{
	return (const char *)xmlTextReaderConstNamespaceUri(c->r);
}

static const char *
parent(struct jctx *c)
{
	/* The stack holds the open ancestors of the current element. */
	return c->depth > 0 && c->depth <= STACK_MAX ?
	    c->stack[c->depth - 1] : "";
}

/* The text content of the current element (caller frees), or NULL. */
static char *
read_text(struct jctx *c)
{
	return ks_xml_take(xmlTextReaderReadString(c->r));
}

static char *
get_attr(struct jctx *c, const char *name)
{
	return ks_xml_take(xmlTextReaderGetAttribute(c->r,
	    (const xmlChar *)name));
}

static bool
lang_is_en(struct jctx *c)
{
	const char *l = (const char *)xmlTextReaderConstXmlLang(c->r);

	return l != NULL && strncmp(l, "en", 2) == 0;
}

static void
entry_start(struct jctx *c)
{
	feed_vb_clear(&c->b);
	c->b.v.origin = FEED_ORIGIN_JVN;
	feed_vb_set(&c->b.v.source, JVN_SOURCE);
	c->in_entry = true;
}

static int
entry_end(struct jctx *c)
{
	c->in_entry = false;
	return feed_vb_commit(c->vs, &c->b);
}

static void
set_title(struct jctx *c)
{
	char *t = read_text(c);

	feed_vb_set(lang_is_en(c) ? &c->b.v.title_en : &c->b.v.title_ja, t);
	free(t);
}

/* A MyJVN status element: retCd other than 0 means the API refused. */
static int
check_status(struct jctx *c)
{
	char *ret = get_attr(c, "retCd"), *code, *msg;
	int rc = 0;

	if (ret != NULL && strcmp(ret, "0") != 0 && *ret != '\0') {
		code = get_attr(c, "errCd");
		msg = get_attr(c, "errMsg");
		ks_error_set("%s:%d: MyJVN status retCd=%s errCd=%s: %s",
		    c->name, ks_xml_reader_line(c->r), ret,
		    code ? code : "", msg ? msg : "");
		free(code);
		free(msg);
		rc = KS_ERROR;
	}
	free(ret);
	return rc;
}

static void
score_clear(struct feed_vuln_score *s)
{
	free((char *)s->version);
	free((char *)s->vector);
	free((char *)s->stated);
	free((char *)s->severity);
	memset(s, 0, sizeof(*s));
}

static void
rel_clear(struct jctx *c)
{
	free(c->rel_type);
	free(c->rel_name);
	free(c->rel_id);
	free(c->rel_url);
	c->rel_type = c->rel_name = c->rel_id = c->rel_url = NULL;
	c->in_rel = false;
}

static bool
has_prefix(const char *s, const char *p)
{
	return s != NULL && strncmp(s, p, strlen(p)) == 0;
}

static void
rel_end(struct jctx *c)
{
	const char *src = c->rel_name;

	if (has_prefix(c->rel_id, "CVE-"))
		feed_vb_alias(&c->b, c->rel_id);
	if (src != NULL && strstr(src, "(CVE)") != NULL)
		src = "CVE";
	else if (src != NULL && strstr(src, "(NVD)") != NULL)
		src = "NVD";
	else if (c->rel_type != NULL && strcmp(c->rel_type, "cwe") == 0)
		src = "CWE";
	feed_vb_ref(&c->b, src, c->rel_id, c->rel_url);
	rel_clear(c);
}

/* Replaces *dst with the current element's text. */
static void
take_text(struct jctx *c, char **dst)
{
	char *t = read_text(c);

	free(*dst);
	*dst = t;
}

static void
take_score_text(struct jctx *c, const char **dst)
{
	char *t = read_text(c);

	free((char *)*dst);
	*dst = t;
}

/* An element start in a VULDEF document. */
static int
vuldef_start(struct jctx *c, const char *ln, bool empty)
{
	const char *p = parent(c);

	if (strcmp(ln, "Vulinfo") == 0 && !empty) {
		entry_start(c);
		return 0;
	}
	if (!c->in_entry)
		return 0;
	if (strcmp(ln, "VulinfoID") == 0 && strcmp(p, "Vulinfo") == 0) {
		char *t = read_text(c);

		feed_vb_set(&c->b.v.id, t);
		free(t);
	} else if (strcmp(ln, "Title") == 0 && strcmp(p, "VulinfoData") == 0) {
		set_title(c);
	} else if (strcmp(ln, "DateLastUpdated") == 0 &&
	    strcmp(p, "VulinfoData") == 0) {
		/* Which of two statements of one id is the newer. */
		char *t = read_text(c);

		feed_vb_set(&c->b.v.modified, t);
		free(t);
	} else if (strcmp(ln, "Cvss") == 0 && !empty) {
		score_clear(&c->cvss);
		c->cvss.version = get_attr(c, "version");
		c->in_cvss = true;
	} else if (c->in_cvss && strcmp(p, "Cvss") == 0) {
		/* Element order inside Cvss differs between the schema and
		 * the published examples (MYJVN.md §2.3): match by name. */
		if (strcmp(ln, "Severity") == 0)
			take_score_text(c, &c->cvss.severity);
		else if (strcmp(ln, "Base") == 0)
			take_score_text(c, &c->cvss.stated);
		else if (strcmp(ln, "Vector") == 0)
			take_score_text(c, &c->cvss.vector);
	} else if (strcmp(ln, "RelatedItem") == 0 && !empty) {
		rel_clear(c);
		c->rel_type = get_attr(c, "type");
		c->in_rel = true;
	} else if (c->in_rel && strcmp(p, "RelatedItem") == 0) {
		if (strcmp(ln, "Name") == 0)
			take_text(c, &c->rel_name);
		else if (strcmp(ln, "VulinfoID") == 0)
			take_text(c, &c->rel_id);
		else if (strcmp(ln, "URL") == 0)
			take_text(c, &c->rel_url);
	}
	return 0;
}

static int
vuldef_end(struct jctx *c, const char *ln)
{
	if (strcmp(ln, "Vulinfo") == 0 && c->in_entry)
		return entry_end(c);
	if (strcmp(ln, "Cvss") == 0 && c->in_cvss) {
		c->cvss.origin = FEED_ORIGIN_JVN;
		c->cvss.source = JVN_SOURCE;
		feed_vb_score(&c->b, &c->cvss);
		c->cvss.source = NULL;
		score_clear(&c->cvss);
		c->in_cvss = false;
	} else if (strcmp(ln, "RelatedItem") == 0 && c->in_rel) {
		rel_end(c);
	}
	return 0;
}

/* An element start in a JVNRSS document. */
static int
rss_start(struct jctx *c, const char *ln, bool empty)
{
	const char *ns = cur_ns(c), *p = parent(c);

	if (strcmp(ln, "item") == 0 && ns != NULL &&
	    strcmp(ns, NS_RSS) == 0 && strcmp(p, "RDF") == 0) {
		if (!empty)
			entry_start(c);
		return 0;
	}
	if (!c->in_entry || strcmp(p, "item") != 0)
		return 0;
	if (strcmp(ln, "title") == 0 && ns && strcmp(ns, NS_RSS) == 0) {
		set_title(c);
	} else if (strcmp(ln, "link") == 0 && ns && strcmp(ns, NS_RSS) == 0) {
		char *t = read_text(c);

		feed_vb_ref(&c->b, "JVN iPedia", NULL, t);
		free(t);
	} else if (is_sec_ns(ns) && strcmp(ln, "identifier") == 0) {
		char *t = read_text(c);

		feed_vb_set(&c->b.v.id, t);
		free(t);
	} else if (ns != NULL && ((strcmp(ln, "modified") == 0 &&
	    strcmp(ns, NS_DCTERMS) == 0) || (strcmp(ln, "date") == 0 &&
	    strcmp(ns, NS_DC) == 0 && c->b.v.modified == NULL))) {
		/* dcterms:modified dates the item; dc:date stands in for
		 * it when an item has none (MYJVN.md §2.2, §5). */
		char *t = read_text(c);

		feed_vb_set(&c->b.v.modified, t);
		free(t);
	} else if (is_sec_ns(ns) && strcmp(ln, "references") == 0) {
		char *src = get_attr(c, "source"), *id = get_attr(c, "id");
		char *url = read_text(c);

		if (has_prefix(id, "CVE-"))
			feed_vb_alias(&c->b, id);
		feed_vb_ref(&c->b, src ? src : has_prefix(id, "CWE-") ?
		    "CWE" : NULL, id, url);
		free(src);
		free(id);
		free(url);
	} else if (is_sec_ns(ns) && strcmp(ln, "cvss") == 0) {
		char *type = get_attr(c, "type");
		struct feed_vuln_score sc = { .origin = FEED_ORIGIN_JVN,
		    .source = JVN_SOURCE };

		/* mod_sec 3.0: type is Base, Temporal or Environmental; the
		 * store keeps the base statement (the vector is rescored). */
		if (type == NULL || strcmp(type, "Base") == 0) {
			sc.version = get_attr(c, "version");
			sc.vector = get_attr(c, "vector");
			sc.stated = get_attr(c, "score");
			sc.severity = get_attr(c, "severity");
			feed_vb_score(&c->b, &sc);
			sc.source = NULL;
			score_clear(&sc);
		}
		free(type);
	}
	return 0;
}

static int
rss_end(struct jctx *c, const char *ln)
{
	if (strcmp(ln, "item") == 0 && c->in_entry &&
	    strcmp(parent(c), "RDF") == 0)
		return entry_end(c);
	return 0;
}

static int
on_element(struct jctx *c)
{
	const char *ln = (const char *)xmlTextReaderConstLocalName(c->r);
	const char *ns = cur_ns(c);
	bool empty = xmlTextReaderIsEmptyElement(c->r) == 1;
	int rc = 0;

	if (c->kind == JVN_UNKNOWN) {
		if (strcmp(ln, "VULDEF-Document") == 0)
			c->kind = JVN_VULDEF;
		else if (strcmp(ln, "RDF") == 0)
			c->kind = JVN_RSS;
		else {
			ks_error_set("%s:%d: <%s> is not a JVN VULDEF or "
			    "JVNRSS document", c->name,
			    ks_xml_reader_line(c->r), ln);
			return KS_EPARSE;
		}
	} else if (ns != NULL && strcmp(ns, NS_STATUS) == 0 &&
	    strcmp(ln, "Status") == 0) {
		rc = check_status(c);
	} else if (c->kind == JVN_VULDEF) {
		rc = vuldef_start(c, ln, empty);
	} else {
		rc = rss_start(c, ln, empty);
	}
	if (rc == 0 && !empty) {
		if (c->depth < STACK_MAX) {
			/* Longer names are cut: none we match is. */
			size_t n = strnlen(ln, NAME_MAX_LEN - 1);

			memcpy(c->stack[c->depth], ln, n);
			c->stack[c->depth][n] = '\0';
		}
		c->depth++;
	}
	return rc;
}

static int
on_end(struct jctx *c)
{
	const char *ln = (const char *)xmlTextReaderConstLocalName(c->r);

	if (c->depth > 0)
		c->depth--;
	if (c->kind == JVN_VULDEF)
		return vuldef_end(c, ln);
	if (c->kind == JVN_RSS)
		return rss_end(c, ln);
	return 0;
}

static int
import_reader(struct feed_vulnstore *vs, xmlTextReaderPtr r, const char *name)
{
	struct jctx c;
	int n, rc = 0;

	memset(&c, 0, sizeof(c));
	c.r = r;
	c.vs = vs;
	c.name = name;
	feed_vb_init(&c.b);
	while (rc == 0 && (n = ks_xml_reader_next(r)) == 1) {
		switch (xmlTextReaderNodeType(r)) {
		case XML_READER_TYPE_ELEMENT:
			rc = on_element(&c);
			break;
		case XML_READER_TYPE_END_ELEMENT:
			rc = on_end(&c);
			break;
		default:
			break;
		}
	}
	if (rc == 0 && n < 0)
		rc = n;
	if (rc == 0 && c.kind == JVN_UNKNOWN) {
		ks_error_set("%s: empty document", name);
		rc = KS_EPARSE;
	}
	feed_vb_clear(&c.b);
	score_clear(&c.cvss);
	rel_clear(&c);
	return rc;
}

int
feed_jvn_import(struct feed_vulnstore *vs, const char *path)
{
	xmlTextReaderPtr r = NULL;
	int rc;

	if ((rc = ks_xml_reader_open(&r, path)) < 0)
		return rc;
	rc = import_reader(vs, r, path);
	ks_xml_reader_free(r);
	return rc;
}

int
feed_jvn_import_mem(struct feed_vulnstore *vs, const char *buf, size_t len,
    const char *name)
{
	xmlTextReaderPtr r = NULL;
	int rc;

	if ((rc = ks_xml_reader_mem(&r, buf, len, name)) < 0)
		return rc;
	rc = import_reader(vs, r, name);
	ks_xml_reader_free(r);
	return rc;
}
