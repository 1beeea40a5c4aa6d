/*
 * A growable byte buffer with a ceiling, for anything built from untrusted
 * input. It is not a string library: it only appends.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "platform/base/base.h"

void
ks_buf_init(struct ks_buf *b, size_t max)
{
	b->data = NULL;
	b->len = 0;
	b->cap = 0;
	b->max = max;
}

void
ks_buf_free(struct ks_buf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = 0;
	b->cap = 0;
}

void
ks_buf_reset(struct ks_buf *b)
{
	b->len = 0;
	if (b->data != NULL)
		b->data[0] = '\0';
}

/* Makes room for n more bytes plus the NUL, or fails with the cap message. */
static int
ks_buf_reserve(struct ks_buf *b, size_t n)
{
	size_t need;

	if (n > SIZE_MAX - 1 - b->len ||
	    (b->max != 0 && b->len + n > b->max)) {
		ks_error_set("buffer limit of %zu bytes exceeded", b->max);
		return KS_ELIMIT;
	}
	need = b->len + n + 1;
	if (need > b->cap) {
		size_t ncap = b->cap < 64 ? 64 : b->cap;

		while (ncap < need)
			ncap = ncap > SIZE_MAX / 2 ? need : ncap * 2;
		/* Do not reserve far beyond the ceiling. */
		if (b->max != 0 && ncap > b->max + 1)
			ncap = b->max + 1 > need ? b->max + 1 : need;
		b->data = ks_realloc(b->data, ncap);
		b->cap = ncap;
	}
	return 0;
}

/* Appends n bytes; KS_ELIMIT (buffer unchanged) past the ceiling. */
int
ks_buf_append(struct ks_buf *b, const void *p, size_t n)
{
	int rc;

	if ((rc = ks_buf_reserve(b, n)) != 0)
		return rc;
	if (n > 0)
		memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
	return 0;
}

int
ks_buf_puts(struct ks_buf *b, const char *s)
{
	return ks_buf_append(b, s, strlen(s));
}

int
ks_buf_putc(struct ks_buf *b, char c)
{
	return ks_buf_append(b, &c, 1);
}

/* Formats and appends; KS_ELIMIT (unchanged) when the result would not fit. */
int
ks_buf_printf(struct ks_buf *b, const char *fmt, ...)
{
	va_list ap;
	char small[256];
	char *big = NULL;
	int n, rc;

	va_start(ap, fmt);
	n = vsnprintf(small, sizeof(small), fmt, ap);
	va_end(ap);
	if (n < 0) {
		ks_error_set("buffer printf: bad format");
		return KS_ERROR;
	}
	if ((size_t)n < sizeof(small))
		return ks_buf_append(b, small, (size_t)n);
	if ((rc = ks_buf_reserve(b, (size_t)n)) != 0)
		return rc;
	big = ks_malloc((size_t)n + 1);
	va_start(ap, fmt);
	rc = vsnprintf(big, (size_t)n + 1, fmt, ap);
	va_end(ap);
	if (rc != n) {
		free(big);
		ks_error_set("buffer printf: inconsistent format result");
		return KS_ERROR;
	}
	rc = ks_buf_append(b, big, (size_t)n);
	free(big);
	return rc;
}

/* Returns the data (never NULL: "" for an empty buffer); caller frees. */
char *
ks_buf_steal(struct ks_buf *b)
{
	char *p = b->data;

	if (p == NULL)
		p = ks_strdup("");
	b->data = NULL;
	b->len = 0;
	b->cap = 0;
	return p;
}
