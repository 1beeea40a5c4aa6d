/*
 * Tests for xccdf/xccdf_result.c: every cell of the XCCDF 1.2 AND, OR and
 * NOT truth tables, and the SP 800-126 OVAL -> XCCDF result mapping for
 * every OVAL result and definition class.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "xccdf/xccdf_int.h"

/*
 * The charts exactly as xccdf_1.2.xsd (complexCheckType and checkType
 * evaluation_chart annotations; NISTIR 7275r4 table 26) prints them: rows
 * and columns P F U E N K S I. The test reads the letters from these
 * strings, so the implementation's own table (in enum order) is checked
 * against the spec's layout, not against itself.
 */
static const char *and_chart[] = {
	"          Pass (P) || P | F | U | E | P | P | P | P ||",
	"          Fail (F) || F | F | F | F | F | F | F | F ||",
	"       Unknown (U) || U | F | U | U | U | U | U | U ||",
	"         Error (E) || E | F | U | E | E | E | E | E ||",
	" Notapplicable (N) || P | F | U | E | N | N | N | N ||",
	"    Notchecked (K) || P | F | U | E | N | K | K | K ||",
	"   Notselected (S) || P | F | U | E | N | K | S | S ||",
	" Informational (I) || P | F | U | E | N | K | S | I ||",
};
static const char *or_chart[] = {
	"          Pass (P) || P | P | P | P | P | P | P | P ||",
	"          Fail (F) || P | F | U | E | F | F | F | F ||",
	"       Unknown (U) || P | U | U | U | U | U | U | U ||",
	"         Error (E) || P | E | U | E | E | E | E | E ||",
	" Notapplicable (N) || P | F | U | E | N | N | N | N ||",
	"    Notchecked (K) || P | F | U | E | N | K | K | K ||",
	"   Notselected (S) || P | F | U | E | N | K | S | S ||",
	" Informational (I) || P | F | U | E | N | K | S | I ||",
};
static const char not_chart[] = "    || F | P | U | E | N | K | S | I ||";
static const char axis[] = "PFUENKSI";

static enum xccdf_result
letter(char c)
{
	switch (c) {
	case 'P': return XCCDF_R_PASS;
	case 'F': return XCCDF_R_FAIL;
	case 'U': return XCCDF_R_UNKNOWN;
	case 'E': return XCCDF_R_ERROR;
	case 'N': return XCCDF_R_NOTAPPLICABLE;
	case 'K': return XCCDF_R_NOTCHECKED;
	case 'S': return XCCDF_R_NOTSELECTED;
	case 'I': return XCCDF_R_INFORMATIONAL;
	}
	fail_msg("bad letter %c", c);
	return XCCDF_R_COUNT;
}

/* The 8 cell letters after "||" of a chart row. */
static void
cells(const char *row, char out[8])
{
	const char *p = strstr(row, "||");
	int n = 0;

	assert_non_null(p);
	for (p += 2; *p != '\0' && n < 8; p++)
		if (strchr(axis, *p) != NULL && *p != '\0')
			out[n++] = *p;
	assert_int_equal(n, 8);
}

static void
check_chart(const char **chart,
    enum xccdf_result (*op)(enum xccdf_result, enum xccdf_result))
{
	char c[8];
	int row, col, ncells = 0;

	for (row = 0; row < 8; row++) {
		cells(chart[row], c);
		for (col = 0; col < 8; col++) {
			enum xccdf_result a = letter(axis[row]);
			enum xccdf_result b = letter(axis[col]);
			enum xccdf_result want = letter(c[col]);

			if (op(a, b) != want)
				fail_msg("%c op %c: got %d, want %c", axis[row],
				    axis[col], (int)op(a, b), c[col]);
			/* "Order of evaluation will not matter." */
			assert_int_equal(op(b, a), want);
			ncells++;
		}
	}
	assert_int_equal(ncells, 64);
}

static void
test_xccdf_result__and_table(void **state)
{
	check_chart(and_chart, xccdf_result_and);
}

static void
test_xccdf_result__or_table(void **state)
{
	check_chart(or_chart, xccdf_result_or);
}

static void
test_xccdf_result__not_table(void **state)
{
	char c[8];
	int i;

	cells(not_chart, c);
	for (i = 0; i < 8; i++)
		assert_int_equal(xccdf_result_negate(letter(axis[i])),
		    letter(c[i]));
	/* negate is an involution on every tabled result */
	for (i = 0; i < 8; i++)
		assert_int_equal(xccdf_result_negate(xccdf_result_negate(
		    letter(axis[i]))), letter(axis[i]));
}

/* fixed is not in the charts: it combines as a pass; anything out of range
 * is an error. */
static void
test_xccdf_result__fixed_and_out_of_range(void **state)
{
	assert_int_equal(xccdf_result_and(XCCDF_R_FIXED, XCCDF_R_FAIL),
	    XCCDF_R_FAIL);
	assert_int_equal(xccdf_result_and(XCCDF_R_FIXED,
	    XCCDF_R_NOTAPPLICABLE), XCCDF_R_PASS);
	assert_int_equal(xccdf_result_or(XCCDF_R_FAIL, XCCDF_R_FIXED),
	    XCCDF_R_PASS);
	assert_int_equal(xccdf_result_negate(XCCDF_R_FIXED), XCCDF_R_FAIL);
	assert_int_equal(xccdf_result_and(XCCDF_R_COUNT, XCCDF_R_PASS),
	    XCCDF_R_ERROR);
	assert_int_equal(xccdf_result_or(XCCDF_R_PASS,
	    (enum xccdf_result)-1), XCCDF_R_ERROR);
	assert_int_equal(xccdf_result_negate(XCCDF_R_COUNT), XCCDF_R_ERROR);
}

/*
 * SP 800-126 rev 2/3 section 4.5.2: OVAL result -> XCCDF result for
 * compliance, inventory and miscellaneous definitions; vulnerability and
 * patch definitions reverse true and false.
 */
static void
test_xccdf_result__from_oval_every_class(void **state)
{
	static const char *plain[] = { "compliance", "inventory",
	    "miscellaneous", NULL };
	static const char *reversed[] = { "vulnerability", "patch" };
	static const struct {
		const char		*oval;
		enum xccdf_result	 plain, reversed;
	} map[] = {
		{ "true", XCCDF_R_PASS, XCCDF_R_FAIL },
		{ "false", XCCDF_R_FAIL, XCCDF_R_PASS },
		{ "unknown", XCCDF_R_UNKNOWN, XCCDF_R_UNKNOWN },
		{ "error", XCCDF_R_ERROR, XCCDF_R_ERROR },
		{ "not evaluated", XCCDF_R_NOTCHECKED, XCCDF_R_NOTCHECKED },
		{ "not applicable", XCCDF_R_NOTAPPLICABLE,
		    XCCDF_R_NOTAPPLICABLE },
	};
	size_t i, k;
	int n = 0;

	for (i = 0; i < sizeof(map) / sizeof(map[0]); i++) {
		for (k = 0; k < sizeof(plain) / sizeof(plain[0]); k++, n++)
			assert_int_equal(xccdf_result_from_oval(map[i].oval,
			    plain[k]), map[i].plain);
		for (k = 0; k < sizeof(reversed) / sizeof(reversed[0]);
		    k++, n++)
			assert_int_equal(xccdf_result_from_oval(map[i].oval,
			    reversed[k]), map[i].reversed);
	}
	assert_int_equal(n, 6 * 6);
}

static void
test_xccdf_result__from_oval_bad_input(void **state)
{
	assert_int_equal(xccdf_result_from_oval(NULL, "compliance"),
	    XCCDF_R_ERROR);
	assert_int_equal(xccdf_result_from_oval("TRUE", "compliance"),
	    XCCDF_R_ERROR);
	assert_int_equal(xccdf_result_from_oval("", NULL), XCCDF_R_ERROR);
	/* an unknown class is not reversed */
	assert_int_equal(xccdf_result_from_oval("true", "weird"),
	    XCCDF_R_PASS);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_xccdf_result__and_table),
		cmocka_unit_test(test_xccdf_result__or_table),
		cmocka_unit_test(test_xccdf_result__not_table),
		cmocka_unit_test(test_xccdf_result__fixed_and_out_of_range),
		cmocka_unit_test(test_xccdf_result__from_oval_every_class),
		cmocka_unit_test(test_xccdf_result__from_oval_bad_input),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
