/*
 * libFuzzer target for the CVSS vector parser and scorers (feeds/cvss*.c).
 * Beyond "never crash", it traps when a contract is broken: a rejected
 * vector without a message, a score outside 0-10 or not on one decimal,
 * a metric that cannot be read back, or a vector rebuilt from the parsed
 * metrics (in the specification's order) that scores differently.
 */
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "platform/base/base.h"
#include "feeds/feeds.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
check_score(bool defined, double x)
{
	if (!defined)
		return;
	if (!(x >= 0.0 && x <= 10.0) || fabs(x * 10.0 - round(x * 10.0)) >
	    1e-9)
		__builtin_trap();
}

/* Rebuilds the vector from its parsed metrics into buf. */
static bool
rebuild(const struct feed_cvss *c, char *buf, size_t bufsz)
{
	struct feed_cvss_metric m;
	size_t i, n = feed_cvss_metric_count(c), off = 0;
	int w;

	if (c->ver == FEED_CVSS_V30 || c->ver == FEED_CVSS_V31 ||
	    c->ver == FEED_CVSS_V40) {
		w = snprintf(buf, bufsz, "CVSS:%s/",
		    feed_cvss_version_name(c->ver));
		if (w < 0 || (size_t)w >= bufsz)
			return false;
		off = (size_t)w;
	}
	for (i = 0; i < n; i++) {
		if (feed_cvss_metric_get(c, i, "en", &m) != 0)
			__builtin_trap();
		if (m.name == NULL || m.value_name == NULL || m.group == NULL)
			__builtin_trap();
		w = snprintf(buf + off, bufsz - off, "%s%s:%s", i ? "/" : "",
		    m.abbr, m.value);
		if (w < 0 || (size_t)w >= bufsz - off)
			return false;
		off += (size_t)w;
	}
	return true;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char vec[FEED_CVSS_MAX_VECTOR + 64], again[FEED_CVSS_MAX_VECTOR + 64];
	struct feed_cvss c, d;
	struct feed_cvss_metric m;

	if (size >= sizeof(vec))
		size = sizeof(vec) - 1;
	memcpy(vec, data, size);
	vec[size] = '\0';

	ks_error_clear();
	if (feed_cvss_parse(vec, &c) != 0) {
		if (ks_error_msg()[0] == '\0')
			__builtin_trap();
		return 0;
	}
	check_score(c.has_base, c.base);
	check_score(c.has_temporal, c.temporal);
	check_score(c.has_environmental, c.environmental);
	check_score(true, c.score);
	if (feed_cvss_severity(&c) == NULL ||
	    feed_cvss_severity_text(&c, "ja") == NULL)
		__builtin_trap();
	if (feed_cvss_metric_count(&c) > FEED_CVSS_MAX_METRICS)
		__builtin_trap();
	if (feed_cvss_metric_get(&c, feed_cvss_metric_count(&c), "ja", &m) !=
	    KS_ENOTFOUND)
		__builtin_trap();
	if (!rebuild(&c, again, sizeof(again)))
		return 0;
	if (feed_cvss_parse(again, &d) != 0 || d.ver != c.ver ||
	    d.score != c.score || d.present != c.present ||
	    d.has_temporal != c.has_temporal ||
	    d.has_environmental != c.has_environmental)
		__builtin_trap();
	return 0;
}
