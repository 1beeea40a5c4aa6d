/*
 * The OVAL check system of XCCDF evaluation: a component inside a data
 * stream whose namespaces are declared on the collection root loads as a
 * document of its own, exported values reach external variables, only
 * selected definitions are evaluated, a broken component fails each
 * use with the same message, and components are loaded ahead (on a thread
 * of their own, or with the data stream's parse).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <libxml/tree.h>

#include "oval/oval.h"
#include "xccdf/ds_int.h"
#include "xccdf/xccdf_int.h"

/* The OVAL namespaces are declared on the collection root only, as SSG's
 * data streams do: the component's own element carries none. */
static const char ds_doc[] =
"<?xml version='1.0'?>\n"
"<ds:data-stream-collection xmlns:ds='http://scap.nist.gov/schema/scap/source/1.2'"
" xmlns:oval='http://oval.mitre.org/XMLSchema/oval-common-5'"
" xmlns:oval-def='http://oval.mitre.org/XMLSchema/oval-definitions-5'"
" xmlns:ind='http://oval.mitre.org/XMLSchema/oval-definitions-5#independent'"
" id='c'>\n"
"<ds:component id='comp-oval'>\n"
"<oval-def:oval_definitions>\n"
"<oval-def:generator><oval:schema_version>5.11.2</oval:schema_version>"
"<oval:timestamp>2026-01-01T00:00:00</oval:timestamp></oval-def:generator>\n"
"<oval-def:definitions>\n"
"<oval-def:definition id='oval:t:def:1' version='1' class='compliance'>"
"<oval-def:metadata><oval-def:title>limit is 5</oval-def:title></oval-def:metadata>"
"<oval-def:criteria><oval-def:criterion test_ref='oval:t:tst:1'/></oval-def:criteria>"
"</oval-def:definition>\n"
"<oval-def:definition id='oval:t:def:2' version='1' class='vulnerability'>"
"<oval-def:metadata><oval-def:title>other</oval-def:title></oval-def:metadata>"
"<oval-def:criteria><oval-def:criterion test_ref='oval:t:tst:1'/></oval-def:criteria>"
"</oval-def:definition>\n"
"</oval-def:definitions>\n"
"<oval-def:tests>"
"<ind:variable_test id='oval:t:tst:1' version='1' check='all' comment='v'>"
"<ind:object object_ref='oval:t:obj:1'/><ind:state state_ref='oval:t:ste:1'/>"
"</ind:variable_test></oval-def:tests>\n"
"<oval-def:objects><ind:variable_object id='oval:t:obj:1' version='1'>"
"<ind:var_ref>oval:t:var:1</ind:var_ref></ind:variable_object></oval-def:objects>\n"
"<oval-def:states><ind:variable_state id='oval:t:ste:1' version='1'>"
"<ind:value datatype='int'>5</ind:value></ind:variable_state></oval-def:states>\n"
"<oval-def:variables><oval-def:external_variable id='oval:t:var:1' version='1'"
" datatype='int' comment='limit'/></oval-def:variables>\n"
"</oval-def:oval_definitions>\n"
"</ds:component>\n"
"<ds:component id='comp-bad'><oval-def:oval_definitions>"
"<oval-def:nonsense/></oval-def:oval_definitions></ds:component>\n"
"</ds:data-stream-collection>\n";

struct fx {
	xmlDoc			*doc;
	struct plat_target	*t;
	struct xccdf_oval	*o;
	struct xccdf_resource	 r;
};

static xmlNode *
component_child(xmlDoc *doc, const char *id)
{
	for (xmlNode *c = xmlDocGetRootElement(doc)->children; c; c = c->next) {
		xmlChar *v;
		int same;

		if (c->type != XML_ELEMENT_NODE)
			continue;
		v = xmlGetProp(c, BAD_CAST "id");
		same = v != NULL && strcmp((char *)v, id) == 0;
		xmlFree(v);
		if (same)
			for (xmlNode *k = c->children; k; k = k->next)
				if (k->type == XML_ELEMENT_NODE)
					return k;
	}
	return NULL;
}

static int
setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));

	assert_int_equal(ks_xml_doc_read_mem(&f->doc, ds_doc,
	    sizeof(ds_doc) - 1, "ds.xml"), 0);
	assert_int_equal(plat_target_mem_new(&f->t), 0);
	assert_int_equal(xccdf_oval_new(&f->o, f->t, NULL), 0);
	f->r.name = "t-oval.xml";
	f->r.component_id = "comp-oval";
	f->r.root = component_child(f->doc, "comp-oval");
	assert_non_null(f->r.root);
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fx *f = *state;

	xccdf_oval_free(f->o);
	plat_target_free(f->t);
	xmlFreeDoc(f->doc);
	free(f);
	return 0;
}

static void
run_with(struct fx *f, const char *value, const char *want)
{
	const char *names[] = {"oval:t:var:1"};
	const char *vals[] = {value};
	const char *res = NULL, *klass = NULL;

	assert_int_equal(xccdf_oval_add(f->o, &f->r, "oval:t:def:1", names,
	    vals, 1), 0);
	assert_int_equal(xccdf_oval_run(f->o), 0);
	assert_int_equal(xccdf_oval_result(f->o, &f->r, "oval:t:def:1", &res,
	    &klass), 0);
	assert_string_equal(res, want);
	assert_string_equal(klass, "compliance");
}

static void
test_xccdf_oval__export_reaches_external_variable(void **state)
{
	run_with(*state, "5", "true");
}

static void
test_xccdf_oval__other_value_fails(void **state)
{
	run_with(*state, "7", "false");
}

static int
count_cb(const char *id, void *payload)
{
	(void)id;
	(*(int *)payload)++;
	return 0;
}

static int
session_cb(const char *name, struct oval_session *s, void *payload)
{
	struct oval_def_meta m;

	assert_string_equal(name, "t-oval.xml");
	/* Only the selected definition was evaluated by run. */
	assert_int_equal(oval_session_def_meta(s, "oval:t:def:2", &m), 0);
	assert_true(m.result == NULL ||
	    strcmp(m.result, "not evaluated") == 0);
	(*(int *)payload)++;
	return 0;
}

static void
test_xccdf_oval__selection_and_lazy_results(void **state)
{
	struct fx *f = *state;
	const char *res, *klass;
	int n = 0;

	run_with(f, "5", "true");
	assert_int_equal(xccdf_oval_foreach_session(f->o, session_cb, &n), 0);
	assert_int_equal(n, 1);
	/* A definition asked for afterwards is evaluated on demand. */
	assert_int_equal(xccdf_oval_result(f->o, &f->r, "oval:t:def:2", &res,
	    &klass), 0);
	assert_string_equal(res, "true");
	assert_string_equal(klass, "vulnerability");
	n = 0;
	assert_int_equal(xccdf_oval_foreach_def(f->o, &f->r, count_cb, &n), 0);
	assert_int_equal(n, 2);
	assert_int_equal(xccdf_oval_result(f->o, &f->r, "oval:t:def:9", &res,
	    &klass), KS_ENOTFOUND);
}

static void
test_xccdf_oval__first_binding_wins(void **state)
{
	struct fx *f = *state;
	const char *names[] = {"oval:t:var:1"};
	const char *v1[] = {"5"}, *v2[] = {"6"};
	const char *res, *klass;

	assert_int_equal(xccdf_oval_add(f->o, &f->r, "oval:t:def:1", names,
	    v1, 1), 0);
	assert_int_equal(xccdf_oval_add(f->o, &f->r, NULL, names, v2, 1), 0);
	assert_int_equal(xccdf_oval_run(f->o), 0);
	assert_int_equal(xccdf_oval_result(f->o, &f->r, "oval:t:def:1", &res,
	    &klass), 0);
	assert_string_equal(res, "true");
}

static void
test_xccdf_oval__broken_component_fails_each_time(void **state)
{
	struct fx *f = *state;
	struct xccdf_resource bad = {.name = "bad.xml",
	                             .component_id = "comp-bad"};
	char first[512];

	bad.root = component_child(f->doc, "comp-bad");
	assert_true(xccdf_oval_add(f->o, &bad, "oval:t:def:1", NULL, NULL,
	    0) < 0);
	snprintf(first, sizeof(first), "%s", ks_error_msg());
	assert_non_null(strstr(first, "bad.xml"));
	ks_error_clear();
	assert_true(xccdf_oval_add(f->o, &bad, "oval:t:def:1", NULL, NULL,
	    0) < 0);
	assert_string_equal(ks_error_msg(), first);
}

/* With components loaded ahead: r's definition 1 is true with 5, bad
 * (without it) fails naming itself, and again when asked twice to end. */
static void
eval_ahead(struct xccdf_oval *o, struct xccdf_resource *r,
    struct xccdf_resource *bad)
{
	const char *names[] = {"oval:t:var:1"}, *vals[] = {"5"};
	const char *res = NULL, *klass = NULL;

	assert_int_equal(xccdf_oval_add(o, r, "oval:t:def:1", names, vals,
	    1), 0);
	assert_int_equal(xccdf_oval_run(o), 0);
	assert_int_equal(xccdf_oval_result(o, r, "oval:t:def:1", &res,
	    &klass), 0);
	assert_string_equal(res, "true");
	assert_true(xccdf_oval_add(o, bad, "oval:t:def:1", NULL, NULL,
	    0) < 0);
	assert_non_null(strstr(ks_error_msg(), bad->name));
	ks_error_clear();
	xccdf_oval_prefetch_end(o);
}

/*
 * Loading ahead (xccdf_oval_prefetch): the OVAL components the stream
 * refers to load on a thread; a resource of the same element and name
 * gets that model, a broken one fails as it does without (the load on
 * the caller's thread says why), and what no rule took is freed by
 * xccdf_oval_prefetch_end.
 */
static void
test_xccdf_oval__prefetch(void **state)
{
	static const char stream[] =
	    "<ds:data-stream xmlns:xlink='http://www.w3.org/1999/xlink' "
	    "id='s'><ds:checks>"
	    "<ds:component-ref id='r1' xlink:href='#comp-oval'/>"
	    "<ds:component-ref id='r2' xlink:href='#comp-bad'/>"
	    "<ds:component-ref id='r3' xlink:href='#comp-unused'/>"
	    "</ds:checks></ds:data-stream>\n";
	struct fx *f = *state;
	struct xccdf_content *c = NULL;
	struct xccdf_ds_checklist cl = {.datastream_id = "s"};
	struct xccdf_oval *o = NULL;
	struct xccdf_resource r = {.name = "comp-oval",
	                           .component_id = "comp-oval"};
	struct xccdf_resource bad = {.name = "comp-bad",
	                             .component_id = "comp-bad"};
	const char *end;
	char *doc;
	size_t at;
	xmlDoc *d;

	(void)f;
	/* The fixture's collection with a stream and one more component. */
	end = strstr(ds_doc, "</ds:data-stream-collection>");
	at = (size_t)(end - ds_doc);
	doc = malloc(sizeof(ds_doc) + sizeof(stream) + 512);
	memcpy(doc, ds_doc, at);
	snprintf(doc + at, sizeof(stream) + 512, "%s<ds:component id="
	    "'comp-unused'>%s</ds:component>\n</ds:data-stream-collection>\n",
	    stream, "<oval-def:oval_definitions><oval-def:generator>"
	    "<oval:schema_version>5.11.2</oval:schema_version><oval:timestamp>"
	    "2026-01-01T00:00:00</oval:timestamp></oval-def:generator>"
	    "</oval-def:oval_definitions>");
	assert_int_equal(xccdf_content_open_mem(&c, doc, strlen(doc),
	    "pre.xml"), 0);
	free(doc);
	d = xccdf_content_root(c)->doc;
	r.root = component_child(d, "comp-oval");
	bad.root = component_child(d, "comp-bad");
	assert_non_null(r.root);
	assert_int_equal(xccdf_oval_new(&o, f->t, NULL), 0);
	xccdf_oval_prefetch(o, c, &cl);
	eval_ahead(o, &r, &bad);
	xccdf_oval_prefetch_end(o);
	xccdf_oval_free(o);
	xccdf_content_free(c);
}

/*
 * A data stream big enough to be parsed on two threads, its OVAL
 * components among the part the second thread parses: they are read into
 * models there (xccdf_content_open_eval), each taken once, under the
 * name and element the evaluation asks with; one without the definition
 * a rule names fails as always; what is not taken is freed with the
 * content.
 */
static void
test_xccdf_oval__read_with_content(void **state)
{
	static const char stream[] =
	    "<ds:data-stream xmlns:xlink='http://www.w3.org/1999/xlink' "
	    "id='s'><ds:checks>"
	    "<ds:component-ref id='r1' xlink:href='#comp-oval'/>"
	    "<ds:component-ref id='r2' xlink:href='#comp-bad'/>"
	    "</ds:checks></ds:data-stream>\n";
	struct fx *f = *state;
	struct xccdf_content *c = NULL;
	struct xccdf_ds_checklist cl = {.datastream_id = "s"};
	struct xccdf_resource r = {.name = "comp-oval",
	                           .component_id = "comp-oval"};
	struct xccdf_resource bad = {.name = "comp-bad",
	                             .component_id = "comp-bad"};
	const char *comps, *end;
	bool two = sysconf(_SC_NPROCESSORS_ONLN) > 1;
	char dir[] = "/tmp/ks_xo_XXXXXX", *path, *pad;
	struct xccdf_oval *o = NULL;
	struct oval_defs *defs;
	struct ks_buf b;
	xmlDoc *d;

	/* Padding around the components (not components: the split point
	 * is the first of them, at 55 % of the file). */
	pad = malloc(700001);
	memset(pad, 'p', 700000);
	pad[700000] = '\0';
	comps = strstr(ds_doc, "<ds:component id='comp-oval'>");
	end = strstr(ds_doc, "</ds:data-stream-collection>");
	ks_buf_init(&b, 0);
	ks_buf_printf(&b, "%.*s<pad>%s</pad>\n%.*s%s<pad>%.500000s</pad>\n%s",
	    (int)(comps - ds_doc), ds_doc, pad, (int)(end - comps), comps,
	    stream, pad, end);
	free(pad);
	assert_non_null(mkdtemp(dir));
	path = ks_asprintf("%s/ds.xml", dir);
	assert_int_equal(ks_file_write_atomic(path, b.data, b.len), 0);
	ks_buf_free(&b);

	/* Taken once, under its name. */
	assert_int_equal(xccdf_content_open_eval(&c, path), 0);
	d = xccdf_content_root(c)->doc;
	r.root = component_child(d, "comp-oval");
	bad.root = component_child(d, "comp-bad");
	assert_null(xccdf_content_take_oval(c, r.root, "other-name"));
	assert_null(xccdf_content_take_oval(c, bad.root, "comp-oval"));
	defs = xccdf_content_take_oval(c, r.root, "comp-oval");
	assert_true((defs != NULL) == two);
	assert_null(xccdf_content_take_oval(c, r.root, "comp-oval"));
	oval_unload(defs);
	xccdf_content_free(c);

	/* What the evaluation gets, through xccdf_oval_prefetch. */
	assert_int_equal(xccdf_content_open_eval(&c, path), 0);
	d = xccdf_content_root(c)->doc;
	r.root = component_child(d, "comp-oval");
	bad.root = component_child(d, "comp-bad");
	assert_int_equal(xccdf_oval_new(&o, f->t, NULL), 0);
	xccdf_oval_prefetch(o, c, &cl);
	eval_ahead(o, &r, &bad);
	xccdf_oval_free(o);
	xccdf_content_free(c);

	/* Not a data stream to split (one parser): nothing read ahead. */
	assert_int_equal(xccdf_content_open(&c, path), 0);
	r.root = component_child(xccdf_content_root(c)->doc, "comp-oval");
	assert_null(xccdf_content_take_oval(c, r.root, "comp-oval"));
	xccdf_content_free(c);
	unlink(path);
	rmdir(dir);
	free(path);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(
		    test_xccdf_oval__export_reaches_external_variable, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(
		    test_xccdf_oval__other_value_fails, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_xccdf_oval__selection_and_lazy_results, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(
		    test_xccdf_oval__first_binding_wins, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_xccdf_oval__broken_component_fails_each_time, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_xccdf_oval__prefetch,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_xccdf_oval__read_with_content, setup, teardown),
	};

	ks_xml_init();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
