/*
 * Tests for feeds/feed_fetch.c that need no server: retry timing,
 * Retry-After parsing, SHA-256 helpers, the https-only rule and the
 * failure line of a refused connection on 127.0.0.1. Transfers against a
 * real HTTPS server are in tests/e2e/feeds-https.sh.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <cmocka.h>

#include "platform/base/base.h"
#include "feeds/feeds.h"
#include "feeds/feed_int_fetch.h"

static void
test_feed_fetch__backoff(void **state)
{
	/* base * 2^(n-1), capped, plus up to 50% jitter */
	assert_true(feed_fetch_backoff(1, 1.0, 300, 0.0) == 1.0);
	assert_true(feed_fetch_backoff(2, 1.0, 300, 0.0) == 2.0);
	assert_true(feed_fetch_backoff(4, 1.0, 300, 0.0) == 8.0);
	assert_true(feed_fetch_backoff(4, 1.0, 300, 0.5) == 10.0);
	assert_true(feed_fetch_backoff(20, 1.0, 300, 0.0) == 300.0);
	assert_true(feed_fetch_backoff(1000, 0.5, 60, 0.999) < 90.0);
	assert_true(feed_fetch_backoff(0, 1.0, 300, 0.0) == 1.0);
}

static void
test_feed_fetch__retry_after(void **state)
{
	/* RFC 9110 10.2.3: Retry-After = HTTP-date / delay-seconds;
	 * 784111777 is Sun, 06 Nov 1994 08:49:37 GMT (RFC 9110 5.6.7). */
	const int64_t now = 784111777 - 30;

	assert_true(feed_fetch_retry_after("120", now) == 120.0);
	assert_true(feed_fetch_retry_after(" 0", now) == 0.0);
	assert_true(feed_fetch_retry_after("Sun, 06 Nov 1994 08:49:37 GMT",
	    now) == 30.0);
	/* A date in the past: no wait. */
	assert_true(feed_fetch_retry_after("Sun, 06 Nov 1994 08:49:37 GMT",
	    now + 100) == 0.0);
	assert_true(feed_fetch_retry_after("soon", now) < 0);
	assert_true(feed_fetch_retry_after("1.5", now) < 0);
	assert_true(feed_fetch_retry_after("12abc", now) < 0);
}

static void
test_feed_fetch__sha256(void **state)
{
	char out[65], tmpl[] = "/tmp/kensa-sha-XXXXXX";
	uint64_t size = 0;
	int fd;

	/* FIPS 180-2 example: SHA-256("abc") */
	feed_sha256_mem("abc", 3, out);
	assert_string_equal(out, "ba7816bf8f01cfea414140de5dae2223"
	    "b00361a396177a9cb410ff61f20015ad");
	fd = mkstemp(tmpl);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, "abc", 3), 3);
	close(fd);
	assert_int_equal(feed_sha256_file(tmpl, out, &size), 0);
	assert_int_equal(size, 3);
	assert_string_equal(out, "ba7816bf8f01cfea414140de5dae2223"
	    "b00361a396177a9cb410ff61f20015ad");
	unlink(tmpl);
	assert_int_equal(feed_sha256_file(tmpl, out, &size), KS_ENOTFOUND);
	assert_true(feed_sha256_valid("ba7816bf8f01cfea414140de5dae2223"
	    "b00361a396177a9cb410ff61f20015AD"));
	assert_false(feed_sha256_valid("ba7816bf"));
	assert_false(feed_sha256_valid("ba7816bf8f01cfea414140de5dae2223"
	    "b00361a396177a9cb410ff61f20015adX"));
	assert_false(feed_sha256_valid("ga7816bf8f01cfea414140de5dae2223"
	    "b00361a396177a9cb410ff61f20015ad"));
}

static void
source_init(struct feed_source *s)
{
	memset(s, 0, sizeof(*s));
	s->name = (char *)"src";
	s->max_size = 1 << 20;
	s->connect_timeout = 5;
	s->timeout = 10;
	s->low_speed_limit = 1;
	s->low_speed_time = 5;
	s->retries = 1;
	s->retry_base = 0.01;
	s->retry_max = 0.05;
}

/* Plain http is refused by libcurl itself, before any connection. */
static void
test_feed_fetch__https_only(void **state)
{
	struct feed_source s;
	struct feed_fetch_req req;
	struct feed_fetch_res res;
	struct ks_buf b;

	source_init(&s);
	s.retries = 3;
	ks_buf_init(&b, 1024);
	memset(&req, 0, sizeof(req));
	req.src = &s;
	req.url = "http://127.0.0.1:9/x";
	req.mem = &b;
	assert_int_equal(feed_fetch(&req, &res), KS_ERROR);
	/* Not transient: one attempt only. */
	assert_int_equal(res.attempts, 1);
	assert_non_null(strstr(ks_error_msg(), "src: http://127.0.0.1:9/x: "));
	ks_buf_free(&b);
}

/* A refused connection is transient: retried, then one line naming the
 * source and the URL. */
static void
test_feed_fetch__refused(void **state)
{
	struct sockaddr_in a;
	socklen_t alen = sizeof(a);
	struct feed_source s;
	struct feed_fetch_req req;
	struct feed_fetch_res res;
	struct ks_buf b;
	char url[64];
	int fd;

	/* A port that was free a moment ago (bound, never listening). */
	fd = socket(AF_INET, SOCK_STREAM, 0);
	assert_true(fd >= 0);
	memset(&a, 0, sizeof(a));
	a.sin_family = AF_INET;
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	assert_int_equal(bind(fd, (struct sockaddr *)&a, sizeof(a)), 0);
	assert_int_equal(getsockname(fd, (struct sockaddr *)&a, &alen), 0);
	snprintf(url, sizeof(url), "https://127.0.0.1:%d/feed.xml",
	    ntohs(a.sin_port));
	source_init(&s);
	s.proxy = (char *)"";	/* no proxy from the environment */
	ks_buf_init(&b, 1024);
	memset(&req, 0, sizeof(req));
	req.src = &s;
	req.url = url;
	req.mem = &b;
	assert_int_equal(feed_fetch(&req, &res), KS_ERROR);
	assert_int_equal(res.attempts, 2);
	assert_non_null(strstr(ks_error_msg(), "src: https://127.0.0.1:"));
	assert_null(strchr(ks_error_msg(), '\n'));
	close(fd);
	ks_buf_free(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_feed_fetch__backoff),
		cmocka_unit_test(test_feed_fetch__retry_after),
		cmocka_unit_test(test_feed_fetch__sha256),
		cmocka_unit_test(test_feed_fetch__https_only),
		cmocka_unit_test(test_feed_fetch__refused),
	};

	ks_log_set_level(KS_LOG_ERROR);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
