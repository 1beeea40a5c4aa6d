/*
 * The PCRE2 wrapper: OVAL patterns compiled once (JIT where it pays) and
 * matched under match/depth limits so a pathological pattern costs one
 * KS_ELIMIT, not the scan. It does not translate other regex dialects.
 */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "platform/base/base.h"

#define KS_RE_MATCH_LIMIT	1000000u
#define KS_RE_DEPTH_LIMIT	10000u
#define KS_RE_JIT_STACK_MIN	(32u << 10)
#define KS_RE_JIT_STACK_MAX	(1u << 20)
/* Patterns are quoted in messages; keep a giant one from eating the text. */
#define KS_RE_QUOTE_MAX		200

/*
 * JIT compilation costs about as much as interpreting a few kilobytes
 * (callgrind, SSG's patterns), and most OVAL patterns meet one short file
 * or a few names: a pattern is JIT-compiled once it has worked through
 * KS_RE_JIT_AFTER (subject bytes, plus KS_RE_CALL_COST per match), into a
 * copy published atomically, so threads that share the pattern never see
 * a half-compiled one.
 */
#define KS_RE_JIT_AFTER		(4u << 10)
#define KS_RE_CALL_COST		64u

struct ks_regex {
	pcre2_code	*code;
	pcre2_code	*jcode;		/* JIT-compiled copy, atomic */
	uint64_t	 work;		/* atomic */
	bool		 nojit;		/* atomic: JIT failed, interpret */
	char		*pattern;
	unsigned	 flags;
	unsigned	 groups;
};

/*
 * Per-thread match context and JIT stack: pcre2 allows sharing a compiled
 * pattern between threads but not a JIT stack, so each thread gets its own,
 * made on first use. They are freed at thread exit via a destructor key.
 */
static _Thread_local pcre2_match_context *ks_re_mctx;
static _Thread_local pcre2_jit_stack *ks_re_jstack;

static pthread_key_t ks_re_key;
static pthread_once_t ks_re_once = PTHREAD_ONCE_INIT;

static void
ks_re_thread_free(void *unused)
{
	pcre2_match_context_free(ks_re_mctx);
	pcre2_jit_stack_free(ks_re_jstack);
	ks_re_mctx = NULL;
	ks_re_jstack = NULL;
}

static void
ks_re_key_init(void)
{
	if (pthread_key_create(&ks_re_key, ks_re_thread_free) != 0)
		abort();
}

/* The calling thread's match context (limits set, JIT stack attached). */
static pcre2_match_context *
ks_re_context(void)
{
	if (ks_re_mctx != NULL)
		return ks_re_mctx;
	pthread_once(&ks_re_once, ks_re_key_init);
	ks_re_mctx = pcre2_match_context_create(NULL);
	if (ks_re_mctx == NULL) {
		fputs("kensa: out of memory\n", stderr);
		abort();
	}
	pcre2_set_match_limit(ks_re_mctx, KS_RE_MATCH_LIMIT);
	pcre2_set_depth_limit(ks_re_mctx, KS_RE_DEPTH_LIMIT);
	ks_re_jstack = pcre2_jit_stack_create(KS_RE_JIT_STACK_MIN,
	    KS_RE_JIT_STACK_MAX, NULL);
	/* Without a stack of our own JIT uses a 32K machine-stack one. */
	if (ks_re_jstack != NULL)
		pcre2_jit_stack_assign(ks_re_mctx, NULL, ks_re_jstack);
	/* Non-NULL value so the destructor runs at thread exit. */
	pthread_setspecific(ks_re_key, ks_re_mctx);
	return ks_re_mctx;
}

/* Frees the main thread's context at exit (threads use the key). */
static void __attribute__((destructor))
ks_re_atexit(void)
{
	ks_re_thread_free(NULL);
}

static int
ks_re_quote_len(const char *pattern)
{
	size_t n = strlen(pattern);

	return n > KS_RE_QUOTE_MAX ? KS_RE_QUOTE_MAX : (int)n;
}

/*
 * Compiles pattern as UTF-8 (invalid bytes in subjects never match rather
 * than erroring). KS_EPARSE with "regex 'pat': reason at offset N".
 */
int
ks_regex_new(struct ks_regex **out, const char *pattern, unsigned flags)
{
	uint32_t opts = PCRE2_UTF;
	struct ks_regex *re;
	PCRE2_SIZE erroff;
	uint32_t ncap;
	int errcode;
	pcre2_code *code;

	*out = NULL;
#ifdef PCRE2_MATCH_INVALID_UTF
	opts |= PCRE2_MATCH_INVALID_UTF;
#endif
	if (flags & KS_RE_CASELESS)
		opts |= PCRE2_CASELESS;
	if (flags & KS_RE_MULTILINE)
		opts |= PCRE2_MULTILINE;
	if (flags & KS_RE_DOTALL)
		opts |= PCRE2_DOTALL;
	code = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED, opts,
	    &errcode, &erroff, NULL);
	if (code == NULL) {
		PCRE2_UCHAR msg[256];

		if (pcre2_get_error_message(errcode, msg, sizeof(msg)) < 0)
			snprintf((char *)msg, sizeof(msg), "error %d",
			    errcode);
		ks_error_set("regex '%.*s%s': %s at offset %zu",
		    ks_re_quote_len(pattern), pattern,
		    strlen(pattern) > KS_RE_QUOTE_MAX ? "..." : "",
		    (const char *)msg, (size_t)erroff);
		return KS_EPARSE;
	}
	re = ks_calloc(1, sizeof(*re));
	re->code = code;
	re->pattern = ks_strdup(pattern);
	re->flags = flags;
	if (pcre2_pattern_info(code, PCRE2_INFO_CAPTURECOUNT, &ncap) == 0)
		re->groups = ncap;
	*out = re;
	return 0;
}

void
ks_regex_free(struct ks_regex *re)
{
	if (re == NULL)
		return;
	pcre2_code_free(re->code);
	pcre2_code_free(re->jcode);
	free(re->pattern);
	free(re);
}

unsigned
ks_regex_groups(const struct ks_regex *re)
{
	return re->groups;
}

/* The code to match with: the JIT copy once the pattern has earned it.
 * JIT is an optimisation: when it fails the interpreter goes on. */
static const pcre2_code *
ks_re_code(const struct ks_regex *cre, size_t len)
{
	/* Only the atomic fields change; regexes are never const objects. */
	struct ks_regex *re = (struct ks_regex *)cre;
	pcre2_code *j = __atomic_load_n(&re->jcode, __ATOMIC_ACQUIRE), *none;

	if (j != NULL)
		return j;
	if (__atomic_add_fetch(&re->work, (uint64_t)len + KS_RE_CALL_COST,
	    __ATOMIC_RELAXED) < KS_RE_JIT_AFTER ||
	    __atomic_load_n(&re->nojit, __ATOMIC_RELAXED))
		return re->code;
	j = pcre2_code_copy(re->code);
	if (j == NULL || pcre2_jit_compile(j, PCRE2_JIT_COMPLETE) != 0) {
		pcre2_code_free(j);
		__atomic_store_n(&re->nojit, true, __ATOMIC_RELAXED);
		return re->code;
	}
	none = NULL;
	if (!__atomic_compare_exchange_n(&re->jcode, &none, j, false,
	    __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE)) {
		/* Another thread published its copy first. */
		pcre2_code_free(j);
		return none;
	}
	return j;
}

/* Runs one match with the thread's limits; md is the caller's. */
static int
ks_re_run(const struct ks_regex *re, const char *s, size_t len, size_t start,
    pcre2_match_data *md)
{
	int rc;

	if (start > len) {
		ks_error_set("regex '%.*s': start offset %zu past the end "
		    "(%zu)", ks_re_quote_len(re->pattern), re->pattern, start,
		    len);
		return KS_ERROR;
	}
	/* An empty subject may come as NULL; PCRE2 wants a pointer. */
	if (s == NULL)
		s = "";
	rc = pcre2_match(ks_re_code(re, len - start), (PCRE2_SPTR)s, len,
	    start, 0, md, ks_re_context());
	if (rc >= 0)
		return 1;
	switch (rc) {
	case PCRE2_ERROR_NOMATCH:
		return 0;
	case PCRE2_ERROR_MATCHLIMIT:
		ks_error_set("regex '%.*s': match limit exceeded",
		    ks_re_quote_len(re->pattern), re->pattern);
		return KS_ELIMIT;
	case PCRE2_ERROR_DEPTHLIMIT:
		ks_error_set("regex '%.*s': depth limit exceeded",
		    ks_re_quote_len(re->pattern), re->pattern);
		return KS_ELIMIT;
	case PCRE2_ERROR_JIT_STACKLIMIT:
		ks_error_set("regex '%.*s': JIT stack limit exceeded",
		    ks_re_quote_len(re->pattern), re->pattern);
		return KS_ELIMIT;
	case PCRE2_ERROR_HEAPLIMIT:
		ks_error_set("regex '%.*s': heap limit exceeded",
		    ks_re_quote_len(re->pattern), re->pattern);
		return KS_ELIMIT;
	case PCRE2_ERROR_NOMEMORY:
		ks_error_set("regex '%.*s': out of memory while matching",
		    ks_re_quote_len(re->pattern), re->pattern);
		return KS_ENOMEM;
	default: {
		PCRE2_UCHAR msg[256];

		if (pcre2_get_error_message(rc, msg, sizeof(msg)) < 0)
			snprintf((char *)msg, sizeof(msg), "error %d", rc);
		ks_error_set("regex '%.*s': %s", ks_re_quote_len(re->pattern),
		    re->pattern, (const char *)msg);
		return KS_ERROR;
	}
	}
}

int
ks_regex_match(const struct ks_regex *re, const char *s, size_t len)
{
	pcre2_match_data *md;
	int rc;

	/* One pair is enough: only "did it match" is wanted. */
	if ((md = pcre2_match_data_create(1, NULL)) == NULL) {
		ks_error_set("regex: out of memory");
		return KS_ENOMEM;
	}
	rc = ks_re_run(re, s, len, 0, md);
	pcre2_match_data_free(md);
	return rc;
}

int
ks_regex_exec(const struct ks_regex *re, const char *s, size_t len,
    size_t start, size_t *ovec, size_t *ngroups)
{
	pcre2_match_data *md;
	PCRE2_SIZE *pv;
	uint32_t pairs;
	size_t i, n;
	int rc;

	if ((md = pcre2_match_data_create_from_pattern(re->code, NULL)) ==
	    NULL) {
		ks_error_set("regex: out of memory");
		return KS_ENOMEM;
	}
	rc = ks_re_run(re, s, len, start, md);
	if (rc != 1) {
		if (rc == 0)
			*ngroups = 0;
		goto out;
	}
	pv = pcre2_get_ovector_pointer(md);
	pairs = pcre2_get_ovector_count(md);
	/* Report every group of the pattern, unset ones as SIZE_MAX. */
	n = re->groups + 1 < pairs ? re->groups + 1 : pairs;
	if (n > *ngroups)
		n = *ngroups;
	for (i = 0; i < n; i++) {
		if (pv[2 * i] == PCRE2_UNSET) {
			ovec[2 * i] = SIZE_MAX;
			ovec[2 * i + 1] = SIZE_MAX;
		} else {
			ovec[2 * i] = pv[2 * i];
			ovec[2 * i + 1] = pv[2 * i + 1];
		}
	}
	*ngroups = n;
out:
	pcre2_match_data_free(md);
	return rc;
}

/* ---- cache ------------------------------------------------------------- */

/* A failed compile is remembered with its code and message. */
struct ks_re_entry {
	struct ks_regex	*re;
	int		 rc;
	char		*msg;
	char		*pattern;
	unsigned	 flags;
};

struct ks_regex_cache {
	struct ks_map	*map;	/* "flags\x01pattern" -> entry */
	pthread_mutex_t	 lock;
	uint64_t	 gen;	/* unique per cache, for the memo */
};

/*
 * A file walk matches the same few patterns against every name it meets:
 * each thread remembers its last lookups (by the pattern's address, checked
 * by content), which spares the key, the lock and the hash. `gen` tells
 * caches apart even when one is freed and another gets its address.
 */
#define KS_RE_MEMO	8	/* the hash below takes 3 bits */
struct ks_re_memo {
	uint64_t			 gen;
	const char			*pattern;
	unsigned			 flags;
	const struct ks_re_entry	*e;
};
static _Thread_local struct ks_re_memo ks_re_memo[KS_RE_MEMO];
static uint64_t ks_re_gen;	/* under no lock: atomic builtins */

int
ks_regex_cache_new(struct ks_regex_cache **out)
{
	struct ks_regex_cache *c = ks_calloc(1, sizeof(*c));

	ks_map_new(&c->map);
	pthread_mutex_init(&c->lock, NULL);
	c->gen = __atomic_add_fetch(&ks_re_gen, 1, __ATOMIC_RELAXED);
	*out = c;
	return 0;
}

static int
ks_re_entry_free(const char *key, void *val, void *payload)
{
	struct ks_re_entry *e = val;

	ks_regex_free(e->re);
	free(e->msg);
	free(e->pattern);
	free(e);
	return 0;
}

void
ks_regex_cache_free(struct ks_regex_cache *c)
{
	if (c == NULL)
		return;
	ks_map_foreach(c->map, ks_re_entry_free, NULL);
	ks_map_free(c->map);
	pthread_mutex_destroy(&c->lock);
	free(c);
}

/*
 * The compiled form of (pattern, flags), compiled on first request. *out is
 * borrowed from the cache. A bad pattern returns KS_EPARSE with its message
 * on every request. Safe to call from several threads.
 */
int
ks_regex_cache_get(struct ks_regex_cache *c, const char *pattern,
    unsigned flags, const struct ks_regex **out)
{
	/* Fibonacci hashing of the address: pool strings sit side by side. */
	struct ks_re_memo *m = &ks_re_memo[((uint64_t)(uintptr_t)pattern *
	    0x9E3779B97F4A7C15ull) >> 61];
	struct ks_re_entry *e;
	char *key;
	int rc;

	*out = NULL;
	if (m->gen == c->gen && m->pattern == pattern && m->flags == flags &&
	    strcmp(m->e->pattern, pattern) == 0) {
		e = (struct ks_re_entry *)m->e;
		goto found;	/* entries live as long as the cache */
	}
	key = ks_asprintf("%x\x01%s", flags, pattern);
	pthread_mutex_lock(&c->lock);
	e = ks_map_get(c->map, key);
	if (e == NULL) {
		e = ks_calloc(1, sizeof(*e));
		e->rc = ks_regex_new(&e->re, pattern, flags);
		if (e->rc != 0)
			e->msg = ks_strdup(ks_error_msg());
		e->pattern = ks_strdup(pattern);
		e->flags = flags;
		ks_map_put(c->map, key, e);
	}
	pthread_mutex_unlock(&c->lock);
	free(key);
	*m = (struct ks_re_memo){ c->gen, pattern, flags, e };
found:
	rc = e->rc;
	if (rc != 0)
		ks_error_set("%s", e->msg);
	else
		*out = e->re;
	return rc;
}
