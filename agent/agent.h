/*
 * The one header of agent/: the command-line commands and the shared
 * option handling they use. agent/ is the only module that wires the others
 * together; nothing else includes this.
 */
#ifndef KS_AGENT_H
#define KS_AGENT_H

#include "platform/base/base.h"
#include "platform/platform.h"

#include <stdio.h>

#ifndef KS_VERSION
#define KS_VERSION "0.1.0"
#endif

/* Exit statuses shared by every command (oscap's where users know them). */
#define AGENT_EXIT_OK		0
#define AGENT_EXIT_ERROR	1
#define AGENT_EXIT_FINDINGS	2

/* Each command takes argv after its name (argv[0] is the command name) and
 * returns the process exit status. Errors are printed as one line. */
int agent_cmd_oval(int argc, char **argv);
int agent_cmd_scan(int argc, char **argv);
void agent_print_version(void);

/*
 * `kensa scan`'s configuration baseline (scan_baseline.c): evaluates the
 * embedded XCCDF checklist on t, prints a summary and writes
 * OUTDIR/xccdf-results.xml and arf.xml; agent_scan_report (report.h) then
 * renders report.html. 0 or KS_* with the message set.
 */
int agent_scan_baseline(struct plat_target *t, const char *outdir,
    const char *lang);

/* Opens the target selected by --root DIR or --image FILE (both NULL: the
 * host; both given: an error). An image is unpacked into a private
 * temporary tree that plat_target_free removes. */
int agent_target_open(struct plat_target **out, const char *root,
    const char *image);
/* The directory holding kensa's data (content, schemas, stylesheets):
 * $KENSA_DATADIR, the source tree next to the binary, or the installed one.
 * Borrowed, static. */
const char *agent_datadir(void);
/*
 * The language of messages and titles: `opt` (--lang) when given, else the
 * locale's (LC_ALL, else LC_MESSAGES, else LANG, the first one set
 * deciding, as POSIX orders them): "ja" when it starts with "ja", else
 * "en". Static string.
 */
const char *agent_lang(const char *opt);
/* Prints "kensa: <message>" for the current error to stderr. */
void agent_perror(const char *what);

/* ---- feeds: configuration, cache and --feeds-max-age (common.c) -------- */
struct feed_config;
struct feed_cache;

/*
 * Loads the feeds configuration: `path` when given, else
 * /etc/kensa/feeds.conf when it exists, else DATADIR/feeds.conf. Returns as
 * feed_config_load (message set).
 */
int agent_feeds_config_load(const char *path, struct feed_config **cfg);
/* The cache directory: `opt` (--cache-dir), else the configuration's
 * cache_dir, else FEED_CACHE_DEFAULT. Borrowed. */
const char *agent_feeds_cache_dir(const char *opt,
    const struct feed_config *cfg);

/*
 * A duration: digits with an optional unit, s (default), m, h, d or w:
 * "90m", "12h", "7d", "3600". Nothing else is accepted (no sign, blank,
 * fraction or second unit). Returns 0 and *secs > 0, or KS_EPARSE for
 * garbage or 0, KS_ELIMIT when it does not fit in int64 seconds; the
 * message names the text.
 */
int agent_duration_parse(const char *s, int64_t *secs);
/* "10d 2h", "3h 5m", "45m", "30s": the two largest units of secs (>= 0)
 * into out (20 bytes are enough). */
void agent_duration_format(int64_t secs, char *out, size_t outsz);

/*
 * Prints one warning line on stderr per cached source of cfg (myjvn is
 * an online API and has no copy) whose current copy in `cache` is older
 * than max_age seconds at `now`, or that was never updated (cache NULL:
 * nothing is cached). `text` is the option as given, for the message.
 * Returns the number of stale sources. Never fails: a damaged state is
 * reported as a warning too.
 */
size_t agent_feeds_warn_stale(const struct feed_config *cfg,
    struct feed_cache *cache, int64_t max_age, const char *text,
    int64_t now);

/*
 * --feeds-max-age DURATION, --feeds-config FILE and --feeds-cache-dir DIR
 * for the commands that read the feed cache (scan, oval eval, xccdf eval):
 * put AGENT_FEEDS_LONGOPTS in the getopt_long table, hand those codes to
 * agent_feeds_option, and call agent_feeds_check_age once the options are
 * parsed. Staleness only warns: the exit status does not change.
 */
enum {
	AGENT_OPT_FEEDS_MAX_AGE = 0x4b00,
	AGENT_OPT_FEEDS_CONFIG,
	AGENT_OPT_FEEDS_CACHE,
	AGENT_OPT_NO_FEEDS,	/* --no-feeds (scan, oval eval) */
};
#define AGENT_FEEDS_LONGOPTS						\
	{ "feeds-max-age", required_argument, NULL,			\
	    AGENT_OPT_FEEDS_MAX_AGE },					\
	{ "feeds-config", required_argument, NULL,			\
	    AGENT_OPT_FEEDS_CONFIG },					\
	{ "feeds-cache-dir", required_argument, NULL,			\
	    AGENT_OPT_FEEDS_CACHE }
struct agent_feeds_age {
	int64_t		 max_age;	/* seconds; 0: not asked */
	const char	*text;		/* the DURATION as given */
	const char	*config;	/* --feeds-config or NULL */
	const char	*cache_dir;	/* --feeds-cache-dir or NULL */
	bool		 no_feeds;	/* --no-feeds */
};
/* Takes one of the AGENT_OPT_FEEDS_* options (fa zeroed first). Returns
 * 0, or -1 after printing why the DURATION is not one. */
int agent_feeds_option(struct agent_feeds_age *fa, int opt, const char *arg);
/* When --feeds-max-age was given: loads the configuration, reads the
 * cache without creating or locking anything, and warns as
 * agent_feeds_warn_stale (a configuration that cannot be read is one
 * warning). Returns the number of stale sources. */
size_t agent_feeds_check_age(const struct agent_feeds_age *fa);

/* ---- feeds: the cached copies a command reads (common.c) --------------- */
/*
 * `kensa scan` and `kensa oval eval` read the feed cache offline: every
 * cached `oval` source whose `platform` matches the target is evaluated
 * for findings, every cached `jvn-ipedia` source feeds the vulnerability
 * store; `bundle` and `myjvn` sources are not read. Each copy is resolved
 * and held (feed_cache_snapshot_open) when the command starts, so an
 * update running meanwhile changes nothing the command reads, and is
 * checked against the digests of its state first: a damaged copy is
 * skipped with one warning naming the source.
 */
struct feed_snapshot;
struct feed_cache_info;
struct feed_vulnstore;
#define AGENT_FEEDS_OVAL	0x1u	/* kind oval */
#define AGENT_FEEDS_JVN		0x2u	/* kind jvn-ipedia */

struct agent_feed_copy {
	char			*source;	/* the source's name */
	const char		*kind;		/* oval, jvn-ipedia */
	struct feed_snapshot	*snap;		/* held until close */
	const struct feed_cache_info *info;	/* borrowed from snap */
	bool			 failed;	/* unusable after all (a
						   warning said why) */
};
struct agent_feeds {
	struct feed_config	*cfg;
	struct feed_cache	*cache;		/* NULL: no cache dir */
	struct agent_feed_copy	*v;
	size_t			 n, cap;
	char			**skipped;	/* "NAME: why" */
	size_t			 nskipped;
	char			*os_id, *os_version;	/* target's */
	bool			 os_read;
};

/*
 * Loads the feeds configuration fa names (agent_feeds_config_load) and
 * opens its cache without creating it. A missing default configuration
 * (neither /etc/kensa/feeds.conf nor DATADIR/feeds.conf) is no feeds;
 * a configuration that cannot be read or parsed is an error (message set)
 * so a broken /etc/kensa/feeds.conf never silently scans without
 * vulnerability data (--no-feeds skips reading it). f zeroed first;
 * release with agent_feeds_close, also after an error.
 */
int agent_feeds_init(struct agent_feeds *f, const struct agent_feeds_age *fa);
/*
 * Holds the cached copy of every configured source of the given kinds
 * (AGENT_FEEDS_*): an `oval` source with `platform` only when the os-release
 * of target t (read through t, /etc/os-release then /usr/lib/os-release)
 * matches; a skipped one is noted in f->skipped. Never-updated sources are
 * passed over quietly; a damaged copy (state unreadable, a file missing or
 * not matching its SHA-256) is skipped with one warning. Never fails.
 */
void agent_feeds_add_all(struct agent_feeds *f, struct plat_target *t,
    unsigned kinds);
/*
 * Holds the cached copy of the one source `name`, which must be of kind
 * `kind` (AGENT_FEEDS_*), whatever its platform. Returns 0 and *out
 * (borrowed from f), or KS_ENOTFOUND (not configured, nothing cached),
 * KS_EUNSUPPORTED (another kind), KS_ERROR (damaged copy); the message
 * names the source.
 */
int agent_feeds_add_one(struct agent_feeds *f, const char *name,
    unsigned kind, struct agent_feed_copy **out);
/* Warns, on one line, that source's cached copy is not used, with the
 * current error message as the reason ("cached copy skipped: SOURCE:
 * FILE: reason"). */
void agent_feed_warn_skipped(const char *source);
/* Drops every held copy, the cache and the configuration. */
void agent_feeds_close(struct agent_feeds *f);
/*
 * The OVAL document of an `oval` copy: its file, or when the file is
 * compressed (gzip, bzip2, xz, lzma, zstd; told by its first bytes) a
 * decompressed copy in a new private temporary directory *tmpdir (NULL
 * when none was needed; remove with agent_feed_tmp_remove). Returns 0 and
 * a new *path, or a KS_* code with the message naming the source.
 */
int agent_feed_oval_path(const struct agent_feed_copy *c, char **path,
    char **tmpdir);
/* Removes a directory made by agent_feed_oval_path and frees the name. */
void agent_feed_tmp_remove(char *tmpdir);
/*
 * Imports every file of every held jvn-ipedia copy (but checksum.txt)
 * into vs. A copy whose files do not import is skipped whole, with one
 * warning, and marked failed. Returns the number of copies imported.
 */
size_t agent_feeds_import_jvn(struct agent_feeds *f,
    struct feed_vulnstore *vs);
/*
 * The summary lines: which cached copies are used (source, kind, update
 * time, what they were verified against) and which were skipped for their
 * platform. Prints nothing when there is neither.
 */
void agent_feeds_print(const struct agent_feeds *f, FILE *fp, bool ja);

#endif /* KS_AGENT_H */
