/*
 * Image targets: a root-file-system archive, a `docker save` archive or an
 * OCI image layout is unpacked once into a private temporary directory (layers
 * applied in order, whiteouts honoured) and then read with the directory-root
 * back-end; the owner, group, set-id bits, times and extended attributes the
 * archive records are kept in a side table and reported by stat and
 * plat_fs_*xattr. It is not a container runtime: nothing from the image is
 * ever executed, and the temporary tree goes away with the target.
 *
 * The archive is untrusted. Entries are written with *at(2) calls relative
 * to the tree's descriptor and O_NOFOLLOW on every component, so neither "..",
 * absolute names, hard links nor symbolic links planted by earlier entries
 * can make us write outside it; device files, FIFOs and sockets are skipped.
 * libarchive's archive_write_disk is not used: it resolves names against the
 * process's working directory and drops owners and set-id bits we report.
 * No extended attribute is ever set on the copy: security.* there would be
 * the host's to check and relabel, and the copy's own labels (the host
 * kernel's) are never read back.
 */
#include "platform/plat_int.h"
#include "platform/base/dl_libs.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define IMG_MAX_BYTES	(16ull << 30)	/* expanded size, all layers */
#define IMG_MAX_ENTRIES	2000000u	/* entries, all layers */
#define IMG_MAX_DEPTH	256		/* directory levels of one entry */
#define IMG_MAX_JSON	(1u << 20)	/* manifest.json, index.json ... */
#define IMG_MAX_LAYERS	4096u
#define IMG_MAX_NEST	4		/* image index -> index -> manifest */
#define IMG_JSON_DEPTH	64
#define IMG_MAX_XATTRS	2000000u	/* extended attributes, all layers */
#define IMG_MAX_XATTR_BYTES	(256ull << 20)	/* their names and values */

/* What the archive says about an inode (the disk copy is ours, 0600+). */
struct img_meta {
	uint64_t	ino;		/* 0: empty slot */
	mode_t		mode;		/* permission bits incl. set-id */
	uid_t		uid;
	gid_t		gid;
	int64_t		atime, mtime, ctime;
	struct plat_xattrs xa;		/* the entry's, replaced with it */
};
/* A whiteout or a replaced entry frees its inode; its slot stays until an
 * object written later takes that number, and meta_record then replaces
 * all of it (mode, owner, attributes): nothing of a removed file shows. */

struct img_state {
	struct plat_fsroot root;	/* first: the fsroot ops take it */
	char		*tmpdir;	/* removed on close */
	struct img_meta	*meta;		/* open addressing on ino */
	size_t		 nmeta, capmeta;	/* capmeta: 0 or a power of 2 */
};

_Static_assert(offsetof(struct img_state, root) == 0,
    "the directory-root operations are called with the image state");

/* One unpacking run. */
struct unpack {
	struct img_state *st;
	const char	*path;		/* the image as given, for messages */
	char		 ctx[512];	/* "img.tar: layer 2 (sha256:ab..)" */
	int		 rootfd;	/* the tree being written */
	bool		 layer;		/* whiteouts apply */
	uint64_t	 bytes, max_bytes;
	uint64_t	 entries;
	uint64_t	 skipped;	/* devices, FIFOs, sockets */
	uint64_t	 nxattrs, xattr_bytes;
};

static int over_bytes(struct unpack *u);

/* ---- the inode side table ------------------------------------------------ */

static struct img_meta *
meta_slot(struct img_state *st, uint64_t ino)
{
	size_t mask = st->capmeta - 1, i;

	i = (size_t)((ino * 0x9e3779b97f4a7c15ull) >> 17) & mask;
	while (st->meta[i].ino != 0 && st->meta[i].ino != ino)
		i = (i + 1) & mask;
	return &st->meta[i];
}

static void
meta_put(struct img_state *st, const struct img_meta *m)
{
	struct img_meta *old = st->meta, *s;
	size_t oldcap = st->capmeta, i;

	if (m->ino == 0)
		return;
	if ((st->nmeta + 1) * 2 > st->capmeta) {
		st->capmeta = oldcap ? oldcap * 2 : 1024;
		st->meta = ks_calloc(st->capmeta, sizeof(*st->meta));
		for (i = 0; i < oldcap; i++)
			if (old[i].ino != 0)
				*meta_slot(st, old[i].ino) = old[i];
		free(old);
	}
	s = meta_slot(st, m->ino);
	if (s->ino == 0)
		st->nmeta++;
	else
		plat_xattrs_free(&s->xa);	/* a later entry, a new layer */
	*s = *m;
}

static const struct img_meta *
meta_get(const struct img_state *st, uint64_t ino)
{
	const struct img_meta *s;

	if (st->capmeta == 0 || ino == 0)
		return NULL;
	s = meta_slot((struct img_state *)st, ino);
	return s->ino == ino ? s : NULL;
}

/* Counts one attribute of `len` bytes named `name` against the caps. */
static int
xattr_count(struct unpack *u, const char *name, size_t len)
{
	if (++u->nxattrs > IMG_MAX_XATTRS) {
		ks_error_set("%s: image has more than %u extended attributes",
		    u->path, IMG_MAX_XATTRS);
		return KS_ELIMIT;
	}
	u->xattr_bytes += len + (name != NULL ? strlen(name) : 0);
	if (u->xattr_bytes > IMG_MAX_XATTR_BYTES) {
		ks_error_set("%s: image has more than %llu bytes of extended "
		    "attributes", u->path,
		    (unsigned long long)IMG_MAX_XATTR_BYTES);
		return KS_ELIMIT;
	}
	u->bytes += len;
	if (u->bytes > u->max_bytes)
		return over_bytes(u);
	return 0;
}

/* One entry of a POSIX ACL as the kernel keeps it in system.posix_acl_*
 * (include/uapi/linux/posix_acl_xattr.h: a little-endian version 2, then
 * {le16 tag, le16 perm, le32 id} sorted by tag, then id). */
struct aclx {
	uint16_t	tag, perm;
	uint32_t	id;
};

static int
aclx_cmp(const void *pa, const void *pb)
{
	const struct aclx *a = pa, *b = pb;

	if (a->tag != b->tag)
		return a->tag < b->tag ? -1 : 1;
	return a->id < b->id ? -1 : a->id > b->id;
}

/* The kernel's tag (ACL_USER_OBJ 0x01 ... ACL_OTHER 0x20) of a libarchive
 * POSIX.1e tag; 0 for others (NFSv4's everyone@). */
static uint16_t
aclx_tag(int tag)
{
	switch (tag) {
	case ARCHIVE_ENTRY_ACL_USER_OBJ:	return 0x01;
	case ARCHIVE_ENTRY_ACL_USER:		return 0x02;
	case ARCHIVE_ENTRY_ACL_GROUP_OBJ:	return 0x04;
	case ARCHIVE_ENTRY_ACL_GROUP:		return 0x08;
	case ARCHIVE_ENTRY_ACL_MASK:		return 0x10;
	case ARCHIVE_ENTRY_ACL_OTHER:		return 0x20;
	default:				return 0;
	}
}

/*
 * A POSIX.1e ACL the archive records as text (pax SCHILY.acl.access and
 * .default, as bsdtar and GNU tar --acls write it, which libarchive parses
 * into the entry) becomes the attribute the kernel would hold, `name`, so
 * that readers of system.posix_acl_* see it whatever tool made the image.
 * An access ACL of only the three entries that mirror the mode is no
 * attribute, as on disk. 0 or a code from the caps.
 */
static int
acl_record(struct unpack *u, struct archive_entry *e, int type,
    const char *name, const char *label, struct plat_xattrs *x)
{
	const size_t maxent = (XATTR_SIZE_MAX - 4) / 8;
	struct aclx *a = NULL;
	unsigned char *blob = NULL;
	int n, t, perm, tag, id, rc = 0;
	size_t k = 0, i;
	const char *who;

	n = ks_archive.archive_entry_acl_reset(e, type);
	if (n <= (type == ARCHIVE_ENTRY_ACL_TYPE_ACCESS ? 3 : 0))
		return 0;
	if ((size_t)n > maxent) {
		ks_error_set("%s: ACL of more than %zu entries", label,
		    maxent);
		return KS_ELIMIT;
	}
	a = ks_calloc((size_t)n, sizeof(*a));
	while (k < (size_t)n && ks_archive.archive_entry_acl_next(e, type, &t,
	    &perm, &tag, &id, &who) == ARCHIVE_OK) {
		if ((a[k].tag = aclx_tag(tag)) == 0)
			continue;
		a[k].perm = (uint16_t)(perm & 7);
		a[k].id = a[k].tag == 0x02 || a[k].tag == 0x08 ?
		    (uint32_t)id : UINT32_MAX;
		k++;
	}
	qsort(a, k, sizeof(*a), aclx_cmp);
	blob = ks_malloc(4 + 8 * k);
	blob[0] = 2;
	blob[1] = blob[2] = blob[3] = 0;
	for (i = 0; i < k; i++) {
		unsigned char *p = blob + 4 + 8 * i;

		p[0] = (unsigned char)a[i].tag;
		p[1] = (unsigned char)(a[i].tag >> 8);
		p[2] = (unsigned char)a[i].perm;
		p[3] = (unsigned char)(a[i].perm >> 8);
		for (int b = 0; b < 4; b++)
			p[4 + b] = (unsigned char)(a[i].id >> (8 * b));
	}
	if ((rc = xattr_count(u, name, 4 + 8 * k)) == 0)
		rc = plat_xattrs_set(x, label, name, blob, 4 + 8 * k);
	free(blob);
	free(a);
	return rc;
}

/*
 * The extended attributes of `e` (pax SCHILY.xattr.* and LIBARCHIVE.xattr.*
 * records, as GNU tar, bsdtar and container tools write them, and its
 * POSIX.1e ACLs) into *x, counted against the image's caps and its
 * expanded size. 0 or KS_ELIMIT / KS_EPARSE with the message naming the
 * entry.
 */
static int
xattrs_read(struct unpack *u, struct archive_entry *e, struct plat_xattrs *x)
{
	const char *name, *entry = ks_archive.archive_entry_pathname(e);
	char label[sizeof(u->ctx) + 300];
	const void *val;
	size_t len;
	int rc;

	snprintf(label, sizeof(label), "%s: entry '%.256s'", u->ctx,
	    entry != NULL ? entry : "?");
	/* ACLs first: the same ACL as an xattr record replaces them */
	if ((rc = acl_record(u, e, ARCHIVE_ENTRY_ACL_TYPE_ACCESS,
	    "system.posix_acl_access", label, x)) != 0 ||
	    (rc = acl_record(u, e, ARCHIVE_ENTRY_ACL_TYPE_DEFAULT,
	    "system.posix_acl_default", label, x)) != 0)
		return rc;
	if (ks_archive.archive_entry_xattr_reset(e) <= 0)
		return 0;
	while (ks_archive.archive_entry_xattr_next(e, &name, &val, &len) ==
	    ARCHIVE_OK) {
		if ((rc = xattr_count(u, name, len)) != 0 ||
		    (rc = plat_xattrs_set(x, label, name, val, len)) != 0)
			return rc;
	}
	return 0;
}

/*
 * Records what `e` says for the object `name` in `dirfd` just written (e
 * NULL: a directory we made, mode `dflmode`, root's, no attributes). 0, or
 * a code from xattrs_read.
 */
static int
meta_record(struct unpack *u, int dirfd, const char *name,
    struct archive_entry *e, mode_t dflmode)
{
	struct img_meta m;
	struct stat sb;
	int rc;

	if (fstatat(dirfd, name, &sb, AT_SYMLINK_NOFOLLOW |
	    (name[0] == '\0' ? AT_EMPTY_PATH : 0)) != 0)
		return 0;
	memset(&m, 0, sizeof(m));
	m.ino = sb.st_ino;
	if (e != NULL) {
		m.mode = ks_archive.archive_entry_perm(e) & 07777;
		m.uid = (uid_t)ks_archive.archive_entry_uid(e);
		m.gid = (gid_t)ks_archive.archive_entry_gid(e);
		m.mtime = ks_archive.archive_entry_mtime(e);
		m.atime = ks_archive.archive_entry_atime_is_set(e) ?
		    ks_archive.archive_entry_atime(e) : m.mtime;
		m.ctime = ks_archive.archive_entry_ctime_is_set(e) ?
		    ks_archive.archive_entry_ctime(e) : m.mtime;
		if ((rc = xattrs_read(u, e, &m.xa)) != 0) {
			plat_xattrs_free(&m.xa);
			return rc;
		}
	} else {
		m.mode = dflmode;
		m.mtime = m.atime = m.ctime = sb.st_mtim.tv_sec;
	}
	if (S_ISLNK(sb.st_mode))
		m.mode = 0777;
	meta_put(u->st, &m);
	return 0;
}

/* ---- removing trees ------------------------------------------------------ */

/*
 * Removes `name` in `at` and everything below it, never following a link
 * (every directory we create is u+rwx). Returns 0 or an errno value.
 */
static int
rm_at(int at, const char *name, int depth)
{
	struct dirent *de;
	struct stat sb;
	DIR *d;
	int fd, err = 0;

	if (fstatat(at, name, &sb, AT_SYMLINK_NOFOLLOW) != 0)
		return errno == ENOENT ? 0 : errno;
	if (!S_ISDIR(sb.st_mode))
		return unlinkat(at, name, 0) == 0 ? 0 : errno;
	if (depth > IMG_MAX_DEPTH + 8)
		return ELOOP;
	fd = openat(at, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
	    O_CLOEXEC);
	if (fd < 0)
		return errno;
	if ((d = fdopendir(fd)) == NULL) {
		err = errno;
		close(fd);
		return err;
	}
	while ((de = readdir(d)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 ||
		    strcmp(de->d_name, "..") == 0)
			continue;
		if ((err = rm_at(dirfd(d), de->d_name, depth + 1)) != 0)
			break;
	}
	closedir(d);
	if (err == 0 && unlinkat(at, name, AT_REMOVEDIR) != 0)
		err = errno;
	return err;
}

/* Removes everything inside the directory `fd` (not the directory). */
static int
rm_children(int fd)
{
	struct dirent *de;
	DIR *d;
	int dfd, err = 0;

	if ((dfd = openat(fd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0)
		return errno;
	if ((d = fdopendir(dfd)) == NULL) {
		err = errno;
		close(dfd);
		return err;
	}
	while ((de = readdir(d)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 ||
		    strcmp(de->d_name, "..") == 0)
			continue;
		if ((err = rm_at(dirfd(d), de->d_name, 1)) != 0)
			break;
	}
	closedir(d);
	return err;
}

static void
img_remove_tree(struct img_state *st)
{
	int err;

	if (st->tmpdir == NULL)
		return;
	if ((err = rm_at(AT_FDCWD, st->tmpdir, 0)) != 0)
		ks_warn("%s: removing the image's temporary tree: %s",
		    st->tmpdir, strerror(err));
	free(st->tmpdir);
	st->tmpdir = NULL;
}

/* A system call failed on an entry: the message names the entry. */
static int
sys_err(struct unpack *u, const char *entry, const char *what, int err)
{
	char ebuf[128];
	const char *es = strerror_r(err, ebuf, sizeof(ebuf));

	ks_error_set("%s: entry '%.256s': %s: %s", u->ctx,
	    entry != NULL ? entry : "?", what, es);
	switch (err) {
	case ENOSPC:
	case EDQUOT:
	case ENAMETOOLONG:
	case ELOOP:
		return KS_ELIMIT;
	case ENOMEM:
		return KS_ENOMEM;
	case EACCES:
	case EPERM:
		return KS_EPERM;
	default:
		return KS_ERROR;
	}
}

/* ---- entry names --------------------------------------------------------- */

/*
 * Normalises an entry name into `out` ("a/b/c", "" for the top itself):
 * "." and empty components dropped; absolute names and ".." refused.
 * Returns 0, KS_EPARSE or KS_ELIMIT with the message naming the entry.
 */
static int
norm_name(struct unpack *u, const char *name, char *out, size_t outsz,
    int *depth)
{
	const char *p = name, *end;
	size_t len = 0, n;
	int d = 0;

	if (name == NULL) {
		ks_error_set("%s: entry with an unreadable name", u->ctx);
		return KS_EPARSE;
	}
	if (name[0] == '/') {
		ks_error_set("%s: entry '%.256s': absolute path", u->ctx, name);
		return KS_EPARSE;
	}
	out[0] = '\0';
	for (;;) {
		while (*p == '/')
			p++;
		if (*p == '\0')
			break;
		end = strchrnul(p, '/');
		n = (size_t)(end - p);
		if (n == 1 && p[0] == '.') {
			p = end;
			continue;
		}
		if (n == 2 && p[0] == '.' && p[1] == '.') {
			ks_error_set("%s: entry '%.256s': path leaves the "
			    "image", u->ctx, name);
			return KS_EPARSE;
		}
		if (n > NAME_MAX || len + n + 2 >= outsz ||
		    ++d > IMG_MAX_DEPTH) {
			ks_error_set("%s: entry '%.256s...': name too long "
			    "or too deep", u->ctx, name);
			return KS_ELIMIT;
		}
		if (len > 0)
			out[len++] = '/';
		memcpy(out + len, p, n);
		len += n;
		out[len] = '\0';
		p = end;
	}
	if (depth != NULL)
		*depth = d;
	return 0;
}

/*
 * Opens the directory holding the last component of `rel` by walking from
 * the tree's root with O_NOFOLLOW. create: missing directories are made
 * (u+rwx on disk, 0755 root:root in the side table). Sets *leaf into rel.
 * Returns 0 and *out (caller closes), 1 when a component is missing (not
 * create) or is not a directory (a link, a file: the entry is not written
 * through it), or a negative code.
 */
static int
open_parent(struct unpack *u, const char *rel, bool create, int *out,
    const char **leaf)
{
	char name[NAME_MAX + 1];
	const char *p = rel, *slash;
	struct stat sb;
	int fd, nfd;
	size_t n;

	if ((fd = fcntl(u->rootfd, F_DUPFD_CLOEXEC, 0)) < 0)
		return plat_errno_rc(errno, u->ctx, "dup");
	while ((slash = strchr(p, '/')) != NULL) {
		n = (size_t)(slash - p);
		memcpy(name, p, n);
		name[n] = '\0';
		if (fstatat(fd, name, &sb, AT_SYMLINK_NOFOLLOW) != 0) {
			if (errno != ENOENT || !create)
				goto skip;
			if (mkdirat(fd, name, 0700) != 0) {
				close(fd);
				return sys_err(u, rel, "mkdir", errno);
			}
			meta_record(u, fd, name, NULL, 0755);
		} else if (!S_ISDIR(sb.st_mode)) {
			goto skip;
		}
		nfd = openat(fd, name, O_PATH | O_DIRECTORY | O_NOFOLLOW |
		    O_CLOEXEC);
		close(fd);
		if (nfd < 0)
			return sys_err(u, rel, "open", errno);
		fd = nfd;
		p = slash + 1;
	}
	*leaf = p;
	*out = fd;
	return 0;
skip:
	close(fd);
	return 1;
}

/* ---- caps and archives --------------------------------------------------- */

static int
over_bytes(struct unpack *u)
{
	ks_error_set("%s: image larger than %llu bytes", u->path,
	    (unsigned long long)u->max_bytes);
	return KS_ELIMIT;
}

static int
ar_error(struct unpack *u, struct archive *a, const char *entry)
{
	const char *es = ks_archive.archive_error_string(a);

	if (entry != NULL)
		ks_error_set("%s: entry '%.256s': %s", u->ctx, entry,
		    es != NULL ? es : "read error");
	else
		ks_error_set("%s: %s", u->ctx,
		    es != NULL ? es : "not a readable archive");
	return KS_EPARSE;
}

static struct archive *
ar_new(void)
{
	struct archive *a = ks_archive.archive_read_new();

	if (a == NULL)
		abort();
	ks_archive.archive_read_support_filter_all(a);
	ks_archive.archive_read_support_format_all(a);
	return a;
}

/* Next header: 1 at the end, 0 with *e, or a negative code. `count`:
 * the entry counts against the cap (a layer's first pass does not). */
static int
ar_next(struct unpack *u, struct archive *a, struct archive_entry **e,
    bool count)
{
	int r = ks_archive.archive_read_next_header(a, e);

	if (r == ARCHIVE_EOF)
		return 1;
	if (r < ARCHIVE_WARN)
		return ar_error(u, a, NULL);
	if (count && ++u->entries > IMG_MAX_ENTRIES) {
		ks_error_set("%s: image has more than %u entries", u->path,
		    IMG_MAX_ENTRIES);
		return KS_ELIMIT;
	}
	return 0;
}

/* ---- writing entries ----------------------------------------------------- */

/* Makes room for a new object `leaf` in `pfd`: anything there goes. */
static int
clear_leaf(struct unpack *u, int pfd, const char *leaf, const char *entry)
{
	int err = rm_at(pfd, leaf, 0);

	if (err != 0)
		return sys_err(u, entry, "replacing", err);
	return 0;
}

static int
write_data(struct unpack *u, struct archive *a, int fd, const char *entry)
{
	char buf[65536];
	ssize_t n;
	size_t off;

	for (;;) {
		n = ks_archive.archive_read_data(a, buf, sizeof(buf));
		if (n == 0)
			return 0;
		if (n < 0)
			return ar_error(u, a, entry);
		u->bytes += (uint64_t)n;
		if (u->bytes > u->max_bytes)
			return over_bytes(u);
		for (off = 0; off < (size_t)n;) {
			ssize_t w = write(fd, buf + off, (size_t)n - off);

			if (w < 0) {
				if (errno == EINTR)
					continue;
				return sys_err(u, entry, "writing", errno);
			}
			off += (size_t)w;
		}
	}
}

static int
write_entry(struct unpack *u, struct archive *a, struct archive_entry *e,
    const char *rel)
{
	char target[PATH_MAX];
	const char *leaf, *tleaf, *hl = ks_archive.archive_entry_hardlink(e);
	const char *lt, *entry = ks_archive.archive_entry_pathname(e);
	mode_t type = ks_archive.archive_entry_filetype(e);
	mode_t perm = ks_archive.archive_entry_perm(e) & 0777;
	struct stat sb;
	int pfd = -1, tfd = -1, fd = -1, rc;

	if (hl == NULL && type != AE_IFREG && type != AE_IFDIR &&
	    type != AE_IFLNK) {
		u->skipped++;	/* devices, FIFOs, sockets */
		return 0;
	}
	if (rel[0] == '\0') {
		/* the top directory itself: only its attributes */
		if (hl == NULL && type == AE_IFDIR)
			return meta_record(u, u->rootfd, "", e, 0);
		return 0;
	}
	if ((rc = open_parent(u, rel, true, &pfd, &leaf)) != 0) {
		if (rc == 1) {
			ks_warn("%s: entry '%.256s': a parent is not a "
			    "directory; skipped", u->ctx, entry);
			rc = 0;
		}
		return rc;
	}
	rc = KS_ERROR;
	if (hl != NULL) {
		if ((rc = norm_name(u, hl, target, sizeof(target), NULL)) != 0)
			goto out;
		if (strcmp(target, rel) == 0) {
			rc = 0;
			goto out;
		}
		rc = open_parent(u, target, false, &tfd, &tleaf);
		if (rc == 0 && (target[0] == '\0' ||
		    fstatat(tfd, tleaf, &sb, AT_SYMLINK_NOFOLLOW) != 0 ||
		    S_ISDIR(sb.st_mode)))
			rc = 1;
		if (rc == 1) {
			ks_error_set("%s: entry '%.256s': hard link to "
			    "'%.256s', which is not in the image", u->ctx,
			    entry, hl);
			rc = KS_EPARSE;
		}
		if (rc != 0)
			goto out;
		if ((rc = clear_leaf(u, pfd, leaf, entry)) != 0)
			goto out;
		if (linkat(tfd, tleaf, pfd, leaf, 0) != 0) {
			rc = sys_err(u, entry, "linking", errno);
			goto out;
		}
		rc = 0;
		goto out;
	}
	switch (type) {
	case AE_IFDIR:
		if (fstatat(pfd, leaf, &sb, AT_SYMLINK_NOFOLLOW) != 0 ||
		    !S_ISDIR(sb.st_mode)) {
			if ((rc = clear_leaf(u, pfd, leaf, entry)) != 0)
				goto out;
			if (mkdirat(pfd, leaf, 0700) != 0) {
				rc = sys_err(u, entry, "mkdir", errno);
				goto out;
			}
		}
		/* u+rwx on disk so that later entries and layers can write
		 * and we can remove it; the real mode is in the side table.
		 * It is a directory we made: nobody else writes here. */
		if (fchmodat(pfd, leaf, perm | 0700, 0) != 0) {
			rc = sys_err(u, entry, "chmod", errno);
			goto out;
		}
		break;
	case AE_IFLNK:
		lt = ks_archive.archive_entry_symlink(e);
		if (lt == NULL || strnlen(lt, PATH_MAX) >= PATH_MAX) {
			ks_error_set("%s: entry '%.256s': bad link text",
			    u->ctx, entry);
			rc = KS_EPARSE;
			goto out;
		}
		if ((rc = clear_leaf(u, pfd, leaf, entry)) != 0)
			goto out;
		if (symlinkat(lt, pfd, leaf) != 0) {
			rc = sys_err(u, entry, "symlink", errno);
			goto out;
		}
		break;
	default:	/* AE_IFREG */
		if ((rc = clear_leaf(u, pfd, leaf, entry)) != 0)
			goto out;
		fd = openat(pfd, leaf, O_WRONLY | O_CREAT | O_EXCL |
		    O_NOFOLLOW | O_CLOEXEC, 0600);
		if (fd < 0) {
			rc = sys_err(u, entry, "creating", errno);
			goto out;
		}
		if ((rc = write_data(u, a, fd, entry)) != 0)
			goto out;
		/* owner-readable on disk; the real mode in the table */
		if (fchmod(fd, perm | 0600) != 0) {
			rc = sys_err(u, entry, "chmod", errno);
			goto out;
		}
		break;
	}
	rc = meta_record(u, pfd, leaf, e, 0);
out:
	if (fd >= 0)
		close(fd);
	if (tfd >= 0)
		close(tfd);
	if (pfd >= 0)
		close(pfd);
	return rc;
}

static bool
is_whiteout(const char *rel)
{
	const char *base = strrchr(rel, '/');

	base = base != NULL ? base + 1 : rel;
	return strncmp(base, ".wh.", 4) == 0;
}

/*
 * A whiteout of a layer (OCI image spec, "Whiteouts"): ".wh.NAME" removes
 * NAME that lower layers put in the same directory, ".wh..wh..opq" removes
 * every child lower layers put there.
 */
static int
apply_whiteout(struct unpack *u, const char *rel)
{
	const char *leaf, *entry = rel;
	int pfd = -1, rc, err = 0;

	if ((rc = open_parent(u, rel, false, &pfd, &leaf)) != 0)
		return rc == 1 ? 0 : rc;	/* nothing there to hide */
	if (strcmp(leaf, ".wh..wh..opq") == 0) {
		err = rm_children(pfd);
	} else {
		leaf += 4;
		if (leaf[0] == '\0' || strcmp(leaf, ".") == 0 ||
		    strcmp(leaf, "..") == 0) {
			ks_error_set("%s: entry '%.256s': bad whiteout",
			    u->ctx, entry);
			close(pfd);
			return KS_EPARSE;
		}
		err = rm_at(pfd, leaf, 0);
	}
	close(pfd);
	if (err != 0)
		return sys_err(u, entry, "whiteout", err);
	return 0;
}

/*
 * Unpacks the archive read from `fd` (or `path` when fd < 0) into the tree
 * u->rootfd. A layer is read twice: its whiteouts only hide what lower
 * layers wrote, whatever their place among this layer's entries.
 */
static int
unpack_archive(struct unpack *u, const char *path, int fd)
{
	char rel[PATH_MAX];
	struct archive_entry *e;
	struct archive *a = NULL;
	int pass, rc = KS_ERROR, r;

	for (pass = u->layer ? 0 : 1; pass < 2; pass++) {
		if (fd >= 0 && lseek(fd, 0, SEEK_SET) != 0) {
			rc = plat_errno_rc(errno, u->ctx, "seek");
			goto out;
		}
		a = ar_new();
		r = fd >= 0 ? ks_archive.archive_read_open_fd(a, fd, 65536) :
		    ks_archive.archive_read_open_filename(a, path, 65536);
		if (r != ARCHIVE_OK) {
			rc = ar_error(u, a, NULL);
			goto out;
		}
		while ((r = ar_next(u, a, &e, pass == 1)) == 0) {
			rc = norm_name(u,
			    ks_archive.archive_entry_pathname(e), rel,
			    sizeof(rel), NULL);
			if (rc != 0)
				goto out;
			if (u->layer && is_whiteout(rel)) {
				if (pass == 0 &&
				    (rc = apply_whiteout(u, rel)) != 0)
					goto out;
				continue;
			}
			if (pass == 0)
				continue;
			if ((rc = write_entry(u, a, e, rel)) != 0)
				goto out;
		}
		if (r < 0) {
			rc = r;
			goto out;
		}
		ks_archive.archive_read_free(a);
		a = NULL;
	}
	rc = 0;
out:
	if (a != NULL)
		ks_archive.archive_read_free(a);
	return rc;
}

/* ---- JSON (just what manifests need) ------------------------------------- */

struct js {
	const char	*p, *end;
};

static void
js_ws(struct js *j)
{
	while (j->p < j->end && (*j->p == ' ' || *j->p == '\t' ||
	    *j->p == '\n' || *j->p == '\r'))
		j->p++;
}

static int
js_hex4(const char *p, unsigned *v)
{
	unsigned i, c;

	*v = 0;
	for (i = 0; i < 4; i++) {
		c = (unsigned char)p[i];
		if (c >= '0' && c <= '9')
			c -= '0';
		else if (c >= 'a' && c <= 'f')
			c -= 'a' - 10;
		else if (c >= 'A' && c <= 'F')
			c -= 'A' - 10;
		else
			return -1;
		*v = *v << 4 | c;
	}
	return 0;
}

/* A string at j->p ('"'); *out (may be NULL: validate only) is UTF-8. */
static int
js_string(struct js *j, char **out)
{
	struct ks_buf b;
	unsigned cp, lo;
	char u8[4];
	int rc = -1, n;

	ks_buf_init(&b, IMG_MAX_JSON);
	if (j->p >= j->end || *j->p != '"')
		goto out;
	for (j->p++; j->p < j->end && *j->p != '"'; j->p++) {
		if ((unsigned char)*j->p < 0x20)
			goto out;
		if (*j->p != '\\') {
			if (ks_buf_putc(&b, *j->p) != 0)
				goto out;
			continue;
		}
		if (++j->p >= j->end)
			goto out;
		switch (*j->p) {
		case '"': case '\\': case '/':
			u8[0] = *j->p; n = 1; break;
		case 'b': u8[0] = '\b'; n = 1; break;
		case 'f': u8[0] = '\f'; n = 1; break;
		case 'n': u8[0] = '\n'; n = 1; break;
		case 'r': u8[0] = '\r'; n = 1; break;
		case 't': u8[0] = '\t'; n = 1; break;
		case 'u':
			if (j->end - j->p < 5 || js_hex4(j->p + 1, &cp) != 0)
				goto out;
			j->p += 4;
			if (cp >= 0xdc00 && cp <= 0xdfff)
				goto out;
			if (cp >= 0xd800 && cp <= 0xdbff) {
				if (j->end - j->p < 7 || j->p[1] != '\\' ||
				    j->p[2] != 'u' ||
				    js_hex4(j->p + 3, &lo) != 0 ||
				    lo < 0xdc00 || lo > 0xdfff)
					goto out;
				j->p += 6;
				cp = 0x10000 + ((cp - 0xd800) << 10) +
				    (lo - 0xdc00);
			}
			if (cp == 0)
				goto out;	/* no NUL in our strings */
			if (cp < 0x80) {
				u8[0] = (char)cp; n = 1;
			} else if (cp < 0x800) {
				u8[0] = (char)(0xc0 | cp >> 6);
				u8[1] = (char)(0x80 | (cp & 0x3f)); n = 2;
			} else if (cp < 0x10000) {
				u8[0] = (char)(0xe0 | cp >> 12);
				u8[1] = (char)(0x80 | (cp >> 6 & 0x3f));
				u8[2] = (char)(0x80 | (cp & 0x3f)); n = 3;
			} else {
				u8[0] = (char)(0xf0 | cp >> 18);
				u8[1] = (char)(0x80 | (cp >> 12 & 0x3f));
				u8[2] = (char)(0x80 | (cp >> 6 & 0x3f));
				u8[3] = (char)(0x80 | (cp & 0x3f)); n = 4;
			}
			break;
		default:
			goto out;
		}
		if (ks_buf_append(&b, u8, (size_t)n) != 0)
			goto out;
	}
	if (j->p >= j->end)
		goto out;
	j->p++;
	if (ks_buf_putc(&b, '\0') != 0)
		goto out;
	if (out != NULL)
		*out = ks_buf_steal(&b);
	rc = 0;
out:
	ks_buf_free(&b);
	return rc;
}

static int
js_literal(struct js *j, const char *lit)
{
	size_t n = strlen(lit);

	if ((size_t)(j->end - j->p) < n || memcmp(j->p, lit, n) != 0)
		return -1;
	j->p += n;
	return 0;
}

static size_t
js_digits(struct js *j)
{
	size_t n = 0;

	while (j->p < j->end && *j->p >= '0' && *j->p <= '9') {
		j->p++;
		n++;
	}
	return n;
}

/* -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)? (RFC 8259, section 6) */
static int
js_number(struct js *j)
{
	if (j->p < j->end && *j->p == '-')
		j->p++;
	if (j->p < j->end && *j->p == '0')
		j->p++;
	else if (js_digits(j) == 0)
		return -1;
	if (j->p < j->end && *j->p == '.') {
		j->p++;
		if (js_digits(j) == 0)
			return -1;
	}
	if (j->p < j->end && (*j->p == 'e' || *j->p == 'E')) {
		j->p++;
		if (j->p < j->end && (*j->p == '+' || *j->p == '-'))
			j->p++;
		if (js_digits(j) == 0)
			return -1;
	}
	return 0;
}

/* Skips one value, checking its syntax. */
static int
js_skip(struct js *j, int depth)
{
	bool obj;

	js_ws(j);
	if (j->p >= j->end || depth > IMG_JSON_DEPTH)
		return -1;
	switch (*j->p) {
	case '"':
		return js_string(j, NULL);
	case 't':
		return js_literal(j, "true");
	case 'f':
		return js_literal(j, "false");
	case 'n':
		return js_literal(j, "null");
	case '{':
	case '[':
		obj = *j->p == '{';
		j->p++;
		js_ws(j);
		if (j->p < j->end && *j->p == (obj ? '}' : ']')) {
			j->p++;
			return 0;
		}
		for (;;) {
			if (obj) {
				js_ws(j);
				if (js_string(j, NULL) != 0)
					return -1;
				js_ws(j);
				if (j->p >= j->end || *j->p++ != ':')
					return -1;
			}
			if (js_skip(j, depth + 1) != 0)
				return -1;
			js_ws(j);
			if (j->p >= j->end)
				return -1;
			if (*j->p == ',') {
				j->p++;
				continue;
			}
			if (*j->p++ != (obj ? '}' : ']'))
				return -1;
			return 0;
		}
	default:
		return js_number(j);
	}
}

/* In the object at j->p, positions j->p on the value of `key`: 0, or 1
 * when there is none (or j->p is not an object). Input already checked. */
static int
js_member(struct js *j, const char *key)
{
	char *k;
	bool hit;

	js_ws(j);
	if (j->p >= j->end || *j->p != '{')
		return 1;
	j->p++;
	for (;;) {
		js_ws(j);
		if (j->p >= j->end || *j->p == '}')
			return 1;
		if (js_string(j, &k) != 0)
			return 1;
		hit = strcmp(k, key) == 0;
		free(k);
		js_ws(j);
		j->p++;	/* ':' */
		js_ws(j);
		if (hit)
			return 0;
		if (js_skip(j, 0) != 0)
			return 1;
		js_ws(j);
		if (j->p < j->end && *j->p == ',')
			j->p++;
	}
}

/* In the array at j->p, positions j->p on element `idx`: 0 or 1. */
static int
js_element(struct js *j, size_t idx)
{
	size_t i;

	js_ws(j);
	if (j->p >= j->end || *j->p != '[')
		return 1;
	j->p++;
	for (i = 0;; i++) {
		js_ws(j);
		if (j->p >= j->end || *j->p == ']')
			return 1;
		if (i == idx)
			return 0;
		if (js_skip(j, 0) != 0)
			return 1;
		js_ws(j);
		if (j->p < j->end && *j->p == ',')
			j->p++;
	}
}

/* Checks a whole document. */
static int
js_check(const char *doc, size_t len, const char *what, struct unpack *u)
{
	struct js j = { doc, doc + len };

	if (js_skip(&j, 0) == 0) {
		js_ws(&j);
		if (j.p == j.end)
			return 0;
	}
	ks_error_set("%s: %s: malformed JSON near offset %zu", u->ctx, what,
	    (size_t)(j.p - doc));
	return KS_EPARSE;
}

/*
 * The string at a path of keys and indexes in a checked document: `path`
 * is like "manifests", "#0", "digest" (NULL-terminated list; "#N" is an
 * index). Returns the new string or NULL.
 */
static char *
js_get_string(const char *doc, size_t len, const char *const *path)
{
	struct js j = { doc, doc + len };
	char *s = NULL;

	for (; *path != NULL; path++) {
		if ((*path)[0] == '#') {
			if (js_element(&j, strtoul(*path + 1, NULL, 10)) != 0)
				return NULL;
		} else if (js_member(&j, *path) != 0) {
			return NULL;
		}
	}
	js_ws(&j);
	if (js_string(&j, &s) != 0)
		return NULL;
	return s;
}

/* Positions a cursor on the value at `path` (as above): 0 or 1. */
static int
js_find(struct js *j, const char *const *path)
{
	for (; *path != NULL; path++) {
		if ((*path)[0] == '#') {
			if (js_element(j, strtoul(*path + 1, NULL, 10)) != 0)
				return 1;
		} else if (js_member(j, *path) != 0) {
			return 1;
		}
	}
	js_ws(j);
	return 0;
}

/* ---- blobs --------------------------------------------------------------- */

static bool
is_sha256_hex(const char *h)
{
	size_t i;

	for (i = 0; i < 64; i++)
		if (!((h[i] >= '0' && h[i] <= '9') ||
		    (h[i] >= 'a' && h[i] <= 'f')))
			return false;
	return h[64] == '\0';
}

/* "sha256:<64 lowercase hex>": 0, else KS_EPARSE / KS_EUNSUPPORTED. */
static int
check_digest(struct unpack *u, const char *d, const char *what)
{
	if (d != NULL && strncmp(d, "sha256:", 7) == 0 &&
	    strnlen(d, 7 + 65) == 7 + 64 && is_sha256_hex(d + 7))
		return 0;
	if (d != NULL && strncmp(d, "sha256:", 7) != 0 &&
	    strchr(d, ':') != NULL) {
		ks_error_set("%s: %s: unsupported digest algorithm in "
		    "'%.80s'", u->ctx, what, d);
		return KS_EUNSUPPORTED;
	}
	ks_error_set("%s: %s: bad digest '%.80s'", u->ctx, what,
	    d != NULL ? d : "(none)");
	return KS_EPARSE;
}

static void
hex(const unsigned char *md, unsigned n, char *out)
{
	static const char x[] = "0123456789abcdef";
	unsigned i;

	for (i = 0; i < n; i++) {
		out[2 * i] = x[md[i] >> 4];
		out[2 * i + 1] = x[md[i] & 15];
	}
	out[2 * n] = '\0';
}

static int
digest_mismatch(struct unpack *u, const char *want, const char *got)
{
	ks_error_set("%s: content does not match its digest %s "
	    "(sha256:%.16s...)", u->ctx, want, got);
	return KS_EPARSE;
}

/* Checks a whole file's sha256 against "sha256:HEX". */
static int
verify_fd(struct unpack *u, int fd, const char *digest)
{
	unsigned char md[EVP_MAX_MD_SIZE], buf[65536];
	char got[2 * EVP_MAX_MD_SIZE + 1];
	EVP_MD_CTX *c = ks_crypto.EVP_MD_CTX_new();
	unsigned mdlen = 0;
	ssize_t n;
	int rc = KS_ERROR;

	if (c == NULL || ks_crypto.EVP_DigestInit_ex(c,
	    ks_crypto.EVP_sha256(), NULL) != 1) {
		ks_error_set("%s: sha256 unavailable", u->ctx);
		goto out;
	}
	while ((n = read(fd, buf, sizeof(buf))) != 0) {
		if (n < 0) {
			if (errno == EINTR)
				continue;
			rc = plat_errno_rc(errno, u->ctx, "reading");
			goto out;
		}
		ks_crypto.EVP_DigestUpdate(c, buf, (size_t)n);
	}
	ks_crypto.EVP_DigestFinal_ex(c, md, &mdlen);
	hex(md, mdlen, got);
	rc = strcmp(got, digest + 7) == 0 ? 0 :
	    digest_mismatch(u, digest, got);
out:
	ks_crypto.EVP_MD_CTX_free(c);
	return rc;
}

static int
verify_mem(struct unpack *u, const char *data, size_t len,
    const char *digest)
{
	unsigned char md[EVP_MAX_MD_SIZE];
	char got[2 * EVP_MAX_MD_SIZE + 1];
	unsigned mdlen = 0;

	if (ks_crypto.EVP_Digest(data, len, md, &mdlen,
	    ks_crypto.EVP_sha256(), NULL) != 1) {
		ks_error_set("%s: sha256 unavailable", u->ctx);
		return KS_ERROR;
	}
	hex(md, mdlen, got);
	return strcmp(got, digest + 7) == 0 ? 0 :
	    digest_mismatch(u, digest, got);
}

/* Reads a small JSON file of the source and checks its syntax. */
static int
read_json(struct unpack *u, struct plat_target *src, const char *name,
    char **doc, size_t *len)
{
	char p[PATH_MAX];
	int rc;

	if (snprintf(p, sizeof(p), "/%s", name) >= (int)sizeof(p)) {
		ks_error_set("%s: name too long", u->ctx);
		return KS_ELIMIT;
	}
	rc = plat_fs_read_file(src, p, IMG_MAX_JSON, doc, len);
	if (rc == KS_ENOTFOUND || rc == KS_ELIMIT || rc == KS_EPERM) {
		ks_error_set("%s: %s: %s", u->ctx, name,
		    rc == KS_ENOTFOUND ? "missing" : rc == KS_ELIMIT ?
		    "larger than 1 MiB" : "permission denied");
		return rc == KS_ENOTFOUND ? KS_EPARSE : rc;
	}
	if (rc != 0)
		return rc;
	if ((rc = js_check(*doc, *len, name, u)) != 0) {
		free(*doc);
		*doc = NULL;
	}
	return rc;
}

/* Applies the layer file `name` of the source as the next layer. */
static int
apply_layer(struct unpack *u, struct plat_target *src, const char *name,
    const char *digest, size_t idx)
{
	char p[PATH_MAX], rel[PATH_MAX];
	struct plat_file *f = NULL;
	int rc;

	snprintf(u->ctx, sizeof(u->ctx), "%s: layer %zu (%.80s)", u->path,
	    idx + 1, digest != NULL ? digest : name);
	/* a docker manifest names files: they must stay inside too */
	if ((rc = norm_name(u, name, rel, sizeof(rel), NULL)) != 0)
		return rc;
	if (snprintf(p, sizeof(p), "/%s", rel) >= (int)sizeof(p)) {
		ks_error_set("%s: name too long", u->ctx);
		return KS_ELIMIT;
	}
	if ((rc = plat_fs_open(src, p, &f)) != 0) {
		char why[512];

		snprintf(why, sizeof(why), "%s", ks_error_msg());
		ks_error_set("%s: cannot open the layer: %s", u->ctx, why);
		return rc == KS_ENOTFOUND ? KS_EPARSE : rc;
	}
	if (f->fd < 0) {
		ks_error_set("%s: layer is not a file", u->ctx);
		rc = KS_EPARSE;
		goto out;
	}
	if (digest != NULL && (rc = verify_fd(u, f->fd, digest)) != 0)
		goto out;
	u->layer = true;
	rc = unpack_archive(u, NULL, f->fd);
out:
	plat_file_close(f);
	return rc;
}

/* Frees a list of layer names. */
static void
names_free(char **v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

/*
 * Collects the strings of the list [arr0.]arr1 of a checked document (each
 * element itself, or its member `key`), so that every name is checked
 * before any layer is applied. `what` names the document in messages.
 * Returns 0 with *out (names_free) and *n, or KS_EPARSE / KS_ELIMIT.
 */
static int
collect_layers(struct unpack *u, const char *doc, size_t len,
    const char *arr0, const char *arr1, const char *key, const char *what,
    char ***out, size_t *n)
{
	const char *path[5];
	char idx[32], **v = NULL, *s;
	size_t cap = 0, i, k;
	struct js j;

	*out = NULL;
	*n = 0;
	for (i = 0;; i++) {
		k = 0;
		if (arr0 != NULL)
			path[k++] = arr0;
		path[k++] = arr1;
		snprintf(idx, sizeof(idx), "#%zu", i);
		path[k++] = idx;
		path[k] = NULL;
		j = (struct js){ doc, doc + len };
		if (js_find(&j, path) != 0) {
			if (i > 0)
				break;
			path[k - 1] = NULL;
			j = (struct js){ doc, doc + len };
			if (js_find(&j, path) == 0 && *j.p == '[')
				break;	/* an empty list */
			ks_error_set("%s: %s: no %s list", u->ctx, what,
			    arr1);
			goto bad;
		}
		if (i >= IMG_MAX_LAYERS) {
			ks_error_set("%s: more than %u layers", u->ctx,
			    IMG_MAX_LAYERS);
			names_free(v, *n);
			return KS_ELIMIT;
		}
		if (key != NULL) {
			path[k++] = key;
			path[k] = NULL;
		}
		if ((s = js_get_string(doc, len, path)) == NULL) {
			ks_error_set("%s: %s: %s[%zu]%s%s is not a string",
			    u->ctx, what, arr1, i, key ? "." : "",
			    key ? key : "");
			goto bad;
		}
		ks_grow(&v, &cap, *n + 1, sizeof(*v));
		v[(*n)++] = s;
	}
	*out = v;
	return 0;
bad:
	names_free(v, *n);
	*n = 0;
	return KS_EPARSE;
}

/* The layers of an OCI image layout (OCI image spec: image-layout.md,
 * index "manifests", manifest "layers"), lowest first. */
static int
apply_oci(struct unpack *u, struct plat_target *src)
{
	static const char *const first_digest[] = { "manifests", "#0",
	    "digest", NULL };
	static const char *const layers_key[] = { "layers", NULL };
	static const char *const manifests_key[] = { "manifests", NULL };
	char blob[128], *doc = NULL, *digest = NULL, **ld = NULL;
	size_t len = 0, i, n = 0;
	struct js j;
	int rc, nest;

	snprintf(u->ctx, sizeof(u->ctx), "%s", u->path);
	if ((rc = read_json(u, src, "index.json", &doc, &len)) != 0)
		return rc;
	for (nest = 0;; nest++) {
		digest = js_get_string(doc, len, first_digest);
		free(doc);
		doc = NULL;
		if ((rc = check_digest(u, digest, "manifests[0].digest")) != 0)
			goto out;
		if (nest >= IMG_MAX_NEST) {
			ks_error_set("%s: image indexes nested too deep",
			    u->ctx);
			rc = KS_ELIMIT;
			goto out;
		}
		snprintf(blob, sizeof(blob), "blobs/sha256/%s", digest + 7);
		if ((rc = read_json(u, src, blob, &doc, &len)) != 0)
			goto out;
		if ((rc = verify_mem(u, doc, len, digest)) != 0)
			goto out;
		j = (struct js){ doc, doc + len };
		if (js_find(&j, layers_key) == 0)
			break;
		/* an image index: follow its first manifest */
		j = (struct js){ doc, doc + len };
		if (js_find(&j, manifests_key) != 0) {
			ks_error_set("%s: %s: neither an image manifest nor "
			    "an index (no layers, no manifests)", u->ctx, blob);
			rc = KS_EPARSE;
			goto out;
		}
		free(digest);
		digest = NULL;
	}
	if ((rc = collect_layers(u, doc, len, NULL, "layers", "digest", blob,
	    &ld, &n)) != 0)
		goto out;
	for (i = 0; i < n; i++)
		if ((rc = check_digest(u, ld[i], "layer digest")) != 0)
			goto out;
	for (i = 0; i < n; i++) {
		snprintf(blob, sizeof(blob), "blobs/sha256/%s", ld[i] + 7);
		if ((rc = apply_layer(u, src, blob, ld[i], i)) != 0)
			goto out;
	}
	rc = 0;
out:
	names_free(ld, n);
	free(digest);
	free(doc);
	return rc;
}

/* The layers of a `docker save` archive: manifest.json[0].Layers. */
static int
apply_docker(struct unpack *u, struct plat_target *src)
{
	char d[7 + 64 + 1], *doc = NULL, **name = NULL;
	size_t len = 0, i, n = 0;
	int rc;

	snprintf(u->ctx, sizeof(u->ctx), "%s", u->path);
	if ((rc = read_json(u, src, "manifest.json", &doc, &len)) != 0)
		return rc;
	if ((rc = collect_layers(u, doc, len, "#0", "Layers", NULL,
	    "manifest.json", &name, &n)) != 0)
		goto out;
	for (i = 0; i < n; i++) {
		/* new docker versions store layers as OCI blobs: check
		 * those digests too */
		if (strncmp(name[i], "blobs/sha256/", 13) == 0 &&
		    strnlen(name[i], 13 + 65) == 13 + 64 &&
		    is_sha256_hex(name[i] + 13)) {
			snprintf(d, sizeof(d), "sha256:%s", name[i] + 13);
			rc = apply_layer(u, src, name[i], d, i);
		} else {
			rc = apply_layer(u, src, name[i], NULL, i);
		}
		if (rc != 0)
			goto out;
	}
	rc = 0;
out:
	names_free(name, n);
	free(doc);
	return rc;
}

/* ---- the target ---------------------------------------------------------- */

static uint64_t
max_bytes(void)
{
	const char *s = getenv("KENSA_IMAGE_MAX_BYTES");
	unsigned long long v;
	char *end;

	if (s == NULL || *s == '\0')
		return IMG_MAX_BYTES;
	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno != 0 || *end != '\0' || v == 0)
		return IMG_MAX_BYTES;
	return v;
}

static bool
has_file(struct plat_target *src, const char *path)
{
	struct plat_stat sb;

	return plat_fs_lstat(src, path, &sb) == 0 && sb.type == PLAT_FT_REG;
}

/* What the source tree is: 'o' OCI layout, 'd' docker save, 0 a root. */
static int
layout_kind(struct plat_target *src)
{
	char *doc = NULL;
	size_t len = 0, i;
	int k = 0;

	if (has_file(src, "/oci-layout") && has_file(src, "/index.json"))
		return 'o';
	if (has_file(src, "/manifest.json") &&
	    plat_fs_read_file(src, "/manifest.json", IMG_MAX_JSON, &doc,
	    &len) == 0) {
		for (i = 0; i < len && strchr(" \t\r\n", doc[i]); i++)
			;
		if (i < len && doc[i] == '[')
			k = 'd';
		free(doc);
	}
	ks_error_clear();
	return k;
}

/* Makes `dir`/`name` (0700) and opens it: 0 or a code. */
static int
mk_open(const char *dir, const char *name, int *fd)
{
	char p[PATH_MAX];

	if (snprintf(p, sizeof(p), "%s/%s", dir, name) >= (int)sizeof(p)) {
		ks_error_set("%s: temporary path too long", dir);
		return KS_ELIMIT;
	}
	if (mkdir(p, 0700) != 0)
		return plat_errno_rc(errno, p, "mkdir");
	*fd = open(p, O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (*fd < 0)
		return plat_errno_rc(errno, p, "open");
	return 0;
}

/* Applies the layers of the layout `src` (kind 'o' or 'd') into "root". */
static int
apply_layout(struct unpack *u, struct plat_target *src, int kind)
{
	int rc;

	if ((rc = mk_open(u->st->tmpdir, "root", &u->rootfd)) != 0)
		return rc;
	meta_record(u, u->rootfd, "", NULL, 0755);
	return kind == 'o' ? apply_oci(u, src) : apply_docker(u, src);
}

static int
img_unpack(struct unpack *u)
{
	struct plat_target *src = NULL;
	char p[PATH_MAX];
	struct stat sb;
	int rc = KS_ERROR, kind;

	if (stat(u->path, &sb) != 0)
		return plat_errno_rc(errno, u->path, NULL);
	if (S_ISDIR(sb.st_mode)) {
		/* only an OCI layout: a plain directory is a --root */
		if ((rc = plat_target_root_new(&src, u->path)) != 0)
			return rc;
		if ((kind = layout_kind(src)) != 'o') {
			ks_error_set("%s: a directory but not an OCI image "
			    "layout (no oci-layout and index.json)", u->path);
			rc = KS_EPARSE;
			goto out;
		}
		rc = apply_layout(u, src, kind);
		goto out;
	}
	if (!S_ISREG(sb.st_mode)) {
		ks_error_set("%s: not a regular file", u->path);
		return KS_EPARSE;
	}
	/* Everything unpacks as a root first; a layout then becomes the
	 * source its layers are read from. */
	if ((rc = mk_open(u->st->tmpdir, "outer", &u->rootfd)) != 0)
		return rc;
	snprintf(u->ctx, sizeof(u->ctx), "%s", u->path);
	u->layer = false;
	meta_record(u, u->rootfd, "", NULL, 0755);
	if ((rc = unpack_archive(u, u->path, -1)) != 0)
		goto out;
	if (u->entries == 0) {
		/* libarchive takes an empty file for an empty archive */
		ks_error_set("%s: empty archive", u->path);
		rc = KS_EPARSE;
		goto out;
	}
	if (snprintf(p, sizeof(p), "%s/outer", u->st->tmpdir) >=
	    (int)sizeof(p)) {
		rc = KS_ELIMIT;
		goto out;
	}
	if ((rc = plat_target_root_new(&src, p)) != 0)
		goto out;
	kind = layout_kind(src);
	if (kind == 0) {
		/* a plain root file system: "outer" is the root */
		plat_target_free(src);
		src = NULL;
		if (u->skipped > 0)
			ks_debug("%s: %llu device/FIFO/socket entries skipped",
			    u->path, (unsigned long long)u->skipped);
		rc = 0;
		goto out;
	}
	close(u->rootfd);
	u->rootfd = -1;
	if ((rc = apply_layout(u, src, kind)) != 0)
		goto out;
	plat_target_free(src);
	src = NULL;
	/* the staged layout is not needed any more */
	if (rm_at(AT_FDCWD, p, 0) != 0)
		ks_warn("%s: could not remove the staged layout", p);
out:
	plat_target_free(src);
	return rc;
}

static void
img_close(void *vst)
{
	struct img_state *st = vst;

	plat_fsroot_close(&st->root);
	img_remove_tree(st);
	for (size_t i = 0; i < st->capmeta; i++)
		plat_xattrs_free(&st->meta[i].xa);
	free(st->meta);
	st->meta = NULL;
	st->nmeta = st->capmeta = 0;
}

/* Unpacks `path` and opens the result as a directory root. */
static int
img_open(void *vst, const char *path)
{
	struct img_state *st = vst;
	struct unpack u;
	const char *tmp = getenv("TMPDIR");
	char *dir, rootp[PATH_MAX];
	struct stat sb;
	int rc = KS_ERROR;

	st->root.rootfd = -1;
	memset(&u, 0, sizeof(u));
	u.st = st;
	u.path = path;
	u.rootfd = -1;
	u.max_bytes = max_bytes();
	snprintf(u.ctx, sizeof(u.ctx), "%s", path);
	/* Layers are archives, and OCI and docker ones name them by
	 * SHA-256. */
	if ((rc = ks_dl_need(&ks_archive_lib, "reading image targets")) != 0 ||
	    (rc = ks_dl_need(&ks_crypto_lib, "reading image targets")) != 0)
		return rc;
	if (stat(path, &sb) != 0)
		return plat_errno_rc(errno, path, NULL);
	if (tmp == NULL || tmp[0] != '/')
		tmp = "/tmp";
	dir = ks_asprintf("%s/kensa-image-XXXXXX", tmp);
	if (strlen(dir) > PATH_MAX - 64 || mkdtemp(dir) == NULL) {
		rc = plat_errno_rc(errno, dir,
		    "creating a temporary directory");
		free(dir);
		return rc;
	}
	st->tmpdir = dir;
	if ((rc = img_unpack(&u)) != 0)
		goto out;
	/* the tree written last is the root: "root" for layouts */
	snprintf(rootp, sizeof(rootp), "%s/root", dir);
	if (access(rootp, F_OK) != 0)
		snprintf(rootp, sizeof(rootp), "%s/outer", dir);
	rc = plat_fsroot_open(&st->root, rootp);
out:
	if (u.rootfd >= 0)
		close(u.rootfd);
	if (rc != 0)
		img_close(st);
	return rc;
}

static void
img_patch(const struct img_state *st, struct plat_stat *out)
{
	const struct img_meta *m = meta_get(st, out->ino);

	if (m == NULL)
		return;
	out->mode = m->mode & 07777;
	out->uid = m->uid;
	out->gid = m->gid;
	out->atime = m->atime;
	out->mtime = m->mtime;
	out->ctime = m->ctime;
}

static int
img_stat(void *st, const char *path, struct plat_stat *out)
{
	int rc = plat_fsroot_stat(st, path, out);

	if (rc == 0)
		img_patch(st, out);
	return rc;
}

static int
img_lstat(void *st, const char *path, struct plat_stat *out)
{
	int rc = plat_fsroot_lstat(st, path, out);

	if (rc == 0)
		img_patch(st, out);
	return rc;
}

/* The attributes the archive gave the file `path` (a last link not
 * followed): *out NULL for none. 0 or the code of lstat. */
static int
img_xattrs(struct img_state *st, const char *path,
    const struct plat_xattrs **out)
{
	const struct img_meta *m;
	struct plat_stat sb;
	int rc;

	*out = NULL;
	if ((rc = plat_fsroot_lstat(&st->root, path, &sb)) != 0)
		return rc;
	if ((m = meta_get(st, sb.ino)) != NULL)
		*out = &m->xa;
	return 0;
}

static int
img_listxattr(void *st, const char *path,
    int (*cb)(const char *name, void *payload), void *payload)
{
	const struct plat_xattrs *x;
	int rc;

	if ((rc = img_xattrs(st, path, &x)) != 0)
		return rc;
	return plat_xattrs_list(x, cb, payload);
}

static int
img_getxattr(void *st, const char *path, const char *name, char **val,
    size_t *len)
{
	const struct plat_xattrs *x;
	int rc;

	*val = NULL;
	*len = 0;
	if ((rc = img_xattrs(st, path, &x)) != 0)
		return rc;
	return plat_xattrs_get(x, path, name, val, len);
}

static const struct plat_fs_ops img_ops = {
	.name = "image",
	.state_size = sizeof(struct img_state),
	.kind = PLAT_TARGET_IMAGE,
	.open = img_open,
	.close = img_close,
	.stat = img_stat,
	.lstat = img_lstat,
	.readlink = plat_fsroot_readlink,
	.realpath = plat_fsroot_realpath,
	.open_file = plat_fsroot_open_file,
	.list = plat_fsroot_list,
	.listxattr = img_listxattr,
	.getxattr = img_getxattr,
};

/*
 * Returns 0 and a target reading the image at `path` (a root-file-system
 * archive in any format libarchive reads, a `docker save` archive, or an OCI
 * image layout as an archive or a directory), unpacked into a private
 * temporary tree that plat_target_free removes. Errors (message names the
 * file, the layer and the entry): KS_ENOTFOUND (no such file), KS_EPARSE
 * (malformed archive, manifest or digest; an entry leaving the image),
 * KS_ELIMIT (over 2,000,000 entries or KENSA_IMAGE_MAX_BYTES, default
 * 16 GiB, expanded; over 2,000,000 extended attributes or 256 MiB of them,
 * a value over 64 KiB), KS_EUNSUPPORTED (a digest algorithm other than
 * sha256).
 * Nothing is left on disk on failure.
 */
int
plat_target_image_new(struct plat_target **out, const char *path)
{
	struct plat_target *t;
	int rc;

	if (path == NULL || *path == '\0') {
		ks_error_set("image target: empty file name");
		return KS_ERROR;
	}
	t = ks_calloc(1, sizeof(*t));
	t->kind = img_ops.kind;
	t->fs = &img_ops;
	t->name = ks_asprintf("image:%s", path);
	t->fs_state = ks_calloc(1, img_ops.state_size);
	if ((rc = img_ops.open(t->fs_state, path)) != 0) {
		free(t->fs_state);
		free(t->name);
		free(t);
		return rc;
	}
	*out = t;
	return 0;
}
