/*
 * oval_compare(): which operations OVAL 5.11 allows on which datatype, and
 * the dispatch of a comparison to the datatype's file (value_num.c,
 * value_evr.c, value_debian.c, value_version.c, value_net.c); string
 * comparisons live here. It does not resolve variables or apply var_check:
 * that is eval_*.c.
 */
#include <string.h>

#include "oval/value_int.h"

#define OPB(o)	(1u << (o))
#define ORDER_OPS (OPB(OVAL_OP_EQUALS) | OPB(OVAL_OP_NOT_EQUAL) | \
	OPB(OVAL_OP_GREATER_THAN) | OPB(OVAL_OP_GREATER_THAN_OR_EQUAL) | \
	OPB(OVAL_OP_LESS_THAN) | OPB(OVAL_OP_LESS_THAN_OR_EQUAL))

/*
 * "Expected operations within OVAL for <datatype> values are ..." in the
 * SimpleDatatypeEnumeration / ComplexDatatypeEnumeration documentation of
 * oval-common-schema.xsd, also enforced by the datatype/operation
 * schematron rules of oval-definitions-schema.xsd.
 */
static const unsigned allowed_ops[OVAL_DT_COUNT] = {
	[OVAL_DT_BINARY] = OPB(OVAL_OP_EQUALS) | OPB(OVAL_OP_NOT_EQUAL),
	[OVAL_DT_BOOLEAN] = OPB(OVAL_OP_EQUALS) | OPB(OVAL_OP_NOT_EQUAL),
	[OVAL_DT_EVR_STRING] = ORDER_OPS,
	[OVAL_DT_DEBIAN_EVR_STRING] = ORDER_OPS,
	[OVAL_DT_FILESET_REVISION] = ORDER_OPS,
	[OVAL_DT_FLOAT] = ORDER_OPS,
	[OVAL_DT_INT] = ORDER_OPS | OPB(OVAL_OP_BITWISE_AND) |
	    OPB(OVAL_OP_BITWISE_OR),
	[OVAL_DT_IOS_VERSION] = ORDER_OPS,
	[OVAL_DT_IPV4_ADDRESS] = ORDER_OPS | OPB(OVAL_OP_SUBSET_OF) |
	    OPB(OVAL_OP_SUPERSET_OF),
	[OVAL_DT_IPV6_ADDRESS] = ORDER_OPS | OPB(OVAL_OP_SUBSET_OF) |
	    OPB(OVAL_OP_SUPERSET_OF),
	[OVAL_DT_STRING] = OPB(OVAL_OP_EQUALS) | OPB(OVAL_OP_NOT_EQUAL) |
	    OPB(OVAL_OP_CI_EQUALS) | OPB(OVAL_OP_CI_NOT_EQUAL) |
	    OPB(OVAL_OP_PATTERN_MATCH),
	[OVAL_DT_VERSION] = ORDER_OPS,
	/* "The only allowed operation within OVAL for record values is
	 * 'equals'." */
	[OVAL_DT_RECORD] = OPB(OVAL_OP_EQUALS),
};

bool
oval_op_allowed(enum oval_datatype dt, enum oval_operation op)
{
	if ((unsigned)dt >= OVAL_DT_COUNT || (unsigned)op >= OVAL_OP_COUNT)
		return false;
	return (allowed_ops[dt] & OPB(op)) != 0;
}

enum oval_result
oval_value_order_result(enum oval_operation op, int cmp)
{
	bool r;

	switch (op) {
	case OVAL_OP_EQUALS:
		r = cmp == 0;
		break;
	case OVAL_OP_NOT_EQUAL:
		r = cmp != 0;
		break;
	case OVAL_OP_GREATER_THAN:
		r = cmp > 0;
		break;
	case OVAL_OP_GREATER_THAN_OR_EQUAL:
		r = cmp >= 0;
		break;
	case OVAL_OP_LESS_THAN:
		r = cmp < 0;
		break;
	case OVAL_OP_LESS_THAN_OR_EQUAL:
		r = cmp <= 0;
		break;
	default:
		return OVAL_R_ERROR;
	}
	return r ? OVAL_R_TRUE : OVAL_R_FALSE;
}

/*
 * "pattern match ... OVAL supports a common subset of ... Perl 5's regular
 * expression" and, like Perl's m//, the pattern is searched anywhere in the
 * value (it is not implicitly anchored): "^" and "$" anchor explicitly.
 */
static int
pattern_match(const char *actual, const char *pattern,
    struct ks_regex_cache *cache, enum oval_result *res)
{
	const struct ks_regex *rx = NULL;
	struct ks_regex *own = NULL;
	int rc, m;

	if (cache != NULL) {
		rc = ks_regex_cache_get(cache, pattern, 0, &rx);
		if (rc < 0)
			return rc;
	} else {
		rc = ks_regex_new(&own, pattern, 0);
		if (rc < 0)
			return rc;
		rx = own;
	}
	m = ks_regex_match(rx, actual, strlen(actual));
	ks_regex_free(own);
	if (m < 0)
		return m;
	*res = m ? OVAL_R_TRUE : OVAL_R_FALSE;
	return 0;
}

/*
 * ASCII case-insensitive equality. Not strcasecmp(), which depends on the
 * process locale, nor libxml2's xmlStrcasecmp(), whose case table maps
 * '[' to '{' (so "[" would equal "{").
 */
static bool
ascii_ci_equal(const char *a, const char *b)
{
	unsigned char x, y;

	for (;; a++, b++) {
		x = (unsigned char)*a;
		y = (unsigned char)*b;
		if (x >= 'A' && x <= 'Z')
			x = (unsigned char)(x - 'A' + 'a');
		if (y >= 'A' && y <= 'Z')
			y = (unsigned char)(y - 'A' + 'a');
		if (x != y)
			return false;
		if (x == '\0')
			return true;
	}
}

/*
 * string: "equals ... When the specified datatype is a string, this results
 * in a case-sensitive comparison" (OperationEnumeration): byte equality.
 * The case-insensitive operations fold ASCII letters only; non-ASCII
 * letters must match exactly.
 */
static int
string_compare(enum oval_operation op, const char *a, const char *b,
    struct ks_regex_cache *re, enum oval_result *res)
{
	bool eq;

	switch (op) {
	case OVAL_OP_EQUALS:
	case OVAL_OP_NOT_EQUAL:
		eq = strcmp(a, b) == 0;
		*res = (eq == (op == OVAL_OP_EQUALS)) ? OVAL_R_TRUE :
		    OVAL_R_FALSE;
		return 0;
	case OVAL_OP_CI_EQUALS:
	case OVAL_OP_CI_NOT_EQUAL:
		eq = ascii_ci_equal(a, b);
		*res = (eq == (op == OVAL_OP_CI_EQUALS)) ? OVAL_R_TRUE :
		    OVAL_R_FALSE;
		return 0;
	case OVAL_OP_PATTERN_MATCH:
		return pattern_match(a, b, re, res);
	default:
		break;
	}
	ks_error_set("operation '%s' is not allowed on datatype 'string'",
	    oval_operation_name(op));
	return KS_EUNSUPPORTED;
}

int
oval_compare(enum oval_datatype dt, enum oval_operation op,
    const char *actual, const char *expected, struct ks_regex_cache *re,
    enum oval_result *res)
{
	if (!oval_op_allowed(dt, op)) {
		ks_error_set("operation '%s' is not allowed on datatype '%s'",
		    oval_operation_name(op), oval_datatype_name(dt));
		return KS_EUNSUPPORTED;
	}
	if (actual == NULL || expected == NULL) {
		ks_error_set("%s: no value to compare (nil)",
		    oval_datatype_name(dt));
		return KS_EPARSE;
	}
	switch (dt) {
	case OVAL_DT_STRING:
		return string_compare(op, actual, expected, re, res);
	case OVAL_DT_INT:
		return oval_value_int_compare(op, actual, expected, res);
	case OVAL_DT_FLOAT:
		return oval_value_float_compare(op, actual, expected, res);
	case OVAL_DT_BOOLEAN:
		return oval_value_bool_compare(op, actual, expected, res);
	case OVAL_DT_BINARY:
		return oval_value_binary_compare(op, actual, expected, res);
	case OVAL_DT_EVR_STRING:
		return oval_value_evr_compare(op, actual, expected, res);
	case OVAL_DT_DEBIAN_EVR_STRING:
		return oval_value_debian_compare(op, actual, expected, res);
	case OVAL_DT_VERSION:
		return oval_value_version_compare(op, actual, expected, res);
	case OVAL_DT_IOS_VERSION:
		return oval_value_ios_compare(op, actual, expected, res);
	case OVAL_DT_FILESET_REVISION:
		return oval_value_fileset_compare(op, actual, expected, res);
	case OVAL_DT_IPV4_ADDRESS:
		return oval_value_ipv4_compare(op, actual, expected, res);
	case OVAL_DT_IPV6_ADDRESS:
		return oval_value_ipv6_compare(op, actual, expected, res);
	case OVAL_DT_RECORD:
	case OVAL_DT_COUNT:
		break;
	}
	/* A record is compared field by field by the evaluator (each field
	 * has its own datatype and operation); there is no record value. */
	ks_error_set("datatype 'record' is compared field by field, "
	    "not as one value");
	return KS_EUNSUPPORTED;
}

int
oval_value_check(enum oval_datatype dt, const char *v)
{
	if (v == NULL) {
		ks_error_set("%s: no value (nil)", oval_datatype_name(dt));
		return KS_EPARSE;
	}
	switch (dt) {
	case OVAL_DT_STRING:
		return 0;	/* any character data is a string */
	case OVAL_DT_INT:
		return oval_value_int_check(v);
	case OVAL_DT_FLOAT:
		return oval_value_float_check(v);
	case OVAL_DT_BOOLEAN:
		return oval_value_bool_check(v);
	case OVAL_DT_BINARY:
		return oval_value_binary_check(v);
	case OVAL_DT_EVR_STRING:
		return oval_value_evr_check(v);
	case OVAL_DT_DEBIAN_EVR_STRING:
		return oval_value_debian_check(v);
	case OVAL_DT_VERSION:
		return oval_value_version_check(v);
	case OVAL_DT_IOS_VERSION:
		return oval_value_ios_check(v);
	case OVAL_DT_FILESET_REVISION:
		return oval_value_fileset_check(v);
	case OVAL_DT_IPV4_ADDRESS:
		return oval_value_ipv4_check(v);
	case OVAL_DT_IPV6_ADDRESS:
		return oval_value_ipv6_check(v);
	case OVAL_DT_RECORD:
	case OVAL_DT_COUNT:
		break;
	}
	ks_error_set("datatype '%s' has no simple value",
	    oval_datatype_name(dt));
	return KS_EUNSUPPORTED;
}
