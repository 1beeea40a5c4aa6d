/*
 * The configuration-baseline part of `kensa scan`: kensa's own XCCDF 1.2
 * checklist (data/content/kensa-baseline-*) evaluated on the scan's target,
 * a short summary printed, XCCDF results and ARF written into the output
 * directory, and the HTML report rendered from that ARF with the findings
 * once the scan has written them (agent_scan_report). Not the inventory or
 * the findings themselves (cmd_scan.c).
 */
#include "agent/agent.h"
#include "agent/report.h"
#include "xccdf/xccdf.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BASELINE_XCCDF "kensa-baseline-xccdf.xml"
#define BASELINE_OVAL "kensa-baseline-oval.xml"
#define BASELINE_CPE "kensa-baseline-cpe-dictionary.xml"
#define BASELINE_CPE_OVAL "kensa-baseline-cpe-oval.xml"
#define BASELINE_PROFILE "xccdf_org.kensa_profile_standard"
/* Failed rules listed on the terminal; the report has them all. */
#define BASELINE_SHOW_MAX 15

struct bl_text {
	const char *head, *rules, *failed, *written, *more;
};
static const struct bl_text bl_en = {
	"Configuration baseline", "rules", "Failed rules", "Written",
	"more in the report",
};
static const struct bl_text bl_ja = {
	"設定ベースライン", "件のルール", "不合格のルール", "出力",
	"件はレポートを参照",
};

static int
sev_rank(const char *s)
{
	static const char *const order[] = {"high", "medium", "low", "info",
	                                    "unknown"};

	for (size_t i = 0; s != NULL && i < 5; i++)
		if (strcmp(s, order[i]) == 0)
			return (int)i;
	return 5;
}

static int
row_cmp(const void *a, const void *b)
{
	const struct xccdf_eval_rule *x = a, *y = b;
	int d = sev_rank(x->severity) - sev_rank(y->severity);

	return d != 0 ? d : strcmp(x->rule_id, y->rule_id);
}

static void
print_baseline(const struct xccdf_eval *e, const struct bl_text *tx)
{
	uint32_t counts[XCCDF_R_COUNT], n = xccdf_eval_count(e), nrows = 0;
	struct xccdf_eval_rule *rows = ks_calloc(n + 1, sizeof(*rows));
	double max = 0, score = xccdf_eval_score(e, &max);

	xccdf_eval_counts(e, counts);
	printf("%s (%s): %u %s:", tx->head, BASELINE_PROFILE,
	    n - counts[XCCDF_R_NOTSELECTED], tx->rules);
	for (int r = 0; r < XCCDF_R_COUNT; r++)
		if (counts[r] > 0 && r != XCCDF_R_NOTSELECTED)
			printf(" %s %u", xccdf_result_name((enum xccdf_result)r),
			    counts[r]);
	printf("; score %.1f/%.0f\n", score, max);
	for (uint32_t i = 0; i < n; i++) {
		xccdf_eval_rule(e, i, &rows[nrows]);
		if (rows[nrows].result == XCCDF_R_FAIL ||
		    rows[nrows].result == XCCDF_R_ERROR ||
		    rows[nrows].result == XCCDF_R_UNKNOWN)
			nrows++;
	}
	if (nrows > 0) {
		qsort(rows, nrows, sizeof(*rows), row_cmp);
		printf("%s:\n", tx->failed);
		for (uint32_t i = 0; i < nrows && i < BASELINE_SHOW_MAX; i++)
			printf("  %-7s %-7s %s\n", rows[i].severity ?
			    rows[i].severity : "",
			    xccdf_result_name(rows[i].result),
			    rows[i].title ? rows[i].title :
			    rows[i].rule_id);
		if (nrows > BASELINE_SHOW_MAX)
			printf("  (%u %s)\n", nrows - BASELINE_SHOW_MAX,
			    tx->more);
	}
	free(rows);
}

static char *
data_file(const char *name)
{
	return ks_asprintf("%s/content/%s", agent_datadir(), name);
}

int
agent_scan_baseline(struct plat_target *t, const char *outdir,
                    const char *lang)
{
	const struct bl_text *tx = lang != NULL && strcmp(lang, "ja") == 0 ?
	    &bl_ja : &bl_en;
	char *xccdf = data_file(BASELINE_XCCDF);
	char *files[3] = {data_file(BASELINE_OVAL), data_file(BASELINE_CPE),
	                  data_file(BASELINE_CPE_OVAL)};
	char *res = ks_asprintf("%s/xccdf-results.xml", outdir);
	char *arf = ks_asprintf("%s/arf.xml", outdir);
	struct xccdf_eval_opts opts = {.profile = BASELINE_PROFILE,
	                               .lang = lang};
	struct xccdf_write_opts wo = {.oval_dir = outdir};
	struct xccdf_content *c = NULL;
	struct xccdf_eval *e = NULL;
	int rc;

	if ((rc = xccdf_content_open(&c, xccdf)) < 0)
		goto out;
	for (int i = 0; i < 3; i++)
		if ((rc = xccdf_content_add_file(c, files[i])) < 0)
			goto out;
	if ((rc = xccdf_eval_run(&e, c, t, &opts)) < 0 ||
	    (rc = xccdf_results_write(e, res, &wo)) < 0 ||
	    (rc = xccdf_arf_write(e, arf, &wo)) < 0)
		goto out;
	print_baseline(e, tx);
out:
	xccdf_eval_free(e);
	xccdf_content_free(c);
	free(xccdf);
	for (int i = 0; i < 3; i++)
		free(files[i]);
	free(res);
	free(arf);
	return rc;
}

int
agent_scan_report(const char *outdir, const char *findings_path,
    const char *lang)
{
	const struct bl_text *tx = lang != NULL && strcmp(lang, "ja") == 0 ?
	    &bl_ja : &bl_en;
	char *res = ks_asprintf("%s/xccdf-results.xml", outdir);
	char *arf = ks_asprintf("%s/arf.xml", outdir);
	char *html = ks_asprintf("%s/report.html", outdir);
	int rc = agent_report_html(arf, html, lang, findings_path);

	if (rc == 0)
		printf("%s: %s, %s, %s\n", tx->written, res, arf, html);
	free(res);
	free(arf);
	free(html);
	return rc;
}
