/*
 * The OVAL check system of XCCDF evaluation: one OVAL definitions document
 * and one session per referenced resource (a data-stream component or a
 * file), the definitions rules and CPE names refer to selected in it,
 * values of check-export bound to its external variables, everything
 * collected in one pass. Not the rule logic (xccdf_eval.c) and not OVAL
 * itself (oval/).
 */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libxml/tree.h>

#include "oval/oval.h"
#include "platform/base/xmlw.h"
#include "xccdf/xccdf_int.h"
#include "xccdf/xccdf_results_int.h"

struct xo_doc {
	char			*key;	/* component id, path or node address */
	char			*name;	/* for results file names and messages */
	struct oval_defs	*defs;
	struct oval_session	*sess;
	struct ks_map		*bound;	/* export name -> value (borrowed) */
	bool			 dirty;	/* selections since the last run */
	int			 load_rc;	/* a failed load, remembered */
	char			*load_msg;
};

/*
 * A model loaded ahead (xccdf_oval_prefetch), on a thread of its own,
 * while the benchmark is read and its applicability decided: loading a
 * data stream's OVAL components is more than half of an evaluation.
 */
struct xo_pre {
	struct _xmlNode		*root;
	const char		*name;	/* the content's string */
	size_t			 size;	/* elements of its lists: its cost */
	struct oval_defs	*defs;	/* NULL when failed or taken */
	bool			 done;
};

#define XO_PRE_MAX	8

struct xccdf_oval {
	struct plat_target	*target;
	struct xo_doc		*docs;
	uint32_t		 ndocs;
	size_t			 cap;
	struct ks_strpool	*pool;
	struct xo_pre		 pre[XO_PRE_MAX];
	uint32_t		 npre;
	struct xccdf_content	*pre_content;	/* while adding */
	bool			 pre_started;
	pthread_t		 pre_th;
	pthread_mutex_t		 pre_mu;
	pthread_cond_t		 pre_cv;
};

int
xccdf_oval_new(struct xccdf_oval **out, struct plat_target *target,
               const struct xccdf_eval_opts *opts)
{
	struct xccdf_oval *o = ks_calloc(1, sizeof(*o));
	int rc;

	(void)opts;
	o->target = target;
	pthread_mutex_init(&o->pre_mu, NULL);
	pthread_cond_init(&o->pre_cv, NULL);
	if ((rc = ks_strpool_new(&o->pool)) < 0) {
		free(o);
		*out = NULL;
		return rc;
	}
	*out = o;
	return 0;
}

void
xccdf_oval_free(struct xccdf_oval *o)
{
	if (o == NULL)
		return;
	xccdf_oval_prefetch_end(o);
	pthread_mutex_destroy(&o->pre_mu);
	pthread_cond_destroy(&o->pre_cv);
	for (uint32_t i = 0; i < o->ndocs; i++) {
		oval_session_free(o->docs[i].sess);
		oval_unload(o->docs[i].defs);
		ks_map_free(o->docs[i].bound);
		free(o->docs[i].key);
		free(o->docs[i].name);
		free(o->docs[i].load_msg);
	}
	free(o->docs);
	ks_strpool_free(o->pool);
	free(o);
}

/* What identifies a resource, whole: a truncated key could make two
 * documents share a session. Caller frees. */
static char *
resource_key(const struct xccdf_resource *r)
{
	if (r->component_id != NULL)
		return ks_asprintf("c:%s", r->component_id);
	if (r->path != NULL)
		return ks_asprintf("p:%s", r->path);
	return ks_asprintf("n:%p", (void *)r->root);
}

static void *
pre_run(void *arg)
{
	struct xccdf_oval *o = arg;

	for (uint32_t i = 0; i < o->npre; i++) {
		struct oval_defs *defs = NULL;

		if (o->pre[i].done)	/* read with the content */
			continue;
		/* A failure is left to the load on the caller's thread, which
		 * reports it as it always does. */
		if (oval_load_node(&defs, o->pre[i].root, o->pre[i].name) < 0)
			defs = NULL;
		ks_error_clear();
		pthread_mutex_lock(&o->pre_mu);
		o->pre[i].defs = defs;
		o->pre[i].done = true;
		pthread_cond_broadcast(&o->pre_cv);
		pthread_mutex_unlock(&o->pre_mu);
	}
	return NULL;
}

static void
pre_add(struct _xmlNode *root, const char *name, void *payload)
{
	struct xccdf_oval *o = payload;

	struct xo_pre *p;

	if (o->npre == XO_PRE_MAX)
		return;
	p = &o->pre[o->npre++];
	p->root = root;
	p->name = name;
	p->size = 0;
	p->defs = xccdf_content_take_oval(o->pre_content, root, name);
	p->done = p->defs != NULL;
	/* Elements in its definitions, tests...: how long it takes. */
	for (const xmlNode *k = root->children; k != NULL; k = k->next)
		for (const xmlNode *d = k->children; d != NULL; d = d->next)
			p->size += d->type == XML_ELEMENT_NODE;
}

void
xccdf_oval_prefetch(struct xccdf_oval *o, struct xccdf_content *c,
    const struct xccdf_ds_checklist *cl)
{
	bool todo = false;

	if (o->pre_started || o->npre > 0)
		return;
	o->pre_content = c;
	xccdf_content_foreach_oval(c, cl, pre_add, o);
	o->pre_content = NULL;
	for (uint32_t i = 0; i < o->npre; i++)
		todo = todo || !o->pre[i].done;
	if (!todo || sysconf(_SC_NPROCESSORS_ONLN) < 2)
		return;
	/* The small ones first: a CPE dictionary's checks are needed
	 * before the rules'. */
	for (uint32_t i = 1; i < o->npre; i++)
		for (uint32_t j = i; j > 0 &&
		    o->pre[j].size < o->pre[j - 1].size; j--) {
			struct xo_pre t = o->pre[j];

			o->pre[j] = o->pre[j - 1];
			o->pre[j - 1] = t;
		}
	/* Without the thread, pre_take gives only what the content read. */
	o->pre_started = pthread_create(&o->pre_th, NULL, pre_run, o) == 0;
}

void
xccdf_oval_prefetch_end(struct xccdf_oval *o)
{
	if (o == NULL)
		return;
	if (o->pre_started)
		pthread_join(o->pre_th, NULL);
	o->pre_started = false;
	for (uint32_t i = 0; i < o->npre; i++) {
		oval_unload(o->pre[i].defs);
		o->pre[i].defs = NULL;
	}
	o->npre = 0;
}

/* The model loaded ahead for root under that name, waited for; NULL when
 * there is none (or it failed): the caller loads it. */
static struct oval_defs *
pre_take(struct xccdf_oval *o, const struct _xmlNode *root, const char *name)
{
	struct oval_defs *defs = NULL;

	for (uint32_t i = 0; i < o->npre; i++) {
		struct xo_pre *p = &o->pre[i];

		if (p->root != root || strcmp(p->name, name) != 0)
			continue;
		pthread_mutex_lock(&o->pre_mu);
		while (!p->done && o->pre_started)
			pthread_cond_wait(&o->pre_cv, &o->pre_mu);
		defs = p->defs;
		p->defs = NULL;
		pthread_mutex_unlock(&o->pre_mu);
		break;
	}
	return defs;
}

static int
doc_get(struct xccdf_oval *o, const struct xccdf_resource *r,
        struct xo_doc **out)
{
	char *key = resource_key(r);
	struct xo_doc *d;
	int rc;

	for (uint32_t i = 0; i < o->ndocs; i++)
		if (strcmp(o->docs[i].key, key) == 0) {
			free(key);
			d = &o->docs[i];
			if (d->load_rc < 0) {
				ks_error_set("%s", d->load_msg);
				return d->load_rc;
			}
			*out = d;
			return 0;
		}
	ks_grow(&o->docs, &o->cap, o->ndocs + 1, sizeof(*o->docs));
	d = &o->docs[o->ndocs++];
	memset(d, 0, sizeof(*d));
	d->key = key;
	d->name = ks_strdup(r->name != NULL ? r->name :
	    r->path != NULL ? r->path : "oval");
	if (r->path != NULL)
		rc = oval_load(&d->defs, r->path);
	else if (r->root != NULL &&
	    (d->defs = pre_take(o, r->root, d->name)) != NULL)
		rc = 0;
	else if (r->root != NULL)
		rc = oval_load_node(&d->defs, r->root, d->name);
	else {
		ks_error_set("%s: nothing to load", d->name);
		rc = KS_ERROR;
	}
	if (rc == 0)
		rc = oval_session_new(&d->sess, d->defs, o->target, NULL);
	if (rc == 0)
		rc = ks_map_new(&d->bound);
	if (rc < 0) {
		/* Remembered so that every rule naming this resource gets the
		 * same reason without parsing it again. */
		d->load_rc = rc;
		d->load_msg = ks_strdup(ks_error_msg());
		return rc;
	}
	*out = d;
	return 0;
}

static int
select_cb(const char *id, void *payload)
{
	return oval_session_select(payload, id);
}

int
xccdf_oval_add(struct xccdf_oval *o, const struct xccdf_resource *r,
               const char *name, const char **export_names,
               const char **values, uint32_t nexports)
{
	struct xo_doc *d;
	int rc;

	if ((rc = doc_get(o, r, &d)) < 0)
		return rc;
	for (uint32_t i = 0; i < nexports; i++) {
		const char *prev = ks_map_get(d->bound, export_names[i]);
		const char *v = values[i] != NULL ? values[i] : "";

		if (prev != NULL) {
			/* One session per document: the first binding of a
			 * variable holds for every rule of the evaluation, as
			 * a profile gives each Value one value. */
			if (strcmp(prev, v) != 0)
				ks_warn("%s: variable %s is exported with two "
				        "values ('%s' and '%s'): the first is "
				        "used", d->name, export_names[i], prev,
				        v);
			continue;
		}
		rc = oval_session_set_var(d->sess, export_names[i], &v, 1);
		if (rc == KS_ENOTFOUND) {
			/* XCCDF 1.2 6.4.4.4: an export the checking engine
			 * does not know is not an error of the rule. */
			ks_debug("%s", ks_error_msg());
			ks_error_clear();
		} else if (rc < 0)
			return rc;
		(void)ks_map_put(d->bound, export_names[i],
		    (void *)ks_strpool_intern(o->pool, v, strlen(v)));
	}
	d->dirty = true;
	if (name != NULL)
		return oval_session_select(d->sess, name);
	/* No name: every definition of the document (XCCDF 1.2 6.4.4.3). */
	return oval_defs_foreach_id(d->defs, select_cb, d->sess);
}

int
xccdf_oval_run(struct xccdf_oval *o)
{
	for (uint32_t i = 0; i < o->ndocs; i++) {
		struct xo_doc *d = &o->docs[i];
		int rc;

		if (d->sess == NULL || !d->dirty)
			continue;
		d->dirty = false;
		if ((rc = oval_session_collect(d->sess)) < 0 ||
		    (rc = oval_session_evaluate(d->sess)) < 0)
			return rc;
	}
	return 0;
}

int
xccdf_oval_result(struct xccdf_oval *o, const struct xccdf_resource *r,
                  const char *name, const char **result, const char **klass)
{
	struct xo_doc *d;
	int rc;

	if ((rc = doc_get(o, r, &d)) < 0)
		return rc;
	return oval_session_eval_def(d->sess, name, result, klass);
}

int
xccdf_oval_foreach_def(struct xccdf_oval *o, const struct xccdf_resource *r,
                       int (*cb)(const char *id, void *payload),
                       void *payload)
{
	struct xo_doc *d;
	int rc;

	if ((rc = doc_get(o, r, &d)) < 0)
		return rc;
	return oval_defs_foreach_id(d->defs, cb, payload);
}

int
xccdf_oval_foreach_session(struct xccdf_oval *o,
    int (*cb)(const char *name, struct oval_session *s, void *payload),
    void *payload)
{
	for (uint32_t i = 0; i < o->ndocs; i++) {
		int rc;

		if (o->docs[i].sess == NULL)
			continue;
		if ((rc = cb(o->docs[i].name, o->docs[i].sess, payload)) != 0)
			return rc;
	}
	return 0;
}

int
xccdf_eval_foreach_oval(struct xccdf_eval *e,
    int (*cb)(const char *name, struct oval_session *s, void *payload),
    void *payload)
{
	if (e->oval == NULL)
		return 0;
	return xccdf_oval_foreach_session(e->oval, cb, payload);
}
