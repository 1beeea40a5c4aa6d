/*
 * Tests for the streaming XML writer (platform/base/xmlw.c): escaping of
 * every special character, U+FFFD for what XML cannot carry, nesting and
 * indentation, empty elements, misuse and caps, output bigger than the
 * buffer, write errors on a full disk, and that libxml2 reads the output
 * back to the values written.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "platform/base/base.h"
#include "platform/base/xmlw.h"

/* A writer on an in-memory stream; out() returns what it holds. */
struct mem {
	FILE *fp;
	char *data;
	size_t len;
	struct ks_xmlw *w;
};

static void
mem_open(struct mem *m, unsigned flags)
{
	memset(m, 0, sizeof(*m));
	m->fp = open_memstream(&m->data, &m->len);
	assert_non_null(m->fp);
	assert_int_equal(ks_xmlw_new(&m->w, m->fp, "mem.xml", flags), 0);
}

/* Finishes the writer; returns its status. m->data holds the output. */
static int
mem_finish(struct mem *m)
{
	int rc = ks_xmlw_finish(m->w);

	ks_xmlw_free(m->w);
	m->w = NULL;
	assert_int_equal(fclose(m->fp), 0);
	m->fp = NULL;
	return rc;
}

static void
mem_free(struct mem *m)
{
	ks_xmlw_free(m->w);
	if (m->fp != NULL)
		fclose(m->fp);
	free(m->data);
}

/* The output of one element <e a="attr">text</e>, no declaration. */
static char *
one_elem(const char *attr, const char *text)
{
	struct mem m;
	char *s;

	mem_open(&m, 0);
	ks_xmlw_start(m.w, "e");
	ks_xmlw_attr(m.w, "a", attr);
	ks_xmlw_text(m.w, text);
	ks_xmlw_end(m.w);
	assert_int_equal(mem_finish(&m), 0);
	s = m.data;
	m.data = NULL;
	mem_free(&m);
	return s;
}

/*
 * XML 1.0 section 2.4: "&" and "<" must be escaped in character data, and
 * ">" in "]]>"; we always escape ">". Section 2.11 normalises a literal CR
 * to LF on input, so a CR is written as &#13; to survive. Section 3.3.3
 * normalises tab, newline and CR in attribute values to spaces, so those
 * are written as character references there, and '"' delimits the value.
 */
static void
test_xmlw__escape_text(void **state)
{
	char *s = one_elem(NULL, "a&b<c>d\"e'f\rg\th\ni");

	assert_string_equal(s, "<e>a&amp;b&lt;c&gt;d\"e'f&#13;g\th\ni</e>");
	free(s);
}

static void
test_xmlw__escape_attr(void **state)
{
	char *s = one_elem("a&b<c>d\"e'f\rg\th\ni", NULL);

	assert_string_equal(
	    s, "<e a=\"a&amp;b&lt;c&gt;d&quot;e'f&#13;g&#9;h&#10;i\"/>");
	free(s);
}

static void
test_xmlw__plain_ascii_unchanged(void **state)
{
	char in[128], want[256];
	char *s;
	size_t n = 0;

	/* Every printable ASCII character except the escaped ones, DEL
	 * included (XML 1.0 Char allows #x20-#xD7FF). */
	for (int c = 0x20; c <= 0x7F; c++)
		if (c != '&' && c != '<' && c != '>' && c != '"')
			in[n++] = (char)c;
	in[n] = '\0';
	s = one_elem(in, in);
	assert_true(snprintf(want, sizeof(want), "<e a=\"%s\">%s</e>", in,
	                     in) < (int)sizeof(want));
	assert_string_equal(s, want);
	free(s);
}

/* Valid UTF-8 passes through untouched, in text and attributes. */
static void
test_xmlw__utf8_kept(void **state)
{
	const char *u = "\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80\xC2\x80"
	                "\xED\x9F\xBF\xEE\x80\x80\xF4\x8F\xBF\xBF";
	char want[128];
	char *s = one_elem(u, u);

	(void)snprintf(want, sizeof(want), "<e a=\"%s\">%s</e>", u, u);
	assert_string_equal(s, want);
	free(s);
}

/*
 * XML 1.0 section 2.2: Char ::= #x9 | #xA | #xD | [#x20-#xD7FF] |
 * [#xE000-#xFFFD] | [#x10000-#x10FFFF]. Each byte that does not start such
 * a character (in well-formed UTF-8) becomes one U+FFFD.
 */
static void
test_xmlw__invalid_replaced(void **state)
{
	static const struct {
		const char *in;
		const char *out;
	} cases[] = {
	    {"a\x01" "b", "a\xEF\xBF\xBD" "b"},         /* C0 control */
	    {"\x1F", "\xEF\xBF\xBD"},                   /* unit separator */
	    {"\x0B\x0C", "\xEF\xBF\xBD\xEF\xBF\xBD"},   /* VT, FF */
	    {"x\x80y", "x\xEF\xBF\xBDy"},               /* lone continuation */
	    {"\xC3", "\xEF\xBF\xBD"},                   /* truncated */
	    {"\xC3(", "\xEF\xBF\xBD("},                 /* bad continuation */
	    {"\xC0\xAF", "\xEF\xBF\xBD\xEF\xBF\xBD"},   /* overlong '/' */
	    {"\xE0\x80\xAF", "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"},
	    {"\xED\xA0\x80", "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"},
	    {"\xEF\xBF\xBE", "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"},
	    {"\xEF\xBF\xBF", "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"},
	    {"\xF4\x90\x80\x80",
	     "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"},
	    {"\xFF", "\xEF\xBF\xBD"},
	    {"\xF0\x9F\x98", "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"},
	};
	char want[256];

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *s = one_elem(cases[i].in, cases[i].in);

		(void)snprintf(want, sizeof(want), "<e a=\"%s\">%s</e>",
		               cases[i].out, cases[i].out);
		assert_string_equal(s, want);
		free(s);
	}
}

/* ks_xmlw_text_n writes exactly n bytes; a NUL among them is replaced. */
static void
test_xmlw__text_n_nul(void **state)
{
	struct mem m;

	mem_open(&m, 0);
	ks_xmlw_start(m.w, "e");
	ks_xmlw_text_n(m.w, "a\0b&cdef", 5);
	ks_xmlw_end(m.w);
	assert_int_equal(mem_finish(&m), 0);
	assert_string_equal(m.data, "<e>a\xEF\xBF\xBD" "b&amp;c</e>");
	mem_free(&m);
}

static void
build_tree(struct ks_xmlw *w)
{
	ks_xmlw_decl(w);
	ks_xmlw_start(w, "a");
	ks_xmlw_attr(w, "xmlns:p", "urn:p");
	ks_xmlw_attr_u32(w, "n", 42);
	ks_xmlw_start(w, "b");
	ks_xmlw_end(w);
	ks_xmlw_elem(w, "c", "t");
	ks_xmlw_start2(w, "p", "d");
	ks_xmlw_start2(w, NULL, "e");
	ks_xmlw_end(w);
	ks_xmlw_start2(w, "", "f");
	ks_xmlw_attr_bool(w, "ok", true);
	ks_xmlw_end(w);
	ks_xmlw_end(w);
	ks_xmlw_elem(w, "g", NULL);
	ks_xmlw_elem(w, "h", "");
	ks_xmlw_end(w);
}

static void
test_xmlw__nesting_indented(void **state)
{
	struct mem m;

	mem_open(&m, KS_XMLW_INDENT);
	build_tree(m.w);
	assert_int_equal(mem_finish(&m), 0);
	assert_string_equal(m.data,
	                    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	                    "<a xmlns:p=\"urn:p\" n=\"42\">\n"
	                    "  <b/>\n"
	                    "  <c>t</c>\n"
	                    "  <p:d>\n"
	                    "    <e/>\n"
	                    "    <f ok=\"true\"/>\n"
	                    "  </p:d>\n"
	                    "  <g/>\n"
	                    "  <h/>\n"
	                    "</a>\n");
	mem_free(&m);
}

static void
test_xmlw__nesting_flat(void **state)
{
	struct mem m;

	mem_open(&m, 0);
	build_tree(m.w);
	assert_int_equal(mem_finish(&m), 0);
	assert_string_equal(m.data,
	                    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	                    "<a xmlns:p=\"urn:p\" n=\"42\"><b/><c>t</c>"
	                    "<p:d><e/><f ok=\"true\"/></p:d><g/><h/></a>");
	mem_free(&m);
}

/* finish ends whatever is still open, innermost first. */
static void
test_xmlw__finish_closes(void **state)
{
	struct mem m;

	mem_open(&m, 0);
	ks_xmlw_start(m.w, "a");
	ks_xmlw_start(m.w, "b");
	ks_xmlw_text(m.w, "x");
	ks_xmlw_start(m.w, "c");
	assert_int_equal(mem_finish(&m), 0);
	assert_string_equal(m.data, "<a><b>x<c/></b></a>");
	mem_free(&m);
}

static void
test_xmlw__numbers(void **state)
{
	struct mem m;

	mem_open(&m, 0);
	ks_xmlw_start(m.w, "e");
	ks_xmlw_attr_u32(m.w, "a", 0);
	ks_xmlw_attr_u32(m.w, "b", UINT32_MAX);
	ks_xmlw_attr_i64(m.w, "c", INT64_MIN);
	ks_xmlw_attr_i64(m.w, "d", INT64_MAX);
	ks_xmlw_attr_i64(m.w, "e", -7);
	ks_xmlw_attr_bool(m.w, "f", false);
	ks_xmlw_attr(m.w, "g", NULL); /* nothing */
	ks_xmlw_attr(m.w, "h", "");
	ks_xmlw_end(m.w);
	assert_int_equal(mem_finish(&m), 0);
	assert_string_equal(m.data,
	                    "<e a=\"0\" b=\"4294967295\" "
	                    "c=\"-9223372036854775808\" "
	                    "d=\"9223372036854775807\" e=\"-7\" f=\"false\" "
	                    "h=\"\"/>");
	mem_free(&m);
}

/* Raw bytes go out as they are, in order with buffered output around
 * them, also when they are bigger than the buffer. */
static void
test_xmlw__raw_order(void **state)
{
	size_t big = KS_XMLW_BUFSZ * 2 + 17;
	char *raw = malloc(big);
	struct mem m;

	assert_non_null(raw);
	memset(raw, 'r', big);
	raw[0] = '[';
	raw[big - 1] = ']';
	mem_open(&m, 0);
	ks_xmlw_start(m.w, "a");
	ks_xmlw_text(m.w, "before");
	ks_xmlw_raw(m.w, raw, big);
	ks_xmlw_raw(m.w, "<x/>", 4);
	ks_xmlw_elem(m.w, "b", "after");
	ks_xmlw_end(m.w);
	assert_int_equal(mem_finish(&m), 0);
	assert_int_equal(m.len, strlen("<a>before") + big +
	                            strlen("<x/><b>after</b></a>"));
	assert_memory_equal(m.data, "<a>before[", 10);
	assert_memory_equal(m.data + 9 + big - 1, "]<x/><b>after</b></a>",
	                    21);
	mem_free(&m);
	free(raw);
}

/* An attribute after content, an end with nothing open and text outside
 * the root are errors; the first error sticks and stops all output. */
static void
test_xmlw__misuse(void **state)
{
	struct mem m;

	mem_open(&m, 0);
	ks_xmlw_start(m.w, "a");
	ks_xmlw_text(m.w, "t");
	ks_xmlw_attr(m.w, "late", "x");
	assert_int_equal(ks_xmlw_status(m.w), KS_ERROR);
	assert_non_null(strstr(ks_error_msg(), "mem.xml"));
	assert_non_null(strstr(ks_error_msg(), "attribute"));
	ks_xmlw_start(m.w, "b"); /* ignored */
	assert_int_equal(mem_finish(&m), KS_ERROR);
	/* after a failure nothing more reaches the stream */
	assert_int_equal(m.len, 0);
	mem_free(&m);

	mem_open(&m, 0);
	ks_xmlw_end(m.w);
	assert_int_equal(mem_finish(&m), KS_ERROR);
	mem_free(&m);

	mem_open(&m, 0);
	ks_xmlw_text(m.w, "loose");
	assert_int_equal(mem_finish(&m), KS_ERROR);
	mem_free(&m);

	/* a caller's own failure is kept as given */
	mem_open(&m, 0);
	ks_xmlw_start(m.w, "a");
	ks_xmlw_fail(m.w, KS_EPARSE);
	ks_xmlw_fail(m.w, KS_ENOMEM);
	assert_int_equal(mem_finish(&m), KS_EPARSE);
	mem_free(&m);
}

static void
test_xmlw__caps(void **state)
{
	struct mem m;
	char name[KS_XMLW_MAX_NAME + 2];

	mem_open(&m, 0);
	for (int i = 0; i <= KS_XMLW_MAX_DEPTH; i++)
		ks_xmlw_start(m.w, "d");
	assert_int_equal(ks_xmlw_status(m.w), KS_ELIMIT);
	assert_int_equal(mem_finish(&m), KS_ELIMIT);
	mem_free(&m);

	memset(name, 'n', sizeof(name) - 1);
	name[sizeof(name) - 1] = '\0';
	mem_open(&m, 0);
	ks_xmlw_start(m.w, name);
	assert_int_equal(mem_finish(&m), KS_ELIMIT);
	mem_free(&m);

	/* the longest name allowed works, with a prefix counted in */
	name[KS_XMLW_MAX_NAME - 2] = '\0';
	mem_open(&m, 0);
	ks_xmlw_start2(m.w, "p", name);
	ks_xmlw_end(m.w);
	assert_int_equal(mem_finish(&m), 0);
	assert_int_equal(m.len, 1 + KS_XMLW_MAX_NAME + 2);
	mem_free(&m);
}

/* A full disk: the failure is reported once, with the errno text, whether
 * it happens while writing a big document or only at the final flush. */
static void
test_xmlw__full_disk(void **state)
{
	for (int big = 0; big < 2; big++) {
		struct ks_xmlw *w;
		FILE *fp = fopen("/dev/full", "w");
		int rc;

		assert_non_null(fp);
		assert_int_equal(ks_xmlw_new(&w, fp, "full.xml", 0), 0);
		ks_xmlw_decl(w);
		ks_xmlw_start(w, "a");
		for (int i = 0; big && i < 100000; i++)
			ks_xmlw_elem(w, "item", "some text to fill a buffer");
		if (big)
			assert_int_equal(ks_xmlw_status(w), KS_ERROR);
		else
			assert_int_equal(ks_xmlw_status(w), 0);
		ks_error_clear();
		rc = ks_xmlw_finish(w);
		assert_int_equal(rc, KS_ERROR);
		if (!big) {
			assert_non_null(strstr(ks_error_msg(), "full.xml"));
			assert_non_null(
			    strstr(ks_error_msg(), "No space left on device"));
		}
		ks_xmlw_free(w);
		fclose(fp);
	}
	/* the message set by the first failure names the cause */
	{
		struct ks_xmlw *w;
		FILE *fp = fopen("/dev/full", "w");

		assert_non_null(fp);
		setvbuf(fp, NULL, _IONBF, 0);
		assert_int_equal(ks_xmlw_new(&w, fp, "full2.xml", 0), 0);
		ks_xmlw_start(w, "a");
		for (int i = 0; i < 100000; i++)
			ks_xmlw_elem(w, "item", "some text to fill a buffer");
		assert_int_equal(ks_xmlw_finish(w), KS_ERROR);
		assert_non_null(
		    strstr(ks_error_msg(), "full2.xml: cannot write"));
		assert_non_null(
		    strstr(ks_error_msg(), "No space left on device"));
		ks_xmlw_free(w);
		fclose(fp);
	}
}

/* Whatever the values, libxml2 reads the document back: attributes and
 * text to the values written (invalid bytes as U+FFFD), element count
 * right across many buffer flushes. */
static void
test_xmlw__parses_back(void **state)
{
	char all[256];
	const char *want_attr = "t\tn\nr\rq\"a&l<g> ";
	struct mem m;
	xmlDocPtr doc;
	xmlNodePtr root, n;
	xmlChar *v;
	int count = 0, nitems = 20000;

	for (int i = 1; i < 256; i++)
		all[i - 1] = (char)i;
	all[255] = '\0';
	mem_open(&m, KS_XMLW_INDENT);
	ks_xmlw_decl(m.w);
	ks_xmlw_start(m.w, "root");
	ks_xmlw_attr(m.w, "all", all);
	ks_xmlw_attr(m.w, "ws", want_attr);
	ks_xmlw_start(m.w, "t");
	ks_xmlw_text(m.w, "cr\r lf\n tab\t & < > ]]> end");
	ks_xmlw_end(m.w);
	ks_xmlw_elem(m.w, "bytes", all);
	for (int i = 0; i < nitems; i++) {
		ks_xmlw_start(m.w, "item");
		ks_xmlw_attr_u32(m.w, "id", (uint32_t)i);
		ks_xmlw_text(m.w, "value <&> \xC3\xA9");
		ks_xmlw_end(m.w);
	}
	ks_xmlw_end(m.w);
	assert_int_equal(mem_finish(&m), 0);
	assert_true(m.len > KS_XMLW_BUFSZ);

	doc = xmlReadMemory(m.data, (int)m.len, "mem.xml", NULL,
	                    XML_PARSE_NONET | XML_PARSE_NOERROR |
	                        XML_PARSE_NOWARNING);
	assert_non_null(doc);
	root = xmlDocGetRootElement(doc);
	v = xmlGetProp(root, BAD_CAST "ws");
	assert_string_equal((const char *)v, want_attr);
	xmlFree(v);
	v = xmlGetProp(root, BAD_CAST "all");
	assert_non_null(v);
	/* tab, LF and CR survive; the other controls and every byte >= 0x80
	 * (none starts valid UTF-8 on its own) are U+FFFD */
	assert_memory_equal(v, "\xEF\xBF\xBD", 3);
	assert_non_null(strstr((const char *)v, "\t\n\xEF\xBF\xBD\xEF\xBF\xBD"
	                                        "\r\xEF\xBF\xBD"));
	assert_non_null(strstr((const char *)v, " !\"#$%&'()*+,-./0123456789"
	                                        ":;<=>?@ABCDEFGHIJKLMNOPQRSTUV"
	                                        "WXYZ[\\]^_`abcdefghijklmnopqrs"
	                                        "tuvwxyz{|}~\x7F\xEF\xBF\xBD"));
	xmlFree(v);
	for (n = root->children; n != NULL; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (xmlStrcmp(n->name, BAD_CAST "t") == 0) {
			v = xmlNodeGetContent(n);
			assert_string_equal((const char *)v,
			                    "cr\r lf\n tab\t & < > ]]> end");
			xmlFree(v);
		} else if (xmlStrcmp(n->name, BAD_CAST "item") == 0) {
			v = xmlNodeGetContent(n);
			assert_string_equal((const char *)v,
			                    "value <&> \xC3\xA9");
			xmlFree(v);
			count++;
		}
	}
	assert_int_equal(count, nitems);
	xmlFreeDoc(doc);
	mem_free(&m);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_xmlw__escape_text),
	    cmocka_unit_test(test_xmlw__escape_attr),
	    cmocka_unit_test(test_xmlw__plain_ascii_unchanged),
	    cmocka_unit_test(test_xmlw__utf8_kept),
	    cmocka_unit_test(test_xmlw__invalid_replaced),
	    cmocka_unit_test(test_xmlw__text_n_nul),
	    cmocka_unit_test(test_xmlw__nesting_indented),
	    cmocka_unit_test(test_xmlw__nesting_flat),
	    cmocka_unit_test(test_xmlw__finish_closes),
	    cmocka_unit_test(test_xmlw__numbers),
	    cmocka_unit_test(test_xmlw__raw_order),
	    cmocka_unit_test(test_xmlw__misuse),
	    cmocka_unit_test(test_xmlw__caps),
	    cmocka_unit_test(test_xmlw__full_disk),
	    cmocka_unit_test(test_xmlw__parses_back),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
