/*
 * CVSS v4.0: the metric table and the scoring method of the v4.0
 * specification (FIRST, section 8): the vector's macrovector (EQ1-EQ6),
 * its score in FIRST's lookup table, then the interpolation towards the
 * next lower macrovectors by the vector's severity distance from the
 * macrovector's highest-severity vectors. The tables themselves are
 * generated into feeds/cvss_v4_tables.c. Not the parser (feeds/cvss.c).
 */
#include <math.h>
#include <string.h>

#include "feeds/cvss_int.h"

enum {
	AV, AC, AT, PR, UI, VC, VI, VA, SC, SI, SA,	/* base */
	E,						/* threat */
	CR, IR, AR, MAV, MAC, MAT, MPR, MUI,		/* environmental */
	MVC, MVI, MVA, MSC, MSI, MSA,
	S, AU, R, V, RE, U,				/* supplemental */
	NMETRICS
};

static const char *const v_av[] = { "N", "A", "L", "P" };
static const char *const v_ac[] = { "L", "H" };
static const char *const v_at[] = { "N", "P" };
static const char *const v_pr[] = { "N", "L", "H" };
static const char *const v_ui[] = { "N", "P", "A" };
static const char *const v_cia[] = { "H", "L", "N" };
static const char *const v_e[] = { "X", "A", "P", "U" };
static const char *const v_req[] = { "X", "H", "M", "L" };
static const char *const v_mav[] = { "X", "N", "A", "L", "P" };
static const char *const v_mac[] = { "X", "L", "H" };
static const char *const v_mat[] = { "X", "N", "P" };
static const char *const v_mpr[] = { "X", "N", "L", "H" };
static const char *const v_mui[] = { "X", "N", "P", "A" };
static const char *const v_mcia[] = { "X", "H", "L", "N" };
static const char *const v_msia[] = { "X", "S", "H", "L", "N" };
static const char *const v_s[] = { "X", "N", "P" };
static const char *const v_au[] = { "X", "N", "Y" };
static const char *const v_r[] = { "X", "A", "U", "I" };
static const char *const v_v[] = { "X", "D", "C" };
static const char *const v_re[] = { "X", "L", "M", "H" };
static const char *const v_u[] = { "X", "Clear", "Green", "Amber", "Red" };

#define N(a)	(unsigned char)(sizeof(a) / sizeof((a)[0]))
#define BASE(ab, v)	\
	{ ab, FEED_CVSS_G_BASE, true, N(v), FEED_CVSS_NO_UNSET, v }
#define OPT(ab, g, v)	{ ab, g, false, N(v), 0, v }

static const struct feed_cvss_metric_def metrics[NMETRICS] = {
	[AV] = BASE("AV", v_av),
	[AC] = BASE("AC", v_ac),
	[AT] = BASE("AT", v_at),
	[PR] = BASE("PR", v_pr),
	[UI] = BASE("UI", v_ui),
	[VC] = BASE("VC", v_cia),
	[VI] = BASE("VI", v_cia),
	[VA] = BASE("VA", v_cia),
	[SC] = BASE("SC", v_cia),
	[SI] = BASE("SI", v_cia),
	[SA] = BASE("SA", v_cia),
	[E] = OPT("E", FEED_CVSS_G_TEMPORAL, v_e),
	[CR] = OPT("CR", FEED_CVSS_G_ENV, v_req),
	[IR] = OPT("IR", FEED_CVSS_G_ENV, v_req),
	[AR] = OPT("AR", FEED_CVSS_G_ENV, v_req),
	[MAV] = OPT("MAV", FEED_CVSS_G_ENV, v_mav),
	[MAC] = OPT("MAC", FEED_CVSS_G_ENV, v_mac),
	[MAT] = OPT("MAT", FEED_CVSS_G_ENV, v_mat),
	[MPR] = OPT("MPR", FEED_CVSS_G_ENV, v_mpr),
	[MUI] = OPT("MUI", FEED_CVSS_G_ENV, v_mui),
	[MVC] = OPT("MVC", FEED_CVSS_G_ENV, v_mcia),
	[MVI] = OPT("MVI", FEED_CVSS_G_ENV, v_mcia),
	[MVA] = OPT("MVA", FEED_CVSS_G_ENV, v_mcia),
	[MSC] = OPT("MSC", FEED_CVSS_G_ENV, v_mcia),
	[MSI] = OPT("MSI", FEED_CVSS_G_ENV, v_msia),
	[MSA] = OPT("MSA", FEED_CVSS_G_ENV, v_msia),
	[S] = OPT("S", FEED_CVSS_G_SUPP, v_s),
	[AU] = OPT("AU", FEED_CVSS_G_SUPP, v_au),
	[R] = OPT("R", FEED_CVSS_G_SUPP, v_r),
	[V] = OPT("V", FEED_CVSS_G_SUPP, v_v),
	[RE] = OPT("RE", FEED_CVSS_G_SUPP, v_re),
	[U] = OPT("U", FEED_CVSS_G_SUPP, v_u),
};

/*
 * The letters the equations look at ("effective" values, specification
 * section 8.2): a modified metric replaces its base metric unless it is X;
 * E X counts as A (Attacked) and CR/IR/AR X as H, the worst case.
 */
enum { F_AV, F_PR, F_UI, F_AC, F_AT, F_VC, F_VI, F_VA, F_SC, F_SI, F_SA,
	F_CR, F_IR, F_AR, F_E, NF };

static char
letter(const struct feed_cvss *c, int m)
{
	return metrics[m].vals[feed_cvss_get(c, metrics, m)][0];
}

static char
eff(const struct feed_cvss *c, int bm, int mm)
{
	char l = letter(c, mm);

	return l == 'X' ? letter(c, bm) : l;
}

static void
effective(const struct feed_cvss *c, char f[NF])
{
	char l;

	f[F_AV] = eff(c, AV, MAV);
	f[F_PR] = eff(c, PR, MPR);
	f[F_UI] = eff(c, UI, MUI);
	f[F_AC] = eff(c, AC, MAC);
	f[F_AT] = eff(c, AT, MAT);
	f[F_VC] = eff(c, VC, MVC);
	f[F_VI] = eff(c, VI, MVI);
	f[F_VA] = eff(c, VA, MVA);
	f[F_SC] = eff(c, SC, MSC);
	f[F_SI] = eff(c, SI, MSI);
	f[F_SA] = eff(c, SA, MSA);
	l = letter(c, CR);
	f[F_CR] = l == 'X' ? 'H' : l;
	l = letter(c, IR);
	f[F_IR] = l == 'X' ? 'H' : l;
	l = letter(c, AR);
	f[F_AR] = l == 'X' ? 'H' : l;
	l = letter(c, E);
	f[F_E] = l == 'X' ? 'A' : l;
}

/* Specification section 8.2, Table 24-29: the equivalence classes. */
static void
macrovector(const char f[NF], int eq[6])
{
	bool av_n = f[F_AV] == 'N', pr_n = f[F_PR] == 'N',
	    ui_n = f[F_UI] == 'N';

	/* EQ1: 0 AV:N and PR:N and UI:N; 1 (AV:N or PR:N or UI:N) and not
	 * (all three) and not AV:P; 2 AV:P or not (AV:N or PR:N or UI:N). */
	if (av_n && pr_n && ui_n)
		eq[0] = 0;
	else if ((av_n || pr_n || ui_n) && f[F_AV] != 'P')
		eq[0] = 1;
	else
		eq[0] = 2;
	/* EQ2: 0 AC:L and AT:N; 1 otherwise. */
	eq[1] = f[F_AC] == 'L' && f[F_AT] == 'N' ? 0 : 1;
	/* EQ3: 0 VC:H and VI:H; 1 not that but one of VC/VI/VA H; 2 none H. */
	if (f[F_VC] == 'H' && f[F_VI] == 'H')
		eq[2] = 0;
	else if (f[F_VC] == 'H' || f[F_VI] == 'H' || f[F_VA] == 'H')
		eq[2] = 1;
	else
		eq[2] = 2;
	/* EQ4: 0 MSI:S or MSA:S; 1 not that but SC/SI/SA H; 2 otherwise. */
	if (f[F_SI] == 'S' || f[F_SA] == 'S')
		eq[3] = 0;
	else if (f[F_SC] == 'H' || f[F_SI] == 'H' || f[F_SA] == 'H')
		eq[3] = 1;
	else
		eq[3] = 2;
	/* EQ5: E:A 0, E:P 1, E:U 2. */
	eq[4] = f[F_E] == 'A' ? 0 : f[F_E] == 'P' ? 1 : 2;
	/* EQ6: 0 (CR:H and VC:H) or (IR:H and VI:H) or (AR:H and VA:H). */
	eq[5] = (f[F_CR] == 'H' && f[F_VC] == 'H') ||
	    (f[F_IR] == 'H' && f[F_VI] == 'H') ||
	    (f[F_AR] == 'H' && f[F_VA] == 'H') ? 0 : 1;
}

void
feed_cvss4_macrovector(const struct feed_cvss *c, int eq[6])
{
	char f[NF];

	effective(c, f);
	macrovector(f, eq);
}

/* The score of macrovector eq in tenths, or -1 where there is none (out of
 * range or not in FIRST's table). */
static int
lookup(const int eq[6])
{
	static const int dim[6] = { 3, 2, 3, 3, 3, 2 };
	int i;

	for (i = 0; i < 6; i++)
		if (eq[i] < 0 || eq[i] >= dim[i])
			return -1;
	return feed_cvss4_lookup[eq[0]][eq[1]][eq[2]][eq[3]][eq[4]][eq[5]];
}

static int
lookup_bumped(const int eq[6], int i, int j)
{
	int n[6];

	memcpy(n, eq, sizeof(n));
	n[i]++;
	if (j >= 0)
		n[j]++;
	return lookup(n);
}

/*
 * Severity levels in steps of 0.1 (FIRST calculator's *_levels): the
 * distance of a value from a max vector's value is the difference.
 */
static int
level(int f, char l)
{
	switch (f) {
	case F_AV:	return l == 'N' ? 0 : l == 'A' ? 1 : l == 'L' ? 2 : 3;
	case F_PR:	return l == 'N' ? 0 : l == 'L' ? 1 : 2;
	case F_UI:	return l == 'N' ? 0 : l == 'P' ? 1 : 2;
	case F_AC:	return l == 'L' ? 0 : 1;
	case F_AT:	return l == 'N' ? 0 : 1;
	case F_VC: case F_VI: case F_VA:
		return l == 'H' ? 0 : l == 'L' ? 1 : 2;
	case F_SC: case F_SI: case F_SA:
		return l == 'S' ? 0 : l == 'H' ? 1 : l == 'L' ? 2 : 3;
	case F_CR: case F_IR: case F_AR:
		return l == 'H' ? 0 : l == 'M' ? 1 : 2;
	}
	return 0;
}

/* The metrics each max vector list gives, in the generator's order. */
static const int eq1_f[] = { F_AV, F_PR, F_UI };
static const int eq2_f[] = { F_AC, F_AT };
static const int eq36_f[] = { F_VC, F_VI, F_VA, F_CR, F_IR, F_AR };
static const int eq4_f[] = { F_SC, F_SI, F_SA };

/* Adds the distances of f from max vector `mv` to d[]; false if one is
 * negative (the vector is not below that max vector). */
static bool
distances(const char f[NF], const char *mv, const int *fs, size_t n,
    int d[NF])
{
	bool ok = true;
	size_t i;

	for (i = 0; i < n; i++) {
		d[fs[i]] = level(fs[i], f[fs[i]]) - level(fs[i], mv[i]);
		if (d[fs[i]] < 0)
			ok = false;
	}
	return ok;
}

/*
 * Picks the first combination of the macrovector's max vectors that the
 * vector does not exceed in any metric (FIRST's loop order: eq1 outermost,
 * eq5 innermost) and fills d[] with the distances from it; as FIRST's
 * calculator, falls back to the last combination when none fits.
 */
static void
severity_distances(const char f[NF], const int eq[6], int d[NF])
{
	const struct feed_cvss4_maxlist *l1 = &feed_cvss4_max_eq1[eq[0]];
	const struct feed_cvss4_maxlist *l2 = &feed_cvss4_max_eq2[eq[1]];
	const struct feed_cvss4_maxlist *l36 =
	    &feed_cvss4_max_eq3eq6[eq[2] * 2 + eq[5]];
	const struct feed_cvss4_maxlist *l4 = &feed_cvss4_max_eq4[eq[3]];
	const struct feed_cvss4_maxlist *l5 = &feed_cvss4_max_eq5[eq[4]];
	unsigned int a, b, k, m, n5;

	memset(d, 0, sizeof(int) * NF);
	for (a = 0; a < l1->n; a++)
		for (b = 0; b < l2->n; b++)
			for (k = 0; k < l36->n; k++)
				for (m = 0; m < l4->n; m++)
					for (n5 = 0; n5 < l5->n; n5++) {
		bool ok = distances(f, l1->vec[a].v, eq1_f, 3, d);

		ok = distances(f, l2->vec[b].v, eq2_f, 2, d) && ok;
		ok = distances(f, l36->vec[k].v, eq36_f, 6, d) && ok;
		ok = distances(f, l4->vec[m].v, eq4_f, 3, d) && ok;
		if (ok)
			return;
					}
}

double
feed_cvss_round_v4(double x)
{
	/* FIRST calculator: round half up after adding EPSILON = 1e-6, so
	 * that e.g. 8.6 - 7.15 = 1.4499999999999993 rounds to 1.5. */
	return floor((x + 1e-6) * 10.0 + 0.5) / 10.0;
}

static double
score_of(const char f[NF])
{
	int eq[6], d[NF], value, lower[5], cur[4], maxsev[4], n = 0, i;
	double sum = 0.0, x;

	if (f[F_VC] == 'N' && f[F_VI] == 'N' && f[F_VA] == 'N' &&
	    f[F_SC] == 'N' && f[F_SI] == 'N' && f[F_SA] == 'N')
		return 0.0;
	macrovector(f, eq);
	value = lookup(eq);
	if (value < 0)
		return 0.0;	/* cannot happen: every reachable class has
				   a score */

	/* The next lower macrovector of each EQ (eq3 and eq6 move as one). */
	lower[0] = lookup_bumped(eq, 0, -1);
	lower[1] = lookup_bumped(eq, 1, -1);
	if (eq[2] == 0 && eq[5] == 0) {
		/* Two neighbours; the higher counts, none if one is missing. */
		int l = lookup_bumped(eq, 5, -1), r = lookup_bumped(eq, 2, -1);

		lower[2] = l < 0 || r < 0 ? -1 : l > r ? l : r;
	} else if (eq[2] == 1 && eq[5] == 0)
		lower[2] = lookup_bumped(eq, 5, -1);
	else if (eq[5] == 1 && eq[2] <= 1)
		lower[2] = lookup_bumped(eq, 2, -1);
	else
		lower[2] = lookup_bumped(eq, 2, 5);
	lower[3] = lookup_bumped(eq, 3, -1);
	lower[4] = lookup_bumped(eq, 4, -1);

	severity_distances(f, eq, d);
	cur[0] = d[F_AV] + d[F_PR] + d[F_UI];
	cur[1] = d[F_AC] + d[F_AT];
	cur[2] = d[F_VC] + d[F_VI] + d[F_VA] + d[F_CR] + d[F_IR] + d[F_AR];
	cur[3] = d[F_SC] + d[F_SI] + d[F_SA];
	maxsev[0] = feed_cvss4_maxsev_eq1[eq[0]];
	maxsev[1] = feed_cvss4_maxsev_eq2[eq[1]];
	maxsev[2] = feed_cvss4_maxsev_eq3eq6[eq[2]][eq[5]];
	maxsev[3] = feed_cvss4_maxsev_eq4[eq[3]];

	/*
	 * For each EQ with a lower macrovector: the available distance
	 * (score difference to it) times the vector's share of the class's
	 * maximal severity distance; EQ5 contributes 0 but counts.
	 */
	for (i = 0; i < 5; i++) {
		if (lower[i] < 0 || value - lower[i] < 0)
			continue;
		n++;
		if (i < 4 && maxsev[i] > 0)
			sum += (double)(value - lower[i]) / 10.0 *
			    ((double)cur[i] / (double)maxsev[i]);
	}
	x = (double)value / 10.0;
	if (n > 0)
		x -= sum / n;
	x = fmin(10.0, fmax(0.0, x));
	return feed_cvss_round_v4(x);
}

static void
score_v4(struct feed_cvss *c)
{
	char f[NF];

	effective(c, f);
	c->score = score_of(f);
	c->has_base = c->has_temporal = c->has_environmental = false;
}

const struct feed_cvss_scheme feed_cvss_scheme_v40 = {
	.ver = FEED_CVSS_V40,
	.metrics = metrics,
	.nmetrics = NMETRICS,
	.score = score_v4,
};
