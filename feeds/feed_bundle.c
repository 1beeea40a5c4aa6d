/*
 * Signed checklist bundles (format in feeds/feeds.h): signing a directory
 * into one tar, and verifying it against trust anchors, optionally
 * extracting it in the same single pass. Signatures are OpenSSL's
 * (Ed25519, RSA-PSS/SHA-256); reading and staging are feed_archive.c's.
 * Not for downloading or caching bundles: that is feed_fetch/feed_cache.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "platform/base/base.h"
#include "platform/base/dl_libs.h"
#include "feeds/feeds.h"
#include "feeds/feed_int_bundle.h"

#define MANIFEST_HEADER		"kensa-bundle 1\n"
#define MANIFEST_NAME		"MANIFEST"
#define SIG_NAME		"MANIFEST.sig"
/* Trust files are small; a handful of officers' keys. */
#define TRUST_MAX_FILE		(1u << 20)
#define TRUST_MAX_KEYS		64
/* RSA keys shorter than this are refused for signing and as anchors. */
#define RSA_MIN_BITS		2048
#define IOBLOCK			65536

/* ---- manifest ------------------------------------------------------------ */

static int
hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

/* Checks one manifest (or to-be-signed) path; NULL when fine, else why. */
static const char *
path_problem(const char *p, size_t n)
{
	size_t i, start = 0;

	if (n == 0)
		return "empty path";
	if (n > FEED_BUNDLE_MAX_PATH)
		return "path too long";
	if (!ks_utf8_valid(p, n))
		return "path is not UTF-8";
	if (p[0] == '/')
		return "absolute path";
	for (i = 0; i < n; i++)
		if ((unsigned char)p[i] < 0x20 || p[i] == 0x7f)
			return "control character in the path";
	for (i = 0; i <= n; i++) {
		if (i < n && p[i] != '/')
			continue;
		if (i == start)
			return "empty path component";
		if (i - start == 1 && p[start] == '.')
			return "'.' component";
		if (i - start == 2 && p[start] == '.' && p[start + 1] == '.')
			return "'..' component (path traversal)";
		start = i + 1;
	}
	if ((n == sizeof(MANIFEST_NAME) - 1 &&
	    memcmp(p, MANIFEST_NAME, n) == 0) ||
	    (n == sizeof(SIG_NAME) - 1 && memcmp(p, SIG_NAME, n) == 0))
		return "reserved name";
	return NULL;
}

void
feed_manifest_free(struct feed_manifest *m)
{
	size_t i;

	if (m == NULL)
		return;
	for (i = 0; i < m->n; i++)
		free(m->v[i].path);
	free(m->v);
	free(m);
}

struct feed_manifest_entry *
feed_manifest_find(const struct feed_manifest *m, const char *path)
{
	size_t lo = 0, hi = m->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(path, m->v[mid].path);

		if (c == 0)
			return &m->v[mid];
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

/* Parses "<hex64>  <size>  <path>" (without the newline) into e. */
static const char *
parse_line(const char *s, size_t n, struct feed_manifest_entry *e)
{
	const char *p = s, *end = s + n, *why;
	uint64_t size = 0;
	size_t i, digits = 0;

	if (n < 64 + 2 + 1 + 2 + 1)
		return "line too short";
	for (i = 0; i < 32; i++) {
		int hi = hexval((unsigned char)p[2 * i]);
		int lo = hexval((unsigned char)p[2 * i + 1]);

		if (hi < 0 || lo < 0)
			return "bad SHA-256 (64 lowercase hex digits)";
		e->sha256[i] = (unsigned char)(hi << 4 | lo);
	}
	p += 64;
	if (p[0] != ' ' || p[1] != ' ')
		return "expected two spaces after the SHA-256";
	p += 2;
	for (; p < end && *p >= '0' && *p <= '9'; p++, digits++) {
		if (size > (UINT64_MAX - 9) / 10)
			return "size too large";
		size = size * 10 + (uint64_t)(*p - '0');
	}
	if (digits == 0 || (digits > 1 && p[-(long)digits] == '0'))
		return "bad size (a decimal number without leading zeros)";
	if (end - p < 3 || p[0] != ' ' || p[1] != ' ')
		return "expected two spaces and a path after the size";
	p += 2;
	if ((why = path_problem(p, (size_t)(end - p))) != NULL)
		return why;
	e->size = size;
	e->path = ks_strndup(p, (size_t)(end - p));
	return NULL;
}

int
feed_manifest_parse(const char *buf, size_t len, const char *name,
    struct feed_manifest **out)
{
	struct feed_manifest *m;
	size_t cap = 0, line = 1, hl = sizeof(MANIFEST_HEADER) - 1;
	const char *p, *end = buf + len, *why;
	int rc = KS_EPARSE;

	*out = NULL;
	m = ks_calloc(1, sizeof(*m));
	if (len > FEED_BUNDLE_MAX_MANIFEST) {
		ks_error_set("%s: MANIFEST larger than %u bytes", name,
		    FEED_BUNDLE_MAX_MANIFEST);
		rc = KS_ELIMIT;
		goto out;
	}
	if (len < hl || memcmp(buf, MANIFEST_HEADER, hl) != 0) {
		ks_error_set("%s: MANIFEST line 1: expected \"kensa-bundle "
		    "1\"", name);
		goto out;
	}
	if (memchr(buf, '\0', len) != NULL) {
		ks_error_set("%s: MANIFEST holds a NUL byte", name);
		goto out;
	}
	for (p = buf + hl; p < end; ) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		struct feed_manifest_entry e;

		line++;
		memset(&e, 0, sizeof(e));
		if (nl == NULL) {
			ks_error_set("%s: MANIFEST line %zu: no final newline",
			    name, line);
			goto out;
		}
		if ((why = parse_line(p, (size_t)(nl - p), &e)) != NULL) {
			ks_error_set("%s: MANIFEST line %zu: %s", name, line,
			    why);
			goto out;
		}
		if (m->n > 0 && strcmp(m->v[m->n - 1].path, e.path) >= 0) {
			ks_error_set("%s: MANIFEST line %zu: '%s' %s", name,
			    line, e.path, strcmp(m->v[m->n - 1].path,
			    e.path) == 0 ? "listed twice (duplicate path)" :
			    "out of order (paths must be sorted)");
			free(e.path);
			goto out;
		}
		if (m->n >= FEED_ARCHIVE_MAX_ENTRIES ||
		    m->total + e.size < m->total) {
			ks_error_set("%s: MANIFEST: more than %u files or "
			    "bytes overflow", name, FEED_ARCHIVE_MAX_ENTRIES);
			free(e.path);
			rc = KS_ELIMIT;
			goto out;
		}
		ks_grow(&m->v, &cap, m->n + 1, sizeof(*m->v));
		m->v[m->n++] = e;
		m->total += e.size;
		p = nl + 1;
	}
	/* A file may not also be a directory of another ("a" and "a/b"). */
	for (size_t i = 0; i < m->n; i++) {
		char dir[FEED_BUNDLE_MAX_PATH + 1];
		const char *s = m->v[i].path, *sl;

		for (sl = strchr(s, '/'); sl != NULL;
		    sl = strchr(sl + 1, '/')) {
			struct feed_manifest_entry *f;

			memcpy(dir, s, (size_t)(sl - s));
			dir[sl - s] = '\0';
			if ((f = feed_manifest_find(m, dir)) != NULL) {
				ks_error_set("%s: MANIFEST: '%s' is both a "
				    "file and a directory of '%s'", name,
				    f->path, s);
				goto out;
			}
		}
	}
	*out = m;
	m = NULL;
	rc = 0;
out:
	feed_manifest_free(m);
	return rc;
}

/* ---- keys and signatures ------------------------------------------------- */

struct feed_trust {
	EVP_PKEY	**keys;
	size_t		  n, cap;
};

int
feed_trust_new(struct feed_trust **out)
{
	*out = ks_calloc(1, sizeof(**out));
	return 0;
}

void
feed_trust_free(struct feed_trust *t)
{
	size_t i;

	if (t == NULL)
		return;
	for (i = 0; i < t->n; i++)
		ks_crypto.EVP_PKEY_free(t->keys[i]);
	free(t->keys);
	free(t);
}

size_t
feed_trust_count(const struct feed_trust *t)
{
	return t->n;
}

/* The first OpenSSL error in words, and the queue cleared. */
static const char *
ossl_why(void)
{
	static _Thread_local char msg[256];
	unsigned long e = ks_crypto.ERR_peek_error();

	if (e == 0)
		snprintf(msg, sizeof(msg), "unknown OpenSSL error");
	else
		ks_crypto.ERR_error_string_n(e, msg, sizeof(msg));
	ks_crypto.ERR_clear_error();
	return msg;
}

/* Ed25519, or RSA of at least RSA_MIN_BITS; NULL when fine, else why. */
static const char *
key_problem(EVP_PKEY *k)
{
	switch (ks_crypto.EVP_PKEY_get_base_id(k)) {
	case EVP_PKEY_ED25519:
		return NULL;
	case EVP_PKEY_RSA:
	case EVP_PKEY_RSA_PSS:
		if (ks_crypto.EVP_PKEY_get_bits(k) < RSA_MIN_BITS)
			return "RSA key shorter than 2048 bits";
		return NULL;
	default:
		return "key type is neither Ed25519 nor RSA";
	}
}

/* "SHA256:<hex>" of the key's SubjectPublicKeyInfo into out[72]. */
static void
key_fingerprint(EVP_PKEY *k, char *out, size_t outsz)
{
	unsigned char *der = NULL, md[32];
	unsigned int mdlen = 0;
	int n = ks_crypto.i2d_PUBKEY(k, &der);
	size_t i, o;

	snprintf(out, outsz, "SHA256:?");
	if (n <= 0 || ks_crypto.EVP_Digest(der, (size_t)n, md, &mdlen,
	    ks_crypto.EVP_sha256(), NULL) != 1 || mdlen != 32 ||
	    outsz < 7 + 64 + 1) {
		ks_openssl_free(der);
		ks_crypto.ERR_clear_error();
		return;
	}
	ks_openssl_free(der);
	o = (size_t)snprintf(out, outsz, "SHA256:");
	for (i = 0; i < 32; i++, o += 2)
		snprintf(out + o, outsz - o, "%02x", md[i]);
}

int
feed_trust_add_pem(struct feed_trust *t, const char *pem, size_t len,
    const char *name)
{
	EVP_PKEY *got[TRUST_MAX_KEYS];
	size_t ngot = 0, i;
	BIO *bio = NULL;
	int rc = KS_EPARSE;

	if (len > TRUST_MAX_FILE || len > INT_MAX) {
		ks_error_set("%s: larger than %u bytes", name, TRUST_MAX_FILE);
		return KS_ELIMIT;
	}
	if ((rc = ks_dl_need(&ks_crypto_lib, "reading trusted keys")) != 0)
		return rc;
	rc = KS_EPARSE;
	ks_crypto.ERR_clear_error();
	if ((bio = ks_crypto.BIO_new_mem_buf(pem, (int)len)) == NULL) {
		ks_error_set("%s: %s", name, ossl_why());
		return KS_ENOMEM;
	}
	for (;;) {
		char *pname = NULL, *header = NULL;
		unsigned char *data = NULL;
		const unsigned char *dp;
		long dlen = 0;
		EVP_PKEY *k = NULL;
		const char *why;

		if (ks_crypto.PEM_read_bio(bio, &pname, &header, &data,
		    &dlen) != 1) {
			unsigned long e = ks_crypto.ERR_peek_last_error();

			if (ERR_GET_LIB(e) == ERR_LIB_PEM &&
			    ERR_GET_REASON(e) == PEM_R_NO_START_LINE) {
				ks_crypto.ERR_clear_error();
				break;
			}
			ks_error_set("%s: bad PEM: %s", name, ossl_why());
			goto out;
		}
		dp = data;
		if (strcmp(pname, "PUBLIC KEY") == 0) {
			k = ks_crypto.d2i_PUBKEY(NULL, &dp, dlen);
		} else if (strcmp(pname, "RSA PUBLIC KEY") == 0) {
			k = ks_crypto.d2i_PublicKey(EVP_PKEY_RSA, NULL, &dp,
			    dlen);
		} else if (strcmp(pname, "CERTIFICATE") == 0 ||
		    strcmp(pname, "X509 CERTIFICATE") == 0 ||
		    strcmp(pname, "TRUSTED CERTIFICATE") == 0) {
			X509 *x = strcmp(pname, "TRUSTED CERTIFICATE") == 0 ?
			    ks_crypto.d2i_X509_AUX(NULL, &dp, dlen) :
			    ks_crypto.d2i_X509(NULL, &dp, dlen);

			if (x != NULL)
				k = ks_crypto.X509_get_pubkey(x);
			ks_crypto.X509_free(x);
		} else {
			ks_error_set("%s: a '%s' block is not a public key or "
			    "a certificate (trust anchors hold public keys "
			    "only)", name, pname);
			ks_openssl_free(pname);
			ks_openssl_free(header);
			ks_openssl_free(data);
			goto out;
		}
		if (k == NULL)
			ks_error_set("%s: bad '%s' block: %s", name, pname,
			    ossl_why());
		else if ((why = key_problem(k)) != NULL)
			ks_error_set("%s: %s", name, why);
		else if (ngot >= TRUST_MAX_KEYS)
			ks_error_set("%s: more than %d keys", name,
			    TRUST_MAX_KEYS);
		ks_openssl_free(pname);
		ks_openssl_free(header);
		ks_openssl_free(data);
		if (k == NULL || key_problem(k) != NULL ||
		    ngot >= TRUST_MAX_KEYS) {
			ks_crypto.EVP_PKEY_free(k);
			goto out;
		}
		got[ngot++] = k;
	}
	if (ngot == 0) {
		ks_error_set("%s: no public key or certificate in it", name);
		goto out;
	}
	if (t->n + ngot > TRUST_MAX_KEYS) {
		ks_error_set("%s: more than %d trusted keys in all", name,
		    TRUST_MAX_KEYS);
		rc = KS_ELIMIT;
		goto out;
	}
	ks_grow(&t->keys, &t->cap, t->n + ngot, sizeof(*t->keys));
	for (i = 0; i < ngot; i++)
		t->keys[t->n++] = got[i];
	ngot = 0;
	rc = 0;
out:
	for (i = 0; i < ngot; i++)
		ks_crypto.EVP_PKEY_free(got[i]);
	ks_crypto.BIO_free(bio);
	return rc;
}

int
feed_trust_add_file(struct feed_trust *t, const char *path)
{
	char *buf = NULL;
	size_t len = 0;
	int rc;

	if ((rc = ks_file_read(path, TRUST_MAX_FILE, &buf, &len)) != 0)
		return rc;
	rc = feed_trust_add_pem(t, buf, len, path);
	free(buf);
	return rc;
}

/* Sets up ctx for k: Ed25519 pure, or RSA-PSS SHA-256 with MGF1-SHA-256
 * and a salt as long as the digest. `sign` picks the direction. */
static bool
sig_init(EVP_MD_CTX *ctx, EVP_PKEY *k, bool sign)
{
	EVP_PKEY_CTX *pctx = NULL;

	if (ks_crypto.EVP_PKEY_get_base_id(k) == EVP_PKEY_ED25519)
		return (sign ?
		    ks_crypto.EVP_DigestSignInit(ctx, NULL, NULL, NULL, k) :
		    ks_crypto.EVP_DigestVerifyInit(ctx, NULL, NULL, NULL,
		    k)) == 1;
	if ((sign ? ks_crypto.EVP_DigestSignInit(ctx, &pctx,
	    ks_crypto.EVP_sha256(), NULL, k) :
	    ks_crypto.EVP_DigestVerifyInit(ctx, &pctx,
	    ks_crypto.EVP_sha256(), NULL, k)) != 1)
		return false;
	return ks_crypto.EVP_PKEY_CTX_set_rsa_padding(pctx,
	    RSA_PKCS1_PSS_PADDING) > 0 &&
	    ks_crypto.EVP_PKEY_CTX_set_rsa_mgf1_md(pctx,
	    ks_crypto.EVP_sha256()) > 0 &&
	    ks_crypto.EVP_PKEY_CTX_set_rsa_pss_saltlen(pctx,
	    RSA_PSS_SALTLEN_DIGEST) > 0;
}

static bool
sig_verify(EVP_PKEY *k, const void *msg, size_t len, const void *sig,
    size_t siglen)
{
	EVP_MD_CTX *ctx = ks_crypto.EVP_MD_CTX_new();
	bool ok = ctx != NULL && sig_init(ctx, k, false) &&
	    ks_crypto.EVP_DigestVerify(ctx, sig, siglen, msg, len) == 1;

	ks_crypto.EVP_MD_CTX_free(ctx);
	ks_crypto.ERR_clear_error();
	return ok;
}

/* Signs msg with k; *sig (caller frees) and *siglen, or KS_ERROR. */
static int
sig_sign(EVP_PKEY *k, const void *msg, size_t len, unsigned char **sig,
    size_t *siglen, const char *keyname)
{
	EVP_MD_CTX *ctx = ks_crypto.EVP_MD_CTX_new();
	unsigned char *s = NULL;
	size_t n = 0;
	int rc = KS_ERROR;

	if (ctx == NULL || !sig_init(ctx, k, true) ||
	    ks_crypto.EVP_DigestSign(ctx, NULL, &n, msg, len) != 1 ||
	    n > FEED_BUNDLE_MAX_SIG) {
		ks_error_set("%s: cannot sign: %s", keyname, ossl_why());
		goto out;
	}
	s = ks_malloc(n);
	if (ks_crypto.EVP_DigestSign(ctx, s, &n, msg, len) != 1) {
		ks_error_set("%s: cannot sign: %s", keyname, ossl_why());
		goto out;
	}
	*sig = s;
	*siglen = n;
	s = NULL;
	rc = 0;
out:
	free(s);
	ks_crypto.EVP_MD_CTX_free(ctx);
	return rc;
}

/* Passphrase of an encrypted key: $KENSA_KEY_PASSPHRASE, never a prompt. */
static int
pass_cb(char *buf, int size, int rwflag, void *u)
{
	const char *p = getenv("KENSA_KEY_PASSPHRASE");
	size_t n;

	(void)rwflag;
	(void)u;
	if (p == NULL || size <= 0)
		return -1;
	n = strlen(p);
	if (n >= (size_t)size)
		return -1;
	memcpy(buf, p, n);
	return (int)n;
}

static int
load_private_key(const char *path, EVP_PKEY **out)
{
	char *buf = NULL;
	size_t len = 0;
	BIO *bio = NULL;
	EVP_PKEY *k = NULL;
	const char *why;
	int rc;

	*out = NULL;
	if ((rc = ks_file_read(path, TRUST_MAX_FILE, &buf, &len)) != 0)
		return rc;
	rc = KS_EPARSE;
	ks_crypto.ERR_clear_error();
	if ((bio = ks_crypto.BIO_new_mem_buf(buf, (int)len)) == NULL ||
	    (k = ks_crypto.PEM_read_bio_PrivateKey(bio, NULL, pass_cb,
	    NULL)) == NULL) {
		ks_error_set("%s: not a PEM private key (an encrypted key "
		    "needs $KENSA_KEY_PASSPHRASE): %s", path, ossl_why());
		goto out;
	}
	if ((why = key_problem(k)) != NULL) {
		ks_error_set("%s: %s", path, why);
		goto out;
	}
	*out = k;
	k = NULL;
	rc = 0;
out:
	ks_crypto.EVP_PKEY_free(k);
	ks_crypto.BIO_free(bio);
	ks_crypto.OPENSSL_cleanse(buf, len);
	free(buf);
	return rc;
}

/* ---- signing ------------------------------------------------------------- */

struct sign_file {
	char		*rel;		/* path in the bundle */
	char		*full;		/* path to read */
	uint64_t	 size;
	unsigned char	 sha256[32];
};

struct sign_walk {
	const char		*dir;
	char			*realdir;
	struct sign_file	*v;
	size_t			 n, cap;
};

static int
sign_file_cmp(const void *a, const void *b)
{
	return strcmp(((const struct sign_file *)a)->rel,
	    ((const struct sign_file *)b)->rel);
}

/* SHA-256 and size of a file, reading at most max+1 bytes. */
static int
hash_file(const char *path, unsigned char md[32], uint64_t *size)
{
	unsigned char *buf = ks_malloc(IOBLOCK);
	EVP_MD_CTX *ctx = ks_crypto.EVP_MD_CTX_new();
	uint64_t total = 0;
	int fd = -1, rc = KS_ERROR;
	ssize_t n;

	if (ctx == NULL || ks_crypto.EVP_DigestInit_ex(ctx,
	    ks_crypto.EVP_sha256(), NULL) != 1) {
		ks_error_set("SHA-256: %s", ossl_why());
		goto out;
	}
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0) {
		ks_error_set("cannot open %s: %s", path, strerror(errno));
		rc = errno == ENOENT ? KS_ENOTFOUND : errno == EACCES ?
		    KS_EPERM : KS_ERROR;
		goto out;
	}
	while ((n = read(fd, buf, IOBLOCK)) != 0) {
		if (n < 0) {
			if (errno == EINTR)
				continue;
			ks_error_set("cannot read %s: %s", path,
			    strerror(errno));
			goto out;
		}
		ks_crypto.EVP_DigestUpdate(ctx, buf, (size_t)n);
		total += (uint64_t)n;
	}
	ks_crypto.EVP_DigestFinal_ex(ctx, md, NULL);
	*size = total;
	rc = 0;
out:
	if (fd >= 0)
		close(fd);
	ks_crypto.EVP_MD_CTX_free(ctx);
	free(buf);
	return rc;
}

static int
walk_dir(struct sign_walk *w, const char *full, const char *rel)
{
	DIR *d;
	struct dirent *de;
	int rc = 0;

	if ((d = opendir(full)) == NULL) {
		ks_error_set("cannot read %s: %s", full, strerror(errno));
		return errno == EACCES ? KS_EPERM : KS_ERROR;
	}
	while (rc == 0 && (de = readdir(d)) != NULL) {
		struct stat sb;
		char *f, *r;
		const char *why;

		if (strcmp(de->d_name, ".") == 0 ||
		    strcmp(de->d_name, "..") == 0)
			continue;
		f = ks_asprintf("%s/%s", full, de->d_name);
		r = *rel ? ks_asprintf("%s/%s", rel, de->d_name) :
		    ks_strdup(de->d_name);
		if (lstat(f, &sb) != 0) {
			ks_error_set("cannot look at %s: %s", f,
			    strerror(errno));
			rc = KS_ERROR;
		} else if ((why = path_problem(r, strlen(r))) != NULL) {
			ks_error_set("%s: cannot be bundled: %s", f, why);
			rc = KS_EPARSE;
		} else if (S_ISDIR(sb.st_mode)) {
			rc = walk_dir(w, f, r);
		} else if (S_ISLNK(sb.st_mode)) {
			char *real = realpath(f, NULL);
			size_t rl = strlen(w->realdir);

			if (real == NULL ||
			    strncmp(real, w->realdir, rl) != 0 ||
			    real[rl] != '/') {
				if (real == NULL)
					ks_error_set("%s: dangling or "
					    "unreadable symlink; refused", f);
				else
					ks_error_set("%s: symlink escapes %s; "
					    "refused", f, w->dir);
				rc = KS_EPARSE;
			} else if (stat(real, &sb) != 0 ||
			    !S_ISREG(sb.st_mode)) {
				ks_error_set("%s: symlink to something other "
				    "than a regular file; refused", f);
				rc = KS_EPARSE;
			}
			free(real);
			if (rc == 0)
				goto add;
		} else if (S_ISREG(sb.st_mode)) {
			goto add;
		} else {
			ks_error_set("%s: not a regular file (devices, FIFOs "
			    "and sockets are refused)", f);
			rc = KS_EPARSE;
		}
		free(f);
		free(r);
		continue;
add:
		if (w->n >= FEED_ARCHIVE_MAX_ENTRIES - 2) {
			ks_error_set("%s: more than %u files", w->dir,
			    FEED_ARCHIVE_MAX_ENTRIES - 2);
			free(f);
			free(r);
			rc = KS_ELIMIT;
			break;
		}
		ks_grow(&w->v, &w->cap, w->n + 1, sizeof(*w->v));
		memset(&w->v[w->n], 0, sizeof(w->v[0]));
		w->v[w->n].full = f;
		w->v[w->n].rel = r;
		w->n++;
	}
	closedir(d);
	return rc;
}

/* One tar entry header for a regular file. */
static int
write_header(struct archive *a, const char *name, uint64_t size,
    const char *out)
{
	struct archive_entry *e = ks_archive.archive_entry_new();
	int x;

	ks_archive.archive_entry_set_pathname(e, name);
	ks_archive.archive_entry_set_filetype(e, AE_IFREG);
	ks_archive.archive_entry_set_perm(e, 0644);
	ks_archive.archive_entry_set_size(e, (la_int64_t)size);
	/* reproducible bundles */
	ks_archive.archive_entry_set_mtime(e, 0, 0);
	x = ks_archive.archive_write_header(a, e);
	ks_archive.archive_entry_free(e);
	if (x != ARCHIVE_OK) {
		ks_error_set("%s: cannot write '%s': %s", out, name,
		    ks_archive.archive_error_string(a));
		return KS_ERROR;
	}
	return 0;
}

static int
write_data(struct archive *a, const void *p, size_t n, const char *out)
{
	if (n > 0 && ks_archive.archive_write_data(a, p, n) != (la_ssize_t)n) {
		ks_error_set("%s: cannot write: %s", out,
		    ks_archive.archive_error_string(a));
		return KS_ERROR;
	}
	return 0;
}

/* Copies one file into the tar, checking it did not change since it was
 * hashed. */
static int
write_file(struct archive *a, const struct sign_file *f, const char *out)
{
	unsigned char *buf = ks_malloc(IOBLOCK), md[32];
	EVP_MD_CTX *ctx = ks_crypto.EVP_MD_CTX_new();
	uint64_t total = 0;
	int fd = -1, rc = KS_ERROR;
	ssize_t n;

	if ((rc = write_header(a, f->rel, f->size, out)) != 0)
		goto out;
	rc = KS_ERROR;
	if (ctx == NULL || ks_crypto.EVP_DigestInit_ex(ctx,
	    ks_crypto.EVP_sha256(), NULL) != 1)
		goto out;
	if ((fd = open(f->full, O_RDONLY | O_CLOEXEC)) < 0) {
		ks_error_set("cannot open %s: %s", f->full, strerror(errno));
		goto out;
	}
	while ((n = read(fd, buf, IOBLOCK)) != 0) {
		if (n < 0) {
			if (errno == EINTR)
				continue;
			ks_error_set("cannot read %s: %s", f->full,
			    strerror(errno));
			goto out;
		}
		if (total + (uint64_t)n > f->size)
			break;
		ks_crypto.EVP_DigestUpdate(ctx, buf, (size_t)n);
		total += (uint64_t)n;
		if ((rc = write_data(a, buf, (size_t)n, out)) != 0)
			goto out;
		rc = KS_ERROR;
	}
	ks_crypto.EVP_DigestFinal_ex(ctx, md, NULL);
	if (total != f->size || memcmp(md, f->sha256, 32) != 0) {
		ks_error_set("%s: changed while it was being bundled", f->full);
		goto out;
	}
	rc = 0;
out:
	if (fd >= 0)
		close(fd);
	ks_crypto.EVP_MD_CTX_free(ctx);
	free(buf);
	return rc;
}

int
feed_bundle_sign(const char *dir, const char *keyfile, const char *out)
{
	struct sign_walk w = { .dir = dir };
	struct ks_buf man;
	struct ks_atomic *at = NULL;
	struct archive *a = NULL;
	EVP_PKEY *key = NULL;
	unsigned char *sig = NULL;
	size_t siglen = 0, i;
	struct stat sb;
	int rc;

	if ((rc = ks_dl_need(&ks_crypto_lib, "signing bundles")) != 0 ||
	    (rc = ks_dl_need(&ks_archive_lib, "signing bundles")) != 0)
		return rc;
	ks_buf_init(&man, FEED_BUNDLE_MAX_MANIFEST);
	if ((rc = load_private_key(keyfile, &key)) != 0)
		goto out;
	if (stat(dir, &sb) != 0 || !S_ISDIR(sb.st_mode) ||
	    (w.realdir = realpath(dir, NULL)) == NULL) {
		ks_error_set("%s: not a directory", dir);
		rc = KS_ENOTFOUND;
		goto out;
	}
	if ((rc = walk_dir(&w, dir, "")) != 0)
		goto out;
	qsort(w.v, w.n, sizeof(*w.v), sign_file_cmp);
	rc = ks_buf_puts(&man, MANIFEST_HEADER);
	for (i = 0; rc == 0 && i < w.n; i++) {
		char hex[65];

		if ((rc = hash_file(w.v[i].full, w.v[i].sha256,
		    &w.v[i].size)) != 0)
			goto out;
		for (size_t j = 0; j < 32; j++)
			snprintf(hex + 2 * j, 3, "%02x", w.v[i].sha256[j]);
		rc = ks_buf_printf(&man, "%s  %" PRIu64 "  %s\n", hex,
		    w.v[i].size, w.v[i].rel);
	}
	if (rc != 0) {
		ks_error_set("%s: the manifest would exceed %u bytes", dir,
		    FEED_BUNDLE_MAX_MANIFEST);
		goto out;
	}
	if ((rc = sig_sign(key, man.data, man.len, &sig, &siglen,
	    keyfile)) != 0)
		goto out;
	if ((rc = ks_atomic_open(&at, out)) != 0)
		goto out;
	rc = KS_ERROR;
	if ((a = ks_archive.archive_write_new()) == NULL ||
	    ks_archive.archive_write_set_format_pax_restricted(a) !=
	    ARCHIVE_OK ||
	    ks_archive.archive_write_add_filter_none(a) != ARCHIVE_OK ||
	    ks_archive.archive_write_open_FILE(a, ks_atomic_fp(at)) !=
	    ARCHIVE_OK) {
		ks_error_set("%s: cannot start the tar: %s", out,
		    a ? ks_archive.archive_error_string(a) : "out of memory");
		goto out;
	}
	if ((rc = write_header(a, MANIFEST_NAME, man.len, out)) != 0 ||
	    (rc = write_data(a, man.data, man.len, out)) != 0 ||
	    (rc = write_header(a, SIG_NAME, siglen, out)) != 0 ||
	    (rc = write_data(a, sig, siglen, out)) != 0)
		goto out;
	for (i = 0; i < w.n; i++)
		if ((rc = write_file(a, &w.v[i], out)) != 0)
			goto out;
	if (ks_archive.archive_write_close(a) != ARCHIVE_OK) {
		ks_error_set("%s: cannot finish the tar: %s", out,
		    ks_archive.archive_error_string(a));
		rc = KS_ERROR;
		goto out;
	}
	rc = ks_atomic_commit(at);
	at = NULL;
out:
	if (a != NULL)
		ks_archive.archive_write_free(a);
	ks_atomic_abort(at);
	for (i = 0; i < w.n; i++) {
		free(w.v[i].full);
		free(w.v[i].rel);
	}
	free(w.v);
	free(w.realdir);
	free(sig);
	ks_crypto.EVP_PKEY_free(key);
	ks_buf_free(&man);
	return rc;
}

/* ---- verification -------------------------------------------------------- */

/* Reads the current entry (at most max bytes) into *out. */
static int
read_small(struct feed_arc *r, struct archive_entry *e, const char *want,
    size_t max, struct ks_buf *out)
{
	char buf[4096];
	long n;

	if (strcmp(ks_archive.archive_entry_pathname(e) ?
	    ks_archive.archive_entry_pathname(e) : "",
	    want) != 0 || ks_archive.archive_entry_filetype(e) != AE_IFREG ||
	    ks_archive.archive_entry_hardlink(e) != NULL) {
		ks_error_set("%s: expected the regular file %s as entry %s, "
		    "found '%s': not a kensa bundle", feed_arc_name(r), want,
		    strcmp(want, MANIFEST_NAME) == 0 ? "1" : "2",
		    ks_archive.archive_entry_pathname(e) ?
		    ks_archive.archive_entry_pathname(e) : "");
		return KS_EPARSE;
	}
	ks_buf_init(out, max);
	while ((n = feed_arc_data(r, buf, sizeof(buf))) > 0) {
		if (ks_buf_append(out, buf, (size_t)n) != 0) {
			ks_error_set("%s: %s larger than %zu bytes",
			    feed_arc_name(r), want, max);
			return KS_ELIMIT;
		}
	}
	return n < 0 ? (int)n : 0;
}

/* Checks, and with st set also stages, the current file entry. */
static int
bundle_file(struct feed_arc *r, struct archive_entry *e,
    struct feed_manifest *m, struct feed_stage *st, unsigned char *buf)
{
	const char *bn = feed_arc_name(r);
	const char *name = ks_archive.archive_entry_pathname(e);
	struct feed_manifest_entry *me;
	unsigned char md[32];
	EVP_MD_CTX *ctx = NULL;
	uint64_t total = 0;
	int fd = -1, rc = KS_EPARSE;
	long n;

	if (name == NULL || (me = feed_manifest_find(m, name)) == NULL) {
		ks_error_set("%s: file '%s' is not in the manifest (extra "
		    "file); refused", bn, name ? name : "");
		goto out;
	}
	if (ks_archive.archive_entry_filetype(e) != AE_IFREG ||
	    ks_archive.archive_entry_hardlink(e) != NULL) {
		ks_error_set("%s: entry '%s' is not a regular file; refused",
		    bn, name);
		goto out;
	}
	if (me->seen) {
		ks_error_set("%s: file '%s' appears twice; refused", bn, name);
		goto out;
	}
	me->seen = 1;
	if (ks_archive.archive_entry_size_is_set(e) &&
	    (uint64_t)ks_archive.archive_entry_size(e) != me->size) {
		ks_error_set("%s: file '%s': size %" PRId64 " differs from "
		    "the manifest's %" PRIu64 "; refused", bn, name,
		    (int64_t)ks_archive.archive_entry_size(e), me->size);
		goto out;
	}
	if ((ctx = ks_crypto.EVP_MD_CTX_new()) == NULL ||
	    ks_crypto.EVP_DigestInit_ex(ctx, ks_crypto.EVP_sha256(),
	    NULL) != 1) {
		ks_error_set("SHA-256: %s", ossl_why());
		rc = KS_ERROR;
		goto out;
	}
	if (st != NULL && (fd = feed_stage_create(st, bn, me->path,
	    0644)) < 0) {
		rc = fd;
		goto out;
	}
	while ((n = feed_arc_data(r, buf, IOBLOCK)) > 0) {
		total += (uint64_t)n;
		if (total > me->size) {
			ks_error_set("%s: file '%s': longer than the "
			    "manifest's %" PRIu64 " bytes; refused", bn, name,
			    me->size);
			goto out;
		}
		ks_crypto.EVP_DigestUpdate(ctx, buf, (size_t)n);
		if (fd >= 0 && (rc = feed_write_all(fd, buf, (size_t)n,
		    me->path)) != 0)
			goto out;
		rc = KS_EPARSE;
	}
	if (n < 0) {
		rc = (int)n;
		goto out;
	}
	ks_crypto.EVP_DigestFinal_ex(ctx, md, NULL);
	if (total != me->size) {
		ks_error_set("%s: file '%s': %" PRIu64 " bytes, the manifest "
		    "says %" PRIu64 "; refused", bn, name, total, me->size);
		goto out;
	}
	if (memcmp(md, me->sha256, 32) != 0) {
		ks_error_set("%s: file '%s': SHA-256 differs from the "
		    "manifest (tampered); refused", bn, name);
		goto out;
	}
	if (fd >= 0 && fsync(fd) != 0) {
		ks_error_set("%s: cannot sync '%s': %s", bn, name,
		    strerror(errno));
		rc = KS_ERROR;
		goto out;
	}
	rc = 0;
out:
	if (fd >= 0)
		close(fd);
	ks_crypto.EVP_MD_CTX_free(ctx);
	return rc;
}

/* Verification, and extraction into st when st is not NULL. */
static int
bundle_run(const char *path, const struct feed_trust *trust,
    struct feed_stage *st, const struct feed_archive_limits *lim,
    struct feed_bundle_info *info)
{
	struct feed_arc *r = NULL;
	struct feed_manifest *m = NULL;
	struct archive_entry *e;
	struct ks_buf man, sig;
	unsigned char *buf = ks_malloc(IOBLOCK);
	size_t i, signer = SIZE_MAX;
	int rc, x;

	ks_buf_init(&man, FEED_BUNDLE_MAX_MANIFEST);
	ks_buf_init(&sig, FEED_BUNDLE_MAX_SIG);
	if (trust == NULL || trust->n == 0) {
		ks_error_set("%s: no trusted key to verify it with", path);
		rc = KS_EPERM;
		goto out;
	}
	/* Loaded already for the keys; the archive reader loads its own. */
	if ((rc = ks_dl_need(&ks_crypto_lib, "verifying bundles")) != 0)
		goto out;
	if ((rc = feed_arc_open_file(&r, path, NULL, FEED_ARC_TAR, lim)) != 0)
		goto out;
	for (i = 0; i < 2; i++) {
		if ((x = feed_arc_next(r, &e)) != 1) {
			rc = x < 0 ? x : KS_EPARSE;
			if (x == 0)
				ks_error_set("%s: no %s: not a kensa bundle",
				    path, i ? SIG_NAME : MANIFEST_NAME);
			goto out;
		}
		if ((rc = read_small(r, e, i ? SIG_NAME : MANIFEST_NAME,
		    i ? FEED_BUNDLE_MAX_SIG : FEED_BUNDLE_MAX_MANIFEST,
		    i ? &sig : &man)) != 0)
			goto out;
	}
	/* The signature first: nothing else is interpreted before it. */
	for (i = 0; i < trust->n && signer == SIZE_MAX; i++)
		if (sig_verify(trust->keys[i], man.data, man.len, sig.data,
		    sig.len))
			signer = i;
	if (signer == SIZE_MAX) {
		ks_error_set("%s: MANIFEST.sig does not verify with any "
		    "trusted key (%zu tried): wrong signer or tampered "
		    "manifest; refused", path, trust->n);
		rc = KS_EPERM;
		goto out;
	}
	if ((rc = feed_manifest_parse(man.data, man.len, path, &m)) != 0)
		goto out;
	while ((x = feed_arc_next(r, &e)) == 1)
		if ((rc = bundle_file(r, e, m, st, buf)) != 0)
			goto out;
	if ((rc = x) != 0)
		goto out;
	for (i = 0; i < m->n; i++) {
		if (!m->v[i].seen) {
			ks_error_set("%s: file '%s' is in the manifest but "
			    "missing from the bundle; refused", path,
			    m->v[i].path);
			rc = KS_EPARSE;
			goto out;
		}
	}
	if (info != NULL) {
		info->files = m->n;
		info->bytes = m->total;
		key_fingerprint(trust->keys[signer], info->signer,
		    sizeof(info->signer));
	}
	rc = 0;
out:
	feed_manifest_free(m);
	feed_arc_free(r);
	ks_buf_free(&man);
	ks_buf_free(&sig);
	free(buf);
	return rc;
}

int
feed_bundle_verify(const char *path, const struct feed_trust *trust,
    const struct feed_archive_limits *lim, struct feed_bundle_info *info)
{
	return bundle_run(path, trust, NULL, lim, info);
}

int
feed_bundle_unpack(const char *path, const struct feed_trust *trust,
    const char *destdir, unsigned flags,
    const struct feed_archive_limits *lim, struct feed_bundle_info *info)
{
	struct feed_stage *st = NULL;
	int rc;

	if ((rc = feed_stage_new(&st, destdir, flags)) != 0)
		return rc;
	if ((rc = bundle_run(path, trust, st, lim, info)) != 0) {
		feed_stage_abort(st);
		return rc;
	}
	return feed_stage_commit(st);
}
