/*
 * Tests for xccdf/xccdf_text.c: choosing a text by xml:lang and rendering
 * it as plain text with <sub> substitution and XHTML dropped (XCCDF 1.2
 * sections 6.2.4 "text", 6.2.7 "sub", 6.2.3 plain-text).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include <libxml/tree.h>

#include "platform/base/base.h"
#include "xccdf/xccdf_int.h"

#define NS12 "xmlns=\"http://checklists.nist.gov/xccdf/1.2\""

static const char bench[] =
    "<Benchmark " NS12 " xmlns:h=\"http://www.w3.org/1999/xhtml\" "
    "id=\"b\" xml:lang=\"en-US\">\n"
    " <plain-text id=\"pt\">the <h:b>plain</h:b> text</plain-text>\n"
    " <Profile id=\"p\"><refine-value idref=\"v\" selector=\"long\"/>"
    "</Profile>\n"
    " <Profile id=\"q\"><set-value idref=\"v\">99</set-value></Profile>\n"
    " <Value id=\"v\"><title>Timeout <h:i>value</h:i></title>"
    "<value>10</value><value selector=\"long\">600</value></Value>\n"
    " <Rule id=\"r\">\n"
    "  <title xml:lang=\"fr\">Règle</title>\n"
    "  <title>  Rule\n\t  title  </title>\n"
    "  <title xml:lang=\"ja-JP\">規則</title>\n"
    "  <description>Set\n   the <h:code>timeout</h:code> to "
    "<sub idref=\"v\"/>s\n (<sub idref=\"v\" use=\"title\"/>);"
    "<h:br/>see<h:p>also</h:p><sub idref=\"pt\"/>."
    "<sub idref=\"ghost\"/><sub idref=\"ghost\"/>end</description>\n"
    " </Rule>\n"
    " <Rule id=\"s\"><title xml:lang=\"de\">Regel</title>"
    "<title xml:lang=\"ja\">日本</title></Rule>\n"
    " <Rule id=\"u\"/>\n"
    "</Benchmark>\n";

struct fx {
	struct _xmlDoc		*doc;
	struct xccdf_bench	*b;
};

static void
load(struct fx *f)
{
	assert_int_equal(ks_xml_doc_read_mem(&f->doc, bench, strlen(bench),
	    "t.xml"), 0);
	assert_int_equal(xccdf_bench_parse(&f->b,
	    xmlDocGetRootElement(f->doc), "t.xml"), 0);
}

static void
unload(struct fx *f)
{
	xccdf_bench_free(f->b);
	xmlFreeDoc(f->doc);
}

static const struct xccdf_texts *
titles(const struct fx *f, const char *id)
{
	uint32_t i = xccdf_bench_find(f->b, id);

	assert_int_not_equal(i, XCCDF_NONE);
	return &f->b->items[i].title;
}

/* Exact language, then the primary subtag, then the benchmark's
 * xml:lang, then the first text. */
static void
test_xccdf_text__pick(void **state)
{
	struct fx f;
	const struct xccdf_texts *t;

	(void)state;
	load(&f);
	t = titles(&f, "r");
	assert_int_equal(t->n, 3);
	assert_string_equal(xccdf_text_pick(f.b, t, "ja-JP")->lang, "ja-JP");
	assert_string_equal(xccdf_text_pick(f.b, t, "ja")->lang, "ja-JP");
	assert_string_equal(xccdf_text_pick(f.b, t, "fr-CA")->lang, "fr");
	assert_string_equal(xccdf_text_pick(f.b, t, "en-GB")->lang, "en-US");
	/* no match: the benchmark's language (inherited by the 2nd title) */
	assert_ptr_equal(xccdf_text_pick(f.b, t, "de"), &t->v[1]);
	assert_ptr_equal(xccdf_text_pick(f.b, t, NULL), &t->v[1]);
	t = titles(&f, "s");
	assert_string_equal(xccdf_text_pick(f.b, t, "ja-JP")->lang, "ja");
	/* neither the language nor the benchmark's: the first */
	assert_string_equal(xccdf_text_pick(f.b, t, "ko")->lang, "de");
	assert_null(xccdf_text_pick(f.b, titles(&f, "u"), "en"));
	unload(&f);
}

/* Whitespace collapsed, XHTML markup dropped with its text kept, <sub>
 * replaced by the Value's value (default without a policy), its title
 * for use="title", a plain-text's text, and nothing for an unknown id. */
static void
test_xccdf_text__plain(void **state)
{
	struct fx f;
	const struct xccdf_item *r;
	char *s;

	(void)state;
	load(&f);
	s = xccdf_item_title(f.b, NULL, xccdf_bench_find(f.b, "r"), "en");
	assert_string_equal(s, "Rule title");
	free(s);
	s = xccdf_item_title(f.b, NULL, xccdf_bench_find(f.b, "r"), "ja");
	assert_string_equal(s, "規則");
	free(s);
	assert_null(xccdf_item_title(f.b, NULL, xccdf_bench_find(f.b, "u"),
	    "en"));
	assert_null(xccdf_item_title(f.b, NULL, 999, "en"));

	r = &f.b->items[xccdf_bench_find(f.b, "r")];
	s = xccdf_text_plain(f.b, NULL, r->description.v[0].node);
	assert_string_equal(s, "Set the timeout to 10s (Timeout value); see "
	    "also the plain text.end");
	free(s);
	s = xccdf_text_plain(f.b, NULL, NULL);
	assert_string_equal(s, "");
	free(s);
	unload(&f);
}

/* <sub> takes the Value's effective value under the policy: refine-value
 * selector, set-value. */
static void
test_xccdf_text__sub_policy(void **state)
{
	struct fx f;
	struct xccdf_policy *p;
	const struct xccdf_item *r;
	char *s;

	(void)state;
	load(&f);
	r = &f.b->items[xccdf_bench_find(f.b, "r")];
	assert_int_equal(xccdf_policy_new(&p, f.b, "p"), 0);
	s = xccdf_text_plain(f.b, p, r->description.v[0].node);
	assert_non_null(strstr(s, "timeout to 600s"));
	free(s);
	xccdf_policy_free(p);
	assert_int_equal(xccdf_policy_new(&p, f.b, "q"), 0);
	s = xccdf_text_plain(f.b, p, r->description.v[0].node);
	assert_non_null(strstr(s, "timeout to 99s"));
	free(s);
	xccdf_policy_free(p);
	unload(&f);
}

/* An unknown <sub idref> is warned about once per text, however often
 * it appears. */
static void
test_xccdf_text__unknown_sub_warns_once(void **state)
{
	struct fx f;
	const struct xccdf_item *r;
	char path[] = "/tmp/kensa-xm-XXXXXX";
	char buf[4096], *s;
	const char *p;
	int fd, saved, n = 0;
	ssize_t len;

	(void)state;
	load(&f);
	r = &f.b->items[xccdf_bench_find(f.b, "r")];
	fd = mkstemp(path);
	assert_true(fd >= 0);
	fflush(stderr);
	saved = dup(2);
	dup2(fd, 2);
	ks_log_set_level(KS_LOG_WARN);
	s = xccdf_text_plain(f.b, NULL, r->description.v[0].node);
	ks_log_set_level(KS_LOG_ERROR);
	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	len = pread(fd, buf, sizeof(buf) - 1, 0);
	close(fd);
	unlink(path);
	assert_true(len > 0);
	buf[len] = '\0';
	for (p = buf; (p = strstr(p, "idref=\"ghost\"")) != NULL; p++)
		n++;
	assert_int_equal(n, 1);
	assert_non_null(strstr(s, ".end"));
	free(s);
	unload(&f);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_xccdf_text__pick),
		cmocka_unit_test(test_xccdf_text__plain),
		cmocka_unit_test(test_xccdf_text__sub_policy),
		cmocka_unit_test(test_xccdf_text__unknown_sub_warns_once),
	};

	ks_xml_init();
	/* the unknown <sub idref> warns by design */
	ks_log_set_level(KS_LOG_ERROR);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
