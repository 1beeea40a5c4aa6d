/*
 * The evaluation session: owns everything one `oval eval` computes (values,
 * items, results) and orchestrates collect -> evaluate -> write. It is the
 * oval/oval.h API; the work itself is done by eval_*.c, probe_*.c and
 * results_*.c.
 */
#include "oval/oval_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *
oval_intern(struct oval_session *s, const char *v)
{
	if (v == NULL)
		return NULL;
	return ks_strpool_intern(s->pool, v, strlen(v));
}

/* The canonical text of an item, for de-duplication: type, status and every
 * entity with its attributes, separated by bytes that cannot occur in XML. */
static void
item_key_ents(struct ks_buf *b, const struct oval_item_ent *e, uint32_t n)
{
	for (uint32_t i = 0; i < n; i++) {
		ks_buf_printf(b, "\x01%s\x02%d\x02%d\x02%d\x02", e[i].name,
		    (int)e[i].dt, (int)e[i].status, (int)e[i].mask);
		if (e[i].value != NULL)
			ks_buf_puts(b, e[i].value);
		else
			ks_buf_putc(b, '\x03');
		if (e[i].nfields > 0) {
			ks_buf_putc(b, '\x04');
			item_key_ents(b, e[i].fields, e[i].nfields);
			ks_buf_putc(b, '\x05');
		}
	}
}

uint32_t
oval_sc_add_item(struct oval_session *s, struct oval_item *it)
{
	struct oval_syschar *sc = &s->sc;
	struct ks_buf key;
	void *found;
	uint32_t idx;

	ks_buf_init(&key, 0);
	ks_buf_printf(&key, "%s\x01%s\x01%d", it->ns, it->type,
	    (int)it->status);
	item_key_ents(&key, it->ents, it->nents);
	for (uint32_t i = 0; i < it->nmsgs; i++)
		ks_buf_printf(&key, "\x06%s\x02%s", it->msgs[i].level,
		    it->msgs[i].text);
	found = ks_map_get(sc->item_keys, key.data);
	if (found != NULL) {
		ks_buf_free(&key);
		/* The duplicate's arrays are ours now: free them. */
		oval_item_clear(it);
		return (uint32_t)((uintptr_t)found - 1);
	}
	ks_grow(&sc->items, &sc->items_cap, sc->nitems + 1, sizeof(*sc->items));
	idx = sc->nitems++;
	sc->items[idx] = *it;
	sc->items[idx].id = idx + 1;
	(void)ks_map_put(sc->item_keys, key.data, (void *)(uintptr_t)(idx + 1));
	ks_buf_free(&key);
	memset(it, 0, sizeof(*it));
	return idx;
}

static void
item_ents_free(struct oval_item_ent *e, uint32_t n)
{
	for (uint32_t i = 0; i < n; i++)
		item_ents_free(e[i].fields, e[i].nfields);
	free(e);
}

void
oval_item_clear(struct oval_item *it)
{
	if (it == NULL)
		return;
	item_ents_free(it->ents, it->nents);
	free(it->msgs);
	memset(it, 0, sizeof(*it));
}

void
oval_msg_vappend(struct oval_session *s, struct oval_message **msgs,
    uint32_t *n, const char *level, const char *fmt, va_list ap)
{
	char *text;

	if (vasprintf(&text, fmt, ap) < 0)
		return;
	*msgs = ks_realloc(*msgs, (*n + 1) * sizeof(**msgs));
	(*msgs)[*n].level = oval_intern(s, level);
	(*msgs)[*n].text = oval_intern(s, text);
	(*n)++;
	free(text);
}

void
oval_collected_msg(struct oval_session *s, struct oval_collected *c,
    const char *level, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	oval_msg_vappend(s, &c->msgs, &c->nmsgs, level, fmt, ap);
	va_end(ap);
}

int
oval_load(struct oval_defs **out, const char *path)
{
	return oval_defs_parse(out, path);
}

void
oval_unload(struct oval_defs *d)
{
	oval_defs_free(d);
}

uint32_t
oval_def_count(const struct oval_defs *d)
{
	return d->ndefs;
}

int
oval_session_new(struct oval_session **out, struct oval_defs *defs,
    struct plat_target *target, const struct oval_eval_opts *opts)
{
	struct oval_session *s;
	int rc = KS_ERROR;

	*out = NULL;
	s = ks_calloc(1, sizeof(*s));
	s->defs = defs;
	s->target = target;
	if ((rc = ks_strpool_new(&s->pool)) < 0 ||
	    (rc = ks_regex_cache_new(&s->re)) < 0 ||
	    (rc = ks_map_new(&s->sc.item_keys)) < 0)
		goto out;
	s->var_vals = ks_calloc(defs->nvars + 1, sizeof(*s->var_vals));
	s->var_state = ks_calloc(defs->nvars + 1, 1);
	s->obj_state = ks_calloc(defs->nobjects + 1, 1);
	s->sc.objs = ks_calloc(defs->nobjects + 1, sizeof(*s->sc.objs));
	s->test_res = ks_calloc(defs->ntests + 1, sizeof(*s->test_res));
	s->def_res = ks_calloc(defs->ndefs + 1, sizeof(*s->def_res));
	s->sel = ks_calloc(defs->ndefs + 1, 1);
	if (opts != NULL && opts->only_id != NULL) {
		if (oval_defs_find(defs->def_ids, opts->only_id) == OVAL_NONE) {
			ks_error_set("%s: no definition with id '%s'",
			    defs->path, opts->only_id);
			rc = KS_ENOTFOUND;
			goto out;
		}
		s->only_id = oval_intern(s, opts->only_id);
		s->has_sel = true;
		s->sel[oval_defs_find(defs->def_ids, opts->only_id)] = 1;
	}
	if (opts != NULL && opts->variables != NULL &&
	    (rc = oval_ext_vars_read(s, opts->variables)) < 0)
		goto out;
	s->directives = ks_calloc(1, sizeof(*s->directives));
	oval_directives_default(s->directives);
	if (opts != NULL && opts->directives != NULL &&
	    (rc = oval_directives_read(s->directives, opts->directives)) < 0)
		goto out;
	if (target != NULL && plat_sysinfo(target, &s->sc.sysinfo) < 0) {
		/* Facts are informative: an unreadable os-release must not stop
		 * the scan. */
		ks_warn("%s", ks_error_msg());
		ks_error_clear();
	}
	*out = s;
	s = NULL;
	rc = 0;
out:
	oval_session_free(s);
	return rc;
}

static void
values_free(struct oval_values *v)
{
	free(v->v);
}

static int
ext_var_free_cb(const char *key, void *val, void *payload)
{
	struct oval_values *v = val;

	(void)key;
	(void)payload;
	values_free(v);
	free(v);
	return 0;
}

void
oval_session_free(struct oval_session *s)
{
	if (s == NULL)
		return;
	for (int i = 0; i < OVAL_PROBE_SLOTS; i++)
		if (s->probe_state[i] != NULL && s->probe_free[i] != NULL)
			s->probe_free[i](s->probe_state[i]);
	if (s->ext_vars != NULL) {
		ks_map_foreach(s->ext_vars, ext_var_free_cb, NULL);
		ks_map_free(s->ext_vars);
	}
	if (s->var_vals != NULL)
		for (uint32_t i = 0; i < s->defs->nvars; i++)
			values_free(&s->var_vals[i]);
	if (s->sc.objs != NULL)
		for (uint32_t i = 0; i < s->defs->nobjects; i++) {
			free(s->sc.objs[i].msgs);
			free(s->sc.objs[i].items);
			free(s->sc.objs[i].varvals);
		}
	for (uint32_t i = 0; i < s->sc.nitems; i++)
		oval_item_clear(&s->sc.items[i]);
	free(s->sc.items);
	if (s->test_res != NULL)
		for (uint32_t i = 0; i < s->defs->ntests; i++) {
			free(s->test_res[i].items);
			free(s->test_res[i].varvals);
		}
	plat_sysinfo_clear(&s->sc.sysinfo);
	ks_map_free(s->sc.item_keys);
	free(s->var_vals);
	free(s->var_state);
	free(s->obj_state);
	free(s->sc.objs);
	free(s->test_res);
	free(s->def_res);
	free(s->sel);
	ks_regex_cache_free(s->re);
	ks_strpool_free(s->pool);
	free(s->directives);
	free(s);
}

/* Marks every test a definition's criteria reach, so that collection can
 * gather exactly the objects the selected definitions need. */
static void
mark_cnode(struct oval_session *s, const struct oval_cnode *n, uint8_t *tmark,
    uint8_t *dmark)
{
	if (n->kind == OVAL_CN_CRITERION) {
		if (n->ref != OVAL_NONE)
			tmark[n->ref] = 1;
	} else if (n->kind == OVAL_CN_EXTEND) {
		if (n->ref != OVAL_NONE && !dmark[n->ref]) {
			dmark[n->ref] = 1;
			if (s->defs->defs[n->ref].criteria != NULL)
				mark_cnode(s, s->defs->defs[n->ref].criteria,
				    tmark, dmark);
		}
	} else {
		for (uint32_t i = 0; i < n->nkids; i++)
			mark_cnode(s, &n->kids[i], tmark, dmark);
	}
}

int
oval_session_collect(struct oval_session *s)
{
	struct oval_defs *d = s->defs;
	uint8_t *tmark, *dmark;

	if (s->sc_loaded)
		return 0;
	tmark = ks_calloc(d->ntests + 1, 1);
	dmark = ks_calloc(d->ndefs + 1, 1);
	for (uint32_t i = 0; i < d->ndefs; i++) {
		if (!oval_def_selected(s, i))
			continue;
		dmark[i] = 1;
		if (d->defs[i].criteria != NULL)
			mark_cnode(s, d->defs[i].criteria, tmark, dmark);
	}
	for (uint32_t i = 0; i < d->ntests; i++)
		if (tmark[i] && d->tests[i].object != OVAL_NONE)
			(void)oval_object_collect(s, d->tests[i].object);
	free(tmark);
	free(dmark);
	return 0;
}

int
oval_session_load_syschar(struct oval_session *s, const char *path)
{
	return oval_syschar_read(s, path);
}

/* How many broken definitions are named one by one on the terminal; the
 * results document carries every message. */
#define OVAL_WARN_MAX 20

int
oval_session_evaluate(struct oval_session *s)
{
	struct oval_defs *d = s->defs;
	uint32_t broken = 0;

	for (uint32_t i = 0; i < d->ndefs; i++) {
		if (!oval_def_selected(s, i))
			continue;
		(void)oval_def_eval(s, i);
		if (d->defs[i].error != NULL && broken++ < OVAL_WARN_MAX)
			ks_warn("%s", d->defs[i].error);
	}
	if (broken > OVAL_WARN_MAX)
		ks_warn("%u more definitions are error for the same kind of "
		    "reason; the results document names each",
		    broken - OVAL_WARN_MAX);
	return 0;
}

int
oval_session_foreach_result(struct oval_session *s,
    int (*cb)(const char *id, const char *klass, const char *title,
	const char *result, void *payload), void *payload)
{
	struct oval_defs *d = s->defs;
	int rc;

	for (uint32_t i = 0; i < d->ndefs; i++) {
		const struct oval_definition *def = &d->defs[i];
		enum oval_result r = s->def_res[i].state == 2 ?
		    s->def_res[i].result : OVAL_R_NOT_EVALUATED;

		if (!oval_def_selected(s, i))
			continue;
		rc = cb(def->id, oval_class_name(def->klass),
		    def->title != NULL ? def->title : "", oval_result_name(r),
		    payload);
		if (rc != 0)
			return rc;
	}
	return 0;
}

int
oval_session_write_results(struct oval_session *s, const char *path)
{
	return oval_results_write(s, s->directives, path);
}

int
oval_session_write_syschar(struct oval_session *s, const char *path)
{
	return oval_syschar_write(s, path);
}

void
oval_supported_objects(void (*cb)(const char *ns, const char *object,
    void *payload), void *payload)
{
	for (const struct oval_probe *p = oval_probe_list(); p->object != NULL;
	    p++)
		cb(p->ns, p->object, payload);
}

const char *
oval_item_type(const struct oval_item *it)
{
	return it->type;
}

const char *
oval_item_value(const struct oval_item *it, const char *name)
{
	for (uint32_t i = 0; i < it->nents; i++)
		if (strcmp(it->ents[i].name, name) == 0)
			return it->ents[i].value;
	return NULL;
}

const struct plat_sysinfo *
oval_session_sysinfo(const struct oval_session *s)
{
	return &s->sc.sysinfo;
}

struct def_items {
	struct oval_session	*s;
	uint8_t			*seen_items;
	uint8_t			*seen_defs;
	int	(*cb)(const struct oval_item *it, void *payload);
	void			*payload;
};

static int
def_items_node(struct def_items *w, const struct oval_cnode *n)
{
	const struct oval_defs *d = w->s->defs;
	int rc;

	if (n->kind == OVAL_CN_EXTEND) {
		if (n->ref == OVAL_NONE || w->seen_defs[n->ref] ||
		    d->defs[n->ref].criteria == NULL)
			return 0;
		w->seen_defs[n->ref] = 1;
		return def_items_node(w, d->defs[n->ref].criteria);
	}
	if (n->kind == OVAL_CN_CRITERIA) {
		for (uint32_t i = 0; i < n->nkids; i++)
			if ((rc = def_items_node(w, &n->kids[i])) != 0)
				return rc;
		return 0;
	}
	if (n->ref == OVAL_NONE || d->tests[n->ref].object == OVAL_NONE)
		return 0;
	const struct oval_collected *c = &w->s->sc.objs[d->tests[n->ref].object];
	if (!c->done)
		return 0;
	for (uint32_t i = 0; i < c->nitems; i++) {
		uint32_t it = c->items[i];

		if (w->seen_items[it])
			continue;
		w->seen_items[it] = 1;
		if ((rc = w->cb(&w->s->sc.items[it], w->payload)) != 0)
			return rc;
	}
	return 0;
}

int
oval_session_foreach_def_item(struct oval_session *s, const char *def_id,
    int (*cb)(const struct oval_item *it, void *payload), void *payload)
{
	uint32_t di = oval_defs_find(s->defs->def_ids, def_id);
	struct def_items w = { s, NULL, NULL, cb, payload };
	int rc = 0;

	if (di == OVAL_NONE) {
		ks_error_set("no definition with id '%s'", def_id);
		return KS_ENOTFOUND;
	}
	if (s->defs->defs[di].criteria == NULL)
		return 0;
	w.seen_items = ks_calloc(s->sc.nitems + 1, 1);
	w.seen_defs = ks_calloc(s->defs->ndefs + 1, 1);
	w.seen_defs[di] = 1;
	rc = def_items_node(&w, s->defs->defs[di].criteria);
	free(w.seen_items);
	free(w.seen_defs);
	return rc;
}
