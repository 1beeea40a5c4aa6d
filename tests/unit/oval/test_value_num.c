/*
 * Tests for oval/value_num.c: the int, float, boolean and binary datatypes
 * (OVAL 5.11 DatatypeEnumeration, which defers to the W3C XML Schema types).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <locale.h>
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
		fail_msg("%s %s '%s' '%s': rc %d: %s", oval_datatype_name(dt),
		    oval_operation_name(op), a, b, rc, ks_error_msg());
	return r;
}

#define T(dt, op, a, b) assert_int_equal(cmp(dt, op, a, b), OVAL_R_TRUE)
#define F(dt, op, a, b) assert_int_equal(cmp(dt, op, a, b), OVAL_R_FALSE)
#define BAD(dt, op, a, b) do {						\
	enum oval_result r_;						\
	assert_int_equal(oval_compare(dt, op, a, b, NULL, &r_),		\
	    KS_EPARSE);							\
} while (0)

/* ---- int ---------------------------------------------------------------- */

/* xsd:integer lexical space "[+-]?[0-9]+" (the schematron check in
 * oval-definitions-schema.xsd: matches(., '^[+\-]?[0-9]+$')). */
static void
test_value_num__int_lexical(void **state)
{
	static const char *good[] = {
		"0", "7", "-7", "+7", "007", "-0", "9223372036854775807",
		"-9223372036854775808", " 42", "42\n", "\t-1 \r\n",
	};
	/* Decimal only: "0x1F" is not an OVAL int (kensa decision: xsd
	 * integer has no hexadecimal form). The range is int64_t; beyond it
	 * is a parse error, not a wrap. */
	static const char *bad[] = {
		"", " ", "+", "-", "0x1F", "1F", "1.0", "1e3", "--1", "+-1",
		"1 2", "9223372036854775808", "-9223372036854775809",
		"99999999999999999999", "one", "\xd9\xa3", "1,000",
	};
	int64_t x;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++)
		if (oval_value_check(OVAL_DT_INT, good[i]) != 0)
			fail_msg("int '%s' refused: %s", good[i],
			    ks_error_msg());
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (oval_value_check(OVAL_DT_INT, bad[i]) != KS_EPARSE)
			fail_msg("int '%s' accepted", bad[i]);
	assert_int_equal(oval_value_int_parse("-9223372036854775808", &x), 0);
	assert_true(x == INT64_MIN);
	assert_int_equal(oval_value_int_parse("+9223372036854775807", &x), 0);
	assert_true(x == INT64_MAX);
	assert_int_equal(oval_value_int_parse(" -0012 ", &x), 0);
	assert_true(x == -12);
	assert_int_equal(oval_value_int_parse("9223372036854775808", &x),
	    KS_EPARSE);
	assert_non_null(strstr(ks_error_msg(), "range"));
	assert_int_equal(oval_value_int_parse("0x1F", &x), KS_EPARSE);
	assert_non_null(strstr(ks_error_msg(), "'0x1F'"));
}

static void
test_value_num__int_order(void **state)
{
	(void)state;
	/* "is '21' less than '123'? will evaluate to true if the datatypes
	 * are 'int', but ... 'false' if the datatypes are 'string'" */
	T(OVAL_DT_INT, OVAL_OP_LESS_THAN, "21", "123");
	T(OVAL_DT_INT, OVAL_OP_EQUALS, "+5", "5");
	T(OVAL_DT_INT, OVAL_OP_EQUALS, "007", "7");
	T(OVAL_DT_INT, OVAL_OP_EQUALS, "-0", "0");
	F(OVAL_DT_INT, OVAL_OP_NOT_EQUAL, "-0", "+0");
	T(OVAL_DT_INT, OVAL_OP_NOT_EQUAL, "1", "2");
	T(OVAL_DT_INT, OVAL_OP_GREATER_THAN, "-1", "-2");
	F(OVAL_DT_INT, OVAL_OP_GREATER_THAN, "-2", "-2");
	T(OVAL_DT_INT, OVAL_OP_GREATER_THAN_OR_EQUAL, "-2", "-2");
	F(OVAL_DT_INT, OVAL_OP_LESS_THAN, "3", "3");
	T(OVAL_DT_INT, OVAL_OP_LESS_THAN_OR_EQUAL, "3", "3");
	T(OVAL_DT_INT, OVAL_OP_LESS_THAN, "-9223372036854775808",
	    "9223372036854775807");
	T(OVAL_DT_INT, OVAL_OP_GREATER_THAN, "9223372036854775807",
	    "9223372036854775806");
	T(OVAL_DT_INT, OVAL_OP_EQUALS, "42\n", "42");
	BAD(OVAL_DT_INT, OVAL_OP_EQUALS, "", "0");
	BAD(OVAL_DT_INT, OVAL_OP_LESS_THAN, "1", "abc");
}

/* OperationEnumeration 'bitwise and' / 'bitwise or' with the schema's own
 * examples. */
static void
test_value_num__int_bitwise(void **state)
{
	(void)state;
	/* "if the actual integer value ... is 6 (same as 0110 in binary),
	 * then performing a 'bitwise and' with the stated integer 4 (0100)
	 * returns 4 (0100). Since the result is the same as the state mask,
	 * then the test returns true." */
	T(OVAL_DT_INT, OVAL_OP_BITWISE_AND, "6", "4");
	/* "If the actual value ... is 1 (0001), then the 'bitwise and' with
	 * the stated integer 4 (0100) returns 0 (0000) ... the test fails" */
	F(OVAL_DT_INT, OVAL_OP_BITWISE_AND, "1", "4");
	/* "actual ... 6 (0110) ... 'bitwise or' with the stated integer 14
	 * (1110) returns 14 (1110) ... the test returns true" */
	T(OVAL_DT_INT, OVAL_OP_BITWISE_OR, "6", "14");
	/* "actual value ... 1 (0001), then the 'bitwise or' with the stated
	 * integer 14 (1110) returns 15 (1111) ... the test fails" */
	F(OVAL_DT_INT, OVAL_OP_BITWISE_OR, "1", "14");
	/* More: file modes (0755 has 0400; 0644 lacks 0100), masks of 0,
	 * all bits, negatives (two's complement). */
	T(OVAL_DT_INT, OVAL_OP_BITWISE_AND, "493", "256");
	F(OVAL_DT_INT, OVAL_OP_BITWISE_AND, "420", "64");
	T(OVAL_DT_INT, OVAL_OP_BITWISE_AND, "12345", "0");
	T(OVAL_DT_INT, OVAL_OP_BITWISE_OR, "0", "12345");
	F(OVAL_DT_INT, OVAL_OP_BITWISE_OR, "12345", "0");
	T(OVAL_DT_INT, OVAL_OP_BITWISE_AND, "-1", "-2");
	F(OVAL_DT_INT, OVAL_OP_BITWISE_AND, "-2", "-1");
	T(OVAL_DT_INT, OVAL_OP_BITWISE_OR, "1", "-1");
	T(OVAL_DT_INT, OVAL_OP_BITWISE_AND, "-9223372036854775808",
	    "-9223372036854775808");
	BAD(OVAL_DT_INT, OVAL_OP_BITWISE_AND, "0x6", "4");
}

/* ---- float -------------------------------------------------------------- */

/* "a decimal followed, optionally, by the character 'E' or 'e', followed
 * by an integer exponent. The special values positive and negative
 * infinity and not-a-number ... are represented by INF, -INF and NaN" */
static void
test_value_num__float_lexical(void **state)
{
	static const char *good[] = {
		"0", "1", "-1", "+1", "1.5", "-1.5e10", "1E-3", "1e+3", ".5",
		"5.", "INF", "-INF", "+INF", "NaN", " 2.5\n", "007.0100",
		"1e400",
	};
	static const char *bad[] = {
		"", ".", "e5", "1e", "1e+", "inf", "-inf", "nan", "NAN",
		"Infinity", "0x10", "0x1p3", "1.2.3", "1,5", "1.5f", "- 1",
		"+-1", "1 e5",
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++)
		if (oval_value_check(OVAL_DT_FLOAT, good[i]) != 0)
			fail_msg("float '%s' refused: %s", good[i],
			    ks_error_msg());
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (oval_value_check(OVAL_DT_FLOAT, bad[i]) != KS_EPARSE)
			fail_msg("float '%s' accepted", bad[i]);
}

static void
test_value_num__float_order(void **state)
{
	(void)state;
	T(OVAL_DT_FLOAT, OVAL_OP_EQUALS, "1.0", "1");
	T(OVAL_DT_FLOAT, OVAL_OP_EQUALS, "1e3", "1000");
	T(OVAL_DT_FLOAT, OVAL_OP_EQUALS, ".5", "0.50");
	T(OVAL_DT_FLOAT, OVAL_OP_EQUALS, "-0", "0");
	T(OVAL_DT_FLOAT, OVAL_OP_LESS_THAN, "1.5", "1.50001");
	T(OVAL_DT_FLOAT, OVAL_OP_GREATER_THAN, "10", "9.99");
	T(OVAL_DT_FLOAT, OVAL_OP_GREATER_THAN_OR_EQUAL, "2.5", "2.5");
	T(OVAL_DT_FLOAT, OVAL_OP_LESS_THAN_OR_EQUAL, "-2.5", "2.5");
	T(OVAL_DT_FLOAT, OVAL_OP_NOT_EQUAL, "0.1", "0.2");
	/* Infinities order around every finite value. */
	T(OVAL_DT_FLOAT, OVAL_OP_GREATER_THAN, "INF", "1e308");
	T(OVAL_DT_FLOAT, OVAL_OP_LESS_THAN, "-INF", "-1e308");
	T(OVAL_DT_FLOAT, OVAL_OP_EQUALS, "INF", "+INF");
	T(OVAL_DT_FLOAT, OVAL_OP_EQUALS, "1e400", "INF");
	/* XML Schema 1.0 part 2, 3.2.4: "NaN equals itself but is
	 * incomparable with (neither greater than nor less than) any other
	 * value in the value space". */
	T(OVAL_DT_FLOAT, OVAL_OP_EQUALS, "NaN", "NaN");
	F(OVAL_DT_FLOAT, OVAL_OP_NOT_EQUAL, "NaN", "NaN");
	T(OVAL_DT_FLOAT, OVAL_OP_GREATER_THAN_OR_EQUAL, "NaN", "NaN");
	F(OVAL_DT_FLOAT, OVAL_OP_EQUALS, "NaN", "1");
	T(OVAL_DT_FLOAT, OVAL_OP_NOT_EQUAL, "NaN", "1");
	F(OVAL_DT_FLOAT, OVAL_OP_GREATER_THAN, "NaN", "1");
	F(OVAL_DT_FLOAT, OVAL_OP_LESS_THAN, "NaN", "1");
	F(OVAL_DT_FLOAT, OVAL_OP_GREATER_THAN_OR_EQUAL, "1", "NaN");
	F(OVAL_DT_FLOAT, OVAL_OP_LESS_THAN_OR_EQUAL, "INF", "NaN");
	BAD(OVAL_DT_FLOAT, OVAL_OP_EQUALS, "", "1");
	BAD(OVAL_DT_FLOAT, OVAL_OP_EQUALS, "1", "one");
}

/* The process locale must not change what "1.5" means. */
static void
test_value_num__float_locale(void **state)
{
	static const char *locs[] = {
		"de_DE.UTF-8", "fr_FR.UTF-8", "de_DE", "C.UTF-8",
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(locs) / sizeof(locs[0]); i++) {
		if (setlocale(LC_NUMERIC, locs[i]) == NULL)
			continue;	/* not installed: nothing to prove */
		T(OVAL_DT_FLOAT, OVAL_OP_EQUALS, "1.5", "1.50");
		T(OVAL_DT_FLOAT, OVAL_OP_GREATER_THAN, "1.5", "1");
	}
	setlocale(LC_NUMERIC, "C");
	T(OVAL_DT_FLOAT, OVAL_OP_LESS_THAN, "1.25", "1.5");
}

/* ---- boolean ------------------------------------------------------------ */

/* "the following literals are legal values: {true, false, 1, 0}" */
static void
test_value_num__boolean(void **state)
{
	static const char *bad[] = {
		"", "TRUE", "False", "yes", "no", "2", "-1", "t", "01",
		"true1",
	};
	size_t i;

	(void)state;
	T(OVAL_DT_BOOLEAN, OVAL_OP_EQUALS, "true", "1");
	T(OVAL_DT_BOOLEAN, OVAL_OP_EQUALS, "1", "true");
	T(OVAL_DT_BOOLEAN, OVAL_OP_EQUALS, "false", "0");
	T(OVAL_DT_BOOLEAN, OVAL_OP_EQUALS, "true", "true");
	F(OVAL_DT_BOOLEAN, OVAL_OP_EQUALS, "true", "false");
	F(OVAL_DT_BOOLEAN, OVAL_OP_EQUALS, "1", "0");
	T(OVAL_DT_BOOLEAN, OVAL_OP_NOT_EQUAL, "0", "true");
	F(OVAL_DT_BOOLEAN, OVAL_OP_NOT_EQUAL, "0", "false");
	T(OVAL_DT_BOOLEAN, OVAL_OP_EQUALS, " true\n", "1");
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		if (oval_value_check(OVAL_DT_BOOLEAN, bad[i]) != KS_EPARSE)
			fail_msg("boolean '%s' accepted", bad[i]);
		BAD(OVAL_DT_BOOLEAN, OVAL_OP_EQUALS, bad[i], "true");
	}
}

/* ---- binary ------------------------------------------------------------- */

/* "each binary octet is encoded as a character tuple, consisting of two
 * hexadecimal digits {[0-9a-fA-F]}" */
static void
test_value_num__binary(void **state)
{
	static const char *bad[] = {
		"0", "abc", "zz", "0x00", "00 11", "g0", "-1",
	};
	size_t i;

	(void)state;
	T(OVAL_DT_BINARY, OVAL_OP_EQUALS, "0a", "0A");
	T(OVAL_DT_BINARY, OVAL_OP_EQUALS, "DEADbeef", "deadBEEF");
	T(OVAL_DT_BINARY, OVAL_OP_EQUALS, "", "");
	F(OVAL_DT_BINARY, OVAL_OP_EQUALS, "00", "0000");
	F(OVAL_DT_BINARY, OVAL_OP_EQUALS, "0001", "0100");
	T(OVAL_DT_BINARY, OVAL_OP_NOT_EQUAL, "ff", "fe");
	F(OVAL_DT_BINARY, OVAL_OP_NOT_EQUAL, "Ff", "fF");
	T(OVAL_DT_BINARY, OVAL_OP_EQUALS, "0a0b\n", "0A0B");
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		if (oval_value_check(OVAL_DT_BINARY, bad[i]) != KS_EPARSE)
			fail_msg("binary '%s' accepted", bad[i]);
		BAD(OVAL_DT_BINARY, OVAL_OP_NOT_EQUAL, "00", bad[i]);
	}
	assert_int_equal(oval_value_check(OVAL_DT_BINARY, "abc"), KS_EPARSE);
	assert_non_null(strstr(ks_error_msg(), "odd"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_value_num__int_lexical),
		cmocka_unit_test(test_value_num__int_order),
		cmocka_unit_test(test_value_num__int_bitwise),
		cmocka_unit_test(test_value_num__float_lexical),
		cmocka_unit_test(test_value_num__float_order),
		cmocka_unit_test(test_value_num__float_locale),
		cmocka_unit_test(test_value_num__boolean),
		cmocka_unit_test(test_value_num__binary),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
