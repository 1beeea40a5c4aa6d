/*
 * The public interface of feeds/: what the agent and the other modules may
 * use of the vulnerability-knowledge side of kensa. For now it holds CVSS
 * vector parsing, validation and scoring; fetching, verifying and caching
 * feeds will be declared here too. Nothing here evaluates OVAL or XCCDF.
 */
#ifndef KS_FEEDS_H
#define KS_FEEDS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* ---- CVSS ---------------------------------------------------------------- */
/*
 * CVSS v2.0, v3.0, v3.1 and v4.0 vectors, scored by the formulas of each
 * version's specification (FIRST): v2 and v3.x base, temporal and
 * environmental equations with each version's rounding; v4.0 with the
 * official macrovector method (the tables are compiled in).
 */
enum feed_cvss_version {
	FEED_CVSS_V2,
	FEED_CVSS_V30,
	FEED_CVSS_V31,
	FEED_CVSS_V40,
};

/* No version has more metrics than this (v4.0 has exactly 32). */
#define FEED_CVSS_MAX_METRICS	32
/* Longer vectors are rejected before parsing (the longest valid one,
 * v4.0 with every metric, is about 190 bytes). */
#define FEED_CVSS_MAX_VECTOR	512

struct feed_cvss {
	enum feed_cvss_version ver;
	/*
	 * Scores, already rounded as the specification says. A score whose
	 * has_* flag is false is undefined (printed as "-"): v2 temporal and
	 * environmental when the vector sets none of the group's metrics, and
	 * base/temporal/environmental for v4.0, which has only `score`.
	 * v3.x always defines all three.
	 */
	double	 base, temporal, environmental;
	/* The most specific score the vector defines: environmental if it sets
	 * an environmental metric, else temporal (v4.0: threat) if it sets one
	 * of those, else base. For v4.0 the CVSS-B/BT/BE/BTE score. */
	double	 score;
	bool	 has_base, has_temporal, has_environmental;
	/* The vector sets a temporal/threat or environmental metric to a value
	 * other than Not Defined (v2 "ND", v3/v4 "X"). */
	bool	 sets_temporal, sets_environmental;
	/* Parsed metrics, indexed by the version's metric table: bit i of
	 * `present` says metric i appears in the vector, val[i] is the index
	 * of its value. Use feed_cvss_metric_get() to read them by name. */
	uint64_t present;
	unsigned char val[FEED_CVSS_MAX_METRICS];
};

/*
 * Parses, validates and scores one vector: v2 bare ("AV:N/AC:L/...") or in
 * parentheses ("(AV:N/...)"), v3 with a "CVSS:3.0/" or "CVSS:3.1/" prefix,
 * v4 with "CVSS:4.0/". Metrics may come in any order. Returns 0 and fills
 * *out, or KS_EPARSE with a message naming the offending metric, value or
 * prefix (empty vector, empty field or trailing "/", unknown metric,
 * unknown value, duplicate metric, missing mandatory metric, wrong prefix,
 * vector longer than FEED_CVSS_MAX_VECTOR). *out is undefined on error.
 */
int feed_cvss_parse(const char *vector, struct feed_cvss *out);

/*
 * Qualitative severity of c->score: "None", "Low", "Medium", "High",
 * "Critical" (v3.x, v4.0); "Low", "Medium", "High" (v2, where 0.0 is Low).
 * Static string.
 */
const char *feed_cvss_severity(const struct feed_cvss *c);

/* The same severity in words of `lang` ("ja" → JVN's 緊急/重要/警告/注意/なし,
 * v2 危険/警告/注意; anything else → English). Static string. */
const char *feed_cvss_severity_text(const struct feed_cvss *c,
    const char *lang);

/* "2.0", "3.0", "3.1" or "4.0". Static string. */
const char *feed_cvss_version_name(enum feed_cvss_version v);

/* v4.0: "CVSS-B", "CVSS-BT", "CVSS-BE" or "CVSS-BTE" (which groups the
 * score includes); NULL for the other versions. Static string. */
const char *feed_cvss_nomenclature(const struct feed_cvss *c);

/* One metric of a parsed vector; every pointer is a static string. */
struct feed_cvss_metric {
	const char *abbr;	/* "AV" */
	const char *value;	/* "N" */
	const char *name;	/* "Attack Vector" / "攻撃元区分" */
	const char *value_name;	/* "Network" / "ネットワーク" */
	const char *group;	/* "base", "temporal", "threat",
				   "environmental", "supplemental" */
};

/* How many metrics the vector sets (appear in it, Not Defined included). */
size_t feed_cvss_metric_count(const struct feed_cvss *c);

/*
 * The i-th metric the vector sets, in the specification's order (not the
 * vector's), with its texts in `lang` ("ja…" → Japanese, else English).
 * Returns 0, or KS_ENOTFOUND when i >= feed_cvss_metric_count(c).
 */
int feed_cvss_metric_get(const struct feed_cvss *c, size_t i,
    const char *lang, struct feed_cvss_metric *out);

/* ---- download and cache (feed_fetch*.c, feed_cache.c, feed_config.c) --- */
/* @@fetch-cache@@ */
/*
 * Feed sources come from a configuration file (data/feeds.conf documents
 * the format). The cache keeps one directory per source; each update is
 * built in SOURCE/.new-XXXXXX and switched in by renaming a `current`
 * symlink, so the previous copy stays usable whatever goes wrong.
 */
enum feed_kind {
	FEED_KIND_JVN_IPEDIA,	/* url is a checksum.txt manifest */
	FEED_KIND_MYJVN,	/* url is the MyJVN API endpoint (not cached) */
	FEED_KIND_OVAL,		/* url is one file (OVAL definitions, ...) */
	FEED_KIND_BUNDLE,	/* url is one signed checklist bundle */
};

#define FEED_NAME_MAX	64	/* longest source name */

struct feed_source {
	char		*name;		/* [a-z0-9._-]+, the cache subdirectory */
	enum feed_kind	 kind;
	char		*url;		/* https:// only */
	char		*digest_url;	/* optional sha256sum-style file */
	char		*sha256;	/* optional expected digest (64 hex) */
	char		**files;	/* jvn-ipedia: names to take (none: all) */
	size_t		 nfiles;
	uint64_t	 max_size;	/* bytes per file; default 512 MiB */
	char		*ca_file;	/* NULL: the system store */
	char		*pinned_key;	/* CURLOPT_PINNEDPUBLICKEY or NULL */
	char		*trust;		/* bundle: PEM file of the officers'
					 * public keys (required) */
	char		*proxy;		/* NULL: environment (https_proxy...) */
	long		 connect_timeout;	/* seconds */
	long		 timeout;		/* seconds, whole transfer */
	long		 low_speed_limit;	/* bytes/s ... */
	long		 low_speed_time;	/* ... for this many seconds */
	unsigned	 retries;	/* extra attempts on transient failures */
	double		 retry_base;	/* first backoff, seconds */
	double		 retry_max;	/* cap on one wait (Retry-After too) */
	double		 throttle;	/* myjvn: seconds between requests */
	int		 line;		/* where the section starts */
	/*
	 * oval: the systems the feed is for, as os-release(5) names them:
	 * "ID" or "ID:VERSION_ID" ("ubuntu", "ubuntu:22.04"). None: every
	 * system. See feed_source_platform_match.
	 */
	char		**platforms;
	size_t		 nplatforms;
};

struct feed_config {
	char			*path;		/* for messages */
	char			*cache_dir;	/* [global] cache_dir or NULL */
	struct feed_source	*src;
	size_t			 nsrc;
};

/* The default places; overridable with --config / --cache-dir. */
#define FEED_CONFIG_DEFAULT	"/etc/kensa/feeds.conf"
#define FEED_CACHE_DEFAULT	"/var/cache/kensa"

/*
 * Reads a configuration file (at most 1 MiB) or parses one from memory
 * (`name` is used in messages). Returns 0 and a new config the caller frees
 * with feed_config_free, or KS_EPARSE with "FILE:LINE: message", or
 * KS_ERROR/KS_ELIMIT when the file cannot be read.
 */
int feed_config_load(const char *path, struct feed_config **out);
int feed_config_parse(const char *text, size_t len, const char *name,
    struct feed_config **out);
void feed_config_free(struct feed_config *c);
/* The source called `name`, borrowed from c, or NULL. */
const struct feed_source *feed_config_source(const struct feed_config *c,
    const char *name);
/* "jvn-ipedia", "myjvn", "oval", "bundle". Static string. */
const char *feed_kind_name(enum feed_kind k);

/*
 * Whether a scan of a system whose os-release(5) says ID=`id` and
 * VERSION_ID=`version_id` may use source s: true when s has no `platform`
 * key, or when one of its entries is "ID" equal to id, or "ID:VERSION_ID"
 * equal to both (exact, case-sensitive: os-release values are lower-case;
 * ID_LIKE is not consulted, a derivative's packages are not its parent's).
 * id NULL (unknown system) matches only a source without `platform`;
 * version_id NULL matches only entries without a version.
 */
bool feed_source_platform_match(const struct feed_source *s, const char *id,
    const char *version_id);

/*
 * A bundle (or any source) may need a check of the whole new copy before it
 * is switched in (signatures): called with the directory of the new copy;
 * non-zero rejects the update (set the message) and keeps the old copy.
 */
typedef int (*feed_cache_verify_cb)(const struct feed_source *src,
    const char *newdir, void *payload);

struct feed_cache;
/*
 * Opens (creating it, mode 0755) the cache directory. No lock is taken.
 * Returns 0 or KS_ERROR with the path and reason.
 */
int feed_cache_open(struct feed_cache **out, const char *dir);
void feed_cache_free(struct feed_cache *c);	/* also drops the lock */
/* Takes the update lock (flock on DIR/.lock, non-blocking). KS_ELIMIT with
 * "another update is running (lock DIR/.lock held)" when busy. */
int feed_cache_lock(struct feed_cache *c);
void feed_cache_set_verifier(struct feed_cache *c, enum feed_kind kind,
    feed_cache_verify_cb cb, void *payload);
/* Progress: a bar when `tty`, plain log lines otherwise (default: both
 * decided by isatty(stderr)). */
void feed_cache_set_progress(struct feed_cache *c, bool tty);

/*
 * Updates one source (the lock must be held): downloads what changed,
 * checks digests, and switches the new copy in atomically. *changed says
 * whether a new copy was installed. The outcome of the attempt is recorded
 * either way (feed list shows it). Returns 0, or a KS_* code with one line
 * "SOURCE: URL: reason" as the message; the previous copy is untouched.
 * A myjvn source has nothing to cache and returns KS_EUNSUPPORTED; so
 * does a bundle source when no verifier is set for FEED_KIND_BUNDLE.
 */
int feed_cache_update(struct feed_cache *c, const struct feed_source *src,
    bool *changed);

/*
 * The directory of the current copy of `source`, resolved once so a reader
 * sees one consistent snapshot even while an update switches a new one in
 * (the previous copy is kept one generation). Caller frees *dir.
 * KS_ENOTFOUND when nothing is cached. Nothing holds the copy: a reader
 * of its files uses feed_cache_snapshot_open.
 */
int feed_cache_snapshot(struct feed_cache *c, const char *source,
    char **dir);

/*
 * A held snapshot: the current copy of a source, resolved once and held
 * by a shared flock(2) on its directory for as long as it is open. An
 * update never removes a snapshot that a reader holds (it tries an
 * exclusive lock first and leaves a held one for a later update to
 * prune), so a scan that opened its snapshots at the start reads the same
 * files to its end however many updates run meanwhile. Opening waits for
 * a prune in progress and then resolves `current` again.
 */
struct feed_snapshot;
/*
 * Opens and holds the current copy of `source` and reads its state.
 * Nothing is created or locked besides the snapshot's shared lock; the
 * update lock is not needed. Returns 0 (close with feed_snapshot_close),
 * KS_ENOTFOUND when nothing is cached, KS_EPARSE for a damaged state file,
 * KS_ERROR; the message names the source.
 */
int feed_cache_snapshot_open(struct feed_cache *c, const char *source,
    struct feed_snapshot **out);
void feed_snapshot_close(struct feed_snapshot *s);	/* NULL ok */
/* The snapshot's directory (CACHE/SOURCE/snap-XXXXXX); borrowed. */
const char *feed_snapshot_dir(const struct feed_snapshot *s);
/* Its state: update time, URL, files with sizes and SHA-256; borrowed. */
const struct feed_cache_info *feed_snapshot_info(const struct feed_snapshot *s);
/*
 * Re-hashes every file of the held snapshot against its state. 0 when all
 * match; KS_ERROR naming the source and the first bad file ("SOURCE:
 * FILE: sha256 mismatch ..." or "SOURCE: FILE: missing or unreadable").
 */
int feed_snapshot_verify(const struct feed_snapshot *s);
/*
 * Removes the copies of `source` other than the current one that no reader
 * holds, and leftovers of crashed updates or prunes. Takes the update
 * lock (feed_cache_lock) when not held; while another update runs nothing
 * is pruned. feed_cache_update prunes by itself; this is for tools and
 * tests. Returns the number of copies kept because a reader holds them.
 */
size_t feed_cache_prune(struct feed_cache *c, const char *source);

/* What the cache knows of a source: the current copy and the last try. */
struct feed_cache_file {
	char		*name;
	uint64_t	 size;
	char		 sha256[65];
};
struct feed_cache_info {
	bool		 cached;	/* a current copy exists */
	int64_t		 updated;	/* when it was installed (epoch s) */
	char		*etag, *last_modified, *url;
	struct feed_cache_file *files;
	size_t		 nfiles;
	uint64_t	 size;		/* sum of the files */
	int64_t		 attempted;	/* last attempt, 0: never */
	char		*result;	/* "ok", "unchanged", "failed: ..." */
	/*
	 * What the current copy passed when it was installed:
	 * "signed:SHA256:<hex>" (a bundle whose MANIFEST signature matched
	 * that trusted key), "sha256" (every file matched a published
	 * digest: checksum.txt, digest_url or a configured sha256) or "none"
	 * (only the TLS transfer). NULL: not recorded (a cache written by an
	 * older kensa).
	 */
	char		*verified;
};
/* Fills *info (free with feed_cache_info_clear); 0 even when nothing is
 * cached (info->cached false), KS_EPARSE on a damaged state file. */
int feed_cache_info(struct feed_cache *c, const char *source,
    struct feed_cache_info *info);
void feed_cache_info_clear(struct feed_cache_info *info);
/*
 * The SIGNATURE column of `kensa feed list` for info: "-" when nothing is
 * cached, "unknown" when the copy's state does not say (older cache),
 * else info->verified. Borrowed from info or static.
 */
const char *feed_cache_verified_label(const struct feed_cache_info *info);
/*
 * For a verifier callback (feed_cache_set_verifier): records what the new
 * copy was verified against ("signed:SHA256:<hex>"); it is saved in the
 * copy's state when the update is switched in. Without it the copy keeps
 * what the download checks established ("sha256" or "none").
 */
void feed_cache_note_verified(struct feed_cache *c, const char *what);
/*
 * Re-hashes every file of the current copy against its recorded size and
 * SHA-256. Returns 0 when all match, KS_ENOTFOUND when nothing is cached,
 * KS_ERROR naming the first bad file ("SOURCE: FILE: sha256 mismatch").
 */
int feed_cache_verify(struct feed_cache *c, const char *source);

/* ---- MyJVN API (feed_myjvn.c) ---- */
/* One getVulnOverviewList item (borrowed strings, valid during the call). */
struct feed_myjvn_item {
	const char	*id;		/* sec:identifier, JVNDB-YYYY-NNNNNN */
	const char	*title;
	const char	*link;
	const char	*modified;	/* dcterms:modified */
	const char	*cvss_version;	/* highest sec:cvss, or NULL */
	const char	*cvss_score;
	const char	*cvss_severity;
	const char	*cvss_vector;
};
typedef int (*feed_myjvn_item_cb)(const struct feed_myjvn_item *it,
    void *payload);
/* One getVendorList/getProductList entry (borrowed strings). */
struct feed_myjvn_entry {
	const char	*vendor, *vendor_cpe, *vid;
	const char	*product, *product_cpe, *pid;	/* NULL for vendors */
};
typedef int (*feed_myjvn_entry_cb)(const struct feed_myjvn_entry *e,
    void *payload);

/*
 * A query for getVulnOverviewList. The API answers only the last week
 * unless told otherwise (rangeDatePublic, rangeDatePublished and
 * rangeDateFirstPublished all default to "w"): kensa always sends all three
 * as "n" and, when from_year is set, datePublicStartY/M (and End* with
 * to_year), so the date range is the one asked for and nothing else.
 */
struct feed_myjvn_query {
	const char	*cpe;		/* cpeName (CPE 2.2) or NULL */
	const char	*keyword;	/* or NULL */
	int		 from_year, from_month;	/* 0: no lower bound */
	int		 to_year, to_month;	/* 0: no upper bound */
	const char	*lang;		/* "ja" (default) or "en" */
};

/*
 * Fetches every page (startItem/maxCountItem, advancing by totalResRet
 * until totalRes, at most 10000 pages) from the myjvn source `src`
 * (src->url is the endpoint, src->throttle the pause between requests)
 * and calls cb for every item. Returns 0; KS_ERROR with "SOURCE: URL:
 * MyJVN error ERRCD: ERRMSG" when status:Status says retCd=1; KS_EPARSE on
 * a malformed answer; a fetch error; or cb's non-zero value.
 * *total (may be NULL) receives totalRes.
 */
int feed_myjvn_overview(const struct feed_source *src,
    const struct feed_myjvn_query *q, feed_myjvn_item_cb cb, void *payload,
    unsigned long *total);
/* getVendorList (cpe "cpe:/:vendor" or keyword) and getProductList
 * (cpe "cpe:/a:vendor:product"...), all pages; returns as above. */
int feed_myjvn_vendors(const struct feed_source *src, const char *cpe,
    const char *keyword, feed_myjvn_entry_cb cb, void *payload);
int feed_myjvn_products(const struct feed_source *src, const char *cpe,
    const char *keyword, feed_myjvn_entry_cb cb, void *payload);

/* getVulnDetailInfo for one id: the VULDEF's title and CVSS scores. */
struct feed_myjvn_detail {
	char		*id, *title, *overview, *date_public, *date_updated;
	struct {
		char	*version, *severity, *score, *vector;
	} cvss[4];
	size_t		 ncvss;
	char		**cves;
	size_t		 ncves;
};
/* Returns 0 and fills *d (free with feed_myjvn_detail_clear);
 * KS_ENOTFOUND when the answer holds no Vulinfo; errors as above. */
int feed_myjvn_detail(const struct feed_source *src, const char *vulnid,
    const char *lang, struct feed_myjvn_detail *d);
void feed_myjvn_detail_clear(struct feed_myjvn_detail *d);

/* ---- archives and signed bundles (feed_archive.c, feed_bundle.c) ------- */
/* @@archive-bundle@@ */
/*
 * Archives and compressed feeds, through libarchive and always streamed:
 * nothing is held in memory whole. Formats: tar (ustar, pax, GNU) and zip;
 * filters: gzip, bzip2, xz, lzma and zstd (never an external program).
 * Every reader enforces the caps below while the data streams, so a zip
 * bomb stops early with one line naming the archive and the cap hit.
 */
struct feed_archive_limits {
	uint64_t max_entries;	/* entries in an archive (0: default) */
	uint64_t max_total;	/* bytes expanded, all entries (0: default) */
	/* expanded / compressed bytes read so far, checked as data streams
	 * once more than ratio_grace bytes were expanded (0: default) */
	uint64_t max_ratio;
	uint64_t ratio_grace;
};
#define FEED_ARCHIVE_MAX_ENTRIES	100000u
#define FEED_ARCHIVE_MAX_TOTAL		(4ull << 30)	/* 4 GiB */
#define FEED_ARCHIVE_MAX_RATIO		200u
#define FEED_ARCHIVE_RATIO_GRACE	(1ull << 20)	/* 1 MiB */

/* Fills *lim with the defaults above. */
void feed_archive_limits_default(struct feed_archive_limits *lim);

/*
 * Decompresses one compressed file (gzip, bzip2, xz, lzma, zstd; an
 * uncompressed file is copied as is) to `dst` through ks_atomic_open, so
 * dst is either the whole result or left as it was. lim may be NULL (the
 * defaults). Returns 0; KS_ELIMIT when a cap is hit ("SRC: expanded more
 * than N bytes" / "...N times its compressed size"), KS_EPARSE for corrupt
 * data, KS_ENOTFOUND / KS_EPERM / KS_ERROR for I/O; message set.
 */
int feed_archive_decompress(const char *src, const char *dst,
    const struct feed_archive_limits *lim);

/*
 * Checks that `path` is one document, plain or compressed with one filter,
 * by streaming it through the decompressor under the caps (nothing is
 * kept): 0; KS_ELIMIT for a bomb ("PATH: expanded more than ..."),
 * KS_EPARSE for corrupt data; a tar or zip archive is KS_EUNSUPPORTED,
 * after its entries were checked as feed_archive_extract checks them (so a
 * path-traversal entry is named: KS_EPARSE). Message set.
 */
int feed_archive_check_document(const char *path,
    const struct feed_archive_limits *lim);

/* feed_archive_extract flags */
#define FEED_EXTRACT_REPLACE	0x1u	/* an existing destdir is replaced */

/*
 * Extracts the tar or zip archive `path` (possibly compressed) into
 * `destdir`. Everything is written into a new sibling directory
 * ".<destdir's name>.kensa-XXXXXX" that becomes destdir by an atomic rename
 * only when the whole archive was extracted; on any failure it is removed
 * and destdir is left exactly as it was. destdir must not exist or be an
 * empty directory, unless FEED_EXTRACT_REPLACE is given: then an existing
 * destdir is swapped out atomically (renameat2 RENAME_EXCHANGE) and removed.
 * Refused, naming the archive and the entry: an absolute path, a ".."
 * component, an entry written through a symlink, a symlink whose target is
 * absolute or has a ".." component (only links that stay below their own
 * directory are kept), a hard link to anything but an entry extracted
 * before, a device, FIFO or socket, a duplicate entry. Modes keep only the
 * permission bits (no setuid, setgid or sticky bit; the owner always gets
 * read and write, directories also search); owners are not set.
 * lim may be NULL. Returns 0 or KS_ELIMIT (cap hit), KS_EPARSE (corrupt or
 * refused entry), KS_EPERM, KS_ENOTFOUND, KS_ERROR; message set.
 */
int feed_archive_extract(const char *path, const char *destdir,
    unsigned flags, const struct feed_archive_limits *lim);

/* Receives one member's bytes in order; returns 0 to go on or a negative
 * KS_* code (message set) to stop, which the reader returns. */
typedef int (*feed_archive_data_cb)(const void *data, size_t len,
    void *payload);

/*
 * Streams the regular-file member `name` (compared without a leading "./")
 * of the tar or zip archive `path` to cb, without extracting anything.
 * Members before it are read and discarded under the same caps. Returns 0,
 * KS_ENOTFOUND (no such member; message names it), the callback's code, or
 * the codes of feed_archive_extract.
 */
int feed_archive_read_member(const char *path, const char *name,
    const struct feed_archive_limits *lim, feed_archive_data_cb cb,
    void *payload);

/*
 * Signed checklist bundles. A bundle is one uncompressed tar (pax/ustar)
 * file holding, in this order:
 *   MANIFEST      "kensa-bundle 1\n" then one line per file,
 *                 "<sha256 hex, lowercase>  <size, decimal>  <path>\n",
 *                 sorted by path (bytewise), no duplicates; paths are UTF-8,
 *                 relative, '/'-separated, without empty, "." or ".."
 *                 components or control characters, at most
 *                 FEED_BUNDLE_MAX_PATH bytes, and not MANIFEST or
 *                 MANIFEST.sig themselves;
 *   MANIFEST.sig  the signature over MANIFEST's exact bytes: Ed25519
 *                 (RFC 8032, the raw 64 bytes) or RSA-PSS with SHA-256,
 *                 MGF1-SHA-256 and a 32-byte salt (the raw signature);
 *   then every file of the manifest as a regular-file entry named by its
 *   path, in manifest order.
 * The signature is checked against the trust anchors first; nothing else
 * of the bundle is interpreted before it matches one. Then every entry must
 * be a regular file listed in the manifest, seen once, with the listed
 * size and SHA-256, and every listed file must be present.
 */
#define FEED_BUNDLE_MAX_PATH		1024u
#define FEED_BUNDLE_MAX_MANIFEST	(16u << 20)
#define FEED_BUNDLE_MAX_SIG		4096u

/* A set of trusted public keys (Ed25519 or RSA). */
struct feed_trust;
int feed_trust_new(struct feed_trust **out);
void feed_trust_free(struct feed_trust *t);
/*
 * Adds every key of a PEM file: "PUBLIC KEY", "RSA PUBLIC KEY" and
 * "CERTIFICATE" blocks (a certificate only carries its key: no chain,
 * date or usage is checked). Returns 0, or KS_EPARSE when the file holds
 * no key, a block that is not one of those (a private key included) or a
 * key that is neither Ed25519 nor RSA; KS_ENOTFOUND/KS_ELIMIT/KS_ERROR for
 * reading. Nothing is added on error.
 */
int feed_trust_add_file(struct feed_trust *t, const char *path);
/* The same for PEM text in memory; `name` is used in messages. */
int feed_trust_add_pem(struct feed_trust *t, const char *pem, size_t len,
    const char *name);
size_t feed_trust_count(const struct feed_trust *t);

/*
 * Signs the regular files below `dir` with the PEM private key `keyfile`
 * (Ed25519 or RSA; an encrypted key takes its passphrase from
 * $KENSA_KEY_PASSPHRASE) and writes the bundle to `out` atomically.
 * Symlinks are followed only when they resolve to a regular file inside
 * dir; one that escapes dir, a symlinked directory, a device, FIFO or
 * socket is refused. A file that changes while it is being bundled fails
 * the run. Returns 0 or a KS_* code with the message naming the file.
 */
int feed_bundle_sign(const char *dir, const char *keyfile, const char *out);

/* What a verified bundle holds. */
struct feed_bundle_info {
	size_t	 files;
	uint64_t bytes;
	/* "SHA256:<hex>" of the signing key's DER SubjectPublicKeyInfo */
	char	 signer[72];
};

/*
 * Verifies `path` as described above against `trust`. info and lim may be
 * NULL. Returns 0; KS_EPERM when the signature matches no trusted key;
 * KS_EPARSE for a bad manifest, a tampered, extra, missing or duplicate
 * file ("BUNDLE: file 'x': SHA-256 differs from the manifest"); KS_ELIMIT;
 * KS_ENOTFOUND / KS_ERROR for I/O. The message names the bundle.
 */
int feed_bundle_verify(const char *path, const struct feed_trust *trust,
    const struct feed_archive_limits *lim, struct feed_bundle_info *info);

/*
 * Verifies the bundle and extracts its files into destdir in the same
 * single pass, with the staging directory and atomic rename of
 * feed_archive_extract (same flags): a bundle that fails any check leaves
 * destdir as it was. MANIFEST and MANIFEST.sig are not extracted. Returns
 * as feed_bundle_verify and feed_archive_extract.
 */
int feed_bundle_unpack(const char *path, const struct feed_trust *trust,
    const char *destdir, unsigned flags,
    const struct feed_archive_limits *lim, struct feed_bundle_info *info);

/* ---- vulnerability knowledge (feed_jvn*.c, feed_vulnstore.c) ----------- */
/* @@vulnstore@@ */
/*
 * The local vulnerability store: what kensa knows about each CVE and JVNDB
 * id, filled from JVN iPedia documents (VULDEF, JVNRSS) and from the
 * metadata of vendor OVAL definitions. Every score is kept with its source,
 * CVSS version and raw vector (invalid vectors included: findings say why
 * they cannot be scored). Saved as a versioned line-based file of our own
 * (see feed_vulnstore.c) that loads without any XML parsing. It does not
 * choose which score a finding shows: that is agent/findings.c's policy.
 */
enum feed_origin {
	FEED_ORIGIN_VENDOR,	/* the distribution's own data (OVAL metadata) */
	FEED_ORIGIN_JVN,	/* JVN iPedia */
	FEED_ORIGIN_NVD,	/* NVD */
	FEED_ORIGIN_OTHER,
};

/* One score as a source states it. Strings are NULL when absent. */
struct feed_vuln_score {
	enum feed_origin origin;
	const char	*source;	/* "JVN iPedia", "Red Hat", "Ubuntu" */
	const char	*version;	/* as stated: "2.0", "3.0", "3.1", "4.0" */
	const char	*vector;	/* raw vector, unvalidated */
	const char	*stated;	/* the score the source states */
	const char	*severity;	/* the source's severity word */
};
struct feed_vuln_ref {
	const char	*source;	/* "CVE", "RHSA", "JVN", "vendor", ... */
	const char	*id;
	const char	*url;
};
/*
 * One entry: what one source says about one id. The store keeps one entry
 * per (id, source); adding the same pair again merges (titles filled in,
 * scores, aliases and references de-duplicated).
 */
struct feed_vuln {
	const char		*id;	/* "CVE-2020-11008", "JVNDB-2023-000001" */
	enum feed_origin	 origin;
	const char		*source;
	const char		*title_ja, *title_en;
	const char		*severity;	/* vendor's word: "Important" */
	const char		**aliases;	/* other ids: CVEs of a JVNDB
						   entry, advisories (RHSA-...) */
	uint32_t		 naliases;
	struct feed_vuln_score	*scores;
	uint32_t		 nscores;
	struct feed_vuln_ref	*refs;
	uint32_t		 nrefs;
	/*
	 * When the source last changed the entry (JVN: dcterms:modified, else
	 * dc:date; VULDEF DateLastUpdated), ISO 8601 as stated, or NULL.
	 * Adding an entry whose date is later than the stored one's replaces
	 * it; an earlier one is ignored; same or unknown dates merge. Kept in
	 * memory only: the store file (version 1) does not record it.
	 */
	const char		*modified;
};

struct feed_vulnstore;
int feed_vulnstore_new(struct feed_vulnstore **out);
void feed_vulnstore_free(struct feed_vulnstore *vs);
/* Number of entries. */
size_t feed_vulnstore_count(const struct feed_vulnstore *vs);
/*
 * Adds (copies) one entry, merging with an existing entry of the same id
 * and source, or, when both state a modified date and they differ, keeping
 * only the newer of the two (see feed_vuln.modified). Returns 0, or
 * KS_EPARSE when v->id or v->source is empty.
 */
int feed_vulnstore_add(struct feed_vulnstore *vs, const struct feed_vuln *v);
/*
 * Calls cb for every entry whose id or one of whose aliases equals `id`
 * (exact, case-sensitive), in insertion order; stops when cb returns
 * non-zero and returns that value. Entries are borrowed from the store.
 */
int feed_vulnstore_lookup(const struct feed_vulnstore *vs, const char *id,
    int (*cb)(const struct feed_vuln *v, void *payload), void *payload);
/* Calls cb for every entry (insertion order); as lookup. */
int feed_vulnstore_foreach(const struct feed_vulnstore *vs,
    int (*cb)(const struct feed_vuln *v, void *payload), void *payload);

/*
 * Adds what one vendor OVAL definition's metadata says: `def_id` names the
 * vendor (oval:com.redhat.* Red Hat, com.ubuntu Ubuntu, org.debian Debian,
 * org.opensuse / com.suse SUSE); `refs` are its <reference>s; advisory_xml
 * is its whole <advisory> element as text (NULL when absent). Red Hat
 * advisory/cve@cvss3/@cvss2/@impact, Ubuntu advisory/severity and
 * cve@priority/@cvss_score/@cvss_vector, SUSE advisory/severity and
 * advisory/cve, Debian CVE titles. Makes one entry per CVE. Returns 0, or
 * KS_EPARSE when advisory_xml is not well-formed (message set).
 */
int feed_vulnstore_add_oval_meta(struct feed_vulnstore *vs,
    const char *def_id, const char *title, const struct feed_vuln_ref *refs,
    uint32_t nrefs, const char *advisory_xml);
/* Streams a vendor OVAL definitions file and adds the metadata of every
 * definition (as feed_vulnstore_add_oval_meta). KS_EPARSE on a malformed
 * document. */
int feed_vulnstore_import_oval(struct feed_vulnstore *vs, const char *path);

/*
 * Streams a JVN iPedia document into the store: a VULDEF 3.2 document
 * (getVulnDetailInfo, jvndb_detail_YYYY.rdf) or a JVNRSS 3.2 / JVNDBRSS
 * document (rdf:RDF; mod_sec namespace http://jvn.jp/rss/mod_sec/,
 * .../3.0/ or https://.../3.0/). Returns 0; KS_EPARSE for a malformed or
 * unknown document; KS_ERROR when a MyJVN status element reports retCd
 * other than 0 (the message carries errCd and errMsg). Streaming: entries
 * read before an error stay in the store (callers that must not keep a
 * partial import import into a fresh store and save only on success).
 */
int feed_jvn_import(struct feed_vulnstore *vs, const char *path);
int feed_jvn_import_mem(struct feed_vulnstore *vs, const char *buf,
    size_t len, const char *name);

/*
 * Writes the store to `path` atomically (a temporary file and a rename), in
 * kensa's vulnstore format version 2. Returns 0 or a KS_* code.
 */
int feed_vulnstore_save(const struct feed_vulnstore *vs, const char *path);
/* Loads a store saved by feed_vulnstore_save (version 1 or 2): every line
 * is checked and the ids and aliases indexed; an entry's other records are
 * parsed when it is first used. KS_ENOTFOUND when the file does not exist,
 * KS_EPARSE (with file:line) for a bad header, an unknown version or a
 * malformed line. The caller frees *out. */
int feed_vulnstore_load(struct feed_vulnstore **out, const char *path);
/* The store's default place: $KENSA_CACHE_DIR/vulnstore.kvs, else
 * $XDG_CACHE_HOME/kensa/vulnstore.kvs, else ~/.cache/kensa/vulnstore.kvs.
 * Returns a new string (caller frees) or NULL when none can be formed. */
char *feed_vulnstore_default_path(void);

/* ---- remote SCAP resources (feed_remote.c) ----------------------------- */
/*
 * A remote resource of a SCAP data stream (`kensa xccdf eval
 * --fetch-remote-resources`) is cached as an oval source of its own, made
 * up for its URL: named FEED_REMOTE_PREFIX and the first 16 hex digits of
 * the URL's SHA-256, fetched and switched in by feed_cache_update.
 */
#define FEED_REMOTE_PREFIX	"remote-"
#define FEED_REMOTE_NAME_SIZE	(sizeof(FEED_REMOTE_PREFIX) - 1 + 16 + 1)
#define FEED_REMOTE_URL_MAX	2048

/* The source name of `url` ("remote-" + 16 lowercase hex digits); 0, or
 * KS_EUNSUPPORTED with the message set when libcrypto cannot be loaded. */
int feed_remote_name(const char *url, char out[FEED_REMOTE_NAME_SIZE]);
/*
 * The configuration at config_path (NULL: none, the built-in defaults)
 * with one more source for `url`: kind oval, named feed_remote_name(url),
 * with the [global] settings every configured source gets (ca_file, proxy,
 * max_size, timeouts, retries). Returns 0 with *out (free with
 * feed_config_free) and *src borrowed from it; KS_EUNSUPPORTED for a URL
 * that is not https://, KS_ELIMIT over FEED_REMOTE_URL_MAX bytes,
 * KS_EPARSE for a URL with blanks or control characters or a
 * configuration that does not parse; message set.
 */
int feed_remote_config(const char *config_path, const char *url,
    struct feed_config **out, const struct feed_source **src);
/*
 * Removes what a failed fetch left of a remote source that has no cached
 * copy (CACHE/SOURCE with its partial download and attempt record), so a
 * URL that never worked leaves nothing behind. A source with a copy is
 * left as it is. Only for FEED_REMOTE_PREFIX names (KS_EPERM otherwise);
 * 0 or KS_ERROR with the message set. The update lock should be held.
 */
int feed_remote_forget(const char *cache_dir, const char *source);

#endif /* KS_FEEDS_H */
