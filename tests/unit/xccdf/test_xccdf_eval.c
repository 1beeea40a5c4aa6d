/*
 * Tests for xccdf/xccdf_eval.c: the fixture benchmark
 * tests/unit/xccdf/data/xev-bench.xml (with its OVAL and CPE files)
 * evaluated on a directory-root target built in a temporary directory:
 * profiles, tailoring, --rule/--skip-rule, check choice, negate,
 * complex-check, multi-check, check-export, unsupported systems, dangling
 * hrefs, requires, CPE applicability and scores.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include "tests/unit/test_tmp.h"
#include "xccdf/xccdf_int.h"

#ifndef KS_SRCDIR
#define KS_SRCDIR "."
#endif
#define DATA KS_SRCDIR "/tests/unit/xccdf/data/"
#define R(name) "xccdf_org.kensa_rule_" name
#define EPS 1e-9

struct fx {
	char			 dir[64];
	struct plat_target	*target;
	struct xccdf_content	*content;
};

static void
put(const char *dir, const char *rel, const char *text)
{
	char path[256];
	FILE *f;

	assert_true(snprintf(path, sizeof(path), "%s/%s", dir, rel) <
	    (int)sizeof(path));
	f = fopen(path, "w");
	assert_non_null(f);
	assert_int_equal(fputs(text, f) >= 0, 1);
	assert_int_equal(fclose(f), 0);
}

static void
mkdir_in(const char *dir, const char *rel)
{
	char path[256];

	assert_true(snprintf(path, sizeof(path), "%s/%s", dir, rel) <
	    (int)sizeof(path));
	assert_int_equal(mkdir(path, 0755), 0);
}

/* The root: /etc/xev/a.conf ("enabled=yes", "maxlen=8") and, when the
 * platform is to apply, /etc/xev-release. */
static struct fx *
fx_new(bool xev_os)
{
	struct fx *f = calloc(1, sizeof(*f));

	assert_non_null(f);
	strcpy(f->dir, "/tmp/kensa-xev-XXXXXX");
	assert_non_null(test_tmp_dir(f->dir));
	mkdir_in(f->dir, "etc");
	mkdir_in(f->dir, "etc/xev");
	put(f->dir, "etc/xev/a.conf", "# fixture\nenabled=yes\nmaxlen=8\n");
	if (xev_os)
		put(f->dir, "etc/xev-release", "XEV OS 1\n");
	assert_int_equal(plat_target_root_new(&f->target, f->dir), 0);
	if (xccdf_content_open(&f->content, DATA "xev-bench.xml") != 0)
		fail_msg("open: %s", ks_error_msg());
	if (xccdf_content_add_file(f->content, DATA "xev-cpe-dict.xml") != 0)
		fail_msg("add dict: %s", ks_error_msg());
	return f;
}

static void
fx_free(struct fx *f)
{
	xccdf_content_free(f->content);
	plat_target_free(f->target);
	test_tmp_done(f->dir);
	free(f);
}

static struct xccdf_eval *
run(struct fx *f, const struct xccdf_eval_opts *o)
{
	struct xccdf_eval *e = NULL;

	if (xccdf_eval_run(&e, f->content, f->target, o) != 0)
		fail_msg("eval: %s", ks_error_msg());
	assert_non_null(e);
	return e;
}

/* The result of a rule (its first result when it has instances). */
static enum xccdf_result
res(const struct xccdf_eval *e, const char *rule, struct xccdf_eval_rule *out)
{
	struct xccdf_eval_rule r;
	uint32_t i;

	for (i = 0; i < xccdf_eval_count(e); i++) {
		xccdf_eval_rule(e, i, &r);
		if (strcmp(r.rule_id, rule) == 0) {
			if (out != NULL)
				*out = r;
			return r.result;
		}
	}
	fail_msg("no result for %s", rule);
	return XCCDF_R_COUNT;
}

static uint32_t
nresults_of(const struct xccdf_eval *e, const char *rule)
{
	struct xccdf_eval_rule r;
	uint32_t i, n = 0;

	for (i = 0; i < xccdf_eval_count(e); i++) {
		xccdf_eval_rule(e, i, &r);
		n += strcmp(r.rule_id, rule) == 0;
	}
	return n;
}

/*
 * The default profile: one result per rule (two for the multi-check rule)
 * in document order, each rule's outcome as the fixture comments say.
 */
static void
test_xccdf_eval__default_profile(void **state)
{
	static const char *order[] = { R("pass"), R("fail"), R("vuln"),
	    R("negate"), R("complex"), R("complex_and"), R("export"),
	    R("ocil"), R("dangling"), R("second_ref"), R("multi"),
	    R("multi"), R("all"), R("unchecked"), R("unscored"), R("extra"),
	    R("requires"), R("selector"), R("platform"), R("other") };
	struct fx *f = fx_new(true);
	struct xccdf_eval_opts o = { 0 };
	struct xccdf_eval *e = run(f, &o);
	struct xccdf_eval_rule r;
	uint32_t i;

	assert_int_equal(xccdf_eval_count(e), 20);
	for (i = 0; i < 20; i++) {
		xccdf_eval_rule(e, i, &r);
		assert_string_equal(r.rule_id, order[i]);
		assert_non_null(e->results[i].time);
	}
	assert_true(e->bench_applicable);
	assert_non_null(e->start_time);
	assert_non_null(e->end_time);

	assert_int_equal(res(e, R("pass"), &r), XCCDF_R_PASS);
	assert_string_equal(r.title, "Enabled is set");
	assert_string_equal(r.severity, "high");
	assert_string_equal(r.ident, "CCE-1111-1");
	assert_null(r.instance);
	assert_int_equal(res(e, R("fail"), &r), XCCDF_R_FAIL);
	assert_string_equal(r.severity, "low");
	assert_null(r.ident);
	/* SP 800-126 4.5.2: a true vulnerability definition is a fail */
	assert_int_equal(res(e, R("vuln"), NULL), XCCDF_R_FAIL);
	/* check negate="true" over a false definition */
	assert_int_equal(res(e, R("negate"), NULL), XCCDF_R_PASS);
	/* NOT(OR(fail, AND(pass, notchecked))) = NOT(OR(fail, pass)) = fail */
	assert_int_equal(res(e, R("complex"), &r), XCCDF_R_FAIL);
	/* decided by its OVAL children: the OCIL child's reason is not the
	 * rule's */
	assert_null(r.message);
	assert_int_equal(res(e, R("complex_and"), NULL), XCCDF_R_FAIL);
	/* maxlen is 8 on the root, the default value exported is 12 */
	assert_int_equal(res(e, R("export"), &r), XCCDF_R_FAIL);
	assert_string_equal(r.title, "maxlen is 12");
	assert_int_equal(e->nexported, 1);
	assert_string_equal(e->exported[0], "xccdf_org.kensa_value_maxlen");

	assert_int_equal(res(e, R("ocil"), &r), XCCDF_R_NOTCHECKED);
	assert_non_null(r.message);
	assert_non_null(strstr(r.message, "check system "
	    "http://scap.nist.gov/schema/ocil/2 is not supported"));
	assert_int_equal(res(e, R("dangling"), &r), XCCDF_R_NOTCHECKED);
	assert_non_null(r.message);
	assert_non_null(strstr(r.message, "xev-missing-oval.xml"));
	/* the first check-content-ref that resolves is used */
	assert_int_equal(res(e, R("second_ref"), &r), XCCDF_R_PASS);

	/* multi-check="true": one result per definition, in document order */
	assert_int_equal(nresults_of(e, R("multi")), 2);
	xccdf_eval_rule(e, 10, &r);
	assert_string_equal(r.instance, "oval:xev:def:11");
	assert_int_equal(r.result, XCCDF_R_PASS);
	xccdf_eval_rule(e, 11, &r);
	assert_string_equal(r.instance, "oval:xev:def:12");
	assert_int_equal(r.result, XCCDF_R_FAIL);
	/* without multi-check: AND(pass, fail) */
	assert_int_equal(nresults_of(e, R("all")), 1);
	assert_int_equal(res(e, R("all"), &r), XCCDF_R_FAIL);
	assert_null(r.instance);

	assert_int_equal(res(e, R("unchecked"), NULL), XCCDF_R_NOTCHECKED);
	assert_int_equal(res(e, R("unscored"), NULL), XCCDF_R_FAIL);
	assert_int_equal(res(e, R("extra"), NULL), XCCDF_R_NOTSELECTED);
	/* requires names an unselected rule: not selected */
	assert_int_equal(res(e, R("requires"), &r), XCCDF_R_NOTSELECTED);
	assert_non_null(r.message);
	/* no selector in the profile: the check without selector (false) */
	assert_int_equal(res(e, R("selector"), NULL), XCCDF_R_FAIL);
	/* "#xev_platform": cpe-lang fact-ref, the dictionary's check true */
	assert_int_equal(res(e, R("platform"), NULL), XCCDF_R_PASS);
	/* its group's platform (other OS) does not apply */
	assert_int_equal(res(e, R("other"), NULL), XCCDF_R_NOTAPPLICABLE);

	assert_int_equal(xccdf_eval_exit_code(e), 2);
	xccdf_eval_free(e);
	fx_free(f);
}

/*
 * Counts and scores of the default profile. Scored rules (role full,
 * pass/fail/error/unknown): pass fail vuln negate complex complex_and
 * export second_ref multi (AND of its instances: fail) all selector
 * platform = 12, of which 4 pass (pass negate second_ref platform).
 *   default: group main 4*100 / 12 = 33.33 (weight 1); group other has
 *            count 0; benchmark 33.33*1 / 1 = 100/3.
 *   flat: 4 of 12. The unknown model URI is skipped.
 */
static void
test_xccdf_eval__counts_and_scores(void **state)
{
	struct fx *f = fx_new(true);
	struct xccdf_eval_opts o = { 0 };
	struct xccdf_eval *e = run(f, &o);
	uint32_t c[XCCDF_R_COUNT];
	double max = 0, s;

	xccdf_eval_counts(e, c);
	assert_int_equal(c[XCCDF_R_PASS], 5);
	assert_int_equal(c[XCCDF_R_FAIL], 9);
	assert_int_equal(c[XCCDF_R_NOTCHECKED], 3);
	assert_int_equal(c[XCCDF_R_NOTSELECTED], 2);
	assert_int_equal(c[XCCDF_R_NOTAPPLICABLE], 1);
	assert_int_equal(c[XCCDF_R_ERROR] + c[XCCDF_R_UNKNOWN], 0);

	assert_int_equal(e->nscores, 2);
	assert_string_equal(e->scores[0].system, XCCDF_SCORE_DEFAULT);
	assert_string_equal(e->scores[1].system, XCCDF_SCORE_FLAT);
	s = xccdf_eval_score(e, &max);
	assert_true(s > 100.0 / 3.0 - EPS && s < 100.0 / 3.0 + EPS);
	assert_true(max > 100.0 - EPS && max < 100.0 + EPS);
	assert_true(e->scores[1].score > 4.0 - EPS &&
	    e->scores[1].score < 4.0 + EPS);
	assert_true(e->scores[1].max > 12.0 - EPS &&
	    e->scores[1].max < 12.0 + EPS);
	xccdf_eval_free(e);
	fx_free(f);
}

/* The strict profile selects the extra rule (so the requiring rule runs),
 * exports 8 through the refine-value selector and picks the "alt" check. */
static void
test_xccdf_eval__profile(void **state)
{
	struct fx *f = fx_new(true);
	struct xccdf_eval_opts o = { .profile =
	    "xccdf_org.kensa_profile_strict" };
	struct xccdf_eval *e = run(f, &o);
	struct xccdf_eval_rule r;

	assert_int_equal(res(e, R("extra"), NULL), XCCDF_R_PASS);
	assert_int_equal(res(e, R("requires"), NULL), XCCDF_R_PASS);
	assert_int_equal(res(e, R("export"), &r), XCCDF_R_PASS);
	assert_string_equal(r.title, "maxlen is 8");
	assert_int_equal(res(e, R("selector"), NULL), XCCDF_R_PASS);
	assert_int_equal(res(e, R("pass"), NULL), XCCDF_R_PASS);
	xccdf_eval_free(e);

	/* a profile that does not exist fails the whole evaluation */
	e = NULL;
	o.profile = "no_such_profile";
	assert_int_equal(xccdf_eval_run(&e, f->content, f->target, &o),
	    KS_ENOTFOUND);
	assert_null(e);
	fx_free(f);
}

/* A tailoring file adds a profile extending the strict one. */
static void
test_xccdf_eval__tailoring_file(void **state)
{
	struct fx *f = fx_new(true);
	struct xccdf_eval_opts o = {
		.profile = "xccdf_org.kensa_profile_tailored",
		.tailoring_file = DATA "xev-tailoring.xml",
	};
	struct xccdf_eval *e = run(f, &o);

	assert_int_equal(res(e, R("pass"), NULL), XCCDF_R_NOTSELECTED);
	assert_int_equal(res(e, R("extra"), NULL), XCCDF_R_PASS);
	assert_int_equal(res(e, R("export"), NULL), XCCDF_R_PASS);
	xccdf_eval_free(e);

	/* a file that is not a Tailoring is refused */
	e = NULL;
	o.tailoring_file = DATA "xev-oval.xml";
	assert_true(xccdf_eval_run(&e, f->content, f->target, &o) < 0);
	assert_null(e);
	assert_non_null(strstr(ks_error_msg(), "Tailoring"));
	fx_free(f);
}

static int nseen;
static uint32_t seen_last;

static void
on_result(const struct xccdf_eval *e, uint32_t i, void *payload)
{
	assert_ptr_equal(payload, &nseen);
	assert_int_equal(i, (uint32_t)nseen);
	assert_true(i < xccdf_eval_count(e));
	seen_last = i;
	nseen++;
}

/* --rule keeps only the named rules; --skip-rule drops some; the callback
 * sees every result in order. */
static void
test_xccdf_eval__rule_filters(void **state)
{
	const char *only[] = { R("pass"), R("multi") };
	const char *skip[] = { R("fail") };
	const char *bad[] = { R("nope") };
	struct fx *f = fx_new(true);
	struct xccdf_eval_opts o = { .rules = only, .nrules = 2,
	    .on_result = on_result, .payload = &nseen };
	struct xccdf_eval *e;
	uint32_t c[XCCDF_R_COUNT];

	nseen = 0;
	e = run(f, &o);
	assert_int_equal(nseen, (int)xccdf_eval_count(e));
	assert_int_equal(seen_last, xccdf_eval_count(e) - 1);
	xccdf_eval_counts(e, c);
	assert_int_equal(c[XCCDF_R_PASS], 2);	/* pass, multi def:11 */
	assert_int_equal(c[XCCDF_R_FAIL], 1);	/* multi def:12 */
	assert_int_equal(c[XCCDF_R_NOTSELECTED], 17);
	assert_int_equal(res(e, R("fail"), NULL), XCCDF_R_NOTSELECTED);
	xccdf_eval_free(e);

	memset(&o, 0, sizeof(o));
	o.skip_rules = skip;
	o.nskip_rules = 1;
	e = run(f, &o);
	assert_int_equal(res(e, R("fail"), NULL), XCCDF_R_NOTSELECTED);
	assert_int_equal(res(e, R("pass"), NULL), XCCDF_R_PASS);
	xccdf_eval_free(e);

	memset(&o, 0, sizeof(o));
	o.rules = bad;
	o.nrules = 1;
	e = NULL;
	assert_int_equal(xccdf_eval_run(&e, f->content, f->target, &o),
	    KS_ENOTFOUND);
	assert_null(e);
	assert_non_null(strstr(ks_error_msg(), R("nope")));
	fx_free(f);
}

/* Without /etc/xev-release the benchmark's platform does not apply: every
 * selected rule is notapplicable and the exit code is 0. */
static void
test_xccdf_eval__benchmark_not_applicable(void **state)
{
	struct fx *f = fx_new(false);
	struct xccdf_eval_opts o = { 0 };
	struct xccdf_eval *e = run(f, &o);
	uint32_t c[XCCDF_R_COUNT];

	assert_false(e->bench_applicable);
	xccdf_eval_counts(e, c);
	assert_int_equal(c[XCCDF_R_NOTSELECTED], 2);
	assert_int_equal(c[XCCDF_R_NOTAPPLICABLE], 17);
	assert_int_equal(xccdf_eval_count(e), 19);
	assert_int_equal(xccdf_eval_exit_code(e), 0);
	xccdf_eval_free(e);
	fx_free(f);
}

static int
count_session(const char *name, struct oval_session *s, void *payload)
{
	uint32_t *n = payload;

	assert_non_null(s);
	assert_non_null(strstr(name, "-check-content.xml"));
	assert_int_equal(strncmp(name, R(""), strlen(R(""))), 0);
	(*n)++;
	return 0;
}

/* Whether the TestResult of e, written as XCCDF results, holds `want`
 * (the benchmark copy before it is not looked at). */
static bool
tr_contains(struct xccdf_eval *e, const char *want)
{
	char path[] = "/tmp/kensa-xev-res-XXXXXX", *text = NULL, *tr;
	struct xccdf_write_opts wo = { 0 };
	size_t len = 0;
	bool found;
	int fd = mkstemp(path);

	assert_true(fd >= 0);
	close(fd);
	if (xccdf_results_write(e, path, &wo) != 0)
		fail_msg("results: %s", ks_error_msg());
	assert_int_equal(ks_file_read(path, 1 << 24, &text, &len), 0);
	unlink(path);
	tr = strstr(text, "<TestResult");
	assert_non_null(tr);
	found = strstr(tr, want) != NULL;
	free(text);
	return found;
}

/* Whether the TestResult has <platform idref="idref"/>. */
static bool
tr_has_platform(struct xccdf_eval *e, const char *idref)
{
	char *want = ks_asprintf("<platform idref=\"%s\"/>", idref);
	bool found = tr_contains(e, want);

	free(want);
	return found;
}

/*
 * Profile platforms (NISTIR 7275 rev 4, Profile properties: "a target
 * platform for this Profile"; xccdf_1.2.xsd profileType/platform) are
 * informative: the processing model decides applicability for the
 * Benchmark, Groups and Rules only. A profile whose platform does not apply
 * still selects and evaluates its rules exactly as without it, and
 * profile_applicable says it does not apply. TestResult/platform lists
 * every platform the target was found to meet (testResultType platform:
 * "one instance ... for every platform that the target system was found
 * to meet"), the profile's own when it applies.
 */
static void
test_xccdf_eval__profile_platform(void **state)
{
	char tpath[] = "/tmp/kensa-xev-tailoring-XXXXXX";
	struct fx *f = fx_new(true);
	struct xccdf_eval_opts o = {
		.profile = "xccdf_org.kensa_profile_other_os",
		.tailoring_file = tpath,
	};
	struct xccdf_eval *e;
	FILE *t;
	int fd = mkstemp(tpath);

	assert_true(fd >= 0);
	t = fdopen(fd, "w");
	assert_non_null(t);
	fputs("<Tailoring xmlns=\"http://checklists.nist.gov/xccdf/1.2\" "
	    "id=\"xccdf_org.kensa_tailoring_plat\">"
	    "<version time=\"2026-01-01T00:00:00\">1</version>"
	    "<Profile id=\"xccdf_org.kensa_profile_other_os\" "
	    "extends=\"xccdf_org.kensa_profile_strict\"><title>Other</title>"
	    "<platform idref=\"cpe:/o:other:os:1\"/></Profile>"
	    "<Profile id=\"xccdf_org.kensa_profile_xev_os\" "
	    "extends=\"xccdf_org.kensa_profile_strict\"><title>XEV</title>"
	    "<platform idref=\"cpe:/o:other:os:1\"/>"
	    "<platform idref=\"cpe:/o:xev:os:1\"/></Profile>"
	    "</Tailoring>\n", t);
	assert_int_equal(fclose(t), 0);

	/* Not for this target: informative, the rules as the strict profile
	 * evaluates them. */
	e = run(f, &o);
	assert_false(e->profile_applicable);
	assert_true(e->bench_applicable);
	assert_int_equal(res(e, R("extra"), NULL), XCCDF_R_PASS);
	assert_int_equal(res(e, R("requires"), NULL), XCCDF_R_PASS);
	assert_int_equal(res(e, R("pass"), NULL), XCCDF_R_PASS);
	assert_int_equal(res(e, R("platform"), NULL), XCCDF_R_PASS);
	assert_true(tr_has_platform(e, "cpe:/o:xev:os:1"));
	assert_true(tr_has_platform(e, "#xev_platform"));
	assert_false(tr_has_platform(e, "cpe:/o:other:os:1"));
	assert_string_equal(e->platforms_met[0], "cpe:/o:xev:os:1");
	xccdf_eval_free(e);

	/* Any one of its platforms applies (a list of platforms is an OR,
	 * as for items). */
	o.profile = "xccdf_org.kensa_profile_xev_os";
	e = run(f, &o);
	assert_true(e->profile_applicable);
	assert_int_equal(res(e, R("extra"), NULL), XCCDF_R_PASS);
	assert_true(tr_has_platform(e, "cpe:/o:xev:os:1"));
	assert_false(tr_has_platform(e, "cpe:/o:other:os:1"));
	xccdf_eval_free(e);

	/* No profile platform: applicable. */
	o.profile = "xccdf_org.kensa_profile_strict";
	e = run(f, &o);
	assert_true(e->profile_applicable);
	xccdf_eval_free(e);
	unlink(tpath);
	fx_free(f);
}

/*
 * Inline check-content (tests/unit/xccdf/data/xev-inline.xml). XCCDF 1.2
 * checkContentType: "the actual code of a check", passed to the checking
 * engine; checkType/check-content: used "only if none of the references
 * can be resolved". An oval_definitions document inside is evaluated like
 * a referenced one (definitions, exports, multi-check), on the same target
 * and in the same pass; other check systems stay notchecked. check-import
 * (checkImportType: the mapping of import-name is the checking system's;
 * none is defined for OVAL) imports nothing and changes no result.
 */
static void
test_xccdf_eval__inline_content(void **state)
{
	struct fx *f = fx_new(true);
	struct xccdf_content *c = NULL;
	struct xccdf_eval_opts o = { 0 };
	struct xccdf_eval *e = NULL;
	struct xccdf_eval_rule r;
	uint32_t i, n = 0;

	if (xccdf_content_open(&c, DATA "xev-inline.xml") != 0)
		fail_msg("open: %s", ks_error_msg());
	if (xccdf_eval_run(&e, c, f->target, &o) != 0)
		fail_msg("eval: %s", ks_error_msg());
	/* Both definitions of the document (no name: their AND). */
	assert_int_equal(res(e, R("inline_pass"), NULL), XCCDF_R_PASS);
	assert_int_equal(res(e, R("inline_fail"), NULL), XCCDF_R_FAIL);
	/* The ref does not resolve: the inline content decides. */
	assert_int_equal(res(e, R("inline_fallback"), &r), XCCDF_R_PASS);
	assert_null(r.message);
	/* multi-check: one result per definition, the id as instance. */
	assert_int_equal(nresults_of(e, R("inline_multi")), 2);
	for (i = 0; i < xccdf_eval_count(e); i++) {
		xccdf_eval_rule(e, i, &r);
		if (strcmp(r.rule_id, R("inline_multi")) != 0)
			continue;
		assert_string_equal(r.instance, n == 0 ?
		    "oval:xin.multi:def:1" : "oval:xin.multi:def:2");
		assert_int_equal(r.result, n == 0 ? XCCDF_R_PASS :
		    XCCDF_R_FAIL);
		n++;
	}
	/* check-export binds the inline document's external variable. */
	assert_int_equal(res(e, R("inline_export"), NULL), XCCDF_R_PASS);
	assert_int_equal(res(e, R("inline_empty"), &r), XCCDF_R_NOTCHECKED);
	assert_string_equal(r.message, "the inline check-content holds no "
	    "oval_definitions document");
	assert_int_equal(res(e, R("inline_other"), &r), XCCDF_R_NOTCHECKED);
	assert_non_null(strstr(r.message, "is not supported"));
	assert_int_equal(res(e, R("import"), NULL), XCCDF_R_PASS);
	/* The rule-result's check records each check-import empty (nothing
	 * imported) and the inline content it was evaluated from. */
	assert_true(tr_contains(e, "<check-import import-name=\"stdout\"/>\n"
	    "        <check-import import-name=\"oval_results\" "
	    "import-xpath=\"/x\"/>\n        <check-content"));
	assert_true(tr_contains(e, "oval:xin.fb:def:1"));
	/* One OVAL session per inline document, named after its rule. */
	n = 0;
	assert_int_equal(xccdf_eval_foreach_oval(e, count_session, &n), 0);
	assert_int_equal(n, 6);
	xccdf_eval_free(e);
	xccdf_content_free(c);
	fx_free(f);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_xccdf_eval__default_profile),
		cmocka_unit_test(test_xccdf_eval__counts_and_scores),
		cmocka_unit_test(test_xccdf_eval__profile),
		cmocka_unit_test(test_xccdf_eval__tailoring_file),
		cmocka_unit_test(test_xccdf_eval__rule_filters),
		cmocka_unit_test(test_xccdf_eval__benchmark_not_applicable),
		cmocka_unit_test(test_xccdf_eval__profile_platform),
		cmocka_unit_test(test_xccdf_eval__inline_content),
	};

	ks_log_set_level(KS_LOG_ERROR);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
