/*
 * Tests for the feeds configuration parser (feeds/feed_config.c): the
 * documented format, [global] defaults, and "FILE:LINE: message" errors;
 * the `platform` key of oval sources, its matching against a system's
 * os-release ID and VERSION_ID, and the os-release reader.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "platform/base/base.h"
#include "feeds/feeds.h"
#include "feeds/feed_int_fetch.h"

static int
parse(const char *text, struct feed_config **c)
{
	return feed_config_parse(text, strlen(text), "t.conf", c);
}

/* Parses text expecting failure; checks the message starts with want. */
static void
expect_error(const char *text, const char *want)
{
	struct feed_config *c = NULL;

	assert_int_equal(parse(text, &c), KS_EPARSE);
	assert_null(c);
	if (strncmp(ks_error_msg(), want, strlen(want)) != 0)
		fail_msg("got '%s', want '%s...'", ks_error_msg(), want);
}

static void
test_feed_config__full(void **state)
{
	static const char text[] =
	    "# comment\n"
	    "; another\n"
	    "\n"
	    "[global]\n"
	    "cache_dir = /tmp/c\n"
	    "ca_file = /etc/ca.pem\n"
	    "retries = 7\n"
	    "timeout = 99\n"
	    "\n"
	    "[jvn-rss]\n"
	    "kind = jvn-ipedia\n"
	    "url = https://jvndb.jvn.jp/ja/feed/checksum.txt\n"
	    "files = jvndb.rdf, jvndb_new.rdf  x.rdf\n"
	    "max_size = 200M\n"
	    "[deb]\n"
	    "  kind   =   oval  \r\n"
	    "url = https://example.org/a/defs.xml.bz2?x=1#y\n"
	    "sha256 = ABCDEF0123456789abcdef0123456789abcdef0123456789abcdef0123456789\n"
	    "ca_file =\n"
	    "pinned_key = sha256//AAAA\n"
	    "proxy = http://proxy:3128\n"
	    "retries = 0\n"
	    "retry_base = 0.5\n"
	    "throttle = 2.5\n"
	    "low_speed_limit = 10\n"
	    "low_speed_time = 5\n"
	    "connect_timeout = 3\n"
	    "[api]\n"
	    "kind = myjvn\n"
	    "url = https://jvndb.jvn.jp/myjvn\n";
	struct feed_config *c = NULL;
	const struct feed_source *s;

	assert_int_equal(parse(text, &c), 0);
	assert_string_equal(c->cache_dir, "/tmp/c");
	assert_int_equal(c->nsrc, 3);
	s = feed_config_source(c, "jvn-rss");
	assert_non_null(s);
	assert_int_equal(s->kind, FEED_KIND_JVN_IPEDIA);
	assert_int_equal(s->nfiles, 3);
	assert_string_equal(s->files[1], "jvndb_new.rdf");
	assert_string_equal(s->files[2], "x.rdf");
	assert_int_equal(s->max_size, 200u << 20);
	/* [global] defaults reach every source ... */
	assert_string_equal(s->ca_file, "/etc/ca.pem");
	assert_int_equal(s->retries, 7);
	assert_int_equal(s->timeout, 99);
	assert_int_equal(s->connect_timeout, 30);	/* built-in default */
	assert_int_equal(s->line, 10);
	/* ... unless a source overrides them ("" clears). */
	s = feed_config_source(c, "deb");
	assert_int_equal(s->kind, FEED_KIND_OVAL);
	assert_string_equal(s->url, "https://example.org/a/defs.xml.bz2?x=1#y");
	assert_string_equal(s->sha256,
	    "abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789");
	assert_null(s->ca_file);
	assert_string_equal(s->pinned_key, "sha256//AAAA");
	assert_string_equal(s->proxy, "http://proxy:3128");
	assert_int_equal(s->retries, 0);
	assert_true(s->retry_base == 0.5);
	assert_true(s->throttle == 2.5);
	assert_int_equal(s->low_speed_limit, 10);
	assert_int_equal(s->low_speed_time, 5);
	assert_int_equal(s->connect_timeout, 3);
	s = feed_config_source(c, "api");
	assert_int_equal(s->kind, FEED_KIND_MYJVN);
	assert_null(feed_config_source(c, "nope"));
	assert_string_equal(feed_kind_name(FEED_KIND_BUNDLE), "bundle");
	feed_config_free(c);
}

static void
test_feed_config__errors(void **state)
{
	expect_error("[a]\nkind = oval\nurl = http://x/y\n",
	    "t.conf:3: url: only https:// URLs are allowed");
	expect_error("[a]\nkind = oval\n", "t.conf:1: missing 'url'");
	expect_error("[a]\nurl = https://x/y\n[b]\n",
	    "t.conf:1: missing 'kind'");
	expect_error("[a]\nkind = rss\n", "t.conf:2: kind: expected jvn-ipedia, myjvn, oval or bundle");
	/* A bundle is only ever used once its signature matches a trusted
	 * key: a bundle source without keys is refused when read. */
	expect_error("[a]\nkind = bundle\nurl = https://x/p.bundle\n",
	    "t.conf:1: a bundle source needs 'trust'");
	expect_error("[a]\nkind = oval\nurl = https://x/\ntrust = /k.pem\n",
	    "t.conf:1: 'trust' is only for kind bundle");
	expect_error("[global]\ntrust = /k.pem\n",
	    "t.conf:2: trust: unknown key in [global]");
	expect_error("[a]\nkind = oval\nurl = https://x/\ncolour = red\n",
	    "t.conf:4: colour: unknown key");
	expect_error("[a]\nkind = oval\nurl = https://x/\nverify = no\n",
	    "t.conf:4: verify: TLS certificate verification is always on");
	expect_error("[global]\ninsecure = 1\n",
	    "t.conf:2: insecure: TLS certificate verification");
	expect_error("[a]\nkind = oval\nurl = https://x/\n[a]\n",
	    "t.conf:4: duplicate source name");
	expect_error("[A b]\n", "t.conf:1: source name must be");
	expect_error("[.hidden]\n", "t.conf:1: source name must be");
	expect_error("kind = oval\n", "t.conf:1: key outside a section");
	expect_error("[a]\nkind = oval\nurl = https://x/\n[global]\n",
	    "t.conf:4: [global] must come once");
	expect_error("[a\n", "t.conf:1: section header must be [NAME]");
	expect_error("[a]\njust words\n", "t.conf:2: expected 'key = value'");
	expect_error("[a]\nkind = oval\nurl = https://x/\nmax_size = 1T\n",
	    "t.conf:4: max_size: expected a number with an optional K, M or G suffix");
	expect_error("[a]\nkind = oval\nurl = https://x/\nretries = 99\n",
	    "t.conf:4: retries: invalid value");
	expect_error("[a]\nkind = oval\nurl = https://x/\ntimeout = -1\n",
	    "t.conf:4: timeout: invalid value");
	expect_error("[a]\nkind = oval\nurl = https://x/\nsha256 = 12\n",
	    "t.conf:4: sha256: expected 64 hexadecimal digits");
	expect_error("[a]\nkind = oval\nurl = https://x/\nfiles = a\n",
	    "t.conf:1: 'files' is only for kind jvn-ipedia");
	expect_error("[a]\nkind = jvn-ipedia\nurl = https://x/\n"
	    "files = ../etc/passwd\n", "t.conf:4: files: plain file names only");
	expect_error("[a]\nkind = myjvn\nurl = https://x/\n"
	    "digest_url = https://x/d\n",
	    "t.conf:1: 'sha256' and 'digest_url' are only for oval");
	expect_error("[global]\nkind = oval\n",
	    "t.conf:2: kind: unknown key in [global]");
}

static void
test_feed_config__sizes(void **state)
{
	uint64_t v;

	assert_int_equal(feed_parse_size("10", &v), 0);
	assert_int_equal(v, 10);
	assert_int_equal(feed_parse_size("3k", &v), 0);
	assert_int_equal(v, 3072);
	assert_int_equal(feed_parse_size("2G", &v), 0);
	assert_int_equal(v, 2ull << 30);
	assert_int_equal(feed_parse_size("", &v), KS_EPARSE);
	assert_int_equal(feed_parse_size("-1", &v), KS_EPARSE);
	assert_int_equal(feed_parse_size("1MB", &v), KS_EPARSE);
	assert_int_equal(feed_parse_size("99999999999999999999", &v),
	    KS_EPARSE);
}

static void
test_feed_config__platform(void **state)
{
	static const char text[] =
	    "[ubuntu]\n"
	    "kind = oval\n"
	    "url = https://x/com.ubuntu.jammy.usn.oval.xml.bz2\n"
	    "platform = ubuntu:22.04,ubuntu:24.04  linuxmint\t"
	    "opensuse-leap:15.5\n"
	    "[any]\n"
	    "kind = oval\n"
	    "url = https://x/a.xml\n"
	    "[twice]\n"
	    "kind = oval\n"
	    "url = https://x/b.xml\n"
	    "platform = debian:11\n"
	    "platform = debian:12\n";
	struct feed_config *c = NULL;
	const struct feed_source *s;

	assert_int_equal(parse(text, &c), 0);
	s = feed_config_source(c, "ubuntu");
	assert_int_equal(s->nplatforms, 4);
	assert_string_equal(s->platforms[0], "ubuntu:22.04");
	assert_string_equal(s->platforms[1], "ubuntu:24.04");
	assert_string_equal(s->platforms[2], "linuxmint");
	assert_string_equal(s->platforms[3], "opensuse-leap:15.5");
	assert_int_equal(feed_config_source(c, "any")->nplatforms, 0);
	/* A key given again replaces the list, as every other key does. */
	s = feed_config_source(c, "twice");
	assert_int_equal(s->nplatforms, 1);
	assert_string_equal(s->platforms[0], "debian:12");
	feed_config_free(c);
}

static void
test_feed_config__platform_errors(void **state)
{
#define SRC "[a]\nkind = oval\nurl = https://x/\n"
	/* os-release(5): ID and VERSION_ID are lower-case 0-9 a-z . _ - */
	expect_error(SRC "platform = Ubuntu\n",
	    "t.conf:4: platform: expected one or more ID or ID:VERSION_ID");
	expect_error(SRC "platform = ubuntu:\n", "t.conf:4: platform:");
	expect_error(SRC "platform = :22.04\n", "t.conf:4: platform:");
	expect_error(SRC "platform = ubuntu:22.04:1\n",
	    "t.conf:4: platform:");
	expect_error(SRC "platform = ubuntu 22.04/x\n", "t.conf:4: platform:");
	expect_error(SRC "platform =\n", "t.conf:4: platform:");
	expect_error(SRC "platform = , ,\n", "t.conf:4: platform:");
	expect_error(SRC "\nplatform = deb\"ian\n", "t.conf:5: platform:");
#undef SRC
	/* Only an oval source is evaluated per system. */
	expect_error("[j]\nkind = jvn-ipedia\nurl = https://x/c.txt\n"
	    "platform = debian\n",
	    "t.conf:1: 'platform' is only for kind oval");
	expect_error("[global]\nplatform = debian\n",
	    "t.conf:2: platform: unknown key in [global]");
}

static void
test_feed_config__platform_match(void **state)
{
	struct feed_config *c = NULL;
	const struct feed_source *s, *any;

	assert_int_equal(parse("[a]\nkind = oval\nurl = https://x/\n"
	    "platform = ubuntu:22.04 debian rhel:9.4\n"
	    "[b]\nkind = oval\nurl = https://x/\n", &c), 0);
	s = feed_config_source(c, "a");
	any = feed_config_source(c, "b");
	/* Without `platform`: every system, even an unknown one. */
	assert_true(feed_source_platform_match(any, "ubuntu", "22.04"));
	assert_true(feed_source_platform_match(any, NULL, NULL));
	/* ID:VERSION_ID: both must be equal. */
	assert_true(feed_source_platform_match(s, "ubuntu", "22.04"));
	assert_false(feed_source_platform_match(s, "ubuntu", "24.04"));
	assert_false(feed_source_platform_match(s, "ubuntu", "22.04.1"));
	assert_false(feed_source_platform_match(s, "ubuntu", "22"));
	assert_false(feed_source_platform_match(s, "ubuntu", NULL));
	/* ID alone: any version, or none stated (Debian sid). */
	assert_true(feed_source_platform_match(s, "debian", "12"));
	assert_true(feed_source_platform_match(s, "debian", NULL));
	/* Exact IDs: no prefix, no case folding, no ID_LIKE. */
	assert_false(feed_source_platform_match(s, "deb", "12"));
	assert_false(feed_source_platform_match(s, "debian2", "12"));
	assert_false(feed_source_platform_match(s, "Debian", "12"));
	assert_false(feed_source_platform_match(s, "ubuntu2", "22.04"));
	assert_false(feed_source_platform_match(s, "rhel", "9"));
	assert_true(feed_source_platform_match(s, "rhel", "9.4"));
	/* An unknown system (no os-release) never matches a platform list. */
	assert_false(feed_source_platform_match(s, NULL, NULL));
	assert_false(feed_source_platform_match(s, NULL, "22.04"));
	feed_config_free(c);
}

/* The shipped default configuration must parse. */
static void
test_feed_config__shipped_default(void **state)
{
	struct feed_config *c = NULL;

	assert_int_equal(feed_config_load(KS_SRCDIR "/data/feeds.conf", &c),
	    0);
	assert_string_equal(c->cache_dir, FEED_CACHE_DEFAULT);
	assert_non_null(feed_config_source(c, "myjvn"));
	assert_int_equal(feed_config_source(c, "jvn-ipedia-rss")->kind,
	    FEED_KIND_JVN_IPEDIA);
	feed_config_free(c);
}

static void
test_feed_config__missing_file(void **state)
{
	struct feed_config *c = NULL;

	assert_true(feed_config_load("/nonexistent/kensa/feeds.conf", &c) < 0);
	assert_null(c);
	assert_non_null(strstr(ks_error_msg(), "/nonexistent/kensa/feeds.conf"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_feed_config__full),
		cmocka_unit_test(test_feed_config__errors),
		cmocka_unit_test(test_feed_config__sizes),
		cmocka_unit_test(test_feed_config__platform),
		cmocka_unit_test(test_feed_config__platform_errors),
		cmocka_unit_test(test_feed_config__platform_match),
		cmocka_unit_test(test_feed_config__shipped_default),
		cmocka_unit_test(test_feed_config__missing_file),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
