/*
 * Tests for xccdf/xccdf_parse.c and xccdf/xccdf_names.c: XCCDF 1.1 and 1.2
 * Benchmarks read into the model (every field), defaults, bad input, item
 * and profile inheritance (NIST IR 7275r4 section 7.2.2) with its errors.
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
#define NS11 "xmlns=\"http://checklists.nist.gov/xccdf/1.1\""

struct fx {
	struct _xmlDoc		*doc;
	struct xccdf_bench	*b;
};

static int
load(struct fx *f, const char *xml)
{
	int rc;

	memset(f, 0, sizeof(*f));
	rc = ks_xml_doc_read_mem(&f->doc, xml, strlen(xml), "t.xml");
	assert_int_equal(rc, 0);
	return xccdf_bench_parse(&f->b, xmlDocGetRootElement(f->doc),
	    "t.xml");
}

static void
unload(struct fx *f)
{
	xccdf_bench_free(f->b);
	xmlFreeDoc(f->doc);
}

static const struct xccdf_item *
item(const struct fx *f, const char *id)
{
	uint32_t i = xccdf_bench_find(f->b, id);

	assert_int_not_equal(i, XCCDF_NONE);
	return &f->b->items[i];
}

static char *
content(const struct xccdf_text *t)
{
	return (char *)xmlNodeGetContent(t->node);
}

static void
assert_text(const struct xccdf_text *t, const char *want)
{
	char *s = content(t);

	assert_string_equal(s, want);
	xmlFree(s);
}

static const char full12[] =
    "<?xml version=\"1.0\"?>\n"
    "<Benchmark " NS12 " xmlns:cpe-lang=\"http://cpe.mitre.org/language/2.0\""
    " id=\"xccdf_t_benchmark_b\" resolved=\"1\" xml:lang=\"en-US\">\n"
    " <status date=\"2020-01-01\">draft</status>\n"
    " <status date=\"2021-05-01\">accepted</status>\n"
    " <status date=\"2019-01-01\">incomplete</status>\n"
    " <title>Bench</title>\n"
    " <title xml:lang=\"ja\">ja-bench</title>\n"
    " <description>Desc</description>\n"
    " <platform idref=\"cpe:/o:debian:debian_linux:11\"/>\n"
    " <version>0.1.2</version>\n"
    " <model system=\"urn:xccdf:scoring:default\"/>\n"
    " <model system=\"urn:xccdf:scoring:flat\"/>\n"
    " <cpe-lang:platform-specification><cpe-lang:platform id=\"p1\"/>"
    "</cpe-lang:platform-specification>\n"
    " <plain-text id=\"xccdf_t_plain_pt\">plain words</plain-text>\n"
    " <Profile id=\"xccdf_t_profile_p1\" abstract=\"false\">"
    "<title>P1</title><description>PD</description>"
    "<platform idref=\"#p1\"/>"
    "<select idref=\"xccdf_t_rule_r1\" selected=\"false\"/>"
    "<set-value idref=\"xccdf_t_value_v1\">7</set-value>"
    "<set-complex-value idref=\"xccdf_t_value_v1\"><item>8</item>"
    "<item>9</item></set-complex-value>"
    "<refine-value idref=\"xccdf_t_value_v1\" selector=\"big\" "
    "operator=\"less than\"/>"
    "<refine-rule idref=\"xccdf_t_rule_r1\" weight=\"4\" severity=\"low\" "
    "role=\"unchecked\" selector=\"s1\"/>"
    "</Profile>\n"
    " <Value id=\"xccdf_t_value_v1\" type=\"number\" "
    "operator=\"greater than\" interactive=\"true\">\n"
    "  <title>V1</title>\n"
    "  <value>5</value><value selector=\"big\">50</value>\n"
    "  <default>4</default><lower-bound>1</lower-bound>"
    "<upper-bound selector=\"big\">100</upper-bound><match>[0-9]+</match>\n"
    "  <choices mustMatch=\"true\" selector=\"c\"><choice>5</choice>"
    "<choice>50</choice></choices>\n"
    " </Value>\n"
    " <Group id=\"xccdf_t_group_g1\" selected=\"false\" weight=\"2.5\" "
    "hidden=\"true\" cluster-id=\"cl\">\n"
    "  <title>G1</title>\n"
    "  <Rule id=\"xccdf_t_rule_r1\" selected=\"true\" weight=\"3\" "
    "role=\"unscored\" severity=\"high\" multiple=\"true\" "
    "prohibitChanges=\"true\">\n"
    "   <version>2</version>\n"
    "   <title xml:lang=\"en-US\">R1</title>\n"
    "   <description>Set <sub idref=\"xccdf_t_value_v1\"/></description>\n"
    "   <warning>W</warning><rationale>Ra</rationale>"
    "<question>Q</question>\n"
    "   <reference href=\"http://x\">Ref</reference>\n"
    "   <platform idref=\"#p1\"/>\n"
    "   <requires idref=\" xccdf_t_rule_r2  xccdf_t_rule_r3 \"/>\n"
    "   <conflicts idref=\"xccdf_t_rule_r3\"/>\n"
    "   <ident system=\"https://ncp.nist.gov/cce\">CCE-1234-5</ident>\n"
    "   <fixtext>do it</fixtext>\n"
    "   <fix system=\"urn:xccdf:fix:script:sh\">echo</fix>\n"
    "   <check system=\"http://oval.mitre.org/XMLSchema/oval-definitions-5\""
    " selector=\"s1\" negate=\"true\" multi-check=\"true\" id=\"c1\">\n"
    "    <check-import import-name=\"stdout\" import-xpath=\"/x\"/>\n"
    "    <check-export value-id=\"xccdf_t_value_v1\" "
    "export-name=\"oval:t:var:1\"/>\n"
    "    <check-content-ref href=\"oval.xml\" name=\"oval:t:def:1\"/>\n"
    "    <check-content-ref href=\"oval2.xml\"/>\n"
    "   </check>\n"
    "   <check system=\"http://scap.nist.gov/schema/ocil/2\">"
    "<check-content>inline</check-content></check>\n"
    "   <complex-check operator=\"OR\" negate=\"true\">\n"
    "    <check system=\"a\"><check-content-ref href=\"a.xml\"/></check>\n"
    "    <complex-check operator=\"AND\"><check system=\"b\"/>"
    "<check system=\"c\"/></complex-check>\n"
    "   </complex-check>\n"
    "  </Rule>\n"
    "  <Rule id=\"xccdf_t_rule_r2\"/>\n"
    " </Group>\n"
    " <Rule id=\"xccdf_t_rule_r3\" severity=\"hgih\" role=\"bogus\" "
    "selected=\"maybe\" weight=\"heavy\"/>\n"
    " <Value id=\"xccdf_t_value_v2\"/>\n"
    "</Benchmark>\n";

/* Benchmark-level fields (XCCDF 1.2 section 6.2). */
static void
test_xccdf_parse__benchmark_fields(void **state)
{
	struct fx f;
	const struct xccdf_item *b0;

	(void)state;
	assert_int_equal(load(&f, full12), 0);
	assert_int_equal(f.b->version, 12);
	assert_string_equal(f.b->ns, XCCDF_NS_12);
	assert_string_equal(f.b->id, "xccdf_t_benchmark_b");
	assert_string_equal(f.b->file, "t.xml");
	assert_string_equal(f.b->version_str, "0.1.2");
	/* the newest status by @date, not the last one */
	assert_string_equal(f.b->status, "accepted");
	assert_string_equal(f.b->status_date, "2021-05-01");
	assert_string_equal(f.b->lang, "en-US");
	assert_true(f.b->resolved);
	assert_int_equal(f.b->nmodels, 2);
	assert_string_equal(f.b->models[0], XCCDF_SCORE_DEFAULT);
	assert_string_equal(f.b->models[1], XCCDF_SCORE_FLAT);
	assert_non_null(f.b->platform_spec);
	assert_string_equal((const char *)f.b->platform_spec->name,
	    "platform-specification");
	assert_int_equal(f.b->nitems, 7);
	b0 = &f.b->items[0];
	assert_int_equal(b0->type, XCCDF_ITEM_BENCHMARK);
	assert_int_equal(b0->parent, XCCDF_NONE);
	assert_int_equal(b0->title.n, 2);
	/* xml:lang inherited from the Benchmark */
	assert_string_equal(b0->title.v[0].lang, "en-US");
	assert_string_equal(b0->title.v[1].lang, "ja");
	assert_text(&b0->title.v[1], "ja-bench");
	assert_int_equal(b0->nplatforms, 1);
	assert_string_equal(b0->platforms[0], "cpe:/o:debian:debian_linux:11");
	/* kids in document order: Value, Group, Rule, Value */
	assert_int_equal(b0->nkids, 4);
	assert_string_equal(f.b->items[b0->kids[0]].id, "xccdf_t_value_v1");
	assert_string_equal(f.b->items[b0->kids[1]].id, "xccdf_t_group_g1");
	assert_string_equal(f.b->items[b0->kids[2]].id, "xccdf_t_rule_r3");
	assert_int_equal(xccdf_bench_find(f.b, "xccdf_t_benchmark_b"), 0);
	assert_int_equal(xccdf_bench_find(f.b, "nope"), XCCDF_NONE);
	unload(&f);
}

/* Rule and Group properties (sections 6.4.2, 6.4.4). */
static void
test_xccdf_parse__rule_fields(void **state)
{
	struct fx f;
	const struct xccdf_item *g, *r;
	const struct xccdf_check *ck, *cc;

	(void)state;
	assert_int_equal(load(&f, full12), 0);
	g = item(&f, "xccdf_t_group_g1");
	assert_int_equal(g->type, XCCDF_ITEM_GROUP);
	assert_false(g->selected);
	assert_true(g->hidden);
	assert_true(g->weight == 2.5);
	assert_string_equal(g->cluster_id, "cl");
	assert_int_equal(g->nkids, 2);
	r = item(&f, "xccdf_t_rule_r1");
	assert_int_equal(r->type, XCCDF_ITEM_RULE);
	assert_ptr_equal(&f.b->items[r->parent], g);
	assert_true(r->selected);
	assert_true(r->weight == 3.0);
	assert_int_equal(r->role, XCCDF_ROLE_UNSCORED);
	assert_int_equal(r->severity, XCCDF_SEV_HIGH);
	assert_true(r->multiple);
	assert_true(r->prohibit_changes);
	assert_string_equal(r->version, "2");
	assert_int_equal(r->title.n, 1);
	assert_text(&r->title.v[0], "R1");
	assert_int_equal(r->description.n, 1);
	assert_int_equal(r->warning.n, 1);
	assert_text(&r->warning.v[0], "W");
	assert_int_equal(r->rationale.n, 1);
	assert_text(&r->rationale.v[0], "Ra");
	assert_int_equal(r->question.n, 1);
	assert_int_equal(r->fixtext.n, 1);
	assert_text(&r->fixtext.v[0], "do it");
	assert_int_equal(r->nreferences, 1);
	assert_string_equal((const char *)r->references[0]->name, "reference");
	assert_int_equal(r->nplatforms, 1);
	assert_string_equal(r->platforms[0], "#p1");
	/* requires: a whitespace-separated idref list (idrefListType) */
	assert_int_equal(r->nrequires, 1);
	assert_int_equal(r->requires[0].n, 2);
	assert_string_equal(r->requires[0].v[0], "xccdf_t_rule_r2");
	assert_string_equal(r->requires[0].v[1], "xccdf_t_rule_r3");
	assert_int_equal(r->nconflicts, 1);
	assert_string_equal(r->conflicts[0], "xccdf_t_rule_r3");
	assert_int_equal(r->nidents, 1);
	assert_string_equal(r->idents[0].system, "https://ncp.nist.gov/cce");
	assert_string_equal(r->idents[0].value, "CCE-1234-5");
	assert_int_equal(r->nfixes, 1);

	assert_int_equal(r->nchecks, 2);
	ck = &r->checks[0];
	assert_int_equal(ck->op, XCCDF_CC_NONE);
	assert_string_equal(ck->system, XCCDF_OVAL_SYSTEM);
	assert_string_equal(ck->selector, "s1");
	assert_string_equal(ck->id, "c1");
	assert_true(ck->negate);
	assert_true(ck->multi_check);
	assert_false(ck->has_content);
	assert_int_equal(ck->nrefs, 2);
	assert_string_equal(ck->refs[0].href, "oval.xml");
	assert_string_equal(ck->refs[0].name, "oval:t:def:1");
	assert_string_equal(ck->refs[1].href, "oval2.xml");
	assert_null(ck->refs[1].name);
	assert_int_equal(ck->nexports, 1);
	assert_string_equal(ck->exports[0].value_id, "xccdf_t_value_v1");
	assert_string_equal(ck->exports[0].export_name, "oval:t:var:1");
	assert_int_equal(ck->nimports, 1);
	assert_string_equal(ck->imports[0].name, "stdout");
	assert_string_equal(ck->imports[0].xpath, "/x");
	assert_true(r->checks[1].has_content);
	assert_null(r->checks[1].selector);

	/* complex-check (section 6.4.4.4) */
	cc = r->complex;
	assert_non_null(cc);
	assert_int_equal(cc->op, XCCDF_CC_OR);
	assert_true(cc->negate);
	assert_int_equal(cc->nkids, 2);
	assert_int_equal(cc->kids[0].op, XCCDF_CC_NONE);
	assert_string_equal(cc->kids[0].system, "a");
	assert_int_equal(cc->kids[0].nrefs, 1);
	assert_int_equal(cc->kids[1].op, XCCDF_CC_AND);
	assert_false(cc->kids[1].negate);
	assert_int_equal(cc->kids[1].nkids, 2);
	assert_string_equal(cc->kids[1].kids[1].system, "c");
	unload(&f);
}

/* Value properties (section 6.4.5). */
static void
test_xccdf_parse__value_fields(void **state)
{
	struct fx f;
	const struct xccdf_item *v;

	(void)state;
	assert_int_equal(load(&f, full12), 0);
	v = item(&f, "xccdf_t_value_v1");
	assert_int_equal(v->type, XCCDF_ITEM_VALUE);
	assert_int_equal(v->vtype, XCCDF_VT_NUMBER);
	assert_int_equal(v->vop, XCCDF_OP_GREATER);
	assert_true(v->interactive);
	assert_int_equal(v->nvalues, 2);
	assert_string_equal(v->values[0].selector, "");
	assert_string_equal(v->values[0].value, "5");
	assert_string_equal(v->values[1].selector, "big");
	assert_string_equal(v->values[1].value, "50");
	assert_int_equal(v->ndefaults, 1);
	assert_string_equal(v->defaults[0].value, "4");
	assert_int_equal(v->nlower, 1);
	assert_string_equal(v->lower[0].value, "1");
	assert_int_equal(v->nupper, 1);
	assert_string_equal(v->upper[0].selector, "big");
	assert_int_equal(v->nmatch, 1);
	assert_string_equal(v->match[0].value, "[0-9]+");
	assert_int_equal(v->nchoices, 1);
	assert_true(v->choices[0].must_match);
	assert_string_equal(v->choices[0].selector, "c");
	assert_int_equal(v->choices[0].n, 2);
	assert_string_equal(v->choices[0].v[1], "50");
	unload(&f);
}

/* Profile children (section 6.5). */
static void
test_xccdf_parse__profile_fields(void **state)
{
	struct fx f;
	const struct xccdf_profile *p;

	(void)state;
	assert_int_equal(load(&f, full12), 0);
	assert_int_equal(f.b->nprofiles, 1);
	p = xccdf_bench_profile(f.b, "xccdf_t_profile_p1");
	assert_non_null(p);
	assert_null(xccdf_bench_profile(f.b, "p1"));
	assert_false(p->abstract);
	assert_false(p->from_tailoring);
	assert_null(p->extends);
	assert_int_equal(p->title.n, 1);
	assert_int_equal(p->description.n, 1);
	assert_int_equal(p->nplatforms, 1);
	assert_int_equal(p->nselects, 1);
	assert_string_equal(p->selects[0].idref, "xccdf_t_rule_r1");
	assert_false(p->selects[0].selected);
	assert_int_equal(p->nset_values, 2);
	assert_string_equal(p->set_values[0].value, "7");
	assert_false(p->set_values[0].complex);
	/* set-complex-value: the first <item> */
	assert_string_equal(p->set_values[1].value, "8");
	assert_true(p->set_values[1].complex);
	assert_int_equal(p->nrefine_values, 1);
	assert_string_equal(p->refine_values[0].selector, "big");
	assert_true(p->refine_values[0].has_op);
	assert_int_equal(p->refine_values[0].op, XCCDF_OP_LESS);
	assert_int_equal(p->nrefine_rules, 1);
	assert_true(p->refine_rules[0].has_weight);
	assert_true(p->refine_rules[0].weight == 4.0);
	assert_true(p->refine_rules[0].has_severity);
	assert_int_equal(p->refine_rules[0].severity, XCCDF_SEV_LOW);
	assert_true(p->refine_rules[0].has_role);
	assert_int_equal(p->refine_rules[0].role, XCCDF_ROLE_UNCHECKED);
	assert_string_equal(p->refine_rules[0].selector, "s1");
	unload(&f);
}

/* Defaults of the 1.2 schema: selected true, weight 1.0, role full,
 * severity unknown, hidden/abstract/prohibitChanges false, Value type
 * string and operator equals. */
static void
test_xccdf_parse__defaults(void **state)
{
	struct fx f;
	const struct xccdf_item *r, *v;

	(void)state;
	assert_int_equal(load(&f, full12), 0);
	r = item(&f, "xccdf_t_rule_r2");
	assert_true(r->selected);
	assert_true(r->weight == 1.0);
	assert_int_equal(r->role, XCCDF_ROLE_FULL);
	assert_int_equal(r->severity, XCCDF_SEV_UNKNOWN);
	assert_false(r->hidden);
	assert_false(r->abstract);
	assert_false(r->prohibit_changes);
	assert_false(r->multiple);
	assert_null(r->complex);
	assert_int_equal(r->nchecks, 0);
	assert_int_equal(r->title.n, 0);
	v = item(&f, "xccdf_t_value_v2");
	assert_int_equal(v->vtype, XCCDF_VT_STRING);
	assert_int_equal(v->vop, XCCDF_OP_EQUALS);
	assert_false(v->interactive);
	assert_int_equal(v->nvalues, 0);
	unload(&f);
}

/* Bad enumerated values warn and keep the default; the benchmark loads. */
static void
test_xccdf_parse__bad_enums_default(void **state)
{
	struct fx f;
	const struct xccdf_item *r;

	(void)state;
	assert_int_equal(load(&f, full12), 0);
	r = item(&f, "xccdf_t_rule_r3");
	assert_int_equal(r->severity, XCCDF_SEV_UNKNOWN);
	assert_int_equal(r->role, XCCDF_ROLE_FULL);
	assert_true(r->selected);
	assert_true(r->weight == 1.0);
	unload(&f);
}

static const char bench11[] =
    "<Benchmark " NS11 " id=\"b11\" xml:lang=\"en\">\n"
    " <status>draft</status><status>accepted</status>\n"
    " <title>Old</title>\n"
    " <version>1</version>\n"
    " <Profile id=\"p\"><title>P</title>"
    "<select idref=\"r1\" selected=\"false\"/>"
    "<set-value idref=\"v1\">x</set-value></Profile>\n"
    " <Value id=\"v1\"><value>a</value></Value>\n"
    " <Group id=\"g\"><Rule id=\"r1\" severity=\"medium\">"
    "<check system=\"" XCCDF_OVAL_SYSTEM "\">"
    "<check-content-ref href=\"o.xml\" name=\"oval:x:def:1\"/></check>"
    "</Rule></Group>\n"
    "</Benchmark>\n";

/* XCCDF 1.1: the namespace decides the version; undated statuses: the
 * last one. */
static void
test_xccdf_parse__xccdf11(void **state)
{
	struct fx f;
	const struct xccdf_item *r;

	(void)state;
	assert_int_equal(load(&f, bench11), 0);
	assert_int_equal(f.b->version, 11);
	assert_string_equal(f.b->ns, XCCDF_NS_11);
	assert_string_equal(f.b->id, "b11");
	assert_string_equal(f.b->status, "accepted");
	assert_string_equal(f.b->lang, "en");
	assert_false(f.b->resolved);
	assert_int_equal(f.b->nitems, 4);
	r = item(&f, "r1");
	assert_int_equal(r->severity, XCCDF_SEV_MEDIUM);
	assert_int_equal(r->nchecks, 1);
	assert_string_equal(r->checks[0].refs[0].name, "oval:x:def:1");
	assert_int_equal(f.b->nprofiles, 1);
	assert_int_equal(f.b->profiles[0].nset_values, 1);
	assert_string_equal(f.b->profiles[0].set_values[0].value, "x");
	unload(&f);
}

/* Structural errors are KS_EPARSE naming file, line and element. */
static void
test_xccdf_parse__errors(void **state)
{
	struct fx f;

	(void)state;
	assert_int_equal(load(&f, "<foo/>"), KS_EPARSE);
	assert_non_null(strstr(ks_error_msg(), "t.xml:1:"));
	assert_non_null(strstr(ks_error_msg(), "foo"));
	assert_null(f.b);
	unload(&f);

	/* right name, wrong namespace */
	assert_int_equal(load(&f, "<Benchmark xmlns=\"urn:x\" id=\"b\"/>"),
	    KS_EPARSE);
	assert_non_null(strstr(ks_error_msg(), "not an XCCDF"));
	unload(&f);

	assert_int_equal(load(&f, "<Benchmark " NS12 "/>"), KS_EPARSE);
	assert_string_equal(ks_error_msg(), "t.xml:1: <Benchmark> without id");
	unload(&f);

	assert_int_equal(load(&f, "<Benchmark " NS12 " id=\"b\">\n"
	    "<Group id=\"g\">\n<Rule/>\n</Group></Benchmark>"), KS_EPARSE);
	assert_string_equal(ks_error_msg(), "t.xml:3: <Rule> without id");
	unload(&f);

	assert_int_equal(load(&f, "<Benchmark " NS12 " id=\"b\">\n"
	    "<Rule id=\"r\"/>\n<Value id=\"r\"/></Benchmark>"), KS_EPARSE);
	assert_string_equal(ks_error_msg(),
	    "t.xml:3: <Value>: duplicate id 'r'");
	unload(&f);

	assert_int_equal(load(&f, "<Benchmark " NS12 " id=\"b\">\n"
	    "<Profile id=\"p\"/>\n<Profile id=\"p\"/></Benchmark>"),
	    KS_EPARSE);
	assert_string_equal(ks_error_msg(),
	    "t.xml:3: <Profile>: duplicate id 'p'");
	unload(&f);

	assert_int_equal(load(&f, "<Benchmark " NS12 " id=\"b\">\n"
	    "<Profile><title>x</title></Profile></Benchmark>"), KS_EPARSE);
	assert_string_equal(ks_error_msg(), "t.xml:2: <Profile> without id");
	unload(&f);
}

static const char ext12[] =
    "<Benchmark " NS12 " id=\"b\" xml:lang=\"en\">\n"
    " <Value id=\"va\" type=\"number\" operator=\"less than\">"
    "<value>1</value><value selector=\"s\">2</value></Value>\n"
    " <Value id=\"vb\" extends=\"va\"><value selector=\"s\">3</value>"
    "<value selector=\"t\">4</value></Value>\n"
    " <Rule id=\"a\" abstract=\"true\" severity=\"high\" weight=\"2\" "
    "selected=\"false\" cluster-id=\"k\">\n"
    "  <title>A</title><title xml:lang=\"ja\">A-ja</title>\n"
    "  <description>DA</description>\n"
    "  <platform idref=\"p1\"/><ident system=\"s\">I1</ident>\n"
    "  <check system=\"x\"><check-content-ref href=\"a\"/></check>\n"
    "  <complex-check operator=\"AND\"><check system=\"y\"/>"
    "</complex-check>\n"
    " </Rule>\n"
    " <Rule id=\"b2\" extends=\"a\" role=\"unscored\">\n"
    "  <title>B</title>\n"
    "  <description>DB</description>\n"
    " </Rule>\n"
    " <Rule id=\"c\" extends=\"b2\" weight=\"5\" selected=\"true\">\n"
    "  <description override=\"true\">DC</description>\n"
    "  <platform idref=\"p2\"/><ident system=\"s\">I2</ident>\n"
    "  <check system=\"z\"/>\n"
    " </Rule>\n"
    " <Rule id=\"d\" extends=\"c\"><platform idref=\"p3\" "
    "override=\"true\"/></Rule>\n"
    " <Rule id=\"e\" extends=\"d\"><platform idref=\"p4\"/></Rule>\n"
    "</Benchmark>\n";

/*
 * Item extends (section 7.2.2 Resolve.Items, property tables of 6.4):
 * attributes the extending item does not write are inherited through the
 * whole chain; titles are replaced per language; descriptions append
 * unless @override; platform/ident/check lists are appended (inherited
 * first); abstract and id are not inherited.
 */
static void
test_xccdf_parse__extends_chain(void **state)
{
	struct fx f;
	const struct xccdf_item *b2, *c, *vb;

	(void)state;
	assert_int_equal(load(&f, ext12), 0);
	b2 = item(&f, "b2");
	assert_false(b2->abstract);
	assert_string_equal(b2->extends, "a");
	assert_int_equal(b2->severity, XCCDF_SEV_HIGH);
	assert_int_equal(b2->role, XCCDF_ROLE_UNSCORED);
	assert_false(b2->selected);
	assert_string_equal(b2->cluster_id, "k");
	/* title: B replaces A for "en", A-ja kept */
	assert_int_equal(b2->title.n, 2);
	assert_text(&b2->title.v[0], "B");
	assert_text(&b2->title.v[1], "A-ja");
	/* description appended: inherited first */
	assert_int_equal(b2->description.n, 2);
	assert_text(&b2->description.v[0], "DA");
	assert_text(&b2->description.v[1], "DB");

	c = item(&f, "c");
	/* from a, through b2 */
	assert_int_equal(c->severity, XCCDF_SEV_HIGH);
	assert_int_equal(c->role, XCCDF_ROLE_UNSCORED);	/* from b2 */
	assert_true(c->weight == 5.0);
	assert_true(c->selected);
	assert_int_equal(c->title.n, 2);
	assert_text(&c->title.v[0], "B");
	/* override="true" replaces every inherited text of its language */
	assert_int_equal(c->description.n, 1);
	assert_text(&c->description.v[0], "DC");
	assert_int_equal(c->nplatforms, 2);
	assert_string_equal(c->platforms[0], "p1");
	assert_string_equal(c->platforms[1], "p2");
	assert_int_equal(c->nidents, 2);
	assert_string_equal(c->idents[0].value, "I1");
	assert_string_equal(c->idents[1].value, "I2");
	assert_int_equal(c->nchecks, 2);
	assert_string_equal(c->checks[0].system, "x");
	assert_string_equal(c->checks[1].system, "z");
	assert_non_null(c->complex);	/* Replace: inherited when absent */
	/* platform override="true" replaces the inherited list; an item
	 * extending that one appends to the replaced list */
	assert_int_equal(item(&f, "d")->nplatforms, 1);
	assert_string_equal(item(&f, "d")->platforms[0], "p3");
	assert_int_equal(item(&f, "e")->nplatforms, 2);
	assert_string_equal(item(&f, "e")->platforms[1], "p4");
	assert_int_equal(item(&f, "e")->severity, XCCDF_SEV_HIGH);
	assert_int_equal(c->complex->op, XCCDF_CC_AND);

	/* Values: type/operator inherited, the extending value of a
	 * selector wins, other selectors kept */
	vb = item(&f, "vb");
	assert_int_equal(vb->vtype, XCCDF_VT_NUMBER);
	assert_int_equal(vb->vop, XCCDF_OP_LESS);
	assert_int_equal(vb->nvalues, 3);
	assert_string_equal(vb->values[0].value, "3");
	assert_string_equal(vb->values[1].value, "4");
	assert_string_equal(vb->values[2].selector, "");
	assert_string_equal(vb->values[2].value, "1");
	unload(&f);
}

/* Loops and dangling or mismatched extends are errors (section 7.2.2). */
static void
test_xccdf_parse__extends_errors(void **state)
{
	struct fx f;

	(void)state;
	assert_int_equal(load(&f, "<Benchmark " NS12 " id=\"b\">\n"
	    "<Rule id=\"a\" extends=\"b2\"/>\n"
	    "<Rule id=\"b2\" extends=\"a\"/>\n</Benchmark>"), KS_EPARSE);
	assert_string_equal(ks_error_msg(), "t.xml:3: Rule 'b2' extends 'a' "
	    "(cycle: a -> b2 -> a)");
	unload(&f);

	assert_int_equal(load(&f, "<Benchmark " NS12 " id=\"b\">\n"
	    "<Group id=\"g\" extends=\"g\"/>\n</Benchmark>"), KS_EPARSE);
	assert_string_equal(ks_error_msg(), "t.xml:2: Group 'g' extends 'g' "
	    "(cycle: g -> g)");
	unload(&f);

	assert_int_equal(load(&f, "<Benchmark " NS12 " id=\"b\">\n"
	    "<Rule id=\"a\" extends=\"nope\"/>\n</Benchmark>"), KS_EPARSE);
	assert_string_equal(ks_error_msg(), "t.xml:2: Rule 'a' extends "
	    "'nope', which does not exist");
	unload(&f);

	assert_int_equal(load(&f, "<Benchmark " NS12 " id=\"b\">\n"
	    "<Value id=\"v\"/>\n<Rule id=\"a\" extends=\"v\"/>\n"
	    "</Benchmark>"), KS_EPARSE);
	assert_string_equal(ks_error_msg(), "t.xml:3: Rule 'a' extends 'v', "
	    "which is a Value");
	unload(&f);
}

static const char pext[] =
    "<Benchmark " NS12 " id=\"b\">\n"
    " <Profile id=\"base\" abstract=\"true\"><title>Base</title>"
    "<select idref=\"r\" selected=\"false\"/>"
    "<set-value idref=\"v\">1</set-value></Profile>\n"
    " <Profile id=\"mid\" extends=\"base\">"
    "<select idref=\"r\" selected=\"true\"/></Profile>\n"
    " <Profile id=\"top\" extends=\"mid\"><title>Top</title>"
    "<refine-rule idref=\"r\" severity=\"low\"/></Profile>\n"
    " <Value id=\"v\"><value>0</value></Value>\n"
    " <Rule id=\"r\"/>\n"
    "</Benchmark>\n";

/* Profile extends: inherited entries first, the child's after (section
 * 6.5.1), through the whole chain; abstract is not inherited. */
static void
test_xccdf_parse__profile_extends(void **state)
{
	struct fx f;
	const struct xccdf_profile *p;

	(void)state;
	assert_int_equal(load(&f, pext), 0);
	p = xccdf_bench_profile(f.b, "top");
	assert_non_null(p);
	assert_false(p->abstract);
	assert_int_equal(p->nselects, 2);
	assert_false(p->selects[0].selected);
	assert_true(p->selects[1].selected);
	assert_int_equal(p->nset_values, 1);
	assert_int_equal(p->nrefine_rules, 1);
	assert_int_equal(p->title.n, 1);
	assert_text(&p->title.v[0], "Top");
	p = xccdf_bench_profile(f.b, "mid");
	assert_int_equal(p->title.n, 1);
	assert_text(&p->title.v[0], "Base");	/* inherited when absent */
	assert_true(xccdf_bench_profile(f.b, "base")->abstract);
	unload(&f);

	assert_int_equal(load(&f, "<Benchmark " NS12 " id=\"b\">\n"
	    "<Profile id=\"x\" extends=\"y\"/>\n"
	    "<Profile id=\"y\" extends=\"z\"/>\n"
	    "<Profile id=\"z\" extends=\"x\"/>\n</Benchmark>"), KS_EPARSE);
	assert_string_equal(ks_error_msg(), "t.xml:4: Profile 'z' extends "
	    "'x' (cycle: x -> y -> z -> x)");
	unload(&f);

	assert_int_equal(load(&f, "<Benchmark " NS12 " id=\"b\">\n"
	    "<Profile id=\"x\" extends=\"q\"/>\n</Benchmark>"), KS_EPARSE);
	assert_string_equal(ks_error_msg(), "t.xml:2: Profile 'x' extends "
	    "'q', which does not exist");
	unload(&f);
}

/* Enumeration names round-trip; unknown names are -1, out of range NULL. */
static void
test_xccdf_parse__names(void **state)
{
	int i;

	(void)state;
	for (i = 0; i < XCCDF_R_COUNT; i++)
		assert_int_equal(xccdf_result_parse(xccdf_result_name(i)), i);
	assert_string_equal(xccdf_result_name(XCCDF_R_NOTAPPLICABLE),
	    "notapplicable");
	assert_null(xccdf_result_name(XCCDF_R_COUNT));
	assert_int_equal(xccdf_result_parse("passed"), -1);
	assert_int_equal(xccdf_result_parse(NULL), -1);
	for (i = XCCDF_ROLE_FULL; i <= XCCDF_ROLE_UNCHECKED; i++)
		assert_int_equal(xccdf_role_parse(xccdf_role_name(i)), i);
	assert_null(xccdf_role_name(3));
	for (i = XCCDF_SEV_UNKNOWN; i <= XCCDF_SEV_HIGH; i++)
		assert_int_equal(xccdf_severity_parse(xccdf_severity_name(i)),
		    i);
	assert_int_equal(xccdf_severity_parse("hgih"), -1);
	assert_string_equal(xccdf_severity_name(XCCDF_SEV_INFO), "info");
	for (i = XCCDF_VT_STRING; i <= XCCDF_VT_BOOLEAN; i++)
		assert_int_equal(xccdf_value_type_parse(
		    xccdf_value_type_name(i)), i);
	for (i = XCCDF_OP_EQUALS; i <= XCCDF_OP_PATTERN; i++)
		assert_int_equal(xccdf_value_op_parse(xccdf_value_op_name(i)),
		    i);
	assert_string_equal(xccdf_value_op_name(XCCDF_OP_GREATER_EQ),
	    "greater than or equal");
	assert_int_equal(xccdf_value_op_parse("pattern match"),
	    XCCDF_OP_PATTERN);
	assert_null(xccdf_value_op_name(-1));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_xccdf_parse__benchmark_fields),
		cmocka_unit_test(test_xccdf_parse__rule_fields),
		cmocka_unit_test(test_xccdf_parse__value_fields),
		cmocka_unit_test(test_xccdf_parse__profile_fields),
		cmocka_unit_test(test_xccdf_parse__defaults),
		cmocka_unit_test(test_xccdf_parse__bad_enums_default),
		cmocka_unit_test(test_xccdf_parse__xccdf11),
		cmocka_unit_test(test_xccdf_parse__errors),
		cmocka_unit_test(test_xccdf_parse__extends_chain),
		cmocka_unit_test(test_xccdf_parse__extends_errors),
		cmocka_unit_test(test_xccdf_parse__profile_extends),
		cmocka_unit_test(test_xccdf_parse__names),
	};

	ks_xml_init();
	/* the fixtures' deliberate bad values warn; keep the output clean */
	ks_log_set_level(KS_LOG_ERROR);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
