/*
 * CPE dictionaries (cpe-list, dictionary schema 2.0 to 2.3): items with
 * their names, titles, deprecation and checks, and the applicability of a
 * CPE name through the checks of the items it matches, memoised. Checks
 * are run by the caller's callback; matching is cpe_name.c's, the
 * applicability language cpe_lang.c's.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/tree.h>

#include "platform/base/base.h"
#include "xccdf/cpe_int.h"

/* The outcome of one name against one dictionary, kept for the next ask. */
struct name_memo {
	enum cpe_result	 res;
	char		*msg;		/* why, for CPE_ERROR */
};

struct cpe_dict {
	const char		*file;
	const void		*ctx;
	struct ks_strpool	*pool;
	struct cpe_dict_item	*items;
	uint32_t		 nitems;
	size_t			 cap;
	struct ks_map		*by_name;	/* name -> index + 1 */
	/* memo: valid for one (check, payload) pair, i.e. one evaluation */
	struct ks_map		*memo;		/* name -> struct name_memo */
	cpe_check_fn		 memo_fn;
	void			*memo_payload;
};

static const char *
intern(struct cpe_dict *d, const char *s)
{
	return ks_strpool_intern(d->pool, s, strlen(s));
}

static bool
is_elem(const xmlNode *n, const char *ns, const char *name)
{
	return n->type == XML_ELEMENT_NODE && n->ns != NULL &&
	    n->ns->href != NULL &&
	    strcmp((const char *)n->ns->href, ns) == 0 &&
	    strcmp((const char *)n->name, name) == 0;
}

/* An attribute without namespace, interned; NULL when absent. */
static const char *
get_attr(struct cpe_dict *d, xmlNode *n, const char *name)
{
	xmlChar *v = xmlGetNoNsProp(n, (const xmlChar *)name);
	const char *s;

	if (v == NULL)
		return NULL;
	s = intern(d, (const char *)v);
	xmlFree(v);
	return s;
}

/* The element's text with leading and trailing white space cut. */
static const char *
get_text(struct cpe_dict *d, xmlNode *n)
{
	xmlChar *v = xmlNodeGetContent(n);
	const char *s, *b, *e;

	if (v == NULL)
		return intern(d, "");
	b = (const char *)v;
	while (*b == ' ' || *b == '\t' || *b == '\n' || *b == '\r')
		b++;
	e = b + strlen(b);
	while (e > b && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\n' ||
	    e[-1] == '\r'))
		e--;
	s = ks_strpool_intern(d->pool, b, (size_t)(e - b));
	xmlFree(v);
	return s;
}

static bool
xsd_true(const char *v)
{
	return v != NULL && (strcmp(v, "true") == 0 || strcmp(v, "1") == 0);
}

static void
item_clear(struct cpe_dict_item *it)
{
	cpe_name_clear(&it->wfn);
	cpe_name_clear(&it->wfn23);
	free(it->titles);
	free(it->checks);
	free(it->memo_msg);
}

static int
free_memo(const char *key, void *val, void *payload)
{
	struct name_memo *m = val;

	free(m->msg);
	free(m);
	return 0;
}

void
cpe_dict_free(struct cpe_dict *d)
{
	uint32_t i;

	if (d == NULL)
		return;
	for (i = 0; i < d->nitems; i++)
		item_clear(&d->items[i]);
	free(d->items);
	if (d->memo != NULL) {
		ks_map_foreach(d->memo, free_memo, NULL);
		ks_map_free(d->memo);
	}
	ks_map_free(d->by_name);
	ks_strpool_free(d->pool);
	free(d);
}

/* Reads one cpe-item's children into it. */
static void
parse_item_kids(struct cpe_dict *d, xmlNode *n, struct cpe_dict_item *it)
{
	size_t tcap = 0, ccap = 0;
	xmlNode *k;

	for (k = n->children; k != NULL; k = k->next) {
		if (is_elem(k, CPE_NS_DICT, "title")) {
			xmlChar *lang = xmlNodeGetLang(k);

			ks_grow(&it->titles, &tcap, it->ntitles + 1,
			    sizeof(*it->titles));
			it->titles[it->ntitles].lang = lang == NULL ? NULL :
			    intern(d, (const char *)lang);
			it->titles[it->ntitles++].text = get_text(d, k);
			xmlFree(lang);
		} else if (is_elem(k, CPE_NS_DICT, "check")) {
			struct cpe_dict_check c;

			c.system = get_attr(d, k, "system");
			c.href = get_attr(d, k, "href");
			c.name = get_text(d, k);
			if (c.system == NULL) {
				ks_warn("%s:%d: cpe-item %s: check without "
				    "system ignored", d->file,
				    (int)xmlGetLineNo(k), it->name);
				continue;
			}
			ks_grow(&it->checks, &ccap, it->nchecks + 1,
			    sizeof(*it->checks));
			it->checks[it->nchecks++] = c;
		} else if (k->type == XML_ELEMENT_NODE &&
		    strcmp((const char *)k->name, "cpe23-item") == 0 &&
		    it->name23 == NULL) {
			it->name23 = get_attr(d, k, "name");
		}
	}
}

int
cpe_dict_parse(struct cpe_dict **out, struct _xmlNode *root,
    const char *file, const void *ctx)
{
	struct cpe_dict *d;
	xmlNode *n;
	int rc = KS_ERROR;

	*out = NULL;
	d = ks_calloc(1, sizeof(*d));
	d->ctx = ctx;
	if ((rc = ks_strpool_new(&d->pool)) != 0 ||
	    (rc = ks_map_new(&d->by_name)) != 0 ||
	    (rc = ks_map_new(&d->memo)) != 0)
		goto out;
	d->file = intern(d, file != NULL ? file : "(dict)");
	if (root == NULL || !is_elem(root, CPE_NS_DICT, "cpe-list")) {
		ks_error_set("%s:%d: expected a CPE dictionary (cpe-list in "
		    "%s), found %s", d->file,
		    root != NULL ? (int)xmlGetLineNo(root) : 0, CPE_NS_DICT,
		    root != NULL ? (const char *)root->name : "nothing");
		rc = KS_EPARSE;
		goto out;
	}
	for (n = root->children; n != NULL; n = n->next) {
		struct cpe_dict_item it;

		if (!is_elem(n, CPE_NS_DICT, "cpe-item"))
			continue;
		memset(&it, 0, sizeof(it));
		it.line = (int)xmlGetLineNo(n);
		it.name = get_attr(d, n, "name");
		if (it.name == NULL) {
			ks_warn("%s:%d: cpe-item without name ignored",
			    d->file, it.line);
			continue;
		}
		it.deprecated = xsd_true(get_attr(d, n, "deprecated"));
		it.deprecated_by = get_attr(d, n, "deprecated_by");
		parse_item_kids(d, n, &it);
		it.has_wfn = cpe_name_parse(&it.wfn, it.name) == 0;
		if (!it.has_wfn)
			ks_warn("%s:%d: cpe-item: %s", d->file, it.line,
			    ks_error_msg());
		if (it.name23 != NULL) {
			it.has_wfn23 = cpe_name_parse(&it.wfn23,
			    it.name23) == 0;
			if (!it.has_wfn23)
				ks_warn("%s:%d: cpe23-item: %s", d->file,
				    it.line, ks_error_msg());
		}
		if (!it.has_wfn && !it.has_wfn23) {
			/* Fail small: one bad item never hides the rest. */
			item_clear(&it);
			continue;
		}
		ks_grow(&d->items, &d->cap, d->nitems + 1, sizeof(*d->items));
		d->items[d->nitems++] = it;
		if (ks_map_get(d->by_name, it.name) == NULL &&
		    (rc = ks_map_put(d->by_name, it.name,
		    (void *)(uintptr_t)d->nitems)) != 0)
			goto out;
	}
	*out = d;
	d = NULL;
	rc = 0;
out:
	cpe_dict_free(d);
	return rc;
}

uint32_t
cpe_dict_count(const struct cpe_dict *d)
{
	return d != NULL ? d->nitems : 0;
}

const struct cpe_dict_item *
cpe_dict_item(const struct cpe_dict *d, uint32_t i)
{
	return d != NULL && i < d->nitems ? &d->items[i] : NULL;
}

const struct cpe_dict_item *
cpe_dict_find(const struct cpe_dict *d, const char *name)
{
	uintptr_t i;

	if (d == NULL || name == NULL)
		return NULL;
	i = (uintptr_t)ks_map_get(d->by_name, name);
	return i != 0 ? &d->items[i - 1] : NULL;
}

/* Length of the primary language subtag ("en" of "en-US"). */
static size_t
primary_len(const char *l)
{
	const char *dash = strchr(l, '-');

	return dash != NULL ? (size_t)(dash - l) : strlen(l);
}

const char *
cpe_dict_item_title(const struct cpe_dict_item *it, const char *lang)
{
	uint32_t i;

	if (it == NULL || it->ntitles == 0)
		return NULL;
	if (lang != NULL) {
		for (i = 0; i < it->ntitles; i++)
			if (it->titles[i].lang != NULL &&
			    strcasecmp(it->titles[i].lang, lang) == 0)
				return it->titles[i].text;
		for (i = 0; i < it->ntitles; i++) {
			const char *l = it->titles[i].lang;

			if (l != NULL && primary_len(l) == primary_len(lang) &&
			    strncasecmp(l, lang, primary_len(l)) == 0)
				return it->titles[i].text;
		}
	}
	return it->titles[0].text;
}

/* Three-valued OR accumulation: any true wins, else any error. */
struct acc {
	bool	 any_true;
	bool	 any_error;
	char	*msg;		/* the first error's message */
};

static void
acc_add(struct acc *a, enum cpe_result r, const char *msg)
{
	if (r == CPE_TRUE)
		a->any_true = true;
	else if (r == CPE_ERROR) {
		a->any_error = true;
		if (a->msg == NULL)
			a->msg = ks_strdup(msg != NULL ? msg : "");
	}
}

static enum cpe_result
acc_result(const struct acc *a)
{
	if (a->any_true)
		return CPE_TRUE;
	return a->any_error ? CPE_ERROR : CPE_FALSE;
}

/*
 * The item's checks, once per evaluation: true when an OVAL check is true,
 * error when none is and one failed, false otherwise (no OVAL check: no
 * way to decide, so the item does not apply).
 */
static void
item_eval(struct cpe_dict *d, struct cpe_dict_item *it, cpe_check_fn check,
    void *payload)
{
	struct acc a = { 0 };
	uint32_t i;

	if (it->memo_set)
		return;
	for (i = 0; i < it->nchecks; i++) {
		const struct cpe_dict_check *c = &it->checks[i];
		enum cpe_result r = CPE_ERROR;
		int rc;

		if (strcmp(c->system, XCCDF_OVAL_SYSTEM) != 0) {
			ks_debug("%s:%d: %s: check system %s not supported, "
			    "skipped", d->file, it->line, it->name,
			    c->system);
			continue;
		}
		ks_error_clear();
		rc = check(payload, d->ctx, c->system, c->href, c->name, &r);
		if (rc != 0 || r == CPE_ERROR) {
			char *m = ks_asprintf("CPE %s: check %s%s%s: %s",
			    it->name, c->name, c->href ? " in " : "",
			    c->href ? c->href : "", ks_error_msg()[0] ?
			    ks_error_msg() : "evaluation error");

			acc_add(&a, CPE_ERROR, m);
			free(m);
			continue;
		}
		acc_add(&a, r, NULL);
	}
	it->memo = acc_result(&a);
	it->memo_msg = a.msg;
	it->memo_set = true;
}

/* Forgets every memo when a new evaluation (check, payload) asks. */
static void
memo_reset(struct cpe_dict *d, cpe_check_fn check, void *payload)
{
	uint32_t i;

	if (d->memo_fn == check && d->memo_payload == payload)
		return;
	ks_map_foreach(d->memo, free_memo, NULL);
	ks_map_free(d->memo);
	if (ks_map_new(&d->memo) != 0)
		abort();	/* allocation failures abort anyway */
	for (i = 0; i < d->nitems; i++) {
		d->items[i].memo_set = false;
		free(d->items[i].memo_msg);
		d->items[i].memo_msg = NULL;
	}
	d->memo_fn = check;
	d->memo_payload = payload;
}

/* The name against one dictionary: every item it matches, OR-ed. */
static struct name_memo *
dict_eval(struct cpe_dict *d, const char *name, const struct cpe_name *wfn,
    cpe_check_fn check, void *payload)
{
	struct name_memo *m = ks_map_get(d->memo, name);
	struct acc a = { 0 };
	uint32_t i;

	if (m != NULL)
		return m;
	for (i = 0; i < d->nitems; i++) {
		struct cpe_dict_item *it = &d->items[i];

		/* SP 800-126 / NISTIR 7696: the platform name is the
		 * source, the dictionary item the target. */
		if (!(it->has_wfn && cpe_name_match(wfn, &it->wfn)) &&
		    !(it->has_wfn23 && cpe_name_match(wfn, &it->wfn23)))
			continue;
		item_eval(d, it, check, payload);
		acc_add(&a, it->memo, it->memo_msg);
	}
	m = ks_calloc(1, sizeof(*m));
	m->res = acc_result(&a);
	m->msg = a.msg;
	if (ks_map_put(d->memo, name, m) != 0) {
		free(m->msg);
		free(m);
		return NULL;
	}
	return m;
}

int
cpe_dicts_applicable(struct cpe_dict **dicts, uint32_t ndicts,
    const char *name, cpe_check_fn check, void *payload,
    enum cpe_result *res)
{
	struct cpe_name wfn;
	struct acc a = { 0 };
	uint32_t i;
	int rc;

	*res = CPE_ERROR;
	if ((rc = cpe_name_parse(&wfn, name)) != 0)
		return rc;
	for (i = 0; i < ndicts; i++) {
		struct name_memo *m;

		if (dicts[i] == NULL)
			continue;
		memo_reset(dicts[i], check, payload);
		m = dict_eval(dicts[i], name, &wfn, check, payload);
		if (m == NULL) {
			rc = KS_ERROR;
			goto out;
		}
		acc_add(&a, m->res, m->msg);
	}
	*res = acc_result(&a);
	if (*res == CPE_ERROR)
		ks_error_set("%s", a.msg);
	rc = 0;
out:
	free(a.msg);
	cpe_name_clear(&wfn);
	return rc;
}
