/*
 * Tests for oval/value_names.c: every enumeration round-trips with the exact
 * spelling of the OVAL 5.11 schemas, and anything else is refused.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include "oval/oval_int.h"

/* Every (value, name) pair, copied from the xsd:enumeration values of the
 * 5.11.3 schemas (oval-common, oval-definitions, oval-results,
 * oval-system-characteristics). */
static const struct { int v; const char *n; } datatypes[] = {
	{ OVAL_DT_BINARY, "binary" }, { OVAL_DT_BOOLEAN, "boolean" },
	{ OVAL_DT_EVR_STRING, "evr_string" },
	{ OVAL_DT_DEBIAN_EVR_STRING, "debian_evr_string" },
	{ OVAL_DT_FILESET_REVISION, "fileset_revision" },
	{ OVAL_DT_FLOAT, "float" }, { OVAL_DT_INT, "int" },
	{ OVAL_DT_IOS_VERSION, "ios_version" },
	{ OVAL_DT_IPV4_ADDRESS, "ipv4_address" },
	{ OVAL_DT_IPV6_ADDRESS, "ipv6_address" },
	{ OVAL_DT_STRING, "string" }, { OVAL_DT_VERSION, "version" },
	{ OVAL_DT_RECORD, "record" },
};
static const struct { int v; const char *n; } operations[] = {
	{ OVAL_OP_EQUALS, "equals" }, { OVAL_OP_NOT_EQUAL, "not equal" },
	{ OVAL_OP_CI_EQUALS, "case insensitive equals" },
	{ OVAL_OP_CI_NOT_EQUAL, "case insensitive not equal" },
	{ OVAL_OP_GREATER_THAN, "greater than" },
	{ OVAL_OP_LESS_THAN, "less than" },
	{ OVAL_OP_GREATER_THAN_OR_EQUAL, "greater than or equal" },
	{ OVAL_OP_LESS_THAN_OR_EQUAL, "less than or equal" },
	{ OVAL_OP_BITWISE_AND, "bitwise and" },
	{ OVAL_OP_BITWISE_OR, "bitwise or" },
	{ OVAL_OP_PATTERN_MATCH, "pattern match" },
	{ OVAL_OP_SUBSET_OF, "subset of" },
	{ OVAL_OP_SUPERSET_OF, "superset of" },
};
static const struct { int v; const char *n; } results[] = {
	{ OVAL_R_TRUE, "true" }, { OVAL_R_FALSE, "false" },
	{ OVAL_R_UNKNOWN, "unknown" }, { OVAL_R_ERROR, "error" },
	{ OVAL_R_NOT_EVALUATED, "not evaluated" },
	{ OVAL_R_NOT_APPLICABLE, "not applicable" },
};
static const struct { int v; const char *n; } checks[] = {
	{ OVAL_CHECK_ALL, "all" }, { OVAL_CHECK_AT_LEAST_ONE, "at least one" },
	{ OVAL_CHECK_NONE_EXIST, "none exist" },
	{ OVAL_CHECK_NONE_SATISFY, "none satisfy" },
	{ OVAL_CHECK_ONLY_ONE, "only one" },
};
static const struct { int v; const char *n; } existences[] = {
	{ OVAL_EX_ALL_EXIST, "all_exist" }, { OVAL_EX_ANY_EXIST, "any_exist" },
	{ OVAL_EX_AT_LEAST_ONE_EXISTS, "at_least_one_exists" },
	{ OVAL_EX_NONE_EXIST, "none_exist" },
	{ OVAL_EX_ONLY_ONE_EXISTS, "only_one_exists" },
};
static const struct { int v; const char *n; } operators[] = {
	{ OVAL_OPR_AND, "AND" }, { OVAL_OPR_ONE, "ONE" },
	{ OVAL_OPR_OR, "OR" }, { OVAL_OPR_XOR, "XOR" },
};
static const struct { int v; const char *n; } classes[] = {
	{ OVAL_CLASS_COMPLIANCE, "compliance" },
	{ OVAL_CLASS_INVENTORY, "inventory" },
	{ OVAL_CLASS_MISCELLANEOUS, "miscellaneous" },
	{ OVAL_CLASS_PATCH, "patch" },
	{ OVAL_CLASS_VULNERABILITY, "vulnerability" },
};
static const struct { int v; const char *n; } flags[] = {
	{ OVAL_FLAG_ERROR, "error" }, { OVAL_FLAG_COMPLETE, "complete" },
	{ OVAL_FLAG_INCOMPLETE, "incomplete" },
	{ OVAL_FLAG_DOES_NOT_EXIST, "does not exist" },
	{ OVAL_FLAG_NOT_COLLECTED, "not collected" },
	{ OVAL_FLAG_NOT_APPLICABLE, "not applicable" },
};
static const struct { int v; const char *n; } statuses[] = {
	{ OVAL_ST_EXISTS, "exists" },
	{ OVAL_ST_DOES_NOT_EXIST, "does not exist" },
	{ OVAL_ST_ERROR, "error" },
	{ OVAL_ST_NOT_COLLECTED, "not collected" },
};
static const struct { int v; const char *n; } setops[] = {
	{ OVAL_SET_UNION, "UNION" }, { OVAL_SET_INTERSECTION, "INTERSECTION" },
	{ OVAL_SET_COMPLEMENT, "COMPLEMENT" },
};

#define N(a) (sizeof(a) / sizeof((a)[0]))

/* name(v) == n and parse(n) == v for every row. */
#define ROUNDTRIP(tab, namefn, parsefn) do {				\
	size_t i_;							\
	for (i_ = 0; i_ < N(tab); i_++) {				\
		assert_string_equal(namefn(tab[i_].v), tab[i_].n);	\
		assert_int_equal(parsefn(tab[i_].n), tab[i_].v);	\
	}								\
} while (0)

static void
test_value_names__datatype(void **state)
{
	(void)state;
	assert_int_equal(N(datatypes), OVAL_DT_COUNT);
	ROUNDTRIP(datatypes, oval_datatype_name, oval_datatype_parse);
	/* Not OVAL spellings: xsd names, other case, old guesses. */
	assert_int_equal(oval_datatype_parse("integer"), -1);
	assert_int_equal(oval_datatype_parse("String"), -1);
	assert_int_equal(oval_datatype_parse("evr string"), -1);
	assert_int_equal(oval_datatype_parse("ipv4"), -1);
	assert_int_equal(oval_datatype_parse(""), -1);
	assert_int_equal(oval_datatype_parse(NULL), -1);
	assert_int_equal(oval_datatype_parse("string "), -1);
}

static void
test_value_names__operation(void **state)
{
	(void)state;
	assert_int_equal(N(operations), OVAL_OP_COUNT);
	ROUNDTRIP(operations, oval_operation_name, oval_operation_parse);
	assert_int_equal(oval_operation_parse("not equals"), -1);
	assert_int_equal(oval_operation_parse("Equals"), -1);
	assert_int_equal(oval_operation_parse("greater_than"), -1);
	assert_int_equal(oval_operation_parse("case insensitive  equals"),
	    -1);
	assert_int_equal(oval_operation_parse(NULL), -1);
}

static void
test_value_names__result(void **state)
{
	(void)state;
	assert_int_equal(N(results), OVAL_R_COUNT);
	ROUNDTRIP(results, oval_result_name, oval_result_parse);
	assert_int_equal(oval_result_parse("not_evaluated"), -1);
	assert_int_equal(oval_result_parse("True"), -1);
	assert_int_equal(oval_result_parse("na"), -1);
}

static void
test_value_names__check(void **state)
{
	(void)state;
	ROUNDTRIP(checks, oval_check_name, oval_check_parse);
	/* CheckEnumeration has spaces; ExistenceEnumeration underscores. */
	assert_int_equal(oval_check_parse("none_exist"), -1);
	assert_int_equal(oval_check_parse("at_least_one"), -1);
	assert_int_equal(oval_check_parse("ALL"), -1);
	assert_int_equal(oval_check_parse("none exists"), -1);
}

static void
test_value_names__existence(void **state)
{
	(void)state;
	ROUNDTRIP(existences, oval_existence_name, oval_existence_parse);
	assert_int_equal(oval_existence_parse("none exist"), -1);
	assert_int_equal(oval_existence_parse("only one exists"), -1);
	assert_int_equal(oval_existence_parse("at_least_one_exist"), -1);
}

static void
test_value_names__operator(void **state)
{
	(void)state;
	ROUNDTRIP(operators, oval_operator_name, oval_operator_parse);
	/* OperatorEnumeration is upper case. */
	assert_int_equal(oval_operator_parse("and"), -1);
	assert_int_equal(oval_operator_parse("Or"), -1);
	assert_int_equal(oval_operator_parse("NOT"), -1);
}

static void
test_value_names__class(void **state)
{
	(void)state;
	assert_int_equal(N(classes), OVAL_CLASS_COUNT);
	ROUNDTRIP(classes, oval_class_name, oval_class_parse);
	assert_int_equal(oval_class_parse("Vulnerability"), -1);
	assert_int_equal(oval_class_parse("misc"), -1);
}

static void
test_value_names__flag(void **state)
{
	(void)state;
	assert_int_equal(N(flags), OVAL_FLAG_COUNT);
	ROUNDTRIP(flags, oval_flag_name, oval_flag_parse);
	assert_int_equal(oval_flag_parse("does_not_exist"), -1);
	assert_int_equal(oval_flag_parse("exists"), -1);
}

static void
test_value_names__item_status(void **state)
{
	(void)state;
	ROUNDTRIP(statuses, oval_item_status_name, oval_item_status_parse);
	assert_int_equal(oval_item_status_parse("exist"), -1);
	assert_int_equal(oval_item_status_parse("complete"), -1);
}

static void
test_value_names__set_op(void **state)
{
	(void)state;
	ROUNDTRIP(setops, oval_set_op_name, oval_set_op_parse);
	assert_int_equal(oval_set_op_parse("union"), -1);
	assert_int_equal(oval_set_op_parse("DIFFERENCE"), -1);
}

/* A bad enum value (a caller bug) names itself instead of crashing. */
static void
test_value_names__out_of_range(void **state)
{
	(void)state;
	assert_string_equal(oval_datatype_name((enum oval_datatype)99),
	    "(invalid)");
	assert_string_equal(oval_operation_name(OVAL_OP_COUNT), "(invalid)");
	assert_string_equal(oval_result_name(OVAL_R_COUNT), "(invalid)");
	assert_string_equal(oval_check_name((enum oval_check)5), "(invalid)");
	assert_string_equal(oval_existence_name((enum oval_existence)5),
	    "(invalid)");
	assert_string_equal(oval_operator_name((enum oval_operator)4),
	    "(invalid)");
	assert_string_equal(oval_class_name(OVAL_CLASS_COUNT), "(invalid)");
	assert_string_equal(oval_flag_name(OVAL_FLAG_COUNT), "(invalid)");
	assert_string_equal(oval_item_status_name((enum oval_item_status)4),
	    "(invalid)");
	assert_string_equal(oval_set_op_name((enum oval_set_op)3),
	    "(invalid)");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_value_names__datatype),
		cmocka_unit_test(test_value_names__operation),
		cmocka_unit_test(test_value_names__result),
		cmocka_unit_test(test_value_names__check),
		cmocka_unit_test(test_value_names__existence),
		cmocka_unit_test(test_value_names__operator),
		cmocka_unit_test(test_value_names__class),
		cmocka_unit_test(test_value_names__flag),
		cmocka_unit_test(test_value_names__item_status),
		cmocka_unit_test(test_value_names__set_op),
		cmocka_unit_test(test_value_names__out_of_range),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
