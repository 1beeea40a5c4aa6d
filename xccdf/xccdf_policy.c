/*
 * A profile applied to a parsed benchmark (XCCDF 1.2 sections 6.5 and
 * 7.2.3): selection, refined weights/severities/roles/check selectors and
 * each Value's effective value and operator. It does not evaluate
 * anything (xccdf_eval.c) and never changes the benchmark.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "platform/base/base.h"
#include "xccdf/xccdf_int.h"
#include "xccdf/xccdf_parse_int.h"

#define LIST_MAX 3000	/* profile list in messages, bytes */

/* "id1, id2, ..." of the benchmark's profiles, capped. */
static char *
profile_list(const struct xccdf_bench *b, const char *name, bool matching)
{
	struct ks_buf m;
	size_t nl = name != NULL ? strlen(name) : 0;
	uint32_t i, n = 0;

	ks_buf_init(&m, LIST_MAX + 64);
	for (i = 0; i < b->nprofiles; i++) {
		const char *id = b->profiles[i].id;
		size_t il = strlen(id);

		if (matching && !(il > nl && id[il - nl - 1] == '_' &&
		    strcmp(id + il - nl, name) == 0))
			continue;
		if (m.len > LIST_MAX) {
			(void)ks_buf_puts(&m, ", ...");
			break;
		}
		if (n++ > 0)
			(void)ks_buf_puts(&m, ", ");
		(void)ks_buf_puts(&m, id);
	}
	if (n == 0)
		(void)ks_buf_puts(&m, "(none)");
	return ks_buf_steal(&m);
}

/*
 * `--profile` lookup as oscap does it: the exact id, else the one profile
 * whose id ends with "_" + name (xccdf_org.ssgproject.content_profile_
 * standard for "standard").
 */
static int
find_profile(const struct xccdf_bench *b, const char *name,
    const struct xccdf_profile **out)
{
	const struct xccdf_profile *hit = NULL;
	size_t nl = strlen(name);
	uint32_t i, nhit = 0;
	char *list;

	*out = xccdf_bench_profile(b, name);
	if (*out == NULL) {
		for (i = 0; i < b->nprofiles; i++) {
			const char *id = b->profiles[i].id;
			size_t il = strlen(id);

			if (il > nl && id[il - nl - 1] == '_' &&
			    strcmp(id + il - nl, name) == 0) {
				hit = &b->profiles[i];
				nhit++;
			}
		}
		if (nhit > 1) {
			list = profile_list(b, name, true);
			ks_error_set("profile '%s' is ambiguous: %s", name,
			    list);
			free(list);
			return KS_ENOTFOUND;
		}
		if (nhit == 0) {
			list = profile_list(b, NULL, false);
			ks_error_set("no profile '%s' in benchmark %s; "
			    "profiles: %s", name, b->id, list);
			free(list);
			return KS_ENOTFOUND;
		}
		*out = hit;
	}
	if ((*out)->abstract) {
		ks_error_set("profile '%s' is abstract and cannot be chosen",
		    (*out)->id);
		*out = NULL;
		return KS_ERROR;
	}
	return 0;
}

/* Calls fn(item) for the item with id idref and for every item whose
 * cluster-id is idref (XCCDF 1.2 section 6.5.3: select, refine-rule). */
static void
each_target(const struct xccdf_bench *b, bool clusters, const char *idref,
    void (*fn)(struct xccdf_policy *, uint32_t, const void *),
    struct xccdf_policy *p, const void *arg)
{
	uint32_t i = xccdf_bench_find(b, idref);

	if (i != XCCDF_NONE)
		fn(p, i, arg);
	if (!clusters)
		return;
	for (i = 0; i < b->nitems; i++)
		if (b->items[i].cluster_id != NULL &&
		    strcmp(b->items[i].cluster_id, idref) == 0 &&
		    strcmp(b->items[i].id, idref) != 0)
			fn(p, i, arg);
}

static void
do_select(struct xccdf_policy *p, uint32_t i, const void *arg)
{
	const struct xccdf_select *s = arg;

	if (p->bench->items[i].type == XCCDF_ITEM_GROUP ||
	    p->bench->items[i].type == XCCDF_ITEM_RULE)
		p->selected[i] = s->selected;
}

/* refine-rule (section 6.5.5): weight for Groups and Rules; severity,
 * role and the check selector for Rules. */
static void
do_refine_rule(struct xccdf_policy *p, uint32_t i, const void *arg)
{
	const struct xccdf_refine_rule *r = arg;
	enum xccdf_item_type t = p->bench->items[i].type;

	if (t != XCCDF_ITEM_GROUP && t != XCCDF_ITEM_RULE)
		return;
	if (r->has_weight)
		p->weight[i] = r->weight;
	if (t != XCCDF_ITEM_RULE)
		return;
	if (r->has_severity)
		p->severity[i] = r->severity;
	if (r->has_role)
		p->role[i] = r->role;
	if (r->selector != NULL)
		p->rule_selector[i] = r->selector;
}

int
xccdf_policy_new(struct xccdf_policy **out, const struct xccdf_bench *b,
    const char *profile)
{
	const struct xccdf_profile *pr = NULL;
	struct xccdf_policy *p;
	bool clusters = false;
	uint32_t i, n = b->nitems;
	int rc;

	*out = NULL;
	if (profile != NULL && *profile != '\0' &&
	    strcmp(profile, "(default)") != 0 &&
	    (rc = find_profile(b, profile, &pr)) != 0)
		return rc;

	p = ks_calloc(1, sizeof(*p));
	p->bench = b;
	p->profile = pr;
	n = n ? n : 1;
	p->selected = ks_calloc(n, sizeof(*p->selected));
	p->weight = ks_calloc(n, sizeof(*p->weight));
	p->severity = ks_calloc(n, sizeof(*p->severity));
	p->role = ks_calloc(n, sizeof(*p->role));
	p->rule_selector = ks_calloc(n, sizeof(*p->rule_selector));
	p->value = ks_calloc(n, sizeof(*p->value));
	p->vop = ks_calloc(n, sizeof(*p->vop));
	p->value_selector = ks_calloc(n, sizeof(*p->value_selector));
	p->value_set = ks_calloc(n, sizeof(*p->value_set));
	for (i = 0; i < b->nitems; i++) {
		const struct xccdf_item *it = &b->items[i];

		p->selected[i] = it->type == XCCDF_ITEM_BENCHMARK ||
		    it->selected;
		p->weight[i] = it->weight;
		p->severity[i] = it->severity;
		p->role[i] = it->role;
		p->vop[i] = it->vop;
		if (it->cluster_id != NULL)
			clusters = true;
	}

	/* Section 7.2.3: the profile's entries in order, later ones win
	 * (inherited entries came first when the profile was resolved). */
	if (pr != NULL) {
		for (i = 0; i < pr->nselects; i++)
			each_target(b, clusters, pr->selects[i].idref,
			    do_select, p, &pr->selects[i]);
		for (i = 0; i < pr->nrefine_rules; i++)
			each_target(b, clusters, pr->refine_rules[i].idref,
			    do_refine_rule, p, &pr->refine_rules[i]);
		for (i = 0; i < pr->nrefine_values; i++) {
			const struct xccdf_refine_value *r =
			    &pr->refine_values[i];
			uint32_t v = xccdf_bench_find(b, r->idref);

			if (v == XCCDF_NONE ||
			    b->items[v].type != XCCDF_ITEM_VALUE) {
				ks_warn("profile %s: refine-value of unknown "
				    "Value '%s' ignored", pr->id, r->idref);
				continue;
			}
			if (r->selector != NULL)
				p->value_selector[v] = r->selector;
			if (r->has_op)
				p->vop[v] = r->op;
		}
		for (i = 0; i < pr->nset_values; i++) {
			const struct xccdf_set_value *s = &pr->set_values[i];
			uint32_t v = xccdf_bench_find(b, s->idref);

			if (v == XCCDF_NONE ||
			    b->items[v].type != XCCDF_ITEM_VALUE) {
				ks_warn("profile %s: set-value of unknown "
				    "Value '%s' ignored", pr->id, s->idref);
				continue;
			}
			p->value[v] = s->value;
			p->value_set[v] = true;
		}
	}

	/* Section 6.4.4.5: set-value, else the value of the refine-value
	 * selector, else the value without a selector. */
	for (i = 0; i < b->nitems; i++) {
		const struct xccdf_item *it = &b->items[i];
		bool found;

		if (it->type != XCCDF_ITEM_VALUE || p->value_set[i])
			continue;
		p->value[i] = xccdf_value_pick(it, p->value_selector[i],
		    &found);
		if (!found)
			ks_warn("Value '%s' has no value for selector '%s': "
			    "using its default", it->id,
			    p->value_selector[i]);
	}
	*out = p;
	return 0;
}

void
xccdf_policy_free(struct xccdf_policy *p)
{
	if (p == NULL)
		return;
	free(p->selected);
	free(p->weight);
	free(p->severity);
	free(p->role);
	free(p->rule_selector);
	free(p->value);
	free(p->vop);
	free(p->value_selector);
	free(p->value_set);
	free(p);
}

bool
xccdf_policy_effective(const struct xccdf_policy *p, uint32_t item)
{
	const struct xccdf_bench *b = p->bench;
	uint32_t i = item;

	if (item >= b->nitems)
		return false;
	/* Section 6.4.1: an item whose enclosing Group is unselected is
	 * unselected too; the Benchmark itself always is. */
	while (i != XCCDF_NONE && i < b->nitems) {
		if (b->items[i].type != XCCDF_ITEM_BENCHMARK &&
		    !p->selected[i])
			return false;
		i = b->items[i].parent;
	}
	return true;
}
