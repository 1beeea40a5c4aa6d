/*
 * Tests for the CVSS metric texts (feeds/cvss_text.c): every metric and
 * every value of every version has an English and a Japanese name, and
 * the Japanese names are JVN's terms.
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
#include "feeds/cvss_int.h"

static void
test_cvss_text__every_metric_and_value(void **state)
{
	static const enum feed_cvss_version vers[] = {
		FEED_CVSS_V2, FEED_CVSS_V30, FEED_CVSS_V31, FEED_CVSS_V40,
	};
	size_t i, k, n = 0;
	unsigned int v;

	for (i = 0; i < sizeof(vers) / sizeof(vers[0]); i++) {
		const struct feed_cvss_scheme *sc =
		    feed_cvss_scheme_of(vers[i]);

		assert_int_equal(sc->ver, vers[i]);
		assert_true(sc->nmetrics <= FEED_CVSS_MAX_METRICS);
		for (k = 0; k < sc->nmetrics; k++) {
			const struct feed_cvss_metric_def *m = &sc->metrics[k];

			for (v = 0; v < m->nvals; v++) {
				const char *en, *env, *ja, *jav;

				if (feed_cvss_text(vers[i], m->abbr,
				    m->vals[v], false, &en, &env) != 0 ||
				    feed_cvss_text(vers[i], m->abbr,
				    m->vals[v], true, &ja, &jav) != 0)
					fail_msg("%s %s:%s has no text",
					    feed_cvss_version_name(vers[i]),
					    m->abbr, m->vals[v]);
				/* Japanese text is not the English one. */
				assert_true(strcmp(ja, en) != 0);
				assert_true(ks_utf8_valid(ja, strlen(ja)));
				assert_true(ks_utf8_valid(jav, strlen(jav)));
				n++;
			}
		}
	}
	/* v2 43 + v3 2 x 67 + v4 104 values. */
	assert_true(n > 250);
	assert_int_equal(feed_cvss_text(FEED_CVSS_V31, "AV", "Q", false,
	    &(const char *){ NULL }, &(const char *){ NULL }), KS_ENOTFOUND);
}

static void
test_cvss_text__jvn_terms(void **state)
{
	static const struct {
		enum feed_cvss_version	 v;
		const char		*abbr, *val, *name, *vname;
	} t[] = {
		{ FEED_CVSS_V31, "AV", "N", "攻撃元区分", "ネットワーク" },
		{ FEED_CVSS_V31, "AC", "L", "攻撃条件の複雑さ", "低" },
		{ FEED_CVSS_V31, "PR", "N", "必要な特権レベル", "不要" },
		{ FEED_CVSS_V31, "UI", "R", "利用者の関与", "要" },
		{ FEED_CVSS_V31, "S", "C", "影響の想定範囲", "変更あり" },
		{ FEED_CVSS_V31, "C", "H", "機密性への影響", "高" },
		{ FEED_CVSS_V31, "I", "L", "完全性への影響", "低" },
		{ FEED_CVSS_V31, "A", "N", "可用性への影響", "なし" },
		{ FEED_CVSS_V2, "Au", "N", "攻撃前の認証要否", "不要" },
		{ FEED_CVSS_V2, "C", "P", "機密性への影響", "部分的" },
		{ FEED_CVSS_V40, "AT", "P", "攻撃の前提条件", "あり" },
	};
	const char *name, *vname;
	size_t i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		assert_int_equal(feed_cvss_text(t[i].v, t[i].abbr, t[i].val,
		    true, &name, &vname), 0);
		assert_string_equal(name, t[i].name);
		assert_string_equal(vname, t[i].vname);
	}
	assert_int_equal(feed_cvss_text(FEED_CVSS_V31, "AV", "N", false,
	    &name, &vname), 0);
	assert_string_equal(name, "Attack Vector");
	assert_string_equal(vname, "Network");
	assert_int_equal(feed_cvss_text(FEED_CVSS_V2, "AV", "A", false,
	    &name, &vname), 0);
	assert_string_equal(name, "Access Vector");
	assert_string_equal(vname, "Adjacent Network");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cvss_text__every_metric_and_value),
		cmocka_unit_test(test_cvss_text__jvn_terms),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
