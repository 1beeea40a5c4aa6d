/*
 * OVAL tests and states: an item against a state (entities, entity_check,
 * the state's operator), and a test from its collected object (object flag,
 * check_existence, states combined by state_operator per item, check),
 * memoised in s->test_res with the tested items and variables. Not object
 * collection (eval_object.c) nor the truth tables (value_*.c).
 */
#include "oval/eval_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/*
 * One state entity against the item's entities of the same name.
 * EntityStateSimpleBaseType check_existence (default at_least_one_exists):
 * "an item comparison may evaluate to true only if at least one
 * corresponding item entity has a status of 'exists'"; then entity_check
 * combines the comparisons with each existing item entity ("Each item
 * entity is compared to the state entity ... these interim results are
 * combined ... using the entity_check attribute").
 */
/* Entity names: the same pool string, or equal text. A state entity is
 * looked up among every entity of every item a filter or test sees (a
 * file walk: 22 per file), and most names differ in their first byte. */
static inline bool
same_name(const char *a, const char *b)
{
	return a == b || (*a == *b && (*a == '\0' || strcmp(a + 1, b + 1) == 0));
}

static enum oval_result
state_entity(struct oval_session *s, const struct oval_entity *se,
    const struct oval_item *it)
{
	uint32_t n[4] = { 0 };
	struct oval_rcount rc = { { 0 } };
	enum oval_result ex;

	for (uint32_t i = 0; i < it->nents; i++)
		if (same_name(it->ents[i].name, se->name) &&
		    (unsigned)it->ents[i].status < 4)
			n[it->ents[i].status]++;
	if (n[0] + n[1] + n[2] + n[3] == 0)
		return OVAL_R_FALSE;	/* no such entity: none exists */
	ex = oval_existence_apply(OVAL_EX_AT_LEAST_ONE_EXISTS,
	    n[OVAL_ST_EXISTS], n[OVAL_ST_DOES_NOT_EXIST], n[OVAL_ST_ERROR],
	    n[OVAL_ST_NOT_COLLECTED]);
	if (ex != OVAL_R_TRUE)
		return ex;
	for (uint32_t i = 0; i < it->nents; i++) {
		enum oval_result r;

		if (!same_name(it->ents[i].name, se->name) ||
		    it->ents[i].status != OVAL_ST_EXISTS)
			continue;
		if (oval_state_ent_match(s, se, &it->ents[i], &r) < 0)
			r = OVAL_R_ERROR;
		rc.c[r]++;
	}
	return oval_check_apply(se->entity_check, &rc);
}

enum oval_result
oval_eval_state_item(struct oval_session *s, uint32_t state,
    const struct oval_item *it)
{
	const struct oval_state *st;
	struct oval_rcount rc = { { 0 } };

	if (state >= s->defs->nstates) {
		ks_error_set("reference to a missing state");
		return OVAL_R_ERROR;
	}
	switch (it->status) {
	case OVAL_ST_EXISTS:
		break;
	case OVAL_ST_ERROR:
		return OVAL_R_ERROR;
	case OVAL_ST_NOT_COLLECTED:
		return OVAL_R_UNKNOWN;
	case OVAL_ST_DOES_NOT_EXIST:
		return OVAL_R_FALSE;
	}
	st = &s->defs->states[state];
	/* StateType: "evaluate each individual entity separately. The
	 * individual results are then combined by the operator". A state
	 * without entities places no constraint. */
	if (st->nents == 0)
		return OVAL_R_TRUE;
	for (uint32_t i = 0; i < st->nents; i++)
		rc.c[state_entity(s, &st->ents[i], it)]++;
	return oval_operator_apply(st->operator, &rc);
}

/* Per item: every state, combined by state_operator (TestType). */
static enum oval_result
item_states(struct oval_session *s, const struct oval_test *t,
    const struct oval_item *it)
{
	struct oval_rcount rc = { { 0 } };

	for (uint32_t i = 0; i < t->nstates; i++)
		rc.c[oval_eval_state_item(s, t->states[i], it)]++;
	return oval_operator_apply(t->state_operator, &rc);
}

static void
test_msg(struct oval_session *s, struct oval_test_result *tr,
    const struct oval_collected *c)
{
	if (c->nmsgs > 0)
		tr->msg = c->msgs[0].text;
	else
		tr->msg = oval_intern(s, oval_flag_name(c->flag));
}

/*
 * TestType: "The evaluation result for a test is determined by first
 * evaluating the check_existence attribute. If the result of evaluating
 * the check_existence attribute is true then the check attribute is
 * evaluated." Items with status "does not exist" are ignored by check.
 *
 * The collected object's flag: error -> error, not collected -> unknown,
 * not applicable -> not applicable (the object could not be looked for);
 * does not exist -> existence over no items; complete -> existence and
 * check over the items. Incomplete: items may be missing, so we count one
 * more item of unknown existence (as "not collected") and one more unknown
 * state result. The existence and check tables then give a definite
 * answer only when no missing item could change it (at least one true
 * item for "at least one", a false item for "all", ...), and unknown
 * otherwise.
 */
enum oval_result
oval_test_eval(struct oval_session *s, uint32_t idx)
{
	struct oval_test_result *tr;
	const struct oval_test *t;
	const struct oval_collected *c;
	uint32_t n[4] = { 0 };
	struct oval_rcount rc = { { 0 } };
	enum oval_result ex, r;
	enum oval_existence exist;
	bool incomplete;

	if (idx >= s->defs->ntests)
		return OVAL_R_ERROR;
	tr = &s->test_res[idx];
	if (tr->done)
		return tr->result;
	t = &s->defs->tests[idx];
	tr->done = true;
	if (t->object == OVAL_NONE) {
		/* unknown_test: "the result of this test is always
		 * unknown"; any other test without an object is broken. */
		tr->result = t->type != NULL &&
		    strcmp(t->type, "unknown_test") == 0 ? OVAL_R_UNKNOWN :
		    OVAL_R_ERROR;
		if (tr->result == OVAL_R_ERROR)
			tr->msg = oval_intern(s, "test has no object");
		return tr->result;
	}
	c = oval_object_collect(s, t->object);
	/* tested_variable: the values of the variables the test's object
	 * and states use. */
	if (t->object < s->defs->nobjects) {
		const struct oval_object *o = &s->defs->objects[t->object];

		oval_eval_varvals_ents(s, &tr->varvals, &tr->nvarvals,
		    o->ents, o->nents);
	}
	for (uint32_t i = 0; i < t->nstates; i++)
		if (t->states[i] < s->defs->nstates)
			oval_eval_varvals_ents(s, &tr->varvals, &tr->nvarvals,
			    s->defs->states[t->states[i]].ents,
			    s->defs->states[t->states[i]].nents);
	switch (c->flag) {
	case OVAL_FLAG_ERROR:
		test_msg(s, tr, c);
		tr->result = OVAL_R_ERROR;
		return tr->result;
	case OVAL_FLAG_NOT_COLLECTED:
		test_msg(s, tr, c);
		tr->result = OVAL_R_UNKNOWN;
		return tr->result;
	case OVAL_FLAG_NOT_APPLICABLE:
		tr->result = OVAL_R_NOT_APPLICABLE;
		return tr->result;
	default:
		break;
	}
	incomplete = c->flag == OVAL_FLAG_INCOMPLETE;
	if (c->nitems > 0)
		tr->items = ks_calloc(c->nitems, sizeof(*tr->items));
	for (uint32_t i = 0; i < c->nitems; i++) {
		const struct oval_item *it = &s->sc.items[c->items[i]];

		if ((unsigned)it->status < 4)
			n[it->status]++;
		tr->items[tr->nitems].item = c->items[i];
		tr->items[tr->nitems].result = OVAL_R_NOT_EVALUATED;
		if (t->nstates > 0 && it->status != OVAL_ST_DOES_NOT_EXIST) {
			ks_error_clear();
			r = item_states(s, t, it);
			if (r == OVAL_R_ERROR && tr->msg == NULL &&
			    ks_error_msg()[0] != '\0')
				tr->msg = oval_intern(s, ks_error_msg());
			tr->items[tr->nitems].result = r;
			rc.c[r]++;
		}
		tr->nitems++;
	}
	/* all_exist: "When used in the context of an OVAL test's
	 * check_existence attribute, this value is equivalent to
	 * 'at_least_one_exists' because non-existent items have no impact
	 * upon evaluation." (ExistenceEnumeration, oval-common-schema) */
	exist = t->check_existence == OVAL_EX_ALL_EXIST ?
	    OVAL_EX_AT_LEAST_ONE_EXISTS : t->check_existence;
	/* check="none exist" (deprecated in 5.3, when existence and state
	 * checks were separated): "a test evaluates to true if no matching
	 * object exists that satisfy the data requirements". Without states
	 * that is the existence check none_exist; with states, no item may
	 * satisfy them, however many exist. */
	if (t->check == OVAL_CHECK_NONE_EXIST)
		exist = t->nstates == 0 ? OVAL_EX_NONE_EXIST :
		    OVAL_EX_ANY_EXIST;
	ex = oval_existence_apply(exist, n[OVAL_ST_EXISTS],
	    n[OVAL_ST_DOES_NOT_EXIST], n[OVAL_ST_ERROR],
	    n[OVAL_ST_NOT_COLLECTED] + (incomplete ? 1 : 0));
	if (ex != OVAL_R_TRUE || t->nstates == 0) {
		tr->result = ex;
		return tr->result;
	}
	if (incomplete)
		rc.c[OVAL_R_UNKNOWN]++;
	/* Existence is satisfied and nothing is left to compare (e.g.
	 * any_exist or none_exist with no items): the test is true. */
	{
		uint32_t total = 0;

		for (int k = 0; k < OVAL_R_COUNT; k++)
			total += rc.c[k];
		if (total == 0) {
			tr->result = ex;
			return tr->result;
		}
	}
	tr->result = oval_check_apply(t->check, &rc);
	return tr->result;
}
