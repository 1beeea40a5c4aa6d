/*
 * The file-system contract suite: one set of expectations run against every
 * target kind (host on a temp dir, directory root, directory root with the
 * fallback walker, in-memory, and an image packed from the temp dir with
 * libarchive). Only containment differs: the host sees the real "/", so
 * links that leave the temp dir are checked for escaping there and for
 * staying inside on the others.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <archive.h>
#include <archive_entry.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/un.h>
#include <sys/xattr.h>
#include <unistd.h>

#include "platform/plat_int.h"
#include "tests/unit/test_tmp.h"

#define PASSWD	"root:x:0:0:kensa fixture, not the host:/root:/bin/sh\n"
#define SU	"#!/bin/sh\necho fixture su\n"
#define BIGLEN	100000

struct fx {
	struct plat_target *t;
	const char	*prefix;	/* "" or the temp dir (host) */
	bool		 contained;	/* links cannot leave it */
	bool		 disk;		/* FIFOs and sockets exist */
	uid_t		 uid;
};

static char tmpdir[PATH_MAX];	/* canonical (realpath) */
static char big[BIGLEN];

/* ---- fixture ------------------------------------------------------------ */

static void
disk_file(const char *rel, const void *data, size_t len, mode_t mode)
{
	char p[PATH_MAX * 2];
	int fd;

	snprintf(p, sizeof(p), "%s%s", tmpdir, rel);
	fd = open(p, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, data, len), (ssize_t)len);
	assert_int_equal(fchmod(fd, mode), 0);
	close(fd);
}

static void
disk_dir(const char *rel, mode_t mode)
{
	char p[PATH_MAX * 2];

	snprintf(p, sizeof(p), "%s%s", tmpdir, rel);
	assert_int_equal(mkdir(p, 0700), 0);
	assert_int_equal(chmod(p, mode), 0);
}

static void
disk_link(const char *rel, const char *dest)
{
	char p[PATH_MAX * 2];

	snprintf(p, sizeof(p), "%s%s", tmpdir, rel);
	assert_int_equal(symlink(dest, p), 0);
}

/* The tree both kinds of fixture hold. */
static const struct {
	const char	*path;
	const char	*link;		/* a link */
	const char	*data;		/* a file; neither: a dir */
	mode_t		 mode;
} tree[] = {
	{ "/etc", NULL, NULL, 0755 },
	{ "/etc/passwd", NULL, PASSWD, 0644 },
	{ "/etc/evil", "../../../../../etc/passwd", NULL, 0 },
	{ "/etc/abs", "/etc/passwd", NULL, 0 },
	{ "/etc/rel", "passwd", NULL, 0 },
	{ "/etc/chain1", "chain2", NULL, 0 },
	{ "/etc/chain2", "../etc/./rel", NULL, 0 },
	{ "/lnkdir", "etc", NULL, 0 },
	{ "/deep", "list/a", NULL, 0 },
	{ "/dangling", "nonexistent", NULL, 0 },
	{ "/loop", NULL, NULL, 0755 },
	{ "/loop/a", "b", NULL, 0 },
	{ "/loop/b", "a", NULL, 0 },
	{ "/loop/self", "self", NULL, 0 },
	{ "/loop/up", "../../../../../../../../..", NULL, 0 },
	{ "/bin", NULL, NULL, 0755 },
	{ "/bin/su", NULL, SU, 04755 },
	{ "/data", NULL, NULL, 0700 },
	{ "/data/empty", NULL, "", 0600 },
	{ "/list", NULL, NULL, 0755 },
	{ "/list/b", NULL, "b", 0644 },
	{ "/list/B", NULL, "B", 0644 },
	{ "/list/a", NULL, NULL, 0755 },
	{ "/list/c", "b", NULL, 0 },
};

/* POSIX access ACL user::rw- user:1000:r-- group::r-- mask::r-- other::r--
 * as the kernel stores it (posix_acl_xattr.h, little-endian): the mask
 * keeps /etc/passwd's mode 0644. */
static const unsigned char acl_blob[] = {
	2, 0, 0, 0,
	0x01, 0, 6, 0, 0xff, 0xff, 0xff, 0xff,
	0x02, 0, 4, 0, 0xe8, 0x03, 0, 0,
	0x04, 0, 4, 0, 0xff, 0xff, 0xff, 0xff,
	0x10, 0, 4, 0, 0xff, 0xff, 0xff, 0xff,
	0x20, 0, 4, 0, 0xff, 0xff, 0xff, 0xff,
};
#define PASSWD_CTX	"system_u:object_r:passwd_file_t:s0"
#define LINK_CTX	"system_u:object_r:etc_t:s0"

/* The extended attributes of the fixture (a link's own on /etc/rel). */
static const struct {
	const char	*path;
	const char	*name;
	const void	*val;
	size_t		 len;
} xtree[] = {
	{ "/etc/passwd", "user.kensa", "fixture", 7 },
	{ "/etc/passwd", "security.selinux", PASSWD_CTX,
	    sizeof(PASSWD_CTX) },
	{ "/etc/passwd", "system.posix_acl_access", acl_blob,
	    sizeof(acl_blob) },
	{ "/etc", "user.dir", "\0\1\377", 3 },
	{ "/etc/rel", "security.selinux", LINK_CTX, sizeof(LINK_CTX) },
};
/* Which of them the temp dir's file system took (root can set all on
 * ext4; others may refuse security.* or ACLs): those are the fixture. */
static bool xok[sizeof(xtree) / sizeof(*xtree)];

static void
build_disk_xattrs(void)
{
	char p[PATH_MAX * 2];
	size_t i;

	for (i = 0; i < sizeof(xtree) / sizeof(*xtree); i++) {
		snprintf(p, sizeof(p), "%s%s", tmpdir, xtree[i].path);
		if (lsetxattr(p, xtree[i].name, xtree[i].val, xtree[i].len,
		    0) == 0) {
			xok[i] = true;
			continue;
		}
		if (errno != EPERM && errno != ENOTSUP && errno != EACCES)
			fail_msg("lsetxattr %s %s: %s", p, xtree[i].name,
			    strerror(errno));
		fprintf(stderr, "note: %s: %s not settable here (%s); not "
		    "in the fixture\n", p, xtree[i].name, strerror(errno));
	}
}

static void
build_disk(void)
{
	struct sockaddr_un sa;
	char p[PATH_MAX * 2];
	size_t i;
	int s;

	for (i = 0; i < sizeof(tree) / sizeof(*tree); i++) {
		if (tree[i].link != NULL)
			disk_link(tree[i].path, tree[i].link);
		else if (tree[i].data != NULL)
			disk_file(tree[i].path, tree[i].data,
			    strlen(tree[i].data), tree[i].mode);
		else
			disk_dir(tree[i].path, tree[i].mode);
	}
	build_disk_xattrs();
	disk_file("/data/big", big, sizeof(big), 0644);
	snprintf(p, sizeof(p), "%s/fifo", tmpdir);
	assert_int_equal(mkfifo(p, 0644), 0);
	memset(&sa, 0, sizeof(sa));
	sa.sun_family = AF_UNIX;
	snprintf(p, sizeof(p), "%s/sock", tmpdir);
	assert_true(strlen(p) < sizeof(sa.sun_path));
	strcpy(sa.sun_path, p);
	s = socket(AF_UNIX, SOCK_STREAM, 0);
	assert_true(s >= 0);
	assert_int_equal(bind(s, (struct sockaddr *)&sa, sizeof(sa)), 0);
	close(s);
}

static void
build_mem(struct plat_target *t)
{
	size_t i;

	for (i = 0; i < sizeof(tree) / sizeof(*tree); i++) {
		if (tree[i].link != NULL)
			assert_int_equal(plat_target_mem_add_symlink(t,
			    tree[i].path, tree[i].link), 0);
		else if (tree[i].data != NULL)
			assert_int_equal(plat_target_mem_add_file(t,
			    tree[i].path, tree[i].data, strlen(tree[i].data),
			    tree[i].mode), 0);
		else
			assert_int_equal(plat_target_mem_add_dir(t,
			    tree[i].path, tree[i].mode), 0);
	}
	assert_int_equal(plat_target_mem_add_file(t, "/data/big", big,
	    sizeof(big), 0644), 0);
	for (i = 0; i < sizeof(xtree) / sizeof(*xtree); i++)
		if (xok[i])
			assert_int_equal(plat_target_mem_set_xattr(t,
			    xtree[i].path, xtree[i].name, xtree[i].val,
			    xtree[i].len), 0);
}

/* Copies the data of the current entry of `in` to `out`. */
static void
copy_data(struct archive *in, struct archive *out)
{
	char buf[8192];
	la_ssize_t n;

	while ((n = archive_read_data(in, buf, sizeof(buf))) > 0)
		assert_int_equal(archive_write_data(out, buf, (size_t)n), n);
	assert_int_equal(n, 0);
}

/*
 * Packs the temp dir into the pax tar `out` with libarchive's own reading
 * of the disk (owners, modes, links, xattrs, ACLs as bsdtar records them);
 * the FIFO goes in too, and the image leaves it out.
 */
static void
pack_disk(const char *out)
{
	struct archive *d = archive_read_disk_new(), *w = archive_write_new();
	struct archive_entry *e;
	size_t plen = strlen(tmpdir);
	char name[PATH_MAX * 2];
	int r;

	assert_int_equal(archive_write_set_format_pax_restricted(w),
	    ARCHIVE_OK);
	assert_int_equal(archive_write_open_filename(w, out), ARCHIVE_OK);
	assert_int_equal(archive_read_disk_open(d, tmpdir), ARCHIVE_OK);
	for (;;) {
		e = archive_entry_new();
		if ((r = archive_read_next_header2(d, e)) != ARCHIVE_OK) {
			archive_entry_free(e);
			break;
		}
		archive_read_disk_descend(d);
		/* TMPDIR/etc/passwd -> ./etc/passwd */
		snprintf(name, sizeof(name), ".%s",
		    archive_entry_pathname(e) + plen);
		archive_entry_set_pathname(e, name);
		if (archive_entry_filetype(e) == AE_IFSOCK) {
			archive_entry_free(e);	/* tar has no sockets */
			continue;
		}
		assert_int_equal(archive_write_header(w, e), ARCHIVE_OK);
		if (archive_entry_filetype(e) == AE_IFREG)
			copy_data(d, w);
		archive_entry_free(e);
	}
	assert_int_equal(r, ARCHIVE_EOF);
	archive_read_free(d);
	assert_int_equal(archive_write_close(w), ARCHIVE_OK);
	archive_write_free(w);
}


/* ---- group set-up ------------------------------------------------------- */

static struct fx fx_host, fx_root, fx_walk, fx_mem, fx_image;

static int
setup_host(void **state)
{
	fx_host = (struct fx){ .prefix = tmpdir, .disk = true,
	    .uid = getuid() };
	if (plat_target_host_new(&fx_host.t) != 0)
		return -1;
	*state = &fx_host;
	return 0;
}

static int
setup_root(void **state)
{
	fx_root = (struct fx){ .prefix = "", .contained = true, .disk = true,
	    .uid = getuid() };
	if (plat_target_root_new(&fx_root.t, tmpdir) != 0)
		return -1;
	*state = &fx_root;
	return 0;
}

static int
setup_walk(void **state)
{
	int rc;

	fx_walk = (struct fx){ .prefix = "", .contained = true, .disk = true,
	    .uid = getuid() };
	plat_fsroot_force_walk(true);
	rc = plat_target_root_new(&fx_walk.t, tmpdir);
	plat_fsroot_force_walk(false);
	if (rc != 0)
		return -1;
	*state = &fx_walk;
	return 0;
}

static int
setup_mem(void **state)
{
	fx_mem = (struct fx){ .prefix = "", .contained = true, .uid = 0 };
	if (plat_target_mem_new(&fx_mem.t) != 0)
		return -1;
	build_mem(fx_mem.t);
	*state = &fx_mem;
	return 0;
}

static int
setup_image(void **state)
{
	char tar[] = "/tmp/kensa-test-fs-image-XXXXXX";
	int fd, rc;

	fx_image = (struct fx){ .prefix = "", .contained = true,
	    .uid = getuid() };
	if ((fd = mkstemp(tar)) < 0)
		return -1;
	close(fd);
	pack_disk(tar);
	rc = plat_target_image_new(&fx_image.t, tar);
	unlink(tar);
	if (rc != 0) {
		fprintf(stderr, "image: %s\n", ks_error_msg());
		return -1;
	}
	*state = &fx_image;
	return 0;
}

static int
teardown(void **state)
{
	struct fx *f = *state;

	plat_target_free(f->t);
	f->t = NULL;
	return 0;
}

/* The path as the target names it: prefixed by the temp dir on the host. */
static const char *
P(const struct fx *f, const char *path)
{
	static char buf[4][PATH_MAX * 2];
	static int i;

	i = (i + 1) % 4;
	snprintf(buf[i], sizeof(buf[i]), "%s%s", f->prefix, path);
	return buf[i];
}

static void
assert_content(struct fx *f, const char *path, const char *want)
{
	char *data = NULL;
	size_t len = 0;

	assert_int_equal(plat_fs_read_file(f->t, P(f, path), 1 << 20, &data,
	    &len), 0);
	assert_int_equal(len, strlen(want));
	assert_string_equal(data, want);
	free(data);
}

/* ---- cases -------------------------------------------------------------- */

static void
test_fs__read_file(void **state)
{
	struct fx *f = *state;
	char *data = NULL;
	size_t len = 99;

	assert_content(f, "/etc/passwd", PASSWD);
	assert_content(f, "/bin/su", SU);
	assert_int_equal(plat_fs_read_file(f->t, P(f, "/data/empty"), 10,
	    &data, &len), 0);
	assert_int_equal(len, 0);
	assert_string_equal(data, "");
	free(data);
	data = NULL;
	assert_int_equal(plat_fs_read_file(f->t, P(f, "/data/big"), BIGLEN,
	    &data, &len), 0);
	assert_int_equal(len, BIGLEN);
	assert_memory_equal(data, big, BIGLEN);
	assert_int_equal(data[len], '\0');
	free(data);
}

static void
test_fs__stat_fields(void **state)
{
	struct fx *f = *state;
	struct plat_stat st, st2;

	assert_int_equal(plat_fs_stat(f->t, P(f, "/bin/su"), &st), 0);
	assert_int_equal(st.type, PLAT_FT_REG);
	assert_int_equal(st.size, strlen(SU));
	assert_int_equal(st.mode, 04755);
	assert_int_equal(st.uid, f->uid);
	assert_true(st.nlink >= 1);
	assert_int_equal(plat_fs_stat(f->t, P(f, "/etc/passwd"), &st2), 0);
	assert_int_equal(st2.mode, 0644);
	assert_true(st.ino != st2.ino);
	assert_int_equal(plat_fs_stat(f->t, P(f, "/data"), &st), 0);
	assert_int_equal(st.type, PLAT_FT_DIR);
	assert_int_equal(st.mode, 0700);
	assert_int_equal(plat_fs_stat(f->t, P(f, "/data/empty"), &st), 0);
	assert_int_equal(st.size, 0);
	/* the root of the target */
	assert_int_equal(plat_fs_stat(f->t, P(f, "/"), &st), 0);
	assert_int_equal(st.type, PLAT_FT_DIR);
}

static void
test_fs__lstat_vs_stat(void **state)
{
	struct fx *f = *state;
	struct plat_stat l, s;

	assert_int_equal(plat_fs_lstat(f->t, P(f, "/etc/rel"), &l), 0);
	assert_int_equal(l.type, PLAT_FT_LNK);
	assert_int_equal(l.size, strlen("passwd"));
	assert_int_equal(plat_fs_stat(f->t, P(f, "/etc/rel"), &s), 0);
	assert_int_equal(s.type, PLAT_FT_REG);
	assert_int_equal(s.size, strlen(PASSWD));
	assert_true(l.ino != s.ino);
	/* lstat follows links in the middle of the path, not at the end */
	assert_int_equal(plat_fs_lstat(f->t, P(f, "/lnkdir/rel"), &l), 0);
	assert_int_equal(l.type, PLAT_FT_LNK);
	/* a dangling link: lstat works, stat does not */
	assert_int_equal(plat_fs_lstat(f->t, P(f, "/dangling"), &l), 0);
	assert_int_equal(l.type, PLAT_FT_LNK);
	assert_int_equal(plat_fs_stat(f->t, P(f, "/dangling"), &s),
	    KS_ENOTFOUND);
}

/*
 * lstat of the entries of one directory after another (as a walk does:
 * the root back-end keeps the directory's descriptor between calls) gives
 * what a full resolution gives: links in the middle followed inside the
 * root, the last component not followed, "." and "..", a file used as a
 * directory, and a directory left and come back to.
 */
static void
test_fs__lstat_entries_in_turn(void **state)
{
	struct fx *f = *state;
	struct plat_stat a, b;

	for (int round = 0; round < 2; round++) {
		assert_int_equal(plat_fs_lstat(f->t, P(f, "/etc/passwd"), &a),
		    0);
		assert_int_equal(a.type, PLAT_FT_REG);
		assert_int_equal(a.size, strlen(PASSWD));
		assert_int_equal(plat_fs_lstat(f->t, P(f, "/etc/rel"), &b), 0);
		assert_int_equal(b.type, PLAT_FT_LNK);
		assert_int_equal(plat_fs_lstat(f->t, P(f, "/etc/none"), &b),
		    KS_ENOTFOUND);
		/* the same file through a linked directory */
		assert_int_equal(plat_fs_lstat(f->t, P(f, "/lnkdir/passwd"),
		    &b), 0);
		assert_int_equal(b.ino, a.ino);
		assert_int_equal(plat_fs_lstat(f->t, P(f, "/etc/passwd/x"),
		    &b) < 0, 1);
		assert_int_equal(plat_fs_lstat(f->t, P(f, "/etc/."), &b), 0);
		assert_int_equal(b.type, PLAT_FT_DIR);
		assert_int_equal(plat_fs_lstat(f->t, P(f, "/etc/.."), &b), 0);
		assert_int_equal(b.type, PLAT_FT_DIR);
	}
	if (!f->contained)
		return;
	/* climbing above the root in the directory part stays inside */
	assert_int_equal(plat_fs_lstat(f->t, "/loop/up/etc/passwd", &b), 0);
	assert_int_equal(b.ino, a.ino);
	assert_int_equal(plat_fs_lstat(f->t, "/../../etc/passwd", &b), 0);
	assert_int_equal(b.ino, a.ino);
}

static void
test_fs__readlink(void **state)
{
	struct fx *f = *state;
	char *text = NULL;

	assert_int_equal(plat_fs_readlink(f->t, P(f, "/etc/evil"), &text), 0);
	assert_string_equal(text, "../../../../../etc/passwd");
	free(text);
	text = NULL;
	assert_int_equal(plat_fs_readlink(f->t, P(f, "/etc/abs"), &text), 0);
	assert_string_equal(text, "/etc/passwd");
	free(text);
	text = NULL;
	/* the link itself is read, even a dangling one */
	assert_int_equal(plat_fs_readlink(f->t, P(f, "/dangling"), &text), 0);
	assert_string_equal(text, "nonexistent");
	free(text);
	text = NULL;
	assert_int_equal(plat_fs_readlink(f->t, P(f, "/etc/passwd"), &text),
	    KS_ERROR);
	assert_null(text);
	assert_int_equal(plat_fs_readlink(f->t, P(f, "/etc/none"), &text),
	    KS_ENOTFOUND);
}

/*
 * A link climbing with ".." or pointing at an absolute path resolves inside
 * the root: the fixture's /etc/passwd, never the host's.
 */
static void
test_fs__links_stay_inside(void **state)
{
	struct fx *f = *state;
	char *rp = NULL;

	/* climbing far above: the target's "/" (on the host, the real "/") */
	assert_int_equal(plat_fs_realpath(f->t, P(f, "/loop/up"), &rp), 0);
	assert_string_equal(rp, "/");
	free(rp);
	rp = NULL;
	if (!f->contained) {
		/* The host target sees the real "/": the same link leaves
		 * the temp dir (the host's /etc/passwd, whatever it holds). */
		int rc = plat_fs_realpath(f->t, P(f, "/etc/evil"), &rp);

		assert_true(rc == 0 || rc == KS_ENOTFOUND);
		if (rc == 0)
			assert_string_equal(rp, "/etc/passwd");
		free(rp);
		return;
	}
	assert_content(f, "/etc/evil", PASSWD);
	assert_content(f, "/etc/abs", PASSWD);
	assert_content(f, "/../../../etc/passwd", PASSWD);
	assert_content(f, "/loop/up/etc/passwd", PASSWD);
	assert_content(f, "/loop/up/../lnkdir/../etc/evil", PASSWD);
	assert_int_equal(plat_fs_realpath(f->t, "/etc/evil", &rp), 0);
	assert_string_equal(rp, "/etc/passwd");
	free(rp);
	rp = NULL;
	assert_int_equal(plat_fs_realpath(f->t, "/etc/abs", &rp), 0);
	assert_string_equal(rp, "/etc/passwd");
	free(rp);
	rp = NULL;
	assert_int_equal(plat_fs_realpath(f->t, "/..", &rp), 0);
	assert_string_equal(rp, "/");
	free(rp);
}

static void
test_fs__link_chains_and_dots(void **state)
{
	struct fx *f = *state;
	char *rp = NULL;

	assert_content(f, "/etc/chain1", PASSWD);
	assert_content(f, "/lnkdir/passwd", PASSWD);
	assert_content(f, "/etc/../etc/./rel", PASSWD);
	assert_content(f, "//etc///passwd", PASSWD);
	assert_int_equal(plat_fs_realpath(f->t, P(f, "/etc/chain1"), &rp), 0);
	assert_string_equal(rp, P(f, "/etc/passwd"));
	free(rp);
	rp = NULL;
	assert_int_equal(plat_fs_realpath(f->t, P(f, "/lnkdir/"), &rp), 0);
	assert_string_equal(rp, P(f, "/etc"));
	free(rp);
	rp = NULL;
	/* ".." after a link to a directory is taken from where the link
	 * led (/list/a), not lexically (which would give "/b") */
	assert_int_equal(plat_fs_realpath(f->t, P(f, "/deep/../b"), &rp), 0);
	assert_string_equal(rp, P(f, "/list/b"));
	free(rp);
	rp = NULL;
	assert_int_equal(plat_fs_realpath(f->t, P(f, "/list/a/../../lnkdir/."),
	    &rp), 0);
	assert_string_equal(rp, P(f, "/etc"));
	free(rp);
}

static void
test_fs__loop_is_limit(void **state)
{
	struct fx *f = *state;
	struct plat_stat st;
	char *data = NULL, *rp = NULL;
	size_t len;

	assert_int_equal(plat_fs_stat(f->t, P(f, "/loop/a"), &st), KS_ELIMIT);
	assert_int_equal(plat_fs_stat(f->t, P(f, "/loop/self"), &st),
	    KS_ELIMIT);
	assert_int_equal(plat_fs_read_file(f->t, P(f, "/loop/b"), 100, &data,
	    &len), KS_ELIMIT);
	assert_int_equal(plat_fs_realpath(f->t, P(f, "/loop/a"), &rp),
	    KS_ELIMIT);
	assert_int_equal(plat_fs_stat(f->t, P(f, "/loop/a/x"), &st),
	    KS_ELIMIT);
	assert_non_null(strstr(ks_error_msg(), "/loop/a/x"));
	/* the link itself is fine */
	assert_int_equal(plat_fs_lstat(f->t, P(f, "/loop/a"), &st), 0);
	assert_int_equal(st.type, PLAT_FT_LNK);
	assert_null(data);
	assert_null(rp);
}

static void
test_fs__not_found(void **state)
{
	struct fx *f = *state;
	struct plat_stat st;
	struct plat_file *fl = NULL;
	char *data = NULL, *rp = NULL;
	size_t len;

	assert_int_equal(plat_fs_stat(f->t, P(f, "/etc/none"), &st),
	    KS_ENOTFOUND);
	assert_non_null(strstr(ks_error_msg(), "/etc/none"));
	assert_int_equal(plat_fs_lstat(f->t, P(f, "/none/x"), &st),
	    KS_ENOTFOUND);
	assert_int_equal(plat_fs_read_file(f->t, P(f, "/etc/none"), 100,
	    &data, &len), KS_ENOTFOUND);
	assert_int_equal(plat_fs_open(f->t, P(f, "/etc/none"), &fl),
	    KS_ENOTFOUND);
	assert_int_equal(plat_fs_realpath(f->t, P(f, "/etc/none"), &rp),
	    KS_ENOTFOUND);
	/* a file used as a directory */
	assert_int_equal(plat_fs_stat(f->t, P(f, "/etc/passwd/x"), &st),
	    KS_ENOTFOUND);
	assert_int_equal(plat_fs_stat(f->t, P(f, "/etc/passwd/"), &st),
	    KS_ENOTFOUND);
	assert_int_equal(plat_fs_stat(f->t, P(f, "/etc/passwd/.."), &st),
	    KS_ENOTFOUND);
	assert_null(data);
	assert_null(fl);
	assert_null(rp);
}

static void
test_fs__bad_paths(void **state)
{
	struct fx *f = *state;
	struct plat_stat st;
	char *longp;

	assert_int_equal(plat_fs_stat(f->t, "etc/passwd", &st), KS_ERROR);
	assert_int_equal(plat_fs_stat(f->t, "", &st), KS_ERROR);
	longp = malloc(PATH_MAX + 10);
	memset(longp, 'a', PATH_MAX + 9);
	longp[0] = '/';
	longp[PATH_MAX + 9] = '\0';
	assert_int_equal(plat_fs_stat(f->t, longp, &st), KS_ELIMIT);
	/* a component longer than NAME_MAX */
	longp[300] = '\0';
	assert_int_equal(plat_fs_stat(f->t, longp, &st), KS_ELIMIT);
	free(longp);
}

static void
test_fs__special_files_refused(void **state)
{
	struct fx *f = *state;
	struct plat_file *fl = NULL;
	struct plat_stat st;
	char *data = NULL;
	size_t len;

	/* opening a FIFO for reading would block: it must fail at once
	 * (main() arms an alarm in case it does not) */
	assert_int_equal(plat_fs_read_file(f->t, P(f, "/fifo"), 100, &data,
	    &len), KS_EPERM);
	assert_non_null(strstr(ks_error_msg(), "refusing"));
	assert_non_null(strstr(ks_error_msg(), "/fifo"));
	assert_int_equal(plat_fs_open(f->t, P(f, "/fifo"), &fl), KS_EPERM);
	assert_int_equal(plat_fs_read_file(f->t, P(f, "/sock"), 100, &data,
	    &len), KS_EPERM);
	assert_int_equal(plat_fs_stat(f->t, P(f, "/fifo"), &st), 0);
	assert_int_equal(st.type, PLAT_FT_FIFO);
	assert_int_equal(plat_fs_stat(f->t, P(f, "/sock"), &st), 0);
	assert_int_equal(st.type, PLAT_FT_SOCK);
	assert_null(data);
	assert_null(fl);
}

static void
test_fs__directory_not_read(void **state)
{
	struct fx *f = *state;
	char *data = NULL;
	size_t len;

	assert_int_equal(plat_fs_read_file(f->t, P(f, "/etc"), 100, &data,
	    &len), KS_ERROR);
	assert_int_equal(plat_fs_read_file(f->t, P(f, "/lnkdir"), 100, &data,
	    &len), KS_ERROR);
	assert_null(data);
}

static void
test_fs__over_max_is_limit(void **state)
{
	struct fx *f = *state;
	char *data = NULL;
	size_t len;

	assert_int_equal(plat_fs_read_file(f->t, P(f, "/data/big"), 1000,
	    &data, &len), KS_ELIMIT);
	assert_int_equal(plat_fs_read_file(f->t, P(f, "/data/big"),
	    BIGLEN - 1, &data, &len), KS_ELIMIT);
	assert_non_null(strstr(ks_error_msg(), "/data/big"));
	assert_int_equal(plat_fs_read_file(f->t, P(f, "/etc/passwd"), 0,
	    &data, &len), KS_ELIMIT);
	assert_null(data);
	assert_int_equal(plat_fs_read_file(f->t, P(f, "/data/empty"), 0,
	    &data, &len), 0);
	assert_int_equal(len, 0);
	free(data);
}

struct seen {
	char		names[8][8];
	enum plat_ftype	types[8];
	int		n;
	int		stop_at;
};

static int
list_cb(const char *name, enum plat_ftype type, void *payload)
{
	struct seen *s = payload;

	if (s->n < 8) {
		snprintf(s->names[s->n], sizeof(s->names[0]), "%s", name);
		s->types[s->n] = type;
	}
	s->n++;
	return s->n == s->stop_at ? 42 : 0;
}

static void
test_fs__list_sorted_with_types(void **state)
{
	struct fx *f = *state;
	struct seen s;

	memset(&s, 0, sizeof(s));
	assert_int_equal(plat_fs_list(f->t, P(f, "/list"), list_cb, &s), 0);
	assert_int_equal(s.n, 4);
	assert_string_equal(s.names[0], "B");
	assert_int_equal(s.types[0], PLAT_FT_REG);
	assert_string_equal(s.names[1], "a");
	assert_int_equal(s.types[1], PLAT_FT_DIR);
	assert_string_equal(s.names[2], "b");
	assert_int_equal(s.types[2], PLAT_FT_REG);
	assert_string_equal(s.names[3], "c");
	assert_int_equal(s.types[3], PLAT_FT_LNK);
	/* the callback's value stops the walk and is returned */
	memset(&s, 0, sizeof(s));
	s.stop_at = 2;
	assert_int_equal(plat_fs_list(f->t, P(f, "/list"), list_cb, &s), 42);
	assert_int_equal(s.n, 2);
	/* through a link to a directory; empty directory */
	memset(&s, 0, sizeof(s));
	assert_int_equal(plat_fs_list(f->t, P(f, "/lnkdir"), list_cb, &s), 0);
	assert_int_equal(s.n, 6);
	assert_string_equal(s.names[0], "abs");
	assert_string_equal(s.names[5], "rel");
	memset(&s, 0, sizeof(s));
	assert_int_equal(plat_fs_list(f->t, P(f, "/list/a"), list_cb, &s), 0);
	assert_int_equal(s.n, 0);
	assert_int_equal(plat_fs_list(f->t, P(f, "/none"), list_cb, &s),
	    KS_ENOTFOUND);
	assert_int_equal(plat_fs_list(f->t, P(f, "/etc/passwd"), list_cb, &s),
	    KS_ENOTFOUND);
}

static void
test_fs__stream_equals_whole(void **state)
{
	struct fx *f = *state;
	struct plat_file *fl = NULL;
	char *whole = NULL, *acc, buf[777];
	size_t len = 0, n = 0;
	ssize_t r;

	assert_int_equal(plat_fs_read_file(f->t, P(f, "/data/big"), BIGLEN,
	    &whole, &len), 0);
	assert_int_equal(plat_fs_open(f->t, P(f, "/data/big"), &fl), 0);
	acc = malloc(BIGLEN + sizeof(buf));
	while ((r = plat_file_read(fl, buf, sizeof(buf))) > 0) {
		assert_true(n + (size_t)r <= BIGLEN);
		memcpy(acc + n, buf, (size_t)r);
		n += (size_t)r;
	}
	assert_int_equal(r, 0);
	assert_int_equal(plat_file_read(fl, buf, sizeof(buf)), 0);
	assert_int_equal(n, len);
	assert_memory_equal(acc, whole, len);
	plat_file_close(fl);
	free(acc);
	free(whole);
	plat_file_close(NULL);
}

static void
test_fs__target_identity(void **state)
{
	struct fx *f = *state;

	assert_non_null(plat_target_name(f->t));
	assert_int_equal(plat_target_is_live(f->t),
	    plat_target_kind(f->t) == PLAT_TARGET_HOST);
	if (f == &fx_host)
		assert_string_equal(plat_target_name(f->t), "host");
	if (f == &fx_mem)
		assert_int_equal(plat_target_kind(f->t), PLAT_TARGET_MEM);
	if (f == &fx_image)
		assert_int_equal(plat_target_kind(f->t), PLAT_TARGET_IMAGE);
	if (f == &fx_walk)
		assert_false(((struct plat_fsroot *)f->t->fs_state)->openat2);
	if (f == &fx_root && syscall(SYS_openat2, -1, "", NULL, 0) == -1 &&
	    errno != ENOSYS) {
		/* the kernel has openat2: the root target must use it */
		assert_true(((struct plat_fsroot *)f->t->fs_state)->openat2);
	}
	if (f == &fx_root || f == &fx_walk) {
		assert_int_equal(plat_target_kind(f->t), PLAT_TARGET_ROOT);
		assert_non_null(strstr(plat_target_name(f->t), tmpdir));
		/* fixtures are built only in memory */
		assert_int_equal(plat_target_mem_add_dir(f->t, "/x", 0755),
		    KS_EUNSUPPORTED);
	}
}

static int
stop_cb(const char *name, void *payload)
{
	return 7;
}

struct xnames {
	char	 buf[512];
	size_t	 n;
	int	 count;
};

static int
xname_cb(const char *name, void *payload)
{
	struct xnames *x = payload;
	int k = snprintf(x->buf + x->n, sizeof(x->buf) - x->n, "%s|", name);

	assert_true(k > 0 && (size_t)k < sizeof(x->buf) - x->n);
	x->n += (size_t)k;
	x->count++;
	return 0;
}

/*
 * Extended attributes answer alike on every target: values byte for byte,
 * a last link not followed (a link's own attributes), links on the way
 * followed, KS_ENOTFOUND for a missing attribute or file. The host may add
 * attributes of its own (its SELinux label of a new file): the listing is
 * checked to hold the fixture's, exactly only where nothing else writes.
 */
static void
test_fs__xattrs(void **state)
{
	struct fx *f = *state;
	struct xnames x;
	char *v = NULL, want[128];
	size_t len = 0, i;

	if (f == &fx_walk) {
		/* the fallback for kernels without /proc: nothing to read
		 * attributes through, and it says so */
		assert_int_equal(plat_fs_getxattr(f->t, P(f, "/etc/passwd"),
		    "user.kensa", &v, &len), KS_EUNSUPPORTED);
		return;
	}
	for (i = 0; i < sizeof(xtree) / sizeof(*xtree); i++) {
		if (!xok[i])
			continue;
		if (plat_fs_getxattr(f->t, P(f, xtree[i].path), xtree[i].name,
		    &v, &len) != 0)
			fail_msg("%s %s: %s", xtree[i].path, xtree[i].name,
			    ks_error_msg());
		assert_int_equal(len, xtree[i].len);
		assert_memory_equal(v, xtree[i].val, len);
		assert_int_equal(v[len], '\0');
		free(v);
		v = NULL;
		memset(&x, 0, sizeof(x));
		assert_int_equal(plat_fs_listxattr(f->t, P(f, xtree[i].path),
		    xname_cb, &x), 0);
		snprintf(want, sizeof(want), "%s|", xtree[i].name);
		assert_non_null(strstr(x.buf, want));
	}
	if (xok[0]) {
		/* a link in the middle is followed, the last one is not */
		assert_int_equal(plat_fs_getxattr(f->t, P(f, "/lnkdir/passwd"),
		    "user.kensa", &v, &len), 0);
		assert_int_equal(len, 7);
		free(v);
		v = NULL;
		assert_int_equal(plat_fs_getxattr(f->t, P(f, "/etc/abs"),
		    "user.kensa", &v, &len), KS_ENOTFOUND);
		assert_null(v);
		assert_int_equal(len, 0);
		if (f == &fx_mem || f == &fx_image) {
			memset(&x, 0, sizeof(x));
			assert_int_equal(plat_fs_listxattr(f->t,
			    "/etc/passwd", xname_cb, &x), 0);
			assert_int_equal(x.count, (int)(xok[0] + xok[1] +
			    xok[2]));
		}
	}
	assert_int_equal(plat_fs_getxattr(f->t, P(f, "/list/b"),
	    "user.kensa", &v, &len), KS_ENOTFOUND);
	assert_non_null(strstr(ks_error_msg(), "user.kensa"));
	assert_int_equal(plat_fs_getxattr(f->t, P(f, "/none"), "user.kensa",
	    &v, &len), KS_ENOTFOUND);
	memset(&x, 0, sizeof(x));
	assert_int_equal(plat_fs_listxattr(f->t, P(f, "/none"), xname_cb,
	    &x), KS_ENOTFOUND);
	/* the callback's value stops the listing and is returned */
	assert_int_equal(plat_fs_listxattr(f->t, P(f, "/etc/passwd"),
	    stop_cb, NULL), xok[0] || xok[1] || xok[2] ? 7 : 0);
}

/* ---- cases outside the contract ----------------------------------------- */

static void
test_fs__root_new_errors(void **state)
{
	struct plat_target *t = NULL;
	char p[PATH_MAX * 2];

	assert_int_equal(plat_target_root_new(&t, "/nonexistent/kensa/x"),
	    KS_ENOTFOUND);
	snprintf(p, sizeof(p), "%s/etc/passwd", tmpdir);
	assert_int_not_equal(plat_target_root_new(&t, p), 0);
	assert_null(t);
	/* a root given through a link is that directory */
	snprintf(p, sizeof(p), "%s/lnkdir", tmpdir);
	assert_int_equal(plat_target_root_new(&t, p), 0);
	assert_content(&(struct fx){ .t = t, .prefix = "" }, "/passwd",
	    PASSWD);
	plat_target_free(t);
	plat_target_free(NULL);
}

static void
test_fs__mem_building(void **state)
{
	struct plat_target *t = NULL;
	struct plat_stat st;

	assert_int_equal(plat_target_mem_new(&t), 0);
	/* parents are created; a re-added file replaces the content */
	assert_int_equal(plat_target_mem_add_file(t, "/a/b/c", "1", 1, 0600),
	    0);
	assert_int_equal(plat_target_mem_add_file(t, "/a/b/c", "22", 2, 0640),
	    0);
	assert_content(&(struct fx){ .t = t, .prefix = "" }, "/a/b/c", "22");
	assert_int_equal(plat_fs_stat(t, "/a/b", &st), 0);
	assert_int_equal(st.type, PLAT_FT_DIR);
	assert_int_equal(st.mode, 0755);
	/* through a link to a directory */
	assert_int_equal(plat_target_mem_add_symlink(t, "/l", "a/b"), 0);
	assert_int_equal(plat_target_mem_add_file(t, "/l/d", "x", 1, 0644), 0);
	assert_content(&(struct fx){ .t = t, .prefix = "" }, "/a/b/d", "x");
	/* conflicts */
	assert_int_equal(plat_target_mem_add_dir(t, "/a/b/c", 0755), KS_ERROR);
	assert_int_equal(plat_target_mem_add_file(t, "/a/b/c/x", "", 0, 0644),
	    KS_ENOTFOUND);
	assert_int_equal(plat_target_mem_add_symlink(t, "/l", "x"), KS_ERROR);
	assert_int_equal(plat_target_mem_add_file(t, "/a/../x", "", 0, 0644),
	    KS_ERROR);
	assert_int_equal(plat_target_mem_add_file(t, "/", "", 0, 0644),
	    KS_ERROR);
	assert_int_equal(plat_target_mem_add_file(t, "rel", "", 0, 0644),
	    KS_ERROR);
	assert_int_equal(plat_target_mem_add_dir(t, "/", 0700), 0);
	assert_int_equal(plat_fs_stat(t, "/", &st), 0);
	assert_int_equal(st.mode, 0700);
	/* attributes: set again replaces; a link's own; bad ones refused */
	assert_int_equal(plat_target_mem_set_xattr(t, "/a/b/c", "user.x", "1",
	    1), 0);
	assert_int_equal(plat_target_mem_set_xattr(t, "/a/b/c", "user.x",
	    "22", 2), 0);
	assert_int_equal(plat_target_mem_set_xattr(t, "/l", "security.selinux",
	    "s", 1), 0);
	{
		char *v = NULL;
		size_t len = 0;

		assert_int_equal(plat_fs_getxattr(t, "/a/b/c", "user.x", &v,
		    &len), 0);
		assert_int_equal(len, 2);
		assert_string_equal(v, "22");
		free(v);
		assert_int_equal(plat_fs_getxattr(t, "/l", "user.x", &v,
		    &len), KS_ENOTFOUND);
		assert_int_equal(plat_fs_getxattr(t, "/l/c", "user.x", &v,
		    &len), 0);
		free(v);
	}
	assert_int_equal(plat_target_mem_set_xattr(t, "/nope", "user.x", "",
	    0), KS_ENOTFOUND);
	assert_int_equal(plat_target_mem_set_xattr(t, "/a", "", "", 0),
	    KS_EPARSE);
	assert_int_equal(plat_target_mem_set_xattr(t, "/a", "user.big", big,
	    70000 < BIGLEN ? 70000 : BIGLEN), KS_ELIMIT);
	assert_int_equal(plat_target_mem_set_xattr(t, "rel", "user.x", "", 0),
	    KS_ERROR);
	/* a refused value leaves the old one; at most 1024 per file */
	assert_int_equal(plat_target_mem_set_xattr(t, "/a/b/c", "user.x", big,
	    BIGLEN), KS_ELIMIT);
	{
		char *v = NULL;
		size_t len = 0;

		assert_int_equal(plat_fs_getxattr(t, "/a/b/c", "user.x", &v,
		    &len), 0);
		assert_string_equal(v, "22");
		free(v);
	}
	for (int i = 0; i < 1023; i++) {
		char name[32];

		snprintf(name, sizeof(name), "user.n%d", i);
		assert_int_equal(plat_target_mem_set_xattr(t, "/a/b/c", name,
		    "", 0), 0);
	}
	assert_int_equal(plat_target_mem_set_xattr(t, "/a/b/c", "user.x", "3",
	    1), 0);
	assert_int_equal(plat_target_mem_set_xattr(t, "/a/b/c", "user.more",
	    "", 0), KS_ELIMIT);
	plat_target_free(t);
	/* only in-memory targets take them */
	assert_int_equal(plat_target_root_new(&t, tmpdir), 0);
	assert_int_equal(plat_target_mem_set_xattr(t, "/etc", "user.x", "", 0),
	    KS_EUNSUPPORTED);
	plat_target_free(t);
}

#define CASE(fn)	cmocka_unit_test(fn)

int
main(void)
{
	const struct CMUnitTest contract[] = {
		CASE(test_fs__read_file),
		CASE(test_fs__stat_fields),
		CASE(test_fs__lstat_vs_stat),
		CASE(test_fs__lstat_entries_in_turn),
		CASE(test_fs__readlink),
		CASE(test_fs__links_stay_inside),
		CASE(test_fs__link_chains_and_dots),
		CASE(test_fs__loop_is_limit),
		CASE(test_fs__not_found),
		CASE(test_fs__bad_paths),
		CASE(test_fs__directory_not_read),
		CASE(test_fs__over_max_is_limit),
		CASE(test_fs__list_sorted_with_types),
		CASE(test_fs__stream_equals_whole),
		CASE(test_fs__target_identity),
		CASE(test_fs__xattrs),
	};
	/* FIFOs and sockets exist only on disk */
	const struct CMUnitTest disk_only[] = {
		CASE(test_fs__special_files_refused),
	};
	const struct CMUnitTest misc[] = {
		CASE(test_fs__root_new_errors),
		CASE(test_fs__mem_building),
	};
	char tmpl[] = "/tmp/kensa-test-fs-XXXXXX";
	size_t i;
	int fails = 0;

	alarm(60);	/* a FIFO opened for reading must never block */
	for (i = 0; i < sizeof(big); i++)
		big[i] = (char)('a' + (i * 7 + i / 13) % 26);
	if (mkdtemp(tmpl) == NULL || realpath(tmpl, tmpdir) == NULL) {
		perror("mkdtemp");
		return 1;
	}
	build_disk();

	fails += cmocka_run_group_tests_name("fs/host", contract,
	    setup_host, teardown);
	fails += cmocka_run_group_tests_name("fs/host-special", disk_only,
	    setup_host, teardown);
	fails += cmocka_run_group_tests_name("fs/root", contract,
	    setup_root, teardown);
	fails += cmocka_run_group_tests_name("fs/root-special", disk_only,
	    setup_root, teardown);
	fails += cmocka_run_group_tests_name("fs/root-walker", contract,
	    setup_walk, teardown);
	fails += cmocka_run_group_tests_name("fs/root-walker-special",
	    disk_only, setup_walk, teardown);
	fails += cmocka_run_group_tests_name("fs/mem", contract,
	    setup_mem, teardown);
	fails += cmocka_run_group_tests_name("fs/image", contract,
	    setup_image, teardown);
	fails += cmocka_run_group_tests_name("fs/misc", misc, NULL, NULL);

	test_tmp_rm(tmpdir);
	return fails != 0;
}
