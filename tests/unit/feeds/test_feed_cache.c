/*
 * Tests for feeds/feed_cache.c without a network: state files, the JVN
 * iPedia checksum.txt and sha256sum parsers, the lock, snapshots and
 * verification on a cache built in a temporary directory. Updates over
 * HTTPS are tested in tests/e2e/feeds-https.sh.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include "platform/base/base.h"
#include "feeds/feeds.h"
#include "feeds/feed_int_fetch.h"
#include "tests/unit/test_tmp.h"

static char dir[64];

static int
setup(void **state)
{
	strcpy(dir, "/tmp/kensa-cache-XXXXXX");
	return mkdtemp(dir) == NULL ? -1 : 0;
}

static int
teardown(void **state)
{
	return test_tmp_rm(dir) == 0 ? 0 : -1;
}

static void
put(const char *path, const char *text)
{
	assert_int_equal(ks_file_write_atomic(path, text, strlen(text)), 0);
}

static void
test_feed_cache__state_roundtrip(void **state)
{
	struct feed_cache_info in, out;
	struct feed_cache_file f[2] = {
		{ .name = (char *)"a.rdf", .size = 12 },
		{ .name = (char *)"b c.rdf", .size = 7 },
	};
	char *p = ks_asprintf("%s/state", dir);

	memset(&in, 0, sizeof(in));
	memset(&out, 0, sizeof(out));
	memset(f[0].sha256, 'a', 64);
	memset(f[1].sha256, '0', 64);
	in.cached = true;
	in.updated = 1700000000;
	in.url = (char *)"https://x/checksum.txt";
	in.etag = (char *)"\"abc\"";
	in.last_modified = (char *)"Sat, 21 Nov 2026 10:00:00 GMT";
	in.files = f;
	in.nfiles = 2;
	in.attempted = 1700000100;
	in.result = (char *)"failed: x: y: evil\nfile = 1 forged";
	assert_int_equal(feed_state_write(p, &in), 0);
	assert_int_equal(feed_state_read(p, &out), 0);
	assert_true(out.cached);
	assert_int_equal(out.updated, 1700000000);
	assert_string_equal(out.url, in.url);
	assert_string_equal(out.etag, in.etag);
	assert_string_equal(out.last_modified, in.last_modified);
	assert_int_equal(out.nfiles, 2);
	assert_string_equal(out.files[1].name, "b c.rdf");
	assert_int_equal(out.files[1].size, 7);
	assert_int_equal(out.size, 19);
	assert_int_equal(out.attempted, 1700000100);
	/* A value with a line break cannot forge a line: it is dropped. */
	assert_null(out.result);
	feed_cache_info_clear(&out);

	put(p, "updated = 1\nfile = 12 nothex name\n");
	assert_int_equal(feed_state_read(p, &out), KS_EPARSE);
	assert_non_null(strstr(ks_error_msg(), ":2: damaged state file"));
	feed_cache_info_clear(&out);
	free(p);
}

static void
test_feed_cache__checksum(void **state)
{
	/* The shape of https://jvndb.jvn.jp/ja/feed/checksum.txt */
	static const char ok[] =
	    "[\n"
	    "    {\n"
	    "        \"url\": \"https://jvndb.jvn.jp/ja/rss/jvndb_new.rdf\",\n"
	    "        \"filename\": \"jvndb_new.rdf\",\n"
	    "        \"sha256\": \"1A1BB84550200B7FDB1E37E78B499A215D9C8A9F6DF329276A520F84B3E96B5E\",\n"
	    "        \"size\": 517125,\n"
	    "        \"lastModified\": \"2023/11/02 12:00:18\"\n"
	    "    },\n"
	    "    {\"url\": \"https://jvndb.jvn.jp/ja/rss/jvndb.rdf\", "
	    "\"filename\": \"jvndb.rdf\", \"sha256\": "
	    "\"221af82f4d6758b0d772ee9a867fb1e2ac385d8056997c1961e112d57c4b2ed5\", "
	    "\"size\": 518621, \"extra\": \"ignored\"}\n"
	    "]\n";
	struct feed_checksum_entry *e = NULL;
	size_t n = 0;

	assert_int_equal(feed_checksum_parse(ok, strlen(ok), "c.txt", &e, &n),
	    0);
	assert_int_equal(n, 2);
	assert_string_equal(e[0].filename, "jvndb_new.rdf");
	assert_string_equal(e[0].sha256, "1a1bb84550200b7fdb1e37e78b499a215d9c"
	    "8a9f6df329276a520f84b3e96b5e");
	assert_int_equal(e[0].size, 517125);
	assert_string_equal(e[0].last_modified, "2023/11/02 12:00:18");
	assert_string_equal(e[1].url, "https://jvndb.jvn.jp/ja/rss/jvndb.rdf");
	assert_null(e[1].last_modified);
	feed_checksum_free(e, n);

#define BAD(text, want) do {						\
	e = NULL;							\
	assert_true(feed_checksum_parse(text, strlen(text), "c.txt", &e,	\
	    &n) < 0);							\
	assert_null(e);							\
	if (strstr(ks_error_msg(), want) == NULL)			\
		fail_msg("got '%s', want '%s'", ks_error_msg(), want);	\
} while (0)
	BAD("[{\"url\": \"https://x/a\", \"filename\": \"../a\", \"sha256\": "
	    "\"221af82f4d6758b0d772ee9a867fb1e2ac385d8056997c1961e112d57c4b2ed5\"}]",
	    "not a plain file name");
	BAD("[{\"url\": \"http://x/a\", \"filename\": \"a\", \"sha256\": "
	    "\"221af82f4d6758b0d772ee9a867fb1e2ac385d8056997c1961e112d57c4b2ed5\"}]",
	    "url is not https://");
	BAD("[{\"url\": \"https://x/a\", \"filename\": \"a\"}]",
	    "needs url, filename and sha256");
	BAD("[{\"url\": \"https://x/a\", \"filename\": \"a\", \"sha256\": "
	    "\"12\"}]", "bad sha256");
	BAD("{\"url\": \"https://x/a\"}", "expected a JSON array");
	BAD("[[1]]", "expected a JSON array");
	BAD("[{\"url\": [1]}]", "expected a JSON array");
	BAD("[{\"url\": ", "did not find expected node content");
#undef BAD
}

static void
test_feed_cache__digest_find(void **state)
{
	static const char sums[] =
	    "# comment\n"
	    "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad  other.xml\n"
	    "1A1BB84550200B7FDB1E37E78B499A215D9C8A9F6DF329276A520F84B3E96B5E *dir/defs.xml\r\n";
	static const char bare[] =
	    "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad\n";
	char out[65];

	assert_int_equal(feed_digest_find(sums, strlen(sums), "defs.xml", out),
	    0);
	assert_string_equal(out, "1a1bb84550200b7fdb1e37e78b499a215d9c8a9f6df"
	    "329276a520f84b3e96b5e");
	assert_int_equal(feed_digest_find(sums, strlen(sums), "other.xml",
	    out), 0);
	assert_int_equal(out[0], 'b');
	assert_int_equal(feed_digest_find(sums, strlen(sums), "none.xml", out),
	    KS_ENOTFOUND);
	assert_int_equal(feed_digest_find(bare, strlen(bare), "any", out), 0);
	assert_int_equal(feed_digest_find("zz  a\n", 6, "a", out), KS_EPARSE);
}

/* Builds CACHE/src/snap-1 with one file and its state, current -> it. */
static char *
make_snapshot(const char *cache, const char *content)
{
	struct feed_cache_info in;
	struct feed_cache_file f = { .name = (char *)"defs.xml" };
	char *src = ks_asprintf("%s/src", cache);
	char *snap = ks_asprintf("%s/snap-1", src);
	char *p;

	assert_int_equal(mkdir(src, 0755), 0);
	assert_int_equal(mkdir(snap, 0755), 0);
	p = ks_asprintf("%s/defs.xml", snap);
	put(p, content);
	feed_sha256_mem(content, strlen(content), f.sha256);
	f.size = strlen(content);
	free(p);
	memset(&in, 0, sizeof(in));
	in.cached = true;
	in.updated = 1;
	in.files = &f;
	in.nfiles = 1;
	p = ks_asprintf("%s/.state", snap);
	assert_int_equal(feed_state_write(p, &in), 0);
	free(p);
	p = ks_asprintf("%s/current", src);
	assert_int_equal(symlink("snap-1", p), 0);
	free(p);
	free(src);
	return snap;
}

static void
test_feed_cache__snapshot_verify(void **state)
{
	struct feed_cache *c = NULL;
	struct feed_cache_info info;
	char *cache = ks_asprintf("%s/cache", dir), *snap, *got = NULL, *p;

	assert_int_equal(feed_cache_open(&c, cache), 0);
	assert_int_equal(feed_cache_snapshot(c, "src", &got), KS_ENOTFOUND);
	assert_int_equal(feed_cache_verify(c, "src"), KS_ENOTFOUND);
	assert_int_equal(feed_cache_info(c, "src", &info), 0);
	assert_false(info.cached);
	feed_cache_info_clear(&info);

	snap = make_snapshot(cache, "<defs/>\n");
	assert_int_equal(feed_cache_snapshot(c, "src", &got), 0);
	assert_string_equal(got, snap);
	free(got);
	assert_int_equal(feed_cache_verify(c, "src"), 0);
	assert_int_equal(feed_cache_info(c, "src", &info), 0);
	assert_true(info.cached);
	assert_int_equal(info.nfiles, 1);
	assert_int_equal(info.size, 8);
	feed_cache_info_clear(&info);

	/* A damaged file is named. */
	p = ks_asprintf("%s/defs.xml", snap);
	put(p, "<defs/>\nX");
	assert_int_equal(feed_cache_verify(c, "src"), KS_ERROR);
	assert_non_null(strstr(ks_error_msg(),
	    "src: defs.xml: sha256 mismatch"));
	unlink(p);
	assert_int_equal(feed_cache_verify(c, "src"), KS_ERROR);
	assert_non_null(strstr(ks_error_msg(), "missing or unreadable"));
	free(p);
	free(snap);
	free(cache);
	feed_cache_free(c);
}

static void
test_feed_cache__lock(void **state)
{
	struct feed_cache *a = NULL, *b = NULL;
	char *cache = ks_asprintf("%s/cache", dir);

	assert_int_equal(feed_cache_open(&a, cache), 0);
	assert_int_equal(feed_cache_open(&b, cache), 0);
	assert_int_equal(feed_cache_lock(a), 0);
	assert_int_equal(feed_cache_lock(a), 0);	/* already ours */
	assert_int_equal(feed_cache_lock(b), KS_ELIMIT);
	assert_non_null(strstr(ks_error_msg(), "another feed update is "
	    "running (lock "));
	feed_cache_free(a);	/* drops the lock */
	assert_int_equal(feed_cache_lock(b), 0);
	feed_cache_free(b);
	free(cache);
}

static void
test_feed_cache__update_refusals(void **state)
{
	struct feed_cache *c = NULL;
	struct feed_source s;
	char *cache = ks_asprintf("%s/cache", dir);
	bool changed = true;

	memset(&s, 0, sizeof(s));
	s.name = (char *)"api";
	s.kind = FEED_KIND_MYJVN;
	s.url = (char *)"https://127.0.0.1:9/myjvn";
	assert_int_equal(feed_cache_open(&c, cache), 0);
	assert_int_equal(feed_cache_update(c, &s, &changed), KS_EUNSUPPORTED);
	assert_false(changed);
	s.kind = FEED_KIND_OVAL;
	assert_int_equal(feed_cache_update(c, &s, &changed), KS_ERROR);
	assert_non_null(strstr(ks_error_msg(), "lock is not held"));
	/* A bundle is never cached unverified. */
	assert_int_equal(feed_cache_lock(c), 0);
	s.kind = FEED_KIND_BUNDLE;
	assert_int_equal(feed_cache_update(c, &s, &changed), KS_EUNSUPPORTED);
	assert_non_null(strstr(ks_error_msg(), "no bundle signature verifier"));
	assert_false(changed);
	feed_cache_free(c);
	free(cache);
}

/* The SIGNATURE of feed list: what the copy was verified against, kept in
 * the state file; a state written before the key existed still loads and
 * reads as "unknown". */
static void
test_feed_cache__verified_roundtrip(void **state)
{
	static const char *const kinds[] = {
		"signed:SHA256:0123456789abcdef0123456789abcdef0123456789abcdef"
		"0123456789abcdef", "sha256", "none",
	};
	struct feed_cache_info in, out;
	struct feed_cache *c = NULL;
	char *p = ks_asprintf("%s/state", dir);
	char *cache = ks_asprintf("%s/cache", dir), *snap;
	size_t i;

	for (i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++) {
		memset(&in, 0, sizeof(in));
		memset(&out, 0, sizeof(out));
		in.cached = true;
		in.updated = 1700000000;
		in.verified = (char *)kinds[i];
		assert_int_equal(feed_state_write(p, &in), 0);
		assert_int_equal(feed_state_read(p, &out), 0);
		assert_string_equal(out.verified, kinds[i]);
		assert_string_equal(feed_cache_verified_label(&out), kinds[i]);
		feed_cache_info_clear(&out);
	}
	/* A value with a line break cannot forge another key. */
	in.verified = (char *)"none\nupdated = 1";
	assert_int_equal(feed_state_write(p, &in), 0);
	assert_int_equal(feed_state_read(p, &out), 0);
	assert_null(out.verified);
	assert_int_equal(out.updated, 1700000000);
	feed_cache_info_clear(&out);

	/* The state an older kensa wrote: no verified key. */
	put(p, "# kensa feed state: do not edit\n"
	    "updated = 1700000000\n"
	    "url = https://x/defs.xml\n"
	    "etag = \n"
	    "last_modified =\n"
	    "file = 8 0000000000000000000000000000000000000000000000000000"
	    "000000000000 defs.xml\n"
	    "attempted = 1700000000\n"
	    "result = ok\n");
	assert_int_equal(feed_state_read(p, &out), 0);
	assert_true(out.cached);
	assert_int_equal(out.nfiles, 1);
	assert_null(out.verified);
	assert_string_equal(feed_cache_verified_label(&out), "unknown");
	feed_cache_info_clear(&out);

	/* Through the cache: nothing cached is "-", an old copy "unknown". */
	assert_int_equal(feed_cache_open(&c, cache), 0);
	assert_int_equal(feed_cache_info(c, "src", &out), 0);
	assert_string_equal(feed_cache_verified_label(&out), "-");
	feed_cache_info_clear(&out);
	snap = make_snapshot(cache, "<defs/>\n");
	assert_int_equal(feed_cache_info(c, "src", &out), 0);
	assert_string_equal(feed_cache_verified_label(&out), "unknown");
	feed_cache_info_clear(&out);
	free(snap);
	feed_cache_free(c);
	free(cache);
	free(p);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_feed_cache__state_roundtrip,
		    setup, teardown),
		cmocka_unit_test(test_feed_cache__checksum),
		cmocka_unit_test(test_feed_cache__digest_find),
		cmocka_unit_test_setup_teardown(test_feed_cache__snapshot_verify,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_feed_cache__lock,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_feed_cache__update_refusals, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_feed_cache__verified_roundtrip, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
