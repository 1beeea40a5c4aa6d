/*
 * Tests of oval/parse_defs.c: the document level (root, generator, malformed
 * XML), definitions with metadata, advisory and criteria, id resolution,
 * dangling references reaching definitions as errors, and the whole OVAL
 * Test Content for Linux parsed with the element counts xmllint gives.
 */
#include "test_parse_fixture.h"

#include <dirent.h>

#include <libxml/tree.h>

/* ---- document level ------------------------------------------------------ */

static void
test_parse_defs__empty_document(void **state)
{
	struct oval_defs *d = NULL;

	(void)state;
	d = fx_parse_ok(FX_DOC(""));
	assert_int_equal(d->ndefs, 0);
	assert_int_equal(d->ntests, 0);
	assert_int_equal(d->nobjects, 0);
	assert_int_equal(d->nstates, 0);
	assert_int_equal(d->nvars, 0);
	assert_string_equal(d->schema_version, "5.11.2");
	assert_string_equal(d->path, "t.xml");
	oval_defs_free(d);
	oval_defs_free(NULL);
}

static void
test_parse_defs__not_oval_root(void **state)
{
	struct oval_defs *d = NULL;
	const char *xml = "<?xml version=\"1.0\"?>\n\n<Benchmark "
	    "xmlns=\"http://checklists.nist.gov/xccdf/1.2\"/>\n";

	(void)state;
	assert_int_equal(fx_parse(&d, xml), KS_EPARSE);
	assert_null(d);
	fx_contains(ks_error_msg(), "t.xml:3: not an OVAL definitions "
	    "document (root element Benchmark");
	/* The right name in the wrong namespace is not it either. */
	assert_int_equal(fx_parse(&d, "<oval_definitions/>"), KS_EPARSE);
	fx_contains(ks_error_msg(), "not an OVAL definitions document");
	assert_int_equal(fx_parse(&d, ""), KS_EPARSE);
	assert_null(d);
}

static void
test_parse_defs__malformed_xml(void **state)
{
	struct oval_defs *d = NULL;
	const char *xml = FX_HEAD
	    "<definitions>\n"
	    "<definition id=\"oval:t:def:1\" version=\"1\" class=\"patch\">\n"
	    "<metadata><title>x</titel></metadata>\n"
	    "</definition></definitions>" FX_TAIL;

	(void)state;
	assert_int_equal(fx_parse(&d, xml), KS_EPARSE);
	assert_null(d);
	/* FX_HEAD is 10 lines: the bad end tag is on line 13. */
	fx_contains(ks_error_msg(), "t.xml:13:");
}

static void
test_parse_defs__malformed_after_root(void **state)
{
	struct oval_defs *d = NULL;

	(void)state;
	/* Content after the root element is not well-formed XML. */
	assert_int_equal(fx_parse(&d, FX_DOC("") "<extra/>"), KS_EPARSE);
	assert_null(d);
	fx_contains(ks_error_msg(), "t.xml:");
	/* A truncated document fails too. */
	assert_int_equal(fx_parse(&d, FX_HEAD "<definitions>"), KS_EPARSE);
	assert_null(d);
}

static void
test_parse_defs__too_deep_fails_cleanly(void **state)
{
	struct ks_buf b;
	struct oval_defs *d = NULL;
	int i, rc;

	(void)state;
	ks_buf_init(&b, 0);
	assert_int_equal(ks_buf_puts(&b, FX_HEAD "<definitions>"
	    "<definition id=\"oval:t:def:1\" version=\"1\" class=\"patch\">"),
	    0);
	for (i = 0; i < 400; i++)
		assert_int_equal(ks_buf_puts(&b, "<criteria>"), 0);
	for (i = 0; i < 400; i++)
		assert_int_equal(ks_buf_puts(&b, "</criteria>"), 0);
	assert_int_equal(ks_buf_puts(&b, "</definition></definitions>"
	    FX_TAIL), 0);
	rc = oval_defs_parse_mem(&d, b.data, b.len, "deep.xml");
	assert_true(rc == KS_ELIMIT || rc == KS_EPARSE);
	assert_null(d);
	fx_contains(ks_error_msg(), "deep.xml:");
	ks_buf_free(&b);
}

static void
test_parse_defs__schema_versions(void **state)
{
	struct oval_defs *d;

	(void)state;
	/* 5.11.1 platform schema_versions: the core one (no platform
	 * attribute) is the generator's version. */
	d = fx_parse_ok("<oval_definitions xmlns=\"" FX_NS_DEF "\" "
	    "xmlns:oval=\"http://oval.mitre.org/XMLSchema/oval-common-5\">"
	    "<generator><oval:schema_version platform=\"" FX_NS_DEF
	    "#linux\">5.11.1:1.0</oval:schema_version>"
	    "<oval:schema_version> 5.11.1 </oval:schema_version>"
	    "</generator></oval_definitions>");
	assert_string_equal(d->schema_version, "5.11.1");
	oval_defs_free(d);
	/* Older versions and a version from the future are read. */
	d = fx_parse_ok("<oval_definitions xmlns=\"" FX_NS_DEF "\" "
	    "xmlns:oval=\"http://oval.mitre.org/XMLSchema/oval-common-5\">"
	    "<generator><oval:schema_version>5.3</oval:schema_version>"
	    "</generator></oval_definitions>");
	assert_string_equal(d->schema_version, "5.3");
	oval_defs_free(d);
	d = fx_parse_ok("<oval_definitions xmlns=\"" FX_NS_DEF "\" "
	    "xmlns:oval=\"http://oval.mitre.org/XMLSchema/oval-common-5\">"
	    "<generator><oval:schema_version>5.12</oval:schema_version>"
	    "</generator></oval_definitions>");
	assert_string_equal(d->schema_version, "5.12");
	oval_defs_free(d);
	d = fx_parse_ok("<oval_definitions xmlns=\"" FX_NS_DEF "\"/>");
	assert_null(d->schema_version);
	oval_defs_free(d);
}

/* ---- definitions --------------------------------------------------------- */

static const char def_doc[] = FX_DOC(
	"<definitions>\n"
	"<definition id=\"oval:t:def:1\" version=\"7\" class=\"vulnerability\""
	" deprecated=\"true\">\n"
	"<metadata>\n"
	"<title>Title one</title>\n"
	"<affected family=\"unix\"><platform>Ubuntu 14.04 LTS</platform>"
	"<platform>Ubuntu 16.04 LTS</platform><product>openssl</product>"
	"</affected>\n"
	"<reference source=\"CVE\" ref_id=\"CVE-2020-0001\" "
	"ref_url=\"https://example.org/CVE-2020-0001\"/>\n"
	"<reference source=\"USN\" ref_id=\"USN-1\"/>\n"
	"<description>  two  spaces\n</description>\n"
	"<x:other xmlns:x=\"urn:x\"><title>not the title</title></x:other>\n"
	"</metadata>\n"
	"<oval:notes><oval:note>ignored</oval:note></oval:notes>\n"
	"<criteria operator=\"OR\" comment=\"top\">\n"
	"  <extend_definition definition_ref=\"oval:t:def:2\" "
	"applicability_check=\"true\" comment=\"inv\"/>\n"
	"  <criteria negate=\"true\" operator=\"XOR\">\n"
	"    <criterion test_ref=\"oval:t:tst:1\" negate=\"1\"/>\n"
	"    <criterion test_ref=\"oval:t:tst:2\" applicability_check="
	"\"false\" comment=\"c2\"/>\n"
	"  </criteria>\n"
	"  <criterion test_ref=\"oval:t:tst:2\"/>\n"
	"</criteria>\n"
	"</definition>\n"
	"<definition id=\"oval:t:def:2\" version=\"1\" class=\"inventory\">\n"
	"<metadata><title/><description/></metadata>\n"
	"<criteria><criterion test_ref=\"oval:t:tst:1\"/></criteria>\n"
	"</definition>\n"
	"<definition id=\"oval:t:def:3\" version=\"1\" class=\"compliance\">"
	"<metadata><title>no criteria</title></metadata></definition>\n"
	"</definitions>\n"
	"<tests>\n"
	"<ind:unknown_test id=\"oval:t:tst:1\" version=\"1\" check=\"all\"/>\n"
	"<ind:unknown_test id=\"oval:t:tst:2\" version=\"1\" check=\"all\"/>\n"
	"</tests>\n");

static void
test_parse_defs__definition_metadata(void **state)
{
	struct oval_defs *d = fx_parse_ok(def_doc);
	struct oval_definition *def;

	(void)state;
	assert_int_equal(d->ndefs, 3);
	def = FX_DEF(d, "oval:t:def:1");
	assert_ptr_equal(def, &d->defs[0]);	/* document order */
	assert_int_equal(def->version, 7);
	assert_int_equal(def->klass, OVAL_CLASS_VULNERABILITY);
	assert_true(def->deprecated);
	assert_int_equal(def->line, 12);
	assert_string_equal(def->title, "Title one");
	/* Text is kept literally (no trimming). */
	assert_string_equal(def->description, "  two  spaces\n");
	assert_string_equal(def->affected_family, "unix");
	assert_int_equal(def->nplatforms, 2);
	assert_string_equal(def->platforms[0], "Ubuntu 14.04 LTS");
	assert_string_equal(def->platforms[1], "Ubuntu 16.04 LTS");
	assert_int_equal(def->nproducts, 1);
	assert_string_equal(def->products[0], "openssl");
	assert_int_equal(def->nrefs, 2);
	assert_string_equal(def->refs[0].source, "CVE");
	assert_string_equal(def->refs[0].ref_id, "CVE-2020-0001");
	assert_string_equal(def->refs[0].ref_url,
	    "https://example.org/CVE-2020-0001");
	assert_string_equal(def->refs[1].ref_id, "USN-1");
	assert_null(def->refs[1].ref_url);
	assert_null(def->advisory_xml);
	assert_null(def->error);

	def = FX_DEF(d, "oval:t:def:2");
	assert_int_equal(def->klass, OVAL_CLASS_INVENTORY);
	assert_false(def->deprecated);
	assert_string_equal(def->title, "");
	assert_null(def->affected_family);
	assert_int_equal(def->nplatforms, 0);
	assert_int_equal(def->nrefs, 0);

	def = FX_DEF(d, "oval:t:def:3");
	assert_int_equal(def->klass, OVAL_CLASS_COMPLIANCE);
	assert_null(def->criteria);
	assert_null(def->error);
	/* Strings are interned: one copy of each. */
	assert_ptr_equal(ks_strpool_get(d->pool, "oval:t:def:1"),
	    d->defs[0].id);
	oval_defs_free(d);
}

static void
test_parse_defs__criteria_tree(void **state)
{
	struct oval_defs *d = fx_parse_ok(def_doc);
	const struct oval_cnode *top, *k;
	uint32_t t1 = fx_find(d->test_ids, "oval:t:tst:1");
	uint32_t t2 = fx_find(d->test_ids, "oval:t:tst:2");

	(void)state;
	top = FX_DEF(d, "oval:t:def:1")->criteria;
	assert_non_null(top);
	assert_int_equal(top->kind, OVAL_CN_CRITERIA);
	assert_int_equal(top->operator, OVAL_OPR_OR);
	assert_false(top->negate);
	assert_int_equal(top->applicability_check, -1);
	assert_string_equal(top->comment, "top");
	assert_int_equal(top->nkids, 3);

	k = &top->kids[0];
	assert_int_equal(k->kind, OVAL_CN_EXTEND);
	/* A forward reference (def:2 comes later) is resolved. */
	assert_int_equal(k->ref, fx_find(d->def_ids, "oval:t:def:2"));
	assert_int_equal(k->applicability_check, 1);
	assert_string_equal(k->comment, "inv");

	k = &top->kids[1];
	assert_int_equal(k->kind, OVAL_CN_CRITERIA);
	assert_int_equal(k->operator, OVAL_OPR_XOR);
	assert_true(k->negate);
	assert_int_equal(k->nkids, 2);
	assert_int_equal(k->kids[0].kind, OVAL_CN_CRITERION);
	assert_int_equal(k->kids[0].ref, t1);
	assert_true(k->kids[0].negate);
	assert_null(k->kids[0].comment);
	assert_int_equal(k->kids[1].ref, t2);
	assert_false(k->kids[1].negate);
	assert_int_equal(k->kids[1].applicability_check, 0);
	assert_string_equal(k->kids[1].comment, "c2");

	k = &top->kids[2];
	assert_int_equal(k->kind, OVAL_CN_CRITERION);
	assert_int_equal(k->ref, t2);
	assert_int_equal(k->nkids, 0);

	/* criteria's operator defaults to AND. */
	top = FX_DEF(d, "oval:t:def:2")->criteria;
	assert_int_equal(top->operator, OVAL_OPR_AND);
	assert_int_equal(top->nkids, 1);
	oval_defs_free(d);
}

/* Elements of a few MB between small ones: each keeps its text whole in
 * document order, and (two threads) the buffers a huge one grew are let
 * go once it is in the model. */
static void
test_parse_defs__huge_elements(void **state)
{
	struct ks_buf b;
	struct oval_defs *d = NULL;
	size_t big = 3u << 20;
	char *text = ks_malloc(big + 1);

	(void)state;
	memset(text, 'x', big);
	text[big] = '\0';
	ks_buf_init(&b, 0);
	assert_int_equal(ks_buf_puts(&b, FX_HEAD "<definitions>"), 0);
	for (int i = 0; i < 200; i++) {
		char head[160];

		snprintf(head, sizeof(head), "<definition id=\"oval:t:def:%d\" "
		    "version=\"1\" class=\"patch\"><metadata><title>t%d</title>"
		    "<description>", i, i);
		assert_int_equal(ks_buf_puts(&b, head), 0);
		if (i % 50 == 7)
			assert_int_equal(ks_buf_puts(&b, text), 0);
		else
			assert_int_equal(ks_buf_puts(&b, "small"), 0);
		assert_int_equal(ks_buf_puts(&b, "</description></metadata>"
		    "</definition>"), 0);
	}
	assert_int_equal(ks_buf_puts(&b, "</definitions>" FX_TAIL), 0);
	assert_int_equal(oval_defs_parse_mem(&d, b.data, b.len, "huge.xml"), 0);
	assert_int_equal(d->ndefs, 200);
	for (int i = 0; i < 200; i++) {
		char id[32];
		const struct oval_definition *def;

		snprintf(id, sizeof(id), "oval:t:def:%d", i);
		def = FX_DEF(d, id);
		assert_non_null(def);
		assert_ptr_equal(def, &d->defs[i]);
		assert_int_equal(strlen(def->description),
		    i % 50 == 7 ? big : 5);
	}
	oval_defs_free(d);
	ks_buf_free(&b);
	free(text);
}

static void
test_parse_defs__find(void **state)
{
	struct oval_defs *d = fx_parse_ok(def_doc);

	(void)state;
	assert_int_equal(oval_defs_find(d->def_ids, "oval:t:def:1"), 0);
	assert_int_equal(oval_defs_find(d->def_ids, "oval:t:def:3"), 2);
	assert_int_equal(oval_defs_find(d->test_ids, "oval:t:tst:2"), 1);
	assert_int_equal(oval_defs_find(d->def_ids, "oval:t:def:9"),
	    OVAL_NONE);
	assert_int_equal(oval_defs_find(d->def_ids, "oval:t:tst:1"),
	    OVAL_NONE);
	assert_int_equal(oval_defs_find(NULL, "oval:t:def:1"), OVAL_NONE);
	assert_int_equal(oval_defs_find(d->def_ids, NULL), OVAL_NONE);
	oval_defs_free(d);
}

static void
test_parse_defs__bad_attributes_are_definition_errors(void **state)
{
	struct oval_defs *d = fx_parse_ok(FX_DOC(
	    "<definitions>\n"
	    "<definition id=\"oval:t:def:1\" version=\"1\" class=\"bogus\">"
	    "<criteria><criterion test_ref=\"oval:t:tst:1\"/></criteria>"
	    "</definition>\n"
	    "<definition id=\"oval:t:def:2\" version=\"1\" class=\"patch\">"
	    "<criteria operator=\"MAYBE\"><criterion test_ref=\"oval:t:tst:1\""
	    "/></criteria></definition>\n"
	    "<definition id=\"oval:t:def:3\" version=\"1\" class=\"patch\">"
	    "<criteria><criterion/></criteria></definition>\n"
	    "<definition id=\"oval:t:def:4\" version=\"1\" class=\"patch\">"
	    "<criteria><criterion test_ref=\"oval:t:tst:1\" negate=\"yes\"/>"
	    "</criteria></definition>\n"
	    "<definition version=\"1\" class=\"patch\"/>\n"
	    "</definitions>\n"
	    "<tests><ind:unknown_test id=\"oval:t:tst:1\" version=\"1\" "
	    "check=\"all\"/></tests>\n"));

	(void)state;
	/* The definition without id is left out. */
	assert_int_equal(d->ndefs, 4);
	fx_contains(FX_DEF(d, "oval:t:def:1")->error,
	    "t.xml:12: definition oval:t:def:1: unknown class 'bogus'");
	fx_contains(FX_DEF(d, "oval:t:def:2")->error,
	    "unknown criteria operator 'MAYBE'");
	fx_contains(FX_DEF(d, "oval:t:def:3")->error,
	    "criterion without test_ref");
	assert_int_equal(FX_DEF(d, "oval:t:def:3")->criteria->kids[0].ref,
	    OVAL_NONE);
	fx_contains(FX_DEF(d, "oval:t:def:4")->error, "bad negate value");
	oval_defs_free(d);
}

static void
test_parse_defs__duplicate_ids_keep_first(void **state)
{
	struct oval_defs *d = fx_parse_ok(FX_DOC(
	    "<definitions>\n"
	    "<definition id=\"oval:t:def:1\" version=\"1\" class=\"patch\">"
	    "<metadata><title>first</title></metadata>"
	    "<criteria><criterion test_ref=\"oval:t:tst:1\"/></criteria>"
	    "</definition>\n"
	    "<definition id=\"oval:t:def:1\" version=\"2\" class=\"patch\">"
	    "<metadata><title>second</title></metadata></definition>\n"
	    "</definitions>\n"
	    "<tests><ind:unknown_test id=\"oval:t:tst:1\" version=\"1\" "
	    "check=\"all\" comment=\"first\"/>"
	    "<ind:unknown_test id=\"oval:t:tst:1\" version=\"1\" "
	    "check=\"all\" comment=\"second\"/></tests>\n"));

	(void)state;
	assert_int_equal(d->ndefs, 1);
	assert_string_equal(d->defs[0].title, "first");
	assert_int_equal(d->defs[0].version, 1);
	assert_null(d->defs[0].error);
	assert_int_equal(d->ntests, 1);
	assert_string_equal(d->tests[0].comment, "first");
	assert_int_equal(d->defs[0].criteria->kids[0].ref, 0);
	oval_defs_free(d);
}

/* ---- dangling references ------------------------------------------------- */

static const char dangling_doc[] = FX_DOC(
	"<definitions>\n"
	"<definition id=\"oval:t:def:1\" version=\"1\" class=\"patch\">"
	"<criteria><criterion test_ref=\"oval:t:tst:404\"/></criteria>"
	"</definition>\n"
	"<definition id=\"oval:t:def:2\" version=\"1\" class=\"patch\">"
	"<criteria><extend_definition definition_ref=\"oval:t:def:404\"/>"
	"</criteria></definition>\n"
	"<definition id=\"oval:t:def:3\" version=\"1\" class=\"patch\">"
	"<criteria operator=\"OR\"><criterion test_ref=\"oval:t:tst:ok\"/>"
	"<criterion test_ref=\"oval:t:tst:1\"/></criteria></definition>\n"
	"<definition id=\"oval:t:def:4\" version=\"1\" class=\"patch\">"
	"<criteria><criterion test_ref=\"oval:t:tst:2\"/></criteria>"
	"</definition>\n"
	"<definition id=\"oval:t:def:5\" version=\"1\" class=\"patch\">"
	"<criteria><criterion test_ref=\"oval:t:tst:3\"/></criteria>"
	"</definition>\n"
	"<definition id=\"oval:t:def:6\" version=\"1\" class=\"patch\">"
	"<criteria><criterion test_ref=\"oval:t:tst:ok\"/></criteria>"
	"</definition>\n"
	"</definitions>\n"
	"<tests>\n"
	"<ind:family_test id=\"oval:t:tst:ok\" version=\"1\" check=\"all\">"
	"<ind:object object_ref=\"oval:t:obj:ok\"/></ind:family_test>\n"
	/* line 21: */
	"<ind:family_test id=\"oval:t:tst:1\" version=\"1\" check=\"all\">"
	"<ind:object object_ref=\"oval:t:obj:404\"/>"
	"<ind:state state_ref=\"oval:t:ste:ok\"/></ind:family_test>\n"
	"<ind:family_test id=\"oval:t:tst:2\" version=\"1\" check=\"all\">"
	"<ind:object object_ref=\"oval:t:obj:ok\"/>"
	"<ind:state state_ref=\"oval:t:ste:var\"/></ind:family_test>\n"
	"<ind:textfilecontent54_test id=\"oval:t:tst:3\" version=\"1\" "
	"check=\"all\"><ind:object object_ref=\"oval:t:obj:chain\"/>"
	"</ind:textfilecontent54_test>\n"
	"</tests>\n"
	"<objects>\n"
	"<ind:family_object id=\"oval:t:obj:ok\" version=\"1\"/>\n"
	"<ind:textfilecontent54_object id=\"oval:t:obj:chain\" version=\"1\">"
	"<ind:filepath var_ref=\"oval:t:var:1\"/>"
	"<ind:pattern operation=\"pattern match\">x</ind:pattern>"
	"<ind:instance datatype=\"int\">1</ind:instance>"
	"</ind:textfilecontent54_object>\n"
	"</objects>\n"
	"<states>\n"
	"<ind:family_state id=\"oval:t:ste:ok\" version=\"1\">"
	"<ind:family>unix</ind:family></ind:family_state>\n"
	"<ind:family_state id=\"oval:t:ste:var\" version=\"1\">"
	"<ind:family var_ref=\"oval:t:var:404\"/></ind:family_state>\n"
	"</states>\n"
	"<variables>\n"
	"<local_variable id=\"oval:t:var:1\" version=\"1\" datatype=\"string\""
	" comment=\"c\"><concat><literal_component>/</literal_component>"
	"<variable_component var_ref=\"oval:t:var:2\"/></concat>"
	"</local_variable>\n"
	"<local_variable id=\"oval:t:var:2\" version=\"1\" datatype=\"string\""
	" comment=\"c\"><object_component object_ref=\"oval:t:obj:gone\" "
	"item_field=\"family\"/></local_variable>\n"
	"</variables>\n");

static void
test_parse_defs__dangling_references(void **state)
{
	struct oval_defs *d = fx_parse_ok(dangling_doc);
	const struct oval_test *t;

	(void)state;
	fx_contains(FX_DEF(d, "oval:t:def:1")->error,
	    "test oval:t:tst:404 referenced by criterion is not defined");
	assert_int_equal(FX_DEF(d, "oval:t:def:1")->criteria->kids[0].ref,
	    OVAL_NONE);
	fx_contains(FX_DEF(d, "oval:t:def:2")->error,
	    "definition oval:t:def:404 referenced by extend_definition is "
	    "not defined");
	/* The test keeps no object, and every definition reaching it is
	 * an error, with the test's place and the missing id. */
	t = FX_TEST(d, "oval:t:tst:1");
	assert_int_equal(t->object, OVAL_NONE);
	assert_int_equal(t->nstates, 1);
	assert_int_equal(t->states[0], fx_find(d->state_ids,
	    "oval:t:ste:ok"));
	fx_contains(FX_DEF(d, "oval:t:def:3")->error,
	    "t.xml:21: test oval:t:tst:1: object oval:t:obj:404 is not "
	    "defined");
	/* Through a state's var_ref. */
	fx_contains(FX_DEF(d, "oval:t:def:4")->error,
	    "state oval:t:ste:var: variable oval:t:var:404 is not defined");
	assert_int_equal(FX_STATE(d, "oval:t:ste:var")->ents[0].var,
	    OVAL_NONE);
	/* Through object -> var_ref -> concat -> variable_component ->
	 * object_component of a missing object. */
	fx_contains(FX_DEF(d, "oval:t:def:5")->error,
	    "variable oval:t:var:2: object oval:t:obj:gone in "
	    "object_component is not defined");
	assert_int_equal(FX_OBJ(d, "oval:t:obj:chain")->ents[0].var,
	    fx_find(d->var_ids, "oval:t:var:1"));
	/* The sound definition is untouched. */
	assert_null(FX_DEF(d, "oval:t:def:6")->error);
	assert_int_equal(FX_TEST(d, "oval:t:tst:ok")->object,
	    fx_find(d->obj_ids, "oval:t:obj:ok"));
	oval_defs_free(d);
}

static void
test_parse_defs__reference_cycles_parse(void **state)
{
	/* Cycles are the evaluator's to report; the parser resolves them
	 * and does not loop. */
	struct oval_defs *d = fx_parse_ok(FX_DOC(
	    "<definitions>"
	    "<definition id=\"oval:t:def:1\" version=\"1\" class=\"patch\">"
	    "<criteria><extend_definition definition_ref=\"oval:t:def:2\"/>"
	    "<criterion test_ref=\"oval:t:tst:1\"/></criteria></definition>"
	    "<definition id=\"oval:t:def:2\" version=\"1\" class=\"patch\">"
	    "<criteria><extend_definition definition_ref=\"oval:t:def:1\"/>"
	    "</criteria></definition></definitions>"
	    "<tests><ind:family_test id=\"oval:t:tst:1\" version=\"1\" "
	    "check=\"all\"><ind:object object_ref=\"oval:t:obj:1\"/>"
	    "</ind:family_test></tests>"
	    "<objects><ind:family_object id=\"oval:t:obj:1\" version=\"1\">"
	    "<set xmlns=\"" FX_NS_DEF "\"><object_reference>oval:t:obj:1"
	    "</object_reference></set></ind:family_object></objects>"
	    "<variables><local_variable id=\"oval:t:var:1\" version=\"1\" "
	    "datatype=\"string\" comment=\"c\"><variable_component "
	    "var_ref=\"oval:t:var:1\"/></local_variable></variables>"));

	(void)state;
	assert_null(d->defs[0].error);
	assert_int_equal(d->defs[0].criteria->kids[0].ref, 1);
	assert_int_equal(d->defs[1].criteria->kids[0].ref, 0);
	assert_int_equal(d->objects[0].set->objs[0], 0);
	assert_int_equal(d->vars[0].comp->ref, 0);
	oval_defs_free(d);
}

/* ---- advisory ------------------------------------------------------------ */

static void
test_parse_defs__advisory_inline(void **state)
{
	struct oval_defs *d = fx_parse_ok(FX_DOC(
	    "<definitions>\n"
	    "<definition id=\"oval:t:def:1\" version=\"1\" class=\"patch\">"
	    "<metadata><title>t</title>"
	    "<advisory from=\"secalert@redhat.com\">"
	    "<severity>Important</severity>"
	    "<cve cvss3=\"7.5/CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N\" "
	    "cwe=\"CWE-20\">CVE-2020-11008</cve>"
	    "<affected_cpe_list><cpe>cpe:/a:redhat:enterprise_linux:8</cpe>"
	    "</affected_cpe_list></advisory>"
	    "<description>after</description>"
	    "</metadata></definition>\n"
	    "<definition id=\"oval:t:def:2\" version=\"1\" class=\"patch\">"
	    "<metadata><title>u</title>"
	    "<u:advisory xmlns:u=\"urn:vendor\"><u:severity>Low</u:severity>"
	    "</u:advisory></metadata></definition>\n"
	    "</definitions>\n"));
	const char *x;

	(void)state;
	x = d->defs[0].advisory_xml;
	assert_non_null(x);
	assert_int_equal(strncmp(x, "<advisory", 9), 0);
	fx_contains(x, "from=\"secalert@redhat.com\"");
	fx_contains(x, "<severity>Important</severity>");
	fx_contains(x, "cvss3=\"7.5/CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/"
	    "I:N/A:N\"");
	fx_contains(x, "<cpe>cpe:/a:redhat:enterprise_linux:8</cpe>");
	/* The copy declares its namespace, so it is a document itself. */
	fx_contains(x, "xmlns=\"" FX_NS_DEF "\"");
	assert_non_null(strstr(x, "</advisory>"));
	/* What follows the advisory is still read. */
	assert_string_equal(d->defs[0].description, "after");
	x = d->defs[1].advisory_xml;
	assert_non_null(x);
	fx_contains(x, "xmlns:u=\"urn:vendor\"");
	fx_contains(x, "<u:severity>Low</u:severity>");
	oval_defs_free(d);
}

/* The captured text is XML of its own: escaped, namespaces declared. */
static void
test_parse_defs__advisory_escaping_and_cap(void **state)
{
	struct ks_buf b;
	struct oval_defs *d;
	struct _xmlDoc *doc = NULL;
	const char *x;
	int i;

	(void)state;
	d = fx_parse_ok(FX_DOC(
	    "<definitions>\n"
	    "<definition id=\"oval:t:def:1\" version=\"1\" class=\"patch\">"
	    "<metadata><advisory a=\"&quot;q&quot; &amp; &lt;\">"
	    "<!-- dropped --><ref xsi:type=\"t\">a &amp; b &lt; c &gt; d"
	    "</ref><empty/><cdata><![CDATA[<x>]]></cdata></advisory>"
	    "</metadata></definition>\n"
	    "<definition id=\"oval:t:def:2\" version=\"1\" class=\"patch\">"
	    "<metadata><advisory/></metadata></definition>\n"
	    "</definitions>\n"));
	x = d->defs[0].advisory_xml;
	assert_non_null(x);
	fx_contains(x, "a=\"&quot;q&quot; &amp; &lt;\"");
	fx_contains(x, ">a &amp; b &lt; c &gt; d</ref>");
	fx_contains(x, "<empty/>");
	fx_contains(x, "<cdata>&lt;x&gt;</cdata>");
	assert_null(strstr(x, "dropped"));
	/* xsi is declared outside the subtree: declared where used. */
	fx_contains(x, "xmlns:xsi=\"http://www.w3.org/2001/"
	    "XMLSchema-instance\"");
	assert_int_equal(ks_xml_doc_read_mem(&doc, x, strlen(x), "adv"), 0);
	xmlFreeDoc(doc);
	x = d->defs[1].advisory_xml;
	assert_non_null(x);
	assert_string_equal(x, "<advisory xmlns=\"" FX_NS_DEF "\"/>");
	oval_defs_free(d);

	/* Longer than 64 KiB: dropped, the definition is fine. */
	ks_buf_init(&b, 0);
	assert_int_equal(ks_buf_puts(&b, FX_HEAD "<definitions>"
	    "<definition id=\"oval:t:def:1\" version=\"1\" class=\"patch\">"
	    "<metadata><advisory>"), 0);
	for (i = 0; i < 70000 / 16; i++)
		assert_int_equal(ks_buf_puts(&b, "<bug>0123456</bug>"), 0);
	assert_int_equal(ks_buf_puts(&b, "</advisory><title>after</title>"
	    "</metadata></definition></definitions>" FX_TAIL), 0);
	d = fx_parse_ok(b.data);
	assert_null(d->defs[0].advisory_xml);
	assert_null(d->defs[0].error);
	assert_string_equal(d->defs[0].title, "after");
	oval_defs_free(d);
	ks_buf_free(&b);
}

static void
test_parse_defs__advisory_redhat_file(void **state)
{
	struct oval_defs *d = NULL;
	const struct oval_definition *def;
	int rc;

	(void)state;
	rc = oval_defs_parse(&d, FX_TESTDATA
	    "/vendor-oval/claircore-com.redhat.rhsa-20201980.xml");
	if (rc != 0)
		fprintf(stderr, "%s\n", ks_error_msg());
	assert_int_equal(rc, 0);
	assert_int_equal(d->ndefs, 1);
	def = FX_DEF(d, "oval:com.redhat.rhsa:def:20201980");
	assert_null(def->error);
	assert_int_equal(def->klass, OVAL_CLASS_PATCH);
	assert_int_equal(def->version, 632);
	assert_string_equal(def->title,
	    "RHSA-2020:1980: git security update (Important)");
	assert_string_equal(def->affected_family, "unix");
	assert_int_equal(def->nrefs, 2);
	assert_string_equal(def->refs[1].ref_id, "CVE-2020-11008");
	assert_non_null(def->advisory_xml);
	fx_contains(def->advisory_xml, "<severity>Important</severity>");
	fx_contains(def->advisory_xml, "cvss3=\"7.5/CVSS:3.1/AV:N/AC:L/"
	    "PR:N/UI:N/S:U/C:H/I:N/A:N\"");
	fx_contains(def->advisory_xml, ">CVE-2020-11008</cve>");
	fx_contains(def->advisory_xml, "<cpe>cpe:/a:redhat:enterprise_linux:"
	    "8::appstream</cpe>");
	assert_string_equal(d->schema_version, "5.10.1");
	assert_int_equal(def->criteria->operator, OVAL_OPR_OR);
	oval_defs_free(d);
}

/* ---- files -------------------------------------------------------------- */

static void
test_parse_defs__file_and_missing_file(void **state)
{
	struct oval_defs *d = NULL;
	char *path = fx_write_tmp(def_doc, "defs.xml");

	(void)state;
	assert_int_equal(oval_defs_parse(&d, path), 0);
	assert_string_equal(d->path, path);
	assert_int_equal(d->ndefs, 3);
	oval_defs_free(d);
	fx_unlink(path);
	d = NULL;
	assert_true(oval_defs_parse(&d, "/nonexistent/kensa/defs.xml") < 0);
	assert_null(d);
	assert_true(strlen(ks_error_msg()) > 0);
}

/* The OVAL Test Content for Linux: every file parses, with the counts of
 * the children of definitions, tests, objects, states and variables that
 * xmllint --xpath "count(...)" gives, and no definition is broken by a
 * parse problem. */
static const struct {
	const char	*file;
	uint32_t	 defs, tests, objs, states, vars;
} corpus[] = {
	{ "ind-def_environmentvariable58_test.xml", 1, 3, 3, 3, 0 },
	{ "ind-def_environmentvariable_test.xml", 1, 3, 3, 2, 0 },
	{ "ind-def_family_test.xml", 1, 1, 1, 1, 1 },
	{ "ind-def_filehash58_test.xml", 1, 3, 3, 3, 2 },
	{ "ind-def_filehash_test.xml", 1, 7, 7, 6, 0 },
	{ "ind-def_ldap_test.xml", 1, 6, 6, 6, 0 },
	{ "ind-def_sql_test.xml", 1, 1, 1, 1, 0 },
	{ "ind-def_textfilecontent54_test.xml", 1, 9, 9, 4, 0 },
	{ "ind-def_textfilecontent_test.xml", 1, 6, 6, 2, 0 },
	{ "ind-def_unknown_test.xml", 1, 1, 0, 0, 0 },
	{ "ind-def_variable_test.xml", 1, 1, 1, 1, 2 },
	{ "ind-def_xmlfilecontent_test.xml", 1, 7, 7, 7, 0 },
	{ "linux-def_dpkginfo_test.xml", 1, 3, 3, 3, 0 },
	{ "linux-def_inetlisteningservers_test.xml", 1, 3, 3, 3, 0 },
	{ "linux-def_partition_test.xml", 1, 3, 3, 2, 0 },
	{ "linux-def_rpminfo_test.xml", 1, 2, 2, 3, 0 },
	{ "linux-def_rpmverify_test.xml", 1, 6, 6, 6, 1 },
	{ "linux-def_selinuxboolean_test.xml", 1, 3, 3, 3, 2 },
	{ "linux-def_selinuxsecuritycontext_test.xml", 1, 7, 7, 5, 0 },
	{ "linux-def_slackwarepkginfo_test.xml", 1, 3, 3, 3, 0 },
	{ "oval-def_arithmetic_function.xml", 1, 10, 10, 10, 15 },
	{ "oval-def_begin_function.xml", 1, 4, 4, 1, 4 },
	{ "oval-def_concat_function.xml", 1, 4, 4, 4, 11 },
	{ "oval-def_constant_variable.xml", 1, 2, 2, 2, 2 },
	{ "oval-def_criteria.xml", 9, 2, 1, 2, 1 },
	{ "oval-def_criterion.xml", 1, 2, 2, 1, 2 },
	{ "oval-def_end_function.xml", 1, 4, 4, 1, 4 },
	{ "oval-def_escape_regex_function.xml", 1, 2, 2, 2, 4 },
	{ "oval-def_extend_definition.xml", 4, 1, 1, 1, 1 },
	{ "oval-def_external_variable.xml", 1, 18, 18, 17, 25 },
	{ "oval-def_literal_component.xml", 1, 7, 7, 7, 7 },
	{ "oval-def_local_variable.xml", 1, 2, 2, 2, 3 },
	{ "oval-def_object_component.xml", 1, 4, 10, 2, 8 },
	{ "oval-def_regex_capture_function.xml", 1, 4, 4, 4, 6 },
	{ "oval-def_set.xml", 1, 7, 10, 3, 2 },
	{ "oval-def_split_function.xml", 1, 5, 5, 5, 8 },
	{ "oval-def_substring_function.xml", 1, 5, 5, 5, 7 },
	{ "oval-def_time_difference_function.xml", 1, 30, 31, 30, 31 },
	{ "oval-def_variable_component.xml", 1, 2, 2, 2, 4 },
	{ "oval_binary_datatype.xml", 1, 4, 2, 4, 2 },
	{ "oval_boolean_datatype.xml", 1, 8, 4, 8, 4 },
	{ "oval_check_enumeration_entity.xml", 1, 10, 1, 10, 1 },
	{ "oval_check_enumeration_object_state.xml", 1, 12, 4, 3, 2 },
	{ "oval_check_enumeration_variable_values.xml", 1, 10, 1, 10, 2 },
	{ "oval_evr_string_datatype.xml", 1, 16, 5, 18, 5 },
	{ "oval_existence_enumeration.xml", 1, 12, 5, 0, 2 },
	{ "oval_float_datatype.xml", 1, 16, 3, 16, 3 },
	{ "oval_int_datatype.xml", 1, 20, 5, 20, 5 },
	{ "oval_ipv4address_datatype.xml", 1, 13, 2, 13, 2 },
	{ "oval_ipv6address_datatype.xml", 1, 13, 2, 13, 2 },
	{ "oval_string_datatype.xml", 1, 10, 6, 10, 6 },
	{ "oval_version_datatype.xml", 1, 48, 12, 48, 12 },
	{ "unix-def_file_test.xml", 1, 10, 10, 10, 0 },
	{ "unix-def_inetd_test.xml", 1, 3, 3, 3, 0 },
	{ "unix-def_interface_test.xml", 1, 6, 6, 3, 2 },
	{ "unix-def_password_test.xml", 1, 6, 6, 2, 2 },
	{ "unix-def_process58_test.xml", 1, 5, 5, 5, 0 },
	{ "unix-def_process_test.xml", 1, 3, 3, 3, 0 },
	{ "unix-def_runlevel_test.xml", 1, 5, 5, 5, 0 },
	{ "unix-def_shadow_test.xml", 1, 3, 3, 2, 0 },
	{ "unix-def_uname_test.xml", 1, 1, 1, 1, 0 },
	{ "unix-def_xinetd_test.xml", 1, 3, 3, 3, 0 },
};

static void
test_parse_defs__oval_test_content_linux(void **state)
{
	const char *dir = FX_TESTDATA "/oval-test-content/linux";
	size_t i, nxml = 0;
	struct dirent *e;
	DIR *dh;

	(void)state;
	for (i = 0; i < sizeof(corpus) / sizeof(corpus[0]); i++) {
		struct oval_defs *d = NULL;
		char *path = ks_asprintf("%s/%s", dir, corpus[i].file);
		uint32_t j;
		int rc = oval_defs_parse(&d, path);

		if (rc != 0)
			fprintf(stderr, "%s: %s\n", path, ks_error_msg());
		assert_int_equal(rc, 0);
		if (d->ndefs != corpus[i].defs ||
		    d->ntests != corpus[i].tests ||
		    d->nobjects != corpus[i].objs ||
		    d->nstates != corpus[i].states ||
		    d->nvars != corpus[i].vars)
			fprintf(stderr, "%s: %u %u %u %u %u\n", path,
			    d->ndefs, d->ntests, d->nobjects, d->nstates,
			    d->nvars);
		assert_int_equal(d->ndefs, corpus[i].defs);
		assert_int_equal(d->ntests, corpus[i].tests);
		assert_int_equal(d->nobjects, corpus[i].objs);
		assert_int_equal(d->nstates, corpus[i].states);
		assert_int_equal(d->nvars, corpus[i].vars);
		for (j = 0; j < d->ndefs; j++) {
			if (d->defs[j].error)
				fprintf(stderr, "%s\n", d->defs[j].error);
			assert_null(d->defs[j].error);
			assert_non_null(d->defs[j].criteria);
		}
		assert_non_null(d->schema_version);
		oval_defs_free(d);
		free(path);
	}
	/* ... and the table lists every file of the directory. */
	dh = opendir(dir);
	assert_non_null(dh);
	while ((e = readdir(dh)) != NULL) {
		size_t n = strlen(e->d_name);

		if (n > 4 && strcmp(e->d_name + n - 4, ".xml") == 0)
			nxml++;
	}
	closedir(dh);
	assert_int_equal(nxml, sizeof(corpus) / sizeof(corpus[0]));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_defs__empty_document),
		cmocka_unit_test(test_parse_defs__not_oval_root),
		cmocka_unit_test(test_parse_defs__malformed_xml),
		cmocka_unit_test(test_parse_defs__malformed_after_root),
		cmocka_unit_test(test_parse_defs__too_deep_fails_cleanly),
		cmocka_unit_test(test_parse_defs__schema_versions),
		cmocka_unit_test(test_parse_defs__definition_metadata),
		cmocka_unit_test(test_parse_defs__criteria_tree),
		cmocka_unit_test(test_parse_defs__huge_elements),
		cmocka_unit_test(test_parse_defs__find),
		cmocka_unit_test(
		    test_parse_defs__bad_attributes_are_definition_errors),
		cmocka_unit_test(test_parse_defs__duplicate_ids_keep_first),
		cmocka_unit_test(test_parse_defs__dangling_references),
		cmocka_unit_test(test_parse_defs__reference_cycles_parse),
		cmocka_unit_test(test_parse_defs__advisory_inline),
		cmocka_unit_test(test_parse_defs__advisory_escaping_and_cap),
		cmocka_unit_test(test_parse_defs__advisory_redhat_file),
		cmocka_unit_test(test_parse_defs__file_and_missing_file),
		cmocka_unit_test(test_parse_defs__oval_test_content_linux),
	};

	int rc;

	ks_log_set_level(KS_LOG_ERROR);	/* duplicate-id warnings */
	/* As small documents are parsed (one thread), then as big ones are
	 * (libxml2 on this thread, the model on another: oval/parse_sax.c):
	 * the same models, the same errors. */
	setenv("KENSA_PARSE_PIPELINE", "never", 1);
	rc = cmocka_run_group_tests_name("one thread", tests, NULL, NULL);
	setenv("KENSA_PARSE_PIPELINE", "always", 1);
	rc |= cmocka_run_group_tests_name("two threads", tests, NULL, NULL);
	return rc;
}
