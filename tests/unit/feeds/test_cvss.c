/*
 * Tests for the version-independent part of CVSS (feeds/cvss.c): prefix
 * recognition, every kind of malformed vector (each error must name the
 * metric, value or prefix), metric order, severity and metric access.
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

#define V31	"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"
#define V40	"CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/" \
		"SC:N/SI:N/SA:N"
#define V2	"AV:N/AC:L/Au:N/C:P/I:P/A:P"

/* Asserts that `vector` is rejected with KS_EPARSE and a message holding
 * every one of the NULL-terminated fragments. */
static void
assert_rejected(const char *vector, ...)
{
	struct feed_cvss c;
	const char *frag;
	va_list ap;

	ks_error_clear();
	if (feed_cvss_parse(vector, &c) != KS_EPARSE)
		fail_msg("accepted: %s", vector ? vector : "(null)");
	va_start(ap, vector);
	while ((frag = va_arg(ap, const char *)) != NULL)
		if (strstr(ks_error_msg(), frag) == NULL)
			fail_msg("%s: message '%s' lacks '%s'", vector,
			    ks_error_msg(), frag);
	va_end(ap);
}

static struct feed_cvss
parse_ok(const char *vector)
{
	struct feed_cvss c;

	if (feed_cvss_parse(vector, &c) != 0)
		fail_msg("%s: %s", vector, ks_error_msg());
	return c;
}

static void
test_cvss__prefix_selects_version(void **state)
{
	assert_int_equal(parse_ok(V2).ver, FEED_CVSS_V2);
	assert_int_equal(parse_ok("(" V2 ")").ver, FEED_CVSS_V2);
	assert_int_equal(parse_ok("CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/"
	    "A:H").ver, FEED_CVSS_V30);
	assert_int_equal(parse_ok(V31).ver, FEED_CVSS_V31);
	assert_int_equal(parse_ok(V40).ver, FEED_CVSS_V40);
	assert_string_equal(feed_cvss_version_name(FEED_CVSS_V2), "2.0");
	assert_string_equal(feed_cvss_version_name(FEED_CVSS_V30), "3.0");
	assert_string_equal(feed_cvss_version_name(FEED_CVSS_V31), "3.1");
	assert_string_equal(feed_cvss_version_name(FEED_CVSS_V40), "4.0");
}

static void
test_cvss__wrong_prefix(void **state)
{
	assert_rejected("CVSS:3.2/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
	    "wrong prefix", "CVSS:3.2", NULL);
	assert_rejected("CVSS:5.0/AV:N", "wrong prefix", "CVSS:5.0", NULL);
	assert_rejected("CVSS:2.0/" V2, "wrong prefix", "CVSS:2.0", NULL);
	assert_rejected("CVSS3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
	    "wrong prefix", "CVSS3.1", NULL);
	/* A v3 vector without its prefix is read as v2 and says why not. */
	assert_rejected("AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
	    "unknown metric 'PR'", "prefix", NULL);
	/* v4 metrics under a v3 prefix and the reverse. */
	assert_rejected(V31 "/AT:N", "CVSS 3.1", "unknown metric 'AT'", NULL);
	assert_rejected("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/"
	    "SC:N/SI:N/SA:N/S:U", "CVSS 4.0", "unknown value 'U' for metric "
	    "'S'", NULL);
	assert_rejected("CVSS:3.1", "no metrics", NULL);
	assert_rejected("CVSS:3.1/", "no metrics", NULL);
	assert_rejected("(" V2, "'('", NULL);
	assert_rejected("(", "'('", NULL);
}

static void
test_cvss__empty(void **state)
{
	assert_rejected("", "empty vector", NULL);
	assert_rejected(NULL, "empty vector", NULL);
	assert_rejected("()", "no metrics", NULL);
}

static void
test_cvss__duplicate_metric(void **state)
{
	assert_rejected(V31 "/AV:L", "duplicate metric 'AV'", NULL);
	assert_rejected(V31 "/E:X/E:X", "duplicate metric 'E'", NULL);
	assert_rejected(V2 "/Au:N", "CVSS 2.0", "duplicate metric 'Au'", NULL);
	assert_rejected(V40 "/U:Red/U:Red", "duplicate metric 'U'", NULL);
}

static void
test_cvss__unknown_metric(void **state)
{
	assert_rejected(V31 "/XX:N", "unknown metric 'XX'", NULL);
	assert_rejected(V2 "/MAV:N", "unknown metric 'MAV'", NULL);
	assert_rejected(V40 "/Au:N", "unknown metric 'Au'", NULL);
	/* Metric names are case-sensitive (v2 "Au", v4 "AU"). */
	assert_rejected("AV:N/AC:L/AU:N/C:P/I:P/A:P", "unknown metric 'AU'",
	    NULL);
	assert_rejected(V31 "/:N", "unknown metric ''", NULL);
}

static void
test_cvss__unknown_value(void **state)
{
	assert_rejected("CVSS:3.1/AV:Q/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
	    "unknown value 'Q' for metric 'AV'", NULL);
	assert_rejected(V31 "/E:ND", "unknown value 'ND' for metric 'E'",
	    NULL);
	assert_rejected(V2 "/E:X", "unknown value 'X' for metric 'E'", NULL);
	assert_rejected(V40 "/U:Blue", "unknown value 'Blue' for metric 'U'",
	    NULL);
	assert_rejected(V31 "/E:", "unknown value '' for metric 'E'", NULL);
	assert_rejected(V31 "/E:X:X", "unknown value 'X:X' for metric 'E'",
	    NULL);
	/* MSI/MSA have S (Safety); MSC and the base SI do not. */
	assert_rejected(V40 "/MSC:S", "unknown value 'S' for metric 'MSC'",
	    NULL);
	assert_rejected("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/"
	    "SC:N/SI:S/SA:N", "unknown value 'S' for metric 'SI'", NULL);
}

static void
test_cvss__missing_mandatory(void **state)
{
	assert_rejected("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H",
	    "missing mandatory metric A", NULL);
	assert_rejected("CVSS:3.1/AV:N/AC:L/UI:N/C:H/I:H/A:H",
	    "missing mandatory metrics PR, S", NULL);
	assert_rejected("AV:N/AC:L/C:P/I:P/A:P", "CVSS 2.0",
	    "missing mandatory metric Au", NULL);
	assert_rejected("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/"
	    "SC:N/SI:N", "missing mandatory metric SA", NULL);
	/* Optional metrics alone are no vector. */
	assert_rejected("CVSS:3.1/E:H", "missing mandatory metrics AV, AC, "
	    "PR, UI, S, C, I, A", NULL);
}

static void
test_cvss__malformed_fields(void **state)
{
	assert_rejected(V31 "/", "trailing '/'", NULL);
	assert_rejected(V2 "/", "trailing '/'", NULL);
	assert_rejected("CVSS:3.1/AV:N//AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
	    "empty field 2", NULL);
	assert_rejected("CVSS:3.1//AV:N", "empty field 1", NULL);
	assert_rejected(V31 "/E", "field 'E' is not METRIC:VALUE", NULL);
	assert_rejected(V31 " ", "unknown value 'H ' for metric 'A'", NULL);
	assert_rejected(" " V31, "unknown metric ' CVSS'", NULL);
}

static void
test_cvss__message_is_sanitised(void **state)
{
	char big[FEED_CVSS_MAX_VECTOR + 2];

	/* Control characters from the input never reach the message. */
	assert_rejected(V31 "/X\tY:N", "unknown metric 'X?Y'", NULL);
	assert_rejected(V31 "/E:\n", "unknown value '?' for metric 'E'", NULL);
	/* Long names are cut. */
	assert_rejected(V31 "/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA:N",
	    "...'", NULL);
	assert_true(strlen(ks_error_msg()) < 80);
	/* Over-long vectors are refused before parsing. */
	memset(big, 'A', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	assert_rejected(big, "longer than 512 bytes", NULL);
}

static void
test_cvss__any_metric_order(void **state)
{
	struct feed_cvss a = parse_ok(V31 "/E:P/RL:O/RC:C/CR:H/MAV:L");
	struct feed_cvss b = parse_ok("CVSS:3.1/MAV:L/CR:H/RC:C/RL:O/E:P/A:H/"
	    "I:H/C:H/S:U/UI:N/PR:N/AC:L/AV:N");

	assert_true(a.base == b.base && a.temporal == b.temporal &&
	    a.environmental == b.environmental && a.score == b.score);
	a = parse_ok("A:P/I:P/C:P/Au:N/AC:L/AV:N");
	assert_true(a.base == 7.5);
	a = parse_ok("CVSS:4.0/SA:N/SI:N/SC:N/VA:H/VI:H/VC:H/UI:N/PR:N/AT:N/"
	    "AC:L/AV:N");
	assert_true(a.score == 9.3);
}

static void
test_cvss__score_is_most_specific(void **state)
{
	struct feed_cvss c = parse_ok(V31);

	assert_false(c.sets_temporal || c.sets_environmental);
	assert_true(c.score == c.base && c.score == 9.8);
	/* X is "not set": the score stays the base score. */
	c = parse_ok(V31 "/E:X/RL:X/RC:X/CR:X/MAV:X");
	assert_false(c.sets_temporal || c.sets_environmental);
	assert_true(c.score == 9.8);
	c = parse_ok(V31 "/E:U");
	assert_true(c.sets_temporal && !c.sets_environmental);
	assert_true(c.score == c.temporal && c.score == 9.0);
	c = parse_ok(V31 "/E:U/MAV:P");
	assert_true(c.sets_environmental);
	assert_true(c.score == c.environmental);
	assert_true(c.environmental == 6.2);
	c = parse_ok(V31 "/MAV:P");
	assert_true(c.score == c.environmental && c.environmental == 6.8);
}

static struct feed_cvss
with_score(enum feed_cvss_version v, double score)
{
	struct feed_cvss c;

	memset(&c, 0, sizeof(c));
	c.ver = v;
	c.score = score;
	return c;
}

static void
test_cvss__severity(void **state)
{
	static const struct {
		double		 s;
		const char	*v3, *v2;
	} t[] = {
		{ 0.0, "None", "Low" }, { 0.1, "Low", "Low" },
		{ 3.9, "Low", "Low" }, { 4.0, "Medium", "Medium" },
		{ 6.9, "Medium", "Medium" }, { 7.0, "High", "High" },
		{ 8.9, "High", "High" }, { 9.0, "Critical", "High" },
		{ 10.0, "Critical", "High" },
	};
	struct feed_cvss c;
	size_t i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		c = with_score(FEED_CVSS_V31, t[i].s);
		assert_string_equal(feed_cvss_severity(&c), t[i].v3);
		c = with_score(FEED_CVSS_V30, t[i].s);
		assert_string_equal(feed_cvss_severity(&c), t[i].v3);
		c = with_score(FEED_CVSS_V40, t[i].s);
		assert_string_equal(feed_cvss_severity(&c), t[i].v3);
		c = with_score(FEED_CVSS_V2, t[i].s);
		assert_string_equal(feed_cvss_severity(&c), t[i].v2);
	}
	c = with_score(FEED_CVSS_V31, 9.8);
	assert_string_equal(feed_cvss_severity_text(&c, "ja"), "緊急");
	assert_string_equal(feed_cvss_severity_text(&c, "en"), "Critical");
	assert_string_equal(feed_cvss_severity_text(&c, NULL), "Critical");
	c = with_score(FEED_CVSS_V31, 0.0);
	assert_string_equal(feed_cvss_severity_text(&c, "ja_JP.UTF-8"),
	    "なし");
	c = with_score(FEED_CVSS_V2, 7.5);
	assert_string_equal(feed_cvss_severity_text(&c, "ja"), "危険");
	c = with_score(FEED_CVSS_V2, 5.0);
	assert_string_equal(feed_cvss_severity_text(&c, "ja"), "警告");
	c = with_score(FEED_CVSS_V40, 3.0);
	assert_string_equal(feed_cvss_severity_text(&c, "ja"), "注意");
	c = with_score(FEED_CVSS_V40, 8.0);
	assert_string_equal(feed_cvss_severity_text(&c, "ja"), "重要");
}

static void
test_cvss__metric_access(void **state)
{
	struct feed_cvss c = parse_ok("CVSS:3.1/MAV:L/E:X/AV:N/AC:L/PR:N/"
	    "UI:N/S:U/C:H/I:H/A:H");
	struct feed_cvss_metric m;

	assert_int_equal(feed_cvss_metric_count(&c), 10);
	/* The specification's order, not the vector's. */
	assert_int_equal(feed_cvss_metric_get(&c, 0, "en", &m), 0);
	assert_string_equal(m.abbr, "AV");
	assert_string_equal(m.value, "N");
	assert_string_equal(m.name, "Attack Vector");
	assert_string_equal(m.value_name, "Network");
	assert_string_equal(m.group, "base");
	assert_int_equal(feed_cvss_metric_get(&c, 8, "en", &m), 0);
	assert_string_equal(m.abbr, "E");
	assert_string_equal(m.value_name, "Not Defined");
	assert_string_equal(m.group, "temporal");
	assert_int_equal(feed_cvss_metric_get(&c, 9, "ja", &m), 0);
	assert_string_equal(m.abbr, "MAV");
	assert_string_equal(m.name, "調整後の攻撃元区分");
	assert_string_equal(m.value_name, "ローカル");
	assert_string_equal(m.group, "environmental");
	assert_int_equal(feed_cvss_metric_get(&c, 10, "en", &m),
	    KS_ENOTFOUND);

	c = parse_ok(V40 "/E:P/U:Red");
	assert_int_equal(feed_cvss_metric_get(&c, 11, "en", &m), 0);
	assert_string_equal(m.group, "threat");
	assert_int_equal(feed_cvss_metric_get(&c, 12, "en", &m), 0);
	assert_string_equal(m.group, "supplemental");
	assert_string_equal(m.name, "Provider Urgency");
	assert_string_equal(m.value_name, "Red");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cvss__prefix_selects_version),
		cmocka_unit_test(test_cvss__wrong_prefix),
		cmocka_unit_test(test_cvss__empty),
		cmocka_unit_test(test_cvss__duplicate_metric),
		cmocka_unit_test(test_cvss__unknown_metric),
		cmocka_unit_test(test_cvss__unknown_value),
		cmocka_unit_test(test_cvss__missing_mandatory),
		cmocka_unit_test(test_cvss__malformed_fields),
		cmocka_unit_test(test_cvss__message_is_sanitised),
		cmocka_unit_test(test_cvss__any_metric_order),
		cmocka_unit_test(test_cvss__score_is_most_specific),
		cmocka_unit_test(test_cvss__severity),
		cmocka_unit_test(test_cvss__metric_access),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
