/*
 * `kensa xccdf eval`: options and exit codes of `oscap xccdf eval`, the
 * per-rule lines it prints, and the documents it writes. The evaluation
 * itself is xccdf/'s; the HTML report is agent/report.c's.
 */
#include "agent/agent.h"
#include "agent/cmd_xccdf.h"
#include "agent/findings.h"
#include "agent/report.h"
#include "agent/xccdf_remote.h"
#include "xccdf/xccdf.h"

#include <libxml/tree.h>

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* More --rule options than any checklist has rules would be a mistake. */
#define XCCDF_MAX_RULE_ARGS 4096
#define XCCDF_MAX_FILES 64

struct xccdf_args {
	struct xccdf_eval_opts	 opts;
	struct xccdf_write_opts	 wopts;
	const char		*root;
	const char		*image;
	const char		*results;
	const char		*arf;
	const char		*report;
	bool			 oval_results;
	const char		*content;
	const char		*files[XCCDF_MAX_FILES];
	uint32_t		 nfiles;
	const char		*rules[XCCDF_MAX_RULE_ARGS];
	const char		*skips[XCCDF_MAX_RULE_ARGS];
	bool			 quiet;
	/* findings */
	const char		*findings;
	const char		*vulnstore;
	char			*jvn[64];
	size_t			 njvn;
	struct agent_feeds_age	 feeds;	/* --feeds-max-age */
};

static void
xccdf_usage(FILE *fp)
{
	fprintf(fp,
	    "usage: kensa xccdf eval [options] CONTENT.xml [CHECKS.xml...]\n"
	    "CONTENT is a SCAP source data stream or an XCCDF benchmark;\n"
	    "further files are OVAL documents or CPE dictionaries its checks\n"
	    "refer to.\n"
	    "  --profile ID           profile (full id or unique suffix)\n"
	    "  --rule ID              evaluate only this rule (repeatable)\n"
	    "  --skip-rule ID         do not evaluate this rule (repeatable)\n"
	    "  --tailoring-file FILE  XCCDF 1.2 tailoring document\n"
	    "  --tailoring-id ID      tailoring component-ref in the stream\n"
	    "  --cpe FILE             CPE dictionary (repeatable)\n"
	    "  --datastream-id ID     --xccdf-id ID  --benchmark-id ID\n"
	    "  --root DIR             evaluate a directory root, not /\n"
	    "  --image FILE           evaluate a container image or root-file-\n"
	    "                         system archive (tar, docker save, OCI)\n"
	    "  --results FILE         XCCDF results\n"
	    "  --results-arf FILE     ARF 1.1 result data stream\n"
	    "  --report FILE          HTML report\n"
	    "  --oval-results         OVAL results, NAME.result.xml in the\n"
	    "                         current directory\n"
	    "  --thin-results         OVAL results without items and tests\n"
	    "  --without-syschar      OVAL results without system data\n"
	    "  --arf-oval-definitions ARF OVAL results carry oval_definitions\n"
	    "  --fetch-remote-resources  fetch remote content (https check\n"
	    "                         content, checklist and tailoring\n"
	    "                         component-refs, check hrefs) into the\n"
	    "                         feed cache (--feeds-cache-dir; TLS and\n"
	    "                         caps from --feeds-config [global]); the\n"
	    "                         cached copy is used when a fetch fails\n"
	    "  --findings FILE        CVSS-scored findings of the failed rules\n"
	    "                         whose checks are vulnerability or patch\n"
	    "                         definitions (urn:kensa:findings:1)\n"
	    "  --vulnstore FILE       vulnerability store for the scores\n"
	    "  --jvn FILE             JVN VULDEF/JVNRSS document (repeatable)\n"
	    "  --feeds-config FILE, --feeds-cache-dir DIR\n"
	    "                         the feed cache: --findings are also scored\n"
	    "                         with its JVN iPedia copies (not with\n"
	    "                         --no-feeds)\n"
	    "  --feeds-max-age DURATION  warn about cached feeds older than this\n"
	    "                         (7d, 12h, 90m, seconds)\n"
	    "  --lang ja|en           language of titles and report\n"
	    "  --progress             print RULE-ID:RESULT lines only\n"
	    "  --quiet                print nothing per rule\n"
	    "Exit status: 0 every rule passed, 2 some rule failed or gave\n"
	    "error or unknown, 1 the evaluation could not be done.\n");
}

static int
parse_args(int argc, char **argv, struct xccdf_args *a)
{
	static const struct option longopts[] = {
		{ "profile", required_argument, NULL, 'p' },
		{ "rule", required_argument, NULL, 'r' },
		{ "skip-rule", required_argument, NULL, 'k' },
		{ "tailoring-file", required_argument, NULL, 't' },
		{ "tailoring-id", required_argument, NULL, 'T' },
		{ "cpe", required_argument, NULL, 'c' },
		{ "datastream-id", required_argument, NULL, 'D' },
		{ "xccdf-id", required_argument, NULL, 'X' },
		{ "benchmark-id", required_argument, NULL, 'B' },
		{ "root", required_argument, NULL, 'o' },
		{ "image", required_argument, NULL, 'm' },
		{ "results", required_argument, NULL, 'R' },
		{ "results-arf", required_argument, NULL, 'A' },
		{ "report", required_argument, NULL, 'H' },
		{ "oval-results", no_argument, NULL, 'O' },
		{ "thin-results", no_argument, NULL, 'n' },
		{ "without-syschar", no_argument, NULL, 'w' },
		{ "arf-oval-definitions", no_argument, NULL, 'd' },
		{ "fetch-remote-resources", no_argument, NULL, 'f' },
		{ "lang", required_argument, NULL, 'l' },
		{ "progress", no_argument, NULL, 'P' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "findings", required_argument, NULL, 'F' },
		{ "vulnstore", required_argument, NULL, 'S' },
		{ "jvn", required_argument, NULL, 'J' },
		AGENT_FEEDS_LONGOPTS,
		{ "no-feeds", no_argument, NULL, AGENT_OPT_NO_FEEDS },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "+h", longopts, NULL)) != -1) {
		switch (c) {
		case 'p': a->opts.profile = optarg; break;
		case 'r':
			if (a->opts.nrules == XCCDF_MAX_RULE_ARGS)
				goto toomany;
			a->rules[a->opts.nrules++] = optarg;
			break;
		case 'k':
			if (a->opts.nskip_rules == XCCDF_MAX_RULE_ARGS)
				goto toomany;
			a->skips[a->opts.nskip_rules++] = optarg;
			break;
		case 't': a->opts.tailoring_file = optarg; break;
		case 'T': a->opts.tailoring_id = optarg; break;
		case 'c':
			if (a->nfiles == XCCDF_MAX_FILES)
				goto toomany;
			a->files[a->nfiles++] = optarg;
			break;
		case 'D': a->opts.datastream_id = optarg; break;
		case 'X': a->opts.xccdf_id = optarg; break;
		case 'B': a->opts.benchmark_id = optarg; break;
		case 'o': a->root = optarg; break;
		case 'm': a->image = optarg; break;
		case 'R': a->results = optarg; break;
		case 'A': a->arf = optarg; break;
		case 'H': a->report = optarg; break;
		case 'O': a->oval_results = true; break;
		case 'n': a->wopts.thin = true; break;
		case 'w': a->wopts.without_syschar = true; break;
		case 'd': a->wopts.arf_oval_definitions = true; break;
		case 'f': a->opts.fetch_remote = true; break;
		case 'l': a->opts.lang = optarg; break;
		case 'P': a->opts.progress = true; break;
		case 'q': a->quiet = true; break;
		case 'F': a->findings = optarg; break;
		case 'S': a->vulnstore = optarg; break;
		case 'J':
			if (a->njvn == sizeof(a->jvn) / sizeof(a->jvn[0]))
				goto toomany;
			a->jvn[a->njvn++] = optarg;
			break;
		case AGENT_OPT_FEEDS_MAX_AGE:
		case AGENT_OPT_FEEDS_CONFIG:
		case AGENT_OPT_FEEDS_CACHE:
		case AGENT_OPT_NO_FEEDS:
			if (agent_feeds_option(&a->feeds, c, optarg) != 0)
				return -1;
			break;
		case 'h': xccdf_usage(stdout); return 1;
		default:
			fprintf(stderr, "kensa xccdf: unknown or incomplete "
			    "option '%s'\n", argv[optind - 1]);
			xccdf_usage(stderr);
			return -1;
		}
	}
	if (argc - optind < 1) {
		fprintf(stderr, "kensa xccdf eval: expected CONTENT.xml\n");
		xccdf_usage(stderr);
		return -1;
	}
	if (a->opts.lang != NULL && strcmp(a->opts.lang, "ja") != 0 &&
	    strcmp(a->opts.lang, "en") != 0) {
		fprintf(stderr, "kensa xccdf: --lang takes ja or en\n");
		return -1;
	}
	a->content = argv[optind++];
	for (; optind < argc; optind++) {
		if (a->nfiles == XCCDF_MAX_FILES)
			goto toomany;
		a->files[a->nfiles++] = argv[optind];
	}
	a->opts.rules = a->rules;
	a->opts.skip_rules = a->skips;
	a->wopts.oval_dir = ".";
	return 0;
toomany:
	fprintf(stderr, "kensa xccdf: too many arguments of one kind\n");
	return -1;
}

/* oscap's layout, so that people and scripts reading it need not learn
 * another: a block per rule, or RULE:RESULT with --progress. */
static void
on_result(const struct xccdf_eval *e, uint32_t i, void *payload)
{
	const struct xccdf_args *a = payload;
	struct xccdf_eval_rule r;

	if (a->quiet)
		return;
	xccdf_eval_rule(e, i, &r);
	if (a->opts.progress) {
		printf("%s:%s\n", r.rule_id, xccdf_result_name(r.result));
		fflush(stdout);
		return;
	}
	printf("Title\t%s\n", r.title != NULL ? r.title : "");
	printf("Rule\t%s\n", r.rule_id);
	if (r.instance != NULL)
		printf("Instance\t%s\n", r.instance);
	if (r.ident != NULL)
		printf("Ident\t%s\n", r.ident);
	printf("Result\t%s\n", xccdf_result_name(r.result));
	if (r.message != NULL && r.result != XCCDF_R_PASS &&
	    r.result != XCCDF_R_FAIL && r.result != XCCDF_R_NOTSELECTED)
		printf("Message\t%s\n", r.message);
	printf("\n");
}

struct sessions {
	struct oval_session	*v[64];
	size_t			 n;
};

static int
session_cb(const char *name, struct oval_session *s, void *payload)
{
	struct sessions *ss = payload;

	(void)name;
	if (ss->n == sizeof(ss->v) / sizeof(ss->v[0])) {
		ks_error_set("more than %zu OVAL documents", ss->n);
		return KS_ELIMIT;
	}
	ss->v[ss->n++] = s;
	return 0;
}

/*
 * --findings: a rule whose check is a vulnerability or patch definition
 * fails when the definition is true (SP 800-126's reversal), so the true
 * vulnerability/patch definitions of the evaluation's OVAL sessions are
 * exactly the findings, scored as `kensa oval eval --findings` scores them.
 */
static int
write_findings(struct xccdf_eval *e, const struct xccdf_args *a,
               struct plat_target *t)
{
	struct feed_vulnstore *vs = NULL;
	struct agent_findings *f = NULL;
	struct sessions ss = {.n = 0};
	struct agent_feeds cache;
	int rc;

	/* The cached JVN iPedia copies score the findings too, as in
	 * `kensa scan` and `kensa oval eval --findings`. */
	memset(&cache, 0, sizeof(cache));
	if (!a->feeds.no_feeds) {
		if ((rc = agent_feeds_init(&cache, &a->feeds)) < 0)
			goto out;
		agent_feeds_add_all(&cache, NULL, AGENT_FEEDS_JVN);
	}
	if ((rc = xccdf_eval_foreach_oval(e, session_cb, &ss)) < 0 ||
	    (rc = agent_vulnstore_open(&vs, a->vulnstore, false,
	    (char **)a->jvn, a->njvn)) < 0)
		goto out;
	(void)agent_feeds_import_jvn(&cache, vs);
	if ((rc = agent_findings_build_multi(&f, ss.v, ss.n, vs,
	    a->opts.lang != NULL ? a->opts.lang : "en")) < 0)
		goto out;
	for (size_t i = 0; i < cache.n; i++)
		if (!cache.v[i].failed)
			agent_findings_add_feed(f, cache.v[i].source,
			    cache.v[i].kind, cache.v[i].info);
	if ((rc = agent_findings_write(f, a->findings,
	    plat_target_name(t))) < 0)
		goto out;
	ks_info("%zu findings written to %s", f->n, a->findings);
out:
	agent_findings_free(f);
	feed_vulnstore_free(vs);
	agent_feeds_close(&cache);
	return rc;
}

static int
eval_main(struct xccdf_args *a)
{
	struct xccdf_content *c = NULL;
	struct plat_target *t = NULL;
	struct xccdf_eval *e = NULL;
	struct agent_remote *remote = NULL;
	struct xccdf_arf_file *arf_file = NULL;
	xmlDoc *rdoc = NULL;
	bool together;
	int rc, status = AGENT_EXIT_ERROR;

	if ((rc = xccdf_content_open_eval(&c, a->content)) < 0) {
		agent_perror(NULL);
		goto out;
	}
	for (uint32_t i = 0; i < a->nfiles; i++)
		if ((rc = xccdf_content_add_file(c, a->files[i])) < 0) {
			agent_perror(NULL);
			goto out;
		}
	if ((rc = agent_target_open(&t, a->root, a->image)) < 0) {
		agent_perror(NULL);
		goto out;
	}
	a->opts.on_result = on_result;
	a->opts.payload = a;
	if (a->opts.fetch_remote) {
		/* xccdf/ asks for each remote resource it resolves. */
		agent_remote_new(&remote, &a->feeds);
		a->opts.fetch = agent_remote_fetch;
		a->opts.fetch_payload = remote;
	}
	if ((rc = xccdf_eval_run(&e, c, t, &a->opts)) < 0) {
		agent_perror(NULL);
		goto out;
	}
	/* The report's stylesheet compiles while the results are written:
	 * the content's parse and the evaluation keep both cores busy. */
	if (a->report != NULL)
		agent_report_preload();
	/* Nothing reads the results documents back: their syncs and
	 * renames run beside the rest (the report). Not before: remote
	 * resources are written and read again while evaluating. */
	ks_atomic_defer(true);
	if (a->results != NULL &&
	    (rc = xccdf_results_write(e, a->results, &a->wopts)) < 0) {
		agent_perror(NULL);
		goto out;
	}
	/* With a report, the ARF file is written on a thread from the text
	 * its DOM is parsed from (xccdf_arf_write_doc), below. */
	together = a->arf != NULL && a->report != NULL && a->findings == NULL;
	if (a->arf != NULL && !together &&
	    (rc = xccdf_arf_write(e, a->arf, &a->wopts)) < 0) {
		agent_perror(NULL);
		goto out;
	}
	if (a->oval_results &&
	    (rc = xccdf_oval_results_write(e, &a->wopts)) < 0) {
		agent_perror(NULL);
		goto out;
	}
	ks_atomic_defer(false);
	if (a->findings != NULL && (rc = write_findings(e, a, t)) < 0) {
		agent_perror(NULL);
		goto out;
	}
	/* The report's input is the ARF as a DOM around the content's own
	 * source element (in the content's document, taken over: not
	 * copied nor parsed again); the OVAL
	 * sessions and the model are freed before the stylesheet runs so
	 * that their peaks do not add up. */
	if (together)
		rc = xccdf_arf_write_doc(e, a->arf, &a->wopts, &rdoc,
		    &arf_file);
	else if (a->report != NULL)
		rc = xccdf_arf_doc(e, &a->wopts, &rdoc);
	if (rc < 0) {
		agent_perror(NULL);
		goto out;
	}
	status = xccdf_eval_exit_code(e);
	xccdf_eval_free(e);
	e = NULL;
	if (rdoc != NULL &&
	    (rc = agent_report_html_doc(rdoc, a->content, a->report,
	    a->opts.lang, a->findings)) < 0) {
		agent_perror(NULL);
		status = AGENT_EXIT_ERROR;
	}
out:
	agent_report_preload_end();
	if (xccdf_arf_file_end(arf_file) != 0) {
		agent_perror(NULL);
		status = AGENT_EXIT_ERROR;
	}
	if (ks_atomic_wait_all() != 0) {
		agent_perror(NULL);
		status = AGENT_EXIT_ERROR;
	}
	ks_atomic_defer(false);
	/* The DOMs (the data stream's, now the report's input) are left to
	 * exit when main() allows it: freeing them costs more than writing
	 * the report. The target may hold mounts or temporary files. */
	if (!ks_mem_leave(rdoc))
		xmlFreeDoc(rdoc);
	xccdf_eval_free(e);
	agent_remote_free(remote);
	plat_target_free(t);
	if (!ks_mem_leave(c))
		xccdf_content_free(c);
	return status;
}

int
agent_cmd_xccdf(int argc, char **argv)
{
	struct xccdf_args *a;
	int rc;

	if (argc < 2 || strcmp(argv[1], "eval") != 0) {
		if (argc >= 2 && (strcmp(argv[1], "--help") == 0 ||
		    strcmp(argv[1], "-h") == 0)) {
			xccdf_usage(stdout);
			return AGENT_EXIT_OK;
		}
		fprintf(stderr, "kensa xccdf: expected 'eval'\n");
		xccdf_usage(stderr);
		return AGENT_EXIT_ERROR;
	}
	a = ks_calloc(1, sizeof(*a));
	rc = parse_args(argc - 1, argv + 1, a);
	if (rc != 0) {
		free(a);
		return rc > 0 ? AGENT_EXIT_OK : AGENT_EXIT_ERROR;
	}
	agent_feeds_check_age(&a->feeds);
	rc = eval_main(a);
	free(a);
	return rc;
}
