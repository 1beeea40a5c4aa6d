/*
 * Private interface between feed_fetch.c (libcurl), feed_cache.c,
 * feed_myjvn.c and their tests: one HTTPS transfer with retries, and the
 * small parsers they share. Nothing outside feeds/ and its tests uses this.
 */
#ifndef KS_FEED_INT_FETCH_H
#define KS_FEED_INT_FETCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "platform/base/base.h"
#include "feeds/feeds.h"

/* One request. Strings are borrowed. */
struct feed_fetch_req {
	const struct feed_source *src;	/* TLS, proxy, timeouts, caps */
	const char	*url;
	/* Conditional request: sent as If-None-Match / If-Modified-Since. */
	const char	*etag;
	const char	*last_modified;
	/* To a file: the partial file is kept at `path` and resumed with a
	 * Range (plus If-Range: `partial_validator`) when it exists. */
	const char	*path;
	const char	*partial_validator;	/* NULL: never resume */
	/* Or to memory (path NULL), capped at src->max_size. */
	struct ks_buf	*mem;
	bool		 progress_tty;		/* draw a bar on stderr */
	bool		 progress_log;		/* plain log lines */
	const char	*label;			/* progress label (file name) */
};

struct feed_fetch_res {
	long		 status;	/* last HTTP status */
	bool		 not_modified;	/* 304 */
	char		 etag[256];
	char		 last_modified[64];
	uint64_t	 size;		/* bytes of the whole body */
	unsigned	 attempts;
	bool		 resumed;	/* a Range request was honoured */
};

/*
 * Performs the request with up to src->retries extra attempts on transient
 * failures (5xx, 408, 429, timeouts, resets, short transfers), waiting
 * feed_fetch_backoff() or the server's Retry-After. HTTPS only, peer and
 * host always verified. Returns 0 (a 2xx or a 304), or KS_ELIMIT (size
 * cap, timeout) / KS_ERROR / KS_ENOTFOUND (404, 410) with the message
 * "SOURCE: URL: reason".
 */
int feed_fetch(const struct feed_fetch_req *req, struct feed_fetch_res *res);

/* Process-wide libcurl initialisation; idempotent. */
/* Opens libcurl (first use only) and initialises it: 0, or KS_EUNSUPPORTED
 * with a message when libcurl cannot be loaded. */
int feed_fetch_global_init(void);
/* v %-escaped for a URL query (every byte but unreserved ones), as a new
 * string the caller frees; NULL when libcurl is unavailable (message set). */
char *feed_url_escape(const char *v);

/* Wait before retry `attempt` (1 = first retry): base * 2^(attempt-1),
 * capped at max, plus up to 50% random jitter (`rnd` in [0,1)). */
double feed_fetch_backoff(unsigned attempt, double base, double max,
    double rnd);
/* Seconds to wait from a Retry-After value (delta-seconds or an HTTP-date,
 * relative to `now`); -1 when unparsable. Never negative otherwise. */
double feed_fetch_retry_after(const char *value, int64_t now);

/* SHA-256 of a file or of memory as 64 lowercase hex digits + NUL.
 * KS_EUNSUPPORTED with the message set when libcrypto cannot be loaded;
 * on any failure feed_sha256_mem writes 64 zeros. */
int feed_sha256_file(const char *path, char out[65], uint64_t *size);
int feed_sha256_mem(const void *p, size_t n, char out[65]);
/* true when s is exactly 64 hex digits. */
bool feed_sha256_valid(const char *s);

/* One entry of a JVN iPedia checksum.txt (a JSON array of objects). */
struct feed_checksum_entry {
	char		*url;
	char		*filename;
	char		 sha256[65];
	uint64_t	 size;
	char		*last_modified;
};
/* Parses checksum.txt (with libyaml: JSON is YAML flow syntax). Entries
 * without url/filename/sha256, with a file name that is not a plain name
 * or a URL that is not https:// are rejected with KS_EPARSE. */
int feed_checksum_parse(const char *text, size_t len, const char *name,
    struct feed_checksum_entry **out, size_t *n);
void feed_checksum_free(struct feed_checksum_entry *e, size_t n);

/* Finds the digest of `filename` in a sha256sum-style text ("HEX  NAME" or
 * "HEX *NAME" lines; a single bare HEX line matches any name). 0 and
 * out filled, KS_ENOTFOUND, or KS_EPARSE. */
int feed_digest_find(const char *text, size_t len, const char *filename,
    char out[65]);

/* Parses a size with an optional K/M/G suffix (powers of 1024). */
int feed_parse_size(const char *s, uint64_t *out);

/* The state file of a snapshot and the last-attempt file of a source. */
int feed_state_write(const char *path, const struct feed_cache_info *info);
int feed_state_read(const char *path, struct feed_cache_info *info);

/* feed_myjvn.c: parses one answer page. Exposed for tests. */
struct feed_myjvn_status {
	int		 ret_cd;
	char		 err_cd[64], err_msg[512];
	unsigned long	 total_res, total_res_ret, first_res;
	bool		 seen;
};
int feed_myjvn_parse_overview(const char *buf, size_t len, const char *name,
    feed_myjvn_item_cb cb, void *payload, struct feed_myjvn_status *st);
int feed_myjvn_parse_results(const char *buf, size_t len, const char *name,
    feed_myjvn_entry_cb cb, void *payload, struct feed_myjvn_status *st);
int feed_myjvn_parse_detail(const char *buf, size_t len, const char *name,
    struct feed_myjvn_detail *d, struct feed_myjvn_status *st);
/* Builds the request URL of one overview page (caller frees). */
char *feed_myjvn_overview_url(const char *base,
    const struct feed_myjvn_query *q, unsigned long start);

#endif /* KS_FEED_INT_FETCH_H */
