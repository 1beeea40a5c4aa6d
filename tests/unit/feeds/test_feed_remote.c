/*
 * Tests for feeds/feed_remote.c: the cache source name of a remote SCAP
 * resource's URL, the source made up for it with the configuration's
 * [global] settings, and the removal of what a failed first fetch left.
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
#include "tests/unit/test_tmp.h"

#define RHSA "https://access.redhat.com/security/data/oval/" \
	"com.redhat.rhsa-RHEL8.xml.bz2"

static char tmpdir[256];

static int
setup(void **state)
{
	snprintf(tmpdir, sizeof(tmpdir), "/tmp/test_feed_remote.XXXXXX");
	assert_non_null(mkdtemp(tmpdir));
	return 0;
}

static int
teardown(void **state)
{
	return test_tmp_rm(tmpdir) == 0 ? 0 : -1;
}

/* Writes tmpdir/name; returns its path (caller frees). */
static char *
put(const char *name, const char *text)
{
	char *p = ks_asprintf("%s/%s", tmpdir, name);

	assert_int_equal(ks_file_write_atomic(p, text, strlen(text)), 0);
	return p;
}

static bool
exists(const char *path)
{
	struct stat st;

	return lstat(path, &st) == 0;
}

/* "remote-" and the first 16 hex digits of the URL's SHA-256 (the digests
 * below are sha256sum's of the URLs' bytes). */
static void
test_feed_remote__name(void **state)
{
	char n[FEED_REMOTE_NAME_SIZE];

	assert_int_equal(sizeof(n), 24);
	assert_int_equal(feed_remote_name(RHSA, n), 0);
	assert_string_equal(n, "remote-5dc35d1ecc5e8e5e");
	assert_int_equal(feed_remote_name(
	    "https://127.0.0.1:8443/oval.xml.bz2", n), 0);
	assert_string_equal(n, "remote-f8f358a4e5cd4989");
	/* A source name the configuration accepts: [a-z0-9._-]. */
	for (const char *p = n; *p; p++)
		assert_true((*p >= 'a' && *p <= 'z') ||
		    (*p >= '0' && *p <= '9') || *p == '-');
}

/* The made-up source gets what [global] gives every source. */
static void
test_feed_remote__config_global(void **state)
{
	char *conf = put("feeds.conf",
	    "[global]\n"
	    "cache_dir = /tmp/c\n"
	    "ca_file = /etc/test-ca.pem\n"
	    "retries = 7\n"
	    "timeout = 99\n"
	    "max_size = 3M\n"
	    "\n"
	    "[deb]\n"
	    "kind = oval\n"
	    "url = https://example.org/deb.xml");	/* no final newline */
	const struct feed_source *s = NULL;
	struct feed_config *c = NULL;

	assert_int_equal(feed_remote_config(conf, RHSA, &c, &s), 0);
	assert_non_null(s);
	assert_string_equal(s->name, "remote-5dc35d1ecc5e8e5e");
	assert_int_equal(s->kind, FEED_KIND_OVAL);
	assert_string_equal(s->url, RHSA);
	assert_string_equal(s->ca_file, "/etc/test-ca.pem");
	assert_int_equal(s->retries, 7);
	assert_int_equal(s->timeout, 99);
	assert_int_equal(s->max_size, 3u << 20);
	assert_null(s->sha256);
	assert_null(s->digest_url);
	assert_int_equal(s->nplatforms, 0);
	/* The configured sources are still there. */
	assert_int_equal(c->nsrc, 2);
	assert_string_equal(c->cache_dir, "/tmp/c");
	assert_non_null(feed_config_source(c, "deb"));
	feed_config_free(c);
	free(conf);
}

/* No configuration: the feed commands' defaults, the system trust store. */
static void
test_feed_remote__config_defaults(void **state)
{
	const struct feed_source *s = NULL;
	struct feed_config *c = NULL;

	assert_int_equal(feed_remote_config(NULL, RHSA, &c, &s), 0);
	assert_int_equal(c->nsrc, 1);
	assert_null(s->ca_file);
	assert_null(s->proxy);
	assert_int_equal(s->max_size, 512ull << 20);
	assert_int_equal(s->retries, 4);
	assert_int_equal(s->connect_timeout, 30);
	assert_int_equal(s->timeout, 3600);
	feed_config_free(c);
}

static void
test_feed_remote__config_refused(void **state)
{
	const struct feed_source *s = (void *)1;
	struct feed_config *c = (void *)1;
	char *conf, *big;

	/* Peer verification needs TLS: http and ftp are not fetched. */
	assert_int_equal(feed_remote_config(NULL, "http://example.org/a.xml",
	    &c, &s), KS_EUNSUPPORTED);
	assert_null(c);
	assert_null(s);
	assert_string_equal(ks_error_msg(), "http://example.org/a.xml: only "
	    "https:// resources are fetched (the peer is always verified)");
	assert_int_equal(feed_remote_config(NULL, "ftp://example.org/a.xml",
	    &c, &s), KS_EUNSUPPORTED);
	assert_int_equal(feed_remote_config(NULL, "https://", &c, &s),
	    KS_EUNSUPPORTED);
	/* Nothing may be smuggled into the configuration text. */
	assert_int_equal(feed_remote_config(NULL,
	    "https://example.org/a.xml\nca_file = /tmp/evil.pem", &c, &s),
	    KS_EPARSE);
	assert_non_null(strstr(ks_error_msg(), "blank or control"));
	assert_int_equal(feed_remote_config(NULL, "https://example.org/a b",
	    &c, &s), KS_EPARSE);
	big = ks_calloc(1, FEED_REMOTE_URL_MAX + 2);
	memcpy(big, "https://", 8);
	memset(big + 8, 'a', FEED_REMOTE_URL_MAX - 7);
	assert_int_equal(feed_remote_config(NULL, big, &c, &s), KS_ELIMIT);
	big[FEED_REMOTE_URL_MAX] = '\0';
	assert_int_equal(feed_remote_config(NULL, big, &c, &s), 0);
	feed_config_free(c);
	free(big);
	/* A configuration that does not parse, or is not there. */
	conf = put("bad.conf", "[global]\nretries = lots\n");
	assert_int_equal(feed_remote_config(conf, RHSA, &c, &s), KS_EPARSE);
	assert_null(c);
	assert_non_null(strstr(ks_error_msg(), "bad.conf:2:"));
	free(conf);
	conf = ks_asprintf("%s/none.conf", tmpdir);
	assert_true(feed_remote_config(conf, RHSA, &c, &s) < 0);
	assert_null(c);
	free(conf);
}

static void
test_feed_remote__forget(void **state)
{
	char *cache = ks_asprintf("%s/cache", tmpdir);
	char *src = ks_asprintf("%s/remote-0123456789abcdef", cache);
	char *part = ks_asprintf("%s/.partial", src);
	char *f;

	assert_int_equal(mkdir(cache, 0755), 0);
	assert_int_equal(mkdir(src, 0755), 0);
	assert_int_equal(mkdir(part, 0700), 0);
	free(put("cache/remote-0123456789abcdef/.partial/oval.xml.bz2", "x"));
	free(put("cache/remote-0123456789abcdef/.partial/oval.xml.bz2."
	    "validator", "\"etag\""));
	free(put("cache/remote-0123456789abcdef/attempt", "failed\n"));
	/* Never cached: nothing stays. */
	assert_int_equal(feed_remote_forget(cache,
	    "remote-0123456789abcdef"), 0);
	assert_false(exists(src));
	assert_true(exists(cache));
	/* Nothing there at all is fine too. */
	assert_int_equal(feed_remote_forget(cache,
	    "remote-0123456789abcdef"), 0);
	/* A cached copy is kept whatever the last attempt did. */
	assert_int_equal(mkdir(src, 0755), 0);
	f = ks_asprintf("%s/current", src);
	assert_int_equal(symlink("snap-abc", f), 0);
	free(put("cache/remote-0123456789abcdef/attempt", "failed\n"));
	assert_int_equal(feed_remote_forget(cache,
	    "remote-0123456789abcdef"), 0);
	assert_true(exists(f));
	free(f);
	f = ks_asprintf("%s/attempt", src);
	assert_true(exists(f));
	free(f);
	/* Only remote sources are ever removed. */
	assert_int_equal(feed_remote_forget(cache, "debian"), KS_EPERM);
	assert_int_equal(feed_remote_forget(cache, "remote-../x"), KS_EPERM);
	free(part);
	free(src);
	free(cache);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_feed_remote__name),
		cmocka_unit_test(test_feed_remote__config_global),
		cmocka_unit_test(test_feed_remote__config_defaults),
		cmocka_unit_test(test_feed_remote__config_refused),
		cmocka_unit_test(test_feed_remote__forget),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
