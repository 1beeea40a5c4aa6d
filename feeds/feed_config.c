/*
 * The feeds configuration file: an INI-like list of sources (format
 * documented in data/feeds.conf). This file only parses and validates; it
 * does not download or touch the cache.
 */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "platform/base/base.h"
#include "feeds/feeds.h"
#include "feeds/feed_int_fetch.h"

#define CONFIG_MAX_BYTES	(1u << 20)
#define CONFIG_MAX_SOURCES	256
#define CONFIG_MAX_FILES	256
#define CONFIG_MAX_VALUE	4096
#define CONFIG_MAX_PLATFORMS	64
#define OS_RELEASE_VALUE_MAX	256	/* longer ID/VERSION_ID: ignored */

static const char *const kind_names[] = {
	[FEED_KIND_JVN_IPEDIA] = "jvn-ipedia",
	[FEED_KIND_MYJVN] = "myjvn",
	[FEED_KIND_OVAL] = "oval",
	[FEED_KIND_BUNDLE] = "bundle",
};

const char *
feed_kind_name(enum feed_kind k)
{
	if ((size_t)k < sizeof(kind_names) / sizeof(kind_names[0]))
		return kind_names[k];
	return "?";
}

static void
source_clear(struct feed_source *s)
{
	size_t i;

	free(s->name);
	free(s->url);
	free(s->digest_url);
	free(s->sha256);
	for (i = 0; i < s->nfiles; i++)
		free(s->files[i]);
	free(s->files);
	free(s->ca_file);
	free(s->pinned_key);
	free(s->trust);
	free(s->proxy);
	for (i = 0; i < s->nplatforms; i++)
		free(s->platforms[i]);
	free(s->platforms);
	memset(s, 0, sizeof(*s));
}

void
feed_config_free(struct feed_config *c)
{
	size_t i;

	if (c == NULL)
		return;
	for (i = 0; i < c->nsrc; i++)
		source_clear(&c->src[i]);
	free(c->src);
	free(c->path);
	free(c->cache_dir);
	free(c);
}

const struct feed_source *
feed_config_source(const struct feed_config *c, const char *name)
{
	size_t i;

	for (i = 0; c != NULL && i < c->nsrc; i++)
		if (strcmp(c->src[i].name, name) == 0)
			return &c->src[i];
	return NULL;
}

static void
source_defaults(struct feed_source *s)
{
	memset(s, 0, sizeof(*s));
	s->kind = (enum feed_kind)-1;
	s->max_size = 512ull << 20;
	s->connect_timeout = 30;
	s->timeout = 3600;
	s->low_speed_limit = 100;
	s->low_speed_time = 60;
	s->retries = 4;
	s->retry_base = 1.0;
	s->retry_max = 300.0;
	s->throttle = 1.0;
}

/* Deep copy of the [global] defaults into a new section. */
static void
source_copy(struct feed_source *dst, const struct feed_source *src)
{
	*dst = *src;
	dst->name = NULL;
	dst->url = NULL;
	dst->digest_url = NULL;
	dst->sha256 = NULL;
	dst->files = NULL;
	dst->nfiles = 0;
	dst->platforms = NULL;
	dst->nplatforms = 0;
	dst->ca_file = src->ca_file ? ks_strdup(src->ca_file) : NULL;
	dst->pinned_key = src->pinned_key ? ks_strdup(src->pinned_key) : NULL;
	dst->trust = NULL;
	dst->proxy = src->proxy ? ks_strdup(src->proxy) : NULL;
}

int
feed_parse_size(const char *s, uint64_t *out)
{
	char *end;
	unsigned long long v;
	unsigned shift = 0;

	if (s == NULL || !isdigit((unsigned char)*s))
		return KS_EPARSE;
	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno != 0)
		return KS_EPARSE;
	switch (*end) {
	case '\0': break;
	case 'k': case 'K': shift = 10; end++; break;
	case 'm': case 'M': shift = 20; end++; break;
	case 'g': case 'G': shift = 30; end++; break;
	default: return KS_EPARSE;
	}
	if (*end != '\0' || v > (UINT64_MAX >> shift))
		return KS_EPARSE;
	*out = (uint64_t)v << shift;
	return 0;
}

static int
parse_long(const char *v, long min, long max, long *out)
{
	char *end;
	long x;

	errno = 0;
	x = strtol(v, &end, 10);
	if (errno != 0 || end == v || *end != '\0' || x < min || x > max)
		return KS_EPARSE;
	*out = x;
	return 0;
}

static int
parse_double(const char *v, double min, double max, double *out)
{
	char *end;
	double x;

	errno = 0;
	x = strtod(v, &end);
	if (errno != 0 || end == v || *end != '\0' || !(x >= min && x <= max))
		return KS_EPARSE;
	*out = x;
	return 0;
}

static bool
valid_name(const char *s)
{
	size_t n = strlen(s);

	if (n == 0 || n > FEED_NAME_MAX || s[0] == '.')
		return false;
	for (; *s; s++)
		if (!(islower((unsigned char)*s) || isdigit((unsigned char)*s) ||
		    *s == '.' || *s == '_' || *s == '-'))
			return false;
	return true;
}

/* Replaces *dst with a copy of v ("" clears it). */
static void
set_str(char **dst, const char *v)
{
	free(*dst);
	*dst = *v ? ks_strdup(v) : NULL;
}

static int
set_files(struct feed_source *s, const char *v)
{
	const char *p = v;
	size_t cap = 0;

	while (*p) {
		size_t n;

		while (*p == ' ' || *p == '\t' || *p == ',')
			p++;
		n = strcspn(p, " \t,");
		if (n == 0)
			break;
		if (s->nfiles >= CONFIG_MAX_FILES)
			return KS_ELIMIT;
		ks_grow(&s->files, &cap, s->nfiles + 1, sizeof(*s->files));
		s->files[s->nfiles] = ks_strndup(p, n);
		if (strchr(s->files[s->nfiles], '/') != NULL ||
		    s->files[s->nfiles][0] == '.') {
			s->nfiles++;
			return KS_EPARSE;
		}
		s->nfiles++;
		p += n;
	}
	return 0;
}

/* An os-release ID or VERSION_ID as os-release(5) allows them: 0-9, a-z,
 * ".", "_" and "-". */
static bool
os_release_word(const char *s, size_t n)
{
	if (n == 0 || n > OS_RELEASE_VALUE_MAX)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!(islower((unsigned char)s[i]) ||
		    isdigit((unsigned char)s[i]) || s[i] == '.' ||
		    s[i] == '_' || s[i] == '-'))
			return false;
	return true;
}

/* platform = ID[:VERSION_ID] ... (spaces or commas); replaces the list. */
static int
set_platforms(struct feed_source *s, const char *v, const char **why)
{
	const char *p = v;
	size_t cap = 0, i;

	for (i = 0; i < s->nplatforms; i++)
		free(s->platforms[i]);
	free(s->platforms);
	s->platforms = NULL;
	s->nplatforms = 0;
	*why = "expected one or more ID or ID:VERSION_ID of os-release(5) "
	    "(lower-case a-z 0-9 . _ -), e.g. ubuntu:22.04 debian";
	while (*p) {
		const char *colon;
		size_t n;

		while (*p == ' ' || *p == '\t' || *p == ',')
			p++;
		n = strcspn(p, " \t,");
		if (n == 0)
			break;
		colon = memchr(p, ':', n);
		if (colon == NULL ? !os_release_word(p, n) :
		    !os_release_word(p, (size_t)(colon - p)) ||
		    !os_release_word(colon + 1, n - (size_t)(colon - p) - 1))
			return KS_EPARSE;
		if (s->nplatforms >= CONFIG_MAX_PLATFORMS) {
			*why = "too many platforms (at most 64)";
			return KS_EPARSE;
		}
		ks_grow(&s->platforms, &cap, s->nplatforms + 1,
		    sizeof(*s->platforms));
		s->platforms[s->nplatforms++] = ks_strndup(p, n);
		p += n;
	}
	return s->nplatforms > 0 ? 0 : KS_EPARSE;
}

bool
feed_source_platform_match(const struct feed_source *s, const char *id,
    const char *version_id)
{
	size_t i, n;

	if (s->nplatforms == 0)
		return true;
	if (id == NULL)
		return false;
	n = strlen(id);
	for (i = 0; i < s->nplatforms; i++) {
		const char *e = s->platforms[i];

		if (strncmp(e, id, n) != 0)
			continue;
		if (e[n] == '\0')
			return true;
		if (e[n] == ':' && version_id != NULL &&
		    strcmp(e + n + 1, version_id) == 0)
			return true;
	}
	return false;
}


/* Sets one key; `global` restricts to keys that make sense as defaults.
 * Returns 0 or KS_EPARSE with *why set to a static reason. */
static int
set_key(struct feed_source *s, bool global, const char *k, const char *v,
    const char **why)
{
	long l;
	size_t i;

	*why = "invalid value";
	if (strcmp(k, "verify") == 0 || strcmp(k, "insecure") == 0 ||
	    strcmp(k, "ssl_verify") == 0 || strcmp(k, "tls_verify") == 0) {
		*why = "TLS certificate verification is always on and "
		    "cannot be configured (use ca_file or pinned_key)";
		return KS_EPARSE;
	}
	if (strcmp(k, "ca_file") == 0) {
		set_str(&s->ca_file, v);
		return 0;
	}
	if (strcmp(k, "pinned_key") == 0) {
		set_str(&s->pinned_key, v);
		return 0;
	}
	if (strcmp(k, "proxy") == 0) {
		set_str(&s->proxy, v);
		return 0;
	}
	if (strcmp(k, "max_size") == 0) {
		if (feed_parse_size(v, &s->max_size) != 0 || s->max_size == 0) {
			*why = "expected a number with an optional "
			    "K, M or G suffix";
			return KS_EPARSE;
		}
		return 0;
	}
	if (strcmp(k, "connect_timeout") == 0)
		return parse_long(v, 1, 3600, &s->connect_timeout);
	if (strcmp(k, "timeout") == 0)
		return parse_long(v, 1, 7 * 86400, &s->timeout);
	if (strcmp(k, "low_speed_limit") == 0)
		return parse_long(v, 1, 1L << 30, &s->low_speed_limit);
	if (strcmp(k, "low_speed_time") == 0)
		return parse_long(v, 1, 3600, &s->low_speed_time);
	if (strcmp(k, "retries") == 0) {
		if (parse_long(v, 0, 20, &l) != 0)
			return KS_EPARSE;
		s->retries = (unsigned)l;
		return 0;
	}
	if (strcmp(k, "retry_base") == 0)
		return parse_double(v, 0.0, 600.0, &s->retry_base);
	if (strcmp(k, "retry_max") == 0)
		return parse_double(v, 0.0, 3600.0, &s->retry_max);
	if (strcmp(k, "throttle") == 0)
		return parse_double(v, 0.0, 60.0, &s->throttle);
	if (global) {
		*why = "unknown key in [global]";
		return KS_EPARSE;
	}
	if (strcmp(k, "trust") == 0) {
		set_str(&s->trust, v);
		return 0;
	}
	if (strcmp(k, "kind") == 0) {
		for (i = 0; i < sizeof(kind_names) / sizeof(kind_names[0]); i++)
			if (strcmp(v, kind_names[i]) == 0) {
				s->kind = (enum feed_kind)i;
				return 0;
			}
		*why = "expected jvn-ipedia, myjvn, oval or bundle";
		return KS_EPARSE;
	}
	if (strcmp(k, "url") == 0 || strcmp(k, "digest_url") == 0) {
		if (strncmp(v, "https://", 8) != 0 || v[8] == '\0') {
			*why = "only https:// URLs are allowed";
			return KS_EPARSE;
		}
		set_str(k[0] == 'u' ? &s->url : &s->digest_url, v);
		return 0;
	}
	if (strcmp(k, "sha256") == 0) {
		if (!feed_sha256_valid(v)) {
			*why = "expected 64 hexadecimal digits";
			return KS_EPARSE;
		}
		set_str(&s->sha256, v);
		for (i = 0; s->sha256[i]; i++)
			s->sha256[i] = (char)tolower((unsigned char)s->sha256[i]);
		return 0;
	}
	if (strcmp(k, "platform") == 0)
		return set_platforms(s, v, why);
	if (strcmp(k, "files") == 0) {
		if (set_files(s, v) != 0) {
			*why = "plain file names only";
			return KS_EPARSE;
		}
		return 0;
	}
	*why = "unknown key";
	return KS_EPARSE;
}

/* Checks a finished section. */
static int
source_check(const struct feed_source *s, const char **why)
{
	if ((int)s->kind < 0) {
		*why = "missing 'kind'";
		return KS_EPARSE;
	}
	if (s->url == NULL) {
		*why = "missing 'url'";
		return KS_EPARSE;
	}
	if (s->nfiles > 0 && s->kind != FEED_KIND_JVN_IPEDIA) {
		*why = "'files' is only for kind jvn-ipedia";
		return KS_EPARSE;
	}
	/* A bundle is used only once its signature matches a trusted key:
	 * without keys it could never be used, so say so when the file is
	 * read rather than at the first update. */
	if (s->kind == FEED_KIND_BUNDLE && s->trust == NULL) {
		*why = "a bundle source needs 'trust' (the officers' public "
		    "keys, PEM)";
		return KS_EPARSE;
	}
	if (s->nplatforms > 0 && s->kind != FEED_KIND_OVAL) {
		*why = "'platform' is only for kind oval";
		return KS_EPARSE;
	}
	if (s->trust != NULL && s->kind != FEED_KIND_BUNDLE) {
		*why = "'trust' is only for kind bundle";
		return KS_EPARSE;
	}
	if ((s->sha256 || s->digest_url) && s->kind != FEED_KIND_OVAL &&
	    s->kind != FEED_KIND_BUNDLE) {
		*why = "'sha256' and 'digest_url' are only for oval and bundle";
		return KS_EPARSE;
	}
	return 0;
}

static char *
trim(char *s)
{
	char *e;

	while (*s == ' ' || *s == '\t')
		s++;
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
		*--e = '\0';
	return s;
}

int
feed_config_parse(const char *text, size_t len, const char *name,
    struct feed_config **out)
{
	struct feed_config *c = ks_calloc(1, sizeof(*c));
	struct feed_source global, *cur = NULL;
	size_t cap = 0, lineno = 0, sec_line = 0;
	const char *p = text, *end = text + len, *why = NULL;
	bool in_global = false, seen_source = false;
	char *line = NULL;
	int rc = KS_EPARSE;

	source_defaults(&global);
	c->path = ks_strdup(name);
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
		char *s, *eq, *k, *v;

		lineno++;
		if (n > CONFIG_MAX_VALUE) {
			why = "line too long";
			goto bad;
		}
		free(line);
		line = ks_strndup(p, n);
		if (memchr(p, '\0', n) != NULL) {
			why = "NUL byte";
			goto bad;
		}
		p = nl ? nl + 1 : end;
		s = trim(line);
		if (*s == '\0' || *s == '#' || *s == ';')
			continue;
		if (*s == '[') {
			char *close = strchr(s, ']');

			if (close == NULL || *trim(close + 1) != '\0') {
				why = "section header must be [NAME]";
				goto bad;
			}
			*close = '\0';
			s = trim(s + 1);
			if (cur != NULL && source_check(cur, &why) != 0) {
				lineno = sec_line;
				goto bad;
			}
			sec_line = lineno;
			if (strcmp(s, "global") == 0) {
				if (seen_source || in_global) {
					why = "[global] must come once, before "
					    "every source";
					goto bad;
				}
				in_global = true;
				cur = NULL;
				continue;
			}
			in_global = false;
			if (!valid_name(s)) {
				why = "source name must be 1-64 of a-z 0-9 . _ - "
				    "(not starting with '.')";
				goto bad;
			}
			if (feed_config_source(c, s) != NULL) {
				why = "duplicate source name";
				goto bad;
			}
			if (c->nsrc >= CONFIG_MAX_SOURCES) {
				why = "too many sources";
				goto bad;
			}
			ks_grow(&c->src, &cap, c->nsrc + 1, sizeof(*c->src));
			cur = &c->src[c->nsrc++];
			source_copy(cur, &global);
			cur->name = ks_strdup(s);
			cur->line = (int)lineno;
			seen_source = true;
			continue;
		}
		eq = strchr(s, '=');
		if (eq == NULL) {
			why = "expected 'key = value' or '[NAME]'";
			goto bad;
		}
		*eq = '\0';
		k = trim(s);
		v = trim(eq + 1);
		if (!in_global && cur == NULL) {
			why = "key outside a section";
			goto bad;
		}
		if (in_global && strcmp(k, "cache_dir") == 0) {
			set_str(&c->cache_dir, v);
			continue;
		}
		if (set_key(in_global ? &global : cur, in_global, k, v,
		    &why) != 0) {
			ks_error_set("%s:%zu: %s: %s", name, lineno, k, why);
			goto out;
		}
	}
	if (cur != NULL && source_check(cur, &why) != 0) {
		lineno = sec_line;
		goto bad;
	}
	*out = c;
	c = NULL;
	rc = 0;
	goto out;
bad:
	ks_error_set("%s:%zu: %s", name, lineno, why ? why : "invalid value");
out:
	free(line);
	source_clear(&global);
	feed_config_free(c);
	return rc;
}

int
feed_config_load(const char *path, struct feed_config **out)
{
	char *text = NULL;
	size_t len = 0;
	int rc;

	rc = ks_file_read(path, CONFIG_MAX_BYTES, &text, &len);
	if (rc != 0)
		return rc;
	rc = feed_config_parse(text, len, path, out);
	free(text);
	return rc;
}
