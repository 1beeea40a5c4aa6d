/*
 * Unit tests of xccdf/cpe_dict.c: parsing cpe-list documents (2.2 items,
 * 2.3 cpe23-item extensions, titles, checks, deprecation, bad items) and
 * applicability through a fake check callback that counts its calls, so
 * memoisation, the callback's ctx, skipped check systems and error
 * propagation are visible.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>

#include "xccdf/cpe_int.h"

#define OVAL XCCDF_OVAL_SYSTEM

static const char dict_xml[] =
"<?xml version='1.0'?>\n"
"<cpe-list xmlns='http://cpe.mitre.org/dictionary/2.0'\n"
"    xmlns:cpe-23='http://scap.nist.gov/schema/cpe-extension/2.3'>\n"
"  <generator><schema_version>2.3</schema_version></generator>\n"
"  <cpe-item name='cpe:/o:debian:debian_linux:11'>\n"
"    <title xml:lang='en-us'>Debian 11</title>\n"
"    <title xml:lang='ja-JP'>Debian 11 (ja)</title>\n"
"    <check system='" OVAL "' href='cpe-oval.xml'>\n"
"      oval:deb:def:11\n"
"    </check>\n"
"    <cpe-23:cpe23-item\n"
"      name='cpe:2.3:o:debian:debian_linux:11:*:*:*:*:*:*:*'/>\n"
"  </cpe-item>\n"
"  <cpe-item name='cpe:/o:debian:debian_linux:12'>\n"
"    <title>Debian 12</title>\n"
"    <check system='" OVAL "' href='cpe-oval.xml'>oval:deb:def:12"
"</check>\n"
"  </cpe-item>\n"
"  <cpe-item name='cpe:/o:debian:debian_linux:10' deprecated='true'\n"
"      deprecated_by='cpe:/o:debian:debian_linux:11'>\n"
"    <check system='" OVAL "' href='cpe-oval.xml'>oval:deb:def:10"
"</check>\n"
"  </cpe-item>\n"
"  <cpe-item name='cpe:/a:ocil_only'>\n"
"    <check system='http://scap.nist.gov/schema/ocil/2'"
" href='q.xml'>ocil:q:1</check>\n"
"  </cpe-item>\n"
"  <cpe-item name='cpe:/a:no_check'/>\n"
"  <cpe-item name='cpe:/a:broken'>\n"
"    <check system='" OVAL "' href='cpe-oval.xml'>oval:x:def:err"
"</check>\n"
"  </cpe-item>\n"
"  <cpe-item name='cpe:/a:broken:2'>\n"
"    <check system='" OVAL "' href='cpe-oval.xml'>oval:x:def:err2"
"</check>\n"
"    <check system='" OVAL "' href='cpe-oval.xml'>oval:x:def:false"
"</check>\n"
"  </cpe-item>\n"
"  <cpe-item name='cpe:/a:either'>\n"
"    <check system='" OVAL "'>oval:x:def:err</check>\n"
"    <check system='" OVAL "'>oval:x:def:true</check>\n"
"  </cpe-item>\n"
"  <cpe-item name='not a cpe'/>\n"
"  <cpe-item><title>nameless</title></cpe-item>\n"
"  <cpe-item name='cpe:/a:nosys'><check>oval:x:def:1</check></cpe-item>\n"
"</cpe-list>\n";

/* The fake check system: definitions named "...:11", "...:true" are true,
 * "...:err" fail with a message, "...:err2" report CPE_ERROR, the rest
 * are false. Counts calls per definition. */
struct fake {
	unsigned	 calls;
	unsigned	 calls_11;
	const void	*last_ctx;
	const char	*last_href;
};

static int
fake_check(void *payload, const void *ctx, const char *system,
    const char *href, const char *name, enum cpe_result *res)
{
	struct fake *f = payload;
	size_t n = strlen(name);

	f->calls++;
	f->last_ctx = ctx;
	f->last_href = href;
	assert_string_equal(system, OVAL);
	if (n >= 3 && strcmp(name + n - 3, ":11") == 0) {
		f->calls_11++;
		*res = CPE_TRUE;
	} else if (n >= 5 && strcmp(name + n - 5, ":true") == 0) {
		*res = CPE_TRUE;
	} else if (n >= 4 && strcmp(name + n - 4, ":err") == 0) {
		ks_error_set("definition %s: collector failed", name);
		return KS_ERROR;
	} else if (n >= 5 && strcmp(name + n - 5, ":err2") == 0) {
		*res = CPE_ERROR;
	} else {
		*res = CPE_FALSE;
	}
	return 0;
}

struct fx {
	xmlDoc		*doc;
	struct cpe_dict	*d;
};

static int
setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));

	assert_int_equal(ks_xml_doc_read_mem(&f->doc, dict_xml,
	    sizeof(dict_xml) - 1, "dict.xml"), 0);
	assert_int_equal(cpe_dict_parse(&f->d, xmlDocGetRootElement(f->doc),
	    "dict.xml", (const void *)f), 0);
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fx *f = *state;

	cpe_dict_free(f->d);
	xmlFreeDoc(f->doc);
	free(f);
	return 0;
}

/* Items, titles, checks, 2.3 names and deprecation as written. Items
 * whose name is no CPE name or missing are dropped (with a warning). */
static void
test_cpe_dict__parse(void **state)
{
	struct fx *f = *state;
	const struct cpe_dict_item *it;

	assert_int_equal(cpe_dict_count(f->d), 9);
	assert_null(cpe_dict_item(f->d, 9));
	it = cpe_dict_item(f->d, 0);
	assert_string_equal(it->name, "cpe:/o:debian:debian_linux:11");
	assert_true(it->has_wfn);
	assert_string_equal(it->wfn.attr[CPE_VERSION], "11");
	assert_string_equal(it->name23,
	    "cpe:2.3:o:debian:debian_linux:11:*:*:*:*:*:*:*");
	assert_true(it->has_wfn23);
	assert_false(it->deprecated);
	assert_int_equal(it->ntitles, 2);
	assert_string_equal(it->titles[0].lang, "en-us");
	assert_string_equal(cpe_dict_item_title(it, "ja"), "Debian 11 (ja)");
	assert_string_equal(cpe_dict_item_title(it, "en-US"), "Debian 11");
	assert_string_equal(cpe_dict_item_title(it, "fr"), "Debian 11");
	assert_int_equal(it->nchecks, 1);
	assert_string_equal(it->checks[0].system, OVAL);
	assert_string_equal(it->checks[0].href, "cpe-oval.xml");
	/* The check's text is trimmed. */
	assert_string_equal(it->checks[0].name, "oval:deb:def:11");

	it = cpe_dict_find(f->d, "cpe:/o:debian:debian_linux:10");
	assert_non_null(it);
	assert_true(it->deprecated);
	assert_string_equal(it->deprecated_by,
	    "cpe:/o:debian:debian_linux:11");
	assert_null(cpe_dict_item_title(it, "en"));
	assert_null(cpe_dict_find(f->d, "not a cpe"));
	/* A check without system is dropped, the item kept. */
	it = cpe_dict_find(f->d, "cpe:/a:nosys");
	assert_non_null(it);
	assert_int_equal(it->nchecks, 0);
	it = cpe_dict_find(f->d, "cpe:/a:either");
	assert_null(it->checks[0].href);
}

/* Not a cpe-list: KS_EPARSE naming what was found. */
static void
test_cpe_dict__wrong_root(void **state)
{
	static const char xml[] = "<cpe-list xmlns='urn:other'/>";
	struct cpe_dict *d = NULL;
	xmlDoc *doc;

	assert_int_equal(ks_xml_doc_read_mem(&doc, xml, sizeof(xml) - 1,
	    "x.xml"), 0);
	assert_int_equal(cpe_dict_parse(&d, xmlDocGetRootElement(doc),
	    "x.xml", NULL), KS_EPARSE);
	assert_null(d);
	assert_non_null(strstr(ks_error_msg(), "x.xml:1: expected a CPE "
	    "dictionary"));
	xmlFreeDoc(doc);
	cpe_dict_free(NULL);
}

/* A platform name (source) applies when a dictionary item (target) it
 * matches has a true check (SP 800-126 4.4, NISTIR 7696 6.3); each item's
 * check runs once per evaluation and each name is decided once. */
static void
test_cpe_dict__applicable_memo(void **state)
{
	struct fx *f = *state;
	struct fake k = { 0 };
	enum cpe_result r;

	assert_int_equal(cpe_dicts_applicable(&f->d, 1,
	    "cpe:/o:debian:debian_linux", fake_check, &k, &r), 0);
	assert_int_equal(r, CPE_TRUE);
	/* Items 11, 12 and deprecated 10 all match and are evaluated. */
	assert_int_equal(k.calls, 3);
	assert_int_equal(k.calls_11, 1);
	/* The ctx given at parse time comes back unchanged. */
	assert_ptr_equal(k.last_ctx, f);
	assert_string_equal(k.last_href, "cpe-oval.xml");

	/* Same name: memoised, no call at all. */
	assert_int_equal(cpe_dicts_applicable(&f->d, 1,
	    "cpe:/o:debian:debian_linux", fake_check, &k, &r), 0);
	assert_int_equal(r, CPE_TRUE);
	assert_int_equal(k.calls, 3);
	/* Another name over the same items: the items' outcomes are kept. */
	assert_int_equal(cpe_dicts_applicable(&f->d, 1,
	    "cpe:2.3:o:debian:debian_linux:11:*:*:*:*:*:*:*", fake_check, &k,
	    &r), 0);
	assert_int_equal(r, CPE_TRUE);
	assert_int_equal(cpe_dicts_applicable(&f->d, 1,
	    "cpe:/o:debian:debian_linux:12", fake_check, &k, &r), 0);
	assert_int_equal(r, CPE_FALSE);
	assert_int_equal(k.calls, 3);

	/* A new evaluation (another payload) starts afresh. */
	{
		struct fake k2 = { 0 };

		assert_int_equal(cpe_dicts_applicable(&f->d, 1,
		    "cpe:/o:debian:debian_linux:11", fake_check, &k2, &r), 0);
		assert_int_equal(r, CPE_TRUE);
		assert_int_equal(k2.calls, 1);
	}
}

/* Deprecated items still decide (the dictionary keeps them so old names
 * resolve); a more specific platform name never matches a broader item. */
static void
test_cpe_dict__deprecated_and_direction(void **state)
{
	struct fx *f = *state;
	struct fake k = { 0 };
	enum cpe_result r;

	assert_int_equal(cpe_dicts_applicable(&f->d, 1,
	    "cpe:/o:debian:debian_linux:10", fake_check, &k, &r), 0);
	assert_int_equal(r, CPE_FALSE);
	assert_int_equal(k.calls, 1);
	/* "...:11:sp1" is narrower than every item: nothing matches. */
	assert_int_equal(cpe_dicts_applicable(&f->d, 1,
	    "cpe:/o:debian:debian_linux:11:sp1", fake_check, &k, &r), 0);
	assert_int_equal(r, CPE_FALSE);
	assert_int_equal(k.calls, 1);
	/* Unknown product: false without any check. */
	assert_int_equal(cpe_dicts_applicable(&f->d, 1, "cpe:/a:nothing",
	    fake_check, &k, &r), 0);
	assert_int_equal(r, CPE_FALSE);
	assert_int_equal(k.calls, 1);
}

/* Items without a usable check: other systems are skipped (never passed
 * to the callback), no check at all is false. */
static void
test_cpe_dict__no_usable_check(void **state)
{
	struct fx *f = *state;
	struct fake k = { 0 };
	enum cpe_result r;

	assert_int_equal(cpe_dicts_applicable(&f->d, 1, "cpe:/a:ocil_only",
	    fake_check, &k, &r), 0);
	assert_int_equal(r, CPE_FALSE);
	assert_int_equal(cpe_dicts_applicable(&f->d, 1, "cpe:/a:no_check",
	    fake_check, &k, &r), 0);
	assert_int_equal(r, CPE_FALSE);
	assert_int_equal(k.calls, 0);
}

/* Error only when nothing is true: a failing check makes its item error;
 * a true check elsewhere (same item or another) wins over it. The message
 * survives the memo. */
static void
test_cpe_dict__errors(void **state)
{
	struct fx *f = *state;
	struct fake k = { 0 };
	enum cpe_result r;
	int pass;

	for (pass = 0; pass < 2; pass++) {
		ks_error_clear();
		assert_int_equal(cpe_dicts_applicable(&f->d, 1,
		    "cpe:/a:broken", fake_check, &k, &r), 0);
		assert_int_equal(r, CPE_ERROR);
		assert_non_null(strstr(ks_error_msg(), "collector failed"));
		assert_non_null(strstr(ks_error_msg(), "cpe:/a:broken"));
	}
	/* "cpe:/a:broken" matched both broken items: 1 + 2 calls, once. */
	assert_int_equal(k.calls, 3);
	/* CPE_ERROR reported by the callback, next to a false check. */
	assert_int_equal(cpe_dicts_applicable(&f->d, 1, "cpe:/a:broken:2",
	    fake_check, &k, &r), 0);
	assert_int_equal(r, CPE_ERROR);
	assert_non_null(strstr(ks_error_msg(), "oval:x:def:err2"));
	/* An error and a true check in one item: true. */
	assert_int_equal(cpe_dicts_applicable(&f->d, 1, "cpe:/a:either",
	    fake_check, &k, &r), 0);
	assert_int_equal(r, CPE_TRUE);
	/* A name that matches an erroring and a true item: true. */
	assert_int_equal(cpe_dicts_applicable(&f->d, 1, "cpe:/a",
	    fake_check, &k, &r), 0);
	assert_int_equal(r, CPE_TRUE);
	/* A malformed name is the caller's error. */
	assert_int_equal(cpe_dicts_applicable(&f->d, 1, "cpe:/a:b%zz",
	    fake_check, &k, &r), KS_EPARSE);
	assert_int_equal(r, CPE_ERROR);
}

/* Several dictionaries: each gets its own ctx; any true decides. */
static void
test_cpe_dict__several(void **state)
{
	static const char xml2[] =
	    "<cpe-list xmlns='http://cpe.mitre.org/dictionary/2.0'>"
	    "<cpe-item name='cpe:/a:extra:tool'><check system='" OVAL "'"
	    " href='x.xml'>oval:x:def:true</check></cpe-item>"
	    "<cpe-item name='cpe:/a:broken'><check system='" OVAL "'"
	    " href='x.xml'>oval:x:def:true</check></cpe-item>"
	    "</cpe-list>";
	struct fx *f = *state;
	struct cpe_dict *d2, *both[3];
	struct fake k = { 0 };
	enum cpe_result r;
	xmlDoc *doc;
	int ctx2;

	assert_int_equal(ks_xml_doc_read_mem(&doc, xml2, sizeof(xml2) - 1,
	    "d2.xml"), 0);
	assert_int_equal(cpe_dict_parse(&d2, xmlDocGetRootElement(doc),
	    "d2.xml", &ctx2), 0);
	both[0] = f->d;
	both[1] = NULL;		/* skipped */
	both[2] = d2;
	assert_int_equal(cpe_dicts_applicable(both, 3, "cpe:/a:extra",
	    fake_check, &k, &r), 0);
	assert_int_equal(r, CPE_TRUE);
	assert_ptr_equal(k.last_ctx, &ctx2);
	assert_string_equal(k.last_href, "x.xml");
	/* The first dictionary errors on it, the second says true. */
	assert_int_equal(cpe_dicts_applicable(both, 3, "cpe:/a:broken",
	    fake_check, &k, &r), 0);
	assert_int_equal(r, CPE_TRUE);
	assert_int_equal(cpe_dicts_applicable(both, 1, "cpe:/a:broken",
	    fake_check, &k, &r), 0);
	assert_int_equal(r, CPE_ERROR);
	cpe_dict_free(d2);
	xmlFreeDoc(doc);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_cpe_dict__parse, setup,
		    teardown),
		cmocka_unit_test(test_cpe_dict__wrong_root),
		cmocka_unit_test_setup_teardown(test_cpe_dict__applicable_memo,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_cpe_dict__deprecated_and_direction, setup, teardown),
		cmocka_unit_test_setup_teardown(test_cpe_dict__no_usable_check,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_cpe_dict__errors, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_cpe_dict__several, setup,
		    teardown),
	};

	ks_xml_init();
	ks_log_set_level(KS_LOG_ERROR);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
