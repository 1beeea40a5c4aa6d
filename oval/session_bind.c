/*
 * What an XCCDF check system needs from an OVAL session beyond `kensa oval
 * eval`: documents from memory, a selection of definitions, values bound to
 * external variables without a variables document, and one definition's
 * result on demand. Not for writing documents (results_*.c).
 */
#include <stdlib.h>
#include <string.h>

#include "oval/oval_int.h"

int
oval_load_mem(struct oval_defs **out, const char *buf, size_t len,
              const char *name)
{
	return oval_defs_parse_mem(out, buf, len, name);
}

int
oval_load_node(struct oval_defs **out, const struct _xmlNode *root,
               const char *name)
{
	return oval_defs_parse_node(out, root, name);
}

int
oval_defs_foreach_id(const struct oval_defs *d,
                     int (*cb)(const char *id, void *payload), void *payload)
{
	for (uint32_t i = 0; i < d->ndefs; i++) {
		int rc = cb(d->defs[i].id, payload);

		if (rc != 0)
			return rc;
	}
	return 0;
}

int
oval_session_select(struct oval_session *s, const char *def_id)
{
	uint32_t i = oval_defs_find(s->defs->def_ids, def_id);

	if (i == OVAL_NONE) {
		ks_error_set("%s: no definition with id '%s'", s->defs->path,
		             def_id);
		return KS_ENOTFOUND;
	}
	s->sel[i] = 1;
	s->has_sel = true;
	return 0;
}

static int
ext_vars_ensure(struct oval_session *s)
{
	if (s->ext_vars != NULL)
		return 0;
	return ks_map_new(&s->ext_vars);
}

int
oval_session_set_var(struct oval_session *s, const char *var_id,
                     const char *const *values, uint32_t n)
{
	uint32_t vi = oval_defs_find(s->defs->var_ids, var_id);
	struct oval_values *v, *old;
	const char *key;
	int rc;

	if (vi == OVAL_NONE || s->defs->vars[vi].kind != OVAL_VAR_EXTERNAL) {
		ks_error_set("%s: no external_variable with id '%s'",
		             s->defs->path, var_id);
		return KS_ENOTFOUND;
	}
	if ((rc = ext_vars_ensure(s)) < 0)
		return rc;
	v = ks_calloc(1, sizeof(*v));
	v->dt = s->defs->vars[vi].dt;
	v->flag = OVAL_FLAG_COMPLETE;
	v->v = ks_calloc(n + 1, sizeof(*v->v));
	for (uint32_t i = 0; i < n; i++)
		v->v[i] = oval_intern(s, values[i] != NULL ? values[i] : "");
	v->n = n;
	if (n == 0) {
		v->flag = OVAL_FLAG_ERROR;
		v->msg = oval_intern(s, "no value bound to the external "
		                        "variable");
	}
	/* ks_map_put copies the key. */
	key = var_id;
	old = ks_map_get(s->ext_vars, key);
	if ((rc = ks_map_put(s->ext_vars, key, v)) < 0) {
		free(v->v);
		free(v);
		return rc;
	}
	if (old != NULL) {
		free(old->v);
		free(old);
	}
	return 0;
}

int
oval_session_eval_def(struct oval_session *s, const char *def_id,
                      const char **result, const char **klass)
{
	uint32_t i = oval_defs_find(s->defs->def_ids, def_id);
	enum oval_result r;

	if (i == OVAL_NONE) {
		ks_error_set("%s: no definition with id '%s'", s->defs->path,
		             def_id);
		return KS_ENOTFOUND;
	}
	if (s->has_sel)
		s->sel[i] = 1;
	r = oval_def_eval(s, i);
	*result = oval_result_name(r);
	if (klass != NULL)
		*klass = oval_class_name(s->defs->defs[i].klass);
	return 0;
}
