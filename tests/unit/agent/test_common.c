/*
 * Tests for the feed helpers of agent/common.c: the strict --feeds-max-age
 * duration parser and formatter, and the stale-cache warnings on a cache
 * built in a temporary directory. The commands' use of them is tested end
 * to end in tests/e2e/feeds-https.sh.
 */
#include <fcntl.h>
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

#include "agent/agent.h"
#include "feeds/feeds.h"
#include "tests/unit/test_tmp.h"

static void
test_common__duration_good(void **state)
{
	static const struct { const char *in; int64_t want; } ok[] = {
		{ "1", 1 }, { "3600", 3600 }, { "45s", 45 }, { "90m", 5400 },
		{ "12h", 43200 }, { "7d", 604800 }, { "2w", 1209600 },
		{ "007d", 604800 },
		/* the largest that fits */
		{ "9223372036854775807", INT64_MAX },
		{ "106751991167300d", 106751991167300LL * 86400 },
	};
	int64_t v;

	for (size_t i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
		v = -1;
		assert_int_equal(agent_duration_parse(ok[i].in, &v), 0);
		assert_true(v == ok[i].want);
	}
}

static void
test_common__duration_garbage(void **state)
{
	static const char *const bad[] = {
		"", "d", "-1", "+1", " 1", "1 ", "1.5h", "7D", "7days", "7dd",
		"1d12h", "1x", "0x10", "h7", "7\n", "1e3",
	};
	int64_t v = 42;

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_int_equal(agent_duration_parse(bad[i], &v), KS_EPARSE);
		assert_non_null(strstr(ks_error_msg(), "expected a number"));
	}
	assert_true(v == 42);	/* untouched on error */
}

static void
test_common__duration_zero_and_overflow(void **state)
{
	int64_t v = 42;

	assert_int_equal(agent_duration_parse("0", &v), KS_EPARSE);
	assert_non_null(strstr(ks_error_msg(), "more than 0"));
	assert_int_equal(agent_duration_parse("0d", &v), KS_EPARSE);
	assert_int_equal(agent_duration_parse("000", &v), KS_EPARSE);
	assert_int_equal(agent_duration_parse("9223372036854775808", &v),
	    KS_ELIMIT);
	assert_non_null(strstr(ks_error_msg(), "too large"));
	assert_int_equal(agent_duration_parse("106751991167301d", &v),
	    KS_ELIMIT);
	assert_int_equal(agent_duration_parse("15250284452472w", &v),
	    KS_ELIMIT);
	assert_int_equal(agent_duration_parse(
	    "99999999999999999999999999999999", &v), KS_ELIMIT);
	assert_true(v == 42);
}

static void
test_common__duration_format(void **state)
{
	char b[32];

	agent_duration_format(0, b, sizeof(b));
	assert_string_equal(b, "0s");
	agent_duration_format(59, b, sizeof(b));
	assert_string_equal(b, "59s");
	agent_duration_format(90, b, sizeof(b));
	assert_string_equal(b, "1m 30s");
	agent_duration_format(3600, b, sizeof(b));
	assert_string_equal(b, "1h");
	agent_duration_format(10 * 86400 + 2 * 3600 + 59, b, sizeof(b));
	assert_string_equal(b, "10d 2h");
	agent_duration_format(-5, b, sizeof(b));
	assert_string_equal(b, "0s");
}

/* ---- stale warnings ----------------------------------------------------- */

static char dir[64];

static int
setup(void **state)
{
	strcpy(dir, "/tmp/kensa-common-XXXXXX");
	return mkdtemp(dir) == NULL ? -1 : 0;
}

static int
teardown(void **state)
{
	return test_tmp_rm(dir) == 0 ? 0 : -1;
}

/* CACHE/NAME/current -> snap-1 whose state says it was updated at t. */
static void
cached_at(const char *cache, const char *name, int64_t t)
{
	char *src = ks_asprintf("%s/%s", cache, name);
	char *snap = ks_asprintf("%s/snap-1", src);
	char *p = ks_asprintf("%s/.state", snap);
	char *text = ks_asprintf("updated = %lld\nurl = https://x/y\n",
	    (long long)t);

	assert_int_equal(mkdir(src, 0755), 0);
	assert_int_equal(mkdir(snap, 0755), 0);
	assert_int_equal(ks_file_write_atomic(p, text, strlen(text)), 0);
	free(p);
	p = ks_asprintf("%s/current", src);
	assert_int_equal(symlink("snap-1", p), 0);
	free(p);
	free(text);
	free(snap);
	free(src);
}

/* Runs agent_feeds_warn_stale with stderr captured into *err. */
static size_t
warn_captured(const struct feed_config *cfg, struct feed_cache *c,
    int64_t max_age, int64_t now, char **err)
{
	char *path = ks_asprintf("%s/stderr", dir);
	size_t n, len;
	int saved, fd;

	fflush(stderr);
	saved = dup(STDERR_FILENO);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	assert_true(saved >= 0 && fd >= 0);
	dup2(fd, STDERR_FILENO);
	close(fd);
	n = agent_feeds_warn_stale(cfg, c, max_age, "7d", now);
	fflush(stderr);
	dup2(saved, STDERR_FILENO);
	close(saved);
	assert_int_equal(ks_file_read(path, 1 << 20, err, &len), 0);
	free(path);
	return n;
}

static void
test_common__warn_stale(void **state)
{
	static const char conf[] =
	    "[old]\nkind = oval\nurl = https://127.0.0.1/old.xml\n"
	    "[fresh]\nkind = oval\nurl = https://127.0.0.1/fresh.xml\n"
	    "[never]\nkind = oval\nurl = https://127.0.0.1/never.xml\n"
	    "[api]\nkind = myjvn\nurl = https://127.0.0.1/myjvn\n";
	const int64_t now = 1800000000, week = 7 * 86400;
	struct feed_config *cfg = NULL;
	struct feed_cache *c = NULL;
	char *cache = ks_asprintf("%s/cache", dir), *err = NULL;

	assert_int_equal(feed_config_parse(conf, strlen(conf), "t.conf",
	    &cfg), 0);
	assert_int_equal(feed_cache_open(&c, cache), 0);
	cached_at(cache, "old", now - week - 3 * 3600);
	cached_at(cache, "fresh", now - week);	/* exactly at the limit */

	assert_int_equal(warn_captured(cfg, c, week, now, &err), 2);
	assert_non_null(strstr(err, "kensa: warning: feed source 'old' is "
	    "stale: last updated "));
	assert_non_null(strstr(err, ", 7d 3h ago (--feeds-max-age 7d)\n"));
	assert_non_null(strstr(err, "kensa: warning: feed source 'never' is "
	    "stale: never updated (--feeds-max-age 7d)"));
	assert_null(strstr(err, "'fresh'"));
	assert_null(strstr(err, "'api'"));	/* an online API */
	free(err);

	/* A larger limit: only the never-updated one. */
	assert_int_equal(warn_captured(cfg, c, 8 * 86400, now, &err), 1);
	assert_null(strstr(err, "'old'"));
	free(err);

	/* No cache directory at all: every cached kind is stale. */
	assert_int_equal(warn_captured(cfg, NULL, week, now, &err), 3);
	assert_non_null(strstr(err, "'fresh' is stale: never updated"));
	free(err);

	/* A damaged state is a warning too, not a failure. */
	{
		char *p = ks_asprintf("%s/fresh/snap-1/.state", cache);

		assert_int_equal(ks_file_write_atomic(p, "garbage\n", 8), 0);
		free(p);
	}
	assert_int_equal(warn_captured(cfg, c, week, now, &err), 3);
	assert_non_null(strstr(err, "feed source 'fresh': cannot tell its "
	    "age: "));
	free(err);
	feed_cache_free(c);
	feed_config_free(cfg);
	free(cache);
}

static void
test_common__feeds_option(void **state)
{
	struct agent_feeds_age fa;

	memset(&fa, 0, sizeof(fa));
	assert_int_equal(agent_feeds_option(&fa, AGENT_OPT_FEEDS_MAX_AGE,
	    "12h"), 0);
	assert_true(fa.max_age == 43200);
	assert_string_equal(fa.text, "12h");
	assert_int_equal(agent_feeds_option(&fa, AGENT_OPT_FEEDS_CONFIG,
	    "/x.conf"), 0);
	assert_int_equal(agent_feeds_option(&fa, AGENT_OPT_FEEDS_CACHE,
	    "/c"), 0);
	assert_string_equal(fa.config, "/x.conf");
	assert_string_equal(fa.cache_dir, "/c");
	assert_string_equal(agent_feeds_cache_dir(fa.cache_dir, NULL), "/c");
	assert_string_equal(agent_feeds_cache_dir(NULL, NULL),
	    FEED_CACHE_DEFAULT);
	/* A bad duration fails the option (the message goes to stderr). */
	assert_int_equal(agent_feeds_option(&fa, AGENT_OPT_FEEDS_MAX_AGE,
	    "soon"), -1);
	/* Not asked: nothing is read, nothing is stale. */
	memset(&fa, 0, sizeof(fa));
	fa.config = "/nonexistent/feeds.conf";
	assert_int_equal(agent_feeds_check_age(&fa), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_common__duration_good),
		cmocka_unit_test(test_common__duration_garbage),
		cmocka_unit_test(test_common__duration_zero_and_overflow),
		cmocka_unit_test(test_common__duration_format),
		cmocka_unit_test_setup_teardown(test_common__warn_stale,
		    setup, teardown),
		cmocka_unit_test(test_common__feeds_option),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
