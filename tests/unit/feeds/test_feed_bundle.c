/*
 * Tests for feeds/feed_bundle.c: sign/verify/unpack round trips with
 * Ed25519 and RSA-PSS keys generated here, trust anchors as public keys or
 * certificates, and refusal (naming the file and the check) of a tampered
 * file, a tampered manifest, an untrusted signer, an extra, missing or
 * duplicate file and a manifest path with "..", with the destination left
 * as it was. Also the manifest parser and the trust-file loader.
 */
#include <fcntl.h>
#include <ftw.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include <archive.h>
#include <archive_entry.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include "platform/base/base.h"
#include "feeds/feeds.h"
#include "feeds/feed_int_bundle.h"
#include "tests/unit/test_tmp.h"

static char tmp[64];


static const char *
P(const char *name)
{
	static char buf[8][512];
	static int i;
	char *b = buf[i++ % 8];

	snprintf(b, 512, "%s/%s", tmp, name);
	return b;
}

static void
put(const char *path, const char *s)
{
	assert_int_equal(ks_file_write_atomic(path, s, strlen(s)), 0);
}

static char *
slurp(const char *path, size_t *len)
{
	char *buf = NULL;
	size_t n;

	if (ks_file_read(path, 1 << 22, &buf, &n) != 0)
		return NULL;
	if (len != NULL)
		*len = n;
	return buf;
}

static EVP_PKEY *
keygen(const char *type)
{
	EVP_PKEY *k;

	if (strcmp(type, "RSA") == 0)
		k = EVP_PKEY_Q_keygen(NULL, NULL, "RSA", (size_t)2048);
	else if (strcmp(type, "EC") == 0)
		k = EVP_PKEY_Q_keygen(NULL, NULL, "EC", "P-256");
	else
		k = EVP_PKEY_Q_keygen(NULL, NULL, type);
	assert_non_null(k);
	return k;
}

static void
write_key(EVP_PKEY *k, const char *path, bool priv)
{
	BIO *b = BIO_new_file(path, "w");

	assert_non_null(b);
	assert_int_equal(priv ? PEM_write_bio_PrivateKey(b, k, NULL, NULL, 0,
	    NULL, NULL) : PEM_write_bio_PUBKEY(b, k), 1);
	BIO_free(b);
}

/* A self-signed certificate holding k (signed with k itself). */
static void
write_cert(EVP_PKEY *k, const char *path)
{
	X509 *x = X509_new();
	BIO *b = BIO_new_file(path, "w");

	assert_non_null(x);
	X509_set_version(x, 2);
	ASN1_INTEGER_set(X509_get_serialNumber(x), 1);
	X509_gmtime_adj(X509_getm_notBefore(x), 0);
	X509_gmtime_adj(X509_getm_notAfter(x), 3600);
	X509_NAME_add_entry_by_txt(X509_get_subject_name(x), "CN",
	    MBSTRING_ASC, (const unsigned char *)"officer", -1, -1, 0);
	X509_set_issuer_name(x, X509_get_subject_name(x));
	X509_set_pubkey(x, k);
	assert_true(X509_sign(x, k, EVP_sha256()) > 0);
	assert_int_equal(PEM_write_bio_X509(b, x), 1);
	BIO_free(b);
	X509_free(x);
}

/* Keys shared by the tests (RSA generation is slow under ASan). */
static EVP_PKEY *ed, *ed2, *rsa;

static int
group_setup(void **state)
{
	(void)state;
	ed = keygen("ED25519");
	ed2 = keygen("ED25519");
	rsa = keygen("RSA");
	return 0;
}

static int
group_teardown(void **state)
{
	(void)state;
	EVP_PKEY_free(ed);
	EVP_PKEY_free(ed2);
	EVP_PKEY_free(rsa);
	return 0;
}

/* tmp with: src/ (3 files), ed.pem/ed.pub, ed2.pub, rsa.pem/rsa.pub,
 * rsa.crt. */
static int
setup(void **state)
{
	(void)state;
	strcpy(tmp, "/tmp/kensa-bundle-XXXXXX");
	if (mkdtemp(tmp) == NULL)
		return -1;
	mkdir(P("src"), 0755);
	mkdir(P("src/sub"), 0755);
	mkdir(P("src/sub/deeper"), 0755);
	put(P("src/a.xml"), "<Benchmark id=\"a\"/>\n");
	put(P("src/sub/b.txt"), "bravo bravo bravo\n");
	put(P("src/sub/deeper/c"), "c");
	write_key(ed, P("ed.pem"), true);
	write_key(ed, P("ed.pub"), false);
	write_key(ed2, P("ed2.pub"), false);
	write_key(rsa, P("rsa.pem"), true);
	write_key(rsa, P("rsa.pub"), false);
	write_cert(rsa, P("rsa.crt"));
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	return test_tmp_rm(tmp);
}

static struct feed_trust *
trust_of(const char *file)
{
	struct feed_trust *t;

	assert_int_equal(feed_trust_new(&t), 0);
	assert_int_equal(feed_trust_add_file(t, file), 0);
	return t;
}

static void
assert_msg(const char *want)
{
	if (strstr(ks_error_msg(), want) == NULL)
		fail_msg("message '%s' lacks '%s'", ks_error_msg(), want);
}

static void
assert_same_file(const char *a, const char *b)
{
	char *x = slurp(a, NULL), *y = slurp(b, NULL);

	assert_non_null(x);
	assert_non_null(y);
	assert_string_equal(x, y);
	free(x);
	free(y);
}

static void
roundtrip(const char *key, const char *trustfile)
{
	struct feed_trust *t = trust_of(P(trustfile));
	struct feed_bundle_info info;
	struct stat sb;

	assert_int_equal(feed_bundle_sign(P("src"), P(key), P("p.bundle")),
	    0);
	memset(&info, 0, sizeof(info));
	assert_int_equal(feed_bundle_verify(P("p.bundle"), t, NULL, &info),
	    0);
	assert_int_equal(info.files, 3);
	assert_int_equal(info.bytes, 20 + 18 + 1);
	assert_int_equal(strncmp(info.signer, "SHA256:", 7), 0);
	assert_int_equal(strlen(info.signer), 7 + 64);
	assert_int_equal(feed_bundle_unpack(P("p.bundle"), t, P("out"), 0,
	    NULL, NULL), 0);
	assert_same_file(P("src/a.xml"), P("out/a.xml"));
	assert_same_file(P("src/sub/b.txt"), P("out/sub/b.txt"));
	assert_same_file(P("src/sub/deeper/c"), P("out/sub/deeper/c"));
	/* MANIFEST and its signature are not extracted */
	assert_int_equal(stat(P("out/MANIFEST"), &sb), -1);
	assert_int_equal(stat(P("out/MANIFEST.sig"), &sb), -1);
	feed_trust_free(t);
}

static void
test_feed_bundle__ed25519_roundtrip(void **state)
{
	roundtrip("ed.pem", "ed.pub");
}

static void
test_feed_bundle__rsa_pss_roundtrip(void **state)
{
	struct feed_trust *t;

	roundtrip("rsa.pem", "rsa.pub");
	/* a certificate is as good an anchor as its public key */
	t = trust_of(P("rsa.crt"));
	assert_int_equal(feed_bundle_verify(P("p.bundle"), t, NULL, NULL), 0);
	feed_trust_free(t);
	/* and the Ed25519 key does not verify an RSA signature */
	t = trust_of(P("ed.pub"));
	assert_int_equal(feed_bundle_verify(P("p.bundle"), t, NULL, NULL),
	    KS_EPERM);
	feed_trust_free(t);
}

/* Flips the byte at the first occurrence of `needle` (+skip) in `in`. */
static void
flip(const char *in, const char *out, const char *needle, size_t skip)
{
	size_t len = 0;
	char *buf = slurp(in, &len), *p;

	assert_non_null(buf);
	p = memmem(buf, len, needle, strlen(needle));
	assert_non_null(p);
	p[skip] ^= 0x01;
	assert_int_equal(ks_file_write_atomic(out, buf, len), 0);
	free(buf);
}

/* A destination with one marker file; unpacking a bad bundle into it
 * (even with FEED_EXTRACT_REPLACE) must leave it so. */
static void
unpack_refused(const char *bundle, struct feed_trust *t, int rc)
{
	char *s;
	struct stat sb;

	mkdir(P("dest"), 0755);
	put(P("dest/marker"), "old\n");
	assert_int_equal(feed_bundle_unpack(bundle, t, P("dest"),
	    FEED_EXTRACT_REPLACE, NULL, NULL), rc);
	assert_non_null(s = slurp(P("dest/marker"), NULL));
	assert_string_equal(s, "old\n");
	free(s);
	assert_int_equal(stat(P("dest/a.xml"), &sb), -1);
	assert_int_equal(stat(P("out"), &sb), -1);
}

static void
test_feed_bundle__tampered_file(void **state)
{
	struct feed_trust *t = trust_of(P("ed.pub"));

	assert_int_equal(feed_bundle_sign(P("src"), P("ed.pem"),
	    P("p.bundle")), 0);
	flip(P("p.bundle"), P("bad.bundle"), "bravo bravo", 7);
	ks_error_clear();
	assert_int_equal(feed_bundle_verify(P("bad.bundle"), t, NULL, NULL),
	    KS_EPARSE);
	assert_msg("bad.bundle: file 'sub/b.txt': SHA-256 differs from the "
	    "manifest");
	unpack_refused(P("bad.bundle"), t, KS_EPARSE);
	feed_trust_free(t);
}

static void
test_feed_bundle__tampered_manifest(void **state)
{
	struct feed_trust *t = trust_of(P("ed.pub"));

	assert_int_equal(feed_bundle_sign(P("src"), P("ed.pem"),
	    P("p.bundle")), 0);
	/* the size of a.xml in the manifest: "  20  a.xml" -> "  21" */
	flip(P("p.bundle"), P("bad.bundle"), "  20  a.xml", 3);
	ks_error_clear();
	assert_int_equal(feed_bundle_verify(P("bad.bundle"), t, NULL, NULL),
	    KS_EPERM);
	assert_msg("bad.bundle: MANIFEST.sig does not verify");
	unpack_refused(P("bad.bundle"), t, KS_EPERM);
	feed_trust_free(t);
}

static void
test_feed_bundle__untrusted_key(void **state)
{
	struct feed_trust *t = trust_of(P("ed2.pub"));
	char *a, *b, *both;

	assert_int_equal(feed_bundle_sign(P("src"), P("ed.pem"),
	    P("p.bundle")), 0);
	ks_error_clear();
	assert_int_equal(feed_bundle_verify(P("p.bundle"), t, NULL, NULL),
	    KS_EPERM);
	assert_msg("any trusted key (1 tried)");
	unpack_refused(P("p.bundle"), t, KS_EPERM);
	feed_trust_free(t);
	/* one PEM file holding both keys: the right one is found */
	a = slurp(P("ed2.pub"), NULL);
	b = slurp(P("ed.pub"), NULL);
	both = ks_asprintf("%s%s", a, b);
	put(P("both.pem"), both);
	t = trust_of(P("both.pem"));
	assert_int_equal(feed_trust_count(t), 2);
	assert_int_equal(feed_bundle_verify(P("p.bundle"), t, NULL, NULL), 0);
	feed_trust_free(t);
	free(a);
	free(b);
	free(both);
	/* no anchor at all */
	assert_int_equal(feed_trust_new(&t), 0);
	assert_int_equal(feed_bundle_verify(P("p.bundle"), t, NULL, NULL),
	    KS_EPERM);
	feed_trust_free(t);
}

enum retar_mode { RETAR_EXTRA, RETAR_DROP, RETAR_DUP };

/* Copies the tar `in` to `out` with one entry added, dropped or doubled. */
static void
retar(const char *in, const char *out, enum retar_mode mode)
{
	struct archive *r = archive_read_new(), *w = archive_write_new();
	struct archive_entry *e;
	char buf[8192];
	la_ssize_t n;

	archive_read_support_format_tar(r);
	assert_int_equal(archive_read_open_filename(r, in, 10240), 0);
	archive_write_set_format_pax_restricted(w);
	assert_int_equal(archive_write_open_filename(w, out), 0);
	while (archive_read_next_header(r, &e) == ARCHIVE_OK) {
		const char *name = archive_entry_pathname(e);
		int copies = 1;

		if (mode == RETAR_DROP && strcmp(name, "sub/b.txt") == 0)
			copies = 0;
		if (mode == RETAR_DUP && strcmp(name, "a.xml") == 0)
			copies = 2;
		n = archive_read_data(r, buf, sizeof(buf));
		assert_true(n >= 0);
		for (int i = 0; i < copies; i++) {
			assert_int_equal(archive_write_header(w, e), 0);
			assert_int_equal(archive_write_data(w, buf, (size_t)n),
			    n);
		}
	}
	if (mode == RETAR_EXTRA) {
		e = archive_entry_new();
		archive_entry_set_pathname(e, "extra.txt");
		archive_entry_set_filetype(e, AE_IFREG);
		archive_entry_set_perm(e, 0644);
		archive_entry_set_size(e, 6);
		assert_int_equal(archive_write_header(w, e), 0);
		assert_int_equal(archive_write_data(w, "extra\n", 6), 6);
		archive_entry_free(e);
	}
	archive_write_close(w);
	archive_write_free(w);
	archive_read_free(r);
}

static void
test_feed_bundle__extra_missing_duplicate(void **state)
{
	struct feed_trust *t = trust_of(P("ed.pub"));

	assert_int_equal(feed_bundle_sign(P("src"), P("ed.pem"),
	    P("p.bundle")), 0);
	retar(P("p.bundle"), P("extra.bundle"), RETAR_EXTRA);
	ks_error_clear();
	assert_int_equal(feed_bundle_verify(P("extra.bundle"), t, NULL, NULL),
	    KS_EPARSE);
	assert_msg("extra.bundle: file 'extra.txt' is not in the manifest");
	unpack_refused(P("extra.bundle"), t, KS_EPARSE);

	retar(P("p.bundle"), P("drop.bundle"), RETAR_DROP);
	assert_int_equal(feed_bundle_verify(P("drop.bundle"), t, NULL, NULL),
	    KS_EPARSE);
	assert_msg("drop.bundle: file 'sub/b.txt' is in the manifest but "
	    "missing");
	unpack_refused(P("drop.bundle"), t, KS_EPARSE);

	retar(P("p.bundle"), P("dup.bundle"), RETAR_DUP);
	assert_int_equal(feed_bundle_verify(P("dup.bundle"), t, NULL, NULL),
	    KS_EPARSE);
	assert_msg("dup.bundle: file 'a.xml' appears twice");
	feed_trust_free(t);
}

/* A bundle with a hand-written manifest, correctly signed with `k`. */
static void
craft(const char *out, EVP_PKEY *k, const char *manifest,
    const char *file, const char *content)
{
	struct archive *w = archive_write_new();
	unsigned char sig[64];
	size_t siglen = sizeof(sig);
	EVP_MD_CTX *ctx = EVP_MD_CTX_new();
	struct {
		const char *name;
		const void *data;
		size_t len;
	} ents[3] = {
		{ "MANIFEST", manifest, strlen(manifest) },
		{ "MANIFEST.sig", sig, 0 },
		{ file, content, content ? strlen(content) : 0 },
	};

	assert_int_equal(EVP_DigestSignInit(ctx, NULL, NULL, NULL, k), 1);
	assert_int_equal(EVP_DigestSign(ctx, sig, &siglen,
	    (const unsigned char *)manifest, strlen(manifest)), 1);
	EVP_MD_CTX_free(ctx);
	ents[1].len = siglen;
	archive_write_set_format_ustar(w);
	assert_int_equal(archive_write_open_filename(w, out), 0);
	for (int i = 0; i < (file ? 3 : 2); i++) {
		struct archive_entry *e = archive_entry_new();

		archive_entry_set_pathname(e, ents[i].name);
		archive_entry_set_filetype(e, AE_IFREG);
		archive_entry_set_perm(e, 0644);
		archive_entry_set_size(e, (la_int64_t)ents[i].len);
		assert_int_equal(archive_write_header(w, e), 0);
		if (ents[i].len)
			assert_int_equal(archive_write_data(w, ents[i].data,
			    ents[i].len), (la_ssize_t)ents[i].len);
		archive_entry_free(e);
	}
	archive_write_close(w);
	archive_write_free(w);
}

#define SHA_X \
	"2d711642b726b04401627ca9fbac32f5c8530fb1903cc4db02258717921a4881"

static void
test_feed_bundle__manifest_traversal(void **state)
{
	struct feed_trust *t = trust_of(P("ed.pub"));
	struct stat sb;

	/* sha256("x") */
	craft(P("ok.bundle"), ed, "kensa-bundle 1\n" SHA_X "  1  x\n", "x",
	    "x");
	assert_int_equal(feed_bundle_verify(P("ok.bundle"), t, NULL, NULL), 0);
	craft(P("up.bundle"), ed, "kensa-bundle 1\n" SHA_X "  1  ../x\n",
	    "../x", "x");
	ks_error_clear();
	assert_int_equal(feed_bundle_verify(P("up.bundle"), t, NULL, NULL),
	    KS_EPARSE);
	assert_msg("up.bundle: MANIFEST line 2: '..' component");
	unpack_refused(P("up.bundle"), t, KS_EPARSE);
	assert_int_equal(stat(P("x"), &sb), -1);
	craft(P("mid.bundle"), ed, "kensa-bundle 1\n" SHA_X
	    "  1  a/../../x\n", "a/../../x", "x");
	assert_int_equal(feed_bundle_verify(P("mid.bundle"), t, NULL, NULL),
	    KS_EPARSE);
	craft(P("abs.bundle"), ed, "kensa-bundle 1\n" SHA_X "  1  /tmp/x\n",
	    "/tmp/x", "x");
	assert_int_equal(feed_bundle_verify(P("abs.bundle"), t, NULL, NULL),
	    KS_EPARSE);
	assert_msg("absolute path");
	feed_trust_free(t);
}

static void
test_feed_bundle__manifest_parse(void **state)
{
	static const struct {
		const char *text, *why;
	} bad[] = {
		{ "", "expected \"kensa-bundle 1\"" },
		{ "kensa-bundle 2\n", "expected" },
		{ "kensa-bundle 1\n" SHA_X "  1  x", "no final newline" },
		{ "kensa-bundle 1\n" SHA_X " 1 xyz\n", "two spaces" },
		{ "kensa-bundle 1\n" SHA_X "  01  x\n", "leading zeros" },
		{ "kensa-bundle 1\n" SHA_X "  99999999999999999999999  x\n",
		  "too large" },
		{ "kensa-bundle 1\n" "2D711642B726B04401627CA9FBAC32F5C8530FB1"
		  "903CC4DB02258717921A4881  1  x\n", "bad SHA-256" },
		{ "kensa-bundle 1\n" SHA_X "  1  b\n" SHA_X "  1  a\n",
		  "out of order" },
		{ "kensa-bundle 1\n" SHA_X "  1  a\n" SHA_X "  1  a\n",
		  "listed twice" },
		{ "kensa-bundle 1\n" SHA_X "  1  a\n" SHA_X "  1  a/b\n",
		  "both a file and a directory" },
		{ "kensa-bundle 1\n" SHA_X "  1  MANIFEST\n", "reserved" },
		{ "kensa-bundle 1\n" SHA_X "  1  a//b\n", "empty path comp" },
		{ "kensa-bundle 1\n" SHA_X "  1  ./a\n", "'.' component" },
		{ "kensa-bundle 1\n" SHA_X "  1  a/\n", "empty path comp" },
		{ "kensa-bundle 1\n" SHA_X "  1  a\tb\n", "control char" },
		{ "kensa-bundle 1\n" SHA_X "  1  \xff\xfe\n", "not UTF-8" },
		{ "kensa-bundle 1\n" SHA_X "  1  \n", "line too short" },
	};
	struct feed_manifest *m;
	size_t i;
	const char *good = "kensa-bundle 1\n" SHA_X "  1  a b/c\n"
	    SHA_X "  0  z\n";

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		ks_error_clear();
		assert_int_equal(feed_manifest_parse(bad[i].text,
		    strlen(bad[i].text), "B", &m), KS_EPARSE);
		assert_null(m);
		if (strstr(ks_error_msg(), bad[i].why) == NULL)
			fail_msg("case %zu: '%s' lacks '%s'", i,
			    ks_error_msg(), bad[i].why);
	}
	assert_int_equal(feed_manifest_parse(good, strlen(good), "B", &m), 0);
	assert_int_equal(m->n, 2);
	assert_int_equal(m->total, 1);
	assert_string_equal(m->v[0].path, "a b/c");
	assert_non_null(feed_manifest_find(m, "z"));
	assert_null(feed_manifest_find(m, "y"));
	assert_int_equal(m->v[0].sha256[0], 0x2d);
	feed_manifest_free(m);
	/* a NUL inside is refused, not truncated */
	assert_int_equal(feed_manifest_parse("kensa-bundle 1\n\0", 16, "B",
	    &m), KS_EPARSE);
}

static void
test_feed_bundle__trust_files(void **state)
{
	struct feed_trust *t;
	EVP_PKEY *ec = keygen("EC");

	assert_int_equal(feed_trust_new(&t), 0);
	ks_error_clear();
	assert_int_equal(feed_trust_add_file(t, P("ed.pem")), KS_EPARSE);
	assert_msg("is not a public key or a certificate");
	put(P("empty.pem"), "");
	assert_int_equal(feed_trust_add_file(t, P("empty.pem")), KS_EPARSE);
	assert_msg("no public key");
	put(P("junk.pem"), "-----BEGIN PUBLIC KEY-----\nAAAA\n"
	    "-----END PUBLIC KEY-----\n");
	assert_int_equal(feed_trust_add_file(t, P("junk.pem")), KS_EPARSE);
	write_key(ec, P("ec.pub"), false);
	assert_int_equal(feed_trust_add_file(t, P("ec.pub")), KS_EPARSE);
	assert_msg("neither Ed25519 nor RSA");
	assert_int_equal(feed_trust_add_file(t, P("nope.pem")), KS_ENOTFOUND);
	assert_int_equal(feed_trust_count(t), 0);
	assert_int_equal(feed_trust_add_file(t, P("rsa.crt")), 0);
	assert_int_equal(feed_trust_add_file(t, P("ed.pub")), 0);
	assert_int_equal(feed_trust_count(t), 2);
	feed_trust_free(t);
	/* an EC private key cannot sign a bundle */
	write_key(ec, P("ec.pem"), true);
	assert_int_equal(feed_bundle_sign(P("src"), P("ec.pem"),
	    P("ec.bundle")), KS_EPARSE);
	assert_msg("neither Ed25519 nor RSA");
	EVP_PKEY_free(ec);
}

static void
test_feed_bundle__sign_walk(void **state)
{
	struct feed_trust *t = trust_of(P("ed.pub"));
	struct feed_bundle_info info;
	struct stat sb;

	/* a symlink to a file inside is bundled as that file */
	assert_int_equal(symlink("sub/b.txt", P("src/alias")), 0);
	assert_int_equal(feed_bundle_sign(P("src"), P("ed.pem"),
	    P("p.bundle")), 0);
	assert_int_equal(feed_bundle_verify(P("p.bundle"), t, NULL, &info),
	    0);
	assert_int_equal(info.files, 4);
	assert_int_equal(feed_bundle_unpack(P("p.bundle"), t, P("out"), 0,
	    NULL, NULL), 0);
	assert_int_equal(lstat(P("out/alias"), &sb), 0);
	assert_true(S_ISREG(sb.st_mode));
	assert_same_file(P("src/sub/b.txt"), P("out/alias"));
	/* one escaping the directory is refused, and nothing is written */
	assert_int_equal(symlink("../../ed.pem", P("src/sub/leak")), 0);
	ks_error_clear();
	assert_int_equal(feed_bundle_sign(P("src"), P("ed.pem"),
	    P("q.bundle")), KS_EPARSE);
	assert_msg("leak: symlink escapes");
	assert_int_equal(stat(P("q.bundle"), &sb), -1);
	unlink(P("src/sub/leak"));
	assert_int_equal(mkfifo(P("src/fifo"), 0644), 0);
	assert_int_equal(feed_bundle_sign(P("src"), P("ed.pem"),
	    P("q.bundle")), KS_EPARSE);
	assert_msg("not a regular file");
	unlink(P("src/fifo"));
	/* bad key file and missing directory */
	assert_int_equal(feed_bundle_sign(P("src"), P("ed.pub"),
	    P("q.bundle")), KS_EPARSE);
	assert_msg("not a PEM private key");
	assert_int_equal(feed_bundle_sign(P("nodir"), P("ed.pem"),
	    P("q.bundle")), KS_ENOTFOUND);
	assert_int_equal(stat(P("q.bundle"), &sb), -1);
	feed_trust_free(t);
}

static void
test_feed_bundle__not_a_bundle(void **state)
{
	struct feed_trust *t = trust_of(P("ed.pub"));
	char cmd[1024];

	snprintf(cmd, sizeof(cmd), "cd %s/src && tar -cf ../plain.tar a.xml",
	    tmp);
	assert_int_equal(system(cmd), 0);
	ks_error_clear();
	assert_int_equal(feed_bundle_verify(P("plain.tar"), t, NULL, NULL),
	    KS_EPARSE);
	assert_msg("not a kensa bundle");
	put(P("junk.bundle"), "junk");
	assert_int_equal(feed_bundle_verify(P("junk.bundle"), t, NULL, NULL),
	    KS_EPARSE);
	assert_int_equal(feed_bundle_verify(P("none.bundle"), t, NULL, NULL),
	    KS_ENOTFOUND);
	feed_trust_free(t);
}

/* Size caps apply to bundles too (the manifest's sizes are signed but
 * still bounded by what the caller accepts). */
static void
test_feed_bundle__caps(void **state)
{
	struct feed_trust *t = trust_of(P("ed.pub"));
	struct feed_archive_limits lim;

	assert_int_equal(feed_bundle_sign(P("src"), P("ed.pem"),
	    P("p.bundle")), 0);
	memset(&lim, 0, sizeof(lim));
	lim.max_entries = 3;
	assert_int_equal(feed_bundle_verify(P("p.bundle"), t, &lim, NULL),
	    KS_ELIMIT);
	lim.max_entries = 5;
	assert_int_equal(feed_bundle_verify(P("p.bundle"), t, &lim, NULL), 0);
	feed_trust_free(t);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
#define T(n) cmocka_unit_test_setup_teardown(test_feed_bundle__##n, setup, \
	    teardown)
		T(ed25519_roundtrip),
		T(rsa_pss_roundtrip),
		T(tampered_file),
		T(tampered_manifest),
		T(untrusted_key),
		T(extra_missing_duplicate),
		T(manifest_traversal),
		T(manifest_parse),
		T(trust_files),
		T(sign_walk),
		T(not_a_bundle),
		T(caps),
#undef T
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
