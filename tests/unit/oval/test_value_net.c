/*
 * Tests for oval/value_net.c: ipv4_address and ipv6_address, following the
 * operation definitions of OVAL 5.11 DatatypeEnumeration ("Let A and B be
 * ipv4_address values (i.e. ordered pairs from the value space) ...").
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include "oval/value_int.h"

static enum oval_result
cmp(enum oval_datatype dt, enum oval_operation op, const char *a,
    const char *b)
{
	enum oval_result r = OVAL_R_COUNT;
	int rc;

	rc = oval_compare(dt, op, a, b, NULL, &r);
	if (rc != 0)
		fail_msg("%s '%s' '%s': rc %d: %s", oval_operation_name(op),
		    a, b, rc, ks_error_msg());
	return r;
}

#define V4 OVAL_DT_IPV4_ADDRESS
#define V6 OVAL_DT_IPV6_ADDRESS
#define T(dt, op, a, b) assert_int_equal(cmp(dt, op, a, b), OVAL_R_TRUE)
#define F(dt, op, a, b) assert_int_equal(cmp(dt, op, a, b), OVAL_R_FALSE)
#define RC(dt, op, a, b, want) do {					\
	enum oval_result r_;						\
	assert_int_equal(oval_compare(dt, op, a, b, NULL, &r_), want);	\
} while (0)

/* "Examples of legal values are '192.0.2.0', '192.0.2.0/32', and
 * '192.0.2.0/255.255.255.255'. Additionally, leading zeros are permitted
 * such that '192.0.2.0' is equal to '192.000.002.000'. If a prefix length
 * is not specified, it is implicitly equal to 32." */
static void
test_value_net__ipv4_lexical(void **state)
{
	static const char *bad[] = {
		"", "1.2.3", "1.2.3.4.5", "256.0.0.1", "1.2.3.4/33",
		"1.2.3.4/", "/8", "a.b.c.d", "1.2.3.4 ", " 1.2.3.4",
		"1.2.3.-4", "1..2.3", "1.2.3.4/8/8", "1.2.3.4/-1",
		"1.2.3.4/255.0.255.0", "1.2.3.4/255.255.255", "::1",
		"1.2.3.4/0x8", "1.2.3.1000",
	};
	size_t i;

	(void)state;
	T(V4, OVAL_OP_EQUALS, "192.0.2.0", "192.0.2.0/32");
	T(V4, OVAL_OP_EQUALS, "192.0.2.0", "192.0.2.0/255.255.255.255");
	T(V4, OVAL_OP_EQUALS, "192.0.2.0", "192.000.002.000");
	T(V4, OVAL_OP_EQUALS, "10.0.0.0/8", "10.0.0.0/255.0.0.0");
	T(V4, OVAL_OP_EQUALS, "10.0.0.0/0", "10.0.0.0/0.0.0.0");
	T(V4, OVAL_OP_EQUALS, "10.0.0.0/20", "10.0.0.0/255.255.240.0");
	T(V4, OVAL_OP_EQUALS, "10.0.0.0/08", "10.0.0.0/8");
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (oval_value_check(V4, bad[i]) != KS_EPARSE)
			fail_msg("ipv4 '%s' accepted", bad[i]);
	assert_int_equal(oval_value_check(V4, "1.2.3.4/255.0.255.0"),
	    KS_EPARSE);
	assert_non_null(strstr(ks_error_msg(), "netmask"));
	RC(V4, OVAL_OP_EQUALS, "1.2.3.4", "300.1.1.1", KS_EPARSE);
}

/* "The following definitions assume that bits outside the prefix have
 * been zeroed out." and "equals: A equals B if and only if A_addr ==
 * B_addr and A_prefix == B_prefix." */
static void
test_value_net__ipv4_equals(void **state)
{
	(void)state;
	T(V4, OVAL_OP_EQUALS, "10.1.2.3/8", "10.0.0.0/8");
	T(V4, OVAL_OP_EQUALS, "10.1.2.3/8", "10.255.255.255/255.0.0.0");
	F(V4, OVAL_OP_EQUALS, "10.0.0.0/8", "10.0.0.0/16");
	F(V4, OVAL_OP_EQUALS, "10.0.0.0", "10.0.0.0/8");
	T(V4, OVAL_OP_EQUALS, "192.168.1.77/31", "192.168.1.76/31");
	F(V4, OVAL_OP_EQUALS, "192.168.1.78/31", "192.168.1.76/31");
	/* "not equal: ... they don't satisfy the criteria for equals" */
	T(V4, OVAL_OP_NOT_EQUAL, "10.0.0.0/8", "10.0.0.0/16");
	F(V4, OVAL_OP_NOT_EQUAL, "10.9.9.9/8", "10.0.0.0/8");
	T(V4, OVAL_OP_NOT_EQUAL, "10.0.0.1", "10.0.0.2");
	T(V4, OVAL_OP_EQUALS, "0.0.0.0/0", "255.255.255.255/0");
}

/* "greater than: A is greater than B if and only if A_prefix == B_prefix
 * and A_addr > B_addr. If A_prefix != B_prefix ... an error MUST be
 * reported." (and likewise for the other three orderings) */
static void
test_value_net__ipv4_order(void **state)
{
	(void)state;
	T(V4, OVAL_OP_GREATER_THAN, "10.0.0.2", "10.0.0.1");
	F(V4, OVAL_OP_GREATER_THAN, "10.0.0.1", "10.0.0.1");
	T(V4, OVAL_OP_GREATER_THAN_OR_EQUAL, "10.0.0.1", "10.0.0.1");
	T(V4, OVAL_OP_LESS_THAN, "9.255.255.255", "10.0.0.0");
	F(V4, OVAL_OP_LESS_THAN, "10.0.0.0", "10.0.0.0");
	T(V4, OVAL_OP_LESS_THAN_OR_EQUAL, "10.0.0.0", "10.0.0.0");
	/* unsigned: the top bit does not make an address negative */
	T(V4, OVAL_OP_GREATER_THAN, "255.255.255.255", "0.0.0.0");
	T(V4, OVAL_OP_GREATER_THAN, "128.0.0.0", "127.255.255.255");
	/* same prefix, compared after zeroing */
	F(V4, OVAL_OP_GREATER_THAN, "10.255.0.0/8", "10.0.0.0/8");
	T(V4, OVAL_OP_GREATER_THAN, "11.0.0.0/8", "10.255.255.255/8");
	/* different prefixes: an error, for every ordering */
	RC(V4, OVAL_OP_GREATER_THAN, "11.0.0.0/16", "10.0.0.0/8", KS_ERROR);
	assert_non_null(strstr(ks_error_msg(), "prefix"));
	RC(V4, OVAL_OP_GREATER_THAN_OR_EQUAL, "10.0.0.0/16", "10.0.0.0/8",
	    KS_ERROR);
	RC(V4, OVAL_OP_LESS_THAN, "10.0.0.1", "10.0.0.0/31", KS_ERROR);
	RC(V4, OVAL_OP_LESS_THAN_OR_EQUAL, "10.0.0.0/24", "10.0.0.0/25",
	    KS_ERROR);
}

/* "subset of: A is a subset of B if and only if every IPv4 address in
 * subnet A is present in subnet B. In other words, A_prefix >= B_prefix
 * and the high B_prefix bits of A_addr and B_addr are equal."
 * "superset of: A is a superset of B if and only if B is a subset of A." */
static void
test_value_net__ipv4_subset(void **state)
{
	(void)state;
	T(V4, OVAL_OP_SUBSET_OF, "10.1.0.0/16", "10.0.0.0/8");
	F(V4, OVAL_OP_SUBSET_OF, "10.0.0.0/8", "10.1.0.0/16");
	T(V4, OVAL_OP_SUBSET_OF, "10.1.2.3", "10.0.0.0/8");
	F(V4, OVAL_OP_SUBSET_OF, "11.0.0.0/16", "10.0.0.0/8");
	T(V4, OVAL_OP_SUBSET_OF, "10.0.0.0/8", "10.0.0.0/8");
	T(V4, OVAL_OP_SUBSET_OF, "1.2.3.4", "0.0.0.0/0");
	T(V4, OVAL_OP_SUBSET_OF, "192.168.1.1", "192.168.1.1");
	F(V4, OVAL_OP_SUBSET_OF, "192.168.1.1", "192.168.1.2");
	T(V4, OVAL_OP_SUBSET_OF, "192.168.1.129/25", "192.168.1.0/24");
	F(V4, OVAL_OP_SUBSET_OF, "192.168.2.0/25", "192.168.1.0/24");
	T(V4, OVAL_OP_SUBSET_OF, "172.16.5.0/24", "172.16.0.0/255.240.0.0");
	T(V4, OVAL_OP_SUPERSET_OF, "10.0.0.0/8", "10.1.0.0/16");
	F(V4, OVAL_OP_SUPERSET_OF, "10.1.0.0/16", "10.0.0.0/8");
	T(V4, OVAL_OP_SUPERSET_OF, "0.0.0.0/0", "203.0.113.9");
	T(V4, OVAL_OP_SUPERSET_OF, "10.0.0.0/8", "10.0.0.0/8");
	F(V4, OVAL_OP_SUPERSET_OF, "10.0.0.0/8", "11.0.0.0/16");
	/* operations not defined on addresses */
	RC(V4, OVAL_OP_PATTERN_MATCH, "10.0.0.1", "10", KS_EUNSUPPORTED);
	RC(V4, OVAL_OP_BITWISE_AND, "10.0.0.1", "10.0.0.1", KS_EUNSUPPORTED);
	RC(V4, OVAL_OP_CI_EQUALS, "10.0.0.1", "10.0.0.1", KS_EUNSUPPORTED);
}

/* "The lexical space is CIDR notation given in IETF specification RFC
 * 4291 ... If a prefix-length is not specified, it is implicitly equal to
 * 128." */
static void
test_value_net__ipv6_lexical(void **state)
{
	static const char *bad[] = {
		"", "1.2.3.4", "2001:db8::1/129", "2001:db8::1/", "/64",
		"2001:db8:::1", "fe80::1%eth0", "2001:db8::g", "::1 ",
		"12345::", "2001:db8::1/64/64", "2001:db8::1/-1",
		("0000000000000000000000000000000000000000000000000000000000"
		"0000000000::1"),
	};
	size_t i;

	(void)state;
	T(V6, OVAL_OP_EQUALS, "2001:db8::1",
	    "2001:0db8:0000:0000:0000:0000:0000:0001");
	T(V6, OVAL_OP_EQUALS, "2001:db8::1", "2001:DB8::1/128");
	T(V6, OVAL_OP_EQUALS, "::ffff:1.2.3.4", "::ffff:102:304");
	T(V6, OVAL_OP_EQUALS, "2001:db8::1/64", "2001:db8::/64");
	T(V6, OVAL_OP_EQUALS, "2001:db8::3/127", "2001:db8::2/127");
	F(V6, OVAL_OP_EQUALS, "2001:db8::3/127", "2001:db8::4/127");
	F(V6, OVAL_OP_EQUALS, "2001:db8::/64", "2001:db8::/65");
	T(V6, OVAL_OP_NOT_EQUAL, "::1", "::2");
	T(V6, OVAL_OP_EQUALS, "::/0", "ffff::/0");
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (oval_value_check(V6, bad[i]) != KS_EPARSE)
			fail_msg("ipv6 '%s' accepted", bad[i]);
	RC(V6, OVAL_OP_EQUALS, "::1", "1.2.3.4", KS_EPARSE);
}

static void
test_value_net__ipv6_order_subset(void **state)
{
	(void)state;
	T(V6, OVAL_OP_LESS_THAN, "::1", "::2");
	T(V6, OVAL_OP_GREATER_THAN, "ffff::", "::1");	/* unsigned */
	T(V6, OVAL_OP_GREATER_THAN, "2001:db8::1:0", "2001:db8::ffff");
	T(V6, OVAL_OP_GREATER_THAN_OR_EQUAL, "::1", "::1");
	T(V6, OVAL_OP_LESS_THAN_OR_EQUAL, "::1", "::1");
	F(V6, OVAL_OP_LESS_THAN, "::1", "::1");
	F(V6, OVAL_OP_GREATER_THAN, "2001:db8::ff/120", "2001:db8::/120");
	RC(V6, OVAL_OP_GREATER_THAN, "2001:db9::/48", "2001:db8::/32",
	    KS_ERROR);
	RC(V6, OVAL_OP_LESS_THAN_OR_EQUAL, "::1", "::/0", KS_ERROR);
	T(V6, OVAL_OP_SUBSET_OF, "2001:db8:1::/48", "2001:db8::/32");
	F(V6, OVAL_OP_SUBSET_OF, "2001:db8::/32", "2001:db8:1::/48");
	F(V6, OVAL_OP_SUBSET_OF, "2001:db9::/48", "2001:db8::/32");
	T(V6, OVAL_OP_SUBSET_OF, "fe80::1", "fe80::/10");
	T(V6, OVAL_OP_SUBSET_OF, "febf::1", "fe80::/10");
	F(V6, OVAL_OP_SUBSET_OF, "fec0::1", "fe80::/10");
	T(V6, OVAL_OP_SUBSET_OF, "::1", "::/0");
	T(V6, OVAL_OP_SUPERSET_OF, "2001:db8::/32", "2001:db8:1::/48");
	T(V6, OVAL_OP_SUPERSET_OF, "::/0", "2001:db8::1");
	F(V6, OVAL_OP_SUPERSET_OF, "2001:db8::1", "2001:db8::/64");
	RC(V6, OVAL_OP_BITWISE_OR, "::1", "::1", KS_EUNSUPPORTED);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_value_net__ipv4_lexical),
		cmocka_unit_test(test_value_net__ipv4_equals),
		cmocka_unit_test(test_value_net__ipv4_order),
		cmocka_unit_test(test_value_net__ipv4_subset),
		cmocka_unit_test(test_value_net__ipv6_lexical),
		cmocka_unit_test(test_value_net__ipv6_order_subset),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
