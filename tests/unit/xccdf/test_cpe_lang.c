/*
 * Unit tests of xccdf/cpe_lang.c: platforms of the CPE applicability
 * language (2.3, namespace http://cpe.mitre.org/language/2.0 as SSG uses
 * it) with nested AND/OR logical tests, negate, fact-refs through a small
 * dictionary, check-fact-refs through the callback, three-valued error
 * propagation, malformed platforms and cpe_lang_find.
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
#define LT(op, neg) "<cpe-lang:logical-test operator='" op "' negate='" \
	neg "'>"
#define ELT "</cpe-lang:logical-test>"
#define FACT(n) "<cpe-lang:fact-ref name='" n "'/>"
#define CHECK(id) "<cpe-lang:check-fact-ref system='" OVAL "'" \
	" href='checks.xml' id-ref='" id "'/>"
#define PLAT(id, body) "<cpe-lang:platform id='" id "'>" \
	"<cpe-lang:title>" id "</cpe-lang:title>" body "</cpe-lang:platform>"

static const char dict_xml[] =
"<cpe-list xmlns='http://cpe.mitre.org/dictionary/2.0'>"
"<cpe-item name='cpe:/a:yes'><check system='" OVAL "' href='d.xml'>"
"oval:x:def:true</check></cpe-item>"
"<cpe-item name='cpe:/a:no'><check system='" OVAL "' href='d.xml'>"
"oval:x:def:false</check></cpe-item>"
"<cpe-item name='cpe:/a:bad'><check system='" OVAL "' href='d.xml'>"
"oval:x:def:err</check></cpe-item>"
"</cpe-list>";

static const char spec_xml[] =
"<cpe-lang:platform-specification"
" xmlns:cpe-lang='http://cpe.mitre.org/language/2.0'>\n"
PLAT("yes", LT("AND", "false") FACT("cpe:/a:yes") ELT) "\n"
PLAT("no", LT("AND", "false") FACT("cpe:/a:no") ELT) "\n"
PLAT("and", LT("AND", "false") FACT("cpe:/a:yes") CHECK("oval:c:def:true")
    ELT) "\n"
PLAT("and_neg", LT("AND", "true") FACT("cpe:/a:yes")
    CHECK("oval:c:def:true") ELT) "\n"
/* OR(AND(yes, no), AND negate(OR(no))) = OR(false, true) */
PLAT("nested", LT("OR", "false") LT("AND", "false") FACT("cpe:/a:yes")
    FACT("cpe:/a:no") ELT LT("AND", "true") LT("OR", "false")
    FACT("cpe:/a:no") ELT ELT ELT) "\n"
PLAT("and_err_false", LT("AND", "false") FACT("cpe:/a:bad")
    FACT("cpe:/a:no") ELT) "\n"
PLAT("and_err_true", LT("AND", "false") FACT("cpe:/a:bad")
    FACT("cpe:/a:yes") ELT) "\n"
PLAT("or_err_true", LT("OR", "false") FACT("cpe:/a:bad")
    FACT("cpe:/a:yes") ELT) "\n"
PLAT("or_err_false", LT("OR", "false") CHECK("oval:c:def:err")
    FACT("cpe:/a:no") ELT) "\n"
PLAT("neg_err", LT("OR", "true") FACT("cpe:/a:bad") ELT) "\n"
PLAT("deep_err", LT("AND", "false") FACT("cpe:/a:yes") LT("OR", "true")
    LT("AND", "false") CHECK("oval:c:def:err") ELT ELT ELT) "\n"
PLAT("bad_op", LT("XOR", "false") FACT("cpe:/a:yes") ELT) "\n"
PLAT("or_bad_op", LT("OR", "false") FACT("cpe:/a:yes")
    LT("NAND", "false") ELT ELT) "\n"
PLAT("bad_name", LT("AND", "false") FACT("cpe:/x:bogus") ELT) "\n"
PLAT("empty_and", LT("AND", "false") ELT) "\n"
PLAT("empty_or", LT("OR", "false") ELT) "\n"
PLAT("unknown", LT("AND", "false") FACT("cpe:/a:nothing_known") ELT) "\n"
PLAT("no_test", "") "\n"
"</cpe-lang:platform-specification>\n";

struct fake {
	unsigned	 calls;
	bool		 saw_null_ctx;
	char		 last_href[64];	/* href is borrowed for the call */
};

static int
fake_check(void *payload, const void *ctx, const char *system,
    const char *href, const char *name, enum cpe_result *res)
{
	struct fake *f = payload;
	size_t n = strlen(name);

	f->calls++;
	if (ctx == NULL)
		f->saw_null_ctx = true;
	snprintf(f->last_href, sizeof(f->last_href), "%s", href ? href : "");
	assert_string_equal(system, OVAL);
	if (n >= 5 && strcmp(name + n - 5, ":true") == 0)
		*res = CPE_TRUE;
	else if (n >= 4 && strcmp(name + n - 4, ":err") == 0) {
		ks_error_set("%s: probe exploded", name);
		return KS_ERROR;
	} else
		*res = CPE_FALSE;
	return 0;
}

struct fx {
	xmlDoc		*ddoc, *sdoc;
	struct cpe_dict	*d;
	xmlNode		*spec;
	struct fake	 k;
};

static int
setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));

	assert_int_equal(ks_xml_doc_read_mem(&f->ddoc, dict_xml,
	    sizeof(dict_xml) - 1, "d.xml"), 0);
	assert_int_equal(cpe_dict_parse(&f->d, xmlDocGetRootElement(f->ddoc),
	    "d.xml", f), 0);
	assert_int_equal(ks_xml_doc_read_mem(&f->sdoc, spec_xml,
	    sizeof(spec_xml) - 1, "spec.xml"), 0);
	f->spec = xmlDocGetRootElement(f->sdoc);
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fx *f = *state;

	cpe_dict_free(f->d);
	xmlFreeDoc(f->ddoc);
	xmlFreeDoc(f->sdoc);
	free(f);
	return 0;
}

/* Evaluates platform `id`; returns the result (rc must be 0). */
static enum cpe_result
eval(struct fx *f, const char *id)
{
	xmlNode *p = cpe_lang_find(f->spec, id);
	enum cpe_result r;

	if (p == NULL)
		fail_msg("platform %s not found", id);
	ks_error_clear();
	if (cpe_lang_eval(p, &f->d, 1, fake_check, &f->k, &r) != 0)
		fail_msg("platform %s: %s", id, ks_error_msg());
	return r;
}

/* cpe_lang_find by @id; unknown ids and a NULL spec give NULL. */
static void
test_cpe_lang__find(void **state)
{
	struct fx *f = *state;
	xmlNode *p = cpe_lang_find(f->spec, "nested");

	assert_non_null(p);
	assert_string_equal((const char *)p->name, "platform");
	assert_null(cpe_lang_find(f->spec, "nope"));
	assert_null(cpe_lang_find(NULL, "yes"));
	assert_null(cpe_lang_find(f->spec, NULL));
}

/* fact-ref and check-fact-ref leaves, AND, negate (CPE language 2.3
 * section 5.3, LogicalTestType; negate inverts the test's result). */
static void
test_cpe_lang__leaves_and_negate(void **state)
{
	struct fx *f = *state;

	assert_int_equal(eval(f, "yes"), CPE_TRUE);
	assert_int_equal(eval(f, "no"), CPE_FALSE);
	assert_int_equal(eval(f, "and"), CPE_TRUE);
	/* The check-fact-ref reaches the callback with ctx NULL and its
	 * own href; fact-refs pass the dictionary's ctx. */
	assert_true(f->k.saw_null_ctx);
	assert_string_equal(f->k.last_href, "checks.xml");
	assert_int_equal(eval(f, "and_neg"), CPE_FALSE);
	/* Empty tests: the operators' identities. */
	assert_int_equal(eval(f, "empty_and"), CPE_TRUE);
	assert_int_equal(eval(f, "empty_or"), CPE_FALSE);
	/* A name no dictionary item matches does not apply. */
	assert_int_equal(eval(f, "unknown"), CPE_FALSE);
}

/* Nested tests with negate inside. */
static void
test_cpe_lang__nested(void **state)
{
	struct fx *f = *state;

	assert_int_equal(eval(f, "nested"), CPE_TRUE);
	/* Dictionary checks are memoised across fact-refs: yes and no ran
	 * once each although "nested" names "no" twice. */
	assert_int_equal(f->k.calls, 2);
}

/* Three-valued logic: an error decides only when the other operands
 * cannot (AND with a false is false, OR with a true is true); negate keeps
 * error; the message names the failing element. */
static void
test_cpe_lang__errors(void **state)
{
	struct fx *f = *state;

	assert_int_equal(eval(f, "and_err_false"), CPE_FALSE);
	assert_int_equal(eval(f, "or_err_true"), CPE_TRUE);
	assert_int_equal(eval(f, "and_err_true"), CPE_ERROR);
	assert_non_null(strstr(ks_error_msg(), "fact-ref"));
	assert_non_null(strstr(ks_error_msg(), "probe exploded"));
	assert_int_equal(eval(f, "or_err_false"), CPE_ERROR);
	assert_non_null(strstr(ks_error_msg(), "spec.xml:"));
	assert_non_null(strstr(ks_error_msg(), "check-fact-ref"));
	assert_non_null(strstr(ks_error_msg(), "oval:c:def:err"));
	assert_int_equal(eval(f, "neg_err"), CPE_ERROR);
	assert_int_equal(eval(f, "deep_err"), CPE_ERROR);
	assert_non_null(strstr(ks_error_msg(), "probe exploded"));
}

/* Malformed parts are errors of that test, not of the whole document;
 * a platform without a logical-test or a non-platform is KS_EPARSE. */
static void
test_cpe_lang__malformed(void **state)
{
	struct fx *f = *state;
	enum cpe_result r;

	assert_int_equal(eval(f, "bad_op"), CPE_ERROR);
	assert_non_null(strstr(ks_error_msg(), "operator 'XOR'"));
	assert_int_equal(eval(f, "or_bad_op"), CPE_TRUE);
	assert_int_equal(eval(f, "bad_name"), CPE_ERROR);
	assert_non_null(strstr(ks_error_msg(), "part is 'x'"));
	assert_int_equal(cpe_lang_eval(cpe_lang_find(f->spec, "no_test"),
	    &f->d, 1, fake_check, &f->k, &r), KS_EPARSE);
	assert_non_null(strstr(ks_error_msg(), "has no logical-test"));
	assert_int_equal(r, CPE_ERROR);
	assert_int_equal(cpe_lang_eval(f->spec, &f->d, 1, fake_check, &f->k,
	    &r), KS_EPARSE);
	assert_int_equal(cpe_lang_eval(NULL, &f->d, 1, fake_check, &f->k,
	    &r), KS_EPARSE);
}

/* Deep nesting is capped (an error of that platform, not a crash). */
static void
test_cpe_lang__depth(void **state)
{
	struct ks_buf b;
	xmlDoc *doc;
	enum cpe_result r;
	struct fake k = { 0 };
	int i;

	ks_buf_init(&b, 0);
	ks_buf_puts(&b, "<platform xmlns='http://cpe.mitre.org/language/2.0'"
	    " id='deep'>");
	for (i = 0; i < 100; i++)
		ks_buf_puts(&b, "<logical-test operator='AND' negate='0'>");
	for (i = 0; i < 100; i++)
		ks_buf_puts(&b, "</logical-test>");
	ks_buf_puts(&b, "</platform>");
	assert_int_equal(ks_xml_doc_read_mem(&doc, b.data, b.len, "deep.xml"),
	    0);
	assert_int_equal(cpe_lang_eval(xmlDocGetRootElement(doc), NULL, 0,
	    fake_check, &k, &r), 0);
	assert_int_equal(r, CPE_ERROR);
	assert_non_null(strstr(ks_error_msg(), "nested deeper"));
	xmlFreeDoc(doc);
	ks_buf_free(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_cpe_lang__find, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(
		    test_cpe_lang__leaves_and_negate, setup, teardown),
		cmocka_unit_test_setup_teardown(test_cpe_lang__nested, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_cpe_lang__errors, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_cpe_lang__malformed,
		    setup, teardown),
		cmocka_unit_test(test_cpe_lang__depth),
	};

	ks_xml_init();
	ks_log_set_level(KS_LOG_ERROR);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
