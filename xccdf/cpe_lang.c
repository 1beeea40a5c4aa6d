/*
 * The CPE applicability language (2.3, and the 2.0 platform-specification
 * SSG and XCCDF 1.1 use; both share one namespace): a platform's logical
 * tests evaluated three-valued over fact-refs (through the dictionaries)
 * and check-fact-refs (through the check callback). Names and
 * dictionaries are cpe_name.c's and cpe_dict.c's.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/tree.h>

#include "platform/base/base.h"
#include "xccdf/cpe_int.h"

/* Logical tests nest deeper than this only in hostile content. */
#define CPE_LANG_MAX_DEPTH	64

struct leval {
	struct cpe_dict	**dicts;
	uint32_t	 ndicts;
	cpe_check_fn	 check;
	void		*payload;
	char		*msg;		/* the first error's message */
};

static bool
is_lang(const xmlNode *n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && n->ns != NULL &&
	    n->ns->href != NULL &&
	    strcmp((const char *)n->ns->href, CPE_NS_LANG) == 0 &&
	    strcmp((const char *)n->name, name) == 0;
}

static const char *
doc_name(const xmlNode *n)
{
	return n->doc != NULL && n->doc->URL != NULL ?
	    (const char *)n->doc->URL : "(platform)";
}

static void lerr(struct leval *e, const xmlNode *n, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Records an error of element n (the first one is kept for the caller). */
static void
lerr(struct leval *e, const xmlNode *n, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;

	if (e->msg != NULL)
		return;
	va_start(ap, fmt);
	if (vsnprintf(msg, sizeof(msg), fmt, ap) < 0)
		msg[0] = '\0';
	va_end(ap);
	e->msg = ks_asprintf("%s:%ld: %s: %s", doc_name(n), xmlGetLineNo(n),
	    (const char *)n->name, msg);
}

/* An unqualified attribute copied out of libxml2 (caller frees), or NULL. */
static char *
get_attr(const xmlNode *n, const char *name)
{
	return ks_xml_take(xmlGetNoNsProp(n, (const xmlChar *)name));
}

static enum cpe_result
eval_fact_ref(struct leval *e, const xmlNode *n)
{
	enum cpe_result r = CPE_ERROR;
	char *name = get_attr(n, "name");
	int rc;

	if (name == NULL) {
		lerr(e, n, "no name attribute");
		return CPE_ERROR;
	}
	ks_error_clear();
	rc = cpe_dicts_applicable(e->dicts, e->ndicts, name, e->check,
	    e->payload, &r);
	if (rc != 0 || r == CPE_ERROR) {
		lerr(e, n, "%s", ks_error_msg()[0] ? ks_error_msg() :
		    "evaluation error");
		r = CPE_ERROR;
	}
	free(name);
	return r;
}

static enum cpe_result
eval_check_fact_ref(struct leval *e, const xmlNode *n)
{
	enum cpe_result r = CPE_ERROR;
	char *system = get_attr(n, "system"), *href = get_attr(n, "href");
	char *id = get_attr(n, "id-ref");
	int rc;

	if (system == NULL || id == NULL) {
		lerr(e, n, "system and id-ref are required");
		goto out;
	}
	/* The check's href is relative to the document holding the
	 * platform, not to a dictionary: ctx NULL. */
	ks_error_clear();
	rc = e->check(e->payload, NULL, system, href, id, &r);
	if (rc != 0 || r == CPE_ERROR) {
		lerr(e, n, "check %s: %s", id, ks_error_msg()[0] ?
		    ks_error_msg() : "evaluation error");
		r = CPE_ERROR;
	}
out:
	free(system);
	free(href);
	free(id);
	return r;
}

/*
 * One logical-test (CPE language 2.3 section 5.3, LogicalTestType): AND
 * is false when any operand is false, else error when any is error, else
 * true; OR is true when any is true, else error when any is error, else
 * false; negate swaps true and false and keeps error. An empty AND is
 * true and an empty OR false (the identities of the operators).
 */
static enum cpe_result
eval_test(struct leval *e, const xmlNode *t, int depth)
{
	char *op = get_attr(t, "operator"), *neg = get_attr(t, "negate");
	bool is_and, any_true = false, any_false = false, any_err = false;
	enum cpe_result r = CPE_ERROR;
	const xmlNode *k;

	if (depth > CPE_LANG_MAX_DEPTH) {
		lerr(e, t, "logical tests nested deeper than %d",
		    CPE_LANG_MAX_DEPTH);
		goto out;
	}
	if (op == NULL || (strcasecmp(op, "AND") != 0 &&
	    strcasecmp(op, "OR") != 0)) {
		lerr(e, t, "operator '%s' is not AND or OR", op ? op : "");
		goto out;
	}
	is_and = strcasecmp(op, "AND") == 0;
	for (k = t->children; k != NULL; k = k->next) {
		enum cpe_result kr;

		if (is_lang(k, "logical-test"))
			kr = eval_test(e, k, depth + 1);
		else if (is_lang(k, "fact-ref"))
			kr = eval_fact_ref(e, k);
		else if (is_lang(k, "check-fact-ref"))
			kr = eval_check_fact_ref(e, k);
		else
			continue;
		any_true |= kr == CPE_TRUE;
		any_false |= kr == CPE_FALSE;
		any_err |= kr == CPE_ERROR;
	}
	if (is_and)
		r = any_false ? CPE_FALSE : any_err ? CPE_ERROR : CPE_TRUE;
	else
		r = any_true ? CPE_TRUE : any_err ? CPE_ERROR : CPE_FALSE;
	if (neg != NULL && (strcmp(neg, "true") == 0 ||
	    strcmp(neg, "1") == 0) && r != CPE_ERROR)
		r = r == CPE_TRUE ? CPE_FALSE : CPE_TRUE;
out:
	free(op);
	free(neg);
	return r;
}

int
cpe_lang_eval(struct _xmlNode *platform, struct cpe_dict **dicts,
    uint32_t ndicts, cpe_check_fn check, void *payload,
    enum cpe_result *res)
{
	struct leval e = { .dicts = dicts, .ndicts = ndicts, .check = check,
	    .payload = payload };
	const xmlNode *k;

	*res = CPE_ERROR;
	if (platform == NULL || !is_lang(platform, "platform")) {
		ks_error_set("%s: expected a cpe-lang platform element",
		    platform != NULL ? doc_name(platform) : "(platform)");
		return KS_EPARSE;
	}
	for (k = platform->children; k != NULL; k = k->next)
		if (is_lang(k, "logical-test"))
			break;
	if (k == NULL) {
		char *id = get_attr(platform, "id");

		ks_error_set("%s:%ld: platform %s has no logical-test",
		    doc_name(platform), xmlGetLineNo(platform),
		    id != NULL ? id : "");
		free(id);
		return KS_EPARSE;
	}
	*res = eval_test(&e, k, 0);
	if (*res == CPE_ERROR)
		ks_error_set("%s", e.msg != NULL ? e.msg : "evaluation error");
	free(e.msg);
	return 0;
}

struct _xmlNode *
cpe_lang_find(struct _xmlNode *spec, const char *id)
{
	xmlNode *k;

	if (spec == NULL || id == NULL)
		return NULL;
	for (k = spec->children; k != NULL; k = k->next) {
		xmlChar *v;
		bool hit;

		if (!is_lang(k, "platform"))
			continue;
		v = xmlGetNoNsProp(k, (const xmlChar *)"id");
		hit = v != NULL && strcmp((const char *)v, id) == 0;
		xmlFree(v);
		if (hit)
			return k;
	}
	return NULL;
}
