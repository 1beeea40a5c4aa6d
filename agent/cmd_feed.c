/*
 * `kensa feed list|update|show|verify` and `kensa jvn overview|detail|
 * vendors|products`: option handling and output. Downloading, caching and
 * the MyJVN protocol live in feeds/ (feed_cache.c, feed_fetch.c,
 * feed_myjvn.c); nothing here touches the network or the cache directly.
 */
#include <getopt.h>
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "agent/agent.h"
#include "agent/cmd_feed.h"
#include "feeds/feeds.h"

static const char feed_usage[] =
    "usage: kensa feed [--config FILE] [--cache-dir DIR] list "
    "[--feeds-max-age DURATION]\n"
    "       kensa feed [...] update [SOURCE...]   download what changed\n"
    "       kensa feed [...] show SOURCE          what the cached copy holds\n"
    "       kensa feed [...] verify [SOURCE...]   re-check cached digests\n"
    "\n"
    "The configuration is FILE, else " FEED_CONFIG_DEFAULT ", else the\n"
    "documented default in kensa's data directory (feeds.conf). The cache\n"
    "is DIR, else the configuration's cache_dir, else "
    FEED_CACHE_DEFAULT ".\n"
    "list --feeds-max-age DURATION (7d, 12h, 90m, seconds) warns on stderr\n"
    "about every source whose copy is older or was never updated.\n";

static const char jvn_usage[] =
    "usage: kensa jvn [--config FILE] [--source NAME] overview\n"
    "           (--cpe CPE | --keyword WORD) [--from YYYY[-MM]] "
    "[--to YYYY[-MM]] [--lang ja|en]\n"
    "       kensa jvn [...] detail [--lang ja|en] JVNDB-YYYY-NNNNNN\n"
    "       kensa jvn [...] vendors (--cpe cpe:/:VENDOR | --keyword WORD)\n"
    "       kensa jvn [...] products (--cpe CPE | --keyword WORD)\n"
    "\n"
    "overview fetches every page of getVulnOverviewList and prints one\n"
    "tab-separated line per item: id, last update, CVSS version, score,\n"
    "severity, title. Without --from/--to there is no date limit (kensa\n"
    "turns off the API's default of the last week).\n";

struct opts {
	const char	*config;
	const char	*cache_dir;
	const char	*source;
	const char	*cpe, *keyword, *from, *to, *lang;
	struct agent_feeds_age age;	/* --feeds-max-age */
	int		 nargs;
	char		**args;
};

enum { O_CONFIG = 1, O_CACHE, O_SOURCE, O_CPE, O_KEYWORD, O_FROM, O_TO,
    O_LANG, O_MAX_AGE };

static int
parse_opts(int argc, char **argv, struct opts *o, const char *usage)
{
	static const struct option lo[] = {
		{ "config", required_argument, NULL, O_CONFIG },
		{ "cache-dir", required_argument, NULL, O_CACHE },
		{ "source", required_argument, NULL, O_SOURCE },
		{ "cpe", required_argument, NULL, O_CPE },
		{ "keyword", required_argument, NULL, O_KEYWORD },
		{ "from", required_argument, NULL, O_FROM },
		{ "to", required_argument, NULL, O_TO },
		{ "lang", required_argument, NULL, O_LANG },
		{ "feeds-max-age", required_argument, NULL, O_MAX_AGE },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	memset(o, 0, sizeof(*o));
	optind = 0;	/* GNU: full re-initialisation */
	opterr = 0;
	while ((c = getopt_long(argc, argv, "h", lo, NULL)) != -1) {
		switch (c) {
		case O_CONFIG: o->config = optarg; break;
		case O_CACHE: o->cache_dir = optarg; break;
		case O_SOURCE: o->source = optarg; break;
		case O_CPE: o->cpe = optarg; break;
		case O_KEYWORD: o->keyword = optarg; break;
		case O_FROM: o->from = optarg; break;
		case O_TO: o->to = optarg; break;
		case O_LANG: o->lang = optarg; break;
		case O_MAX_AGE:
			if (agent_feeds_option(&o->age,
			    AGENT_OPT_FEEDS_MAX_AGE, optarg) != 0)
				return -1;
			break;
		case 'h':
			fputs(usage, stdout);
			return 1;
		default:
			fprintf(stderr, "kensa: %s: unknown option or missing "
			    "argument '%s'\n", argv[0], argv[optind - 1]);
			fputs(usage, stderr);
			return -1;
		}
	}
	o->nargs = argc - optind;
	o->args = argv + optind;
	return 0;
}

/* The configuration the options name (or the defaults). */
static int
load_config(const struct opts *o, struct feed_config **cfg)
{
	return agent_feeds_config_load(o->config, cfg);
}

static void
when(int64_t t, char *out, size_t outsz)
{
	if (t == 0 || ks_time_iso(t, out, outsz) != 0)
		snprintf(out, outsz, "never");
}

static void
human(uint64_t n, char *out, size_t outsz)
{
	if (n >= (1ull << 20))
		snprintf(out, outsz, "%.1fM", (double)n / 1048576.0);
	else if (n >= 1024)
		snprintf(out, outsz, "%.1fK", (double)n / 1024.0);
	else
		snprintf(out, outsz, "%lluB", (unsigned long long)n);
}

/*
 * The SIGNATURE column: what the cached copy was verified against. A key
 * fingerprint is cut to 16 hex digits here (feed show prints it whole).
 */
static void
signature(const struct feed_cache_info *info, char *out, size_t outsz)
{
	const char *v = feed_cache_verified_label(info);

	if (strncmp(v, "signed:SHA256:", 14) == 0 && strlen(v) > 30)
		snprintf(out, outsz, "%.30s", v);
	else
		snprintf(out, outsz, "%s", v);
}

static int
feed_list(struct feed_config *cfg, struct feed_cache *cache)
{
	size_t i;
	int status = AGENT_EXIT_OK;

	printf("%-20s %-10s %-19s %8s %5s  %-30s  %s\n", "SOURCE", "KIND",
	    "UPDATED", "SIZE", "FILES", "SIGNATURE", "LAST ATTEMPT");
	for (i = 0; i < cfg->nsrc; i++) {
		const struct feed_source *s = &cfg->src[i];
		struct feed_cache_info info;
		char up[32], at[32], sz[16], sig[40];

		if (feed_cache_info(cache, s->name, &info) != 0) {
			agent_perror(s->name);
			status = AGENT_EXIT_ERROR;
			continue;
		}
		signature(&info, sig, sizeof(sig));
		when(info.cached ? info.updated : 0, up, sizeof(up));
		when(info.attempted, at, sizeof(at));
		human(info.size, sz, sizeof(sz));
		if (s->kind == FEED_KIND_MYJVN)
			printf("%-20s %-10s %-19s %8s %5s  %-30s  %s\n",
			    s->name, feed_kind_name(s->kind), "-", "-", "-",
			    "-", "(online API, not cached)");
		else
			printf("%-20s %-10s %-19s %8s %5zu  %-30s  %s %s\n",
			    s->name, feed_kind_name(s->kind), up,
			    info.cached ? sz : "-", info.nfiles, sig, at,
			    info.result ? info.result : "");
		feed_cache_info_clear(&info);
	}
	return status;
}

/*
 * The check a downloaded bundle must pass before the cache switches it in:
 * its MANIFEST signature against the source's trusted keys, then every
 * file's size and digest (feed_bundle_verify). The new copy holds the one
 * downloaded file; anything else there is refused.
 */
static int
verify_bundle(const struct feed_source *src, const char *newdir,
    void *payload)
{
	struct feed_cache *cache = payload;
	struct feed_trust *trust = NULL;
	struct feed_bundle_info bi;
	struct dirent *de;
	char *path = NULL, *what;
	DIR *d;
	int rc = KS_ERROR;

	if ((d = opendir(newdir)) == NULL) {
		ks_error_set("%s: cannot read %s: %s", src->name, newdir,
		    strerror(errno));
		return KS_ERROR;
	}
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		if (path != NULL) {
			ks_error_set("%s: more than one file downloaded for "
			    "a bundle", src->name);
			goto out;
		}
		path = ks_asprintf("%s/%s", newdir, de->d_name);
	}
	if (path == NULL) {
		ks_error_set("%s: no bundle was downloaded", src->name);
		goto out;
	}
	if ((rc = feed_trust_new(&trust)) < 0 ||
	    (rc = feed_trust_add_file(trust, src->trust)) < 0 ||
	    (rc = feed_bundle_verify(path, trust, NULL, &bi)) < 0)
		goto out;
	/* feed list shows which officer's key the copy was signed with. */
	what = ks_asprintf("signed:%s", bi.signer);
	feed_cache_note_verified(cache, what);
	free(what);
	rc = 0;
out:
	feed_trust_free(trust);
	free(path);
	closedir(d);
	return rc;
}

/*
 * The check an oval source's download must pass before the cache switches
 * it in: one document, plain or compressed, expanded under the archive
 * caps (feed_archive_check_document): a compression bomb or an archive of
 * files (whose entries are checked for paths leaving it first) is refused
 * at update time, and the previous copy stays in use.
 */
static int
verify_document(const struct feed_source *src, const char *newdir,
    void *payload)
{
	struct dirent *de;
	DIR *d;
	int rc = 0;

	(void)payload;
	if ((d = opendir(newdir)) == NULL) {
		ks_error_set("%s: cannot read %s: %s", src->name, newdir,
		    strerror(errno));
		return KS_ERROR;
	}
	while (rc == 0 && (de = readdir(d)) != NULL) {
		char *path;

		if (de->d_name[0] == '.')
			continue;
		path = ks_asprintf("%s/%s", newdir, de->d_name);
		if ((rc = feed_archive_check_document(path, NULL)) < 0) {
			/* "SOURCE: FILE: reason", without the staging path */
			char *msg = ks_strdup(ks_error_msg());
			const char *why = strncmp(msg, path, strlen(path)) == 0 ?
			    msg + strlen(path) : msg;

			ks_error_set("%s: %s%s%s", src->name, de->d_name,
			    why == msg ? ": " : "", why);
			free(msg);
		}
		free(path);
	}
	closedir(d);
	return rc;
}

static int
feed_update(struct feed_config *cfg, struct feed_cache *cache,
    const struct opts *o)
{
	size_t i;
	int j, status = AGENT_EXIT_OK;

	for (j = 0; j < o->nargs; j++)
		if (feed_config_source(cfg, o->args[j]) == NULL) {
			fprintf(stderr, "kensa: feed update: no source '%s' in "
			    "%s\n", o->args[j], cfg->path);
			return AGENT_EXIT_ERROR;
		}
	if (feed_cache_lock(cache) != 0) {
		agent_perror("feed update");
		return AGENT_EXIT_ERROR;
	}
	feed_cache_set_verifier(cache, FEED_KIND_BUNDLE, verify_bundle, cache);
	feed_cache_set_verifier(cache, FEED_KIND_OVAL, verify_document, NULL);
	for (i = 0; i < cfg->nsrc; i++) {
		const struct feed_source *s = &cfg->src[i];
		struct feed_cache_info info;
		bool changed = false, asked = o->nargs == 0;
		char sz[16];

		for (j = 0; j < o->nargs; j++)
			asked |= strcmp(o->args[j], s->name) == 0;
		if (!asked)
			continue;
		if (s->kind == FEED_KIND_MYJVN) {
			if (o->nargs > 0)
				printf("%s: online API, nothing to update\n",
				    s->name);
			continue;
		}
		if (feed_cache_update(cache, s, &changed) != 0) {
			fprintf(stderr, "kensa: %s\n", ks_error_msg());
			status = AGENT_EXIT_ERROR;
			continue;
		}
		if (!changed) {
			printf("%s: unchanged\n", s->name);
			continue;
		}
		if (feed_cache_info(cache, s->name, &info) == 0) {
			human(info.size, sz, sizeof(sz));
			printf("%s: updated (%zu files, %s)\n", s->name,
			    info.nfiles, sz);
			feed_cache_info_clear(&info);
		}
	}
	return status;
}

static int
feed_show(struct feed_config *cfg, struct feed_cache *cache,
    const struct opts *o)
{
	const struct feed_source *s;
	struct feed_cache_info info;
	char *snap = NULL, t[32];
	size_t i;

	if (o->nargs != 2) {
		fputs(feed_usage, stderr);
		return AGENT_EXIT_ERROR;
	}
	s = feed_config_source(cfg, o->args[1]);
	if (s == NULL) {
		fprintf(stderr, "kensa: feed show: no source '%s' in %s\n",
		    o->args[1], cfg->path);
		return AGENT_EXIT_ERROR;
	}
	if (feed_cache_info(cache, s->name, &info) != 0) {
		agent_perror(s->name);
		return AGENT_EXIT_ERROR;
	}
	printf("source:        %s (%s)\n", s->name, feed_kind_name(s->kind));
	printf("url:           %s\n", s->url);
	if (feed_cache_snapshot(cache, s->name, &snap) == 0)
		printf("copy:          %s\n", snap);
	free(snap);
	when(info.cached ? info.updated : 0, t, sizeof(t));
	printf("updated:       %s\n", t);
	if (info.etag)
		printf("etag:          %s\n", info.etag);
	if (info.last_modified)
		printf("last-modified: %s\n", info.last_modified);
	printf("verified:      %s\n", feed_cache_verified_label(&info));
	when(info.attempted, t, sizeof(t));
	printf("last attempt:  %s %s\n", t, info.result ? info.result : "");
	printf("files:         %zu (%llu bytes)\n", info.nfiles,
	    (unsigned long long)info.size);
	for (i = 0; i < info.nfiles; i++)
		printf("  %s  %12llu  %s\n", info.files[i].sha256,
		    (unsigned long long)info.files[i].size,
		    info.files[i].name);
	feed_cache_info_clear(&info);
	return AGENT_EXIT_OK;
}

static int
feed_verify(struct feed_config *cfg, struct feed_cache *cache,
    const struct opts *o)
{
	size_t i;
	int j, rc, status = AGENT_EXIT_OK;

	for (i = 0; i < cfg->nsrc; i++) {
		const struct feed_source *s = &cfg->src[i];
		bool asked = o->nargs <= 1;

		for (j = 1; j < o->nargs; j++)
			asked |= strcmp(o->args[j], s->name) == 0;
		if (!asked || s->kind == FEED_KIND_MYJVN)
			continue;
		rc = feed_cache_verify(cache, s->name);
		if (rc == KS_ENOTFOUND) {
			printf("%s: not cached\n", s->name);
		} else if (rc != 0) {
			fprintf(stderr, "kensa: %s\n", ks_error_msg());
			status = AGENT_EXIT_ERROR;
		} else {
			printf("%s: ok\n", s->name);
		}
	}
	return status;
}

int
agent_cmd_feed(int argc, char **argv)
{
	struct feed_config *cfg = NULL;
	struct feed_cache *cache = NULL;
	struct opts o;
	const char *sub, *dir;
	int r, status = AGENT_EXIT_ERROR;

	r = parse_opts(argc, argv, &o, feed_usage);
	if (r != 0)
		return r > 0 ? AGENT_EXIT_OK : AGENT_EXIT_ERROR;
	if (o.nargs < 1) {
		fputs(feed_usage, stderr);
		return AGENT_EXIT_ERROR;
	}
	sub = o.args[0];
	if (strcmp(sub, "help") == 0) {
		fputs(feed_usage, stdout);
		return AGENT_EXIT_OK;
	}
	if (strcmp(sub, "list") != 0 && strcmp(sub, "update") != 0 &&
	    strcmp(sub, "show") != 0 && strcmp(sub, "verify") != 0) {
		fprintf(stderr, "kensa: feed: unknown subcommand '%s'\n", sub);
		fputs(feed_usage, stderr);
		return AGENT_EXIT_ERROR;
	}
	if (load_config(&o, &cfg) != 0) {
		agent_perror(NULL);
		goto out;
	}
	if (o.age.max_age > 0 && strcmp(sub, "list") != 0) {
		fprintf(stderr, "kensa: feed: --feeds-max-age goes with "
		    "list\n");
		goto out;
	}
	dir = agent_feeds_cache_dir(o.cache_dir, cfg);
	if (feed_cache_open(&cache, dir) != 0) {
		agent_perror(NULL);
		goto out;
	}
	if (strcmp(sub, "list") == 0) {
		status = feed_list(cfg, cache);
		/* After the table, so the warnings are the last thing seen;
		 * they do not change the exit status. */
		if (o.age.max_age > 0)
			(void)agent_feeds_warn_stale(cfg, cache,
			    o.age.max_age, o.age.text, (int64_t)time(NULL));
	}
	else if (strcmp(sub, "update") == 0) {
		o.nargs--;
		o.args++;
		status = feed_update(cfg, cache, &o);
	} else if (strcmp(sub, "show") == 0)
		status = feed_show(cfg, cache, &o);
	else
		status = feed_verify(cfg, cache, &o);
out:
	feed_cache_free(cache);
	feed_config_free(cfg);
	return status;
}

/* ---- kensa jvn ---------------------------------------------------------- */

/* "YYYY" or "YYYY-MM" */
static int
parse_ym(const char *s, int *y, int *m)
{
	char tail;
	int n;

	*m = 0;
	n = sscanf(s, "%4d-%2d%c", y, m, &tail);
	if (n == 2 && *y >= 1990 && *y <= 9999 && *m >= 1 && *m <= 12 &&
	    strlen(s) == 7)
		return 0;
	*m = 0;
	if (sscanf(s, "%4d%c", y, &tail) == 1 && strlen(s) == 4 &&
	    *y >= 1990)
		return 0;
	fprintf(stderr, "kensa: jvn: bad date '%s' (expected YYYY or "
	    "YYYY-MM)\n", s);
	return KS_EPARSE;
}

/* Prints s with tabs and line breaks turned into spaces. */
static void
put_field(const char *s)
{
	putchar('\t');
	if (s == NULL || *s == '\0') {
		putchar('-');
		return;
	}
	for (; *s; s++)
		putchar((unsigned char)*s < 0x20 ? ' ' : *s);
}

static int
print_item(const struct feed_myjvn_item *it, void *payload)
{
	unsigned long *n = payload;

	fputs(it->id, stdout);
	put_field(it->modified);
	put_field(it->cvss_version);
	put_field(it->cvss_score);
	put_field(it->cvss_severity);
	put_field(it->title);
	putchar('\n');
	(*n)++;
	return 0;
}

static int
print_entry(const struct feed_myjvn_entry *e, void *payload)
{
	unsigned long *n = payload;

	fputs(e->vendor_cpe ? e->vendor_cpe : "-", stdout);
	put_field(e->vendor);
	if (e->product != NULL) {
		put_field(e->product_cpe);
		put_field(e->product);
	}
	putchar('\n');
	(*n)++;
	return 0;
}

static const struct feed_source *
myjvn_source(const struct feed_config *cfg, const char *name)
{
	size_t i;

	if (name != NULL) {
		const struct feed_source *s = feed_config_source(cfg, name);

		if (s == NULL || s->kind != FEED_KIND_MYJVN) {
			fprintf(stderr, "kensa: jvn: no myjvn source '%s' in "
			    "%s\n", name, cfg->path);
			return NULL;
		}
		return s;
	}
	for (i = 0; i < cfg->nsrc; i++)
		if (cfg->src[i].kind == FEED_KIND_MYJVN)
			return &cfg->src[i];
	fprintf(stderr, "kensa: jvn: no source of kind myjvn in %s\n",
	    cfg->path);
	return NULL;
}

static int
jvn_detail(const struct feed_source *s, const struct opts *o)
{
	struct feed_myjvn_detail d;
	size_t i;

	if (o->nargs != 2) {
		fputs(jvn_usage, stderr);
		return AGENT_EXIT_ERROR;
	}
	if (feed_myjvn_detail(s, o->args[1], o->lang, &d) != 0) {
		fprintf(stderr, "kensa: %s\n", ks_error_msg());
		return AGENT_EXIT_ERROR;
	}
	printf("%s\n", d.id);
	printf("title:\t%s\n", d.title ? d.title : "-");
	if (d.date_public)
		printf("public:\t%s\n", d.date_public);
	if (d.date_updated)
		printf("updated:\t%s\n", d.date_updated);
	for (i = 0; i < d.ncvss; i++)
		printf("cvss %s:\t%s %s %s\n",
		    d.cvss[i].version ? d.cvss[i].version : "?",
		    d.cvss[i].score ? d.cvss[i].score : "-",
		    d.cvss[i].severity ? d.cvss[i].severity : "-",
		    d.cvss[i].vector ? d.cvss[i].vector : "-");
	for (i = 0; i < d.ncves; i++)
		printf("cve:\t%s\n", d.cves[i]);
	feed_myjvn_detail_clear(&d);
	return AGENT_EXIT_OK;
}

int
agent_cmd_jvn(int argc, char **argv)
{
	struct feed_config *cfg = NULL;
	const struct feed_source *s;
	struct feed_myjvn_query q;
	struct opts o;
	unsigned long n = 0, total = 0;
	const char *sub;
	int r, status = AGENT_EXIT_ERROR;

	r = parse_opts(argc, argv, &o, jvn_usage);
	if (r != 0)
		return r > 0 ? AGENT_EXIT_OK : AGENT_EXIT_ERROR;
	if (o.nargs < 1) {
		fputs(jvn_usage, stderr);
		return AGENT_EXIT_ERROR;
	}
	sub = o.args[0];
	if (strcmp(sub, "help") == 0) {
		fputs(jvn_usage, stdout);
		return AGENT_EXIT_OK;
	}
	if (strcmp(sub, "overview") != 0 && strcmp(sub, "detail") != 0 &&
	    strcmp(sub, "vendors") != 0 && strcmp(sub, "products") != 0) {
		fprintf(stderr, "kensa: jvn: unknown subcommand '%s'\n", sub);
		fputs(jvn_usage, stderr);
		return AGENT_EXIT_ERROR;
	}
	if (load_config(&o, &cfg) != 0) {
		agent_perror(NULL);
		goto out;
	}
	s = myjvn_source(cfg, o.source);
	if (s == NULL)
		goto out;
	if (strcmp(sub, "detail") == 0) {
		status = jvn_detail(s, &o);
		goto out;
	}
	if (o.nargs != 1 || (o.cpe == NULL && o.keyword == NULL &&
	    strcmp(sub, "vendors") != 0)) {
		fputs(jvn_usage, stderr);
		goto out;
	}
	if (strcmp(sub, "vendors") == 0 || strcmp(sub, "products") == 0) {
		r = sub[0] == 'v' ?
		    feed_myjvn_vendors(s, o.cpe, o.keyword, print_entry, &n) :
		    feed_myjvn_products(s, o.cpe, o.keyword, print_entry, &n);
		if (r != 0)
			fprintf(stderr, "kensa: %s\n", ks_error_msg());
		else
			status = AGENT_EXIT_OK;
		goto out;
	}
	memset(&q, 0, sizeof(q));
	q.cpe = o.cpe;
	q.keyword = o.keyword;
	q.lang = o.lang;
	if ((o.from && parse_ym(o.from, &q.from_year, &q.from_month) != 0) ||
	    (o.to && parse_ym(o.to, &q.to_year, &q.to_month) != 0))
		goto out;
	if (feed_myjvn_overview(s, &q, print_item, &n, &total) != 0) {
		fprintf(stderr, "kensa: %s\n", ks_error_msg());
		goto out;
	}
	fprintf(stderr, "kensa: jvn overview: %lu items (totalRes %lu)\n", n,
	    total);
	status = AGENT_EXIT_OK;
out:
	if (fflush(stdout) != 0)
		status = AGENT_EXIT_ERROR;
	feed_config_free(cfg);
	return status;
}
