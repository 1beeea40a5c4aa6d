/*
 * Tests for xccdf/ds_source.c: ARF's report request gets the content file's
 * own bytes (from the root element on) only while they are the same XML as
 * the DOM that was evaluated; a DOCTYPE (entities the DOM holds expanded),
 * another encoding or version, a file changed since it was read, or content
 * read from memory send the caller back to the DOM with nothing written.
 */
#include <setjmp.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include "platform/base/xmlw.h"
#include "xccdf/ds_int.h"

#define BENCH_BODY \
	"<Benchmark xmlns=\"http://checklists.nist.gov/xccdf/1.2\"\n" \
	"    id=\"xccdf_org.kensa_benchmark_src\" resolved=\"1\">\n" \
	"  <status>draft</status><!-- kept as written -->\n" \
	"  <version>1</version>\n</Benchmark>\n"

static char dir[256];

static const char *
put(const char *name, const char *text)
{
	static char path[512];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "w");
	assert_non_null(f);
	assert_int_equal(fputs(text, f) >= 0, 1);
	assert_int_equal(fclose(f), 0);
	return path;
}

/* Opens path, copies its source inside <t>; returns the copy's rc and
 * the document written in *out (caller frees). */
static int
copy(const char *path, char **out)
{
	struct xccdf_content *c = NULL;
	struct ks_xmlw *w;
	size_t len;
	FILE *fp = open_memstream(out, &len);
	int rc;

	assert_non_null(fp);
	assert_int_equal(xccdf_content_open(&c, path), 0);
	assert_int_equal(ks_xmlw_new(&w, fp, "mem", 0), 0);
	ks_xmlw_start(w, "t");
	rc = xccdf_content_copy_source(c, w);
	assert_int_equal(ks_xmlw_finish(w), rc == KS_EUNSUPPORTED ? 0 : rc);
	ks_xmlw_free(w);
	fclose(fp);
	xccdf_content_free(c);
	return rc;
}

static void
test_ds_source__copies_from_the_root(void **state)
{
	const char *p = put("plain.xml", "<?xml version=\"1.0\" "
	    "encoding=\"utf-8\"?>\n<!-- a comment before the root -->\n"
	    "<?pi before?>\n" BENCH_BODY);
	char *out = NULL;

	assert_int_equal(copy(p, &out), 0);
	/* Byte for byte from the start tag: comments and the layout of the
	 * file stay as they were; the prolog does not come along. */
	assert_string_equal(out, "<t>" BENCH_BODY "</t>");
	free(out);
	/* A BOM and no declaration. */
	p = put("bom.xml", "\xef\xbb\xbf" BENCH_BODY);
	assert_int_equal(copy(p, &out), 0);
	assert_string_equal(out, "<t>" BENCH_BODY "</t>");
	free(out);
}

static void
test_ds_source__refuses_what_is_not_the_same_xml(void **state)
{
	static const char *const prologs[] = {
		/* a DOCTYPE: an internal subset's attribute defaults are in
		 * the DOM, not in the bytes (the loader refuses entities) */
		"<?xml version=\"1.0\"?>\n<!DOCTYPE Benchmark [ <!ATTLIST "
		"Benchmark style CDATA \"x\"> ]>\n",
		"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n",
		"<?xml version=\"1.1\"?>\n",
	};
	char buf[1024], *out = NULL;

	for (size_t i = 0; i < sizeof(prologs) / sizeof(prologs[0]); i++) {
		snprintf(buf, sizeof(buf), "%s%s", prologs[i], BENCH_BODY);
		assert_int_equal(copy(put("other.xml", buf), &out),
		    KS_EUNSUPPORTED);
		assert_string_equal(out, "<t/>");	/* nothing written */
		free(out);
		out = NULL;
	}
}

static void
test_ds_source__file_changed_since_read(void **state)
{
	const char *p = put("changed.xml", "<?xml version=\"1.0\"?>\n"
	    BENCH_BODY);
	struct xccdf_content *c = NULL;
	struct ks_xmlw *w;
	struct timespec ts[2] = { { 0, UTIME_OMIT }, { 1000000000, 0 } };
	char *out = NULL;
	size_t len;
	FILE *fp;

	assert_int_equal(xccdf_content_open(&c, p), 0);
	/* Same size, other time: another file as far as we can tell. */
	assert_int_equal(utimensat(AT_FDCWD, p, ts, 0), 0);
	fp = open_memstream(&out, &len);
	assert_int_equal(ks_xmlw_new(&w, fp, "mem", 0), 0);
	ks_xmlw_start(w, "t");
	assert_int_equal(xccdf_content_copy_source(c, w), KS_EUNSUPPORTED);
	assert_int_equal(ks_xmlw_finish(w), 0);
	ks_xmlw_free(w);
	fclose(fp);
	assert_string_equal(out, "<t/>");
	free(out);
	xccdf_content_free(c);
}

static void
test_ds_source__content_from_memory(void **state)
{
	static const char doc[] = BENCH_BODY;
	struct xccdf_content *c = NULL;
	struct ks_xmlw *w;
	char *out = NULL;
	size_t len;
	FILE *fp = open_memstream(&out, &len);

	assert_int_equal(xccdf_content_open_mem(&c, doc, sizeof(doc) - 1,
	    "mem.xml"), 0);
	assert_int_equal(ks_xmlw_new(&w, fp, "mem", 0), 0);
	assert_int_equal(xccdf_content_copy_source(c, w), KS_EUNSUPPORTED);
	ks_xmlw_free(w);
	fclose(fp);
	free(out);
	xccdf_content_free(c);
}

static int
setup(void **state)
{
	snprintf(dir, sizeof(dir), "%s/kensa-ds-source-XXXXXX",
	    getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	return mkdtemp(dir) == NULL;
}

static int
teardown(void **state)
{
	static const char *const names[] = {
		"plain.xml", "bom.xml", "other.xml", "changed.xml",
	};
	char p[512];

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		snprintf(p, sizeof(p), "%s/%s", dir, names[i]);
		unlink(p);
	}
	return rmdir(dir);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ds_source__copies_from_the_root),
		cmocka_unit_test(test_ds_source__refuses_what_is_not_the_same_xml),
		cmocka_unit_test(test_ds_source__file_changed_since_read),
		cmocka_unit_test(test_ds_source__content_from_memory),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
