/*
 * Tests for the two-thread DOM loader (platform/base/xml_split.c): the tree
 * it builds is the one ks_xml_doc_read_file builds (every node, name,
 * namespace and line), its errors are that loader's, and it declines every
 * split point that is not one.
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
#include <libxml/dict.h>
#include <libxml/hash.h>
#include <libxml/valid.h>

#include "platform/base/base.h"
#include "platform/base/base_int.h"

/* Files of about 40 KB: the split's minimum is lowered for them. */
#define SPLIT_MIN	4096

static char tmpdir[] = "/tmp/ks_xml_split_XXXXXX";

static int
setup(void **state)
{
	(void)state;
	if (mkdtemp(tmpdir) == NULL)
		return -1;
	ks_xml_split_min_set(SPLIT_MIN);
	return 0;
}

static int
teardown(void **state)
{
	char cmd[128];

	(void)state;
	ks_xml_split_min_set(0);
	snprintf(cmd, sizeof(cmd), "rm -rf %s", tmpdir);
	return system(cmd);
}

static char *
write_doc(const char *name, const char *text)
{
	char *path = ks_asprintf("%s/%s", tmpdir, name);

	assert_int_equal(ks_file_write_atomic(path, text, strlen(text)), 0);
	return path;
}

/*
 * A data stream's shape: a prolog, a root with namespaces and xml:lang,
 * components holding elements of the root's namespaces, xml:lang, blanks
 * of every length (libxml2 keeps some in its dictionary), entities,
 * CDATA, comments and processing instructions between them. `mid` goes
 * in the middle of the file, `before` before the root, `tail` after it;
 * with `decoy` only the first component is named ds:component, so that
 * `mid` holds the only one the split could pick.
 */
static char *
make_stream(const char *mid, const char *tail, const char *before,
    bool decoy)
{
	struct ks_buf b;
	int i, j;

	ks_buf_init(&b, 0);
	ks_buf_puts(&b, "\xef\xbb\xbf<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
	    "\n<!-- a stream -->\n<?kensa test?>\n");
	ks_buf_puts(&b, before != NULL ? before : "");
	ks_buf_puts(&b, "<ds:data-stream-collection\n"
	    "    xmlns:ds=\"http://scap.nist.gov/schema/scap/source/1.2\"\n"
	    "    xmlns:x=\"urn:x\" xmlns=\"urn:default\"\n"
	    "    id='c&amp;1' xml:lang=\"en\">\n");
	for (i = 0; i < 12; i++) {
		if (i == 6 && mid != NULL)
			ks_buf_puts(&b, mid);
		const char *el = decoy && i > 0 ? "x:part" : "ds:component";

		ks_buf_printf(&b, "  <%s id=\"comp%d\">\n", el, i);
		for (j = 0; j < 40; j++)
			ks_buf_printf(&b, "    <x:item n=\"%d\" x:a=\"%s\" "
			    "xml:lang=\"ja\">%s<plain>v &lt; %d</plain>"
			    "<![CDATA[raw <%d>]]><!-- c%d --><?pi %d?>"
			    "                        \n"
			    "<x:long>%0128d</x:long></x:item>\n",
			    j, j % 2 ? "short" : "a somewhat longer value",
			    j % 3 ? "" : "\n      ", j, j, j, j, j);
		ks_buf_printf(&b, "  </%s>\n  <!-- between -->\n", el);
	}
	ks_buf_puts(&b, "</ds:data-stream-collection>\n");
	ks_buf_puts(&b, tail != NULL ? tail : "");
	return ks_buf_steal(&b);
}

/* The hook: elements the thread parsed, and whether they were dropped. */
struct seen {
	int	moved, dropped;
};

static void
seen_moved(struct _xmlNode *el, void *payload)
{
	struct seen *n = payload;

	assert_int_equal(el->type, XML_ELEMENT_NODE);
	n->moved++;
}

static void
seen_dropped(void *payload)
{
	struct seen *n = payload;

	n->dropped++;
}

/* Parses path both ways: rc and message must agree; *one and *two get the
 * trees (NULL on error). The hook sees the moved elements of a kept split
 * and is told when those of another were dropped. */
static int
parse_both(const char *path, xmlDoc **one, xmlDoc **two, char *msg1,
    size_t msgsz)
{
	struct seen n = { 0, 0 };
	struct ks_xml_split_hook hook = { seen_moved, seen_dropped, &n };
	unsigned kept = ks_xml_split_kept();
	int rc1, rc2;

	setenv("KENSA_XML_THREADS", "1", 1);
	rc1 = ks_xml_doc_read_file(one, path);
	snprintf(msg1, msgsz, "%s", rc1 != 0 ? ks_error_msg() : "");
	unsetenv("KENSA_XML_THREADS");
	rc2 = ks_xml_doc_read_file_split(two, path, "component", &hook);
	assert_int_equal(rc1, rc2);
	if (rc2 != 0)
		assert_string_equal(msg1, ks_error_msg());
	if (ks_xml_split_kept() != kept) {
		assert_true(n.moved > 0);
		assert_int_equal(n.dropped, 0);
	} else {
		assert_int_equal(n.dropped, n.moved > 0 ? 1 : 0);
	}
	return rc2;
}

static void
same_ns(const xmlDoc *db, const xmlNs *a, const xmlNs *b)
{
	assert_true((a == NULL) == (b == NULL));
	if (a == NULL)
		return;
	assert_string_equal(a->href, b->href);
	assert_true((a->prefix == NULL) == (b->prefix == NULL));
	/* The xml namespace is the document's own. */
	if (xmlStrEqual(a->prefix, BAD_CAST "xml"))
		assert_ptr_equal(b, db->oldNs);
}

static void
same_name(const xmlDoc *da, const xmlChar *a, const xmlDoc *db,
    const xmlChar *b)
{
	assert_string_equal(a, b);
	assert_int_equal(xmlDictOwns(da->dict, a), 1);
	assert_int_equal(xmlDictOwns(db->dict, b), 1);
}

/* Every node alike: type, names, namespace, content, line; every name
 * and dictionary string the document's own dictionary's. */
static void
same_node(const xmlDoc *da, const xmlNode *a, const xmlDoc *db,
    const xmlNode *b)
{
	assert_int_equal(a->type, b->type);
	assert_int_equal(a->line, b->line);
	assert_ptr_equal(b->doc, db);
	if (a->type == XML_ELEMENT_NODE || a->type == XML_PI_NODE)
		same_name(da, a->name, db, b->name);
	if (a->type == XML_ELEMENT_NODE) {
		const xmlAttr *x = a->properties, *y = b->properties;

		same_ns(db, a->ns, b->ns);
		for (; x != NULL; x = x->next, y = y->next) {
			assert_non_null(y);
			assert_ptr_equal(y->doc, db);
			assert_ptr_equal(y->parent, b);
			same_name(da, x->name, db, y->name);
			same_ns(db, x->ns, y->ns);
			same_node(da, x->children, db, y->children);
			assert_null(x->children->next);
			assert_null(y->children->next);
		}
		assert_null(y);
		return;
	}
	assert_non_null(a->content);
	assert_non_null(b->content);
	assert_string_equal(a->content, b->content);
	/* In its own document's dictionary where one parse has it there:
	 * never in the thread's, which is freed. */
	if (b->content != (const xmlChar *)&b->properties &&
	    xmlDictOwns(da->dict, a->content) == 1)
		assert_int_equal(xmlDictOwns(db->dict, b->content), 1);
}

static void
same_tree(const xmlDoc *da, const xmlDoc *db)
{
	const xmlNode *a = xmlDocGetRootElement(da);
	const xmlNode *b = xmlDocGetRootElement(db);
	const xmlNode *ra = a;

	while (a != NULL) {
		assert_non_null(b);
		same_node(da, a, db, b);
		if (a->type == XML_ELEMENT_NODE && a->children != NULL) {
			assert_non_null(b->children);
			assert_ptr_equal(b->children->parent, b);
			a = a->children;
			b = b->children;
			continue;
		}
		assert_null(b->children);
		while (a != ra && a->next == NULL) {
			assert_null(b->next);
			assert_ptr_equal(b->parent->last, b);
			a = a->parent;
			b = b->parent;
		}
		if (a == ra)
			break;
		assert_non_null(b->next);
		assert_ptr_equal(b->next->prev, b);
		a = a->next;
		b = b->next;
	}
}

static void
same_bytes(xmlDoc *a, xmlDoc *b)
{
	xmlChar *ta = NULL, *tb = NULL;
	int la = 0, lb = 0;

	xmlDocDumpMemory(a, &ta, &la);
	xmlDocDumpMemory(b, &tb, &lb);
	assert_int_equal(la, lb);
	assert_memory_equal(ta, tb, (size_t)la);
	xmlFree(ta);
	xmlFree(tb);
}

/* The stream splits, and the tree is the one parse's. */
static void
test_xml_split__same_tree(void **state)
{
	char *text = make_stream(NULL, "<!-- after -->\n", NULL, false);
	char *path = write_doc("same.xml", text);
	unsigned kept = ks_xml_split_kept();
	xmlDoc *one = NULL, *two = NULL;
	char msg[1024];

	assert_true(strlen(text) > SPLIT_MIN);
	assert_int_equal(parse_both(path, &one, &two, msg, sizeof(msg)), 0);
	assert_int_equal(ks_xml_split_kept(), kept + 1);
	same_tree(one, two);
	same_bytes(one, two);
	xmlFreeDoc(one);
	xmlFreeDoc(two);
	free(path);
	free(text);
}

/* Declined splits give the same tree: a split point inside a comment, a
 * CDATA section or a deeper element; a DTD; xml:id in the part that would
 * move (ids belong to the document's table, which must find it). */
static void
test_xml_split__declined(void **state)
{
	static const struct {
		const char *mid, *before;
	} cases[] = {
		{ "<!-- <ds:component id=\"no\"> -->\n", NULL },
		{ "<x:w><![CDATA[ <ds:component id=\"no\"> ]]></x:w>\n", NULL },
		{ "<x:w>\n<ds:component id=\"deep\"/></x:w>\n", NULL },
		{ NULL, "<!DOCTYPE ds:data-stream-collection>\n" },
	};
	char *text, *path;
	xmlDoc *one, *two;
	char msg[1024];

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *t = make_stream(cases[i].mid, NULL, cases[i].before,
		    cases[i].mid != NULL);
		unsigned kept;

		path = write_doc("declined.xml", t);
		kept = ks_xml_split_kept();
		one = two = NULL;
		assert_int_equal(parse_both(path, &one, &two, msg,
		    sizeof(msg)), 0);
		assert_int_equal(ks_xml_split_kept(), kept);
		same_tree(one, two);
		same_bytes(one, two);
		xmlFreeDoc(one);
		xmlFreeDoc(two);
		free(path);
		free(t);
	}

	/* xml:id after the split point: one parse, and id() finds it. */
	text = make_stream(NULL, NULL, NULL, false);
	{
		char *q = strstr(text + strlen(text) * 3 / 4, "<x:item ");

		assert_non_null(q);
		char *old = text;

		memcpy(q + 1, "x:ITEM ", 7);	/* keep the length */
		text = ks_asprintf("%.*s<x:item xml:id=\"here\"/>%s",
		    (int)(q - old), old, q);
		free(old);
	}
	{
		char *t2 = text;
		unsigned kept = ks_xml_split_kept();
		char *q;

		/* The renamed start tag needs its end tag renamed too. */
		q = strstr(t2 + (strstr(t2, "x:ITEM ") - t2), "</x:item>");
		memcpy(q + 2, "x:ITEM", 6);
		path = write_doc("xmlid.xml", t2);
		one = two = NULL;
		assert_int_equal(parse_both(path, &one, &two, msg,
		    sizeof(msg)), 0);
		assert_int_equal(ks_xml_split_kept(), kept);
		assert_non_null(xmlGetID(two, BAD_CAST "here"));
		same_tree(one, two);
		xmlFreeDoc(one);
		xmlFreeDoc(two);
		free(path);
	}
	free(text);
}

/* Errors read as one parse's: in the part the thread parses, after the
 * root, at the split point itself, and a file cut short. */
static void
test_xml_split__errors(void **state)
{
	char *text = make_stream(NULL, NULL, NULL, false), *bad, *path;
	size_t len = strlen(text);
	xmlDoc *one, *two;
	char msg[1024];
	char *q;

	/* A mismatched end tag at 80 %. */
	bad = ks_strdup(text);
	q = strstr(bad + len * 4 / 5, "</plain>");
	memcpy(q, "</plaiN>", 8);
	path = write_doc("bad1.xml", bad);
	one = two = NULL;
	assert_int_not_equal(parse_both(path, &one, &two, msg, sizeof(msg)),
	    0);
	assert_non_null(strstr(ks_error_msg(), "bad1.xml:"));
	free(path);
	free(bad);

	/* Text after the root. */
	bad = ks_asprintf("%sjunk\n", text);
	path = write_doc("bad2.xml", bad);
	assert_int_not_equal(parse_both(path, &one, &two, msg, sizeof(msg)),
	    0);
	free(path);
	free(bad);

	/* The root never closed; and a file cut in the moved part. */
	bad = ks_strdup(text);
	*strstr(bad, "</ds:data-stream-collection>") = '\0';
	path = write_doc("bad3.xml", bad);
	assert_int_not_equal(parse_both(path, &one, &two, msg, sizeof(msg)),
	    0);
	free(path);
	bad[len * 3 / 4] = '\0';
	path = write_doc("bad4.xml", bad);
	assert_int_not_equal(parse_both(path, &one, &two, msg, sizeof(msg)),
	    0);
	free(path);
	free(bad);
	free(text);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_xml_split__same_tree),
		cmocka_unit_test(test_xml_split__declined),
		cmocka_unit_test(test_xml_split__errors),
	};

	ks_xml_init();
	return cmocka_run_group_tests(tests, setup, teardown);
}
