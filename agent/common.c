/*
 * What every command shares: opening the target, finding kensa's data
 * directory, printing errors and the version banner, locating the feeds
 * configuration and cache, warning when the cache is stale
 * (--feeds-max-age), and holding the cached copies a scan or an eval
 * reads offline.
 */
#include "agent/agent.h"
#include "feeds/feeds.h"
#include "oval/oval.h"

#include <libxml/xmlversion.h>
#include <openssl/opensslv.h>
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

int
agent_target_open(struct plat_target **out, const char *root,
    const char *image)
{
	if (root != NULL && image != NULL) {
		ks_error_set("--root and --image name two targets; give one");
		return KS_ERROR;
	}
	if (image != NULL)
		return plat_target_image_new(out, image);
	if (root == NULL)
		return plat_target_host_new(out);
	return plat_target_root_new(out, root);
}

static bool
has_content(const char *dir)
{
	char path[PATH_MAX];
	struct stat st;
	int n = snprintf(path, sizeof(path), "%s/content", dir);

	return n > 0 && (size_t)n < sizeof(path) && stat(path, &st) == 0 &&
	    S_ISDIR(st.st_mode);
}

const char *
agent_datadir(void)
{
	static char dir[PATH_MAX];
	char exe[PATH_MAX];
	const char *env = getenv("KENSA_DATADIR");
	ssize_t n;

	if (env != NULL && *env != '\0')
		return env;
	if (dir[0] != '\0')
		return dir;
	/* A build tree runs from build/kensa or build/<variant>/kensa: its
	 * data is the source tree's, not an older installed copy. */
	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n > 0) {
		char *slash;

		exe[n] = '\0';
		for (int up = 0; up < 3; up++) {
			if ((slash = strrchr(exe, '/')) == NULL)
				break;
			*slash = '\0';
			if (snprintf(dir, sizeof(dir), "%s/data", exe) <
			    (int)sizeof(dir) && has_content(dir))
				return dir;
		}
	}
	snprintf(dir, sizeof(dir), "%s", KS_DATADIR);
	if (!has_content(dir) && has_content(KS_SRCDIR "/data"))
		snprintf(dir, sizeof(dir), "%s", KS_SRCDIR "/data");
	return dir;
}

const char *
agent_lang(const char *opt)
{
	static const char *const vars[] = { "LC_ALL", "LC_MESSAGES", "LANG" };
	const char *v = opt;

	for (size_t i = 0; (v == NULL || *v == '\0') &&
	    i < sizeof(vars) / sizeof(vars[0]); i++)
		v = getenv(vars[i]);
	return v != NULL && strncmp(v, "ja", 2) == 0 ? "ja" : "en";
}

void
agent_perror(const char *what)
{
	const char *msg = ks_error_msg();

	if (what != NULL && *msg != '\0')
		fprintf(stderr, "kensa: %s: %s\n", what, msg);
	else if (what != NULL)
		fprintf(stderr, "kensa: %s\n", what);
	else
		fprintf(stderr, "kensa: %s\n", *msg ? msg : "unknown error");
}

static void
print_object(const char *ns, const char *object, void *payload)
{
	(void)payload;
	printf("  %s:%s\n", ns, object);
}

void
agent_print_version(void)
{
	printf("kensa %s\n", KS_VERSION);
	printf("libxml2 %s, %s, PCRE2 %d.%d\n", LIBXML_DOTTED_VERSION,
	    OPENSSL_VERSION_TEXT, PCRE2_MAJOR, PCRE2_MINOR);
	printf("OVAL 5.3 to 5.11.2 definitions; results and system "
	    "characteristics 5.11.2\n");
	printf("collected OVAL objects:\n");
	oval_supported_objects(print_object, NULL);
}

/* ---- feeds: configuration, cache and --feeds-max-age ------------------- */

int
agent_feeds_config_load(const char *path, struct feed_config **cfg)
{
	char *dflt;
	int rc;

	if (path != NULL)
		return feed_config_load(path, cfg);
	if (access(FEED_CONFIG_DEFAULT, F_OK) == 0)
		return feed_config_load(FEED_CONFIG_DEFAULT, cfg);
	dflt = ks_asprintf("%s/feeds.conf", agent_datadir());
	rc = feed_config_load(dflt, cfg);
	free(dflt);
	return rc;
}

const char *
agent_feeds_cache_dir(const char *opt, const struct feed_config *cfg)
{
	if (opt != NULL)
		return opt;
	if (cfg != NULL && cfg->cache_dir != NULL)
		return cfg->cache_dir;
	return FEED_CACHE_DEFAULT;
}

int
agent_duration_parse(const char *s, int64_t *secs)
{
	static const struct { char c; uint64_t mul; } units[] = {
		{ 's', 1 }, { 'm', 60 }, { 'h', 3600 }, { 'd', 86400 },
		{ 'w', 604800 },
	};
	const char *p = s;
	uint64_t v = 0, mul = 1;
	size_t i;

	for (; *p >= '0' && *p <= '9'; p++) {
		if (v > (UINT64_MAX - 9) / 10)
			goto big;
		v = v * 10 + (uint64_t)(*p - '0');
	}
	if (p == s)
		goto bad;
	if (*p != '\0') {
		for (i = 0; i < sizeof(units) / sizeof(units[0]); i++)
			if (*p == units[i].c)
				break;
		if (i == sizeof(units) / sizeof(units[0]) || p[1] != '\0')
			goto bad;
		mul = units[i].mul;
	}
	if (v == 0) {
		ks_error_set("duration '%s': must be more than 0 (every copy "
		    "would be stale)", s);
		return KS_EPARSE;
	}
	if (v > (uint64_t)INT64_MAX / mul)
		goto big;
	*secs = (int64_t)(v * mul);
	return 0;
big:
	ks_error_set("duration '%.40s': too large", s);
	return KS_ELIMIT;
bad:
	ks_error_set("duration '%.40s': expected a number with an optional "
	    "unit s, m, h, d or w (e.g. 7d, 12h, 90m, 3600)", s);
	return KS_EPARSE;
}

void
agent_duration_format(int64_t secs, char *out, size_t outsz)
{
	static const struct { char c; int64_t n; } u[] = {
		{ 'd', 86400 }, { 'h', 3600 }, { 'm', 60 }, { 's', 1 },
	};
	size_t i;

	if (secs < 0)
		secs = 0;
	for (i = 0; i < 3 && secs < u[i].n; i++)
		;
	if (i < 3 && secs % u[i].n / u[i + 1].n != 0)
		snprintf(out, outsz, "%lld%c %lld%c",
		    (long long)(secs / u[i].n), u[i].c,
		    (long long)(secs % u[i].n / u[i + 1].n), u[i + 1].c);
	else
		snprintf(out, outsz, "%lld%c", (long long)(secs / u[i].n),
		    u[i].c);
}

size_t
agent_feeds_warn_stale(const struct feed_config *cfg,
    struct feed_cache *cache, int64_t max_age, const char *text,
    int64_t now)
{
	size_t i, n = 0;

	for (i = 0; i < cfg->nsrc; i++) {
		const struct feed_source *s = &cfg->src[i];
		struct feed_cache_info info;
		char when[32], age[24];

		if (s->kind == FEED_KIND_MYJVN)
			continue;	/* an online API: nothing cached */
		memset(&info, 0, sizeof(info));
		if (cache != NULL && feed_cache_info(cache, s->name,
		    &info) != 0) {
			ks_warn("feed source '%s': cannot tell its age: %s",
			    s->name, ks_error_msg());
			n++;
			continue;
		}
		if (!info.cached) {
			ks_warn("feed source '%s' is stale: never updated "
			    "(--feeds-max-age %s); run kensa feed update",
			    s->name, text);
			n++;
		} else if (now - info.updated > max_age) {
			if (ks_time_iso(info.updated, when, sizeof(when)) != 0)
				snprintf(when, sizeof(when), "@%lld",
				    (long long)info.updated);
			agent_duration_format(now - info.updated, age,
			    sizeof(age));
			ks_warn("feed source '%s' is stale: last updated %s, "
			    "%s ago (--feeds-max-age %s)", s->name, when, age,
			    text);
			n++;
		}
		feed_cache_info_clear(&info);
	}
	return n;
}

int
agent_feeds_option(struct agent_feeds_age *fa, int opt, const char *arg)
{
	switch (opt) {
	case AGENT_OPT_FEEDS_MAX_AGE:
		if (agent_duration_parse(arg, &fa->max_age) != 0) {
			agent_perror("--feeds-max-age");
			return -1;
		}
		fa->text = arg;
		return 0;
	case AGENT_OPT_FEEDS_CONFIG:
		fa->config = arg;
		return 0;
	case AGENT_OPT_FEEDS_CACHE:
		fa->cache_dir = arg;
		return 0;
	case AGENT_OPT_NO_FEEDS:
		fa->no_feeds = true;
		return 0;
	}
	return -1;
}

size_t
agent_feeds_check_age(const struct agent_feeds_age *fa)
{
	struct feed_config *cfg = NULL;
	struct feed_cache *cache = NULL;
	struct stat st;
	const char *dir;
	size_t n = 0;

	if (fa->max_age <= 0)
		return 0;
	if (agent_feeds_config_load(fa->config, &cfg) != 0) {
		ks_warn("--feeds-max-age: cannot read the feeds "
		    "configuration: %s", ks_error_msg());
		return 0;
	}
	/* Only look: a missing cache directory means nothing was ever
	 * updated, and must not be created by a scan. */
	dir = agent_feeds_cache_dir(fa->cache_dir, cfg);
	if (stat(dir, &st) == 0 && S_ISDIR(st.st_mode) &&
	    feed_cache_open(&cache, dir) != 0) {
		ks_warn("--feeds-max-age: %s", ks_error_msg());
		cache = NULL;
	}
	n = agent_feeds_warn_stale(cfg, cache, fa->max_age, fa->text,
	    (int64_t)time(NULL));
	feed_cache_free(cache);
	feed_config_free(cfg);
	ks_error_clear();
	return n;
}

/* ---- feeds: the cached copies a command reads -------------------------- */


int
agent_feeds_init(struct agent_feeds *f, const struct agent_feeds_age *fa)
{
	struct stat st;
	const char *dir;
	int rc;

	memset(f, 0, sizeof(*f));
	rc = agent_feeds_config_load(fa->config, &f->cfg);
	if (rc == KS_ENOTFOUND && fa->config == NULL) {
		/* Neither /etc/kensa/feeds.conf nor the shipped default:
		 * nothing is configured, nothing is cached. */
		ks_error_clear();
		return 0;
	}
	if (rc != 0) {
		char *m = ks_strdup(ks_error_msg());

		ks_error_set("feeds configuration: %s (fix it, or scan "
		    "without the feed cache with --no-feeds)", m);
		free(m);
		return rc;
	}
	/* Only look: a scan never creates the cache directory. */
	dir = agent_feeds_cache_dir(fa->cache_dir, f->cfg);
	if (stat(dir, &st) == 0 && S_ISDIR(st.st_mode) &&
	    feed_cache_open(&f->cache, dir) != 0) {
		ks_warn("feed cache: %s", ks_error_msg());
		f->cache = NULL;
	}
	ks_error_clear();
	return 0;
}

void
agent_feeds_close(struct agent_feeds *f)
{
	for (size_t i = 0; i < f->n; i++) {
		free(f->v[i].source);
		feed_snapshot_close(f->v[i].snap);
	}
	free(f->v);
	for (size_t i = 0; i < f->nskipped; i++)
		free(f->skipped[i]);
	free(f->skipped);
	free(f->os_id);
	free(f->os_version);
	feed_cache_free(f->cache);
	feed_config_free(f->cfg);
	memset(f, 0, sizeof(*f));
}

/* The target's os-release ID and VERSION_ID, read once through t. */
static void
target_os_ids(struct agent_feeds *f, struct plat_target *t)
{
	struct plat_os_release o;
	int rc;

	if (f->os_read || t == NULL)
		return;
	f->os_read = true;
	rc = plat_os_release(t, &o);
	if (rc != 0 && rc != KS_ENOTFOUND)
		ks_warn("%s: os-release: %s", plat_target_name(t),
		    ks_error_msg());
	f->os_id = o.id;
	f->os_version = o.version_id;
	free(o.name);
	ks_error_clear();
}

void
agent_feed_warn_skipped(const char *source)
{
	const char *m = ks_error_msg();
	size_t n = strlen(source);

	/* feeds/ messages already start "SOURCE: " (feed_cache.c). */
	if (strncmp(m, source, n) == 0 && m[n] == ':')
		ks_warn("cached copy skipped: %s", m);
	else
		ks_warn("cached copy skipped: %s: %s", source, m);
}

/* Holds src's copy and checks its digests; 0, KS_ENOTFOUND (never
 * updated) or another code with the message set. */
static int
hold(struct agent_feeds *f, const struct feed_source *src,
    struct agent_feed_copy **out)
{
	struct feed_snapshot *snap = NULL;
	struct agent_feed_copy *c;
	int rc;

	if (f->cache == NULL) {
		ks_error_set("%s: nothing cached (no cache directory)",
		    src->name);
		return KS_ENOTFOUND;
	}
	rc = feed_cache_snapshot_open(f->cache, src->name, &snap);
	if (rc == 0)
		rc = feed_snapshot_verify(snap);
	if (rc == 0 && src->kind == FEED_KIND_OVAL &&
	    feed_snapshot_info(snap)->nfiles != 1) {
		ks_error_set("%s: %s: an oval copy holds one file, this one "
		    "%zu", src->name, feed_snapshot_dir(snap),
		    feed_snapshot_info(snap)->nfiles);
		rc = KS_ERROR;
	}
	if (rc != 0) {
		feed_snapshot_close(snap);
		return rc;
	}
	ks_grow(&f->v, &f->cap, f->n + 1, sizeof(*f->v));
	c = &f->v[f->n++];
	memset(c, 0, sizeof(*c));
	c->source = ks_strdup(src->name);
	c->kind = feed_kind_name(src->kind);
	c->snap = snap;
	c->info = feed_snapshot_info(snap);
	*out = c;
	return 0;
}

static unsigned
kind_bit(enum feed_kind k)
{
	return k == FEED_KIND_OVAL ? AGENT_FEEDS_OVAL :
	    k == FEED_KIND_JVN_IPEDIA ? AGENT_FEEDS_JVN : 0;
}

void
agent_feeds_add_all(struct agent_feeds *f, struct plat_target *t,
    unsigned kinds)
{
	for (size_t i = 0; f->cfg != NULL && i < f->cfg->nsrc; i++) {
		const struct feed_source *s = &f->cfg->src[i];
		struct agent_feed_copy *c;
		bool dup = false;
		int rc;

		if ((kind_bit(s->kind) & kinds) == 0)
			continue;
		for (size_t j = 0; j < f->n; j++)
			dup = dup || strcmp(f->v[j].source, s->name) == 0;
		if (dup)
			continue;
		if (s->nplatforms > 0) {
			target_os_ids(f, t);
			if (!feed_source_platform_match(s, f->os_id,
			    f->os_version)) {
				struct ks_buf b;
				char *snap = NULL;

				/* Say so only of a copy there is. */
				if (f->cache == NULL || feed_cache_snapshot(
				    f->cache, s->name, &snap) != 0) {
					ks_error_clear();
					continue;
				}
				free(snap);

				ks_buf_init(&b, 0);
				ks_buf_printf(&b, "%s: platform", s->name);
				for (size_t j = 0; j < s->nplatforms; j++)
					ks_buf_printf(&b, " %s",
					    s->platforms[j]);
				ks_buf_printf(&b, "; target is %s%s%s",
				    f->os_id ? f->os_id :
				    "unknown (no os-release)",
				    f->os_version ? ":" : "",
				    f->os_version ? f->os_version : "");
				f->skipped = ks_realloc(f->skipped,
				    (f->nskipped + 1) * sizeof(*f->skipped));
				f->skipped[f->nskipped++] = ks_buf_steal(&b);
				continue;
			}
		}
		rc = hold(f, s, &c);
		if (rc == KS_ENOTFOUND) {
			/* Never updated: `kensa feed list` and
			 * --feeds-max-age say so; every scan need not. */
			ks_debug("%s", ks_error_msg());
		} else if (rc != 0) {
			agent_feed_warn_skipped(s->name);
		}
		ks_error_clear();
	}
}

int
agent_feeds_add_one(struct agent_feeds *f, const char *name,
    unsigned kind, struct agent_feed_copy **out)
{
	const struct feed_source *s = feed_config_source(f->cfg, name);
	int rc;

	if (s == NULL) {
		ks_error_set("feed source '%s' is not configured in %s", name,
		    f->cfg != NULL ? f->cfg->path : "any feeds configuration");
		return KS_ENOTFOUND;
	}
	if ((kind_bit(s->kind) & kind) == 0) {
		ks_error_set("feed source '%s' is of kind %s, not %s", name,
		    feed_kind_name(s->kind), kind == AGENT_FEEDS_OVAL ?
		    "oval" : "jvn-ipedia");
		return KS_EUNSUPPORTED;
	}
	for (size_t j = 0; j < f->n; j++)
		if (strcmp(f->v[j].source, name) == 0) {
			*out = &f->v[j];
			return 0;
		}
	rc = hold(f, s, out);
	if (rc == KS_ENOTFOUND) {
		ks_error_set("feed source '%s' is not cached (run kensa feed "
		    "update %s)", name, name);
	} else if (rc != 0) {
		char *m = ks_strdup(ks_error_msg());

		ks_error_set("feed source '%s': cached copy unusable: %s",
		    name, m);
		free(m);
	}
	return rc;
}

/* Compressed, by the format's magic bytes (what libarchive's filters
 * read): gzip, bzip2, xz, lzma (alone), zstd. */
static bool
compressed(const char *path)
{
	unsigned char m[6] = { 0 };
	FILE *fp = fopen(path, "rb");
	size_t n;

	if (fp == NULL)
		return false;
	n = fread(m, 1, sizeof(m), fp);
	fclose(fp);
	return (n >= 2 && m[0] == 0x1f && m[1] == 0x8b) ||
	    (n >= 3 && memcmp(m, "BZh", 3) == 0) ||
	    (n >= 6 && memcmp(m, "\xfd" "7zXZ\0", 6) == 0) ||
	    (n >= 3 && m[0] == 0x5d && m[1] == 0 && m[2] == 0) ||
	    (n >= 4 && memcmp(m, "\x28\xb5\x2f\xfd", 4) == 0);
}

int
agent_feed_oval_path(const struct agent_feed_copy *c, char **path,
    char **tmpdir)
{
	const char *name = c->info->files[0].name;
	char *src = ks_asprintf("%s/%s", feed_snapshot_dir(c->snap), name);
	const char *tmp = getenv("TMPDIR");
	char *dir = NULL, *dst = NULL;
	int rc;

	*path = NULL;
	*tmpdir = NULL;
	if (!compressed(src)) {
		*path = src;
		return 0;
	}
	dir = ks_asprintf("%s/kensa-feed-XXXXXX", tmp != NULL && *tmp ?
	    tmp : "/tmp");
	if (mkdtemp(dir) == NULL) {
		ks_error_set("%s: cannot make a directory %s to decompress "
		    "%s: %s", c->source, dir, name, strerror(errno));
		rc = KS_ERROR;
		goto out;
	}
	dst = ks_asprintf("%s/definitions.xml", dir);
	rc = feed_archive_decompress(src, dst, NULL);
	if (rc != 0) {
		char *m = ks_strdup(ks_error_msg());

		ks_error_set("%s: %s", c->source, m);
		free(m);
		agent_feed_tmp_remove(dir);
		dir = NULL;
		goto out;
	}
	*path = dst;
	dst = NULL;
	*tmpdir = dir;
	dir = NULL;
out:
	free(dst);
	free(dir);
	free(src);
	return rc;
}

void
agent_feed_tmp_remove(char *tmpdir)
{
	/* Only what agent_feed_oval_path put there: flat files. */
	ks_rm_flat(tmpdir);
	free(tmpdir);
}

static int
copy_entry(const struct feed_vuln *v, void *payload)
{
	return feed_vulnstore_add(payload, v);
}

size_t
agent_feeds_import_jvn(struct agent_feeds *f, struct feed_vulnstore *vs)
{
	size_t n = 0;

	for (size_t i = 0; i < f->n; i++) {
		struct agent_feed_copy *c = &f->v[i];
		struct feed_vulnstore *one = NULL;
		int rc = 0;

		if (strcmp(c->kind, "jvn-ipedia") != 0 || c->failed)
			continue;
		/* Into a store of its own first: a document that fails half
		 * way leaves nothing of the copy behind. */
		if ((rc = feed_vulnstore_new(&one)) < 0)
			goto done;
		for (size_t j = 0; j < c->info->nfiles && rc == 0; j++) {
			const char *name = c->info->files[j].name;
			char *p;

			if (strcmp(name, "checksum.txt") == 0)
				continue;
			p = ks_asprintf("%s/%s", feed_snapshot_dir(c->snap),
			    name);
			rc = feed_jvn_import(one, p);
			free(p);
		}
		if (rc == 0)
			rc = feed_vulnstore_foreach(one, copy_entry, vs);
done:
		if (rc != 0) {
			agent_feed_warn_skipped(c->source);
			ks_error_clear();
			c->failed = true;
		} else {
			n++;
		}
		feed_vulnstore_free(one);
	}
	return n;
}

void
agent_feeds_print(const struct agent_feeds *f, FILE *fp, bool ja)
{
	bool head = false;

	for (size_t i = 0; i < f->n; i++) {
		const struct agent_feed_copy *c = &f->v[i];
		char when[32];

		if (c->failed)
			continue;
		if (!head)
			fprintf(fp, "%s:\n", ja ? "使用したフィードのキャッシュ" :
			    "Cached feeds used");
		head = true;
		if (ks_time_iso(c->info->updated, when, sizeof(when)) != 0)
			snprintf(when, sizeof(when), "@%lld",
			    (long long)c->info->updated);
		fprintf(fp, "  %-24s %-10s %s %s (%s)\n", c->source, c->kind,
		    ja ? "更新" : "updated", when,
		    feed_cache_verified_label(c->info));
	}
	for (size_t i = 0; i < f->nskipped; i++)
		fprintf(fp, "%s%s\n", i == 0 ? (ja ?
		    "対象外のフィード (platform):\n  " :
		    "Cached feeds not for this system (platform):\n  ") :
		    "  ", f->skipped[i]);
}
