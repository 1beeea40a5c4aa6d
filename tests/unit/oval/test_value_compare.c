/*
 * Tests for oval/value_compare.c: which operations each datatype allows
 * (every datatype x every operation), the dispatch of oval_compare and
 * oval_value_check, and the string datatype's own operations.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "oval/value_int.h"

/*
 * The allowed operations, as the sentences of the OVAL 5.11 documentation
 * list them ("Expected operations within OVAL for <dt> values are ...",
 * oval-common-schema.xsd SimpleDatatypeEnumeration/ComplexDatatypeEnumeration;
 * the same lists are the datatype/operation schematron rules of
 * oval-definitions-schema.xsd). Names, not enum values, so this table is
 * independent of the implementation's.
 */
static const struct {
	const char	*dt;
	const char	*ops[9];
} spec_ops[] = {
	{ "binary", { "equals", "not equal" } },
	{ "boolean", { "equals", "not equal" } },
	{ "evr_string", { "equals", "not equal", "greater than",
	    "greater than or equal", "less than", "less than or equal" } },
	{ "debian_evr_string", { "equals", "not equal", "greater than",
	    "greater than or equal", "less than", "less than or equal" } },
	{ "fileset_revision", { "equals", "not equal", "greater than",
	    "greater than or equal", "less than", "less than or equal" } },
	{ "float", { "equals", "not equal", "greater than",
	    "greater than or equal", "less than", "less than or equal" } },
	{ "ios_version", { "equals", "not equal", "greater than",
	    "greater than or equal", "less than", "less than or equal" } },
	{ "int", { "equals", "not equal", "greater than",
	    "greater than or equal", "less than", "less than or equal",
	    "bitwise and", "bitwise or" } },
	{ "ipv4_address", { "equals", "not equal", "greater than",
	    "greater than or equal", "less than", "less than or equal",
	    "subset of", "superset of" } },
	{ "ipv6_address", { "equals", "not equal", "greater than",
	    "greater than or equal", "less than", "less than or equal",
	    "subset of", "superset of" } },
	{ "string", { "equals", "not equal", "case insensitive equals",
	    "case insensitive not equal", "pattern match" } },
	{ "version", { "equals", "not equal", "greater than",
	    "greater than or equal", "less than", "less than or equal" } },
	/* "The only allowed operation within OVAL for record values is
	 * 'equals'." */
	{ "record", { "equals" } },
};

#define N(a) (sizeof(a) / sizeof((a)[0]))

static bool
spec_allows(int dt, int op)
{
	size_t i, k;

	for (i = 0; i < N(spec_ops); i++) {
		if (oval_datatype_parse(spec_ops[i].dt) != dt)
			continue;
		for (k = 0; k < N(spec_ops[i].ops) && spec_ops[i].ops[k]; k++)
			if (oval_operation_parse(spec_ops[i].ops[k]) == op)
				return true;
		return false;
	}
	fail_msg("datatype %d missing from the spec table", dt);
	return false;
}

/* One well-formed (actual, expected) pair per datatype; ip pairs share a
 * prefix length so every ordering is defined. */
static const char *const sample[OVAL_DT_COUNT][2] = {
	[OVAL_DT_BINARY] = { "0a", "0A" },
	[OVAL_DT_BOOLEAN] = { "true", "1" },
	[OVAL_DT_EVR_STRING] = { "0:1.0-1.el8", "0:1.0-2.el8" },
	[OVAL_DT_DEBIAN_EVR_STRING] = { "1:1.0-1", "1:1.0-1ubuntu1" },
	[OVAL_DT_FILESET_REVISION] = { "5.3.0.10", "5.3.0.9" },
	[OVAL_DT_FLOAT] = { "1.5", "2" },
	[OVAL_DT_INT] = { "6", "4" },
	[OVAL_DT_IOS_VERSION] = { "12.2(58)SE2", "12.2(58)SE1" },
	[OVAL_DT_IPV4_ADDRESS] = { "10.1.0.0/16", "10.0.0.0/16" },
	[OVAL_DT_IPV6_ADDRESS] = { "2001:db8:1::/48", "2001:db8::/48" },
	[OVAL_DT_STRING] = { "abc", "b" },
	[OVAL_DT_VERSION] = { "1.2", "1.10" },
	[OVAL_DT_RECORD] = { "", "" },
};

/* Every datatype x every operation: allowed exactly as the spec says. A
 * disallowed pair is KS_EUNSUPPORTED with a message naming both; an
 * allowed one on well-formed values gives true or false. */
static void
test_value_compare__matrix(void **state)
{
	char want[160];
	enum oval_result r;
	int dt, op, rc, allowed = 0;

	(void)state;
	for (dt = 0; dt < OVAL_DT_COUNT; dt++)
		for (op = 0; op < OVAL_OP_COUNT; op++) {
			bool a = spec_allows(dt, op);

			assert_int_equal(oval_op_allowed(dt, op), a);
			r = OVAL_R_COUNT;
			ks_error_clear();
			rc = oval_compare(dt, op, sample[dt][0], sample[dt][1],
			    NULL, &r);
			if (!a) {
				assert_int_equal(rc, KS_EUNSUPPORTED);
				snprintf(want, sizeof(want), "operation '%s' "
				    "is not allowed on datatype '%s'",
				    oval_operation_name(op),
				    oval_datatype_name(dt));
				assert_string_equal(ks_error_msg(), want);
				continue;
			}
			allowed++;
			if (dt == OVAL_DT_RECORD) {
				/* fields are compared one by one by the
				 * evaluator, never as one value */
				assert_int_equal(rc, KS_EUNSUPPORTED);
				assert_non_null(strstr(ks_error_msg(),
				    "record"));
				continue;
			}
			if (rc != 0)
				fail_msg("%s %s: %s", oval_datatype_name(dt),
				    oval_operation_name(op), ks_error_msg());
			assert_true(r == OVAL_R_TRUE || r == OVAL_R_FALSE);
		}
	/* 2+2+6*6+8+8+8+5+1 allowed pairs */
	assert_int_equal(allowed, 2 + 2 + 6 * 6 + 8 + 8 + 8 + 5 + 1);
}

/* The message of the brief, exactly. */
static void
test_value_compare__not_allowed_message(void **state)
{
	enum oval_result r;

	(void)state;
	assert_int_equal(oval_compare(OVAL_DT_BOOLEAN, OVAL_OP_GREATER_THAN,
	    "true", "false", NULL, &r), KS_EUNSUPPORTED);
	assert_string_equal(ks_error_msg(),
	    "operation 'greater than' is not allowed on datatype 'boolean'");
	assert_int_equal(oval_compare(OVAL_DT_STRING, OVAL_OP_LESS_THAN,
	    "a", "b", NULL, &r), KS_EUNSUPPORTED);
	assert_string_equal(ks_error_msg(),
	    "operation 'less than' is not allowed on datatype 'string'");
	/* the check comes before the values are looked at */
	assert_int_equal(oval_compare(OVAL_DT_INT, OVAL_OP_PATTERN_MATCH,
	    "not a number", "x", NULL, &r), KS_EUNSUPPORTED);
	/* out-of-range enums (a caller bug) are refused, not read past */
	assert_false(oval_op_allowed(OVAL_DT_COUNT, OVAL_OP_EQUALS));
	assert_false(oval_op_allowed(OVAL_DT_STRING, OVAL_OP_COUNT));
	assert_int_equal(oval_compare(OVAL_DT_COUNT, OVAL_OP_EQUALS, "a",
	    "a", NULL, &r), KS_EUNSUPPORTED);
}

/* Ordering helper: each ordering operation against a three-way result. */
static void
test_value_compare__order_result(void **state)
{
	(void)state;
	assert_int_equal(oval_value_order_result(OVAL_OP_EQUALS, 0),
	    OVAL_R_TRUE);
	assert_int_equal(oval_value_order_result(OVAL_OP_EQUALS, -3),
	    OVAL_R_FALSE);
	assert_int_equal(oval_value_order_result(OVAL_OP_NOT_EQUAL, 2),
	    OVAL_R_TRUE);
	assert_int_equal(oval_value_order_result(OVAL_OP_GREATER_THAN, 1),
	    OVAL_R_TRUE);
	assert_int_equal(oval_value_order_result(OVAL_OP_GREATER_THAN, 0),
	    OVAL_R_FALSE);
	assert_int_equal(oval_value_order_result(
	    OVAL_OP_GREATER_THAN_OR_EQUAL, 0), OVAL_R_TRUE);
	assert_int_equal(oval_value_order_result(OVAL_OP_LESS_THAN, -1),
	    OVAL_R_TRUE);
	assert_int_equal(oval_value_order_result(OVAL_OP_LESS_THAN_OR_EQUAL,
	    1), OVAL_R_FALSE);
	assert_int_equal(oval_value_order_result(OVAL_OP_PATTERN_MATCH, 0),
	    OVAL_R_ERROR);
}

static enum oval_result
str(enum oval_operation op, const char *a, const char *b,
    struct ks_regex_cache *re)
{
	enum oval_result r = OVAL_R_COUNT;
	int rc;

	rc = oval_compare(OVAL_DT_STRING, op, a, b, re, &r);
	if (rc != 0)
		fail_msg("'%s' %s '%s': %s", a, oval_operation_name(op), b,
		    ks_error_msg());
	return r;
}

/* "When the specified datatype is a string, this results in a
 * case-sensitive comparison." (OperationEnumeration 'equals') */
static void
test_value_compare__string_equals(void **state)
{
	(void)state;
	assert_int_equal(str(OVAL_OP_EQUALS, "abc", "abc", NULL), OVAL_R_TRUE);
	assert_int_equal(str(OVAL_OP_EQUALS, "abc", "ABC", NULL),
	    OVAL_R_FALSE);
	assert_int_equal(str(OVAL_OP_EQUALS, "", "", NULL), OVAL_R_TRUE);
	assert_int_equal(str(OVAL_OP_EQUALS, "abc ", "abc", NULL),
	    OVAL_R_FALSE);
	/* "is '21' less than '123'? ... 'false' if the datatypes are
	 * 'string'": strings are not numbers, "1.0" != "1.00" */
	assert_int_equal(str(OVAL_OP_EQUALS, "1.0", "1.00", NULL),
	    OVAL_R_FALSE);
	assert_int_equal(str(OVAL_OP_EQUALS, "\xe6\x97\xa5\xe6\x9c\xac",
	    "\xe6\x97\xa5\xe6\x9c\xac", NULL), OVAL_R_TRUE);
	assert_int_equal(str(OVAL_OP_NOT_EQUAL, "abc", "ABC", NULL),
	    OVAL_R_TRUE);
	assert_int_equal(str(OVAL_OP_NOT_EQUAL, "abc", "abc", NULL),
	    OVAL_R_FALSE);
}

/* 'case insensitive equals' / 'case insensitive not equal'. kensa folds
 * ASCII letters only: "É" and "é" differ. "[" and "{" differ too
 * (libxml2's xmlStrcasecmp says they are equal, which is why we do not
 * use it). */
static void
test_value_compare__string_case_insensitive(void **state)
{
	(void)state;
	assert_int_equal(str(OVAL_OP_CI_EQUALS, "Hello", "hELLO", NULL),
	    OVAL_R_TRUE);
	assert_int_equal(str(OVAL_OP_CI_EQUALS, "PermitRootLogin",
	    "permitrootlogin", NULL), OVAL_R_TRUE);
	assert_int_equal(str(OVAL_OP_CI_EQUALS, "abc", "abcd", NULL),
	    OVAL_R_FALSE);
	assert_int_equal(str(OVAL_OP_CI_EQUALS, "", "", NULL), OVAL_R_TRUE);
	assert_int_equal(str(OVAL_OP_CI_EQUALS, "[", "{", NULL),
	    OVAL_R_FALSE);
	assert_int_equal(str(OVAL_OP_CI_EQUALS, "@", "`", NULL),
	    OVAL_R_FALSE);
	assert_int_equal(str(OVAL_OP_CI_EQUALS, "Z", "z", NULL),
	    OVAL_R_TRUE);
	assert_int_equal(str(OVAL_OP_CI_EQUALS, "\xc3\x89", "\xc3\xa9", NULL),
	    OVAL_R_FALSE);
	assert_int_equal(str(OVAL_OP_CI_NOT_EQUAL, "Yes", "YES", NULL),
	    OVAL_R_FALSE);
	assert_int_equal(str(OVAL_OP_CI_NOT_EQUAL, "Yes", "No", NULL),
	    OVAL_R_TRUE);
}

/*
 * 'pattern match': Perl 5 regular expressions; like Perl's m// the pattern
 * matches anywhere in the value unless anchored. Checked with and without
 * a regex cache.
 */
static void
pattern_cases(struct ks_regex_cache *re)
{
	enum oval_result r;

	assert_int_equal(str(OVAL_OP_PATTERN_MATCH, "hello world", "o w", re),
	    OVAL_R_TRUE);
	assert_int_equal(str(OVAL_OP_PATTERN_MATCH, "hello world", "^world",
	    re), OVAL_R_FALSE);
	assert_int_equal(str(OVAL_OP_PATTERN_MATCH, "hello world", "world$",
	    re), OVAL_R_TRUE);
	assert_int_equal(str(OVAL_OP_PATTERN_MATCH, "hello world",
	    "^hello world$", re), OVAL_R_TRUE);
	assert_int_equal(str(OVAL_OP_PATTERN_MATCH, "", ".*", re),
	    OVAL_R_TRUE);
	assert_int_equal(str(OVAL_OP_PATTERN_MATCH, "", "a", re),
	    OVAL_R_FALSE);
	/* case-sensitive unless the pattern says (?i) */
	assert_int_equal(str(OVAL_OP_PATTERN_MATCH, "ABC", "abc", re),
	    OVAL_R_FALSE);
	assert_int_equal(str(OVAL_OP_PATTERN_MATCH, "ABC", "(?i)abc", re),
	    OVAL_R_TRUE);
	assert_int_equal(str(OVAL_OP_PATTERN_MATCH, "kernel-5.14.0",
	    "^kernel-\\d+\\.\\d+", re), OVAL_R_TRUE);
	assert_int_equal(str(OVAL_OP_PATTERN_MATCH, "/etc/ssh/sshd_config",
	    "^/etc/ssh/.*_config$", re), OVAL_R_TRUE);
	/* the same pattern again (cached on the second call) */
	assert_int_equal(str(OVAL_OP_PATTERN_MATCH, "hello world", "o w", re),
	    OVAL_R_TRUE);
	/* an invalid regular expression is a parse error with a message */
	ks_error_clear();
	assert_int_equal(oval_compare(OVAL_DT_STRING, OVAL_OP_PATTERN_MATCH,
	    "abc", "(", re, &r), KS_EPARSE);
	assert_true(strlen(ks_error_msg()) > 0);
	assert_int_equal(oval_compare(OVAL_DT_STRING, OVAL_OP_PATTERN_MATCH,
	    "abc", "[a-", re, &r), KS_EPARSE);
}

static void
test_value_compare__pattern_match(void **state)
{
	struct ks_regex_cache *re = NULL;

	(void)state;
	pattern_cases(NULL);
	assert_int_equal(ks_regex_cache_new(&re), 0);
	pattern_cases(re);
	ks_regex_cache_free(re);
}

/* A record has no single value (fields are compared by the evaluator);
 * nil values cannot be compared. */
static void
test_value_compare__record_and_nil(void **state)
{
	enum oval_result r;

	(void)state;
	assert_true(oval_op_allowed(OVAL_DT_RECORD, OVAL_OP_EQUALS));
	assert_false(oval_op_allowed(OVAL_DT_RECORD, OVAL_OP_NOT_EQUAL));
	assert_int_equal(oval_compare(OVAL_DT_RECORD, OVAL_OP_EQUALS, "a",
	    "a", NULL, &r), KS_EUNSUPPORTED);
	assert_int_equal(oval_value_check(OVAL_DT_RECORD, "x"),
	    KS_EUNSUPPORTED);
	assert_int_equal(oval_compare(OVAL_DT_STRING, OVAL_OP_EQUALS, NULL,
	    "a", NULL, &r), KS_EPARSE);
	assert_int_equal(oval_compare(OVAL_DT_INT, OVAL_OP_EQUALS, "1", NULL,
	    NULL, &r), KS_EPARSE);
	assert_int_equal(oval_value_check(OVAL_DT_STRING, NULL), KS_EPARSE);
}

/* oval_value_check: one valid and one invalid literal per datatype; a
 * string is any text, even empty. */
static void
test_value_compare__value_check(void **state)
{
	static const struct { int dt; const char *good, *bad; } c[] = {
		{ OVAL_DT_BINARY, "00ff", "0f0" },
		{ OVAL_DT_BOOLEAN, "false", "no" },
		{ OVAL_DT_EVR_STRING, "0:1-1", "" },
		{ OVAL_DT_DEBIAN_EVR_STRING, "1:2.3-4", "1:" },
		{ OVAL_DT_FILESET_REVISION, "A.03.61.00", "" },
		{ OVAL_DT_FLOAT, "-1.5E3", "1,5" },
		{ OVAL_DT_INT, "-42", "0x2a" },
		{ OVAL_DT_IOS_VERSION, "12.2(58)SE2", "IOS" },
		{ OVAL_DT_IPV4_ADDRESS, "192.0.2.0/24", "192.0.2" },
		{ OVAL_DT_IPV6_ADDRESS, "2001:db8::/32", "2001:db8::/200" },
		{ OVAL_DT_VERSION, "1.2.3", "abc" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < N(c); i++) {
		if (oval_value_check(c[i].dt, c[i].good) != 0)
			fail_msg("%s '%s': %s", oval_datatype_name(c[i].dt),
			    c[i].good, ks_error_msg());
		ks_error_clear();
		if (oval_value_check(c[i].dt, c[i].bad) != KS_EPARSE)
			fail_msg("%s '%s' accepted",
			    oval_datatype_name(c[i].dt), c[i].bad);
		/* the message names the datatype */
		if (strstr(ks_error_msg(), oval_datatype_name(c[i].dt)) ==
		    NULL)
			fail_msg("message '%s'", ks_error_msg());
	}
	assert_int_equal(oval_value_check(OVAL_DT_STRING, ""), 0);
	assert_int_equal(oval_value_check(OVAL_DT_STRING, "anything \x01"), 0);
}

/* Malformed values in the actual or the expected position: KS_EPARSE,
 * for every datatype that has a syntax ("If a cast cannot be made ...
 * then an error should be reported", EntityAttributeGroup datatype). */
static void
test_value_compare__malformed_either_side(void **state)
{
	static const struct { int dt; const char *bad; } c[] = {
		{ OVAL_DT_BINARY, "xyz" }, { OVAL_DT_BOOLEAN, "maybe" },
		{ OVAL_DT_EVR_STRING, "" }, { OVAL_DT_DEBIAN_EVR_STRING, "" },
		{ OVAL_DT_FILESET_REVISION, "" }, { OVAL_DT_FLOAT, "x" },
		{ OVAL_DT_INT, "" }, { OVAL_DT_IOS_VERSION, "" },
		{ OVAL_DT_IPV4_ADDRESS, "1.2.3.4.5" },
		{ OVAL_DT_IPV6_ADDRESS, ":::" }, { OVAL_DT_VERSION, "" },
	};
	enum oval_result r;
	size_t i;

	(void)state;
	for (i = 0; i < N(c); i++) {
		assert_int_equal(oval_compare(c[i].dt, OVAL_OP_EQUALS,
		    c[i].bad, sample[c[i].dt][1], NULL, &r), KS_EPARSE);
		assert_int_equal(oval_compare(c[i].dt, OVAL_OP_NOT_EQUAL,
		    sample[c[i].dt][0], c[i].bad, NULL, &r), KS_EPARSE);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_value_compare__matrix),
		cmocka_unit_test(test_value_compare__not_allowed_message),
		cmocka_unit_test(test_value_compare__order_result),
		cmocka_unit_test(test_value_compare__string_equals),
		cmocka_unit_test(test_value_compare__string_case_insensitive),
		cmocka_unit_test(test_value_compare__pattern_match),
		cmocka_unit_test(test_value_compare__record_and_nil),
		cmocka_unit_test(test_value_compare__value_check),
		cmocka_unit_test(test_value_compare__malformed_either_side),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
