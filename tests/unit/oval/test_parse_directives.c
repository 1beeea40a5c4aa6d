/*
 * Tests of oval/parse_directives.c: the defaults of a results document
 * without directives, a directives document with global and per-class
 * (5.11 class_directives) settings, and the documents that are refused.
 */
#include "test_parse_fixture.h"

#define NS_DIR "http://oval.mitre.org/XMLSchema/oval-directives-5"
#define NS_RES "http://oval.mitre.org/XMLSchema/oval-results-5"

static void
test_parse_directives__defaults(void **state)
{
	struct oval_directives d;
	int r, k;

	(void)state;
	memset(&d, 0xff, sizeof(d));
	oval_directives_default(&d);
	for (r = 0; r < OVAL_R_COUNT; r++) {
		assert_true(d.def[r].reported);
		assert_true(d.def[r].full);
	}
	for (k = 0; k < OVAL_CLASS_COUNT; k++)
		assert_false(d.has_class[k]);
	/* DefaultDirectivesType: include_source_definitions defaults to
	 * true. */
	assert_true(d.include_source_definitions);
}

static int
read_text(struct oval_directives *d, const char *text)
{
	char *path = fx_write_tmp(text, "directives.xml");
	int rc = oval_directives_read(d, path);

	fx_unlink(path);
	return rc;
}

static const char dir_doc[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	"<oval_directives xmlns=\"" NS_DIR "\" xmlns:oval-res=\"" NS_RES "\" "
	"xmlns:oval=\"http://oval.mitre.org/XMLSchema/oval-common-5\">\n"
	"<generator><oval:schema_version>5.11.2</oval:schema_version>"
	"</generator>\n"
	"<directives include_source_definitions=\"false\">\n"
	"<oval-res:definition_true reported=\"true\" content=\"thin\"/>\n"
	"<oval-res:definition_false reported=\"false\"/>\n"
	"<oval-res:definition_unknown reported=\"1\" content=\"full\"/>\n"
	"<oval-res:definition_error reported=\"true\"/>\n"
	"<oval-res:definition_not_evaluated reported=\"0\" content=\"thin\"/>\n"
	"<oval-res:definition_not_applicable reported=\"false\"/>\n"
	"</directives>\n"
	"<class_directives class=\"vulnerability\">\n"
	"<oval-res:definition_true reported=\"false\"/>\n"
	"<oval-res:definition_false reported=\"true\" content=\"thin\"/>\n"
	"</class_directives>\n"
	"</oval_directives>\n";

static void
test_parse_directives__read(void **state)
{
	struct oval_directives d;
	const struct oval_directive *v;

	(void)state;
	assert_int_equal(read_text(&d, dir_doc), 0);
	assert_false(d.include_source_definitions);
	assert_true(d.def[OVAL_R_TRUE].reported);
	assert_false(d.def[OVAL_R_TRUE].full);
	assert_false(d.def[OVAL_R_FALSE].reported);
	/* DirectiveType: content defaults to full. */
	assert_true(d.def[OVAL_R_FALSE].full);
	assert_true(d.def[OVAL_R_UNKNOWN].reported);
	assert_true(d.def[OVAL_R_UNKNOWN].full);
	assert_true(d.def[OVAL_R_ERROR].reported);
	assert_false(d.def[OVAL_R_NOT_EVALUATED].reported);
	assert_false(d.def[OVAL_R_NOT_EVALUATED].full);
	assert_false(d.def[OVAL_R_NOT_APPLICABLE].reported);

	assert_true(d.has_class[OVAL_CLASS_VULNERABILITY]);
	assert_false(d.has_class[OVAL_CLASS_PATCH]);
	v = d.cls[OVAL_CLASS_VULNERABILITY];
	assert_false(v[OVAL_R_TRUE].reported);
	assert_true(v[OVAL_R_TRUE].full);
	assert_true(v[OVAL_R_FALSE].reported);
	assert_false(v[OVAL_R_FALSE].full);
	/* What the class leaves out falls back to the global directive. */
	assert_false(v[OVAL_R_NOT_EVALUATED].reported);
	assert_false(v[OVAL_R_NOT_EVALUATED].full);
	assert_true(v[OVAL_R_ERROR].reported);
}

static void
test_parse_directives__refused(void **state)
{
	struct oval_directives d;

	(void)state;
	assert_int_equal(read_text(&d, "<oval_directives xmlns=\"" NS_DIR
	    "\" xmlns:r=\"" NS_RES "\"><directives>"
	    "<r:definition_true reported=\"maybe\"/></directives>"
	    "</oval_directives>"), KS_EPARSE);
	fx_contains(ks_error_msg(), "definition_true: bad reported");
	/* Left at the defaults. */
	assert_true(d.def[OVAL_R_TRUE].reported);
	assert_int_equal(read_text(&d, "<oval_directives xmlns=\"" NS_DIR
	    "\" xmlns:r=\"" NS_RES "\"><directives>"
	    "<r:definition_false/></directives></oval_directives>"),
	    KS_EPARSE);
	fx_contains(ks_error_msg(), "missing reported");
	assert_int_equal(read_text(&d, "<oval_directives xmlns=\"" NS_DIR
	    "\" xmlns:r=\"" NS_RES "\"><directives>"
	    "<r:definition_false reported=\"true\" content=\"fat\"/>"
	    "</directives></oval_directives>"), KS_EPARSE);
	fx_contains(ks_error_msg(), "unknown content 'fat'");
	assert_int_equal(read_text(&d, "<oval_directives xmlns=\"" NS_DIR
	    "\"><class_directives class=\"weird\"/></oval_directives>"),
	    KS_EPARSE);
	fx_contains(ks_error_msg(), "unknown class");
	assert_int_equal(read_text(&d, "<oval_directives xmlns=\"" NS_DIR
	    "\"><directives>"), KS_EPARSE);
	assert_int_equal(read_text(&d, FX_DOC("")), KS_EPARSE);
	fx_contains(ks_error_msg(), "not an OVAL directives document");
	assert_false(d.has_class[OVAL_CLASS_COMPLIANCE]);
	assert_true(oval_directives_read(&d, "/nonexistent/kensa/d.xml") < 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_directives__defaults),
		cmocka_unit_test(test_parse_directives__read),
		cmocka_unit_test(test_parse_directives__refused),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
