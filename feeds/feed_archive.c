/*
 * Reading archives and compressed feeds with libarchive, streamed and under
 * caps (entries, expanded bytes, compression ratio), and extracting them
 * safely into a staging directory that replaces the destination only when
 * everything went well. Not for signatures: feed_bundle.c builds on this.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "platform/base/base.h"
#include "platform/base/dl_libs.h"
#include "feeds/feeds.h"
#include "feeds/feed_int_bundle.h"

/* Bytes handed to libarchive per read, and copied per data call. */
#define ARC_BLOCK	65536
/* Longest clean entry path and component we accept. */
#define ARC_MAX_PATH	4096
#define ARC_MAX_NAME	255

struct feed_arc {
	struct archive			*a;
	char				*name;
	struct feed_archive_limits	 lim;
	int				 fd;	/* -1: memory source */
	const unsigned char		*mem;
	size_t				 memlen, mempos;
	uint64_t			 raw;	/* compressed bytes read */
	uint64_t			 expanded;
	uint64_t			 entries;
	/* libarchive keeps reading from inbuf until the next callback: the
	 * data we copy out goes to buf, never there. */
	unsigned char			 inbuf[ARC_BLOCK];
	unsigned char			 buf[ARC_BLOCK];
};

void
feed_archive_limits_default(struct feed_archive_limits *lim)
{
	lim->max_entries = FEED_ARCHIVE_MAX_ENTRIES;
	lim->max_total = FEED_ARCHIVE_MAX_TOTAL;
	lim->max_ratio = FEED_ARCHIVE_MAX_RATIO;
	lim->ratio_grace = FEED_ARCHIVE_RATIO_GRACE;
}

/* lim with every 0 field replaced by its default. */
static void
arc_limits(struct feed_archive_limits *dst,
    const struct feed_archive_limits *src)
{
	struct feed_archive_limits d;

	feed_archive_limits_default(&d);
	*dst = d;
	if (src == NULL)
		return;
	if (src->max_entries)
		dst->max_entries = src->max_entries;
	if (src->max_total)
		dst->max_total = src->max_total;
	if (src->max_ratio)
		dst->max_ratio = src->max_ratio;
	if (src->ratio_grace)
		dst->ratio_grace = src->ratio_grace;
}

/* Our read callback: counts every compressed byte libarchive is given. */
static la_ssize_t
arc_read_cb(struct archive *a, void *ud, const void **buf)
{
	struct feed_arc *r = ud;
	ssize_t n;

	if (r->fd < 0) {
		size_t left = r->memlen - r->mempos;

		if (left > ARC_BLOCK)
			left = ARC_BLOCK;
		*buf = r->mem + r->mempos;
		r->mempos += left;
		r->raw += left;
		return (la_ssize_t)left;
	}
	do
		n = read(r->fd, r->inbuf, sizeof(r->inbuf));
	while (n < 0 && errno == EINTR);
	if (n < 0) {
		ks_archive.archive_set_error(a, errno, "read error: %s",
		    strerror(errno));
		return -1;
	}
	*buf = r->inbuf;
	r->raw += (uint64_t)n;
	return n;
}

/* Seeking lets the zip reader use the central directory. */
static la_int64_t
arc_seek_cb(struct archive *a, void *ud, la_int64_t off, int whence)
{
	struct feed_arc *r = ud;
	la_int64_t base;

	if (r->fd >= 0) {
		off_t o = lseek(r->fd, (off_t)off, whence);

		if (o < 0)
			return ARCHIVE_FATAL;
		return (la_int64_t)o;
	}
	switch (whence) {
	case SEEK_SET:
		base = 0;
		break;
	case SEEK_CUR:
		base = (la_int64_t)r->mempos;
		break;
	case SEEK_END:
		base = (la_int64_t)r->memlen;
		break;
	default:
		return ARCHIVE_FATAL;
	}
	if ((off < 0 && -off > base) ||
	    (off > 0 && off > (la_int64_t)r->memlen - base))
		return ARCHIVE_FATAL;
	r->mempos = (size_t)(base + off);
	return (la_int64_t)r->mempos;
}

/* The filters we allow: all built into Debian's libarchive. */
static void
arc_support_filters(struct archive *a)
{
	ks_archive.archive_read_support_filter_gzip(a);
	ks_archive.archive_read_support_filter_bzip2(a);
	ks_archive.archive_read_support_filter_xz(a);
	ks_archive.archive_read_support_filter_lzma(a);
	ks_archive.archive_read_support_filter_zstd(a);
}

static int
arc_start(struct feed_arc *r, enum feed_arc_kind kind)
{
	struct archive *a;
	int rc;

	if ((rc = ks_dl_need(&ks_archive_lib, "reading archives")) != 0)
		return rc;
	if ((a = ks_archive.archive_read_new()) == NULL) {
		ks_error_set("%s: cannot create an archive reader", r->name);
		return KS_ENOMEM;
	}
	r->a = a;
	switch (kind) {
	case FEED_ARC_RAW:
		arc_support_filters(a);
		ks_archive.archive_read_support_format_raw(a);
		break;
	case FEED_ARC_ARCHIVE:
		arc_support_filters(a);
		/* GNU and pax too */
		ks_archive.archive_read_support_format_tar(a);
		ks_archive.archive_read_support_format_zip(a);
		break;
	case FEED_ARC_TAR:
		ks_archive.archive_read_support_format_tar(a);
		break;
	}
	ks_archive.archive_read_set_read_callback(a, arc_read_cb);
	/* Only zip needs seeking (to read its central directory). */
	if (kind == FEED_ARC_ARCHIVE)
		ks_archive.archive_read_set_seek_callback(a, arc_seek_cb);
	ks_archive.archive_read_set_callback_data(a, r);
	if (ks_archive.archive_read_open1(a) != ARCHIVE_OK) {
		ks_error_set("%s: %s", r->name,
		    ks_archive.archive_error_string(a) ?
		    ks_archive.archive_error_string(a) :
		    "cannot read the archive");
		return KS_EPARSE;
	}
	return 0;
}

static struct feed_arc *
arc_alloc(const char *name, const struct feed_archive_limits *lim)
{
	struct feed_arc *r = ks_calloc(1, sizeof(*r));

	r->name = ks_strdup(name);
	r->fd = -1;
	arc_limits(&r->lim, lim);
	return r;
}

int
feed_arc_open_file(struct feed_arc **out, const char *path,
    const char *name, enum feed_arc_kind kind,
    const struct feed_archive_limits *lim)
{
	struct feed_arc *r;
	int rc;

	*out = NULL;
	r = arc_alloc(name != NULL ? name : path, lim);
	if ((r->fd = open(path, O_RDONLY | O_CLOEXEC)) < 0) {
		int err = errno;

		ks_error_set("cannot open %s: %s", path, strerror(err));
		feed_arc_free(r);
		return err == ENOENT || err == ENOTDIR ? KS_ENOTFOUND :
		    err == EACCES || err == EPERM ? KS_EPERM : KS_ERROR;
	}
	if ((rc = arc_start(r, kind)) != 0) {
		feed_arc_free(r);
		return rc;
	}
	*out = r;
	return 0;
}

int
feed_arc_open_mem(struct feed_arc **out, const void *buf, size_t len,
    const char *name, enum feed_arc_kind kind,
    const struct feed_archive_limits *lim)
{
	struct feed_arc *r;
	int rc;

	*out = NULL;
	r = arc_alloc(name, lim);
	r->mem = buf;
	r->memlen = len;
	if ((rc = arc_start(r, kind)) != 0) {
		feed_arc_free(r);
		return rc;
	}
	*out = r;
	return 0;
}

void
feed_arc_free(struct feed_arc *r)
{
	if (r == NULL)
		return;
	if (r->a != NULL)
		ks_archive.archive_read_free(r->a);
	if (r->fd >= 0)
		close(r->fd);
	free(r->name);
	free(r);
}

const char *
feed_arc_name(const struct feed_arc *r)
{
	return r->name;
}

int
feed_arc_next(struct feed_arc *r, struct archive_entry **e)
{
	int x = ks_archive.archive_read_next_header(r->a, e);

	if (x == ARCHIVE_EOF)
		return 0;
	if (x < ARCHIVE_WARN) {
		ks_error_set("%s: %s", r->name,
		    ks_archive.archive_error_string(r->a) ?
		    ks_archive.archive_error_string(r->a) : "corrupt archive");
		return KS_EPARSE;
	}
	if (++r->entries > r->lim.max_entries) {
		ks_error_set("%s: more than %" PRIu64 " entries (the entry "
		    "limit); stopped", r->name, r->lim.max_entries);
		return KS_ELIMIT;
	}
	return 1;
}

long
feed_arc_data(struct feed_arc *r, void *buf, size_t cap)
{
	la_ssize_t n = ks_archive.archive_read_data(r->a, buf, cap);

	if (n < 0) {
		ks_error_set("%s: %s", r->name,
		    ks_archive.archive_error_string(r->a) ?
		    ks_archive.archive_error_string(r->a) : "corrupt data");
		return KS_EPARSE;
	}
	r->expanded += (uint64_t)n;
	if (r->expanded > r->lim.max_total) {
		ks_error_set("%s: expands to more than %" PRIu64 " bytes (the "
		    "size limit); stopped", r->name, r->lim.max_total);
		return KS_ELIMIT;
	}
	/* Checked as the data streams: a bomb is stopped after at most
	 * ratio * (compressed bytes read) expanded bytes. */
	if (r->expanded > r->lim.ratio_grace &&
	    r->expanded / r->lim.max_ratio > r->raw) {
		ks_error_set("%s: expands more than %" PRIu64 " times its "
		    "compressed size (%" PRIu64 " bytes from %" PRIu64 "; the "
		    "ratio limit); stopped as a likely decompression bomb",
		    r->name, r->lim.max_ratio, r->expanded, r->raw);
		return KS_ELIMIT;
	}
	return (long)n;
}

/* True when s holds a control character (which would break messages). */
static bool
has_ctl(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			return true;
	return false;
}

/* The cleaning of feed_arc_clean_path, with `what` naming the archive. */
static int
clean_path(const char *what, const char *path, char *out, size_t outsz)
{
	const char *p, *q;
	size_t o = 0;

	if (path == NULL || *path == '\0') {
		ks_error_set("%s: an entry has no name", what);
		return KS_EPARSE;
	}
	if (has_ctl(path)) {
		ks_error_set("%s: an entry name holds a control character",
		    what);
		return KS_EPARSE;
	}
	if (path[0] == '/') {
		ks_error_set("%s: entry '%s': absolute path refused", what,
		    path);
		return KS_EPARSE;
	}
	for (p = path; *p; p = q) {
		size_t n;

		while (*p == '/')
			p++;
		for (q = p; *q && *q != '/'; q++)
			;
		n = (size_t)(q - p);
		if (n == 0 || (n == 1 && p[0] == '.'))
			continue;
		if (n == 2 && p[0] == '.' && p[1] == '.') {
			ks_error_set("%s: entry '%s': '..' component refused",
			    what, path);
			return KS_EPARSE;
		}
		if (n > ARC_MAX_NAME || o + n + 2 > outsz ||
		    o + n + 1 > ARC_MAX_PATH) {
			ks_error_set("%s: entry '%.64s...': name too long",
			    what, path);
			return KS_EPARSE;
		}
		if (o > 0)
			out[o++] = '/';
		memcpy(out + o, p, n);
		o += n;
	}
	out[o] = '\0';
	return 0;
}

int
feed_arc_clean_path(const struct feed_arc *r, const char *path, char *out,
    size_t outsz)
{
	return clean_path(r->name, path, out, outsz);
}

/* ---- entry classification ------------------------------------------------ */

enum arc_type { ARC_FILE, ARC_DIR, ARC_SYMLINK, ARC_HARDLINK };

struct arc_item {
	enum arc_type	 type;
	char		 path[ARC_MAX_PATH + 2];
	/* hard link: its clean target path; symlink: its target */
	char		 link[ARC_MAX_PATH + 2];
	unsigned	 perm;
};

/*
 * A symlink target we can keep: relative and without "..", so whatever
 * links it passes through (themselves checked the same way, from real
 * directories of the stage) it only ever goes down the tree.
 */
static int
check_symlink(const struct feed_arc *r, const char *path, const char *tgt)
{
	const char *p;

	if (tgt == NULL || *tgt == '\0' || has_ctl(tgt)) {
		ks_error_set("%s: symlink '%s' has an empty or unprintable "
		    "target", r->name, path);
		return KS_EPARSE;
	}
	if (tgt[0] == '/') {
		ks_error_set("%s: symlink '%s' -> '%s': absolute target "
		    "refused (it points outside the destination)", r->name,
		    path, tgt);
		return KS_EPARSE;
	}
	for (p = tgt; *p; ) {
		if (p[0] == '.' && p[1] == '.' && (p[2] == '/' ||
		    p[2] == '\0')) {
			ks_error_set("%s: symlink '%s' -> '%s': '..' in a "
			    "link target refused (it may point outside the "
			    "destination)", r->name, path, tgt);
			return KS_EPARSE;
		}
		while (*p && *p != '/')
			p++;
		while (*p == '/')
			p++;
	}
	if (strlen(tgt) > ARC_MAX_PATH) {
		ks_error_set("%s: symlink '%s': target too long", r->name,
		    path);
		return KS_EPARSE;
	}
	return 0;
}

/*
 * Classifies entry e: 1 and *it filled for something to create, 0 for an
 * entry to skip (the "./" directory itself), or KS_EPARSE for a refused
 * entry (message names the archive, the entry and why).
 */
static int
arc_classify(struct feed_arc *r, struct archive_entry *e,
    struct arc_item *it)
{
	const char *hl = ks_archive.archive_entry_hardlink(e);
	const char *name = ks_archive.archive_entry_pathname(e);
	mode_t ft = ks_archive.archive_entry_filetype(e);
	int rc;

	if ((rc = clean_path(r->name, name, it->path, sizeof(it->path))) != 0)
		return rc;
	it->perm = (unsigned)ks_archive.archive_entry_perm(e) & 0777;
	if (it->path[0] == '\0') {
		if (hl == NULL && ft == AE_IFDIR)
			return 0;
		ks_error_set("%s: entry '%s' has an empty name", r->name,
		    name);
		return KS_EPARSE;
	}
	if (hl != NULL) {
		it->type = ARC_HARDLINK;
		rc = clean_path(r->name, hl, it->link, sizeof(it->link));
		return rc != 0 ? rc : 1;
	}
	switch (ft) {
	case AE_IFREG:
		it->type = ARC_FILE;
		return 1;
	case AE_IFDIR:
		it->type = ARC_DIR;
		return 1;
	case AE_IFLNK:
		it->type = ARC_SYMLINK;
		if ((rc = check_symlink(r, it->path,
		    ks_archive.archive_entry_symlink(e))) != 0)
			return rc;
		snprintf(it->link, sizeof(it->link), "%s",
		    ks_archive.archive_entry_symlink(e));
		return 1;
	default:
		ks_error_set("%s: entry '%s' is a %s: device files, FIFOs and "
		    "sockets are refused", r->name, it->path,
		    ft == AE_IFCHR ? "character device" :
		    ft == AE_IFBLK ? "block device" :
		    ft == AE_IFIFO ? "FIFO" :
		    ft == AE_IFSOCK ? "socket" : "special file");
		return KS_EPARSE;
	}
}

/* Reads and discards the rest of the current entry, under the caps. */
static int
arc_drain(struct feed_arc *r)
{
	long n;

	while ((n = feed_arc_data(r, r->buf, sizeof(r->buf))) > 0)
		;
	return n < 0 ? (int)n : 0;
}

int
feed_arc_walk_mem(const void *buf, size_t len,
    const struct feed_archive_limits *lim)
{
	struct feed_arc *r = NULL;
	struct archive_entry *e;
	struct arc_item *it = ks_malloc(sizeof(*it));
	int rc, x;

	if ((rc = feed_arc_open_mem(&r, buf, len, "<memory>",
	    FEED_ARC_ARCHIVE, lim)) != 0)
		goto out;
	while ((x = feed_arc_next(r, &e)) == 1) {
		if ((rc = arc_classify(r, e, it)) < 0)
			goto out;
		if ((rc = arc_drain(r)) != 0)
			goto out;
	}
	rc = x;
out:
	feed_arc_free(r);
	free(it);
	return rc;
}

/* ---- staging directory --------------------------------------------------- */

struct feed_stage {
	char	*dest;		/* destination, without trailing '/' */
	char	*tmp;		/* the staging directory */
	char	*parent;	/* their directory */
	int	 fd;		/* open on tmp */
	unsigned flags;
};

static int
errno_code(int err)
{
	switch (err) {
	case ENOENT:
	case ENOTDIR:
		return KS_ENOTFOUND;
	case EACCES:
	case EPERM:
	case EROFS:
		return KS_EPERM;
	default:
		return KS_ERROR;
	}
}

static int
rm_cb(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
	(void)st;
	(void)type;
	(void)ftw;
	if (remove(path) != 0 && errno != ENOENT)
		ks_warn("cannot remove %s: %s", path, strerror(errno));
	return 0;
}

/* Removes a tree without following symlinks; best effort. */
static void
rm_tree(const char *path)
{
	nftw(path, rm_cb, 16, FTW_DEPTH | FTW_PHYS);
}

/* 1 when dir is an empty directory, 0 when it holds something, or a
 * negative KS_* code (message set). */
static int
dir_empty(const char *dir)
{
	struct dirent *de;
	DIR *d;
	int empty = 1;

	if ((d = opendir(dir)) == NULL) {
		int err = errno;

		ks_error_set("cannot read %s: %s", dir, strerror(err));
		return errno_code(err);
	}
	while ((de = readdir(d)) != NULL) {
		if (strcmp(de->d_name, ".") != 0 &&
		    strcmp(de->d_name, "..") != 0) {
			empty = 0;
			break;
		}
	}
	closedir(d);
	return empty;
}

int
feed_stage_new(struct feed_stage **out, const char *destdir, unsigned flags)
{
	struct feed_stage *st;
	struct stat sb;
	char *slash;
	const char *base;
	size_t n;
	int rc = KS_ERROR;

	*out = NULL;
	st = ks_calloc(1, sizeof(*st));
	st->fd = -1;
	st->flags = flags;
	st->dest = ks_strdup(destdir);
	n = strlen(st->dest);
	while (n > 1 && st->dest[n - 1] == '/')
		st->dest[--n] = '\0';
	if ((slash = strrchr(st->dest, '/')) != NULL) {
		base = slash + 1;
		st->parent = slash == st->dest ? ks_strdup("/") :
		    ks_strndup(st->dest, (size_t)(slash - st->dest));
	} else {
		base = st->dest;
		st->parent = ks_strdup(".");
	}
	if (*base == '\0' || strcmp(base, ".") == 0 ||
	    strcmp(base, "..") == 0) {
		ks_error_set("%s: not usable as a destination directory "
		    "(name it by its path, not '.' or '..')", destdir);
		goto out;
	}
	if (lstat(st->dest, &sb) == 0) {
		if (!S_ISDIR(sb.st_mode)) {
			ks_error_set("%s: exists and is not a directory",
			    destdir);
			goto out;
		}
		if (!(flags & FEED_EXTRACT_REPLACE)) {
			int e = dir_empty(st->dest);

			if (e < 0) {
				rc = e;
				goto out;
			}
			if (e == 0) {
				ks_error_set("%s: exists and is not empty "
				    "(replace it explicitly)", destdir);
				goto out;
			}
		}
	} else if (errno != ENOENT) {
		int err = errno;

		ks_error_set("cannot look at %s: %s", destdir, strerror(err));
		rc = errno_code(err);
		goto out;
	}
	st->tmp = ks_asprintf("%s/.%s.kensa-XXXXXX", st->parent, base);
	if (mkdtemp(st->tmp) == NULL) {
		int err = errno;

		ks_error_set("cannot create a staging directory beside %s: %s",
		    destdir, strerror(err));
		free(st->tmp);
		st->tmp = NULL;
		rc = errno_code(err);
		goto out;
	}
	if ((st->fd = open(st->tmp, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0) {
		int err = errno;

		ks_error_set("cannot open %s: %s", st->tmp, strerror(err));
		rc = errno_code(err);
		goto out;
	}
	*out = st;
	return 0;
out:
	feed_stage_abort(st);
	return rc;
}

/*
 * Opens the directory that will hold `path` below the stage, creating the
 * missing ones when `create`, and never passing through a symlink or a
 * file. Returns the directory fd (caller closes) and the last component
 * in *base (points into path), or a negative KS_* code.
 */
static int
stage_parent(struct feed_stage *st, const char *what, const char *path,
    bool create, const char **base)
{
	char comp[ARC_MAX_NAME + 1];
	const char *p = path, *q;
	int dfd = dup(st->fd);

	if (dfd < 0) {
		ks_error_set("%s: %s", what, strerror(errno));
		return KS_ERROR;
	}
	while ((q = strchr(p, '/')) != NULL) {
		size_t n = (size_t)(q - p);
		int nfd;

		if (n == 0 || n > ARC_MAX_NAME) {
			close(dfd);
			ks_error_set("%s: entry '%s': bad path", what, path);
			return KS_EPARSE;
		}
		memcpy(comp, p, n);
		comp[n] = '\0';
		if (create && mkdirat(dfd, comp, 0755) != 0 &&
		    errno != EEXIST) {
			int err = errno;

			close(dfd);
			ks_error_set("%s: cannot create directory for '%s': "
			    "%s", what, path, strerror(err));
			return errno_code(err);
		}
		nfd = openat(dfd, comp, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
		    O_CLOEXEC);
		if (nfd < 0) {
			int err = errno;

			close(dfd);
			if (err == ELOOP || err == ENOTDIR) {
				ks_error_set("%s: entry '%s': refused, it "
				    "would be written through a symlink or a "
				    "file ('%s')", what, path, comp);
				return KS_EPARSE;
			}
			if (err == ENOENT && !create) {
				ks_error_set("%s: entry '%s': no such "
				    "directory '%s' in the archive", what,
				    path, comp);
				return KS_EPARSE;
			}
			ks_error_set("%s: entry '%s': %s", what, path,
			    strerror(err));
			return errno_code(err);
		}
		close(dfd);
		dfd = nfd;
		p = q + 1;
	}
	*base = p;
	return dfd;
}

/* The message for creating `path` failing with err. */
static int
create_error(const char *what, const char *path, int err)
{
	if (err == EEXIST) {
		ks_error_set("%s: entry '%s' appears twice (duplicate "
		    "entries are refused)", what, path);
		return KS_EPARSE;
	}
	ks_error_set("%s: cannot create '%s': %s", what, path, strerror(err));
	return errno_code(err);
}

int
feed_stage_create(struct feed_stage *st, const char *what, const char *path,
    unsigned mode)
{
	const char *base;
	int dfd, fd;

	if ((dfd = stage_parent(st, what, path, true, &base)) < 0)
		return dfd;
	fd = openat(dfd, base, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW |
	    O_CLOEXEC, 0600);
	if (fd < 0) {
		int rc = create_error(what, path, errno);

		close(dfd);
		return rc;
	}
	close(dfd);
	/* Permission bits only (no setuid/setgid/sticky); the owner keeps
	 * read and write so the cache can be refreshed and removed. */
	if (fchmod(fd, (mode & 0777) | 0600) != 0) {
		int err = errno;

		close(fd);
		ks_error_set("%s: cannot set the mode of '%s': %s", what, path,
		    strerror(err));
		return errno_code(err);
	}
	return fd;
}

static int
stage_mkdir(struct feed_stage *st, const char *what, const char *path,
    unsigned mode)
{
	const char *base;
	struct stat sb;
	int dfd, rc = 0;

	if ((dfd = stage_parent(st, what, path, true, &base)) < 0)
		return dfd;
	if (mkdirat(dfd, base, 0700) != 0 && errno != EEXIST) {
		rc = create_error(what, path, errno);
		goto out;
	}
	if (fstatat(dfd, base, &sb, AT_SYMLINK_NOFOLLOW) != 0 ||
	    !S_ISDIR(sb.st_mode)) {
		ks_error_set("%s: directory entry '%s' clashes with an "
		    "earlier entry", what, path);
		rc = KS_EPARSE;
		goto out;
	}
	if (fchmodat(dfd, base, (mode & 0777) | 0700, 0) != 0) {
		rc = create_error(what, path, errno);
		goto out;
	}
out:
	close(dfd);
	return rc;
}

static int
stage_symlink(struct feed_stage *st, const char *what, const char *path,
    const char *target)
{
	const char *base;
	int dfd, rc = 0;

	if ((dfd = stage_parent(st, what, path, true, &base)) < 0)
		return dfd;
	if (symlinkat(target, dfd, base) != 0)
		rc = create_error(what, path, errno);
	close(dfd);
	return rc;
}

/* A hard link to a regular file extracted before (never to a link). */
static int
stage_hardlink(struct feed_stage *st, const char *what, const char *path,
    const char *target)
{
	const char *base, *tbase;
	struct stat sb;
	int dfd, tfd, rc = 0;

	if ((tfd = stage_parent(st, what, target, false, &tbase)) < 0)
		return tfd;
	if (fstatat(tfd, tbase, &sb, AT_SYMLINK_NOFOLLOW) != 0 ||
	    !S_ISREG(sb.st_mode)) {
		ks_error_set("%s: hard link '%s' -> '%s': the target is not "
		    "a file extracted before it; refused", what, path, target);
		close(tfd);
		return KS_EPARSE;
	}
	if ((dfd = stage_parent(st, what, path, true, &base)) < 0) {
		close(tfd);
		return dfd;
	}
	if (linkat(tfd, tbase, dfd, base, 0) != 0)
		rc = create_error(what, path, errno);
	close(dfd);
	close(tfd);
	return rc;
}

static void
sync_dir(const char *dir)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

	if (fd >= 0) {
		(void)fsync(fd);
		close(fd);
	}
}

static void
stage_release(struct feed_stage *st)
{
	if (st->fd >= 0)
		close(st->fd);
	free(st->dest);
	free(st->tmp);
	free(st->parent);
	free(st);
}

int
feed_stage_commit(struct feed_stage *st)
{
	int rc = KS_ERROR, err;

	(void)fsync(st->fd);
	if (fchmod(st->fd, 0755) != 0) {
		err = errno;
		ks_error_set("cannot set the mode of %s: %s", st->tmp,
		    strerror(err));
		rc = errno_code(err);
		goto fail;
	}
	/* Onto a missing or empty directory, rename(2) is atomic. */
	if (rename(st->tmp, st->dest) == 0)
		goto done;
	err = errno;
	if ((err != ENOTEMPTY && err != EEXIST) ||
	    !(st->flags & FEED_EXTRACT_REPLACE)) {
		if (err == ENOTEMPTY || err == EEXIST)
			ks_error_set("%s: exists and is not empty (replace it "
			    "explicitly)", st->dest);
		else
			ks_error_set("cannot rename %s to %s: %s", st->tmp,
			    st->dest, strerror(err));
		rc = errno_code(err);
		goto fail;
	}
	/* Swap both names at once; the old tree then sits at tmp. */
	if (renameat2(AT_FDCWD, st->tmp, AT_FDCWD, st->dest,
	    RENAME_EXCHANGE) == 0) {
		rm_tree(st->tmp);
		goto done;
	}
	if (errno != EINVAL && errno != ENOSYS) {
		err = errno;
		ks_error_set("cannot swap %s into %s: %s", st->tmp, st->dest,
		    strerror(err));
		rc = errno_code(err);
		goto fail;
	} else {
		/* A file system without RENAME_EXCHANGE: two renames, with
		 * the old tree put back if the second fails. */
		char *old = ks_asprintf("%s.old-XXXXXX", st->tmp);

		if (mkdtemp(old) == NULL || rename(st->dest, old) != 0) {
			err = errno;
			ks_error_set("cannot move %s aside: %s", st->dest,
			    strerror(err));
			rmdir(old);
			free(old);
			rc = errno_code(err);
			goto fail;
		}
		if (rename(st->tmp, st->dest) != 0) {
			err = errno;
			(void)rename(old, st->dest);
			ks_error_set("cannot rename %s to %s: %s", st->tmp,
			    st->dest, strerror(err));
			free(old);
			rc = errno_code(err);
			goto fail;
		}
		rm_tree(old);
		free(old);
	}
done:
	sync_dir(st->parent);
	stage_release(st);
	return 0;
fail:
	feed_stage_abort(st);
	return rc;
}

void
feed_stage_abort(struct feed_stage *st)
{
	if (st == NULL)
		return;
	if (st->fd >= 0) {
		close(st->fd);
		st->fd = -1;
	}
	if (st->tmp != NULL)
		rm_tree(st->tmp);
	stage_release(st);
}

int
feed_write_all(int fd, const void *buf, size_t len, const char *path)
{
	const char *p = buf;

	while (len > 0) {
		ssize_t n = write(fd, p, len);

		if (n < 0) {
			int err;

			if (errno == EINTR)
				continue;
			err = errno;
			ks_error_set("cannot write %s: %s", path,
			    strerror(err));
			return errno_code(err);
		}
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

/* ---- extraction ---------------------------------------------------------- */

/* Streams the current entry's data into a new staged file. */
static int
extract_file(struct feed_arc *r, struct feed_stage *st,
    struct archive_entry *e, const struct arc_item *it)
{
	struct timespec ts[2];
	long n;
	int fd, rc = 0;

	if ((fd = feed_stage_create(st, r->name, it->path, it->perm)) < 0)
		return fd;
	while ((n = feed_arc_data(r, r->buf, sizeof(r->buf))) > 0) {
		if ((rc = feed_write_all(fd, r->buf, (size_t)n,
		    it->path)) != 0)
			goto out;
	}
	if (n < 0) {
		rc = (int)n;
		goto out;
	}
	if (ks_archive.archive_entry_mtime_is_set(e)) {
		ts[0].tv_sec = ts[1].tv_sec = ks_archive.archive_entry_mtime(e);
		ts[0].tv_nsec = ts[1].tv_nsec = 0;
		(void)futimens(fd, ts);
	}
	if (fsync(fd) != 0) {
		ks_error_set("%s: cannot sync '%s': %s", r->name, it->path,
		    strerror(errno));
		rc = KS_ERROR;
	}
out:
	close(fd);
	return rc;
}

int
feed_archive_extract(const char *path, const char *destdir, unsigned flags,
    const struct feed_archive_limits *lim)
{
	struct feed_arc *r = NULL;
	struct feed_stage *st = NULL;
	struct archive_entry *e;
	struct arc_item *it = ks_malloc(sizeof(*it));
	int rc, x;

	if ((rc = feed_arc_open_file(&r, path, NULL, FEED_ARC_ARCHIVE,
	    lim)) != 0)
		goto out;
	if ((rc = feed_stage_new(&st, destdir, flags)) != 0)
		goto out;
	while ((x = feed_arc_next(r, &e)) == 1) {
		if ((rc = arc_classify(r, e, it)) < 0)
			goto out;
		if (rc == 0)
			continue;
		switch (it->type) {
		case ARC_FILE:
			rc = extract_file(r, st, e, it);
			break;
		case ARC_DIR:
			rc = stage_mkdir(st, r->name, it->path, it->perm);
			break;
		case ARC_SYMLINK:
			rc = stage_symlink(st, r->name, it->path, it->link);
			break;
		case ARC_HARDLINK:
			rc = stage_hardlink(st, r->name, it->path, it->link);
			break;
		}
		/* Data a non-file entry claims is read under the caps too:
		 * libarchive would otherwise skip it uncapped (decompressing
		 * all of it when the archive is compressed). */
		if (rc == 0 && it->type != ARC_FILE)
			rc = arc_drain(r);
		if (rc != 0)
			goto out;
	}
	if ((rc = x) != 0)
		goto out;
	rc = feed_stage_commit(st);
	st = NULL;
out:
	feed_stage_abort(st);
	feed_arc_free(r);
	free(it);
	return rc;
}

int
feed_archive_read_member(const char *path, const char *name,
    const struct feed_archive_limits *lim, feed_archive_data_cb cb,
    void *payload)
{
	struct feed_arc *r = NULL;
	struct archive_entry *e;
	struct arc_item *it = ks_malloc(sizeof(*it));
	char want[ARC_MAX_PATH + 2];
	long n;
	int rc, x;

	if ((rc = clean_path(path, name, want, sizeof(want))) != 0)
		goto out;
	if ((rc = feed_arc_open_file(&r, path, NULL, FEED_ARC_ARCHIVE,
	    lim)) != 0)
		goto out;
	while ((x = feed_arc_next(r, &e)) == 1) {
		if ((rc = arc_classify(r, e, it)) < 0)
			goto out;
		if (rc == 1 && it->type == ARC_FILE &&
		    strcmp(it->path, want) == 0) {
			while ((n = feed_arc_data(r, r->buf,
			    sizeof(r->buf))) > 0) {
				if ((rc = cb(r->buf, (size_t)n, payload)) != 0)
					goto out;
			}
			rc = (int)n;
			goto out;
		}
		if ((rc = arc_drain(r)) != 0)
			goto out;
	}
	if ((rc = x) == 0) {
		ks_error_set("%s: no member '%s'", path, want);
		rc = KS_ENOTFOUND;
	}
out:
	feed_arc_free(r);
	free(it);
	return rc;
}

/* A reader of one compressed stream (or a plain file) positioned on its
 * data: 1, or 0 for a stream without data; KS_* with r freed and NULL. */
static int
raw_open(struct feed_arc **r, const char *src,
    const struct feed_archive_limits *lim)
{
	struct archive_entry *e;
	int rc;

	if ((rc = feed_arc_open_file(r, src, NULL, FEED_ARC_RAW, lim)) != 0)
		return rc;
	if ((rc = feed_arc_next(*r, &e)) < 0) {
		feed_arc_free(*r);
		*r = NULL;
	}
	return rc;
}

/* Every expanded byte of r to cb, under the caps: 0, the caps' or the
 * data's KS_*, or cb's code. */
static int
raw_pump(struct feed_arc *r, feed_archive_data_cb cb, void *payload)
{
	long n;
	int rc;

	while ((n = feed_arc_data(r, r->buf, sizeof(r->buf))) != 0) {
		if (n < 0)
			return (int)n;
		if ((rc = cb(r->buf, (size_t)n, payload)) != 0)
			return rc;
	}
	return 0;
}

struct to_file {
	FILE		*fp;
	const char	*dst;
};

static int
write_cb(const void *data, size_t len, void *payload)
{
	struct to_file *t = payload;

	if (fwrite(data, 1, len, t->fp) != len) {
		ks_error_set("cannot write %s: %s", t->dst, strerror(errno));
		return KS_ERROR;
	}
	return 0;
}

int
feed_archive_decompress(const char *src, const char *dst,
    const struct feed_archive_limits *lim)
{
	struct feed_arc *r = NULL;
	struct ks_atomic *at = NULL;
	struct to_file t = { NULL, dst };
	int rc, x;

	if ((rc = raw_open(&r, src, lim)) < 0)
		goto out;
	if ((x = ks_atomic_open(&at, dst)) != 0) {
		rc = x;
		goto out;
	}
	t.fp = ks_atomic_fp(at);
	if (rc == 1 && (rc = raw_pump(r, write_cb, &t)) != 0)
		goto out;
	rc = ks_atomic_commit(at);
	at = NULL;
out:
	ks_atomic_abort(at);
	feed_arc_free(r);
	return rc;
}

/* Whether the first bytes of a (decompressed) stream are a tar or a zip
 * archive: "ustar" at 257 (POSIX and GNU tar), a zip local or end header. */
static bool
is_archive(const unsigned char *p, size_t n)
{
	return (n >= 262 && memcmp(p + 257, "ustar", 5) == 0) ||
	    (n >= 4 && memcmp(p, "PK\x03\x04", 4) == 0) ||
	    (n >= 4 && memcmp(p, "PK\x05\x06", 4) == 0);
}

struct head {
	unsigned char	 b[512];
	size_t		 n;
};

static int
head_cb(const void *data, size_t len, void *payload)
{
	struct head *h = payload;
	size_t k = sizeof(h->b) - h->n;

	if (k > len)
		k = len;
	memcpy(h->b + h->n, data, k);
	h->n += k;
	return 0;
}

int
feed_archive_check_document(const char *path,
    const struct feed_archive_limits *lim)
{
	struct head head = { .n = 0 };
	struct feed_arc *r = NULL;
	char *tmp = NULL, *dest = NULL;
	int rc;

	/* Every byte through the decompressor, under the caps: a bomb
	 * stops here, before anything is used. */
	if ((rc = raw_open(&r, path, lim)) < 0 ||
	    (rc == 1 && (rc = raw_pump(r, head_cb, &head)) != 0))
		goto out;
	feed_arc_free(r);
	r = NULL;
	if (!is_archive(head.b, head.n))
		return 0;
	/* An archive: its entries get the extraction's checks (an entry
	 * leaving the directory is named), then it is refused anyway, as
	 * its users read one document. */
	tmp = ks_asprintf("%s.check-XXXXXX", path);
	if (mkdtemp(tmp) == NULL) {
		ks_error_set("%s: cannot create a directory to check it: %s",
		    path, strerror(errno));
		rc = KS_ERROR;
		goto out;
	}
	dest = ks_asprintf("%s/x", tmp);
	rc = feed_archive_extract(path, dest, 0, lim);
	rm_tree(tmp);
	if (rc == 0) {
		ks_error_set("%s: an archive of files, not one document (plain "
		    "or compressed with gzip, bzip2, xz, lzma or zstd)", path);
		rc = KS_EUNSUPPORTED;
	}
out:
	feed_arc_free(r);
	free(tmp);
	free(dest);
	return rc;
}
