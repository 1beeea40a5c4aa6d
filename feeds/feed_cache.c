/*
 * The local feed cache: one directory per source, each update built beside
 * the current copy and switched in by an atomic `current` symlink swap, a
 * state file per copy, the update lock, and the JVN iPedia checksum.txt
 * logic. Downloads go through feed_fetch.c; bundle signatures are checked
 * by a verifier callback, not here.
 *
 * Layout: CACHE/.lock, CACHE/SRC/current -> snap-XXXXXX, CACHE/SRC/snap-*
 * (files + .state), CACHE/SRC/.new-XXXXXX (an update being built),
 * CACHE/SRC/.partial/ (resumable downloads), CACHE/SRC/attempt,
 * CACHE/SRC/.dead-XXXXXX (a snapshot being pruned).
 *
 * Readers and pruning: a reader (feed_cache_snapshot_open) holds a shared
 * flock on the snapshot's directory; an update prunes an old snapshot only
 * when it gets an exclusive flock without waiting, renames it to .dead-*
 * while holding that lock and then removes it. A reader that resolved
 * `current` just before a prune finds, once it has its lock, that the
 * directory no longer has its snap-* name and resolves `current` again.
 * So a held snapshot is never removed, and no reader copies anything.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "platform/base/dl_libs.h"

#include "platform/base/base.h"
#include "feeds/feeds.h"
#include "feeds/feed_int_fetch.h"

#define STATE_MAX_BYTES		(4u << 20)
#define CHECKSUM_MAX_BYTES	(4u << 20)
#define CHECKSUM_MAX_ENTRIES	10000
#define DIGEST_MAX_BYTES	(1u << 20)
#define STATE_MAX_FILES		100000

struct feed_cache {
	char			*dir;
	int			 lockfd;
	feed_cache_verify_cb	 verify[4];
	void			*verify_payload[4];
	bool			 tty;
	char			*noted;		/* feed_cache_note_verified */
};

int
feed_cache_open(struct feed_cache **out, const char *dir)
{
	struct feed_cache *c;

	if (mkdir(dir, 0755) != 0 && errno != EEXIST) {
		ks_error_set("cache %s: cannot create: %s", dir,
		    strerror(errno));
		return KS_ERROR;
	}
	c = ks_calloc(1, sizeof(*c));
	c->dir = ks_strdup(dir);
	c->lockfd = -1;
	c->tty = isatty(STDERR_FILENO);
	*out = c;
	return 0;
}

void
feed_cache_free(struct feed_cache *c)
{
	if (c == NULL)
		return;
	if (c->lockfd >= 0)
		close(c->lockfd);
	free(c->dir);
	free(c->noted);
	free(c);
}

int
feed_cache_lock(struct feed_cache *c)
{
	char *path;
	int rc = KS_ERROR;

	if (c->lockfd >= 0)
		return 0;
	path = ks_asprintf("%s/.lock", c->dir);
	c->lockfd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
	if (c->lockfd < 0) {
		ks_error_set("cache lock %s: %s", path, strerror(errno));
		goto out;
	}
	if (flock(c->lockfd, LOCK_EX | LOCK_NB) != 0) {
		if (errno == EWOULDBLOCK)
			ks_error_set("another feed update is running (lock %s "
			    "is held); try again when it has finished", path);
		else
			ks_error_set("cache lock %s: %s", path,
			    strerror(errno));
		close(c->lockfd);
		c->lockfd = -1;
		rc = errno == EWOULDBLOCK ? KS_ELIMIT : KS_ERROR;
		goto out;
	}
	rc = 0;
out:
	free(path);
	return rc;
}

void
feed_cache_set_verifier(struct feed_cache *c, enum feed_kind kind,
    feed_cache_verify_cb cb, void *payload)
{
	if ((unsigned)kind < 4) {
		c->verify[kind] = cb;
		c->verify_payload[kind] = payload;
	}
}

void
feed_cache_set_progress(struct feed_cache *c, bool tty)
{
	c->tty = tty;
}

/* ---- state files -------------------------------------------------------- */

void
feed_cache_info_clear(struct feed_cache_info *info)
{
	size_t i;

	free(info->etag);
	free(info->last_modified);
	free(info->url);
	free(info->result);
	free(info->verified);
	for (i = 0; i < info->nfiles; i++)
		free(info->files[i].name);
	free(info->files);
	memset(info, 0, sizeof(*info));
}

/* A value may not hold a newline: it would forge another line. */
static const char *
one_line(const char *s)
{
	return s != NULL && strpbrk(s, "\r\n") == NULL ? s : "";
}

int
feed_state_write(const char *path, const struct feed_cache_info *info)
{
	struct ks_buf b;
	size_t i;
	int rc = KS_ERROR;

	ks_buf_init(&b, 0);
	ks_buf_puts(&b, "# kensa feed state: do not edit\n");
	if (info->cached) {
		ks_buf_printf(&b, "updated = %lld\n",
		    (long long)info->updated);
		ks_buf_printf(&b, "url = %s\n", one_line(info->url));
		ks_buf_printf(&b, "etag = %s\n", one_line(info->etag));
		ks_buf_printf(&b, "last_modified = %s\n",
		    one_line(info->last_modified));
		/* Older kensa ignores this key; without it the copy reads as
		 * "unknown" (feed_cache_verified_label). */
		if (info->verified != NULL)
			ks_buf_printf(&b, "verified = %s\n",
			    one_line(info->verified));
		for (i = 0; i < info->nfiles; i++)
			ks_buf_printf(&b, "file = %llu %s %s\n",
			    (unsigned long long)info->files[i].size,
			    info->files[i].sha256, info->files[i].name);
	}
	if (info->attempted != 0) {
		ks_buf_printf(&b, "attempted = %lld\n",
		    (long long)info->attempted);
		ks_buf_printf(&b, "result = %s\n", one_line(info->result));
	}
	rc = ks_file_write_atomic(path, b.data, b.len);
	ks_buf_free(&b);
	return rc;
}

static char *
dup_or_null(const char *v)
{
	return *v ? ks_strdup(v) : NULL;
}

int
feed_state_read(const char *path, struct feed_cache_info *info)
{
	char *text = NULL, *line, *save = NULL;
	size_t len = 0, cap = 0, lineno = 0;
	int rc;

	rc = ks_file_read(path, STATE_MAX_BYTES, &text, &len);
	if (rc != 0)
		return rc;
	rc = KS_EPARSE;
	for (line = strtok_r(text, "\n", &save); line != NULL;
	    line = strtok_r(NULL, "\n", &save)) {
		char *eq, *k, *v;

		lineno++;
		if (line[0] == '#')
			continue;
		eq = strstr(line, " = ");
		if (eq == NULL) {
			/* "key = " with an empty value loses its space to
			 * nobody: accept "key =" too. */
			size_t n = strlen(line);

			if (n < 2 || strcmp(line + n - 2, " =") != 0)
				goto bad;
			line[n - 2] = '\0';
			k = line;
			v = line + n - 1;
			*v = '\0';
		} else {
			*eq = '\0';
			k = line;
			v = eq + 3;
		}
		if (strcmp(k, "updated") == 0) {
			info->updated = strtoll(v, NULL, 10);
			info->cached = true;
		} else if (strcmp(k, "url") == 0) {
			free(info->url);
			info->url = dup_or_null(v);
		} else if (strcmp(k, "etag") == 0) {
			free(info->etag);
			info->etag = dup_or_null(v);
		} else if (strcmp(k, "last_modified") == 0) {
			free(info->last_modified);
			info->last_modified = dup_or_null(v);
		} else if (strcmp(k, "verified") == 0) {
			free(info->verified);
			info->verified = dup_or_null(v);
		} else if (strcmp(k, "attempted") == 0) {
			info->attempted = strtoll(v, NULL, 10);
		} else if (strcmp(k, "result") == 0) {
			free(info->result);
			info->result = dup_or_null(v);
		} else if (strcmp(k, "file") == 0) {
			unsigned long long sz;
			char sha[65];
			int off = 0;

			if (sscanf(v, "%llu %64s %n", &sz, sha, &off) != 2 ||
			    off == 0 || v[off] == '\0' ||
			    !feed_sha256_valid(sha) ||
			    info->nfiles >= STATE_MAX_FILES)
				goto bad;
			ks_grow(&info->files, &cap, info->nfiles + 1,
			    sizeof(*info->files));
			info->files[info->nfiles].name = ks_strdup(v + off);
			info->files[info->nfiles].size = sz;
			memcpy(info->files[info->nfiles].sha256, sha, 65);
			info->size += sz;
			info->nfiles++;
		}
		/* Unknown keys are ignored: a newer kensa may add some. */
	}
	rc = 0;
	goto out;
bad:
	ks_error_set("%s:%zu: damaged state file", path, lineno);
out:
	free(text);
	return rc;
}

const char *
feed_cache_verified_label(const struct feed_cache_info *info)
{
	if (!info->cached)
		return "-";
	return info->verified != NULL ? info->verified : "unknown";
}

void
feed_cache_note_verified(struct feed_cache *c, const char *what)
{
	free(c->noted);
	c->noted = what != NULL ? ks_strdup(one_line(what)) : NULL;
}

/* ---- JVN iPedia checksum.txt -------------------------------------------- */

void
feed_checksum_free(struct feed_checksum_entry *e, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(e[i].url);
		free(e[i].filename);
		free(e[i].last_modified);
	}
	free(e);
}

static bool
plain_name(const char *s)
{
	return s != NULL && *s != '\0' && *s != '.' &&
	    strchr(s, '/') == NULL && strlen(s) <= NAME_MAX &&
	    strpbrk(s, "\\\n\r") == NULL;
}

int
feed_checksum_parse(const char *text, size_t len, const char *name,
    struct feed_checksum_entry **out, size_t *nout)
{
	yaml_parser_t p;
	yaml_event_t ev;
	struct feed_checksum_entry *v = NULL, *cur = NULL;
	size_t n = 0, cap = 0;
	int depth = 0, rc = KS_EPARSE;
	char *key = NULL;
	bool done = false;

	if (len > CHECKSUM_MAX_BYTES) {
		ks_error_set("%s: larger than %u bytes", name,
		    CHECKSUM_MAX_BYTES);
		return KS_ELIMIT;
	}
	if ((rc = ks_dl_need(&ks_yaml_lib, "reading feed checksums")) != 0)
		return rc;
	ks_yaml.yaml_parser_initialize(&p);
	ks_yaml.yaml_parser_set_input_string(&p, (const unsigned char *)text,
	    len);
	rc = KS_EPARSE;
	while (!done) {
		if (!ks_yaml.yaml_parser_parse(&p, &ev)) {
			ks_error_set("%s:%zu: %s", name,
			    p.problem_mark.line + 1,
			    p.problem ? p.problem : "syntax error");
			goto out;
		}
		switch (ev.type) {
		case YAML_STREAM_END_EVENT:
			done = true;
			break;
		case YAML_SEQUENCE_START_EVENT:
			if (depth != 0)
				goto shape;
			depth = 1;
			break;
		case YAML_SEQUENCE_END_EVENT:
			depth = 0;
			break;
		case YAML_MAPPING_START_EVENT:
			if (depth != 1)
				goto shape;
			if (n >= CHECKSUM_MAX_ENTRIES) {
				ks_yaml.yaml_event_delete(&ev);
				ks_error_set("%s: more than %d entries", name,
				    CHECKSUM_MAX_ENTRIES);
				rc = KS_ELIMIT;
				goto out;
			}
			ks_grow(&v, &cap, n + 1, sizeof(*v));
			cur = &v[n++];
			memset(cur, 0, sizeof(*cur));
			depth = 2;
			break;
		case YAML_MAPPING_END_EVENT: {
			const char *why = NULL;

			if (!cur->url || !cur->filename || !cur->sha256[0])
				why = "needs url, filename and sha256";
			else if (!plain_name(cur->filename))
				why = "filename is not a plain file name";
			else if (strncmp(cur->url, "https://", 8) != 0)
				why = "url is not https://";
			if (why != NULL) {
				ks_error_set("%s:%zu: entry %zu: %s", name,
				    ev.start_mark.line + 1, n, why);
				ks_yaml.yaml_event_delete(&ev);
				goto out;
			}
			depth = 1;
			break;
		}
		case YAML_SCALAR_EVENT: {
			const char *s = (const char *)ev.data.scalar.value;

			if (depth != 2)
				goto shape;
			if (key == NULL) {
				key = ks_strdup(s);
				break;
			}
			if (strcmp(key, "url") == 0) {
				free(cur->url);
				cur->url = ks_strdup(s);
			} else if (strcmp(key, "filename") == 0) {
				free(cur->filename);
				cur->filename = ks_strdup(s);
			} else if (strcmp(key, "sha256") == 0) {
				size_t i;

				if (!feed_sha256_valid(s)) {
					ks_error_set("%s:%zu: bad sha256 '%.80s'",
					    name, ev.start_mark.line + 1, s);
					ks_yaml.yaml_event_delete(&ev);
					goto out;
				}
				for (i = 0; i < 64; i++)
					cur->sha256[i] = (char)(s[i] | 0x20);
				cur->sha256[64] = '\0';
			} else if (strcmp(key, "size") == 0) {
				cur->size = strtoull(s, NULL, 10);
			} else if (strcmp(key, "lastModified") == 0) {
				free(cur->last_modified);
				cur->last_modified = ks_strdup(s);
			}
			free(key);
			key = NULL;
			break;
		}
		case YAML_ALIAS_EVENT:
			goto shape;
		default:
			break;
		}
		ks_yaml.yaml_event_delete(&ev);
		continue;
shape:
		ks_error_set("%s:%zu: expected a JSON array of objects with "
		    "scalar values", name, ev.start_mark.line + 1);
		ks_yaml.yaml_event_delete(&ev);
		goto out;
	}
	*out = v;
	*nout = n;
	v = NULL;
	n = 0;
	rc = 0;
out:
	free(key);
	feed_checksum_free(v, n);
	ks_yaml.yaml_parser_delete(&p);
	return rc;
}

int
feed_digest_find(const char *text, size_t len, const char *filename,
    char out[65])
{
	const char *p = text, *end = text + len;
	int found = 0;

	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
		char line[1024], *name, sep;
		size_t i;

		if (n >= sizeof(line))
			return KS_EPARSE;
		memcpy(line, p, n);
		line[n] = '\0';
		p = nl ? nl + 1 : end;
		while (n > 0 && (line[n - 1] == '\r' || line[n - 1] == ' '))
			line[--n] = '\0';
		if (n == 0 || line[0] == '#')
			continue;
		if (n < 64)
			return KS_EPARSE;
		sep = line[64];
		line[64] = '\0';
		if (!feed_sha256_valid(line))
			return KS_EPARSE;
		if (n > 64) {
			/* "HEX  NAME" (text mode) or "HEX *NAME" (binary) */
			if (sep != ' ' && sep != '\t')
				return KS_EPARSE;
			name = line + 65;
			if (*name == '*' || *name == ' ')
				name++;
			if (strcmp(name, filename) != 0) {
				/* a path: compare the last component */
				const char *b = strrchr(name, '/');

				if (b == NULL || strcmp(b + 1, filename) != 0)
					continue;
			}
		}
		for (i = 0; i < 64; i++)
			out[i] = (char)(line[i] | 0x20);
		out[64] = '\0';
		found = 1;
		if (n > 64)
			break;
	}
	return found ? 0 : KS_ENOTFOUND;
}

/* ---- directories -------------------------------------------------------- */

static int
fsync_path(const char *path, bool dir)
{
	int fd = open(path, (dir ? O_RDONLY | O_DIRECTORY : O_RDONLY) |
	    O_CLOEXEC);
	int rc = 0;

	if (fd < 0)
		return KS_ERROR;
	if (fsync(fd) != 0 && errno != EINVAL)
		rc = KS_ERROR;
	close(fd);
	return rc;
}

/* The name `current` points to (e.g. "snap-ab12cd"), or NULL. */
static char *
current_target(const char *srcdir)
{
	char *link = ks_asprintf("%s/current", srcdir);
	char buf[PATH_MAX];
	ssize_t n = readlink(link, buf, sizeof(buf) - 1);

	free(link);
	if (n <= 0)
		return NULL;
	buf[n] = '\0';
	if (strchr(buf, '/') != NULL || buf[0] == '.')
		return NULL;	/* not one of ours */
	return ks_strdup(buf);
}

/* ---- held snapshots ---------------------------------------------------- */

struct feed_snapshot {
	char			*source;
	char			*dir;
	int			 fd;	/* the directory, LOCK_SH */
	struct feed_cache_info	 info;
};

/* How often `current` is resolved again when a prune raced the reader. */
#define SNAPSHOT_TRIES	16

/* Opens and share-locks dir; 0 with *fd when it still is the snapshot it
 * was (its name leads to the directory we locked), else KS_ENOTFOUND. */
static int
snapshot_hold(const char *dir, int *fd)
{
	struct stat a, b;
	int f;

	f = open(dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (f < 0)
		return errno == ENOENT ? KS_ENOTFOUND : KS_ERROR;
	while (flock(f, LOCK_SH) != 0) {
		if (errno != EINTR) {
			close(f);
			return KS_ERROR;
		}
	}
	/* A prune renames the directory away while it holds the exclusive
	 * lock: after that, the name leads elsewhere or nowhere. */
	if (fstat(f, &a) != 0 || stat(dir, &b) != 0 || a.st_dev != b.st_dev ||
	    a.st_ino != b.st_ino || a.st_nlink == 0) {
		close(f);
		return KS_ENOTFOUND;
	}
	*fd = f;
	return 0;
}

int
feed_cache_snapshot_open(struct feed_cache *c, const char *source,
    struct feed_snapshot **out)
{
	char *srcdir = ks_asprintf("%s/%s", c->dir, source);
	struct feed_snapshot *s = ks_calloc(1, sizeof(*s));
	int rc = KS_ENOTFOUND, tries;

	s->fd = -1;
	s->source = ks_strdup(source);
	for (tries = 0; tries < SNAPSHOT_TRIES; tries++) {
		char *t = current_target(srcdir);

		if (t == NULL) {
			ks_error_set("%s: nothing cached in %s", source,
			    srcdir);
			rc = KS_ENOTFOUND;
			goto out;
		}
		free(s->dir);
		s->dir = ks_asprintf("%s/%s", srcdir, t);
		free(t);
		rc = snapshot_hold(s->dir, &s->fd);
		if (rc == 0)
			break;
		if (rc != KS_ENOTFOUND) {
			ks_error_set("%s: %s: cannot hold the cached copy: %s",
			    source, s->dir, strerror(errno));
			goto out;
		}
	}
	if (rc != 0) {
		ks_error_set("%s: %s: cached copy missing", source, s->dir);
		goto out;
	}
	{
		char *p = ks_asprintf("%s/.state", s->dir);

		rc = feed_state_read(p, &s->info);
		free(p);
	}
	if (rc == 0 && !s->info.cached) {
		ks_error_set("%s: %s/.state: no update time; damaged state "
		    "file", source, s->dir);
		rc = KS_EPARSE;
	} else if (rc != 0) {
		char *m = ks_strdup(ks_error_msg());

		ks_error_set("%s: %s", source, m);
		free(m);
	}
out:
	free(srcdir);
	if (rc != 0) {
		feed_snapshot_close(s);
		s = NULL;
	}
	*out = s;
	return rc;
}

void
feed_snapshot_close(struct feed_snapshot *s)
{
	if (s == NULL)
		return;
	if (s->fd >= 0)
		close(s->fd);	/* drops the shared lock */
	feed_cache_info_clear(&s->info);
	free(s->source);
	free(s->dir);
	free(s);
}

const char *
feed_snapshot_dir(const struct feed_snapshot *s)
{
	return s->dir;
}

const struct feed_cache_info *
feed_snapshot_info(const struct feed_snapshot *s)
{
	return &s->info;
}

int
feed_snapshot_verify(const struct feed_snapshot *s)
{
	size_t i;

	for (i = 0; i < s->info.nfiles; i++) {
		const struct feed_cache_file *f = &s->info.files[i];
		char *p = ks_asprintf("%s/%s", s->dir, f->name);
		char sha[65];
		uint64_t size = 0;
		int r = plain_name(f->name) ? feed_sha256_file(p, sha, &size) :
		    KS_EPARSE;

		free(p);
		if (r != 0) {
			ks_error_set("%s: %s: missing or unreadable",
			    s->source, f->name);
			return KS_ERROR;
		}
		if (size != f->size || strcmp(sha, f->sha256) != 0) {
			ks_error_set("%s: %s: sha256 mismatch (state file "
			    "says %s, %llu bytes; file is %s, %llu bytes)",
			    s->source, f->name, f->sha256,
			    (unsigned long long)f->size, sha,
			    (unsigned long long)size);
			return KS_ERROR;
		}
	}
	return 0;
}

int
feed_cache_snapshot(struct feed_cache *c, const char *source, char **dir)
{
	char *srcdir = ks_asprintf("%s/%s", c->dir, source);
	char *t = current_target(srcdir);
	struct stat st;
	int rc = KS_ENOTFOUND;

	if (t == NULL) {
		ks_error_set("%s: nothing cached in %s", source, srcdir);
		goto out;
	}
	*dir = ks_asprintf("%s/%s", srcdir, t);
	if (stat(*dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
		ks_error_set("%s: %s: cached copy missing", source, *dir);
		free(*dir);
		*dir = NULL;
		goto out;
	}
	rc = 0;
out:
	free(t);
	free(srcdir);
	return rc;
}

int
feed_cache_info(struct feed_cache *c, const char *source,
    struct feed_cache_info *info)
{
	char *snap = NULL, *p;
	struct feed_cache_info att;
	int rc = 0;

	memset(info, 0, sizeof(*info));
	memset(&att, 0, sizeof(att));
	if (feed_cache_snapshot(c, source, &snap) == 0) {
		p = ks_asprintf("%s/.state", snap);
		rc = feed_state_read(p, info);
		free(p);
		if (rc != 0)
			goto out;
	}
	p = ks_asprintf("%s/%s/attempt", c->dir, source);
	if (access(p, F_OK) == 0 && feed_state_read(p, &att) == 0) {
		info->attempted = att.attempted;
		info->result = att.result;
		att.result = NULL;
	}
	free(p);
	ks_error_clear();
out:
	feed_cache_info_clear(&att);
	free(snap);
	return rc;
}

int
feed_cache_verify(struct feed_cache *c, const char *source)
{
	struct feed_snapshot *snap = NULL;
	int rc;

	rc = feed_cache_snapshot_open(c, source, &snap);
	if (rc != 0)
		return rc;
	rc = feed_snapshot_verify(snap);
	feed_snapshot_close(snap);
	return rc;
}

/* ---- update ------------------------------------------------------------- */

/* What one update is building. */
struct upd {
	struct feed_cache	*c;
	const struct feed_source *src;
	char			*srcdir;	/* CACHE/SRC */
	char			*newdir;	/* CACHE/SRC/.new-XXXXXX */
	char			*partdir;	/* CACHE/SRC/.partial */
	char			*curdir;	/* current snapshot or NULL */
	struct feed_cache_info	 cur;		/* its state */
	struct feed_cache_info	 next;		/* the new state */
	size_t			 ncap;
};

static void
add_file(struct upd *u, const char *name, uint64_t size, const char *sha)
{
	struct feed_cache_file *f;

	ks_grow(&u->next.files, &u->ncap, u->next.nfiles + 1,
	    sizeof(*u->next.files));
	f = &u->next.files[u->next.nfiles++];
	f->name = ks_strdup(name);
	f->size = size;
	memcpy(f->sha256, sha, 65);
	u->next.size += size;
}

static const struct feed_cache_file *
cur_file(const struct upd *u, const char *name)
{
	size_t i;

	for (i = 0; i < u->cur.nfiles; i++)
		if (strcmp(u->cur.files[i].name, name) == 0)
			return &u->cur.files[i];
	return NULL;
}

/* Copies a file (fallback when a hard link is not possible). */
static int
copy_file(const char *from, const char *to)
{
	char buf[65536];
	FILE *in = fopen(from, "rb"), *out = NULL;
	size_t n;
	int rc = KS_ERROR;

	if (in == NULL)
		goto out;
	out = fopen(to, "wb");
	if (out == NULL)
		goto out;
	while ((n = fread(buf, 1, sizeof(buf), in)) > 0)
		if (fwrite(buf, 1, n, out) != n)
			goto out;
	if (!ferror(in))
		rc = 0;
out:
	if (in != NULL)
		fclose(in);
	if (out != NULL && fclose(out) != 0)
		rc = KS_ERROR;
	return rc;
}

/*
 * Downloads `url` to .partial/NAME (resuming a previous partial), checks
 * the expected size (0: any) and digest (NULL: none known), and moves it
 * into the new directory. *nm set on a 304 (only when conditional).
 */
static int
fetch_into(struct upd *u, const char *url, const char *name,
    const char *want_sha, uint64_t want_size, const char *etag,
    const char *lastmod, bool *nm)
{
	char *part = ks_asprintf("%s/%s", u->partdir, name);
	char *vfile = ks_asprintf("%s/%s.validator", u->partdir, name);
	char *dest = ks_asprintf("%s/%s", u->newdir, name);
	char *validator = NULL, sha[65];
	size_t vlen = 0;
	uint64_t size = 0;
	struct feed_fetch_req req;
	struct feed_fetch_res res;
	int rc;

	memset(&req, 0, sizeof(req));
	(void)ks_file_read(vfile, 512, &validator, &vlen);
	ks_error_clear();
	req.src = u->src;
	req.url = url;
	req.etag = etag;
	req.last_modified = lastmod;
	req.path = part;
	req.partial_validator = validator;
	req.progress_tty = u->c->tty;
	req.progress_log = !u->c->tty;
	req.label = name;
	if (nm != NULL)
		*nm = false;
	rc = feed_fetch(&req, &res);
	if (rc != 0) {
		/* Keep what arrived, with its validator, for a resume. */
		const char *v = *res.etag && strncmp(res.etag, "W/", 2) != 0 ?
		    res.etag : res.last_modified;
		struct stat st;

		if (*v && stat(part, &st) == 0 && st.st_size > 0)
			(void)ks_file_write_atomic(vfile, v, strlen(v));
		else {
			unlink(part);
			unlink(vfile);
		}
		goto out;
	}
	unlink(vfile);
	if (res.not_modified) {
		unlink(part);
		if (nm != NULL)
			*nm = true;
		goto out;
	}
	rc = feed_sha256_file(part, sha, &size);
	if (rc != 0)
		goto out;
	rc = KS_ERROR;
	if (want_size != 0 && size != want_size) {
		ks_error_set("%s: %s: size %llu differs from the published "
		    "%llu; rejected, previous copy kept", u->src->name, url,
		    (unsigned long long)size, (unsigned long long)want_size);
		unlink(part);
		goto out;
	}
	if (want_sha != NULL && strcmp(sha, want_sha) != 0) {
		ks_error_set("%s: %s: sha256 mismatch (published %s, got %s); "
		    "rejected, previous copy kept", u->src->name, url,
		    want_sha, sha);
		unlink(part);
		goto out;
	}
	if (fsync_path(part, false) != 0 || rename(part, dest) != 0) {
		ks_error_set("%s: %s: cannot install %s: %s", u->src->name,
		    url, dest, strerror(errno));
		goto out;
	}
	add_file(u, name, size, sha);
	if (u->next.etag == NULL && *res.etag)
		u->next.etag = ks_strdup(res.etag);
	if (u->next.last_modified == NULL && *res.last_modified)
		u->next.last_modified = ks_strdup(res.last_modified);
	rc = 0;
out:
	free(validator);
	free(part);
	free(vfile);
	free(dest);
	return rc;
}

/* The file name for a single-file source: the URL's last path segment. */
static char *
url_filename(const char *url)
{
	const char *p = url + strcspn(url, "?#"), *s = p;
	char *name;

	while (s > url && s[-1] != '/')
		s--;
	name = ks_strndup(s, (size_t)(p - s));
	if (!plain_name(name) || strcmp(name, "current") == 0 ||
	    strcmp(name, "attempt") == 0) {
		free(name);
		name = ks_strdup("feed.data");
	}
	return name;
}

static int
update_single(struct upd *u, bool *nm)
{
	const struct feed_source *s = u->src;
	char *name = url_filename(s->url);
	char want[65];
	const char *want_sha = s->sha256;
	bool have = u->curdir != NULL && cur_file(u, name) != NULL;
	int rc;

	if (s->digest_url != NULL) {
		struct ks_buf b;
		struct feed_fetch_req req;
		struct feed_fetch_res res;
		struct feed_source capped = *s;

		capped.max_size = DIGEST_MAX_BYTES;
		ks_buf_init(&b, DIGEST_MAX_BYTES);
		memset(&req, 0, sizeof(req));
		req.src = &capped;
		req.url = s->digest_url;
		req.mem = &b;
		rc = feed_fetch(&req, &res);
		if (rc == 0) {
			rc = feed_digest_find(b.data, b.len, name, want);
			if (rc != 0)
				ks_error_set("%s: %s: no valid SHA-256 for %s",
				    s->name, s->digest_url, name);
		}
		ks_buf_free(&b);
		if (rc != 0)
			goto out;
		want_sha = want;
		/* The published digest is the truth: if it matches what we
		 * have, nothing needs downloading. */
		if (have && strcmp(cur_file(u, name)->sha256, want) == 0) {
			*nm = true;
			rc = 0;
			goto out;
		}
	}
	rc = fetch_into(u, s->url, name, want_sha, 0,
	    have ? u->cur.etag : NULL, have ? u->cur.last_modified : NULL,
	    nm);
out:
	free(name);
	return rc;
}

static bool
wanted(const struct feed_source *s, const char *name)
{
	size_t i;

	if (s->nfiles == 0)
		return true;
	for (i = 0; i < s->nfiles; i++)
		if (strcmp(s->files[i], name) == 0)
			return true;
	return false;
}

static int
update_jvn(struct upd *u, bool *nm)
{
	const struct feed_source *s = u->src;
	struct feed_checksum_entry *e = NULL;
	size_t n = 0, i, j;
	const struct feed_cache_file *cf;
	char *etag = NULL, *lastmod = NULL;
	int rc;

	/* checksum.txt is itself a file of the copy: it is fetched
	 * conditionally, and an unchanged one means an unchanged feed. */
	cf = u->curdir != NULL ? cur_file(u, "checksum.txt") : NULL;
	rc = fetch_into(u, s->url, "checksum.txt", NULL, 0,
	    cf ? u->cur.etag : NULL, cf ? u->cur.last_modified : NULL, nm);
	if (rc != 0 || *nm)
		goto out;
	{
		char *p = ks_asprintf("%s/checksum.txt", u->newdir), *text;
		size_t len;

		rc = ks_file_read(p, CHECKSUM_MAX_BYTES, &text, &len);
		if (rc == 0) {
			rc = feed_checksum_parse(text, len, s->url, &e, &n);
			free(text);
		}
		free(p);
		if (rc != 0) {
			char *m = ks_strdup(ks_error_msg());

			ks_error_set("%s: %s: %s", s->name, s->url, m);
			free(m);
			goto out;
		}
	}
	/* The ETag of the copy is checksum.txt's; fetch_into keeps the
	 * first one it sees. */
	for (i = 0; i < s->nfiles; i++) {
		for (j = 0; j < n && strcmp(e[j].filename, s->files[i]); j++)
			;
		if (j == n) {
			ks_error_set("%s: %s: %s is not listed", s->name,
			    s->url, s->files[i]);
			rc = KS_ENOTFOUND;
			goto out;
		}
	}
	for (i = 0; i < n; i++) {
		if (!wanted(s, e[i].filename) ||
		    strcmp(e[i].filename, "checksum.txt") == 0)
			continue;
		for (j = 0; j < i; j++)
			if (strcmp(e[j].filename, e[i].filename) == 0)
				break;
		if (j < i)
			continue;	/* listed twice: the first wins */
		cf = u->curdir != NULL ? cur_file(u, e[i].filename) : NULL;
		if (cf != NULL && strcmp(cf->sha256, e[i].sha256) == 0) {
			/* Unchanged: share it with the current copy. */
			char *from = ks_asprintf("%s/%s", u->curdir, cf->name);
			char *to = ks_asprintf("%s/%s", u->newdir, cf->name);

			rc = link(from, to) == 0 ? 0 : copy_file(from, to);
			if (rc != 0)
				ks_error_set("%s: cannot copy %s to %s: %s",
				    s->name, from, to, strerror(errno));
			free(from);
			free(to);
			if (rc != 0)
				goto out;
			add_file(u, cf->name, cf->size, cf->sha256);
			continue;
		}
		if (e[i].size > s->max_size) {
			ks_error_set("%s: %s: published size %llu is larger "
			    "than max_size %llu", s->name, e[i].url,
			    (unsigned long long)e[i].size,
			    (unsigned long long)s->max_size);
			rc = KS_ELIMIT;
			goto out;
		}
		ks_info("%s: fetching %s", s->name, e[i].url);
		rc = fetch_into(u, e[i].url, e[i].filename, e[i].sha256,
		    e[i].size, NULL, NULL, NULL);
		if (rc != 0)
			goto out;
	}
	rc = 0;
out:
	free(etag);
	free(lastmod);
	feed_checksum_free(e, n);
	return rc;
}

/*
 * Removes one old snapshot (or a .dead-* leftover) unless a reader holds
 * it: the exclusive lock is only tried, never waited for. Returns true
 * when it is kept because a reader holds it.
 */
static bool
prune_one(const char *srcdir, const char *name)
{
	char *p = ks_asprintf("%s/%s", srcdir, name), *dead = NULL;
	bool held = false;
	int fd;

	fd = open(p, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		goto out;
	if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
		held = errno == EWOULDBLOCK;
		goto out;
	}
	if (strncmp(name, "snap-", 5) == 0) {
		/* Away from its name first, under the lock: a reader that
		 * resolved it meanwhile sees the name gone once it gets its
		 * shared lock, and resolves `current` again. */
		dead = ks_asprintf("%s/.dead-%s", srcdir, name + 5);
		if (rename(p, dead) != 0)
			goto out;
		ks_rm_flat(dead);
	} else {
		ks_rm_flat(p);
	}
out:
	if (fd >= 0)
		close(fd);
	free(dead);
	free(p);
	return held;
}

/* Removes leftovers of crashed updates and prunes, and the snapshots other
 * than keep1 and keep2 that no reader holds (prune_one). Returns how many
 * were kept for their readers. */
static size_t
cleanup_dir(const char *srcdir, const char *keepnew, const char *keep1,
    const char *keep2)
{
	DIR *d = opendir(srcdir);
	struct dirent *e;
	char **names = NULL;
	size_t n = 0, cap = 0, i, held = 0;

	if (d == NULL)
		return 0;
	/* Collect first: renaming while readdir runs could skip entries. */
	while ((e = readdir(d)) != NULL) {
		bool stale_new = strncmp(e->d_name, ".new-", 5) == 0 &&
		    (keepnew == NULL || strcmp(keepnew, e->d_name) != 0);
		bool dead = strncmp(e->d_name, ".dead-", 6) == 0;
		bool old_snap = strncmp(e->d_name, "snap-", 5) == 0 &&
		    (keep1 == NULL || strcmp(e->d_name, keep1) != 0) &&
		    (keep2 == NULL || strcmp(e->d_name, keep2) != 0);

		if (stale_new || dead || old_snap) {
			ks_grow(&names, &cap, n + 1, sizeof(*names));
			names[n++] = ks_strdup(e->d_name);
		}
	}
	closedir(d);
	for (i = 0; i < n; i++) {
		if (strncmp(names[i], ".new-", 5) == 0) {
			char *p = ks_asprintf("%s/%s", srcdir, names[i]);

			ks_rm_flat(p);
			free(p);
		} else if (prune_one(srcdir, names[i])) {
			ks_debug("%s/%s: kept, a reader holds it", srcdir,
			    names[i]);
			held++;
		}
		free(names[i]);
	}
	free(names);
	return held;
}

static void
cleanup(struct upd *u, const char *keep1, const char *keep2)
{
	(void)cleanup_dir(u->srcdir, u->newdir != NULL ?
	    strrchr(u->newdir, '/') + 1 : NULL, keep1, keep2);
}

size_t
feed_cache_prune(struct feed_cache *c, const char *source)
{
	char *srcdir = ks_asprintf("%s/%s", c->dir, source);
	char *cur = current_target(srcdir);
	size_t held = 0;

	/* An update may be building .new-* now: never prune beside it. */
	if (feed_cache_lock(c) == 0)
		held = cleanup_dir(srcdir, NULL, cur, NULL);
	else
		ks_error_clear();
	free(cur);
	free(srcdir);
	return held;
}

/* Records the outcome of this attempt in CACHE/SRC/attempt. */
static void
record(struct upd *u, const char *result)
{
	struct feed_cache_info a;
	char *p = ks_asprintf("%s/attempt", u->srcdir);
	char *save = ks_strdup(ks_error_msg());

	memset(&a, 0, sizeof(a));
	a.attempted = (int64_t)time(NULL);
	a.result = (char *)result;
	(void)feed_state_write(p, &a);
	free(p);
	/* Recording must not replace the message of the failure. */
	if (*save)
		ks_error_set("%s", save);
	else
		ks_error_clear();
	free(save);
}

/* Switches the new directory in: rename to snap-*, then swap the
 * `current` symlink with a rename (atomic). */
static int
install(struct upd *u, char **snapname)
{
	const char *suffix = strrchr(u->newdir, '/') + 6;	/* ".new-" */
	char *snap = ks_asprintf("%s/snap-%s", u->srcdir, suffix);
	char *tmp = ks_asprintf("%s/.current.tmp", u->srcdir);
	char *cur = ks_asprintf("%s/current", u->srcdir);
	int rc = KS_ERROR;

	*snapname = ks_asprintf("snap-%s", suffix);
	if (fsync_path(u->newdir, true) != 0 || rename(u->newdir, snap) != 0) {
		ks_error_set("%s: cannot rename %s to %s: %s", u->src->name,
		    u->newdir, snap, strerror(errno));
		goto out;
	}
	free(u->newdir);
	u->newdir = NULL;
	unlink(tmp);
	if (symlink(*snapname, tmp) != 0 || rename(tmp, cur) != 0) {
		ks_error_set("%s: cannot switch %s to %s: %s", u->src->name,
		    cur, *snapname, strerror(errno));
		ks_rm_flat(snap);
		goto out;
	}
	(void)fsync_path(u->srcdir, true);
	rc = 0;
out:
	free(snap);
	free(tmp);
	free(cur);
	return rc;
}

int
feed_cache_update(struct feed_cache *c, const struct feed_source *src,
    bool *changed)
{
	struct upd u;
	char *prev = NULL, *snapname = NULL, *t;
	bool nm = false;
	int rc = KS_ERROR;

	*changed = false;
	memset(&u, 0, sizeof(u));
	if (src->kind == FEED_KIND_MYJVN) {
		ks_error_set("%s: a myjvn source is an online API; nothing "
		    "to cache (use kensa jvn)", src->name);
		return KS_EUNSUPPORTED;
	}
	if (c->lockfd < 0) {
		ks_error_set("%s: the cache lock is not held", src->name);
		return KS_ERROR;
	}
	if (src->kind == FEED_KIND_BUNDLE && c->verify[src->kind] == NULL) {
		/* Fail closed: an unverified bundle never enters the cache. */
		ks_error_set("%s: %s: no bundle signature verifier is set; "
		    "refusing to cache an unverified bundle", src->name,
		    src->url);
		return KS_EUNSUPPORTED;
	}
	u.c = c;
	u.src = src;
	u.srcdir = ks_asprintf("%s/%s", c->dir, src->name);
	u.partdir = ks_asprintf("%s/.partial", u.srcdir);
	if ((mkdir(u.srcdir, 0755) != 0 && errno != EEXIST) ||
	    (mkdir(u.partdir, 0700) != 0 && errno != EEXIST)) {
		ks_error_set("%s: cannot create %s: %s", src->name, u.srcdir,
		    strerror(errno));
		goto out;
	}
	prev = current_target(u.srcdir);
	if (prev != NULL) {
		u.curdir = ks_asprintf("%s/%s", u.srcdir, prev);
		t = ks_asprintf("%s/.state", u.curdir);
		if (feed_state_read(t, &u.cur) != 0) {
			/* A damaged state: treat the copy as absent so
			 * everything is fetched again (the copy stays until
			 * a good one replaces it). */
			ks_warn("%s", ks_error_msg());
			feed_cache_info_clear(&u.cur);
			free(u.curdir);
			u.curdir = NULL;
		}
		free(t);
	}
	cleanup(&u, prev, NULL);
	t = ks_asprintf("%s/.new-XXXXXX", u.srcdir);
	if (mkdtemp(t) == NULL) {
		ks_error_set("%s: cannot create %s: %s", src->name, t,
		    strerror(errno));
		free(t);
		goto out;
	}
	/* mkdtemp makes it 0700: a copy is as readable as the cache
	 * directory (0755), so scans need not run as the updater. */
	(void)chmod(t, 0755);
	u.newdir = t;
	u.next.url = ks_strdup(src->url);
	if (src->kind == FEED_KIND_JVN_IPEDIA)
		rc = update_jvn(&u, &nm);
	else
		rc = update_single(&u, &nm);
	if (rc != 0)
		goto fail;
	if (nm) {
		record(&u, "unchanged");
		rc = 0;
		goto out;
	}
	/* What the download checks established: every file of a jvn-ipedia
	 * copy matched checksum.txt; a single file matched the digest_url's
	 * or the configured sha256 when there is one. */
	u.next.verified = ks_strdup(src->kind == FEED_KIND_JVN_IPEDIA ||
	    src->digest_url != NULL || src->sha256 != NULL ?
	    "sha256" : "none");
	if (c->verify[src->kind] != NULL) {
		feed_cache_note_verified(c, NULL);
		rc = c->verify[src->kind](src, u.newdir,
		    c->verify_payload[src->kind]);
		if (rc != 0) {
			feed_cache_note_verified(c, NULL);
			goto fail;
		}
		if (c->noted != NULL) {
			free(u.next.verified);
			u.next.verified = c->noted;
			c->noted = NULL;
		}
	}
	u.next.cached = true;
	u.next.updated = (int64_t)time(NULL);
	t = ks_asprintf("%s/.state", u.newdir);
	rc = feed_state_write(t, &u.next);
	free(t);
	if (rc != 0)
		goto fail;
	rc = install(&u, &snapname);
	if (rc != 0)
		goto fail;
	*changed = true;
	record(&u, "ok");
	cleanup(&u, snapname, prev);
	goto out;
fail:
	{
		char *m = ks_asprintf("failed: %s", ks_error_msg());

		record(&u, m);
		free(m);
	}
out:
	if (u.newdir != NULL)
		ks_rm_flat(u.newdir);
	free(u.newdir);
	free(u.srcdir);
	free(u.partdir);
	free(u.curdir);
	feed_cache_info_clear(&u.cur);
	feed_cache_info_clear(&u.next);
	free(prev);
	free(snapname);
	return rc;
}
