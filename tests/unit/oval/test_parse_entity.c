/*
 * Tests of oval/parse_entity.c: tests, objects and states with the defaults
 * of every attribute the OVAL 5.11 schema gives, entity values kept
 * literally, record fields, behaviors, sets (nested, with filters), object
 * filters, variable_object, and the problems that make definitions error.
 */
#include "test_parse_fixture.h"

static const char doc[] = FX_DOC(
	"<definitions>\n"
	"<definition id=\"oval:t:def:1\" version=\"1\" class=\"compliance\">"
	"<criteria><criterion test_ref=\"oval:t:tst:1\"/>"
	"<criterion test_ref=\"oval:t:tst:2\"/></criteria></definition>\n"
	"</definitions>\n"
	"<tests>\n"
	"<linux:dpkginfo_test id=\"oval:t:tst:1\" version=\"3\" check=\"all\""
	" comment=\"c1\">\n"
	"  <linux:object object_ref=\"oval:t:obj:1\"/>\n"
	"</linux:dpkginfo_test>\n"
	"<ind:textfilecontent54_test id=\"oval:t:tst:2\" version=\"1\" "
	"check=\"at least one\" check_existence=\"none_exist\" "
	"state_operator=\"OR\" deprecated=\"true\">"
	"<oval-def:notes><oval-def:note>n</oval-def:note></oval-def:notes>"
	"<ind:object object_ref=\"oval:t:obj:2\"/>"
	"<ind:state state_ref=\"oval:t:ste:1\"/>"
	"<ind:state state_ref=\"oval:t:ste:2\"/></ind:textfilecontent54_test>\n"
	"<ind:unknown_test id=\"oval:t:tst:3\" version=\"1\" check=\"all\"/>\n"
	"</tests>\n"
	"<objects>\n"
	"<linux:dpkginfo_object id=\"oval:t:obj:1\" version=\"2\" "
	"comment=\"pkg\">\n"
	"  <linux:name>  openssl \n</linux:name>\n"
	"</linux:dpkginfo_object>\n"
	"<ind:textfilecontent54_object id=\"oval:t:obj:2\" version=\"1\">"
	"<ind:behaviors multiline=\"false\" singleline=\"true\"/>"
	"<ind:filepath operation=\"pattern match\" datatype=\"string\" "
	"mask=\"true\">^/etc/.*$</ind:filepath>"
	"<ind:pattern operation=\"pattern match\">a &amp; b&lt;c<![CDATA[<&>]]>"
	"</ind:pattern>"
	"<ind:instance datatype=\"int\" var_ref=\"oval:t:var:1\" "
	"var_check=\"only one\">ignored</ind:instance>"
	"<filter action=\"include\" xmlns=\"" FX_NS_DEF "\">oval:t:ste:1"
	"</filter>"
	"<oval-def:filter> oval:t:ste:2 </oval-def:filter>"
	"</ind:textfilecontent54_object>\n"
	"<unix:file_object id=\"oval:t:obj:3\" version=\"1\">"
	"<unix:path/><unix:filename xsi:nil=\"true\"/>"
	"</unix:file_object>\n"
	"<win:wmi57_object id=\"oval:t:obj:4\" version=\"1\">"
	"<win:namespace>root\\cimv2</win:namespace>"
	"<win:wql>select a, b from c</win:wql></win:wmi57_object>\n"
	"</objects>\n"
	"<states>\n"
	"<ind:textfilecontent54_state id=\"oval:t:ste:1\" version=\"1\">"
	"<ind:text/></ind:textfilecontent54_state>\n"
	"<ind:textfilecontent54_state id=\"oval:t:ste:2\" version=\"4\" "
	"operator=\"XOR\" comment=\"s2\">"
	"<ind:subexpression operation=\"greater than\" datatype=\"version\" "
	"entity_check=\"none satisfy\">1.2</ind:subexpression>"
	"<ind:text> </ind:text></ind:textfilecontent54_state>\n"
	"<win:wmi57_state id=\"oval:t:ste:3\" version=\"1\">"
	"<win:result datatype=\"record\" entity_check=\"at least one\">"
	"<win:field name=\"a\">x</win:field>"
	"<win:field name=\"b\" datatype=\"int\" operation=\"less than\">5"
	"</win:field>"
	"<win:field name=\"c\" var_ref=\"oval:t:var:1\"/>"
	"<win:field name=\"d\" xsi:nil=\"true\" mask=\"true\"/>"
	"</win:result></win:wmi57_state>\n"
	"</states>\n"
	"<variables><constant_variable id=\"oval:t:var:1\" version=\"1\" "
	"datatype=\"int\" comment=\"v\"><value>1</value></constant_variable>"
	"</variables>\n");

static void
test_parse_entity__test_defaults(void **state)
{
	struct oval_defs *d = fx_parse_ok(doc);
	const struct oval_test *t;

	(void)state;
	assert_int_equal(d->ntests, 3);
	t = FX_TEST(d, "oval:t:tst:1");
	assert_string_equal(t->ns, "linux");
	assert_string_equal(t->type, "dpkginfo_test");
	assert_string_equal(t->comment, "c1");
	assert_int_equal(t->version, 3);
	assert_int_equal(t->line, 15);
	assert_false(t->deprecated);
	assert_int_equal(t->check, OVAL_CHECK_ALL);
	/* TestType: check_existence defaults to at_least_one_exists,
	 * state_operator to AND. */
	assert_int_equal(t->check_existence, OVAL_EX_AT_LEAST_ONE_EXISTS);
	assert_int_equal(t->state_operator, OVAL_OPR_AND);
	assert_int_equal(t->object, fx_find(d->obj_ids, "oval:t:obj:1"));
	assert_int_equal(t->nstates, 0);
	assert_null(t->states);

	t = FX_TEST(d, "oval:t:tst:2");
	assert_string_equal(t->ns, "independent");
	assert_null(t->comment);
	assert_true(t->deprecated);
	assert_int_equal(t->check, OVAL_CHECK_AT_LEAST_ONE);
	assert_int_equal(t->check_existence, OVAL_EX_NONE_EXIST);
	assert_int_equal(t->state_operator, OVAL_OPR_OR);
	assert_int_equal(t->object, fx_find(d->obj_ids, "oval:t:obj:2"));
	assert_int_equal(t->nstates, 2);
	assert_int_equal(t->states[0], fx_find(d->state_ids, "oval:t:ste:1"));
	assert_int_equal(t->states[1], fx_find(d->state_ids, "oval:t:ste:2"));

	/* unknown_test has no object: not a problem. */
	t = FX_TEST(d, "oval:t:tst:3");
	assert_int_equal(t->object, OVAL_NONE);
	assert_null(d->defs[0].error);
	oval_defs_free(d);
}

static void
test_parse_entity__object_entities(void **state)
{
	struct oval_defs *d = fx_parse_ok(doc);
	const struct oval_object *o;
	const struct oval_entity *e;

	(void)state;
	assert_int_equal(d->nobjects, 4);
	o = FX_OBJ(d, "oval:t:obj:1");
	assert_string_equal(o->ns, "linux");
	assert_string_equal(o->type, "dpkginfo_object");
	assert_string_equal(o->comment, "pkg");
	assert_int_equal(o->version, 2);
	assert_int_equal(o->nents, 1);
	assert_null(o->set);
	assert_int_equal(o->nbehaviors, 0);
	assert_int_equal(o->nfilters, 0);
	assert_int_equal(o->var_ref_var, OVAL_NONE);
	e = &o->ents[0];
	assert_string_equal(e->name, "name");
	/* OVAL values are literal: white space is kept as written. */
	assert_string_equal(e->value, "  openssl \n");
	/* EntityAttributeGroup defaults. */
	assert_int_equal(e->dt, OVAL_DT_STRING);
	assert_int_equal(e->op, OVAL_OP_EQUALS);
	assert_int_equal(e->var_check, OVAL_CHECK_ALL);
	assert_false(e->has_var_check);
	assert_int_equal(e->entity_check, OVAL_CHECK_ALL);
	assert_int_equal(e->var, OVAL_NONE);
	assert_false(e->nil);
	assert_false(e->mask);
	assert_int_equal(e->nfields, 0);

	o = FX_OBJ(d, "oval:t:obj:2");
	assert_string_equal(o->ns, "independent");
	assert_int_equal(o->nbehaviors, 2);
	assert_string_equal(o->behaviors[0].name, "multiline");
	assert_string_equal(o->behaviors[0].value, "false");
	assert_string_equal(o->behaviors[1].name, "singleline");
	assert_string_equal(o->behaviors[1].value, "true");
	assert_int_equal(o->nents, 3);	/* in document order */
	e = &o->ents[0];
	assert_string_equal(e->name, "filepath");
	assert_int_equal(e->op, OVAL_OP_PATTERN_MATCH);
	assert_true(e->mask);
	assert_string_equal(e->value, "^/etc/.*$");
	e = &o->ents[1];
	assert_string_equal(e->name, "pattern");
	assert_string_equal(e->value, "a & b<c<&>");
	e = &o->ents[2];
	assert_string_equal(e->name, "instance");
	assert_int_equal(e->dt, OVAL_DT_INT);
	assert_int_equal(e->var, fx_find(d->var_ids, "oval:t:var:1"));
	assert_null(e->value);	/* a var_ref entity has no value */
	assert_true(e->has_var_check);
	assert_int_equal(e->var_check, OVAL_CHECK_ONLY_ONE);
	/* Filters: action defaults to exclude; ids are trimmed. */
	assert_int_equal(o->nfilters, 2);
	assert_false(o->filters[0].exclude);
	assert_int_equal(o->filters[0].state,
	    fx_find(d->state_ids, "oval:t:ste:1"));
	assert_true(o->filters[1].exclude);
	assert_int_equal(o->filters[1].state,
	    fx_find(d->state_ids, "oval:t:ste:2"));

	o = FX_OBJ(d, "oval:t:obj:3");
	assert_string_equal(o->ns, "unix");
	assert_int_equal(o->nents, 2);
	assert_string_equal(o->ents[0].name, "path");
	assert_string_equal(o->ents[0].value, "");	/* empty, not nil */
	assert_false(o->ents[0].nil);
	assert_string_equal(o->ents[1].name, "filename");
	assert_true(o->ents[1].nil);
	assert_null(o->ents[1].value);

	o = FX_OBJ(d, "oval:t:obj:4");
	assert_string_equal(o->ns, "windows");
	assert_string_equal(o->ents[0].value, "root\\cimv2");
	oval_defs_free(d);
}

static void
test_parse_entity__states_and_records(void **state)
{
	struct oval_defs *d = fx_parse_ok(doc);
	const struct oval_state *s;
	const struct oval_entity *e;

	(void)state;
	assert_int_equal(d->nstates, 3);
	s = FX_STATE(d, "oval:t:ste:1");
	assert_string_equal(s->type, "textfilecontent54_state");
	assert_int_equal(s->operator, OVAL_OPR_AND);	/* default */
	assert_int_equal(s->nents, 1);
	assert_string_equal(s->ents[0].value, "");

	s = FX_STATE(d, "oval:t:ste:2");
	assert_int_equal(s->operator, OVAL_OPR_XOR);
	assert_int_equal(s->version, 4);
	assert_string_equal(s->comment, "s2");
	assert_int_equal(s->nents, 2);
	e = &s->ents[0];
	assert_int_equal(e->op, OVAL_OP_GREATER_THAN);
	assert_int_equal(e->dt, OVAL_DT_VERSION);
	assert_int_equal(e->entity_check, OVAL_CHECK_NONE_SATISFY);
	assert_string_equal(e->value, "1.2");
	assert_string_equal(s->ents[1].value, " ");	/* one blank kept */

	s = FX_STATE(d, "oval:t:ste:3");
	assert_string_equal(s->ns, "windows");
	assert_int_equal(s->nents, 1);
	e = &s->ents[0];
	assert_string_equal(e->name, "result");
	assert_int_equal(e->dt, OVAL_DT_RECORD);
	assert_int_equal(e->entity_check, OVAL_CHECK_AT_LEAST_ONE);
	assert_null(e->value);
	assert_int_equal(e->nfields, 4);
	assert_string_equal(e->fields[0].name, "a");
	assert_string_equal(e->fields[0].value, "x");
	assert_int_equal(e->fields[0].dt, OVAL_DT_STRING);
	assert_int_equal(e->fields[0].op, OVAL_OP_EQUALS);
	assert_string_equal(e->fields[1].name, "b");
	assert_int_equal(e->fields[1].dt, OVAL_DT_INT);
	assert_int_equal(e->fields[1].op, OVAL_OP_LESS_THAN);
	assert_string_equal(e->fields[1].value, "5");
	assert_string_equal(e->fields[2].name, "c");
	assert_int_equal(e->fields[2].var, fx_find(d->var_ids,
	    "oval:t:var:1"));
	assert_null(e->fields[2].value);
	assert_true(e->fields[3].nil);
	assert_true(e->fields[3].mask);
	assert_null(e->fields[3].value);
	oval_defs_free(d);
}

static const char set_doc[] = FX_DOC(
	"<definitions><definition id=\"oval:t:def:1\" version=\"1\" "
	"class=\"compliance\"><criteria><criterion test_ref=\"oval:t:tst:1\"/>"
	"</criteria></definition></definitions>\n"
	"<tests><unix:file_test id=\"oval:t:tst:1\" version=\"1\" "
	"check=\"all\"><unix:object object_ref=\"oval:t:obj:set\"/>"
	"</unix:file_test></tests>\n"
	"<objects>\n"
	"<unix:file_object id=\"oval:t:obj:a\" version=\"1\"><unix:path>/a"
	"</unix:path><unix:filename xsi:nil=\"true\"/></unix:file_object>\n"
	"<unix:file_object id=\"oval:t:obj:b\" version=\"1\"><unix:path>/b"
	"</unix:path><unix:filename xsi:nil=\"true\"/></unix:file_object>\n"
	"<unix:file_object id=\"oval:t:obj:set\" version=\"1\">"
	"<set xmlns=\"" FX_NS_DEF "\" set_operator=\"INTERSECTION\">\n"
	"  <set set_operator=\"COMPLEMENT\">\n"
	"    <object_reference>oval:t:obj:a</object_reference>\n"
	"    <object_reference>\n oval:t:obj:b\n</object_reference>\n"
	"    <filter>oval:t:ste:1</filter>\n"
	"  </set>\n"
	"  <set><object_reference>oval:t:obj:b</object_reference>"
	"<filter action=\"include\">oval:t:ste:1</filter>"
	"<filter action=\"exclude\">oval:t:ste:1</filter></set>\n"
	"</set></unix:file_object>\n"
	"<ind:variable_object id=\"oval:t:obj:var\" version=\"1\">"
	"<ind:var_ref>oval:t:var:1</ind:var_ref></ind:variable_object>\n"
	"</objects>\n"
	"<states><unix:file_state id=\"oval:t:ste:1\" version=\"1\">"
	"<unix:type>regular</unix:type></unix:file_state></states>\n"
	"<variables><constant_variable id=\"oval:t:var:1\" version=\"1\" "
	"datatype=\"string\" comment=\"v\"><value>x</value>"
	"</constant_variable></variables>\n");

static void
test_parse_entity__sets(void **state)
{
	struct oval_defs *d = fx_parse_ok(set_doc);
	uint32_t a = fx_find(d->obj_ids, "oval:t:obj:a");
	uint32_t b = fx_find(d->obj_ids, "oval:t:obj:b");
	uint32_t s1 = fx_find(d->state_ids, "oval:t:ste:1");
	const struct oval_object *o;
	const struct oval_set *s;

	(void)state;
	o = FX_OBJ(d, "oval:t:obj:set");
	assert_int_equal(o->nents, 0);
	s = o->set;
	assert_non_null(s);
	assert_int_equal(s->op, OVAL_SET_INTERSECTION);
	assert_int_equal(s->nobjs, 0);
	assert_int_equal(s->nsets, 2);
	assert_int_equal(s->nfilters, 0);

	assert_int_equal(s->sets[0]->op, OVAL_SET_COMPLEMENT);
	assert_int_equal(s->sets[0]->nobjs, 2);
	assert_int_equal(s->sets[0]->objs[0], a);
	assert_int_equal(s->sets[0]->objs[1], b);	/* trimmed id */
	assert_int_equal(s->sets[0]->nsets, 0);
	assert_int_equal(s->sets[0]->nfilters, 1);
	assert_true(s->sets[0]->filters[0].exclude);
	assert_int_equal(s->sets[0]->filters[0].state, s1);

	/* set_operator defaults to UNION. */
	assert_int_equal(s->sets[1]->op, OVAL_SET_UNION);
	assert_int_equal(s->sets[1]->nobjs, 1);
	assert_int_equal(s->sets[1]->objs[0], b);
	assert_int_equal(s->sets[1]->nfilters, 2);
	assert_false(s->sets[1]->filters[0].exclude);
	assert_true(s->sets[1]->filters[1].exclude);
	assert_null(d->defs[0].error);

	o = FX_OBJ(d, "oval:t:obj:var");
	assert_string_equal(o->type, "variable_object");
	assert_int_equal(o->nents, 0);
	assert_int_equal(o->var_ref_var, fx_find(d->var_ids, "oval:t:var:1"));
	oval_defs_free(d);
}

/* A test, object and state with problems: each reaches its definition. */
static void
test_parse_entity__problems_reach_definitions(void **state)
{
	struct oval_defs *d = fx_parse_ok(FX_DOC(
	    "<definitions>\n"
	    "<definition id=\"oval:t:def:1\" version=\"1\" class=\"patch\">"
	    "<criteria><criterion test_ref=\"oval:t:tst:1\"/></criteria>"
	    "</definition>\n"
	    "<definition id=\"oval:t:def:2\" version=\"1\" class=\"patch\">"
	    "<criteria><criterion test_ref=\"oval:t:tst:2\"/></criteria>"
	    "</definition>\n"
	    "<definition id=\"oval:t:def:3\" version=\"1\" class=\"patch\">"
	    "<criteria><criterion test_ref=\"oval:t:tst:3\"/></criteria>"
	    "</definition>\n"
	    "<definition id=\"oval:t:def:4\" version=\"1\" class=\"patch\">"
	    "<criteria><criterion test_ref=\"oval:t:tst:4\"/></criteria>"
	    "</definition>\n"
	    "<definition id=\"oval:t:def:5\" version=\"1\" class=\"patch\">"
	    "<criteria><criterion test_ref=\"oval:t:tst:5\"/></criteria>"
	    "</definition>\n"
	    "<definition id=\"oval:t:def:6\" version=\"1\" class=\"patch\">"
	    "<criteria><criterion test_ref=\"oval:t:tst:6\"/></criteria>"
	    "</definition>\n"
	    "</definitions>\n"
	    "<tests>\n"
	    /* line 20: no check */
	    "<ind:family_test id=\"oval:t:tst:1\" version=\"1\">"
	    "<ind:object object_ref=\"oval:t:obj:1\"/></ind:family_test>\n"
	    "<ind:family_test id=\"oval:t:tst:2\" version=\"1\" check=\"most\">"
	    "<ind:object object_ref=\"oval:t:obj:1\"/></ind:family_test>\n"
	    "<ind:family_test id=\"oval:t:tst:3\" version=\"1\" check=\"all\">"
	    "<ind:object object_ref=\"oval:t:obj:2\"/></ind:family_test>\n"
	    "<ind:family_test id=\"oval:t:tst:4\" version=\"1\" check=\"all\">"
	    "<ind:object object_ref=\"oval:t:obj:1\"/>"
	    "<ind:state state_ref=\"oval:t:ste:1\"/></ind:family_test>\n"
	    "<ind:family_test id=\"oval:t:tst:5\" version=\"1\" check=\"all\" "
	    "check_existence=\"some_exist\">"
	    "<ind:object object_ref=\"oval:t:obj:1\"/></ind:family_test>\n"
	    "<ind:family_test id=\"oval:t:tst:6\" version=\"1\" check=\"all\">"
	    "<ind:object object_ref=\"oval:t:obj:3\"/></ind:family_test>\n"
	    "</tests>\n"
	    "<objects>\n"
	    "<ind:family_object id=\"oval:t:obj:1\" version=\"1\"/>\n"
	    /* line 29, its entity on 30: */
	    "<ind:textfilecontent54_object id=\"oval:t:obj:2\" version=\"1\">"
	    "\n<ind:filepath datatype=\"strang\">/x</ind:filepath>"
	    "</ind:textfilecontent54_object>\n"
	    "<unix:file_object id=\"oval:t:obj:3\" version=\"1\">"
	    "<set xmlns=\"" FX_NS_DEF "\"><object_reference>oval:t:obj:1"
	    "</object_reference><object_reference>oval:t:obj:1"
	    "</object_reference><object_reference>oval:t:obj:1"
	    "</object_reference></set></unix:file_object>\n"
	    "</objects>\n"
	    "<states>\n"
	    "<ind:family_state id=\"oval:t:ste:1\" version=\"1\">"
	    "<ind:family operation=\"roughly\">unix</ind:family>"
	    "</ind:family_state>\n"
	    "</states>\n"));

	(void)state;
	fx_contains(FX_DEF(d, "oval:t:def:1")->error,
	    "t.xml:20: test oval:t:tst:1: check attribute missing");
	fx_contains(FX_DEF(d, "oval:t:def:2")->error, "unknown check 'most'");
	/* The line of the entity and the id of its object. */
	fx_contains(FX_DEF(d, "oval:t:def:3")->error,
	    "t.xml:30: object oval:t:obj:2: entity filepath: unknown datatype"
	    " 'strang'");
	fx_contains(FX_DEF(d, "oval:t:def:4")->error,
	    "state oval:t:ste:1: entity family: unknown operation 'roughly'");
	fx_contains(FX_DEF(d, "oval:t:def:5")->error,
	    "unknown check_existence 'some_exist'");
	fx_contains(FX_DEF(d, "oval:t:def:6")->error,
	    "set with more than two object_references");
	oval_defs_free(d);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_entity__test_defaults),
		cmocka_unit_test(test_parse_entity__object_entities),
		cmocka_unit_test(test_parse_entity__states_and_records),
		cmocka_unit_test(test_parse_entity__sets),
		cmocka_unit_test(
		    test_parse_entity__problems_reach_definitions),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
