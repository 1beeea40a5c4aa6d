/*
 * libFuzzer target for the OVAL datatype parsers and comparisons
 * (oval/value_*.c). The first byte picks the datatype and the operation;
 * the rest is split in two values (at the first NUL byte, else in the
 * middle). Beyond "never crash", it traps when a contract is broken: an
 * unexpected return code, a result other than true/false, or an ordering
 * that is not antisymmetric or not reflexive.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "oval/value_int.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAXV 4096

static int
sgn(int x)
{
	return (x > 0) - (x < 0);
}

static void
check_order(int ab, int ba, int aa)
{
	if (sgn(ab) != -sgn(ba) || aa != 0)
		__builtin_trap();
}

/* The orderings of both values, for each datatype that has one. */
static void
orders(const char *a, const char *b)
{
	int e1 = 0, e2 = 0, e3 = 0;
	int ab, ba, aa;

	check_order(oval_evr_cmp(a, b), oval_evr_cmp(b, a),
	    oval_evr_cmp(a, a));
	check_order(oval_debian_evr_cmp(a, b), oval_debian_evr_cmp(b, a),
	    oval_debian_evr_cmp(a, a));
	check_order(oval_value_rpmvercmp(a, strlen(a), b, strlen(b)),
	    oval_value_rpmvercmp(b, strlen(b), a, strlen(a)),
	    oval_value_rpmvercmp(a, strlen(a), a, strlen(a)));
	ab = oval_version_cmp(a, b, &e1);
	ba = oval_version_cmp(b, a, &e2);
	aa = oval_version_cmp(a, a, &e3);
	if ((e1 != 0) != (e2 != 0))
		__builtin_trap();
	if (e1 == 0)
		check_order(ab, ba, aa);
	ab = oval_value_ios_cmp(a, b, &e1);
	ba = oval_value_ios_cmp(b, a, &e2);
	aa = oval_value_ios_cmp(a, a, &e3);
	if ((e1 != 0) != (e2 != 0))
		__builtin_trap();
	if (e1 == 0)
		check_order(ab, ba, aa);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ks_regex_cache *re = NULL;
	enum oval_datatype dt;
	enum oval_operation op;
	enum oval_result r;
	const uint8_t *nul;
	char *a, *b;
	size_t alen, blen;
	int rc, ca, cb;

	if (size < 1)
		return 0;
	dt = (enum oval_datatype)(data[0] % OVAL_DT_COUNT);
	op = (enum oval_operation)((data[0] / OVAL_DT_COUNT) % OVAL_OP_COUNT);
	data++;
	size--;
	nul = memchr(data, 0, size);
	if (nul != NULL) {
		alen = (size_t)(nul - data);
		blen = size - alen - 1;
	} else {
		alen = size / 2;
		blen = size - alen;
	}
	if (alen > MAXV || blen > MAXV)
		return 0;
	a = ks_strndup((const char *)data, alen);
	b = ks_strndup((const char *)data + size - blen, blen);

	ca = oval_value_check(dt, a);
	cb = oval_value_check(dt, b);
	if ((ca != 0 && ca != KS_EPARSE && ca != KS_EUNSUPPORTED) ||
	    (cb != 0 && cb != KS_EPARSE && cb != KS_EUNSUPPORTED))
		__builtin_trap();

	if (ks_regex_cache_new(&re) != 0)
		__builtin_trap();
	r = OVAL_R_COUNT;
	rc = oval_compare(dt, op, a, b, re, &r);
	if (rc == 0 && r != OVAL_R_TRUE && r != OVAL_R_FALSE)
		__builtin_trap();
	if (!oval_op_allowed(dt, op) && rc != KS_EUNSUPPORTED)
		__builtin_trap();
	/* Well-formed values under an allowed operation compare, except a
	 * pattern (string), a record, and ip orderings across prefixes. */
	if (oval_op_allowed(dt, op) && ca == 0 && cb == 0 && rc != 0 &&
	    dt != OVAL_DT_STRING && dt != OVAL_DT_RECORD &&
	    !(rc == KS_ERROR && (dt == OVAL_DT_IPV4_ADDRESS ||
	    dt == OVAL_DT_IPV6_ADDRESS)))
		__builtin_trap();
	/* Malformed values never compare. */
	if (rc == 0 && (ca != 0 || cb != 0))
		__builtin_trap();
	/* equals is symmetric and reflexive on well-formed values */
	if (ca == 0 && cb == 0 && oval_op_allowed(dt, OVAL_OP_EQUALS) &&
	    dt != OVAL_DT_RECORD) {
		enum oval_result r1, r2, r3;

		if (oval_compare(dt, OVAL_OP_EQUALS, a, b, re, &r1) != 0 ||
		    oval_compare(dt, OVAL_OP_EQUALS, b, a, re, &r2) != 0 ||
		    oval_compare(dt, OVAL_OP_EQUALS, a, a, re, &r3) != 0 ||
		    r1 != r2 || r3 != OVAL_R_TRUE)
			__builtin_trap();
	}
	/* the regex once more without a cache */
	if (dt == OVAL_DT_STRING && op == OVAL_OP_PATTERN_MATCH)
		(void)oval_compare(dt, op, a, b, NULL, &r);
	orders(a, b);
	ks_regex_cache_free(re);
	free(a);
	free(b);
	return 0;
}
