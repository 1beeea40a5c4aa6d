/*
 * The directory-root file-system back-end: every path is resolved inside a
 * root directory held open as an O_PATH descriptor, with openat2(2)
 * RESOLVE_IN_ROOT where the kernel has it and a component-by-component walker
 * (plat_walk) where it does not, so "..", absolute links and link chains never
 * leave the root. The host back-end (fs_host.c) is this code with root "/".
 * It never writes and never opens a device, FIFO or socket for reading.
 */
#include "platform/plat_int.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/openat2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

static bool force_walk;

/* Tests only; see plat_int.h. */
void
plat_fsroot_force_walk(bool on)
{
	force_walk = on;
}

/*
 * Walker handles are descriptors stored as fd + 1, so that descriptor 0 is
 * not the NULL pointer the walker uses for "no handle".
 */
#define FD2H(fd)	((void *)(intptr_t)((fd) + 1))
#define H2FD(h)		((int)((intptr_t)(h) - 1))

static int
fd_lstat(int fd, struct stat *sb)
{
	return fstatat(fd, "", sb, AT_EMPTY_PATH | AT_SYMLINK_NOFOLLOW);
}

/*
 * An O_PATH descriptor of the directory whose canonical path (no links, no
 * dots) is `canon`, re-walked from the root with O_NOFOLLOW on every
 * component: if somebody replaced a directory by a link since, this fails
 * instead of leaving the root. Returns 0 or an errno value.
 */
int
plat_fsroot_canon_walk(struct plat_fsroot *st, const char *canon, int *out)
{
	char name[NAME_MAX + 1];
	const char *p = canon, *end;
	int fd, nfd;
	size_t n;

	if ((fd = fcntl(st->rootfd, F_DUPFD_CLOEXEC, 0)) < 0)
		return errno;
	for (;;) {
		while (*p == '/')
			p++;
		if (*p == '\0')
			break;
		end = strchrnul(p, '/');
		n = (size_t)(end - p);
		if (n > NAME_MAX) {
			close(fd);
			return ENAMETOOLONG;
		}
		memcpy(name, p, n);
		name[n] = '\0';
		p = end;
		nfd = openat(fd, name,
		    O_PATH | O_NOFOLLOW | O_DIRECTORY | O_CLOEXEC);
		close(fd);
		if (nfd < 0)
			return errno;
		fd = nfd;
	}
	*out = fd;
	return 0;
}

/* ---- walker callbacks --------------------------------------------------- */

static int
w_child(void *ctx, void *dir, const char *name, void **out, bool *is_link)
{
	struct stat sb;
	int fd, err;

	fd = openat(H2FD(dir), name, O_PATH | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		return errno;
	if (fd_lstat(fd, &sb) != 0) {
		err = errno;
		close(fd);
		return err;
	}
	*is_link = S_ISLNK(sb.st_mode);
	*out = FD2H(fd);
	return 0;
}

static int
w_parent(void *ctx, void *h, const char *canon, void **out)
{
	int fd, err;

	if ((err = plat_fsroot_canon_walk(ctx, canon, &fd)) != 0)
		return err;
	*out = FD2H(fd);
	return 0;
}

static int
w_readlink(void *ctx, void *h, char **text)
{
	char buf[PATH_MAX];
	ssize_t n;

	n = readlinkat(H2FD(h), "", buf, sizeof(buf));
	if (n < 0)
		return errno;
	if ((size_t)n >= sizeof(buf))
		return ENAMETOOLONG;
	*text = ks_strndup(buf, (size_t)n);
	return 0;
}

static bool
w_is_dir(void *ctx, void *h)
{
	struct stat sb;

	return fd_lstat(H2FD(h), &sb) == 0 && S_ISDIR(sb.st_mode);
}

static void
w_release(void *ctx, void *h)
{
	close(H2FD(h));
}

static void
walk_ops(struct plat_fsroot *st, struct plat_walk_ops *ops)
{
	*ops = (struct plat_walk_ops){
		.root = FD2H(st->rootfd),
		.child = w_child,
		.parent = w_parent,
		.readlink = w_readlink,
		.is_dir = w_is_dir,
		.release = w_release,
	};
}

/* ---- resolution --------------------------------------------------------- */

static long
sys_openat2(int dirfd, const char *path, int flags, bool follow)
{
	struct open_how how;

	memset(&how, 0, sizeof(how));
	how.flags = (uint64_t)(flags | O_CLOEXEC | (follow ? 0 : O_NOFOLLOW));
	how.resolve = RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS;
	return syscall(SYS_openat2, dirfd, path, &how, sizeof(how));
}

/*
 * openat2 inside the root, again while it says EAGAIN (a concurrent rename
 * made ".." resolution unsafe to check; the kernel asks us to retry): the
 * descriptor, or -1 with errno set.
 */
static long
root_openat2(struct plat_fsroot *st, const char *path, int flags,
    bool follow)
{
	long fd = -1;

	for (int tries = 0; tries < 8; tries++) {
		fd = sys_openat2(st->rootfd, path, flags, follow);
		if (fd >= 0 || errno != EAGAIN)
			break;
	}
	return fd;
}

/*
 * An O_PATH descriptor of `path` inside the root (the link itself when
 * !follow and the last component is a link). On success *canon (when not
 * NULL) is set only in walker mode. Returns 0 or KS_* with the message set.
 */
static int
resolve(struct plat_fsroot *st, const char *path, bool follow, int *out,
    char **canon)
{
	struct plat_walk_ops ops;
	void *h;
	long fd;
	int rc;

	if (st->openat2 && canon == NULL) {
		if ((fd = root_openat2(st, path, O_PATH, follow)) >= 0) {
			*out = (int)fd;
			return 0;
		}
		if (errno != ENOSYS && errno != EAGAIN)
			return plat_errno_rc(errno, path, NULL);
		/* The component walker for this path only: st is shared by
		 * the threads of a walk and written only when opened. */
	}
	walk_ops(st, &ops);
	if ((rc = plat_walk(&ops, st, path, follow, &h, canon)) != 0)
		return rc;
	if (h == ops.root) {
		if ((fd = fcntl(st->rootfd, F_DUPFD_CLOEXEC, 0)) < 0) {
			if (canon != NULL) {
				free(*canon);
				*canon = NULL;
			}
			return plat_errno_rc(errno, path, NULL);
		}
		*out = (int)fd;
	} else {
		*out = H2FD(h);
	}
	return 0;
}

/* ---- operations --------------------------------------------------------- */

/* Opens the root directory; 0 or KS_* (not found, not a directory). */
int
plat_fsroot_open(void *vst, const char *dir)
{
	struct plat_fsroot *st = vst;
	long fd;

	st->lastdir = NULL;
	st->lastfd = -1;
	pthread_mutex_init(&st->lock, NULL);
	st->rootfd = open(dir, O_PATH | O_DIRECTORY | O_CLOEXEC);
	if (st->rootfd < 0)
		return plat_errno_rc(errno, dir, "opening root");
	st->openat2 = false;
	st->noproc = force_walk;
	if (!force_walk) {
		fd = sys_openat2(st->rootfd, "/", O_PATH, true);
		if (fd >= 0) {
			close((int)fd);
			st->openat2 = true;
		}
	}
	return 0;
}

void
plat_fsroot_close(void *vst)
{
	struct plat_fsroot *st = vst;

	if (st->rootfd >= 0)
		close(st->rootfd);
	st->rootfd = -1;
	if (st->lastdir != NULL)
		close(st->lastfd);
	free(st->lastdir);
	st->lastdir = NULL;
	st->lastfd = -1;
	pthread_mutex_destroy(&st->lock);
}

static int
stat_common(struct plat_fsroot *st, const char *path, bool follow,
    struct plat_stat *out)
{
	struct stat sb;
	int fd = -1, rc;

	if ((rc = resolve(st, path, follow, &fd, NULL)) != 0)
		return rc;
	if (fd_lstat(fd, &sb) != 0)
		rc = plat_errno_rc(errno, path, "stat");
	else
		plat_stat_from_sys(&sb, out);
	close(fd);
	return rc;
}

int
plat_fsroot_stat(void *st, const char *path, struct plat_stat *out)
{
	return stat_common(st, path, true, out);
}

/*
 * lstat of dir/name through a descriptor of dir resolved inside the root,
 * kept for the next call: name is one component (not "." or ".."), not
 * followed, so it cannot lead out of the root; a walk that stats every
 * entry of a directory then costs one fstatat each instead of a path
 * resolution from the root. 1 when this way does not apply (the caller
 * takes the full path), else 0 or KS_*.
 */
static int
lstat_in_dir(struct plat_fsroot *st, const char *path, struct plat_stat *out)
{
	const char *slash = strrchr(path, '/'), *name;
	struct stat sb;
	size_t dlen;
	int rc = 1, fd;

	if (slash == NULL)
		return 1;
	name = slash + 1;
	if (*name == '\0' || strcmp(name, ".") == 0 || strcmp(name, "..") == 0)
		return 1;
	dlen = slash == path ? 1 : (size_t)(slash - path);
	pthread_mutex_lock(&st->lock);
	if (st->lastdir == NULL || strlen(st->lastdir) != dlen ||
	    memcmp(st->lastdir, path, dlen) != 0) {
		char *dir = ks_strndup(path, dlen);

		if (resolve(st, dir, true, &fd, NULL) != 0) {
			ks_error_clear();
			free(dir);
			goto out;
		}
		if (st->lastdir != NULL)
			close(st->lastfd);
		free(st->lastdir);
		st->lastdir = dir;
		st->lastfd = fd;
	}
	if (fstatat(st->lastfd, name, &sb, AT_SYMLINK_NOFOLLOW) == 0) {
		plat_stat_from_sys(&sb, out);
		rc = 0;
	} else if (errno == ENOENT) {
		rc = plat_errno_rc(errno, path, NULL);
	}
out:
	pthread_mutex_unlock(&st->lock);
	return rc;
}

int
plat_fsroot_lstat(void *vst, const char *path, struct plat_stat *out)
{
	int rc = lstat_in_dir(vst, path, out);

	return rc != 1 ? rc : stat_common(vst, path, false, out);
}

int
plat_fsroot_readlink(void *st, const char *path, char **out)
{
	char *text = NULL;
	int fd = -1, err, rc;

	if ((rc = resolve(st, path, false, &fd, NULL)) != 0)
		return rc;
	err = w_readlink(st, FD2H(fd), &text);
	close(fd);
	if (err == EINVAL || err == ENOENT) {
		ks_error_set("%s: not a symbolic link", path);
		return KS_ERROR;
	}
	if (err != 0)
		return plat_errno_rc(err, path, "readlink");
	*out = text;
	return 0;
}

int
plat_fsroot_realpath(void *vst, const char *path, char **out)
{
	struct plat_fsroot *st = vst;
	char *canon = NULL;
	int fd = -1, rc;

	/* The canonical name only comes out of the walker. */
	if ((rc = resolve(st, path, true, &fd, &canon)) != 0)
		return rc;
	close(fd);
	*out = canon;
	return 0;
}

/* Opens the canonical (link-free) path read-only without following. */
static int
canon_open(struct plat_fsroot *st, const char *canon, int flags, int *out)
{
	const char *slash = strrchr(canon, '/');
	char *dir;
	int dfd = -1, fd, err;

	if (slash == NULL || slash[1] == '\0')
		return EISDIR;
	dir = ks_strndup(canon, (size_t)(slash - canon));
	err = plat_fsroot_canon_walk(st, dir, &dfd);
	free(dir);
	if (err != 0)
		return err;
	fd = openat(dfd, slash + 1, flags | O_NOFOLLOW | O_CLOEXEC);
	err = errno;
	close(dfd);
	if (fd < 0)
		return err;
	*out = fd;
	return 0;
}

/*
 * Reopens the regular file held by O_PATH descriptor `pfd` for reading.
 * Through /proc/self/fd the new descriptor is the same inode by
 * construction; without procfs the path is resolved again and the inode
 * compared, so a swap between the check and the open is detected.
 */
static int
reopen_read(struct plat_fsroot *st, const char *path, int pfd,
    const struct stat *want, int *out)
{
	char proc[64], *canon = NULL;
	int flags = O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC;
	int noatime = O_NOATIME, fd = -1, err, rc, tmp = -1;
	struct stat sb;
	long lfd;

	if (snprintf(proc, sizeof(proc), "/proc/self/fd/%d", pfd) >=
	    (int)sizeof(proc)) {
		ks_error_set("%s: descriptor name too long", path);
		return KS_ERROR;
	}
again:
	if (!st->noproc) {
		fd = open(proc, flags | noatime);
		err = errno;
	} else {
		fd = -1;
		err = ENOENT;
	}
	if (fd < 0 && err == ENOENT) {
		/* No procfs: resolve again. */
		if (st->openat2) {
			lfd = sys_openat2(st->rootfd, path, flags | noatime,
			    true);
			fd = (int)lfd;
			err = errno;
		} else {
			if ((rc = resolve(st, path, true, &tmp, &canon)) != 0)
				return rc;
			close(tmp);
			err = canon_open(st, canon, flags | noatime, &fd);
			free(canon);
			canon = NULL;
		}
	}
	if (fd < 0) {
		/* O_NOATIME needs ownership (or CAP_FOWNER). */
		if (err == EPERM && noatime != 0) {
			noatime = 0;
			goto again;
		}
		return plat_errno_rc(err, path, "open");
	}
	if (fstat(fd, &sb) != 0) {
		rc = plat_errno_rc(errno, path, "stat");
		close(fd);
		return rc;
	}
	if (sb.st_dev != want->st_dev || sb.st_ino != want->st_ino ||
	    !S_ISREG(sb.st_mode)) {
		close(fd);
		ks_error_set("%s: file changed while being opened", path);
		return KS_ERROR;
	}
	*out = fd;
	return 0;
}

int
plat_fsroot_open_file(void *vst, const char *path, struct plat_file *f)
{
	struct plat_fsroot *st = vst;
	struct stat sb;
	int pfd = -1, fd = -1, rc;

	/* Check the type on an O_PATH descriptor first: merely opening a
	 * device can have effects (a watchdog, a tape rewinding). */
	if ((rc = resolve(st, path, true, &pfd, NULL)) != 0)
		return rc;
	rc = KS_ERROR;
	if (fd_lstat(pfd, &sb) != 0) {
		rc = plat_errno_rc(errno, path, "stat");
		goto out;
	}
	if (S_ISDIR(sb.st_mode)) {
		ks_error_set("%s: is a directory", path);
		goto out;
	}
	if (!S_ISREG(sb.st_mode)) {
		ks_error_set("refusing to read device/fifo/socket %s", path);
		rc = KS_EPERM;
		goto out;
	}
	if ((rc = reopen_read(st, path, pfd, &sb, &fd)) != 0)
		goto out;
	f->fd = fd;
	rc = 0;
out:
	close(pfd);
	return rc;
}

/* An entry of a listing: its name at `off` in the listing's name block. */
struct dent {
	size_t		 off;
	enum plat_ftype	 type;
};

struct dlisting {
	struct dent	*ents;
	size_t		 n, cap;
	char		*names;
	size_t		 nlen, ncap;
};

static int
dent_cmp(const void *a, const void *b, void *names)
{
	return strcmp((const char *)names + ((const struct dent *)a)->off,
	    (const char *)names + ((const struct dent *)b)->off);
}

static enum plat_ftype
dtype_to_ftype(unsigned char t)
{
	switch (t) {
	case DT_REG:	return PLAT_FT_REG;
	case DT_DIR:	return PLAT_FT_DIR;
	case DT_LNK:	return PLAT_FT_LNK;
	case DT_CHR:	return PLAT_FT_CHR;
	case DT_BLK:	return PLAT_FT_BLK;
	case DT_FIFO:	return PLAT_FT_FIFO;
	case DT_SOCK:	return PLAT_FT_SOCK;
	default:	return PLAT_FT_OTHER;
	}
}

/*
 * A descriptor of directory dir open for listing. openat2 opens it in one
 * call; the walker (and any failure, so that errors read as they always
 * have) resolves an O_PATH descriptor and opens "." through it.
 */
static int
open_dir(struct plat_fsroot *st, const char *dir, int *out)
{
	long fd;
	int pfd, rc;

	if (st->openat2 &&
	    (fd = root_openat2(st, dir, O_RDONLY | O_DIRECTORY, true)) >= 0) {
		*out = (int)fd;
		return 0;
	}
	if ((rc = resolve(st, dir, true, &pfd, NULL)) != 0)
		return rc;
	*out = openat(pfd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	rc = *out < 0 ? plat_errno_rc(errno, dir, "opendir") : 0;
	close(pfd);
	return rc;
}

/* Reads every entry of the open directory fd into l with getdents64 (no
 * DIR stream: fdopendir costs three more system calls per directory). */
static int
read_dir(int fd, const char *dir, struct dlisting *l)
{
	/* The kernel's linux_dirent64. */
	struct kdirent {
		uint64_t	d_ino;
		int64_t		d_off;
		unsigned short	d_reclen;
		unsigned char	d_type;
		char		d_name[];
	};
	char buf[32768] __attribute__((aligned(8)));
	struct stat sb;

	for (;;) {
		ssize_t got = getdents64(fd, buf, sizeof(buf));

		if (got < 0)
			return plat_errno_rc(errno, dir, "readdir");
		if (got == 0)
			return 0;
		for (ssize_t pos = 0; pos < got;) {
			const struct kdirent *de = (const void *)(buf + pos);
			const char *name = de->d_name;
			size_t len = strlen(name) + 1;
			struct dent *e;

			pos += de->d_reclen;
			if (strcmp(name, ".") == 0 || strcmp(name, "..") == 0)
				continue;
			if (l->n >= PLAT_MAX_DIRENTS) {
				ks_error_set("%s: more than %u entries", dir,
				    PLAT_MAX_DIRENTS);
				return KS_ELIMIT;
			}
			ks_grow(&l->ents, &l->cap, l->n + 1, sizeof(*l->ents));
			ks_grow(&l->names, &l->ncap, l->nlen + len, 1);
			e = &l->ents[l->n++];
			e->off = l->nlen;
			memcpy(l->names + l->nlen, name, len);
			l->nlen += len;
			if (de->d_type != DT_UNKNOWN)
				e->type = dtype_to_ftype(de->d_type);
			else if (fstatat(fd, name, &sb,
			    AT_SYMLINK_NOFOLLOW) == 0)
				e->type = plat_ftype_from_mode(sb.st_mode);
			else
				e->type = PLAT_FT_OTHER;
		}
	}
}

/*
 * Lists dir sorted, then calls cb (or scb with each entry's lstat through
 * the listing's descriptor) for each entry. Touches no shared state of st
 * but the root descriptor: safe from several threads.
 */
static int
list_dir(struct plat_fsroot *st, const char *dir, plat_dirent_cb cb,
    plat_dirent_stat_cb scb, void *payload)
{
	struct dlisting l = { 0 };
	struct stat sb;
	int fd, rc;

	if ((rc = open_dir(st, dir, &fd)) != 0)
		return rc;
	if ((rc = read_dir(fd, dir, &l)) != 0)
		goto out;
	if (l.n > 1)
		qsort_r(l.ents, l.n, sizeof(*l.ents), dent_cmp, l.names);
	for (size_t i = 0; i < l.n && rc == 0; i++) {
		const char *name = l.names + l.ents[i].off;
		struct plat_stat ps;
		int src = 0;

		if (scb == NULL) {
			rc = cb(name, l.ents[i].type, payload);
			continue;
		}
		/* One component, not followed: it cannot leave the root. */
		if (fstatat(fd, name, &sb, AT_SYMLINK_NOFOLLOW) == 0)
			plat_stat_from_sys(&sb, &ps);
		else {
			src = plat_errno_rc(errno, dir, "lstat");
			ks_error_clear();
		}
		rc = scb(name, l.ents[i].type, src, src == 0 ? &ps : NULL,
		    payload);
	}
out:
	free(l.ents);
	free(l.names);
	close(fd);
	return rc;
}

int
plat_fsroot_list(void *st, const char *dir, plat_dirent_cb cb, void *payload)
{
	return list_dir(st, dir, cb, NULL, payload);
}

int
plat_fsroot_list_stat(void *st, const char *dir, plat_dirent_stat_cb cb,
    void *payload)
{
	return list_dir(st, dir, NULL, cb, payload);
}

const struct plat_fs_ops plat_fs_root_ops = {
	.name = "root",
	.kind = PLAT_TARGET_ROOT,
	.state_size = sizeof(struct plat_fsroot),
	.open = plat_fsroot_open,
	.close = plat_fsroot_close,
	.stat = plat_fsroot_stat,
	.lstat = plat_fsroot_lstat,
	.readlink = plat_fsroot_readlink,
	.realpath = plat_fsroot_realpath,
	.open_file = plat_fsroot_open_file,
	.list = plat_fsroot_list,
	.list_stat = plat_fsroot_list_stat,
};
