/*
 * Extended attributes (and through them POSIX ACLs) of files in a target.
 * Host and directory roots: read without following the file's own link and
 * without opening it: the parent directory is resolved inside the root
 * (openat2 RESOLVE_IN_ROOT, or the component walker of target.c) and the
 * attribute is read through that directory's /proc/self/fd entry with
 * l*xattr. Image and in-memory targets hold their attributes in memory (the
 * archive's records, the fixture's) in the packed lists kept here and answer
 * through their own operations. Not for writing attributes to any file.
 */
#include "platform/plat_int.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/openat2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/xattr.h>
#include <unistd.h>

/* Caps: names of one file, and one value (the kernel's own is 64 KiB);
 * attributes of one file held in memory (each set scans the list). */
#define XATTR_LIST_MAX_BYTES	(64u << 10)
#define XATTR_VALUE_MAX_BYTES	(64u << 10)
#define XATTR_MAX_COUNT		1024u

#define FD2H(fd)	((void *)(intptr_t)((fd) + 1))
#define H2FD(h)		((int)((intptr_t)(h) - 1))

/* ---- the component walker's callbacks (old kernels without openat2) ---- */

static int
x_child(void *ctx, void *dir, const char *name, void **out, bool *is_link)
{
	struct stat sb;
	int fd, err;

	fd = openat(H2FD(dir), name, O_PATH | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		return errno;
	if (fstatat(fd, "", &sb, AT_EMPTY_PATH | AT_SYMLINK_NOFOLLOW) != 0) {
		err = errno;
		close(fd);
		return err;
	}
	*is_link = S_ISLNK(sb.st_mode);
	*out = FD2H(fd);
	return 0;
}

/* Re-walks the canonical path from the root with O_NOFOLLOW on every
 * component, so a directory replaced by a link fails instead of leaving. */
static int
x_parent(void *ctx, void *h, const char *canon, void **out)
{
	int fd, rc;

	(void)h;
	if ((rc = plat_fsroot_canon_walk(ctx, canon, &fd)) != 0)
		return rc;
	*out = FD2H(fd);
	return 0;
}

static int
x_readlink(void *ctx, void *h, char **text)
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
x_is_dir(void *ctx, void *h)
{
	struct stat sb;

	return fstatat(H2FD(h), "", &sb, AT_EMPTY_PATH |
	    AT_SYMLINK_NOFOLLOW) == 0 && S_ISDIR(sb.st_mode);
}

static void
x_release(void *ctx, void *h)
{
	close(H2FD(h));
}

/* An O_PATH descriptor of directory `dir` inside the root (links
 * followed, never out of the root). 0 or KS_* with the message set. */
static int
dir_fd(struct plat_fsroot *st, const char *dir, int *out)
{
	struct plat_walk_ops ops = {
		.root = FD2H(st->rootfd), .child = x_child,
		.parent = x_parent, .readlink = x_readlink,
		.is_dir = x_is_dir, .release = x_release,
	};
	struct open_how how;
	void *h;
	long fd;
	int rc;

	if (st->openat2) {
		memset(&how, 0, sizeof(how));
		how.flags = O_PATH | O_DIRECTORY | O_CLOEXEC;
		how.resolve = RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS;
		for (int tries = 0; tries < 8; tries++) {
			fd = syscall(SYS_openat2, st->rootfd, dir, &how,
			    sizeof(how));
			if (fd >= 0) {
				*out = (int)fd;
				return 0;
			}
			if (errno != EAGAIN)
				break;
		}
		if (errno != ENOSYS && errno != EAGAIN)
			return plat_errno_rc(errno, dir, NULL);
	}
	if ((rc = plat_walk(&ops, st, dir, true, &h, NULL)) != 0)
		return rc;
	if (h == ops.root) {
		if ((fd = fcntl(st->rootfd, F_DUPFD_CLOEXEC, 0)) < 0)
			return plat_errno_rc(errno, dir, NULL);
		*out = (int)fd;
	} else if (!x_is_dir(st, h)) {
		close(H2FD(h));
		return plat_errno_rc(ENOTDIR, dir, NULL);
	} else
		*out = H2FD(h);
	return 0;
}

/*
 * The /proc/self/fd path that names `path` without following its last
 * component: "/proc/self/fd/DIRFD/NAME" (or ".../DIRFD/." for the root or a
 * path ending in "." or ".."). *fd is the directory to close afterwards.
 */
static int
proc_name(struct plat_target *t, const char *path, int *fd, char *buf,
    size_t bufsz, const char **last)
{
	struct plat_fsroot *st;
	const char *slash, *name;
	char *dir;
	int rc, k;

	*fd = -1;
	if (t->kind != PLAT_TARGET_ROOT && t->kind != PLAT_TARGET_HOST) {
		ks_error_set("%s: extended attributes are not readable on "
		    "target %s", path, t->name);
		return KS_EUNSUPPORTED;
	}
	st = t->fs_state;
	if (st->noproc) {
		ks_error_set("%s: extended attributes need /proc", path);
		return KS_EUNSUPPORTED;
	}
	slash = strrchr(path, '/');
	name = slash + 1;
	if (*name == '\0' || strcmp(name, ".") == 0 ||
	    strcmp(name, "..") == 0) {
		/* The directory itself: resolve all of it. */
		dir = ks_strdup(path);
		name = ".";
	} else
		dir = slash == path ? ks_strdup("/") :
		    ks_strndup(path, (size_t)(slash - path));
	*last = name;
	rc = dir_fd(st, dir, fd);
	free(dir);
	if (rc != 0)
		return rc;
	k = snprintf(buf, bufsz, "/proc/self/fd/%d/%s", *fd, name);
	if (k < 0 || (size_t)k >= bufsz) {
		close(*fd);
		*fd = -1;
		ks_error_set("%.64s: path too long", path);
		return KS_ELIMIT;
	}
	return 0;
}

/* Every path is absolute and shorter than PATH_MAX: 0 or KS_ERROR. */
static int
check_abs(const char *path)
{
	if (path == NULL || path[0] != '/' ||
	    strnlen(path, PATH_MAX) >= PATH_MAX) {
		ks_error_set("%.64s: not an absolute path of less than %d "
		    "bytes", path != NULL ? path : "(null)", PATH_MAX);
		return KS_ERROR;
	}
	return 0;
}

/*
 * ENOENT through /proc/self/fd: the file is gone, or /proc is not mounted
 * (a chroot, an early boot). The latter must not read as "no such file".
 */
static int
enoent_rc(int fd, const char *last, const char *path, const char *what)
{
	struct stat sb;

	if (fstatat(fd, last, &sb, AT_SYMLINK_NOFOLLOW) == 0) {
		ks_error_set("%s: %s: /proc/self/fd is not available", path,
		    what);
		return KS_EUNSUPPORTED;
	}
	return plat_errno_rc(ENOENT, path, what);
}

int
plat_fs_listxattr(struct plat_target *t, const char *path,
    int (*cb)(const char *name, void *payload), void *payload)
{
	char pbuf[PATH_MAX + 64];
	const char *last = NULL;
	char *names = NULL;
	ssize_t n;
	int fd = -1, rc;

	if ((rc = check_abs(path)) != 0)
		return rc;
	if (t->fs->listxattr != NULL)
		return t->fs->listxattr(t->fs_state, path, cb, payload);
	if ((rc = proc_name(t, path, &fd, pbuf, sizeof(pbuf), &last)) != 0)
		return rc;
	rc = KS_ERROR;
	n = llistxattr(pbuf, NULL, 0);
	if (n < 0) {
		rc = errno == ENOTSUP ? 0 : errno == ENOENT ?
		    enoent_rc(fd, last, path, "listxattr") :
		    plat_errno_rc(errno, path, "listxattr");
		goto out;
	}
	if ((size_t)n > XATTR_LIST_MAX_BYTES) {
		ks_error_set("%s: more than %u bytes of attribute names", path,
		    XATTR_LIST_MAX_BYTES);
		rc = KS_ELIMIT;
		goto out;
	}
	names = ks_malloc((size_t)n + 1);
	n = llistxattr(pbuf, names, (size_t)n);
	if (n < 0) {
		/* ERANGE: the list grew in between; call it an error. */
		rc = plat_errno_rc(errno, path, "listxattr");
		goto out;
	}
	names[n] = '\0';
	rc = 0;
	for (ssize_t i = 0; i < n && rc == 0; i += (ssize_t)strlen(names +
	    i) + 1)
		if (names[i] != '\0')
			rc = cb(names + i, payload);
out:
	free(names);
	if (fd >= 0)
		close(fd);
	return rc;
}

int
plat_fs_getxattr(struct plat_target *t, const char *path, const char *name,
    char **val, size_t *len)
{
	char pbuf[PATH_MAX + 64];
	const char *last = NULL;
	char *buf = NULL;
	ssize_t n;
	int fd = -1, rc;

	*val = NULL;
	*len = 0;
	if ((rc = check_abs(path)) != 0)
		return rc;
	if (t->fs->getxattr != NULL)
		return t->fs->getxattr(t->fs_state, path, name, val, len);
	if ((rc = proc_name(t, path, &fd, pbuf, sizeof(pbuf), &last)) != 0)
		return rc;
	rc = KS_ERROR;
	n = lgetxattr(pbuf, name, NULL, 0);
	if (n < 0) {
		if (errno == ENODATA || errno == ENOTSUP) {
			ks_error_set("%s: no attribute %s", path, name);
			rc = KS_ENOTFOUND;
		} else if (errno == ENOENT)
			rc = enoent_rc(fd, last, path, "getxattr");
		else
			rc = plat_errno_rc(errno, path, "getxattr");
		goto out;
	}
	if ((size_t)n > XATTR_VALUE_MAX_BYTES) {
		ks_error_set("%s: attribute %s longer than %u bytes", path,
		    name, XATTR_VALUE_MAX_BYTES);
		rc = KS_ELIMIT;
		goto out;
	}
	buf = ks_malloc((size_t)n + 1);
	n = lgetxattr(pbuf, name, buf, (size_t)n);
	if (n < 0) {
		rc = plat_errno_rc(errno, path, "getxattr");
		goto out;
	}
	buf[n] = '\0';
	*val = buf;
	*len = (size_t)n;
	buf = NULL;
	rc = 0;
out:
	free(buf);
	if (fd >= 0)
		close(fd);
	return rc;
}

/* ---- attribute lists held in memory (image and in-memory targets) ------- */
/*
 * A list is one allocation of records "NAME\0", a 4-byte value length in
 * host order, then the value: a few dozen bytes per labelled file where an
 * image holds hundreds of thousands of them.
 */
#define XREC_HDR(nl)	((nl) + 1 + sizeof(uint32_t))

/* The record at `off`: its name, value and total size. */
static size_t
xrec(const struct plat_xattrs *x, size_t off, const char **name,
    const char **val, uint32_t *vlen)
{
	size_t nl = strlen(x->data + off);

	*name = x->data + off;
	memcpy(vlen, x->data + off + nl + 1, sizeof(*vlen));
	*val = x->data + off + XREC_HDR(nl);
	return XREC_HDR(nl) + *vlen;
}

/* The offset of `name`'s record, or x->len when there is none. */
static size_t
xrec_find(const struct plat_xattrs *x, const char *name, const char **val,
    uint32_t *vlen)
{
	const char *n;
	size_t off, sz;

	for (off = 0; off < x->len; off += sz) {
		sz = xrec(x, off, &n, val, vlen);
		if (strcmp(n, name) == 0)
			return off;
	}
	return x->len;
}

int
plat_xattrs_set(struct plat_xattrs *x, const char *path, const char *name,
    const void *val, size_t len)
{
	size_t nl = name != NULL ? strnlen(name, XATTR_NAME_MAX + 1) : 0;
	size_t names = 0, count = 0, off, sz, need;
	const char *n, *v;
	uint32_t vl;

	if (nl == 0 || nl > XATTR_NAME_MAX) {
		ks_error_set("%s: bad attribute name '%.64s'", path,
		    name != NULL ? name : "");
		return KS_EPARSE;
	}
	if (len > XATTR_VALUE_MAX_BYTES) {
		ks_error_set("%s: attribute %s longer than %u bytes", path,
		    name, XATTR_VALUE_MAX_BYTES);
		return KS_ELIMIT;
	}
	for (off = 0; off < x->len; off += sz) {
		sz = xrec(x, off, &n, &v, &vl);
		if (strcmp(n, name) != 0) {
			names += strlen(n) + 1;
			count++;
		}
	}
	if (names + nl + 1 > XATTR_LIST_MAX_BYTES ||
	    count >= XATTR_MAX_COUNT) {
		ks_error_set("%s: more than %u attributes or %u bytes of "
		    "attribute names", path, XATTR_MAX_COUNT,
		    XATTR_LIST_MAX_BYTES);
		return KS_ELIMIT;
	}
	/* A name set again replaces its value. */
	off = xrec_find(x, name, &v, &vl);
	if (off < x->len) {
		sz = XREC_HDR(nl) + vl;
		memmove(x->data + off, x->data + off + sz, x->len - off - sz);
		x->len -= sz;
	}
	need = XREC_HDR(nl) + len;
	x->data = ks_realloc(x->data, x->len + need);
	memcpy(x->data + x->len, name, nl + 1);
	vl = (uint32_t)len;
	memcpy(x->data + x->len + nl + 1, &vl, sizeof(vl));
	if (len > 0)
		memcpy(x->data + x->len + XREC_HDR(nl), val, len);
	x->len += need;
	return 0;
}

int
plat_xattrs_list(const struct plat_xattrs *x,
    int (*cb)(const char *name, void *payload), void *payload)
{
	const char *n, *v;
	size_t off, sz;
	uint32_t vl;
	int rc;

	if (x == NULL)
		return 0;
	for (off = 0; off < x->len; off += sz) {
		sz = xrec(x, off, &n, &v, &vl);
		if ((rc = cb(n, payload)) != 0)
			return rc;
	}
	return 0;
}

int
plat_xattrs_get(const struct plat_xattrs *x, const char *path,
    const char *name, char **val, size_t *len)
{
	const char *v;
	uint32_t vl;

	*val = NULL;
	*len = 0;
	if (x == NULL || xrec_find(x, name, &v, &vl) == x->len) {
		ks_error_set("%s: no attribute %s", path, name);
		return KS_ENOTFOUND;
	}
	*val = ks_malloc((size_t)vl + 1);
	memcpy(*val, v, vl);
	(*val)[vl] = '\0';
	*len = vl;
	return 0;
}

void
plat_xattrs_free(struct plat_xattrs *x)
{
	free(x->data);
	x->data = NULL;
	x->len = 0;
}
