/*
 * Unit tests of oval/eval_var.c: constant, external and local variables,
 * every component and function (with their error cases), cycles, and
 * entity matching against variable values. The model is built by hand.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "oval/eval_int.h"

/* ---- fixture ------------------------------------------------------------ */
struct fx {
	struct oval_defs	 d;
	struct oval_variable	 vars[16];
	struct oval_object	 objs[8];
	struct oval_session	*s;
};

static struct fx *
fx_new(void)
{
	struct fx *f = ks_calloc(1, sizeof(*f));

	f->d.vars = f->vars;
	f->d.objects = f->objs;
	f->d.path = (char *)"test.xml";
	for (int i = 0; i < 8; i++) {
		f->objs[i].id = "oval:t:obj:?";
		f->objs[i].ns = "test";
		f->objs[i].type = "nothing_object";
		f->objs[i].var_ref_var = OVAL_NONE;
	}
	return f;
}

static void
fx_start(struct fx *f, uint32_t nvars, uint32_t nobjs)
{
	f->d.nvars = nvars;
	f->d.nobjects = nobjs;
	assert_int_equal(oval_session_new(&f->s, &f->d, NULL, NULL), 0);
}

static void
fx_free(struct fx *f)
{
	oval_session_free(f->s);
	free(f);
}

static void
var_local(struct fx *f, uint32_t i, const char *id, enum oval_datatype dt,
    struct oval_component *c)
{
	f->vars[i].id = id;
	f->vars[i].kind = OVAL_VAR_LOCAL;
	f->vars[i].dt = dt;
	f->vars[i].comp = c;
}

static void
var_const(struct fx *f, uint32_t i, const char *id, enum oval_datatype dt,
    const char **vals, uint32_t n)
{
	f->vars[i].id = id;
	f->vars[i].kind = OVAL_VAR_CONSTANT;
	f->vars[i].dt = dt;
	f->vars[i].values = vals;
	f->vars[i].nvalues = n;
}

static struct oval_component
lit(const char *v)
{
	struct oval_component c = { .kind = OVAL_COMP_LITERAL, .value = v,
	    .dt = OVAL_DT_STRING };

	return c;
}

static struct oval_component
varc(uint32_t ref)
{
	struct oval_component c = { .kind = OVAL_COMP_VARIABLE, .ref = ref };

	return c;
}

/* An item with entities name=value (exists), added to the syschar. */
static uint32_t
add_item(struct oval_session *s, uint32_t n, const char **names,
    const char **values)
{
	struct oval_item it = { 0 };

	it.ns = "test";
	it.type = "thing_item";
	it.status = OVAL_ST_EXISTS;
	it.ents = ks_calloc(n + 1, sizeof(*it.ents));
	it.nents = n;
	for (uint32_t i = 0; i < n; i++) {
		it.ents[i].name = oval_intern(s, names[i]);
		it.ents[i].value = oval_intern(s, values[i]);
		it.ents[i].dt = OVAL_DT_STRING;
		it.ents[i].status = OVAL_ST_EXISTS;
	}
	return oval_sc_add_item(s, &it);
}

static void
set_collected(struct oval_session *s, uint32_t obj, enum oval_flag flag,
    const uint32_t *items, uint32_t n)
{
	struct oval_collected *c = &s->sc.objs[obj];

	c->done = true;
	c->flag = flag;
	c->items = ks_calloc(n + 1, sizeof(*c->items));
	if (n > 0)
		memcpy(c->items, items, n * sizeof(*items));
	c->nitems = n;
	s->obj_state[obj] = 2;
}

/* Asserts a complete value list equal to the NULL-terminated want. */
static void
want_values(const struct oval_values *v, ...)
{
	va_list ap;
	const char *w;
	uint32_t i = 0;

	if (v->flag != OVAL_FLAG_COMPLETE)
		fail_msg("flag %s: %s", oval_flag_name(v->flag),
		    v->msg != NULL ? v->msg : "");
	va_start(ap, v);
	while ((w = va_arg(ap, const char *)) != NULL) {
		if (i >= v->n)
			fail_msg("only %u values, wanted '%s'", v->n, w);
		assert_string_equal(v->v[i], w);
		i++;
	}
	va_end(ap);
	assert_int_equal(v->n, i);
}

/* One local variable with one function over the given arguments. */
static const struct oval_values *
eval_fn(struct fx *f, struct oval_component *fn, enum oval_datatype dt)
{
	uint32_t n = 1;

	var_local(f, 0, "oval:t:var:1", dt, fn);
	while (n < 16 && f->vars[n].id != NULL)
		n++;
	fx_start(f, n, 0);
	return oval_var_eval(f->s, 0);
}

/* ---- constant and external ------------------------------------------- */
static void
test_eval_var__constant(void **state)
{
	struct fx *f = fx_new();
	const char *vals[] = { "1", "2", "3" };
	const struct oval_values *v;

	(void)state;
	var_const(f, 0, "oval:t:var:1", OVAL_DT_INT, vals, 3);
	fx_start(f, 1, 0);
	v = oval_var_eval(f->s, 0);
	want_values(v, "1", "2", "3", NULL);
	assert_int_equal(v->dt, OVAL_DT_INT);
	/* memoised: the same values */
	assert_ptr_equal(oval_var_eval(f->s, 0), v);
	fx_free(f);
}

/* VariableType: "The set of values identified by a variable must comply
 * with the specified datatype, otherwise an error should be reported." */
static void
test_eval_var__constant_bad_datatype(void **state)
{
	struct fx *f = fx_new();
	const char *vals[] = { "12", "abc" };
	const struct oval_values *v;

	(void)state;
	var_const(f, 0, "oval:t:var:1", OVAL_DT_INT, vals, 2);
	fx_start(f, 1, 0);
	v = oval_var_eval(f->s, 0);
	assert_int_equal(v->flag, OVAL_FLAG_ERROR);
	assert_non_null(strstr(v->msg, "abc"));
	fx_free(f);
}

static struct oval_values *
ext_values(const char **vals, uint32_t n)
{
	struct oval_values *ev = ks_calloc(1, sizeof(*ev));

	ev->dt = OVAL_DT_STRING;
	ev->flag = OVAL_FLAG_COMPLETE;
	ev->v = ks_calloc(n + 1, sizeof(*ev->v));
	for (uint32_t i = 0; i < n; i++)
		ev->v[i] = vals[i];
	ev->n = n;
	return ev;
}

static void
test_eval_var__external(void **state)
{
	struct fx *f = fx_new();
	const char *vals[] = { "5", "7" };
	struct oval_restriction rs[2] = {
		{ OVAL_OP_GREATER_THAN_OR_EQUAL, "1" },
		{ OVAL_OP_LESS_THAN, "10" },
	};
	struct oval_possible poss[2] = {
		{ .is_restriction = false, .hint = "x", .value = "20" },
		{ .is_restriction = true, .hint = "1..9",
		  .operator = OVAL_OPR_AND, .restrictions = rs,
		  .nrestrictions = 2 },
	};
	const struct oval_values *v;

	(void)state;
	f->vars[0] = (struct oval_variable){ .id = "oval:t:var:1",
	    .kind = OVAL_VAR_EXTERNAL, .dt = OVAL_DT_INT };
	f->vars[1] = (struct oval_variable){ .id = "oval:t:var:2",
	    .kind = OVAL_VAR_EXTERNAL, .dt = OVAL_DT_INT,
	    .possibles = poss, .npossibles = 2 };
	f->vars[2] = (struct oval_variable){ .id = "oval:t:var:3",
	    .kind = OVAL_VAR_EXTERNAL, .dt = OVAL_DT_INT,
	    .possibles = poss, .npossibles = 1 };
	fx_start(f, 3, 0);
	/* no --variables: error naming the variable and the option */
	v = oval_var_eval(f->s, 0);
	assert_int_equal(v->flag, OVAL_FLAG_ERROR);
	assert_string_equal(v->msg, "external variable oval:t:var:1 has no "
	    "value (use --variables)");
	assert_int_equal(ks_map_new(&f->s->ext_vars), 0);
	ks_map_put(f->s->ext_vars, "oval:t:var:2", ext_values(vals, 2));
	ks_map_put(f->s->ext_vars, "oval:t:var:3", ext_values(vals, 2));
	/* 5 and 7 satisfy the restriction 1 <= x < 10 */
	want_values(oval_var_eval(f->s, 1), "5", "7", NULL);
	/* "the value assigned by an external source must match one of the
	 * possible_value or possible_restriction elements": only 20 allowed */
	v = oval_var_eval(f->s, 2);
	assert_int_equal(v->flag, OVAL_FLAG_ERROR);
	assert_non_null(strstr(v->msg, "'5'"));
	fx_free(f);
}

/* ---- components ---------------------------------------------------------- */
static void
test_eval_var__literal_and_variable_component(void **state)
{
	struct fx *f = fx_new();
	const char *vals[] = { "a", "b" };
	struct oval_component c0 = lit("hello"), c1 = varc(2);

	(void)state;
	var_local(f, 0, "oval:t:var:1", OVAL_DT_STRING, &c0);
	var_local(f, 1, "oval:t:var:2", OVAL_DT_STRING, &c1);
	var_const(f, 2, "oval:t:var:3", OVAL_DT_STRING, vals, 2);
	fx_start(f, 3, 0);
	want_values(oval_var_eval(f->s, 0), "hello", NULL);
	want_values(oval_var_eval(f->s, 1), "a", "b", NULL);
	fx_free(f);
}

static void
test_eval_var__object_component(void **state)
{
	struct fx *f = fx_new();
	struct oval_component c0 = { .kind = OVAL_COMP_OBJECT, .ref = 0,
	    .item_field = "path" };
	struct oval_component c1 = { .kind = OVAL_COMP_OBJECT, .ref = 0,
	    .item_field = "nosuch" };
	struct oval_component c2 = { .kind = OVAL_COMP_OBJECT, .ref = 1,
	    .item_field = "path" };
	const char *n[] = { "path", "size" };
	const char *v1[] = { "/etc/a", "1" }, *v2[] = { "/etc/b", "2" };
	uint32_t items[2];
	const struct oval_values *v;

	(void)state;
	var_local(f, 0, "oval:t:var:1", OVAL_DT_STRING, &c0);
	var_local(f, 1, "oval:t:var:2", OVAL_DT_STRING, &c1);
	var_local(f, 2, "oval:t:var:3", OVAL_DT_STRING, &c2);
	f->objs[0].id = "oval:t:obj:1";
	f->objs[1].id = "oval:t:obj:2";
	fx_start(f, 3, 2);
	items[0] = add_item(f->s, 2, n, v1);
	items[1] = add_item(f->s, 2, n, v2);
	set_collected(f->s, 0, OVAL_FLAG_COMPLETE, items, 2);
	set_collected(f->s, 1, OVAL_FLAG_DOES_NOT_EXIST, NULL, 0);
	want_values(oval_var_eval(f->s, 0), "/etc/a", "/etc/b", NULL);
	/* ObjectComponentType: "If an entity is not found with a name that
	 * matches the value of the item_field an error should be reported" */
	v = oval_var_eval(f->s, 1);
	assert_int_equal(v->flag, OVAL_FLAG_ERROR);
	assert_non_null(strstr(v->msg, "nosuch"));
	/* an object without items: no values, its flag */
	v = oval_var_eval(f->s, 2);
	assert_int_equal(v->flag, OVAL_FLAG_DOES_NOT_EXIST);
	assert_int_equal(v->n, 0);
	fx_free(f);
}

static void
test_eval_var__object_component_record_field(void **state)
{
	struct fx *f = fx_new();
	struct oval_component c0 = { .kind = OVAL_COMP_OBJECT, .ref = 0,
	    .item_field = "result", .record_field = "user" };
	struct oval_component c1 = { .kind = OVAL_COMP_OBJECT, .ref = 0,
	    .item_field = "result", .record_field = "nosuch" };
	struct oval_item it = { 0 };
	uint32_t idx;
	const struct oval_values *v;

	(void)state;
	var_local(f, 0, "oval:t:var:1", OVAL_DT_STRING, &c0);
	var_local(f, 1, "oval:t:var:2", OVAL_DT_STRING, &c1);
	fx_start(f, 2, 1);
	it.ns = "test";
	it.type = "sql_item";
	it.ents = ks_calloc(1, sizeof(*it.ents));
	it.nents = 1;
	it.ents[0].name = "result";
	it.ents[0].dt = OVAL_DT_RECORD;
	it.ents[0].fields = ks_calloc(3, sizeof(*it.ents[0].fields));
	it.ents[0].nfields = 3;
	it.ents[0].fields[0] = (struct oval_item_ent){ .name = "user",
	    .value = "fred" };
	it.ents[0].fields[1] = (struct oval_item_ent){ .name = "uid",
	    .value = "7" };
	it.ents[0].fields[2] = (struct oval_item_ent){ .name = "user",
	    .value = "joe" };
	idx = oval_sc_add_item(f->s, &it);
	set_collected(f->s, 0, OVAL_FLAG_COMPLETE, &idx, 1);
	want_values(oval_var_eval(f->s, 0), "fred", "joe", NULL);
	v = oval_var_eval(f->s, 1);
	assert_int_equal(v->flag, OVAL_FLAG_ERROR);
	fx_free(f);
}

/* ---- functions ---------------------------------------------------------- */
/* FunctionGroup: "the first component returns "1" and "2", and the second
 * component returns "3" and "4" and "5" ... six values: 1+3, 1+4, 1+5,
 * 2+3, 2+4, and 2+5." */
static void
test_eval_var__arithmetic(void **state)
{
	struct fx *f = fx_new();
	const char *a[] = { "1", "2" }, *b[] = { "3", "4", "5" };
	struct oval_component args[2] = { varc(1), varc(2) };
	struct oval_component fn = { .kind = OVAL_COMP_ARITHMETIC,
	    .arith_op = "add", .args = args, .nargs = 2 };

	(void)state;
	var_const(f, 1, "oval:t:var:2", OVAL_DT_INT, a, 2);
	var_const(f, 2, "oval:t:var:3", OVAL_DT_INT, b, 3);
	var_local(f, 0, "oval:t:var:1", OVAL_DT_INT, &fn);
	fx_start(f, 3, 0);
	want_values(oval_var_eval(f->s, 0), "4", "5", "6", "5", "6", "7",
	    NULL);
	fx_free(f);
}

static void
test_eval_var__arithmetic_multiply_float(void **state)
{
	struct fx *f = fx_new();
	struct oval_component args[3] = { lit("2"), lit("1.5"), lit("-3") };
	struct oval_component fn = { .kind = OVAL_COMP_ARITHMETIC,
	    .arith_op = "multiply", .args = args, .nargs = 3 };

	(void)state;
	/* "if both an integer and float components are used then the result
	 * is a float" */
	want_values(eval_fn(f, &fn, OVAL_DT_FLOAT), "-9", NULL);
	fx_free(f);
	f = fx_new();
	args[1] = lit("0.25");
	want_values(eval_fn(f, &fn, OVAL_DT_FLOAT), "-1.5", NULL);
	fx_free(f);
}

static void
test_eval_var__arithmetic_errors(void **state)
{
	struct fx *f = fx_new();
	struct oval_component args[2] = { lit("2"), lit("abc") };
	struct oval_component fn = { .kind = OVAL_COMP_ARITHMETIC,
	    .arith_op = "add", .args = args, .nargs = 2 };
	const struct oval_values *v;

	(void)state;
	v = eval_fn(f, &fn, OVAL_DT_INT);
	assert_int_equal(v->flag, OVAL_FLAG_ERROR);
	assert_non_null(strstr(v->msg, "'abc'"));
	assert_int_equal(v->n, 0);
	fx_free(f);
	f = fx_new();
	args[0] = lit("9223372036854775807");
	args[1] = lit("1");
	v = eval_fn(f, &fn, OVAL_DT_INT);
	assert_int_equal(v->flag, OVAL_FLAG_ERROR);
	assert_non_null(strstr(v->msg, "overflow"));
	fx_free(f);
}

/* BeginFunctionType / EndFunctionType: added only when missing. */
static void
test_eval_var__begin_end(void **state)
{
	struct fx *f = fx_new();
	const char *vals[] = { "etc", "/usr", "" };
	struct oval_component arg = varc(1);
	struct oval_component fn = { .kind = OVAL_COMP_BEGIN, .character = "/",
	    .args = &arg, .nargs = 1 };

	(void)state;
	var_const(f, 1, "oval:t:var:2", OVAL_DT_STRING, vals, 3);
	want_values(eval_fn(f, &fn, OVAL_DT_STRING), "/etc", "/usr", "/",
	    NULL);
	fx_free(f);
	f = fx_new();
	var_const(f, 1, "oval:t:var:2", OVAL_DT_STRING, vals, 3);
	fn.kind = OVAL_COMP_END;
	fn.character = "sr";
	want_values(eval_fn(f, &fn, OVAL_DT_STRING), "etcsr", "/usr", "sr",
	    NULL);
	fx_free(f);
}

/* ConcatFunctionType: "abc" and "def" with "xyz" give "abcxyz" and
 * "defxyz"; "If one of the components does not exist, then the result of
 * the concat operation should be does not exist." */
static void
test_eval_var__concat(void **state)
{
	struct fx *f = fx_new();
	const char *vals[] = { "abc", "def" };
	struct oval_component args[2] = { varc(1), lit("xyz") };
	struct oval_component fn = { .kind = OVAL_COMP_CONCAT,
	    .args = args, .nargs = 2 };
	struct oval_component oc = { .kind = OVAL_COMP_OBJECT, .ref = 0,
	    .item_field = "x" };
	const struct oval_values *v;

	(void)state;
	var_const(f, 1, "oval:t:var:2", OVAL_DT_STRING, vals, 2);
	want_values(eval_fn(f, &fn, OVAL_DT_STRING), "abcxyz", "defxyz",
	    NULL);
	fx_free(f);
	f = fx_new();
	args[0] = oc;
	var_local(f, 0, "oval:t:var:1", OVAL_DT_STRING, &fn);
	fx_start(f, 1, 1);
	set_collected(f->s, 0, OVAL_FLAG_DOES_NOT_EXIST, NULL, 0);
	v = oval_var_eval(f->s, 0);
	assert_int_equal(v->flag, OVAL_FLAG_DOES_NOT_EXIST);
	assert_int_equal(v->n, 0);
	fx_free(f);
}

/* CountFunctionType: "one of which resolves to a single value, the other
 * of which resolves to two values ... the values '3'." */
static void
test_eval_var__count(void **state)
{
	struct fx *f = fx_new();
	const char *vals[] = { "a", "b" };
	struct oval_component args[2] = { lit("x"), varc(1) };
	struct oval_component fn = { .kind = OVAL_COMP_COUNT,
	    .args = args, .nargs = 2 };
	const struct oval_values *v;

	(void)state;
	var_const(f, 1, "oval:t:var:2", OVAL_DT_STRING, vals, 2);
	v = eval_fn(f, &fn, OVAL_DT_INT);
	want_values(v, "3", NULL);
	assert_int_equal(v->dt, OVAL_DT_INT);
	fx_free(f);
}

/* EscapeRegexFunctionType: "the string '(\.test_string*)?' will evaluate
 * to '\(\\\.test_string\*\)\?'" */
static void
test_eval_var__escape_regex(void **state)
{
	struct fx *f = fx_new();
	struct oval_component arg = lit("(\\.test_string*)?");
	struct oval_component fn = { .kind = OVAL_COMP_ESCAPE_REGEX,
	    .args = &arg, .nargs = 1 };

	(void)state;
	want_values(eval_fn(f, &fn, OVAL_DT_STRING),
	    "\\(\\\\\\.test_string\\*\\)\\?", NULL);
	fx_free(f);
	f = fx_new();
	arg = lit("^a$b|c{1}+[x]");
	want_values(eval_fn(f, &fn, OVAL_DT_STRING),
	    "\\^a\\$b\\|c\\{1\\}\\+\\[x\\]", NULL);
	fx_free(f);
}

/* GlobToRegexFunctionType: every row of the schema's example table. */
static void
test_eval_var__glob_to_regex(void **state)
{
	static const struct {
		const char	*glob;
		bool		 noescape;
		const char	*re;	/* NULL: INVALID */
	} rows[] = {
		{ "\\*", false, "^\\*$" },
		{ "\\*", true, "^\\\\[^/]*$" },
		{ "\\?", false, "^\\?$" },
		{ "\\?", true, "^\\\\[^./]$" },
		{ "\\[hello\\]", false, "^\\[hello\\]$" },
		{ "\\[hello\\]", true, "^\\\\[hello\\\\]$" },
		{ "/root/*", false, "^/root/(?=[^.])[^/]*$" },
		{ "/root/.*", false, "^/root/\\.[^/]*$" },
		{ "/root/x*", false, "^/root/x[^/]*$" },
		{ "/root/?", false, "^/root/[^./]$" },
		{ "/root/.?", false, "^/root/\\.[^/]$" },
		{ "/root/x?", false, "^/root/x[^/]$" },
		{ "list.?", false, "^list\\.[^/]$" },
		{ "list.?", true, "^list\\.[^/]$" },
		{ "project.*", false, "^project\\.[^/]*$" },
		{ "project.*", true, "^project\\.[^/]*$" },
		{ "*old", false, "^(?=[^.])[^/]*old$" },
		{ "*old", true, "^(?=[^.])[^/]*old$" },
		{ "type*.[ch]", false, "^type[^/]*\\.[ch]$" },
		{ "type*.[ch]", true, "^type[^/]*\\.[ch]$" },
		{ "*.*", false, "^(?=[^.])[^/]*\\.[^/]*$" },
		{ "*.*", true, "^(?=[^.])[^/]*\\.[^/]*$" },
		{ "*", false, "^(?=[^.])[^/]*$" },
		{ "*", true, "^(?=[^.])[^/]*$" },
		{ "?", false, "^[^./]$" },
		{ "?", true, "^[^./]$" },
		{ "x[[:digit:]]\\*", false, "^x[[:digit:]]\\*$" },
		{ "x[[:digit:]]\\*", true, "^x[[:digit:]]\\\\[^/]*$" },
		{ "", false, "^$" },
		{ "", true, "^$" },
		{ "~/files/*.txt", false, "^~/files/(?=[^.])[^/]*\\.txt$" },
		{ "~/files/*.txt", true, "^~/files/(?=[^.])[^/]*\\.txt$" },
		{ "\\", false, "^\\\\$" },
		{ "\\", true, "^\\\\$" },
		{ "[ab", false, NULL },
		{ "[ab", true, NULL },
		{ ".*.conf", false, "^\\.[^/]*\\.conf$" },
		{ ".*.conf", true, "^\\.[^/]*\\.conf$" },
		{ "docs/?b", false, "^docs/[^./]b$" },
		{ "docs/?b", true, "^docs/[^./]b$" },
		{ "xy/??z", false, "^xy/[^./][^/]z$" },
		{ "xy/??z", true, "^xy/[^./][^/]z$" },
		/* beyond the table: negated class */
		{ "a[!b]c", false, "^a[^b]c$" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		struct fx *f = fx_new();
		struct oval_component arg = lit(rows[i].glob);
		struct oval_component fn = { .kind = OVAL_COMP_GLOB_TO_REGEX,
		    .glob_noescape = rows[i].noescape, .args = &arg,
		    .nargs = 1 };
		const struct oval_values *v = eval_fn(f, &fn, OVAL_DT_STRING);

		if (rows[i].re == NULL) {
			if (v->flag != OVAL_FLAG_ERROR)
				fail_msg("'%s' should be invalid", rows[i].glob);
		} else {
			if (v->flag != OVAL_FLAG_COMPLETE || v->n != 1 ||
			    strcmp(v->v[0], rows[i].re) != 0)
				fail_msg("'%s' (noescape %d): got '%s', want "
				    "'%s'", rows[i].glob, rows[i].noescape,
				    v->n > 0 ? v->v[0] : v->msg, rows[i].re);
		}
		fx_free(f);
	}
}

/* RegexCaptureFunctionType: the first capture of the first match; "If no
 * matches are found in a target string, the result for that target must
 * be the empty string"; no capturing sub-pattern: the empty string. */
static void
test_eval_var__regex_capture(void **state)
{
	struct fx *f = fx_new();
	const char *vals[] = { "abc123xyz", "nothing", "abc9xyzabc7xyz" };
	struct oval_component arg = varc(1);
	struct oval_component fn = { .kind = OVAL_COMP_REGEX_CAPTURE,
	    .pattern = "abc([0-9]+)xyz", .args = &arg, .nargs = 1 };
	const struct oval_values *v;

	(void)state;
	var_const(f, 1, "oval:t:var:2", OVAL_DT_STRING, vals, 3);
	want_values(eval_fn(f, &fn, OVAL_DT_STRING), "123", "", "9", NULL);
	fx_free(f);
	f = fx_new();
	var_const(f, 1, "oval:t:var:2", OVAL_DT_STRING, vals, 3);
	fn.pattern = "abc";
	want_values(eval_fn(f, &fn, OVAL_DT_STRING), "", "", "", NULL);
	fx_free(f);
	f = fx_new();
	var_const(f, 1, "oval:t:var:2", OVAL_DT_STRING, vals, 3);
	fn.pattern = "abc(";
	v = eval_fn(f, &fn, OVAL_DT_STRING);
	assert_int_equal(v->flag, OVAL_FLAG_ERROR);
	fx_free(f);
}

/* SplitFunctionType: "a-b-c-d" -> a, b, c, d; "-a-a-" -> "", a, a, "";
 * "---" -> four empty strings. */
static void
test_eval_var__split(void **state)
{
	struct fx *f = fx_new();
	const char *vals[] = { "a-b-c-d", "-a-a-", "---" };
	struct oval_component arg = varc(1);
	struct oval_component fn = { .kind = OVAL_COMP_SPLIT,
	    .delimiter = "-", .args = &arg, .nargs = 1 };

	(void)state;
	var_const(f, 1, "oval:t:var:2", OVAL_DT_STRING, vals, 3);
	want_values(eval_fn(f, &fn, OVAL_DT_STRING), "a", "b", "c", "d",
	    "", "a", "a", "", "", "", "", "", NULL);
	fx_free(f);
	f = fx_new();
	var_const(f, 1, "oval:t:var:2", OVAL_DT_STRING, vals, 1);
	fn.delimiter = "";
	assert_int_equal(eval_fn(f, &fn, OVAL_DT_STRING)->flag,
	    OVAL_FLAG_ERROR);
	fx_free(f);
}

/* SubstringFunctionType: "abcdefg", start 3, length 2 -> "cd"; a start
 * below 1 means 1; a negative or too long length means the rest; a start
 * beyond the length is an error. */
static void
test_eval_var__substring(void **state)
{
	static const struct {
		int64_t		 start, len;
		const char	*want;	/* NULL: error */
	} rows[] = {
		{ 3, 2, "cd" }, { 0, 2, "ab" }, { -5, 3, "abc" },
		{ 3, -1, "cdefg" }, { 3, 100, "cdefg" }, { 7, 1, "g" },
		{ 1, 0, "" }, { 8, 1, NULL },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		struct fx *f = fx_new();
		struct oval_component arg = lit("abcdefg");
		struct oval_component fn = { .kind = OVAL_COMP_SUBSTRING,
		    .substring_start = rows[i].start,
		    .substring_length = rows[i].len, .args = &arg,
		    .nargs = 1 };
		const struct oval_values *v = eval_fn(f, &fn, OVAL_DT_STRING);

		if (rows[i].want == NULL) {
			assert_int_equal(v->flag, OVAL_FLAG_ERROR);
			assert_non_null(strstr(v->msg, "beyond"));
		} else
			want_values(v, rows[i].want, NULL);
		fx_free(f);
	}
	{
		/* characters, not bytes */
		struct fx *f = fx_new();
		struct oval_component arg = lit("h\xc3\xa9llo");
		struct oval_component fn = { .kind = OVAL_COMP_SUBSTRING,
		    .substring_start = 2, .substring_length = 2, .args = &arg,
		    .nargs = 1 };

		want_values(eval_fn(f, &fn, OVAL_DT_STRING), "\xc3\xa9l", NULL);
		fx_free(f);
	}
}

static const char *
timediff(const char *f1, const char *v1, const char *f2, const char *v2)
{
	static char out[64];
	struct fx *f = fx_new();
	struct oval_component args[2] = { lit(v1), lit(v2) };
	struct oval_component fn = { .kind = OVAL_COMP_TIME_DIFFERENCE,
	    .format_1 = f1, .format_2 = f2, .args = args, .nargs = 2 };
	const struct oval_values *v = eval_fn(f, &fn, OVAL_DT_INT);

	if (v->flag == OVAL_FLAG_ERROR)
		snprintf(out, sizeof(out), "error");
	else
		snprintf(out, sizeof(out), "%s", v->n == 1 ? v->v[0] : "?");
	fx_free(f);
	return out;
}

/* TimeDifferenceFunctionType with DateTimeFormatEnumeration formats. */
static void
test_eval_var__time_difference(void **state)
{
	(void)state;
	/* 2009-04-02 - 2005-02-02: 1520 days */
	assert_string_equal(timediff("year_month_day", "20090402",
	    "year_month_day", "20050202"), "131328000");
	assert_string_equal(timediff("month_day_year", "04/02/2009",
	    "day_month_year", "02/02/2005"), "131328000");
	assert_string_equal(timediff("year_month_day", "2009-04-02 00:00:10",
	    "year_month_day", "2009/04/02"), "10");
	assert_string_equal(timediff("year_month_day", "20090402T010000",
	    "seconds_since_epoch", "1238630400"), "3600");
	assert_string_equal(timediff("month_day_year", "April, 02 2009",
	    "month_day_year", "Apr, 01 2009 23:00:00"), "3600");
	/* 1970-01-01 as a Windows file time (hexadecimal, as in the OVAL
	 * test content) */
	assert_string_equal(timediff("win_filetime", "19db1ded53e8000",
	    "seconds_since_epoch", "0"), "0");
	assert_string_equal(timediff("win_filetime", "0x19DB1DED53E8000",
	    "seconds_since_epoch", "60"), "-60");
	assert_string_equal(timediff("win_filetime", "-1",
	    "seconds_since_epoch", "60"), "error");
	/* cim_datetime with a +60 minute offset is one hour earlier UTC */
	assert_string_equal(timediff("cim_datetime",
	    "20090402010000.000000+060", "year_month_day", "20090402"), "0");
	/* "If an input value is not understood, the result is an error." */
	assert_string_equal(timediff("year_month_day", "2009-13-01",
	    "year_month_day", "20090101"), "error");
	assert_string_equal(timediff("year_month_day", "20090230",
	    "year_month_day", "20090101"), "error");
	assert_string_equal(timediff("day_month_year", "yesterday",
	    "year_month_day", "20090101"), "error");
	assert_string_equal(timediff("no_such_format", "1",
	    "year_month_day", "20090101"), "error");
}

/* One component: "the values of that component are subtracted from the
 * current time", in format_2. */
static void
test_eval_var__time_difference_now(void **state)
{
	struct fx *f = fx_new();
	struct oval_component arg = lit("0");
	struct oval_component fn = { .kind = OVAL_COMP_TIME_DIFFERENCE,
	    .format_2 = "seconds_since_epoch", .args = &arg, .nargs = 1 };
	const struct oval_values *v;
	long long now = (long long)time(NULL), got;

	(void)state;
	v = eval_fn(f, &fn, OVAL_DT_INT);
	assert_int_equal(v->flag, OVAL_FLAG_COMPLETE);
	assert_int_equal(v->n, 1);
	got = atoll(v->v[0]);
	assert_true(got >= now - 5 && got <= now + 5);
	fx_free(f);
}

/* UniqueFunctionType: 'foo' and 'foo','bar' give 'foo' and 'bar'. */
static void
test_eval_var__unique(void **state)
{
	struct fx *f = fx_new();
	const char *vals[] = { "foo", "bar", "foo" };
	struct oval_component args[2] = { lit("foo"), varc(1) };
	struct oval_component fn = { .kind = OVAL_COMP_UNIQUE,
	    .args = args, .nargs = 2 };

	(void)state;
	var_const(f, 1, "oval:t:var:2", OVAL_DT_STRING, vals, 3);
	want_values(eval_fn(f, &fn, OVAL_DT_STRING), "foo", "bar", NULL);
	fx_free(f);
}

/* Nested functions: the inner results feed the outer one. */
static void
test_eval_var__nested_functions(void **state)
{
	struct fx *f = fx_new();
	struct oval_component inner_arg = lit("a,b");
	struct oval_component split = { .kind = OVAL_COMP_SPLIT,
	    .delimiter = ",", .args = &inner_arg, .nargs = 1 };
	struct oval_component args[2] = { split, lit(".conf") };
	struct oval_component concat = { .kind = OVAL_COMP_CONCAT,
	    .args = args, .nargs = 2 };
	struct oval_component fn = { .kind = OVAL_COMP_BEGIN,
	    .character = "/etc/", .args = &concat, .nargs = 1 };

	(void)state;
	want_values(eval_fn(f, &fn, OVAL_DT_STRING), "/etc/a.conf",
	    "/etc/b.conf", NULL);
	fx_free(f);
}

/* ---- cycles -------------------------------------------------------------- */
static void
test_eval_var__cycle_variables(void **state)
{
	struct fx *f = fx_new();
	struct oval_component c0 = varc(1), c1 = varc(2), c2 = varc(0);
	const struct oval_values *v;

	(void)state;
	var_local(f, 0, "oval:t:var:1", OVAL_DT_STRING, &c0);
	var_local(f, 1, "oval:t:var:2", OVAL_DT_STRING, &c1);
	var_local(f, 2, "oval:t:var:3", OVAL_DT_STRING, &c2);
	fx_start(f, 3, 0);
	v = oval_var_eval(f->s, 0);
	assert_int_equal(v->flag, OVAL_FLAG_ERROR);
	assert_non_null(strstr(v->msg, "oval:t:var:1 -> oval:t:var:2 -> "
	    "oval:t:var:3 -> oval:t:var:1"));
	assert_int_equal(oval_var_eval(f->s, 1)->flag, OVAL_FLAG_ERROR);
	fx_free(f);
}

/* A variable whose object_component's object uses the variable itself. */
static void
test_eval_var__cycle_through_object(void **state)
{
	struct fx *f = fx_new();
	struct oval_component c0 = { .kind = OVAL_COMP_OBJECT, .ref = 0,
	    .item_field = "path" };
	struct oval_entity ent = { .name = "path", .dt = OVAL_DT_STRING,
	    .op = OVAL_OP_EQUALS, .var = 0 };
	const struct oval_values *v;

	(void)state;
	var_local(f, 0, "oval:t:var:1", OVAL_DT_STRING, &c0);
	f->objs[0].id = "oval:t:obj:1";
	f->objs[0].ents = &ent;
	f->objs[0].nents = 1;
	fx_start(f, 1, 1);
	v = oval_var_eval(f->s, 0);
	assert_int_equal(v->flag, OVAL_FLAG_ERROR);
	assert_non_null(strstr(v->msg, "oval:t:var:1 -> oval:t:obj:1 -> "
	    "oval:t:var:1"));
	assert_int_equal(f->s->sc.objs[0].flag, OVAL_FLAG_ERROR);
	fx_free(f);
}

/* ---- entity matching --------------------------------------------------- */
static enum oval_result
match(struct fx *f, struct oval_entity *e, const char *cand)
{
	enum oval_result r = OVAL_R_NOT_EVALUATED;

	assert_int_equal(oval_entity_match(f->s, e, cand, &r), 0);
	return r;
}

/* EntityAttributeGroup var_check: how the comparisons with each of the
 * variable's values combine ("if the var_check attribute has a value of
 * 'all', then the 'size' entity returns true only if the actual size is
 * less than each of the five integers"). */
static void
test_eval_var__entity_var_check(void **state)
{
	struct fx *f = fx_new();
	const char *vals[] = { "10", "20", "30" };
	struct oval_entity e = { .name = "size", .dt = OVAL_DT_INT,
	    .op = OVAL_OP_LESS_THAN, .var = 0 };

	(void)state;
	var_const(f, 0, "oval:t:var:1", OVAL_DT_INT, vals, 3);
	fx_start(f, 1, 0);
	e.var_check = OVAL_CHECK_ALL;
	assert_int_equal(match(f, &e, "5"), OVAL_R_TRUE);
	assert_int_equal(match(f, &e, "15"), OVAL_R_FALSE);
	e.var_check = OVAL_CHECK_AT_LEAST_ONE;
	assert_int_equal(match(f, &e, "25"), OVAL_R_TRUE);
	assert_int_equal(match(f, &e, "35"), OVAL_R_FALSE);
	e.var_check = OVAL_CHECK_ONLY_ONE;
	assert_int_equal(match(f, &e, "25"), OVAL_R_TRUE);
	assert_int_equal(match(f, &e, "15"), OVAL_R_FALSE);
	e.var_check = OVAL_CHECK_NONE_SATISFY;
	assert_int_equal(match(f, &e, "35"), OVAL_R_TRUE);
	assert_int_equal(match(f, &e, "25"), OVAL_R_FALSE);
	/* a value that is not an int: error */
	e.var_check = OVAL_CHECK_ALL;
	assert_int_equal(match(f, &e, "abc"), OVAL_R_ERROR);
	/* without var_ref: the entity's own value */
	e.var = OVAL_NONE;
	e.value = "100";
	assert_int_equal(match(f, &e, "99"), OVAL_R_TRUE);
	/* xsi:nil places no constraint */
	e.nil = true;
	assert_int_equal(match(f, &e, "1000"), OVAL_R_TRUE);
	fx_free(f);
}

/* var_ref to a variable without values: for an object entity nothing
 * matches (the object "is considered to not exist"); for a state entity,
 * "an error should be reported". An erroneous variable passes its error. */
static void
test_eval_var__entity_empty_and_error_var(void **state)
{
	struct fx *f = fx_new();
	struct oval_component c0 = { .kind = OVAL_COMP_OBJECT, .ref = 0,
	    .item_field = "x" };
	struct oval_entity e = { .name = "name", .dt = OVAL_DT_STRING,
	    .op = OVAL_OP_EQUALS, .var = 0 };
	struct oval_item_ent ie = { .name = "name", .value = "a",
	    .status = OVAL_ST_EXISTS };
	enum oval_result r;

	(void)state;
	var_local(f, 0, "oval:t:var:1", OVAL_DT_STRING, &c0);
	f->vars[1] = (struct oval_variable){ .id = "oval:t:var:2",
	    .kind = OVAL_VAR_EXTERNAL, .dt = OVAL_DT_STRING };
	fx_start(f, 2, 1);
	set_collected(f->s, 0, OVAL_FLAG_DOES_NOT_EXIST, NULL, 0);
	assert_int_equal(match(f, &e, "a"), OVAL_R_FALSE);
	assert_int_equal(oval_state_ent_match(f->s, &e, &ie, &r), 0);
	assert_int_equal(r, OVAL_R_ERROR);
	e.var = 1;
	assert_int_equal(match(f, &e, "a"), OVAL_R_ERROR);
	assert_non_null(strstr(ks_error_msg(), "--variables"));
	fx_free(f);
}

static void
test_eval_var__state_entity(void **state)
{
	struct fx *f = fx_new();
	struct oval_entity se = { .name = "version",
	    .dt = OVAL_DT_EVR_STRING, .op = OVAL_OP_LESS_THAN,
	    .value = "0:1.2-1", .var = OVAL_NONE };
	struct oval_item_ent ie = { .name = "version", .value = "0:1.10-1",
	    .dt = OVAL_DT_STRING, .status = OVAL_ST_EXISTS };
	enum oval_result r;

	(void)state;
	fx_start(f, 0, 0);
	/* the state's datatype governs: as EVR 1.10 > 1.2 */
	assert_int_equal(oval_state_ent_match(f->s, &se, &ie, &r), 0);
	assert_int_equal(r, OVAL_R_FALSE);
	ie.value = "0:1.1-1";
	assert_int_equal(oval_state_ent_match(f->s, &se, &ie, &r), 0);
	assert_int_equal(r, OVAL_R_TRUE);
	/* item entity status */
	ie.status = OVAL_ST_ERROR;
	assert_int_equal(oval_state_ent_match(f->s, &se, &ie, &r), 0);
	assert_int_equal(r, OVAL_R_ERROR);
	ie.status = OVAL_ST_DOES_NOT_EXIST;
	assert_int_equal(oval_state_ent_match(f->s, &se, &ie, &r), 0);
	assert_int_equal(r, OVAL_R_FALSE);
	ie.status = OVAL_ST_NOT_COLLECTED;
	assert_int_equal(oval_state_ent_match(f->s, &se, &ie, &r), 0);
	assert_int_equal(r, OVAL_R_UNKNOWN);
	fx_free(f);
}

/* EntityStateRecordType: fields ANDed; a field's entity_check combines
 * same-named item fields; a state field missing from the item is error. */
static void
test_eval_var__state_record(void **state)
{
	struct fx *f = fx_new();
	struct oval_entity sf[2] = {
		{ .name = "user", .value = "fred", .dt = OVAL_DT_STRING,
		  .op = OVAL_OP_EQUALS, .var = OVAL_NONE,
		  .entity_check = OVAL_CHECK_AT_LEAST_ONE },
		{ .name = "uid", .value = "7", .dt = OVAL_DT_INT,
		  .op = OVAL_OP_EQUALS, .var = OVAL_NONE },
	};
	struct oval_entity se = { .name = "result", .dt = OVAL_DT_RECORD,
	    .var = OVAL_NONE, .fields = sf, .nfields = 2 };
	struct oval_item_ent ifl[3] = {
		{ .name = "user", .value = "joe", .status = OVAL_ST_EXISTS },
		{ .name = "user", .value = "fred", .status = OVAL_ST_EXISTS },
		{ .name = "uid", .value = "7", .status = OVAL_ST_EXISTS },
	};
	struct oval_item_ent ie = { .name = "result", .dt = OVAL_DT_RECORD,
	    .status = OVAL_ST_EXISTS, .fields = ifl, .nfields = 3 };
	enum oval_result r;

	(void)state;
	fx_start(f, 0, 0);
	assert_int_equal(oval_state_ent_match(f->s, &se, &ie, &r), 0);
	assert_int_equal(r, OVAL_R_TRUE);
	sf[0].entity_check = OVAL_CHECK_ALL;
	assert_int_equal(oval_state_ent_match(f->s, &se, &ie, &r), 0);
	assert_int_equal(r, OVAL_R_FALSE);
	sf[0].entity_check = OVAL_CHECK_AT_LEAST_ONE;
	ie.nfields = 2;	/* no uid */
	assert_int_equal(oval_state_ent_match(f->s, &se, &ie, &r), 0);
	assert_int_equal(r, OVAL_R_ERROR);
	fx_free(f);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_eval_var__constant),
		cmocka_unit_test(test_eval_var__constant_bad_datatype),
		cmocka_unit_test(test_eval_var__external),
		cmocka_unit_test(test_eval_var__literal_and_variable_component),
		cmocka_unit_test(test_eval_var__object_component),
		cmocka_unit_test(test_eval_var__object_component_record_field),
		cmocka_unit_test(test_eval_var__arithmetic),
		cmocka_unit_test(test_eval_var__arithmetic_multiply_float),
		cmocka_unit_test(test_eval_var__arithmetic_errors),
		cmocka_unit_test(test_eval_var__begin_end),
		cmocka_unit_test(test_eval_var__concat),
		cmocka_unit_test(test_eval_var__count),
		cmocka_unit_test(test_eval_var__escape_regex),
		cmocka_unit_test(test_eval_var__glob_to_regex),
		cmocka_unit_test(test_eval_var__regex_capture),
		cmocka_unit_test(test_eval_var__split),
		cmocka_unit_test(test_eval_var__substring),
		cmocka_unit_test(test_eval_var__time_difference),
		cmocka_unit_test(test_eval_var__time_difference_now),
		cmocka_unit_test(test_eval_var__unique),
		cmocka_unit_test(test_eval_var__nested_functions),
		cmocka_unit_test(test_eval_var__cycle_variables),
		cmocka_unit_test(test_eval_var__cycle_through_object),
		cmocka_unit_test(test_eval_var__entity_var_check),
		cmocka_unit_test(test_eval_var__entity_empty_and_error_var),
		cmocka_unit_test(test_eval_var__state_entity),
		cmocka_unit_test(test_eval_var__state_record),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
