/*
 * Which files does a file-based OVAL object name? Resolves filepath, or path
 * and filename, with their operations and var_refs and the FileBehaviors
 * (recurse, recurse_direction, max_depth, recurse_file_system), through the
 * target's file system only. One cache per session (probe_state slot
 * PROBE_SLOT_UNIXFILE) holds every directory listing and lstat result, so
 * the many objects of a scan that walk the same trees list each directory
 * once. Not the reading of the files: each collector does that in its
 * callback.
 */
#include "oval/probe_int.h"
#include "oval/probe_unixfile.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Entries kept in the session cache; beyond, listings are not cached. */
#define PROBE_CACHE_MAX_ENTS	(4u << 20)

struct dent {
	char		*name;
	enum plat_ftype	 type;
	int		 st_rc;		/* lstat: 1 not done, 0 ok, <0 error */
	struct plat_stat st;
	/* A symbolic link's target (stat): every object of a scan asks
	 * whether it leads to a regular file or a directory. */
	int		 fst_rc;	/* 1 not done, 0 ok, <0 error */
	enum plat_ftype	 ftype;
	uint64_t	 fdev, fino;
};
struct dlist {
	struct dent	*e;
	size_t		 n, cap;
	char		*names;		/* every e[i].name, one block */
	size_t		 nlen, ncap;
	int		 rc;		/* plat_fs_list's result */
	char		*msg;		/* its message when rc < 0 */
	bool		 cached;	/* owned by the cache */
};

/* A mount point the "local" behavior does not enter (host only). */
struct fmount {
	char	*path;
};
/* The session cache (s->probe_state[PROBE_SLOT_UNIXFILE]). */
struct fcache {
	struct ks_map	*dirs;		/* path -> struct dlist * */
	size_t		 nents;
	bool		 mounts_read;
	struct fmount	*nonlocal;	/* network and pseudo file systems */
	size_t		 nnonlocal, capnonlocal;
};

enum fs_mode { FS_ALL, FS_LOCAL, FS_DEFINED };

/* Groups of literal alternatives one prefix is expanded through. */
#define PROBE_MAX_PREFIX_GROUPS	8

struct fwalk {
	struct oval_session		*s;
	const struct oval_object	*o;
	struct oval_collected		*c;
	probe_file_cb			 cb;
	probe_entry_cb			 ecb;		/* any-type mode */
	void				*payload;
	struct probe_files_result	*res;
	struct fcache			*cache;
	const struct oval_entity	*fp;		/* filepath, or NULL */
	const struct oval_entity	*path;
	const struct oval_entity	*fname;
	const char			**fnames;	/* equals literals */
	uint32_t			 nfnames;	/* or 0: list + match */
	bool				 fname_nil;	/* directories only */
	/* A pattern's literal prefixes (regex_prefixes). */
	char				*prefixes[PROBE_FILES_MAX_PREFIXES];
	uint32_t			 nprefixes;
	int				 max_depth;	/* -1: no limit */
	int				 direction;	/* 0 none 1 down 2 up */
	bool				 rec_dirs;	/* recurse into dirs */
	bool				 rec_links;	/* and links to dirs */
	enum fs_mode			 fsmode;
	uint64_t			 start_dev;	/* FS_DEFINED */
	bool				 have_dev;
	uint64_t			 chain_dev[PROBE_WALK_MAX_DEPTH + 2];
	uint64_t			 chain_ino[PROBE_WALK_MAX_DEPTH + 2];
	uint32_t			 ndirs;
	bool				 want_stat;	/* lstat every entry */
	struct prefetch			*pf;		/* or NULL */
	bool				 noted_cap;
	bool				 noted_depth;
};

static void
dlist_free(struct dlist *l)
{
	if (l == NULL)
		return;
	free(l->names);
	free(l->e);
	free(l->msg);
	free(l);
}

static struct dent *
dlist_push(struct dlist *l, const char *name, enum plat_ftype type)
{
	struct dent *e;

	size_t len = strlen(name) + 1;

	ks_grow(&l->e, &l->cap, l->n + 1, sizeof(*l->e));
	ks_grow(&l->names, &l->ncap, l->nlen + len, 1);
	e = &l->e[l->n++];
	memset(e, 0, sizeof(*e));
	/* An offset until the listing is complete (the block moves as it
	 * grows): dlist_read makes it a pointer. */
	e->name = (char *)(uintptr_t)l->nlen;
	memcpy(l->names + l->nlen, name, len);
	l->nlen += len;
	e->type = type;
	e->st_rc = 1;
	e->fst_rc = 1;
	return e;
}

static int
dlist_cb(const char *name, enum plat_ftype type, void *payload)
{
	dlist_push(payload, name, type);
	return 0;
}

static int
dlist_stat_cb(const char *name, enum plat_ftype type, int st_rc,
    const struct plat_stat *st, void *payload)
{
	struct dent *e = dlist_push(payload, name, type);

	e->st_rc = st_rc;
	if (st_rc == 0)
		e->st = *st;
	return 0;
}

/* The listing of dir read from the target (with every entry's lstat when
 * with_stat): never NULL, rc and msg say whether it worked. Called by the
 * prefetch thread too: it touches nothing but the target and its list. */
static struct dlist *
dlist_read(struct plat_target *t, const char *dir, bool with_stat)
{
	struct dlist *l = ks_calloc(1, sizeof(*l));

	ks_error_clear();
	l->rc = with_stat ? plat_fs_list_stat(t, dir, dlist_stat_cb, l) :
	    plat_fs_list(t, dir, dlist_cb, l);
	if (l->rc != 0) {
		l->n = 0;
		l->nlen = 0;
		l->msg = ks_strdup(ks_error_msg());
		ks_error_clear();
	}
	/* A walk of a host keeps hundreds of thousands of entries: the
	 * arrays get their exact size, the names one block per directory. */
	if (l->n < l->cap) {
		l->e = ks_realloc(l->e, (l->n > 0 ? l->n : 1) * sizeof(*l->e));
		l->cap = l->n;
	}
	if (l->nlen < l->ncap) {
		l->names = ks_realloc(l->names, l->nlen > 0 ? l->nlen : 1);
		l->ncap = l->nlen;
	}
	for (size_t i = 0; i < l->n; i++)
		l->e[i].name = l->names + (uintptr_t)l->e[i].name;
	return l;
}

static int
cache_free_cb(const char *key, void *val, void *payload)
{
	dlist_free(val);
	return 0;
}

static void
cache_free(void *p)
{
	struct fcache *fc = p;

	if (fc == NULL)
		return;
	if (fc->dirs != NULL) {
		ks_map_foreach(fc->dirs, cache_free_cb, NULL);
		ks_map_free(fc->dirs);
	}
	for (size_t i = 0; i < fc->nnonlocal; i++)
		free(fc->nonlocal[i].path);
	free(fc->nonlocal);
	free(fc);
}

static struct fcache *
cache_get(struct oval_session *s)
{
	struct fcache *fc = s->probe_state[PROBE_SLOT_UNIXFILE];

	if (fc != NULL)
		return fc;
	fc = ks_calloc(1, sizeof(*fc));
	if (ks_map_new(&fc->dirs) != 0) {
		free(fc);
		return NULL;
	}
	s->probe_state[PROBE_SLOT_UNIXFILE] = fc;
	s->probe_free[PROBE_SLOT_UNIXFILE] = cache_free;
	return fc;
}

void
probe_files_cache_stats(struct oval_session *s, size_t *ndirs, size_t *nents)
{
	struct fcache *fc = s->probe_state[PROBE_SLOT_UNIXFILE];

	*ndirs = fc != NULL ? ks_map_count(fc->dirs) : 0;
	*nents = fc != NULL ? fc->nents : 0;
}

/* Puts l into the session cache when it has room; else l stays the
 * caller's (list_done frees it). */
static void
cache_put(struct fcache *fc, const char *dir, struct dlist *l)
{
	if (fc != NULL && fc->nents + l->n < PROBE_CACHE_MAX_ENTS &&
	    ks_map_put(fc->dirs, dir, l) == 0) {
		l->cached = true;
		fc->nents += l->n + 1;
	}
}

static struct dlist *prefetch_take(struct prefetch *pf, const char *dir);

/*
 * The listing of `dir`, from the session cache, the walk's prefetch
 * thread, or read now, and cached. Never NULL; l->rc says whether the
 * listing worked. A listing that is not cached (cache full) is freed by
 * list_done.
 */
static struct dlist *
list_get(struct fwalk *w, const char *dir)
{
	struct fcache *fc = w->cache;
	struct dlist *l = fc != NULL ? ks_map_get(fc->dirs, dir) : NULL;

	if (l != NULL)
		return l;
	if (w->pf != NULL)
		l = prefetch_take(w->pf, dir);
	if (l == NULL)
		l = dlist_read(w->s->target, dir, w->want_stat);
	cache_put(fc, dir, l);
	return l;
}

static void
list_done(struct dlist *l)
{
	if (l != NULL && !l->cached)
		dlist_free(l);
}

/* What the symbolic link e of dir leads to (stat, cached in the entry):
 * its type, device and inode. */
static int
dent_follow(struct fwalk *w, const char *full, struct dent *e)
{
	struct plat_stat st;

	if (e->fst_rc == 1) {
		ks_error_clear();
		e->fst_rc = plat_fs_stat(w->s->target, full, &st);
		ks_error_clear();
		if (e->fst_rc == 0) {
			e->ftype = st.type;
			e->fdev = st.dev;
			e->fino = st.ino;
		}
	}
	return e->fst_rc;
}

/* The lstat of entry e of dir (cached in the entry). */
static int
dent_lstat(struct fwalk *w, const char *full, struct dent *e)
{
	if (e->st_rc == 1) {
		ks_error_clear();
		e->st_rc = plat_fs_lstat(w->s->target, full, &e->st);
		ks_error_clear();
	}
	return e->st_rc;
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
	size_t n = strlen(dir), k = strlen(name);
	bool slash = n > 0 && dir[n - 1] == '/';
	/* Once per file of a walk: no printf. */
	char *p = ks_malloc(n + !slash + k + 1);

	memcpy(p, dir, n);
	if (!slash)
		p[n++] = '/';
	memcpy(p + n, name, k + 1);
	return p;
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

/* The listing of dir for this walk, or NULL when the directory does not
 * exist or cannot be listed (noted), so the caller skips it. The caller
 * ends with list_done. */
static struct dlist *
walk_list(struct fwalk *w, const char *dir)
{
	struct dlist *l;

	if (++w->ndirs > PROBE_WALK_MAX_DIRS) {
		if (!w->noted_cap) {
			w->noted_cap = true;
			walk_incomplete(w, "search stopped at %s: more than "
			    "%u directories", dir, PROBE_WALK_MAX_DIRS);
		}
		return NULL;
	}
	l = list_get(w, dir);
	if (l->rc == 0)
		return l;
	/* A directory that does not exist (or is not one) holds no files;
	 * one that exists but cannot be listed cuts the search short. */
	if (l->rc != KS_ENOTFOUND) {
		struct plat_stat st;

		if (plat_fs_stat(w->s->target, dir, &st) == 0 &&
		    st.type == PLAT_FT_DIR)
			walk_incomplete(w, "cannot list %s: %s", dir,
			    l->msg != NULL ? l->msg : "error");
		ks_error_clear();
	}
	list_done(l);
	return NULL;
}

/* Whether entry `full` of type `t` is (or links to) a regular file. */
static bool
is_regular(struct fwalk *w, const char *full, struct dent *e)
{
	if (e->type == PLAT_FT_REG)
		return true;
	if (e->type != PLAT_FT_LNK)
		return false;
	return dent_follow(w, full, e) == 0 && e->ftype == PLAT_FT_REG;
}

/* Whether the entry is a candidate of this walk: every type for the
 * entry callback (items describe the entry itself), regular files (also
 * through links) for the content callbacks. */
static bool
wanted(struct fwalk *w, const char *full, struct dent *e)
{
	return w->ecb != NULL ? true : is_regular(w, full, e);
}

/* The objects that read files "only collect regular files" (the schema):
 * a directory or device named exactly is skipped, and said so. */
static void
not_regular(struct fwalk *w, const char *full)
{
	oval_collected_msg(w->s, w->c, "info", "%s is not a regular file: "
	    "not collected", full);
}

/* Hands one selected file to the callback. st: its lstat when known. */
static int
emit(struct fwalk *w, const char *filepath, const char *dir,
    const char *name, const struct plat_stat *st)
{
	struct plat_stat own;

	w->res->nfiles++;
	if (w->ecb == NULL)
		return w->cb(filepath, dir, name, w->payload);
	if (st == NULL) {
		ks_error_clear();
		if (plat_fs_lstat(w->s->target, filepath, &own) < 0) {
			/* Vanished while we looked. */
			ks_error_clear();
			w->res->nfiles--;
			return 0;
		}
		st = &own;
	}
	return w->ecb(filepath, dir, name, st, w->payload);
}

/* Matches the filename entity against every entry of `dir` (or looks the
 * equals literals up directly). Returns 0, the callback's value, or
 * KS_ERROR (message set) when the comparison itself fails. */
static int
files_in_dir(struct fwalk *w, const char *dir, struct dlist *pre)
{
	struct dlist *l;
	int rc = 0;

	if (w->fname_nil)
		return 0;
	if (w->nfnames > 0) {
		for (uint32_t i = 0; i < w->nfnames && rc == 0; i++) {
			char *full;
			struct plat_stat st;
			int src;

			/* A name with a slash would step out of dir. */
			if (strchr(w->fnames[i], '/') != NULL ||
			    w->fnames[i][0] == '\0' ||
			    strcmp(w->fnames[i], ".") == 0 ||
			    strcmp(w->fnames[i], "..") == 0)
				continue;
			full = probe_path_join(dir, w->fnames[i]);
			src = w->ecb != NULL ?
			    plat_fs_lstat(w->s->target, full, &st) :
			    plat_fs_stat(w->s->target, full, &st);
			if (src < 0) {
				ks_error_clear();
			} else if (w->ecb == NULL && st.type != PLAT_FT_REG) {
				/* Said only for a name looked up once, not
				 * for every level of a recursion. */
				if (w->direction == 0)
					not_regular(w, full);
			} else {
				/* var_check over several values decides. */
				rc = w->fname->var == OVAL_NONE ? 1 :
				    probe_match(w->s, w->fname, w->fnames[i]);
				if (rc == 1)
					rc = emit(w, full, dir, w->fnames[i],
					    &st);
			}
			free(full);
		}
		return rc;
	}
	l = pre != NULL ? pre : walk_list(w, dir);
	if (l == NULL)
		return 0;
	for (size_t i = 0; i < l->n && rc == 0; i++) {
		struct dent *e = &l->e[i];
		char *full = probe_path_join(dir, e->name);

		if (wanted(w, full, e)) {
			rc = probe_match(w->s, w->fname, e->name);
			if (rc == 1 && w->ecb != NULL &&
			    dent_lstat(w, full, e) < 0)
				rc = 0;	/* vanished */
			if (rc == 1)
				rc = emit(w, full, dir, e->name,
				    w->ecb != NULL ? &e->st : NULL);
		}
		free(full);
	}
	if (pre == NULL)
		list_done(l);
	return rc;
}

/* Whether `full` is a mount point the "local" behavior leaves out. */
static bool
nonlocal_mount(const struct fcache *fc, const char *full)
{
	if (fc == NULL)
		return false;
	for (size_t i = 0; i < fc->nnonlocal; i++)
		if (strcmp(fc->nonlocal[i].path, full) == 0)
			return true;
	return false;
}

/* Pseudo file systems hold no configuration or content files and are
 * huge or endless on a live host: a walk never enters them from above
 * (naming them as the path itself still works). `content`: the walk of a
 * collector that reads files, which never reads devices. */
static bool
skip_path(const struct fcache *fc, enum fs_mode mode, bool content,
    const char *full)
{
	if (strcmp(full, "/proc") == 0 || strcmp(full, "/sys") == 0)
		return true;
	if (content && strcmp(full, "/dev") == 0)
		return true;
	return mode == FS_LOCAL && nonlocal_mount(fc, full);
}

static bool
skip_dir(struct fwalk *w, const char *full)
{
	return skip_path(w->cache, w->fsmode, w->ecb == NULL, full);
}

/*
 * Whether recursion enters entry e (path full) of a directory: real
 * directories when recurse names directories, links to directories when it
 * names symlinks; never another file system under "defined", never a
 * non-local one under "local", never a directory already on the chain
 * (a link loop). Fills *dev and *ino of the directory entered.
 */
static bool
enter_ok(struct fwalk *w, const char *full, struct dent *e, int level,
    uint64_t *dev, uint64_t *ino)
{
	struct plat_stat st;

	if (e->type == PLAT_FT_DIR) {
		if (!w->rec_dirs)
			return false;
		if (dent_lstat(w, full, e) < 0)
			return false;
		st = e->st;
	} else if (e->type == PLAT_FT_LNK) {
		if (!w->rec_links)
			return false;
		if (dent_follow(w, full, e) < 0 || e->ftype != PLAT_FT_DIR)
			return false;
		st.dev = e->fdev;
		st.ino = e->fino;
	} else
		return false;
	if (skip_dir(w, full))
		return false;
	if (w->fsmode == FS_DEFINED && w->have_dev && st.dev != w->start_dev)
		return false;
	for (int i = 0; i <= level && i < PROBE_WALK_MAX_DEPTH + 2; i++)
		if (w->chain_dev[i] == st.dev && w->chain_ino[i] == st.ino)
			return false;
	*dev = st.dev;
	*ino = st.ino;
	return true;
}

/*
 * The first walk of a big tree (a file_object searching "/") is mostly the
 * kernel's work: getdents and an lstat per entry. Threads list the tree
 * ahead of the walk, in about the walk's order (a stack: depth first,
 * entries sorted), so every core shares that work. Each directory a
 * thread lists queues the sub-directories the walk will enter. The walk
 * takes a listing when it reaches its directory (prefetch_take): it waits
 * only for one a thread is listing right now, lists a queued one itself
 * (and queues its sub-directories for the threads), and lists one no
 * thread knows of (a link to a directory) itself. The threads touch only
 * the target (plat_fs_list_concurrent) and, under the lock, the queue.
 */
#define PF_MAX_AHEAD	(256u << 10)	/* entries listed, not yet taken */
#define PF_MAX_THREADS	4

enum pf_state { PF_QUEUED, PF_BUSY, PF_DONE, PF_TAKEN };

struct pf_dir {
	struct pf_dir	*parent;	/* the chain, for link loops */
	struct pf_dir	*below;		/* the stack */
	char		*path;
	int		 level;
	uint64_t	 dev, ino;
	enum pf_state	 state;
	struct dlist	*l;		/* PF_DONE */
};
struct prefetch {
	pthread_t		 th[PF_MAX_THREADS];
	int			 nth;
	pthread_mutex_t		 mu;
	pthread_cond_t		 work;		/* threads: work or room */
	pthread_cond_t		 ready;		/* walk: a listing is done */
	struct plat_target	*t;
	const struct fcache	*fc;		/* nonlocal mounts: read only */
	char			*root;
	size_t			 rootlen;
	int			 max_depth;
	enum fs_mode		 fsmode;
	bool			 content;
	uint64_t		 start_dev;
	/* Under mu. */
	struct ks_map		*dirs;		/* path -> struct pf_dir * */
	struct pf_dir		**all;
	size_t			 nall, capall;
	struct pf_dir		*stack;
	size_t			 ahead;
	uint32_t		 ndirs, taken;
	bool			 stop;
};

/* Whether the walk will enter entry e of directory d, as far as the
 * threads can tell (recurse_down and enter_ok decide for real). */
static bool
pf_enters(const struct prefetch *pf, const struct pf_dir *d,
    const char *full, const struct dent *e)
{
	if (e->type != PLAT_FT_DIR || e->st_rc != 0)
		return false;
	if (skip_path(pf->fc, pf->fsmode, pf->content, full))
		return false;
	if (pf->fsmode == FS_DEFINED && e->st.dev != pf->start_dev)
		return false;
	for (const struct pf_dir *a = d; a != NULL; a = a->parent)
		if (a->dev == e->st.dev && a->ino == e->st.ino)
			return false;
	return true;
}

/* Lists d (called unlocked, d is PF_BUSY for whoever called) and returns
 * the sub-directories to queue, in reverse order (the stack then hands
 * out the first name first). */
static struct dlist *
pf_list(struct prefetch *pf, struct pf_dir *d, struct pf_dir ***subs,
    size_t *nsubs)
{
	struct dlist *l = dlist_read(pf->t, d->path, true);
	size_t cap = 0;

	*subs = NULL;
	*nsubs = 0;
	if ((pf->max_depth >= 0 && d->level >= pf->max_depth) ||
	    d->level >= PROBE_WALK_MAX_DEPTH)
		return l;
	for (size_t i = l->n; i-- > 0;) {
		char *full = probe_path_join(d->path, l->e[i].name);
		struct pf_dir *c;

		if (!pf_enters(pf, d, full, &l->e[i])) {
			free(full);
			continue;
		}
		c = ks_calloc(1, sizeof(*c));
		c->parent = d;
		c->path = full;
		c->level = d->level + 1;
		c->dev = l->e[i].st.dev;
		c->ino = l->e[i].st.ino;
		ks_grow(subs, &cap, *nsubs + 1, sizeof(**subs));
		(*subs)[(*nsubs)++] = c;
	}
	return l;
}

/* Queues what pf_list found; under mu. */
static void
pf_queue(struct prefetch *pf, struct pf_dir **subs, size_t nsubs)
{
	for (size_t i = 0; i < nsubs; i++) {
		struct pf_dir *c = subs[i];

		if (pf->ndirs >= PROBE_WALK_MAX_DIRS ||
		    ks_map_get(pf->dirs, c->path) != NULL) {
			free(c->path);
			free(c);
			continue;
		}
		pf->ndirs++;
		ks_map_put(pf->dirs, c->path, c);
		ks_grow(&pf->all, &pf->capall, pf->nall + 1, sizeof(*pf->all));
		pf->all[pf->nall++] = c;
		c->below = pf->stack;
		pf->stack = c;
	}
	free(subs);
	pthread_cond_broadcast(&pf->work);
}

static void *
pf_main(void *arg)
{
	struct prefetch *pf = arg;

	pthread_mutex_lock(&pf->mu);
	for (;;) {
		struct pf_dir *d, **subs;
		size_t nsubs;
		struct dlist *l;

		while (!pf->stop && (pf->stack == NULL ||
		    pf->ahead >= PF_MAX_AHEAD))
			pthread_cond_wait(&pf->work, &pf->mu);
		if (pf->stop)
			break;
		d = pf->stack;
		pf->stack = d->below;
		if (d->state != PF_QUEUED)
			continue;	/* the walk listed it itself */
		d->state = PF_BUSY;
		pthread_mutex_unlock(&pf->mu);
		l = pf_list(pf, d, &subs, &nsubs);
		pthread_mutex_lock(&pf->mu);
		d->l = l;
		d->state = PF_DONE;
		pf->ahead += l->n + 1;
		pf_queue(pf, subs, nsubs);
		pthread_cond_broadcast(&pf->ready);
	}
	pthread_mutex_unlock(&pf->mu);
	return NULL;
}

/*
 * The listing of dir (with every entry's lstat) from the threads, or
 * listed now if they have queued it but not started; NULL when they will
 * not list it (outside their tree, not entered by them): the caller lists
 * it.
 */
static struct dlist *
prefetch_take(struct prefetch *pf, const char *dir)
{
	struct pf_dir *d, **subs;
	struct dlist *l = NULL;
	size_t nsubs;

	if (strcmp(pf->root, "/") != 0 &&
	    (strncmp(dir, pf->root, pf->rootlen) != 0 ||
	    (dir[pf->rootlen] != '\0' && dir[pf->rootlen] != '/')))
		return NULL;
	pthread_mutex_lock(&pf->mu);
	d = ks_map_get(pf->dirs, dir);
	if (d != NULL && d->state == PF_QUEUED) {
		/* Left on the stack: the threads skip it. */
		d->state = PF_BUSY;
		pthread_mutex_unlock(&pf->mu);
		l = pf_list(pf, d, &subs, &nsubs);
		pthread_mutex_lock(&pf->mu);
		d->state = PF_TAKEN;
		pf->taken++;
		pf_queue(pf, subs, nsubs);
	} else if (d != NULL && d->state != PF_TAKEN) {
		while (d->state == PF_BUSY)
			pthread_cond_wait(&pf->ready, &pf->mu);
		l = d->l;
		d->l = NULL;
		d->state = PF_TAKEN;
		pf->ahead -= l->n + 1;
		pf->taken++;
		pthread_cond_broadcast(&pf->work);
	}
	pthread_mutex_unlock(&pf->mu);
	return l;
}

/* Starts the threads for a recursive walk down from dir (whose stat is
 * st), when the target allows it and dir's tree has not been listed yet
 * (later walks read the cache). Without them the walk works alone, as it
 * would anyway. */
static void
prefetch_start(struct fwalk *w, const char *dir, const struct plat_stat *st)
{
	struct prefetch *pf;
	struct pf_dir *d, **subs;
	long ncpu = sysconf(_SC_NPROCESSORS_ONLN);

	if (w->cache == NULL || ks_map_get(w->cache->dirs, dir) != NULL ||
	    !plat_fs_list_concurrent(w->s->target))
		return;
	pf = ks_calloc(1, sizeof(*pf));
	if (ks_map_new(&pf->dirs) != 0) {
		free(pf);
		return;
	}
	pf->t = w->s->target;
	pf->fc = w->cache;
	pf->root = ks_strdup(dir);
	pf->rootlen = strlen(dir);
	pf->max_depth = w->max_depth;
	pf->fsmode = w->fsmode;
	pf->content = w->ecb == NULL;
	pf->start_dev = w->start_dev;
	pthread_mutex_init(&pf->mu, NULL);
	pthread_cond_init(&pf->work, NULL);
	pthread_cond_init(&pf->ready, NULL);
	d = ks_calloc(1, sizeof(*d));
	d->path = ks_strdup(dir);
	d->dev = st->dev;
	d->ino = st->ino;
	subs = ks_calloc(1, sizeof(*subs));
	subs[0] = d;
	pf_queue(pf, subs, 1);
	w->pf = pf;
	/* As many threads as cores: the walk itself mostly waits or takes
	 * listings, and lists a queued directory when it gets there first. */
	for (long i = 0; i < (ncpu < 1 ? 1 : ncpu) && i < PF_MAX_THREADS; i++) {
		if (pthread_create(&pf->th[pf->nth], NULL, pf_main, pf) != 0)
			break;
		pf->nth++;
	}
}

/* Stops the threads; what they listed and the walk did not take is kept
 * in the session cache for later objects. */
static void
prefetch_stop(struct fwalk *w)
{
	struct prefetch *pf = w->pf;

	if (pf == NULL)
		return;
	pthread_mutex_lock(&pf->mu);
	pf->stop = true;
	pthread_cond_broadcast(&pf->work);
	pthread_mutex_unlock(&pf->mu);
	for (int i = 0; i < pf->nth; i++)
		pthread_join(pf->th[i], NULL);
	ks_debug("%s: %d threads listed %u directories ahead of the walk, "
	    "%u taken", pf->root, pf->nth, pf->ndirs, pf->taken);
	for (size_t i = 0; i < pf->nall; i++) {
		struct pf_dir *d = pf->all[i];

		if (d->l != NULL) {
			if (ks_map_get(w->cache->dirs, d->path) == NULL)
				cache_put(w->cache, d->path, d->l);
			list_done(d->l);
		}
		free(d->path);
		free(d);
	}
	free(pf->all);
	ks_map_free(pf->dirs);
	pthread_cond_destroy(&pf->ready);
	pthread_cond_destroy(&pf->work);
	pthread_mutex_destroy(&pf->mu);
	free(pf->root);
	free(pf);
	w->pf = NULL;
}

/* recurse_direction="down": dir and its sub-directories up to max_depth
 * levels, following what the recurse behavior names. */
static int
recurse_down(struct fwalk *w, const char *dir, int level)
{
	struct dlist *l;
	int rc = 0;
	bool deeper = w->max_depth < 0 || level < w->max_depth;

	if ((l = walk_list(w, dir)) == NULL)
		return 0;
	rc = files_in_dir(w, dir, w->nfnames > 0 ? NULL : l);
	if (deeper && level >= PROBE_WALK_MAX_DEPTH) {
		if (!w->noted_depth)
			walk_incomplete(w, "recursion stopped below %s: deeper "
			    "than %d levels", dir, PROBE_WALK_MAX_DEPTH);
		w->noted_depth = true;
		deeper = false;
	}
	for (size_t i = 0; i < l->n && rc == 0 && deeper; i++) {
		char *sub;
		uint64_t dev, ino;

		if (l->e[i].type != PLAT_FT_DIR && l->e[i].type != PLAT_FT_LNK)
			continue;
		sub = probe_path_join(dir, l->e[i].name);
		if (enter_ok(w, sub, &l->e[i], level, &dev, &ino)) {
			w->chain_dev[level + 1] = dev;
			w->chain_ino[level + 1] = ino;
			/* file_object with a nil filename: every directory
			 * the recursion reaches is an item itself. */
			if (w->fname_nil)
				rc = emit(w, sub, sub, NULL,
				    l->e[i].type == PLAT_FT_DIR ? &l->e[i].st :
				    NULL);
			if (rc == 0)
				rc = recurse_down(w, sub, level + 1);
		}
		free(sub);
	}
	list_done(l);
	return rc;
}

/* A directory the path entity selected, with the recursion behaviors
 * (`recurse`: only when path is an equality, as the schema says). */
static int
path_selected(struct fwalk *w, const char *dir, bool recurse)
{
	struct plat_stat st;
	int rc = 0;

	if (w->ecb != NULL) {
		/* Only a directory (or a link to one) holds entries. */
		if (plat_fs_stat(w->s->target, dir, &st) < 0 ||
		    st.type != PLAT_FT_DIR) {
			ks_error_clear();
			if (w->direction != 2 || !recurse)
				return 0;
			goto up;
		}
		if (w->have_dev == false) {
			w->start_dev = st.dev;
			w->have_dev = true;
		}
		w->chain_dev[0] = st.dev;
		w->chain_ino[0] = st.ino;
		if (w->fname_nil && (rc = emit(w, dir, dir, NULL, NULL)) != 0)
			return rc;
	}
	if (recurse && w->direction == 1 && w->max_depth != 0) {
		/* file_object items need every entry's lstat: read with the
		 * listing, through its descriptor. */
		w->want_stat = w->ecb != NULL && w->nfnames == 0;
		if (w->ecb != NULL)
			prefetch_start(w, dir, &st);
		rc = recurse_down(w, dir, 0);
		prefetch_stop(w);
		w->want_stat = false;
		return rc;
	}
	rc = files_in_dir(w, dir, NULL);
up:
	if (rc == 0 && recurse && w->direction == 2 && w->max_depth != 0) {
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
			if (w->fname_nil)
				rc = emit(w, cur, cur, NULL, NULL);
			if (rc == 0)
				rc = files_in_dir(w, cur, NULL);
		}
		free(cur);
	}
	return rc;
}

/* The literal character at p (plain, or punctuation escaped with a
 * backslash) and its length in *adv; '\0' when p starts anything else
 * (a metacharacter, a class like \d, the end). */
static char
re_literal(const char *p, const char *end, size_t *adv)
{
	if (p >= end)
		return '\0';
	if (*p == '\\') {
		if (p + 1 >= end || (p[1] >= 'a' && p[1] <= 'z') ||
		    (p[1] >= 'A' && p[1] <= 'Z') ||
		    (p[1] >= '0' && p[1] <= '9'))
			return '\0';
		*adv = 2;
		return p[1];
	}
	if (strchr(".[]()*+?{}|^$", *p) != NULL)
		return '\0';
	*adv = 1;
	return *p;
}

/* The ')' ending a group whose alternatives are all literal (from p, just
 * inside the group), or NULL. */
static const char *
re_literal_group(const char *p, const char *end)
{
	size_t adv;

	while (p < end && *p != ')') {
		if (*p != '|' && re_literal(p, end, &adv) == '\0')
			return NULL;
		p += *p == '|' ? 1 : adv;
	}
	return p < end ? p : NULL;
}

/* Adds cur as a prefix: false when it is not below "/" or w is full. */
static bool
add_prefix(struct fwalk *w, const struct ks_buf *cur)
{
	if (cur->len < 2 || cur->data[0] != '/' ||
	    w->nprefixes == PROBE_FILES_MAX_PREFIXES)
		return false;
	w->prefixes[w->nprefixes++] = ks_strdup(cur->data);
	return true;
}

/*
 * Adds to w the literal prefixes that what follows an anchor, p..end, can
 * begin with, each after cur: its literal start, expanded through groups
 * of literal alternatives, so "/usr/(|local/)(|s)bin" gives /usr/bin,
 * /usr/sbin, /usr/local/bin and /usr/local/sbin. False when some prefix is
 * not below "/" or there would be more than PROBE_FILES_MAX_PREFIXES.
 */
static bool
alt_prefixes(struct fwalk *w, const char *p, const char *end,
    struct ks_buf *cur, int groups)
{
	while (p < end) {
		size_t adv = 0, keep;
		const char *q, *close, *after;
		char lit, next;

		if (*p == '(') {
			/* Content's patterns are untrusted: a bound on the
			 * recursion (and PROBE_FILES_MAX_PREFIXES on the
			 * leaves). */
			if (groups >= PROBE_MAX_PREFIX_GROUPS)
				break;
			q = p + 1;
			/* (?:...) groups too; other (?...) constructs end
			 * the prefix. */
			if (q + 1 < end && q[0] == '?' && q[1] == ':')
				q += 2;
			if ((close = re_literal_group(q, end)) == NULL)
				break;
			after = close + 1;
			if (after < end && strchr("*?+{", *after) != NULL)
				break;	/* the group is optional or repeated */
			keep = cur->len;
			for (;;) {
				while (q < close && *q != '|') {
					lit = re_literal(q, close, &adv);
					ks_buf_putc(cur, lit);
					q += adv;
				}
				if (!alt_prefixes(w, after, end, cur,
				    groups + 1))
					return false;
				cur->len = keep;
				if (cur->data != NULL)
					cur->data[keep] = '\0';
				if (q >= close)
					return true;
				q++;	/* past '|' */
			}
		}
		if ((lit = re_literal(p, end, &adv)) == '\0')
			break;
		next = p + adv < end ? p[adv] : '\0';
		if (next == '*' || next == '?' || next == '{')
			break;	/* this character is optional or repeated */
		ks_buf_putc(cur, lit);
		if (next == '+')
			break;
		p += adv;
	}
	return add_prefix(w, cur);
}

/* Whether the inline options at p (after "(?") turn extended mode on or
 * off: "(?x)", "(?ix:", "(?-x)"... */
static bool
inline_x(const char *p)
{
	for (; *p != '\0' && *p != ')' && *p != ':'; p++)
		if (*p == 'x')
			return true;
		else if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' &&
		    *p <= 'Z') || *p == '-' || *p == '^'))
			return false;
	return false;
}

/*
 * Adds the literal prefixes of a regular expression, per top-level
 * alternative ("^/etc/a|^/usr/b" gives /etc/a and /usr/b) and per
 * alternative of a group of literals ("^/(|s)bin" gives /bin and /sbin;
 * any other group ends the prefix). An alternative that is not anchored
 * can match anywhere, and beyond PROBE_FILES_MAX_PREFIXES one "/" is as
 * good: false, the walk cannot be pruned.
 */
static bool
regex_prefixes(struct fwalk *w, const char *re)
{
	const char *alt = re, *p;
	int depth = 0;
	bool in_class = false;

	for (p = re;; p++) {
		if (*p == '\\' && p[1] != '\0') {
			/* \Q...\E quotes anything, parentheses and bars too:
			 * not followed, the walk is not pruned. \cX is one
			 * character, whatever X is ("\c(" opens no group). */
			if (p[1] == 'Q')
				return false;
			if (p[1] == 'c') {
				if (p[2] == '\0')
					return false;
				p++;
			}
			p++;
			continue;
		}
		if (in_class) {
			if (*p == ']')
				in_class = false;
			else if (*p == '\0')
				return false;	/* unbalanced: PCRE2 rejects it */
			continue;
		}
		if (*p == '[') {
			in_class = true;
			/* "[]...]" and "[^]...]": the first ] is literal. */
			if (p[1] == '^')
				p++;
			if (p[1] == ']')
				p++;
		} else if (*p == '(') {
			/* A comment, or extended mode (whitespace and "#..."
			 * comments ignored), can hide parentheses and bars. */
			if (p[1] == '?' && (p[2] == '#' || inline_x(p + 2)))
				return false;
			depth++;
		}
		else if (*p == ')' && depth > 0)
			depth--;
		else if ((*p == '|' && depth == 0) || *p == '\0') {
			struct ks_buf cur;
			bool ok;

			/* An alternative that is not anchored can match
			 * anywhere. */
			if (alt == p || *alt != '^')
				return false;
			ks_buf_init(&cur, 0);
			ok = alt_prefixes(w, alt + 1, p, &cur, 0);
			ks_buf_free(&cur);
			if (!ok)
				return false;
			if (*p == '\0')
				return true;
			alt = p + 1;
		}
	}
}

uint32_t
probe_files_regex_prefixes(const char *re, char **out)
{
	struct fwalk w;

	memset(&w, 0, sizeof(w));
	if (!regex_prefixes(&w, re)) {
		for (uint32_t i = 0; i < w.nprefixes; i++)
			free(w.prefixes[i]);
		return 0;
	}
	memcpy(out, w.prefixes, w.nprefixes * sizeof(*out));
	return w.nprefixes;
}

/*
 * The prefixes of a pattern match entity: of its regex, or of every value
 * of its var_ref when var_check makes a path match at least one of them
 * ("all", "at least one", "only one"; "none satisfy" selects what matches
 * none, which can be anywhere). Otherwise the one prefix "/".
 */
static void
entity_prefixes(struct fwalk *w, const struct oval_entity *e)
{
	bool ok = false;

	if (e->op == OVAL_OP_PATTERN_MATCH && e->var == OVAL_NONE &&
	    e->value != NULL)
		ok = regex_prefixes(w, e->value);
	else if (e->op == OVAL_OP_PATTERN_MATCH && e->var != OVAL_NONE &&
	    (e->var_check == OVAL_CHECK_ALL ||
	    e->var_check == OVAL_CHECK_AT_LEAST_ONE ||
	    e->var_check == OVAL_CHECK_ONLY_ONE)) {
		const struct oval_values *v = oval_var_eval(w->s, e->var);

		/* A variable in error: the walk's own matching says so. */
		ok = v->flag != OVAL_FLAG_ERROR && v->n > 0;
		for (uint32_t i = 0; ok && i < v->n; i++)
			ok = regex_prefixes(w, v->v[i]);
	}
	if (ok)
		return;
	for (uint32_t i = 0; i < w->nprefixes; i++)
		free(w->prefixes[i]);
	w->prefixes[0] = ks_strdup("/");
	w->nprefixes = 1;
}

/* Whether some path at or below dir can start with one of the prefixes. */
static bool
could_lead(const struct fwalk *w, const char *dir)
{
	size_t dl = strlen(dir);

	if (strcmp(dir, "/") == 0)
		return true;
	for (uint32_t i = 0; i < w->nprefixes; i++) {
		const char *pre = w->prefixes[i];
		size_t pl = strlen(pre);

		/* dir + "/" against the prefix, over the shorter length. */
		if (pl <= dl) {
			if (strncmp(dir, pre, pl) == 0)
				return true;
		} else if (strncmp(dir, pre, dl) == 0 && pre[dl] == '/')
			return true;
	}
	return false;
}

/*
 * Walks down from dir looking for what the filepath entity (files) or the
 * path entity (directories) selects, pruned by the regex prefix. Links to
 * directories are not followed (each directory is reached by its own
 * path once).
 */
static int
walk_search(struct fwalk *w, const char *dir, int depth)
{
	struct dlist *l;
	int rc = 0;

	if (w->fp == NULL) {
		rc = probe_match(w->s, w->path, dir);
		if (rc == 1)
			rc = path_selected(w, dir, false);
		if (rc != 0)
			return rc;
	}
	if ((l = walk_list(w, dir)) == NULL)
		return 0;
	for (size_t i = 0; i < l->n && rc == 0; i++) {
		struct dent *e = &l->e[i];
		char *full = probe_path_join(dir, e->name);

		if (w->fp != NULL && wanted(w, full, e)) {
			rc = probe_match(w->s, w->fp, full);
			if (rc == 1 && w->ecb != NULL &&
			    dent_lstat(w, full, e) < 0)
				rc = 0;
			if (rc == 1) {
				rc = emit(w, full, dir, e->name,
				    w->ecb != NULL ? &e->st : NULL);
			}
		}
		if (rc == 0 && e->type == PLAT_FT_DIR &&
		    could_lead(w, full) && !skip_dir(w, full)) {
			if (w->fsmode == FS_DEFINED && w->ecb != NULL &&
			    (dent_lstat(w, full, e) < 0 || (w->have_dev &&
			    e->st.dev != w->start_dev))) {
				free(full);
				continue;
			}
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
	list_done(l);
	return rc;
}

/* The directory part of a prefix: "/etc/ssh/" and "/etc/ssh" start at
 * /etc/ssh and /etc. */
static char *
prefix_dir(const char *pre)
{
	size_t n = strlen(pre);
	char *start, *name;

	if (n > 1 && pre[n - 1] == '/')
		return ks_strndup(pre, n - 1);
	probe_path_split(pre, &start, &name);
	free(name);
	if (start[0] == '\0') {
		free(start);
		start = ks_strdup("/");
	}
	return start;
}

/* Where a walk for entity e starts: the deepest directory above every
 * literal prefix of its regex, or "/". */
static char *
walk_start(struct fwalk *w, const struct oval_entity *e)
{
	char *start;

	entity_prefixes(w, e);
	start = prefix_dir(w->prefixes[0]);
	for (uint32_t i = 1; i < w->nprefixes; i++) {
		char *d = prefix_dir(w->prefixes[i]);
		size_t k = 0;

		/* Common leading components of start and d. */
		while (start[k] != '\0' && start[k] == d[k])
			k++;
		if (!((start[k] == '\0' || start[k] == '/') &&
		    (d[k] == '\0' || d[k] == '/')))
			while (k > 0 && start[k - 1] != '/')
				k--;
		if (k > 1 && start[k - 1] == '/')
			k--;
		start[k > 0 ? k : 1] = '\0';
		if (k == 0)
			start[0] = '/';
		free(d);
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
		struct plat_stat st;

		if (w->fp->nil) {
			ks_error_set("filepath cannot be nil");
			return KS_EUNSUPPORTED;
		}
		start = walk_start(w, w->fp);
		if (plat_fs_stat(w->s->target, start, &st) == 0) {
			w->start_dev = st.dev;
			w->have_dev = true;
		}
		ks_error_clear();
		rc = walk_search(w, start, 0);
		free(start);
		return rc;
	}
	if (rc < 0)
		return rc;
	for (uint32_t i = 0; i < n && rc == 0; i++) {
		struct plat_stat st;
		char *dir, *name;
		int src;

		/* A relative path names nothing on the target. */
		if (vals[i][0] != '/')
			continue;
		src = w->ecb != NULL ?
		    plat_fs_lstat(w->s->target, vals[i], &st) :
		    plat_fs_stat(w->s->target, vals[i], &st);
		if (src < 0) {
			ks_error_clear();
			continue;
		}
		if (w->ecb == NULL && st.type != PLAT_FT_REG) {
			not_regular(w, vals[i]);
			continue;
		}
		if (w->fp->var != OVAL_NONE &&
		    (rc = probe_match(w->s, w->fp, vals[i])) != 1)
			continue;
		probe_path_split(vals[i], &dir, &name);
		if (name[0] == '\0') {
			/* "/" itself, or a path ending in "/". */
			rc = emit(w, vals[i], dir, NULL, &st);
		} else
			rc = emit(w, vals[i], dir, name, &st);
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
		if (w->ecb == NULL) {
			ks_error_set("a nil filename (directories only) is "
			    "not supported by this object");
			return KS_EUNSUPPORTED;
		}
		w->fname_nil = true;
	}
	if (w->path->nil) {
		ks_error_set("path cannot be nil");
		return KS_EUNSUPPORTED;
	}
	if (!w->fname_nil) {
		rc = probe_ent_literals(w->s, w->fname, &w->fnames,
		    &w->nfnames);
		if (rc < 0 && rc != KS_EUNSUPPORTED)
			return rc;
		if (rc == 0 && w->nfnames == 0)
			return 0;	/* a variable without values */
	}
	rc = probe_ent_literals(w->s, w->path, &vals, &n);
	if (rc == KS_EUNSUPPORTED) {
		char *start = walk_start(w, w->path);
		struct plat_stat st;

		if (plat_fs_stat(w->s->target, start, &st) == 0) {
			w->start_dev = st.dev;
			w->have_dev = true;
		}
		ks_error_clear();
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
		w->have_dev = false;	/* "defined": per path */
		rc = path_selected(w, vals[i], true);
	}
	free(vals);
	return rc;
}

/* Network file systems (not "local" in the schema's sense) and pseudo
 * file systems, by type as /proc/self/mountinfo names them. */
static bool
nonlocal_type(const char *t)
{
	static const char *const types[] = {
		"nfs", "nfs4", "cifs", "smb3", "smbfs", "ncpfs", "afs",
		"9p", "ceph", "glusterfs", "fuse.glusterfs", "fuse.sshfs",
		"sshfs", "lustre", "davfs", "fuse.s3fs", "fuse.rclone",
		"coda", "gfs", "gfs2", "ocfs2", "proc", "sysfs", "cgroup",
		"cgroup2", "devpts", "securityfs", "debugfs", "tracefs",
		"pstore", "bpf", "configfs", "fusectl", "mqueue",
		"binfmt_misc", "autofs", "efivarfs", "selinuxfs", "rpc_pipefs",
		"nfsd",
	};

	for (size_t i = 0; i < sizeof(types) / sizeof(types[0]); i++)
		if (strcmp(t, types[i]) == 0)
			return true;
	return false;
}

/* Decodes the octal escapes (\040) of a mountinfo path in place. */
static void
mount_unescape(char *p)
{
	char *o = p;

	for (; *p != '\0'; p++, o++) {
		if (p[0] == '\\' && p[1] >= '0' && p[1] <= '3' &&
		    p[2] >= '0' && p[2] <= '7' && p[3] >= '0' && p[3] <= '7') {
			*o = (char)((p[1] - '0') * 64 + (p[2] - '0') * 8 +
			    (p[3] - '0'));
			p += 3;
		} else
			*o = *p;
	}
	*o = '\0';
}

/*
 * The mount points "local" leaves out. Only the live host's mount table
 * describes the target (a directory root or an image has no live mounts
 * of its own: there "local" excludes /proc and /sys only). Read once.
 */
static void
mounts_read(struct fwalk *w)
{
	struct fcache *fc = w->cache;
	char *data = NULL, *line, *save = NULL;
	size_t len;

	if (fc == NULL || fc->mounts_read)
		return;
	fc->mounts_read = true;
	if (plat_target_kind(w->s->target) != PLAT_TARGET_HOST)
		return;
	if (plat_fs_read_file(w->s->target, "/proc/self/mountinfo", 4u << 20,
	    &data, &len) < 0) {
		ks_error_clear();
		return;
	}
	for (line = strtok_r(data, "\n", &save); line != NULL;
	    line = strtok_r(NULL, "\n", &save)) {
		/* id parent maj:min root mountpoint opts [optional...] -
		 * fstype source superopts */
		char *f[5], *sep, *fstype, *sp = NULL;
		int k = 0;

		sep = strstr(line, " - ");
		if (sep == NULL)
			continue;
		*sep = '\0';
		fstype = strtok_r(sep + 3, " ", &sp);
		for (char *t = strtok_r(line, " ", &sp); t != NULL && k < 5;
		    t = strtok_r(NULL, " ", &sp))
			f[k++] = t;
		if (k < 5 || fstype == NULL || !nonlocal_type(fstype))
			continue;
		mount_unescape(f[4]);
		ks_grow(&fc->nonlocal, &fc->capnonlocal, fc->nnonlocal + 1,
		    sizeof(*fc->nonlocal));
		fc->nonlocal[fc->nnonlocal++].path = ks_strdup(f[4]);
	}
	free(data);
}

static int
walk_run(struct oval_session *s, const struct oval_object *o,
    struct oval_collected *c, struct fwalk *w,
    struct probe_files_result *res)
{
	const char *dir, *md, *rec, *fs;
	char *end;
	int rc;

	memset(res, 0, sizeof(*res));
	w->s = s;
	w->o = o;
	w->c = c;
	w->res = res;
	w->cache = cache_get(s);
	w->fp = probe_ent(o, "filepath");
	w->path = probe_ent(o, "path");
	w->fname = probe_ent(o, "filename");
	md = probe_behavior(o, "max_depth", "-1");
	w->max_depth = (int)strtol(md, &end, 10);
	if (*end != '\0' || w->max_depth < -1)
		w->max_depth = -1;
	dir = probe_behavior(o, "recurse_direction", "none");
	w->direction = strcmp(dir, "down") == 0 ? 1 :
	    strcmp(dir, "up") == 0 ? 2 : 0;
	/* FileBehaviors recurse: "symlinks", "directories" or the default
	 * "symlinks and directories" (the deprecated "files and
	 * directories" recursed into directories). */
	rec = probe_behavior(o, "recurse", "symlinks and directories");
	w->rec_dirs = strstr(rec, "directories") != NULL;
	w->rec_links = strstr(rec, "symlinks") != NULL;
	/* The content collectors keep their old rule: links to
	 * directories are not followed. */
	if (w->ecb == NULL) {
		w->rec_dirs = true;
		w->rec_links = false;
	}
	fs = probe_behavior(o, "recurse_file_system", "all");
	w->fsmode = strcmp(fs, "local") == 0 ? FS_LOCAL :
	    strcmp(fs, "defined") == 0 ? FS_DEFINED : FS_ALL;
	if (w->fsmode == FS_LOCAL)
		mounts_read(w);
	if (w->fp != NULL)
		rc = by_filepath(w);
	else if (w->path != NULL)
		rc = by_path(w);
	else {
		ks_error_set("the object has neither filepath nor path");
		rc = KS_EUNSUPPORTED;
	}
	free(w->fnames);
	for (uint32_t i = 0; i < w->nprefixes; i++)
		free(w->prefixes[i]);
	return rc;
}

int
probe_files_foreach(struct oval_session *s, const struct oval_object *o,
    struct oval_collected *c, probe_file_cb cb, void *payload,
    struct probe_files_result *res)
{
	struct fwalk w;

	memset(&w, 0, sizeof(w));
	w.cb = cb;
	w.payload = payload;
	return walk_run(s, o, c, &w, res);
}

int
probe_files_walk(struct oval_session *s, const struct oval_object *o,
    struct oval_collected *c, probe_entry_cb cb, void *payload,
    struct probe_files_result *res)
{
	struct fwalk w;

	memset(&w, 0, sizeof(w));
	w.ecb = cb;
	w.payload = payload;
	return walk_run(s, o, c, &w, res);
}
