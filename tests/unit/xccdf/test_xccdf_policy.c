/*
 * Tests for xccdf/xccdf_policy.c and xccdf_bench_add_tailoring: profile
 * lookup (exact, oscap's suffix rule, unknown, ambiguous, abstract),
 * selection with cluster-ids, refine-rule, refine-value, set-value, value
 * selector fallback (XCCDF 1.2 sections 6.5, 6.4.4.5, 7.2.3) and
 * tailoring (section 6.7).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <libxml/tree.h>

#include "platform/base/base.h"
#include "xccdf/xccdf_int.h"

#define NS12 "xmlns=\"http://checklists.nist.gov/xccdf/1.2\""

static const char bench[] =
    "<Benchmark " NS12 " id=\"xccdf_t_benchmark_b\" xml:lang=\"en\">\n"
    " <Profile id=\"xccdf_t_profile_standard\"><title>Std</title>\n"
    "  <select idref=\"r2\" selected=\"false\"/>\n"
    "  <select idref=\"grp\" selected=\"true\"/>\n"
    "  <refine-rule idref=\"r1\" weight=\"9\" severity=\"high\" "
    "role=\"unchecked\" selector=\"alt\"/>\n"
    "  <refine-rule idref=\"grp\" severity=\"low\"/>\n"
    "  <refine-value idref=\"v1\" selector=\"strict\" "
    "operator=\"not equal\"/>\n"
    "  <refine-value idref=\"v2\" selector=\"missing\"/>\n"
    "  <set-value idref=\"v3\">forced</set-value>\n"
    " </Profile>\n"
    " <Profile id=\"xccdf_t_profile_standard_plus\" "
    "extends=\"xccdf_t_profile_standard\">\n"
    "  <select idref=\"r2\" selected=\"true\"/>\n"
    " </Profile>\n"
    " <Profile id=\"xccdf_a_profile_dup\"/>\n"
    " <Profile id=\"xccdf_b_profile_dup\"/>\n"
    " <Profile id=\"xccdf_t_profile_abs\" abstract=\"true\"/>\n"
    " <Value id=\"v1\"><value>lax</value>"
    "<value selector=\"strict\">tight</value></Value>\n"
    " <Value id=\"v2\"><value selector=\"other\">o</value>"
    "<value>def</value></Value>\n"
    " <Value id=\"v3\"><value>orig</value></Value>\n"
    " <Value id=\"v4\"><value selector=\"a\">first</value>"
    "<value selector=\"b\">second</value></Value>\n"
    " <Group id=\"g1\">\n"
    "  <Rule id=\"r1\"/>\n"
    "  <Rule id=\"r2\"/>\n"
    " </Group>\n"
    " <Group id=\"g2\" selected=\"false\">\n"
    "  <Rule id=\"r3\" selected=\"false\" cluster-id=\"grp\"/>\n"
    " </Group>\n"
    " <Rule id=\"r4\" selected=\"false\" cluster-id=\"grp\" "
    "severity=\"medium\"/>\n"
    "</Benchmark>\n";

struct fx {
	struct _xmlDoc		*doc, *tdoc;
	struct xccdf_bench	*b;
	struct xccdf_policy	*p;
};

static void
load(struct fx *f)
{
	memset(f, 0, sizeof(*f));
	assert_int_equal(ks_xml_doc_read_mem(&f->doc, bench, strlen(bench),
	    "b.xml"), 0);
	assert_int_equal(xccdf_bench_parse(&f->b,
	    xmlDocGetRootElement(f->doc), "b.xml"), 0);
}

static int
tailor(struct fx *f, const char *xml)
{
	xmlFreeDoc(f->tdoc);
	assert_int_equal(ks_xml_doc_read_mem(&f->tdoc, xml, strlen(xml),
	    "tt.xml"), 0);
	return xccdf_bench_add_tailoring(f->b, xmlDocGetRootElement(f->tdoc),
	    "tt.xml");
}

static void
unload(struct fx *f)
{
	xccdf_policy_free(f->p);
	xccdf_bench_free(f->b);
	xmlFreeDoc(f->doc);
	xmlFreeDoc(f->tdoc);
}

static uint32_t
ix(const struct fx *f, const char *id)
{
	uint32_t i = xccdf_bench_find(f->b, id);

	assert_int_not_equal(i, XCCDF_NONE);
	return i;
}

static bool
eff(const struct fx *f, const char *id)
{
	return xccdf_policy_effective(f->p, ix(f, id));
}

/* No profile: each item's own @selected; an item inside an unselected
 * Group is not effective (section 6.4.1); Values take the value without
 * selector, else the first. */
static void
test_xccdf_policy__default(void **state)
{
	struct fx f;

	(void)state;
	load(&f);
	assert_int_equal(xccdf_policy_new(&f.p, f.b, NULL), 0);
	assert_null(f.p->profile);
	assert_true(xccdf_policy_effective(f.p, 0));
	assert_true(eff(&f, "r1"));
	assert_true(eff(&f, "r2"));
	assert_false(eff(&f, "g2"));
	assert_false(eff(&f, "r3"));
	assert_false(eff(&f, "r4"));
	assert_false(xccdf_policy_effective(f.p, f.b->nitems));
	assert_string_equal(f.p->value[ix(&f, "v1")], "lax");
	assert_string_equal(f.p->value[ix(&f, "v2")], "def");
	assert_string_equal(f.p->value[ix(&f, "v3")], "orig");
	assert_string_equal(f.p->value[ix(&f, "v4")], "first");
	assert_int_equal(f.p->severity[ix(&f, "r4")], XCCDF_SEV_MEDIUM);
	assert_null(f.p->rule_selector[ix(&f, "r1")]);
	xccdf_policy_free(f.p);
	/* "(default)" is oscap's name for no profile */
	assert_int_equal(xccdf_policy_new(&f.p, f.b, "(default)"), 0);
	assert_null(f.p->profile);
	assert_false(eff(&f, "r4"));
	unload(&f);
}

/* Profile entries in order (section 7.2.3): select by id and by
 * cluster-id, refine-rule, refine-value, set-value. */
static void
test_xccdf_policy__profile(void **state)
{
	struct fx f;
	uint32_t r1, v1, v2, v3;

	(void)state;
	load(&f);
	assert_int_equal(xccdf_policy_new(&f.p, f.b,
	    "xccdf_t_profile_standard"), 0);
	assert_string_equal(f.p->profile->id, "xccdf_t_profile_standard");
	assert_true(eff(&f, "r1"));
	assert_false(eff(&f, "r2"));
	/* select idref="grp" selects both items with cluster-id grp... */
	assert_true(eff(&f, "r4"));
	assert_true(f.p->selected[ix(&f, "r3")]);
	/* ...but r3 stays ineffective inside its unselected Group */
	assert_false(eff(&f, "r3"));
	r1 = ix(&f, "r1");
	assert_true(f.p->weight[r1] == 9.0);
	assert_int_equal(f.p->severity[r1], XCCDF_SEV_HIGH);
	assert_int_equal(f.p->role[r1], XCCDF_ROLE_UNCHECKED);
	assert_string_equal(f.p->rule_selector[r1], "alt");
	/* refine-rule by cluster-id */
	assert_int_equal(f.p->severity[ix(&f, "r4")], XCCDF_SEV_LOW);
	assert_int_equal(f.p->severity[ix(&f, "r3")], XCCDF_SEV_LOW);
	assert_int_equal(f.p->severity[ix(&f, "r2")], XCCDF_SEV_UNKNOWN);
	/* refine-value: the selector's value and the operator */
	v1 = ix(&f, "v1");
	assert_string_equal(f.p->value[v1], "tight");
	assert_string_equal(f.p->value_selector[v1], "strict");
	assert_int_equal(f.p->vop[v1], XCCDF_OP_NOT_EQUAL);
	assert_false(f.p->value_set[v1]);
	/* an unknown selector falls back to the selector-less value */
	v2 = ix(&f, "v2");
	assert_string_equal(f.p->value[v2], "def");
	/* set-value wins */
	v3 = ix(&f, "v3");
	assert_string_equal(f.p->value[v3], "forced");
	assert_true(f.p->value_set[v3]);
	assert_int_equal(f.p->vop[v3], XCCDF_OP_EQUALS);
	unload(&f);
}

/* An extending profile's own entries come after the inherited ones. */
static void
test_xccdf_policy__profile_extends(void **state)
{
	struct fx f;

	(void)state;
	load(&f);
	assert_int_equal(xccdf_policy_new(&f.p, f.b, "standard_plus"), 0);
	assert_string_equal(f.p->profile->id, "xccdf_t_profile_standard_plus");
	assert_true(eff(&f, "r2"));
	assert_true(eff(&f, "r4"));
	assert_string_equal(f.p->value[ix(&f, "v3")], "forced");
	unload(&f);
}

/* --profile: exact id, else the unique id ending in "_" + name. */
static void
test_xccdf_policy__lookup(void **state)
{
	struct fx f;

	(void)state;
	load(&f);
	assert_int_equal(xccdf_policy_new(&f.p, f.b, "standard"), 0);
	assert_string_equal(f.p->profile->id, "xccdf_t_profile_standard");
	xccdf_policy_free(f.p);
	assert_int_equal(xccdf_policy_new(&f.p, f.b, "plus"), 0);
	assert_string_equal(f.p->profile->id, "xccdf_t_profile_standard_plus");
	xccdf_policy_free(f.p);
	f.p = NULL;

	/* "andard" is a suffix but not after "_" */
	assert_int_equal(xccdf_policy_new(&f.p, f.b, "andard"), KS_ENOTFOUND);
	assert_null(f.p);
	assert_int_equal(xccdf_policy_new(&f.p, f.b, "nosuch"), KS_ENOTFOUND);
	assert_string_equal(ks_error_msg(), "no profile 'nosuch' in benchmark "
	    "xccdf_t_benchmark_b; profiles: xccdf_t_profile_standard, "
	    "xccdf_t_profile_standard_plus, xccdf_a_profile_dup, "
	    "xccdf_b_profile_dup, xccdf_t_profile_abs");
	assert_int_equal(xccdf_policy_new(&f.p, f.b, "dup"), KS_ENOTFOUND);
	assert_string_equal(ks_error_msg(), "profile 'dup' is ambiguous: "
	    "xccdf_a_profile_dup, xccdf_b_profile_dup");
	/* an abstract profile cannot be chosen */
	assert_int_equal(xccdf_policy_new(&f.p, f.b, "abs"), KS_ERROR);
	assert_non_null(strstr(ks_error_msg(), "abstract"));
	assert_null(f.p);
	unload(&f);
}

static const char tail12[] =
    "<Tailoring " NS12 " id=\"xccdf_t_tailoring_t\">\n"
    " <benchmark href=\"b.xml\"/>\n"
    " <version time=\"2024-01-01T00:00:00\">3</version>\n"
    " <Profile id=\"xccdf_t_profile_standard\"><title>Replaced</title>"
    "<select idref=\"r1\" selected=\"false\"/></Profile>\n"
    " <Profile id=\"xccdf_t_profile_custom\" "
    "extends=\"xccdf_t_profile_standard_plus\">"
    "<select idref=\"r4\" selected=\"false\"/>"
    "<set-value idref=\"v1\">custom</set-value></Profile>\n"
    " <Profile id=\"xccdf_t_profile_abs\" "
    "extends=\"xccdf_t_profile_abs\"><select idref=\"r2\" "
    "selected=\"false\"/></Profile>\n"
    "</Tailoring>\n";

/* Tailoring (section 6.7): same id replaces, new ids join, extends reach
 * benchmark profiles (also a tailoring profile extending the benchmark
 * profile it replaces). */
static void
test_xccdf_policy__tailoring(void **state)
{
	struct fx f;
	const struct xccdf_profile *p;

	(void)state;
	load(&f);
	assert_int_equal(tailor(&f, tail12), 0);
	assert_string_equal(f.b->tailoring_id, "xccdf_t_tailoring_t");
	assert_string_equal(f.b->tailoring_file, "tt.xml");
	assert_int_equal(f.b->tailoring_version, 3);
	assert_int_equal(f.b->nprofiles, 6);
	p = xccdf_bench_profile(f.b, "xccdf_t_profile_standard");
	assert_true(p->from_tailoring);
	assert_int_equal(p->nselects, 1);
	assert_int_equal(p->nrefine_rules, 0);

	assert_int_equal(xccdf_policy_new(&f.p, f.b, "standard"), 0);
	assert_false(eff(&f, "r1"));
	assert_true(eff(&f, "r2"));
	assert_false(eff(&f, "r4"));
	xccdf_policy_free(f.p);

	/* custom extends the benchmark's standard_plus, resolved with the
	 * benchmark's own standard */
	assert_int_equal(xccdf_policy_new(&f.p, f.b, "custom"), 0);
	assert_true(f.p->profile->from_tailoring);
	assert_true(eff(&f, "r2"));
	assert_false(eff(&f, "r4"));
	assert_true(f.p->weight[ix(&f, "r1")] == 9.0);
	assert_string_equal(f.p->value[ix(&f, "v1")], "custom");
	xccdf_policy_free(f.p);

	/* replacing a profile it extends: abstract is not inherited */
	assert_int_equal(xccdf_policy_new(&f.p, f.b, "xccdf_t_profile_abs"),
	    0);
	assert_false(eff(&f, "r2"));
	unload(&f);
}

/* Malformed tailoring: KS_EPARSE with file:line. */
static void
test_xccdf_policy__tailoring_errors(void **state)
{
	struct fx f;

	(void)state;
	load(&f);
	assert_int_equal(tailor(&f, "<Benchmark " NS12 " id=\"x\"/>"),
	    KS_EPARSE);
	assert_string_equal(ks_error_msg(),
	    "tt.xml:1: <Benchmark> is not an XCCDF Tailoring element");
	assert_int_equal(tailor(&f, "<Tailoring " NS12 ">\n</Tailoring>"),
	    KS_EPARSE);
	assert_string_equal(ks_error_msg(), "tt.xml:1: <Tailoring> without id");
	assert_int_equal(tailor(&f, "<Tailoring " NS12 " id=\"t\">\n"
	    "<Profile id=\"p\" extends=\"gone\"/></Tailoring>"), KS_EPARSE);
	assert_string_equal(ks_error_msg(),
	    "tt.xml:2: Profile 'p' extends 'gone', which does not exist");
	assert_int_equal(tailor(&f, "<Tailoring " NS12 " id=\"t\">\n"
	    "<Profile id=\"p\" extends=\"q\"/>\n"
	    "<Profile id=\"q\" extends=\"p\"/></Tailoring>"), KS_EPARSE);
	assert_string_equal(ks_error_msg(),
	    "tt.xml:3: Profile 'q' extends 'p' (cycle: p -> q -> p)");
	/* nothing was added by the failed attempts */
	assert_int_equal(f.b->nprofiles, 5);
	assert_null(f.b->tailoring_id);

	/* the XCCDF 1.1 tailoring namespace of OpenSCAP */
	assert_int_equal(tailor(&f, "<t:Tailoring xmlns:t=\"http://open-scap"
	    ".org/page/Xccdf-1.1-tailoring\" xmlns:x=\"http://checklists.nist"
	    ".gov/xccdf/1.1\" id=\"t11\"><t:version>2</t:version>"
	    "<x:Profile id=\"p11\"><x:select idref=\"r1\" selected=\"false\"/>"
	    "</x:Profile></t:Tailoring>"), 0);
	assert_string_equal(f.b->tailoring_id, "t11");
	assert_int_equal(f.b->tailoring_version, 2);
	assert_int_equal(f.b->nprofiles, 6);
	assert_int_equal(xccdf_policy_new(&f.p, f.b, "p11"), 0);
	assert_false(eff(&f, "r1"));
	unload(&f);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_xccdf_policy__default),
		cmocka_unit_test(test_xccdf_policy__profile),
		cmocka_unit_test(test_xccdf_policy__profile_extends),
		cmocka_unit_test(test_xccdf_policy__lookup),
		cmocka_unit_test(test_xccdf_policy__tailoring),
		cmocka_unit_test(test_xccdf_policy__tailoring_errors),
	};

	ks_xml_init();
	/* the value-selector fallback warns by design */
	ks_log_set_level(KS_LOG_ERROR);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
