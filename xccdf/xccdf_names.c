/*
 * The names XCCDF writes for its enumerations (results, roles, severities,
 * Value types and operators) and back. Only the spellings of the XCCDF
 * 1.2 schema; what a bad name means is the caller's decision.
 */
#include <stddef.h>
#include <string.h>

#include "xccdf/xccdf.h"
#include "xccdf/xccdf_int.h"

/* XCCDF 1.2 resultEnumType (section 6.6.4.2, table 27). */
static const char *const result_names[XCCDF_R_COUNT] = {
	[XCCDF_R_PASS] = "pass",
	[XCCDF_R_FAIL] = "fail",
	[XCCDF_R_ERROR] = "error",
	[XCCDF_R_UNKNOWN] = "unknown",
	[XCCDF_R_NOTAPPLICABLE] = "notapplicable",
	[XCCDF_R_NOTCHECKED] = "notchecked",
	[XCCDF_R_NOTSELECTED] = "notselected",
	[XCCDF_R_INFORMATIONAL] = "informational",
	[XCCDF_R_FIXED] = "fixed",
};

/* roleEnumType */
static const char *const role_names[] = {
	[XCCDF_ROLE_FULL] = "full",
	[XCCDF_ROLE_UNSCORED] = "unscored",
	[XCCDF_ROLE_UNCHECKED] = "unchecked",
};

/* severityEnumType */
static const char *const severity_names[] = {
	[XCCDF_SEV_UNKNOWN] = "unknown",
	[XCCDF_SEV_INFO] = "info",
	[XCCDF_SEV_LOW] = "low",
	[XCCDF_SEV_MEDIUM] = "medium",
	[XCCDF_SEV_HIGH] = "high",
};

/* valueTypeType */
static const char *const vtype_names[] = {
	[XCCDF_VT_STRING] = "string",
	[XCCDF_VT_NUMBER] = "number",
	[XCCDF_VT_BOOLEAN] = "boolean",
};

/* valueOperatorType */
static const char *const vop_names[] = {
	[XCCDF_OP_EQUALS] = "equals",
	[XCCDF_OP_NOT_EQUAL] = "not equal",
	[XCCDF_OP_GREATER] = "greater than",
	[XCCDF_OP_LESS] = "less than",
	[XCCDF_OP_GREATER_EQ] = "greater than or equal",
	[XCCDF_OP_LESS_EQ] = "less than or equal",
	[XCCDF_OP_PATTERN] = "pattern match",
};

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

static const char *
name_of(const char *const *names, size_t n, int v)
{
	if (v < 0 || (size_t)v >= n)
		return NULL;
	return names[v];
}

static int
parse_of(const char *const *names, size_t n, const char *s)
{
	size_t i;

	if (s == NULL)
		return -1;
	for (i = 0; i < n; i++)
		if (names[i] != NULL && strcmp(names[i], s) == 0)
			return (int)i;
	return -1;
}

const char *
xccdf_result_name(enum xccdf_result r)
{
	return name_of(result_names, NELEM(result_names), (int)r);
}

int
xccdf_result_parse(const char *s)
{
	return parse_of(result_names, NELEM(result_names), s);
}

const char *
xccdf_role_name(enum xccdf_role r)
{
	return name_of(role_names, NELEM(role_names), (int)r);
}

int
xccdf_role_parse(const char *s)
{
	return parse_of(role_names, NELEM(role_names), s);
}

const char *
xccdf_severity_name(enum xccdf_severity s)
{
	return name_of(severity_names, NELEM(severity_names), (int)s);
}

int
xccdf_severity_parse(const char *s)
{
	return parse_of(severity_names, NELEM(severity_names), s);
}

const char *
xccdf_value_type_name(enum xccdf_value_type t)
{
	return name_of(vtype_names, NELEM(vtype_names), (int)t);
}

int
xccdf_value_type_parse(const char *s)
{
	return parse_of(vtype_names, NELEM(vtype_names), s);
}

const char *
xccdf_value_op_name(enum xccdf_value_op o)
{
	return name_of(vop_names, NELEM(vop_names), (int)o);
}

int
xccdf_value_op_parse(const char *s)
{
	return parse_of(vop_names, NELEM(vop_names), s);
}
