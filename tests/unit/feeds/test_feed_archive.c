/*
 * Tests for feeds/feed_archive.c: normal .tar.xz, .zip and single-file
 * .gz/.bz2/.xz extraction, refusal of absolute paths, "..", symlink and
 * hard-link escapes and device files with the destination left as it was,
 * the entry/size/ratio caps (a 1 GiB xz bomb and a zip bomb stop early),
 * and streaming one member. Fixture archives are written by the tests
 * with libarchive (or xz) into a temporary directory.
 */
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <dirent.h>
#include <cmocka.h>

#include <archive.h>
#include <archive_entry.h>

#include "platform/base/base.h"
#include "platform/base/dl_libs.h"
#include "feeds/feeds.h"
#include "feeds/feed_int_bundle.h"
#include "tests/unit/test_tmp.h"

static char tmp[64];


static int
setup(void **state)
{
	(void)state;
	strcpy(tmp, "/tmp/kensa-arc-XXXXXX");
	return mkdtemp(tmp) == NULL ? -1 : 0;
}

static int
teardown(void **state)
{
	(void)state;
	return test_tmp_rm(tmp);
}

/* tmp/<name> in a static rotating buffer. */
static const char *
P(const char *name)
{
	static char buf[8][512];
	static int i;
	char *b = buf[i++ % 8];

	snprintf(b, 512, "%s/%s", tmp, name);
	return b;
}

struct ent {
	const char	*name;
	char		 type;	/* f file, d dir, l symlink, h hard link,
				   c char device, p FIFO */
	const char	*data;	/* file content, or link target */
	unsigned	 mode;
	size_t		 zeros;	/* file: this many zero bytes instead */
};

static void
make_archive(const char *path, const char *fmt, const char *filter,
    const struct ent *e, size_t n)
{
	struct archive *a = archive_write_new();
	static char zero[1 << 20];
	size_t i;

	assert_non_null(a);
	if (strcmp(fmt, "zip") == 0)
		assert_int_equal(archive_write_set_format_zip(a), ARCHIVE_OK);
	else
		assert_int_equal(archive_write_set_format_pax_restricted(a),
		    ARCHIVE_OK);
	if (strcmp(filter, "gzip") == 0)
		assert_int_equal(archive_write_add_filter_gzip(a), ARCHIVE_OK);
	else if (strcmp(filter, "xz") == 0)
		assert_int_equal(archive_write_add_filter_xz(a), ARCHIVE_OK);
	else if (strcmp(filter, "bzip2") == 0)
		assert_int_equal(archive_write_add_filter_bzip2(a),
		    ARCHIVE_OK);
	assert_int_equal(archive_write_open_filename(a, path), ARCHIVE_OK);
	for (i = 0; i < n; i++) {
		struct archive_entry *ae = archive_entry_new();
		size_t size = e[i].zeros ? e[i].zeros :
		    e[i].data ? strlen(e[i].data) : 0;

		archive_entry_set_pathname(ae, e[i].name);
		archive_entry_set_perm(ae, e[i].mode ? e[i].mode : 0644);
		archive_entry_set_mtime(ae, 1700000000, 0);
		switch (e[i].type) {
		case 'f':
			archive_entry_set_filetype(ae, AE_IFREG);
			archive_entry_set_size(ae, (la_int64_t)size);
			break;
		case 'd':
			archive_entry_set_filetype(ae, AE_IFDIR);
			break;
		case 'l':
			archive_entry_set_filetype(ae, AE_IFLNK);
			archive_entry_set_symlink(ae, e[i].data);
			break;
		case 'h':
			archive_entry_set_filetype(ae, AE_IFREG);
			archive_entry_set_hardlink(ae, e[i].data);
			break;
		case 'c':
			archive_entry_set_filetype(ae, AE_IFCHR);
			archive_entry_set_rdev(ae, 0x0103);
			break;
		case 'p':
			archive_entry_set_filetype(ae, AE_IFIFO);
			break;
		}
		assert_true(archive_write_header(a, ae) >= ARCHIVE_WARN);
		if (e[i].type == 'f' && e[i].zeros) {
			size_t left = e[i].zeros;

			while (left > 0) {
				size_t k = left < sizeof(zero) ? left :
				    sizeof(zero);

				assert_int_equal(archive_write_data(a, zero, k),
				    (la_ssize_t)k);
				left -= k;
			}
		} else if (e[i].type == 'f' && size > 0) {
			assert_int_equal(archive_write_data(a, e[i].data, size),
			    (la_ssize_t)size);
		}
		archive_entry_free(ae);
	}
	assert_int_equal(archive_write_close(a), ARCHIVE_OK);
	archive_write_free(a);
}

static char *
slurp(const char *path)
{
	char *buf = NULL;
	size_t len;

	if (ks_file_read(path, 1 << 20, &buf, &len) != 0)
		return NULL;
	return buf;
}

static void
put(const char *path, const char *s)
{
	assert_int_equal(ks_file_write_atomic(path, s, strlen(s)), 0);
}

/* No ".dest.kensa-*" staging directory was left behind in tmp. */
static void
assert_no_staging(void)
{
	DIR *d = opendir(tmp);
	struct dirent *de;

	assert_non_null(d);
	while ((de = readdir(d)) != NULL)
		assert_null(strstr(de->d_name, ".kensa-"));
	closedir(d);
}

/* dest holds exactly its marker file, as before the failed run. */
static void
assert_dest_untouched(const char *dest)
{
	char m[600];
	char *s;
	DIR *d;
	struct dirent *de;
	int n = 0;

	snprintf(m, sizeof(m), "%s/marker", dest);
	s = slurp(m);
	assert_non_null(s);
	assert_string_equal(s, "old\n");
	free(s);
	assert_non_null(d = opendir(dest));
	while ((de = readdir(d)) != NULL)
		n++;
	closedir(d);
	assert_int_equal(n, 3);
	assert_no_staging();
}

static const char *
make_dest(void)
{
	const char *dest = P("dest");
	char m[600];

	mkdir(dest, 0755);
	snprintf(m, sizeof(m), "%s/marker", dest);
	put(m, "old\n");
	return dest;
}

/* Extraction of `e` must fail with rc, a message holding `want`, and
 * leave dest as it was (even with FEED_EXTRACT_REPLACE). */
static void
refused(const struct ent *e, size_t n, int rc, const char *want)
{
	const char *arc = P("bad.tar"), *dest = make_dest();

	make_archive(arc, "tar", "none", e, n);
	ks_error_clear();
	assert_int_equal(feed_archive_extract(arc, dest, FEED_EXTRACT_REPLACE,
	    NULL), rc);
	if (strstr(ks_error_msg(), want) == NULL ||
	    strstr(ks_error_msg(), "bad.tar") == NULL)
		fail_msg("message '%s' lacks '%s'", ks_error_msg(), want);
	assert_dest_untouched(dest);
}

static void
test_feed_archive__tar_xz_extract(void **state)
{
	const struct ent e[] = {
		{ "./", 'd', NULL, 0755, 0 },
		{ "./sub/", 'd', NULL, 0750, 0 },
		{ "./sub/a.xml", 'f', "<a/>\n", 04755, 0 },
		{ "top.txt", 'f', "top\n", 0644, 0 },
		{ "link", 'l', "sub/a.xml", 0777, 0 },
		{ "hard", 'h', "sub/a.xml", 0644, 0 },
		{ "deep/er/file", 'f', "x", 0600, 0 },
		{ "empty", 'f', "", 0644, 0 },
	};
	struct stat sb;
	char *s;

	make_archive(P("ok.tar.xz"), "tar", "xz", e, 8);
	assert_int_equal(feed_archive_extract(P("ok.tar.xz"), P("out"), 0,
	    NULL), 0);
	assert_non_null(s = slurp(P("out/sub/a.xml")));
	assert_string_equal(s, "<a/>\n");
	free(s);
	assert_non_null(s = slurp(P("out/link")));
	assert_string_equal(s, "<a/>\n");
	free(s);
	assert_non_null(s = slurp(P("out/hard")));
	assert_string_equal(s, "<a/>\n");
	free(s);
	assert_non_null(s = slurp(P("out/deep/er/file")));
	assert_string_equal(s, "x");
	free(s);
	/* setuid dropped, permission bits kept */
	assert_int_equal(stat(P("out/sub/a.xml"), &sb), 0);
	assert_int_equal(sb.st_mode & 07777, 0755);
	assert_int_equal(sb.st_mtime, 1700000000);
	assert_int_equal(lstat(P("out/link"), &sb), 0);
	assert_true(S_ISLNK(sb.st_mode));
	assert_int_equal(stat(P("out/empty"), &sb), 0);
	assert_int_equal(sb.st_size, 0);
	assert_no_staging();
}

static void
test_feed_archive__zip_extract(void **state)
{
	const struct ent e[] = {
		{ "feed/", 'd', NULL, 0755, 0 },
		{ "feed/oval.xml", 'f', "<oval_definitions/>\n", 0644, 0 },
		{ "readme", 'f', "zip ok\n", 0644, 0 },
	};
	char *s;

	make_archive(P("ok.zip"), "zip", "none", e, 3);
	assert_int_equal(feed_archive_extract(P("ok.zip"), P("z"), 0, NULL),
	    0);
	assert_non_null(s = slurp(P("z/feed/oval.xml")));
	assert_string_equal(s, "<oval_definitions/>\n");
	free(s);
	assert_non_null(s = slurp(P("z/readme")));
	assert_string_equal(s, "zip ok\n");
	free(s);
}

/* .gz, .bz2 and .xz single files, made with the real tools. */
static void
test_feed_archive__decompress(void **state)
{
	const char *tools[] = { "gzip", "bzip2", "xz", "zstd -q" };
	char cmd[1024], *s;
	size_t i;

	put(P("plain.xml"), "<feed>same content</feed>\n");
	for (i = 0; i < 4; i++) {
		snprintf(cmd, sizeof(cmd), "%s -c < %s > %s", tools[i],
		    P("plain.xml"), P("packed"));
		if (i == 3 && system("command -v zstd >/dev/null") != 0)
			continue;
		assert_int_equal(system(cmd), 0);
		unlink(P("unpacked.xml"));
		assert_int_equal(feed_archive_decompress(P("packed"),
		    P("unpacked.xml"), NULL), 0);
		assert_non_null(s = slurp(P("unpacked.xml")));
		assert_string_equal(s, "<feed>same content</feed>\n");
		free(s);
	}
	/* an uncompressed file is copied */
	assert_int_equal(feed_archive_decompress(P("plain.xml"),
	    P("copy.xml"), NULL), 0);
	assert_non_null(s = slurp(P("copy.xml")));
	assert_string_equal(s, "<feed>same content</feed>\n");
	free(s);
	/* corrupt data: an error, and the destination keeps its content */
	snprintf(cmd, sizeof(cmd), "head -c 100000 /dev/urandom | xz -c | "
	    "head -c 3000 > %s", P("broken.xz"));
	assert_int_equal(system(cmd), 0);
	put(P("keep.xml"), "keep\n");
	assert_true(feed_archive_decompress(P("broken.xz"), P("keep.xml"),
	    NULL) < 0);
	assert_non_null(s = slurp(P("keep.xml")));
	assert_string_equal(s, "keep\n");
	free(s);
}

static void
test_feed_archive__absolute_path(void **state)
{
	const struct ent e[] = {
		{ "good", 'f', "g", 0644, 0 },
		{ "/etc/kensa-evil", 'f', "x", 0644, 0 },
	};

	refused(e, 2, KS_EPARSE, "absolute path refused");
}

static void
test_feed_archive__dotdot(void **state)
{
	const struct ent e[] = {
		{ "good", 'f', "g", 0644, 0 },
		{ "sub/../../evil", 'f', "x", 0644, 0 },
	};

	refused(e, 2, KS_EPARSE, "'..' component refused");
}

static void
test_feed_archive__symlink_escape(void **state)
{
	const struct ent up[] = { { "esc", 'l', "../../etc", 0777, 0 } };
	const struct ent abs[] = { { "esc", 'l', "/etc/passwd", 0777, 0 } };
	/* a link that stays inside, then an entry written through it */
	const struct ent via[] = {
		{ "d/", 'd', NULL, 0755, 0 },
		{ "l", 'l', "d", 0777, 0 },
		{ "l/x", 'f', "x", 0644, 0 },
	};
	/* a link to a link: "a -> ." then "a/b -> ../x" would leave */
	const struct ent chain[] = {
		{ "a", 'l', ".", 0777, 0 },
		{ "b", 'l', "a/../x", 0777, 0 },
	};

	refused(up, 1, KS_EPARSE, "'..' in a link target refused");
	refused(abs, 1, KS_EPARSE, "absolute target refused");
	refused(via, 3, KS_EPARSE, "through a symlink");
	refused(chain, 2, KS_EPARSE, "'..' in a link target");
}

static void
test_feed_archive__hardlink_escape(void **state)
{
	const struct ent up[] = { { "h", 'h', "../outside", 0644, 0 } };
	const struct ent abs[] = { { "h", 'h', "/etc/passwd", 0644, 0 } };
	const struct ent none[] = { { "h", 'h', "not/extracted", 0644, 0 } };

	refused(up, 1, KS_EPARSE, "'..' component refused");
	refused(abs, 1, KS_EPARSE, "absolute path refused");
	refused(none, 1, KS_EPARSE, "no such directory");
}

static void
test_feed_archive__devices(void **state)
{
	const struct ent chr[] = {
		{ "ok", 'f', "fine", 0644, 0 },
		{ "null", 'c', NULL, 0666, 0 },
	};
	const struct ent fifo[] = { { "pipe", 'p', NULL, 0644, 0 } };
	const struct ent dup[] = {
		{ "twice", 'f', "1", 0644, 0 },
		{ "twice", 'f', "2", 0644, 0 },
	};

	refused(chr, 2, KS_EPARSE, "is a character device");
	refused(fifo, 1, KS_EPARSE, "is a FIFO");
	refused(dup, 2, KS_EPARSE, "appears twice");
}

/*
 * A 1 GiB xz bomb: 64 concatenated xz streams of 16 MiB of zeros (xz
 * reads concatenated streams as one), about 160 KiB on disk. Decompressing
 * stops at the ratio cap long before 1 GiB, and dst is not created.
 */
static void
test_feed_archive__xz_bomb(void **state)
{
	char cmd[1024];
	struct stat sb;
	double t0 = ks_time_mono();

	snprintf(cmd, sizeof(cmd), "cd %s && head -c 16777216 /dev/zero | "
	    "xz -0 -c > one.xz && for i in $(seq 64); do cat one.xz; done "
	    "> bomb.xz", tmp);
	assert_int_equal(system(cmd), 0);
	ks_error_clear();
	assert_int_equal(feed_archive_decompress(P("bomb.xz"), P("bomb.out"),
	    NULL), KS_ELIMIT);
	assert_non_null(strstr(ks_error_msg(), "bomb.xz"));
	assert_non_null(strstr(ks_error_msg(), "200 times"));
	assert_int_equal(stat(P("bomb.out"), &sb), -1);
	assert_true(ks_time_mono() - t0 < 10.0);
}

/* A zip whose one member is 64 MiB of zeros (deflate: ~1000:1). */
static void
test_feed_archive__zip_bomb(void **state)
{
	const struct ent e[] = {
		{ "small", 'f', "ok", 0644, 0 },
		{ "zeros", 'f', NULL, 0644, 64u << 20 },
	};
	const char *dest = make_dest();
	struct stat sb;

	make_archive(P("bomb.zip"), "zip", "none", e, 2);
	assert_int_equal(stat(P("bomb.zip"), &sb), 0);
	assert_true(sb.st_size < (1 << 20));
	ks_error_clear();
	assert_int_equal(feed_archive_extract(P("bomb.zip"), dest,
	    FEED_EXTRACT_REPLACE, NULL), KS_ELIMIT);
	assert_non_null(strstr(ks_error_msg(), "bomb.zip"));
	assert_non_null(strstr(ks_error_msg(), "ratio limit"));
	assert_dest_untouched(dest);
}

/* The same through a tar.gz, and through read_member. */
static void
test_feed_archive__tar_gz_bomb(void **state)
{
	const struct ent e[] = {
		{ "zeros", 'f', NULL, 0644, 64u << 20 },
		{ "after", 'f', "after", 0644, 0 },
	};
	struct stat sb;

	make_archive(P("bomb.tar.gz"), "tar", "gzip", e, 2);
	assert_int_equal(feed_archive_extract(P("bomb.tar.gz"), P("tb"), 0,
	    NULL), KS_ELIMIT);
	assert_int_equal(stat(P("tb"), &sb), -1);
	assert_no_staging();
	assert_int_equal(feed_archive_read_member(P("bomb.tar.gz"), "after",
	    NULL, NULL, NULL), KS_ELIMIT);
}

static void
test_feed_archive__caps(void **state)
{
	const struct ent e[] = {
		{ "a", 'f', "0123456789", 0644, 0 },
		{ "b", 'f', "0123456789", 0644, 0 },
		{ "c", 'f', "0123456789", 0644, 0 },
		{ "d", 'f', "0123456789", 0644, 0 },
	};
	struct feed_archive_limits lim;
	struct stat sb;

	make_archive(P("four.tar"), "tar", "none", e, 4);
	memset(&lim, 0, sizeof(lim));
	lim.max_entries = 3;
	ks_error_clear();
	assert_int_equal(feed_archive_extract(P("four.tar"), P("c1"), 0,
	    &lim), KS_ELIMIT);
	assert_non_null(strstr(ks_error_msg(), "more than 3 entries"));
	memset(&lim, 0, sizeof(lim));
	lim.max_total = 35;
	assert_int_equal(feed_archive_extract(P("four.tar"), P("c2"), 0,
	    &lim), KS_ELIMIT);
	assert_non_null(strstr(ks_error_msg(), "more than 35 bytes"));
	assert_int_equal(stat(P("c1"), &sb), -1);
	assert_int_equal(stat(P("c2"), &sb), -1);
	lim.max_total = 40;
	assert_int_equal(feed_archive_extract(P("four.tar"), P("c3"), 0,
	    &lim), 0);
	assert_int_equal(stat(P("c3/d"), &sb), 0);
}

/* An existing non-empty destination is replaced only when asked. */
static void
test_feed_archive__replace(void **state)
{
	const struct ent e[] = { { "new", 'f', "new\n", 0644, 0 } };
	const char *dest = make_dest();
	struct stat sb;
	char *s;

	make_archive(P("new.tar"), "tar", "none", e, 1);
	ks_error_clear();
	assert_int_equal(feed_archive_extract(P("new.tar"), dest, 0, NULL),
	    KS_ERROR);
	assert_non_null(strstr(ks_error_msg(), "not empty"));
	assert_dest_untouched(dest);
	assert_int_equal(feed_archive_extract(P("new.tar"), dest,
	    FEED_EXTRACT_REPLACE, NULL), 0);
	assert_non_null(s = slurp(P("dest/new")));
	assert_string_equal(s, "new\n");
	free(s);
	assert_int_equal(stat(P("dest/marker"), &sb), -1);
	assert_no_staging();
	/* an empty directory is fine without the flag */
	assert_int_equal(mkdir(P("emptydir"), 0755), 0);
	assert_int_equal(feed_archive_extract(P("new.tar"), P("emptydir/"), 0,
	    NULL), 0);
	assert_int_equal(stat(P("emptydir/new"), &sb), 0);
}

struct collect {
	struct ks_buf b;
};

static int
collect_cb(const void *data, size_t len, void *payload)
{
	struct collect *c = payload;

	return ks_buf_append(&c->b, data, len);
}

static void
test_feed_archive__read_member(void **state)
{
	const struct ent e[] = {
		{ "a.xml", 'f', "<a/>", 0644, 0 },
		{ "dir/b.xml", 'f', "<b>member</b>", 0644, 0 },
	};
	struct collect c;
	struct stat sb;

	make_archive(P("m.zip"), "zip", "none", e, 2);
	make_archive(P("m.tar.bz2"), "tar", "bzip2", e, 2);
	ks_buf_init(&c.b, 1 << 20);
	assert_int_equal(feed_archive_read_member(P("m.zip"), "dir/b.xml",
	    NULL, collect_cb, &c), 0);
	assert_string_equal(c.b.data, "<b>member</b>");
	ks_buf_reset(&c.b);
	assert_int_equal(feed_archive_read_member(P("m.tar.bz2"),
	    "./dir/b.xml", NULL, collect_cb, &c), 0);
	assert_string_equal(c.b.data, "<b>member</b>");
	ks_buf_free(&c.b);
	ks_error_clear();
	assert_int_equal(feed_archive_read_member(P("m.zip"), "nope.xml",
	    NULL, collect_cb, &c), KS_ENOTFOUND);
	assert_non_null(strstr(ks_error_msg(), "no member 'nope.xml'"));
	/* nothing was written next to the archive */
	assert_int_equal(stat(P("dir"), &sb), -1);
}

static void
test_feed_archive__not_an_archive(void **state)
{
	struct stat sb;

	put(P("text.txt"), "just some text, not an archive\n");
	ks_error_clear();
	assert_int_equal(feed_archive_extract(P("text.txt"), P("x"), 0, NULL),
	    KS_EPARSE);
	assert_non_null(strstr(ks_error_msg(), "text.txt"));
	assert_int_equal(stat(P("x"), &sb), -1);
	assert_int_equal(feed_archive_extract(P("missing.tar"), P("x"), 0,
	    NULL), KS_ENOTFOUND);
}

/* The fuzzer's entry point applies the same entry checks. */
static void
test_feed_archive__walk_mem(void **state)
{
	const struct ent good[] = { { "a/b", 'f', "x", 0644, 0 } };
	const struct ent bad[] = { { "../b", 'f', "x", 0644, 0 } };
	char *buf;
	size_t len;

	make_archive(P("g.tar"), "tar", "none", good, 1);
	assert_int_equal(ks_file_read(P("g.tar"), 1 << 20, &buf, &len), 0);
	assert_int_equal(feed_arc_walk_mem(buf, len, NULL), 0);
	free(buf);
	make_archive(P("b.tar"), "tar", "none", bad, 1);
	assert_int_equal(ks_file_read(P("b.tar"), 1 << 20, &buf, &len), 0);
	assert_int_equal(feed_arc_walk_mem(buf, len, NULL), KS_EPARSE);
	free(buf);
	assert_int_equal(feed_arc_walk_mem("garbage", 7, NULL), KS_EPARSE);
}

/* libarchive is opened on first use (platform/base/dl_libs.h): without it
 * reading fails with a message naming the library, before anything is
 * read. The library's state is swapped for the test and put back. */
static void
test_feed_archive__no_libarchive(void **state)
{
	const struct ent good[] = { { "a/b", 'f', "x", 0644, 0 } };
	struct ks_dl_lib saved = ks_archive_lib;
	char *buf;
	size_t len;

	make_archive(P("g.tar"), "tar", "none", good, 1);
	assert_int_equal(ks_file_read(P("g.tar"), 1 << 20, &buf, &len), 0);
	ks_archive_lib.soname = "libkensa-no-archive.so.0";
	ks_archive_lib.state = 0;
	assert_int_equal(feed_arc_walk_mem(buf, len, NULL), KS_EUNSUPPORTED);
	assert_non_null(strstr(ks_error_msg(), "reading archives needs "
	    "libkensa-no-archive.so.0, which cannot be loaded"));
	assert_int_equal(feed_archive_extract(P("g.tar"), P("out"), 0, NULL),
	    KS_EUNSUPPORTED);
	ks_archive_lib = saved;
	free(buf);
}

/* feed_archive_check_document: one document, plain or compressed, passes;
 * a compression bomb is a cap; an archive is refused, a traversal entry
 * named first; nothing is left next to the file. */
static void
test_feed_archive__check_document(void **state)
{
	const struct ent dots[] = {
		{ "oval.xml", 'f', "<oval_definitions/>", 0644, 0 },
		{ "../evil", 'f', "x", 0644, 0 },
	};
	const struct ent one[] = {
		{ "oval.xml", 'f', "<oval_definitions/>", 0644, 0 },
	};
	char cmd[1024];
	DIR *d;
	struct dirent *de;

	put(P("doc.xml"), "<oval_definitions/>\n");
	assert_int_equal(feed_archive_check_document(P("doc.xml"), NULL), 0);
	snprintf(cmd, sizeof(cmd), "bzip2 -c < %s > %s", P("doc.xml"),
	    P("doc.xml.bz2"));
	assert_int_equal(system(cmd), 0);
	assert_int_equal(feed_archive_check_document(P("doc.xml.bz2"), NULL),
	    0);
	/* 64 MiB of zeros in a few KiB: stopped at the ratio cap */
	snprintf(cmd, sizeof(cmd), "head -c 67108864 /dev/zero | gzip -c > %s",
	    P("bomb.xml.gz"));
	assert_int_equal(system(cmd), 0);
	ks_error_clear();
	assert_int_equal(feed_archive_check_document(P("bomb.xml.gz"), NULL),
	    KS_ELIMIT);
	assert_non_null(strstr(ks_error_msg(), "bomb.xml.gz"));
	assert_non_null(strstr(ks_error_msg(), "times"));
	/* archives: a traversal entry is named; a clean one is refused too */
	make_archive(P("dots.tar.gz"), "tar", "gzip", dots, 2);
	ks_error_clear();
	assert_int_equal(feed_archive_check_document(P("dots.tar.gz"), NULL),
	    KS_EPARSE);
	assert_non_null(strstr(ks_error_msg(), "'..' component refused"));
	make_archive(P("one.zip"), "zip", "none", one, 1);
	assert_int_equal(feed_archive_check_document(P("one.zip"), NULL),
	    KS_EUNSUPPORTED);
	assert_non_null(strstr(ks_error_msg(), "an archive of files"));
	make_archive(P("one.tar"), "tar", "none", one, 1);
	assert_int_equal(feed_archive_check_document(P("one.tar"), NULL),
	    KS_EUNSUPPORTED);
	/* the checks extracted nothing that stayed */
	assert_non_null(d = opendir(tmp));
	while ((de = readdir(d)) != NULL)
		assert_null(strstr(de->d_name, ".check-"));
	closedir(d);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
#define T(n) cmocka_unit_test_setup_teardown(test_feed_archive__##n, setup, \
	    teardown)
		T(tar_xz_extract),
		T(zip_extract),
		T(decompress),
		T(absolute_path),
		T(dotdot),
		T(symlink_escape),
		T(hardlink_escape),
		T(devices),
		T(xz_bomb),
		T(zip_bomb),
		T(tar_gz_bomb),
		T(caps),
		T(replace),
		T(read_member),
		T(not_an_archive),
		T(walk_mem),
		T(check_document),
		T(no_libarchive),
#undef T
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
