/*
 * XCCDF rule result arithmetic: the OVAL definition result -> rule result
 * mapping of SCAP 1.2/1.3 and the AND/OR/NOT truth tables XCCDF uses to
 * combine checks. Result names (xccdf_result_name/parse) live elsewhere.
 */
#include <string.h>

#include "xccdf/xccdf_int.h"

/*
 * SP 800-126 rev 2/3 section 4.5.2 (OVAL result -> XCCDF result): for
 * definitions of class compliance, inventory and miscellaneous
 *   true -> pass, false -> fail, unknown -> unknown, error -> error,
 *   not evaluated -> notchecked, not applicable -> notapplicable;
 * for vulnerability and patch definitions true means the system has the
 * flaw (or lacks the patch), so true -> fail and false -> pass, the rest
 * as above. A missing or unrecognised OVAL result is an error: nothing
 * trustworthy can be reported for it.
 */
enum xccdf_result
xccdf_result_from_oval(const char *oval_result, const char *klass)
{
	bool reversed;

	if (oval_result == NULL)
		return XCCDF_R_ERROR;
	reversed = klass != NULL && (strcmp(klass, "vulnerability") == 0 ||
	    strcmp(klass, "patch") == 0);
	if (strcmp(oval_result, "true") == 0)
		return reversed ? XCCDF_R_FAIL : XCCDF_R_PASS;
	if (strcmp(oval_result, "false") == 0)
		return reversed ? XCCDF_R_PASS : XCCDF_R_FAIL;
	if (strcmp(oval_result, "unknown") == 0)
		return XCCDF_R_UNKNOWN;
	if (strcmp(oval_result, "error") == 0)
		return XCCDF_R_ERROR;
	if (strcmp(oval_result, "not evaluated") == 0)
		return XCCDF_R_NOTCHECKED;
	if (strcmp(oval_result, "not applicable") == 0)
		return XCCDF_R_NOTAPPLICABLE;
	return XCCDF_R_ERROR;
}

/*
 * The truth tables of XCCDF 1.2 (NISTIR 7275r4 table 26; the
 * evaluation_chart annotations of checkType and complexCheckType in
 * xccdf_1.2.xsd), rows and columns in the order of enum xccdf_result up to
 * informational: P F E U N K S I. The charts list U before E; the cells
 * below are the same cells re-ordered.
 */
#define P XCCDF_R_PASS
#define F XCCDF_R_FAIL
#define E XCCDF_R_ERROR
#define U XCCDF_R_UNKNOWN
#define N XCCDF_R_NOTAPPLICABLE
#define K XCCDF_R_NOTCHECKED
#define S XCCDF_R_NOTSELECTED
#define I XCCDF_R_INFORMATIONAL
#define NTAB 8

static const unsigned char and_table[NTAB][NTAB] = {
	/*        P  F  E  U  N  K  S  I */
	/* P */ { P, F, E, U, P, P, P, P },
	/* F */ { F, F, F, F, F, F, F, F },
	/* E */ { E, F, E, U, E, E, E, E },
	/* U */ { U, F, U, U, U, U, U, U },
	/* N */ { P, F, E, U, N, N, N, N },
	/* K */ { P, F, E, U, N, K, K, K },
	/* S */ { P, F, E, U, N, K, S, S },
	/* I */ { P, F, E, U, N, K, S, I },
};

static const unsigned char or_table[NTAB][NTAB] = {
	/*        P  F  E  U  N  K  S  I */
	/* P */ { P, P, P, P, P, P, P, P },
	/* F */ { P, F, E, U, F, F, F, F },
	/* E */ { P, E, E, U, E, E, E, E },
	/* U */ { P, U, U, U, U, U, U, U },
	/* N */ { P, F, E, U, N, N, N, N },
	/* K */ { P, F, E, U, N, K, K, K },
	/* S */ { P, F, E, U, N, K, S, S },
	/* I */ { P, F, E, U, N, K, S, I },
};

#undef P
#undef F
#undef E
#undef U
#undef N
#undef K
#undef S
#undef I

/*
 * The tables know no "fixed" (it is a result of remediation, not of a
 * check); a fixed rule complies, so it combines as a pass. Anything out of
 * range is an error.
 */
static int
table_index(enum xccdf_result r)
{
	if (r == XCCDF_R_FIXED)
		return XCCDF_R_PASS;
	if ((int)r < 0 || (int)r >= NTAB)
		return -1;
	return (int)r;
}

enum xccdf_result
xccdf_result_and(enum xccdf_result a, enum xccdf_result b)
{
	int x = table_index(a), y = table_index(b);

	if (x < 0 || y < 0)
		return XCCDF_R_ERROR;
	return (enum xccdf_result)and_table[x][y];
}

enum xccdf_result
xccdf_result_or(enum xccdf_result a, enum xccdf_result b)
{
	int x = table_index(a), y = table_index(b);

	if (x < 0 || y < 0)
		return XCCDF_R_ERROR;
	return (enum xccdf_result)or_table[x][y];
}

/* NOT: P -> F, F -> P, every other result unchanged (same charts). */
enum xccdf_result
xccdf_result_negate(enum xccdf_result r)
{
	int x = table_index(r);

	if (x < 0)
		return XCCDF_R_ERROR;
	if (x == XCCDF_R_PASS)
		return XCCDF_R_FAIL;
	if (x == XCCDF_R_FAIL)
		return XCCDF_R_PASS;
	return (enum xccdf_result)x;
}
