/*
 * The OVAL datatypes int, float, boolean and binary: lexical checks after
 * the W3C XML Schema types they "conform to" (xsd:integer, xsd:float,
 * xsd:boolean, xsd:hexBinary) and their comparisons, including int's
 * bitwise and / bitwise or. Nothing here allocates. Not for string or
 * version-like datatypes (value_compare.c, value_version.c).
 */
#include <locale.h>
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "oval/value_int.h"

/*
 * The XML Schema types behind int, float, boolean and binary have the
 * whiteSpace facet "collapse": leading and trailing white space is not part
 * of the value. Collected values (e.g. a number read from a file) often
 * carry a newline, so we trim XML white space around these four datatypes.
 */
static bool
is_xml_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static void
trim(const char *v, const char **b, const char **e)
{
	const char *end = v + strlen(v);

	while (v < end && is_xml_space(*v))
		v++;
	while (end > v && is_xml_space(end[-1]))
		end--;
	*b = v;
	*e = end;
}

static bool
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* ---- int ------------------------------------------------------------- */

/*
 * xsd:integer is "[+-]?[0-9]+" (the commented-out schematron check in
 * oval-definitions-schema.xsd says the same): decimal only, so "0x1F" is
 * not an int. Its range is infinite; ours is int64_t and a value outside
 * it is reported as a parse error rather than silently wrapped.
 */
int
oval_value_int_parse(const char *v, int64_t *out)
{
	const char *p, *e;
	uint64_t mag = 0, lim;
	bool neg = false;

	trim(v, &p, &e);
	if (p < e && (*p == '+' || *p == '-')) {
		neg = *p == '-';
		p++;
	}
	if (p == e)
		goto bad;
	lim = neg ? (uint64_t)INT64_MAX + 1 : (uint64_t)INT64_MAX;
	for (; p < e; p++) {
		if (!is_digit(*p))
			goto bad;
		if (mag > (lim - (uint64_t)(*p - '0')) / 10) {
			ks_error_set("int value '%.*s' is out of the 64-bit "
			    "range", OVAL_VALUE_QUOTE, v);
			return KS_EPARSE;
		}
		mag = mag * 10 + (uint64_t)(*p - '0');
	}
	if (neg)
		*out = mag == (uint64_t)INT64_MAX + 1 ? INT64_MIN :
		    -(int64_t)mag;
	else
		*out = (int64_t)mag;
	return 0;
bad:
	ks_error_set("int value '%.*s' is not a decimal integer",
	    OVAL_VALUE_QUOTE, v);
	return KS_EPARSE;
}

int
oval_value_int_check(const char *v)
{
	int64_t x;

	return oval_value_int_parse(v, &x);
}

int
oval_value_int_compare(enum oval_operation op, const char *a, const char *b,
    enum oval_result *res)
{
	int64_t x, y;
	uint64_t ux, uy;
	int rc;

	if ((rc = oval_value_int_parse(a, &x)) < 0 ||
	    (rc = oval_value_int_parse(b, &y)) < 0)
		return rc;
	/* Bits of the two's complement representation. */
	ux = (uint64_t)x;
	uy = (uint64_t)y;
	switch (op) {
	case OVAL_OP_BITWISE_AND:
		/* "true if performing a BITWISE AND with the binary
		 * representation of the stated entity against ... the actual
		 * value ... results in a binary value that is equal to the
		 * binary representation of the stated entity" */
		*res = (ux & uy) == uy ? OVAL_R_TRUE : OVAL_R_FALSE;
		return 0;
	case OVAL_OP_BITWISE_OR:
		/* the same with BITWISE OR */
		*res = (ux | uy) == uy ? OVAL_R_TRUE : OVAL_R_FALSE;
		return 0;
	default:
		*res = oval_value_order_result(op, (x > y) - (x < y));
		return 0;
	}
}

/* ---- float ----------------------------------------------------------- */

static locale_t c_locale;
static pthread_once_t c_locale_once = PTHREAD_ONCE_INIT;

static void
c_locale_init(void)
{
	c_locale = newlocale(LC_NUMERIC_MASK, "C", (locale_t)0);
}

/*
 * xsd:float lexical space: "a decimal followed, optionally, by the
 * character 'E' or 'e', followed by an integer exponent. The special values
 * positive and negative infinity and not-a-number ... are represented by
 * INF, -INF and NaN" (DatatypeEnumeration 'float'). We also take "+INF"
 * (XML Schema 1.1). Case matters: "inf" and "nan" are not floats. The
 * conversion is to double, more precise than the spec's 32-bit value
 * space, so values that differ only beyond float precision are unequal.
 */
static int
float_parse(const char *v, double *out)
{
	const char *p, *e, *q;
	char tmp[128];
	bool digits = false;
	size_t n;

	trim(v, &p, &e);
	n = (size_t)(e - p);
	if ((n == 3 && memcmp(p, "INF", 3) == 0) ||
	    (n == 4 && memcmp(p, "+INF", 4) == 0)) {
		*out = INFINITY;
		return 0;
	}
	if (n == 4 && memcmp(p, "-INF", 4) == 0) {
		*out = -INFINITY;
		return 0;
	}
	if (n == 3 && memcmp(p, "NaN", 3) == 0) {
		*out = NAN;
		return 0;
	}
	q = p;
	if (q < e && (*q == '+' || *q == '-'))
		q++;
	for (; q < e && is_digit(*q); q++)
		digits = true;
	if (q < e && *q == '.')
		for (q++; q < e && is_digit(*q); q++)
			digits = true;
	if (!digits)
		goto bad;
	if (q < e && (*q == 'e' || *q == 'E')) {
		q++;
		if (q < e && (*q == '+' || *q == '-'))
			q++;
		if (q == e || !is_digit(*q))
			goto bad;
		while (q < e && is_digit(*q))
			q++;
	}
	if (q != e)
		goto bad;
	if (n >= sizeof(tmp)) {
		ks_error_set("float value '%.*s...' is too long",
		    OVAL_VALUE_QUOTE, v);
		return KS_EPARSE;
	}
	memcpy(tmp, p, n);
	tmp[n] = '\0';
	pthread_once(&c_locale_once, c_locale_init);
	/* The locale's decimal point must not change what "1.5" means. */
	if (c_locale != (locale_t)0)
		*out = strtod_l(tmp, NULL, c_locale);
	else
		*out = strtod(tmp, NULL);
	return 0;
bad:
	ks_error_set("float value '%.*s' is not a float", OVAL_VALUE_QUOTE, v);
	return KS_EPARSE;
}

int
oval_value_float_check(const char *v)
{
	double d;

	return float_parse(v, &d);
}

int
oval_value_float_compare(enum oval_operation op, const char *a,
    const char *b, enum oval_result *res)
{
	double x, y;
	int rc;

	if ((rc = float_parse(a, &x)) < 0 || (rc = float_parse(b, &y)) < 0)
		return rc;
	if (isnan(x) || isnan(y)) {
		/* XML Schema 1.0 part 2, 3.2.4 float: "NaN equals itself but
		 * is incomparable with (neither greater than nor less than)
		 * any other value in the value space". */
		if (isnan(x) && isnan(y)) {
			*res = oval_value_order_result(op, 0);
			return 0;
		}
		*res = op == OVAL_OP_NOT_EQUAL ? OVAL_R_TRUE : OVAL_R_FALSE;
		return 0;
	}
	*res = oval_value_order_result(op, (x > y) - (x < y));
	return 0;
}

/* ---- boolean --------------------------------------------------------- */

/* "the following literals are legal values: {true, false, 1, 0}" */
static int
bool_parse(const char *v, bool *out)
{
	const char *p, *e;
	size_t n;

	trim(v, &p, &e);
	n = (size_t)(e - p);
	if ((n == 4 && memcmp(p, "true", 4) == 0) ||
	    (n == 1 && *p == '1')) {
		*out = true;
		return 0;
	}
	if ((n == 5 && memcmp(p, "false", 5) == 0) ||
	    (n == 1 && *p == '0')) {
		*out = false;
		return 0;
	}
	ks_error_set("boolean value '%.*s' is not one of true, false, 1, 0",
	    OVAL_VALUE_QUOTE, v);
	return KS_EPARSE;
}

int
oval_value_bool_check(const char *v)
{
	bool b;

	return bool_parse(v, &b);
}

int
oval_value_bool_compare(enum oval_operation op, const char *a,
    const char *b, enum oval_result *res)
{
	bool x, y;
	int rc;

	if ((rc = bool_parse(a, &x)) < 0 || (rc = bool_parse(b, &y)) < 0)
		return rc;
	*res = oval_value_order_result(op, x != y);
	return 0;
}

/* ---- binary ---------------------------------------------------------- */

static int
hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/*
 * "each binary octet is encoded as a character tuple, consisting of two
 * hexadecimal digits {[0-9a-fA-F]}": an even number of hex digits (none is
 * the empty octet string). Returns the trimmed range.
 */
static int
binary_parse(const char *v, const char **b, const char **e)
{
	const char *p;

	trim(v, b, e);
	for (p = *b; p < *e; p++)
		if (hexval(*p) < 0) {
			ks_error_set("binary value '%.*s' is not hexadecimal",
			    OVAL_VALUE_QUOTE, v);
			return KS_EPARSE;
		}
	if ((*e - *b) % 2 != 0) {
		ks_error_set("binary value '%.*s' has an odd number of hex "
		    "digits", OVAL_VALUE_QUOTE, v);
		return KS_EPARSE;
	}
	return 0;
}

int
oval_value_binary_check(const char *v)
{
	const char *b, *e;

	return binary_parse(v, &b, &e);
}

/* Equal octets: "0A" equals "0a". */
int
oval_value_binary_compare(enum oval_operation op, const char *a,
    const char *b, enum oval_result *res)
{
	const char *ab, *ae, *bb, *be;
	bool eq;
	int rc;

	if ((rc = binary_parse(a, &ab, &ae)) < 0 ||
	    (rc = binary_parse(b, &bb, &be)) < 0)
		return rc;
	eq = ae - ab == be - bb;
	for (; eq && ab < ae; ab++, bb++)
		eq = hexval(*ab) == hexval(*bb);
	*res = oval_value_order_result(op, eq ? 0 : 1);
	return 0;
}
