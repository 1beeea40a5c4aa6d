/*
 * One HTTPS download with libcurl: verification always on, conditional and
 * resumable requests, retries with backoff and Retry-After, a size cap and
 * a progress display. It knows nothing of the cache layout or of feed
 * formats (feed_cache.c decides what to fetch and where it goes).
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <curl/curl.h>

#include "platform/base/base.h"
#include "platform/base/dl_libs.h"
#include "feeds/feeds.h"
#include "feeds/feed_int_fetch.h"

#ifndef KS_VERSION
#define KS_VERSION "0.1.0"
#endif

/* State of one attempt, shared by the libcurl callbacks. */
struct xfer {
	const struct feed_fetch_req *req;
	FILE		*fp;
	uint64_t	 offset;	/* bytes already on disk (resume) */
	uint64_t	 written;	/* bytes of this response's body */
	bool		 ranged;	/* we asked for a Range */
	bool		 cap_hit;
	bool		 io_err;
	bool		 bad_range;
	long		 status;
	char		 etag[256];
	char		 last_modified[64];
	char		 retry_after[128];
	/* progress */
	double		 last_draw;
	int		 last_quarter;
	bool		 drew;
};

/* libcurl is opened on first use (ks_dl_load): see base.h for why. The
 * slots have the types of the prototypes we compile against; they drop the
 * curl_ prefix because curl.h defines curl_easy_setopt as a type-checking
 * macro that would expand inside C.curl_easy_setopt(...). */
#define CURL_FUNCS(X) \
	X(curl_easy_cleanup, easy_cleanup) \
	X(curl_easy_init, easy_init) \
	X(curl_easy_perform, easy_perform) \
	X(curl_easy_setopt, easy_setopt) \
	X(curl_easy_strerror, easy_strerror) \
	X(curl_getdate, getdate) \
	X(curl_global_init, global_init) \
	X(curl_slist_append, slist_append) \
	X(curl_slist_free_all, slist_free_all) \
	X(curl_easy_escape, easy_escape) \
	X(curl_free, free) \

#define CURL_SLOT(f, n) __typeof__(f) *n;
#define CURL_SYM(f, n) { #f, (void **)&C.n },
_Static_assert(sizeof(KS_SONAME_CURL) > 1, "the Makefile found no libcurl");
static struct { CURL_FUNCS(CURL_SLOT) } C;
static const struct ks_dl_sym curl_syms[] = { CURL_FUNCS(CURL_SYM) };
static struct ks_dl_lib curl_lib =
    KS_DL_LIB(KS_SONAME_CURL, "downloading", curl_syms);

int
feed_fetch_global_init(void)
{
	static bool done;
	int rc;

	if ((rc = ks_dl_load(&curl_lib)) != 0)
		return rc;
	if (!done) {
		C.global_init(CURL_GLOBAL_DEFAULT);
		done = true;
	}
	return 0;
}

char *
feed_url_escape(const char *v)
{
	char *e, *out;

	if (feed_fetch_global_init() != 0)
		return NULL;
	if ((e = C.easy_escape(NULL, v, 0)) == NULL)
		return NULL;
	out = ks_strdup(e);
	C.free(e);
	return out;
}

/* ---- digests ------------------------------------------------------------ */

static void
hex(const unsigned char *d, size_t n, char *out)
{
	static const char x[] = "0123456789abcdef";
	size_t i;

	for (i = 0; i < n; i++) {
		out[2 * i] = x[d[i] >> 4];
		out[2 * i + 1] = x[d[i] & 15];
	}
	out[2 * n] = '\0';
}

int
feed_sha256_mem(const void *p, size_t n, char out[65])
{
	unsigned char d[EVP_MAX_MD_SIZE];
	unsigned int dl = 0;
	int rc;

	memset(out, '0', 64);
	out[64] = '\0';
	if ((rc = ks_dl_need(&ks_crypto_lib, "computing SHA-256")) != 0)
		return rc;
	if (ks_crypto.EVP_Digest(p, n, d, &dl, ks_crypto.EVP_sha256(),
	    NULL) != 1) {
		ks_error_set("SHA-256 of %zu bytes failed", n);
		return KS_ERROR;
	}
	hex(d, 32, out);
	return 0;
}

int
feed_sha256_file(const char *path, char out[65], uint64_t *size)
{
	unsigned char d[EVP_MAX_MD_SIZE], buf[65536];
	unsigned int dl = 0;
	EVP_MD_CTX *ctx = NULL;
	FILE *fp;
	uint64_t total = 0;
	size_t n;
	int rc = KS_ERROR;

	if ((rc = ks_dl_need(&ks_crypto_lib, "computing SHA-256")) != 0)
		return rc;
	rc = KS_ERROR;
	fp = fopen(path, "rb");
	if (fp == NULL) {
		ks_error_set("%s: %s", path, strerror(errno));
		return errno == ENOENT ? KS_ENOTFOUND : KS_ERROR;
	}
	ctx = ks_crypto.EVP_MD_CTX_new();
	if (ctx == NULL || ks_crypto.EVP_DigestInit_ex(ctx,
	    ks_crypto.EVP_sha256(), NULL) != 1) {
		ks_error_set("%s: cannot initialise SHA-256", path);
		goto out;
	}
	while ((n = fread(buf, 1, sizeof(buf), fp)) > 0) {
		ks_crypto.EVP_DigestUpdate(ctx, buf, n);
		total += n;
	}
	if (ferror(fp)) {
		ks_error_set("%s: read error", path);
		goto out;
	}
	ks_crypto.EVP_DigestFinal_ex(ctx, d, &dl);
	hex(d, 32, out);
	if (size != NULL)
		*size = total;
	rc = 0;
out:
	ks_crypto.EVP_MD_CTX_free(ctx);
	fclose(fp);
	return rc;
}

bool
feed_sha256_valid(const char *s)
{
	size_t i;

	for (i = 0; i < 64; i++)
		if (!((s[i] >= '0' && s[i] <= '9') ||
		    (s[i] >= 'a' && s[i] <= 'f') || (s[i] >= 'A' && s[i] <= 'F')))
			return false;
	return s[64] == '\0';
}

/* ---- retry timing ------------------------------------------------------- */

double
feed_fetch_backoff(unsigned attempt, double base, double max, double rnd)
{
	double w;

	if (attempt == 0)
		attempt = 1;
	w = base * ldexp(1.0, (int)(attempt > 30 ? 30 : attempt) - 1);
	if (w > max)
		w = max;
	return w + w * 0.5 * rnd;
}

double
feed_fetch_retry_after(const char *value, int64_t now)
{
	const char *p = value;
	time_t t;

	while (*p == ' ' || *p == '\t')
		p++;
	if (*p >= '0' && *p <= '9') {
		char *end;
		double s = strtod(p, &end);

		while (*end == ' ' || *end == '\t' || *end == '\r')
			end++;
		if (*end != '\0' || strchr(p, '.') != NULL)
			return -1;
		return s;
	}
	/* RFC 9110 10.2.3: Retry-After = HTTP-date / delay-seconds */
	if (feed_fetch_global_init() != 0)
		return -1;
	t = C.getdate(p, NULL);
	if (t == (time_t)-1)
		return -1;
	return t > now ? (double)(t - now) : 0.0;
}

static double
jitter(void)
{
	unsigned int r = 0;

	/* libcrypto is loaded: feed_fetch made sure. */
	if (ks_crypto.RAND_bytes((unsigned char *)&r, sizeof(r)) != 1)
		r = (unsigned int)rand();
	return (double)(r % 10000u) / 10000.0;
}

static void
sleep_seconds(double s)
{
	struct timespec ts;

	if (!(s > 0))
		return;
	ts.tv_sec = (time_t)s;
	ts.tv_nsec = (long)((s - (double)ts.tv_sec) * 1e9);
	while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
		;
}

/* ---- libcurl callbacks -------------------------------------------------- */

/* Copies a header's value (after "Name:") trimmed into out. */
static void
header_value(const char *p, size_t n, char *out, size_t outsz)
{
	while (n > 0 && (*p == ' ' || *p == '\t')) {
		p++;
		n--;
	}
	while (n > 0 && (p[n - 1] == '\r' || p[n - 1] == '\n' ||
	    p[n - 1] == ' ' || p[n - 1] == '\t'))
		n--;
	if (n >= outsz)
		n = 0;	/* an over-long validator is useless: drop it */
	memcpy(out, p, n);
	out[n] = '\0';
}

static bool
header_is(const char *p, size_t n, const char *name)
{
	size_t k = strlen(name);

	return n > k && p[k] == ':' && strncasecmp(p, name, k) == 0;
}

static size_t
on_header(char *p, size_t size, size_t nmemb, void *payload)
{
	struct xfer *x = payload;
	size_t n = size * nmemb;
	char tmp[128];

	if (n >= 5 && strncmp(p, "HTTP/", 5) == 0) {
		/* A new response (after a redirect or a 100): start over. */
		const char *sp = memchr(p, ' ', n);

		x->status = sp ? strtol(sp + 1, NULL, 10) : 0;
		x->etag[0] = x->last_modified[0] = x->retry_after[0] = '\0';
		return n;
	}
	if (header_is(p, n, "ETag"))
		header_value(p + 5, n - 5, x->etag, sizeof(x->etag));
	else if (header_is(p, n, "Last-Modified"))
		header_value(p + 14, n - 14, x->last_modified,
		    sizeof(x->last_modified));
	else if (header_is(p, n, "Retry-After"))
		header_value(p + 12, n - 12, x->retry_after,
		    sizeof(x->retry_after));
	else if (header_is(p, n, "Content-Range") && x->status == 206) {
		unsigned long long start;

		header_value(p + 14, n - 14, tmp, sizeof(tmp));
		if (sscanf(tmp, "bytes %llu-", &start) != 1 ||
		    start != x->offset)
			x->bad_range = true;
	}
	return n;
}

static bool
ok_status(long s)
{
	return s >= 200 && s < 300;
}

static size_t
on_write(char *p, size_t size, size_t nmemb, void *payload)
{
	struct xfer *x = payload;
	const struct feed_fetch_req *req = x->req;
	size_t n = size * nmemb;

	if (!ok_status(x->status))
		return n;	/* an error page: not ours to keep */
	if (x->bad_range)
		return 0;
	if (x->written == 0 && x->ranged && x->status == 200 && x->offset > 0) {
		/* The server ignored the Range (or If-Range failed): the
		 * whole file comes again, so the partial goes. */
		if (fflush(x->fp) != 0 || ftruncate(fileno(x->fp), 0) != 0 ||
		    fseek(x->fp, 0, SEEK_SET) != 0) {
			x->io_err = true;
			return 0;
		}
		x->offset = 0;
	}
	if (x->offset + x->written + n > req->src->max_size) {
		x->cap_hit = true;
		return 0;
	}
	if (x->fp != NULL) {
		if (fwrite(p, 1, n, x->fp) != n) {
			x->io_err = true;
			return 0;
		}
	} else if (ks_buf_append(req->mem, p, n) != 0) {
		x->cap_hit = true;
		return 0;
	}
	x->written += n;
	return n;
}

static void
human(uint64_t n, char *out, size_t outsz)
{
	if (n >= (10ull << 20))
		snprintf(out, outsz, "%.0f MiB", (double)n / 1048576.0);
	else if (n >= (1ull << 20))
		snprintf(out, outsz, "%.1f MiB", (double)n / 1048576.0);
	else if (n >= 1024)
		snprintf(out, outsz, "%.0f KiB", (double)n / 1024.0);
	else
		snprintf(out, outsz, "%llu B", (unsigned long long)n);
}

static int
on_progress(void *payload, curl_off_t dltotal, curl_off_t dlnow,
    curl_off_t ultotal, curl_off_t ulnow)
{
	struct xfer *x = payload;
	const struct feed_fetch_req *req = x->req;
	uint64_t now = x->offset + (uint64_t)dlnow;
	uint64_t total = dltotal > 0 ? x->offset + (uint64_t)dltotal : 0;
	char a[32], b[32];
	double t;

	if (!ok_status(x->status) || dlnow <= 0)
		return 0;
	human(now, a, sizeof(a));
	human(total, b, sizeof(b));
	if (req->progress_tty) {
		int i, fill;

		t = ks_time_mono();
		if (t - x->last_draw < 0.1 && (total == 0 || now < total))
			return 0;
		x->last_draw = t;
		x->drew = true;
		if (total == 0) {
			fprintf(stderr, "\r%-24.24s %10s", req->label, a);
		} else {
			fill = (int)(30.0 * (double)now / (double)total);
			fprintf(stderr, "\r%-24.24s [", req->label);
			for (i = 0; i < 30; i++)
				fputc(i < fill ? '#' : '-', stderr);
			fprintf(stderr, "] %3d%% %s of %s",
			    (int)(100.0 * (double)now / (double)total), a, b);
		}
		fflush(stderr);
	} else if (req->progress_log && total >= (256u << 10)) {
		int q = (int)(4.0 * (double)now / (double)total);

		if (q > x->last_quarter && q < 4) {
			x->last_quarter = q;
			fprintf(stderr, "kensa: %s: %s: %d%% (%s of %s)\n",
			    req->src->name, req->label, q * 25, a, b);
		}
	}
	return 0;
}

/* ---- one attempt -------------------------------------------------------- */

enum outcome { DONE, TRANSIENT, FATAL };

static bool
transient_curl(CURLcode c)
{
	switch (c) {
	case CURLE_OPERATION_TIMEDOUT:
	case CURLE_COULDNT_CONNECT:
	case CURLE_COULDNT_RESOLVE_HOST:
	case CURLE_COULDNT_RESOLVE_PROXY:
	case CURLE_RECV_ERROR:
	case CURLE_SEND_ERROR:
	case CURLE_GOT_NOTHING:
	case CURLE_PARTIAL_FILE:
	case CURLE_SSL_CONNECT_ERROR:
	case CURLE_HTTP2:
	case CURLE_HTTP2_STREAM:
		return true;
	default:
		return false;
	}
}

static bool
transient_status(long s)
{
	return s == 408 || s == 429 || (s >= 500 && s <= 599 && s != 501);
}

/* Whether a validator may be used for If-Range (a weak ETag may not). */
static bool
strong(const char *v)
{
	return v != NULL && *v != '\0' && strncmp(v, "W/", 2) != 0;
}

static CURL *
easy_new(const struct feed_fetch_req *req, struct xfer *x, char *errbuf,
    struct curl_slist **hdrs)
{
	const struct feed_source *s = req->src;
	CURL *h = C.easy_init();

	if (h == NULL)
		return NULL;
	C.easy_setopt(h, CURLOPT_URL, req->url);
	/* HTTPS only, and for redirects too: a feed is never fetched in
	 * the clear, and verification cannot be turned off. */
	C.easy_setopt(h, CURLOPT_PROTOCOLS_STR, "https");
	C.easy_setopt(h, CURLOPT_REDIR_PROTOCOLS_STR, "https");
	C.easy_setopt(h, CURLOPT_SSL_VERIFYPEER, 1L);
	C.easy_setopt(h, CURLOPT_SSL_VERIFYHOST, 2L);
	if (s->ca_file != NULL)
		C.easy_setopt(h, CURLOPT_CAINFO, s->ca_file);
	if (s->pinned_key != NULL)
		C.easy_setopt(h, CURLOPT_PINNEDPUBLICKEY, s->pinned_key);
	/* libcurl reads https_proxy/no_proxy from the environment itself;
	 * a configured proxy overrides it. */
	if (s->proxy != NULL)
		C.easy_setopt(h, CURLOPT_PROXY, s->proxy);
	C.easy_setopt(h, CURLOPT_FOLLOWLOCATION, 1L);
	C.easy_setopt(h, CURLOPT_MAXREDIRS, 5L);
	C.easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
	C.easy_setopt(h, CURLOPT_CONNECTTIMEOUT, s->connect_timeout);
	C.easy_setopt(h, CURLOPT_TIMEOUT, s->timeout);
	C.easy_setopt(h, CURLOPT_LOW_SPEED_LIMIT, s->low_speed_limit);
	C.easy_setopt(h, CURLOPT_LOW_SPEED_TIME, s->low_speed_time);
	C.easy_setopt(h, CURLOPT_USERAGENT, "kensa/" KS_VERSION);
	C.easy_setopt(h, CURLOPT_ERRORBUFFER, errbuf);
	C.easy_setopt(h, CURLOPT_HEADERFUNCTION, on_header);
	C.easy_setopt(h, CURLOPT_HEADERDATA, x);
	C.easy_setopt(h, CURLOPT_WRITEFUNCTION, on_write);
	C.easy_setopt(h, CURLOPT_WRITEDATA, x);
	if (req->progress_tty || req->progress_log) {
		C.easy_setopt(h, CURLOPT_XFERINFOFUNCTION, on_progress);
		C.easy_setopt(h, CURLOPT_XFERINFODATA, x);
		C.easy_setopt(h, CURLOPT_NOPROGRESS, 0L);
	}
	if (x->offset < s->max_size)
		C.easy_setopt(h, CURLOPT_MAXFILESIZE_LARGE,
		    (curl_off_t)(s->max_size - x->offset));
	C.easy_setopt(h, CURLOPT_HTTPHEADER, *hdrs);
	return h;
}

static struct curl_slist *
add_header(struct curl_slist *l, const char *name, const char *v)
{
	char *line = ks_asprintf("%s: %s", name, v);
	struct curl_slist *n = C.slist_append(l, line);

	free(line);
	return n != NULL ? n : l;
}

/*
 * One attempt. Sets *wait to the server's Retry-After (or -1) and the
 * message on failure. `validator` is the If-Range value for a resume.
 */
static enum outcome
attempt(const struct feed_fetch_req *req, struct feed_fetch_res *res,
    const char *validator, double *wait, int *rc)
{
	const struct feed_source *s = req->src;
	struct xfer x;
	struct curl_slist *hdrs = NULL;
	char errbuf[CURL_ERROR_SIZE] = "";
	CURL *h = NULL;
	CURLcode cc;
	struct stat st;
	enum outcome o = FATAL;

	memset(&x, 0, sizeof(x));
	x.req = req;
	*wait = -1;
	*rc = KS_ERROR;
	if (req->path != NULL) {
		bool resume = strong(validator) &&
		    stat(req->path, &st) == 0 && st.st_size > 0;

		x.fp = fopen(req->path, resume ? "ab" : "wb");
		if (x.fp == NULL) {
			ks_error_set("%s: %s: cannot write %s: %s", s->name,
			    req->url, req->path, strerror(errno));
			return FATAL;
		}
		if (resume) {
			x.offset = (uint64_t)st.st_size;
			x.ranged = true;
			hdrs = add_header(hdrs, "If-Range", validator);
		}
	} else {
		ks_buf_reset(req->mem);
	}
	if (!x.ranged) {
		if (req->etag != NULL && *req->etag)
			hdrs = add_header(hdrs, "If-None-Match", req->etag);
		if (req->last_modified != NULL && *req->last_modified)
			hdrs = add_header(hdrs, "If-Modified-Since",
			    req->last_modified);
	}
	h = easy_new(req, &x, errbuf, &hdrs);
	if (h == NULL) {
		ks_error_set("%s: %s: cannot initialise libcurl", s->name,
		    req->url);
		goto out;
	}
	if (x.ranged)
		C.easy_setopt(h, CURLOPT_RESUME_FROM_LARGE,
		    (curl_off_t)x.offset);
	cc = C.easy_perform(h);
	if (x.drew) {
		fputc('\n', stderr);
		x.drew = false;
	}
	res->attempts++;
	res->status = x.status;
	if (x.fp != NULL && fflush(x.fp) != 0)
		x.io_err = true;
	/* Keep the validators of a failed 2xx too: they let the next
	 * attempt resume the partial file. */
	if (ok_status(x.status) || x.status == 304) {
		snprintf(res->etag, sizeof(res->etag), "%s", x.etag);
		snprintf(res->last_modified, sizeof(res->last_modified), "%s",
		    x.last_modified);
	}
	if (x.cap_hit || cc == CURLE_FILESIZE_EXCEEDED) {
		ks_error_set("%s: %s: larger than max_size (%llu bytes); "
		    "aborted", s->name, req->url,
		    (unsigned long long)s->max_size);
		*rc = KS_ELIMIT;
		goto out;
	}
	if (x.io_err) {
		ks_error_set("%s: %s: cannot write %s: %s", s->name, req->url,
		    req->path ? req->path : "memory", strerror(errno));
		goto out;
	}
	if (x.bad_range) {
		ks_error_set("%s: %s: server answered a different range "
		    "than asked; restarting", s->name, req->url);
		if (req->path != NULL && x.fp != NULL)
			(void)ftruncate(fileno(x.fp), 0);
		o = TRANSIENT;
		goto out;
	}
	if (cc != CURLE_OK) {
		const char *why = *errbuf ? errbuf : C.easy_strerror(cc);

		if (cc == CURLE_OPERATION_TIMEDOUT)
			ks_error_set("%s: %s: timeout: %s", s->name, req->url,
			    why);
		else if (cc == CURLE_PARTIAL_FILE)
			ks_error_set("%s: %s: truncated transfer: %s", s->name,
			    req->url, why);
		else if (cc == CURLE_PEER_FAILED_VERIFICATION ||
		    cc == CURLE_SSL_PINNEDPUBKEYNOTMATCH ||
		    cc == CURLE_SSL_CACERT_BADFILE)
			ks_error_set("%s: %s: TLS verification failed: %s",
			    s->name, req->url, why);
		else
			ks_error_set("%s: %s: %s", s->name, req->url, why);
		*rc = cc == CURLE_OPERATION_TIMEDOUT ? KS_ELIMIT : KS_ERROR;
		o = transient_curl(cc) ? TRANSIENT : FATAL;
		goto out;
	}
	if (x.status == 304 && (req->etag || req->last_modified) &&
	    !x.ranged) {
		res->not_modified = true;
		o = DONE;
		*rc = 0;
		goto out;
	}
	if (x.status == 416 && x.ranged) {
		/* Our partial file is longer than the resource: start over. */
		ks_error_set("%s: %s: HTTP 416 on resume; restarting",
		    s->name, req->url);
		if (x.fp != NULL)
			(void)ftruncate(fileno(x.fp), 0);
		o = TRANSIENT;
		goto out;
	}
	if (!ok_status(x.status)) {
		ks_error_set("%s: %s: HTTP %ld", s->name, req->url, x.status);
		if (*x.retry_after)
			*wait = feed_fetch_retry_after(x.retry_after,
			    (int64_t)time(NULL));
		*rc = x.status == 404 || x.status == 410 ? KS_ENOTFOUND :
		    KS_ERROR;
		o = transient_status(x.status) ? TRANSIENT : FATAL;
		goto out;
	}
	res->resumed = x.ranged && x.status == 206;
	res->size = x.offset + x.written;
	*rc = 0;
	o = DONE;
out:
	if (x.fp != NULL && fclose(x.fp) != 0 && o == DONE) {
		ks_error_set("%s: %s: cannot write %s: %s", s->name, req->url,
		    req->path, strerror(errno));
		*rc = KS_ERROR;
		o = FATAL;
	}
	C.slist_free_all(hdrs);
	if (h != NULL)
		C.easy_cleanup(h);
	return o;
}

int
feed_fetch(const struct feed_fetch_req *req, struct feed_fetch_res *res)
{
	const struct feed_source *s = req->src;
	char validator[256] = "";
	unsigned n;
	int rc = KS_ERROR;

	memset(res, 0, sizeof(*res));
	/* libcrypto for the retry jitter; what is fetched is hashed too. */
	if ((rc = feed_fetch_global_init()) != 0 ||
	    (rc = ks_dl_need(&ks_crypto_lib, "downloading")) != 0)
		return rc;
	if (req->partial_validator != NULL)
		snprintf(validator, sizeof(validator), "%s",
		    req->partial_validator);
	/* Bounded: at most 1 + retries (<= 21) attempts, each bounded by
	 * the transfer timeout, each wait by retry_max. */
	for (n = 0; n <= s->retries; n++) {
		double wait = -1;
		enum outcome o = attempt(req, res, validator, &wait, &rc);

		if (o == DONE || o == FATAL)
			return rc;
		if (n == s->retries)
			break;
		if (strong(res->etag))
			snprintf(validator, sizeof(validator), "%s", res->etag);
		else if (*res->last_modified)
			snprintf(validator, sizeof(validator), "%s",
			    res->last_modified);
		if (wait < 0)
			wait = feed_fetch_backoff(n + 1, s->retry_base,
			    s->retry_max, jitter());
		else if (wait > s->retry_max)
			wait = s->retry_max;
		ks_warn("%s; retrying in %.1f s (%u of %u)", ks_error_msg(),
		    wait, n + 1, s->retries);
		sleep_seconds(wait);
	}
	return rc;
}
