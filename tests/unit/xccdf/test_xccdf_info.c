/*
 * Tests for xccdf/xccdf_info.c: the `oscap info` layout printed for the
 * fixture data streams, benchmark, tailoring, CPE dictionary and OVAL
 * document (tests/unit/xccdf/data/ds-*.xml), with titles in the asked
 * language. The fixtures are copied to a temp dir with a fixed mtime so
 * the "Imported:" line is known.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <utime.h>
#include <cmocka.h>

#include "xccdf/ds_int.h"
#include "tests/unit/test_tmp.h"

#ifndef KS_SRCDIR
#define KS_SRCDIR "."
#endif
#define DATA KS_SRCDIR "/tests/unit/xccdf/data/"
#define MTIME 1704164645	/* 2024-01-02T03:04:05Z */
#define OVAL_SYS "http://oval.mitre.org/XMLSchema/oval-definitions-5"

static char tmpdir[256];

static int
setup(void **state)
{
	snprintf(tmpdir, sizeof(tmpdir), "/tmp/test_xccdf_info.XXXXXX");
	assert_non_null(mkdtemp(tmpdir));
	setenv("TZ", "UTC", 1);
	tzset();
	ks_xml_init();
	return 0;
}

static int
teardown(void **state)
{
	return test_tmp_rm(tmpdir) == 0 ? 0 : -1;
}

/* Prints the info of a copy of fixture `name` in `lang`; caller frees. */
static char *
info_of(const char *name, const char *lang)
{
	struct utimbuf ut = { .actime = MTIME, .modtime = MTIME };
	struct xccdf_content *c = NULL;
	char src[512], dst[512], *buf = NULL, *out = NULL;
	size_t len = 0, outlen = 0;
	FILE *fp;

	snprintf(src, sizeof(src), DATA "%s", name);
	snprintf(dst, sizeof(dst), "%s/%s", tmpdir, name);
	assert_int_equal(ks_file_read(src, 1 << 20, &buf, &len), 0);
	assert_int_equal(ks_file_write_atomic(dst, buf, len), 0);
	free(buf);
	assert_int_equal(utime(dst, &ut), 0);
	if (xccdf_content_open(&c, dst) != 0)
		fail_msg("open %s: %s", dst, ks_error_msg());
	fp = open_memstream(&out, &outlen);
	assert_non_null(fp);
	assert_int_equal(xccdf_info_print(c, fp, lang), 0);
	fclose(fp);
	xccdf_content_free(c);
	return out;
}

static void
expect(const char *name, const char *lang, const char *want)
{
	char *got = info_of(name, lang);

	if (strcmp(got, want) != 0)
		fail_msg("info %s (%s):\n--- got\n%s--- want\n%s", name,
		    lang ? lang : "-", got, want);
	free(got);
}

static void
test_xccdf_info__ds12(void **state)
{
	char want[4096];

	snprintf(want, sizeof(want),
	    "Document type: Source Data Stream\n"
	    "Imported: 2024-01-02T03:04:05\n"
	    "\n"
	    "Stream: scap_org.example_datastream_a\n"
	    "Generated: 2024-02-03T04:05:06\n"
	    "Version: 1.2\n"
	    "Checklists:\n"
	    "\tRef-Id: scap_org.example_cref_tailoring\n"
	    "\t\tBenchmark Hint: (null)\n"
	    "\t\tProfiles:\n"
	    "\t\t\tTitle: Tailored P1\n"
	    "\t\t\t\tId: xccdf_org.example_profile_p1_tailored\n"
	    "\tRef-Id: scap_org.example_cref_xccdf\n"
	    "\t\tStatus: interim\n"
	    "\t\tGenerated: 2024-02-01\n"
	    "\t\tResolved: false\n"
	    "\t\tProfiles:\n"
	    "\t\t\tTitle: English title\n"
	    "\t\t\t\tId: xccdf_org.example_profile_p1\n"
	    "\t\tReferenced check files:\n"
	    "\t\t\tds-oval.xml\n"
	    "\t\t\t\tsystem: " OVAL_SYS "\n"
	    "\t\t\tdangling.xml\n"
	    "\t\t\t\tsystem: " OVAL_SYS "\n"
	    "Checks:\n"
	    "\tRef-Id: scap_org.example_cref_oval\n"
	    "\tRef-Id: scap_org.example_cref_cpe-oval\n"
	    "\tRef-Id: scap_org.example_cref_dangling\n"
	    "Dictionaries:\n"
	    "\tRef-Id: scap_org.example_cref_cpe\n"
	    "\n"
	    "Stream: scap_org.example_datastream_b\n"
	    "Generated: (null)\n"
	    "Version: 1.2\n"
	    "Checklists:\n"
	    "\tRef-Id: scap_org.example_cref_remote\n"
	    "\t\tUnresolved: %s/ds-12.xml: remote component "
	    "'https://example.org/remote-xccdf.xml' of component-ref "
	    "'scap_org.example_cref_remote' not fetched (use "
	    "--fetch-remote-resources)\n"
	    "\tRef-Id: scap_org.example_cref_xccdf2\n"
	    "\t\tStatus: draft\n"
	    "\t\tGenerated: (null)\n"
	    "\t\tResolved: true\n"
	    "\t\tProfiles:\n"
	    "\t\tReferenced check files:\n"
	    "\t\t\t#scap_org.example_cref_oval_b\n"
	    "\t\t\t\tsystem: " OVAL_SYS "\n"
	    "Checks:\n"
	    "\tRef-Id: scap_org.example_cref_oval_b\n"
	    "No dictionaries.\n", tmpdir);
	expect("ds-12.xml", "en", want);
	/* The Unresolved line does not leave a message behind. */
	assert_string_equal(ks_error_msg(), "");
}

static void
test_xccdf_info__ds13(void **state)
{
	expect("ds-13.xml", NULL,
	    "Document type: Source Data Stream\n"
	    "Imported: 2024-01-02T03:04:05\n"
	    "\n"
	    "Stream: scap_org.example_datastream_13\n"
	    "Generated: (null)\n"
	    "Version: 1.3\n"
	    "Checklists:\n"
	    "\tRef-Id: scap_org.example_cref_x13\n"
	    "\t\tStatus: draft\n"
	    "\t\tGenerated: 2024-03-01\n"
	    "\t\tResolved: true\n"
	    "\t\tProfiles:\n"
	    "\t\t\tTitle: Thirteen\n"
	    "\t\t\t\tId: xccdf_org.example_profile_13\n"
	    "\t\tReferenced check files:\n"
	    "\t\t\toval13.xml\n"
	    "\t\t\t\tsystem: " OVAL_SYS "\n"
	    "Checks:\n"
	    "\tRef-Id: scap_org.example_cref_o13\n"
	    "No dictionaries.\n");
}

static const char bench_head[] =
    "Document type: XCCDF Checklist\n"
    "Checklist version: 1.2\n"
    "Imported: 2024-01-02T03:04:05\n"
    /* the newest of two statuses */
    "Status: accepted\n"
    "Generated: 2024-01-01\n"
    "Resolved: true\n"
    "Profiles:\n";
static const char bench_tail[] =
    "\t\tId: xccdf_org.example_profile_base\n"
    /* whitespace collapsed */
    "\tTitle: Second profile\n"
    "\t\tId: xccdf_org.example_profile_second\n"
    /* once each, in document order, complex-check included */
    "Referenced check files:\n"
    "\tds-oval.xml\n"
    "\t\tsystem: " OVAL_SYS "\n"
    "\tds-missing-ocil.xml\n"
    "\t\tsystem: http://scap.nist.gov/schema/ocil/2\n"
    "\tds-cpe.xml\n"
    "\t\tsystem: " OVAL_SYS "\n";

static void
test_xccdf_info__benchmark(void **state)
{
	char want[2048];

	snprintf(want, sizeof(want), "%s\tTitle: 基本プロファイル\n%s",
	    bench_head, bench_tail);
	expect("ds-bench.xml", "ja", want);
	snprintf(want, sizeof(want), "%s\tTitle: Base profile\n%s",
	    bench_head, bench_tail);
	expect("ds-bench.xml", "en", want);
	/* No language asked: the first title. */
	expect("ds-bench.xml", NULL, want);
}

static void
test_xccdf_info__others(void **state)
{
	expect("ds-tailoring.xml", "ja",
	    "Document type: XCCDF Tailoring\n"
	    "Imported: 2024-01-02T03:04:05\n"
	    "Benchmark Hint: ds-bench.xml\n"
	    "Profiles:\n"
	    "\tTitle: 調整済みプロファイル\n"
	    "\t\tId: xccdf_org.example_profile_tailored\n");
	expect("ds-tailoring.xml", "en-GB",
	    "Document type: XCCDF Tailoring\n"
	    "Imported: 2024-01-02T03:04:05\n"
	    "Benchmark Hint: ds-bench.xml\n"
	    "Profiles:\n"
	    "\tTitle: Tailored profile\n"
	    "\t\tId: xccdf_org.example_profile_tailored\n");
	expect("ds-cpe.xml", "en",
	    "Document type: CPE Dictionary\n"
	    "Imported: 2024-01-02T03:04:05\n");
	expect("ds-oval.xml", "en",
	    "Document type: OVAL Definitions\n"
	    "OVAL version: 5.11.2\n"
	    "Generated: 2024-01-02T03:04:05\n"
	    "Imported: 2024-01-02T03:04:05\n");
}

static void
test_xccdf_info__write_error(void **state)
{
	struct xccdf_content *c = NULL;
	FILE *fp = fopen("/dev/full", "w");

	if (fp == NULL)
		skip();
	assert_int_equal(xccdf_content_open(&c, DATA "ds-13.xml"), 0);
	assert_int_equal(xccdf_info_print(c, fp, "en"), KS_ERROR);
	assert_string_equal(ks_error_msg(), "cannot write the description of "
	    DATA "ds-13.xml");
	fclose(fp);
	xccdf_content_free(c);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_xccdf_info__ds12),
		cmocka_unit_test(test_xccdf_info__ds13),
		cmocka_unit_test(test_xccdf_info__benchmark),
		cmocka_unit_test(test_xccdf_info__others),
		cmocka_unit_test(test_xccdf_info__write_error),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
