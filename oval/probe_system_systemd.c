/*
 * systemdunitproperty_object and systemdunitdependency_object. On the live
 * host with systemd running, from the manager over D-Bus (platform.h's
 * plat_systemd_*): every property it has, runtime state included. Else
 * (an offline root, an image, a container without systemd) from unit
 * files: systemd's search path and precedence, aliases, masks, templates,
 * drop-ins and .wants/.requires directories, read through the target's
 * file system; properties only the running manager knows (ActiveState,
 * SubState, MainPID...) are then "not collected" with a message. This
 * file does not talk D-Bus itself.
 */
#include "oval/probe_system_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SD_FILE_MAX	(1u << 20)	/* one unit file or drop-in */
#define SD_MAX_UNITS	20000u		/* units listed or loaded */
#define SD_MAX_DROPINS	256u		/* drop-ins of one unit */
#define SD_MAX_LIST	4096u		/* values of one list property */

/*
 * The system unit search path in priority order, as systemd.unit(5) "Unit
 * File Load Path" lists it (Debian's build adds /lib/systemd/system before
 * /usr/lib/systemd/system; on merged-/usr systems both are one directory).
 */
static const char *const sd_dirs[] = {
	"/etc/systemd/system.control", "/run/systemd/system.control",
	"/run/systemd/transient", "/run/systemd/generator.early",
	"/etc/systemd/system", "/etc/systemd/system.attached",
	"/run/systemd/system", "/run/systemd/system.attached",
	"/run/systemd/generator", "/usr/local/lib/systemd/system",
	"/lib/systemd/system", "/usr/lib/systemd/system",
	"/run/systemd/generator.late",
};
#define SD_NDIRS (sizeof(sd_dirs) / sizeof(sd_dirs[0]))

/* Directories whose .wants and .requires links mean "enabled" (and in /run
 * "enabled-runtime"): the configuration directories, not vendor ones. */
static bool
sd_dir_is_config(const char *d)
{
	return strcmp(d, "/etc/systemd/system") == 0;
}

static bool
sd_dir_is_runtime(const char *d)
{
	return strcmp(d, "/run/systemd/system") == 0;
}

static bool
sd_dir_is_generator(const char *d)
{
	return strncmp(d, "/run/systemd/generator", 22) == 0;
}

static const char *const sd_types[] = {
	".service", ".socket", ".target", ".timer", ".mount", ".automount",
	".swap", ".path", ".slice", ".scope", ".device",
};

/* The type suffix of a unit name (".service"), or NULL if it is none. */
static const char *
sd_suffix(const char *name)
{
	const char *dot = strrchr(name, '.');

	if (dot == NULL || dot == name)
		return NULL;
	for (size_t i = 0; i < sizeof(sd_types) / sizeof(*sd_types); i++)
		if (strcmp(dot, sd_types[i]) == 0)
			return dot;
	return NULL;
}

/* ---- one loaded unit ----------------------------------------------------- */
struct sd_kv {
	char	*sect, *key, *val;
};

enum sd_load { SD_NOT_FOUND, SD_LOADED, SD_MASKED };

struct sd_unit {
	char		*name;		/* as asked */
	char		*id;		/* after following an alias link */
	enum sd_load	 load;
	char		*fragment;	/* FragmentPath, or NULL */
	const char	*frag_dir;	/* its search directory */
	char		**dropins;	/* DropInPaths, applied in this order */
	uint32_t	 ndropins;
	struct sd_kv	*kv;		/* fragment, then drop-ins */
	uint32_t	 nkv, nfragkv;
	char		*err;		/* a file that could not be read */
};

static void
sd_unit_free(void *p)
{
	struct sd_unit *u = p;

	if (u == NULL)
		return;
	free(u->name);
	free(u->id);
	free(u->fragment);
	for (uint32_t i = 0; i < u->ndropins; i++)
		free(u->dropins[i]);
	free(u->dropins);
	for (uint32_t i = 0; i < u->nkv; i++) {
		free(u->kv[i].sect);
		free(u->kv[i].key);
		free(u->kv[i].val);
	}
	free(u->kv);
	free(u->err);
	free(u);
}

/* A growing list of distinct strings, at most `max` (0: SD_MAX_LIST); an
 * index finds duplicates once the list is long. */
struct sd_list {
	char		**v;
	uint32_t	  n, max;
	size_t		  cap;
	struct ks_map	 *set;
};

static bool
sd_list_has(const struct sd_list *l, const char *s)
{
	if (l->set != NULL)
		return ks_map_get(l->set, s) != NULL;
	for (uint32_t i = 0; i < l->n; i++)
		if (strcmp(l->v[i], s) == 0)
			return true;
	return false;
}

static void
sd_list_add(struct sd_list *l, const char *s, size_t len)
{
	char *d = ks_strndup(s, len);

	if (sd_list_has(l, d) || l->n >= (l->max != 0 ? l->max :
	    SD_MAX_LIST)) {
		free(d);
		return;
	}
	ks_grow(&l->v, &l->cap, l->n + 1, sizeof(*l->v));
	l->v[l->n++] = d;
	if (l->n == 64 && l->set == NULL && ks_map_new(&l->set) == 0)
		for (uint32_t i = 0; i < l->n; i++)
			(void)ks_map_put(l->set, l->v[i], l->v[i]);
	else if (l->set != NULL)
		(void)ks_map_put(l->set, d, d);
}

static void
sd_list_clear(struct sd_list *l)
{
	for (uint32_t i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
	ks_map_free(l->set);
	memset(l, 0, sizeof(*l));
}

static int
sd_strcmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* A unit as the running manager reports it (plat_systemd_unit_props). */
struct sd_bprop {
	char		*name;
	struct sd_list	 vals;
	bool		 truncated;
};

struct sd_bunit {
	int		 rc;		/* 0, KS_ENOTFOUND, KS_ERROR */
	char		*err;		/* message when rc is KS_ERROR */
	struct sd_bprop	*props;
	size_t		 nprops, cap;
};

static void
sd_bunit_free(struct sd_bunit *u)
{
	if (u == NULL)
		return;
	for (size_t i = 0; i < u->nprops; i++) {
		free(u->props[i].name);
		sd_list_clear(&u->props[i].vals);
	}
	free(u->props);
	free(u->err);
	free(u);
}

/* Session state (PROBE_SLOT_SYSTEM): where units come from, decided once
 * per scan, and the units loaded so far. */
struct sd_state {
	bool		 probed;	/* bus/why decided */
	struct plat_systemd *bus;	/* the live manager, or NULL: files */
	char		*why;		/* why a live host used files */
	struct ks_map	*units;		/* name -> struct sd_unit * */
	struct sd_unit	**all;		/* for freeing */
	size_t		 nall, cap;
	struct ks_map	*bunits;	/* name -> struct sd_bunit * */
	struct sd_bunit	**ball;		/* for freeing */
	char		**bnames;	/* their keys */
	size_t		 nball, bcap, bncap;
	struct sd_list	 names;		/* all unit names, sorted */
	bool		 listed;
	int		 list_rc;	/* listing the manager's units */
	char		*list_err;
	struct {
		const char	*part;	/* a unit id (borrowed from all) */
		char		*whole;	/* the unit its PartOf= names */
	}		*partof;
	size_t		 npartof, partof_cap;
	bool		 partof_indexed;
};

static void
sd_state_free(void *p)
{
	struct sd_state *st = p;

	if (st == NULL)
		return;
	plat_systemd_free(st->bus);
	free(st->why);
	ks_map_free(st->units);
	for (size_t i = 0; i < st->nall; i++)
		sd_unit_free(st->all[i]);
	free(st->all);
	ks_map_free(st->bunits);
	for (size_t i = 0; i < st->nball; i++) {
		sd_bunit_free(st->ball[i]);
		free(st->bnames[i]);
	}
	free(st->ball);
	free(st->bnames);
	sd_list_clear(&st->names);
	free(st->list_err);
	for (size_t i = 0; i < st->npartof; i++)
		free(st->partof[i].whole);
	free(st->partof);
	free(st);
}

static struct sd_state *
sd_state(struct oval_session *s)
{
	struct sd_state *st = s->probe_state[PROBE_SLOT_SYSTEM];

	if (st != NULL)
		return st;
	st = ks_calloc(1, sizeof(*st));
	if (ks_map_new(&st->units) < 0)
		st->units = NULL;	/* only a cache */
	if (ks_map_new(&st->bunits) < 0)
		st->bunits = NULL;
	st->names.max = SD_MAX_UNITS;
	s->probe_state[PROBE_SLOT_SYSTEM] = st;
	s->probe_free[PROBE_SLOT_SYSTEM] = sd_state_free;
	return st;
}

/*
 * The running manager when the target is the live host and systemd
 * answers on the system bus; NULL otherwise (unit files are read, and on
 * the live host st->why says why).
 */
static struct plat_systemd *
sd_bus(struct oval_session *s)
{
	struct sd_state *st = sd_state(s);

	if (st->probed)
		return st->bus;
	st->probed = true;
	if (!plat_target_is_live(s->target))
		return NULL;
	ks_error_clear();
	if (plat_systemd_open(s->target, &st->bus) != 0) {
		st->bus = NULL;
		st->why = ks_asprintf("%s: properties and dependencies read "
		    "from unit files", ks_error_msg());
		ks_error_clear();
	}
	return st->bus;
}

static int
sd_bprop_cb(const struct plat_systemd_prop *p, void *payload)
{
	struct sd_bunit *u = payload;
	struct sd_bprop *bp;

	ks_grow(&u->props, &u->cap, u->nprops + 1, sizeof(*u->props));
	bp = &u->props[u->nprops++];
	memset(bp, 0, sizeof(*bp));
	bp->name = ks_strdup(p->name);
	/* Values are kept as the manager gives them, duplicates too. */
	for (size_t i = 0; i < p->nvalues; i++) {
		ks_grow(&bp->vals.v, &bp->vals.cap, bp->vals.n + 1,
		    sizeof(char *));
		bp->vals.v[bp->vals.n++] = ks_strdup(p->values[i]);
	}
	bp->truncated = p->truncated;
	return 0;
}

/* The property `name` of a unit from the manager, or NULL. */
static const struct sd_bprop *
sd_bprop(const struct sd_bunit *u, const char *name)
{
	for (size_t i = 0; i < u->nprops; i++)
		if (strcmp(u->props[i].name, name) == 0)
			return &u->props[i];
	return NULL;
}

/*
 * A unit from the manager (cached). rc is KS_ENOTFOUND for a name the
 * manager has no unit for, or whose LoadState is "not-found" (the unit is
 * only referenced); KS_ERROR with err for a D-Bus failure. Never NULL.
 */
static struct sd_bunit *
sd_bload(struct oval_session *s, const char *name)
{
	struct sd_state *st = sd_state(s);
	struct sd_bunit *u;
	const struct sd_bprop *ls;

	if (st->bunits != NULL && (u = ks_map_get(st->bunits, name)) != NULL)
		return u;
	u = ks_calloc(1, sizeof(*u));
	ks_error_clear();
	u->rc = plat_systemd_unit_props(st->bus, name, sd_bprop_cb, u);
	if (u->rc != 0 && u->rc != KS_ENOTFOUND) {
		u->rc = KS_ERROR;
		u->err = ks_strdup(ks_error_msg());
	}
	ls = sd_bprop(u, "LoadState");
	if (u->rc == 0 && ls != NULL && ls->vals.n == 1 &&
	    strcmp(ls->vals.v[0], "not-found") == 0)
		u->rc = KS_ENOTFOUND;
	ks_error_clear();
	ks_grow(&st->ball, &st->bcap, st->nball + 1, sizeof(*st->ball));
	ks_grow(&st->bnames, &st->bncap, st->nball + 1,
	    sizeof(*st->bnames));
	st->ball[st->nball] = u;
	st->bnames[st->nball] = ks_strdup(name);
	if (st->bunits != NULL && ks_map_count(st->bunits) < SD_MAX_UNITS)
		(void)ks_map_put(st->bunits, st->bnames[st->nball], u);
	st->nball++;
	return u;
}

/* ---- unit file parsing --------------------------------------------------- */
static char *
sd_trim(const char *p, const char *end)
{
	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	while (end > p && (end[-1] == ' ' || end[-1] == '\t' ||
	    end[-1] == '\r'))
		end--;
	return ks_strndup(p, (size_t)(end - p));
}

static void
sd_kv_add(struct sd_unit *u, size_t *cap, const char *sect, const char *key,
    const char *val)
{
	struct sd_kv *kv;

	ks_grow(&u->kv, cap, u->nkv + 1, sizeof(*u->kv));
	kv = &u->kv[u->nkv++];
	kv->sect = ks_strdup(sect);
	kv->key = ks_strdup(key);
	kv->val = ks_strdup(val);
}

/*
 * Parses an ini-style unit file as systemd.syntax(7) describes: "[Section]"
 * headers, "Key=Value" lines, "#" and ";" comments, and a trailing
 * backslash continuing a line (replaced by a space; comment lines inside
 * a continuation are skipped).
 */
static void
sd_parse(struct sd_unit *u, size_t *cap, const char *data, size_t len)
{
	const char *p = data, *end = data + len, *nl, *eq;
	char *sect = ks_strdup(""), *key, *val;
	struct ks_buf line;

	ks_buf_init(&line, SD_FILE_MAX);
	while (p < end) {
		ks_buf_reset(&line);
		for (;;) {
			const char *q;

			nl = memchr(p, '\n', (size_t)(end - p));
			if (nl == NULL)
				nl = end;
			q = p;
			while (q < nl && (*q == ' ' || *q == '\t'))
				q++;
			if (line.len > 0 && q < nl && (*q == '#' ||
			    *q == ';')) {
				p = nl < end ? nl + 1 : end;
				if (p >= end)
					break;
				continue;
			}
			q = nl;
			if (q > p && q[-1] == '\r')
				q--;
			if (q > p && q[-1] == '\\') {
				(void)ks_buf_append(&line, p,
				    (size_t)(q - 1 - p));
				(void)ks_buf_putc(&line, ' ');
				p = nl < end ? nl + 1 : end;
				if (p >= end)
					break;
				continue;
			}
			(void)ks_buf_append(&line, p, (size_t)(q - p));
			p = nl < end ? nl + 1 : end;
			break;
		}
		(void)ks_buf_putc(&line, '\0');
		{
			const char *l = line.data, *le = l + strlen(l);

			while (l < le && (*l == ' ' || *l == '\t'))
				l++;
			if (l == le || *l == '#' || *l == ';')
				continue;
			if (*l == '[') {
				const char *rb = memchr(l, ']', (size_t)(le -
				    l));

				if (rb != NULL) {
					free(sect);
					sect = ks_strndup(l + 1,
					    (size_t)(rb - l - 1));
				}
				continue;
			}
			eq = memchr(l, '=', (size_t)(le - l));
			if (eq == NULL)
				continue;
			key = sd_trim(l, eq);
			val = sd_trim(eq + 1, le);
			sd_kv_add(u, cap, sect, key, val);
			free(key);
			free(val);
		}
	}
	ks_buf_free(&line);
	free(sect);
}

static void
sd_set_err(struct sd_unit *u, const char *path)
{
	if (u->err == NULL)
		u->err = ks_asprintf("%s: %s", path, ks_error_msg());
}

static void
sd_read(struct plat_target *t, struct sd_unit *u, size_t *cap,
    const char *path)
{
	char *data = NULL;
	size_t len = 0;

	ks_error_clear();
	if (plat_fs_read_file(t, path, SD_FILE_MAX, &data, &len) != 0) {
		sd_set_err(u, path);
		return;
	}
	sd_parse(u, cap, data, len);
	free(data);
}

/* ---- finding the files of a unit ----------------------------------------- */
static char *
sd_join(const char *dir, const char *name)
{
	return ks_asprintf("%s/%s", dir, name);
}

static const char *
sd_base(const char *path)
{
	const char *b = strrchr(path, '/');

	return b != NULL ? b + 1 : path;
}

/*
 * Looks `name` up along the search path: the first directory holding it
 * wins. A link to /dev/null or an empty file masks the unit
 * (systemd.unit(5): "If a unit file is empty (i.e. has the file size 0) or
 * is symlinked to /dev/null, its configuration will not be loaded and it
 * appears with a load state of "masked""). A link to a file with another
 * unit name makes `name` an alias of that unit. Returns true when found.
 */
static bool
sd_find(struct plat_target *t, struct sd_unit *u, const char *name)
{
	struct plat_stat st;
	char *path, *link = NULL, *real = NULL;
	size_t i;

	for (i = 0; i < SD_NDIRS; i++) {
		path = sd_join(sd_dirs[i], name);
		ks_error_clear();
		if (plat_fs_lstat(t, path, &st) != 0) {
			free(path);
			continue;
		}
		if (st.type == PLAT_FT_DIR) {
			free(path);
			continue;
		}
		u->frag_dir = sd_dirs[i];
		if (st.type == PLAT_FT_LNK) {
			if (plat_fs_readlink(t, path, &link) == 0 &&
			    strcmp(link, "/dev/null") == 0) {
				free(link);
				u->load = SD_MASKED;
				u->fragment = path;
				return true;
			}
			free(link);
			link = NULL;
			if (plat_fs_realpath(t, path, &real) != 0 ||
			    plat_fs_stat(t, real, &st) != 0) {
				/* A dangling link: systemd skips it. */
				free(real);
				real = NULL;
				free(path);
				continue;
			}
			if (strcmp(real, "/dev/null") == 0) {
				free(real);
				u->load = SD_MASKED;
				u->fragment = path;
				return true;
			}
			free(path);
			path = real;
			real = NULL;
			if (strcmp(sd_base(path), name) != 0 &&
			    sd_suffix(sd_base(path)) != NULL) {
				free(u->id);
				u->id = ks_strdup(sd_base(path));
			}
		}
		if (st.type != PLAT_FT_REG) {
			free(path);
			continue;
		}
		u->fragment = path;
		u->load = st.size == 0 ? SD_MASKED : SD_LOADED;
		return true;
	}
	return false;
}

/* "foo@bar.service" -> "foo@.service"; NULL when not an instance. */
static char *
sd_template(const char *name)
{
	const char *at = strchr(name, '@'), *dot = strrchr(name, '.');

	if (at == NULL || dot == NULL || dot <= at + 1)
		return NULL;
	return ks_asprintf("%.*s%s", (int)(at - name + 1), name, dot);
}

struct sd_dropin_walk {
	struct plat_target	*t;
	const char		*dir;
	struct sd_list		*seen;		/* basenames */
	struct sd_list		*paths;
};

static int
sd_dropin_cb(const char *name, enum plat_ftype type, void *payload)
{
	struct sd_dropin_walk *w = payload;
	size_t n = strlen(name);
	char *path, *link = NULL;

	if (n < 6 || strcmp(name + n - 5, ".conf") != 0 ||
	    type == PLAT_FT_DIR)
		return 0;
	if (sd_list_has(w->seen, name))
		return 0;	/* a higher-priority directory has it */
	sd_list_add(w->seen, name, n);
	path = sd_join(w->dir, name);
	/* A drop-in linked to /dev/null masks the lower ones by name. */
	if (type == PLAT_FT_LNK && plat_fs_readlink(w->t, path, &link) == 0 &&
	    strcmp(link, "/dev/null") == 0) {
		free(link);
		free(path);
		return 0;
	}
	free(link);
	if (w->paths->n < SD_MAX_DROPINS)
		sd_list_add(w->paths, path, strlen(path));
	free(path);
	return 0;
}

static int
sd_base_cmp(const void *a, const void *b)
{
	int c = strcmp(sd_base(*(char *const *)a), sd_base(*(char *const *)b));

	return c != 0 ? c : strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * The drop-in directory names of a unit, least specific first:
 * "service.d", the dash-prefix levels "a-.service.d" (systemd.unit(5)
 * "Unit hierarchy"), the template's, the name's and the alias target's.
 */
static void
sd_dropin_names(const struct sd_unit *u, struct sd_list *out)
{
	const char *suf = sd_suffix(u->id);
	char *tmpl, *d;
	const char *names[2] = { u->name, u->id };

	if (suf == NULL)
		return;
	d = ks_asprintf("%s.d", suf + 1);
	sd_list_add(out, d, strlen(d));
	free(d);
	for (int k = 0; k < 2; k++) {
		const char *nm = names[k];

		for (const char *p = strchr(nm, '-'); p != NULL &&
		    p < nm + strlen(nm) - strlen(suf);
		    p = strchr(p + 1, '-')) {
			d = ks_asprintf("%.*s%s.d", (int)(p - nm + 1), nm,
			    suf);
			sd_list_add(out, d, strlen(d));
			free(d);
		}
		if ((tmpl = sd_template(nm)) != NULL) {
			d = ks_asprintf("%s.d", tmpl);
			sd_list_add(out, d, strlen(d));
			free(d);
			free(tmpl);
		}
		d = ks_asprintf("%s.d", nm);
		sd_list_add(out, d, strlen(d));
		free(d);
	}
}

/*
 * Drop-ins: every "*.conf" of every drop-in directory on the search path;
 * a file name found in a higher-priority directory hides the same name
 * lower down; all of them are then applied in lexical order of their file
 * names (systemd.unit(5): "all configuration files are sorted by their
 * filename in lexicographic order, regardless of which of the
 * subdirectories they reside in").
 */
static void
sd_dropins(struct plat_target *t, struct sd_unit *u)
{
	struct sd_list dnames = { 0 }, seen = { 0 }, paths = { 0 };
	struct sd_dropin_walk w = { .t = t, .seen = &seen, .paths = &paths };
	char *dir;

	sd_dropin_names(u, &dnames);
	for (size_t i = 0; i < SD_NDIRS; i++)
		for (uint32_t k = dnames.n; k-- > 0;) {
			/* More specific names first, so a same-named file
			 * at the same priority comes from the unit's own
			 * directory. */
			dir = sd_join(sd_dirs[i], dnames.v[k]);
			w.dir = dir;
			ks_error_clear();
			(void)plat_fs_list(t, dir, sd_dropin_cb, &w);
			free(dir);
		}
	if (paths.n > 1)
		qsort(paths.v, paths.n, sizeof(*paths.v), sd_base_cmp);
	u->dropins = paths.v;
	u->ndropins = paths.n;
	sd_list_clear(&dnames);
	sd_list_clear(&seen);
}

/* Loads a unit by name (cached). Never NULL. */
static struct sd_unit *
sd_load(struct oval_session *s, const char *name)
{
	struct sd_state *st = sd_state(s);
	struct sd_unit *u;
	size_t cap = 0;
	char *tmpl;

	if (st->units != NULL && (u = ks_map_get(st->units, name)) != NULL)
		return u;
	u = ks_calloc(1, sizeof(*u));
	u->name = ks_strdup(name);
	u->id = ks_strdup(name);
	u->load = SD_NOT_FOUND;
	if (!sd_find(s->target, u, name) &&
	    (tmpl = sd_template(name)) != NULL) {
		/* An instance without its own file uses its template
		 * (systemd.unit(5): "foo@bar.service ... foo@.service"). */
		(void)sd_find(s->target, u, tmpl);
		free(tmpl);
	}
	if (u->load == SD_LOADED) {
		sd_read(s->target, u, &cap, u->fragment);
		u->nfragkv = u->nkv;
		sd_dropins(s->target, u);
		for (uint32_t i = 0; i < u->ndropins; i++)
			sd_read(s->target, u, &cap, u->dropins[i]);
	}
	ks_grow(&st->all, &st->cap, st->nall + 1, sizeof(*st->all));
	st->all[st->nall++] = u;
	if (st->units != NULL && ks_map_count(st->units) < SD_MAX_UNITS)
		(void)ks_map_put(st->units, u->name, u);
	return u;
}

/* ---- properties ---------------------------------------------------------- */
/* The last value of sect/key (NULL: never assigned). */
static const char *
sd_last(const struct sd_unit *u, const char *sect, const char *key,
    uint32_t upto)
{
	const char *v = NULL;

	for (uint32_t i = 0; i < upto; i++)
		if (strcmp(u->kv[i].key, key) == 0 &&
		    (sect == NULL || strcmp(u->kv[i].sect, sect) == 0))
			v = u->kv[i].val;
	return v;
}

/* A whitespace-separated list setting: values accumulate, an empty
 * assignment resets the list (systemd.unit(5), e.g. for Wants=). */
static void
sd_words(const struct sd_unit *u, const char *sect, const char *key,
    uint32_t upto, struct sd_list *out)
{
	for (uint32_t i = 0; i < upto; i++) {
		const char *p;

		if (strcmp(u->kv[i].key, key) != 0 ||
		    strcmp(u->kv[i].sect, sect) != 0)
			continue;
		p = u->kv[i].val;
		if (*p == '\0') {
			sd_list_clear(out);
			continue;
		}
		while (*p != '\0') {
			size_t n;

			p += strspn(p, " \t");
			n = strcspn(p, " \t");
			if (n > 0)
				sd_list_add(out, p, n);
			p += n;
		}
	}
}

struct sd_dirlist {
	struct sd_list	*out;
};

static int
sd_dirlist_cb(const char *name, enum plat_ftype type, void *payload)
{
	struct sd_dirlist *d = payload;

	if (type != PLAT_FT_DIR && sd_suffix(name) != NULL)
		sd_list_add(d->out, name, strlen(name));
	return 0;
}

/* Units named in "<unit>.wants/" (or ".requires/") of every search
 * directory, for the unit's name, alias target and template. */
static void
sd_dep_dirs(struct plat_target *t, const struct sd_unit *u,
    const char *ext, struct sd_list *out)
{
	struct sd_dirlist d = { .out = out };
	const char *names[3] = { u->name, u->id, NULL };
	char *tmpl = sd_template(u->name), *dir;

	names[2] = tmpl;
	for (size_t i = 0; i < SD_NDIRS; i++)
		for (int k = 0; k < 3; k++) {
			if (names[k] == NULL || (k == 1 &&
			    strcmp(u->id, u->name) == 0))
				continue;
			dir = ks_asprintf("%s/%s.%s", sd_dirs[i], names[k],
			    ext);
			ks_error_clear();
			(void)plat_fs_list(t, dir, sd_dirlist_cb, &d);
			free(dir);
		}
	free(tmpl);
}

static bool
sd_default_deps(const struct sd_unit *u)
{
	const char *v = sd_last(u, "Unit", "DefaultDependencies", u->nkv);

	return v == NULL || !(strcmp(v, "no") == 0 || strcmp(v, "false") ==
	    0 || strcmp(v, "0") == 0 || strcmp(v, "off") == 0);
}

/*
 * A forward dependency setting (Requires=, Wants=, Requisite=, BindsTo=,
 * Upholds=) of a loaded unit: the [Unit] settings, the .requires/.wants/
 * .upholds directories, and the implicit dependencies the man
 * pages document for Requires=: services, sockets, timers and paths with
 * DefaultDependencies=yes require sysinit.target (systemd.service(5),
 * systemd.socket(5), systemd.timer(5), systemd.path(5) "Default
 * Dependencies"); services and sockets require their slice
 * (systemd.resource-control(5): "Units with the Slice= setting set
 * automatically acquire Requires= and After= dependencies on the
 * specified slice unit"; the default slice of system services is
 * system.slice, systemd.special(7)); Type=dbus services require
 * dbus.socket (systemd.service(5) "Implicit Dependencies").
 */
static void
sd_deps(struct oval_session *s, const struct sd_unit *u, const char *kind,
    struct sd_list *out)
{
	const char *suf = sd_suffix(u->id), *v;
	bool req = strcmp(kind, "Requires") == 0;

	if (u->load != SD_LOADED)
		return;
	sd_words(u, "Unit", kind, u->nkv, out);
	/* systemd.unit(5): ".wants/", ".requires/" and ".upholds/"
	 * directories add Wants=, Requires= and Upholds= dependencies. */
	if (req)
		sd_dep_dirs(s->target, u, "requires", out);
	else if (strcmp(kind, "Wants") == 0)
		sd_dep_dirs(s->target, u, "wants", out);
	else if (strcmp(kind, "Upholds") == 0)
		sd_dep_dirs(s->target, u, "upholds", out);
	if (!req || suf == NULL)
		return;
	if (sd_default_deps(u) && (strcmp(suf, ".service") == 0 ||
	    strcmp(suf, ".socket") == 0 || strcmp(suf, ".timer") == 0 ||
	    strcmp(suf, ".path") == 0))
		sd_list_add(out, "sysinit.target", 14);
	if (strcmp(suf, ".service") == 0 || strcmp(suf, ".socket") == 0) {
		v = sd_last(u, NULL, "Slice", u->nkv);
		if (v == NULL || *v == '\0')
			v = "system.slice";
		sd_list_add(out, v, strlen(v));
	}
	if (strcmp(suf, ".service") == 0 &&
	    (v = sd_last(u, "Service", "Type", u->nkv)) != NULL &&
	    strcmp(v, "dbus") == 0)
		sd_list_add(out, "dbus.socket", 11);
}

struct sd_link_find {
	struct plat_target	*t;
	const char		*want;		/* unit id */
	const char		*tmpl;		/* its template, or NULL */
	const char		*dir;
	bool			 found;
};

static int
sd_link_entry_cb(const char *name, enum plat_ftype type, void *payload)
{
	struct sd_link_find *f = payload;
	char *tm;

	if (strcmp(name, f->want) == 0) {
		f->found = true;
		return 1;
	}
	/* foo@x.service enables the template foo@.service. */
	if (f->tmpl == NULL && (tm = sd_template(name)) != NULL) {
		bool hit = strcmp(tm, f->want) == 0;

		free(tm);
		if (hit) {
			f->found = true;
			return 1;
		}
	}
	return 0;
}

static int
sd_link_dir_cb(const char *name, enum plat_ftype type, void *payload)
{
	struct sd_link_find *f = payload;
	size_t n = strlen(name);
	char *sub;

	if (type != PLAT_FT_DIR || !((n > 6 && strcmp(name + n - 6,
	    ".wants") == 0) || (n > 9 && strcmp(name + n - 9, ".requires") ==
	    0)))
		return 0;
	sub = sd_join(f->dir, name);
	ks_error_clear();
	(void)plat_fs_list(f->t, sub, sd_link_entry_cb, f);
	free(sub);
	return f->found ? 1 : 0;
}

/* Whether a configuration directory holds an enablement link of u: an
 * entry in some .wants or .requires directory, or an Alias= link. */
static bool
sd_linked_in(struct plat_target *t, const struct sd_unit *u, const char *dir)
{
	struct sd_link_find f = { .t = t, .want = u->id, .dir = dir };
	struct sd_list alias = { 0 };
	struct plat_stat st;
	char *tmpl = sd_template(u->id), *p;
	bool hit;

	f.tmpl = tmpl;
	ks_error_clear();
	(void)plat_fs_list(t, dir, sd_link_dir_cb, &f);
	hit = f.found;
	sd_words(u, "Install", "Alias", u->nfragkv, &alias);
	for (uint32_t i = 0; i < alias.n && !hit; i++) {
		p = sd_join(dir, alias.v[i]);
		hit = plat_fs_lstat(t, p, &st) == 0 && st.type == PLAT_FT_LNK;
		free(p);
	}
	sd_list_clear(&alias);
	free(tmpl);
	return hit;
}

/*
 * UnitFileState as systemctl is-enabled names it (systemctl(1)): masked,
 * generated, transient, enabled / enabled-runtime (enablement links in
 * /etc or /run), static (no [Install] section that could enable it),
 * indirect (only Also=, or a template without DefaultInstance), else
 * disabled. [Install] is read from the fragment only: systemd ignores it
 * in drop-ins.
 */
static const char *
sd_unit_file_state(struct oval_session *s, const struct sd_unit *u)
{
	static const char *const inst[] = {
		"WantedBy", "RequiredBy", "UpheldBy", "Alias",
	};
	bool any = false, also;

	if (u->load == SD_MASKED)
		return sd_dir_is_runtime(u->frag_dir) ||
		    strncmp(u->frag_dir, "/run/", 5) == 0 ?
		    "masked-runtime" : "masked";
	if (sd_dir_is_generator(u->frag_dir))
		return "generated";
	if (strcmp(u->frag_dir, "/run/systemd/transient") == 0)
		return "transient";
	for (size_t i = 0; i < SD_NDIRS; i++)
		if (sd_dir_is_config(sd_dirs[i]) &&
		    sd_linked_in(s->target, u, sd_dirs[i]))
			return "enabled";
	for (size_t i = 0; i < SD_NDIRS; i++)
		if (sd_dir_is_runtime(sd_dirs[i]) &&
		    sd_linked_in(s->target, u, sd_dirs[i]))
			return "enabled-runtime";
	for (size_t i = 0; i < sizeof(inst) / sizeof(*inst); i++) {
		const char *v = sd_last(u, "Install", inst[i], u->nfragkv);

		if (v != NULL && *v != '\0')
			any = true;
	}
	also = sd_last(u, "Install", "Also", u->nfragkv) != NULL;
	if (!any)
		return also ? "indirect" : "static";
	/* A template ("foo@.service") is enabled per instance. */
	if (strstr(u->id, "@.") != NULL && sd_last(u, "Install",
	    "DefaultInstance", u->nfragkv) == NULL)
		return "indirect";
	return "disabled";
}

static const char *
sd_load_name(enum sd_load l)
{
	return l == SD_LOADED ? "loaded" : l == SD_MASKED ? "masked" :
	    "not-found";
}

/* Properties that only a running manager knows (org.freedesktop.systemd1
 * Unit/Service interfaces): never derived from files. */
static const char *const sd_runtime_props[] = {
	"ActiveState", "SubState", "ActiveEnterTimestamp",
	"ActiveExitTimestamp", "InactiveEnterTimestamp",
	"InactiveExitTimestamp", "StateChangeTimestamp", "MainPID",
	"ControlPID", "ExecMainPID", "ExecMainStatus", "Result", "NRestarts",
	"Job", "ConditionResult", "AssertResult", "NeedDaemonReload",
	"MemoryCurrent", "CPUUsageNSec", "TasksCurrent", "InvocationID",
	"ExecMainStartTimestamp", "ExecMainExitTimestamp",
};

/* The properties this collector derives from files, for "not equals" /
 * "pattern match" on the property entity. */
static const char *const sd_file_props[] = {
	"After", "Before", "BindsTo", "Conflicts", "ConsistsOf",
	"Description", "Documentation", "DropInPaths", "FragmentPath", "Id",
	"LoadState", "Names", "OnFailure", "PartOf", "Requires", "Requisite",
	"UnitFileState", "Upholds", "Wants",
};

/*
 * The dependencies `systemctl list-dependencies` follows, which the
 * schema names as the reference for systemdunitdependency_item
 * ("systemctl list-dependencies --plain $unit"); systemctl(1): "This
 * recursively lists units following the Requires=, Requisite=, Wants=,
 * ConsistsOf=, BindsTo=, and Upholds= dependencies".
 */
static const char *const sd_dep_kinds[] = {
	"Requires", "Requisite", "Wants", "ConsistsOf", "BindsTo", "Upholds",
};

static bool
sd_is_dep_kind(const char *prop)
{
	for (size_t i = 0; i < sizeof(sd_dep_kinds) / sizeof(*sd_dep_kinds);
	    i++)
		if (strcmp(prop, sd_dep_kinds[i]) == 0)
			return true;
	return false;
}

static const struct sd_list *sd_names(struct oval_session *s);

/* ConsistsOf of u from files: the units whose PartOf= names it (the
 * manager adds the reverse, systemd.unit(5) "PartOf="). Every unit is
 * read once per scan to index the PartOf= pairs. */
static void
sd_consists_of(struct oval_session *s, const struct sd_unit *u,
    struct sd_list *out)
{
	struct sd_state *st = sd_state(s);

	if (u->load != SD_LOADED)
		return;
	if (!st->partof_indexed) {
		const struct sd_list *l = sd_names(s);

		st->partof_indexed = true;
		for (uint32_t i = 0; i < l->n; i++) {
			struct sd_unit *o = sd_load(s, l->v[i]);
			struct sd_list po = { 0 };

			if (o->load == SD_LOADED)
				sd_words(o, "Unit", "PartOf", o->nkv, &po);
			for (uint32_t k = 0; k < po.n; k++) {
				ks_grow(&st->partof, &st->partof_cap,
				    st->npartof + 1, sizeof(*st->partof));
				st->partof[st->npartof].part = o->id;
				st->partof[st->npartof++].whole =
				    ks_strdup(po.v[k]);
			}
			sd_list_clear(&po);
		}
	}
	for (size_t i = 0; i < st->npartof; i++)
		if (strcmp(st->partof[i].part, u->id) != 0 &&
		    (strcmp(st->partof[i].whole, u->id) == 0 ||
		    strcmp(st->partof[i].whole, u->name) == 0))
			sd_list_add(out, st->partof[i].part,
			    strlen(st->partof[i].part));
}

/*
 * Values of property `prop` of u into out. Returns 1 when derived from the
 * files, 0 when the property needs the running manager or is unknown.
 */
static int
sd_prop(struct oval_session *s, const struct sd_unit *u, const char *prop,
    struct sd_list *out)
{
	static const char *const lists[] = {
		"After", "Before", "Conflicts", "OnFailure", "PartOf",
		"Documentation",
	};
	const char *v;

	if (strcmp(prop, "Id") == 0)
		sd_list_add(out, u->id, strlen(u->id));
	else if (strcmp(prop, "Names") == 0) {
		sd_list_add(out, u->id, strlen(u->id));
		sd_list_add(out, u->name, strlen(u->name));
	} else if (strcmp(prop, "LoadState") == 0)
		sd_list_add(out, sd_load_name(u->load),
		    strlen(sd_load_name(u->load)));
	else if (strcmp(prop, "FragmentPath") == 0) {
		/* D-Bus reports "" for a masked or missing unit. */
		v = u->load == SD_LOADED ? u->fragment : "";
		sd_list_add(out, v, strlen(v));
	} else if (strcmp(prop, "DropInPaths") == 0) {
		for (uint32_t i = 0; i < u->ndropins; i++)
			sd_list_add(out, u->dropins[i],
			    strlen(u->dropins[i]));
	} else if (strcmp(prop, "UnitFileState") == 0) {
		v = u->load == SD_NOT_FOUND ? "" : sd_unit_file_state(s, u);
		sd_list_add(out, v, strlen(v));
	} else if (strcmp(prop, "Description") == 0) {
		v = sd_last(u, "Unit", "Description", u->nkv);
		/* systemd shows the unit name when there is none. */
		if (v == NULL || *v == '\0')
			v = u->id;
		sd_list_add(out, v, strlen(v));
	} else if (sd_is_dep_kind(prop)) {
		if (strcmp(prop, "ConsistsOf") == 0)
			sd_consists_of(s, u, out);
		else
			sd_deps(s, u, prop, out);
	} else {
		for (size_t i = 0; i < sizeof(lists) / sizeof(*lists); i++)
			if (strcmp(prop, lists[i]) == 0) {
				sd_words(u, "Unit", prop, u->nkv, out);
				return 1;
			}
		return 0;
	}
	return 1;
}

/* ---- listing unit names -------------------------------------------------- */
static int
sd_names_cb(const char *name, enum plat_ftype type, void *payload)
{
	struct sd_list *l = payload;

	if (type != PLAT_FT_DIR && sd_suffix(name) != NULL &&
	    l->n < SD_MAX_UNITS)
		sd_list_add(l, name, strlen(name));
	return 0;
}

static int
sd_bnames_cb(const char *name, void *payload)
{
	struct sd_list *l = payload;

	sd_list_add(l, name, strlen(name));
	return 0;
}

/* Every unit name: the manager's loaded units and unit files, or the unit
 * files of the search path. Sorted; listed once per scan. */
static const struct sd_list *
sd_names(struct oval_session *s)
{
	struct sd_state *st = sd_state(s);
	struct plat_systemd *bus = sd_bus(s);

	if (!st->listed) {
		if (bus != NULL) {
			ks_error_clear();
			st->list_rc = plat_systemd_units_foreach(bus,
			    sd_bnames_cb, &st->names);
			if (st->list_rc < 0)
				st->list_err = ks_strdup(ks_error_msg());
		} else
			for (size_t i = 0; i < SD_NDIRS; i++) {
				ks_error_clear();
				(void)plat_fs_list(s->target, sd_dirs[i],
				    sd_names_cb, &st->names);
			}
		if (st->names.n > 1)
			qsort(st->names.v, st->names.n, sizeof(char *),
			    sd_strcmp);
		st->listed = true;
	}
	return &st->names;
}

static int
sd_all(probe_sys_name_cb cb, void *cbp, void *payload)
{
	/* payload is a struct sdp or sdd: both begin with the session. */
	struct oval_session *s = *(struct oval_session **)payload;
	const struct sd_list *l = sd_names(s);
	struct sd_state *st = sd_state(s);
	int rc;

	if (st->list_rc < 0) {
		/* Matching a pattern against part of the units could
		 * claim a unit does not exist: the object fails. */
		ks_error_set("%s", st->list_err);
		return st->list_rc;
	}
	for (uint32_t i = 0; i < l->n; i++)
		if ((rc = cb(l->v[i], cbp)) != 0)
			return rc;
	return 0;
}

/* ---- systemdunitproperty_object ------------------------------------------ */
struct sdp {
	struct oval_session		*s;
	const struct oval_object	*o;
	struct oval_collected		*c;
	const struct oval_entity	*prop;
	const char			*unit;
	struct sd_bunit			*bu;	/* from the manager */
	bool				 item_errors, incomplete;
};

static bool
sd_is_runtime(const char *prop)
{
	for (size_t i = 0; i < sizeof(sd_runtime_props) /
	    sizeof(*sd_runtime_props); i++)
		if (strcmp(prop, sd_runtime_props[i]) == 0)
			return true;
	return false;
}

/* Starts the item of d->unit and `prop` (NULL: the property entity is
 * itself in error, for a unit whose properties could not be read). */
static void
sdp_item(struct sdp *d, struct oval_item *it, const char *prop)
{
	probe_item_init(it, "linux", "systemdunitproperty_item");
	probe_item_add(d->s, it, "unit", d->unit, OVAL_DT_STRING);
	if (prop != NULL)
		probe_item_add(d->s, it, "property", prop, OVAL_DT_STRING);
	else
		probe_item_add_status(d->s, it, "property", OVAL_DT_STRING,
		    OVAL_ST_ERROR);
}

/* An item in error: the unit could not be read. */
static void
sdp_error(struct sdp *d, const char *prop, const char *msg)
{
	struct oval_item it;

	sdp_item(d, &it, prop);
	it.status = OVAL_ST_ERROR;
	probe_item_add_status(d->s, &it, "value", OVAL_DT_STRING,
	    OVAL_ST_ERROR);
	probe_item_msg(d->s, &it, "error", "%s", msg);
	d->item_errors = true;
	probe_item_commit(d->s, d->c, &it);
}

/* A property as the manager reports it. A property the unit does not have
 * gives no item: the manager lists every property a unit has. */
static int
sdp_bus_prop(struct sdp *d, const char *prop)
{
	const struct sd_bprop *bp;
	struct oval_item it;

	if (d->bu->rc != 0) {
		sdp_error(d, prop, d->bu->err);
		return 0;
	}
	if ((bp = sd_bprop(d->bu, prop)) == NULL)
		return 0;
	sdp_item(d, &it, prop);
	for (uint32_t i = 0; i < bp->vals.n; i++)
		probe_item_add(d->s, &it, "value", bp->vals.v[i],
		    OVAL_DT_STRING);
	if (bp->truncated) {
		probe_item_msg(d->s, &it, "warning", "%s %s: values over the "
		    "caps (%u values, %u bytes each) were left out", d->unit,
		    prop, PLAT_SYSTEMD_MAX_VALUES, PLAT_SYSTEMD_VALUE_MAX);
		d->incomplete = true;
	}
	probe_item_commit(d->s, d->c, &it);
	return 0;
}

static int
sdp_prop_cb(const char *prop, void *payload)
{
	struct sdp *d = payload;
	struct sd_unit *u;
	struct sd_list vals = { 0 };
	struct oval_item it;
	const char *why;

	if (d->bu != NULL)
		return sdp_bus_prop(d, prop);
	u = sd_load(d->s, d->unit);
	if (u->err != NULL && u->load == SD_LOADED) {
		sdp_error(d, prop, u->err);
		return 0;
	}
	sdp_item(d, &it, prop);
	if (sd_prop(d->s, u, prop, &vals)) {
		for (uint32_t i = 0; i < vals.n; i++)
			probe_item_add(d->s, &it, "value", vals.v[i],
			    OVAL_DT_STRING);
		if (sd_is_dep_kind(prop))
			probe_item_msg(d->s, &it, "info", "%s read from the "
			    "unit files, their drop-in and dependency "
			    "directories and the implicit dependencies "
			    "systemd documents", prop);
	} else {
		/* No invented value: the item says why there is none. */
		it.status = OVAL_ST_NOT_COLLECTED;
		probe_item_add_status(d->s, &it, "value", OVAL_DT_STRING,
		    OVAL_ST_NOT_COLLECTED);
		why = sd_state(d->s)->why;
		if (!sd_is_runtime(prop))
			probe_item_msg(d->s, &it, "info", "%s %s is not "
			    "derived from unit files by kensa", d->unit,
			    prop);
		else if (why != NULL)
			probe_item_msg(d->s, &it, "info", "%s %s is a runtime "
			    "property of the systemd manager, which could not "
			    "be queried (%s)", d->unit, prop, why);
		else
			probe_item_msg(d->s, &it, "info", "%s %s is a runtime "
			    "property of the systemd manager; %s is not a "
			    "running system, only its unit files are read",
			    d->unit, prop, plat_target_name(d->s->target));
	}
	sd_list_clear(&vals);
	probe_item_commit(d->s, d->c, &it);
	return 0;
}

static int
sdp_props_all(probe_sys_name_cb cb, void *cbp, void *payload)
{
	struct sdp *d = payload;
	int rc;

	if (d->bu != NULL && d->bu->rc != 0) {
		/* The names are unknown: one item says the unit failed. */
		sdp_error(d, NULL, d->bu->err);
		return 0;
	}
	if (d->bu != NULL) {
		for (size_t i = 0; i < d->bu->nprops; i++)
			if ((rc = cb(d->bu->props[i].name, cbp)) != 0)
				return rc;
		return 0;
	}
	for (size_t i = 0; i < sizeof(sd_file_props) / sizeof(*sd_file_props);
	    i++)
		if ((rc = cb(sd_file_props[i], cbp)) != 0)
			return rc;
	return 0;
}

/* Whether unit `name` exists on the target; sets *bu to the manager's view
 * when it is queried. A unit the manager cannot be asked about exists
 * (its item says why). */
static bool
sd_exists(struct oval_session *s, const char *name, struct sd_bunit **bu)
{
	*bu = NULL;
	if (sd_bus(s) != NULL) {
		*bu = sd_bload(s, name);
		return (*bu)->rc != KS_ENOTFOUND;
	}
	/* A name no unit file (or mask) stands for has no item. */
	return sd_load(s, name)->load != SD_NOT_FOUND;
}

static int
sdp_unit_cb(const char *name, void *payload)
{
	struct sdp *d = payload;

	if (!sd_exists(d->s, name, &d->bu))
		return 0;
	d->unit = name;
	return probe_sys_select(d->s, d->prop, sdp_props_all, sdp_prop_cb, d);
}

/* On a live host whose manager could not be asked: say so on the object. */
static void
sd_note_files(struct oval_session *s, struct oval_collected *c)
{
	const char *why = sd_state(s)->why;

	if (why != NULL)
		oval_collected_msg(s, c, "info", "%s", why);
}

int
probe_sdprop_collect(struct oval_session *s, const struct oval_object *o,
    struct oval_collected *c)
{
	struct sdp d = { .s = s, .o = o, .c = c };
	const struct oval_entity *unit = probe_ent(o, "unit");

	d.prop = probe_ent(o, "property");
	if (unit == NULL || unit->nil || d.prop == NULL || d.prop->nil) {
		ks_error_set("the unit and property entities are required");
		probe_fail(s, o, c, NULL);
		return 0;
	}
	(void)sd_bus(s);
	sd_note_files(s, c);
	if (probe_sys_select(s, unit, sd_all, sdp_unit_cb, &d) < 0) {
		probe_fail(s, o, c, "unit");
		return 0;
	}
	probe_finish_flag(s, o, c, d.item_errors, d.incomplete);
	return 0;
}

/* ---- systemdunitdependency_object ---------------------------------------- */
/*
 * The direct dependencies of unit `name` (every kind of sd_dep_kinds)
 * into deps, from the manager or the unit files. A unit that could not
 * be read adds its message to errs.
 */
static void
sd_unit_deps(struct oval_session *s, const char *name, struct sd_list *deps,
    struct sd_list *errs)
{
	if (sd_bus(s) != NULL) {
		struct sd_bunit *bu = sd_bload(s, name);
		const struct sd_bprop *bp;

		if (bu->rc == KS_ERROR)
			sd_list_add(errs, bu->err, strlen(bu->err));
		for (size_t k = 0; bu->rc == 0 && k < sizeof(sd_dep_kinds) /
		    sizeof(*sd_dep_kinds); k++)
			if ((bp = sd_bprop(bu, sd_dep_kinds[k])) != NULL)
				for (uint32_t i = 0; i < bp->vals.n; i++)
					sd_list_add(deps, bp->vals.v[i],
					    strlen(bp->vals.v[i]));
		return;
	} else {
		struct sd_unit *u = sd_load(s, name);

		if (u->err != NULL && u->load == SD_LOADED)
			sd_list_add(errs, u->err, strlen(u->err));
		for (size_t k = 0; k < sizeof(sd_dep_kinds) /
		    sizeof(*sd_dep_kinds); k++)
			if (strcmp(sd_dep_kinds[k], "ConsistsOf") == 0)
				sd_consists_of(s, u, deps);
			else
				sd_deps(s, u, sd_dep_kinds[k], deps);
	}
}

/*
 * The dependencies of `root` as `systemctl list-dependencies --plain`
 * lists them: the direct ones, and recursively those of every target unit
 * among them (systemctl(1): "By default, only target units are
 * recursively expanded"). Each unit once; the unit itself is not its own
 * dependency.
 */
static void
sd_closure(struct oval_session *s, const char *root, struct sd_list *out,
    struct sd_list *errs)
{
	struct sd_list todo = { .max = SD_MAX_UNITS };

	sd_list_add(&todo, root, strlen(root));
	for (uint32_t i = 0; i < todo.n; i++) {
		struct sd_list deps = { .max = SD_MAX_UNITS };

		sd_unit_deps(s, todo.v[i], &deps, errs);
		for (uint32_t k = 0; k < deps.n; k++) {
			const char *suf = strrchr(deps.v[k], '.');

			if (strcmp(deps.v[k], root) == 0)
				continue;
			sd_list_add(out, deps.v[k], strlen(deps.v[k]));
			if (suf != NULL && strcmp(suf, ".target") == 0)
				sd_list_add(&todo, deps.v[k],
				    strlen(deps.v[k]));
		}
		sd_list_clear(&deps);
	}
	sd_list_clear(&todo);
}

struct sdd {
	struct oval_session	*s;
	struct oval_collected	*c;
	bool			 item_errors;
};

static int
sdd_unit_cb(const char *name, void *payload)
{
	struct sdd *d = payload;
	struct sd_list deps = { .max = SD_MAX_UNITS }, errs = { 0 };
	struct sd_bunit *bu;
	struct oval_item it;

	if (!sd_exists(d->s, name, &bu))
		return 0;
	sd_closure(d->s, name, &deps, &errs);
	probe_item_init(&it, "linux", "systemdunitdependency_item");
	probe_item_add(d->s, &it, "unit", name, OVAL_DT_STRING);
	for (uint32_t i = 0; i < deps.n; i++)
		probe_item_add(d->s, &it, "dependency", deps.v[i],
		    OVAL_DT_STRING);
	if (errs.n > 0) {
		/* Part of the tree could not be read: the list may lack
		 * units, so the item is not trusted as complete. */
		it.status = OVAL_ST_ERROR;
		for (uint32_t i = 0; i < errs.n; i++)
			probe_item_msg(d->s, &it, "error", "%s", errs.v[i]);
		d->item_errors = true;
	}
	probe_item_msg(d->s, &it, "info", "Requires, Requisite, Wants, "
	    "ConsistsOf, BindsTo and Upholds, target units expanded "
	    "recursively (systemctl list-dependencies), %s",
	    bu != NULL ? "from the running systemd manager" : "read from "
	    "the unit files, their dependency directories and the "
	    "documented implicit dependencies");
	probe_item_commit(d->s, d->c, &it);
	sd_list_clear(&deps);
	sd_list_clear(&errs);
	return 0;
}

int
probe_sddep_collect(struct oval_session *s, const struct oval_object *o,
    struct oval_collected *c)
{
	struct sdd d = { .s = s, .c = c };
	const struct oval_entity *unit = probe_ent(o, "unit");

	if (unit == NULL || unit->nil) {
		ks_error_set("the unit entity is required");
		probe_fail(s, o, c, NULL);
		return 0;
	}
	(void)sd_bus(s);
	sd_note_files(s, c);
	if (probe_sys_select(s, unit, sd_all, sdd_unit_cb, &d) < 0) {
		probe_fail(s, o, c, "unit");
		return 0;
	}
	probe_finish_flag(s, o, c, d.item_errors, false);
	return 0;
}
