/*
 * The XCCDF evaluation engine: chooses the checklist, applies tailoring and
 * the profile, decides CPE applicability, selects each rule's check, runs
 * every OVAL check in one pass and derives rule results and scores into a
 * struct xccdf_eval. Parsing the model, href resolution, the OVAL check
 * system and writing results are other files' work.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <libxml/tree.h>

#include "oval/oval.h"
#include "xccdf/xccdf_int.h"

/* Nesting cap for complex-checks and the item tree (hostile content). */
#define XEV_MAX_DEPTH	64

/* One leaf <check> of the check (tree) chosen for a rule. */
struct xev_leaf {
	const struct xccdf_check *chk;
	bool			 registered;	/* handed to xccdf_oval_add */
	enum xccdf_result	 result;	/* when not registered */
	const char		*msg;
	struct xccdf_resource	 res;
	const char		*href;
	const char		*name;		/* NULL: every definition */
};

/* What is to be done for one Rule. */
struct xev_plan {
	uint32_t		 item;
	bool			 check;		/* evaluate `top` */
	enum xccdf_result	 result;	/* decided without a check */
	const char		*msg;
	const struct xccdf_check *top;
	struct xev_leaf		*leaves;
	uint32_t		 nleaves;
	size_t			 cap;
	uint32_t		 ninline;	/* leaves with inline content */
};

/*
 * The evaluation with what only this file needs. xccdf_eval_run hands out
 * &x->pub; xccdf_eval_free and the accessors cast back (pub is first).
 */
struct xev {
	struct xccdf_eval	 pub;
	struct _xmlDoc		*tailoring_doc;
	const char		**titles;	/* by item index, interned */
	signed char		*applies;	/* by item: 0 ?, 1 yes, -1 no */
	struct ks_map		*platforms;	/* idref -> cpe_result + 1 */
	struct ks_map		*warned;	/* warnings given once */
	struct ks_map		*exported_set;
	size_t			 results_cap, exported_cap, dicts_cap;
	size_t			 met_cap;
	struct xccdf_eval_opts	 noopts;
};

static const char *
intern(struct xev *x, const char *s)
{
	if (s == NULL)
		return NULL;
	return ks_strpool_intern(x->pub.pool, s, strlen(s));
}

/* "2024-05-01T12:00:00Z" (UTC) interned. */
static const char *
now_iso(struct xev *x)
{
	char buf[32];
	struct tm tm;
	time_t t = time(NULL);

	if (gmtime_r(&t, &tm) == NULL ||
	    strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%SZ", &tm) == 0)
		return intern(x, "1970-01-01T00:00:00Z");
	return intern(x, buf);
}

/* Logs a warning the first time `key` is seen. */
static void
warn_once(struct xev *x, const char *key, const char *msg)
{
	if (ks_map_get(x->warned, key) != NULL)
		return;
	(void)ks_map_put(x->warned, key, (void *)1);
	ks_warn("%s", msg);
}

/* ---- CPE applicability --------------------------------------------------- */

/* cpe_check_fn: an OVAL check of a CPE dictionary entry or a cpe-lang
 * check-fact-ref, through the same OVAL check system the rules use. */
static int
cpe_check(void *payload, const void *ctx, const char *system,
    const char *href, const char *name, enum cpe_result *res)
{
	struct xev *x = payload;
	struct xccdf_resource r;
	const char *result = NULL, *klass = NULL;
	char *msg;
	int rc;

	*res = CPE_ERROR;
	if (system == NULL || strcmp(system, XCCDF_OVAL_SYSTEM) != 0) {
		msg = ks_asprintf("CPE check system '%s' is not supported",
		    system ? system : "");
		warn_once(x, msg, msg);
		free(msg);
		return 0;
	}
	memset(&r, 0, sizeof(r));
	rc = xccdf_content_resolve(x->pub.content, &x->pub.checklist, ctx,
	    href, &r);
	if (rc == 0)
		rc = xccdf_oval_add(x->pub.oval, &r, name, NULL, NULL, 0);
	if (rc == 0)
		rc = xccdf_oval_run(x->pub.oval);
	if (rc == 0)
		rc = xccdf_oval_result(x->pub.oval, &r, name, &result, &klass);
	if (rc < 0) {
		msg = ks_asprintf("CPE check %s#%s: %s", href ? href : "",
		    name ? name : "", ks_error_msg());
		warn_once(x, msg, msg);
		free(msg);
		return 0;
	}
	ks_debug("CPE check %s#%s: %s", href ? href : "", name ? name : "",
	    result ? result : "(none)");
	if (result != NULL && strcmp(result, "true") == 0)
		*res = CPE_TRUE;
	else if (result != NULL && strcmp(result, "false") == 0)
		*res = CPE_FALSE;
	return 0;
}

/*
 * One platform idref: "#id" names a cpe-lang platform of the benchmark's
 * platform-specification (XCCDF 1.2 section 6.2.5, CPE applicability
 * language); a "cpe:" name is looked up in the dictionaries (NISTIR 7696
 * matching, checks evaluated). A bare id that names a platform of the
 * specification is taken as one too (XCCDF 1.1 content). Memoised.
 */
static enum cpe_result
platform_eval(struct xev *x, const char *idref)
{
	struct xccdf_eval *e = &x->pub;
	enum cpe_result res = CPE_ERROR;
	struct _xmlNode *plat = NULL;
	void *memo;
	char *msg;
	int rc = 0;

	memo = ks_map_get(x->platforms, idref);
	if (memo != NULL)
		return (enum cpe_result)((uintptr_t)memo - 1);
	if (idref[0] == '#' || strncmp(idref, "cpe:", 4) != 0) {
		const char *id = idref[0] == '#' ? idref + 1 : idref;

		if (e->bench->platform_spec != NULL)
			plat = cpe_lang_find(e->bench->platform_spec, id);
	}
	if (plat != NULL) {
		rc = cpe_lang_eval(plat, e->dicts, e->ndicts, cpe_check, x,
		    &res);
	} else if (idref[0] == '#') {
		msg = ks_asprintf("platform '%s' is not in the benchmark's "
		    "platform-specification: not applicable", idref);
		warn_once(x, msg, msg);
		free(msg);
		res = CPE_FALSE;
	} else {
		rc = cpe_dicts_applicable(e->dicts, e->ndicts, idref,
		    cpe_check, x, &res);
	}
	if (rc < 0) {
		msg = ks_asprintf("platform '%s': %s", idref, ks_error_msg());
		warn_once(x, msg, msg);
		free(msg);
		res = CPE_ERROR;
	}
	ks_debug("platform %s: %s", idref, res == CPE_TRUE ? "applies" :
	    res == CPE_FALSE ? "does not apply" : "error");
	(void)ks_map_put(x->platforms, idref, (void *)(uintptr_t)(res + 1));
	/* TestResult/platform: "one instance of this property for every
	 * platform that the target system was found to meet" (XCCDF 1.2
	 * TestResult properties; xccdf_1.2.xsd testResultType). */
	if (res == CPE_TRUE) {
		ks_grow(&e->platforms_met, &x->met_cap, e->nplatforms_met + 1,
		    sizeof(*e->platforms_met));
		e->platforms_met[e->nplatforms_met++] = intern(x, idref);
	}
	return res;
}

/*
 * Whether item i applies: any of its platforms applies (no platform: it
 * applies), and so does its parent (a Rule in a Group or Benchmark that
 * does not apply is notapplicable). Memoised per item.
 */
static bool
item_applies(struct xev *x, uint32_t i, unsigned depth)
{
	const struct xccdf_item *it = &x->pub.bench->items[i];
	bool ok;
	uint32_t k;

	if (x->applies[i] != 0)
		return x->applies[i] > 0;
	ok = it->nplatforms == 0;
	for (k = 0; !ok && k < it->nplatforms; k++)
		ok = platform_eval(x, it->platforms[k]) == CPE_TRUE;
	if (ok && it->parent != XCCDF_NONE && it->parent < x->pub.bench->nitems
	    && depth < XEV_MAX_DEPTH * 4)
		ok = item_applies(x, it->parent, depth + 1);
	x->applies[i] = ok ? 1 : -1;
	return ok;
}

/*
 * The platforms of the profile. XCCDF 1.2 (NISTIR 7275 rev 4) gives a
 * Profile `platform` properties, "a target platform for this Profile"
 * (Profile properties; xccdf_1.2.xsd profileType), but its processing
 * model decides applicability only for the Benchmark, Groups and Rules
 * (platform properties of items, Rule results notapplicable) and the
 * Profile step applies only select, set-value and refine-*. So a profile's
 * platform is informative: each is evaluated like any platform (reported
 * in TestResult/platform when the target meets it), and when the profile
 * names platforms and none applies, one warning says so; the selection
 * and every rule result stay what they would be without it.
 */
static void
profile_platforms(struct xev *x)
{
	struct xccdf_eval *e = &x->pub;
	const struct xccdf_profile *pr = e->policy->profile;
	struct ks_buf names;
	bool any = false;

	e->profile_applicable = true;
	if (pr == NULL || pr->nplatforms == 0)
		return;
	ks_buf_init(&names, 1024);
	for (uint32_t k = 0; k < pr->nplatforms; k++) {
		if (platform_eval(x, pr->platforms[k]) == CPE_TRUE)
			any = true;
		if ((names.len > 0 && ks_buf_puts(&names, ", ") != 0) ||
		    ks_buf_puts(&names, pr->platforms[k]) != 0)
			ks_error_clear();	/* a long list is cut */
	}
	if (!any) {
		e->profile_applicable = false;
		ks_warn("profile '%s' targets %s, none of which applies to "
		    "the target; its rules are evaluated as selected (a "
		    "profile's platform is informative)", pr->id,
		    names.data != NULL ? names.data : "");
	}
	ks_buf_free(&names);
}

/* ---- selection ----------------------------------------------------------- */

static bool
id_in(const char *id, const char **list, uint32_t n)
{
	uint32_t k;

	for (k = 0; k < n; k++)
		if (list[k] != NULL && strcmp(list[k], id) == 0)
			return true;
	return false;
}

static bool
selected_id(const struct xccdf_eval *e, const char *id)
{
	uint32_t j = xccdf_bench_find(e->bench, id);

	return j != XCCDF_NONE && xccdf_policy_effective(e->policy, j);
}

/*
 * requires/conflicts (XCCDF 1.2 section 6.4.4.2, and the processing of
 * section 7.2.3: an item whose requires is not met or whose conflicts
 * names a selected item is treated as not selected). Each <requires>
 * lists alternatives, met when any one is selected. Applied to the item
 * and its ancestor groups. *why names the cause.
 */
static bool
deps_met(struct xev *x, uint32_t i, const char **why)
{
	const struct xccdf_eval *e = &x->pub;
	unsigned depth = 0;
	char *msg = NULL;

	while (i != XCCDF_NONE && i < e->bench->nitems &&
	    depth++ < XEV_MAX_DEPTH * 4) {
		const struct xccdf_item *it = &e->bench->items[i];
		uint32_t k, j;

		for (k = 0; msg == NULL && k < it->nrequires; k++) {
			bool met = false;

			for (j = 0; !met && j < it->requires[k].n; j++)
				met = selected_id(e, it->requires[k].v[j]);
			if (!met)
				msg = ks_asprintf("'%s' requires '%s', "
				    "which is not selected", it->id,
				    it->requires[k].n ?
				    it->requires[k].v[0] : "");
		}
		for (k = 0; msg == NULL && k < it->nconflicts; k++)
			if (selected_id(e, it->conflicts[k]))
				msg = ks_asprintf("'%s' conflicts with '%s', "
				    "which is selected", it->id,
				    it->conflicts[k]);
		if (msg != NULL) {
			*why = intern(x, msg);
			free(msg);
			return false;
		}
		i = it->parent;
	}
	return true;
}

/*
 * The check a rule is evaluated with (XCCDF 1.2 section 6.4.4.4 and the
 * checkType/@selector annotation): a complex-check when there is one;
 * else the <check>s whose selector equals the profile's refine-rule
 * selector, or when none does (or none is given), those without a
 * selector; among them the one of a supported system (OVAL), else the
 * first, which then comes out notchecked.
 */
static const struct xccdf_check *
choose_check(const struct xccdf_eval *e, uint32_t i)
{
	const struct xccdf_item *it = &e->bench->items[i];
	const char *sel = e->policy->rule_selector ?
	    e->policy->rule_selector[i] : NULL;
	const struct xccdf_check *first = NULL;
	int pass;
	uint32_t k;

	if (it->complex != NULL)
		return it->complex;
	for (pass = 0; pass < 2; pass++) {
		if (pass == 0 && (sel == NULL || sel[0] == '\0'))
			continue;
		for (k = 0; k < it->nchecks; k++) {
			const struct xccdf_check *c = &it->checks[k];
			const char *cs = c->selector ? c->selector : "";

			if (pass == 0 ? strcmp(cs, sel) != 0 : cs[0] != '\0')
				continue;
			if (c->system != NULL &&
			    strcmp(c->system, XCCDF_OVAL_SYSTEM) == 0)
				return c;
			if (first == NULL)
				first = c;
		}
		if (first != NULL)
			return first;
	}
	return NULL;
}

/* ---- planning: resolve and register every check -------------------------- */

static struct xev_leaf *
leaf_add(struct xev_plan *p, const struct xccdf_check *chk)
{
	struct xev_leaf *l;

	ks_grow(&p->leaves, &p->cap, p->nleaves + 1, sizeof(*p->leaves));
	l = &p->leaves[p->nleaves++];
	memset(l, 0, sizeof(*l));
	l->chk = chk;
	l->result = XCCDF_R_NOTCHECKED;
	return l;
}

static void
leaf_set(struct xev *x, struct xev_leaf *l, enum xccdf_result r,
    const char *msg)
{
	l->registered = false;
	l->result = r;
	l->msg = intern(x, msg);
}

/* Records a Value id exported to a check (first use order). */
static void
exported_add(struct xev *x, const char *value_id)
{
	struct xccdf_eval *e = &x->pub;
	const char *v = intern(x, value_id);

	if (ks_map_get(x->exported_set, v) != NULL)
		return;
	(void)ks_map_put(x->exported_set, v, (void *)1);
	ks_grow(&e->exported, &x->exported_cap, e->nexported + 1,
	    sizeof(*e->exported));
	e->exported[e->nexported++] = v;
}

/*
 * Inline check content of the OVAL check system: the oval_definitions
 * element inside <check-content>, which XCCDF 1.2 (checkContentType) calls
 * "the actual code of a check", passed to the checking engine as it is. It
 * becomes a resource of its own (keyed by its element, named after the
 * rule for results files), evaluated like a referenced document in the
 * same collection pass. KS_ENOTFOUND when it holds no oval_definitions.
 */
static int
leaf_inline(struct xev *x, struct xev_plan *p, struct xev_leaf *l)
{
	const char *rule = x->pub.bench->items[p->item].id;
	struct _xmlNode *n;
	char *name;

	for (n = l->chk->content->children; n != NULL; n = n->next)
		if (n->type == XML_ELEMENT_NODE && n->ns != NULL &&
		    xmlStrEqual(n->ns->href,
		    (const xmlChar *)XCCDF_OVAL_SYSTEM) &&
		    xmlStrEqual(n->name, (const xmlChar *)"oval_definitions"))
			break;
	if (n == NULL)
		return KS_ENOTFOUND;
	memset(&l->res, 0, sizeof(l->res));
	l->res.root = n;
	/* One name per inline document of the rule: results files. */
	name = p->ninline == 0 ? ks_asprintf("%s-check-content.xml", rule) :
	    ks_asprintf("%s-check-content-%u.xml", rule, p->ninline + 1);
	l->res.name = intern(x, name);
	free(name);
	p->ninline++;
	return 0;
}

/*
 * check-import (XCCDF 1.2 checkImportType): "the mapping from the values
 * of [@import-name] to specific checking system structures is beyond the
 * scope of the XCCDF specification", and neither SP 800-126 rev 3 nor the
 * OVAL specification names an import-name for the OVAL check system. So
 * nothing is imported: the rule result does not depend on it, the
 * rule-result's check records the check-import empty (its body holds the
 * imported value, here none), and one warning names each import-name.
 */
static void
imports_warn(struct xev *x, const struct xccdf_check *c)
{
	for (uint32_t k = 0; k < c->nimports; k++) {
		char *key = ks_asprintf("check-import %s", c->imports[k].name);
		char *msg = ks_asprintf("check-import '%s': the OVAL check "
		    "system defines no import-name; nothing is imported",
		    c->imports[k].name);

		warn_once(x, key, msg);
		free(key);
		free(msg);
	}
}

/*
 * Resolves the check-content-refs of one <check> in order (the first that
 * resolves is used: checkType/check-content-ref annotation), else takes its
 * inline check-content ("only if none of the references can be resolved",
 * checkType/check-content annotation), binds its check-exports and
 * registers it with the OVAL check system. A problem becomes the leaf's
 * result and message.
 */
static void
leaf_prepare(struct xev *x, struct xev_plan *p, struct xev_leaf *l)
{
	struct xccdf_eval *e = &x->pub;
	const struct xccdf_check *c = l->chk;
	const char **names = NULL, **values = NULL;
	char *msg = NULL;
	uint32_t k;
	int rc;

	if (c->system == NULL || strcmp(c->system, XCCDF_OVAL_SYSTEM) != 0) {
		msg = ks_asprintf("check system %s is not supported",
		    c->system ? c->system : "(none)");
		leaf_set(x, l, XCCDF_R_NOTCHECKED, msg);
		goto out;
	}
	imports_warn(x, c);
	if (c->nrefs == 0 && c->content == NULL) {
		leaf_set(x, l, XCCDF_R_NOTCHECKED,
		    "the check has no check-content-ref");
		goto out;
	}
	rc = KS_ENOTFOUND;
	for (k = 0; k < c->nrefs; k++) {
		const char *href = c->refs[k].href ? c->refs[k].href : "";

		memset(&l->res, 0, sizeof(l->res));
		rc = xccdf_content_resolve(e->content, &e->checklist, NULL,
		    href, &l->res);
		if (rc == 0) {
			l->href = intern(x, href);
			l->name = intern(x, c->refs[k].name);
			break;
		}
		free(msg);
		msg = ks_asprintf("%s", ks_error_msg());
		if (rc == KS_EUNSUPPORTED) {
			char *key = ks_asprintf("href %s", href);

			warn_once(x, key, msg);
			free(key);
		}
	}
	if (rc != 0 && c->content != NULL) {
		if (leaf_inline(x, p, l) == 0) {
			rc = 0;
		} else if (c->nrefs == 0) {
			free(msg);
			msg = ks_strdup("the inline check-content holds no "
			    "oval_definitions document");
		}
	}
	if (rc != 0) {
		/* KS_ERROR: a remote resource that could not be fetched (or
		 * read), an error of the rule; content that is not there or
		 * not supported is not checked. */
		leaf_set(x, l, rc == KS_ERROR ? XCCDF_R_ERROR :
		    XCCDF_R_NOTCHECKED, msg);
		goto out;
	}
	free(msg);
	msg = NULL;
	if (c->nexports > 0) {
		names = ks_calloc(c->nexports, sizeof(*names));
		values = ks_calloc(c->nexports, sizeof(*values));
	}
	for (k = 0; k < c->nexports; k++) {
		const char *vid = c->exports[k].value_id;
		uint32_t vi = vid ? xccdf_bench_find(e->bench, vid) :
		    XCCDF_NONE;

		if (vi == XCCDF_NONE ||
		    e->bench->items[vi].type != XCCDF_ITEM_VALUE) {
			msg = ks_asprintf("check-export names Value '%s', "
			    "which the benchmark does not have",
			    vid ? vid : "");
			leaf_set(x, l, XCCDF_R_ERROR, msg);
			goto out;
		}
		names[k] = c->exports[k].export_name;
		values[k] = e->policy->value[vi] ? e->policy->value[vi] : "";
		exported_add(x, vid);
	}
	rc = xccdf_oval_add(e->oval, &l->res, l->name, names, values,
	    c->nexports);
	if (rc < 0) {
		leaf_set(x, l, XCCDF_R_ERROR, ks_error_msg());
		goto out;
	}
	l->registered = true;
out:
	free(names);
	free(values);
	free(msg);
}

static void
plan_leaves(struct xev *x, struct xev_plan *p, const struct xccdf_check *c,
    unsigned depth)
{
	uint32_t k;

	if (c->op == XCCDF_CC_NONE) {
		leaf_prepare(x, p, leaf_add(p, c));
		return;
	}
	if (depth > XEV_MAX_DEPTH) {
		leaf_set(x, leaf_add(p, c), XCCDF_R_ERROR,
		    "complex-check nested too deeply");
		return;
	}
	for (k = 0; k < c->nkids; k++)
		plan_leaves(x, p, &c->kids[k], depth + 1);
}

/* Decides what to do with Rule i. */
static void
plan_rule(struct xev *x, struct xev_plan *p, uint32_t i)
{
	struct xccdf_eval *e = &x->pub;
	const struct xccdf_eval_opts *o = e->opts;
	const struct xccdf_item *it = &e->bench->items[i];
	const char *why = NULL;

	memset(p, 0, sizeof(*p));
	p->item = i;
	p->result = XCCDF_R_NOTSELECTED;
	if (!xccdf_policy_effective(e->policy, i))
		return;
	if (o->nrules > 0 && !id_in(it->id, o->rules, o->nrules))
		return;
	if (id_in(it->id, o->skip_rules, o->nskip_rules))
		return;
	if (!deps_met(x, i, &why)) {
		p->msg = why;
		return;
	}
	if (!item_applies(x, i, 0)) {
		p->result = XCCDF_R_NOTAPPLICABLE;
		return;
	}
	/* role unchecked: "do not check this rule" (section 6.4.4.4). */
	if (e->policy->role[i] == XCCDF_ROLE_UNCHECKED) {
		p->result = XCCDF_R_NOTCHECKED;
		p->msg = intern(x, "the rule's role is unchecked");
		return;
	}
	p->top = choose_check(e, i);
	if (p->top == NULL) {
		p->result = XCCDF_R_NOTCHECKED;
		p->msg = intern(x, "the rule has no check");
		return;
	}
	p->check = true;
	plan_leaves(x, p, p->top, 0);
}

/* ---- deriving results ---------------------------------------------------- */

struct id_list {
	const char	**v;
	uint32_t	 n;
	size_t		 cap;
	struct xev	*x;
};

static int
collect_id(const char *id, void *payload)
{
	struct id_list *l = payload;

	ks_grow(&l->v, &l->cap, l->n + 1, sizeof(*l->v));
	l->v[l->n++] = intern(l->x, id);
	return 0;
}

/* The XCCDF result of one definition of a registered leaf. */
static enum xccdf_result
def_result(struct xev *x, struct xev_leaf *l, const char *name,
    const char **msg)
{
	const char *result = NULL, *klass = NULL;

	if (xccdf_oval_result(x->pub.oval, &l->res, name, &result,
	    &klass) < 0) {
		*msg = intern(x, ks_error_msg());
		return XCCDF_R_ERROR;
	}
	return xccdf_result_from_oval(result, klass);
}

/* Every definition of a name-less ref, in document order. */
static int
leaf_defs(struct xev *x, struct xev_leaf *l, struct id_list *ids,
    const char **msg)
{
	memset(ids, 0, sizeof(*ids));
	ids->x = x;
	if (xccdf_oval_foreach_def(x->pub.oval, &l->res, collect_id,
	    ids) < 0) {
		*msg = intern(x, ks_error_msg());
		return KS_ERROR;
	}
	return 0;
}

/*
 * The result of a leaf: one definition, or (name-less ref without
 * multi-check) the AND of every definition of the document (checkType
 * @multi-check annotation). negate applies after.
 */
static enum xccdf_result
leaf_result(struct xev *x, struct xev_leaf *l, const char **msg)
{
	enum xccdf_result r;
	struct id_list ids;
	uint32_t k;

	if (!l->registered) {
		*msg = l->msg;
		return l->chk->negate ? xccdf_result_negate(l->result) :
		    l->result;
	}
	if (l->name != NULL) {
		r = def_result(x, l, l->name, msg);
	} else if (leaf_defs(x, l, &ids, msg) < 0) {
		r = XCCDF_R_ERROR;
	} else {
		r = XCCDF_R_NOTCHECKED;
		if (ids.n == 0)
			*msg = intern(x, "the check content has no "
			    "definitions");
		for (k = 0; k < ids.n; k++) {
			enum xccdf_result d = def_result(x, l, ids.v[k], msg);

			r = k == 0 ? d : xccdf_result_and(r, d);
		}
		free(ids.v);
	}
	return l->chk->negate ? xccdf_result_negate(r) : r;
}

/* Combines a (complex) check tree over the leaves in planning order. */
static enum xccdf_result
check_result(struct xev *x, struct xev_plan *p, const struct xccdf_check *c,
    uint32_t *next, unsigned depth, const char **msg)
{
	enum xccdf_result r = XCCDF_R_NOTCHECKED;
	uint32_t k;

	if (c->op == XCCDF_CC_NONE || depth > XEV_MAX_DEPTH) {
		if (*next >= p->nleaves)
			return XCCDF_R_ERROR;
		return leaf_result(x, &p->leaves[(*next)++], msg);
	}
	for (k = 0; k < c->nkids; k++) {
		const char *m = NULL;
		enum xccdf_result kr = check_result(x, p, &c->kids[k], next,
		    depth + 1, &m);

		if (*msg == NULL)
			*msg = m;
		if (k == 0)
			r = kr;
		else if (c->op == XCCDF_CC_AND)
			r = xccdf_result_and(r, kr);
		else
			r = xccdf_result_or(r, kr);
	}
	return c->negate ? xccdf_result_negate(r) : r;
}

static struct xccdf_rule_result *
result_add(struct xev *x, const struct xev_plan *p, enum xccdf_result r,
    const char *msg)
{
	struct xccdf_eval *e = &x->pub;
	struct xccdf_rule_result *rr;

	ks_grow(&e->results, &x->results_cap, e->nresults + 1,
	    sizeof(*e->results));
	rr = &e->results[e->nresults++];
	memset(rr, 0, sizeof(*rr));
	rr->item = p->item;
	rr->result = r;
	rr->check = p->top;
	rr->message = msg;
	rr->time = now_iso(x);
	return rr;
}

static void
announce(struct xev *x)
{
	const struct xccdf_eval_opts *o = x->pub.opts;

	if (o->on_result != NULL)
		o->on_result(&x->pub, x->pub.nresults - 1, o->payload);
}

static void
plan_results(struct xev *x, struct xev_plan *p)
{
	struct xccdf_rule_result *rr;
	const char *msg = NULL;
	enum xccdf_result r;
	uint32_t next = 0, k;

	if (!p->check) {
		result_add(x, p, p->result, p->msg);
		announce(x);
		return;
	}
	/* multi-check="true" with a name-less ref: one result per
	 * definition, the definition id as instance (checkType annotation). */
	if (p->top->op == XCCDF_CC_NONE && p->top->multi_check &&
	    p->nleaves == 1 && p->leaves[0].registered &&
	    p->leaves[0].name == NULL) {
		struct xev_leaf *l = &p->leaves[0];
		struct id_list ids;

		if (leaf_defs(x, l, &ids, &msg) == 0 && ids.n > 0) {
			for (k = 0; k < ids.n; k++) {
				msg = NULL;
				r = def_result(x, l, ids.v[k], &msg);
				if (l->chk->negate)
					r = xccdf_result_negate(r);
				rr = result_add(x, p, r, msg);
				rr->instance = ids.v[k];
				rr->href = l->href;
				rr->name = ids.v[k];
				announce(x);
			}
			free(ids.v);
			return;
		}
		free(ids.v);
		result_add(x, p, msg ? XCCDF_R_ERROR : XCCDF_R_NOTCHECKED,
		    msg ? msg : intern(x, "the check content has no "
		    "definitions"));
		announce(x);
		return;
	}
	r = check_result(x, p, p->top, &next, 0, &msg);
	/* A complex-check decided by its other children: the reason one
	 * child was not checked does not explain a pass or a fail. */
	if (p->top->op != XCCDF_CC_NONE &&
	    (r == XCCDF_R_PASS || r == XCCDF_R_FAIL))
		msg = NULL;
	rr = result_add(x, p, r, msg);
	if (p->top->op == XCCDF_CC_NONE && p->nleaves == 1) {
		rr->href = p->leaves[0].href;
		rr->name = p->leaves[0].name;
	}
	announce(x);
}

/* ---- the run ------------------------------------------------------------- */

static int
dict_cb(struct _xmlNode *root, const void *ctx, void *payload)
{
	struct xev *x = payload;
	struct xccdf_eval *e = &x->pub;
	struct cpe_dict *d = NULL;
	int rc;

	rc = cpe_dict_parse(&d, root, xccdf_content_path(e->content), ctx);
	if (rc < 0)
		return rc;
	ks_grow(&e->dicts, &x->dicts_cap, e->ndicts + 1, sizeof(*e->dicts));
	e->dicts[e->ndicts++] = d;
	return 0;
}

static bool
is_tailoring(const struct _xmlNode *n)
{
	return n != NULL && n->type == XML_ELEMENT_NODE &&
	    xmlStrcmp(n->name, (const xmlChar *)"Tailoring") == 0 &&
	    n->ns != NULL && n->ns->href != NULL &&
	    xmlStrcmp(n->ns->href, (const xmlChar *)XCCDF_NS_12) == 0;
}

static int
apply_tailoring(struct xev *x)
{
	struct xccdf_eval *e = &x->pub;
	const char *file = e->opts->tailoring_file;
	struct _xmlNode *root;
	int rc;

	if (file == NULL) {
		if (e->checklist.tailoring == NULL)
			return 0;
		return xccdf_bench_add_tailoring(e->bench,
		    e->checklist.tailoring, xccdf_content_path(e->content));
	}
	rc = ks_xml_doc_read_file(&x->tailoring_doc, file);
	if (rc < 0)
		return rc;
	root = xmlDocGetRootElement(x->tailoring_doc);
	if (!is_tailoring(root)) {
		ks_error_set("%s: not an XCCDF 1.2 Tailoring document "
		    "(root element '%s')", file,
		    root ? (const char *)root->name : "");
		return KS_EUNSUPPORTED;
	}
	return xccdf_bench_add_tailoring(e->bench, root, file);
}

/* Every --rule must name a Rule of the benchmark; --skip-rule only warns. */
static int
check_rule_filters(struct xev *x)
{
	const struct xccdf_eval *e = &x->pub;
	const struct xccdf_eval_opts *o = e->opts;
	uint32_t k, i;

	for (k = 0; k < o->nrules; k++) {
		i = o->rules[k] ? xccdf_bench_find(e->bench, o->rules[k]) :
		    XCCDF_NONE;
		if (i == XCCDF_NONE ||
		    e->bench->items[i].type != XCCDF_ITEM_RULE) {
			ks_error_set("%s: no rule '%s' in benchmark '%s'",
			    e->bench->file ? e->bench->file : "",
			    o->rules[k] ? o->rules[k] : "",
			    e->bench->id ? e->bench->id : "");
			return KS_ENOTFOUND;
		}
	}
	for (k = 0; k < o->nskip_rules; k++) {
		i = o->skip_rules[k] ?
		    xccdf_bench_find(e->bench, o->skip_rules[k]) : XCCDF_NONE;
		if (i == XCCDF_NONE ||
		    e->bench->items[i].type != XCCDF_ITEM_RULE)
			ks_warn("--skip-rule: no rule '%s' in benchmark",
			    o->skip_rules[k] ? o->skip_rules[k] : "");
	}
	return 0;
}

/* Rules in document order: a pre-order walk of the item tree. Abstract
 * items are templates for `extends`, never evaluated. */
static void
walk(struct xev *x, uint32_t i, unsigned depth, struct xev_plan **plans,
    uint32_t *nplans, size_t *cap)
{
	const struct xccdf_item *it = &x->pub.bench->items[i];
	uint32_t k;

	if (it->abstract || depth > XEV_MAX_DEPTH * 4)
		return;
	if (it->type == XCCDF_ITEM_RULE) {
		ks_grow(plans, cap, *nplans + 1, sizeof(**plans));
		plan_rule(x, &(*plans)[(*nplans)++], i);
		return;
	}
	if (it->type == XCCDF_ITEM_VALUE)
		return;
	for (k = 0; k < it->nkids; k++)
		if (it->kids[k] < x->pub.bench->nitems)
			walk(x, it->kids[k], depth + 1, plans, nplans, cap);
}

static void
compute_scores(struct xev *x)
{
	struct xccdf_eval *e = &x->pub;
	static const char *deflt[] = { XCCDF_SCORE_DEFAULT };
	const char **models = e->bench->nmodels ? e->bench->models : deflt;
	uint32_t n = e->bench->nmodels ? e->bench->nmodels : 1, k;

	e->scores = ks_calloc(n, sizeof(*e->scores));
	for (k = 0; k < n; k++) {
		struct xccdf_score s;

		if (xccdf_score_compute(e, models[k], &s) < 0) {
			ks_warn("%s: scoring model '%s' is not supported, "
			    "skipped", e->bench->id ? e->bench->id : "",
			    models[k] ? models[k] : "");
			continue;
		}
		e->scores[e->nscores++] = s;
	}
}

static void
titles_fill(struct xev *x)
{
	struct xccdf_eval *e = &x->pub;
	uint32_t k;

	x->titles = ks_calloc(e->bench->nitems, sizeof(*x->titles));
	for (k = 0; k < e->nresults; k++) {
		uint32_t i = e->results[k].item;
		char *t;

		if (x->titles[i] != NULL)
			continue;
		t = xccdf_item_title(e->bench, e->policy, i, e->opts->lang);
		x->titles[i] = t ? intern(x, t) : "";
		free(t);
	}
}

int
xccdf_eval_run(struct xccdf_eval **out, struct xccdf_content *c,
    struct plat_target *target, const struct xccdf_eval_opts *opts)
{
	struct xev_plan *plans = NULL;
	uint32_t nplans = 0, k, j;
	size_t plans_cap = 0;
	struct xccdf_eval *e;
	struct xev *x;
	bool any = false;
	int rc = KS_ERROR;

	*out = NULL;
	x = ks_calloc(1, sizeof(*x));
	e = &x->pub;
	e->content = c;
	e->target = target;
	e->opts = opts ? opts : &x->noopts;
	if ((rc = ks_strpool_new(&e->pool)) < 0 ||
	    (rc = ks_map_new(&x->platforms)) < 0 ||
	    (rc = ks_map_new(&x->warned)) < 0 ||
	    (rc = ks_map_new(&x->exported_set)) < 0)
		goto out;
	e->start_time = now_iso(x);

	if ((rc = xccdf_content_checklist(c, e->opts, &e->checklist)) < 0)
		goto out;
	/* The data stream's OVAL loads beside the benchmark's reading. */
	if ((rc = xccdf_oval_new(&e->oval, target, e->opts)) < 0)
		goto out;
	xccdf_oval_prefetch(e->oval, c, &e->checklist);
	/* A remote checklist's messages name its URL, not the stream. */
	if ((rc = xccdf_bench_parse(&e->bench, e->checklist.benchmark,
	    e->checklist.base_url != NULL ? e->checklist.base_url :
	    xccdf_content_path(c))) < 0)
		goto out;
	if (e->bench->nitems == 0) {
		ks_error_set("%s: empty benchmark", xccdf_content_path(c));
		rc = KS_EPARSE;
		goto out;
	}
	if ((rc = apply_tailoring(x)) < 0)
		goto out;
	if ((rc = xccdf_policy_new(&e->policy, e->bench, e->opts->profile)) < 0)
		goto out;
	if ((rc = check_rule_filters(x)) < 0)
		goto out;
	if ((rc = xccdf_content_foreach_dict(c, &e->checklist, dict_cb,
	    x)) < 0)
		goto out;
	x->applies = ks_calloc(e->bench->nitems, sizeof(*x->applies));
	e->bench_applicable = item_applies(x, 0, 0);
	profile_platforms(x);

	/* Pass 1: decide every rule and register every check, so that the
	 * OVAL check system collects each object once for all of them. */
	walk(x, 0, 0, &plans, &nplans, &plans_cap);
	for (k = 0; k < nplans; k++)
		for (j = 0; j < plans[k].nleaves; j++)
			any = any || plans[k].leaves[j].registered;
	/* Pass 2: one collection and evaluation. */
	if (any && xccdf_oval_run(e->oval) < 0) {
		const char *msg = intern(x, ks_error_msg());

		for (k = 0; k < nplans; k++)
			for (j = 0; j < plans[k].nleaves; j++)
				if (plans[k].leaves[j].registered)
					leaf_set(x, &plans[k].leaves[j],
					    XCCDF_R_ERROR, msg);
	}
	/* Pass 3: results in document order. */
	for (k = 0; k < nplans; k++)
		plan_results(x, &plans[k]);
	compute_scores(x);
	titles_fill(x);
	e->end_time = now_iso(x);
	/* Components no rule asked for may still be loading; the outputs
	 * move the DOM they read. */
	xccdf_oval_prefetch_end(e->oval);
	rc = 0;
out:
	for (k = 0; k < nplans; k++)
		free(plans[k].leaves);
	free(plans);
	if (rc < 0) {
		xccdf_eval_free(e);
		return rc;
	}
	*out = e;
	return 0;
}

void
xccdf_eval_free(struct xccdf_eval *e)
{
	struct xev *x = (struct xev *)e;
	uint32_t k;

	if (e == NULL)
		return;
	xccdf_oval_free(e->oval);
	for (k = 0; k < e->ndicts; k++)
		cpe_dict_free(e->dicts[k]);
	free(e->dicts);
	xccdf_policy_free(e->policy);
	xccdf_bench_free(e->bench);
	if (x->tailoring_doc != NULL)
		xmlFreeDoc(x->tailoring_doc);
	free(e->results);
	free(e->scores);
	free(e->exported);
	free(e->platforms_met);
	free(x->titles);
	free(x->applies);
	ks_map_free(x->platforms);
	ks_map_free(x->warned);
	ks_map_free(x->exported_set);
	ks_strpool_free(e->pool);
	free(x);
}

/* ---- reading the outcome ------------------------------------------------- */

uint32_t
xccdf_eval_count(const struct xccdf_eval *e)
{
	return e ? e->nresults : 0;
}

void
xccdf_eval_rule(const struct xccdf_eval *e, uint32_t i,
    struct xccdf_eval_rule *out)
{
	const struct xev *x = (const struct xev *)e;
	const struct xccdf_rule_result *rr;
	const struct xccdf_item *it;

	memset(out, 0, sizeof(*out));
	if (e == NULL || i >= e->nresults)
		return;
	rr = &e->results[i];
	it = &e->bench->items[rr->item];
	out->rule_id = it->id;
	out->title = x->titles ? x->titles[rr->item] : NULL;
	out->severity = xccdf_severity_name(e->policy ?
	    e->policy->severity[rr->item] : it->severity);
	out->ident = it->nidents > 0 ? it->idents[0].value : NULL;
	out->result = rr->result;
	out->instance = rr->instance;
	out->message = rr->message;
}

void
xccdf_eval_counts(const struct xccdf_eval *e, uint32_t counts[XCCDF_R_COUNT])
{
	uint32_t k;

	memset(counts, 0, sizeof(uint32_t) * XCCDF_R_COUNT);
	if (e == NULL)
		return;
	for (k = 0; k < e->nresults; k++)
		if ((unsigned)e->results[k].result < XCCDF_R_COUNT)
			counts[e->results[k].result]++;
}

double
xccdf_eval_score(const struct xccdf_eval *e, double *max)
{
	struct xccdf_score s;

	if (e != NULL && e->nscores > 0) {
		if (max != NULL)
			*max = e->scores[0].max;
		return e->scores[0].score;
	}
	/* every model the benchmark names was unknown: the default one */
	if (e == NULL || xccdf_score_compute(e, XCCDF_SCORE_DEFAULT, &s) < 0)
		s.score = s.max = 0.0;
	if (max != NULL)
		*max = s.max;
	return s.score;
}

int
xccdf_eval_exit_code(const struct xccdf_eval *e)
{
	uint32_t k;

	if (e == NULL)
		return 0;
	for (k = 0; k < e->nresults; k++)
		switch (e->results[k].result) {
		case XCCDF_R_FAIL:
		case XCCDF_R_ERROR:
		case XCCDF_R_UNKNOWN:
			return 2;
		default:
			break;
		}
	return 0;
}
