/*
 * Reads an OVAL external variables document (oval-variables-5) into the
 * session's ext_vars map, where external_variable evaluation finds the
 * values. It does not check values against possible_value/restriction
 * hints: that is the evaluator's job.
 */
#include <stdlib.h>
#include <string.h>

#include <libxml/xmlreader.h>

#include "oval/parse_int.h"

struct pending {
	const char		*id;	/* interned in the session pool */
	struct oval_values	*vals;
};

static void
values_free(struct oval_values *v)
{
	if (v == NULL)
		return;
	free(v->v);
	free(v);
}

/* The reader is on a <variable>: reads it into *p. */
static int
read_variable(struct oval_pctx *c, struct oval_session *s, struct pending *p)
{
	struct oval_values *vals;
	struct oval_pattrs a;
	struct oval_pchild it;
	size_t cap = 0;
	const char *text;
	int rc, line = oval_p_line(c), dt;

	p->id = NULL;
	p->vals = NULL;
	rc = oval_p_attrs(c, &a);
	if (rc < 0)
		return rc;
	if (a.v[PA_ID] == NULL) {
		ks_error_set("%s:%d: variable without id", c->name, line);
		return KS_EPARSE;
	}
	p->id = oval_intern(s, a.v[PA_ID]);
	dt = a.v[PA_DATATYPE] ? oval_datatype_parse(a.v[PA_DATATYPE]) : -1;
	if (dt < 0 || dt == OVAL_DT_RECORD) {
		/* "record" is not permitted on variables (oval-variables-5
		 * VariableType). */
		ks_error_set("%s:%d: variable %s: %s datatype%s%s%s", c->name,
		    line, p->id, a.v[PA_DATATYPE] ? "unknown" : "missing",
		    a.v[PA_DATATYPE] ? " '" : "",
		    a.v[PA_DATATYPE] ? a.v[PA_DATATYPE] : "",
		    a.v[PA_DATATYPE] ? "'" : "");
		return KS_EPARSE;
	}
	vals = ks_calloc(1, sizeof(*vals));
	vals->dt = (enum oval_datatype)dt;
	vals->flag = OVAL_FLAG_COMPLETE;
	p->vals = vals;
	oval_p_child_init(c, &it);
	while ((rc = oval_p_child(c, &it)) > 0) {
		if (!oval_p_is(c, OVAL_NS_VARS, "value"))
			continue;
		/* Values are literal, like entity values: not trimmed. */
		rc = oval_p_text(c, &text, NULL);
		if (rc < 0)
			return rc;
		if (vals->n >= UINT32_MAX - 1) {
			ks_error_set("%s:%d: variable %s: too many values",
			    c->name, oval_p_line(c), p->id);
			return KS_ELIMIT;
		}
		ks_grow(&vals->v, &cap, (size_t)vals->n + 1,
		    sizeof(*vals->v));
		vals->v[vals->n++] = oval_intern(s, text);
	}
	if (rc < 0)
		return rc;
	if (vals->n == 0) {
		/* The schema asks for at least one value; an empty one is
		 * an error for whatever uses it, not for the document. */
		vals->flag = OVAL_FLAG_ERROR;
		vals->msg = oval_intern(s, "external variable has no value");
	} else {
		oval_p_shrink(&vals->v, vals->n, sizeof(*vals->v));
	}
	return 0;
}

static int
read_doc(struct oval_pctx *c, struct oval_session *s, struct pending **pp,
    size_t *np)
{
	struct oval_pchild it, vit;
	size_t cap = 0;
	int rc;

	for (;;) {
		rc = ks_xml_reader_next(c->r);
		if (rc < 0)
			return rc;
		if (rc == 0) {
			ks_error_set("%s: empty document", c->name);
			return KS_EPARSE;
		}
		if (xmlTextReaderNodeType(c->r) == XML_READER_TYPE_ELEMENT)
			break;
	}
	if (!oval_p_is(c, OVAL_NS_VARS, "oval_variables")) {
		ks_error_set("%s:%d: not an OVAL variables document (root "
		    "element %s)", c->name, oval_p_line(c), oval_p_local(c));
		return KS_EPARSE;
	}
	oval_p_child_init(c, &it);
	while ((rc = oval_p_child(c, &it)) > 0) {
		if (!oval_p_is(c, OVAL_NS_VARS, "variables"))
			continue;
		oval_p_child_init(c, &vit);
		while ((rc = oval_p_child(c, &vit)) > 0) {
			if (!oval_p_is(c, OVAL_NS_VARS, "variable"))
				continue;
			ks_grow(pp, &cap, *np + 1, sizeof(**pp));
			rc = read_variable(c, s, &(*pp)[*np]);
			(*np)++;	/* freed by the caller even on error */
			if (rc < 0)
				return rc;
		}
		if (rc < 0)
			return rc;
	}
	if (rc < 0)
		return rc;
	while ((rc = ks_xml_reader_next(c->r)) > 0)
		;
	return rc;
}

/*
 * Reads the external variables document `path` into s->ext_vars (created
 * when NULL): id -> struct oval_values * (the struct and its v array are
 * malloc'd, the strings interned in s->pool; the session frees them).
 * Every value is flagged complete; a variable without a value is flagged
 * error. A variable already in the map keeps its first values (warned).
 * Returns 0, or KS_EPARSE for a malformed document, a wrong root element,
 * or a variable without id or with a bad datatype (message set, map left
 * unchanged), or the code of ks_xml_reader_open.
 */
int
oval_ext_vars_read(struct oval_session *s, const char *path)
{
	struct pending *p = NULL;
	struct oval_pctx c;
	size_t np = 0, i;
	int rc;

	memset(&c, 0, sizeof(c));
	for (i = 0; i < PA__COUNT; i++)
		c.aoff[i] = SIZE_MAX;
	ks_buf_init(&c.text, KS_XML_MAX_TEXT);
	ks_buf_init(&c.abuf, KS_XML_MAX_TEXT);
	rc = ks_xml_reader_open(&c.r, path);
	if (rc < 0)
		goto out;
	c.name = ks_xml_reader_name(c.r);
	if (c.name == NULL)
		c.name = path;
	rc = read_doc(&c, s, &p, &np);
	if (rc < 0)
		goto out;
	if (s->ext_vars == NULL) {
		rc = ks_map_new(&s->ext_vars);
		if (rc < 0)
			goto out;
	}
	for (i = 0; i < np; i++) {
		if (ks_map_get(s->ext_vars, p[i].id) != NULL) {
			ks_warn("%s: variable %s given twice: the first "
			    "values are used", c.name, p[i].id);
			continue;
		}
		rc = ks_map_put(s->ext_vars, p[i].id, p[i].vals);
		if (rc < 0)
			goto out;
		p[i].vals = NULL;	/* the map has it */
	}
	rc = 0;
out:
	for (i = 0; i < np; i++)
		values_free(p[i].vals);
	free(p);
	ks_buf_free(&c.text);
	ks_buf_free(&c.abuf);
	ks_xml_reader_free(c.r);
	return rc;
}
