/*
 * The evr_string datatype: "EPOCH:VERSION-RELEASE" compared as librpm does
 * (rpmvercmp() on each field, rpm >= 4.15 semantics with '~' and '^'),
 * without allocating: fields are byte ranges of the caller's strings. It
 * is not the Debian ordering (value_debian.c) nor OVAL's version datatype.
 */
#include <string.h>

#include "oval/value_int.h"

/* rpm's risdigit/risalpha: ASCII only; every other byte (UTF-8 included)
 * is a separator. */
static bool
r_digit(char c)
{
	return c >= '0' && c <= '9';
}

static bool
r_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int
sign(int x)
{
	return (x > 0) - (x < 0);
}

/*
 * rpmvercmp() as documented by rpm (and its tests/rpmvercmp.at): the
 * strings are split into runs of digits and runs of letters, everything
 * else separates. Runs are compared pairwise: digits numerically (leading
 * zeros ignored), letters by byte value; a digit run is newer than a
 * letter run. '~' sorts before anything, even the end of the string
 * ("1.0~rc1" < "1.0"); '^' sorts after the end of the string but before
 * anything else ("1.0" < "1.0^git1" < "1.0.1"). When one string runs out
 * of runs, the one with runs left is newer.
 */
int
oval_value_rpmvercmp(const char *a, size_t alen, const char *b, size_t blen)
{
	const char *one = a, *ea = a + alen, *two = b, *eb = b + blen;
	const char *s1, *s2;
	size_t l1, l2;
	bool isnum;
	int rc;

	if (alen == blen && memcmp(a, b, alen) == 0)
		return 0;
	while (one < ea || two < eb) {
		while (one < ea && !r_digit(*one) && !r_alpha(*one) &&
		    *one != '~' && *one != '^')
			one++;
		while (two < eb && !r_digit(*two) && !r_alpha(*two) &&
		    *two != '~' && *two != '^')
			two++;

		/* Tilde: older than everything, even the end. */
		if ((one < ea && *one == '~') || (two < eb && *two == '~')) {
			if (one == ea || *one != '~')
				return 1;
			if (two == eb || *two != '~')
				return -1;
			one++;
			two++;
			continue;
		}
		/* Caret: like tilde, except that the end is older. */
		if ((one < ea && *one == '^') || (two < eb && *two == '^')) {
			if (one == ea)
				return -1;
			if (two == eb)
				return 1;
			if (*one != '^')
				return 1;
			if (*two != '^')
				return -1;
			one++;
			two++;
			continue;
		}
		if (one == ea || two == eb)
			break;

		s1 = one;
		s2 = two;
		isnum = r_digit(*s1);
		if (isnum) {
			while (s1 < ea && r_digit(*s1))
				s1++;
			while (s2 < eb && r_digit(*s2))
				s2++;
		} else {
			while (s1 < ea && r_alpha(*s1))
				s1++;
			while (s2 < eb && r_alpha(*s2))
				s2++;
		}
		/* Runs of different kinds: the numeric one is newer. */
		if (s2 == two)
			return isnum ? 1 : -1;
		if (isnum) {
			while (one < s1 && *one == '0')
				one++;
			while (two < s2 && *two == '0')
				two++;
			l1 = (size_t)(s1 - one);
			l2 = (size_t)(s2 - two);
			/* More significant digits: bigger number. */
			if (l1 != l2)
				return l1 > l2 ? 1 : -1;
		}
		l1 = (size_t)(s1 - one);
		l2 = (size_t)(s2 - two);
		rc = memcmp(one, two, l1 < l2 ? l1 : l2);
		if (rc != 0)
			return sign(rc);
		if (l1 != l2)
			return l1 > l2 ? 1 : -1;
		one = s1;
		two = s2;
	}
	if (one == ea && two == eb)
		return 0;
	/* Whichever still has runs is newer. */
	return one == ea ? -1 : 1;
}

struct evr {
	const char	*e, *v, *r;	/* e, r NULL when absent */
	size_t		 elen, vlen, rlen;
};

/*
 * rpm's parseEVR(): leading digits followed by ':' are the epoch (an empty
 * one means 0); the release follows the last '-' after that.
 */
static void
evr_split(const char *s, struct evr *out)
{
	const char *p = s, *end = s + strlen(s), *dash;

	while (p < end && r_digit(*p))
		p++;
	if (p < end && *p == ':') {
		out->e = s;
		out->elen = (size_t)(p - s);
		if (out->elen == 0) {
			out->e = "0";
			out->elen = 1;
		}
		p++;
	} else {
		out->e = NULL;
		out->elen = 0;
		p = s;
	}
	dash = memrchr(p, '-', (size_t)(end - p));
	out->v = p;
	if (dash != NULL) {
		out->vlen = (size_t)(dash - p);
		out->r = dash + 1;
		out->rlen = (size_t)(end - dash - 1);
	} else {
		out->vlen = (size_t)(end - p);
		out->r = NULL;
		out->rlen = 0;
	}
}

/*
 * rpm's rpmverCmp(): epochs (absent = "0"), then versions, then releases,
 * each with rpmvercmp(); an absent release is older than any present one.
 */
static int
evr_cmp_split(const struct evr *x, const struct evr *y)
{
	int rc;

	rc = oval_value_rpmvercmp(x->e ? x->e : "0", x->e ? x->elen : 1,
	    y->e ? y->e : "0", y->e ? y->elen : 1);
	if (rc != 0)
		return rc;
	rc = oval_value_rpmvercmp(x->v, x->vlen, y->v, y->vlen);
	if (rc != 0)
		return rc;
	if (x->r == NULL || y->r == NULL)
		return (x->r != NULL) - (y->r != NULL);
	return oval_value_rpmvercmp(x->r, x->rlen, y->r, y->rlen);
}

int
oval_evr_cmp(const char *a, const char *b)
{
	struct evr x, y;

	evr_split(a, &x);
	evr_split(b, &y);
	return evr_cmp_split(&x, &y);
}

/*
 * "It has the form EPOCH:VERSION-RELEASE" (DatatypeEnumeration
 * 'evr_string'). rpm itself accepts any string, and so do we, except a
 * value with no version ("", "1:", "1:-2"), which cannot be compared
 * meaningfully.
 */
static int
evr_valid(const char *v, const struct evr *x)
{
	if (x->vlen == 0) {
		ks_error_set("evr_string value '%.*s' has no version",
		    OVAL_VALUE_QUOTE, v);
		return KS_EPARSE;
	}
	return 0;
}

int
oval_value_evr_check(const char *v)
{
	struct evr x;

	evr_split(v, &x);
	return evr_valid(v, &x);
}

/* Hot path: each value is split once. */
int
oval_value_evr_compare(enum oval_operation op, const char *a, const char *b,
    enum oval_result *res)
{
	struct evr x, y;
	int rc;

	evr_split(a, &x);
	evr_split(b, &y);
	if ((rc = evr_valid(a, &x)) < 0 || (rc = evr_valid(b, &y)) < 0)
		return rc;
	*res = oval_value_order_result(op, evr_cmp_split(&x, &y));
	return 0;
}
