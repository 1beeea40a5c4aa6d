/*
 * The debian_evr_string datatype: "EPOCH:UPSTREAM_VERSION-DEBIAN_REVISION"
 * parsed and ordered exactly as dpkg does (deb-version(7), Debian Policy
 * 5.6.12), without allocating. It is not rpm's ordering (value_evr.c).
 */
#include <limits.h>
#include <string.h>

#include "oval/value_int.h"

static bool
d_digit(char c)
{
	return c >= '0' && c <= '9';
}

static bool
d_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool
d_blank(char c)
{
	return c == ' ' || c == '\t';
}

struct dver {
	long		 epoch;
	const char	*v, *r;		/* r: "" when there is no revision */
	size_t		 vlen, rlen;
};

/*
 * Splits like dpkg's parseversion(): blanks around the value are ignored;
 * "EPOCH:" (decimal, 0 .. INT_MAX) is optional and defaults to 0; the
 * revision is what follows the last '-', and a value without '-' has the
 * empty revision. Returns 0, or KS_EPARSE with dpkg's reason in *why
 * (out is then still filled, best effort). dpkg only warns about a version
 * not starting with a digit or about unusual characters, and still
 * compares: so do we.
 */
static int
dver_parse(const char *s, struct dver *out, const char **why)
{
	const char *p = s, *end, *colon, *q, *dash;
	long epoch = 0;
	bool neg = false;

	out->epoch = 0;
	out->r = "";
	out->rlen = 0;
	while (*p != '\0' && d_blank(*p))
		p++;
	for (end = p; *end != '\0' && !d_blank(*end); end++)
		;
	out->v = p;
	out->vlen = (size_t)(end - p);
	for (q = end; *q != '\0' && d_blank(*q); q++)
		;
	if (p == end) {
		*why = "version string is empty";
		return KS_EPARSE;
	}
	if (*q != '\0') {
		*why = "version string has embedded spaces";
		return KS_EPARSE;
	}
	colon = memchr(p, ':', (size_t)(end - p));
	if (colon != NULL) {
		/* strtol(): an optional sign, then digits; dpkg calls an
		 * epoch without any digit "empty", one with other characters
		 * before the colon "not number". */
		q = p;
		if (*q == '+' || *q == '-')
			neg = *q++ == '-';
		if (q == colon || !d_digit(*q)) {
			*why = "epoch in version is empty";
			return KS_EPARSE;
		}
		for (; q < colon; q++) {
			if (!d_digit(*q)) {
				*why = "epoch in version is not number";
				return KS_EPARSE;
			}
			if (epoch > (INT_MAX - (*q - '0')) / 10) {
				*why = "epoch in version is too big";
				return KS_EPARSE;
			}
			epoch = epoch * 10 + (*q - '0');
		}
		if (neg && epoch != 0) {
			*why = "epoch in version is negative";
			return KS_EPARSE;
		}
		if (colon + 1 == end) {
			*why = "nothing after colon in version number";
			return KS_EPARSE;
		}
		out->epoch = epoch;
		p = colon + 1;
	}
	dash = memrchr(p, '-', (size_t)(end - p));
	out->v = p;
	out->vlen = (size_t)((dash != NULL ? dash : end) - p);
	if (dash != NULL) {
		out->r = dash + 1;
		out->rlen = (size_t)(end - dash - 1);
		if (out->rlen == 0) {
			*why = "revision number is empty";
			return KS_EPARSE;
		}
	}
	if (out->vlen == 0) {
		*why = "version number is empty";
		return KS_EPARSE;
	}
	return 0;
}

/*
 * dpkg's character order inside a non-digit part: '~' before the end
 * before letters before everything else (a digit ends the part and counts
 * like the end). dpkg reads bytes as (signed) char, so non-ASCII bytes
 * land between letters and ASCII punctuation; we do the same.
 */
static int
order(const char *p, const char *e)
{
	int c;

	if (p == e || d_digit(*p))
		return 0;
	c = (signed char)*p;
	if (d_alpha(*p))
		return c;
	if (c == '~')
		return -1;
	return c + 256;
}

/*
 * deb-version(7): "The strings are compared from left to right. First the
 * initial part of each string consisting entirely of non-digit characters
 * is determined ... compared lexically [by order()] ... Then the initial
 * part of the remainder of each string which consists entirely of digit
 * characters is determined ... compared numerically ... These two steps
 * ... are repeated until a difference is found or both strings are
 * exhausted." An absent number counts as 0.
 */
static int
verrevcmp(const char *a, size_t alen, const char *b, size_t blen)
{
	const char *ea = a + alen, *eb = b + blen;
	int first_diff, ac, bc;

	while (a < ea || b < eb) {
		first_diff = 0;
		while ((a < ea && !d_digit(*a)) || (b < eb && !d_digit(*b))) {
			ac = order(a, ea);
			bc = order(b, eb);
			if (ac != bc)
				return ac - bc;
			/* Equal non-zero orders: neither is at its end. */
			a++;
			b++;
		}
		while (a < ea && *a == '0')
			a++;
		while (b < eb && *b == '0')
			b++;
		while (a < ea && d_digit(*a) && b < eb && d_digit(*b)) {
			if (first_diff == 0)
				first_diff = *a - *b;
			a++;
			b++;
		}
		if (a < ea && d_digit(*a))
			return 1;
		if (b < eb && d_digit(*b))
			return -1;
		if (first_diff != 0)
			return first_diff;
	}
	return 0;
}

static int
sign(int x)
{
	return (x > 0) - (x < 0);
}

/*
 * dpkg_version_compare(): epoch numerically, then upstream version, then
 * revision, each with verrevcmp(). A malformed value (which oval_compare
 * rejects before calling this) is ordered by its best-effort split.
 */
static int
dver_cmp(const struct dver *x, const struct dver *y)
{
	int rc;

	if (x->epoch != y->epoch)
		return x->epoch > y->epoch ? 1 : -1;
	rc = verrevcmp(x->v, x->vlen, y->v, y->vlen);
	if (rc != 0)
		return sign(rc);
	return sign(verrevcmp(x->r, x->rlen, y->r, y->rlen));
}

int
oval_debian_evr_cmp(const char *a, const char *b)
{
	struct dver x, y;
	const char *why;

	(void)dver_parse(a, &x, &why);
	(void)dver_parse(b, &y, &why);
	return dver_cmp(&x, &y);
}

/* Parses v into *x; KS_EPARSE with dpkg's reason as the message. */
static int
dver_get(const char *v, struct dver *x)
{
	const char *why = NULL;

	if (dver_parse(v, x, &why) < 0) {
		ks_error_set("debian_evr_string value '%.*s': %s",
		    OVAL_VALUE_QUOTE, v, why);
		return KS_EPARSE;
	}
	return 0;
}

int
oval_value_debian_check(const char *v)
{
	struct dver x;

	return dver_get(v, &x);
}

/* Hot path: each value is parsed once. */
int
oval_value_debian_compare(enum oval_operation op, const char *a,
    const char *b, enum oval_result *res)
{
	struct dver x, y;
	int rc;

	if ((rc = dver_get(a, &x)) < 0 || (rc = dver_get(b, &y)) < 0)
		return rc;
	*res = oval_value_order_result(op, dver_cmp(&x, &y));
	return 0;
}
