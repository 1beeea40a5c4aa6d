/*
 * textfilecontent54_object (blocks of text a regular expression matches in
 * a file) and the deprecated textfilecontent_object (lines matching a
 * regular expression). Which files: probe_files.c; how the text is
 * compared with states: eval_*.c.
 */
#include "oval/probe_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct tmatch {
	size_t	 *ovec;		/* 2 * ngroups offsets */
	size_t	  ngroups;	/* pairs, group 0 included */
};

struct tf {
	struct oval_session		*s;
	const struct oval_object	*o;
	struct oval_collected		*c;
	const struct oval_entity	*instance;	/* or NULL: all */
	const char			**patterns;
	uint32_t			 npatterns;
	unsigned			 flags;		/* KS_RE_* */
	bool				 per_line;	/* old object */
	bool				 item_errors;
	bool				 cut;		/* a cap was hit */
	int				 err;		/* fatal: stop */
};

static void
add_file_ents(struct tf *t, struct oval_item *it, const char *filepath,
    const char *path, const char *filename)
{
	probe_item_add(t->s, it, "filepath", filepath, OVAL_DT_STRING);
	probe_item_add(t->s, it, "path", path, OVAL_DT_STRING);
	probe_item_add(t->s, it, "filename", filename, OVAL_DT_STRING);
}

/* A file that was selected but could not be read: an item in error. */
static void
error_item(struct tf *t, const char *filepath, const char *path,
    const char *filename, const char *why)
{
	struct oval_item it;

	probe_item_init(&it, "independent", "textfilecontent_item");
	it.status = OVAL_ST_ERROR;
	add_file_ents(t, &it, filepath, path, filename);
	probe_item_msg(t->s, &it, "error", "%s: %s", filepath, why);
	probe_item_commit(t->s, t->c, &it);
	t->item_errors = true;
}

/*
 * Whether match number i (1-based) of n satisfies the instance entity.
 * independent-definitions-schema, textfilecontent54_object instance: "If
 * the value is positive, the index of the specific match of the pattern
 * is counted from the beginning of the set of matches ... Negative values
 * are used to simplify collection of pattern match occurrences counting
 * backwards from the last match. To find the last match, use an instance
 * of -1". So a negative literal compares with i - n - 1.
 */
static int
instance_ok(struct tf *t, uint32_t i, uint32_t n)
{
	char buf[24];
	long long v = (long long)i;
	int k;

	if (t->instance == NULL)
		return 1;
	if (t->instance->var == OVAL_NONE && t->instance->value != NULL &&
	    t->instance->value[0] == '-')
		v = (long long)i - (long long)n - 1;
	k = snprintf(buf, sizeof(buf), "%lld", v);
	if (k < 0 || (size_t)k >= sizeof(buf))
		return KS_ERROR;
	return probe_match(t->s, t->instance, buf);
}

static void
add_match_item(struct tf *t, const char *filepath, const char *path,
    const char *filename, const char *pattern, uint32_t instance,
    const char *base, const struct tmatch *m)
{
	struct oval_item it;
	char num[16];
	char *text;
	int k;

	probe_item_init(&it, "independent", "textfilecontent_item");
	add_file_ents(t, &it, filepath, path, filename);
	probe_item_add(t->s, &it, "pattern", pattern, OVAL_DT_STRING);
	k = snprintf(num, sizeof(num), "%u", instance);
	if (k > 0 && (size_t)k < sizeof(num))
		probe_item_add(t->s, &it, "instance", num, OVAL_DT_INT);
	/* independent-system-characteristics-schema textfilecontent_item
	 * line: "represents a line in the file and is represented using a
	 * regular expression": the deprecated object's line pattern. */
	if (t->per_line)
		probe_item_add(t->s, &it, "line", pattern, OVAL_DT_STRING);
	text = ks_strndup(base + m->ovec[0], m->ovec[1] - m->ovec[0]);
	probe_item_add(t->s, &it, "text", text, OVAL_DT_STRING);
	free(text);
	for (size_t g = 1; g < m->ngroups; g++) {
		/* A group that took no part in the match has no value; the
		 * order of subexpressions does not matter (the schema). */
		if (m->ovec[2 * g] == SIZE_MAX)
			continue;
		text = ks_strndup(base + m->ovec[2 * g],
		    m->ovec[2 * g + 1] - m->ovec[2 * g]);
		probe_item_add(t->s, &it, "subexpression", text,
		    OVAL_DT_STRING);
		free(text);
	}
	probe_item_commit(t->s, t->c, &it);
}

/* Every match of re in data[0..len), as offsets into data. */
static int
find_matches(struct tf *t, const struct ks_regex *re, const char *data,
    size_t len, struct tmatch **out, uint32_t *nout)
{
	size_t ng = (size_t)ks_regex_groups(re) + 1;
	size_t pos = 0, cap = 0;
	struct tmatch *ms = NULL;
	uint32_t n = 0;
	int rc = 0;

	while (pos <= len) {
		size_t *ovec = ks_malloc(2 * ng * sizeof(*ovec));
		size_t got = ng;

		rc = ks_regex_exec(re, data, len, pos, ovec, &got);
		if (rc <= 0) {
			free(ovec);
			break;
		}
		if (n >= PROBE_MAX_MATCHES) {
			free(ovec);
			t->cut = true;
			break;
		}
		for (size_t g = got; g < ng; g++)
			ovec[2 * g] = ovec[2 * g + 1] = SIZE_MAX;
		ks_grow(&ms, &cap, n + 1, sizeof(*ms));
		ms[n].ovec = ovec;
		ms[n].ngroups = ng;
		n++;
		if (ovec[1] > pos) {
			pos = ovec[1];
		} else {
			/* An empty match: step over one (UTF-8) character. */
			pos = ovec[1] + 1;
			while (pos < len && ((unsigned char)data[pos] & 0xC0) ==
			    0x80)
				pos++;
		}
	}
	*out = ms;
	*nout = n;
	return rc < 0 ? rc : 0;
}

/* The deprecated object: the first match of re in each line, as offsets
 * into data. */
static int
find_line_matches(struct tf *t, const struct ks_regex *re, const char *data,
    size_t len, struct tmatch **out, uint32_t *nout)
{
	size_t ng = (size_t)ks_regex_groups(re) + 1, cap = 0;
	const char *line = data, *end = data + len;
	struct tmatch *ms = NULL;
	uint32_t n = 0;
	int rc = 0;

	while (line < end) {
		const char *nl = memchr(line, '\n', (size_t)(end - line));
		size_t ll = nl != NULL ? (size_t)(nl - line) :
		    (size_t)(end - line);
		size_t off = (size_t)(line - data), got = ng;
		size_t *ovec = ks_malloc(2 * ng * sizeof(*ovec));

		line = nl != NULL ? nl + 1 : end;
		rc = ks_regex_exec(re, data + off, ll, 0, ovec, &got);
		if (rc == 1 && n >= PROBE_MAX_MATCHES) {
			free(ovec);
			t->cut = true;
			rc = 0;
			break;
		}
		if (rc <= 0) {
			free(ovec);
			if (rc < 0)
				break;
			continue;
		}
		rc = 0;
		for (size_t g = 0; g < ng; g++)
			if (g >= got || ovec[2 * g] == SIZE_MAX)
				ovec[2 * g] = ovec[2 * g + 1] = SIZE_MAX;
			else {
				ovec[2 * g] += off;
				ovec[2 * g + 1] += off;
			}
		ks_grow(&ms, &cap, n + 1, sizeof(*ms));
		ms[n].ovec = ovec;
		ms[n].ngroups = ng;
		n++;
	}
	*out = ms;
	*nout = n;
	return rc;
}

static void
free_matches(struct tmatch *ms, uint32_t n)
{
	for (uint32_t i = 0; i < n; i++)
		free(ms[i].ovec);
	free(ms);
}

/* One pattern over a whole text (54) or over each line (deprecated). */
static int
scan_text(struct tf *t, const char *filepath, const char *path,
    const char *filename, const char *pattern, const char *data, size_t len)
{
	const struct ks_regex *re;
	struct tmatch *ms = NULL;
	uint32_t n = 0;
	int rc;

	ks_error_clear();
	if ((rc = ks_regex_cache_get(t->s->re, pattern, t->flags, &re)) < 0)
		return rc;
	if (t->per_line)
		rc = find_line_matches(t, re, data, len, &ms, &n);
	else
		rc = find_matches(t, re, data, len, &ms, &n);
	for (uint32_t i = 0; i < n && rc == 0; i++) {
		int ok = instance_ok(t, i + 1, n);

		if (ok < 0)
			rc = ok;
		else if (ok == 1)
			add_match_item(t, filepath, path, filename, pattern,
			    i + 1, data, &ms[i]);
	}
	free_matches(ms, n);
	return rc;
}

static int
file_cb(const char *filepath, const char *path, const char *filename,
    void *payload)
{
	struct tf *t = payload;
	char *data = NULL;
	size_t len = 0;
	int rc;

	ks_error_clear();
	rc = plat_fs_read_file(t->s->target, filepath, PROBE_TEXT_MAX, &data,
	    &len);
	if (rc == KS_ENOTFOUND) {
		ks_error_clear();	/* removed while we looked */
		return 0;
	}
	if (rc < 0) {
		error_item(t, filepath, path, filename, rc == KS_ELIMIT ?
		    "file larger than 256 MiB: not read" : ks_error_msg());
		return 0;
	}
	for (uint32_t p = 0; p < t->npatterns && rc == 0; p++)
		rc = scan_text(t, filepath, path, filename, t->patterns[p],
		    data, len);
	free(data);
	if (rc < 0) {
		t->err = rc;
		return 1;
	}
	return 0;
}

/* The regular expressions the pattern (or line) entity stands for. */
static int
patterns_of(struct tf *t, const struct oval_entity *e)
{
	const struct oval_values *v;

	if (e == NULL || e->nil) {
		ks_error_set("the %s entity is required",
		    t->per_line ? "line" : "pattern");
		return KS_EUNSUPPORTED;
	}
	/* Only a regular expression can select blocks of text. */
	if (e->op != OVAL_OP_PATTERN_MATCH) {
		ks_error_set("%s: operation '%s' is not supported, only "
		    "'pattern match'", e->name, oval_operation_name(e->op));
		return KS_EUNSUPPORTED;
	}
	if (e->var == OVAL_NONE) {
		t->patterns = ks_malloc(sizeof(*t->patterns));
		t->patterns[0] = e->value != NULL ? e->value : "";
		t->npatterns = 1;
		return 0;
	}
	/* Every value of the variable is a pattern of its own; the items of
	 * all are collected (var_check does not apply to a regex search). */
	v = oval_var_eval(t->s, e->var);
	if (v->flag == OVAL_FLAG_ERROR) {
		ks_error_set("%s: variable %s is in error: %s", e->name,
		    t->s->defs->vars[e->var].id,
		    v->msg != NULL ? v->msg : "no message");
		return KS_ERROR;
	}
	if (v->n > 0) {
		t->patterns = ks_malloc(v->n * sizeof(*t->patterns));
		memcpy(t->patterns, v->v, v->n * sizeof(*t->patterns));
	}
	t->npatterns = v->n;
	return 0;
}

static int
collect(struct oval_session *s, const struct oval_object *o,
    struct oval_collected *c, bool per_line)
{
	struct tf t = { .s = s, .o = o, .c = c, .per_line = per_line };
	struct probe_files_result res;
	int rc;

	ks_error_clear();
	if ((rc = patterns_of(&t, probe_ent(o, per_line ? "line" :
	    "pattern"))) < 0) {
		probe_fail(s, o, c, NULL);
		goto out;
	}
	if (!per_line) {
		/* Textfilecontent54Behaviors: multiline default true,
		 * singleline and ignore_case default false. */
		t.instance = probe_ent(o, "instance");
		if (probe_behavior_bool(o, "multiline", true))
			t.flags |= KS_RE_MULTILINE;
		if (probe_behavior_bool(o, "singleline", false))
			t.flags |= KS_RE_DOTALL;
		if (probe_behavior_bool(o, "ignore_case", false))
			t.flags |= KS_RE_CASELESS;
	}
	/* A bad regular expression is the object's error even when no file
	 * is found: compile every pattern up front (the cache keeps them). */
	for (uint32_t p = 0; p < t.npatterns; p++) {
		const struct ks_regex *re;

		ks_error_clear();
		if (ks_regex_cache_get(s->re, t.patterns[p], t.flags,
		    &re) < 0) {
			probe_fail(s, o, c, "pattern");
			goto out;
		}
	}
	ks_error_clear();
	rc = probe_files_foreach(s, o, c, file_cb, &t, &res);
	if (rc < 0 || t.err < 0) {
		probe_fail(s, o, c, NULL);
		goto out;
	}
	if (t.cut) {
		res.incomplete = true;
		oval_collected_msg(s, c, "warning", "%s %s: more than 100000 "
		    "matches in one file: the rest were not collected",
		    o->type, o->id);
	}
	probe_finish_flag(s, o, c, t.item_errors, res.incomplete);
out:
	free(t.patterns);
	return 0;
}

int
probe_textfile54_collect(struct oval_session *s, const struct oval_object *o,
    struct oval_collected *c)
{
	return collect(s, o, c, false);
}

int
probe_textfile_collect(struct oval_session *s, const struct oval_object *o,
    struct oval_collected *c)
{
	return collect(s, o, c, true);
}
