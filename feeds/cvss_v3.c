/*
 * CVSS v3.0 and v3.1: the metric table (the same for both) and the base,
 * temporal and environmental formulas of each specification (FIRST, v3.0
 * section 8, v3.1 section 7), with each version's rounding: v3.0's plain
 * "Round up", v3.1's "Roundup" of Appendix A and v3.1's changed Modified
 * Impact for a changed scope. Not the parser (feeds/cvss.c).
 */
#include <math.h>

#include "feeds/cvss_int.h"

enum {
	AV, AC, PR, UI, S, C, I, A,			/* base */
	E, RL, RC,					/* temporal */
	CR, IR, AR, MAV, MAC, MPR, MUI, MS, MC, MI, MA,	/* environmental */
	NMETRICS
};

/* Values in the order of the weight arrays; "X" (Not Defined) first for
 * the optional metrics, so a modified metric's index - 1 is the base
 * metric's index. */
static const char *const v_av[] = { "N", "A", "L", "P" };
static const char *const v_ac[] = { "L", "H" };
static const char *const v_pr[] = { "N", "L", "H" };
static const char *const v_ui[] = { "N", "R" };
static const char *const v_s[] = { "U", "C" };
static const char *const v_cia[] = { "H", "L", "N" };
static const char *const v_e[] = { "X", "H", "F", "P", "U" };
static const char *const v_rl[] = { "X", "U", "W", "T", "O" };
static const char *const v_rc[] = { "X", "C", "R", "U" };
static const char *const v_req[] = { "X", "H", "M", "L" };
static const char *const v_mav[] = { "X", "N", "A", "L", "P" };
static const char *const v_mac[] = { "X", "L", "H" };
static const char *const v_mpr[] = { "X", "N", "L", "H" };
static const char *const v_mui[] = { "X", "N", "R" };
static const char *const v_ms[] = { "X", "U", "C" };
static const char *const v_mcia[] = { "X", "H", "L", "N" };

/* v3.1 section 7.4 (v3.0 section 8.4): metric values. */
static const double w_av[] = { 0.85, 0.62, 0.55, 0.2 };
static const double w_ac[] = { 0.77, 0.44 };
static const double w_pr_u[] = { 0.85, 0.62, 0.27 };	/* scope unchanged */
static const double w_pr_c[] = { 0.85, 0.68, 0.5 };	/* scope changed */
static const double w_ui[] = { 0.85, 0.62 };
static const double w_cia[] = { 0.56, 0.22, 0.0 };
static const double w_e[] = { 1.0, 1.0, 0.97, 0.94, 0.91 };
static const double w_rl[] = { 1.0, 1.0, 0.97, 0.96, 0.95 };
static const double w_rc[] = { 1.0, 1.0, 0.96, 0.92 };
static const double w_req[] = { 1.0, 1.5, 1.0, 0.5 };

#define N(a)	(unsigned char)(sizeof(a) / sizeof((a)[0]))
#define BASE(ab, v)	\
	{ ab, FEED_CVSS_G_BASE, true, N(v), FEED_CVSS_NO_UNSET, v }
#define OPT(ab, g, v)	{ ab, g, false, N(v), 0, v }

static const struct feed_cvss_metric_def metrics[NMETRICS] = {
	[AV] = BASE("AV", v_av),
	[AC] = BASE("AC", v_ac),
	[PR] = BASE("PR", v_pr),
	[UI] = BASE("UI", v_ui),
	[S] = BASE("S", v_s),
	[C] = BASE("C", v_cia),
	[I] = BASE("I", v_cia),
	[A] = BASE("A", v_cia),
	[E] = OPT("E", FEED_CVSS_G_TEMPORAL, v_e),
	[RL] = OPT("RL", FEED_CVSS_G_TEMPORAL, v_rl),
	[RC] = OPT("RC", FEED_CVSS_G_TEMPORAL, v_rc),
	[CR] = OPT("CR", FEED_CVSS_G_ENV, v_req),
	[IR] = OPT("IR", FEED_CVSS_G_ENV, v_req),
	[AR] = OPT("AR", FEED_CVSS_G_ENV, v_req),
	[MAV] = OPT("MAV", FEED_CVSS_G_ENV, v_mav),
	[MAC] = OPT("MAC", FEED_CVSS_G_ENV, v_mac),
	[MPR] = OPT("MPR", FEED_CVSS_G_ENV, v_mpr),
	[MUI] = OPT("MUI", FEED_CVSS_G_ENV, v_mui),
	[MS] = OPT("MS", FEED_CVSS_G_ENV, v_ms),
	[MC] = OPT("MC", FEED_CVSS_G_ENV, v_mcia),
	[MI] = OPT("MI", FEED_CVSS_G_ENV, v_mcia),
	[MA] = OPT("MA", FEED_CVSS_G_ENV, v_mcia),
};

double
feed_cvss_roundup_v30(double x)
{
	/*
	 * v3.0 section 8.5: "Round up is defined as the smallest number,
	 * specified to one decimal place, that is equal to or higher than its
	 * input." That is a statement about real numbers; our doubles hold
	 * the formulas' decimal results with errors near 1e-15, so a guard of
	 * 1e-9 keeps a result that is exactly 4.0 in decimals at 4.0 instead
	 * of 4.1. Unlike v3.1's Roundup, 4.000001 still rounds up to 4.1.
	 */
	return ceil(x * 10.0 - 1e-9) / 10.0;
}

double
feed_cvss_roundup_v31(double x)
{
	/*
	 * v3.1 Appendix A: int_input = round_to_nearest_integer(input *
	 * 100000); if int_input % 10000 == 0 the result is int_input /
	 * 100000.0, else (floor(int_input / 10000) + 1) / 10.0.
	 */
	long long in = llround(x * 100000.0);

	if (in % 10000 == 0)
		return (double)in / 100000.0;
	return (double)(in / 10000 + 1) / 10.0;
}

static unsigned int
get(const struct feed_cvss *c, int m)
{
	return feed_cvss_get(c, metrics, m);
}

/* The effective value of modified metric `mm`: its own, or the base
 * metric's `bm` when Not Defined. */
static unsigned int
modified(const struct feed_cvss *c, int mm, int bm)
{
	unsigned int v = get(c, mm);

	return v == 0 ? get(c, bm) : v - 1;
}

/* Base or modified score before the temporal multipliers. */
static double
subscore(double impact, double expl, bool changed, double (*ru)(double))
{
	if (impact <= 0.0)
		return 0.0;
	if (changed)
		return ru(fmin(1.08 * (impact + expl), 10.0));
	return ru(fmin(impact + expl, 10.0));
}

static void
score_v3(struct feed_cvss *c, bool v31)
{
	double (*ru)(double) = v31 ? feed_cvss_roundup_v31 :
	    feed_cvss_roundup_v30;
	bool changed = get(c, S) == 1, mchanged;
	double iss, impact, expl, tm, miss, mimpact, mexpl;
	unsigned int ms;

	/* ISS = 1 - [(1 - C) x (1 - I) x (1 - A)]
	 * Impact = 6.42 x ISS (U), 7.52 x (ISS - 0.029) - 3.25 x
	 *   (ISS - 0.02)^15 (C); Exploitability = 8.22 x AV x AC x PR x UI */
	iss = 1.0 - (1.0 - w_cia[get(c, C)]) * (1.0 - w_cia[get(c, I)]) *
	    (1.0 - w_cia[get(c, A)]);
	impact = changed ? 7.52 * (iss - 0.029) - 3.25 * pow(iss - 0.02, 15) :
	    6.42 * iss;
	expl = 8.22 * w_av[get(c, AV)] * w_ac[get(c, AC)] *
	    (changed ? w_pr_c : w_pr_u)[get(c, PR)] * w_ui[get(c, UI)];
	c->base = subscore(impact, expl, changed, ru);

	/* Temporal = Roundup(Base x E x RL x RC), X counting as 1. */
	tm = w_e[get(c, E)] * w_rl[get(c, RL)] * w_rc[get(c, RC)];
	c->temporal = ru(c->base * tm);

	/*
	 * MISS = Minimum(1 - [(1 - CR x MC) x (1 - IR x MI) x (1 - AR x MA)],
	 *   0.915); ModifiedImpact = 6.42 x MISS (MS:U), else
	 *   v3.0: 7.52 x (MISS - 0.029) - 3.25 x (MISS - 0.02)^15
	 *   v3.1: 7.52 x (MISS - 0.029) - 3.25 x (MISS x 0.9731 - 0.02)^13
	 * Environmental = Roundup(Roundup(Minimum([1.08 x] (ModifiedImpact +
	 *   ModifiedExploitability), 10)) x E x RL x RC), 0 when
	 *   ModifiedImpact <= 0. Modified metrics that are X take the base
	 *   metric's value; MPR's weight follows the modified scope.
	 */
	ms = get(c, MS);
	mchanged = ms == 0 ? changed : ms == 2;
	miss = fmin(1.0 -
	    (1.0 - w_req[get(c, CR)] * w_cia[modified(c, MC, C)]) *
	    (1.0 - w_req[get(c, IR)] * w_cia[modified(c, MI, I)]) *
	    (1.0 - w_req[get(c, AR)] * w_cia[modified(c, MA, A)]), 0.915);
	if (!mchanged)
		mimpact = 6.42 * miss;
	else if (v31)
		mimpact = 7.52 * (miss - 0.029) -
		    3.25 * pow(miss * 0.9731 - 0.02, 13);
	else
		mimpact = 7.52 * (miss - 0.029) - 3.25 * pow(miss - 0.02, 15);
	mexpl = 8.22 * w_av[modified(c, MAV, AV)] * w_ac[modified(c, MAC, AC)] *
	    (mchanged ? w_pr_c : w_pr_u)[modified(c, MPR, PR)] *
	    w_ui[modified(c, MUI, UI)];
	c->environmental = mimpact <= 0.0 ? 0.0 :
	    ru(subscore(mimpact, mexpl, mchanged, ru) * tm);

	c->has_base = c->has_temporal = c->has_environmental = true;
}

static void
score_v30(struct feed_cvss *c)
{
	score_v3(c, false);
}

static void
score_v31(struct feed_cvss *c)
{
	score_v3(c, true);
}

const struct feed_cvss_scheme feed_cvss_scheme_v30 = {
	.ver = FEED_CVSS_V30,
	.metrics = metrics,
	.nmetrics = NMETRICS,
	.score = score_v30,
};

const struct feed_cvss_scheme feed_cvss_scheme_v31 = {
	.ver = FEED_CVSS_V31,
	.metrics = metrics,
	.nmetrics = NMETRICS,
	.score = score_v31,
};
