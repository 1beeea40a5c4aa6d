/*
 * Tests of the OVAL results and system-characteristics writers
 * (oval/results_write.c, results_syschar.c, results_defs.c): every document
 * written is validated against the official OVAL 5.11.2 schemas, and its
 * content checked with XPath.
 */
#include "test_results_fixture.h"

#include <sys/stat.h>
#include <time.h>

struct w_fix {
	struct oval_defs *d;
	struct oval_session *s;
	char *dir;
	char *out;
};

static int
setup(void **state)
{
	struct w_fix *f = ks_calloc(1, sizeof(*f));

	f->d = fx_defs();
	f->s = fx_session(f->d);
	f->dir = fx_tmpdir();
	f->out = fx_path(f->dir, "out.xml");
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct w_fix *f = *state;

	fx_session_free(f->s);
	oval_defs_free(f->d);
	fx_rmdir(f->dir);
	free(f->out);
	free(f);
	return 0;
}

static void
write_text(const char *path, const char *text)
{
	assert_int_equal(ks_file_write_atomic(path, text, strlen(text)), 0);
}

static void
all_directives(struct oval_directives *d, bool reported, bool full)
{
	memset(d, 0, sizeof(*d));
	for (int r = 0; r < OVAL_R_COUNT; r++) {
		d->def[r].reported = reported;
		d->def[r].full = full;
	}
	d->include_source_definitions = true;
}

/* Default directives (everything reported in full, source definitions
 * included: the schema's defaults). */
static void
test_results_write__full_default(void **state)
{
	struct w_fix *f = *state;
	struct fx_doc doc;

	assert_int_equal(oval_results_write(f->s, NULL, f->out), 0);
	assert_int_equal(fx_validate(f->out), 0);
	fx_doc_open(&doc, f->out);
	fx_assert_xpath(&doc,
	                "string(/r:oval_results/r:generator/"
	                "c:product_name)",
	                "kensa");
	fx_assert_xpath(&doc,
	                "string(/r:oval_results/r:generator/"
	                "c:schema_version)",
	                "5.11.2");
	fx_assert_xpath(&doc,
	                "string(/r:oval_results/r:directives/"
	                "@include_source_definitions)",
	                "true");
	/* the source definitions are included, complete */
	fx_assert_xpath(&doc,
	                "count(/r:oval_results/d:oval_definitions/"
	                "d:definitions/d:definition)",
	                "4");
	fx_assert_xpath(&doc,
	                "string(//d:definition[@id='oval:t:def:1']/"
	                "d:metadata/d:title)",
	                "bash <5.2 & co");
	fx_assert_xpath(&doc,
	                "count(/r:oval_results/d:oval_definitions/"
	                "d:variables/*)",
	                "2");
	/* definition results */
	fx_assert_xpath(&doc, "count(//r:system/r:definitions/r:definition)",
	                "4");
	fx_assert_xpath(&doc,
	                "string(//r:definition[@definition_id="
	                "'oval:t:def:1']/@result)",
	                "true");
	fx_assert_xpath(&doc,
	                "string(//r:definition[@definition_id="
	                "'oval:t:def:1']/@class)",
	                "vulnerability");
	fx_assert_xpath(&doc,
	                "string(//r:definition[@definition_id="
	                "'oval:t:def:3']/@result)",
	                "not evaluated");
	fx_assert_xpath(&doc,
	                "string(//r:definition[@definition_id="
	                "'oval:t:def:4']/@result)",
	                "error");
	/* the criteria tree with each node's result: criterion tst:2 is
	 * false, negated true; extend def:2 true; AND -> true, negated:
	 * false; OR(true, false) -> true */
	fx_assert_xpath(&doc,
	                "string(//r:definition[@definition_id="
	                "'oval:t:def:1']/r:criteria/@operator)",
	                "OR");
	fx_assert_xpath(&doc,
	                "string(//r:definition[@definition_id="
	                "'oval:t:def:1']/r:criteria/@result)",
	                "true");
	fx_assert_xpath(&doc,
	                "string(//r:criterion[@test_ref="
	                "'oval:t:tst:2']/@result)",
	                "true");
	fx_assert_xpath(&doc,
	                "string(//r:criterion[@test_ref="
	                "'oval:t:tst:2']/@negate)",
	                "true");
	fx_assert_xpath(&doc,
	                "string(//r:criterion[@test_ref="
	                "'oval:t:tst:2']/@version)",
	                "2");
	fx_assert_xpath(&doc,
	                "string(//r:definition[@definition_id="
	                "'oval:t:def:1']/r:criteria/r:criteria/@result)",
	                "false");
	fx_assert_xpath(&doc,
	                "string(//r:extend_definition/"
	                "@applicability_check)",
	                "true");
	fx_assert_xpath(&doc, "string(//r:extend_definition/@result)", "true");
	/* every test a full definition names, the unreached one included */
	fx_assert_xpath(&doc, "count(//r:tests/r:test)", "5");
	fx_assert_xpath(&doc,
	                "string(//r:test[@test_id='oval:t:tst:4']/"
	                "@result)",
	                "not evaluated");
	fx_assert_xpath(&doc,
	                "string(//r:test[@test_id='oval:t:tst:2']/"
	                "@check_existence)",
	                "all_exist");
	fx_assert_xpath(&doc,
	                "string(//r:test[@test_id='oval:t:tst:5']/"
	                "@state_operator)",
	                "OR");
	fx_assert_xpath(&doc,
	                "string(//r:test[@test_id='oval:t:tst:5']/"
	                "r:message)",
	                "/root/secret: permission denied");
	fx_assert_xpath(&doc,
	                "string(//r:test[@test_id='oval:t:tst:2']/"
	                "r:tested_item/@item_id)",
	                "2");
	fx_assert_xpath(&doc,
	                "string(//r:test[@test_id='oval:t:tst:2']/"
	                "r:tested_variable[@variable_id='oval:t:var:1'])",
	                "12");
	/* system characteristics: only collected objects */
	fx_assert_xpath(&doc, "count(//sc:collected_objects/sc:object)", "4");
	fx_assert_xpath(&doc, "count(//sc:object[@id='oval:t:obj:4'])", "0");
	fx_assert_xpath(&doc, "string(//sc:object[@id='oval:t:obj:5']/@flag)",
	                "error");
	fx_assert_xpath(&doc,
	                "string(//sc:object[@id='oval:t:obj:1']/"
	                "@comment)",
	                "bash pkg");
	fx_assert_xpath(&doc,
	                "count(//sc:object[@id='oval:t:obj:2']/"
	                "sc:variable_value)",
	                "2");
	fx_assert_xpath(&doc,
	                "string(//sc:system_info/sc:interfaces/"
	                "sc:interface/sc:mac_address)",
	                "00:11:22:33:44:55");
	fx_assert_xpath(&doc, "count(//sc:system_data/*)", "5");
	fx_assert_xpath(&doc, "string(//lsc:dpkginfo_item/lsc:evr/@datatype)",
	                "debian_evr_string");
	fx_assert_xpath(&doc,
	                "string(//isc:textfilecontent_item[@id='2']/"
	                "isc:subexpression[2])",
	                "  <&>\"'\ttab\r\n ");
	fx_assert_xpath(&doc,
	                "string(//usc:file_item/usc:filename/"
	                "@*[local-name()='nil'])",
	                "true");
	fx_assert_xpath(&doc, "string(//usc:file_item/usc:user_id/@status)",
	                "not collected");
	fx_assert_xpath(&doc,
	                "string(//isc:sql57_item/isc:result/"
	                "sc:field[@name='uid']/@mask)",
	                "true");
	/* "When the mask attribute is set to 'true' on an OVAL Entity or an
	 * OVAL Field, the corresponding collected value ... MUST NOT be
	 * present in the "results" section" (EntityAttributeGroup) */
	fx_assert_xpath(&doc,
	                "string(//isc:sql57_item/isc:result/"
	                "sc:field[@name='uid'])",
	                "");
	fx_assert_xpath(&doc,
	                "string(//isc:sql57_item/isc:result/"
	                "sc:field[@name='user'])",
	                "root");
	fx_assert_xpath(&doc,
	                "string(//isc:textfilecontent_item[@id='5']/"
	                "@status)",
	                "error");
	fx_assert_xpath(&doc,
	                "string(//isc:textfilecontent_item[@id='5']/"
	                "sc:message/@level)",
	                "error");
	fx_doc_close(&doc);
}

/* Thin content: "thin content would only be the id of the definition and
 * the result" (oval-results-schema DirectiveType), and "The tests element
 * should not be included unless full results are to be provided". */
static void
test_results_write__thin(void **state)
{
	struct w_fix *f = *state;
	struct oval_directives d;
	struct fx_doc doc;

	all_directives(&d, true, false);
	d.include_source_definitions = false;
	assert_int_equal(oval_results_write(f->s, &d, f->out), 0);
	assert_int_equal(fx_validate(f->out), 0);
	fx_doc_open(&doc, f->out);
	fx_assert_xpath(&doc, "count(//r:system/r:definitions/r:definition)",
	                "4");
	fx_assert_xpath(&doc, "count(//r:criteria)", "0");
	fx_assert_xpath(&doc, "count(//r:tests)", "0");
	fx_assert_xpath(&doc, "count(//d:oval_definitions)", "0");
	fx_assert_xpath(&doc,
	                "string(/r:oval_results/r:directives/"
	                "@include_source_definitions)",
	                "false");
	fx_assert_xpath(&doc,
	                "string(/r:oval_results/r:directives/"
	                "r:definition_true/@content)",
	                "thin");
	fx_doc_close(&doc);
}

/* Some results unreported, and class_directives overriding the defaults
 * ("The directives for a particular class override the default
 * directives"). A reported full definition that extends an unreported one
 * still gets it (thin): the schema's definitionInstanceKeyRef requires it. */
static void
test_results_write__unreported(void **state)
{
	struct w_fix *f = *state;
	struct oval_directives d;
	struct fx_doc doc;

	all_directives(&d, true, true);
	d.include_source_definitions = false;
	d.def[OVAL_R_ERROR].reported = false;
	d.def[OVAL_R_NOT_EVALUATED].reported = false;
	d.has_class[OVAL_CLASS_INVENTORY] = true;
	for (int r = 0; r < OVAL_R_COUNT; r++)
		d.cls[OVAL_CLASS_INVENTORY][r].reported = false;
	assert_int_equal(oval_results_write(f->s, &d, f->out), 0);
	assert_int_equal(fx_validate(f->out), 0);
	fx_doc_open(&doc, f->out);
	fx_assert_xpath(&doc, "count(//r:system/r:definitions/r:definition)",
	                "2");
	fx_assert_xpath(&doc,
	                "count(//r:definition[@definition_id="
	                "'oval:t:def:4'])",
	                "0");
	fx_assert_xpath(&doc,
	                "count(//r:definition[@definition_id="
	                "'oval:t:def:3'])",
	                "0");
	/* def:2 forced in, thin */
	fx_assert_xpath(&doc,
	                "count(//r:definition[@definition_id="
	                "'oval:t:def:2']/*)",
	                "0");
	/* only def:1's tests */
	fx_assert_xpath(&doc, "count(//r:tests/r:test)", "2");
	fx_assert_xpath(&doc,
	                "string(/r:oval_results/r:class_directives/"
	                "@class)",
	                "inventory");
	fx_assert_xpath(&doc,
	                "string(/r:oval_results/r:class_directives/"
	                "r:definition_true/@reported)",
	                "false");
	fx_doc_close(&doc);
}

/* Nothing reported: no <definitions> (it needs at least one), still valid. */
static void
test_results_write__none_reported(void **state)
{
	struct w_fix *f = *state;
	struct oval_directives d;
	struct fx_doc doc;

	all_directives(&d, false, true);
	assert_int_equal(oval_results_write(f->s, &d, f->out), 0);
	assert_int_equal(fx_validate(f->out), 0);
	fx_doc_open(&doc, f->out);
	fx_assert_xpath(&doc, "count(//r:system/r:definitions)", "0");
	fx_assert_xpath(
	    &doc, "count(//r:system/sc:oval_system_characteristics)", "1");
	fx_doc_close(&doc);
}

/* A standalone system-characteristics document. */
static void
test_results_write__syschar(void **state)
{
	struct w_fix *f = *state;
	struct fx_doc doc;

	assert_int_equal(oval_syschar_write(f->s, f->out), 0);
	assert_int_equal(fx_validate(f->out), 0);
	fx_doc_open(&doc, f->out);
	fx_assert_xpath(&doc,
	                "count(/sc:oval_system_characteristics/"
	                "sc:system_data/*)",
	                "5");
	fx_assert_xpath(&doc,
	                "string(/sc:oval_system_characteristics/"
	                "sc:system_info/sc:os_name)",
	                "Ubuntu");
	fx_assert_xpath(&doc,
	                "string(//sc:object[@id='oval:t:obj:3']/"
	                "sc:reference/@item_ref)",
	                "3");
	/* "Values MUST NOT be masked in OVAL System Characteristics documents
	 * that are not contained within an OVAL Results document." */
	fx_assert_xpath(&doc,
	                "string(//isc:sql57_item/isc:result/"
	                "sc:field[@name='uid'])",
	                "0");
	fx_assert_xpath(&doc,
	                "string(//isc:sql57_item/isc:result/"
	                "sc:field[@name='uid']/@mask)",
	                "true");
	fx_doc_close(&doc);
}

/* Every document written from one session carries the same generator
 * timestamp, however late it is written: `xccdf eval --results-arf
 * --report` writes the OVAL results twice (the ARF file, and the ARF its
 * HTML report reads), and the two must be the same document. */
static void
test_results_write__one_timestamp(void **state)
{
	struct w_fix *f = *state;
	const struct timespec pause = { 1, 100000000 };
	char *second = fx_path(f->dir, "second.xml");
	char *sc = fx_path(f->dir, "sc.xml");
	char *t1, *t2, *t3;
	struct fx_doc doc;

	assert_int_equal(oval_results_write(f->s, NULL, f->out), 0);
	/* Over a second boundary, whatever the clock said. */
	nanosleep(&pause, NULL);
	assert_int_equal(oval_results_write(f->s, NULL, second), 0);
	assert_int_equal(oval_syschar_write(f->s, sc), 0);
	fx_doc_open(&doc, f->out);
	t1 = fx_xpath(&doc, "string(/r:oval_results/r:generator/c:timestamp)");
	fx_doc_close(&doc);
	fx_doc_open(&doc, second);
	t2 = fx_xpath(&doc, "string(/r:oval_results/r:generator/c:timestamp)");
	fx_assert_xpath(&doc, "count(//c:timestamp)", "3");
	fx_assert_xpath(&doc, "count(//c:timestamp[. != '' and . = "
	    "/r:oval_results/r:generator/c:timestamp])", "3");
	fx_doc_close(&doc);
	fx_doc_open(&doc, sc);
	t3 = fx_xpath(&doc, "string(/sc:oval_system_characteristics/"
	    "sc:generator/c:timestamp)");
	fx_doc_close(&doc);
	assert_true(t1[0] != '\0');
	assert_string_equal(t1, t2);
	assert_string_equal(t1, t3);
	free(t1);
	free(t2);
	free(t3);
	free(second);
	free(sc);
}

/* An empty session (nothing collected, nothing evaluated, no facts) is
 * still a valid document: system_info's children are required. */
static void
test_results_write__empty(void **state)
{
	struct w_fix *f = *state;
	struct oval_session *s = fx_session_empty(f->d);

	assert_int_equal(oval_syschar_write(s, f->out), 0);
	assert_int_equal(fx_validate(f->out), 0);
	assert_int_equal(oval_results_write(s, NULL, f->out), 0);
	assert_int_equal(fx_validate(f->out), 0);
	fx_session_free(s);
}

/* Bytes XML 1.0 cannot carry (control characters, broken UTF-8) become
 * U+FFFD instead of making the document unreadable. */
static void
test_results_write__sanitises_text(void **state)
{
	struct w_fix *f = *state;
	struct oval_item *it = &f->s->sc.items[1];
	struct fx_doc doc;
	char *v;

	it->ents[5].value = fx_str(f->s, "a\x01"
	                                 "b\xff"
	                                 "c\xc3\xa9");
	assert_int_equal(oval_syschar_write(f->s, f->out), 0);
	assert_int_equal(fx_validate(f->out), 0);
	fx_doc_open(&doc, f->out);
	v = fx_xpath(&doc, "string(//isc:textfilecontent_item[@id='2']/"
	                   "isc:text)");
	assert_string_equal(v, "a\xef\xbf\xbd"
	                       "b\xef\xbf\xbd"
	                       "c\xc3\xa9");
	free(v);
	fx_doc_close(&doc);
}

/* A write that cannot even start (no such directory) fails with a message
 * and creates nothing. */
static void
test_results_write__bad_dir(void **state)
{
	struct w_fix *f = *state;
	char *p = fx_path(f->dir, "missing/out.xml");
	struct stat st;

	ks_error_clear();
	assert_true(oval_results_write(f->s, NULL, p) < 0);
	assert_true(ks_error_msg()[0] != '\0');
	assert_true(oval_syschar_write(f->s, p) < 0);
	assert_int_equal(stat(p, &st), -1);
	assert_int_equal(fx_dir_count(f->dir), 0);
	free(p);
}

/* A write that fails half-way (an item with an unusable family name)
 * leaves the file the user had untouched and no temporary behind. */
static void
test_results_write__failure_keeps_old_file(void **state)
{
	struct w_fix *f = *state;
	char *old = NULL;
	size_t len = 0;

	assert_int_equal(ks_file_write_atomic(f->out, "old", 3), 0);
	f->s->sc.items[3].ns = fx_str(f->s, "bad ns");
	ks_error_clear();
	assert_true(oval_results_write(f->s, NULL, f->out) < 0);
	assert_non_null(strstr(ks_error_msg(), "bad ns"));
	assert_true(oval_syschar_write(f->s, f->out) < 0);
	assert_int_equal(ks_file_read(f->out, 100, &old, &len), 0);
	assert_int_equal(len, 3);
	assert_memory_equal(old, "old", 3);
	free(old);
	assert_int_equal(fx_dir_count(f->dir), 1);
}

/* Replacing an existing results file works (atomic rename over it). */
static void
test_results_write__replaces_file(void **state)
{
	struct w_fix *f = *state;

	assert_int_equal(ks_file_write_atomic(f->out, "old", 3), 0);
	assert_int_equal(oval_results_write(f->s, NULL, f->out), 0);
	assert_int_equal(fx_validate(f->out), 0);
	assert_int_equal(fx_dir_count(f->dir), 1);
}

/* Definitions loaded from a UTF-8 file are copied into the results as they
 * are: 5.11 asks for "an exact copy of the definitions evaluated", which
 * keeps what the model drops (here an XML comment and oval:notes). */
static void
test_results_write__copies_source(void **state)
{
	struct w_fix *f = *state;
	const char *cut = strstr(fx_defs_xml, "<definitions>");
	char *src = fx_path(f->dir, "defs.xml");
	char *text;
	struct oval_defs *d = NULL;
	struct oval_session *s;
	struct fx_doc doc;

	assert_non_null(cut);
	text = ks_asprintf("%.*s<!-- kept -->%s", (int)(cut - fx_defs_xml),
	                   fx_defs_xml, cut);
	write_text(src, text);
	assert_int_equal(oval_defs_parse(&d, src), 0);
	s = fx_session(d);
	assert_int_equal(oval_results_write(s, NULL, f->out), 0);
	assert_int_equal(fx_validate(f->out), 0);
	fx_doc_open(&doc, f->out);
	fx_assert_xpath(&doc,
	                "string(/r:oval_results/d:oval_definitions/"
	                "comment())",
	                " kept ");
	fx_assert_xpath(&doc,
	                "count(/r:oval_results/d:oval_definitions/"
	                "d:definitions/d:definition)",
	                "4");
	fx_assert_xpath(&doc,
	                "string(//r:definition[@definition_id="
	                "'oval:t:def:1']/@result)",
	                "true");
	fx_doc_close(&doc);
	fx_session_free(s);
	oval_defs_free(d);
	free(text);
	free(src);
}

/* A data stream (or any root that is not oval_definitions) is never copied:
 * the model is written instead. */
static void
test_results_write__no_copy_of_other_roots(void **state)
{
	struct w_fix *f = *state;
	char *src = fx_path(f->dir, "defs.xml");
	char *saved = f->d->path;
	struct fx_doc doc;

	write_text(src,
	           "<?xml version='1.0'?><ds:data-stream-collection "
	           "xmlns:ds='http://scap.nist.gov/schema/scap/source/1.2'/>");
	f->d->path = src;
	assert_int_equal(oval_results_write(f->s, NULL, f->out), 0);
	f->d->path = saved;
	assert_int_equal(fx_validate(f->out), 0);
	fx_doc_open(&doc, f->out);
	fx_assert_xpath(&doc,
	                "count(/r:oval_results/d:oval_definitions/"
	                "d:tests/*)",
	                "5");
	fx_doc_close(&doc);
	free(src);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_results_write__full_default,
	                                    setup, teardown),
	    cmocka_unit_test_setup_teardown(test_results_write__thin, setup,
	                                    teardown),
	    cmocka_unit_test_setup_teardown(test_results_write__unreported,
	                                    setup, teardown),
	    cmocka_unit_test_setup_teardown(test_results_write__none_reported,
	                                    setup, teardown),
	    cmocka_unit_test_setup_teardown(test_results_write__syschar, setup,
	                                    teardown),
	    cmocka_unit_test_setup_teardown(test_results_write__one_timestamp,
	                                    setup, teardown),
	    cmocka_unit_test_setup_teardown(test_results_write__empty, setup,
	                                    teardown),
	    cmocka_unit_test_setup_teardown(test_results_write__sanitises_text,
	                                    setup, teardown),
	    cmocka_unit_test_setup_teardown(test_results_write__bad_dir, setup,
	                                    teardown),
	    cmocka_unit_test_setup_teardown(
	        test_results_write__failure_keeps_old_file, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_results_write__replaces_file,
	                                    setup, teardown),
	    cmocka_unit_test_setup_teardown(test_results_write__copies_source,
	                                    setup, teardown),
	    cmocka_unit_test_setup_teardown(
	        test_results_write__no_copy_of_other_roots, setup, teardown),
	};
	int rc;

	ks_xml_init();
	rc = cmocka_run_group_tests(tests, NULL, NULL);
	fx_schema_free();
	xmlCleanupParser();
	return rc;
}
