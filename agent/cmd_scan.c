/*
 * `kensa scan`, the main job: evaluates kensa's embedded default content
 * against the host (or --root DIR) and prints a short readable summary: what
 * the system is and which security-relevant packages are installed, at
 * which versions; with vulnerability definitions (the cached vendor OVAL
 * feeds `kensa feed update` keeps, and --definitions files) it writes
 * CVSS-scored findings (findings.xml), scored with the cached JVN iPedia
 * feeds and the vulnerability store, prints them as a table and exits 2
 * when one is at or above --fail-on. With the
 * default content it also evaluates kensa's configuration baseline
 * (XCCDF 1.2) and writes XCCDF results, ARF and an HTML report.
 */
#include "agent/agent.h"
#include "agent/findings.h"
#include "agent/report.h"
#include "oval/oval.h"

#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define INVENTORY "kensa-inventory-oval.xml"

struct scan_args {
	const char	*root;
	const char	*image;
	const char	*results;
	const char	*syschar;
	const char	*content;
	bool		 content_is_default;
	bool		 ja;
	char		*definitions[64];	/* vulnerability definitions */
	size_t		 ndefinitions;
	const char	*output;	/* directory for findings.xml */
	const char	*vulnstore;
	char		*jvn[64];
	size_t		 njvn;
	int		 fail_on;	/* enum agent_sev */
	struct agent_feeds_age feeds;	/* --feeds-* options, --no-feeds */
	struct agent_feeds cache;	/* the cached copies held */
};

/* Texts of the summary, English and Japanese. */
struct scan_text {
	const char	*target, *system, *family, *installed, *absent,
			*defs, *none, *unknown;
};
static const struct scan_text text_en = {
	"Target", "System", "Family", "Installed security-relevant packages",
	"Not installed", "definitions evaluated", "(none)", "unknown",
};
static const struct scan_text text_ja = {
	"対象", "システム", "ファミリ", "インストール済みのセキュリティ関連パッケージ",
	"未インストール", "件の定義を評価", "(なし)", "不明",
};

static void
scan_usage(FILE *fp)
{
	fprintf(fp,
	    "usage: kensa scan [--root DIR|--image FILE] [--lang ja|en]\n"
	    "                  [--results FILE]\n"
	    "                  [--syschar FILE] [--content FILE]\n"
	    "                  [--definitions VULN-OVAL.xml]... [--output DIR]\n"
	    "                  [--vulnstore FILE] [--jvn FILE]...\n"
	    "                  [--fail-on any|none|low|medium|high|critical]\n"
	    "                  [--no-feeds] [--feeds-config FILE]\n"
	    "                  [--feeds-cache-dir DIR] [--feeds-max-age DURATION]\n"
	    "Checks this host (or the system under DIR) with kensa's default\n"
	    "content and prints a summary; evaluates the cached vendor OVAL\n"
	    "feeds (kensa feed update; those whose `platform` matches the\n"
	    "target) and every --definitions file for vulnerabilities, scores\n"
	    "them with the cached JVN iPedia feeds, --vulnstore and --jvn,\n"
	    "writes DIR/findings.xml (default the current directory), prints\n"
	    "the findings and exits 2 when one is at or above --fail-on\n"
	    "(default: any finding). --no-feeds reads no cached copy.\n"
	    "With the default content it also checks kensa's configuration\n"
	    "baseline (SSH, login and password policy, sysctl, permissions,\n"
	    "updates, world-writable files) and writes DIR/xccdf-results.xml,\n"
	    "DIR/arf.xml and DIR/report.html.\n");
}

struct pkg_row {
	char	*name;
	char	*evr;
	char	*arch;
};
struct summary {
	struct oval_session	*s;
	struct pkg_row		*pkgs;
	size_t			 npkgs, cap;
	char			*absent;	/* comma-separated */
	char			*os_pretty;
	char			*debian_version;
	bool			 unix_family;
	unsigned		 ndefs;
};

static int
pkg_item(const struct oval_item *it, void *payload)
{
	struct summary *sm = payload;
	const char *name = oval_item_value(it, "name");
	const char *evr = oval_item_value(it, "evr");

	if (strcmp(oval_item_type(it), "dpkginfo_item") != 0 || name == NULL)
		return 0;
	for (size_t i = 0; i < sm->npkgs; i++)
		if (strcmp(sm->pkgs[i].name, name) == 0 &&
		    strcmp(sm->pkgs[i].evr, evr ? evr : "") == 0)
			return 0;
	ks_grow(&sm->pkgs, &sm->cap, sm->npkgs + 1, sizeof(*sm->pkgs));
	sm->pkgs[sm->npkgs].name = ks_strdup(name);
	sm->pkgs[sm->npkgs].evr = ks_strdup(evr ? evr : "");
	sm->pkgs[sm->npkgs].arch = ks_strdup(oval_item_value(it, "arch") ?
	    oval_item_value(it, "arch") : "");
	sm->npkgs++;
	return 0;
}

static int
first_subexpression(const struct oval_item *it, void *payload)
{
	char **out = payload;
	const char *v = oval_item_value(it, "subexpression");

	if (*out == NULL && v != NULL)
		*out = ks_strdup(v);
	return 0;
}

static int
collect_summary(const char *id, const char *klass, const char *title,
    const char *result, void *payload)
{
	struct summary *sm = payload;
	const char *suffix = strrchr(id, ':');
	long n = suffix ? strtol(suffix + 1, NULL, 10) : 0;

	(void)klass;
	sm->ndefs++;
	if (n == 1)
		sm->unix_family = strcmp(result, "true") == 0;
	else if (n == 2 && strcmp(result, "true") == 0)
		oval_session_foreach_def_item(sm->s, id, first_subexpression,
		    &sm->debian_version);
	else if (n == 4 && strcmp(result, "true") == 0)
		oval_session_foreach_def_item(sm->s, id, first_subexpression,
		    &sm->os_pretty);
	else if (n >= 10 && strcmp(result, "true") == 0)
		oval_session_foreach_def_item(sm->s, id, pkg_item, sm);
	else if (n >= 10 && strcmp(result, "false") == 0) {
		/* The title reads "Label (pkg) is installed". */
		const char *l = strrchr(title, '('), *r = strrchr(title, ')');

		if (l != NULL && r != NULL && r > l) {
			char *old = sm->absent;

			sm->absent = ks_asprintf("%s%s%.*s", old ? old : "",
			    old ? ", " : "", (int)(r - l - 1), l + 1);
			free(old);
		}
	}
	return 0;
}

static int
pkg_cmp(const void *a, const void *b)
{
	const struct pkg_row *x = a, *y = b;

	return strcmp(x->name, y->name);
}

static void
print_summary(struct summary *sm, const struct scan_args *a,
    struct plat_target *t, double secs)
{
	const struct scan_text *tx = a->ja ? &text_ja : &text_en;
	const struct plat_sysinfo *si = oval_session_sysinfo(sm->s);

	printf("kensa %s scan\n", KS_VERSION);
	printf("%s: %s\n", tx->target, plat_target_name(t));
	printf("%s: %s", tx->system, sm->os_pretty ? sm->os_pretty :
	    (si->os_name ? si->os_name : tx->unknown));
	if (si->architecture != NULL)
		printf(" (%s)", si->architecture);
	if (sm->debian_version != NULL)
		printf(", debian_version %s", sm->debian_version);
	printf("\n%s: %s\n", tx->family, sm->unix_family ? "unix" :
	    tx->unknown);
	qsort(sm->pkgs, sm->npkgs, sizeof(*sm->pkgs), pkg_cmp);
	printf("%s:\n", tx->installed);
	if (sm->npkgs == 0)
		printf("  %s\n", tx->none);
	for (size_t i = 0; i < sm->npkgs; i++)
		printf("  %-28s %-32s %s\n", sm->pkgs[i].name, sm->pkgs[i].evr,
		    sm->pkgs[i].arch);
	if (sm->absent != NULL)
		printf("%s: %s\n", tx->absent, sm->absent);
	printf("%u %s (%.2f s)\n", sm->ndefs, tx->defs, secs);
}

static void
summary_free(struct summary *sm)
{
	for (size_t i = 0; i < sm->npkgs; i++) {
		free(sm->pkgs[i].name);
		free(sm->pkgs[i].evr);
		free(sm->pkgs[i].arch);
	}
	free(sm->pkgs);
	free(sm->absent);
	free(sm->os_pretty);
	free(sm->debian_version);
}

/*
 * Evaluates one vulnerability document on t and merges its findings into
 * *all (made on first use). 0 or a KS_* code with the message set.
 */
static int
scan_document(const char *path, struct plat_target *t,
    const struct feed_vulnstore *vs, const char *lang,
    struct agent_findings **all)
{
	struct oval_defs *defs = NULL;
	struct oval_session *s = NULL;
	struct agent_findings *f = NULL;
	int rc;

	if ((rc = oval_load(&defs, path)) < 0 ||
	    (rc = oval_session_new(&s, defs, t, NULL)) < 0 ||
	    (rc = oval_session_collect(s)) < 0 ||
	    (rc = oval_session_evaluate(s)) < 0 ||
	    (rc = agent_findings_build(&f, s, vs, lang)) < 0)
		goto out;
	if (*all == NULL) {
		*all = f;
		f = NULL;
	} else {
		agent_findings_merge(*all, f);
		f = NULL;
	}
out:
	agent_findings_free(f);
	oval_session_free(s);
	oval_unload(defs);
	return rc;
}

/*
 * Findings: of every --definitions document (else of the default
 * content's session, which --content may replace) and of every cached
 * vendor OVAL copy held, merged into one findings.xml; scored with the
 * store, the --jvn documents and the cached JVN iPedia copies. Prints
 * the copies used and the table; returns the exit status (2 when a
 * finding is at or above --fail-on).
 */
static int
scan_findings(struct scan_args *a, struct oval_session *inv,
    struct plat_target *t)
{
	struct feed_vulnstore *vs = NULL;
	struct agent_findings *f = NULL;
	const char *lang = a->ja ? "ja" : "en";
	char *path = NULL;
	int status = AGENT_EXIT_ERROR;

	if (agent_vulnstore_open(&vs, a->vulnstore, false, (char **)a->jvn,
	    a->njvn) < 0)
		goto fail;
	(void)agent_feeds_import_jvn(&a->cache, vs);
	for (size_t i = 0; i < a->ndefinitions; i++)
		if (scan_document(a->definitions[i], t, vs, lang, &f) < 0)
			goto fail;
	if (a->ndefinitions == 0 &&
	    agent_findings_build(&f, inv, vs, lang) < 0)
		goto fail;
	for (size_t i = 0; i < a->cache.n; i++) {
		struct agent_feed_copy *c = &a->cache.v[i];
		char *doc = NULL, *tmp = NULL;
		int rc;

		if (strcmp(c->kind, "oval") != 0 || c->failed)
			continue;
		rc = agent_feed_oval_path(c, &doc, &tmp);
		if (rc == 0)
			rc = scan_document(doc, t, vs, lang, &f);
		if (rc < 0) {
			/* One bad feed does not hide what the others find. */
			agent_feed_warn_skipped(c->source);
			ks_error_clear();
			c->failed = true;
		}
		free(doc);
		agent_feed_tmp_remove(tmp);
	}
	for (size_t i = 0; i < a->cache.n; i++)
		if (!a->cache.v[i].failed)
			agent_findings_add_feed(f, a->cache.v[i].source,
			    a->cache.v[i].kind, a->cache.v[i].info);
	path = ks_asprintf("%s/findings.xml", a->output ? a->output : ".");
	if (agent_findings_write(f, path, plat_target_name(t)) < 0)
		goto fail;
	agent_feeds_print(&a->cache, stdout, a->ja);
	agent_findings_print(f, stdout);
	printf("%s\n", path);
	status = agent_findings_at_least(f, (enum agent_sev)a->fail_on) > 0 ?
	    AGENT_EXIT_FINDINGS : AGENT_EXIT_OK;
	goto out;
fail:
	agent_perror(NULL);
out:
	free(path);
	agent_findings_free(f);
	feed_vulnstore_free(vs);
	return status;
}

int
agent_cmd_scan(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "root", required_argument, NULL, 'r' },
		{ "image", required_argument, NULL, 'm' },
		{ "results", required_argument, NULL, 'R' },
		{ "syschar", required_argument, NULL, 's' },
		{ "content", required_argument, NULL, 'c' },
		{ "lang", required_argument, NULL, 'l' },
		{ "definitions", required_argument, NULL, 'D' },
		{ "output", required_argument, NULL, 'o' },
		{ "vulnstore", required_argument, NULL, 'S' },
		{ "jvn", required_argument, NULL, 'J' },
		{ "fail-on", required_argument, NULL, 'f' },
		AGENT_FEEDS_LONGOPTS,
		{ "no-feeds", no_argument, NULL, AGENT_OPT_NO_FEEDS },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct scan_args a = { 0 };
	struct summary sm = { 0 };
	struct oval_defs *defs = NULL;
	struct plat_target *t = NULL;
	struct oval_session *s = NULL;
	const char *lang = NULL;
	char path[PATH_MAX];
	int c, status = AGENT_EXIT_ERROR;
	double t0 = ks_time_mono();

	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "+h", longopts, NULL)) != -1) {
		switch (c) {
		case 'r': a.root = optarg; break;
		case 'm': a.image = optarg; break;
		case 'R': a.results = optarg; break;
		case 's': a.syschar = optarg; break;
		case 'c': a.content = optarg; break;
		case 'l': lang = optarg; break;
		case 'D':
			if (a.ndefinitions == sizeof(a.definitions) /
			    sizeof(a.definitions[0])) {
				fprintf(stderr, "kensa scan: too many "
				    "--definitions\n");
				return AGENT_EXIT_ERROR;
			}
			a.definitions[a.ndefinitions++] = optarg;
			break;
		case 'o': a.output = optarg; break;
		case 'S': a.vulnstore = optarg; break;
		case 'J':
			if (a.njvn == sizeof(a.jvn) / sizeof(a.jvn[0])) {
				fprintf(stderr, "kensa scan: too many --jvn\n");
				return AGENT_EXIT_ERROR;
			}
			a.jvn[a.njvn++] = optarg;
			break;
		case 'f':
			if ((a.fail_on = agent_sev_parse(optarg)) < 0) {
				fprintf(stderr, "kensa scan: --fail-on takes any, "
				    "none, low, medium, high or critical\n");
				return AGENT_EXIT_ERROR;
			}
			break;
		case AGENT_OPT_FEEDS_MAX_AGE:
		case AGENT_OPT_FEEDS_CONFIG:
		case AGENT_OPT_FEEDS_CACHE:
		case AGENT_OPT_NO_FEEDS:
			if (agent_feeds_option(&a.feeds, c, optarg) != 0)
				return AGENT_EXIT_ERROR;
			break;
		case 'h': scan_usage(stdout); return AGENT_EXIT_OK;
		default:
			fprintf(stderr, "kensa scan: unknown or incomplete "
			    "option '%s'\n", argv[optind - 1]);
			scan_usage(stderr);
			return AGENT_EXIT_ERROR;
		}
	}
	if (optind != argc) {
		fprintf(stderr, "kensa scan: unexpected argument '%s'\n",
		    argv[optind]);
		return AGENT_EXIT_ERROR;
	}
	if (lang != NULL && strcmp(lang, "ja") != 0 && strcmp(lang, "en") != 0) {
		fprintf(stderr, "kensa scan: --lang takes ja or en\n");
		return AGENT_EXIT_ERROR;
	}
	a.ja = strcmp(agent_lang(lang), "ja") == 0;
	agent_feeds_check_age(&a.feeds);
	if (a.content == NULL) {
		if (snprintf(path, sizeof(path), "%s/content/%s",
		    agent_datadir(), INVENTORY) >= (int)sizeof(path)) {
			fprintf(stderr, "kensa: data directory path too long\n");
			return AGENT_EXIT_ERROR;
		}
		a.content = path;
		a.content_is_default = true;
	}
	if (agent_target_open(&t, a.root, a.image) < 0) {
		agent_perror(NULL);
		goto out;
	}
	/* The cached copies are resolved and held now, once: an update
	 * that runs during the scan changes nothing the scan reads. */
	if (!a.feeds.no_feeds) {
		if (agent_feeds_init(&a.cache, &a.feeds) < 0) {
			agent_perror(NULL);
			goto out;
		}
		agent_feeds_add_all(&a.cache, t, AGENT_FEEDS_OVAL |
		    AGENT_FEEDS_JVN);
	}
	if (oval_load(&defs, a.content) < 0 ||
	    oval_session_new(&s, defs, t, NULL) < 0 ||
	    oval_session_collect(s) < 0 || oval_session_evaluate(s) < 0) {
		agent_perror(NULL);
		goto out;
	}
	if (a.syschar != NULL && oval_session_write_syschar(s, a.syschar) < 0) {
		agent_perror(NULL);
		goto out;
	}
	if (a.results != NULL && oval_session_write_results(s, a.results) < 0) {
		agent_perror(NULL);
		goto out;
	}
	sm.s = s;
	oval_session_foreach_result(s, collect_summary, &sm);
	print_summary(&sm, &a, t, ks_time_mono() - t0);
	/* The baseline's failed rules are shown and reported, but the exit
	 * status stays the findings' (--fail-on): a hardening gap is not a
	 * vulnerability, and `make scan` must not fail on a stock host. */
	if (a.content_is_default && agent_scan_baseline(t, a.output ?
	    a.output : ".", a.ja ? "ja" : "en") < 0) {
		agent_perror("baseline");
		goto out;
	}
	status = scan_findings(&a, s, t);
	/* The baseline's report, rendered once the findings it shows are
	 * written (without them when writing them failed). */
	if (a.content_is_default) {
		const char *dir = a.output != NULL ? a.output : ".";
		char *fpath = ks_asprintf("%s/findings.xml", dir);

		if (agent_scan_report(dir, status != AGENT_EXIT_ERROR ? fpath :
		    NULL, a.ja ? "ja" : "en") < 0) {
			agent_perror("report");
			status = AGENT_EXIT_ERROR;
		}
		free(fpath);
	}
out:
	agent_feeds_close(&a.cache);
	summary_free(&sm);
	oval_session_free(s);
	plat_target_free(t);
	oval_unload(defs);
	return status;
}
