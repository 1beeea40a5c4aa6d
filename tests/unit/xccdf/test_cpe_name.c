/*
 * Unit tests of xccdf/cpe_name.c: the NISTIR 7695 examples of unbinding
 * 2.2 URIs (6.1.3.3) and 2.3 formatted strings (6.2.3.3) and of binding
 * them back (6.1.2.3, 6.2.2.3), malformed names, and every row of the
 * NISTIR 7696 attribute comparison table (table 6-2) with name matching.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xccdf/cpe_int.h"

/* In expectation tables: NULL is ANY, NA_ is NA, else the WFN value. */
static const char NA_[] = "<NA>";

/* Parses s and checks every attribute against want[11]. */
static void
expect_wfn(const char *s, const char *const want[CPE_NATTR])
{
	struct cpe_name n;
	unsigned i;

	if (cpe_name_parse(&n, s) != 0)
		fail_msg("%s: %s", s, ks_error_msg());
	for (i = 0; i < CPE_NATTR; i++) {
		if (want[i] == NULL) {
			if (n.attr[i] != NULL || n.na[i])
				fail_msg("%s: %s is '%s', want ANY", s,
				    cpe_attr_name(i), n.attr[i] ? n.attr[i] :
				    "NA");
		} else if (want[i] == NA_) {
			if (!n.na[i] || n.attr[i] != NULL)
				fail_msg("%s: %s not NA", s,
				    cpe_attr_name(i));
		} else if (n.na[i] || n.attr[i] == NULL ||
		    strcmp(n.attr[i], want[i]) != 0) {
			fail_msg("%s: %s is '%s', want '%s'", s,
			    cpe_attr_name(i), n.attr[i] ? n.attr[i] :
			    n.na[i] ? "NA" : "ANY", want[i]);
		}
	}
	cpe_name_clear(&n);
}

/* Parsing s fails and the message contains `needle`. */
static void
expect_bad(const char *s, const char *needle)
{
	struct cpe_name n;

	ks_error_clear();
	if (cpe_name_parse(&n, s) != KS_EPARSE)
		fail_msg("%s: parsed", s);
	if (strstr(ks_error_msg(), needle) == NULL)
		fail_msg("%s: message '%s' lacks '%s'", s, ks_error_msg(),
		    needle);
	for (unsigned i = 0; i < CPE_NATTR; i++)
		assert_null(n.attr[i]);
}

/* NISTIR 7695 section 6.1.3.3, examples 1-7 of unbind_URI. */
static void
test_cpe_name__uri_unbind_examples(void **state)
{
	expect_wfn("cpe:/a:microsoft:internet_explorer:8.0.6001:beta",
	    (const char *[CPE_NATTR]){ "a", "microsoft",
	    "internet_explorer", "8\\.0\\.6001", "beta" });
	/* Example 2: percent-encoded * and ? are literal characters. */
	expect_wfn("cpe:/a:microsoft:internet_explorer:8.%2a:sp%3f",
	    (const char *[CPE_NATTR]){ "a", "microsoft",
	    "internet_explorer", "8\\.\\*", "sp\\?" });
	/* Example 3: %02 and %01 are the wildcards * and ?. */
	expect_wfn("cpe:/a:microsoft:internet_explorer:8.%02:sp%01",
	    (const char *[CPE_NATTR]){ "a", "microsoft",
	    "internet_explorer", "8\\.*", "sp?" });
	/* Example 4: the packed edition (6.1.3.4 unpack). */
	expect_wfn("cpe:/a:hp:insight_diagnostics:7.4.0.1570::"
	    "~~online~win2003~x64~", (const char *[CPE_NATTR]){ "a", "hp",
	    "insight_diagnostics", "7\\.4\\.0\\.1570", NULL, NULL, NULL,
	    "online", "win2003", "x64", NULL });
	/* Example 5: "-" is NA, empty packed fields ANY. */
	expect_wfn("cpe:/a:hp:openview_network_manager:7.51:-:~~~linux~~",
	    (const char *[CPE_NATTR]){ "a", "hp", "openview_network_manager",
	    "7\\.51", NA_, NULL, NULL, NULL, "linux", NULL, NULL });
	/* Example 6: encoded backslash and dollar. */
	expect_wfn("cpe:/a:foo%5cbar:big%24money_manager_2010:::"
	    "~~special~ipod_touch~80gb~", (const char *[CPE_NATTR]){ "a",
	    "foo\\\\bar", "big\\$money_manager_2010", NULL, NULL, NULL,
	    NULL, "special", "ipod_touch", "80gb", NULL });
	/* Example 7: a raw tilde and an encoded one in unpacked fields. */
	expect_wfn("cpe:/a:foo~bar:big%7emoney_2010",
	    (const char *[CPE_NATTR]){ "a", "foo\\~bar",
	    "big\\~money_2010" });
}

/* Decoding details of 6.1.3.3 decode(): case, hyphens, %01 runs, a legacy
 * (unpacked) edition, the language, missing components. */
static void
test_cpe_name__uri_decoding(void **state)
{
	/* Values are lowercased, percent-encodings in either case. */
	expect_wfn("CPE:/O:Debian:Debian_Linux:11",
	    (const char *[CPE_NATTR]){ "o", "debian", "debian_linux", "11" });
	expect_wfn("cpe:/a:foo:big%7Emoney", (const char *[CPE_NATTR]){ "a",
	    "foo", "big\\~money" });
	/* SSG's names: a hyphen inside a value is quoted, alone it is NA. */
	expect_wfn("cpe:/a:net-snmp", (const char *[CPE_NATTR]){ "a",
	    "net\\-snmp" });
	expect_wfn("cpe:/a:-", (const char *[CPE_NATTR]){ "a", NA_ });
	/* Runs of %01 at either end. */
	expect_wfn("cpe:/a:foo:bar:%01%011.0%01", (const char *[CPE_NATTR]){
	    "a", "foo", "bar", "??1\\.0?" });
	expect_wfn("cpe:/a:foo:bar:1.%01%01", (const char *[CPE_NATTR]){
	    "a", "foo", "bar", "1\\.??" });
	/* An edition without the leading "~" is a plain 2.2 edition. */
	expect_wfn("cpe:/a:foo:bar:1:sp1:pro:en-us",
	    (const char *[CPE_NATTR]){ "a", "foo", "bar", "1", "sp1", "pro",
	    "en\\-us" });
	/* "cpe:/" alone: every attribute ANY; a lone %02 is ANY too. */
	expect_wfn("cpe:/", (const char *[CPE_NATTR]){ NULL });
	expect_wfn("cpe:/a:%02", (const char *[CPE_NATTR]){ "a" });
	/* Empty components in the middle are ANY. */
	expect_wfn("cpe:/o::linux", (const char *[CPE_NATTR]){ "o", NULL,
	    "linux" });
}

/* Malformed 2.2 URIs; the message names the component at fault. */
static void
test_cpe_name__uri_malformed(void **state)
{
	/* 6.1.3.3 example 8: %02 embedded in a value. */
	expect_bad("cpe:/a:foo:bar:12.%02.1234", "version has %02");
	expect_bad("cpe:/a:foo:bar:1%01.2", "version has %01");
	/* A run of %01 that touches neither end (NISTIR 7695 5.3.2). */
	expect_bad("cpe:/a:foo:bar:1%01%01.2", "version has %01");
	expect_bad("cpe:/a:foo:bar%20baz", "product has the invalid "
	    "percent-encoding '%20'");
	expect_bad("cpe:/a:foo:bar%2", "product has a truncated");
	expect_bad("cpe:/a:foo:bar:1:2:3:4:5", "has 8 components, at most 7");
	expect_bad("cpe:/x:foo", "part is 'x'");
	expect_bad("cpe:/-:foo", "part is '-'");
	expect_bad("cpe:/a:foo:bar:1::~a~b", "packed edition has 2 fields");
	expect_bad("cpe:/a:foo:bar:1::~a~b~c~d~e~f",
	    "packed edition has 6 fields");
	expect_bad("cpe:/a:fo o", "vendor holds the byte 0x20");
	expect_bad("cpe:/a:f\xc3\xa9", "vendor holds the byte 0xc3");
	expect_bad("foo:/a:bar", "not a CPE name");
	expect_bad("", "not a CPE name");
}

/* NISTIR 7695 section 6.2.3.3, examples of unbind_fs. */
static void
test_cpe_name__fs_unbind_examples(void **state)
{
	expect_wfn("cpe:2.3:a:microsoft:internet_explorer:8.0.6001:beta:*:*:"
	    "*:*:*:*", (const char *[CPE_NATTR]){ "a", "microsoft",
	    "internet_explorer", "8\\.0\\.6001", "beta" });
	expect_wfn("cpe:2.3:a:microsoft:internet_explorer:8.*:sp?:*:*:*:*:*:*",
	    (const char *[CPE_NATTR]){ "a", "microsoft",
	    "internet_explorer", "8\\.*", "sp?" });
	expect_wfn("cpe:2.3:a:hp:insight_diagnostics:7.4.0.1570:-:*:*:online:"
	    "win2003:x64:*", (const char *[CPE_NATTR]){ "a", "hp",
	    "insight_diagnostics", "7\\.4\\.0\\.1570", NA_, NULL, NULL,
	    "online", "win2003", "x64", NULL });
	expect_wfn("cpe:2.3:a:hp:openview_network_manager:7.51:*:*:*:*:linux:"
	    "*:*", (const char *[CPE_NATTR]){ "a", "hp",
	    "openview_network_manager", "7\\.51", NULL, NULL, NULL, NULL,
	    "linux", NULL, NULL });
	expect_wfn("cpe:2.3:a:foo\\\\bar:big\\$money_2010:*:*:*:*:special:"
	    "ipod_touch:80gb:*", (const char *[CPE_NATTR]){ "a",
	    "foo\\\\bar", "big\\$money_2010", NULL, NULL, NULL, NULL,
	    "special", "ipod_touch", "80gb", NULL });
	/* A quoted colon stays inside its field; quoted letters are the
	 * letters themselves; values are lowercased. */
	expect_wfn("cpe:2.3:o:Debian:debian\\:linux:\\1\\1:*:*:*:*:*:*:*",
	    (const char *[CPE_NATTR]){ "o", "debian", "debian\\:linux",
	    "11" });
	/* Runs of ? at either end, a * at either end. */
	expect_wfn("cpe:2.3:a:foo:bar:??1.0?:*foo*:*:*:*:*:*:*",
	    (const char *[CPE_NATTR]){ "a", "foo", "bar", "??1\\.0?",
	    "*foo*" });
}

/* Malformed formatted strings. */
static void
test_cpe_name__fs_malformed(void **state)
{
	expect_bad("cpe:2.3:a:foo:bar:1:*:*:*:*:*:*",
	    "cpe:2.3 name has 12 fields, expected 13");
	expect_bad("cpe:2.3:a:foo:bar:1:*:*:*:*:*:*:*:*",
	    "cpe:2.3 name has 14 fields, expected 13");
	/* 6.2.3.3: an unquoted * or ? inside a value is an error. */
	expect_bad("cpe:2.3:a:foo:bar:12.*.1234:*:*:*:*:*:*:*",
	    "version has an unquoted *");
	expect_bad("cpe:2.3:a:foo:bar:1?2:*:*:*:*:*:*:*",
	    "version has an unquoted ?");
	/* add_quoting's test would let this run through; 5.3.2 does not. */
	expect_bad("cpe:2.3:a:foo:bar:s??p?:*:*:*:*:*:*:*",
	    "version has an unquoted ?");
	expect_bad("cpe:2.3:a:foo::1:*:*:*:*:*:*:*", "product is empty");
	expect_bad("cpe:2.3:a:foo:bar:1:*:*:*:*:*:*:x\\",
	    "other ends with a lone backslash");
	expect_bad("cpe:2.3:q:foo:bar:1:*:*:*:*:*:*:*", "part is 'q'");
	expect_bad("cpe:2.3:a:fo o:bar:1:*:*:*:*:*:*:*",
	    "vendor holds the byte 0x20");
}

/* Caps: names longer than CPE_NAME_MAX and NULL are rejected. */
static void
test_cpe_name__limits(void **state)
{
	char *big = malloc(CPE_NAME_MAX + 16);
	struct cpe_name n;

	memcpy(big, "cpe:/a:", 7);
	memset(big + 7, 'x', CPE_NAME_MAX);
	big[CPE_NAME_MAX + 7] = '\0';
	assert_int_equal(cpe_name_parse(&n, big), KS_EPARSE);
	assert_non_null(strstr(ks_error_msg(), "longer than"));
	/* Just under the cap: fine. */
	big[CPE_NAME_MAX] = '\0';
	assert_int_equal(cpe_name_parse(&n, big), 0);
	assert_int_equal(strlen(n.attr[CPE_VENDOR]), CPE_NAME_MAX - 7);
	cpe_name_clear(&n);
	free(big);
	assert_int_equal(cpe_name_parse(&n, NULL), KS_EPARSE);
	cpe_name_clear(NULL);
}

static void
expect_bind(const char *in, const char *uri, const char *fs)
{
	struct cpe_name n;
	char *s;

	if (cpe_name_parse(&n, in) != 0)
		fail_msg("%s: %s", in, ks_error_msg());
	assert_int_equal(cpe_name_to_uri(&n, &s), 0);
	if (strcmp(s, uri) != 0)
		fail_msg("%s: URI '%s', want '%s'", in, s, uri);
	free(s);
	assert_int_equal(cpe_name_to_fs(&n, &s), 0);
	if (strcmp(s, fs) != 0)
		fail_msg("%s: FS '%s', want '%s'", in, s, fs);
	free(s);
	cpe_name_clear(&n);
}

/* NISTIR 7695 6.1.2.3 (bind_to_URI) and 6.2.2.3 (bind_to_fs) examples,
 * reached from the other binding: both directions in one go. */
static void
test_cpe_name__bind_examples(void **state)
{
	expect_bind("cpe:2.3:a:microsoft:internet_explorer:8.0.6001:beta:*:*:"
	    "*:*:*:*", "cpe:/a:microsoft:internet_explorer:8.0.6001:beta",
	    "cpe:2.3:a:microsoft:internet_explorer:8.0.6001:beta:*:*:*:*:*:"
	    "*");
	expect_bind("cpe:2.3:a:microsoft:internet_explorer:8.*:sp?:*:*:*:*:"
	    "*:*", "cpe:/a:microsoft:internet_explorer:8.%02:sp%01",
	    "cpe:2.3:a:microsoft:internet_explorer:8.*:sp?:*:*:*:*:*:*");
	expect_bind("cpe:/a:hp:insight_diagnostics:7.4.0.1570:-:"
	    "~~online~win2003~x64~",
	    "cpe:/a:hp:insight_diagnostics:7.4.0.1570:-:"
	    "~~online~win2003~x64~",
	    "cpe:2.3:a:hp:insight_diagnostics:7.4.0.1570:-:*:*:online:"
	    "win2003:x64:*");
	expect_bind("cpe:/a:hp:openview_network_manager:7.51::~~~linux~~",
	    "cpe:/a:hp:openview_network_manager:7.51::~~~linux~~",
	    "cpe:2.3:a:hp:openview_network_manager:7.51:*:*:*:*:linux:*:*");
	expect_bind("cpe:2.3:a:foo\\\\bar:big\\$money_manager_2010:*:*:*:*:"
	    "special:ipod_touch:80gb:*",
	    "cpe:/a:foo%5cbar:big%24money_manager_2010:::"
	    "~~special~ipod_touch~80gb~",
	    "cpe:2.3:a:foo\\\\bar:big\\$money_manager_2010:*:*:*:*:special:"
	    "ipod_touch:80gb:*");
	/* Trailing ANY components are trimmed from the URI; NA stays. */
	expect_bind("cpe:/o:debian:debian_linux:11", "cpe:/o:debian:"
	    "debian_linux:11", "cpe:2.3:o:debian:debian_linux:11:*:*:*:*:*:"
	    "*:*");
	expect_bind("cpe:/a:net-snmp:-", "cpe:/a:net-snmp:-",
	    "cpe:2.3:a:net-snmp:-:*:*:*:*:*:*:*:*");
}

/* Section 6.2 of NISTIR 7696, table 6-2: one case per row. */
static void
test_cpe_name__compare_table(void **state)
{
	static const struct {
		int		 row;
		const char	*src;	/* NULL ANY, NA_ NA */
		const char	*tgt;
		enum cpe_rel	 want;
	} t[] = {
		{ 1, NULL, NULL, CPE_REL_EQUAL },
		{ 2, NULL, NA_, CPE_REL_SUPERSET },
		{ 3, NULL, "foo", CPE_REL_SUPERSET },
		{ 4, NULL, "foo*", CPE_REL_UNDEFINED },
		{ 5, NA_, NULL, CPE_REL_SUBSET },
		{ 6, NA_, NA_, CPE_REL_EQUAL },
		{ 7, NA_, "foo", CPE_REL_DISJOINT },
		{ 8, NA_, "foo*", CPE_REL_UNDEFINED },
		{ 9, "foo", NULL, CPE_REL_SUBSET },
		{ 10, "foo", NA_, CPE_REL_DISJOINT },
		{ 11, "foo", "foo", CPE_REL_EQUAL },
		{ 12, "foo", "bar", CPE_REL_DISJOINT },
		{ 13, "foo", "fo?", CPE_REL_UNDEFINED },
		{ 14, "foo*", NULL, CPE_REL_SUBSET },
		{ 15, "foo*", NA_, CPE_REL_DISJOINT },
		{ 16, "foo*", "foobar", CPE_REL_SUPERSET },
		{ 17, "foo*", "bar", CPE_REL_DISJOINT },
		{ 18, "foo*", "foo?", CPE_REL_UNDEFINED },
	};
	size_t i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		bool sna = t[i].src == NA_, tna = t[i].tgt == NA_;
		enum cpe_rel r = cpe_attr_compare(sna ? NULL : t[i].src, sna,
		    tna ? NULL : t[i].tgt, tna);

		if (r != t[i].want)
			fail_msg("row %d: %s, want %s", t[i].row,
			    cpe_rel_name(r), cpe_rel_name(t[i].want));
	}
}

/* compare_strings (NISTIR 7696 6.2) with wildcards at either end; a quoted
 * pair counts as one character; comparisons ignore case. */
static void
test_cpe_name__compare_wildcards(void **state)
{
	static const struct {
		const char	*src, *tgt;
		enum cpe_rel	 want;
	} t[] = {
		{ "7\\.*", "7\\.4\\.0", CPE_REL_SUPERSET },
		{ "7\\.*", "8\\.4\\.0", CPE_REL_DISJOINT },
		{ "*\\.4", "7\\.4", CPE_REL_SUPERSET },
		{ "*\\.4", "7\\.40", CPE_REL_DISJOINT },
		{ "*4*", "7\\.4\\.1", CPE_REL_SUPERSET },
		{ "?\\.4", "7\\.4", CPE_REL_SUPERSET },
		{ "?\\.4", "17\\.4", CPE_REL_DISJOINT },
		/* a run of k ? matches up to k characters (7696 6.2) */
		{ "??\\.4", "\\.4", CPE_REL_SUPERSET },
		{ "??\\.4", "12\\.4", CPE_REL_SUPERSET },
		{ "??\\.4", "123\\.4", CPE_REL_DISJOINT },
		{ "1\\.?", "1\\.2", CPE_REL_SUPERSET },
		{ "1\\.?", "1\\.23", CPE_REL_DISJOINT },
		{ "1?", "1\\-", CPE_REL_SUPERSET },
		{ "?x", "\\.x", CPE_REL_SUPERSET },
		{ "sp?", "sp1", CPE_REL_SUPERSET },
		{ "Foo", "fOO", CPE_REL_EQUAL },
		{ "FOO*", "foobar", CPE_REL_SUPERSET },
		/* a quoted * in the source is a literal */
		{ "a\\*", "abc", CPE_REL_DISJOINT },
		{ "a\\*", "a\\*", CPE_REL_EQUAL },
	};
	size_t i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		enum cpe_rel r = cpe_attr_compare(t[i].src, false, t[i].tgt,
		    false);

		if (r != t[i].want)
			fail_msg("'%s' vs '%s': %s, want %s", t[i].src,
			    t[i].tgt, cpe_rel_name(r), cpe_rel_name(t[i].want));
	}
}

static bool
match(const char *src, const char *tgt)
{
	struct cpe_name s, t;
	bool m;

	if (cpe_name_parse(&s, src) != 0 || cpe_name_parse(&t, tgt) != 0)
		fail_msg("%s / %s: %s", src, tgt, ks_error_msg());
	m = cpe_name_match(&s, &t);
	cpe_name_clear(&s);
	cpe_name_clear(&t);
	return m;
}

/* NISTIR 7696 6.3 name matching as applicability uses it (SP 800-126: the
 * platform is the source, the dictionary item the target). */
static void
test_cpe_name__match(void **state)
{
	assert_true(match("cpe:/o:debian:debian_linux",
	    "cpe:/o:debian:debian_linux:11"));
	assert_false(match("cpe:/o:debian:debian_linux:11",
	    "cpe:/o:debian:debian_linux"));
	assert_true(match("cpe:/o:debian:debian_linux:11",
	    "cpe:/o:debian:debian_linux:11"));
	assert_false(match("cpe:/o:debian:debian_linux:12",
	    "cpe:/o:debian:debian_linux:11"));
	assert_false(match("cpe:/a:debian:debian_linux",
	    "cpe:/o:debian:debian_linux:11"));
	/* Across bindings. */
	assert_true(match("cpe:2.3:o:debian:debian_linux:*:*:*:*:*:*:*:*",
	    "cpe:/o:debian:debian_linux:11"));
	assert_true(match("cpe:2.3:o:debian:debian_linux:1?:*:*:*:*:*:*:*",
	    "cpe:/o:debian:debian_linux:11"));
	assert_true(match("cpe:/a:hp:openview_network_manager",
	    "cpe:/a:hp:openview_network_manager:7.51::~~~linux~~"));
	assert_false(match("cpe:/a:hp:openview_network_manager:::"
	    "~~~windows~~",
	    "cpe:/a:hp:openview_network_manager:7.51::~~~linux~~"));
	/* NA in the source excludes a value in the target. */
	assert_false(match("cpe:2.3:a:foo:bar:-:*:*:*:*:*:*:*",
	    "cpe:/a:foo:bar:1.0"));
	assert_true(match("cpe:2.3:a:foo:bar:-:*:*:*:*:*:*:*",
	    "cpe:/a:foo:bar:-"));
	/* A target with wildcards: undefined, so no match. */
	assert_false(match("cpe:/a:foo", "cpe:/a:foo:bar:1.%02"));
	/* An empty name (every attribute ANY) matches anything. */
	assert_true(match("cpe:/", "cpe:/h:intel:core"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cpe_name__uri_unbind_examples),
		cmocka_unit_test(test_cpe_name__uri_decoding),
		cmocka_unit_test(test_cpe_name__uri_malformed),
		cmocka_unit_test(test_cpe_name__fs_unbind_examples),
		cmocka_unit_test(test_cpe_name__fs_malformed),
		cmocka_unit_test(test_cpe_name__limits),
		cmocka_unit_test(test_cpe_name__bind_examples),
		cmocka_unit_test(test_cpe_name__compare_table),
		cmocka_unit_test(test_cpe_name__compare_wildcards),
		cmocka_unit_test(test_cpe_name__match),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
