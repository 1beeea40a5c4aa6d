/*
 * Tests for xccdf/ds.c: loading source data streams (SCAP 1.2 and 1.3
 * fixtures in tests/unit/xccdf/data/ds-*.xml) and plain documents, choosing
 * a checklist, and every path of check href resolution with its error
 * messages (SP 800-126 rev 3 section 3.1: component-refs, catalogs).
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

#include "xccdf/ds_int.h"
#include "tests/unit/test_tmp.h"

#ifndef KS_SRCDIR
#define KS_SRCDIR "."
#endif
#define DATA KS_SRCDIR "/tests/unit/xccdf/data/"
#define DS12 DATA "ds-12.xml"
#define DS13 DATA "ds-13.xml"
#define BENCH DATA "ds-bench.xml"

#define assert_msg(sub) do { \
	if (strstr(ks_error_msg(), (sub)) == NULL) \
		fail_msg("message '%s' lacks '%s'", ks_error_msg(), (sub)); \
} while (0)

static char tmpdir[256];

/* Writes a file under the test's temp dir; returns its path (static). */
static const char *
write_tmp(const char *name, const char *text)
{
	static char path[512];
	FILE *fp;

	snprintf(path, sizeof(path), "%s/%s", tmpdir, name);
	fp = fopen(path, "w");
	assert_non_null(fp);
	fputs(text, fp);
	assert_int_equal(fclose(fp), 0);
	return path;
}

static int
setup(void **state)
{
	snprintf(tmpdir, sizeof(tmpdir), "/tmp/test_ds.XXXXXX");
	assert_non_null(mkdtemp(tmpdir));
	ks_xml_init();
	return 0;
}

static int
teardown(void **state)
{
	return test_tmp_rm(tmpdir) == 0 ? 0 : -1;
}

static struct xccdf_content *
open_ok(const char *path)
{
	struct xccdf_content *c = NULL;

	if (xccdf_content_open(&c, path) != 0)
		fail_msg("open %s: %s", path, ks_error_msg());
	return c;
}

static const char *
root_name(const xmlNode *n)
{
	return n != NULL ? (const char *)n->name : "(null)";
}

static void
test_ds__kind_of(void **state)
{
	assert_int_equal(xccdf_doc_kind_of(DS12), XCCDF_DOC_DS_COLLECTION);
	assert_int_equal(xccdf_doc_kind_of(DS13), XCCDF_DOC_DS_COLLECTION);
	assert_int_equal(xccdf_doc_kind_of(BENCH), XCCDF_DOC_BENCHMARK);
	assert_int_equal(xccdf_doc_kind_of(DATA "ds-tailoring.xml"),
	    XCCDF_DOC_TAILORING);
	assert_int_equal(xccdf_doc_kind_of(DATA "ds-cpe.xml"),
	    XCCDF_DOC_CPE_DICT);
	assert_int_equal(xccdf_doc_kind_of(DATA "ds-oval.xml"),
	    XCCDF_DOC_OVAL_DEFS);
	assert_int_equal(xccdf_doc_kind_of(write_tmp("arf.xml",
	    "<arf:asset-report-collection xmlns:arf=\"http://scap.nist.gov/"
	    "schema/asset-reporting-format/1.1\"/>")), XCCDF_DOC_ARF);
	assert_int_equal(xccdf_doc_kind_of(write_tmp("res.xml",
	    "<?xml version=\"1.0\"?><!-- c --><oval_results xmlns=\"http://"
	    "oval.mitre.org/XMLSchema/oval-results-5\"/>")),
	    XCCDF_DOC_OVAL_RESULTS);
	assert_int_equal(xccdf_doc_kind_of(write_tmp("b11.xml",
	    "<Benchmark xmlns=\"http://checklists.nist.gov/xccdf/1.1\" "
	    "id=\"b\"/>")), XCCDF_DOC_BENCHMARK);
	/* A Tailoring exists in XCCDF 1.2 only. */
	assert_int_equal(xccdf_doc_kind_of(write_tmp("t11.xml",
	    "<Tailoring xmlns=\"http://checklists.nist.gov/xccdf/1.1\"/>")),
	    XCCDF_DOC_UNKNOWN);
	assert_int_equal(xccdf_doc_kind_of(write_tmp("nons.xml",
	    "<Benchmark id=\"b\"/>")), XCCDF_DOC_UNKNOWN);
	assert_int_equal(xccdf_doc_kind_of(write_tmp("bad.xml", "<a><b></a>")),
	    XCCDF_DOC_UNKNOWN);
	assert_int_equal(xccdf_doc_kind_of(DATA "no-such-file.xml"),
	    XCCDF_DOC_UNKNOWN);
	/* Only the first element is read: what follows far later may be
	 * broken (the reader parses ahead only a little). */
	{
		struct ks_buf b;

		ks_buf_init(&b, 0);
		ks_buf_puts(&b, "<cpe-list xmlns=\"http://cpe.mitre.org/"
		    "dictionary/2.0\">");
		for (int i = 0; i < 20000; i++)
			ks_buf_puts(&b, "<cpe-item name=\"cpe:/a:b\"/>\n");
		ks_buf_puts(&b, "<cpe-item></broken>");
		assert_int_equal(xccdf_doc_kind_of(write_tmp("trunc.xml",
		    b.data)), XCCDF_DOC_CPE_DICT);
		ks_buf_free(&b);
	}
}

static void
test_ds__open_errors(void **state)
{
	struct xccdf_content *c = NULL;

	assert_int_equal(xccdf_content_open(&c, write_tmp("bad.xml",
	    "<ds:data-stream-collection xmlns:ds=\"http://scap.nist.gov/schema/"
	    "scap/source/1.2\">\n<x>\n</ds:data-stream-collection>")),
	    KS_EPARSE);
	assert_null(c);
	assert_msg("bad.xml:3:");
	assert_int_equal(xccdf_content_open(&c, write_tmp("other.xml",
	    "<html xmlns=\"http://www.w3.org/1999/xhtml\"/>")),
	    KS_EUNSUPPORTED);
	assert_msg("root element {http://www.w3.org/1999/xhtml}html is not "
	    "SCAP content");
	assert_int_equal(xccdf_content_open(&c, DATA "nope.xml"),
	    KS_ENOTFOUND);
	assert_msg("nope.xml");
	assert_null(c);
	xccdf_content_free(NULL);
}

static void
test_ds__open_kinds(void **state)
{
	struct xccdf_content *c = open_ok(DS12);
	struct xccdf_ds_checklist cl;

	assert_int_equal(xccdf_content_kind(c), XCCDF_DOC_DS_COLLECTION);
	assert_string_equal(xccdf_content_path(c), DS12);
	assert_string_equal(root_name(xccdf_content_root(c)),
	    "data-stream-collection");
	xccdf_content_free(c);

	c = open_ok(DATA "ds-oval.xml");
	assert_int_equal(xccdf_content_kind(c), XCCDF_DOC_OVAL_DEFS);
	/* OVAL is not DOM-loaded: only its generator is read. */
	assert_null(xccdf_content_root(c));
	assert_string_equal(c->oval_version, "5.11.2");
	assert_string_equal(c->oval_timestamp, "2024-01-02T03:04:05");
	assert_int_equal(xccdf_content_checklist(c, NULL, &cl),
	    KS_EUNSUPPORTED);
	assert_msg("a OVAL Definitions holds no checklist");
	xccdf_content_free(c);

	c = open_ok(DATA "ds-cpe.xml");
	assert_int_equal(xccdf_content_kind(c), XCCDF_DOC_CPE_DICT);
	assert_string_equal(root_name(xccdf_content_root(c)), "cpe-list");
	assert_int_equal(xccdf_content_checklist(c, NULL, &cl),
	    KS_EUNSUPPORTED);
	assert_msg("CPE Dictionary holds no checklist");
	xccdf_content_free(c);

	c = open_ok(DATA "ds-tailoring.xml");
	assert_int_equal(xccdf_content_kind(c), XCCDF_DOC_TAILORING);
	assert_string_equal(root_name(xccdf_content_root(c)), "Tailoring");
	xccdf_content_free(c);
}

static void
test_ds__checklist_default(void **state)
{
	struct xccdf_content *c = open_ok(DS12);
	struct xccdf_ds_checklist cl;

	/* The first checklist is a Tailoring: the first Benchmark wins. */
	assert_int_equal(xccdf_content_checklist(c, NULL, &cl), 0);
	assert_string_equal(cl.datastream_id, "scap_org.example_datastream_a");
	assert_string_equal(cl.component_ref_id, "scap_org.example_cref_xccdf");
	assert_string_equal(root_name(cl.benchmark), "Benchmark");
	assert_string_equal(xccdf_ds_attr(cl.benchmark, "id", NULL),
	    "xccdf_org.example_benchmark_one");
	assert_null(cl.tailoring);
	xccdf_content_free(c);
}

static void
test_ds__checklist_stream_b(void **state)
{
	struct xccdf_content *c = open_ok(DS12);
	struct xccdf_eval_opts o = { .datastream_id =
	    "scap_org.example_datastream_b" };
	struct xccdf_ds_checklist cl;

	/* Its first checklist is remote: skipped for the local one, and
	 * no message is left behind. */
	assert_int_equal(xccdf_content_checklist(c, &o, &cl), 0);
	assert_string_equal(cl.component_ref_id,
	    "scap_org.example_cref_xccdf2");
	assert_string_equal(xccdf_ds_attr(cl.benchmark, "id", NULL),
	    "xccdf_org.example_benchmark_two");
	assert_string_equal(ks_error_msg(), "");

	o.benchmark_id = "xccdf_org.example_benchmark_two";
	assert_int_equal(xccdf_content_checklist(c, &o, &cl), 0);
	assert_string_equal(cl.component_ref_id,
	    "scap_org.example_cref_xccdf2");
	xccdf_content_free(c);
}

static void
test_ds__checklist_errors(void **state)
{
	struct xccdf_content *c = open_ok(DS12);
	struct xccdf_eval_opts o = { .datastream_id = "nope" };
	struct xccdf_ds_checklist cl;

	assert_int_equal(xccdf_content_checklist(c, &o, &cl), KS_ENOTFOUND);
	assert_string_equal(ks_error_msg(), "no data stream 'nope' in " DS12
	    "; data streams: scap_org.example_datastream_a, "
	    "scap_org.example_datastream_b");
	assert_null(cl.benchmark);

	o.datastream_id = NULL;
	o.xccdf_id = "nope";
	assert_int_equal(xccdf_content_checklist(c, &o, &cl), KS_ENOTFOUND);
	assert_string_equal(ks_error_msg(), "no checklist 'nope' in data "
	    "stream 'scap_org.example_datastream_a' of " DS12 "; checklists: "
	    "scap_org.example_cref_tailoring, scap_org.example_cref_xccdf");

	o.xccdf_id = "scap_org.example_cref_tailoring";
	assert_int_equal(xccdf_content_checklist(c, &o, &cl), KS_ENOTFOUND);
	assert_msg("is a Tailoring, not a Benchmark");

	o.xccdf_id = NULL;
	o.benchmark_id = "xccdf_org.example_benchmark_two";
	assert_int_equal(xccdf_content_checklist(c, &o, &cl), KS_ENOTFOUND);
	assert_string_equal(ks_error_msg(), "no benchmark "
	    "'xccdf_org.example_benchmark_two' in data stream "
	    "'scap_org.example_datastream_a' of " DS12 "; benchmarks: "
	    "xccdf_org.example_benchmark_one");

	o.benchmark_id = NULL;
	o.tailoring_id = "scap_org.example_cref_xccdf";
	assert_int_equal(xccdf_content_checklist(c, &o, &cl), KS_ENOTFOUND);
	assert_msg("component-ref 'scap_org.example_cref_xccdf' in data "
	    "stream 'scap_org.example_datastream_a' of " DS12 " is a "
	    "Benchmark, not a Tailoring");
	o.tailoring_id = "nope";
	assert_int_equal(xccdf_content_checklist(c, &o, &cl), KS_ENOTFOUND);
	assert_msg("no tailoring component-ref 'nope' in data stream "
	    "'scap_org.example_datastream_a'");
	xccdf_content_free(c);
}

/* ---- remote resources: a fetcher standing in for agent/'s ------------- */

struct fake_fetch {
	const char	*path;		/* what every URL becomes or NULL */
	int		 rc;		/* else this, with the message */
	const char	*urls[8];	/* asked for, in order */
	int		 n;
	/* When map_urls[0] is set: map_urls[i] becomes map_paths[i] and
	 * every other URL is a 404. */
	const char	*map_urls[4];
	const char	*map_paths[4];
};

static int
fetch_fake(const char *url, const char **path, void *payload)
{
	struct fake_fetch *f = payload;
	const char *p = f->path;

	if (f->n < 8)
		f->urls[f->n] = url;
	f->n++;
	if (f->map_urls[0] != NULL) {
		p = NULL;
		for (int i = 0; i < 4 && f->map_urls[i] != NULL && !p; i++)
			if (strcmp(f->map_urls[i], url) == 0)
				p = f->map_paths[i];
	}
	if (p == NULL) {
		ks_error_set("cannot fetch remote resource %s: HTTP 404", url);
		return f->map_urls[0] != NULL ? KS_ENOTFOUND : f->rc;
	}
	*path = p;
	return 0;
}

static int
fetch_never(const char *url, const char **path, void *payload)
{
	fail_msg("fetched %s", url);
	return KS_ERROR;
}

/* A stream whose checklist's catalog maps "rhsa.xml.bz2" to a remote
 * component-ref (as SSG's RHEL data streams do) and "local.xml" to a
 * local component. */
static const char *
remote_ds(void)
{
	return write_tmp("remote-ds.xml",
	    "<ds:data-stream-collection xmlns:ds=\"" XCCDF_DS_NS "\" "
	    "xmlns:xlink=\"" XCCDF_XLINK_NS "\" xmlns:cat=\"" XCCDF_CAT_NS
	    "\" id=\"scap_x_collection_r\" schematron-version=\"1.3\">"
	    "<ds:data-stream id=\"scap_x_datastream_r\" scap-version=\"1.3\" "
	    "use-case=\"OTHER\"><ds:checklists>"
	    "<ds:component-ref id=\"scap_x_cref_xccdf\" "
	    "xlink:href=\"#scap_x_comp_xccdf\"><cat:catalog>"
	    "<cat:uri name=\"rhsa.xml.bz2\" uri=\"#scap_x_cref_rhsa\"/>"
	    "<cat:uri name=\"local.xml\" uri=\"#scap_x_cref_local\"/>"
	    "<cat:uri name=\"direct.xml\" "
	    "uri=\"https://example.org/direct.xml\"/>"
	    "</cat:catalog></ds:component-ref></ds:checklists><ds:checks>"
	    "<ds:component-ref id=\"scap_x_cref_local\" "
	    "xlink:href=\"#scap_x_comp_oval\"/>"
	    "<ds:component-ref id=\"scap_x_cref_rhsa\" "
	    "xlink:href=\"https://example.org/oval/rhsa.xml.bz2\"/>"
	    "</ds:checks></ds:data-stream>"
	    "<ds:component id=\"scap_x_comp_xccdf\" timestamp=\"2024-01-01T00:"
	    "00:00\"><Benchmark xmlns=\"http://checklists.nist.gov/xccdf/1.2\" "
	    "id=\"xccdf_x_benchmark_r\"/></ds:component>"
	    "<ds:component id=\"scap_x_comp_oval\" timestamp=\"2024-01-01T00:"
	    "00:00\"><oval_definitions xmlns=\"" XCCDF_OVAL_DEFS_NS "\"/>"
	    "</ds:component></ds:data-stream-collection>");
}

/* remote_ds() opened, its checklist chosen with fetcher f, asked for
 * (--fetch-remote-resources) or not. */
static struct xccdf_content *
remote_open(struct fake_fetch *f, bool asked, struct xccdf_ds_checklist *cl)
{
	struct xccdf_content *c = open_ok(remote_ds());
	struct xccdf_eval_opts o = {
		.fetch_remote = asked, .fetch = fetch_fake, .fetch_payload = f,
	};

	assert_int_equal(xccdf_content_checklist(c, &o, cl), 0);
	return c;
}

/* Without a fetcher (no --fetch-remote-resources), a remote component-ref
 * and a remote check href are named with the option to use. */
static void
test_ds__remote_not_fetched(void **state)
{
	struct fake_fetch f = { .path = DATA "ds-oval.xml" };
	struct xccdf_ds_checklist cl;
	struct xccdf_content *c = remote_open(&f, false, &cl);
	struct xccdf_resource r;

	assert_int_equal(xccdf_content_resolve(c, &cl, NULL, "rhsa.xml.bz2",
	    &r), KS_EUNSUPPORTED);
	assert_msg("remote component 'https://example.org/oval/rhsa.xml.bz2' "
	    "of component-ref 'scap_x_cref_rhsa' not fetched (use "
	    "--fetch-remote-resources)");
	assert_int_equal(xccdf_content_resolve(c, &cl, NULL,
	    "https://example.org/x.xml", &r), KS_EUNSUPPORTED);
	assert_msg("check href 'https://example.org/x.xml' is a remote "
	    "resource, not fetched (use --fetch-remote-resources)");
	/* The local component still resolves. */
	assert_int_equal(xccdf_content_resolve(c, &cl, NULL, "local.xml",
	    &r), 0);
	assert_string_equal(r.component_id, "scap_x_comp_oval");
	assert_int_equal(f.n, 0);
	xccdf_content_free(c);
}

/* With a fetcher, the catalog's remote component-ref, a catalog entry
 * that is itself a URL and a check href that is a URL all become the
 * fetched local OVAL file, recorded once. */
static void
test_ds__remote_fetched(void **state)
{
	struct fake_fetch f = { .path = DATA "ds-oval.xml" };
	struct xccdf_ds_checklist cl;
	struct xccdf_content *c = remote_open(&f, true, &cl);
	struct xccdf_resource r;

	assert_int_equal(xccdf_content_resolve(c, &cl, NULL, "rhsa.xml.bz2",
	    &r), 0);
	assert_int_equal(f.n, 1);
	assert_string_equal(f.urls[0], "https://example.org/oval/rhsa.xml.bz2");
	assert_string_equal(r.path, DATA "ds-oval.xml");
	assert_null(r.root);
	assert_null(r.component_id);
	assert_string_equal(r.component_ref, "scap_x_cref_rhsa");
	/* Named by the href, as a local component is: results files. */
	assert_string_equal(r.name, "rhsa.xml.bz2");
	assert_int_equal(xccdf_content_resolve(c, &cl, NULL,
	    "#scap_x_cref_rhsa", &r), 0);
	assert_string_equal(r.name, "rhsa.xml.bz2");
	assert_int_equal(xccdf_content_resolve(c, &cl, NULL, "direct.xml",
	    &r), 0);
	assert_string_equal(f.urls[2], "https://example.org/direct.xml");
	assert_string_equal(r.name, "direct.xml");
	assert_null(r.component_ref);
	assert_int_equal(xccdf_content_resolve(c, &cl, NULL,
	    "https://example.org/a/b.xml?x=1", &r), 0);
	assert_string_equal(f.urls[3], "https://example.org/a/b.xml?x=1");
	assert_string_equal(r.name, "b.xml?x=1");
	assert_string_equal(r.path, DATA "ds-oval.xml");
	/* One file however often it is fetched. */
	assert_int_equal(c->nfiles, 1);
	assert_false(c->files[0]->given);
	assert_int_equal(f.n, 4);
	/* Choosing the checklist without the options drops the fetcher. */
	assert_int_equal(xccdf_content_checklist(c, NULL, &cl), 0);
	assert_int_equal(xccdf_content_resolve(c, &cl, NULL, "rhsa.xml.bz2",
	    &r), KS_EUNSUPPORTED);
	assert_int_equal(f.n, 4);
	xccdf_content_free(c);
}

/* A fetch that fails, or gives something that is not OVAL, is KS_ERROR
 * with the fetcher's reason (the rules that need it are error). */
static void
test_ds__remote_fetch_fails(void **state)
{
	struct fake_fetch f = { .path = NULL, .rc = KS_ENOTFOUND };
	struct xccdf_ds_checklist cl;
	struct xccdf_content *c = remote_open(&f, true, &cl);
	struct xccdf_resource r;

	assert_int_equal(xccdf_content_resolve(c, &cl, NULL, "rhsa.xml.bz2",
	    &r), KS_ERROR);
	assert_string_equal(ks_error_msg(), "cannot fetch remote resource "
	    "https://example.org/oval/rhsa.xml.bz2: HTTP 404");
	assert_null(r.path);
	f.rc = KS_ELIMIT;
	assert_int_equal(xccdf_content_resolve(c, &cl, NULL,
	    "https://example.org/x.xml", &r), KS_ERROR);
	assert_string_equal(ks_error_msg(), "cannot fetch remote resource "
	    "https://example.org/x.xml: HTTP 404");
	/* Fetched, but a benchmark. */
	f.path = BENCH;
	assert_int_equal(xccdf_content_resolve(c, &cl, NULL, "rhsa.xml.bz2",
	    &r), KS_ERROR);
	assert_string_equal(ks_error_msg(), "remote resource "
	    "https://example.org/oval/rhsa.xml.bz2 is a XCCDF Checklist, not "
	    "OVAL definitions");
	/* Fetched, but not XML. */
	f.path = write_tmp("junk.xml", "this is not XML\n");
	assert_int_equal(xccdf_content_resolve(c, &cl, NULL, "rhsa.xml.bz2",
	    &r), KS_ERROR);
	assert_msg("remote resource https://example.org/oval/rhsa.xml.bz2: ");
	assert_msg("junk.xml");
	assert_null(r.path);
	xccdf_content_free(c);
}

/* The options choosing DS12's remote checklist, fetched by fake m. */
#define REMOTE_CHECKLIST_OPTS(m) { \
	.datastream_id = "scap_org.example_datastream_b", \
	.xccdf_id = "scap_org.example_cref_remote", \
	.fetch_remote = true, .fetch = fetch_fake, .fetch_payload = &(m), \
}

/* Without --fetch-remote-resources a remote checklist cannot be evaluated:
 * the message names the component-ref and the option. */
static void
test_ds__checklist_remote(void **state)
{
	struct xccdf_content *c = open_ok(DS12);
	struct xccdf_eval_opts o = {
		.datastream_id = "scap_org.example_datastream_b",
		.xccdf_id = "scap_org.example_cref_remote",
		.fetch = fetch_never,
	};
	struct xccdf_ds_checklist cl;

	assert_int_equal(xccdf_content_checklist(c, &o, &cl),
	    KS_EUNSUPPORTED);
	assert_string_equal(ks_error_msg(), DS12 ": component-ref "
	    "'scap_org.example_cref_remote' is the remote checklist or "
	    "tailoring 'https://example.org/remote-xccdf.xml': fetched only "
	    "with --fetch-remote-resources");
	assert_null(cl.benchmark);
	/* Without an id the first local Benchmark is chosen, as before. */
	o.xccdf_id = NULL;
	assert_int_equal(xccdf_content_checklist(c, &o, &cl), 0);
	assert_string_equal(cl.component_ref_id,
	    "scap_org.example_cref_xccdf2");
	assert_null(cl.base_url);
	xccdf_content_free(c);
}

/* With the option, a remote checklist is fetched through the fetcher and
 * used like a local one; its relative check hrefs resolve against its URL
 * (RFC 3986 section 5.1.3, SP 800-126 rev 3 section 3.1.3: the catalog
 * first) and are fetched; "#" hrefs still name component-refs of the
 * collection. */
static void
test_ds__checklist_remote_fetched(void **state)
{
	struct fake_fetch m = {
		.map_urls = { "https://example.org/remote-xccdf.xml",
		    "https://example.org/oval/rel.xml" },
		.map_paths = { BENCH, DATA "ds-oval.xml" },
	};
	struct xccdf_content *c = open_ok(DS12);
	struct xccdf_eval_opts o = REMOTE_CHECKLIST_OPTS(m);
	struct xccdf_ds_checklist cl;
	struct xccdf_resource r;

	assert_int_equal(xccdf_content_checklist(c, &o, &cl), 0);
	assert_int_equal(m.n, 1);
	assert_string_equal(cl.component_ref_id,
	    "scap_org.example_cref_remote");
	assert_string_equal(xccdf_ds_attr(cl.benchmark, "id", NULL),
	    "xccdf_org.example_benchmark_plain");
	assert_string_equal(cl.base_url,
	    "https://example.org/remote-xccdf.xml");
	assert_int_equal(xccdf_content_resolve(c, &cl, NULL, "oval/rel.xml",
	    &r), 0);
	assert_string_equal(m.urls[1], "https://example.org/oval/rel.xml");
	assert_string_equal(r.path, DATA "ds-oval.xml");
	assert_string_equal(r.name, "rel.xml");
	/* Dot segments are removed (RFC 3986 section 5.2.4). */
	assert_int_equal(xccdf_content_resolve(c, &cl, NULL,
	    "x/../oval/rel.xml", &r), 0);
	assert_string_equal(m.urls[2], "https://example.org/oval/rel.xml");
	/* Not served: error of the rule, with the fetcher's reason. */
	assert_int_equal(xccdf_content_resolve(c, &cl, NULL, "missing.xml",
	    &r), KS_ERROR);
	assert_string_equal(ks_error_msg(), "cannot fetch remote resource "
	    "https://example.org/missing.xml: HTTP 404");
	/* "#": a component-ref of the collection. */
	assert_int_equal(xccdf_content_resolve(c, &cl, NULL,
	    "#scap_org.example_cref_oval_b", &r), 0);
	assert_string_equal(r.component_id, "scap_org.example_comp_oval");
	/* The file is recorded once however often it is asked for. */
	assert_int_equal(c->nfiles, 2);
	xccdf_content_free(c);
}

/* A remote checklist that is not a Benchmark, or cannot be had, stops the
 * evaluation with the reason. */
static void
test_ds__checklist_remote_bad(void **state)
{
	struct fake_fetch m = {
		.map_urls = { "https://example.org/remote-xccdf.xml" },
		.map_paths = { DATA "ds-oval.xml" },
	};
	struct xccdf_content *c = open_ok(DS12);
	struct xccdf_eval_opts o = REMOTE_CHECKLIST_OPTS(m);
	struct xccdf_ds_checklist cl;

	assert_int_equal(xccdf_content_checklist(c, &o, &cl), KS_ERROR);
	assert_string_equal(ks_error_msg(), "remote component "
	    "https://example.org/remote-xccdf.xml of component-ref "
	    "'scap_org.example_cref_remote' is a OVAL Definitions, not an "
	    "XCCDF Benchmark or Tailoring");
	/* A Tailoring where the Benchmark is asked for. */
	m.map_paths[0] = DATA "ds-tailoring.xml";
	xccdf_content_free(c);
	c = open_ok(DS12);
	assert_int_equal(xccdf_content_checklist(c, &o, &cl), KS_ENOTFOUND);
	assert_msg("is a Tailoring, not a Benchmark");
	/* Not served. */
	m.map_urls[0] = "https://example.org/other.xml";
	assert_int_equal(xccdf_content_checklist(c, &o, &cl), KS_ERROR);
	assert_string_equal(ks_error_msg(), "cannot fetch remote resource "
	    "https://example.org/remote-xccdf.xml: HTTP 404");
	xccdf_content_free(c);
}

/* A remote tailoring component-ref (--tailoring-id) is fetched the same
 * way and must be a Tailoring. */
static void
test_ds__checklist_remote_tailoring(void **state)
{
	const char *ds = write_tmp("remote-tailoring-ds.xml",
	    "<ds:data-stream-collection xmlns:ds=\"" XCCDF_DS_NS "\" "
	    "xmlns:xlink=\"" XCCDF_XLINK_NS "\" id=\"scap_x_collection_t\" "
	    "schematron-version=\"1.3\"><ds:data-stream "
	    "id=\"scap_x_datastream_t\" scap-version=\"1.3\" "
	    "use-case=\"OTHER\"><ds:checklists>"
	    "<ds:component-ref id=\"scap_x_cref_xccdf\" "
	    "xlink:href=\"#scap_x_comp_xccdf\"/>"
	    "<ds:component-ref id=\"scap_x_cref_tail\" "
	    "xlink:href=\"https://example.org/t.xml\"/>"
	    "</ds:checklists></ds:data-stream>"
	    "<ds:component id=\"scap_x_comp_xccdf\" timestamp=\"2024-01-01T00:"
	    "00:00\"><Benchmark xmlns=\"http://checklists.nist.gov/xccdf/1.2\" "
	    "id=\"xccdf_x_benchmark_t\"/></ds:component>"
	    "</ds:data-stream-collection>");
	struct fake_fetch m = {
		.map_urls = { "https://example.org/t.xml" },
		.map_paths = { DATA "ds-tailoring.xml" },
	};
	struct xccdf_eval_opts o = { .tailoring_id = "scap_x_cref_tail" };
	struct xccdf_content *c = open_ok(ds);
	struct xccdf_ds_checklist cl;

	assert_int_equal(xccdf_content_checklist(c, &o, &cl),
	    KS_EUNSUPPORTED);
	assert_msg("component-ref 'scap_x_cref_tail' is the remote checklist "
	    "or tailoring 'https://example.org/t.xml': fetched only with "
	    "--fetch-remote-resources");
	o.fetch_remote = true;
	o.fetch = fetch_fake;
	o.fetch_payload = &m;
	assert_int_equal(xccdf_content_checklist(c, &o, &cl), 0);
	assert_string_equal(xccdf_ds_attr(cl.tailoring, "id", NULL),
	    "xccdf_org.example_tailoring_plain");
	assert_string_equal(cl.component_ref_id, "scap_x_cref_xccdf");
	/* The checklist is local: its hrefs have no base URL. */
	assert_null(cl.base_url);
	/* A Benchmark where the Tailoring is asked for. */
	m.map_paths[0] = BENCH;
	xccdf_content_free(c);
	c = open_ok(ds);
	assert_int_equal(xccdf_content_checklist(c, &o, &cl), KS_ENOTFOUND);
	assert_msg("is a Benchmark, not a Tailoring");
	xccdf_content_free(c);
}

static void
test_ds__checklist_tailoring(void **state)
{
	struct xccdf_content *c = open_ok(DS12);
	struct xccdf_eval_opts o = {
		.tailoring_id = "scap_org.example_cref_tailoring",
	};
	struct xccdf_ds_checklist cl;

	assert_int_equal(xccdf_content_checklist(c, &o, &cl), 0);
	assert_string_equal(root_name(cl.tailoring), "Tailoring");
	assert_string_equal(xccdf_ds_attr(cl.tailoring, "id", NULL),
	    "xccdf_org.example_tailoring_ds");
	assert_string_equal(cl.component_ref_id, "scap_org.example_cref_xccdf");
	xccdf_content_free(c);
}

static void
test_ds__resolve_catalog(void **state)
{
	struct xccdf_content *c = open_ok(DS12);
	struct xccdf_ds_checklist cl;
	struct xccdf_resource r;

	assert_int_equal(xccdf_content_checklist(c, NULL, &cl), 0);
	assert_int_equal(xccdf_content_resolve(c, &cl, NULL, "ds-oval.xml",
	    &r), 0);
	assert_string_equal(r.name, "ds-oval.xml");
	assert_null(r.path);
	assert_string_equal(root_name(r.root), "oval_definitions");
	assert_string_equal(r.component_id, "scap_org.example_comp_oval");
	assert_string_equal(r.component_ref, "scap_org.example_cref_oval");

	/* A catalog entry to a component-ref whose component is gone. */
	assert_int_equal(xccdf_content_resolve(c, &cl, NULL, "dangling.xml",
	    &r), KS_ENOTFOUND);
	assert_msg(DS12 ":");
	assert_msg("component-ref 'scap_org.example_cref_dangling' points to "
	    "'#scap_org.example_comp_gone': no such component");
	assert_null(r.root);
	/* A catalog entry to a component-ref that does not exist. */
	assert_int_equal(xccdf_content_resolve(c, &cl, NULL, "nocref.xml",
	    &r), KS_ENOTFOUND);
	assert_string_equal(ks_error_msg(), DS12 ": the catalog of "
	    "component-ref 'scap_org.example_cref_xccdf' maps 'nocref.xml' "
	    "to '#scap_org.example_cref_nosuch': no such component-ref");
	/* Not in the catalog, no file given: data streams look no further. */
	assert_int_equal(xccdf_content_resolve(c, &cl, NULL, "ds-cpe.xml",
	    &r), KS_ENOTFOUND);
	assert_string_equal(ks_error_msg(), DS12 ": check href 'ds-cpe.xml' "
	    "of component-ref 'scap_org.example_cref_xccdf' is not in its "
	    "catalog nor a component-ref nor a given file");
	assert_int_equal(xccdf_content_resolve(c, &cl, NULL, "", &r),
	    KS_EPARSE);
	xccdf_content_free(c);
}

static void
test_ds__resolve_direct(void **state)
{
	struct xccdf_content *c = open_ok(DS12);
	struct xccdf_eval_opts o = {
		.datastream_id = "scap_org.example_datastream_b",
	};
	struct xccdf_ds_checklist cl;
	struct xccdf_resource r;

	assert_int_equal(xccdf_content_checklist(c, &o, &cl), 0);
	/* Benchmark two refers to "#component-ref-id" itself. */
	assert_int_equal(xccdf_content_resolve(c, &cl, NULL,
	    "#scap_org.example_cref_oval_b", &r), 0);
	assert_string_equal(r.component_ref, "scap_org.example_cref_oval_b");
	assert_string_equal(r.component_id, "scap_org.example_comp_oval");
	assert_string_equal(r.name, "oval");
	assert_string_equal(root_name(r.root), "oval_definitions");
	assert_int_equal(xccdf_content_resolve(c, &cl, NULL,
	    "#scap_org.example_cref_nothing", &r), KS_ENOTFOUND);
	assert_string_equal(ks_error_msg(), DS12 ": check href "
	    "'#scap_org.example_cref_nothing' names no component-ref");
	assert_int_equal(xccdf_content_resolve(c, &cl, NULL,
	    "https://example.org/x-oval.xml", &r), KS_EUNSUPPORTED);
	assert_string_equal(ks_error_msg(), DS12 ": check href "
	    "'https://example.org/x-oval.xml' is a remote resource, not "
	    "fetched (use --fetch-remote-resources)");
	xccdf_content_free(c);
}

static void
test_ds__resolve_13(void **state)
{
	struct xccdf_content *c = open_ok(DS13);
	struct xccdf_ds_checklist cl;
	struct xccdf_resource r;

	assert_int_equal(xccdf_content_checklist(c, NULL, &cl), 0);
	assert_string_equal(cl.datastream_id, "scap_org.example_datastream_13");
	assert_string_equal(xccdf_ds_attr(cl.benchmark, "id", NULL),
	    "xccdf_org.example_benchmark_13");
	assert_int_equal(xccdf_content_resolve(c, &cl, NULL, "oval13.xml",
	    &r), 0);
	assert_string_equal(r.name, "oval13.xml");
	assert_string_equal(r.component_id, "scap_org.example_comp_o13");
	/* An extended component, through its component-ref. */
	assert_int_equal(xccdf_content_resolve(c, &cl, NULL,
	    "#scap_org.example_cref_ext", &r), 0);
	assert_string_equal(root_name(r.root), "notes");
	assert_string_equal(r.component_id, "scap_org.example_ecomp_notes");
	assert_string_equal(r.name, "notes");
	xccdf_content_free(c);
}

struct dict_seen {
	const void	*ctx[4];
	const char	*root[4];
	int		 n;
};

static int
dict_cb(struct _xmlNode *root, const void *ctx, void *payload)
{
	struct dict_seen *s = payload;

	if (s->n < 4) {
		s->ctx[s->n] = ctx;
		s->root[s->n] = root_name(root);
	}
	s->n++;
	return 0;
}

static int
dict_stop(struct _xmlNode *root, const void *ctx, void *payload)
{
	return 7;
}

static void
test_ds__dicts(void **state)
{
	struct xccdf_content *c = open_ok(DS12);
	struct dict_seen s = { .n = 0 };
	struct xccdf_ds_checklist cl;
	struct xccdf_resource r;

	assert_int_equal(xccdf_content_checklist(c, NULL, &cl), 0);
	assert_int_equal(xccdf_content_add_file(c, DATA "ds-cpe.xml"), 0);
	assert_int_equal(xccdf_content_foreach_dict(c, &cl, dict_cb, &s), 0);
	assert_int_equal(s.n, 2);
	assert_string_equal(s.root[0], "cpe-list");
	assert_string_equal(s.root[1], "cpe-list");
	assert_int_equal(xccdf_content_foreach_dict(c, &cl, dict_stop, NULL),
	    7);

	/* The DS dictionary's catalog maps its check href. */
	assert_int_equal(xccdf_content_resolve(c, &cl, s.ctx[0],
	    "ds-cpe-oval.xml", &r), 0);
	assert_string_equal(r.component_ref, "scap_org.example_cref_cpe-oval");
	assert_string_equal(r.name, "ds-cpe-oval.xml");
	/* The checklist's catalog does not have it. */
	assert_int_equal(xccdf_content_resolve(c, &cl, NULL,
	    "ds-cpe-oval.xml", &r), KS_ENOTFOUND);
	/* The --cpe file: its href is a file next to it, streamed (OVAL). */
	assert_int_equal(xccdf_content_resolve(c, &cl, s.ctx[1],
	    "ds-oval.xml", &r), 0);
	assert_null(r.root);
	assert_string_equal(r.path, DATA "ds-oval.xml");
	assert_string_equal(r.name, "ds-oval.xml");
	assert_int_equal(xccdf_content_resolve(c, &cl, s.ctx[1],
	    "absent-oval.xml", &r), KS_ENOTFOUND);
	assert_string_equal(ks_error_msg(), DATA "ds-cpe.xml: check href "
	    "'absent-oval.xml': no file " DATA "absent-oval.xml");
	xccdf_content_free(c);
}

static void
test_ds__dict_errors(void **state)
{
	static const char doc[] =
	    "<ds:data-stream-collection xmlns:ds=\"http://scap.nist.gov/"
	    "schema/scap/source/1.2\" xmlns:xlink=\"http://www.w3.org/1999/"
	    "xlink\" id=\"c\">\n"
	    "<ds:data-stream id=\"s\"><ds:dictionaries>\n"
	    "<ds:component-ref id=\"d1\" xlink:href=\"#b\"/>\n"
	    "<ds:component-ref id=\"d2\"/>\n"
	    "</ds:dictionaries><ds:checklists>\n"
	    "<ds:component-ref id=\"x\" xlink:href=\"#b\"/>\n"
	    "<ds:component-ref id=\"e\" xlink:href=\"#empty\"/>\n"
	    "</ds:checklists></ds:data-stream>\n"
	    "<ds:component id=\"b\"><Benchmark xmlns=\"http://checklists.nist."
	    "gov/xccdf/1.2\" id=\"xccdf_b_benchmark_b\"/></ds:component>\n"
	    "<ds:component id=\"empty\"> </ds:component>\n"
	    "</ds:data-stream-collection>\n";
	static const char nohref[] =
	    "<ds:data-stream-collection xmlns:ds=\"http://scap.nist.gov/"
	    "schema/scap/source/1.2\" id=\"c\">\n"
	    "<ds:data-stream id=\"s\"><ds:checklists>\n"
	    "<ds:component-ref id=\"x\" href=\"#b\"/>\n"
	    "</ds:checklists></ds:data-stream>\n"
	    "</ds:data-stream-collection>\n";
	struct xccdf_content *c = NULL;
	struct xccdf_eval_opts o = { .xccdf_id = "e" };
	struct xccdf_ds_checklist cl;
	struct dict_seen s = { .n = 0 };

	assert_int_equal(xccdf_content_open_mem(&c, doc, strlen(doc),
	    "mem.xml"), 0);
	assert_int_equal(xccdf_content_checklist(c, NULL, &cl), 0);
	assert_string_equal(cl.component_ref_id, "x");
	assert_int_equal(xccdf_content_foreach_dict(c, &cl, dict_cb, &s),
	    KS_EPARSE);
	assert_string_equal(ks_error_msg(), "mem.xml:3: dictionary "
	    "component-ref 'd1' is a Benchmark, not a cpe-list");
	assert_int_equal(xccdf_content_checklist(c, &o, &cl), KS_EPARSE);
	assert_string_equal(ks_error_msg(), "mem.xml:10: component 'empty' "
	    "is empty");
	xccdf_content_free(c);

	/* A component-ref without xlink:href. */
	c = NULL;
	assert_int_equal(xccdf_content_open_mem(&c, nohref, strlen(nohref),
	    "m2.xml"), 0);
	assert_int_equal(xccdf_content_checklist(c, NULL, &cl), KS_EPARSE);
	assert_string_equal(ks_error_msg(), "m2.xml:3: component-ref 'x' has "
	    "no xlink:href");
	xccdf_content_free(c);
}

static void
test_ds__plain_benchmark(void **state)
{
	struct xccdf_content *c = open_ok(BENCH);
	struct xccdf_ds_checklist cl;
	struct xccdf_resource r, r2;
	const char *extra;

	assert_int_equal(xccdf_content_kind(c), XCCDF_DOC_BENCHMARK);
	assert_int_equal(xccdf_content_checklist(c, NULL, &cl), 0);
	assert_ptr_equal(cl.benchmark, xccdf_content_root(c));
	assert_null(cl.datastream_id);
	assert_null(cl.component_ref_id);
	assert_null(cl.tailoring);

	/* OVAL next to the benchmark: by path, once. */
	assert_int_equal(xccdf_content_resolve(c, &cl, NULL, "ds-oval.xml",
	    &r), 0);
	assert_string_equal(r.path, DATA "ds-oval.xml");
	assert_string_equal(r.name, "ds-oval.xml");
	assert_null(r.root);
	assert_null(r.component_id);
	assert_int_equal(xccdf_content_resolve(c, &cl, NULL, "ds-oval.xml",
	    &r2), 0);
	assert_ptr_equal(r.path, r2.path);
	/* Anything else is DOM-loaded once. */
	assert_int_equal(xccdf_content_resolve(c, &cl, NULL, "ds-cpe.xml",
	    &r), 0);
	assert_null(r.path);
	assert_string_equal(root_name(r.root), "cpe-list");
	assert_int_equal(xccdf_content_resolve(c, &cl, NULL, "./ds-cpe.xml",
	    &r2), 0);
	assert_string_equal(root_name(r2.root), "cpe-list");
	assert_int_equal(xccdf_content_resolve(c, &cl, NULL, "ds-cpe.xml",
	    &r2), 0);
	assert_ptr_equal(r.root, r2.root);

	assert_int_equal(xccdf_content_resolve(c, &cl, NULL,
	    "ds-missing-ocil.xml", &r), KS_ENOTFOUND);
	assert_string_equal(ks_error_msg(), BENCH ": check href "
	    "'ds-missing-ocil.xml': no file " DATA "ds-missing-ocil.xml");
	/* A given file wins by base name, wherever the href points. */
	extra = write_tmp("ds-missing-ocil.xml",
	    "<oval_definitions xmlns=\"http://oval.mitre.org/XMLSchema/"
	    "oval-definitions-5\"/>");
	assert_int_equal(xccdf_content_add_file(c, extra), 0);
	assert_int_equal(xccdf_content_resolve(c, &cl, NULL,
	    "some/dir/ds-missing-ocil.xml", &r), 0);
	assert_string_equal(r.path, extra);
	assert_string_equal(r.name, "ds-missing-ocil.xml");
	/* A given CPE dictionary is not an OVAL file: DOM. */
	assert_int_equal(xccdf_content_add_file(c, DATA "ds-cpe.xml"), 0);
	assert_int_equal(xccdf_content_resolve(c, &cl, NULL, "ds-cpe.xml",
	    &r), 0);
	assert_string_equal(root_name(r.root), "cpe-list");
	assert_null(r.path);
	xccdf_content_free(c);
}

static void
test_ds__add_file_errors(void **state)
{
	struct xccdf_content *c = open_ok(BENCH);

	assert_int_equal(xccdf_content_add_file(c, DATA "none.xml"),
	    KS_ENOTFOUND);
	assert_msg("none.xml");
	assert_int_equal(xccdf_content_add_file(c, write_tmp("x.xml",
	    "<x xmlns=\"urn:x\"/>")), KS_EUNSUPPORTED);
	assert_msg("root element {urn:x}x is not SCAP content");
	assert_int_equal(xccdf_content_add_file(c, write_tmp("bad-cpe.xml",
	    "<cpe-list xmlns=\"http://cpe.mitre.org/dictionary/2.0\">\n"
	    "<cpe-item>\n</cpe-list>")), KS_EPARSE);
	assert_msg("bad-cpe.xml:3:");
	assert_int_equal(c->nfiles, 0);
	xccdf_content_free(c);
}

static void
test_ds__open_mem(void **state)
{
	struct xccdf_content *c = NULL;
	struct xccdf_ds_checklist cl;
	char *buf = NULL;
	size_t len = 0;

	assert_int_equal(ks_file_read(DS13, 1 << 20, &buf, &len), 0);
	assert_int_equal(xccdf_content_open_mem(&c, buf, len, "m.xml"), 0);
	assert_int_equal(xccdf_content_kind(c), XCCDF_DOC_DS_COLLECTION);
	assert_int_equal(xccdf_content_checklist(c, NULL, &cl), 0);
	assert_string_equal(cl.component_ref_id, "scap_org.example_cref_x13");
	xccdf_content_free(c);
	c = NULL;
	assert_int_equal(xccdf_content_open_mem(&c, buf, len / 2, "m.xml"),
	    KS_EPARSE);
	assert_null(c);
	assert_int_equal(xccdf_content_open_mem(&c, "<x/>", 4, "m.xml"),
	    KS_EUNSUPPORTED);
	assert_msg("m.xml: root element {}x");
	free(buf);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ds__kind_of),
		cmocka_unit_test(test_ds__open_errors),
		cmocka_unit_test(test_ds__open_kinds),
		cmocka_unit_test(test_ds__checklist_default),
		cmocka_unit_test(test_ds__checklist_stream_b),
		cmocka_unit_test(test_ds__checklist_errors),
		cmocka_unit_test(test_ds__checklist_remote),
		cmocka_unit_test(test_ds__checklist_remote_fetched),
		cmocka_unit_test(test_ds__checklist_remote_bad),
		cmocka_unit_test(test_ds__checklist_remote_tailoring),
		cmocka_unit_test(test_ds__checklist_tailoring),
		cmocka_unit_test(test_ds__remote_not_fetched),
		cmocka_unit_test(test_ds__remote_fetched),
		cmocka_unit_test(test_ds__remote_fetch_fails),
		cmocka_unit_test(test_ds__resolve_catalog),
		cmocka_unit_test(test_ds__resolve_direct),
		cmocka_unit_test(test_ds__resolve_13),
		cmocka_unit_test(test_ds__dicts),
		cmocka_unit_test(test_ds__dict_errors),
		cmocka_unit_test(test_ds__plain_benchmark),
		cmocka_unit_test(test_ds__add_file_errors),
		cmocka_unit_test(test_ds__open_mem),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
