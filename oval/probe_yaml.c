/*
 * independent yamlfilecontent_object (OVAL 5.11.3): the values a YAML Path
 * selects in a YAML file (or in the object's inline content), parsed with
 * libyaml, as records of fields. The YAML Path subset is the one SCAP
 * Security Guide content uses: ".key", "key" first, "['key']" / ["key"],
 * "['k1','k2']", "[N]", "[:]" and "[*]", chained. Which files:
 * probe_files.c. Not YAML output, and only the first document of a file.
 */
#include "oval/probe_unixfile.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "platform/base/dl_libs.h"

#define YAML_FILE_MAX	(16u << 20)	/* file size */
#define YAML_MAX_SEGS	64		/* path segments */
#define YAML_MAX_KEYS	16		/* keys of one ['a','b'] */
#define YAML_MAX_NODES	100000u		/* selected nodes (alias bombs) */
#define YAML_KEY_MAX	1024

enum seg_kind { SEG_KEY, SEG_KEYS, SEG_INDEX, SEG_ALL };
struct seg {
	enum seg_kind	 kind;
	char		*keys[YAML_MAX_KEYS];
	int		 nkeys;
	long		 index;
};
struct ypath {
	struct seg	 s[YAML_MAX_SEGS];
	int		 n;
};

static void
ypath_free(struct ypath *p)
{
	for (int i = 0; i < p->n; i++)
		for (int k = 0; k < p->s[i].nkeys; k++)
			free(p->s[i].keys[k]);
	p->n = 0;
}

/* A quoted key at *pp ('...' or "..."); advances past the closing quote. */
static int
quoted(const char **pp, char **out)
{
	const char *p = *pp, *end;
	char q = *p;

	end = strchr(p + 1, q);
	if (end == NULL || (size_t)(end - p - 1) > YAML_KEY_MAX)
		return KS_EPARSE;
	*out = ks_strndup(p + 1, (size_t)(end - p - 1));
	*pp = end + 1;
	return 0;
}

/* Parses a YAML Path of the subset. 0 or KS_EPARSE with the message set. */
static int
ypath_parse(const char *text, struct ypath *yp)
{
	const char *p = text;

	memset(yp, 0, sizeof(*yp));
	while (*p != '\0') {
		struct seg *sg;

		if (yp->n >= YAML_MAX_SEGS)
			goto bad;
		sg = &yp->s[yp->n];
		memset(sg, 0, sizeof(*sg));
		if (*p == '[') {
			p++;
			if (*p == ':' || *p == '*') {
				sg->kind = SEG_ALL;
				p++;
			} else if (*p == '\'' || *p == '"') {
				sg->kind = SEG_KEY;
				for (;;) {
					if (sg->nkeys >= YAML_MAX_KEYS ||
					    quoted(&p, &sg->keys[sg->nkeys])
					    < 0)
						goto bad;
					sg->nkeys++;
					while (*p == ' ')
						p++;
					if (*p != ',')
						break;
					p++;
					while (*p == ' ')
						p++;
				}
				if (sg->nkeys > 1)
					sg->kind = SEG_KEYS;
			} else if (*p == '-' || isdigit((unsigned char)*p)) {
				char *end;

				sg->kind = SEG_INDEX;
				sg->index = strtol(p, &end, 10);
				p = end;
			} else
				goto bad;
			if (*p != ']')
				goto bad;
			p++;
			yp->n++;
			continue;
		}
		if (*p == '.')
			p++;
		if (*p == '\0' && yp->n == 0 && p > text)
			break;	/* "." alone: the whole document */
		{
			size_t n = strcspn(p, ".[");

			if (n == 0 || n > YAML_KEY_MAX)
				goto bad;
			sg->kind = SEG_KEY;
			sg->keys[0] = ks_strndup(p, n);
			sg->nkeys = 1;
			p += n;
			yp->n++;
		}
	}
	return 0;
bad:
	ks_error_set("yamlpath '%s': not in the supported subset near '%s'",
	    text, p);
	ypath_free(yp);
	return KS_EPARSE;
}

/* The selected nodes, as node indexes (1-based, libyaml's ids); for
 * SEG_KEYS a pseudo node: the map itself with the key filter kept. */
struct sel {
	int		*id;
	const struct seg **only;	/* keys filter for a map, or NULL */
	size_t		 n, cap, cap2;
	bool		 cut;
};

static void
sel_add(struct sel *s, int id, const struct seg *only)
{
	if (s->n >= YAML_MAX_NODES) {
		s->cut = true;
		return;
	}
	ks_grow(&s->id, &s->cap, s->n + 1, sizeof(*s->id));
	ks_grow(&s->only, &s->cap2, s->n + 1, sizeof(*s->only));
	s->id[s->n] = id;
	s->only[s->n] = only;
	s->n++;
}

static void
sel_free(struct sel *s)
{
	free(s->id);
	free(s->only);
	memset(s, 0, sizeof(*s));
}

static const char *
scalar_of(yaml_document_t *d, int id)
{
	yaml_node_t *n = ks_yaml.yaml_document_get_node(d, id);

	if (n == NULL || n->type != YAML_SCALAR_NODE)
		return NULL;
	return (const char *)n->data.scalar.value;
}

/* Applies one segment to every node of `in`. */
static void
step(yaml_document_t *d, const struct seg *sg, const struct sel *in,
    struct sel *out)
{
	for (size_t i = 0; i < in->n && !out->cut; i++) {
		yaml_node_t *n = ks_yaml.yaml_document_get_node(d, in->id[i]);

		if (n == NULL)
			continue;
		if (n->type == YAML_MAPPING_NODE) {
			yaml_node_pair_t *pr;

			if (sg->kind == SEG_KEYS) {
				sel_add(out, in->id[i], sg);
				continue;
			}
			for (pr = n->data.mapping.pairs.start;
			    pr < n->data.mapping.pairs.top; pr++) {
				const char *k = scalar_of(d, pr->key);

				if (sg->kind == SEG_ALL)
					sel_add(out, pr->value, NULL);
				else if (sg->kind == SEG_KEY && k != NULL &&
				    strcmp(k, sg->keys[0]) == 0)
					sel_add(out, pr->value, NULL);
			}
		} else if (n->type == YAML_SEQUENCE_NODE) {
			yaml_node_item_t *a = n->data.sequence.items.start;
			long len = n->data.sequence.items.top - a;

			if (sg->kind == SEG_ALL)
				for (long k = 0; k < len; k++)
					sel_add(out, a[k], NULL);
			else if (sg->kind == SEG_INDEX) {
				long ix = sg->index < 0 ? len + sg->index :
				    sg->index;

				if (ix >= 0 && ix < len)
					sel_add(out, a[ix], NULL);
			}
		}
	}
}

/*
 * Field names: "Due to the limitation of the record type field names
 * could not contain uppercase letters, they will be converted to the
 * lowercase and escaped using the '^' symbol (the '^' symbol would be
 * escaped as well). For example 'myCamelCase^Key' would be collected as
 * 'my^camel^case^^^key'." (independent-system-characteristics-schema,
 * yamlfilecontent_item value).
 */
char *
probe_yaml_field_name(const char *key)
{
	struct ks_buf b;

	ks_buf_init(&b, 0);
	for (const char *p = key; *p != '\0'; p++) {
		if (*p == '^')
			ks_buf_puts(&b, "^^");
		else if (*p >= 'A' && *p <= 'Z') {
			ks_buf_putc(&b, '^');
			ks_buf_putc(&b, (char)(*p - 'A' + 'a'));
		} else
			ks_buf_putc(&b, *p);
	}
	if (b.len == 0)
		return ks_strdup("");
	return ks_buf_steal(&b);
}

struct rec {
	struct oval_item_ent	*f;
	uint32_t		 n;
};

static void
rec_add(struct oval_session *s, struct rec *r, const char *name,
    const char *value)
{
	char *fname = probe_yaml_field_name(name);

	r->f = ks_realloc(r->f, (r->n + 1) * sizeof(*r->f));
	memset(&r->f[r->n], 0, sizeof(r->f[r->n]));
	r->f[r->n].name = oval_intern(s, fname);
	r->f[r->n].value = oval_intern(s, value);
	r->f[r->n].dt = OVAL_DT_STRING;
	r->f[r->n].status = OVAL_ST_EXISTS;
	r->n++;
	free(fname);
}

/* Appends a record entity "value" that takes r's fields. */
static void
item_add_record(struct oval_session *s, struct oval_item *it, struct rec *r)
{
	struct oval_item_ent *e;

	it->ents = ks_realloc(it->ents, (it->nents + 1) * sizeof(*it->ents));
	e = &it->ents[it->nents++];
	memset(e, 0, sizeof(*e));
	e->name = oval_intern(s, "value");
	e->dt = OVAL_DT_RECORD;
	e->status = OVAL_ST_EXISTS;
	e->fields = r->f;
	e->nfields = r->n;
	r->f = NULL;
	r->n = 0;
}

/*
 * A map of scalars (or of sequences of scalars) as one record. Returns 0
 * or KS_EPARSE when a value is itself a map or a nested sequence.
 */
static int
map_record(struct oval_session *s, yaml_document_t *d, yaml_node_t *n,
    const struct seg *only, struct rec *r)
{
	for (yaml_node_pair_t *pr = n->data.mapping.pairs.start;
	    pr < n->data.mapping.pairs.top; pr++) {
		const char *k = scalar_of(d, pr->key), *v;
		yaml_node_t *vn;
		bool want = only == NULL;

		if (k == NULL)
			return KS_EPARSE;
		for (int i = 0; only != NULL && i < only->nkeys; i++)
			want |= strcmp(only->keys[i], k) == 0;
		if (!want)
			continue;
		vn = ks_yaml.yaml_document_get_node(d, pr->value);
		if ((v = scalar_of(d, pr->value)) != NULL) {
			rec_add(s, r, k, v);
			continue;
		}
		if (vn == NULL || vn->type != YAML_SEQUENCE_NODE)
			return KS_EPARSE;
		for (yaml_node_item_t *a = vn->data.sequence.items.start;
		    a < vn->data.sequence.items.top; a++) {
			if ((v = scalar_of(d, *a)) == NULL)
				return KS_EPARSE;
			rec_add(s, r, k, v);
		}
	}
	return 0;
}

struct yf {
	struct oval_session		*s;
	const struct oval_object	*o;
	struct oval_collected		*c;
	const char			*yamlpath;	/* text */
	struct ypath			 yp;
	bool				 item_errors;
	bool				 cut;
};

static void
base_ents(struct yf *y, struct oval_item *it, const char *filepath,
    const char *path, const char *filename, const char *content)
{
	probe_item_init(it, "independent", "yamlfilecontent_item");
	if (content != NULL) {
		probe_item_add(y->s, it, "content", content, OVAL_DT_STRING);
	} else {
		probe_item_add(y->s, it, "filepath", filepath,
		    OVAL_DT_STRING);
		probe_item_add(y->s, it, "path", path, OVAL_DT_STRING);
		probe_item_add(y->s, it, "filename", filename,
		    OVAL_DT_STRING);
	}
	probe_item_add(y->s, it, "yamlpath", y->yamlpath, OVAL_DT_STRING);
}

static void
error_item(struct yf *y, const char *filepath, const char *path,
    const char *filename, const char *content, const char *why)
{
	struct oval_item it;

	base_ents(y, &it, filepath, path, filename, content);
	it.status = OVAL_ST_ERROR;
	probe_item_msg(y->s, &it, "error", "%s: %s",
	    filepath != NULL ? filepath : "content", why);
	probe_item_commit(y->s, y->c, &it);
	y->item_errors = true;
}

/*
 * Evaluates the path on a YAML text and adds the item: scalars (and
 * sequences of scalars) become '#' fields of one record, each map one
 * record of its keys. Nothing selected: no item.
 */
static void
eval_text(struct yf *y, const char *text, size_t len, const char *filepath,
    const char *path, const char *filename, const char *content)
{
	yaml_parser_t parser;
	yaml_document_t doc;
	struct sel cur = { 0 }, next = { 0 };
	struct rec scal = { 0 }, r = { 0 };
	struct oval_item it;
	yaml_node_t *root;
	bool bad = false;

	if (!ks_yaml.yaml_parser_initialize(&parser)) {
		error_item(y, filepath, path, filename, content,
		    "cannot start the YAML parser");
		return;
	}
	ks_yaml.yaml_parser_set_input_string(&parser,
	    (const unsigned char *)text, len);
	if (!ks_yaml.yaml_parser_load(&parser, &doc)) {
		char why[256];
		int k = snprintf(why, sizeof(why), "YAML error at line %zu: "
		    "%s", parser.problem_mark.line + 1,
		    parser.problem != NULL ? parser.problem : "unknown");

		error_item(y, filepath, path, filename, content,
		    k > 0 ? why : "YAML error");
		ks_yaml.yaml_parser_delete(&parser);
		return;
	}
	root = ks_yaml.yaml_document_get_root_node(&doc);
	if (root == NULL)
		goto out;	/* an empty file selects nothing */
	sel_add(&cur, 1, NULL);
	for (int i = 0; i < y->yp.n; i++) {
		step(&doc, &y->yp.s[i], &cur, &next);
		sel_free(&cur);
		cur = next;
		memset(&next, 0, sizeof(next));
		if (cur.cut)
			break;
	}
	if (cur.cut) {
		error_item(y, filepath, path, filename, content,
		    "the YAML path selects too many nodes");
		goto out;
	}
	if (cur.n == 0)
		goto out;
	base_ents(y, &it, filepath, path, filename, content);
	for (size_t i = 0; i < cur.n && !bad; i++) {
		yaml_node_t *n = ks_yaml.yaml_document_get_node(&doc,
		    cur.id[i]);

		if (n == NULL)
			continue;
		if (n->type == YAML_SCALAR_NODE) {
			rec_add(y->s, &scal, "#",
			    (const char *)n->data.scalar.value);
		} else if (n->type == YAML_MAPPING_NODE) {
			if (map_record(y->s, &doc, n, cur.only[i], &r) < 0)
				bad = true;
			else if (r.n > 0)
				item_add_record(y->s, &it, &r);
		} else {
			for (yaml_node_item_t *a = n->data.sequence.items.start;
			    a < n->data.sequence.items.top && !bad; a++) {
				yaml_node_t *e =
				    ks_yaml.yaml_document_get_node(&doc, *a);

				if (e != NULL && e->type == YAML_SCALAR_NODE)
					rec_add(y->s, &scal, "#",
					    (const char *)e->data.scalar.value);
				else if (e != NULL &&
				    e->type == YAML_MAPPING_NODE) {
					if (map_record(y->s, &doc, e, NULL,
					    &r) < 0)
						bad = true;
					else if (r.n > 0)
						item_add_record(y->s, &it, &r);
				} else
					bad = true;
			}
		}
	}
	if (bad) {
		/* The schema: results other than scalars, sequences or maps
		 * of scalars "are considered as incorrect". */
		oval_item_clear(&it);
		error_item(y, filepath, path, filename, content, "the YAML "
		    "path selects nested collections, not scalars");
		goto out;
	}
	if (scal.n > 0) {
		/* The scalars first, as one record of '#' fields. */
		struct oval_item_ent *ents = it.ents;
		uint32_t n = it.nents;

		it.ents = NULL;
		it.nents = 0;
		for (uint32_t i = 0; i < n; i++) {
			if (ents[i].dt == OVAL_DT_RECORD)
				continue;
			it.ents = ks_realloc(it.ents, (it.nents + 1) *
			    sizeof(*it.ents));
			it.ents[it.nents++] = ents[i];
		}
		item_add_record(y->s, &it, &scal);
		for (uint32_t i = 0; i < n; i++) {
			if (ents[i].dt != OVAL_DT_RECORD)
				continue;
			it.ents = ks_realloc(it.ents, (it.nents + 1) *
			    sizeof(*it.ents));
			it.ents[it.nents++] = ents[i];
		}
		free(ents);
	}
	probe_item_commit(y->s, y->c, &it);
out:
	free(scal.f);
	free(r.f);
	sel_free(&cur);
	sel_free(&next);
	ks_yaml.yaml_document_delete(&doc);
	ks_yaml.yaml_parser_delete(&parser);
}

static int
file_cb(const char *filepath, const char *path, const char *filename,
    void *payload)
{
	struct yf *y = payload;
	char *data = NULL;
	size_t len = 0;
	int rc;

	ks_error_clear();
	rc = plat_fs_read_file(y->s->target, filepath, YAML_FILE_MAX, &data,
	    &len);
	if (rc == KS_ENOTFOUND) {
		ks_error_clear();
		return 0;
	}
	if (rc < 0) {
		error_item(y, filepath, path, filename, NULL, ks_error_msg());
		ks_error_clear();
		return 0;
	}
	eval_text(y, data, len, filepath, path, filename, NULL);
	free(data);
	return 0;
}

int
probe_yaml_collect(struct oval_session *s, const struct oval_object *o,
    struct oval_collected *c)
{
	struct yf y = { .s = s, .o = o, .c = c };
	const struct oval_entity *yp = probe_ent(o, "yamlpath");
	const struct oval_entity *content = probe_ent(o, "content");
	struct probe_files_result res;
	const char **vals = NULL;
	uint32_t n = 0;
	int rc;

	if (ks_dl_need(&ks_yaml_lib, "reading YAML") != 0) {
		probe_fail(s, o, c, NULL);
		return 0;
	}
	/* "Note that 'equals' is the only valid operator for the yamlpath
	 * entity." */
	if (yp == NULL) {
		ks_error_set("the yamlpath entity is required");
		probe_fail(s, o, c, NULL);
		return 0;
	}
	rc = probe_ent_literals(s, yp, &vals, &n);
	if (rc == KS_EUNSUPPORTED)
		ks_error_set("yamlpath: only 'equals' is allowed");
	if (rc < 0 || n != 1) {
		if (rc == 0)
			ks_error_set("yamlpath: one value is needed, the "
			    "variable has %u", n);
		probe_fail(s, o, c, "yamlpath");
		free(vals);
		return 0;
	}
	y.yamlpath = vals[0];
	free(vals);
	if (ypath_parse(y.yamlpath, &y.yp) < 0) {
		probe_fail(s, o, c, NULL);
		return 0;
	}
	if (content != NULL) {
		const char **cv = NULL;
		uint32_t cn = 0;

		rc = probe_ent_literals(s, content, &cv, &cn);
		if (rc < 0) {
			if (rc == KS_EUNSUPPORTED)
				ks_error_set("content: only 'equals' is "
				    "supported");
			probe_fail(s, o, c, "content");
		} else {
			for (uint32_t i = 0; i < cn; i++)
				eval_text(&y, cv[i], strlen(cv[i]), NULL,
				    NULL, NULL, cv[i]);
			probe_finish_flag(s, o, c, y.item_errors, false);
		}
		free(cv);
		ypath_free(&y.yp);
		return 0;
	}
	ks_error_clear();
	rc = probe_files_foreach(s, o, c, file_cb, &y, &res);
	if (rc < 0)
		probe_fail(s, o, c, NULL);
	else
		probe_finish_flag(s, o, c, y.item_errors, res.incomplete);
	ypath_free(&y.yp);
	return 0;
}
