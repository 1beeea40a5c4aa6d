/*
 * Allocation wrappers that abort on failure, and array growth with overflow
 * checks. Capping how much untrusted input may allocate is the callers' job.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "platform/base/base.h"
#include "platform/base/base_int.h"

void
ks_oom(void)
{
	fputs("kensa: out of memory\n", stderr);
	abort();
}

void *
ks_malloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (p == NULL)
		ks_oom();
	return p;
}

void *
ks_calloc(size_t nmemb, size_t n)
{
	void *p;

	if (nmemb == 0 || n == 0)
		nmemb = n = 1;
	p = calloc(nmemb, n);
	if (p == NULL)
		ks_oom();
	return p;
}

void *
ks_realloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);

	if (q == NULL)
		ks_oom();
	return q;
}

char *
ks_strdup(const char *s)
{
	return ks_strndup(s, strlen(s));
}

/* Copies at most n bytes of s (stopping at a NUL) and terminates. */
char *
ks_strndup(const char *s, size_t n)
{
	size_t len = strnlen(s, n);
	char *p;

	if (len == SIZE_MAX)
		ks_oom();
	p = ks_malloc(len + 1);
	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

char *
ks_asprintf(const char *fmt, ...)
{
	va_list ap;
	char *s = NULL;
	int n;

	va_start(ap, fmt);
	n = vasprintf(&s, fmt, ap);
	va_end(ap);
	if (n < 0)
		ks_oom();
	return s;
}

/*
 * Doubles *cap (at least 8, at least need) and reallocates *arrp. A size
 * that cannot be represented is treated as out of memory: no caller can
 * legitimately need it.
 */
void
ks_grow(void *arrp, size_t *cap, size_t need, size_t esz)
{
	void **arr = arrp;
	size_t ncap;

	if (need <= *cap)
		return;
	ncap = *cap < 8 ? 8 : *cap;
	while (ncap < need) {
		if (ncap > SIZE_MAX / 2)
			ks_oom();
		ncap *= 2;
	}
	if (esz != 0 && ncap > SIZE_MAX / esz)
		ks_oom();
	*arr = ks_realloc(*arr, ncap * esz);
	*cap = ncap;
}

#if defined(__SANITIZE_ADDRESS__)
#define KS_SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define KS_SANITIZED 1
#endif
#endif
#ifndef KS_SANITIZED
#define KS_SANITIZED 0
#endif

/* Left pointers stay in this array so that leak checkers see them as
 * reachable; past its end the callers free as usual. */
#define KS_MEM_LEFT_MAX 64

/* Set by main() before any thread starts; the callers are on its thread. */
static bool ks_mem_leaving;
static void *ks_mem_left[KS_MEM_LEFT_MAX];
static size_t ks_mem_nleft;

void
ks_mem_set_leave_at_exit(bool on)
{
	const char *env = getenv("KENSA_FREE_AT_EXIT");

	if (env != NULL && strcmp(env, "1") == 0)
		on = false;
	else if (env != NULL && strcmp(env, "0") == 0)
		on = true;
	else if (KS_SANITIZED)
		on = false;
	ks_mem_leaving = on;
}

bool
ks_mem_leave(void *p)
{
	if (!ks_mem_leaving || p == NULL || ks_mem_nleft == KS_MEM_LEFT_MAX)
		return false;
	ks_mem_left[ks_mem_nleft++] = p;
	return true;
}
