/*
 * Image targets (platform/fs_image.c): archives built here with libarchive's
 * writer (a plain root, `docker save` layers with whiteouts, OCI layouts as a
 * directory and as a tar) are opened and read through the fs interface, and
 * hostile archives (traversal, links out, devices, size bombs) are refused or
 * contained without leaving a temporary tree behind. Extended attributes
 * come from the archive's pax records, never from the unpacked copy.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <archive.h>
#include <archive_entry.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/xattr.h>
#include <unistd.h>

#include "platform/plat_int.h"
#include "tests/unit/test_tmp.h"

static char tmpdir[PATH_MAX];	/* fixtures */
static char scratch[PATH_MAX * 2];	/* $TMPDIR for the images' trees */

/* ---- building archives --------------------------------------------------- */

enum { F, D, L, H, C, P };	/* file, dir, symlink, hard link, chr, fifo */
struct ent {
	int		 type;
	const char	*path;
	const char	*data;		/* F: content; L, H: target */
	mode_t		 mode;
	size_t		 len;		/* F: 0 means strlen(data) */
};
/* An extended attribute; a list ends with name NULL. len 0: strlen. */
struct xv {
	const char	*name;
	const void	*val;
	size_t		 len;
};
/* The attributes of the entry `path` (pax SCHILY.xattr records); a table
 * ends with path NULL. */
struct xent {
	const char	*path;
	const struct xv	*xa;
};

struct membuf {
	char	*data;
	size_t	 len;
};

static void
add_entries_xa(struct archive *a, const struct ent *e, size_t n,
    const struct xent *xt)
{
	struct archive_entry *ae;
	const struct xv *x;
	size_t i, len;

	for (i = 0; i < n; i++) {
		ae = archive_entry_new();
		archive_entry_set_pathname(ae, e[i].path);
		archive_entry_set_uid(ae, 0);
		archive_entry_set_gid(ae, e[i].type == F ? 42 : 0);
		archive_entry_set_mtime(ae, 1600000000, 0);
		len = 0;
		switch (e[i].type) {
		case F:
			len = e[i].len ? e[i].len : strlen(e[i].data);
			archive_entry_set_filetype(ae, AE_IFREG);
			archive_entry_set_size(ae, (la_int64_t)len);
			break;
		case D:
			archive_entry_set_filetype(ae, AE_IFDIR);
			break;
		case L:
			archive_entry_set_filetype(ae, AE_IFLNK);
			archive_entry_set_symlink(ae, e[i].data);
			break;
		case H:
			archive_entry_set_filetype(ae, AE_IFREG);
			archive_entry_set_hardlink(ae, e[i].data);
			break;
		case C:
			archive_entry_set_filetype(ae, AE_IFCHR);
			archive_entry_set_rdev(ae, makedev(1, 3));
			break;
		case P:
			archive_entry_set_filetype(ae, AE_IFIFO);
			break;
		}
		archive_entry_set_perm(ae, e[i].mode ? e[i].mode :
		    e[i].type == D ? 0755 : 0644);
		for (const struct xent *k = xt; k != NULL && k->path; k++)
			if (strcmp(k->path, e[i].path) == 0)
				for (x = k->xa; x->name != NULL; x++)
					archive_entry_xattr_add_entry(ae,
					    x->name, x->val, x->len ? x->len :
					    strlen(x->val));
		assert_int_equal(archive_write_header(a, ae), ARCHIVE_OK);
		if (len > 0)
			assert_int_equal(archive_write_data(a, e[i].data, len),
			    (la_ssize_t)len);
		archive_entry_free(ae);
	}
}

static void
add_entries(struct archive *a, const struct ent *e, size_t n)
{
	add_entries_xa(a, e, n, NULL);
}

/* A pax tar (gzip'ed when gz) of the entries with the attributes of xt
 * (may be NULL), in memory. */
static struct membuf
mk_tar_xa(const struct ent *e, size_t n, bool gz, const struct xent *xt)
{
	struct archive *a = archive_write_new();
	struct membuf m;
	size_t cap = 1 << 22, used = 0;

	m.data = malloc(cap);
	assert_non_null(m.data);
	archive_write_set_format_pax_restricted(a);
	if (gz)
		archive_write_add_filter_gzip(a);
	assert_int_equal(archive_write_open_memory(a, m.data, cap, &used),
	    ARCHIVE_OK);
	add_entries_xa(a, e, n, xt);
	assert_int_equal(archive_write_close(a), ARCHIVE_OK);
	archive_write_free(a);
	m.len = used;
	return m;
}

static struct membuf
mk_tar(const struct ent *e, size_t n, bool gz)
{
	return mk_tar_xa(e, n, gz, NULL);
}

static void
put_file(const char *path, const void *data, size_t len)
{
	FILE *fp = fopen(path, "wb");

	assert_non_null(fp);
	assert_int_equal(fwrite(data, 1, len, fp), len);
	assert_int_equal(fclose(fp), 0);
}

static void
put_str(const char *path, const char *s)
{
	put_file(path, s, strlen(s));
}

static const char *
fx(const char *name)
{
	static char p[4][PATH_MAX * 2];
	static int k;

	k = (k + 1) % 4;
	snprintf(p[k], sizeof(p[k]), "%s/%s", tmpdir, name);
	return p[k];
}

static void
sha256_hex(const void *data, size_t len, char out[65])
{
	unsigned char md[32];
	unsigned n = 0, i;

	assert_int_equal(EVP_Digest(data, len, md, &n, EVP_sha256(), NULL), 1);
	for (i = 0; i < 32; i++)
		snprintf(out + 2 * i, 3, "%02x", md[i]);
}

/* ---- checks -------------------------------------------------------------- */

/* No "kensa-image-*" directory is left in the scratch $TMPDIR. */
static void
assert_no_leftover(void)
{
	struct dirent *de;
	DIR *d = opendir(scratch);
	int n = 0;

	assert_non_null(d);
	while ((de = readdir(d)) != NULL)
		if (strncmp(de->d_name, "kensa-image-", 12) == 0)
			n++;
	closedir(d);
	assert_int_equal(n, 0);
}

static int
count_leftover(void)
{
	struct dirent *de;
	DIR *d = opendir(scratch);
	int n = 0;

	assert_non_null(d);
	while ((de = readdir(d)) != NULL)
		if (strncmp(de->d_name, "kensa-image-", 12) == 0)
			n++;
	closedir(d);
	return n;
}

static void
assert_content(struct plat_target *t, const char *path, const char *want)
{
	char *data = NULL;
	size_t len = 0;
	int rc = plat_fs_read_file(t, path, 1 << 20, &data, &len);

	if (rc != 0)
		fail_msg("%s: %s", path, ks_error_msg());
	assert_int_equal(len, strlen(want));
	assert_memory_equal(data, want, len);
	free(data);
}

static void
assert_absent(struct plat_target *t, const char *path)
{
	struct plat_stat st;

	assert_int_equal(plat_fs_lstat(t, path, &st), KS_ENOTFOUND);
}

static void
assert_open_fails(const char *path, int want, const char *msg)
{
	struct plat_target *t = NULL;
	int rc = plat_target_image_new(&t, path);

	if (rc != want)
		fail_msg("%s: rc %d (%s), want %d", path, rc, ks_error_msg(),
		    want);
	assert_null(t);
	if (msg != NULL && strstr(ks_error_msg(), msg) == NULL)
		fail_msg("message '%s' lacks '%s'", ks_error_msg(), msg);
	assert_no_leftover();
}

/* ---- plain roots --------------------------------------------------------- */

#define PASSWD	"root:x:0:0:image fixture:/root:/bin/sh\n"

static void
test_fs_image__plain_targz(void **state)
{
	const struct ent root[] = {
		{ D, "./", NULL, 0755, 0 },
		{ D, "./etc", NULL, 0755, 0 },
		{ F, "./etc/passwd", PASSWD, 0644, 0 },
		{ F, "./etc/shadow", "root:*:1::::::\n", 0640, 0 },
		{ L, "./etc/evil", "../../../../../../etc/passwd", 0777, 0 },
		{ L, "./etc/abs", "/etc/passwd", 0777, 0 },
		{ D, "./bin", NULL, 0555, 0 },
		{ F, "./bin/su", "#!/bin/sh\n", 04755, 0 },
		{ H, "./bin/su2", "./bin/su", 0, 0 },
		{ D, "./root", NULL, 0700, 0 },
		{ F, "secret/deep/x", "x", 0, 0 },	/* implicit parents */
		/* unreadable to a non-root scanner, were it not the copy */
		{ D, "locked", NULL, 01000, 0 },
		{ F, "locked/g", "g", 01000, 0 },
	};
	struct membuf m = mk_tar(root, sizeof(root) / sizeof(*root), true);
	struct plat_target *t = NULL;
	struct plat_stat st, st2;
	char *canon = NULL, *name;

	(void)state;
	put_file(fx("root.tar.gz"), m.data, m.len);
	free(m.data);
	if (plat_target_image_new(&t, fx("root.tar.gz")) != 0)
		fail_msg("%s", ks_error_msg());
	assert_int_equal(count_leftover(), 1);
	assert_int_equal(plat_target_kind(t), PLAT_TARGET_IMAGE);
	assert_false(plat_target_is_live(t));
	name = ks_asprintf("image:%s", fx("root.tar.gz"));
	assert_string_equal(plat_target_name(t), name);
	free(name);

	assert_content(t, "/etc/passwd", PASSWD);
	assert_int_equal(plat_fs_stat(t, "/", &st), 0);
	assert_int_equal(st.mode, 0755);
	assert_int_equal(st.uid, 0);
	/* links resolve inside the image, never to the host's files */
	assert_content(t, "/etc/evil", PASSWD);
	assert_content(t, "/etc/abs", PASSWD);
	assert_int_equal(plat_fs_realpath(t, "/etc/evil", &canon), 0);
	assert_string_equal(canon, "/etc/passwd");
	free(canon);

	/* the archive's modes, owners and set-id bits, not the disk copy's */
	assert_int_equal(plat_fs_stat(t, "/bin/su", &st), 0);
	assert_int_equal(st.type, PLAT_FT_REG);
	assert_int_equal(st.mode, 04755);
	assert_int_equal(st.uid, 0);
	assert_int_equal(st.gid, 42);
	assert_int_equal(st.mtime, 1600000000);
	assert_int_equal(plat_fs_stat(t, "/bin/su2", &st2), 0);
	assert_int_equal(st2.ino, st.ino);
	assert_int_equal(st2.mode, 04755);
	assert_int_equal(plat_fs_stat(t, "/bin", &st), 0);
	assert_int_equal(st.mode, 0555);
	assert_int_equal(plat_fs_stat(t, "/root", &st), 0);
	assert_int_equal(st.type, PLAT_FT_DIR);
	assert_int_equal(st.mode, 0700);
	assert_int_equal(plat_fs_stat(t, "/etc/shadow", &st), 0);
	assert_int_equal(st.mode, 0640);
	assert_int_equal(plat_fs_lstat(t, "/etc/abs", &st), 0);
	assert_int_equal(st.type, PLAT_FT_LNK);
	/* implicit parents: 0755 root:root */
	assert_int_equal(plat_fs_stat(t, "/secret/deep", &st), 0);
	assert_int_equal(st.mode, 0755);
	assert_int_equal(st.uid, 0);
	assert_content(t, "/secret/deep/x", "x");
	assert_content(t, "/locked/g", "g");
	assert_int_equal(plat_fs_stat(t, "/locked", &st), 0);
	assert_int_equal(st.mode, 01000);
	assert_int_equal(plat_fs_stat(t, "/locked/g", &st), 0);
	assert_int_equal(st.mode, 01000);
	/* an entry without attributes has none */
	assert_int_equal(plat_fs_getxattr(t, "/etc/passwd", "user.x",
	    &canon, &(size_t){ 0 }), KS_ENOTFOUND);
	assert_null(canon);

	plat_target_free(t);
	assert_no_leftover();
	plat_target_free(NULL);
}

static void
test_fs_image__zip(void **state)
{
	const struct ent root[] = {
		{ D, "etc/", NULL, 0755, 0 },
		{ F, "etc/os-release", "ID=zipped\n", 0644, 0 },
	};
	struct archive *a = archive_write_new();
	struct plat_target *t = NULL;
	size_t cap = 1 << 16, used = 0;
	char *buf = malloc(cap);

	(void)state;
	archive_write_set_format_zip(a);
	assert_int_equal(archive_write_open_memory(a, buf, cap, &used),
	    ARCHIVE_OK);
	add_entries(a, root, 2);
	assert_int_equal(archive_write_close(a), ARCHIVE_OK);
	archive_write_free(a);
	put_file(fx("root.zip"), buf, used);
	free(buf);
	if (plat_target_image_new(&t, fx("root.zip")) != 0)
		fail_msg("%s", ks_error_msg());
	assert_content(t, "/etc/os-release", "ID=zipped\n");
	plat_target_free(t);
	assert_no_leftover();
}

/* ---- docker save --------------------------------------------------------- */

/* Layer 1 and layer 2 of an image: layer 2 overwrites /etc/a, removes
 * /etc/b and /gone, and makes /opq opaque; its opaque marker comes after
 * its own /opq/new, which must survive (a whiteout hides lower layers only). */
static const struct ent layer1[] = {
	{ D, "etc", NULL, 0755, 0 },
	{ F, "etc/a", "one", 0644, 0 },
	{ F, "etc/b", "bee", 0644, 0 },
	{ D, "opq", NULL, 0755, 0 },
	{ F, "opq/x", "x", 0644, 0 },
	{ D, "opq/sub", NULL, 0755, 0 },
	{ F, "opq/sub/y", "y", 0644, 0 },
	{ D, "keep", NULL, 0755, 0 },
	{ F, "keep/z", "z", 0644, 0 },
	{ D, "gone", NULL, 0755, 0 },
	{ D, "gone/dir", NULL, 0755, 0 },
	{ F, "gone/dir/f", "f", 0644, 0 },
	{ D, "ro", NULL, 0555, 0 },
};
static const struct ent layer2[] = {
	{ F, "etc/a", "two", 0600, 0 },
	{ F, "etc/.wh.b", "", 0644, 0 },
	{ F, "opq/new", "n", 0644, 0 },
	{ F, "opq/.wh..wh..opq", "", 0644, 0 },
	{ F, ".wh.gone", "", 0644, 0 },
	{ F, "keep/.wh.nothing-there", "", 0644, 0 },
	{ F, "ro/new", "r", 0444, 0 },	/* into a read-only directory */
};

static void
check_layered(struct plat_target *t)
{
	struct plat_stat st;

	assert_content(t, "/etc/a", "two");
	assert_int_equal(plat_fs_stat(t, "/etc/a", &st), 0);
	assert_int_equal(st.mode, 0600);
	assert_absent(t, "/etc/b");
	assert_absent(t, "/etc/.wh.b");
	assert_absent(t, "/opq/x");
	assert_absent(t, "/opq/sub");
	assert_absent(t, "/opq/.wh..wh..opq");
	assert_content(t, "/opq/new", "n");
	assert_content(t, "/keep/z", "z");
	assert_absent(t, "/gone");
	assert_absent(t, "/.wh.gone");
	assert_content(t, "/ro/new", "r");
	assert_int_equal(plat_fs_stat(t, "/ro", &st), 0);
	assert_int_equal(st.mode, 0555);
}

static void
test_fs_image__docker_save(void **state)
{
	struct membuf l1 = mk_tar(layer1, sizeof(layer1) / sizeof(*layer1),
	    false);
	struct membuf l2 = mk_tar(layer2, sizeof(layer2) / sizeof(*layer2),
	    true);
	static const char manifest[] =
	    "[{\"Config\":\"cfg.json\",\"RepoTags\":[\"x:1\"],"
	    "\"Layers\":[\"aaa/layer.tar\",\"bbb\\/layer.tar\"]}]";
	struct ent outer[] = {
		{ D, "aaa", NULL, 0755, 0 },
		{ F, "aaa/layer.tar", l1.data, 0644, l1.len },
		{ D, "bbb", NULL, 0755, 0 },
		{ F, "bbb/layer.tar", l2.data, 0644, l2.len },
		{ F, "cfg.json", "{}", 0644, 0 },
		{ F, "manifest.json", manifest, 0644, 0 },
	};
	struct membuf m = mk_tar(outer, sizeof(outer) / sizeof(*outer), false);
	struct plat_target *t = NULL;

	(void)state;
	put_file(fx("docker.tar"), m.data, m.len);
	free(m.data);
	free(l1.data);
	free(l2.data);
	if (plat_target_image_new(&t, fx("docker.tar")) != 0)
		fail_msg("%s", ks_error_msg());
	check_layered(t);
	/* the staged layout is not part of the root */
	assert_absent(t, "/manifest.json");
	assert_absent(t, "/aaa");
	plat_target_free(t);
	assert_no_leftover();
}

static void
test_fs_image__docker_bad_manifest(void **state)
{
	static const char *const bad[] = {
		"[{\"Layers\":[\"../../etc/passwd\"]}]",
		"[{\"Layers\":[\"/etc/passwd\"]}]",
		"[{\"Layers\":[\"missing.tar\"]}]",
		"[{\"Layers\":[\"a.tar\"}]",		/* malformed */
		"[{\"Config\":\"x\"}]",			/* no Layers */
		"[{\"Layers\":[\"a.tar\"],\"n\":01}]",	/* RFC 8259 */
		"[{\"Layers\":[\"a\\x.tar\"]}]",		/* bad escape */
		"[{\"Layers\":[\"a.tar\"]}] x",		/* trailing */
		"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["
		    "[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]"
		    "]]]]]]]]]]]]]]]]]]]]]]",			/* too deep */
		"[{\"Layers\":[\"a.tar\",7]}]",
		"[{\"Layers\":[{\"x\":1}]}]",
	};
	static const char *const msg[] = {
		"path leaves the image", "absolute path", "cannot open",
		"malformed JSON", "no Layers list", "malformed JSON",
		"malformed JSON", "malformed JSON", "malformed JSON",
		"Layers[1] is not a string",
		"Layers[0] is not a string",
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(*bad); i++) {
		struct ent outer[] = {
			{ F, "a.tar", "not a tar at all, but not read", 0, 0 },
			{ F, "manifest.json", bad[i], 0644, 0 },
		};
		struct membuf m = mk_tar(outer, 2, false);

		put_file(fx("bad.tar"), m.data, m.len);
		free(m.data);
		assert_open_fails(fx("bad.tar"), KS_EPARSE, msg[i]);
	}
}

/* ---- OCI layouts --------------------------------------------------------- */

struct oci {
	char		 l1hex[65], l2hex[65], mhex[65], ihex[65];
	struct membuf	 l1, l2, man, idx;
	char		 index[512];
};

/* Builds the blobs of a two-layer image, with a nested image index. */
static void
oci_build(struct oci *o, bool corrupt)
{
	char *man;
	size_t n;

	o->l1 = mk_tar(layer1, sizeof(layer1) / sizeof(*layer1), true);
	o->l2 = mk_tar(layer2, sizeof(layer2) / sizeof(*layer2), false);
	sha256_hex(o->l1.data, o->l1.len, o->l1hex);
	sha256_hex(o->l2.data, o->l2.len, o->l2hex);
	if (corrupt)
		o->l2.data[o->l2.len - 1] ^= 1;	/* padding: still a tar */
	man = ks_asprintf("{\"schemaVersion\":2,\"mediaType\":"
	    "\"application/vnd.oci.image.manifest.v1+json\",\"config\":"
	    "{\"mediaType\":\"application/vnd.oci.image.config.v1+json\","
	    "\"digest\":\"sha256:%s\",\"size\":2},\n\"layers\":[{"
	    "\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\","
	    "\"digest\":\"sha256:%s\",\"size\":%zu},\n {\"digest\":"
	    "\"sha256:%s\",\"mediaType\":"
	    "\"application\\u002fvnd.oci.image.layer.v1.tar\",\"size\":%zu}]"
	    ",\"annotations\":{\"a\":[-0,2.5e+3,true,null,"
	    "\"\\ud83d\\ude00\"]}}",
	    o->l1hex, o->l1hex, o->l1.len, o->l2hex, o->l2.len);
	o->man.data = man;
	o->man.len = strlen(man);
	sha256_hex(man, o->man.len, o->mhex);
	o->idx.data = ks_asprintf("{\"schemaVersion\":2,\"manifests\":[{"
	    "\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
	    "\"digest\":\"sha256:%s\",\"size\":%zu}]}", o->mhex, o->man.len);
	o->idx.len = strlen(o->idx.data);
	sha256_hex(o->idx.data, o->idx.len, o->ihex);
	/* index.json -> a nested image index -> the manifest */
	n = (size_t)snprintf(o->index, sizeof(o->index),
	    "{\"schemaVersion\":2,\"manifests\":[{\"mediaType\":"
	    "\"application/vnd.oci.image.index.v1+json\",\"digest\":"
	    "\"sha256:%s\",\"size\":%zu}]}", o->ihex, o->idx.len);
	assert_true(n < sizeof(o->index));
}

static void
oci_free(struct oci *o)
{
	free(o->l1.data);
	free(o->l2.data);
	free(o->man.data);
	free(o->idx.data);
}

static void
oci_tar(struct oci *o, const char *path)
{
	char p[6][96];
	struct ent outer[9];
	struct membuf m;

	snprintf(p[0], sizeof(p[0]), "blobs/sha256/%s", o->l1hex);
	snprintf(p[1], sizeof(p[1]), "blobs/sha256/%s", o->l2hex);
	snprintf(p[2], sizeof(p[2]), "blobs/sha256/%s", o->mhex);
	snprintf(p[3], sizeof(p[3]), "blobs/sha256/%s", o->ihex);
	outer[0] = (struct ent){ F, "oci-layout",
	    "{\"imageLayoutVersion\":\"1.0.0\"}", 0644, 0 };
	outer[1] = (struct ent){ F, "index.json", o->index, 0644, 0 };
	outer[2] = (struct ent){ D, "blobs", NULL, 0755, 0 };
	outer[3] = (struct ent){ D, "blobs/sha256", NULL, 0755, 0 };
	outer[4] = (struct ent){ F, p[0], o->l1.data, 0644, o->l1.len };
	outer[5] = (struct ent){ F, p[1], o->l2.data, 0644, o->l2.len };
	outer[6] = (struct ent){ F, p[2], o->man.data, 0644, o->man.len };
	outer[7] = (struct ent){ F, p[3], o->idx.data, 0644, o->idx.len };
	outer[8] = (struct ent){ F, "manifest.json", "[]", 0644, 0 };
	m = mk_tar(outer, 9, false);
	put_file(path, m.data, m.len);
	free(m.data);
}

static void
oci_dir(struct oci *o, const char *dir)
{
	char p[PATH_MAX];

	assert_int_equal(mkdir(dir, 0755), 0);
	snprintf(p, sizeof(p), "%s/blobs", dir);
	assert_int_equal(mkdir(p, 0755), 0);
	snprintf(p, sizeof(p), "%s/blobs/sha256", dir);
	assert_int_equal(mkdir(p, 0755), 0);
	snprintf(p, sizeof(p), "%s/oci-layout", dir);
	put_str(p, "{\"imageLayoutVersion\":\"1.0.0\"}");
	snprintf(p, sizeof(p), "%s/index.json", dir);
	put_file(p, o->index, strlen(o->index));
	snprintf(p, sizeof(p), "%s/blobs/sha256/%s", dir, o->l1hex);
	put_file(p, o->l1.data, o->l1.len);
	snprintf(p, sizeof(p), "%s/blobs/sha256/%s", dir, o->l2hex);
	put_file(p, o->l2.data, o->l2.len);
	snprintf(p, sizeof(p), "%s/blobs/sha256/%s", dir, o->mhex);
	put_file(p, o->man.data, o->man.len);
	snprintf(p, sizeof(p), "%s/blobs/sha256/%s", dir, o->ihex);
	put_file(p, o->idx.data, o->idx.len);
}

static void
test_fs_image__oci_tar(void **state)
{
	struct plat_target *t = NULL;
	struct oci o;

	(void)state;
	oci_build(&o, false);
	oci_tar(&o, fx("oci.tar"));
	if (plat_target_image_new(&t, fx("oci.tar")) != 0)
		fail_msg("%s", ks_error_msg());
	check_layered(t);
	assert_absent(t, "/oci-layout");
	assert_absent(t, "/blobs");
	plat_target_free(t);
	assert_no_leftover();
	oci_free(&o);
}

static void
test_fs_image__oci_dir(void **state)
{
	struct plat_target *t = NULL;
	struct stat sb;
	struct oci o;

	(void)state;
	oci_build(&o, false);
	oci_dir(&o, fx("ocidir"));
	if (plat_target_image_new(&t, fx("ocidir")) != 0)
		fail_msg("%s", ks_error_msg());
	check_layered(t);
	plat_target_free(t);
	assert_no_leftover();
	/* the layout itself is left alone */
	assert_int_equal(stat(fx("ocidir/index.json"), &sb), 0);
	oci_free(&o);
	/* a directory that is not a layout is not an image */
	assert_open_fails(tmpdir, KS_EPARSE, "not an OCI image layout");
}

static void
test_fs_image__oci_wrong_digest(void **state)
{
	struct oci o;
	char p[PATH_MAX];

	(void)state;
	oci_build(&o, true);
	oci_tar(&o, fx("ocibad.tar"));
	assert_open_fails(fx("ocibad.tar"), KS_EPARSE,
	    "does not match its digest");
	oci_dir(&o, fx("ocibad"));
	assert_open_fails(fx("ocibad"), KS_EPARSE, "layer 2");
	/* a manifest that does not match its digest */
	snprintf(p, sizeof(p), "%s/blobs/sha256/%s", fx("ocibad"), o.mhex);
	put_str(p, "{\"layers\":[]}");
	assert_open_fails(fx("ocibad"), KS_EPARSE, "does not match");
	/* a digest that is not sha256:HEX */
	snprintf(p, sizeof(p), "%s/index.json", fx("ocibad"));
	put_str(p, "{\"manifests\":[{\"digest\":\"sha256:../../x\"}]}");
	assert_open_fails(fx("ocibad"), KS_EPARSE, "bad digest");
	put_str(p, "{\"manifests\":[{\"digest\":\"md5:abc\"}]}");
	assert_open_fails(fx("ocibad"), KS_EUNSUPPORTED, "unsupported");
	/* a manifest with neither layers nor manifests */
	snprintf(p, sizeof(p), "%s/blobs/sha256/%s", fx("ocibad"),
	    "44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a");
	put_str(p, "{}");
	snprintf(p, sizeof(p), "%s/index.json", fx("ocibad"));
	put_str(p, "{\"manifests\":[{\"digest\":\"sha256:"
	    "44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a"
	    "\"}]}");
	assert_open_fails(fx("ocibad"), KS_EPARSE, "neither an image");
	oci_free(&o);
}

/* ---- hostile archives ---------------------------------------------------- */

static void
write_tar_xa(const char *name, const struct ent *e, size_t n,
    const struct xent *xt)
{
	struct membuf m = mk_tar_xa(e, n, false, xt);

	put_file(fx(name), m.data, m.len);
	free(m.data);
}

static void
write_tar(const char *name, const struct ent *e, size_t n)
{
	write_tar_xa(name, e, n, NULL);
}

static void
test_fs_image__traversal_refused(void **state)
{
	const struct ent dotdot[] = {
		{ F, "etc/ok", "ok", 0, 0 },
		{ F, "../etc/passwd", "pwned", 0, 0 },
	};
	const struct ent dotdot2[] = {
		{ F, "a/./b/../../../x", "pwned", 0, 0 },
	};
	const struct ent abs[] = {
		{ F, "/etc/passwd", "pwned", 0, 0 },
	};
	const struct ent hard[] = {
		{ H, "x", "../../../etc/passwd", 0, 0 },
	};
	const struct ent hard_missing[] = {
		{ H, "x", "nope", 0, 0 },
	};

	(void)state;
	write_tar("t1.tar", dotdot, 2);
	assert_open_fails(fx("t1.tar"), KS_EPARSE,
	    "entry '../etc/passwd': path leaves the image");
	write_tar("t2.tar", dotdot2, 1);
	assert_open_fails(fx("t2.tar"), KS_EPARSE, "path leaves the image");
	write_tar("t3.tar", abs, 1);
	assert_open_fails(fx("t3.tar"), KS_EPARSE, "absolute path");
	write_tar("t4.tar", hard, 1);
	assert_open_fails(fx("t4.tar"), KS_EPARSE, "path leaves the image");
	write_tar("t5.tar", hard_missing, 1);
	assert_open_fails(fx("t5.tar"), KS_EPARSE, "not in the image");
	/* in a layer, the message names the layer */
	{
		struct membuf l = mk_tar(dotdot, 2, true);
		const char man[] = "[{\"Layers\":[\"ok.tar\",\"l.tar\"]}]";
		struct ent outer[] = {
			{ F, "ok.tar", NULL, 0644, 0 },
			{ F, "l.tar", l.data, 0644, l.len },
			{ F, "manifest.json", man, 0644, 0 },
		};
		struct membuf ok = mk_tar(dotdot, 1, false);

		outer[0].data = ok.data;
		outer[0].len = ok.len;
		write_tar("t6.tar", outer, 3);
		assert_open_fails(fx("t6.tar"), KS_EPARSE, "t6.tar: layer 2 "
		    "(l.tar): entry '../etc/passwd': path leaves the image");
		free(l.data);
		free(ok.data);
	}
	assert_int_equal(access(fx("x"), F_OK), -1);
}

static void
test_fs_image__links_contained(void **state)
{
	char out[PATH_MAX * 2], victim[PATH_MAX * 2];
	struct plat_target *t = NULL;
	struct plat_stat st;
	char *data = NULL;
	size_t len = 0;

	(void)state;
	snprintf(out, sizeof(out), "%s/outside", tmpdir);
	assert_int_equal(mkdir(out, 0755), 0);
	snprintf(victim, sizeof(victim), "%s/outside/victim", tmpdir);
	put_file(victim, "original", 8);
	{
		const struct ent e[] = {
			/* a link to a host directory, then a file through it */
			{ L, "esc", out, 0777, 0 },
			{ F, "esc/pwned", "pwned", 0, 0 },
			{ L, "up", "../../../../../../..", 0777, 0 },
			{ F, "up/tmp/pwned", "pwned", 0, 0 },
			/* a link to a host file, then a file over it */
			{ L, "lnk", victim, 0777, 0 },
			{ F, "lnk", "replaced", 0, 0 },
			{ L, "lnk2", victim, 0777, 0 },
			{ H, "hl", "lnk2", 0, 0 },
			{ F, "ok", "ok", 0, 0 },
		};
		write_tar("links.tar", e, sizeof(e) / sizeof(*e));
	}
	if (plat_target_image_new(&t, fx("links.tar")) != 0)
		fail_msg("%s", ks_error_msg());
	/* nothing was written outside */
	assert_int_equal(access(fx("outside/pwned"), F_OK), -1);
	assert_int_equal(ks_file_read(victim, 100, &data, &len), 0);
	assert_string_equal(data, "original");
	free(data);
	/* the link was replaced by the file, inside */
	assert_content(t, "/lnk", "replaced");
	assert_absent(t, "/esc/pwned");
	assert_int_equal(plat_fs_lstat(t, "/esc", &st), 0);
	assert_int_equal(st.type, PLAT_FT_LNK);
	/* the host path resolves inside the image: not found there */
	assert_int_equal(plat_fs_stat(t, "/lnk2", &st), KS_ENOTFOUND);
	assert_int_equal(plat_fs_lstat(t, "/hl", &st), 0);
	assert_int_equal(st.type, PLAT_FT_LNK);
	assert_content(t, "/ok", "ok");
	plat_target_free(t);
	assert_no_leftover();
}

static void
test_fs_image__devices_skipped(void **state)
{
	const struct ent e[] = {
		{ D, "dev", NULL, 0755, 0 },
		{ C, "dev/null", NULL, 0666, 0 },
		{ P, "dev/fifo", NULL, 0600, 0 },
		{ F, "etc/hostname", "img\n", 0644, 0 },
	};
	struct plat_target *t = NULL;
	struct plat_stat st;

	(void)state;
	write_tar("dev.tar", e, sizeof(e) / sizeof(*e));
	if (plat_target_image_new(&t, fx("dev.tar")) != 0)
		fail_msg("%s", ks_error_msg());
	assert_int_equal(plat_fs_stat(t, "/dev", &st), 0);
	assert_absent(t, "/dev/null");
	assert_absent(t, "/dev/fifo");
	assert_content(t, "/etc/hostname", "img\n");
	plat_target_free(t);
	assert_no_leftover();
}

static void
test_fs_image__byte_cap(void **state)
{
	static char big[5000];
	const struct ent e[] = {
		{ F, "small", "s", 0, 0 },
		{ F, "big", big, 0644, sizeof(big) },
	};
	struct membuf l;

	(void)state;
	memset(big, 'b', sizeof(big));
	write_tar("big.tar", e, 2);
	setenv("KENSA_IMAGE_MAX_BYTES", "1000", 1);
	assert_open_fails(fx("big.tar"), KS_ELIMIT, "image larger than 1000");
	/* the same cap counts every layer */
	l = mk_tar(e, 2, true);
	{
		char man[] = "[{\"Layers\":[\"l.tar.gz\"]}]";
		struct ent outer[] = {
			{ F, "l.tar.gz", l.data, 0644, l.len },
			{ F, "manifest.json", man, 0644, 0 },
		};

		setenv("KENSA_IMAGE_MAX_BYTES", "4000", 1);
		write_tar("bigd.tar", outer, 2);
		assert_open_fails(fx("bigd.tar"), KS_ELIMIT,
		    "image larger than 4000");
	}
	free(l.data);
	unsetenv("KENSA_IMAGE_MAX_BYTES");
}

static void
test_fs_image__bad_inputs(void **state)
{
	(void)state;
	assert_open_fails(fx("does-not-exist.tar"), KS_ENOTFOUND, NULL);
	put_file(fx("garbage.tar"), "this is not an archive\n", 23);
	assert_open_fails(fx("garbage.tar"), KS_EPARSE, "garbage.tar");
	put_file(fx("empty.tar"), "", 0);
	assert_open_fails(fx("empty.tar"), KS_EPARSE, "empty archive");
	assert_int_equal(plat_target_image_new(&(struct plat_target *){ NULL },
	    ""), KS_ERROR);
}

/* ---- extended attributes ------------------------------------------------- */

/* A POSIX access ACL as the kernel stores it (posix_acl_xattr.h): version
 * 2, then {tag, perm, id} little-endian sorted by tag and id: user::rw-,
 * user:1000:rwx, group::r--, group:2000:r--, mask::rwx, other::---. */
static const unsigned char acl_blob[] = {
	2, 0, 0, 0,
	0x01, 0, 6, 0, 0xff, 0xff, 0xff, 0xff,
	0x02, 0, 7, 0, 0xe8, 0x03, 0, 0,
	0x04, 0, 4, 0, 0xff, 0xff, 0xff, 0xff,
	0x08, 0, 4, 0, 0xd0, 0x07, 0, 0,
	0x10, 0, 7, 0, 0xff, 0xff, 0xff, 0xff,
	0x20, 0, 0, 0, 0xff, 0xff, 0xff, 0xff,
};
/* The kernel keeps a context with its NUL; tar copies it as it is. */
#define ETC_CTX	"system_u:object_r:etc_t:s0"
#define SHADOW_CTX	"system_u:object_r:shadow_t:s0"

struct names {
	char	 buf[1024];
	size_t	 n;
};

static int
name_cb(const char *name, void *payload)
{
	struct names *nm = payload;
	size_t len = strlen(name);

	assert_true(nm->n + len + 2 < sizeof(nm->buf));
	memcpy(nm->buf + nm->n, name, len);
	nm->n += len;
	nm->buf[nm->n++] = ' ';
	nm->buf[nm->n] = '\0';
	return 0;
}

/* The names of `path`'s attributes, sorted, space-separated. */
static const char *
xnames(struct plat_target *t, const char *path)
{
	static struct names nm;
	char *w[64], tmp[1024], *p, *save = NULL;
	size_t n = 0, i, j;
	int rc;

	memset(&nm, 0, sizeof(nm));
	if ((rc = plat_fs_listxattr(t, path, name_cb, &nm)) != 0)
		fail_msg("listxattr %s: %d %s", path, rc, ks_error_msg());
	snprintf(tmp, sizeof(tmp), "%s", nm.buf);
	for (p = strtok_r(tmp, " ", &save); p != NULL && n < 64;
	    p = strtok_r(NULL, " ", &save))
		w[n++] = p;
	for (i = 1; i < n; i++)
		for (j = i; j > 0 && strcmp(w[j - 1], w[j]) > 0; j--) {
			p = w[j];
			w[j] = w[j - 1];
			w[j - 1] = p;
		}
	nm.buf[0] = '\0';
	for (i = 0; i < n; i++)
		snprintf(nm.buf + strlen(nm.buf), sizeof(nm.buf) -
		    strlen(nm.buf), "%s%s", i ? " " : "", w[i]);
	return nm.buf;
}

static void
assert_xattr(struct plat_target *t, const char *path, const char *name,
    const void *want, size_t wantlen)
{
	char *v = NULL;
	size_t len = 0;
	int rc = plat_fs_getxattr(t, path, name, &v, &len);

	if (rc != 0)
		fail_msg("getxattr %s %s: %d %s", path, name, rc,
		    ks_error_msg());
	assert_int_equal(len, wantlen);
	assert_memory_equal(v, want, len);
	assert_int_equal(v[len], '\0');
	free(v);
}

static void
assert_no_xattr(struct plat_target *t, const char *path, const char *name)
{
	char *v = NULL;
	size_t len = 7;

	assert_int_equal(plat_fs_getxattr(t, path, name, &v, &len),
	    KS_ENOTFOUND);
	assert_null(v);
	assert_int_equal(len, 0);
	assert_non_null(strstr(ks_error_msg(), name));
}

/* The unpacked copy of `rel` in the image's tree holds none of the
 * archive's attributes. */
static void
assert_copy_bare(const char *rel, const char *ctx)
{
	char p[PATH_MAX * 3], v[256];
	struct dirent *de;
	DIR *d = opendir(scratch);
	ssize_t n;
	int found = 0;

	assert_non_null(d);
	while ((de = readdir(d)) != NULL) {
		if (strncmp(de->d_name, "kensa-image-", 12) != 0)
			continue;
		snprintf(p, sizeof(p), "%s/%s/outer/%s", scratch, de->d_name,
		    rel);
		found++;
		assert_int_equal(lgetxattr(p, "user.kensa", v, sizeof(v)), -1);
		n = lgetxattr(p, "security.selinux", v, sizeof(v) - 1);
		if (n >= 0) {
			/* the host's own label of a new file, if any */
			v[n] = '\0';
			assert_null(strstr(v, ctx));
		}
		assert_int_equal(lgetxattr(p, "system.posix_acl_access", v,
		    sizeof(v)), -1);
	}
	closedir(d);
	assert_int_equal(found, 1);
}

static void
test_fs_image__xattrs(void **state)
{
	static const struct xv f_xa[] = {
		{ "user.kensa", "fixture", 0 },
		{ "security.selinux", ETC_CTX, sizeof(ETC_CTX) },
		{ "system.posix_acl_access", acl_blob, sizeof(acl_blob) },
		{ "user.bin", "\0\1\2\377", 4 },
		{ NULL, NULL, 0 },
	};
	static const struct xv dir_xa[] = {
		{ "security.selinux", ETC_CTX, sizeof(ETC_CTX) },
		{ NULL, NULL, 0 },
	};
	static const struct xv shadow_xa[] = {
		{ "security.selinux", SHADOW_CTX, sizeof(SHADOW_CTX) },
		{ NULL, NULL, 0 },
	};
	static const struct xv link_xa[] = {
		{ "security.selinux", "system_u:object_r:lnk_t:s0", 0 },
		{ NULL, NULL, 0 },
	};
	static const struct xv top_xa[] = {
		{ "user.top", "1", 0 },
		{ NULL, NULL, 0 },
	};
	const struct ent root[] = {
		{ D, "./", NULL, 0755, 0 },
		{ D, "./etc", NULL, 0755, 0 },
		{ F, "./etc/f", "f", 0644, 0 },
		{ F, "./etc/shadow", "s", 0640, 0 },
		{ F, "./etc/plain", "p", 0644, 0 },
		{ L, "./etc/l", "f", 0777, 0 },
		{ H, "./etc/hard", "./etc/f", 0, 0 },
	};
	const struct xent xt[] = {
		{ "./", top_xa }, { "./etc", dir_xa }, { "./etc/f", f_xa },
		{ "./etc/shadow", shadow_xa }, { "./etc/l", link_xa },
		{ NULL, NULL },
	};
	struct plat_target *t = NULL;
	char *v = NULL;
	size_t len = 0;

	(void)state;
	write_tar_xa("xa.tar", root, sizeof(root) / sizeof(*root), xt);
	if (plat_target_image_new(&t, fx("xa.tar")) != 0)
		fail_msg("%s", ks_error_msg());
	assert_string_equal(xnames(t, "/etc/f"), "security.selinux "
	    "system.posix_acl_access user.bin user.kensa");
	assert_xattr(t, "/etc/f", "user.kensa", "fixture", 7);
	assert_xattr(t, "/etc/f", "user.bin", "\0\1\2\377", 4);
	assert_xattr(t, "/etc/f", "security.selinux", ETC_CTX,
	    sizeof(ETC_CTX));
	assert_xattr(t, "/etc/f", "system.posix_acl_access", acl_blob,
	    sizeof(acl_blob));
	assert_xattr(t, "/etc/shadow", "security.selinux", SHADOW_CTX,
	    sizeof(SHADOW_CTX));
	assert_xattr(t, "/etc", "security.selinux", ETC_CTX,
	    sizeof(ETC_CTX));
	assert_xattr(t, "/", "user.top", "1", 1);
	/* a hard link is the same inode */
	assert_xattr(t, "/etc/hard", "user.kensa", "fixture", 7);
	/* a link's own attributes: the last link is not followed, the
	 * ones on the way are */
	assert_string_equal(xnames(t, "/etc/l"), "security.selinux");
	assert_xattr(t, "/etc/l", "security.selinux",
	    "system_u:object_r:lnk_t:s0", 26);
	assert_no_xattr(t, "/etc/l", "user.kensa");
	assert_string_equal(xnames(t, "/etc/plain"), "");
	assert_no_xattr(t, "/etc/plain", "user.kensa");
	assert_no_xattr(t, "/etc/f", "user.other");
	assert_int_equal(plat_fs_getxattr(t, "/etc/missing", "user.kensa",
	    &v, &len), KS_ENOTFOUND);
	assert_int_equal(plat_fs_listxattr(t, "/etc/missing", name_cb,
	    &(struct names){ .n = 0 }), KS_ENOTFOUND);
	assert_int_equal(plat_fs_getxattr(t, "etc/f", "user.kensa", &v, &len),
	    KS_ERROR);
	/* nothing was set on the copy the image is read from */
	assert_copy_bare("etc/f", ETC_CTX);
	plat_target_free(t);
	assert_no_leftover();
}

/*
 * Layers: a later layer's entry replaces the attributes of the earlier
 * one (all of them: an entry carries its whole set), a whiteout removes the
 * file with them, and a file made in a freed inode starts bare.
 */
static void
test_fs_image__xattr_layers(void **state)
{
	static const struct xv a1[] = {
		{ "user.x", "1", 0 },
		{ "security.selinux", ETC_CTX, sizeof(ETC_CTX) },
		{ NULL, NULL, 0 },
	};
	static const struct xv a2[] = {
		{ "user.x", "2", 0 },
		{ NULL, NULL, 0 },
	};
	static const struct xv b1[] = {
		{ "user.y", "b", 0 },
		{ "system.posix_acl_access", acl_blob, sizeof(acl_blob) },
		{ NULL, NULL, 0 },
	};
	static const struct xv d1[] = {
		{ "user.d", "d", 0 },
		{ NULL, NULL, 0 },
	};
	const struct ent l1[] = {
		{ D, "etc", NULL, 0755, 0 },
		{ F, "etc/a", "one", 0644, 0 },
		{ F, "etc/b", "bee", 0644, 0 },
		{ F, "etc/keep", "k", 0644, 0 },
	};
	const struct xent x1[] = {
		{ "etc", d1 }, { "etc/a", a1 }, { "etc/b", b1 },
		{ "etc/keep", b1 }, { NULL, NULL },
	};
	const struct ent l2[] = {
		{ D, "etc", NULL, 0750, 0 },
		{ F, "etc/a", "two", 0644, 0 },
		{ F, "etc/.wh.b", "", 0644, 0 },
		{ F, "etc/new1", "n", 0644, 0 },
		{ F, "etc/new2", "n", 0644, 0 },
	};
	const struct xent x2[] = {
		{ "etc/a", a2 }, { NULL, NULL },
	};
	struct membuf m1 = mk_tar_xa(l1, sizeof(l1) / sizeof(*l1), false, x1);
	struct membuf m2 = mk_tar_xa(l2, sizeof(l2) / sizeof(*l2), true, x2);
	static const char man[] = "[{\"Layers\":[\"1.tar\",\"2.tar.gz\"]}]";
	struct ent outer[] = {
		{ F, "1.tar", m1.data, 0644, m1.len },
		{ F, "2.tar.gz", m2.data, 0644, m2.len },
		{ F, "manifest.json", man, 0644, 0 },
	};
	struct plat_target *t = NULL;

	(void)state;
	write_tar("xl.tar", outer, 3);
	free(m1.data);
	free(m2.data);
	if (plat_target_image_new(&t, fx("xl.tar")) != 0)
		fail_msg("%s", ks_error_msg());
	assert_content(t, "/etc/a", "two");
	assert_string_equal(xnames(t, "/etc/a"), "user.x");
	assert_xattr(t, "/etc/a", "user.x", "2", 1);
	assert_no_xattr(t, "/etc/a", "security.selinux");
	assert_absent(t, "/etc/b");
	assert_int_equal(plat_fs_getxattr(t, "/etc/b", "user.y",
	    &(char *){ NULL }, &(size_t){ 0 }), KS_ENOTFOUND);
	assert_string_equal(xnames(t, "/etc"), "");
	assert_string_equal(xnames(t, "/etc/keep"),
	    "system.posix_acl_access user.y");
	assert_string_equal(xnames(t, "/etc/new1"), "");
	assert_string_equal(xnames(t, "/etc/new2"), "");
	plat_target_free(t);
	assert_no_leftover();
}

/* Adds a file or directory with the POSIX.1e ACL entries {type, perm, tag,
 * id} (ending with type 0) to the archive `a`. */
static void
add_acl_entry(struct archive *a, const char *path, bool dir, mode_t mode,
    const int (*acl)[4])
{
	struct archive_entry *ae = archive_entry_new();

	archive_entry_set_pathname(ae, path);
	archive_entry_set_filetype(ae, dir ? AE_IFDIR : AE_IFREG);
	archive_entry_set_perm(ae, mode);
	archive_entry_set_size(ae, 0);
	for (; (*acl)[0] != 0; acl++)
		assert_int_equal(archive_entry_acl_add_entry(ae, (*acl)[0],
		    (*acl)[1], (*acl)[2], (*acl)[3], NULL), ARCHIVE_OK);
	assert_int_equal(archive_write_header(a, ae), ARCHIVE_OK);
	archive_entry_free(ae);
}

/*
 * ACLs recorded as text (pax SCHILY.acl.access / .default: bsdtar's default
 * and GNU tar --acls) read as the system.posix_acl_* attributes the kernel
 * would hold; an access ACL of the three mode entries is no attribute.
 */
static void
test_fs_image__acl_text(void **state)
{
	enum {
		A = ARCHIVE_ENTRY_ACL_TYPE_ACCESS,
		DF = ARCHIVE_ENTRY_ACL_TYPE_DEFAULT,
	};
	/* out of the kernel's order: the attribute sorts them */
	static const int ext[][4] = {
		{ A, 4, ARCHIVE_ENTRY_ACL_GROUP, 2000 },
		{ A, 6, ARCHIVE_ENTRY_ACL_USER_OBJ, -1 },
		{ A, 7, ARCHIVE_ENTRY_ACL_USER, 1000 },
		{ A, 4, ARCHIVE_ENTRY_ACL_GROUP_OBJ, -1 },
		{ A, 7, ARCHIVE_ENTRY_ACL_MASK, -1 },
		{ A, 0, ARCHIVE_ENTRY_ACL_OTHER, -1 },
		{ 0, 0, 0, 0 },
	};
	static const int base[][4] = {
		{ A, 6, ARCHIVE_ENTRY_ACL_USER_OBJ, -1 },
		{ A, 4, ARCHIVE_ENTRY_ACL_GROUP_OBJ, -1 },
		{ A, 4, ARCHIVE_ENTRY_ACL_OTHER, -1 },
		{ 0, 0, 0, 0 },
	};
	static const int dfl[][4] = {
		{ DF, 7, ARCHIVE_ENTRY_ACL_USER_OBJ, -1 },
		{ DF, 5, ARCHIVE_ENTRY_ACL_GROUP_OBJ, -1 },
		{ DF, 5, ARCHIVE_ENTRY_ACL_OTHER, -1 },
		{ 0, 0, 0, 0 },
	};
	static const unsigned char dfl_blob[] = {
		2, 0, 0, 0,
		0x01, 0, 7, 0, 0xff, 0xff, 0xff, 0xff,
		0x04, 0, 5, 0, 0xff, 0xff, 0xff, 0xff,
		0x20, 0, 5, 0, 0xff, 0xff, 0xff, 0xff,
	};
	struct archive *a = archive_write_new();
	struct plat_target *t = NULL;
	size_t cap = 1 << 16, used = 0;
	char *buf = malloc(cap);

	(void)state;
	archive_write_set_format_pax_restricted(a);
	assert_int_equal(archive_write_open_memory(a, buf, cap, &used),
	    ARCHIVE_OK);
	add_acl_entry(a, "etc/acl", false, 0640, ext);
	add_acl_entry(a, "etc/base", false, 0644, base);
	add_acl_entry(a, "etc/dd", true, 0755, dfl);
	assert_int_equal(archive_write_close(a), ARCHIVE_OK);
	archive_write_free(a);
	assert_non_null(memmem(buf, used, "SCHILY.acl.access", 17));
	put_file(fx("acl.tar"), buf, used);
	free(buf);
	if (plat_target_image_new(&t, fx("acl.tar")) != 0)
		fail_msg("%s", ks_error_msg());
	assert_xattr(t, "/etc/acl", "system.posix_acl_access", acl_blob,
	    sizeof(acl_blob));
	assert_string_equal(xnames(t, "/etc/base"), "");
	assert_string_equal(xnames(t, "/etc/dd"), "system.posix_acl_default");
	assert_xattr(t, "/etc/dd", "system.posix_acl_default", dfl_blob,
	    sizeof(dfl_blob));
	plat_target_free(t);
	assert_no_leftover();
}

/* Caps: one value over 64 KiB (the kernel's own limit), and attribute
 * bytes counted in the image's expanded size. */
static void
test_fs_image__xattr_caps(void **state)
{
	static char big[70000];
	static const struct xv huge[] = {
		{ "user.huge", big, sizeof(big) },
		{ NULL, NULL, 0 },
	};
	static const struct xv mid[] = {
		{ "user.mid", big, 3000 },
		{ NULL, NULL, 0 },
	};
	const struct ent e[] = {
		{ F, "etc/f", "f", 0644, 0 },
		{ F, "etc/g", "g", 0644, 0 },
	};
	const struct xent xt1[] = { { "etc/f", huge }, { NULL, NULL } };
	const struct xent xt2[] = { { "etc/f", mid }, { NULL, NULL } };
	const struct xent xt3[] = {
		{ "etc/f", mid }, { "etc/g", mid }, { NULL, NULL },
	};
	struct plat_target *t = NULL;

	(void)state;
	memset(big, 'x', sizeof(big));
	write_tar_xa("xhuge.tar", e, 1, xt1);
	assert_open_fails(fx("xhuge.tar"), KS_ELIMIT, "longer than 65536");
	assert_non_null(strstr(ks_error_msg(), "etc/f"));
	write_tar_xa("xmid.tar", e, 1, xt2);
	if (plat_target_image_new(&t, fx("xmid.tar")) != 0)
		fail_msg("%s", ks_error_msg());
	assert_xattr(t, "/etc/f", "user.mid", big, 3000);
	plat_target_free(t);
	write_tar_xa("xsum.tar", e, 2, xt3);
	setenv("KENSA_IMAGE_MAX_BYTES", "5000", 1);
	assert_open_fails(fx("xsum.tar"), KS_ELIMIT, "image larger than 5000");
	unsetenv("KENSA_IMAGE_MAX_BYTES");
	assert_no_leftover();
}

/* ---- main ---------------------------------------------------------------- */


#define CASE(fn)	cmocka_unit_test(fn)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		CASE(test_fs_image__plain_targz),
		CASE(test_fs_image__zip),
		CASE(test_fs_image__docker_save),
		CASE(test_fs_image__docker_bad_manifest),
		CASE(test_fs_image__oci_tar),
		CASE(test_fs_image__oci_dir),
		CASE(test_fs_image__oci_wrong_digest),
		CASE(test_fs_image__traversal_refused),
		CASE(test_fs_image__links_contained),
		CASE(test_fs_image__devices_skipped),
		CASE(test_fs_image__byte_cap),
		CASE(test_fs_image__bad_inputs),
		CASE(test_fs_image__xattrs),
		CASE(test_fs_image__xattr_layers),
		CASE(test_fs_image__acl_text),
		CASE(test_fs_image__xattr_caps),
	};
	char tmpl[] = "/tmp/kensa-test-img-XXXXXX";
	int fails;

	if (mkdtemp(tmpl) == NULL || realpath(tmpl, tmpdir) == NULL) {
		perror("mkdtemp");
		return 1;
	}
	snprintf(scratch, sizeof(scratch), "%s/scratch", tmpdir);
	if (mkdir(scratch, 0700) != 0) {
		perror("mkdir");
		return 1;
	}
	/* the images' trees go here, so leftovers can be counted */
	setenv("TMPDIR", scratch, 1);
	fails = cmocka_run_group_tests_name("fs_image", tests, NULL, NULL);
	test_tmp_rm(tmpdir);
	return fails != 0;
}
