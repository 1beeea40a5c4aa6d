/*
 * Which files does a file-based OVAL object name? Resolves filepath, or path
 * and filename, with their operations and var_refs and the FileBehaviors
 * max_depth / recurse_direction, through the target's file system only.
 * Not the reading of the files: each collector does that in its callback.
 */
#include "oval/probe_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct dent {
	char		*name;
	enum plat_ftype	 type;
};
struct dlist {
	struct dent	*e;
	size_t		 n, cap;
};

struct fwalk {
	struct oval_session		*s;
	const struct oval_object	*o;
	struct oval_collected		*c;
	probe_file_cb			 cb;
	void				*payload;
	struct probe_files_result	*res;
	const struct oval_entity	*fp;		/* filepath, or NULL */
	const struct oval_entity	*path;
	const struct oval_entity	*fname;
	const char			**fnames;	/* equals literals */
	uint32_t			 nfnames;	/* or 0: list + match */
	char				*prefix;	/* of a regex */
	int				 max_depth;	/* -1: no limit */
	int				 direction;	/* 0 none 1 down 2 up */
	uint32_t			 ndirs;
	bool				 noted_cap;
	bool				 noted_depth;
};

static void
dlist_free(struct dlist *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->e[i].name);
	free(l->e);
	memset(l, 0, sizeof(*l));
}

static int
dlist_cb(const char *name, enum plat_ftype type, void *payload)
{
	struct dlist *l = payload;

	ks_grow(&l->e, &l->cap, l->n + 1, sizeof(*l->e));
	l->e[l->n].name = ks_strdup(name);
	l->e[l->n].type = type;
	l->n++;
	return 0;
}

void
probe_path_split(const char *filepath, char **dir, char **name)
{
	const char *slash = strrchr(filepath, '/');

	if (slash == NULL) {
		*dir = ks_strdup("");
		*name = ks_strdup(filepath);
		return;
	}
	*dir = slash == filepath ? ks_strdup("/") :
	    ks_strndup(filepath, (size_t)(slash - filepath));
	*name = ks_strdup(slash + 1);
}

char *
probe_path_join(const char *dir, const char *name)
{
	size_t n = strlen(dir);

	if (n > 0 && dir[n - 1] == '/')
		return ks_asprintf("%s%s", dir, name);
	return ks_asprintf("%s/%s", dir, name);
}

/* A problem that cuts part of the search (unreadable directory, a cap):
 * the object's flag becomes incomplete, the message says where. */
static void walk_incomplete(struct fwalk *w, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
static void
walk_incomplete(struct fwalk *w, const char *fmt, ...)
{
	va_list ap;
	char *m;
	int n;

	w->res->incomplete = true;
	va_start(ap, fmt);
	n = vasprintf(&m, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	oval_collected_msg(w->s, w->c, "warning", "%s", m);
	free(m);
}

/* Lists dir into l; 0, or 1 when the directory does not exist or cannot be
 * listed (noted), so the caller skips it. */
static int
walk_list(struct fwalk *w, const char *dir, struct dlist *l)
{
	int rc;

	memset(l, 0, sizeof(*l));
	if (++w->ndirs > PROBE_WALK_MAX_DIRS) {
		if (!w->noted_cap) {
			w->noted_cap = true;
			walk_incomplete(w, "search stopped at %s: more than "
			    "%u directories", dir, PROBE_WALK_MAX_DIRS);
		}
		return 1;
	}
	ks_error_clear();
	rc = plat_fs_list(w->s->target, dir, dlist_cb, l);
	if (rc == 0)
		return 0;
	dlist_free(l);
	/* A directory that does not exist (or is not one) holds no files;
	 * one that exists but cannot be listed cuts the search short. */
	if (rc != KS_ENOTFOUND) {
		struct plat_stat st;
		char *msg = ks_strdup(ks_error_msg());

		if (plat_fs_stat(w->s->target, dir, &st) == 0 &&
		    st.type == PLAT_FT_DIR)
			walk_incomplete(w, "cannot list %s: %s", dir, msg);
		free(msg);
	}
	ks_error_clear();
	return 1;
}

/* Whether entry `full` of type `t` is (or links to) a regular file. */
static bool
is_regular(struct fwalk *w, const char *full, enum plat_ftype t)
{
	struct plat_stat st;

	if (t == PLAT_FT_REG)
		return true;
	if (t != PLAT_FT_LNK)
		return false;
	if (plat_fs_stat(w->s->target, full, &st) < 0) {
		ks_error_clear();
		return false;
	}
	return st.type == PLAT_FT_REG;
}

/* The objects that read files "only collect regular files" (the schema):
 * a directory or device named exactly is skipped, and said so. */
static void
not_regular(struct fwalk *w, const char *full)
{
	oval_collected_msg(w->s, w->c, "info", "%s is not a regular file: "
	    "not collected", full);
}

static int
emit(struct fwalk *w, const char *filepath, const char *dir,
    const char *name)
{
	w->res->nfiles++;
	return w->cb(filepath, dir, name, w->payload);
}

/* Matches the filename entity against every regular file of `dir` (or
 * looks the equals literals up directly). Returns 0, the callback's value,
 * or KS_ERROR (message set) when the comparison itself fails. */
static int
files_in_dir(struct fwalk *w, const char *dir, const struct dlist *pre)
{
	struct dlist l;
	int rc = 0;

	if (w->nfnames > 0) {
		for (uint32_t i = 0; i < w->nfnames && rc == 0; i++) {
			char *full;
			struct plat_stat st;

			/* A name with a slash would step out of dir. */
			if (strchr(w->fnames[i], '/') != NULL ||
			    w->fnames[i][0] == '\0')
				continue;
			full = probe_path_join(dir, w->fnames[i]);
			if (plat_fs_stat(w->s->target, full, &st) < 0) {
				ks_error_clear();
			} else if (st.type != PLAT_FT_REG) {
				/* Said only for a name looked up once, not
				 * for every level of a recursion. */
				if (w->direction == 0)
					not_regular(w, full);
			} else {
				/* var_check over several values decides. */
				rc = w->fname->var == OVAL_NONE ? 1 :
				    probe_match(w->s, w->fname, w->fnames[i]);
				if (rc == 1)
					rc = emit(w, full, dir, w->fnames[i]);
			}
			free(full);
		}
		return rc;
	}
	if (pre == NULL) {
		if (walk_list(w, dir, &l) != 0)
			return 0;
		pre = &l;
	}
	for (size_t i = 0; i < pre->n && rc == 0; i++) {
		char *full = probe_path_join(dir, pre->e[i].name);

		if (is_regular(w, full, pre->e[i].type)) {
			rc = probe_match(w->s, w->fname, pre->e[i].name);
			if (rc == 1)
				rc = emit(w, full, dir, pre->e[i].name);
		}
		free(full);
	}
	if (pre == &l)
		dlist_free(&l);
	return rc;
}

/* recurse_direction="down": dir and its sub-directories up to max_depth
 * levels (links to directories are not followed). */
static int
recurse_down(struct fwalk *w, const char *dir, int level)
{
	struct dlist l;
	int rc;
	bool deeper = w->max_depth < 0 || level < w->max_depth;

	if (walk_list(w, dir, &l) != 0)
		return 0;
	rc = files_in_dir(w, dir, w->nfnames > 0 ? NULL : &l);
	if (deeper && level >= PROBE_WALK_MAX_DEPTH) {
		if (!w->noted_depth)
			walk_incomplete(w, "recursion stopped below %s: deeper "
			    "than %d levels", dir, PROBE_WALK_MAX_DEPTH);
		w->noted_depth = true;
		deeper = false;
	}
	for (size_t i = 0; i < l.n && rc == 0 && deeper; i++) {
		char *sub;

		if (l.e[i].type != PLAT_FT_DIR)
			continue;
		sub = probe_path_join(dir, l.e[i].name);
		rc = recurse_down(w, sub, level + 1);
		free(sub);
	}
	dlist_free(&l);
	return rc;
}

/* A directory the path entity selected, with the recursion behaviors. */
static int
path_selected(struct fwalk *w, const char *dir)
{
	int rc;

	if (w->direction == 1 && w->max_depth != 0)
		return recurse_down(w, dir, 0);
	rc = files_in_dir(w, dir, NULL);
	if (w->direction == 2 && w->max_depth != 0) {
		/* recurse_direction="up": the parents of dir, up to max_depth
		 * levels; they are computed from the text, so a path that
		 * does not exist still leads to its existing parents. */
		char *cur = ks_strdup(dir);

		for (int lvl = 0; rc == 0 && strcmp(cur, "/") != 0 &&
		    (w->max_depth < 0 || lvl < w->max_depth); lvl++) {
			char *parent, *name;

			probe_path_split(cur, &parent, &name);
			free(name);
			free(cur);
			cur = parent;
			if (cur[0] == '\0')
				break;
			rc = files_in_dir(w, cur, NULL);
		}
		free(cur);
	}
	return rc;
}

/*
 * The literal start of an anchored regular expression, used to begin a
 * directory walk as deep as possible ("^/etc/ssh/.*" starts at /etc/ssh).
 * Conservative: anything that could make the prefix wrong (alternation,
 * an optional character, an escape class) ends it. Returns a malloc'd
 * absolute prefix, "/" when there is none.
 */
static char *
regex_prefix(const char *re)
{
	struct ks_buf b;
	const char *p;

	if (re[0] != '^' || strchr(re, '|') != NULL)
		return ks_strdup("/");
	ks_buf_init(&b, 0);
	for (p = re + 1; *p != '\0';) {
		char lit;
		size_t adv;
		char q;

		if (*p == '\\') {
			/* An escaped punctuation character is literal; \d,
			 * \w, \Q... are not. */
			if (p[1] == '\0' || (p[1] >= 'a' && p[1] <= 'z') ||
			    (p[1] >= 'A' && p[1] <= 'Z') ||
			    (p[1] >= '0' && p[1] <= '9'))
				break;
			lit = p[1];
			adv = 2;
		} else if (strchr(".[]()*+?{}|^$", *p) != NULL) {
			break;
		} else {
			lit = *p;
			adv = 1;
		}
		q = p[adv];
		if (q == '*' || q == '?' || q == '{')
			break;	/* this character is optional or repeated */
		ks_buf_putc(&b, lit);
		if (q == '+')
			break;
		p += adv;
	}
	if (b.len == 0 || b.data[0] != '/') {
		ks_buf_free(&b);
		return ks_strdup("/");
	}
	return ks_buf_steal(&b);
}

/* Whether some path at or below dir can start with the prefix. */
static bool
could_lead(const char *prefix, const char *dir)
{
	size_t dl = strlen(dir), pl = strlen(prefix);
	char *d;
	bool ok;

	if (strcmp(dir, "/") == 0)
		return true;
	d = ks_asprintf("%s/", dir);
	dl++;
	ok = strncmp(d, prefix, dl < pl ? dl : pl) == 0;
	free(d);
	return ok;
}

/* Pseudo file systems hold no configuration or content files and are
 * huge or endless on a live host: never walked into. */
static bool
skip_dir(const char *full)
{
	return strcmp(full, "/proc") == 0 || strcmp(full, "/sys") == 0 ||
	    strcmp(full, "/dev") == 0;
}

/*
 * Walks down from dir looking for what the filepath entity (files) or the
 * path entity (directories) selects, pruned by the regex prefix.
 */
static int
walk_search(struct fwalk *w, const char *dir, int depth)
{
	struct dlist l;
	int rc = 0;

	if (w->fp == NULL) {
		rc = probe_match(w->s, w->path, dir);
		if (rc == 1)
			rc = path_selected(w, dir);
		if (rc != 0)
			return rc;
	}
	if (walk_list(w, dir, &l) != 0)
		return 0;
	for (size_t i = 0; i < l.n && rc == 0; i++) {
		char *full = probe_path_join(dir, l.e[i].name);

		if (w->fp != NULL && is_regular(w, full, l.e[i].type)) {
			rc = probe_match(w->s, w->fp, full);
			if (rc == 1)
				rc = emit(w, full, dir, l.e[i].name);
		}
		if (rc == 0 && l.e[i].type == PLAT_FT_DIR &&
		    could_lead(w->prefix, full) && !skip_dir(full)) {
			if (depth >= PROBE_WALK_MAX_DEPTH) {
				if (!w->noted_depth)
					walk_incomplete(w, "search stopped "
					    "below %s: deeper than %d levels",
					    dir, PROBE_WALK_MAX_DEPTH);
				w->noted_depth = true;
			} else
				rc = walk_search(w, full, depth + 1);
		}
		free(full);
	}
	dlist_free(&l);
	return rc;
}

/* Where a walk for entity e starts: the directory part of its regex's
 * literal prefix, or "/". */
static char *
walk_start(struct fwalk *w, const struct oval_entity *e)
{
	const char *re = e->value;
	char *start, *name;
	size_t n;

	if (e->op == OVAL_OP_PATTERN_MATCH && e->var == OVAL_NONE &&
	    re != NULL)
		w->prefix = regex_prefix(re);
	else
		w->prefix = ks_strdup("/");
	n = strlen(w->prefix);
	if (n > 1 && w->prefix[n - 1] == '/')
		return ks_strndup(w->prefix, n - 1);
	probe_path_split(w->prefix, &start, &name);
	free(name);
	if (start[0] == '\0') {
		free(start);
		start = ks_strdup("/");
	}
	return start;
}

static int
by_filepath(struct fwalk *w)
{
	const char **vals = NULL;
	uint32_t n = 0;
	int rc;

	rc = probe_ent_literals(w->s, w->fp, &vals, &n);
	if (rc == KS_EUNSUPPORTED) {
		char *start;

		if (w->fp->nil) {
			ks_error_set("filepath cannot be nil");
			return KS_EUNSUPPORTED;
		}
		start = walk_start(w, w->fp);
		rc = walk_search(w, start, 0);
		free(start);
		return rc;
	}
	if (rc < 0)
		return rc;
	for (uint32_t i = 0; i < n && rc == 0; i++) {
		struct plat_stat st;
		char *dir, *name;

		/* A relative path names nothing on the target. */
		if (vals[i][0] != '/')
			continue;
		if (plat_fs_stat(w->s->target, vals[i], &st) < 0) {
			ks_error_clear();
			continue;
		}
		if (st.type != PLAT_FT_REG) {
			not_regular(w, vals[i]);
			continue;
		}
		if (w->fp->var != OVAL_NONE &&
		    (rc = probe_match(w->s, w->fp, vals[i])) != 1)
			continue;
		probe_path_split(vals[i], &dir, &name);
		rc = emit(w, vals[i], dir, name);
		free(dir);
		free(name);
	}
	free(vals);
	return rc;
}

static int
by_path(struct fwalk *w)
{
	const char **vals = NULL;
	uint32_t n = 0;
	int rc;

	if (w->fname == NULL) {
		ks_error_set("a path needs a filename entity");
		return KS_EUNSUPPORTED;
	}
	if (w->fname->nil) {
		ks_error_set("a nil filename (directories only) is not "
		    "supported by this object");
		return KS_EUNSUPPORTED;
	}
	if (w->path->nil) {
		ks_error_set("path cannot be nil");
		return KS_EUNSUPPORTED;
	}
	rc = probe_ent_literals(w->s, w->fname, &w->fnames, &w->nfnames);
	if (rc < 0 && rc != KS_EUNSUPPORTED)
		return rc;
	if (rc == 0 && w->nfnames == 0)
		return 0;	/* a variable without values names nothing */
	rc = probe_ent_literals(w->s, w->path, &vals, &n);
	if (rc == KS_EUNSUPPORTED) {
		char *start = walk_start(w, w->path);

		rc = walk_search(w, start, 0);
		free(start);
		return rc;
	}
	if (rc < 0)
		return rc;
	for (uint32_t i = 0; i < n && rc == 0; i++) {
		if (vals[i][0] != '/')
			continue;
		if (w->path->var != OVAL_NONE &&
		    (rc = probe_match(w->s, w->path, vals[i])) != 1)
			continue;
		rc = path_selected(w, vals[i]);
	}
	free(vals);
	return rc;
}

int
probe_files_foreach(struct oval_session *s, const struct oval_object *o,
    struct oval_collected *c, probe_file_cb cb, void *payload,
    struct probe_files_result *res)
{
	struct fwalk w;
	const char *dir, *md;
	char *end;
	int rc;

	memset(res, 0, sizeof(*res));
	memset(&w, 0, sizeof(w));
	w.s = s;
	w.o = o;
	w.c = c;
	w.cb = cb;
	w.payload = payload;
	w.res = res;
	w.fp = probe_ent(o, "filepath");
	w.path = probe_ent(o, "path");
	w.fname = probe_ent(o, "filename");
	w.max_depth = -1;
	md = probe_behavior(o, "max_depth", "-1");
	w.max_depth = (int)strtol(md, &end, 10);
	if (*end != '\0' || w.max_depth < -1)
		w.max_depth = -1;
	dir = probe_behavior(o, "recurse_direction", "none");
	w.direction = strcmp(dir, "down") == 0 ? 1 :
	    strcmp(dir, "up") == 0 ? 2 : 0;
	if (w.fp != NULL)
		rc = by_filepath(&w);
	else if (w.path != NULL)
		rc = by_path(&w);
	else {
		ks_error_set("the object has neither filepath nor path");
		rc = KS_EUNSUPPORTED;
	}
	free(w.fnames);
	free(w.prefix);
	return rc;
}
