/*
 * CVSS v2.0: the metric table and the base, temporal and environmental
 * equations of "A Complete Guide to the Common Vulnerability Scoring
 * System Version 2.0" (FIRST, 2007), section 3.2. Not the parser
 * (feeds/cvss.c) and not the texts (feeds/cvss_text.c).
 */
#include <math.h>

#include "feeds/cvss_int.h"

enum {
	AV, AC, AU, C, I, A,		/* base */
	E, RL, RC,			/* temporal */
	CDP, TD, CR, IR, AR,		/* environmental */
	NMETRICS
};

/* Values in the order of the weight arrays below ("ND" = Not Defined). */
static const char *const v_av[] = { "L", "A", "N" };
static const char *const v_ac[] = { "H", "M", "L" };
static const char *const v_au[] = { "M", "S", "N" };
static const char *const v_imp[] = { "N", "P", "C" };
static const char *const v_e[] = { "U", "POC", "F", "H", "ND" };
static const char *const v_rl[] = { "OF", "TF", "W", "U", "ND" };
static const char *const v_rc[] = { "UC", "UR", "C", "ND" };
static const char *const v_cdp[] = { "N", "L", "LM", "MH", "H", "ND" };
static const char *const v_td[] = { "N", "L", "M", "H", "ND" };
static const char *const v_req[] = { "L", "M", "H", "ND" };

/* Guide, section 3.2.1-3.2.3 (metric values). */
static const double w_av[] = { 0.395, 0.646, 1.0 };
static const double w_ac[] = { 0.35, 0.61, 0.71 };
static const double w_au[] = { 0.45, 0.56, 0.704 };
static const double w_imp[] = { 0.0, 0.275, 0.660 };
static const double w_e[] = { 0.85, 0.9, 0.95, 1.0, 1.0 };
static const double w_rl[] = { 0.87, 0.90, 0.95, 1.0, 1.0 };
static const double w_rc[] = { 0.90, 0.95, 1.0, 1.0 };
static const double w_cdp[] = { 0.0, 0.1, 0.3, 0.4, 0.5, 0.0 };
static const double w_td[] = { 0.0, 0.25, 0.75, 1.0, 1.0 };
static const double w_req[] = { 0.5, 1.0, 1.51, 1.0 };

#define N(a)	(unsigned char)(sizeof(a) / sizeof((a)[0]))
#define BASE(ab, v)	\
	{ ab, FEED_CVSS_G_BASE, true, N(v), FEED_CVSS_NO_UNSET, v }
#define OPT(ab, g, v)	{ ab, g, false, N(v), N(v) - 1, v }

static const struct feed_cvss_metric_def metrics[NMETRICS] = {
	[AV] = BASE("AV", v_av),
	[AC] = BASE("AC", v_ac),
	[AU] = BASE("Au", v_au),
	[C] = BASE("C", v_imp),
	[I] = BASE("I", v_imp),
	[A] = BASE("A", v_imp),
	[E] = OPT("E", FEED_CVSS_G_TEMPORAL, v_e),
	[RL] = OPT("RL", FEED_CVSS_G_TEMPORAL, v_rl),
	[RC] = OPT("RC", FEED_CVSS_G_TEMPORAL, v_rc),
	[CDP] = OPT("CDP", FEED_CVSS_G_ENV, v_cdp),
	[TD] = OPT("TD", FEED_CVSS_G_ENV, v_td),
	[CR] = OPT("CR", FEED_CVSS_G_ENV, v_req),
	[IR] = OPT("IR", FEED_CVSS_G_ENV, v_req),
	[AR] = OPT("AR", FEED_CVSS_G_ENV, v_req),
};

double
feed_cvss_round_v2(double x)
{
	/*
	 * The guide's round_to_1_decimal on decimal numbers, half away from
	 * zero (a negative adjusted base score can occur and must round like
	 * the decimal computation: -0.15 -> -0.2). Our binary doubles carry
	 * errors near 1e-14 at this scale: the 1e-9 guard puts a value that
	 * is exactly x.x5 in decimals on the upper side, where it belongs.
	 */
	double t = floor(fabs(x) * 10.0 + 0.5 + 1e-9);

	return copysign(t / 10.0, x);
}

static double
w(const struct feed_cvss *c, int m, const double *weights)
{
	return weights[feed_cvss_get(c, metrics, m)];
}

/* BaseScore = round_to_1_decimal(((0.6*Impact)+(0.4*Exploitability)-1.5)
 *   * f(Impact)), f(Impact) = 0 if Impact = 0, else 1.176. */
static double
base_equation(double impact, double expl)
{
	double f = impact == 0.0 ? 0.0 : 1.176;

	return feed_cvss_round_v2((0.6 * impact + 0.4 * expl - 1.5) * f);
}

static void
score_v2(struct feed_cvss *c)
{
	double ci = w(c, C, w_imp), ii = w(c, I, w_imp), ai = w(c, A, w_imp);
	double impact, expl, tm, adj, adj_base, adj_temp;

	/* Impact = 10.41*(1-(1-ConfImpact)*(1-IntegImpact)*(1-AvailImpact)) */
	impact = 10.41 * (1.0 - (1.0 - ci) * (1.0 - ii) * (1.0 - ai));
	/* Exploitability = 20*AccessVector*AccessComplexity*Authentication */
	expl = 20.0 * w(c, AV, w_av) * w(c, AC, w_ac) * w(c, AU, w_au);
	c->base = fmax(0.0, base_equation(impact, expl));
	c->has_base = true;

	/* TemporalScore = round_to_1_decimal(BaseScore*Exploitability
	 *   *RemediationLevel*ReportConfidence) */
	tm = w(c, E, w_e) * w(c, RL, w_rl) * w(c, RC, w_rc);
	c->has_temporal = c->sets_temporal;
	if (c->has_temporal)
		c->temporal = fmax(0.0, feed_cvss_round_v2(c->base * tm));

	/*
	 * AdjustedImpact = min(10, 10.41*(1-(1-ConfImpact*ConfReq)
	 *   *(1-IntegImpact*IntegReq)*(1-AvailImpact*AvailReq)))
	 * AdjustedTemporal = TemporalScore recomputed with the BaseScore's
	 *   Impact sub-equation replaced with the AdjustedImpact equation
	 * EnvironmentalScore = round_to_1_decimal((AdjustedTemporal+
	 *   (10-AdjustedTemporal)*CollateralDamagePotential)
	 *   *TargetDistribution)
	 */
	c->has_environmental = c->sets_environmental;
	if (!c->has_environmental)
		return;
	adj = fmin(10.0, 10.41 * (1.0 - (1.0 - ci * w(c, CR, w_req)) *
	    (1.0 - ii * w(c, IR, w_req)) * (1.0 - ai * w(c, AR, w_req))));
	adj_base = base_equation(adj, expl);
	adj_temp = feed_cvss_round_v2(adj_base * tm);
	c->environmental = fmax(0.0, feed_cvss_round_v2((adj_temp +
	    (10.0 - adj_temp) * w(c, CDP, w_cdp)) * w(c, TD, w_td)));
}

const struct feed_cvss_scheme feed_cvss_scheme_v2 = {
	.ver = FEED_CVSS_V2,
	.metrics = metrics,
	.nmetrics = NMETRICS,
	.score = score_v2,
};
