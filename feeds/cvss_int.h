/*
 * Private to feeds/cvss*.c: each version's metric table and scoring
 * function, the rounding rules, the v4.0 tables and the metric texts. Not
 * for other modules (they use feeds/feeds.h); the unit tests include it to
 * test the rounding rules and the v4.0 equivalence classes directly.
 */
#ifndef KS_FEEDS_CVSS_INT_H
#define KS_FEEDS_CVSS_INT_H

#include "feeds/feeds.h"

enum feed_cvss_group {
	FEED_CVSS_G_BASE,
	FEED_CVSS_G_TEMPORAL,	/* v2/v3 temporal, v4 threat */
	FEED_CVSS_G_ENV,
	FEED_CVSS_G_SUPP,	/* v4 supplemental: parsed, never scored */
};

#define FEED_CVSS_NO_UNSET	0xff

/* One metric of a version: its abbreviation and allowed values. */
struct feed_cvss_metric_def {
	const char		*abbr;
	unsigned char		 group;		/* enum feed_cvss_group */
	bool			 mandatory;
	unsigned char		 nvals;
	/* Index of the Not Defined value ("X", "ND"), or FEED_CVSS_NO_UNSET. */
	unsigned char		 unset;
	const char *const	*vals;
};

/* A version: its metrics and its scoring function. */
struct feed_cvss_scheme {
	enum feed_cvss_version			 ver;
	const struct feed_cvss_metric_def	*metrics;
	size_t					 nmetrics;
	/* Fills the scores and has_* flags from c->present/c->val (validated:
	 * every mandatory metric present); cannot fail. */
	void	(*score)(struct feed_cvss *c);
};

extern const struct feed_cvss_scheme feed_cvss_scheme_v2;
extern const struct feed_cvss_scheme feed_cvss_scheme_v30;
extern const struct feed_cvss_scheme feed_cvss_scheme_v31;
extern const struct feed_cvss_scheme feed_cvss_scheme_v40;

/* The scheme of a version (never NULL for a valid enum value). */
const struct feed_cvss_scheme *feed_cvss_scheme_of(enum feed_cvss_version v);

/*
 * The value index of metric i of `defs` in c: its value when the vector
 * sets it, else the metric's Not Defined index (mandatory metrics are
 * always set once the parser accepted the vector).
 */
static inline unsigned int
feed_cvss_get(const struct feed_cvss *c,
    const struct feed_cvss_metric_def *defs, int i)
{
	return (c->present >> i & 1u) ? c->val[i] : defs[i].unset;
}

/* ---- rounding rules ------------------------------------------------------ */
/* v2 round_to_1_decimal: half away from zero, after removing binary
 * floating-point noise (the specification computes in decimals). */
double feed_cvss_round_v2(double x);
/* v3.0 "Round up": the smallest one-decimal number >= x, as the v3.0
 * specification (section 7.4) and its calculator compute it: ceil(x * 10). */
double feed_cvss_roundup_v30(double x);
/* v3.1 "Roundup" of Appendix A: integer arithmetic on x * 100000 so that
 * floating-point error below 5e-6 never pushes a score up by 0.1. */
double feed_cvss_roundup_v31(double x);
/* v4.0 final rounding: half up to one decimal, with the 1e-6 epsilon of
 * FIRST's calculator. */
double feed_cvss_round_v4(double x);

/* ---- v4.0 ---------------------------------------------------------------- */
/* The six equivalence classes of a v4.0 vector (EQ1..EQ6), each 0-2. */
void feed_cvss4_macrovector(const struct feed_cvss *c, int eq[6]);

/* Generated tables: feeds/cvss_v4_tables.c. */
#define FEED_CVSS4_MAXLIST	5
struct feed_cvss4_maxlist {
	unsigned char	n;
	struct {
		char	v[8];	/* one letter per metric, see the generator */
	} vec[FEED_CVSS4_MAXLIST];
};
extern const signed char feed_cvss4_lookup[3][2][3][3][3][2];
extern const int feed_cvss4_lookup_count;
extern const struct feed_cvss4_maxlist feed_cvss4_max_eq1[3];
extern const struct feed_cvss4_maxlist feed_cvss4_max_eq2[2];
extern const struct feed_cvss4_maxlist feed_cvss4_max_eq3eq6[6];
extern const struct feed_cvss4_maxlist feed_cvss4_max_eq4[3];
extern const struct feed_cvss4_maxlist feed_cvss4_max_eq5[3];
extern const signed char feed_cvss4_maxsev_eq1[3];
extern const signed char feed_cvss4_maxsev_eq2[2];
extern const signed char feed_cvss4_maxsev_eq3eq6[3][2];
extern const signed char feed_cvss4_maxsev_eq4[3];
extern const signed char feed_cvss4_maxsev_eq5[3];

/* ---- texts --------------------------------------------------------------- */
/*
 * Name of metric `abbr` and of its value `val` for a version, in English
 * or Japanese. Returns 0, or KS_ENOTFOUND when the text table lacks them
 * (a bug: the tests check every metric and value has both texts).
 */
int feed_cvss_text(enum feed_cvss_version v, const char *abbr,
    const char *val, bool ja, const char **name, const char **val_name);

#endif /* KS_FEEDS_CVSS_INT_H */
