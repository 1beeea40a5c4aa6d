/*
 * The ipv4_address and ipv6_address datatypes: an address with a prefix
 * length (CIDR "10.0.0.0/8", netmask "10.0.0.0/255.0.0.0", RFC 4291
 * "2001:db8::/32") and the operations OVAL 5.11 defines on them, including
 * subset of / superset of. Not for host names or ports.
 */
#include <arpa/inet.h>
#include <string.h>

#include "oval/value_int.h"

struct net {
	uint8_t		a[16];		/* big-endian; ipv4 uses a[0..3] */
	unsigned	prefix;
	unsigned	bits;		/* 32 or 128 */
};

static bool
n_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Decimal 0..max at [*p, e) (leading zeros allowed); advances *p. */
static bool
dec(const char **p, const char *e, unsigned max, unsigned *out)
{
	unsigned v = 0;
	const char *q = *p;

	if (q == e || !n_digit(*q))
		return false;
	for (; q < e && n_digit(*q); q++) {
		v = v * 10 + (unsigned)(*q - '0');
		if (v > max)
			return false;
	}
	*p = q;
	*out = v;
	return true;
}

/* "'a.b.c.d' where 'a', 'b', 'c', and 'd' are integers from 0-255 ...
 * leading zeros are permitted such that '192.0.2.0' is equal to
 * '192.000.002.000'" */
static bool
quad(const char *p, const char *e, uint8_t out[4])
{
	unsigned v;
	int i;

	for (i = 0; i < 4; i++) {
		if (i > 0) {
			if (p == e || *p != '.')
				return false;
			p++;
		}
		if (!dec(&p, e, 255, &v))
			return false;
		out[i] = (uint8_t)v;
	}
	return p == e;
}

/* Zeroes the bits after the prefix: "The following definitions assume that
 * bits outside the prefix have been zeroed out." */
static void
apply_prefix(struct net *n)
{
	unsigned i, bytes = n->bits / 8;

	for (i = 0; i < bytes; i++) {
		if (i * 8 >= n->prefix)
			n->a[i] = 0;
		else if (i * 8 + 8 > n->prefix)
			n->a[i] &= (uint8_t)(0xff00u >> (n->prefix - i * 8));
	}
}

/*
 * "optionally followed by a slash ('/') and either a prefix length (an
 * integer from 0-32) or a netmask represented in the dotted-quad notation
 * ... If a prefix length is not specified, it is implicitly equal to 32."
 * A netmask must be contiguous ones then zeros (255.0.255.0 is no prefix).
 */
static int
ipv4_parse(const char *v, struct net *n)
{
	const char *end = v + strlen(v), *slash, *p;
	uint8_t m[4];
	uint32_t mask;

	memset(n, 0, sizeof(*n));
	n->bits = 32;
	n->prefix = 32;
	slash = memchr(v, '/', (size_t)(end - v));
	if (!quad(v, slash != NULL ? slash : end, n->a))
		goto bad;
	if (slash != NULL) {
		p = slash + 1;
		if (memchr(p, '.', (size_t)(end - p)) != NULL) {
			if (!quad(p, end, m))
				goto bad;
			mask = (uint32_t)m[0] << 24 | (uint32_t)m[1] << 16 |
			    (uint32_t)m[2] << 8 | m[3];
			if (((~mask) & (~mask + 1)) != 0) {
				ks_error_set("ipv4_address value '%.*s' has a "
				    "non-contiguous netmask",
				    OVAL_VALUE_QUOTE, v);
				return KS_EPARSE;
			}
			n->prefix = (unsigned)__builtin_popcount(mask);
		} else if (!dec(&p, end, 32, &n->prefix) || p != end)
			goto bad;
	}
	apply_prefix(n);
	return 0;
bad:
	ks_error_set("ipv4_address value '%.*s' is not a.b.c.d[/prefix]",
	    OVAL_VALUE_QUOTE, v);
	return KS_EPARSE;
}

/*
 * "CIDR notation given in IETF specification RFC 4291 ... (see sections
 * 2.2 and 2.3). If a prefix-length is not specified, it is implicitly
 * equal to 128." The address goes to inet_pton(); no zone ids.
 */
static int
ipv6_parse(const char *v, struct net *n)
{
	const char *end = v + strlen(v), *slash, *p;
	char buf[64];
	size_t alen;

	memset(n, 0, sizeof(*n));
	n->bits = 128;
	n->prefix = 128;
	slash = memchr(v, '/', (size_t)(end - v));
	alen = (size_t)((slash != NULL ? slash : end) - v);
	if (alen == 0 || alen >= sizeof(buf))
		goto bad;
	memcpy(buf, v, alen);
	buf[alen] = '\0';
	if (inet_pton(AF_INET6, buf, n->a) != 1)
		goto bad;
	if (slash != NULL) {
		p = slash + 1;
		if (!dec(&p, end, 128, &n->prefix) || p != end)
			goto bad;
	}
	apply_prefix(n);
	return 0;
bad:
	ks_error_set("ipv6_address value '%.*s' is not an IPv6 address"
	    "[/prefix]", OVAL_VALUE_QUOTE, v);
	return KS_EPARSE;
}

int
oval_value_ipv4_check(const char *v)
{
	struct net n;

	return ipv4_parse(v, &n);
}

int
oval_value_ipv6_check(const char *v)
{
	struct net n;

	return ipv6_parse(v, &n);
}

/* "A is a subset of B if and only if ... A_prefix >= B_prefix and the high
 * B_prefix bits of A_addr and B_addr are equal." */
static bool
subset(const struct net *a, const struct net *b)
{
	struct net t;

	if (a->prefix < b->prefix)
		return false;
	t = *a;
	t.prefix = b->prefix;
	apply_prefix(&t);
	return memcmp(t.a, b->a, a->bits / 8) == 0;
}

static int
net_compare(enum oval_operation op, const struct net *a, const struct net *b,
    const char *av, const char *bv, enum oval_result *res)
{
	const char *dt = a->bits == 32 ? "ipv4_address" : "ipv6_address";
	bool r;
	int cmp;

	switch (op) {
	case OVAL_OP_EQUALS:
	case OVAL_OP_NOT_EQUAL:
		/* "A equals B if and only if A_addr == B_addr and A_prefix
		 * == B_prefix." */
		r = a->prefix == b->prefix &&
		    memcmp(a->a, b->a, a->bits / 8) == 0;
		*res = r == (op == OVAL_OP_EQUALS) ? OVAL_R_TRUE :
		    OVAL_R_FALSE;
		return 0;
	case OVAL_OP_SUBSET_OF:
		*res = subset(a, b) ? OVAL_R_TRUE : OVAL_R_FALSE;
		return 0;
	case OVAL_OP_SUPERSET_OF:
		/* "A is a superset of B if and only if B is a subset of A." */
		*res = subset(b, a) ? OVAL_R_TRUE : OVAL_R_FALSE;
		return 0;
	default:
		break;
	}
	/* Ordering: "If A_prefix != B_prefix ... an error MUST be
	 * reported." */
	if (a->prefix != b->prefix) {
		ks_error_set("%s '%.*s' and '%.*s' have different prefix "
		    "lengths (%u, %u): '%s' is undefined", dt,
		    OVAL_VALUE_QUOTE, av, OVAL_VALUE_QUOTE, bv, a->prefix,
		    b->prefix, oval_operation_name(op));
		return KS_ERROR;
	}
	/* Big-endian bytes: memcmp is the unsigned integer order. */
	cmp = memcmp(a->a, b->a, a->bits / 8);
	*res = oval_value_order_result(op, (cmp > 0) - (cmp < 0));
	return 0;
}

int
oval_value_ipv4_compare(enum oval_operation op, const char *a,
    const char *b, enum oval_result *res)
{
	struct net x, y;
	int rc;

	if ((rc = ipv4_parse(a, &x)) < 0 || (rc = ipv4_parse(b, &y)) < 0)
		return rc;
	return net_compare(op, &x, &y, a, b, res);
}

int
oval_value_ipv6_compare(enum oval_operation op, const char *a,
    const char *b, enum oval_result *res)
{
	struct net x, y;
	int rc;

	if ((rc = ipv6_parse(a, &x)) < 0 || (rc = ipv6_parse(b, &y)) < 0)
		return rc;
	return net_compare(op, &x, &y, a, b, res);
}
