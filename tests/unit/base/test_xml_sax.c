/*
 * Tests for the SAX2 door (platform/base/xml_sax.c): the same refusals as
 * the safe loader (entity declarations, external loads, deep nesting, bad
 * bytes), its error messages, and the events it hands over.
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
#include "platform/base/xml_sax.h"

/* What the callbacks saw. */
struct seen {
	int		 starts, ends, max_depth, depth;
	int		 stop_at;	/* stop with KS_ERROR at this start */
	int		 first_line;	/* of the second element */
	int		 empties;	/* <x/> tags */
	struct ks_buf	 text;
	struct ks_buf	 attrs;		/* name=value; ... */
};

static void
on_start(void *arg, const xmlChar *localname, const xmlChar *prefix,
    const xmlChar *URI, int nb_namespaces, const xmlChar **namespaces,
    int nb_attributes, int nb_defaulted, const xmlChar **attributes)
{
	struct seen *s = arg;
	int i;

	s->starts++;
	if (++s->depth > s->max_depth)
		s->max_depth = s->depth;
	if (s->starts == 2)
		s->first_line = ks_xml_sax_line();
	if (ks_xml_sax_empty_tag())
		s->empties++;
	for (i = 0; i < nb_attributes; i++) {
		const xmlChar **a = attributes + 5 * i;

		ks_buf_puts(&s->attrs, (const char *)a[0]);
		ks_buf_putc(&s->attrs, '=');
		ks_buf_append(&s->attrs, a[3], (size_t)(a[4] - a[3]));
		ks_buf_puts(&s->attrs, ";");
	}
	if (s->stop_at != 0 && s->starts == s->stop_at) {
		ks_error_set("stopped by the callback");
		ks_xml_sax_stop(KS_ENOTFOUND);
	}
}

static void
on_end(void *arg, const xmlChar *localname, const xmlChar *prefix,
    const xmlChar *URI)
{
	struct seen *s = arg;

	s->ends++;
	s->depth--;
}

static void
on_text(void *arg, const xmlChar *ch, int len)
{
	struct seen *s = arg;

	ks_buf_append(&s->text, ch, (size_t)len);
}

static xmlSAXHandler handler;

static int
setup(void **state)
{
	memset(&handler, 0, sizeof(handler));
	handler.initialized = XML_SAX2_MAGIC;
	handler.startElementNs = on_start;
	handler.endElementNs = on_end;
	handler.characters = on_text;
	return 0;
}

static void
seen_init(struct seen *s)
{
	memset(s, 0, sizeof(*s));
	ks_buf_init(&s->text, 0);
	ks_buf_init(&s->attrs, 0);
}

static void
seen_free(struct seen *s)
{
	ks_buf_free(&s->text);
	ks_buf_free(&s->attrs);
}

static int
parse(const char *doc, const char *name, struct seen *s)
{
	seen_init(s);
	return ks_xml_sax_parse_mem(doc, strlen(doc), name, &handler, s);
}

static char *
nest(int depth)
{
	struct ks_buf b;
	int i;

	ks_buf_init(&b, 0);
	ks_buf_puts(&b, "<?xml version=\"1.0\"?>\n");
	for (i = 0; i < depth; i++)
		ks_buf_puts(&b, "<a>");
	for (i = 0; i < depth; i++)
		ks_buf_puts(&b, "</a>");
	return ks_buf_steal(&b);
}

static void
test_xml_sax__events(void **state)
{
	struct seen s;

	assert_int_equal(parse("<?xml version=\"1.0\"?>\n<r a=\"1 &amp; 2\">"
	    "x &lt; y\n<e/><f b='&quot;'>z<![CDATA[<c>]]></f></r>\n", "ok.xml",
	    &s), 0);
	assert_int_equal(s.starts, 3);
	assert_int_equal(s.ends, 3);
	assert_int_equal(s.max_depth, 2);
	assert_int_equal(s.empties, 1);
	assert_int_equal(s.first_line, 3);
	/* Predefined entities and CDATA arrive as text. */
	assert_string_equal(s.text.data, "x < y\nz<c>");
	/* Attribute values come as value..end; without substitution libxml2
	 * spells '&' as "&#38;" (the reader's tree decodes it later). */
	assert_non_null(strstr(s.attrs.data, "a=1 &#38; 2;"));
	assert_non_null(strstr(s.attrs.data, "b=\";"));
	seen_free(&s);
}

static void
test_xml_sax__billion_laughs_refused_fast(void **state)
{
	static const char doc[] =
	    "<?xml version=\"1.0\"?>\n"
	    "<!DOCTYPE lolz [\n"
	    " <!ENTITY lol \"lol\">\n"
	    " <!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n"
	    " <!ENTITY lol2 \"&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;\">\n"
	    " <!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">\n"
	    " <!ENTITY lol4 \"&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;\">\n"
	    " <!ENTITY lol5 \"&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;\">\n"
	    " <!ENTITY lol6 \"&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;\">\n"
	    " <!ENTITY lol7 \"&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;\">\n"
	    " <!ENTITY lol8 \"&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;\">\n"
	    " <!ENTITY lol9 \"&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;\">\n"
	    "]>\n"
	    "<lolz>&lol9;</lolz>\n";
	struct seen s;
	double t0 = ks_time_mono();

	assert_int_equal(parse(doc, "lol.xml", &s), KS_EPARSE);
	assert_true(ks_time_mono() - t0 < 1.0);
	/* Stopped at the first declaration: no element was ever seen. */
	assert_int_equal(s.starts, 0);
	assert_int_equal(s.text.len, 0);
	assert_string_equal(ks_error_msg(), "lol.xml:3: document declares "
	    "entities in its DTD; refused");
	seen_free(&s);

	/* A parameter entity is an entity declaration too. */
	assert_int_equal(parse("<!DOCTYPE r [ <!ENTITY % p \"x\"> ]><r/>",
	    "pe.xml", &s), KS_EPARSE);
	assert_non_null(strstr(ks_error_msg(), "declares entities"));
	seen_free(&s);

	/* A DTD without entities is fine. */
	assert_int_equal(parse("<!DOCTYPE r [ <!ELEMENT r (#PCDATA)> ]>"
	    "<r>t</r>", "dtd.xml", &s), 0);
	assert_string_equal(s.text.data, "t");
	seen_free(&s);
}

static void
test_xml_sax__external_entity_never_loaded(void **state)
{
	char dir[] = "/tmp/ks_sax_XXXXXX";
	char secret[256], dtd[256], docbuf[1024], path[256];
	struct seen s;
	int rc;

	assert_non_null(mkdtemp(dir));
	snprintf(secret, sizeof(secret), "%s/secret.txt", dir);
	snprintf(dtd, sizeof(dtd), "%s/ext.dtd", dir);
	snprintf(path, sizeof(path), "%s/doc.xml", dir);
	assert_int_equal(ks_file_write_atomic(secret, "TOPSECRET", 9), 0);
	assert_int_equal(ks_file_write_atomic(dtd,
	    "<!ENTITY x \"TOPSECRET-DTD\">", 27), 0);

	/* 1: an external entity declared in the internal subset. */
	snprintf(docbuf, sizeof(docbuf),
	    "<?xml version=\"1.0\"?>\n"
	    "<!DOCTYPE r [ <!ENTITY xxe SYSTEM \"file://%s\"> ]>\n"
	    "<r>&xxe;</r>\n", secret);
	assert_int_equal(parse(docbuf, "xxe.xml", &s), KS_EPARSE);
	assert_true(s.text.len == 0 ||
	    strstr(s.text.data, "TOPSECRET") == NULL);
	assert_non_null(strstr(ks_error_msg(), "declares entities"));
	seen_free(&s);

	/* 2: an external DTD subset defining the entity is never fetched:
	 * the reference stays undefined, never the secret. */
	snprintf(docbuf, sizeof(docbuf),
	    "<?xml version=\"1.0\"?>\n"
	    "<!DOCTYPE r SYSTEM \"file://%s\">\n"
	    "<r>a&x;b</r>\n", dtd);
	assert_int_equal(ks_file_write_atomic(path, docbuf, strlen(docbuf)),
	    0);
	seen_init(&s);
	rc = ks_xml_sax_parse_file(path, &handler, &s);
	assert_true(rc == 0 || rc == KS_EPARSE);
	assert_true(s.text.len == 0 ||
	    strstr(s.text.data, "TOPSECRET") == NULL);
	seen_free(&s);

	unlink(secret);
	unlink(dtd);
	unlink(path);
	rmdir(dir);
}

static void
test_xml_sax__deep_nesting_is_limit(void **state)
{
	char *doc = nest(300);
	struct seen s;

	assert_int_equal(parse(doc, "deep.xml", &s), KS_ELIMIT);
	assert_string_equal(ks_error_msg(), "deep.xml:2: nesting deeper "
	    "than 256");
	/* No event past the cap. */
	assert_int_equal(s.max_depth, 256);
	seen_free(&s);
	free(doc);

	doc = nest(256);
	assert_int_equal(parse(doc, "ok.xml", &s), 0);
	assert_int_equal(s.max_depth, 256);
	assert_int_equal(s.ends, 256);
	seen_free(&s);
	free(doc);

	doc = nest(257);
	assert_int_equal(parse(doc, "d257.xml", &s), KS_ELIMIT);
	seen_free(&s);
	free(doc);
}

static void
test_xml_sax__malformed_reports_line_col(void **state)
{
	static const char doc[] =
	    "<?xml version=\"1.0\"?>\n"
	    "<root>\n"
	    "  <a>text</b>\n"
	    "  <after/>\n"
	    "</root>\n";
	const char *p;
	char *end;
	struct seen s;

	assert_int_equal(parse(doc, "bad.xml", &s), KS_EPARSE);
	assert_true(strncmp(ks_error_msg(), "bad.xml:3:", 10) == 0);
	p = ks_error_msg() + 10;
	assert_true(strtol(p, &end, 10) > 0);
	assert_true(end[0] == ':' && end[1] == ' ');
	assert_non_null(strstr(ks_error_msg(), "mismatch"));
	assert_null(strchr(ks_error_msg(), '\n'));
	/* Stopped at the first error: <after/> was never reported. */
	assert_int_equal(s.starts, 2);
	seen_free(&s);

	/* Truncated, empty, garbage after the root. */
	assert_int_equal(parse("<r><a>", "t.xml", &s), KS_EPARSE);
	seen_free(&s);
	assert_int_equal(parse("", "e.xml", &s), KS_EPARSE);
	seen_free(&s);
	assert_int_equal(parse("<r/><r/>", "x.xml", &s), KS_EPARSE);
	seen_free(&s);
	/* An undefined namespace prefix is an error, not a warning. */
	assert_int_equal(parse("<r><p:a/><b/></r>", "ns.xml", &s),
	    KS_EPARSE);
	assert_true(strncmp(ks_error_msg(), "ns.xml:1:", 9) == 0);
	assert_true(s.starts <= 2);
	seen_free(&s);
}

static void
test_xml_sax__bad_utf8_is_parse_error(void **state)
{
	static const char doc[] =
	    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<r>caf\xe9 \xff\xfe</r>\n";
	struct seen s;

	assert_int_equal(parse(doc, "u.xml", &s), KS_EPARSE);
	assert_true(strncmp(ks_error_msg(), "u.xml:2:", 8) == 0);
	seen_free(&s);
	/* No declaration: UTF-8 is assumed, so still an error. */
	assert_int_equal(parse("<r>\xff</r>", "u2.xml", &s), KS_EPARSE);
	seen_free(&s);
}

static void
test_xml_sax__callback_stop_and_files(void **state)
{
	char dir[] = "/tmp/ks_sax_XXXXXX", path[256];
	struct seen s;

	seen_init(&s);
	s.stop_at = 2;
	assert_int_equal(ks_xml_sax_parse_mem("<r><a/><b/></r>", 15, "s.xml",
	    &handler, &s), KS_ENOTFOUND);
	assert_string_equal(ks_error_msg(), "stopped by the callback");
	assert_int_equal(s.starts, 2);
	seen_free(&s);

	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/missing.xml", dir);
	seen_init(&s);
	assert_int_equal(ks_xml_sax_parse_file(path, &handler, &s),
	    KS_ENOTFOUND);
	assert_non_null(strstr(ks_error_msg(), "cannot open"));
	snprintf(path, sizeof(path), "%s/doc.xml", dir);
	assert_int_equal(ks_file_write_atomic(path, "<r>\n<a>t</a></r>", 16),
	    0);
	assert_int_equal(ks_xml_sax_parse_file(path, &handler, &s), 0);
	assert_int_equal(s.starts, 2);
	assert_int_equal(s.first_line, 2);
	assert_string_equal(s.text.data, "\nt");
	seen_free(&s);
	unlink(path);
	rmdir(dir);
}

/* ---- replay of a DOM subtree --------------------------------------------- */

/* Every event as one line of a trace; adjacent text runs joined (the
 * parser splits text where it likes, the DOM holds it whole); namespace
 * declarations sorted (their order is the parser's or the DOM's). */
struct trace {
	struct ks_buf	 out;
	struct ks_buf	 text;
	int		 lines[8];	/* ks_xml_sax_line of the first starts */
	int		 nstarts;
};

static void
trace_flush(struct trace *t)
{
	if (t->text.len == 0)
		return;
	ks_buf_printf(&t->out, "T %s\n", t->text.data);
	ks_buf_reset(&t->text);
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void
tr_start(void *arg, const xmlChar *localname, const xmlChar *prefix,
    const xmlChar *URI, int nb_namespaces, const xmlChar **namespaces,
    int nb_attributes, int nb_defaulted, const xmlChar **attributes)
{
	struct trace *t = arg;
	char *ns[16];
	int i;

	trace_flush(t);
	if (t->nstarts < 8)
		t->lines[t->nstarts] = ks_xml_sax_line();
	t->nstarts++;
	ks_buf_printf(&t->out, "S %s:%s {%s}%s", prefix ? (char *)prefix : "",
	    localname, URI ? (char *)URI : "", ks_xml_sax_empty_tag() ?
	    " empty" : "");
	assert_true(nb_namespaces <= 16);
	for (i = 0; i < nb_namespaces; i++)
		ns[i] = ks_asprintf("%s=%s", namespaces[2 * i] ?
		    (char *)namespaces[2 * i] : "", namespaces[2 * i + 1]);
	qsort(ns, (size_t)nb_namespaces, sizeof(ns[0]), cmp_str);
	for (i = 0; i < nb_namespaces; i++) {
		ks_buf_printf(&t->out, " xmlns:%s", ns[i]);
		free(ns[i]);
	}
	assert_int_equal(nb_defaulted, 0);
	for (i = 0; i < nb_attributes; i++) {
		const xmlChar **a = attributes + 5 * i;

		ks_buf_printf(&t->out, " %s:%s{%s}=[%.*s]",
		    a[1] ? (char *)a[1] : "", a[0], a[2] ? (char *)a[2] : "",
		    (int)(a[4] - a[3]), a[3]);
	}
	ks_buf_puts(&t->out, "\n");
}

static void
tr_end(void *arg, const xmlChar *localname, const xmlChar *prefix,
    const xmlChar *URI)
{
	struct trace *t = arg;

	trace_flush(t);
	ks_buf_printf(&t->out, "E %s\n", localname);
}

static void
tr_text(void *arg, const xmlChar *ch, int len)
{
	ks_buf_append(&((struct trace *)arg)->text, ch, (size_t)len);
}

static const xmlSAXHandler tr_handler = {
	.initialized = XML_SAX2_MAGIC,
	.startElementNs = tr_start,
	.endElementNs = tr_end,
	.characters = tr_text,
};

static void
trace_init(struct trace *t)
{
	memset(t, 0, sizeof(*t));
	ks_buf_init(&t->out, 0);
	ks_buf_init(&t->text, 0);
}

static void
trace_free(struct trace *t)
{
	ks_buf_free(&t->out);
	ks_buf_free(&t->text);
}

/* The subtree <o:defs> inside a bigger document (namespaces declared on an
 * ancestor, as SSG data streams do) replays as a parse of the same subtree
 * written on its own: same elements, namespaces in scope at its root,
 * attribute values with '&' as the parser hands it over, text (CDATA as
 * text), comments and PIs left out, <x/> for childless elements. */
static void
test_xml_sax__replay_equals_parse(void **state)
{
	static const char outer[] =
	    "<?xml version=\"1.0\"?>\n"
	    "<ds:c xmlns:ds=\"urn:ds\" xmlns:o=\"urn:o\" xmlns=\"urn:dflt\">\n"
	    " <ds:comp id=\"1\">\n"
	    "  <o:defs a=\"x &amp; y &lt; z\" o:b=\"&#38;#38;\">\n"
	    "   <o:def id=\"d1\"><!-- no --><?pi no?>text &amp; more"
	    "<![CDATA[<raw>]]></o:def>\n"
	    "   <child xmlns:n=\"urn:n\" n:k=\"v\"/>\n"
	    "   <o:e></o:e>\n"
	    "  </o:defs>\n"
	    " </ds:comp>\n"
	    "</ds:c>\n";
	static const char alone[] =
	    "<o:defs xmlns:ds=\"urn:ds\" xmlns:o=\"urn:o\" xmlns=\"urn:dflt\""
	    " a=\"x &amp; y &lt; z\" o:b=\"&#38;#38;\">\n"
	    "   <o:def id=\"d1\">text &amp; more&lt;raw&gt;</o:def>\n"
	    "   <child xmlns:n=\"urn:n\" n:k=\"v\"/>\n"
	    "   <o:e/>\n"
	    "  </o:defs>";
	struct trace a, b;
	xmlDoc *doc = NULL;
	xmlNode *defs;

	assert_int_equal(ks_xml_doc_read_mem(&doc, outer, sizeof(outer) - 1,
	    "outer.xml"), 0);
	defs = xmlDocGetRootElement(doc)->children;
	while (defs->type != XML_ELEMENT_NODE)
		defs = defs->next;
	defs = defs->children;
	while (defs->type != XML_ELEMENT_NODE)
		defs = defs->next;
	assert_string_equal((const char *)defs->name, "defs");
	trace_init(&a);
	trace_init(&b);
	assert_int_equal(ks_xml_sax_replay(defs, "outer.xml", &tr_handler,
	    &a), 0);
	assert_int_equal(ks_xml_sax_parse_mem(alone, sizeof(alone) - 1,
	    "alone.xml", &tr_handler, &b), 0);
	assert_string_equal(a.out.data, b.out.data);
	/* The '&' of a value comes as "&#38;", as from the parser. */
	assert_non_null(strstr(a.out.data, "[x &#38; y < z]"));
	/* Lines are the enclosing document's. */
	assert_int_equal(a.lines[0], 4);
	assert_int_equal(a.lines[1], 5);
	assert_int_equal(a.lines[2], 6);
	trace_free(&a);
	trace_free(&b);
	xmlFreeDoc(doc);
}

/* A callback's stop ends the replay with its code and message; the depth
 * cap holds as in a parse. */
static void
test_xml_sax__replay_stop_and_depth(void **state)
{
	static const char doc1[] = "<r><a/><b><c/></b><d/></r>";
	struct seen s;
	xmlDoc *doc = NULL;
	char *deep;

	(void)state;
	assert_int_equal(ks_xml_doc_read_mem(&doc, doc1, sizeof(doc1) - 1,
	    "r.xml"), 0);
	seen_init(&s);
	s.stop_at = 3;
	assert_int_equal(ks_xml_sax_replay(xmlDocGetRootElement(doc), "r.xml",
	    &handler, &s), KS_ENOTFOUND);
	assert_string_equal(ks_error_msg(), "stopped by the callback");
	assert_int_equal(s.starts, 3);	/* nothing after the stop */
	assert_int_equal(s.ends, 1);
	seen_free(&s);
	xmlFreeDoc(doc);
	/* 256 levels are what the loader accepts: all replayed. */
	deep = nest(256);
	assert_int_equal(ks_xml_doc_read_mem(&doc, deep, strlen(deep),
	    "deep.xml"), 0);
	seen_init(&s);
	assert_int_equal(ks_xml_sax_replay(xmlDocGetRootElement(doc),
	    "deep.xml", &handler, &s), 0);
	assert_int_equal(s.max_depth, 256);
	seen_free(&s);
	xmlFreeDoc(doc);
	free(deep);
	/* No element: refused. */
	assert_int_equal(ks_xml_sax_replay(NULL, "none", &handler, &s),
	    KS_EPARSE);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_xml_sax__events, setup),
		cmocka_unit_test_setup(
		    test_xml_sax__billion_laughs_refused_fast, setup),
		cmocka_unit_test_setup(
		    test_xml_sax__external_entity_never_loaded, setup),
		cmocka_unit_test_setup(test_xml_sax__deep_nesting_is_limit,
		    setup),
		cmocka_unit_test_setup(
		    test_xml_sax__malformed_reports_line_col, setup),
		cmocka_unit_test_setup(test_xml_sax__bad_utf8_is_parse_error,
		    setup),
		cmocka_unit_test_setup(test_xml_sax__callback_stop_and_files,
		    setup),
		cmocka_unit_test(test_xml_sax__replay_equals_parse),
		cmocka_unit_test_setup(test_xml_sax__replay_stop_and_depth,
		    setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
