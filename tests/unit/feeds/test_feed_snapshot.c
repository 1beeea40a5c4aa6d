/*
 * Tests for the held snapshots of feeds/feed_cache.c: a reader resolves a
 * source's current copy once and holds it (feed_cache_snapshot_open), and
 * pruning never removes a copy a reader holds, however many newer copies
 * were switched in meanwhile. The cache is laid out by hand in a temporary
 * directory, as feed_cache_update writes it; updates over HTTPS are tested
 * in tests/e2e/feeds-https.sh and tests/e2e/feeds-scan.sh.
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
	strcpy(dir, "/tmp/kensa-snap-XXXXXX");
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

static bool
exists(const char *fmt, const char *arg)
{
	char *p = ks_asprintf(fmt, dir, arg);
	struct stat st;
	bool r = lstat(p, &st) == 0;

	free(p);
	return r;
}

/* Makes CACHE/src/snap-NAME holding defs.xml = content and its state. */
static void
make_snap(const char *name, const char *content, int64_t updated)
{
	struct feed_cache_info in;
	struct feed_cache_file f = { .name = (char *)"defs.xml" };
	char *src = ks_asprintf("%s/cache/src", dir);
	char *snap = ks_asprintf("%s/snap-%s", src, name);
	char *p;

	(void)mkdir(src, 0755);
	assert_int_equal(mkdir(snap, 0755), 0);
	p = ks_asprintf("%s/defs.xml", snap);
	put(p, content);
	free(p);
	feed_sha256_mem(content, strlen(content), f.sha256);
	f.size = strlen(content);
	memset(&in, 0, sizeof(in));
	in.cached = true;
	in.updated = updated;
	in.url = (char *)"https://x/defs.xml";
	in.verified = (char *)"sha256";
	in.files = &f;
	in.nfiles = 1;
	p = ks_asprintf("%s/.state", snap);
	assert_int_equal(feed_state_write(p, &in), 0);
	free(p);
	free(snap);
	free(src);
}

/* Points CACHE/src/current at snap-NAME the way an update does. */
static void
switch_to(const char *name)
{
	char *tmp = ks_asprintf("%s/cache/src/.current.tmp", dir);
	char *cur = ks_asprintf("%s/cache/src/current", dir);
	char *target = ks_asprintf("snap-%s", name);

	unlink(tmp);
	assert_int_equal(symlink(target, tmp), 0);
	assert_int_equal(rename(tmp, cur), 0);
	free(tmp);
	free(cur);
	free(target);
}

static char *
read_held(const struct feed_snapshot *s)
{
	char *p = ks_asprintf("%s/defs.xml", feed_snapshot_dir(s)), *text;
	size_t len;

	assert_int_equal(ks_file_read(p, 1024, &text, &len), 0);
	free(p);
	return text;
}

static void
test_feed_snapshot__held_copy_survives_updates(void **state)
{
	struct feed_cache *c = NULL;
	struct feed_snapshot *s = NULL, *s2 = NULL;
	char *cache = ks_asprintf("%s/cache", dir), *text;

	assert_int_equal(feed_cache_open(&c, cache), 0);
	make_snap("aaaaaa", "<v1/>", 100);
	switch_to("aaaaaa");
	assert_int_equal(feed_cache_snapshot_open(c, "src", &s), 0);
	assert_non_null(strstr(feed_snapshot_dir(s), "/src/snap-aaaaaa"));
	assert_int_equal(feed_snapshot_info(s)->updated, 100);
	assert_int_equal(feed_snapshot_info(s)->nfiles, 1);
	assert_string_equal(feed_snapshot_info(s)->verified, "sha256");
	assert_int_equal(feed_snapshot_verify(s), 0);

	/* Two updates switch newer copies in while the reader works: the
	 * second would have pruned v1 (older than the previous copy). */
	make_snap("bbbbbb", "<v2/>", 200);
	switch_to("bbbbbb");
	assert_int_equal(feed_cache_prune(c, "src"), 1);
	make_snap("cccccc", "<v3/>", 300);
	switch_to("cccccc");
	assert_int_equal(feed_cache_prune(c, "src"), 1);
	assert_true(exists("%s/cache/src/snap-%s", "aaaaaa"));
	assert_false(exists("%s/cache/src/snap-%s", "bbbbbb"));
	/* The reader still reads the copy it resolved, whole. */
	text = read_held(s);
	assert_string_equal(text, "<v1/>");
	free(text);
	assert_int_equal(feed_snapshot_verify(s), 0);
	/* A new reader gets the current copy. */
	assert_int_equal(feed_cache_snapshot_open(c, "src", &s2), 0);
	text = read_held(s2);
	assert_string_equal(text, "<v3/>");
	free(text);
	assert_int_equal(feed_snapshot_info(s2)->updated, 300);

	/* Released, the old copy goes at the next prune, without leftovers;
	 * the current one stays even while nobody holds it. */
	feed_snapshot_close(s);
	feed_snapshot_close(s2);
	assert_int_equal(feed_cache_prune(c, "src"), 0);
	assert_false(exists("%s/cache/src/snap-%s", "aaaaaa"));
	assert_false(exists("%s/cache/src/.dead-%s", "aaaaaa"));
	assert_true(exists("%s/cache/src/snap-%s", "cccccc"));
	feed_cache_free(c);
	free(cache);
}

static void
test_feed_snapshot__prune_needs_the_update_lock(void **state)
{
	struct feed_cache *updater = NULL, *c = NULL;
	char *cache = ks_asprintf("%s/cache", dir), *p;

	assert_int_equal(feed_cache_open(&updater, cache), 0);
	assert_int_equal(feed_cache_open(&c, cache), 0);
	make_snap("aaaaaa", "<v1/>", 100);
	make_snap("bbbbbb", "<v2/>", 200);
	switch_to("bbbbbb");
	/* An update being built and the leftover of an interrupted prune. */
	p = ks_asprintf("%s/src/.new-zzzzzz", cache);
	assert_int_equal(mkdir(p, 0755), 0);
	free(p);
	p = ks_asprintf("%s/src/.dead-yyyyyy", cache);
	assert_int_equal(mkdir(p, 0755), 0);
	free(p);
	p = ks_asprintf("%s/src/.dead-yyyyyy/defs.xml", cache);
	put(p, "<old/>");
	free(p);

	/* While another update runs, nothing is touched. */
	assert_int_equal(feed_cache_lock(updater), 0);
	assert_int_equal(feed_cache_prune(c, "src"), 0);
	assert_true(exists("%s/cache/src/snap-%s", "aaaaaa"));
	assert_true(exists("%s/cache/src/.new-%s", "zzzzzz"));
	assert_true(exists("%s/cache/src/.dead-%s", "yyyyyy"));
	feed_cache_free(updater);	/* the update is over */
	assert_int_equal(feed_cache_prune(c, "src"), 0);
	assert_false(exists("%s/cache/src/snap-%s", "aaaaaa"));
	assert_false(exists("%s/cache/src/.new-%s", "zzzzzz"));
	assert_false(exists("%s/cache/src/.dead-%s", "yyyyyy"));
	assert_true(exists("%s/cache/src/snap-%s", "bbbbbb"));
	assert_true(exists("%s/cache/src/%s", "current"));
	feed_cache_free(c);
	free(cache);
}

static void
test_feed_snapshot__errors(void **state)
{
	struct feed_cache *c = NULL;
	struct feed_snapshot *s = NULL;
	char *cache = ks_asprintf("%s/cache", dir), *p;

	assert_int_equal(feed_cache_open(&c, cache), 0);
	assert_int_equal(feed_cache_snapshot_open(c, "src", &s), KS_ENOTFOUND);
	assert_null(s);
	assert_non_null(strstr(ks_error_msg(), "src: nothing cached in "));

	/* current names a copy that is gone. */
	make_snap("aaaaaa", "<v1/>", 100);
	switch_to("gone00");
	assert_int_equal(feed_cache_snapshot_open(c, "src", &s), KS_ENOTFOUND);
	assert_null(s);
	assert_non_null(strstr(ks_error_msg(), "/snap-gone00: cached copy "
	    "missing"));

	/* A damaged state file: the source and the line are named. */
	switch_to("aaaaaa");
	p = ks_asprintf("%s/src/snap-aaaaaa/.state", cache);
	put(p, "# kensa feed state: do not edit\nupdated = 5\nfile = x y z\n");
	assert_int_equal(feed_cache_snapshot_open(c, "src", &s), KS_EPARSE);
	assert_non_null(strstr(ks_error_msg(), "src: "));
	assert_non_null(strstr(ks_error_msg(), ".state:3: damaged state"));
	/* A state without an update time is no copy either. */
	put(p, "# kensa feed state: do not edit\n");
	assert_int_equal(feed_cache_snapshot_open(c, "src", &s), KS_EPARSE);
	assert_non_null(strstr(ks_error_msg(), "no update time"));
	/* A state naming a file outside the copy is never read. */
	put(p, "updated = 5\nfile = 4 "
	    "0000000000000000000000000000000000000000000000000000000000000000 "
	    "../../x\n");
	assert_int_equal(feed_cache_snapshot_open(c, "src", &s), 0);
	assert_int_equal(feed_snapshot_verify(s), KS_ERROR);
	assert_string_equal(ks_error_msg(), "src: ../../x: missing or "
	    "unreadable");
	feed_snapshot_close(s);
	free(p);

	/* A changed or missing file: named by verify. */
	make_snap("bbbbbb", "<v2/>", 200);
	switch_to("bbbbbb");
	assert_int_equal(feed_cache_snapshot_open(c, "src", &s), 0);
	p = ks_asprintf("%s/defs.xml", feed_snapshot_dir(s));
	put(p, "<v2/>X");
	assert_int_equal(feed_snapshot_verify(s), KS_ERROR);
	assert_non_null(strstr(ks_error_msg(), "src: defs.xml: sha256 "
	    "mismatch"));
	assert_int_equal(feed_cache_verify(c, "src"), KS_ERROR);
	unlink(p);
	assert_int_equal(feed_snapshot_verify(s), KS_ERROR);
	assert_string_equal(ks_error_msg(), "src: defs.xml: missing or "
	    "unreadable");
	free(p);
	feed_snapshot_close(s);
	feed_snapshot_close(NULL);
	feed_cache_free(c);
	free(cache);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(
		    test_feed_snapshot__held_copy_survives_updates,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_feed_snapshot__prune_needs_the_update_lock,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_feed_snapshot__errors,
		    setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
