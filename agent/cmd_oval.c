/*
 * `kensa oval eval|collect|analyse`: evaluate an OVAL definitions document
 * against a target (or recorded system characteristics) and write OVAL
 * results. Options follow `oscap oval eval` where users know them.
 * `--feed SOURCE` evaluates the cached copy of a vendor OVAL feed instead
 * of a file; --findings scores with the cached JVN iPedia feeds too.
 */
#include "agent/agent.h"
#include "agent/findings.h"
#include "oval/oval.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum oval_mode { MODE_EVAL, MODE_COLLECT, MODE_ANALYSE };

struct oval_args {
	enum oval_mode		 mode;
	const char		*root;
	const char		*image;
	const char		*results;
	const char		*syschar;
	struct oval_eval_opts	 opts;
	const char		*defs;
	const char		*sc_in;
	/* findings */
	const char		*findings;
	const char		*lang;
	const char		*vulnstore;
	bool			 update_store;
	char			*jvn[64];
	size_t			 njvn;
	struct agent_feeds_age	 feeds;	/* --feeds-*, --no-feeds */
	const char		*feed;	/* --feed SOURCE */
	struct agent_feeds	 cache;	/* the cached copies held */
	char			*feed_doc;	/* --feed: the document */
	char			*feed_tmp;	/* its temp dir */
};

static void
oval_usage(FILE *fp)
{
	fprintf(fp,
	    "usage: kensa oval eval [--root DIR|--image FILE] [--id ID]\n"
	    "                       [--variables FILE]\n"
	    "                       [--directives FILE] [--results FILE]\n"
	    "                       [--syschar FILE] [--findings FILE]\n"
	    "                       [--lang ja|en] [--vulnstore FILE]\n"
	    "                       [--jvn VULDEF-OR-JVNRSS.xml]...\n"
	    "                       [--update-vulnstore]\n"
	    "                       [--feeds-max-age DURATION]\n"
	    "                       [--feeds-config FILE]\n"
	    "                       [--feeds-cache-dir DIR] [--no-feeds]\n"
	    "                       (DEFINITIONS.xml | --feed SOURCE)\n"
	    "       kensa oval collect [--root DIR] [--variables FILE]\n"
	    "                       --syschar FILE DEFINITIONS.xml\n"
	    "       kensa oval analyse [--id ID] [--variables FILE]\n"
	    "                       [--directives FILE] --results FILE\n"
	    "                       DEFINITIONS.xml SYSCHAR.xml\n"
	    "eval prints 'Definition ID: RESULT' per definition and exits 0\n"
	    "when the evaluation finished, 1 on an error that stopped it.\n"
	    "--findings writes the true vulnerability/patch definitions with\n"
	    "their CVSS scores (urn:kensa:findings:1); scores come from the\n"
	    "definitions' metadata, the vulnerability store (--vulnstore,\n"
	    "default under the cache directory) and --jvn documents.\n"
	    "--update-vulnstore saves the store with the definitions' vendor\n"
	    "metadata and the --jvn documents added.\n"
	    "--feed SOURCE evaluates the cached copy of that oval source of\n"
	    "the feeds configuration (kensa feed update) instead of a file;\n"
	    "--findings also scores with the cached jvn-ipedia sources unless\n"
	    "--no-feeds.\n");
}

static int
parse_args(int argc, char **argv, struct oval_args *a)
{
	static const struct option longopts[] = {
		{ "root", required_argument, NULL, 'r' },
		{ "image", required_argument, NULL, 'm' },
		{ "id", required_argument, NULL, 'i' },
		{ "variables", required_argument, NULL, 'V' },
		{ "directives", required_argument, NULL, 'd' },
		{ "results", required_argument, NULL, 'R' },
		{ "syschar", required_argument, NULL, 's' },
		{ "findings", required_argument, NULL, 'F' },
		{ "lang", required_argument, NULL, 'l' },
		{ "vulnstore", required_argument, NULL, 'S' },
		{ "jvn", required_argument, NULL, 'J' },
		{ "update-vulnstore", no_argument, NULL, 'U' },
		AGENT_FEEDS_LONGOPTS,
		{ "no-feeds", no_argument, NULL, AGENT_OPT_NO_FEEDS },
		{ "feed", required_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int c, need;

	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "+h", longopts, NULL)) != -1) {
		switch (c) {
		case 'r': a->root = optarg; break;
		case 'm': a->image = optarg; break;
		case 'i': a->opts.only_id = optarg; break;
		case 'V': a->opts.variables = optarg; break;
		case 'd': a->opts.directives = optarg; break;
		case 'R': a->results = optarg; break;
		case 's': a->syschar = optarg; break;
		case 'F': a->findings = optarg; break;
		case 'l': a->lang = optarg; break;
		case 'S': a->vulnstore = optarg; break;
		case 'U': a->update_store = true; break;
		case 'f': a->feed = optarg; break;
		case 'J':
			if (a->njvn == sizeof(a->jvn) / sizeof(a->jvn[0])) {
				fprintf(stderr, "kensa oval: too many --jvn\n");
				return -1;
			}
			a->jvn[a->njvn++] = optarg;
			break;
		case AGENT_OPT_FEEDS_MAX_AGE:
		case AGENT_OPT_FEEDS_CONFIG:
		case AGENT_OPT_FEEDS_CACHE:
		case AGENT_OPT_NO_FEEDS:
			if (agent_feeds_option(&a->feeds, c, optarg) != 0)
				return -1;
			break;
		case 'h': oval_usage(stdout); return 1;
		default:
			fprintf(stderr, "kensa oval: unknown or incomplete "
			    "option '%s'\n", argv[optind - 1]);
			oval_usage(stderr);
			return -1;
		}
	}
	need = a->mode == MODE_ANALYSE ? 2 : 1;
	if (a->feed != NULL) {
		if (a->mode != MODE_EVAL) {
			fprintf(stderr,
			    "kensa oval: --feed is for oval eval\n");
			return -1;
		}
		if (a->feeds.no_feeds) {
			fprintf(stderr, "kensa oval: --feed reads the feed "
			    "cache; --no-feeds forbids it\n");
			return -1;
		}
		if (argc - optind != 0) {
			fprintf(stderr, "kensa oval: --feed %s replaces "
			    "DEFINITIONS.xml; give one of them\n", a->feed);
			return -1;
		}
		need = 0;
	}
	if (argc - optind != need) {
		fprintf(stderr, "kensa oval: expected %s\n", need == 2 ?
		    "DEFINITIONS.xml and SYSCHAR.xml" : "one DEFINITIONS.xml");
		oval_usage(stderr);
		return -1;
	}
	if (a->lang != NULL && strcmp(a->lang, "ja") != 0 &&
	    strcmp(a->lang, "en") != 0) {
		fprintf(stderr, "kensa oval: --lang takes ja or en\n");
		return -1;
	}
	a->defs = need > 0 ? argv[optind] : NULL;
	if (need == 2)
		a->sc_in = argv[optind + 1];
	if (a->mode == MODE_COLLECT && a->syschar == NULL) {
		fprintf(stderr, "kensa oval collect: --syschar FILE is "
		    "required\n");
		return -1;
	}
	if (a->mode == MODE_ANALYSE && (a->root != NULL || a->image != NULL)) {
		fprintf(stderr, "kensa oval analyse: --root/--image make no sense "
		    "with recorded system characteristics\n");
		return -1;
	}
	return 0;
}

static int
print_result(const char *id, const char *klass, const char *title,
    const char *result, void *payload)
{
	(void)klass;
	(void)title;
	(void)payload;
	printf("Definition %s: %s\n", id, result);
	return 0;
}

/* --findings and --update-vulnstore: errors are printed here. */
static int
write_findings(struct oval_args *a, struct oval_session *s,
    struct plat_target *target)
{
	struct feed_vulnstore *vs = NULL;
	struct agent_findings *f = NULL;
	int rc;

	rc = agent_vulnstore_open(&vs, a->vulnstore, a->update_store,
	    (char **)a->jvn, a->njvn);
	if (rc < 0)
		goto out;
	if (a->update_store) {
		char *path = a->vulnstore ? ks_strdup(a->vulnstore) :
		    feed_vulnstore_default_path();

		rc = feed_vulnstore_import_oval(vs, a->defs);
		if (rc == 0 && path == NULL) {
			ks_error_set("no place for the vulnerability store "
			    "(set KENSA_CACHE_DIR)");
			rc = KS_ERROR;
		}
		if (rc == 0)
			rc = feed_vulnstore_save(vs, path);
		if (rc == 0)
			ks_info("%s: %zu vulnerability entries", path,
			    feed_vulnstore_count(vs));
		free(path);
		if (rc < 0)
			goto out;
	}
	if (a->findings == NULL)
		goto out;
	/* After the save: the cached JVN copies score these findings but
	 * are not written into the store the user named. */
	(void)agent_feeds_import_jvn(&a->cache, vs);
	if ((rc = agent_findings_build(&f, s, vs, agent_lang(a->lang))) < 0)
		goto out;
	for (size_t i = 0; i < a->cache.n; i++)
		if (!a->cache.v[i].failed)
			agent_findings_add_feed(f, a->cache.v[i].source,
			    a->cache.v[i].kind, a->cache.v[i].info);
	if ((rc = agent_findings_write(f, a->findings,
	    target ? plat_target_name(target) : NULL)) < 0)
		goto out;
	ks_info("%zu findings written to %s", f->n, a->findings);
out:
	if (rc < 0)
		agent_perror(NULL);
	agent_findings_free(f);
	feed_vulnstore_free(vs);
	return rc;
}

/*
 * Holds the cached copies eval reads, once, before anything is evaluated:
 * the --feed source (its document becomes a->defs) and, for --findings,
 * the jvn-ipedia sources. Errors are printed here.
 */
static int
open_feeds(struct oval_args *a)
{
	struct agent_feed_copy *c = NULL;
	int rc;

	if (a->feeds.no_feeds || a->mode != MODE_EVAL ||
	    (a->feed == NULL && a->findings == NULL))
		return 0;
	if ((rc = agent_feeds_init(&a->cache, &a->feeds)) < 0)
		goto out;
	if (a->feed != NULL) {
		if ((rc = agent_feeds_add_one(&a->cache, a->feed,
		    AGENT_FEEDS_OVAL, &c)) < 0 ||
		    (rc = agent_feed_oval_path(c, &a->feed_doc,
		    &a->feed_tmp)) < 0)
			goto out;
		a->defs = a->feed_doc;
		ks_info("--feed %s: %s", a->feed, a->defs);
	}
	if (a->findings != NULL)
		agent_feeds_add_all(&a->cache, NULL, AGENT_FEEDS_JVN);
out:
	if (rc < 0)
		agent_perror(NULL);
	return rc;
}

int
agent_cmd_oval(int argc, char **argv)
{
	struct oval_args a = { 0 };
	struct oval_defs *defs = NULL;
	struct plat_target *target = NULL;
	struct oval_session *s = NULL;
	int rc, status = AGENT_EXIT_ERROR;
	double t0 = ks_time_mono(), t1;

	if (argc < 2) {
		oval_usage(stderr);
		return AGENT_EXIT_ERROR;
	}
	if (strcmp(argv[1], "eval") == 0)
		a.mode = MODE_EVAL;
	else if (strcmp(argv[1], "collect") == 0)
		a.mode = MODE_COLLECT;
	else if (strcmp(argv[1], "analyse") == 0 ||
	    strcmp(argv[1], "analyze") == 0)
		a.mode = MODE_ANALYSE;
	else if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
		oval_usage(stdout);
		return AGENT_EXIT_OK;
	} else {
		fprintf(stderr, "kensa oval: unknown subcommand '%s'\n",
		    argv[1]);
		oval_usage(stderr);
		return AGENT_EXIT_ERROR;
	}
	rc = parse_args(argc - 1, argv + 1, &a);
	if (rc != 0)
		return rc > 0 ? AGENT_EXIT_OK : AGENT_EXIT_ERROR;
	agent_feeds_check_age(&a.feeds);
	if (open_feeds(&a) < 0)
		goto out;
	if (oval_load(&defs, a.defs) < 0) {
		agent_perror(NULL);
		goto out;
	}
	t1 = ks_time_mono();
	ks_info("%s: %u definitions loaded in %.3f s", a.defs,
	    oval_def_count(defs), t1 - t0);
	t0 = t1;
	if (a.mode != MODE_ANALYSE && agent_target_open(&target, a.root, a.image) < 0) {
		agent_perror(NULL);
		goto out;
	}
	if (oval_session_new(&s, defs, target, &a.opts) < 0) {
		agent_perror(NULL);
		goto out;
	}
	if (a.mode == MODE_ANALYSE) {
		if (oval_session_load_syschar(s, a.sc_in) < 0) {
			agent_perror(NULL);
			goto out;
		}
	} else if (oval_session_collect(s) < 0) {
		agent_perror(NULL);
		goto out;
	}
	t1 = ks_time_mono();
	ks_info("system characteristics %s in %.3f s",
	    a.mode == MODE_ANALYSE ? "loaded" : "collected", t1 - t0);
	t0 = t1;
	if (a.syschar != NULL && oval_session_write_syschar(s, a.syschar) < 0) {
		agent_perror(NULL);
		goto out;
	}
	if (a.mode != MODE_COLLECT) {
		if (oval_session_evaluate(s) < 0) {
			agent_perror(NULL);
			goto out;
		}
		t1 = ks_time_mono();
		ks_info("evaluated in %.3f s", t1 - t0);
		t0 = t1;
		oval_session_foreach_result(s, print_result, NULL);
		if (a.results != NULL &&
		    oval_session_write_results(s, a.results) < 0) {
			agent_perror(NULL);
			goto out;
		}
		if (a.results != NULL)
			ks_info("results written in %.3f s",
			    ks_time_mono() - t0);
		if ((a.findings != NULL || a.update_store) &&
		    write_findings(&a, s, target) < 0)
			goto out;
	}
	status = AGENT_EXIT_OK;
out:
	/* The model and the session are left to exit when main() allows:
	 * a big feed's are millions of allocations. */
	if (!ks_mem_leave(s))
		oval_session_free(s);
	plat_target_free(target);
	if (!ks_mem_leave(defs))
		oval_unload(defs);
	free(a.feed_doc);
	agent_feed_tmp_remove(a.feed_tmp);
	agent_feeds_close(&a.cache);
	return status;
}
