/*
 * filehash58_object (one digest per hash_type: MD5, SHA-1, SHA-224,
 * SHA-256, SHA-384, SHA-512) and the deprecated filehash_object (MD5 and
 * SHA-1 in one item), with OpenSSL EVP over a streaming read of the
 * target's file. Which files: probe_files.c.
 */
#include "oval/probe_int.h"

#include <stdlib.h>
#include <string.h>

#include "platform/base/dl_libs.h"

/* The hash types of independent-definitions-schema's
 * EntityObjectHashTypeType, in the schema's order. */
#define NHASH 6
static const char *const hash_names[NHASH] = {
	"MD5", "SHA-1", "SHA-224", "SHA-256", "SHA-384", "SHA-512"
};

static const EVP_MD *
hash_md(int i)
{
	switch (i) {
	case 0: return ks_crypto.EVP_md5();
	case 1: return ks_crypto.EVP_sha1();
	case 2: return ks_crypto.EVP_sha224();
	case 3: return ks_crypto.EVP_sha256();
	case 4: return ks_crypto.EVP_sha384();
	default: return ks_crypto.EVP_sha512();
	}
}

struct fh {
	struct oval_session		*s;
	const struct oval_object	*o;
	struct oval_collected		*c;
	bool				 want[NHASH];
	bool				 old;		/* filehash_object */
	bool				 item_errors;
};

/*
 * Digests the file once for every wanted type: out[i] gets the lowercase
 * hex digest (caller frees) of each wanted i. Returns 0 or a negative
 * code with the message set.
 */
static int
digest_file(struct oval_session *s, const char *filepath,
    const bool want[NHASH], char *out[NHASH])
{
	EVP_MD_CTX *ctx[NHASH] = { 0 };
	struct plat_file *f = NULL;
	unsigned char *buf = NULL;
	int rc = KS_ERROR;
	ssize_t n;

	for (int i = 0; i < NHASH; i++)
		out[i] = NULL;
	ks_error_clear();
	if ((rc = plat_fs_open(s->target, filepath, &f)) < 0)
		goto out;
	for (int i = 0; i < NHASH; i++) {
		if (!want[i])
			continue;
		ctx[i] = ks_crypto.EVP_MD_CTX_new();
		if (ctx[i] == NULL ||
		    ks_crypto.EVP_DigestInit_ex(ctx[i], hash_md(i),
		    NULL) != 1) {
			ks_error_set("%s: cannot start a %s digest", filepath,
			    hash_names[i]);
			rc = KS_ERROR;
			goto out;
		}
	}
	buf = ks_malloc(1u << 16);
	while ((n = plat_file_read(f, buf, 1u << 16)) > 0)
		for (int i = 0; i < NHASH; i++)
			if (ctx[i] != NULL && ks_crypto.EVP_DigestUpdate(
			    ctx[i], buf, (size_t)n) != 1) {
				ks_error_set("%s: %s digest failed", filepath,
				    hash_names[i]);
				rc = KS_ERROR;
				goto out;
			}
	if (n < 0) {
		rc = (int)n;
		goto out;
	}
	for (int i = 0; i < NHASH; i++) {
		unsigned char md[EVP_MAX_MD_SIZE];
		unsigned int mdlen = 0;
		static const char hex[] = "0123456789abcdef";

		if (ctx[i] == NULL)
			continue;
		if (ks_crypto.EVP_DigestFinal_ex(ctx[i], md, &mdlen) != 1) {
			ks_error_set("%s: %s digest failed", filepath,
			    hash_names[i]);
			rc = KS_ERROR;
			goto out;
		}
		out[i] = ks_malloc(2 * (size_t)mdlen + 1);
		for (unsigned int k = 0; k < mdlen; k++) {
			out[i][2 * k] = hex[md[k] >> 4];
			out[i][2 * k + 1] = hex[md[k] & 0xf];
		}
		out[i][2 * mdlen] = '\0';
	}
	rc = 0;
out:
	if (rc < 0)
		for (int i = 0; i < NHASH; i++) {
			free(out[i]);
			out[i] = NULL;
		}
	for (int i = 0; i < NHASH; i++)
		ks_crypto.EVP_MD_CTX_free(ctx[i]);
	free(buf);
	plat_file_close(f);
	return rc;
}

static void
start_item(struct fh *h, struct oval_item *it, const char *filepath,
    const char *path, const char *filename)
{
	probe_item_init(it, "independent", h->old ? "filehash_item" :
	    "filehash58_item");
	probe_item_add(h->s, it, "filepath", filepath, OVAL_DT_STRING);
	probe_item_add(h->s, it, "path", path, OVAL_DT_STRING);
	probe_item_add(h->s, it, "filename", filename, OVAL_DT_STRING);
}

static int
file_cb(const char *filepath, const char *path, const char *filename,
    void *payload)
{
	struct fh *h = payload;
	char *hex[NHASH];
	struct oval_item it;
	int rc;

	rc = digest_file(h->s, filepath, h->want, hex);
	if (rc == KS_ENOTFOUND) {
		ks_error_clear();	/* removed while we looked */
		return 0;
	}
	if (rc < 0) {
		/* One item in error per wanted type, so the hash_type the
		 * object asked for is still visible. */
		for (int i = 0; i < NHASH; i++) {
			if (!h->want[i] || (h->old && i > 0))
				continue;
			start_item(h, &it, filepath, path, filename);
			if (!h->old)
				probe_item_add(h->s, &it, "hash_type",
				    hash_names[i], OVAL_DT_STRING);
			it.status = OVAL_ST_ERROR;
			probe_item_msg(h->s, &it, "error", "%s",
			    ks_error_msg());
			probe_item_commit(h->s, h->c, &it);
		}
		h->item_errors = true;
		return 0;
	}
	if (h->old) {
		/* independent-system-characteristics filehash_item: filepath,
		 * path, filename, md5, sha1. */
		start_item(h, &it, filepath, path, filename);
		probe_item_add(h->s, &it, "md5", hex[0], OVAL_DT_STRING);
		probe_item_add(h->s, &it, "sha1", hex[1], OVAL_DT_STRING);
		probe_item_commit(h->s, h->c, &it);
	} else
		for (int i = 0; i < NHASH; i++) {
			if (hex[i] == NULL)
				continue;
			/* filehash58_item: filepath, path, filename,
			 * hash_type, hash. */
			start_item(h, &it, filepath, path, filename);
			probe_item_add(h->s, &it, "hash_type", hash_names[i],
			    OVAL_DT_STRING);
			probe_item_add(h->s, &it, "hash", hex[i],
			    OVAL_DT_STRING);
			probe_item_commit(h->s, h->c, &it);
		}
	for (int i = 0; i < NHASH; i++)
		free(hex[i]);
	return 0;
}

static int
collect(struct oval_session *s, const struct oval_object *o,
    struct oval_collected *c, bool old)
{
	struct fh h = { .s = s, .o = o, .c = c, .old = old };
	struct probe_files_result res;
	bool any = false;
	int rc;

	if (ks_dl_need(&ks_crypto_lib, "hashing files") != 0) {
		probe_fail(s, o, c, NULL);
		return 0;
	}
	if (old) {
		h.want[0] = h.want[1] = true;
		any = true;
	} else {
		const struct oval_entity *ht = probe_ent(o, "hash_type");

		if (ht == NULL) {
			ks_error_set("the hash_type entity is required");
			probe_fail(s, o, c, NULL);
			return 0;
		}
		/* Each of the six types is a candidate for the entity, so
		 * every operation and var_check works alike. */
		for (int i = 0; i < NHASH; i++) {
			int r = probe_match(s, ht, hash_names[i]);

			if (r < 0) {
				probe_fail(s, o, c, "hash_type");
				return 0;
			}
			h.want[i] = r == 1;
			any |= r == 1;
		}
	}
	if (!any) {
		c->flag = OVAL_FLAG_DOES_NOT_EXIST;
		oval_collected_msg(s, c, "info", "%s %s: hash_type selects "
		    "none of MD5, SHA-1, SHA-224, SHA-256, SHA-384, SHA-512",
		    o->type, o->id);
		return 0;
	}
	ks_error_clear();
	rc = probe_files_foreach(s, o, c, file_cb, &h, &res);
	if (rc < 0)
		probe_fail(s, o, c, NULL);
	else
		probe_finish_flag(s, o, c, h.item_errors, res.incomplete);
	return 0;
}

int
probe_filehash58_collect(struct oval_session *s, const struct oval_object *o,
    struct oval_collected *c)
{
	return collect(s, o, c, false);
}

int
probe_filehash_collect(struct oval_session *s, const struct oval_object *o,
    struct oval_collected *c)
{
	return collect(s, o, c, true);
}
