/*
 * Tests for the safe XML loader (platform/base/xml.c): what it refuses
 * (entity declarations, external loads, deep nesting, bad bytes) and the
 * shape of its error messages.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <pthread.h>
#include <cmocka.h>

#include <libxml/tree.h>
#include <libxml/xmlreader.h>

#include "platform/base/base.h"

/* Reads a whole document from memory; returns the last ks_xml_reader_next
 * result and counts element nodes into *elems. */
static int
read_all(const char *doc, const char *name, int *elems)
{
	struct _xmlTextReader *r = NULL;
	int rc;

	*elems = 0;
	rc = ks_xml_reader_mem(&r, doc, strlen(doc), name);
	if (rc != 0)
		return rc;
	while ((rc = ks_xml_reader_next(r)) == 1)
		if (xmlTextReaderNodeType(r) == XML_READER_TYPE_ELEMENT)
			(*elems)++;
	ks_xml_reader_free(r);
	return rc;
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

static const char billion_laughs[] =
    "<?xml version=\"1.0\"?>\n"
    "<!DOCTYPE lolz [\n"
    " <!ENTITY lol \"lol\">\n"
    " <!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n"
    " <!ENTITY lol2 \"&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;"
    "&lol1;&lol1;\">\n"
    " <!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;"
    "&lol2;&lol2;\">\n"
    " <!ENTITY lol4 \"&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;"
    "&lol3;&lol3;\">\n"
    " <!ENTITY lol5 \"&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;"
    "&lol4;&lol4;\">\n"
    " <!ENTITY lol6 \"&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;"
    "&lol5;&lol5;\">\n"
    " <!ENTITY lol7 \"&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;"
    "&lol6;&lol6;\">\n"
    " <!ENTITY lol8 \"&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;"
    "&lol7;&lol7;\">\n"
    " <!ENTITY lol9 \"&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;"
    "&lol8;&lol8;\">\n"
    "]>\n"
    "<lolz a=\"&lol9;\">&lol9;</lolz>\n";

static void
test_xml__normal_document_reads(void **state)
{
	static const char doc[] =
	    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<root xmlns=\"urn:x\">\n"
	    "  <item id=\"1\">one &amp; &lt;two&gt;</item>\n"
	    "  <item id=\"2\"><![CDATA[raw <text>]]></item>\n"
	    "  <empty/>\n"
	    "</root>\n";
	struct _xmlTextReader *r = NULL;
	int rc, elems = 0, texts = 0;
	bool saw_cdata_text = false, saw_amp = false;

	assert_int_equal(ks_xml_reader_mem(&r, doc, strlen(doc), "t.xml"), 0);
	assert_string_equal(ks_xml_reader_name(r), "t.xml");
	while ((rc = ks_xml_reader_next(r)) == 1) {
		int type = xmlTextReaderNodeType(r);

		if (type == XML_READER_TYPE_ELEMENT)
			elems++;
		/* NOCDATA: CDATA arrives as an ordinary text node. */
		assert_int_not_equal(type, XML_READER_TYPE_CDATA);
		if (type == XML_READER_TYPE_TEXT) {
			const char *v =
			    (const char *)xmlTextReaderConstValue(r);
			texts++;
			if (strcmp(v, "raw <text>") == 0)
				saw_cdata_text = true;
			if (strcmp(v, "one & <two>") == 0)
				saw_amp = true;
		}
	}
	assert_int_equal(rc, 0);
	assert_int_equal(elems, 4);
	assert_int_equal(texts, 2);
	assert_true(saw_cdata_text);
	assert_true(saw_amp);
	assert_int_equal(ks_xml_reader_line(r), 7);
	ks_xml_reader_free(r);
}

static void
test_xml__billion_laughs_refused_fast(void **state)
{
	xmlDocPtr doc = NULL;
	double t0 = ks_time_mono();
	int elems, rc;

	rc = read_all(billion_laughs, "lol.xml", &elems);
	assert_int_equal(rc, KS_EPARSE);
	assert_int_equal(elems, 0);
	assert_non_null(strstr(ks_error_msg(), "lol.xml:"));
	rc = ks_xml_doc_read_mem(&doc, billion_laughs, strlen(billion_laughs),
	    "lol.xml");
	assert_int_equal(rc, KS_EPARSE);
	assert_null(doc);
	assert_non_null(strstr(ks_error_msg(), "lol.xml:"));
	assert_non_null(strstr(ks_error_msg(), "entit"));
	assert_true(ks_time_mono() - t0 < 1.0);
}

static void
test_xml__entity_declaration_refused(void **state)
{
	/* Even a harmless internal entity is refused: no declarations. */
	static const char doc[] =
	    "<?xml version=\"1.0\"?>\n"
	    "<!DOCTYPE r [ <!ENTITY e \"hello\"> ]>\n"
	    "<r>x</r>\n";
	xmlDocPtr d = NULL;
	int elems;

	assert_int_equal(read_all(doc, "e.xml", &elems), KS_EPARSE);
	assert_non_null(strstr(ks_error_msg(), "e.xml:"));
	assert_non_null(strstr(ks_error_msg(), "refused"));
	assert_int_equal(ks_xml_doc_read_mem(&d, doc, strlen(doc), "e.xml"),
	    KS_EPARSE);
	assert_null(d);
	assert_string_equal(ks_error_msg(),
	    "e.xml:2: document declares entity 'e' in its DTD; refused");
}

static void
test_xml__dtd_without_entities_ok(void **state)
{
	static const char doc[] =
	    "<?xml version=\"1.0\"?>\n"
	    "<!DOCTYPE r [ <!ELEMENT r (#PCDATA)> ]>\n"
	    "<r>x</r>\n";
	xmlDocPtr d = NULL;
	int elems;

	assert_int_equal(read_all(doc, "d.xml", &elems), 0);
	assert_int_equal(elems, 1);
	assert_int_equal(ks_xml_doc_read_mem(&d, doc, strlen(doc), "d.xml"),
	    0);
	assert_non_null(d);
	xmlFreeDoc(d);
}

/* Writes a secret file and a document naming it as an external entity (and
 * an external DTD); the secret must never appear in what we read. */
static void
test_xml__external_entity_never_loaded(void **state)
{
	char dir[] = "/tmp/ks_xml_XXXXXX";
	char secret[256], dtd[256], docbuf[1024], path[256];
	struct _xmlTextReader *r = NULL;
	xmlDocPtr d = NULL;
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
	rc = ks_xml_reader_mem(&r, docbuf, strlen(docbuf), "xxe.xml");
	assert_int_equal(rc, 0);
	while ((rc = ks_xml_reader_next(r)) == 1) {
		const xmlChar *v = xmlTextReaderConstValue(r);

		assert_true(v == NULL ||
		    strstr((const char *)v, "TOPSECRET") == NULL);
	}
	assert_int_equal(rc, KS_EPARSE);
	ks_xml_reader_free(r);
	assert_int_equal(ks_xml_doc_read_mem(&d, docbuf, strlen(docbuf),
	    "xxe.xml"), KS_EPARSE);
	assert_null(d);

	/* 2: an external DTD subset defining the entity: never fetched,
	 * so the reference is undefined (an error), never the secret. */
	snprintf(docbuf, sizeof(docbuf),
	    "<?xml version=\"1.0\"?>\n"
	    "<!DOCTYPE r SYSTEM \"file://%s\">\n"
	    "<r>&x;</r>\n", dtd);
	assert_int_equal(ks_file_write_atomic(path, docbuf, strlen(docbuf)),
	    0);
	rc = ks_xml_reader_open(&r, path);
	assert_int_equal(rc, 0);
	while ((rc = ks_xml_reader_next(r)) == 1) {
		const xmlChar *v = xmlTextReaderConstValue(r);

		assert_true(v == NULL ||
		    strstr((const char *)v, "TOPSECRET") == NULL);
	}
	ks_xml_reader_free(r);
	rc = ks_xml_doc_read_file(&d, path);
	if (rc == 0) {
		xmlChar *s = xmlNodeGetContent(xmlDocGetRootElement(d));

		assert_true(s == NULL ||
		    strstr((const char *)s, "TOPSECRET") == NULL);
		xmlFree(s);
		xmlFreeDoc(d);
	}

	unlink(secret);
	unlink(dtd);
	unlink(path);
	rmdir(dir);
}

static void
test_xml__deep_nesting_is_limit(void **state)
{
	char *doc = nest(300);
	xmlDocPtr d = NULL;
	int elems;

	assert_int_equal(read_all(doc, "deep.xml", &elems), KS_ELIMIT);
	assert_non_null(strstr(ks_error_msg(), "deep.xml:"));
	assert_non_null(strstr(ks_error_msg(), "nesting deeper than 256"));
	assert_int_equal(ks_xml_doc_read_mem(&d, doc, strlen(doc), "deep.xml"),
	    KS_ELIMIT);
	assert_null(d);
	assert_non_null(strstr(ks_error_msg(), "nesting deeper than 256"));
	free(doc);

	/* Exactly 256 levels is allowed. */
	doc = nest(256);
	assert_int_equal(read_all(doc, "ok.xml", &elems), 0);
	assert_int_equal(elems, 256);
	assert_int_equal(ks_xml_doc_read_mem(&d, doc, strlen(doc), "ok.xml"),
	    0);
	xmlFreeDoc(d);
	free(doc);

	/* 257 levels: refused by all three (libxml2 alone would take them:
	 * its own cap is one level deeper). */
	doc = nest(257);
	assert_int_equal(read_all(doc, "d257.xml", &elems), KS_ELIMIT);
	assert_int_equal(ks_xml_doc_read_mem(&d, doc, strlen(doc),
	    "d257.xml"), KS_ELIMIT);
	assert_non_null(strstr(ks_error_msg(), "d257.xml:2: nesting deeper "
	    "than 256"));
	{
		char dir[] = "/tmp/kensa-xml-XXXXXX", path[64];

		assert_non_null(mkdtemp(dir));
		snprintf(path, sizeof(path), "%s/d257.xml", dir);
		assert_int_equal(ks_file_write_atomic(path, doc, strlen(doc)),
		    0);
		assert_int_equal(ks_xml_doc_read_file(&d, path), KS_ELIMIT);
		assert_null(d);
		assert_non_null(strstr(ks_error_msg(), "nesting deeper than "
		    "256"));
		unlink(path);
		rmdir(dir);
	}
	free(doc);
}

static void
test_xml__malformed_reports_line_col(void **state)
{
	static const char doc[] =
	    "<?xml version=\"1.0\"?>\n"
	    "<root>\n"
	    "  <a>text</b>\n"
	    "</root>\n";
	xmlDocPtr d = NULL;
	int elems;

	assert_int_equal(read_all(doc, "bad.xml", &elems), KS_EPARSE);
	assert_true(strncmp(ks_error_msg(), "bad.xml:3:", 10) == 0);
	/* name:LINE:COL: message, with a column number and no newline. */
	assert_non_null(strstr(ks_error_msg(), "mismatch"));
	assert_null(strchr(ks_error_msg(), '\n'));
	assert_int_equal(ks_xml_doc_read_mem(&d, doc, strlen(doc), "bad.xml"),
	    KS_EPARSE);
	assert_true(strncmp(ks_error_msg(), "bad.xml:3:", 10) == 0);
	{
		/* the column field is a number followed by ": " */
		const char *p = ks_error_msg() + 10;
		char *end;

		assert_true(strtol(p, &end, 10) > 0);
		assert_true(end[0] == ':' && end[1] == ' ');
	}
}

static void
test_xml__bad_utf8_is_parse_error(void **state)
{
	static const char doc[] =
	    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<r>caf\xe9 \xff\xfe</r>\n";
	xmlDocPtr d = NULL;
	int elems;

	assert_int_equal(read_all(doc, "u.xml", &elems), KS_EPARSE);
	assert_true(strncmp(ks_error_msg(), "u.xml:2:", 8) == 0);
	assert_int_equal(ks_xml_doc_read_mem(&d, doc, strlen(doc), "u.xml"),
	    KS_EPARSE);
	assert_null(d);
}

static void
test_xml__reader_stays_failed(void **state)
{
	static const char doc[] = "<r><a></r>";
	struct _xmlTextReader *r = NULL;
	char first[512];
	int rc;

	assert_int_equal(ks_xml_reader_mem(&r, doc, strlen(doc), NULL), 0);
	assert_string_equal(ks_xml_reader_name(r), "(memory)");
	while ((rc = ks_xml_reader_next(r)) == 1)
		;
	assert_int_equal(rc, KS_EPARSE);
	snprintf(first, sizeof(first), "%s", ks_error_msg());
	ks_error_clear();
	assert_int_equal(ks_xml_reader_next(r), KS_EPARSE);
	assert_string_equal(ks_error_msg(), first);
	ks_xml_reader_free(r);
}

static void
test_xml__open_missing_file(void **state)
{
	struct _xmlTextReader *r = NULL;
	xmlDocPtr d = NULL;

	assert_int_equal(ks_xml_reader_open(&r, "/nonexistent/ks/x.xml"),
	    KS_ENOTFOUND);
	assert_null(r);
	assert_non_null(strstr(ks_error_msg(), "/nonexistent/ks/x.xml"));
	assert_int_equal(ks_xml_doc_read_file(&d, "/nonexistent/ks/x.xml"),
	    KS_ENOTFOUND);
	assert_null(d);
}

static void
test_xml__file_reader_and_dom(void **state)
{
	char dir[] = "/tmp/ks_xml_XXXXXX", path[256];
	static const char doc[] = "<a><b x=\"1\"/><b x=\"2\">t</b></a>\n";
	struct _xmlTextReader *r = NULL;
	xmlDocPtr d = NULL;
	int rc, n = 0;

	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/f.xml", dir);
	assert_int_equal(ks_file_write_atomic(path, doc, strlen(doc)), 0);
	assert_int_equal(ks_xml_reader_open(&r, path), 0);
	assert_string_equal(ks_xml_reader_name(r), path);
	while ((rc = ks_xml_reader_next(r)) == 1)
		n++;
	assert_int_equal(rc, 0);
	/* a, b (empty), b, text, end of b, end of a */
	assert_int_equal(n, 6);
	ks_xml_reader_free(r);
	assert_int_equal(ks_xml_doc_read_file(&d, path), 0);
	assert_string_equal((const char *)xmlDocGetRootElement(d)->name, "a");
	xmlFreeDoc(d);
	unlink(path);
	rmdir(dir);
}

static void
test_xml__empty_and_garbage(void **state)
{
	xmlDocPtr d = NULL;
	int elems;

	assert_int_equal(read_all("", "empty.xml", &elems), KS_EPARSE);
	assert_int_equal(read_all("not xml", "g.xml", &elems), KS_EPARSE);
	assert_int_equal(ks_xml_doc_read_mem(&d, "", 0, "empty.xml"),
	    KS_EPARSE);
	assert_non_null(strstr(ks_error_msg(), "empty.xml"));
}

/* A text node over libxml2's 10 MB cap (reader) or over KS_XML_MAX_TEXT
 * (DOM) is a limit, not a crash or a silent truncation. */
static void
test_xml__text_caps(void **state)
{
	size_t n = (11u << 20) + 16, dn = KS_XML_MAX_TEXT + 64;
	char *doc = ks_malloc(dn + 32);
	xmlDocPtr d = NULL;
	int elems;

	memcpy(doc, "<r>", 3);
	memset(doc + 3, 'x', n);
	memcpy(doc + 3 + n, "</r>", 5);
	assert_int_equal(read_all(doc, "t.xml", &elems), KS_ELIMIT);
	assert_true(strncmp(ks_error_msg(), "t.xml:1:", 8) == 0);

	memcpy(doc, "<r><a>", 6);
	memset(doc + 6, 'y', dn);
	memcpy(doc + 6 + dn, "</a></r>", 9);
	assert_int_equal(ks_xml_doc_read_mem(&d, doc, strlen(doc), "t.xml"),
	    KS_ELIMIT);
	assert_null(d);
	assert_string_equal(ks_error_msg(), "t.xml:1: text larger than "
	    "67108864 bytes");
	free(doc);
}

struct xml_thread {
	int	 id;
	int	 ok;
};

/* Each thread reads its own documents; messages must stay per thread. */
static void *
xml_thread_main(void *arg)
{
	struct xml_thread *t = arg;
	char name[32], doc[128];
	int i, elems, rc;

	t->ok = 1;
	for (i = 0; i < 200; i++) {
		snprintf(name, sizeof(name), "t%d-%d.xml", t->id, i);
		if (i % 2 == 0) {
			snprintf(doc, sizeof(doc), "<a><b>%d</b></a>", i);
			if (read_all(doc, name, &elems) != 0 || elems != 2)
				t->ok = 0;
		} else {
			snprintf(doc, sizeof(doc), "<a>\n<b></a>");
			rc = read_all(doc, name, &elems);
			if (rc != KS_EPARSE || strncmp(ks_error_msg(), name,
			    strlen(name)) != 0 ||
			    ks_error_msg()[strlen(name)] != ':')
				t->ok = 0;
		}
	}
	return NULL;
}

static void
test_xml__threads(void **state)
{
	struct xml_thread t[4];
	pthread_t th[4];
	int i;

	for (i = 0; i < 4; i++) {
		t[i].id = i;
		assert_int_equal(pthread_create(&th[i], NULL, xml_thread_main,
		    &t[i]), 0);
	}
	for (i = 0; i < 4; i++) {
		assert_int_equal(pthread_join(th[i], NULL), 0);
		assert_true(t[i].ok);
	}
}

/* A declared legacy encoding is converted to UTF-8; a namespace warning
 * (relative URI) does not fail the document. */
static void
test_xml__declared_encoding_and_warnings(void **state)
{
	static const char latin[] =
	    "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n"
	    "<r xmlns=\"relative\">caf\xe9</r>\n";
	struct _xmlTextReader *r = NULL;
	bool seen = false;
	int rc;

	assert_int_equal(ks_xml_reader_mem(&r, latin, strlen(latin), "l.xml"),
	    0);
	while ((rc = ks_xml_reader_next(r)) == 1)
		if (xmlTextReaderNodeType(r) == XML_READER_TYPE_TEXT) {
			assert_string_equal(
			    (const char *)xmlTextReaderConstValue(r),
			    "caf\xc3\xa9");
			seen = true;
		}
	assert_int_equal(rc, 0);
	assert_true(seen);
	ks_xml_reader_free(r);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_xml__normal_document_reads),
		cmocka_unit_test(test_xml__billion_laughs_refused_fast),
		cmocka_unit_test(test_xml__entity_declaration_refused),
		cmocka_unit_test(test_xml__dtd_without_entities_ok),
		cmocka_unit_test(test_xml__external_entity_never_loaded),
		cmocka_unit_test(test_xml__deep_nesting_is_limit),
		cmocka_unit_test(test_xml__malformed_reports_line_col),
		cmocka_unit_test(test_xml__bad_utf8_is_parse_error),
		cmocka_unit_test(test_xml__reader_stays_failed),
		cmocka_unit_test(test_xml__open_missing_file),
		cmocka_unit_test(test_xml__file_reader_and_dom),
		cmocka_unit_test(test_xml__empty_and_garbage),
		cmocka_unit_test(test_xml__text_caps),
		cmocka_unit_test(test_xml__threads),
		cmocka_unit_test(test_xml__declared_encoding_and_warnings),
	};

	ks_xml_init();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
