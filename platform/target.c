/*
 * Target objects and the file-system family's wrapper functions: the only
 * place that calls through struct plat_fs_ops, plus the one path walker every
 * back-end resolves with. The back-ends themselves live in fs_*.c; nothing
 * here knows how a path is looked up.
 */
#include "platform/plat_int.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* ---- errors ------------------------------------------------------------- */

int
plat_errno_rc(int err, const char *path, const char *what)
{
	char ebuf[128];
	const char *es = strerror_r(err, ebuf, sizeof(ebuf));
	int rc;

	switch (err) {
	case ENOENT:
	case ENOTDIR:
		rc = KS_ENOTFOUND;
		break;
	case EACCES:
	case EPERM:
		rc = KS_EPERM;
		break;
	case ELOOP:
	case ENAMETOOLONG:
	case EFBIG:
		rc = KS_ELIMIT;
		break;
	case ENOMEM:
		rc = KS_ENOMEM;
		break;
	default:
		rc = KS_ERROR;
		break;
	}
	if (what != NULL)
		ks_error_set("%s: %s: %s", path, what, es);
	else
		ks_error_set("%s: %s", path, es);
	return rc;
}

enum plat_ftype
plat_ftype_from_mode(mode_t m)
{
	switch (m & S_IFMT) {
	case S_IFREG:	return PLAT_FT_REG;
	case S_IFDIR:	return PLAT_FT_DIR;
	case S_IFLNK:	return PLAT_FT_LNK;
	case S_IFCHR:	return PLAT_FT_CHR;
	case S_IFBLK:	return PLAT_FT_BLK;
	case S_IFIFO:	return PLAT_FT_FIFO;
	case S_IFSOCK:	return PLAT_FT_SOCK;
	default:	return PLAT_FT_OTHER;
	}
}

void
plat_stat_from_sys(const struct stat *sb, struct plat_stat *out)
{
	memset(out, 0, sizeof(*out));
	out->type = plat_ftype_from_mode(sb->st_mode);
	out->mode = sb->st_mode & 07777;
	out->uid = sb->st_uid;
	out->gid = sb->st_gid;
	out->size = sb->st_size < 0 ? 0 : (uint64_t)sb->st_size;
	out->atime = sb->st_atim.tv_sec;
	out->mtime = sb->st_mtim.tv_sec;
	out->ctime = sb->st_ctim.tv_sec;
	out->dev = sb->st_dev;
	out->ino = sb->st_ino;
	out->nlink = sb->st_nlink;
}

/* ---- the path walker ---------------------------------------------------- */

void
plat_walk_release(const struct plat_walk_ops *ops, void *ctx, void *h)
{
	if (h != ops->root)
		ops->release(ctx, h);
}

/*
 * Splices a link's text in front of what is left of the path. `rest` is
 * either empty or starts with '/', so "text" + "/b" keeps the separator and
 * a trailing slash survives.
 */
static int
walk_splice(char **work, const char *text, const char *rest)
{
	size_t tl = strlen(text), rl = strlen(rest);
	char *n;

	if (tl + rl >= PATH_MAX)
		return ENAMETOOLONG;
	n = ks_malloc(tl + rl + 1);
	memcpy(n, text, tl);
	memcpy(n + tl, rest, rl + 1);
	free(*work);
	*work = n;
	return 0;
}

int
plat_walk(const struct plat_walk_ops *ops, void *ctx, const char *path,
    bool follow_last, void **out, char **canon)
{
	char cbuf[PATH_MAX], name[NAME_MAX + 1];
	size_t clen = 0, nlen;
	char *work = ks_strdup(path), *p = work, *end, *text;
	void *cur = ops->root, *h;
	bool is_link, last, slash;
	int links = 0, err = 0, rc = KS_ERROR;

	cbuf[0] = '\0';
	for (;;) {
		while (*p == '/')
			p++;
		if (*p == '\0')
			break;
		end = strchrnul(p, '/');
		nlen = (size_t)(end - p);
		if (nlen > NAME_MAX) {
			err = ENAMETOOLONG;
			goto fail;
		}
		memcpy(name, p, nlen);
		name[nlen] = '\0';
		slash = *end == '/';
		p = end;
		while (*end == '/')
			end++;
		last = *end == '\0';

		if (strcmp(name, ".") == 0 || strcmp(name, "..") == 0) {
			if (!ops->is_dir(ctx, cur)) {
				err = ENOTDIR;
				goto fail;
			}
			if (name[1] == '\0' || cur == ops->root)
				continue;
			/* canon holds "/a/b": the parent is "/a" */
			while (clen > 0 && cbuf[clen - 1] != '/')
				clen--;
			if (clen > 0)
				clen--;
			cbuf[clen] = '\0';
			if ((err = ops->parent(ctx, cur, cbuf, &h)) != 0)
				goto fail;
			plat_walk_release(ops, ctx, cur);
			cur = h;
			continue;
		}
		if ((err = ops->child(ctx, cur, name, &h, &is_link)) != 0)
			goto fail;
		if (is_link && (!last || slash || follow_last)) {
			if (++links > PLAT_MAX_LINKS) {
				plat_walk_release(ops, ctx, h);
				err = ELOOP;
				goto fail;
			}
			err = ops->readlink(ctx, h, &text);
			plat_walk_release(ops, ctx, h);
			if (err != 0)
				goto fail;
			if (text[0] == '\0') {
				free(text);
				err = ENOENT;
				goto fail;
			}
			if (text[0] == '/') {
				plat_walk_release(ops, ctx, cur);
				cur = ops->root;
				clen = 0;
				cbuf[0] = '\0';
			}
			err = walk_splice(&work, text, p);
			free(text);
			if (err != 0)
				goto fail;
			p = work;
			continue;
		}
		if (clen + 1 + nlen >= sizeof(cbuf)) {
			plat_walk_release(ops, ctx, h);
			err = ENAMETOOLONG;
			goto fail;
		}
		cbuf[clen++] = '/';
		memcpy(cbuf + clen, name, nlen + 1);
		clen += nlen;
		plat_walk_release(ops, ctx, cur);
		cur = h;
		if (last && slash && !ops->is_dir(ctx, cur)) {
			err = ENOTDIR;
			goto fail;
		}
	}
	if (canon != NULL)
		*canon = ks_strdup(clen == 0 ? "/" : cbuf);
	*out = cur;
	cur = NULL;
	rc = 0;
	goto out;
fail:
	rc = plat_errno_rc(err, path, NULL);
out:
	if (cur != NULL)
		plat_walk_release(ops, ctx, cur);
	free(work);
	return rc;
}

/* ---- targets ------------------------------------------------------------ */

static int
target_new(struct plat_target **out, const struct plat_fs_ops *ops,
    const char *arg, char *name)
{
	struct plat_target *t = ks_calloc(1, sizeof(*t));
	int rc;

	t->kind = ops->kind;
	t->fs = ops;
	t->name = name;
	t->fs_state = ks_calloc(1, ops->state_size ? ops->state_size : 1);
	if ((rc = ops->open(t->fs_state, arg)) != 0) {
		free(t->fs_state);
		free(t->name);
		free(t);
		return rc;
	}
	*out = t;
	return 0;
}

/* Returns 0 and a new host target (fs root "/", live facts). */
int
plat_target_host_new(struct plat_target **out)
{
	return target_new(out, &plat_fs_host_ops, "/", ks_strdup("host"));
}

/* Returns 0 and a target rooted at `dir`; KS_ENOTFOUND / KS_EPERM /
 * KS_ERROR (not a directory) with the message set. */
int
plat_target_root_new(struct plat_target **out, const char *dir)
{
	if (dir == NULL || *dir == '\0') {
		ks_error_set("root target: empty directory name");
		return KS_ERROR;
	}
	return target_new(out, &plat_fs_root_ops, dir,
	    ks_asprintf("root:%s", dir));
}

/* Returns 0 and an empty in-memory target (only "/" exists). */
int
plat_target_mem_new(struct plat_target **out)
{
	return target_new(out, &plat_fs_mem_ops, NULL, ks_strdup("mem"));
}

/* Frees the target and its back-end state; NULL does nothing. */
void
plat_target_free(struct plat_target *t)
{
	if (t == NULL)
		return;
	if (t->fs->close != NULL)
		t->fs->close(t->fs_state);
	free(t->fs_state);
	free(t->name);
	free(t);
}

enum plat_target_kind
plat_target_kind(const struct plat_target *t)
{
	return t->kind;
}

/* Borrowed; lives as long as the target. */
const char *
plat_target_name(const struct plat_target *t)
{
	return t->name;
}

bool
plat_target_is_live(const struct plat_target *t)
{
	return t->kind == PLAT_TARGET_HOST;
}

/* Every path given to a back-end is absolute and shorter than PATH_MAX. */
static int
check_path(const char *path)
{
	if (path == NULL || path[0] != '/') {
		ks_error_set("%s: not an absolute path",
		    path != NULL ? path : "(null)");
		return KS_ERROR;
	}
	if (strnlen(path, PATH_MAX) >= PATH_MAX) {
		ks_error_set("%.64s...: path longer than %d bytes", path,
		    PATH_MAX - 1);
		return KS_ELIMIT;
	}
	return 0;
}

static int
unsupported(const struct plat_target *t, const char *what)
{
	ks_error_set("%s: %s is not supported by this target", t->name, what);
	return KS_EUNSUPPORTED;
}

/* Fixture building: KS_EUNSUPPORTED unless the target is in memory. */
int
plat_target_mem_add_file(struct plat_target *t, const char *path,
    const void *data, size_t len, mode_t mode)
{
	int rc;

	if (t->fs->add_file == NULL)
		return unsupported(t, "adding files");
	if ((rc = check_path(path)) != 0)
		return rc;
	return t->fs->add_file(t->fs_state, path, data, len, mode);
}

int
plat_target_mem_add_dir(struct plat_target *t, const char *path, mode_t mode)
{
	int rc;

	if (t->fs->add_dir == NULL)
		return unsupported(t, "adding directories");
	if ((rc = check_path(path)) != 0)
		return rc;
	return t->fs->add_dir(t->fs_state, path, mode);
}

int
plat_target_mem_add_symlink(struct plat_target *t, const char *path,
    const char *dest)
{
	int rc;

	if (t->fs->add_symlink == NULL)
		return unsupported(t, "adding symbolic links");
	if ((rc = check_path(path)) != 0)
		return rc;
	if (dest == NULL || strnlen(dest, PATH_MAX) >= PATH_MAX) {
		ks_error_set("%s: bad link text", path);
		return KS_ERROR;
	}
	return t->fs->add_symlink(t->fs_state, path, dest);
}

/* ---- file system -------------------------------------------------------- */

int
plat_fs_stat(struct plat_target *t, const char *path, struct plat_stat *st)
{
	int rc;

	if (t->fs->stat == NULL)
		return unsupported(t, "stat");
	if ((rc = check_path(path)) != 0)
		return rc;
	return t->fs->stat(t->fs_state, path, st);
}

int
plat_fs_lstat(struct plat_target *t, const char *path, struct plat_stat *st)
{
	int rc;

	if (t->fs->lstat == NULL)
		return unsupported(t, "lstat");
	if ((rc = check_path(path)) != 0)
		return rc;
	return t->fs->lstat(t->fs_state, path, st);
}

int
plat_fs_readlink(struct plat_target *t, const char *path, char **out)
{
	int rc;

	if (t->fs->readlink == NULL)
		return unsupported(t, "readlink");
	if ((rc = check_path(path)) != 0)
		return rc;
	return t->fs->readlink(t->fs_state, path, out);
}

int
plat_fs_realpath(struct plat_target *t, const char *path, char **out)
{
	int rc;

	if (t->fs->realpath == NULL)
		return unsupported(t, "realpath");
	if ((rc = check_path(path)) != 0)
		return rc;
	return t->fs->realpath(t->fs_state, path, out);
}

int
plat_fs_open(struct plat_target *t, const char *path, struct plat_file **out)
{
	struct plat_file *f;
	int rc;

	if (t->fs->open_file == NULL)
		return unsupported(t, "reading files");
	if ((rc = check_path(path)) != 0)
		return rc;
	f = ks_calloc(1, sizeof(*f));
	f->fd = -1;
	if ((rc = t->fs->open_file(t->fs_state, path, f)) != 0) {
		if (f->fd >= 0)
			close(f->fd);
		free(f);
		return rc;
	}
	f->path = ks_strdup(path);
	*out = f;
	return 0;
}

ssize_t
plat_file_read(struct plat_file *f, void *buf, size_t n)
{
	ssize_t r;
	size_t left;

	if (f->fd < 0) {
		left = f->memlen - f->pos;
		if (n > left)
			n = left;
		memcpy(buf, f->mem + f->pos, n);
		f->pos += n;
		return (ssize_t)n;
	}
	do {
		r = read(f->fd, buf, n);
	} while (r < 0 && errno == EINTR);
	if (r < 0)
		return plat_errno_rc(errno, f->path, "read");
	return r;
}

void
plat_file_close(struct plat_file *f)
{
	if (f == NULL)
		return;
	if (f->fd >= 0)
		close(f->fd);
	free(f->path);
	free(f);
}

int
plat_fs_read_file(struct plat_target *t, const char *path, size_t max,
    char **data, size_t *len)
{
	struct plat_file *f = NULL;
	struct stat sb;
	char *buf = NULL;
	size_t cap, lim, n = 0;
	ssize_t r;
	int rc = KS_ERROR;

	if ((rc = plat_fs_open(t, path, &f)) != 0)
		return rc;
	rc = KS_ERROR;
	if (f->fd < 0) {
		if (f->memlen > max)
			goto toobig;
		buf = ks_malloc(f->memlen + 1);
		memcpy(buf, f->mem, f->memlen);
		n = f->memlen;
		goto done;
	}
	/* The size is a hint (procfs says 0, a file may grow): the loop below
	 * enforces the cap on what is actually read. */
	lim = max < SIZE_MAX / 2 ? max + 1 : SIZE_MAX / 2;
	cap = 4096;
	if (fstat(f->fd, &sb) == 0 && sb.st_size > 0) {
		if ((uint64_t)sb.st_size > max)
			goto toobig;
		cap = (size_t)sb.st_size + 1;
	}
	if (cap > lim)
		cap = lim;
	buf = ks_malloc(cap + 1);
	for (;;) {
		if (n == cap) {
			if (cap > max)
				goto toobig;
			cap = cap > lim / 2 ? lim : cap * 2;
			buf = ks_realloc(buf, cap + 1);
		}
		r = plat_file_read(f, buf + n, cap - n);
		if (r < 0) {
			rc = (int)r;
			goto out;
		}
		if (r == 0)
			break;
		n += (size_t)r;
		if (n > max)
			goto toobig;
	}
done:
	buf[n] = '\0';
	*data = buf;
	*len = n;
	buf = NULL;
	rc = 0;
	goto out;
toobig:
	ks_error_set("%s: file larger than %zu bytes", path, max);
	rc = KS_ELIMIT;
out:
	free(buf);
	plat_file_close(f);
	return rc;
}

int
plat_fs_list(struct plat_target *t, const char *dir, plat_dirent_cb cb,
    void *payload)
{
	int rc;

	if (t->fs->list == NULL)
		return unsupported(t, "listing directories");
	if ((rc = check_path(dir)) != 0)
		return rc;
	return t->fs->list(t->fs_state, dir, cb, payload);
}

/* The generic plat_fs_list_stat: names first, then one lstat each. */
struct lsname {
	char		*name;
	enum plat_ftype	 type;
};
struct lsnames {
	struct lsname	*e;
	size_t		 n, cap;
};

static int
lsnames_cb(const char *name, enum plat_ftype type, void *payload)
{
	struct lsnames *l = payload;

	ks_grow(&l->e, &l->cap, l->n + 1, sizeof(*l->e));
	l->e[l->n].name = ks_strdup(name);
	l->e[l->n].type = type;
	l->n++;
	return 0;
}

int
plat_fs_list_stat(struct plat_target *t, const char *dir,
    plat_dirent_stat_cb cb, void *payload)
{
	struct lsnames l = { 0 };
	int rc;

	if (t->fs->list_stat != NULL) {
		if ((rc = check_path(dir)) != 0)
			return rc;
		return t->fs->list_stat(t->fs_state, dir, cb, payload);
	}
	rc = plat_fs_list(t, dir, lsnames_cb, &l);
	for (size_t i = 0; i < l.n; i++) {
		struct plat_stat st;
		char *full;
		int src;

		if (rc == 0) {
			full = ks_asprintf("%s%s%s", dir,
			    strcmp(dir, "/") == 0 ? "" : "/", l.e[i].name);
			src = plat_fs_lstat(t, full, &st);
			ks_error_clear();
			free(full);
			rc = cb(l.e[i].name, l.e[i].type, src,
			    src == 0 ? &st : NULL, payload);
		}
		free(l.e[i].name);
	}
	free(l.e);
	return rc;
}

bool
plat_fs_list_concurrent(const struct plat_target *t)
{
	return t->fs->list_stat != NULL;
}
