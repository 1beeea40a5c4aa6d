/*
 * The OVAL 5.11 enumerations as the schemas spell them (oval-common,
 * oval-definitions, oval-system-characteristics and oval-results schemas):
 * enum value <-> name. It does not decide what the values mean; that is in
 * value_compare.c and value_logic.c.
 */
#include <string.h>

#include "oval/oval_int.h"

/* Tables are indexed by the enum values of oval_int.h. */
static const char *const datatype_names[OVAL_DT_COUNT] = {
	[OVAL_DT_BINARY] = "binary",
	[OVAL_DT_BOOLEAN] = "boolean",
	[OVAL_DT_EVR_STRING] = "evr_string",
	[OVAL_DT_DEBIAN_EVR_STRING] = "debian_evr_string",
	[OVAL_DT_FILESET_REVISION] = "fileset_revision",
	[OVAL_DT_FLOAT] = "float",
	[OVAL_DT_INT] = "int",
	[OVAL_DT_IOS_VERSION] = "ios_version",
	[OVAL_DT_IPV4_ADDRESS] = "ipv4_address",
	[OVAL_DT_IPV6_ADDRESS] = "ipv6_address",
	[OVAL_DT_STRING] = "string",
	[OVAL_DT_VERSION] = "version",
	[OVAL_DT_RECORD] = "record",
};

static const char *const operation_names[OVAL_OP_COUNT] = {
	[OVAL_OP_EQUALS] = "equals",
	[OVAL_OP_NOT_EQUAL] = "not equal",
	[OVAL_OP_CI_EQUALS] = "case insensitive equals",
	[OVAL_OP_CI_NOT_EQUAL] = "case insensitive not equal",
	[OVAL_OP_GREATER_THAN] = "greater than",
	[OVAL_OP_LESS_THAN] = "less than",
	[OVAL_OP_GREATER_THAN_OR_EQUAL] = "greater than or equal",
	[OVAL_OP_LESS_THAN_OR_EQUAL] = "less than or equal",
	[OVAL_OP_BITWISE_AND] = "bitwise and",
	[OVAL_OP_BITWISE_OR] = "bitwise or",
	[OVAL_OP_PATTERN_MATCH] = "pattern match",
	[OVAL_OP_SUBSET_OF] = "subset of",
	[OVAL_OP_SUPERSET_OF] = "superset of",
};

/* oval-results-schema ResultEnumeration. */
static const char *const result_names[OVAL_R_COUNT] = {
	[OVAL_R_TRUE] = "true",
	[OVAL_R_FALSE] = "false",
	[OVAL_R_UNKNOWN] = "unknown",
	[OVAL_R_ERROR] = "error",
	[OVAL_R_NOT_EVALUATED] = "not evaluated",
	[OVAL_R_NOT_APPLICABLE] = "not applicable",
};

/* oval-common-schema CheckEnumeration ("none exist" is deprecated since
 * 5.3 but still legal). */
static const char *const check_names[] = {
	[OVAL_CHECK_ALL] = "all",
	[OVAL_CHECK_AT_LEAST_ONE] = "at least one",
	[OVAL_CHECK_NONE_EXIST] = "none exist",
	[OVAL_CHECK_NONE_SATISFY] = "none satisfy",
	[OVAL_CHECK_ONLY_ONE] = "only one",
};

/* oval-common-schema ExistenceEnumeration (underscores, unlike check). */
static const char *const existence_names[] = {
	[OVAL_EX_ALL_EXIST] = "all_exist",
	[OVAL_EX_ANY_EXIST] = "any_exist",
	[OVAL_EX_AT_LEAST_ONE_EXISTS] = "at_least_one_exists",
	[OVAL_EX_NONE_EXIST] = "none_exist",
	[OVAL_EX_ONLY_ONE_EXISTS] = "only_one_exists",
};

static const char *const operator_names[] = {
	[OVAL_OPR_AND] = "AND",
	[OVAL_OPR_ONE] = "ONE",
	[OVAL_OPR_OR] = "OR",
	[OVAL_OPR_XOR] = "XOR",
};

static const char *const class_names[OVAL_CLASS_COUNT] = {
	[OVAL_CLASS_COMPLIANCE] = "compliance",
	[OVAL_CLASS_INVENTORY] = "inventory",
	[OVAL_CLASS_MISCELLANEOUS] = "miscellaneous",
	[OVAL_CLASS_PATCH] = "patch",
	[OVAL_CLASS_VULNERABILITY] = "vulnerability",
};

/* oval-system-characteristics-schema FlagEnumeration. */
static const char *const flag_names[OVAL_FLAG_COUNT] = {
	[OVAL_FLAG_ERROR] = "error",
	[OVAL_FLAG_COMPLETE] = "complete",
	[OVAL_FLAG_INCOMPLETE] = "incomplete",
	[OVAL_FLAG_DOES_NOT_EXIST] = "does not exist",
	[OVAL_FLAG_NOT_COLLECTED] = "not collected",
	[OVAL_FLAG_NOT_APPLICABLE] = "not applicable",
};

/* oval-system-characteristics-schema StatusEnumeration. */
static const char *const item_status_names[] = {
	[OVAL_ST_EXISTS] = "exists",
	[OVAL_ST_DOES_NOT_EXIST] = "does not exist",
	[OVAL_ST_ERROR] = "error",
	[OVAL_ST_NOT_COLLECTED] = "not collected",
};

/* oval-definitions-schema SetOperatorEnumeration. */
static const char *const set_op_names[] = {
	[OVAL_SET_UNION] = "UNION",
	[OVAL_SET_INTERSECTION] = "INTERSECTION",
	[OVAL_SET_COMPLEMENT] = "COMPLEMENT",
};

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

/* An out-of-range value (a bug in the caller) gets a visible name rather
 * than a NULL that would crash a writer. */
static const char *
name_of(const char *const *tab, size_t n, unsigned v)
{
	return v < n ? tab[v] : "(invalid)";
}

/* Exact, case-sensitive match: the schemas define exact spellings. */
static int
parse_in(const char *const *tab, size_t n, const char *s)
{
	size_t i;

	if (s == NULL)
		return -1;
	for (i = 0; i < n; i++)
		if (strcmp(tab[i], s) == 0)
			return (int)i;
	return -1;
}

const char *
oval_datatype_name(enum oval_datatype d)
{
	return name_of(datatype_names, NELEM(datatype_names), d);
}

int
oval_datatype_parse(const char *s)
{
	return parse_in(datatype_names, NELEM(datatype_names), s);
}

const char *
oval_operation_name(enum oval_operation o)
{
	return name_of(operation_names, NELEM(operation_names), o);
}

int
oval_operation_parse(const char *s)
{
	return parse_in(operation_names, NELEM(operation_names), s);
}

const char *
oval_result_name(enum oval_result r)
{
	return name_of(result_names, NELEM(result_names), r);
}

int
oval_result_parse(const char *s)
{
	return parse_in(result_names, NELEM(result_names), s);
}

const char *
oval_check_name(enum oval_check c)
{
	return name_of(check_names, NELEM(check_names), c);
}

int
oval_check_parse(const char *s)
{
	return parse_in(check_names, NELEM(check_names), s);
}

const char *
oval_existence_name(enum oval_existence e)
{
	return name_of(existence_names, NELEM(existence_names), e);
}

int
oval_existence_parse(const char *s)
{
	return parse_in(existence_names, NELEM(existence_names), s);
}

const char *
oval_operator_name(enum oval_operator o)
{
	return name_of(operator_names, NELEM(operator_names), o);
}

int
oval_operator_parse(const char *s)
{
	return parse_in(operator_names, NELEM(operator_names), s);
}

const char *
oval_class_name(enum oval_class c)
{
	return name_of(class_names, NELEM(class_names), c);
}

int
oval_class_parse(const char *s)
{
	return parse_in(class_names, NELEM(class_names), s);
}

const char *
oval_flag_name(enum oval_flag f)
{
	return name_of(flag_names, NELEM(flag_names), f);
}

int
oval_flag_parse(const char *s)
{
	return parse_in(flag_names, NELEM(flag_names), s);
}

const char *
oval_item_status_name(enum oval_item_status s)
{
	return name_of(item_status_names, NELEM(item_status_names), s);
}

int
oval_item_status_parse(const char *s)
{
	return parse_in(item_status_names, NELEM(item_status_names), s);
}

const char *
oval_set_op_name(enum oval_set_op s)
{
	return name_of(set_op_names, NELEM(set_op_names), s);
}

int
oval_set_op_parse(const char *s)
{
	return parse_in(set_op_names, NELEM(set_op_names), s);
}
