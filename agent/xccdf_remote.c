/*
 * `kensa xccdf eval --fetch-remote-resources`: each remote resource a data
 * stream's checks need is an oval source of the feed cache made up for its
 * URL (feeds/feed_remote.c), updated with the feed machinery and used from
 * its held cached copy, so a later run without network still has it. Not
 * the resolution of hrefs (xccdf/ds.c) nor fetching itself (feeds/).
 */
#include "agent/xccdf_remote.h"
#include "feeds/feeds.h"
#include "xccdf/xccdf.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* More remote documents than any data stream references is a mistake. */
#define REMOTE_MAX_URLS	256

/* One URL asked for: what it became, kept for the evaluation. */
struct remote_entry {
	char			*url;
	int			 rc;		/* 0: path usable */
	char			*msg;		/* why not */
	char			*path;		/* the document */
	char			*tmpdir;	/* its expanded copy */
	struct feed_snapshot	*snap;		/* the copy held */
};

struct agent_remote {
	const struct agent_feeds_age *fa;
	bool			 cfg_read;
	struct feed_config	*cfg;		/* NULL: none */
	int			 cfg_rc;
	char			*cfg_msg;
	struct remote_entry	*v;
	size_t			 n, cap;
	/* What the verifier of the update running now decompressed. */
	char			*vdir, *vpath;
};

void
agent_remote_new(struct agent_remote **out, const struct agent_feeds_age *fa)
{
	struct agent_remote *r = ks_calloc(1, sizeof(*r));

	r->fa = fa;
	*out = r;
}

void
agent_remote_free(struct agent_remote *r)
{
	if (r == NULL)
		return;
	for (size_t i = 0; i < r->n; i++) {
		struct remote_entry *e = &r->v[i];

		agent_feed_tmp_remove(e->tmpdir);
		feed_snapshot_close(e->snap);
		free(e->url);
		free(e->msg);
		free(e->path);
	}
	free(r->v);
	agent_feed_tmp_remove(r->vdir);
	free(r->vpath);
	feed_config_free(r->cfg);
	free(r->cfg_msg);
	free(r);
}

/* msg past a leading `prefix` and ": " (feeds/ messages are "SOURCE: URL:
 * reason", archive and XML messages start with the file's path). */
static const char *
past(const char *msg, const char *prefix)
{
	size_t n = strlen(prefix);

	if (strncmp(msg, prefix, n) != 0)
		return msg;
	msg += n;
	while (*msg == ':' || *msg == ' ')
		msg++;
	return msg;
}

/* What a remote resource may be: check content (OVAL definitions), or a
 * checklist or tailoring component. Which one a reference needs is
 * xccdf/ds.c's to check (an OVAL document where a checklist is expected
 * is refused there, with the component-ref named). */
static bool
remote_kind(enum xccdf_doc_kind k)
{
	return k == XCCDF_DOC_OVAL_DEFS || k == XCCDF_DOC_BENCHMARK ||
	    k == XCCDF_DOC_TAILORING;
}

/*
 * The check a new download must pass before the cache switches it in:
 * one file, expanded once under the archive caps (a bomb stops there) into
 * a private directory, whose root is oval_definitions, an XCCDF Benchmark
 * or a Tailoring (read with the safe loader). The expanded copy is the one
 * the evaluation then reads.
 */
static int
verify_remote(const struct feed_source *src, const char *newdir,
    void *payload)
{
	struct agent_remote *r = payload;
	struct xccdf_content *c = NULL;
	const char *tmp = getenv("TMPDIR");
	char *file = NULL, *dir = NULL, *doc = NULL, *m;
	struct dirent *de;
	size_t nfiles = 0;
	DIR *d;
	int rc = KS_ERROR;

	if ((d = opendir(newdir)) == NULL) {
		ks_error_set("%s: %s: cannot read %s: %s", src->name, src->url,
		    newdir, strerror(errno));
		return KS_ERROR;
	}
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		if (nfiles++ == 0)
			file = ks_asprintf("%s/%s", newdir, de->d_name);
	}
	closedir(d);
	if (nfiles != 1) {
		ks_error_set("%s: %s: %zu files downloaded, expected one",
		    src->name, src->url, nfiles);
		goto out;
	}
	dir = ks_asprintf("%s/kensa-remote-XXXXXX", tmp != NULL && *tmp ?
	    tmp : "/tmp");
	if (mkdtemp(dir) == NULL) {
		ks_error_set("%s: %s: cannot make a directory %s: %s",
		    src->name, src->url, dir, strerror(errno));
		free(dir);
		dir = NULL;
		goto out;
	}
	doc = ks_asprintf("%s/definitions.xml", dir);
	if ((rc = feed_archive_decompress(file, doc, NULL)) != 0) {
		m = ks_strdup(ks_error_msg());
		ks_error_set("%s: %s: %s", src->name, src->url, past(m, file));
		free(m);
		goto out;
	}
	if ((rc = xccdf_content_open(&c, doc)) != 0 ||
	    !remote_kind(xccdf_content_kind(c))) {
		m = ks_strdup(rc != 0 ? past(ks_error_msg(), doc) :
		    "the root element is not oval_definitions, an XCCDF "
		    "Benchmark or Tailoring");
		ks_error_set("%s: %s: not an OVAL definitions document nor an "
		    "XCCDF Benchmark or Tailoring: %s", src->name, src->url,
		    m);
		free(m);
		rc = rc != 0 ? rc : KS_EPARSE;
		goto out;
	}
	r->vdir = dir;
	r->vpath = doc;
	dir = doc = NULL;
	rc = 0;
out:
	xccdf_content_free(c);
	agent_feed_tmp_remove(dir);
	free(doc);
	free(file);
	return rc;
}

/* The feeds configuration, read once: NULL when none exists and none was
 * named (the defaults of the feed commands). */
static int
config_get(struct agent_remote *r)
{
	int rc;

	if (!r->cfg_read) {
		r->cfg_read = true;
		rc = agent_feeds_config_load(r->fa->config, &r->cfg);
		if (rc == KS_ENOTFOUND && r->fa->config == NULL) {
			ks_error_clear();
			rc = 0;
		}
		if (rc != 0) {
			r->cfg_rc = rc;
			r->cfg_msg = ks_asprintf("feeds configuration: %s",
			    ks_error_msg());
			r->cfg = NULL;
		}
	}
	if (r->cfg_rc != 0)
		ks_error_set("%s", r->cfg_msg);
	return r->cfg_rc;
}

/*
 * Updates the cached copy of src (the update lock taken and dropped
 * here). 0 with *changed, or the update's code with the message; a URL
 * that never worked leaves nothing in the cache.
 */
static int
update(struct agent_remote *r, struct feed_cache *cache, const char *dir,
    const struct feed_source *src, bool *changed)
{
	int rc;

	*changed = false;
	if ((rc = feed_cache_lock(cache)) != 0)
		return rc;
	feed_cache_set_verifier(cache, FEED_KIND_OVAL, verify_remote, r);
	rc = feed_cache_update(cache, src, changed);
	if (rc != 0) {
		char *m = ks_strdup(ks_error_msg());

		if (feed_remote_forget(dir, src->name) != 0)
			ks_warn("%s", ks_error_msg());
		ks_error_set("%s", m);
		free(m);
	}
	return rc;
}

/* The document of a held copy: the verifier's expansion of a download
 * just switched in, else the copy's file (expanded when compressed). */
static int
copy_path(struct agent_remote *r, struct remote_entry *e,
    const char *source, bool fresh)
{
	struct agent_feed_copy copy;

	if (fresh && r->vpath != NULL) {
		e->path = r->vpath;
		e->tmpdir = r->vdir;
		r->vpath = r->vdir = NULL;
		return 0;
	}
	memset(&copy, 0, sizeof(copy));
	copy.source = (char *)source;
	copy.kind = "oval";
	copy.snap = e->snap;
	copy.info = feed_snapshot_info(e->snap);
	if (copy.info->nfiles != 1) {
		ks_error_set("%s: %s: a remote resource's copy holds one file, "
		    "this one %zu", source, feed_snapshot_dir(e->snap),
		    copy.info->nfiles);
		return KS_ERROR;
	}
	return agent_feed_oval_path(&copy, &e->path, &e->tmpdir);
}

/* Warns that the cached copy of e->url stands in for a failed refresh. */
static void
warn_cached(const struct remote_entry *e, const char *why)
{
	const struct feed_cache_info *info = feed_snapshot_info(e->snap);
	char when[32], age[24];

	if (ks_time_iso(info->updated, when, sizeof(when)) != 0)
		snprintf(when, sizeof(when), "@%lld",
		    (long long)info->updated);
	agent_duration_format((int64_t)time(NULL) - info->updated, age,
	    sizeof(age));
	ks_warn("remote resource %s: not refreshed (%s); using the cached "
	    "copy of %s (%s old)", e->url, why, when, age);
}

static int
fetch_one(struct agent_remote *r, struct remote_entry *e)
{
	struct feed_config *rcfg = NULL;
	const struct feed_source *src = NULL;
	struct feed_cache *cache = NULL;
	char *why = NULL;
	const char *dir;
	bool changed = false;
	int rc, urc;

	if ((rc = config_get(r)) != 0 ||
	    (rc = feed_remote_config(r->cfg != NULL ? r->cfg->path : NULL,
	    e->url, &rcfg, &src)) != 0)
		goto out;
	dir = agent_feeds_cache_dir(r->fa->cache_dir, r->cfg);
	if ((rc = feed_cache_open(&cache, dir)) != 0)
		goto out;
	urc = update(r, cache, dir, src, &changed);
	if (urc != 0)
		why = ks_strdup(past(past(ks_error_msg(), src->name), e->url));
	rc = feed_cache_snapshot_open(cache, src->name, &e->snap);
	if (rc != 0 && urc != 0) {
		/* Neither a new copy nor an old one. */
		ks_error_set("%s", why);
		rc = urc;
		goto out;
	}
	/* A copy from an earlier run is checked against its digests. */
	if (rc == 0 && !changed)
		rc = feed_snapshot_verify(e->snap);
	if (rc == 0)
		rc = copy_path(r, e, src->name, changed);
	if (rc != 0) {
		char *m = ks_strdup(past(ks_error_msg(), src->name));

		ks_error_set("cached copy unusable: %s%s%s", m,
		    why != NULL ? "; and not refreshed: " : "",
		    why != NULL ? why : "");
		free(m);
		goto out;
	}
	if (why != NULL)
		warn_cached(e, why);
	else
		ks_info("remote resource %s: %s", e->url, changed ?
		    "fetched" : "unchanged, cached copy used");
out:
	/* A verifier's expansion not taken (the switch failed after it). */
	agent_feed_tmp_remove(r->vdir);
	free(r->vpath);
	r->vdir = r->vpath = NULL;
	feed_cache_free(cache);
	feed_config_free(rcfg);
	free(why);
	return rc;
}

int
agent_remote_fetch(const char *url, const char **path, void *payload)
{
	struct agent_remote *r = payload;
	struct remote_entry *e = NULL;

	*path = NULL;
	for (size_t i = 0; i < r->n && e == NULL; i++)
		if (strcmp(r->v[i].url, url) == 0)
			e = &r->v[i];
	if (e == NULL) {
		if (r->n == REMOTE_MAX_URLS) {
			ks_error_set("cannot fetch remote resource %s: more "
			    "than %d remote resources", url, REMOTE_MAX_URLS);
			return KS_ELIMIT;
		}
		ks_grow(&r->v, &r->cap, r->n + 1, sizeof(*r->v));
		e = &r->v[r->n++];
		memset(e, 0, sizeof(*e));
		e->url = ks_strdup(url);
		if ((e->rc = fetch_one(r, e)) != 0) {
			e->msg = ks_asprintf("cannot fetch remote resource "
			    "%s: %s", url, past(ks_error_msg(), url));
			ks_warn("%s", e->msg);
			feed_snapshot_close(e->snap);
			e->snap = NULL;
		}
	}
	if (e->rc != 0) {
		ks_error_set("%s", e->msg);
		return e->rc;
	}
	ks_error_clear();
	*path = e->path;
	return 0;
}
