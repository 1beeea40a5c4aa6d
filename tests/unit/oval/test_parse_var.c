/*
 * Tests of oval/parse_var.c: constant, external (possible values and
 * restrictions) and local variables with every component and function of
 * OVAL 5.11.2, nested; defaults; and the problems (bad attributes, wrong
 * argument counts, nesting too deep) that make definitions error.
 */
#include "test_parse_fixture.h"

static const char doc[] = FX_DOC(
	"<objects><ind:family_object id=\"oval:t:obj:1\" version=\"1\"/>"
	"</objects>\n"
	"<variables>\n"
	"<constant_variable id=\"oval:t:var:c\" version=\"2\" datatype=\"int\""
	" comment=\"consts\" deprecated=\"true\"><value>1</value>"
	"<value> 2 </value><value/></constant_variable>\n"
	"<external_variable id=\"oval:t:var:e\" version=\"1\" "
	"datatype=\"string\" comment=\"ext\">"
	"<possible_value hint=\"h1\">a b</possible_value>"
	"<possible_restriction hint=\"h2\" operator=\"OR\">"
	"<restriction operation=\"pattern match\">^x</restriction>"
	"<restriction operation=\"not equal\">y</restriction>"
	"</possible_restriction>"
	"<possible_restriction hint=\"h3\">"
	"<restriction operation=\"equals\">z</restriction>"
	"</possible_restriction></external_variable>\n"
	"<local_variable id=\"oval:t:var:l\" version=\"1\" datatype=\"string\""
	" comment=\"all kinds\">\n"
	"<concat>\n"
	"  <literal_component> lit </literal_component>\n"
	"  <literal_component datatype=\"int\">7</literal_component>\n"
	"  <object_component object_ref=\"oval:t:obj:1\" item_field=\"result\""
	" record_field=\"f\"/>\n"
	"  <variable_component var_ref=\"oval:t:var:c\"/>\n"
	"  <arithmetic arithmetic_operation=\"multiply\">"
	"<literal_component datatype=\"int\">2</literal_component>"
	"<variable_component var_ref=\"oval:t:var:c\"/></arithmetic>\n"
	"  <begin character=\"/\"><literal_component>a</literal_component>"
	"</begin>\n"
	"  <end character=\"/\"><literal_component>a</literal_component>"
	"</end>\n"
	"  <count><variable_component var_ref=\"oval:t:var:c\"/></count>\n"
	"  <escape_regex><literal_component>.*</literal_component>"
	"</escape_regex>\n"
	"  <glob_to_regex glob_noescape=\"true\"><literal_component>*.c"
	"</literal_component></glob_to_regex>\n"
	"  <glob_to_regex><literal_component>x</literal_component>"
	"</glob_to_regex>\n"
	"  <regex_capture pattern=\"^a(b)c$\"><literal_component>abc"
	"</literal_component></regex_capture>\n"
	"  <split delimiter=\",\"><literal_component>a,b</literal_component>"
	"</split>\n"
	"  <substring substring_start=\"2\" substring_length=\"-5\">"
	"<literal_component>abc</literal_component></substring>\n"
	"  <substring substring_start=\"1\" substring_length=\"2\">"
	"<literal_component>abc</literal_component></substring>\n"
	"  <time_difference format_2=\"seconds_since_epoch\">"
	"<literal_component>0</literal_component></time_difference>\n"
	"  <unique><split delimiter=\":\"><unique><literal_component>a:a"
	"</literal_component></unique></split></unique>\n"
	"</concat></local_variable>\n"
	"</variables>\n");

static void
test_parse_var__constant_and_external(void **state)
{
	struct oval_defs *d = fx_parse_ok(doc);
	const struct oval_variable *v;
	const struct oval_possible *p;

	(void)state;
	assert_int_equal(d->nvars, 3);
	v = FX_VAR(d, "oval:t:var:c");
	assert_int_equal(v->kind, OVAL_VAR_CONSTANT);
	assert_int_equal(v->dt, OVAL_DT_INT);
	assert_int_equal(v->version, 2);
	assert_true(v->deprecated);
	assert_string_equal(v->comment, "consts");
	assert_int_equal(v->nvalues, 3);
	assert_string_equal(v->values[0], "1");
	assert_string_equal(v->values[1], " 2 ");	/* literal */
	assert_string_equal(v->values[2], "");
	assert_null(v->comp);

	v = FX_VAR(d, "oval:t:var:e");
	assert_int_equal(v->kind, OVAL_VAR_EXTERNAL);
	assert_int_equal(v->dt, OVAL_DT_STRING);
	assert_int_equal(v->npossibles, 3);
	p = &v->possibles[0];
	assert_false(p->is_restriction);
	assert_string_equal(p->hint, "h1");
	assert_string_equal(p->value, "a b");
	p = &v->possibles[1];
	assert_true(p->is_restriction);
	assert_string_equal(p->hint, "h2");
	assert_int_equal(p->operator, OVAL_OPR_OR);
	assert_int_equal(p->nrestrictions, 2);
	assert_int_equal(p->restrictions[0].op, OVAL_OP_PATTERN_MATCH);
	assert_string_equal(p->restrictions[0].value, "^x");
	assert_int_equal(p->restrictions[1].op, OVAL_OP_NOT_EQUAL);
	assert_string_equal(p->restrictions[1].value, "y");
	/* PossibleRestrictionType: operator defaults to AND. */
	assert_int_equal(v->possibles[2].operator, OVAL_OPR_AND);
	assert_int_equal(v->possibles[2].nrestrictions, 1);
	oval_defs_free(d);
}

static void
test_parse_var__every_component(void **state)
{
	struct oval_defs *d = fx_parse_ok(doc);
	const struct oval_variable *v = FX_VAR(d, "oval:t:var:l");
	uint32_t vc = fx_find(d->var_ids, "oval:t:var:c");
	const struct oval_component *k, *a;

	(void)state;
	assert_int_equal(v->kind, OVAL_VAR_LOCAL);
	k = v->comp;
	assert_non_null(k);
	assert_int_equal(k->kind, OVAL_COMP_CONCAT);
	assert_int_equal(k->nargs, 17);
	a = k->args;

	assert_int_equal(a[0].kind, OVAL_COMP_LITERAL);
	assert_string_equal(a[0].value, " lit ");	/* literal */
	assert_int_equal(a[0].dt, OVAL_DT_STRING);	/* default */
	assert_int_equal(a[1].dt, OVAL_DT_INT);
	assert_string_equal(a[1].value, "7");

	assert_int_equal(a[2].kind, OVAL_COMP_OBJECT);
	assert_int_equal(a[2].ref, fx_find(d->obj_ids, "oval:t:obj:1"));
	assert_string_equal(a[2].item_field, "result");
	assert_string_equal(a[2].record_field, "f");

	assert_int_equal(a[3].kind, OVAL_COMP_VARIABLE);
	assert_int_equal(a[3].ref, vc);

	assert_int_equal(a[4].kind, OVAL_COMP_ARITHMETIC);
	assert_string_equal(a[4].arith_op, "multiply");
	assert_int_equal(a[4].nargs, 2);
	assert_int_equal(a[4].args[1].ref, vc);

	assert_int_equal(a[5].kind, OVAL_COMP_BEGIN);
	assert_string_equal(a[5].character, "/");
	assert_int_equal(a[5].nargs, 1);
	assert_int_equal(a[6].kind, OVAL_COMP_END);
	assert_string_equal(a[6].character, "/");
	assert_int_equal(a[7].kind, OVAL_COMP_COUNT);
	assert_int_equal(a[8].kind, OVAL_COMP_ESCAPE_REGEX);
	assert_string_equal(a[8].args[0].value, ".*");

	assert_int_equal(a[9].kind, OVAL_COMP_GLOB_TO_REGEX);
	assert_true(a[9].glob_noescape);
	assert_false(a[10].glob_noescape);	/* default false */

	assert_int_equal(a[11].kind, OVAL_COMP_REGEX_CAPTURE);
	assert_string_equal(a[11].pattern, "^a(b)c$");
	assert_int_equal(a[12].kind, OVAL_COMP_SPLIT);
	assert_string_equal(a[12].delimiter, ",");

	/* SubstringFunctionType: a negative length means to the end. */
	assert_int_equal(a[13].kind, OVAL_COMP_SUBSTRING);
	assert_int_equal(a[13].substring_start, 2);
	assert_int_equal(a[13].substring_length, -1);
	assert_int_equal(a[14].substring_start, 1);
	assert_int_equal(a[14].substring_length, 2);

	/* TimeDifferenceFunctionType: format_1 defaults to
	 * year_month_day. */
	assert_int_equal(a[15].kind, OVAL_COMP_TIME_DIFFERENCE);
	assert_string_equal(a[15].format_1, "year_month_day");
	assert_string_equal(a[15].format_2, "seconds_since_epoch");
	assert_int_equal(a[15].nargs, 1);

	assert_int_equal(a[16].kind, OVAL_COMP_UNIQUE);
	k = &a[16];
	assert_int_equal(k->nargs, 1);
	assert_int_equal(k->args[0].kind, OVAL_COMP_SPLIT);
	assert_string_equal(k->args[0].delimiter, ":");
	assert_int_equal(k->args[0].args[0].kind, OVAL_COMP_UNIQUE);
	assert_string_equal(k->args[0].args[0].args[0].value, "a:a");
	assert_null(d->defs);	/* no definitions in this document */
	oval_defs_free(d);
}

/* Every problem of a variable reaches the definitions that use it. */
static void
test_parse_var__problems(void **state)
{
	struct ks_buf b;
	struct oval_defs *d;
	static const struct {
		const char *var;	/* inside <variables> */
		const char *msg;
	} cases[] = {
		{ "<constant_variable id=\"oval:t:var:1\" version=\"1\" "
		  "comment=\"c\"><value>1</value></constant_variable>",
		  "variable oval:t:var:1: missing datatype" },
		{ "<constant_variable id=\"oval:t:var:1\" version=\"1\" "
		  "datatype=\"record\" comment=\"c\"><value>1</value>"
		  "</constant_variable>", "unknown datatype 'record'" },
		{ "<constant_variable id=\"oval:t:var:1\" version=\"1\" "
		  "datatype=\"string\" comment=\"c\"/>",
		  "constant_variable without a value" },
		{ "<local_variable id=\"oval:t:var:1\" version=\"1\" "
		  "datatype=\"string\" comment=\"c\"/>",
		  "local_variable without a component" },
		{ "<local_variable id=\"oval:t:var:1\" version=\"1\" "
		  "datatype=\"string\" comment=\"c\"><frobnicate/>"
		  "</local_variable>", "unknown component 'frobnicate'" },
		{ "<local_variable id=\"oval:t:var:1\" version=\"1\" "
		  "datatype=\"int\" comment=\"c\"><arithmetic "
		  "arithmetic_operation=\"divide\"><literal_component>1"
		  "</literal_component></arithmetic></local_variable>",
		  "unknown arithmetic_operation 'divide'" },
		{ "<local_variable id=\"oval:t:var:1\" version=\"1\" "
		  "datatype=\"string\" comment=\"c\"><begin character=\"a\">"
		  "<literal_component>1</literal_component><literal_component>"
		  "2</literal_component></begin></local_variable>",
		  "begin with 2 arguments" },
		{ "<local_variable id=\"oval:t:var:1\" version=\"1\" "
		  "datatype=\"string\" comment=\"c\"><concat/>"
		  "</local_variable>",
		  "concat with 0 arguments" },
		{ "<local_variable id=\"oval:t:var:1\" version=\"1\" "
		  "datatype=\"string\" comment=\"c\"><split>"
		  "<literal_component>1</literal_component></split>"
		  "</local_variable>", "split without delimiter" },
		{ "<local_variable id=\"oval:t:var:1\" version=\"1\" "
		  "datatype=\"string\" comment=\"c\"><substring "
		  "substring_start=\"x\" substring_length=\"1\">"
		  "<literal_component>1</literal_component></substring>"
		  "</local_variable>", "bad or missing substring_start" },
		{ "<local_variable id=\"oval:t:var:1\" version=\"1\" "
		  "datatype=\"string\" comment=\"c\"><substring "
		  "substring_start=\"1\"><literal_component>1"
		  "</literal_component></substring></local_variable>",
		  "substring without substring_length" },
		{ "<local_variable id=\"oval:t:var:1\" version=\"1\" "
		  "datatype=\"int\" comment=\"c\"><time_difference "
		  "format_1=\"julian\"><literal_component>1"
		  "</literal_component></time_difference></local_variable>",
		  "unknown format_1 'julian'" },
		{ "<local_variable id=\"oval:t:var:1\" version=\"1\" "
		  "datatype=\"string\" comment=\"c\"><object_component "
		  "object_ref=\"oval:t:obj:1\"/></local_variable>",
		  "object_component without item_field" },
		{ "<local_variable id=\"oval:t:var:1\" version=\"1\" "
		  "datatype=\"string\" comment=\"c\"><literal_component "
		  "datatype=\"text\">1</literal_component></local_variable>",
		  "literal_component: unknown datatype 'text'" },
		{ "<external_variable id=\"oval:t:var:1\" version=\"1\" "
		  "datatype=\"string\" comment=\"c\"><possible_restriction>"
		  "<restriction operation=\"like\">x</restriction>"
		  "</possible_restriction></external_variable>",
		  "restriction: unknown operation 'like'" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		ks_buf_init(&b, 0);
		assert_int_equal(ks_buf_printf(&b, "%s%s%s%s%s", FX_HEAD,
		    "<definitions><definition id=\"oval:t:def:1\" version=\"1\""
		    " class=\"patch\"><criteria><criterion test_ref=\"oval:t:"
		    "tst:1\"/></criteria></definition></definitions><tests>"
		    "<ind:textfilecontent54_test id=\"oval:t:tst:1\" "
		    "version=\"1\" check=\"all\"><ind:object object_ref=\""
		    "oval:t:obj:2\"/></ind:textfilecontent54_test></tests>"
		    "<objects><ind:family_object id=\"oval:t:obj:1\" "
		    "version=\"1\"/><ind:textfilecontent54_object "
		    "id=\"oval:t:obj:2\" version=\"1\"><ind:filepath "
		    "var_ref=\"oval:t:var:1\"/></ind:textfilecontent54_object>"
		    "</objects><variables>", cases[i].var, "</variables>",
		    FX_TAIL), 0);
		d = fx_parse_ok(b.data);
		fx_contains(d->defs[0].error, cases[i].msg);
		oval_defs_free(d);
		ks_buf_free(&b);
	}
}

/* Components nested past OVAL_P_MAX_COMP_DEPTH (64) are a problem of the
 * variable, not a crash; 60 levels are fine. */
static void
test_parse_var__deep_nesting(void **state)
{
	struct oval_defs *d;
	struct ks_buf b;
	int levels[] = { 60, 100 }, i, j;

	(void)state;
	for (j = 0; j < 2; j++) {
		const struct oval_component *k;

		ks_buf_init(&b, 0);
		assert_int_equal(ks_buf_puts(&b, FX_HEAD
		    "<definitions><definition id=\"oval:t:def:1\" "
		    "version=\"1\" class=\"patch\"><criteria><criterion "
		    "test_ref=\"oval:t:tst:1\"/></criteria></definition>"
		    "</definitions><tests><ind:variable_test "
		    "id=\"oval:t:tst:1\""
		    " version=\"1\" check=\"all\"><ind:object object_ref=\""
		    "oval:t:obj:1\"/></ind:variable_test></tests><objects>"
		    "<ind:variable_object id=\"oval:t:obj:1\" version=\"1\">"
		    "<ind:var_ref>oval:t:var:1</ind:var_ref>"
		    "</ind:variable_object></objects><variables>"
		    "<local_variable id=\"oval:t:var:1\" version=\"1\" "
		    "datatype=\"string\" comment=\"c\">"), 0);
		for (i = 0; i < levels[j]; i++)
			assert_int_equal(ks_buf_puts(&b, "<unique>"), 0);
		assert_int_equal(ks_buf_puts(&b,
		    "<literal_component>x</literal_component>"), 0);
		for (i = 0; i < levels[j]; i++)
			assert_int_equal(ks_buf_puts(&b, "</unique>"), 0);
		assert_int_equal(ks_buf_puts(&b, "</local_variable>"
		    "</variables>" FX_TAIL), 0);
		d = fx_parse_ok(b.data);
		if (j == 0) {
			assert_null(d->defs[0].error);
			for (i = 0, k = d->vars[0].comp; i < levels[j]; i++) {
				assert_int_equal(k->kind, OVAL_COMP_UNIQUE);
				assert_int_equal(k->nargs, 1);
				k = &k->args[0];
			}
			assert_int_equal(k->kind, OVAL_COMP_LITERAL);
			assert_string_equal(k->value, "x");
		} else {
			fx_contains(d->defs[0].error,
			    "components nested deeper than 64");
		}
		oval_defs_free(d);
		ks_buf_free(&b);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_var__constant_and_external),
		cmocka_unit_test(test_parse_var__every_component),
		cmocka_unit_test(test_parse_var__problems),
		cmocka_unit_test(test_parse_var__deep_nesting),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
