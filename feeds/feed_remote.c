/*
 * The feed source made up for one remote SCAP resource (a data-stream
 * component or check content that `kensa xccdf eval
 * --fetch-remote-resources` fetches): its name in the cache, the
 * configuration's [global] settings (trust store, proxy, caps, timeouts,
 * retries), and the removal of what a failed first fetch left. Fetching
 * and caching themselves are feed_fetch.c's and feed_cache.c's.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "platform/base/base.h"
#include "feeds/feeds.h"
#include "feeds/feed_int_fetch.h"

/* The configuration a source is added to is read whole; feed_config.c
 * takes no more either. */
#define REMOTE_CONFIG_MAX	(1u << 20)

int
feed_remote_name(const char *url, char out[FEED_REMOTE_NAME_SIZE])
{
	char hex[65];
	int rc = feed_sha256_mem(url, strlen(url), hex);

	/* 64 bits of the digest: distinct URLs of one cache never meet. */
	memcpy(out, FEED_REMOTE_PREFIX, sizeof(FEED_REMOTE_PREFIX) - 1);
	memcpy(out + sizeof(FEED_REMOTE_PREFIX) - 1, hex, 16);
	out[FEED_REMOTE_NAME_SIZE - 1] = '\0';
	return rc;
}

/* A URL that can stand as one configuration value: https, no blank or
 * control byte (it is written into the text the parser reads). */
static int
url_check(const char *url)
{
	size_t n = strlen(url);

	if (strncmp(url, "https://", 8) != 0 || n == 8) {
		ks_error_set("%.200s: only https:// resources are fetched "
		    "(the peer is always verified)", url);
		return KS_EUNSUPPORTED;
	}
	if (n > FEED_REMOTE_URL_MAX) {
		ks_error_set("%.200s...: URL longer than %d bytes", url,
		    FEED_REMOTE_URL_MAX);
		return KS_ELIMIT;
	}
	for (const unsigned char *p = (const unsigned char *)url; *p; p++)
		if (*p <= 0x20 || *p == 0x7f) {
			ks_error_set("%.200s: a URL with a blank or control "
			    "character", url);
			return KS_EPARSE;
		}
	return 0;
}

int
feed_remote_config(const char *config_path, const char *url,
    struct feed_config **out, const struct feed_source **src)
{
	char name[FEED_REMOTE_NAME_SIZE];
	char *text = NULL;
	size_t len = 0;
	struct ks_buf b;
	int rc;

	*out = NULL;
	*src = NULL;
	if ((rc = url_check(url)) != 0)
		return rc;
	if (config_path != NULL &&
	    (rc = ks_file_read(config_path, REMOTE_CONFIG_MAX, &text,
	    &len)) != 0)
		return rc;
	/* The configuration with one more section: the parser gives it
	 * the [global] settings exactly as it gives them to the others. */
	ks_buf_init(&b, 0);
	/* Without libcrypto every URL would get the same name. */
	if ((rc = feed_remote_name(url, name)) != 0)
		goto out;
	if ((len > 0 && (rc = ks_buf_append(&b, text, len)) != 0) ||
	    (rc = ks_buf_printf(&b, "\n[%s]\nkind = oval\nurl = %s\n", name,
	    url)) != 0)
		goto out;
	rc = feed_config_parse(b.data, b.len, config_path != NULL ?
	    config_path : "(built-in defaults)", out);
	if (rc == 0 && (*src = feed_config_source(*out, name)) == NULL) {
		ks_error_set("%s: source %s lost", url, name);
		rc = KS_ERROR;
	}
out:
	if (rc != 0) {
		feed_config_free(*out);
		*out = NULL;
	}
	ks_buf_free(&b);
	free(text);
	return rc;
}

int
feed_remote_forget(const char *cache_dir, const char *source)
{
	char *srcdir, *p;
	struct stat st;
	int rc = 0;

	if (strncmp(source, FEED_REMOTE_PREFIX,
	    sizeof(FEED_REMOTE_PREFIX) - 1) != 0 || strchr(source, '/')) {
		ks_error_set("%s: not a remote resource's source", source);
		return KS_EPERM;
	}
	srcdir = ks_asprintf("%s/%s", cache_dir, source);
	p = ks_asprintf("%s/current", srcdir);
	if (lstat(p, &st) == 0)
		goto out;	/* a good copy stays */
	free(p);
	p = ks_asprintf("%s/.partial", srcdir);
	ks_rm_flat(p);
	free(p);
	p = ks_asprintf("%s/attempt", srcdir);
	(void)unlink(p);
	if (rmdir(srcdir) != 0 && errno != ENOENT) {
		ks_error_set("%s: cannot remove %s: %s", source, srcdir,
		    strerror(errno));
		rc = KS_ERROR;
	}
out:
	free(p);
	free(srcdir);
	return rc;
}
